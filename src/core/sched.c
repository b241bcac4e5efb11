// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated clock and the scheduler. Time is sim->now_ns; jiffies are
 * derived from it (HZ = 250). A tick gives each of cfg.nr_cpus CPUs one
 * jiffy of time; runnable threads take them in the order EEVDF picks
 * them (fair.c) and run on their own stacks until they sleep or are
 * preempted: at a tick, once they have used their request; and on one
 * CPU, when a task they wake, or one a timer or an IO completion wakes,
 * is the queue's choice and theirs has ended. While a thread runs,
 * sim->now_ns is its CPU's clock, so its trace lines carry the time its
 * work took (cost model in sched.h). Exactly one task runs at a time:
 * the order is deterministic.
 *
 * Invariant: a task is TASK_RUNNING or asleep with task->wait and/or a
 * timeout; a wait queue's nr_waiters counts the tasks whose ->wait is it.
 */
#include "sched.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitmap.h"
#include "slab.h"
#include "step.h"
#include "swap.h"
#include "trace.h"
#include "vmpressure.h"
#include "vmscan.h"
#include "workqueue.h"
#include "writeback.h"

/* the cost of one item of work on the reference core, in ns (sched.h) */
static const uint64_t sim_cost_ns[NR_SIM_COSTS] = {
	[COST_SCAN] = 100,	     [COST_FREE] = 80,
	[COST_BULK_FREE] = 80,	     [COST_ROTATE] = 20,
	[COST_BATCH] = 6000,	     [COST_IO_SUBMIT] = 2050,
	[COST_WRITEPAGE] = 500,	     [COST_FAULT] = 1000,
	[COST_ALLOC] = 100,	     [COST_TOUCH] = 50,
	[COST_COPY] = 1000,	     [COST_READ_FOLIO] = 600,
	[COST_WRITE_FOLIO] = 750,    [COST_SHRINK_NODE] = 1750,
	[COST_OOM_REPORT] = 1000000,
};

/* a context switch: a woken thread always moves the clock a little */
#define SWITCH_NS 2000ULL

struct sched {
	struct task tasks[SIM_MAX_TASKS];
	int nr_ids; /* ids handed out, + 1 (id 0 unused) */
	int next_pid;
	int current; /* the task running now */
	int lua_task; /* the task Lua acts as */
	/* the tick in progress */
	bool in_tick;
	uint64_t tick_end;
	uint64_t cpu_clock[SIM_MAX_CPUS];
	int cpu_last[SIM_MAX_CPUS]; /* the task each CPU ran last; 0: idle */
	int cpu_running; /* CPU of the thread on the CPU, or -1 */
	uint64_t runnable_at[SIM_MAX_TASKS];
	bool ran_out[SIM_MAX_TASKS]; /* used its jiffy: next tick */
	struct cfs_rq cfs; /* fair.c */
	/* ran to the tick inside its request: first on its CPU next tick */
	int keep[SIM_MAX_CPUS];
	/*
	 * One CPU: when a timer or an IO completion is due, the thread on
	 * the CPU stops at its next cond_resched() so that the wakeup can
	 * be judged (check_preempt_wakeup_fair()); it goes on, with no
	 * context switch, unless the woken task is the queue's choice.
	 */
	uint64_t timer_due;
	int resume; /* the thread that stopped so */
	bool resume_protect; /* curr_protected() when it stopped */
	bool woke[SIM_MAX_TASKS]; /* woken since the last thread started */
	/* what a thread parked at a step point had pending, for its return */
	bool park_resched;
	uint64_t park_timer_due;
	int parked; /* task stopped at a step point, or 0 */
	int driving; /* nested drivers from sleeping Lua tasks */
	/* sim_cost_ns[] and SWITCH_NS on this machine's CPUs (cfg.cpu_speed) */
	uint64_t cost_ns[NR_SIM_COSTS];
	uint64_t switch_ns;
	/* a bit a frame used since boot; NULL: first use costs nothing */
	uint64_t *touched;
	uint64_t first_touch_ns; /* cfg.first_touch_ns at cfg.cpu_speed */
};

/* {====== tasks */

struct task *task_of(const struct sim *sim, int id)
{
	struct sched *s = sim->sched;

	if (!s || id <= 0 || id >= s->nr_ids)
		return NULL;
	return &s->tasks[id];
}

struct task *current_task(const struct sim *sim)
{
	return task_of(sim, sim->sched ? sim->sched->current : 0);
}

int current_id(const struct sim *sim)
{
	return sim->sched ? sim->sched->current : 0;
}

int nr_task_ids(const struct sim *sim)
{
	return sim->sched ? sim->sched->nr_ids : 0;
}

static struct task *task_alloc(struct sim *sim, const char *comm, int nid)
{
	struct sched *s = sim->sched;
	struct task *p;

	if (s->nr_ids >= SIM_MAX_TASKS)
		return NULL;
	p = &s->tasks[s->nr_ids];
	memset(p, 0, sizeof(*p));
	p->id = s->nr_ids++;
	p->pid = s->next_pid++;
	snprintf(p->comm, sizeof(p->comm), "%.*s", TASK_COMM_LEN - 1, comm);
	p->nid = nid;
	p->state = TASK_RUNNING;
	p->timeout_ns = UINT64_MAX;
	s->runnable_at[p->id] = sim->now_ns;
	p->bound_cpu = -1;
	place_entity(sim, p, true);
	return p;
}

int kthread_run(struct sim *sim, int (*threadfn)(void *data), void *data,
		int nid, const char *comm)
{
	struct task *p = task_alloc(sim, comm, nid);

	if (!p)
		return -ENOSPC;
	p->flags = PF_KTHREAD;
	p->threadfn = threadfn;
	p->data = data;
	p->coro = coro_create(threadfn, data);
	if (!p->coro) {
		p->state = TASK_DEAD;
		return -ENOMEM;
	}
	return p->id;
}

int task_create(struct sim *sim, const char *comm, int nid, int oom_score_adj)
{
	struct task *p;

	if (!comm || !*comm || nid < 0 || nid >= sim->nr_nodes ||
	    oom_score_adj < -1000 || oom_score_adj > 1000)
		return -EINVAL;
	p = task_alloc(sim, comm, nid);
	if (!p)
		return -ENOSPC;
	p->oom_score_adj = (short)oom_score_adj;
	return p->id;
}

static bool try_to_wake_up(struct sim *sim, struct task *p);

void task_kill(struct sim *sim, int id)
{
	struct task *p = task_of(sim, id);

	if (!p || p->state == TASK_DEAD)
		return;
	p->oom_victim = true;
	if (p->coro && !(p->flags & PF_KTHREAD)) {
		/*
		 * SIGKILL: a task on its own stack finishes the kernel work in
		 * hand (pages it isolated go back) and exits at its next
		 * check (workload.c); a killable sleep ends now.
		 */
		if (p->state == TASK_INTERRUPTIBLE)
			try_to_wake_up(sim, p);
		return;
	}
	if (p->wait)
		p->wait->nr_waiters--;
	p->wait = NULL;
	p->state = TASK_DEAD;
	if (sim->sched->lua_task == id)
		sim->sched->lua_task = 1;
}

/* }====== */

/* {====== wait queues, sleeping and waking */

void init_waitqueue_head(struct wait_queue_head *wq)
{
	wq->nr_waiters = 0;
}

bool current_may_sleep(const struct sim *sim)
{
	const struct task *p = current_task(sim);

	return p && p->state != TASK_DEAD;
}

void set_current_state(struct sim *sim, enum task_state state)
{
	struct task *p = current_task(sim);

	/* a killed task finishes what it is doing, but never sleeps again */
	if (p && p->state != TASK_DEAD)
		p->state = state;
}

void prepare_to_wait(struct sim *sim, struct wait_queue_head *wq,
		     enum task_state state)
{
	struct task *p = current_task(sim);

	if (!p)
		return;
	if (p->wait != wq) {
		if (p->wait)
			p->wait->nr_waiters--;
		p->wait = wq;
		wq->nr_waiters++;
	}
	if (p->state != TASK_DEAD)
		p->state = state;
	p->woken = false;
}

void finish_wait(struct sim *sim, struct wait_queue_head *wq)
{
	struct task *p = current_task(sim);

	if (!p)
		return;
	if (p->state != TASK_DEAD)
		p->state = TASK_RUNNING;
	if (p->wait == wq) {
		wq->nr_waiters--;
		p->wait = NULL;
	}
}

struct cfs_rq *task_cfs_rq(const struct sim *sim)
{
	return &sim->sched->cfs;
}

/*
 * kernel/sched/fair.c: pick_eevdf() over the tasks on the queue that
 * may run at time t on a CPU this tick: the eligible one whose request
 * ends first (the earliest deadline of all if none is eligible, as can
 * be when the eligible ones wait for a later time). A delayed sleeper
 * can be the choice too (it is still on the queue), but only while
 * eligible. 0: none.
 */
static int pick_eevdf(const struct sim *sim, uint64_t t, int cpu)
{
	const struct sched *s = sim->sched;
	int64_t V = avg_vruntime(sim);
	int best = 0, first = 0;

	for (int id = 1; id < s->nr_ids; id++) {
		const struct task *p = &s->tasks[id];

		if (p->bound_cpu >= 0 && p->bound_cpu != cpu)
			continue;
		if (p->se.sched_delayed) {
			if (p->se.vruntime <= V &&
			    (!best || entity_before(p, &s->tasks[best])))
				best = id;
			continue;
		}
		if (!entity_on_rq(p) || s->ran_out[id] ||
		    s->runnable_at[id] > t)
			continue;
		if (!first || entity_before(p, &s->tasks[first]))
			first = id;
		if (p->se.vruntime <= V &&
		    (!best || entity_before(p, &s->tasks[best])))
			best = id;
	}
	return best ? best : first;
}

/*
 * kernel/sched/fair.c: check_preempt_wakeup_fair(): unless the thread on
 * the CPU is protected (curr_protected()), it gives way (at its next
 * cond_resched()) if the woken task is now the queue's choice. Only on
 * a machine of one CPU: with more, the woken task would find another CPU
 * (select_task_rq_fair()), and the model's CPUs, run one after another,
 * have no idle one to offer at this time.
 */
static void check_preempt_wakeup_fair(struct sim *sim, const struct task *p)
{
	struct sched *s = sim->sched;

	if (s->cpu_running < 0 || sim->cfg.nr_cpus != 1 || !p->coro ||
	    p->id == s->current)
		return;
	update_curr(sim);
	if (!curr_protected(sim) &&
	    pick_eevdf(sim, sim->now_ns, s->cpu_running) == p->id)
		sim->step_armed |= STEP_ARMED_RESCHED;
}

/*
 * kernel/sched/core.c: ttwu_do_activate(): a sleeper joins the queue, in
 * its place (place_entity()), runnable from time at.
 */
static void ttwu_do_activate(struct sim *sim, struct task *p, uint64_t at)
{
	if (p->se.sched_delayed)
		requeue_delayed_entity(sim, p);
	else
		place_entity(sim, p, false);
	p->state = TASK_RUNNING;
	sim->sched->runnable_at[p->id] = at;
	sim->sched->woke[p->id] = true;
}

/*
 * try_to_wake_up(): runnable from now, on whichever CPU is free first.
 * The running thread's time is counted first, as enqueue_entity() does,
 * so that the woken task is placed against the queue's time now.
 */
static bool try_to_wake_up(struct sim *sim, struct task *p)
{
	if (p->state != TASK_INTERRUPTIBLE && p->state != TASK_UNINTERRUPTIBLE)
		return false;
	if (sim->sched->cpu_running >= 0)
		update_curr(sim);
	ttwu_do_activate(sim, p, sim->now_ns);
	p->woken = true;
	check_preempt_wakeup_fair(sim, p);
	return true;
}

/* a workload starts as a new program does: half a slice first */
void sched_make_runnable(struct sim *sim, struct task *p)
{
	place_entity(sim, p, true);
	p->state = TASK_RUNNING;
	sim->sched->runnable_at[p->id] = sim->now_ns;
}

bool wake_up_process(struct sim *sim, struct task *p)
{
	return p ? try_to_wake_up(sim, p) : false;
}

void wake_up(struct sim *sim, struct wait_queue_head *wq)
{
	struct sched *s = sim->sched;

	if (!s || !waitqueue_active(wq))
		return;
	for (int id = 1; id < s->nr_ids; id++)
		if (s->tasks[id].wait == wq)
			try_to_wake_up(sim, &s->tasks[id]);
}

static void sched_drive_until_woken(struct sim *sim, struct task *p);

/*
 * The current task p sleeps until a wake-up or until the clock reaches
 * timeout_ns (UINT64_MAX: no timer), counting a voluntary switch; then
 * it is the current task again.
 */
static void sleep_until(struct sim *sim, struct task *p, uint64_t timeout_ns)
{
	/* kernel/sched/core.c: sched_submit_work(): no IO held while asleep */
	blk_flush_plug(sim, p);
	p->timeout_ns = timeout_ns;
	p->woken = false;
	p->nvcsw++;
	if (p->coro && coro_current() == p->coro) {
		dequeue_entity(sim, p);
		coro_yield(p->coro);
	} else
		sched_drive_until_woken(sim, p);
	p->timeout_ns = UINT64_MAX;
	sim->sched->current = p->id;
}

/*
 * kernel/time/sleep_timeout.c: schedule_timeout(): the timer expires at
 * jiffy expire = jiffies + timeout (the timer wheel fires on ticks), and
 * a task woken earlier gets expire - jiffies back.
 */
long schedule_timeout(struct sim *sim, long timeout)
{
	struct task *p = current_task(sim);
	unsigned long expire = 0;
	uint64_t timeout_ns = UINT64_MAX;
	long left;

	if (!p)
		return 0;
	if (p->state == TASK_RUNNING) {
		cond_resched(sim);
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	if (timeout != MAX_SCHEDULE_TIMEOUT) {
		expire = jiffies_of(sim) + (unsigned long)timeout;
		timeout_ns = (uint64_t)expire * TICK_NSEC;
	}
	sleep_until(sim, p, timeout_ns);
	if (timeout == MAX_SCHEDULE_TIMEOUT)
		return MAX_SCHEDULE_TIMEOUT;
	left = (long)(expire - jiffies_of(sim));
	return p->woken && left > 0 ? left : 0;
}

int schedule_hrtimeout(struct sim *sim, uint64_t until_ns)
{
	struct task *p = current_task(sim);

	if (!p)
		return 0;
	if (until_ns <= sim->now_ns) {
		set_current_state(sim, TASK_RUNNING);
		return 0;
	}
	sleep_until(sim, p, until_ns);
	return p->woken && sim->now_ns < until_ns ? -EINTR : 0;
}

long schedule_timeout_uninterruptible(struct sim *sim, long timeout)
{
	set_current_state(sim, TASK_UNINTERRUPTIBLE);
	return schedule_timeout(sim, timeout);
}

long schedule_timeout_interruptible(struct sim *sim, long timeout)
{
	set_current_state(sim, TASK_INTERRUPTIBLE);
	return schedule_timeout(sim, timeout);
}

void cond_resched(struct sim *sim)
{
	struct task *p = current_task(sim);

	if (p && p->coro && coro_current() == p->coro &&
	    (sim->step_armed & STEP_ARMED_RESCHED))
		coro_yield(p->coro);
}

/* }====== */

/* {====== the cost model */

/*
 * A reference cost on CPUs of speed cpu_speed, to the nearest ns: 150 ns
 * of scanning at cpu_speed 0.08 takes 150 / 0.08 = 1875 ns. Speed 1
 * gives the reference figures exactly.
 */
static uint64_t scale_cost(uint64_t ref_ns, double cpu_speed)
{
	return (uint64_t)((double)ref_ns / cpu_speed + 0.5);
}

void sched_timer_added(struct sim *sim, uint64_t at_ns)
{
	struct sched *s = sim->sched;

	if (s && s->cpu_running >= 0 && sim->cfg.nr_cpus == 1 &&
	    at_ns < s->timer_due)
		s->timer_due = at_ns;
}

uint64_t cost_ns(const struct sim *sim, enum sim_cost what)
{
	return what < NR_SIM_COSTS ? sim->sched->cost_ns[what] : 0;
}

void charge_ns(struct sim *sim, uint64_t ns)
{
	struct sched *s = sim->sched;

	sim->now_ns += ns;
	if (s && s->cpu_running >= 0 &&
	    (sim->now_ns >= s->tick_end || sim->now_ns >= s->timer_due)) {
		sim->step_armed |= STEP_ARMED_RESCHED;
		s->timer_due = UINT64_MAX;
	}
}

void charge_cost(struct sim *sim, enum sim_cost what, unsigned long nr)
{
	charge_ns(sim, cost_ns(sim, what) * nr);
}

void charge_ref_ns(struct sim *sim, uint64_t ref_ns)
{
	if (ref_ns)
		charge_ns(sim, scale_cost(ref_ns, sim->cfg.cpu_speed));
}

/*
 * A block leaves the allocator for its first user (prep_new_page()):
 * each of its frames that no one has used since boot costs the machine
 * cfg.first_touch_ns (at cfg.cpu_speed). No work of the kernel's: a
 * guest under QEMU finds the emulator allocating its RAM at the first
 * write to it, so that a workload's first pass through memory runs
 * slower than the next. Only a thread on a CPU pays; Lua's own
 * allocations mark the frames used.
 */
void charge_first_touch(struct sim *sim, unsigned long pfn, unsigned int order)
{
	struct sched *s = sim->sched;
	unsigned long fresh = 0;

	if (!s || !s->touched)
		return;
	for (unsigned long i = pfn; i < pfn + (1UL << order); i++)
		if (!__test_and_set_bit(i, s->touched))
			fresh++;
	if (s->cpu_running >= 0)
		charge_ns(sim, fresh * s->first_touch_ns);
}

/* }====== */

/* {====== the scheduler */

/* Timeouts that have passed wake their tasks; IO completes. */
void sched_poll_events(struct sim *sim, uint64_t upto_ns)
{
	struct sched *s = sim->sched;
	uint64_t saved = sim->now_ns;

	blk_complete(sim, upto_ns);
	for (int id = 1; id < s->nr_ids; id++) {
		struct task *p = &s->tasks[id];

		if (p->state != TASK_INTERRUPTIBLE &&
		    p->state != TASK_UNINTERRUPTIBLE)
			continue;
		if (p->timeout_ns > upto_ns)
			continue;
		ttwu_do_activate(sim, p, p->timeout_ns);
	}
	sim->now_ns = saved;
}

/* The earliest moment something asleep becomes runnable. */
static uint64_t sched_next_event(const struct sim *sim)
{
	const struct sched *s = sim->sched;
	uint64_t next = blk_next_event(sim);

	for (int id = 1; id < s->nr_ids; id++) {
		const struct task *p = &s->tasks[id];

		if ((p->state == TASK_INTERRUPTIBLE ||
		     p->state == TASK_UNINTERRUPTIBLE) &&
		    p->timeout_ns < next)
			next = p->timeout_ns;
	}
	return next;
}

/*
 * The thread a CPU at time t runs next. One that stopped to let a timer
 * or an IO completion wake someone goes on unless it was unprotected and
 * the queue now chooses a task just woken (check_preempt_wakeup_fair());
 * one that ran to the tick inside its request goes on (RUN_TO_PARITY);
 * else the queue's choice, where a delayed sleeper chosen leaves the
 * queue and the queue chooses again (pick_next_entity()). 0: none may
 * run yet.
 */
static int pick_next_task(struct sim *sim, uint64_t t, int cpu)
{
	struct sched *s = sim->sched;
	int r = s->resume, k = s->keep[cpu], id;

	if (r && entity_on_rq(&s->tasks[r]) && s->runnable_at[r] <= t) {
		int best = pick_eevdf(sim, t, cpu);

		return s->resume_protect || !best || !s->woke[best] ? r : best;
	}
	if (k && entity_on_rq(&s->tasks[k]) && !s->ran_out[k] &&
	    s->runnable_at[k] <= t)
		return k;
	while ((id = pick_eevdf(sim, t, cpu)) && s->tasks[id].se.sched_delayed)
		finish_delayed_dequeue_entity(sim, &s->tasks[id]);
	return id;
}

/*
 * An idle CPU at time t: the next time anything it could do changes. A
 * timer or an IO completion, a queued thread that may not run before
 * then, or, while a thread bound to another CPU (a kworker) waits for
 * it, that CPU's turn: its clock runs ahead, and this one idles until
 * it has passed it (pick_cpu()). UINT64_MAX: nothing until the tick ends.
 */
static uint64_t idle_until(const struct sim *sim, int cpu, uint64_t t)
{
	const struct sched *s = sim->sched;
	uint64_t next = sched_next_event(sim);
	bool waiting = false;

	if (next <= t)
		return t + 1;
	for (int id = 1; id < s->nr_ids; id++) {
		if (!entity_on_rq(&s->tasks[id]) || s->ran_out[id])
			continue;
		if (s->runnable_at[id] <= t)
			waiting = true;
		else if (s->runnable_at[id] < next)
			next = s->runnable_at[id];
	}
	/* a tie goes to the lower-numbered CPU */
	for (int c = 0; waiting && c < sim->cfg.nr_cpus; c++) {
		uint64_t turn = s->cpu_clock[c] + (c > cpu);

		if (c != cpu && turn > t && turn < next)
			next = turn;
	}
	return waiting && next == UINT64_MAX ? t + 1 : next;
}

/* The CPU whose clock is furthest behind (ties: lowest number). */
static int pick_cpu(const struct sim *sim)
{
	const struct sched *s = sim->sched;
	int best = 0;

	for (int cpu = 1; cpu < sim->cfg.nr_cpus; cpu++)
		if (s->cpu_clock[cpu] < s->cpu_clock[best])
			best = cpu;
	return best;
}

static void tick_begin(struct sim *sim)
{
	struct sched *s = sim->sched;

	s->tick_end = (sim->now_ns / TICK_NSEC + 1) * TICK_NSEC;
	/* a CPU whose thread worked past the last tick starts late */
	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++)
		if (s->cpu_clock[cpu] < sim->now_ns)
			s->cpu_clock[cpu] = sim->now_ns;
	memset(s->ran_out, 0, sizeof(s->ran_out));
	s->in_tick = true;
}

/*
 * Run task id on cpu from the CPU's clock until it sleeps, uses up the
 * jiffy or parks at a step point. The thread's time is the CPU's clock.
 */
static void run_task(struct sim *sim, int id, int cpu)
{
	struct sched *s = sim->sched;
	struct task *p = &s->tasks[id];
	int prev = s->current;
	bool resumed = s->resume == id, unparked = s->parked == id;
	int ret;

	if (s->cpu_clock[cpu] < s->runnable_at[id])
		s->cpu_clock[cpu] = s->runnable_at[id];
	sim->now_ns = s->cpu_clock[cpu];
	s->current = id;
	s->cpu_running = cpu;
	p->cpu = cpu;
	sim->step_armed &= ~STEP_ARMED_RESCHED;
	s->timer_due = UINT64_MAX;
	/* a switch costs only when the CPU ran someone else last */
	if (!unparked && !resumed && s->cpu_last[cpu] != id)
		charge_ns(sim, s->switch_ns);
	s->cpu_last[cpu] = id;
	if (!unparked)
		memset(s->woke, 0, sizeof(s->woke));
	s->parked = 0;
	s->resume = 0;
	if (s->keep[cpu] == id)
		s->keep[cpu] = 0;
	uint64_t start = sim->now_ns;

	if (unparked) {
		/* a step point stopped it mid-run: as it was */
		if (s->park_resched)
			sim->step_armed |= STEP_ARMED_RESCHED;
		s->timer_due = s->park_timer_due;
	} else {
		set_next_entity(sim, p);
		if (resumed)
			task_cfs_rq(sim)->protect = s->resume_protect;
		if (sim->cfg.nr_cpus == 1)
			s->timer_due = sched_next_event(sim);
	}

	if (coro_resume(p->coro, &ret)) {
		if (p->wait)
			p->wait->nr_waiters--;
		p->wait = NULL;
		if (p->flags & PF_KTHREAD) {
			/* the thread function returned: do_exit() */
			p->state = TASK_DEAD;
		} else {
			/* a workload ended: Lua drives the task again */
			workload_exit(sim, p);
			coro_destroy(p->coro);
			p->coro = NULL;
			p->state = p->oom_victim ? TASK_DEAD : TASK_RUNNING;
		}
	}
	s->cpu_clock[cpu] = sim->now_ns;
	if (s->parked) {
		s->park_resched = sim->step_armed & STEP_ARMED_RESCHED;
		s->park_timer_due = s->timer_due;
	} else if (p->state == TASK_RUNNING) {
		/*
		 * The tick (task_tick_fair()) takes the CPU from a thread
		 * whose request has ended; one still inside it runs on,
		 * first on its CPU in the next jiffy.
		 */
		bool used = update_curr(sim);

		s->runnable_at[id] = sim->now_ns;
		if (sim->now_ns >= s->tick_end) {
			s->ran_out[id] = true;
			if (!used)
				s->keep[cpu] = id;
		} else {
			s->resume = id;
			s->resume_protect = curr_protected(sim);
		}
	}
	p->sum_exec_runtime += sim->now_ns - start;
	sim->step_armed &= ~STEP_ARMED_RESCHED;
	s->timer_due = UINT64_MAX;
	s->cpu_running = -1;
	s->current = prev;
}

/*
 * Run the tick in progress (or a new one) until it ends or a thread parks
 * at a step point. Returns true if the tick ended.
 */
static bool sched_run_tick(struct sim *sim)
{
	struct sched *s = sim->sched;
	int lua = s->current;

	if (!s->in_tick)
		tick_begin(sim);
	if (s->parked) {
		int id = s->parked;

		run_task(sim, id, s->tasks[id].cpu);
		if (s->parked) {
			trace_flush(sim);
			return false;
		}
	}
	for (;;) {
		int cpu = pick_cpu(sim);
		uint64_t t = s->cpu_clock[cpu];
		int id;

		if (t >= s->tick_end)
			break;
		sched_poll_events(sim, t);
		id = pick_next_task(sim, t, cpu);
		if (id) {
			run_task(sim, id, cpu);
			if (s->parked) {
				trace_flush(sim);
				return false;
			}
			continue;
		}
		/* idle until the next wakeup, IO completion or the tick's end */
		uint64_t next = idle_until(sim, cpu, t);

		s->cpu_clock[cpu] = next < s->tick_end ? next : s->tick_end;
		s->cpu_last[cpu] = 0; /* the idle task ran */
	}
	sim->now_ns = s->tick_end;
	sched_poll_events(sim, sim->now_ns);
	s->in_tick = false;
	vmstat_update(sim);
	history_record(sim);
	trace_flush(sim);
	s->current = lua;
	return true;
}

bool sched_in_tick(const struct sim *sim)
{
	return sim->sched && sim->sched->in_tick;
}

/*
 * A task Lua drives went to sleep: run everyone else, tick by tick, until
 * it is woken or its timeout passes.
 */
static void sched_drive_until_woken(struct sim *sim, struct task *p)
{
	struct sched *s = sim->sched;
	int saved_step = sim->step_armed & STEP_ARMED_STEP;

	/* a nested run never stops at step points: its caller cannot wait */
	sim->step_armed &= ~STEP_ARMED_STEP;
	s->driving++;
	while (p->state == TASK_INTERRUPTIBLE ||
	       p->state == TASK_UNINTERRUPTIBLE) {
		if (sim->now_ns >= p->timeout_ns) {
			p->state = TASK_RUNNING;
			break;
		}
		sched_run_tick(sim);
		if (s->parked)
			s->parked = 0;
	}
	s->driving--;
	sim->step_armed |= saved_step;
}

bool sched_parked(const struct sim *sim, int *id)
{
	if (!sim->sched || !sim->sched->parked)
		return false;
	if (id)
		*id = sim->sched->parked;
	return true;
}

void sched_set_parked(struct sim *sim, int id)
{
	sim->sched->parked = id;
}

bool sched_stepping_allowed(const struct sim *sim)
{
	return sim->sched && !sim->sched->driving;
}

/* }====== */

/* {====== boot */

int sched_init(struct sim *sim)
{
	struct sched *s = calloc(1, sizeof(*s));
	int id;

	if (!s)
		return -ENOMEM;
	sim->sched = s;
	for (int i = 0; i < NR_SIM_COSTS; i++)
		s->cost_ns[i] = scale_cost(sim_cost_ns[i], sim->cfg.cpu_speed);
	s->switch_ns = scale_cost(SWITCH_NS, sim->cfg.cpu_speed);
	if (sim->cfg.first_touch_ns) {
		s->first_touch_ns =
			scale_cost(sim->cfg.first_touch_ns, sim->cfg.cpu_speed);
		s->touched = bitmap_zalloc(sim->pages.nr);
		if (!s->touched)
			return -ENOMEM;
	}
	sched_fair_init(&s->cfs, sim->cfg.nr_cpus);
	s->nr_ids = 1;
	s->next_pid = 1;
	s->cpu_running = -1;
	s->timer_due = UINT64_MAX;
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];

		init_waitqueue_head(&pgdat->kswapd_wait);
		init_waitqueue_head(&pgdat->pfmemalloc_wait);
		for (int i = 0; i < 4; i++)
			init_waitqueue_head(&pgdat->reclaim_wait[i]);
	}
	/* pid 1: the task Lua's alloc() acts as */
	id = task_create(sim, "init", 0, 0);
	if (id < 0)
		return id;
	s->lua_task = id;
	s->current = id;
	return 0;
}

/*
 * By the time userspace runs, the kthreads started at boot have run to
 * their first sleep (kswapd naps in kswapd_try_to_sleep(), the flusher
 * waits for work): run each once at time 0, on the boot CPU, and leave
 * the clock at 0 so the machine still boots at jiffies 0.
 */
static void sched_boot_kthreads(struct sim *sim)
{
	struct sched *s = sim->sched;

	tick_begin(sim);
	for (int id = 1; id < s->nr_ids; id++)
		if ((s->tasks[id].flags & PF_KTHREAD) &&
		    s->tasks[id].state == TASK_RUNNING)
			run_task(sim, id, 0);
	s->in_tick = false;
	sim->now_ns = 0;
	memset(s->cpu_clock, 0, sizeof(s->cpu_clock));
	memset(s->cpu_last, 0, sizeof(s->cpu_last));
}

int sched_start_kthreads(struct sim *sim)
{
	char comm[TASK_COMM_LEN + 8];
	int id;

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];

		/* mm/vmscan.c: kswapd_run() */
		snprintf(comm, sizeof(comm), "kswapd%d", nid & 0xffff);
		kswapd_init_node(pgdat);
		id = kthread_run(sim, kswapd, pgdat, nid, comm);
		if (id < 0)
			return id;
		sim->sched->tasks[id].flags |= PF_MEMALLOC | PF_KSWAPD;
		pgdat->kswapd = id;
	}
	id = kthread_run(sim, flusher_thread, sim, 0, "flusher");
	if (id < 0)
		return id;
	id = workqueue_init(sim);
	if (id < 0)
		return id;
	sched_boot_kthreads(sim);
	return 0;
}

int reclaim_engine_init(struct sim *sim)
{
	int ret;

	ret = sched_init(sim);
	if (!ret)
		ret = step_init(sim);
	if (!ret)
		ret = trace_init(sim);
	if (!ret)
		ret = swap_init(sim);
	if (!ret)
		ret = writeback_init(sim);
	if (!ret)
		ret = vmpressure_init(sim);
	if (!ret)
		ret = slab_init(sim);
	if (!ret)
		ret = sched_start_kthreads(sim);
	return ret;
}

void reclaim_engine_exit(struct sim *sim)
{
	sched_exit(sim);
	workqueue_exit(sim);
	vmpressure_exit(sim);
	history_exit(sim);
	slab_exit(sim);
	writeback_exit(sim);
	swap_exit(sim);
	trace_exit(sim);
	step_exit(sim);
}

void sched_exit(struct sim *sim)
{
	struct sched *s = sim->sched;

	if (!s)
		return;
	for (int id = 1; id < s->nr_ids; id++) {
		workload_exit(sim, &s->tasks[id]);
		coro_destroy(s->tasks[id].coro);
		blk_plug_free(&s->tasks[id]);
	}
	free(s->touched);
	free(s);
	sim->sched = NULL;
}

/* }====== */

/* {====== public API */

uint64_t sim_now_ns(const struct sim *sim)
{
	return sim->now_ns;
}

unsigned long sim_jiffies(const struct sim *sim)
{
	return jiffies_of(sim);
}

void sim_tick(struct sim *sim)
{
	int saved_step = sim->step_armed & STEP_ARMED_STEP;

	sim->step_armed &= ~STEP_ARMED_STEP;
	while (!sched_run_tick(sim))
		sim->sched->parked = 0;
	sim->step_armed |= saved_step;
}

int sim_run(struct sim *sim, unsigned long ticks)
{
	for (unsigned long i = 0; i < ticks; i++)
		sim_tick(sim);
	return 0;
}

/* step.c: run until a thread parks; true if one did */
bool sched_step_ticks(struct sim *sim, unsigned long max_ticks)
{
	for (unsigned long i = 0; i < max_ticks; i++) {
		if (!sched_run_tick(sim))
			return true;
	}
	return false;
}

static const char *task_state_name(const struct task *p)
{
	switch (p->state) {
	case TASK_RUNNING:
		return "running";
	case TASK_INTERRUPTIBLE:
		return "sleeping";
	case TASK_UNINTERRUPTIBLE:
		return "blocked";
	default:
		return "dead";
	}
}

int sim_task_create(struct sim *sim, const char *comm, int nid,
		    int oom_score_adj)
{
	return task_create(sim, comm, nid, oom_score_adj);
}

int sim_task_default(const struct sim *sim)
{
	return sim->sched ? sim->sched->lua_task : 0;
}

int sim_task_current(const struct sim *sim)
{
	return current_id(sim);
}

int sim_task_set_current(struct sim *sim, int id)
{
	struct task *p = task_of(sim, id);
	int prev;

	if (!p || p->coro || p->state == TASK_DEAD)
		return -ESRCH;
	prev = sim->sched->current;
	sim->sched->current = id;
	return prev;
}

int sim_task_info(const struct sim *sim, int id, struct sim_task_info *info)
{
	const struct task *p = task_of(sim, id);

	if (!p)
		return -ESRCH;
	*info = (struct sim_task_info){ 0 };
	info->id = p->id;
	info->pid = p->pid;
	info->comm = p->comm;
	info->nid = p->nid;
	info->oom_score_adj = p->oom_score_adj;
	info->state = task_state_name(p);
	info->kthread = p->flags & PF_KTHREAD;
	info->runtime_ns = p->sum_exec_runtime;
	info->working = !(p->flags & PF_KTHREAD) && p->coro;
	info->delayed = p->se.sched_delayed;
	info->on_rq = entity_queued(p);
	if (info->on_rq) {
		info->lag_ns = avg_vruntime(sim) - p->se.vruntime;
		info->eligible = info->lag_ns >= 0;
	} else {
		info->lag_ns = p->se.vlag;
	}
	for (unsigned int r = 1; r < sim->nr_regions; r++) {
		const struct region *reg = &sim->regions[r];

		if (reg->freed || reg->task != id || !reg->pte)
			continue;
		for (unsigned long i = 0; i < reg->nr_pages; i++) {
			uint64_t pte = reg->pte[i];

			/* get_mm_rss(): mapped pages, not unmapped page cache */
			if (PTE_TAG(pte) == PTE_PRESENT &&
			    PageFlag(&sim->pages, (unsigned long)PTE_VAL(pte),
				     PG_mapped))
				info->rss++;
			else if (PTE_TAG(pte) == PTE_SWAP)
				info->swapents++;
		}
	}
	return 0;
}

int sim_task_find(const struct sim *sim, const char *comm)
{
	for (int id = 1; id < nr_task_ids(sim); id++) {
		const struct task *p = &sim->sched->tasks[id];

		if (p->state != TASK_DEAD && !strcmp(p->comm, comm))
			return id;
	}
	return -ESRCH;
}

int sim_task_max(const struct sim *sim)
{
	return nr_task_ids(sim);
}

/* }====== */
