// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swap_state.c: the swap cache. A folio being swapped out, or just
 * swapped in, stands for its slots (PG_swapcache, folio->swap, counted in
 * nr_swapcached and nr_file_pages); once it leaves, the slot keeps the
 * workingset shadow it was given until the slot is freed. Also
 * mm/page_io.c: swap_writepage(), which starts the write.
 */
#include "swap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sched.h"
#include "writeback.h"

swp_entry_t folio_swap_entry(const struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = { 0 };

	if (sim->swap && sim->swap->folio_slot &&
	    PageFlag(&sim->pages, pfn, PG_swapcache))
		entry.val = sim->swap->folio_slot[pfn] & ~FOLIO_SLOT_READAHEAD;
	return entry;
}

unsigned long swap_cache_folio(const struct sim *sim, swp_entry_t entry)
{
	const struct swap_info *si = sim->swap;
	uint64_t e;

	if (!si || !entry.val || entry.val >= si->max)
		return NIL_PFN;
	e = si->cache[entry.val];
	return PTE_TAG(e) == PTE_PRESENT ? (unsigned long)PTE_VAL(e) : NIL_PFN;
}

uint64_t swap_cache_shadow(const struct sim *sim, swp_entry_t entry)
{
	const struct swap_info *si = sim->swap;
	uint64_t e;

	if (!si || !entry.val || entry.val >= si->max)
		return 0;
	e = si->cache[entry.val];
	return PTE_TAG(e) == PTE_SHADOW ? PTE_VAL(e) : 0;
}

/*
 * mm/swap_state.c: add_to_swap_cache(): the folio stands for its slots;
 * a shadow left there is replaced (the caller read it first).
 */
static void add_to_swap_cache(struct sim *sim, unsigned long pfn,
			      swp_entry_t entry)
{
	struct swap_info *si = sim->swap;
	long nr = 1L << page_order(&sim->pages, pfn);
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;

	for (long i = 0; i < nr; i++)
		si->cache[entry.val + (unsigned long)i] =
			PTE_MK(PTE_PRESENT, pfn);
	si->folio_slot[pfn] = (uint32_t)entry.val;
	SetPageFlag(&sim->pages, pfn, PG_swapcache);
	mod_node_page_state(pgdat, NR_FILE_PAGES, nr);
	mod_node_page_state(pgdat, NR_SWAPCACHE, nr);
}

bool add_to_swap(struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = folio_alloc_swap(sim, pfn);

	if (!entry.val)
		return false;
	add_to_swap_cache(sim, pfn, entry);
	/* the data must reach the disk: always dirty (MADV_FREE race) */
	folio_mark_dirty(sim, pfn);
	return true;
}

/* mm/swap_state.c: __read_swap_cache_async() adding the new folio */
int swap_cache_add_folio(struct sim *sim, unsigned long pfn, swp_entry_t entry)
{
	struct swap_info *si = sim->swap;

	if (!si || !entry.val || entry.val >= si->max ||
	    (si->swap_map[entry.val] & SWAP_HAS_CACHE))
		return -EEXIST;
	si->swap_map[entry.val] |= SWAP_HAS_CACHE;
	add_to_swap_cache(sim, pfn, entry);
	return 0;
}

void __delete_from_swap_cache(struct sim *sim, unsigned long pfn,
			      swp_entry_t entry, uint64_t shadow)
{
	struct swap_info *si = sim->swap;
	long nr = 1L << page_order(&sim->pages, pfn);
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;

	if (!si || !entry.val)
		return;
	for (long i = 0; i < nr; i++)
		si->cache[entry.val + (unsigned long)i] =
			shadow ? PTE_MK(PTE_SHADOW, shadow) : 0;
	si->folio_slot[pfn] = 0;
	ClearPageFlag(&sim->pages, pfn, PG_swapcache);
	mod_node_page_state(pgdat, NR_FILE_PAGES, -nr);
	mod_node_page_state(pgdat, NR_SWAPCACHE, -nr);
}

void delete_from_swap_cache(struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = folio_swap_entry(sim, pfn);

	if (!entry.val)
		return;
	__delete_from_swap_cache(sim, pfn, entry, 0);
	put_swap_folio(sim, pfn, entry);
}

/*
 * mm/page_io.c: swap_writepage() -> __swap_writepage(): the folio is
 * clean from here; swap_writepage_bdev_async() takes its bio (and may
 * sleep for one, bio.c) before the folio goes under writeback;
 * count_swpout_vm_event() counts pswpout.
 */
int swap_writepage(struct sim *sim, unsigned long pfn)
{
	unsigned long nr = 1UL << page_order(&sim->pages, pfn);

	folio_clear_dirty_for_io(sim, pfn);
	blk_swap_bio_alloc(sim);
	folio_start_writeback(sim, pfn);
	count_vm_events(sim, PSWPOUT, nr);
	count_vm_events(sim, PGPGOUT, nr * (PAGE_SIZE / 512));
	charge_cost(sim, COST_IO_SUBMIT, nr);
	blk_submit_write(sim, pfn);
	return 0;
}

/* {====== swap readahead (mm/swap_state.c: by address or by slot) */

#define SWAP_RA_HITS_MAX 0xff /* SWAP_RA_HITS_MASK */
#define PAGE_CLUSTER 3 /* swap_setup(): RAM >= 16 MiB */
#define SWAP_RA_ORDER_CEILING 5

/* The region's readahead state, growing the table; NULL if no memory. */
static struct swap_ra_info *swap_ra_info(struct sim *sim, unsigned int id)
{
	struct swap_info *si = sim->swap;

	if (id >= si->nr_ra) {
		unsigned int n = si->nr_ra ? si->nr_ra : 64;
		struct swap_ra_info *p;

		while (n <= id)
			n *= 2;
		p = realloc(si->ra, n * sizeof(*p));
		if (!p)
			return NULL;
		memset(p + si->nr_ra, 0, (n - si->nr_ra) * sizeof(*p));
		si->ra = p;
		si->nr_ra = n;
	}
	return &si->ra[id];
}

void folio_set_readahead(struct sim *sim, unsigned long pfn)
{
	if (sim->swap && sim->swap->folio_slot)
		sim->swap->folio_slot[pfn] |= FOLIO_SLOT_READAHEAD;
}

void swap_cache_get_folio(struct sim *sim, struct region *r, unsigned long idx,
			  unsigned long pfn)
{
	struct swap_ra_info *ra = swap_ra_info(sim, r->id);
	uint32_t *slot = &sim->swap->folio_slot[pfn];
	bool readahead = *slot & FOLIO_SLOT_READAHEAD;

	*slot &= ~FOLIO_SLOT_READAHEAD; /* folio_test_clear_readahead() */
	if (!swap_use_vma_readahead(sim)) {
		/* the cluster window's hits are global, not the region's */
		if (readahead)
			sim->swap->ra_hits++;
	} else if (ra) {
		if (readahead && ra->hits < SWAP_RA_HITS_MAX)
			ra->hits++;
		ra->prev_idx = idx;
	}
	if (readahead)
		count_vm_events(sim, SWAP_RA_HIT, 1);
}

/*
 * mm/swap_state.c: __swapin_nr_pages(): hits + 2, rounded up to a power
 * of two from 4; with no hits, 2 for a fault next to the last one, else
 * 1; at most max_pages, and no less than half the last window.
 */
static unsigned int __swapin_nr_pages(unsigned long prev_offset,
				      unsigned long offset, unsigned int hits,
				      unsigned int max_pages,
				      unsigned int prev_win)
{
	unsigned int pages = hits + 2, last_ra;

	if (pages == 2) {
		bool next_to_last = offset == prev_offset + 1 ||
				    offset == prev_offset - 1;

		if (!next_to_last)
			pages = 1;
	} else {
		unsigned int roundup = 4;

		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max_pages)
		pages = max_pages;
	last_ra = prev_win / 2;
	if (pages < last_ra)
		pages = last_ra;
	return pages;
}

bool swap_use_vma_readahead(const struct sim *sim)
{
	return !sim->swap->rotational;
}

/*
 * mm/swap_state.c: swapin_nr_pages(): __swapin_nr_pages() from state all
 * faults share: the hits since the last window (taken), the last window,
 * and the slot of the last fault that came with no hits.
 */
static unsigned int swapin_nr_pages(struct swap_info *si, unsigned long offset)
{
	unsigned int hits = si->ra_hits, pages;

	si->ra_hits = 0;
	pages = __swapin_nr_pages(si->ra_prev_offset, offset, hits,
				  1U << PAGE_CLUSTER, si->ra_last_pages);
	if (!hits)
		si->ra_prev_offset = offset;
	si->ra_last_pages = pages;
	return pages;
}

/*
 * The block is aligned on its size, whatever the direction of the faults.
 * Example: a fault on slot 13 after 5 hits: 5 + 2 = 7 -> 8 slots,
 * 13 & ~7 = 8 to 13 | 7 = 15: [8, 16); a fault on slot 3 after 2 hits
 * (4 slots) gives [1, 4), as slot 0 is the header.
 */
unsigned int swap_cluster_ra_win(struct sim *sim, unsigned long offset,
				 unsigned long *start, unsigned long *end)
{
	struct swap_info *si = sim->swap;
	unsigned int win = swapin_nr_pages(si, offset);
	unsigned long mask = win - 1;

	*start = offset;
	*end = offset + 1;
	if (win == 1)
		return 1;
	*start = (offset & ~mask) ? offset & ~mask : 1;
	*end = (offset | mask) + 1 < si->max ? (offset | mask) + 1 : si->max;
	return win;
}

/*
 * mm/swap_state.c: swap_vma_ra_win(): the window follows the direction of
 * the faults, stays inside the region and the fault's PMD (512 pages).
 * Example: faults at 1 then 3 with one hit (on 2) between: 1 + 2 = 3 ->
 * 4 pages, and 3 follows 2 (the hit's address): [3, 7).
 */
unsigned int swap_vma_ra_win(struct sim *sim, struct region *r,
			     unsigned long idx, unsigned long *start,
			     unsigned long *end)
{
	unsigned int max_win = 1U << (PAGE_CLUSTER < SWAP_RA_ORDER_CEILING ?
					      PAGE_CLUSTER :
					      SWAP_RA_ORDER_CEILING);
	struct swap_ra_info *ra = swap_ra_info(sim, r->id);
	unsigned long left, right, pmd, vpn = r->base_vpn + idx;
	unsigned long prev;
	unsigned int win;

	*start = idx;
	*end = idx + 1;
	if (!ra)
		return 1;
	prev = ra->prev_idx;
	win = __swapin_nr_pages(prev, idx, ra->hits, max_win, ra->win);
	ra->prev_idx = idx;
	ra->win = win;
	ra->hits = 0;
	if (win == 1)
		return 1;
	if (idx == prev + 1)
		left = idx;
	else if (prev == idx + 1)
		left = idx + 1 >= win ? idx + 1 - win : 0;
	else
		left = idx >= (win - 1) / 2 ? idx - (win - 1) / 2 : 0;
	right = left + win;
	/* the PMD holding the fault, in the region's virtual pages */
	pmd = (vpn & ~(HPAGE_PMD_NR - 1)) - r->base_vpn;
	if (vpn - (vpn & ~(HPAGE_PMD_NR - 1)) > idx)
		pmd = 0;
	*start = left > pmd ? left : pmd;
	*end = right < r->nr_pages ? right : r->nr_pages;
	if (*end > pmd + HPAGE_PMD_NR)
		*end = pmd + HPAGE_PMD_NR;
	return win;
}

/* }====== */
