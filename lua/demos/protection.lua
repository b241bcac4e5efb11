-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: lowmem_reserve ("protection" in zoneinfo),
-- why a DMA zone with every page free still refuses an ordinary
-- allocation, and what lowmem_reserve_ratio changes.
--
--   kswapsim lua/demos/protection.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/protection.lua  the same text; a claim
--                                              that stops being true fails

local fmt = string.format

reset{seed = 1,
      nodes = {{zones = {DMA = "16M", DMA32 = "4G", Normal = "60G"}}}}
local zs = node(0).zones
local dma = zs.DMA

chapter("Three zones")
say("A 64 GiB x86-64 machine: DMA (16 MiB), DMA32 (4 GiB), Normal.")
for i = 0, 2 do
  say("  " .. tostring(zs[i]))
end
pause(3)

chapter("setup_per_zone_lowmem_reserve()")
-- protection[j] of zone i = managed pages of zones i+1..j / ratio[i]
local m32, mn = zs.DMA32.managed, zs.Normal.managed
expect(dma.protection.DMA32, m32 // 256, "DMA against DMA32: 1044480 / 256")
expect(dma.protection.Normal, (m32 + mn) // 256,
       "DMA against Normal: (DMA32 + Normal) / 256")
expect(zs.DMA32.protection.Normal, mn // 256, "DMA32 against Normal")
say("Each lower zone keeps a reserve against allocations that could")
say("have used a higher zone (setup_per_zone_lowmem_reserve()): the")
say("managed pages of the zones above it / lowmem_reserve_ratio.")
say(fmt("  DMA   protection %s, ratio %d", tostring(dma.protection),
        sysctl.lowmem_reserve_ratio.DMA))
say(fmt("  DMA32 protection %s, ratio %d", tostring(zs.DMA32.protection),
        sysctl.lowmem_reserve_ratio.DMA32))
pause(3)

-- __zone_watermark_ok(): free > mark + lowmem_reserve[highest_zoneidx]
local function ask (what, hz)
  return fmt("  %-10s free %d > low %d + protection %d? %s", what, dma.free,
             dma.low, dma.protection[hz],
             tostring(dma:watermark_ok(0, "low", hz)))
end
expect(dma.free, dma.managed, "every DMA page is free")
expect(dma:watermark_ok(0, "low", "DMA"), true, "GFP_DMA may use DMA")
expect(dma:watermark_ok(0, "low", "Normal"), false,
       "GFP_KERNEL may not: free < low + protection")
say("__zone_watermark_ok() on DMA wants free > mark + protection[zone]:")
say(ask("GFP_DMA", "DMA"))
say(ask("GFP_KERNEL", "Normal"))
say("Every DMA page is free, yet GFP_KERNEL may not take one: the zone")
say("stays for the devices that can only reach its 16 MiB.")
pause()

chapter("lowmem_reserve_ratio")
local above = zs.DMA32.managed + zs.Normal.managed
say(fmt("Raise DMA's ratio to 8192: (%d + %d) / 8192 = %d.",
        zs.DMA32.managed, zs.Normal.managed, above // 8192))
sysctl.lowmem_reserve_ratio = {8192, 256, 32, 0, 0}
expect(dma.protection.Normal, above // 8192, "the new reserve")
expect(dma:watermark_ok(0, "low", "Normal"), true, "GFP_KERNEL may use DMA now")
say(fmt("  DMA protection %s", tostring(dma.protection)))
say(ask("GFP_KERNEL", "Normal"))
pause()

chapter("What 6.12 counts")
say("6.12 sums the managed pages of the same node's higher zones, the")
say("empty Movable zone too (so the last three slots agree); a ratio of 0")
say("or a zone with no managed pages clears the zone's reserve. The seeds")
say("call highest_zoneidx classzone_idx, its name before 5.8.")
