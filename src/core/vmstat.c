// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmstat.c: the counters (zone, node and event items, exact, with no
 * per-cpu lag) and the /proc text writers.
 */
#include "internal.h"

/* mod_zone_page_state(): zone items; NR_FREE_PAGES is kept by the buddy */
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
			 long delta)
{
	zone->vm_stat[item] += delta;
}

/* mod_node_page_state(): node items (LRU sizes, nr_file_pages, ...) */
void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
			 long delta)
{
	pgdat->vm_stat[item] += delta;
}

/* count_vm_events(): global event counters (pgalloc_*, pgscan_*, ...) */
void count_vm_events(struct sim *sim, enum vm_event_item item,
		     unsigned long delta)
{
	sim->vm_events[item] += delta;
}
