// SPDX-License-Identifier: GPL-2.0-only
/*
 * swap.c, swapfile.c, page-writeback.c, blk.c, memory.c: the LRU helpers
 * of mm/swap.c, swap slot accounting with no, some and full swap, the
 * swap cache, folio_end_writeback()'s rotation of PG_reclaim folios, the
 * block device's timing, the swap writes' bios, and faults that bring
 * pages back from swap.
 */
#include "internal.h"
#include "machine.h"
#include "mm_inline.h"
#include "sched.h"
#include "swap.h"
#include "vmscan.h"
#include "writeback.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* mm/swap.c: folio_mark_accessed() needs two accesses to activate */
static void test_mark_accessed(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 8);
	unsigned long pfn = page_of(sim, r, 0);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;
	unsigned long age = lruvec->nonresident_age;
	unsigned long act = sim->vm_events[PGACTIVATE];

	CHECK(!PageFlag(&sim->pages, pfn, PG_referenced));
	folio_mark_accessed(sim, pfn);
	CHECK(PageFlag(&sim->pages, pfn, PG_referenced));
	CHECK(!PageFlag(&sim->pages, pfn, PG_active));
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 0);
	folio_mark_accessed(sim, pfn);
	/* lru_activate(): active list, pgactivate, referenced cleared */
	CHECK(PageFlag(&sim->pages, pfn, PG_active));
	CHECK(!PageFlag(&sim->pages, pfn, PG_referenced));
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 1);
	CHECK_EQ(node_stat(sim, NR_INACTIVE_FILE), 7);
	CHECK_EQ(sim->vm_events[PGACTIVATE], act + 1);
	/* workingset_activation() ages the non-resident clock by 1 */
	CHECK_EQ(lruvec->nonresident_age, age + 1);

	/* lru_deactivate(): back to the inactive head, pgdeactivate */
	folio_deactivate(sim, pfn);
	CHECK(!PageFlag(&sim->pages, pfn, PG_active));
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 0);
	CHECK_EQ(sim->vm_events[PGDEACTIVATE], 1);
	CHECK_EQ(lruvec->lists[LRU_INACTIVE_FILE].head, pfn);
	check_invariants(sim, "mark_accessed");
	sim_destroy(sim);
}

/*
 * mm/swap.c: lru_note_cost(): cost = nr_io * SWAP_CLUSTER_MAX + rotated;
 * 1000 LRU pages: both halve once their sum exceeds 1000 / 4 = 250.
 */
static void test_lru_note_cost(void)
{
	struct sim *sim = boot_dma32(0);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;

	alloc_region(sim, SIM_KIND_FILE, 1000);
	lruvec->anon_cost = lruvec->file_cost = 0;
	lru_note_cost(lruvec, true, 2, 5); /* 2 * 32 + 5 = 69 */
	CHECK_EQ(lruvec->file_cost, 69);
	CHECK_EQ(lruvec->anon_cost, 0);
	lru_note_cost(lruvec, false, 6, 0); /* 192: 69 + 192 = 261 > 250 */
	CHECK_EQ(lruvec->file_cost, 34);
	CHECK_EQ(lruvec->anon_cost, 96);
	sim_destroy(sim);
}

/*
 * mm/filemap.c: folio_end_writeback(): a PG_reclaim folio rotates to the
 * inactive tail (pgrotated), even from the active list; a redirtied one
 * stays put. nr_writeback and nr_zone_write_pending go back down.
 */
static void test_end_writeback_rotation(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 4);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;
	struct zone *zone = &sim->node_data[0].node_zones[ZONE_DMA32];
	unsigned long p3 = page_of(sim, r, 3), p2 = page_of(sim, r, 2);
	unsigned long p1 = page_of(sim, r, 1);

	/* added at the head in order: page 0 is the tail */
	CHECK_EQ(lruvec->lists[LRU_INACTIVE_FILE].tail, page_of(sim, r, 0));
	CHECK_EQ(lruvec->lists[LRU_INACTIVE_FILE].head, p3);

	folio_mark_dirty(sim, p3);
	CHECK_EQ(node_stat(sim, NR_FILE_DIRTY), 1);
	CHECK_EQ(node_stat(sim, NR_DIRTIED), 1);
	CHECK_EQ(zone->vm_stat[NR_ZONE_WRITE_PENDING], 1);
	CHECK(folio_clear_dirty_for_io(sim, p3));
	folio_start_writeback(sim, p3);
	CHECK_EQ(node_stat(sim, NR_FILE_DIRTY), 0);
	CHECK_EQ(node_stat(sim, NR_WRITEBACK), 1);
	CHECK_EQ(zone->vm_stat[NR_ZONE_WRITE_PENDING], 1);
	SetPageFlag(&sim->pages, p3, PG_reclaim);
	folio_end_writeback(sim, p3);
	CHECK_EQ(lruvec->lists[LRU_INACTIVE_FILE].tail, p3);
	CHECK(!PageFlag(&sim->pages, p3, PG_reclaim));
	CHECK(!PageFlag(&sim->pages, p3, PG_writeback));
	CHECK_EQ(sim->vm_events[PGROTATED], 1);
	CHECK_EQ(node_stat(sim, NR_WRITEBACK), 0);
	CHECK_EQ(node_stat(sim, NR_WRITTEN), 1);
	CHECK_EQ(zone->vm_stat[NR_ZONE_WRITE_PENDING], 0);

	/* from the active list: lru_move_tail() clears PG_active */
	folio_activate(sim, p2);
	CHECK(PageFlag(&sim->pages, p2, PG_active));
	folio_start_writeback(sim, p2);
	SetPageFlag(&sim->pages, p2, PG_reclaim);
	folio_end_writeback(sim, p2);
	CHECK(!PageFlag(&sim->pages, p2, PG_active));
	CHECK_EQ(lruvec->lists[LRU_INACTIVE_FILE].tail, p2);
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 0);
	CHECK_EQ(sim->vm_events[PGROTATED], 2);

	/* dirtied again meanwhile: folio_rotate_reclaimable() leaves it */
	folio_start_writeback(sim, p1);
	SetPageFlag(&sim->pages, p1, PG_reclaim);
	folio_mark_dirty(sim, p1);
	folio_end_writeback(sim, p1);
	CHECK(lruvec->lists[LRU_INACTIVE_FILE].tail != p1);
	CHECK_EQ(sim->vm_events[PGROTATED], 2);
	check_invariants(sim, "end_writeback");
	sim_destroy(sim);
}

/*
 * blk.c: 512 pages of one file written at t = 0 under a plug
 * (blk_start_plug()) on a 256-pages-a-tick device with 100 us latency.
 * They are contiguous, so they merge into requests of the device's 254
 * segments: 254, 254 and 4 pages. Opening the second and the third
 * sends the plug on, as its first request has reached 128 KiB
 * (blk_add_rq_to_plug()), so only the last 4 wait for the finish. A
 * request ends 100 us after the device has moved its last page, 15625
 * ns a page: at 254 * 15625 + 100000 = 4068750 ns, 508 * 15625 + 100000
 * = 8037500 and 512 * 15625 + 100000 = 8100000. By 8 ms the first has
 * ended (254 pages), 258 remain; all have by the end of the third tick.
 */
static void test_blk_timing(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 512);

	blk_start_plug(sim);
	for (unsigned long i = 0; i < 512; i++) {
		unsigned long pfn = page_of(sim, r, i);

		folio_start_writeback(sim, pfn);
		blk_submit_write(sim, pfn);
	}
	CHECK_EQ(blk_inflight(sim), 508);
	blk_finish_plug(sim);
	CHECK_EQ(blk_inflight(sim), 512);
	CHECK_EQ(blk_next_event(sim), 4068750);
	sim_run(sim, 2);
	CHECK_EQ(sim_now_ns(sim), 8000000);
	CHECK_EQ(blk_inflight(sim), 258);
	CHECK_EQ(node_stat(sim, NR_WRITEBACK), 258);
	sim_run(sim, 1);
	CHECK_EQ(blk_inflight(sim), 0);
	CHECK_EQ(node_stat(sim, NR_WRITEBACK), 0);
	CHECK_EQ(node_stat(sim, NR_WRITTEN), 512);
	CHECK_EQ(sim_disk_set(sim, &(struct sim_disk){ .bandwidth = 0 }),
		 -EINVAL);
	check_invariants(sim, "blk");
	sim_destroy(sim);
}

/*
 * block/blk-wbt.c: unplugged, each page is a request of its own, and wbt
 * lets a writer have wb_normal = (RWB_DEF_DEPTH + 1) / 2 = 8 of them
 * under way (calc_wb_limits() at scale step 0). On a disk of one page a
 * tick, page k ends at (k + 1) * 4 ms + 100 us. The ninth waits, and
 * since the disk has a write cache (wbt_rqw_done()) it is woken only when
 * all eight have ended, at 32.1 ms, not when two have (the rule without a
 * write cache). The test is no task with a stack of its own: it sleeps
 * by running the machine a tick at a time, so it goes on at 36 ms, and
 * the ninth ends at 36 + 4 + 0.1 = 40.1 ms. With wbt_lat_usec 0 nobody
 * waits: all nine queue at once, the first ending at 4.1 ms.
 */
static void test_blk_wbt(void)
{
	for (int on = 1; on >= 0; on--) {
		struct sim *sim = boot_dma32(0);
		unsigned int r = alloc_region(sim, SIM_KIND_FILE, 9);
		struct sim_disk d = { .bandwidth = 1,
				      .latency_us = 100,
				      .wbt_lat_usec = on ? 75000 : 0 };

		CHECK_EQ(sim_disk_set(sim, &d), 0);
		for (unsigned long i = 0; i < 9; i++) {
			unsigned long pfn = page_of(sim, r, i);

			folio_start_writeback(sim, pfn);
			blk_submit_write(sim, pfn);
		}
		if (on) {
			CHECK_EQ(sim_now_ns(sim), 36000000);
			CHECK_EQ(node_stat(sim, NR_WRITTEN), 8);
			CHECK_EQ(blk_inflight(sim), 1);
			CHECK_EQ(blk_next_event(sim), 40100000);
		} else {
			CHECK_EQ(sim_now_ns(sim), 0);
			CHECK_EQ(blk_inflight(sim), 9);
			CHECK_EQ(blk_next_event(sim), 4100000);
		}
		check_invariants(sim, "wbt");
		sim_destroy(sim);
	}
}

static struct bio_set g_bs;

static int bio_writer(void *data)
{
	for (int i = 0; i < 3; i++)
		bio_alloc(data, &g_bs);
	return 0;
}

/*
 * bio.c: a swap write's bio (block/bio.c: bio_alloc_bioset(), mm/mempool.c:
 * mempool_alloc(), mempool_free()). Above the min watermark the slab grows
 * a page for each 16 bios (nr_slab_unreclaimable) and keeps 5 empty slabs
 * (min_partial) once they end. Below min, with no free object, the pool's
 * two bios go out and the third writer sleeps, uninterruptible, until a
 * bio ends and mempool_free() refills the pool.
 */
static void test_bio_mempool(void)
{
	struct sim *sim = boot_dma32(0);
	struct zone *zone = &sim->node_data[0].node_zones[ZONE_DMA32];
	int id;

	bio_set_init(sim, &g_bs);
	for (int i = 0; i < 100; i++)
		bio_alloc(sim, &g_bs);
	CHECK_EQ(g_bs.slab.nr_slabs, 7);
	CHECK_EQ(node_stat(sim, NR_SLAB_UNRECLAIMABLE_B), 7);
	CHECK_EQ(g_bs.pool, 2);
	for (int i = 0; i < 100; i++)
		bio_put(sim, &g_bs);
	CHECK_EQ(g_bs.slab.nr_slabs, 5);
	CHECK_EQ(node_stat(sim, NR_SLAB_UNRECLAIMABLE_B), 5);
	check_invariants(sim, "bio slab");
	bio_set_free(&g_bs);
	sim_destroy(sim);

	sim = boot_dma32(0);
	zone = &sim->node_data[0].node_zones[ZONE_DMA32];
	for (int w = WMARK_MIN; w <= WMARK_HIGH; w++)
		zone->_watermark[w] = dma32_free(sim) + 1;
	bio_set_init(sim, &g_bs);
	id = kthread_run(sim, bio_writer, sim, 0, "writer");
	sim_run(sim, 1);
	CHECK_EQ(g_bs.slab.nr_slabs, 0);
	CHECK_EQ(g_bs.pool, 0);
	CHECK_EQ(g_bs.waits, 1);
	CHECK_EQ(task_of(sim, id)->state, TASK_UNINTERRUPTIBLE);
	bio_put(sim, &g_bs);
	CHECK_EQ(g_bs.pool, 1);
	CHECK_EQ(task_of(sim, id)->state, TASK_RUNNING);
	sim_run(sim, 1);
	CHECK_EQ(g_bs.pool, 0);
	CHECK_EQ(g_bs.waits, 1);
	bio_set_free(&g_bs);
	sim_destroy(sim);
}

static struct sim *g_sim;
static long g_left;

static int throttled(void *data)
{
	struct pglist_data *pgdat = data;

	prepare_to_wait(g_sim, &pgdat->reclaim_wait[0], TASK_UNINTERRUPTIBLE);
	g_left = schedule_timeout(g_sim, HZ / 10);
	finish_wait(g_sim, &pgdat->reclaim_wait[0]);
	return 0;
}

/*
 * mm/vmscan.c: __acct_reclaim_writeback(): with one writeback-throttled
 * reclaimer, the waiters are woken once more than SWAP_CLUSTER_MAX * 1
 * pages have been written since it started waiting: the 33rd, not the
 * 32nd; NR_THROTTLED_WRITTEN counts only while someone is throttled.
 */
static void test_throttle_wakeup(void)
{
	struct sim *sim = boot_dma32(0);
	struct pglist_data *pgdat = &sim->node_data[0];
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 40);
	int id;

	g_sim = sim;
	g_left = -1;
	folio_start_writeback(sim, page_of(sim, r, 39));
	folio_end_writeback(sim, page_of(sim, r, 39));
	CHECK_EQ(node_stat(sim, NR_THROTTLED_WRITTEN), 0);
	id = kthread_run(sim, throttled, pgdat, 0, "reclaimer");
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, id)->state, TASK_UNINTERRUPTIBLE);
	pgdat->nr_writeback_throttled = 1;
	pgdat->nr_reclaim_start = 0;
	for (unsigned long i = 0; i < 32; i++) {
		folio_start_writeback(sim, page_of(sim, r, i));
		folio_end_writeback(sim, page_of(sim, r, i));
	}
	CHECK_EQ(node_stat(sim, NR_THROTTLED_WRITTEN), 32);
	CHECK_EQ(task_of(sim, id)->state, TASK_UNINTERRUPTIBLE);
	folio_start_writeback(sim, page_of(sim, r, 32));
	folio_end_writeback(sim, page_of(sim, r, 32));
	CHECK_EQ(task_of(sim, id)->state, TASK_RUNNING);
	sim_run(sim, 1);
	/* slept at ~0 ms for 25 jiffies, woken at 4 ms: 24 jiffies left */
	CHECK_EQ(g_left, 24);
	sim_destroy(sim);
}

/* No swap device: no slot, so add_to_swap() fails as the kernel's does. */
static void test_no_swap(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 4);
	unsigned long pfn = page_of(sim, r, 0);

	CHECK_EQ(get_nr_swap_pages(sim), 0);
	CHECK_EQ(total_swap_pages(sim), 0);
	CHECK(!can_reclaim_anon_pages(sim));
	CHECK_EQ(folio_alloc_swap(sim, pfn).val, 0);
	CHECK(!add_to_swap(sim, pfn));
	CHECK(!PageFlag(&sim->pages, pfn, PG_swapcache));
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);
	sim_destroy(sim);
}

/*
 * mm/swapfile.c, mm/swap_state.c: a 1025-page device has 1024 slots (the
 * header is slot 0). add_to_swap() takes slot 1 and puts the folio in
 * the swap cache, dirty; the PTE's reference keeps the slot after the
 * swap cache lets go, and the slot keeps the shadow until swap_free().
 */
static void test_swap_slots(void)
{
	struct sim *sim = boot_dma32(1025);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 4);
	unsigned long pfn = page_of(sim, r, 0);
	long file_pages = node_stat(sim, NR_FILE_PAGES);
	swp_entry_t entry;

	CHECK_EQ(total_swap_pages(sim), 1024);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK(add_to_swap(sim, pfn));
	entry = folio_swap_entry(sim, pfn);
	CHECK_EQ(entry.val, 1);
	CHECK_EQ(get_nr_swap_pages(sim), 1023);
	CHECK(PageFlag(&sim->pages, pfn, PG_swapcache));
	CHECK(PageFlag(&sim->pages, pfn, PG_dirty));
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 1);
	CHECK_EQ(node_stat(sim, NR_FILE_PAGES), file_pages + 1);
	CHECK_EQ(swap_cache_folio(sim, entry), pfn);
	/* an anon folio is not page cache: its dirtying is not accounted */
	CHECK_EQ(node_stat(sim, NR_FILE_DIRTY), 0);

	/* mapped only by the swap cache: folio_free_swap() gives it up */
	CHECK(folio_free_swap(sim, pfn));
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);

	/* again, with a PTE holding the entry (try_to_unmap()) */
	CHECK(add_to_swap(sim, pfn));
	entry = folio_swap_entry(sim, pfn);
	CHECK_EQ(entry.val, 2); /* the cursor moved on */
	swap_duplicate(sim, entry);
	CHECK(!folio_free_swap(sim, pfn));
	__delete_from_swap_cache(sim, pfn, entry, 0x1234);
	put_swap_folio(sim, pfn, entry);
	CHECK_EQ(get_nr_swap_pages(sim), 1023);
	CHECK_EQ(swap_cache_folio(sim, entry), NIL_PFN);
	CHECK_EQ(swap_cache_shadow(sim, entry), 0x1234);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);
	CHECK_EQ(node_stat(sim, NR_FILE_PAGES), file_pages);
	swap_free(sim, entry);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK_EQ(swap_cache_shadow(sim, entry), 0);
	sim_destroy(sim);
}

/*
 * Full swap: 3 pages = 2 slots. The third add_to_swap() fails;
 * vm_swap_full() is nr_swap_pages * 2 < total_swap_pages.
 */
static void test_swap_full(void)
{
	struct sim *sim = boot_dma32(3);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 4);

	CHECK_EQ(total_swap_pages(sim), 2);
	CHECK(!vm_swap_full(sim));
	CHECK(add_to_swap(sim, page_of(sim, r, 0)));
	CHECK(!vm_swap_full(sim)); /* 1 * 2 < 2 is false */
	CHECK(add_to_swap(sim, page_of(sim, r, 1)));
	CHECK(vm_swap_full(sim));
	CHECK(!can_reclaim_anon_pages(sim));
	CHECK(!add_to_swap(sim, page_of(sim, r, 2)));
	CHECK(!PageFlag(&sim->pages, page_of(sim, r, 2), PG_swapcache));
	CHECK_EQ(get_nr_swap_pages(sim), 0);
	sim_destroy(sim);
}

/*
 * The swap-out path by hand (what shrink_folio_list() does), then
 * touch(): mm/memory.c: do_swap_page() reads the page back (pgmajfault,
 * pswpin), and freeing the region gives every slot back.
 */
static void test_swap_out_and_in(void)
{
	struct sim *sim = boot_dma32(1025);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 4);
	unsigned long pfn = page_of(sim, r, 1);
	uint64_t *pte = &sim->regions[r].pte[1];
	swp_entry_t entry;
	uint64_t shadow;

	lruvec_del_folio(sim, pfn); /* isolate_lru_folios() */
	sim->pages.state[pfn] = PS_ISOLATED;
	CHECK(add_to_swap(sim, pfn));
	entry = folio_swap_entry(sim, pfn);
	/* try_to_unmap() */
	*pte = PTE_MK(PTE_SWAP, entry.val);
	swap_duplicate(sim, entry);
	ClearPageFlag(&sim->pages, pfn, PG_mapped);
	sim->node_data[0].vm_stat[NR_ANON_MAPPED]--;
	/* pageout(): the write completes a tick later */
	CHECK_EQ(swap_writepage(sim, pfn), 0);
	CHECK_EQ(sim->vm_events[PSWPOUT], 1);
	CHECK(!PageFlag(&sim->pages, pfn, PG_dirty));
	CHECK(PageFlag(&sim->pages, pfn, PG_writeback));
	sim_run(sim, 1);
	CHECK(!PageFlag(&sim->pages, pfn, PG_writeback));
	/* __remove_mapping(): shadow into the slot, the page is freed */
	shadow = workingset_eviction(sim, pfn);
	__delete_from_swap_cache(sim, pfn, entry, shadow);
	put_swap_folio(sim, pfn, entry);
	sim->pages.owner[pfn] = 0;
	free_pages_block(sim, pfn, 0);
	CHECK_EQ(get_nr_swap_pages(sim), 1023);
	check_invariants(sim, "swap-out");

	/* a touch faults it back in from swap */
	CHECK_EQ(sim_touch(sim, r), 0);
	CHECK_EQ(PTE_TAG(*pte), PTE_PRESENT);
	CHECK_EQ(sim->vm_events[PSWPIN], 1);
	CHECK_EQ(sim->vm_events[PGMAJFAULT], 1);
	CHECK_EQ(sim->vm_events[PGFAULT], 1);
	CHECK_EQ(node_stat(sim, WORKINGSET_REFAULT_ANON), 1);
	pfn = (unsigned long)PTE_VAL(*pte);
	/* clean, in the swap cache, its slot kept: swap has room */
	CHECK(PageFlag(&sim->pages, pfn, PG_swapcache));
	CHECK(PageFlag(&sim->pages, pfn, PG_mapped));
	CHECK_EQ(get_nr_swap_pages(sim), 1023);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 1);
	check_invariants(sim, "swap-in");
	/* dirty(): the swap copy is stale now, the data lives in memory */
	CHECK_EQ(sim_dirty(sim, r), 0);
	CHECK(PageFlag(&sim->pages, pfn, PG_dirty));
	CHECK_EQ(sim_free(sim, r), 0);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);
	check_invariants(sim, "free");
	sim_destroy(sim);
}

/*
 * A large anon folio swapped out whole (add_to_swap() takes 16
 * contiguous slots, try_to_unmap() puts entry + i in PTE i) and still in
 * the swap cache when the task touches page 5: mm/memory.c:
 * do_swap_page() finds the folio (a minor fault) and, every PTE of its
 * range holding its entry (swap_pte_batch() == nr), maps all 16 pages,
 * PTE i to page i: one pgfault, no pgmajfault, no pswpin.
 */
static void test_large_folio_swap_in(void)
{
	struct sim *sim = boot_dma32(1025);
	unsigned int r = alloc_region_order(sim, SIM_KIND_ANON, 16, 4);
	unsigned long pfn, i;
	swp_entry_t entry;
	struct region *reg;
	long mapped;

	reg = &sim->regions[r];
	pfn = page_of(sim, r, 0);
	CHECK_EQ(folio_nr_pages(sim, pfn), 16);
	mapped = node_stat(sim, NR_ANON_MAPPED);
	/* shrink_folio_list(), up to pageout() */
	lruvec_del_folio(sim, pfn);
	sim->pages.state[pfn] = PS_ISOLATED;
	CHECK(add_to_swap(sim, pfn));
	entry = folio_swap_entry(sim, pfn);
	CHECK(try_to_unmap(sim, pfn));
	for (i = 0; i < 16; i++)
		CHECK_EQ(reg->pte[i], PTE_MK(PTE_SWAP, entry.val + i));
	CHECK_EQ(node_stat(sim, NR_ANON_MAPPED), mapped - 16);
	/* kept: back on the LRU, still in the swap cache */
	lruvec_add_folio(sim, pfn);
	check_invariants(sim, "large folio in the swap cache");

	CHECK_EQ(handle_mm_fault(sim, reg, 5, false), 0);
	for (i = 0; i < 16; i++) {
		CHECK_EQ(reg->pte[i], PTE_MK(PTE_PRESENT, pfn + i));
		CHECK_EQ(sim->pages.owner[pfn + i], reg->base_vpn + i);
	}
	CHECK_EQ(node_stat(sim, NR_ANON_MAPPED), mapped);
	CHECK_EQ(sim->vm_events[PGFAULT], 1);
	CHECK_EQ(sim->vm_events[PGMAJFAULT], 0);
	CHECK_EQ(sim->vm_events[PSWPIN], 0);
	/* should_try_to_free_swap(): a read, swap not full: the slots stay */
	CHECK(PageFlag(&sim->pages, pfn, PG_swapcache));
	CHECK_EQ(get_nr_swap_pages(sim), 1024 - 16);
	check_invariants(sim, "large folio swapped in");
	CHECK_EQ(sim_free(sim, r), 0);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	check_invariants(sim, "free");
	sim_destroy(sim);
}

/* What shrink_folio_list() does to a mapped anon page, all at once. */
static void swap_out_by_hand(struct sim *sim, unsigned int r, unsigned long i)
{
	unsigned long pfn = page_of(sim, r, i);
	uint64_t *pte = &sim->regions[r].pte[i];
	swp_entry_t entry;

	lruvec_del_folio(sim, pfn);
	sim->pages.state[pfn] = PS_ISOLATED;
	CHECK(add_to_swap(sim, pfn));
	entry = folio_swap_entry(sim, pfn);
	*pte = PTE_MK(PTE_SWAP, entry.val);
	swap_duplicate(sim, entry);
	ClearPageFlag(&sim->pages, pfn, PG_mapped);
	sim->node_data[0].vm_stat[NR_ANON_MAPPED]--;
	sim->pages.owner[pfn] = 0;
	__delete_from_swap_cache(sim, pfn, entry,
				 workingset_eviction(sim, pfn));
	put_swap_folio(sim, pfn, entry);
	free_pages_block(sim, pfn, 0);
}

/*
 * mm/swap_state.c: swap_vma_readahead() on faults at 0, 1, 2, ... of a
 * swapped-out region (__swapin_nr_pages(), page_cluster 3):
 *   0: no hits, not next to the last fault (0 at start): 1 page
 *   1: next to 0: 2 pages, [1, 3): 2 read ahead
 *   2: in the swap cache: a hit
 *   3: 1 hit + 2 = 3 -> 4, follows 2: [3, 7): 4, 5, 6 read ahead
 *   4, 5, 6: hits
 *   7: 3 hits + 2 = 5 -> 8, follows 6: [7, 15): 8..14 read ahead
 * pswpin 1 + 2 + 4 + 8 = 15, swap_ra 1 + 3 + 7 = 11, swap_ra_hit 4,
 * pgmajfault 4, pgfault 8.
 */
static void test_swap_readahead(void)
{
	struct sim *sim = boot_dma32(1025);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 32);
	unsigned long nr_free;

	for (unsigned long i = 0; i < 32; i++)
		swap_out_by_hand(sim, r, i);
	check_invariants(sim, "swapped out");
	for (unsigned long i = 0; i < 8; i++)
		CHECK_EQ(access_page(sim, r, i, false), 0);
	CHECK_EQ(sim->vm_events[PSWPIN], 15);
	CHECK_EQ(sim->vm_events[SWAP_RA], 11);
	CHECK_EQ(sim->vm_events[SWAP_RA_HIT], 4);
	CHECK_EQ(sim->vm_events[PGMAJFAULT], 4);
	CHECK_EQ(sim->vm_events[PGFAULT], 8);
	/* 8..14 sit in the swap cache, unmapped, their PTEs still swap */
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[14]), PTE_SWAP);
	CHECK(swap_cache_folio(
		      sim, (swp_entry_t){ PTE_VAL(sim->regions[r].pte[14]) }) !=
	      NIL_PFN);
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[15]), PTE_SWAP);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 15);
	CHECK_EQ(node_stat(sim, WORKINGSET_REFAULT_ANON), 15);
	check_invariants(sim, "readahead");
	/* freeing gives back every slot and the read-ahead pages */
	nr_free = dma32_unused(sim);
	CHECK_EQ(sim_free(sim, r), 0);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);
	CHECK_EQ(node_stat(sim, NR_INACTIVE_ANON) +
			 node_stat(sim, NR_ACTIVE_ANON),
		 0);
	CHECK_EQ(dma32_unused(sim), nr_free + 15);
	check_invariants(sim, "free");
	sim_destroy(sim);
}

/*
 * mm/swap_state.c: swap_cluster_readahead() on a rotational device: the
 * window is an aligned block of slots (swapin_nr_pages(), page_cluster
 * 3), whatever addresses they hold. Pages 31, 30, ..., 0 swapped out in
 * that order take slots 1 to 32: page i is in slot 32 - i. Faults at
 * pages 0, 1, 2, ... (hits shared by all faults, prev_offset 0 at start):
 *   0 (slot 32): no hits, 32 not next to 0: 1 slot. prev_offset 32
 *   1 (slot 31): next to 32: 2 slots, 31 & ~1 = 30 to 31 | 1 = 31:
 *     [30, 31], slot 30 (page 2) read ahead. prev_offset 31
 *   2: in the swap cache: a hit
 *   3 (slot 29): 1 hit + 2 = 3 -> 4 slots, [28, 31]: slot 28 (page 4)
 *     read ahead; 30 and 31 are in the swap cache (pages 2 and 1)
 *   4: a hit
 *   5 (slot 27): 1 hit -> 4 slots (no less than 4 / 2), [24, 27]:
 *     slots 26, 25, 24 (pages 6, 7, 8) read ahead
 *   6, 7: hits
 * pswpin 1 + 2 + 2 + 4 = 9, swap_ra 1 + 1 + 3 = 5, swap_ra_hit 4,
 * pgmajfault 4, pgfault 8. By address (swap_vma_readahead()) the fault
 * at 3 would have read [3, 7), three pages ahead, not one.
 */
static void test_swap_cluster_readahead(void)
{
	struct sim_config cfg;
	struct sim *sim;
	unsigned int r;

	dma32_config(&cfg, 65536, 1025);
	cfg.swap_rotational = true;
	sim = boot_or_exit(&cfg);
	r = alloc_region(sim, SIM_KIND_ANON, 32);
	CHECK(!swap_use_vma_readahead(sim));
	for (unsigned long i = 32; i-- > 0;)
		swap_out_by_hand(sim, r, i);
	CHECK_EQ(PTE_VAL(sim->regions[r].pte[0]), 32);
	CHECK_EQ(PTE_VAL(sim->regions[r].pte[31]), 1);
	for (unsigned long i = 0; i < 8; i++)
		CHECK_EQ(access_page(sim, r, i, false), 0);
	CHECK_EQ(sim->vm_events[PSWPIN], 9);
	CHECK_EQ(sim->vm_events[SWAP_RA], 5);
	CHECK_EQ(sim->vm_events[SWAP_RA_HIT], 4);
	CHECK_EQ(sim->vm_events[PGMAJFAULT], 4);
	CHECK_EQ(sim->vm_events[PGFAULT], 8);
	/* page 8 (slot 24) waits in the swap cache, page 9 (slot 23) not */
	CHECK(swap_cache_folio(sim, (swp_entry_t){ 24 }) != NIL_PFN);
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[8]), PTE_SWAP);
	CHECK(swap_cache_folio(sim, (swp_entry_t){ 23 }) == NIL_PFN);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 9);
	CHECK_EQ(node_stat(sim, WORKINGSET_REFAULT_ANON), 9);
	check_invariants(sim, "cluster readahead");
	CHECK_EQ(sim_free(sim, r), 0);
	CHECK_EQ(get_nr_swap_pages(sim), 1024);
	CHECK_EQ(node_stat(sim, NR_SWAPCACHE), 0);
	check_invariants(sim, "free");
	sim_destroy(sim);
}

/* mm/mlock.c: mlock_folio() moves pages to the unevictable list */
static void test_mlock(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_ANON, 16);

	CHECK_EQ(sim_mlock(sim, r), 0);
	CHECK_EQ(node_stat(sim, NR_UNEVICTABLE), 16);
	CHECK_EQ(node_stat(sim, NR_INACTIVE_ANON), 0);
	CHECK_EQ(sim->node_data[0].node_zones[ZONE_DMA32].vm_stat[NR_MLOCK],
		 16);
	CHECK_EQ(sim->vm_events[UNEVICTABLE_PGS_MLOCKED], 16);
	CHECK_EQ(sim->vm_events[UNEVICTABLE_PGS_CULLED], 16);
	/* a second mlock() counts nothing */
	CHECK_EQ(sim_mlock(sim, r), 0);
	CHECK_EQ(sim->vm_events[UNEVICTABLE_PGS_MLOCKED], 16);
	CHECK_EQ(sim_mlock(sim, 9999), -EINVAL);
	sim_destroy(sim);
}

int main(void)
{
	test_mark_accessed();
	test_lru_note_cost();
	test_end_writeback_rotation();
	test_blk_timing();
	test_blk_wbt();
	test_bio_mempool();
	test_throttle_wakeup();
	test_no_swap();
	test_swap_slots();
	test_swap_full();
	test_swap_out_and_in();
	test_large_folio_swap_in();
	test_swap_readahead();
	test_swap_cluster_readahead();
	test_mlock();
	return check_done();
}
