// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swap.c: moving folios between the LRU lists outside reclaim: adding
 * new folios, activation on the second access, rotation to the inactive
 * tail when writeback ends, deactivation, and the anon/file cost that
 * get_scan_count() balances on.
 *
 * Differs: the kernel gathers these moves in per-CPU folio batches of
 * PAGEVEC_SIZE (31) and applies them when a batch fills or is drained;
 * here each move happens at once (kernel-facts B, modelling frame).
 */
#include "swap.h"

#include "mm_inline.h"
#include "sched.h"

static bool folio_test_lru(const struct sim *sim, unsigned long pfn)
{
	return sim->pages.state[pfn] == PS_LRU;
}

/* include/linux/mm_inline.h: folio_evictable() (no unevictable mappings) */
static bool folio_evictable(const struct sim *sim, unsigned long pfn)
{
	return !PageFlag(&sim->pages, pfn, PG_mlocked);
}

/*
 * mm/swap.c: folio_add_lru() -> lru_add(). An mlocked folio goes to the
 * unevictable list (unevictable_pgs_culled); one that was unevictable and
 * no longer is counts unevictable_pgs_rescued.
 */
void folio_add_lru(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	bool was_unevictable = PageFlag(pf, pfn, PG_unevictable);
	unsigned long nr_pages = folio_nr_pages(sim, pfn);

	ClearPageFlag(pf, pfn, PG_unevictable);
	if (folio_evictable(sim, pfn)) {
		if (was_unevictable)
			count_vm_events(sim, UNEVICTABLE_PGS_RESCUED, nr_pages);
	} else {
		ClearPageFlag(pf, pfn, PG_active);
		SetPageFlag(pf, pfn, PG_unevictable);
		if (!was_unevictable)
			count_vm_events(sim, UNEVICTABLE_PGS_CULLED, nr_pages);
	}
	lruvec_add_folio(sim, pfn);
}

/* mm/swap.c: lru_activate() */
static void lru_activate(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	unsigned long nr_pages = folio_nr_pages(sim, pfn);

	if (PageFlag(pf, pfn, PG_active) || PageFlag(pf, pfn, PG_unevictable))
		return;
	lruvec_del_folio(sim, pfn);
	SetPageFlag(pf, pfn, PG_active);
	lruvec_add_folio(sim, pfn);
	count_vm_events(sim, PGACTIVATE, nr_pages);
}

/* mm/swap.c: folio_activate(): only a folio on an LRU list moves */
void folio_activate(struct sim *sim, unsigned long pfn)
{
	if (!folio_test_lru(sim, pfn) ||
	    PageFlag(&sim->pages, pfn, PG_active) ||
	    PageFlag(&sim->pages, pfn, PG_unevictable))
		return;
	lru_activate(sim, pfn);
}

/*
 * mm/swap.c: folio_mark_accessed(): inactive,unreferenced ->
 * inactive,referenced -> active,unreferenced. A folio off the LRU (being
 * added, or isolated) is only marked active: __lru_cache_activate_folio().
 */
void folio_mark_accessed(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;

	if (!PageFlag(pf, pfn, PG_referenced)) {
		SetPageFlag(pf, pfn, PG_referenced);
	} else if (PageFlag(pf, pfn, PG_unevictable)) {
		/* the unevictable list is never rotated: no effect */
	} else if (!PageFlag(pf, pfn, PG_active)) {
		if (folio_test_lru(sim, pfn))
			folio_activate(sim, pfn);
		else
			SetPageFlag(pf, pfn, PG_active);
		ClearPageFlag(pf, pfn, PG_referenced);
		workingset_activation(sim, pfn);
	}
}

/* mm/swap.c: lru_move_tail() */
static void lru_move_tail(struct sim *sim, unsigned long pfn)
{
	if (PageFlag(&sim->pages, pfn, PG_unevictable))
		return;
	lruvec_del_folio(sim, pfn);
	ClearPageFlag(&sim->pages, pfn, PG_active);
	lruvec_add_folio_tail(sim, pfn);
	count_vm_events(sim, PGROTATED, folio_nr_pages(sim, pfn));
}

/*
 * mm/swap.c: folio_rotate_reclaimable(): writeback ended on a folio
 * reclaim wanted; put it at the inactive tail so the next scan frees it.
 */
void folio_rotate_reclaimable(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;

	if (PageFlag(pf, pfn, PG_dirty) || PageFlag(pf, pfn, PG_unevictable) ||
	    !folio_test_lru(sim, pfn))
		return;
	lru_move_tail(sim, pfn);
}

/* mm/swap.c: lru_deactivate_file() */
static void lru_deactivate_file(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	bool active = PageFlag(pf, pfn, PG_active);
	unsigned long nr_pages = folio_nr_pages(sim, pfn);

	if (PageFlag(pf, pfn, PG_unevictable))
		return;
	/* a mapped folio is in use: leave it where it is */
	if (PageFlag(pf, pfn, PG_mapped))
		return;
	lruvec_del_folio(sim, pfn);
	ClearPageFlag(pf, pfn, PG_active);
	ClearPageFlag(pf, pfn, PG_referenced);
	if (PageFlag(pf, pfn, PG_writeback) || PageFlag(pf, pfn, PG_dirty)) {
		lruvec_add_folio(sim, pfn);
		SetPageFlag(pf, pfn, PG_reclaim);
	} else {
		lruvec_add_folio_tail(sim, pfn);
		count_vm_events(sim, PGROTATED, nr_pages);
	}
	if (active)
		count_vm_events(sim, PGDEACTIVATE, nr_pages);
}

void deactivate_file_folio(struct sim *sim, unsigned long pfn)
{
	if (PageFlag(&sim->pages, pfn, PG_unevictable) ||
	    !folio_test_lru(sim, pfn))
		return;
	lru_deactivate_file(sim, pfn);
}

/* mm/swap.c: folio_deactivate() -> lru_deactivate() */
void folio_deactivate(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;

	if (!folio_test_lru(sim, pfn) || PageFlag(pf, pfn, PG_unevictable) ||
	    !PageFlag(pf, pfn, PG_active))
		return;
	lruvec_del_folio(sim, pfn);
	ClearPageFlag(pf, pfn, PG_active);
	ClearPageFlag(pf, pfn, PG_referenced);
	lruvec_add_folio(sim, pfn);
	count_vm_events(sim, PGDEACTIVATE, folio_nr_pages(sim, pfn));
}

/*
 * mm/swap.c: lru_note_cost(): IO costs SWAP_CLUSTER_MAX a page, a rotation
 * 1; both halve when together they exceed a quarter of the LRU pages.
 * Example: nr_io 2, nr_rotated 5 -> cost 2 * 32 + 5 = 69.
 */
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned int nr_io,
		   unsigned int nr_rotated)
{
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);
	unsigned long cost = nr_io * SWAP_CLUSTER_MAX + nr_rotated;
	long lrusize;

	if (file)
		lruvec->file_cost += cost;
	else
		lruvec->anon_cost += cost;
	lrusize = pgdat->vm_stat[NR_INACTIVE_ANON] +
		  pgdat->vm_stat[NR_ACTIVE_ANON] +
		  pgdat->vm_stat[NR_INACTIVE_FILE] +
		  pgdat->vm_stat[NR_ACTIVE_FILE];
	if (lrusize < 0)
		lrusize = 0;
	if (lruvec->file_cost + lruvec->anon_cost >
	    (unsigned long)lrusize / 4) {
		lruvec->file_cost /= 2;
		lruvec->anon_cost /= 2;
	}
}

/* mm/swap.c: lru_note_cost_refault() */
void lru_note_cost_refault(struct sim *sim, unsigned long pfn)
{
	lru_note_cost(folio_lruvec(sim, pfn), folio_is_file_lru(sim, pfn),
		      (unsigned int)folio_nr_pages(sim, pfn), 0);
}
