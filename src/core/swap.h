/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * include/linux/swap.h for the model: the LRU helpers of mm/swap.c, the
 * swap device (mm/swapfile.c), the swap cache (mm/swap_state.c), shadow
 * entries (mm/workingset.c) and faults (mm/memory.c, mm/filemap.c).
 *
 * A folio is its head pfn. How a region's PTE reads in each state:
 *
 *   file  PTE_PRESENT|pfn   in the page cache; PG_mapped if mmapped
 *         PTE_SHADOW|shadow evicted (__filemap_remove_folio() left a shadow)
 *   anon  PTE_PRESENT|pfn   mapped (maybe also in the swap cache)
 *         PTE_SWAP|slot     unmapped by try_to_unmap(); the folio may still
 *                           be in the swap cache (swap_cache_folio()), and
 *                           once it is gone the slot keeps its shadow
 *
 * A swap slot is swp_entry_t.val (1 .. cfg.swap_pages - 1; slot 0 is the
 * swap header, and 0 means "no entry").
 */
#ifndef KSS_CORE_SWAP_H
#define KSS_CORE_SWAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* include/linux/mm_types.h: swp_entry_t (one swap device: val = offset) */
typedef struct {
	unsigned long val;
} swp_entry_t;

/* The node of an lruvec: each node has one (cgroups collapsed to root). */
static inline struct pglist_data *lruvec_pgdat(struct lruvec *lruvec)
{
	return (struct pglist_data *)(void *)((char *)lruvec -
					      offsetof(struct pglist_data,
						       lruvec));
}

/* {====== mm/swap.c */

/* folio_add_lru() -> lru_add(): on the list its flags choose, at the head */
void folio_add_lru(struct sim *sim, unsigned long pfn);
/* folio_mark_accessed(): referenced, then activate on the second access */
void folio_mark_accessed(struct sim *sim, unsigned long pfn);
#define mark_page_accessed(sim, pfn) folio_mark_accessed(sim, pfn)
/* folio_activate() -> lru_activate(): inactive to active, pgactivate */
void folio_activate(struct sim *sim, unsigned long pfn);
/* folio_rotate_reclaimable() -> lru_move_tail(): pgrotated */
void folio_rotate_reclaimable(struct sim *sim, unsigned long pfn);
/* deactivate_file_folio() -> lru_deactivate_file() */
void deactivate_file_folio(struct sim *sim, unsigned long pfn);
/* folio_deactivate() -> lru_deactivate(): active to inactive, pgdeactivate */
void folio_deactivate(struct sim *sim, unsigned long pfn);
/* lru_note_cost(): cost = nr_io * SWAP_CLUSTER_MAX + nr_rotated, decayed */
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned int nr_io,
		   unsigned int nr_rotated);
/* lru_note_cost_refault(): a workingset restore costs one IO */
void lru_note_cost_refault(struct sim *sim, unsigned long pfn);

/* }====== */

/* {====== mm/swapfile.c's device, shared with swap_state.c */

#define SWAP_HAS_CACHE 0x40 /* include/linux/swap.h */
/* PG_readahead of a swap-cache folio, kept beside its slot number */
#define FOLIO_SLOT_READAHEAD 0x80000000u

/* vma->swap_readahead_info: the last fault, its window, readahead hits */
struct swap_ra_info {
	unsigned long prev_idx;
	unsigned int win;
	unsigned int hits;
};
#define SWAP_MAP_MAX 0x3e

struct swap_info {
	unsigned long max; /* slots including the header */
	long nr_swap_pages; /* free slots: get_nr_swap_pages() */
	long total_swap_pages;
	unsigned long cluster_next; /* where the next search starts */
	uint8_t *swap_map;
	uint64_t *cache; /* PTE_PRESENT|pfn, PTE_SHADOW|shadow */
	uint32_t *folio_slot; /* folio->swap.val per pfn, PG_readahead */
	struct swap_ra_info *ra; /* per region (VMA): swap_readahead_info */
	unsigned int nr_ra;
	bool rotational; /* !bdev_nonrot(): counted in nr_rotate_swap */
	unsigned long ra_prev_offset; /* swapin_nr_pages()'s prev_offset */
	unsigned int ra_last_pages; /* its last_readahead_pages */
	unsigned int ra_hits; /* swapin_readahead_hits */
	unsigned int bucket_order; /* workingset.c */
};

/* }====== */

/* {====== mm/swapfile.c, mm/swap_state.c */

/* swapfile.c: state, from sim_create()/sim_destroy() */
int swap_init(struct sim *sim);
void swap_exit(struct sim *sim);
/* Bytes swap_init() takes for `slots` slots on a machine of max_pfn frames */
uint64_t swap_map_bytes(unsigned long slots, unsigned long max_pfn);
/* swap_init() failed for want of memory for the swap map */
bool swap_map_missing(const struct sim *sim);

/* get_nr_swap_pages(): free slots */
long get_nr_swap_pages(const struct sim *sim);
/* total_swap_pages: usable slots (the header page is not one) */
long total_swap_pages(const struct sim *sim);
/* include/linux/swap.h: vm_swap_full(): under half free */
bool vm_swap_full(const struct sim *sim);
/* mm/vmscan.c: can_reclaim_anon_pages() for global reclaim */
static inline bool can_reclaim_anon_pages(const struct sim *sim)
{
	return get_nr_swap_pages(sim) > 0;
}

/* folio->swap of a folio in the swap cache; val 0 if it is not */
swp_entry_t folio_swap_entry(const struct sim *sim, unsigned long pfn);
/* mm/swap_slots.c: folio_alloc_swap(): val 0 when swap is absent or full */
swp_entry_t folio_alloc_swap(struct sim *sim, unsigned long pfn);
/*
 * mm/swap_state.c: add_to_swap(): a slot, the swap cache
 * (PG_swapcache, nr_swapcached, nr_file_pages) and PG_dirty so it gets
 * written. False if no slot was free.
 */
bool add_to_swap(struct sim *sim, unsigned long pfn);
/*
 * mm/swap_state.c: __delete_from_swap_cache(): out of the swap cache,
 * leaving shadow (0: none) in the slot for workingset_refault(). The slot
 * stays allocated while a PTE holds it.
 */
void __delete_from_swap_cache(struct sim *sim, unsigned long pfn,
			      swp_entry_t entry, uint64_t shadow);
/* delete_from_swap_cache(): no shadow, and drop the cache's slot reference */
void delete_from_swap_cache(struct sim *sim, unsigned long pfn);
/* mm/swapfile.c: put_swap_folio(): give back a slot nobody maps */
void put_swap_folio(struct sim *sim, unsigned long pfn, swp_entry_t entry);
/* mm/swapfile.c: folio_free_swap(): free the slot if no PTE holds it */
bool folio_free_swap(struct sim *sim, unsigned long pfn);
/* mm/swapfile.c: swap_free(): a PTE's reference to the slot is dropped */
void swap_free(struct sim *sim, swp_entry_t entry);
/* A PTE now holds entry (try_to_unmap()): swap_duplicate() */
void swap_duplicate(struct sim *sim, swp_entry_t entry);
/*
 * mm/swap_state.c: __read_swap_cache_async(): a new folio for entry joins
 * the swap cache (SWAP_HAS_CACHE); -EEXIST if one is there already.
 */
int swap_cache_add_folio(struct sim *sim, unsigned long pfn, swp_entry_t entry);
/*
 * mm/swap_state.c: swap_cache_get_folio(): the fault at idx of r found
 * pfn in the swap cache: a readahead hit counts (swap_ra_hit) and feeds
 * the region's readahead window, or with a rotational device the hits
 * every fault's cluster window shares (swapin_readahead_hits).
 */
void swap_cache_get_folio(struct sim *sim, struct region *r, unsigned long idx,
			  unsigned long pfn);
/*
 * mm/swap_state.c: swap_vma_ra_win(): the readahead window for a swap
 * fault at idx of r, [*start, *end); returns its size (1: none).
 */
unsigned int swap_vma_ra_win(struct sim *sim, struct region *r,
			     unsigned long idx, unsigned long *start,
			     unsigned long *end);
/*
 * mm/swap_state.c: swapin_readahead() reads around a swap fault by
 * address (swap_vma_readahead()) unless a rotating swap device is on
 * (swap_use_vma_readahead()); then by slot (swap_cluster_readahead()).
 */
bool swap_use_vma_readahead(const struct sim *sim);
/*
 * mm/swap_state.c: swap_cluster_readahead()'s window for a fault on slot
 * offset: the aligned block of swapin_nr_pages() slots, [*start, *end)
 * inside the device, slot 0 (the header) left out; returns its size (1:
 * none).
 */
unsigned int swap_cluster_ra_win(struct sim *sim, unsigned long offset,
				 unsigned long *start, unsigned long *end);
/* folio_set_readahead() on a swap-cache folio read ahead */
void folio_set_readahead(struct sim *sim, unsigned long pfn);
/* The folio in the swap cache at entry, or NIL_PFN */
unsigned long swap_cache_folio(const struct sim *sim, swp_entry_t entry);
/* The shadow stored at entry, 0 if none */
uint64_t swap_cache_shadow(const struct sim *sim, swp_entry_t entry);
/*
 * mm/page_io.c: swap_writepage(): clear dirty, start writeback, submit the
 * IO (blk.c) and count pswpout. Returns 0.
 */
int swap_writepage(struct sim *sim, unsigned long pfn);

/* }====== */

/* {====== mm/workingset.c */

/* workingset_init(): bucket_order for this machine's totalram_pages */
void workingset_init(struct sim *sim);
unsigned int workingset_bucket_order(const struct sim *sim);
void workingset_set_bucket_order(struct sim *sim, unsigned int order);
/* workingset_age_nonresident(): the clock of evictions and activations */
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr);
/*
 * workingset_eviction(): age the node's clock and return the shadow entry
 * that remembers when (and whether the folio was PG_workingset).
 */
uint64_t workingset_eviction(struct sim *sim, unsigned long pfn);
/* workingset_test_recent(): would the folio have stayed with more memory? */
bool workingset_test_recent(struct sim *sim, uint64_t shadow, bool file,
			    bool *workingset);
/*
 * workingset_refault(): the folio at pfn (not yet on an LRU) came back;
 * counts workingset_refault_*, and activates / restores as the kernel.
 */
void workingset_refault(struct sim *sim, unsigned long pfn, uint64_t shadow);
/* workingset_activation(): a mark_accessed promotion ages the clock */
void workingset_activation(struct sim *sim, unsigned long pfn);
/*
 * workingset_update_node(): the page-cache entry idx of file region r is
 * about to become pte: a leaf node (XA_CHUNK_SIZE indices) left with
 * shadow entries only joins the shadow_nodes list and counts in
 * workingset_nodes, one that gains a page or loses its last shadow
 * leaves it. Differs: the shadow shrinker (scan_shadow_nodes()), which
 * frees nodes beyond an eighth of the node's LRU pages (a file several
 * times memory), is not modelled; swap-cache shadows are not counted.
 */
void workingset_update_node(struct sim *sim, struct region *r,
			    unsigned long idx, uint64_t pte);
/* A freed file region's listed nodes leave the list with its shadows. */
void workingset_forget_region(struct sim *sim, struct region *r);
/* For sim_check(): the listed nodes of node nid's file regions, counted */
unsigned long workingset_count_nodes(const struct sim *sim, int nid);

/* }====== */

/* {====== mm/memory.c, mm/filemap.c, mm/mlock.c */

/* The region a folio belongs to and its PTE (folio->mapping, ->index). */
struct region *folio_region_of(struct sim *sim, unsigned long pfn);
uint64_t *folio_pte_of(struct sim *sim, unsigned long pfn);
/*
 * mm/filemap.c: __filemap_remove_folio(): drop a file folio from the page
 * cache, leaving shadow (0: none) in its place; nr_file_pages, nr_mapped.
 * The caller frees the page.
 */
void __filemap_remove_folio(struct sim *sim, unsigned long pfn,
			    uint64_t shadow);
/*
 * mm/memory.c: handle_mm_fault() on page idx of region r: file pages come
 * back from the page cache or disk (pgmajfault), anon pages from the swap
 * cache or swap (pswpin). 0, or -ENOMEM if no page could be had.
 */
int handle_mm_fault(struct sim *sim, struct region *r, unsigned long idx,
		    bool write);
/*
 * One access to page idx of region id (a task touching its memory):
 * fault it in or mark it accessed; write dirties it. 1 if a clean
 * page-cache page was dirtied, 0, or -ENOMEM. May sleep in reclaim.
 */
int access_page(struct sim *sim, unsigned int id, unsigned long idx,
		bool write);
/*
 * mm/mmap.c: do_mmap(): a region of req->nr_pages with no pages yet
 * (anon or file); first touches fault them in. 0 or -EINVAL/-ENOMEM.
 */
int sim_mmap(struct sim *sim, const struct sim_alloc_request *req,
	     unsigned int *region);
/*
 * zap_pte_range() for pages start .. end - 1 of a region being freed:
 * swap entries give back their slots. Call before releasing its present
 * pages.
 */
void zap_region(struct sim *sim, struct region *r, unsigned long start,
		unsigned long end);
/* A swap-cache folio of a freed region leaves the swap cache. */
void free_swap_cache(struct sim *sim, unsigned long pfn);

/* }====== */

#endif /* KSS_CORE_SWAP_H */
