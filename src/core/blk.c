// SPDX-License-Identifier: GPL-2.0-only
/*
 * The block device under swap and the page cache: a FIFO that moves
 * `bandwidth` pages a jiffy, each request finishing `latency` after the
 * device gets to it. A write queued at time t completes at
 * max(t, device busy until) + TICK_NSEC / bandwidth + latency, so
 * completions come in submission order and folio_end_writeback() runs
 * from the scheduler at that moment of simulated time.
 *
 * Example (defaults: 256 pages a tick, 100 us): 512 pages submitted at
 * t = 0 keep the device busy 2 jiffies (8 ms); the last completes at
 * 8 ms + 100 us.
 */
#include "writeback.h"

#include <errno.h>
#include <stdlib.h>

#include "sched.h"

struct blk_req {
	uint32_t pfn;
	uint64_t done_ns;
};

struct blk_queue {
	struct blk_req *ring;
	unsigned long cap; /* a power of two */
	unsigned long head; /* next to complete */
	unsigned long nr;
	uint64_t busy_until; /* the device is free from then */
	struct blk_params params;
};

struct blk_queue *blk_queue_create(void)
{
	struct blk_queue *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	q->params.bandwidth = 256;
	q->params.latency_ns = 100 * NSEC_PER_USEC;
	return q;
}

void blk_queue_destroy(struct blk_queue *q)
{
	if (!q)
		return;
	free(q->ring);
	free(q);
}

static uint64_t blk_page_ns(const struct blk_queue *q)
{
	return TICK_NSEC / q->params.bandwidth;
}

static bool blk_grow(struct blk_queue *q)
{
	unsigned long cap = q->cap ? q->cap * 2 : 1024;
	struct blk_req *ring = malloc(cap * sizeof(*ring));

	if (!ring)
		return false;
	for (unsigned long i = 0; i < q->nr; i++)
		ring[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = ring;
	q->cap = cap;
	q->head = 0;
	return true;
}

void blk_submit_write(struct sim *sim, unsigned long pfn)
{
	struct blk_queue *q = wb_blk_queue(sim);
	uint64_t start, nr = 1UL << page_order(&sim->pages, pfn);
	struct blk_req *req;

	if (!q)
		return;
	if (q->nr == q->cap && !blk_grow(q)) {
		/* no room to queue it: the write happens at once */
		folio_end_writeback(sim, pfn);
		return;
	}
	start = q->busy_until > sim->now_ns ? q->busy_until : sim->now_ns;
	q->busy_until = start + nr * blk_page_ns(q);
	req = &q->ring[(q->head + q->nr) & (q->cap - 1)];
	req->pfn = (uint32_t)pfn;
	req->done_ns = q->busy_until + q->params.latency_ns;
	q->nr++;
	sched_timer_added(sim, req->done_ns);
}

uint64_t blk_read_ns(struct sim *sim, unsigned long nr)
{
	struct blk_queue *q = wb_blk_queue(sim);

	if (!q)
		return 0;
	return nr * blk_page_ns(q) + q->params.latency_ns;
}

void blk_complete(struct sim *sim, uint64_t upto_ns)
{
	struct blk_queue *q = wb_blk_queue(sim);
	uint64_t saved = sim->now_ns;

	while (q && q->nr && q->ring[q->head].done_ns <= upto_ns) {
		struct blk_req *req = &q->ring[q->head];

		sim->now_ns = req->done_ns;
		q->head = (q->head + 1) & (q->cap - 1);
		q->nr--;
		folio_end_writeback(sim, req->pfn);
	}
	sim->now_ns = saved;
}

uint64_t blk_next_event(const struct sim *sim)
{
	const struct blk_queue *q = wb_blk_queue(sim);

	if (!q || !q->nr)
		return UINT64_MAX;
	return q->ring[q->head].done_ns;
}

unsigned long blk_inflight(const struct sim *sim)
{
	const struct blk_queue *q = wb_blk_queue(sim);

	return q ? q->nr : 0;
}

unsigned long blk_queue_room(const struct sim *sim)
{
	const struct blk_queue *q = wb_blk_queue(sim);
	unsigned long depth;

	if (!q)
		return 0;
	depth = q->params.bandwidth * (HZ / 10);
	return q->nr < depth ? depth - q->nr : 0;
}

void blk_get_params(const struct sim *sim, struct blk_params *p)
{
	const struct blk_queue *q = wb_blk_queue(sim);

	if (q)
		*p = q->params;
}

int blk_set_params(struct sim *sim, const struct blk_params *p)
{
	struct blk_queue *q = wb_blk_queue(sim);

	if (!q)
		return -ENODEV;
	if (!p->bandwidth || p->bandwidth > TICK_NSEC)
		return -EINVAL;
	q->params = *p;
	return 0;
}

int sim_io_set(struct sim *sim, unsigned long pages_per_tick,
	       uint64_t latency_ns)
{
	struct blk_params p = {
		.bandwidth = pages_per_tick,
		.latency_ns = latency_ns,
	};

	return blk_set_params(sim, &p);
}

void sim_io_get(const struct sim *sim, long long *pages_per_tick,
		long long *latency_us)
{
	struct blk_params p = { 0 };

	blk_get_params(sim, &p);
	*pages_per_tick = (long long)p.bandwidth;
	*latency_us = (long long)(p.latency_ns / NSEC_PER_USEC);
}
