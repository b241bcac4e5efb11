-- SPDX-License-Identifier: GPL-2.0-only
-- Stepping watches; it changes nothing. A machine of one CPU where an
-- anon and a file workload keep kswapd, direct reclaim, vmpressure's
-- kworker and EEVDF's preemptions busy (sched.c, fair.c) reaches jiffy
-- 200 in the same state whether it ran straight there or was stepped,
-- node by node or batch by batch, through its first 100 jiffies: every
-- task's CPU time and every /proc/vmstat counter are the same. A stop
-- parks the thread mid-run, and what was pending then (a preemption, a
-- timer's check, its request's protection) is still pending when it
-- goes on.

local T = require "lib.testlib"
local expect = T.expect

local function go (gran)
  reset{cpus = 1, thp = false, nodes = {{zones = {DMA32 = "64M"}}},
        swap = "32M", seed = 3}
  run(30)
  task("a"):start{kind = "anon", size = "80M", rate = "2M", cycle = true}
  task("b"):start{kind = "file", size = "80M", rate = "2M", cycle = true}
  local stops = 0
  while gran and jiffies() < 100 do
    if not step(gran) then break end
    stops = stops + 1
    check()
  end
  run(200 - jiffies())
  local out = {}
  for _, t in ipairs(tasks()) do
    out[#out + 1] = string.format("%s %.9f", t.name, t.runtime)
  end
  return table.concat(out, "\n") .. "\n" .. tostring(vmstat()), stops
end

local straight = go(nil)
for _, gran in ipairs{"node", "batch"} do
  local stepped, stops = go(gran)
  expect(stops > 100, true, gran .. ": the run was stopped often")
  expect(stepped == straight, true, gran .. ": the same state at jiffy 200")
end
