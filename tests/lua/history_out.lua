-- SPDX-License-Identifier: GPL-2.0-only
-- history.csv and history.svg after the kswapd demo's workload (1 GiB of
-- DMA32: min 1024, low 1286, high 1548): the CSV's last row is what
-- zoneinfo()'s numbers and vmstat() say now, its first row keeps the dip
-- to 1155 free pages that woke kswapd; the SVG has the free pages' line
-- and the three watermark lines with their page counts; bad arguments and
-- an unwritable path raise errors that say what was expected.

local expect = require("lib.testlib").expect

-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
local z = node(0).zones.DMA32
alloc("700M", {kind = "file"})
alloc(z.free + z.free_pcp - (z.min + z.low) // 2, {kind = "anon"})
expect(z.free + z.free_pcp, 1155, "free or listed after the allocation")
-- the last refill's leftovers wait on the per-cpu list, outside free
local dip = z.free
expect(dip < 1155 and dip > 1155 - 189, true, "the dip within a refill")
run(50)

local dir = os.getenv("TMPDIR") or "/tmp"
local csv = dir .. "/kss_history_test.csv"
expect(history.csv(csv), 50, "rows written")
local rows = {}
for line in io.lines(csv) do rows[#rows + 1] = line end
local function split(s)
  local t = {}
  for f in (s .. ","):gmatch("([^,]*),") do t[#t + 1] = f end
  return t
end
local head = split(rows[1])
local col = {}
for i, name in ipairs(head) do col[name] = i end
local first, last = split(rows[2]), split(rows[#rows])
expect(#rows, 51, "header and one row a jiffy")
expect(tonumber(last[col.jiffies]), jiffies(), "last row's jiffies")
expect(tonumber(last[col.node0_DMA32_free]), z.free, "last free")
expect(tonumber(last[col.node0_DMA32_min]), z.min, "min column")
expect(tonumber(last[col.node0_DMA32_low]), z.low, "low column")
expect(tonumber(last[col.node0_DMA32_high]), z.high, "high column")
local vm = vmstat()
expect(tonumber(last[col.pgscan_kswapd]), vm.pgscan_kswapd, "pgscan_kswapd")
expect(tonumber(last[col.nr_inactive_file]), vm.nr_inactive_file,
       "nr_inactive_file")
expect(tonumber(first[col.node0_DMA32_free_lowest]), dip, "the dip")
expect(first[col.node0_kswapd_ran], "1", "kswapd ran in the first jiffy")
os.remove(csv)

local svg = dir .. "/kss_history_test.svg"
expect(history.svg(svg, {width = 800, height = 400, title = "a < b"}), 50,
       "samples drawn")
local text = io.open(svg):read("a")
os.remove(svg)
expect(text:find('<polyline class="free"', 1, true) ~= nil, true,
       "the free pages' polyline")
for _, w in ipairs{{"min", 1024}, {"low", 1286}, {"high", 1548}} do
  expect(text:find(('class="wmark-%s" data-pages="%d"'):format(w[1], w[2]),
                   1, true) ~= nil, true, w[1] .. " line")
end
expect(text:find('class="kswapd-running"', 1, true) ~= nil, true,
       "kswapd's run shaded")
expect(text:find("a &lt; b", 1, true) ~= nil, true, "title escaped")

local function err(f, ...)
  local ok, msg = pcall(f, ...)
  expect(ok, false, "an error")
  return msg
end
expect(err(history.csv, "/nonexistent/x.csv"),
       "history.csv: cannot write /nonexistent/x.csv: No such file or directory",
       "unwritable path")
expect(err(history.svg, svg, {zone = "Normal"}),
       "history.svg: node 0 has no Normal pages", "absent zone")
expect(err(history.svg, svg, {width = "x"}),
       "history.svg: width must be an integer from 200 to 10000, got x",
       "bad width")
expect(err(history.csv) ~= nil, true, "no path")
