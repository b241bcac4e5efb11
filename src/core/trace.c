// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/trace/events/vmscan.h: the vmscan tracepoints as ftrace text.
 * Each line is kernel/trace/trace_output.c: trace_print_context() and
 * trace_print_lat_fmt() then the event's TP_printk(), byte for byte, so a
 * tool written for a real trace_pipe (trace-vmscan-postprocess.pl) reads
 * it. Timestamps are the simulated clock: the same seed gives the same
 * bytes. When tracing is off every function returns at its first test.
 */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfp.h"
#include "sched.h"
#include "vmscan.h"

#define TRACE_LINE_MAX 512

/* A line written during a tick, waiting to be merged in time order. */
struct trace_pending {
	uint64_t ts;
	size_t seq;
	size_t off;
	size_t len;
};

struct trace_state {
	sim_trace_fn fn;
	void *arg;
	sim_trace_fn tap; /* sim_trace_tap(): a second reader (the UI) */
	void *tap_arg;
	unsigned long nr_lines;
	uint64_t hash_key; /* hash-ptr's per-boot key */
	/*
	 * Lines of the tick in progress. Each CPU runs ahead on its own
	 * clock, so, as trace_pipe merges the per-CPU ring buffers by
	 * timestamp, the tick's lines are sorted before they go out.
	 */
	struct trace_pending *pending;
	size_t nr_pending, cap_pending;
	char *text;
	size_t text_len, text_cap;
};

int trace_init(struct sim *sim)
{
	sim->trace = calloc(1, sizeof(*sim->trace));
	if (!sim->trace)
		return -ENOMEM;
	/* a fixed key: pointers hash the same in every run of a seed */
	sim->trace->hash_key = 0x9e3779b97f4a7c15ULL ^ sim->cfg.seed;
	return 0;
}

void trace_exit(struct sim *sim)
{
	if (!sim->trace)
		return;
	free(sim->trace->pending);
	free(sim->trace->text);
	free(sim->trace);
	sim->trace = NULL;
}

static void trace_deliver(const struct trace_state *ts, const char *line,
			  size_t len)
{
	if (ts->fn)
		ts->fn(ts->arg, line, len);
	if (ts->tap)
		ts->tap(ts->tap_arg, line, len);
}

static int pending_cmp(const void *a, const void *b)
{
	const struct trace_pending *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void trace_flush(struct sim *sim)
{
	struct trace_state *ts = sim->trace;

	if (!ts || !ts->nr_pending)
		return;
	qsort(ts->pending, ts->nr_pending, sizeof(*ts->pending), pending_cmp);
	for (size_t i = 0; i < ts->nr_pending; i++)
		trace_deliver(ts, ts->text + ts->pending[i].off,
			      ts->pending[i].len);
	ts->nr_pending = 0;
	ts->text_len = 0;
}

/* Keep a line of the tick in progress; false if memory ran out. */
static bool trace_defer(struct trace_state *ts, uint64_t t, const char *line,
			size_t len)
{
	if (ts->nr_pending == ts->cap_pending) {
		size_t cap = ts->cap_pending ? ts->cap_pending * 2 : 256;
		struct trace_pending *p =
			realloc(ts->pending, cap * sizeof(*p));

		if (!p)
			return false;
		ts->pending = p;
		ts->cap_pending = cap;
	}
	if (ts->text_len + len > ts->text_cap) {
		size_t cap = ts->text_cap ? ts->text_cap * 2 : 65536;
		char *text;

		while (cap < ts->text_len + len)
			cap *= 2;
		text = realloc(ts->text, cap);
		if (!text)
			return false;
		ts->text = text;
		ts->text_cap = cap;
	}
	memcpy(ts->text + ts->text_len, line, len);
	ts->pending[ts->nr_pending++] = (struct trace_pending){
		.ts = t,
		.seq = ts->nr_pending,
		.off = ts->text_len,
		.len = len,
	};
	ts->text_len += len;
	return true;
}

bool trace_enabled(const struct sim *sim)
{
	return sim->trace && (sim->trace->fn || sim->trace->tap);
}

void sim_trace_set(struct sim *sim, sim_trace_fn fn, void *arg)
{
	trace_flush(sim);
	sim->trace->fn = fn;
	sim->trace->arg = arg;
}

void sim_trace_tap(struct sim *sim, sim_trace_fn fn, void *arg)
{
	trace_flush(sim);
	sim->trace->tap = fn;
	sim->trace->tap_arg = arg;
}

unsigned long sim_trace_count(const struct sim *sim)
{
	return sim->trace ? sim->trace->nr_lines : 0;
}

/* {====== flag printers (include/trace/events/mmflags.h, vmscan.h) */

struct trace_flag_name {
	unsigned long mask;
	const char *name;
};

/* include/trace/events/mmflags.h: __def_gfpflag_names, in that order */
static const struct trace_flag_name gfpflag_names[] = {
	{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_THISNODE, "__GFP_THISNODE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ __GFP_WRITE, "__GFP_WRITE" },
	{ __GFP_RECLAIM, "__GFP_RECLAIM" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_ZEROTAGS, "__GFP_ZEROTAGS" },
};

/* include/trace/events/vmscan.h: show_reclaim_flags() */
static const struct trace_flag_name reclaim_flag_names[] = {
	{ RECLAIM_WB_ANON, "RECLAIM_WB_ANON" },
	{ RECLAIM_WB_FILE, "RECLAIM_WB_FILE" },
	{ RECLAIM_WB_MIXED, "RECLAIM_WB_MIXED" },
	{ RECLAIM_WB_SYNC, "RECLAIM_WB_SYNC" },
	{ RECLAIM_WB_ASYNC, "RECLAIM_WB_ASYNC" },
};

/* include/trace/events/vmscan.h: show_throttle_flags() */
static const struct trace_flag_name throttle_flag_names[] = {
	{ 1UL << 0, "VMSCAN_THROTTLE_WRITEBACK" },
	{ 1UL << 1, "VMSCAN_THROTTLE_ISOLATED" },
	{ 1UL << 2, "VMSCAN_THROTTLE_NOPROGRESS" },
	{ 1UL << 3, "VMSCAN_THROTTLE_CONGESTED" },
};

/* include/trace/events/mmflags.h: LRU_NAMES for __print_symbolic() */
static const char *const lru_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file",
	"active_file",	 "unevictable",
};

/*
 * kernel/trace/trace_output.c: trace_print_flags_seq(): the names whose
 * whole mask is still set, in table order, '|' between; leftover bits as
 * 0x%lx.
 */
static const char *print_flags(unsigned long flags,
			       const struct trace_flag_name *tab, size_t n,
			       char *buf, size_t len)
{
	size_t off = 0;
	bool first = true;

	buf[0] = '\0';
	for (size_t i = 0; i < n && flags; i++) {
		if ((flags & tab[i].mask) != tab[i].mask)
			continue;
		flags &= ~tab[i].mask;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0,
					"%s%s", first ? "" : "|", tab[i].name);
		first = false;
	}
	if (flags)
		snprintf(buf + off, off < len ? len - off : 0, "%s0x%lx",
			 first ? "" : "|", flags);
	return buf;
}

const char *trace_show_gfp_flags(unsigned int flags, char *buf, size_t len)
{
	if (!flags) {
		snprintf(buf, len, "none");
		return buf;
	}
	return print_flags(flags, gfpflag_names, ARRAY_SIZE(gfpflag_names), buf,
			   len);
}

static const char *show_reclaim_flags(unsigned int flags, char *buf, size_t len)
{
	if (!flags) {
		snprintf(buf, len, "RECLAIM_WB_NONE");
		return buf;
	}
	return print_flags(flags, reclaim_flag_names,
			   ARRAY_SIZE(reclaim_flag_names), buf, len);
}

static const char *show_throttle_flags(unsigned int flags, char *buf,
				       size_t len)
{
	if (!flags) {
		snprintf(buf, len, "VMSCAN_THROTTLE_NONE");
		return buf;
	}
	return print_flags(flags, throttle_flag_names,
			   ARRAY_SIZE(throttle_flag_names), buf, len);
}

/* }====== */

/* {====== the line */

/*
 * kernel/trace/trace_output.c: trace_print_context() + trace_print_lat_fmt()
 * + trace_print_time() + the event name, then TP_printk(). lat is the five
 * flag columns: "....." in process context, "d..1." under spin_lock_irq().
 */
static void trace_emit(struct sim *sim, const char *lat, const char *event,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void trace_emit(struct sim *sim, const char *lat, const char *event,
		       const char *fmt, ...)
{
	struct trace_state *ts = sim->trace;
	const struct task *p = current_task(sim);
	char line[TRACE_LINE_MAX];
	uint64_t t = sim->now_ns;
	va_list ap;
	int n, m;

	n = snprintf(line, sizeof(line), "%16s-%-7d [%03d] %s %5lu.%06lu: %s: ",
		     p ? p->comm : "<idle>", p ? p->pid : 0, p ? p->cpu : 0,
		     lat, (unsigned long)(t / NSEC_PER_SEC),
		     (unsigned long)(t % NSEC_PER_SEC / NSEC_PER_USEC), event);
	if (n < 0 || (size_t)n >= sizeof(line) - 2)
		return;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	line[n] = '\0';
	ts->nr_lines++;
	if (sched_in_tick(sim) && trace_defer(ts, t, line, (size_t)n))
		return;
	trace_flush(sim);
	trace_deliver(ts, line, (size_t)n);
}

#define PROCESS_CTX "....."
#define LRU_LOCK_CTX "d..1."

/* }====== */

/* {====== the events */

void trace_mm_vmscan_kswapd_sleep(struct sim *sim, int nid)
{
	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_kswapd_sleep", "nid=%d", nid);
}

void trace_mm_vmscan_kswapd_wake(struct sim *sim, int nid, int zid, int order)
{
	(void)zid; /* recorded, not printed */
	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_kswapd_wake", "nid=%d order=%d",
		   nid, order);
}

void trace_mm_vmscan_wakeup_kswapd(struct sim *sim, int nid, int zid, int order,
				   unsigned int gfp_flags)
{
	char gfp[256];

	(void)zid;
	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_wakeup_kswapd",
		   "nid=%d order=%d gfp_flags=%s", nid, order,
		   trace_show_gfp_flags(gfp_flags, gfp, sizeof(gfp)));
}

void trace_mm_vmscan_direct_reclaim_begin(struct sim *sim, int order,
					  unsigned int gfp_flags)
{
	char gfp[256];

	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_direct_reclaim_begin",
		   "order=%d gfp_flags=%s", order,
		   trace_show_gfp_flags(gfp_flags, gfp, sizeof(gfp)));
}

/* DECLARE_EVENT_CLASS(mm_vmscan_direct_reclaim_end_template) */
static void reclaim_end_template(struct sim *sim, const char *event,
				 unsigned long nr_reclaimed)
{
	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, event, "nr_reclaimed=%lu", nr_reclaimed);
}

void trace_mm_vmscan_direct_reclaim_end(struct sim *sim,
					unsigned long nr_reclaimed)
{
	reclaim_end_template(sim, "mm_vmscan_direct_reclaim_end", nr_reclaimed);
}

/* mm_vmscan_node_reclaim_begin: "nid=%d order=%d gfp_flags=%s" */
void trace_mm_vmscan_node_reclaim_begin(struct sim *sim, int nid, int order,
					unsigned int gfp_flags)
{
	char gfp[256];

	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_node_reclaim_begin",
		   "nid=%d order=%d gfp_flags=%s", nid, order,
		   trace_show_gfp_flags(gfp_flags, gfp, sizeof(gfp)));
}

void trace_mm_vmscan_node_reclaim_end(struct sim *sim,
				      unsigned long nr_reclaimed)
{
	reclaim_end_template(sim, "mm_vmscan_node_reclaim_end", nr_reclaimed);
}

void trace_mm_vmscan_lru_isolate(struct sim *sim, int highest_zoneidx,
				 int order, unsigned long nr_requested,
				 unsigned long nr_scanned,
				 unsigned long nr_skipped,
				 unsigned long nr_taken, int lru)
{
	char sym[32];
	const char *name = sym;

	if (!trace_enabled(sim))
		return;
	if (lru >= 0 && lru < NR_LRU_LISTS)
		name = lru_names[lru];
	else
		snprintf(sym, sizeof(sym), "0x%lx", (unsigned long)lru);
	trace_emit(
		sim, LRU_LOCK_CTX, "mm_vmscan_lru_isolate",
		"classzone=%d order=%d nr_requested=%lu nr_scanned=%lu nr_skipped=%lu nr_taken=%lu lru=%s",
		highest_zoneidx, order, nr_requested, nr_scanned, nr_skipped,
		nr_taken, name);
}

/*
 * "page=%p": pfn_to_page() is vmemmap + pfn (0xffffea0000000000 + 64 *
 * pfn); %p prints it hashed (hash-ptr), 16 hex digits. The hash here is
 * splitmix64 under a key fixed per seed, so it is stable run to run.
 */
static uint64_t hash_ptr(const struct sim *sim, uint64_t v)
{
	uint64_t z = v ^ sim->trace->hash_key;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return z & 0xffffffffULL; /* ptr_to_id() keeps 32 bits on 64-bit */
}

void trace_mm_vmscan_write_folio(struct sim *sim, unsigned long pfn, bool file)
{
	char flags[96];

	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_write_folio",
		   "page=%016llx pfn=0x%lx flags=%s",
		   (unsigned long long)hash_ptr(sim, 0xffffea0000000000ULL +
							     64ULL * pfn),
		   pfn,
		   show_reclaim_flags(trace_reclaim_flags(file), flags,
				      sizeof(flags)));
}

void trace_mm_vmscan_lru_shrink_inactive(struct sim *sim, int nid,
					 unsigned long nr_scanned,
					 unsigned long nr_reclaimed,
					 const struct reclaim_stat *stat,
					 int priority, int file)
{
	char flags[96];

	if (!trace_enabled(sim))
		return;
	trace_emit(
		sim, PROCESS_CTX, "mm_vmscan_lru_shrink_inactive",
		"nid=%d nr_scanned=%ld nr_reclaimed=%ld nr_dirty=%ld nr_writeback=%ld nr_congested=%ld nr_immediate=%ld nr_activate_anon=%d nr_activate_file=%d nr_ref_keep=%ld nr_unmap_fail=%ld priority=%d flags=%s",
		nid, (long)nr_scanned, (long)nr_reclaimed, (long)stat->nr_dirty,
		(long)stat->nr_writeback, (long)stat->nr_congested,
		(long)stat->nr_immediate, (int)stat->nr_activate[0],
		(int)stat->nr_activate[1], (long)stat->nr_ref_keep,
		(long)stat->nr_unmap_fail, priority,
		show_reclaim_flags(trace_reclaim_flags(file), flags,
				   sizeof(flags)));
}

void trace_mm_vmscan_lru_shrink_active(struct sim *sim, int nid,
				       unsigned long nr_taken,
				       unsigned long nr_active,
				       unsigned long nr_deactivated,
				       unsigned long nr_referenced,
				       int priority, int file)
{
	char flags[96];

	if (!trace_enabled(sim))
		return;
	trace_emit(
		sim, PROCESS_CTX, "mm_vmscan_lru_shrink_active",
		"nid=%d nr_taken=%ld nr_active=%ld nr_deactivated=%ld nr_referenced=%ld priority=%d flags=%s",
		nid, (long)nr_taken, (long)nr_active, (long)nr_deactivated,
		(long)nr_referenced, priority,
		show_reclaim_flags(trace_reclaim_flags(file), flags,
				   sizeof(flags)));
}

void trace_mm_vmscan_throttled(struct sim *sim, int nid, int usec_timeout,
			       int usec_delayed, int reason)
{
	char flags[128];

	if (!trace_enabled(sim))
		return;
	trace_emit(sim, PROCESS_CTX, "mm_vmscan_throttled",
		   "nid=%d usec_timeout=%d usect_delayed=%d reason=%s", nid,
		   usec_timeout, usec_delayed,
		   show_throttle_flags(1U << reason, flags, sizeof(flags)));
}

/* }====== */
