-- SPDX-License-Identifier: GPL-2.0-only
-- A writer that never sleeps of its own (dd) is held at vm.dirty_ratio's
-- threshold: generic_perform_write() calls balance_dirty_pages_ratelimited()
-- after each folio, balance_dirty_pages() looks once the task has dirtied
-- 32 pages, and above the threshold the position ratio is 0, so the
-- writer pauses until writeback brings it under (mm/page-writeback.c).
-- So its dirty and writeback pages stay at the threshold, to within the
-- pages dirtied between two looks and the threshold's own moves as the
-- free memory falls, and it writes at the disk's pace: 256 pages a
-- jiffy on the default disk.

local T = require "lib.testlib"
local expect = T.expect

reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
run(30)
local t = task("dd")
t:start{kind = "file", size = "1G", rate = "1G", cycle = true, passes = 1,
        dirty = true}
local over, j0, w0, rate = -math.huge
for i = 1, 400 do
  run(1)
  check()
  local v = vmstat()
  over = math.max(over, v.nr_dirty + v.nr_writeback - v.nr_dirty_threshold)
  if i == 100 then j0, w0 = jiffies(), v.nr_written end
  if i == 300 then rate = (v.nr_written - w0) / (jiffies() - j0) end
end
expect(over <= 512, true,
       "dirty + writeback at most 512 over the threshold: " .. over)
expect(math.abs(rate - 256) <= 256 / 100, true,
       "it writes at the disk's 256 pages a jiffy: " .. rate)
