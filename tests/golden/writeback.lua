-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: dirty page cache under pressure: reclaim meets dirty folios,
-- the flusher writes them back through a slow disk (nr_written,
-- pgsteal after writeback), and kswapd balances the node. The output
-- (mm_vmscan_* trace, /proc/vmstat, /proc/zoneinfo) must equal
-- tests/fixtures/golden/writeback.txt byte for byte.

reset{seed = 5, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "64M"}}},
      swap = "16M", sysctl = {min_free_kbytes = 1024}}
disk{bandwidth = 16}
sysctl.dirty_expire_centisecs = 10
sysctl.dirty_writeback_centisecs = 10
trace(true)
local t = task("writer")
t:alloc("30M", {kind = "file", dirty = true})
run(20)
t:alloc("33M", {kind = "file", dirty = true})
run(250)
trace(false)
check()
io.write(vmstat(), zoneinfo())
