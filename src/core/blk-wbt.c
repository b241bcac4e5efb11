// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writeback throttling (block/blk-wbt.c, block/blk-rq-qos.c): a writer
 * may have only so many write requests under way on the disk; the next
 * one sleeps until they end. 6.12 turns it on for every blk-mq disk
 * (wbt_enable_default()), with a latency target of 75 ms for a rotational
 * one. Swap writes and page-cache writes are counted apart.
 *
 * The depth starts at RWB_DEF_DEPTH requests, of which a writer gets
 * half and background writeback a quarter (calc_wb_limits()); every
 * 100 ms window with writes doubles it, up to 3/4 of the disk's queue.
 *
 * Example: on the 256-tag virtio disk the flusher may have 8 requests
 * (of up to 254 pages each) under way at first, 16 after one busy
 * window, then 31 and 61, and 96 from the fourth on; swap writes, which
 * may have the whole depth, 16, 31, 61, 121 and 192.
 */
#include "writeback.h"

#include <string.h>

#include "sched.h"

#define RWB_DEF_DEPTH 16
#define RWB_WINDOW_NSEC (100 * NSEC_PER_MSEC)
#define RWB_UNKNOWN_BUMP 5
/* the virtio disk's tags: a queue of 256 (virtblk_probe()), nr_requests */
#define WBT_QUEUE_DEPTH 256

/*
 * rq_depth_calc_max_depth(): RWB_DEF_DEPTH requests at scale step 0,
 * doubled per step down while writes go well, up to 3/4 of the queue
 * (scaled_max). Latency trouble would step up and halve it; the model's
 * reads are never late, so the step never goes above 0.
 */
static void rq_depth_calc_max_depth(struct rq_wb *rwb)
{
	unsigned int depth = RWB_DEF_DEPTH, maxd = 3 * WBT_QUEUE_DEPTH / 4;

	rwb->scaled_max = false;
	if (rwb->scale_step < 0) {
		depth = 1 + ((depth - 1) << -rwb->scale_step);
		if (depth > maxd) {
			depth = maxd;
			rwb->scaled_max = true;
		}
	}
	rwb->max_depth = depth;
	/* calc_wb_limits(): a writer's share, and background writeback's */
	rwb->wb_normal = depth <= 2 ? depth : (depth + 1) / 2;
	rwb->wb_background = depth <= 2 ? 1 : (depth + 3) / 4;
}

void wbt_init(struct rq_wb *rwb)
{
	*rwb = (struct rq_wb){ 0 };
	rq_depth_calc_max_depth(rwb);
}

/*
 * wb_timer_fn(), once for each RWB_WINDOW_NSEC window that has ended by
 * now. latency_exceeded() never says LAT_EXCEEDED here: a window with
 * writes ended or under way scales the depth up (LAT_OK,
 * LAT_UNKNOWN_WRITES); after RWB_UNKNOWN_BUMP idle windows it steps back
 * toward 0. The timer runs while there is IO or a step. It is worked out
 * lazily, just before wbt reads its limits, as nothing it depends on
 * changes in between. Returns true if the depth changed.
 * Differs: a writer waiting in wbt_wait() wakes on the next completion
 * rather than on the scale-up itself (rwb_wake_all()).
 */
static bool wb_timer_fn(const struct sim *sim, struct rq_wb *rwb)
{
	int step = rwb->scale_step;

	while (rwb->win_end && sim->now_ns >= rwb->win_end) {
		bool writes =
			rwb->win_writes ||
			rwb->inflight[WBT_RWQ_BG] + rwb->inflight[WBT_RWQ_SWAP];

		if (writes && !rwb->scaled_max) {
			rwb->scale_step--; /* scale_up() */
			rwb->unknown_cnt = 0;
		} else if (!writes && ++rwb->unknown_cnt >= RWB_UNKNOWN_BUMP &&
			   rwb->scale_step < 0) {
			rwb->scale_step++; /* scale_down() */
			rwb->unknown_cnt = 0;
		}
		rq_depth_calc_max_depth(rwb);
		rwb->win_writes = 0;
		rwb->win_end = writes || rwb->scale_step ?
				       rwb->win_end + RWB_WINDOW_NSEC :
				       0;
	}
	return rwb->scale_step != step;
}

/*
 * get_limit() for task id's write: swap writes are REQ_HIPRIO (REQ_SWAP
 * is in it: __swap_writepage()), and so is every write for a second
 * after a dirtier paused in balance_dirty_pages() (wb_recent_wait()):
 * they may have the whole depth. Background writeback (REQ_BACKGROUND)
 * and any write within HZ/10 of a read (close_io()) get the background
 * share, the rest the normal one.
 */
static unsigned int get_limit(const struct sim *sim, const struct rq_wb *rwb,
			      int rwq, int id)
{
	if (rwq == WBT_RWQ_SWAP || wb_recent_wait(sim))
		return rwb->max_depth;
	if (wb_background_writer(sim, id) ||
	    (rwb->last_comp &&
	     sim->now_ns < rwb->last_comp + TICK_NSEC * (HZ / 10)))
		return rwb->wb_background;
	return rwb->wb_normal;
}

/* wbt_inflight_cb(): a request for task id, if its kind is below its limit */
static bool wbt_inflight_cb(const struct sim *sim, struct rq_wb *rwb, int rwq,
			    int id)
{
	if (rwb->inflight[rwq] >= get_limit(sim, rwb, rwq, id))
		return false;
	rwb->inflight[rwq]++;
	return true;
}

static unsigned int waiter_index(const struct rq_wb *rwb, int rwq, int id)
{
	unsigned int i = 0;

	while (rwb->waiter[rwq][i] != id)
		i++;
	return i;
}

static void waiter_remove(struct rq_wb *rwb, int rwq, unsigned int i)
{
	int *w = rwb->waiter[rwq];

	memmove(&w[i], &w[i + 1], (--rwb->nr_waiting[rwq] - i) * sizeof(*w));
}

/*
 * block/blk-rq-qos.c: rq_qos_wait(). A writer that finds others asleep
 * for a request queues behind them, even if one is free: completions
 * hand requests out in the order the writers came (rq_qos_wake_function()),
 * so that a writer that keeps submitting cannot starve one that waits.
 * Tasks here run one at a time, so the kernel's second try after
 * prepare_to_wait_exclusive(), for a completion racing with it, would
 * find what the first found.
 */
int wbt_wait(struct sim *sim, struct rq_wb *rwb, int rwq)
{
	int id = current_id(sim);

	wb_timer_fn(sim, rwb);
	if (rwb->nr_waiting[rwq] || !wbt_inflight_cb(sim, rwb, rwq, id)) {
		rwb->got_token[id] = false;
		rwb->waiter[rwq][rwb->nr_waiting[rwq]++] = id;
		while (!rwb->got_token[id]) {
			if (!current_may_sleep(sim)) {
				/* killed while Lua drove it: it goes on */
				waiter_remove(rwb, rwq,
					      waiter_index(rwb, rwq, id));
				rwb->inflight[rwq]++;
				break;
			}
			prepare_to_wait(sim, &rwb->wait[rwq],
					TASK_UNINTERRUPTIBLE);
			schedule_timeout(sim, MAX_SCHEDULE_TIMEOUT);
		}
		finish_wait(sim, &rwb->wait[rwq]);
	}
	/* rwb_arm_timer() */
	if (!rwb->win_end)
		rwb->win_end = sim->now_ns + RWB_WINDOW_NSEC;
	return rwq;
}

/*
 * wake_up_all() of the writers asleep for rwq: rq_qos_wake_function()
 * takes a request for each in turn and wakes it; the first it cannot
 * serve ends the walk, and those behind it wait on.
 */
static void rqw_wake_all(struct sim *sim, struct rq_wb *rwb, int rwq)
{
	while (rwb->nr_waiting[rwq]) {
		int id = rwb->waiter[rwq][0];

		if (!wbt_inflight_cb(sim, rwb, rwq, id))
			break;
		rwb->got_token[id] = true;
		waiter_remove(rwb, rwq, 0);
		wake_up_process(sim, task_of(sim, id));
	}
}

/*
 * wbt_done() -> wbt_rqw_done(). The disk has a write cache (QEMU's virtio
 * disk says VIRTIO_BLK_F_FLUSH, as most disks do), so the waiters wake
 * only when none of the kind is left under way, unless a dirtier paused
 * in the last second (wb_recent_wait()): then once half a background
 * share is free below the normal limit. A change of depth wakes them all.
 */
void wbt_done(struct sim *sim, struct rq_wb *rwb, int rwq)
{
	unsigned int inflight, limit;
	bool rescaled;

	if (rwq < 0 || !rwb->inflight[rwq])
		return;
	rescaled = wb_timer_fn(sim, rwb);
	inflight = --rwb->inflight[rwq];
	rwb->win_writes++;
	if (rescaled) {
		rqw_wake_all(sim, rwb, WBT_RWQ_BG);
		rqw_wake_all(sim, rwb, WBT_RWQ_SWAP);
		return;
	}
	limit = wb_recent_wait(sim) ? rwb->wb_normal : 0;
	if (inflight && inflight >= limit)
		return;
	if (!inflight || limit - inflight >= rwb->wb_background / 2)
		rqw_wake_all(sim, rwb, rwq);
}

void wbt_catch_up(const struct sim *sim, struct rq_wb *rwb)
{
	wb_timer_fn(sim, rwb);
}

void wbt_read_done(struct rq_wb *rwb, uint64_t when_ns)
{
	rwb->last_comp = when_ns;
}
