/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Core-private declarations shared between the core's files, like
 * mm/internal.h: struct sim, regions and their page tables, and the
 * functions one core file calls in another. Clients never see this.
 */
#ifndef KSS_CORE_INTERNAL_H
#define KSS_CORE_INTERNAL_H

#include <kswapsim/sim.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gfp.h"
#include "mmzone.h"

/* {====== regions: what alloc() returns, and their page tables */

/*
 * A PTE of the simulated page table, one per virtual page of a region.
 * Low two bits are the tag; the rest is a pfn, a swap slot or a shadow
 * entry (mm/workingset.c: pack_shadow()).
 */
#define PTE_NONE 0ULL
#define PTE_PRESENT 1ULL
#define PTE_SWAP 2ULL
#define PTE_SHADOW 3ULL
#define PTE_TAG(pte) ((pte)&3ULL)
#define PTE_VAL(pte) ((pte) >> 2)
#define PTE_MK(tag, val) (((uint64_t)(val) << 2) | (tag))

struct region {
	unsigned int id;
	enum sim_page_kind kind;
	unsigned int order;
	int task;
	int nid; /* preferred node */
	unsigned int gfp_mask;
	unsigned long nr_pages;
	uint32_t base_vpn; /* page_frames.owner of its pages */
	uint64_t *pte; /* nr_pages entries */
	unsigned long shadow_nodes; /* counted in workingset_nodes */
	struct xa_counts *xa; /* xarray.c: the page cache's nodes */
	uint64_t *buffers; /* buffer.c: a bit a folio with a buffer head */
	bool freed;
	bool mapped; /* file pages are mmapped (PG_mapped) */
	bool sparse; /* a file of holes: reads zero pages, no IO */
	bool sendfile; /* read by sendfile(): nothing copied out */
};

/* }====== */

/* SIM_WARN_ON_ONCE: record a broken invariant the UI can show; carry on. */
#define SIM_WARN_MAX 16

/* include/linux/ratelimit_types.h: struct ratelimit_state */
struct ratelimit_state {
	unsigned long interval; /* jiffies */
	int burst;
	int printed;
	int missed;
	bool started; /* begin is set (the model's jiffies start at 0) */
	unsigned long begin;
};

struct sim {
	struct sim_config cfg; /* sysctls live in cfg.sysctl */
	int nr_nodes;
	struct pglist_data node_data[SIM_MAX_NODES];
	struct page_frames pages;
	unsigned long max_pfn;
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	int user_min_free_kbytes; /* -1 until the sysctl is written */
	unsigned long totalreserve_pages;
	unsigned long nr_memmap_boot_pages; /* vmstat.c, counted at boot */
	uint64_t rng[4]; /* xoshiro256** (lmathlib.c) */

	struct region *regions; /* indexed by id; id 0 unused */
	unsigned int nr_regions; /* ids handed out, + 1 */
	unsigned int regions_cap;
	uint32_t next_vpn;

	const char *warnings[SIM_WARN_MAX];
	int nr_warnings;

	/* {====== reclaim engine state (vmscan.c, swap.c, workingset.c, ...) */
	uint64_t now_ns; /* sched.c: the simulated clock */
	int step_armed; /* step.c: STEP_POINT() must look */
	struct sched *sched; /* sched.c: tasks, CPUs, timers */
	struct step_state *step; /* step.c: coroutines, stepping */
	struct trace_state *trace; /* trace.c: tracepoint output */
	struct swap_info *swap; /* swapfile.c: the swap device */
	struct wb_state *wb; /* page-writeback.c, blk.c */
	struct workqueue *wq; /* workqueue.c: the kworkers */
	struct vmpressure *vmpr; /* vmpressure.c: the root memcg's */
	struct history *history; /* history.c: one sample a jiffy */
	struct slab_caches *slab; /* slub.c: xarray nodes, buffer heads */
	char log_buf[65536]; /* oom_kill.c: printk()'s ring */
	size_t log_len;
	struct ratelimit_state nopage_rs; /* page_alloc.c: warn_alloc() */
	sim_interrupt_fn interrupt; /* sim_set_interrupt() */
	void *interrupt_ctx;
	/* }====== */
};

#define SIM_WARN_ON_ONCE(sim, cond)     \
	sim_warn_on_once((sim), (cond), \
			 __FILE__ ":" SIM_STR(__LINE__) ": " #cond)
#define SIM_STR(x) SIM_STR2(x)
#define SIM_STR2(x) #x
bool sim_warn_on_once(struct sim *sim, bool cond, const char *what);

/* include/linux/minmax.h: min(), max() and clamp() of page counts */
static inline unsigned long min(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

static inline unsigned long max(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

static inline unsigned long clamp(unsigned long val, unsigned long lo,
				  unsigned long hi)
{
	return min(max(val, lo), hi);
}

/* include/linux/mm.h: totalram_pages(), the managed pages of all zones */
static inline unsigned long totalram_pages(const struct sim *sim)
{
	const struct zone *zone;
	unsigned long total = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			total += zone->managed_pages;
	return total;
}

static inline struct zone *page_zone_of(struct sim *sim, int nid, int zid)
{
	return &sim->node_data[nid].node_zones[zid];
}

/* sim.c */
void seterr(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* rng.c: xoshiro256**, seeded as lmathlib.c: setseed() */
void rng_seed(uint64_t s[4], uint64_t n1, uint64_t n2);
uint64_t rng_next(uint64_t s[4]);

/* list.c: pfn-linked lists through page_frames.next/prev */
void pfn_list_init(struct pfn_list *list);
void pfn_list_add(struct page_frames *pf, struct pfn_list *list,
		  unsigned long pfn);
void pfn_list_add_tail(struct page_frames *pf, struct pfn_list *list,
		       unsigned long pfn);
void pfn_list_del(struct page_frames *pf, struct pfn_list *list,
		  unsigned long pfn);

/* history.c: take the sample of the jiffy that just ended */
void history_record(struct sim *sim);
/* vmstat.c: the once-a-second vmstat work (per-cpu list decay) */
void vmstat_update(struct sim *sim);
void history_exit(struct sim *sim);

/* sched.c: the reclaim engine's state, from sim_create()/sim_destroy() */
int reclaim_engine_init(struct sim *sim);
void reclaim_engine_exit(struct sim *sim);

/* region.c: a published region of nr_pages, or NULL without memory */
struct region *region_new(struct sim *sim, unsigned long nr_pages);
/* region.c: the gfp mask of a kind's pages when the request names none */
unsigned int region_default_gfp(enum sim_page_kind kind);
/*
 * region.c: mm/memory.c: unmap_page_range(): pages start .. end - 1 of a
 * live region lose their PTEs; anon pages and swap slots go back, file
 * pages stay in the page cache. Returns the present pages it unmapped.
 * May sleep (a folio under writeback).
 */
unsigned long unmap_page_range(struct sim *sim, struct region *r,
			       unsigned long start, unsigned long end);

/* page_alloc.c: page_zone(), the zone whose span holds pfn, or NULL */
struct zone *pfn_to_zone(struct sim *sim, unsigned long pfn);
const struct zone *zone_of_pfn(const struct sim *sim, unsigned long pfn);

#define NO_PFN (~0UL) /* an allocation that found no page */

/* mm/internal.h: struct alloc_context, what the slow path carries along */
struct alloc_context {
	struct zone **zonelist; /* node_zonelist(preferred_nid) */
	int preferred_nid;
	struct zone *preferred_zone; /* first usable zone of the zonelist */
	int highest_zoneidx; /* gfp_zone() */
	int migratetype; /* gfp_migratetype() */
	bool spread_dirty_pages; /* __GFP_WRITE */
};

/*
 * mm/page_alloc.c: __alloc_pages_noprof(). Returns the head pfn of a
 * 2^order block taken off the buddy lists (state PS_KERNEL, tails PS_TAIL,
 * flags and owner clear, pgalloc and numa counted), or NO_PFN.
 */
unsigned long __alloc_pages(struct sim *sim, unsigned int gfp_mask,
			    unsigned int order, int preferred_nid);
/* get_page_from_freelist(): one pass over ac->zonelist with alloc_flags */
unsigned long get_page_from_freelist(struct sim *sim, unsigned int gfp_mask,
				     unsigned int order, int alloc_flags,
				     const struct alloc_context *ac);
/*
 * __free_pages_ok(): give a block back to the buddy allocator (merging,
 * counting pgfree). The caller has taken it off any LRU list and fixed
 * its own counters; flags and owner are cleared here.
 */
void free_pages_block(struct sim *sim, unsigned long pfn, unsigned int order);
bool zone_watermark_ok(const struct zone *zone, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);
int get_pageblock_migratetype(const struct sim *sim, unsigned long pfn);
void set_pageblock_migratetype(struct sim *sim, unsigned long pfn, int mt);
/* unreserve_highatomic_pageblock(): for the slow path before OOM */
bool unreserve_highatomic_pageblock(struct sim *sim,
				    const struct alloc_context *ac, bool force);
/* boot and sysctl-time setup, as the kernel's initcalls and handlers */
void memblock_free_all(struct sim *sim);
void __free_pages_core(struct sim *sim, unsigned long pfn, unsigned int order);
void deferred_free_range(struct sim *sim, unsigned long start,
			 unsigned long end);
void build_all_zonelists(struct sim *sim);
void init_per_zone_wmark_min(struct sim *sim);
void set_recommended_min_free_kbytes(struct sim *sim);
void setup_per_zone_wmarks(struct sim *sim);
void setup_per_zone_lowmem_reserve(struct sim *sim);
void calculate_totalreserve_pages(struct sim *sim);
void zone_pcp_update(struct sim *sim, struct zone *zone);
/* smp_processor_id(): the CPU of the running task; CPU 0 outside one */
int smp_processor_id(const struct sim *sim);
/* drain_all_pages(): every CPU's per-cpu lists of zone (NULL: all zones) */
void drain_all_pages(struct sim *sim, struct zone *zone);
/* decay_pcp_high(): vmstat_update()'s once-a-second trim of one pcp */
bool decay_pcp_high(struct sim *sim, struct zone *zone,
		    struct per_cpu_pages *pcp);
/*
 * warn_alloc(): the failure's words into err, and, unless rate limited or
 * __GFP_NOWARN, the same line and the Mem-Info block into the kernel log.
 */
void warn_alloc(struct sim *sim, char *err, size_t len, unsigned int gfp,
		unsigned int order);

/* vmstat.c */
/* Count the memmap pages of the present sections once, at boot. */
void memmap_boot_pages_init(struct sim *sim);
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
			 long delta);
void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
			 long delta);
void count_vm_events(struct sim *sim, enum vm_event_item item,
		     unsigned long delta);
/*
 * A growing text buffer for the /proc writers, after include/linux/seq_buf.h
 * (whose buffer is fixed): seq_buf_printf() appends; if memory runs out the
 * buffer is marked overflowed and seq_buf_detach() frees it and returns NULL.
 * seq_buf_detach() hands the text to the caller and empties s.
 */
struct seq_buf {
	char *buffer;
	size_t size;
	size_t len;
	bool overflow;
};
void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *seq_buf_detach(struct seq_buf *s);

/* page-writeback.c */
void global_dirty_limits(const struct sim *sim, unsigned long *pbackground,
			 unsigned long *pdirty);
unsigned long node_dirty_limit(const struct sim *sim,
			       const struct pglist_data *pgdat);
bool node_dirty_ok(const struct sim *sim, const struct pglist_data *pgdat);

#endif /* KSS_CORE_INTERNAL_H */
