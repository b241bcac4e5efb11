/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The application shell's private interface: panes, the drawing context
 * they draw through, themes, keys and the state of one UI session. Nothing
 * here includes curses: only tui.h does, and only draw.c and tui.c include
 * it. A pane is one file exporting a struct pane_type, listed
 * once in pane.c's pane_types[].
 */
#ifndef KSS_UI_PANE_H
#define KSS_UI_PANE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct script;
struct ui;
struct edit;
struct cast;

/* Elements a theme colours; names in theme.c's role_names[]. */
enum ui_role {
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_TITLE_FOCUS,
	ROLE_STATUS,
	ROLE_STATUS_RUN,
	ROLE_STATUS_PAUSE,
	ROLE_MESSAGE,
	ROLE_PROMPT,
	ROLE_INPUT,
	ROLE_OUTPUT,
	ROLE_ECHO,
	ROLE_ERROR,
	ROLE_HELP,
	ROLE_HELP_KEY,
	ROLE_ZONE_NAME,
	ROLE_FREE,
	ROLE_GAUGE_EMPTY,
	ROLE_MIN,
	ROLE_LOW,
	ROLE_HIGH,
	ROLE_PROMO,
	ROLE_BOOST,
	ROLE_PROTECTION,
	ROLE_ANON,
	ROLE_FILE,
	ROLE_KSWAPD_SLEEPING,
	ROLE_KSWAPD_RUNNING,
	ROLE_SOURCE_LINE,
	ROLE_SOURCE_CURRENT,
	ROLE_KSWAPD_NAPPING,
	ROLE_AXIS,
	ROLE_CHART,
	ROLE_DIRECT,
	ROLE_CHANGED,
	ROLE_CAPTION,
	ROLE_TRACE,
	ROLE_UNEVICTABLE,
	ROLE_ISOLATED,
	ROLE_STACK,
	NR_ROLES,
};

/* Keys beyond Unicode: what panes see instead of curses' KEY_* codes. */
enum ui_key {
	UI_KEY_BASE = 0x200000,
	UI_KEY_UP,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_PPAGE,
	UI_KEY_NPAGE,
	UI_KEY_DC,
	UI_KEY_IC,
	UI_KEY_BACKSPACE,
	UI_KEY_ENTER,
	UI_KEY_BTAB,
	UI_KEY_F1,
	UI_KEY_RESIZE,
	UI_KEY_INTR, /* Ctrl-C, from the key or from SIGINT */
	UI_KEY_ALT, /* Alt-x arrives as UI_KEY_ALT + x */
	UI_KEY_UNKNOWN = UI_KEY_ALT + 0x110000,
};

#define UI_CTRL(c) ((c)&0x1f)
#define UI_ESC 0x1b

/* What a pane's key handler did with a key. */
enum pane_key_result {
	PANE_IGNORED,
	PANE_HANDLED,
	PANE_REDRAW,
};

/* {====== themes (theme.c) */

/* Colour numbers are curses' 0..255; COLOUR_DEFAULT is the terminal's. */
#define COLOUR_DEFAULT (-1)

enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_REVERSE = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_STANDOUT = 1 << 4,
	THEME_SOLID = 1 << 5, /* bars are solid blocks, not '#' */
};

struct theme_style {
	short fg;
	short bg;
	unsigned int attrs; /* enum theme_attr bits */
};

struct theme {
	char name[64];
	struct theme_style style[NR_ROLES];
};

const char *theme_role_name(enum ui_role role);
void theme_builtin(struct theme *theme, bool mono);
/*
 * Load NAME (a file in the theme directory, or a path containing '/').
 * Returns 0, or -1 with "file:line: reason" in err; theme is then the
 * built-in default.
 */
int theme_load(struct theme *theme, const char *name, char *err, size_t len);
/* Parse one theme text; same returns as theme_load(). */
int theme_parse(struct theme *theme, const char *text, const char *file,
		char *err, size_t len);

/* }====== */

/* {====== drawing (draw.c): every cell a pane writes goes through here */

struct draw_ctx {
	struct ui *ui;
	int y, x; /* the pane's top left on the screen */
	int h, w; /* its size; nothing is drawn outside */
};

/* Draws s from (y, x) in the pane, clipped; returns the columns used. */
int draw_text(struct draw_ctx *dc, int y, int x, enum ui_role role,
	      const char *s);
int draw_printf(struct draw_ctx *dc, int y, int x, enum ui_role role,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* n cells of ch (ASCII). */
void draw_fill(struct draw_ctx *dc, int y, int x, int n, enum ui_role role,
	       int ch);
/* n cells of a gauge bar: the theme decides '#' or solid blocks. */
void draw_bar(struct draw_ctx *dc, int y, int x, int n, enum ui_role role);
/* Blank the whole pane. */
void draw_clear(struct draw_ctx *dc, enum ui_role role);
/* Where the terminal cursor goes after this frame. */
void draw_cursor(struct draw_ctx *dc, int y, int x);
/* Display width of a UTF-8 string (invalid bytes count 1). */
int draw_width(const char *s, size_t len);

/* }====== */

/* {====== panes (pane.c and pane_*.c) */

struct pane;

struct pane_type {
	const char *name; /* used by layouts and themes; no spaces */
	const char *title; /* title bar text; NULL: no title bar */
	int toggle_key; /* key that shows/hides it; 0: always shown */
	bool fill; /* takes the rows the others leave */
	int min_h; /* rows below which it is not shown */
	size_t data_size; /* p->data: zeroed, freed after free() */
	int (*init)(struct pane *p);
	/* Rows it would like for width w (title bar not counted). */
	int (*want_h)(struct pane *p, int w);
	void (*draw)(struct pane *p, struct draw_ctx *dc);
	enum pane_key_result (*key)(struct pane *p, int key);
	/* Called on every loop turn; returns true if it must be redrawn. */
	bool (*poll)(struct pane *p);
	void (*free)(struct pane *p);
};

struct pane {
	const struct pane_type *type;
	struct ui *ui;
	void *data; /* the pane's own struct pane_<name>_data */
	bool visible;
	int y, x, h, w; /* placed by layout.c, title bar included */
};

extern const struct pane_type pane_status_type;
extern const struct pane_type pane_caption_type;
extern const struct pane_type pane_zones_type;
extern const struct pane_type pane_history_type;
extern const struct pane_type pane_lru_type;
extern const struct pane_type pane_vmstat_type;
extern const struct pane_type pane_kswapd_type;
extern const struct pane_type pane_trace_type;
extern const struct pane_type pane_source_type;
extern const struct pane_type pane_repl_type;

/* pane.c */
const struct pane_type *const *pane_type_table(void);
struct pane *pane_find(struct ui *ui, const char *name);
/* The scroll keys of a list shown from row *top (see pane.c). */
bool pane_scroll_key(int key, int *top, int page, int end);

/* pane_repl.c */
void pane_repl_write(struct pane *p, const char *s, size_t len,
		     enum ui_role role);
void pane_repl_set_input(struct pane *p, const char *prompt, const char *buf,
			 size_t len, size_t cursor);

/* layout.c */
enum ui_layout {
	LAYOUT_OVERVIEW,
	LAYOUT_LECTURE,
	LAYOUT_DEBUG,
	NR_LAYOUTS,
};
/* Show the panes layout `which` names for a rows x cols terminal. */
void layout_apply(struct ui *ui, enum ui_layout which, int rows, int cols);
void layout_place(struct ui *ui, int rows, int cols);
const char *layout_name(enum ui_layout l);
/* On a small screen, debug while a reclaimer is parked; back after. */
void layout_follow_parked(struct ui *ui, bool parked);

/* }====== */

/* {====== one UI session (tui.c) */

enum ui_confirm {
	CONFIRM_NONE,
	CONFIRM_QUIT,
};

#define UI_MAX_PANES 16

struct ui {
	struct script *S;
	const char *record; /* --record FILE, or NULL */
	const char *journal_path; /* --journal FILE, or NULL */
	struct pane panes[UI_MAX_PANES];
	int nr_panes;
	struct pane *focus; /* gets keys; the REPL or another pane */
	struct pane *repl;
	enum ui_layout layout;
	bool layout_wide; /* the layout is in its two-column form */
	bool layout_custom; /* a pane letter changed what the layout shows */
	/* layout_follow_parked(): 1 it chose debug, 2 the user chose again */
	int layout_auto;
	struct theme theme;
	struct edit *edit;
	struct cast *cast;
	int rows, cols;
	bool running; /* simulated time advances */
	int speed_idx; /* index into tui.c's speeds[] */
	uint64_t run_ms; /* wall clock of the last advance */
	uint64_t run_owed; /* jiffies owed, in 1/(1000 den) */
	bool time_moved; /* simulated time advanced since the last redraw */
	uint64_t redraw_ms; /* wall clock of the last redraw */
	bool progress_shown; /* the message is a long alloc()'s progress */
	bool keys_seen; /* a key came: start-up messages may go */
	bool help; /* help overlay shown */
	bool quit;
	bool dirty; /* redraw everything next turn */
	enum ui_confirm confirm; /* a y/n question on the status line */
	char message[200]; /* status-line message */
	bool message_error;
	bool evaluating; /* script_eval() or script_resume() runs */
	bool script_active; /* a script started with SCRIPT.lua */
	bool script_waiting; /* it called pause() */
	int64_t script_wake_ms; /* when the pause ends; -1: on a key */
	int cursor_y, cursor_x; /* terminal cursor, -1: hidden */
	uint64_t (*clock_ms)(void); /* wall clock, injectable */
};

/* tui.c */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *ui_speed_name(const struct ui *ui);
void ui_change_speed(struct ui *ui, int delta);
/* Runs the loop until a key for the line editor arrives; 0: quit. */
int ui_wait_edit_key(struct ui *ui, int *key);
/* True if keys wait unread on the terminal (a paste under way). */
bool ui_input_pending(struct ui *ui);

/* cast.c: the asciicast v2 recorder */
struct cast_header {
	int width, height;
	const char *command; /* the command whose screen it is */
	const char *title;
	const char *term; /* TERM; NULL: "xterm" */
};
struct cast *cast_open(const char *path, const struct cast_header *h,
		       uint64_t (*clock_ms)(void), char *err, size_t len);
void cast_output(struct cast *c, const char *buf, size_t n);
void cast_resize(struct cast *c, int width, int height);
void cast_marker(struct cast *c, const char *label);
/* The first write error (an errno), 0 if none; cast_close() returns it too */
int cast_error(const struct cast *c);
int cast_close(struct cast *c);

/* keys.c: the global keys, also the help overlay's text */
struct ui_keydef {
	int key;
	const char *name; /* as shown in help */
	const char *help;
};
/* key of the help row that lists the panes' letters and names */
#define UI_KEYDEF_PANES (-1)
const struct ui_keydef *ui_keys(size_t *n);
/* Keys that act everywhere except inside the REPL; true if handled. */
bool ui_global_key(struct ui *ui, int key);
/* tui.c: run CODE as if typed at the prompt (the stepping keys) */
void ui_eval_key_line(struct ui *ui, const char *code);
/* tui.c: the c key, cont() and then simulated time runs */
void ui_continue(struct ui *ui);

/* edit.c: the libedit line editor */
/*
 * Decoding input bytes as UTF-8, one byte at a time, from a zeroed
 * struct utf8_dec. An invalid byte becomes U+FFFD and what follows it is
 * kept (Unicode's "maximal subpart" replacement, as Python's "replace").
 */
struct utf8_dec {
	uint32_t cp; /* the bits of the character so far */
	int need; /* continuation bytes still to come */
	unsigned char lo, hi; /* the range the next byte must fall in */
};
#define UTF8_REPLACEMENT 0xfffd
#define UTF8_MORE (-1) /* feed the next byte */
#define UTF8_AGAIN (-2) /* U+FFFD, then feed this byte again */
/* A character, UTF8_REPLACEMENT, UTF8_MORE or UTF8_AGAIN. */
long utf8_feed(struct utf8_dec *d, unsigned char b);
/* ui NULL: the plain terminal REPL of --no-ui */
struct edit *edit_new(struct ui *ui, struct script *S);
void edit_free(struct edit *e);
/*
 * Read one line through libedit. NULL on quit (*count 0), Ctrl-C on a
 * line with text (*count -1) or at an empty prompt (*count -2).
 */
const char *edit_gets(struct edit *e, bool continuation, int *count);
void edit_history_add(struct edit *e, const char *line);
/* --no-ui: Ctrl-C at the prompt (async-signal-safe) drops the line */
void edit_interrupt(struct edit *e);
/* the length of a line without its trailing newline (or CR LF) */
size_t edit_line_len(const char *line);
/* Complete the word before cursor in line; returns text to insert
 * (caller frees) and lists candidates through list(). */
char *edit_complete(struct script *S, const char *line, size_t cursor,
		    void (*list)(void *ctx, const char *s), void *ctx);
/* The history file path: $XDG_STATE_HOME/kswapsim/history or
 * ~/.kswapsim_history; creates the directory. NULL: no history. */
char *edit_history_path(void);

/* }====== */

#endif /* KSS_UI_PANE_H */
