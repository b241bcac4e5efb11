/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What both benchmarks share: the wall clock (only bench/ reads it) and
 * the 1 TiB machine they measure.
 */
#ifndef KSS_BENCH_BENCH_H
#define KSS_BENCH_BENCH_H

#include <stdio.h>
#include <time.h>

#include "internal.h"

static inline double clock_s(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/* 1 TiB of pfns: DMA and DMA32 as on a real box, the rest in Normal. */
static inline void config_1tib(struct sim_config *cfg)
{
	const unsigned long max_pfn = 1UL << (40 - PAGE_SHIFT);
	struct sim_zone_config *normal = &cfg->nodes[0].zones[ZONE_NORMAL];

	sim_config_default(cfg);
	normal->spanned = max_pfn - normal->start_pfn;
	normal->present = normal->spanned;
	/* memmap (64 B per page, 1/64 of RAM) is reserved, not managed */
	normal->managed = normal->present - (max_pfn >> 6);
}

/*
 * Boot the 1 TiB machine into *simp; its boot time in seconds, or a
 * negative number (and why on stderr, prefixed with who) if it fails.
 */
static inline double boot_1tib(struct sim **simp, const char *who)
{
	struct sim_config cfg;
	char err[256];
	double t0;

	config_1tib(&cfg);
	t0 = now();
	if (sim_create(&cfg, simp, err, sizeof(err))) {
		fprintf(stderr, "%s: sim_create: %s\n", who, err);
		return -1;
	}
	return now() - t0;
}

#endif /* KSS_BENCH_BENCH_H */
