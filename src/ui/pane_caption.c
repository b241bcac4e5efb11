// SPDX-License-Identifier: GPL-2.0-only
/*
 * The caption bar of a demo: the chapter it is in, what it said with say()
 * since its last pause(), word-wrapped over the rows the layout gives, and "press Enter /
 * Space to continue" while it waits in pause(). It is drawn in the caption
 * colour, apart from the print() output in the REPL pane, so that a class
 * reads the lecture's words and not the program's. With no demo running
 * it asks for no rows.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "script.h"

#define CAPTION_PAD 1 /* blank columns on each side of the text */

static const char hint[] = "press Enter / Space to continue";

/* Bytes of the UTF-8 character at s (a stray byte counts alone). */
static size_t char_len(const char *s)
{
	size_t l = 1;

	if ((unsigned char)s[0] >= 0xc0)
		while (l < 4 && ((unsigned char)s[l] & 0xc0) == 0x80)
			l++;
	return l;
}

/*
 * The next row of s that fits in w columns, in bytes; *skip is what to
 * drop after it (the space or newline it broke at). Breaks at the last
 * space that fits; a word longer than the row is cut, and a character
 * wider than the row still goes alone, so the text always moves on.
 */
static size_t wrap_row(const char *s, int w, size_t *skip)
{
	size_t i = 0, space = 0;
	int cols = 0;

	*skip = 0;
	while (s[i] && s[i] != '\n') {
		size_t l = char_len(s + i);
		/* as draw_text() shows them: tab stops, '?' for controls */
		int cw = s[i] == '\t'		   ? 8 - cols % 8 :
			 (unsigned char)s[i] < ' ' ? 1 :
						     draw_width(s + i, l);

		if (cols + cw > w)
			break;
		cols += cw;
		if (s[i] == ' ')
			space = i;
		i += l;
	}
	if (!s[i] || s[i] == '\n') {
		*skip = s[i] ? 1 : 0;
		return i;
	}
	if (s[i] == ' ') { /* the row ends with a whole word */
		*skip = 1;
		return i;
	}
	if (space > 0) {
		*skip = 1;
		return space;
	}
	return i ? i : char_len(s);
}

/* Rows the text takes at w columns. */
static int text_rows(const char *s, int w)
{
	int rows = 0;

	while (*s) {
		size_t skip, n = wrap_row(s, w, &skip);

		s += n + skip;
		rows++;
	}
	return rows;
}

static bool waiting_for_key(const struct ui *ui)
{
	return ui->script_active && ui->script_waiting &&
	       ui->script_wake_ms < 0;
}

static bool has_caption(const struct ui *ui)
{
	const struct script_pace *pace = script_pace(ui->S);

	return ui->script_active || pace->nr_says || pace->nr_chapters;
}

static int pane_caption_want_h(struct pane *p, int w)
{
	int tw = w - 2 * CAPTION_PAD;

	if (!has_caption(p->ui))
		return 0;
	/* the chapter and the hint, then the text */
	return 1 + (tw > 0 ? text_rows(script_pace(p->ui->S)->page, tw) : 0);
}

static void pane_caption_draw(struct pane *p, struct draw_ctx *dc)
{
	const struct script_pace *pace = script_pace(p->ui->S);
	const char *s = pace->page;
	int tw = dc->w - 2 * CAPTION_PAD, x = CAPTION_PAD;

	draw_clear(dc, ROLE_CAPTION);
	if (!has_caption(p->ui))
		return;
	if (pace->nr_chapters)
		x += draw_printf(dc, 0, x, ROLE_TITLE, " %u. %s ",
				 pace->nr_chapters, pace->chapter);
	if (waiting_for_key(p->ui)) {
		int hw = (int)strlen(hint) + 2;

		/* right-aligned; on a narrow row it covers the chapter */
		draw_printf(dc, 0, dc->w - hw > x ? dc->w - hw : 0,
			    ROLE_MESSAGE, " %s ", hint);
	}
	if (tw <= 0)
		return;
	for (int y = 1; *s && y < dc->h; y++) {
		char row[sizeof(pace->page)];
		size_t skip, n = wrap_row(s, tw, &skip);

		snprintf(row, sizeof(row), "%.*s", (int)n, s);
		draw_text(dc, y, CAPTION_PAD, ROLE_CAPTION, row);
		s += n + skip;
	}
}

const struct pane_type pane_caption_type = {
	.name = "caption",
	.title = NULL,
	.min_h = 1,
	.want_h = pane_caption_want_h,
	.draw = pane_caption_draw,
};
