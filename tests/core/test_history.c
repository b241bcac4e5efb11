// SPDX-License-Identifier: GPL-2.0-only
/*
 * The history recorder (history.c): one sample a jiffy, the watermarks of
 * the small machine (machine.h: min 1024, low 1280, high 1536), the dip
 * that woke kswapd kept even though kswapd refilled the zone within the
 * jiffy, counters equal to /proc/vmstat's lines, and the ring's wrap.
 */
#include "machine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim_history_sample last(struct sim *sim)
{
	struct sim_history_sample s;

	memset(&s, 0, sizeof(s));
	CHECK_EQ(sim_history_sample(sim, sim_history_len(sim) - 1, 0, &s), 0);
	return s;
}

static void test_one_sample_a_jiffy(void)
{
	struct sim *sim = boot_dma32_pages(65536, 0);
	size_t len0 = sim_history_len(sim);
	struct sim_history_sample s;
	struct sim_zone_info zi;

	sim_run(sim, 10);
	CHECK_EQ(sim_history_len(sim), len0 + 10);
	s = last(sim);
	CHECK_EQ(s.jiffies, sim_jiffies(sim));
	CHECK_EQ(sim_history_sample(sim, sim_history_len(sim) - 2, 0, &s), 0);
	CHECK_EQ(s.jiffies, sim_jiffies(sim) - 1);
	s = last(sim);
	CHECK_EQ(s.zone[ZONE_DMA32].wmark[WMARK_MIN], 1024);
	CHECK_EQ(s.zone[ZONE_DMA32].wmark[WMARK_LOW], 1280);
	CHECK_EQ(s.zone[ZONE_DMA32].wmark[WMARK_HIGH], 1536);
	CHECK_EQ(sim_zone_info(sim, 0, ZONE_DMA32, &zi), 0);
	CHECK_EQ(s.zone[ZONE_DMA32].free, zi.free);
	CHECK_EQ(s.zone[ZONE_DMA32].free_low, zi.free);
	CHECK_EQ(s.zone[ZONE_NORMAL].free, 0);
	CHECK(s.kswapd == SIM_KSWAPD_NAPPING ||
	      s.kswapd == SIM_KSWAPD_SLEEPING);
	CHECK(!s.kswapd_ran);
	CHECK_EQ(sim_history_sample(sim, sim_history_len(sim), 0, &s), -EINVAL);
	CHECK_EQ(sim_history_sample(sim, 0, 1, &s), -EINVAL);
	CHECK_STR(sim_history_counter_name(SIM_HC_PGSCAN_KSWAPD),
		  "pgscan_kswapd");
	CHECK(sim_history_counter_name(SIM_NR_HC) == NULL);
	check_invariants(sim, "after 10 jiffies");
	sim_destroy(sim);
}

/*
 * File pages down to 1100 free (below low, above min): the allocation
 * wakes kswapd (wakeup_kswapd()), which reclaims in the next jiffy until
 * the zone is above high. The sample of that jiffy keeps the dip and says
 * kswapd ran; its counters are /proc/vmstat's.
 */
static void test_kswapd_cycle(void)
{
	struct sim *sim = boot_dma32_pages(65536, 0);
	unsigned long free = dma32_free(sim);
	struct sim_history_sample s, prev;
	bool ran = false;
	size_t len;

	sim_run(sim, 2);
	free = dma32_free(sim);
	CHECK_EQ(try_alloc(sim, SIM_KIND_FILE, free - 1100, 0, 0, NULL), 0);
	CHECK(dma32_free(sim) < 1280);
	sim_run(sim, 250);
	check_invariants(sim, "after the kswapd cycle");
	len = sim_history_len(sim);
	for (size_t i = len - 250; i < len; i++) {
		CHECK_EQ(sim_history_sample(sim, i, 0, &s), 0);
		ran |= s.kswapd_ran;
	}
	CHECK(ran);
	CHECK_EQ(sim_history_sample(sim, len - 250, 0, &s), 0);
	CHECK(s.zone[ZONE_DMA32].free_low <= 1100);
	CHECK(s.zone[ZONE_DMA32].free_low < s.zone[ZONE_DMA32].free);
	s = last(sim);
	CHECK(s.zone[ZONE_DMA32].free >= 1536);
	CHECK_EQ(s.counter[SIM_HC_PGSCAN_KSWAPD], vmstat(sim, "pgscan_kswapd"));
	CHECK_EQ(s.counter[SIM_HC_PGSTEAL_KSWAPD],
		 vmstat(sim, "pgsteal_kswapd"));
	CHECK(s.counter[SIM_HC_PGSTEAL_KSWAPD] > 0);
	CHECK_EQ(s.counter[SIM_HC_PGSCAN_DIRECT], vmstat(sim, "pgscan_direct"));
	CHECK_EQ(s.counter[SIM_HC_ALLOCSTALL],
		 vmstat(sim, "allocstall_dma32") +
			 vmstat(sim, "allocstall_normal"));
	CHECK_EQ(s.lru[LRU_INACTIVE_FILE] + s.lru[LRU_ACTIVE_FILE],
		 vmstat(sim, "nr_inactive_file") +
			 vmstat(sim, "nr_active_file"));
	for (size_t i = 1; i < len; i++) {
		CHECK_EQ(sim_history_sample(sim, i - 1, 0, &prev), 0);
		CHECK_EQ(sim_history_sample(sim, i, 0, &s), 0);
		for (int c = 0; c < SIM_NR_HC; c++)
			if (s.counter[c] < prev.counter[c])
				CHECK(!"a counter went down");
	}
	sim_destroy(sim);
}

/*
 * The very first sample keeps a dip too: an allocation below low before
 * time has moved at all (a script's first lines) shows in sample 0's
 * free_low, not only in the free pages kswapd left at the jiffy's end,
 * and sample 0 says kswapd ran.
 */
static void test_first_sample_keeps_the_dip(void)
{
	struct sim *sim = boot_dma32_pages(65536, 0);
	struct sim_history_sample s;
	unsigned long dip;

	CHECK_EQ(sim_history_len(sim), 0);
	CHECK_EQ(try_alloc(sim, SIM_KIND_FILE, dma32_free(sim) - 1100, 0, 0,
			   NULL),
		 0);
	/* the last refill's leftovers wait on the per-cpu list */
	dip = dma32_free(sim);
	CHECK_EQ(dip + dma32_pcp(sim), 1100);
	CHECK(dip < 1100);
	sim_run(sim, 1);
	CHECK_EQ(sim_history_len(sim), 1);
	CHECK_EQ(sim_history_sample(sim, 0, 0, &s), 0);
	CHECK_EQ(s.zone[ZONE_DMA32].free_low, dip);
	CHECK_EQ(s.zone[ZONE_DMA32].free, dma32_free(sim));
	/* kswapd, woken by the allocation, reclaimed within that jiffy */
	CHECK(s.kswapd_ran);
	CHECK(s.zone[ZONE_DMA32].free >= 1536);
	sim_destroy(sim);
}

/* After SIM_HISTORY_MAX + 5 jiffies the ring holds the newest MAX. */
static void test_ring_wraps(void)
{
	struct sim *sim = boot_dma32_pages(65536, 0);
	struct sim_history_sample s;

	sim_run(sim, SIM_HISTORY_MAX + 5);
	CHECK_EQ(sim_history_len(sim), SIM_HISTORY_MAX);
	CHECK_EQ(sim_history_sample(sim, 0, 0, &s), 0);
	CHECK_EQ(s.jiffies, sim_jiffies(sim) - SIM_HISTORY_MAX + 1);
	CHECK_EQ(sim_history_sample(sim, SIM_HISTORY_MAX - 1, 0, &s), 0);
	CHECK_EQ(s.jiffies, sim_jiffies(sim));
	sim_destroy(sim);
}

int main(void)
{
	test_one_sample_a_jiffy();
	test_kswapd_cycle();
	test_first_sample_keeps_the_dip();
	test_ring_wraps();
	return check_done();
}
