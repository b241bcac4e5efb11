// SPDX-License-Identifier: GPL-2.0-only
/*
 * Coroutines and single-stepping. Each kernel thread runs on a stack of
 * its own (ucontext); coro_resume() switches to it and coro_yield()
 * switches back, so exactly one stack runs at a time. Under AddressSanitizer
 * every switch is announced with __sanitizer_start_switch_fiber() and
 * __sanitizer_finish_switch_fiber(), so ASan knows which stack is live.
 *
 * A yield point (STEP_POINT()) costs one branch on sim->step_armed. When
 * someone steps, a thread reaching a point of the wanted granularity
 * records where it is and parks; when the thread has used up its jiffy it
 * yields and resumes in the next tick.
 *
 * This file alone asks for POSIX/XSI (ucontext); the rest of the core is
 * ISO C11.
 */
#define _GNU_SOURCE
#include "step.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "sched.h"
#include "vmscan.h"

#ifdef __SANITIZE_ADDRESS__
#define KSS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KSS_ASAN 1
#endif
#endif

#ifdef KSS_ASAN
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom,
				    size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save,
				     const void **bottom_old, size_t *size_old);
#define CORO_STACK_SIZE (1024 * 1024)
#else
#define CORO_STACK_SIZE (256 * 1024)
#endif

/* {====== coroutines */

struct coro {
	ucontext_t ctx;
	ucontext_t caller;
	void *stack;
	size_t stack_size;
	int (*fn)(void *arg);
	void *arg;
	int ret;
	bool done;
	struct coro *prev; /* the coroutine that resumed this one */
	struct step_frame *frames; /* STEP_FRAME(): the innermost */
	/* the resumer's stack, as ASan needs to hear of it on the way back */
	void *fake_stack;
	const void *caller_bottom;
	size_t caller_size;
};

/* the stack running now: one CPU runs one stack at a time */
static struct coro *coro_running;

struct coro *coro_current(void)
{
	return coro_running;
}

static void coro_switch_in(struct coro *co)
{
#ifdef KSS_ASAN
	__sanitizer_finish_switch_fiber(co->fake_stack, &co->caller_bottom,
					&co->caller_size);
#else
	(void)co;
#endif
}

static void coro_trampoline(unsigned int hi, unsigned int lo)
{
	struct coro *co =
		(struct coro *)(((uintptr_t)hi << 16 << 16) | (uintptr_t)lo);

	coro_switch_in(co);
	co->ret = co->fn(co->arg);
	co->done = true;
#ifdef KSS_ASAN
	/* this stack is finished: NULL tells ASan to drop its fake frames */
	__sanitizer_start_switch_fiber(NULL, co->caller_bottom,
				       co->caller_size);
#endif
	coro_running = co->prev;
	setcontext(&co->caller);
}

/* getcontext() returns twice; keep that out of coro_create()'s frame */
static __attribute__((noinline)) int coro_getcontext(ucontext_t *uc)
{
	return getcontext(uc);
}

/*
 * swapcontext(from, to) as getcontext() + setcontext(): ASan intercepts
 * swapcontext() only to print a warning on every run; the fiber calls
 * around each switch tell it what it needs.
 */
static __attribute__((noinline)) void coro_swap(ucontext_t *from,
						const ucontext_t *to)
{
	volatile int resumed = 0;

	getcontext(from);
	if (resumed)
		return;
	resumed = 1;
	setcontext(to);
}

struct coro *coro_create(int (*fn)(void *arg), void *arg)
{
	struct coro *co = calloc(1, sizeof(*co));
	uintptr_t p = (uintptr_t)co;

	if (!co)
		return NULL;
	co->stack_size = CORO_STACK_SIZE;
	co->stack = malloc(co->stack_size);
	if (!co->stack || coro_getcontext(&co->ctx)) {
		free(co->stack);
		free(co);
		return NULL;
	}
	co->fn = fn;
	co->arg = arg;
	co->ctx.uc_stack.ss_sp = co->stack;
	co->ctx.uc_stack.ss_size = co->stack_size;
	co->ctx.uc_link = NULL;
	makecontext(&co->ctx, (void (*)(void))coro_trampoline, 2,
		    (unsigned int)(p >> 16 >> 16), (unsigned int)p);
	return co;
}

void coro_destroy(struct coro *co)
{
	if (!co)
		return;
	free(co->stack);
	free(co);
}

bool coro_resume(struct coro *co, int *ret)
{
	if (co->done) {
		if (ret)
			*ret = co->ret;
		return true;
	}
	co->prev = coro_running;
	coro_running = co;
#ifdef KSS_ASAN
	void *fake = NULL;

	__sanitizer_start_switch_fiber(&fake, co->stack, co->stack_size);
#endif
	coro_swap(&co->caller, &co->ctx);
#ifdef KSS_ASAN
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
	if (co->done && ret)
		*ret = co->ret;
	return co->done;
}

void coro_yield(struct coro *co)
{
	coro_running = co->prev;
#ifdef KSS_ASAN
	__sanitizer_start_switch_fiber(&co->fake_stack, co->caller_bottom,
				       co->caller_size);
#endif
	coro_swap(&co->ctx, &co->caller);
	coro_switch_in(co);
}

void step_frame_push(struct step_frame *f)
{
	struct coro *co = coro_running;

	f->co = co;
	if (co) {
		f->up = co->frames;
		co->frames = f;
	}
}

void step_frame_pop(struct step_frame *f)
{
	if (f->co)
		f->co->frames = f->up;
}

/* }====== */

/* {====== stepping */

struct step_state {
	int gran; /* what sim_step() waits for */
	struct sim_where where; /* where the parked thread is */
	char file[64];
};

int step_init(struct sim *sim)
{
	sim->step = calloc(1, sizeof(*sim->step));
	return sim->step ? 0 : -ENOMEM;
}

void step_exit(struct sim *sim)
{
	free(sim->step);
	sim->step = NULL;
}

void step_set_sc(struct sim *sim, struct scan_control *sc)
{
	struct task *p = current_task(sim);

	if (p)
		p->sc = sc;
}

static const char *const step_gran_names[SIM_NR_STEP_GRANS] = {
	"line", "page", "batch", "lru", "node", "priority", "balance",
};

const char *sim_step_gran_name(int gran)
{
	if (gran < 0 || gran >= SIM_NR_STEP_GRANS)
		return NULL;
	return step_gran_names[gran];
}

int sim_step_gran_index(const char *name)
{
	for (int i = 0; i < SIM_NR_STEP_GRANS; i++)
		if (!strcmp(name, step_gran_names[i]))
			return i;
	return -1;
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Fill where from task p's registered scan_control. */
static void where_fill_sc(struct sim_where *w, const struct task *p)
{
	const struct scan_control *sc = p->sc;

	w->has_sc = sc != NULL;
	w->nid = p->nid;
	if (!sc)
		return;
	w->priority = sc->priority;
	w->order = sc->order;
	w->reclaim_idx = sc->reclaim_idx;
	w->gfp_mask = sc->gfp_mask;
	w->nr_scanned = sc->nr_scanned;
	w->nr_reclaimed = sc->nr_reclaimed;
	w->nr_to_reclaim = sc->nr_to_reclaim;
	w->anon_cost = sc->anon_cost;
	w->file_cost = sc->file_cost;
	w->may_writepage = sc->may_writepage;
	w->may_unmap = sc->may_unmap;
	w->may_swap = sc->may_swap;
	w->may_deactivate = sc->may_deactivate;
	w->force_deactivate = sc->force_deactivate;
	w->cache_trim_mode = sc->cache_trim_mode;
	w->file_is_tiny = sc->file_is_tiny;
	w->compaction_ready = sc->compaction_ready;
	w->kswapd = sc->kswapd;
}

/* The coroutine's reclaim frames, #0 being the stop at fn:line. */
static void where_fill_frames(struct sim_where *w, const struct coro *co,
			      const char *fn, const char *file, int line)
{
	const struct step_frame *f = co->frames;
	int n = 0;

	w->frames[n++] = (struct sim_frame){ fn, basename_of(file), line };
	/* the stop's own function is frame #0 already */
	if (f && !strcmp(f->fn, fn))
		f = f->up;
	for (; f && n < SIM_WHERE_MAX_FRAMES; f = f->up)
		w->frames[n++] = (struct sim_frame){ f->fn,
						     basename_of(f->file),
						     f->line };
	w->nr_frames = n;
}

/* The running reclaimer, if it runs on its own stack, else NULL. */
static struct task *step_task(struct sim *sim)
{
	struct task *p = current_task(sim);

	if (!p || !p->coro || coro_current() != p->coro)
		return NULL;
	return p;
}

/* Is someone stepping at gran or finer, and may this task park now? */
static bool step_wanted(const struct sim *sim, int gran)
{
	return (sim->step_armed & STEP_ARMED_STEP) && gran >= sim->step->gran &&
	       sched_stepping_allowed(sim);
}

/* Record where task p stopped, for sim_where(), and park it. */
static void step_park(struct sim *sim, struct task *p, int gran, const char *fn,
		      const char *file, int line)
{
	struct sim_where *w = &sim->step->where;

	memset(w, 0, sizeof(*w));
	w->fn = fn;
	w->file = basename_of(file);
	w->line = line;
	w->gran = gran;
	w->task = p->id;
	w->comm = p->comm;
	w->now_ns = sim->now_ns;
	where_fill_frames(w, p->coro, fn, file, line);
	sched_set_parked(sim, p->id);
	coro_yield(p->coro);
}

void step_point(struct sim *sim, int gran, const char *fn, const char *file,
		int line)
{
	struct task *p = step_task(sim);

	if (!p)
		return;
	if (step_wanted(sim, gran))
		step_park(sim, p, gran, fn, file, line);
	/* a preemption due before the stop is still due after it */
	if (sim->step_armed & STEP_ARMED_RESCHED)
		coro_yield(p->coro);
}

void step_decision(struct sim *sim, const char *fn, const char *file, int line)
{
	struct task *p = step_task(sim);

	if (p && step_wanted(sim, STEP_LINE))
		step_park(sim, p, STEP_LINE, fn, file, line);
}

int sim_where(const struct sim *sim, struct sim_where *where)
{
	int id;

	if (!sched_parked(sim, &id))
		return -ESRCH;
	*where = sim->step->where;
	where_fill_sc(where, task_of(sim, id));
	return 0;
}

/*
 * Could a reclaimer start if time ran? Not when every kswapd sleeps with
 * no timeout (only wakeup_kswapd() ends that) and no workload has a task
 * that could allocate and enter direct reclaim: then a step would only
 * move the clock, and it says so instead.
 */
static bool reclaim_can_start(const struct sim *sim)
{
	const struct task *p;

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		p = task_of(sim, sim->node_data[nid].kswapd);
		if (p &&
		    (p->state == TASK_RUNNING || p->timeout_ns != UINT64_MAX))
			return true;
	}
	for (int id = 1; (p = task_of(sim, id)); id++)
		if (!(p->flags & PF_KTHREAD) && p->coro &&
		    p->state != TASK_DEAD)
			return true;
	return false;
}

int sim_step(struct sim *sim, int gran, unsigned long max_ticks,
	     struct sim_where *where)
{
	bool parked;

	if (gran < 0 || gran >= SIM_NR_STEP_GRANS)
		return -EINVAL;
	if (!sched_parked(sim, NULL) && !reclaim_can_start(sim))
		return -ENOENT;
	sim->step->gran = gran;
	sim->step_armed |= STEP_ARMED_STEP;
	parked = sched_step_ticks(sim, max_ticks);
	sim->step_armed &= ~STEP_ARMED_STEP;
	if (!parked)
		return -EAGAIN;
	return where ? sim_where(sim, where) : 0;
}

int sim_set_priority(struct sim *sim, int priority)
{
	struct task *p;
	int id;

	if (!sched_parked(sim, &id))
		return -ESRCH;
	p = task_of(sim, id);
	if (!p || !p->sc)
		return -ESRCH;
	if (priority < 0 || priority > DEF_PRIORITY)
		return -EINVAL;
	p->sc->priority = priority;
	return 0;
}

/* }====== */
