-- SPDX-License-Identifier: GPL-2.0-only
-- zone_reclaim_mode: mm/page_alloc.c: get_page_from_freelist() offers a
-- zone below its watermark to mm/vmscan.c: node_reclaim() before it falls
-- back to the next node of the zonelist.
--
-- Two nodes of 256 MiB (65536 pages), min_free_kbytes 4096: pages_min
-- 1024 shared by managed pages, min 512 each, low 512 + max(128, 65) =
-- 640 (__setup_per_zone_wmarks()). percpu_pagelist_high_fraction 65536
-- keeps each CPU's list at 4 batches of 15 (zone_highsize()): refills of
-- at most 45 (nr_pcp_alloc()). A task on node 0 fills it with page cache
-- to 100 pages above low (free 736, 4 on its CPU's list), then asks for
-- 1000 anon pages; free0 and free1 count the lists' pages too.
--   mode 0: the 4 listed pages, then refills at 736 and 691 free, and at
--     646 one that leaves 601 < low after one page: 4 + 45 + 45 + 1 = 95
--     locally, 905 from node 1 (numa_miss 905), 44 still listed.
--   mode 1 (RECLAIM_ZONE): the unmapped clean cache (64796 pages) is
--     above min_unmapped_pages (65536 * 1 / 100 = 655): each miss runs
--     __node_reclaim(), shrink_node() at NODE_RECLAIM_PRIORITY 4, which
--     stops at nr_to_reclaim = SWAP_CLUSTER_MAX = 32 (no anon to scan on):
--     29 successes, 928 pages scanned and stolen by a direct reclaimer.
--     What it frees goes to the CPU's list first and reaches the zone a
--     drain at a time (free_unref_page_commit()), so 7 requests still
--     find the zone below low after node_reclaim() and go to node 1;
--     node 0 ends with 740 + 928 - 993 = 675 unused.
--   mode 1 with mapped cache: node_unmapped_file_pages() is 0, below
--     min_unmapped_pages: NODE_RECLAIM_FULL, node 1 serves 900.
--   mode 4 (RECLAIM_UNMAP) with mapped cache: all NR_FILE_PAGES count and
--     may_unmap is set: local again, 29 successes.
--   mode 1 with dirty cache: without RECLAIM_WRITE the dirty pages do not
--     count (node_pagecache_reclaimable()): NODE_RECLAIM_FULL.
--   mode 1, min_unmapped_ratio 99: min_unmapped_pages 65536 * 99 / 100 =
--     64880 > 64796: NODE_RECLAIM_FULL.

local expect = require("lib.testlib").expect

local TRACE = os.tmpname()

local function run_case (mode, cache, ratio)
  reset{thp = false, slab = false,
        nodes = {{zones = {DMA32 = "256M"}}, {zones = {Normal = "256M"}}},
        sysctl = {min_free_kbytes = 4096, zone_reclaim_mode = mode,
                  percpu_pagelist_high_fraction = 65536}}
  if ratio then
    sysctl.min_unmapped_ratio = ratio -- setup_min_unmapped_ratio()
  end
  local z0, z1 = node(0).zones.DMA32, node(1).zones.Normal
  expect(z0.low, 640, "low")
  local t = task("db", {node = 0})
  cache.kind = "file"
  t:alloc(z0.free + z0.free_pcp - z0.low - 100, cache)
  trace(TRACE)
  t:alloc(1000, {kind = "anon"})
  trace(false)
  check()
  local s = vmstat()
  return {miss = s.numa_miss, ok = s.zone_reclaim_success,
          failed = s.zone_reclaim_failed, scan = s.pgscan_direct,
          steal = s.pgsteal_direct, free0 = z0.free + z0.free_pcp,
          free1 = z1.free + z1.free_pcp}
end

local function expect_case (what, got, want)
  for _, k in ipairs{"miss", "ok", "failed", "scan", "steal", "free0",
                     "free1"} do
    expect(got[k], want[k], what .. ": " .. k)
  end
end

local REMOTE = {miss = 905, ok = 0, failed = 0, scan = 0, steal = 0,
                free0 = 740 - 95, free1 = 65536 - 905}
local LOCAL = {miss = 7, ok = 29, failed = 0, scan = 928, steal = 928,
               free0 = 740 + 928 - 993, free1 = 65536 - 7}

expect(sysctl.min_unmapped_ratio, 1, "min_unmapped_ratio default")
expect(sysctl.min_slab_ratio, 5, "min_slab_ratio default")
expect_case("mode 0", run_case(0, {}), REMOTE)
expect_case("mode 1", run_case(1, {}), LOCAL)
-- the mm_vmscan_node_reclaim_begin/_end pairs, as 6.12's TP_printk()s
local f = assert(io.open(TRACE))
local text = f:read("a")
f:close()
os.remove(TRACE)
local _, begins = text:gsub(" db%-%d+ +%[%d+%] %.%.%.%.%. +[%d.]+: " ..
  "mm_vmscan_node_reclaim_begin: nid=0 order=0 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO\n", "")
local _, ends = text:gsub(": mm_vmscan_node_reclaim_end: nr_reclaimed=32\n", "")
expect(begins, 29, "node_reclaim_begin events")
expect(ends, 29, "node_reclaim_end events")
expect_case("mode 1, mapped cache", run_case(1, {mapped = true}), REMOTE)
expect_case("mode 4, mapped cache", run_case(4, {mapped = true}), LOCAL)
expect_case("mode 1, dirty cache", run_case(1, {dirty = true}), REMOTE)

-- min_unmapped_ratio 99: min_unmapped_pages 64880 > the 64796 cached
expect_case("mode 1, min_unmapped_ratio 99", run_case(1, {}, 99), REMOTE)
local ok = pcall(function () sysctl.min_unmapped_ratio = 101 end)
expect(ok, false, "min_unmapped_ratio is 0..100")
os.remove(TRACE)
