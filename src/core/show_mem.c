// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/show_mem.c: __show_mem(), the "Mem-Info:" block the OOM killer
 * (dump_header()) and a failed allocation (warn_alloc()) print to the
 * kernel log, line for line as 6.12 with Debian's config prints it:
 * CONFIG_NUMA (each zone line starts "Node N "), CONFIG_TRANSPARENT_HUGEPAGE
 * (the shmem_thp/anon_thp fields), CONFIG_HUGETLB_PAGE (x86-64's 1 GiB and
 * 2 MiB hstates, empty), CONFIG_MEMORY_FAILURE (the hwpoisoned line), no
 * CONFIG_CMA (no "cma reserved" line). printk()'s KERN_CONT pieces are
 * put together here, so each log record is one whole line.
 *
 * Differs: every node is allowed (no cpuset filter).
 */
#include "vmstat.h"

#include <stdio.h>
#include <stdlib.h>

#include "swap.h"
#include "vmscan.h"

#define K(x) ((x) << (PAGE_SHIFT - 10)) /* mm/internal.h */

/* A line of several KERN_CONT pieces, printed as one record. */
static void printk_line(struct sim *sim, struct seq_buf *s)
{
	char *line = seq_buf_detach(s);

	if (line)
		printk(sim, "%s\n", line);
	free(line);
}

/* show_migration_types(): the letters of the non-empty free lists */
static void show_migration_types(struct seq_buf *s, unsigned char type)
{
	static const char types[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 'U',   [MIGRATE_MOVABLE] = 'M',
		[MIGRATE_RECLAIMABLE] = 'E', [MIGRATE_HIGHATOMIC] = 'H',
		[MIGRATE_ISOLATE] = 'I',
	};
	char tmp[MIGRATE_TYPES + 1];
	char *p = tmp;

	for (int i = 0; i < MIGRATE_TYPES; i++)
		if (type & (1 << i))
			*p++ = types[i];
	*p = '\0';
	seq_buf_printf(s, "(%s) ", tmp);
}

/* One "name:value" of a Mem-Info line. */
struct mem_field {
	const char *name; /* a leading "\n " starts a continuation line */
	unsigned long value;
};

/*
 * Append the fields, each value followed by unit, separated by spaces
 * from each other and from what the line holds already.
 */
static void print_fields(struct seq_buf *s, const struct mem_field *f, size_t n,
			 const char *unit)
{
	for (size_t i = 0; i < n; i++)
		seq_buf_printf(s, "%s%s:%lu%s",
			       s->len && f[i].name[0] != '\n' ? " " : "",
			       f[i].name, f[i].value, unit);
}

static bool node_has_managed_zones(const struct pglist_data *pgdat,
				   int max_zone_idx)
{
	const struct zone *zone;

	for_each_managed_zone(zone, pgdat, max_zone_idx)
		return true;
	return false;
}

/*
 * for_each_populated_zone() up to max_zone_idx: the next populated zone
 * after (*nid, *zid), or NULL; start with *nid = 0, *zid = -1.
 */
static const struct zone *next_shown_zone(const struct sim *sim, int *nid,
					  int *zid, int max_zone_idx)
{
	for (;;) {
		if (++*zid > max_zone_idx) {
			*zid = 0;
			if (++*nid >= sim->nr_nodes)
				return NULL;
		}
		const struct zone *zone =
			&sim->node_data[*nid].node_zones[*zid];

		if (populated_zone(zone))
			return zone;
	}
}

#define for_each_shown_zone(sim, zone, nid, zid, max) \
	for (nid = 0, zid = -1;                       \
	     (zone = next_shown_zone(sim, &nid, &zid, max)) != NULL;)

static void show_free_areas(struct sim *sim, int max_zone_idx)
{
	const struct zone *zone;
	int nid, zid;
	struct seq_buf s = { 0 };
	unsigned long free_pcp = 0;

	/* every populated zone's lists, whatever max_zone_idx shows */
	for (nid = 0; nid < sim->nr_nodes; nid++)
		for (zid = 0; zid < MAX_NR_ZONES; zid++)
			free_pcp += zone_pcp_pages(
				sim, &sim->node_data[nid].node_zones[zid]);

	/* the machine's totals in pages, in the kernel's order and lines */
	const struct mem_field totals[] = {
		{ "active_anon",
		  global_node_page_state_pages(sim, NR_ACTIVE_ANON) },
		{ "inactive_anon",
		  global_node_page_state_pages(sim, NR_INACTIVE_ANON) },
		{ "isolated_anon",
		  global_node_page_state_pages(sim, NR_ISOLATED_ANON) },
		{ "\n active_file",
		  global_node_page_state_pages(sim, NR_ACTIVE_FILE) },
		{ "inactive_file",
		  global_node_page_state_pages(sim, NR_INACTIVE_FILE) },
		{ "isolated_file",
		  global_node_page_state_pages(sim, NR_ISOLATED_FILE) },
		{ "\n unevictable",
		  global_node_page_state_pages(sim, NR_UNEVICTABLE) },
		{ "dirty", global_node_page_state_pages(sim, NR_FILE_DIRTY) },
		{ "writeback",
		  global_node_page_state_pages(sim, NR_WRITEBACK) },
		{ "\n slab_reclaimable",
		  global_node_page_state_pages(sim, NR_SLAB_RECLAIMABLE_B) },
		{ "slab_unreclaimable",
		  global_node_page_state_pages(sim, NR_SLAB_UNRECLAIMABLE_B) },
		{ "\n mapped",
		  global_node_page_state_pages(sim, NR_FILE_MAPPED) },
		{ "shmem", global_node_page_state_pages(sim, NR_SHMEM) },
		{ "pagetables",
		  global_node_page_state_pages(sim, NR_PAGETABLE) },
		{ "\n sec_pagetables",
		  global_node_page_state_pages(sim, NR_SECONDARY_PAGETABLE) },
		{ "bounce", global_zone_page_state(sim, NR_BOUNCE) },
		{ "\n kernel_misc_reclaimable",
		  global_node_page_state_pages(sim,
					       NR_KERNEL_MISC_RECLAIMABLE) },
		{ "\n free", global_zone_page_state(sim, NR_FREE_PAGES) },
		{ "free_pcp", free_pcp },
		{ "free_cma", global_zone_page_state(sim, NR_FREE_CMA_PAGES) },
	};

	print_fields(&s, totals, ARRAY_SIZE(totals), "");
	printk_line(sim, &s);

	for (nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];

		if (!node_has_managed_zones(pgdat, max_zone_idx))
			continue;
		printk(sim,
		       "Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB shmem:%lukB shmem_thp:%lukB shmem_pmdmapped:%lukB anon_thp:%lukB writeback_tmp:%lukB kernel_stack:%lukB pagetables:%lukB sec_pagetables:%lukB all_unreclaimable? %s\n",
		       pgdat->node_id,
		       K(node_page_state_pages(pgdat, NR_ACTIVE_ANON)),
		       K(node_page_state_pages(pgdat, NR_INACTIVE_ANON)),
		       K(node_page_state_pages(pgdat, NR_ACTIVE_FILE)),
		       K(node_page_state_pages(pgdat, NR_INACTIVE_FILE)),
		       K(node_page_state_pages(pgdat, NR_UNEVICTABLE)),
		       K(node_page_state_pages(pgdat, NR_ISOLATED_ANON)),
		       K(node_page_state_pages(pgdat, NR_ISOLATED_FILE)),
		       K(node_page_state_pages(pgdat, NR_FILE_MAPPED)),
		       K(node_page_state_pages(pgdat, NR_FILE_DIRTY)),
		       K(node_page_state_pages(pgdat, NR_WRITEBACK)),
		       K(node_page_state_pages(pgdat, NR_SHMEM)),
		       K(node_page_state_pages(pgdat, NR_SHMEM_THPS)),
		       K(node_page_state_pages(pgdat, NR_SHMEM_PMDMAPPED)),
		       K(node_page_state_pages(pgdat, NR_ANON_THPS)),
		       K(node_page_state_pages(pgdat, NR_WRITEBACK_TEMP)),
		       node_page_state_pages(pgdat, NR_KERNEL_STACK_KB),
		       K(node_page_state_pages(pgdat, NR_PAGETABLE)),
		       K(node_page_state_pages(pgdat, NR_SECONDARY_PAGETABLE)),
		       kswapd_gave_up(pgdat) ? "yes" : "no");
	}

	for_each_shown_zone(sim, zone, nid, zid, max_zone_idx)
	{
		/* per zone in kB: counters, marks, sizes, per-cpu lists */
		const struct mem_field fields[] = {
			{ "free", K(zone_page_state(zone, NR_FREE_PAGES)) },
			{ "boost", K(zone->watermark_boost) },
			{ "min", K(min_wmark_pages(zone)) },
			{ "low", K(low_wmark_pages(zone)) },
			{ "high", K(high_wmark_pages(zone)) },
			{ "reserved_highatomic",
			  K(zone->nr_reserved_highatomic) },
			{ "active_anon",
			  K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)) },
			{ "inactive_anon",
			  K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)) },
			{ "active_file",
			  K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)) },
			{ "inactive_file",
			  K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)) },
			{ "unevictable",
			  K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)) },
			{ "writepending",
			  K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)) },
			{ "present", K(zone->present_pages) },
			{ "managed", K(zone->managed_pages) },
			{ "mlocked", K(zone_page_state(zone, NR_MLOCK)) },
			{ "bounce", K(zone_page_state(zone, NR_BOUNCE)) },
			{ "free_pcp", K(zone_pcp_pages(sim, zone)) },
			{ "local_pcp",
			  K((unsigned long)zone->pcp[smp_processor_id(sim)]
				    .count) },
			{ "free_cma",
			  K(zone_page_state(zone, NR_FREE_CMA_PAGES)) },
		};

		seq_buf_printf(&s, "Node %d %s", nid, zone_name(zone, zid));
		/* the sixth, reserved_highatomic, is the kernel's one "KB" */
		print_fields(&s, fields, 5, "kB");
		print_fields(&s, fields + 5, 1, "KB");
		print_fields(&s, fields + 6, ARRAY_SIZE(fields) - 6, "kB");
		printk_line(sim, &s);
		seq_buf_printf(&s, "lowmem_reserve[]:");
		for (int i = 0; i < MAX_NR_ZONES; i++)
			seq_buf_printf(&s, " %ld", zone->lowmem_reserve[i]);
		printk_line(sim, &s);
	}

	for_each_shown_zone(sim, zone, nid, zid, max_zone_idx)
	{
		unsigned long total = 0;

		seq_buf_printf(&s, "Node %d %s: ", nid, zone_name(zone, zid));
		for (int order = 0; order < NR_PAGE_ORDERS; order++) {
			const struct free_area *area = &zone->free_area[order];
			unsigned char types = 0;

			total += area->nr_free << order;
			for (int type = 0; type < MIGRATE_TYPES; type++)
				if (area->free_list[type].nr)
					types |= (unsigned char)(1 << type);
			seq_buf_printf(&s, "%lu*%lukB ", area->nr_free,
				       K(1UL) << order);
			if (area->nr_free)
				show_migration_types(&s, types);
		}
		seq_buf_printf(&s, "= %lukB", K(total));
		printk_line(sim, &s);
	}

	/* hugetlb_show_meminfo_node(): x86-64's hstates, none reserved */
	for (nid = 0; nid < sim->nr_nodes; nid++) {
		printk(sim,
		       "Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB\n",
		       nid);
		printk(sim,
		       "Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n",
		       nid);
	}

	printk(sim, "%ld total pagecache pages\n",
	       (long)global_node_page_state_pages(sim, NR_FILE_PAGES));

	/* mm/swap_state.c: show_swap_cache_info() */
	printk(sim, "%lu pages in swap cache\n",
	       global_node_page_state_pages(sim, NR_SWAPCACHE));
	printk(sim, "Free swap  = %ldkB\n", K(get_nr_swap_pages(sim)));
	printk(sim, "Total swap = %lukB\n",
	       K((unsigned long)total_swap_pages(sim)));
}

void __show_mem(struct sim *sim, int max_zone_idx)
{
	unsigned long total = 0, reserved = 0;
	const struct zone *zone;
	int nid, zid;

	printk(sim, "Mem-Info:\n");
	show_free_areas(sim, max_zone_idx);
	for_each_shown_zone(sim, zone, nid, zid, MAX_NR_ZONES - 1)
	{
		total += zone->present_pages;
		reserved += zone->present_pages - zone->managed_pages;
	}
	printk(sim, "%lu pages RAM\n", total);
	/* is_highmem(): no CONFIG_HIGHMEM */
	printk(sim, "%lu pages HighMem/MovableOnly\n", 0UL);
	printk(sim, "%lu pages reserved\n", reserved);
	printk(sim, "%lu pages hwpoisoned\n", 0UL);
}
