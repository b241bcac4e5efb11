// SPDX-License-Identifier: GPL-2.0-only
/*
 * slub.c, xarray.c, buffer.c: the slab the page cache grows. The sizes
 * are mm/slub.c: calculate_order() and set_min_partial() worked by hand;
 * the node counts lib/xarray.c's tree for a file's indices; the buffer
 * heads fs/buffer.c's one a block for what ext4 writes.
 */
#include "internal.h"
#include "machine.h"
#include "mm_inline.h"
#include "slab.h"
#include "swap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim *boot_slab(int nr_cpus)
{
	struct sim_config cfg;

	dma32_config(&cfg, 65536, 0);
	cfg.nr_cpus = nr_cpus;
	cfg.slab = true;
	return boot_or_exit(&cfg);
}

/*
 * calculate_order(): a slab should hold 4 * (fls(CPUs) + 1) objects.
 *   radix_tree_node, 576 bytes and a constructor: the free pointer goes
 *   after the object, 584. One CPU: 8 objects, 4672 bytes, order 1;
 *   8192 % 584 = 16 <= 8192 / 16: order 1, 14 objects. Four CPUs: 16
 *   objects, 9344 bytes, order 2: 28. Its one-object slab is order 0, 7.
 *   buffer_head, 104 bytes: 8 objects fit order 0; 4096 % 104 = 40: 39.
 * set_min_partial(): ilog2(584) / 2 = 4 and ilog2(104) / 2 = 3, both
 * raised to MIN_PARTIAL, 5.
 */
static void test_slab_sizes(void)
{
	struct sim *sim = boot_slab(1);
	struct kmem_cache four;

	CHECK_EQ(sim->slab->radix_tree_node.size, 584);
	CHECK_EQ(sim->slab->radix_tree_node.order, 1);
	CHECK_EQ(sim->slab->radix_tree_node.objects, 14);
	CHECK_EQ(sim->slab->radix_tree_node.min_order, 0);
	CHECK_EQ(sim->slab->radix_tree_node.min_objects, 7);
	CHECK_EQ(sim->slab->radix_tree_node.min_partial, 5);
	CHECK_EQ(sim->slab->buffer_head.order, 0);
	CHECK_EQ(sim->slab->buffer_head.objects, 39);
	CHECK_EQ(sim->slab->buffer_head.min_partial, 5);
	sim_destroy(sim);

	sim = boot_slab(4);
	CHECK_EQ(sim->slab->radix_tree_node.order, 2);
	CHECK_EQ(sim->slab->radix_tree_node.objects, 28);
	kmem_cache_setup(sim, &four, "bio", 256, 0);
	CHECK_EQ(four.order, 0); /* 16 objects fit a page */
	CHECK_EQ(four.objects, 16);
	kmem_cache_destroy(&four);
	sim_destroy(sim);
}

/* Take a page off the LRU and out of the page cache, with a shadow or not */
static void evict(struct sim *sim, unsigned long pfn, bool shadow)
{
	uint64_t s = 0;

	lruvec_del_folio(sim, pfn);
	sim->pages.state[pfn] = PS_ISOLATED;
	if (shadow)
		s = workingset_eviction(sim, pfn);
	__filemap_remove_folio(sim, pfn, s);
	free_pages_block(sim, pfn, 0);
}

/*
 * A file's xarray: a lone page at index 0 lives in the head (no node);
 * indices 0..63 fill one leaf; 0..64 need two leaves under a root. 5000
 * pages: 79 leaves, indices up to 4999 need three levels (4999 >> 12 is
 * 1), so two nodes above the leaves and a root: 82, in 6 slabs of 14,
 * 12 pages of nr_slab_reclaimable.
 */
static void test_xarray_nodes(void)
{
	struct sim *sim = boot_slab(1);
	long slab0 = node_stat(sim, NR_SLAB_RECLAIMABLE_B);
	unsigned int one = alloc_region(sim, SIM_KIND_FILE, 1);
	unsigned int leaf = alloc_region(sim, SIM_KIND_FILE, 64);
	unsigned int two = alloc_region(sim, SIM_KIND_FILE, 65);
	unsigned int big, r;

	CHECK_EQ(xa_nr_nodes(&sim->regions[one]), 0);
	CHECK_EQ(xa_nr_nodes(&sim->regions[leaf]), 1);
	CHECK_EQ(xa_nr_nodes(&sim->regions[two]), 3);
	CHECK_EQ(sim->slab->radix_tree_node.inuse, 4);
	CHECK_EQ(node_stat(sim, NR_SLAB_RECLAIMABLE_B) - slab0, 2);
	/* index 64 leaves without a shadow: the tree is one leaf again */
	evict(sim, page_of(sim, two, 64), false);
	CHECK_EQ(xa_nr_nodes(&sim->regions[two]), 1);
	CHECK_EQ(sim->slab->radix_tree_node.inuse, 2);
	check_invariants(sim, "a node freed");
	sim_free(sim, one);
	sim_free(sim, leaf);
	sim_free(sim, two);
	sim_destroy(sim);

	sim = boot_slab(1);
	slab0 = node_stat(sim, NR_SLAB_RECLAIMABLE_B);
	big = alloc_region(sim, SIM_KIND_FILE, 5000);
	CHECK_EQ(xa_nr_nodes(&sim->regions[big]), 82);
	CHECK_EQ(sim->slab->radix_tree_node.total, 84);
	CHECK_EQ(node_stat(sim, NR_SLAB_RECLAIMABLE_B) - slab0, 12);
	check_invariants(sim, "5000 pages of cache");
	/* eviction leaves shadows: the nodes stay */
	for (unsigned long i = 4992; i < 5000; i++)
		evict(sim, page_of(sim, big, i), true);
	CHECK_EQ(xa_nr_nodes(&sim->regions[big]), 82);
	/* without shadows, emptied leaves go, and the root above them */
	r = alloc_region(sim, SIM_KIND_FILE, 130);
	for (unsigned long i = 64; i < 130; i++)
		evict(sim, page_of(sim, r, i), false);
	/* 130 pages: leaves 0, 1, 2 and a root; then leaf 0 alone */
	CHECK_EQ(xa_nr_nodes(&sim->regions[r]), 1);
	check_invariants(sim, "evictions");
	/*
	 * The second file's 4 nodes took a seventh slab: 98 objects. Its
	 * truncation and the first's free all 83 left; discard_slab() gives
	 * back each slab's worth free beyond min_partial's five: two go,
	 * five stay, 10 pages.
	 */
	CHECK_EQ(sim->slab->radix_tree_node.total, 98);
	sim_free(sim, r);
	sim_free(sim, big);
	CHECK_EQ(sim->slab->radix_tree_node.inuse, 0);
	CHECK_EQ(sim->slab->radix_tree_node.total, 70);
	CHECK_EQ(node_stat(sim, NR_SLAB_RECLAIMABLE_B) - slab0, 10);
	check_invariants(sim, "truncation");
	sim_destroy(sim);
}

/*
 * ext4's buffered write gives each folio one buffer head; a read none.
 * 100 pages written: 100 heads, 3 slab pages of 39; their xarray is two
 * leaves and a root, one slab of two pages: 5 pages in all. A page that
 * leaves the cache takes its head along; truncation the rest, and the
 * three empty slabs stay (min_partial 5).
 */
static void test_buffer_heads(void)
{
	struct sim *sim = boot_slab(1);
	long slab0 = node_stat(sim, NR_SLAB_RECLAIMABLE_B);
	unsigned int w = alloc_region(sim, SIM_KIND_FILE, 100);
	unsigned int rd = alloc_region(sim, SIM_KIND_FILE, 64);

	CHECK_EQ(sim_dirty(sim, w), 0);
	CHECK_EQ(sim_touch(sim, rd), 0);
	CHECK_EQ(sim->slab->buffer_head.inuse, 100);
	CHECK_EQ(sim->slab->buffer_head.nr_slabs, 3);
	/* w's three nodes and rd's one share a slab of 14 */
	CHECK_EQ(node_stat(sim, NR_SLAB_RECLAIMABLE_B) - slab0, 3 + 2);
	check_invariants(sim, "a write");
	/* a second write to the same folios: they have their heads */
	CHECK_EQ(sim_dirty(sim, w), 0);
	CHECK_EQ(sim->slab->buffer_head.inuse, 100);
	evict(sim, page_of(sim, w, 7), true);
	CHECK_EQ(sim->slab->buffer_head.inuse, 99);
	check_invariants(sim, "an eviction");
	sim_free(sim, w);
	CHECK_EQ(sim->slab->buffer_head.inuse, 0);
	CHECK_EQ(sim->slab->buffer_head.nr_slabs, 3);
	check_invariants(sim, "truncation");
	sim_destroy(sim);
}

/* slab = false: the cache costs its own pages only */
static void test_slab_off(void)
{
	struct sim *sim = boot_dma32(0);
	long slab0 = node_stat(sim, NR_SLAB_RECLAIMABLE_B);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 5000);

	CHECK_EQ(sim_dirty(sim, r), 0);
	CHECK_EQ(xa_nr_nodes(&sim->regions[r]), 0);
	CHECK_EQ(sim->slab->buffer_head.inuse, 0);
	CHECK_EQ(node_stat(sim, NR_SLAB_RECLAIMABLE_B), slab0);
	check_invariants(sim, "slab off");
	sim_destroy(sim);
}

int main(void)
{
	test_slab_sizes();
	test_xarray_nodes();
	test_buffer_heads();
	test_slab_off();
	return check_done();
}
