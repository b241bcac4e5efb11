// SPDX-License-Identifier: GPL-2.0-only
/*
 * The source pane: while a reclaimer is parked at a yield point (step(),
 * or the s/S/n keys), the engine's own source around the line it stopped
 * at, from the text built into the binary (src/script/source.h), that
 * line highlighted, under a line naming the function, the task and the
 * scan_control's progress. With nobody parked it says how to get there
 * in one line.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"
#include "source.h"

/* Source lines shown around the parked one: above, and below. */
#define SOURCE_ABOVE 3
#define SOURCE_BELOW 4

struct pane_source_data {
	struct sim_where last; /* what was drawn, to redraw on change */
	bool last_parked;
};

static bool parked(struct pane *p, struct sim_where *w)
{
	struct sim *sim = script_sim(p->ui->S);

	return sim && sim_where(sim, w) == 0;
}

static int pane_source_want_h(struct pane *p, int w)
{
	struct sim_where at;

	(void)w;
	return parked(p, &at) ?
		       1 + at.nr_frames + SOURCE_ABOVE + 1 + SOURCE_BELOW :
		       1;
}

/* Line nr of file, as text without its newline, into buf; false if none. */
static bool get_line(const char *file, int nr, char *buf, size_t size)
{
	size_t len;
	const char *text = source_line(file, nr, &len);

	if (!text)
		return false;
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return true;
}

static void pane_source_draw(struct pane *p, struct draw_ctx *dc)
{
	struct sim_where at;
	char text[512];
	int x = 0;

	draw_clear(dc, ROLE_NORMAL);
	if (!parked(p, &at)) {
		draw_text(
			dc, 0, 0, ROLE_SOURCE_LINE,
			"no reclaimer is parked: s steps into the next one, n to the end of balance_pgdat()");
		return;
	}
	x += draw_printf(dc, 0, x, ROLE_ZONE_NAME, "%s:%d %s()", at.file,
			 at.line, at.fn);
	x += draw_printf(dc, 0, x, ROLE_NORMAL, "  %s", at.comm);
	if (at.has_sc)
		draw_printf(
			dc, 0, x, ROLE_NORMAL,
			"  priority %d  nr_scanned %lu  nr_reclaimed %lu/%lu",
			at.priority, at.nr_scanned, at.nr_reclaimed,
			at.nr_to_reclaim);
	/* the call stack, as gdb's bt prints it */
	for (int i = 0; i < at.nr_frames; i++)
		draw_printf(dc, 1 + i, 0, ROLE_STACK, "#%-2d %s () at %s:%d", i,
			    at.frames[i].fn, at.frames[i].file,
			    at.frames[i].line);
	for (int i = -SOURCE_ABOVE; i <= SOURCE_BELOW; i++) {
		int y = 1 + at.nr_frames + SOURCE_ABOVE + i, nr = at.line + i;
		enum ui_role role = i ? ROLE_NORMAL : ROLE_SOURCE_CURRENT;
		int w;

		if (nr < 1 || !get_line(at.file, nr, text, sizeof(text)))
			continue;
		if (!i)
			draw_fill(dc, y, 0, dc->w, role, ' ');
		w = draw_printf(dc, y, 0, i ? ROLE_SOURCE_LINE : role, "%5d ",
				nr);
		draw_text(dc, y, w, role, text);
	}
}

/* Redraw when a reclaimer parks, moves on, or its progress changes. */
static bool pane_source_poll(struct pane *p)
{
	struct pane_source_data *d = p->data;
	struct sim_where at;
	bool now = parked(p, &at);

	if (now == d->last_parked &&
	    (!now ||
	     (at.line == d->last.line && at.task == d->last.task &&
	      at.file == d->last.file && at.nr_scanned == d->last.nr_scanned &&
	      at.nr_reclaimed == d->last.nr_reclaimed &&
	      at.priority == d->last.priority)))
		return false;
	d->last_parked = now;
	if (now)
		d->last = at;
	return true;
}

const struct pane_type pane_source_type = {
	.name = "source",
	.title = "source: the engine's line a stepped reclaimer is parked at",
	.toggle_key = 'w',
	.min_h = 1,
	.data_size = sizeof(struct pane_source_data),
	.want_h = pane_source_want_h,
	.draw = pane_source_draw,
	.poll = pane_source_poll,
};
