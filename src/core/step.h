/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Coroutines and yield points. kswapd<nid>, the flusher and each direct
 * reclaimer that runs as a task have their own stack; the reclaim code
 * reads like mm/vmscan.c and marks the places a lecturer may stop at with
 * STEP_POINT(sim, granularity). When nobody steps and no task has used up
 * its jiffy, a yield point is one predictable branch on sim->step_armed.
 *
 * Granularities nest: stepping "batch" stops at the next point marked
 * STEP_BATCH or coarser (STEP_LRU ... STEP_BALANCE); "line" stops at every
 * point, and at each STEP_DECISION() too: shrink_folio_list() has one
 * before every decision it takes on a folio.
 */
#ifndef KSS_CORE_STEP_H
#define KSS_CORE_STEP_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

struct scan_control;

/* The granularities of sim_step(), finest first (enum sim_step_gran). */
#define STEP_LINE SIM_STEP_LINE /* any yield point */
#define STEP_PAGE SIM_STEP_PAGE /* one folio decided */
#define STEP_BATCH SIM_STEP_BATCH /* one SWAP_CLUSTER_MAX isolation */
#define STEP_LRU SIM_STEP_LRU /* one list shrunk */
#define STEP_NODE SIM_STEP_NODE /* one shrink_node() */
#define STEP_PRIORITY SIM_STEP_PRIORITY /* one pass of balance_pgdat's loop */
#define STEP_BALANCE SIM_STEP_BALANCE /* one whole balance_pgdat() */

/*
 * A yield point. __func__ and __LINE__ name the place in the engine's own
 * source, which the UI shows from the embedded text (cmake/embed.cmake).
 */
#define STEP_POINT(sim, gran)                                         \
	do {                                                          \
		if (__builtin_expect((sim)->step_armed, 0))           \
			step_point((sim), (gran), __func__, __FILE__, \
				   __LINE__);                         \
	} while (0)

/*
 * A stop for step("line") before one decision of the model, such as the
 * verdict on a folio's references in shrink_folio_list(). It parks only a
 * reclaimer stepped line by line: unlike STEP_POINT() it never yields for
 * a used-up jiffy, so a run that does not step takes the same path, to
 * the tick, with or without these stops.
 */
#define STEP_DECISION(sim)                                                    \
	do {                                                                  \
		if (__builtin_expect((sim)->step_armed & STEP_ARMED_STEP, 0)) \
			step_decision((sim), __func__, __FILE__, __LINE__);   \
	} while (0)

/*
 * A reclaim frame: STEP_FRAME() at the top of a reclaim function links a
 * record of it into the running coroutine's chain, and the compiler's
 * cleanup attribute unlinks it on every return, so where() can show the
 * parked reclaimer's call stack like gdb's bt. It costs two stores per
 * call of a function that handles a batch of folios, not one per folio.
 * STEP_CALL() before a call notes its line, which the stack shows for
 * the caller's frame.
 */
struct step_frame {
	const char *fn;
	const char *file;
	int line;
	struct step_frame *up;
	struct coro *co;
};

void step_frame_push(struct step_frame *f);
void step_frame_pop(struct step_frame *f);

#define STEP_FRAME()                                                       \
	struct step_frame step_frame_                                      \
		__attribute__((cleanup(step_frame_pop))) = {               \
			.fn = __func__, .file = __FILE__, .line = __LINE__ \
		};                                                         \
	step_frame_push(&step_frame_)

#define STEP_CALL() (step_frame_.line = __LINE__ + 1)

/* sim->step_armed bits: someone steps; the running thread used its jiffy */
#define STEP_ARMED_STEP 0x1
#define STEP_ARMED_RESCHED 0x2

void step_point(struct sim *sim, int gran, const char *fn, const char *file,
		int line);
void step_decision(struct sim *sim, const char *fn, const char *file, int line);

/*
 * The scan_control of the pass the current task runs, for where() and
 * set_priority(); NULL when the pass ends. balance_pgdat() and
 * try_to_free_pages() register their sc on entry.
 */
void step_set_sc(struct sim *sim, struct scan_control *sc);

/* step.c: state, from sim_create()/sim_destroy() */
int step_init(struct sim *sim);
void step_exit(struct sim *sim);

/* {====== coroutines (used by sched.c) */

struct coro;

/* A coroutine that will run fn(arg) on a stack of its own. */
struct coro *coro_create(int (*fn)(void *arg), void *arg);
void coro_destroy(struct coro *co);
/*
 * Run co until it yields or returns. Returns true if it returned (its
 * value in *ret), false if it yielded.
 */
bool coro_resume(struct coro *co, int *ret);
/* From inside a coroutine: give the CPU back to whoever resumed it. */
void coro_yield(struct coro *co);
/* Is the caller running on a coroutine's stack? The one it runs, or NULL. */
struct coro *coro_current(void);

/* }====== */

#endif /* KSS_CORE_STEP_H */
