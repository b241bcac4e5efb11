-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: pgdat_balanced() and highest_zoneidx. In
-- 6.12 a node is balanced for a request as soon as one zone the request
-- may use is above its high mark (plus that zone's protection), so
-- kswapd can sleep with a zone below low; which zones count is the
-- highest_zoneidx that wakeup_kswapd() passes on.
--
--   kswapsim lua/demos/balanced.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/balanced.lua  the same text; a claim that
--                                            stops being true fails

local fmt = string.format

-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G", Normal = "1G"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
local n = node(0)
local d, z = n.zones.DMA32, n.zones.Normal
run(30) -- kswapd's boot nap is over: it sleeps

-- mm/vmscan.c: pgdat_balanced(): any managed zone 0..highest_zoneidx
-- with zone_watermark_ok_safe(zone, order, high, highest_zoneidx)
local function why (zone, hz)
  return fmt("%s free %d > high %d + protection %d", zone == d and "DMA32"
             or "Normal", zone.free, zone.high, zone.protection[hz])
end

chapter("Two zones, one node")
say("One node: DMA32 (1 GiB, ZONE_DMA32 = 1) and Normal (1 GiB, 2).")
say(fmt("  both: min %d, low %d, high %d pages", z.min, z.low, z.high))
expect(d.high, z.high, "equal zones, equal marks")
-- setup_per_zone_lowmem_reserve(): Normal's managed pages / ratio 256
expect(d.protection.Normal, z.managed // 256, "DMA32's protection")
say(fmt("  DMA32 keeps protection[Normal] = %d / 256 = %d pages from a",
        z.managed, d.protection.Normal))
say("  request that could have used Normal.")
pause(3)

chapter("One zone above high is enough")
local cache = alloc("1200M", {kind = "file"})
say("A program reads 1200 MiB of files. The allocator fills Normal first;")
say("at its low mark the fast path moves on to DMA32:")
say(fmt("  Normal free %d, DMA32 free %d", z.free, d.free))
pause()
expect(z.free <= z.low, true, "Normal at its low mark")
expect(n:balanced(0, "Normal"), true, "balanced for a Normal request")
expect(n.kswapd.state, "sleeping", "kswapd0 sleeps")
expect(vmstat().pgscan_kswapd, 0, "nothing scanned")
say("pgdat_balanced(order 0, highest_zoneidx Normal) checks zones 0..2")
say("bottom up and returns true at the first one above high:")
say("  " .. why(d, "Normal") .. ": balanced")
say("Normal is below low, yet kswapd0 sleeps: DMA32 can serve the request.")
pause()

chapter("The seeds' pgdat_balanced()")
say("The seeds' older pgdat_balanced() wanted every zone up to")
say("classzone_idx balanced for order 0, and a quarter of the node's")
say("managed pages for higher orders: Normal at low would have kept")
say("kswapd busy. 6.12 needs one balanced zone, and calls classzone_idx")
say("highest_zoneidx (renamed in 5.8).")
pause()

chapter("highest_zoneidx")
local before = vmstat()
local normal = z.free + z.free_pcp
local dma = alloc(d.free - (d.min + d.low) // 2,
                  {kind = "anon", zone = "DMA32"})
say("A driver allocates with GFP_DMA32 (alloc{zone = \"DMA32\"}) until")
say(fmt("DMA32 is below low: free %d < low %d.", d.free, d.low))
expect(d.free < d.low, true, "DMA32 below low")
expect(n.kswapd.state, "running", "the DMA32 request woke kswapd0")
expect(n.kswapd.highest_zoneidx, 1, "kswapd_highest_zoneidx = ZONE_DMA32")
expect(n:balanced(0, "DMA32"), false, "not balanced for DMA32")
say(fmt("wakeup_kswapd() set kswapd_highest_zoneidx %d (DMA32): Normal,",
        n.kswapd.highest_zoneidx))
say("above the request's zone, does not count, and no lower zone is")
say("balanced. balance_pgdat() runs with sc.reclaim_idx = DMA32.")
pause()

chapter("Reclaiming for a lower zone")
local jiffy = 0
while n.kswapd.state == "running" and jiffy < 100 do
  run(1)
  jiffy = jiffy + 1
end
local v = vmstat()
local scanned = v.pgscan_kswapd - before.pgscan_kswapd
local stolen = v.pgsteal_kswapd - before.pgsteal_kswapd
local skipped = v.pgskip_normal - before.pgskip_normal
say(fmt("After %d jiffies kswapd0 is %s: DMA32 free %d > high %d.", jiffy,
        n.kswapd.state, d.free, d.high))
expect(n:balanced(0, "DMA32"), true, "balanced for DMA32 again")
expect(z.free + z.free_pcp, normal, "Normal untouched")
expect(stolen > 0, "kswapd reclaimed")
expect(skipped > 0, "isolate_lru_folios() skipped Normal's folios")
expect(scanned >= skipped + stolen, true, "the skipped count as scanned")
say(fmt("  pgsteal_kswapd %d, pgscan_kswapd %d, pgskip_normal %d", stolen,
        scanned, skipped))
pause()
say("The node's LRU lists hold Normal's page cache at the old end:")
say("isolate_lru_folios() passes over folios above reclaim_idx, counts")
say("them in pgskip_normal and in the scan, and splices them back at the")
say("young end of the list.")
pause()

chapter("Balanced for whom?")
expect(n:balanced(0, "Normal"), false, "not balanced for Normal")
say("Normal is still at its low mark, and DMA32 is above high but not")
say("above high plus the protection a Normal request must leave it:")
say("  " .. why(d, "Normal") .. ": no")
say("  " .. why(z, "Normal") .. ": no")
pause()
say("The node is balanced for DMA32 and not for Normal: the next")
say("ordinary allocation that fails low wakes kswapd0 with Normal.")
free(dma)
free(cache)
