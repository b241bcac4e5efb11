/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kswapsim core: the public API. The engine is a plain C11 library; the Lua
 * bindings, the UI and the tests are its clients and include only this
 * header. Everything here is deterministic: no wall clock, no /proc, no
 * threads. Kernel enums keep their 6.12 names and values.
 *
 * Conventions: actions return 0 or a negative errno; predicates return bool;
 * a returned char * belongs to the caller (free() it); a returned const
 * pointer is borrowed until the next call that changes the sim.
 */
#ifndef KSWAPSIM_SIM_H
#define KSWAPSIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_MAX_NODES 8
#define SIM_MAX_CPUS 64
#define SIM_CPU_SPEED_MIN 0.001
#define SIM_CPU_SPEED_MAX 1000.0
#define SIM_FIRST_TOUCH_NS_MAX 1000000

/* include/linux/mmzone.h: enum zone_type (x86-64, Debian: no HighMem) */
enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	MAX_NR_ZONES,
};

/* include/linux/mmzone.h: enum zone_watermarks */
enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK,
};

/* include/linux/mmzone.h: enum migratetype (no CMA; MEMORY_ISOLATION=y) */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES,
};

/* include/linux/mmzone.h: enum lru_list */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS,
};

#define SIM_NR_PAGE_ORDERS 11 /* NR_PAGE_ORDERS: orders 0..MAX_PAGE_ORDER */

struct sim;

/* {====== configuration */

/*
 * One zone of one node, in pages. spanned = 0 means the zone is empty (it
 * still exists and zoneinfo prints it). start_pfn = 0 lets sim_create() lay
 * the zone out after the previous one, x86-64 style (DMA from pfn 1, DMA32
 * from 4096, Normal from 1048576).
 */
struct sim_zone_config {
	unsigned long start_pfn;
	unsigned long spanned;
	unsigned long present;
	unsigned long managed;
};

struct sim_node_config {
	struct sim_zone_config zones[MAX_NR_ZONES];
};

/* The kernel's tunables under /proc/sys/vm, with the kernel's defaults. */
struct sim_sysctl {
	int min_free_kbytes; /* < 0: computed at boot (kernel-facts A2) */
	int watermark_scale_factor; /* 10 */
	int watermark_boost_factor; /* 15000 */
	int lowmem_reserve_ratio[MAX_NR_ZONES]; /* 256 256 32 0 0 */
	int swappiness; /* 60 */
	int laptop_mode; /* 0 */
	int dirty_background_ratio; /* 10 */
	int dirty_ratio; /* 20 */
	int dirty_expire_centisecs; /* 3000 */
	int dirty_writeback_centisecs; /* 500 */
	int zone_reclaim_mode; /* 0 */
	int min_unmapped_ratio; /* 1: node_reclaim()'s page cache floor, % */
	int min_slab_ratio; /* 5 */
	int percpu_pagelist_high_fraction; /* 0 */
};

struct sim_config {
	int nr_nodes; /* 1..SIM_MAX_NODES */
	struct sim_node_config nodes[SIM_MAX_NODES];
	int nr_cpus; /* online CPUs, 1..SIM_MAX_CPUS */
	/*
	 * The CPUs' speed against the cost model's reference core (sched.h):
	 * each item of work takes its cost divided by cpu_speed, so 0.5 is
	 * a machine half as fast. SIM_CPU_SPEED_MIN..SIM_CPU_SPEED_MAX.
	 */
	double cpu_speed;
	/*
	 * What the machine under the kernel charges for the first use of
	 * each page of RAM since boot, in ns on the reference core (divided
	 * by cpu_speed, as the emulator runs on the host that runs the
	 * guest's CPUs): an emulator such as QEMU allocates the guest's
	 * memory only when the guest first touches it. Charged to the
	 * thread that allocates the page. 0 (the default) ..
	 * SIM_FIRST_TOUCH_NS_MAX.
	 */
	unsigned int first_touch_ns;
	unsigned long swap_pages; /* 0: no swap device */
	/*
	 * The swap device spins (!bdev_nonrot(), as a virtio disk is):
	 * swapon counts it in nr_rotate_swap, and swap-in then reads ahead
	 * by slot (swap_cluster_readahead()), not by address. false: it
	 * does not (the default).
	 */
	bool swap_rotational;
	uint64_t seed;
	bool thp; /* THP enabled: khugepaged's min_free_kbytes */
	/*
	 * The page cache's own slab: its xarray nodes (radix_tree_node) and
	 * ext4's buffer heads take slab pages as it grows (slab.h), as in
	 * the kernel (the default). false: a page of cache costs that page
	 * alone, for a lecture that counts pages.
	 */
	bool slab;
	struct sim_sysctl sysctl;
	/*
	 * The host's memory: sim_create() refuses up front a machine whose
	 * page frames and swap map would take more. 0: no limit.
	 */
	uint64_t host_mem_bytes;
};

/* The default machine (one node, 8 GiB) and the kernel's default sysctls. */
void sim_config_default(struct sim_config *cfg);

/*
 * Boot a machine: lay out page frames, hand managed pages to the buddy
 * allocator (__free_pages_core), compute min_free_kbytes, watermarks and
 * lowmem_reserve as the kernel's initcalls do. -EINVAL with a message in
 * err for a configuration the kernel could not have.
 */
int sim_create(const struct sim_config *cfg, struct sim **simp, char *err,
	       size_t errlen);
void sim_destroy(struct sim *sim);
const struct sim_config *sim_get_config(const struct sim *sim);
/* Bytes of the simulator's memory its page frames take (its memmap). */
size_t sim_memmap_bytes(const struct sim *sim);

/* }====== */

/* {====== sysctls (mm/page_alloc.c: page_alloc_sysctl_table[] and friends) */

/* Names of the sysctls this model has, NULL-terminated. */
const char *const *sim_sysctl_names(void);
/*
 * Write a sysctl; recomputes what the kernel's handler recomputes. A scalar
 * takes n = 1; lowmem_reserve_ratio takes MAX_NR_ZONES values.
 * Returns -ENOENT for an unknown name, -EINVAL for a value the handler
 * rejects (the message goes to err).
 */
int sim_sysctl_set(struct sim *sim, const char *name, const long *vals, int n,
		   char *err, size_t errlen);
/* Returns the number of values stored in vals, or -ENOENT. */
int sim_sysctl_get(const struct sim *sim, const char *name, long *vals,
		   int max);

/* }====== */

/* {====== zones, nodes, watermarks */

const char *sim_zone_name(int zid); /* "DMA", "DMA32", "Normal", ... */
/* Returns the zone index for a name, or -1. */
int sim_zone_index(const char *name);
int sim_nr_nodes(const struct sim *sim);

/* include/linux/mmzone.h: struct per_cpu_pages, one CPU's sizes */
struct sim_pcp_info {
	int count; /* pages on the CPU's lists */
	int high; /* zoneinfo's high: (0 until first used) */
	int batch;
	int high_min; /* the range high is tuned in */
	int high_max;
};

struct sim_zone_info {
	int nid;
	int zid;
	const char *name;
	unsigned long free; /* NR_FREE_PAGES */
	unsigned long boost; /* watermark_boost */
	unsigned long wmark[NR_WMARK]; /* *_wmark_pages(): include boost */
	unsigned long spanned;
	unsigned long present;
	unsigned long managed;
	unsigned long start_pfn;
	long protection[MAX_NR_ZONES]; /* lowmem_reserve[] */
	unsigned long nr_free[SIM_NR_PAGE_ORDERS]; /* free_area[order].nr_free */
	unsigned long nr_reserved_highatomic;
	unsigned long lru[NR_LRU_LISTS]; /* nr_zone_* mirrors */
	unsigned long free_pcp; /* pages on every CPU's lists (show_mem) */
	int nr_cpus; /* entries of pcp[] */
	struct sim_pcp_info pcp[SIM_MAX_CPUS]; /* zoneinfo's pagesets */
};
int sim_zone_info(const struct sim *sim, int nid, int zid,
		  struct sim_zone_info *info);
/* A watermark without boost (zone->_watermark[]) for the tests' formulas. */
unsigned long sim_zone_wmark(const struct sim *sim, int nid, int zid,
			     enum zone_watermarks w);

/* mm/internal.h ALLOC_* flags, the values of 6.12 */
#define SIM_ALLOC_WMARK_MIN 0x00
#define SIM_ALLOC_WMARK_LOW 0x01
#define SIM_ALLOC_WMARK_HIGH 0x02
#define SIM_ALLOC_NO_WATERMARKS 0x04
#define SIM_ALLOC_OOM 0x08
#define SIM_ALLOC_NON_BLOCK 0x10
#define SIM_ALLOC_MIN_RESERVE 0x20
#define SIM_ALLOC_CPUSET 0x40
#define SIM_ALLOC_CMA 0x80
#define SIM_ALLOC_HIGHATOMIC 0x200
#define SIM_ALLOC_KSWAPD 0x800
/* Parse "ALLOC_HIGH|ALLOC_OOM"-style text; -EINVAL if a word is unknown. */
int sim_alloc_flags_parse(const char *text, unsigned int *flags);

/* mm/page_alloc.c: __zone_watermark_ok() on the zone's current free pages */
bool sim_zone_watermark_ok(const struct sim *sim, int nid, int zid,
			   unsigned int order, unsigned long mark,
			   int highest_zoneidx, unsigned int alloc_flags);

/* }====== */

/* {====== allocation */

enum sim_page_kind {
	SIM_KIND_ANON,
	SIM_KIND_FILE,
	SIM_KIND_KERNEL,
	SIM_NR_KINDS,
};

/* Parse a gfp mask in the kernel's spelling ("GFP_KERNEL|__GFP_NOWARN"). */
int sim_gfp_parse(const char *text, unsigned int *gfp_mask);
/* The kernel's %pGg text for a gfp mask; borrowed static buffer. */
const char *sim_gfp_name(unsigned int gfp_mask, char *buf, size_t len);

struct sim_alloc_request {
	unsigned long nr_pages; /* a multiple of 1 << order */
	unsigned int order; /* 0..MAX_PAGE_ORDER */
	int nid; /* preferred node; -1: the task's node */
	int zid; /* highest zone; -1: from gfp_mask */
	enum sim_page_kind kind;
	unsigned int gfp_mask; /* 0: default for the kind */
	bool dirty;
	bool mapped;
	bool sparse; /* file: holes, read as zeroes without IO */
	bool sendfile; /* file: read with sendfile(), no copy out */
	int task; /* owning task id; 0: the default task */
};

/*
 * A long sim_alloc() asks fn(ctx, done, total) every 16384 blocks whether
 * to stop (a user's Ctrl-C), telling it how many of the total pages it
 * has (a UI shows the progress); if fn says so, the allocation gives back
 * what it took and fails with -EINTR. NULL: never asked.
 */
typedef bool (*sim_interrupt_fn)(void *ctx, unsigned long done,
				 unsigned long total);
void sim_set_interrupt(struct sim *sim, sim_interrupt_fn fn, void *ctx);

/*
 * Allocate a region of req->nr_pages pages in blocks of 2^order. On
 * failure nothing stays allocated, the return is -ENOMEM and err holds the
 * kernel's warn_alloc() words: "page allocation failure: order:3,
 * mode:0xcc0(GFP_KERNEL), nodemask=(null)".
 */
int sim_alloc(struct sim *sim, const struct sim_alloc_request *req,
	      unsigned int *region, char *err, size_t errlen);
/* Free a whole region; -EINVAL if it is unknown or already freed. */
int sim_free(struct sim *sim, unsigned int region);

struct sim_region_info {
	unsigned int id;
	enum sim_page_kind kind;
	unsigned int order;
	int task;
	unsigned long nr_pages; /* size of the region */
	unsigned long nr_resident; /* pages in RAM now */
	bool freed;
};
int sim_region_info(const struct sim *sim, unsigned int region,
		    struct sim_region_info *info);

/* }====== */

/* {====== /proc text (mm/vmstat.c), the zoneinfo parser */

char *sim_zoneinfo(const struct sim *sim); /* /proc/zoneinfo */
char *sim_vmstat(const struct sim *sim); /* /proc/vmstat */
char *sim_buddyinfo(const struct sim *sim); /* /proc/buddyinfo */
char *sim_pagetypeinfo(const struct sim *sim); /* /proc/pagetypeinfo */
/* One /proc/vmstat value by name; -ENOENT if the kernel has no such line. */
int sim_vmstat_get(const struct sim *sim, const char *name, unsigned long *val);
/*
 * The lines of /proc/vmstat (nr_unstable included), line i's name, and
 * every line's value at once in that order (a pane reads them each frame
 * without formatting text). sim_vmstat_values() returns the count stored.
 */
int sim_vmstat_nr_lines(void);
const char *sim_vmstat_line_name(int i);
int sim_vmstat_values(const struct sim *sim, unsigned long *vals, int n);
/* One node's node_stat_item by its /proc/vmstat name; -ENOENT, -EINVAL. */
int sim_node_page_state(const struct sim *sim, int nid, const char *name,
			unsigned long *val);

/*
 * Read a real /proc/zoneinfo text into cfg (nodes, zones: start_pfn,
 * spanned, present, managed; nr_cpus from the pagesets). Watermarks and
 * protection are not copied: sim_create() recomputes them. -EINVAL with
 * "line N: ..." in err on malformed text.
 */
int sim_config_from_zoneinfo(const char *text, struct sim_config *cfg,
			     char *err, size_t errlen);
/*
 * Compare a booted sim with the zoneinfo text it was imported from: one
 * line per value that differs ("Node 0, zone Normal: min 11264, file
 * says 11265"). Returns NULL when everything matches.
 */
char *sim_zoneinfo_diff(const struct sim *sim, const char *text);
/*
 * Keep the text's watermarks (min, low, high, promo) and protection
 * (lowmem_reserve[]) instead of the recomputed ones: the real kernel
 * computed them at boot, before it freed its init memory, and kept them.
 * A later sysctl write recomputes them, as it does in the kernel.
 */
int sim_zoneinfo_keep_reserves(struct sim *sim, const char *text, char *err,
			       size_t errlen);

/* }====== */

/* {====== time and tasks (sched.c) */

/* The simulated clock: nanoseconds since boot, and jiffies at HZ = 250. */
uint64_t sim_now_ns(const struct sim *sim);
unsigned long sim_jiffies(const struct sim *sim);
/* Run ticks jiffies: every task that is runnable gets its turn. */
int sim_run(struct sim *sim, unsigned long ticks);
/* One jiffy. */
void sim_tick(struct sim *sim);

struct sim_task_info {
	int id;
	int pid;
	const char *comm; /* borrowed until sim_destroy() */
	int nid;
	int oom_score_adj;
	const char *state; /* "running", "sleeping", "blocked", "dead" */
	bool kthread;
	unsigned long rss; /* pages its regions map (get_mm_rss()) */
	unsigned long swapents; /* swap entries its regions hold */
	uint64_t runtime_ns; /* CPU time used */
	bool working; /* runs a workload (sim_task_start()) */
	/*
	 * EEVDF (kernel/sched/fair.c). on_rq: on the run queue (se->on_rq),
	 * runnable or delayed. lag_ns: on it, what it is owed, V - vruntime
	 * (negative: it owes the others time); off it, what it was owed when
	 * it slept. eligible: on it and not ahead of V. delayed: asleep, but
	 * kept on the queue while it owes time (DELAY_DEQUEUE).
	 */
	bool on_rq;
	int64_t lag_ns;
	bool eligible;
	bool delayed;
};
/*
 * A user task ("firefox", {oom_score_adj = 0, node = 0}). Returns its id
 * (> 0) or -EINVAL (bad name, node or oom_score_adj outside -1000..1000),
 * -ENOSPC when the task table is full.
 */
int sim_task_create(struct sim *sim, const char *comm, int nid,
		    int oom_score_adj);
/*
 * A workload the task runs on its own stack: it maps a region of size
 * pages and touches rate of them every `every` jiffies, faulting them in
 * (allocation, kswapd wakeups, direct reclaim, throttling, all
 * steppable). cycle wraps around at the end; dirty writes; hold frees the
 * filled region after hold jiffies and starts over (a burst).
 */
struct sim_workload {
	enum sim_page_kind kind; /* SIM_KIND_ANON or SIM_KIND_FILE */
	unsigned long size; /* pages mapped */
	unsigned long rate; /* pages touched a period */
	unsigned long every; /* jiffies between periods, >= 1 */
	bool cycle;
	bool dirty;
	bool mapped; /* file: mmap()ed, not read() */
	bool sparse; /* file: a sparse file, read as zeroes without IO */
	bool sendfile; /* file: sendfile() to /dev/null, not read() */
	unsigned long hold; /* 0: keep the pages */
	unsigned long passes; /* cycle: stop after this many; 0: never */
	/*
	 * 0: rate pages, then a sleep of every jiffies. Otherwise bursts of
	 * this many pages back to back, each starting burst * every / rate
	 * jiffies after the one before (to the ns), or at once when the one
	 * before took longer: rate pages every jiffies on average.
	 */
	unsigned long burst;
};
/*
 * Start w on task id (a user task without one). The region it maps is
 * returned in *region. -ESRCH, -EBUSY, -EINVAL, -ENOMEM.
 */
int sim_task_start(struct sim *sim, int id, const struct sim_workload *w,
		   unsigned int *region);
/* Stop the task's workload at its next step; -ESRCH if it has none. */
int sim_task_stop(struct sim *sim, int id);
/* Id of the task Lua acts as ("init" at boot). */
int sim_task_default(const struct sim *sim);
/* The task calls act as now (sim_task_default() unless set). */
int sim_task_current(const struct sim *sim);
/* Make id the task later calls act as; returns the previous one or -ESRCH. */
int sim_task_set_current(struct sim *sim, int id);
int sim_task_info(const struct sim *sim, int id, struct sim_task_info *info);
/* Find a live task by comm; -ESRCH if none. */
int sim_task_find(const struct sim *sim, const char *comm);
/* Ids 1 .. sim_task_max() - 1 may exist. */
int sim_task_max(const struct sim *sim);

/* }====== */

/* {====== region operations (memory.c, mlock, page-writeback.c) */

/*
 * Touch every page of a region as the task would: a mapped page gets its
 * PTE young bit, an unmapped file page folio_mark_accessed(); an evicted
 * file page or swapped-out anon page faults back in (pgfault, pgmajfault,
 * pswpin). 0, -EINVAL for an unknown or freed region, -ENOMEM if a fault
 * could not get a page (the pages faulted so far stay).
 */
int sim_touch(struct sim *sim, unsigned int region);
/* Touch, then dirty every page (folio_mark_dirty()). */
int sim_dirty(struct sim *sim, unsigned int region);
/* mlock(): fault in and move every page to the unevictable list. */
int sim_mlock(struct sim *sim, unsigned int region);

/*
 * The block device for swap and file IO (blk.c): pages it moves a jiffy,
 * the latency of a request, writeback throttling's target latency
 * (/sys/block/DEV/queue/wbt_lat_usec: 0 turns wbt off), and the CPU
 * time a request costs the task that submits it (the driver, and on an
 * emulated machine the device's emulation).
 */
struct sim_disk {
	unsigned long bandwidth; /* pages a jiffy, >= 1 */
	uint64_t latency_us;
	uint64_t wbt_lat_usec;
	uint64_t request_us;
};
/* Sets the disk; -EINVAL for a bandwidth of 0 or above a page a ns */
int sim_disk_set(struct sim *sim, const struct sim_disk *d);
void sim_disk_get(const struct sim *sim, struct sim_disk *d);

/*
 * What the disk is doing: pages queued at it (written, not yet done), and
 * writeback throttling's state (block/blk-wbt.c, as its debugfs files name
 * it): requests under way for page-cache writes and for swap, the depth
 * (swap writes' limit), the limits of a writer and of background
 * writeback, the scale step, and the writers asleep waiting for a request.
 */
struct sim_disk_state {
	unsigned long queued;
	bool wbt_enabled;
	unsigned int inflight_bg, inflight_swap;
	unsigned int max_depth, wb_normal, wb_background;
	int scale_step;
	unsigned int waiting;
	/* fs_bio_set (bio.c): swap writes' bios under way, the slab pages
	 * they take, the mempool's reserve left of its size, writers asleep
	 * for a bio */
	unsigned long bios, bio_slabs;
	unsigned int bio_pool, bio_pool_size, bio_waiting;
};
void sim_disk_state(const struct sim *sim, struct sim_disk_state *st);

/* }====== */

/* {====== single-stepping (step.c) */

/* Granularities, finest first ("line", "page", ..., "balance"). */
enum sim_step_gran {
	SIM_STEP_LINE,
	SIM_STEP_PAGE,
	SIM_STEP_BATCH,
	SIM_STEP_LRU,
	SIM_STEP_NODE,
	SIM_STEP_PRIORITY,
	SIM_STEP_BALANCE,
	SIM_NR_STEP_GRANS,
};
const char *sim_step_gran_name(int gran);
/* The granularity by name, or -1. */
int sim_step_gran_index(const char *name);

/* One reclaim function on a parked reclaimer's stack. */
struct sim_frame {
	const char *fn; /* "shrink_node" */
	const char *file; /* "vmscan.c" */
	int line; /* the call it makes (or, for #0, the stop) */
};

#define SIM_WHERE_MAX_FRAMES 16

/* Where a parked reclaimer stands, with its scan_control. */
struct sim_where {
	const char *fn; /* the engine function */
	const char *file; /* "vmscan.c" */
	int line; /* line in that file */
	int gran; /* the granularity of this point */
	int task; /* task id */
	const char *comm; /* "kswapd0" */
	bool has_sc; /* the fields below are valid */
	int nid;
	int priority;
	int order;
	int reclaim_idx;
	unsigned int gfp_mask;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	unsigned long nr_to_reclaim;
	unsigned long anon_cost;
	unsigned long file_cost;
	unsigned int may_writepage : 1;
	unsigned int may_unmap : 1;
	unsigned int may_swap : 1;
	unsigned int may_deactivate : 2;
	unsigned int force_deactivate : 1;
	unsigned int cache_trim_mode : 1;
	unsigned int file_is_tiny : 1;
	unsigned int compaction_ready : 1;
	unsigned int kswapd : 1;
	uint64_t now_ns;
	/* its reclaim call stack, innermost (#0, the stop itself) first */
	int nr_frames;
	struct sim_frame frames[SIM_WHERE_MAX_FRAMES];
};

/*
 * Run until a reclaimer reaches a yield point of granularity gran or
 * coarser, and park it there. 0 with *where filled; -EAGAIN if nothing
 * reached one within max_ticks jiffies (time has moved on); -ENOENT, time
 * unmoved, if none could start (every kswapd asleep without a timeout, no
 * workload task); -EINVAL for a bad gran.
 */
int sim_step(struct sim *sim, int gran, unsigned long max_ticks,
	     struct sim_where *where);
/* The parked reclaimer's place; -ESRCH when none is parked. */
int sim_where(const struct sim *sim, struct sim_where *where);
/* Set the priority of the parked pass (0..DEF_PRIORITY); -ESRCH, -EINVAL. */
int sim_set_priority(struct sim *sim, int priority);

/* }====== */

/* {====== tracing (trace.c) */

/*
 * Send each vmscan tracepoint line (with its '\n') to fn; NULL turns
 * tracing off. Lines carry the simulated clock, so the same seed gives
 * the same bytes.
 */
typedef void (*sim_trace_fn)(void *arg, const char *line, size_t len);
void sim_trace_set(struct sim *sim, sim_trace_fn fn, void *arg);
/*
 * A second reader of the same lines (a trace pane), independent of
 * sim_trace_set(): either one being set turns tracing on.
 */
void sim_trace_tap(struct sim *sim, sim_trace_fn fn, void *arg);
/* Lines written since boot. */
unsigned long sim_trace_count(const struct sim *sim);

/* }====== */

/* {====== reclaim: kswapd and vmscan (vmscan.c, oom_kill.c) */

/*
 * mm/vmscan.c: wakeup_kswapd() for node nid, as wake_all_kswapds() would
 * for a GFP_KERNEL request of this order; traced if kswapd was waiting.
 * 0 or -EINVAL.
 */
int sim_wakeup_kswapd(struct sim *sim, int nid, int order, int highest_zoneidx);
/* mm/vmscan.c: pgdat_balanced(): 1 or 0, -EINVAL for bad arguments. */
int sim_pgdat_balanced(struct sim *sim, int nid, int order,
		       int highest_zoneidx);

/* DEF_PRIORITY + 1 rounds; a boost restart starts the table again */
#define SIM_KSWAPD_PRIO_ROWS 13

struct sim_kswapd_info {
	const char *state; /* "sleeping" "napping" "running" "none" */
	int task; /* task id of kswapd<nid> */
	int order; /* pgdat->kswapd_order (the mailbox) */
	int highest_zoneidx; /* MAX_NR_ZONES (5): nothing pending */
	int failures; /* kswapd_failures */
	bool running; /* inside balance_pgdat() */
	int priority; /* its sc.priority, or the last one */
	unsigned long nr_reclaimed; /* sc.nr_reclaimed of this run */
	unsigned long nr_to_reclaim; /* sc.nr_to_reclaim */
	/* the rest of the live scan_control, valid while running */
	unsigned long nr_scanned; /* sc.nr_scanned of this priority round */
	int reclaim_idx;
	bool may_writepage, may_unmap, may_swap;
	/*
	 * balance_pgdat()'s priority rounds of the current (or last) pass,
	 * one row per sc.priority in the order the pass went through them.
	 */
	int nr_prio;
	struct sim_kswapd_prio {
		int priority;
		unsigned long nr_scanned;
		unsigned long nr_reclaimed;
	} prio[SIM_KSWAPD_PRIO_ROWS];
	/* get_scan_count()'s last decision on this node, by any reclaimer */
	const char *scan_balance; /* "SCAN_FRACT"...; NULL: not yet */
	unsigned long scan_nr[LRU_UNEVICTABLE]; /* nr[] per evictable list */
};
int sim_kswapd_info(const struct sim *sim, int nid,
		    struct sim_kswapd_info *info);

/*
 * mm/vmpressure.c for the root memory cgroup: the window being counted
 * (pages scanned and reclaimed since the last work ran; the work runs
 * once 512 are scanned) and what the last work found: the pressure, the
 * share of its window's scanned pages left unreclaimed in percent, and
 * its level ("low" below 60, "medium", "critical" from 95). events
 * counts the works that found each level.
 */
struct sim_vmpressure_info {
	unsigned long scanned, reclaimed;
	unsigned int pressure;
	const char *level; /* "low" "medium" "critical"; "none" before any */
	unsigned long events[3]; /* low, medium, critical */
};
void sim_vmpressure_info(const struct sim *sim,
			 struct sim_vmpressure_info *info);
/* the levels' names, indexed as events[]: "low", "medium", "critical" */
const char *const *sim_vmpressure_levels(void);

/* The kernel log (OOM reports) as dmesg prints it; free() it. */
char *sim_dmesg(const struct sim *sim);

/* }====== */

/* {====== history (history.c): what the history pane and history.csv draw */

/*
 * One sample a jiffy, taken when the jiffy ends, kept in a ring of
 * SIM_HISTORY_MAX samples (memory does not grow with the machine).
 * Counters are cumulative, as /proc/vmstat prints them; a rate is the
 * difference of two samples.
 */
#define SIM_HISTORY_MAX 16384

enum sim_history_counter {
	SIM_HC_PGSCAN_KSWAPD,
	SIM_HC_PGSCAN_DIRECT,
	SIM_HC_PGSTEAL_KSWAPD,
	SIM_HC_PGSTEAL_DIRECT,
	SIM_HC_ALLOCSTALL, /* allocstall_* of every zone */
	SIM_HC_PSWPIN,
	SIM_HC_PSWPOUT,
	SIM_HC_REFAULT, /* workingset_refault_anon + _file */
	SIM_HC_ACTIVATE, /* workingset_activate_anon + _file */
	SIM_HC_PGACTIVATE,
	SIM_HC_PGDEACTIVATE,
	SIM_HC_PGREFILL,
	SIM_HC_PGMAJFAULT,
	SIM_NR_HC,
};
/* The counter's name ("pgscan_kswapd", "allocstall", "refault", ...). */
const char *sim_history_counter_name(int c);

enum sim_kswapd_state {
	SIM_KSWAPD_SLEEPING,
	SIM_KSWAPD_NAPPING,
	SIM_KSWAPD_RUNNING,
	SIM_KSWAPD_NONE,
};

struct sim_history_zone {
	unsigned long free; /* NR_FREE_PAGES when the jiffy ended */
	unsigned long free_low; /* the lowest it fell to during the jiffy */
	unsigned long wmark[WMARK_HIGH + 1]; /* min, low, high, with boost */
	unsigned long boost;
};

/* One node's part of one sample. */
struct sim_history_sample {
	unsigned long jiffies;
	struct sim_history_zone zone[MAX_NR_ZONES];
	unsigned long lru[NR_LRU_LISTS];
	unsigned long isolated_anon;
	unsigned long isolated_file;
	enum sim_kswapd_state kswapd; /* at the jiffy's end */
	bool kswapd_ran; /* kswapd used the CPU during the jiffy */
	uint64_t counter[SIM_NR_HC]; /* all nodes, cumulative */
};

/* Samples held, at most SIM_HISTORY_MAX. */
size_t sim_history_len(const struct sim *sim);
/*
 * Sample i (0: the oldest held, len - 1: the newest) of node nid.
 * 0, or -EINVAL for an i or nid out of range.
 */
int sim_history_sample(const struct sim *sim, size_t i, int nid,
		       struct sim_history_sample *s);

/* }====== */

/* {====== invariants */

/*
 * Check that every page frame is in exactly one place (a hole, reserved,
 * a free list, an LRU list, isolated, in flight, or owned by the kernel)
 * and that every counter equals what the arrays hold. Returns 0, or
 * -EUCLEAN with the first violation in msg.
 */
int sim_check(const struct sim *sim, char *msg, size_t len);

/* }====== */

#endif /* KSWAPSIM_SIM_H */
