-- SPDX-License-Identifier: GPL-2.0-only
-- The mask a file read allocates with. An ext4 regular file's mapping
-- keeps fs/inode.c: inode_init_always()'s GFP_HIGHUSER_MOVABLE; a read()
-- or a fault that misses the page cache allocates in mm/readahead.c:
-- page_cache_ra_unbounded() with readahead_gfp_mask() (| __GFP_NORETRY |
-- __GFP_NOWARN) under memalloc_nofs_save() (no __GFP_FS), and
-- filemap_alloc_folio() adds __GFP_COMP: 0x152c4a, the mask kswapd's
-- wakeup and direct reclaim report.

local T = require "lib.testlib"
local expect = T.expect

reset{thp = false, nodes = {{zones = {DMA32 = "64M"}}},
      sysctl = {min_free_kbytes = 1024}}
local TRACE = os.tmpname()
trace(TRACE)
local t = task("reader")
t:start{kind = "file", size = "256M", rate = "8M"}
run(100)
trace(false)
local text = T.take_file(TRACE)

local RA = "GFP_NOFS|__GFP_HIGHMEM|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP|" ..
           "__GFP_HARDWALL|__GFP_MOVABLE"
-- Besides readahead, the page cache's own slab (reset{slab}): a slab
-- page for the file's xarray nodes, allocated under the xa_lock
-- (lib/xarray.c: xas_alloc() with GFP_NOWAIT; mm/slub.c: allocate_slab()
-- adds __GFP_NORETRY, the cache __GFP_COMP|__GFP_RECLAIMABLE), and the
-- watermark boost such a page raises when it takes a movable pageblock
-- (mm/page_alloc.c: rmqueue() wakes kswapd with no mask).
local XA = "GFP_NOWAIT|__GFP_NORETRY|__GFP_COMP|__GFP_RECLAIMABLE"
local wakeups, others = 0, 0
local WAKE = "mm_vmscan_wakeup_kswapd: nid=0 order=%d gfp_flags=(%S+)"
for gfp in text:gmatch(WAKE) do
  if gfp == RA then wakeups = wakeups + 1
  elseif gfp ~= XA and gfp ~= "none" then others = others + 1 end
end
expect(wakeups > 0, true, "kswapd woken by readahead's 0x152c4a")
expect(others, 0, "wakeups with another mask")

-- Readahead that gets no page gives up (__GFP_NORETRY, no OOM); the page
-- itself comes from mm/filemap.c: filemap_create_folio() with the
-- mapping's mask and __GFP_COMP, 0x140cca, which may call the OOM killer.
reset{thp = false, nodes = {{zones = {DMA32 = "64M"}}},
      sysctl = {min_free_kbytes = 1024}}
local hog = task("hog")
hog:alloc(node(0).zones.DMA32.free - 300)
sysctl.min_free_kbytes = 4096 -- min 1024: below it, nothing to reclaim
local reader = task("reader")
reader:start{kind = "file", size = "8M", rate = "8M"}
run(50)
local log = dmesg()
expect(log:find("] reader invoked oom-killer: gfp_mask=0x140cca(" ..
                "GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, " ..
                "oom_score_adj=0\n", 1, true) ~= nil, true,
       "the OOM report names filemap_create_folio()'s mask")
expect(log:find("gfp_mask=0x152c4a", 1, true), nil,
       "readahead's allocations do not call the OOM killer")
expect(hog.state, "dead", "the OOM killer's victim")
