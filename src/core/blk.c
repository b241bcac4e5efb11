// SPDX-License-Identifier: GPL-2.0-only
/*
 * The block device under swap and the page cache: a FIFO that moves
 * `bandwidth` pages a jiffy, each request finishing `latency` after the
 * device has moved its last page. A request queued at time t completes
 * at max(t, device busy until) + pages * TICK_NSEC / bandwidth + latency,
 * all its folios at once, so completions come in submission order and
 * folio_end_writeback() runs from the scheduler at that moment of
 * simulated time.
 *
 * A task that holds a plug (blk_start_plug(): reclaim's shrink_lruvec(),
 * the flusher) keeps its writes back and merges those that continue each
 * other on the disk (consecutive swap slots, consecutive pages of a file)
 * into requests of up to `max_pages`; the plug goes to the device when it
 * is finished, when the task sleeps, or when a new request finds it full.
 * A reclaimer's writes therefore end after its batch has put its folios
 * back on the LRU, and folio_end_writeback() can rotate them. Before a
 * new request, writeback throttling (blk-wbt.c) may make the writer wait
 * for those under way to end.
 *
 * Example (defaults: 256 pages a tick, 100 us): 512 pages of a file
 * written at t = 0 under a plug go as requests of 254, 254 and 4 pages,
 * which keep the device busy 2 jiffies (8 ms) and end at 4.07, 8.04 and
 * 8.1 ms.
 */
#include "writeback.h"

#include <errno.h>
#include <stdlib.h>

#include "mm_inline.h"
#include "sched.h"
#include "swap.h"

struct blk_req {
	uint32_t pfn;
	int8_t wbt; /* ends a request wbt counts: its enum wbt_rwq, or -1 */
	bool bio; /* its bio is fs_bio_set's (a swap write) */
	uint64_t done_ns;
};

struct blk_queue {
	struct blk_req *ring;
	unsigned long cap; /* a power of two */
	unsigned long head; /* next to complete */
	unsigned long nr;
	uint64_t busy_until; /* the device is free from then */
	struct blk_params params;
	struct rq_wb rwb; /* writeback throttling (blk-wbt.c) */
	struct bio_set bs; /* the swap writes' bios (bio.c) */
};

struct blk_queue *blk_queue_create(const struct sim *sim)
{
	struct blk_queue *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	q->params.bandwidth = 256;
	q->params.latency_ns = 100 * NSEC_PER_USEC;
	/*
	 * QEMU's virtio disk, the oracle's: a queue of 256 descriptors gives
	 * seg_max 254 (virtblk_probe()), and each page of a swap or file
	 * write is a segment of its own
	 */
	q->params.max_pages = 254;
	/* wbt_default_latency_nsec(): 75 ms for a rotational disk */
	q->params.wbt_lat_usec = 75000;
	wbt_init(&q->rwb);
	bio_set_init(sim, &q->bs);
	return q;
}

void blk_queue_destroy(struct blk_queue *q)
{
	if (!q)
		return;
	bio_set_free(&q->bs);
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

/* A folio's write ended: folio_end_writeback(), and a swap write's bio back */
static void blk_end_write(struct sim *sim, struct blk_queue *q,
			  unsigned long pfn, bool bio)
{
	folio_end_writeback(sim, pfn);
	if (bio)
		bio_put(sim, &q->bs);
}

/*
 * One request of nr folios, pages in all, to the device's FIFO; rwq is
 * what wbt counted it as (-1: nothing).
 */
static void blk_issue(struct sim *sim, const uint32_t *pfns, unsigned long nr,
		      unsigned long pages, int rwq)
{
	struct blk_queue *q = wb_blk_queue(sim);
	uint64_t start, done;

	if (!q)
		return;
	while (q->nr + nr > q->cap) {
		if (!blk_grow(q)) {
			/* no room to queue them: the writes happen at once */
			for (unsigned long i = 0; i < nr; i++)
				blk_end_write(
					sim, q, pfns[i],
					folio_swap_entry(sim, pfns[i]).val);
			wbt_done(sim, &q->rwb, rwq);
			return;
		}
	}
	/* what the request costs its submitter, on the reference core */
	charge_ref_ns(sim, q->params.request_ns);
	start = q->busy_until > sim->now_ns ? q->busy_until : sim->now_ns;
	q->busy_until = start + pages * blk_page_ns(q);
	done = q->busy_until + q->params.latency_ns;
	for (unsigned long i = 0; i < nr; i++) {
		struct blk_req *req =
			&q->ring[(q->head + q->nr) & (q->cap - 1)];

		req->pfn = pfns[i];
		req->wbt = (int8_t)(i == nr - 1 ? rwq : -1);
		req->bio = folio_swap_entry(sim, pfns[i]).val;
		req->done_ns = done;
		q->nr++;
	}
	sched_timer_added(sim, done);
}

/* {====== the plug (block/blk-core.c, block/blk-mq.c, block/blk-merge.c) */

#define BLK_MAX_REQUEST_COUNT 32 /* requests a plug holds */
#define BLK_PLUG_FLUSH_SIZE (128 * 1024) /* bytes */

/*
 * A request being built in a plug: pfns[first ..] on sectors [pos, end),
 * which wbt counts as rwq.
 */
struct blk_plug_rq {
	unsigned long first, nr, pages;
	uint64_t pos, end;
	int rwq;
};

/* include/linux/blkdev.h: struct blk_plug, hung on the task (->plug) */
struct blk_plug {
	unsigned int depth; /* blk_start_plug()s not yet finished */
	uint32_t *pfns; /* the plugged folios, request by request */
	unsigned long nr, cap;
	struct blk_plug_rq rq[BLK_MAX_REQUEST_COUNT];
	unsigned int rq_count;
};

/*
 * Where a folio goes on disk, in sectors: a swap slot on the swap
 * device, a file page after the one before it (the files are laid out
 * contiguously, as ext4 allocates an extent). The two spaces never meet.
 */
static uint64_t blk_sector(const struct sim *sim, unsigned long pfn)
{
	swp_entry_t entry = folio_swap_entry(sim, pfn);

	if (entry.val)
		return (1ULL << 60) + (uint64_t)entry.val * (PAGE_SIZE / 512);
	return (uint64_t)sim->pages.owner[pfn] * (PAGE_SIZE / 512);
}

/* The plug of the task running, if it holds one open. */
static struct blk_plug *current_plug(const struct sim *sim)
{
	struct task *p = current_task(sim);

	return p && p->plug && p->plug->depth ? p->plug : NULL;
}

void blk_start_plug(struct sim *sim)
{
	struct task *p = current_task(sim);

	if (!p || !wb_blk_queue(sim))
		return;
	if (!p->plug)
		p->plug = calloc(1, sizeof(*p->plug));
	if (p->plug)
		p->plug->depth++;
}

/* block/blk-core.c: __blk_flush_plug(): every request to the device */
void blk_flush_plug(struct sim *sim, struct task *p)
{
	struct blk_plug *plug = p ? p->plug : NULL;

	if (!plug || !plug->rq_count)
		return;
	for (unsigned int i = 0; i < plug->rq_count; i++)
		blk_issue(sim, plug->pfns + plug->rq[i].first, plug->rq[i].nr,
			  plug->rq[i].pages, plug->rq[i].rwq);
	plug->nr = 0;
	plug->rq_count = 0;
}

void blk_finish_plug(struct sim *sim)
{
	struct task *p = current_task(sim);

	if (p && p->plug && p->plug->depth && --p->plug->depth == 0)
		blk_flush_plug(sim, p);
}

void blk_plug_free(struct task *p)
{
	if (!p->plug)
		return;
	free(p->plug->pfns);
	free(p->plug);
	p->plug = NULL;
}

/*
 * block/blk-merge.c: blk_attempt_plug_merge(): a write that continues the
 * plug's last request, or ends where it begins, joins it while it stays
 * within the device's segments. Returns false if it cannot.
 */
static bool blk_plug_merge(struct sim *sim, struct blk_plug *plug,
			   unsigned long pfn)
{
	const struct blk_queue *q = wb_blk_queue(sim);
	unsigned long pages = folio_nr_pages(sim, pfn);
	uint64_t pos = blk_sector(sim, pfn), len = pages * (PAGE_SIZE / 512);
	struct blk_plug_rq *rq;

	if (!plug->rq_count)
		return false;
	rq = &plug->rq[plug->rq_count - 1];
	if (rq->pages + pages > q->params.max_pages)
		return false;
	if (pos == rq->end)
		rq->end += len;
	else if (pos + len == rq->pos)
		rq->pos = pos;
	else
		return false;
	plug->pfns[plug->nr++] = (uint32_t)pfn;
	rq->nr++;
	rq->pages += pages;
	return true;
}

/*
 * block/blk-mq.c: blk_add_rq_to_plug(): a new request first sends the
 * plug to the device when it holds BLK_MAX_REQUEST_COUNT requests or its
 * first one has grown to BLK_PLUG_FLUSH_SIZE (6.12 looks at the head of
 * the list).
 */
static void blk_add_rq_to_plug(struct sim *sim, struct blk_plug *plug,
			       unsigned long pfn, int rwq)
{
	unsigned long pages = folio_nr_pages(sim, pfn);
	uint64_t pos = blk_sector(sim, pfn);
	struct blk_plug_rq *rq;

	if (plug->rq_count &&
	    (plug->rq_count == BLK_MAX_REQUEST_COUNT ||
	     plug->rq[0].pages * PAGE_SIZE >= BLK_PLUG_FLUSH_SIZE))
		blk_flush_plug(sim, current_task(sim));
	rq = &plug->rq[plug->rq_count++];
	*rq = (struct blk_plug_rq){
		.first = plug->nr,
		.nr = 1,
		.pages = pages,
		.pos = pos,
		.end = pos + pages * (PAGE_SIZE / 512),
		.rwq = rwq,
	};
	plug->pfns[plug->nr++] = (uint32_t)pfn;
}

/* Room in the plug for one more folio. */
static bool blk_plug_room(struct blk_plug *plug)
{
	unsigned long cap;
	uint32_t *pfns;

	if (plug->nr < plug->cap)
		return true;
	cap = plug->cap ? plug->cap * 2 : 256;
	pfns = realloc(plug->pfns, cap * sizeof(*pfns));
	if (!pfns)
		return false;
	plug->pfns = pfns;
	plug->cap = cap;
	return true;
}

/* }====== */

/*
 * block/blk-mq.c: blk_mq_submit_bio() for the write of one folio: merged
 * into the plug, or a new request that wbt may make the writer wait for,
 * plugged or (no plug, or no memory for it) sent at once.
 */
void blk_submit_write(struct sim *sim, unsigned long pfn)
{
	struct blk_queue *q = wb_blk_queue(sim);
	struct blk_plug *plug = current_plug(sim);
	int rwq = folio_swap_entry(sim, pfn).val ? WBT_RWQ_SWAP : WBT_RWQ_BG;
	uint32_t one = (uint32_t)pfn;

	if (!q)
		return;
	if (plug && !blk_plug_room(plug))
		plug = NULL;
	if (plug && blk_plug_merge(sim, plug, pfn))
		return;
	rwq = q->params.wbt_lat_usec ? wbt_wait(sim, &q->rwb, rwq) : -1;
	if (plug)
		blk_add_rq_to_plug(sim, plug, pfn, rwq);
	else
		blk_issue(sim, &one, 1, folio_nr_pages(sim, pfn), rwq);
}

void blk_swap_bio_alloc(struct sim *sim)
{
	struct blk_queue *q = wb_blk_queue(sim);

	if (q)
		bio_alloc(sim, &q->bs);
}

uint64_t blk_read_ns(struct sim *sim, unsigned long nr)
{
	struct blk_queue *q = wb_blk_queue(sim);
	uint64_t ns;

	if (!q)
		return 0;
	ns = nr * blk_page_ns(q) + q->params.latency_ns;
	wbt_read_done(&q->rwb, sim->now_ns + ns);
	return ns;
}

/*
 * A task that needs the pages it reads sleeps until they arrive, the CPU
 * free for others meanwhile: do_swap_page() and filemap_fault() wait for
 * the folio lock that the read's completion drops (folio_lock(),
 * TASK_UNINTERRUPTIBLE: io wait).
 */
void blk_read_wait(struct sim *sim, unsigned long nr)
{
	struct blk_queue *q = wb_blk_queue(sim);
	uint64_t until;

	if (!q)
		return;
	charge_ref_ns(sim, q->params.request_ns);
	until = sim->now_ns + blk_read_ns(sim, nr);
	while (sim->now_ns < until && current_may_sleep(sim)) {
		set_current_state(sim, TASK_UNINTERRUPTIBLE);
		schedule_hrtimeout(sim, until);
	}
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
		blk_end_write(sim, q, req->pfn, req->bio);
		wbt_done(sim, &q->rwb, req->wbt);
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
	if (!p->bandwidth || p->bandwidth > TICK_NSEC || !p->max_pages)
		return -EINVAL;
	q->params = *p;
	return 0;
}

int sim_disk_set(struct sim *sim, const struct sim_disk *d)
{
	struct blk_params p = { 0 };

	blk_get_params(sim, &p);
	p.bandwidth = d->bandwidth;
	p.latency_ns = d->latency_us * NSEC_PER_USEC;
	p.wbt_lat_usec = d->wbt_lat_usec;
	p.request_ns = d->request_us * NSEC_PER_USEC;
	return blk_set_params(sim, &p);
}

void sim_disk_get(const struct sim *sim, struct sim_disk *d)
{
	struct blk_params p = { 0 };

	blk_get_params(sim, &p);
	d->bandwidth = p.bandwidth;
	d->latency_us = p.latency_ns / NSEC_PER_USEC;
	d->wbt_lat_usec = p.wbt_lat_usec;
	d->request_us = p.request_ns / NSEC_PER_USEC;
}

void sim_disk_state(const struct sim *sim, struct sim_disk_state *st)
{
	const struct blk_queue *q = wb_blk_queue(sim);
	struct rq_wb rwb;

	*st = (struct sim_disk_state){ 0 };
	if (!q)
		return;
	/* the window timer has run by now, though no IO came to run it */
	rwb = q->rwb;
	wbt_catch_up(sim, &rwb);
	st->queued = q->nr;
	st->wbt_enabled = q->params.wbt_lat_usec != 0;
	st->inflight_bg = rwb.inflight[WBT_RWQ_BG];
	st->inflight_swap = rwb.inflight[WBT_RWQ_SWAP];
	st->max_depth = rwb.max_depth;
	st->wb_normal = rwb.wb_normal;
	st->wb_background = rwb.wb_background;
	st->scale_step = rwb.scale_step;
	st->waiting = (unsigned int)(rwb.wait[WBT_RWQ_BG].nr_waiters +
				     rwb.wait[WBT_RWQ_SWAP].nr_waiters);
	bio_set_state(&q->bs, st);
}
