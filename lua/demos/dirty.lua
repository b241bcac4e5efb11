-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: dirty page cache. The dirty limits come from
-- the dirtyable memory; above the background threshold the flusher
-- writes pages back; reclaim that meets dirty pages marks them, wakes
-- the flusher, lets kswapd write them itself, and throttles on
-- writeback instead of scanning the lists in a loop.
--
--   kswapsim lua/demos/dirty.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/dirty.lua  the same text; a claim that
--                                         stops being true fails

local fmt = string.format

-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
disk{bandwidth = 64} -- pages a jiffy: 64 MiB/s
local n = node(0)
local z = n.zones.DMA32
run(30)

chapter("The dirty limits")
local v = vmstat()
-- mm/page-writeback.c: global_dirtyable_memory(), domain_dirty_limits():
-- free above totalreserve_pages (one zone: its high mark, no protection)
-- plus the file LRU, plus 1; the ratios in 1/4096ths of it
local dirtyable = v.nr_free_pages - z.high + v.nr_inactive_file +
                  v.nr_active_file + 1
local thresh = (20 * 4096 // 100) * dirtyable // 4096
local bg = (10 * 4096 // 100) * dirtyable // 4096
expect(v.nr_dirty_threshold, thresh, "nr_dirty_threshold = 819 * avail / 4096")
expect(v.nr_dirty_background_threshold, bg,
       "nr_dirty_background_threshold = 409 * avail / 4096")
say(fmt("1 GiB: dirtyable memory = free %d - reserve %d + file LRU %d + 1",
        v.nr_free_pages, z.high, v.nr_inactive_file + v.nr_active_file))
say(fmt("  = %d pages (global_dirtyable_memory()).", dirtyable))
say(fmt("vm.dirty_ratio 20:            nr_dirty_threshold %d", thresh))
say(fmt("vm.dirty_background_ratio 10: nr_dirty_background_threshold %d", bg))
say("(each ratio becomes 1/4096ths first: 20% is 819, 10% is 409)")
pause()

chapter("The flusher")
local log = task("logger")
local f = log:alloc("150M", {kind = "file"})
log:dirty(f)
v = vmstat()
say(fmt("A logger writes 150 MiB: nr_dirty %d > background %d, so", v.nr_dirty,
        v.nr_dirty_background_threshold))
say("balance_dirty_pages() wakes the flusher (WB_REASON_BACKGROUND); it")
say("writes 4 MiB chunks while dirty pages stay above the threshold.")
expect(v.nr_dirty > v.nr_dirty_background_threshold, true,
       "above the background threshold")
expect(v.nr_dirty < v.nr_dirty_threshold, true,
       "below dirty_ratio: the logger is not throttled")
local t0, w0 = jiffies(), v.nr_written
for _ = 1, 4 do
  run(50)
  v = vmstat()
  say(fmt("  jiffies %4d: nr_dirty %5d, nr_writeback %4d, nr_written %5d",
          jiffies(), v.nr_dirty, v.nr_writeback, v.nr_written))
  pause(0.5)
end
expect(v.nr_dirty + v.nr_writeback + v.nr_written - w0, 150 * 256,
       "every dirty page is dirty, under writeback or written")
expect(v.nr_written - w0 <= 64 * (jiffies() - t0), true,
       "no faster than the disk's 64 pages a jiffy")
expect(v.nr_dirty <= v.nr_dirty_background_threshold, true,
       "the flusher stopped at the background threshold")
say(fmt("At %d <= %d background writeback stops (wb_over_bg_thresh());",
        v.nr_dirty, v.nr_dirty_background_threshold))
say("the rest waits for dirty_expire_centisecs, 30 s (kupdate).")
pause()

chapter("Reclaim meets dirty pages")
-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "512M"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
-- wbt_lat_usec 0: writeback throttling off (block/blk-wbt.c), so that
-- reclaim's writes all reach the disk's queue and reclaim meets them
-- there; with wbt on, the writers themselves wait for the disk instead
disk{bandwidth = 64, wbt_lat_usec = 0}
n = node(0)
z = n.zones.DMA32
run(30)
sysctl.dirty_ratio = 90
sysctl.dirty_background_ratio = 80
local db = alloc("400M", {kind = "file"})
dirty(db)
v = vmstat()
say("512 MiB, tuned as some databases are: dirty_ratio 90,")
say(fmt("dirty_background_ratio 80. 400 MiB of the cache is dirty (%d)",
        v.nr_dirty))
say("and the flusher leaves it. A task now takes 4 MiB of anon a jiffy.")
say("The disk runs without writeback throttling (wbt_lat_usec 0): all")
say("that reclaim writes queues at the disk, where reclaim meets it again.")
pause()
expect(v.nr_dirty, 400 * 256, "all of the cache dirty")
expect(v.nr_written, 0, "below the background threshold: nothing written")
local hog = task("hog")
hog:start{kind = "anon", size = "200M", rate = "4M"}
run(120)
hog:stop()
v = vmstat()
expect(v.nr_vmscan_immediate_reclaim > 0, "dirty folios marked for reclaim")
expect(v.nr_vmscan_write > 0, "kswapd wrote dirty folios itself")
expect(v.pgrotated > 0, "written folios rotated to the tail")
expect(v.nr_throttled_written > 0, "reclaim throttled on writeback")
say(fmt("After 120 jiffies, nr_vmscan_immediate_reclaim %d: each dirty",
        v.nr_vmscan_immediate_reclaim))
say("folio reclaim met got PG_reclaim and went back to the active list.")
say(fmt("nr_vmscan_write %d: meeting them again, kswapd wrote them itself",
        v.nr_vmscan_write))
say(fmt("(PGDAT_DIRTY); pgrotated %d: once written, they went to the tail",
        v.pgrotated))
say("of the inactive list, to be freed first.")
pause()
say("Reclaim that found them still under writeback slept in")
say("reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK), up to HZ/10, until")
say(fmt("enough were written: nr_throttled_written %d.",
        v.nr_throttled_written))
say(fmt("allocstall_movable %d, nr_writeback %d.", v.allocstall_movable,
        v.nr_writeback))
pause()

chapter("6.12 and the seeds")
say("The seed's shrink_node() waited in congestion_wait() and")
say("wait_iff_congested(), on a block-device congestion flag most")
say("devices had stopped setting. 5.16 replaced both with")
say("reclaim_throttle(): writeback, isolated, no progress and")
say("congestion, each woken when its condition clears.")
