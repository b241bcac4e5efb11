-- SPDX-License-Identifier: GPL-2.0-only
-- blockdev{}: the device under writeback moves pages_per_tick pages a
-- jiffy (the core's blk.c FIFO), so nr_written grows by exactly that
-- much each jiffy while dirty pages queue for it.

local function expect (got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what, tostring(got),
                        tostring(want)), 2)
  end
end

local function checkerror (msg, f, ...)
  local s, err = pcall(f, ...)
  if s or not string.find(err, msg) then
    error(string.format("expected error '%s', got %s", msg,
                        s and "success" or "'" .. tostring(err) .. "'"), 2)
  end
end

-- written pages per jiffy once the flusher has queued the dirty pages
local function rate (setup)
  reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
  if setup then
    setup()
  end
  -- expire dirty pages at once and wake the flusher every jiffy
  sysctl.dirty_expire_centisecs = 1
  sysctl.dirty_writeback_centisecs = 1
  alloc("64M", {kind = "file", dirty = true})
  run(6)
  local a = vmstat().nr_written
  run(1)
  return vmstat().nr_written - a
end

expect(rate(), 256, "boot device: 256 pages a jiffy")
expect(rate(function () blockdev{pages_per_tick = 64} end), 64,
       "a slower device")
expect(rate(function () blockdev{pages_per_tick = "1M", latency_us = 500} end),
       256, "a size per jiffy")
check()

checkerror("unknown key 'bandwidth' in blockdev{} %(expected pages_per_tick or latency_us%)",
           blockdev, {bandwidth = 1})
checkerror("pages_per_tick: size must be positive, got 0", blockdev,
           {pages_per_tick = 0})
checkerror("latency_us: microseconds >= 0 expected, got %-1", blockdev,
           {latency_us = -1})
checkerror("pages_per_tick: 4194304 is more than the device can move in a jiffy",
           blockdev, {pages_per_tick = "16G"})
check()
