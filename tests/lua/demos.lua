-- SPDX-License-Identifier: GPL-2.0-only
-- The demos in lua/demos run in batch (pause() returns at once), end
-- where their text says, and the same seed gives the same machine, byte
-- for byte.

local function state ()
  return zoneinfo() .. buddyinfo() .. vmstat()()
end

-- {====== kswapd.lua
local demo = "../../lua/demos/kswapd.lua"
dofile(demo)
local first = state()
local v = vmstat()
assert(v.pgsteal_kswapd > 0, "kswapd reclaimed")
assert(v.pgscan_direct == 0, "no direct reclaim: kswapd kept up")
assert(node(0).kswapd.state == "sleeping", "kswapd sleeps at the end")
assert(node(0).zones.DMA32.free == node(0).zones.DMA32.managed,
       "all memory free at the end")
check()
dofile(demo)
assert(state() == first, "same seed, same machine")
-- }======

-- {====== protection.lua
--[[
setup_per_zone_lowmem_reserve() with lowmem_reserve_ratio[DMA] = 8192:
(1044480 + 15728640) / 8192 = 2047, and DMA32's 15728640 / 256 = 61440
]]
demo = "../../lua/demos/protection.lua"
dofile(demo)
local dma = node(0).zones.DMA
assert(tostring(dma.protection) == "(0, 127, 2047, 2047, 2047)",
       "DMA protection after the ratio change")
assert(dma:watermark_ok(0, "low", "Normal"), "GFP_KERNEL may use DMA now")
first = state()
dofile(demo)
assert(state() == first, "same seed, same machine")
check()
-- }======
