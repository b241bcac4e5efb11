// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/page_alloc.c: the buddy allocator (free lists per order and
 * migratetype, split and merge on the buddy pfn, fallback with pageblock
 * claiming and watermark boosting), min_free_kbytes, watermarks, lowmem
 * reserves, the zonelists, the watermark checks and the allocation fast
 * path, and the warning of a failed allocation.
 *
 * Invariant: a free block is a PS_BUDDY head of order o, naturally
 * aligned, followed by 2^o - 1 PS_TAIL pages, on exactly one
 * free_area[o].free_list[page_where(head)] of its own zone; NR_FREE_PAGES is
 * the sum of free blocks on all lists but Isolate.
 * The per-cpu lists hold order 0..3 and THP blocks outside NR_FREE_PAGES,
 * refilled and drained in batches as 6.12 tunes them (rmqueue_pcplist(),
 * free_unref_page_commit(), decay_pcp_high()).
 * Differs: no cpusets, no compaction capture, no unaccepted memory; a
 * CPU's lists of a remote node's zones are not drained after 3 s idle
 * (refresh_cpu_vm_stats()'s pcp->expire), and PCPF_FREE_HIGH_BATCH stays
 * clear (the CPUs report no data cache slice).
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm_inline.h"
#include "sched.h"
#include "swap.h"
#include "vmscan.h"
#include "vmstat.h"
#include "writeback.h"

/* mm/internal.h: ALLOC_* flags not in sim.h */
#define ALLOC_WMARK_MIN SIM_ALLOC_WMARK_MIN
#define ALLOC_WMARK_LOW SIM_ALLOC_WMARK_LOW
#define ALLOC_WMARK_HIGH SIM_ALLOC_WMARK_HIGH
#define ALLOC_NO_WATERMARKS SIM_ALLOC_NO_WATERMARKS
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM SIM_ALLOC_OOM
#define ALLOC_NON_BLOCK SIM_ALLOC_NON_BLOCK
#define ALLOC_MIN_RESERVE SIM_ALLOC_MIN_RESERVE
#define ALLOC_CPUSET SIM_ALLOC_CPUSET
#define ALLOC_CMA SIM_ALLOC_CMA
#define ALLOC_NOFRAGMENT 0x100
#define ALLOC_HIGHATOMIC SIM_ALLOC_HIGHATOMIC
#define ALLOC_KSWAPD SIM_ALLOC_KSWAPD
#define ALLOC_RESERVES \
	(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

/* mm/page_alloc.c: fpi_t */
#define FPI_NONE 0
#define FPI_TO_TAIL 0x2

/* mm/page_alloc.c: MIN_PERCPU_PAGELIST_HIGH_FRACTION */
#define MIN_PERCPU_PAGELIST_HIGH_FRACTION 8

/*
 * numa_node_id(): the node of the CPU the current task runs on, its home
 * node (node 0 when no task runs). A request's nid is its mempolicy's
 * preferred node.
 */
int numa_node_id(const struct sim *sim)
{
	const struct task *p = current_task(sim);

	if (p && p->nid >= 0 && p->nid < sim->nr_nodes)
		return p->nid;
	return 0;
}

/* {====== pfn helpers */

static bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn &&
	       pfn < zone->zone_start_pfn + zone->spanned_pages;
}

/* page_zone(): the zone whose span holds pfn, for readers of a const sim */
const struct zone *zone_of_pfn(const struct sim *sim, unsigned long pfn)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];
		const struct zone *zone;

		if (pfn < pgdat->node_start_pfn ||
		    pfn >= pgdat->node_start_pfn + pgdat->node_spanned_pages)
			continue;
		for_each_node_zone(zone, pgdat)
			if (zone_spans_pfn(zone, pfn))
				return zone;
	}
	return NULL;
}

/* the same zone, writable */
struct zone *pfn_to_zone(struct sim *sim, unsigned long pfn)
{
	const struct zone *zone = zone_of_pfn(sim, pfn);

	if (!zone)
		return NULL;
	return page_zone_of(sim, zone->zone_pgdat->node_id, zone_idx(zone));
}

/* include/linux/pageblock-flags.h: get_pageblock_migratetype() */
int get_pageblock_migratetype(const struct sim *sim, unsigned long pfn)
{
	pfn &= ~(pageblock_nr_pages - 1);
	return sim->pages.order_mt[pfn] >> PAGEBLOCK_MT_SHIFT;
}

void set_pageblock_migratetype(struct sim *sim, unsigned long pfn, int mt)
{
	struct page_frames *pf = &sim->pages;

	pfn &= ~(pageblock_nr_pages - 1);
	pf->order_mt[pfn] = (uint8_t)((pf->order_mt[pfn] & PAGE_ORDER_MASK) |
				      (unsigned int)mt << PAGEBLOCK_MT_SHIFT);
}

/* change_pageblock_range() */
static void change_pageblock_range(struct sim *sim, unsigned long pfn,
				   unsigned int order, int mt)
{
	unsigned long nr = 1UL << (order - pageblock_order);

	while (nr--) {
		set_pageblock_migratetype(sim, pfn, mt);
		pfn += pageblock_nr_pages;
	}
}

/* }====== */

/* {====== free lists */

/* account_freepages() */
static void account_freepages(struct zone *zone, long nr_pages, int mt)
{
	if (mt == MIGRATE_ISOLATE)
		return;
	zone->vm_stat[NR_FREE_PAGES] += nr_pages;
	if (zone->vm_stat[NR_FREE_PAGES] < zone->hist_free_low)
		zone->hist_free_low = zone->vm_stat[NR_FREE_PAGES];
	if (mt == MIGRATE_HIGHATOMIC)
		zone->nr_free_highatomic += nr_pages;
}

/* set_buddy_order() + __add_to_free_list() */
static void __add_to_free_list(struct sim *sim, struct zone *zone,
			       unsigned long pfn, unsigned int order, int mt,
			       bool tail)
{
	struct page_frames *pf = &sim->pages;
	struct pfn_list *list = &zone->free_area[order].free_list[mt];

	pf->state[pfn] = PS_BUDDY;
	set_page_order(pf, pfn, order);
	set_page_where(pf, pfn, (unsigned int)mt);
	if (tail)
		pfn_list_add_tail(pf, list, pfn);
	else
		pfn_list_add(pf, list, pfn);
	zone->free_area[order].nr_free++;
}

/*
 * {====== deferred boot blocks
 *
 * The order-10 blocks memblock_free_all() hands over, in ascending pfn
 * order at the tail of free_area[MAX_PAGE_ORDER].free_list[MIGRATE_MOVABLE],
 * are kept as a range [deferred_pfn, deferred_end) behind the list's
 * linked entries rather than linked one by one, so that booting a large
 * machine need not touch its page frames (compare the kernel's
 * CONFIG_DEFERRED_STRUCT_PAGE_INIT). They are counted in the list's nr,
 * nr_free and NR_FREE_PAGES, their pages are PS_TAIL, and a block is
 * linked when it reaches the head or something must go behind it.
 */

static unsigned long nr_deferred_blocks(const struct zone *zone)
{
	return (zone->deferred_end - zone->deferred_pfn) >> MAX_PAGE_ORDER;
}

/* Link the first deferred block behind the list's linked entries. */
static void deferred_link_one(struct sim *sim, struct zone *zone)
{
	struct free_area *area = &zone->free_area[MAX_PAGE_ORDER];
	unsigned long pfn = zone->deferred_pfn;

	zone->deferred_pfn += MAX_ORDER_NR_PAGES;
	/* it is counted already: __add_to_free_list() counts it again */
	area->free_list[MIGRATE_MOVABLE].nr--;
	area->nr_free--;
	__add_to_free_list(sim, zone, pfn, MAX_PAGE_ORDER, MIGRATE_MOVABLE,
			   true);
}

/* Hand [start, end), order-10 aligned, over as deferred blocks. */
void deferred_free_range(struct sim *sim, unsigned long start,
			 unsigned long end)
{
	struct zone *zone = pfn_to_zone(sim, start);
	struct free_area *area;
	unsigned long nr = (end - start) >> MAX_PAGE_ORDER;

	if (SIM_WARN_ON_ONCE(sim, !zone || zone->deferred_end ||
					  ((start | end) &
					   (MAX_ORDER_NR_PAGES - 1))))
		return;
	area = &zone->free_area[MAX_PAGE_ORDER];
	zone->deferred_pfn = start;
	zone->deferred_end = end;
	area->free_list[MIGRATE_MOVABLE].nr += nr;
	area->nr_free += nr;
	account_freepages(zone, (long)(end - start), MIGRATE_MOVABLE);
	count_vm_events(sim, PGFREE, end - start);
}

/* The head of a free list, linking a deferred block if it is next. */
static uint32_t free_list_first(struct sim *sim, struct zone *zone,
				unsigned int order, int mt)
{
	struct pfn_list *list = &zone->free_area[order].free_list[mt];

	if (list->head == NIL_PFN && order == MAX_PAGE_ORDER &&
	    mt == MIGRATE_MOVABLE && nr_deferred_blocks(zone))
		deferred_link_one(sim, zone);
	return list->head;
}

/* Anything added at the tail of the list must go behind the deferred. */
static void add_to_free_list(struct sim *sim, struct zone *zone,
			     unsigned long pfn, unsigned int order, int mt,
			     bool tail)
{
	if (tail && order == MAX_PAGE_ORDER && mt == MIGRATE_MOVABLE)
		while (nr_deferred_blocks(zone))
			deferred_link_one(sim, zone);
	__add_to_free_list(sim, zone, pfn, order, mt, tail);
}

/* }====== */

/* __del_page_from_free_list(): the block's pages become PS_TAIL-free */
static void del_from_free_list(struct sim *sim, struct zone *zone,
			       unsigned long pfn, unsigned int order, int mt)
{
	struct free_area *area = zone->free_area + order;
	struct page_frames *pf = &sim->pages;

	pfn_list_del(pf, &area->free_list[mt], pfn);
	pf->state[pfn] = PS_TAIL;
	pf->flags[pfn] = 0;
	area->nr_free--;
}

/* move_to_free_list(): always to the tail of the new list */
static void move_to_free_list(struct sim *sim, struct zone *zone,
			      unsigned long pfn, unsigned int order, int old_mt,
			      int new_mt)
{
	del_from_free_list(sim, zone, pfn, order, old_mt);
	add_to_free_list(sim, zone, pfn, order, new_mt, true);
	account_freepages(zone, -(1L << order), old_mt);
	account_freepages(zone, 1L << order, new_mt);
}

/* find_buddy_page_pfn(): the buddy if it is a free block of this order */
static bool page_is_buddy(const struct sim *sim, const struct zone *zone,
			  unsigned long buddy_pfn, unsigned int order)
{
	if (buddy_pfn >= sim->max_pfn || !zone_spans_pfn(zone, buddy_pfn))
		return false;
	return sim->pages.state[buddy_pfn] == PS_BUDDY &&
	       page_order(&sim->pages, buddy_pfn) == order;
}

static bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

/* two free blocks of these types may merge into one */
static bool migratetypes_merge(int mt, int buddy_mt)
{
	return mt == buddy_mt || (migratetype_is_mergeable(mt) &&
				  migratetype_is_mergeable(buddy_mt));
}

/* a block of this order covers one or more whole pageblocks */
static bool whole_pageblocks(unsigned int order)
{
	return (1UL << order) >= pageblock_nr_pages;
}

/*
 * buddy_merge_likely(): true if the block's order+1 buddy is free, so this
 * block is likely to merge soon and goes to the tail.
 */
static bool buddy_merge_likely(const struct sim *sim, const struct zone *zone,
			       unsigned long pfn, unsigned long buddy_pfn,
			       unsigned int order)
{
	unsigned long higher;

	/* no block above MAX_PAGE_ORDER to merge into */
	if (order + 1 >= MAX_PAGE_ORDER)
		return false;
	higher = buddy_pfn & pfn;
	return page_is_buddy(sim, zone, higher ^ (1UL << (order + 1)),
			     order + 1);
}

/*
 * __free_one_page(): merge with free buddies while they exist (buddy pfn
 * = pfn ^ (1 << order), e.g. 8 ^ (1 << 1) = 10), then put the block on
 * its list: tail for FPI_TO_TAIL or a likely merge, else head.
 */
static void __free_one_page(struct sim *sim, unsigned long pfn,
			    struct zone *zone, unsigned int order, int mt,
			    int fpi_flags)
{
	unsigned long buddy_pfn = 0;
	bool to_tail;

	account_freepages(zone, 1L << order, mt);
	for (; order < MAX_PAGE_ORDER; order++) {
		int buddy_mt = mt;

		buddy_pfn = pfn ^ (1UL << order);
		if (!page_is_buddy(sim, zone, buddy_pfn, order))
			break;
		/* a buddy of another pageblock may be of another type */
		if (whole_pageblocks(order)) {
			buddy_mt = get_pageblock_migratetype(sim, buddy_pfn);
			if (!migratetypes_merge(mt, buddy_mt))
				break;
		}
		del_from_free_list(sim, zone, buddy_pfn, order,
				   page_where(&sim->pages, buddy_pfn));
		if (buddy_mt != mt)
			change_pageblock_range(sim, buddy_pfn, order, mt);
		pfn &= buddy_pfn;
		sim->pages.state[pfn] = PS_TAIL;
	}
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(sim, zone, pfn, buddy_pfn, order);
	add_to_free_list(sim, zone, pfn, order, mt, to_tail);
}

/* split_large_buddy(): pieces of at most a pageblock, each its own type */
static void split_large_buddy(struct sim *sim, struct zone *zone,
			      unsigned long pfn, unsigned int order,
			      int fpi_flags)
{
	unsigned long end = pfn + (1UL << order);

	if (order > pageblock_order)
		order = pageblock_order;
	do {
		int mt = get_pageblock_migratetype(sim, pfn);

		__free_one_page(sim, pfn, zone, order, mt, fpi_flags);
		pfn += 1UL << order;
	} while (pfn != end);
}

/*
 * free_pages_prepare() + free_one_page(): clear the block's page state
 * and hand it to the buddy lists, counting pgfree.
 */
static void free_one_page(struct sim *sim, struct zone *zone, unsigned long pfn,
			  unsigned int order, int fpi_flags)
{
	struct page_frames *pf = &sim->pages;
	unsigned long nr = 1UL << order;

	memset(pf->state + pfn, PS_TAIL, nr);
	memset(pf->flags + pfn, 0, nr * sizeof(*pf->flags));
	memset(pf->owner + pfn, 0, nr * sizeof(*pf->owner));
	split_large_buddy(sim, zone, pfn, order, fpi_flags);
	count_vm_events(sim, PGFREE, nr);
}

/* __free_pages_core(): boot memory, bypassing pcp, at the list tails */
void __free_pages_core(struct sim *sim, unsigned long pfn, unsigned int order)
{
	struct zone *zone = pfn_to_zone(sim, pfn);

	if (SIM_WARN_ON_ONCE(sim, !zone))
		return;
	split_large_buddy(sim, zone, pfn, order, FPI_TO_TAIL);
	count_vm_events(sim, PGFREE, 1UL << order);
}

/* {====== per-cpu page lists */

/* pcp_allowed_order(): who uses the lists (order_to_pindex() in mmzone.h) */
static bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == HPAGE_PMD_ORDER;
}

int smp_processor_id(const struct sim *sim)
{
	const struct task *p = current_task(sim);

	if (p && p->cpu > 0 && p->cpu < sim->cfg.nr_cpus)
		return p->cpu;
	return 0;
}

/*
 * A block becomes someone's: head in state, tails PS_TAIL, every page
 * carrying the block's order (see page_is_lru()), flags and owner clear.
 */
static void prep_block(struct sim *sim, unsigned long pfn, unsigned int order,
		       enum page_state state)
{
	struct page_frames *pf = &sim->pages;
	unsigned long nr = 1UL << order;

	memset(pf->state + pfn, PS_TAIL, nr);
	for (unsigned long i = 0; i < nr; i++)
		set_page_order(pf, pfn + i, order);
	memset(pf->flags + pfn, 0, nr * sizeof(*pf->flags));
	memset(pf->owner + pfn, 0, nr * sizeof(*pf->owner));
	pf->state[pfn] = (uint8_t)state;
}

/* A block put on a pcp list: PS_PCP, page_where() its list's type. */
static void pcp_list_add(struct sim *sim, struct per_cpu_pages *pcp,
			 unsigned long pfn, unsigned int order, int mt,
			 bool tail)
{
	struct pfn_list *list = &pcp->lists[order_to_pindex(mt, order)];

	prep_block(sim, pfn, order, PS_PCP);
	set_page_where(&sim->pages, pfn, (unsigned int)mt);
	if (tail)
		pfn_list_add_tail(&sim->pages, list, pfn);
	else
		pfn_list_add(&sim->pages, list, pfn);
}

/*
 * free_pcppages_bulk(): give count pages back to the buddy lists, taking
 * the oldest (the tails) of the list pindex first, then the lists in turn.
 * Each block merges under its pageblock's current type.
 */
static void free_pcppages_bulk(struct sim *sim, struct zone *zone, int count,
			       struct per_cpu_pages *pcp, int pindex)
{
	struct page_frames *pf = &sim->pages;

	if (count > pcp->count)
		count = pcp->count;
	/* whoever overfills or drains the list pays for the merging */
	if (count > 0)
		charge_cost(sim, COST_BULK_FREE, (unsigned long)count);
	pindex--;
	while (count > 0) {
		struct pfn_list *list;
		unsigned int order;

		do {
			if (++pindex >= NR_PCP_LISTS)
				pindex = 0;
			list = &pcp->lists[pindex];
		} while (!list->nr);
		order = pindex_to_order(pindex);
		do {
			unsigned long pfn = list->tail;

			pfn_list_del(pf, list, pfn);
			count -= 1 << order;
			pcp->count -= 1 << order;
			pf->state[pfn] = PS_TAIL;
			pf->flags[pfn] = 0;
			__free_one_page(sim, pfn, zone, order,
					get_pageblock_migratetype(sim, pfn),
					FPI_NONE);
		} while (count > 0 && list->nr);
	}
}

/*
 * nr_pcp_free(): how many pages a drain on free gives back: at least a
 * batch, up to all but a batch of high, growing with the run of frees
 * (free_count) so that a long run takes the zone lock less often.
 */
static int nr_pcp_free(const struct per_cpu_pages *pcp, int batch, int high,
		       bool free_high)
{
	int nr = pcp->free_count;

	if (free_high)
		return pcp->count < batch << PCP_BATCH_SCALE_MAX ?
			       pcp->count :
			       batch << PCP_BATCH_SCALE_MAX;
	if (high < batch)
		return 1;
	if (nr > high - batch)
		nr = high - batch;
	if (nr < batch)
		nr = batch;
	return nr;
}

/* clamp(pcp->high, high_min, high_max), kept in pcp->high */
static int pcp_high_clamped(struct per_cpu_pages *pcp)
{
	if (pcp->high < pcp->high_min)
		pcp->high = pcp->high_min;
	if (pcp->high > pcp->high_max)
		pcp->high = pcp->high_max;
	return pcp->high;
}

/*
 * nr_pcp_high(): the count at which a free drains. While kswapd reclaims
 * the zone (ZONE_RECLAIM_ACTIVE) the lists may keep only four batches, so
 * that what it frees reaches the buddy lists and its watermark check; a
 * zone below its high mark (ZONE_BELOW_HIGH) lowers high by each run of
 * frees; otherwise high grows to hold a run of frees.
 */
static int nr_pcp_high(struct per_cpu_pages *pcp, const struct zone *zone,
		       int batch, bool free_high)
{
	int high = pcp_high_clamped(pcp);
	int run = pcp->free_count > batch ? pcp->free_count : batch;

	if (!high)
		return 0;
	if (free_high) {
		pcp->high = high - (batch << PCP_BATCH_SCALE_MAX);
		if (pcp->high < pcp->high_min)
			pcp->high = pcp->high_min;
		return 0;
	}
	if (zone->flags & (1UL << ZONE_RECLAIM_ACTIVE)) {
		pcp->high = high - run > pcp->high_min ? high - run :
							 pcp->high_min;
		return batch << 2 < pcp->high ? batch << 2 : pcp->high;
	}
	if (pcp->high_min == pcp->high_max)
		return high;
	if (zone->flags & (1UL << ZONE_BELOW_HIGH)) {
		pcp->high = high - run > pcp->high_min ? high - run :
							 pcp->high_min;
		return pcp->count > pcp->high_min ? pcp->count : pcp->high_min;
	}
	if (pcp->count >= high && pcp->high < pcp->free_count + batch) {
		pcp->high = pcp->free_count + batch;
		pcp_high_clamped(pcp);
	}
	return high;
}

/*
 * free_unref_page_commit(): a freed block goes to the head of its list
 * (cache-hot, the next to be allocated). A free ends a run of refills
 * (alloc_factor halves) and lengthens the run of frees. Over the high
 * mark the oldest pages drain, and a zone back above its high watermark
 * loses ZONE_BELOW_HIGH. A run of low-order but not order-0 frees with
 * no allocation between drains all it can (free_high), against
 * fragmentation.
 */
static void free_unref_page_commit(struct sim *sim, struct zone *zone,
				   struct per_cpu_pages *pcp, unsigned long pfn,
				   int mt, unsigned int order)
{
	int pindex = order_to_pindex(mt, order);
	int batch = pcp->batch, high;
	bool free_high = false;

	pcp->alloc_factor >>= 1;
	count_vm_events(sim, PGFREE, 1UL << order);
	pcp_list_add(sim, pcp, pfn, order, mt, false);
	pcp->count += 1 << order;
	if (!order || order > PAGE_ALLOC_COSTLY_ORDER) {
		pcp->flags &= ~PCPF_PREV_FREE_HIGH_ORDER;
	} else {
		/* the second low-order free in a row, a batch into the run */
		bool again = pcp->flags & PCPF_PREV_FREE_HIGH_ORDER;
		bool keep = pcp->flags & PCPF_FREE_HIGH_BATCH;

		free_high = again && pcp->free_count >= batch &&
			    (!keep || pcp->count >= batch);
		pcp->flags |= PCPF_PREV_FREE_HIGH_ORDER;
	}
	if (pcp->free_count < batch << PCP_BATCH_SCALE_MAX)
		pcp->free_count += 1 << order;
	high = nr_pcp_high(pcp, zone, batch, free_high);
	if (pcp->count < high)
		return;
	free_pcppages_bulk(sim, zone, nr_pcp_free(pcp, batch, high, free_high),
			   pcp, pindex);
	if ((zone->flags & (1UL << ZONE_BELOW_HIGH)) &&
	    zone_watermark_ok(zone, 0, high_wmark_pages(zone), ZONE_MOVABLE, 0))
		zone->flags &= ~(1UL << ZONE_BELOW_HIGH);
}

/*
 * free_unref_page() / free_unref_folios(): low orders and THPs go to this
 * CPU's list of their pageblock's type (HighAtomic's to Movable's);
 * isolated pageblocks' straight to the buddy lists.
 */
void free_pages_block(struct sim *sim, unsigned long pfn, unsigned int order)
{
	struct zone *zone;
	int mt;

	if (SIM_WARN_ON_ONCE(sim,
			     pfn >= sim->max_pfn || order > MAX_PAGE_ORDER))
		return;
	zone = pfn_to_zone(sim, pfn);
	if (SIM_WARN_ON_ONCE(sim, !zone))
		return;
	mt = get_pageblock_migratetype(sim, pfn);
	if (!pcp_allowed_order(order) || mt == MIGRATE_ISOLATE) {
		free_one_page(sim, zone, pfn, order, FPI_NONE);
		return;
	}
	if (mt >= MIGRATE_PCPTYPES)
		mt = MIGRATE_MOVABLE;
	free_unref_page_commit(sim, zone, &zone->pcp[smp_processor_id(sim)],
			       pfn, mt, order);
}

/*
 * drain_pages_zone(): a CPU's lists of a zone back to the buddy lists, at
 * most batch << PCP_BATCH_SCALE_MAX pages at a time.
 */
static void drain_pages_zone(struct sim *sim, int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];

	while (pcp->count)
		free_pcppages_bulk(sim, zone, pcp->batch << PCP_BATCH_SCALE_MAX,
				   pcp, 0);
}

/* drain_all_pages(): every CPU's lists of zone, or of every zone (NULL) */
void drain_all_pages(struct sim *sim, struct zone *zone)
{
	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++) {
		if (zone) {
			drain_pages_zone(sim, cpu, zone);
			continue;
		}
		for (int nid = 0; nid < sim->nr_nodes; nid++)
			for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
				struct zone *z =
					&sim->node_data[nid].node_zones[zid];

				if (z->managed_pages)
					drain_pages_zone(sim, cpu, z);
			}
	}
}

/*
 * decay_pcp_high(): once a second (vmstat_update()), high loses an eighth
 * on its way down to high_min, never more than the biggest refill below
 * count, and what the lists hold over it drains a batch at a time.
 * Returns whether there is more to do.
 */
bool decay_pcp_high(struct sim *sim, struct zone *zone,
		    struct per_cpu_pages *pcp)
{
	int batch = pcp->batch, to_drain;
	bool todo = false;

	if (pcp->high > pcp->high_min) {
		int high = pcp->high - (pcp->high >> 3);

		if (high < pcp->count - (batch << PCP_BATCH_SCALE_MAX))
			high = pcp->count - (batch << PCP_BATCH_SCALE_MAX);
		if (high < pcp->high_min)
			high = pcp->high_min;
		pcp->high = high;
		todo = high > pcp->high_min;
	}
	for (to_drain = pcp->count - pcp->high; to_drain > 0;
	     to_drain -= batch) {
		free_pcppages_bulk(sim, zone,
				   to_drain < batch ? to_drain : batch, pcp, 0);
		todo = true;
	}
	return todo;
}

/*
 * nr_pcp_alloc(): how many blocks a refill takes. high grows by a refill
 * while the zone is above its high watermark. Order 0 refills double with
 * each refill in a row without a free (alloc_factor, up to
 * PCP_BATCH_SCALE_MAX), bounded by the room left under high.
 */
static int nr_pcp_alloc(struct per_cpu_pages *pcp, const struct zone *zone,
			unsigned int order)
{
	int base_batch = pcp->batch, high = pcp_high_clamped(pcp), batch;

	if (high < base_batch)
		return 1;
	batch = order ? base_batch : base_batch << pcp->alloc_factor;
	if (pcp->high_min != pcp->high_max &&
	    !(zone->flags & (1UL << ZONE_BELOW_HIGH))) {
		high = high + batch < pcp->high_max ? high + batch :
						      pcp->high_max;
		pcp->high = high;
	}
	if (!order) {
		int max_nr_alloc = high - pcp->count - base_batch;

		if (max_nr_alloc < base_batch)
			max_nr_alloc = base_batch;
		if (batch <= max_nr_alloc &&
		    pcp->alloc_factor < PCP_BATCH_SCALE_MAX)
			pcp->alloc_factor++;
		if (batch > max_nr_alloc)
			batch = max_nr_alloc;
	}
	if (batch > 1) {
		batch >>= order;
		if (batch < 2)
			batch = 2;
	}
	return batch;
}

/* }====== */

/*
 * expand(): put the upper halves of a block split from order high down to
 * low at the head of their lists. Returns the pages put back.
 */
static unsigned long expand(struct sim *sim, struct zone *zone,
			    unsigned long pfn, unsigned int low,
			    unsigned int high, int mt)
{
	unsigned long size = 1UL << high, nr_added = 0;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(sim, zone, pfn + size, high, mt, false);
		nr_added += size;
	}
	return nr_added;
}

/* page_del_and_expand() */
static void page_del_and_expand(struct sim *sim, struct zone *zone,
				unsigned long pfn, unsigned int low,
				unsigned int high, int mt)
{
	long nr_pages = 1L << high;

	del_from_free_list(sim, zone, pfn, high, mt);
	nr_pages -= (long)expand(sim, zone, pfn, low, high, mt);
	account_freepages(zone, -nr_pages, mt);
}

/*
 * __rmqueue_smallest(): the smallest free block of this migratetype that
 * fits, split down to order; returns the lowest-addressed part or NO_PFN.
 */
static unsigned long __rmqueue_smallest(struct sim *sim, struct zone *zone,
					unsigned int order, int mt)
{
	unsigned int current_order;

	for (current_order = order; current_order < NR_PAGE_ORDERS;
	     current_order++) {
		uint32_t pfn = free_list_first(sim, zone, current_order, mt);

		if (pfn == NIL_PFN)
			continue;
		page_del_and_expand(sim, zone, pfn, order, current_order, mt);
		return pfn;
	}
	return NO_PFN;
}

/* }====== */

/* {====== fallback: claim and steal (6.12.117) */

/* fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/*
 * build_all_zonelists(): page_group_by_mobility_disabled when the movable
 * zonelist has fewer than pageblock_nr_pages * MIGRATE_TYPES pages.
 */
static bool page_group_by_mobility_disabled(const struct sim *sim)
{
	unsigned long vm_total_pages = 0;
	struct zone *const *z;

	for (z = sim->node_data[0].zonelist; *z; z++)
		if (zone_idx(*z) <= ZONE_MOVABLE &&
		    (*z)->managed_pages > high_wmark_pages(*z))
			vm_total_pages +=
				(*z)->managed_pages - high_wmark_pages(*z);
	return vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;
}

/* can_steal_fallback() */
static bool can_steal_fallback(const struct sim *sim, unsigned int order,
			       int start_mt)
{
	/*
	 * A whole or half pageblock is worth claiming; so is any pageblock
	 * for a request that fragments memory anyway (unmovable or
	 * reclaimable, the types other than movable that fall back).
	 */
	return whole_pageblocks(order) || order >= pageblock_order / 2 ||
	       start_mt != MIGRATE_MOVABLE ||
	       page_group_by_mobility_disabled(sim);
}

/* free_area_empty(): nr counts deferred boot blocks too */
static bool free_area_empty(const struct free_area *area, int mt)
{
	return area->free_list[mt].nr == 0;
}

/* find_suitable_fallback() with only_stealable = false */
static int find_suitable_fallback(const struct sim *sim,
				  const struct free_area *area,
				  unsigned int order, int mt, bool *can_steal)
{
	int i;

	if (area->nr_free == 0)
		return -1;
	*can_steal = false;
	for (i = 0; i < MIGRATE_PCPTYPES - 1; i++) {
		int fallback_mt = fallbacks[mt][i];

		if (!free_area_empty(area, fallback_mt)) {
			*can_steal = can_steal_fallback(sim, order, mt);
			return fallback_mt;
		}
	}
	return -1;
}

/*
 * boost_watermark(): raise the zone's watermarks by a pageblock, up to
 * watermark_boost_factor/10000 of the high watermark (at least one
 * pageblock). False in zones under four pageblocks or before watermarks.
 */
static bool boost_watermark(const struct sim *sim, struct zone *zone)
{
	unsigned long max_boost, factor;

	factor = (unsigned long)sim->cfg.sysctl.watermark_boost_factor;
	if (!factor)
		return false;
	if (pageblock_nr_pages * 4 > zone->managed_pages)
		return false;
	/* mult_frac() */
	max_boost = (zone->_watermark[WMARK_HIGH] / 10000) * factor +
		    (zone->_watermark[WMARK_HIGH] % 10000) * factor / 10000;
	if (!max_boost)
		return false;
	if (max_boost < pageblock_nr_pages)
		max_boost = pageblock_nr_pages;
	zone->watermark_boost += pageblock_nr_pages;
	if (zone->watermark_boost > max_boost)
		zone->watermark_boost = max_boost;
	return true;
}

/*
 * PageLRU(): the page, or the head of the allocated block it is a tail of
 * (prep_new_page() gives every page of a block the block's order), is on
 * an LRU list. Reclaim-isolated pages have PG_lru clear.
 */
static bool page_is_lru(const struct sim *sim, unsigned long pfn)
{
	const struct page_frames *pf = &sim->pages;
	unsigned long head = pfn & ~((1UL << page_order(pf, pfn)) - 1);

	return pf->state[head] == PS_LRU;
}

/*
 * prep_move_freepages_block(): the pageblock of pfn if the zone spans it
 * all, with its free pages and its pages that could be migrated (on an
 * LRU list or isolated by reclaim: PageLRU).
 */
static bool prep_move_freepages_block(const struct sim *sim,
				      const struct zone *zone,
				      unsigned long pfn, unsigned long *start,
				      long *num_free, long *num_movable)
{
	const struct page_frames *pf = &sim->pages;
	unsigned long s = pfn & ~(pageblock_nr_pages - 1);
	unsigned long end = s + pageblock_nr_pages, p;

	if (!zone_spans_pfn(zone, s) || !zone_spans_pfn(zone, end - 1))
		return false;
	*start = s;
	if (!num_free)
		return true;
	*num_free = 0;
	*num_movable = 0;
	for (p = s; p < end;) {
		if (pf->state[p] == PS_BUDDY) {
			*num_free += 1L << page_order(pf, p);
			p += 1UL << page_order(pf, p);
			continue;
		}
		if (page_is_lru(sim, p))
			(*num_movable)++;
		p++;
	}
	return true;
}

/*
 * __move_freepages_block(): every free block of the pageblock to new_mt.
 * The kernel is told the old type; here each block's list is known from
 * page_where().
 */
static long __move_freepages_block(struct sim *sim, struct zone *zone,
				   unsigned long start, int new_mt)
{
	struct page_frames *pf = &sim->pages;
	unsigned long end = start + pageblock_nr_pages, p;
	long moved = 0;

	for (p = start; p < end;) {
		unsigned int order;

		if (pf->state[p] != PS_BUDDY) {
			p++;
			continue;
		}
		order = page_order(pf, p);
		move_to_free_list(sim, zone, p, order, page_where(pf, p),
				  new_mt);
		p += 1UL << order;
		moved += 1L << order;
	}
	set_pageblock_migratetype(sim, start, new_mt);
	return moved;
}

/*
 * try_to_steal_block(): take whole pageblocks for start_type, or claim a
 * partly used pageblock when at least half of it is free or alike.
 */
static unsigned long try_to_steal_block(struct sim *sim, struct zone *zone,
					unsigned long pfn,
					unsigned int current_order,
					unsigned int order, int start_type,
					unsigned int alloc_flags)
{
	int block_type = get_pageblock_migratetype(sim, pfn);
	long free_pages, movable_pages, alike_pages;
	unsigned long start;

	if (block_type == MIGRATE_HIGHATOMIC)
		return NO_PFN;
	if (whole_pageblocks(current_order)) {
		int list_mt = (int)page_where(&sim->pages, pfn);
		unsigned long nr_added;

		del_from_free_list(sim, zone, pfn, current_order, list_mt);
		account_freepages(zone, -(1L << current_order), list_mt);
		change_pageblock_range(sim, pfn, current_order, start_type);
		nr_added = expand(sim, zone, pfn, order, current_order,
				  start_type);
		account_freepages(zone, (long)nr_added, start_type);
		return pfn;
	}
	if (boost_watermark(sim, zone) && (alloc_flags & ALLOC_KSWAPD))
		zone->flags |= 1UL << ZONE_BOOSTED_WATERMARK;
	if (!prep_move_freepages_block(sim, zone, pfn, &start, &free_pages,
				       &movable_pages))
		return NO_PFN;
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (block_type == MIGRATE_MOVABLE)
		alike_pages =
			(long)pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (free_pages + alike_pages >= (1L << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled(sim)) {
		__move_freepages_block(sim, zone, start, start_type);
		return __rmqueue_smallest(sim, zone, order, start_type);
	}
	return NO_PFN;
}

/*
 * reserve_highatomic_pageblock(): after a high-order atomic allocation,
 * set its pageblock aside for such allocations, up to 1% of the zone
 * rounded up to a pageblock (none in zones under 51200 pages).
 */
static void reserve_highatomic_pageblock(struct sim *sim, unsigned long pfn,
					 unsigned int order, struct zone *zone)
{
	unsigned long one_percent = zone->managed_pages / 100, limit, start;
	int mt = get_pageblock_migratetype(sim, pfn);

	/* 1% of the zone, rounded up to whole pageblocks (ALIGN()) */
	limit = (one_percent + pageblock_nr_pages - 1) &
		~(pageblock_nr_pages - 1);
	if (one_percent < pageblock_nr_pages ||
	    zone->nr_reserved_highatomic >= limit ||
	    !migratetype_is_mergeable(mt))
		return;

	if (whole_pageblocks(order)) {
		change_pageblock_range(sim, pfn, order, MIGRATE_HIGHATOMIC);
	} else {
		/* move_freepages_block() of the one pageblock */
		if (!prep_move_freepages_block(sim, zone, pfn, &start, NULL,
					       NULL))
			return;
		__move_freepages_block(sim, zone, start, MIGRATE_HIGHATOMIC);
	}
	zone->nr_reserved_highatomic += max(1UL << order, pageblock_nr_pages);
}

/*
 * unreserve_highatomic_pageblock(): when an allocation is about to fail,
 * give one highatomic pageblock of the zonelist back to ac->migratetype;
 * without force, each zone keeps one reserved pageblock. Returns true if
 * free pages were moved.
 */
bool unreserve_highatomic_pageblock(struct sim *sim,
				    const struct alloc_context *ac, bool force)
{
	struct zone *zone;
	int i;

	for_each_zone_zonelist(zone, i, ac->zonelist, ac->highest_zoneidx) {
		/* without force the zone keeps its one reserved pageblock */
		if (!force &&
		    zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
			uint32_t pfn = free_list_first(sim, zone, order,
						       MIGRATE_HIGHATOMIC);
			unsigned long start;
			long ret;
			int mt;

			if (pfn == NIL_PFN)
				continue;
			mt = get_pageblock_migratetype(sim, pfn);
			/* the reserve shrinks by the block, within reason */
			if (mt == MIGRATE_HIGHATOMIC)
				zone->nr_reserved_highatomic -=
					clamp(1UL << order, pageblock_nr_pages,
					      zone->nr_reserved_highatomic);
			if (whole_pageblocks(order)) {
				move_to_free_list(sim, zone, pfn, order,
						  MIGRATE_HIGHATOMIC,
						  ac->migratetype);
				change_pageblock_range(sim, pfn, order,
						       ac->migratetype);
				ret = 1;
			} else if (prep_move_freepages_block(sim, zone, pfn,
							     &start, NULL,
							     NULL)) {
				ret = __move_freepages_block(sim, zone, start,
							     ac->migratetype);
			} else {
				ret = -1;
			}
			SIM_WARN_ON_ONCE(sim, ret == -1);
			if (ret > 0)
				return true;
		}
	}
	return false;
}

/* __rmqueue_claim(): the largest fallback block first */
static unsigned long __rmqueue_claim(struct sim *sim, struct zone *zone,
				     int order, int start_mt,
				     unsigned int alloc_flags)
{
	int min_order = order;

	/* ALLOC_NOFRAGMENT: only whole pageblocks, so none is split */
	if ((alloc_flags & ALLOC_NOFRAGMENT) && !whole_pageblocks(order))
		min_order = pageblock_order;

	for (int current_order = MAX_PAGE_ORDER; current_order >= min_order;
	     current_order--) {
		struct free_area *area = &zone->free_area[current_order];
		bool can_steal;
		int fmt;
		unsigned long pfn;

		fmt = find_suitable_fallback(sim, area, current_order, start_mt,
					     &can_steal);
		if (fmt == -1)
			continue;
		if (!can_steal)
			break;
		pfn = free_list_first(sim, zone, (unsigned int)current_order,
				      fmt);
		pfn = try_to_steal_block(sim, zone, pfn, current_order, order,
					 start_mt, alloc_flags);
		if (pfn != NO_PFN)
			return pfn;
	}
	return NO_PFN;
}

/* __rmqueue_steal(): one block from the smallest fallback that fits */
static unsigned long __rmqueue_steal(struct sim *sim, struct zone *zone,
				     unsigned int order, int start_mt)
{
	unsigned int current_order;

	for (current_order = order; current_order < NR_PAGE_ORDERS;
	     current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		bool can_steal;
		int fmt;
		unsigned long pfn;

		fmt = find_suitable_fallback(sim, area, current_order, start_mt,
					     &can_steal);
		if (fmt == -1)
			continue;
		pfn = free_list_first(sim, zone, (unsigned int)current_order,
				      fmt);
		page_del_and_expand(sim, zone, pfn, order, current_order, fmt);
		return pfn;
	}
	return NO_PFN;
}

/* __rmqueue() from RMQUEUE_NORMAL (rmqueue_buddy() always starts there) */
static unsigned long __rmqueue(struct sim *sim, struct zone *zone,
			       unsigned int order, int mt,
			       unsigned int alloc_flags)
{
	unsigned long pfn;

	pfn = __rmqueue_smallest(sim, zone, order, mt);
	if (pfn != NO_PFN)
		return pfn;
	pfn = __rmqueue_claim(sim, zone, (int)order, mt, alloc_flags);
	if (pfn != NO_PFN)
		return pfn;
	if (!(alloc_flags & ALLOC_NOFRAGMENT))
		return __rmqueue_steal(sim, zone, order, mt);
	return NO_PFN;
}

/* }====== */

/* {====== zonelists */

static int node_distance(const struct sim *sim, int a, int b)
{
	(void)sim;
	return a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* A node "has CPUs" when the cpus, spread evenly over nodes, reach it. */
static int nr_cpus_of_node(const struct sim *sim, int nid)
{
	int n = sim->cfg.nr_cpus / sim->nr_nodes;

	return n + (nid < sim->cfg.nr_cpus % sim->nr_nodes);
}

/* find_next_best_node() */
static int find_next_best_node(const struct sim *sim, int node, bool *used,
			       const int *node_load)
{
	int n, best = -1, min_val = INT_MAX;

	if (!used[node] && node_has_memory(&sim->node_data[node])) {
		used[node] = true;
		return node;
	}
	for (n = 0; n < sim->nr_nodes; n++) {
		int val;

		if (used[n] || !node_has_memory(&sim->node_data[n]))
			continue;
		val = node_distance(sim, node, n);
		val += n < node; /* prefer the next node */
		if (nr_cpus_of_node(sim, n))
			val += 1; /* PENALTY_FOR_NODE_WITH_CPUS */
		val *= 1024; /* MAX_NUMNODES */
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best = n;
		}
	}
	if (best >= 0)
		used[best] = true;
	return best;
}

/* build_zonerefs_node(): populated zones, highest index first */
static int build_zonerefs_node(struct sim *sim, int nid, struct zone **zrefs)
{
	int zid, nr = 0;

	for (zid = MAX_NR_ZONES - 1; zid >= 0; zid--) {
		struct zone *zone = page_zone_of(sim, nid, zid);

		if (populated_zone(zone))
			zrefs[nr++] = zone;
	}
	return nr;
}

/*
 * build_all_zonelists() -> build_zonelists() per node: ZONELIST_FALLBACK,
 * node-local zones first, other nodes by find_next_best_node(). node_load
 * persists across nodes as the kernel's static array does.
 */
void build_all_zonelists(struct sim *sim)
{
	int node_load[SIM_MAX_NODES] = { 0 };
	int nid;

	for (nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];
		bool used[SIM_MAX_NODES] = { false };
		int node, prev = nid, nr = 0;

		while ((node = find_next_best_node(sim, nid, used,
						   node_load)) >= 0) {
			if (node_distance(sim, nid, node) !=
			    node_distance(sim, nid, prev))
				node_load[node] += 1;
			nr += build_zonerefs_node(sim, node,
						  pgdat->zonelist + nr);
			prev = node;
		}
		pgdat->zonelist[nr] = NULL;
	}
}

/* }====== */

/* {====== min_free_kbytes, watermarks, reserves */

/* include/linux/math.h: mult_frac() */
static unsigned long mult_frac(unsigned long x, unsigned long n,
			       unsigned long d)
{
	return (x / d) * n + (x % d) * n / d;
}

/* lib/math/int_sqrt.c: int_sqrt() */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/*
 * nr_free_zone_pages(): managed pages above the high watermark in the
 * zones of node 0's fallback zonelist up to offset.
 */
static unsigned long nr_free_zone_pages(const struct sim *sim, int offset)
{
	struct zone *const *z;
	unsigned long sum = 0;

	for (z = sim->node_data[0].zonelist; *z; z++) {
		unsigned long size = (*z)->managed_pages;
		unsigned long high = high_wmark_pages(*z);

		if (zone_idx(*z) > offset)
			continue;
		if (size > high)
			sum += size - high;
	}
	return sum;
}

/* nr_free_buffer_pages(): gfp_zone(GFP_USER) = ZONE_NORMAL */
static unsigned long nr_free_buffer_pages(const struct sim *sim)
{
	return nr_free_zone_pages(sim, ZONE_NORMAL);
}

/*
 * calculate_min_free_kbytes(): sqrt(lowmem_kbytes * 16), clamped to
 * 128..262144, unless the user's value is at least as large.
 */
static void calculate_min_free_kbytes(struct sim *sim)
{
	unsigned long lowmem_kbytes;
	int new_min_free_kbytes;

	lowmem_kbytes = nr_free_buffer_pages(sim) * (PAGE_SIZE >> 10);
	new_min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);
	if (new_min_free_kbytes > sim->user_min_free_kbytes) {
		if (new_min_free_kbytes < 128)
			new_min_free_kbytes = 128;
		if (new_min_free_kbytes > 262144)
			new_min_free_kbytes = 262144;
		sim->cfg.sysctl.min_free_kbytes = new_min_free_kbytes;
	}
}

/*
 * ZONE_MOVABLE takes no share of min_free_kbytes: the kernel cannot
 * allocate from it in a pinch, so reserves there would not help.
 */
static bool zone_is_movable(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_MOVABLE;
}

/*
 * __setup_per_zone_wmarks(): min is the zone's share of min_free_kbytes
 * by managed pages (Movable: managed/1024 clamped to 32..128); low, high
 * and promo are min + 1, 2, 3 times max(min/4, managed * wsf / 10000).
 * Boosts are cleared.
 */
static void __setup_per_zone_wmarks(struct sim *sim)
{
	unsigned long pages_min =
		(unsigned long)sim->cfg.sysctl.min_free_kbytes >>
		(PAGE_SHIFT - 10);
	unsigned long wsf =
		(unsigned long)sim->cfg.sysctl.watermark_scale_factor;
	unsigned long lowmem = 0;
	struct zone *zone;
	int nid;

	for (nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			if (!zone_is_movable(zone))
				lowmem += zone->managed_pages;
	for (nid = 0; nid < sim->nr_nodes; nid++) {
		for_each_node_zone(zone, &sim->node_data[nid]) {
			unsigned long managed = zone->managed_pages;
			unsigned long share =
				lowmem ? pages_min * managed / lowmem : 0;
			unsigned long step =
				max(share >> 2, mult_frac(managed, wsf, 10000));
			unsigned long *wmark = zone->_watermark;

			/* ZONE_MOVABLE keeps a small fixed floor of its own */
			if (zone_is_movable(zone))
				share = clamp(managed / 1024, SWAP_CLUSTER_MAX,
					      128);
			zone->watermark_boost = 0;
			wmark[WMARK_MIN] = share;
			wmark[WMARK_LOW] = wmark[WMARK_MIN] + step;
			wmark[WMARK_HIGH] = wmark[WMARK_LOW] + step;
			wmark[WMARK_PROMO] = wmark[WMARK_HIGH] + step;
		}
	}
	calculate_totalreserve_pages(sim);
}

/* setup_per_zone_wmarks(): then zone_pcp_update() for every zone */
void setup_per_zone_wmarks(struct sim *sim)
{
	struct zone *zone;

	__setup_per_zone_wmarks(sim);
	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			zone_pcp_update(sim, zone);
}

/*
 * calculate_totalreserve_pages(): per zone the largest lowmem_reserve
 * above it plus its high watermark (with boost), at most its managed.
 */
void calculate_totalreserve_pages(struct sim *sim)
{
	unsigned long total = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];
		struct zone *zone;

		unsigned long node_total = 0;

		for_each_node_zone(zone, pgdat) {
			unsigned long reserve = 0, kept;

			for (int j = zone_idx(zone); j < MAX_NR_ZONES; j++)
				reserve = max(
					reserve,
					(unsigned long)zone->lowmem_reserve[j]);
			kept = min(reserve + high_wmark_pages(zone),
				   zone->managed_pages);
			node_total += kept;
		}
		pgdat->totalreserve_pages = node_total;
		total += node_total;
	}
	sim->totalreserve_pages = total;
}

/*
 * setup_per_zone_lowmem_reserve(): lowmem_reserve[j] of zone i is the
 * managed pages of zones i+1..j of the same node over the ratio of zone i.
 */
void setup_per_zone_lowmem_reserve(struct sim *sim)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];
		struct zone *zone, *upper;

		for_each_node_zone(zone, pgdat) {
			int ratio =
				sim->cfg.sysctl
					.lowmem_reserve_ratio[zone_idx(zone)];
			bool clear = !ratio || !zone->managed_pages;
			unsigned long above = 0; /* managed pages up to upper */

			/* the top zone has no zone above it to reserve for */
			for (upper = zone + 1;
			     upper < pgdat->node_zones + MAX_NR_ZONES;
			     upper++) {
				above += upper->managed_pages;
				zone->lowmem_reserve[zone_idx(upper)] =
					clear ? 0 :
						(long)(above /
						       (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages(sim);
}

/* A node's zones' managed pages * ratio / 100, rounded down zone by zone */
static unsigned long node_ratio_pages(const struct pglist_data *pgdat,
				      int ratio)
{
	const struct zone *zone;
	unsigned long pages = 0;

	for_each_node_zone(zone, pgdat)
		pages += zone->managed_pages * (unsigned long)ratio / 100;
	return pages;
}

/*
 * setup_min_unmapped_ratio() and setup_min_slab_ratio(): each node's
 * share of its zones' managed pages below which node_reclaim() leaves
 * page cache and slab alone
 */
static void setup_min_unmapped_ratio(struct sim *sim)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++)
		sim->node_data[nid].min_unmapped_pages =
			node_ratio_pages(&sim->node_data[nid],
					 sim->cfg.sysctl.min_unmapped_ratio);
}

static void setup_min_slab_ratio(struct sim *sim)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++)
		sim->node_data[nid].min_slab_pages = node_ratio_pages(
			&sim->node_data[nid], sim->cfg.sysctl.min_slab_ratio);
}

/* init_per_zone_wmark_min(): postcore_initcall at boot */
void init_per_zone_wmark_min(struct sim *sim)
{
	calculate_min_free_kbytes(sim);
	setup_per_zone_wmarks(sim);
	setup_per_zone_lowmem_reserve(sim);
	setup_min_unmapped_ratio(sim);
	setup_min_slab_ratio(sim);
}

/*
 * mm/khugepaged.c: set_recommended_min_free_kbytes(): room for two free
 * pageblocks per populated lowmem zone plus MIGRATE_PCPTYPES^2 for
 * fallbacks, at most 5% of lowmem; only ever raises min_free_kbytes.
 */
void set_recommended_min_free_kbytes(struct sim *sim)
{
	unsigned long recommended_min, nr_zones = 0;
	struct zone *zone;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			if (zone_idx(zone) <= ZONE_NORMAL &&
			    populated_zone(zone))
				nr_zones++;
	/*
	 * Per lowmem zone: two pageblocks for fragmentation avoidance, and
	 * one for each pair of mobility types that may fall back.
	 */
	recommended_min = pageblock_nr_pages * nr_zones *
			  (2 + MIGRATE_PCPTYPES * MIGRATE_PCPTYPES);
	if (recommended_min > nr_free_buffer_pages(sim) / 20)
		recommended_min = nr_free_buffer_pages(sim) / 20;
	recommended_min <<= (PAGE_SHIFT - 10);
	if (recommended_min > (unsigned long)sim->cfg.sysctl.min_free_kbytes)
		sim->cfg.sysctl.min_free_kbytes = (int)recommended_min;
	setup_per_zone_wmarks(sim);
}

/* }====== */

/* {====== per-cpu pageset sizes (the lists themselves stay empty) */

static unsigned long rounddown_pow_of_two(unsigned long n)
{
	unsigned long r = 1;

	while (r <= n / 2)
		r <<= 1;
	return r;
}

/* zone_batchsize(): ~0.1% of the zone or 1 MiB, as 2^n - 1 */
static int zone_batchsize(const struct zone *zone)
{
	long batch = (long)(zone->managed_pages >> 10);

	if (batch > (long)((1UL << 20) / PAGE_SIZE))
		batch = (1L << 20) / (long)PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (int)rounddown_pow_of_two((unsigned long)(batch + batch / 2)) -
	       1;
}

/* zone_highsize() with cpu_online = 0 */
static int zone_highsize(const struct sim *sim, const struct zone *zone,
			 int batch, int high_fraction)
{
	unsigned long total_pages;
	int nr_split_cpus;
	long high;

	/* without a fraction the low mark of the zone is shared out */
	total_pages = high_fraction ? zone->managed_pages /
					      (unsigned long)high_fraction :
				      low_wmark_pages(zone);
	nr_split_cpus = nr_cpus_of_node(sim, zone->zone_pgdat->node_id);
	if (!nr_split_cpus)
		nr_split_cpus = sim->cfg.nr_cpus;
	high = (long)(total_pages / (unsigned long)nr_split_cpus);
	if (high < (long)batch << 2)
		high = (long)batch << 2;
	return (int)high;
}

/* zone_pcp_update() -> zone_set_pageset_high_and_batch() */
void zone_pcp_update(struct sim *sim, struct zone *zone)
{
	int fraction = sim->cfg.sysctl.percpu_pagelist_high_fraction;
	int batch, high_min, high_max, cpu;

	batch = zone_batchsize(zone);
	if (batch < 1)
		batch = 1;
	if (fraction) {
		high_min = zone_highsize(sim, zone, batch, fraction);
		high_max = high_min;
	} else {
		high_min = zone_highsize(sim, zone, batch, 0);
		high_max = zone_highsize(sim, zone, batch,
					 MIN_PERCPU_PAGELIST_HIGH_FRACTION);
	}
	for (cpu = 0; cpu < sim->cfg.nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		/* pageset_update(): high itself moves into the new range
		 * at the next refill or free (nr_pcp_alloc(), nr_pcp_high()) */
		pcp->batch = batch;
		pcp->high_min = high_min;
		pcp->high_max = high_max;
	}
}

/* }====== */

/* {====== watermark checks */

/* __zone_watermark_unusable_free() */
static long __zone_watermark_unusable_free(const struct zone *z,
					   unsigned int order,
					   unsigned int alloc_flags)
{
	long unusable_free = (1L << order) - 1;

	if (!(alloc_flags & ALLOC_RESERVES))
		unusable_free += (long)z->nr_free_highatomic;
	return unusable_free;
}

/*
 * The part of the mark a caller may not dip below: __GFP_HIGH callers
 * (ALLOC_MIN_RESERVE) keep half of it, those that may not sleep three
 * quarters of that, OOM victims half again.
 */
static long reserve_floor(unsigned long mark, unsigned int alloc_flags)
{
	bool min_reserve = alloc_flags & ALLOC_MIN_RESERVE;
	long floor = (long)mark;

	if (min_reserve)
		floor -= floor / 2;
	if (min_reserve && (alloc_flags & ALLOC_NON_BLOCK))
		floor -= floor / 4;
	if (alloc_flags & ALLOC_OOM)
		floor -= floor / 2;
	return floor;
}

/*
 * A free block of this area is on a list the request may take: the three
 * mobility types, and the highatomic reserve for ALLOC_HIGHATOMIC and
 * OOM victims.
 */
static bool free_area_usable(const struct free_area *area,
			     unsigned int alloc_flags)
{
	bool highatomic = alloc_flags & (ALLOC_HIGHATOMIC | ALLOC_OOM);

	if (!area->nr_free)
		return false;
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		if (area->free_list[mt].nr)
			return true;
	return highatomic && !free_area_empty(area, MIGRATE_HIGHATOMIC);
}

/*
 * __zone_watermark_ok(): true if free_pages, less what this request may
 * not use, stays above mark (cut for reserves: __GFP_HIGH keeps half,
 * non-blocking three quarters of that, OOM victims half again) plus the
 * lowmem reserve for highest_zoneidx, and for order > 0 a free block of
 * at least that order exists on a list the request may use.
 */
static bool __zone_watermark_ok(const struct zone *z, unsigned int order,
				unsigned long mark, int highest_zoneidx,
				unsigned int alloc_flags, long free_pages)
{
	long usable = free_pages -
		      __zone_watermark_unusable_free(z, order, alloc_flags);

	if (usable <= reserve_floor(mark, alloc_flags) +
			      z->lowmem_reserve[highest_zoneidx])
		return false;
	/* beyond the count, a high order needs a block of its size */
	if (!order)
		return true;
	for (unsigned int o = order; o <= MAX_PAGE_ORDER; o++)
		if (free_area_usable(&z->free_area[o], alloc_flags))
			return true;
	return false;
}

/* zone_watermark_ok() */
bool zone_watermark_ok(const struct zone *zone, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	return __zone_watermark_ok(zone, order, mark, highest_zoneidx,
				   alloc_flags, zone->vm_stat[NR_FREE_PAGES]);
}

/* zone_watermark_fast() */
static bool zone_watermark_fast(const struct zone *z, unsigned int order,
				unsigned long mark, int highest_zoneidx,
				unsigned int alloc_flags)
{
	long free_pages = z->vm_stat[NR_FREE_PAGES];
	bool ok;

	if (!order) {
		long reserved =
			__zone_watermark_unusable_free(z, 0, alloc_flags);
		long usable = free_pages -
			      (free_pages < reserved ? free_pages : reserved);

		if (usable > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	ok = __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				 free_pages);
	if (ok)
		return true;
	/* boosting is ignored for __GFP_HIGH order-0 min-watermark checks */
	if (!order && (alloc_flags & ALLOC_MIN_RESERVE) && z->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)
		return __zone_watermark_ok(z, 0, z->_watermark[WMARK_MIN],
					   highest_zoneidx, alloc_flags,
					   free_pages);
	return false;
}

bool sim_zone_watermark_ok(const struct sim *sim, int nid, int zid,
			   unsigned int order, unsigned long mark,
			   int highest_zoneidx, unsigned int alloc_flags)
{
	if (nid < 0 || nid >= sim->nr_nodes || zid < 0 || zid >= MAX_NR_ZONES ||
	    order > MAX_PAGE_ORDER || highest_zoneidx < 0 ||
	    highest_zoneidx >= MAX_NR_ZONES)
		return false;
	return zone_watermark_ok(&sim->node_data[nid].node_zones[zid], order,
				 mark, highest_zoneidx, alloc_flags);
}

static const struct {
	const char *name;
	unsigned int flag;
} alloc_flag_names[] = {
	{ "ALLOC_WMARK_MIN", ALLOC_WMARK_MIN },
	{ "ALLOC_WMARK_LOW", ALLOC_WMARK_LOW },
	{ "ALLOC_WMARK_HIGH", ALLOC_WMARK_HIGH },
	{ "ALLOC_NO_WATERMARKS", ALLOC_NO_WATERMARKS },
	{ "ALLOC_OOM", ALLOC_OOM },
	{ "ALLOC_NON_BLOCK", ALLOC_NON_BLOCK },
	{ "ALLOC_MIN_RESERVE", ALLOC_MIN_RESERVE },
	/* __GFP_HIGH's name for ALLOC_MIN_RESERVE (same bit) */
	{ "ALLOC_HIGH", ALLOC_MIN_RESERVE },
	{ "ALLOC_CPUSET", ALLOC_CPUSET },
	{ "ALLOC_CMA", ALLOC_CMA },
	{ "ALLOC_NOFRAGMENT", ALLOC_NOFRAGMENT },
	{ "ALLOC_HIGHATOMIC", ALLOC_HIGHATOMIC },
	{ "ALLOC_KSWAPD", ALLOC_KSWAPD },
	{ "ALLOC_RESERVES", ALLOC_RESERVES },
};

/*
 * Parse "ALLOC_MIN_RESERVE|ALLOC_OOM" (spaces allowed around '|', "0"
 * or "" for none). ALLOC_HARDER of older kernels does not exist in 6.12.
 */
int sim_alloc_flags_parse(const char *text, unsigned int *flags)
{
	unsigned int f = 0;
	const char *p = text;

	if (!text)
		return -EINVAL;
	while (*p) {
		size_t n, i;

		while (*p == ' ' || *p == '|')
			p++;
		if (!*p)
			break;
		n = strcspn(p, " |");
		for (i = 0; i < ARRAY_SIZE(alloc_flag_names); i++)
			if (strlen(alloc_flag_names[i].name) == n &&
			    !strncmp(p, alloc_flag_names[i].name, n))
				break;
		if (i == ARRAY_SIZE(alloc_flag_names)) {
			if (n == 1 && *p == '0') {
				p += n;
				continue;
			}
			return -EINVAL;
		}
		f |= alloc_flag_names[i].flag;
		p += n;
	}
	*flags = f;
	return 0;
}

/* }====== */

/* {====== the allocation fast path */

/* zone_statistics(): one event per allocation, not per page */
static void zone_statistics(const struct sim *sim, struct zone *preferred_zone,
			    struct zone *z)
{
	int nid = z->zone_pgdat->node_id;

	if (nid == preferred_zone->zone_pgdat->node_id) {
		z->vm_numa_event[NUMA_HIT]++;
	} else {
		z->vm_numa_event[NUMA_MISS]++;
		preferred_zone->vm_numa_event[NUMA_FOREIGN]++;
	}
	z->vm_numa_event[nid == numa_node_id(sim) ? NUMA_LOCAL : NUMA_OTHER]++;
}

/*
 * prep_new_page(): the block is the caller's, its head PS_KERNEL. A
 * request with __GFP_ZERO pays for clearing every page of the block
 * (post_alloc_hook(): kernel_init_pages()).
 */
static void prep_new_page(struct sim *sim, unsigned long pfn,
			  unsigned int order, unsigned int gfp_mask)
{
	prep_block(sim, pfn, order, PS_KERNEL);
	sim->pages.next[pfn] = NIL_PFN;
	sim->pages.prev[pfn] = NIL_PFN;
	charge_first_touch(sim, pfn, order);
	if (gfp_mask & __GFP_ZERO)
		charge_cost(sim, COST_COPY, 1UL << order);
}

/*
 * rmqueue_bulk(): a refill of count blocks for one pcp list, each added
 * at the tail, so that the list runs in the order expand() split them.
 */
static int rmqueue_bulk(struct sim *sim, struct zone *zone, unsigned int order,
			int count, struct per_cpu_pages *pcp, int mt,
			unsigned int alloc_flags)
{
	int i;

	for (i = 0; i < count; i++) {
		unsigned long pfn =
			__rmqueue(sim, zone, order, mt, alloc_flags);

		if (pfn == NO_PFN)
			break;
		pcp_list_add(sim, pcp, pfn, order, mt, true);
	}
	return i;
}

/*
 * rmqueue_pcplist() -> __rmqueue_pcplist(): the head of this CPU's list
 * for the request's type and order, refilled from the buddy lists when it
 * is empty. An allocation shortens the run of frees (free_count halves).
 */
static unsigned long rmqueue_pcplist(struct sim *sim, struct zone *zone,
				     unsigned int order, int mt,
				     unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id(sim)];
	struct pfn_list *list = &pcp->lists[order_to_pindex(mt, order)];
	unsigned long pfn;

	pcp->free_count >>= 1;
	if (!list->nr) {
		int batch = nr_pcp_alloc(pcp, zone, order);

		pcp->count += rmqueue_bulk(sim, zone, order, batch, pcp, mt,
					   alloc_flags)
			      << order;
		if (!list->nr)
			return NO_PFN;
	}
	pfn = list->head;
	pfn_list_del(&sim->pages, list, pfn);
	pcp->count -= 1 << order;
	return pfn;
}

/*
 * rmqueue(): low orders and THPs from this CPU's lists; otherwise, or when
 * a refill found nothing, rmqueue_buddy(): highatomic first for
 * ALLOC_HIGHATOMIC, then __rmqueue(), then highatomic for OOM and
 * non-blocking requests. At the end wake kswapd for a zone boosted by
 * this allocation's fallback.
 */
static unsigned long rmqueue(struct sim *sim, struct zone *preferred_zone,
			     struct zone *zone, unsigned int order,
			     unsigned int alloc_flags, int mt)
{
	/* the highatomic reserve: first for ALLOC_HIGHATOMIC, last resort
	 * of OOM victims and of requests that may not sleep */
	bool reserve_first = alloc_flags & ALLOC_HIGHATOMIC;
	bool reserve_last = alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK);
	unsigned long pfn = NO_PFN;

	if (pcp_allowed_order(order))
		pfn = rmqueue_pcplist(sim, zone, order, mt, alloc_flags);
	if (pfn == NO_PFN && reserve_first)
		pfn = __rmqueue_smallest(sim, zone, order, MIGRATE_HIGHATOMIC);
	if (pfn == NO_PFN)
		pfn = __rmqueue(sim, zone, order, mt, alloc_flags);
	if (pfn == NO_PFN && reserve_last)
		pfn = __rmqueue_smallest(sim, zone, order, MIGRATE_HIGHATOMIC);
	if (pfn == NO_PFN)
		return NO_PFN;

	count_vm_events(sim, (enum vm_event_item)(PGALLOC_DMA + zone_idx(zone)),
			1UL << order);
	zone_statistics(sim, preferred_zone, zone);
	/* a fallback of this request boosted the zone: kswapd reclaims it */
	if ((zone->flags & (1UL << ZONE_BOOSTED_WATERMARK)) &&
	    (alloc_flags & ALLOC_KSWAPD)) {
		zone->flags &= ~(1UL << ZONE_BOOSTED_WATERMARK);
		wakeup_kswapd(zone, 0, 0, (enum zone_type)zone_idx(zone));
	}
	return pfn;
}

/* mm/page_alloc.c: zone_allows_reclaim(): within node_reclaim_distance */
static bool zone_allows_reclaim(const struct sim *sim,
				const struct zone *local_zone,
				const struct zone *zone)
{
	return node_distance(sim, local_zone->zone_pgdat->node_id,
			     zone->zone_pgdat->node_id) <= RECLAIM_DISTANCE;
}

/*
 * get_page_from_freelist()'s verdict on one zone: above its high mark (a
 * zone once found below it is marked ZONE_BELOW_HIGH and goes straight to
 * the alloc_flags mark), above the alloc_flags mark, past all marks with
 * ALLOC_NO_WATERMARKS, or above the mark again after node_reclaim() when
 * zone_reclaim_mode allows it for this zone.
 */
static bool zone_can_serve(struct sim *sim, struct zone *zone,
			   unsigned int gfp_mask, unsigned int order,
			   unsigned int alloc_flags,
			   const struct alloc_context *ac)
{
	enum zone_watermarks wmark = alloc_flags & ALLOC_WMARK_MASK;
	unsigned long mark = wmark_pages(zone, wmark);
	const int highidx = ac->highest_zoneidx;

	if (!(zone->flags & (1UL << ZONE_BELOW_HIGH))) {
		if (zone_watermark_fast(zone, order, high_wmark_pages(zone),
					highidx, alloc_flags))
			return true;
		zone->flags |= 1UL << ZONE_BELOW_HIGH;
	}
	if ((alloc_flags & ALLOC_NO_WATERMARKS) ||
	    zone_watermark_fast(zone, order, mark, highidx, alloc_flags))
		return true;
	if (!node_reclaim_enabled(sim) ||
	    !zone_allows_reclaim(sim, ac->preferred_zone, zone))
		return false;
	switch (node_reclaim(zone->zone_pgdat, gfp_mask, order)) {
	case NODE_RECLAIM_NOSCAN: /* it did not scan */
	case NODE_RECLAIM_FULL: /* nothing there was reclaimable */
		return false;
	default: /* some or enough: is the zone above the mark now? */
		return zone_watermark_ok(zone, order, mark, highidx,
					 alloc_flags);
	}
}

/*
 * get_page_from_freelist(): the first zone of the zonelist, from the
 * preferred zone on, that passes its watermark; with ALLOC_NOFRAGMENT
 * first, then again without it. A zone below its mark is first offered
 * to node_reclaim() when zone_reclaim_mode asks for it. A __GFP_WRITE
 * request in the fast path skips the nodes over their dirty limit
 * (node_dirty_ok()). No cpusets.
 */
/*
 * One walk of get_page_from_freelist() over the zonelist: the block from
 * the first zone that can serve it, or NO_PFN. With ALLOC_NOFRAGMENT the
 * walk stops at the first zone of another node, which is worth a second
 * walk without it before a pageblock of this node is mixed.
 */
static unsigned long zonelist_alloc(struct sim *sim, unsigned int gfp_mask,
				    unsigned int order, unsigned int flags,
				    const struct alloc_context *ac)
{
	bool no_fallback = flags & ALLOC_NOFRAGMENT;
	const struct pglist_data *last_pgdat = NULL;
	bool last_pgdat_dirty_ok = false;
	struct zone *zone;
	unsigned long pfn;
	int i;

	for_each_zone_zonelist(zone, i, ac->zonelist, ac->highest_zoneidx) {
		/*
		 * A page-cache page for a write comes only from a node within
		 * its dirty limit, so that kswapd need not write pages back
		 * to balance it. On one node this sends a writer over the
		 * limit to the slow path, which wakes kswapd though the zone
		 * is above low (the slow path lets the limit go).
		 */
		if (ac->spread_dirty_pages) {
			if (last_pgdat != zone->zone_pgdat) {
				last_pgdat = zone->zone_pgdat;
				last_pgdat_dirty_ok =
					node_dirty_ok(sim, last_pgdat);
			}
			if (!last_pgdat_dirty_ok)
				continue;
		}
		if (no_fallback && sim->nr_nodes > 1 &&
		    zone != ac->preferred_zone &&
		    zone->zone_pgdat != ac->preferred_zone->zone_pgdat)
			return NO_PFN;
		if (!zone_can_serve(sim, zone, gfp_mask, order, flags, ac))
			continue;
		pfn = rmqueue(sim, ac->preferred_zone, zone, order, flags,
			      ac->migratetype);
		if (pfn == NO_PFN)
			continue;
		prep_new_page(sim, pfn, order, gfp_mask);
		if (flags & ALLOC_HIGHATOMIC)
			reserve_highatomic_pageblock(sim, pfn, order, zone);
		return pfn;
	}
	return NO_PFN;
}

unsigned long get_page_from_freelist(struct sim *sim, unsigned int gfp_mask,
				     unsigned int order, int alloc_flags,
				     const struct alloc_context *ac)
{
	unsigned int flags = (unsigned int)alloc_flags;
	unsigned long pfn = zonelist_alloc(sim, gfp_mask, order, flags, ac);

	/* a walk that avoided fragmentation gets a second, without */
	if (pfn == NO_PFN && (flags & ALLOC_NOFRAGMENT))
		pfn = zonelist_alloc(sim, gfp_mask, order,
				     flags & ~ALLOC_NOFRAGMENT, ac);
	return pfn;
}

/*
 * alloc_flags_nofragment(): avoid mixing pageblocks when the preferred
 * zone is Normal and no lower zone of this node could take the
 * fragmentation instead (one node, or a populated DMA32).
 */
static unsigned int alloc_flags_nofragment(const struct sim *sim,
					   const struct zone *zone,
					   unsigned int gfp_mask)
{
	unsigned int kswapd = gfp_mask & __GFP_KSWAPD_RECLAIM;

	if (zone && zone_idx(zone) == ZONE_NORMAL &&
	    (sim->nr_nodes == 1 ||
	     populated_zone(&zone->zone_pgdat->node_zones[ZONE_DMA32])))
		return kswapd | ALLOC_NOFRAGMENT;
	return kswapd;
}

/* prepare_alloc_pages() */
static bool prepare_alloc_pages(struct sim *sim, unsigned int gfp_mask,
				int preferred_nid, struct alloc_context *ac)
{
	struct zone *zone;
	int i;

	*ac = (struct alloc_context){
		.zonelist = sim->node_data[preferred_nid].zonelist,
		.preferred_nid = preferred_nid,
		.highest_zoneidx = gfp_zone(gfp_mask),
		.migratetype = gfp_migratetype(gfp_mask),
		.spread_dirty_pages = gfp_mask & __GFP_WRITE,
	};
	if (ac->highest_zoneidx < 0)
		return false;
	/*
	 * might_alloc(): an allocation that may sleep may also be preempted
	 * here (might_sleep() is a cond_resched() under Debian's voluntary
	 * preemption). A reader whose allocation has just woken kswapd thus
	 * gives it the CPU at its next page, not at the end of its
	 * readahead window.
	 */
	if (gfpflags_allow_blocking(gfp_mask))
		cond_resched(sim);
	/* the first zone of the zonelist the request may use */
	for_each_zone_zonelist(zone, i, ac->zonelist, ac->highest_zoneidx) {
		ac->preferred_zone = zone;
		break;
	}
	return ac->preferred_zone != NULL;
}

/* {====== the slow path: kswapd, direct reclaim, OOM */

/* The slow path copies these gfp bits into alloc_flags as they are. */
_Static_assert(__GFP_HIGH == ALLOC_MIN_RESERVE, "gfp_to_alloc_flags()");
_Static_assert(__GFP_KSWAPD_RECLAIM == ALLOC_KSWAPD, "gfp_to_alloc_flags()");

/*
 * mm/page_alloc.c: gfp_to_alloc_flags(): the slow path allocates down to
 * the min watermark, and a request that may not sleep digs further into
 * the reserves. GFP_KERNEL gives WMARK_MIN|CPUSET|KSWAPD = 0x840;
 * GFP_ATOMIC at order 0 gives WMARK_MIN|MIN_RESERVE|KSWAPD|NON_BLOCK =
 * 0x830. The model has no RT tasks and no CMA.
 */
static unsigned int gfp_to_alloc_flags(gfp_t gfp_mask, unsigned int order)
{
	/* __GFP_HIGH and __GFP_KSWAPD_RECLAIM carry over bit for bit */
	unsigned int flags = ALLOC_WMARK_MIN | ALLOC_CPUSET |
			     (gfp_mask & __GFP_HIGH) |
			     (gfp_mask & __GFP_KSWAPD_RECLAIM);
	bool may_sleep = gfp_mask & __GFP_DIRECT_RECLAIM;

	/* an atomic caller digs into the reserves, unless __GFP_NOMEMALLOC */
	if (!may_sleep && !(gfp_mask & __GFP_NOMEMALLOC)) {
		flags |= ALLOC_NON_BLOCK;
		if (order && (flags & ALLOC_MIN_RESERVE))
			flags |= ALLOC_HIGHATOMIC;
	}
	/* an atomic __GFP_HIGH request would rather leave its cpuset than fail */
	if (!may_sleep && (flags & ALLOC_MIN_RESERVE))
		flags &= ~ALLOC_CPUSET;
	return flags;
}

/*
 * mm/page_alloc.c: wake_all_kswapds(): every node of the zonelist gets one
 * wakeup_kswapd() (one mm_vmscan_wakeup_kswapd line in the trace),
 * through the first zone of that node the request may use.
 */
static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask,
			     const struct alloc_context *ac)
{
	const struct pglist_data *woken = NULL;

	for (struct zone *const *z = ac->zonelist; *z; z++) {
		struct zone *zone = *z;

		if (zone_idx(zone) > ac->highest_zoneidx ||
		    !managed_zone(zone) || zone->zone_pgdat == woken)
			continue;
		wakeup_kswapd(zone, gfp_mask, (int)order,
			      (enum zone_type)ac->highest_zoneidx);
		woken = zone->zone_pgdat;
	}
}

/*
 * mm/page_alloc.c: __gfp_pfmemalloc_flags(): a task that is reclaiming
 * (PF_MEMALLOC) allocates past every watermark, so reclaim itself never
 * stalls on memory; an OOM victim may use part of the reserves
 * (ALLOC_OOM) to exit faster.
 */
static unsigned int __gfp_pfmemalloc_flags(struct sim *sim, gfp_t gfp_mask)
{
	const struct task *cur = current_task(sim);

	if (gfp_mask & __GFP_NOMEMALLOC)
		return 0;
	if ((gfp_mask & __GFP_MEMALLOC) || (cur && (cur->flags & PF_MEMALLOC)))
		return ALLOC_NO_WATERMARKS;
	return cur && cur->oom_victim ? ALLOC_OOM : 0;
}

/*
 * mm/page_alloc.c: __perform_reclaim(): try_to_free_pages() runs with
 * PF_MEMALLOC set (memalloc_noreclaim_save()), so an allocation made
 * while reclaiming cannot start a second, nested reclaim.
 */
static unsigned long __perform_reclaim(struct sim *sim, gfp_t gfp_mask,
				       unsigned int order,
				       const struct alloc_context *ac)
{
	struct task *cur = current_task(sim);
	unsigned int saved = cur ? cur->flags & PF_MEMALLOC : 0;
	unsigned long progress;

	cond_resched(sim);
	if (cur)
		cur->flags |= PF_MEMALLOC;
	progress = try_to_free_pages(sim, ac->preferred_nid, (int)order,
				     gfp_mask, 0);
	if (cur)
		cur->flags = (cur->flags & ~PF_MEMALLOC) | saved;
	cond_resched(sim);
	return progress;
}

/*
 * mm/page_alloc.c: __alloc_pages_direct_reclaim(): reclaim, then ask the
 * free lists again at the same watermark; nothing reclaimed, no second
 * look. When that look fails, a highatomic pageblock goes back to the
 * common pool, every CPU's lists are drained (pages they hold do not
 * count for the watermark) and the look is repeated once.
 */
static unsigned long
__alloc_pages_direct_reclaim(struct sim *sim, gfp_t gfp_mask,
			     unsigned int order, unsigned int alloc_flags,
			     const struct alloc_context *ac,
			     unsigned long *did_some_progress)
{
	unsigned long pfn;

	*did_some_progress = __perform_reclaim(sim, gfp_mask, order, ac);
	if (!*did_some_progress)
		return NO_PFN;
	pfn = get_page_from_freelist(sim, gfp_mask, order, (int)alloc_flags,
				     ac);
	if (pfn != NO_PFN)
		return pfn;
	unreserve_highatomic_pageblock(sim, ac, false);
	drain_all_pages(sim, NULL);
	return get_page_from_freelist(sim, gfp_mask, order, (int)alloc_flags,
				      ac);
}

/*
 * mm/page_alloc.c: should_reclaim_retry(): one more round of direct
 * reclaim is worth it while some usable zone would pass its min watermark
 * with everything reclaimable in it freed, and for at most
 * MAX_RECLAIM_RETRIES rounds in a row without progress. Progress of a
 * costly order does not count: freed pages need not form its block. 6.12
 * does not scale `available` down with the rounds. Before the answer is
 * no, a highatomic pageblock given back earns one more round.
 */
static bool should_reclaim_retry(struct sim *sim, unsigned int order,
				 const struct alloc_context *ac,
				 unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	bool counts = did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER;
	struct zone *zone;
	int i;

	*no_progress_loops = counts ? 0 : *no_progress_loops + 1;
	if (*no_progress_loops <= MAX_RECLAIM_RETRIES) {
		for_each_zone_zonelist(zone, i, ac->zonelist,
				       ac->highest_zoneidx) {
			unsigned long available;

			available = zone_reclaimable_pages(zone) +
				    zone_page_state(zone, NR_FREE_PAGES);
			if (__zone_watermark_ok(zone, order,
						min_wmark_pages(zone),
						ac->highest_zoneidx,
						alloc_flags, (long)available)) {
				cond_resched(sim);
				return true;
			}
		}
		cond_resched(sim);
	}
	return unreserve_highatomic_pageblock(sim, ac, true);
}

/*
 * mm/page_alloc.c: __alloc_pages_may_oom(): one last look at the high
 * watermark, without reclaim, in case another task's OOM kill freed
 * memory meanwhile; then out_of_memory() for a request a kill can help:
 * not a costly order, not one that may fail or is bound to one node, not
 * one that only lowmem can serve. *did_some_progress is set when a task
 * was killed (oom_kill in /proc/vmstat) or the request may not fail.
 */
static unsigned long __alloc_pages_may_oom(struct sim *sim, gfp_t gfp_mask,
					   unsigned int order,
					   const struct alloc_context *ac,
					   unsigned long *did_some_progress)
{
	struct oom_control oc = {
		.nid = ac->preferred_nid,
		.gfp_mask = gfp_mask,
		.order = (int)order,
	};
	gfp_t last_look = (gfp_mask | __GFP_HARDWALL) & ~__GFP_DIRECT_RECLAIM;
	unsigned long pfn;

	*did_some_progress = 0;
	pfn = get_page_from_freelist(sim, last_look, order,
				     ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (pfn != NO_PFN || order > PAGE_ALLOC_COSTLY_ORDER ||
	    (gfp_mask & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE)) ||
	    ac->highest_zoneidx < ZONE_NORMAL)
		return pfn;
	if (out_of_memory(sim, &oc) || (gfp_mask & __GFP_NOFAIL))
		*did_some_progress = 1;
	/*
	 * An earlier victim still alive (oc.chosen == -1): the kernel goes
	 * round again while the victim exits on another CPU or the OOM
	 * reaper empties it. The model's tasks take turns, so the allocator
	 * sleeps a tick for the victim to run, as this function does when
	 * another task holds oom_lock.
	 */
	if (oc.chosen == -1)
		schedule_timeout_uninterruptible(sim, 1);
	return NO_PFN;
}

/* An OOM victim that already used its reserves gets no further round. */
static bool oom_victim_exhausted(const struct sim *sim, gfp_t gfp_mask,
				 unsigned int alloc_flags)
{
	const struct task *cur = current_task(sim);

	return cur && cur->oom_victim &&
	       ((alloc_flags & ALLOC_OOM) || (gfp_mask & __GFP_NOMEMALLOC));
}

/*
 * mm/page_alloc.c: __alloc_pages_slowpath(): wake kswapd, look again at
 * the min watermark, reclaim directly (allocstall_* in /proc/vmstat),
 * and go round while should_reclaim_retry() sees a chance; then the OOM
 * killer, whose every kill starts a new round. The model has no
 * compaction (a high order relies on reclaim alone), no cpusets and no
 * zonelist restart; __GFP_NOFAIL gives up after 1000 rounds rather than
 * hang the simulator.
 */
static unsigned long __alloc_pages_slowpath(struct sim *sim,
					    unsigned int gfp_mask,
					    unsigned int order,
					    struct alloc_context *ac)
{
	const bool may_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
	const bool costly = order > PAGE_ALLOC_COSTLY_ORDER;
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp_mask, order);
	/* (the rounds below keep ALLOC_KSWAPD as it is now) */
	const bool wake_kswapd = alloc_flags & ALLOC_KSWAPD;
	unsigned long progress, pfn;
	int no_progress_loops = 0, nofail_loops = 0;
	unsigned int reserve_flags;
	const struct task *cur;

	if (wake_kswapd)
		wake_all_kswapds(order, gfp_mask, ac);
	/* the fast path stopped at low; min may already be enough */
	pfn = get_page_from_freelist(sim, gfp_mask, order, (int)alloc_flags,
				     ac);
	if (pfn != NO_PFN)
		return pfn;
retry:
	/* each round wakes kswapd again, so it does not nap meanwhile */
	if (wake_kswapd)
		wake_all_kswapds(order, gfp_mask, ac);
	reserve_flags = __gfp_pfmemalloc_flags(sim, gfp_mask);
	if (reserve_flags)
		alloc_flags = reserve_flags | (alloc_flags & ALLOC_KSWAPD);
	pfn = get_page_from_freelist(sim, gfp_mask, order, (int)alloc_flags,
				     ac);
	if (pfn != NO_PFN)
		return pfn;
	cur = current_task(sim);
	if (!may_reclaim || (cur && (cur->flags & PF_MEMALLOC)))
		goto nopage;
	pfn = __alloc_pages_direct_reclaim(sim, gfp_mask, order, alloc_flags,
					   ac, &progress);
	if (pfn != NO_PFN)
		return pfn;
	/* the caller asked for one try, or a costly order it may not retry */
	if ((gfp_mask & __GFP_NORETRY) ||
	    (costly && !(gfp_mask & __GFP_RETRY_MAYFAIL)))
		goto nopage;
	if (should_reclaim_retry(sim, order, ac, alloc_flags, progress > 0,
				 &no_progress_loops))
		goto retry;
	pfn = __alloc_pages_may_oom(sim, gfp_mask, order, ac, &progress);
	if (pfn != NO_PFN)
		return pfn;
	if (oom_victim_exhausted(sim, gfp_mask, alloc_flags))
		goto nopage;
	if (progress) {
		no_progress_loops = 0;
		goto retry;
	}
nopage:
	/* __GFP_NOFAIL never returns empty-handed while it may reclaim */
	if ((gfp_mask & __GFP_NOFAIL) && may_reclaim &&
	    !SIM_WARN_ON_ONCE(sim, ++nofail_loops > 1000)) {
		cond_resched(sim);
		goto retry;
	}
	return NO_PFN;
}

/* }====== */

/* __alloc_pages_noprof() */
unsigned long __alloc_pages(struct sim *sim, unsigned int gfp_mask,
			    unsigned int order, int preferred_nid)
{
	struct alloc_context ac;
	unsigned int alloc_flags;
	unsigned long pfn;

	if (order > MAX_PAGE_ORDER || preferred_nid < 0 ||
	    preferred_nid >= sim->nr_nodes)
		return NO_PFN;
	if (!prepare_alloc_pages(sim, gfp_mask, preferred_nid, &ac))
		return NO_PFN;
	/* the fast path: the low mark, avoiding fragmentation if it can */
	alloc_flags = ALLOC_WMARK_LOW |
		      alloc_flags_nofragment(sim, ac.preferred_zone, gfp_mask);
	pfn = get_page_from_freelist(sim, gfp_mask, order, (int)alloc_flags,
				     &ac);
	if (pfn == NO_PFN) {
		/* the slow path may go over a node's dirty limit */
		ac.spread_dirty_pages = false;
		pfn = __alloc_pages_slowpath(sim, gfp_mask, order, &ac);
	}
	return pfn;
}

/* }====== */

/* {====== allocation failure */

/* mm/page_alloc.c: has_managed_dma(): some node has a managed DMA zone */
static bool has_managed_dma(const struct sim *sim)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++)
		if (managed_zone(&sim->node_data[nid].node_zones[ZONE_DMA]))
			return true;
	return false;
}

/*
 * mm/page_alloc.c: warn_alloc(): "%s: page allocation failure: ..." with
 * cpuset_print_current_mems_allowed() to the kernel log, then the Mem-Info
 * of warn_alloc_show_mem(), at most once in 10 s (nopage_rs); and the same
 * words, without the task's name, for the caller's error.
 * Differs: no stack dump (dump_stack()).
 */
void warn_alloc(struct sim *sim, char *err, size_t len, unsigned int gfp,
		unsigned int order)
{
	const struct task *cur = current_task(sim);
	char name[256], mems[16];

	sim_gfp_name(gfp, name, sizeof(name));
	seterr(err, len,
	       "page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)",
	       order, gfp, name);
	if ((gfp & __GFP_NOWARN) ||
	    !__ratelimit(sim, &sim->nopage_rs, "warn_alloc") ||
	    ((gfp & __GFP_DMA) && !has_managed_dma(sim)))
		return;
	nodelist_str(sim, mems, sizeof(mems));
	printk(sim,
	       "%s: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null),cpuset=/,mems_allowed=%s\n",
	       cur ? cur->comm : "swapper/0", order, gfp, name, mems);
	__show_mem(sim, gfp_zone(gfp));
}

/* }====== */

/* {====== sysctls */

enum sysctl_action {
	SYSCTL_STORE, /* plain proc_dointvec_minmax storage */
	SYSCTL_MIN_FREE_KBYTES, /* min_free_kbytes_sysctl_handler() */
	SYSCTL_WMARKS, /* watermark_scale_factor_sysctl_handler() */
	SYSCTL_LOWMEM, /* lowmem_reserve_ratio_sysctl_handler() */
	SYSCTL_PCP, /* percpu_pagelist_high_fraction_sysctl_handler() */
	SYSCTL_WRITEBACK, /* dirty_writeback_centisecs_handler() */
	SYSCTL_MIN_UNMAPPED, /* sysctl_min_unmapped_ratio_sysctl_handler() */
	SYSCTL_MIN_SLAB, /* sysctl_min_slab_ratio_sysctl_handler() */
};

/* struct ctl_table: name, storage, extra1/extra2 bounds, handler */
struct sim_ctl_table {
	const char *procname;
	size_t offset; /* in struct sim_sysctl */
	int nr; /* ints stored */
	bool has_min, has_max;
	int min, max;
	enum sysctl_action action;
};

#define CTL(name, n, lo, hi, has_lo, has_hi, act)                            \
	{                                                                    \
#name, offsetof(struct sim_sysctl, name), n, has_lo, has_hi, \
			lo, hi, act                                          \
	}

/*
 * mm/page_alloc.c: page_alloc_sysctl_table[], kernel/sysctl.c: vm_table[],
 * mm/page-writeback.c: vm_page_writeback_sysctls[]: the bounds each
 * entry's extra1/extra2 give.
 */
static const struct sim_ctl_table sim_ctl_table[] = {
	CTL(min_free_kbytes, 1, 0, 0, true, false, SYSCTL_MIN_FREE_KBYTES),
	CTL(watermark_scale_factor, 1, 1, 3000, true, true, SYSCTL_WMARKS),
	CTL(watermark_boost_factor, 1, 0, 0, true, false, SYSCTL_STORE),
	CTL(lowmem_reserve_ratio, MAX_NR_ZONES, 0, 0, false, false,
	    SYSCTL_LOWMEM),
	CTL(percpu_pagelist_high_fraction, 1, 0, 0, true, false, SYSCTL_PCP),
	CTL(swappiness, 1, 0, 200, true, true, SYSCTL_STORE),
	CTL(laptop_mode, 1, 0, 0, false, false, SYSCTL_STORE),
	CTL(dirty_background_ratio, 1, 0, 100, true, true, SYSCTL_STORE),
	CTL(dirty_ratio, 1, 0, 100, true, true, SYSCTL_STORE),
	CTL(dirty_expire_centisecs, 1, 0, 0, true, false, SYSCTL_STORE),
	CTL(dirty_writeback_centisecs, 1, 0, 0, false, false, SYSCTL_WRITEBACK),
	CTL(zone_reclaim_mode, 1, 0, 0, true, false, SYSCTL_STORE),
	CTL(min_unmapped_ratio, 1, 0, 100, true, true, SYSCTL_MIN_UNMAPPED),
	CTL(min_slab_ratio, 1, 0, 100, true, true, SYSCTL_MIN_SLAB),
};

const char *const *sim_sysctl_names(void)
{
	static const char *names[ARRAY_SIZE(sim_ctl_table) + 1];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sim_ctl_table); i++)
		names[i] = sim_ctl_table[i].procname;
	names[i] = NULL;
	return names;
}

static const struct sim_ctl_table *find_ctl(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(sim_ctl_table); i++)
		if (!strcmp(name, sim_ctl_table[i].procname))
			return &sim_ctl_table[i];
	return NULL;
}

static int *ctl_data(struct sim_sysctl *s, const struct sim_ctl_table *t)
{
	return (int *)((char *)s + t->offset);
}

/*
 * kernel/sysctl.c: do_proc_dointvec_minmax_conv(): each value is checked
 * against the bounds before it is stored; for an array the values before
 * the failing one stay stored.
 */
static int proc_dointvec_minmax(struct sim_sysctl *s,
				const struct sim_ctl_table *t, const long *vals,
				int n, char *err, size_t len)
{
	int *data = ctl_data(s, t);
	int i;

	for (i = 0; i < n && i < t->nr; i++) {
		long v = vals[i];

		if (v > INT_MAX || v < INT_MIN || (t->has_min && v < t->min) ||
		    (t->has_max && v > t->max)) {
			if (t->has_max)
				seterr(err, len,
				       "%s: %ld is out of range %d..%d",
				       t->procname, v, t->min, t->max);
			else if (t->has_min)
				seterr(err, len,
				       "%s: %ld is out of range (>= %d)",
				       t->procname, v, t->min);
			else
				seterr(err, len, "%s: %ld is not an int",
				       t->procname, v);
			return -EINVAL;
		}
		data[i] = (int)v;
	}
	return 0;
}

int sim_sysctl_set(struct sim *sim, const char *name, const long *vals, int n,
		   char *err, size_t errlen)
{
	const struct sim_ctl_table *t = find_ctl(name);
	struct sim_sysctl *s = &sim->cfg.sysctl;
	int old_fraction = s->percpu_pagelist_high_fraction;
	int old_interval = s->dirty_writeback_centisecs;
	struct zone *zone;
	int ret;

	if (!t) {
		seterr(err, errlen, "unknown sysctl '%s'", name ? name : "");
		return -ENOENT;
	}
	if (n < 1 || (t->nr == 1 && n != 1) || n > t->nr) {
		seterr(err, errlen, "%s takes %d value%s, got %d", t->procname,
		       t->nr, t->nr == 1 ? "" : "s", n);
		return -EINVAL;
	}
	ret = proc_dointvec_minmax(s, t, vals, n, err, errlen);
	switch (t->action) {
	case SYSCTL_MIN_FREE_KBYTES:
		if (ret)
			return ret;
		sim->user_min_free_kbytes = s->min_free_kbytes;
		setup_per_zone_wmarks(sim);
		return 0;
	case SYSCTL_WMARKS:
		if (ret)
			return ret;
		setup_per_zone_wmarks(sim);
		return 0;
	case SYSCTL_WRITEBACK:
		/*
		 * A new non-zero interval wakes the flushers, so the change
		 * takes effect now rather than at the old interval's end.
		 */
		if (!ret && s->dirty_writeback_centisecs &&
		    s->dirty_writeback_centisecs != old_interval)
			wakeup_flusher_threads(sim, WB_REASON_PERIODIC);
		return ret;
	case SYSCTL_MIN_UNMAPPED:
		if (!ret)
			setup_min_unmapped_ratio(sim);
		return ret;
	case SYSCTL_MIN_SLAB:
		if (!ret)
			setup_min_slab_ratio(sim);
		return ret;
	case SYSCTL_LOWMEM:
		/* the handler ignores proc_dointvec_minmax()'s result */
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			if (s->lowmem_reserve_ratio[zid] < 1)
				s->lowmem_reserve_ratio[zid] = 0;
		setup_per_zone_lowmem_reserve(sim);
		return 0;
	case SYSCTL_PCP:
		if (ret)
			return ret;
		if (s->percpu_pagelist_high_fraction &&
		    s->percpu_pagelist_high_fraction <
			    MIN_PERCPU_PAGELIST_HIGH_FRACTION) {
			s->percpu_pagelist_high_fraction = old_fraction;
			seterr(err, errlen,
			       "percpu_pagelist_high_fraction must be 0 or >= %d, got %ld",
			       MIN_PERCPU_PAGELIST_HIGH_FRACTION, vals[0]);
			return -EINVAL;
		}
		if (s->percpu_pagelist_high_fraction == old_fraction)
			return 0;
		for (int nid = 0; nid < sim->nr_nodes; nid++)
			for_each_node_zone(zone, &sim->node_data[nid])
				if (populated_zone(zone))
					zone_pcp_update(sim, zone);
		return 0;
	default:
		return ret;
	}
}

int sim_sysctl_get(const struct sim *sim, const char *name, long *vals, int max)
{
	const struct sim_ctl_table *t = find_ctl(name);
	const int *data;
	int i;

	if (!t)
		return -ENOENT;
	data = (const int *)((const char *)&sim->cfg.sysctl + t->offset);
	for (i = 0; i < t->nr && i < max; i++)
		vals[i] = data[i];
	return t->nr < max ? t->nr : max;
}

/* }====== */
