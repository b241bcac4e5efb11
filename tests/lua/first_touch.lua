-- SPDX-License-Identifier: GPL-2.0-only
-- reset{first_touch_ns = N}: the first use of each page of RAM since
-- boot costs the thread that allocates it N ns more on the reference
-- core (divided by cpu_speed, as every cost is), as a guest under QEMU
-- pays the emulator for allocating its memory (sched.c:
-- charge_first_touch()). A reader of a sparse file with sendfile()
-- pays 1750 ns a page on the reference core (sparse.lua): 3200 fresh
-- pages at first_touch_ns 4000 cost 3200 * (1750 + 4000) at speed 1 and
-- 3200 * (3500 + 8000) at speed 0.5 (without the slab pages its xarray
-- would take, fresh too). Frames Lua's own alloc() used first cost
-- nothing more.

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

local function reader_cpu (opts, prefill)
  reset{cpus = 1, thp = false, slab = false, cpu_speed = opts.speed,
        first_touch_ns = opts.first_touch_ns,
        nodes = {{zones = {DMA32 = "256M"}}}}
  run(30)
  if prefill then
    -- all the free frames but the high watermark's used once, by Lua,
    -- and given back: the reader's pages come from them
    local z = node(0).zones.DMA32
    local r = alloc(z.free - z.high, {kind = "kernel"})
    free(r)
    check()
  end
  local t = task("cat")
  t:start{kind = "file", size = 3200, rate = 100000, cycle = true,
          passes = 1, sparse = true, sendfile = true}
  while t.working do run(1) end
  check()
  return math.floor(t.runtime * 1e9 + 0.5)
end

expect(reader_cpu{first_touch_ns = 0}, 3200 * 1750, "no first-touch cost")
expect(reader_cpu{first_touch_ns = 4000}, 3200 * (1750 + 4000),
       "3200 fresh pages")
expect(reader_cpu{first_touch_ns = 4000, speed = 0.5},
       3200 * (3500 + 8000), "on CPUs half as fast, the emulator too")
expect(reader_cpu({first_touch_ns = 4000}, true), 3200 * 1750,
       "frames used before cost nothing more")

checkerror("first_touch_ns: 0 to 1000000 expected, got %-1", reset,
           {first_touch_ns = -1})
checkerror("first_touch_ns: 0 to 1000000 expected, got 0.5", reset,
           {first_touch_ns = 0.5})
