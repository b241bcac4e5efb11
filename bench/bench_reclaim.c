// SPDX-License-Identifier: GPL-2.0-only
/*
 * kss_bench_reclaim: what reclaim costs on a 1 TiB single-node machine,
 * each figure next to a reference measured in the same run: a plain
 * sweep writing an array of the same byte size as the page-frame arrays
 * (timed warm, as memory bandwidth; the first touch is timed too).
 *
 *  1. kswapd's scan rate. The node is filled with clean, unmapped file
 *     pages (sim_alloc(), kind file) until the Normal zone's free pages
 *     are halfway between min and low, which wakes kswapd from the
 *     allocation slow path; then one tick at a time until kswapd has left
 *     balance_pgdat() with the node balanced at high. pgscan_kswapd per
 *     wall second, against the sweep's pages per second. Each cycle is
 *     set up the same way, so each does the same simulated work.
 *  2. What stepping costs: the same cycles run with nobody stepping
 *     (sim_tick()), with a stepper waiting for the coarsest granularity,
 *     "balance", which kswapd reaches once a cycle, at its end, and with
 *     one waiting for "batch", which it reaches at every isolation; the
 *     stepper resumes kswapd at once each time it parks. The modes take
 *     turns in ABBA order, so a drift of the machine falls on all alike.
 *  3. Simulated time per wall time of a standard workload on the full
 *     node: a steady anonymous allocator and a streaming reader
 *     (lua/workloads.lua's steady_allocator{size = "8G"} and
 *     streaming_reader{}), run with sim_run().
 *
 * The machine is shared while this runs: the load average is printed
 * before and after, to judge the wall times by.
 */
#define _DEFAULT_SOURCE /* madvise() */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "bench.h"
#include "internal.h"

#define WORKLOAD_SECONDS 10
#define TICKS_PER_SEC 250 /* HZ */
#define MAX_CYCLE_TICKS (60 * TICKS_PER_SEC)

static double cpu_now(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/*
 * Write every byte of a fresh array of this size twice; seconds taken.
 * The array asks for huge pages, as the page-frame arrays do, so that the
 * first touch does not take minutes of 4 KiB faults.
 */
static int sweep(size_t bytes, double *first, double *warm)
{
	volatile unsigned char sink;
	unsigned char *a;
	double t0, t1, t2;

	if (posix_memalign((void **)&a, 2UL << 20, bytes))
		return -ENOMEM;
	madvise(a, bytes, MADV_HUGEPAGE);
	t0 = now();
	memset(a, 1, bytes);
	t1 = now();
	memset(a, 2, bytes);
	t2 = now();
	sink = a[bytes / 2];
	(void)sink;
	free(a);
	*first = t1 - t0;
	*warm = t2 - t1;
	return 0;
}

static unsigned long vmstat(const struct sim *sim, const char *name)
{
	unsigned long val = 0;

	if (sim_vmstat_get(sim, name, &val))
		fprintf(stderr, "kss_bench_reclaim: no vmstat %s\n", name);
	return val;
}

static unsigned long normal_free(const struct sim *sim,
				 struct sim_zone_info *zi)
{
	sim_zone_info(sim, 0, ZONE_NORMAL, zi);
	return zi->free;
}

/*
 * Allocate clean file pages until the Normal zone has `target` free pages.
 * DMA32's lowmem_reserve against Normal (1/256 of Normal, more than all of
 * DMA32 at 1 TiB) keeps these allocations out of the lower zones.
 */
static int fill_file_to(struct sim *sim, unsigned long target, double *secs,
			unsigned long *nr)
{
	struct sim_alloc_request req = {
		.nid = 0,
		.zid = -1,
		.kind = SIM_KIND_FILE,
	};
	struct sim_zone_info zi;
	unsigned long free = normal_free(sim, &zi);
	unsigned int region;
	char err[256];
	double t0;

	*nr = 0;
	if (free <= target)
		return 0;
	req.nr_pages = free - target;
	t0 = now();
	if (sim_alloc(sim, &req, &region, err, sizeof(err))) {
		fprintf(stderr, "kss_bench_reclaim: sim_alloc: %s\n", err);
		return -ENOMEM;
	}
	*secs += now() - t0;
	*nr = req.nr_pages;
	return 0;
}

/* How kswapd_cycle() runs the ticks: nobody steps, or a stepper waits. */
enum cycle_mode {
	MODE_IDLE, /* sim_tick() */
	MODE_BALANCE, /* sim_step("balance"): parks once, at the end */
	MODE_BATCH, /* sim_step("batch"): parks every isolation */
	NR_MODES,
};

static const char *const mode_name[NR_MODES] = {
	"nobody steps",
	"a stepper at \"balance\"",
	"a stepper at \"batch\"",
};

static const int mode_gran[NR_MODES] = {
	-1,
	SIM_STEP_BALANCE,
	SIM_STEP_BATCH,
};

/* ABBA order, so a drift of the machine falls on every mode alike */
static const enum cycle_mode cycle_order[] = {
	MODE_IDLE,  MODE_BALANCE, MODE_BATCH,
	MODE_BATCH, MODE_BALANCE, MODE_IDLE,
};

#define CYCLE_ROUNDS 4 /* each mode runs 2 * CYCLE_ROUNDS cycles */
#define NR_CYCLES (CYCLE_ROUNDS * ARRAY_SIZE(cycle_order))

struct cycle {
	double wall; /* seconds */
	double cpu; /* CPU seconds */
	double sim; /* simulated seconds */
	unsigned long scanned; /* pgscan_kswapd */
	unsigned long stolen; /* pgsteal_kswapd */
	unsigned long ticks;
	unsigned long stops; /* times a stepper saw kswapd park */
};

/*
 * One jiffy with a stepper waiting at gran, resuming kswapd at once each
 * time it parks, as a user holding the step key would.
 */
static int step_tick(struct sim *sim, int gran, unsigned long *stops)
{
	struct sim_where where;
	int ret;

	for (;;) {
		ret = sim_step(sim, gran, 1, &where);
		if (ret == -EAGAIN)
			return 0; /* the jiffy ended */
		if (ret)
			return ret;
		(*stops)++;
	}
}

/*
 * One kswapd cycle: the node is below low and kswapd woken; run a tick at
 * a time until kswapd is out of balance_pgdat() and the node balanced.
 */
static int kswapd_cycle(struct sim *sim, enum cycle_mode mode, struct cycle *c)
{
	unsigned long scan0 = vmstat(sim, "pgscan_kswapd");
	unsigned long steal0 = vmstat(sim, "pgsteal_kswapd");
	uint64_t ns0 = sim_now_ns(sim);
	struct sim_kswapd_info ki;
	int balanced = sim_pgdat_balanced(sim, 0, 0, ZONE_NORMAL);
	double t0, cpu0;

	sim_kswapd_info(sim, 0, &ki);
	if (!strcmp(ki.state, "sleeping") || balanced) {
		fprintf(stderr,
			"kss_bench_reclaim: below low, yet kswapd is %s and the node %sbalanced\n",
			ki.state, balanced ? "" : "not ");
		return -EINVAL;
	}
	c->stops = 0;
	cpu0 = cpu_now();
	t0 = now();
	for (c->ticks = 1; c->ticks <= MAX_CYCLE_TICKS; c->ticks++) {
		if (mode == MODE_IDLE) {
			sim_tick(sim);
		} else if (step_tick(sim, mode_gran[mode], &c->stops)) {
			fprintf(stderr, "kss_bench_reclaim: sim_step failed\n");
			return -EINVAL;
		}
		sim_kswapd_info(sim, 0, &ki);
		if (!ki.running && sim_pgdat_balanced(sim, 0, 0, ZONE_NORMAL))
			break;
	}
	c->wall = now() - t0;
	c->cpu = cpu_now() - cpu0;
	c->sim = (double)(sim_now_ns(sim) - ns0) / 1e9;
	c->scanned = vmstat(sim, "pgscan_kswapd") - scan0;
	c->stolen = vmstat(sim, "pgsteal_kswapd") - steal0;
	if (c->ticks > MAX_CYCLE_TICKS) {
		fprintf(stderr,
			"kss_bench_reclaim: kswapd did not balance the node in %d simulated seconds\n",
			MAX_CYCLE_TICKS / TICKS_PER_SEC);
		return -EAGAIN;
	}
	return 0;
}

/* lua/workloads.lua: steady_allocator{size = "8G"}, streaming_reader{} */
static int start_workload(struct sim *sim)
{
	const struct sim_workload alloc = {
		.kind = SIM_KIND_ANON,
		.size = 8UL << (30 - PAGE_SHIFT),
		.rate = 1UL << (20 - PAGE_SHIFT),
		.every = 1,
	};
	const struct sim_workload reader = {
		.kind = SIM_KIND_FILE,
		.size = 16UL << (30 - PAGE_SHIFT),
		.rate = 4UL << (20 - PAGE_SHIFT),
		.every = 1,
		.cycle = true,
	};
	int a = sim_task_create(sim, "alloc", 0, 0);
	int r = sim_task_create(sim, "reader", 0, 0);

	if (a < 0 || r < 0 || sim_task_start(sim, a, &alloc, NULL) ||
	    sim_task_start(sim, r, &reader, NULL)) {
		fprintf(stderr,
			"kss_bench_reclaim: cannot start the workload\n");
		return -EINVAL;
	}
	return 0;
}

struct workload_figures {
	double wall;
	unsigned long scanned, stolen, pgpgin, pgfault, stall;
};

static void workload_begin(const struct sim *sim, struct workload_figures *w)
{
	w->scanned =
		vmstat(sim, "pgscan_kswapd") + vmstat(sim, "pgscan_direct");
	w->stolen =
		vmstat(sim, "pgsteal_kswapd") + vmstat(sim, "pgsteal_direct");
	w->pgpgin = vmstat(sim, "pgpgin");
	w->pgfault = vmstat(sim, "pgfault");
	w->stall = vmstat(sim, "allocstall_normal");
	w->wall = now();
}

static void workload_end(const struct sim *sim, struct workload_figures *w)
{
	w->wall = now() - w->wall;
	w->scanned = vmstat(sim, "pgscan_kswapd") +
		     vmstat(sim, "pgscan_direct") - w->scanned;
	w->stolen = vmstat(sim, "pgsteal_kswapd") +
		    vmstat(sim, "pgsteal_direct") - w->stolen;
	w->pgpgin = vmstat(sim, "pgpgin") - w->pgpgin;
	w->pgfault = vmstat(sim, "pgfault") - w->pgfault;
	w->stall = vmstat(sim, "allocstall_normal") - w->stall;
}

static void print_loadavg(const char *when)
{
	FILE *f = fopen("/proc/loadavg", "r");
	char buf[128];

	if (f && fgets(buf, sizeof(buf), f))
		printf("load average %s: %s", when, buf);
	if (f)
		fclose(f);
}

/* Sums of the cycles of each mode. */
struct mode_sum {
	struct cycle sum;
	unsigned long n;
	double slowest;
	bool same; /* every cycle did the same simulated work */
};

static void mode_add(struct mode_sum *m, const struct cycle *c,
		     const struct cycle *first)
{
	if (!m->n)
		m->same = true;
	m->n++;
	m->sum.wall += c->wall;
	m->sum.cpu += c->cpu;
	m->sum.sim += c->sim;
	m->sum.scanned += c->scanned;
	m->sum.stolen += c->stolen;
	m->sum.ticks += c->ticks;
	m->sum.stops += c->stops;
	if (c->wall > m->slowest)
		m->slowest = c->wall;
	if (c->scanned != first->scanned || c->stolen != first->stolen ||
	    c->ticks != first->ticks || c->sim != first->sim)
		m->same = false;
}

int main(void)
{
	struct cycle cyc[NR_CYCLES], warmup;
	struct mode_sum modes[NR_MODES] = { 0 };
	const struct mode_sum *idle = &modes[MODE_IDLE];
	struct workload_figures wf;
	double boot, fill = 0, first, warm, ref_pages_s, scan_rate;
	unsigned long nr, filled = 0, pages;
	struct sim_zone_info zi;
	struct sim *sim;
	size_t bytes, i;
	char err[256];
	int ret;

	print_loadavg("at start");
	boot = boot_1tib(&sim, "kss_bench_reclaim");
	if (boot < 0)
		return 1;
	bytes = sim_memmap_bytes(sim);
	pages = sim->pages.nr;

	/*
	 * 1 and 2: kswapd cycles from halfway between min and low to high,
	 * after one untimed cycle that brings code and data into the caches
	 */
	for (i = 0; i <= NR_CYCLES; i++) {
		enum cycle_mode mode = MODE_IDLE;
		struct cycle *c = i ? &cyc[i - 1] : &warmup;

		if (i)
			mode = cycle_order[(i - 1) % ARRAY_SIZE(cycle_order)];

		normal_free(sim, &zi);
		nr = (zi.wmark[WMARK_MIN] + zi.wmark[WMARK_LOW]) / 2;
		if (fill_file_to(sim, nr, &fill, &nr) ||
		    kswapd_cycle(sim, mode, c))
			goto fail;
		filled += nr;
		if (i)
			mode_add(&modes[mode], c, &warmup);
	}

	/* 3. the standard workload, starting just above low */
	normal_free(sim, &zi);
	if (fill_file_to(sim, zi.wmark[WMARK_LOW] + 1024, &fill, &nr) ||
	    start_workload(sim))
		goto fail;
	filled += nr;
	workload_begin(sim, &wf);
	sim_run(sim, WORKLOAD_SECONDS * TICKS_PER_SEC);
	workload_end(sim, &wf);

	ret = sim_check(sim, err, sizeof(err)) ? 1 : 0;
	if (ret)
		fprintf(stderr, "kss_bench_reclaim: sim_check: %s\n", err);
	sim_destroy(sim);

	if (sweep(bytes, &first, &warm)) {
		fprintf(stderr, "kss_bench_reclaim: no memory for the sweep\n");
		return 1;
	}
	ref_pages_s = (double)pages / warm;
	scan_rate = (double)idle->sum.scanned / idle->sum.wall;

	printf("reclaim: 1 TiB, 1 node, %lu page frames, booted in %.3f s\n",
	       pages, boot);
	printf("reference sweep: %.3f s writing %.2f GiB warm = %.0f pages/s (first touch %.3f s)\n",
	       warm, (double)bytes / (1UL << 30), ref_pages_s, first);
	printf("fill: %lu clean file pages by sim_alloc() in %.3f s = %.0f pages/s = %.4f x the sweep's pages/s\n",
	       filled, fill, (double)filled / fill,
	       ((double)filled / fill) / ref_pages_s);

	printf("1. kswapd cycle, below low to high (%lu cycles, nobody stepping):\n",
	       idle->n);
	printf("  %lu pages scanned, %lu reclaimed, %.3f s simulated, %lu ticks each\n",
	       cyc[0].scanned, cyc[0].stolen, cyc[0].sim, cyc[0].ticks);
	printf("  scan rate: %.0f pages/s = %.4f x the sweep's pages/s (target: within 4x, >= 0.25)\n",
	       scan_rate, scan_rate / ref_pages_s);
	printf("  wall time: %.3f s slowest, %.3f s mean = %.2f x the sweep (target < 1 s); CPU %.3f s mean\n",
	       idle->slowest, idle->sum.wall / (double)idle->n,
	       idle->sum.wall / (double)idle->n / warm,
	       idle->sum.cpu / (double)idle->n);
	printf("  simulated / wall: %.2f\n", idle->sum.sim / idle->sum.wall);

	printf("2. stepping: the same cycles, %lu of each mode in ABBA order:\n",
	       idle->n);
	for (i = 0; i < NR_MODES; i++) {
		const struct mode_sum *m = &modes[i];

		printf("  %-24s %6lu stops a cycle: %.3f s wall = %.3f x nobody stepping; %.3f s CPU = %.3f x%s\n",
		       mode_name[i], m->sum.stops / m->n,
		       m->sum.wall / (double)m->n, m->sum.wall / idle->sum.wall,
		       m->sum.cpu / (double)m->n, m->sum.cpu / idle->sum.cpu,
		       m->same ? "" : " (DIFFERENT simulated work)");
	}

	printf("3. workload: steady allocator (anon, 8 GiB, 1 MiB a jiffy) + streaming reader (file, 16 GiB, 4 MiB a jiffy) on the full node:\n");
	printf("  %d s simulated in %.3f s wall = %.2f x real time (wall = %.2f x the sweep)\n",
	       WORKLOAD_SECONDS, wf.wall, WORKLOAD_SECONDS / wf.wall,
	       wf.wall / warm);
	printf("  %lu pages scanned, %lu reclaimed, %lu pgpgin, %lu pgfault, %lu allocstall_normal\n",
	       wf.scanned, wf.stolen, wf.pgpgin, wf.pgfault, wf.stall);
	print_loadavg("at end");
	return ret;

fail:
	sim_destroy(sim);
	return 1;
}
