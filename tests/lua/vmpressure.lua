-- SPDX-License-Identifier: GPL-2.0-only
-- vmpressure() (mm/vmpressure.c, the root memory cgroup): reclaim adds
-- what each shrink_node() pass scanned and reclaimed; once 512 pages are
-- scanned it queues a work item, and the kworker that runs it turns the
-- window into a pressure, 100 * (1 - reclaimed / scanned) in the
-- kernel's integer steps (vmpressure_calc_level()), and a level: low
-- below 60, medium, critical from 95.

local T = require "lib.testlib"
local expect = T.expect

-- Clean page cache that nobody uses again: every page scanned is freed,
-- a pressure of 0, low.
reset{cpus = 1, thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}}
local z = node(0).zones.DMA32
run(30)
expect(vmpressure().level, "none", "no window before any reclaim")
for _, t in ipairs(tasks()) do
  if t.name == "kworker/0:1" then expect(t.state, "sleeping", "the kworker") end
end
alloc(z.free - z.low + 3000, {kind = "file"})
local v = vmpressure()
-- direct reclaim by Lua's task scanned 3000-odd pages, freed them all:
-- the work is queued, but the kworker has not run yet
expect(v.scanned >= 512, true, "a window of at least 512 pages")
expect(v.reclaimed, v.scanned, "every page scanned was reclaimed")
expect(v.level, "none", "the work waits for the kworker")
run(5)
v = vmpressure()
expect(v.level, "low", "clean cache: low")
expect(v.pressure, 0, "nothing scanned in vain")
expect(v.events.low >= 1, true, "one work found low pressure")
expect(v.events.critical, 0, "none found critical")
check()

-- Anonymous memory without swap: reclaim scans and frees nothing, and
-- direct reclaim's priorities 3 to 0 each count a whole window freeing
-- nothing (vmpressure_prio()) before the OOM killer comes: critical.
reset{cpus = 1, thp = false, slab = false, nodes = {{zones = {DMA32 = "64M"}}}}
run(30)
task("leak"):start{kind = "anon", size = "128M", rate = 2048}
run(100)
v = vmpressure()
expect(vmstat().oom_kill, 1, "the leak was killed")
expect(v.level, "critical", "no page freed: critical")
expect(v.pressure, 100, "every page scanned in vain")
expect(v.events.critical >= 1, true, "a work found critical pressure")
check()
