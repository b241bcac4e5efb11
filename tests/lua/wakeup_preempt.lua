-- SPDX-License-Identifier: GPL-2.0-only
-- One CPU shared by a task that allocates flat out and the kswapd it
-- wakes, as EEVDF shares it (kernel/sched/fair.c): the woken kswapd
-- takes the CPU at once if the task has used its slice, 0.7 ms on one
-- CPU (sysctl_sched_base_slice, check_preempt_wakeup_fair()), and
-- waits for the tick otherwise (RUN_TO_PARITY). A 6.12 guest on one
-- CPU shows the first: its cat is switched out for kswapd 40 us after
-- each wakeup (tests/oracle/file-stream-1g.scn).
--
-- 256 MiB of DMA32, watermark_scale_factor 1000: low - min is 10% of the
-- zone, room for the task to run a whole tick below low without reaching
-- min. The task's first touches cost 50 + 1000 + 100 + 1000 ns (touch,
-- fault, allocation, clearing the page: sched.h), 465 a millisecond; it
-- starts 2 us (a context switch) into a tick.

local T = require "lib.testlib"
local expect = T.expect

local SLICE, TICK = 0.0007, 0.004

-- the task starts `above` pages above low; the trace's times (s) of its
-- wakeup of kswapd and of kswapd's start, and the tick it started in
local function race (above)
  reset{cpus = 1, thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}},
        sysctl = {watermark_scale_factor = 1000,
                  percpu_pagelist_high_fraction = 65536}}
  local z = node(0).zones.DMA32
  run(30)
  alloc(z.free - z.low - above, {kind = "file"})
  local t0 = jiffies() * TICK
  local tr = os.tmpname()
  trace(tr)
  task("w"):start{kind = "anon", size = "200M", rate = 1000000}
  run(2)
  trace(false)
  local text = T.take_file(tr)
  check()
  return tonumber(text:match("%s(%d+%.%d+): mm_vmscan_wakeup_kswapd")),
         tonumber(text:match("%s(%d+%.%d+): mm_vmscan_kswapd_wake")), t0
end

-- 1000 pages above low: the task wakes kswapd about 2.2 ms into its run,
-- past its slice, and gives way at its next cond_resched(): kswapd runs
-- after the fault in hand and a context switch (2 us)
local woke, ran, t0 = race(1000)
expect(woke - t0 > SLICE, true, "the wakeup comes after the task's slice")
expect(ran - woke <= 5e-6, true, "kswapd runs within 5 us of the wakeup")

-- 100 pages: the wakeup comes about 0.2 ms in, inside the task's first
-- request, which is half a slice for a new task (PLACE_DEADLINE_INITIAL:
-- 0.35 ms); the task keeps the CPU, and the tick at the end of the
-- jiffy, which finds the request used, gives it to kswapd
woke, ran, t0 = race(100)
expect(woke - t0 < SLICE / 2, true,
       "the wakeup comes inside the task's first request")
expect(ran >= t0 + TICK, true, "kswapd waits for the tick")
expect(ran - (t0 + TICK) <= 5e-6, true, "kswapd runs at the tick")
