-- SPDX-License-Identifier: GPL-2.0-only
-- reset{slab = true}: the page cache grows the slab as the kernel's
-- does (src/core/slab.h). A reader's 5000 pages need lib/xarray.c's 79
-- leaves, two nodes above them (index 4999 needs three levels) and a
-- root: 82 radix_tree_node objects of 584 bytes, 14 to an order-1 slab
-- on two CPUs (mm/slub.c: calculate_order(): 4 * (fls(2) + 1) = 12
-- objects want 7008 bytes, order 1), 6 slabs, 12 pages of
-- nr_slab_reclaimable. A writer's pages each get an ext4 buffer head
-- too (fs/buffer.c: 104 bytes, 39 a page): 1000 written pages, 26
-- pages of heads, and 16 leaves and a root (2 slabs, 4 pages).
-- Without slab = true neither costs a page.

local T = require "lib.testlib"
local expect = T.expect

local function slab_after (slab, kind, pages, write)
  reset{thp = false, slab = slab, nodes = {{zones = {DMA32 = "256M"}}}}
  local before = vmstat().nr_slab_reclaimable
  local t = task(kind)
  t:start{kind = "file", size = pages, rate = pages, every = 1,
          cycle = true, passes = 1, dirty = write, sparse = not write}
  run(250)
  expect(t.working, false, kind .. " done")
  return vmstat().nr_slab_reclaimable - before
end

expect(slab_after(true, "reader", 5000, false), 12, "5000 pages read")
expect(slab_after(false, "reader", 5000, false), 0, "slab off")
expect(slab_after(true, "writer", 1000, true), 26 + 4, "1000 pages written")
expect(slab_after(false, "writer", 1000, true), 0, "slab off, written")
