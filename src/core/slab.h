/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's own objects that take pages as the page cache grows: SLUB
 * caches (slub.c), the page cache's xarray nodes (xarray.c) and ext4's
 * buffer heads (buffer.c). Each cache counts its objects, not where they
 * sit; its slabs are real pages from the buddy allocator, counted in
 * nr_slab_reclaimable or nr_slab_unreclaimable as the kernel counts them.
 */
#ifndef KSS_CORE_SLAB_H
#define KSS_CORE_SLAB_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

/* {====== slub.c */

/* mm/slab.h: struct kmem_cache, as far as its pages go */
struct kmem_cache {
	const char *name;
	unsigned int size; /* an object, with SLUB's free pointer */
	unsigned int order, objects; /* s->oo: a slab's order and objects */
	unsigned int min_order, min_objects; /* s->min: one object's slab */
	unsigned int min_partial; /* empty slabs kept, not freed */
	unsigned int allocflags; /* __GFP_RECLAIMABLE: SLAB_RECLAIM_ACCOUNT */
	unsigned long inuse; /* objects handed out */
	unsigned long total; /* objects the slabs hold */
	struct kmem_slab {
		uint32_t pfn;
		uint8_t order;
	} * slabs; /* newest last */
	unsigned long nr_slabs, slabs_cap;
};

/* SLAB_RECLAIM_ACCOUNT */
#define SLAB_RECLAIM_ACCOUNT 0x1u
/* the cache has a constructor: the free pointer goes after the object */
#define SLAB_CTOR 0x2u

/*
 * kmem_cache_create(): sizes the slabs as calculate_order() does for
 * this machine's CPUs.
 */
void kmem_cache_setup(const struct sim *sim, struct kmem_cache *s,
		      const char *name, unsigned int object_size,
		      unsigned int flags);
void kmem_cache_destroy(struct kmem_cache *s);
/*
 * kmem_cache_alloc(): one object; a new slab when none is free, with
 * gfp. The object is the caller's even when no page could be had (the
 * kernel would have failed the allocation, or retried it): the cache
 * then holds fewer objects than it handed out until a slab comes.
 * Returns false in that case.
 */
bool kmem_cache_alloc(struct sim *sim, struct kmem_cache *s, unsigned int gfp);
/* kmem_cache_free(): empty slabs beyond min_partial go back */
void kmem_cache_free(struct sim *sim, struct kmem_cache *s);

/* The caches kswapsim models, one set for the machine (sim->slab) */
struct slab_caches {
	struct kmem_cache radix_tree_node; /* xarray.c */
	struct kmem_cache buffer_head; /* buffer.c */
};

int slab_init(struct sim *sim);
void slab_exit(struct sim *sim);

/* }====== */

/* {====== xarray.c */

/*
 * xa_store(): entry idx of file region r becomes pte (present, shadow or
 * none). The xarray gains a node where a range had no entry and loses it
 * when its last entry goes; workingset_update_node() is told too.
 */
void xa_store(struct sim *sim, struct region *r, unsigned long idx,
	      uint64_t pte);
/* xa_destroy(): truncation; every node of r goes */
void xa_destroy(struct sim *sim, struct region *r);
/* The machine goes: r's counts go, with no slab to give back to */
void xa_free(struct region *r);
/* For the tests and sim_check(): the nodes r's xarray holds now */
unsigned long xa_nr_nodes(const struct region *r);
/* The same counted afresh from r's entries (sim_check()) */
unsigned long xa_recount_nodes(const struct region *r);

/* }====== */

/* {====== buffer.c */

/*
 * A write to page idx of file region id (ext4_da_write_begin(), or
 * page_mkwrite): the folio gets its buffer head if it has none. It may
 * sleep in direct reclaim for the head's slab page.
 */
void folio_create_buffers(struct sim *sim, unsigned int id, unsigned long idx);
/* The folio at idx leaves the page cache: its buffer head goes */
void folio_free_buffers(struct sim *sim, struct region *r, unsigned long idx);
/* Truncation: every head of r goes */
void buffers_destroy(struct sim *sim, struct region *r);
/* For sim_check(): r's folios with a head, each on a present entry */
unsigned long buffers_count(const struct region *r, bool *stray);

/* }====== */

#endif /* KSS_CORE_SLAB_H */
