// SPDX-License-Identifier: GPL-2.0-only
/*
 * workingset.c: shadow entries and the refault distance
 * (mm/workingset.c: workingset_eviction(), workingset_test_recent(),
 * workingset_refault()), and a file page evicted and read back through
 * the page cache (mm/filemap.c).
 */
#include "internal.h"
#include "machine.h"
#include "mm_inline.h"
#include "swap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Take a page off the LRU and evict it from the page cache. */
static uint64_t evict_file_page(struct sim *sim, unsigned long pfn)
{
	uint64_t shadow;

	lruvec_del_folio(sim, pfn);
	sim->pages.state[pfn] = PS_ISOLATED;
	shadow = workingset_eviction(sim, pfn);
	__filemap_remove_folio(sim, pfn, shadow);
	free_pages_block(sim, pfn, 0);
	return shadow;
}

/*
 * 1000 file pages, 500 of them active; no swap, so a file refault's
 * workingset is NR_ACTIVE_FILE = 500. Evicted at clock 1000, a refault
 * at clock 1600 is 600 away: not recent; at 1400, 400 away: recent.
 */
static void test_refault_distance(void)
{
	struct sim *sim = boot_dma32(0);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 1000);
	unsigned long victim = page_of(sim, r, 0);
	uint64_t shadow;
	bool ws;

	CHECK_EQ(workingset_bucket_order(sim), 0); /* below 256 TiB */
	for (unsigned long i = 500; i < 1000; i++)
		folio_activate(sim, page_of(sim, r, i));
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 500);

	lruvec->nonresident_age = 1000;
	SetPageFlag(&sim->pages, victim, PG_workingset);
	shadow = evict_file_page(sim, victim);
	/* workingset_eviction(): read the clock, then tick it */
	CHECK_EQ(lruvec->nonresident_age, 1001);
	CHECK_EQ(PTE_TAG(sim->regions[r].pte[0]), PTE_SHADOW);
	CHECK_EQ(PTE_VAL(sim->regions[r].pte[0]), shadow);
	CHECK_EQ(node_stat(sim, NR_INACTIVE_FILE), 499);

	lruvec->nonresident_age = 1600;
	CHECK(!workingset_test_recent(sim, shadow, true, &ws));
	CHECK(ws); /* the shadow remembers PG_workingset */
	lruvec->nonresident_age = 1500;
	CHECK(workingset_test_recent(sim, shadow, true, &ws)); /* 500 <= 500 */
	lruvec->nonresident_age = 1400;
	CHECK(workingset_test_recent(sim, shadow, true, &ws));
	/*
	 * An anon refault also counts NR_INACTIVE_FILE: 500 + 499 = 999.
	 * 2000 - 1000 = 1000 is too far, 1999 - 1000 = 999 is not.
	 */
	lruvec->nonresident_age = 2000;
	CHECK(!workingset_test_recent(sim, shadow, false, &ws));
	lruvec->nonresident_age = 1999;
	CHECK(workingset_test_recent(sim, shadow, false, &ws));
	sim_destroy(sim);
}

/*
 * workingset_refault() on a new folio: refault counted always; recent ->
 * PG_active, activate counted and the clock ticks; the workingset bit ->
 * PG_workingset, restore counted and lru_note_cost_refault() charges one
 * IO (SWAP_CLUSTER_MAX) to the file cost.
 */
static void test_refault_counters(void)
{
	struct sim *sim = boot_dma32(0);
	struct lruvec *lruvec = &sim->node_data[0].lruvec;
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 1000);
	unsigned long a = page_of(sim, r, 0), b = page_of(sim, r, 1);
	uint64_t sa, sb;

	for (unsigned long i = 500; i < 1000; i++)
		folio_activate(sim, page_of(sim, r, i));
	lruvec->nonresident_age = 1000;
	SetPageFlag(&sim->pages, b, PG_workingset);
	sa = evict_file_page(sim, a); /* eviction 1000 */
	sb = evict_file_page(sim, b); /* eviction 1001 */
	lruvec->anon_cost = lruvec->file_cost = 0;

	/* a: 2000 - 1000 = 1000 > 500, not recent: inactive */
	lruvec->nonresident_age = 2000;
	CHECK_EQ(sim_touch(sim, r), 0); /* faults both back: read() */
	a = page_of(sim, r, 0);
	b = page_of(sim, r, 1);
	CHECK_EQ(node_stat(sim, WORKINGSET_REFAULT_FILE), 2);
	CHECK_EQ(node_stat(sim, WORKINGSET_ACTIVATE_FILE), 0);
	CHECK(!PageFlag(&sim->pages, a, PG_active));
	(void)sa;
	(void)sb;

	/* evict b again and bring it back close: recent, workingset */
	lruvec->nonresident_age = 3000;
	SetPageFlag(&sim->pages, b, PG_workingset);
	sb = evict_file_page(sim, b); /* eviction 3000 */
	lruvec->nonresident_age = 3100; /* 100 <= 500 */
	/* just this page: a second touch() would promote the referenced rest */
	CHECK_EQ(handle_mm_fault(sim, &sim->regions[r], 1, false), 0);
	b = page_of(sim, r, 1);
	CHECK_EQ(node_stat(sim, WORKINGSET_REFAULT_FILE), 3);
	CHECK_EQ(node_stat(sim, WORKINGSET_ACTIVATE_FILE), 1);
	CHECK_EQ(node_stat(sim, WORKINGSET_RESTORE_FILE), 1);
	CHECK(PageFlag(&sim->pages, b, PG_active));
	CHECK(PageFlag(&sim->pages, b, PG_workingset));
	/* refault_activate ages the clock by 1: 3100 -> 3101 */
	CHECK_EQ(lruvec->nonresident_age, 3101);
	/* lru_note_cost(file, 1, 0): 1 * 32 */
	CHECK_EQ(lruvec->file_cost, 32);
	/* read() of an unmapped file: no page fault is counted */
	CHECK_EQ(sim->vm_events[PGMAJFAULT], 0);
	CHECK_EQ(sim->vm_events[PGPGIN], 3 * 8); /* 8 sectors a page */
	CHECK_EQ(node_stat(sim, NR_ACTIVE_FILE), 501);
	sim_destroy(sim);
}

int main(void)
{
	test_refault_distance();
	test_refault_counters();
	return check_done();
}
