-- SPDX-License-Identifier: GPL-2.0-only
-- A lecture in one script: watermark boosting. When an unmovable
-- allocation has to take a piece of a movable pageblock, the allocator
-- raises the zone's watermarks by a pageblock (boost_watermark()) and
-- wakes kswapd, which reclaims that much page cache although the zone
-- is far above high, so that whole pageblocks come free again.
--
--   kswapsim lua/demos/boost.lua          in the UI, paced by pause()
--   kswapsim --batch lua/demos/boost.lua  the same text; a claim that
--                                         stops being true fails

local fmt = string.format

reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "512M"}}}}
local n = node(0)
local z = n.zones.DMA32
run(30)

-- the free blocks of each order, from /proc/buddyinfo's zone line
local function orders ()
  local t, i = {}, 0
  for c in buddyinfo():match("zone%s+DMA32%s+([%d%s]+)"):gmatch("%d+") do
    t[i], i = tonumber(c), i + 1
  end
  return t
end
-- the same, as one short line: "0 0 0 0 0 0 1021 1 1 0 0"
local function buddy ()
  local o, t = orders(), {}
  for i = 0, #o do t[#t + 1] = tostring(o[i]) end
  return "  buddyinfo, free blocks of order 0..10: " .. table.concat(t, " ")
end

chapter("A fragmented zone")
local min, low, high = z.min, z.low, z.high
say(fmt("512 MiB of DMA32: min %d, low %d, high %d; every pageblock (512", min,
        low, high))
say("pages) is MIGRATE_MOVABLE. Page cache fills it in pairs of 64-page")
say("blocks, A B A B ... (min_free_kbytes lowered while it fills, so the")
say("last pageblock is used too), then every A is freed:")
pause()
local kbytes = sysctl.min_free_kbytes
sysctl.min_free_kbytes = 128
local a, b = {}, {}
while z.free >= 128 + z.high do
  a[#a + 1] = alloc(64, {kind = "file", order = 6})
  b[#b + 1] = alloc(64, {kind = "file", order = 6})
end
sysctl.min_free_kbytes = kbytes
for i = 1, #a do free(a[i]) end
local o = orders()
expect(z.min, min, "the marks restored")
expect(o[6] >= #a - 2, true, "the freed A blocks are order-6 holes")
expect(o[9] + o[10], 0, "no whole pageblock is free")
say(fmt("  free %d pages, far above high %d, but in %d order-6 holes:", z.free,
        high, o[6]))
say(buddy())
say("no pageblock is wholly free, and no page is unmovable.")
pause()

chapter("boost_watermark()")
local v0 = vmstat()
alloc(16, {kind = "kernel"})
-- mm/page_alloc.c: boost_watermark(): + pageblock_nr_pages, at most
-- max(pageblock_nr_pages, high * watermark_boost_factor / 10000)
local cap = math.max(512, high * sysctl.watermark_boost_factor // 10000)
expect(z.boost, 512, "one pageblock of boost")
expect(z.min, min + 512, "min = _watermark[WMARK_MIN] + watermark_boost")
expect(z.high, high + 512, "high raised as much")
expect(n.kswapd.state, "running", "the boost woke kswapd0")
say("A driver allocates 16 unmovable pages (GFP_KERNEL). The unmovable")
say("lists are empty, so __rmqueue_claim() takes the largest movable")
say("piece, in a pageblock that is partly used: try_to_steal_block()")
say(fmt("calls boost_watermark(): watermark_boost %d (one pageblock; at", z.boost))
say(fmt("most max(512, high * watermark_boost_factor %d / 10000) = %d).",
        sysctl.watermark_boost_factor, cap))
pause()
say(fmt("Every mark rises by it: min %d, low %d, high %d.", z.min, z.low,
        z.high))
say(fmt("ZONE_BOOSTED_WATERMARK makes rmqueue() wake kswapd0 (%s)",
        n.kswapd.state))
say(fmt("although %d pages are free.", z.free))
pause()

chapter("Boosted reclaim")
run(1)
local v = vmstat()
local stolen = v.pgsteal_kswapd - v0.pgsteal_kswapd
expect(stolen, 512, "kswapd reclaimed the boost")
expect(v.pgsteal_file - v0.pgsteal_file, stolen, "page cache only")
expect(z.boost, 0, "the boost is spent")
expect(z.min, min, "the marks are back")
expect(o[9] + o[10] < orders()[9] + orders()[10], true,
       "reclaim freed a whole pageblock")
say(fmt("balance_pgdat() counts nr_boost_reclaim = %d and reclaims it even", 512))
say("though the node is balanced: without writeback or swap (may_writepage")
say("and may_swap 0), and no lower than priority DEF_PRIORITY - 2.")
say(fmt("pgsteal_kswapd %d; watermark_boost %d; min %d again.", stolen,
        z.boost, z.min))
pause()
say(buddy())
say("The 64-page holes merged with the reclaimed cache into pageblocks")
say("that are whole again. 6.12's kswapd then wakes kcompactd to")
say("defragment the rest (kcompactd is not modelled here).")
pause()

chapter("6.12 and the seeds")
say("The seed's balance_pgdat() has the same boost accounting (5.0).")
say("6.12.117 carries the reworked fallback: a single-page steal")
say("(__rmqueue_steal()) no longer boosts; only an attempt to claim a")
say("partly used pageblock does. Older 6.12.y and the seeds' kernels")
say("boosted on every fallback below a pageblock.")
