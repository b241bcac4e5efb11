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
