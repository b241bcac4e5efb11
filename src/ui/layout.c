// SPDX-License-Identifier: GPL-2.0-only
/*
 * Layout. On a narrow or short terminal the panes stack top to bottom in
 * pane_types[] order: each gets the rows it asks for (want_h plus a title
 * bar), the fill pane (the REPL) takes what is left, and when the terminal
 * is too small the fill pane keeps its minimum and the others shrink or
 * disappear.
 *
 * From WIDE_COLS x WIDE_ROWS up, the screen is used as a dashboard: the
 * status line and the caption across the top, the REPL across the bottom,
 * and between them two columns: the memory (zones, history, source) on the
 * left, reclaim's machinery (LRU, kswapd, trace, vmstat) on the right. In a
 * column each pane gets what it asks for and the last one takes the rest.
 * A pane that gets no rows has h = 0 and is not drawn. Nothing is placed
 * outside rows x cols.
 */
#include "pane.h"

#include <string.h>

#define WIDE_COLS 160
#define WIDE_ROWS 36

/* The panes of the dashboard's left column; the others go right. */
static const char *const left_panes[] = { "zones", "history", "source" };

static int title_rows(const struct pane *p)
{
	return p->type->title ? 1 : 0;
}

static int want_rows(struct pane *p, int cols)
{
	int want = p->type->want_h ? p->type->want_h(p, cols) : 1;

	return want + title_rows(p);
}

static void layout_stack(struct ui *ui, int rows, int cols)
{
	struct pane *fill = NULL;
	int left = rows, y = 0, reserve = 0;

	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		if (p->visible && p->type->fill && !fill) {
			fill = p;
			reserve = p->type->min_h + title_rows(p);
		}
	}
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];
		int want;

		if (!p->visible || p == fill)
			continue;
		want = want_rows(p, cols);
		/* keep the fill pane's minimum, as far as the screen allows */
		if (want > left - reserve)
			want = left - reserve;
		if (want < p->type->min_h + title_rows(p))
			want = 0;
		p->h = want > 0 ? want : 0;
		left -= p->h;
	}
	if (fill)
		fill->h = left > 0 ? left : 0;
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		p->y = y;
		y += p->h;
	}
}

static bool in_left_column(const struct pane *p)
{
	for (size_t i = 0; i < sizeof(left_panes) / sizeof(left_panes[0]); i++)
		if (!strcmp(p->type->name, left_panes[i]))
			return true;
	return false;
}

/* One column from row y, rows high: each pane its wish, the last the rest. */
static void layout_column(struct ui *ui, bool left, int y, int rows, int x,
			  int w)
{
	struct pane *last = NULL;
	int end = y + rows;

	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];
		int want;

		if (!p->visible || p->type->fill || !p->type->title ||
		    in_left_column(p) != left ||
		    !strcmp(p->type->name, "caption"))
			continue;
		want = want_rows(p, w);
		if (want > end - y)
			want = end - y;
		if (want < p->type->min_h + title_rows(p))
			want = 0;
		p->y = y;
		p->x = x;
		p->w = w;
		p->h = want;
		y += want;
		if (want)
			last = p;
	}
	if (last && y < end)
		last->h += end - y;
}

static void layout_wide(struct ui *ui, int rows, int cols)
{
	struct pane *status = pane_find(ui, "status");
	struct pane *caption = pane_find(ui, "caption");
	struct pane *fill = ui->repl;
	int top = 0, repl_h = rows / 4, lw = cols * 3 / 5;

	if (status && status->visible) {
		status->y = 0;
		status->h = 1;
		top = 1;
	}
	if (caption && caption->visible) {
		int want = want_rows(caption, cols);

		if (want > rows / 4)
			want = rows / 4;
		caption->y = top;
		caption->h = want;
		top += want;
	}
	if (!fill || !fill->visible)
		repl_h = 0;
	else if (repl_h < fill->type->min_h + title_rows(fill))
		repl_h = fill->type->min_h + title_rows(fill);
	if (fill && fill->visible) {
		fill->y = rows - repl_h;
		fill->h = repl_h;
	}
	layout_column(ui, true, top, rows - repl_h - top, 0, lw);
	layout_column(ui, false, top, rows - repl_h - top, lw, cols - lw);
}

void layout_place(struct ui *ui, int rows, int cols)
{
	if (cols < 0)
		cols = 0;
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		p->h = 0;
		p->y = 0;
		p->w = cols;
		p->x = 0;
	}
	if (cols >= WIDE_COLS && rows >= WIDE_ROWS)
		layout_wide(ui, rows, cols);
	else
		layout_stack(ui, rows, cols);
}
