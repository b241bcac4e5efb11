// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bios of a swap write, and the memory they need: fs_bio_set's slab
 * with its mempool (block/bio.c: bio_alloc_bioset(), mm/mempool.c:
 * mempool_alloc(), mempool_free()).
 *
 * swap_writepage_bdev_async() allocates one bio per folio, with GFP_NOIO,
 * and the bio lives until its request ends. While the slab has a free
 * object, that costs no page. When it has none, SLUB asks the buddy
 * allocator for a page, and mempool_alloc()'s first try forbids direct
 * reclaim and the reserves (__GFP_NOMEMALLOC): below every zone's min
 * watermark it fails, even for kswapd. Then the pool's two preallocated
 * bios (BIO_POOL_SIZE) go out. Its second try may reclaim, but a swap
 * writer is a reclaimer already (PF_MEMALLOC: no reclaim within reclaim),
 * so it fails the same way, and the writer sleeps
 * (TASK_UNINTERRUPTIBLE, its plug sent to the disk) until a bio ends and
 * mempool_free() hands it back to the pool.
 *
 * This is how a reclaimer under pressure comes to sleep in the middle of
 * shrink_folio_list(), its batch isolated: the requests its sleep sent
 * may end before it puts the batch back, and folio_end_writeback() then
 * cannot rotate those folios to the inactive tail.
 *
 * A bio of fs_bio_set (with its inline bio_vecs) takes 256 bytes once
 * aligned to the cache line: 16 to an order-0 slab on a few CPUs, and
 * SLUB keeps min_partial (5) empty slabs (slub.c).
 */
#include "writeback.h"

#include "gfp.h"
#include "sched.h"
#include "slab.h"

#define BIO_POOL_SIZE 2

void bio_set_init(const struct sim *sim, struct bio_set *bs)
{
	*bs = (struct bio_set){ 0 };
	kmem_cache_setup(sim, &bs->slab, "bio-256", 256, 0);
	/* the pool's two were allocated at boot, with the kernel's pages */
	bs->pool = BIO_POOL_SIZE;
	init_waitqueue_head(&bs->wait);
}

void bio_alloc(struct sim *sim, struct bio_set *bs)
{
	/* mempool_alloc()'s first try: no direct reclaim, no reserves */
	const unsigned int gfp = __GFP_KSWAPD_RECLAIM | __GFP_NOMEMALLOC |
				 __GFP_NORETRY | __GFP_NOWARN;

	for (;;) {
		if (kmem_cache_alloc(sim, &bs->slab, gfp))
			return;
		if (bs->pool) {
			bs->pool--;
			return;
		}
		/* a task that cannot sleep takes it as if one were free */
		if (!current_may_sleep(sim)) {
			bs->slab.inuse++;
			return;
		}
		bs->waits++;
		prepare_to_wait(sim, &bs->wait, TASK_UNINTERRUPTIBLE);
		schedule_timeout(sim, 5 * HZ);
		finish_wait(sim, &bs->wait);
	}
}

void bio_put(struct sim *sim, struct bio_set *bs)
{
	if (bs->pool < BIO_POOL_SIZE) {
		bs->pool++;
		wake_up(sim, &bs->wait);
		return;
	}
	kmem_cache_free(sim, &bs->slab);
}

void bio_set_state(const struct bio_set *bs, struct sim_disk_state *st)
{
	st->bios = bs->slab.inuse + BIO_POOL_SIZE - bs->pool;
	st->bio_slabs = bs->slab.nr_slabs;
	st->bio_pool = bs->pool;
	st->bio_pool_size = BIO_POOL_SIZE;
	st->bio_waiting = (unsigned int)bs->wait.nr_waiters;
}

void bio_set_free(struct bio_set *bs)
{
	kmem_cache_destroy(&bs->slab);
}
