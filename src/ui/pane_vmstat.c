// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vmstat pane: the /proc/vmstat counters that moved, with the change
 * each made, as a debugger marks the registers a step changed. Each frame
 * the pane reads every line's value (sim_vmstat_values(), what
 * mm/vmstat.c: vmstat_show() prints) and compares it with the frame
 * before. A counter that moved goes to the top of the list with its new
 * value and its change, marked '*' and highlighted; it stays listed
 * below later changes, with its last change and the simulated time it was
 * made at, so a counter that moves once in a fast run can still be read.
 * The list keeps the kernel's order among counters that moved together.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

/* More than the 185 lines of 6.12's /proc/vmstat. */
#define VMSTAT_MAX 256

struct pane_vmstat_data {
	const struct sim *sim; /* the machine the values belong to */
	int nr; /* lines read */
	unsigned long shown[VMSTAT_MAX]; /* values at the last frame */
	long delta[VMSTAT_MAX]; /* each counter's last change */
	uint64_t update[VMSTAT_MAX]; /* the update it came in; 0: never */
	uint64_t when_ns[VMSTAT_MAX]; /* simulated time of that update */
	int order[VMSTAT_MAX]; /* listed counters, newest change first */
	int nr_listed;
	uint64_t nr_updates; /* frames in which something moved */
	uint64_t last_ns;
	uint64_t since_ns; /* when the pane started watching */
	int top; /* first entry shown when scrolled */
	int rows; /* entry rows in the last frame, for PgUp/PgDn */
};

/* The longest name: compact_daemon_migrate_scanned. */
#define NAME_W 30

/* At most this many entries asked for; the rest scroll. */
#define WANT_ENTRIES 16

static void restart(struct pane_vmstat_data *d, const struct sim *sim,
		    const unsigned long *vals, int nr)
{
	memset(d, 0, sizeof(*d));
	d->sim = sim;
	d->nr = nr;
	memcpy(d->shown, vals, (size_t)nr * sizeof(*vals));
	d->since_ns = d->last_ns = sim_now_ns(sim);
}

/*
 * Compare the counters with the last frame. A new machine, or time going
 * backwards (a reset), starts over with nothing listed.
 */
static void update(struct pane *p, const struct sim *sim)
{
	struct pane_vmstat_data *d = p->data;
	unsigned long vals[VMSTAT_MAX];
	int nr = sim_vmstat_values(sim, vals, VMSTAT_MAX);
	uint64_t now = sim_now_ns(sim);
	int moved[VMSTAT_MAX], nr_moved = 0, n = 0;
	bool is_moved[VMSTAT_MAX] = { false };

	if (d->sim != sim || nr != d->nr || now < d->last_ns) {
		restart(d, sim, vals, nr);
		return;
	}
	/*
	 * The frames a long REPL line draws while it runs (alloc()'s
	 * progress) keep the last listing: the line's changes show as one
	 * once it returns, as a debugger marks what a whole step changed.
	 */
	if (p->ui->evaluating)
		return;
	d->last_ns = now;
	for (int i = 0; i < nr; i++)
		if (vals[i] != d->shown[i]) {
			moved[nr_moved++] = i;
			is_moved[i] = true;
		}
	if (!nr_moved)
		return;
	d->nr_updates++;
	for (int k = 0; k < nr_moved; k++) {
		int i = moved[k];

		d->delta[i] = (long)(vals[i] - d->shown[i]);
		d->shown[i] = vals[i];
		d->when_ns[i] = now;
	}
	/* the moved ones first, in kernel order; then the rest as they were */
	{
		int order[VMSTAT_MAX];

		for (int k = 0; k < nr_moved; k++)
			order[n++] = moved[k];
		for (int k = 0; k < d->nr_listed; k++)
			if (!is_moved[d->order[k]])
				order[n++] = d->order[k];
		for (int k = 0; k < nr_moved; k++)
			d->update[moved[k]] = d->nr_updates;
		memcpy(d->order, order, (size_t)n * sizeof(*order));
		d->nr_listed = n;
	}
}

/*
 * Hidden until the layout names it or its letter shows it: on a small
 * terminal the REPL needs the rows more.
 */
static int pane_vmstat_init(struct pane *p)
{
	p->visible = false;
	return 0;
}

static int pane_vmstat_want_h(struct pane *p, int w)
{
	struct pane_vmstat_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	int n;

	(void)w;
	/* the layout asks before the frame is drawn: count this frame's */
	if (sim)
		update(p, sim);
	n = d->nr_listed;
	if (n < 1)
		n = 1;
	return 1 + (n < WANT_ENTRIES ? n : WANT_ENTRIES);
}

/* seconds.hundredths of a simulated time */
static void format_time(char *buf, size_t len, uint64_t ns)
{
	snprintf(buf, len, "%llu.%02llus",
		 (unsigned long long)(ns / 1000000000ULL),
		 (unsigned long long)(ns % 1000000000ULL / 10000000ULL));
}

static void draw_entry(struct draw_ctx *dc, int y, struct pane_vmstat_data *d,
		       int i)
{
	bool latest = d->update[i] == d->nr_updates;
	enum ui_role role = latest ? ROLE_CHANGED : ROLE_NORMAL;
	int nw = dc->w - 26 < NAME_W ? dc->w - 26 : NAME_W;
	char when[32];
	int x = 0;

	if (nw < 12)
		nw = 12;
	/* '*' says "moved in the last update" where colour cannot */
	x += draw_text(dc, y, x, role, latest ? "*" : " ");
	x += draw_printf(dc, y, x, ROLE_NORMAL, "%-*.*s", nw, nw,
			 sim_vmstat_line_name(i));
	x += draw_printf(dc, y, x, role, " %12lu", d->shown[i]);
	x += draw_printf(dc, y, x, role, " %+11ld", d->delta[i]);
	format_time(when, sizeof(when), d->when_ns[i]);
	draw_printf(dc, y, x, ROLE_AXIS, "  at %s", when);
}

static void pane_vmstat_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_vmstat_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	char since[32];

	draw_clear(dc, ROLE_NORMAL);
	if (!sim) {
		draw_text(dc, 0, 0, ROLE_NORMAL, "no machine");
		return;
	}
	update(p, sim);
	d->rows = dc->h - 1;
	if (d->top > d->nr_listed - d->rows)
		d->top = d->nr_listed - d->rows;
	if (d->top < 0)
		d->top = 0;
	format_time(since, sizeof(since), d->since_ns);
	if (!d->nr_listed) {
		draw_printf(dc, 0, 0, ROLE_AXIS,
			    "no counter has moved since t=%s", since);
		return;
	}
	draw_printf(
		dc, 0, 0, ROLE_AXIS,
		" /proc/vmstat: %d moved since t=%s; * in the last frame, %d-%d shown",
		d->nr_listed, since, d->top + 1,
		d->top + (d->rows < d->nr_listed - d->top ?
				  d->rows :
				  d->nr_listed - d->top));
	for (int y = 1; y < dc->h && d->top + y - 1 < d->nr_listed; y++)
		draw_entry(dc, y, d, d->order[d->top + y - 1]);
}

static enum pane_key_result pane_vmstat_key(struct pane *p, int key)
{
	struct pane_vmstat_data *d = p->data;

	return pane_scroll_key(key, &d->top, d->rows > 1 ? d->rows - 1 : 1,
			       VMSTAT_MAX) ?
		       PANE_REDRAW :
		       PANE_IGNORED;
}

/* Redraw when a counter moved since the last frame; a few hundred reads. */
static bool pane_vmstat_poll(struct pane *p)
{
	struct pane_vmstat_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	unsigned long vals[VMSTAT_MAX];
	int nr;

	if (!sim)
		return false;
	if (d->sim != sim)
		return true;
	nr = sim_vmstat_values(sim, vals, VMSTAT_MAX);
	return nr != d->nr ||
	       memcmp(vals, d->shown, (size_t)nr * sizeof(*vals)) != 0;
}

const struct pane_type pane_vmstat_type = {
	.name = "vmstat",
	.title =
		"vmstat: counters that moved, newest first, with their last change",
	.toggle_key = 'v',
	.min_h = 1,
	.data_size = sizeof(struct pane_vmstat_data),
	.init = pane_vmstat_init,
	.want_h = pane_vmstat_want_h,
	.draw = pane_vmstat_draw,
	.key = pane_vmstat_key,
	.poll = pane_vmstat_poll,
};
