// SPDX-License-Identifier: GPL-2.0-only
/*
 * eater SIZE_MIB PASSES: the anonymous workload scripts/oracle runs in the
 * guest (scripts/oracle builds it with gcc -static). It maps SIZE_MIB of
 * anonymous memory (MAP_NORESERVE: more than memory and swap may be asked for)
 * without transparent huge pages (MADV_NOHUGEPAGE: order-0 faults,
 * as kswapsim's anon regions), writes every page once (pass 1: each page
 * holds its index), then reads them back PASSES - 1 times in the same
 * order, checking each page's data after any swap-in. Prints one line per
 * pass (pages, milliseconds, errors), and one after the first 256 MiB.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define PAGE 4096UL
#define EARLY_PAGES 65536UL

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int main(int argc, char **argv)
{
	unsigned long mib, pages, i, errors = 0;
	int passes;
	long t0;
	char *p;

	if (argc != 3) {
		fprintf(stderr, "usage: eater SIZE_MIB PASSES\n");
		return 2;
	}
	mib = strtoul(argv[1], NULL, 10);
	passes = atoi(argv[2]);
	pages = mib * (1024 * 1024 / PAGE);
	p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("eater: mmap");
		return 1;
	}
	madvise(p, pages * PAGE, MADV_NOHUGEPAGE);
	t0 = now_ms();
	for (i = 0; i < pages; i++) {
		*(uint64_t *)(p + i * PAGE) = i;
		/* the first 256 MiB's speed, in case the OOM killer comes */
		if (i + 1 == EARLY_PAGES && pages > EARLY_PAGES) {
			printf("eater: pass 1 wrote %lu pages in %ld ms so far\n",
			       EARLY_PAGES, now_ms() - t0);
			fflush(stdout);
		}
	}
	printf("eater: pass 1 wrote %lu pages in %ld ms\n", pages,
	       now_ms() - t0);
	fflush(stdout);
	for (int pass = 2; pass <= passes; pass++) {
		unsigned long bad = 0;

		t0 = now_ms();
		for (i = 0; i < pages; i++)
			bad += *(volatile uint64_t *)(p + i * PAGE) != i;
		errors += bad;
		printf("eater: pass %d read %lu pages in %ld ms, %lu errors\n",
		       pass, pages, now_ms() - t0, bad);
		fflush(stdout);
	}
	return errors ? 1 : 0;
}
