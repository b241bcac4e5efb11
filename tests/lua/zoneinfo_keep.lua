-- SPDX-License-Identifier: GPL-2.0-only
-- reset{zoneinfo = PATH, watermarks = "file"} keeps the file's watermarks
-- and protection. A running kernel computed them at boot
-- (mm/page_alloc.c: init_per_zone_wmark_min(), again when khugepaged
-- raised min_free_kbytes) before free_initmem() added the init sections
-- to the zones' managed pages, and never since: recomputed from the
-- managed pages the file prints, they come out a few pages apart. The
-- file is a Debian 6.12.118 guest's /proc/zoneinfo (1 GiB, QEMU,
-- tests/fixtures/oracle/boot-1g.1.txt, made by scripts/oracle).

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

local function section (path, name)
  local f = assert(io.open(path))
  local text = f:read("a")
  f:close()
  return (assert(text:match("\n@@ begin before " .. name .. "\n(.-)@@ end\n"),
                 name))
end

local ZI = os.tmpname()
local f = assert(io.open(ZI, "w"))
f:write(section("../fixtures/oracle/boot-1g.1.txt", "/proc/zoneinfo"))
f:close()

-- recomputed from managed DMA 3840, DMA32 243854 and min_free_kbytes
-- 45056 (khugepaged's 11 * 2 zones * 2 MiB): DMA min 45056 / 4 * 3840 /
-- 247694 = 174, protection[1] = 243854 / 256 = 952
reset{thp = true, zoneinfo = ZI}
local dma, dma32 = node(0).zones.DMA, node(0).zones.DMA32
expect(sysctl.min_free_kbytes, 45056, "min_free_kbytes, as the guest's")
expect(dma.min, 174, "DMA min, recomputed")
expect(dma.protection[1], 952, "DMA protection[1], recomputed")
expect(dma32.min, 11089, "DMA32 min, recomputed")

-- kept: the guest's own 176 and 944, computed when DMA32 managed
-- 241664..241919 pages (944 * 256)
reset{thp = true, zoneinfo = ZI, watermarks = "file"}
dma, dma32 = node(0).zones.DMA, node(0).zones.DMA32
expect(string.format("%d %d %d %d", dma.min, dma.low, dma.high, dma.promo),
       "176 220 264 308", "DMA watermarks, the file's")
expect(string.format("%d %d %d %d", dma32.min, dma32.low, dma32.high,
                     dma32.promo),
       "11087 13858 16629 19400", "DMA32 watermarks, the file's")
expect(tostring(dma.protection), "(0, 944, 944, 944, 944)",
       "DMA protection, the file's")
expect(dma.managed, 3840, "DMA managed")
expect(dma32.managed, 243854, "DMA32 managed")
check()

-- the zoneinfo() text prints the kept values as the guest did
local want = section("../fixtures/oracle/boot-1g.1.txt", "/proc/zoneinfo")
for _, key in ipairs{"min", "low", "high", "promo"} do
  local w = {}
  for v in want:gmatch("\n        " .. key .. " +(%d+)") do w[#w + 1] = v end
  local g = {}
  for v in zoneinfo():gmatch("\n        " .. key .. " +(%d+)") do
    g[#g + 1] = v
  end
  expect(table.concat(g, " "), table.concat(w, " "), key .. " lines")
end

-- a sysctl write recomputes them, as the kernel's handler does
sysctl.min_free_kbytes = 45056
expect(node(0).zones.DMA.min, 174, "DMA min after a min_free_kbytes write")

checkerror('watermarks: "file" or "boot" expected', reset,
           {zoneinfo = ZI, watermarks = "kept"})
checkerror('watermarks = "file" needs zoneinfo', reset,
           {watermarks = "file"})
os.remove(ZI)
