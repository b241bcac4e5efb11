// SPDX-License-Identifier: GPL-2.0-only
/*
 * page-writeback.c: the flusher honours dirty_background_ratio (background
 * writeback down to nr_dirty_background_threshold, fs/fs-writeback.c:
 * wb_over_bg_thresh()), dirty_expire_centisecs (kupdate writes what was
 * dirtied 30 s ago at its next 5 s wakeup), and wakeup_flusher_threads()
 * writes everything; dirtiers above nr_dirty_threshold are paused
 * (balance_dirty_pages()); writers asleep in wbt take their turns in the
 * order they came (block/blk-rq-qos.c: rq_qos_wait()).
 */
#include "internal.h"
#include "machine.h"
#include "sched.h"
#include "writeback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Background writeback stops at the background threshold. */
static void test_background(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 20000);
	unsigned long bg, thresh, dirty;
	uint64_t t0;

	sim_run(sim, 1);
	bg = vmstat(sim, "nr_dirty_background_threshold");
	thresh = vmstat(sim, "nr_dirty_threshold");
	CHECK(bg < 20000 && thresh < 20000 && bg < thresh);
	/*
	 * 20000 dirty pages are above nr_dirty_threshold: the dirtier pauses
	 * (a jiffy at a time, up to MAX_PAUSE = HZ/5) while the flusher,
	 * kicked past the background threshold, writes.
	 */
	t0 = sim_now_ns(sim);
	CHECK_EQ(sim_dirty(sim, r), 0);
	CHECK(sim_now_ns(sim) > t0);
	CHECK(sim_now_ns(sim) - t0 <= (HZ / 5 + 1) * TICK_NSEC);
	CHECK(vmstat(sim, "nr_written") + vmstat(sim, "nr_writeback") > 0);
	CHECK_EQ(vmstat(sim, "nr_dirtied"), 20000);

	/* a second later: down to the background threshold, not below */
	sim_run(sim, HZ);
	dirty = vmstat(sim, "nr_dirty");
	bg = vmstat(sim, "nr_dirty_background_threshold");
	CHECK(dirty <= bg);
	CHECK(dirty + 1024 > bg); /* stopped near it: one inode pass */
	CHECK_EQ(vmstat(sim, "nr_writeback"), 0);
	CHECK_EQ(vmstat(sim, "nr_written"), 20000 - dirty);

	/*
	 * The rest was dirtied at ~0 s: dirty_expire_centisecs (30 s) later
	 * the periodic wakeup (every 5 s) writes it.
	 */
	sim_run(sim, 25 * HZ);
	CHECK_EQ(vmstat(sim, "nr_dirty"), dirty);
	sim_run(sim, 11 * HZ);
	CHECK_EQ(vmstat(sim, "nr_dirty"), 0);
	CHECK_EQ(vmstat(sim, "nr_written"), 20000);
	sim_destroy(sim);
}

/* wakeup_flusher_threads() (reclaim's kick) writes every dirty page. */
static void test_wakeup_flusher(void)
{
	struct sim *sim = boot_dma32(0);
	unsigned int r = alloc_region(sim, SIM_KIND_FILE, 2000);

	sim_run(sim, 1);
	CHECK_EQ(sim_dirty(sim, r), 0);
	CHECK_EQ(vmstat(sim, "nr_dirty"), 2000); /* below the background */
	sim_run(sim, HZ);
	CHECK_EQ(vmstat(sim, "nr_dirty"), 2000);
	wakeup_flusher_threads(sim, WB_REASON_VMSCAN);
	/* 2000 pages at 256 a jiffy: done in 8 jiffies and the latency */
	sim_run(sim, 10);
	CHECK_EQ(vmstat(sim, "nr_dirty"), 0);
	CHECK_EQ(vmstat(sim, "nr_written"), 2000);
	sim_destroy(sim);
}

static struct sim *g_sim;
static struct rq_wb g_rwb;
static int g_got[3]; /* the order the writers got their requests: 1, 2 */
static int g_next;

static int writer(void *data)
{
	int i = (int)(long)data;

	wbt_wait(g_sim, &g_rwb, WBT_RWQ_BG);
	g_got[i] = ++g_next;
	return 0;
}

/*
 * block/blk-rq-qos.c: rq_qos_wait(). The buffered writes' limit is
 * wb_normal = 8 of the first depth of 16 (calc_wb_limits()). Writer 0
 * finds 8 under way and sleeps. One ends: 7 under way, below the limit,
 * but the disk has a write cache (wbt_rqw_done(): the sleepers wake only
 * when none is left), and writer 1, coming now, finds a sleeper before it
 * (wq_has_sleeper()) and sleeps too rather than take the free request.
 * When the last ends, rq_qos_wake_function() takes a request for each
 * in turn: writer 0 first, then writer 1, and 2 are under way.
 */
static void test_wbt_queue(void)
{
	struct sim *sim = boot_dma32(0);
	int w0, w1;

	g_sim = sim;
	wbt_init(&g_rwb);
	CHECK_EQ(g_rwb.wb_normal, 8);
	g_rwb.inflight[WBT_RWQ_BG] = 8;
	w0 = kthread_run(sim, writer, (void *)0L, 0, "w0");
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, w0)->state, TASK_UNINTERRUPTIBLE);
	wbt_done(sim, &g_rwb, WBT_RWQ_BG);
	CHECK_EQ(g_rwb.inflight[WBT_RWQ_BG], 7);
	w1 = kthread_run(sim, writer, (void *)1L, 0, "w1");
	sim_run(sim, 1);
	CHECK_EQ(task_of(sim, w1)->state, TASK_UNINTERRUPTIBLE);
	CHECK_EQ(g_rwb.inflight[WBT_RWQ_BG], 7);
	CHECK_EQ(g_rwb.wait[WBT_RWQ_BG].nr_waiters, 2);
	for (int i = 0; i < 7; i++)
		wbt_done(sim, &g_rwb, WBT_RWQ_BG);
	CHECK_EQ(g_rwb.inflight[WBT_RWQ_BG], 2);
	sim_run(sim, 1);
	CHECK_EQ(g_got[0], 1);
	CHECK_EQ(g_got[1], 2);
	CHECK_EQ(g_rwb.inflight[WBT_RWQ_BG], 2);
	CHECK_EQ(g_rwb.wait[WBT_RWQ_BG].nr_waiters, 0);
	sim_destroy(sim);
}

int main(void)
{
	test_background();
	test_wakeup_flusher();
	test_wbt_queue();
	return check_done();
}
