// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc text writers of mm/vmstat.c and the dirty limits of
 * mm/page-writeback.c, on freshly booted machines whose every printed
 * number is worked out by hand below from the kernel's formulas.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "machine.h"

/* {====== helpers */

/* Compare two texts line by line; report the first line that differs. */
static void check_text(const char *what, const char *got, const char *want)
{
	int line = 1;

	CHECK(got != NULL);
	if (!got)
		return;
	while (*got && *want) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");

		if (g != w || memcmp(got, want, g)) {
			fprintf(stderr,
				"%s line %d:\n  got  '%.*s'\n  want '%.*s'\n",
				what, line, (int)g, got, (int)w, want);
			break;
		}
		got += g + (got[g] == '\n');
		want += w + (want[w] == '\n');
		line++;
	}
	if (*got || *want)
		fprintf(stderr, "%s: texts differ from line %d\n", what, line);
	CHECK(!*got && !*want);
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/*
 * The small machine: one node, 2 CPUs, THP on, default sysctls.
 *   DMA   start_pfn 1,    spanned 4095,   present 3998,   managed 3840
 *   DMA32 start_pfn 4096, spanned 258048, present 258048, managed 250000
 *   Normal, Movable, Device empty.
 * sim.c lays managed pages after the reserved ones: DMA's RAM is
 * [256, 4096) after the legacy hole, DMA32's [12144, 262144).
 */
static struct sim *boot_small(void)
{
	struct sim_config cfg;

	sim_config_default(&cfg);
	memset(cfg.nodes, 0, sizeof(cfg.nodes));
	cfg.nr_nodes = 1;
	cfg.nr_cpus = 2;
	cfg.thp = true;
	cfg.nodes[0].zones[ZONE_DMA] =
		(struct sim_zone_config){ 1, 4095, 3998, 3840 };
	cfg.nodes[0].zones[ZONE_DMA32] =
		(struct sim_zone_config){ 4096, 258048, 258048, 250000 };
	return boot_or_exit(&cfg);
}

/*
 * The two-node machine: node 0 as the small machine, node 1 with only a
 * Normal zone of 262144 pages at pfn 1048576, all managed.
 */
static struct sim *boot_2node(void)
{
	struct sim_config cfg;

	sim_config_default(&cfg);
	memset(cfg.nodes, 0, sizeof(cfg.nodes));
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 2;
	cfg.thp = true;
	cfg.nodes[0].zones[ZONE_DMA] =
		(struct sim_zone_config){ 1, 4095, 3998, 3840 };
	cfg.nodes[0].zones[ZONE_DMA32] =
		(struct sim_zone_config){ 4096, 258048, 258048, 250000 };
	cfg.nodes[1].zones[ZONE_NORMAL] =
		(struct sim_zone_config){ 1048576, 262144, 262144, 262144 };
	return boot_or_exit(&cfg);
}

/* }====== */

/* {====== /proc/zoneinfo */

/*
 * mm/vmstat.c: zoneinfo_show_print() of the small machine after boot,
 * against tests/fixtures/zoneinfo-6.12-small.txt. Its numbers:
 *
 * min_free_kbytes (mm/page_alloc.c: calculate_min_free_kbytes(), then
 * mm/khugepaged.c: set_recommended_min_free_kbytes()):
 *   sqrt: int_sqrt((3840 + 250000) * 4 * 16) = int_sqrt(16245760) = 4030
 *   THP: 2 populated lowmem zones: 512 * 2 * 2 + 512 * 2 * 3 * 3 = 11264
 *        pages, cap nr_free_buffer_pages() / 20 with the step-1 high
 *        marks (21, 1491): (3819 + 248509) / 20 = 12616 -> 11264 pages
 *        = 45056 kB > 4030, so min_free_kbytes = 45056.
 * __setup_per_zone_wmarks(): pages_min = 45056 >> 2 = 11264,
 * lowmem_pages = 3840 + 250000 = 253840:
 *   DMA   min = 11264 * 3840 / 253840 = 170,
 *         d = max(170 >> 2 = 42, 3840 * 10 / 10000 = 3) = 42
 *         -> 170 / 212 / 254 / 296
 *   DMA32 min = 11264 * 250000 / 253840 = 11093,
 *         d = max(11093 >> 2 = 2773, 250000 * 10 / 10000 = 250) = 2773
 *         -> 11093 / 13866 / 16639 / 19412
 *   Normal (managed 0): 0 / 0 / 0 / 0
 *   Movable: clamp(0 / 1024, 32, 128) = 32, d = 0 -> 32 / 32 / 32 / 32
 *   Device: 0 / 0 / 0 / 0
 * setup_per_zone_lowmem_reserve(): DMA (ratio 256): 250000 / 256 = 976
 *   for j = 1..4 -> (0, 976, 976, 976, 976); DMA32 (256): higher zones
 *   hold 0 managed pages -> zeros; the rest zeros.
 * calculate_normal_threshold(), 2 CPUs (fls(2) = 2):
 *   DMA   mem = 3840 >> 15 = 0      -> 2 * 2 * (1 + 0) = 4
 *   DMA32 mem = 250000 >> 15 = 7    -> 2 * 2 * (1 + fls(7) = 3) = 16
 * zone_batchsize(): DMA min(3840 >> 10, 256) / 4 = 0 -> 1,
 *   rounddown_pow_of_two(1) - 1 = 0, max(1, 0) = 1;
 *   DMA32 min(244, 256) / 4 = 61, rounddown_pow_of_two(91) - 1 = 63.
 * pcp->high and count: 0, as per_cpu_pages_init() leaves them until the
 *   first pcp refill (no pcp traffic at boot: __free_pages_core()).
 */
static void test_zoneinfo_small(void)
{
	struct sim *sim = boot_small();
	char *want = read_file("zoneinfo-6.12-small.txt");
	char *got = sim_zoneinfo(sim);

	check_text("zoneinfo-6.12-small.txt", got, want);
	free(got);
	free(want);
	sim_destroy(sim);
}

/*
 * The two-node machine, tests/fixtures/zoneinfo-6.12-2node.txt: node 1's
 * DMA and DMA32 print the empty form, its per-node stats come before its
 * first populated zone (Normal).
 *   sqrt: int_sqrt((3840 + 250000 + 262144) * 64) = int_sqrt(33022976)
 *         = 5746
 *   THP: 3 populated lowmem zones -> 512 * 3 * 11 = 16896 pages, cap
 *        (3824 + 248805 + 260891) / 20 = 25676 -> 67584 kB.
 *   pages_min = 16896, lowmem_pages = 515984:
 *   node 0 DMA   min 16896 * 3840 / 515984 = 125, d = 31
 *                -> 125 / 156 / 187 / 218
 *   node 0 DMA32 min 16896 * 250000 / 515984 = 8186, d = 2046
 *                -> 8186 / 10232 / 12278 / 14324
 *   node 1 Normal min 16896 * 262144 / 515984 = 8583, d = 2145
 *                -> 8583 / 10728 / 12873 / 15018
 *   protection is per node: node 0 DMA 250000 / 256 = 976, node 1
 *   Normal has no managed zone above it -> zeros.
 *   node 1 Normal threshold: 262144 >> 15 = 8, fls 4 -> 2 * 2 * 5 = 20;
 *   batch min(256, 256) / 4 = 64 -> rounddown_pow_of_two(96) - 1 = 63.
 */
static void test_zoneinfo_2node(void)
{
	struct sim *sim = boot_2node();
	char *want = read_file("zoneinfo-6.12-2node.txt");
	char *got = sim_zoneinfo(sim);

	check_text("zoneinfo-6.12-2node.txt", got, want);
	free(got);
	free(want);
	sim_destroy(sim);
}

/*
 * zoneinfo_show_print(): node_unreclaimable is kswapd_failures >=
 * MAX_RECLAIM_RETRIES (16); the THP items print in units of
 * HPAGE_PMD_NR (vmstat_item_print_in_thp()); a negative counter prints 0
 * (node_page_state_pages(), zone_page_state()).
 */
static void test_zoneinfo_fields(void)
{
	struct sim *sim = boot_small();
	struct pglist_data *pgdat = &sim->node_data[0];
	char *text;

	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES - 1;
	text = sim_zoneinfo(sim);
	CHECK(strstr(text, "\n  node_unreclaimable:  0\n") != NULL);
	CHECK(strstr(text, "\n  node_unreclaimable:  1\n") == NULL);
	free(text);

	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	pgdat->vm_stat[NR_ANON_THPS] = 3 * 512 + 511; /* 3 THPs */
	pgdat->vm_stat[NR_SHMEM] = -5; /* per-cpu lag */
	pgdat->node_zones[ZONE_DMA32].vm_stat[NR_MLOCK] = -1;
	text = sim_zoneinfo(sim);
	CHECK(strstr(text,
		     "\n  node_unreclaimable:  1\n  start_pfn:           1\n") !=
	      NULL);
	CHECK(strstr(text, "\n      nr_anon_transparent_hugepages 3\n") !=
	      NULL);
	CHECK(strstr(text, "\n      nr_shmem     0\n") != NULL);
	CHECK(strstr(text, "\n      nr_mlock     0\n") != NULL);
	free(text);

	/* the boost is part of every printed mark: wmark_pages() */
	pgdat->node_zones[ZONE_DMA32].watermark_boost = 512;
	text = sim_zoneinfo(sim);
	CHECK(strstr(text, "\n        boost    512\n        min      11605\n"
			   "        low      14378\n        high     17151\n"
			   "        promo    19924\n") != NULL);
	free(text);
	sim_destroy(sim);
}

/* }====== */

/* {====== /proc/vmstat */

/*
 * mm/vmstat.c: vmstat_show(): the 184 items of vmstat_text[] in order,
 * then "nr_unstable 0". tests/fixtures/vmstat-6.12-names.txt is the list of
 * kernel-facts A9.2 (6.12.117, Debian amd64 config).
 */
static void test_vmstat_names(void)
{
	struct sim *sim = boot_small();
	char *names = read_file("vmstat-6.12-names.txt");
	char *text = sim_vmstat(sim);
	const char *t = text, *n = names;
	int line = 0, bad = 0;
	unsigned long all[186];

	CHECK_EQ(count_lines(text), 185);
	CHECK_EQ(sim_vmstat_nr_lines(), 185);
	CHECK_EQ(sim_vmstat_values(sim, all, 186), 185);
	CHECK(sim_vmstat_line_name(185) == NULL);
	CHECK(sim_vmstat_line_name(-1) == NULL);
	while (*t && *n) {
		size_t nl = strcspn(n, "\n");
		size_t tl = strcspn(t, " ");
		unsigned long val;

		line++;
		if (nl != tl || memcmp(n, t, nl)) {
			if (!bad++)
				fprintf(stderr,
					"vmstat line %d: got '%.*s', want '%.*s'\n",
					line, (int)tl, t, (int)nl, n);
		} else {
			/* sim_vmstat_get() reads the value the text prints */
			char name[64];

			snprintf(name, sizeof(name), "%.*s", (int)nl, n);
			CHECK_EQ(sim_vmstat_get(sim, name, &val), 0);
			CHECK_EQ(val, strtoul(t + tl + 1, NULL, 10));
			/* and so do the name and value read in bulk */
			CHECK(line <= 185 &&
			      !strcmp(sim_vmstat_line_name(line - 1), name));
			CHECK_EQ(all[line - 1], val);
		}
		t += strcspn(t, "\n") + 1;
		n += nl + (n[nl] == '\n');
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(line, 185);
	CHECK(strstr(text, "\nnr_unstable 0\n") != NULL);
	free(text);
	free(names);
	sim_destroy(sim);
}

/*
 * vmstat_start() values of the fresh small machine:
 *   nr_free_pages 3840 + 250000 = 253840; pgfree the same (boot memory is
 *   freed through __free_pages_ok(), which counts PGFREE).
 *   global_dirty_limits(): totalreserve_pages = DMA min(976 + 254, 3840)
 *   + DMA32 min(0 + 16639, 250000) + 0 = 17869;
 *   avail = 253840 - 17869 + 0 file + 1 = 235972;
 *   nr_dirty_threshold = 819 * 235972 / 4096 = 47182,
 *   nr_dirty_background_threshold = 409 * 235972 / 4096 = 23562.
 *   nr_memmap_boot_pages: pfns [0, 262144) are 8 sections of 32768 pages,
 *   each holding memory -> 8 * 512 = 4096 (mm/sparse.c: sparse_init_nid()).
 */
static void test_vmstat_values(void)
{
	struct sim *sim = boot_small();
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned long val;

	CHECK_EQ(vmstat(sim, "nr_free_pages"), 253840);
	CHECK_EQ(vmstat(sim, "pgfree"), 253840);
	CHECK_EQ(sim->totalreserve_pages, 17869);
	CHECK_EQ(vmstat(sim, "nr_dirty_threshold"), 47182);
	CHECK_EQ(vmstat(sim, "nr_dirty_background_threshold"), 23562);
	CHECK_EQ(vmstat(sim, "nr_memmap_boot_pages"), 4096);
	CHECK_EQ(vmstat(sim, "nr_memmap_pages"), 0);
	CHECK_EQ(vmstat(sim, "nr_unstable"), 0);
	CHECK_EQ(sim_vmstat_get(sim, "nr_free_pagess", &val), -ENOENT);
	CHECK_EQ(sim_vmstat_get(sim, "", &val), -ENOENT);
	CHECK_EQ(sim_vmstat_get(sim, "nr_writeback_temp", &val), 0);
	CHECK_EQ(sim_vmstat_get(sim, "nr_free_pages_blocks", &val), -ENOENT);

	/*
	 * 20000 file LRU pages: avail = 235972 + 20000 = 255972;
	 * 819 * 255972 / 4096 = 51181, 409 * 255972 / 4096 = 25559.
	 */
	pgdat->vm_stat[NR_INACTIVE_FILE] = 15000;
	pgdat->vm_stat[NR_ACTIVE_FILE] = 5000;
	CHECK_EQ(vmstat(sim, "nr_dirty_threshold"), 51181);
	CHECK_EQ(vmstat(sim, "nr_dirty_background_threshold"), 25559);
	CHECK_EQ(vmstat(sim, "nr_inactive_file"), 15000);

	/*
	 * domain_dirty_limits(): bg_thresh >= thresh -> thresh / 2.
	 * dirty_ratio 5: 5 * 4096 / 100 = 204, 204 * 255972 / 4096 = 12748;
	 * background 10 would give 25559 >= 12748 -> 12748 / 2 = 6374.
	 */
	sim->cfg.sysctl.dirty_ratio = 5;
	CHECK_EQ(vmstat(sim, "nr_dirty_threshold"), 12748);
	CHECK_EQ(vmstat(sim, "nr_dirty_background_threshold"), 6374);
	sim->cfg.sysctl.dirty_ratio = 20;

	/* vmstat_start(): pgpgin/pgpgout are sectors, printed as KiB */
	sim->vm_events[PGPGIN] = 7;
	sim->vm_events[PGPGOUT] = 8;
	CHECK_EQ(vmstat(sim, "pgpgin"), 3);
	CHECK_EQ(vmstat(sim, "pgpgout"), 4);

	/* global_node_page_state_pages(): THP items / 512, negatives 0 */
	pgdat->vm_stat[NR_FILE_THPS] = 1024;
	pgdat->vm_stat[NR_SHMEM] = -3;
	CHECK_EQ(vmstat(sim, "nr_file_hugepages"), 2);
	CHECK_EQ(vmstat(sim, "nr_shmem"), 0);
	sim_destroy(sim);
}

/*
 * Items are sums over nodes and zones: the two-node machine has
 * 253840 + 262144 = 515984 free pages, numa events are summed over zones,
 * and nr_memmap_boot_pages counts node 1's [1048576, 1310720) as 8 more
 * sections (the pfns in between are no memory): (8 + 8) * 512 = 8192.
 * totalreserve_pages = min(976 + 187, 3840) + 12278 + 12873 = 26314;
 * avail = 515984 - 26314 + 1 = 489671 -> 819 * 489671 / 4096 = 97910,
 * 409 * 489671 / 4096 = 48895.
 */
static void test_vmstat_2node(void)
{
	struct sim *sim = boot_2node();

	CHECK_EQ(vmstat(sim, "nr_free_pages"), 515984);
	CHECK_EQ(vmstat(sim, "nr_memmap_boot_pages"), 8192);
	CHECK_EQ(vmstat(sim, "nr_dirty_threshold"), 97910);
	CHECK_EQ(vmstat(sim, "nr_dirty_background_threshold"), 48895);

	/*
	 * mm/page-writeback.c: node_dirty_limit() = vm_dirty_ratio percent
	 * of node_dirtyable_memory(): the node's free pages above its own
	 * totalreserve_pages, plus its file LRU pages.
	 *   node 0: reserve min(976 + 187, 3840) + 12278 = 13441,
	 *           20 * (253840 - 13441) / 100 = 48079
	 *   node 1: reserve 12873, 20 * (262144 - 12873) / 100 = 49854;
	 *           with 1000 file pages 20 * 250271 / 100 = 50054.
	 */
	CHECK_EQ(sim->node_data[0].totalreserve_pages, 13441);
	CHECK_EQ(sim->node_data[1].totalreserve_pages, 12873);
	CHECK_EQ(node_dirty_limit(sim, &sim->node_data[0]), 48079);
	CHECK_EQ(node_dirty_limit(sim, &sim->node_data[1]), 49854);
	sim->node_data[1].vm_stat[NR_FILE_DIRTY] = 49000;
	sim->node_data[1].vm_stat[NR_WRITEBACK] = 854;
	CHECK(node_dirty_ok(sim, &sim->node_data[1]));
	sim->node_data[1].vm_stat[NR_WRITEBACK] = 855;
	CHECK(!node_dirty_ok(sim, &sim->node_data[1]));
	sim->node_data[1].vm_stat[NR_INACTIVE_FILE] = 1000;
	CHECK_EQ(node_dirty_limit(sim, &sim->node_data[1]), 50054);
	CHECK(node_dirty_ok(sim, &sim->node_data[1]));
	sim->node_data[1].vm_stat[NR_FILE_DIRTY] = 0;
	sim->node_data[1].vm_stat[NR_WRITEBACK] = 0;
	sim->node_data[1].vm_stat[NR_INACTIVE_FILE] = 0;

	sim->node_data[0].node_zones[ZONE_DMA32].vm_numa_event[NUMA_MISS] = 2;
	sim->node_data[1].node_zones[ZONE_NORMAL].vm_numa_event[NUMA_MISS] = 3;
	CHECK_EQ(vmstat(sim, "numa_miss"), 5);
	sim->node_data[1].vm_stat[NR_ACTIVE_ANON] = 10;
	sim->node_data[0].vm_stat[NR_ACTIVE_ANON] = 4;
	CHECK_EQ(vmstat(sim, "nr_active_anon"), 14);
	sim_destroy(sim);
}

/* }====== */

/* {====== /proc/buddyinfo and /proc/pagetypeinfo */

/*
 * mm/vmstat.c: frag_show_print() of the fresh small machine. memblock
 * frees each zone's RAM in the largest aligned blocks
 * (mm/memblock.c: __free_pages_memory()):
 *   DMA   [256, 4096): 256 is order 8 -> [256, 512) order 8,
 *         [512, 1024) order 9, [1024, 4096) three order 10 blocks.
 *   DMA32 [12144, 262144): 12144 = 759 * 16 -> order 4 up to 12160,
 *         12160 = 95 * 128 -> order 7 up to 12288 = 12 * 1024, then
 *         (262144 - 12288) / 1024 = 244 order 10 blocks;
 *         16 + 128 + 244 * 1024 = 250000. The buddies of the order 4 and
 *         order 7 blocks are reserved pages, so nothing merges.
 */
static void test_buddyinfo(void)
{
	struct sim *sim = boot_small();
	char *got = sim_buddyinfo(sim);

	check_text(
		"buddyinfo", got,
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
		"Node 0, zone    DMA32      0      0      0      0      1      0      0      1      0      0    244 \n");
	free(got);
	sim_destroy(sim);
}

/*
 * mm/vmstat.c: pagetypeinfo_show() of the fresh small machine. DMA32's
 * pageblocks all start Movable (mm/mm_init.c: memmap_init_range() sets
 * the type at every pageblock-aligned pfn of RAM), so its free blocks are
 * on Movable lists. Block counts sample every 512 pfns from
 * zone_start_pfn: DMA32 (262144 - 4096) / 512 = 504.
 * DMA (pfns 1..4095, managed 3840): on x86-64 pfn 0 is not RAM, so
 * memmap_init_range() never sets pageblock 0's type and it stays
 * Unmovable; boot frees pfns 256..511 as one order-8 block onto its
 * Unmovable list, 512..1023 as order 9 and 1024..4095 as three order-10
 * blocks onto Movable: 256 + 512 + 3072 = 3840. Blocks: pageblock 0
 * Unmovable, 1..7 Movable, "1 7" as the 6.18 host prints.
 */
static void test_pagetypeinfo(void)
{
	struct sim *sim = boot_small();
	char *got = sim_pagetypeinfo(sim);
	const char *z = "     0      0      0      0      0      0"
			"      0      0      0      0      0 \n";
	char want[4096];

	snprintf(
		want, sizeof(want),
		"Page block order: 9\n"
		"Pages per block:  512\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"
		"Node    0, zone      DMA, type    Unmovable      0      0      0      0      0      0      0      0      1      0      0 \n"
		"Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      1      3 \n"
		"Node    0, zone      DMA, type  Reclaimable %s"
		"Node    0, zone      DMA, type   HighAtomic %s"
		"Node    0, zone      DMA, type      Isolate %s"
		"Node    0, zone    DMA32, type    Unmovable %s"
		"Node    0, zone    DMA32, type      Movable      0      0      0      0      1      0      0      1      0      0    244 \n"
		"Node    0, zone    DMA32, type  Reclaimable %s"
		"Node    0, zone    DMA32, type   HighAtomic %s"
		"Node    0, zone    DMA32, type      Isolate %s"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n"
		"Node 0, zone      DMA            1            7            0            0            0 \n"
		"Node 0, zone    DMA32            0          504            0            0            0 \n",
		z, z, z, z, z, z, z);
	CHECK(got != NULL);
	check_text("pagetypeinfo", got, want);
	free(got);
	sim_destroy(sim);
}

/*
 * After allocations of mixed orders and kinds, the two files still
 * describe the same free lists (mm/vmstat.c reads both from
 * zone->free_area[]): every buddyinfo column is the sum of the
 * pagetypeinfo rows of its zone, and the free pages they add up to are
 * zoneinfo's nr_free_pages (no pcp lists, nothing isolated).
 */
static void test_buddyinfo_pagetypeinfo_agree(void)
{
	struct sim *sim = boot_small();
	static const unsigned int orders[] = { 0, 3, 1, 9, 0, 2, 10, 4, 0 };
	char err[256];

	for (size_t i = 0; i < ARRAY_SIZE(orders) * 4; i++) {
		struct sim_alloc_request req = {
			.order = orders[i % ARRAY_SIZE(orders)],
			.nid = -1,
			.zid = -1,
			.kind = (enum sim_page_kind)(i % SIM_NR_KINDS),
		};
		unsigned int region;

		req.nr_pages = 1UL << req.order;
		CHECK_EQ(sim_alloc(sim, &req, &region, err, sizeof(err)), 0);
	}

	char *buddy = sim_buddyinfo(sim);
	char *pti = sim_pagetypeinfo(sim);
	char *b = buddy;

	for (int zid = ZONE_DMA; zid <= ZONE_DMA32; zid++) {
		const struct zone *zone = &sim->node_data[0].node_zones[zid];
		unsigned long sum[NR_PAGE_ORDERS] = { 0 }, free_pages = 0;
		char prefix[64];
		char *p = pti;
		int rows = 0;

		snprintf(prefix, sizeof(prefix), "Node    0, zone %8s, type ",
			 zone->name);
		while ((p = strstr(p, prefix))) {
			p += strlen(prefix) + 13;
			for (int o = 0; o < NR_PAGE_ORDERS; o++)
				sum[o] += strtoul(p, &p, 10);
			rows++;
		}
		CHECK_EQ(rows, MIGRATE_TYPES);

		snprintf(prefix, sizeof(prefix), "Node 0, zone %8s ",
			 zone->name);
		CHECK(!strncmp(b, prefix, strlen(prefix)));
		b += strlen(prefix);
		for (int o = 0; o < NR_PAGE_ORDERS; o++) {
			unsigned long nr = strtoul(b, &b, 10);

			CHECK_EQ(nr, sum[o]);
			free_pages += nr << o;
		}
		b += strspn(b, " \n");
		CHECK_EQ(free_pages,
			 (unsigned long)zone->vm_stat[NR_FREE_PAGES]);
	}
	free(buddy);
	free(pti);
	sim_destroy(sim);
}

/* }====== */

int main(void)
{
	test_zoneinfo_small();
	test_zoneinfo_2node();
	test_zoneinfo_fields();
	test_vmstat_names();
	test_vmstat_values();
	test_vmstat_2node();
	test_buddyinfo();
	test_pagetypeinfo();
	test_buddyinfo_pagetypeinfo_agree();
	return check_done();
}
