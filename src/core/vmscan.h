/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/vmscan.c's state and entry points: struct scan_control (one reclaim
 * pass, kept in a struct so a parked reclaimer can be shown), struct
 * reclaim_stat, the throttle reasons, and the functions the allocator,
 * the scheduler and the Lua bindings call: wakeup_kswapd(), kswapd(),
 * balance_pgdat(), try_to_free_pages(), out_of_memory().
 */
#ifndef KSS_CORE_VMSCAN_H
#define KSS_CORE_VMSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gfp.h"
#include "internal.h"

/* {====== scan_control (mm/vmscan.c) */

#define DEACTIVATE_ANON 1
#define DEACTIVATE_FILE 2

/* include/linux/swap.h */
#define MAX_SWAPPINESS 200

/* include/linux/compaction.h: compact_gap() */
#define compact_gap(order) (2UL << (order))

struct scan_control {
	/* The machine: what the kernel reaches through globals */
	struct sim *sim;

	/* the goal of this pass: kswapd's is the sum of the high marks */
	unsigned long nr_to_reclaim;

	/* Nodes allowed by the caller; 0 means all nodes */
	unsigned long nodemask;

	/* Scan pressure balancing between anon and file LRUs */
	unsigned long anon_cost;
	unsigned long file_cost;

	/* bit 0 anon, bit 1 file: may shrink_list() age that active list */
	unsigned int may_deactivate : 2;
	unsigned int force_deactivate : 1;
	unsigned int skipped_deactivate : 1;

	/* pageout() of file folios allowed (laptop_mode, RECLAIM_WRITE) */
	unsigned int may_writepage : 1;

	/* mapped folios may be unmapped (node_reclaim: RECLAIM_UNMAP) */
	unsigned int may_unmap : 1;

	/* anon may go to swap (pswpout): get_scan_count() scans only file if not */
	unsigned int may_swap : 1;

	/* set once cache_trim_mode failed: anon is scanned again */
	unsigned int no_cache_trim_mode : 1;

	/* a cache_trim_mode pass freed too little */
	unsigned int cache_trim_mode_failed : 1;

	/* do_try_to_free_pages()'s one retry before OOM has run */
	unsigned int memcg_full_walk : 1;

	/* a costly-order request may stop: compaction has room */
	unsigned int compaction_ready : 1;

	/* inactive file is big and unreferenced: scan only file */
	unsigned int cache_trim_mode : 1;

	/* so little file left that anon must be scanned too */
	unsigned int file_is_tiny : 1;

	/* current_is_kswapd(): this pass belongs to balance_pgdat() */
	unsigned int kswapd : 1;

	/* Allocation order */
	int order;

	/* DEF_PRIORITY (12) down to 0: a list is scanned by size >> priority */
	int priority;

	/* folios of higher zones are skipped (pgskip_*) */
	int reclaim_idx;

	/* This context's GFP mask */
	gfp_t gfp_mask;

	/* pages looked at this pass (pgscan_* counts the same walk) */
	unsigned long nr_scanned;

	/* pages freed this pass (pgsteal_*) */
	unsigned long nr_reclaimed;

	/* Per-node pass totals, read by shrink_node() */
	struct {
		unsigned int dirty;
		unsigned int unqueued_dirty;
		unsigned int congested;
		unsigned int writeback;
		unsigned int immediate;
		unsigned int file_taken;
		unsigned int taken;
	} nr;
};

/* current_is_kswapd(): PF_KSWAPD of the task running this pass */
#define current_is_kswapd(sc) ((sc)->kswapd)

/* include/linux/vmstat.h: struct reclaim_stat */
struct reclaim_stat {
	unsigned int nr_dirty;
	unsigned int nr_unqueued_dirty;
	unsigned int nr_congested;
	unsigned int nr_writeback;
	unsigned int nr_immediate;
	unsigned int nr_pageout;
	unsigned int nr_activate[2]; /* ANON_AND_FILE */
	unsigned int nr_ref_keep;
	unsigned int nr_unmap_fail;
	unsigned int nr_lazyfree_fail;
	unsigned int nr_demoted;
};

/* include/linux/mmzone.h: enum vmscan_throttle_state */
enum vmscan_throttle_state {
	VMSCAN_THROTTLE_WRITEBACK,
	VMSCAN_THROTTLE_ISOLATED,
	VMSCAN_THROTTLE_NOPROGRESS,
	VMSCAN_THROTTLE_CONGESTED,
	NR_VMSCAN_THROTTLE,
};

/* include/linux/mmzone.h: enum pgdat_flags */
enum pgdat_flags {
	PGDAT_DIRTY,
	PGDAT_WRITEBACK,
	PGDAT_RECLAIM_LOCKED,
};

/* include/linux/mmzone.h: enum lruvec_flags */
enum lruvec_flags {
	LRUVEC_CGROUP_CONGESTED,
	LRUVEC_NODE_CONGESTED,
};

/* include/linux/mmzone.h: WORKINGSET_ANON, WORKINGSET_FILE */
#define WORKINGSET_ANON 0
#define WORKINGSET_FILE 1

/* }====== */

/* {====== where the sim is: NODE_DATA(nid) is a member of struct sim */

static inline struct sim *pgdat_sim(struct pglist_data *pgdat)
{
	return (struct sim *)(void *)((char *)(pgdat - pgdat->node_id) -
				      offsetof(struct sim, node_data));
}

static inline bool pgdat_test_flag(const struct pglist_data *pgdat, int bit)
{
	return pgdat->flags & (1UL << bit);
}

static inline void pgdat_set_flag(struct pglist_data *pgdat, int bit)
{
	pgdat->flags |= 1UL << bit;
}

static inline void pgdat_clear_flag(struct pglist_data *pgdat, int bit)
{
	pgdat->flags &= ~(1UL << bit);
}

/* }====== */

/* {====== vmscan.c */

/* mm/vmscan.c: wakeup_kswapd() */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type highest_zoneidx);
/* mm/vmscan.c: pgdat_balanced() */
bool pgdat_balanced(struct pglist_data *pgdat, int order, int highest_zoneidx);
/* mm/vmscan.c: pgdat_watermark_boosted() */
bool pgdat_watermark_boosted(struct pglist_data *pgdat, int highest_zoneidx);
/* mm/vmscan.c: prepare_kswapd_sleep() */
bool prepare_kswapd_sleep(struct pglist_data *pgdat, int order,
			  int highest_zoneidx);
/* mm/vmscan.c: balance_pgdat(); returns the order reclaim finished at */
int balance_pgdat(struct pglist_data *pgdat, int order, int highest_zoneidx);
/* mm/vmscan.c: kswapd(), the thread body; p is the pgdat */
int kswapd(void *p);
/* mm/vmscan.c: kswapd()'s start: an empty order/highest_zoneidx mailbox */
void kswapd_init_node(struct pglist_data *pgdat);
/* mm/internal.h: node_reclaim()'s results */
#define NODE_RECLAIM_NOSCAN (-2)
#define NODE_RECLAIM_FULL (-1)
#define NODE_RECLAIM_SOME 0
#define NODE_RECLAIM_SUCCESS 1

/* include/uapi/linux/mempolicy.h: zone_reclaim_mode bits */
#define RECLAIM_ZONE (1 << 0) /* run node reclaim on a miss */
#define RECLAIM_WRITE (1 << 1) /* writeout pages during reclaim */
#define RECLAIM_UNMAP (1 << 2) /* unmap pages during reclaim */

/* mm/internal.h: node_reclaim_enabled() */
static inline bool node_reclaim_enabled(const struct sim *sim)
{
	return sim->cfg.sysctl.zone_reclaim_mode &
	       (RECLAIM_ZONE | RECLAIM_WRITE | RECLAIM_UNMAP);
}

/* mm/vmscan.c: node_reclaim(): one of NODE_RECLAIM_* */
int node_reclaim(struct pglist_data *pgdat, gfp_t gfp_mask, unsigned int order);
/* page_alloc.c: the current task's node (numa_node_id()) */
int numa_node_id(const struct sim *sim);

/* mm/vmscan.c: try_to_free_pages() */
unsigned long try_to_free_pages(struct sim *sim, int nid, int order,
				gfp_t gfp_mask, unsigned long nodemask);
/* mm/vmscan.c: shrink_node() */
void shrink_node(struct pglist_data *pgdat, struct scan_control *sc);
/* mm/vmscan.c: get_scan_count(); exported for the tests */
void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
		    unsigned long *nr);
/* mm/vmscan.c: prepare_scan_control() */
void prepare_scan_control(struct pglist_data *pgdat, struct scan_control *sc);
/* mm/vmscan.c: inactive_is_low() */
bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru);
/* mm/vmscan.c: zone_reclaimable_pages() */
unsigned long zone_reclaimable_pages(const struct zone *zone);
/* mm/vmscan.c: reclaim_throttle() */
void reclaim_throttle(struct pglist_data *pgdat,
		      enum vmscan_throttle_state reason,
		      const struct scan_control *sc);

/* rmap.c */
/* (the kernel's is_locked: the model has no folio lock to hold) */
int folio_referenced(struct sim *sim, unsigned long pfn,
		     unsigned long *vm_flags);
bool try_to_unmap(struct sim *sim, unsigned long pfn);

/* mm/mm.h: vm_flags folio_referenced() reports */
#define VM_EXEC 0x4UL
#define VM_LOCKED 0x2000UL

/* oom_kill.c */
struct oom_control {
	int nid; /* preferred node of the allocation */
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	int chosen; /* task id; -1 aborted; 0 none */
	long chosen_points;
};
bool out_of_memory(struct sim *sim, struct oom_control *oc);
/* kernel/printk/printk.c: printk() into sim->log_buf */
void printk(struct sim *sim, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * mm/show_mem.c: __show_mem(): the "Mem-Info:" block, zones up to
 * max_zone_idx (gfp_zone() of the failed request)
 */
void __show_mem(struct sim *sim, int max_zone_idx);
/* lib/ratelimit.c: ___ratelimit() */
bool __ratelimit(struct sim *sim, struct ratelimit_state *rs, const char *func);
/* the online nodes as the kernel's "%*pbl" prints them: "0", "0-1" */
void nodelist_str(const struct sim *sim, char *buf, size_t len);
long oom_badness(struct sim *sim, int task, unsigned long totalpages);

/* }====== */

#endif /* KSS_CORE_VMSCAN_H */
