-- SPDX-License-Identifier: GPL-2.0-only
-- Random alloc/free sequences and random bad calls on a small machine:
-- after each one sim_check() finds every page in exactly one place and
-- the counters equal the arrays, and what was freed comes back.

reset{seed = 42, thp = false, nodes = {{zones = {DMA = "16M", DMA32 = "256M"}}}}
local zs = node(0).zones
-- pages nobody holds: on the buddy lists or a CPU's per-cpu list
local function unused()
  return zs.DMA.free + zs.DMA.free_pcp + zs.DMA32.free + zs.DMA32.free_pcp
end
local free0 = unused()
local slab0 = vmstat().nr_slab_reclaimable
local kinds = {"anon", "file", "kernel"}
local live = {}

local function random_alloc ()
  local order = math.random(0, 10)
  local blocks = math.random(1, order > 6 and 2 or 16)
  local opts = {order = order, kind = kinds[math.random(#kinds)]}
  if math.random(4) == 1 then
    opts.zone = math.random(2) == 1 and "DMA" or "DMA32"
  end
  local ok, r = pcall(alloc, blocks << order, opts)
  if ok then
    live[#live + 1] = r
  else
    assert(r:find("page allocation failure: order:" .. order, 1, true), r)
  end
end

local function random_free ()
  if #live == 0 then
    return
  end
  local i = math.random(#live)
  free(live[i])
  live[i] = live[#live]
  live[#live] = nil
end

-- calls that must fail, and fail cleanly
local bad = {
  function () alloc(-math.random(1, 100)) end,
  function () alloc(math.random(1, 100), {order = 11}) end,
  function () alloc("1Q") end,
  function () alloc(1, {zone = "Highmem"}) end,
  function () sysctl.min_free_kbytes = -math.random(1, 9) end,
  function () reset{nodes = {{zones = {DMA = "32M"}}}} end,
  function () zs.DMA32:watermark_ok(math.random(11, 99), "low", 1) end,
}

for _ = 1, 600 do
  local p = math.random(10)
  if p <= 5 then
    random_alloc()
  elseif p <= 9 then
    random_free()
  else
    assert(not pcall(bad[math.random(#bad)]))
  end
  check()
end
while #live > 0 do
  random_free()
end
check()
-- the file regions' xarray nodes took slab pages (reset{slab}); the
-- empty slabs SLUB keeps (min_partial) are all that stays
local kept = vmstat().nr_slab_reclaimable - slab0
assert(unused() + kept == free0,
       "everything freed comes back: " .. unused() .. " and " .. kept
       .. " in empty slabs, of " .. free0)
