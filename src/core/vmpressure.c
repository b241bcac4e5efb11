// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmpressure.c for the root memory cgroup: reclaim adds what each
 * shrink_node() pass scanned and freed; every vmpressure_win (512) pages
 * scanned it queues a work item, and the kworker that runs it turns the
 * window into a pressure and a level (low, medium, critical) for anyone
 * listening. Nobody listens here; the level is kept for the reader, and
 * the work's wakeup of the kworker is a real scheduling event.
 */
#include "vmpressure.h"

#include <errno.h>
#include <stdlib.h>

#include "mmzone.h"

/* mm/vmpressure.c: the window: SWAP_CLUSTER_MAX * 16 pages scanned */
#define VMPRESSURE_WIN (SWAP_CLUSTER_MAX * 16)
/* mm/vmpressure.c: the levels' thresholds, in percent */
#define VMPRESSURE_LEVEL_MED 60
#define VMPRESSURE_LEVEL_CRITICAL 95
/* mm/vmpressure.c: below priority ilog2(100 / 10) = 3, count critical */
#define VMPRESSURE_LEVEL_CRITICAL_PRIO 3

/*
 * mm/vmpressure.c: vmpressure_calc_level(): the percentage of the
 * window reclaim scanned in vain, against the scale scanned + reclaimed
 * (reclaimed at least scanned counts as no pressure).
 */
static unsigned int vmpressure_calc_pressure(unsigned long scanned,
					     unsigned long reclaimed)
{
	unsigned long scale = scanned + reclaimed, unfreed;

	if (reclaimed >= scanned)
		return 0;
	unfreed = scale - reclaimed * scale / scanned;
	return (unsigned int)(unfreed * 100 / scale);
}

static enum vmpressure_levels vmpressure_level(unsigned int pressure)
{
	if (pressure >= VMPRESSURE_LEVEL_CRITICAL)
		return VMPRESSURE_CRITICAL;
	if (pressure >= VMPRESSURE_LEVEL_MED)
		return VMPRESSURE_MEDIUM;
	return VMPRESSURE_LOW;
}

/*
 * mm/vmpressure.c: vmpressure_work_fn(): take the window and start a new
 * one; a work queued again before it ran finds nothing and does nothing.
 */
static void vmpressure_work_fn(struct sim *sim, struct work_struct *work)
{
	struct vmpressure *vmpr = sim->vmpr;
	unsigned long scanned = vmpr->tree_scanned;

	(void)work;
	if (!scanned)
		return;
	vmpr->pressure =
		vmpressure_calc_pressure(scanned, vmpr->tree_reclaimed);
	vmpr->level = vmpressure_level(vmpr->pressure);
	vmpr->events[vmpr->level]++;
	vmpr->tree_scanned = 0;
	vmpr->tree_reclaimed = 0;
}

/*
 * mm/vmpressure.c: vmpressure() with tree set, as shrink_node() calls it
 * after each pass: allocations that could use neither highmem, movable
 * pages nor IO are not counted.
 */
void vmpressure(struct sim *sim, gfp_t gfp_mask, unsigned long scanned,
		unsigned long reclaimed)
{
	struct vmpressure *vmpr = sim->vmpr;

	if (!vmpr ||
	    !(gfp_mask & (__GFP_HIGHMEM | __GFP_MOVABLE | __GFP_IO | __GFP_FS)))
		return;
	if (!scanned)
		return;
	vmpr->tree_scanned += scanned;
	vmpr->tree_reclaimed += reclaimed;
	if (vmpr->tree_scanned < VMPRESSURE_WIN)
		return;
	schedule_work(sim, &vmpr->work);
}

/* a pass at priority 3 or below counts as a whole window freeing nothing */
void vmpressure_prio(struct sim *sim, gfp_t gfp_mask, int prio)
{
	if (prio > VMPRESSURE_LEVEL_CRITICAL_PRIO)
		return;
	vmpressure(sim, gfp_mask, VMPRESSURE_WIN, 0);
}

const char *const *sim_vmpressure_levels(void)
{
	static const char *const names[VMPRESSURE_NUM_LEVELS] = { "low",
								  "medium",
								  "critical" };

	return names;
}

void sim_vmpressure_info(const struct sim *sim,
			 struct sim_vmpressure_info *info)
{
	const struct vmpressure *vmpr = sim->vmpr;
	unsigned long works = 0;

	*info = (struct sim_vmpressure_info){ .level = "none" };
	if (!vmpr)
		return;
	info->scanned = vmpr->tree_scanned;
	info->reclaimed = vmpr->tree_reclaimed;
	info->pressure = vmpr->pressure;
	for (int i = 0; i < VMPRESSURE_NUM_LEVELS; i++) {
		info->events[i] = vmpr->events[i];
		works += vmpr->events[i];
	}
	if (works)
		info->level = sim_vmpressure_levels()[vmpr->level];
}

int vmpressure_init(struct sim *sim)
{
	sim->vmpr = calloc(1, sizeof(*sim->vmpr));
	if (!sim->vmpr)
		return -ENOMEM;
	INIT_WORK(&sim->vmpr->work, vmpressure_work_fn);
	return 0;
}

void vmpressure_exit(struct sim *sim)
{
	free(sim->vmpr);
	sim->vmpr = NULL;
}
