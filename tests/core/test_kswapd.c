// SPDX-License-Identifier: GPL-2.0-only
/*
 * kswapd in simulated time: it wakes when an allocation finds the zone
 * below its low watermark (wakeup_kswapd(), mm_vmscan_wakeup_kswapd),
 * balances the node (balance_pgdat()) and sleeps once the high watermark
 * is met (kswapd_try_to_sleep(), prepare_kswapd_sleep()); hopeless nodes
 * and high-order requests. sim_check() after every run.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "vmscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The trace lines, kept to count events by name. */
static char trace_buf[1 << 20];
static struct trace_text trace = { trace_buf, sizeof(trace_buf), 0 };

static int count_events(const char *event)
{
	const char *p = trace_buf;
	int n = 0;

	while ((p = strstr(p, event)) != NULL) {
		n++;
		p += strlen(event);
	}
	return n;
}

/* The small machine of nr_pages (machine.h), its trace captured. */
static struct sim *boot_pages(unsigned long nr_pages, unsigned long swap_pages)
{
	struct sim *sim = boot_dma32_pages(nr_pages, swap_pages);

	trace_text_reset(&trace);
	sim_trace_set(sim, trace_text_fn, &trace);
	return sim;
}

static struct sim *boot(unsigned long swap_pages)
{
	return boot_pages(65536, swap_pages);
}

static const char *kswapd_state(struct sim *sim)
{
	struct sim_kswapd_info ki;

	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	return ki.state;
}

static int alloc_kind(struct sim *sim, enum sim_page_kind kind,
		      unsigned long nr, unsigned int *region)
{
	return try_alloc(sim, kind, nr, 0, 0, region);
}

/*
 * kswapd wakes below low and sleeps at high. At boot it naps HZ/10 and
 * goes to sleep (mm_vmscan_kswapd_sleep). Filling page cache to 1200 free
 * pages: the fast path fails at the low watermark (free 1280 is not
 * > 1280), the slow path's wake_all_kswapds() wakes the sleeping kswapd
 * once (mm_vmscan_wakeup_kswapd nid=0 order=0, highest_zoneidx 3 from
 * GFP_HIGHUSER_MOVABLE), and later allocations find it off the wait queue.
 * kswapd then reads the mailbox, fires mm_vmscan_kswapd_wake, runs one
 * balance_pgdat() (pageoutrun 1) that reclaims clean page cache at
 * priorities 12..7 until free > high (see test_vmscan), naps HZ/10 and
 * sleeps: two kswapd_sleep events in all, no *_wmark_hit_quickly.
 */
static void test_wake_and_sleep(void)
{
	struct sim *sim = boot(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	struct sim_kswapd_info ki;
	unsigned int region;

	sim_run(sim, 30);
	CHECK_STR(kswapd_state(sim), "sleeping");
	CHECK_EQ(count_events("mm_vmscan_kswapd_sleep: nid=0"), 1);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd"), 0);

	CHECK_EQ(alloc_kind(sim, SIM_KIND_FILE, dma32_free(sim) - 1200,
			    &region),
		 0);
	CHECK_EQ(dma32_unused(sim), 1200);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd: nid=0 order=0"), 1);
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK_EQ(ki.order, 0);
	CHECK_EQ(ki.highest_zoneidx, ZONE_MOVABLE);
	CHECK_EQ(vmstat(sim, "pageoutrun"), 0);

	sim_run(sim, 100);
	CHECK_EQ(count_events("mm_vmscan_kswapd_wake: nid=0 order=0"), 1);
	CHECK_EQ(vmstat(sim, "pageoutrun"), 1);
	CHECK(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK(dma32_free(sim) > 1536);
	CHECK(vmstat(sim, "pgsteal_kswapd") > 0);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 0);
	CHECK_STR(kswapd_state(sim), "sleeping");
	CHECK_EQ(count_events("mm_vmscan_kswapd_sleep: nid=0"), 2);
	CHECK_EQ(vmstat(sim, "kswapd_low_wmark_hit_quickly"), 0);
	CHECK_EQ(vmstat(sim, "kswapd_high_wmark_hit_quickly"), 0);
	/*
	 * mm/vmscan.c: balance_pgdat(): the pass's table has one row per
	 * priority it went through, 12 down to 8 (at 7 the node is balanced
	 * and the pass ends before scanning), and the rows add up to the
	 * pass's pgscan_kswapd/pgsteal_kswapd (one pass since boot). Each
	 * round scans get_scan_count()'s inactive file target, about 64000
	 * pages >> priority: 15, 31, 62, 125, 250, all clean and reclaimed.
	 * get_scan_count() with no swap is SCAN_FILE: no anon target.
	 */
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK(!ki.running);
	CHECK_EQ(ki.nr_prio, 5);
	{
		unsigned long scanned = 0, reclaimed = 0;

		for (int i = 0; i < ki.nr_prio; i++) {
			CHECK_EQ(ki.prio[i].priority, 12 - i);
			scanned += ki.prio[i].nr_scanned;
			reclaimed += ki.prio[i].nr_reclaimed;
		}
		CHECK_EQ(scanned, vmstat(sim, "pgscan_kswapd"));
		CHECK_EQ(reclaimed, vmstat(sim, "pgsteal_kswapd"));
		CHECK_EQ(ki.prio[0].nr_scanned, 15);
		CHECK_EQ(ki.prio[0].nr_reclaimed, 15);
		CHECK_EQ(ki.prio[4].nr_scanned, 250);
		CHECK_EQ(ki.prio[4].nr_reclaimed, 250);
	}
	/* one node: its per-node counters are /proc/vmstat's nr_* lines */
	{
		unsigned long v = 1;

		CHECK_EQ(sim_node_page_state(sim, 0, "nr_inactive_file", &v),
			 0);
		CHECK_EQ(v, vmstat(sim, "nr_inactive_file"));
		CHECK_EQ(sim_node_page_state(sim, 0, "pgfree", &v), -ENOENT);
		CHECK_EQ(sim_node_page_state(sim, 1, "nr_inactive_file", &v),
			 -EINVAL);
	}
	CHECK_STR(ki.scan_balance, "SCAN_FILE");
	CHECK_EQ(ki.scan_nr[LRU_INACTIVE_ANON], 0);
	CHECK_EQ(ki.scan_nr[LRU_ACTIVE_ANON], 0);
	/* the mailbox was emptied: MAX_NR_ZONES means nothing pending */
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK_EQ(ki.highest_zoneidx, MAX_NR_ZONES);
	check_invariants(sim, "kswapd cycle");

	/*
	 * Balanced and not boosted: wakeup_kswapd() records the request
	 * (order 3 raises kswapd_order) but does not wake or trace.
	 */
	CHECK_EQ(sim_wakeup_kswapd(sim, 0, 3, ZONE_NORMAL), 0);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd"), 1);
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK_EQ(ki.order, 3);
	CHECK_EQ(ki.highest_zoneidx, ZONE_NORMAL);
	CHECK_STR(ki.state, "sleeping");
	sim_destroy(sim);
}

/*
 * Woken during the HZ/10 nap: kswapd_low_wmark_hit_quickly. Right after
 * a balance_pgdat() kswapd naps (prepare_kswapd_sleep() is true); an
 * allocation that takes the zone below low again within the 25 jiffies
 * wakes it (remaining != 0), so it skips the full sleep and counts once.
 */
static void test_low_wmark_hit_quickly(void)
{
	struct sim *sim = boot(0);
	unsigned int r1, r2;

	sim_run(sim, 30);
	CHECK_EQ(alloc_kind(sim, SIM_KIND_FILE, dma32_free(sim) - 1200, &r1),
		 0);
	sim_run(sim, 2);
	CHECK_EQ(vmstat(sim, "pageoutrun"), 1);
	CHECK_STR(kswapd_state(sim), "napping");
	CHECK_EQ(alloc_kind(sim, SIM_KIND_FILE, dma32_free(sim) - 1200, &r2),
		 0);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd"), 2);
	sim_run(sim, 100);
	CHECK_EQ(vmstat(sim, "kswapd_low_wmark_hit_quickly"), 1);
	CHECK_EQ(vmstat(sim, "kswapd_high_wmark_hit_quickly"), 0);
	CHECK_EQ(vmstat(sim, "pageoutrun"), 2);
	CHECK_STR(kswapd_state(sim), "sleeping");
	check_invariants(sim, "premature wakeup");
	sim_destroy(sim);
}

/*
 * Nothing reclaimable (anon, no swap): each balance_pgdat() scans
 * priorities 12..1 and fails (kswapd_failures++). kswapd_try_to_sleep()
 * finds the node unbalanced without napping and counts
 * kswapd_high_wmark_hit_quickly, then balances again: balance runs 1..16,
 * 15 hits in between. With kswapd_failures == MAX_RECLAIM_RETRIES,
 * prepare_kswapd_sleep() says "hopeless node" and kswapd sleeps; further
 * wakeups are skipped (no trace) though the mailbox is written.
 */
static void test_hopeless_node(void)
{
	struct sim *sim = boot(0);
	struct sim_kswapd_info ki;
	unsigned int r1, r2;

	sim_run(sim, 30);
	CHECK_EQ(alloc_kind(sim, SIM_KIND_ANON, dma32_free(sim) - 1200, &r1),
		 0);
	sim_run(sim, 200);
	CHECK_EQ(vmstat(sim, "pageoutrun"), MAX_RECLAIM_RETRIES);
	CHECK_EQ(vmstat(sim, "kswapd_high_wmark_hit_quickly"),
		 MAX_RECLAIM_RETRIES - 1);
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK_EQ(ki.failures, MAX_RECLAIM_RETRIES);
	CHECK_STR(ki.state, "sleeping");
	/*
	 * balance_pgdat() of a node with nothing reclaimable: the last
	 * failed pass went down every priority, 12 to 1, reclaiming nothing.
	 */
	CHECK_EQ(ki.nr_prio, 12);
	CHECK_EQ(ki.prio[0].priority, 12);
	CHECK_EQ(ki.prio[11].priority, 1);
	for (int i = 0; i < ki.nr_prio; i++)
		CHECK_EQ(ki.prio[i].nr_reclaimed, 0);
	/* mm/vmstat.c: zoneinfo_show_print(): kswapd_failures >= 16 */
	{
		char *zi = sim_zoneinfo(sim);

		CHECK(zi && strstr(zi, "node_unreclaimable:  1\n"));
		free(zi);
	}
	CHECK_EQ(vmstat(sim, "pgscan_kswapd"), 0);
	/* kswapd(): one mm_vmscan_kswapd_wake before every balance_pgdat() */
	CHECK_EQ(count_events("mm_vmscan_kswapd_wake"), MAX_RECLAIM_RETRIES);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd"), 1);

	/* below low again, above min: no wakeup of a hopeless node */
	CHECK_EQ(alloc_kind(sim, SIM_KIND_ANON, 50, &r2), 0);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd"), 1);
	CHECK_EQ(sim_kswapd_info(sim, 0, &ki), 0);
	CHECK_EQ(ki.highest_zoneidx, ZONE_MOVABLE);
	check_invariants(sim, "hopeless node");
	sim_destroy(sim);
}

/*
 * kswapd_shrink_node(): once sc.nr_reclaimed >= compact_gap(order) =
 * 2 << 3 = 16 pages, reclaim goes on at order 0, and balance_pgdat()
 * returns that order (0) rather than the order it was asked for (3).
 */
static void test_high_order_fallback(void)
{
	struct sim *sim = boot(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned int r;

	CHECK(pgdat_balanced(pgdat, 3, ZONE_MOVABLE));
	CHECK_EQ(alloc_kind(sim, SIM_KIND_FILE, dma32_free(sim) - 1200, &r), 0);
	CHECK(!pgdat_balanced(pgdat, 3, ZONE_MOVABLE));
	CHECK(!pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK_EQ(balance_pgdat(pgdat, 3, ZONE_MOVABLE), 0);
	CHECK(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	check_invariants(sim, "order-3 balance_pgdat");
	sim_destroy(sim);
}

/*
 * Single-stepping one balance_pgdat() by "priority": the passes of
 * test_vmscan's worked example, priorities 12, 11, 10, 9, 8, 7 with
 * sc.nr_reclaimed 0, 15, 46, 108, 233, 483 at the top of each (pgdat_balanced()
 * ends the loop at the top of priority 7), then the "balance" point at its
 * end with the last pass's sc; nr_to_reclaim = max(high, 32) = 1536 once
 * kswapd_shrink_node() has set it.
 */
static void test_step_priorities(void)
{
	static const int prio[] = { 12, 11, 10, 9, 8, 7 };
	static const unsigned long reclaimed[] = { 0, 15, 46, 108, 233, 483 };
	struct sim *sim = boot(0);
	struct sim_where w;
	unsigned int r;
	size_t i;

	sim_run(sim, 30);
	CHECK_EQ(alloc_kind(sim, SIM_KIND_FILE, dma32_free(sim) - 1200, &r), 0);
	for (i = 0; i < sizeof(prio) / sizeof(prio[0]); i++) {
		CHECK_EQ(sim_step(sim, SIM_STEP_PRIORITY, 100, &w), 0);
		CHECK_STR(w.fn, "balance_pgdat");
		CHECK_STR(w.comm, "kswapd0");
		CHECK(w.has_sc);
		CHECK_EQ(w.priority, prio[i]);
		CHECK_EQ(w.nr_reclaimed, reclaimed[i]);
		CHECK_EQ(w.nr_to_reclaim, i ? 1536 : 0);
		CHECK(w.kswapd);
		check_invariants(sim, "a priority step");
	}
	CHECK_EQ(sim_step(sim, SIM_STEP_PRIORITY, 100, &w), 0);
	CHECK_EQ(w.gran, SIM_STEP_BALANCE);
	CHECK_EQ(w.priority, 7);
	CHECK_EQ(w.nr_reclaimed, 483);
	sim_destroy(sim);
}

/*
 * sim_check() holds at every yield point of a kswapd cycle that swaps
 * anon out (pages isolated, in the swap cache, under writeback), stepping
 * line by line until balance_pgdat() ends, on a 32 MiB zone (min 1024
 * as min_free_kbytes is set, so the node is short of 1536 - 1200 pages).
 */
static void test_invariants_every_step(void)
{
	struct sim *sim = boot_pages(8192, 4096);
	struct sim_where w;
	unsigned int r;
	int steps = 0, bad = 0;
	char msg[256];

	sim_run(sim, 30);
	CHECK_EQ(alloc_kind(sim, SIM_KIND_ANON, dma32_free(sim) - 1200, &r), 0);
	while (steps < 200000 && !sim_step(sim, SIM_STEP_LINE, 1000, &w)) {
		steps++;
		if (sim_check(sim, msg, sizeof(msg))) {
			fprintf(stderr, "step %d (%s:%d): %s\n", steps, w.fn,
				w.line, msg);
			bad = 1;
			break;
		}
		if (w.gran == SIM_STEP_BALANCE)
			break;
	}
	CHECK_EQ(bad, 0);
	if (w.gran != SIM_STEP_BALANCE)
		fprintf(stderr, "stopped after %d steps at %s:%d\n", steps,
			w.fn, w.line);
	CHECK(steps > 100);
	CHECK_EQ(w.gran, SIM_STEP_BALANCE);
	CHECK(vmstat(sim, "pswpout") > 0);
	sim_destroy(sim);
}

/*
 * pgdat_balanced() for order > 0: __zone_watermark_ok() also wants a
 * free block of at least that order. Pages taken one at a time (with
 * __GFP_MEMALLOC, down to the last one) into two
 * interleaved sets of one-page regions, then one set freed: every free
 * page's buddy is in use, so 32768 free order-0 pages balance the node
 * at order 0 (32768 > high 1536) but not at order 1.
 */
static void test_balanced_high_order(void)
{
	struct sim *sim = boot(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	struct sim_zone_info zi;
	unsigned int r, first = 0;
	unsigned long i;
	int o;

	struct sim_alloc_request req = {
		.kind = SIM_KIND_KERNEL,
		.nid = 0,
		.zid = -1,
		.nr_pages = 1,
		/* ALLOC_NO_WATERMARKS (__gfp_pfmemalloc_flags()): every page */
		.gfp_mask = GFP_KERNEL | __GFP_MEMALLOC,
	};
	char err[256];

	for (i = 0; i < 65536; i++) {
		if (sim_alloc(sim, &req, &r, err, sizeof(err)))
			break;
		if (!first)
			first = r;
		/* the per-cpu list's pages too: none left anywhere */
		if (dma32_unused(sim) == 0)
			break;
	}
	CHECK_EQ(dma32_free(sim), 0);
	CHECK_EQ(r - first + 1, 65536);
	CHECK(!pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	for (r = first; r < first + 65536; r++) {
		unsigned long pfn =
			(unsigned long)PTE_VAL(sim->regions[r].pte[0]);

		if (!(pfn & 1) && sim_free(sim, r))
			break;
	}
	drain_all_pages(sim, NULL);
	CHECK_EQ(dma32_free(sim), 32768);
	CHECK_EQ(sim_zone_info(sim, 0, ZONE_DMA32, &zi), 0);
	for (o = 1; o < SIM_NR_PAGE_ORDERS; o++)
		CHECK_EQ(zi.nr_free[o], 0);
	CHECK(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK(!pgdat_balanced(pgdat, 1, ZONE_MOVABLE));
	CHECK(!pgdat_balanced(pgdat, 3, ZONE_MOVABLE));
	sim_destroy(sim);
}

/*
 * A high-order wakeup: an order-3 page-cache allocation below the low
 * watermark wakes kswapd with order=3 (mm_vmscan_wakeup_kswapd order=3),
 * kswapd starts balance_pgdat() at order 3 (mm_vmscan_kswapd_wake
 * order=3), and once compact_gap(3) = 16 pages are reclaimed goes on at
 * order 0; kswapd() then tries to sleep at reclaim_order 0.
 */
static void test_high_order_wakeup(void)
{
	struct sim *sim = boot(0);

	sim_run(sim, 30);
	alloc_region_order(sim, SIM_KIND_FILE, (dma32_free(sim) - 1200) & ~7UL,
			   3);
	CHECK_EQ(count_events("mm_vmscan_wakeup_kswapd: nid=0 order=3"), 1);
	sim_run(sim, 100);
	CHECK_EQ(count_events("mm_vmscan_kswapd_wake: nid=0 order=3"), 1);
	CHECK_EQ(vmstat(sim, "pageoutrun"), 1);
	CHECK_STR(kswapd_state(sim), "sleeping");
	CHECK(pgdat_balanced(&sim->node_data[0], 0, ZONE_MOVABLE));
	check_invariants(sim, "order-3 kswapd cycle");
	sim_destroy(sim);
}

/*
 * Random allocations (page cache also in order-1 and order-2 folios),
 * frees, touches, dirtying, mlock and time, with swap, on a
 * small machine under pressure: kswapd, direct reclaim, swap-out and
 * refaults interleave; sim_check() must hold after every operation.
 */
static void test_random_pressure(uint64_t seed)
{
	struct sim *sim = boot_pages(8192, 4096);
	unsigned int live[64];
	int nr_live = 0, op, bad = 0;
	uint64_t rng[4];
	char msg[256], err[256];

	rng_seed(rng, seed, 0);
	for (op = 0; op < 300 && !bad; op++) {
		uint64_t x = rng_next(rng);
		unsigned int r;

		switch (x % 7) {
		case 0:
		case 1:
			if (nr_live < 64) {
				struct sim_alloc_request req = {
					.kind = (x >> 8) & 1 ? SIM_KIND_FILE :
							       SIM_KIND_ANON,
					.nid = 0,
					.zid = -1,
					.nr_pages = 1 + (x >> 16) % 1500,
					/* large folios: page cache only */
					.order = (x >> 8) & 1 ?
							 (unsigned int)((x >>
									 40) %
									3) :
							 0,
					.dirty = (x >> 9) & 1,
					.mapped = (x >> 10) & 1,
				};

				req.nr_pages <<= req.order;
				if (!sim_alloc(sim, &req, &r, err, sizeof(err)))
					live[nr_live++] = r;
			}
			break;
		case 2:
			if (nr_live) {
				int i = (int)((x >> 8) % (uint64_t)nr_live);

				sim_free(sim, live[i]);
				live[i] = live[--nr_live];
			}
			break;
		case 3:
			if (nr_live)
				sim_touch(sim,
					  live[(x >> 8) % (uint64_t)nr_live]);
			break;
		case 4:
			if (nr_live)
				sim_dirty(sim,
					  live[(x >> 8) % (uint64_t)nr_live]);
			break;
		case 5:
			if (nr_live)
				sim_mlock(sim,
					  live[(x >> 8) % (uint64_t)nr_live]);
			break;
		default:
			sim_run(sim, 1 + (x >> 8) % 20);
			break;
		}
		if (sim_check(sim, msg, sizeof(msg))) {
			fprintf(stderr, "seed %llu op %d: %s\n",
				(unsigned long long)seed, op, msg);
			bad = 1;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK(vmstat(sim, "pgscan_kswapd") + vmstat(sim, "pgscan_direct") > 0);
	sim_destroy(sim);
}

int main(void)
{
	test_wake_and_sleep();
	test_low_wmark_hit_quickly();
	test_hopeless_node();
	test_high_order_fallback();
	test_step_priorities();
	test_invariants_every_step();
	test_balanced_high_order();
	test_high_order_wakeup();
	for (uint64_t seed = 1; seed <= 6; seed++)
		test_random_pressure(seed);
	return check_done();
}
