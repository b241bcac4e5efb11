// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmscan.c of Linux 6.12, classic two-list LRU (MGLRU off), global
 * reclaim only (the root memcg), one lruvec per node: kswapd and
 * balance_pgdat(), direct reclaim (try_to_free_pages()), shrink_node() ->
 * shrink_lruvec() -> shrink_list() -> shrink_{active,inactive}_list() ->
 * shrink_folio_list(). Function by function it follows the kernel's file;
 * each function names the one it models and says where it differs.
 *
 * Differs, throughout: no slab shrinkers (shrink_slab()), no memcg
 * protection, no kcompactd, no demotion, no MADV_FREE or hwpoison
 * folios, no VM_EXEC mappings; folio locks, references and splits never
 * fail.
 *
 * Invariant: a folio taken off its LRU by isolate_lru_folios() is
 * PS_ISOLATED and counted in NR_ISOLATED_{ANON,FILE} until it is put back
 * (move_folios_to_lru()) or freed, both before the function that isolated
 * it returns.
 */
#include "vmscan.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "gfp.h"
#include "internal.h"
#include "mm_inline.h"
#include "mmzone.h"
#include "sched.h"
#include "step.h"
#include "swap.h"
#include "trace.h"
#include "vmpressure.h"
#include "vmstat.h"
#include "writeback.h"

_Static_assert(DEF_PRIORITY < 127, "scan_control uses s8 fields");

/* {====== helpers: what include/linux/mmzone.h and vmstat.h provide */

/* include/linux/memcontrol.h: lruvec_page_state() for the root */
static inline unsigned long lruvec_page_state(struct lruvec *lruvec,
					      enum node_stat_item item)
{
	return node_page_state(lruvec_pgdat(lruvec), item);
}

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

static inline int folio_zonenum(struct sim *sim, unsigned long pfn)
{
	return zone_idx(pfn_to_zone(sim, pfn));
}

/* mm/internal.h: folio_evictable() */
static inline bool folio_evictable(struct sim *sim, unsigned long pfn)
{
	return !folio_test_unevictable(sim, pfn) &&
	       !folio_test_mlocked(sim, pfn);
}

/*
 * mm/page_alloc.c: zone_watermark_ok_safe(): the counters here are exact
 * (no per-cpu drift), so it is zone_watermark_ok() with no alloc_flags.
 */
#define zone_watermark_ok_safe(z, order, mark, highest_zoneidx) \
	zone_watermark_ok((z), (order), (mark), (highest_zoneidx), 0)

/*
 * Nobody holds the folio but reclaim: the region that owned it was freed
 * while reclaim held it isolated (page_alloc.c: region_unmap_block()), or
 * it left the swap cache with no PTE mapping it. Reclaim's reference is
 * the last, and putting it back frees the folio (folio_put_testzero()).
 * An unmapped anon folio in the swap cache has no owner but is held.
 */
static inline bool folio_orphaned(const struct sim *sim, unsigned long pfn)
{
	return sim->pages.owner[pfn] == 0 && !folio_test_swapcache(sim, pfn);
}

/*
 * waitqueue_active(&pgdat->kswapd_wait) as wakeup_kswapd() sees it: the
 * kernel's autoremove_wake_function() takes a woken kswapd off the queue
 * at once, while sched.c's wake_up() leaves it there until it runs
 * finish_wait(); so a kswapd already woken counts as off the queue.
 */
static bool kswapd_waiting(struct pglist_data *pgdat)
{
	const struct task *kswapd = NULL;

	if (pgdat->kswapd)
		kswapd = task_of(pgdat_sim(pgdat), pgdat->kswapd);
	return waitqueue_active(&pgdat->kswapd_wait) &&
	       (!kswapd || kswapd->state != TASK_RUNNING);
}

/* lib/math/int_sqrt.c: int_sqrt(), the floor of the square root */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((sizeof(long) * 8 - 2) & ~1UL);
	while (m > x)
		m >>= 2;
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* }====== */

/* {====== throttling, reclaimable pages */

/*
 * mm/vmscan.c: zone_reclaimable_pages() (6.12.117 form): the zone's file
 * LRU pages, its anon LRU pages if they could go to swap, and its free
 * pages when it has nothing reclaimable at all.
 */
unsigned long zone_reclaimable_pages(const struct zone *zone)
{
	struct sim *sim = pgdat_sim(zone->zone_pgdat);
	unsigned long nr;

	nr = zone_page_state(zone, NR_ZONE_INACTIVE_FILE) +
	     zone_page_state(zone, NR_ZONE_ACTIVE_FILE);
	if (can_reclaim_anon_pages(sim))
		nr += zone_page_state(zone, NR_ZONE_INACTIVE_ANON) +
		      zone_page_state(zone, NR_ZONE_ACTIVE_ANON);
	/*
	 * An empty zone still counts by its free pages, so that
	 * balance_pgdat() and allow_direct_reclaim() do not write off a
	 * small zone (DMA32 beside Normal) that could yet serve the request.
	 */
	if (nr == 0)
		nr = zone_page_state(zone, NR_FREE_PAGES);
	return nr;
}

/*
 * mm/vmscan.c: skip_throttle_noprogress(): throttle only when more than
 * half of what is reclaimable is dirty or under writeback.
 */
static bool skip_throttle_noprogress(struct pglist_data *pgdat)
{
	unsigned long pending = 0, could_free = 0;
	struct zone *zone;

	/* OOM is near once kswapd gave up: a sleep would only delay it */
	if (kswapd_gave_up(pgdat))
		return true;

	for_each_managed_zone(zone, pgdat, MAX_NR_ZONES - 1) {
		pending += zone_page_state(zone, NR_ZONE_WRITE_PENDING);
		could_free += zone_reclaimable_pages(zone);
	}
	/* waiting helps only when the disk holds most of what could go */
	return pending * 2 <= could_free;
}

/*
 * mm/vmscan.c: reclaim_throttle()
 * Sleeps the reclaimer on pgdat->reclaim_wait[reason] for the kernel's
 * timeout in simulated jiffies and fires mm_vmscan_throttled.
 * Differs: a sleeper is not woken early by __acct_reclaim_writeback().
 */
void reclaim_throttle(struct pglist_data *pgdat,
		      enum vmscan_throttle_state reason,
		      const struct scan_control *sc)
{
	/* how long each reason sleeps at most, in jiffies */
	static const long timeout_of[NR_VMSCAN_THROTTLE] = {
		[VMSCAN_THROTTLE_WRITEBACK] = HZ / 10,
		[VMSCAN_THROTTLE_ISOLATED] = HZ / 50,
		[VMSCAN_THROTTLE_NOPROGRESS] = 1,
		[VMSCAN_THROTTLE_CONGESTED] = 1,
	};
	struct sim *sim = pgdat_sim(pgdat);
	bool writeback = reason == VMSCAN_THROTTLE_WRITEBACK;
	long timeout = timeout_of[reason], left;

	/*
	 * Kernel threads other than kswapd may be the ones that finish the
	 * writeback reclaim waits for, so they never sleep here and no
	 * mm_vmscan_throttled line is printed for them.
	 */
	if (!current_is_kswapd(sc) && current_task(sim) &&
	    (current_task(sim)->flags & (PF_USER_WORKER | PF_KTHREAD))) {
		cond_resched(sim);
		return;
	}

	/* no progress or congestion: a nap only helps when I/O is due */
	if ((reason == VMSCAN_THROTTLE_NOPROGRESS ||
	     reason == VMSCAN_THROTTLE_CONGESTED) &&
	    skip_throttle_noprogress(pgdat)) {
		cond_resched(sim);
		return;
	}
	/* the first writeback sleeper notes where NR_THROTTLED_WRITTEN was */
	if (writeback && pgdat->nr_writeback_throttled++ == 0)
		pgdat->nr_reclaim_start =
			node_page_state(pgdat, NR_THROTTLED_WRITTEN);

	prepare_to_wait(sim, &pgdat->reclaim_wait[reason],
			TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(sim, timeout);
	finish_wait(sim, &pgdat->reclaim_wait[reason]);
	if (writeback)
		pgdat->nr_writeback_throttled--;
	trace_mm_vmscan_throttled(
		sim, pgdat->node_id,
		(int)jiffies_to_usecs((unsigned long)timeout),
		(int)jiffies_to_usecs((unsigned long)(timeout - left)), reason);
}

/* }====== */

/* {====== shrink_folio_list() */

/* mm/vmscan.c: enum folio_references */
enum folio_references {
	FOLIOREF_RECLAIM,
	FOLIOREF_RECLAIM_CLEAN,
	FOLIOREF_KEEP,
	FOLIOREF_ACTIVATE,
};

/*
 * mm/vmscan.c: folio_check_references()
 * Differs: no MGLRU, no VM_LOCKED walk (mlocked folios are unevictable
 * here and never reach this check).
 */
static enum folio_references folio_check_references(unsigned long pfn,
						    struct scan_control *sc)
{
	struct sim *sim = sc->sim;
	unsigned long vm_flags = 0;
	/* young PTEs, cleared as they are counted */
	int young = folio_referenced(sim, pfn, &vm_flags);
	bool was_referenced = folio_test_clear_referenced(sim, pfn);
	bool text = (vm_flags & VM_EXEC) && folio_is_file_lru(sim, pfn);

	/* an mlocked mapping: activation moves it to the unevictable list */
	if (vm_flags & VM_LOCKED)
		return FOLIOREF_ACTIVATE;

	/*
	 * -1: only an exiting task maps the anon folio, and its exit frees it
	 * (the model's rmap never gives up on a contended lock, the other -1)
	 */
	if (young == -1)
		return FOLIOREF_KEEP;

	/* used through the page cache only: free it if it is clean */
	if (!young)
		return was_referenced && folio_is_file_lru(sim, pfn) ?
			       FOLIOREF_RECLAIM_CLEAN :
			       FOLIOREF_RECLAIM;

	/*
	 * A fault leaves one young PTE behind, so a single use proves little:
	 * PG_referenced remembers it and the folio rotates (nr_ref_keep). A
	 * second use, now or on the next pass, activates it (pgactivate), as
	 * does the first use of program text.
	 */
	folio_set_referenced(sim, pfn);
	if (was_referenced || young > 1 || text)
		return FOLIOREF_ACTIVATE;
	return FOLIOREF_KEEP;
}

/*
 * mm/vmscan.c: folio_check_dirty_writeback(): anon folios are never
 * "dirty" in the sense that matters here, since they go to swap.
 */
static void folio_check_dirty_writeback(struct sim *sim, unsigned long pfn,
					bool *dirty, bool *writeback)
{
	if (!folio_is_file_lru(sim, pfn) ||
	    (folio_test_anon(sim, pfn) && !folio_test_swapbacked(sim, pfn))) {
		*dirty = false;
		*writeback = false;
		return;
	}
	*dirty = folio_test_dirty(sim, pfn);
	*writeback = folio_test_writeback(sim, pfn);
}

/*
 * mm/vmscan.c: may_enter_fs(): __GFP_FS, or __GFP_IO for a swap-cache
 * folio (the swap device is a block device, not SWP_FS_OPS).
 */
static bool may_enter_fs(struct sim *sim, unsigned long pfn, gfp_t gfp_mask)
{
	if (gfp_mask & __GFP_FS)
		return true;
	if (!folio_test_swapcache(sim, pfn) || !(gfp_mask & __GFP_IO))
		return false;
	return true;
}

/* mm/vmscan.c: pageout_t */
typedef enum {
	PAGE_KEEP,
	PAGE_ACTIVATE,
	PAGE_SUCCESS,
	PAGE_CLEAN,
} pageout_t;

/*
 * mm/vmscan.c: pageout(): starts the write of one dirty folio that
 * shrink_folio_list() chose to clean: swap_writepage() for a swap-cache
 * folio, file_writepage() for page cache. The I/O completes later (blk.c),
 * so the folio goes back to the LRU with PG_reclaim and is freed on a
 * later pass; nr_vmscan_write counts its pages.
 */
static pageout_t pageout(struct sim *sim, unsigned long pfn)
{
	int res;

	if (!folio_clear_dirty_for_io(sim, pfn))
		return PAGE_CLEAN;

	folio_set_reclaim(sim, pfn);
	if (folio_test_swapcache(sim, pfn))
		res = swap_writepage(sim, pfn);
	else
		res = file_writepage(sim, pfn);
	if (res < 0) {
		folio_clear_reclaim(sim, pfn);
		return PAGE_ACTIVATE;
	}
	if (!folio_test_writeback(sim, pfn)) {
		/* the write already finished: nothing left to reclaim on completion */
		folio_clear_reclaim(sim, pfn);
	}
	trace_mm_vmscan_write_folio(sim, pfn, folio_is_file_lru(sim, pfn));
	mod_node_page_state(pfn_to_zone(sim, pfn)->zone_pgdat, NR_VMSCAN_WRITE,
			    (long)folio_nr_pages(sim, pfn));
	return PAGE_SUCCESS;
}

/*
 * mm/vmscan.c: __remove_mapping(): takes a clean folio out of the swap
 * cache or page cache so it can be freed. It leaves a shadow entry
 * (workingset_eviction()) in the slot it held: the swap slot for anon,
 * the file region's slot (this model's page cache) for file, so that a
 * later fault counts workingset_refault_anon/_file.
 */
static int __remove_mapping(struct sim *sim, unsigned long pfn)
{
	uint64_t shadow = 0;

	/* The folio was dirtied again: cannot free it (cannot_free) */
	if (folio_test_dirty(sim, pfn))
		return 0;

	if (folio_test_swapcache(sim, pfn)) {
		swp_entry_t swap = folio_swap_entry(sim, pfn);

		shadow = workingset_eviction(sim, pfn);
		__delete_from_swap_cache(sim, pfn, swap, shadow);
		put_swap_folio(sim, pfn, swap);
	} else {
		if (folio_is_file_lru(sim, pfn))
			shadow = workingset_eviction(sim, pfn);
		__filemap_remove_folio(sim, pfn, shadow);
	}
	return 1;
}

/* Put a folio on a private list of isolated folios (list_add()). */
static void folio_list_add(struct sim *sim, struct pfn_list *list,
			   unsigned long pfn)
{
	pfn_list_add(&sim->pages, list, pfn);
}

/*
 * mm/huge_memory.c: split_folio_to_list() for an isolated anon folio that
 * found no run of swap slots for all its pages: every page becomes an
 * order-0 folio with the head's flags (__split_huge_page_tail()), still
 * isolated and still mapped by its own PTE, and the tails go on list,
 * last first, so shrink_folio_list() takes them next, in pfn order.
 * Differs: it always succeeds (no extra references, no DMA pins).
 */
static void split_folio_to_list(struct sim *sim, unsigned long pfn,
				struct pfn_list *list)
{
	struct page_frames *pf = &sim->pages;
	unsigned int order = page_order(pf, pfn);
	const uint16_t keep = (1u << PG_referenced) | (1u << PG_swapbacked) |
			      (1u << PG_swapcache) | (1u << PG_mlocked) |
			      (1u << PG_active) | (1u << PG_workingset) |
			      (1u << PG_unevictable) | (1u << PG_dirty) |
			      (1u << PG_mapped) | (1u << PG_young) |
			      (1u << PG_file) | PAGE_WHERE_MASK;

	for (unsigned long i = (1UL << order) - 1; i >= 1; i--) {
		unsigned long tail = pfn + i;

		pf->flags[tail] = pf->flags[pfn] & keep;
		set_page_order(pf, tail, 0);
		pf->state[tail] = PS_ISOLATED;
		pfn_list_add_tail(pf, list, tail);
	}
	set_page_order(pf, pfn, 0);
	if (order == HPAGE_PMD_ORDER)
		count_vm_events(sim, THP_SPLIT_PAGE, 1);
}

/* __GFP_IO: this reclaimer may start disk I/O (swap writes, compaction) */
static bool may_start_io(const struct scan_control *sc)
{
	return sc->gfp_mask & __GFP_IO;
}

/*
 * A large folio that ends up handled as one page gives the rest of its
 * pages back to nr_scanned: after a split its tails are scanned on their
 * own, and a folio kept whole is counted once.
 */
static void scan_as_one_page(struct scan_control *sc, unsigned int *nr_pages)
{
	sc->nr_scanned -= *nr_pages - 1;
	*nr_pages = 1;
}

/*
 * mm/vmscan.c: shrink_folio_list(): decides the fate of each isolated
 * folio and returns how many pages it freed (pgsteal_*). Kept folios are
 * left on folio_list for move_folios_to_lru(); freed ones go to the buddy
 * allocator, which the free counts in /proc/zoneinfo show.
 * Differs: no demotion, no hwpoison, no lazyfree (MADV_FREE), no DMA
 * pins; every folio lock succeeds.
 */
static unsigned int shrink_folio_list(struct pfn_list *folio_list,
				      struct pglist_data *pgdat,
				      struct scan_control *sc,
				      struct reclaim_stat *stat)
{
	STEP_FRAME();
	struct sim *sim = sc->sim;
	struct pfn_list ret_folios;
	unsigned int nr_reclaimed = 0;

	pfn_list_init(&ret_folios);
	*stat = (struct reclaim_stat){ 0 };

	while (folio_list->nr) {
		unsigned long pfn = folio_list->tail;
		enum folio_references references;
		unsigned int nr_pages;
		bool dirty, writeback;

		pfn_list_del(&sim->pages, folio_list, pfn);
		STEP_POINT(sim, STEP_PAGE);

		nr_pages = (unsigned int)folio_nr_pages(sim, pfn);
		sc->nr_scanned += nr_pages;

		/* truncated under us: move_folios_to_lru() drops it */
		if (folio_orphaned(sim, pfn))
			goto keep;

		if (!folio_evictable(sim, pfn))
			goto activate_locked;

		if (!sc->may_unmap && folio_mapped(sim, pfn))
			goto keep_locked;

		/*
		 * What the batch met, for shrink_node(): dirty folios nobody
		 * writes yet (nr_unqueued_dirty) may let kswapd write file
		 * folios itself (PGDAT_DIRTY); a folio back at the tail with
		 * PG_reclaim and still under writeback means the LRU turns
		 * over faster than the disk writes (nr_congested).
		 */
		folio_check_dirty_writeback(sim, pfn, &dirty, &writeback);
		stat->nr_dirty += dirty || writeback ? nr_pages : 0;
		stat->nr_unqueued_dirty += dirty && !writeback ? nr_pages : 0;
		stat->nr_congested +=
			writeback && folio_test_reclaim(sim, pfn) ? nr_pages :
								    0;

		/*
		 * Under writeback: kswapd meeting it again, marked, on a node
		 * already flagged PGDAT_WRITEBACK asks shrink_node() to stall
		 * (nr_immediate); otherwise it is marked to be rotated to the
		 * tail when the write ends (nr_writeback). Either way it moves
		 * out of the way to the active list. Waiting on the folio, as
		 * legacy memcg reclaim does, is not modelled.
		 */
		STEP_DECISION(sim);
		if (folio_test_writeback(sim, pfn)) {
			if (current_is_kswapd(sc) &&
			    folio_test_reclaim(sim, pfn) &&
			    pgdat_test_flag(pgdat, PGDAT_WRITEBACK)) {
				stat->nr_immediate += nr_pages;
			} else {
				folio_set_reclaim(sim, pfn);
				stat->nr_writeback += nr_pages;
			}
			goto activate_locked;
		}

		references = folio_check_references(pfn, sc);
		STEP_DECISION(sim);
		if (references == FOLIOREF_ACTIVATE)
			goto activate_locked;
		if (references == FOLIOREF_KEEP) {
			stat->nr_ref_keep += nr_pages;
			goto keep_locked;
		}

		/* anon needs a swap slot before it can be written (pswpout) */
		STEP_DECISION(sim);
		if (folio_test_anon(sim, pfn) &&
		    folio_test_swapbacked(sim, pfn) &&
		    !folio_test_swapcache(sim, pfn)) {
			if (!may_start_io(sc))
				goto keep_locked;
			if (!add_to_swap(sim, pfn)) {
				if (nr_pages == 1)
					goto activate_locked_split;
				/* no run of slots: page by page (thp_swpout_fallback) */
				split_folio_to_list(sim, pfn, folio_list);
				if (nr_pages >= HPAGE_PMD_NR)
					count_vm_events(sim,
							THP_SWPOUT_FALLBACK, 1);
				if (!add_to_swap(sim, pfn))
					goto activate_locked_split;
			}
		}

		/* after a split the tails are counted on their own pass */
		if (nr_pages > 1 && folio_nr_pages(sim, pfn) == 1)
			scan_as_one_page(sc, &nr_pages);

		/* unmap every PTE (try_to_unmap()); a failure keeps the folio */
		STEP_DECISION(sim);
		if (folio_mapped(sim, pfn) && !try_to_unmap(sim, pfn)) {
			stat->nr_unmap_fail += nr_pages;
			goto activate_locked;
		}

		STEP_DECISION(sim);
		if (folio_test_dirty(sim, pfn)) {
			/*
			 * Dirty page cache is the flusher's to write, in
			 * batches the disk likes better than reclaim's single
			 * pages. Only kswapd writes it, and only on a node
			 * flagged PGDAT_DIRTY and for a folio that already came
			 * round once marked PG_reclaim; others mark it so that
			 * the end of its write rotates it to the tail
			 * (nr_vmscan_immediate_reclaim) and activate it.
			 */
			STEP_DECISION(sim);
			if (folio_is_file_lru(sim, pfn) &&
			    !(current_is_kswapd(sc) &&
			      folio_test_reclaim(sim, pfn) &&
			      pgdat_test_flag(pgdat, PGDAT_DIRTY))) {
				mod_node_page_state(pgdat, NR_VMSCAN_IMMEDIATE,
						    nr_pages);
				folio_set_reclaim(sim, pfn);
				goto activate_locked;
			}

			/* used through the page cache, or no I/O allowed: keep */
			STEP_DECISION(sim);
			if (references == FOLIOREF_RECLAIM_CLEAN ||
			    !may_enter_fs(sim, pfn, sc->gfp_mask) ||
			    !sc->may_writepage)
				goto keep_locked;

			STEP_DECISION(sim);
			switch (pageout(sim, pfn)) {
			case PAGE_KEEP:
				goto keep_locked;
			case PAGE_ACTIVATE:
				goto activate_locked;
			case PAGE_SUCCESS:
				stat->nr_pageout += nr_pages;
				/* freed on a later pass, once the write is done */
				if (folio_test_writeback(sim, pfn) ||
				    folio_test_dirty(sim, pfn))
					goto keep;
				break; /* written at once: free it now */
			case PAGE_CLEAN:
				break; /* nothing to write: free it */
			}
		}

		STEP_DECISION(sim);
		if (!__remove_mapping(sim, pfn))
			goto keep_locked;

		/* free_it: the folio goes back to the buddy allocator */
		STEP_DECISION(sim);
		nr_reclaimed += nr_pages;
		charge_cost(sim, COST_FREE, nr_pages);
		free_pages_block(sim, pfn, page_order(&sim->pages, pfn));
		continue;

activate_locked_split:
		/* a large folio that stays whole counts once in nr_scanned */
		if (nr_pages > 1)
			scan_as_one_page(sc, &nr_pages);
activate_locked:
		/* kept and active: its swap copy would only waste a slot */
		STEP_DECISION(sim);
		if (folio_test_swapcache(sim, pfn) &&
		    (vm_swap_full(sim) || folio_test_mlocked(sim, pfn)))
			folio_free_swap(sim, pfn);
		if (!folio_test_mlocked(sim, pfn)) {
			folio_set_active(sim, pfn);
			stat->nr_activate[folio_is_file_lru(sim, pfn)] +=
				nr_pages;
		}
keep_locked:
keep:
		/* back to the LRU with the others kept (move_folios_to_lru()) */
		STEP_DECISION(sim);
		folio_list_add(sim, &ret_folios, pfn);
	}

	/* what was kept goes back to the caller (list_splice()) */
	*folio_list = ret_folios;
	count_vm_events(sim, PGACTIVATE,
			stat->nr_activate[0] + stat->nr_activate[1]);
	return nr_reclaimed;
}

/* }====== */

/* {====== isolation and putback */

/*
 * mm/vmscan.c: isolate_lru_folios(): takes up to nr_to_scan folios from
 * the tail of one list onto dst (NR_ISOLATED_* grows). A folio in a zone
 * above sc->reclaim_idx is put aside and counted in pgskip_<zone>; a
 * mapped one when !may_unmap goes back to the head. Returns the pages
 * taken; *nr_scanned also counts the skipped ones, as the
 * mm_vmscan_lru_isolate line shows.
 */
static unsigned long
isolate_lru_folios(unsigned long nr_to_scan, struct lruvec *lruvec,
		   struct pfn_list *dst, unsigned long *nr_scanned,
		   struct scan_control *sc, enum lru_list lru)
{
	struct sim *sim = sc->sim;
	struct pfn_list *src = &lruvec->lists[lru];
	unsigned long nr_taken = 0;
	unsigned long nr_skipped[MAX_NR_ZONES] = { 0 };
	unsigned long skipped = 0;
	unsigned long scan, total_scan;
	struct pfn_list folios_skipped;

	pfn_list_init(&folios_skipped);
	for (total_scan = 0, scan = 0; scan < nr_to_scan && src->nr;) {
		unsigned long pfn = src->tail;
		unsigned long nr_pages = folio_nr_pages(sim, pfn);

		total_scan += nr_pages;

		if (folio_zonenum(sim, pfn) > sc->reclaim_idx) {
			nr_skipped[folio_zonenum(sim, pfn)] += nr_pages;
			pfn_list_del(&sim->pages, src, pfn);
			pfn_list_add(&sim->pages, &folios_skipped, pfn);
			continue;
		}

		/*
		 * Skipped folios do not use up the scan budget: a list full of
		 * highmem folios would otherwise yield nothing and end in an
		 * early OOM kill. A large folio counts all its pages.
		 */
		scan += nr_pages;

		if (!sc->may_unmap && folio_mapped(sim, pfn)) {
			/* move_to_lru: list_move(&folio->lru, src) */
			pfn_list_del(&sim->pages, src, pfn);
			pfn_list_add(&sim->pages, src, pfn);
			continue;
		}

		nr_taken += nr_pages;
		lruvec_del_folio(sim, pfn);
		sim->pages.state[pfn] = PS_ISOLATED;
		pfn_list_add(&sim->pages, dst, pfn);
	}

	/*
	 * The skipped folios go to the head, not back to the tail: at the
	 * tail the next batch would meet them again at once. The LRU order
	 * suffers, which the lru pane shows as younger folios near the tail.
	 */
	while (folios_skipped.nr) {
		unsigned long pfn = folios_skipped.tail;

		pfn_list_del(&sim->pages, &folios_skipped, pfn);
		pfn_list_add(&sim->pages, src, pfn);
	}
	/* pgskip_<zone>: one counter per zone, in zone order */
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		if (nr_skipped[zid])
			count_vm_events(sim,
					(enum vm_event_item)(PGSKIP_DMA + zid),
					nr_skipped[zid]);
		skipped += nr_skipped[zid];
	}
	*nr_scanned = total_scan;
	trace_mm_vmscan_lru_isolate(sim, sc->reclaim_idx, sc->order, nr_to_scan,
				    *nr_scanned, skipped, nr_taken, lru);
	return nr_taken;
}

/*
 * mm/vmscan.c: move_folios_to_lru(): puts the folios reclaim kept back on
 * the list their flags name, in their old order (nearest the tail stays
 * nearest the tail); NR_ISOLATED_* falls back. A folio now unevictable
 * goes to the unevictable list (unevictable_pgs_culled); each active one
 * ages the non-resident clock (workingset_age_nonresident()). Returns the
 * pages put back.
 */
static unsigned int move_folios_to_lru(struct sim *sim, struct lruvec *lruvec,
				       struct pfn_list *list)
{
	unsigned int nr_moved = 0;

	while (list->nr) {
		unsigned long pfn = list->tail;
		unsigned long nr_pages = folio_nr_pages(sim, pfn);

		pfn_list_del(&sim->pages, list, pfn);
		if (folio_orphaned(sim, pfn)) {
			/* folio_put_testzero(): the last reference */
			if (folio_test_swapcache(sim, pfn))
				delete_from_swap_cache(sim, pfn);
			free_pages_block(sim, pfn,
					 page_order(&sim->pages, pfn));
			continue;
		}
		if (!folio_evictable(sim, pfn)) {
			/* folio_putback_lru() -> lru_add() */
			folio_clear_active(sim, pfn);
			if (!folio_test_unevictable(sim, pfn)) {
				folio_set_unevictable(sim, pfn);
				count_vm_events(sim, UNEVICTABLE_PGS_CULLED,
						nr_pages);
			}
			lruvec_add_folio(sim, pfn);
			continue;
		}
		lruvec_add_folio(sim, pfn);
		nr_moved += (unsigned int)nr_pages;
		/* an active folio ages the non-resident clock */
		if (folio_test_active(sim, pfn))
			workingset_age_nonresident(lruvec,
						   (unsigned long)nr_pages);
	}
	charge_cost(sim, COST_ROTATE, nr_moved);
	return nr_moved;
}

/*
 * mm/vmscan.c: too_many_isolated(): true when direct reclaimers hold more
 * folios off a list than remain on it. Many tasks reclaiming at once would
 * otherwise drain the inactive list between them and swap or OOM-kill too
 * early; the caller sleeps instead (mm_vmscan_throttled reason=ISOLATED).
 */
static bool too_many_isolated(struct pglist_data *pgdat, bool file,
			      struct scan_control *sc)
{
	enum lru_list lru = file ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	unsigned long inactive = node_page_state(pgdat, NR_LRU_BASE + lru);
	unsigned long isolated =
		node_page_state(pgdat, NR_ISOLATED_ANON + file);

	if (current_is_kswapd(sc))
		return false;

	/*
	 * A GFP_NOFS or GFP_NOIO caller may hold what a GFP_KERNEL reclaimer
	 * needs to finish, so it gets a larger allowance and is not stuck
	 * behind them.
	 */
	if ((sc->gfp_mask & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS))
		inactive >>= 3;

	return isolated > inactive;
}

/* }====== */

/* {====== shrink_inactive_list(), shrink_active_list() */

/*
 * Adds one batch's figures to the node pass's totals in sc->nr, which
 * shrink_node() reads when it decides on PGDAT_WRITEBACK, PGDAT_DIRTY and
 * congestion.
 */
static void sc_note_batch(struct scan_control *sc,
			  const struct reclaim_stat *stat,
			  unsigned int nr_taken, bool file)
{
	sc->nr.dirty += stat->nr_dirty;
	sc->nr.congested += stat->nr_congested;
	sc->nr.unqueued_dirty += stat->nr_unqueued_dirty;
	sc->nr.writeback += stat->nr_writeback;
	sc->nr.immediate += stat->nr_immediate;
	sc->nr.taken += nr_taken;
	sc->nr.file_taken += file ? nr_taken : 0;
}

/*
 * mm/vmscan.c: shrink_inactive_list(): one batch from an inactive list:
 * isolate, shrink_folio_list(), put the rest back. It moves pgscan_* and
 * pgsteal_* (kswapd or direct), adds the batch's dirty and writeback
 * figures to sc->nr for shrink_node(), and returns the pages freed.
 * Differs: no per-cpu LRU add batches to drain.
 */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan,
					  struct lruvec *lruvec,
					  struct scan_control *sc,
					  enum lru_list lru)
{
	STEP_FRAME();
	struct sim *sim = sc->sim;
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);
	struct pfn_list folio_list;
	unsigned long nr_scanned, nr_taken;
	unsigned int nr_reclaimed;
	struct reclaim_stat stat;
	bool file = is_file_lru(lru);
	enum vm_event_item item;

	/* let the other reclaimers finish their batches first, once */
	if (too_many_isolated(pgdat, file, sc)) {
		reclaim_throttle(pgdat, VMSCAN_THROTTLE_ISOLATED, sc);
		if (too_many_isolated(pgdat, file, sc))
			return 0;
	}

	pfn_list_init(&folio_list);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &folio_list,
				      &nr_scanned, sc, lru);

	mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, (long)nr_taken);
	item = current_is_kswapd(sc) ? PGSCAN_KSWAPD : PGSCAN_DIRECT;
	count_vm_events(sim, item, nr_scanned);
	count_vm_events(sim, PGSCAN_ANON + file, nr_scanned);
	charge_cost(sim, COST_SCAN, nr_scanned);

	if (nr_taken == 0)
		return 0;

	STEP_CALL();
	nr_reclaimed = shrink_folio_list(&folio_list, pgdat, sc, &stat);

	move_folios_to_lru(sim, lruvec, &folio_list);

	mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, -(long)nr_taken);
	item = current_is_kswapd(sc) ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT;
	count_vm_events(sim, item, nr_reclaimed);
	count_vm_events(sim, PGSTEAL_ANON + file, nr_reclaimed);

	lru_note_cost(lruvec, file, stat.nr_pageout,
		      (unsigned int)(nr_scanned - nr_reclaimed));

	/*
	 * Every folio in the batch was dirty and nobody was writing it:
	 * reclaim reached dirty data before the dirty limits or the expiry
	 * timer did, so the flusher is woken to start on it now.
	 */
	if (stat.nr_unqueued_dirty == nr_taken)
		wakeup_flusher_threads(sim, WB_REASON_VMSCAN);

	sc_note_batch(sc, &stat, (unsigned int)nr_taken, file);

	trace_mm_vmscan_lru_shrink_inactive(sim, pgdat->node_id, nr_scanned,
					    nr_reclaimed, &stat, sc->priority,
					    file);
	return nr_reclaimed;
}

/*
 * mm/vmscan.c: shrink_active_list()
 * Moves folios from the tail of the active list to the inactive list,
 * except file-backed executable folios that were referenced, which go
 * round the active list again (nr_rotated, counted as cost). Referenced
 * anon and plain file folios are deactivated anyway: folio_referenced()
 * has already cleared their young bits. pgrefill counts the isolation
 * walk, pgdeactivate the folios moved; no pgactivate is counted here.
 */
static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec,
			       struct scan_control *sc, enum lru_list lru)
{
	STEP_FRAME();
	struct sim *sim = sc->sim;
	unsigned long nr_taken;
	unsigned long nr_scanned;
	unsigned long vm_flags;
	struct pfn_list l_hold, l_active, l_inactive;
	unsigned int nr_deactivate, nr_activate;
	unsigned int nr_rotated = 0;
	bool file = is_file_lru(lru);
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);

	pfn_list_init(&l_hold);
	pfn_list_init(&l_active);
	pfn_list_init(&l_inactive);

	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &l_hold, &nr_scanned,
				      sc, lru);

	mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, (long)nr_taken);
	count_vm_events(sim, PGREFILL, nr_scanned);
	charge_cost(sim, COST_SCAN, nr_scanned);

	while (l_hold.nr) {
		unsigned long pfn = l_hold.tail;
		unsigned long nr_pages = folio_nr_pages(sim, pfn);

		pfn_list_del(&sim->pages, &l_hold, pfn);

		if (!folio_evictable(sim, pfn)) {
			folio_list_add(sim, &l_active, pfn);
			continue;
		}

		/*
		 * Referenced program text stays active, so streaming reads
		 * cannot push it out; anon is not protected this way
		 * (streaming I/O does not evict it, and JIT heaps would fill
		 * the active list with it). folio_referenced() clears the
		 * young bits of every folio it looks at.
		 */
		vm_flags = 0;
		if (folio_referenced(sim, pfn, &vm_flags) &&
		    (vm_flags & VM_EXEC) && folio_is_file_lru(sim, pfn)) {
			nr_rotated += (unsigned int)nr_pages;
			folio_list_add(sim, &l_active, pfn);
			continue;
		}

		folio_clear_active(sim, pfn);
		folio_set_workingset(sim, pfn);
		folio_list_add(sim, &l_inactive, pfn);
	}

	nr_activate = move_folios_to_lru(sim, lruvec, &l_active);
	nr_deactivate = move_folios_to_lru(sim, lruvec, &l_inactive);

	count_vm_events(sim, PGDEACTIVATE, nr_deactivate);
	mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, -(long)nr_taken);

	if (nr_rotated)
		lru_note_cost(lruvec, file, 0, nr_rotated);
	trace_mm_vmscan_lru_shrink_active(sim, pgdat->node_id, nr_taken,
					  nr_activate, nr_deactivate,
					  nr_rotated, sc->priority, file);
}

/* sc->may_deactivate has DEACTIVATE_ANON or DEACTIVATE_FILE for the type */
static bool may_deactivate(const struct scan_control *sc, bool file)
{
	return sc->may_deactivate & (file ? DEACTIVATE_FILE : DEACTIVATE_ANON);
}

/*
 * mm/vmscan.c: shrink_list(): an active list is only aged when
 * deactivation of its type is allowed (else skipped_deactivate).
 */
static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	STEP_FRAME();
	unsigned long nr;

	STEP_POINT(sc->sim, STEP_LRU);
	if (is_active_lru(lru)) {
		STEP_CALL();
		if (may_deactivate(sc, is_file_lru(lru)))
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		else
			sc->skipped_deactivate = 1;
		return 0;
	}

	STEP_CALL();
	nr = shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
	/* what a batch costs besides its pages (sched.h) */
	charge_cost(sc->sim, COST_BATCH, 1);
	STEP_POINT(sc->sim, STEP_BATCH);
	return nr;
}

/*
 * mm/vmscan.c: inactive_is_low(): the active list is aged once it holds
 * more than inactive_ratio times the inactive list, with inactive_ratio =
 * int_sqrt(10 * GiB of the pair), or 1 below 1 GiB. So 64 MiB keeps half
 * of each type inactive, 1 GiB a quarter (ratio 3), 10 GiB about a
 * tenth: big machines protect a larger working set on the active list,
 * small ones keep enough inactive pages for readahead to survive.
 */
bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru)
{
	enum node_stat_item item = NR_LRU_BASE + inactive_lru;
	unsigned long inactive = lruvec_page_state(lruvec, item);
	/* the active list of a type follows its inactive one */
	unsigned long active = lruvec_page_state(lruvec, item + 1);
	unsigned long gib = (inactive + active) >> (30 - PAGE_SHIFT);

	/* int_sqrt(0) is 0, and from 1 GiB the ratio is 3 or more */
	return inactive * max(int_sqrt(10 * gib), 1) < active;
}

/* }====== */

/* {====== get_scan_count(), shrink_lruvec() */

/* mm/vmscan.c: enum scan_balance */
enum scan_balance {
	SCAN_EQUAL,
	SCAN_FRACT,
	SCAN_ANON,
	SCAN_FILE,
};

/*
 * prepare_scan_control()'s test for one type: it refaulted since the last
 * snapshot_refaults(), or its inactive list is too short.
 */
static bool type_needs_aging(struct lruvec *lruvec, bool file)
{
	enum node_stat_item activate = file ? WORKINGSET_ACTIVATE_FILE :
					      WORKINGSET_ACTIVATE_ANON;
	unsigned long snapshot =
		lruvec->refaults[file ? WORKINGSET_FILE : WORKINGSET_ANON];

	return lruvec_page_state(lruvec, activate) != snapshot ||
	       inactive_is_low(lruvec,
			       file ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON);
}

/* the node's page cache on the LRU: active and inactive file */
static unsigned long node_file_lru_pages(const struct pglist_data *pgdat)
{
	return node_page_state(pgdat, NR_INACTIVE_FILE) +
	       node_page_state(pgdat, NR_ACTIVE_FILE);
}

/*
 * mm/vmscan.c: prepare_scan_control()
 * Copies the lruvec's anon/file cost, decides which active lists may be
 * deactivated (a refault since the last snapshot_refaults(), or the
 * inactive list being low), cache_trim_mode and file_is_tiny.
 */
void prepare_scan_control(struct pglist_data *pgdat, struct scan_control *sc)
{
	struct lruvec *target_lruvec = &pgdat->lruvec;
	unsigned long free = 0, high_wmarks = 0;
	struct zone *zone;
	bool anon, file;

	sc->anon_cost = target_lruvec->anon_cost;
	sc->file_cost = target_lruvec->file_cost;

	/*
	 * Which active lists this pass may age: a type that refaulted since
	 * the last snapshot_refaults(), or whose inactive list is short;
	 * both after a pass that found nothing to deactivate in its zones.
	 */
	anon = sc->force_deactivate || type_needs_aging(target_lruvec, false);
	file = sc->force_deactivate || type_needs_aging(target_lruvec, true);
	sc->may_deactivate = (anon ? DEACTIVATE_ANON : 0) |
			     (file ? DEACTIVATE_FILE : 0);

	/*
	 * Cache trim mode: a large inactive file list that does not
	 * refault is taken first and anon is left alone (SCAN_FILE in the
	 * kswapd pane, pgscan_anon stays still).
	 */
	sc->cache_trim_mode =
		(lruvec_page_state(target_lruvec, NR_INACTIVE_FILE) >>
		 sc->priority) &&
		!may_deactivate(sc, true) && !sc->no_cache_trim_mode;

	/*
	 * file_is_tiny: new page cache starts inactive, so a small file
	 * LRU that thrashes would draw all the pressure while anon sits
	 * untouched. When file plus free pages cannot even reach the high
	 * watermarks, and there is inactive anon to take instead,
	 * get_scan_count() scans anon only (SCAN_ANON). The kernel decides
	 * this for global reclaim only, the only kind modelled.
	 */
	for_each_node_zone(zone, pgdat) {
		free += zone_page_state(zone, NR_FREE_PAGES);
		if (managed_zone(zone))
			high_wmarks += high_wmark_pages(zone);
	}
	sc->file_is_tiny = node_file_lru_pages(pgdat) + free <= high_wmarks &&
			   !may_deactivate(sc, false) &&
			   node_page_state(pgdat, NR_INACTIVE_ANON) >>
				   sc->priority;
}

/*
 * mm/vmscan.c: lruvec_lru_size(): the list's pages in zones up to
 * zone_idx (pages in higher zones are invisible to this reclaim).
 */
static unsigned long lruvec_lru_size(struct lruvec *lruvec, enum lru_list lru,
				     int zone_idx)
{
	unsigned long size = 0;
	struct zone *zone;

	for_each_managed_zone(zone, lruvec_pgdat(lruvec), zone_idx)
		size += zone_page_state(zone, NR_ZONE_LRU_BASE + lru);
	return size;
}

/*
 * mm/vmscan.c: get_scan_count()
 * Sets nr[lru], how many folios this pass scans on each of the four
 * evictable lists (indexed by enum lru_list), and the balance the kswapd
 * pane shows (SCAN_EQUAL, SCAN_FRACT, SCAN_ANON or SCAN_FILE).
 * Differs: no memcg protection (memory.min/low), no MGLRU.
 *
 * Worked example (kernel-facts appendix B, SCAN_FRACT, swappiness 60,
 * anon_cost 1000, file_cost 3000): total_cost 4000, anon_cost 5000,
 * file_cost 7000, total 12000; ap = 60 * 12001 / 5001 = 143,
 * fp = 140 * 12001 / 7001 = 239; inactive_file 100000 >> 12 = 24 ->
 * 24 * 239 / 382 = 15.
 */
void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
		    unsigned long *nr)
{
	struct sim *sim = sc->sim;
	unsigned long swappiness = (unsigned long)sim->cfg.sysctl.swappiness;
	enum scan_balance balance = SCAN_FRACT;
	uint64_t fraction[2] = { 0, 0 }, denominator = 0;
	enum lru_list lru;

	if (!sc->may_swap || !can_reclaim_anon_pages(sim))
		balance = SCAN_FILE; /* anon has nowhere to go */
	else if (sc->priority == 0 && swappiness != 0)
		balance = SCAN_EQUAL; /* the last try before OOM: by size */
	else if (sc->file_is_tiny)
		balance = SCAN_ANON; /* see prepare_scan_control() */
	else if (sc->cache_trim_mode)
		balance = SCAN_FILE;

	if (balance == SCAN_FRACT) {
		/*
		 * Each type's share falls as its reclaim cost (the refaults
		 * and rotations it caused, lru_note_cost()) rises, and is
		 * weighted by swappiness for anon and 200 - swappiness for
		 * file. Both costs get the sum of the two added, so neither
		 * share drops below about a third before the weights.
		 */
		unsigned long both = sc->anon_cost + sc->file_cost;
		unsigned long anon = both + sc->anon_cost;
		unsigned long file = both + sc->file_cost;

		fraction[0] = swappiness * (anon + file + 1) / (anon + 1);
		fraction[1] = (MAX_SWAPPINESS - swappiness) *
			      (anon + file + 1) / (file + 1);
		denominator = fraction[0] + fraction[1];
	}

	for (lru = 0; lru < LRU_UNEVICTABLE; lru++) {
		bool file = is_file_lru(lru);
		/* the root memcg has no memory.min/low protection to apply */
		uint64_t scan = lruvec_lru_size(lruvec, lru, sc->reclaim_idx) >>
				sc->priority;

		if (balance == SCAN_FRACT)
			scan = denominator ?
				       scan * fraction[file] / denominator :
				       0;
		else if ((balance == SCAN_FILE && !file) ||
			 (balance == SCAN_ANON && file))
			scan = 0;

		nr[lru] = (unsigned long)scan;
		lruvec->scan_nr[lru] = (unsigned long)scan;
	}
	lruvec->scan_balance = (int)balance + 1;
}

/*
 * mm/vmscan.c: can_age_anon_pages(): anon is worth aging when it can
 * leave memory: swap is configured (total_swap_pages, not free swap).
 */
static bool can_age_anon_pages(const struct scan_control *sc)
{
	/* demotion to a slower memory tier, the other way, is not modelled */
	return total_swap_pages(sc->sim) > 0;
}

/*
 * shrink_lruvec() met its goal: it finishes the scan, but keeps the
 * anon:file proportion get_scan_count() chose. The type with less left
 * stops; the other is cut to the same fraction of its target, so neither
 * type pays for the other's early end. Returns false when one type was
 * already done, which ends the rounds with no correction; the cut is
 * made only once, since the stopped type then has nothing left.
 */
static bool cut_scan_in_proportion(unsigned long *nr,
				   const unsigned long *targets)
{
	unsigned long anon_left = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
	unsigned long file_left = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
	/* the inactive list of the type that stops, and of the one cut */
	enum lru_list stop = LRU_INACTIVE_FILE, cut = LRU_INACTIVE_ANON;
	unsigned long left = file_left, percentage;

	if (!anon_left || !file_left)
		return false;
	if (file_left > anon_left) {
		stop = LRU_INACTIVE_ANON;
		cut = LRU_INACTIVE_FILE;
		left = anon_left;
	}
	/* how much of its target the stopping type still had to scan */
	percentage = left * 100 / (targets[stop] + targets[stop + 1] + 1);
	nr[stop] = nr[stop + 1] = 0;

	/* the other type scans the same share, less what it has done */
	for (enum lru_list lru = cut; lru <= cut + 1; lru++) {
		unsigned long done = targets[lru] - nr[lru];
		unsigned long share = targets[lru] * (100 - percentage) / 100;

		nr[lru] = share - min(share, done);
	}
	return true;
}

/*
 * Deactivate up to SWAP_CLUSTER_MAX active anon pages when anon can leave
 * memory and its inactive list is short: what shrink_lruvec() does after
 * its rounds and kswapd_age_node() before each of kswapd's passes.
 */
static void age_active_anon(struct lruvec *lruvec, struct scan_control *sc)
{
	if (can_age_anon_pages(sc) &&
	    inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, lruvec, sc,
				   LRU_ACTIVE_ANON);
}

/*
 * mm/vmscan.c: shrink_lruvec()
 * The proportional scan: rounds over lists 0..3 of at most
 * SWAP_CLUSTER_MAX each; once nr_to_reclaim is met (except in direct
 * reclaim at DEF_PRIORITY, which scans the whole target) the smaller type
 * stops and the other is cut to the same share of its target. Active
 * anon is not part of the loop condition.
 */
static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	STEP_FRAME();
	struct sim *sim = pgdat_sim(lruvec_pgdat(lruvec));
	const unsigned long goal = sc->nr_to_reclaim;
	unsigned long nr[NR_LRU_LISTS], targets[NR_LRU_LISTS];
	unsigned long reclaimed = 0;
	enum lru_list lru;
	/*
	 * A direct reclaimer at DEF_PRIORITY scans its whole (small) target
	 * even after the goal is met: light pressure from streaming I/O is
	 * common, and cutting the scan short would only skew the anon/file
	 * balance the targets were computed with.
	 */
	bool scan_all = !current_is_kswapd(sc) && sc->priority == DEF_PRIORITY;

	get_scan_count(lruvec, sc, nr);
	/* the first targets, which the proportional cut refers to */
	for (lru = 0; lru < LRU_UNEVICTABLE; lru++)
		targets[lru] = nr[lru];

	/*
	 * The rounds' writes are plugged: they merge into large requests,
	 * and most reach the disk after their folios are back on the LRU.
	 */
	blk_start_plug(sim);
	/* active anon alone does not keep the rounds going */
	while (nr[LRU_INACTIVE_ANON] + nr[LRU_INACTIVE_FILE] +
	       nr[LRU_ACTIVE_FILE]) {
		for (lru = 0; lru < LRU_UNEVICTABLE; lru++) {
			unsigned long batch = min(nr[lru], SWAP_CLUSTER_MAX);

			if (!batch)
				continue;
			nr[lru] -= batch;
			STEP_CALL();
			reclaimed += shrink_list(lru, batch, lruvec, sc);
		}
		if (reclaimed >= goal && !scan_all &&
		    !cut_scan_in_proportion(nr, targets))
			break;
	}
	blk_finish_plug(sim);
	sc->nr_reclaimed += reclaimed;

	/* anon is aged even when only file was scanned (pgdeactivate) */
	STEP_CALL();
	age_active_anon(lruvec, sc);
}

/* }====== */

/* {====== shrink_node() */

/* two priorities down from DEF_PRIORITY without enough freed */
static bool reclaim_struggles(const struct scan_control *sc)
{
	return sc->priority < DEF_PRIORITY - 2;
}

/*
 * mm/vmscan.c: in_reclaim_compaction(): a high-order request that may do
 * I/O reclaims for compaction when it is costly or reclaim is struggling.
 */
static bool in_reclaim_compaction(const struct scan_control *sc)
{
	bool costly = sc->order > PAGE_ALLOC_COSTLY_ORDER;

	return may_start_io(sc) && sc->order &&
	       (costly || reclaim_struggles(sc));
}

/*
 * mm/compaction.c: compaction_suitable(): compaction could run, with
 * room to migrate into: compact_gap(order) free pages above the min
 * mark, or above the low mark for a costly order.
 * Differs: the fragmentation index test for costly orders is left out.
 */
static bool compaction_suitable(struct zone *zone, int order,
				int highest_zoneidx)
{
	unsigned long base = order > PAGE_ALLOC_COSTLY_ORDER ?
				     low_wmark_pages(zone) :
				     min_wmark_pages(zone);

	return zone_watermark_ok(zone, 0, base + compact_gap(order),
				 highest_zoneidx, SIM_ALLOC_CMA);
}

/* The request would be served from this zone now, at the min mark. */
static bool zone_serves_request(const struct zone *zone,
				const struct scan_control *sc)
{
	return zone_watermark_ok(zone, (unsigned int)sc->order,
				 min_wmark_pages(zone), sc->reclaim_idx, 0);
}

/*
 * mm/vmscan.c: should_continue_reclaim(): for a high-order request,
 * shrink_node() goes round again until some zone could satisfy it or
 * compact it, as long as the inactive lists still hold more than
 * compact_gap(order) pages. Each round adds to pgscan and pgsteal.
 */
static bool should_continue_reclaim(struct pglist_data *pgdat,
				    unsigned long nr_reclaimed,
				    struct scan_control *sc)
{
	unsigned long inactive = node_page_state(pgdat, NR_INACTIVE_FILE);
	struct zone *zone;

	/*
	 * A round that freed nothing ends it, even if the allocation then
	 * fails: going on would scan the same unreclaimable folios again.
	 */
	if (!in_reclaim_compaction(sc) || !nr_reclaimed)
		return false;

	for_each_managed_zone(zone, pgdat, sc->reclaim_idx)
		if (zone_serves_request(zone, sc) ||
		    compaction_suitable(zone, sc->order, sc->reclaim_idx))
			return false;

	if (can_reclaim_anon_pages(sc->sim))
		inactive += node_page_state(pgdat, NR_INACTIVE_ANON);
	return inactive > compact_gap(sc->order);
}

/* the node's lruvec was flagged congested (by kswapd, or for a memcg) */
static bool lruvec_congested(const struct lruvec *lruvec)
{
	return lruvec->flags & ((1UL << LRUVEC_CGROUP_CONGESTED) |
				(1UL << LRUVEC_NODE_CONGESTED));
}

/*
 * mm/vmscan.c: shrink_node(): one reclaim pass over a node at
 * sc->priority. After it, kswapd flags the node (PGDAT_WRITEBACK,
 * PGDAT_DIRTY, congested) from what the pass met, and those flags decide
 * the stalls seen as mm_vmscan_throttled lines. Any progress resets
 * kswapd_failures.
 * Differs: one memcg (the root) and no slab shrinkers. vmpressure()
 * hears what each pass scanned and freed.
 */
void shrink_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	STEP_FRAME();
	struct lruvec *target_lruvec = &pgdat->lruvec;
	unsigned long before, reclaimed, scanned;
	bool reclaimable = false;

again:
	memset(&sc->nr, 0, sizeof(sc->nr));
	before = sc->nr_reclaimed;
	scanned = sc->nr_scanned;
	prepare_scan_control(pgdat, sc);

	/*
	 * shrink_node_memcgs(): the root memcg only. Its slab shrinkers are
	 * not modelled, but their walk is paid for, whatever the pass finds.
	 */
	charge_cost(sc->sim, COST_SHRINK_NODE, 1);
	STEP_CALL();
	shrink_lruvec(target_lruvec, sc);

	reclaimed = sc->nr_reclaimed - before;
	vmpressure(sc->sim, sc->gfp_mask, sc->nr_scanned - scanned, reclaimed);
	if (reclaimed)
		reclaimable = true;

	if (current_is_kswapd(sc)) {
		/*
		 * Every folio taken was under writeback: memory is dirtied
		 * faster than the disk cleans it. PGDAT_WRITEBACK makes the
		 * next passes count such folios as nr_immediate, and kswapd
		 * then waits for the writes (reason=WRITEBACK).
		 */
		if (sc->nr.taken && sc->nr.taken == sc->nr.writeback)
			pgdat_set_flag(pgdat, PGDAT_WRITEBACK);

		/* every file folio dirty and unqueued: kswapd may write them */
		if (sc->nr.file_taken == sc->nr.unqueued_dirty)
			pgdat_set_flag(pgdat, PGDAT_DIRTY);

		if (sc->nr.immediate)
			reclaim_throttle(pgdat, VMSCAN_THROTTLE_WRITEBACK, sc);
	}

	/* every dirty folio met was already being written back: congested */
	if (current_is_kswapd(sc) && sc->nr.congested &&
	    sc->nr.congested == sc->nr.dirty)
		target_lruvec->flags |= 1UL << LRUVEC_NODE_CONGESTED;

	/*
	 * On a congested node direct reclaimers wait for the disk
	 * (reason=CONGESTED); kswapd keeps going, since it waits above.
	 */
	if (!current_is_kswapd(sc) && lruvec_congested(target_lruvec))
		reclaim_throttle(pgdat, VMSCAN_THROTTLE_CONGESTED, sc);

	STEP_POINT(sc->sim, STEP_NODE);
	if (should_continue_reclaim(pgdat, reclaimed, sc))
		goto again;

	/*
	 * Progress by anyone, direct reclaim too, revives a kswapd that
	 * gave up after MAX_RECLAIM_RETRIES empty runs.
	 */
	if (reclaimable)
		pgdat->kswapd_failures = 0;
	else if (sc->cache_trim_mode)
		sc->cache_trim_mode_failed = true;
}

/* }====== */

/* {====== direct reclaim */

/*
 * mm/vmscan.c: compaction_ready(): true when a costly-order request no
 * longer needs reclaim in this zone: the allocation would succeed now, or
 * compaction has its working room plus a margin.
 */
static bool compaction_ready(struct zone *zone, struct scan_control *sc)
{
	if (!may_start_io(sc))
		return false;
	if (zone_serves_request(zone, sc))
		return true;

	/*
	 * Compaction could start, but other allocations eat into the pages
	 * while it runs: reclaim stops only above high + compact_gap().
	 */
	return compaction_suitable(zone, sc->order, sc->reclaim_idx) &&
	       zone_watermark_ok_safe(
		       zone, 0, high_wmark_pages(zone) + compact_gap(sc->order),
		       sc->reclaim_idx);
}

/*
 * mm/vmscan.c: consider_reclaim_throttle(): a direct reclaimer that
 * reached priority 1 without reclaiming anything stalls (NOPROGRESS).
 */
static void consider_reclaim_throttle(struct pglist_data *pgdat,
				      struct scan_control *sc)
{
	/*
	 * Freeing more than one page in eight is progress enough; kswapd
	 * already waits on WRITEBACK in shrink_node() when it must.
	 */
	if (sc->nr_reclaimed > sc->nr_scanned >> 3 || current_is_kswapd(sc))
		return;

	if (sc->priority == 1 && sc->nr_reclaimed == 0)
		reclaim_throttle(pgdat, VMSCAN_THROTTLE_NOPROGRESS, sc);
}

/*
 * mm/vmscan.c: shrink_zones(): one priority of direct reclaim over the
 * allocating task's zonelist. Only zones the allocation could use are
 * considered, and each node is shrunk once, when its first eligible zone
 * that is not compaction-ready comes up.
 * Differs: no cpusets, no buffer_heads_over_limit.
 */
static void shrink_zones(struct pglist_data *preferred, struct scan_control *sc)
{
	STEP_FRAME();
	struct pglist_data *first_pgdat = NULL, *last_pgdat = NULL;
	struct zone *zone;
	int i;

	for_each_zone_zonelist(zone, i, preferred->zonelist, sc->reclaim_idx) {
		struct pglist_data *pgdat = zone->zone_pgdat;

		if (sc->nodemask && !(sc->nodemask & (1UL << pgdat->node_id)))
			continue;
		if (!populated_zone(zone))
			continue;

		/*
		 * For a costly order (THP and the like) reclaim stops once
		 * compaction has enough free pages to work with; freeing
		 * more would evict for nothing. Small orders do not bother.
		 */
		if (sc->order > PAGE_ALLOC_COSTLY_ORDER &&
		    compaction_ready(zone, sc)) {
			sc->compaction_ready = 1;
			continue;
		}

		/* the zonelist lists a node's zones together: shrink it once */
		if (pgdat == last_pgdat)
			continue;
		last_pgdat = pgdat;
		if (!first_pgdat)
			first_pgdat = pgdat;
		STEP_CALL();
		shrink_node(pgdat, sc);
	}

	if (first_pgdat)
		consider_reclaim_throttle(first_pgdat, sc);
}

/*
 * mm/vmscan.c: snapshot_refaults(): remember the workingset activations
 * seen so far; prepare_scan_control() compares against them.
 */
static void snapshot_refaults(struct pglist_data *pgdat)
{
	struct lruvec *target_lruvec = &pgdat->lruvec;

	target_lruvec->refaults[WORKINGSET_ANON] =
		lruvec_page_state(target_lruvec, WORKINGSET_ACTIVATE_ANON);
	target_lruvec->refaults[WORKINGSET_FILE] =
		lruvec_page_state(target_lruvec, WORKINGSET_ACTIVATE_FILE);
}

/*
 * mm/vmscan.c: do_try_to_free_pages(): direct reclaim's priority loop,
 * from DEF_PRIORITY down to 0 until nr_to_reclaim pages are freed. When
 * even priority 0 frees nothing, the allocator goes on to the OOM killer.
 * Returns the number of reclaimed pages; 1 if nothing was reclaimed but
 * compaction is ready. A run that frees nothing repeats the priority loop
 * once (memcg_full_walk), counting allocstall again.
 */
static unsigned long do_try_to_free_pages(struct pglist_data *preferred,
					  struct scan_control *sc)
{
	STEP_FRAME();
	const int first_priority = sc->priority;
	struct pglist_data *last_pgdat;
	struct zone *zone;
	int i;

retry:
	count_vm_events(sc->sim,
			(enum vm_event_item)(ALLOCSTALL_DMA + sc->reclaim_idx),
			1);

	for (; sc->priority >= 0; sc->priority--) {
		STEP_POINT(sc->sim, STEP_PRIORITY);
		vmpressure_prio(sc->sim, sc->gfp_mask, sc->priority);
		sc->nr_scanned = 0;
		STEP_CALL();
		shrink_zones(preferred, sc);

		if (sc->nr_reclaimed >= sc->nr_to_reclaim ||
		    sc->compaction_ready)
			break;

		/* after two hard passes, laptop_mode no longer blocks writes */
		if (reclaim_struggles(sc))
			sc->may_writepage = 1;
	}

	/* each node the zonelist reached remembers its refaults once */
	last_pgdat = NULL;
	for_each_zone_zonelist(zone, i, preferred->zonelist, sc->reclaim_idx) {
		if (zone->zone_pgdat != last_pgdat)
			snapshot_refaults(zone->zone_pgdat);
		last_pgdat = zone->zone_pgdat;
	}

	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;

	/* stopped early for compaction: 1 keeps the allocator from OOM */
	if (sc->compaction_ready)
		return 1;

	if (!sc->memcg_full_walk) {
		/*
		 * The kernel retries once with a full cgroup walk before it
		 * gives up; with only the root cgroup the walk is the same,
		 * but the retry still runs the loop again and counts a
		 * second allocstall.
		 */
		sc->memcg_full_walk = 1;
	} else if (sc->skipped_deactivate) {
		/*
		 * inactive_is_low() judged the whole node, but a low
		 * reclaim_idx can leave the eligible zones with no inactive
		 * pages: one more round then ages the active lists
		 * regardless (force_deactivate).
		 */
		sc->force_deactivate = 1;
		sc->skipped_deactivate = 0;
	} else {
		return 0;
	}
	sc->priority = first_priority;
	goto retry;
}

/*
 * mm/vmscan.c: allow_direct_reclaim()
 * Returns true when the node's free lowmem is above half of its min
 * watermarks; otherwise wakes kswapd (for ZONE_NORMAL at most).
 */
static bool allow_direct_reclaim(struct pglist_data *pgdat)
{
	unsigned long reserve = 0, free = 0;
	struct zone *zone;
	bool wmark_ok;

	if (kswapd_gave_up(pgdat))
		return true;

	/* the lowmem zones that still have something to reclaim */
	for_each_managed_zone(zone, pgdat, ZONE_NORMAL) {
		if (zone_reclaimable_pages(zone) == 0)
			continue;
		reserve += min_wmark_pages(zone);
		free += zone_page_state(zone, NR_FREE_PAGES);
	}

	/* no lowmem reserves at all: nothing to protect */
	if (!reserve)
		return true;

	wmark_ok = free > reserve / 2;

	/* the throttled task waits for kswapd, so kswapd must be running */
	if (!wmark_ok && kswapd_waiting(pgdat)) {
		pgdat->kswapd_highest_zoneidx = (enum zone_type)min(
			pgdat->kswapd_highest_zoneidx, ZONE_NORMAL);
		wake_up_interruptible(pgdat_sim(pgdat), &pgdat->kswapd_wait);
	}

	return wmark_ok;
}

/*
 * include/linux/wait.h: wait_event_killable() / _interruptible_timeout()
 * on pgdat->pfmemalloc_wait, the condition being allow_direct_reclaim().
 */
static void wait_event_timeout_pfmemalloc(struct pglist_data *pgdat,
					  long timeout)
{
	struct sim *sim = pgdat_sim(pgdat);

	while (timeout > 0) {
		prepare_to_wait(sim, &pgdat->pfmemalloc_wait,
				TASK_INTERRUPTIBLE);
		if (allow_direct_reclaim(pgdat))
			break;
		timeout = schedule_timeout(sim, timeout);
		finish_wait(sim, &pgdat->pfmemalloc_wait);
	}
	finish_wait(sim, &pgdat->pfmemalloc_wait);
}

/*
 * mm/vmscan.c: throttle_direct_reclaim(): a direct reclaimer waits while
 * the reserves that PF_MEMALLOC work (such as network swap) depends on
 * run low, and pgscan_direct_throttle counts it. Only the first node of the zonelist with a lowmem zone is
 * considered; the throttled task sleeps until kswapd makes
 * allow_direct_reclaim() true (or, without __GFP_FS, up to HZ).
 * Returns true if a fatal signal was delivered while throttled: never in
 * this model.
 */
static bool throttle_direct_reclaim(struct pglist_data *preferred,
				    gfp_t gfp_mask)
{
	struct sim *sim = pgdat_sim(preferred);
	const struct task *cur = current_task(sim);
	struct pglist_data *pgdat = NULL;
	struct zone *zone;
	int i;

	/*
	 * A kernel thread may be the one whose work (a journal commit, say)
	 * lets the others' reclaim finish: it never waits here.
	 */
	if (cur && (cur->flags & PF_KTHREAD))
		return false;

	/* the first node with a lowmem zone the request may use decides */
	for_each_zone_zonelist(zone, i, preferred->zonelist,
			       min((unsigned long)gfp_zone(gfp_mask),
				   ZONE_NORMAL)) {
		pgdat = zone->zone_pgdat;
		break;
	}
	if (!pgdat || allow_direct_reclaim(pgdat))
		return false;

	count_vm_events(sim, PGSCAN_DIRECT_THROTTLE, 1);

	/*
	 * Without __GFP_FS the caller may hold a file system lock kswapd
	 * is waiting for, so its wait is bounded to one second (HZ).
	 */
	if (!(gfp_mask & __GFP_FS))
		wait_event_timeout_pfmemalloc(pgdat, HZ);
	else
		wait_event_timeout_pfmemalloc(pgdat, MAX_SCHEDULE_TIMEOUT);
	return false;
}

/*
 * mm/vmscan.c: try_to_free_pages()
 * Direct reclaim for an allocation of 2^order pages that failed on the
 * zonelist of node nid. Returns the pages reclaimed.
 */
unsigned long try_to_free_pages(struct sim *sim, int nid, int order,
				gfp_t gfp_mask, unsigned long nodemask)
{
	STEP_FRAME();
	unsigned long nr_reclaimed;
	struct pglist_data *preferred = &sim->node_data[nid];
	struct scan_control sc = {
		.sim = sim,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask =
			gfp_mask, /* current_gfp_context(): no PF_MEMALLOC_NO* */
		.reclaim_idx = gfp_zone(gfp_mask),
		.order = order,
		.nodemask = nodemask,
		.priority = DEF_PRIORITY,
		.may_writepage = !sim->cfg.sysctl.laptop_mode,
		.may_unmap = 1,
		.may_swap = 1,
	};

	/* a task killed while it waited leaves at once; 1 avoids an OOM kill */
	if (throttle_direct_reclaim(preferred, sc.gfp_mask))
		return 1;

	step_set_sc(sim, &sc);
	trace_mm_vmscan_direct_reclaim_begin(sim, order, sc.gfp_mask);

	STEP_CALL();
	nr_reclaimed = do_try_to_free_pages(preferred, &sc);

	trace_mm_vmscan_direct_reclaim_end(sim, nr_reclaimed);
	step_set_sc(sim, NULL);

	return nr_reclaimed;
}

/* }====== */

/* {====== node reclaim (zone_reclaim_mode) */

#define NODE_RECLAIM_PRIORITY 4 /* scans 1/16th of a node's lists */

/* mm/vmscan.c: node_unmapped_file_pages() */
static unsigned long node_unmapped_file_pages(const struct pglist_data *pgdat)
{
	unsigned long mapped = node_page_state(pgdat, NR_FILE_MAPPED);
	unsigned long file = node_file_lru_pages(pgdat);

	/* mapped pages off the LRU (shmem, say) may outnumber the list */
	return file - min(file, mapped);
}

/*
 * mm/vmscan.c: node_pagecache_reclaimable(): the page cache this
 * zone_reclaim_mode may reclaim: all of it with RECLAIM_UNMAP, else the
 * unmapped part; less the dirty pages without RECLAIM_WRITE.
 */
static unsigned long node_pagecache_reclaimable(struct sim *sim,
						const struct pglist_data *pgdat)
{
	int mode = sim->cfg.sysctl.zone_reclaim_mode;
	unsigned long reclaimable =
		mode & RECLAIM_UNMAP ? node_page_state(pgdat, NR_FILE_PAGES) :
				       node_unmapped_file_pages(pgdat);

	if (!(mode & RECLAIM_WRITE))
		reclaimable -=
			min(reclaimable, node_page_state(pgdat, NR_FILE_DIRTY));
	return reclaimable;
}

/*
 * Above min_unmapped_ratio or min_slab_ratio: the node has page cache
 * (or slab) to spare. Below both it keeps its little cache, since
 * reclaiming it would throw away file data just read.
 */
static bool node_has_cache_to_spare(struct sim *sim,
				    const struct pglist_data *pgdat)
{
	return node_pagecache_reclaimable(sim, pgdat) >
		       pgdat->min_unmapped_pages ||
	       node_page_state(pgdat, NR_SLAB_RECLAIMABLE_B) >
		       pgdat->min_slab_pages;
}

/*
 * mm/vmscan.c: __node_reclaim(): shrink_node() from NODE_RECLAIM_PRIORITY
 * down until a block of 1 << order pages came back, with PF_MEMALLOC set
 * (memalloc_noreclaim_save()). Differs: no slab to shrink.
 */
static bool __node_reclaim(struct pglist_data *pgdat, gfp_t gfp_mask,
			   unsigned int order)
{
	struct sim *sim = pgdat_sim(pgdat);
	const unsigned long want = 1UL << order;
	int mode = sim->cfg.sysctl.zone_reclaim_mode;
	struct task *p = current_task(sim);
	unsigned int noreclaim_flag = p ? p->flags & PF_MEMALLOC : 0;
	struct scan_control sc = {
		.sim = sim,
		.nr_to_reclaim = max(want, SWAP_CLUSTER_MAX),
		.gfp_mask = gfp_mask, /* current_gfp_context() */
		.order = (int)order,
		.priority = NODE_RECLAIM_PRIORITY,
		.may_writepage = !!(mode & RECLAIM_WRITE),
		.may_unmap = !!(mode & RECLAIM_UNMAP),
		.may_swap = 1,
		.reclaim_idx = gfp_zone(gfp_mask),
	};

	trace_mm_vmscan_node_reclaim_begin(sim, pgdat->node_id, (int)order,
					   sc.gfp_mask);
	cond_resched(sim);
	if (p)
		p->flags |= PF_MEMALLOC;
	step_set_sc(sim, &sc);
	if (node_has_cache_to_spare(sim, pgdat))
		do
			shrink_node(pgdat, &sc);
		while (sc.nr_reclaimed < want && sc.priority-- > 0);
	step_set_sc(sim, NULL);
	if (p)
		p->flags = (p->flags & ~PF_MEMALLOC) | noreclaim_flag;
	trace_mm_vmscan_node_reclaim_end(sim, sc.nr_reclaimed);
	return sc.nr_reclaimed >= want;
}

/*
 * mm/vmscan.c: node_reclaim(): zone_reclaim_mode's reclaim of the local
 * node before the allocator falls back to the next zone of its zonelist;
 * zone_reclaim_success or zone_reclaim_failed counts each attempt.
 */
int node_reclaim(struct pglist_data *pgdat, gfp_t gfp_mask, unsigned int order)
{
	struct sim *sim = pgdat_sim(pgdat);
	const struct task *p = current_task(sim);
	bool freed;

	if (!node_has_cache_to_spare(sim, pgdat))
		return NODE_RECLAIM_FULL;

	/* an atomic or PF_MEMALLOC allocation must not wait for reclaim */
	if (!gfpflags_allow_blocking(gfp_mask) ||
	    (p && (p->flags & PF_MEMALLOC)))
		return NODE_RECLAIM_NOSCAN;

	/*
	 * Only the allocating task's own node is reclaimed (every node has
	 * CPUs here), and by one task at a time; a remote or busy node is
	 * simply allocated from instead.
	 */
	if (pgdat->node_id != numa_node_id(sim) ||
	    pgdat_test_flag(pgdat, PGDAT_RECLAIM_LOCKED))
		return NODE_RECLAIM_NOSCAN;

	pgdat_set_flag(pgdat, PGDAT_RECLAIM_LOCKED);
	freed = __node_reclaim(pgdat, gfp_mask, order);
	pgdat_clear_flag(pgdat, PGDAT_RECLAIM_LOCKED);

	count_vm_events(sim, freed ? ZONE_RECLAIM_SUCCESS : ZONE_RECLAIM_FAILED,
			1);
	return freed ? NODE_RECLAIM_SUCCESS : NODE_RECLAIM_SOME;
}

/* }====== */

/* {====== kswapd */

/* direct reclaimers wait in throttle_direct_reclaim() for kswapd */
static bool reclaimers_throttled(const struct pglist_data *pgdat)
{
	return waitqueue_active(&pgdat->pfmemalloc_wait);
}

/*
 * mm/vmscan.c: kswapd_age_node(): deactivate up to SWAP_CLUSTER_MAX
 * active anon pages when the inactive anon list is low and swap exists.
 */
static void kswapd_age_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	age_active_anon(&pgdat->lruvec, sc);
}

/*
 * mm/vmscan.c: pgdat_watermark_boosted()
 * Returns true if any managed zone up to highest_zoneidx has its
 * watermarks boosted (zone->watermark_boost), which wakeup_kswapd() lets
 * through even on a balanced node. Boosts only, not watermarks: a
 * balanced lower zone must not hide the boost of a higher one.
 */
bool pgdat_watermark_boosted(struct pglist_data *pgdat, int highest_zoneidx)
{
	struct zone *zone;

	for_each_managed_zone(zone, pgdat, highest_zoneidx)
		if (zone->watermark_boost)
			return true;
	return false;
}

/*
 * mm/vmscan.c: pgdat_balanced(): one zone up to highest_zoneidx above its
 * high watermark for this order is enough; kswapd then goes to sleep
 * (kswapd_high_wmark_hit_quickly or _low_wmark_ counts it).
 */
bool pgdat_balanced(struct pglist_data *pgdat, int order, int highest_zoneidx)
{
	bool eligible = false;
	struct zone *zone;

	/*
	 * From the bottom: small low zones are the ones usually above high.
	 * NUMA_BALANCING_MEMORY_TIERING is off, so the mark is always high.
	 */
	for_each_managed_zone(zone, pgdat, highest_zoneidx) {
		eligible = true;
		if (zone_watermark_ok_safe(zone, (unsigned int)order,
					   high_wmark_pages(zone),
					   highest_zoneidx))
			return true;
	}

	/*
	 * No zone of this node is eligible (a DMA-only request woke a node
	 * without ZONE_DMA): there is nothing kswapd could balance.
	 */
	return !eligible;
}

/*
 * mm/vmscan.c: clear_pgdat_congested(): a balanced node forgets the
 * dirty and writeback trouble of the last run, so the next run starts
 * without stalls or kswapd writes.
 */
static void clear_pgdat_congested(struct pglist_data *pgdat)
{
	pgdat->lruvec.flags &= ~((1UL << LRUVEC_NODE_CONGESTED) |
				 (1UL << LRUVEC_CGROUP_CONGESTED));
	pgdat_clear_flag(pgdat, PGDAT_DIRTY);
	pgdat_clear_flag(pgdat, PGDAT_WRITEBACK);
}

/*
 * mm/vmscan.c: prepare_kswapd_sleep(): true when kswapd may sleep: the
 * node is balanced, or kswapd has failed MAX_RECLAIM_RETRIES times and
 * leaves the node to direct reclaim.
 */
bool prepare_kswapd_sleep(struct pglist_data *pgdat, int order,
			  int highest_zoneidx)
{
	/* tasks throttled in throttle_direct_reclaim() must not outlast kswapd */
	if (reclaimers_throttled(pgdat))
		wake_up_all(pgdat_sim(pgdat), &pgdat->pfmemalloc_wait);

	if (kswapd_gave_up(pgdat))
		return true;
	if (!pgdat_balanced(pgdat, order, highest_zoneidx))
		return false;
	clear_pgdat_congested(pgdat);
	return true;
}

/*
 * mm/vmscan.c: kswapd_shrink_node(): one shrink_node() at sc->priority,
 * aiming at the sum of the eligible zones' high marks (at least
 * SWAP_CLUSTER_MAX each). Returns true when it scanned or freed that
 * much, so that balance_pgdat() keeps the priority; false raises it.
 */
static bool kswapd_shrink_node(struct pglist_data *pgdat,
			       struct scan_control *sc)
{
	STEP_FRAME();
	unsigned long before = sc->nr_reclaimed;
	struct zone *zone;

	sc->nr_to_reclaim = 0;
	for_each_managed_zone(zone, pgdat, sc->reclaim_idx)
		sc->nr_to_reclaim +=
			max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);

	STEP_CALL();
	shrink_node(pgdat, sc);

	/*
	 * Free pages may be too scattered for any high-order block to
	 * form. Once compact_gap() pages are freed, kswapd judges balance
	 * at order 0 and leaves the block to the allocator's compaction;
	 * otherwise it would reclaim on and on.
	 */
	if (sc->nr_reclaimed >= compact_gap(sc->order))
		sc->order = 0; /* (order 0 stays 0) */

	/* this call's pages only, not those of earlier rounds */
	return max(sc->nr_scanned, sc->nr_reclaimed - before) >=
	       sc->nr_to_reclaim;
}

/*
 * mm/vmscan.c: update_reclaim_active(): ZONE_RECLAIM_ACTIVE while kswapd
 * runs; the kernel shrinks the per-cpu lists' high mark with it.
 */
static void update_reclaim_active(struct pglist_data *pgdat,
				  int highest_zoneidx, bool active)
{
	struct zone *zone;

	for_each_managed_zone(zone, pgdat, highest_zoneidx) {
		if (active)
			zone->flags |= 1UL << ZONE_RECLAIM_ACTIVE;
		else
			zone->flags &= ~(1UL << ZONE_RECLAIM_ACTIVE);
	}
}

/*
 * For sim_kswapd_info(): add one round of balance_pgdat()'s priority loop
 * to the pass's table. Rounds that keep the same sc.priority (the scan
 * was big enough, so the priority was not raised) add to one row.
 */
static void kswapd_note_priority(struct pglist_data *pgdat,
				 const struct scan_control *sc,
				 unsigned long nr_reclaimed)
{
	struct sim_kswapd_prio *row = NULL;
	int n = pgdat->kswapd_nr_prio;

	if (n && pgdat->kswapd_prio[n - 1].priority == sc->priority)
		row = &pgdat->kswapd_prio[n - 1];
	else if (n < SIM_KSWAPD_PRIO_ROWS) {
		row = &pgdat->kswapd_prio[pgdat->kswapd_nr_prio++];
		*row = (struct sim_kswapd_prio){ .priority = sc->priority };
	}
	if (!row)
		return;
	row->nr_scanned += sc->nr_scanned;
	row->nr_reclaimed += nr_reclaimed;
}

/*
 * mm/vmscan.c: balance_pgdat()
 * kswapd's pass over one node: from DEF_PRIORITY down, shrink the zones up
 * to highest_zoneidx until one of them is above its high watermark for
 * this order (pgdat_balanced()). pageoutrun counts the passes,
 * pgscan_kswapd and pgsteal_kswapd the work; a pass that frees nothing
 * adds to kswapd_failures. Returns the order it ended at, which
 * kswapd_try_to_sleep() checks.
 * Differs: no memcg soft limit reclaim, no buffer_heads_over_limit, no
 * freezer; kcompactd is not modelled.
 */
int balance_pgdat(struct pglist_data *pgdat, int order, int highest_zoneidx)
{
	STEP_FRAME();
	struct sim *sim = pgdat_sim(pgdat);
	unsigned long zone_boosts[MAX_NR_ZONES] = { 0 };
	unsigned long boost = 0; /* boosted pages still to reclaim */
	struct zone *zone;
	struct scan_control sc = {
		.sim = sim,
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.may_unmap = 1,
		.kswapd = 1,
	};

	step_set_sc(sim, &sc);
	count_vm_events(sim, PAGEOUTRUN, 1);

	/*
	 * The boost to reclaim (watermark_boost, from fragmentation events).
	 * The zones keep their raised watermarks until the pass ends, so
	 * allocators near them still wake or enter reclaim meanwhile.
	 */
	for_each_managed_zone(zone, pgdat, highest_zoneidx) {
		zone_boosts[zone - pgdat->node_zones] = zone->watermark_boost;
		boost += zone->watermark_boost;
	}

restart:
	pgdat->kswapd_nr_prio = 0;
	update_reclaim_active(pgdat, highest_zoneidx, true);
	sc.priority = DEF_PRIORITY;
	do {
		unsigned long before = sc.nr_reclaimed, reclaimed;
		bool raise_priority = true;
		bool balanced, hit_target;

		STEP_POINT(sim, STEP_PRIORITY);
		sc.reclaim_idx = highest_zoneidx;

		/*
		 * A node below its real watermarks needs ordinary reclaim:
		 * drop the boost and start over from DEF_PRIORITY. The boost
		 * is still taken off the zones at the end of the pass.
		 */
		balanced = pgdat_balanced(pgdat, sc.order, highest_zoneidx);
		if (boost && !balanced) {
			boost = 0;
			goto restart;
		}

		/* balanced and nothing boosted: the pass is over */
		if (balanced && !boost)
			goto out;

		/* boosted reclaim stays light: never below DEF_PRIORITY - 2 */
		if (boost && sc.priority == DEF_PRIORITY - 2)
			raise_priority = false;

		/*
		 * A boost only asks for free pages, not for I/O: no pageout()
		 * and no swap while it lasts (nr_vmscan_write, pswpout stay).
		 */
		sc.may_writepage = !sim->cfg.sysctl.laptop_mode && !boost;
		sc.may_swap = !boost;

		/* age the active anon list first (pgdeactivate, pgrefill) */
		kswapd_age_node(pgdat, &sc);

		/* laptop_mode gives way once reclaim struggles */
		if (reclaim_struggles(&sc))
			sc.may_writepage = 1;

		/* (memcg soft limit reclaim would run here; not modelled) */
		sc.nr_scanned = 0;

		STEP_CALL();
		hit_target = kswapd_shrink_node(pgdat, &sc);

		/*
		 * Direct reclaimers throttled in throttle_direct_reclaim()
		 * go on once allow_direct_reclaim() sees enough free pages.
		 */
		if (reclaimers_throttled(pgdat) && allow_direct_reclaim(pgdat))
			wake_up_all(sim, &pgdat->pfmemalloc_wait);

		reclaimed = sc.nr_reclaimed - before;
		kswapd_note_priority(pgdat, &sc, reclaimed);
		boost -= min(boost, reclaimed);

		/* boosted reclaim may not write, so no progress ends it */
		if (boost && !reclaimed)
			break;

		/*
		 * The priority rises on a short scan, unless the boost holds
		 * it, and always without progress; a scan as large as the
		 * target keeps it.
		 */
		if ((raise_priority && !hit_target) || !reclaimed)
			sc.priority--;
	} while (sc.priority >= 1);

	/*
	 * All priorities spent with nothing freed while cache trim mode
	 * kept anon out: one more pass with it off.
	 */
	if (!sc.nr_reclaimed && sc.priority < 1 && !sc.no_cache_trim_mode &&
	    sc.cache_trim_mode_failed) {
		sc.no_cache_trim_mode = 1;
		goto restart;
	}

	if (!sc.nr_reclaimed)
		pgdat->kswapd_failures++;

out:
	update_reclaim_active(pgdat, highest_zoneidx, false);

	/* take this pass's boost off the zones (watermark_boost in zoneinfo) */
	for_each_node_zone(zone, pgdat)
		zone->watermark_boost -=
			min(zone->watermark_boost,
			    zone_boosts[zone - pgdat->node_zones]);

	snapshot_refaults(pgdat);
	pgdat->kswapd_priority = sc.priority;
	STEP_POINT(sim, STEP_BALANCE);
	step_set_sc(sim, NULL);

	/*
	 * sc.order may have dropped to 0 in kswapd_shrink_node(); the
	 * caller sleeps against that order, not the one it was woken for.
	 */
	return sc.order;
}

/*
 * mm/vmscan.c: kswapd_highest_zoneidx(): the zone a waker asked for, or,
 * when nobody asked since the last run (MAX_NR_ZONES), the zone of that
 * run, which is what the kswapd pane then keeps showing.
 */
static enum zone_type kswapd_highest_zoneidx(const struct pglist_data *pgdat,
					     enum zone_type prev)
{
	enum zone_type asked = pgdat->kswapd_highest_zoneidx;

	return asked == MAX_NR_ZONES ? prev : asked;
}

/*
 * mm/vmscan.c: kswapd_try_to_sleep()
 * Nap for HZ/10 when the node is balanced; if nobody woke it and it is
 * still balanced, sleep until woken (mm_vmscan_kswapd_sleep). Otherwise
 * count kswapd_low_wmark_hit_quickly (woken during the nap) or
 * kswapd_high_wmark_hit_quickly (unbalanced after it).
 * Differs: no freezer, no per-cpu vmstat thresholds, and no kcompactd,
 * which the kernel wakes here with the order kswapd was woken for.
 */
static void kswapd_try_to_sleep(struct pglist_data *pgdat, int reclaim_order,
				unsigned int highest_zoneidx)
{
	struct sim *sim = pgdat_sim(pgdat);
	long remaining = 0;

	prepare_to_wait(sim, &pgdat->kswapd_wait, TASK_INTERRUPTIBLE);

	/*
	 * The nap shows whether the node stays balanced on its own; the
	 * kernel would wake kcompactd here too, which the model lacks.
	 */
	if (prepare_kswapd_sleep(pgdat, reclaim_order, (int)highest_zoneidx)) {
		remaining = schedule_timeout(sim, HZ / 10);

		/*
		 * Woken during the nap: the next run must cover both the new
		 * request and the one just served.
		 */
		if (remaining) {
			pgdat->kswapd_highest_zoneidx =
				kswapd_highest_zoneidx(pgdat, highest_zoneidx);

			if (pgdat->kswapd_order < reclaim_order)
				pgdat->kswapd_order = reclaim_order;
		}

		finish_wait(sim, &pgdat->kswapd_wait);
		prepare_to_wait(sim, &pgdat->kswapd_wait, TASK_INTERRUPTIBLE);
	}

	/* a quiet nap on a node still balanced: sleep until a wakeup_kswapd() */
	if (!remaining &&
	    prepare_kswapd_sleep(pgdat, reclaim_order, (int)highest_zoneidx)) {
		trace_mm_vmscan_kswapd_sleep(sim, pgdat->node_id);
		schedule_timeout(sim, MAX_SCHEDULE_TIMEOUT); /* schedule() */
	} else {
		if (remaining)
			count_vm_events(sim, KSWAPD_LOW_WMARK_HIT_QUICKLY, 1);
		else
			count_vm_events(sim, KSWAPD_HIGH_WMARK_HIT_QUICKLY, 1);
	}
	finish_wait(sim, &pgdat->kswapd_wait);
}

/* mm/vmscan.c: kswapd()'s start: no request pending in the mailbox */
void kswapd_init_node(struct pglist_data *pgdat)
{
	pgdat->kswapd_order = 0;
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	pgdat->nr_writeback_throttled = 0;
	pgdat->kswapd_priority = DEF_PRIORITY;
}

/*
 * mm/vmscan.c: kswapd(): the per-node reclaim thread (kswapd0, kswapd1
 * in the trace). It sleeps until an allocation finds a zone below its
 * low mark, then runs balance_pgdat() until the node is above high again,
 * so that allocations seldom have to reclaim for themselves.
 * Differs: never stops or freezes; its coroutine ends with the sim.
 */
int kswapd(void *p)
{
	STEP_FRAME();
	struct pglist_data *pgdat = p;
	struct sim *sim = pgdat_sim(pgdat);
	struct task *tsk = current_task(sim);
	int alloc_order, reclaim_order;
	enum zone_type highest_zoneidx = MAX_NR_ZONES - 1;

	/*
	 * PF_MEMALLOC: kswapd's own allocations may dip into the reserves
	 * and never recurse into direct reclaim.
	 */
	if (tsk)
		tsk->flags |= PF_KSWAPD | PF_MEMALLOC;

	kswapd_init_node(pgdat);
	for (bool fresh = true;;) {
		if (fresh) {
			alloc_order = reclaim_order = pgdat->kswapd_order;
			highest_zoneidx =
				kswapd_highest_zoneidx(pgdat, highest_zoneidx);
		}
		kswapd_try_to_sleep(pgdat, reclaim_order, highest_zoneidx);

		alloc_order = pgdat->kswapd_order;
		highest_zoneidx =
			kswapd_highest_zoneidx(pgdat, highest_zoneidx);
		pgdat->kswapd_order = 0;
		pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;

		trace_mm_vmscan_kswapd_wake(sim, pgdat->node_id,
					    (int)highest_zoneidx, alloc_order);
		STEP_CALL();
		reclaim_order =
			balance_pgdat(pgdat, alloc_order, (int)highest_zoneidx);
		/*
		 * balance_pgdat() may give up on the requested order and
		 * finish at order 0 (reclaim_order); kswapd then tries to
		 * sleep at that order at once instead of reading new
		 * requests.
		 */
		fresh = reclaim_order >= alloc_order;
	}
	return 0;
}

/*
 * mm/vmscan.c: wakeup_kswapd(): called by the allocator's slow path for
 * each zone it may use. It raises the node's pending order and zone, and
 * wakes kswapd (mm_vmscan_wakeup_kswapd) unless kswapd has given up on
 * the node or the node is balanced with no boost to pay back.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type highest_zoneidx)
{
	struct pglist_data *pgdat = zone->zone_pgdat;
	enum zone_type asked;

	if (!managed_zone(zone))
		return;

	asked = pgdat->kswapd_highest_zoneidx;
	/* the next run covers the highest zone and order anyone asked for */
	pgdat->kswapd_highest_zoneidx =
		asked == MAX_NR_ZONES ?
			highest_zoneidx :
			(enum zone_type)max(asked, highest_zoneidx);
	pgdat->kswapd_order = (int)max((unsigned long)pgdat->kswapd_order,
				       (unsigned long)order);

	if (!kswapd_waiting(pgdat) || kswapd_gave_up(pgdat))
		return;

	/* balanced with no boost to pay back: the kernel wakes kcompactd */
	if (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	    !pgdat_watermark_boosted(pgdat, highest_zoneidx))
		return;

	trace_mm_vmscan_wakeup_kswapd(pgdat_sim(pgdat), pgdat->node_id,
				      (int)highest_zoneidx, order, gfp_flags);
	wake_up_interruptible(pgdat_sim(pgdat), &pgdat->kswapd_wait);
}

/* }====== */

/* {====== sim.h: reclaim: kswapd and vmscan */

int sim_wakeup_kswapd(struct sim *sim, int nid, int order, int highest_zoneidx)
{
	struct pglist_data *pgdat;
	int zid;

	if (nid < 0 || nid >= sim->nr_nodes || order < 0 ||
	    order > MAX_PAGE_ORDER || highest_zoneidx < 0 ||
	    highest_zoneidx >= MAX_NR_ZONES)
		return -EINVAL;
	pgdat = &sim->node_data[nid];
	/* wake_all_kswapds(): the first managed zone up to highest_zoneidx */
	for (zid = highest_zoneidx; zid >= 0; zid--) {
		if (managed_zone(&pgdat->node_zones[zid])) {
			wakeup_kswapd(&pgdat->node_zones[zid], GFP_KERNEL,
				      order, (enum zone_type)highest_zoneidx);
			return 0;
		}
	}
	return 0;
}

int sim_pgdat_balanced(struct sim *sim, int nid, int order, int highest_zoneidx)
{
	if (nid < 0 || nid >= sim->nr_nodes || order < 0 ||
	    order > MAX_PAGE_ORDER || highest_zoneidx < 0 ||
	    highest_zoneidx >= MAX_NR_ZONES)
		return -EINVAL;
	return pgdat_balanced(&sim->node_data[nid], order, highest_zoneidx);
}

static const char *const scan_balance_names[] = {
	"SCAN_EQUAL",
	"SCAN_FRACT",
	"SCAN_ANON",
	"SCAN_FILE",
};

int sim_kswapd_info(const struct sim *sim, int nid,
		    struct sim_kswapd_info *info)
{
	const struct pglist_data *pgdat;
	const struct task *tsk;

	if (nid < 0 || nid >= sim->nr_nodes)
		return -EINVAL;
	pgdat = &sim->node_data[nid];
	tsk = pgdat->kswapd ? task_of(sim, pgdat->kswapd) : NULL;
	info->state = "running";
	if (!tsk)
		info->state = "none";
	else if (tsk->state != TASK_RUNNING && tsk->wait == &pgdat->kswapd_wait)
		info->state = tsk->timeout_ns == UINT64_MAX ? "sleeping" :
							      "napping";
	info->task = pgdat->kswapd;
	info->order = pgdat->kswapd_order;
	info->highest_zoneidx = (int)pgdat->kswapd_highest_zoneidx;
	info->failures = pgdat->kswapd_failures;
	info->priority = tsk && tsk->sc ? tsk->sc->priority :
					  pgdat->kswapd_priority;
	info->running = tsk && tsk->sc;
	info->nr_reclaimed = tsk && tsk->sc ? tsk->sc->nr_reclaimed : 0;
	info->nr_to_reclaim = tsk && tsk->sc ? tsk->sc->nr_to_reclaim : 0;
	info->nr_scanned = 0;
	info->reclaim_idx = 0;
	info->may_writepage = info->may_unmap = info->may_swap = false;
	if (tsk && tsk->sc) {
		info->nr_scanned = tsk->sc->nr_scanned;
		info->reclaim_idx = tsk->sc->reclaim_idx;
		info->may_writepage = tsk->sc->may_writepage;
		info->may_unmap = tsk->sc->may_unmap;
		info->may_swap = tsk->sc->may_swap;
	}
	info->nr_prio = pgdat->kswapd_nr_prio;
	for (int i = 0; i < SIM_KSWAPD_PRIO_ROWS; i++)
		info->prio[i] = pgdat->kswapd_prio[i];
	info->scan_balance =
		pgdat->lruvec.scan_balance ?
			scan_balance_names[pgdat->lruvec.scan_balance - 1] :
			NULL;
	for (int lru = 0; lru < LRU_UNEVICTABLE; lru++)
		info->scan_nr[lru] = pgdat->lruvec.scan_nr[lru];
	return 0;
}

/* }====== */
