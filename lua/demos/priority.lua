-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: balance_pgdat()'s priority loop. Each pass
-- at priority p scans lru_size >> p pages of each list get_scan_count()
-- picks; a pass that falls short lowers p and doubles the next scan.
-- The demo stops kswapd at the top of each pass with step("priority").
--
--   kswapsim lua/demos/priority.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/priority.lua  the same text; a claim
--                                            that stops being true fails

local fmt = string.format

-- 1 GiB, 700 MiB of page cache read once, anonymous memory down to
-- between min and low: kswapd0 wakes, stopped at its first priority
local function machine ()
-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
  reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}},
        sysctl = {percpu_pagelist_high_fraction = 65536}}
  local z = node(0).zones.DMA32
  run(30)
  alloc("700M", {kind = "file"})
  alloc(z.free - (z.min + z.low) // 2, {kind = "anon"})
  return node(0), z, step("priority")
end

local n, z, w = machine()

chapter("DEF_PRIORITY")
say(fmt("700 MiB of page cache, then anonymous memory: free %d < low %d,",
        z.free, z.low))
say("kswapd0 wakes and balance_pgdat() starts its loop, stopped here by")
say(fmt("step(\"priority\"): %s() at %s:%d, priority %d.", w.fn, w.file,
        w.line, w.priority))
expect(w.fn, "balance_pgdat", "stopped in balance_pgdat()")
expect(w.priority, 12, "the loop starts at DEF_PRIORITY")
say(fmt("Each pass targets nr_to_reclaim = the high mark, %d pages, and", z.high))
say("scans lru_size >> priority pages: 1/4096 of each list at 12.")
pause()

chapter("What each priority scans")
say("prio  inactive_file  >> prio  scanned  reclaimed  free")
local size, prio, total = n.lru.inactive_file, w.priority, 0
local passes = 0
while true do
  w = step("priority")
  if not w or w.granularity ~= "priority" then break end
  passes = passes + 1
  -- get_scan_count(): cache_trim_mode, SCAN_FILE: size >> priority
  expect(w.nr_scanned, size >> prio,
         fmt("priority %d scans inactive_file >> %d", prio, prio))
  expect(w.nr_to_reclaim, z.high, "nr_to_reclaim is the high mark")
  total = total + w.nr_scanned
  say(fmt("%4d  %13d  %7d  %7d  %9d  %4d", prio, size, size >> prio,
          w.nr_scanned, w.nr_reclaimed, z.free))
  size, prio = n.lru.inactive_file, w.priority
  pause(1)
end
expect(passes, 4, "four passes, 12 down to 9")
expect(z.free > z.high, "free above high after the pass at 9")
expect(vmstat().pgscan_kswapd, total, "pgscan_kswapd is the sum")
say(fmt("Free %d > high %d: at the top of the loop pgdat_balanced() is", z.free,
        z.high))
say(fmt("true and kswapd leaves at priority %d, having scanned %d pages:",
        n.kswapd.priority, total))
say("no pass scanned nr_to_reclaim pages, so each one lowered priority.")
pause()

chapter("Priority 0")
n, z, w = machine()
set_priority(0)
say("Again, but set_priority(0) before the first pass: the target is the")
say(fmt("whole list, %d >> 0 pages.", n.lru.inactive_file))
local whole = n.lru.inactive_file
pause()
w = step("priority")
expect(w.nr_reclaimed >= w.nr_to_reclaim, true, "nr_to_reclaim reached")
expect(w.nr_scanned < whole // 100, true, "far less than the list scanned")
expect(w.nr_scanned % 32, 0, "whole batches of SWAP_CLUSTER_MAX")
say(fmt("It scanned %d and reclaimed %d: with only file lists to scan,",
        w.nr_scanned, w.nr_reclaimed))
say(fmt("shrink_lruvec() stops kswapd once nr_reclaimed >= nr_to_reclaim"))
say(fmt("(%d), in batches of 32 (SWAP_CLUSTER_MAX). A low priority asks",
        w.nr_to_reclaim))
say("for more, not for all.")
cont()
pause()

chapter("6.12 and the seeds")
say("A seed tabulates priorities as stages: 12 scans inactive file")
say("pages, 10 adds anon, 8 active file, 5 active anon, 3 compaction.")
pause()
say("6.12 has no stages: every pass scans each list get_scan_count()")
say("picks, in proportion (swappiness.lua), lru_size >> priority each;")
say("active lists age when the inactive ones run low. The loop runs")
say("while priority >= 1, and a pass that scanned or reclaimed")
say("nr_to_reclaim pages keeps its priority (raise_priority = false).")
