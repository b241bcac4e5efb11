// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmscan.c white-box: get_scan_count() and prepare_scan_control() on
 * lruvec counters set by hand (kernel-facts appendix B), inactive_is_low()
 * ratios, and shrink_node() / balance_pgdat() on real pages of a small
 * one-zone machine, with sim_check() after each reclaim.
 */
#include "internal.h"
#include "machine.h"
#include "mm_inline.h"
#include "sched.h"
#include "swap.h"
#include "vmscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_lru(struct sim *sim, enum lru_list lru, long nr)
{
	struct pglist_data *pgdat = &sim->node_data[0];
	struct zone *zone = &pgdat->node_zones[ZONE_DMA32];

	pgdat->vm_stat[NR_LRU_BASE + lru] = nr;
	zone->vm_stat[NR_ZONE_LRU_BASE + lru] = nr;
}

/* kernel-facts B appendix B: get_scan_count() at priority 12 */
static void test_get_scan_count(void)
{
	struct sim *sim = boot_dma32(4096);
	struct pglist_data *pgdat = &sim->node_data[0];
	struct lruvec *lruvec = &pgdat->lruvec;
	struct scan_control sc = {
		.sim = sim,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = GFP_KERNEL,
		.reclaim_idx = ZONE_NORMAL,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};
	unsigned long nr[NR_LRU_LISTS];

	CHECK(get_nr_swap_pages(sim) > 0);
	set_lru(sim, LRU_INACTIVE_ANON, 40000);
	set_lru(sim, LRU_ACTIVE_ANON, 160000);
	set_lru(sim, LRU_INACTIVE_FILE, 100000);
	set_lru(sim, LRU_ACTIVE_FILE, 50000);

	/*
	 * prepare_scan_control(): anon gb = 200000 >> 18 = 0, ratio 1,
	 * 40000 < 160000: inactive low, DEACTIVATE_ANON. File: 100000 < 50000
	 * false, no refaults: DEACTIVATE_FILE clear. cache_trim_mode =
	 * (100000 >> 12 = 24) != 0 = 1. file_is_tiny: 150000 + free > 1536.
	 */
	prepare_scan_control(pgdat, &sc);
	CHECK_EQ(sc.may_deactivate, DEACTIVATE_ANON);
	CHECK_EQ(sc.cache_trim_mode, 1);
	CHECK_EQ(sc.file_is_tiny, 0);
	/* get_scan_count(): rule 5, SCAN_FILE: {0, 0, 24, 12} */
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 24);
	CHECK_EQ(nr[LRU_ACTIVE_FILE], 12);

	/*
	 * A file refault since the snapshot: DEACTIVATE_FILE, no cache trim,
	 * SCAN_FRACT with ap = 60 * 1 / 1 = 60, fp = 140, denominator 200:
	 * {9*60/200 = 2, 39*60/200 = 11, 24*140/200 = 16, 12*140/200 = 8}
	 */
	pgdat->vm_stat[WORKINGSET_ACTIVATE_FILE] = 1;
	prepare_scan_control(pgdat, &sc);
	CHECK_EQ(sc.may_deactivate, DEACTIVATE_ANON | DEACTIVATE_FILE);
	CHECK_EQ(sc.cache_trim_mode, 0);
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 2);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 11);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 16);
	CHECK_EQ(nr[LRU_ACTIVE_FILE], 8);

	/*
	 * anon_cost 1000, file_cost 3000: total 4000, anon 5000, file 7000,
	 * total 12000; ap = 60 * 12001 / 5001 = 143, fp = 140 * 12001 / 7001
	 * = 239, denominator 382: {9*143/382 = 3, 39*143/382 = 14,
	 * 24*239/382 = 15, 12*239/382 = 7}
	 */
	lruvec->anon_cost = 1000;
	lruvec->file_cost = 3000;
	prepare_scan_control(pgdat, &sc);
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 3);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 14);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 15);
	CHECK_EQ(nr[LRU_ACTIVE_FILE], 7);

	/* swappiness 0: ap = 0, anon never scanned in SCAN_FRACT */
	sim->cfg.sysctl.swappiness = 0;
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 24); /* fp = 200 * 12001 / 7001 = 342 */
	CHECK_EQ(nr[LRU_ACTIVE_FILE], 12);

	/* priority 0 and swappiness 0: no SCAN_EQUAL, still SCAN_FRACT */
	sc.priority = 0;
	prepare_scan_control(pgdat, &sc);
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 100000);

	/* priority 0 with swappiness 60: SCAN_EQUAL, whole lists */
	sim->cfg.sysctl.swappiness = 60;
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 40000);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 160000);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 100000);
	CHECK_EQ(nr[LRU_ACTIVE_FILE], 50000);

	/* !may_swap (boosted kswapd): SCAN_FILE at priority 12 */
	sc.priority = DEF_PRIORITY;
	sc.may_swap = 0;
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_ACTIVE_ANON], 0);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 24);

	/*
	 * reclaim_idx below the zone: lruvec_lru_size() sees nothing of
	 * DMA32 when reclaiming for ZONE_DMA.
	 */
	sc.may_swap = 1;
	sc.reclaim_idx = ZONE_DMA;
	get_scan_count(lruvec, &sc, nr);
	CHECK_EQ(nr[LRU_INACTIVE_FILE], 0);
	CHECK_EQ(nr[LRU_INACTIVE_ANON], 0);

	sim_destroy(sim);
}

/* mm/vmscan.c: inactive_is_low(): inactive * int_sqrt(10 * gb) < active */
static void test_inactive_is_low(void)
{
	struct sim *sim = boot_dma32(0);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;

	/* < 1 GiB: ratio 1; 1000 < 1001 */
	set_lru(sim, LRU_INACTIVE_FILE, 1000);
	set_lru(sim, LRU_ACTIVE_FILE, 1001);
	CHECK(inactive_is_low(lruvec, LRU_INACTIVE_FILE));
	set_lru(sim, LRU_ACTIVE_FILE, 1000);
	CHECK(!inactive_is_low(lruvec, LRU_INACTIVE_FILE));
	/*
	 * 1 GiB = 262144 pages: gb = 1, ratio int_sqrt(10) = 3.
	 * inactive 65536 * 3 = 196608 < active 196608? no.
	 * inactive 65535 (total 262143 -> gb 0, ratio 1): 65535 < 196608.
	 */
	set_lru(sim, LRU_INACTIVE_FILE, 65536);
	set_lru(sim, LRU_ACTIVE_FILE, 196608);
	CHECK(!inactive_is_low(lruvec, LRU_INACTIVE_FILE));
	set_lru(sim, LRU_INACTIVE_FILE, 65535);
	CHECK(inactive_is_low(lruvec, LRU_INACTIVE_FILE));
	/*
	 * 100 GiB = 26214400 pages: ratio int_sqrt(1000) = 31.
	 * 800000 * 31 = 24800000 < 25414400: low; 820000 * 31 = 25420000
	 * against 25394400: not low.
	 */
	set_lru(sim, LRU_INACTIVE_ANON, 800000);
	set_lru(sim, LRU_ACTIVE_ANON, 25414400);
	CHECK(inactive_is_low(lruvec, LRU_INACTIVE_ANON));
	set_lru(sim, LRU_INACTIVE_ANON, 820000);
	set_lru(sim, LRU_ACTIVE_ANON, 25394400);
	CHECK(!inactive_is_low(lruvec, LRU_INACTIVE_ANON));
	sim_destroy(sim);
}

/* Allocate clean file page cache until the zone has `left` free pages. */
static unsigned int fill_file(struct sim *sim, unsigned long left, bool dirty)
{
	struct sim_alloc_request req = {
		.kind = SIM_KIND_FILE,
		.nid = 0,
		.zid = -1,
		.dirty = dirty,
	};
	unsigned int region = 0;
	char err[256];

	req.nr_pages = dma32_unused(sim) - left;
	if (sim_alloc(sim, &req, &region, err, sizeof(err))) {
		fprintf(stderr, "fill_file: %s\n", err);
		CHECK(0);
	}
	/* the last refill's leftovers back: exactly left pages free */
	drain_all_pages(sim, NULL);
	return region;
}

/*
 * balance_pgdat() on clean, unmapped, unreferenced page cache, no swap.
 * The zone is left with F = 1200 free pages (below low = 1280) and
 * N = inactive file pages. Each pass is SCAN_FILE (no swap), scans
 * N_p >> p pages of the inactive file list and reclaims all of them
 * (folio_check_references(): no PTE, no PG_referenced -> RECLAIM).
 * kswapd_shrink_node(): nr_to_reclaim = max(high 1536, 32) = 1536, never
 * met by one pass here, so the priority falls every pass; the loop stops
 * at the top of the first pass that finds free > high + 0 (pgdat_balanced()).
 */
static void test_balance_pgdat_clean_file(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned long n, free, expect = 0;
	int p, order;

	CHECK_EQ(sim_zone_wmark(sim, 0, ZONE_DMA32, WMARK_HIGH), 1536);
	fill_file(sim, 1200, false);
	CHECK_EQ(dma32_free(sim), 1200);
	n = (unsigned long)pgdat->vm_stat[NR_INACTIVE_FILE];
	CHECK(!pgdat_balanced(pgdat, 0, ZONE_MOVABLE));

	/* the kernel's loop, by hand: reclaimed = sum of N_p >> p */
	free = 1200;
	for (p = DEF_PRIORITY; p >= 1 && free <= 1536; p--) {
		unsigned long scan = n >> p;

		expect += scan;
		n -= scan;
		free += scan;
	}

	order = balance_pgdat(pgdat, 0, ZONE_MOVABLE);
	CHECK_EQ(order, 0);
	CHECK(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK_EQ(vmstat(sim, "pageoutrun"), 1);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), expect);
	CHECK_EQ(vmstat(sim, "pgscan_kswapd"), expect);
	CHECK_EQ(vmstat(sim, "pgsteal_file"), expect);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 0);
	CHECK_EQ(vmstat(sim, "allocstall_dma32"), 0);
	/* what reclaim freed is on the buddy lists or, up to four
	 * batches while kswapd runs (nr_pcp_high()), on CPU 0's list */
	CHECK_EQ(dma32_unused(sim), 1200 + expect);
	CHECK(dma32_pcp(sim) < 60);
	CHECK_EQ(pgdat->kswapd_failures, 0);
	check_invariants(sim, "balance_pgdat");

	/*
	 * Worked numbers: all 65536 pages are free at boot, so N = 64336:
	 * 64336 >> 12 = 15, 64321 >> 11 = 31, 64290 >> 10 = 62,
	 * 64228 >> 9 = 125, 64103 >> 8 = 250: 483 reclaimed over priorities
	 * 12..8, free 1683 > 1536 at the top of the priority 7 pass.
	 */
	CHECK_EQ(expect, 483);
	sim_destroy(sim);
}

/*
 * Nothing reclaimable: anon pages without swap. get_scan_count() is
 * SCAN_FILE (no swap) on empty file lists; every pass reclaims nothing,
 * so the priority falls 12..1 and kswapd_failures counts one per
 * balance_pgdat(). After MAX_RECLAIM_RETRIES prepare_kswapd_sleep() lets
 * kswapd sleep on an unbalanced node.
 */
static void test_kswapd_failures(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	struct sim_alloc_request req = {
		.kind = SIM_KIND_ANON,
		.nid = 0,
		.zid = -1,
	};
	unsigned int region;
	char err[256];
	int i;

	req.nr_pages = dma32_free(sim) - 1200;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), 0);
	CHECK(!prepare_kswapd_sleep(pgdat, 0, ZONE_MOVABLE));
	for (i = 1; i <= MAX_RECLAIM_RETRIES; i++) {
		balance_pgdat(pgdat, 0, ZONE_MOVABLE);
		CHECK_EQ(pgdat->kswapd_failures, i);
		CHECK_EQ(prepare_kswapd_sleep(pgdat, 0, ZONE_MOVABLE),
			 i == MAX_RECLAIM_RETRIES);
	}
	CHECK_EQ(vmstat(sim, "pageoutrun"), MAX_RECLAIM_RETRIES);
	CHECK_EQ(vmstat(sim, "pgscan_kswapd"), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), 0);
	check_invariants(sim, "failed balance_pgdat");

	/* Any reclaim progress revives the node (shrink_node()) */
	sim_free(sim, region);
	fill_file(sim, 1200, false);
	balance_pgdat(pgdat, 0, ZONE_MOVABLE);
	CHECK_EQ(pgdat->kswapd_failures, 0);
	check_invariants(sim, "revived balance_pgdat");
	sim_destroy(sim);
}

/* Allocate nr pages of a kind on node 0; the region id. */
static unsigned int alloc_node0(struct sim *sim, enum sim_page_kind kind,
				unsigned long nr, bool dirty)
{
	struct sim_alloc_request req = {
		.kind = kind,
		.nid = 0,
		.zid = -1,
		.nr_pages = nr,
		.dirty = dirty,
	};
	unsigned int region = 0;
	char err[256];

	if (sim_alloc(sim, &req, &region, err, sizeof(err))) {
		fprintf(stderr, "alloc_node0: %s\n", err);
		CHECK(0);
	}
	return region;
}

/*
 * 40 dirty page-cache pages, the oldest (at the inactive tail), then
 * clean page cache down to 1200 free pages: N = 64336 inactive file.
 */
static unsigned int fill_dirty_then_clean(struct sim *sim)
{
	unsigned int dirty = alloc_node0(sim, SIM_KIND_FILE, 40, true);

	fill_file(sim, 1200, false);
	CHECK_EQ(sim->node_data[0].vm_stat[NR_FILE_DIRTY], 40);
	return dirty;
}

/*
 * shrink_folio_list(): direct reclaim never writes page cache. Its dirty
 * folios get PG_reclaim and are activated (nr_vmscan_immediate_reclaim),
 * the clean ones behind them are reclaimed. try_to_free_pages() with
 * nr_to_reclaim 32:
 *   priority 12: 64336 >> 12 = 15 scanned, all dirty: 15 activated;
 *   priority 11: 64321 >> 11 = 31: 25 dirty activated, 6 clean freed;
 *   priority 10: 64290 >> 10 = 62, in batches of 32: the first batch
 *   frees 32, shrink_lruvec() has met nr_to_reclaim with no anon left
 *   to scan and stops; 6 + 32 = 38 >= 32 ends the priority loop.
 */
static void test_dirty_direct_reclaim(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned long nr;

	fill_dirty_then_clean(sim);
	nr = try_to_free_pages(sim, 0, 0, GFP_HIGHUSER_MOVABLE, 0);
	CHECK_EQ(nr, 38);
	CHECK_EQ(vmstat(sim, "allocstall_movable"), 1);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 15 + 31 + 32);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 38);
	CHECK_EQ(vmstat(sim, "nr_vmscan_immediate_reclaim"), 40);
	CHECK_EQ(vmstat(sim, "pgactivate"), 40);
	CHECK_EQ(vmstat(sim, "nr_vmscan_write"), 0);
	CHECK_EQ(sim->node_data[0].vm_stat[NR_ACTIVE_FILE], 40);
	CHECK_EQ(sim->node_data[0].vm_stat[NR_FILE_DIRTY], 40);
	check_invariants(sim, "direct reclaim of dirty cache");
	sim_destroy(sim);
}

/*
 * shrink_folio_list(): kswapd writes a dirty file folio itself only when
 * it meets it again with PG_reclaim on a node flagged PGDAT_DIRTY. The
 * state a previous pass leaves (PG_reclaim on the 40 dirty folios,
 * PGDAT_DIRTY set by shrink_node()) is set up here; balance_pgdat() then
 * calls pageout() for each: nr_vmscan_write 40, all 40 under writeback
 * and kept on the inactive list. The clean pages are reclaimed as in
 * test_balance_pgdat_clean_file() but the inactive list keeps the 40:
 *   p12: 15 written; p11: 64336 >> 11 = 31: 25 written, 6 freed;
 *   p10: 64330 >> 10 = 62; p9: 64268 >> 9 = 125; p8: 64143 >> 8 = 250;
 *   6 + 62 + 125 + 250 = 443 freed, free 1643 > 1536.
 */
static void test_dirty_kswapd_writes(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned int dirty = fill_dirty_then_clean(sim);
	const struct region *r = &sim->regions[dirty];
	unsigned long i;

	for (i = 0; i < r->nr_pages; i++)
		SetPageFlag(&sim->pages, (unsigned long)PTE_VAL(r->pte[i]),
			    PG_reclaim);
	pgdat->flags |= 1UL << PGDAT_DIRTY;

	CHECK_EQ(balance_pgdat(pgdat, 0, ZONE_MOVABLE), 0);
	CHECK_EQ(vmstat(sim, "nr_vmscan_write"), 40);
	CHECK_EQ(vmstat(sim, "nr_vmscan_immediate_reclaim"), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), 443);
	CHECK_EQ(vmstat(sim, "pgscan_kswapd"), 15 + 31 + 62 + 125 + 250);
	CHECK_EQ(pgdat->vm_stat[NR_WRITEBACK], 40);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_DIRTY], 0);
	CHECK_EQ(dma32_unused(sim), 1643);
	check_invariants(sim, "kswapd pageout");
	sim_destroy(sim);
}

/*
 * get_scan_count() with swappiness 0: SCAN_FRACT gives anon ap = 0, and
 * priority 0 does not turn to SCAN_EQUAL; while page cache remains,
 * direct reclaim leaves anon alone even with free swap.
 */
static void test_swappiness_zero(void)
{
	struct sim *sim = boot_dma32(16384);

	sim->cfg.sysctl.swappiness = 0;
	alloc_node0(sim, SIM_KIND_ANON, 30000, false);
	fill_file(sim, 1200, false);
	CHECK(try_to_free_pages(sim, 0, 0, GFP_HIGHUSER_MOVABLE, 0) >= 32);
	CHECK_EQ(vmstat(sim, "pgscan_anon"), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_anon"), 0);
	CHECK_EQ(vmstat(sim, "pswpout"), 0);
	CHECK(vmstat(sim, "pgsteal_file") >= 32);
	check_invariants(sim, "swappiness 0");
	sim_destroy(sim);
}

/* One shrink_node() pass of direct reclaim at a given priority. */
static void shrink_node_once(struct sim *sim, int priority)
{
	struct scan_control sc = {
		.sim = sim,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = GFP_HIGHUSER_MOVABLE,
		.reclaim_idx = ZONE_MOVABLE,
		.priority = priority,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};

	shrink_node(&sim->node_data[0], &sc);
}

/*
 * shrink_folio_list() and split_folio_to_list(): a 1 + 17 page swap
 * device has slots 1..17, and an order-4 folio needs 16 slots aligned to
 * 16 (get_swap_pages()), 16..31, which the device does not have. So
 * add_to_swap() fails for the 16-page anon folio; it is split into 16
 * order-0 folios, each gets a slot of its own and is written: pswpout 16,
 * nothing activated, 1 slot left, every page its own folio. Priority 0,
 * swappiness 60: SCAN_EQUAL scans the whole inactive anon list;
 * pgscan_direct counts the 16 pages once, however many folios they
 * became. (With no slot left, can_reclaim_anon_pages() would keep the
 * next pass off anon altogether.)
 */
static void test_split_for_swap(void)
{
	struct sim *sim = boot_dma32(18);
	unsigned int r = alloc_region_order(sim, SIM_KIND_ANON, 16, 4);
	unsigned long head;

	head = page_of(sim, r, 0);
	CHECK_EQ(folio_nr_pages(sim, head), 16);
	CHECK_EQ(get_nr_swap_pages(sim), 17);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 16);
	CHECK_EQ(vmstat(sim, "pswpout"), 16);
	CHECK_EQ(vmstat(sim, "nr_vmscan_write"), 16);
	CHECK_EQ(vmstat(sim, "pgactivate"), 0);
	CHECK_EQ(vmstat(sim, "thp_swpout_fallback"), 0); /* order 4 < 9 */
	CHECK_EQ(get_nr_swap_pages(sim), 1);
	for (unsigned long i = 0; i < 16; i++) {
		CHECK_EQ(folio_nr_pages(sim, head + i), 1);
		CHECK_EQ(PTE_TAG(sim->regions[r].pte[i]), PTE_SWAP);
	}
	CHECK_EQ(sim->node_data[0].vm_stat[NR_WRITEBACK], 16);
	check_invariants(sim, "split for swap");
	/* the writes complete; the next pass frees the 16 clean pages */
	sim_run(sim, 1);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 16);
	check_invariants(sim, "split pages reclaimed");
	sim_destroy(sim);
}

/*
 * folio_check_references() on mapped anon pages with swap, the node's
 * only LRU pages. At priority 0 with swappiness 60 get_scan_count() is
 * SCAN_EQUAL: every inactive anon page is scanned each pass.
 * Pass 1, 8 pages (r) touched once (PTE young), no PG_referenced:
 *   referenced_ptes 1 -> PG_referenced set, FOLIOREF_KEEP.
 * Pass 2, r touched again: referenced_ptes 1 and PG_referenced ->
 *   FOLIOREF_ACTIVATE, pgactivate 8. shrink_lruvec()'s tail then finds
 *   inactive anon 0 < active 8 (inactive_is_low()) and
 *   shrink_active_list() moves all 8 back (young bits already cleared):
 *   pgrefill 8, pgdeactivate 8.
 * Pass 3, 8 new pages (r2) touched once at the head: r's folios, not
 *   young but PG_referenced, are anon, so FOLIOREF_RECLAIM (not
 *   RECLAIM_CLEAN): add_to_swap(), try_to_unmap(), pageout() by
 *   swap_writepage(): pswpout 8, kept under writeback; r2 is kept.
 * Pass 4: r under writeback -> PG_reclaim, activated (case 2):
 *   pgactivate 16; r2 is now reclaimed the same way: pswpout 16. Active
 *   8 and inactive 8: not low, nothing deactivated.
 */
static void test_folio_check_references(void)
{
	struct sim *sim = boot_dma32(4096);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned int r = alloc_node0(sim, SIM_KIND_ANON, 8, false);
	unsigned int r2;

	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_ANON], 8);
	CHECK_EQ(sim_touch(sim, r), 0);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 8);
	CHECK_EQ(vmstat(sim, "pgactivate"), 0);
	CHECK_EQ(vmstat(sim, "pswpout"), 0);
	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_ANON], 8);

	CHECK_EQ(sim_touch(sim, r), 0);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 16);
	CHECK_EQ(vmstat(sim, "pgactivate"), 8);
	CHECK_EQ(vmstat(sim, "pgrefill"), 8);
	CHECK_EQ(vmstat(sim, "pgdeactivate"), 8);
	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_ANON], 8);
	check_invariants(sim, "activation");

	r2 = alloc_node0(sim, SIM_KIND_ANON, 8, false);
	CHECK_EQ(sim_touch(sim, r2), 0);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pswpout"), 8);
	CHECK_EQ(vmstat(sim, "pgactivate"), 8);
	shrink_node_once(sim, 0);
	CHECK_EQ(vmstat(sim, "pswpout"), 16);
	CHECK_EQ(vmstat(sim, "nr_vmscan_write"), 16);
	CHECK_EQ(vmstat(sim, "pgactivate"), 16);
	CHECK_EQ(vmstat(sim, "pgdeactivate"), 8);
	CHECK_EQ(pgdat->vm_stat[NR_WRITEBACK], 16);
	CHECK_EQ(pgdat->vm_stat[NR_ACTIVE_ANON], 8);
	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_ANON], 8);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 0);
	check_invariants(sim, "swap-out");
	sim_destroy(sim);
}

/*
 * isolate_lru_folios() for a DMA32 request on a node whose oldest page
 * cache is in Normal: 1000 Normal pages (allocated first: the inactive
 * tail), then 1000 DMA32 pages. try_to_free_pages(GFP_KERNEL|__GFP_DMA32):
 * reclaim_idx = ZONE_DMA32 (allocstall_dma32), lruvec_lru_size() counts
 * the 1000 DMA32 pages only: 1000 >> 12..10 = 0; priority 9 asks for 1,
 * the walk skips all 1000 Normal folios (pgskip_normal 1000, not counted
 * towards nr_to_scan, spliced back to the head) and takes one: nr_scanned
 * 1001. Then 999 >> 8 = 3, 996 >> 7 = 7, 989 >> 6 = 15 (26 < 32),
 * 974 >> 5 = 30: 56 reclaimed, pgscan_direct 1001 + 3 + 7 + 15 + 30.
 */
static void test_pgskip(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_alloc_request req = {
		.kind = SIM_KIND_FILE,
		.nid = 0,
		.nr_pages = 1000,
	};
	unsigned int r;
	char err[256];

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.start_pfn = 4096,
		.spanned = 65536,
		.present = 65536,
		.managed = 65536,
	};
	cfg.nodes[0].zones[ZONE_NORMAL] = (struct sim_zone_config){
		.start_pfn = 1048576,
		.spanned = 65536,
		.present = 65536,
		.managed = 65536,
	};
	cfg.thp = false;
	sim = boot_checked(&cfg);
	req.zid = ZONE_NORMAL;
	CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);
	req.zid = ZONE_DMA32;
	CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);

	CHECK_EQ(try_to_free_pages(sim, 0, 0, GFP_KERNEL | __GFP_DMA32, 0), 56);
	CHECK_EQ(vmstat(sim, "allocstall_dma32"), 1);
	CHECK_EQ(vmstat(sim, "pgskip_normal"), 1000);
	CHECK_EQ(vmstat(sim, "pgscan_direct"), 1001 + 3 + 7 + 15 + 30);
	CHECK_EQ(vmstat(sim, "pgsteal_direct"), 56);
	CHECK_EQ(sim->node_data[0]
			 .node_zones[ZONE_NORMAL]
			 .vm_stat[NR_ZONE_INACTIVE_FILE],
		 1000);
	check_invariants(sim, "pgskip");
	sim_destroy(sim);
}

/*
 * balance_pgdat() for a watermark boost (boost_watermark() after a
 * fallback steal): free 2100 with a boost of 500 on the zone, so
 * high_wmark_pages() = 1536 + 500 = 2036 and the node is balanced even
 * with the boost: boosted reclaim (nr_boost_reclaim = 500, may_swap and
 * may_writepage off). Priority falls 12 -> 11 -> 10 and holds at
 * DEF_PRIORITY - 2 ("Limit the priority of boosting"):
 *   63436 >> 12 = 15, 63421 >> 11 = 30, then 61 a pass at priority 10
 *   (63391 >> 10 .. 62964 >> 10) until 15 + 30 + 61 * 8 = 533 >= 500;
 * the next pass finds nr_boost_reclaim 0 and the node balanced: out,
 * and the whole boost seen at entry is taken off the zone.
 */
static void test_boosted_reclaim(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	struct zone *zone = &pgdat->node_zones[ZONE_DMA32];

	fill_file(sim, 2100, false);
	zone->watermark_boost = 500;
	CHECK(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK(pgdat_watermark_boosted(pgdat, ZONE_MOVABLE));
	CHECK_EQ(balance_pgdat(pgdat, 0, ZONE_MOVABLE), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), 533);
	CHECK_EQ(dma32_unused(sim), 2100 + 533);
	CHECK_EQ(zone->watermark_boost, 0);
	CHECK_EQ(pgdat->kswapd_failures, 0);
	check_invariants(sim, "boosted balance_pgdat");

	/*
	 * A boost that leaves the node unbalanced (free 2633 - 700 = 1933 <=
	 * 1536 + 500) is dropped: plain reclaim from priority 12 ("If the
	 * pgdat is imbalanced then ignore boosting"), which here stops at
	 * the top of a pass once free > 2036. The list is the 62903 pages
	 * left plus the 700 just added: 63603 >> 12 = 15, 63588 >> 11 = 31,
	 * 63557 >> 10 = 62 (2041 pages unused), but up to four batches of
	 * what kswapd freed wait on CPU 0's list (nr_pcp_high() with
	 * ZONE_RECLAIM_ACTIVE), so NR_FREE_PAGES is not yet above 2036 and
	 * one more pass runs: 63495 >> 9 = 124.
	 */
	fill_file(sim, 1933, false);
	zone->watermark_boost = 500;
	CHECK(!pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	CHECK_EQ(balance_pgdat(pgdat, 0, ZONE_MOVABLE), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), 533 + 15 + 31 + 62 + 124);
	CHECK_EQ(zone->watermark_boost, 0);
	sim_destroy(sim);
}

/*
 * balance_pgdat() with vm.laptop_mode: sc.may_writepage stays 0 until
 * priority < DEF_PRIORITY - 2, so the 40 dirty folios met at priorities
 * 12 (15) and 11 (25) are kept unwritten and go back to the head of the
 * list, out of reach of the later passes: nr_vmscan_write 0, the clean
 * pages reclaimed as before (443).
 */
static void test_laptop_mode(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned int dirty = fill_dirty_then_clean(sim);
	const struct region *r = &sim->regions[dirty];
	unsigned long i;

	sim->cfg.sysctl.laptop_mode = 1;
	for (i = 0; i < r->nr_pages; i++)
		SetPageFlag(&sim->pages, (unsigned long)PTE_VAL(r->pte[i]),
			    PG_reclaim);
	pgdat->flags |= 1UL << PGDAT_DIRTY;

	CHECK_EQ(balance_pgdat(pgdat, 0, ZONE_MOVABLE), 0);
	CHECK_EQ(vmstat(sim, "nr_vmscan_write"), 0);
	CHECK_EQ(vmstat(sim, "pgsteal_kswapd"), 443);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_DIRTY], 40);
	CHECK_EQ(pgdat->vm_stat[NR_WRITEBACK], 0);
	check_invariants(sim, "laptop_mode");
	sim_destroy(sim);
}

int main(void)
{
	test_get_scan_count();
	test_inactive_is_low();
	test_balance_pgdat_clean_file();
	test_kswapd_failures();
	test_dirty_direct_reclaim();
	test_dirty_kswapd_writes();
	test_swappiness_zero();
	test_folio_check_references();
	test_split_for_swap();
	test_pgskip();
	test_boosted_reclaim();
	test_laptop_mode();
	return check_done();
}
