/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * include/trace/events/vmscan.h: the vmscan tracepoints, written as the
 * lines /sys/kernel/tracing/trace_pipe gives (kernel-facts B15.4):
 *
 *          kswapd0-2       [000] .....     1.204000: mm_vmscan_kswapd_wake: nid=0 order=0
 *
 * comm-pid, [cpu], the five latency flag columns, the simulated clock in
 * seconds.microseconds, the event name and the event's TP_printk() text.
 * Each function takes the kernel's TP_PROTO arguments after the sim and
 * does nothing unless tracing is on (sim_trace_set()).
 */
#ifndef KSS_CORE_TRACE_H
#define KSS_CORE_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

struct reclaim_stat;

/* include/trace/events/vmscan.h: RECLAIM_WB_* and trace_reclaim_flags() */
#define RECLAIM_WB_ANON 0x0001u
#define RECLAIM_WB_FILE 0x0002u
#define RECLAIM_WB_MIXED 0x0010u
#define RECLAIM_WB_SYNC 0x0004u
#define RECLAIM_WB_ASYNC 0x0008u
#define trace_reclaim_flags(file) \
	(((file) ? RECLAIM_WB_FILE : RECLAIM_WB_ANON) | RECLAIM_WB_ASYNC)

int trace_init(struct sim *sim);
void trace_exit(struct sim *sim);

/* Send the lines held back during a tick, in time order (sched.c). */
void trace_flush(struct sim *sim);

/* Is anyone listening? Callers may skip work that only feeds a trace. */
bool trace_enabled(const struct sim *sim);

void trace_mm_vmscan_kswapd_sleep(struct sim *sim, int nid);
void trace_mm_vmscan_kswapd_wake(struct sim *sim, int nid, int zid, int order);
void trace_mm_vmscan_wakeup_kswapd(struct sim *sim, int nid, int zid, int order,
				   unsigned int gfp_flags);
void trace_mm_vmscan_direct_reclaim_begin(struct sim *sim, int order,
					  unsigned int gfp_flags);
void trace_mm_vmscan_direct_reclaim_end(struct sim *sim,
					unsigned long nr_reclaimed);
void trace_mm_vmscan_node_reclaim_begin(struct sim *sim, int nid, int order,
					unsigned int gfp_flags);
void trace_mm_vmscan_node_reclaim_end(struct sim *sim,
				      unsigned long nr_reclaimed);
void trace_mm_vmscan_lru_isolate(struct sim *sim, int highest_zoneidx,
				 int order, unsigned long nr_requested,
				 unsigned long nr_scanned,
				 unsigned long nr_skipped,
				 unsigned long nr_taken, int lru);
void trace_mm_vmscan_write_folio(struct sim *sim, unsigned long pfn, bool file);
void trace_mm_vmscan_lru_shrink_inactive(struct sim *sim, int nid,
					 unsigned long nr_scanned,
					 unsigned long nr_reclaimed,
					 const struct reclaim_stat *stat,
					 int priority, int file);
void trace_mm_vmscan_lru_shrink_active(struct sim *sim, int nid,
				       unsigned long nr_taken,
				       unsigned long nr_active,
				       unsigned long nr_deactivated,
				       unsigned long nr_referenced,
				       int priority, int file);
void trace_mm_vmscan_throttled(struct sim *sim, int nid, int usec_timeout,
			       int usec_delayed, int reason);

/* show_gfp_flags() text, for the tests: "GFP_KERNEL", "none" */
const char *trace_show_gfp_flags(unsigned int flags, char *buf, size_t len);

#endif /* KSS_CORE_TRACE_H */
