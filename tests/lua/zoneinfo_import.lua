-- SPDX-License-Identifier: GPL-2.0-only
-- reset{zoneinfo = PATH} mirrors a real machine: nodes, zones and their
-- sizes come from the file, watermarks and protection are recomputed by
-- the boot formulas, and must come out as the kernel printed them.

local expect = require("lib.testlib").expect

local function read (path)
  local f = assert(io.open(path))
  local s = f:read("a")
  f:close()
  return s
end

-- per "Node N, zone NAME": the lines the boot formulas decide
local KEYS = {
  min = true, low = true, high = true, promo = true, spanned = true,
  present = true, managed = true,
}
local function zone_lines (text)
  local zones, order, cur = {}, {}, nil
  for line in text:gmatch("[^\n]+") do
    local hdr = line:match("^Node %d+, zone +%w+$")
    if hdr then
      cur = {}
      zones[line] = cur
      order[#order + 1] = line
    elseif cur then
      local k = line:match("^%s+(%a+)%s+%d+$")
      if (k and KEYS[k]) or line:match("^%s+protection: ")
         or line:match("^%s+start_pfn: ") then
        cur[#cur + 1] = line
      end
    end
  end
  return zones, order
end

local function compare (path)
  local want, order = zone_lines(read(path))
  local got = zone_lines(zoneinfo())
  expect(#order > 0, true, path .. " has zones")
  for _, hdr in ipairs(order) do
    local w, g = want[hdr], got[hdr]
    expect(g ~= nil, true, hdr .. " present")
    expect(#g, #w, hdr .. " line count")
    for i = 1, #w do
      expect(g[i], w[i], hdr)
    end
  end
end

--[[
The 6.18 reference host (tests/fixtures/zoneinfo-host-6.18.txt): DMA 3840,
DMA32 772808, Normal 360448 managed. With THP on, min_free_kbytes is
mm/khugepaged.c: set_recommended_min_free_kbytes()'s 512 * 11 * 3 zones
= 16896 pages = 67584 kB, the host's value, so every min/low/high/promo
and protection line of the file comes out of the boot formulas, e.g.
DMA32 min = 16896 * 772808 / (3840 + 772808 + 360448) = 11483 and
DMA protection[1] = 772808 / 256 = 3018.
]]
local host = "../fixtures/zoneinfo-host-6.18.txt"
reset{zoneinfo = host}
expect(sysctl.min_free_kbytes, 67584, "host min_free_kbytes")
compare(host)
expect(node(0).zones.DMA32.min, 11483, "DMA32 min")
expect(node(0).zones.DMA.protection[1], 3018, "DMA protection[1]")
expect(node(0).zones.Normal.free, 360448, "a fresh machine: all free")
check()

-- 6.12 texts round-trip byte for byte: the simulator prints what it read
for _, f in ipairs { "../fixtures/zoneinfo-6.12-small.txt",
                     "../fixtures/zoneinfo-6.12-2node.txt" } do
  reset{zoneinfo = f}
  compare(f)
  expect(zoneinfo(), read(f), f .. " round trip")
  check()
end
expect(node(1).id, 1, "two nodes")

-- sysctls given with the import apply on top
reset{zoneinfo = host, sysctl = {min_free_kbytes = 4096}}
expect(sysctl.min_free_kbytes, 4096, "user min_free_kbytes")
expect(node(0).zones.DMA32.min, 1024 * 772808 // 1137096, "DMA32 min 4096")

--[[
A file named zoneinfo takes the sysctls in sys/vm/ beside it, as
/proc/zoneinfo does /proc/sys/vm. tests/fixtures/proc-wsf200 is the host
with min_free_kbytes 90112, watermark_scale_factor 200 and
lowmem_reserve_ratio 256 128 32 0 0; its watermarks, by
__setup_per_zone_wmarks() with pages_min = 90112 >> 2 = 22528 and
lowmem_pages 1137096:
  DMA32  min = 22528 * 772808 / 1137096 = 15310
         d = max(15310 >> 2 = 3827, mult_frac(772808, 200, 10000) = 15456)
         low 30766, high 46222, promo 61678
and setup_per_zone_lowmem_reserve(): DMA32 [2] = 360448 / 128 = 2816.
Without the sysctls the import would give the host's 11483 and 1408.
]]
local saved = "../fixtures/proc-wsf200/zoneinfo"
reset{zoneinfo = saved}
expect(sysctl.min_free_kbytes, 90112, "sys/vm/min_free_kbytes")
expect(sysctl.watermark_scale_factor, 200, "sys/vm/watermark_scale_factor")
expect(sysctl.lowmem_reserve_ratio[1], 128, "sys/vm/lowmem_reserve_ratio")
expect(node(0).zones.DMA32.min, 15310, "DMA32 min")
expect(node(0).zones.DMA32.promo, 61678, "DMA32 promo")
expect(node(0).zones.DMA32.protection[2], 2816, "DMA32 protection[2]")
compare(saved)
check()
