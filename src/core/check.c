// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariant checker (kernel-facts A6.9): every page frame is in
 * exactly one place and every counter equals what the arrays hold. It
 * walks all pfns, so it is for tests and debugging, not for every step.
 */
#include "slab.h"
#include "swap.h"
#include "vmstat.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct checker {
	const struct sim *sim;
	char *msg;
	size_t len;
};

static int fail(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct checker *c, const char *fmt, ...)
{
	va_list ap;

	if (c->msg && c->len) {
		va_start(ap, fmt);
		vsnprintf(c->msg, c->len, fmt, ap);
		va_end(ap);
	}
	return -EUCLEAN;
}

/*
 * A list of blocks: each entry a head in state of order o whose
 * page_where() is one of the types in the mask wheres, aligned, inside its
 * own zone, with PS_TAIL pages behind it. Returns the entries in *n.
 */
static int check_block_list(struct checker *c, const struct zone *zone,
			    const struct pfn_list *l, const char *what,
			    unsigned int o, unsigned int state,
			    unsigned int wheres, unsigned long *n)
{
	const struct page_frames *pf = &c->sim->pages;
	unsigned long i;
	uint32_t pfn, prev = NIL_PFN;

	*n = 0;
	for (pfn = l->head; pfn != NIL_PFN; pfn = pf->next[pfn]) {
		if (pfn >= c->sim->max_pfn || *n > l->nr)
			return fail(c, "zone %s %s: list broken at pfn %u",
				    zone->name, what, pfn);
		if (pf->prev[pfn] != prev)
			return fail(c, "pfn %u: prev link %u, expected %u", pfn,
				    pf->prev[pfn], prev);
		if (pf->state[pfn] != state || page_order(pf, pfn) != o ||
		    !(wheres & (1u << page_where(pf, pfn))))
			return fail(
				c,
				"pfn %u on zone %s %s has state %d order %d where %d",
				pfn, zone->name, what, pf->state[pfn],
				page_order(pf, pfn), page_where(pf, pfn));
		if (pfn & ((1UL << o) - 1))
			return fail(c,
				    "%s block pfn %u not aligned to order %u",
				    what, pfn, o);
		if (zone_of_pfn(c->sim, pfn) != zone ||
		    zone_of_pfn(c->sim, pfn + (1UL << o) - 1) != zone)
			return fail(c,
				    "%s block pfn %u order %u outside zone %s",
				    what, pfn, o, zone->name);
		for (i = 1; i < (1UL << o); i++)
			if (pf->state[pfn + i] != PS_TAIL)
				return fail(
					c,
					"pfn %lu inside %s block %u has state %d",
					pfn + i, what, pfn, pf->state[pfn + i]);
		prev = pfn;
		(*n)++;
	}
	if (*n != l->nr || l->tail != prev)
		return fail(c, "zone %s %s: %lu entries, nr %lu", zone->name,
			    what, *n, l->nr);
	return 0;
}

/*
 * One free list: PS_BUDDY heads of that order and migratetype. Returns
 * the number of entries in *n, deferred boot blocks included.
 */
static int check_free_list(struct checker *c, const struct zone *zone, int o,
			   int mt, unsigned long *n)
{
	const struct pfn_list *l = &zone->free_area[o].free_list[mt];
	struct pfn_list linked = *l;
	unsigned long deferred = 0;
	char what[32];
	int ret;

	if (o == MAX_PAGE_ORDER && mt == MIGRATE_MOVABLE)
		deferred = (zone->deferred_end - zone->deferred_pfn) >>
			   MAX_PAGE_ORDER;
	linked.nr -= deferred;
	snprintf(what, sizeof(what), "free_area[%d] list %d", o, mt);
	ret = check_block_list(c, zone, &linked, what, (unsigned int)o,
			       PS_BUDDY, 1u << mt, n);
	*n += deferred;
	return ret;
}

/*
 * Per-cpu lists of a zone: PS_PCP heads of their list's order and type
 * (THP's first list any type but Movable), adding up to each count;
 * CPUs the machine lacks hold nothing. The pages they hold in *nr_pages.
 */
static int check_pcp_lists(struct checker *c, const struct zone *zone,
			   unsigned long *nr_pages)
{
	const unsigned int movable = 1u << MIGRATE_MOVABLE;
	const unsigned int pcptypes = (1u << MIGRATE_PCPTYPES) - 1;

	*nr_pages = 0;
	for (int cpu = 0; cpu < SIM_MAX_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &zone->pcp[cpu];
		unsigned long pages = 0;

		for (int i = 0; i < NR_PCP_LISTS; i++) {
			unsigned int o = pindex_to_order(i);
			unsigned int wheres =
				i < NR_LOWORDER_PCP_LISTS ?
					1u << (i % MIGRATE_PCPTYPES) :
				i == NR_LOWORDER_PCP_LISTS ?
					pcptypes & ~movable :
					movable;
			char what[32];
			unsigned long n;
			int ret;

			snprintf(what, sizeof(what), "cpu %d pcp list %d", cpu,
				 i);
			ret = check_block_list(c, zone, &pcp->lists[i], what, o,
					       PS_PCP, wheres, &n);
			if (ret)
				return ret;
			pages += n << o;
		}
		if (pages != (unsigned long)pcp->count ||
		    (cpu >= c->sim->cfg.nr_cpus && pages))
			return fail(
				c,
				"zone %s cpu %d pcp count %d, lists hold %lu",
				zone->name, cpu, pcp->count, pages);
		*nr_pages += pages;
	}
	return 0;
}

/*
 * Free lists of a zone: nr_free, NR_FREE_PAGES (all but Isolate) and
 * nr_free_highatomic add up; deferred boot blocks lie inside the zone.
 */
static int check_free_lists(struct checker *c, const struct zone *zone,
			    unsigned long *nr_buddy_pages)
{
	unsigned long free = 0, highatomic = 0;
	int o, mt, ret;

	if (zone->deferred_end &&
	    (zone_of_pfn(c->sim, zone->deferred_pfn) != zone ||
	     zone_of_pfn(c->sim, zone->deferred_end - 1) != zone) &&
	    zone->deferred_pfn != zone->deferred_end)
		return fail(c, "zone %s: deferred blocks %lu..%lu outside it",
			    zone->name, zone->deferred_pfn, zone->deferred_end);
	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long n;

			ret = check_free_list(c, zone, o, mt, &n);
			if (ret)
				return ret;
			blocks += n;
			*nr_buddy_pages += n << o;
			if (mt != MIGRATE_ISOLATE)
				free += n << o;
			if (mt == MIGRATE_HIGHATOMIC)
				highatomic += n << o;
		}
		if (blocks != zone->free_area[o].nr_free)
			return fail(
				c,
				"zone %s free_area[%d].nr_free %lu, lists hold %lu",
				zone->name, o, zone->free_area[o].nr_free,
				blocks);
	}
	if ((unsigned long)zone->vm_stat[NR_FREE_PAGES] != free)
		return fail(c,
			    "zone %s NR_FREE_PAGES %ld, free blocks hold %lu",
			    zone->name, zone->vm_stat[NR_FREE_PAGES], free);
	if (zone->nr_free_highatomic != highatomic)
		return fail(c, "zone %s nr_free_highatomic %lu, lists hold %lu",
			    zone->name, zone->nr_free_highatomic, highatomic);
	return 0;
}

/* LRU lists: PS_LRU heads of this node, lengths equal the counters. */
static int check_lru(struct checker *c, const struct pglist_data *pgdat,
		     unsigned long *nr_lru_heads)
{
	const struct page_frames *pf = &c->sim->pages;
	const struct zone *zone;
	int lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		const struct pfn_list *l = &pgdat->lruvec.lists[lru];
		unsigned long n = 0, pages = 0, zpages[MAX_NR_ZONES] = { 0 };
		uint32_t pfn;

		for (pfn = l->head; pfn != NIL_PFN; pfn = pf->next[pfn]) {
			if (pfn >= c->sim->max_pfn || n > l->nr)
				return fail(
					c,
					"node %d lru %d: list broken at pfn %u",
					pgdat->node_id, lru, pfn);
			if (pf->state[pfn] != PS_LRU ||
			    page_where(pf, pfn) != (unsigned int)lru)
				return fail(
					c,
					"pfn %u on node %d lru %d has state %d where %d",
					pfn, pgdat->node_id, lru,
					pf->state[pfn], page_where(pf, pfn));
			zone = zone_of_pfn(c->sim, pfn);
			if (!zone || zone->zone_pgdat != pgdat)
				return fail(
					c,
					"pfn %u on node %d lru is not in that node",
					pfn, pgdat->node_id);
			n++;
			pages += 1UL << page_order(pf, pfn);
			zpages[zone_idx(zone)] += 1UL << page_order(pf, pfn);
		}
		if (n != l->nr)
			return fail(c, "node %d lru %d: %lu entries, nr %lu",
				    pgdat->node_id, lru, n, l->nr);
		if ((unsigned long)pgdat->vm_stat[NR_LRU_BASE + lru] != pages)
			return fail(
				c,
				"node %d lru %d counter %ld, list holds %lu pages",
				pgdat->node_id, lru,
				pgdat->vm_stat[NR_LRU_BASE + lru], pages);
		for_each_node_zone(zone, pgdat) {
			unsigned long held = zpages[zone_idx(zone)];
			long counted = zone->vm_stat[NR_ZONE_LRU_BASE + lru];

			if ((unsigned long)counted != held)
				return fail(
					c,
					"zone %s lru %d counter %ld, list holds %lu pages",
					zone->name, lru, counted, held);
		}
		*nr_lru_heads += n;
	}
	return 0;
}

/* The region whose virtual pages include vpn: regions are in vpn order. */
static const struct region *region_of_vpn(const struct sim *sim, uint32_t vpn)
{
	unsigned int lo = 1, hi = sim->nr_regions;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct region *r = &sim->regions[mid];

		if (vpn < r->base_vpn)
			hi = mid;
		else if (vpn >= r->base_vpn + r->nr_pages)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

/* Owners and PTEs agree both ways. */
static int check_owners(struct checker *c)
{
	const struct sim *sim = c->sim;
	const struct page_frames *pf = &sim->pages;
	unsigned long pfn, i;
	unsigned int id;

	for (pfn = 0; pfn < sim->max_pfn; pfn++) {
		const struct region *r;
		uint64_t pte;

		if (!pf->owner[pfn])
			continue;
		if (pf->state[pfn] == PS_BUDDY || pf->state[pfn] == PS_HOLE ||
		    pf->state[pfn] == PS_RESERVED)
			return fail(c, "pfn %lu has owner %u but state %d", pfn,
				    pf->owner[pfn], pf->state[pfn]);
		r = region_of_vpn(sim, pf->owner[pfn]);
		if (!r || r->freed)
			return fail(c,
				    "pfn %lu owner %u is no live region's page",
				    pfn, pf->owner[pfn]);
		pte = r->pte[pf->owner[pfn] - r->base_vpn];
		if (pte != PTE_MK(PTE_PRESENT, pfn))
			return fail(
				c, "pfn %lu owner %u: region %u pte maps %#llx",
				pfn, pf->owner[pfn], r->id,
				(unsigned long long)pte);
	}
	for (id = 1; id < sim->nr_regions; id++) {
		const struct region *r = &sim->regions[id];

		for (i = 0; i < r->nr_pages && !r->freed; i++) {
			if (PTE_TAG(r->pte[i]) != PTE_PRESENT)
				continue;
			pfn = (unsigned long)PTE_VAL(r->pte[i]);
			if (pfn >= sim->max_pfn ||
			    pf->owner[pfn] != r->base_vpn + i)
				return fail(
					c,
					"region %u page %lu maps pfn %lu whose owner is %u",
					id, i, pfn,
					pfn < sim->max_pfn ? pf->owner[pfn] :
							     0);
		}
		if (r->freed && r->pte)
			for (i = 0; i < r->nr_pages; i++)
				if (PTE_TAG(r->pte[i]) == PTE_PRESENT)
					return fail(
						c,
						"freed region %u still maps page %lu",
						id, i);
	}
	return 0;
}

/*
 * Per zone: the states of its pfns add up: holes = spanned - present,
 * reserved = present - managed, and managed = free + allocated + pcp.
 */
static int check_zone_pages(struct checker *c, const struct zone *zone,
			    unsigned long nr_buddy_pages,
			    unsigned long nr_pcp_pages)
{
	const struct page_frames *pf = &c->sim->pages;
	unsigned long pfn, end = zone->zone_start_pfn + zone->spanned_pages;
	unsigned long count[NR_PAGE_STATES] = { 0 }, in_buddy = 0, in_pcp = 0;

	for (pfn = zone->deferred_pfn; pfn < zone->deferred_end; pfn++)
		if (pf->state[pfn] != PS_TAIL || pf->owner[pfn])
			return fail(
				c,
				"pfn %lu in a deferred free block has state %d owner %u",
				pfn, pf->state[pfn], pf->owner[pfn]);
	in_buddy = zone->deferred_end - zone->deferred_pfn;
	for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		unsigned int s = pf->state[pfn];

		if (s >= NR_PAGE_STATES)
			return fail(c, "pfn %lu has state %u", pfn, s);
		count[s]++;
		if (s == PS_BUDDY)
			in_buddy += 1UL << page_order(pf, pfn);
		if (s == PS_PCP)
			in_pcp += 1UL << page_order(pf, pfn);
	}
	if (count[PS_HOLE] != zone->spanned_pages - zone->present_pages)
		return fail(c, "zone %s: %lu holes, spanned - present is %lu",
			    zone->name, count[PS_HOLE],
			    zone->spanned_pages - zone->present_pages);
	if (count[PS_RESERVED] != zone->present_pages - zone->managed_pages)
		return fail(
			c,
			"zone %s: %lu reserved pages, present - managed is %lu",
			zone->name, count[PS_RESERVED],
			zone->present_pages - zone->managed_pages);
	if (in_buddy != nr_buddy_pages)
		return fail(
			c,
			"zone %s: %lu pages in PS_BUDDY blocks, free lists hold %lu",
			zone->name, in_buddy, nr_buddy_pages);
	if (in_pcp != nr_pcp_pages)
		return fail(
			c,
			"zone %s: %lu pages in PS_PCP blocks, pcp lists hold %lu",
			zone->name, in_pcp, nr_pcp_pages);
	if (count[PS_BUDDY] + count[PS_TAIL] + count[PS_KERNEL] +
		    count[PS_LRU] + count[PS_ISOLATED] + count[PS_PCP] !=
	    zone->managed_pages)
		return fail(
			c, "zone %s: managed %lu != free + allocated + pcp %lu",
			zone->name, zone->managed_pages,
			count[PS_BUDDY] + count[PS_TAIL] + count[PS_KERNEL] +
				count[PS_LRU] + count[PS_ISOLATED] +
				count[PS_PCP]);
	return 0;
}

/*
 * The page cache's slab (slab.h): each file's xarray holds the nodes its
 * entries need, counted afresh; the radix_tree_node cache has handed out
 * those of every file, the buffer_head cache one head for each folio
 * marked, and a marked folio is in the page cache.
 */
static int check_slab(struct checker *c)
{
	const struct sim *sim = c->sim;
	unsigned long nodes = 0, heads = 0;

	if (!sim->slab)
		return 0;
	for (unsigned int id = 1; id < sim->nr_regions; id++) {
		const struct region *r = &sim->regions[id];
		unsigned long want, got;
		bool stray;

		if (r->freed || !r->pte || r->kind != SIM_KIND_FILE)
			continue;
		got = xa_nr_nodes(r);
		want = sim->cfg.slab ? xa_recount_nodes(r) : 0;
		if (got != want)
			return fail(
				c,
				"region %u: its xarray counts %lu nodes, its entries need %lu",
				id, got, want);
		nodes += got;
		heads += buffers_count(r, &stray);
		if (stray)
			return fail(
				c,
				"region %u: a buffer head on a folio not in the page cache",
				id);
	}
	if (sim->slab->radix_tree_node.inuse != nodes)
		return fail(
			c,
			"radix_tree_node: %lu objects in use, the files' xarrays hold %lu",
			sim->slab->radix_tree_node.inuse, nodes);
	if (sim->slab->buffer_head.inuse != heads)
		return fail(
			c,
			"buffer_head: %lu objects in use, the folios have %lu",
			sim->slab->buffer_head.inuse, heads);
	return 0;
}

/* Pfns outside every zone's span are holes. */
static int check_outside(struct checker *c)
{
	const struct sim *sim = c->sim;
	unsigned long pfn;

	for (pfn = 0; pfn < sim->max_pfn; pfn++)
		if (sim->pages.state[pfn] != PS_HOLE && !zone_of_pfn(sim, pfn))
			return fail(c,
				    "pfn %lu outside every zone has state %d",
				    pfn, sim->pages.state[pfn]);
	return 0;
}

int sim_check(const struct sim *sim, char *msg, size_t len)
{
	struct checker c = { .sim = sim, .msg = msg, .len = len };
	unsigned long nr_lru_heads = 0, lru_states = 0, pfn;
	int nid, ret;

	for (nid = 0; nid < sim->nr_nodes; nid++) {
		const struct pglist_data *pgdat = &sim->node_data[nid];
		const struct zone *zone;

		for_each_node_zone(zone, pgdat) {
			unsigned long nr_buddy_pages = 0, nr_pcp_pages;

			ret = check_free_lists(&c, zone, &nr_buddy_pages);
			if (!ret)
				ret = check_pcp_lists(&c, zone, &nr_pcp_pages);
			if (ret)
				return ret;
			ret = check_zone_pages(&c, zone, nr_buddy_pages,
					       nr_pcp_pages);
			if (ret)
				return ret;
		}
		ret = check_lru(&c, pgdat, &nr_lru_heads);
		if (ret)
			return ret;
	}
	for (pfn = 0; pfn < sim->max_pfn; pfn++)
		lru_states += sim->pages.state[pfn] == PS_LRU;
	if (lru_states != nr_lru_heads)
		return fail(&c, "%lu pages are PS_LRU, LRU lists hold %lu",
			    lru_states, nr_lru_heads);
	ret = check_outside(&c);
	if (ret)
		return ret;
	for (nid = 0; nid < sim->nr_nodes; nid++) {
		unsigned long want = workingset_count_nodes(sim, nid);
		unsigned long got =
			node_page_state(&sim->node_data[nid], WORKINGSET_NODES);

		if (got != want)
			return fail(
				&c,
				"node %d: workingset_nodes %lu, the file regions have %lu shadow-only nodes",
				nid, got, want);
	}
	ret = check_slab(&c);
	if (ret)
		return ret;
	return check_owners(&c);
}
