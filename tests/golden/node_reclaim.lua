-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: zone_reclaim_mode 1 on two nodes: a task on node 0 full of
-- clean page cache runs node_reclaim() before it falls back to node 1
-- (zone_reclaim_success, numa_miss). The output (mm_vmscan_* trace,
-- /proc/vmstat, /proc/zoneinfo) must equal
-- tests/fixtures/golden/node_reclaim.txt byte for byte.

reset{seed = 9, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "32M"}}, {zones = {Normal = "32M"}}},
      sysctl = {min_free_kbytes = 1024, zone_reclaim_mode = 1}}
local t = task("db", {node = 0})
local z0 = node(0).zones.DMA32
t:alloc(z0.free - z0.low - 50, {kind = "file"})
trace(true)
t:alloc(600, {kind = "anon"})
run(25)
trace(false)
check()
io.write(vmstat(), zoneinfo())
