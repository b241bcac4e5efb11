// SPDX-License-Identifier: GPL-2.0-only
/*
 * The application shell: curses set-up and teardown, signals, and the one
 * loop that multiplexes keys, the running simulation, a script's pauses and
 * redraws. The loop runs inside the line editor's read function (edit.c),
 * so libedit owns the line while curses owns the screen; keys the editor
 * should not see (pane keys, Esc, PgUp/PgDn, Ctrl-C) are taken here first.
 *
 * Output of print()/io.write() and error messages: stdout and stderr are
 * pointed at two unlinked temporary files while the UI runs and drained
 * into the REPL pane after every evaluation, so whatever the script layer
 * writes lands in the pane and never on the curses screen.
 *
 * Invariant: the terminal is restored whatever happens: ui_shutdown() runs
 * from atexit(), from the fatal signal handlers, and on the normal path.
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"

#include "kswapsim/sim.h"
#include "script.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LOOP_TIMEOUT_MS 100 /* wait for a key, paused */
#define LOOP_RUN_TIMEOUT_MS 10 /* wait for a key, running */
#define UTF8_REST_MS 50 /* wait for the rest of a UTF-8 character */
#define ESC_WAIT_MS 25 /* wait for the rest of an escape sequence */
#define REDRAW_TIME_MS 100

/*
 * Simulated time per second of wall clock: 1x runs HZ jiffies a second.
 * num/den of HZ, so slow speeds stay whole.
 */
static const struct {
	const char *name;
	unsigned int num;
	unsigned int den;
} speeds[] = {
	{ "1/16x", 1, 16 }, { "1/8x", 1, 8 }, { "1/4x", 1, 4 },
	{ "1/2x", 1, 2 },   { "1x", 1, 1 },   { "2x", 2, 1 },
	{ "4x", 4, 1 },	    { "8x", 8, 1 },   { "16x", 16, 1 },
	{ "64x", 64, 1 },
};
#define SPEED_DEFAULT 4
#define SIM_HZ 250 /* the model's CONFIG_HZ (Debian: 250) */
#define RUN_BUDGET_MS 40 /* simulation per loop turn, then keys */

static struct ui *the_ui; /* for the signal handlers */
static volatile sig_atomic_t sig_int;
static volatile sig_atomic_t sig_term;
static volatile sig_atomic_t sig_tstp;
static bool curses_on;
static SCREEN *screen;
static FILE *tty_out;
static int saved_fd[3] = { -1, -1, -1 };
static int capture_fd[3] = { -1, -1, -1 };

/*
 * --record: curses writes to an unlinked file instead of the terminal;
 * rec_drain() moves each frame on to the terminal and into the cast. The
 * terminal's modes are then set here, as curses cannot reach them.
 */
static struct cast *cast;
static int rec_fd = -1; /* what curses wrote */
static int rec_tty = -1; /* the terminal */
static struct termios rec_saved; /* its modes before */
static bool rec_modes_set;
static int rec_err; /* the cast's first write error, for the exit status */
/* the demo's say() and chapter() counts the cast has markers for */
static unsigned int marked_says, marked_chapters;
static const char *demo_path; /* SCRIPT.lua of the command line */
static struct journal *journal; /* --journal */
static bool demo_failed; /* the demo stopped with an error */

/*
 * --size WxH: record a demo headless. Curses draws a WxH screen of a fixed
 * terminal type into the cast, and the clock is a counter that the loop
 * moves on (headless_loop()), never the wall clock: the same demo, seed
 * and size make the same bytes.
 */
#define HEADLESS_TERM "xterm-256color"
static int headless_rows, headless_cols; /* 0: a real terminal */
static uint64_t headless_now_ms;
static FILE *headless_in; /* curses reads no keys: /dev/null */
static char rec_command[600]; /* the cast's header: command and title */
static int journal_err; /* its first write error, for the exit status */
static volatile sig_atomic_t sig_winch;

/* {====== terminal set-up and restore */

/*
 * Give stdout and stderr back. What is still in the capture files was
 * never shown in the pane (a sanitizer report, a message from a dying
 * process): it goes to the terminal now, after curses let go of it. Only
 * async-signal-safe calls, as the fatal signal handlers come here.
 */
static void restore_fds(void)
{
	char buf[4096];

	for (int fd = 1; fd <= 2; fd++) {
		off_t off = 0;
		ssize_t n;

		if (saved_fd[fd] < 0)
			continue;
		if (fd == 1)
			fflush(stdout);
		else
			fflush(stderr);
		dup2(saved_fd[fd], fd);
		close(saved_fd[fd]);
		saved_fd[fd] = -1;
		if (capture_fd[fd] < 0)
			continue;
		while ((n = pread(capture_fd[fd], buf, sizeof(buf), off)) > 0) {
			if (write(fd, buf, (size_t)n) != n)
				break;
			off += n;
		}
		close(capture_fd[fd]);
		capture_fd[fd] = -1;
	}
}

/* Copy what curses wrote since the last call to the terminal and cast. */
static void rec_drain(void)
{
	char buf[8192];
	off_t off = 0;
	ssize_t n;

	if (rec_fd < 0)
		return;
	if (tty_out)
		fflush(tty_out);
	while ((n = pread(rec_fd, buf, sizeof(buf), off)) > 0) {
		for (ssize_t done = 0, w; rec_tty >= 0 && done < n; done += w) {
			w = write(rec_tty, buf + done, (size_t)(n - done));
			if (w <= 0)
				break;
		}
		cast_output(cast, buf, (size_t)n);
		off += n;
	}
	if (off > 0 && ftruncate(rec_fd, 0) < 0)
		return;
}

/* The one place that gives the terminal back (kilo: editorAtExit). */
static void ui_shutdown(void)
{
	if (curses_on) {
		curses_on = false;
		endwin();
		if (tty_out)
			fflush(tty_out);
		rec_drain();
	}
	if (rec_modes_set) {
		tcsetattr(STDIN_FILENO, TCSADRAIN, &rec_saved);
		rec_modes_set = false;
	}
	if (cast) {
		int err = cast_close(cast);

		if (err && !rec_err)
			rec_err = err;
		cast = NULL;
	}
	restore_fds();
}

static void on_fatal(int sig)
{
	ui_shutdown();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_int(int sig)
{
	(void)sig;
	sig_int = 1;
	/* lua.c: laction() only sets a hook; so does script_interrupt() */
	if (the_ui && the_ui->evaluating)
		script_interrupt(the_ui->S);
}

static void on_term(int sig)
{
	sig_term = sig;
	if (the_ui && the_ui->evaluating)
		script_interrupt(the_ui->S);
}

/* Ctrl-Z: the loop or the Lua hook stops the process in suspend() */
static void on_tstp(int sig)
{
	(void)sig;
	sig_tstp = 1;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void on_winch(int sig);

static void install_signals(void)
{
	static const int fatal[] = { SIGSEGV, SIGABRT, SIGBUS,
				     SIGFPE,  SIGILL,  SIGQUIT };

	/* no SA_RESTART: a signal must wake the loop's wait for a key */
	set_handler(SIGINT, on_int, 0);
	set_handler(SIGTERM, on_term, 0);
	set_handler(SIGHUP, on_term, 0);
	/* curses reads no keys, so its KEY_RESIZE never comes: resize here */
	if (!headless_rows)
		set_handler(SIGWINCH, on_winch, 0);
	for (size_t i = 0; i < ARRAY_SIZE(fatal); i++)
		set_handler(fatal[i], on_fatal, SA_RESETHAND);
}

static void restore_signals(void)
{
	static const int sigs[] = { SIGINT,   SIGTERM, SIGHUP,	SIGSEGV,
				    SIGWINCH, SIGABRT, SIGBUS,	SIGFPE,
				    SIGILL,   SIGQUIT, SIGPIPE, SIGTSTP };

	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		signal(sigs[i], SIG_DFL);
}

/* Point fd (1 or 2) at an unlinked temporary file opened for appending. */
static int capture_start(int fd)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	int cfd;

	snprintf(path, sizeof(path), "%s/kswapsim-out-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	cfd = mkstemp(path);
	if (cfd < 0)
		return -1;
	unlink(path);
	fcntl(cfd, F_SETFL, O_APPEND);
	saved_fd[fd] = dup(fd);
	if (saved_fd[fd] < 0 || dup2(cfd, fd) < 0) {
		close(cfd);
		return -1;
	}
	capture_fd[fd] = cfd;
	return 0;
}

/* Move what went to stdout/stderr since the last call into the pane. */
static void ui_capture_drain(struct ui *ui)
{
	char buf[4096];

	fflush(stdout);
	fflush(stderr);
	for (int fd = 1; fd <= 2; fd++) {
		off_t off = 0;
		ssize_t n;

		if (capture_fd[fd] < 0)
			continue;
		while ((n = pread(capture_fd[fd], buf, sizeof(buf), off)) > 0) {
			pane_repl_write(ui->repl, buf, (size_t)n,
					fd == 1 ? ROLE_OUTPUT : ROLE_ERROR);
			/* headless, no one sees the pane: errors go out too */
			if (fd == 2 && headless_rows && saved_fd[2] >= 0 &&
			    write(saved_fd[2], buf, (size_t)n) < 0) {
				/* stderr is gone: the pane still has it */
			}
			off += n;
		}
		if (off > 0 && ftruncate(capture_fd[fd], 0) < 0)
			break;
	}
}

static void on_winch(int sig)
{
	(void)sig;
	sig_winch = 1;
}

/*
 * The terminal modes curses would set (cbreak, noecho, nonl), set here
 * because in record mode curses writes to a file.
 */
static void rec_set_modes(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &rec_saved))
		return;
	t = rec_saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL | IEXTEN);
	t.c_lflag |= ISIG | NOFLSH;
	t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IXON);
	t.c_oflag &= ~(tcflag_t)ONLCR;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (!tcsetattr(STDIN_FILENO, TCSADRAIN, &t))
		rec_modes_set = true;
}

static void terminal_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (headless_rows) {
		*rows = headless_rows;
		*cols = headless_cols;
		return;
	}
	if (!ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

/* Open the cast and point curses' output at a file; -1: cannot record. */
static int rec_start(struct ui *ui, int *fd)
{
	char err[300], path[512];
	const char *dir = getenv("TMPDIR");
	int rows, cols;

	struct cast_header h;

	terminal_size(&rows, &cols);
	h = (struct cast_header){
		.width = cols,
		.height = rows,
		.command = rec_command,
		.title = rec_command,
		.term = headless_rows ? HEADLESS_TERM : getenv("TERM"),
	};
	cast = cast_open(ui->record, &h, ui->clock_ms, err, sizeof(err));
	if (!cast) {
		fprintf(stderr, "kswapsim: %s\n", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/kswapsim-tty-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	rec_fd = mkstemp(path);
	if (rec_fd < 0) {
		fprintf(stderr, "kswapsim: --record: %s: %s\n", path,
			strerror(errno));
		cast_close(cast);
		cast = NULL;
		return -1;
	}
	unlink(path);
	fcntl(rec_fd, F_SETFL, O_APPEND);
	*fd = dup(rec_fd);
	if (headless_rows) /* no terminal to show it on, or to set up */
		return 0;
	rec_tty = dup(STDOUT_FILENO);
	rec_set_modes();
	set_handler(SIGWINCH, on_winch, 0);
	/* a cast into a pipe whose reader left fails with EPIPE, not death */
	set_handler(SIGPIPE, SIG_IGN, 0);
	return 0;
}

/* Follow the terminal's size (SIGWINCH), recording or not. */
static void rec_resize(struct ui *ui)
{
	int rows, cols;

	if (!sig_winch)
		return;
	sig_winch = 0;
	terminal_size(&rows, &cols);
	resizeterm(rows, cols);
	cast_resize(cast, cols, rows);
	clearok(curscr, TRUE);
	ui->dirty = true;
}

/*
 * Ctrl-Z (SIGTSTP): give the shell its terminal back as ui_shutdown()
 * does -- the normal screen, its own modes, and when recording the bytes
 * that say so drained to it -- then stop; on SIGCONT take it again and
 * draw everything anew at whatever size it has now.
 */
static void suspend(struct ui *ui)
{
	sig_tstp = 0;
	if (!curses_on)
		return;
	endwin();
	if (tty_out)
		fflush(tty_out);
	rec_drain();
	if (rec_modes_set)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &rec_saved);
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* stopped here until SIGCONT */
	set_handler(SIGTSTP, on_tstp, 0);
	if (rec_modes_set)
		rec_set_modes();
	sig_winch = 1;
	rec_resize(ui);
	clearok(curscr, TRUE);
	ui->dirty = true;
	refresh();
}

/*
 * Ctrl-C must not flush keys typed before it (NOFLSH): the loop reads
 * them up to the first Enter, so a statement entered just before still
 * runs and is then interrupted, and drops the rest (cut_at_intr()).
 * def_prog_mode() keeps it across reset_prog_mode().
 */
static void keep_input_on_intr(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t))
		return;
	t.c_lflag |= NOFLSH;
	tcsetattr(STDIN_FILENO, TCSADRAIN, &t);
	def_prog_mode();
}

static void keys_init(void);

static int tui_start(struct ui *ui)
{
	int fd = -1;

	if (ui->record && rec_start(ui, &fd))
		return -2; /* asked to record and cannot: do not start */
	if (!ui->record)
		fd = dup(STDOUT_FILENO);
	tty_out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!tty_out)
		return -1;
	if (cast) {
		/* curses cannot ask a file its size: tell it (use_env) */
		char num[16];
		int rows, cols;

		terminal_size(&rows, &cols);
		snprintf(num, sizeof(num), "%d", rows);
		setenv("LINES", num, 1);
		snprintf(num, sizeof(num), "%d", cols);
		setenv("COLUMNS", num, 1);
	}
	if (headless_rows) {
		headless_in = fopen("/dev/null", "r");
		if (!headless_in)
			return -1;
		screen = newterm(HEADLESS_TERM, tty_out, headless_in);
	} else {
		/*
		 * Ctrl-Z is ours before curses starts: curses' own stop
		 * handler cannot reach the terminal when recording. And
		 * ncurses takes SIGTSTP only if it finds SIG_DFL here; if it
		 * did, every refresh() would set SIGTSTP to SIG_IGN until the
		 * screen is written, and a SIGTSTP sent meanwhile would be
		 * dropped, the process never stopping (ui_signals case 6, on
		 * a loaded machine where a redraw takes long). Finding a
		 * handler, it leaves SIGTSTP alone for good.
		 */
		set_handler(SIGTSTP, on_tstp, 0);
		screen = newterm(NULL, tty_out, stdin);
	}
	if (cast) {
		unsetenv("LINES");
		unsetenv("COLUMNS");
	}
	if (!screen) {
		signal(SIGTSTP, SIG_DFL);
		fclose(tty_out);
		tty_out = NULL;
		return -1;
	}
	curses_on = true;
	atexit(ui_shutdown);
#ifdef __SANITIZE_ADDRESS__
	/* a sanitizer ends the process without atexit(): restore first */
	__sanitizer_set_death_callback(ui_shutdown);
#endif
	/* cbreak keeps ISIG: Ctrl-C raises SIGINT even inside a Lua loop */
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(ESC_WAIT_MS);
	keys_init();
	if (!headless_rows)
		keep_input_on_intr();
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	capture_start(1);
	capture_start(2);
	install_signals();
	the_ui = ui;
	return 0;
}

/* }====== */

/* {====== messages, clock, speed */

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
	ui->message_error = error;
	ui->dirty = true;
}

void ui_change_speed(struct ui *ui, int delta)
{
	int i = ui->speed_idx + delta;

	if (i < 0)
		i = 0;
	if (i >= (int)ARRAY_SIZE(speeds))
		i = (int)ARRAY_SIZE(speeds) - 1;
	ui->speed_idx = i;
}

const char *ui_speed_name(const struct ui *ui)
{
	return speeds[ui->speed_idx].name;
}

static uint64_t wall_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* }====== */

/* {====== drawing */

/*
 * An "m" event for each chapter() and say() of the demo, written after
 * the frame that shows it, so that a player pausing on the marker shows
 * the caption.
 */
static void mark_pace(struct ui *ui)
{
	const struct script_pace *pace = script_pace(ui->S);

	if (pace->nr_chapters != marked_chapters) {
		marked_chapters = pace->nr_chapters;
		cast_marker(cast, pace->chapter);
	}
	if (pace->nr_says != marked_says) {
		marked_says = pace->nr_says;
		cast_marker(cast, pace->caption);
	}
}

static void draw_title(struct ui *ui, struct pane *p)
{
	struct draw_ctx dc = {
		.ui = ui, .y = p->y, .x = p->x, .h = 1, .w = p->w
	};
	enum ui_role role = ui->focus == p ? ROLE_TITLE_FOCUS : ROLE_TITLE;

	draw_fill(&dc, 0, 0, dc.w, role, ' ');
	draw_printf(&dc, 0, 1, role, "%s%s", p->type->title,
		    p != ui->repl  ? "" :
		    ui->focus == p ? "   (Esc: keys to panes, ? help)" :
				     "   (: to type Lua)");
}

/* "z zones  w source ...": every pane that has a letter, in pane.c's order */
static void draw_pane_letters(struct ui *ui, struct draw_ctx *dc, int y)
{
	int x = 2;

	for (int i = 0; i < ui->nr_panes; i++) {
		const struct pane_type *t = ui->panes[i].type;

		if (!t->toggle_key)
			continue;
		x += draw_printf(dc, y, x, ROLE_HELP_KEY, "%c ", t->toggle_key);
		x += draw_printf(dc, y, x, ROLE_HELP, "%s  ", t->name);
	}
}

static void draw_help(struct ui *ui)
{
	size_t n;
	const struct ui_keydef *k = ui_keys(&n);
	int h = (int)n + 3, w = 72;
	struct draw_ctx dc;

	/* a sliver of the panes beside the box reads as noise: take the width */
	if (w + 16 > ui->cols)
		w = ui->cols;
	if (h > ui->rows)
		h = ui->rows;
	dc = (struct draw_ctx){ .ui = ui,
				.y = (ui->rows - h) / 2,
				.x = (ui->cols - w) / 2,
				.h = h,
				.w = w };
	draw_clear(&dc, ROLE_HELP);
	draw_text(&dc, 0, 2, ROLE_HELP_KEY, "kswapsim keys");
	/* on a short terminal the footer wins over the last keys */
	for (size_t i = 0; i < n && (int)i + 1 < h - 1; i++) {
		if (k[i].key == UI_KEYDEF_PANES) {
			draw_pane_letters(ui, &dc, (int)i + 1);
			continue;
		}
		draw_text(&dc, (int)i + 1, 2, ROLE_HELP_KEY, k[i].name);
		draw_text(&dc, (int)i + 1, 22, ROLE_HELP, k[i].help);
	}
	draw_text(&dc, h - 1, 2, ROLE_HELP, "any key closes this help");
}

static void redraw(struct ui *ui)
{
	struct sim *sim = script_sim(ui->S);
	struct sim_where at;

	/* a resize while Lua runs (poll_progress()) is drawn at its size */
	rec_resize(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	layout_follow_parked(ui, sim && sim_where(sim, &at) == 0);
	layout_place(ui, ui->rows, ui->cols);
	ui->cursor_y = -1;
	ui->cursor_x = -1;
	erase();
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];
		int t = p->type->title ? 1 : 0;
		struct draw_ctx dc = { .ui = ui,
				       .y = p->y + t,
				       .x = p->x,
				       .h = p->h - t,
				       .w = p->w };

		if (!p->visible || p->h <= 0)
			continue;
		if (t)
			draw_title(ui, p);
		if (dc.h > 0)
			p->type->draw(p, &dc);
	}
	if (ui->help)
		draw_help(ui);
	if (ui->cursor_y >= 0 && !ui->help) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
	rec_drain();
	mark_pace(ui);
	ui->dirty = false;
	if (journal_error(journal) && !journal_err) {
		journal_err = journal_error(journal);
		ui_message(ui, true, "the journal %s failed: %s",
			   ui->journal_path, strerror(journal_err));
		pane_repl_write(ui->repl, ui->message, strlen(ui->message),
				ROLE_ERROR);
		pane_repl_write(ui->repl, "\n", 1, ROLE_ERROR);
	}
	if (cast_error(cast) && !rec_err) {
		/* the lecture is no longer recorded: say so now, and at exit */
		rec_err = cast_error(cast);
		ui_message(ui, true, "recording to %s failed: %s", ui->record,
			   strerror(rec_err));
		/* in the REPL pane too, where it stays after the next key */
		pane_repl_write(ui->repl, ui->message, strlen(ui->message),
				ROLE_ERROR);
		pane_repl_write(ui->repl, "\n", 1, ROLE_ERROR);
	}
	ui->time_moved = false;
	ui->redraw_ms = ui->clock_ms();
}

/* }====== */

/* {====== the loop */

/* A long alloc()'s progress message goes once the code it was about returns */
static void progress_done(struct ui *ui)
{
	if (ui->progress_shown) {
		ui->message[0] = '\0';
		ui->progress_shown = false;
	}
}

/*
 * The script has ended: time stays where it ended, so the last screen
 * shows the numbers --batch ends with; space runs it on.
 */
static void script_finished(struct ui *ui, int st)
{
	ui->script_active = false;
	ui->script_waiting = false;
	ui->running = false;
	demo_failed = st == SCRIPT_ERROR;
	/* the error and its traceback are in the REPL: give it the rows and
	 * the keys, as lua.c drops to its prompt */
	if (st == SCRIPT_ERROR) {
		ui->focus = ui->repl;
		ui_message(ui, true, "script stopped with an error");
	} else {
		ui_message(ui, false, "script finished; space runs time");
	}
}

static void resume_script(struct ui *ui)
{
	int wait_ms = -1;
	int st;

	ui->script_waiting = false;
	ui->evaluating = true;
	st = script_resume(ui->S, &wait_ms);
	ui->evaluating = false;
	sig_int = 0;
	progress_done(ui);
	ui_capture_drain(ui);
	ui->dirty = true;
	if (st != SCRIPT_PAUSED) {
		script_finished(ui, st);
		return;
	}
	ui->script_waiting = true;
	ui->script_wake_ms =
		wait_ms < 0 ? -1 :
			      (int64_t)(ui->clock_ms() + (uint64_t)wait_ms);
}

/*
 * While running, advance simulated time by what the wall clock and the
 * speed ask for, one jiffy at a time and for at most RUN_BUDGET_MS, so
 * a slow simulation lags behind instead of blocking the keyboard. A
 * reclaimer parked at a step point holds the clock, as a breakpoint
 * does: stepping (or run()) moves it on. So does a demo at a pause(),
 * unless it asked for pause{run = true}: batch runs no time there.
 */
static void advance(struct ui *ui)
{
	uint64_t now = ui->clock_ms(), start = now;
	struct sim *sim = script_sim(ui->S);
	struct sim_where at;

	if (!ui->running || !sim || sim_where(sim, &at) == 0 ||
	    (ui->script_active && !script_pace(ui->S)->run)) {
		ui->run_ms = now;
		ui->run_owed = 0;
		return;
	}
	ui->run_owed += (now - ui->run_ms) * SIM_HZ * speeds[ui->speed_idx].num;
	ui->run_ms = now;
	while (ui->run_owed >= 1000ULL * speeds[ui->speed_idx].den) {
		/* as run(1) does it, so that the journal's run(N) agrees */
		if (script_tick(ui->S) != SCRIPT_OK) {
			ui->running = false;
			ui_capture_drain(ui);
			ui_message(ui, true, "a workload failed: time stopped");
			break;
		}
		journal_ticks(journal, 1);
		ui->time_moved = true;
		ui->run_owed -= 1000ULL * speeds[ui->speed_idx].den;
		if (ui->clock_ms() - start >= RUN_BUDGET_MS) {
			ui->run_owed = 0;
			break;
		}
	}
}

/* What happens between keys: time runs, scripts resume, panes see changes. */
static void tick(struct ui *ui)
{
	advance(ui);
	if (ui->script_active && ui->running && ui->script_waiting &&
	    ui->script_wake_ms >= 0 &&
	    (int64_t)ui->clock_ms() >= ui->script_wake_ms)
		resume_script(ui);
	ui_capture_drain(ui);
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		if (p->visible && p->type->poll && p->type->poll(p))
			ui->dirty = true;
	}
}

/*
 * {====== keys: the terminal's bytes, read in bulk and decoded here
 *
 * curses' getch() reads one byte per read(2) and polls before each, and
 * the loop around it ran once per key: a pasted megabyte took half a
 * minute, and a Ctrl-C typed during it waited behind it. Here a read takes
 * whatever the terminal has (up to the buffer), the keys are decoded from
 * the buffer, and while it holds keys the loop takes them without
 * syscalls, without moving time and without drawing. The keys' escape
 * sequences are curses' own (keybound(), from terminfo), with the common
 * VT100/xterm forms besides, whether or not the keypad is in application
 * mode.
 */

#define INBUF_SIZE (256 * 1024) /* more than the kernel queues for a tty */

static unsigned char inbuf[INBUF_SIZE];
static size_t in_head, in_tail; /* undecoded bytes: inbuf[in_head..in_tail) */
static bool in_cut; /* after a Ctrl-C: what was queued is all there is */

struct keyseq {
	char s[16];
	size_t len;
	int key;
};

static struct keyseq keyseqs[64];
static int nr_keyseqs;
static bool keyseq_first[256]; /* a byte that begins one */

static void keyseq_add(const char *s, int key)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n >= sizeof(keyseqs[0].s) ||
	    nr_keyseqs == (int)ARRAY_SIZE(keyseqs))
		return;
	/* a plain character is no key: Enter and Tab stay what they are */
	if (n == 1 && (unsigned char)s[0] != 0x7f && s[0] != '\b')
		return;
	for (int i = 0; i < nr_keyseqs; i++)
		if (keyseqs[i].len == n && !memcmp(keyseqs[i].s, s, n))
			return;
	keyseq_first[(unsigned char)s[0]] = true;
	memcpy(keyseqs[nr_keyseqs].s, s, n);
	keyseqs[nr_keyseqs].len = n;
	keyseqs[nr_keyseqs].key = key;
	nr_keyseqs++;
}

static void keys_init(void)
{
	static const struct {
		int curses;
		int key;
	} from_terminfo[] = {
		{ KEY_UP, UI_KEY_UP },
		{ KEY_DOWN, UI_KEY_DOWN },
		{ KEY_LEFT, UI_KEY_LEFT },
		{ KEY_RIGHT, UI_KEY_RIGHT },
		{ KEY_HOME, UI_KEY_HOME },
		{ KEY_END, UI_KEY_END },
		{ KEY_PPAGE, UI_KEY_PPAGE },
		{ KEY_NPAGE, UI_KEY_NPAGE },
		{ KEY_DC, UI_KEY_DC },
		{ KEY_IC, UI_KEY_IC },
		{ KEY_BACKSPACE, UI_KEY_BACKSPACE },
		{ KEY_ENTER, UI_KEY_ENTER },
		{ KEY_BTAB, UI_KEY_BTAB },
		{ KEY_F(1), UI_KEY_F1 },
	};
	static const struct {
		const char *s;
		int key;
	} common[] = {
		{ "\033[A", UI_KEY_UP },     { "\033OA", UI_KEY_UP },
		{ "\033[B", UI_KEY_DOWN },   { "\033OB", UI_KEY_DOWN },
		{ "\033[C", UI_KEY_RIGHT },  { "\033OC", UI_KEY_RIGHT },
		{ "\033[D", UI_KEY_LEFT },   { "\033OD", UI_KEY_LEFT },
		{ "\033[H", UI_KEY_HOME },   { "\033OH", UI_KEY_HOME },
		{ "\033[1~", UI_KEY_HOME },  { "\033[7~", UI_KEY_HOME },
		{ "\033[F", UI_KEY_END },    { "\033OF", UI_KEY_END },
		{ "\033[4~", UI_KEY_END },   { "\033[8~", UI_KEY_END },
		{ "\033[5~", UI_KEY_PPAGE }, { "\033[6~", UI_KEY_NPAGE },
		{ "\033[3~", UI_KEY_DC },    { "\033[2~", UI_KEY_IC },
		{ "\033[Z", UI_KEY_BTAB },   { "\033OP", UI_KEY_F1 },
		{ "\033[11~", UI_KEY_F1 },   { "\033OM", UI_KEY_ENTER },
	};

	nr_keyseqs = 0;
	for (size_t i = 0; i < ARRAY_SIZE(from_terminfo); i++) {
		for (int n = 0;; n++) {
			char *s = keybound(from_terminfo[i].curses, n);

			if (!s)
				break;
			keyseq_add(s, from_terminfo[i].key);
			free(s);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(common); i++)
		keyseq_add(common[i].s, common[i].key);
}

/* Read what the terminal has, waiting up to timeout_ms; false if nothing. */
static bool in_fill(int timeout_ms)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	ssize_t n;

	if (in_cut)
		return false;
	if (in_head > 0) {
		memmove(inbuf, inbuf + in_head, in_tail - in_head);
		in_tail -= in_head;
		in_head = 0;
	}
	if (in_tail == INBUF_SIZE)
		return false;
	if (poll(&pfd, 1, timeout_ms) <= 0 || !(pfd.revents & POLLIN))
		return false;
	n = read(STDIN_FILENO, inbuf + in_tail, INBUF_SIZE - in_tail);
	if (n <= 0)
		return false;
	in_tail += (size_t)n;
	return true;
}

/* 1 and the key of a whole sequence at in_head, -1 if one may follow. */
static int match_keyseq(int *key, size_t *len)
{
	size_t have = in_tail - in_head;
	int r = 0;

	if (!keyseq_first[inbuf[in_head]])
		return 0;
	for (int i = 0; i < nr_keyseqs; i++) {
		const struct keyseq *q = &keyseqs[i];

		if (q->len <= have && !memcmp(inbuf + in_head, q->s, q->len)) {
			if (r <= 0 || q->len > *len) {
				*key = q->key;
				*len = q->len;
			}
			r = 1;
		} else if (q->len > have && r == 0 &&
			   !memcmp(inbuf + in_head, q->s, have)) {
			r = -1;
		}
	}
	return r;
}

/*
 * The character at in_head. An invalid byte is U+FFFD; a byte that cannot
 * continue a sequence is left to be read again as the next key.
 */
static int next_char(void)
{
	struct utf8_dec d = { 0 };
	long r = utf8_feed(&d, inbuf[in_head++]);

	while (r == UTF8_MORE) {
		/* the rest of a character comes in the same write */
		if (in_head == in_tail && !in_fill(UTF8_REST_MS))
			return UTF8_REPLACEMENT;
		r = utf8_feed(&d, inbuf[in_head]);
		if (r == UTF8_AGAIN)
			return UTF8_REPLACEMENT;
		in_head++;
	}
	return (int)r;
}

/* An escape sequence no key has (ESC [ 1 ; 5 C ...): its length, or 0. */
static size_t csi_len(void)
{
	size_t i = in_head + 2;

	if (in_tail - in_head < 3 || inbuf[in_head + 1] != '[')
		return 0;
	while (i < in_tail && inbuf[i] >= 0x20 && inbuf[i] <= 0x3f)
		i++;
	if (i < in_tail && inbuf[i] >= 0x40 && inbuf[i] <= 0x7e)
		return i + 1 - in_head;
	return 0;
}

/* The next key, from the buffer, else waiting timeout_ms; -1 if none. */
static int read_key(int timeout_ms)
{
	size_t len = 0;
	int key = 0, m;

	if (in_head == in_tail && !in_fill(timeout_ms))
		return -1;
	m = match_keyseq(&key, &len);
	while (m < 0 && in_fill(ESC_WAIT_MS))
		m = match_keyseq(&key, &len);
	if (m > 0) {
		in_head += len;
		return key;
	}
	if (inbuf[in_head] == UI_ESC) {
		/* Alt-x arrives as ESC x */
		if (++in_head == in_tail)
			return UI_ESC;
		in_head--;
		len = csi_len();
		in_head++;
		if (len) {
			in_head += len - 1;
			return UI_KEY_UNKNOWN;
		}
		return UI_KEY_ALT + next_char();
	}
	if (inbuf[in_head] == UI_CTRL('c')) {
		in_head++;
		return UI_KEY_INTR;
	}
	if (inbuf[in_head] == '\r' || inbuf[in_head] == '\n') {
		in_head++;
		return UI_KEY_ENTER;
	}
	return next_char();
}

/*
 * Ctrl-C: keys typed before it are still read, up to the first Enter (a
 * statement entered just before it still runs, and is interrupted); the
 * rest -- a paste's tail, the line being typed -- goes, and what arrives
 * after the Ctrl-C waits until it has been taken.
 */
static void cut_at_intr(void)
{
	size_t i;

	while (in_fill(0))
		;
	for (i = in_head; i < in_tail; i++) {
		if (inbuf[i] == '\r' || inbuf[i] == '\n') {
			i++;
			break;
		}
	}
	in_tail = i;
	in_cut = true;
}

/* }====== */

static struct pane *keys_pane(struct ui *ui)
{
	struct pane *z = pane_find(ui, "zones");

	if (z && z->visible && z->h > 0)
		return z;
	return pane_find(ui, "status");
}

static void start_script(struct ui *ui, const char *path);

/*
 * Show chapter `target` of the demo (0: its start). Forward, the demo
 * runs on from here; back, it starts again and runs to that chapter().
 * Either way it does not stop at the pauses on the way, as in --batch, so
 * a demo that begins with reset{} shows the numbers of its first pass.
 * Ctrl-C stops a demo that never gets there.
 */
static void goto_chapter(struct ui *ui, unsigned int target)
{
	const struct script_pace *pace = script_pace(ui->S);
	int wait_ms, st;

	if (target == 0 || target <= pace->nr_chapters || !ui->script_active)
		start_script(ui, demo_path);
	ui->evaluating = true;
	while (ui->script_active && pace->nr_chapters < target && !sig_int) {
		st = script_resume(ui->S, &wait_ms);
		if (st != SCRIPT_PAUSED)
			script_finished(ui, st);
	}
	ui->evaluating = false;
	sig_int = 0;
	progress_done(ui);
	ui_capture_drain(ui);
	ui->dirty = true;
	if (!ui->script_active || target == 0)
		return;
	ui_message(ui, false, "chapter %u: %s", pace->nr_chapters,
		   pace->chapter);
	/* on from the chapter's title to its first pause, as start_script() */
	ui->running = true;
	ui->script_waiting = true;
	ui->script_wake_ms = 0;
}

/* ] [ R, and Space in a pause() that waits for a key; true if used */
static bool presentation_key(struct ui *ui, int key)
{
	unsigned int chapter = script_pace(ui->S)->nr_chapters;

	if (key == ' ' && ui->script_active && ui->script_waiting &&
	    ui->script_wake_ms < 0) {
		resume_script(ui);
		return true;
	}
	if (!demo_path || (key != ']' && key != '[' && key != 'R'))
		return false;
	if (key == ']' && !ui->script_active)
		ui_message(ui, true, "the demo has ended; R starts it again");
	else if (key == ']')
		goto_chapter(ui, chapter + 1);
	else if (key == '[')
		goto_chapter(ui, chapter > 1 ? chapter - 1 : 0);
	else
		goto_chapter(ui, 0);
	return true;
}

/* A key while the panes have the focus; true if it was used. */
static bool pane_mode_key(struct ui *ui, int key)
{
	struct pane *f = ui->focus;

	if (ui->script_waiting && key == UI_KEY_ENTER) {
		resume_script(ui);
		return true;
	}
	if (f && f->type->key && f->type->key(f, key) != PANE_IGNORED)
		return true;
	if (presentation_key(ui, key))
		return true;
	if (ui_global_key(ui, key))
		return true;
	/* pause() waits for a key: any key the panes have no use for */
	if (ui->script_waiting && key != UI_ESC) {
		resume_script(ui);
		return true;
	}
	return false;
}

/*
 * Keys every mode shares. Returns 1 if the key is for the line editor,
 * 0 if it was used here.
 */
static int dispatch(struct ui *ui, int key)
{
	ui->dirty = true;
	/* the first ':' keeps the start-up message it is there to read */
	if (key != UI_KEY_RESIZE && (key != ':' || ui->keys_seen))
		ui->message[0] = '\0';
	ui->keys_seen = true;
	if (ui->help) {
		ui->help = false;
		return 0;
	}
	if (ui->confirm == CONFIRM_QUIT) {
		ui->confirm = CONFIRM_NONE;
		if (key == 'y' || key == 'Y')
			ui->quit = true;
		return 0;
	}
	switch (key) {
	case UI_KEY_RESIZE:
	case UI_CTRL('l'):
		/* the terminal may have lost what curses thinks it shows */
		clearok(curscr, TRUE);
		return 0;
	case UI_KEY_PPAGE:
	case UI_KEY_NPAGE:
		/* a focused pane that scrolls takes them; else the REPL does */
		if (ui->focus != ui->repl && ui->focus->type->key &&
		    ui->focus->type->key(ui->focus, key) != PANE_IGNORED)
			return 0;
		ui->repl->type->key(ui->repl, key);
		return 0;
	case UI_KEY_F1:
		ui->help = true;
		return 0;
	case UI_KEY_INTR:
		return 1;
	}
	if (ui->focus == ui->repl) {
		if (key != UI_ESC)
			return 1;
		ui->focus = keys_pane(ui);
		return 0;
	}
	/* Esc then a key, typed fast, reads as Alt-key: here it is the key */
	if (key >= UI_KEY_ALT && key < UI_KEY_UNKNOWN)
		key -= UI_KEY_ALT;
	if (!pane_mode_key(ui, key) && key != UI_ESC)
		ui_message(ui, true, "no action on this key; ? lists the keys");
	return 0;
}

bool ui_input_pending(struct ui *ui)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	(void)ui;
	if (in_head < in_tail)
		return true;
	if (in_cut)
		return false;
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

int ui_wait_edit_key(struct ui *ui, int *key)
{
	for (;;) {
		int k;

		if (sig_term)
			ui->quit = true;
		if (ui->quit)
			return 0;
		if (!sig_int)
			in_cut = false; /* the Ctrl-C went to a statement */
		else if (!in_cut)
			cut_at_intr();
		/* keys in the buffer (a paste): no time, no drawing between */
		if (in_head < in_tail && !sig_tstp && !sig_winch) {
			k = read_key(0);
			if (k >= 0 && dispatch(ui, k)) {
				*key = k;
				return 1;
			}
			continue;
		}
		if (sig_tstp)
			suspend(ui);
		rec_resize(ui);
		tick(ui);
		/* time alone moving redraws ten times a second */
		if (ui->time_moved &&
		    ui->clock_ms() - ui->redraw_ms >= REDRAW_TIME_MS)
			ui->dirty = true;
		if (ui->dirty && !ui_input_pending(ui))
			redraw(ui);
		/*
		 * Ctrl-C arrives as SIGINT, ahead of keys typed before it
		 * that are still unread: take what cut_at_intr() kept first.
		 */
		k = read_key(sig_int	 ? 0 :
			     ui->running ? LOOP_RUN_TIMEOUT_MS :
					   LOOP_TIMEOUT_MS);
		if (k < 0 && sig_int) {
			sig_int = 0;
			in_cut = false;
			k = UI_KEY_INTR;
		}
		if (k < 0)
			continue;
		if (dispatch(ui, k)) {
			*key = k;
			return 1;
		}
	}
}

/* Ask before quitting: the editor calls this on Ctrl-C at an empty line. */
static void confirm_quit(struct ui *ui)
{
	ui->confirm = CONFIRM_QUIT;
	ui->dirty = true;
}

/*
 * script_set_poll(): called while Lua runs. A Ctrl-C that came before
 * the statement started (typed right after Enter) stops it here, and a
 * Ctrl-Z stops the process here (suspend()).
 *
 * A SIGTERM or SIGHUP stops it here too, at every poll until Lua has
 * given up: on_term() only interrupts the thread script_set_running()
 * marked, so one that came between the loop's last look at sig_term
 * and that mark (Enter read, the line not yet running) interrupted
 * nothing, and nothing else reads sig_term while Lua runs: a statement
 * that never ends (a loop of alloc()s) went on for good. sig_term stays
 * set for the loop to quit on.
 */
static void poll_interrupt(void *ctx)
{
	struct ui *ui = ctx;

	if (sig_int || sig_term) {
		sig_int = 0;
		script_interrupt(ui->S);
	}
	if (sig_tstp) {
		suspend(ui);
		redraw(ui);
	}
}

/*
 * script_set_poll()'s progress: a long alloc() keeps the screen alive,
 * redrawn ten times a second with how far it got, and Ctrl-C stops it.
 */
static void poll_progress(void *ctx, unsigned long done, unsigned long total)
{
	struct ui *ui = ctx;

	poll_interrupt(ui);
	if (ui->clock_ms() - ui->redraw_ms < REDRAW_TIME_MS || !total)
		return;
	ui_message(ui, false, "alloc(): %lu%%, %lu of %lu pages; Ctrl-C stops",
		   done * 100 / total, done, total);
	ui->progress_shown = true;
	redraw(ui);
}

static int ui_eval(struct ui *ui, const char *chunk)
{
	int st;

	ui->evaluating = true;
	st = script_eval(ui->S, chunk);
	ui->evaluating = false;
	if (st != SCRIPT_INCOMPLETE)
		journal_entry(journal, ui->S, chunk, st == SCRIPT_ERROR);
	sig_int = 0;
	progress_done(ui);
	ui_capture_drain(ui);
	ui->dirty = true;
	return st;
}

/* Echo a line as typed at the prompt, and follow the output to it. */
static void echo_line(struct ui *ui, const char *prompt, const char *line,
		      size_t n)
{
	pane_repl_write(ui->repl, prompt, strlen(prompt), ROLE_ECHO);
	pane_repl_write(ui->repl, line, n, ROLE_ECHO);
	pane_repl_write(ui->repl, "\n", 1, ROLE_ECHO);
	ui->repl->type->key(ui->repl, UI_KEY_ENTER);
}

/* A key that stands for a line of Lua: shown as if typed, then run. */
void ui_eval_key_line(struct ui *ui, const char *code)
{
	echo_line(ui, "> ", code, strlen(code));
	ui_eval(ui, code);
}

void ui_continue(struct ui *ui)
{
	struct sim *sim = script_sim(ui->S);
	struct sim_where at;
	bool was_parked = sim && sim_where(sim, &at) == 0;

	ui_eval_key_line(ui, "cont()");
	if (was_parked && sim_where(sim, &at) != 0) {
		ui->running = true;
		ui->run_ms = ui->clock_ms();
	}
}

/* }====== */

/* {====== session */

static int panes_init(struct ui *ui)
{
	const struct pane_type *const *t = pane_type_table();

	for (; *t && ui->nr_panes < UI_MAX_PANES; t++) {
		struct pane *p = &ui->panes[ui->nr_panes];

		p->type = *t;
		p->ui = ui;
		p->visible = true;
		if (p->type->data_size &&
		    !(p->data = calloc(1, p->type->data_size)))
			return -1;
		ui->nr_panes++;
		if (p->type->init && p->type->init(p))
			return -1;
	}
	ui->repl = pane_find(ui, "repl");
	ui->focus = ui->repl;
	return ui->repl ? 0 : -1;
}

static void panes_free(struct ui *ui)
{
	for (int i = 0; i < ui->nr_panes; i++) {
		struct pane *p = &ui->panes[i];

		if (p->type->free)
			p->type->free(p);
		free(p->data);
		p->data = NULL;
	}
	ui->nr_panes = 0;
}

static void setup_theme(struct ui *ui, const char *name)
{
	char err[300];

	if (!has_colors()) {
		theme_builtin(&ui->theme, true);
		if (!name || strcmp(name, "mono"))
			ui_message(ui, false, "no colours here: mono theme");
	} else if (theme_load(&ui->theme, name, err, sizeof(err))) {
		/* in the REPL pane too: the status line may be too short */
		ui_message(ui, true, "%s; using the default theme", err);
		pane_repl_write(ui->repl, ui->message, strlen(ui->message),
				ROLE_ERROR);
		pane_repl_write(ui->repl, "\n", 1, ROLE_ERROR);
	}
	draw_setup_theme(ui);
}

static void start_script(struct ui *ui, const char *path)
{
	int st;

	ui->evaluating = true;
	st = script_start(ui->S, path);
	ui->evaluating = false;
	progress_done(ui);
	/* its chapters and captions count from 0 again: mark them again */
	marked_says = 0;
	marked_chapters = 0;
	ui_capture_drain(ui);
	ui->script_active = true;
	ui->focus = keys_pane(ui);
	if (st == SCRIPT_PAUSED) {
		/* time runs when the script lets it: pause{run = true} */
		ui->running = true;
		ui->script_waiting = true;
		ui->script_wake_ms = 0;
		return;
	}
	script_finished(ui, st);
}

/* Read, evaluate, print until the user quits. */
static void repl_loop(struct ui *ui)
{
	char *chunk = NULL;
	size_t len = 0;

	while (!ui->quit) {
		int count = 0;
		const char *line = edit_gets(ui->edit, chunk != NULL, &count);
		size_t n;

		/* whatever libedit did to the tty, curses' modes rule */
		reset_prog_mode();
		if (!line) {
			/* Ctrl-C at an empty prompt, or Ctrl-D (EOF) */
			if (count == -2 || (count == 0 && !ui->quit)) {
				confirm_quit(ui);
			} else if (count < 0) {
				pane_repl_write(ui->repl, "^C\n", 3, ROLE_ECHO);
				free(chunk);
				chunk = NULL;
				len = 0;
			}
			continue;
		}
		/* a recalled entry may hold several lines: echo each */
		n = edit_line_len(line);
		for (size_t i = 0, e; i <= n; i = e + 1) {
			e = i + strcspn(line + i, "\n");
			if (e > n)
				e = n;
			echo_line(ui, chunk || i ? ".. " : "> ", line + i,
				  e - i);
		}
		if (n == 0 && !chunk) {
			if (ui->script_waiting)
				resume_script(ui);
			continue;
		}
		chunk = realloc(chunk, len + n + 2);
		if (!chunk)
			abort();
		if (len)
			chunk[len++] = '\n';
		memcpy(chunk + len, line, n);
		len += n;
		chunk[len] = '\0';
		if (ui_eval(ui, chunk) == SCRIPT_INCOMPLETE)
			continue;
		/* the whole statement is one history item, as lua.c keeps it */
		edit_history_add(ui->edit, chunk);
		free(chunk);
		chunk = NULL;
		len = 0;
	}
	free(chunk);
}

/* {====== headless recording (--size) */

#define HEADLESS_READ_MS 3000 /* a pause() for a key: the class reads */
#define HEADLESS_FRAME_MS 100 /* frames while time runs in a pause */
#define HEADLESS_MAX_MS (3600 * 1000ULL) /* a demo that never ends */

static uint64_t headless_clock_ms(void)
{
	return headless_now_ms;
}

/* Move the clock on to `until`, a frame at a time, time running if let. */
static void headless_wait(struct ui *ui, uint64_t until)
{
	while (headless_now_ms < until && !sig_int && !sig_term) {
		uint64_t left = until - headless_now_ms;

		headless_now_ms += left < HEADLESS_FRAME_MS ? left :
							      HEADLESS_FRAME_MS;
		advance(ui);
		ui_capture_drain(ui);
		if (ui->time_moved || ui->dirty)
			redraw(ui);
	}
}

/*
 * Play the demo as a class would see it, with no one at the keys: a
 * pause(N) lasts N seconds of the recording, a pause() for a key
 * HEADLESS_READ_MS, and the last screen stays as long. Returns the exit
 * status: 1 if the demo failed, ran for an hour, or was interrupted.
 */
static int headless_loop(struct ui *ui)
{
	ui->run_ms = headless_now_ms;
	start_script(ui, demo_path);
	while (ui->script_active && !sig_int && !sig_term) {
		if (ui->dirty)
			redraw(ui);
		if (headless_now_ms >= HEADLESS_MAX_MS) {
			fprintf(stderr, "kswapsim: the demo still runs after "
					"an hour of recording: stopped\n");
			return 1;
		}
		headless_wait(ui, ui->script_wake_ms < 0 ?
					  headless_now_ms + HEADLESS_READ_MS :
					  (uint64_t)ui->script_wake_ms);
		if (!sig_int && !sig_term)
			resume_script(ui);
	}
	redraw(ui);
	headless_now_ms += HEADLESS_READ_MS;
	if (sig_int || sig_term) {
		fprintf(stderr, "kswapsim: interrupted\n");
		return 1;
	}
	if (demo_failed) {
		fprintf(stderr, "kswapsim: the demo %s stopped with an error\n",
			demo_path);
		return 1;
	}
	return 0;
}

/* {====== the redraw benchmark (bench/bench_redraw.c) */

static struct ui_redraw_bench *bench;

static double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * The reference frame: every row filled with text, its attribute changing
 * every ten cells as a pane's roles do, sent whole through curses.
 */
static void bench_reference_frame(struct ui *ui)
{
	static const char text[] = "nr_inactive_file 178547 pgscan_kswapd 653 ";

	erase();
	for (int y = 0; y < ui->rows; y++)
		for (int x = 0; x < ui->cols; x += 10) {
			attrset(x / 10 % 2 ? A_BOLD : A_NORMAL);
			mvaddnstr(y, x, text + (x + y) % 30,
				  ui->cols - x < 10 ? ui->cols - x : 10);
		}
	attrset(A_NORMAL);
	refresh();
	rec_drain();
}

static int bench_loop(struct ui *ui)
{
	double t0, t1, t2;

	redraw(ui);
	t0 = bench_now_ms();
	for (int i = 0; i < bench->frames; i++) {
		clearok(curscr, TRUE);
		redraw(ui);
	}
	t1 = bench_now_ms();
	for (int i = 0; i < bench->frames; i++) {
		clearok(curscr, TRUE);
		bench_reference_frame(ui);
	}
	t2 = bench_now_ms();
	bench->frame_ms = (t1 - t0) / bench->frames;
	bench->reference_ms = (t2 - t1) / bench->frames;
	return 0;
}

int ui_bench_redraw(struct script *S, int cols, int rows,
		    struct ui_redraw_bench *b)
{
	/* curses' output goes to a cast nobody keeps, as in a recording */
	struct ui_options o = { .record = "/dev/null",
				.size_cols = cols,
				.size_rows = rows };
	int st;

	if (b->frames <= 0)
		return -1;
	bench = b;
	st = ui_run(S, &o);
	bench = NULL;
	headless_rows = headless_cols = 0;
	return st ? -1 : 0;
}

/* }====== */

int ui_run(struct script *S, const struct ui_options *opts)
{
	struct ui *ui;
	TERMINAL *term;
	int sig, st = 0, status = 0;

	if (opts && opts->size_cols > 0) {
		headless_cols = opts->size_cols;
		headless_rows = opts->size_rows;
	}
	if (!headless_rows &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr,
			"kswapsim: the UI needs a terminal; use --batch, -e or --no-ui\n");
		return 2;
	}
	/* a cast is UTF-8 whatever the locale around it */
	if (!headless_rows || !setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	/*
	 * The characters are the terminal's, the numbers are the kernel's:
	 * a decimal point whatever the language, so that Lua reads and
	 * prints 0.5 as lua(1) does and the same seed prints the same bytes.
	 */
	setlocale(LC_NUMERIC, "C");
	ui = calloc(1, sizeof(*ui));
	if (!ui)
		return 1;
	ui->S = S;
	ui->record = opts ? opts->record : NULL;
	ui->speed_idx = SPEED_DEFAULT;
	ui->clock_ms = headless_rows ? headless_clock_ms : wall_clock_ms;
	snprintf(rec_command, sizeof(rec_command), "kswapsim%s%s",
		 opts && opts->script ? " " : "",
		 opts && opts->script ? opts->script : "");
	ui->dirty = true;
	if (opts && opts->journal) {
		char err[300];

		journal = journal_open(opts->journal, script_seed(S), err,
				       sizeof(err));
		if (!journal) {
			fprintf(stderr, "kswapsim: %s\n", err);
			free(ui);
			return 2;
		}
		ui->journal_path = opts->journal;
	}
	if (panes_init(ui) || (st = tui_start(ui))) {
		journal_close(journal);
		journal = NULL;
		panes_free(ui);
		free(ui);
		if (st == -2)
			return 2; /* rec_start() said why */
		fprintf(stderr, "kswapsim: cannot start the terminal UI\n");
		return 1;
	}
	setup_theme(ui, opts ? opts->theme : NULL);
	term = cur_term;
	if (cast && !headless_rows) /* headless: not in the video */
		ui_message(ui, false, "recording to %s", ui->record);
	script_set_poll(S, poll_interrupt, poll_progress, ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	layout_apply(ui, LAYOUT_OVERVIEW, ui->rows, ui->cols);
	if (bench) {
		status = bench_loop(ui);
		goto done;
	}
	if (headless_rows) {
		demo_path = opts->script;
		status = headless_loop(ui);
		goto done;
	}
	ui->edit = edit_new(ui, S);
	/*
	 * libedit's tgetent() made its own terminal current in the shared
	 * terminfo state; give curses its own back, or it sizes the screen
	 * from libedit's idea of it.
	 */
	set_curterm(term);
	getmaxyx(stdscr, ui->rows, ui->cols);
	layout_apply(ui, LAYOUT_OVERVIEW, ui->rows, ui->cols);
	/* keys act on the panes first, as the help says; ':' opens the REPL */
	ui->focus = keys_pane(ui);
	/* time owed to a run starts now, not at the clock's epoch */
	ui->run_ms = ui->clock_ms();
	if (opts && opts->script) {
		demo_path = opts->script;
		journal_comment(journal, "the demo given to the UI is not in "
					 "this journal");
		start_script(ui, opts->script);
	}
	repl_loop(ui);
	edit_free(ui->edit);
done:
	script_set_poll(S, NULL, NULL, NULL);
	ui_shutdown();
	if (headless_in) {
		fclose(headless_in);
		headless_in = NULL;
	}
	the_ui = NULL;
	restore_signals();
	panes_free(ui);
	free(ui);
	if (journal) {
		int err = journal_close(journal);

		journal = NULL;
		if (err && !journal_err)
			journal_err = err;
	}
	sig = sig_term;
	if (sig)
		raise(sig);
	if (journal_err) {
		fprintf(stderr, "kswapsim: the journal %s failed: %s\n",
			opts->journal, strerror(journal_err));
		return 1;
	}
	if (rec_err) {
		fprintf(stderr, "kswapsim: recording to %s failed: %s\n",
			opts->record, strerror(rec_err));
		return 1;
	}
	return status;
}

/* }====== */
