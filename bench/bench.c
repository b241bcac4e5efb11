// SPDX-License-Identifier: GPL-2.0-only
/*
 * kss_bench: what the simulator costs on a 1 TiB single-node machine:
 * bytes of simulator memory per page frame, seconds to boot it
 * (sim_create), order-0 alloc+free pairs per second, each next to a
 * reference measured in the same run: a plain sweep writing an array of
 * the same byte size as the page-frame arrays. The sweep is timed twice:
 * on fresh memory (page faults and the kernel's zeroing included, as boot
 * pays them) and again on the same, now resident, memory.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "internal.h"

/* Write every byte of a fresh array of this size; seconds taken. */
static double sweep(size_t bytes, double *warm)
{
	unsigned char *a = malloc(bytes);
	volatile unsigned char sink;
	double t0, t1, t2;

	if (!a)
		return -1;
	t0 = now();
	memset(a, 1, bytes);
	t1 = now();
	memset(a, 2, bytes);
	t2 = now();
	sink = a[bytes / 2];
	(void)sink;
	free(a);
	*warm = t2 - t1;
	return t1 - t0;
}

int main(int argc, char **argv)
{
	struct sim *sim;
	char err[256];
	unsigned long pairs = argc > 1 ? strtoul(argv[1], NULL, 0) : 4000000;
	unsigned long i, pfn;
	double t0, boot, ref, warm, alloc, bpp, ref_pages_s;
	size_t bytes;
	int ret;

	boot = boot_1tib(&sim, "kss_bench");
	if (boot < 0)
		return 1;
	bytes = sim_memmap_bytes(sim);
	bpp = (double)bytes / (double)sim->pages.nr;

	t0 = now();
	for (i = 0; i < pairs; i++) {
		pfn = __alloc_pages(sim, GFP_KERNEL, 0, 0);
		if (pfn == NO_PFN) {
			fprintf(stderr, "kss_bench: allocation failed\n");
			return 1;
		}
		free_pages_block(sim, pfn, 0);
	}
	alloc = now() - t0;
	ret = sim_check(sim, err, sizeof(err)) ? 1 : 0;
	if (ret)
		fprintf(stderr, "kss_bench: sim_check: %s\n", err);
	sim_destroy(sim);

	ref = sweep(bytes, &warm);
	if (ref < 0) {
		fprintf(stderr, "kss_bench: no memory for the sweep\n");
		return 1;
	}
	/* page frames a warm sweep writes per second: the bandwidth bound */
	ref_pages_s = (double)(bytes / bpp) / warm;

	printf("machine: 1 TiB, 1 node, %lu page frames\n",
	       (unsigned long)(bytes / bpp));
	printf("reference sweep: %.3f s writing %.2f GiB (first touch), %.3f s warm\n",
	       ref, (double)bytes / (1UL << 30), warm);
	printf("bytes per page: %.3f (target <= 16)\n", bpp);
	printf("boot (sim_create): %.3f s = %.2f x the first-touch sweep (target <= 3), %.2f x the warm sweep\n",
	       boot, boot / ref, boot / warm);
	printf("order-0 alloc+free: %.0f pairs/s = %.4f x the warm sweep's page frames/s\n",
	       (double)pairs / alloc, ((double)pairs / alloc) / ref_pages_s);
	return ret;
}
