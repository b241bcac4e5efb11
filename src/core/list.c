// SPDX-License-Identifier: GPL-2.0-only
/*
 * Doubly linked lists of pfns threaded through page_frames.next/prev, the
 * simulator's struct list_head: buddy free lists and LRU lists. "add" puts a
 * page at the head (list_add), "add_tail" at the tail (list_add_tail), as
 * the kernel's callers choose.
 */
#include "internal.h"

void pfn_list_init(struct pfn_list *list)
{
	list->head = NIL_PFN;
	list->tail = NIL_PFN;
	list->nr = 0;
}

void pfn_list_add(struct page_frames *pf, struct pfn_list *list,
		  unsigned long pfn)
{
	pf->prev[pfn] = NIL_PFN;
	pf->next[pfn] = list->head;
	if (list->head != NIL_PFN)
		pf->prev[list->head] = (uint32_t)pfn;
	else
		list->tail = (uint32_t)pfn;
	list->head = (uint32_t)pfn;
	list->nr++;
}

void pfn_list_add_tail(struct page_frames *pf, struct pfn_list *list,
		       unsigned long pfn)
{
	pf->next[pfn] = NIL_PFN;
	pf->prev[pfn] = list->tail;
	if (list->tail != NIL_PFN)
		pf->next[list->tail] = (uint32_t)pfn;
	else
		list->head = (uint32_t)pfn;
	list->tail = (uint32_t)pfn;
	list->nr++;
}

void pfn_list_del(struct page_frames *pf, struct pfn_list *list,
		  unsigned long pfn)
{
	uint32_t next = pf->next[pfn], prev = pf->prev[pfn];

	if (prev != NIL_PFN)
		pf->next[prev] = next;
	else
		list->head = next;
	if (next != NIL_PFN)
		pf->prev[next] = prev;
	else
		list->tail = prev;
	pf->next[pfn] = NIL_PFN;
	pf->prev[pfn] = NIL_PFN;
	list->nr--;
}
