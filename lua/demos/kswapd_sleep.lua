-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: how kswapd goes to sleep. After a balanced
-- pass kswapd_try_to_sleep() first naps for HZ/10; the two
-- kswapd_*_wmark_hit_quickly counters in /proc/vmstat tell how the nap
-- ended when kswapd could not go on to sleep for good.
--
--   kswapsim lua/demos/kswapd_sleep.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/kswapd_sleep.lua  the same text; a claim
--                                                that stops being true fails

local fmt = string.format

-- slab = false: the page cache without its xarray's slab pages, whose
-- order-1 allocations would wake kswapd too (kswapd.lua shows them)
reset{seed = 1, thp = false, slab = false,
      nodes = {{zones = {DMA32 = "1G"}}}}
local n = node(0)
local z = n.zones.DMA32
local k = n.kswapd
run(30)
local function counters ()
  local v = vmstat()
  return v.kswapd_low_wmark_hit_quickly, v.kswapd_high_wmark_hit_quickly
end
local function until_state (s)
  for _ = 1, 1000 do
    if k.state == s then return true end
    run(1)
  end
  return false
end
-- run until f() is true, at most 100 jiffies
local function until_true (f)
  for _ = 1, 100 do
    if f() then return true end
    run(1)
  end
  return false
end

chapter("Waking")
say(fmt("1 GiB of DMA32: min %d, low %d, high %d pages.", z.min, z.low,
        z.high))
local cache = alloc("700M", {kind = "file"})
local anon = alloc(z.free - (z.min + z.low) // 2, {kind = "anon"})
say(fmt("Page cache, then anonymous memory: free %d < low %d.", z.free, z.low))
say("get_page_from_freelist() fails the low mark, __alloc_pages_slowpath()")
local steal = vmstat().pgsteal_kswapd
run(1)
say("calls wakeup_kswapd(). One jiffy later kswapd0 has run")
say(fmt("balance_pgdat(): pgsteal_kswapd %d -> %d.", steal,
        vmstat().pgsteal_kswapd))
expect(vmstat().pgsteal_kswapd > steal, true, "kswapd woke below low")
pause(2)

chapter("The nap")
expect(k.state, "napping", "kswapd naps after balancing")
say(fmt("jiffies %d: free %d > high %d, balance_pgdat() returned.",
        jiffies(), z.free, z.high))
say("kswapd_try_to_sleep(): prepare_kswapd_sleep() finds the node")
say("balanced, so kswapd sleeps HZ/10 = 25 jiffies first (the nap), in")
say(fmt("case memory pressure comes straight back: state %s.", k.state))
pause(2)

chapter("Woken during the nap: kswapd_low_wmark_hit_quickly")
local low0, high0 = counters()
local more = alloc(z.free - (z.min + z.low) // 2, {kind = "anon"})
say(fmt("Another allocation takes free to %d < low: the nap is cut short",
        z.free))
say("(schedule_timeout() returns time remaining), so kswapd counts")
expect(until_true(function () return counters() ~= low0 end), true,
       "the cut-short nap is counted")
local low1, high1 = counters()
say(fmt("  kswapd_low_wmark_hit_quickly %d -> %d", low0, low1))
expect(low1, low0 + 1, "low_wmark_hit_quickly counted the cut-short nap")
expect(high1, high0, "high_wmark_hit_quickly unchanged")
pause(2)

chapter("Below high after the nap: kswapd_high_wmark_hit_quickly")
expect(k.state, "napping", "kswapd is in its nap again")
local between = alloc(z.free - (z.low + z.high) // 2, {kind = "anon"})
say(fmt("During the nap free falls to %d: below high %d but above low %d,",
        z.free, z.high, z.low))
say("so nobody wakes kswapd. The nap runs its 25 jiffies; then the node")
say("is not balanced, kswapd does not sleep, and counts")
expect(until_true(function () return select(2, counters()) ~= high1 end),
       true, "the full nap below high is counted")
local low2, high2 = counters()
say(fmt("  kswapd_high_wmark_hit_quickly %d -> %d", high1, high2))
expect(high2, high1 + 1, "high_wmark_hit_quickly counted the full nap")
expect(low2, low1, "low_wmark_hit_quickly unchanged")
say("and goes back to balance_pgdat() to bring the zone above high.")
pause()

chapter("6.12 and the seeds")
say("The seeds' older kernels passed an order and classzone_idx to")
say("kswapd_try_to_sleep(); 6.12 reads kswapd_order and")
say("kswapd_highest_zoneidx, and before the full sleep resets them and")
say("lets kcompactd run (wakeup_kcompactd()).")
free(between)
free(more)
free(anon)
free(cache)
