-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: page cache filling 64 MiB wakes kswapd below low and then sends
-- the allocating task into direct reclaim (allocstall); a second of time
-- lets kswapd balance the node and sleep. The output (mm_vmscan_* trace,
-- /proc/vmstat, /proc/zoneinfo) must equal tests/fixtures/golden/kswapd.txt
-- byte for byte.

reset{seed = 7, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "64M"}}},
      swap = "32M", sysctl = {min_free_kbytes = 1024}}
trace(true)
local t = task("reader")
t:alloc("40M", {kind = "file"})
t:alloc("22M", {kind = "file", mapped = true})
t:alloc("2M", {kind = "anon"})
run(250)
trace(false)
check()
io.write(vmstat(), zoneinfo())
