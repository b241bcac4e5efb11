// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kswapd pane: for each node, what kswapd is doing and why. Its state
 * and the pgdat fields that wake it (kswapd_order, kswapd_highest_zoneidx,
 * kswapd_failures); while a pass is live, the scan_control it reclaims
 * with (a parked direct reclaimer's too); get_scan_count()'s last
 * decision, by its enum scan_balance name, with the targets it set per
 * list; and the rounds of the current or last balance_pgdat() pass, one
 * column per sc.priority, so the priority's fall and the doubling scan
 * that goes with it (lru_size >> priority) stay on screen after the pass
 * is over. While a reclaimer is parked, the numbers the last step changed
 * stand out. Under the nodes, the memory pressure reclaim measured
 * (mm/vmpressure.c): the window of scanned pages it is counting, what
 * the last window came to, and how many windows came to each level; and
 * the disk: pages queued at it, how writeback throttling holds its
 * writers (requests under way, the limit, writers waiting), and, once
 * a reclaimer below min has used the bio mempool's reserve, what is
 * left of it and who sleeps for a bio (bio.c). All of it
 * comes from sim_kswapd_info(), sim_vmpressure_info(), sim_disk_state()
 * and sim_where(): a few copies per node and frame.
 *
 * Text flows: a line that does not fit the width wraps at a field, and
 * the rounds' table splits into blocks. want_h() runs the same drawing
 * code without a context to count the rows. A pane short of rows drops
 * get_scan_count() and the table's heading, then vmpressure's lines,
 * then the disk's, as long as the rest still does not fit.
 */
#include "pane.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

/* The table's row labels; the widest sets the label column. */
static const char *const row_names[] = { "priority", "scanned", "reclaimed" };
#define LABEL_W 10 /* "reclaimed" and a space */

/* mm/vmscan.c: shrink_lruvec()'s nr[], indexed by enum lru_list */
static const char *const lru_names[] = {
	"inactive_anon",
	"active_anon",
	"inactive_file",
	"active_file",
};

/*
 * Values that stand out when a step changed them, as gdb's TUI and pwndbg
 * mark the registers an instruction wrote: per node (the first
 * MARK_NODES), the fields below.
 */
#define MARK_NODES 4
enum mark {
	MARK_ORDER,
	MARK_FAILURES,
	MARK_KSWAPD_SC, /* priority, nr_to_reclaim, nr_scanned, nr_reclaimed */
	MARK_DIRECT_SC =
		MARK_KSWAPD_SC + 4, /* the same, a direct reclaimer's */
	MARK_SCAN_NR = MARK_DIRECT_SC + 4, /* get_scan_count()'s nr[] */
	MARK_NR_PRIO = MARK_SCAN_NR + 4, /* the rounds' table's columns */
	NR_MARKS,
};

struct mark_set {
	unsigned long v[MARK_NODES][NR_MARKS];
	bool ok[MARK_NODES][NR_MARKS]; /* shown, so v is meaningful */
};

struct pane_kswapd_data {
	int top; /* first row shown (scrolled) */
	int nr_rows; /* rows of the last full layout */
	uint64_t last_sum; /* what the last poll saw, hashed */
	uint64_t drawn_sum; /* what the last frame showed, hashed */
	struct mark_set cur; /* the values of the last frame */
	struct mark_set base; /* those before the last change */
};

/* A cursor that writes wrapped fields, or only counts rows (dc NULL). */
struct flow {
	struct draw_ctx *dc;
	int w;
	int top; /* the row drawn at the pane's row 0 */
	int y, x;
	bool brief; /* leave out get_scan_count() and the table's heading */
	struct pane_kswapd_data *d; /* to note values; NULL: don't */
	int nid;
	bool marks; /* a reclaimer is parked: mark what a step changed */
};

/*
 * Note a drawn value; returns role, or ROLE_CHANGED if it differs from
 * what the frame before the last change showed.
 */
static enum ui_role mark(struct flow *f, int key, unsigned long value,
			 enum ui_role role)
{
	struct pane_kswapd_data *d = f->d;
	int nid = f->nid;

	if (!f->dc || !d || key < 0 || nid >= MARK_NODES)
		return role;
	d->cur.v[nid][key] = value;
	d->cur.ok[nid][key] = true;
	if (f->marks && d->base.ok[nid][key] && d->base.v[nid][key] != value)
		return ROLE_CHANGED;
	return role;
}

static void flow_newline(struct flow *f)
{
	if (f->x > 0)
		f->y++;
	f->x = 0;
}

/*
 * One field: two spaces from the one before it, or at the start of the
 * next row if it would not fit (a field wider than the pane is clipped).
 */
static void flow_field(struct flow *f, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void flow_field(struct flow *f, enum ui_role role, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int w, gap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	w = draw_width(buf, strlen(buf));
	gap = f->x > 0 ? 2 : 0;
	if (f->x > 0 && f->x + gap + w > f->w) {
		flow_newline(f);
		gap = 0;
	}
	if (f->dc)
		draw_text(f->dc, f->y - f->top, f->x + gap, role, buf);
	f->x += gap + w;
}

/* A name and its value: the name plain, the value in role (or marked). */
static void flow_pair(struct flow *f, int key, const char *name,
		      enum ui_role role, unsigned long value)
{
	char v[32];
	int w, gap;

	snprintf(v, sizeof(v), "%lu", value);
	w = (int)strlen(name) + 1 + (int)strlen(v);
	gap = f->x > 0 ? 2 : 0;
	if (f->x > 0 && f->x + gap + w > f->w) {
		flow_newline(f);
		gap = 0;
	}
	if (f->dc) {
		int x = f->x + gap, y = f->y - f->top;

		x += draw_text(f->dc, y, x, ROLE_NORMAL, name);
		x += draw_text(f->dc, y, x, ROLE_NORMAL, " ");
		draw_text(f->dc, y, x, mark(f, key, value, role), v);
	}
	f->x += gap + w;
}

static enum ui_role state_role(const char *state)
{
	if (!strcmp(state, "running"))
		return ROLE_KSWAPD_RUNNING;
	if (!strcmp(state, "napping"))
		return ROLE_KSWAPD_NAPPING;
	if (!strcmp(state, "sleeping"))
		return ROLE_KSWAPD_SLEEPING;
	return ROLE_NORMAL;
}

/* The scan_control fields a reader of shrink_node() watches. */
static void flow_sc(struct flow *f, int key, int priority,
		    unsigned long nr_to_reclaim, unsigned long nr_scanned,
		    unsigned long nr_reclaimed, bool may_writepage,
		    bool may_unmap, bool may_swap, int reclaim_idx)
{
	flow_pair(f, key, "priority", ROLE_ZONE_NAME, (unsigned long)priority);
	flow_pair(f, key + 1, "nr_to_reclaim", ROLE_NORMAL, nr_to_reclaim);
	flow_pair(f, key + 2, "nr_scanned", ROLE_NORMAL, nr_scanned);
	flow_pair(f, key + 3, "nr_reclaimed", ROLE_NORMAL, nr_reclaimed);
	flow_field(f, ROLE_NORMAL, "reclaim_idx %d %s", reclaim_idx,
		   reclaim_idx >= 0 && reclaim_idx < MAX_NR_ZONES ?
			   sim_zone_name(reclaim_idx) :
			   "");
	flow_field(f, ROLE_NORMAL,
		   "may_writepage %d  may_unmap %d  may_swap %d", may_writepage,
		   may_unmap, may_swap);
	flow_newline(f);
}

/* Width of one column of the rounds' table: its widest number and a gap. */
static int table_col_w(const struct sim_kswapd_info *k)
{
	char v[32];
	int w = 3;

	for (int i = 0; i < k->nr_prio && i < SIM_KSWAPD_PRIO_ROWS; i++) {
		int n = snprintf(v, sizeof(v), "%lu", k->prio[i].nr_scanned);

		if (n + 1 > w)
			w = n + 1;
		n = snprintf(v, sizeof(v), "%lu", k->prio[i].nr_reclaimed);
		if (n + 1 > w)
			w = n + 1;
	}
	return w;
}

/*
 * balance_pgdat()'s rounds as three rows (priority, scanned, reclaimed),
 * one column per sc.priority in the order the pass took them; columns
 * that do not fit the width go on in a block below.
 */
static void flow_table(struct flow *f, const struct sim_kswapd_info *k)
{
	int n = k->nr_prio < SIM_KSWAPD_PRIO_ROWS ? k->nr_prio :
						    SIM_KSWAPD_PRIO_ROWS;
	int cw = table_col_w(k), per_block = (f->w - LABEL_W) / cw;
	/* columns from here on are rounds this step added */
	int added = n;

	flow_newline(f);
	if (mark(f, MARK_NR_PRIO, (unsigned long)n, ROLE_NORMAL) ==
	    ROLE_CHANGED)
		added = (int)f->d->base.v[f->nid][MARK_NR_PRIO];
	if (!n) {
		flow_field(f, ROLE_AXIS, "balance_pgdat(): no round yet");
		flow_newline(f);
		return;
	}
	if (!f->brief) {
		flow_field(f, ROLE_AXIS, "balance_pgdat() %s:",
			   k->running ? "pass under way" : "last pass");
		flow_newline(f);
	}
	if (per_block < 1)
		per_block = 1;
	for (int first = 0; first < n; first += per_block) {
		for (int r = 0; r < 3; r++) {
			int y = f->y - f->top;

			if (f->dc) {
				draw_text(f->dc, y, 0, ROLE_AXIS, row_names[r]);
				for (int i = first;
				     i < n && i < first + per_block; i++) {
					const struct sim_kswapd_prio *p =
						&k->prio[i];
					unsigned long v =
						r == 0 ? (unsigned long)
								 p->priority :
						r == 1 ? p->nr_scanned :
							 p->nr_reclaimed;

					enum ui_role role =
						r == 0 ? ROLE_ZONE_NAME :
							 ROLE_NORMAL;

					if (i >= added)
						role = ROLE_CHANGED;
					draw_printf(f->dc, y,
						    LABEL_W + (i - first) * cw,
						    role, "%*lu", cw, v);
				}
			}
			f->y++;
		}
	}
	f->x = 0;
}

/* One node's rows; a parked direct reclaimer on it shows its own sc. */
static void flow_node(struct flow *f, struct sim *sim, int nid,
		      const struct sim_where *at)
{
	struct sim_kswapd_info k;
	int hz;

	if (sim_kswapd_info(sim, nid, &k))
		return;
	hz = k.highest_zoneidx;
	flow_field(f, state_role(k.state), "kswapd%d %s", nid, k.state);
	f->nid = nid;
	flow_pair(f, MARK_ORDER, "kswapd_order", ROLE_NORMAL,
		  (unsigned long)k.order);
	if (hz >= 0 && hz < MAX_NR_ZONES)
		flow_field(f, ROLE_NORMAL, "kswapd_highest_zoneidx %d %s", hz,
			   sim_zone_name(hz));
	else
		flow_field(
			f, ROLE_NORMAL,
			"kswapd_highest_zoneidx MAX_NR_ZONES (nothing pending)");
	flow_pair(f, MARK_FAILURES, "kswapd_failures",
		  k.failures ? ROLE_ERROR : ROLE_NORMAL,
		  (unsigned long)k.failures);
	flow_newline(f);
	if (k.running) {
		flow_field(f, ROLE_KSWAPD_RUNNING, "kswapd's scan_control:");
		flow_sc(f, MARK_KSWAPD_SC, k.priority, k.nr_to_reclaim,
			k.nr_scanned, k.nr_reclaimed, k.may_writepage,
			k.may_unmap, k.may_swap, k.reclaim_idx);
	}
	if (at && at->has_sc && !at->kswapd && at->nid == nid) {
		flow_field(f, ROLE_DIRECT,
			   "direct reclaim (%s) scan_control:", at->comm);
		flow_sc(f, MARK_DIRECT_SC, at->priority, at->nr_to_reclaim,
			at->nr_scanned, at->nr_reclaimed, at->may_writepage,
			at->may_unmap, at->may_swap, at->reclaim_idx);
	}
	flow_table(f, &k);
	if (f->brief)
		return;
	if (k.scan_balance) {
		flow_field(f, ROLE_NORMAL, "get_scan_count():");
		flow_field(f, ROLE_ZONE_NAME, "%s", k.scan_balance);
		for (int lru = 0; lru < 4; lru++)
			flow_pair(f, MARK_SCAN_NR + lru, lru_names[lru],
				  lru < 2 ? ROLE_ANON : ROLE_FILE,
				  k.scan_nr[lru]);
	} else {
		flow_field(f, ROLE_AXIS, "get_scan_count(): not called yet");
	}
	flow_newline(f);
}

/* mm/vmpressure.c's window and level, for the root memory cgroup */
static void flow_vmpressure(struct flow *f, struct sim *sim)
{
	struct sim_vmpressure_info v;
	enum ui_role role = ROLE_NORMAL;

	sim_vmpressure_info(sim, &v);
	if (!strcmp(v.level, "critical"))
		role = ROLE_ERROR;
	else if (!strcmp(v.level, "medium"))
		role = ROLE_MESSAGE;
	flow_field(f, ROLE_NORMAL, "vmpressure:");
	if (strcmp(v.level, "none"))
		flow_field(f, role, "%s (pressure %u%%)", v.level, v.pressure);
	else
		flow_field(f, ROLE_AXIS, "no level yet");
	flow_field(f, ROLE_NORMAL,
		   "this window: scanned %lu reclaimed %lu (of 512)", v.scanned,
		   v.reclaimed);
	flow_field(f, ROLE_AXIS,
		   "levels found: low %lu medium %lu critical %lu", v.events[0],
		   v.events[1], v.events[2]);
	flow_newline(f);
}

/*
 * The disk under swap and writeback, and wbt's hold on its writers; not
 * shown while the disk is idle and wbt at rest, to leave the rows to the
 * rest (stepping through the reclaim of clean pages writes nothing)
 */
static void flow_disk(struct flow *f, struct sim *sim)
{
	struct sim_disk_state st;

	sim_disk_state(sim, &st);
	if (!st.queued && !st.inflight_bg && !st.inflight_swap && !st.waiting &&
	    !st.scale_step && !st.bio_waiting)
		return;
	flow_field(f, ROLE_NORMAL, "disk:");
	flow_field(f, st.queued ? ROLE_NORMAL : ROLE_AXIS, "%lu pages queued",
		   st.queued);
	if (!st.wbt_enabled) {
		flow_field(f, ROLE_AXIS, "wbt off");
		flow_newline(f);
		return;
	}
	flow_field(
		f, ROLE_NORMAL,
		"wbt: requests under way: swap %u of %u, page cache %u of %u",
		st.inflight_swap, st.max_depth, st.inflight_bg, st.wb_normal);
	flow_field(f, ROLE_AXIS, "(background %u), scale step %d",
		   st.wb_background, st.scale_step);
	flow_field(f, st.waiting ? ROLE_DIRECT : ROLE_AXIS,
		   "%u writer%s waiting", st.waiting,
		   st.waiting == 1 ? "" : "s");
	/* a reclaimer below min asleep in mempool_alloc() for a bio */
	if (st.bio_waiting || st.bio_pool < st.bio_pool_size)
		flow_field(f, st.bio_waiting ? ROLE_DIRECT : ROLE_AXIS,
			   "bio mempool %u of %u, %u waiting for a bio",
			   st.bio_pool, st.bio_pool_size, st.bio_waiting);
	flow_newline(f);
}

/* What a short pane keeps beside the state, scan_control and the rounds */
enum {
	KEEP_DISK = 1, /* the disk line, while the disk is busy */
	KEEP_VMPRESSURE = 2,
	KEEP_ALL = KEEP_DISK | KEEP_VMPRESSURE,
};

/* Lay the whole pane out at width w; returns its rows. */
static int pane_kswapd_flow(struct pane *p, struct draw_ctx *dc, int w, int top,
			    bool brief, int keep)
{
	struct sim *sim = script_sim(p->ui->S);
	struct flow f = {
		.dc = dc,
		.w = w > 0 ? w : 1,
		.top = top,
		.brief = brief,
		.d = p->data,
	};
	struct sim_where at;
	bool parked;

	if (!sim) {
		flow_field(&f, ROLE_NORMAL, "no machine");
		flow_newline(&f);
		return f.y;
	}
	parked = sim_where(sim, &at) == 0;
	f.marks = parked;
	for (int nid = 0; nid < sim_nr_nodes(sim); nid++)
		flow_node(&f, sim, nid, parked ? &at : NULL);
	if (keep & KEEP_VMPRESSURE)
		flow_vmpressure(&f, sim);
	if (keep & KEEP_DISK)
		flow_disk(&f, sim);
	flow_newline(&f);
	return f.y;
}

static uint64_t mix(uint64_t sum, uint64_t v)
{
	return sum * 1000003u + v;
}

/* Everything the pane shows, hashed. */
static uint64_t pane_kswapd_sum(struct pane *p)
{
	struct sim *sim = script_sim(p->ui->S);
	struct sim_kswapd_info k;
	struct sim_where at;
	uint64_t sum = (uint64_t)(uintptr_t)sim;

	for (int nid = 0; sim && nid < sim_nr_nodes(sim); nid++) {
		if (sim_kswapd_info(sim, nid, &k))
			continue;
		sum = mix(sum, (uint64_t)(uintptr_t)k.state);
		sum = mix(sum, (uint64_t)k.order);
		sum = mix(sum, (uint64_t)k.highest_zoneidx);
		sum = mix(sum, (uint64_t)k.failures);
		sum = mix(sum, (uint64_t)k.running);
		sum = mix(sum, (uint64_t)k.priority);
		sum = mix(sum, k.nr_reclaimed);
		sum = mix(sum, k.nr_to_reclaim);
		sum = mix(sum, k.nr_scanned);
		sum = mix(sum, (uint64_t)k.reclaim_idx);
		sum = mix(sum, (uint64_t)(k.may_writepage | k.may_unmap << 1 |
					  k.may_swap << 2));
		sum = mix(sum, (uint64_t)(uintptr_t)k.scan_balance);
		for (int lru = 0; lru < 4; lru++)
			sum = mix(sum, k.scan_nr[lru]);
		sum = mix(sum, (uint64_t)k.nr_prio);
		for (int i = 0; i < k.nr_prio && i < SIM_KSWAPD_PRIO_ROWS;
		     i++) {
			sum = mix(sum, (uint64_t)k.prio[i].priority);
			sum = mix(sum, k.prio[i].nr_scanned);
			sum = mix(sum, k.prio[i].nr_reclaimed);
		}
	}
	if (sim) {
		struct sim_vmpressure_info v;

		sim_vmpressure_info(sim, &v);
		sum = mix(sum, v.scanned);
		sum = mix(sum, v.reclaimed);
		sum = mix(sum, v.pressure);
		for (int i = 0; i < 3; i++)
			sum = mix(sum, v.events[i]);
	}
	if (sim) {
		struct sim_disk_state st;

		sim_disk_state(sim, &st);
		sum = mix(sum, st.queued);
		sum = mix(sum, (uint64_t)st.wbt_enabled);
		sum = mix(sum, st.inflight_bg);
		sum = mix(sum, st.inflight_swap);
		sum = mix(sum, st.wb_normal);
		sum = mix(sum, st.max_depth);
		sum = mix(sum, (uint64_t)(int64_t)st.scale_step);
		sum = mix(sum, st.waiting);
		sum = mix(sum, st.bio_pool);
		sum = mix(sum, st.bio_waiting);
	}
	/* each stop is a new state, even one that changed no number */
	if (sim && sim_where(sim, &at) == 0) {
		sum = mix(sum, (uint64_t)at.task);
		sum = mix(sum, (uint64_t)at.line);
		sum = mix(sum, (uint64_t)(uintptr_t)at.file);
		sum = mix(sum, (uint64_t)at.priority);
		sum = mix(sum, at.nr_scanned);
		sum = mix(sum, at.nr_reclaimed);
	}
	return sum;
}

static int pane_kswapd_want_h(struct pane *p, int w)
{
	/* measured as if beside a pane (see draw()): at worst a row to spare */
	return pane_kswapd_flow(p, NULL, w - 1, 0, false, KEEP_ALL);
}

static void pane_kswapd_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_kswapd_data *d = p->data;
	uint64_t sum;
	static const int fallback[] = { KEEP_ALL, KEEP_DISK, 0 };
	bool brief;
	int keep = KEEP_ALL;

	draw_clear(dc, ROLE_NORMAL);
	/* beside another pane, a blank column keeps the two texts apart */
	if (p->x > 0 && dc->w > 1) {
		dc->x++;
		dc->w--;
	}
	/*
	 * short of rows, the state, scan_control and the rounds come first,
	 * then the disk (a reclaimer may be waiting on it), then vmpressure
	 */
	d->nr_rows = pane_kswapd_flow(p, NULL, dc->w, 0, false, keep);
	brief = d->nr_rows > dc->h;
	for (size_t i = 0; brief && i < sizeof(fallback) / sizeof(*fallback);
	     i++) {
		keep = fallback[i];
		d->nr_rows = pane_kswapd_flow(p, NULL, dc->w, 0, true, keep);
		if (d->nr_rows <= dc->h)
			break;
	}
	if (d->top > d->nr_rows - dc->h)
		d->top = d->nr_rows - dc->h;
	if (d->top < 0)
		d->top = 0;
	/* a new state: what the last frame showed is what a step changed */
	sum = pane_kswapd_sum(p);
	if (sum != d->drawn_sum) {
		d->base = d->cur;
		d->drawn_sum = sum;
	}
	memset(&d->cur.ok, 0, sizeof(d->cur.ok));
	pane_kswapd_flow(p, dc, dc->w, d->top, brief, keep);
}

static enum pane_key_result pane_kswapd_key(struct pane *p, int key)
{
	struct pane_kswapd_data *d = p->data;

	return pane_scroll_key(key, &d->top, p->h > 2 ? p->h - 2 : 1,
			       d->nr_rows) ?
		       PANE_REDRAW :
		       PANE_IGNORED;
}

/* Redraw when anything the pane shows moved. */
static bool pane_kswapd_poll(struct pane *p)
{
	struct pane_kswapd_data *d = p->data;
	uint64_t sum = pane_kswapd_sum(p);

	if (sum == d->last_sum)
		return false;
	d->last_sum = sum;
	return true;
}

const struct pane_type pane_kswapd_type = {
	.name = "kswapd",
	.title = "kswapd / scan_control: balance_pgdat()'s priority rounds",
	.toggle_key = 'b',
	.min_h = 1,
	.data_size = sizeof(struct pane_kswapd_data),
	.want_h = pane_kswapd_want_h,
	.draw = pane_kswapd_draw,
	.key = pane_kswapd_key,
	.poll = pane_kswapd_poll,
};
