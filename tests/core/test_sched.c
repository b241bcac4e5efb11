// SPDX-License-Identifier: GPL-2.0-only
/*
 * sched.c: jiffies arithmetic at HZ = 250, the boot tasks, sleeping and
 * waking (schedule_timeout()'s return value), CPUs taking turns, the cost
 * model, EEVDF's delayed dequeue, and determinism: the same seed gives
 * the same trace, byte for byte.
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "step.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim *boot(int nr_cpus, unsigned long swap_pages)
{
	struct sim_config cfg;

	dma32_config(&cfg, 65536, swap_pages);
	cfg.nr_cpus = nr_cpus;
	return boot_or_exit(&cfg);
}

/* include/linux/jiffies.h at HZ = 250 */
static void test_jiffies(void)
{
	CHECK_EQ(TICK_NSEC, 4000000);
	/* reclaim_throttle(): HZ/10 = 25 jiffies -> usec_timeout=100000 */
	CHECK_EQ(jiffies_to_usecs(HZ / 10), 100000);
	/* VMSCAN_THROTTLE_NOPROGRESS: 1 jiffy = 4000 us */
	CHECK_EQ(jiffies_to_usecs(1), 4000);
	/* dirty_writeback_centisecs 500 -> 5000 ms -> 1250 jiffies */
	CHECK_EQ(msecs_to_jiffies(5000), 1250);
	/* rounds up: 1 ms is still a jiffy */
	CHECK_EQ(msecs_to_jiffies(1), 1);
	CHECK_EQ(msecs_to_jiffies(5), 2);
	CHECK(time_after(11UL, 10UL));
	CHECK(!time_after(10UL, 10UL));
	CHECK(time_before(9UL, 10UL));
}

/* Boot: init is pid 1, kswapd0 and the flusher follow; time starts at 0. */
static void test_boot_tasks(void)
{
	struct sim *sim = boot(2, 0);
	struct sim_task_info ti;

	CHECK_EQ(sim_now_ns(sim), 0);
	CHECK_EQ(sim_jiffies(sim), 0);
	CHECK_EQ(sim_task_default(sim), 1);
	CHECK_EQ(sim_task_current(sim), 1);
	CHECK_EQ(sim_task_info(sim, 1, &ti), 0);
	CHECK_STR(ti.comm, "init");
	CHECK_EQ(ti.pid, 1);
	CHECK(!ti.kthread);
	CHECK_EQ(sim_task_find(sim, "kswapd0"), 2);
	CHECK_EQ(sim_task_find(sim, "flusher"), 3);
	CHECK_EQ(sim_task_find(sim, "nobody"), -ESRCH);
	CHECK_EQ(sim->node_data[0].kswapd, 2);
	CHECK(task_of(sim, 2)->flags & PF_KSWAPD);
	CHECK(task_of(sim, 2)->flags & PF_KTHREAD);

	/* ten ticks: 40 ms */
	CHECK_EQ(sim_run(sim, 10), 0);
	CHECK_EQ(sim_jiffies(sim), 10);
	CHECK_EQ(sim_now_ns(sim), 40000000);
	/*
	 * mm/vmscan.c: kswapd_try_to_sleep(): a balanced node gets the HZ/10
	 * nap first: kswapd is asleep on kswapd_wait, interruptibly.
	 */
	CHECK_EQ(sim_task_info(sim, 2, &ti), 0);
	CHECK_STR(ti.state, "sleeping");
	CHECK(waitqueue_active(&sim->node_data[0].kswapd_wait));

	/* user tasks: checked at the API */
	CHECK_EQ(sim_task_create(sim, "", 0, 0), -EINVAL);
	CHECK_EQ(sim_task_create(sim, "x", 1, 0), -EINVAL);
	CHECK_EQ(sim_task_create(sim, "x", 0, 1001), -EINVAL);
	/* after init, kswapd0, the flusher and the two CPUs' kworkers */
	CHECK_EQ(sim_task_create(sim, "stress", 0, -1000), 6);
	CHECK_EQ(sim_task_info(sim, 6, &ti), 0);
	CHECK_EQ(ti.pid, 6);
	CHECK_EQ(ti.oom_score_adj, -1000);
	CHECK_EQ(sim_task_set_current(sim, 6), 1);
	CHECK_EQ(sim_task_current(sim), 6);
	CHECK_EQ(sim_task_set_current(sim, 2), -ESRCH); /* a kthread */
	CHECK_EQ(sim_task_set_current(sim, 99), -ESRCH);
	sim_destroy(sim);
}

/* {====== sleeping threads */

static struct sim *g_sim;
static long g_ret[4];
static unsigned long g_woke_at[4];
static struct wait_queue_head g_wq;

static int sleeper_timeout(void *data)
{
	(void)data;
	g_ret[0] = schedule_timeout_uninterruptible(g_sim, 10);
	g_woke_at[0] = jiffies_of(g_sim);
	return 0;
}

static int sleeper_wq(void *data)
{
	(void)data;
	prepare_to_wait(g_sim, &g_wq, TASK_INTERRUPTIBLE);
	g_ret[1] = schedule_timeout(g_sim, 100);
	finish_wait(g_sim, &g_wq);
	g_woke_at[1] = jiffies_of(g_sim);
	return 0;
}

/*
 * kernel/time/sleep_timeout.c: schedule_timeout(): 0 when the timeout
 * passed; the jiffies left, rounded up, when woken early.
 */
static void test_schedule_timeout(void)
{
	struct sim *sim = boot(4, 0);
	int a, b;

	g_sim = sim;
	init_waitqueue_head(&g_wq);
	a = kthread_run(sim, sleeper_timeout, NULL, 0, "sleeper0");
	b = kthread_run(sim, sleeper_wq, NULL, 0, "sleeper1");
	CHECK(a > 0 && b > 0);
	/*
	 * Both first run in tick 0 (jiffy 0): the first one's timer expires
	 * at jiffy 0 + 10, the start of tick 10.
	 */
	sim_run(sim, 10);
	CHECK(task_of(sim, a)->state != TASK_DEAD); /* woken, not yet run */
	CHECK_EQ(g_woke_at[0], 0);
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, a)->state, TASK_DEAD);
	CHECK_EQ(g_ret[0], 0);
	CHECK_EQ(g_woke_at[0], 10);

	/*
	 * The second is woken at 44 ms (jiffy 11) by wake_up(); its timer
	 * would have expired at jiffy 100: 100 - 11 = 89 jiffies left.
	 */
	CHECK(waitqueue_active(&g_wq));
	wake_up(sim, &g_wq);
	CHECK(!waitqueue_active(&g_wq) ||
	      task_of(sim, b)->state == TASK_RUNNING);
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, b)->state, TASK_DEAD);
	CHECK_EQ(g_ret[1], 89);
	CHECK_EQ(g_woke_at[1], 11);
	CHECK(!waitqueue_active(&g_wq));
	sim_destroy(sim);
}

/* A busy thread: 3 ms of work in 1 ms pieces, then it exits. */
static int spinner(void *data)
{
	int *done = data;

	for (int i = 0; i < 3; i++) {
		charge_ns(g_sim, 1000000);
		STEP_POINT(g_sim, STEP_LINE);
	}
	*done = (int)jiffies_of(g_sim) + 1;
	return 0;
}

/*
 * Two busy threads on two CPUs both finish in the first tick; on one CPU
 * the second waits for the first and is preempted at the end of the
 * jiffy (3 + 3 ms > 4 ms), finishing in the second tick.
 */
static void test_cpus(void)
{
	for (int cpus = 1; cpus <= 2; cpus++) {
		struct sim *sim = boot(cpus, 0);
		int done[2] = { 0, 0 };

		g_sim = sim;
		sim_run(sim, 1); /* let kswapd and the flusher settle */
		kthread_run(sim, spinner, &done[0], 0, "spin0");
		kthread_run(sim, spinner, &done[1], 0, "spin1");
		sim_run(sim, 1);
		CHECK_EQ(done[0], 2); /* finished during tick 1 */
		CHECK_EQ(done[1], cpus == 2 ? 2 : 0);
		sim_run(sim, 1);
		CHECK_EQ(done[1], cpus == 2 ? 2 : 3);
		sim_destroy(sim);
	}
}

/* A thread that spins: 100 us of work between preemption points. */
static int hog(void *data)
{
	(void)data;
	for (;;) {
		charge_ns(g_sim, 100000);
		cond_resched(g_sim);
	}
	return 0;
}

static int no_work(void *data)
{
	(void)data;
	return 0;
}

/* b blocks at vruntime v, its request one slice from there */
static void block_at(struct sim *sim, struct task *b, int64_t v)
{
	b->se.vruntime = v;
	b->se.deadline = b->se.vruntime + (int64_t)task_cfs_rq(sim)->slice;
	b->state = TASK_INTERRUPTIBLE;
	dequeue_entity(sim, b);
}

/*
 * kernel/sched/fair.c with DELAY_DEQUEUE and DELAY_ZERO (features.h: both
 * on in 6.12). Two tasks a and b of nice 0, V their mean virtual runtime:
 *  - b blocks 1000 ns ahead of V: not eligible, so dequeue_entity() keeps
 *    it on the queue (sched_delayed), still counted in V;
 *  - woken so, it goes on with its vruntime and deadline
 *    (requeue_delayed_entity(): its lag is negative);
 *  - woken after a has run past it (lag 1000 > 0), it is placed at V
 *    without it, a's vruntime, with vlag 0 and a new request;
 *  - blocking at V (eligible), it leaves the queue at once;
 *  - delayed, then eligible: the next pick chooses it and it leaves
 *    (pick_next_entity() -> finish_delayed_dequeue_entity()) with its
 *    lag of 1000 ns zeroed, and a runs.
 */
static void test_delay_dequeue(void)
{
	struct sim *sim = boot(1, 0);
	struct task *a, *b;
	int64_t m, slice;

	g_sim = sim;
	sim_run(sim, 1); /* kswapd and the flusher asleep: off the queue */
	a = task_of(sim, kthread_run(sim, hog, NULL, 0, "a"));
	b = task_of(sim, kthread_run(sim, no_work, NULL, 0, "b"));
	m = task_cfs_rq(sim)->min_vruntime;
	slice = (int64_t)task_cfs_rq(sim)->slice;
	a->se.vruntime = m + 1000;
	a->se.deadline = m + 1000 + slice;

	block_at(sim, b, m + 3000);
	CHECK(b->se.sched_delayed);
	CHECK_EQ(avg_vruntime(sim), m + 2000);
	CHECK(wake_up_process(sim, b));
	CHECK(!b->se.sched_delayed);
	CHECK_EQ(b->se.vruntime, m + 3000);
	CHECK_EQ(b->se.deadline, m + 3000 + slice);

	block_at(sim, b, m + 3000);
	CHECK(b->se.sched_delayed);
	a->se.vruntime = m + 5000;
	CHECK(wake_up_process(sim, b));
	CHECK(!b->se.sched_delayed);
	CHECK_EQ(b->se.vruntime, m + 5000);
	CHECK_EQ(b->se.deadline, m + 5000 + slice);
	CHECK_EQ(b->se.vlag, 0);

	block_at(sim, b, m + 5000);
	CHECK(!b->se.sched_delayed);
	CHECK_EQ(avg_vruntime(sim), m + 5000); /* a alone */
	CHECK(wake_up_process(sim, b));

	block_at(sim, b, m + 6000);
	CHECK(b->se.sched_delayed);
	a->se.vruntime = m + 8000; /* V = m + 7000: b is owed 1000 */
	a->se.deadline = m + 8000 + slice;
	CHECK_EQ(b->se.vlag, 0);
	b->se.vlag = -1; /* what finish_delayed_dequeue_entity() sets shows */
	sim_run(sim, 1);
	CHECK(!b->se.sched_delayed);
	CHECK_EQ(b->se.vlag, 0);
	CHECK_EQ(b->state, TASK_INTERRUPTIBLE);
	CHECK(a->sum_exec_runtime > 0);
	sim_destroy(sim);
}

/* }====== */

/* The cost model: work done on Lua's stack moves the clock directly. */
static void test_cost_model(void)
{
	struct sim *sim = boot(2, 0);

	CHECK_EQ(cost_ns(sim, COST_SCAN), 100);
	charge_cost(sim, COST_SCAN, 1000);
	CHECK_EQ(sim_now_ns(sim), 100000);
	charge_cost(sim, COST_IO_SUBMIT, 2);
	CHECK_EQ(sim_now_ns(sim), 104100);
	charge_cost(sim, COST_BATCH, 1);
	CHECK_EQ(sim_now_ns(sim), 110100);
	/* the flusher's page is a quarter of a swap write's (sched.h) */
	charge_cost(sim, COST_WRITEPAGE, 4);
	CHECK_EQ(sim_now_ns(sim), 112100);
	/* the next tick ends at the next jiffy boundary: 4 ms */
	sim_tick(sim);
	CHECK_EQ(sim_now_ns(sim), 4000000);
	sim_destroy(sim);
}

/*
 * cfg.cpu_speed divides every cost: at 0.08 (a guest under emulation)
 * scanning 1000 pages takes 1000 * 100 / 0.08 = 1250000 ns, and a page
 * of IO costs 2050 / 0.08 = 25625 ns to submit; 0.3 rounds 100 / 0.3 =
 * 333.3 and 20 / 0.3 = 66.7 to the nearest ns. Speeds outside
 * SIM_CPU_SPEED_MIN..MAX are refused.
 */
static void test_cpu_speed(void)
{
	char err[128] = "";
	struct sim_config cfg;
	struct sim *sim;

	dma32_config(&cfg, 65536, 0);
	cfg.cpu_speed = 0.08;
	sim = boot_or_exit(&cfg);
	CHECK_EQ(cost_ns(sim, COST_SCAN), 1250);
	charge_cost(sim, COST_SCAN, 1000);
	CHECK_EQ(sim_now_ns(sim), 1250000);
	charge_cost(sim, COST_IO_SUBMIT, 1);
	CHECK_EQ(sim_now_ns(sim), 1275625);
	sim_destroy(sim);

	cfg.cpu_speed = 0.3;
	sim = boot_or_exit(&cfg);
	CHECK_EQ(cost_ns(sim, COST_SCAN), 333);
	CHECK_EQ(cost_ns(sim, COST_ROTATE), 67);
	sim_destroy(sim);

	cfg.cpu_speed = 0;
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "cpu_speed must be 0.001..1000, got 0") != NULL);
}

/* {====== determinism */

struct trace_capture {
	char *buf;
	size_t len, cap;
};

static void capture(void *arg, const char *line, size_t len)
{
	struct trace_capture *c = arg;

	if (c->len + len + 1 > c->cap) {
		c->cap = (c->len + len + 1) * 2;
		c->buf = realloc(c->buf, c->cap);
	}
	memcpy(c->buf + c->len, line, len);
	c->len += len;
	c->buf[c->len] = '\0';
}

/* Fill memory with file and anon pages, then let kswapd and friends run. */
static void run_workload(struct sim *sim, struct trace_capture *c)
{
	struct sim_alloc_request req = {
		.nr_pages = 56000,
		.nid = -1,
		.zid = -1,
		.kind = SIM_KIND_FILE,
	};
	unsigned int r[3];
	char err[256];

	sim_trace_set(sim, capture, c);
	CHECK_EQ(sim_alloc(sim, &req, &r[0], err, sizeof(err)), 0);
	req.kind = SIM_KIND_ANON;
	req.nr_pages = 8000;
	CHECK_EQ(sim_alloc(sim, &req, &r[1], err, sizeof(err)), 0);
	sim_run(sim, 50);
	CHECK_EQ(sim_dirty(sim, r[0]), 0);
	req.nr_pages = 4000;
	CHECK_EQ(sim_alloc(sim, &req, &r[2], err, sizeof(err)), 0);
	sim_run(sim, 200);
	CHECK_EQ(sim_touch(sim, r[0]), 0);
	sim_run(sim, 100);
	sim_trace_set(sim, NULL, NULL);
}

/*
 * trace_pipe merges the CPUs' buffers by timestamp: the lines never go
 * back in time, though each CPU runs ahead on its own clock.
 */
static bool timestamps_ordered(const char *text)
{
	double prev = 0;

	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		double t;

		/* "%16s-%-7d [%03d] %s %5lu.%06lu: ": the time starts at 37 */
		if (!nl || nl - p < 40 || sscanf(p + 36, "%lf", &t) != 1)
			return false;
		if (t < prev)
			return false;
		prev = t;
		p = nl + 1;
	}
	return true;
}

static void test_determinism(void)
{
	struct trace_capture c1 = { 0 }, c2 = { 0 };
	struct sim *a = boot(2, 16384), *b = boot(2, 16384);
	char *v1, *v2;

	run_workload(a, &c1);
	run_workload(b, &c2);
	CHECK(c1.len > 1000);
	CHECK(c1.len == c2.len && !memcmp(c1.buf, c2.buf, c1.len));
	CHECK(strstr(c1.buf, "mm_vmscan_kswapd_wake: nid=0 order=0") != NULL);
	CHECK_EQ(sim_trace_count(a), sim_trace_count(b));
	CHECK(timestamps_ordered(c1.buf));
	v1 = sim_vmstat(a);
	v2 = sim_vmstat(b);
	CHECK_STR(v1, v2);
	CHECK_EQ(sim_now_ns(a), sim_now_ns(b));
	free(v1);
	free(v2);
	free(c1.buf);
	free(c2.buf);
	sim_destroy(a);
	sim_destroy(b);
}

/* }====== */

int main(void)
{
	test_jiffies();
	test_boot_tasks();
	test_schedule_timeout();
	test_cpus();
	test_delay_dequeue();
	test_cost_model();
	test_cpu_speed();
	test_determinism();
	return check_done();
}
