-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: the direct reclaim path. A program allocates
-- anonymous memory faster than kswapd can free page cache; when a zone
-- falls below min, the allocating task reclaims for itself, and the
-- demo stops inside its reclaim pass to show where it is.
--
--   kswapsim lua/demos/direct.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/direct.lua  the same text; a claim that
--                                          stops being true fails

local fmt = string.format

-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "512M"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
local n = node(0)
local z = n.zones.DMA32
run(30) -- kswapd's boot nap is over: it sleeps

chapter("Headroom")
say(fmt("512 MiB of DMA32: min %d, low %d, high %d pages.", z.min, z.low,
        z.high))
local cache = alloc("400M", {kind = "file"})
say(fmt("400 MiB of page cache leaves %d pages free.", z.free))
pause(2)

chapter("A task faster than kswapd")
say("hog will allocate 16 MiB of anonymous memory a jiffy, faster than")
say("kswapd can reclaim. Below low, __alloc_pages_slowpath() wakes")
say("kswapd; below min, the task must reclaim for itself:")
say("__alloc_pages_direct_reclaim() -> try_to_free_pages() ->")
say("do_try_to_free_pages() -> shrink_zones() -> shrink_node().")
pause()

local hog = task("hog")
hog:start{kind = "anon", size = "300M", rate = "16M"}
local w
repeat
  w = step("node")
until not w or w.task == "hog"
expect(w ~= nil and w.task, "hog", "hog stopped in its own reclaim")
expect(w.kswapd, false, "direct reclaim, not kswapd")
-- DEF_PRIORITY, and try_to_free_pages()'s nr_to_reclaim = SWAP_CLUSTER_MAX
expect(w.priority, 12, "the first pass at DEF_PRIORITY")
expect(w.nr_to_reclaim, 32, "nr_to_reclaim = SWAP_CLUSTER_MAX")
expect(z.free <= z.min, true, "hog found the zone at min")
if w then
  say(fmt("Stopped: %s in %s(), %s:%d (%s)", w.task, w.fn, w.file,
          w.line, w.kswapd and "kswapd" or "direct reclaim"))
  say(fmt("  gfp_mask %s, priority %d, nr_to_reclaim %d", w.gfp_mask,
          w.priority, w.nr_to_reclaim))
  say(fmt("  zone free %d, min %d", z.free, z.min))
  pause()
  for _ = 1, 3 do
    w = step("node")
    if not w then break end
    say(fmt("  %s %s(): priority %d, nr_scanned %d, nr_reclaimed %d",
            w.task, w.fn, w.priority, w.nr_scanned, w.nr_reclaimed))
  end
end
pause()

chapter("allocstall")
run(100)
local v = vmstat()
expect(v.allocstall_movable > 0, "hog stalled in direct reclaim")
expect(v.pgsteal_direct > 0, "direct reclaim freed pages")
expect(v.pgscan_direct, v.pgsteal_direct,
       "clean page cache: every page scanned was freed")
expect(v.pgsteal_kswapd > 0, "kswapd reclaimed too")
say(fmt("After the burst: allocstall_movable %d, pgscan_direct %d,",
        v.allocstall_movable, v.pgscan_direct))
say(fmt("pgsteal_direct %d, pgscan_kswapd %d, pgsteal_kswapd %d.",
        v.pgsteal_direct, v.pgscan_kswapd, v.pgsteal_kswapd))
say("Each allocstall is a task that waited on reclaim: the latency")
say("kswapd's low..high headroom is there to avoid.")
hog:stop()
free(cache)
pause()

chapter("6.12 and the seeds")
say("The seed's shrink_node() slept in congestion_wait() and")
say("wait_iff_congested() when pages were under writeback; 5.16 removed")
say("both, and 6.12 throttles reclaim with reclaim_throttle() instead")
say("(see dirty.lua). allocstall counts per zone index of the request:")
say("GFP_HIGHUSER_MOVABLE reclaims up to ZONE_MOVABLE, allocstall_movable.")
