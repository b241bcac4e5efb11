// SPDX-License-Identifier: GPL-2.0-only
/*
 * The REPL pane: the output of print(), io.write(), errors and echoed
 * input as a scrollback of lines (wrapped when drawn, PgUp/PgDn to scroll),
 * and under it the input line that the line editor (edit.c) fills in. The
 * last line of the scrollback stays open until a newline arrives, so
 * io.write("x") shows at once.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPL_MAX_LINES 4000

struct repl_line {
	char *text;
	size_t len;
	enum ui_role role;
};

struct pane_repl_data {
	struct repl_line lines[REPL_MAX_LINES]; /* a ring */
	int first; /* oldest line in the ring */
	int nr_lines;
	bool open; /* the newest line awaits more text */
	int scroll; /* rows scrolled back from the newest */
	int page; /* output rows at the last draw */
	char prompt[48];
	char *input; /* the line being edited */
	size_t input_len;
	size_t cursor; /* byte offset in input */
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		abort();
	return q;
}

static int pane_repl_init(struct pane *p)
{
	struct pane_repl_data *d = p->data;

	strcpy(d->prompt, "> ");
	return 0;
}

static void pane_repl_free(struct pane *p)
{
	struct pane_repl_data *d = p->data;

	for (int i = 0; i < d->nr_lines; i++)
		free(d->lines[(d->first + i) % REPL_MAX_LINES].text);
	free(d->input);
}

static struct repl_line *line_at(struct pane_repl_data *d, int i)
{
	return &d->lines[(d->first + i) % REPL_MAX_LINES];
}

static struct repl_line *new_line(struct pane_repl_data *d, enum ui_role role)
{
	struct repl_line *l;

	if (d->nr_lines == REPL_MAX_LINES) {
		free(line_at(d, 0)->text);
		d->first = (d->first + 1) % REPL_MAX_LINES;
		d->nr_lines--;
	}
	l = line_at(d, d->nr_lines++);
	l->text = NULL;
	l->len = 0;
	l->role = role;
	d->open = true;
	return l;
}

static void append(struct repl_line *l, const char *s, size_t n)
{
	l->text = xrealloc(l->text, l->len + n + 1);
	memcpy(l->text + l->len, s, n);
	l->len += n;
	l->text[l->len] = '\0';
}

void pane_repl_write(struct pane *p, const char *s, size_t len,
		     enum ui_role role)
{
	struct pane_repl_data *d = p->data;

	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;
		struct repl_line *l;

		if (d->open && d->nr_lines > 0)
			l = line_at(d, d->nr_lines - 1);
		else
			l = new_line(d, role);
		append(l, s, n);
		if (nl) {
			d->open = false;
			n++;
		}
		s += n;
		len -= n;
	}
	p->ui->dirty = true;
}

void pane_repl_set_input(struct pane *p, const char *prompt, const char *buf,
			 size_t len, size_t cursor)
{
	struct pane_repl_data *d = p->data;

	snprintf(d->prompt, sizeof(d->prompt), "%s", prompt);
	d->input = xrealloc(d->input, len + 1);
	memcpy(d->input, buf, len);
	d->input[len] = '\0';
	d->input_len = len;
	d->cursor = cursor > len ? len : cursor;
}

/* Rows a line takes when wrapped at width w. */
static int line_rows(const struct repl_line *l, int w)
{
	int cols = draw_width(l->text ? l->text : "", l->len);

	return cols == 0 ? 1 : (cols + w - 1) / w;
}

/* Byte offset where wrapped row r of a line starts. */
static size_t row_start(const struct repl_line *l, int w, int r)
{
	size_t off = 0;

	while (r > 0 && off < l->len) {
		size_t n = 1;
		int cols = 0;

		/* advance one display row, whole UTF-8 sequences at a time */
		while (off < l->len) {
			n = 1;
			while (off + n < l->len &&
			       ((unsigned char)l->text[off + n] & 0xc0) == 0x80)
				n++;
			cols += draw_width(l->text + off, n);
			if (cols > w)
				break;
			off += n;
		}
		r--;
	}
	return off;
}

static void draw_output(struct pane_repl_data *d, struct draw_ctx *dc, int rows)
{
	int y = rows - 1, skip = d->scroll;

	for (int i = d->nr_lines - 1; i >= 0 && y >= 0; i--) {
		struct repl_line *l = line_at(d, i);
		int n = line_rows(l, dc->w);

		for (int r = n - 1; r >= 0 && y >= 0; r--) {
			if (skip > 0) {
				skip--;
				continue;
			}
			if (l->text)
				draw_text(dc, y, 0, l->role,
					  l->text + row_start(l, dc->w, r));
			y--;
		}
	}
}

/*
 * The input line, scrolled sideways so the cursor stays visible. Only the
 * part that shows is measured, walking back from the cursor, so a line of
 * a megabyte costs no more to draw than a short one.
 */
static void draw_input(struct pane_repl_data *d, struct draw_ctx *dc, int y,
		       bool focused)
{
	int pw = draw_width(d->prompt, strlen(d->prompt));
	int room = dc->w - pw - 1, cx = 0;
	size_t start = d->cursor;

	draw_text(dc, y, 0, ROLE_PROMPT, d->prompt);
	if (!d->input)
		return;
	while (start > 0) {
		size_t s = start - 1;
		int cw;

		while (s > 0 && start - s < 4 &&
		       ((unsigned char)d->input[s] & 0xc0) == 0x80)
			s--;
		cw = draw_width(d->input + s, start - s);
		if (room <= 0 || cx + cw > room)
			break;
		cx += cw;
		start = s;
	}
	draw_text(dc, y, pw, ROLE_INPUT, d->input + start);
	if (focused)
		draw_cursor(dc, y, pw + cx);
}

static void pane_repl_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_repl_data *d = p->data;
	int rows = dc->h - 1;

	draw_clear(dc, ROLE_OUTPUT);
	d->page = rows;
	if (rows > 0)
		draw_output(d, dc, rows);
	if (dc->h > 0)
		draw_input(d, dc, dc->h - 1, p->ui->focus == p);
	if (d->scroll > 0 && rows > 0)
		draw_printf(dc, 0, dc->w - 16, ROLE_MESSAGE, " scrolled -%d ",
			    d->scroll);
}

static int total_rows(struct pane_repl_data *d, int w)
{
	int n = 0;

	for (int i = 0; i < d->nr_lines; i++)
		n += line_rows(line_at(d, i), w);
	return n;
}

static enum pane_key_result pane_repl_key(struct pane *p, int key)
{
	struct pane_repl_data *d = p->data;
	int page = d->page > 1 ? d->page - 1 : 1;
	int max = total_rows(d, p->w > 0 ? p->w : 1) - d->page;

	switch (key) {
	case UI_KEY_PPAGE:
		d->scroll += page;
		break;
	case UI_KEY_NPAGE:
		d->scroll -= page;
		break;
	case UI_KEY_ENTER:
		d->scroll = 0;
		break;
	default:
		return PANE_IGNORED;
	}
	if (d->scroll > max)
		d->scroll = max;
	if (d->scroll < 0)
		d->scroll = 0;
	return PANE_REDRAW;
}

/*
 * Where it is not the fill pane: the last lines of output and the prompt;
 * in the lecture, whose caption bar already shows what a demo says, the
 * prompt alone until the REPL has the keys, so the chart gets the rows.
 */
static int pane_repl_want_h(struct pane *p, int w)
{
	(void)w;
	if (p->ui->layout == LAYOUT_LECTURE && p->ui->focus != p)
		return 1;
	return 4;
}

const struct pane_type pane_repl_type = {
	.name = "repl",
	.title = "repl",
	.toggle_key = 0,
	.fill = true,
	.min_h = 1,
	.data_size = sizeof(struct pane_repl_data),
	.init = pane_repl_init,
	.want_h = pane_repl_want_h,
	.draw = pane_repl_draw,
	.key = pane_repl_key,
	.free = pane_repl_free,
};
