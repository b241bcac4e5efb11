// SPDX-License-Identifier: GPL-2.0-only
/*
 * kss_bench_redraw: what one full redraw of the UI costs, at 1 GiB and at
 * 1 TiB, on an 80x24 and a 200x60 screen. The machine first runs a
 * workload for two simulated seconds (a streaming reader that wakes
 * kswapd, so every pane has something to draw: history, LRU flows, the
 * last balance_pgdat() pass, vmstat changes). Each figure is put next to
 * a reference measured in the same run and screen: a frame of plain text
 * of the same size sent through the same curses (ui_bench_redraw()).
 * The goal: below 2 ms a frame, the same at both sizes, since no pane
 * should walk the page frames to draw.
 *
 * The UI is drawn headless into a cast that goes to /dev/null, so this
 * needs no terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "ui.h"

#define FRAMES 200

struct machine {
	const char *name;
	const char *setup; /* Lua run before the frames are drawn */
};

/*
 * Memory filled with page cache to just above the low watermark, then a
 * reader streams through more of it: kswapd wakes and reclaims.
 */
static const struct machine machines[] = {
	{ "1 GiB", "reset{seed = 1, nodes = {{zones = {DMA32 = '1G'}}}}\n"
		   "alloc('900M', {kind = 'file'})\n"
		   "require('workloads').streaming_reader{size = '2G'}\n"
		   "run(500)\n" },
	{ "1 TiB",
	  "reset{seed = 1, nodes = {{zones = {DMA = '16M', DMA32 = '4G',"
	  " Normal = '1020G'}}}}\n"
	  "require('workloads').streaming_reader{size = '2G'}\n"
	  "run(500)\n" },
};

static const int sizes[][2] = { { 80, 24 }, { 200, 60 } };

static void quiet(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

int main(void)
{
	double worst = 0;

	printf("kss_bench_redraw: one full redraw (every pane, every cell), "
	       "%d frames each\n",
	       FRAMES);
	printf("%-6s %-7s %12s %14s %7s\n", "memory", "screen", "ms a frame",
	       "reference ms", "ratio");
	for (size_t m = 0; m < sizeof(machines) / sizeof(machines[0]); m++) {
		struct script_options so = { .output = quiet };
		struct script *S = script_new(&so);

		if (!S || script_run_string(S, machines[m].setup, "setup") !=
				  SCRIPT_OK) {
			fprintf(stderr, "kss_bench_redraw: %s: setup failed\n",
				machines[m].name);
			return 1;
		}
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct ui_redraw_bench b = { .frames = FRAMES };
			char screen[16];

			if (ui_bench_redraw(S, sizes[i][0], sizes[i][1], &b)) {
				fprintf(stderr,
					"kss_bench_redraw: the screen did not start\n");
				return 1;
			}
			snprintf(screen, sizeof(screen), "%dx%d", sizes[i][0],
				 sizes[i][1]);
			printf("%-6s %-7s %12.3f %14.3f %7.2f\n",
			       machines[m].name, screen, b.frame_ms,
			       b.reference_ms, b.frame_ms / b.reference_ms);
			fflush(stdout);
			if (b.frame_ms > worst)
				worst = b.frame_ms;
		}
		script_free(S);
	}
	printf("worst frame %.3f ms (goal: below 2 ms)\n", worst);
	return 0;
}
