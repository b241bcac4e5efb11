-- SPDX-License-Identifier: GPL-2.0-only
-- The OOM killer from Lua, no swap: the task with the highest
-- oom_badness() (resident pages + oom_score_adj * totalpages / 1000) dies,
-- its memory comes back, and dmesg() shows mm/oom_kill.c's lines.
-- 256 MiB of DMA32: totalpages 65536, 65536 / 1000 = 65.

local expect = require("lib.testlib").expect

reset{thp = false, nodes = {{zones = {DMA32 = "256M"}}},
      sysctl = {min_free_kbytes = 4096}}
local big = task("big")
local adj = task("adj", {oom_score_adj = 1000})
big:alloc(30000)
adj:alloc(10000)
-- badness: big 30000, adj 10000 + 1000 * 65 = 75000: adj goes
alloc(25000)
expect(vmstat().oom_kill, 1, "oom_kill")
local log = dmesg()
local function has (text)
  assert(log:find(text, 1, true), "dmesg lacks: " .. text .. "\n" .. log)
end
has("] init invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n")
has("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=adj,pid=" .. adj.pid .. ",uid=0\n")
has("Out of memory: Killed process " .. adj.pid .. " (adj) total-vm:40000kB, anon-rss:40000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:1000\n")
expect(adj.state, "dead", "victim")
expect(big.rss, 30000, "big keeps its memory")
