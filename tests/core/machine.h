/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machines the core's C tests boot and the helpers they share to
 * look at them: the small one-zone DMA32 machine, sim_check() as a
 * CHECK, /proc/vmstat counters by name.
 */
#ifndef KSS_TESTS_MACHINE_H
#define KSS_TESTS_MACHINE_H

#include "check.h"
#include "internal.h"
#include "slab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The small machine: one node, one zone, DMA32 of nr_pages at pfn 4096,
 * all present and managed, THP off, min_free_kbytes 4096. With 65536
 * pages (256 MiB), mm/page_alloc.c: __setup_per_zone_wmarks():
 *   min  = 4096 >> (PAGE_SHIFT - 10) = 1024
 *   tmp  = max(min >> 2, 65536 * 10 / 10000) = max(256, 65) = 256
 *   low  = 1024 + 256 = 1280, high = 1280 + 256 = 1536
 * percpu_pagelist_high_fraction 65536 keeps the per-cpu lists small:
 * zone_batchsize() = 15, and zone_highsize() = max(65536 / 65536,
 * 15 << 2) = 60, so a refill takes at most 60 - 15 = 45 pages
 * (nr_pcp_alloc()) and an allocation lands within 45 free pages of
 * where it would without the lists.
 */
static inline void dma32_config(struct sim_config *cfg, unsigned long nr_pages,
				unsigned long swap_pages)
{
	sim_config_default(cfg);
	memset(cfg->nodes[0].zones, 0, sizeof(cfg->nodes[0].zones));
	cfg->nodes[0].zones[ZONE_DMA32] = (struct sim_zone_config){
		.start_pfn = 4096,
		.spanned = nr_pages,
		.present = nr_pages,
		.managed = nr_pages,
	};
	cfg->thp = false;
	cfg->slab = false;
	cfg->swap_pages = swap_pages;
	cfg->sysctl.min_free_kbytes = 4096;
	cfg->sysctl.percpu_pagelist_high_fraction = 65536;
}

/* Boot cfg; a machine that does not boot ends the test binary. */
static inline struct sim *boot_or_exit(const struct sim_config *cfg)
{
	struct sim *sim;
	char err[256];

	if (sim_create(cfg, &sim, err, sizeof(err))) {
		fprintf(stderr, "sim_create: %s\n", err);
		exit(2);
	}
	return sim;
}

static inline struct sim *boot_dma32_pages(unsigned long nr_pages,
					   unsigned long swap_pages)
{
	struct sim_config cfg;

	dma32_config(&cfg, nr_pages, swap_pages);
	return boot_or_exit(&cfg);
}

/*
 * Boot cfg as a test step: one CHECK that sim_create() succeeded; NULL
 * (and the error on stderr) if it did not.
 */
static inline struct sim *boot_checked(const struct sim_config *cfg)
{
	struct sim *sim = NULL;
	char err[256] = "";
	int ret = sim_create(cfg, &sim, err, sizeof(err));

	if (ret)
		fprintf(stderr, "sim_create: %d %s\n", ret, err);
	CHECK_EQ(ret, 0);
	return sim;
}

/* The small machine of 65536 pages: min 1024, low 1280, high 1536. */
static inline struct sim *boot_dma32(unsigned long swap_pages)
{
	return boot_dma32_pages(65536, swap_pages);
}

/* The free pages of the small machine's zone (NR_FREE_PAGES). */
static inline unsigned long dma32_free(const struct sim *sim)
{
	return (unsigned long)sim->node_data[0]
		.node_zones[ZONE_DMA32]
		.vm_stat[NR_FREE_PAGES];
}

/*
 * The pages of a zone nobody holds: free on the buddy lists or waiting on
 * a per-cpu list (which NR_FREE_PAGES leaves out); 0 for no such zone.
 */
static inline unsigned long zone_unused(const struct sim *sim, int nid, int zid)
{
	struct sim_zone_info zi;

	if (sim_zone_info(sim, nid, zid, &zi))
		return 0;
	return zi.free + zi.free_pcp;
}

/* The pages on the small machine's per-cpu lists (every CPU's). */
static inline unsigned long dma32_pcp(const struct sim *sim)
{
	return zone_unused(sim, 0, ZONE_DMA32) - dma32_free(sim);
}

/* Pages of the small machine nobody holds: free, or on a per-cpu list. */
static inline unsigned long dma32_unused(const struct sim *sim)
{
	return zone_unused(sim, 0, ZONE_DMA32);
}

/* The pages the page cache's slab caches hold (slub.c), empty or not */
static inline unsigned long slab_pages(const struct sim *sim)
{
	const struct kmem_cache *caches[] = { &sim->slab->radix_tree_node,
					      &sim->slab->buffer_head };
	unsigned long n = 0;

	for (int c = 0; c < 2; c++)
		for (unsigned long i = 0; i < caches[c]->nr_slabs; i++)
			n += 1UL << caches[c]->slabs[i].order;
	return n;
}

/* sim_check() as one CHECK; when names the step it follows. */
static inline void check_invariants(const struct sim *sim, const char *when)
{
	char msg[256];

	if (sim_check(sim, msg, sizeof(msg))) {
		fprintf(stderr, "sim_check after %s: %s\n", when, msg);
		CHECK(0);
	} else {
		CHECK(1);
	}
}

/*
 * A /proc/vmstat counter by name, and one CHECK that the name exists;
 * an unknown name reads as ~0UL, which no expected value matches.
 */
static inline unsigned long vmstat(const struct sim *sim, const char *name)
{
	unsigned long val = ~0UL;

	CHECK_EQ(sim_vmstat_get(sim, name, &val), 0);
	return val;
}

/*
 * Allocate nr pages of a kind anywhere in blocks of 2^order, one CHECK
 * that it worked; the region.
 */
static inline unsigned int alloc_region_order(struct sim *sim,
					      enum sim_page_kind kind,
					      unsigned long nr,
					      unsigned int order)
{
	struct sim_alloc_request req = {
		.nr_pages = nr,
		.order = order,
		.nid = -1,
		.zid = -1,
		.kind = kind,
	};
	unsigned int r = 0;
	char err[256];

	CHECK_EQ(sim_alloc(sim, &req, &r, err, sizeof(err)), 0);
	return r;
}

/* The same in order-0 blocks. */
static inline unsigned int
alloc_region(struct sim *sim, enum sim_page_kind kind, unsigned long nr)
{
	return alloc_region_order(sim, kind, nr, 0);
}

/*
 * Try to allocate nr pages of a kind on node 0, for task (0: the default
 * task) with gfp (0: the kind's default); sim_alloc()'s return, and the
 * region in *region unless region is NULL.
 */
static inline int try_alloc(struct sim *sim, enum sim_page_kind kind,
			    unsigned long nr, unsigned int gfp, int task,
			    unsigned int *region)
{
	struct sim_alloc_request req = {
		.kind = kind,
		.nid = 0,
		.zid = -1,
		.nr_pages = nr,
		.gfp_mask = gfp,
		.task = task,
	};
	unsigned int r;
	char err[256];

	return sim_alloc(sim, &req, region ? region : &r, err, sizeof(err));
}

/* The pfn page i of region r is mapped to. */
static inline unsigned long page_of(const struct sim *sim, unsigned int r,
				    unsigned long i)
{
	return (unsigned long)PTE_VAL(sim->regions[r].pte[i]);
}

/* A node counter of node 0. */
static inline long node_stat(const struct sim *sim, enum node_stat_item item)
{
	return sim->node_data[0].vm_stat[item];
}

/* The four watermarks of a zone, four CHECKs. */
static inline void check_wmarks(const struct sim *sim, int nid, int zid,
				unsigned long min, unsigned long low,
				unsigned long high, unsigned long promo)
{
	CHECK_EQ(sim_zone_wmark(sim, nid, zid, WMARK_MIN), min);
	CHECK_EQ(sim_zone_wmark(sim, nid, zid, WMARK_LOW), low);
	CHECK_EQ(sim_zone_wmark(sim, nid, zid, WMARK_HIGH), high);
	CHECK_EQ(sim_zone_wmark(sim, nid, zid, WMARK_PROMO), promo);
}

/*
 * A file of tests/fixtures, NUL-terminated, for the caller to free(); a
 * missing fixture ends the test binary.
 */
static inline char *read_file(const char *name)
{
	char path[512];
	FILE *f;
	char *buf;
	long len;

	snprintf(path, sizeof(path), "%s/%s", KSS_FIXTURES, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		exit(2);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/*
 * A trace reader (sim_trace_set()) that keeps the text in buf, NUL-
 * terminated; a line that does not fit in size is dropped.
 */
struct trace_text {
	char *buf;
	size_t size, len;
};

static inline void trace_text_fn(void *arg, const char *line, size_t len)
{
	struct trace_text *t = arg;

	if (t->len + len < t->size) {
		memcpy(t->buf + t->len, line, len);
		t->len += len;
		t->buf[t->len] = '\0';
	}
}

static inline void trace_text_reset(struct trace_text *t)
{
	t->len = 0;
	t->buf[0] = '\0';
}

#endif /* KSS_TESTS_MACHINE_H */
