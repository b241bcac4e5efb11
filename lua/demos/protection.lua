-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: lowmem_reserve ("protection" in zoneinfo),
-- why a DMA zone with every page free still refuses an ordinary
-- allocation, and what lowmem_reserve_ratio changes.
--
--   kswapsim lua/demos/protection.lua

local fmt = string.format

reset{seed = 1,
      nodes = {{zones = {DMA = "16M", DMA32 = "4G", Normal = "60G"}}}}
local zs = node(0).zones
local dma = zs.DMA

say("A 64 GiB x86-64 machine: DMA (16 MiB), DMA32 (4 GiB), Normal.")
for i = 0, 2 do
  say("  " .. tostring(zs[i]))
end
pause(3)

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
say("__zone_watermark_ok() on DMA wants free > mark + protection[zone]:")
say(ask("GFP_DMA", "DMA"))
say(ask("GFP_KERNEL", "Normal"))
say("Every DMA page is free, yet GFP_KERNEL may not take one: the zone")
say("stays for the devices that can only reach its 16 MiB.")
pause()

local above = zs.DMA32.managed + zs.Normal.managed
say(fmt("Raise DMA's ratio to 8192: (%d + %d) / 8192 = %d.",
        zs.DMA32.managed, zs.Normal.managed, above // 8192))
sysctl.lowmem_reserve_ratio = {8192, 256, 32, 0, 0}
say(fmt("  DMA protection %s", tostring(dma.protection)))
say(ask("GFP_KERNEL", "Normal"))
pause()
