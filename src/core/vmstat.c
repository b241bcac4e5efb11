// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmstat.c: the counters (zone, node and event items, exact, with no
 * per-cpu lag) and the /proc text writers: /proc/zoneinfo, /proc/vmstat,
 * /proc/buddyinfo and /proc/pagetypeinfo, byte for byte in 6.12's layout.
 * Every writer reads the machine and never changes it; each number it
 * prints is the one the kernel function named above it would print.
 * vmstat_update(), the once-a-second work, is the one thing here that
 * changes the machine: it trims the per-cpu lists.
 */
#include "vmstat.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched.h"

/* {====== counter updaters */

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

/* }====== */

/* {====== seq_buf: the text the writers build */

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->overflow)
		return;
	for (;;) {
		size_t room = s->size - s->len;

		va_start(ap, fmt);
		n = vsnprintf(s->buffer ? s->buffer + s->len : NULL, room, fmt,
			      ap);
		va_end(ap);
		if (n < 0) {
			s->overflow = true;
			return;
		}
		if ((size_t)n < room) {
			s->len += (size_t)n;
			return;
		}
		size_t size = s->size ? s->size * 2 : 4096;
		while (size - s->len <= (size_t)n)
			size *= 2;
		char *buffer = realloc(s->buffer, size);
		if (!buffer) {
			s->overflow = true;
			return;
		}
		s->buffer = buffer;
		s->size = size;
	}
}

char *seq_buf_detach(struct seq_buf *s)
{
	char *text = s->buffer;

	if (s->overflow || !text) {
		free(text);
		text = s->overflow ? NULL : calloc(1, 1);
	}
	memset(s, 0, sizeof(*s));
	return text;
}

/* }====== */

/* {====== item names and values */

/* mm/vmstat.c: vmstat_text[], in enum order of the five item lists */
#define KSS_TEXT(e, s) s,
static const char *const vmstat_text[] = {
	ZONE_STAT_ITEMS(KSS_TEXT) NUMA_STAT_ITEMS(KSS_TEXT)
		NODE_STAT_ITEMS(KSS_TEXT) VM_STAT_ITEMS(KSS_TEXT)
			VM_EVENT_ITEMS(KSS_TEXT)
};
#undef KSS_TEXT

#define NR_VMSTAT_ITEMS                                   \
	(NR_VM_ZONE_STAT_ITEMS + NR_VM_NUMA_EVENT_ITEMS + \
	 NR_VM_NODE_STAT_ITEMS + NR_VM_STAT_ITEMS + NR_VM_EVENT_ITEMS)

_Static_assert(ARRAY_SIZE(vmstat_text) == NR_VMSTAT_ITEMS,
	       "vmstat_text[] must name every item once");
_Static_assert(NR_VMSTAT_ITEMS == 184,
	       "6.12 with the Debian config prints 184 items + nr_unstable");

#define zone_stat_name(i) (vmstat_text[(i)])
#define numa_stat_name(i) (vmstat_text[NR_VM_ZONE_STAT_ITEMS + (i)])
#define node_stat_name(i) \
	(vmstat_text[NR_VM_ZONE_STAT_ITEMS + NR_VM_NUMA_EVENT_ITEMS + (i)])

/* include/linux/mmzone.h: vmstat_item_print_in_thp() (THP configured) */
static bool vmstat_item_print_in_thp(enum node_stat_item item)
{
	return item == NR_ANON_THPS || item == NR_FILE_THPS ||
	       item == NR_SHMEM_THPS || item == NR_SHMEM_PMDMAPPED ||
	       item == NR_FILE_PMDMAPPED;
}

/* mm/vmstat.c: global_numa_event_state() */
static unsigned long global_numa_event_state(const struct sim *sim,
					     enum numa_stat_item item)
{
	const struct zone *zone;
	unsigned long x = 0;

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for_each_node_zone(zone, &sim->node_data[nid])
			x += zone->vm_numa_event[item];
	return x;
}

/*
 * Is any pfn of the memory section holding pfn present? Sections are
 * 128 MiB (SECTION_SIZE_BITS 27, arch/x86/include/asm/sparsemem.h); memblock
 * gives every section with memory a memmap at boot.
 */
#define PFN_SECTION_SHIFT (27 - PAGE_SHIFT)
#define PAGES_PER_SECTION (1UL << PFN_SECTION_SHIFT)

static bool present_section(const struct sim *sim, unsigned long pfn)
{
	unsigned long start = pfn & ~(PAGES_PER_SECTION - 1);
	unsigned long end = start + PAGES_PER_SECTION;

	if (!sim->pages.state)
		return false;
	if (end > sim->max_pfn)
		end = sim->max_pfn;
	for (pfn = start; pfn < end; pfn++)
		if (sim->pages.state[pfn] != PS_HOLE)
			return true;
	return false;
}

/*
 * mm/sparse.c: sparse_init_nid() adds, for every present section,
 * DIV_ROUND_UP(PAGES_PER_SECTION * sizeof(struct page), PAGE_SIZE) =
 * 32768 * 64 / 4096 = 512 pages to nr_memmap_boot_pages.
 * (6.18 host: 24 GiB in 192 sections -> 98304.)
 */
static unsigned long nr_memmap_boot_pages(const struct sim *sim)
{
	unsigned long nr = 0;

	for (unsigned long pfn = 0; pfn < sim->max_pfn;
	     pfn += PAGES_PER_SECTION)
		if (present_section(sim, pfn))
			nr += PAGES_PER_SECTION * 64 / PAGE_SIZE;
	return nr;
}

/*
 * No memory is hot-added here, so the count is fixed at boot; reading the
 * page states of every section on each /proc/vmstat read would cost a
 * cache miss per 128 MiB (a third of a millisecond at 1 TiB).
 */
void memmap_boot_pages_init(struct sim *sim)
{
	sim->nr_memmap_boot_pages = nr_memmap_boot_pages(sim);
}

/*
 * mm/vmstat.c: vmstat_start(): the value of item off of vmstat_text[].
 * nr_memmap_pages counts memmap allocated after boot (hotplug, hugetlb
 * vmemmap): none here. pgpgin/pgpgout are kept in 512-byte sectors and
 * printed in KiB.
 */
static unsigned long vmstat_item(const struct sim *sim, int off)
{
	unsigned long bg_thresh, thresh, v;
	int i = off;

	if (i < NR_VM_ZONE_STAT_ITEMS)
		return global_zone_page_state(sim, i);
	i -= NR_VM_ZONE_STAT_ITEMS;
	if (i < NR_VM_NUMA_EVENT_ITEMS)
		return global_numa_event_state(sim, i);
	i -= NR_VM_NUMA_EVENT_ITEMS;
	if (i < NR_VM_NODE_STAT_ITEMS) {
		v = global_node_page_state_pages(sim, i);
		return vmstat_item_print_in_thp(i) ? v / HPAGE_PMD_NR : v;
	}
	i -= NR_VM_NODE_STAT_ITEMS;
	switch (i) {
	case NR_DIRTY_THRESHOLD:
	case NR_DIRTY_BG_THRESHOLD:
		global_dirty_limits(sim, &bg_thresh, &thresh);
		return i == NR_DIRTY_THRESHOLD ? thresh : bg_thresh;
	case NR_MEMMAP_PAGES:
		return 0;
	case NR_MEMMAP_BOOT_PAGES:
		return sim->nr_memmap_boot_pages;
	}
	i -= NR_VM_STAT_ITEMS;
	v = sim->vm_events[i];
	if (i == PGPGIN || i == PGPGOUT)
		v /= 2; /* sectors -> kbytes */
	return v;
}

/* }====== */

/* {====== /proc/vmstat */

/*
 * mm/vmstat.c: vmstat_show(): "name value" per item, then the deprecated
 * "nr_unstable 0" that userspace still expects.
 */
char *sim_vmstat(const struct sim *sim)
{
	struct seq_buf s = { 0 };

	for (int i = 0; i < NR_VMSTAT_ITEMS; i++)
		seq_buf_printf(&s, "%s %lu\n", vmstat_text[i],
			       vmstat_item(sim, i));
	seq_buf_printf(&s, "nr_unstable 0\n");
	return seq_buf_detach(&s);
}

int sim_vmstat_get(const struct sim *sim, const char *name, unsigned long *val)
{
	if (!strcmp(name, "nr_unstable")) {
		*val = 0;
		return 0;
	}
	for (int i = 0; i < NR_VMSTAT_ITEMS; i++) {
		if (strcmp(name, vmstat_text[i]))
			continue;
		*val = vmstat_item(sim, i);
		return 0;
	}
	return -ENOENT;
}

int sim_vmstat_nr_lines(void)
{
	return NR_VMSTAT_ITEMS + 1;
}

const char *sim_vmstat_line_name(int i)
{
	if (i < 0 || i > NR_VMSTAT_ITEMS)
		return NULL;
	return i < NR_VMSTAT_ITEMS ? vmstat_text[i] : "nr_unstable";
}

int sim_vmstat_values(const struct sim *sim, unsigned long *vals, int n)
{
	int i;

	for (i = 0; i < n && i < NR_VMSTAT_ITEMS; i++)
		vals[i] = vmstat_item(sim, i);
	if (i < n && i == NR_VMSTAT_ITEMS)
		vals[i++] = 0; /* nr_unstable */
	return i;
}

/*
 * One node's counter, as the "per-node stats" block of /proc/zoneinfo
 * prints it (mm/vmstat.c: zoneinfo_show_print()): in pages, not THPs.
 */
int sim_node_page_state(const struct sim *sim, int nid, const char *name,
			unsigned long *val)
{
	if (nid < 0 || nid >= sim->nr_nodes)
		return -EINVAL;
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		if (strcmp(name, node_stat_name(i)))
			continue;
		*val = node_page_state_pages(&sim->node_data[nid], i);
		return 0;
	}
	return -ENOENT;
}

/* }====== */

/* {====== /proc/zoneinfo */

/* mm/vmstat.c: is_zone_first_populated() */
static bool is_zone_first_populated(const struct pglist_data *pgdat,
				    const struct zone *zone)
{
	const struct zone *first;

	for_each_node_zone(first, pgdat)
		if (populated_zone(first))
			return zone == first;
	return false;
}

/*
 * vmstat_update() -> refresh_cpu_vm_stats(true): every CPU's deferrable
 * work runs once a second (sysctl_stat_interval, rounded to whole
 * seconds) and lets decay_pcp_high() trim that CPU's lists of each zone.
 * Called at the end of every tick; the counters themselves have no
 * per-cpu diffs to fold here.
 */
void vmstat_update(struct sim *sim)
{
	if (jiffies_of(sim) % HZ)
		return;
	for (int cpu = 0; cpu < sim->cfg.nr_cpus; cpu++)
		for (int nid = 0; nid < sim->nr_nodes; nid++)
			for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
				struct zone *zone =
					&sim->node_data[nid].node_zones[zid];

				if (zone->managed_pages)
					decay_pcp_high(sim, zone,
						       &zone->pcp[cpu]);
			}
}

/* The kernel's zone_names[] (mm/page_alloc.c), if boot left a zone unnamed */

static void zoneinfo_show_pagesets(struct seq_buf *s, const struct sim *sim,
				   const struct zone *zone)
{
	seq_buf_printf(s, "\n  pagesets");
	for (int i = 0; i < sim->cfg.nr_cpus; i++) {
		const struct per_cpu_pages *pcp = &zone->pcp[i];

		seq_buf_printf(s,
			       "\n    cpu: %i"
			       "\n              count: %i"
			       "\n              high:  %i"
			       "\n              batch: %i",
			       i, pcp->count, pcp->high, pcp->batch);
		seq_buf_printf(s, "\n  vm stats threshold: %d",
			       zone->stat_threshold);
	}
}

/* one counter line of /proc/zoneinfo: name padded to 12, then value */
static void zoneinfo_stat(struct seq_buf *s, const char *name,
			  unsigned long value)
{
	seq_buf_printf(s, "\n      %-12s %lu", name, value);
}

/* the node's counters; the THP ones are shown in huge pages */
static void zoneinfo_node_stats(struct seq_buf *s,
				const struct pglist_data *pgdat)
{
	seq_buf_printf(s, "\n  per-node stats");
	for (enum node_stat_item item = 0; item < NR_VM_NODE_STAT_ITEMS;
	     item++) {
		unsigned long pages = node_page_state_pages(pgdat, item);

		if (vmstat_item_print_in_thp(item))
			pages /= HPAGE_PMD_NR;
		zoneinfo_stat(s, node_stat_name(item), pages);
	}
}

/*
 * mm/vmstat.c: zoneinfo_show_print(). zone_cma_pages() is 0 without
 * CONFIG_CMA.
 */
static void zoneinfo_show_print(struct seq_buf *s, const struct sim *sim,
				const struct pglist_data *pgdat, int zid)
{
	const struct zone *zone = &pgdat->node_zones[zid];
	/* the "pages" block, in pages; no CMA, so cma is 0 */
	const struct {
		const char *name;
		unsigned long pages;
	} sizes[] = {
		{ "free", zone_page_state(zone, NR_FREE_PAGES) },
		{ "boost", zone->watermark_boost },
		{ "min", min_wmark_pages(zone) },
		{ "low", low_wmark_pages(zone) },
		{ "high", high_wmark_pages(zone) },
		{ "promo", promo_wmark_pages(zone) },
		{ "spanned", zone->spanned_pages },
		{ "present", zone->present_pages },
		{ "managed", zone->managed_pages },
		{ "cma", 0 },
	};
	int i;

	seq_buf_printf(s, "Node %d, zone %8s", pgdat->node_id,
		       zone_name(zone, zid));
	/* the node's counters come with its first populated zone */
	if (is_zone_first_populated(pgdat, zone))
		zoneinfo_node_stats(s, pgdat);
	for (size_t n = 0; n < ARRAY_SIZE(sizes); n++)
		seq_buf_printf(s, "\n%s%-8s %lu", n ? "        " : "  pages ",
			       sizes[n].name, sizes[n].pages);

	seq_buf_printf(s, "\n        protection: (%ld",
		       zone->lowmem_reserve[0]);
	for (i = 1; i < (int)ARRAY_SIZE(zone->lowmem_reserve); i++)
		seq_buf_printf(s, ", %ld", zone->lowmem_reserve[i]);
	seq_buf_printf(s, ")");

	/* an empty zone ends after its protection: line, as in 6.12 */
	if (!populated_zone(zone)) {
		seq_buf_printf(s, "\n");
		return;
	}

	for (enum zone_stat_item item = 0; item < NR_VM_ZONE_STAT_ITEMS; item++)
		zoneinfo_stat(s, zone_stat_name(item),
			      zone_page_state(zone, item));
	for (int ev = 0; ev < NR_VM_NUMA_EVENT_ITEMS; ev++)
		zoneinfo_stat(s, numa_stat_name(ev), zone->vm_numa_event[ev]);

	zoneinfo_show_pagesets(s, sim, zone);
	seq_buf_printf(s, "\n  node_unreclaimable:  %u",
		       (unsigned int)kswapd_gave_up(pgdat));
	seq_buf_printf(s, "\n  start_pfn:           %lu\n",
		       zone->zone_start_pfn);
}

/*
 * mm/vmstat.c: zoneinfo_show(): every zone of every online node, populated
 * or not, so that lowmem_reserve_ratio's effect on empty zones shows.
 */
char *sim_zoneinfo(const struct sim *sim)
{
	struct seq_buf s = { 0 };

	for (int nid = 0; nid < sim->nr_nodes; nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			zoneinfo_show_print(&s, sim, &sim->node_data[nid], zid);
	return seq_buf_detach(&s);
}

/* }====== */

/* {====== /proc/buddyinfo and /proc/pagetypeinfo */

/* mm/vmstat.c: frag_show_print(), populated zones only */
char *sim_buddyinfo(const struct sim *sim)
{
	struct seq_buf s = { 0 };

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];

		const struct zone *zone;

		for_each_node_zone(zone, pgdat) {
			if (!populated_zone(zone))
				continue;
			seq_buf_printf(&s, "Node %d, zone %8s ", pgdat->node_id,
				       zone_name(zone, zone_idx(zone)));
			for (int order = 0; order < NR_PAGE_ORDERS; ++order)
				seq_buf_printf(&s, "%6lu ",
					       zone->free_area[order].nr_free);
			seq_buf_printf(&s, "\n");
		}
	}
	return seq_buf_detach(&s);
}

/* mm/page_alloc.c: migratetype_names[] (no CMA, MEMORY_ISOLATION=y) */
static const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

/*
 * mm/vmstat.c: pagetypeinfo_showfree_print(). The kernel stops walking a
 * free list at 100000 entries and prints ">100000".
 */
static void pagetypeinfo_showfree_print(struct seq_buf *s,
					const struct pglist_data *pgdat,
					const struct zone *zone, int zid)
{
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++) {
		seq_buf_printf(s, "Node %4d, zone %8s, type %12s ",
			       pgdat->node_id, zone_name(zone, zid),
			       migratetype_names[mtype]);
		for (int order = 0; order < NR_PAGE_ORDERS; ++order) {
			unsigned long freecount =
				zone->free_area[order].free_list[mtype].nr;
			bool overflow = freecount >= 100000;

			if (overflow)
				freecount = 100000;
			seq_buf_printf(s, "%s%6lu ", overflow ? ">" : "",
				       freecount);
		}
		seq_buf_printf(s, "\n");
	}
}

/*
 * mm/vmstat.c: pagetypeinfo_showblockcount_print(): sample every
 * pageblock_nr_pages from zone_start_pfn (which need not be aligned),
 * skipping pfns without an online memmap (pfn_to_online_page(): a section
 * with no memory), and count get_pageblock_migratetype().
 */
static void pagetypeinfo_showblockcount_print(struct seq_buf *s,
					      const struct sim *sim,
					      const struct pglist_data *pgdat,
					      const struct zone *zone, int zid)
{
	unsigned long end_pfn = zone->zone_start_pfn + zone->spanned_pages;
	unsigned long count[MIGRATE_TYPES] = { 0 };
	unsigned long section = ~0UL;
	bool online = false;

	for (unsigned long pfn = zone->zone_start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		int mtype;

		if (pfn >= sim->max_pfn)
			break;
		/* one look per section: a hole may span many pageblocks */
		if (pfn >> PFN_SECTION_SHIFT != section) {
			section = pfn >> PFN_SECTION_SHIFT;
			online = present_section(sim, pfn);
		}
		if (!online)
			continue;
		mtype = get_pageblock_migratetype(sim, pfn);
		if (mtype < MIGRATE_TYPES)
			count[mtype]++;
	}

	seq_buf_printf(s, "Node %d, zone %8s ", pgdat->node_id,
		       zone_name(zone, zid));
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		seq_buf_printf(s, "%12lu ", count[mtype]);
	seq_buf_printf(s, "\n");
}

/*
 * mm/vmstat.c: pagetypeinfo_show(). No mixed-block table: that needs
 * CONFIG_PAGE_OWNER with page_owner=on.
 */
char *sim_pagetypeinfo(const struct sim *sim)
{
	struct seq_buf s = { 0 };

	for (int nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];
		const struct zone *zone;
		int i;

		if (!node_has_memory(pgdat))
			continue;
		seq_buf_printf(&s, "Page block order: %d\n", pageblock_order);
		seq_buf_printf(&s, "Pages per block:  %lu\n",
			       pageblock_nr_pages);
		seq_buf_printf(&s, "\n");

		seq_buf_printf(&s, "%-43s ",
			       "Free pages count per migrate type at order");
		for (i = 0; i < NR_PAGE_ORDERS; ++i)
			seq_buf_printf(&s, "%6d ", i);
		seq_buf_printf(&s, "\n");
		for_each_node_zone(zone, pgdat)
			if (populated_zone(zone))
				pagetypeinfo_showfree_print(&s, pgdat, zone,
							    zone_idx(zone));

		seq_buf_printf(&s, "\n%-23s", "Number of blocks type ");
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_buf_printf(&s, "%12s ", migratetype_names[mt]);
		seq_buf_printf(&s, "\n");
		for_each_node_zone(zone, pgdat)
			if (populated_zone(zone))
				pagetypeinfo_showblockcount_print(
					&s, sim, pgdat, zone, zone_idx(zone));
	}
	return seq_buf_detach(&s);
}

/* }====== */
