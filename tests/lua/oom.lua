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

-- A victim that is still alive when another allocation runs out: the
-- scan aborts on it (mm/oom_kill.c: oom_evaluate_task()) and the
-- allocator retries. The victim must get to run and exit, or the REPL's
-- allocation went round for ever (found by the lua_api fuzzer: a
-- min_free_kbytes above all memory, a workload that never ran). Every
-- allocation fails the watermarks: the kill takes the workload's task,
-- which exits once it runs; the next scan finds nothing to kill, and the
-- allocation fails.
reset{thp = false, nodes = {{zones = {DMA = "4M", DMA32 = "12M"}}}}
sysctl.min_free_kbytes = 65536
expect((pcall(alloc, 8, {kind = "kernel"})), false, "a kernel allocation")
local steady = require("workloads").steady_allocator{size = 3584, rate = 55}
local j0 = jiffies()
local ok, err = pcall(alloc, 1, {kind = "file"})
expect(ok, false, "a file allocation with every watermark above memory")
assert(tostring(err):find("page allocation failure: order:0", 1, true), err)
expect(steady.state, "dead", "the victim ran and exited")
log = dmesg()
has("Out of memory: Killed process " .. steady.pid)
assert(jiffies() - j0 < 250, "the allocator waited " .. jiffies() - j0 ..
       " jiffies for the victim")
