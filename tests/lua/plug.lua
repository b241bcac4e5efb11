-- SPDX-License-Identifier: GPL-2.0-only
-- Reclaim writes under a plug (mm/vmscan.c: shrink_lruvec() calls
-- blk_start_plug()), so its swap writes reach the disk after its batch
-- has put their folios back on the inactive list: when the write ends,
-- folio_end_writeback() finds each folio there, PG_reclaim set, and
-- rotates it to the tail (pgrotated), to be freed at the next visit.
-- Linux 6.12 under QEMU rotates 96.8% to 98.6% of what it swaps out
-- (pgrotated / pswpout in tests/fixtures/oracle/anon-swap-1g.1 to .6).
-- On a CPU slow enough that a batch outlasts the disk's latency, writes
-- sent one by one would end while their folios were still isolated, and
-- then wait a whole lap of the list in the swap cache: this machine,
-- smaller and slower than the guest, then rotates about half of them,
-- and with the plug over 90% (the rest end while a reclaimer that sent
-- its plug's writes is preempted before it puts the batch back).

local T = require "lib.testlib"
local expect = T.expect

reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "256M"}}},
      swap = "256M", cpu_speed = 0.15}
run(30)
local t = task("eater")
t:start{kind = "anon", size = "384M", rate = "384M", cycle = true,
        passes = 1}
local n = 0
while t.working and n < 2500 do run(1); n = n + 1; check() end
expect(t.working, false, "the eater's pass ends")
local v = vmstat()
expect(v.pswpout > 20000, true, "it swapped out (" .. v.pswpout .. ")")
expect(v.pgrotated >= 0.90 * v.pswpout, true,
       string.format("pgrotated %d of pswpout %d: at least 90%%",
                     v.pgrotated, v.pswpout))
expect(v.oom_kill, 0, "no OOM kill")
check()
