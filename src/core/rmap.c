// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/rmap.c as reclaim uses it: folio_referenced() reads and clears the
 * accessed ("young") bit of the PTE that maps a folio, try_to_unmap()
 * takes that PTE down. Every region maps a page at most once (one VMA, one
 * PTE), so the reverse map of a folio is page_frames.owner, and the young
 * bit lives beside the folio's flags (PG_young) rather than in the PTE.
 *
 * Invariant: PG_mapped is set exactly while a PTE_PRESENT entry of a
 * region maps the folio, and the folio is then counted in nr_anon_pages
 * (anon) or nr_mapped (file).
 */
#include "vmscan.h"

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"
#include "mm_inline.h"
#include "sched.h"
#include "swap.h"

/*
 * mm/rmap.c: folio_referenced()
 * Quick test_and_clear_referenced for all mappings of a folio.
 * Returns the number of mappings which referenced the folio (each VMA
 * counts once: here 0 or 1), and ORs the VMA's flags into *vm_flags:
 * VM_LOCKED for an mlocked folio, which stops the walk; -1 for an anon
 * folio of a task in exit_mmap().
 * Differs: no rmap lock contention, no VM_EXEC mappings.
 */
int folio_referenced(struct sim *sim, unsigned long pfn,
		     unsigned long *vm_flags)
{
	struct page_frames *pf = &sim->pages;
	int referenced = 0;

	*vm_flags = 0;
	if (!PageFlag(pf, pfn, PG_mapped))
		return 0;

	if (PageFlag(pf, pfn, PG_mlocked)) {
		/* folio_referenced_one(): a VM_LOCKED vma ends the walk */
		*vm_flags |= VM_LOCKED;
		return 1;
	}

	/*
	 * folio_referenced_one(): an anon folio whose only mapping is a dying
	 * task's (mm_users 0: exit_mmap() is at work) would be written to
	 * swap just before the exit frees it; the walk answers -1 and leaves
	 * the young bit, so reclaim keeps the folio (nr_ref_keep).
	 */
	if (folio_test_anon(sim, pfn) && folio_test_swapbacked(sim, pfn)) {
		const struct region *r = folio_region_of(sim, pfn);
		const struct task *p = r ? task_of(sim, r->task) : NULL;

		if (p && p->mm_exiting)
			return -1;
	}

	/* ptep_clear_flush_young_notify() */
	if (PageFlag(pf, pfn, PG_young)) {
		ClearPageFlag(pf, pfn, PG_young);
		referenced++;
	}
	return referenced;
}

/*
 * mm/rmap.c: try_to_unmap(), through try_to_unmap_one(): the region's
 * PTEs let go of the folio, so reclaim can free it. An anon folio must be in the swap cache: its PTE becomes the
 * swap entry (swap_duplicate() takes the PTE's reference on the slot)
 * and the folio no longer has an owner, the swap cache keeping it.
 * A file folio stays in the page cache, which the region's slot also is,
 * so only the mapping goes. A PTE young bit is lost with the PTE.
 * Returns true if the folio is no longer mapped.
 */
bool try_to_unmap(struct sim *sim, unsigned long pfn)
{
	struct page_frames *pf = &sim->pages;
	struct pglist_data *pgdat = pfn_to_zone(sim, pfn)->zone_pgdat;
	long nr = (long)folio_nr_pages(sim, pfn);
	long i;

	if (!PageFlag(pf, pfn, PG_mapped))
		return true;
	if (PageFlag(pf, pfn, PG_mlocked))
		return false; /* TTU never unmaps a VM_LOCKED vma */

	if (!PageFlag(pf, pfn, PG_file)) {
		swp_entry_t entry = folio_swap_entry(sim, pfn);

		/* anon: only a folio in the swap cache can be unmapped */
		if (!entry.val)
			return false;
		for (i = 0; i < nr; i++) {
			swp_entry_t e = { entry.val + (unsigned long)i };
			uint64_t *pte =
				folio_pte_of(sim, pfn + (unsigned long)i);

			if (pte)
				*pte = PTE_MK(PTE_SWAP, e.val);
			swap_duplicate(sim, e);
			/* only the swap cache holds it now */
			pf->owner[pfn + (unsigned long)i] = 0;
		}
		/* folio_remove_rmap_ptes() -> __folio_mod_stat() */
		mod_node_page_state(pgdat, NR_ANON_MAPPED, -nr);
	} else {
		mod_node_page_state(pgdat, NR_FILE_MAPPED, -nr);
	}
	ClearPageFlag(pf, pfn, PG_mapped);
	ClearPageFlag(pf, pfn, PG_young);
	return true;
}
