-- SPDX-License-Identifier: GPL-2.0-only
-- The lua_api fuzzer's decoder: fz_reset(seed, shape) boots a small
-- machine, fz_op(op, a, b, c) makes one API call from four bytes. Calls
-- run in pcall on the C side; after each, sim_check() must hold.

local R, T = {}, {} -- the regions and tasks of this input
local KINDS = {"anon", "file", "kernel"}
local GRAN = {"line", "page", "batch", "lru", "node", "priority", "balance"}
local MARKS = {"min", "low", "high", "promo"}
local ZONES = {"DMA", "DMA32", "Normal", "Movable", "Device", "Highmem"}
local SYSCTLS = {"min_free_kbytes", "watermark_scale_factor",
                 "watermark_boost_factor", "swappiness", "laptop_mode",
                 "dirty_ratio", "dirty_background_ratio",
                 "dirty_expire_centisecs", "dirty_writeback_centisecs",
                 "zone_reclaim_mode", "min_unmapped_ratio", "min_slab_ratio",
                 "percpu_pagelist_high_fraction", "lowmem_reserve_ratio"}
local VALS = {0, 1, 2, 3, 7, 11, 12, 32, 100, 200, 256, 1000, 4096, 65536,
              -1, 2^31, 2^53, math.maxinteger, math.mininteger, 1/0, -1/0,
              0/0, 1.5, "", "x", "4K", "1M", "16M", "-1M", "1T", "Normal",
              true, false, {}, {256, 256, 32, 0, 0}, {order = 11}}
local WORKLOADS = {"steady_allocator", "streaming_reader", "anon_leaker",
                   "cyclic_working_set", "burst"}
-- Normal is placed low: the frames go from pfn 0 to the last zone's end
local function zone (start, pages)
  return {start_pfn = start, spanned = pages, present = pages,
          managed = pages}
end
local SHAPES = {
  {{zones = {DMA32 = "16M"}}},
  {{zones = {DMA = "4M", DMA32 = "12M"}}},
  {{zones = {DMA32 = "8M"}}, {zones = {Normal = zone(8192, 2048)}}},
  {{zones = {Normal = zone(4096, 3072), Movable = zone(7168, 1024)}}},
  {{zones = {DMA32 = {spanned = 4096, present = 4000, managed = 3900}}}},
}
local wl = require "workloads"

local function val (i) return VALS[i % #VALS + 1] end
local function size (a, c) return (a % 64 + 1) * (c % 8 + 1) end
local function pick (list, i)
  if #list == 0 then return nil end
  return list[i % #list + 1]
end

function fz_reset (seed, shape)
  R, T = {}, {}
  reset{seed = seed, nodes = SHAPES[shape % #SHAPES + 1],
        swap = shape & 8 ~= 0 and "8M" or nil, thp = shape & 16 ~= 0,
        cpus = shape & 32 ~= 0 and 4 or nil}
end

local OPS = {
  function (a, b, c)
    R[#R + 1] = alloc(size(a, c), {kind = KINDS[b % 3 + 1],
                                   order = c % 4 == 3 and b % 11 or 0,
                                   dirty = b & 8 ~= 0, mapped = b & 16 ~= 0,
                                   node = b & 32 ~= 0 and 1 or nil})
  end,
  function (a) free(pick(R, a)) end,
  function (a) touch(pick(R, a)) end,
  function (a) dirty(pick(R, a)) end,
  function (a) mlock(pick(R, a)) end,
  function (a) run(a % 16) end,
  function (a) tick() end,
  function (a, b)
    -- with no reclaimer to step into, step() runs 2500 jiffies looking
    -- for one: wake kswapd first
    if not where() then wake_kswapd(0, b % 4, 2) end
    step(GRAN[a % #GRAN + 1])
  end,
  function () step_out() end,
  function () cont() end,
  function (a) set_priority(a % 15 - 1) end,
  function (a, b, c) wake_kswapd(c % 2, a % 12, b % 5) end,
  function (a, b) sysctl[SYSCTLS[a % #SYSCTLS + 1]] = val(b) end,
  function (a, b, c)
    sysctl.lowmem_reserve_ratio = {a * 4, b * 4, c, 0, 0}
  end,
  function (a, b, c)
    local z = node(c % 2).zones[ZONES[b % #ZONES + 1]]
    return z:watermark_ok(a % 12, MARKS[c % 4 + 1], b % 5, c // 4)
  end,
  function (a, b, c) return node(c % 2):balanced(a % 12, b % 5) end,
  function (a)
    T[#T + 1] = task("fz" .. #T, {oom_score_adj = a * 8 - 1000})
  end,
  function (a, b, c)
    local t = pick(T, c)
    if t then R[#R + 1] = t:alloc(size(a, c), {kind = KINDS[b % 3 + 1]}) end
  end,
  function (a, b, c)
    local t = pick(T, c)
    if t then
      t:start{kind = KINDS[b % 2 + 1], size = size(a, c) * 4,
              rate = a % 32 + 1, every = b % 4 + 1, cycle = c & 1 == 1,
              hold = c & 2 == 2 and 10 or nil}
    end
  end,
  function (a) local t = pick(T, a) if t then t:stop() end end,
  function (a) local t = pick(T, a) if t then t:free(pick(R, a)) end end,
  function (a, b)
    T[#T + 1] = wl[WORKLOADS[a % #WORKLOADS + 1]]{
      size = size(a, b) * 8, rate = b % 64 + 1}
  end,
  function (a, b) disk{bandwidth = a, latency = b * 10} end,
  function (a, b, c)
    local texts = {zoneinfo, vmstat, buddyinfo, pagetypeinfo, dmesg, where,
                   regions, tasks, jiffies, now, current_task}
    return texts[a % #texts + 1]()
  end,
  function (a) trace(a & 1 == 1) end,
  function (a, b, c) fz_reset(a * 256 + b, c) end,
  function (a, b, c)
    local n = node(a % 2)
    return n.lru.inactive_anon, n.kswapd.state, n.zones[b % 4].protection,
           vmstat()[SYSCTLS[c % #SYSCTLS + 1]]
  end,
}

function fz_op (op, a, b, c)
  return OPS[op % #OPS + 1](a, b, c)
end
