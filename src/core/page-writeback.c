// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/page-writeback.c: the dirty limits. The global thresholds are what
 * /proc/vmstat prints as nr_dirty_threshold and
 * nr_dirty_background_threshold; the per-node limit is what
 * get_page_from_freelist() checks for __GFP_WRITE allocations. All of them
 * are computed at the moment they are read, from free pages above the
 * reserves plus the file LRU pages.
 */
#include "internal.h"

#include <limits.h>

/* {====== dirty limits */

/*
 * The model has no vm.dirty_bytes / vm.dirty_background_bytes (both 0 by
 * default, so the ratios apply) and no real-time dirtier, whose limits
 * domain_dirty_limits() would lift by a quarter.
 */

/* mm/page-writeback.c: node_dirtyable_memory() */
static unsigned long node_dirtyable_memory(const struct pglist_data *pgdat)
{
	unsigned long nr_pages = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &pgdat->node_zones[z];
		long free = zone->vm_stat[NR_FREE_PAGES];

		if (!populated_zone(zone))
			continue;
		nr_pages += free > 0 ? (unsigned long)free : 0;
	}

	/*
	 * Pages reserved for the kernel should not be considered
	 * dirtyable, to prevent a situation where reclaim has to
	 * clean pages in order to balance the zones.
	 */
	nr_pages -= nr_pages < pgdat->totalreserve_pages ?
			    nr_pages :
			    pgdat->totalreserve_pages;

	for (int lru = NR_INACTIVE_FILE; lru <= NR_ACTIVE_FILE; lru++) {
		long x = pgdat->vm_stat[lru];

		nr_pages += x > 0 ? (unsigned long)x : 0;
	}
	return nr_pages;
}

/*
 * mm/page-writeback.c: global_dirtyable_memory(). No HighMem on x86-64, so
 * highmem_dirtyable_memory() is 0.
 * Example: 100000 free pages, totalreserve_pages 3000, 20000 file LRU
 * pages -> 100000 - 3000 + 20000 + 1 = 117001.
 */
static unsigned long global_dirtyable_memory(const struct sim *sim)
{
	long free = 0, file = 0;
	unsigned long x;

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];

		for (int z = 0; z < MAX_NR_ZONES; z++)
			free += pgdat->node_zones[z].vm_stat[NR_FREE_PAGES];
		file += pgdat->vm_stat[NR_INACTIVE_FILE];
		file += pgdat->vm_stat[NR_ACTIVE_FILE];
	}
	x = free > 0 ? (unsigned long)free : 0;
	x -= x < sim->totalreserve_pages ? x : sim->totalreserve_pages;
	x += file > 0 ? (unsigned long)file : 0;
	return x + 1; /* Ensure that we never return 0 */
}

/*
 * mm/page-writeback.c: global_dirty_limits() -> domain_dirty_limits() for
 * the global domain. The ratios become parts per PAGE_SIZE first:
 * dirty_ratio 20 -> 20 * 4096 / 100 = 819, dirty_background_ratio 10 ->
 * 409; with 117001 dirtyable pages thresh = 819 * 117001 / 4096 = 23394 and
 * bg_thresh = 409 * 117001 / 4096 = 11682.
 */
void global_dirty_limits(const struct sim *sim, unsigned long *pbackground,
			 unsigned long *pdirty)
{
	unsigned long available_memory = global_dirtyable_memory(sim);
	unsigned long ratio =
		((unsigned long)sim->cfg.sysctl.dirty_ratio * PAGE_SIZE) / 100;
	unsigned long bg_ratio =
		((unsigned long)sim->cfg.sysctl.dirty_background_ratio *
		 PAGE_SIZE) /
		100;
	unsigned long thresh = (ratio * available_memory) / PAGE_SIZE;
	unsigned long bg_thresh = (bg_ratio * available_memory) / PAGE_SIZE;

	/*
	 * Dirty throttling logic assumes the limits in page units fit into
	 * 32-bits. This gives 16TB dirty limits max which is hopefully enough.
	 */
	if (thresh > UINT_MAX)
		thresh = UINT_MAX;
	/* This makes sure bg_thresh is within 32-bits as well */
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pbackground = bg_thresh;
	*pdirty = thresh;
}

/*
 * mm/page-writeback.c: node_dirty_limit(): the maximum number of dirty
 * pages allowed in a node, vm_dirty_ratio percent of its dirtyable memory.
 */
unsigned long node_dirty_limit(const struct sim *sim,
			       const struct pglist_data *pgdat)
{
	unsigned long node_memory = node_dirtyable_memory(pgdat);
	unsigned long dirty =
		(unsigned long)sim->cfg.sysctl.dirty_ratio * node_memory / 100;

	return dirty < UINT_MAX ? dirty : UINT_MAX;
}

/*
 * mm/page-writeback.c: node_dirty_ok(): true when the node's dirty and
 * writeback pages are within its dirty limit.
 */
bool node_dirty_ok(const struct sim *sim, const struct pglist_data *pgdat)
{
	unsigned long limit = node_dirty_limit(sim, pgdat);
	long nr_pages =
		pgdat->vm_stat[NR_FILE_DIRTY] + pgdat->vm_stat[NR_WRITEBACK];

	return nr_pages <= 0 || (unsigned long)nr_pages <= limit;
}

/* }====== */
