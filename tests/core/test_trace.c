// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace.c: the vmscan tracepoints byte for byte as trace_pipe prints them
 * (kernel/trace/trace_output.c: trace_print_context(); the TP_printk()
 * formats of include/trace/events/vmscan.h) and the flag printers of
 * include/trace/events/mmflags.h (kernel-facts B15.2 examples).
 */
#define _POSIX_C_SOURCE 200809L /* regex.h */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "trace.h"
#include "vmscan.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf[4096];
static struct trace_text text = { buf, sizeof(buf), 0 };

static const char *take(void)
{
	static char line[4096];

	memcpy(line, buf, text.len + 1);
	trace_text_reset(&text);
	return line;
}

static struct sim *boot(void)
{
	struct sim_config cfg;

	sim_config_default(&cfg);
	return boot_or_exit(&cfg);
}

/* show_gfp_flags(): kernel-facts B15.2's worked examples */
static void test_gfp_flags(void)
{
	char b[256];

	CHECK_STR(trace_show_gfp_flags(0xcc0, b, sizeof(b)), "GFP_KERNEL");
	CHECK_STR(trace_show_gfp_flags(0x100cca, b, sizeof(b)),
		  "GFP_HIGHUSER_MOVABLE");
	CHECK_STR(trace_show_gfp_flags(0x140cca, b, sizeof(b)),
		  "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	CHECK_STR(trace_show_gfp_flags(0x140dca, b, sizeof(b)),
		  "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	CHECK_STR(trace_show_gfp_flags(0x820, b, sizeof(b)), "GFP_ATOMIC");
	CHECK_STR(trace_show_gfp_flags(0x2800, b, sizeof(b)), "GFP_NOWAIT");
	CHECK_STR(trace_show_gfp_flags(0, b, sizeof(b)), "none");
	/* __GFP_NO_OBJ_EXT has no name: leftover bits in hex */
	CHECK_STR(trace_show_gfp_flags(0x1000cc0, b, sizeof(b)),
		  "GFP_KERNEL|0x1000000");
	/* __GFP_RECLAIM is matched before its two halves */
	CHECK_STR(trace_show_gfp_flags(0xc00, b, sizeof(b)), "GFP_NOIO");
	CHECK_STR(trace_show_gfp_flags(0x400, b, sizeof(b)),
		  "__GFP_DIRECT_RECLAIM");
}

static void test_lines(void)
{
	struct sim *sim = boot();
	struct reclaim_stat stat = {
		.nr_dirty = 3,
		.nr_writeback = 1,
		.nr_immediate = 2,
		.nr_activate = { 4, 5 },
		.nr_ref_keep = 6,
		.nr_unmap_fail = 7,
	};
	const char *line;

	/* tracing off: nothing, and nothing counted */
	trace_mm_vmscan_kswapd_sleep(sim, 0);
	CHECK_EQ(text.len, 0);
	CHECK_EQ(sim_trace_count(sim), 0);
	CHECK(!trace_enabled(sim));

	sim_trace_set(sim, trace_text_fn, &text);
	sim->now_ns = 1234567890123ULL; /* 1234.567890 s */
	trace_mm_vmscan_kswapd_wake(sim, 0, 3, 0);
	CHECK_STR(
		take(),
		"            init-1       [000] .....  1234.567890: mm_vmscan_kswapd_wake: nid=0 order=0\n");

	sim->now_ns = 98765004321000ULL;
	trace_mm_vmscan_direct_reclaim_begin(sim, 0, 0x140dca);
	CHECK_STR(
		take(),
		"            init-1       [000] ..... 98765.004321: mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO\n");

	sim->now_ns = 1000000;
	trace_mm_vmscan_direct_reclaim_end(sim, 32);
	CHECK_STR(
		take(),
		"            init-1       [000] .....     0.001000: mm_vmscan_direct_reclaim_end: nr_reclaimed=32\n");

	trace_mm_vmscan_wakeup_kswapd(sim, 1, 2, 3, 0);
	line = take();
	CHECK(strstr(line,
		     ": mm_vmscan_wakeup_kswapd: nid=1 order=3 gfp_flags=none\n") !=
	      NULL);

	/* isolation runs under lru_lock with IRQs off: "d..1." */
	trace_mm_vmscan_lru_isolate(sim, 3, 0, 32, 40, 8, 32,
				    LRU_INACTIVE_FILE);
	CHECK_STR(
		take(),
		"            init-1       [000] d..1.     0.001000: mm_vmscan_lru_isolate: classzone=3 order=0 nr_requested=32 nr_scanned=40 nr_skipped=8 nr_taken=32 lru=inactive_file\n");

	trace_mm_vmscan_lru_shrink_inactive(sim, 0, 32, 20, &stat, 12, 1);
	line = take();
	CHECK(strstr(line,
		     ": mm_vmscan_lru_shrink_inactive: nid=0 nr_scanned=32 nr_reclaimed=20 nr_dirty=3 nr_writeback=1 nr_congested=0 nr_immediate=2 nr_activate_anon=4 nr_activate_file=5 nr_ref_keep=6 nr_unmap_fail=7 priority=12 flags=RECLAIM_WB_FILE|RECLAIM_WB_ASYNC\n") !=
	      NULL);

	trace_mm_vmscan_lru_shrink_active(sim, 0, 32, 30, 2, 1, 11, 0);
	line = take();
	CHECK(strstr(line,
		     ": mm_vmscan_lru_shrink_active: nid=0 nr_taken=32 nr_active=30 nr_deactivated=2 nr_referenced=1 priority=11 flags=RECLAIM_WB_ANON|RECLAIM_WB_ASYNC\n") !=
	      NULL);

	/* reclaim_throttle(): HZ/10 at HZ = 250 is 100000 us */
	trace_mm_vmscan_throttled(sim, 0, 100000, 4000, 0);
	line = take();
	CHECK(strstr(line,
		     ": mm_vmscan_throttled: nid=0 usec_timeout=100000 usect_delayed=4000 reason=VMSCAN_THROTTLE_WRITEBACK\n") !=
	      NULL);
	trace_mm_vmscan_throttled(sim, 0, 4000, 4000, 2);
	CHECK(strstr(take(), "reason=VMSCAN_THROTTLE_NOPROGRESS\n") != NULL);

	trace_mm_vmscan_kswapd_sleep(sim, 0);
	CHECK(strstr(take(), ": mm_vmscan_kswapd_sleep: nid=0\n") != NULL);

	/* page=%p: 16 hex digits (hashed, stable), then pfn in hex */
	trace_mm_vmscan_write_folio(sim, 0x12345, true);
	line = take();
	line = strstr(line, "mm_vmscan_write_folio: page=");
	CHECK(line != NULL);
	if (line) {
		line += strlen("mm_vmscan_write_folio: page=");
		CHECK_EQ(strspn(line, "0123456789abcdef"), 16);
		CHECK_STR(
			line + 16,
			" pfn=0x12345 flags=RECLAIM_WB_FILE|RECLAIM_WB_ASYNC\n");
	}
	CHECK_EQ(sim_trace_count(sim), 11);

	sim_trace_set(sim, NULL, NULL);
	trace_mm_vmscan_kswapd_sleep(sim, 0);
	CHECK_EQ(text.len, 0);
	sim_destroy(sim);
}

/*
 * Documentation/trace/postprocess/trace-vmscan-postprocess.pl reads the
 * lines with this regex (kernel-facts B15.5; perl's \s as [[:space:]], its
 * empty alternative as ?), then each event's details with its own.
 */
static const char trace_line_re[] =
	"^[[:space:]]*([a-zA-Z0-9-]*)[[:space:]]*(\\[[0-9]*\\])"
	"([[:space:]]*[dX.][Nnp.][Hhs.][0-9a-fA-F.]*)?[[:space:]]*"
	"([0-9.]*):[[:space:]]*([a-zA-Z_]*):[[:space:]]*(.*)$";

static bool postprocess_match(const char *line, const char *event,
			      const char *details_re)
{
	regex_t re, dre;
	regmatch_t m[7];
	char name[64], details[512];
	bool ok = false;
	size_t n;

	if (regcomp(&re, trace_line_re, REG_EXTENDED))
		return false;
	if (regcomp(&dre, details_re, REG_EXTENDED)) {
		regfree(&re);
		return false;
	}
	if (!regexec(&re, line, 7, m, 0) && m[5].rm_so >= 0) {
		n = (size_t)(m[5].rm_eo - m[5].rm_so);
		snprintf(name, sizeof(name), "%.*s", (int)n, line + m[5].rm_so);
		n = (size_t)(m[6].rm_eo - m[6].rm_so);
		snprintf(details, sizeof(details), "%.*s", (int)n,
			 line + m[6].rm_so);
		ok = !strcmp(name, event) &&
		     !regexec(&dre, details, 0, NULL, 0);
	}
	regfree(&dre);
	regfree(&re);
	return ok;
}

static void test_postprocess(void)
{
	struct sim *sim = boot();
	struct reclaim_stat stat = { .nr_activate = { 1, 2 } };
	char line[4096];

	sim_trace_set(sim, trace_text_fn, &text);
	sim->now_ns = 5123456789ULL;
	trace_mm_vmscan_kswapd_wake(sim, 0, 3, 2);
	snprintf(line, sizeof(line), "%s", take());
	line[strcspn(line, "\n")] = '\0';
	CHECK(postprocess_match(line, "mm_vmscan_kswapd_wake",
				"^nid=([0-9]*) order=([0-9]*)$"));
	trace_mm_vmscan_direct_reclaim_begin(sim, 0, 0x140cca);
	snprintf(line, sizeof(line), "%s", take());
	line[strcspn(line, "\n")] = '\0';
	CHECK(postprocess_match(line, "mm_vmscan_direct_reclaim_begin",
				"^order=([0-9]*) gfp_flags=([A-Z_|]*)$"));
	trace_mm_vmscan_lru_isolate(sim, 3, 0, 32, 32, 0, 32, 2);
	snprintf(line, sizeof(line), "%s", take());
	line[strcspn(line, "\n")] = '\0';
	CHECK(postprocess_match(
		line, "mm_vmscan_lru_isolate",
		"^classzone=([0-9]*) order=([0-9]*) nr_requested=([0-9]*) nr_scanned=([0-9]*) nr_skipped=([0-9]*) nr_taken=([0-9]*) lru=([a-z_]*)$"));
	trace_mm_vmscan_lru_shrink_inactive(sim, 0, 32, 30, &stat, 12, 1);
	snprintf(line, sizeof(line), "%s", take());
	line[strcspn(line, "\n")] = '\0';
	CHECK(postprocess_match(
		line, "mm_vmscan_lru_shrink_inactive",
		"^nid=([0-9]*) nr_scanned=([0-9]*) nr_reclaimed=([0-9]*) nr_dirty=([0-9]*) nr_writeback=([0-9]*) nr_congested=([0-9]*) nr_immediate=([0-9]*) nr_activate_anon=([0-9]*) nr_activate_file=([0-9]*) nr_ref_keep=([0-9]*) nr_unmap_fail=([0-9]*) priority=([0-9]*) flags=([A-Z_|]*)$"));
	/* a line that is not a trace line does not match */
	CHECK(!postprocess_match("# tracer: nop", "mm_vmscan_kswapd_wake",
				 "^nid="));
	sim_trace_set(sim, NULL, NULL);
	sim_destroy(sim);
}

static unsigned long tapped;

static void tap(void *arg, const char *line, size_t n)
{
	(void)arg;
	(void)line;
	(void)n;
	tapped++;
}

/* sim_trace_tap(): a second reader, on its own or beside the first */
static void test_tap(void)
{
	struct sim *sim = boot();

	sim_trace_tap(sim, tap, NULL);
	CHECK(trace_enabled(sim));
	trace_mm_vmscan_kswapd_sleep(sim, 0);
	CHECK_EQ(tapped, 1);
	CHECK_EQ(text.len, 0);
	sim_trace_set(sim, trace_text_fn, &text);
	trace_mm_vmscan_kswapd_sleep(sim, 0);
	CHECK_EQ(tapped, 2);
	CHECK(strstr(take(), "mm_vmscan_kswapd_sleep: nid=0\n") != NULL);
	sim_trace_tap(sim, NULL, NULL);
	sim_trace_set(sim, NULL, NULL);
	CHECK(!trace_enabled(sim));
	sim_destroy(sim);
}

int main(void)
{
	test_tap();
	test_gfp_flags();
	test_lines();
	test_postprocess();
	return check_done();
}
