// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine: its configuration, boot (mm/mm_init.c: free_area_init(),
 * memblock_free_all(), then the initcalls that size min_free_kbytes, the
 * watermarks and the reserves) and the read-only views of nodes and zones.
 *
 * Invariant after sim_create(): every pfn below max_pfn is a hole, a
 * reserved page or part of exactly one free buddy block, and every zone's
 * NR_FREE_PAGES equals its managed pages.
 */
#define _DEFAULT_SOURCE /* mmap(), madvise() */

#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sched.h"
#include "slab.h"
#include "swap.h"
#include "vmstat.h"

/* mm/page_alloc.c: zone_names[] */
static const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable", "Device",
};

/* arch/x86/mm/init.c: zone_sizes_init(): MAX_DMA_PFN, MAX_DMA32_PFN */
#define MAX_DMA_PFN ((16UL << 20) >> PAGE_SHIFT) /* 4096 */
#define MAX_DMA32_PFN (1UL << (32 - PAGE_SHIFT)) /* 1048576 */
/* e820: the legacy 640 KiB..1 MiB hole starts at pfn 0x9f */
#define LEGACY_HOLE_PFN 0x9fUL

/* The largest pfn the 32-bit list links and owners can name. */
#define SIM_MAX_PFN ((unsigned long)UINT32_MAX - 1)

/* Fill a caller's error buffer, if it gave one. */
void seterr(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!err || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/*
 * A realistic 8 GiB x86-64 box: DMA as every x86-64 machine has it (the
 * first MiB reserved, the legacy hole), DMA32 with a 1 GiB PCI hole below
 * 4 GiB, and the rest of RAM in Normal. Sysctls are the kernel's defaults
 * (mm/page_alloc.c, mm/vmscan.c, mm/page-writeback.c globals).
 */
void sim_config_default(struct sim_config *cfg)
{
	struct sim_node_config *node;

	memset(cfg, 0, sizeof(*cfg));
	cfg->nr_nodes = 1;
	node = &cfg->nodes[0];
	node->zones[ZONE_DMA] = (struct sim_zone_config){
		.start_pfn = 1,
		.spanned = 4095,
		.present = 3998,
		.managed = 3840,
	};
	node->zones[ZONE_DMA32] = (struct sim_zone_config){
		.start_pfn = 4096,
		.spanned = 1044480,
		.present = 782336,
		.managed = 765952,
	};
	node->zones[ZONE_NORMAL] = (struct sim_zone_config){
		.start_pfn = 1048576,
		.spanned = 1310720,
		.present = 1310720,
		.managed = 1277952,
	};
	cfg->nr_cpus = 2;
	cfg->cpu_speed = 1.0;
	cfg->swap_pages = 0;
	cfg->swap_rotational = false;
	cfg->seed = 1;
	cfg->thp = true;
	cfg->slab = true;
	cfg->sysctl = (struct sim_sysctl){
		.min_free_kbytes = -1,
		.watermark_scale_factor = 10,
		.watermark_boost_factor = 15000,
		.lowmem_reserve_ratio = { 256, 256, 32, 0, 0 },
		.swappiness = 60,
		.laptop_mode = 0,
		.dirty_background_ratio = 10,
		.dirty_ratio = 20,
		.dirty_expire_centisecs = 3000,
		.dirty_writeback_centisecs = 500,
		.zone_reclaim_mode = 0,
		.min_unmapped_ratio = 1,
		.min_slab_ratio = 5,
		.percpu_pagelist_high_fraction = 0,
	};
}

/* {====== layout and validation */

/*
 * Give zones with start_pfn 0 their place, x86-64 style: DMA from pfn 1,
 * DMA32 from 4096, Normal from 1048576, each no lower than the end of the
 * zone before it (across nodes too). Empty zones keep start_pfn 0 unless
 * given one, as zoneinfo prints them.
 */
static void layout_zones(struct sim_config *cfg)
{
	static const unsigned long floor_pfn[MAX_NR_ZONES] = {
		1, MAX_DMA_PFN, MAX_DMA32_PFN, 0, 0,
	};
	unsigned long end = 0;

	for (int nid = 0; nid < cfg->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct sim_zone_config *zc =
				&cfg->nodes[nid].zones[zid];

			if (!zc->spanned)
				continue;
			if (!zc->start_pfn)
				zc->start_pfn = end > floor_pfn[zid] ?
							end :
							floor_pfn[zid];
			end = zc->start_pfn + zc->spanned;
		}
	}
}

static int check_zone(const struct sim_zone_config *zc, int nid, int zid,
		      unsigned long *end, char *err, size_t len)
{
	const char *name = zone_names[zid];

	if (zc->present > zc->spanned || zc->managed > zc->present) {
		seterr(err, len,
		       "node %d zone %s: need managed <= present <= spanned, got managed %lu, present %lu, spanned %lu",
		       nid, name, zc->managed, zc->present, zc->spanned);
		return -EINVAL;
	}
	if (!zc->spanned)
		return 0;
	if (zid == ZONE_DEVICE && zc->managed) {
		seterr(err, len,
		       "node %d zone Device: device memory is never managed by the buddy allocator (managed must be 0, got %lu)",
		       nid, zc->managed);
		return -EINVAL;
	}
	/* Checked before any sum below: start_pfn + spanned must not wrap. */
	if (zc->start_pfn > SIM_MAX_PFN ||
	    zc->spanned > SIM_MAX_PFN - zc->start_pfn) {
		seterr(err, len,
		       "node %d zone %s: start_pfn %lu + spanned %lu ends beyond the simulator's limit, pfn %lu",
		       nid, name, zc->start_pfn, zc->spanned, SIM_MAX_PFN);
		return -EINVAL;
	}
	if (zc->start_pfn < *end) {
		seterr(err, len,
		       "node %d zone %s: start_pfn %lu overlaps the zone before it (which ends at pfn %lu)",
		       nid, name, zc->start_pfn, *end);
		return -EINVAL;
	}
	if (zid == ZONE_DMA && zc->start_pfn + zc->spanned > MAX_DMA_PFN) {
		seterr(err, len,
		       "node %d zone DMA: ends at pfn %lu, beyond 16 MiB (pfn 4096)",
		       nid, zc->start_pfn + zc->spanned);
		return -EINVAL;
	}
	if (zid == ZONE_DMA32 && zc->start_pfn + zc->spanned > MAX_DMA32_PFN) {
		seterr(err, len,
		       "node %d zone DMA32: ends at pfn %lu, beyond 4 GiB (pfn 1048576)",
		       nid, zc->start_pfn + zc->spanned);
		return -EINVAL;
	}
	if (zc->start_pfn + zc->spanned > SIM_MAX_PFN) {
		seterr(err, len,
		       "node %d zone %s: ends at pfn %lu, beyond the simulator's limit %lu",
		       nid, name, zc->start_pfn + zc->spanned, SIM_MAX_PFN);
		return -EINVAL;
	}
	*end = zc->start_pfn + zc->spanned;
	return 0;
}

/* Reject what a booted x86-64 kernel could not have. */
static int check_config(const struct sim_config *cfg, char *err, size_t len)
{
	const struct sim_sysctl *s = &cfg->sysctl;
	unsigned long end = 0, managed = 0;
	int ret;

	if (cfg->nr_nodes < 1 || cfg->nr_nodes > SIM_MAX_NODES) {
		seterr(err, len, "nr_nodes must be 1..%d, got %d",
		       SIM_MAX_NODES, cfg->nr_nodes);
		return -EINVAL;
	}
	if (cfg->nr_cpus < 1 || cfg->nr_cpus > SIM_MAX_CPUS) {
		seterr(err, len, "nr_cpus must be 1..%d, got %d", SIM_MAX_CPUS,
		       cfg->nr_cpus);
		return -EINVAL;
	}
	/* written as a test NaN fails too */
	if (!(cfg->cpu_speed >= SIM_CPU_SPEED_MIN &&
	      cfg->cpu_speed <= SIM_CPU_SPEED_MAX)) {
		seterr(err, len, "cpu_speed must be %g..%g, got %g",
		       SIM_CPU_SPEED_MIN, SIM_CPU_SPEED_MAX, cfg->cpu_speed);
		return -EINVAL;
	}
	if (cfg->first_touch_ns > SIM_FIRST_TOUCH_NS_MAX) {
		seterr(err, len, "first_touch_ns must be 0..%d, got %u",
		       SIM_FIRST_TOUCH_NS_MAX, cfg->first_touch_ns);
		return -EINVAL;
	}
	for (int nid = 0; nid < cfg->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct sim_zone_config *zc =
				&cfg->nodes[nid].zones[zid];

			ret = check_zone(zc, nid, zid, &end, err, len);
			if (ret)
				return ret;
			managed += zc->managed;
		}
	}
	if (!managed) {
		seterr(err, len, "the machine has no managed memory");
		return -EINVAL;
	}
	if (s->watermark_scale_factor < 1 || s->watermark_scale_factor > 3000) {
		seterr(err, len,
		       "watermark_scale_factor must be 1..3000, got %d",
		       s->watermark_scale_factor);
		return -EINVAL;
	}
	if (s->watermark_boost_factor < 0) {
		seterr(err, len, "watermark_boost_factor must be >= 0, got %d",
		       s->watermark_boost_factor);
		return -EINVAL;
	}
	if (s->percpu_pagelist_high_fraction < 0 ||
	    (s->percpu_pagelist_high_fraction > 0 &&
	     s->percpu_pagelist_high_fraction < 8)) {
		seterr(err, len,
		       "percpu_pagelist_high_fraction must be 0 or >= 8, got %d",
		       s->percpu_pagelist_high_fraction);
		return -EINVAL;
	}
	return 0;
}

/* }====== */

/* {====== boot */

/*
 * A zeroed array for page frames: anonymous memory the kernel zeroes on
 * first touch, asked for in transparent huge pages so that boot, which
 * touches most of it, takes 512 times fewer page faults.
 */
static void *frames_calloc(unsigned long nr, size_t size)
{
	size_t bytes = nr * size;
	void *p;

	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, bytes, MADV_HUGEPAGE); /* a hint: failure is fine */
	return p;
}

static void frames_free(void *p, unsigned long nr, size_t size)
{
	if (p)
		munmap(p, nr * size);
}

/* Bytes one page frame takes in struct page_frames: 16 */
static size_t page_frame_bytes(void)
{
	const struct page_frames *pf = NULL;

	return sizeof(*pf->next) + sizeof(*pf->prev) + sizeof(*pf->owner) +
	       sizeof(*pf->flags) + sizeof(*pf->order_mt) + sizeof(*pf->state);
}

/* bytes as "1.5 GiB", for messages */
static const char *size_text(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = { "bytes", "KiB", "MiB",
					     "GiB",   "TiB", "PiB" };
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%llu bytes", (unsigned long long)bytes);
	else
		snprintf(buf, len, "%.1f %s", v, units[u]);
	return buf;
}

/*
 * Refuse, before anything is allocated, a machine whose page frames (16
 * bytes a frame up to max_pfn) and swap map (9 bytes a slot and 4 a
 * frame) would take more than the host's memory: the arrays are zeroed
 * on first touch, so the boot would otherwise run the host into swap or
 * the OOM killer instead of failing. 15 TiB of RAM takes 60 GiB.
 */
static int check_host_memory(const struct sim_config *cfg,
			     unsigned long max_pfn, char *err, size_t len)
{
	uint64_t frames = (uint64_t)max_pfn * page_frame_bytes();
	uint64_t swap = swap_map_bytes(cfg->swap_pages, max_pfn);
	char need[32], host[32], f[32], sw[32];

	if (!cfg->host_mem_bytes || frames + swap <= cfg->host_mem_bytes)
		return 0;
	size_text(need, sizeof(need), frames + swap);
	size_text(host, sizeof(host), cfg->host_mem_bytes);
	size_text(f, sizeof(f), frames);
	size_text(sw, sizeof(sw), swap);
	if (swap)
		seterr(err, len,
		       "the host cannot hold this machine: its %lu page frames (%s) and its swap map of %lu slots (%s) need %s, more than the host's %s",
		       max_pfn, f, cfg->swap_pages, sw, need, host);
	else
		seterr(err, len,
		       "the host cannot hold this machine: its %lu page frames need %s, more than the host's %s",
		       max_pfn, need, host);
	return -ENOMEM;
}

static int pages_alloc(struct page_frames *pf, unsigned long nr)
{
	pf->nr = nr;
	pf->next = frames_calloc(nr, sizeof(*pf->next));
	pf->prev = frames_calloc(nr, sizeof(*pf->prev));
	pf->owner = frames_calloc(nr, sizeof(*pf->owner));
	pf->flags = frames_calloc(nr, sizeof(*pf->flags));
	pf->order_mt = frames_calloc(nr, sizeof(*pf->order_mt));
	pf->state = frames_calloc(nr, sizeof(*pf->state));
	if (!pf->next || !pf->prev || !pf->owner || !pf->flags ||
	    !pf->order_mt || !pf->state)
		return -ENOMEM;
	return 0;
}

static void pages_free(struct page_frames *pf)
{
	frames_free(pf->next, pf->nr, sizeof(*pf->next));
	frames_free(pf->prev, pf->nr, sizeof(*pf->prev));
	frames_free(pf->owner, pf->nr, sizeof(*pf->owner));
	frames_free(pf->flags, pf->nr, sizeof(*pf->flags));
	frames_free(pf->order_mt, pf->nr, sizeof(*pf->order_mt));
	frames_free(pf->state, pf->nr, sizeof(*pf->state));
}

/*
 * The pfn where a zone's managed pages begin: see zone_init(). DMA with
 * the legacy hole has its RAM after the hole.
 */
static unsigned long zone_managed_start(const struct sim_zone_config *zc,
					int zid)
{
	unsigned long reserved = zc->present - zc->managed;
	unsigned long holes = zc->spanned - zc->present;

	if (zid == ZONE_DMA && holes &&
	    zc->start_pfn + reserved == LEGACY_HOLE_PFN &&
	    LEGACY_HOLE_PFN + holes + zc->managed <=
		    zc->start_pfn + zc->spanned)
		return LEGACY_HOLE_PFN + holes;
	return zc->start_pfn + reserved;
}

/*
 * mm/mm_init.c: memmap_init_range() marks a pageblock Movable when its
 * first pfn is memory (present, reserved or not); a pageblock whose first
 * pfn is a hole, such as DMA's pageblock 0 (pfn 0 is not RAM on x86-64),
 * keeps the zeroed MIGRATE_UNMOVABLE, as the host's pagetypeinfo shows.
 */
static void memmap_init_pageblocks(struct sim *sim)
{
	const uint8_t *state = sim->pages.state;

	for (unsigned long pfn = 0; pfn < sim->max_pfn;
	     pfn += pageblock_nr_pages)
		if (state[pfn] != PS_HOLE)
			set_pageblock_migratetype(sim, pfn, MIGRATE_MOVABLE);
}

/*
 * mm/mm_init.c: free_area_init_core() and memmap_init_range() for one
 * zone: its sizes, empty free lists, and page states. Reserved pages come
 * first (memblock's early allocations), then RAM; holes are at the end of
 * the span, except in DMA where they sit at the legacy 640 KiB hole.
 */
static void zone_init(struct sim *sim, struct pglist_data *pgdat, int zid,
		      const struct sim_zone_config *zc)
{
	struct zone *zone = &pgdat->node_zones[zid];
	uint8_t *state = sim->pages.state;
	unsigned long start = zc->start_pfn;
	unsigned long reserved = zc->present - zc->managed;
	unsigned long mstart;
	int o, mt;

	zone->zone_pgdat = pgdat;
	zone->name = zone_names[zid];
	zone->idx = zid;
	zone->zone_start_pfn = start;
	zone->spanned_pages = zc->spanned;
	zone->present_pages = zc->present;
	zone->managed_pages = zc->managed;
	/* history.c: no dip seen yet, the first sample takes free pages' low */
	zone->hist_free_low = LONG_MAX;
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			pfn_list_init(&zone->free_area[o].free_list[mt]);
	for (int cpu = 0; cpu < SIM_MAX_CPUS; cpu++)
		for (int i = 0; i < NR_PCP_LISTS; i++)
			pfn_list_init(&zone->pcp[cpu].lists[i]);
	if (!zc->spanned)
		return;

	/* state: PS_HOLE is 0, already there in the zeroed array */
	mstart = zone_managed_start(zc, zid);
	if (mstart == start + reserved) {
		memset(state + start, PS_RESERVED, reserved);
	} else {
		/* DMA: reserved low memory up to the legacy hole */
		memset(state + start, PS_RESERVED, LEGACY_HOLE_PFN - start);
	}
	memset(state + mstart, PS_TAIL, zc->managed);
}

static void node_init(struct sim *sim, int nid)
{
	struct pglist_data *pgdat = &sim->node_data[nid];
	const struct sim_node_config *nc = &sim->cfg.nodes[nid];
	unsigned long start = ~0UL, end = 0;

	pgdat->node_id = nid;
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES - 1;
	for (int lru = 0; lru < NR_LRU_LISTS; lru++)
		pfn_list_init(&pgdat->lruvec.lists[lru]);
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct sim_zone_config *zc = &nc->zones[zid];

		zone_init(sim, pgdat, zid, zc);
		if (!zc->spanned)
			continue;
		if (zc->start_pfn < start)
			start = zc->start_pfn;
		if (zc->start_pfn + zc->spanned > end)
			end = zc->start_pfn + zc->spanned;
		pgdat->node_present_pages += zc->present;
		if (zc->present)
			pgdat->nr_zones = zid + 1;
	}
	pgdat->node_start_pfn = end ? start : 0;
	pgdat->node_spanned_pages = end ? end - start : 0;
}

/*
 * mm/memblock.c: __free_pages_memory(): hand [start, end) to the buddy
 * allocator in the largest naturally aligned blocks, MAX_PAGE_ORDER at
 * most, as memblock_free_all() does at boot.
 */
static void free_pages_memory(struct sim *sim, unsigned long start,
			      unsigned long end);

void memblock_free_all(struct sim *sim)
{
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct sim_zone_config *zc =
				&sim->cfg.nodes[nid].zones[zid];
			unsigned long start;

			if (!zc->managed)
				continue;
			start = zone_managed_start(zc, zid);
			free_pages_memory(sim, start, start + zc->managed);
		}
	}
}

static void free_pages_fragment(struct sim *sim, unsigned long start,
				unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_PAGE_ORDER;

		/* the largest block aligned at start that ends by end */
		while (order && ((start & ((1UL << order) - 1)) ||
				 start + (1UL << order) > end))
			order--;
		__free_pages_core(sim, start, order);
		start += 1UL << order;
	}
}

static void free_pages_memory(struct sim *sim, unsigned long start,
			      unsigned long end)
{
	unsigned long a = (start + MAX_ORDER_NR_PAGES - 1) &
			  ~(MAX_ORDER_NR_PAGES - 1);
	unsigned long b = end & ~(MAX_ORDER_NR_PAGES - 1);

	/* the aligned middle is all order-10 blocks: defer linking them */
	if (a < b) {
		free_pages_fragment(sim, start, a);
		deferred_free_range(sim, a, b);
		free_pages_fragment(sim, b, end);
		return;
	}
	free_pages_fragment(sim, start, end);
}

/* mm/vmstat.c: calculate_normal_threshold() */
static int calculate_normal_threshold(const struct sim *sim,
				      const struct zone *zone)
{
	unsigned long mem = zone->managed_pages >> (27 - PAGE_SHIFT);
	int threshold;
	int fls_cpus = 0, fls_mem = 0;

	while (fls_cpus < 32 && (sim->cfg.nr_cpus >> fls_cpus))
		fls_cpus++;
	while (fls_mem < 64 && (mem >> fls_mem))
		fls_mem++;
	threshold = 2 * fls_cpus * (1 + fls_mem);
	return threshold < 125 ? threshold : 125;
}

/* mm/vmstat.c: refresh_zone_stat_thresholds(), populated zones only */
static void refresh_zone_stat_thresholds(struct sim *sim)
{
	struct zone *zone;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			if (populated_zone(zone))
				zone->stat_threshold =
					calculate_normal_threshold(sim, zone);
}

int sim_create(const struct sim_config *cfg, struct sim **simp, char *err,
	       size_t errlen)
{
	struct sim *sim;
	unsigned long max_pfn = 0;
	int ret;

	*simp = NULL;
	sim = calloc(1, sizeof(*sim));
	if (!sim) {
		seterr(err, errlen, "out of memory");
		return -ENOMEM;
	}
	sim->cfg = *cfg;
	/* mm/page_alloc.c: warn_alloc()'s DEFINE_RATELIMIT_STATE(nopage_rs) */
	sim->nopage_rs =
		(struct ratelimit_state){ .interval = 10 * HZ, .burst = 1 };
	layout_zones(&sim->cfg);
	ret = check_config(&sim->cfg, err, errlen);
	if (ret)
		goto out_free_sim;
	sim->nr_nodes = sim->cfg.nr_nodes;
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct sim_zone_config *zc =
				&sim->cfg.nodes[nid].zones[zid];

			if (zc->spanned &&
			    zc->start_pfn + zc->spanned > max_pfn)
				max_pfn = zc->start_pfn + zc->spanned;
		}
	}
	/* the frames cover whole pageblocks */
	max_pfn = (max_pfn + pageblock_nr_pages - 1) &
		  ~(pageblock_nr_pages - 1);
	sim->max_pfn = max_pfn;
	ret = check_host_memory(&sim->cfg, max_pfn, err, errlen);
	if (ret)
		goto out_free_sim;
	ret = pages_alloc(&sim->pages, max_pfn);
	if (ret)
		goto out_nomem;
	sim->user_min_free_kbytes = -1;
	rng_seed(sim->rng, sim->cfg.seed, 0);
	sim->nr_regions = 1;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		node_init(sim, nid);
	build_all_zonelists(sim);
	memmap_init_pageblocks(sim);
	memblock_free_all(sim);
	memmap_boot_pages_init(sim);
	refresh_zone_stat_thresholds(sim);

	/* postcore_initcall(init_per_zone_wmark_min) */
	init_per_zone_wmark_min(sim);
	/*
	 * subsys_initcall(hugepage_init): khugepaged is started (and raises
	 * min_free_kbytes) only with THP on and at least 512 MiB of RAM.
	 */
	if (sim->cfg.thp && totalram_pages(sim) >= (512UL << (20 - PAGE_SHIFT)))
		set_recommended_min_free_kbytes(sim);
	/* a min_free_kbytes in the config is a write after boot */
	if (cfg->sysctl.min_free_kbytes >= 0) {
		long v = cfg->sysctl.min_free_kbytes;

		ret = sim_sysctl_set(sim, "min_free_kbytes", &v, 1, err,
				     errlen);
		if (ret)
			goto out_destroy;
	}
	/* tasks, swap, writeback; kswapd<nid> and the flusher start */
	ret = reclaim_engine_init(sim);
	if (ret && swap_map_missing(sim)) {
		seterr(err, errlen,
		       "out of memory for the swap map of %lu slots (%lu MiB of swap)",
		       sim->cfg.swap_pages,
		       sim->cfg.swap_pages >> (20 - PAGE_SHIFT));
		goto out_destroy;
	}
	if (ret)
		goto out_nomem;
	*simp = sim;
	return 0;

out_nomem:
	seterr(err, errlen, "out of memory for %lu page frames", max_pfn);
	ret = -ENOMEM;
out_destroy:
	sim_destroy(sim);
	return ret;
out_free_sim:
	free(sim);
	return ret;
}

void sim_destroy(struct sim *sim)
{
	unsigned int i;

	if (!sim)
		return;
	for (i = 0; i < sim->nr_regions && sim->regions; i++) {
		free(sim->regions[i].pte);
		free(sim->regions[i].buffers);
		xa_free(&sim->regions[i]);
	}
	free(sim->regions);
	reclaim_engine_exit(sim);
	pages_free(&sim->pages);
	free(sim);
}

size_t sim_memmap_bytes(const struct sim *sim)
{
	return page_frame_bytes() * sim->pages.nr;
}

const struct sim_config *sim_get_config(const struct sim *sim)
{
	return &sim->cfg;
}

/* }====== */

/* {====== views */

const char *sim_zone_name(int zid)
{
	if (zid < 0 || zid >= MAX_NR_ZONES)
		return NULL;
	return zone_names[zid];
}

int sim_zone_index(const char *name)
{
	if (!name)
		return -1;
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		if (!strcmp(name, zone_names[zid]))
			return zid;
	return -1;
}

int sim_nr_nodes(const struct sim *sim)
{
	return sim->nr_nodes;
}

static const struct zone *zone_of(const struct sim *sim, int nid, int zid)
{
	if (nid < 0 || nid >= sim->nr_nodes || zid < 0 || zid >= MAX_NR_ZONES)
		return NULL;
	return &sim->node_data[nid].node_zones[zid];
}

int sim_zone_info(const struct sim *sim, int nid, int zid,
		  struct sim_zone_info *info)
{
	const struct zone *zone = zone_of(sim, nid, zid);

	if (!zone)
		return -EINVAL;
	*info = (struct sim_zone_info){ 0 };
	info->nid = nid;
	info->zid = zid;
	info->name = zone->name;
	info->free = (unsigned long)zone->vm_stat[NR_FREE_PAGES];
	info->boost = zone->watermark_boost;
	for (int i = 0; i < NR_WMARK; i++)
		info->wmark[i] = wmark_pages(zone, i);
	info->spanned = zone->spanned_pages;
	info->present = zone->present_pages;
	info->managed = zone->managed_pages;
	info->start_pfn = zone->zone_start_pfn;
	for (int i = 0; i < MAX_NR_ZONES; i++)
		info->protection[i] = zone->lowmem_reserve[i];
	for (int i = 0; i < NR_PAGE_ORDERS; i++)
		info->nr_free[i] = zone->free_area[i].nr_free;
	info->nr_reserved_highatomic = zone->nr_reserved_highatomic;
	for (int i = 0; i < NR_LRU_LISTS; i++)
		info->lru[i] =
			(unsigned long)zone->vm_stat[NR_ZONE_LRU_BASE + i];
	info->free_pcp = zone_pcp_pages(sim, zone);
	info->nr_cpus = sim->cfg.nr_cpus;
	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++) {
		const struct per_cpu_pages *pcp = &zone->pcp[cpu];

		info->pcp[cpu] = (struct sim_pcp_info){
			.count = pcp->count,
			.high = pcp->high,
			.batch = pcp->batch,
			.high_min = pcp->high_min,
			.high_max = pcp->high_max,
		};
	}
	return 0;
}

unsigned long sim_zone_wmark(const struct sim *sim, int nid, int zid,
			     enum zone_watermarks w)
{
	const struct zone *zone = zone_of(sim, nid, zid);

	if (!zone || w < 0 || w >= NR_WMARK)
		return 0;
	return zone->_watermark[w];
}

/*
 * include/asm-generic/bug.h: WARN_ON_ONCE(): remember the first report of
 * each distinct warning site; returns cond.
 */
bool sim_warn_on_once(struct sim *sim, bool cond, const char *what)
{
	if (!cond)
		return false;
	for (int i = 0; i < sim->nr_warnings; i++)
		if (sim->warnings[i] == what)
			return true;
	if (sim->nr_warnings < SIM_WARN_MAX)
		sim->warnings[sim->nr_warnings++] = what;
	return true;
}

/* }====== */
