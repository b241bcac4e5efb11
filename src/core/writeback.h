/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Dirty pages and their writeback (mm/page-writeback.c, mm/filemap.c,
 * the flusher of fs/fs-writeback.c) and the block device that carries the
 * IO (blk.c). Writes complete asynchronously in simulated time; a folio
 * reclaim marked PG_reclaim rotates to the inactive tail when its IO ends.
 */
#ifndef KSS_CORE_WRITEBACK_H
#define KSS_CORE_WRITEBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"
#include "sched.h"
#include "slab.h"

/* include/linux/backing-dev-defs.h: enum wb_reason (the ones we use) */
enum wb_reason {
	WB_REASON_BACKGROUND,
	WB_REASON_VMSCAN,
	WB_REASON_SYNC,
	WB_REASON_PERIODIC,
	WB_REASON_LAPTOP_TIMER,
	WB_REASON_FS_FREE_SPACE,
	WB_REASON_FORKER_THREAD,
	WB_REASON_FOREIGN_FLUSH,
	WB_REASON_MAX,
};

/* page-writeback.c: state, from sim_create()/sim_destroy() */
int writeback_init(struct sim *sim);
void writeback_exit(struct sim *sim);

/*
 * folio_mark_dirty(): PG_dirty; a page-cache folio is accounted
 * (folio_account_dirtied(): nr_dirty, nr_dirtied, nr_zone_write_pending).
 * Returns true if it was clean.
 */
bool folio_mark_dirty(struct sim *sim, unsigned long pfn);
/* folio_clear_dirty_for_io(): clean it for the write about to start */
bool folio_clear_dirty_for_io(struct sim *sim, unsigned long pfn);
/* folio_account_cleaned() when a dirty folio is dropped without IO */
void folio_cancel_dirty(struct sim *sim, unsigned long pfn);
/* __folio_start_writeback(): PG_writeback, nr_writeback */
void folio_start_writeback(struct sim *sim, unsigned long pfn);
/*
 * mm/filemap.c: folio_end_writeback(): rotate a PG_reclaim folio to the
 * inactive tail, clear PG_writeback (nr_writeback, nr_written) and feed
 * reclaim_throttle()'s writeback wait.
 */
void folio_end_writeback(struct sim *sim, unsigned long pfn);
/* folio_wait_writeback(): sleep until the folio's IO has ended */
void folio_wait_writeback(struct sim *sim, unsigned long pfn);
/*
 * The page cache's ->writepage for a file folio, as pageout() calls it:
 * clear dirty, start writeback, submit. Returns 0.
 */
int file_writepage(struct sim *sim, unsigned long pfn);
/* fs/fs-writeback.c: wakeup_flusher_threads() */
void wakeup_flusher_threads(struct sim *sim, enum wb_reason reason);
/* balance_dirty_pages_ratelimited(): after a task dirtied pages */
void balance_dirty_pages_ratelimited(struct sim *sim, unsigned long nr);
/* The flusher's body (fs/fs-writeback.c: wb_workfn()), a kthread */
int flusher_thread(void *data);

/* {====== blk.c */

/* the device: pages it moves in a jiffy, and the latency of one request */
struct blk_params {
	unsigned long bandwidth; /* pages per tick, >= 1 */
	uint64_t latency_ns;
	unsigned long max_pages; /* the largest request, in pages */
	uint64_t wbt_lat_usec; /* 0: writeback throttling off */
	uint64_t request_ns; /* CPU a request costs its submitter */
};

/* Queue the write of a folio under writeback; folio_end_writeback() later */
void blk_submit_write(struct sim *sim, unsigned long pfn);
/* A swap write's bio, from fs_bio_set (bio.c): it may sleep for one */
void blk_swap_bio_alloc(struct sim *sim);
/*
 * block/blk-core.c: blk_start_plug() and blk_finish_plug() on the running
 * task: the writes between are held back and merged, and go to the device
 * at the outermost finish. blk_flush_plug() sends a task's plug now (the
 * task is about to sleep: sched_submit_work()); blk_plug_free() frees it
 * with the machine.
 */
struct task;
void blk_start_plug(struct sim *sim);
void blk_finish_plug(struct sim *sim);
void blk_flush_plug(struct sim *sim, struct task *p);
void blk_plug_free(struct task *p);
/* A synchronous read of nr pages (swap-in, page-cache miss): ns it takes */
uint64_t blk_read_ns(struct sim *sim, unsigned long nr);
/* The running task reads nr pages and sleeps until they have come */
void blk_read_wait(struct sim *sim, unsigned long nr);
/* Complete every write due by upto_ns (sched.c calls it) */
void blk_complete(struct sim *sim, uint64_t upto_ns);
/* The earliest pending completion, UINT64_MAX if none */
uint64_t blk_next_event(const struct sim *sim);
unsigned long blk_inflight(const struct sim *sim);
/* Pages the flusher may still queue (about 100 ms of bandwidth) */
unsigned long blk_queue_room(const struct sim *sim);
/* {====== bio.c */

/* block/bio.c: fs_bio_set, its bios' slab and mempool, as modelled */
struct bio_set {
	struct kmem_cache slab; /* the bios (slub.c) */
	unsigned int pool; /* the mempool's bios still in it */
	unsigned long waits; /* writers that slept in mempool_alloc() */
	struct wait_queue_head wait;
};

void bio_set_init(const struct sim *sim, struct bio_set *bs);
void bio_set_free(struct bio_set *bs);
/* its part of sim_disk_state() */
struct sim_disk_state;
void bio_set_state(const struct bio_set *bs, struct sim_disk_state *st);
/* bio_alloc(GFP_NOIO) for a swap write: may sleep until a bio ends */
void bio_alloc(struct sim *sim, struct bio_set *bs);
/* bio_put() when its request ends: to the pool first, then the slab */
void bio_put(struct sim *sim, struct bio_set *bs);

/* {====== blk-wbt.c */

/* the kinds of write wbt counts apart (enum wbt_rwq) */
enum wbt_rwq {
	WBT_RWQ_BG, /* buffered writes: the page cache */
	WBT_RWQ_SWAP,
	WBT_NUM_RWQ,
};

/* block/blk-wbt.c: struct rq_wb with its struct rq_depth, as modelled */
struct rq_wb {
	int scale_step;
	bool scaled_max;
	unsigned int max_depth, wb_normal, wb_background;
	unsigned int unknown_cnt; /* idle windows in a row */
	uint64_t win_end; /* when the timer's window ends; 0: not armed */
	unsigned long win_writes; /* write requests ended in the window */
	uint64_t last_comp; /* when a read last ended */
	unsigned int inflight[WBT_NUM_RWQ]; /* requests begun, not ended */
	struct wait_queue_head wait[WBT_NUM_RWQ];
	/* rq_qos_wait(): the task ids asleep for a request, first come first */
	int waiter[WBT_NUM_RWQ][SIM_MAX_TASKS];
	unsigned int nr_waiting[WBT_NUM_RWQ];
	/* rq_qos_wake_function() took a request for this task id */
	bool got_token[SIM_MAX_TASKS];
};

void wbt_init(struct rq_wb *rwb);
/*
 * wbt_wait() (rq_qos_throttle()) before a write request is allocated:
 * while its kind has as many requests under way as the limit, or other
 * writers already wait, the writer sleeps in io_schedule() (its plug
 * sent to the device first) until a completion hands it a request; the
 * request counts until wbt_done(). Returns rwq, to hand to wbt_done().
 */
int wbt_wait(struct sim *sim, struct rq_wb *rwb, int rwq);
/* wbt_done(): a request counted as rwq ended (rwq -1: not counted) */
void wbt_done(struct sim *sim, struct rq_wb *rwb, int rwq);
/* rwb as wb_timer_fn() has left it by now (a copy, to show it) */
void wbt_catch_up(const struct sim *sim, struct rq_wb *rwb);
/* a read ends at when_ns (close_io()) */
void wbt_read_done(struct rq_wb *rwb, uint64_t when_ns);

/* }====== */

/* page-writeback.c owns the queue; blk.c works it */
struct blk_queue;
struct blk_queue *blk_queue_create(const struct sim *sim);
void blk_queue_destroy(struct blk_queue *q);
struct blk_queue *wb_blk_queue(const struct sim *sim);
/* Task id is the flusher on background writeback (REQ_BACKGROUND) */
bool wb_background_writer(const struct sim *sim, int id);
/* block/blk-wbt.c: wb_recent_wait(): a dirtier paused in the last second */
bool wb_recent_wait(const struct sim *sim);
void blk_get_params(const struct sim *sim, struct blk_params *p);
int blk_set_params(struct sim *sim, const struct blk_params *p);

/* }====== */

#endif /* KSS_CORE_WRITEBACK_H */
