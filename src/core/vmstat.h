/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading the counters as include/linux/vmstat.h does, for the /proc
 * writers (vmstat.c) and the kernel log's Mem-Info (show_mem.c).
 */
#ifndef KSS_CORE_VMSTAT_H
#define KSS_CORE_VMSTAT_H

#include "internal.h"

/* include/linux/vmstat.h: zone_page_state(); a lagged negative reads 0 */
static inline unsigned long zone_page_state(const struct zone *zone,
					    enum zone_stat_item item)
{
	long x = zone->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

/*
 * The pages on a zone's per-cpu lists, every online CPU's: show_mem's
 * free_pcp, which NR_FREE_PAGES leaves out.
 */
static inline unsigned long zone_pcp_pages(const struct sim *sim,
					   const struct zone *zone)
{
	unsigned long n = 0;

	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++)
		n += (unsigned long)zone->pcp[cpu].count;
	return n;
}

/* mm/vmstat.c: node_page_state_pages() */
static inline unsigned long
node_page_state_pages(const struct pglist_data *pgdat, enum node_stat_item item)
{
	long x = pgdat->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

/* include/linux/vmstat.h: node_page_state(), for items kept in pages */
static inline unsigned long node_page_state(const struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	return node_page_state_pages(pgdat, item);
}

/* include/linux/vmstat.h: global_zone_page_state(), the sum of all zones */
static inline unsigned long global_zone_page_state(const struct sim *sim,
						   enum zone_stat_item item)
{
	const struct zone *zone;
	long x = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			x += zone->vm_stat[item];
	return x < 0 ? 0 : (unsigned long)x;
}

/* mm/vmstat.c: global_node_page_state_pages(), the sum of all nodes */
static inline unsigned long
global_node_page_state_pages(const struct sim *sim, enum node_stat_item item)
{
	long x = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		x += sim->node_data[nid].vm_stat[item];
	return x < 0 ? 0 : (unsigned long)x;
}

/* The zone's name as /proc prints it, for a zone of any index. */
static inline const char *zone_name(const struct zone *zone, int zid)
{
	static const char *const zone_names[MAX_NR_ZONES] = {
		"DMA", "DMA32", "Normal", "Movable", "Device",
	};

	return zone->name ? zone->name : zone_names[zid];
}

#endif /* KSS_CORE_VMSTAT_H */
