// SPDX-License-Identifier: GPL-2.0-only
/*
 * Workloads that run as tasks on their own stacks: a program that maps a
 * region and touches `rate` of its pages every `every` jiffies, faulting
 * them in as it goes (and so allocating, waking kswapd, entering direct
 * reclaim and sleeping in reclaim_throttle() as the kernel's tasks do, all
 * of which single-stepping can stop in). The shapes of the classic
 * demonstrations:
 *
 *   steady allocator   anon, no cycle: grows by rate pages a period
 *   anon leaker        the same, slowly, until OOM
 *   streaming reader   file larger than memory, cycle: use-once pages
 *   cyclic working set file or anon smaller than memory, cycle
 *   burst              hold: fill size pages, keep them hold jiffies, free
 *
 * A workload with a burst size touches that many pages back to back and
 * paces the bursts to keep rate pages every `every` jiffies on average:
 * 1024 pages at 256 a jiffy start a burst every 4 jiffies (16 ms). A
 * burst that takes longer than its share (a slow CPU, direct reclaim) is
 * followed at once by the next, as a program that writes as fast as it
 * can and never sleeps.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

#include "sched.h"
#include "step.h"
#include "swap.h"
#include "writeback.h"

struct workload {
	struct sim *sim;
	int task;
	struct sim_workload w;
	unsigned int region;
	unsigned long cursor; /* next page to touch */
	unsigned long passes; /* through the whole region, done */
	uint64_t burst_start_ns; /* when the burst in hand began */
	bool stop;
};

static bool workload_dead(const struct workload *wl)
{
	const struct task *p = task_of(wl->sim, wl->task);

	return wl->stop || !p || p->state == TASK_DEAD || p->oom_victim;
}

static int workload_map(struct workload *wl)
{
	struct sim_alloc_request req = {
		.nr_pages = wl->w.size,
		.nid = -1,
		.kind = wl->w.kind,
		.mapped = wl->w.mapped,
		.sparse = wl->w.sparse,
		.sendfile = wl->w.sendfile,
		.task = wl->task,
	};

	wl->cursor = 0;
	return sim_mmap(wl->sim, &req, &wl->region);
}

/* mm/page-writeback.c: a task's first nr_dirtied_pause, 128 KiB of pages */
#define DIRTY_POLL_PAGES 32

/* One period: touch nr pages from the cursor on. */
static void workload_period(struct workload *wl, unsigned long nr)
{
	struct sim *sim = wl->sim;
	unsigned long nr_dirtied = 0;

	for (unsigned long n = 0; n < nr; n++) {
		int ret;

		if (wl->cursor >= wl->w.size) {
			if (!wl->w.cycle)
				break;
			wl->cursor = 0;
		}
		if (wl->w.passes && wl->passes >= wl->w.passes) {
			wl->stop = true;
			return;
		}
		ret = access_page(sim, wl->region, wl->cursor, wl->w.dirty);
		if (workload_dead(wl))
			return;
		if (ret < 0)
			break; /* out of memory: try again next period */
		nr_dirtied += (unsigned long)ret;
		if (++wl->cursor == wl->w.size)
			wl->passes++;
		/*
		 * generic_perform_write() calls balance_dirty_pages_ratelimited()
		 * after each folio; it looks at the limits once the task has
		 * dirtied nr_dirtied_pause pages since (32 to begin with).
		 */
		if (nr_dirtied >= DIRTY_POLL_PAGES) {
			balance_dirty_pages_ratelimited(sim, nr_dirtied);
			nr_dirtied = 0;
		}
		cond_resched(sim);
	}
	if (nr_dirtied)
		balance_dirty_pages_ratelimited(sim, nr_dirtied);
}

/*
 * After a burst: sleep until the next is due, burst * every / rate
 * jiffies after this one began (1024 pages at 256 a jiffy: 16000000 ns
 * later), as clock_nanosleep() would, on no tick. Past due: on at once.
 */
static void workload_pace(struct workload *wl)
{
	struct sim *sim = wl->sim;
	double share = (double)wl->w.burst * (double)wl->w.every *
		       (double)TICK_NSEC / (double)wl->w.rate;
	uint64_t due = wl->burst_start_ns + (uint64_t)share;

	if (due > sim->now_ns) {
		set_current_state(sim, TASK_INTERRUPTIBLE);
		schedule_hrtimeout(sim, due);
	}
}

/* The task's body: period after period until stopped or killed. */
static int workload_fn(void *data)
{
	struct workload *wl = data;
	struct sim *sim = wl->sim;

	while (!workload_dead(wl)) {
		wl->burst_start_ns = sim->now_ns;
		workload_period(wl, wl->w.burst ? wl->w.burst : wl->w.rate);
		if (workload_dead(wl))
			break;
		if (wl->w.hold && wl->cursor >= wl->w.size) {
			schedule_timeout_interruptible(sim, wl->w.hold);
			if (workload_dead(wl))
				break;
			sim_free(sim, wl->region);
			if (workload_map(wl))
				break;
		}
		if (wl->w.burst)
			workload_pace(wl);
		else
			schedule_timeout_interruptible(sim, (long)wl->w.every);
	}
	/* SIGKILL: the task never returns to its program */
	if (task_of(sim, wl->task) && task_of(sim, wl->task)->oom_victim)
		do_exit(sim, task_of(sim, wl->task));
	return 0;
}

int sim_task_start(struct sim *sim, int id, const struct sim_workload *w,
		   unsigned int *region)
{
	struct task *p = task_of(sim, id);
	struct workload *wl;
	int ret;

	if (!p || p->state == TASK_DEAD || (p->flags & PF_KTHREAD))
		return -ESRCH;
	if (p->coro)
		return -EBUSY;
	if ((w->kind != SIM_KIND_ANON && w->kind != SIM_KIND_FILE) ||
	    !w->size || !w->rate || !w->every || w->size >= UINT32_MAX / 2 ||
	    w->burst >= UINT32_MAX / 2)
		return -EINVAL;
	wl = calloc(1, sizeof(*wl));
	if (!wl)
		return -ENOMEM;
	wl->sim = sim;
	wl->task = id;
	wl->w = *w;
	/* mmap() now; the pages come as the task touches them */
	ret = workload_map(wl);
	if (ret) {
		free(wl);
		return ret;
	}
	p->coro = coro_create(workload_fn, wl);
	if (!p->coro) {
		sim_free(sim, wl->region);
		free(wl);
		return -ENOMEM;
	}
	p->threadfn = workload_fn;
	p->data = wl;
	p->state = TASK_RUNNING;
	if (current_id(sim) == id)
		sim_task_set_current(sim, sim_task_default(sim));
	sched_make_runnable(sim, p);
	if (region)
		*region = wl->region;
	return 0;
}

int sim_task_stop(struct sim *sim, int id)
{
	struct task *p = task_of(sim, id);

	if (!p || !p->coro || p->threadfn != workload_fn)
		return -ESRCH;
	((struct workload *)p->data)->stop = true;
	wake_up_process(sim, p);
	return 0;
}

/* sched.c: the workload's thread returned; the task is Lua's again */
void workload_exit(struct sim *sim, struct task *p)
{
	(void)sim;
	if (p->threadfn != workload_fn)
		return;
	free(p->data);
	p->data = NULL;
	p->threadfn = NULL;
}
