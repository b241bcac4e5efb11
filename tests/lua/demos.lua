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
assert(node(0).zones.DMA32.free + node(0).zones.DMA32.free_pcp +
       v.nr_slab_reclaimable == node(0).zones.DMA32.managed,
       "all memory free at the end, but for the empty slabs kept")
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

-- {====== numa.lua
--[[
Two nodes of 1 GiB: node 0's DMA32 low is 986. The second half runs with
zone_reclaim_mode 1: node_reclaim() keeps all but 1% of the 51200-page
pool on node 0 (what it frees waits on the per-cpu list until a drain),
32 pages a success, and neither kswapd woke.
]]
demo = "../../lua/demos/numa.lua"
dofile(demo)
v = vmstat()
local z1 = node(1).zones.Normal
assert(v.numa_miss < 512, "zone_reclaim_mode 1: all but 1% local")
assert(v.zone_reclaim_success > 0 and v.zone_reclaim_failed == 0,
       "node_reclaim() succeeded")
assert(v.pgsteal_direct == 32 * v.zone_reclaim_success, "32 pages a time")
assert(v.pgscan_kswapd == 0, "no kswapd woke")
assert(z1.managed - z1.free - z1.free_pcp == v.numa_miss,
       "node 1 holds only the misses")
first = state()
dofile(demo)
assert(state() == first, "same seed, same machine")
check()
-- }======

-- {====== direct.lua
--[[
hog allocates 16 MiB a jiffy on 512 MiB: below min it reclaims for
itself (allocstall), from clean page cache only (scanned == stolen).
]]
demo = "../../lua/demos/direct.lua"
dofile(demo)
v = vmstat()
assert(v.allocstall_movable > 0, "hog stalled in direct reclaim")
assert(v.pgsteal_direct > 0 and v.pgscan_direct == v.pgsteal_direct,
       "direct reclaim took clean page cache")
assert(v.pgsteal_kswapd > 0, "kswapd reclaimed too")
assert(where() == nil, "nobody parked at the end")
first = state()
dofile(demo)
assert(state() == first, "same seed, same machine")
check()
-- }======
