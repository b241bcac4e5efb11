-- SPDX-License-Identifier: GPL-2.0-only
-- Random workloads under memory pressure: four tasks and the default
-- one allocate anon and file memory of orders 0..4 (some dirty), touch,
-- dirty, mlock and free it, let time run and single-step the reclaimers
-- at every granularity, on 64 MiB with 32 MiB of swap. After every
-- operation sim_check() finds every page in exactly one place (free
-- lists, LRU, isolated, in flight) and the counters equal the arrays;
-- kswapd, direct reclaim, swap-out, refaults and OOM kills all happen;
-- the same seed gives the same /proc/vmstat byte for byte.

local expect = require("lib.testlib").expect

local KINDS = {"anon", "file"}
local GRANS = {"line", "page", "batch", "lru", "node", "priority", "balance"}

local function workload (seed, nr_ops)
  reset{seed = seed, thp = false, nodes = {{zones = {DMA32 = "64M"}}},
        swap = "32M", sysctl = {min_free_kbytes = 1024}}
  math.randomseed(seed)
  local live, tasks = {}, {}
  for i = 1, 4 do
    tasks[i] = task("t" .. i, {oom_score_adj = (i - 2) * 300})
  end
  local function pick () return live[math.random(#live)] end
  local ops = {
    function ()
      local order = math.random(0, 4)
      local opts = {order = order, kind = KINDS[math.random(2)],
                    dirty = math.random(3) == 1}
      local size, ok, r = math.random(1, 128) << order
      if math.random(2) == 1 then
        local t = tasks[math.random(#tasks)]
        ok, r = pcall(t.alloc, t, size, opts)
      else
        ok, r = pcall(alloc, size, opts)
      end
      if ok then
        live[#live + 1] = r
      else
        -- the kernel's failure line, or the task is (now) an OOM victim
        assert(r:find("page allocation failure: order:" .. order, 1, true)
               or r:find("Killed (out of memory)", 1, true)
               or r:find("is dead (OOM-killed)", 1, true), r)
      end
    end,
    -- a region of a killed task is gone: these may fail, cleanly
    function () if #live > 0 then pcall(touch, pick()) end end,
    function () if #live > 0 then pcall(dirty, pick()) end end,
    function ()
      if #live > 0 and math.random(8) == 1 then pcall(mlock, pick()) end
    end,
    function ()
      if #live > 0 and math.random(3) == 1 then
        local i = math.random(#live)
        pcall(free, live[i])
        live[i] = live[#live]
        live[#live] = nil
      end
    end,
    function () run(math.random(1, 10)) end,
    function () step(GRANS[math.random(#GRANS)]) end,
  }
  for n = 1, nr_ops do
    local k = math.random(#ops)
    ops[k]()
    local ok, err = pcall(check)
    if not ok then
      error(string.format("seed %d, after operation %d (%d): %s", seed, n,
                          k, err))
    end
  end
  return vmstat()
end

for _, seed in ipairs{1, 2} do
  local text = workload(seed, 2000)()
  local s = vmstat()
  for _, name in ipairs{"pgscan_kswapd", "pgscan_direct", "pswpout",
                        "pswpin", "workingset_refault_file", "oom_kill"} do
    assert(s[name] > 0, string.format("seed %d: %s is 0", seed, name))
  end
  expect(workload(seed, 2000)(), text, "seed " .. seed .. ": vmstat again")
end
