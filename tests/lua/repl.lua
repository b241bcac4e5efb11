-- SPDX-License-Identifier: GPL-2.0-only
-- The REPL's value printing and Tab completion (lua/prelude.lua's show()
-- and complete(), which script_eval() and script_complete() call).

local P = require "prelude"

local expect = require("lib.testlib").expect

local function list (t)
  return table.concat(t, " ")
end

reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}

-- {====== show(): lua.c's l_print, with tables readable
expect(P.show(2), "2", "number")
expect(P.show(1, "x", nil), "1\tx\tnil", "several values")
expect(P.show("a\nb"), "a\nb", "strings as they are")
expect(P.show({}), "{}", "empty table")
expect(P.show({1, 2, 3, a = {x = 1}, ["not id"] = "s"}),
       '{1, 2, 3, a = {x = 1}, ["not id"] = "s"}', "table")
-- zone-indexed tables print as zoneinfo's "protection:" line does
expect(P.show(node(0).zones.DMA32.protection), "(0, 0, 0, 0, 0)",
       "zone-indexed table")
expect(tostring(sysctl.lowmem_reserve_ratio), "(256, 256, 32, 0, 0)",
       "lowmem_reserve_ratio")
expect(P.show(node(0).zones.DMA32.nr_free),
       "{[0]=0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 256}", "table indexed from 0")
expect(P.show(node(0).zones.DMA32),
       "DMA32: free 262144 min 1024 low 1286 high 1548 promo 1810 managed 262144",
       "zone summary")
expect(P.show(node(0).zones.Movable), "Movable: empty", "empty zone")
local r = alloc(512)
expect(P.show(r), "region " .. r.id .. ": anon 512 pages", "region")
free(r)
local t = {}
t.self = t
expect(P.show(t), "{self = <cycle>}", "cycle")
expect(P.show(node(0).lru), [[
{
  active_anon = 0,
  active_file = 0,
  inactive_anon = 0,
  inactive_file = 0,
  unevictable = 0,
}]], "long table on several lines")
expect(P.show(vmstat()):match("^nr_free_pages (%d+)\n"),
       tostring(node(0).zones.DMA32.free), "vmstat() shows its text")
-- }======

-- {====== complete()
expect(list(P.complete("sysc")), "sysctl", "global")
expect(list(P.complete("workloads.stea")), "steady_allocator", "helpers")
expect(list(P.complete("fo")), "for", "keyword")
expect(list(P.complete("node(0).zo")), "zones", "node field")
expect(list(P.complete("n = node(0).zones.No")), "Normal", "zone name")
expect(list(P.complete("node(0).zones.D")), "DMA DMA32 Device", "zone names")
expect(list(P.complete("node(0).zones.Normal.pr")), "present promo protection",
       "zone fields")
expect(list(P.complete("node(0).zones['Normal']:w")), "watermark_ok",
       "zone method")
expect(list(P.complete("sysctl.wat")),
       "watermark_boost_factor watermark_scale_factor", "sysctl names")
expect(list(P.complete("vmstat().pgfr")), "pgfree", "vmstat counter")
expect(list(P.complete("node(0).kswapd.pri")), "priority", "kswapd fields")
expect(list(P.complete("node(0):b")), "balanced", "node method")
expect(list(P.complete("current_task().oom")), "oom_score_adj", "task fields")
expect(list(P.complete("disk().ba")), "bandwidth", "disk() reads only")
expect(list(P.complete("string.fo")), "format", "library table")
expect(list(P.complete('alloc(1, {zone = "DM')), "DMA DMA32",
       "zone name in a string")
expect(list(P.complete('sysctl["lowmem')), "lowmem_reserve_ratio",
       "sysctl name in a string")
expect(list(P.complete("nosuch.x")), "", "unknown prefix")
-- completion never calls a function with side effects
local before = node(0).free
expect(list(P.complete("alloc(1).pa")), "", "alloc() is not called")
expect(node(0).free, before, "nothing allocated")
-- }======

-- help() lists what exists, help(name) one entry
local out = {}
local print0 = print
print = function (s) out[#out + 1] = s end
help()
help("free")
print = print0
expect(out[1]:match("^reset{nodes = ") ~= nil, true, "help() starts at reset")
expect(out[2], "free(r)                                 free a region",
       "help(\"free\")")
for line in out[1]:gmatch("[^\n]+") do
  expect(#line <= 78, true, "help line fits 80 columns: " .. line)
end
expect(select(2, pcall(help, "nosuch")):match("no help for 'nosuch'") ~= nil,
       true, "unknown topic")
check()
