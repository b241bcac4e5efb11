// SPDX-License-Identifier: GPL-2.0-only
/*
 * The allocation slow path into reclaim (mm/page_alloc.c:
 * __alloc_pages_slowpath()) and direct reclaim (mm/vmscan.c:
 * try_to_free_pages()): allocstall_*, the direct_reclaim tracepoints,
 * the memcg_full_walk retry, the reserves of GFP_ATOMIC, and the dirty
 * limit a page-cache write keeps to in the fast path.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "vmscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char trace_buf[1 << 16];
static struct trace_text trace = { trace_buf, sizeof(trace_buf), 0 };

/* One zone, DMA32 of 65536 pages: min 1024, low 1280, high 1536. */
static struct sim *boot(unsigned long swap_pages)
{
	struct sim *sim = boot_dma32(swap_pages);

	trace_text_reset(&trace);
	sim_trace_set(sim, trace_text_fn, &trace);
	return sim;
}

static int alloc_gfp(struct sim *sim, enum sim_page_kind kind, unsigned long nr,
		     unsigned int gfp)
{
	return try_alloc(sim, kind, nr, gfp, 0, NULL);
}

/*
 * try_to_free_pages() on 64336 clean inactive file pages: priority 12
 * scans 64336 >> 12 = 15 (direct reclaim at DEF_PRIORITY scans its
 * whole target), 15 < 32 so priority 11 scans 64321 >> 11 = 31;
 * 46 >= nr_to_reclaim = 32 ends the loop. One allocstall at
 * reclaim_idx = gfp_zone(GFP_HIGHUSER_MOVABLE) = ZONE_MOVABLE.
 */
static void test_direct_reclaim(void)
{
	struct sim *sim = boot(0);

	CHECK_EQ(alloc_gfp(sim, SIM_KIND_FILE, dma32_free(sim) - 1200, 0), 0);
	CHECK_EQ(try_to_free_pages(sim, 0, 0, GFP_HIGHUSER_MOVABLE, 0), 46);
	CHECK_EQ(vmstat(sim, "allocstall_movable"), 1);
	CHECK_EQ(vmstat(sim, "allocstall_normal"), 0);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 46);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 46);
	CHECK_EQ(vmstat(sim, "pgscan_kswapd"), 0);
	CHECK(strstr(trace_buf,
		     "mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_HIGHUSER_MOVABLE\n") !=
	      NULL);
	CHECK(strstr(trace_buf,
		     "mm_vmscan_direct_reclaim_end: nr_reclaimed=46\n") !=
	      NULL);
	check_invariants(sim, "try_to_free_pages");
	sim_destroy(sim);
}

/*
 * do_try_to_free_pages(): a reclaim that frees nothing runs the whole
 * priority loop a second time (memcg_full_walk) and counts allocstall
 * twice; GFP_KERNEL counts at ZONE_NORMAL. With nothing to scan (anon
 * and no swap) it still costs 26 passes of shrink_node() at 1750 ns
 * (sched.h: COST_SHRINK_NODE), 45500 ns on the reference core.
 */
static void test_direct_reclaim_nothing(void)
{
	struct sim *sim = boot(0);
	uint64_t t0;

	CHECK_EQ(alloc_gfp(sim, SIM_KIND_ANON, dma32_free(sim) - 1200, 0), 0);
	t0 = sim_now_ns(sim);
	CHECK_EQ(try_to_free_pages(sim, 0, 0, GFP_KERNEL, 0), 0);
	CHECK_EQ(sim_now_ns(sim) - t0, 45500);
	CHECK_EQ(vmstat(sim, "allocstall_normal"), 2);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 0);
	sim_destroy(sim);
}

/*
 * Below min, an allocation that may reclaim enters direct reclaim
 * (allocstall_movable) and then succeeds; kswapd was woken on the way.
 */
static void test_slowpath_direct_reclaim(void)
{
	struct sim *sim = boot(0);

	sim_run(sim, 30); /* kswapd naps, then sleeps on kswapd_wait */
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_FILE, dma32_free(sim) - 1100, 0), 0);
	CHECK_EQ(vmstat(sim, "allocstall_movable"), 0);
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_FILE, 200, 0), 0);
	CHECK(vmstat(sim, "allocstall_movable") >= 1);
	CHECK(vmstat(sim, "pgsteal_direct") >= 32);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), vmstat(sim, "pgscan_direct"));
	CHECK(strstr(trace_buf, "mm_vmscan_wakeup_kswapd: nid=0 order=0") !=
	      NULL);
	check_invariants(sim, "slow path");
	if (getenv("KSS_SHOW_TRACE"))
		fputs(trace_buf, stdout);
	sim_destroy(sim);
}

/* Page cache until left pages are unused, the per-cpu lists drained. */
static void fill(struct sim *sim, unsigned long left)
{
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_FILE, dma32_unused(sim) - left, 0), 0);
	drain_all_pages(sim, NULL);
	CHECK_EQ(dma32_free(sim), left);
}

/*
 * gfp_to_alloc_flags(GFP_ATOMIC) = WMARK_MIN|MIN_RESERVE|KSWAPD|NON_BLOCK:
 * __zone_watermark_ok() lowers min 1024 by half (512) and that by a
 * quarter (128): 384. No __GFP_DIRECT_RECLAIM, so no reclaim: pages come
 * while free > 384. They come through the per-cpu list, in refills of
 * 45 (nr_pcp_alloc(): batch 15 << alloc_factor, at most high 60 - 15):
 * the 19th refill, at 1200 - 18 * 45 = 390 > 384, takes the zone to 345,
 * and the next page fails the check with 44 pages still on the list,
 * which no watermark counts: 18 * 45 + 1 = 811 pages, no allocstall.
 */
static void test_atomic_reserves(void)
{
	struct sim *sim = boot(0);

	fill(sim, 1200);
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_KERNEL, 811, GFP_ATOMIC), 0);
	CHECK_EQ(dma32_free(sim), 345);
	CHECK_EQ(dma32_pcp(sim), 44);
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_KERNEL, 1, GFP_ATOMIC), -ENOMEM);
	CHECK_EQ(vmstat(sim, "allocstall_normal"), 0);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 0);
	check_invariants(sim, "atomic");
	sim_destroy(sim);
}

/*
 * throttle_direct_reclaim(): with free pages at or below half the min
 * watermarks of the node's lowmem zones (allow_direct_reclaim(): 480 is
 * not > 1024 / 2), a direct reclaimer counts pgscan_direct_throttle,
 * wakes kswapd and sleeps on pfmemalloc_wait until kswapd, after a
 * kswapd_shrink_node() pass, finds allow_direct_reclaim() true and wakes
 * it; then it reclaims as usual.
 */
static void test_throttle_direct_reclaim(void)
{
	struct sim *sim = boot(0);

	sim_run(sim, 30);
	fill(sim, 1200);
	CHECK_EQ(alloc_gfp(sim, SIM_KIND_KERNEL, 700, GFP_ATOMIC), 0);
	/* 16 refills of 45: 480 free, 20 on the list */
	CHECK_EQ(dma32_free(sim), 480);
	CHECK_EQ(dma32_unused(sim), 500);
	CHECK(try_to_free_pages(sim, 0, 0, GFP_KERNEL, 0) >= 32);
	CHECK_EQ(vmstat(sim, "pgscan_direct_throttle"), 1);
	CHECK(vmstat(sim, "pageoutrun") >= 1);
	CHECK(vmstat(sim, "pgsteal_kswapd") > 0);
	CHECK(vmstat(sim, "pgsteal_direct") >= 32);
	check_invariants(sim, "throttled direct reclaim");
	sim_destroy(sim);
}

/*
 * get_page_from_freelist(): in the fast path a __GFP_WRITE allocation
 * skips a node over its dirty limit (node_dirty_ok()), so with the zone
 * above low (1400: low 1280, high 1536) it goes to the slow path, which
 * wakes kswapd and then takes the page over the limit. Without
 * __GFP_WRITE the same allocation takes a page at once and wakes nobody.
 */
static void test_dirty_spread(void)
{
	for (unsigned int write = 0; write <= 1; write++) {
		struct sim *sim = boot(0);
		struct pglist_data *pgdat = &sim->node_data[0];
		long over;

		sim_run(sim, 30);
		fill(sim, 1400);
		over = (long)node_dirty_limit(sim, pgdat) + 1;
		mod_node_page_state(pgdat, NR_FILE_DIRTY, over);
		CHECK(!node_dirty_ok(sim, pgdat));
		trace_text_reset(&trace);
		CHECK_EQ(alloc_gfp(sim, SIM_KIND_FILE, 1,
				   GFP_HIGHUSER_MOVABLE |
					   (write ? __GFP_WRITE : 0)),
			 0);
		CHECK_EQ(strstr(trace_buf, "mm_vmscan_wakeup_kswapd") != NULL,
			 write);
		mod_node_page_state(pgdat, NR_FILE_DIRTY, -over);
		check_invariants(sim, "dirty spread");
		sim_destroy(sim);
	}
}

int main(void)
{
	test_direct_reclaim();
	test_direct_reclaim_nothing();
	test_slowpath_direct_reclaim();
	test_atomic_reserves();
	test_throttle_direct_reclaim();
	test_dirty_spread();
	return check_done();
}
