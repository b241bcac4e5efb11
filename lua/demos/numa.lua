-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: a database on node 0 of a two-node machine
-- runs its node out of memory. With zone_reclaim_mode 0, the default,
-- the allocator does not reclaim on node 0 at all: it takes node 1's
-- memory (numa_miss), and kswapd0 stays asleep, since no zone of the
-- zonelist is below low yet. With zone_reclaim_mode 1, node_reclaim()
-- frees node 0's clean page cache and every page stays local.
--
--   kswapsim lua/demos/numa.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/numa.lua  the same text; a claim that
--                                        stops being true fails

local fmt = string.format

local function machine (mode)
  reset{seed = 1, thp = false,
        nodes = {{zones = {DMA32 = "1G"}}, {zones = {Normal = "1G"}}},
-- percpu_pagelist_high_fraction 65536: each CPU's per-cpu list at its
-- smallest, 4 batches (zone_highsize()), so that a step of the story
-- moves the free pages by at most one refill (nr_pcp_alloc()).
        sysctl = {zone_reclaim_mode = mode,
                  percpu_pagelist_high_fraction = 65536}}
  run(30) -- past kswapd's first nap: both kswapds sleep
  return node(0).zones.DMA32, node(1).zones.Normal
end

local function database (z0, z1)
  local db = task("mysqld", {node = 0})
  local tables = db:alloc("900M", {kind = "file"})
  say(fmt("mysqld, on node 0, reads 900 MiB of tables: node 0 free %d, " ..
          "low %d", z0.free, z0.low))
  pause(2)
  local before = vmstat()
  local pool = db:alloc("200M", {kind = "anon"})
  local after = vmstat()
  say(fmt("It allocates a 200 MiB buffer pool (51200 pages):"))
  say(fmt("  node 0 free %d, node 1 free %d (was %d)", z0.free, z1.free,
          z1.managed))
  local miss = after.numa_miss - before.numa_miss
  say(fmt("  numa_miss %d: %d%% of the pool is on node 1", miss,
          miss * 100 // 51200))
  say(fmt("  zone_reclaim_success %d, pgsteal_direct %d",
          after.zone_reclaim_success - before.zone_reclaim_success,
          after.pgsteal_direct - before.pgsteal_direct))
  say(fmt("  kswapd0 %s, kswapd1 %s, pgscan_kswapd %d",
          node(0).kswapd.state, node(1).kswapd.state, after.pgscan_kswapd))
  return after.numa_miss - before.numa_miss, after
end

chapter("zone_reclaim_mode = 0")
local z0, z1 = machine(0)
say("Two nodes of 1 GiB each; vm.zone_reclaim_mode = 0 (the default).")
say(fmt("  node 0 DMA32: min %d low %d high %d", z0.min, z0.low, z0.high))
pause(2)
local miss, v = database(z0, z1)
expect(miss > 0, "mode 0: part of the pool went to node 1")
expect(z1.managed - z1.free - z1.free_pcp, miss,
       "node 1 holds the pages that missed")
expect(v.zone_reclaim_success + v.zone_reclaim_failed, 0,
       "mode 0: node_reclaim() never ran")
expect(v.pgscan_kswapd + v.pgscan_direct, 0, "no reclaim at all")
pause()
say("get_page_from_freelist() found node 0 at low and went on down the")
say("zonelist to node 1. No reclaim ran and no kswapd woke: node 1 still")
say("had room. Node 0 kept its cache; the pool pays with remote accesses.")
pause()

chapter("zone_reclaim_mode = 1")
z0, z1 = machine(1)
say("The same with vm.zone_reclaim_mode = 1 (RECLAIM_ZONE):")
pause(1)
miss, v = database(z0, z1)
-- what node_reclaim() frees waits on the CPU's per-cpu list until a drain
-- (free_unref_page_commit()): until then node 0 still fails its mark
expect(miss < 51200 // 100, true, "mode 1: all but 1% of the pool on node 0")
expect(z1.managed - z1.free - z1.free_pcp, miss, "node 1 holds only those")
expect(v.zone_reclaim_success > 0 and v.zone_reclaim_failed == 0, true,
       "node_reclaim() succeeded")
-- node_reclaim(): nr_to_reclaim = max(SWAP_CLUSTER_MAX, 1 << order)
expect(v.pgsteal_direct, 32 * v.zone_reclaim_success,
       "32 pages a node_reclaim()")
expect(v.pgscan_kswapd, 0, "no kswapd woke")
pause()
say("Each time node 0 failed its watermark, node_reclaim() shrank node 0")
say("(priority 4, 32 pages a time) and the allocation stayed local: the")
say("database's cache on node 0 paid for its buffer pool. The few misses:")
say("reclaimed pages wait on the per-cpu list, which no watermark counts,")
say("until it drains.")
pause()

chapter("6.12 and the seeds")
say("Kernels before 3.16 switched zone_reclaim_mode on at boot when a")
say("node was far enough away (RECLAIM_DISTANCE); 6.12 leaves it 0, and")
say("node_reclaim() runs only when the node has more unmapped page cache")
say("than min_unmapped_ratio (1%) of its pages.")
