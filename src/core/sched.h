/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated clock, tasks and the scheduler, in the kernel's words:
 * jiffies (HZ = 250) derived from a nanosecond clock, struct task with
 * comm, pid and PF_* flags, wait queues, schedule_timeout(), wake_up(),
 * kthread_run(). Tasks take turns on cfg.nr_cpus simulated CPUs: the CPU
 * furthest behind takes the task EEVDF picks (fair.c; ties: lowest id),
 * so every run is deterministic; exactly one runs at a time. A timeout
 * expires on a tick, as the timer wheel fires.
 *
 * Kernel threads (kswapd<nid>, the flusher, the kworkers of workqueue.c)
 * and tasks running a workload (workload.c) run on their own stacks
 * (step.c), so their direct reclaim can be stepped; a task Lua drives
 * runs on the interpreter's stack, and when it sleeps the scheduler runs
 * everyone else until it is woken or its timeout passes.
 *
 * Cost model: how far the clock moves for the work done. Each running task
 * has a CPU clock; charge_cost() advances it. A thread the scheduler
 * takes the CPU from (fair.c) stops at its next STEP_POINT() or
 * cond_resched(). The figures are those of a reference core (speed 1):
 *
 *   COST_SCAN      100 ns  isolate one page and test its references
 *   COST_FREE       80 ns  unmap, remove from the mapping, free one page
 *                          to the per-cpu lists
 *   COST_BULK_FREE  80 ns  move one page from a per-cpu list back into
 *                          the buddy lists (free_pcppages_bulk(): the
 *                          merge with its buddies, under the zone lock)
 *   COST_ROTATE     20 ns  put one page back on an LRU list
 *   COST_BATCH    6000 ns  the fixed work of one shrink_inactive_list():
 *                          draining the per-cpu LRU caches, the LRU lock
 *                          twice, the TLB flush, the batched free
 *   COST_IO_SUBMIT 2050 ns build and submit one page of swap IO (a bio each)
 *   COST_WRITEPAGE  500 ns the flusher's writeback of one page-cache page
 *                          (ext4_writepages() puts many in one bio)
 *   COST_FAULT     1000 ns a minor fault; a major fault adds the read
 *                          (blk.c: latency + one transfer per page)
 *   COST_ALLOC     100 ns  take one page off the buddy lists
 *   COST_TOUCH      50 ns  a task touching one of its pages
 *   COST_COPY     1000 ns  clear or copy one 4 KiB page, out of the cache
 *                          (__GFP_ZERO; read() and write() of a file page)
 *   COST_READ_FOLIO 600 ns the read path's own work for one folio it
 *                          reads in: page cache and LRU insertion, the
 *                          filesystem's block lookup, the end of the read
 *   COST_WRITE_FOLIO 750 ns the write path's own work for one folio a
 *                          write() creates: page cache and LRU insertion,
 *                          the filesystem's delayed block reservation and
 *                          buffer heads (write_begin), the dirtying of
 *                          folio and inode (write_end)
 *   COST_SHRINK_NODE 1750 ns the fixed work of one shrink_node() pass,
 *                          whatever it scans: shrink_slab()'s walk of
 *                          the shrinkers, get_scan_count(), vmpressure()
 *   COST_OOM_REPORT 1 ms   the OOM killer's report (dump_header(): the
 *                          call trace, show_mem(), dump_tasks()), which
 *                          the allocating task writes before the kill
 *
 * The reclaim figures are a least-squares fit to a traced 6.12 guest's
 * kswapd (anon-swap-1g: 9947 batches of mm_vmscan_lru_shrink_inactive it
 * ran without a switch between), at its speed of 0.205: 0.59 us for a
 * page kept for its references (scan and rotate: 120 ns here), 1.40 us
 * for one freed (290: the scan, the free, and the merge of the pages an
 * overfull per-cpu list gives back), 10.47 us for one written to swap
 * (2150) and 29.5 us for the batch itself (6000). The merge's share is a
 * quiet refault-1g guest's, traced with sched_switch and a kprobe on
 * shrink_node(): the first round of each kswapd cycle, in which its first
 * frees push the rest of cat's refill (about 1750 pages) out of the
 * per-cpu list that reclaim caps at four batches (nr_pcp_high()), takes
 * 0.61 ms of kswapd's CPU, where the model took 0.1 ms before it had
 * the merge: 80 ns a page at the guest's speed of 0.28, taken from the
 * free's figure (190 before), so that kswapd's CPU for a page reclaimed
 * stays the guest's. The read path's figure gives an untraced guest's ratio
 * of a reader's work to reclaim's, from kswapd's CPU time
 * (/proc/PID/schedstat) in refault-1g's passes 2 and 3 (runs 7 and 8): its
 * cat (busybox's: sendfile() to /dev/null, so nothing is copied out) spent
 * 6.4 us a page, reading it in and clearing it, where kswapd spent 1.72 us
 * reclaiming one (3.7 : 1); here 1750 ns (touch 50, allocation 100,
 * clearing 1000, the read 600) against about 480 (a batch of 32, and 1.4
 * pages merged for each page freed). The write path's figure and the
 * writeback's are a dirty-1g guest's, traced with sched_switch and a kprobe
 * on shrink_node() (run 77): once kswapd first woke, every page dd wrote
 * was one reclaim had freed, and dd spent 2.37 s of CPU on them, the
 * flusher's kworkers 0.69 s and kswapd 0.65 s; at the speed that gives
 * kswapd's rounds the guest's CPU time (0.15), the model spent 1.44 s on
 * dd's writes with no figure of their own (touch, allocation and copy:
 * 1150 ns a page), 0.67 s on the writeback (500 a page) and 0.65 s on
 * reclaim. The write path's own work makes up the rest: 750 ns a page.
 * The last two are an anon-oom-1g guest's, at its speed of 0.205: once
 * the swap was full, its eater's direct reclaims found nothing to scan
 * and took 222 us each (the median of 10 traced without a switch: 26
 * passes, the priority loop twice, and as many calls of shrink_slab());
 * the OOM report's 61 lines carry printk times 4.95 ms apart (run 81).
 *
 * A machine's cfg.cpu_speed divides each figure (and the context switch):
 * a replay of a slower machine, such as a guest under software emulation,
 * sets the speed that makes the same work take the guest's time. Such a
 * guest also pays for its first use of each page of RAM, which the
 * emulator allocates then: cfg.first_touch_ns (charge_first_touch()).
 *
 * The block device (blk.c) completes writes asynchronously: each page
 * takes TICK_NSEC / bandwidth on the device, queued behind earlier IO,
 * plus its latency (defaults: 256 pages a tick = 256 MiB/s, 100 us).
 */
#ifndef KSS_CORE_SCHED_H
#define KSS_CORE_SCHED_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

/* {====== time (include/linux/jiffies.h, CONFIG_HZ_250) */

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL
#define TICK_NSEC (NSEC_PER_SEC / HZ) /* 4000000: one jiffy is 4 ms */
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

/* jiffies: whole ticks since boot (the kernel starts at INITIAL_JIFFIES) */
static inline unsigned long jiffies_of(const struct sim *sim)
{
	return (unsigned long)(sim->now_ns / TICK_NSEC);
}

/* include/linux/jiffies.h: jiffies_to_usecs(): 4000 us a jiffy at HZ=250 */
static inline unsigned int jiffies_to_usecs(unsigned long j)
{
	return (unsigned int)(j * (1000000UL / HZ));
}

/* include/linux/jiffies.h: msecs_to_jiffies(), rounding up */
static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return (m + (1000UL / HZ) - 1) / (1000UL / HZ);
}

/* time_after(a, b): a is later than b, wrap-safe */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)

/* }====== */

/* {====== tasks */

#define TASK_COMM_LEN 16 /* include/linux/sched.h */
#define SIM_MAX_TASKS 256

/* include/linux/sched.h: the PF_* values of 6.12 */
#define PF_MEMALLOC 0x00000800
#define PF_USER_WORKER 0x00004000
#define PF_KSWAPD 0x00020000
#define PF_KTHREAD 0x00200000

/* include/linux/sched.h: __state */
enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE,
	TASK_UNINTERRUPTIBLE,
	TASK_DEAD,
};

struct blk_plug;
struct coro;
struct scan_control;

/*
 * include/linux/sched.h: struct sched_entity, what EEVDF keeps of a task
 * (fair.c). Every task has nice 0, so virtual time runs at the speed of
 * real time and one weight serves them all.
 */
struct sched_entity {
	int64_t vruntime; /* its virtual runtime, ns */
	int64_t deadline; /* vruntime at which its request (slice) ends */
	int64_t vlag; /* what it was owed when it slept (entity_lag()) */
	bool sched_delayed; /* asleep, but still on the queue (DELAY_DEQUEUE) */
	uint64_t exec_start; /* when update_curr() last charged it */
};

/* kernel/sched/sched.h: struct cfs_rq, the one run queue of the model */
struct cfs_rq {
	uint64_t slice; /* sysctl_sched_base_slice for this machine's CPUs */
	int64_t min_vruntime; /* where an empty queue's time stands */
	bool protect; /* the running task keeps the CPU to its deadline */
};

struct task {
	int id; /* index in sched->tasks, region->task */
	int pid;
	char comm[TASK_COMM_LEN]; /* "kswapd0", "flusher", "init", ... */
	int nid; /* home node: where its memory comes from */
	short oom_score_adj; /* -1000 .. 1000 */
	enum task_state state;
	unsigned int flags; /* PF_* */
	int cpu; /* the CPU it last ran on */
	struct wait_queue_head *wait; /* what it sleeps on, or NULL */
	uint64_t timeout_ns; /* wake at; UINT64_MAX: no timeout */
	bool woken; /* woken before its timeout */
	bool oom_victim; /* tsk_is_oom_victim() */
	bool mm_exiting; /* exit_mm() ran: its mm_users is 0 (exit.c) */
	struct coro *coro; /* its own stack, or NULL */
	int (*threadfn)(void *data); /* kthread body */
	void *data;
	struct scan_control *sc; /* step_set_sc(): the pass it runs */
	uint64_t sum_exec_runtime; /* ns of CPU it used */
	uint64_t nvcsw; /* voluntary context switches */
	int bound_cpu; /* runs only there (a kworker), or -1 */
	struct sched_entity se;
	struct blk_plug *plug; /* writes it holds back (blk.c), or NULL */
};

/* cost items for charge_cost() */
enum sim_cost {
	COST_SCAN,
	COST_FREE,
	COST_BULK_FREE,
	COST_ROTATE,
	COST_BATCH,
	COST_IO_SUBMIT,
	COST_WRITEPAGE,
	COST_FAULT,
	COST_ALLOC,
	COST_TOUCH,
	COST_COPY,
	COST_READ_FOLIO,
	COST_WRITE_FOLIO,
	COST_SHRINK_NODE,
	COST_OOM_REPORT,
	NR_SIM_COSTS,
};

/* sched.c: boot and teardown, called from sim_create()/sim_destroy() */
int sched_init(struct sim *sim);
void sched_exit(struct sim *sim);
/* start kswapd<nid> on every node and the flusher (mm/vmscan.c: kswapd_init()) */
int sched_start_kthreads(struct sim *sim);

/* The task by id, or NULL if there is none (or it is dead and reaped). */
struct task *task_of(const struct sim *sim, int id);
/* The task running now: a coroutine, or the task Lua acts as. */
struct task *current_task(const struct sim *sim);
/*
 * Whether the running task may sleep in a wait loop: there is a task, and
 * the OOM killer has not ended it while Lua drove it (it cannot sleep, no
 * time would pass, and the loop would spin: its IO goes on at once).
 */
bool current_may_sleep(const struct sim *sim);
int current_id(const struct sim *sim);
/* Number of task slots handed out (ids 1 .. nr - 1). */
int nr_task_ids(const struct sim *sim);

/*
 * include/linux/kthread.h: kthread_run(): create a kernel thread that
 * runs threadfn(data) on its own stack, PF_KTHREAD set; runnable at once.
 * Returns its id, or a negative errno.
 */
int kthread_run(struct sim *sim, int (*threadfn)(void *data), void *data,
		int nid, const char *comm);
/* A user task (no stack of its own: Lua drives it). Returns id or -errno. */
int task_create(struct sim *sim, const char *comm, int nid, int oom_score_adj);
/*
 * mm/oom_kill.c: __oom_kill_process() ends a task: it never runs again.
 * A task on its own stack exits at its next check (do_exit()), one Lua
 * drives at once.
 */
void task_kill(struct sim *sim, int id);
/*
 * exit.c: kernel/exit.c: do_exit() as a killed task on its own stack
 * runs it: its regions are taken down a page table at a time, at the
 * cost of the work, and then freed.
 */
void do_exit(struct sim *sim, struct task *p);

/* include/linux/wait.h */
void init_waitqueue_head(struct wait_queue_head *wq);
static inline bool waitqueue_active(const struct wait_queue_head *wq)
{
	return wq->nr_waiters > 0;
}
/* kernel/sched/wait.c: prepare_to_wait(): current sleeps on wq from now */
void prepare_to_wait(struct sim *sim, struct wait_queue_head *wq,
		     enum task_state state);
/* kernel/sched/wait.c: finish_wait(): current is off wq and running */
void finish_wait(struct sim *sim, struct wait_queue_head *wq);
/* wake_up_interruptible()/wake_up_all(): every task sleeping on wq */
void wake_up(struct sim *sim, struct wait_queue_head *wq);
#define wake_up_interruptible(sim, wq) wake_up(sim, wq)
#define wake_up_all(sim, wq) wake_up(sim, wq)
/* kernel/sched/core.c: wake_up_process() */
bool wake_up_process(struct sim *sim, struct task *p);

/*
 * kernel/time/sleep_timeout.c: schedule_timeout(): sleep until woken or
 * timeout jiffies pass; returns the jiffies left (0 on timeout). The
 * state was set by prepare_to_wait() or set_current_state(); a task still
 * TASK_RUNNING just yields. MAX_SCHEDULE_TIMEOUT sleeps until woken.
 */
long schedule_timeout(struct sim *sim, long timeout);
/* schedule_timeout_uninterruptible()/_interruptible(): set the state first */
/*
 * kernel/time/sleep_timeout.c: schedule_hrtimeout(): sleep until the
 * clock reads until_ns (a high-resolution timer: not on a tick) or until
 * woken. Returns 0 when the time came, -EINTR when woken before it.
 */
int schedule_hrtimeout(struct sim *sim, uint64_t until_ns);
long schedule_timeout_uninterruptible(struct sim *sim, long timeout);
long schedule_timeout_interruptible(struct sim *sim, long timeout);
void set_current_state(struct sim *sim, enum task_state state);
/* kernel/sched/core.c: __cond_resched(): let others run if the slice is used */
void cond_resched(struct sim *sim);

/* Advance the running task's clock by nr items of work (cost model above). */
void charge_cost(struct sim *sim, enum sim_cost what, unsigned long nr);
/* Advance the running task's clock by ns of work. */
void charge_ns(struct sim *sim, uint64_t ns);
/* ... by work that takes ref_ns on the reference core (cfg.cpu_speed) */
void charge_ref_ns(struct sim *sim, uint64_t ref_ns);
/* a block's first use since boot: cfg.first_touch_ns a fresh frame */
void charge_first_touch(struct sim *sim, unsigned long pfn, unsigned int order);
/* nanoseconds one item of what costs on this machine (cfg.cpu_speed) */
uint64_t cost_ns(const struct sim *sim, enum sim_cost what);

/*
 * A timer callback at time at_ns (blk.c's IO completions, the flusher's
 * periodic wakeup). Callbacks run from the scheduler, on its own stack,
 * before any task whose clock has passed at_ns resumes.
 */
void sched_poll_events(struct sim *sim, uint64_t upto_ns);
/* an event (an IO completion) now due at at_ns: the scheduler looks then */
void sched_timer_added(struct sim *sim, uint64_t at_ns);

/* Is a tick being run (threads on their CPUs' clocks)? */
bool sched_in_tick(const struct sim *sim);
/* A task that just got a stack (a workload) is runnable from now. */
void sched_make_runnable(struct sim *sim, struct task *p);
/* workload.c: a workload's thread returned */
void workload_exit(struct sim *sim, struct task *p);

/* fair.c: EEVDF (kernel/sched/fair.c) for tasks of nice 0 */
struct cfs_rq *task_cfs_rq(const struct sim *sim);
/* on the queue: runnable, with a stack of its own to run on */
static inline bool entity_on_rq(const struct task *p)
{
	return p->state == TASK_RUNNING && p->coro;
}

/* counted in V: on the queue, or asleep on it owing time (DELAY_DEQUEUE) */
static inline bool entity_queued(const struct task *p)
{
	return entity_on_rq(p) || p->se.sched_delayed;
}
void sched_fair_init(struct cfs_rq *cfs_rq, int nr_cpus);
int64_t avg_vruntime(const struct sim *sim);
bool entity_eligible(const struct sim *sim, const struct task *p);
/* a's request ends first (ties: the lower id) */
bool entity_before(const struct task *a, const struct task *b);
void place_entity(struct sim *sim, struct task *p, bool initial);
void dequeue_entity(struct sim *sim, struct task *p);
void finish_delayed_dequeue_entity(struct sim *sim, struct task *p);
void requeue_delayed_entity(struct sim *sim, struct task *p);
void set_next_entity(struct sim *sim, struct task *p);
bool update_curr(struct sim *sim);
bool curr_protected(const struct sim *sim);

/* step.c's side of the scheduler */
bool sched_parked(const struct sim *sim, int *id);
void sched_set_parked(struct sim *sim, int id);
bool sched_stepping_allowed(const struct sim *sim);
/* Run up to max_ticks jiffies; true if a thread parked at a step point. */
bool sched_step_ticks(struct sim *sim, unsigned long max_ticks);

/* }====== */

#endif /* KSS_CORE_SCHED_H */
