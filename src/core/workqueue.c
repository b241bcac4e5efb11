// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/workqueue.c, the part reclaim meets: the system workqueue's
 * bound workers, one per CPU, each running on its CPU only. They are
 * named kworker/CPU:1, the worker a traced 6.12 guest ran vmpressure's
 * work on (the pool's first, kworker/CPU:0, does other work there).
 * Reclaim queues vmpressure's work there every 512 pages it scans; the
 * worker's wakeup is what takes the CPU from kswapd on a small machine
 * (check_preempt_wakeup_fair() in sched.c).
 */
#include "workqueue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "sched.h"

/* a CPU's worker pool: its queue, and where its one worker sleeps */
struct worker_pool {
	struct sim *sim;
	struct work_struct *head, **tail;
	struct wait_queue_head wait;
};

struct workqueue {
	struct worker_pool pools[SIM_MAX_CPUS];
};

/*
 * kernel/workqueue.c: queue_work_on() for system_wq on the local CPU: the
 * CPU the caller runs on (Lua's calls run on CPU 0).
 */
bool schedule_work(struct sim *sim, struct work_struct *work)
{
	struct task *curr = current_task(sim);
	struct worker_pool *pool;

	if (!sim->wq || work->pending)
		return false;
	pool = &sim->wq->pools[curr && sched_in_tick(sim) ? curr->cpu : 0];
	work->pending = true;
	work->next = NULL;
	*pool->tail = work;
	pool->tail = &work->next;
	wake_up(sim, &pool->wait);
	return true;
}

/*
 * kernel/workqueue.c: worker_thread(): run what is queued, oldest first,
 * each item off the queue (and free to be queued again) before it runs;
 * then sleep until schedule_work() brings more.
 */
static int worker_thread(void *data)
{
	struct worker_pool *pool = data;
	struct sim *sim = pool->sim;

	for (;;) {
		while (pool->head) {
			struct work_struct *work = pool->head;

			pool->head = work->next;
			if (!pool->head)
				pool->tail = &pool->head;
			work->pending = false;
			work->func(sim, work);
		}
		prepare_to_wait(sim, &pool->wait, TASK_INTERRUPTIBLE);
		if (!pool->head)
			schedule_timeout(sim, MAX_SCHEDULE_TIMEOUT);
		finish_wait(sim, &pool->wait);
	}
	return 0;
}

int workqueue_init(struct sim *sim)
{
	struct workqueue *wq = calloc(1, sizeof(*wq));
	char comm[TASK_COMM_LEN + 8];

	if (!wq)
		return -ENOMEM;
	sim->wq = wq;
	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++) {
		struct worker_pool *pool = &wq->pools[cpu];
		int id;

		pool->sim = sim;
		pool->tail = &pool->head;
		init_waitqueue_head(&pool->wait);
		snprintf(comm, sizeof(comm), "kworker/%d:1", cpu);
		id = kthread_run(sim, worker_thread, pool, 0, comm);
		if (id < 0)
			return id;
		task_of(sim, id)->cpu = cpu;
		task_of(sim, id)->bound_cpu = cpu;
	}
	return 0;
}

void workqueue_exit(struct sim *sim)
{
	free(sim->wq);
	sim->wq = NULL;
}
