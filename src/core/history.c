// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulator's flight recorder: at the end of every jiffy it copies what
 * the history pane draws (each zone's free pages against its watermarks,
 * the LRU sizes, kswapd's state and the reclaim counters) into a ring of
 * SIM_HISTORY_MAX samples. It is not a kernel file: the kernel has no such
 * record, a user samples /proc/vmstat and /proc/zoneinfo instead. Reading a
 * sample costs the same at 1 GiB and 1 TiB: nothing here walks page frames.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sched.h"
#include "vmstat.h"

struct history {
	struct sim_history_sample *ring; /* SIM_HISTORY_MAX * nr_nodes */
	size_t head; /* next slot to write */
	size_t len; /* samples held */
	uint64_t kswapd_runtime[SIM_MAX_NODES]; /* at the previous sample */
};

static const char *const counter_names[SIM_NR_HC] = {
	[SIM_HC_PGSCAN_KSWAPD] = "pgscan_kswapd",
	[SIM_HC_PGSCAN_DIRECT] = "pgscan_direct",
	[SIM_HC_PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[SIM_HC_PGSTEAL_DIRECT] = "pgsteal_direct",
	[SIM_HC_ALLOCSTALL] = "allocstall",
	[SIM_HC_PSWPIN] = "pswpin",
	[SIM_HC_PSWPOUT] = "pswpout",
	[SIM_HC_REFAULT] = "workingset_refault",
	[SIM_HC_ACTIVATE] = "workingset_activate",
	[SIM_HC_PGACTIVATE] = "pgactivate",
	[SIM_HC_PGDEACTIVATE] = "pgdeactivate",
	[SIM_HC_PGREFILL] = "pgrefill",
	[SIM_HC_PGMAJFAULT] = "pgmajfault",
};

const char *sim_history_counter_name(int c)
{
	return c >= 0 && c < SIM_NR_HC ? counter_names[c] : NULL;
}

/* The counters as /proc/vmstat sums them over nodes and zones. */
static void read_counters(const struct sim *sim, uint64_t *c)
{
	const unsigned long *ev = sim->vm_events;

	c[SIM_HC_PGSCAN_KSWAPD] = ev[PGSCAN_KSWAPD];
	c[SIM_HC_PGSCAN_DIRECT] = ev[PGSCAN_DIRECT];
	c[SIM_HC_PGSTEAL_KSWAPD] = ev[PGSTEAL_KSWAPD];
	c[SIM_HC_PGSTEAL_DIRECT] = ev[PGSTEAL_DIRECT];
	c[SIM_HC_ALLOCSTALL] = 0;
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		c[SIM_HC_ALLOCSTALL] += ev[ALLOCSTALL_DMA + zid];
	c[SIM_HC_PSWPIN] = ev[PSWPIN];
	c[SIM_HC_PSWPOUT] = ev[PSWPOUT];
	c[SIM_HC_REFAULT] =
		global_node_page_state_pages(sim, WORKINGSET_REFAULT_ANON) +
		global_node_page_state_pages(sim, WORKINGSET_REFAULT_FILE);
	c[SIM_HC_ACTIVATE] =
		global_node_page_state_pages(sim, WORKINGSET_ACTIVATE_ANON) +
		global_node_page_state_pages(sim, WORKINGSET_ACTIVATE_FILE);
	c[SIM_HC_PGACTIVATE] = ev[PGACTIVATE];
	c[SIM_HC_PGDEACTIVATE] = ev[PGDEACTIVATE];
	c[SIM_HC_PGREFILL] = ev[PGREFILL];
	c[SIM_HC_PGMAJFAULT] = ev[PGMAJFAULT];
}

static enum sim_kswapd_state kswapd_state(const struct sim *sim, int nid)
{
	struct sim_kswapd_info ki;

	if (sim_kswapd_info(sim, nid, &ki))
		return SIM_KSWAPD_NONE;
	if (!strcmp(ki.state, "sleeping"))
		return SIM_KSWAPD_SLEEPING;
	if (!strcmp(ki.state, "napping"))
		return SIM_KSWAPD_NAPPING;
	if (!strcmp(ki.state, "running"))
		return SIM_KSWAPD_RUNNING;
	return SIM_KSWAPD_NONE;
}

void history_record(struct sim *sim)
{
	struct history *h = sim->history;
	uint64_t counter[SIM_NR_HC];
	unsigned long j = jiffies_of(sim);

	if (!h) {
		h = calloc(1, sizeof(*h));
		if (h)
			h->ring =
				calloc((size_t)SIM_HISTORY_MAX * sim->nr_nodes,
				       sizeof(*h->ring));
		if (!h || !h->ring) {
			free(h);
			return;
		}
		sim->history = h;
	}
	read_counters(sim, counter);
	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		struct pglist_data *pgdat = &sim->node_data[nid];
		struct sim_history_sample *s =
			&h->ring[h->head * sim->nr_nodes + nid];
		const struct task *tsk =
			pgdat->kswapd ? task_of(sim, pgdat->kswapd) : NULL;

		s->jiffies = j;
		struct zone *zone;

		for_each_node_zone(zone, pgdat) {
			struct sim_history_zone *hz = &s->zone[zone_idx(zone)];

			hz->free = zone_page_state(zone, NR_FREE_PAGES);
			hz->free_low = hz->free;
			if (zone->hist_free_low >= 0 &&
			    (unsigned long)zone->hist_free_low < hz->free)
				hz->free_low =
					(unsigned long)zone->hist_free_low;
			zone->hist_free_low = zone->vm_stat[NR_FREE_PAGES];
			for (int w = WMARK_MIN; w <= WMARK_HIGH; w++)
				hz->wmark[w] = wmark_pages(zone, w);
			hz->boost = zone->watermark_boost;
		}
		for (int lru = 0; lru < NR_LRU_LISTS; lru++)
			s->lru[lru] = node_page_state(pgdat, NR_LRU_BASE + lru);
		s->isolated_anon = node_page_state(pgdat, NR_ISOLATED_ANON);
		s->isolated_file = node_page_state(pgdat, NR_ISOLATED_FILE);
		s->kswapd = kswapd_state(sim, nid);
		s->kswapd_ran = s->kswapd == SIM_KSWAPD_RUNNING;
		/* the first sample compares with boot, when it had not run */
		if (tsk) {
			if (tsk->sum_exec_runtime != h->kswapd_runtime[nid])
				s->kswapd_ran = true;
			h->kswapd_runtime[nid] = tsk->sum_exec_runtime;
		}
		memcpy(s->counter, counter, sizeof(counter));
	}
	h->head = (h->head + 1) % SIM_HISTORY_MAX;
	if (h->len < SIM_HISTORY_MAX)
		h->len++;
}

void history_exit(struct sim *sim)
{
	if (!sim->history)
		return;
	free(sim->history->ring);
	free(sim->history);
	sim->history = NULL;
}

size_t sim_history_len(const struct sim *sim)
{
	return sim->history ? sim->history->len : 0;
}

int sim_history_sample(const struct sim *sim, size_t i, int nid,
		       struct sim_history_sample *s)
{
	const struct history *h = sim->history;
	size_t slot;

	if (!h || i >= h->len || nid < 0 || nid >= sim->nr_nodes)
		return -EINVAL;
	slot = (h->head + SIM_HISTORY_MAX - h->len + i) % SIM_HISTORY_MAX;
	*s = h->ring[slot * sim->nr_nodes + nid];
	return 0;
}
