/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory pressure as reclaim measures it (mm/vmpressure.c): the share of
 * scanned pages that reclaim could not free, taken every 512 pages
 * scanned, for the root memory cgroup (the only one modelled).
 */
#ifndef KSS_CORE_VMPRESSURE_H
#define KSS_CORE_VMPRESSURE_H

#include <stdbool.h>

#include "gfp.h"
#include "internal.h"
#include "workqueue.h"

/* include/linux/vmpressure.h: enum vmpressure_levels */
enum vmpressure_levels {
	VMPRESSURE_LOW,
	VMPRESSURE_MEDIUM,
	VMPRESSURE_CRITICAL,
	VMPRESSURE_NUM_LEVELS,
};

/* include/linux/vmpressure.h: struct vmpressure, the tree counters */
struct vmpressure {
	unsigned long tree_scanned;
	unsigned long tree_reclaimed;
	struct work_struct work;
	/* what the last work found: the pressure (%) and its level */
	unsigned int pressure;
	enum vmpressure_levels level;
	unsigned long events[VMPRESSURE_NUM_LEVELS]; /* works run, by level */
};

/* mm/vmpressure.c: vmpressure() for the root memcg's tree */
void vmpressure(struct sim *sim, gfp_t gfp_mask, unsigned long scanned,
		unsigned long reclaimed);
/* mm/vmpressure.c: vmpressure_prio(): direct reclaim at priority prio */
void vmpressure_prio(struct sim *sim, gfp_t gfp_mask, int prio);

int vmpressure_init(struct sim *sim);
void vmpressure_exit(struct sim *sim);

#endif /* KSS_CORE_VMPRESSURE_H */
