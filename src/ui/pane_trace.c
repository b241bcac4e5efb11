// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace pane: the mm_vmscan_* tracepoint lines that trace(true) turns
 * on, in their ftrace text (src/core/trace.c), newest at the bottom, as
 * `cat trace_pipe` scrolls them. The pane takes them from the script
 * layer (script_set_trace_output()) so they no longer bury the REPL; in
 * --batch and --no-ui they still go to the output.
 *
 * The lines live in a ring of TRACE_RING lines: the oldest go once it is
 * full, so memory stays bounded however long tracing runs. At the bottom
 * the pane follows new lines; scrolled up (k, Up, PgUp, Home) it holds
 * still while they arrive, and End follows again. `/` reads a substring
 * (shrink_inactive, kswapd_wake, nid=1) that a line must contain to be
 * shown, as `grep` on the pipe would; Enter applies it, an empty one
 * clears it, Esc leaves it as it was. Long lines wrap, indented.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

#define TRACE_RING 4096 /* lines kept */
#define TRACE_FILTER_MAX 64 /* bytes of a filter, with its NUL */
#define WRAP_INDENT 4 /* a wrapped line's continuation rows */
#define NARROW_W 130 /* below: the comm's left padding goes */

struct pane_trace_data {
	char *ring[TRACE_RING]; /* the lines, without their newline */
	unsigned long
		nr_seen; /* lines ever received; ring[nr_seen % RING] next */
	unsigned long nr_drawn; /* nr_seen at the last draw, for poll() */
	/*
	 * Matching lines below the bottom row: 0 follows the newest. Counted
	 * in matching lines, so a held view stays put while lines arrive.
	 */
	unsigned long below;
	char filter[TRACE_FILTER_MAX]; /* "" shows every line */
	bool editing; /* reading a new filter after '/' */
	char edit[TRACE_FILTER_MAX];
	size_t edit_len;
	bool told; /* the user was told where hidden lines go */
};

static unsigned long nr_kept(const struct pane_trace_data *d)
{
	return d->nr_seen < TRACE_RING ? d->nr_seen : TRACE_RING;
}

/* The i-th kept line, 0 the oldest. */
static const char *kept_line(const struct pane_trace_data *d, unsigned long i)
{
	return d->ring[(d->nr_seen - nr_kept(d) + i) % TRACE_RING];
}

static bool matches(const struct pane_trace_data *d, const char *line)
{
	return !d->filter[0] || strstr(line, d->filter);
}

/* script_set_trace_output()'s sink: one line with its newline. */
static void pane_trace_sink(void *ctx, const char *s, size_t len)
{
	struct pane *p = ctx;
	struct pane_trace_data *d = p->data;
	char **slot = &d->ring[d->nr_seen % TRACE_RING];
	char *line;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	line = malloc(len + 1);
	if (!line)
		return; /* a line lost to a full heap beats a dead UI */
	memcpy(line, s, len);
	line[len] = '\0';
	/* a held view keeps its lines on screen as new ones come */
	if (d->below && matches(d, line))
		d->below++;
	free(*slot);
	*slot = line;
	d->nr_seen++;
	/* the user asked for lines: say where they are if none show */
	if (!d->told && (!p->visible || p->h <= 1)) {
		d->told = true;
		ui_message(
			p->ui, false, "%s",
			!p->visible ?
				"trace lines go to the trace pane: t shows it" :
				"trace lines go to the trace pane, which has no room: hide a pane or enlarge the terminal");
	}
}

static int pane_trace_init(struct pane *p)
{
	script_set_trace_output(p->ui->S, pane_trace_sink, p);
	return 0;
}

static void pane_trace_free(struct pane *p)
{
	struct pane_trace_data *d = p->data;

	script_set_trace_output(p->ui->S, NULL, NULL);
	for (int i = 0; i < TRACE_RING; i++) {
		free(d->ring[i]);
		d->ring[i] = NULL;
	}
}

/*
 * Where the row that starts at byte off of a len-byte line ends, for n
 * columns: after the last space that fits, so a field (nr_dirty=0) stays
 * whole, unless that would waste more than half the row.
 */
static int row_end(const char *line, int len, int off, int n)
{
	if (len - off <= n)
		return len;
	for (int i = off + n; i > off + n / 2; i--)
		if (line[i - 1] == ' ')
			return i;
	return off + n;
}

/* Can the line be cut by bytes? Only ASCII: a wide comm is clipped. */
static bool wraps(const char *line, int len, int w)
{
	if (len <= w || w <= WRAP_INDENT + 8)
		return false;
	for (int i = 0; i < len; i++)
		if ((unsigned char)line[i] >= 0x80)
			return false;
	return true;
}

/*
 * The text shown of a line. ftrace right-aligns the comm in 16 columns;
 * on a narrow pane those blanks would push the event's name to a second
 * row, so there the line starts at the comm.
 */
static const char *shown(const char *line, int w)
{
	if (w < NARROW_W)
		while (*line == ' ')
			line++;
	return line;
}

/* Rows a line takes at width w: the first, then indented continuations. */
static int line_rows(const char *line, int w)
{
	int len, rows = 0;

	line = shown(line, w);
	len = (int)strlen(line);

	if (!wraps(line, len, w))
		return 1;
	for (int off = 0; off < len; rows++)
		off = row_end(line, len, off, rows ? w - WRAP_INDENT : w);
	return rows;
}

/* Draw a line's rows from row y (rows above the pane are clipped). */
static void draw_line(struct draw_ctx *dc, int y, const char *line)
{
	char buf[512];
	int len, w = dc->w;

	line = shown(line, w);
	len = (int)strlen(line);

	if (!wraps(line, len, w)) {
		draw_text(dc, y, 0, ROLE_TRACE, line);
		return;
	}
	for (int off = 0, r = 0; off < len; r++, y++) {
		int end = row_end(line, len, off, r ? w - WRAP_INDENT : w);
		int n = end - off;

		if (y >= 0) {
			if (n >= (int)sizeof(buf))
				n = (int)sizeof(buf) - 1;
			memcpy(buf, line + off, (size_t)n);
			buf[n] = '\0';
			draw_text(dc, y, r ? WRAP_INDENT : 0, ROLE_TRACE, buf);
		}
		off = end;
	}
}

/* The heading row: what is kept, the filter (or its editor), the mode. */
static void draw_heading(struct pane *p, struct draw_ctx *dc,
			 unsigned long nr_match)
{
	struct pane_trace_data *d = p->data;
	bool focused = p->ui->focus == p;
	int x = 0;

	draw_fill(dc, 0, 0, dc->w, ROLE_AXIS, ' ');
	if (d->editing) {
		x += draw_text(dc, 0, x, ROLE_PROMPT, "filter: ");
		x += draw_text(dc, 0, x, ROLE_INPUT, d->edit);
		draw_cursor(dc, 0, x);
		draw_text(dc, 0, x + 2, ROLE_AXIS,
			  "(Enter applies, empty clears, Esc cancels)");
		return;
	}
	if (!d->nr_seen) {
		draw_text(
			dc, 0, 0, ROLE_AXIS,
			"no lines yet: trace(true) turns the vmscan tracepoints on");
		return;
	}
	if (d->filter[0])
		x += draw_printf(dc, 0, x, ROLE_CHANGED, "filter \"%s\": %lu",
				 d->filter, nr_match);
	x += draw_printf(dc, 0, x, ROLE_AXIS, "%s%lu lines",
			 d->filter[0] ? " of " : "", nr_kept(d));
	/* the ring is full: say how many went */
	if (d->nr_seen > nr_kept(d))
		x += draw_printf(dc, 0, x, ROLE_AXIS, " (the last of %lu)",
				 d->nr_seen);
	x += draw_text(dc, 0, x, d->below ? ROLE_CHANGED : ROLE_AXIS,
		       d->below ? "  HELD: End follows" : "  following");
	draw_text(dc, 0, x, ROLE_AXIS,
		  focused ? "  / filter  j k PgUp PgDn Home End" :
			    "  t: keys here");
}

/*
 * The most matching lines a view can hold below its bottom row: as many
 * as leave the oldest ones filling the rows from the top.
 */
static unsigned long max_below(struct pane_trace_data *d, int w, int rows,
			       unsigned long nr_match)
{
	unsigned long kept = nr_kept(d), fit = 0;

	for (unsigned long i = 0; i < kept && rows > 0; i++) {
		const char *line = kept_line(d, i);

		if (!matches(d, line))
			continue;
		rows -= line_rows(line, w);
		if (rows >= 0)
			fit++;
	}
	return nr_match > fit ? nr_match - fit : 0;
}

static void pane_trace_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_trace_data *d = p->data;
	unsigned long kept = nr_kept(d), nr_match = 0, skip, most;
	int y, top = dc->h > 1 ? 1 : 0;

	draw_clear(dc, ROLE_NORMAL);
	d->nr_drawn = d->nr_seen;
	d->told = false;
	/* beside another pane, a blank column keeps the two texts apart */
	if (p->x > 0 && dc->w > 1) {
		dc->x++;
		dc->w--;
	}
	/* one row: the heading while it says something, else the newest */
	if (!top && (d->editing || !d->nr_seen)) {
		draw_heading(p, dc, 0);
		return;
	}
	for (unsigned long i = 0; i < kept; i++)
		nr_match += matches(d, kept_line(d, i));
	most = d->below ? max_below(d, dc->w, dc->h - top, nr_match) : 0;
	if (d->below > most)
		d->below = most;
	if (top)
		draw_heading(p, dc, nr_match);
	/* scrolled to the oldest: they start on the first row */
	if (d->below && d->below == most) {
		y = top;
		for (unsigned long i = 0; i < kept && y < dc->h; i++) {
			const char *line = kept_line(d, i);

			if (!matches(d, line))
				continue;
			draw_line(dc, y, line);
			y += line_rows(line, dc->w);
		}
		return;
	}
	/* from the bottom row up, newest first, past the held lines */
	y = dc->h;
	skip = d->below;
	for (unsigned long i = kept; i-- > 0 && y > top;) {
		const char *line = kept_line(d, i);
		int rows;

		if (!matches(d, line))
			continue;
		if (skip) {
			skip--;
			continue;
		}
		rows = line_rows(line, dc->w);
		y -= rows;
		/* a line cut at the top shows its last rows, under the heading */
		if (y < top) {
			struct draw_ctx part = *dc;

			part.y += top;
			part.h -= top;
			draw_line(&part, y - top, line);
			break;
		}
		draw_line(dc, y, line);
	}
}

static int pane_trace_want_h(struct pane *p, int w)
{
	struct pane_trace_data *d = p->data;

	(void)w;
	/* the heading alone until there is something to read */
	return d->nr_seen ? 12 : 1;
}

static enum pane_key_result edit_key(struct pane_trace_data *d, int key)
{
	switch (key) {
	case UI_KEY_ENTER:
		memcpy(d->filter, d->edit, d->edit_len + 1);
		d->editing = false;
		d->below = 0;
		return PANE_REDRAW;
	case UI_ESC:
		d->editing = false;
		return PANE_REDRAW;
	case UI_KEY_BACKSPACE:
	case 0x7f:
	case UI_CTRL('h'):
		/* ftrace text is ASCII: one byte is one character */
		if (d->edit_len)
			d->edit[--d->edit_len] = '\0';
		return PANE_REDRAW;
	case UI_CTRL('u'):
		d->edit_len = 0;
		d->edit[0] = '\0';
		return PANE_REDRAW;
	}
	if (key >= 0x20 && key < 0x7f && d->edit_len + 1 < sizeof(d->edit)) {
		d->edit[d->edit_len++] = (char)key;
		d->edit[d->edit_len] = '\0';
	}
	/* every other key is swallowed: q or t here is text, not a command */
	return PANE_REDRAW;
}

static enum pane_key_result pane_trace_key(struct pane *p, int key)
{
	struct pane_trace_data *d = p->data;
	unsigned long page = p->h > 3 ? (unsigned long)p->h - 3 : 1;

	if (d->editing)
		return edit_key(d, key);
	switch (key) {
	case '/':
		d->editing = true;
		snprintf(d->edit, sizeof(d->edit), "%s", d->filter);
		d->edit_len = strlen(d->edit);
		return PANE_REDRAW;
	case UI_KEY_UP:
	case 'k':
		d->below++;
		break;
	case UI_KEY_DOWN:
	case 'j':
		if (d->below)
			d->below--;
		break;
	case UI_KEY_PPAGE:
		d->below += page;
		break;
	case UI_KEY_NPAGE:
		d->below = d->below > page ? d->below - page : 0;
		break;
	case UI_KEY_HOME:
		d->below = TRACE_RING; /* draw() stops at the oldest */
		break;
	case UI_KEY_END:
		d->below = 0;
		break;
	default:
		return PANE_IGNORED;
	}
	return PANE_REDRAW;
}

static bool pane_trace_poll(struct pane *p)
{
	struct pane_trace_data *d = p->data;

	return d->nr_seen != d->nr_drawn;
}

const struct pane_type pane_trace_type = {
	.name = "trace",
	.title = "trace: mm_vmscan_* tracepoints (trace_pipe)",
	.toggle_key = 't',
	.min_h = 1,
	.data_size = sizeof(struct pane_trace_data),
	.init = pane_trace_init,
	.want_h = pane_trace_want_h,
	.draw = pane_trace_draw,
	.key = pane_trace_key,
	.poll = pane_trace_poll,
	.free = pane_trace_free,
};
