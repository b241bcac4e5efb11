/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's state, as include/linux/mmzone.h lays it out: nodes
 * (struct pglist_data) holding zones in index order, each zone with its
 * buddy free_area[] and watermarks, each node with one lruvec. Page frames
 * are struct-of-arrays indexed by pfn (struct page_frames), 16 bytes a page
 * against the kernel's 64-byte struct page.
 *
 * Invariant: every pfn below sim->max_pfn is in exactly one place, told by
 * page_frames.state[pfn]: a hole, reserved, a buddy free list, an LRU list,
 * isolated by reclaim, a tail of a larger block, or owned by the kernel.
 */
#ifndef KSS_CORE_MMZONE_H
#define KSS_CORE_MMZONE_H

#include <kswapsim/sim.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmstat_items.h"

/* {====== constants (kernel-facts A1, B0) */

#define PAGE_SHIFT 12 /* asm/page_types.h */
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define MAX_PAGE_ORDER 10 /* include/linux/mmzone.h */
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)
#define MAX_ORDER_NR_PAGES (1UL << MAX_PAGE_ORDER)
#define PAGE_ALLOC_COSTLY_ORDER 3
#define pageblock_order 9 /* include/linux/pageblock-flags.h */
#define pageblock_nr_pages (1UL << pageblock_order)
#define HPAGE_PMD_ORDER 9 /* include/linux/huge_mm.h */
#define HPAGE_PMD_NR (1UL << HPAGE_PMD_ORDER)
#define DEF_PRIORITY 12 /* include/linux/mmzone.h */
#define SWAP_CLUSTER_MAX 32UL /* include/linux/swap.h */
#define COMPACT_CLUSTER_MAX SWAP_CLUSTER_MAX
#define MAX_RECLAIM_RETRIES 16 /* mm/internal.h */
#define HZ 250 /* CONFIG_HZ_250 */
#define LOCAL_DISTANCE 10 /* include/linux/topology.h */
#define REMOTE_DISTANCE 20
#define RECLAIM_DISTANCE 30

_Static_assert(SIM_NR_PAGE_ORDERS == NR_PAGE_ORDERS,
	       "sim.h and mmzone.h disagree on the number of orders");

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define NIL_PFN UINT32_MAX /* end of a pfn-linked list */

/* }====== */

/* {====== counters: enums generated from vmstat_items.h */

#define KSS_ENUM(e, s) e,
enum zone_stat_item { ZONE_STAT_ITEMS(KSS_ENUM) NR_VM_ZONE_STAT_ITEMS };
enum numa_stat_item { NUMA_STAT_ITEMS(KSS_ENUM) NR_VM_NUMA_EVENT_ITEMS };
enum node_stat_item { NODE_STAT_ITEMS(KSS_ENUM) NR_VM_NODE_STAT_ITEMS };
enum vm_stat_item { VM_STAT_ITEMS(KSS_ENUM) NR_VM_STAT_ITEMS };
enum vm_event_item { VM_EVENT_ITEMS(KSS_ENUM) NR_VM_EVENT_ITEMS };
#undef KSS_ENUM

#define NR_LRU_BASE NR_INACTIVE_ANON
#define NR_ZONE_LRU_BASE NR_ZONE_INACTIVE_ANON

/* }====== */

/* {====== page frames */

/* Where a page frame is. Exactly one per pfn. */
enum page_state {
	PS_HOLE, /* spanned but not present */
	PS_RESERVED, /* present but not managed (memblock reserved) */
	PS_BUDDY, /* head of a free block on free_area[order] */
	PS_TAIL, /* inside a block whose head is elsewhere */
	PS_KERNEL, /* allocated, not on any LRU (slab, page tables, ...) */
	PS_LRU, /* allocated, on lruvec->lists[lru] */
	PS_ISOLATED, /* taken off the LRU by reclaim (isolate_lru_folios) */
	PS_PCP, /* on a per-cpu free list */
	NR_PAGE_STATES,
};

/* include/linux/page-flags.h: the flags reclaim reads, one bit each */
enum pageflags {
	PG_referenced,
	PG_active,
	PG_dirty,
	PG_writeback,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_swapcache,
	PG_workingset,
	PG_mapped, /* folio_mapped(): at least one PTE maps it */
	PG_young, /* the PTE accessed bit folio_referenced() clears */
	PG_file, /* page cache (folio->mapping is a file) */
	__NR_PAGEFLAGS,
};
/* The top three bits of page_frames.flags hold page_where(). */
#define PAGE_WHERE_SHIFT 13
#define PAGE_WHERE_MASK (7u << PAGE_WHERE_SHIFT)
_Static_assert(__NR_PAGEFLAGS <= PAGE_WHERE_SHIFT,
	       "page flags and page_where() share page_frames.flags");

/*
 * Struct-of-arrays page frames: 4 + 4 + 4 + 2 + 1 + 1 = 16 bytes a page.
 * next/prev link the page into a buddy free list or an LRU list; owner is
 * the region's virtual page number (rmap: which PTE maps this frame);
 * order_mt's low four bits are page_order(): the buddy order of a PS_BUDDY
 * head or the order of an allocated block; its high four bits, in the first
 * frame of each pageblock only, are the pageblock's migratetype (the
 * kernel keeps those bits in the zone's pageblock_flags bitmap; here they
 * ride in bits the order never uses, so no byte is spent per pageblock).
 * page_where() (in the top bits of flags) holds the list index
 * (migratetype of a free list, enum lru_list of an LRU page).
 */
struct page_frames {
	unsigned long nr; /* frames, = max_pfn */
	uint32_t *next;
	uint32_t *prev;
	uint32_t *owner;
	uint16_t *flags; /* enum pageflags bits, then page_where() */
	uint8_t *order_mt; /* page_order(), pageblock migratetype */
	uint8_t *state; /* enum page_state */
};

#define PAGE_ORDER_MASK 0x0fu
#define PAGEBLOCK_MT_SHIFT 4
_Static_assert(NR_PAGE_ORDERS <= PAGE_ORDER_MASK + 1,
	       "page_order() has four bits");
_Static_assert(MIGRATE_TYPES <= 1 << (8 - PAGEBLOCK_MT_SHIFT),
	       "a pageblock's migratetype has four bits");

static inline unsigned int page_order(const struct page_frames *pf,
				      unsigned long pfn)
{
	return pf->order_mt[pfn] & PAGE_ORDER_MASK;
}

static inline void set_page_order(struct page_frames *pf, unsigned long pfn,
				  unsigned int order)
{
	pf->order_mt[pfn] =
		(uint8_t)((pf->order_mt[pfn] & ~PAGE_ORDER_MASK) | order);
}

/* The list a PS_BUDDY or PS_LRU head is on: migratetype or lru_list. */
static inline unsigned int page_where(const struct page_frames *pf,
				      unsigned long pfn)
{
	return pf->flags[pfn] >> PAGE_WHERE_SHIFT;
}

static inline void set_page_where(struct page_frames *pf, unsigned long pfn,
				  unsigned int where)
{
	pf->flags[pfn] = (uint16_t)((pf->flags[pfn] & ~PAGE_WHERE_MASK) |
				    (where << PAGE_WHERE_SHIFT));
}

static inline bool PageFlag(const struct page_frames *pf, unsigned long pfn,
			    enum pageflags bit)
{
	return pf->flags[pfn] & (1u << bit);
}

static inline void SetPageFlag(struct page_frames *pf, unsigned long pfn,
			       enum pageflags bit)
{
	pf->flags[pfn] |= (uint16_t)(1u << bit);
}

static inline void ClearPageFlag(struct page_frames *pf, unsigned long pfn,
				 enum pageflags bit)
{
	pf->flags[pfn] &= (uint16_t) ~(1u << bit);
}

/* A doubly linked list of pfns through page_frames.next/prev. */
struct pfn_list {
	uint32_t head;
	uint32_t tail;
	unsigned long nr; /* entries (heads), not pages */
};

/* }====== */

/* {====== zones and nodes */

struct free_area {
	struct pfn_list free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};

/*
 * include/linux/mmzone.h: one list per pcp migratetype and order up to
 * PAGE_ALLOC_COSTLY_ORDER, then two for PMD-sized THPs (CONFIG_TRANSPARENT_
 * HUGEPAGE): one Movable, one for the other types.
 */
#define NR_LOWORDER_PCP_LISTS (MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_THP 2
#define NR_PCP_LISTS (NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/*
 * order_to_pindex(): a list per pcp type and low order, then THP's two.
 * pindex_to_order() undoes it.
 */
static inline int order_to_pindex(int mt, unsigned int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NR_LOWORDER_PCP_LISTS + (mt == MIGRATE_MOVABLE);
	return MIGRATE_PCPTYPES * (int)order + mt;
}

static inline unsigned int pindex_to_order(int pindex)
{
	if (pindex >= NR_LOWORDER_PCP_LISTS)
		return HPAGE_PMD_ORDER;
	return (unsigned int)(pindex / MIGRATE_PCPTYPES);
}

/* CONFIG_PCP_BATCH_SCALE_MAX: Debian's 6.12 config keeps the default */
#define PCP_BATCH_SCALE_MAX 5

/* include/linux/mmzone.h: per_cpu_pages.flags */
#define PCPF_PREV_FREE_HIGH_ORDER 0x1u /* the last free was of order > 0 */
#define PCPF_FREE_HIGH_BATCH 0x2u /* keep a batch back (cache slice big) */

/*
 * include/linux/mmzone.h: struct per_cpu_pages. A page on one of the lists
 * is a PS_PCP head (order and page_where() = its list's migratetype) with
 * PS_TAIL tails; it is not in NR_FREE_PAGES, as in the kernel.
 */
struct per_cpu_pages {
	int count; /* pages on the lists */
	int high; /* drain above this; tuned between high_min and high_max */
	int high_min;
	int high_max;
	int batch; /* pages a refill or a drain moves at least */
	unsigned int flags; /* PCPF_* */
	int alloc_factor; /* refills double while nothing is freed */
	int free_count; /* pages freed in a row (halved by each alloc) */
	struct pfn_list lists[NR_PCP_LISTS];
};

struct pglist_data;

/* include/linux/wait.h: tasks sleep on it (sched.c: prepare_to_wait()) */
struct wait_queue_head {
	int nr_waiters;
};

struct zone {
	struct pglist_data *zone_pgdat;
	const char *name;
	int idx; /* zone_idx() */
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	unsigned long nr_free_highatomic; /* free pages on HighAtomic lists */
	/* boot's order-10 Movable blocks not yet linked (page_alloc.c) */
	unsigned long deferred_pfn;
	unsigned long deferred_end;
	long lowmem_reserve[MAX_NR_ZONES];
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;
	struct free_area free_area[NR_PAGE_ORDERS];
	struct per_cpu_pages pcp[SIM_MAX_CPUS];
	int stat_threshold; /* vm stats threshold */
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];
	unsigned long flags; /* ZONE_BOOSTED_WATERMARK, ... */
	long hist_free_low; /* history.c: lowest NR_FREE_PAGES this jiffy */
};

/* include/linux/mmzone.h: enum zone_flags */
enum zone_flags {
	ZONE_BOOSTED_WATERMARK,
	ZONE_RECLAIM_ACTIVE,
	ZONE_BELOW_HIGH,
};

struct lruvec {
	struct pfn_list lists[NR_LRU_LISTS];
	unsigned long anon_cost; /* lru_note_cost() */
	unsigned long file_cost;
	unsigned long nonresident_age; /* workingset clock */
	unsigned long refaults[2]; /* snapshot_refaults() */
	unsigned long flags; /* LRUVEC_CGROUP_CONGESTED, ... */
	/* get_scan_count()'s last answer, kept for the kswapd pane */
	int scan_balance; /* enum scan_balance + 1; 0: never asked */
	unsigned long scan_nr[LRU_UNEVICTABLE];
};

/* include/linux/mmzone.h: zone_to_nid order of the fallback zonelist */
#define MAX_ZONELIST (SIM_MAX_NODES * MAX_NR_ZONES)

struct pglist_data {
	int node_id;
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones; /* highest populated zone + 1 */
	struct zone
		*zonelist[MAX_ZONELIST + 1]; /* ZONELIST_FALLBACK, NULL-ended */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	unsigned long totalreserve_pages; /* calculate_totalreserve_pages() */
	unsigned long min_unmapped_pages; /* setup_min_unmapped_ratio() */
	unsigned long min_slab_pages; /* setup_min_slab_ratio() */
	struct lruvec lruvec;
	long vm_stat[NR_VM_NODE_STAT_ITEMS];
	/* kswapd's handoff (mm/vmscan.c: wakeup_kswapd(), kswapd()) */
	int kswapd_order;
	enum zone_type kswapd_highest_zoneidx;
	int kswapd_failures;
	int kswapd_priority; /* vmscan.c: last sc.priority */
	int kswapd_nr_prio; /* balance_pgdat()'s rounds, for sim_kswapd_info() */
	struct sim_kswapd_prio kswapd_prio[SIM_KSWAPD_PRIO_ROWS];
	unsigned long flags; /* PGDAT_DIRTY, PGDAT_WRITEBACK, ... */
	/* sched.c: wait queues (kswapd_wait, reclaim_wait[NR_VMSCAN_THROTTLE]) */
	int kswapd; /* task id of kswapd<nid>, 0: none */
	struct wait_queue_head kswapd_wait;
	struct wait_queue_head pfmemalloc_wait;
	struct wait_queue_head reclaim_wait[4];
	int nr_writeback_throttled; /* reclaim_throttle() */
	unsigned long nr_reclaim_start; /* NR_THROTTLED_WRITTEN then */
};

/* every zone of a node, empty ones too, from ZONE_DMA up */
#define for_each_node_zone(zone, pgdat)    \
	for ((zone) = (pgdat)->node_zones; \
	     (zone) < (pgdat)->node_zones + MAX_NR_ZONES; (zone)++)

/*
 * kswapd gave up on the node after MAX_RECLAIM_RETRIES passes that freed
 * nothing; only someone else's progress (shrink_node()) revives it. This
 * is node_unreclaimable in /proc/zoneinfo, all_unreclaimable? in Mem-Info.
 */
static inline bool kswapd_gave_up(const struct pglist_data *pgdat)
{
	return pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/* node_state(nid, N_MEMORY): the node has a populated zone */
static inline bool node_has_memory(const struct pglist_data *pgdat)
{
	const struct zone *zone;

	for_each_node_zone(zone, pgdat)
		if (populated_zone(zone))
			return true;
	return false;
}

/*
 * the zones of a node from ZONE_DMA up to highest_zoneidx that have
 * managed pages: the walk reclaim makes over the zones a request may use
 */
#define for_each_managed_zone(zone, pgdat, highest_zoneidx)             \
	for_each_node_zone(zone, pgdat)                                 \
		if ((zone) - (pgdat)->node_zones > (highest_zoneidx) || \
		    !managed_zone(zone)) {                              \
		} else

static inline int zone_idx(const struct zone *zone)
{
	return zone->idx;
}

/*
 * include/linux/mmzone.h: for_each_zone_zonelist(): the zones of a
 * NULL-ended zonelist that a request up to highidx may use, in fallback
 * order; i counts the zonelist's entries
 */
#define for_each_zone_zonelist(zone, i, zonelist, highidx)     \
	for ((i) = 0; ((zone) = (zonelist)[i]) != NULL; (i)++) \
		if (zone_idx(zone) > (int)(highidx)) {         \
		} else

/* include/linux/mmzone.h: wmark_pages() includes the boost */
static inline unsigned long wmark_pages(const struct zone *z,
					enum zone_watermarks i)
{
	return z->_watermark[i] + z->watermark_boost;
}

#define min_wmark_pages(z) wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z) wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z) wmark_pages(z, WMARK_HIGH)
#define promo_wmark_pages(z) wmark_pages(z, WMARK_PROMO)

/* }====== */

#endif /* KSS_CORE_MMZONE_H */
