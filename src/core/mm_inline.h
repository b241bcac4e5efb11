/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * include/linux/mm_inline.h: which LRU list a folio belongs on, and adding
 * and removing it with the node and zone LRU counters kept in step
 * (update_lru_size()). A folio is its head pfn; its size is 1 << page_order().
 */
#ifndef KSS_CORE_MM_INLINE_H
#define KSS_CORE_MM_INLINE_H

#include "internal.h"

/*
 * include/linux/page-flags.h: folio_test_dirty(), folio_set_dirty(),
 * folio_clear_dirty() and the same three for each flag reclaim reads, so
 * a decision in vmscan.c reads as the kernel's does.
 */
#define FOLIO_FLAG(name, bit)                                       \
	static inline bool folio_test_##name(const struct sim *sim, \
					     unsigned long pfn)     \
	{                                                           \
		return PageFlag(&sim->pages, pfn, bit);             \
	}                                                           \
	static inline void folio_set_##name(struct sim *sim,        \
					    unsigned long pfn)      \
	{                                                           \
		SetPageFlag(&sim->pages, pfn, bit);                 \
	}                                                           \
	static inline void folio_clear_##name(struct sim *sim,      \
					      unsigned long pfn)    \
	{                                                           \
		ClearPageFlag(&sim->pages, pfn, bit);               \
	}

FOLIO_FLAG(referenced, PG_referenced)
FOLIO_FLAG(active, PG_active)
FOLIO_FLAG(dirty, PG_dirty)
FOLIO_FLAG(writeback, PG_writeback)
FOLIO_FLAG(reclaim, PG_reclaim)
FOLIO_FLAG(swapbacked, PG_swapbacked)
FOLIO_FLAG(unevictable, PG_unevictable)
FOLIO_FLAG(mlocked, PG_mlocked)
FOLIO_FLAG(swapcache, PG_swapcache)
FOLIO_FLAG(workingset, PG_workingset)
#undef FOLIO_FLAG

/* folio_mapped(): some PTE maps it (the model keeps this as a flag) */
static inline bool folio_mapped(const struct sim *sim, unsigned long pfn)
{
	return PageFlag(&sim->pages, pfn, PG_mapped);
}

/* folio_test_anon(): not page cache (PG_file is the model's own flag) */
static inline bool folio_test_anon(const struct sim *sim, unsigned long pfn)
{
	return !PageFlag(&sim->pages, pfn, PG_file);
}

/* folio_test_clear_referenced(): the old value, and the flag cleared */
static inline bool folio_test_clear_referenced(struct sim *sim,
					       unsigned long pfn)
{
	bool was = folio_test_referenced(sim, pfn);

	folio_clear_referenced(sim, pfn);
	return was;
}

static inline unsigned long folio_nr_pages(const struct sim *sim,
					   unsigned long pfn)
{
	return 1UL << page_order(&sim->pages, pfn);
}

/* folio_is_file_lru(): page cache and not swap-backed */
static inline bool folio_is_file_lru(const struct sim *sim, unsigned long pfn)
{
	return !PageFlag(&sim->pages, pfn, PG_swapbacked);
}

/* folio_lru_list() */
static inline enum lru_list folio_lru_list(const struct sim *sim,
					   unsigned long pfn)
{
	const struct page_frames *pf = &sim->pages;
	enum lru_list lru;

	if (PageFlag(pf, pfn, PG_unevictable))
		return LRU_UNEVICTABLE;
	lru = folio_is_file_lru(sim, pfn) ? LRU_INACTIVE_FILE :
					    LRU_INACTIVE_ANON;
	if (PageFlag(pf, pfn, PG_active))
		lru += 1; /* LRU_ACTIVE */
	return lru;
}

/* update_lru_size(): node counter and the zone's nr_zone_* mirror */
static inline void update_lru_size(struct sim *sim, unsigned long pfn,
				   enum lru_list lru, long nr_pages)
{
	struct zone *zone = pfn_to_zone(sim, pfn);

	mod_node_page_state(zone->zone_pgdat,
			    (enum node_stat_item)(NR_LRU_BASE + lru), nr_pages);
	mod_zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_LRU_BASE + lru),
			    nr_pages);
}

static inline struct lruvec *folio_lruvec(struct sim *sim, unsigned long pfn)
{
	return &pfn_to_zone(sim, pfn)->zone_pgdat->lruvec;
}

/* lruvec_add_folio(): at the head of its list */
static inline void lruvec_add_folio(struct sim *sim, unsigned long pfn)
{
	enum lru_list lru = folio_lru_list(sim, pfn);

	update_lru_size(sim, pfn, lru, (long)folio_nr_pages(sim, pfn));
	pfn_list_add(&sim->pages, &folio_lruvec(sim, pfn)->lists[lru], pfn);
	sim->pages.state[pfn] = PS_LRU;
	set_page_where(&sim->pages, pfn, lru);
}

/* lruvec_add_folio_tail() */
static inline void lruvec_add_folio_tail(struct sim *sim, unsigned long pfn)
{
	enum lru_list lru = folio_lru_list(sim, pfn);

	update_lru_size(sim, pfn, lru, (long)folio_nr_pages(sim, pfn));
	pfn_list_add_tail(&sim->pages, &folio_lruvec(sim, pfn)->lists[lru],
			  pfn);
	sim->pages.state[pfn] = PS_LRU;
	set_page_where(&sim->pages, pfn, lru);
}

/* lruvec_del_folio(): the list it is on is page_where() */
static inline void lruvec_del_folio(struct sim *sim, unsigned long pfn)
{
	enum lru_list lru = (enum lru_list)page_where(&sim->pages, pfn);

	pfn_list_del(&sim->pages, &folio_lruvec(sim, pfn)->lists[lru], pfn);
	update_lru_size(sim, pfn, lru, -(long)folio_nr_pages(sim, pfn));
}

#endif /* KSS_CORE_MM_INLINE_H */
