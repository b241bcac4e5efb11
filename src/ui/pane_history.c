// SPDX-License-Identifier: GPL-2.0-only
/*
 * The history pane: one zone's free pages (NR_FREE_PAGES) over simulated
 * time, drawn against its min, low and high watermarks, with kswapd's
 * state in a strip under the chart and the reclaim rates that explain the
 * curve (pgscan and pgsteal of kswapd and of direct reclaim, allocstall,
 * pswpin/pswpout, workingset refaults) as sparklines, per second.
 *
 * It reads only the core's flight recorder (sim_history_sample(), one
 * sample a jiffy), folding each sample once into a ring of columns, so a
 * frame costs the same at 1 GiB and 1 TiB and does not allocate. The time
 * scale follows kswapd: the window reaches back to the start of its last
 * few runs, so one wake-reclaim-sleep cycle stays a visible shape at any
 * speed, and scrolls with the present. The y scale zooms onto the
 * watermark band when free pages come near it, and says so on screen.
 *
 * Braille dots (two columns, four rows a cell) on UTF-8 terminals; plain
 * ASCII under the mono theme or another character set.
 *
 * Keys: Left/Right pan, PgUp/PgDn a window, Home the oldest sample, End
 * back to the present and the automatic scale; '<' '>' zoom time out and
 * in; j/k (Up/Down) choose the zone, past the last one: automatic.
 */
#include "pane.h"

#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

#define HIST_HZ 250 /* the core's CONFIG_HZ: sim.h's jiffies at HZ = 250 */
#define HIST_COLS 640 /* dot columns the ring holds: 300 cells of braille */
#define HIST_EPISODES 3 /* kswapd runs the automatic window reaches back */
#define LEFT_W 11 /* y labels, rate names ("allocstall") and the axis */

/* What one dot column shows: the samples of spc jiffies folded together. */
struct hist_bucket {
	long k; /* jiffies / spc; -1: empty slot */
	unsigned long lo[MAX_NR_ZONES]; /* lowest free (free_low) */
	unsigned long hi[MAX_NR_ZONES]; /* highest free at a jiffy's end */
	unsigned long last[MAX_NR_ZONES]; /* free at the last jiffy's end */
	unsigned long wm[MAX_NR_ZONES][WMARK_HIGH + 1]; /* at the end */
	uint64_t c0[SIM_NR_HC]; /* counters before the bucket's first jiffy */
	uint64_t c1[SIM_NR_HC]; /* after its last */
	unsigned char state; /* 0 no kswapd, 1 slept, 2 napped, 3 ran */
};

/* kswapd's recent runs and the zones' recent pressure, per node. */
struct hist_track {
	long ep_start[HIST_EPISODES]; /* first jiffies of its runs, newest 0 */
	bool awake; /* running or napping at the last sample */
	long pressure_j[MAX_NR_ZONES]; /* last jiffy free_low < high; -1 */
	double pressure_r[MAX_NR_ZONES]; /* free_low / high then */
};

struct pane_history_data {
	/* what has been seen, to fold only new samples */
	const struct sim *sim;
	long seen_j; /* newest jiffy folded into the tracks; -1: none */
	uint64_t seen_cnt[SIM_NR_HC]; /* its counters, to notice a reset */
	struct hist_track track[SIM_MAX_NODES];

	/* the ring of columns, for one node at one scale */
	int ring_nid;
	long ring_spc; /* jiffies a bucket; 0: the ring is empty */
	long ring_lo_k, ring_hi_k; /* buckets folded, all of their samples */
	uint64_t ring_cnt[SIM_NR_HC]; /* counters of the last folded sample */
	struct hist_bucket ring[HIST_COLS];

	/* what the user chose */
	int zone_sel; /* index into the populated zones; -1: automatic */
	int scale_idx; /* into scales[] */
	bool scale_manual;
	long anchor_j; /* jiffy at the window's right end; -1: the present */
	bool expanded; /* the user asked for the chart on a small screen */
	unsigned long drawn_j; /* for poll(): the newest jiffy drawn */
	size_t drawn_len;
};

/*
 * Time scales, coarsest last: a negative entry stretches one jiffy over
 * that many dot columns (short histories fill the chart), a positive one
 * folds that many jiffies into one.
 */
static const int scales[] = {
	-8,  -4,  -2,  1,   2,	 3,   4,    5,	  6,	8,    10,   12,
	15,  20,  25,  30,  40,	 50,  60,   80,	  100,	125,  150,  200,
	250, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000, 2500,
};
#define NR_SCALES ((int)(sizeof(scales) / sizeof(scales[0])))

static long scale_spc(int idx)
{
	return scales[idx] > 0 ? scales[idx] : 1;
}

static int scale_zoom(int idx)
{
	return scales[idx] < 0 ? -scales[idx] : 1;
}

/* Jiffies that W dot columns show at scale idx. */
static long scale_span(int idx, int w)
{
	return (long)w * scale_spc(idx) / scale_zoom(idx);
}

/* Unicode only where the terminal speaks UTF-8 and colours carry meaning. */
static bool use_unicode(const struct ui *ui)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(ui->theme.name, "mono") && cs && !strcmp(cs, "UTF-8");
}

/* {====== folding samples */

static void track_reset(struct pane_history_data *d)
{
	d->seen_j = -1;
	memset(d->seen_cnt, 0, sizeof(d->seen_cnt));
	for (int nid = 0; nid < SIM_MAX_NODES; nid++) {
		struct hist_track *t = &d->track[nid];

		for (int e = 0; e < HIST_EPISODES; e++)
			t->ep_start[e] = -1;
		t->awake = false;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			t->pressure_j[z] = -1;
			t->pressure_r[z] = 0;
		}
	}
	d->ring_spc = 0;
}

/* Index of the sample of jiffy j, or -1 (samples ascend, one a jiffy). */
static long find_sample(const struct sim *sim, size_t len, unsigned long j)
{
	struct sim_history_sample s;
	size_t lo = 0, hi = len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sim_history_sample(sim, mid, 0, &s))
			return -1;
		if (s.jiffies == j)
			return (long)mid;
		if (s.jiffies < j)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static bool kswapd_awake(const struct sim_history_sample *s)
{
	return s->kswapd_ran || s->kswapd == SIM_KSWAPD_RUNNING ||
	       s->kswapd == SIM_KSWAPD_NAPPING;
}

/* One node's sample into its track: kswapd's runs, the zones' pressure. */
static void track_sample(struct hist_track *t,
			 const struct sim_history_sample *s)
{
	bool awake = kswapd_awake(s);

	if (awake && !t->awake) {
		memmove(&t->ep_start[1], &t->ep_start[0],
			(HIST_EPISODES - 1) * sizeof(t->ep_start[0]));
		t->ep_start[0] = (long)s->jiffies;
	}
	t->awake = awake;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct sim_history_zone *hz = &s->zone[z];

		if (hz->wmark[WMARK_HIGH] &&
		    hz->free_low < hz->wmark[WMARK_HIGH]) {
			t->pressure_j[z] = (long)s->jiffies;
			t->pressure_r[z] = (double)hz->free_low /
					   (double)hz->wmark[WMARK_HIGH];
		}
	}
}

static void bucket_init(struct hist_bucket *b, long k, const uint64_t *c0,
			const struct sim_history_sample *s)
{
	b->k = k;
	b->state = 0;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		b->lo[z] = s->zone[z].free_low;
		b->hi[z] = s->zone[z].free;
	}
	memcpy(b->c0, c0, sizeof(b->c0));
}

/* One sample of the ring's node into its bucket. */
static void ring_fold(struct pane_history_data *d,
		      const struct sim_history_sample *s)
{
	long k = (long)s->jiffies / d->ring_spc;
	struct hist_bucket *b = &d->ring[k % HIST_COLS];
	unsigned char st;

	if (b->k != k)
		bucket_init(b, k, d->ring_cnt, s);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct sim_history_zone *hz = &s->zone[z];

		if (hz->free_low < b->lo[z])
			b->lo[z] = hz->free_low;
		if (hz->free > b->hi[z])
			b->hi[z] = hz->free;
		b->last[z] = hz->free;
		memcpy(b->wm[z], hz->wmark, sizeof(b->wm[z]));
	}
	st = s->kswapd_ran		      ? 3 :
	     s->kswapd == SIM_KSWAPD_NAPPING  ? 2 :
	     s->kswapd == SIM_KSWAPD_SLEEPING ? 1 :
						0;
	if (st > b->state)
		b->state = st;
	memcpy(b->c1, s->counter, sizeof(b->c1));
	memcpy(d->ring_cnt, s->counter, sizeof(d->ring_cnt));
	if (k > d->ring_hi_k)
		d->ring_hi_k = k;
}

/*
 * Fill the ring for node nid at spc jiffies a bucket with the buckets
 * lo_k..hi_k, from the recorder; reads (hi_k - lo_k + 1) * spc samples.
 */
static void ring_build(struct pane_history_data *d, const struct sim *sim,
		       size_t len, int nid, long spc, long lo_k, long hi_k)
{
	struct sim_history_sample s, first;
	long i;

	for (int c = 0; c < HIST_COLS; c++)
		d->ring[c].k = -1;
	d->ring_nid = nid;
	d->ring_spc = spc;
	d->ring_lo_k = lo_k;
	d->ring_hi_k = lo_k - 1;
	if (sim_history_sample(sim, 0, nid, &first))
		return;
	if (lo_k * spc < (long)first.jiffies)
		lo_k = (long)first.jiffies / spc;
	i = (long)lo_k * spc - (long)first.jiffies;
	if (i < 0)
		i = 0;
	/*
	 * The counters before the first bucket, for its rates. Before the
	 * recorder's first sample there was boot, when all were zero; once
	 * the ring has wrapped, the oldest sample's rates are unknown.
	 */
	memset(d->ring_cnt, 0, sizeof(d->ring_cnt));
	if ((i > 0 || len >= SIM_HISTORY_MAX) &&
	    !sim_history_sample(sim, (size_t)(i > 0 ? i - 1 : 0), nid, &s))
		memcpy(d->ring_cnt, s.counter, sizeof(d->ring_cnt));
	for (; (size_t)i < len; i++) {
		if (sim_history_sample(sim, (size_t)i, nid, &s))
			break;
		if ((long)s.jiffies / spc > hi_k)
			break;
		ring_fold(d, &s);
	}
}

/*
 * Fold the samples newer than the last frame's into the tracks (every
 * node) and, when the ring follows the present, into the ring. A reset{}
 * (the sample of the last seen jiffy is gone or differs) starts over.
 */
static void fold_new(struct pane_history_data *d, const struct sim *sim,
		     size_t len, bool ring_follows)
{
	struct sim_history_sample s;
	long from = 0;

	if (d->sim != sim) {
		d->sim = sim;
		track_reset(d);
	}
	if (d->seen_j >= 0) {
		long i = find_sample(sim, len, (unsigned long)d->seen_j);

		if (i < 0 || sim_history_sample(sim, (size_t)i, 0, &s) ||
		    memcmp(s.counter, d->seen_cnt, sizeof(s.counter))) {
			track_reset(d);
		} else {
			from = i + 1;
		}
	}
	for (size_t i = (size_t)from; i < len; i++) {
		for (int nid = 0; nid < sim_nr_nodes(sim); nid++) {
			if (sim_history_sample(sim, i, nid, &s))
				break;
			track_sample(&d->track[nid], &s);
			if (ring_follows && d->ring_spc && nid == d->ring_nid &&
			    (long)s.jiffies / d->ring_spc >= d->ring_lo_k)
				ring_fold(d, &s);
		}
		if (!sim_history_sample(sim, i, 0, &s)) {
			d->seen_j = (long)s.jiffies;
			memcpy(d->seen_cnt, s.counter, sizeof(d->seen_cnt));
		}
	}
}

/* }====== */

/* {====== choices: zone, time scale, y scale */

struct zone_ref {
	int nid, zid;
};

static int populated_zones(const struct sim *sim, struct zone_ref *out)
{
	struct sim_zone_info zi;
	int n = 0;

	for (int nid = 0; nid < sim_nr_nodes(sim); nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			if (!sim_zone_info(sim, nid, zid, &zi) && zi.managed)
				out[n++] = (struct zone_ref){ nid, zid };
	return n;
}

/*
 * The zone to show by itself: the one whose free pages were last below
 * its high watermark (the zone reclaim works for), the emptier one when
 * two were; with no pressure yet, node 0's highest zone, where user
 * pages go first.
 */
static struct zone_ref auto_zone(const struct pane_history_data *d,
				 const struct zone_ref *zones, int nz)
{
	struct zone_ref best = zones[nz - 1];
	long best_j = -1;
	double best_r = 2;

	for (int i = nz - 1; i >= 0; i--) {
		const struct hist_track *t = &d->track[zones[i].nid];
		long j = t->pressure_j[zones[i].zid];
		double r = t->pressure_r[zones[i].zid];

		if (j > best_j || (j == best_j && j >= 0 && r < best_r)) {
			best = zones[i];
			best_j = j;
			best_r = r;
		}
	}
	if (best_j < 0)
		for (int i = nz - 1; i >= 0; i--)
			if (zones[i].nid == 0)
				return zones[i];
	return best;
}

/*
 * The automatic time scale: the window reaches back to the start of
 * kswapd's last HIST_EPISODES runs (all there is, before it ever ran),
 * with an eighth more on the left, so the fall to low, the reclaim and
 * the sleep above high are all in view. The scale only changes when the
 * window no longer holds that, or would hold it in under a third.
 */
static int auto_scale(const struct pane_history_data *d, int nid, int cur,
		      long oldest_j, long newest_j, int w)
{
	const struct hist_track *t = &d->track[nid];
	long from = oldest_j, need;
	int idx;

	for (int e = HIST_EPISODES - 1; e >= 0; e--) {
		if (t->ep_start[e] >= 0) {
			from = t->ep_start[e];
			from -= (newest_j - from) / 8 + 2;
			break;
		}
	}
	if (from < oldest_j)
		from = oldest_j;
	need = newest_j - from + 1;
	if (cur >= 0 && cur < NR_SCALES && scale_span(cur, w) >= need &&
	    scale_span(cur, w) <= 3 * need)
		return cur;
	for (idx = 0; idx < NR_SCALES - 1; idx++)
		if (scale_span(idx, w) >= need)
			break;
	return idx;
}

struct yscale {
	unsigned long lo, hi;
	char label[64];
};

static unsigned long nice_ceil(unsigned long v)
{
	unsigned long p = 1;

	while (p * 10 <= v)
		p *= 10;
	for (unsigned long m = 1; m <= 10; m++)
		if (m * p >= v)
			return m * p;
	return v;
}

/*
 * Far above the band, the chart spans 0 to the window's largest free
 * count. Once free pages come within 4*high, it zooms to 0..2*high or
 * 0..4*high (the zones pane's zoom), or, where the chart is too short to
 * set min, low and high a row apart, onto the band itself: two gaps
 * below min to two above high. Free pages outside the scale are clipped.
 */
static void choose_yscale(unsigned long minf, unsigned long maxf,
			  const unsigned long *wm, int rows, struct yscale *y)
{
	unsigned long high = wm[WMARK_HIGH], gap, top;

	gap = wm[WMARK_LOW] - wm[WMARK_MIN];
	if (wm[WMARK_HIGH] - wm[WMARK_LOW] < gap)
		gap = wm[WMARK_HIGH] - wm[WMARK_LOW];
	if (!high || minf > 4 * high) {
		y->lo = 0;
		y->hi = nice_ceil(maxf + maxf / 8 + 1);
		snprintf(y->label, sizeof(y->label), "y 0..%lu", y->hi);
		return;
	}
	top = maxf <= 2 * high ? 2 : 4;
	if (gap && gap * (unsigned long)rows >= top * high) {
		y->lo = 0;
		y->hi = top * high;
		snprintf(y->label, sizeof(y->label), "zoom 0..%lu*high=%lu",
			 top, y->hi);
		return;
	}
	if (!gap)
		gap = high / 8 + 1;
	y->lo = wm[WMARK_MIN] > 2 * gap ? wm[WMARK_MIN] - 2 * gap : 0;
	y->hi = high + 2 * gap;
	snprintf(y->label, sizeof(y->label), "zoom %lu..%lu", y->lo, y->hi);
}

/* }====== */

/* {====== drawing */

static void fmt_count(char *buf, size_t n, double v)
{
	if (v >= 9999500)
		snprintf(buf, n, "%.1fM", v / 1e6);
	else if (v >= 99999.5)
		snprintf(buf, n, "%.0fk", v / 1e3);
	else if (v >= 9999.5)
		snprintf(buf, n, "%.1fk", v / 1e3);
	else if (v >= 10 || v == 0)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

/* Dot row (0: bottom) of value v on a chart dots high; clipped. */
static int dot_of(unsigned long v, const struct yscale *y, int dots)
{
	double f;
	int d;

	if (v <= y->lo)
		return 0;
	f = (double)(v - y->lo) / (double)(y->hi - y->lo);
	d = (int)(f * dots);
	return d >= dots ? dots - 1 : d;
}

/*
 * Braille bits of dot row k (0: the cell's bottom) in the left and the
 * right dot column: U+2800 plus dots 7/8 at the bottom, 1/4 at the top.
 */
static const unsigned int dot_bits[4][2] = {
	{ 0x40, 0x80 },
	{ 0x04, 0x20 },
	{ 0x02, 0x10 },
	{ 0x01, 0x08 },
};

static void put_braille(struct draw_ctx *dc, int y, int x, enum ui_role role,
			unsigned int bits)
{
	unsigned int cp = 0x2800 + bits;
	char g[4] = { (char)(0xe0 | (cp >> 12)),
		      (char)(0x80 | ((cp >> 6) & 0x3f)),
		      (char)(0x80 | (cp & 0x3f)), 0 };

	draw_text(dc, y, x, role, g);
}

/* What the frame draws from: the window's buckets, one per dot column. */
struct frame {
	const struct pane_history_data *d;
	int zid;
	int dw; /* dot columns */
	int per_cell; /* dot columns a text cell: 2 braille, 1 ASCII */
	int zoom; /* dot columns a bucket */
	long spc; /* jiffies a bucket */
	long k_first; /* bucket of dot column 0 (before zoom's offset) */
	int offset; /* dot columns of bucket k_first cut off on the left */
	bool uni;
};

/* The bucket under dot column c, or NULL where there is no sample. */
static const struct hist_bucket *col_bucket(const struct frame *f, int c)
{
	long k = f->k_first + (c + f->offset) / f->zoom;
	const struct hist_bucket *b;

	if (k < 0)
		return NULL;
	b = &f->d->ring[k % HIST_COLS];
	return b->k == k ? b : NULL;
}

/* Jiffy at the left edge of dot column c (fractional when stretched). */
static double col_jiffy(const struct frame *f, int c)
{
	return ((double)f->k_first + (double)(c + f->offset) / f->zoom) *
	       (double)f->spc;
}

static enum ui_role level_role(unsigned long v, const unsigned long *wm)
{
	if (v < wm[WMARK_MIN])
		return ROLE_MIN;
	if (v < wm[WMARK_LOW])
		return ROLE_LOW;
	return ROLE_CHART;
}

static const enum ui_role wm_role[3] = { ROLE_MIN, ROLE_LOW, ROLE_HIGH };
static const char *const wm_name[3] = { "min", "low", "high" };

/* The chart: rows text rows from y0, cw cells from LEFT_W. */
static void draw_chart(struct draw_ctx *dc, const struct frame *f, int y0,
		       int rows, int cw, const struct yscale *ys,
		       const unsigned long *wm_now)
{
	int dots = rows * (f->uni ? 4 : 1);
	int wm_dot[3];

	for (int w = 0; w < 3; w++)
		wm_dot[w] = wm_now[w] >= ys->lo && wm_now[w] <= ys->hi ?
				    dot_of(wm_now[w], ys, dots) :
				    -1;
	for (int r = 0; r < rows; r++) {
		int dlo = (rows - 1 - r) * (f->uni ? 4 : 1);
		int dhi = dlo + (f->uni ? 3 : 0);
		int line = -1;
		unsigned int line_bits = 0;

		/*
		 * The watermarks on this row, at the dot row they fall on so
		 * that the curve crosses them where it really does; the
		 * highest one colours the row's line and names it.
		 */
		for (int w = 0; w < 3; w++) {
			if (wm_dot[w] < dlo || wm_dot[w] > dhi)
				continue;
			line = w;
			if (f->uni)
				line_bits |= dot_bits[wm_dot[w] - dlo][0] |
					     dot_bits[wm_dot[w] - dlo][1];
		}
		draw_text(dc, y0 + r, LEFT_W - 1, ROLE_AXIS,
			  f->uni ? (line >= 0 ? "┼" : "│") :
				   (line >= 0 ? "+" : "|"));
		for (int x = 0; x < cw; x++) {
			unsigned int bits = 0;
			bool clipped = false, mark = false;
			enum ui_role role = ROLE_CHART;

			for (int h = 0; h < f->per_cell; h++) {
				int c = x * f->per_cell + h;
				const struct hist_bucket *b = col_bucket(f, c);
				const struct hist_bucket *pb;
				int lo, hi;

				if (!b)
					continue;
				lo = dot_of(b->lo[f->zid], ys, dots);
				hi = dot_of(b->hi[f->zid], ys, dots);
				/*
				 * A bucket stretched over several columns
				 * shows its range in the first, its last
				 * value in the others; a new bucket joins
				 * the previous one's last value.
				 */
				pb = c > 0 ? col_bucket(f, c - 1) : NULL;
				if (pb == b) {
					lo = hi = dot_of(b->last[f->zid], ys,
							 dots);
				} else if (pb) {
					int pl = dot_of(pb->last[f->zid], ys,
							dots);

					if (pl < lo)
						lo = pl;
					if (pl > hi)
						hi = pl;
				}
				if (lo > dhi || hi < dlo)
					continue;
				if (b->hi[f->zid] > ys->hi && hi <= dhi &&
				    hi >= dlo)
					clipped = true;
				if (level_role(b->lo[f->zid], b->wm[f->zid]) !=
					    ROLE_CHART &&
				    lo >= dlo && lo <= dhi)
					role = level_role(b->lo[f->zid],
							  b->wm[f->zid]);
				mark = true;
				for (int dd = lo > dlo ? lo : dlo;
				     dd <= hi && dd <= dhi; dd++)
					bits |= dot_bits[dd - dlo][h];
			}
			if (clipped && !f->uni)
				draw_text(dc, y0 + r, LEFT_W + x, ROLE_CHART,
					  "^");
			else if (clipped)
				put_braille(dc, y0 + r, LEFT_W + x, ROLE_CHART,
					    bits | 0x09);
			else if (f->uni && bits)
				put_braille(dc, y0 + r, LEFT_W + x, role,
					    bits | line_bits);
			else if (line_bits)
				put_braille(dc, y0 + r, LEFT_W + x,
					    wm_role[line], line_bits);
			else if (!f->uni && mark)
				draw_text(dc, y0 + r, LEFT_W + x, role, "*");
			else if (line >= 0)
				draw_text(dc, y0 + r, LEFT_W + x, wm_role[line],
					  f->uni ? "─" : "-");
		}
		/* y labels: the watermarks on their rows, the scale's ends */
		if (line >= 0) {
			char names[16] = "";

			for (int w = 0; w < 3; w++) {
				if (wm_dot[w] < dlo || wm_dot[w] > dhi)
					continue;
				if (names[0])
					strcat(names, "/");
				strcat(names, wm_name[w]);
			}
			draw_printf(dc, y0 + r, 0, wm_role[line], "%*lu",
				    LEFT_W - 2, wm_now[line]);
			draw_text(dc, y0 + r, LEFT_W + cw + 1, wm_role[line],
				  names);
		} else if (r == 0 || r == rows - 1) {
			draw_printf(dc, y0 + r, 0, ROLE_AXIS, "%*lu",
				    LEFT_W - 2, r == 0 ? ys->hi : ys->lo);
		}
	}
	/* free pages above the zoomed scale: how far, at the right */
	{
		const struct hist_bucket *b = col_bucket(f, f->dw - 1);

		if (b && b->last[f->zid] > ys->hi && rows > 1)
			draw_printf(dc, y0, LEFT_W + cw + 1, ROLE_CHART,
				    f->uni ? "↑%lu" : "^%lu", b->last[f->zid]);
	}
}

/* kswapd's strip: running, napping, sleeping, a cell each. */
static void draw_kswapd(struct draw_ctx *dc, const struct frame *f, int y,
			int cw, int nid, int right_w)
{
	static const char *const uni[4] = { " ", "▁", "▄", "█" };
	static const char ascii[4] = { ' ', 's', 'n', 'R' };
	static const enum ui_role role[4] = { ROLE_NORMAL, ROLE_KSWAPD_SLEEPING,
					      ROLE_KSWAPD_NAPPING,
					      ROLE_KSWAPD_RUNNING };

	draw_printf(dc, y, 0, ROLE_AXIS, "kswapd%-*d", LEFT_W - 7, nid);
	draw_text(dc, y, LEFT_W - 1, ROLE_AXIS, f->uni ? "│" : "|");
	for (int x = 0; x < cw; x++) {
		int st = 0;

		for (int h = 0; h < f->per_cell; h++) {
			const struct hist_bucket *b =
				col_bucket(f, x * f->per_cell + h);

			if (b && b->state > st)
				st = b->state;
		}
		if (f->uni) {
			draw_text(dc, y, LEFT_W + x, role[st], uni[st]);
		} else {
			char g[2] = { ascii[st], 0 };

			draw_text(dc, y, LEFT_W + x, role[st], g);
		}
	}
	if (right_w >= 20)
		draw_text(dc, y, LEFT_W + cw + 1, ROLE_AXIS,
			  f->uni ? "█run ▄nap ▁sleep" : "R run n nap s sleep");
	else if (right_w >= 5)
		draw_text(dc, y, LEFT_W + cw + 1, ROLE_AXIS,
			  f->uni ? "█▄▁" : "Rns");
}

struct rate_row {
	const char *label; /* in the left margin */
	const char *name; /* the /proc/vmstat name, in the right one */
	int counter; /* SIM_HC_* */
	enum ui_role role;
};

static const struct rate_row rate_rows[] = {
	{ "pgscan k", "pgscan_kswapd", SIM_HC_PGSCAN_KSWAPD, ROLE_CHART },
	{ "pgsteal k", "pgsteal_kswapd", SIM_HC_PGSTEAL_KSWAPD, ROLE_CHART },
	{ "pgscan d", "pgscan_direct", SIM_HC_PGSCAN_DIRECT, ROLE_DIRECT },
	{ "pgsteal d", "pgsteal_direct", SIM_HC_PGSTEAL_DIRECT, ROLE_DIRECT },
	{ "allocstall", "allocstall_*", SIM_HC_ALLOCSTALL, ROLE_DIRECT },
	{ "pswpout", "pswpout", SIM_HC_PSWPOUT, ROLE_ANON },
	{ "pswpin", "pswpin", SIM_HC_PSWPIN, ROLE_ANON },
	{ "refault", "workingset_refault", SIM_HC_REFAULT, ROLE_FILE },
};
#define NR_RATE_ROWS ((int)(sizeof(rate_rows) / sizeof(rate_rows[0])))

/*
 * Events per second in text cell x: the counter's growth over the
 * distinct buckets under the cell, over the jiffies they cover.
 */
static double cell_rate(const struct frame *f, int x, int counter)
{
	const struct hist_bucket *seen[2] = { NULL, NULL };
	uint64_t n = 0;
	long jiffies = 0;

	for (int h = 0; h < f->per_cell; h++) {
		const struct hist_bucket *b =
			col_bucket(f, x * f->per_cell + h);

		if (!b || b == seen[0])
			continue;
		seen[h] = b;
		n += b->c1[counter] - b->c0[counter];
		jiffies += f->spc;
	}
	return jiffies ? (double)n * HIST_HZ / (double)jiffies : 0;
}

static void draw_rate(struct draw_ctx *dc, const struct frame *f, int y, int cw,
		      const struct rate_row *rr, int right_w)
{
	static const char *const uni[9] = { " ", "▁", "▂", "▃", "▄",
					    "▅", "▆", "▇", "█" };
	static const char ascii[] = " .:-=+*#";
	double peak = 0;
	char num[16];

	for (int x = 0; x < cw; x++) {
		double r = cell_rate(f, x, rr->counter);

		if (r > peak)
			peak = r;
	}
	draw_printf(dc, y, 0, ROLE_AXIS, "%-*s", LEFT_W - 1, rr->label);
	draw_text(dc, y, LEFT_W - 1, ROLE_AXIS, f->uni ? "│" : "|");
	for (int x = 0; x < cw && peak > 0; x++) {
		double r = cell_rate(f, x, rr->counter);
		int l;

		if (r <= 0)
			continue;
		if (f->uni) {
			l = (int)(r * 8 / peak + 0.5);
			draw_text(dc, y, LEFT_W + x, rr->role,
				  uni[l < 1 ? 1 :
				      l > 8 ? 8 :
					      l]);
		} else {
			char g[2] = { 0, 0 };

			l = (int)(r * 7 / peak + 0.5);
			g[0] = ascii[l < 1 ? 1 : l > 7 ? 7 : l];
			draw_text(dc, y, LEFT_W + x, rr->role, g);
		}
	}
	fmt_count(num, sizeof(num), peak);
	if (right_w >= 28)
		draw_printf(dc, y, LEFT_W + cw + 1, ROLE_AXIS, "%-18s max %s/s",
			    rr->name, num);
	else if (right_w >= 6)
		draw_printf(dc, y, LEFT_W + cw + 1, ROLE_AXIS, "%s/s", num);
}

/* Tick spacing in jiffies: 4 ms up to 100 s, in steps a reader can add. */
static const long ticks[] = {
	1,   2,	   5,	 10,   25,    50,    125,   250,
	500, 1250, 2500, 5000, 12500, 25000, 62500, 125000
};

static void fmt_seconds(char *buf, size_t n, long j, long step)
{
	double s = (double)j / HIST_HZ;

	if (step % HIST_HZ == 0)
		snprintf(buf, n, "%.0fs", s);
	else if ((step * 10) % HIST_HZ == 0)
		snprintf(buf, n, "%.1fs", s);
	else if ((step * 100) % HIST_HZ == 0)
		snprintf(buf, n, "%.2fs", s);
	else
		snprintf(buf, n, "%.3fs", s);
}

/*
 * Seconds on row y, jiffies on row y + 1 if jrow, at the same ticks; the
 * time a cell stands for at the right end of the last row.
 */
static void draw_time_axis(struct draw_ctx *dc, const struct frame *f, int y,
			   int cw, bool jrow)
{
	double j0 = col_jiffy(f, 0), j1 = col_jiffy(f, cw * f->per_cell);
	double per_cell = (j1 - j0) / cw,
	       jpc = (double)f->spc * f->per_cell / f->zoom;
	long step = ticks[0];
	int next_free = LEFT_W, sx;
	char lab[32], scale[32];

	if (jpc >= 1)
		snprintf(scale, sizeof(scale), "%g %s a cell", jpc,
			 jpc == 1 ? "jiffy" : "jiffies");
	else
		snprintf(scale, sizeof(scale), "%g cells a jiffy", 1 / jpc);
	sx = dc->w - (int)strlen(scale);
	draw_text(dc, y, 0, ROLE_AXIS, "seconds");
	if (jrow)
		draw_text(dc, y + 1, 0, ROLE_AXIS, "jiffies");
	for (size_t i = 0; i < sizeof(ticks) / sizeof(ticks[0]); i++) {
		step = ticks[i];
		if ((double)step / per_cell >= 11)
			break;
	}
	for (long t = ((long)j0 + step - 1) / step * step; t < (long)j1;
	     t += step) {
		int x = LEFT_W + (int)(((double)t - j0) / per_cell);
		int wl;

		if (x < next_free || (double)t < j0 || t < 0)
			continue;
		fmt_seconds(lab, sizeof(lab), t, step);
		wl = (int)strlen(lab);
		if (x + wl + 1 > LEFT_W + cw || (!jrow && x + wl + 2 > sx))
			break;
		draw_text(dc, y, x, ROLE_AXIS, f->uni ? "╵" : "'");
		draw_text(dc, y, x + 1, ROLE_AXIS, lab);
		if (jrow && x + 12 < sx)
			draw_printf(dc, y + 1, x + 1, ROLE_AXIS, "%ld", t);
		next_free = x + wl + 3;
	}
	if (sx > LEFT_W + 8)
		draw_text(dc, jrow ? y + 1 : y, sx, ROLE_AXIS, scale);
}

/* One line for a pane too small for the chart: the zone now, kswapd. */
static void draw_summary(struct draw_ctx *dc, const struct sim *sim,
			 struct zone_ref z)
{
	struct sim_zone_info zi;
	struct sim_kswapd_info k;
	int x = 0;

	if (sim_zone_info(sim, z.nid, z.zid, &zi))
		return;
	x += draw_printf(dc, 0, x, ROLE_ZONE_NAME, "Node %d %s", z.nid,
			 zi.name);
	x += draw_printf(dc, 0, x, ROLE_NORMAL, "  free %lu", zi.free);
	x += draw_printf(dc, 0, x, ROLE_MIN, "  min %lu", zi.wmark[WMARK_MIN]);
	x += draw_printf(dc, 0, x, ROLE_LOW, " low %lu", zi.wmark[WMARK_LOW]);
	x += draw_printf(dc, 0, x, ROLE_HIGH, " high %lu",
			 zi.wmark[WMARK_HIGH]);
	if (!sim_kswapd_info(sim, z.nid, &k))
		x += draw_printf(
			dc, 0, x,
			!strcmp(k.state, "running") ? ROLE_KSWAPD_RUNNING :
			!strcmp(k.state, "napping") ? ROLE_KSWAPD_NAPPING :
						      ROLE_KSWAPD_SLEEPING,
			"  kswapd%d %s", z.nid, k.state);
	if (x + 16 <= dc->w)
		draw_text(dc, 0, x, ROLE_AXIS, "   h: the chart");
}

static void draw_no_history(struct draw_ctx *dc, const struct sim *sim,
			    struct zone_ref z)
{
	struct sim_zone_info zi;

	if (sim_zone_info(sim, z.nid, z.zid, &zi))
		return;
	draw_printf(dc, 0, 0, ROLE_ZONE_NAME, "Node %d %s", z.nid, zi.name);
	draw_printf(dc, 0, 16, ROLE_NORMAL,
		    "free %lu  min %lu low %lu high %lu", zi.free,
		    zi.wmark[WMARK_MIN], zi.wmark[WMARK_LOW],
		    zi.wmark[WMARK_HIGH]);
	draw_text(dc, 1, 0, ROLE_AXIS,
		  "no history yet: one sample a jiffy once time runs "
		  "(space, or run(250) for a second)");
}

/* Rows of the rates: the busy counters, kswapd's two first. */
static int pick_rates(const struct frame *f, int cw, int room, int *out)
{
	int n = 0;

	for (int i = 0; i < NR_RATE_ROWS && n < room; i++) {
		bool busy = i < 2;

		for (int x = 0; x < cw && !busy; x++)
			busy = cell_rate(f, x, rate_rows[i].counter) > 0;
		if (busy)
			out[n++] = i;
	}
	return n;
}

static void pane_history_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_history_data *d = p->data;
	const struct sim *sim = script_sim(p->ui->S);
	struct zone_ref zones[SIM_MAX_NODES * MAX_NR_ZONES], z;
	struct sim_history_sample s0, sn;
	struct frame f;
	struct yscale ys;
	unsigned long minf = ~0UL, maxf = 0, wm_now[3];
	long oldest_j, newest_j, end_j, k_end;
	int nz, cw, right_w, rows, chart_h, axis_h, nr_rates, rate_idx[8];
	int idx, x;
	size_t len;

	draw_clear(dc, ROLE_NORMAL);
	if (!sim || !(nz = populated_zones(sim, zones))) {
		draw_text(dc, 0, 0, ROLE_NORMAL, "no machine");
		return;
	}
	len = sim_history_len(sim);
	d->drawn_len = len;
	d->drawn_j = sim_jiffies(sim);
	if (d->zone_sel >= nz)
		d->zone_sel = -1;
	if (!len || sim_history_sample(sim, 0, 0, &s0) ||
	    sim_history_sample(sim, len - 1, 0, &sn)) {
		draw_no_history(dc, sim,
				d->zone_sel >= 0 ? zones[d->zone_sel] :
						   zones[nz - 1]);
		return;
	}
	oldest_j = (long)s0.jiffies;
	newest_j = (long)sn.jiffies;
	fold_new(d, sim, len, d->anchor_j < 0);
	z = d->zone_sel >= 0 ? zones[d->zone_sel] : auto_zone(d, zones, nz);

	/* the geometry: margins, then rows from the bottom up */
	right_w = dc->w >= 120 ? 30 : dc->w >= 60 ? 7 : 0;
	cw = dc->w - LEFT_W - right_w - (right_w ? 1 : 0);
	if (cw < 8 || dc->h < 4) {
		draw_summary(dc, sim, z);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.d = d;
	f.zid = z.zid;
	f.uni = use_unicode(p->ui);
	f.per_cell = f.uni ? 2 : 1;
	f.dw = cw * f.per_cell;
	if (f.dw > HIST_COLS)
		f.dw = HIST_COLS;

	/* the time scale and the window */
	if (!d->scale_manual)
		d->scale_idx = auto_scale(d, z.nid, d->scale_idx, oldest_j,
					  newest_j, f.dw);
	idx = d->scale_idx;
	f.spc = scale_spc(idx);
	f.zoom = scale_zoom(idx);
	end_j = d->anchor_j < 0 ? newest_j : d->anchor_j;
	if (end_j > newest_j)
		end_j = newest_j;
	k_end = end_j / f.spc;
	{
		long nb = (f.dw + f.zoom - 1) / f.zoom;

		f.k_first = k_end - nb + 1;
		f.offset = (int)(nb * f.zoom - f.dw);
		if (d->ring_spc != f.spc || d->ring_nid != z.nid ||
		    d->ring_lo_k > (f.k_first > 0 ? f.k_first : 0) ||
		    d->ring_hi_k < k_end || k_end - d->ring_hi_k >= HIST_COLS)
			ring_build(d, sim, len, z.nid, f.spc, f.k_first,
				   d->anchor_j < 0 ? newest_j / f.spc : k_end);
	}

	/* what the window holds: the y scale's range */
	for (x = 0; x < f.dw; x++) {
		const struct hist_bucket *b = col_bucket(&f, x);

		if (!b)
			continue;
		if (b->lo[z.zid] < minf)
			minf = b->lo[z.zid];
		if (b->hi[z.zid] > maxf)
			maxf = b->hi[z.zid];
	}
	{
		const struct hist_bucket *b = col_bucket(&f, f.dw - 1);

		if (!b)
			b = &d->ring[k_end % HIST_COLS];
		memcpy(wm_now, b->wm[z.zid], sizeof(wm_now));
	}

	/* rows: header, chart, kswapd, rates, time axis */
	axis_h = dc->h >= 14 ? 2 : 1;
	rows = dc->h - 1 - 1 - axis_h;
	nr_rates = 0;
	if (rows >= 6) {
		int room = rows - (rows * 3 + 4) / 5;

		nr_rates = pick_rates(&f, cw, room > 8 ? 8 : room, rate_idx);
	}
	chart_h = rows - nr_rates;
	if (chart_h < 1) {
		chart_h = dc->h - 1;
		nr_rates = 0;
		axis_h = 0;
	}
	choose_yscale(minf == ~0UL ? 0 : minf, maxf, wm_now, chart_h, &ys);
	if (ys.hi <= ys.lo)
		ys.hi = ys.lo + 1;

	/* header: the zone and its numbers now, the scales */
	{
		const struct hist_bucket *b = col_bucket(&f, f.dw - 1);
		unsigned long free_now = b ? b->last[z.zid] : 0;
		int hx = 0;

		hx += draw_printf(dc, 0, hx, ROLE_ZONE_NAME, "Node %d %s%s",
				  z.nid, sim_zone_name(z.zid),
				  d->zone_sel < 0 ? " (auto)" : "");
		hx += draw_printf(dc, 0, hx, ROLE_NORMAL, "  free %lu",
				  free_now);
		hx += draw_printf(dc, 0, hx, ROLE_MIN, "  min %lu",
				  wm_now[WMARK_MIN]);
		hx += draw_printf(dc, 0, hx, ROLE_LOW, " low %lu",
				  wm_now[WMARK_LOW]);
		hx += draw_printf(dc, 0, hx, ROLE_HIGH, " high %lu",
				  wm_now[WMARK_HIGH]);
		if (hx + 3 + (int)strlen(ys.label) <= dc->w)
			hx += draw_printf(dc, 0, hx, ROLE_AXIS, "   %s",
					  ys.label);
		if (d->anchor_j >= 0 && hx + 20 <= dc->w)
			draw_text(dc, 0, hx, ROLE_CHANGED, "  scrolled: End");
	}
	draw_chart(dc, &f, 1, chart_h, cw, &ys, wm_now);
	if (axis_h == 0)
		return;
	draw_kswapd(dc, &f, 1 + chart_h, cw, z.nid, right_w);
	for (int i = 0; i < nr_rates; i++)
		draw_rate(dc, &f, 2 + chart_h + i, cw, &rate_rows[rate_idx[i]],
			  right_w);
	draw_time_axis(dc, &f, 2 + chart_h + nr_rates, cw, axis_h > 1);
}

/* }====== */

/*
 * The chart wants height. On a screen too small for the dashboard
 * (layout.c's 160x36) the stacked panes share few rows: from 24 rows the
 * chart is compact (three rows of braille at 80x24, enough for one
 * kswapd cycle's sawtooth), below that one summary line; the user's
 * letter, which focuses the pane, makes it large from then on.
 */
static int pane_history_want_h(struct pane *p, int w)
{
	struct pane_history_data *d = p->data;

	if (p->ui->focus == p)
		d->expanded = true;
	if (!d->expanded && (p->ui->cols < 160 || p->ui->rows < 36))
		return p->ui->rows < 24 ? 1 :
		       p->ui->rows < 32 ? 6 :
					  p->ui->rows / 4;
	return w >= 120 ? 24 : 14;
}

static enum pane_key_result pane_history_key(struct pane *p, int key)
{
	struct pane_history_data *d = p->data;
	const struct sim *sim = script_sim(p->ui->S);
	struct zone_ref zones[SIM_MAX_NODES * MAX_NR_ZONES];
	struct sim_history_sample s;
	size_t len = sim ? sim_history_len(sim) : 0;
	long newest, oldest, span, end;
	int nz = sim ? populated_zones(sim, zones) : 0;
	int dw = (p->w - LEFT_W - 8) * 2;

	if (dw < 16)
		dw = 16;
	if (dw > HIST_COLS)
		dw = HIST_COLS;
	switch (key) {
	case 'j':
	case UI_KEY_DOWN:
		d->zone_sel = d->zone_sel + 1 >= nz ? -1 : d->zone_sel + 1;
		return PANE_REDRAW;
	case 'k':
	case UI_KEY_UP:
		d->zone_sel = d->zone_sel < 0 ? nz - 1 : d->zone_sel - 1;
		return PANE_REDRAW;
	case '<':
		d->scale_manual = true;
		if (d->scale_idx < NR_SCALES - 1)
			d->scale_idx++;
		return PANE_REDRAW;
	case '>':
		d->scale_manual = true;
		if (d->scale_idx > 0)
			d->scale_idx--;
		return PANE_REDRAW;
	case UI_KEY_END:
		d->anchor_j = -1;
		d->scale_manual = false;
		return PANE_REDRAW;
	}
	if (!len || sim_history_sample(sim, 0, 0, &s))
		return PANE_IGNORED;
	oldest = (long)s.jiffies;
	if (sim_history_sample(sim, len - 1, 0, &s))
		return PANE_IGNORED;
	newest = (long)s.jiffies;
	span = scale_span(d->scale_idx, dw);
	end = d->anchor_j < 0 ? newest : d->anchor_j;
	switch (key) {
	case UI_KEY_LEFT:
		end -= span / 4 > 0 ? span / 4 : 1;
		break;
	case UI_KEY_RIGHT:
		end += span / 4 > 0 ? span / 4 : 1;
		break;
	case UI_KEY_PPAGE:
		end -= span;
		break;
	case UI_KEY_NPAGE:
		end += span;
		break;
	case UI_KEY_HOME:
		end = oldest + span - 1;
		break;
	default:
		return PANE_IGNORED;
	}
	if (end < oldest)
		end = oldest;
	d->anchor_j = end >= newest ? -1 : end;
	return PANE_REDRAW;
}

static int pane_history_init(struct pane *p)
{
	struct pane_history_data *d = p->data;

	d->zone_sel = -1;
	d->anchor_j = -1;
	d->scale_idx = 0;
	track_reset(d);
	return 0;
}

/* Redraw when the recorder took a sample or the machine changed. */
static bool pane_history_poll(struct pane *p)
{
	struct pane_history_data *d = p->data;
	const struct sim *sim = script_sim(p->ui->S);

	return sim && (sim != d->sim || sim_jiffies(sim) != d->drawn_j ||
		       sim_history_len(sim) != d->drawn_len);
}

const struct pane_type pane_history_type = {
	.name = "history",
	.title = "history: free pages against min/low/high over time; "
		 "kswapd; reclaim rates",
	.toggle_key = 'h',
	.min_h = 1,
	.data_size = sizeof(struct pane_history_data),
	.init = pane_history_init,
	.want_h = pane_history_want_h,
	.draw = pane_history_draw,
	.key = pane_history_key,
	.poll = pane_history_poll,
};
