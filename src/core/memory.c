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
 * (minor fault) or from swap (pswpin, major fault), each with its
 * readahead window read in the same request. First touches of a region
 * mmap()ed without pages fault in fresh ones (do_anonymous_page()).
 *
 * Differs: faults read order-0 folios back (as swap-in from a block
 * device does; a large folio still in the swap cache is mapped whole); file readahead is a fixed 128 KiB window; the read's
 * time is charged to the faulting task as if it spun.
 */
#include "swap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm_inline.h"
#include "sched.h"
#include "slab.h"
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

		if (r && vpn >= r->base_vpn &&
		    vpn < r->base_vpn + r->nr_pages) {
			uint64_t e = shadow ? PTE_MK(PTE_SHADOW, shadow) :
					      PTE_NONE;

			folio_free_buffers(sim, r, vpn - r->base_vpn);
			xa_store(sim, r, vpn - r->base_vpn, e);
		}
		pf->owner[pfn + i] = 0;
	}
}

/*
 * A fresh order-0 page for page idx of region id, whose PTE read pte.
 * The allocation may sleep in direct reclaim, and meanwhile the region
 * array may move, the region be freed or the page be faulted in by
 * someone else: *rp is read again after it, and the page goes back if
 * the PTE changed. Returns the pfn, or NO_PFN with -ENOMEM or -EAGAIN
 * (nothing left to do) in *err.
 */
static unsigned long fault_alloc_page(struct sim *sim, unsigned int id,
				      unsigned long idx, uint64_t pte,
				      unsigned int gfp, struct region **rp,
				      int *err)
{
	struct region *r = &sim->regions[id];
	unsigned long pfn = __alloc_pages(sim, gfp, 0, r->nid);

	*rp = r = &sim->regions[id];
	if (pfn == NO_PFN) {
		*err = -ENOMEM;
		return NO_PFN;
	}
	if (r->freed || !r->pte || r->pte[idx] != pte) {
		free_pages_block(sim, pfn, 0);
		*err = -EAGAIN;
		return NO_PFN;
	}
	sim->pages.owner[pfn] = r->base_vpn + (uint32_t)idx;
	charge_cost(sim, COST_ALLOC, 1);
	return pfn;
}

static struct region *region_check(struct sim *sim, unsigned int id);

/* A fault that found its work done by someone else succeeded. */
static int fault_err(int err)
{
	return err == -EAGAIN ? 0 : err;
}

/*
 * mm/memory.c: do_anonymous_page(): first touch of an anonymous page: a
 * zeroed folio, mapped (nr_anon_mapped), on the inactive anon list as
 * folio_add_lru_vma() puts new anon folios since 5.9.
 */
static int do_anonymous_page(struct sim *sim, unsigned int id,
			     unsigned long idx)
{
	struct page_frames *pf = &sim->pages;
	struct region *r;
	unsigned long pfn;
	int err = 0;

	count_vm_events(sim, PGFAULT, 1);
	charge_cost(sim, COST_FAULT, 1);
	pfn = fault_alloc_page(sim, id, idx, PTE_NONE,
			       sim->regions[id].gfp_mask, &r, &err);
	if (pfn == NO_PFN)
		return fault_err(err);
	SetPageFlag(pf, pfn, PG_swapbacked);
	SetPageFlag(pf, pfn, PG_mapped);
	SetPageFlag(pf, pfn, PG_young);
	mod_node_page_state(pfn_to_zone(sim, pfn)->zone_pgdat, NR_ANON_MAPPED,
			    1);
	folio_add_lru(sim, pfn);
	r->pte[idx] = PTE_MK(PTE_PRESENT, pfn);
	return 0;
}

/* include/linux/mm.h: VM_READAHEAD_PAGES, SZ_128K / PAGE_SIZE */
#define VM_READAHEAD_PAGES 32

/*
 * mm/filemap.c: filemap_add_folio() for page j of region id: a new folio
 * in the page cache, workingset_refault() with the shadow it replaces,
 * the LRU; mapped if the region is mmapped. Returns the pfn or NO_PFN
 * (*err set); *rp is the region afterwards (the allocation may sleep).
 */
static unsigned long filemap_add_page(struct sim *sim, unsigned int id,
				      unsigned long j, unsigned int gfp,
				      struct region **rp, int *err)
{
	struct page_frames *pf = &sim->pages;
	uint64_t pte = sim->regions[id].pte[j];
	struct pglist_data *pgdat;
	struct region *r;
	unsigned long pfn;

	pfn = fault_alloc_page(sim, id, j, pte, gfp, &r, err);
	*rp = r;
	if (pfn == NO_PFN)
		return NO_PFN;
	pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	SetPageFlag(pf, pfn, PG_file);
	mod_node_page_state(pgdat, NR_FILE_PAGES, 1);
	/* filemap_add_folio(): a page about to be overwritten is no refault */
	if (PTE_TAG(pte) == PTE_SHADOW && !(gfp & __GFP_WRITE))
		workingset_refault(sim, pfn, PTE_VAL(pte));
	folio_add_lru(sim, pfn);
	xa_store(sim, r, j, PTE_MK(PTE_PRESENT, pfn));
	if (r->mapped) {
		SetPageFlag(pf, pfn, PG_mapped);
		mod_node_page_state(pgdat, NR_FILE_MAPPED, 1);
	}
	return pfn;
}

/*
 * mm/readahead.c: page_cache_ra_unbounded(): the mask readahead allocates
 * with: readahead_gfp_mask() (the mapping's, | __GFP_NORETRY |
 * __GFP_NOWARN) under memalloc_nofs_save(), which current_gfp_context()
 * turns into a mask without __GFP_FS before the allocator, its
 * tracepoints and direct reclaim see it; filemap_alloc_folio() ->
 * folio_alloc() adds __GFP_COMP. An ext4 regular file keeps
 * inode_init_always()'s GFP_HIGHUSER_MOVABLE (fs/ext4 sets no other):
 * 0x152c4a.
 */
static unsigned int readahead_gfp(unsigned int mapping_gfp)
{
	return (mapping_gfp | __GFP_NORETRY | __GFP_NOWARN | __GFP_COMP) &
	       ~__GFP_FS;
}

/*
 * mm/filemap.c: filemap_create_folio() (read()) and __filemap_get_folio()
 * with FGP_CREAT (filemap_fault(), whose vmf->gfp_mask adds __GFP_FS |
 * __GFP_IO, already there): the page itself when readahead could not
 * allocate it, with the mapping's mask and __GFP_COMP: 0x140cca.
 */
static unsigned int filemap_create_gfp(unsigned int mapping_gfp)
{
	return mapping_gfp | __GFP_COMP;
}

/*
 * mm/filemap.c: filemap_fault() / filemap_read() on a page-cache miss:
 * the page, then the rest of its VM_READAHEAD_PAGES window that is not
 * in the page cache, read in one request (one latency). An mmapped
 * region counts pgfault and pgmajfault; read() counts neither and marks
 * the page accessed.
 * The window's pages allocate with readahead_gfp(); if the page itself
 * gets none (__GFP_NORETRY gives up after one direct reclaim), it is
 * allocated alone with filemap_create_gfp(), which may retry and OOM.
 * Differs: a fixed aligned 128 KiB window (the kernel's read-around for
 * mmap, and the ramp-up of ondemand readahead for read()); the window's
 * pages are mapped at once (fault-around).
 */
static int do_read_fault(struct sim *sim, unsigned int id, unsigned long idx)
{
	unsigned long start = idx & ~(VM_READAHEAD_PAGES - 1UL), nr = 1, pfn;
	struct page_frames *pf = &sim->pages;
	struct region *r;
	int err = 0;

	pfn = filemap_add_page(sim, id, idx,
			       readahead_gfp(sim->regions[id].gfp_mask), &r,
			       &err);
	if (pfn == NO_PFN && err == -ENOMEM) {
		/* readahead gave up (__GFP_NORETRY): the page on its own */
		err = 0;
		pfn = filemap_add_page(
			sim, id, idx,
			filemap_create_gfp(sim->regions[id].gfp_mask), &r,
			&err);
	}
	if (pfn == NO_PFN)
		return fault_err(err);
	if (r->mapped) {
		SetPageFlag(pf, pfn, PG_young);
		count_vm_events(sim, PGFAULT, 1);
		count_vm_events(sim, PGMAJFAULT, 1);
		charge_cost(sim, COST_FAULT, 1);
	} else {
		folio_mark_accessed(sim, pfn);
	}
	for (unsigned long j = start; j < start + VM_READAHEAD_PAGES; j++) {
		r = region_check(sim, id);
		if (!r || j >= r->nr_pages)
			break;
		if (j == idx || PTE_TAG(r->pte[j]) == PTE_PRESENT ||
		    PTE_TAG(r->pte[j]) == PTE_SWAP)
			continue;
		if (filemap_add_page(sim, id, j, readahead_gfp(r->gfp_mask), &r,
				     &err) == NO_PFN)
			break;
		nr++;
	}
	/*
	 * A hole has no blocks to read: the filesystem zeroes the folio
	 * instead of submitting a bio (ext4_mpage_readpages()), so no
	 * PGPGIN and no wait for the device.
	 */
	charge_cost(sim, COST_READ_FOLIO, nr);
	r = region_check(sim, id);
	if (r && r->sparse) {
		charge_cost(sim, COST_COPY, nr);
		return 0;
	}
	count_vm_events(sim, PGPGIN, nr * (PAGE_SIZE / 512));
	blk_read_wait(sim, nr);
	return 0;
}

/*
 * mm/filemap.c: __filemap_get_folio() with FGP_WRITEBEGIN, as ext4's
 * write_begin calls it for a write() to a page not in the page cache:
 * the mapping's mask plus __GFP_WRITE (a mapping that writes back; the
 * allocator then keeps each node within its dirty limit,
 * node_dirty_ok()) and __GFP_COMP: 0x141cca. The write covers the
 * whole page, so nothing is read; FGP_WRITEBEGIN has no FGP_ACCESSED,
 * so the new folio is not marked accessed. The filesystem's share of the
 * write (ext4_da_write_begin() and its write_end) costs COST_WRITE_FOLIO.
 */
static int do_write_begin(struct sim *sim, unsigned int id, unsigned long idx)
{
	struct region *r;
	int err = 0;

	if (filemap_add_page(sim, id, idx,
			     sim->regions[id].gfp_mask | __GFP_WRITE |
				     __GFP_COMP,
			     &r, &err) == NO_PFN)
		return fault_err(err);
	charge_cost(sim, COST_WRITE_FOLIO, 1);
	return 0;
}

/*
 * Map swap-cache folio pfn, whose page for entry is at idx: each PTE's
 * swap reference goes. A large folio (one reclaim swapped out whole) is
 * mapped whole, as do_swap_page() does when every PTE of the folio's
 * range still holds its swap entry (swap_pte_batch() == nr); the model
 * maps folios whole or not at all, so nothing else can be there.
 */
static void map_swapcache_folio(struct sim *sim, struct region *r,
				unsigned long idx, unsigned long pfn,
				swp_entry_t entry, bool write)
{
	struct page_frames *pf = &sim->pages;
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	unsigned long nr = folio_nr_pages(sim, pfn), i;
	swp_entry_t first = nr > 1 ? folio_swap_entry(sim, pfn) : entry;
	unsigned long start = idx - (entry.val - first.val);

	if (SIM_WARN_ON_ONCE(sim, nr > 1 && (entry.val < first.val ||
					     idx < entry.val - first.val ||
					     start + nr > r->nr_pages)))
		return;
	for (i = 0; i < nr; i++) {
		uint64_t want = PTE_MK(PTE_SWAP, first.val + i);

		if (nr > 1 && SIM_WARN_ON_ONCE(sim, r->pte[start + i] != want))
			continue;
		pf->owner[pfn + i] = r->base_vpn + (uint32_t)(start + i);
		r->pte[start + i] = PTE_MK(PTE_PRESENT, pfn + i);
		swap_free(sim, (swp_entry_t){ first.val + i });
	}
	if (!PageFlag(pf, pfn, PG_mapped)) {
		SetPageFlag(pf, pfn, PG_mapped);
		mod_node_page_state(pgdat, NR_ANON_MAPPED, (long)nr);
	}
	SetPageFlag(pf, pfn, PG_young);
	/* mm/memory.c: should_try_to_free_swap() */
	if (write || vm_swap_full(sim) || PageFlag(pf, pfn, PG_mlocked))
		folio_free_swap(sim, pfn);
	if (write)
		folio_mark_dirty(sim, pfn);
}

/*
 * The mask a swap-in allocates with: do_swap_page() passes
 * GFP_HIGHUSER_MOVABLE to swapin_readahead(), without __GFP_ZERO (the
 * page is read, not cleared), and folio_alloc_mpol() adds __GFP_COMP:
 * 0x140cca for an anon region of the default mask.
 */
static unsigned int swapin_gfp(unsigned int region_gfp)
{
	return (region_gfp & ~__GFP_ZERO) | __GFP_COMP;
}

/*
 * mm/swap_state.c: __read_swap_cache_async()'s end: new folio pfn for
 * entry joins the swap cache, meets workingset_refault() with the slot's
 * shadow and goes on the LRU, unmapped (owner 0) until a fault maps it.
 * Non-zero (the folio freed) if the swap cache would not take it.
 */
static int swapin_add_folio(struct sim *sim, unsigned long pfn,
			    swp_entry_t entry)
{
	uint64_t shadow;
	int ret;

	sim->pages.owner[pfn] = 0;
	SetPageFlag(&sim->pages, pfn, PG_swapbacked);
	shadow = swap_cache_shadow(sim, entry);
	ret = swap_cache_add_folio(sim, pfn, entry);
	if (ret) {
		free_pages_block(sim, pfn, 0);
		return ret;
	}
	if (shadow)
		workingset_refault(sim, pfn, shadow);
	folio_add_lru(sim, pfn);
	return 0;
}

/*
 * mm/swap_state.c: __read_swap_cache_async() for page j of region id, a
 * new folio for its swap entry (swapin_add_folio()). NO_PFN with *err
 * set if there was no page, or someone read it in while we slept
 * (-EAGAIN).
 */
static unsigned long swapin_page(struct sim *sim, unsigned int id,
				 unsigned long j, struct region **rp, int *err)
{
	struct page_frames *pf = &sim->pages;
	uint64_t pte = sim->regions[id].pte[j];
	swp_entry_t entry = { (unsigned long)PTE_VAL(pte) };
	unsigned long pfn;

	pfn = fault_alloc_page(sim, id, j, pte,
			       swapin_gfp(sim->regions[id].gfp_mask), rp, err);
	if (pfn == NO_PFN)
		return NO_PFN;
	pf->owner[pfn] = 0;
	if (swap_cache_folio(sim, entry) != NIL_PFN) {
		free_pages_block(sim, pfn, 0);
		*err = -EAGAIN;
		return NO_PFN;
	}
	if (swapin_add_folio(sim, pfn, entry)) {
		SIM_WARN_ON_ONCE(sim, true);
		*err = -EEXIST;
		return NO_PFN;
	}
	return pfn;
}

/*
 * mm/swap_state.c: __read_swap_cache_async() for a slot of the cluster
 * readahead: a slot that a PTE holds and no folio stands for gets a new
 * folio, allocated as for the fault of region id (swap_cluster_readahead()
 * uses the fault's policy for every page), in the swap cache and on the
 * LRU, mapped by nobody. A free slot, or one in the swap cache, is left
 * (swapcache_prepare() fails). NO_PFN if nothing was read.
 */
static unsigned long swapin_slot(struct sim *sim, unsigned int id,
				 swp_entry_t entry)
{
	struct swap_info *si = sim->swap;
	unsigned long pfn;

	if (!(si->swap_map[entry.val] & ~SWAP_HAS_CACHE) ||
	    (si->swap_map[entry.val] & SWAP_HAS_CACHE))
		return NO_PFN;
	pfn = __alloc_pages(sim, swapin_gfp(sim->regions[id].gfp_mask), 0,
			    sim->regions[id].nid);
	if (pfn == NO_PFN)
		return NO_PFN;
	/* the allocation may have slept: look again */
	if (!(si->swap_map[entry.val] & ~SWAP_HAS_CACHE) ||
	    swap_cache_folio(sim, entry) != NIL_PFN) {
		free_pages_block(sim, pfn, 0);
		return NO_PFN;
	}
	charge_cost(sim, COST_ALLOC, 1);
	return swapin_add_folio(sim, pfn, entry) ? NO_PFN : pfn;
}

/*
 * The rest of the window the fault at idx read: by address, the swap
 * PTEs of [start, end) in the region; by slot, the slots [start, end)
 * around entry. Each page read ahead is marked PG_readahead and counted
 * in swap_ra. Returns how many were read.
 */
static unsigned long swap_readahead(struct sim *sim, unsigned int id,
				    unsigned long idx, swp_entry_t entry,
				    unsigned long start, unsigned long end)
{
	bool vma_ra = swap_use_vma_readahead(sim);
	unsigned long nr = 0;
	int err = 0;

	for (unsigned long j = start; j < end; j++) {
		struct region *r = region_check(sim, id);
		swp_entry_t e = { j };
		unsigned long ra;

		if (!r)
			break;
		if (vma_ra) {
			if (j == idx || PTE_TAG(r->pte[j]) != PTE_SWAP)
				continue;
			e.val = (unsigned long)PTE_VAL(r->pte[j]);
			if (swap_cache_folio(sim, e) != NIL_PFN)
				continue;
			ra = swapin_page(sim, id, j, &r, &err);
			if (ra == NO_PFN)
				break;
		} else {
			if (j == entry.val)
				continue;
			ra = swapin_slot(sim, id, e);
			if (ra == NO_PFN)
				continue;
		}
		folio_set_readahead(sim, ra);
		count_vm_events(sim, SWAP_RA, 1);
		nr++;
	}
	return nr;
}

/*
 * mm/memory.c: do_swap_page(): the folio is still in the swap cache
 * (swap_cache_get_folio(): a minor fault, and a readahead hit if
 * readahead brought it), or it is read from swap with the rest of the
 * readahead window (swapin_readahead(), page_cluster 3: up to 8 pages) in
 * one request: pswpin and pgpgin count every page read, swap_ra the ones
 * read ahead, pgmajfault the fault. The window is the region's pages
 * around the fault (swap_vma_readahead()), or, with a rotational swap
 * device, the aligned block of slots around the fault's slot
 * (swap_cluster_readahead()), whoever's pages they hold.
 */
static int do_swap_page(struct sim *sim, unsigned int id, unsigned long idx,
			bool write)
{
	struct region *r = &sim->regions[id];
	swp_entry_t entry = { (unsigned long)PTE_VAL(r->pte[idx]) };
	unsigned long pfn = swap_cache_folio(sim, entry), start, end, nr = 1;
	unsigned int win;
	int err = 0;

	count_vm_events(sim, PGFAULT, 1);
	charge_cost(sim, COST_FAULT, 1);
	if (pfn != NIL_PFN) {
		swap_cache_get_folio(sim, r, idx, pfn);
		map_swapcache_folio(sim, r, idx, pfn, entry, write);
		return 0;
	}
	if (swap_use_vma_readahead(sim))
		win = swap_vma_ra_win(sim, r, idx, &start, &end);
	else
		win = swap_cluster_ra_win(sim, entry.val, &start, &end);
	pfn = swapin_page(sim, id, idx, &r, &err);
	if (pfn == NO_PFN) {
		if (err != -EAGAIN || !region_check(sim, id) ||
		    r->pte[idx] != PTE_MK(PTE_SWAP, entry.val))
			return fault_err(err);
		/* read in by someone else while we slept: use theirs */
		pfn = swap_cache_folio(sim, entry);
		if (pfn != NIL_PFN)
			map_swapcache_folio(sim, r, idx, pfn, entry, write);
		return 0;
	}
	count_vm_events(sim, PGMAJFAULT, 1);
	map_swapcache_folio(sim, r, idx, pfn, entry, write);
	if (win > 1)
		nr += swap_readahead(sim, id, idx, entry, start, end);
	count_vm_events(sim, PSWPIN, nr);
	count_vm_events(sim, PGPGIN, nr * (PAGE_SIZE / 512));
	blk_read_wait(sim, nr);
	return 0;
}

int handle_mm_fault(struct sim *sim, struct region *r, unsigned long idx,
		    bool write)
{
	uint64_t pte = r->pte[idx];

	switch (PTE_TAG(pte)) {
	case PTE_SWAP:
		return do_swap_page(sim, r->id, idx, write);
	case PTE_SHADOW:
	case PTE_NONE:
		/* write() of a page the cache lacks; an mmap write reads it */
		if (r->kind == SIM_KIND_FILE && write && !r->mapped)
			return do_write_begin(sim, r->id, idx);
		if (r->kind == SIM_KIND_FILE)
			return do_read_fault(sim, r->id, idx);
		if (r->kind == SIM_KIND_ANON && PTE_TAG(pte) == PTE_NONE)
			return do_anonymous_page(sim, r->id, idx);
		return 0;
	default:
		return 0;
	}
}

/*
 * mm/mmap.c: do_mmap(): a region with no pages yet; each page comes on
 * first touch (do_anonymous_page(), filemap_fault() or read()), so the
 * allocations, and any reclaim they need, happen then, as the task runs.
 */
int sim_mmap(struct sim *sim, const struct sim_alloc_request *req,
	     unsigned int *region)
{
	const struct task *p =
		task_of(sim, req->task ? req->task : current_id(sim));
	struct region *r;

	if ((req->kind != SIM_KIND_ANON && req->kind != SIM_KIND_FILE) ||
	    !req->nr_pages || req->nid < -1 || req->nid >= sim->nr_nodes ||
	    !p || sim->next_vpn + (uint64_t)req->nr_pages + 1 >= UINT32_MAX)
		return -EINVAL;
	/* its page table lives in this host's memory: refuse one it cannot hold */
	if (sim->cfg.host_mem_bytes &&
	    (uint64_t)req->nr_pages * sizeof(uint64_t) >
		    sim->cfg.host_mem_bytes)
		return -E2BIG;
	r = region_new(sim, req->nr_pages);
	if (!r)
		return -ENOMEM;
	r->kind = req->kind;
	r->task = p->id;
	r->nid = req->nid < 0 ? p->nid : req->nid;
	r->gfp_mask = req->gfp_mask ? req->gfp_mask :
				      region_default_gfp(req->kind);
	r->mapped = req->kind == SIM_KIND_ANON || req->mapped;
	r->sparse = req->kind == SIM_KIND_FILE && req->sparse;
	r->sendfile = req->kind == SIM_KIND_FILE && req->sendfile;
	*region = r->id;
	return 0;
}

/* }====== */

/* {====== freeing a region's swap state */

/*
 * mm/memory.c: zap_pte_range() for what pagealloc's release leaves: swap
 * entries give back their slot (free_swap_and_cache()); a swap-cache
 * folio nobody maps any more leaves the swap cache.
 */
void zap_region(struct sim *sim, struct region *r, unsigned long start,
		unsigned long end)
{
	for (unsigned long i = start; r->pte && i < end; i++) {
		uint64_t pte = r->pte[i];

		if (PTE_TAG(pte) == PTE_SWAP) {
			swp_entry_t entry = { (unsigned long)PTE_VAL(pte) };
			unsigned long pfn;

			swap_free(sim, entry);
			pfn = swap_cache_folio(sim, entry);
			/* free_swap_and_cache(): nobody needs it any more */
			if (pfn != NIL_PFN && sim->pages.state[pfn] == PS_LRU &&
			    !PageFlag(&sim->pages, pfn, PG_writeback) &&
			    folio_free_swap(sim, pfn)) {
				lruvec_del_folio(sim, pfn);
				free_pages_block(sim, pfn,
						 page_order(&sim->pages, pfn));
			}
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

/*
 * One access to page idx of region id: fault it in, or mark it accessed
 * (the PTE young bit of a mapped page, folio_mark_accessed() for read());
 * a write dirties it. Returns 1 if a clean page-cache page was dirtied
 * (the caller owes balance_dirty_pages()), 0, or -ENOMEM. The fault may
 * sleep: nothing of the region is held across it.
 */
int access_page(struct sim *sim, unsigned int id, unsigned long idx, bool write)
{
	struct region *r = region_check(sim, id);
	unsigned long pfn;
	int ret, dirtied;

	if (!r || idx >= r->nr_pages || r->kind == SIM_KIND_KERNEL)
		return 0;
	charge_cost(sim, COST_TOUCH, 1);
	if (PTE_TAG(r->pte[idx]) != PTE_PRESENT) {
		ret = handle_mm_fault(sim, r, idx, write);
		r = region_check(sim, id);
		if (ret || !r || PTE_TAG(r->pte[idx]) != PTE_PRESENT)
			return ret;
	} else {
		pfn = folio_head_at(sim, r, idx);
		/* one access per folio */
		if (pfn == (unsigned long)PTE_VAL(r->pte[idx])) {
			if (PageFlag(&sim->pages, pfn, PG_mapped))
				SetPageFlag(&sim->pages, pfn, PG_young);
			else
				folio_mark_accessed(sim, pfn);
		}
	}
	/*
	 * read() and write() copy the page to or from the user's buffer;
	 * sendfile() to /dev/null hands the pipe a reference and the null
	 * device drops it unread (fs/splice.c: splice_write_null()).
	 */
	if (r->kind == SIM_KIND_FILE && !r->mapped && (write || !r->sendfile))
		charge_cost(sim, COST_COPY, 1);
	if (!write)
		return 0;
	pfn = folio_head_at(sim, r, idx);
	dirtied = folio_mark_dirty(sim, pfn) && r->kind == SIM_KIND_FILE;
	/* ext4's write_begin gives the folio its buffer head (buffer.c) */
	if (r->kind == SIM_KIND_FILE)
		folio_create_buffers(sim, id, idx);
	return dirtied;
}

static int region_access(struct sim *sim, unsigned int id, bool write)
{
	unsigned long nr_dirtied = 0;
	int ret = 0;

	if (!region_check(sim, id))
		return -EINVAL;
	for (unsigned long i = 0; region_check(sim, id); i++) {
		if (i >= sim->regions[id].nr_pages)
			break;
		ret = access_page(sim, id, i, write);
		if (ret < 0)
			break;
		nr_dirtied += (unsigned long)ret;
		ret = 0;
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
