-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: the watermarks of a zone, and kswapd waking
-- when an allocation takes the zone below low, reclaiming page cache
-- until the zone is back above high, then sleeping.
--
--   kswapsim lua/demos/kswapd.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/kswapd.lua  the same text, no waiting

local fmt = string.format

reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local n = node(0)
local z = n.zones.DMA32

say("A machine with 1 GiB of memory, all in one zone, DMA32:")
say("  " .. tostring(z))
say(fmt("calculate_min_free_kbytes(): int_sqrt(lowmem_kbytes * 16) = %d",
        sysctl.min_free_kbytes))
say(fmt("__setup_per_zone_wmarks(): min = %d kB / 4 = %d pages,",
        sysctl.min_free_kbytes, z.min))
say(fmt("  low and high %d apart: max(min / 4, managed / 1000)",
        z.low - z.min))
pause(3)

say("A program reads 700 MiB of files: the page cache fills memory.")
local cache = alloc("700M", {kind = "file"})
say(fmt("  free %d pages, inactive_file %d", z.free, n.lru.inactive_file))
pause(2)

local take = z.free - (z.min + z.low) // 2
say(fmt("Another takes %d pages of anonymous memory:", take))
local anon = alloc(take, {kind = "anon"})
local before = vmstat()	-- the UI may run time during pause()
say(fmt("  free %d < low %d, so the allocation woke kswapd0 (%s)",
        z.free, z.low, n.kswapd.state))
pause()

say("kswapd runs balance_pgdat() until the zone is above high:")
while n.kswapd.state ~= "sleeping" do
  run(5)
  say(fmt("  jiffies %d: free %d, kswapd %s at priority %d", jiffies(),
          z.free, n.kswapd.state, n.kswapd.priority))
  pause(0.5)
end
local after = vmstat()
say(fmt("It scanned %d pages and reclaimed %d, all page cache.",
        after.pgscan_kswapd - before.pgscan_kswapd,
        after.pgsteal_kswapd - before.pgsteal_kswapd))
say(fmt("free %d > high %d: pgdat_balanced(), kswapd sleeps.", z.free,
        z.high))
say(fmt("The anonymous pages stayed: inactive_anon %d.", n.lru.inactive_anon))
pause()

free(anon)
free(cache)
say("Both programs exit; their memory is free again:")
say("  " .. tostring(z))
