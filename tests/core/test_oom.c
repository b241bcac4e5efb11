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
 * mm/show_mem.c: __show_mem() between dump_header()'s first line and
 * dump_tasks(), for the OOM of test_oom_kill()'s machine (65536 pages of
 * DMA32, min_free_kbytes 4096: min 1024 = 4096kB, low 1280 = 5120kB,
 * high 1536 = 6144kB; no swap). The zone's free:NkB is its buddy line's
 * "= NkB" sum; the multi-line first record is indented as dmesg prints
 * it.
 */
static void check_mem_info(const char *log)
{
	const char *info = strstr(log, "] Mem-Info:\n");
	const char *tasks = strstr(log, "] Tasks state");
	const char *z, *b, *p;
	unsigned long free_kb = 0, sum_kb = 1, pcp_kb = 0, local_kb = 1,
		      pcp = 2;

	CHECK(info != NULL && tasks != NULL && info < tasks);
	if (!info || !tasks)
		return;
	CHECK(strstr(info,
		     "\n                active_file:0 inactive_file:0 isolated_file:0\n                unevictable:0 dirty:0 writeback:0\n") !=
	      NULL);
	z = strstr(info, "] Node 0 DMA32 free:");
	CHECK(z != NULL && z < tasks);
	if (z) {
		CHECK_EQ(sscanf(z, "] Node 0 DMA32 free:%lukB", &free_kb), 1);
		CHECK(strstr(z,
			     " boost:0kB min:4096kB low:5120kB high:6144kB reserved_highatomic:0KB ") !=
		      NULL);
		/* one CPU: its list is the zone's, as the totals say */
		p = strstr(z, " present:");
		CHECK(p != NULL &&
		      sscanf(p,
			     " present:262144kB managed:262144kB mlocked:0kB bounce:0kB free_pcp:%lukB local_pcp:%lukB free_cma:0kB\n",
			     &pcp_kb, &local_kb) == 2);
		CHECK_EQ(local_kb, pcp_kb);
		p = strstr(info, " free_pcp:");
		CHECK(p != NULL && sscanf(p, " free_pcp:%lu", &pcp) == 1);
		CHECK_EQ(pcp * 4, pcp_kb);
	}
	CHECK(strstr(info, "] lowmem_reserve[]: 0 0 0 0 0\n") != NULL);
	b = strstr(info, "] Node 0 DMA32: ");
	CHECK(b != NULL && b < tasks);
	if (b) {
		b = strstr(b, " = ");
		CHECK(b != NULL && sscanf(b, " = %lukB", &sum_kb) == 1);
		CHECK_EQ(sum_kb, free_kb);
	}
	CHECK(strstr(info,
		     "] Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n") !=
	      NULL);
	CHECK(strstr(info, "] Free swap  = 0kB\n") != NULL);
	CHECK(strstr(info, "] Total swap = 0kB\n") != NULL);
	CHECK(strstr(info, "] 65536 pages RAM\n") != NULL);
	CHECK(strstr(info, "] 0 pages reserved\n") != NULL);
	CHECK(strstr(info, "] 0 pages hwpoisoned\n") != NULL);
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
		     "] init invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n") !=
	      NULL);
	CHECK(strstr(log, "Tasks state (memory values in pages):\n") != NULL);
	check_mem_info(log);
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
	CHECK_EQ(dma32_unused(sim), 65536);
	ret = sim_check(sim, msg, sizeof(msg));
	if (ret)
		fprintf(stderr, "sim_check: %s\n", msg);
	CHECK_EQ(ret, 0);
	sim_destroy(sim);
}

/* Count the occurrences of needle in haystack. */
static int count_str(const char *haystack, const char *needle)
{
	int n = 0;

	for (const char *p = haystack; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/*
 * mm/page_alloc.c: warn_alloc(): init (unkillable, oom_unkillable_task())
 * asks for 65000 of the 65536 pages; the OOM killer finds nobody (where
 * the kernel would panic, the model lets the allocation fail), and the
 * kernel log gets the failure line, with cpuset_print_current_mems_allowed()'s
 * tail, and a Mem-Info. nopage_rs allows one a 10 s (10*HZ = 2500
 * jiffies): a second failure at once is only counted; one after 2501
 * jiffies prints, after ___ratelimit()'s "warn_alloc: 1 callbacks
 * suppressed".
 */
static void test_warn_alloc(void)
{
	struct sim *sim = boot_dma32(0);
	const char *fail =
		"] init: page allocation failure: order:0, mode:0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0\n";
	char *log;

	CHECK_EQ(alloc_anon(sim, 0, 65000), -ENOMEM);
	CHECK_EQ(alloc_anon(sim, 0, 65000), -ENOMEM);
	log = sim_dmesg(sim);
	CHECK(log &&
	      strstr(log, "Out of memory and no killable processes...\n"));
	CHECK_EQ(log ? count_str(log, fail) : -1, 1);
	/* and each dump_header() of the OOM killer's vain tries has one */
	CHECK_EQ(log ? count_str(log, "] Mem-Info:\n") : -1,
		 log ? count_str(log, "] init invoked oom-killer: ") + 1 : -1);
	CHECK(log && strstr(strstr(log, fail), "Mem-Info:"));
	free(log);

	sim_run(sim, 2501);
	CHECK_EQ(alloc_anon(sim, 0, 65000), -ENOMEM);
	log = sim_dmesg(sim);
	CHECK_EQ(log ? count_str(log, fail) : -1, 2);
	CHECK(log && strstr(log, "] warn_alloc: 1 callbacks suppressed\n"));
	free(log);
	check_invariants(sim, "warn_alloc");
	sim_destroy(sim);
}

int main(void)
{
	test_oom_badness();
	test_oom_kill();
	test_oom_kill_self();
	test_warn_alloc();
	return check_done();
}
