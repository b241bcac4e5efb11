// SPDX-License-Identifier: GPL-2.0-only
/*
 * Layout: panes stacked top to bottom in pane_types[] order. Each pane
 * gets the rows it asks for (want_h plus a title bar), the fill pane (the
 * REPL) takes what is left, and when the terminal is too small the fill
 * pane keeps its minimum and the others shrink or disappear. A pane that
 * gets no rows has h = 0 and is not drawn. Nothing is placed outside
 * rows x cols.
 */
#include "pane.h"

static int title_rows(const struct pane *p)
{
	return p->type->title ? 1 : 0;
}

void layout_place(struct ui *ui, int rows, int cols)
{
	struct pane *fill = NULL;
	int left = rows, y = 0, reserve = 0;

	if (cols < 0)
		cols = 0;
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		p->h = 0;
		p->w = cols;
		p->x = 0;
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
		want = p->type->want_h ? p->type->want_h(p, cols) : 1;
		want += title_rows(p);
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
