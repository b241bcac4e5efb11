// SPDX-License-Identifier: GPL-2.0-only
/*
 * step.c: coroutines park at STEP_POINT()s of the granularity asked for
 * (or coarser), where() reports the place and the registered scan_control,
 * set_priority() changes the parked pass; and stepping a real kswapd
 * through balance_pgdat() visits DEF_PRIORITY, DEF_PRIORITY - 1, ... then
 * the end of the balance, with the invariants holding at every stop.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "step.h"
#include "vmscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim *g_sim;
static int g_lines[8];
static int g_seen_priority;
static struct scan_control g_sc;

/* One point of each granularity, lines recorded as they are passed. */
#define MARK(i, g)                     \
	do {                           \
		g_lines[i] = __LINE__; \
		STEP_POINT(g_sim, g);  \
	} while (0)

static int stepper(void *data)
{
	(void)data;
	memset(&g_sc, 0, sizeof(g_sc));
	g_sc.priority = DEF_PRIORITY;
	g_sc.nr_to_reclaim = SWAP_CLUSTER_MAX;
	g_sc.may_swap = 1;
	step_set_sc(g_sim, &g_sc);
	MARK(0, STEP_LINE);
	MARK(1, STEP_PAGE);
	MARK(2, STEP_LINE);
	MARK(3, STEP_BATCH);
	MARK(4, STEP_PRIORITY);
	g_seen_priority = g_sc.priority;
	step_set_sc(g_sim, NULL);
	MARK(5, STEP_BALANCE);
	return 0;
}

static void test_granularity(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_where w;
	int id;

	g_sim = sim;
	CHECK_EQ(sim_where(sim, &w), -ESRCH);
	CHECK_EQ(sim_set_priority(sim, 3), -ESRCH);
	CHECK_EQ(sim_step(sim, SIM_NR_STEP_GRANS, 1, &w), -EINVAL);
	sim_run(sim, 1);
	id = kthread_run(sim, stepper, NULL, 0, "stepper");

	/* "line": the very next point */
	CHECK_EQ(sim_step(sim, SIM_STEP_LINE, 10, &w), 0);
	CHECK_STR(w.fn, "stepper");
	CHECK_STR(w.file, "test_step.c");
	CHECK_EQ(w.line, g_lines[0]);
	CHECK_EQ(w.gran, SIM_STEP_LINE);
	CHECK_EQ(w.task, id);
	CHECK_STR(w.comm, "stepper");
	CHECK(w.has_sc);
	CHECK_EQ(w.priority, DEF_PRIORITY);
	CHECK_EQ(w.nr_to_reclaim, SWAP_CLUSTER_MAX);
	CHECK(w.may_swap);

	/* "page" stops at the page point, skipping nothing before it */
	CHECK_EQ(sim_step(sim, SIM_STEP_PAGE, 10, &w), 0);
	CHECK_EQ(w.line, g_lines[1]);
	/* "batch" passes the line point after it */
	CHECK_EQ(sim_step(sim, SIM_STEP_BATCH, 10, &w), 0);
	CHECK_EQ(w.line, g_lines[3]);
	CHECK_EQ(w.gran, SIM_STEP_BATCH);
	/* "lru" is met by the coarser priority point */
	CHECK_EQ(sim_step(sim, SIM_STEP_LRU, 10, &w), 0);
	CHECK_EQ(w.line, g_lines[4]);
	CHECK_EQ(sim_where(sim, &w), 0);
	CHECK_EQ(w.line, g_lines[4]);

	/* set_priority() while parked: the pass sees it when it resumes */
	CHECK_EQ(sim_set_priority(sim, 13), -EINVAL);
	CHECK_EQ(sim_set_priority(sim, 0), 0);
	CHECK_EQ(sim_where(sim, &w), 0);
	CHECK_EQ(w.priority, 0);

	CHECK_EQ(sim_step(sim, SIM_STEP_BALANCE, 10, &w), 0);
	CHECK_EQ(g_seen_priority, 0);
	CHECK_EQ(w.line, g_lines[5]);
	CHECK(!w.has_sc);
	/* the thread ends: nothing more to step to */
	CHECK_EQ(sim_step(sim, SIM_STEP_LINE, 5, &w), -EAGAIN);
	CHECK_EQ(sim_where(sim, &w), -ESRCH);
	CHECK_EQ(task_of(sim, id)->state, TASK_DEAD);
	/* run() never stops at a step point */
	id = kthread_run(sim, stepper, NULL, 0, "stepper");
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, id)->state, TASK_DEAD);
	sim_destroy(sim);
}

/*
 * Fill the zone with clean file pages and push it under the low
 * watermark (1280 pages: min 1024 + 256): kswapd wakes and
 * balance_pgdat() runs its priority loop from DEF_PRIORITY down.
 */
static void test_balance_priorities(void)
{
	struct sim *sim = boot_dma32(0);
	struct sim_alloc_request req = {
		.nr_pages = 64000,
		.nid = -1,
		.zid = -1,
		.kind = SIM_KIND_FILE,
	};
	struct sim_where w;
	unsigned int r;
	char err[256];
	int expect = DEF_PRIORITY, n = 0;

	CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);
	for (;;) {
		CHECK_EQ(sim_step(sim, SIM_STEP_PRIORITY, 100, &w), 0);
		check_invariants(sim, "a priority step");
		if (w.gran == SIM_STEP_BALANCE)
			break;
		CHECK_STR(w.fn, "balance_pgdat");
		CHECK_STR(w.comm, "kswapd0");
		CHECK(w.kswapd);
		CHECK_EQ(w.priority, expect);
		expect--;
		if (++n > DEF_PRIORITY + 1)
			break;
	}
	CHECK(n >= 1);
	CHECK_STR(w.fn, "balance_pgdat");
	CHECK_EQ(w.gran, SIM_STEP_BALANCE);
	/* line by line through whatever comes next, checking each stop */
	for (int i = 0; i < 50; i++) {
		if (sim_step(sim, SIM_STEP_LINE, 10, &w))
			break;
		check_invariants(sim, "a line step");
	}
	sim_run(sim, 5);
	check_invariants(sim, "run");
	sim_destroy(sim);
}

/*
 * kswapd0's call stack at a stop in shrink_folio_list(): kswapd() calls
 * balance_pgdat(), which calls kswapd_shrink_node() for the node, then
 * shrink_node(), shrink_lruvec() (for the root memcg: shrink_node_memcgs()
 * is folded into shrink_node()), shrink_list() and shrink_inactive_list().
 */
static void test_stack(void)
{
	static const char *const want[] = {
		"shrink_folio_list", "shrink_inactive_list",
		"shrink_list",	     "shrink_lruvec",
		"shrink_node",	     "kswapd_shrink_node",
		"balance_pgdat",     "kswapd",
	};
	struct sim *sim = boot_dma32(0);
	struct sim_alloc_request req = {
		.nr_pages = 64000,
		.nid = -1,
		.zid = -1,
		.kind = SIM_KIND_FILE,
	};
	struct sim_where w;
	unsigned int r;
	char err[256];
	int i;

	CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);
	for (i = 0; i < 200; i++) {
		CHECK_EQ(sim_step(sim, SIM_STEP_LINE, 100, &w), 0);
		if (!strcmp(w.fn, "shrink_folio_list"))
			break;
	}
	CHECK_STR(w.fn, "shrink_folio_list");
	CHECK_EQ(w.nr_frames, 8);
	for (i = 0; i < w.nr_frames && i < 8; i++) {
		CHECK_STR(w.frames[i].fn, want[i]);
		CHECK_STR(w.frames[i].file, "vmscan.c");
	}
	/* #0 is the stop itself */
	CHECK_EQ(w.frames[0].line, w.line);
	check_invariants(sim, "stack");
	sim_destroy(sim);
}

int main(void)
{
	test_granularity();
	test_stack();
	test_balance_priorities();
	return check_done();
}
