// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/workingset.c: refault detection on the classic two-list LRU. Each
 * node's lruvec keeps a clock, nonresident_age, that ticks for every
 * eviction and activation. An evicted folio leaves a shadow entry with
 * the clock's value; when it faults back in, the distance the clock moved
 * meanwhile is how much more memory it would have needed to stay. If that
 * fits in the workingset (the active lists, and anon too when swap has
 * room), the folio comes back active: a thrashing working set wins back
 * its place.
 *
 * Shadow layout (pack_shadow()), least significant first: the xarray
 * value tag (xa_mk_value(), so a shadow is never 0), 1 bit workingset,
 * NODES_SHIFT = 10 bits node, then the eviction counter masked to
 * EVICTION_MASK (36 bits). The kernel also packs a 16-bit memcg
 * id after the node; with cgroups collapsed to the root it is always 0
 * and is left out so the shadow fits in a PTE.
 */
#include "swap.h"

#include "mm_inline.h"

#define WORKINGSET_SHIFT 1
#define NODES_SHIFT 10 /* CONFIG_NODES_SHIFT, Debian amd64 */
#define MEM_CGROUP_ID_SHIFT 16
#define BITS_PER_XA_VALUE 63
#define EVICTION_SHIFT                                               \
	((64 - BITS_PER_XA_VALUE) + WORKINGSET_SHIFT + NODES_SHIFT + \
	 MEM_CGROUP_ID_SHIFT)
#define EVICTION_MASK (~0UL >> EVICTION_SHIFT)

_Static_assert(EVICTION_SHIFT == 28, "36 bits of eviction counter");

/*
 * mm/workingset.c: workingset_init(): buckets only when the counter's 36
 * bits cannot span all of memory: max_order = fls_long(totalram - 1),
 * bucket_order = max_order > 36 ? max_order - 36 : 0 (0 below 256 TiB).
 */
void workingset_init(struct sim *sim)
{
	unsigned int timestamp_bits = 64 - EVICTION_SHIFT;
	unsigned long totalram = totalram_pages(sim);
	unsigned int max_order = 0;

	for (unsigned long x = totalram ? totalram - 1 : 0; x; x >>= 1)
		max_order++;
	workingset_set_bucket_order(sim, max_order > timestamp_bits ?
						 max_order - timestamp_bits :
						 0);
}

static uint64_t pack_shadow(int nid, unsigned long eviction, bool workingset)
{
	uint64_t shadow = eviction & EVICTION_MASK;

	shadow = (shadow << NODES_SHIFT) | (uint64_t)nid;
	shadow = (shadow << WORKINGSET_SHIFT) | workingset;
	return (shadow << 1) | 1; /* xa_mk_value(): never 0 */
}

static void unpack_shadow(uint64_t shadow, int *nid, unsigned long *eviction,
			  bool *workingset)
{
	shadow >>= 1; /* xa_to_value() */
	*workingset = shadow & ((1U << WORKINGSET_SHIFT) - 1);
	shadow >>= WORKINGSET_SHIFT;
	*nid = (int)(shadow & ((1U << NODES_SHIFT) - 1));
	shadow >>= NODES_SHIFT;
	*eviction = (unsigned long)shadow;
}

/* mm/workingset.c: workingset_age_nonresident() (no parent lruvecs) */
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr)
{
	lruvec->nonresident_age += nr;
}

/*
 * mm/workingset.c: workingset_eviction(): the clock is read before it
 * ticks for this folio. The folio is off the LRU and about to be freed.
 */
uint64_t workingset_eviction(struct sim *sim, unsigned long pfn)
{
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	struct lruvec *lruvec = &pgdat->lruvec;
	unsigned long eviction;

	eviction = lruvec->nonresident_age >> workingset_bucket_order(sim);
	workingset_age_nonresident(lruvec, folio_nr_pages(sim, pfn));
	return pack_shadow(pgdat->node_id, eviction,
			   PageFlag(&sim->pages, pfn, PG_workingset));
}

static unsigned long lruvec_page_state(const struct pglist_data *pgdat,
				       enum node_stat_item item)
{
	long x = pgdat->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

/*
 * mm/workingset.c: workingset_test_recent(). Example: evicted at clock
 * 1000, refaulting at 1600: distance 600; a file folio with 500 active
 * file pages and no swap is not recent (600 > 500), with 700 it is.
 */
bool workingset_test_recent(struct sim *sim, uint64_t shadow, bool file,
			    bool *workingset)
{
	struct pglist_data *pgdat;
	unsigned long eviction, refault, distance, workingset_size;
	int nid;

	unpack_shadow(shadow, &nid, &eviction, workingset);
	if (nid >= sim->nr_nodes)
		return false;
	eviction <<= workingset_bucket_order(sim);
	pgdat = &sim->node_data[nid];
	refault = pgdat->lruvec.nonresident_age;
	/* the pages that came in since it left, modulo the shadow's bits */
	distance = (refault - eviction) & EVICTION_MASK;

	workingset_size = lruvec_page_state(pgdat, NR_ACTIVE_FILE);
	if (!file)
		workingset_size += lruvec_page_state(pgdat, NR_INACTIVE_FILE);
	if (get_nr_swap_pages(sim) > 0) {
		workingset_size += lruvec_page_state(pgdat, NR_ACTIVE_ANON);
		if (file)
			workingset_size +=
				lruvec_page_state(pgdat, NR_INACTIVE_ANON);
	}
	return distance <= workingset_size;
}

/*
 * mm/workingset.c: workingset_refault(): called for a folio being added
 * back to the page cache or swap cache, before it goes on an LRU list.
 */
void workingset_refault(struct sim *sim, unsigned long pfn, uint64_t shadow)
{
	bool file = folio_is_file_lru(sim, pfn);
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	struct lruvec *lruvec = &pgdat->lruvec;
	long nr = (long)folio_nr_pages(sim, pfn);
	bool workingset;

	mod_node_page_state(pgdat, WORKINGSET_REFAULT_ANON + file, nr);
	if (!workingset_test_recent(sim, shadow, file, &workingset))
		return;
	SetPageFlag(&sim->pages, pfn, PG_active);
	workingset_age_nonresident(lruvec, (unsigned long)nr);
	mod_node_page_state(pgdat, WORKINGSET_ACTIVATE_ANON + file, nr);
	if (workingset) {
		SetPageFlag(&sim->pages, pfn, PG_workingset);
		lru_note_cost_refault(sim, pfn);
		mod_node_page_state(pgdat, WORKINGSET_RESTORE_ANON + file, nr);
	}
}

/* mm/workingset.c: workingset_activation() */
void workingset_activation(struct sim *sim, unsigned long pfn)
{
	workingset_age_nonresident(folio_lruvec(sim, pfn),
				   folio_nr_pages(sim, pfn));
}

/* {====== shadow nodes */

/* include/linux/xarray.h: XA_CHUNK_SHIFT, 6 without CONFIG_BASE_SMALL */
#define XA_CHUNK_SIZE 64UL

/*
 * Would the xarray leaf node of idx's block of XA_CHUNK_SIZE indices hold
 * shadow entries only, with pte at idx? Such a node is what
 * workingset_update_node() puts on the shadow_nodes list.
 */
static bool shadow_node_listed(const struct region *r, unsigned long idx,
			       uint64_t pte)
{
	unsigned long start = idx & ~(XA_CHUNK_SIZE - 1);
	unsigned long end = start + XA_CHUNK_SIZE < r->nr_pages ?
				    start + XA_CHUNK_SIZE :
				    r->nr_pages;
	bool shadows = false;

	for (unsigned long i = start; i < end; i++) {
		uint64_t e = i == idx ? pte : r->pte[i];

		if (PTE_TAG(e) == PTE_PRESENT)
			return false;
		shadows |= PTE_TAG(e) == PTE_SHADOW;
	}
	return shadows;
}

void workingset_update_node(struct sim *sim, struct region *r,
			    unsigned long idx, uint64_t pte)
{
	bool was, is;

	if (r->kind != SIM_KIND_FILE || !r->pte)
		return;
	was = shadow_node_listed(r, idx, r->pte[idx]);
	is = shadow_node_listed(r, idx, pte);
	if (was == is)
		return;
	if (is)
		r->shadow_nodes++;
	else
		r->shadow_nodes--;
	mod_node_page_state(&sim->node_data[r->nid], WORKINGSET_NODES,
			    is ? 1 : -1);
}

void workingset_forget_region(struct sim *sim, struct region *r)
{
	mod_node_page_state(&sim->node_data[r->nid], WORKINGSET_NODES,
			    -(long)r->shadow_nodes);
	r->shadow_nodes = 0;
}

unsigned long workingset_count_nodes(const struct sim *sim, int nid)
{
	unsigned long n = 0;

	for (unsigned int id = 1; id < sim->nr_regions; id++) {
		const struct region *r = &sim->regions[id];

		if (r->freed || r->kind != SIM_KIND_FILE || !r->pte ||
		    r->nid != nid)
			continue;
		for (unsigned long i = 0; i < r->nr_pages; i += XA_CHUNK_SIZE)
			n += shadow_node_listed(r, i, r->pte[i]);
	}
	return n;
}

/* }====== */
