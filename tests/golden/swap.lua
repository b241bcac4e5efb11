-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: anon memory beyond RAM goes to swap (pswpout), a touch of the
-- swapped-out region faults it back in (pswpin, workingset refaults), on
-- 64 MiB with 32 MiB of swap. The output (mm_vmscan_* trace, /proc/vmstat,
-- /proc/zoneinfo) must equal tests/fixtures/golden/swap.txt byte for byte.

reset{seed = 11, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "64M"}}},
      swap = "32M", sysctl = {min_free_kbytes = 1024}}
trace(true)
local a = task("a")
local b = task("b", {oom_score_adj = 300})
local r1 = a:alloc("30M", {kind = "anon"})
b:alloc("8M", {kind = "file"})
local r2 = b:alloc("30M", {kind = "anon"})
run(50)
touch(r1)
run(50)
touch(r2)
run(100)
trace(false)
check()
io.write(vmstat(), zoneinfo())
