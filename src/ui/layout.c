// SPDX-License-Identifier: GPL-2.0-only
/*
 * Layouts: which panes show and where. Three named layouts, chosen by the
 * keys 1, 2 and 3 (as tmux's select-layout presets):
 *
 *   overview  the memory and reclaim's machinery side by side; on a small
 *             terminal zones, history, kswapd and source above the REPL
 *   lecture   the caption and the history chart large, for a projector
 *   debug     source and call stack large, beside kswapd's scan_control,
 *             the trace and vmstat, as gdb's TUI puts source over commands
 *
 * Each layout names the panes it shows, for one column (narrow terminals)
 * and for two (from its wide size up). The status line and the caption run
 * across the top; in two columns the REPL runs across the bottom. In a
 * column each pane gets the rows it asks for (want_h plus a title bar) and
 * the column's fill pane gets the rest; a pane that cannot get its minimum
 * gets h = 0 and is not drawn; the pane that has the keys is served first.
 * A pane the user showed with its letter that the layout does not name
 * goes above the REPL (or last). Nothing is placed
 * outside rows x cols.
 */
#include "pane.h"

#include <stdbool.h>
#include <string.h>

#define MAX_SLOTS 8

struct layout_def {
	const char *name;
	int wide_cols, wide_rows; /* two columns from this size up */
	const char *one[MAX_SLOTS]; /* one column, top to bottom */
	const char *fill_one;
	const char *left[MAX_SLOTS], *right[MAX_SLOTS];
	const char *fill_left, *fill_right;
	int repl_div; /* two columns: the REPL takes rows / repl_div */
};

static const struct layout_def layouts[NR_LAYOUTS] = {
	[LAYOUT_OVERVIEW] = {
		.name = "overview",
		.wide_cols = 160,
		.wide_rows = 36,
		.one = { "zones", "history", "kswapd", "source", "repl" },
		.fill_one = "repl",
		.left = { "zones", "history", "source" },
		.right = { "lru", "kswapd", "trace", "vmstat" },
		.repl_div = 4,
	},
	[LAYOUT_LECTURE] = {
		.name = "lecture",
		.wide_cols = 100000, /* always one column, full width */
		.one = { "history", "zones", "repl" },
		.fill_one = "history",
	},
	[LAYOUT_DEBUG] = {
		.name = "debug",
		.wide_cols = 120,
		.wide_rows = 30,
		.one = { "kswapd", "source", "repl" },
		.fill_one = "source",
		.left = { "source" },
		.fill_left = "source",
		.right = { "kswapd", "zones", "vmstat", "trace" },
		.fill_right = "trace",
		.repl_div = 4,
	},
};

const char *layout_name(enum ui_layout l)
{
	return l >= 0 && l < NR_LAYOUTS ? layouts[l].name : "?";
}

static bool listed(const char *const *names, const char *name)
{
	for (int i = 0; i < MAX_SLOTS && names[i]; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static bool is_wide(const struct layout_def *l, int rows, int cols)
{
	return cols >= l->wide_cols && rows >= l->wide_rows && l->left[0];
}

/* Panes that are on whatever the layout: the status line, the caption. */
static bool always_shown(const struct pane *p)
{
	return !strcmp(p->type->name, "status") ||
	       !strcmp(p->type->name, "caption") || p == p->ui->repl;
}

void layout_apply(struct ui *ui, enum ui_layout which, int rows, int cols)
{
	const struct layout_def *l = &layouts[which];
	bool wide = is_wide(l, rows, cols);

	ui->layout = which;
	ui->layout_wide = wide;
	ui->layout_custom = false;
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];
		const char *n = p->type->name;

		p->visible = always_shown(p) ||
			     (wide ? listed(l->left, n) || listed(l->right, n) :
				     listed(l->one, n));
	}
}

static int title_rows(const struct pane *p)
{
	return p->type->title ? 1 : 0;
}

static int want_rows(struct pane *p, int cols)
{
	int want = p->type->want_h ? p->type->want_h(p, cols) : 1;

	return want + title_rows(p);
}

static int min_rows(const struct pane *p)
{
	return p->type->min_h + title_rows(p);
}

/* Where a visible pane no layout slot names goes: the last column. */
static bool in_column(struct ui *ui, const struct pane *p,
		      const char *const *names, bool last_column)
{
	const struct layout_def *l = &layouts[ui->layout];

	if (listed(names, p->type->name))
		return true;
	if (!last_column || always_shown(p) || !p->visible)
		return false;
	if (ui->layout_wide)
		return !listed(l->left, p->type->name) &&
		       !listed(l->right, p->type->name);
	return !listed(l->one, p->type->name);
}

static void add_unnamed(struct ui *ui, const char *const *names,
			bool last_column, struct pane **order, int *n)
{
	for (int i = 0; i < ui->nr_panes && *n < UI_MAX_PANES; i++) {
		struct pane *p = &ui->panes[i];
		bool placed = false;

		for (int j = 0; j < *n; j++)
			placed |= order[j] == p;
		if (!placed && !listed(names, p->type->name) &&
		    in_column(ui, p, names, last_column))
			order[(*n)++] = p;
	}
}

/*
 * One column of w columns at (y, x), rows high: the named panes in the
 * layout's order, then the unnamed shown ones; the fill pane (or else the
 * last placed) gets what the others leave. Its minimum is kept as far as
 * the rows allow.
 */
static void layout_column(struct ui *ui, const char *const *names,
			  const char *fill_name, bool last_column, int y,
			  int rows, int x, int w)
{
	struct pane *order[UI_MAX_PANES], *fill = NULL, *last = NULL;
	int n = 0, left = rows, reserve = 0;

	for (int s = 0; s <= MAX_SLOTS; s++) {
		const char *name = s < MAX_SLOTS ? names[s] : NULL;
		struct pane *p;

		/* the panes the user added go above the REPL, or last */
		if (!name || !strcmp(name, "repl"))
			add_unnamed(ui, names, last_column, order, &n);
		if (!name)
			break;
		p = pane_find(ui, name);
		if (p && p->visible && n < UI_MAX_PANES)
			order[n++] = p;
	}
	if (fill_name)
		fill = pane_find(ui, fill_name);
	if (fill && !fill->visible)
		fill = NULL;
	/*
	 * The fill pane keeps a third (the chart of the lecture, the source
	 * of debug), the REPL a sixth while idle, so that on a small screen
	 * the panes above it are not squeezed out by an idle prompt.
	 */
	if (fill) {
		reserve = fill == ui->focus || fill != ui->repl ? rows / 3 :
								  rows / 6;
		if (reserve < min_rows(fill))
			reserve = min_rows(fill);
	}
	/* the pane with the keys gets its rows first, then the others */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			struct pane *p = order[i];
			int want = p == fill ? 0 : want_rows(p, w);

			if ((p == ui->focus) != (pass == 0))
				continue;
			if (want > left - reserve)
				want = left - reserve;
			if (p != fill && want < min_rows(p))
				want = 0;
			p->h = want;
			left -= want;
		}
	}
	for (int i = 0; i < n; i++)
		if (order[i]->h && order[i] != fill)
			last = order[i];
	if (fill)
		fill->h = left > 0 ? left : 0;
	else if (last && left > 0)
		last->h += left;
	for (int i = 0; i < n; i++) {
		order[i]->y = y;
		order[i]->x = x;
		order[i]->w = w;
		y += order[i]->h;
	}
}

/* The status line and the caption across the top; returns rows used. */
static int layout_top(struct ui *ui, int rows)
{
	struct pane *status = pane_find(ui, "status");
	struct pane *caption = pane_find(ui, "caption");
	int top = 0;

	if (status && status->visible && rows > 0) {
		status->y = 0;
		status->h = 1;
		top = 1;
	}
	if (caption && caption->visible) {
		int want = want_rows(caption, ui->cols);
		/* large for the class, yet never more than a third */
		int cap = ui->layout == LAYOUT_LECTURE ? rows / 3 : rows / 4;

		if (want > cap)
			want = cap;
		if (want < min_rows(caption))
			want = 0;
		caption->y = top;
		caption->h = want;
		top += want;
	}
	return top;
}

/*
 * gdb's TUI shows the source when the program stops. On a small screen
 * the overview's stacked panes leave the source pane a few rows or none,
 * so a reclaimer parking (s, n, step()) brings up the debug layout, and
 * its leaving (c, the pass's end) the overview again; a layout key
 * pressed meanwhile is the user's choice and stays.
 */
void layout_follow_parked(struct ui *ui, bool parked)
{
	struct pane *src;

	if (!parked) {
		if (ui->layout_auto == 1 && ui->layout == LAYOUT_DEBUG &&
		    !ui->layout_custom) {
			layout_apply(ui, LAYOUT_OVERVIEW, ui->rows, ui->cols);
			ui_message(ui, false, "overview layout");
		}
		ui->layout_auto = 0;
		return;
	}
	if (ui->layout_auto || ui->layout != LAYOUT_OVERVIEW ||
	    ui->layout_custom)
		return;
	/* the overview gives the source all the rows it asks for: stay */
	layout_place(ui, ui->rows, ui->cols);
	src = pane_find(ui, "source");
	if (!src || (src->visible && src->h >= want_rows(src, src->w)))
		return;
	layout_apply(ui, LAYOUT_DEBUG, ui->rows, ui->cols);
	ui->layout_auto = 1;
	ui_message(ui, false, "debug layout while parked (1: overview)");
}

void layout_place(struct ui *ui, int rows, int cols)
{
	const struct layout_def *l = &layouts[ui->layout];
	struct pane *repl = ui->repl;
	int top, repl_h = 0;

	if (cols < 0)
		cols = 0;
	if (rows < 0)
		rows = 0;
	/* a resize across the wide size re-applies a layout not changed */
	if (!ui->layout_custom && is_wide(l, rows, cols) != ui->layout_wide)
		layout_apply(ui, ui->layout, rows, cols);
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		p->h = 0;
		p->y = 0;
		p->w = cols;
		p->x = 0;
	}
	top = layout_top(ui, rows);
	if (!ui->layout_wide) {
		layout_column(ui, l->one, l->fill_one, true, top, rows - top, 0,
			      cols);
		return;
	}
	if (repl && repl->visible) {
		repl_h = rows / l->repl_div;
		if (repl_h < min_rows(repl))
			repl_h = min_rows(repl);
		if (repl_h > rows - top)
			repl_h = rows - top;
		repl->y = rows - repl_h;
		repl->h = repl_h;
	}
	/* a blank column keeps the left panes' last cells from the right's */
	layout_column(ui, l->left, l->fill_left, false, top,
		      rows - repl_h - top, 0, cols * 3 / 5 - 1);
	layout_column(ui, l->right, l->fill_right, true, top,
		      rows - repl_h - top, cols * 3 / 5, cols - cols * 3 / 5);
}
