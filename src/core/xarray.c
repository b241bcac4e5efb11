// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page cache's xarray, counted by its nodes (lib/xarray.c). A node
 * has 64 slots (XA_CHUNK_SHIFT 6): a leaf's hold pages and shadow entries,
 * a higher node's hold the nodes below. The tree is as tall as its highest
 * index needs (xas_expand() grows it, xas_shrink() takes the top off when
 * only slot 0 is left), and a lone entry at index 0 lives in the head
 * with no node at all. A node is allocated when a store reaches a range
 * with nothing in it (xas_create() -> xas_alloc()) and freed when its
 * last slot empties (xas_delete_node()).
 *
 * Each node is an object of the radix_tree_node cache (576 bytes; slub.c),
 * so a file's cache costs slab pages beside its own: 4472 nodes, 640
 * pages, for a file of 1100 MiB read once, as the real kernel's
 * nr_slab_reclaimable grows by reading it. Eviction leaves a shadow in
 * the slot (workingset.c), so the nodes stay while the pages go.
 *
 * Differs: the shadow shrinker (scan_shadow_nodes()), which frees nodes
 * holding only shadows beyond an eighth of the LRU's pages, is not
 * modelled; nor is the swap cache's xarray.
 */
#include "slab.h"

#include <stdlib.h>

#include "gfp.h"
#include "swap.h"

#define XA_CHUNK_SHIFT 6
/* enough levels for 2^32 indices (64^6 = 2^36) */
#define XA_LEVELS 6

struct xa_counts {
	uint8_t *used[XA_LEVELS]; /* a level's nodes: their slots in use */
	unsigned long live[XA_LEVELS]; /* a level's nodes with a slot used */
	unsigned long nr_entries;
	unsigned long max_index; /* the highest index with an entry */
	unsigned long nodes; /* what the tree holds, from the above */
};

static void xa_counts_free(struct xa_counts *xa)
{
	if (!xa)
		return;
	for (int k = 0; k < XA_LEVELS; k++)
		free(xa->used[k]);
	free(xa);
}

static struct xa_counts *xa_counts_of(struct region *r)
{
	struct xa_counts *xa = r->xa;

	if (xa)
		return xa;
	xa = calloc(1, sizeof(*xa));
	if (!xa)
		return NULL;
	for (int k = 0; k < XA_LEVELS; k++) {
		unsigned long n =
			(r->nr_pages >> (XA_CHUNK_SHIFT * (k + 1))) + 1;

		xa->used[k] = calloc(n, 1);
		if (!xa->used[k]) {
			xa_counts_free(xa);
			return NULL;
		}
	}
	r->xa = xa;
	return xa;
}

/* The nodes a tree whose highest index is max_index holds */
static unsigned long xa_count_nodes(const struct xa_counts *xa)
{
	unsigned long nodes = 0;
	int height = 0;

	/* the head holds index 0 alone; each level adds 6 bits of index */
	if (!xa->nr_entries || !xa->max_index)
		return 0;
	while (height < XA_LEVELS &&
	       (xa->max_index >> (XA_CHUNK_SHIFT * height)) != 0)
		height++;
	for (int k = 0; k < height; k++)
		nodes += xa->live[k];
	return nodes;
}

/* A slot at idx fills (+1) or empties (-1), up the levels it reaches */
static void xa_slot_change(struct xa_counts *xa, unsigned long idx, int sign)
{
	for (int k = 0; k < XA_LEVELS; k++) {
		uint8_t *u = &xa->used[k][idx >> (XA_CHUNK_SHIFT * (k + 1))];

		if (sign > 0) {
			if ((*u)++)
				return;
			xa->live[k]++;
		} else {
			if (--(*u))
				return;
			xa->live[k]--;
		}
	}
}

/* The highest index still holding an entry, at or below from */
static unsigned long xa_find_max(const struct region *r,
				 const struct xa_counts *xa, unsigned long from)
{
	unsigned long leaf = from >> XA_CHUNK_SHIFT;

	for (;;) {
		if (xa->used[0][leaf]) {
			unsigned long i = (leaf << XA_CHUNK_SHIFT) +
					  (1UL << XA_CHUNK_SHIFT) - 1;

			if (i >= r->nr_pages)
				i = r->nr_pages - 1;
			for (;; i--)
				if (r->pte[i] != PTE_NONE || !i)
					return i;
		}
		if (!leaf)
			return 0;
		leaf--;
	}
}

/* The tree's node count moved from before to xa->nodes: the slab follows */
static void xa_account(struct sim *sim, struct xa_counts *xa,
		       unsigned long before)
{
	struct kmem_cache *s = &sim->slab->radix_tree_node;

	/*
	 * xas_alloc() under the xa_lock allocates with GFP_NOWAIT; the
	 * kernel would retry a failure outside the lock with the caller's
	 * mask (xas_nomem()), so the node is the tree's either way.
	 */
	for (unsigned long n = before; n < xa->nodes; n++)
		if (!kmem_cache_alloc(sim, s, GFP_NOWAIT))
			s->inuse++;
	for (unsigned long n = xa->nodes; n < before; n++)
		kmem_cache_free(sim, s);
}

void xa_store(struct sim *sim, struct region *r, unsigned long idx,
	      uint64_t pte)
{
	bool was = r->pte[idx] != PTE_NONE, is = pte != PTE_NONE;
	struct xa_counts *xa;
	unsigned long before;

	workingset_update_node(sim, r, idx, pte);
	r->pte[idx] = pte;
	if (was == is || r->kind != SIM_KIND_FILE || !sim->cfg.slab)
		return;
	xa = xa_counts_of(r);
	if (!xa)
		return;
	before = xa->nodes;
	xa_slot_change(xa, idx, is ? 1 : -1);
	if (is) {
		if (!xa->nr_entries++ || idx > xa->max_index)
			xa->max_index = idx;
	} else if (--xa->nr_entries && idx == xa->max_index) {
		xa->max_index = xa_find_max(r, xa, idx);
	}
	xa->nodes = xa_count_nodes(xa);
	xa_account(sim, xa, before);
}

void xa_free(struct region *r)
{
	xa_counts_free(r->xa);
	r->xa = NULL;
}

void xa_destroy(struct sim *sim, struct region *r)
{
	struct xa_counts *xa = r->xa;

	if (!xa)
		return;
	for (unsigned long n = 0; n < xa->nodes; n++)
		kmem_cache_free(sim, &sim->slab->radix_tree_node);
	xa_counts_free(xa);
	r->xa = NULL;
}

unsigned long xa_nr_nodes(const struct region *r)
{
	return r->xa ? r->xa->nodes : 0;
}

unsigned long xa_recount_nodes(const struct region *r)
{
	unsigned long nodes = 0, max_index = 0, nr = 0;
	int height = 0;

	for (unsigned long i = 0; i < r->nr_pages; i++)
		if (r->pte[i] != PTE_NONE) {
			max_index = i;
			nr++;
		}
	if (!nr || !max_index)
		return 0;
	while (height < XA_LEVELS && (max_index >> (XA_CHUNK_SHIFT * height)))
		height++;
	/* a level's nodes: the ranges of 64^(k+1) indices with an entry */
	for (int k = 0; k < height; k++) {
		unsigned int shift = XA_CHUNK_SHIFT * (k + 1);
		unsigned long last = ~0UL;

		for (unsigned long i = 0; i <= max_index; i++)
			if (r->pte[i] != PTE_NONE && i >> shift != last) {
				last = i >> shift;
				nodes++;
			}
	}
	return nodes;
}
