-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: get_scan_count() and swappiness. The same
-- workload runs four times; pgscan_anon and pgscan_file in /proc/vmstat
-- show which LRU lists kswapd scanned, and why.
--
--   kswapsim lua/demos/swappiness.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/swappiness.lua  the same text; a claim
--                                              that stops being true fails

local fmt = string.format

-- 200 MiB anon, 200 MiB page cache (used twice when `hot`), then anon
-- down to between min and low: kswapd wakes; 100 jiffies later, the scans
local function machine (swappiness, hot, swap)
  reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "512M"}}},
-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
        swap = swap, sysctl = {swappiness = swappiness,
                               percpu_pagelist_high_fraction = 65536}}
  local z = node(0).zones.DMA32
  run(30)
  alloc("200M", {kind = "anon"})
  local c = alloc("200M", {kind = "file"})
  if hot then
    touch(c)
    touch(c)
  end
  alloc(z.free - (z.min + z.low) // 2, {kind = "anon"})
  run(100)
  local v = vmstat()
  say(fmt("  swappiness %3d: pgscan_anon %5d  pgscan_file %5d  pswpout %5d",
          swappiness, v.pgscan_anon, v.pgscan_file, v.pswpout))
  return v
end

chapter("Cache trim mode")
say("512 MiB, 512 MiB of swap: 200 MiB of anonymous memory, 200 MiB of")
say("page cache read once, then more anonymous memory wakes kswapd.")
local v = machine(60, false, "512M")
pause()
say("prepare_scan_control() sees a large inactive file list and no recent")
say("file refaults: sc->cache_trim_mode, so get_scan_count() picks")
say("SCAN_FILE. Use-once cache goes first, whatever swappiness says.")
expect(v.pgscan_anon, 0, "cache_trim_mode: no anon scanned")
expect(v.pgscan_file > 0, true, "cache_trim_mode: file scanned")
pause(3)

chapter("SCAN_FRACT: swappiness weighs the two lists")
say("Now the page cache is read twice: it is active, the inactive file")
say("list is short, cache trim mode is off, and get_scan_count() splits")
say("the scan: ap = swappiness * (total_cost + 1) / (anon_cost + 1),")
say("fp = (200 - swappiness) * (total_cost + 1) / (file_cost + 1).")
pause()
local v0 = machine(0, true, "512M")
local v60 = machine(60, true, "512M")
local v200 = machine(200, true, "512M")
expect(v0.pgscan_anon, 0, "swappiness 0: ap = 0")
expect(v60.pgscan_anon > 0 and v60.pgscan_file > 0, true,
       "swappiness 60: both lists scanned")
expect(v200.pgscan_file, 0, "swappiness 200: fp = 0")
expect(v200.pgscan_anon > v60.pgscan_anon, true,
       "more anon scanned at 200 than at 60")
pause()
say("swappiness 0 leaves anon alone (ap = 0), 200 leaves file alone")
say("(fp = 0); at the default 60, fp : ap starts at 140 : 60 and each")
say("side is divided by its list's recent cost (lruvec->anon_cost,")
say("file_cost: pages rotated and refaulted); then each list's share is")
say("its size >> priority.")
pause(3)

chapter("No swap")
local vn = machine(200, true, nil)
expect(vn.pgscan_anon, 0, "no swap: anon never scanned")
say("Without swap, can_reclaim_anon_pages() is false: SCAN_FILE even at")
say("swappiness 200.")
pause()

chapter("6.12 and the seeds")
say("The seeds' kernels capped swappiness at 100 and weighed the lists by")
say("recent_rotated/recent_scanned; 5.8 brought anon_cost/file_cost and")
say("the range 0..200. In 6.12 swappiness 0 forces SCAN_FILE only for")
say("cgroup reclaim; here, global reclaim, it is SCAN_FRACT with ap = 0.")
