-- SPDX-License-Identifier: GPL-2.0-only
-- t:start{..., cycle = true, passes = N} stops after N passes through its
-- region, and t.working says whether a workload still runs: how
-- tests/oracle/replay.lua runs the oracle's eater (written once, read
-- back once) and knows when it is done.

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

reset{thp = false, nodes = {{zones = {DMA32 = "64M"}}}}
local t = task("eater")
expect(t.working, false, "no workload yet")
local f0 = vmstat().pgfault
t:start{kind = "anon", size = 100, rate = 10, every = 1, cycle = true,
        passes = 3}
expect(t.working, true, "the workload runs")
run(5)
expect(t.working, true, "5 of its 30 periods")
run(40)
expect(t.working, false, "3 passes of 10 periods, then it ends")
-- pass 1 faults every page in; passes 2 and 3 find them mapped
expect(vmstat().pgfault - f0, 100, "faults: pass 1 only")
expect(t.rss, 100, "the task keeps its pages")
t:start{kind = "anon", size = 10, rate = 10, cycle = true}
run(10)
expect(t.working, true, "without passes a cycling workload goes on")
local y = task("y")
checkerror("passes must be 0 or more", y.start, y,
           {kind = "anon", size = 10, passes = -1})

-- burst = N: N pages back to back, the bursts spaced to keep rate pages
-- every `every` jiffies: 40 pages at 10 a jiffy start every 4 jiffies
reset{thp = false, nodes = {{zones = {DMA32 = "64M"}}}}
local b = task("burst")
b:start{kind = "anon", size = 1000, rate = 10, burst = 40}
run(4)
expect(b.rss, 40, "one burst of 40 in the first 4 jiffies")
run(1)
expect(b.rss, 80, "the second at jiffy 4")
run(15)
expect(b.rss, 200, "10 a jiffy on average over 20 jiffies")
checkerror("size expected %(pages, or a string like \"16M\"%), got 'x'",
           b.start, task("z"),
           {kind = "anon", size = 10, burst = "x"})
