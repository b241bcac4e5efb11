/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The UI as main.c sees it: the full-screen curses application with the
 * REPL pane, and the plain line-oriented REPL of --no-ui.
 */
#ifndef KSS_UI_UI_H
#define KSS_UI_UI_H

struct script;

struct ui_options {
	const char *theme; /* --theme NAME; NULL: "default" */
	const char *script; /* kswapsim SCRIPT.lua: run it in the UI */
	const char *record; /* --record FILE.cast; NULL: no recording */
	const char *journal; /* --journal FILE.lua; NULL: none */
	/* --size COLSxROWS: record SCRIPT headless at that size; 0: no */
	int size_cols, size_rows;
};

/* Runs until the user quits; returns the process exit status. */
int ui_run(struct script *S, const struct ui_options *opts);

/*
 * scripts/bench: the wall time of one full redraw (every pane drawn, every
 * cell sent again, as Ctrl-L does) of the machine S holds, on a headless
 * cols x rows screen, against a reference frame of plain text of the same
 * size drawn through the same curses in the same run. 0, or -1 if the
 * screen cannot start.
 */
struct ui_redraw_bench {
	int frames; /* how many of each to draw */
	double frame_ms, reference_ms; /* wall milliseconds a frame */
};
int ui_bench_redraw(struct script *S, int cols, int rows,
		    struct ui_redraw_bench *b);

/* --no-ui: the same REPL on a plain terminal, like lua(1). */
int ui_plain_repl(struct script *S);

#endif /* KSS_UI_UI_H */
