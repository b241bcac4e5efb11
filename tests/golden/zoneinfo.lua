-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: a machine imported from a saved /proc/zoneinfo (two nodes,
-- tests/fixtures/zoneinfo-6.12-2node.txt), its watermarks and protection
-- recomputed by the boot formulas, then page cache that fills both nodes
-- and wakes kswapd. The output (mm_vmscan_* trace, /proc/vmstat,
-- /proc/zoneinfo) must equal tests/fixtures/golden/zoneinfo.txt byte for
-- byte.

reset{seed = 13, thp = false, slab = false,
      zoneinfo = "../fixtures/zoneinfo-6.12-2node.txt"}
trace(true)
local t = task("cache", {node = 0})
local free = node(0).zones.DMA32.free + node(1).zones.Normal.free
t:alloc(free - 200, {kind = "file"})
run(50)
trace(false)
check()
io.write(vmstat(), zoneinfo())
