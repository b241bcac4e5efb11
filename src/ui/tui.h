/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one header that includes curses, wherever the system keeps the wide
 * character version (htop: ProvideCurses.h). Named tui.h so that it never
 * shadows the system's curses.h. Only draw.c and tui.c include it.
 */
#ifndef KSS_UI_TUI_H
#define KSS_UI_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#elif __has_include(<ncursesw.h>)
#include <ncursesw.h>
#elif __has_include(<ncurses/curses.h>)
#include <ncurses/curses.h>
#elif __has_include(<ncurses.h>)
#include <ncurses.h>
#else
#include <curses.h>
#endif

/* term.h: cur_term and set_curterm(), next to the curses.h found above */
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#elif __has_include(<ncurses/term.h>)
#include <ncurses/term.h>
#else
#include <term.h>
#endif

#include "pane.h"

/* draw.c: curses attributes of each role, set up from the theme */
void draw_setup_theme(struct ui *ui);

#endif /* KSS_UI_TUI_H */
