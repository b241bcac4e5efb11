// SPDX-License-Identifier: GPL-2.0-only
/*
 * page_alloc.c against the kernel's formulas, worked by hand: watermarks
 * and min_free_kbytes of three more machines, the watermark check's edge
 * cases, buddy split and merge, fallback claiming with watermark boost,
 * bad input, sysctl handlers, NUMA fallback, and random alloc/free runs
 * with sim_check() after every step.
 */
#include "internal.h"
#include "machine.h"

#include <errno.h>
#include <string.h>

static char err[512];

static void expect_clean(const struct sim *sim)
{
	char msg[512] = "";
	int ret = sim_check(sim, msg, sizeof(msg));

	if (ret)
		fprintf(stderr, "sim_check: %s\n", msg);
	CHECK_EQ(ret, 0);
}

static long protection(const struct sim *sim, int nid, int zid, int j)
{
	struct sim_zone_info zi;

	if (sim_zone_info(sim, nid, zid, &zi))
		return -1;
	return zi.protection[j];
}

static unsigned long zone_free(const struct sim *sim, int nid, int zid)
{
	struct sim_zone_info zi;

	if (sim_zone_info(sim, nid, zid, &zi))
		return 0;
	return zi.free;
}

/* One node, DMA as default, DMA32 and Normal with these managed pages. */
static void machine(struct sim_config *cfg, unsigned long dma32_spanned,
		    unsigned long dma32_managed, unsigned long normal_spanned,
		    unsigned long normal_managed)
{
	sim_config_default(cfg);
	cfg->nodes[0].zones[ZONE_DMA32] =
		(struct sim_zone_config){ .spanned = dma32_spanned,
					  .present = dma32_spanned,
					  .managed = dma32_managed };
	cfg->nodes[0].zones[ZONE_NORMAL] =
		(struct sim_zone_config){ .spanned = normal_spanned,
					  .present = normal_spanned,
					  .managed = normal_managed };
}

/* {====== boot-time sizing */

/*
 * A typical x86-64 box: 4 GiB DMA32 (managed 770000), 60 GiB Normal
 * (managed 15400000). calculate_min_free_kbytes(): lowmem 16173840 pages
 * -> int_sqrt(16173840*4*16) = 32173 kB; then khugepaged raises it to
 * 5632*3 pages = 67584 kB (cap 5% of ~16M pages is far above).
 */
static void test_64g_box(void)
{
	struct sim_config cfg;
	struct sim *sim;

	machine(&cfg, 1044480, 770000, 15728640, 15400000);
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 67584);
	/*
	 * __setup_per_zone_wmarks(): pages_min 16896, lowmem 16173840.
	 * DMA: 16896*3840/16173840 = 4, d = max(1, 3) = 3.
	 * DMA32: 804, d = max(201, mult_frac(770000,10,10000) = 770).
	 * Normal: 16087, d = max(4021, 15400) = 15400.
	 */
	check_wmarks(sim, 0, ZONE_DMA, 4, 7, 10, 13);
	check_wmarks(sim, 0, ZONE_DMA32, 804, 1574, 2344, 3114);
	check_wmarks(sim, 0, ZONE_NORMAL, 16087, 31487, 46887, 62287);
	/* setup_per_zone_lowmem_reserve(): 770000/256, 16170000/256 ... */
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 1), 3007);
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 2), 63164);
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 4), 63164);
	CHECK_EQ(protection(sim, 0, ZONE_DMA32, 2), 60156);
	CHECK_EQ(protection(sim, 0, ZONE_DMA32, 1), 0);
	CHECK_EQ(protection(sim, 0, ZONE_NORMAL, 3), 0);
	sim_destroy(sim);

	/* THP off: the square-root value stays, pages_min = 32173 >> 2 */
	cfg.thp = false;
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 32173);
	check_wmarks(sim, 0, ZONE_DMA, 1, 4, 7, 10);
	check_wmarks(sim, 0, ZONE_DMA32, 382, 1152, 1922, 2692);
	check_wmarks(sim, 0, ZONE_NORMAL, 7658, 23058, 38458, 53858);
	sim_destroy(sim);
}

/*
 * 256 MiB: under the 512 MiB hugepage_init() needs, so THP does not raise
 * min_free_kbytes: int_sqrt(63840*64) = 2021 kB, pages_min 505.
 * DMA 505*3840/63840 = 30, d = 7; DMA32 474, d = max(118, 60).
 */
static void test_small_box(void)
{
	struct sim_config cfg;
	struct sim *sim;

	machine(&cfg, 61440, 60000, 0, 0);
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 2021);
	check_wmarks(sim, 0, ZONE_DMA, 30, 37, 44, 51);
	check_wmarks(sim, 0, ZONE_DMA32, 474, 592, 710, 828);
	/* Normal is empty but exists: its share of pages_min is 0 */
	check_wmarks(sim, 0, ZONE_NORMAL, 0, 0, 0, 0);
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 1), 234);
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 3), 234);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== watermark checks */

/*
 * The host's DMA zone (kernel-facts A5.2): free 3840, protection
 * (0, 3019, 4427, 4427, 4427), min 57, low 71.
 */
static void test_watermark_ok(void)
{
	struct sim_config cfg;
	struct sim *sim;
	unsigned int f;

	machine(&cfg, 1044480, 772917, 5505024, 360448);
	cfg.nodes[0].zones[ZONE_DMA32].present = 782336;
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	/* lowmem_reserve by highest_zoneidx */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 57, ZONE_DMA, 0));
	/* 3840 > 71 + 3019 = 3090 */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 71, ZONE_DMA32, 0));
	/* 71 + 4427 = 4498 > 3840: GFP_KERNEL never gets DMA */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 71, ZONE_NORMAL, 0));
	/* GFP_ATOMIC cuts: 57 -> 29 -> 22; 22 + 4427 > 3840 still */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 57, ZONE_MOVABLE,
				     SIM_ALLOC_MIN_RESERVE |
					     SIM_ALLOC_NON_BLOCK));
	/* strict '>': free 3840 against mark 3840 fails */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 3840, ZONE_DMA, 0));
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 3839, ZONE_DMA, 0));
	/* ALLOC_MIN_RESERVE: 7000 - 3500 = 3500 < 3840 */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7000, ZONE_DMA, 0));
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7000, ZONE_DMA,
				    SIM_ALLOC_MIN_RESERVE));
	/* 7680 - 3840 = 3840: not above */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7680, ZONE_DMA,
				     SIM_ALLOC_MIN_RESERVE));
	/* + NON_BLOCK: 10000 -> 5000 -> 5000 - 1250 = 3750 */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 10000, ZONE_DMA,
				     SIM_ALLOC_MIN_RESERVE));
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 10000, ZONE_DMA,
				    SIM_ALLOC_MIN_RESERVE |
					    SIM_ALLOC_NON_BLOCK));
	/* NON_BLOCK or HIGHATOMIC alone do not lower min */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7000, ZONE_DMA,
				     SIM_ALLOC_NON_BLOCK));
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7000, ZONE_DMA,
				     SIM_ALLOC_HIGHATOMIC));
	/* ALLOC_OOM alone: 7678 - 3839 = 3839 passes, 7680 -> 3840 not */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7678, ZONE_DMA,
				    SIM_ALLOC_OOM));
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 7680, ZONE_DMA,
				     SIM_ALLOC_OOM));
	/* all three: 20000 -> 10000 -> 7500 -> 3750 */
	CHECK(sim_zone_watermark_ok(
		sim, 0, ZONE_DMA, 0, 20000, ZONE_DMA,
		SIM_ALLOC_MIN_RESERVE | SIM_ALLOC_NON_BLOCK | SIM_ALLOC_OOM));
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 0, 20000, ZONE_DMA,
				     SIM_ALLOC_MIN_RESERVE | SIM_ALLOC_OOM));
	/*
	 * order > 0: free - (2^order - 1) must pass, and a block of at least
	 * that order must exist. DMA holds blocks of order 8, 9, 10.
	 */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 10, 57, ZONE_DMA, 0));
	/* 3840 - 1023 = 2817 <= 2817 */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 10, 2817, ZONE_DMA, 0));
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA, 10, 2816, ZONE_DMA, 0));
	/* bad arguments are a failed check */
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA, 11, 0, ZONE_DMA, 0));
	CHECK(!sim_zone_watermark_ok(sim, 1, ZONE_DMA, 0, 0, ZONE_DMA, 0));
	CHECK(!sim_zone_watermark_ok(sim, 0, 5, 0, 0, ZONE_DMA, 0));

	CHECK_EQ(sim_alloc_flags_parse("ALLOC_HIGH | ALLOC_OOM", &f), 0);
	CHECK_EQ(f, SIM_ALLOC_MIN_RESERVE | SIM_ALLOC_OOM);
	CHECK_EQ(sim_alloc_flags_parse("ALLOC_WMARK_HIGH|ALLOC_NON_BLOCK", &f),
		 0);
	CHECK_EQ(f, SIM_ALLOC_WMARK_HIGH | SIM_ALLOC_NON_BLOCK);
	CHECK_EQ(sim_alloc_flags_parse("ALLOC_HARDER", &f), -EINVAL);
	sim_destroy(sim);
}

/*
 * Order > 0 with enough free pages but every block below the order: fill
 * a 32 MiB DMA32-only machine with order-0 pages, free every other one.
 */
static void test_watermark_fragmented(void)
{
	struct sim_config cfg;
	struct sim *sim;
	static unsigned long pfns[8192];
	unsigned long n = 0, i, free;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 8192, .present = 8192, .managed = 8192
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	for (;;) {
		unsigned long pfn = __alloc_pages(sim, GFP_KERNEL, 0, 0);

		if (pfn == NO_PFN)
			break;
		pfns[n++] = pfn;
	}
	/*
	 * The allocations stop at the first check below min (181). The
	 * per-cpu refills (nr_pcp_alloc(), batch 1) double with no free
	 * between: 1 + 2 + 4 + 8 + 16 = 31 pages, then 32 (1 <<
	 * PCP_BATCH_SCALE_MAX) each: 8192 - 31 - 32 * 250 = 161, taken by the
	 * refill at 193, still above min; 31 of its pages stay on the list.
	 */
	CHECK_EQ(sim_zone_wmark(sim, 0, ZONE_DMA32, WMARK_MIN), 181);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 161);
	CHECK_EQ(zone_unused(sim, 0, ZONE_DMA32), 161 + 31);
	for (i = 0; i < n; i++)
		if (!(pfns[i] & 1))
			free_pages_block(sim, pfns[i], 0);
	expect_clean(sim);
	free = zone_free(sim, 0, ZONE_DMA32);
	/* every free block is order 0 now, unless the min reserve merged */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 0, 100, ZONE_DMA32, 0));
	CHECK(free > 2000);
	{
		struct sim_zone_info zi;
		int o;
		bool above = false;

		sim_zone_info(sim, 0, ZONE_DMA32, &zi);
		for (o = 3; o < NR_PAGE_ORDERS; o++)
			above |= zi.nr_free[o] != 0;
		/* with no block of order >= 3 the order-3 check fails */
		CHECK_EQ(sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 3, 0,
					       ZONE_DMA32, 0),
			 above);
		CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 10, 0,
					     ZONE_DMA32, 0));
	}
	sim_destroy(sim);
}

/* }====== */

/* {====== buddy split and merge */

static void test_split_merge(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_zone_info zi;
	unsigned long a, b, c;
	int o;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 8192, .present = 8192, .managed = 8192
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	sim_zone_info(sim, 0, ZONE_DMA32, &zi);
	CHECK_EQ(zi.start_pfn, 4096);
	CHECK_EQ(zi.nr_free[10], 8);
	/*
	 * __rmqueue_smallest() + expand(): the first order-10 block (pfn
	 * 4096) splits; 4096 is returned and 4097 (o0), 4098 (o1), 4100
	 * (o2) ... 4608 (o9) go back.
	 */
	a = __alloc_pages(sim, GFP_KERNEL, 0, 0);
	CHECK_EQ(a, 4096);
	sim_zone_info(sim, 0, ZONE_DMA32, &zi);
	for (o = 0; o < 10; o++)
		CHECK_EQ(zi.nr_free[o], 1);
	CHECK_EQ(zi.nr_free[10], 7);
	CHECK_EQ(zi.free, 8191);
	b = __alloc_pages(sim, GFP_KERNEL, 0, 0);
	CHECK_EQ(b, 4097);
	/* the order-1 block 4098 splits: 4098 returned, 4099 free */
	c = __alloc_pages(sim, GFP_KERNEL, 0, 0);
	CHECK_EQ(c, 4098);
	CHECK_EQ(sim->pages.state[4099], PS_BUDDY);
	expect_clean(sim);
	/*
	 * A free goes to the per-cpu list first (PS_PCP); drain_all_pages()
	 * hands it to __free_one_page(): 4096's buddy 4097 is in use: no
	 * merge. (The refills took 4096, then 4097 and 4098: batch 1, then
	 * 2 with alloc_factor 1, so the lists are empty again.)
	 */
	free_pages_block(sim, a, 0);
	CHECK_EQ(sim->pages.state[4096], PS_PCP);
	drain_all_pages(sim, NULL);
	CHECK_EQ(sim->pages.state[4096], PS_BUDDY);
	CHECK_EQ(page_order(&sim->pages, 4096), 0);
	/* 4097 ^ 1 = 4096 is free: one block of order 1; 4098 is in use */
	free_pages_block(sim, b, 0);
	drain_all_pages(sim, NULL);
	CHECK_EQ(sim->pages.state[4096], PS_BUDDY);
	CHECK_EQ(page_order(&sim->pages, 4096), 1);
	CHECK_EQ(sim->pages.state[4097], PS_TAIL);
	expect_clean(sim);
	/* freeing 4098 merges all the way back to order 10 */
	free_pages_block(sim, c, 0);
	drain_all_pages(sim, NULL);
	sim_zone_info(sim, 0, ZONE_DMA32, &zi);
	CHECK_EQ(zi.nr_free[10], 8);
	for (o = 0; o < 10; o++)
		CHECK_EQ(zi.nr_free[o], 0);
	CHECK_EQ(sim->vm_events[PGALLOC_DMA32], 3);
	CHECK_EQ(sim->vm_events[PGFREE], 8192 + 3);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== fallback: claim a pageblock, boost the watermark */

/*
 * 64 MiB of DMA32 only: min_free_kbytes = int_sqrt(16384*64) = 1024,
 * min 256, low 320, high 384. Fill it with Movable pages but for the
 * last 400, which sit in the last pageblock (112 used, 400 free). An
 * Unmovable page then goes through __rmqueue_claim(): the largest
 * fallback block is order 8 < pageblock_order, so boost_watermark()
 * adds a pageblock (cap max(512, mult_frac(384, 15000, 10000) = 576)),
 * unless watermark_boost_factor is 0, and the
 * pageblock, 400 free + 0 alike >= 256, becomes Unmovable.
 */
static void test_fallback_claim(int boost_factor)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_alloc_request req = { .nid = -1, .zid = -1 };
	unsigned int region, kregion;
	unsigned long last_block = 4096 + 16384 - 512, pfn;
	const struct region *r;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 16384, .present = 16384, .managed = 16384
	};
	cfg.sysctl.watermark_boost_factor = boost_factor;
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	check_wmarks(sim, 0, ZONE_DMA32, 256, 320, 384, 448);
	req.kind = SIM_KIND_ANON;
	req.nr_pages = 16384 - 400;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), 0);
	/* the Movable refill's leftovers back on the buddy lists */
	drain_all_pages(sim, NULL);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 400);
	CHECK_EQ(get_pageblock_migratetype(sim, last_block), MIGRATE_MOVABLE);
	expect_clean(sim);

	req.kind = SIM_KIND_KERNEL;
	req.nr_pages = 1;
	CHECK_EQ(sim_alloc(sim, &req, &kregion, err, sizeof(err)), 0);
	r = &sim->regions[kregion];
	pfn = (unsigned long)PTE_VAL(r->pte[0]);
	CHECK(pfn >= last_block);
	CHECK_EQ(get_pageblock_migratetype(sim, last_block), MIGRATE_UNMOVABLE);
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->watermark_boost,
		 boost_factor ? 512 : 0);
	/* zoneinfo's watermarks include the boost */
	{
		struct sim_zone_info zi;

		sim_zone_info(sim, 0, ZONE_DMA32, &zi);
		CHECK_EQ(zi.wmark[WMARK_LOW], boost_factor ? 320 + 512 : 320);
	}
	expect_clean(sim);
	/* writing min_free_kbytes resets the boost (setup_per_zone_wmarks) */
	{
		long v = 1024;

		CHECK_EQ(sim_sysctl_set(sim, "min_free_kbytes", &v, 1, err,
					sizeof(err)),
			 0);
		CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->watermark_boost, 0);
	}
	CHECK_EQ(sim_free(sim, kregion), 0);
	CHECK_EQ(sim_free(sim, region), 0);
	drain_all_pages(sim, NULL);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 16384);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== the zonelist and lowmem_reserve in get_page_from_freelist() */

static unsigned long drain(struct sim *sim, int alloc_flags, int zidx)
{
	struct alloc_context ac = {
		.zonelist = sim->node_data[0].zonelist,
		.preferred_zone = sim->node_data[0].zonelist[0],
		.highest_zoneidx = zidx,
		.migratetype = MIGRATE_UNMOVABLE,
	};
	unsigned long n = 0;
	struct zone *const *z;

	/* first_zones_zonelist(): the first zone at or below zidx */
	for (z = ac.zonelist; *z && zone_idx(*z) > zidx; z++)
		;
	ac.preferred_zone = *z;
	/*
	 * A refill may take the zone below the mark while the list still
	 * holds pages the watermark does not count: drain the lists and
	 * ask again, until the zone fails the mark with them empty.
	 */
	for (;;) {
		while (get_page_from_freelist(sim, GFP_KERNEL, 0, alloc_flags,
					      &ac) != NO_PFN)
			n++;
		if (!ac.preferred_zone->pcp[0].count &&
		    !sim->node_data[0].zonelist[0]->pcp[0].count &&
		    !sim->node_data[0].zonelist[1]->pcp[0].count)
			return n;
		drain_all_pages(sim, NULL);
	}
}

/*
 * DMA32 8192 pages, Normal 16384: min_free_kbytes 1254, pages_min 313.
 * Normal: min 208, low 260; DMA32: min 104, low 130, and
 * lowmem_reserve[Normal] = 16384/256 = 64. GFP_KERNEL at ALLOC_WMARK_LOW
 * drains Normal to 260, then DMA32 only to 130 + 64 = 194; at
 * ALLOC_WMARK_MIN to 208 and 104 + 64 = 168. A GFP_DMA32 request
 * (highest_zoneidx 1) needs no reserve: DMA32 goes down to its min, 104.
 */
static void test_zonelist_reserve(void)
{
	struct sim_config cfg;
	struct sim *sim;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 8192, .present = 8192, .managed = 8192
	};
	cfg.nodes[0].zones[ZONE_NORMAL] = (struct sim_zone_config){
		.spanned = 16384, .present = 16384, .managed = 16384
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	check_wmarks(sim, 0, ZONE_DMA32, 104, 130, 156, 182);
	check_wmarks(sim, 0, ZONE_NORMAL, 208, 260, 312, 364);
	CHECK_EQ(protection(sim, 0, ZONE_DMA32, ZONE_NORMAL), 64);
	CHECK_EQ(drain(sim, SIM_ALLOC_WMARK_LOW, ZONE_NORMAL),
		 (16384 - 260) + (8192 - 194));
	CHECK_EQ(zone_free(sim, 0, ZONE_NORMAL), 260);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 194);
	CHECK_EQ(drain(sim, SIM_ALLOC_WMARK_MIN, ZONE_NORMAL),
		 (260 - 208) + (194 - 168));
	CHECK_EQ(zone_free(sim, 0, ZONE_NORMAL), 208);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 168);
	CHECK_EQ(drain(sim, SIM_ALLOC_WMARK_MIN, ZONE_DMA32), 168 - 104);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 104);
	CHECK_EQ(zone_free(sim, 0, ZONE_NORMAL), 208);
	/* pgalloc_<zone> counts pages, numa_hit allocations */
	CHECK_EQ(sim->vm_events[PGALLOC_NORMAL], 16384 - 208);
	CHECK_EQ(sim->vm_events[PGALLOC_DMA32], 8192 - 104);
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->vm_numa_event[NUMA_HIT],
		 8192 - 104);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== deferred boot blocks */

/*
 * Boot hands a zone's order-10 blocks over in ascending order at the tail
 * of the Movable list (__free_pages_core(), FPI_TO_TAIL); page_alloc.c
 * links them lazily. Whatever is linked, the list must read as the
 * kernel's: allocations take 4096, 5120, ... in order; a block added at
 * the tail (move_to_free_list() from unreserve_highatomic_pageblock())
 * goes behind every boot block.
 */
static void test_deferred_blocks(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct alloc_context ac;
	struct zone *zone;
	const struct pfn_list *list;
	unsigned long pfn;
	const int flags = SIM_ALLOC_WMARK_MIN | SIM_ALLOC_MIN_RESERVE |
			  SIM_ALLOC_NON_BLOCK | SIM_ALLOC_HIGHATOMIC;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 65536, .present = 65536, .managed = 65536
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	zone = page_zone_of(sim, 0, ZONE_DMA32);
	list = &zone->free_area[MAX_PAGE_ORDER].free_list[MIGRATE_MOVABLE];
	CHECK_EQ(list->nr, 64);
	CHECK_EQ(zone->free_area[MAX_PAGE_ORDER].nr_free, 64);
	expect_clean(sim);
	ac = (struct alloc_context){
		.zonelist = sim->node_data[0].zonelist,
		.preferred_zone = zone,
		.highest_zoneidx = ZONE_NORMAL,
		.migratetype = MIGRATE_MOVABLE,
	};
	/* reserve_highatomic_pageblock() for order 10: two pageblocks */
	pfn = get_page_from_freelist(sim, GFP_ATOMIC, 10, flags, &ac);
	CHECK_EQ(pfn, 4096);
	CHECK_EQ(zone->nr_reserved_highatomic, 1024);
	CHECK_EQ(get_pageblock_migratetype(sim, 4096 + 512),
		 MIGRATE_HIGHATOMIC);
	free_pages_block(sim, pfn, 10);
	CHECK_EQ(zone->nr_free_highatomic, 1024);
	expect_clean(sim);
	CHECK(unreserve_highatomic_pageblock(sim, &ac, true));
	CHECK_EQ(list->nr, 64);
	CHECK_EQ(list->tail, 4096);
	CHECK_EQ(list->head, 5120);
	expect_clean(sim);
	CHECK_EQ(__alloc_pages(sim, GFP_HIGHUSER_MOVABLE, 10, 0), 5120);
	CHECK_EQ(__alloc_pages(sim, GFP_HIGHUSER_MOVABLE, 10, 0), 6144);
	CHECK_EQ(__alloc_pages(sim, GFP_HIGHUSER_MOVABLE, 0, 0), 7168);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== region counters */

/*
 * The counters each kind of region carries: nr_anon_pages and the
 * inactive anon list; nr_file_pages, nr_mapped, nr_dirty,
 * nr_zone_write_pending and the event count nr_dirtied; slab for kernel
 * pages. Freeing takes back all but the event count.
 */
static void test_region_counters(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_alloc_request req = { .nid = -1, .zid = -1 };
	struct sim_region_info ri;
	unsigned int anon, file, kern;
	const struct pglist_data *pgdat;
	const struct zone *z;

	machine(&cfg, 61440, 60000, 0, 0);
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	pgdat = &sim->node_data[0];
	z = page_zone_of(sim, 0, ZONE_DMA32);
	req.kind = SIM_KIND_ANON;
	req.nr_pages = 64;
	req.order = 2;
	CHECK_EQ(sim_alloc(sim, &req, &anon, err, sizeof(err)), 0);
	CHECK_EQ(pgdat->vm_stat[NR_ANON_MAPPED], 64);
	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_ANON], 64);
	CHECK_EQ(pgdat->lruvec.lists[LRU_INACTIVE_ANON].nr, 16);
	req.kind = SIM_KIND_FILE;
	req.order = 0;
	req.nr_pages = 10;
	req.dirty = true;
	req.mapped = true;
	CHECK_EQ(sim_alloc(sim, &req, &file, err, sizeof(err)), 0);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_PAGES], 10);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_MAPPED], 10);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_DIRTY], 10);
	CHECK_EQ(pgdat->vm_stat[NR_DIRTIED], 10);
	CHECK_EQ(pgdat->vm_stat[NR_INACTIVE_FILE], 10);
	CHECK_EQ(z->vm_stat[NR_ZONE_WRITE_PENDING], 10);
	CHECK_EQ(z->vm_stat[NR_ZONE_INACTIVE_FILE], 10);
	req.kind = SIM_KIND_KERNEL;
	req.nr_pages = 3;
	req.dirty = false;
	CHECK_EQ(sim_alloc(sim, &req, &kern, err, sizeof(err)), 0);
	CHECK_EQ(pgdat->vm_stat[NR_SLAB_UNRECLAIMABLE_B], 3);
	CHECK_EQ(sim_region_info(sim, kern, &ri), 0);
	CHECK_EQ(ri.nr_resident, 3);
	CHECK_EQ(ri.kind, SIM_KIND_KERNEL);
	CHECK_EQ(sim->regions[kern].gfp_mask, GFP_KERNEL);
	CHECK_EQ(sim->pages.state[PTE_VAL(sim->regions[kern].pte[0])],
		 PS_KERNEL);
	expect_clean(sim);
	CHECK_EQ(sim_free(sim, file), 0);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_PAGES], 0);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_MAPPED], 0);
	CHECK_EQ(pgdat->vm_stat[NR_FILE_DIRTY], 0);
	CHECK_EQ(pgdat->vm_stat[NR_DIRTIED], 10);
	CHECK_EQ(z->vm_stat[NR_ZONE_WRITE_PENDING], 0);
	CHECK_EQ(sim_free(sim, anon), 0);
	CHECK_EQ(sim_free(sim, kern), 0);
	CHECK_EQ(pgdat->vm_stat[NR_ANON_MAPPED], 0);
	CHECK_EQ(pgdat->vm_stat[NR_SLAB_UNRECLAIMABLE_B], 0);
	CHECK_EQ(sim_region_info(sim, kern, &ri), 0);
	CHECK(ri.freed);
	CHECK_EQ(ri.nr_resident, 0);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/*
 * ALLOC_NOFRAGMENT (alloc_flags_nofragment(): preferred zone Normal, one
 * node): the first pass of get_page_from_freelist() may only claim whole
 * pageblocks (__rmqueue_claim() from pageblock_order up) and may not
 * steal, in every zone, before any zone may fragment. Normal (16384
 * pages) is full of Movable pages but for 400 in its last pageblock;
 * an Unmovable page then comes from a whole pageblock of DMA32 (8192
 * pages, pfn 4096..12287) instead of polluting Normal, and nothing is
 * boosted. min_free_kbytes = int_sqrt(24576*64) = 1254: Normal low is
 * 208 + 52 = 260 < 400.
 */
static void test_nofragment(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_alloc_request req = { .nid = -1,
					 .zid = -1,
					 .kind = SIM_KIND_ANON };
	unsigned int a, k;
	unsigned long start = 1048576, pfn;
	const struct zone *normal;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 8192, .present = 8192, .managed = 8192
	};
	cfg.nodes[0].zones[ZONE_NORMAL] = (struct sim_zone_config){
		.spanned = 16384, .present = 16384, .managed = 16384
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	normal = page_zone_of(sim, 0, ZONE_NORMAL);
	CHECK_EQ(sim_zone_wmark(sim, 0, ZONE_NORMAL, WMARK_LOW), 260);
	req.nr_pages = 16384 - 400;
	CHECK_EQ(sim_alloc(sim, &req, &a, err, sizeof(err)), 0);
	drain_all_pages(sim, NULL);
	CHECK_EQ(zone_free(sim, 0, ZONE_NORMAL), 400);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 8192);
	req.kind = SIM_KIND_KERNEL;
	req.nr_pages = 1;
	CHECK_EQ(sim_alloc(sim, &req, &k, err, sizeof(err)), 0);
	pfn = (unsigned long)PTE_VAL(sim->regions[k].pte[0]);
	CHECK_EQ(pfn, 4096);
	CHECK_EQ(get_pageblock_migratetype(sim, 4096), MIGRATE_UNMOVABLE);
	CHECK_EQ(get_pageblock_migratetype(sim, start + 16384 - 512),
		 MIGRATE_MOVABLE);
	CHECK_EQ(normal->watermark_boost, 0);
	CHECK_EQ(sim->vm_events[PGALLOC_DMA32], 1);
	expect_clean(sim);
	sim_destroy(sim);
}

/* {====== high-atomic reserves */

/*
 * 256 MiB of DMA32 only (65536 pages): reserve_highatomic_pageblock()
 * may set aside ALIGN(655, 512) = 1024 pages. An order-1 allocation
 * with the slow path's GFP_ATOMIC flags (ALLOC_WMARK_MIN |
 * ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK | ALLOC_HIGHATOMIC) reserves its
 * pageblock: the 510 pages still free in it move to the HighAtomic
 * lists, which ordinary requests may not count (__zone_watermark_ok()).
 * Order 1 goes through the per-cpu lists: rmqueue_bulk() takes
 * max(batch >> 1, 2) = 7 blocks (zone_batchsize() = 15), 14 pages, so
 * the pageblock keeps 512 - 14 = 498 free pages to move.
 */
static void test_highatomic(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct alloc_context ac;
	struct zone *zone;
	unsigned long pfn, free;
	const int flags = SIM_ALLOC_WMARK_MIN | SIM_ALLOC_MIN_RESERVE |
			  SIM_ALLOC_NON_BLOCK | SIM_ALLOC_HIGHATOMIC;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 65536, .present = 65536, .managed = 65536
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	zone = page_zone_of(sim, 0, ZONE_DMA32);
	ac = (struct alloc_context){
		.zonelist = sim->node_data[0].zonelist,
		.preferred_zone = zone,
		.highest_zoneidx = ZONE_NORMAL,
		.migratetype = MIGRATE_UNMOVABLE,
	};
	pfn = get_page_from_freelist(sim, GFP_ATOMIC, 1, flags, &ac);
	CHECK(pfn != NO_PFN);
	CHECK_EQ(get_pageblock_migratetype(sim, pfn), MIGRATE_HIGHATOMIC);
	CHECK_EQ(zone->nr_reserved_highatomic, 512);
	CHECK_EQ(zone->nr_free_highatomic, 498);
	CHECK_EQ(zone->pcp[0].count, 12);
	free = zone_free(sim, 0, ZONE_DMA32);
	CHECK_EQ(free, 65536 - 14);
	/* ordinary requests see free - 498: mark free - 499 passes */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 0, free - 499,
				    ZONE_DMA32, 0));
	CHECK(!sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 0, free - 498,
				     ZONE_DMA32, 0));
	/* reserve users (ALLOC_RESERVES) count them */
	CHECK(sim_zone_watermark_ok(sim, 0, ZONE_DMA32, 0, free - 498,
				    ZONE_DMA32, SIM_ALLOC_OOM));
	expect_clean(sim);
	/* a second reservation: 1024 is the limit */
	pfn = get_page_from_freelist(sim, GFP_ATOMIC, 1, flags, &ac);
	CHECK_EQ(get_pageblock_migratetype(sim, pfn), MIGRATE_HIGHATOMIC);
	CHECK_EQ(zone->nr_reserved_highatomic, 512);
	/* rmqueue(): the per-cpu list comes before the reserve */
	CHECK_EQ(zone->nr_free_highatomic, 498);
	CHECK_EQ(zone->pcp[0].count, 10);
	/* unreserve keeps one pageblock unless forced */
	CHECK(!unreserve_highatomic_pageblock(sim, &ac, false));
	CHECK(unreserve_highatomic_pageblock(sim, &ac, true));
	CHECK_EQ(zone->nr_reserved_highatomic, 0);
	CHECK_EQ(zone->nr_free_highatomic, 0);
	CHECK_EQ(get_pageblock_migratetype(sim, pfn), MIGRATE_UNMOVABLE);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 65536 - 14);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== bad input */

static void test_bad_input(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_alloc_request req = {
		.nid = -1, .zid = -1, .kind = SIM_KIND_ANON, .nr_pages = 4
	};
	unsigned int region = 0, r2;
	unsigned long free;
	long v[MAX_NR_ZONES];

	/* configurations the kernel could not have */
	sim_config_default(&cfg);
	cfg.nodes[0].zones[ZONE_DMA32].managed = 800000;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	CHECK_STR(
		err,
		"node 0 zone DMA32: need managed <= present <= spanned, got managed 800000, present 782336, spanned 1044480");
	sim_config_default(&cfg);
	cfg.nr_nodes = 0;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	CHECK_STR(err, "nr_nodes must be 1..8, got 0");
	sim_config_default(&cfg);
	cfg.nodes[0].zones[ZONE_DMA].spanned = 5000;
	cfg.nodes[0].zones[ZONE_DMA].present = 5000;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	CHECK_STR(
		err,
		"node 0 zone DMA: ends at pfn 5001, beyond 16 MiB (pfn 4096)");
	sim_config_default(&cfg);
	cfg.sysctl.watermark_scale_factor = 0;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	sim_config_default(&cfg);
	cfg.nodes[0].zones[ZONE_NORMAL].start_pfn = 100000;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	CHECK_STR(
		err,
		"node 0 zone Normal: start_pfn 100000 overlaps the zone before it (which ends at pfn 1048576)");

	machine(&cfg, 61440, 60000, 0, 0);
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	free = zone_free(sim, 0, ZONE_DMA32);
	req.order = 11;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	CHECK_STR(err, "order must be 0..10, got 11");
	req.order = 0;
	req.nr_pages = 0;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.nr_pages = 6;
	req.order = 2;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	CHECK_STR(
		err,
		"size must be a positive multiple of 2^order = 4 pages, got 6");
	req.order = 0;
	req.zid = ZONE_DEVICE;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.zid = 9;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.zid = -1;
	req.nid = 1;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.nid = -1;
	req.gfp_mask = __GFP_DMA | __GFP_DMA32; /* GFP_ZONE_BAD */
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.gfp_mask = 0;
	req.kind = SIM_NR_KINDS;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -EINVAL);
	req.kind = SIM_KIND_ANON;
	expect_clean(sim);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), free);

	/* more than the machine has: every block given back, warn_alloc() */
	req.nr_pages = 64000;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -ENOMEM);
	CHECK_STR(
		err,
		"page allocation failure: order:0, mode:0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), nodemask=(null)");
	CHECK_EQ(zone_unused(sim, 0, ZONE_DMA32), free);
	CHECK_EQ(sim->node_data[0].vm_stat[NR_ANON_MAPPED], 0);
	expect_clean(sim);
	req.kind = SIM_KIND_KERNEL;
	req.order = 3;
	req.nr_pages = 64000;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), -ENOMEM);
	CHECK_STR(
		err,
		"page allocation failure: order:3, mode:0xcc0(GFP_KERNEL), nodemask=(null)");
	expect_clean(sim);

	/* double free, unknown region */
	req.nr_pages = 8;
	CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), 0);
	CHECK_EQ(sim_free(sim, region), 0);
	CHECK_EQ(sim_free(sim, region), -EINVAL);
	CHECK_EQ(sim_free(sim, 0), -EINVAL);
	CHECK_EQ(sim_free(sim, 12345), -EINVAL);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), free);
	expect_clean(sim);

	/* sysctls: bounds of the kernel's extra1/extra2 */
	v[0] = -1;
	CHECK_EQ(sim_sysctl_set(sim, "min_free_kbytes", v, 1, err, sizeof(err)),
		 -EINVAL);
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 2021);
	v[0] = 3001;
	CHECK_EQ(sim_sysctl_set(sim, "watermark_scale_factor", v, 1, err,
				sizeof(err)),
		 -EINVAL);
	CHECK_STR(err, "watermark_scale_factor: 3001 is out of range 1..3000");
	v[0] = 0;
	CHECK_EQ(sim_sysctl_set(sim, "watermark_scale_factor", v, 1, err,
				sizeof(err)),
		 -EINVAL);
	v[0] = 5;
	CHECK_EQ(sim_sysctl_set(sim, "percpu_pagelist_high_fraction", v, 1, err,
				sizeof(err)),
		 -EINVAL);
	CHECK_EQ(sim_get_config(sim)->sysctl.percpu_pagelist_high_fraction, 0);
	v[0] = 201;
	CHECK_EQ(sim_sysctl_set(sim, "swappiness", v, 1, err, sizeof(err)),
		 -EINVAL);
	CHECK_EQ(sim_sysctl_set(sim, "no_such", v, 1, err, sizeof(err)),
		 -ENOENT);
	CHECK_EQ(sim_sysctl_get(sim, "no_such", v, 1), -ENOENT);
	check_wmarks(sim, 0, ZONE_DMA32, 474, 592, 710, 828);
	CHECK_EQ(sim_alloc(sim, &req, &r2, err, sizeof(err)), 0);
	CHECK(r2 != region);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/* {====== sysctl handlers */

static void test_sysctls(void)
{
	struct sim_config cfg;
	struct sim *sim;
	long v[MAX_NR_ZONES];
	const struct zone *z;

	machine(&cfg, 1044480, 772917, 5505024, 360448);
	cfg.nodes[0].zones[ZONE_DMA32].present = 782336;
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	/*
	 * watermark_scale_factor 100 (kernel-facts A11.2): DMA32 d =
	 * max(2870, mult_frac(772917, 100, 10000) = 7729): 11483/19212/
	 * 26941/34670.
	 */
	v[0] = 100;
	CHECK_EQ(sim_sysctl_set(sim, "watermark_scale_factor", v, 1, err,
				sizeof(err)),
		 0);
	check_wmarks(sim, 0, ZONE_DMA32, 11483, 19212, 26941, 34670);
	/* pcp high_min follows low: 19212 / 2 CPUs */
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->pcp[0].high_min, 9606);
	v[0] = 10;
	sim_sysctl_set(sim, "watermark_scale_factor", v, 1, err, sizeof(err));
	/*
	 * min_free_kbytes 0: pages_min 0, d = mult_frac(managed, 10, 10000):
	 * DMA32 0/772/1544/2316; Movable keeps clamp(0, 32, 128) = 32.
	 */
	v[0] = 0;
	CHECK_EQ(sim_sysctl_set(sim, "min_free_kbytes", v, 1, err, sizeof(err)),
		 0);
	CHECK_EQ(sim->user_min_free_kbytes, 0);
	check_wmarks(sim, 0, ZONE_DMA32, 0, 772, 1544, 2316);
	check_wmarks(sim, 0, ZONE_MOVABLE, 32, 32, 32, 32);
	/* lowmem_reserve_ratio: values < 1 become 0, the rest stay */
	v[0] = 128;
	v[1] = -5;
	CHECK_EQ(sim_sysctl_set(sim, "lowmem_reserve_ratio", v, 2, err,
				sizeof(err)),
		 0);
	CHECK_EQ(sim_sysctl_get(sim, "lowmem_reserve_ratio", v, MAX_NR_ZONES),
		 MAX_NR_ZONES);
	CHECK_EQ(v[0], 128);
	CHECK_EQ(v[1], 0);
	CHECK_EQ(v[2], 32);
	/* DMA (0, 772917/128 = 6038, 1133365/128 = 8854, ...); DMA32 clear */
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 1), 6038);
	CHECK_EQ(protection(sim, 0, ZONE_DMA, 2), 8854);
	CHECK_EQ(protection(sim, 0, ZONE_DMA32, 2), 0);
	/* percpu_pagelist_high_fraction 8: high_min = high_max = 772917/8/2 */
	v[0] = 8;
	CHECK_EQ(sim_sysctl_set(sim, "percpu_pagelist_high_fraction", v, 1, err,
				sizeof(err)),
		 0);
	z = page_zone_of(sim, 0, ZONE_DMA32);
	CHECK_EQ(z->pcp[0].high_min, 48307);
	CHECK_EQ(z->pcp[0].high_max, 48307);
	/* plain storage */
	v[0] = 100;
	CHECK_EQ(sim_sysctl_set(sim, "swappiness", v, 1, err, sizeof(err)), 0);
	CHECK_EQ(sim_sysctl_get(sim, "swappiness", v, 1), 1);
	CHECK_EQ(v[0], 100);
	CHECK_STR(sim_sysctl_names()[0], "min_free_kbytes");
	sim_destroy(sim);
}

/* }====== */

/* {====== NUMA */

/*
 * Two nodes: node 0 has DMA32 (16384 pages), node 1 Normal (16384).
 * Node 0's zonelist is [DMA32(0), Normal(1)]; GFP_KERNEL prefers node 0
 * until its free pages reach low, then falls back to node 1: numa_miss
 * on node 1's zone, numa_foreign on node 0's, numa_other (the task runs
 * on node 0).
 */
static void test_numa_fallback(void)
{
	struct sim_config cfg;
	struct sim *sim;
	unsigned long low, n = 0, pfn;
	const struct zone *z0, *z1;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nr_nodes = 2;
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 16384, .present = 16384, .managed = 16384
	};
	cfg.nodes[1].zones[ZONE_NORMAL] = (struct sim_zone_config){
		.spanned = 16384, .present = 16384, .managed = 16384
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	z0 = page_zone_of(sim, 0, ZONE_DMA32);
	z1 = page_zone_of(sim, 1, ZONE_NORMAL);
	CHECK(sim->node_data[0].zonelist[0] == z0);
	CHECK(sim->node_data[0].zonelist[1] == z1);
	CHECK(sim->node_data[0].zonelist[2] == NULL);
	CHECK(sim->node_data[1].zonelist[0] == z1);
	CHECK(sim->node_data[1].zonelist[1] == z0);
	CHECK_EQ(z1->zone_start_pfn, 1048576);
	/*
	 * min_free_kbytes = int_sqrt(32768*4*16) = 1448; pages_min 362,
	 * split by managed: 181 each; d = max(45, 16): low 226.
	 */
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 1448);
	low = sim_zone_wmark(sim, 0, ZONE_DMA32, WMARK_LOW);
	CHECK_EQ(low, 226);
	for (;;) {
		pfn = __alloc_pages(sim, GFP_KERNEL, 0, 0);
		if (pfn == NO_PFN || pfn >= 1048576)
			break;
		n++;
	}
	CHECK(pfn >= 1048576 && pfn != NO_PFN);
	/*
	 * Refills of batch 3 double to 96 (3 + 6 + 12 + 24 + 48 = 93, then
	 * 96 each): 16384 - 93 - 96 * 168 = 163, taken by the refill at
	 * 259, above low; then node 0 fails low and node 1 serves.
	 */
	CHECK_EQ(n + zone_unused(sim, 0, ZONE_DMA32), 16384);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), 163);
	CHECK_EQ(z0->vm_numa_event[NUMA_HIT], n);
	CHECK_EQ(z0->vm_numa_event[NUMA_LOCAL], n);
	CHECK_EQ(z0->vm_numa_event[NUMA_FOREIGN], 1);
	CHECK_EQ(z1->vm_numa_event[NUMA_MISS], 1);
	CHECK_EQ(z1->vm_numa_event[NUMA_OTHER], 1);
	CHECK_EQ(z1->vm_numa_event[NUMA_HIT], 0);
	CHECK_EQ(sim->vm_events[PGALLOC_NORMAL], 1);
	CHECK_EQ(sim->vm_events[PGALLOC_DMA32], n);
	expect_clean(sim);

	/*
	 * A task whose home is node 1 allocates there by default: numa_hit
	 * and, as it runs on node 1, numa_local (numa_node_id()).
	 */
	{
		struct sim_alloc_request req = { .nid = -1,
						 .zid = -1,
						 .kind = SIM_KIND_KERNEL,
						 .nr_pages = 3 };
		unsigned int r;
		int t = sim_task_create(sim, "node1", 1, 0);

		CHECK(t > 0);
		CHECK(sim_task_set_current(sim, t) >= 0);
		req.task = t;
		CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);
		CHECK(PTE_VAL(sim->regions[r].pte[0]) >= 1048576);
		CHECK_EQ(z1->vm_numa_event[NUMA_HIT], 3);
		CHECK_EQ(z1->vm_numa_event[NUMA_LOCAL], 3);
		CHECK_EQ(z1->vm_numa_event[NUMA_OTHER], 1);
		CHECK_EQ(z0->vm_numa_event[NUMA_FOREIGN], 1);
		expect_clean(sim);
	}
	sim_destroy(sim);
}

/* }====== */

/* {====== gfp names */

static void test_gfp(void)
{
	char buf[256];
	unsigned int g;

	CHECK_STR(sim_gfp_name(GFP_KERNEL, buf, sizeof(buf)), "GFP_KERNEL");
	CHECK_STR(sim_gfp_name(GFP_HIGHUSER_MOVABLE | __GFP_NORETRY |
				       __GFP_NOWARN,
			       buf, sizeof(buf)),
		  "GFP_HIGHUSER_MOVABLE|__GFP_NOWARN|__GFP_NORETRY");
	CHECK_STR(sim_gfp_name(GFP_KERNEL | __GFP_DMA32, buf, sizeof(buf)),
		  "GFP_KERNEL|GFP_DMA32");
	CHECK_STR(sim_gfp_name(GFP_KERNEL & ~__GFP_DIRECT_RECLAIM, buf,
			       sizeof(buf)),
		  "__GFP_IO|__GFP_FS|__GFP_KSWAPD_RECLAIM");
	CHECK_STR(sim_gfp_name(GFP_TRANSHUGE | __GFP_NORETRY, buf, sizeof(buf)),
		  "GFP_TRANSHUGE|__GFP_NORETRY");
	CHECK_STR(sim_gfp_name(GFP_ATOMIC | __GFP_NO_OBJ_EXT, buf, sizeof(buf)),
		  "GFP_ATOMIC|0x1000000");
	CHECK_EQ(sim_gfp_parse("GFP_KERNEL | __GFP_NOWARN", &g), 0);
	CHECK_EQ(g, 0x2cc0);
	CHECK_EQ(sim_gfp_parse("0x100cca", &g), 0);
	CHECK_EQ(g, GFP_HIGHUSER_MOVABLE);
	CHECK_EQ(sim_gfp_parse("GFP_KERNAL", &g), -EINVAL);
	CHECK_EQ(sim_gfp_parse("GFP_DMA|GFP_DMA32", &g), -EINVAL);
	/* gfp_zone(): GFP_ZONE_TABLE */
	CHECK_EQ(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	CHECK_EQ(gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);
	CHECK_EQ(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	CHECK_EQ(gfp_zone(GFP_KERNEL | __GFP_DMA32), ZONE_DMA32);
	CHECK_EQ(gfp_zone(__GFP_MOVABLE | __GFP_DMA), ZONE_DMA);
	CHECK_EQ(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	CHECK_EQ(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	CHECK_EQ(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE),
		 MIGRATE_RECLAIMABLE);
	/*
	 * mm/memory.c: alloc_anon_folio() -> vma_alloc_zeroed_movable_folio()
	 * (x86: GFP_HIGHUSER_MOVABLE | __GFP_ZERO) -> folio_alloc_mpol()
	 * (| __GFP_COMP): what a 6.12 OOM report prints for an anon fault.
	 */
	CHECK_EQ(region_default_gfp(SIM_KIND_ANON), 0x140dca);
	CHECK_STR(sim_gfp_name(region_default_gfp(SIM_KIND_ANON), buf,
			       sizeof(buf)),
		  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	/* fs/inode.c: inode_init_always(): the mapping's mask */
	CHECK_EQ(region_default_gfp(SIM_KIND_FILE), 0x100cca);
}

/* }====== */

static int interrupt_calls;
static unsigned long interrupt_done[2], interrupt_total;

/* sim_set_interrupt()'s callback: "stop" on the second question */
static bool interrupt_second(void *ctx, unsigned long done, unsigned long total)
{
	(void)ctx;
	if (interrupt_calls < 2)
		interrupt_done[interrupt_calls] = done;
	interrupt_total = total;
	return ++interrupt_calls == 2;
}

/*
 * sim_set_interrupt(): an allocation of 40000 order-0 blocks asks after
 * blocks 16384 and 32768 (every INTERRUPT_BLOCKS), saying it has 16383
 * and 32767 of the 40000 pages; told to stop at the
 * second, it gives back the 32767 pages it had and fails with -EINTR,
 * leaving the free pages, the region table and the invariants as before.
 */
static void test_interrupt(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned long free = dma32_free(sim);
	unsigned int nr_regions = sim->nr_regions, r = 0;
	struct sim_alloc_request req = {
		.nr_pages = 40000,
		.nid = 0,
		.zid = -1,
		.kind = SIM_KIND_ANON,
	};
	char msg[256];

	sim_set_interrupt(sim, interrupt_second, NULL);
	CHECK_EQ(sim_alloc(sim, &req, &r, msg, sizeof(msg)), -EINTR);
	CHECK_STR(msg, "interrupted");
	CHECK_EQ(interrupt_calls, 2);
	CHECK_EQ(interrupt_done[0], 16383);
	CHECK_EQ(interrupt_done[1], 32767);
	CHECK_EQ(interrupt_total, 40000);
	CHECK_EQ(zone_unused(sim, 0, ZONE_DMA32), free);
	CHECK_EQ(sim->nr_regions, nr_regions);
	check_invariants(sim, "interrupted allocation");
	/* asked again, it says go on: the same allocation completes */
	CHECK_EQ(sim_alloc(sim, &req, &r, msg, sizeof(msg)), 0);
	CHECK_EQ(zone_unused(sim, 0, ZONE_DMA32), free - 40000);
	sim_destroy(sim);
}

/* {====== random alloc/free sequences */

static void test_random(uint64_t seed)
{
	struct sim_config cfg;
	struct sim *sim;
	unsigned int live[64];
	int nr_live = 0, step, bad = 0;
	uint64_t rng[4];
	unsigned long free0;

	sim_config_default(&cfg);
	memset(cfg.nodes[0].zones, 0, sizeof(cfg.nodes[0].zones));
	cfg.nodes[0].zones[ZONE_DMA] = (struct sim_zone_config){
		.spanned = 4095, .present = 3998, .managed = 3840
	};
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 12288, .present = 12000, .managed = 11000
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	free0 = zone_free(sim, 0, ZONE_DMA) + zone_free(sim, 0, ZONE_DMA32);
	rng_seed(rng, seed, 0);
	for (step = 0; step < 300 && !bad; step++) {
		uint64_t x = rng_next(rng);
		char msg[512] = "";

		if (nr_live < 64 && (nr_live == 0 || x % 3)) {
			struct sim_alloc_request req = {
				.nid = -1,
				.zid = (x >> 8) % 5 == 0 ? ZONE_DMA : -1,
				.kind = (enum sim_page_kind)((x >> 12) % 3),
				.order = (unsigned int)((x >> 16) % 5),
				.dirty = (x >> 20) & 1,
				.mapped = (x >> 21) & 1,
			};
			int ret;

			req.nr_pages = ((x >> 24) % 64 + 1) << req.order;
			ret = sim_alloc(sim, &req, &live[nr_live], err,
					sizeof(err));
			if (!ret)
				nr_live++;
			else
				CHECK_EQ(ret, -ENOMEM);
		} else {
			int i = (int)((x >> 32) % (uint64_t)nr_live);

			CHECK_EQ(sim_free(sim, live[i]), 0);
			live[i] = live[--nr_live];
		}
		if (sim_check(sim, msg, sizeof(msg))) {
			fprintf(stderr, "seed %llu step %d: %s\n",
				(unsigned long long)seed, step, msg);
			bad = 1;
		}
	}
	CHECK_EQ(bad, 0);
	while (nr_live)
		CHECK_EQ(sim_free(sim, live[--nr_live]), 0);
	/* every page is free again, or in an empty slab SLUB keeps */
	CHECK_EQ(zone_unused(sim, 0, ZONE_DMA) +
			 zone_unused(sim, 0, ZONE_DMA32) + slab_pages(sim),
		 free0);
	expect_clean(sim);
	sim_destroy(sim);
}

/* }====== */

/*
 * The per-cpu list sizes of the 1 GiB guest of tests/fixtures/oracle
 * (DMA32 of 243854 managed pages, one CPU, min_free_kbytes 44348), from
 * mm/page_alloc.c: zone_set_pageset_high_and_batch():
 *   __setup_per_zone_wmarks(): min = 44348 >> 2 = 11087,
 *     low = 11087 + max(11087 >> 2, 243854 * 10 / 10000) = 11087 + 2771
 *     = 13858
 *   zone_batchsize(): min(243854 >> 10, 256) = 238, / 4 = 59,
 *     rounddown_pow_of_two(59 + 59 / 2 = 88) - 1 = 64 - 1 = 63
 *   zone_highsize(fraction 0): low / CPUs of the node = 13858 / 1 = 13858
 *     (at least batch << 2 = 252): high_min
 *   zone_highsize(MIN_PERCPU_PAGELIST_HIGH_FRACTION 8): 243854 / 8 / 1 =
 *     30481: high_max
 * The guest printed "batch: 63" and "high:  13858" after boot. With two
 * CPUs each gets half: 13858 / 2 = 6929 and 30481 / 2 = 15240. A zone
 * of 3840 pages: 3840 >> 10 = 3, / 4 = 0, raised to 1, 1 + 0 = 1,
 * rounddown_pow_of_two(1) - 1 = 0, and max(1, 0) = 1.
 */
/* the 1 GiB guest's machine, one CPU, default per-cpu list sizes */
static void guest_1g(struct sim_config *cfg)
{
	dma32_config(cfg, 243854, 0);
	cfg->nr_cpus = 1;
	cfg->sysctl.min_free_kbytes = 44348;
	cfg->sysctl.percpu_pagelist_high_fraction = 0;
}

static void test_pcp_sizes(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct zone *z;

	guest_1g(&cfg);
	sim = boot_or_exit(&cfg);
	z = page_zone_of(sim, 0, ZONE_DMA32);
	CHECK_EQ(low_wmark_pages(z), 13858);
	CHECK_EQ(z->pcp[0].batch, 63);
	CHECK_EQ(z->pcp[0].high_min, 13858);
	CHECK_EQ(z->pcp[0].high_max, 30481);
	/* BOOT_PAGESET_HIGH until the lists are first used */
	CHECK_EQ(z->pcp[0].high, 0);
	sim_destroy(sim);

	cfg.nr_cpus = 2;
	sim = boot_or_exit(&cfg);
	z = page_zone_of(sim, 0, ZONE_DMA32);
	CHECK_EQ(z->pcp[1].batch, 63);
	CHECK_EQ(z->pcp[1].high_min, 6929);
	CHECK_EQ(z->pcp[1].high_max, 15240);
	sim_destroy(sim);

	dma32_config(&cfg, 3840, 0);
	cfg.nr_cpus = 1;
	sim = boot_or_exit(&cfg);
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->pcp[0].batch, 1);
	sim_destroy(sim);
}

/*
 * The per-cpu lists at work on the same 1 GiB machine (batch 63, high_min
 * 13858, high_max 30481; one CPU), by hand from mm/page_alloc.c:
 *   nr_pcp_alloc(): each refill of an empty list takes batch <<
 *     alloc_factor pages and raises alloc_factor (up to
 *     CONFIG_PCP_BATCH_SCALE_MAX 5) while high leaves room; with the
 *     zone above its high watermark high grows by each refill from
 *     high_min: 63, 126, 252, 504, 1008, 2016, 2016 for 3970 pages,
 *     high 13858 + 5985 = 19843, 2015 left on the list.
 *   free_unref_page_commit(): a free halves alloc_factor (5 -> 2) and
 *     goes on the list, far below high; under ZONE_RECLAIM_ACTIVE
 *     nr_pcp_high() lowers high by max(free_count, batch) = 63 to 19780
 *     and allows four batches (252), so the next free drains
 *     nr_pcp_free() = clamp(free_count 2, 63, 252 - 63) = 63 pages.
 *   decay_pcp_high(): high loses an eighth, 19780 - 2472 = 17308, above
 *     count 1954: nothing drains.
 *   drain_all_pages(): the list is empty, its pages free again.
 */
static void test_pcp_lists(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct zone *z;
	struct per_cpu_pages *pcp;
	unsigned long free0, pfn[3970];

	guest_1g(&cfg);
	sim = boot_or_exit(&cfg);
	z = page_zone_of(sim, 0, ZONE_DMA32);
	pcp = &z->pcp[0];
	free0 = zone_free(sim, 0, ZONE_DMA32);
	pfn[0] = __alloc_pages(sim, GFP_HIGHUSER_MOVABLE, 0, 0);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), free0 - 63);
	CHECK_EQ(pcp->count, 62);
	CHECK_EQ(pcp->high, 13858 + 63);
	CHECK_EQ(pcp->alloc_factor, 1);
	for (int i = 1; i < 3970; i++)
		pfn[i] = __alloc_pages(sim, GFP_HIGHUSER_MOVABLE, 0, 0);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32),
		 free0 - (63 + 126 + 252 + 504 + 1008 + 2016 + 2016));
	CHECK_EQ(pcp->count, 2015);
	CHECK_EQ(pcp->alloc_factor, PCP_BATCH_SCALE_MAX);
	CHECK_EQ(pcp->high, 19843);
	expect_clean(sim);

	free_pages_block(sim, pfn[0], 0);
	CHECK_EQ(pcp->alloc_factor, 2);
	CHECK_EQ(pcp->count, 2016);
	z->flags |= 1UL << ZONE_RECLAIM_ACTIVE;
	free_pages_block(sim, pfn[1], 0);
	CHECK_EQ(pcp->high, 19780);
	CHECK_EQ(pcp->count, 2017 - 63);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), free0 - 5985 + 63);
	z->flags &= ~(1UL << ZONE_RECLAIM_ACTIVE);
	expect_clean(sim);

	CHECK(decay_pcp_high(sim, z, pcp));
	CHECK_EQ(pcp->high, 17308);
	CHECK_EQ(pcp->count, 1954);
	drain_all_pages(sim, NULL);
	CHECK_EQ(pcp->count, 0);
	CHECK_EQ(zone_free(sim, 0, ZONE_DMA32), free0 - 3968);
	expect_clean(sim);
	sim_destroy(sim);
}

int main(void)
{
	uint64_t seed;

	test_64g_box();
	test_small_box();
	test_watermark_ok();
	test_watermark_fragmented();
	test_split_merge();
	test_fallback_claim(15000);
	test_fallback_claim(0);
	test_nofragment();
	test_zonelist_reserve();
	test_highatomic();
	test_deferred_blocks();
	test_region_counters();
	test_bad_input();
	test_sysctls();
	test_pcp_sizes();
	test_pcp_lists();
	test_numa_fallback();
	test_gfp();
	test_interrupt();
	for (seed = 1; seed <= 4; seed++)
		test_random(seed);
	return check_done();
}
