// SPDX-License-Identifier: GPL-2.0-only
/*
 * The source pane: while a reclaimer is parked at a yield point (step(),
 * or the s/S/n keys), the engine's own source around the line it stopped
 * at, from the text built into the binary (src/script/source.h), the
 * statement it runs next highlighted, under a line naming the function,
 * the task and the scan_control's progress and the call stack. It uses
 * every row it is given and scrolls with j/k and PgUp/PgDn when focused.
 * With nobody parked it says how to get there in one line.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"
#include "source.h"

/* Source lines it asks for around the parked one: above, and below. */
#define SOURCE_ABOVE 3
#define SOURCE_BELOW 4

struct pane_source_data {
	struct sim_where last; /* what was drawn, to redraw on change */
	bool last_parked;
	int scroll; /* lines moved from the parked one by j/k, PgUp/PgDn */
	int page; /* source rows of the last draw: PgUp/PgDn's step */
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

/*
 * The header, the call stack as gdb's bt prints it, then as much source
 * as the pane has rows: the statement the reclaimer will run next (not
 * the stepping macro before it) highlighted, a third of the way down
 * unless j/k moved the view.
 */
static void pane_source_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_source_data *d = p->data;
	struct sim_where at;
	char text[512];
	int x = 0, line, y0, rows, first, frames, above;

	draw_clear(dc, ROLE_NORMAL);
	if (!parked(p, &at)) {
		draw_text(
			dc, 0, 0, ROLE_SOURCE_LINE,
			"no reclaimer is parked: s steps into the next one, n to the end of balance_pgdat()");
		return;
	}
	line = source_statement(at.file, at.line);
	x += draw_printf(dc, 0, x, ROLE_ZONE_NAME, "%s:%d %s()", at.file, line,
			 at.fn);
	x += draw_printf(dc, 0, x, ROLE_NORMAL, "  %s", at.comm);
	if (at.has_sc)
		draw_printf(
			dc, 0, x, ROLE_NORMAL,
			"  priority %d  nr_scanned %lu  nr_reclaimed %lu/%lu",
			at.priority, at.nr_scanned, at.nr_reclaimed,
			at.nr_to_reclaim);
	/*
	 * The stack gets a third of the rows at most, innermost frames
	 * first, so that a short pane still shows the source: the outer
	 * frames fold into one line (where().stack lists them all).
	 */
	frames = at.nr_frames;
	if (frames > (dc->h - 1) / 3)
		frames = (dc->h - 1) / 3;
	for (int i = 0; i < frames; i++) {
		if (i == frames - 1 && frames < at.nr_frames) {
			draw_printf(dc, 1 + i, 0, ROLE_STACK,
				    "#%-2d ... %d outer frames, out to %s ()",
				    i, at.nr_frames - i,
				    at.frames[at.nr_frames - 1].fn);
			break;
		}
		draw_printf(dc, 1 + i, 0, ROLE_STACK, "#%-2d %s () at %s:%d", i,
			    at.frames[i].fn, at.frames[i].file,
			    i ? at.frames[i].line : line);
	}
	y0 = 1 + frames;
	rows = dc->h - y0;
	d->page = rows > 1 ? rows - 1 : 1;
	/* the stop's line a third of the way down, and on a short pane
	 * still on it: at most half of the rows above it */
	above = rows > SOURCE_ABOVE * 3 ? rows / 3 : (rows - 1) / 2;
	if (above > SOURCE_ABOVE && rows <= SOURCE_ABOVE * 3)
		above = SOURCE_ABOVE;
	first = line - above + d->scroll;
	if (first < 1)
		first = 1;
	for (int y = y0; y < dc->h; y++) {
		int nr = first + (y - y0), w;
		enum ui_role role = nr == line ? ROLE_SOURCE_CURRENT :
						 ROLE_NORMAL;

		if (!get_line(at.file, nr, text, sizeof(text)))
			break;
		if (nr == line)
			draw_fill(dc, y, 0, dc->w, role, ' ');
		w = draw_printf(dc, y, 0, nr == line ? role : ROLE_SOURCE_LINE,
				"%5d%c", nr, nr == line ? '>' : ' ');
		draw_text(dc, y, w, role, text);
	}
}

/* j/k, Up/Down, PgUp/PgDn move the view; Home goes back to the stop. */
static enum pane_key_result pane_source_key(struct pane *p, int key)
{
	struct pane_source_data *d = p->data;

	switch (key) {
	case 'j':
	case UI_KEY_DOWN:
		d->scroll++;
		break;
	case 'k':
	case UI_KEY_UP:
		d->scroll--;
		break;
	case UI_KEY_NPAGE:
		d->scroll += d->page;
		break;
	case UI_KEY_PPAGE:
		d->scroll -= d->page;
		break;
	case UI_KEY_HOME:
		d->scroll = 0;
		break;
	default:
		return PANE_IGNORED;
	}
	/* the source is a few thousand lines: keep the view near it */
	if (d->scroll > 20000)
		d->scroll = 20000;
	if (d->scroll < -20000)
		d->scroll = -20000;
	return PANE_REDRAW;
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
	/* a new stop brings the view back to it */
	if (now && (at.line != d->last.line || at.file != d->last.file))
		d->scroll = 0;
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
	.key = pane_source_key,
	.poll = pane_source_poll,
};
