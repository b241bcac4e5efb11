// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a task does to its memory: touch, dirty, mlock, and the faults that
 * bring evicted pages back (mm/memory.c: do_swap_page(); mm/filemap.c:
 * filemap_fault(), filemap_add_folio(); mm/mlock.c: mlock_folio()).
 *
 * A touched page that is mapped gets the PTE accessed ("young") bit, which
 * folio_referenced() will find; an unmapped page-cache page is read()
 * through folio_mark_accessed(). A file page whose PTE holds a shadow is
 * read back from disk into the page cache (workingset_refault() first),
 * an anon page whose PTE holds a swap entry comes from the swap cache
 * (minor fault) or from swap (pswpin, major fault).
 *
 * Differs: faults bring back order-0 folios (as swap-in from a block
 * device does) and read no readahead window (page_cluster); the read's
 * latency is charged to the faulting task as if it spun.
 */
#include "swap.h"

#include <errno.h>

#include "mm_inline.h"
#include "sched.h"
#include "writeback.h"

/* {====== rmap: folio -> region, PTE */

/* The live region whose virtual pages include vpn (regions in vpn order). */
static struct region *region_of_vpn(struct sim *sim, uint32_t vpn)
{
	unsigned int lo = 1, hi = sim->nr_regions;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		struct region *r = &sim->regions[mid];

		if (vpn < r->base_vpn)
			hi = mid;
		else if (vpn >= r->base_vpn + r->nr_pages)
			lo = mid + 1;
		else
			return r->freed ? NULL : r;
	}
	return NULL;
}

struct region *folio_region_of(struct sim *sim, unsigned long pfn)
{
	uint32_t vpn = sim->pages.owner[pfn];

	return vpn ? region_of_vpn(sim, vpn) : NULL;
}

uint64_t *folio_pte_of(struct sim *sim, unsigned long pfn)
{
	struct region *r = folio_region_of(sim, pfn);

	if (!r || !r->pte)
		return NULL;
	return &r->pte[sim->pages.owner[pfn] - r->base_vpn];
}

/* }====== */

/* {====== the page cache */

/*
 * mm/filemap.c: __filemap_remove_folio() -> page_cache_delete(): the
 * folio's slots take the shadow; nr_file_pages drops. The folio is
 * unmapped already (try_to_unmap()), clean and off the LRU.
 */
void __filemap_remove_folio(struct sim *sim, unsigned long pfn, uint64_t shadow)
{
	struct page_frames *pf = &sim->pages;
	struct region *r = folio_region_of(sim, pfn);
	unsigned long nr = folio_nr_pages(sim, pfn);
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;

	if (PageFlag(pf, pfn, PG_dirty))
		folio_cancel_dirty(sim, pfn);
	mod_node_page_state(pgdat, NR_FILE_PAGES, -(long)nr);
	if (PageFlag(pf, pfn, PG_mapped)) {
		ClearPageFlag(pf, pfn, PG_mapped);
		mod_node_page_state(pgdat, NR_FILE_MAPPED, -(long)nr);
	}
	for (unsigned long i = 0; i < nr; i++) {
		uint32_t vpn = pf->owner[pfn + i];

		if (r && vpn >= r->base_vpn && vpn < r->base_vpn + r->nr_pages)
			r->pte[vpn - r->base_vpn] =
				shadow ? PTE_MK(PTE_SHADOW, shadow) : PTE_NONE;
		pf->owner[pfn + i] = 0;
	}
}

/* A fresh order-0 page for index idx of r, or NO_PFN. */
static unsigned long fault_alloc_page(struct sim *sim, struct region *r,
				      unsigned long idx)
{
	unsigned long pfn = __alloc_pages(sim, r->gfp_mask, 0, r->nid);

	if (pfn == NO_PFN)
		return NO_PFN;
	sim->pages.owner[pfn] = r->base_vpn + (uint32_t)idx;
	charge_cost(sim, COST_ALLOC, 1);
	return pfn;
}

/*
 * mm/filemap.c: filemap_fault() / filemap_read() on a page-cache miss:
 * a new folio, workingset_refault() with the shadow it replaces
 * (filemap_add_folio()), the LRU, the read. An mmapped region counts
 * pgfault and pgmajfault; read() counts neither.
 */
static int do_read_fault(struct sim *sim, struct region *r, unsigned long idx)
{
	struct page_frames *pf = &sim->pages;
	uint64_t pte = r->pte[idx];
	unsigned long pfn = fault_alloc_page(sim, r, idx);
	struct pglist_data *pgdat;

	if (pfn == NO_PFN)
		return -ENOMEM;
	pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	SetPageFlag(pf, pfn, PG_file);
	mod_node_page_state(pgdat, NR_FILE_PAGES, 1);
	if (PTE_TAG(pte) == PTE_SHADOW)
		workingset_refault(sim, pfn, PTE_VAL(pte));
	folio_add_lru(sim, pfn);
	r->pte[idx] = PTE_MK(PTE_PRESENT, pfn);
	count_vm_events(sim, PGPGIN, PAGE_SIZE / 512);
	charge_ns(sim, blk_read_ns(sim, 1));
	if (r->mapped) {
		SetPageFlag(pf, pfn, PG_mapped);
		SetPageFlag(pf, pfn, PG_young);
		mod_node_page_state(pgdat, NR_FILE_MAPPED, 1);
		count_vm_events(sim, PGFAULT, 1);
		count_vm_events(sim, PGMAJFAULT, 1);
		charge_cost(sim, COST_FAULT, 1);
	} else {
		folio_mark_accessed(sim, pfn);
	}
	return 0;
}

/* Map swap-cache folio pfn at idx: the PTE's swap reference goes. */
static void map_swapcache_folio(struct sim *sim, struct region *r,
				unsigned long idx, unsigned long pfn,
				swp_entry_t entry, bool write)
{
	struct page_frames *pf = &sim->pages;
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;

	pf->owner[pfn] = r->base_vpn + (uint32_t)idx;
	r->pte[idx] = PTE_MK(PTE_PRESENT, pfn);
	if (!PageFlag(pf, pfn, PG_mapped)) {
		SetPageFlag(pf, pfn, PG_mapped);
		mod_node_page_state(pgdat, NR_ANON_MAPPED, 1);
	}
	SetPageFlag(pf, pfn, PG_young);
	swap_free(sim, entry);
	/* mm/memory.c: should_try_to_free_swap() */
	if (write || vm_swap_full(sim) || PageFlag(pf, pfn, PG_mlocked))
		folio_free_swap(sim, pfn);
	if (write)
		folio_mark_dirty(sim, pfn);
}

/*
 * mm/memory.c: do_swap_page(): the folio is still in the swap cache
 * (minor fault) or is read from swap by __read_swap_cache_async(), whose
 * new folio replaces the slot's shadow and meets workingset_refault().
 */
static int do_swap_page(struct sim *sim, struct region *r, unsigned long idx,
			bool write)
{
	struct page_frames *pf = &sim->pages;
	swp_entry_t entry = { (unsigned long)PTE_VAL(r->pte[idx]) };
	unsigned long pfn = swap_cache_folio(sim, entry);
	uint64_t shadow;

	count_vm_events(sim, PGFAULT, 1);
	charge_cost(sim, COST_FAULT, 1);
	if (pfn != NIL_PFN) {
		map_swapcache_folio(sim, r, idx, pfn, entry, write);
		return 0;
	}
	pfn = fault_alloc_page(sim, r, idx);
	if (pfn == NO_PFN)
		return -ENOMEM;
	SetPageFlag(pf, pfn, PG_swapbacked);
	shadow = swap_cache_shadow(sim, entry);
	if (swap_cache_add_folio(sim, pfn, entry)) {
		SIM_WARN_ON_ONCE(sim, true);
		pf->owner[pfn] = 0;
		free_pages_block(sim, pfn, 0);
		return -EEXIST;
	}
	if (shadow)
		workingset_refault(sim, pfn, shadow);
	folio_add_lru(sim, pfn);
	count_vm_events(sim, PGMAJFAULT, 1);
	count_vm_events(sim, PSWPIN, 1);
	count_vm_events(sim, PGPGIN, PAGE_SIZE / 512);
	charge_ns(sim, blk_read_ns(sim, 1));
	map_swapcache_folio(sim, r, idx, pfn, entry, write);
	return 0;
}

int handle_mm_fault(struct sim *sim, struct region *r, unsigned long idx,
		    bool write)
{
	uint64_t pte = r->pte[idx];

	switch (PTE_TAG(pte)) {
	case PTE_SWAP:
		return do_swap_page(sim, r, idx, write);
	case PTE_SHADOW:
	case PTE_NONE:
		if (r->kind == SIM_KIND_FILE)
			return do_read_fault(sim, r, idx);
		return PTE_TAG(pte) == PTE_NONE ? 0 : -EINVAL;
	default:
		return 0;
	}
}

/* }====== */

/* {====== freeing a region's swap state */

/*
 * mm/memory.c: zap_pte_range() for what pagealloc's release leaves: swap
 * entries give back their slot (free_swap_and_cache()); a swap-cache
 * folio nobody maps any more leaves the swap cache.
 */
void zap_region(struct sim *sim, struct region *r)
{
	for (unsigned long i = 0; r->pte && i < r->nr_pages; i++) {
		uint64_t pte = r->pte[i];

		if (PTE_TAG(pte) == PTE_SWAP) {
			swp_entry_t entry = { (unsigned long)PTE_VAL(pte) };
			unsigned long pfn;

			swap_free(sim, entry);
			pfn = swap_cache_folio(sim, entry);
			if (pfn != NIL_PFN && sim->pages.state[pfn] == PS_LRU &&
			    !PageFlag(&sim->pages, pfn, PG_writeback))
				folio_free_swap(sim, pfn);
		}
		if (PTE_TAG(pte) != PTE_PRESENT)
			r->pte[i] = PTE_NONE;
	}
}

/*
 * A folio of a region being freed leaves the swap cache with its slot;
 * pagealloc calls this before the page goes back to the buddy lists.
 */
void free_swap_cache(struct sim *sim, unsigned long pfn)
{
	if (PageFlag(&sim->pages, pfn, PG_swapcache))
		delete_from_swap_cache(sim, pfn);
}

/* }====== */

/* {====== touch, dirty, mlock */

static struct region *region_check(struct sim *sim, unsigned int id)
{
	struct region *r;

	if (!id || id >= sim->nr_regions)
		return NULL;
	r = &sim->regions[id];
	return r->freed || !r->pte ? NULL : r;
}

/* The head pfn of the folio mapped at idx (pages of a block share it). */
static unsigned long folio_head_at(struct sim *sim, struct region *r,
				   unsigned long idx)
{
	unsigned long pfn = (unsigned long)PTE_VAL(r->pte[idx]);
	unsigned long first = idx & ~((1UL << r->order) - 1);
	unsigned long head = (unsigned long)PTE_VAL(r->pte[first]);

	if (PTE_TAG(r->pte[first]) == PTE_PRESENT && head <= pfn &&
	    pfn < head + folio_nr_pages(sim, head))
		return head;
	return pfn;
}

static int region_access(struct sim *sim, unsigned int id, bool write)
{
	struct region *r = region_check(sim, id);
	unsigned long nr_dirtied = 0;
	int ret = 0;

	if (!r)
		return -EINVAL;
	for (unsigned long i = 0; i < r->nr_pages; i++) {
		unsigned long pfn;

		if (PTE_TAG(r->pte[i]) != PTE_PRESENT) {
			ret = handle_mm_fault(sim, r, i, write);
			if (ret)
				break;
			if (PTE_TAG(r->pte[i]) != PTE_PRESENT)
				continue;
		} else if (r->kind != SIM_KIND_KERNEL) {
			pfn = folio_head_at(sim, r, i);
			/* one access per folio */
			if (pfn == (unsigned long)PTE_VAL(r->pte[i])) {
				if (PageFlag(&sim->pages, pfn, PG_mapped))
					SetPageFlag(&sim->pages, pfn, PG_young);
				else
					folio_mark_accessed(sim, pfn);
			}
		}
		if (!write || r->kind == SIM_KIND_KERNEL)
			continue;
		pfn = folio_head_at(sim, r, i);
		if (folio_mark_dirty(sim, pfn) && r->kind == SIM_KIND_FILE)
			nr_dirtied += folio_nr_pages(sim, pfn);
	}
	if (nr_dirtied)
		balance_dirty_pages_ratelimited(sim, nr_dirtied);
	return ret;
}

int sim_touch(struct sim *sim, unsigned int region)
{
	return region_access(sim, region, false);
}

int sim_dirty(struct sim *sim, unsigned int region)
{
	return region_access(sim, region, true);
}

/*
 * mm/mlock.c: mlock_folio() then __mlock_folio(): nr_mlock and
 * unevictable_pgs_mlocked for a folio newly PG_mlocked; one on an
 * evictable list moves to the unevictable list (unevictable_pgs_culled).
 * A folio reclaim holds isolated is moved when it is put back.
 */
static void mlock_folio(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	unsigned long nr = folio_nr_pages(sim, pfn);

	if (!PageFlag(pf, pfn, PG_mlocked)) {
		SetPageFlag(pf, pfn, PG_mlocked);
		mod_zone_page_state(pfn_to_zone(sim, pfn), NR_MLOCK, (long)nr);
		count_vm_events(sim, UNEVICTABLE_PGS_MLOCKED, nr);
	}
	if (pf->state[pfn] != PS_LRU || PageFlag(pf, pfn, PG_unevictable))
		return;
	lruvec_del_folio(sim, pfn);
	ClearPageFlag(pf, pfn, PG_active);
	SetPageFlag(pf, pfn, PG_unevictable);
	lruvec_add_folio(sim, pfn);
	count_vm_events(sim, UNEVICTABLE_PGS_CULLED, nr);
}

int sim_mlock(struct sim *sim, unsigned int region)
{
	struct region *r = region_check(sim, region);
	int ret;

	if (!r)
		return -EINVAL;
	ret = region_access(sim, region, false);
	if (ret || r->kind == SIM_KIND_KERNEL)
		return ret;
	for (unsigned long i = 0; i < r->nr_pages; i++) {
		unsigned long pfn;

		if (PTE_TAG(r->pte[i]) != PTE_PRESENT)
			continue;
		pfn = folio_head_at(sim, r, i);
		if (pfn == (unsigned long)PTE_VAL(r->pte[i]))
			mlock_folio(sim, pfn);
	}
	return 0;
}

/* }====== */
