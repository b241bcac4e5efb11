-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: no swap, anon memory beyond RAM: reclaim fails at every
-- priority, the OOM killer picks the task with the highest oom_badness()
-- and its memory comes back. The output (mm_vmscan_* trace, dmesg(),
-- /proc/vmstat, /proc/zoneinfo) must equal tests/fixtures/golden/oom.txt
-- byte for byte.

reset{seed = 3, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "64M"}}},
      sysctl = {min_free_kbytes = 1024}}
trace(true)
local big = task("big")
local adj = task("adj", {oom_score_adj = 500})
big:alloc("30M", {kind = "anon"})
adj:alloc("20M", {kind = "anon"})
big:alloc("4M", {kind = "file"})
print(pcall(alloc, "20M", {kind = "anon"}))
run(50)
trace(false)
check()
io.write(dmesg(), vmstat(), zoneinfo())
