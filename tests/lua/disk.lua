-- SPDX-License-Identifier: GPL-2.0-only
-- disk{}: the device under writeback moves `bandwidth` pages a jiffy (the
-- core's blk.c FIFO), so nr_written grows by that much each jiffy while
-- dirty pages queue for it, to within one request: the flusher's plug
-- merges a file's pages into requests of 254 (the virtio disk's
-- segments), each ending whole. wbt_lat_usec 0 turns writeback
-- throttling off, so that the flusher keeps the device busy.

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

-- written pages per jiffy once the flusher has queued the dirty pages
local function rate (bandwidth)
  reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
  disk{bandwidth = bandwidth, wbt_lat_usec = 0}
  -- expire dirty pages at once and wake the flusher every jiffy; the
  -- flusher sleeps out its boot-time 5 s unless the write wakes it, as
  -- dirty_writeback_centisecs_handler() does
  sysctl.dirty_expire_centisecs = 1
  sysctl.dirty_writeback_centisecs = 1
  alloc("64M", {kind = "file", dirty = true})
  run(6)
  local a = vmstat().nr_written
  run(40)
  return (vmstat().nr_written - a) / 40
end

local function near (got, want, what)
  expect(math.abs(got - want) <= 254 / 40, true,
         what .. ": " .. got .. " pages a jiffy, want " .. want)
end

near(rate(nil), 256, "boot device")
near(rate(64), 64, "a slower device")
expect(disk().bandwidth, 64, "disk() reads it back")
expect(disk().wbt_lat_usec, 0, "and wbt_lat_usec")
-- a key left out takes its default: wbt on, 75 ms (a rotational disk)
expect(disk{bandwidth = 64}.wbt_lat_usec, 75000, "wbt's default target")
check()

checkerror("unknown key 'pages' in disk{} %(expected bandwidth, latency, wbt_lat_usec or request_us%)",
           disk, {pages = 1})
checkerror("bandwidth must be 1..4000000 pages a jiffy", disk,
           {bandwidth = 0})
checkerror("wbt_lat_usec must be 0..10000000 us", disk, {wbt_lat_usec = -1})
checkerror("request_us must be 0..1000000 us", disk, {request_us = 1000001})
check()

-- request_us: each request costs the task that submits it that much CPU
-- on the reference core, scaled by cpu_speed as every cost is. A reader
-- of 3200 file pages reads them in aligned windows of VM_READAHEAD_PAGES
-- (32), 100 requests: 100 * 100 us = 10 ms more CPU time at speed 1, 20
-- ms at speed 0.5, over its 3200 * 1750 ns of touching, allocating,
-- reading in and copying (tests/lua/sparse.lua).
local function reader_cpu (speed, request_us)
  reset{cpus = 1, thp = false, cpu_speed = speed,
        nodes = {{zones = {DMA32 = "256M"}}}}
  disk{request_us = request_us}
  run(30)
  local t = task("cat")
  t:start{kind = "file", size = 3200, rate = 100000, cycle = true,
          passes = 1}
  while t.working do run(1) end
  check()
  return math.floor(t.runtime * 1e9 + 0.5)
end
expect(reader_cpu(1, 0), 3200 * 1750, "no request cost")
expect(reader_cpu(1, 100), 3200 * 1750 + 100 * 100000, "100 requests")
expect(reader_cpu(0.5, 100), 2 * (3200 * 1750 + 100 * 100000),
       "on CPUs half as fast")
expect(disk().request_us, 100, "disk() reads it back")

-- block/blk-wbt.c: a writer may have wb_normal = (depth + 1) / 2 requests
-- under way (calc_wb_limits()), a swap write the whole depth (REQ_SWAP
-- is in REQ_HIPRIO: get_limit()). The depth starts at RWB_DEF_DEPTH 16;
-- each 100 ms window with writes (wb_timer_fn(), LAT_UNKNOWN_WRITES)
-- doubles it less one (rq_depth_calc_max_depth(): 1 + (16 - 1) << n):
-- 31, 61, 121, then 3/4 of the virtio disk's 256 tags, 192. So while an
-- eater swaps out, max_depth goes 16, 31, 61, 121, 192 and wb_normal 8,
-- 16, 31, 61, 96; once the writes stop, every fifth idle window steps
-- them back.
reset{thp = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "256M"}
local e = task("eater")
e:start{kind = "anon", size = "384M", rate = "384M", cycle = true,
        passes = 1}
local depth, normal, waited, slabs = {}, {}, false, 0
for _ = 1, 600 do
  run(1)
  local d = disk()
  if depth[#depth] ~= d.max_depth then depth[#depth + 1] = d.max_depth end
  if normal[#normal] ~= d.wb_normal then normal[#normal + 1] = d.wb_normal end
  waited = waited or d.waiting > 0
  expect(d.inflight.swap <= d.max_depth, true, "no more than the depth")
  -- bio.c: a bio per folio under swap writeback, 16 to a slab page
  expect(d.bios.inflight, vmstat().nr_writeback, "a bio per swap write")
  expect(d.bios.inflight <= d.bios.slabs * 16 + 2, true, "slabs hold them")
  slabs = math.max(slabs, d.bios.slabs)
end
check()
expect(slabs > 0, true, "the slab grew")
run(250)
local b = disk().bios
expect(("%d %d %d"):format(b.inflight, b.pool, b.waiting), "0 2 0",
       "all bios back, the mempool full")
-- SLUB keeps min_partial (5) empty slabs of the size, frees the rest
expect(b.slabs <= 5, true, "empty slabs given back")
expect(table.concat(depth, " "), "16 31 61 121 192 121 61",
       "max_depth, scaled up and back")
expect(table.concat(normal, " "), "8 16 31 61 96 61 31", "wb_normal with it")
expect(waited, true, "a writer waited for the disk")
