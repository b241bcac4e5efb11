-- SPDX-License-Identifier: GPL-2.0-only
-- Every API function, object method and sysctl, called thousands of
-- times with arguments drawn from a bag of good and bad values (nil,
-- NaN, infinities, 2^63, wrong types, freed regions, dead tasks, unknown
-- zone names, ...), on a 64 MiB machine with swap and a running task.
-- Each call either works or raises a Lua error; either way sim_check()
-- must find the machine consistent afterwards.

local SKIP = {reset = true, pause = true, say = true, trace = true,
              help = true, run = true}

local function api_functions ()
  local names = {}
  for k, v in pairs(_G) do
    -- the kswapsim API: what the Lua standard library does not define
    if type(v) == "function" and not SKIP[k] and
       not (string[k] or table[k] or math[k] or k:match("^_")) and
       not ({print = 1, dofile = 1, loadfile = 1, require = 1, load = 1,
             error = 1, assert = 1, collectgarbage = 1, setmetatable = 1,
             getmetatable = 1, rawset = 1, rawget = 1, rawequal = 1,
             rawlen = 1, next = 1, pairs = 1, ipairs = 1, select = 1,
             tostring = 1, tonumber = 1, type = 1, pcall = 1, xpcall = 1,
             warn = 1})[k] then
      names[#names + 1] = k
    end
  end
  table.sort(names) -- pairs() order is not the seed's
  return names
end

local SYSCTLS = {"min_free_kbytes", "watermark_scale_factor",
                 "watermark_boost_factor", "lowmem_reserve_ratio",
                 "swappiness", "laptop_mode", "dirty_ratio",
                 "dirty_background_ratio", "dirty_expire_centisecs",
                 "dirty_writeback_centisecs", "zone_reclaim_mode",
                 "min_unmapped_ratio", "min_slab_ratio",
                 "percpu_pagelist_high_fraction", "no_such_sysctl"}
local METHODS = {"alloc", "start", "stop", "watermark_ok", "balanced"}

local function fuzz (seed, nr_calls)
  reset{seed = seed, thp = false, nodes = {{zones = {DMA32 = "64M"}}},
        swap = "16M"}
  local fns = api_functions()
  local r, t = alloc(10), task("fz")
  local freed = alloc(1)
  free(freed)
  local vals = {0, -1, 1, 2^53, math.mininteger, 1/0, -1/0, 0/0, 1.5, "",
                "x", "4G", "-1M", "Normal", "DMA32", "Highmem", "line", {},
                {1, 2, 3}, {order = 11}, {kind = "bogus"}, {node = 9},
                {size = "1M", kind = "anon", rate = "1M"},
                {256, 256, 32, 0, 0}, true, false, r, t, freed, print}
  local function any () return vals[math.random(#vals + 1)] end -- or nil
  for i = 1, nr_calls do
    local f = fns[math.random(#fns)]
    pcall(_G[f], any(), any(), any())
    if math.random(4) == 1 then
      local obj = ({r, t, node(0), node(0).zones.DMA32})[math.random(4)]
      local m = METHODS[math.random(#METHODS)]
      pcall(function () return obj[m](obj, any(), any(), any()) end)
    end
    if math.random(10) == 1 then
      pcall(function () sysctl[SYSCTLS[math.random(#SYSCTLS)]] = any() end)
    end
    if math.random(50) == 1 then
      run(math.random(0, 5))
    end
    local ok, err = pcall(check)
    if not ok then
      error(string.format("seed %d, call %d (%s): %s", seed, i, f, err))
    end
  end
  return #fns
end

for seed = 1, 3 do
  assert(fuzz(seed, 1500) >= 20, "the API is there to call")
end
