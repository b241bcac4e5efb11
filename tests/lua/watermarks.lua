-- SPDX-License-Identifier: GPL-2.0-only
-- Watermarks, protection and min_free_kbytes of three machines, worked out
-- by hand from the kernel's boot formulas, and the sysctl writes that
-- recompute them.

local expect = require("lib.testlib").expect

-- zone z has min/low/high/promo w (zone->_watermark[], no boost)
local function marks (z, w)
  expect(z.min, w[1], z.name .. " min")
  expect(z.low, w[2], z.name .. " low")
  expect(z.high, w[3], z.name .. " high")
  expect(z.promo, w[4], z.name .. " promo")
  expect(z.boost, 0, z.name .. " boost")
end

local function protection (z, p)
  for j = 0, 4 do
    expect(z.protection[j], p[j + 1], z.name .. " protection[" .. j .. "]")
  end
end

-- {====== machine A: a typical x86-64 box, 16 MiB DMA, 4 GiB DMA32, 60 GiB Normal
reset{nodes = {{zones = {DMA = "16M", DMA32 = "4G", Normal = "60G"}}}}
local zs = node(0).zones
-- DMA = "16M" is the whole DMA zone: pfns 1..4095; DMA32 = "4G" pfns
-- 4096..1048575 (arch/x86/include/asm/dma.h: MAX_DMA_PFN, MAX_DMA32_PFN)
expect(zs.DMA.managed, 4095, "DMA managed")
expect(zs.DMA.start_pfn, 1, "DMA start_pfn")
expect(zs.DMA32.managed, 1044480, "DMA32 managed")
expect(zs.DMA32.start_pfn, 4096, "DMA32 start_pfn")
expect(zs.Normal.managed, 15728640, "Normal managed")
expect(zs.Normal.start_pfn, 1048576, "Normal start_pfn")
--[[
mm/page_alloc.c: calculate_min_free_kbytes() at boot (watermarks still 0):
  lowmem_kbytes = (4095 + 1044480 + 15728640) * 4 = 67108860
  int_sqrt(67108860 * 16 = 1073741760) = 32767 (32768^2 = 1073741824)
mm/khugepaged.c: set_recommended_min_free_kbytes(), THP on, 3 populated
lowmem zones: 512 * 11 * 3 = 16896 pages, far below nr_free_buffer_pages()
/ 20 (about 838000), so min_free_kbytes = 16896 << 2 = 67584 > 32767.
]]
expect(sysctl.min_free_kbytes, 67584, "min_free_kbytes")
--[[
mm/page_alloc.c: __setup_per_zone_wmarks(), pages_min = 67584 >> 2 = 16896,
lowmem_pages = 4095 + 1044480 + 15728640 = 16777215:
  DMA    min = 16896 * 4095 / 16777215     = 4
         d = max(4 >> 2 = 1, mult_frac(4095, 10, 10000) = 4)             = 4
  DMA32  min = 16896 * 1044480 / 16777215  = 1051
         d = max(1051 >> 2 = 262, mult_frac(1044480, 10, 10000) = 1044) = 1044
  Normal min = 16896 * 15728640 / 16777215 = 15840
         d = max(15840 >> 2 = 3960, mult_frac(15728640, 10, 10000) = 15728)
                                                                       = 15728
  low = min + d, high = min + 2d, promo = min + 3d
]]
marks(zs.DMA, {4, 8, 12, 16})
marks(zs.DMA32, {1051, 2095, 3139, 4183})
marks(zs.Normal, {15840, 31568, 47296, 63024})
--[[
mm/page_alloc.c: setup_per_zone_lowmem_reserve(), ratios 256 256 32 0 0:
  DMA:   [1] = 1044480 / 256 = 4080
         [2] = [3] = [4] = (1044480 + 15728640) / 256 = 65520
  DMA32: [2] = [3] = [4] = 15728640 / 256 = 61440
  Normal: [3] = [4] = 0 / 32 = 0
]]
protection(zs.DMA, {0, 4080, 65520, 65520, 65520})
protection(zs.DMA32, {0, 0, 61440, 61440, 61440})
protection(zs.Normal, {0, 0, 0, 0, 0})
expect(zs.DMA.protection.Normal, 65520, "protection by zone name")

-- lowmem_reserve_ratio_sysctl_handler() -> setup_per_zone_lowmem_reserve():
-- DMA [1] = 1044480 / 128 = 8160, [2] = 16773120 / 128 = 131040
sysctl.lowmem_reserve_ratio = {128, 128, 32, 0, 0}
protection(zs.DMA, {0, 8160, 131040, 131040, 131040})
protection(zs.DMA32, {0, 0, 122880, 122880, 122880})
expect(sysctl.lowmem_reserve_ratio[0], 128, "lowmem_reserve_ratio[0]")
expect(sysctl.lowmem_reserve_ratio.DMA32, 128, "lowmem_reserve_ratio.DMA32")
-- the /proc text form, and a short write that keeps the rest
sysctl.lowmem_reserve_ratio = "256 256"
protection(zs.DMA, {0, 4080, 65520, 65520, 65520})
expect(sysctl.lowmem_reserve_ratio[2], 32, "lowmem_reserve_ratio[2]")
-- }======

-- {====== machine B: 1 GiB of DMA32 only, THP off
reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32
--[[
calculate_min_free_kbytes(): lowmem_kbytes = 262144 * 4 = 1048576,
int_sqrt(1048576 * 16 = 16777216) = 4096; THP off, so it stays 4096.
__setup_per_zone_wmarks(): pages_min = 4096 >> 2 = 1024, one lowmem zone:
  min = 1024 * 262144 / 262144 = 1024
  d = max(1024 >> 2 = 256, mult_frac(262144, 10, 10000) = 262) = 262
]]
expect(sysctl.min_free_kbytes, 4096, "min_free_kbytes")
marks(z, {1024, 1286, 1548, 1810})
protection(z, {0, 0, 0, 0, 0})

-- watermark_scale_factor_sysctl_handler() -> setup_per_zone_wmarks():
-- d = max(256, mult_frac(262144, 200, 10000) = 26 * 200 + 2144 * 200 / 10000
--     = 5200 + 42 = 5242)
sysctl.watermark_scale_factor = 200
marks(z, {1024, 6266, 11508, 16750})
sysctl.watermark_scale_factor = 10
marks(z, {1024, 1286, 1548, 1810})

-- min_free_kbytes_sysctl_handler(): pages_min = 8192 >> 2 = 2048,
-- d = max(2048 >> 2 = 512, 262) = 512
sysctl.min_free_kbytes = 8192
expect(sysctl.min_free_kbytes, 8192, "min_free_kbytes after write")
marks(z, {2048, 2560, 3072, 3584})
-- }======

-- {====== machine C: 16 MiB DMA and 256 MiB DMA32, THP on but too small
reset{nodes = {{zones = {DMA = "16M", DMA32 = "256M"}}}}
--[[
mm/huge_memory.c: hugepage_init() leaves THP off below 512 MiB
(totalram 4095 + 65536 = 69631 pages < 131072), so only
calculate_min_free_kbytes(): int_sqrt((69631 * 4) * 16 = 4456384) = 2111.
__setup_per_zone_wmarks(): pages_min = 2111 >> 2 = 527, lowmem 69631:
  DMA   min = 527 * 4095 / 69631 = 30, d = max(30 >> 2 = 7, 4) = 7
  DMA32 min = 527 * 65536 / 69631 = 496, d = max(496 >> 2 = 124, 65) = 124
setup_per_zone_lowmem_reserve(): DMA [1..4] = 65536 / 256 = 256
]]
expect(sysctl.min_free_kbytes, 2111, "min_free_kbytes")
marks(node(0).zones.DMA, {30, 37, 44, 51})
marks(node(0).zones.DMA32, {496, 620, 744, 868})
protection(node(0).zones.DMA, {0, 256, 256, 256, 256})
-- }======

-- {====== zone_watermark_ok(), machine B again
reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
z = node(0).zones[1]
expect(z.name, "DMA32", "zones[1]")
expect(z:watermark_ok(0, "low", "DMA32"), true, "low ok")
expect(z:watermark_ok(0, z.free, 1), false, "free <= mark fails")
expect(z:watermark_ok(0, z.free - 1, 1), true, "free > mark passes")
--[[
mm/page_alloc.c: __zone_watermark_ok(), order 3: free_pages -= (1 << 3) - 1,
so the mark must stay below free - 7.
]]
expect(z:watermark_ok(3, z.free - 7, 1), false, "order 3 unusable 7")
expect(z:watermark_ok(3, z.free - 8, 1), true, "order 3 mark free - 8")
-- ALLOC_OOM: min -= min / 2, so mark m passes at free > m - m / 2
local m = z.free + 100
expect(z:watermark_ok(0, m, 1, "ALLOC_OOM"), true, "ALLOC_OOM halves min")
expect(z:watermark_ok(0, m, 1), false, "no reserve flags")
check()
-- }======

-- {====== the per-cpu lists' sizes, z.pcp[cpu]
--[[
The 1 GiB guest of tests/fixtures/oracle/boot-1g, one CPU. mm/page_alloc.c:
  zone_batchsize(): min(243854 >> 10, 256) = 238, / 4 = 59,
    rounddown_pow_of_two(59 + 29 = 88) - 1 = 63
  zone_highsize(): high_min = low / 1 CPU = 11087 + 2771 = 13858,
    high_max = 243854 / MIN_PERCPU_PAGELIST_HIGH_FRACTION (8) = 30481
high and count stay 0 (BOOT_PAGESET_HIGH) until the lists are used.
]]
reset{thp = false, cpus = 1, sysctl = {min_free_kbytes = 44348},
      nodes = {{zones = {DMA32 = {managed = 243854, present = 258016,
                                  spanned = 258016}}}}}
local p = node(0).zones.DMA32.pcp[0]
expect(p.batch, 63, "zone_batchsize()")
expect(p.high_min, 13858, "zone_highsize(), fraction 0")
expect(p.high_max, 30481, "zone_highsize(), fraction 8")
expect(p.high, 0, "BOOT_PAGESET_HIGH")
expect(p.count, 0, "no pcp traffic at boot")
expect(node(0).zones.DMA32.pcp[1], nil, "one CPU")
check()
-- }======
