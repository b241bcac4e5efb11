/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Work items and the per-CPU workers that run them (kernel/workqueue.c):
 * schedule_work() queues a work item on the system workqueue of the CPU
 * it is called on and wakes that CPU's kworker, a kernel thread that
 * runs every queued item and sleeps again. A work item already queued is
 * not queued twice.
 */
#ifndef KSS_CORE_WORKQUEUE_H
#define KSS_CORE_WORKQUEUE_H

#include <stdbool.h>

#include "internal.h"

struct work_struct;
typedef void (*work_func_t)(struct sim *sim, struct work_struct *work);

/* include/linux/workqueue_types.h: struct work_struct */
struct work_struct {
	work_func_t func;
	bool pending; /* WORK_STRUCT_PENDING: queued, not yet run */
	struct work_struct *next; /* the worker's queue */
};

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->func = func;
	work->pending = false;
	work->next = NULL;
}

/* queue work on the current CPU's system workqueue; false if queued */
bool schedule_work(struct sim *sim, struct work_struct *work);

/* start one kworker per CPU (at boot, after kswapd and the flusher) */
int workqueue_init(struct sim *sim);
void workqueue_exit(struct sim *sim);

#endif /* KSS_CORE_WORKQUEUE_H */
