-- SPDX-License-Identifier: GPL-2.0-only
-- A workload that reads a sparse file (t:start{sparse = true}): its
-- readahead finds holes, which the filesystem zeroes instead of reading
-- (ext4_mpage_readpages()): no bio, so no pgpgin and no wait for the
-- disk, and every page costs the reader its CPU time alone (sched.h, on
-- the reference core): 50 ns to touch it, 100 to allocate it, 600 to
-- read it in, 1000 to clear it, 1000 for read() to copy it out: 2750
-- ns, 8.8 ms for 3200 pages. sendfile() to /dev/null, as busybox cat
-- reads, copies nothing out (splice_write_null()): 1750 ns a page. The
-- same file with blocks is read from the disk: 4 KiB of pgpgin a page,
-- and the reader sleeps until each readahead window has come
-- (filemap_fault() waits on the folio lock): no clearing, and the wait
-- is not CPU time.

local T = require "lib.testlib"
local expect = T.expect

local function read_once (sparse, sendfile)
  reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "256M"}}}}
  run(30)
  local v0, t0 = vmstat(), now()
  local t = task("cat")
  t:start{kind = "file", size = 3200, rate = 100000, cycle = true,
          passes = 1, sparse = sparse, sendfile = sendfile}
  while t.working do run(1) end
  local v = vmstat()
  check()
  return v.pgpgin - v0.pgpgin, v.nr_inactive_file + v.nr_active_file,
         t.runtime, now() - t0
end

local pgpgin, cached, runtime = read_once(true)
expect(pgpgin, 0, "a sparse file: no pgpgin")
expect(cached, 3200, "every page in the page cache")
expect(math.floor(runtime * 1e9 + 0.5), 3200 * (50 + 100 + 600 + 1000 + 1000),
       "the reader's CPU time: touch, allocate, read in, clear, copy")

pgpgin, cached, runtime = read_once(true, true)
expect(pgpgin, 0, "sendfile(): no pgpgin")
expect(cached, 3200, "sendfile(): every page in the page cache")
expect(math.floor(runtime * 1e9 + 0.5), 3200 * (50 + 100 + 600 + 1000),
       "sendfile()'s CPU time: touch, allocate, read in, clear")

local elapsed
pgpgin, cached, runtime, elapsed = read_once(false)
expect(pgpgin, 3200 * 4, "a file with blocks: 4 KiB of pgpgin a page")
expect(cached, 3200, "every page in the page cache")
expect(math.floor(runtime * 1e9 + 0.5), 3200 * (50 + 100 + 600 + 1000),
       "the reader's CPU time: touch, allocate, read in, copy; it sleeps on "
       .. "the disk")
-- the disk moves 256 pages a jiffy: 3200 take 12.5 jiffies, 50 ms
expect(elapsed >= 0.05, true, "the pass lasts as long as the disk takes")
