-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: where a zone's min, low, high and promo
-- watermarks come from, worked out by hand from min_free_kbytes and
-- watermark_scale_factor, and checked against the simulator's zone.
--
--   kswapsim lua/demos/watermarks.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/watermarks.lua  the same text; a claim
--                                              that stops being true fails

local fmt = string.format

local function isqrt (x)
  local r = math.floor(math.sqrt(x))
  while r * r > x do r = r - 1 end
  while (r + 1) * (r + 1) <= x do r = r + 1 end
  return r
end

reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32

chapter("min_free_kbytes")
say(fmt("One node, one zone: DMA32 with %d managed pages (%d kB).",
        z.managed, z.managed * 4))
say("At boot calculate_min_free_kbytes() (mm/page_alloc.c) takes the")
say("square root of sixteen times the low memory in kB:")
local want = isqrt(z.managed * 4 * 16)
say(fmt("  int_sqrt(%d * 16) = %d kB", z.managed * 4, want))
expect(sysctl.min_free_kbytes, want, "min_free_kbytes = int_sqrt(kB * 16)")
say(fmt("  /proc/sys/vm/min_free_kbytes: %d", sysctl.min_free_kbytes))
pause()
say("(6.12 clamps it to 128 kB .. 256 MiB; with THP on, khugepaged")
say("raises it further, which is why this machine boots with thp = false.)")
pause(3)

chapter("__setup_per_zone_wmarks()")
local min = sysctl.min_free_kbytes // 4
say(fmt("pages_min = %d kB >> (PAGE_SHIFT - 10) = %d pages, shared among",
        sysctl.min_free_kbytes, min))
say("the zones in proportion to their managed pages; one zone takes it all.")
expect(z.min, min, "min watermark")
local tmp = math.max(min // 4, z.managed * sysctl.watermark_scale_factor
                     // 10000)
pause()
say(fmt("The gap: max(min / 4, managed * watermark_scale_factor / 10000)"))
say(fmt("  = max(%d, %d * %d / 10000) = %d", min // 4, z.managed,
        sysctl.watermark_scale_factor, tmp))
say(fmt("  low   = min + gap     = %d", min + tmp))
say(fmt("  high  = min + 2 * gap = %d", min + 2 * tmp))
say(fmt("  promo = min + 3 * gap = %d (6.12, for NUMA memory tiering)",
        min + 3 * tmp))
expect(z.low, min + tmp, "low watermark")
expect(z.high, min + 2 * tmp, "high watermark")
expect(z.promo, min + 3 * tmp, "promo watermark")
pause()
say("The zone as /proc/zoneinfo prints it:")
local inzone = false
for line in zoneinfo():gmatch("[^\n]+") do
  if line:match("^Node") then inzone = line:match("zone%s+DMA32$") ~= nil end
  if inzone and (line:match("^%s+min ") or line:match("^%s+low ") or
                 line:match("^%s+high ") or line:match("^%s+promo ")) then
    say(line)
  end
end
pause(3)

chapter("Changing the sysctls")
say("Writing min_free_kbytes or watermark_scale_factor runs the same")
say("computation again (min_free_kbytes_sysctl_handler()).")
sysctl.watermark_scale_factor = 100
tmp = math.max(min // 4, z.managed * 100 // 10000)
say(fmt("watermark_scale_factor = 100 (1%%): gap %d, low %d, high %d",
        tmp, z.low, z.high))
expect(z.low, min + tmp, "low after watermark_scale_factor = 100")
expect(z.high, min + 2 * tmp, "high after watermark_scale_factor = 100")
sysctl.min_free_kbytes = 16384
min = 16384 // 4
tmp = math.max(min // 4, z.managed * 100 // 10000)
say(fmt("min_free_kbytes = 16384: min %d, low %d, high %d", z.min, z.low,
        z.high))
expect(z.min, min, "min after min_free_kbytes = 16384")
expect(z.low, min + tmp, "low after min_free_kbytes = 16384")
pause()

chapter("What 6.12 does differently from the seeds")
say("The older kernels in the walk-throughs set low = min * 5/4 and")
say("high = min * 3/2; watermark_scale_factor (4.6) made the gap scale")
say("with the zone, and 6.12 adds promo and a watermark_boost on top of")
say("each mark (zone->_watermark[] + watermark_boost).")
