// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/oom_kill.c: when the allocator's slow path has run out of retries,
 * out_of_memory() picks the task with the highest oom_badness() (resident
 * pages plus swap entries, shifted by oom_score_adj in thousandths of the
 * machine), logs as the kernel does and kills it; its memory goes back as
 * it exits (exit.c), or at once for a task Lua drives. printk() keeps the
 * kernel log in a ring the UI and Lua read (sim_dmesg()).
 */
#include "vmscan.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfp.h"
#include "internal.h"
#include "sched.h"
#include "swap.h"

#define OOM_SCORE_ADJ_MIN (-1000) /* include/uapi/linux/oom.h */
#define K(x) ((x) << (PAGE_SHIFT - 10)) /* mm/internal.h */

/* {====== printk */

/*
 * kernel/printk/printk.c: vprintk_store(): one record, prefixed with the
 * time stamp dmesg shows ("[    1.204000] "); the lines after the first
 * of a multi-line record are indented under the text, as dmesg(1) prints
 * them. The oldest text goes when the ring is full.
 */
void printk(struct sim *sim, const char *fmt, ...)
{
	char text[1024]; /* a record's text: LOG_LINE_MAX is 1024 - 32 */
	char line[2048];
	int n, width;
	va_list ap;
	unsigned long long us = sim->now_ns / 1000ULL;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = width = snprintf(line, sizeof(line), "[%5llu.%06llu] ",
			     us / 1000000ULL, us % 1000000ULL);
	for (const char *p = text; *p && (size_t)(n + width) + 2 < sizeof(line);
	     p++) {
		line[n++] = *p;
		if (*p == '\n' && p[1]) { /* a continuation line */
			memset(line + n, ' ', (size_t)width);
			n += width;
		}
	}
	if (line[n - 1] != '\n')
		line[n++] = '\n';
	line[n] = '\0';
	if ((size_t)n > sizeof(sim->log_buf))
		return;
	if (sim->log_len + (size_t)n > sizeof(sim->log_buf)) {
		size_t drop = sim->log_len + (size_t)n - sizeof(sim->log_buf);
		char *nl =
			memchr(sim->log_buf + drop, '\n', sim->log_len - drop);

		drop = nl ? (size_t)(nl - sim->log_buf) + 1 : sim->log_len;
		memmove(sim->log_buf, sim->log_buf + drop, sim->log_len - drop);
		sim->log_len -= drop;
	}
	memcpy(sim->log_buf + sim->log_len, line, (size_t)n);
	sim->log_len += (size_t)n;
}

/*
 * lib/ratelimit.c: ___ratelimit(): true if this message may print; the
 * first call after an interval reports how many were suppressed.
 */
bool __ratelimit(struct sim *sim, struct ratelimit_state *rs, const char *func)
{
	unsigned long now = jiffies_of(sim);

	if (!rs->interval)
		return true;
	if (!rs->started) {
		rs->started = true;
		rs->begin = now;
	}
	if (rs->begin + rs->interval < now) { /* time_is_before_jiffies() */
		if (rs->missed) {
			printk(sim, "%s: %d callbacks suppressed\n", func,
			       rs->missed);
			rs->missed = 0;
		}
		rs->begin = now;
		rs->printed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}

/* "0", or "0-1": the online nodes as %*pbl prints a nodemask */
void nodelist_str(const struct sim *sim, char *buf, size_t len)
{
	if (sim->nr_nodes > 1)
		snprintf(buf, len, "0-%d", sim->nr_nodes - 1);
	else
		snprintf(buf, len, "0");
}

char *sim_dmesg(const struct sim *sim)
{
	char *s = malloc(sim->log_len + 1);

	if (!s)
		return NULL;
	memcpy(s, sim->log_buf, sim->log_len);
	s[sim->log_len] = '\0';
	return s;
}

/* }====== */

/* {====== the task's mm, counted from its regions */

/* include/linux/mm.h: the MM_* counters get_mm_counter() reads */
struct mm_counters {
	unsigned long total_vm;
	unsigned long anon; /* MM_ANONPAGES */
	unsigned long file; /* MM_FILEPAGES */
	unsigned long shmem; /* MM_SHMEMPAGES: none in this model */
	unsigned long swapents; /* MM_SWAPENTS */
	bool has_mm;
};

static void task_mm_counters(struct sim *sim, int task, struct mm_counters *mm)
{
	unsigned int id;
	unsigned long i;

	memset(mm, 0, sizeof(*mm));
	for (id = 1; id < sim->nr_regions; id++) {
		const struct region *r = &sim->regions[id];

		if (r->freed || r->task != task || r->kind == SIM_KIND_KERNEL)
			continue;
		mm->has_mm = true;
		mm->total_vm += r->nr_pages;
		for (i = 0; i < r->nr_pages; i++) {
			uint64_t pte = r->pte[i];

			if (PTE_TAG(pte) == PTE_SWAP)
				mm->swapents++;
			if (PTE_TAG(pte) != PTE_PRESENT)
				continue;
			if (r->kind == SIM_KIND_ANON)
				mm->anon++;
			else
				mm->file++;
		}
	}
}

/* include/linux/mm.h: get_mm_rss() */
static unsigned long get_mm_rss(const struct mm_counters *mm)
{
	return mm->anon + mm->file + mm->shmem;
}

/* mm/oom_kill.c: oom_unkillable_task(): global init or a kernel thread */
static bool oom_unkillable_task(const struct task *p)
{
	return p->pid == 1 || (p->flags & PF_KTHREAD);
}

/* }====== */

/* {====== badness */

/*
 * mm/oom_kill.c: oom_badness()
 * The heuristic for determining which task to kill is made to be as simple
 * and predictable as possible.  The goal is to return the highest value for
 * the task consuming the most memory to avoid subsequent oom failures.
 * Worked example: 1,000,000 pages of RAM and swap, a task with 200,000
 * resident pages and oom_score_adj 500: 200000 + 500 * (1000000 / 1000)
 * = 700000.
 * Differs: page tables are not modelled (mm_pgtables_bytes() is 0).
 */
long oom_badness(struct sim *sim, int task, unsigned long totalpages)
{
	const struct task *p = task_of(sim, task);
	struct mm_counters mm;
	long points;
	long adj;

	if (!p || p->state == TASK_DEAD || oom_unkillable_task(p))
		return LONG_MIN;

	task_mm_counters(sim, task, &mm);
	if (!mm.has_mm)
		return LONG_MIN; /* find_lock_task_mm() found no mm */

	/*
	 * mm/oom_kill.c: oom_badness(): a task whose oom_score_adj is -1000
	 * is never a candidate; the model has no reaped or vfork-ing
	 * tasks, so this is the only exemption.
	 */
	adj = (long)p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN)
		return LONG_MIN;

	/*
	 * Score = pages the task would give back if killed: resident plus
	 * swapped out (the model keeps no page tables to add).
	 */
	points = (long)(get_mm_rss(&mm) + mm.swapents);

	/* oom_score_adj counts thousandths of all RAM plus swap */
	adj *= (long)(totalpages / 1000);
	points += adj;

	return points;
}

/*
 * mm/oom_kill.c: oom_evaluate_task() over for_each_process(), i.e.
 * select_bad_process(). Ties go to the later task; a live victim of an
 * earlier kill aborts the scan (oc->chosen = -1).
 */
static void select_bad_process(struct sim *sim, struct oom_control *oc)
{
	int id;

	oc->chosen = 0;
	oc->chosen_points = LONG_MIN;
	for (id = 1; id < nr_task_ids(sim); id++) {
		const struct task *p = task_of(sim, id);
		long points;

		if (!p || p->state == TASK_DEAD || oom_unkillable_task(p))
			continue;

		/*
		 * This task already has access to memory reserves and is being
		 * killed. Don't allow any other task to have access to the
		 * reserves unless the task has MMF_OOM_SKIP because chances
		 * that it would release any memory is quite low.
		 */
		if (p->oom_victim) {
			oc->chosen = -1;
			return;
		}

		points = oom_badness(sim, id, oc->totalpages);
		if (points == LONG_MIN || points < oc->chosen_points)
			continue;

		oc->chosen = id;
		oc->chosen_points = points;
	}
}

/* }====== */

/* {====== the kill */

/* mm/oom_kill.c: dump_task() / dump_tasks() */
static void dump_tasks(struct sim *sim)
{
	int id;

	printk(sim, "Tasks state (memory values in pages):\n");
	printk(sim,
	       "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n");
	for (id = 1; id < nr_task_ids(sim); id++) {
		const struct task *p = task_of(sim, id);
		struct mm_counters mm;

		if (!p || p->state == TASK_DEAD || oom_unkillable_task(p))
			continue;
		task_mm_counters(sim, id, &mm);
		if (!mm.has_mm)
			continue;
		printk(sim,
		       "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8ld %8lu         %5hd %s\n",
		       p->pid, 0, p->pid, mm.total_vm, get_mm_rss(&mm), mm.anon,
		       mm.file, mm.shmem, 0L, mm.swapents, p->oom_score_adj,
		       p->comm);
	}
}

/*
 * mm/oom_kill.c: dump_header()
 * Differs: no stack dump (dump_stack()).
 */
static void dump_header(struct sim *sim, struct oom_control *oc)
{
	const struct task *cur = current_task(sim);
	char gfp[256];

	printk(sim,
	       "%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd\n",
	       cur ? cur->comm : "swapper/0", oc->gfp_mask,
	       sim_gfp_name(oc->gfp_mask, gfp, sizeof(gfp)), oc->order,
	       (short)(cur ? cur->oom_score_adj : 0));
	__show_mem(sim, gfp_zone(oc->gfp_mask));
	dump_tasks(sim);
}

/*
 * mm/oom_kill.c: __oom_kill_process()
 * oom_kill is counted before the kill; the memory goes back as the victim
 * exits.
 */
static void __oom_kill_process(struct sim *sim, int victim, const char *message)
{
	struct task *p = task_of(sim, victim);
	struct mm_counters mm;
	unsigned int id;

	task_mm_counters(sim, victim, &mm);
	count_vm_events(sim, OOM_KILL, 1);
	p->oom_victim = true; /* mark_oom_victim() */
	printk(sim,
	       "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, p->pid, p->comm, K(mm.total_vm), K(mm.anon), K(mm.file),
	       K(mm.shmem), 0u, 0UL, p->oom_score_adj);

	/*
	 * A task on its own stack frees its memory itself, as it exits
	 * (exit.c); one Lua drives has no exit to run, and gives it back now.
	 */
	if (!p->coro)
		for (id = 1; id < sim->nr_regions; id++) {
			const struct region *r = &sim->regions[id];

			if (!r->freed && r->task == victim)
				sim_free(sim, id);
		}
	task_kill(sim, victim);
}

/* mm/oom_kill.c: oom_kill_process() and dump_oom_victim() */
static void oom_kill_process(struct sim *sim, struct oom_control *oc,
			     const char *message)
{
	const struct task *victim = task_of(sim, oc->chosen);
	char mems[16];

	dump_header(sim, oc);
	/* the report is written out before the kill, on this task's CPU */
	charge_cost(sim, COST_OOM_REPORT, 1);
	nodelist_str(sim, mems, sizeof(mems));
	/* the "oom-kill:" line a user greps dmesg for */
	printk(sim,
	       "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=%s,global_oom,task_memcg=/,task=%s,pid=%d,uid=%d\n",
	       mems, victim->comm, victim->pid, 0);
	__oom_kill_process(sim, oc->chosen, message);
}

/*
 * mm/oom_kill.c: out_of_memory()
 * Kill the task that uses the most memory, weighted by oom_score_adj.
 * Returns true if it killed (or found a kill already in flight), i.e. the
 * allocator may retry.
 * Differs: no notifier chain, no panic_on_oom, no cpuset or mempolicy
 * constraint (CONSTRAINT_NONE), no memcg.
 */
bool out_of_memory(struct sim *sim, struct oom_control *oc)
{
	const struct task *cur = current_task(sim);

	/*
	 * mm/oom_kill.c: out_of_memory(): a task already chosen as victim
	 * is dying; killing another would free nothing sooner, so the
	 * allocation is let through for the victim to exit.
	 */
	if (cur && cur->oom_victim)
		return true;

	/*
	 * Without __GFP_FS reclaim could not write dirty file pages, so
	 * failing it says little about memory being gone: no kill, the
	 * caller retries (no memcg in the model to make an exception).
	 */
	if (!(oc->gfp_mask & __GFP_FS))
		return true;

	/* constrained_alloc(): CONSTRAINT_NONE */
	oc->totalpages =
		totalram_pages(sim) + (unsigned long)total_swap_pages(sim);

	select_bad_process(sim, oc);
	/* Found nothing?!?! */
	if (!oc->chosen) {
		dump_header(sim, oc);
		printk(sim, "Out of memory and no killable processes...\n");
		/*
		 * Nothing left to kill: the allocator would loop for
		 * ever; the model prints the kernel's panic line and
		 * returns false, so this allocation fails instead.
		 */
		printk(sim,
		       "Kernel panic - not syncing: System is deadlocked on memory\n");
		return false;
	}
	if (oc->chosen > 0)
		oom_kill_process(sim, oc, "Out of memory");
	return !!oc->chosen;
}

/* }====== */
