// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim.c and the boot-time formulas of page_alloc.c: min_free_kbytes,
 * watermarks, lowmem_reserve, totalreserve_pages, pcp sizes and stat
 * thresholds, each worked by hand from the kernel function named.
 */
#include "internal.h"
#include "machine.h"

#include <errno.h>
#include <string.h>

static void check_protection(const struct sim *sim, int nid, int zid, long p0,
			     long p1, long p2, long p3, long p4)
{
	struct sim_zone_info zi;

	CHECK_EQ(sim_zone_info(sim, nid, zid, &zi), 0);
	CHECK_EQ(zi.protection[0], p0);
	CHECK_EQ(zi.protection[1], p1);
	CHECK_EQ(zi.protection[2], p2);
	CHECK_EQ(zi.protection[3], p3);
	CHECK_EQ(zi.protection[4], p4);
}

/*
 * The 6.18 host's zone sizes (kernel-facts A2.4, A3.4, A4.3, A6.8):
 * DMA 3840, DMA32 772917, Normal 360448 managed.
 */
static void test_host(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_zone_info zi;
	const struct zone *z;

	sim_config_default(&cfg);
	cfg.nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.spanned = 1044480, .present = 782336, .managed = 772917
	};
	cfg.nodes[0].zones[ZONE_NORMAL] = (struct sim_zone_config){
		.spanned = 5505024, .present = 5505024, .managed = 360448
	};
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	/*
	 * set_recommended_min_free_kbytes(): 3 populated lowmem zones:
	 * 512*3*2 + 512*3*9 = 16896 pages; cap nr_free_buffer_pages()/20
	 * is larger; 16896 << 2 = 67584 kB.
	 */
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 67584);
	/*
	 * __setup_per_zone_wmarks(): pages_min 16896, lowmem 1137205;
	 * DMA 16896*3840/1137205 = 57, d = max(14, 3) = 14.
	 */
	check_wmarks(sim, 0, ZONE_DMA, 57, 71, 85, 99);
	check_wmarks(sim, 0, ZONE_DMA32, 11483, 14353, 17223, 20093);
	check_wmarks(sim, 0, ZONE_NORMAL, 5355, 6693, 8031, 9369);
	/* Movable: clamp(0/1024, 32, 128) = 32, d = 0 */
	check_wmarks(sim, 0, ZONE_MOVABLE, 32, 32, 32, 32);
	check_wmarks(sim, 0, ZONE_DEVICE, 0, 0, 0, 0);
	/* setup_per_zone_lowmem_reserve(): 772917/256, 1133365/256 ... */
	check_protection(sim, 0, ZONE_DMA, 0, 3019, 4427, 4427, 4427);
	check_protection(sim, 0, ZONE_DMA32, 0, 0, 1408, 1408, 1408);
	check_protection(sim, 0, ZONE_NORMAL, 0, 0, 0, 0, 0);
	/* calculate_totalreserve_pages(): 3840 + 18631 + 8031 + 0 + 0 */
	CHECK_EQ(sim->totalreserve_pages, 30502);
	CHECK_EQ(sim->node_data[0].totalreserve_pages, 30502);
	/* zone_batchsize(), zone_highsize() with 2 CPUs on node 0 */
	z = page_zone_of(sim, 0, ZONE_DMA);
	CHECK_EQ(z->pcp[0].batch, 1);
	CHECK_EQ(z->pcp[0].high_min, 35);
	CHECK_EQ(z->pcp[0].high_max, 240);
	z = page_zone_of(sim, 0, ZONE_DMA32);
	CHECK_EQ(z->pcp[1].batch, 63);
	CHECK_EQ(z->pcp[1].high_min, 7176);
	CHECK_EQ(z->pcp[1].high_max, 48307);
	z = page_zone_of(sim, 0, ZONE_NORMAL);
	CHECK_EQ(z->pcp[0].batch, 63);
	CHECK_EQ(z->pcp[0].high_min, 3346);
	CHECK_EQ(z->pcp[0].high_max, 22528);
	/* calculate_normal_threshold(): 2*fls(2)*(1+fls(mem)) */
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA)->stat_threshold, 4);
	CHECK_EQ(page_zone_of(sim, 0, ZONE_DMA32)->stat_threshold, 24);
	CHECK_EQ(page_zone_of(sim, 0, ZONE_NORMAL)->stat_threshold, 20);
	/* boot: all managed pages free, pgfree counts them */
	CHECK_EQ(sim_zone_info(sim, 0, ZONE_DMA, &zi), 0);
	CHECK_EQ(zi.free, 3840);
	CHECK_EQ(zi.start_pfn, 1);
	/* DMA: 256 @256 (order 8), 512 (order 9), 3 x 1024 (order 10) */
	CHECK_EQ(zi.nr_free[8], 1);
	CHECK_EQ(zi.nr_free[9], 1);
	CHECK_EQ(zi.nr_free[10], 3);
	CHECK_EQ(sim->vm_events[PGFREE], 3840 + 772917 + 360448);
	sim_destroy(sim);
}

/* The default 8 GiB machine of sim_config_default(). */
static void test_default(void)
{
	struct sim_config cfg;
	struct sim *sim;

	sim_config_default(&cfg);
	sim = boot_checked(&cfg);
	if (!sim)
		return;
	/*
	 * khugepaged: 16896 pages, cap: nr_free_buffer_pages() after the
	 * sqrt step / 20 is far above it: 67584 kB.
	 */
	CHECK_EQ(sim_get_config(sim)->sysctl.min_free_kbytes, 67584);
	/*
	 * lowmem = 3840 + 765952 + 1277952 = 2047744;
	 * DMA32 min = 16896*765952/2047744 = 6319, d = max(1579, 765) ->
	 * 6319/7898/9477/11056.
	 * Normal min = 16896*1277952/2047744 = 10544, d = max(2636, 1277).
	 * DMA min = 16896*3840/2047744 = 31, d = max(7, 3).
	 */
	check_wmarks(sim, 0, ZONE_DMA, 31, 38, 45, 52);
	check_wmarks(sim, 0, ZONE_DMA32, 6319, 7898, 9477, 11056);
	check_wmarks(sim, 0, ZONE_NORMAL, 10544, 13180, 15816, 18452);
	/* 765952/256 = 2992, (765952+1277952)/256 = 7984; 1277952/256 = 4992 */
	check_protection(sim, 0, ZONE_DMA, 0, 2992, 7984, 7984, 7984);
	check_protection(sim, 0, ZONE_DMA32, 0, 0, 4992, 4992, 4992);
	sim_destroy(sim);
}

/*
 * A machine the host cannot hold is refused before anything is allocated
 * (issue 14: one line booted 15 TiB and took 7.9 GB). The default machine
 * ends at pfn 2359296: 16 bytes a frame = 37748736 bytes (36.0 MiB). A
 * 4 GiB swap device adds 1048576 slots * 9 + 2359296 frames * 4 =
 * 18874368 bytes: 56623104 (54.0 MiB) in all.
 */
static void test_host_memory(void)
{
	struct sim_config cfg;
	struct sim *sim = NULL;
	char err[256] = "";

	sim_config_default(&cfg);
	cfg.host_mem_bytes = 37748736;
	sim_destroy(boot_checked(&cfg));
	cfg.host_mem_bytes = 37748735;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -ENOMEM);
	CHECK(sim == NULL);
	CHECK_STR(
		err,
		"the host cannot hold this machine: its 2359296 page frames need 36.0 MiB, more than the host's 36.0 MiB");

	cfg.swap_pages = 1UL << 20;
	cfg.host_mem_bytes = 56623104;
	sim_destroy(boot_checked(&cfg));
	cfg.host_mem_bytes = 56623103;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -ENOMEM);
	CHECK_STR(
		err,
		"the host cannot hold this machine: its 2359296 page frames (36.0 MiB) and its swap map of 1048576 slots (18.0 MiB) need 54.0 MiB, more than the host's 54.0 MiB");
	/* 16 TiB of swap: 2^32 slots, 36 GiB of swap map */
	cfg.swap_pages = 1UL << 32;
	cfg.host_mem_bytes = 24ULL << 30;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -ENOMEM);
	CHECK_STR(
		err,
		"the host cannot hold this machine: its 2359296 page frames (36.0 MiB) and its swap map of 4294967296 slots (36.0 GiB) need 36.0 GiB, more than the host's 24.0 GiB");
}

int main(void)
{
	test_host();
	test_default();
	test_host_memory();
	return check_done();
}
