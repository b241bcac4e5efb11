-- SPDX-License-Identifier: GPL-2.0-only
-- EEVDF's delayed dequeue (kernel/sched/fair.c: DELAY_DEQUEUE and
-- DELAY_ZERO, both on in 6.12), as a task's on_rq, lag, eligible and
-- delayed fields show it. On one CPU, cat reads a sparse file larger
-- than memory twice with sendfile(), as tests/oracle/refault-1g.scn's
-- does, and kswapd reclaims for it in short cycles, sleeping after
-- each. Sampled at each tick:
--  * V is the mean virtual runtime of the tasks on the queue, so one of
--    them at least is eligible (not ahead of V);
--  * a delayed kswapd is asleep: it went to sleep ahead of V (owing
--    time: lag = V - vruntime < 0) and stays counted in V until the
--    queue would pick it, by which time V has caught up: a sample may
--    find it still owing or already owed;
--  * a kswapd asleep and not delayed is owed its lag, or nothing: it
--    slept at or behind V, or left the queue when V had passed it
--    (DELAY_ZERO forgets what it was owed then).

local T = require "lib.testlib"
local expect = T.expect

reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "512M"}}},
      cpu_speed = 0.25}
run(30)
local e = task("cat")
e:start{kind = "file", size = "700M", rate = "700M", cycle = true,
        passes = 2, sparse = true, sendfile = true}
local kid = node(0).kswapd.task
local owing, owed, asleep = 0, 0, 0
for _ = 1, 5000 do
  run(1)
  local all, queued, eligible = tasks(), 0, 0
  for _, p in pairs(all) do
    if p.state ~= "running" then
      expect(p.on_rq, p.delayed, "asleep: on the queue only if delayed")
    end
    if p.on_rq then
      queued = queued + 1
      if p.eligible then eligible = eligible + 1 end
    end
  end
  expect(queued == 0 or eligible > 0, true,
         "someone on the queue is eligible")
  local k = all[kid]
  if k.delayed then
    expect(k.state ~= "running", true, "a delayed kswapd is asleep")
    if k.lag < 0 then owing = owing + 1 else owed = owed + 1 end
  elseif k.state ~= "running" then
    asleep = asleep + 1
    expect(k.lag >= 0, true, "kswapd left the queue owing nothing")
  end
  if not e.working then break end
end
check()
expect(e.working, false, "cat's passes end")
expect(owing + owed > 0, true,
       ("kswapd seen delayed, owing (%d) or owed (%d)"):format(owing, owed))
expect(asleep > 0, true, "and asleep off the queue (" .. asleep .. ")")
