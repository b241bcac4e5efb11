// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/sched/fair.c, the EEVDF of 6.12, for tasks that all run at nice
 * 0 on one run queue. Each task has a virtual runtime, which its running
 * advances, and a request of one slice ending at its virtual deadline.
 * The queue's average virtual runtime V says who is owed time: a task at
 * or behind V is eligible, and of the eligible the earliest deadline
 * runs. A task that sleeps keeps what it was owed (its lag) and comes
 * back that far behind V. One that sleeps while it owes time stays on
 * the queue, counted in V (DELAY_DEQUEUE): woken still owing, it goes on
 * where it was; once V has passed it, it leaves when the queue would
 * pick it, or its wakeup places it at V, what it is owed forgotten
 * (DELAY_ZERO). The running task, while eligible, keeps the CPU to the
 * end of its request (RUN_TO_PARITY); then the tick, or a wakeup, lets
 * the queue choose.
 *
 * Differs: one queue for every CPU (the model runs its CPUs one after
 * another); no nice levels, groups or custom slices.
 */
#include "sched.h"

/*
 * kernel/sched/fair.c: sysctl_sched_base_slice, 0.7 ms, scaled by
 * get_update_sysctl_factor() (SCHED_TUNABLESCALING_LOG): times
 * 1 + ilog2(CPUs, at most 8). One CPU: 0.7 ms; two: 1.4 ms.
 */
void sched_fair_init(struct cfs_rq *cfs_rq, int nr_cpus)
{
	unsigned int factor = 1;

	for (int cpus = nr_cpus < 8 ? nr_cpus : 8; cpus > 1; cpus >>= 1)
		factor++;
	cfs_rq->slice = 700000ULL * factor;
	cfs_rq->min_vruntime = 0;
	cfs_rq->protect = false;
}

/*
 * kernel/sched/fair.c: avg_vruntime(): the mean virtual runtime of the
 * tasks on the queue (the running one too), counting task `also` as on
 * it and `skip` as not; *nr gets how many there are. An empty queue's
 * stays where it was last.
 */
static int64_t queue_avg(const struct sim *sim, const struct task *also,
			 const struct task *skip, long *nr)
{
	int64_t sum = 0, base = task_cfs_rq(sim)->min_vruntime;
	long n = 0;

	/* summed as offsets from a base, as the kernel does, to stay small */
	for (int id = 1; id < nr_task_ids(sim); id++) {
		const struct task *p = task_of(sim, id);

		if (p && p != skip && (p == also || entity_queued(p))) {
			sum += p->se.vruntime - base;
			n++;
		}
	}
	if (nr)
		*nr = n;
	if (!n)
		return base;
	/* rounded towards minus infinity, as the kernel's division is */
	return base + (sum >= 0 ? sum / n : -((-sum + n - 1) / n));
}

int64_t avg_vruntime(const struct sim *sim)
{
	return queue_avg(sim, NULL, NULL, NULL);
}

/* kernel/sched/fair.c: entity_eligible(): not ahead of V */
bool entity_eligible(const struct sim *sim, const struct task *p)
{
	return p->se.vruntime <= avg_vruntime(sim);
}

bool entity_before(const struct task *a, const struct task *b)
{
	if (a->se.deadline != b->se.deadline)
		return a->se.deadline < b->se.deadline;
	return a->id < b->id;
}

/*
 * kernel/sched/fair.c: entity_lag(): V - vruntime for p still on the
 * queue, within two slices or a tick
 */
static int64_t entity_lag(const struct sim *sim, const struct task *p)
{
	uint64_t slice = task_cfs_rq(sim)->slice;
	int64_t limit =
		(int64_t)(2 * slice > TICK_NSEC ? 2 * slice : TICK_NSEC);
	int64_t vlag = queue_avg(sim, p, NULL, NULL) - p->se.vruntime;

	return vlag < -limit ? -limit : vlag > limit ? limit : vlag;
}

/*
 * kernel/sched/fair.c: place_entity(), for a task p joining the queue:
 * it stands its lag behind V, the lag scaled by (n + 1) / n for the n
 * tasks already there, so that its joining does not move V by what it
 * is owed (PLACE_LAG; alone on the queue, at V); a new task's first
 * request is half a slice (PLACE_DEADLINE_INITIAL).
 */
void place_entity(struct sim *sim, struct task *p, bool initial)
{
	struct cfs_rq *cfs_rq = task_cfs_rq(sim);
	int64_t vslice = (int64_t)cfs_rq->slice, lag = 0;
	long n;
	int64_t V = queue_avg(sim, NULL, p, &n);

	if (initial) {
		p->se.vruntime = V;
		p->se.deadline = V + vslice / 2;
		return;
	}
	if (p->se.vlag && n)
		lag = p->se.vlag * (n + 1) / n;
	p->se.vruntime = V - lag;
	p->se.deadline = p->se.vruntime + vslice;
}

/*
 * kernel/sched/fair.c: update_min_vruntime(): the queue's time never goes
 * back; it follows the least virtual runtime on the queue (the running
 * task's too), and an empty queue's stays where it was.
 */
static void update_min_vruntime(struct sim *sim)
{
	struct cfs_rq *cfs_rq = task_cfs_rq(sim);
	bool any = false;
	int64_t least = 0;

	for (int id = 1; id < nr_task_ids(sim); id++) {
		const struct task *p = task_of(sim, id);

		if (p && entity_queued(p) && (!any || p->se.vruntime < least)) {
			least = p->se.vruntime;
			any = true;
		}
	}
	if (any && least > cfs_rq->min_vruntime)
		cfs_rq->min_vruntime = least;
}

/*
 * kernel/sched/fair.c: dequeue_entity() for a task going to sleep. One
 * ahead of V owes the others time: it stays on the queue, delayed
 * (DELAY_DEQUEUE), so that sleeping does not clear its debt, and keeps
 * its place and its request. One at or behind V leaves with its lag.
 */
void dequeue_entity(struct sim *sim, struct task *p)
{
	if (p == current_task(sim))
		update_curr(sim);
	if (p->se.vruntime > queue_avg(sim, p, NULL, NULL)) {
		p->se.sched_delayed = true;
		return;
	}
	p->se.vlag = entity_lag(sim, p);
	update_min_vruntime(sim);
}

/*
 * kernel/sched/fair.c: pick_next_entity() found a delayed task the
 * queue's choice: it now leaves (finish_delayed_dequeue_entity()). Being
 * chosen, it is eligible: it is owed time, which DELAY_ZERO forgets, so
 * that it wakes at V.
 */
void finish_delayed_dequeue_entity(struct sim *sim, struct task *p)
{
	p->se.vlag = entity_lag(sim, p);
	if (p->se.vlag > 0)
		p->se.vlag = 0;
	p->se.sched_delayed = false;
	update_min_vruntime(sim);
}

/*
 * kernel/sched/fair.c: requeue_delayed_entity(): a delayed task woken.
 * Still owing, it goes on where it was, with the request it had; once
 * V has passed it, it stands at V with a new request (DELAY_ZERO).
 */
void requeue_delayed_entity(struct sim *sim, struct task *p)
{
	p->se.sched_delayed = false;
	if (queue_avg(sim, p, NULL, NULL) - p->se.vruntime > 0) {
		p->se.vlag = 0;
		place_entity(sim, p, false);
	}
}

/* kernel/sched/fair.c: set_next_entity(): picked, and protected */
void set_next_entity(struct sim *sim, struct task *p)
{
	p->se.exec_start = sim->now_ns;
	task_cfs_rq(sim)->protect = true;
}

/*
 * kernel/sched/fair.c: update_curr() and update_deadline(): the running
 * task's virtual runtime advances by the time it ran; past its deadline
 * it makes a new request of one slice and loses the protection of the
 * old. Returns true once the running task's request has ended.
 */
bool update_curr(struct sim *sim)
{
	struct cfs_rq *cfs_rq = task_cfs_rq(sim);
	struct task *curr = current_task(sim);

	if (!curr || !curr->coro || curr->state == TASK_DEAD)
		return false;
	curr->se.vruntime += (int64_t)(sim->now_ns - curr->se.exec_start);
	curr->se.exec_start = sim->now_ns;
	if (curr->se.vruntime >= curr->se.deadline) {
		curr->se.deadline = curr->se.vruntime + (int64_t)cfs_rq->slice;
		cfs_rq->protect = false;
	}
	update_min_vruntime(sim);
	return !cfs_rq->protect;
}

/*
 * kernel/sched/fair.c: pick_eevdf()'s RUN_TO_PARITY: the running task
 * keeps the CPU only inside its request and while it is eligible.
 */
bool curr_protected(const struct sim *sim)
{
	const struct task *curr = current_task(sim);

	return curr && task_cfs_rq(sim)->protect && entity_eligible(sim, curr);
}
