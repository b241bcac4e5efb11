// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/slub.c, as far as its pages go: a cache sizes its slabs once
 * (calculate_order()), takes a slab from the buddy allocator when no
 * object is free (allocate_slab()), and gives empty slabs back beyond
 * the few it keeps (min_partial, discard_slab()).
 *
 * Differs: objects are counted per cache, not per slab, so a slab is
 * empty only when the cache as a whole has a slab's worth free; no
 * per-cpu slabs, partial lists per node, or slab merging.
 */
#include "slab.h"

#include <errno.h>
#include <stdlib.h>

#include "gfp.h"
#include "vmscan.h"

#define SLUB_MAX_ORDER 3 /* PAGE_ALLOC_COSTLY_ORDER */
#define MIN_PARTIAL 5
#define MAX_PARTIAL 10

static unsigned int fls_uint(unsigned int x)
{
	unsigned int n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

/* include/asm-generic/getorder.h: get_order() */
static unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)((PAGE_SIZE << order) / size);
}

/*
 * mm/slub.c: calculate_order(). A slab should hold at least
 * 4 * (fls(CPUs) + 1) objects; of the orders from the one that fits
 * them up to SLUB_MAX_ORDER, the first whose leftover is within 1/16
 * of the slab, else 1/8, 1/4, 1/2.
 */
static unsigned int calculate_order(const struct sim *sim, unsigned int size)
{
	unsigned int min_objects =
		4 * (fls_uint((unsigned)sim->cfg.nr_cpus) + 1);
	unsigned int max_objects = order_objects(SLUB_MAX_ORDER, size);
	unsigned int min_order;

	if (max_objects < 1)
		max_objects = 1;
	if (min_objects > max_objects)
		min_objects = max_objects;
	min_order = get_order((unsigned long)min_objects * size);
	for (unsigned int fraction = 16; fraction >= 2; fraction >>= 1) {
		for (unsigned int order = min_order; order <= SLUB_MAX_ORDER;
		     order++) {
			unsigned int slab_size = (unsigned)PAGE_SIZE << order;

			if (slab_size % size <= slab_size / fraction)
				return order;
		}
	}
	return get_order(size);
}

void kmem_cache_setup(const struct sim *sim, struct kmem_cache *s,
		      const char *name, unsigned int object_size,
		      unsigned int flags)
{
	/*
	 * calculate_sizes(): word aligned; a constructed object keeps its
	 * contents while free, so the free pointer goes after it
	 */
	unsigned int size = (object_size + 7u) & ~7u, ilog = 0;

	if (flags & SLAB_CTOR)
		size += 8;
	*s = (struct kmem_cache){ .name = name, .size = size };
	s->order = calculate_order(sim, size);
	s->objects = order_objects(s->order, size);
	s->min_order = get_order(size);
	s->min_objects = order_objects(s->min_order, size);
	/* set_min_partial(): ilog2(size) / 2, within [5, 10] */
	while ((2u << ilog) <= size)
		ilog++;
	s->min_partial =
		(unsigned int)clamp(ilog / 2, MIN_PARTIAL, MAX_PARTIAL);
	/* kmem_cache_open(): every slab is a compound page */
	s->allocflags = __GFP_COMP;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	free(s->slabs);
	s->slabs = NULL;
	s->nr_slabs = s->slabs_cap = 0;
}

static enum node_stat_item slab_stat(const struct kmem_cache *s)
{
	return s->allocflags & __GFP_RECLAIMABLE ? NR_SLAB_RECLAIMABLE_B :
						   NR_SLAB_UNRECLAIMABLE_B;
}

static void account_slab(struct sim *sim, const struct kmem_cache *s,
			 unsigned long pfn, unsigned int order, int sign)
{
	mod_node_page_state(pfn_to_zone(sim, pfn)->zone_pgdat, slab_stat(s),
			    sign * (1L << order));
}

/*
 * mm/slub.c: allocate_slab(). The preferred order is tried without the
 * caller's retries and, when that order is above the smallest one, without
 * direct reclaim or reserves; then the smallest order with the caller's
 * mask as it is.
 */
static bool allocate_slab(struct sim *sim, struct kmem_cache *s,
			  unsigned int gfp)
{
	unsigned int flags = gfp | s->allocflags, alloc_gfp, order = s->order;
	unsigned long pfn;

	alloc_gfp = flags | __GFP_NOWARN | __GFP_NORETRY;
	alloc_gfp &= ~__GFP_NOFAIL;
	if (order > s->min_order && (alloc_gfp & __GFP_DIRECT_RECLAIM)) {
		alloc_gfp |= __GFP_NOMEMALLOC;
		alloc_gfp &= ~__GFP_RECLAIM;
	}
	pfn = __alloc_pages(sim, alloc_gfp, order, numa_node_id(sim));
	if (pfn == NO_PFN) {
		order = s->min_order;
		pfn = __alloc_pages(sim, flags, order, numa_node_id(sim));
		if (pfn == NO_PFN)
			return false;
	}
	/* the allocation may have slept, and others grown the cache meanwhile */
	if (s->nr_slabs == s->slabs_cap) {
		unsigned long cap = s->slabs_cap ? s->slabs_cap * 2 : 64;
		struct kmem_slab *n = realloc(s->slabs, cap * sizeof(*n));

		if (!n) {
			free_pages_block(sim, pfn, order);
			return false;
		}
		s->slabs = n;
		s->slabs_cap = cap;
	}
	account_slab(sim, s, pfn, order, 1);
	s->slabs[s->nr_slabs++] =
		(struct kmem_slab){ (uint32_t)pfn, (uint8_t)order };
	s->total += order == s->order ? s->objects : s->min_objects;
	return true;
}

bool kmem_cache_alloc(struct sim *sim, struct kmem_cache *s, unsigned int gfp)
{
	if (s->inuse >= s->total && !allocate_slab(sim, s, gfp))
		return false;
	s->inuse++;
	return true;
}

void kmem_cache_free(struct sim *sim, struct kmem_cache *s)
{
	if (s->inuse)
		s->inuse--;
	/* discard_slab() for each slab's worth free beyond min_partial */
	while (s->nr_slabs && s->total > s->inuse &&
	       s->total - s->inuse >= s->objects * (s->min_partial + 1UL)) {
		struct kmem_slab slab = s->slabs[--s->nr_slabs];

		account_slab(sim, s, slab.pfn, slab.order, -1);
		free_pages_block(sim, slab.pfn, slab.order);
		s->total -= slab.order == s->order ? s->objects :
						     s->min_objects;
	}
}

/* The machine's caches (sim->slab) */
int slab_init(struct sim *sim)
{
	struct slab_caches *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	/* lib/radix-tree.c: radix_tree_init(), struct xa_node is 576 bytes */
	kmem_cache_setup(sim, &c->radix_tree_node, "radix_tree_node", 576,
			 SLAB_RECLAIM_ACCOUNT | SLAB_CTOR);
	/* fs/buffer.c: buffer_init(), struct buffer_head is 104 bytes */
	kmem_cache_setup(sim, &c->buffer_head, "buffer_head", 104,
			 SLAB_RECLAIM_ACCOUNT);
	sim->slab = c;
	return 0;
}

void slab_exit(struct sim *sim)
{
	if (!sim->slab)
		return;
	kmem_cache_destroy(&sim->slab->radix_tree_node);
	kmem_cache_destroy(&sim->slab->buffer_head);
	free(sim->slab);
	sim->slab = NULL;
}
