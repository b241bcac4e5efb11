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

#include "sched.h"
#include "writeback.h"

swp_entry_t folio_swap_entry(const struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = { 0 };

	if (sim->swap && sim->swap->folio_slot &&
	    PageFlag(&sim->pages, pfn, PG_swapcache))
		entry.val = sim->swap->folio_slot[pfn];
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
	long nr = 1L << sim->pages.order[pfn];
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
	long nr = 1L << sim->pages.order[pfn];
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
 * clean from here; count_swpout_vm_event() counts pswpout.
 */
int swap_writepage(struct sim *sim, unsigned long pfn)
{
	unsigned long nr = 1UL << sim->pages.order[pfn];

	folio_clear_dirty_for_io(sim, pfn);
	folio_start_writeback(sim, pfn);
	count_vm_events(sim, PSWPOUT, nr);
	count_vm_events(sim, PGPGOUT, nr * (PAGE_SIZE / 512));
	charge_cost(sim, COST_IO_SUBMIT, nr);
	blk_submit_write(sim, pfn);
	return 0;
}
