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

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mm_inline.h"
#include "sched.h"
#include "swap.h"
#include "writeback.h"

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
	const struct zone *zone;

	for_each_node_zone(zone, pgdat) {
		long free = zone->vm_stat[NR_FREE_PAGES];

		if (!populated_zone(zone))
			continue;
		nr_pages += free > 0 ? (unsigned long)free : 0;
	}

	/*
	 * mm/page-writeback.c: node_dirtyable_memory(): the reserve that
	 * keeps zones balanced is left out, or the dirty limit could let
	 * reclaim find only dirty pages where it needs free ones.
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
		const struct zone *zone;

		for_each_node_zone(zone, pgdat)
			free += zone->vm_stat[NR_FREE_PAGES];
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
	 * mm/page-writeback.c: domain_dirty_limits() caps both limits at
	 * 2^32 pages, the width the throttling code was written for.
	 */
	if (thresh > UINT_MAX)
		thresh = UINT_MAX;
	/* background stays below the hard limit, so also within the cap */
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
	unsigned long dirtyable = node_dirtyable_memory(pgdat);
	unsigned long dirty =
		(unsigned long)sim->cfg.sysctl.dirty_ratio * dirtyable / 100;

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

/* {====== dirtying, writeback and the flusher */

/*
 * The flusher's view of the page cache: each file region is an inode, with
 * the jiffy it was first dirtied (inode->dirtied_when) and its number of
 * dirty pages, so clean inodes are skipped.
 */
struct wb_inode {
	uint64_t dirtied_when; /* ns; meaningful while nr_dirty > 0 */
	unsigned long nr_dirty;
	unsigned long writeback_index; /* where the next pass starts */
};

struct wb_state {
	struct wb_inode *inodes; /* by region id */
	unsigned int nr_inodes;
	bool work; /* wakeup_flusher_threads() asked */
	enum wb_reason reason;
	struct wait_queue_head wait; /* the flusher sleeps here */
	int flusher; /* task id */
	bool background; /* its pass is background writeback, not a sync */
	/* bdi->last_bdp_sleep + HZ: until then a dirtier paused recently */
	uint64_t recent_wait_until;
	/* blk.c's queue */
	struct blk_queue *q;
};

int writeback_init(struct sim *sim)
{
	struct wb_state *wb = calloc(1, sizeof(*wb));

	if (!wb)
		return -ENOMEM;
	sim->wb = wb;
	init_waitqueue_head(&wb->wait);
	wb->q = blk_queue_create(sim);
	return wb->q ? 0 : -ENOMEM;
}

void writeback_exit(struct sim *sim)
{
	struct wb_state *wb = sim->wb;

	if (!wb)
		return;
	blk_queue_destroy(wb->q);
	free(wb->inodes);
	free(wb);
	sim->wb = NULL;
}

bool wb_recent_wait(const struct sim *sim)
{
	return sim->wb && sim->now_ns < sim->wb->recent_wait_until;
}

bool wb_background_writer(const struct sim *sim, int id)
{
	return sim->wb && sim->wb->background && id == sim->wb->flusher;
}

struct blk_queue *wb_blk_queue(const struct sim *sim)
{
	return sim->wb ? sim->wb->q : NULL;
}

/* The inode of region id, growing the table; NULL if memory ran out. */
static struct wb_inode *wb_inode(struct sim *sim, unsigned int id)
{
	struct wb_state *wb = sim->wb;

	if (id >= wb->nr_inodes) {
		unsigned int n = wb->nr_inodes ? wb->nr_inodes : 64;
		struct wb_inode *p;

		while (n <= id)
			n *= 2;
		p = realloc(wb->inodes, n * sizeof(*p));
		if (!p)
			return NULL;
		memset(p + wb->nr_inodes, 0, (n - wb->nr_inodes) * sizeof(*p));
		wb->inodes = p;
		wb->nr_inodes = n;
	}
	return &wb->inodes[id];
}

static bool folio_is_pagecache(const struct sim *sim, unsigned long pfn)
{
	return PageFlag(&sim->pages, pfn, PG_file) &&
	       !PageFlag(&sim->pages, pfn, PG_swapcache);
}

static void inode_account(struct sim *sim, unsigned long pfn, long nr)
{
	struct region *r = folio_region_of(sim, pfn);
	struct wb_inode *inode;

	if (!r || !(inode = wb_inode(sim, r->id)))
		return;
	if (nr > 0 && !inode->nr_dirty)
		inode->dirtied_when = sim->now_ns; /* __mark_inode_dirty() */
	if (nr < 0 && inode->nr_dirty < (unsigned long)-nr)
		inode->nr_dirty = 0;
	else
		inode->nr_dirty += (unsigned long)nr;
}

/*
 * mm/page-writeback.c: folio_mark_dirty() -> filemap_dirty_folio() ->
 * folio_account_dirtied(); swap-cache and anon folios only get PG_dirty
 * (swap_aops.dirty_folio is noop_dirty_folio).
 */
bool folio_mark_dirty(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	long nr = (long)folio_nr_pages(sim, pfn);
	struct zone *zone;

	if (PageFlag(pf, pfn, PG_dirty))
		return false;
	SetPageFlag(pf, pfn, PG_dirty);
	if (!folio_is_pagecache(sim, pfn))
		return true;
	zone = pfn_to_zone(sim, pfn);
	mod_node_page_state(zone->zone_pgdat, NR_FILE_DIRTY, nr);
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, nr);
	mod_node_page_state(zone->zone_pgdat, NR_DIRTIED, nr);
	inode_account(sim, pfn, nr);
	return true;
}

/* mm/page-writeback.c: folio_account_cleaned() */
static void folio_account_cleaned(struct sim *sim, unsigned long pfn)
{
	long nr = (long)folio_nr_pages(sim, pfn);
	struct zone *zone = pfn_to_zone(sim, pfn);

	mod_node_page_state(zone->zone_pgdat, NR_FILE_DIRTY, -nr);
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, -nr);
	inode_account(sim, pfn, -nr);
}

/* mm/page-writeback.c: folio_clear_dirty_for_io() */
bool folio_clear_dirty_for_io(struct sim *sim, unsigned long pfn)
{
	if (!PageFlag(&sim->pages, pfn, PG_dirty))
		return false;
	ClearPageFlag(&sim->pages, pfn, PG_dirty);
	if (folio_is_pagecache(sim, pfn))
		folio_account_cleaned(sim, pfn);
	return true;
}

/* mm/page-writeback.c: folio_cancel_dirty() (truncation, freeing) */
void folio_cancel_dirty(struct sim *sim, unsigned long pfn)
{
	folio_clear_dirty_for_io(sim, pfn);
}

/* mm/page-writeback.c: __folio_start_writeback() */
void folio_start_writeback(struct sim *sim, unsigned long pfn)
{
	long nr = (long)folio_nr_pages(sim, pfn);
	struct zone *zone = pfn_to_zone(sim, pfn);

	if (PageFlag(&sim->pages, pfn, PG_writeback))
		return;
	SetPageFlag(&sim->pages, pfn, PG_writeback);
	mod_node_page_state(zone->zone_pgdat, NR_WRITEBACK, nr);
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, nr);
}

/* mm/vmscan.c: __acct_reclaim_writeback() via acct_reclaim_writeback() */
static void acct_reclaim_writeback(struct sim *sim, unsigned long pfn)
{
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	int nr_throttled = pgdat->nr_writeback_throttled;
	unsigned long nr_written;

	if (!nr_throttled)
		return;
	mod_node_page_state(pgdat, NR_THROTTLED_WRITTEN,
			    (long)folio_nr_pages(sim, pfn));
	nr_written = (unsigned long)pgdat->vm_stat[NR_THROTTLED_WRITTEN] -
		     pgdat->nr_reclaim_start;
	if (nr_written > SWAP_CLUSTER_MAX * (unsigned long)nr_throttled)
		wake_up(sim, &pgdat->reclaim_wait[0 /* WRITEBACK */]);
}

/*
 * mm/filemap.c: folio_end_writeback(): a folio reclaim wanted rotates to
 * the inactive tail first (pgrotated), then __folio_end_writeback().
 */
void folio_end_writeback(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	long nr = (long)folio_nr_pages(sim, pfn);
	struct zone *zone = pfn_to_zone(sim, pfn);

	if (SIM_WARN_ON_ONCE(sim, !PageFlag(pf, pfn, PG_writeback)))
		return;
	if (PageFlag(pf, pfn, PG_reclaim)) {
		ClearPageFlag(pf, pfn, PG_reclaim);
		folio_rotate_reclaimable(sim, pfn);
	}
	ClearPageFlag(pf, pfn, PG_writeback);
	mod_node_page_state(zone->zone_pgdat, NR_WRITEBACK, -nr);
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, -nr);
	mod_node_page_state(zone->zone_pgdat, NR_WRITTEN, nr);
	acct_reclaim_writeback(sim, pfn);
}

/*
 * mm/page-writeback.c: folio_wait_writeback(): a jiffy at a time, the
 * rest of the machine runs (and the device completes IO) meanwhile.
 */
void folio_wait_writeback(struct sim *sim, unsigned long pfn)
{
	while (PageFlag(&sim->pages, pfn, PG_writeback))
		schedule_timeout_uninterruptible(sim, 1);
}

/* The filesystem's writeback of one dirty page-cache folio. */
int file_writepage(struct sim *sim, unsigned long pfn)
{
	unsigned long nr = folio_nr_pages(sim, pfn);

	folio_clear_dirty_for_io(sim, pfn);
	folio_start_writeback(sim, pfn);
	count_vm_events(sim, PGPGOUT, nr * (PAGE_SIZE / 512));
	charge_cost(sim, COST_WRITEPAGE, nr);
	blk_submit_write(sim, pfn);
	return 0;
}

/*
 * fs/fs-writeback.c: wakeup_flusher_threads(): start writeback of every
 * dirty page (wb_start_writeback() with get_nr_dirty_pages()).
 */
void wakeup_flusher_threads(struct sim *sim, enum wb_reason reason)
{
	struct wb_state *wb = sim->wb;

	if (!wb)
		return;
	/* background writeback is judged by the flusher itself */
	if (reason != WB_REASON_BACKGROUND)
		wb->work = true;
	wb->reason = reason;
	wake_up(sim, &wb->wait);
}

/* NR_FILE_DIRTY over all nodes */
static unsigned long global_dirty(const struct sim *sim, bool writeback)
{
	long x = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		x += sim->node_data[nid].vm_stat[NR_FILE_DIRTY];
		if (writeback)
			x += sim->node_data[nid].vm_stat[NR_WRITEBACK];
	}
	return x < 0 ? 0 : (unsigned long)x;
}

/*
 * mm/page-writeback.c: balance_dirty_pages_ratelimited() ->
 * balance_dirty_pages(): above the background threshold the flusher is
 * kicked (in laptop mode only once the dirtier has to wait); above
 * vm.dirty_ratio's threshold the dirtier pauses, a jiffy at a time, until
 * writeback has brought it under: there the kernel's position ratio is 0,
 * so no pause ends the loop (wb_position_ratio(), "if (task_ratelimit)
 * break"). A task the OOM killer chose goes on (fatal_signal_pending()).
 * Differs: no per-wb ratelimit or pause curve between the freerun ceiling
 * and the threshold.
 */
void balance_dirty_pages_ratelimited(struct sim *sim, unsigned long nr)
{
	struct task *p = current_task(sim);
	unsigned long bg_thresh, thresh;

	(void)nr;
	for (;;) {
		global_dirty_limits(sim, &bg_thresh, &thresh);
		if (!sim->cfg.sysctl.laptop_mode &&
		    global_dirty(sim, false) > bg_thresh)
			wakeup_flusher_threads(sim, WB_REASON_BACKGROUND);
		if (global_dirty(sim, true) <= thresh || !p || p->oom_victim)
			return;
		if (sim->cfg.sysctl.laptop_mode)
			wakeup_flusher_threads(sim, WB_REASON_BACKGROUND);
		/* wbt opens up while dirtiers wait (wb_recent_wait()) */
		sim->wb->recent_wait_until =
			sim->now_ns + (uint64_t)HZ * TICK_NSEC;
		schedule_timeout_uninterruptible(sim, 1);
	}
}

/* fs/fs-writeback.c: MAX_WRITEBACK_PAGES, a background chunk (4 MiB) */
#define MAX_WRITEBACK_PAGES 1024

/*
 * The flusher's ->writepages on one inode: up to budget pages from
 * mapping->writeback_index on, wrapping once (range_cyclic). Returns the
 * pages written.
 */
static unsigned long writeback_region(struct sim *sim, unsigned int id,
				      unsigned long budget)
{
	struct wb_inode *inode = wb_inode(sim, id);
	unsigned long start = inode ? inode->writeback_index : 0;
	unsigned long nr_pages = sim->regions[id].nr_pages;
	const uint64_t *pte = sim->regions[id].pte;
	unsigned long written = 0, n;

	if (start >= nr_pages)
		start = 0;
	for (n = 0; n < nr_pages && written < budget; n++) {
		/* a write may sleep (wbt): the regions may move or go meanwhile */
		const struct region *r = &sim->regions[id];
		unsigned long i = (start + n) % nr_pages;
		unsigned long pfn;

		/* gone, or the id reused for another region meanwhile */
		if (r->freed || r->pte != pte)
			break;
		if (PTE_TAG(r->pte[i]) != PTE_PRESENT)
			continue;
		pfn = (unsigned long)PTE_VAL(r->pte[i]);
		if (!PageFlag(&sim->pages, pfn, PG_dirty) ||
		    PageFlag(&sim->pages, pfn, PG_writeback) ||
		    sim->pages.state[pfn] == PS_ISOLATED)
			continue;
		file_writepage(sim, pfn);
		written += folio_nr_pages(sim, pfn);
	}
	inode = wb_inode(sim, id);
	if (inode && nr_pages)
		inode->writeback_index = (start + n) % nr_pages;
	return written;
}

/*
 * fs/fs-writeback.c: wb_writeback() over the inodes in region order:
 * everything when asked (vmscan, sync); else an inode dirtied more than
 * dirty_expire_centisecs ago (kupdate), and chunks of MAX_WRITEBACK_PAGES
 * while the dirty pages are over the background threshold
 * (wb_over_bg_thresh()). The device's queue bounds a pass. Returns pages
 * written.
 */
static unsigned long wb_writeback(struct sim *sim, bool all)
{
	uint64_t expire = (uint64_t)sim->cfg.sysctl.dirty_expire_centisecs *
			  10 * NSEC_PER_MSEC;
	unsigned long written = 0, bg_thresh, thresh;

	/* fs/fs-writeback.c: wb_writeback() plugs its pass */
	sim->wb->background = !all;
	blk_start_plug(sim);
	for (unsigned int id = 1; id < sim->nr_regions; id++) {
		const struct region *r = &sim->regions[id];
		const struct wb_inode *inode;

		if (r->freed || r->kind != SIM_KIND_FILE || !r->pte)
			continue;
		for (;;) {
			unsigned long room = blk_queue_room(sim), chunk, n;
			bool expired;

			/* fetched anew: writeback_region() may have slept */
			inode = wb_inode(sim, id);
			expired = !inode ||
				  sim->now_ns - inode->dirtied_when >= expire;
			if (sim->regions[id].freed)
				break;
			if (!room)
				goto out;
			global_dirty_limits(sim, &bg_thresh, &thresh);
			if (!all && !expired &&
			    global_dirty(sim, false) <= bg_thresh)
				break;
			chunk = all || expired ? room :
						 (room < MAX_WRITEBACK_PAGES ?
							  room :
							  MAX_WRITEBACK_PAGES);
			n = writeback_region(sim, id, chunk);
			written += n;
			if (n < chunk)
				break; /* the inode is clean */
		}
		cond_resched(
			sim); /* not a step point: stepping is for reclaim */
	}
out:
	blk_finish_plug(sim);
	sim->wb->background = false;
	return written;
}

/*
 * fs/fs-writeback.c: wb_workfn() as a thread: wake every
 * dirty_writeback_centisecs (kupdate), when reclaim or a dirtier asks, and
 * keep writing while the device has room and there is work.
 */
int flusher_thread(void *data)
{
	struct sim *sim = data;
	struct wb_state *wb = sim->wb;

	wb->flusher = current_id(sim);
	for (;;) {
		long interval = (long)msecs_to_jiffies(
			(unsigned int)sim->cfg.sysctl.dirty_writeback_centisecs *
			10);
		bool all = wb->work;

		wb->work = false;
		if (global_dirty(sim, false)) {
			wb_writeback(sim, all);
			/* more than the device took: carry on next jiffy */
			if (global_dirty(sim, false) &&
			    (all || !blk_queue_room(sim))) {
				wb->work |= all;
				interval = 1;
			}
		}
		if (wb->work)
			interval = 1;
		prepare_to_wait(sim, &wb->wait, TASK_INTERRUPTIBLE);
		schedule_timeout(sim, interval > 0 ? interval :
						     MAX_SCHEDULE_TIMEOUT);
		finish_wait(sim, &wb->wait);
	}
	return 0;
}

/* }====== */
