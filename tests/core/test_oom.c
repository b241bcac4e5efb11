// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/oom_kill.c without swap: oom_badness() by hand, and an allocation
 * that runs out of reclaim retries kills the task with the most
 * resident memory, logs the kernel's lines and counts oom_kill. With
 * swap: a killed task on its own stack gives its memory back as it exits
 * (kernel/exit.c), and reclaim leaves its pages alone meanwhile.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "swap.h"
#include "vmscan.h"
#include "vmstat.h"

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

/*
 * mm/rmap.c: folio_referenced_one(): an anon folio mapped only by a task
 * whose mm has no users left answers -1, and its young bit stays; the
 * same folio of a live task answers 1 and loses the bit.
 */
static void test_referenced_exiting(void)
{
	struct sim *sim = boot_dma32(1024);
	int t = sim_task_create(sim, "dying", 0, 0);
	unsigned int r;
	unsigned long pfn, vm_flags;

	CHECK_EQ(try_alloc(sim, SIM_KIND_ANON, 4, 0, t, &r), 0);
	pfn = page_of(sim, r, 0);
	SetPageFlag(&sim->pages, pfn, PG_young);
	task_of(sim, t)->mm_exiting = true;
	CHECK_EQ(folio_referenced(sim, pfn, &vm_flags), -1);
	CHECK(PageFlag(&sim->pages, pfn, PG_young));
	task_of(sim, t)->mm_exiting = false;
	CHECK_EQ(folio_referenced(sim, pfn, &vm_flags), 1);
	CHECK(!PageFlag(&sim->pages, pfn, PG_young));
	sim_destroy(sim);
}

/*
 * kernel/exit.c: do_exit() -> exit_mmap(): a leaker on its own stack, on
 * a CPU of speed 0.1, is killed with tens of thousands of pages resident.
 * They go back a page table at a time on its CPU: at least 80 ns a page
 * at speed 1 (COST_FREE), 800 at 0.1, so the exit lasts at least
 * rss * 800 ns, and memory comes back over several jiffies, not at once.
 * Reclaim meanwhile keeps the dying task's pages (folio_referenced()
 * -1): nothing is written to swap after the kill.
 */
static void test_oom_exit(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_workload w = {
		.kind = SIM_KIND_ANON,
		.size = 131072,
		.rate = 2048,
		.every = 1,
	};
	struct sim_task_info ti;
	unsigned long rss_at_kill, last_rss, pswpout;
	uint64_t killed_ns;
	int id, i, partial = 0;

	dma32_config(&cfg, 65536, 8192);
	cfg.cpu_speed = 0.1;
	sim = boot_or_exit(&cfg);
	id = sim_task_create(sim, "leaker", 0, 0);
	CHECK_EQ(sim_task_start(sim, id, &w, NULL), 0);
	for (i = 0; i < 2000 && !vmstat(sim, "oom_kill"); i++)
		sim_run(sim, 1);
	CHECK_EQ(vmstat(sim, "oom_kill"), 1);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK(strcmp(ti.state, "dead") != 0);
	CHECK(vmstat(sim, "pswpout") > 0);
	rss_at_kill = last_rss = ti.rss;
	CHECK(rss_at_kill > 40000);
	killed_ns = sim->now_ns;
	pswpout = vmstat(sim, "pswpout");

	for (i = 0; i < 2000; i++) {
		sim_run(sim, 1);
		check_invariants(sim, "exit");
		CHECK_EQ(sim_task_info(sim, id, &ti), 0);
		if (!strcmp(ti.state, "dead"))
			break;
		CHECK(ti.rss <= last_rss);
		if (ti.rss > 0 && ti.rss < last_rss)
			partial++;
		last_rss = ti.rss;
	}
	CHECK_STR(ti.state, "dead");
	CHECK_EQ(ti.rss, 0);
	CHECK_EQ(ti.swapents, 0);
	CHECK(partial >= 3);
	CHECK(sim->now_ns - killed_ns >= rss_at_kill * 800);
	CHECK_EQ(vmstat(sim, "pswpout"), pswpout);
	/*
	 * Its slots are back, but for those of folios the swap cache still
	 * holds (written back as the exit passed them: reclaim frees them)
	 */
	CHECK_EQ(get_nr_swap_pages(sim) + node_stat(sim, NR_SWAPCACHE),
		 total_swap_pages(sim));
	sim_destroy(sim);
}

int main(void)
{
	test_oom_badness();
	test_oom_kill();
	test_oom_kill_self();
	test_warn_alloc();
	test_referenced_exiting();
	test_oom_exit();
	return check_done();
}
