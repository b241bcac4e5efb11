-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: the watermarks of a zone, and kswapd waking
-- when an allocation takes the zone below low, reclaiming page cache
-- until the zone is back above high, then sleeping.
--
--   kswapsim lua/demos/kswapd.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/kswapd.lua  the same text; a claim that
--                                          stops being true fails

local fmt = string.format

local function isqrt (x)
  local r = math.floor(math.sqrt(x))
  while r * r > x do r = r - 1 end
  while (r + 1) * (r + 1) <= x do r = r + 1 end
  return r
end

-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
local n = node(0)
local z = n.zones.DMA32

chapter("The zone and its marks")
say("A machine with 1 GiB of memory, all in one zone, DMA32:")
say("  " .. tostring(z))
-- mm/page_alloc.c: calculate_min_free_kbytes(), __setup_per_zone_wmarks()
expect(sysctl.min_free_kbytes, isqrt(z.managed * 4 * 16),
       "min_free_kbytes = int_sqrt(lowmem_kbytes * 16)")
expect(z.min, sysctl.min_free_kbytes // 4, "min = min_free_kbytes / 4 pages")
expect(z.low - z.min, math.max(z.min // 4, z.managed * 10 // 10000),
       "low - min = max(min / 4, managed * watermark_scale_factor / 10000)")
expect(z.high - z.low, z.low - z.min, "high is as far above low")
say(fmt("calculate_min_free_kbytes(): int_sqrt(lowmem_kbytes * 16) = %d",
        sysctl.min_free_kbytes))
say(fmt("__setup_per_zone_wmarks(): min = %d kB / 4 = %d pages,",
        sysctl.min_free_kbytes, z.min))
say(fmt("  low and high %d apart: max(min / 4, managed / 1000)",
        z.low - z.min))
pause(3)

chapter("Page cache fills memory")
say("A program reads 700 MiB of files: the page cache fills memory.")
local cache = alloc("700M", {kind = "file"})
expect(n.lru.inactive_file, 700 * 256, "700 MiB read once: inactive_file")
say(fmt("  free %d pages, inactive_file %d", z.free, n.lru.inactive_file))
-- lib/xarray.c: a leaf of 64 slots for every 64 pages, one node for
-- every 64 leaves above them, a root; radix_tree_node objects, 14 to an
-- order-1 slab on this machine's two CPUs (mm/slub.c: calculate_order())
local pages = 700 * 256
local nodes = (pages + 63) // 64 + (pages + 4095) // 4096 + 1
local slab = (nodes + 13) // 14 * 2
expect(vmstat().nr_slab_reclaimable, slab,
       "the file's xarray nodes take slab pages")
say(fmt("  and its xarray: %d nodes of 576 bytes, %d pages of slab", nodes,
        slab))
say("  (nr_slab_reclaimable), which reclaim cannot free while the")
say("  file's pages, or their shadows, are there.")
pause(2)

chapter("Below low: kswapd wakes")
local take = z.free - (z.min + z.low) // 2
say(fmt("Another takes %d pages of anonymous memory:", take))
local before = vmstat()
local anon = alloc(take, {kind = "anon"})
expect(z.free < z.low and z.free > z.min, true, "free between min and low")
expect(n.kswapd.state, "running", "the allocation woke kswapd0")
expect(vmstat().allocstall_movable, before.allocstall_movable,
       "above min: no direct reclaim")
say(fmt("  free %d < low %d, so the allocation woke kswapd0 (%s)",
        z.free, z.low, n.kswapd.state))
pause()

chapter("balance_pgdat()")
say("kswapd runs balance_pgdat() until the zone is above high:")
local lines = 0
while n.kswapd.state ~= "sleeping" and lines < 20 do
  run(5)
  lines = lines + 1
  say(fmt("  jiffies %d: free %d, kswapd %s at priority %d", jiffies(),
          z.free, n.kswapd.state, n.kswapd.priority))
  pause(0.5)
end
expect(n.kswapd.state, "sleeping", "kswapd sleeps again")
local after = vmstat()
local scanned = after.pgscan_kswapd - before.pgscan_kswapd
local stolen = after.pgsteal_kswapd - before.pgsteal_kswapd
expect(stolen > 0, "kswapd reclaimed")
expect(after.pgsteal_file - before.pgsteal_file, stolen,
       "all it reclaimed was page cache")
expect(scanned, stolen, "clean use-once cache: every page scanned is freed")
expect(z.free > z.high, "pgdat_balanced(): free above high")
expect(n.lru.inactive_anon, take, "the anonymous pages stayed")
say(fmt("It scanned %d pages and reclaimed %d, all page cache.", scanned,
        stolen))
say(fmt("free %d > high %d: pgdat_balanced(), kswapd sleeps.", z.free,
        z.high))
say(fmt("The anonymous pages stayed: inactive_anon %d.", n.lru.inactive_anon))
pause()

chapter("The end")
free(anon)
free(cache)
-- mm/slub.c: an empty slab goes back to the buddy allocator only beyond
-- the cache's min_partial, 5 for 576-byte objects (set_min_partial())
expect(vmstat().nr_slab_reclaimable, 5 * 2, "five empty slabs kept")
expect(z.free + z.free_pcp + 5 * 2, z.managed,
       "every other page free again")
say("Both programs exit; their memory is free again but for the five")
say("empty slabs SLUB keeps for the next file (min_partial):")
say("  " .. tostring(z))
pause()

chapter("6.12 and the seeds")
say("The seeds' balance_pgdat() looks for the highest unbalanced zone")
say("(end_zone) and shrinks zone by zone; since 4.8 the LRU lists are the")
say("node's, and 6.12's kswapd_shrink_node() shrinks the node once a")
say("priority, aiming at the sum of the eligible zones' high marks.")
