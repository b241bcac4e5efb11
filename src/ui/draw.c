// SPDX-License-Identifier: GPL-2.0-only
/*
 * The drawing context: the only place panes' cells reach curses (tmux:
 * screen_write_ctx in front of tty.c). Every call is clipped to the pane's
 * rectangle and to the screen, so no pane can draw outside either, however
 * small the terminal.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static attr_t role_attr[NR_ROLES];
static bool role_solid[NR_ROLES];

static short clamp_colour(short c, attr_t *extra)
{
	if (c < 0)
		return -1;
	if (c >= COLORS) {
		/* 8-colour terminals: bright N is bold N */
		if (c >= 8 && c < 16 && c - 8 < COLORS) {
			*extra |= A_BOLD;
			return (short)(c - 8);
		}
		return -1;
	}
	return c;
}

/* Turn the theme into one colour pair and attribute set per role. */
void draw_setup_theme(struct ui *ui)
{
	bool colour = has_colors();

	for (int r = 0; r < NR_ROLES; r++) {
		const struct theme_style *st = &ui->theme.style[r];
		attr_t a = 0;

		if (st->attrs & THEME_BOLD)
			a |= A_BOLD;
		if (st->attrs & THEME_DIM)
			a |= A_DIM;
		if (st->attrs & THEME_REVERSE)
			a |= A_REVERSE;
		if (st->attrs & THEME_UNDERLINE)
			a |= A_UNDERLINE;
		if (st->attrs & THEME_STANDOUT)
			a |= A_STANDOUT;
		role_solid[r] = st->attrs & THEME_SOLID;
		if (colour && r + 1 < COLOR_PAIRS) {
			short fg = clamp_colour(st->fg, &a);
			short bg = clamp_colour(st->bg, &a);

			init_pair((short)(r + 1), fg, bg);
			a |= COLOR_PAIR(r + 1);
		}
		role_attr[r] = a;
	}
}

int draw_width(const char *s, size_t len)
{
	mbstate_t mbs;
	int w = 0;

	memset(&mbs, 0, sizeof(mbs));
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &mbs);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&mbs, 0, sizeof(mbs));
			n = 1;
			cw = 1;
		} else {
			if (n == 0)
				n = 1;
			cw = wcwidth(wc);
			/* draw_text() shows a control character in one cell */
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		s += n;
		len -= n;
	}
	return w;
}

/* Clip a run at pane coordinates (y, x) of width n to pane and screen. */
static bool clip(const struct draw_ctx *dc, int y, int *x, int *n, int *skip)
{
	int sy = dc->y + y, right;

	*skip = 0;
	if (y < 0 || y >= dc->h || sy < 0 || sy >= dc->ui->rows)
		return false;
	if (*x < 0) {
		*skip = -*x;
		*n += *x;
		*x = 0;
	}
	right = dc->w;
	if (dc->x + right > dc->ui->cols)
		right = dc->ui->cols - dc->x;
	if (*x + *n > right)
		*n = right - *x;
	return *n > 0;
}

int draw_text(struct draw_ctx *dc, int y, int x, enum ui_role role,
	      const char *s)
{
	mbstate_t mbs;
	size_t len = strlen(s);
	int col = x, limit;

	if (y < 0 || y >= dc->h || dc->y + y >= dc->ui->rows)
		return 0;
	limit = dc->w;
	if (dc->x + limit > dc->ui->cols)
		limit = dc->ui->cols - dc->x;
	memset(&mbs, 0, sizeof(mbs));
	attrset(role_attr[role]);
	while (len > 0 && col < limit) {
		wchar_t wc[2] = { L'?', L'\0' };
		size_t n = mbrtowc(&wc[0], s, len, &mbs);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&mbs, 0, sizeof(mbs));
			wc[0] = L'?';
			n = 1;
		}
		if (n == 0)
			break;
		if (wc[0] == L'\t') {
			/* tab stops every 8 columns from where the text starts */
			int stop = x + ((col - x) / 8 + 1) * 8;

			while (col < stop && col < limit) {
				if (col >= 0)
					mvaddch(dc->y + y, dc->x + col, ' ');
				col++;
			}
			s += n;
			len -= n;
			continue;
		}
		/* a recalled multi-line entry's newlines: one visible cell */
		if (wc[0] == L'\n')
			wc[0] = wcwidth(L'\u21b5') == 1 ? L'\u21b5' : L'|';
		else if (wc[0] < L' ' || wc[0] == 0x7f)
			wc[0] = L'?';
		cw = wcwidth(wc[0]);
		if (cw < 0)
			cw = 1, wc[0] = L'?';
		if (col + cw > limit)
			break;
		if (col >= 0)
			mvaddwstr(dc->y + y, dc->x + col, wc);
		col += cw;
		s += n;
		len -= n;
	}
	attrset(A_NORMAL);
	return col - x;
}

int draw_printf(struct draw_ctx *dc, int y, int x, enum ui_role role,
		const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return draw_text(dc, y, x, role, buf);
}

void draw_fill(struct draw_ctx *dc, int y, int x, int n, enum ui_role role,
	       int ch)
{
	int skip;

	if (!clip(dc, y, &x, &n, &skip))
		return;
	attrset(role_attr[role]);
	mvhline(dc->y + y, dc->x + x, (chtype)ch, n);
	attrset(A_NORMAL);
}

void draw_bar(struct draw_ctx *dc, int y, int x, int n, enum ui_role role)
{
	int skip;

	if (!clip(dc, y, &x, &n, &skip))
		return;
	if (role_solid[role]) {
		attrset(role_attr[role] | A_REVERSE);
		mvhline(dc->y + y, dc->x + x, ' ', n);
	} else {
		attrset(role_attr[role]);
		mvhline(dc->y + y, dc->x + x, '#', n);
	}
	attrset(A_NORMAL);
}

void draw_clear(struct draw_ctx *dc, enum ui_role role)
{
	for (int y = 0; y < dc->h; y++)
		draw_fill(dc, y, 0, dc->w, role, ' ');
}

void draw_cursor(struct draw_ctx *dc, int y, int x)
{
	int sy = dc->y + y, sx = dc->x + x;

	if (y < 0 || y >= dc->h || x < 0 || x >= dc->w || sy >= dc->ui->rows ||
	    sx >= dc->ui->cols)
		return;
	dc->ui->cursor_y = sy;
	dc->ui->cursor_x = sx;
}
