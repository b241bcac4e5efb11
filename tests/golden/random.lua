-- SPDX-License-Identifier: GPL-2.0-only
-- Golden: a fixed-seed mix of anon and file allocations of orders 0..3
-- (some dirty), touches, frees and time on 32 MiB with 16 MiB of swap:
-- kswapd, direct reclaim, compaction-free high-order failures, swap and
-- writeback interleave until swap fills and the OOM killer acts. The
-- trace runs to 1.5 MB, so the output holds its line count per
-- tracepoint and a 64-bit FNV-1a hash of its bytes, then /proc/vmstat and
-- /proc/zoneinfo; all must equal tests/fixtures/golden/random.txt.

reset{seed = 21, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "32M"}}},
      swap = "16M", sysctl = {min_free_kbytes = 512}}
math.randomseed(21)
local KINDS = {"anon", "file"}
local live = {}
local tasks = {task("t1"), task("t2", {oom_score_adj = 200})}
local TRACE = os.tmpname()
trace(TRACE)
for _ = 1, 70 do
  local op = math.random(5)
  if op <= 2 then
    local order = math.random(0, 3)
    local t = tasks[math.random(#tasks)]
    local ok, r = pcall(t.alloc, t, math.random(1, 256) << order,
                        {order = order, kind = KINDS[math.random(2)],
                         dirty = math.random(3) == 1})
    if ok then
      live[#live + 1] = r
    end
  elseif op == 3 and #live > 0 then
    pcall(touch, live[math.random(#live)])
  elseif op == 4 and #live > 0 and math.random(3) == 1 then
    local i = math.random(#live)
    pcall(free, live[i])
    live[i] = live[#live]
    live[#live] = nil
  else
    run(math.random(1, 8))
  end
end
trace(false)
check()

local f = assert(io.open(TRACE, "rb"))
local text = f:read("a")
f:close()
os.remove(TRACE)
local hash, counts, names = -3750763034362895579, {}, {}
for i = 1, #text do
  hash = (hash ~ text:byte(i)) * 1099511628211
end
for name in text:gmatch(" (mm_vmscan_[%w_]+): ") do
  if not counts[name] then
    names[#names + 1] = name
    counts[name] = 0
  end
  counts[name] = counts[name] + 1
end
table.sort(names)
for _, name in ipairs(names) do
  print(name, counts[name])
end
print(string.format("trace: %d bytes, fnv1a64 %016x", #text, hash))
io.write(vmstat(), zoneinfo())
