// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swapfile.c: one swap device of cfg.swap_pages pages. Slot 0 holds the
 * swap header, so total_swap_pages is swap_pages - 1 (a 4 GiB swap file
 * shows SwapTotal: 4194300 kB). swap_map[] counts, per slot, the PTEs
 * that hold the entry, plus SWAP_HAS_CACHE while a folio for it is in the
 * swap cache; a slot is free when its count is 0, and nr_swap_pages
 * counts the free slots.
 *
 * Slots are handed out from a cursor that moves forward and wraps, as
 * the kernel's cluster allocator does for a rotating disk, so that
 * consecutive swap-outs get consecutive slots. A device marked rotational
 * (cfg.swap_rotational) also changes how swap-in reads ahead
 * (swap_state.c).
 */
#include "swap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sched.h"
#include "writeback.h"

int swap_init(struct sim *sim)
{
	struct swap_info *si = calloc(1, sizeof(*si));
	unsigned long pages = sim->cfg.swap_pages;

	if (!si)
		return -ENOMEM;
	sim->swap = si;
	workingset_init(sim);
	if (pages < 2)
		return 0; /* no swap device (a 1-page one has no slot) */
	si->max = pages;
	si->swap_map = calloc(pages, sizeof(*si->swap_map));
	si->cache = calloc(pages, sizeof(*si->cache));
	si->folio_slot = calloc(sim->max_pfn ? sim->max_pfn : 1,
				sizeof(*si->folio_slot));
	if (!si->swap_map || !si->cache || !si->folio_slot)
		return -ENOMEM;
	si->total_swap_pages = (long)pages - 1;
	si->nr_swap_pages = si->total_swap_pages;
	si->cluster_next = 1;
	si->rotational = sim->cfg.swap_rotational; /* nr_rotate_swap */
	return 0;
}

uint64_t swap_map_bytes(unsigned long slots, unsigned long max_pfn)
{
	const struct swap_info *si = NULL;

	if (slots < 2)
		return 0;
	return (uint64_t)slots * (sizeof(*si->swap_map) + sizeof(*si->cache)) +
	       (uint64_t)max_pfn * sizeof(*si->folio_slot);
}

bool swap_map_missing(const struct sim *sim)
{
	const struct swap_info *si = sim->swap;

	return si && si->max &&
	       (!si->swap_map || !si->cache || !si->folio_slot);
}

void swap_exit(struct sim *sim)
{
	struct swap_info *si = sim->swap;

	if (!si)
		return;
	free(si->swap_map);
	free(si->cache);
	free(si->folio_slot);
	free(si->ra);
	free(si);
	sim->swap = NULL;
}

unsigned int workingset_bucket_order(const struct sim *sim)
{
	return sim->swap ? sim->swap->bucket_order : 0;
}

void workingset_set_bucket_order(struct sim *sim, unsigned int order)
{
	sim->swap->bucket_order = order;
}

long get_nr_swap_pages(const struct sim *sim)
{
	return sim->swap ? sim->swap->nr_swap_pages : 0;
}

long total_swap_pages(const struct sim *sim)
{
	return sim->swap ? sim->swap->total_swap_pages : 0;
}

/* include/linux/swap.h: vm_swap_full(): nr_swap_pages * 2 < total */
bool vm_swap_full(const struct sim *sim)
{
	return get_nr_swap_pages(sim) * 2 < total_swap_pages(sim);
}

/* Is [slot, slot + nr) free and inside the device? */
static bool slots_free(const struct swap_info *si, unsigned long slot,
		       unsigned long nr)
{
	if (slot + nr > si->max)
		return false;
	for (unsigned long i = 0; i < nr; i++)
		if (si->swap_map[slot + i])
			return false;
	return true;
}

/*
 * mm/swapfile.c: get_swap_pages() for one entry of 1 << order slots:
 * nothing if fewer are free; a large folio needs them contiguous and
 * aligned (CONFIG_THP_SWAP). The slots start with SWAP_HAS_CACHE only.
 */
static swp_entry_t get_swap_pages(struct sim *sim, unsigned int order)
{
	struct swap_info *si = sim->swap;
	unsigned long nr = 1UL << order;
	swp_entry_t entry = { 0 };
	unsigned long slot, tries;

	if (!si || !si->max || si->nr_swap_pages < (long)nr)
		return entry;
	slot = si->cluster_next;
	for (tries = 0; tries < si->max; tries += nr) {
		if (order)
			slot = (slot + nr - 1) & ~(nr - 1);
		if (slot + nr > si->max)
			slot = order ? nr : 1; /* slot 0 is the header */
		if (slots_free(si, slot, nr))
			break;
		slot += nr;
	}
	if (tries >= si->max)
		return entry;
	for (unsigned long i = 0; i < nr; i++)
		si->swap_map[slot + i] = SWAP_HAS_CACHE;
	si->nr_swap_pages -= (long)nr;
	si->cluster_next = slot + nr;
	entry.val = slot;
	return entry;
}

swp_entry_t folio_alloc_swap(struct sim *sim, unsigned long pfn)
{
	return get_swap_pages(sim, page_order(&sim->pages, pfn));
}

/* A slot whose count fell to 0 is free again (swap_entry_range_free()) */
static void swap_slot_put(struct swap_info *si, unsigned long slot)
{
	if (si->swap_map[slot])
		return;
	si->cache[slot] = 0;
	si->nr_swap_pages++;
}

void swap_duplicate(struct sim *sim, swp_entry_t entry)
{
	struct swap_info *si = sim->swap;

	if (!si || !entry.val || entry.val >= si->max)
		return;
	if ((si->swap_map[entry.val] & ~SWAP_HAS_CACHE) < SWAP_MAP_MAX)
		si->swap_map[entry.val]++;
}

void swap_free(struct sim *sim, swp_entry_t entry)
{
	struct swap_info *si = sim->swap;
	uint8_t *map;

	if (!si || !entry.val || entry.val >= si->max)
		return;
	map = &si->swap_map[entry.val];
	if (SIM_WARN_ON_ONCE(sim, !(*map & ~SWAP_HAS_CACHE)))
		return;
	(*map)--;
	swap_slot_put(si, entry.val);
}

/* mm/swapfile.c: put_swap_folio(): the swap cache's reference goes */
void put_swap_folio(struct sim *sim, unsigned long pfn, swp_entry_t entry)
{
	struct swap_info *si = sim->swap;
	unsigned long nr = 1UL << page_order(&sim->pages, pfn);

	if (!si || !entry.val)
		return;
	for (unsigned long i = 0; i < nr && entry.val + i < si->max; i++) {
		si->swap_map[entry.val + i] &= (uint8_t)~SWAP_HAS_CACHE;
		swap_slot_put(si, entry.val + i);
	}
}

/* How many PTEs still hold the folio's slot: folio_swapped() */
static bool folio_swapped(const struct sim *sim, unsigned long pfn,
			  swp_entry_t entry)
{
	const struct swap_info *si = sim->swap;
	unsigned long nr = 1UL << page_order(&sim->pages, pfn);

	for (unsigned long i = 0; i < nr; i++)
		if (si->swap_map[entry.val + i] & ~SWAP_HAS_CACHE)
			return true;
	return false;
}

/*
 * mm/swapfile.c: folio_free_swap(): a swap-cache folio whose slot no PTE
 * holds any more can forget the slot; it is dirty again, as its only
 * copy is now in memory. Not while under writeback.
 */
bool folio_free_swap(struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = folio_swap_entry(sim, pfn);

	if (!entry.val || PageFlag(&sim->pages, pfn, PG_writeback))
		return false;
	if (folio_swapped(sim, pfn, entry))
		return false;
	delete_from_swap_cache(sim, pfn);
	SetPageFlag(&sim->pages, pfn, PG_dirty);
	return true;
}
