-- disk{}: the device under writeback moves `bandwidth` pages a jiffy (the
-- core's blk.c FIFO), so nr_written grows by exactly that much each
-- jiffy while dirty pages queue for it.

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

-- written pages per jiffy once the flusher has queued the dirty pages
local function rate (bandwidth)
  reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
  if bandwidth then
    disk{bandwidth = bandwidth}
  end
  -- expire dirty pages at once and wake the flusher every jiffy; the
  -- flusher sleeps out its boot-time 5 s unless the write wakes it, as
  -- dirty_writeback_centisecs_handler() does
  sysctl.dirty_expire_centisecs = 1
  sysctl.dirty_writeback_centisecs = 1
  alloc("64M", {kind = "file", dirty = true})
  run(6)
  local a = vmstat().nr_written
  run(1)
  return vmstat().nr_written - a
end

expect(rate(), 256, "boot device: 256 pages a jiffy")
expect(rate(64), 64, "a slower device")
expect(disk().bandwidth, 64, "disk() reads it back")
check()

checkerror("unknown key 'pages' in disk{} %(expected bandwidth or latency%)",
           disk, {pages = 1})
checkerror("bandwidth must be 1..4000000 pages a jiffy", disk,
           {bandwidth = 0})
check()
