// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload.c and memory.c's first-touch faults: a task on its own stack
 * faulting in rate pages a jiffy (do_anonymous_page(): pgfault, the
 * inactive anon list), stopping, bursts, and a leak without swap that
 * ends in the OOM killer choosing it.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "swap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * 100 pages a jiffy: each first touch costs COST_TOUCH + COST_FAULT +
 * COST_ALLOC = 50 + 1000 + 100 ns, 115 us a period, so ten periods in
 * ten jiffies never slip a tick: 1000 pages, 1000 page faults.
 */
static void test_steady(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_workload w = {
		.kind = SIM_KIND_ANON,
		.size = 100000,
		.rate = 100,
		.every = 1,
	};
	struct sim_task_info ti;
	unsigned long faults = vmstat(sim, "pgfault");
	unsigned int region;
	int id = sim_task_create(sim, "steady", 0, 0);

	CHECK_EQ(sim_task_start(sim, id, &w, &region), 0);
	CHECK_EQ(sim_task_start(sim, id, &w, &region), -EBUSY);
	CHECK_EQ(sim_task_start(sim, 2, &w, &region), -ESRCH); /* kswapd0 */
	CHECK_EQ(sim_task_set_current(sim, id), -ESRCH);
	CHECK_EQ(sim->regions[region].task, id);
	sim_run(sim, 10);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK_EQ(ti.rss, 1000);
	CHECK_EQ(vmstat(sim, "pgfault") - faults, 1000);
	/* new anon folios start inactive (folio_add_lru_vma() since 5.9) */
	CHECK_EQ(vmstat(sim, "nr_inactive_anon"), 1000);
	check_invariants(sim, "steady");

	/* stopped: Lua drives the task again, its pages stay */
	CHECK_EQ(sim_task_stop(sim, id), 0);
	sim_run(sim, 2);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK_STR(ti.state, "running");
	CHECK_EQ(ti.rss, 1000);
	CHECK_EQ(sim_task_set_current(sim, id), 1);
	CHECK_EQ(sim_task_stop(sim, id), -ESRCH);
	CHECK_EQ(sim_free(sim, region), 0);
	CHECK_EQ(vmstat(sim, "nr_inactive_anon"), 0);
	check_invariants(sim, "free");
	sim_destroy(sim);
}

/* hold: fill 1000 pages, keep them 5 jiffies, free, start over */
static void test_burst(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_workload w = {
		.kind = SIM_KIND_ANON,
		.size = 1000,
		.rate = 1000,
		.every = 5,
		.hold = 5,
	};
	struct sim_task_info ti;
	unsigned int region;
	int id = sim_task_create(sim, "burst", 0, 0);

	CHECK_EQ(sim_task_start(sim, id, &w, &region), 0);
	sim_run(sim, 1);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK_EQ(ti.rss, 1000);
	/* freed after 5 jiffies, then 5 jiffies idle before the next */
	sim_run(sim, 7);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK_EQ(ti.rss, 0);
	CHECK(sim->regions[region].freed);
	sim_run(sim, 5);
	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	CHECK_EQ(ti.rss, 1000);
	check_invariants(sim, "burst");
	sim_destroy(sim);
}

/* The pages task id has mapped. */
static unsigned long task_rss(struct sim *sim, int id)
{
	struct sim_task_info ti;

	CHECK_EQ(sim_task_info(sim, id, &ti), 0);
	return ti.rss;
}

/*
 * burst = 400 at 100 pages a jiffy: 400 pages back to back, the next 400
 * 400 * 1 / 100 = 4 jiffies (16 ms) after the first began: the first at
 * 2 us (the context switch), the second at 16.002 ms, in jiffy 4; 100 a
 * jiffy on average. At cpu_speed 0.01 a first touch costs (50 + 1000 +
 * 100 + 1000) / 0.01 ns = 215 us (touch, fault, allocation, clearing
 * the page for __GFP_ZERO), a burst 86 ms: longer than its 16 ms, so the
 * next follows at once. The task holds the CPU: it pays one context
 * switch, 2000 / 0.01 ns = 200 us, when it first runs and none at the
 * ticks after, where it goes on (no switch when the task picked is the
 * one that ran), and a page that ends past a tick's end delays the next
 * tick's start: page k starts at 200 + 215 (k - 1) us, so 1860 pages
 * start within 400 ms (the last at 399885 us), not 10000.
 */
static void test_burst_paced(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_workload w = {
		.kind = SIM_KIND_ANON,
		.size = 100000,
		.rate = 100,
		.every = 1,
		.burst = 400,
	};
	struct sim_config cfg;
	int id = sim_task_create(sim, "paced", 0, 0);

	CHECK_EQ(sim_task_start(sim, id, &w, NULL), 0);
	sim_run(sim, 4);
	CHECK_EQ(task_rss(sim, id), 400);
	sim_run(sim, 1);
	CHECK_EQ(task_rss(sim, id), 800);
	sim_run(sim, 35);
	CHECK_EQ(task_rss(sim, id), 4000);
	check_invariants(sim, "paced");
	sim_destroy(sim);

	dma32_config(&cfg, 65536, 0);
	cfg.cpu_speed = 0.01;
	sim = boot_or_exit(&cfg);
	id = sim_task_create(sim, "slow", 0, 0);
	CHECK_EQ(sim_task_start(sim, id, &w, NULL), 0);
	sim_run(sim, 100);
	CHECK_EQ(task_rss(sim, id), 1860);
	sim_destroy(sim);
}

/*
 * No swap: a leak of 512 MiB in a 256 MiB machine. Reclaim finds nothing
 * to take (anon cannot go anywhere) and the OOM killer picks the leaker,
 * the task with the most memory.
 */
static void test_leak_oom(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_workload w = {
		.kind = SIM_KIND_ANON,
		.size = 131072,
		.rate = 2048,
		.every = 1,
	};
	struct sim_task_info ti;
	unsigned int region;
	int id = sim_task_create(sim, "leaker", 0, 0);
	int i;

	CHECK_EQ(sim_task_start(sim, id, &w, &region), 0);
	for (i = 0; i < 200; i++) {
		sim_run(sim, 1);
		CHECK_EQ(sim_task_info(sim, id, &ti), 0);
		if (!strcmp(ti.state, "dead"))
			break;
	}
	CHECK_STR(ti.state, "dead");
	CHECK(i > 25); /* 65536 pages take 32 periods at least */
	CHECK_EQ(vmstat(sim, "oom_kill"), 1);
	CHECK_EQ(ti.rss, 0);
	sim_run(sim, 5);
	check_invariants(sim, "oom");
	sim_destroy(sim);
}

/*
 * mm/filemap.c: a page-cache miss reads its whole 128 KiB window
 * (VM_READAHEAD_PAGES = 32) in one request: 32 pages, 256 sectors
 * (pgpgin), one pgmajfault for the mmapped fault; read() counts no
 * fault. The window is aligned: page 40 brings 32..63.
 */
static void test_readahead(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_alloc_request req = {
		.nr_pages = 100,
		.nid = -1,
		.kind = SIM_KIND_FILE,
		.mapped = true,
	};
	unsigned long pgpgin = vmstat(sim, "pgpgin");
	unsigned int r, r2;

	CHECK_EQ(sim_mmap(sim, &req, &r), 0);
	CHECK_EQ(access_page(sim, r, 5, false), 0);
	CHECK_EQ(vmstat(sim, "nr_file_pages"), 32);
	CHECK_EQ(vmstat(sim, "nr_mapped"), 32);
	CHECK_EQ(vmstat(sim, "pgmajfault"), 1);
	CHECK_EQ(vmstat(sim, "pgfault"), 1);
	CHECK_EQ(vmstat(sim, "pgpgin") - pgpgin, 32 * 8 / 2); /* in KiB */
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[31]), PTE_PRESENT);
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[32]), PTE_NONE);
	/* the last window is cut at the end of the file: 96..99 */
	CHECK_EQ(access_page(sim, r, 97, false), 0);
	CHECK_EQ(vmstat(sim, "nr_file_pages"), 36);

	req.mapped = false;
	CHECK_EQ(sim_mmap(sim, &req, &r2), 0);
	CHECK_EQ(access_page(sim, r2, 40, false), 0);
	CHECK_EQ(vmstat(sim, "nr_file_pages"), 68);
	CHECK_EQ(vmstat(sim, "pgmajfault"), 2);
	CHECK_EQ(PTE_TAG(sim->regions[r2].pte[32]), PTE_PRESENT);
	CHECK_EQ(PTE_TAG(sim->regions[r2].pte[64]), PTE_NONE);
	/* read(): only the page asked for is marked accessed */
	CHECK(PageFlag(&sim->pages, PTE_VAL(sim->regions[r2].pte[40]),
		       PG_referenced));
	CHECK(!PageFlag(&sim->pages, PTE_VAL(sim->regions[r2].pte[41]),
			PG_referenced));
	check_invariants(sim, "readahead");
	CHECK_EQ(sim_free(sim, r), 0);
	CHECK_EQ(sim_free(sim, r2), 0);
	CHECK_EQ(vmstat(sim, "nr_file_pages"), 0);
	sim_destroy(sim);
}

/*
 * Two workloads and kswapd under pressure, stopped at every yield point
 * for a while: the invariants (every page in one place, counters equal
 * to what the arrays hold) hold at each stop, whoever is parked.
 */
static void test_invariants_while_stepping(void)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_workload file = {
		.kind = SIM_KIND_FILE,
		.size = 100000,
		.rate = 512,
		.every = 1,
		.cycle = true,
		.dirty = true,
	};
	struct sim_workload anon = {
		.kind = SIM_KIND_ANON,
		.size = 60000,
		.rate = 256,
		.every = 1,
	};
	struct sim_where w;
	unsigned int r;
	char msg[256];
	int steps = 0, bad = 0;

	dma32_config(&cfg, 65536, 16384);
	sim = boot_checked(&cfg);
	CHECK_EQ(sim_task_start(sim, sim_task_create(sim, "reader", 0, 0),
				&file, &r),
		 0);
	CHECK_EQ(sim_task_start(sim, sim_task_create(sim, "hog", 0, 0), &anon,
				&r),
		 0);
	sim_run(sim, 100);
	while (steps < 1500 && !sim_step(sim, SIM_STEP_LINE, 100, &w)) {
		steps++;
		if (sim_check(sim, msg, sizeof(msg))) {
			fprintf(stderr, "step %d (%s %s:%d): %s\n", steps,
				w.comm, w.fn, w.line, msg);
			bad = 1;
			break;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(steps, 1500);
	sim_run(sim, 50);
	check_invariants(sim, "after stepping");
	sim_destroy(sim);
}

int main(void)
{
	test_invariants_while_stepping();
	test_readahead();
	test_steady();
	test_burst();
	test_burst_paced();
	test_leak_oom();
	return check_done();
}
