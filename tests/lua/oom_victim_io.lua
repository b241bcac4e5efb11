-- SPDX-License-Identifier: GPL-2.0-only
-- A task that Lua drives (no stack of its own) and that the OOM killer
-- ends in the middle of its own direct reclaim: task_kill() marks it
-- TASK_DEAD at once, so it cannot sleep any more. Its reclaim goes on
-- writing swap (pageout()), and a write that finds wbt's limit reached
-- (block/blk-wbt.c: wbt_wait()) or a read it waits for must not put it
-- to sleep: no time would pass for a dead task, and the machine would
-- spin for good. Here the victim's touch() returns, the victim dead and
-- killed once.

local T = require "lib.testlib"
local expect = T.expect

reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "256M"}}},
      swap = "128M"}
local v = task("victim", {oom_score_adj = 1000})
local r = v:alloc("120M")
local e = task("eater")
e:start{kind = "anon", size = "200M", rate = "50M", cycle = true}
for _ = 1, 200 do run(1) end
expect(vmstat().oom_kill, 0, "no OOM kill yet")
local e2 = task("eater2")
e2:start{kind = "anon", size = "400M", rate = "8M", cycle = true}
v:touch(r)
expect(v.state, "dead", "the victim was killed during its touch")
expect(vmstat().oom_kill, 1, "once")
check()
