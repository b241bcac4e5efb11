// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/exit.c: do_exit() as a task the OOM killer ended runs it, on its
 * own stack. exit_mm() drops the task's hold on its address space; its
 * mm_users reaches 0 and mmput() runs exit_mmap() (mm/mmap.c), which takes
 * the page tables down with unmap_vmas(): every page it maps goes back to
 * the allocator, every swap entry gives back its slot.
 *
 * That is work on the dying task's CPU, and it takes time: a 1 GiB eater
 * on an emulated CPU needs a third of a second (anon-oom-1g). Meanwhile
 * kswapd, unless it has given up on the node (kswapd_failures) and
 * sleeps, goes on with its pass and finds the victim's pages still on
 * the LRU lists: folio_referenced() tells it to keep them (rmap.c),
 * since the exit is about to free them anyway. The kernel's OOM reaper, which would take the memory down from
 * outside if the victim were stuck, waits two seconds
 * (mm/oom_kill.c: OOM_REAPER_DELAY) and is not modelled: a victim here
 * always reaches its exit.
 */
#include "internal.h"

#include "sched.h"

/*
 * zap_pmd_range() reschedules after each page table it empties: 512
 * PTEs on x86-64 (PTRS_PER_PTE).
 */
#define PTRS_PER_PTE 512

/*
 * mm/mmap.c: exit_mmap(): every region of the task, in turn, a page table
 * at a time. Each present page costs what reclaim's free of a page does
 * (COST_FREE: the PTE, the rmap, the free to the per-cpu list; the
 * allocator charges the merge of what overflows it); a swap entry costs
 * nothing here, no guest having timed one. The task may be preempted
 * between page tables, as cond_resched() allows.
 */
static void exit_mmap(struct sim *sim, struct task *p)
{
	for (unsigned int id = 1; id < sim->nr_regions; id++) {
		unsigned long start, end, nr_pages = sim->regions[id].nr_pages;

		if (sim->regions[id].freed || sim->regions[id].task != p->id)
			continue;
		for (start = 0; start < nr_pages; start = end) {
			/* others may have grown the array while we slept */
			struct region *r = &sim->regions[id];

			if (r->freed) /* Lua freed it meanwhile */
				break;
			end = start + PTRS_PER_PTE < nr_pages ?
				      start + PTRS_PER_PTE :
				      nr_pages;
			charge_cost(sim, COST_FREE,
				    unmap_page_range(sim, r, start, end));
			cond_resched(sim);
		}
		/* what is left: shadow entries, buffers, the page cache tree */
		if (!sim->regions[id].freed)
			sim_free(sim, id);
	}
}

void do_exit(struct sim *sim, struct task *p)
{
	/*
	 * The killed task leaves the kernel for user space, a point where
	 * it may be preempted (exit_to_user_mode_loop()), and meets its
	 * SIGKILL there (get_signal() -> do_group_exit()); until exit_mm(),
	 * reclaim still sees its mm as live.
	 */
	cond_resched(sim);
	/* exit_mm() -> mmput(): the last user of the mm is gone */
	p->mm_exiting = true;
	exit_mmap(sim, p);
}
