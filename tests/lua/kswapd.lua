-- SPDX-License-Identifier: GPL-2.0-only
-- kswapd from Lua: n.kswapd, n:balanced(), wake_kswapd(), dmesg().
-- 256 MiB of DMA32, min_free_kbytes 4096: min 1024, low 1280, high 1536
-- (mm/page_alloc.c: __setup_per_zone_wmarks()). percpu_pagelist_high_fraction
-- 65536 keeps CPU 0's list at most 4 batches of 15 (zone_highsize()), so
-- that a refill moves free pages by at most 45 (nr_pcp_alloc()).

local T = require "lib.testlib"
local expect, checkerror = T.expect, T.checkerror

reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}},
      sysctl = {min_free_kbytes = 4096,
                percpu_pagelist_high_fraction = 65536}}
local n = node(0)
local z = n.zones.DMA32
expect(z.high, 1536, "high")
-- kswapd ran to kswapd_try_to_sleep() at boot: balanced, it naps HZ/10
-- (25 jiffies) before it sleeps for good
expect(n.kswapd.state, "napping", "kswapd naps at boot")
run(24)
expect(n.kswapd.state, "napping", "kswapd naps for HZ/10")
run(6)
expect(n.kswapd.state, "sleeping", "kswapd asleep after boot")
expect(n.kswapd.failures, 0, "kswapd_failures")
expect(n:balanced(0, 3), true, "balanced at boot")

-- page cache down to 1200 free pages: below low, kswapd is woken
alloc(z.free - 1200, {kind = "file"})
expect(z.free + z.free_pcp, 1200, "free or listed after filling")
expect(z.free > 1200 - 45, true, "free within a refill of 1200")
expect(n:balanced(0, 3), false, "pgdat_balanced below high")
expect(n.kswapd.order, 0, "kswapd_order posted")
expect(n.kswapd.highest_zoneidx, 3, "GFP_HIGHUSER_MOVABLE: ZONE_MOVABLE")
run(100)
expect(n.kswapd.state, "sleeping", "kswapd asleep after balancing")
expect(n:balanced(0, 3), true, "balanced after kswapd")
-- balance_pgdat(): 15 + 31 + 62 + 125 + 250 = 483 pages at priorities
-- 12..8, as in tests/core/test_vmscan.c
expect(vmstat().pgsteal_kswapd, 483, "pgsteal_kswapd")
expect(vmstat().pageoutrun, 1, "pageoutrun")
expect(z.free + z.free_pcp, 1683, "free or listed after kswapd")

-- a balanced node is not woken, but the request is posted
wake_kswapd(n, 3, "Normal")
expect(n.kswapd.order, 3, "order posted")
expect(n.kswapd.highest_zoneidx, 2, "highest_zoneidx posted")
expect(n.kswapd.state, "sleeping", "still asleep")

checkerror("no such node", wake_kswapd, 7)
checkerror("order must be 0..10", n.balanced, n, 11)
expect(dmesg(), "", "no kernel messages")
