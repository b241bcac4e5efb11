-- SPDX-License-Identifier: GPL-2.0-only
-- alloc() and free() through the buddy allocator, seen in the zone fields,
-- /proc/buddyinfo, /proc/vmstat and /proc/zoneinfo text.

local expect = require("lib.testlib").expect

-- 1 GiB of DMA32 from pfn 4096: 256 free order-10 blocks at boot
reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32
expect(z.free, 262144, "free at boot")
expect(z.nr_free[10], 256, "order-10 blocks at boot")
expect(buddyinfo(),
  "Node 0, zone    DMA32      0      0      0      0      0      0"
  .. "      0      0      0      0    256 \n", "buddyinfo at boot")

-- an order-10 block comes straight off free_area[10]
local before = vmstat()
local r = alloc(1024, {order = 10})
expect(tostring(r), "region " .. r.id .. ": anon 1024 pages", "tostring")
expect(r.pages, 1024, "pages")
expect(r.order, 10, "order")
expect(r.kind, "anon", "kind")
expect(r.freed, false, "freed")
expect(z.free, 262144 - 1024, "free after order-10 alloc")
expect(z.nr_free[10], 255, "order-10 blocks after alloc")
local after = vmstat()
expect(after.nr_free_pages, 262144 - 1024, "vmstat nr_free_pages")
expect(after.pgalloc_dma32 - before.pgalloc_dma32, 1024, "pgalloc_dma32")
-- a snapshot does not move
expect(before.nr_free_pages, 262144, "old snapshot")
expect(tostring(after), after(), "vmstat text")
expect(("\n" .. after()):match("\nnr_free_pages (%d+)\n"),
       tostring(262144 - 1024),
       "vmstat text line")

-- free restores it, and the buddies merge back to 256 blocks
free(r)
expect(r.freed, true, "freed")
expect(tostring(r), "region " .. r.id .. ": anon 1024 pages (freed)",
       "tostring freed")
expect(z.free, 262144, "free after free")
expect(vmstat().pgfree - after.pgfree, 1024, "pgfree")
check()

--[[
An order-0 page comes through CPU 0's per-cpu list. mm/page_alloc.c:
nr_pcp_alloc() refills the empty list with one batch (zone_batchsize():
262144 >> 10 = 256, / 4 = 64, rounddown_pow_of_two(64 + 32) - 1 = 63),
page by page off the buddy lists: the first splits an order-10 block
(expand()), the next 62 come off the halves it left. The page is the
list's head; the other 62 wait on the list, which NR_FREE_PAGES leaves
out. The order-10 block is left as one free block at each order 6..9
(64 + 128 + 256 + 512 = 960 = 1023 - 63).
]]
local r0 = alloc(1)
expect(z.pcp[0].batch, 63, "zone_batchsize()")
expect(z.free, 262144 - 63, "free after one page: a refill of one batch")
expect(z.pcp[0].count, 62, "the rest of the batch on the list")
for o = 0, 5 do
  expect(z.nr_free[o], o == 0 and 1 or 0, "split: order " .. o)
end
for o = 6, 9 do
  expect(z.nr_free[o], 1, "split: order " .. o)
end
local line = buddyinfo():match("zone    DMA32([%d ]+)")
local counts = {}
for n in line:gmatch("%d+") do
  counts[#counts + 1] = tonumber(n)
end
expect(#counts, 11, "buddyinfo orders")
local sum = 0
for o = 0, 10 do
  expect(counts[o + 1], z.nr_free[o], "buddyinfo order " .. o)
  sum = sum + z.nr_free[o] * (1 << o)
end
expect(sum, z.free, "sum of free blocks")
r0:free()
-- free_unref_page_commit(): back to the list's head, far below high
expect(z.pcp[0].count, 63, "r0 on the list again")
expect(z.free, 262144 - 63, "free after r0:free()")
expect(z.nr_free[10], 255, "the block stays split while the list holds it")
local function unused() return z.free + z.free_pcp end

-- sizes: pages, K/M/G strings
local r1 = alloc("2M", {kind = "file"})
expect(r1.pages, 512, "2M")
expect(r1.kind, "file", "file kind")
local r2 = alloc("512K", {zone = "DMA32", node = 0, gfp = "GFP_KERNEL"})
expect(r2.pages, 128, "512K")
-- r1's page cache has an xarray of 8 leaves and a root: 9 objects of
-- radix_tree_node, one order-1 slab of 14 (src/core/slab.h)
expect(unused(), 262144 - 640 - 2, "free or listed after two regions")
free(r1)
free(r2)
-- the slab, empty, stays: SLUB keeps min_partial (5) of them
expect(unused(), 262144 - 2, "free or listed after both")

-- the zoneinfo text carries the same numbers
local zi = zoneinfo():match("Node 0, zone    DMA32\n(.-)\nNode 0, zone")
expect(zi:match("\n  pages free     (%d+)\n"), tostring(z.free),
       "zoneinfo pages free")
expect(zi:match("\n              count: (%d+)\n"), tostring(z.pcp[0].count),
       "zoneinfo pcp count")
expect(zi:match("\n        min      (%d+)\n"), "1024", "zoneinfo min")
expect(zi:match("\n        managed  (%d+)\n"), "262144", "zoneinfo managed")

-- regions(): the live ones, in id order
local live = {alloc(8), alloc(16, {kind = "file"}), alloc(32)}
free(live[2])
local rs = regions()
expect(#rs, 2, "regions() after one free")
expect(rs[1], live[1], "first live region")
expect(rs[2], live[3], "freed regions are left out")
expect(tostring(rs[2]), "region " .. live[3].id .. ": anon 32 pages",
       "region from regions()")
free(live[1])
free(live[3])
expect(#regions(), 0, "no live regions")

-- node-wide sums
expect(node(0).free + z.free_pcp, 262144 - 2, "node free (and r1's slab)")
expect(node(0).managed, 262144, "node managed")
expect(node(0).lru.inactive_anon, 0, "lru")
check()
