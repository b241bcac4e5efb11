// SPDX-License-Identifier: GPL-2.0-only
/*
 * The LRU pane: for each node, its five LRU lists as bars with their sizes
 * in pages and MiB (the node's lruvec counters, named as /proc/vmstat
 * names them: nr_inactive_anon ... nr_unevictable), the folios reclaim
 * holds isolated off the lists (nr_isolated_anon/file, raised by
 * mm/vmscan.c: isolate_lru_folios()' callers), and the flows between the
 * lists per second of simulated time: pgactivate (inactive to active),
 * pgdeactivate and pgrefill (shrink_active_list() scanning the active
 * list and moving folios down), pgsteal (folios shrink_folio_list()
 * freed, kswapd and direct reclaim), and per node the refaults that
 * mm/workingset.c: workingset_refault() sees and the share it activates.
 *
 * A rate is the counter's change over the simulated time between two
 * samples about one second apart: the pane keeps a small ring of samples
 * taken whenever simulated time has moved, so drawing costs a few counter
 * reads, never a walk over memory.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

/* The vm events every node shares (count_vm_events() has no node). */
enum lru_flow {
	FLOW_PGACTIVATE,
	FLOW_PGDEACTIVATE,
	FLOW_PGREFILL,
	FLOW_PGSTEAL_KSWAPD,
	FLOW_PGSTEAL_DIRECT,
	NR_FLOWS,
};

static const char *const flow_names[NR_FLOWS] = {
	"pgactivate",	  "pgdeactivate",   "pgrefill",
	"pgsteal_kswapd", "pgsteal_direct",
};

/* Per node: mm/workingset.c's refault and activation counters. */
enum lru_ws {
	WS_REFAULT_ANON,
	WS_REFAULT_FILE,
	WS_ACTIVATE_ANON,
	WS_ACTIVATE_FILE,
	NR_WS,
};

static const char *const ws_names[NR_WS] = {
	"workingset_refault_anon",
	"workingset_refault_file",
	"workingset_activate_anon",
	"workingset_activate_file",
};

static const char *const lru_names[NR_LRU_LISTS] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
	"nr_active_file",   "nr_unevictable",
};

static const enum ui_role lru_roles[NR_LRU_LISTS] = {
	ROLE_ANON, ROLE_ANON, ROLE_FILE, ROLE_FILE, ROLE_UNEVICTABLE,
};

struct lru_sample {
	uint64_t ns; /* simulated time it was taken at */
	unsigned long flow[NR_FLOWS];
	unsigned long ws[SIM_MAX_NODES][NR_WS];
};

/* Samples kept: enough for one second at ten frames a second. */
#define LRU_SAMPLES 32
#define NSEC_PER_SEC 1000000000ULL

struct pane_lru_data {
	const struct sim *sim; /* the machine the samples belong to */
	struct lru_sample ring[LRU_SAMPLES];
	int nr_samples;
	int head; /* newest sample */
	uint64_t last_sum; /* what was drawn, to redraw only on change */
	int top; /* first line shown when scrolled */
};

/* {====== samples and rates */

static unsigned long vmstat_value(const struct sim *sim, const char *name)
{
	unsigned long v = 0;

	sim_vmstat_get(sim, name, &v);
	return v;
}

static unsigned long node_value(const struct sim *sim, int nid,
				const char *name)
{
	unsigned long v = 0;

	sim_node_page_state(sim, nid, name, &v);
	return v;
}

static void take_sample(const struct sim *sim, struct lru_sample *s)
{
	memset(s, 0, sizeof(*s));
	s->ns = sim_now_ns(sim);
	for (int i = 0; i < NR_FLOWS; i++)
		s->flow[i] = vmstat_value(sim, flow_names[i]);
	for (int nid = 0; nid < sim_nr_nodes(sim) && nid < SIM_MAX_NODES; nid++)
		for (int i = 0; i < NR_WS; i++)
			s->ws[nid][i] = node_value(sim, nid, ws_names[i]);
}

/*
 * Record the counters now. A sample at the same simulated time replaces
 * the newest (the REPL can move counters without moving time); a new
 * machine, or time going backwards, starts the ring again.
 */
static void record(struct pane_lru_data *d, const struct sim *sim)
{
	struct lru_sample s;

	take_sample(sim, &s);
	if (d->sim != sim || (d->nr_samples && s.ns < d->ring[d->head].ns)) {
		d->sim = sim;
		d->nr_samples = 0;
	}
	if (d->nr_samples && s.ns == d->ring[d->head].ns) {
		d->ring[d->head] = s;
		return;
	}
	d->head = (d->head + 1) % LRU_SAMPLES;
	d->ring[d->head] = s;
	if (d->nr_samples < LRU_SAMPLES)
		d->nr_samples++;
}

/*
 * The sample to measure rates against: the newest one at least a second
 * older than the newest, else the oldest kept. NULL when no time has
 * passed between them, so no rate can be given.
 */
static const struct lru_sample *base_sample(const struct pane_lru_data *d)
{
	const struct lru_sample *now = &d->ring[d->head], *base = NULL;

	for (int i = 1; i < d->nr_samples; i++) {
		base = &d->ring[(d->head - i + LRU_SAMPLES) % LRU_SAMPLES];
		if (now->ns - base->ns >= NSEC_PER_SEC)
			break;
	}
	return base && base->ns < now->ns ? base : NULL;
}

/* "12345/s" from a counter's change over the sampled time; "-/s" if none */
static void format_rate(char *buf, size_t len, unsigned long now,
			unsigned long then, const struct lru_sample *base,
			uint64_t now_ns)
{
	unsigned long long delta, rate;

	if (!base || now < then) {
		snprintf(buf, len, "-/s");
		return;
	}
	delta = now - then;
	/* rounded to the nearest page a second */
	rate = (delta * NSEC_PER_SEC + (now_ns - base->ns) / 2) /
	       (now_ns - base->ns);
	snprintf(buf, len, "%llu/s", rate);
}

/* }====== */

/* {====== layout: one shared walk that counts rows or draws them */

/*
 * Items "name value" laid out left to right, wrapped at the pane's width
 * with an indent; dc NULL counts rows only. Returns the next free row.
 */
struct flow_line {
	struct draw_ctx *dc;
	int w;
	int y, x;
	int indent;
};

static void flow_item(struct flow_line *f, enum ui_role role, const char *name,
		      const char *value)
{
	int need = (int)strlen(name) + 1 + (int)strlen(value);

	if (f->x > f->indent && f->x + 2 + need > f->w) {
		f->y++;
		f->x = f->indent;
	}
	if (f->x > f->indent)
		f->x += 2;
	if (f->dc) {
		draw_text(f->dc, f->y, f->x, role, name);
		draw_text(f->dc, f->y, f->x + (int)strlen(name) + 1,
			  ROLE_NORMAL, value);
	}
	f->x += need;
}

static void flow_start(struct flow_line *f, const char *label)
{
	f->x = 0;
	if (f->dc)
		draw_text(f->dc, f->y, 0, ROLE_ZONE_NAME, label);
	f->x = (int)strlen(label);
	if (f->x < f->indent)
		f->x = f->indent;
}

/* the MiB of n 4 KiB pages, with a decimal while it is small */
static void format_mib(char *buf, size_t len, unsigned long pages)
{
	if (pages < 256UL * 100)
		snprintf(buf, len, "%.1f MiB", (double)pages / 256.0);
	else
		snprintf(buf, len, "%lu MiB", pages / 256);
}

static void draw_list(struct draw_ctx *dc, int y, int i, unsigned long pages,
		      unsigned long total)
{
	char mib[32];
	int x = 0, bw;

	x += draw_printf(dc, y, x, lru_roles[i], "  %-16s", lru_names[i]);
	x += draw_printf(dc, y, x, ROLE_NORMAL, " %10lu", pages);
	if (dc->w - x < 12)
		return;
	format_mib(mib, sizeof(mib), pages);
	x += draw_printf(dc, y, x, ROLE_NORMAL, " %12s", mib);
	bw = dc->w - x - 3;
	if (bw < 4)
		return;
	x += draw_text(dc, y, x, ROLE_NORMAL, " [");
	if (total) {
		unsigned long long n = (unsigned long long)pages * bw / total;

		/* a list that is not empty shows at least one cell */
		if (!n && pages)
			n = 1;
		draw_bar(dc, y, x, (int)n, lru_roles[i]);
		draw_fill(dc, y, x + (int)n, bw - (int)n, ROLE_GAUGE_EMPTY,
			  '.');
	} else {
		draw_fill(dc, y, x, bw, ROLE_GAUGE_EMPTY, '.');
	}
	draw_text(dc, y, x + bw, ROLE_NORMAL, "]");
}

/*
 * The whole pane from line 0, shifted up by top; dc NULL only counts.
 * Per node: a heading with the isolated folios, the five lists, the
 * workingset rates; then the rates every node shares.
 */
static int walk(struct pane_lru_data *d, const struct sim *sim,
		struct draw_ctx *dc, int w, int top)
{
	bool sampled = d && d->nr_samples;
	const struct lru_sample *base = sampled ? base_sample(d) : NULL;
	const struct lru_sample *now = sampled ? &d->ring[d->head] : NULL;
	struct flow_line f = { .dc = dc, .w = w, .y = -top, .indent = 2 };
	char val[48];

	for (int nid = 0; nid < sim_nr_nodes(sim) && nid < SIM_MAX_NODES;
	     nid++) {
		unsigned long lru[NR_LRU_LISTS], total = 0;

		for (int i = 0; i < NR_LRU_LISTS; i++) {
			lru[i] = node_value(sim, nid, lru_names[i]);
			total += lru[i];
		}
		snprintf(val, sizeof(val), "Node %d", nid);
		flow_start(&f, val);
		snprintf(val, sizeof(val), "%lu", total);
		flow_item(&f, ROLE_NORMAL, "LRU pages", val);
		snprintf(val, sizeof(val), "%lu",
			 node_value(sim, nid, "nr_isolated_anon"));
		flow_item(&f, ROLE_ISOLATED, "nr_isolated_anon", val);
		snprintf(val, sizeof(val), "%lu",
			 node_value(sim, nid, "nr_isolated_file"));
		flow_item(&f, ROLE_ISOLATED, "nr_isolated_file", val);
		f.y++;
		for (int i = 0; i < NR_LRU_LISTS; i++, f.y++)
			if (dc && f.y >= 0 && f.y < dc->h)
				draw_list(dc, f.y, i, lru[i], total);
		flow_start(&f, "");
		for (int i = 0; i < NR_WS; i++) {
			if (now)
				format_rate(val, sizeof(val), now->ws[nid][i],
					    base ? base->ws[nid][i] : 0, base,
					    now->ns);
			else
				snprintf(val, sizeof(val), "-/s");
			flow_item(&f,
				  i < WS_REFAULT_FILE || i == WS_ACTIVATE_ANON ?
					  ROLE_ANON :
					  ROLE_FILE,
				  ws_names[i], val);
		}
		f.y++;
	}
	flow_start(&f, sim_nr_nodes(sim) > 1 ? "All nodes" : "");
	for (int i = 0; i < NR_FLOWS; i++) {
		if (now)
			format_rate(val, sizeof(val), now->flow[i],
				    base ? base->flow[i] : 0, base, now->ns);
		else
			snprintf(val, sizeof(val), "-/s");
		flow_item(&f,
			  i >= FLOW_PGSTEAL_KSWAPD ? ROLE_DIRECT : ROLE_NORMAL,
			  flow_names[i], val);
	}
	f.y++;
	return f.y + top;
}

/* }====== */

/*
 * Hidden until the layout names it or its letter shows it: on a small
 * terminal the REPL needs the rows more.
 */
static int pane_lru_init(struct pane *p)
{
	p->visible = false;
	return 0;
}

static int pane_lru_want_h(struct pane *p, int w)
{
	struct sim *sim = script_sim(p->ui->S);

	return sim ? walk(p->data, sim, NULL, w, 0) : 1;
}

static void pane_lru_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_lru_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	int rows;

	draw_clear(dc, ROLE_NORMAL);
	if (!sim) {
		draw_text(dc, 0, 0, ROLE_NORMAL, "no machine");
		return;
	}
	record(d, sim);
	rows = walk(d, sim, NULL, dc->w, 0);
	if (d->top > rows - dc->h)
		d->top = rows - dc->h;
	if (d->top < 0)
		d->top = 0;
	walk(d, sim, dc, dc->w, d->top);
}

static enum pane_key_result pane_lru_key(struct pane *p, int key)
{
	struct pane_lru_data *d = p->data;

	return pane_scroll_key(key, &d->top, p->h > 2 ? p->h - 2 : 1, 1 << 20) ?
		       PANE_REDRAW :
		       PANE_IGNORED;
}

/*
 * Sample whenever simulated time or a list moved; redraw then. The sum
 * covers what the pane shows, so a quiet machine costs no frames.
 */
static bool pane_lru_poll(struct pane *p)
{
	struct pane_lru_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	uint64_t sum = (uint64_t)(uintptr_t)sim;

	if (!sim)
		return false;
	record(d, sim);
	sum = sum * 31 + d->ring[d->head].ns;
	for (int i = 0; i < NR_FLOWS; i++)
		sum = sum * 31 + d->ring[d->head].flow[i];
	for (int nid = 0; nid < sim_nr_nodes(sim) && nid < SIM_MAX_NODES;
	     nid++) {
		for (int i = 0; i < NR_LRU_LISTS; i++)
			sum = sum * 31 + node_value(sim, nid, lru_names[i]);
		sum = sum * 31 + node_value(sim, nid, "nr_isolated_anon");
		sum = sum * 31 + node_value(sim, nid, "nr_isolated_file");
		for (int i = 0; i < NR_WS; i++)
			sum = sum * 31 + d->ring[d->head].ws[nid][i];
	}
	if (sum == d->last_sum)
		return false;
	d->last_sum = sum;
	return true;
}

const struct pane_type pane_lru_type = {
	.name = "lru",
	.title =
		"lru: LRU lists per node, isolated folios, flows per simulated second",
	.toggle_key = 'l',
	.min_h = 1,
	.data_size = sizeof(struct pane_lru_data),
	.init = pane_lru_init,
	.want_h = pane_lru_want_h,
	.draw = pane_lru_draw,
	.key = pane_lru_key,
	.poll = pane_lru_poll,
};
