// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulator's regions: what alloc() and t:alloc() return. A region is
 * a range of virtual pages with its own page table (one PTE a page), the
 * stand-in for a VMA of anon memory, a mapped or read file, or kernel
 * memory. sim_alloc() fills it block by block through __alloc_pages(), so
 * each block may wake kswapd, reclaim directly or call the OOM killer;
 * sim_free() unmaps it, as munmap() or truncation would. Page faults on a
 * region live in memory.c.
 *
 * Invariant: every present PTE points at a frame whose owner is the
 * region's vpn for that index; a block's counters (nr_anon_pages,
 * nr_file_pages, nr_mapped, slab) are held exactly while it is mapped.
 * Leaves out: VMAs that split or merge, mmap() at an address, shared
 * mappings between tasks.
 */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm_inline.h"
#include "sched.h"
#include "slab.h"
#include "swap.h"
#include "vmscan.h"
#include "writeback.h"

/*
 * The mask each kind's pages are allocated with when the request names
 * none. Anon: do_anonymous_page() -> alloc_anon_folio() ->
 * vma_alloc_zeroed_movable_folio(), which x86
 * (arch/x86/include/asm/page.h) defines as vma_alloc_folio() with
 * GFP_HIGHUSER_MOVABLE | __GFP_ZERO, and folio_alloc_mpol() adds
 * __GFP_COMP (mm/mempolicy.c): 0x140dca. File: the mapping's mask,
 * GFP_HIGHUSER_MOVABLE as inode_init_always() (fs/inode.c) sets it.
 */
static const unsigned int default_gfp[SIM_NR_KINDS] = {
	[SIM_KIND_ANON] = GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_ZERO,
	[SIM_KIND_FILE] = GFP_HIGHUSER_MOVABLE,
	[SIM_KIND_KERNEL] = GFP_KERNEL,
};

unsigned int region_default_gfp(enum sim_page_kind kind)
{
	return default_gfp[kind];
}

/*
 * The zone bits that make gfp_zone() return zid, keeping __GFP_MOVABLE
 * (and so the migratetype) where the table allows it; -1 for Device.
 */
static int gfp_for_zone(unsigned int gfp, int zid, unsigned int *out)
{
	unsigned int movable = gfp & __GFP_MOVABLE;

	gfp &= ~GFP_ZONEMASK;
	switch (zid) {
	case ZONE_DMA:
		gfp |= __GFP_DMA | movable;
		break;
	case ZONE_DMA32:
		gfp |= __GFP_DMA32 | movable;
		break;
	case ZONE_NORMAL:
		gfp |= movable;
		break;
	case ZONE_MOVABLE:
		/* movable memory only, and highmem on a 32-bit machine */
		gfp |= __GFP_MOVABLE | __GFP_HIGHMEM;
		break;
	default:
		return -EINVAL;
	}
	*out = gfp;
	return 0;
}

static struct region *region_get(struct sim *sim, unsigned int id)
{
	if (!id || id >= sim->nr_regions)
		return NULL;
	return &sim->regions[id];
}

/*
 * A new region of nr_pages virtual pages, published: its id and its vpns
 * are taken, so reclaim can find it from a page's owner even while its
 * pages are still being allocated. NULL when memory runs out.
 */
struct region *region_new(struct sim *sim, unsigned long nr_pages)
{
	struct region *r;

	if (sim->nr_regions >= sim->regions_cap) {
		unsigned int cap = sim->regions_cap ? sim->regions_cap * 2 : 64;
		struct region *n = realloc(sim->regions, cap * sizeof(*n));

		if (!n)
			return NULL;
		memset(n + sim->regions_cap, 0,
		       (cap - sim->regions_cap) * sizeof(*n));
		sim->regions = n;
		sim->regions_cap = cap;
	}
	r = &sim->regions[sim->nr_regions];
	memset(r, 0, sizeof(*r));
	r->pte = calloc(nr_pages, sizeof(*r->pte));
	if (!r->pte)
		return NULL;
	if (!sim->next_vpn)
		sim->next_vpn = 1; /* owner 0 means no owner */
	r->id = sim->nr_regions++;
	r->nr_pages = nr_pages;
	r->base_vpn = sim->next_vpn;
	sim->next_vpn += (uint32_t)nr_pages;
	return r;
}

/*
 * The node and zone counters a folio of this kind carries while it is
 * mapped by a region: nr_anon_pages; nr_file_pages, nr_mapped; slab for
 * kernel pages (kept in pages: vmstat prints the _B items in pages).
 * Dirty and writeback counts belong to page-writeback.c.
 */
static void folio_account(struct sim *sim, unsigned long pfn,
			  enum sim_page_kind kind, unsigned int gfp, long sign)
{
	const struct page_frames *pf = &sim->pages;
	struct zone *zone = pfn_to_zone(sim, pfn);
	struct pglist_data *pgdat = zone->zone_pgdat;
	long nr = sign * (1L << page_order(pf, pfn));

	switch (kind) {
	case SIM_KIND_ANON:
		if (PageFlag(pf, pfn, PG_mapped))
			mod_node_page_state(pgdat, NR_ANON_MAPPED, nr);
		break;
	case SIM_KIND_FILE:
		mod_node_page_state(pgdat, NR_FILE_PAGES, nr);
		if (PageFlag(pf, pfn, PG_mapped))
			mod_node_page_state(pgdat, NR_FILE_MAPPED, nr);
		break;
	default:
		mod_node_page_state(pgdat,
				    (gfp & __GFP_RECLAIMABLE) ?
					    NR_SLAB_RECLAIMABLE_B :
					    NR_SLAB_UNRECLAIMABLE_B,
				    nr);
		break;
	}
}

/* Map a fresh block at index idx of the region and put it where it goes. */
static void region_map_block(struct sim *sim, struct region *r,
			     unsigned long idx, unsigned long pfn,
			     const struct sim_alloc_request *req)
{
	struct page_frames *pf = &sim->pages;
	unsigned long i, nr = 1UL << r->order;

	for (i = 0; i < nr; i++) {
		pf->owner[pfn + i] = r->base_vpn + (uint32_t)(idx + i);
		/* reclaim may have left shadows of this region's first pages */
		xa_store(sim, r, idx + i, PTE_MK(PTE_PRESENT, pfn + i));
	}
	switch (r->kind) {
	case SIM_KIND_ANON:
		SetPageFlag(pf, pfn, PG_swapbacked);
		SetPageFlag(pf, pfn, PG_mapped);
		break;
	case SIM_KIND_FILE:
		SetPageFlag(pf, pfn, PG_file);
		if (req->mapped)
			SetPageFlag(pf, pfn, PG_mapped);
		break;
	default:
		break;
	}
	folio_account(sim, pfn, r->kind, r->gfp_mask, 1);
	if (r->kind != SIM_KIND_KERNEL)
		lruvec_add_folio(sim, pfn);
	/* a write(): folio_account_dirtied() counts nr_dirty, nr_dirtied */
	if (r->kind == SIM_KIND_FILE && req->dirty)
		folio_mark_dirty(sim, pfn);
}

/*
 * Take a block out of a region: off its LRU list with its counters, back
 * to the buddy allocator. A page reclaim holds isolated stays with
 * reclaim, unowned, as the kernel's last folio_put() happens there.
 */
static void region_unmap_block(struct sim *sim, struct region *r,
			       unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	unsigned int order = page_order(pf, pfn);
	unsigned long i, nr = 1UL << order;

	/* truncation waits for writeback; the swap cache lets go */
	folio_wait_writeback(sim, pfn);
	/*
	 * Others ran while we waited: reclaim may have freed the folio (and
	 * the page gone to someone else), taking it out of the region.
	 */
	if (pf->owner[pfn] < r->base_vpn ||
	    pf->owner[pfn] >= r->base_vpn + r->nr_pages)
		return;
	free_swap_cache(sim, pfn);
	/* truncate_cleanup_folio(): a dirty page-cache folio is cancelled */
	if (r->kind == SIM_KIND_FILE && PageFlag(pf, pfn, PG_dirty))
		folio_cancel_dirty(sim, pfn);
	if (pf->state[pfn] == PS_ISOLATED) {
		for (i = 0; i < nr; i++)
			pf->owner[pfn + i] = 0;
		folio_account(sim, pfn, r->kind, r->gfp_mask, -1);
		ClearPageFlag(pf, pfn, PG_mapped);
		return;
	}
	if (pf->state[pfn] == PS_LRU)
		lruvec_del_folio(sim, pfn);
	folio_account(sim, pfn, r->kind, r->gfp_mask, -1);
	free_pages_block(sim, pfn, order);
}

unsigned long unmap_page_range(struct sim *sim, struct region *r,
			       unsigned long start, unsigned long end)
{
	const struct page_frames *pf = &sim->pages;
	unsigned long i, nr_present = 0;

	zap_region(sim, r, start, end); /* swap entries give back their slots */
	for (i = start; i < end; i++) {
		uint64_t pte = r->pte[i];
		unsigned long pfn, head;

		if (PTE_TAG(pte) != PTE_PRESENT)
			continue;
		pfn = (unsigned long)PTE_VAL(pte);
		head = pfn & ~((1UL << page_order(pf, pfn)) - 1);
		if (pf->owner[head] && pfn == head)
			region_unmap_block(sim, r, head);
		r->pte[i] = PTE_NONE;
		nr_present++;
	}
	return nr_present;
}

static void region_release(struct sim *sim, struct region *r)
{
	unmap_page_range(sim, r, 0, r->nr_pages);
	/* truncation dropped the shadows: their nodes leave the list */
	workingset_forget_region(sim, r);
	buffers_destroy(sim, r);
	xa_destroy(sim, r);
}

/* Blocks sim_alloc() allocates between two looks at sim->interrupt */
#define INTERRUPT_BLOCKS 16384

/*
 * A region that could not be completed gives back what it had: the first
 * `done` pages, the only ones ever mapped, so that stopping alloc("900G")
 * early costs what was allocated, not a walk of the whole page table.
 */
static void region_undo(struct sim *sim, struct region *r,
			const struct sim_alloc_request *req, unsigned long done)
{
	r->nr_pages = done;
	region_release(sim, r);
	free(r->pte);
	r->pte = NULL;
	if (r->id == sim->nr_regions - 1) {
		sim->nr_regions--;
		sim->next_vpn -= (uint32_t)req->nr_pages;
	} else {
		r->freed = true;
	}
}

void sim_set_interrupt(struct sim *sim, sim_interrupt_fn fn, void *ctx)
{
	sim->interrupt = fn;
	sim->interrupt_ctx = ctx;
}

static int check_alloc_request(const struct sim *sim,
			       const struct sim_alloc_request *req,
			       unsigned int *gfp, char *err, size_t len)
{
	if (req->kind < 0 || req->kind >= SIM_NR_KINDS) {
		seterr(err, len, "unknown page kind %d", (int)req->kind);
		return -EINVAL;
	}
	if (req->order > MAX_PAGE_ORDER) {
		seterr(err, len, "order must be 0..%d, got %u", MAX_PAGE_ORDER,
		       req->order);
		return -EINVAL;
	}
	if (!req->nr_pages || req->nr_pages % (1UL << req->order)) {
		seterr(err, len,
		       "size must be a positive multiple of 2^order = %lu pages, got %lu",
		       1UL << req->order, req->nr_pages);
		return -EINVAL;
	}
	if (req->nr_pages > sim->max_pfn ||
	    sim->next_vpn + (uint64_t)req->nr_pages >= UINT32_MAX) {
		seterr(err, len, "size %lu pages is larger than the machine",
		       req->nr_pages);
		return -EINVAL;
	}
	if (req->nid < -1 || req->nid >= sim->nr_nodes) {
		seterr(err, len, "node must be 0..%d, got %d",
		       sim->nr_nodes - 1, req->nid);
		return -EINVAL;
	}
	*gfp = req->gfp_mask ? req->gfp_mask : default_gfp[req->kind];
	if (!gfp_valid(*gfp)) {
		seterr(err, len, "invalid gfp mask %#x", *gfp);
		return -EINVAL;
	}
	if (req->zid != -1 && gfp_for_zone(*gfp, req->zid, gfp)) {
		seterr(err, len,
		       "zone must be DMA, DMA32, Normal or Movable, got %d",
		       req->zid);
		return -EINVAL;
	}
	return 0;
}

/* A request's preferred node: its own, its task's home, or the local one */
static int request_nid(const struct sim *sim,
		       const struct sim_alloc_request *req)
{
	const struct task *p;

	if (req->nid >= 0)
		return req->nid;
	p = task_of(sim, req->task);
	if (p && p->nid >= 0 && p->nid < sim->nr_nodes)
		return p->nid;
	return numa_node_id(sim);
}

int sim_alloc(struct sim *sim, const struct sim_alloc_request *req,
	      unsigned int *region, char *err, size_t errlen)
{
	unsigned int gfp;
	struct region *r;
	unsigned long idx;
	int ret;

	ret = check_alloc_request(sim, req, &gfp, err, errlen);
	if (ret)
		return ret;
	/*
	 * Published before its pages are allocated: an allocation may
	 * reclaim pages of this very region, and reclaim finds a page's
	 * region from its owner vpn.
	 */
	r = region_new(sim, req->nr_pages);
	if (!r)
		goto out_nomem;
	r->kind = req->kind;
	r->order = req->order;
	r->task = req->task;
	r->nid = request_nid(sim, req);
	r->gfp_mask = gfp;
	r->mapped = req->mapped;
	r->sparse = req->kind == SIM_KIND_FILE && req->sparse;
	r->sendfile = req->kind == SIM_KIND_FILE && req->sendfile;
	for (idx = 0; idx < req->nr_pages; idx += 1UL << req->order) {
		unsigned long pfn;

		/* a long allocation asks now and then whether to stop */
		if ((idx >> req->order) % INTERRUPT_BLOCKS ==
			    INTERRUPT_BLOCKS - 1 &&
		    sim->interrupt &&
		    sim->interrupt(sim->interrupt_ctx, idx, req->nr_pages)) {
			region_undo(sim, r, req, idx);
			seterr(err, errlen, "interrupted");
			return -EINTR;
		}
		pfn = __alloc_pages(sim, gfp, req->order, r->nid);
		if (pfn == NO_PFN) {
			region_undo(sim, r, req, idx);
			warn_alloc(sim, err, errlen, gfp, req->order);
			return -ENOMEM;
		}
		if (r->freed) {
			/* the OOM killer chose this region's task meanwhile */
			free_pages_block(sim, pfn, req->order);
			seterr(err, errlen, "Killed (out of memory)");
			return -ENOMEM;
		}
		region_map_block(sim, r, idx, pfn, req);
	}
	*region = r->id;
	return 0;

out_nomem:
	seterr(err, errlen, "out of simulator memory for a region of %lu pages",
	       req->nr_pages);
	return -ENOMEM;
}

int sim_free(struct sim *sim, unsigned int region)
{
	struct region *r = region_get(sim, region);

	if (!r || r->freed)
		return -EINVAL;
	region_release(sim, r);
	r->freed = true;
	return 0;
}

int sim_region_info(const struct sim *sim, unsigned int region,
		    struct sim_region_info *info)
{
	const struct region *r;
	unsigned long i;

	if (!region || region >= sim->nr_regions)
		return -EINVAL;
	r = &sim->regions[region];
	*info = (struct sim_region_info){ 0 };
	info->id = r->id;
	info->kind = r->kind;
	info->order = r->order;
	info->task = r->task;
	info->nr_pages = r->nr_pages;
	info->freed = r->freed;
	for (i = 0; i < r->nr_pages; i++)
		if (PTE_TAG(r->pte[i]) == PTE_PRESENT)
			info->nr_resident++;
	return 0;
}
