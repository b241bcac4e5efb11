// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/oom_kill.c without swap: oom_badness() by hand, and an allocation
 * that runs out of reclaim retries kills the task with the most
 * resident memory, logs the kernel's lines and counts oom_kill.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "vmscan.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int alloc_anon(struct sim *sim, int task, unsigned long nr)
{
	return try_alloc(sim, SIM_KIND_ANON, nr, 0, task, NULL);
}

/*
 * oom_badness(): rss + swapents, plus oom_score_adj * (totalpages /
 * 1000). totalpages = 65536 RAM + 0 swap: 65536 / 1000 = 65.
 *   big:   40000 + 0              = 40000
 *   small: 10000 + 1000 * 65      = 75000
 *   never: oom_score_adj -1000    -> LONG_MIN
 *   small with -100: 10000 - 6500 = 3500
 */
static void test_oom_badness(void)
{
	struct sim *sim = boot_dma32(0);
	int big = sim_task_create(sim, "big", 0, 0);
	int small = sim_task_create(sim, "small", 0, 1000);
	int never = sim_task_create(sim, "never", 0, -1000);

	CHECK_EQ(alloc_anon(sim, big, 40000), 0);
	CHECK_EQ(alloc_anon(sim, small, 10000), 0);
	CHECK_EQ(alloc_anon(sim, never, 100), 0);
	CHECK_EQ(oom_badness(sim, big, 65536), 40000);
	CHECK_EQ(oom_badness(sim, small, 65536), 75000);
	CHECK(oom_badness(sim, never, 65536) == LONG_MIN);
	task_of(sim, small)->oom_score_adj = -100;
	CHECK_EQ(oom_badness(sim, small, 65536), 3500);
	/* a kernel thread is never a candidate (oom_unkillable_task()) */
	CHECK(oom_badness(sim, sim->node_data[0].kswapd, 65536) == LONG_MIN);
	sim_destroy(sim);
}

/*
 * No swap: "big" holds 40000 anon pages, "small" 10000; init then asks
 * for 15000 more. Below min, direct reclaim finds nothing (SCAN_FILE on
 * empty file lists); should_reclaim_retry() still sees the zone able to
 * reach min (zone_reclaimable_pages() falls back to the free pages), so
 * the allocation retries until no_progress_loops > MAX_RECLAIM_RETRIES,
 * and each do_try_to_free_pages() counts allocstall twice
 * (memcg_full_walk): 17 reclaims, 34 allocstall_movable. Then
 * out_of_memory() kills "big" (40000 > init's ~14500, > 10000), its
 * pages come back and the allocation completes.
 */
static void test_oom_kill(void)
{
	struct sim *sim = boot_dma32(0);
	int big = sim_task_create(sim, "big", 0, 0);
	int small = sim_task_create(sim, "small", 0, 0);
	char line[256];
	char *log;

	CHECK_EQ(alloc_anon(sim, big, 40000), 0);
	CHECK_EQ(alloc_anon(sim, small, 10000), 0);
	CHECK_EQ(alloc_anon(sim, 0, 15000), 0);
	CHECK_EQ(vmstat(sim, "oom_kill"), 1);
	CHECK_EQ(vmstat(sim, "allocstall_movable"), 34);
	CHECK(task_of(sim, big)->state == TASK_DEAD);
	CHECK(task_of(sim, small)->state != TASK_DEAD);

	log = sim_dmesg(sim);
	CHECK(log != NULL);
	CHECK(strstr(log,
		     "] init invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n") !=
	      NULL);
	CHECK(strstr(log, "Tasks state (memory values in pages):\n") != NULL);
	snprintf(
		line, sizeof(line),
		"Out of memory: Killed process %d (big) total-vm:160000kB, anon-rss:160000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0\n",
		task_of(sim, big)->pid);
	CHECK(strstr(log, line) != NULL);
	snprintf(
		line, sizeof(line),
		"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=big,pid=%d,uid=0\n",
		task_of(sim, big)->pid);
	CHECK(strstr(log, line) != NULL);
	if (getenv("KSS_SHOW_DMESG"))
		fputs(log, stdout);
	free(log);
	{
		char msg[256];
		int ret = sim_check(sim, msg, sizeof(msg));

		if (ret)
			fprintf(stderr, "sim_check: %s\n", msg);
		CHECK_EQ(ret, 0);
	}
	sim_destroy(sim);
}

/*
 * A task whose own allocation makes it the biggest: out_of_memory()
 * kills it in the middle of that allocation, which then fails (the task
 * is gone) and leaves nothing behind: every page is free again but the
 * kernel's own.
 */
static void test_oom_kill_self(void)
{
	struct sim *sim = boot_dma32(0);
	int hog = sim_task_create(sim, "hog", 0, 0);
	char msg[256];
	int ret;

	CHECK_EQ(alloc_anon(sim, hog, 65000), -ENOMEM);
	CHECK_EQ(vmstat(sim, "oom_kill"), 1);
	CHECK(task_of(sim, hog)->state == TASK_DEAD);
	CHECK_EQ(
		sim->node_data[0].node_zones[ZONE_DMA32].vm_stat[NR_FREE_PAGES],
		65536);
	ret = sim_check(sim, msg, sizeof(msg));
	if (ret)
		fprintf(stderr, "sim_check: %s\n", msg);
	CHECK_EQ(ret, 0);
	sim_destroy(sim);
}

int main(void)
{
	test_oom_badness();
	test_oom_kill();
	test_oom_kill_self();
	return check_done();
}
