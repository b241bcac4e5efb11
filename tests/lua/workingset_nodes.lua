-- SPDX-License-Identifier: GPL-2.0-only
-- workingset_nodes counts the page cache's xarray leaf nodes (64 indices
-- each) that hold shadow entries only: mm/workingset.c:
-- workingset_update_node() puts such a node on the shadow_nodes list
-- (and counts it) when its last page leaves, takes it off when a page
-- comes back or the file is truncated. A use-once stream through a file
-- 4 times memory leaves every node behind the resident tail so.

local expect = require("lib.testlib").expect

reset{thp = false, nodes = {{zones = {DMA32 = "64M"}}}}
local t = task("reader")
local r = t:start{kind = "file", size = "256M", rate = "4M", cycle = true,
                  passes = 1}
while t.working do run(25) end
local resident = node(0).lru.inactive_file + node(0).lru.active_file
local nodes = vmstat().workingset_nodes
-- the stream evicts in order: the nodes wholly before the resident tail
local want = (65536 - resident) // 64
expect(nodes >= want - 1 and nodes <= want + 1, true,
       string.format("workingset_nodes %d, about %d", nodes, want))
check() -- sim_check() counts the shadow-only nodes itself

-- truncating the file (freeing the region) takes every node off
local reg
for _, x in ipairs(regions()) do
  if x.id == r then reg = x end
end
free(reg)
expect(vmstat().workingset_nodes, 0, "truncation empties the list")
check()
