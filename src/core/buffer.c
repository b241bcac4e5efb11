// SPDX-License-Identifier: GPL-2.0-only
/*
 * fs/buffer.c: ext4's buffer heads. kswapsim's files are ext4's, with
 * blocks as large as a page, and ext4's buffered write goes through the
 * buffer layer: ext4_da_write_begin() (or ext4_page_mkwrite() for a
 * shared mapping) gives the folio one buffer_head for its block
 * (create_empty_buffers(), folio_alloc_buffers() with GFP_NOFS |
 * __GFP_NOFAIL). A read does not: ext4_mpage_readpages() maps whole
 * pages without them. The head lives as long as the folio is in the
 * page cache: reclaim frees it (filemap_release_folio() ->
 * try_to_free_buffers()) before the folio goes, truncation too.
 *
 * So a writer's page cache costs slab pages beside its own: 104 bytes a
 * page, 39 heads to a slab page, 5500 pages for the 215000 pages dd
 * leaves cached on a 1 GiB machine; the real kernel's nr_slab_reclaimable
 * grows by that much, and reclaim has that much more to find.
 *
 * Differs: buffers_over_limit() (a tenth of low memory in heads) is not
 * modelled; a write never nears it here.
 */
#include "slab.h"

#include <stdlib.h>

#include "bitmap.h"
#include "gfp.h"

static bool has_buffers(const struct region *r, unsigned long idx)
{
	return r->buffers && test_bit(idx, r->buffers);
}

void folio_create_buffers(struct sim *sim, unsigned int id, unsigned long idx)
{
	struct kmem_cache *s = &sim->slab->buffer_head;
	struct region *r = &sim->regions[id];
	bool got;

	if (r->kind != SIM_KIND_FILE || !sim->cfg.slab || has_buffers(r, idx))
		return;
	/*
	 * The slab page may take direct reclaim, and the region move.
	 * allocate_slab() tries first without __GFP_NOFAIL and with
	 * __GFP_NORETRY; its second try's endless retry, which ends in the
	 * reserves for a GFP_NOFS request (__alloc_pages_may_oom()), is
	 * modelled as one more try.
	 */
	got = kmem_cache_alloc(sim, s, GFP_NOFS | __GFP_NORETRY);
	r = &sim->regions[id];
	if (!r->buffers && !r->freed && r->pte)
		r->buffers = bitmap_zalloc(r->nr_pages);
	if (!r->buffers || r->freed || PTE_TAG(r->pte[idx]) != PTE_PRESENT ||
	    has_buffers(r, idx)) {
		/* truncated or reclaimed meanwhile: nothing to attach to */
		if (got)
			kmem_cache_free(sim, s);
		return;
	}
	/*
	 * Where __GFP_NOFAIL would have gone on: the head is the folio's
	 * anyway, and the cache takes a slab for it with its next one.
	 */
	if (!got)
		s->inuse++;
	__set_bit(idx, r->buffers);
}

void folio_free_buffers(struct sim *sim, struct region *r, unsigned long idx)
{
	if (!has_buffers(r, idx))
		return;
	__clear_bit(idx, r->buffers);
	kmem_cache_free(sim, &sim->slab->buffer_head);
}

unsigned long buffers_count(const struct region *r, bool *stray)
{
	unsigned long n = 0;

	*stray = false;
	for (unsigned long i = 0; r->buffers && i < r->nr_pages; i++)
		if (has_buffers(r, i)) {
			n++;
			*stray |= PTE_TAG(r->pte[i]) != PTE_PRESENT;
		}
	return n;
}

/* Truncation: every head of the region goes with its folio */
void buffers_destroy(struct sim *sim, struct region *r)
{
	if (!r->buffers)
		return;
	for (unsigned long w = 0; w < bitmap_words(r->nr_pages); w++)
		for (uint64_t b = r->buffers[w]; b; b &= b - 1)
			kmem_cache_free(sim, &sim->slab->buffer_head);
	free(r->buffers);
	r->buffers = NULL;
}
