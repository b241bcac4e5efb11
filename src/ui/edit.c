// SPDX-License-Identifier: GPL-2.0-only
/*
 * The line editor: libedit in emacs mode with history(3), shared by the
 * curses REPL pane and the plain --no-ui REPL. In the UI, libedit reads
 * its characters through edit_getc() (EL_GETCFN), which runs the UI loop
 * until a key for the editor arrives, and writes its own screen updates to
 * /dev/null (EL_PREP_TERM 0 leaves the tty modes to curses); the REPL pane
 * draws the line from el_wline() instead. Curses keys come back as the
 * escape sequences libedit binds (ESC [ A for Up, ...).
 */
#include "pane.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include "script.h"

#define HISTORY_SIZE 1000
#define SHOW_AROUND 4096 /* characters of the line shown either side */

struct edit {
	struct ui *ui; /* NULL: plain terminal */
	struct script *S;
	EditLine *el;
	History *hist;
	HistEvent ev;
	char *hist_path; /* NULL: no persistent history */
	FILE *null_out;
	int pty_master; /* libedit's own terminal, UI only */
	int pty_slave;
	bool continuation; /* the ".." prompt */
	int cancel; /* why edit_getc() ended the line: -1, -2 */
	wchar_t pending[8]; /* a key's escape sequence, being fed */
	int nr_pending;
	int next_pending;
	wchar_t run[4096]; /* typed characters inserted at once (a paste) */
	int held_key; /* a key read past the run, or -1 */
	bool at_rest; /* libedit inserts the next plain character */
	bool searching; /* Ctrl-R: characters go to the pattern */
	bool eof; /* the UI quit while a run was read */
	char *shown; /* the part of the line on screen, as bytes */
	size_t shown_size;
	struct utf8_dec dec; /* --no-ui: stdin's bytes as UTF-8 */
	int held; /* a byte to decode again, or -1 */
	volatile sig_atomic_t interrupted; /* Ctrl-C at the --no-ui prompt */
};

static struct edit *edit_of(EditLine *el)
{
	void *e = NULL;

	el_get(el, EL_CLIENTDATA, &e);
	return e;
}

static char *edit_prompt(EditLine *el)
{
	static char first[] = "> ", more[] = ">> ", ui_more[] = ".. ";
	struct edit *e = edit_of(el);

	if (!e->continuation)
		return first;
	return e->ui ? ui_more : more;
}

/* {====== history */

static int make_dir(const char *path)
{
	if (mkdir(path, 0700) && errno != EEXIST)
		return -1;
	return 0;
}

char *edit_history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *path;
	size_t n;

	if (state && *state) {
		n = strlen(state) + sizeof("/kswapsim/history");
		path = malloc(n);
		if (!path)
			return NULL;
		snprintf(path, n, "%s", state);
		make_dir(path);
		snprintf(path, n, "%s/kswapsim", state);
		if (make_dir(path)) {
			free(path);
			return NULL;
		}
		snprintf(path, n, "%s/kswapsim/history", state);
		return path;
	}
	if (!home || !*home)
		return NULL;
	n = strlen(home) + sizeof("/.kswapsim_history");
	path = malloc(n);
	if (path)
		snprintf(path, n, "%s/.kswapsim_history", home);
	return path;
}

size_t edit_line_len(const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	return n;
}

/*
 * One history item a statement, its lines joined by newlines (lua.c's
 * lua_saveline() of a multi-line chunk); history(3) saves the newlines
 * encoded (strvis) and loads them back, and the input line shows them.
 */
void edit_history_add(struct edit *e, const char *line)
{
	size_t n = edit_line_len(line);
	char *copy;

	if (n == 0 || !e->hist)
		return;
	copy = strndup(line, n);
	if (!copy)
		return;
	history(e->hist, &e->ev, H_ENTER, copy);
	free(copy);
	/* save on every line: a killed session keeps its history */
	if (e->hist_path &&
	    history(e->hist, &e->ev, H_SAVE, e->hist_path) < 0) {
		free(e->hist_path);
		e->hist_path = NULL;
		if (e->ui)
			ui_message(e->ui, true,
				   "cannot write history; history not kept");
	}
}

/* }====== */

/* {====== completion */

static char *common_prefix(char **m, int n)
{
	size_t len = strlen(m[0]);

	for (int i = 1; i < n; i++) {
		size_t j = 0;

		while (j < len && m[i][j] == m[0][j])
			j++;
		len = j;
	}
	return strndup(m[0], len);
}

/*
 * The longest tail of line[0..cursor) that is a head of word: what of the
 * candidate is typed already, whether the candidate is a whole dotted
 * expression or only its last field.
 */
static size_t typed_overlap(const char *line, size_t cursor, const char *word)
{
	size_t wl = strlen(word);
	size_t k = cursor < wl ? cursor : wl;

	for (; k > 0; k--)
		if (!strncmp(line + cursor - k, word, k))
			return k;
	return 0;
}

char *edit_complete(struct script *S, const char *line, size_t cursor,
		    void (*list)(void *ctx, const char *s), void *ctx)
{
	char **m = NULL, *prefix, *ins = NULL;
	int n = script_complete(S, line, cursor, &m);
	size_t k;

	if (n <= 0 || !m) {
		free(m);
		return NULL;
	}
	prefix = common_prefix(m, n);
	k = prefix ? typed_overlap(line, cursor, prefix) : 0;
	if (prefix && strlen(prefix) > k)
		ins = strdup(prefix + k);
	if (!ins && n > 1) {
		char buf[1024];
		size_t used = 0;

		/* nothing more to insert: show the choices, as readline does */
		for (int i = 0; i < n && used + 2 < sizeof(buf); i++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used,
						 "%s%s", i ? "  " : "", m[i]);
		list(ctx, buf);
	}
	for (int i = 0; i < n; i++)
		free(m[i]);
	free(m);
	free(prefix);
	return ins;
}

static void list_ui(void *ctx, const char *s)
{
	struct ui *ui = ctx;

	pane_repl_write(ui->repl, s, strlen(s), ROLE_OUTPUT);
	pane_repl_write(ui->repl, "\n", 1, ROLE_OUTPUT);
}

static void list_plain(void *ctx, const char *s)
{
	(void)ctx;
	fprintf(stdout, "\n%s\n", s);
	fflush(stdout);
}

static unsigned char edit_complete_fn(EditLine *el, int ch)
{
	struct edit *e = edit_of(el);
	const LineInfo *li = el_line(el);
	size_t len = (size_t)(li->lastchar - li->buffer);
	size_t cursor = (size_t)(li->cursor - li->buffer);
	char *line = strndup(li->buffer, len), *ins;

	(void)ch;
	if (!line)
		return CC_ERROR;
	if (e->ui)
		ins = edit_complete(e->S, line, cursor, list_ui, e->ui);
	else
		ins = edit_complete(e->S, line, cursor, list_plain, NULL);
	free(line);
	if (ins && *ins)
		el_insertstr(el, ins);
	free(ins);
	return e->ui ? CC_REFRESH : CC_REDISPLAY;
}

/* }====== */

/* {====== keys from the UI loop */

static void feed(struct edit *e, const char *seq)
{
	e->nr_pending = 0;
	e->next_pending = 0;
	while (*seq && e->nr_pending < (int)(sizeof(e->pending) /
					     sizeof(e->pending[0])))
		e->pending[e->nr_pending++] = (wchar_t)*seq++;
}

/* A UI key as the characters a terminal would have sent libedit. */
static void translate(struct edit *e, int key)
{
	switch (key) {
	case UI_KEY_UP:
		feed(e, "\033[A");
		return;
	case UI_KEY_DOWN:
		feed(e, "\033[B");
		return;
	case UI_KEY_RIGHT:
		feed(e, "\033[C");
		return;
	case UI_KEY_LEFT:
		feed(e, "\033[D");
		return;
	case UI_KEY_HOME:
		feed(e, "\001");
		return;
	case UI_KEY_END:
		feed(e, "\005");
		return;
	case UI_KEY_DC:
		feed(e, "\033[3~");
		return;
	case UI_KEY_BACKSPACE:
		feed(e, "\177");
		return;
	case UI_KEY_ENTER:
		feed(e, "\r");
		return;
	}
	e->nr_pending = 0;
	e->next_pending = 0;
	if (key >= UI_KEY_ALT && key < UI_KEY_UNKNOWN) {
		e->pending[e->nr_pending++] = 0x1b;
		e->pending[e->nr_pending++] = (wchar_t)(key - UI_KEY_ALT);
	} else if (key < UI_KEY_BASE) {
		e->pending[e->nr_pending++] = (wchar_t)key;
	}
}

/*
 * During Ctrl-R libedit keeps "\nbck:PATTERN" after the line (fwd: the
 * other way); a recalled multi-line entry has newlines of its own.
 */
static const wchar_t *search_suffix(const wchar_t *buf, size_t len)
{
	const wchar_t *nl = NULL;
	size_t rest;

	for (size_t i = len; i > 0 && !nl; i--)
		if (buf[i - 1] == L'\n')
			nl = buf + i - 1;
	if (!nl)
		return NULL;
	/* "bck:", or "failed bck:" when nothing matches */
	rest = (size_t)(buf + len - nl);
	for (size_t i = 1; i + 4 <= rest && i < 16; i++)
		if (!wmemcmp(nl + i, L"bck:", 4) ||
		    !wmemcmp(nl + i, L"fwd:", 4))
			return nl;
	return NULL;
}

/*
 * Characters [from, to) in the locale's bytes, appended to out[*n..];
 * '?' for one the locale cannot encode, or a NUL.
 */
static void encode(char *out, size_t *n, const wchar_t *from, const wchar_t *to)
{
	mbstate_t ps;

	memset(&ps, 0, sizeof(ps));
	for (; from < to; from++) {
		/* a NUL in the line (Ctrl-W in a search can yank one) shows */
		size_t k = *from ? wcrtomb(out + *n, *from, &ps) : (size_t)-1;

		if (k == (size_t)-1) {
			memset(&ps, 0, sizeof(ps));
			out[*n] = '?';
			k = 1;
		}
		*n += k;
	}
}

/*
 * The input line as the REPL pane shows it: only the characters around
 * the cursor, as many as a screen row could ever show, so a pasted
 * megabyte costs no more to show than a short line.
 */
static void show_line(struct edit *e)
{
	const LineInfoW *li = el_wline(e->el);
	const wchar_t *nl = NULL, *end = li->lastchar, *cur = li->cursor;
	const wchar_t *from, *to;
	char prompt[48];
	size_t n = 0, at, need;

	/* the search's pattern is the prompt */
	if (e->searching)
		nl = search_suffix(li->buffer, (size_t)(end - li->buffer));
	if (nl) {
		char pat[sizeof(prompt) * MB_LEN_MAX];
		size_t np = 0;
		const wchar_t *pe = end;

		/* the prompt cuts it anyway */
		if (pe - nl - 1 > (ptrdiff_t)sizeof(prompt))
			pe = nl + 1 + sizeof(prompt);
		encode(pat, &np, nl + 1, pe);
		if (np > sizeof(prompt) - 4)
			np = sizeof(prompt) - 4;
		prompt[0] = '(';
		memcpy(prompt + 1, pat, np);
		memcpy(prompt + 1 + np, ") ", 3);
		end = nl;
		cur = nl;
	}
	from = cur - li->buffer > SHOW_AROUND ? cur - SHOW_AROUND : li->buffer;
	to = end - cur > SHOW_AROUND ? cur + SHOW_AROUND : end;
	need = (size_t)(to - from) * MB_CUR_MAX + 1;
	if (need > e->shown_size) {
		char *p = realloc(e->shown, need);

		if (!p)
			return;
		e->shown = p;
		e->shown_size = need;
	}
	encode(e->shown, &n, from, cur);
	at = n;
	encode(e->shown, &n, cur, to);
	pane_repl_set_input(e->ui->repl, nl ? prompt : edit_prompt(e->el),
			    e->shown, n, at);
	e->ui->dirty = true;
}

/*
 * A key that libedit's emacs mode inserts as it is (ed-insert): not
 * U+0080..U+00FF, which its map reads as Meta keys.
 */
static bool plain_key(int key)
{
	return (key >= 0x20 && key < 0x7f) ||
	       (key >= 0x100 && key < UI_KEY_BASE);
}

/*
 * A run of plain characters that came together (a paste): all but the
 * last go into the line at once, the last is libedit's key as usual, so
 * its per-key work (a refresh, written to /dev/null) is done once per run
 * and not once per character. Only where such a character would be
 * inserted anyway: after a plain character, outside a search, not after
 * a prefix (Ctrl-V, Ctrl-X, Alt-digit). The key that ends the run is
 * kept for the next call.
 */
static void feed_run(struct edit *e, int key)
{
	int n = 0, k;

	e->run[n++] = (wchar_t)key;
	while (n < (int)(sizeof(e->run) / sizeof(e->run[0])) - 1 &&
	       ui_input_pending(e->ui)) {
		if (!ui_wait_edit_key(e->ui, &k)) {
			e->eof = true;
			break;
		}
		if (!plain_key(k)) {
			e->held_key = k;
			break;
		}
		e->run[n++] = (wchar_t)k;
	}
	e->nr_pending = 1;
	e->next_pending = 0;
	e->pending[0] = e->run[n - 1];
	if (n > 1) {
		e->run[n - 1] = L'\0';
		el_winsertstr(e->el, e->run);
	}
}

/* EL_GETCFN: 1 and a character, 0 to quit, -1 to drop the line. */
static int edit_getc(EditLine *el, wchar_t *wc)
{
	struct edit *e = edit_of(el);
	int key;

	while (e->next_pending >= e->nr_pending) {
		if (e->held_key >= 0) {
			key = e->held_key;
			e->held_key = -1;
		} else {
			if (e->eof)
				return 0;
			/* a paste shows once, at its end, not once per key */
			if (!ui_input_pending(e->ui))
				show_line(e);
			if (!ui_wait_edit_key(e->ui, &key))
				return 0;
		}
		if (key == UI_KEY_INTR) {
			const LineInfoW *li = el_wline(el);

			e->cancel = li->lastchar == li->buffer &&
						    !e->continuation ?
					    -2 :
					    -1;
			e->nr_pending = 0;
			e->next_pending = 0;
			e->at_rest = true;
			e->searching = false;
			return -1;
		}
		if (plain_key(key) && e->at_rest && !e->searching)
			feed_run(e, key);
		else
			translate(e, key);
	}
	*wc = e->pending[e->next_pending++];
	/* an escape sequence's last character is no plain key */
	e->at_rest = e->nr_pending == 1 && plain_key((int)*wc);
	/* a search ends on Enter, Esc (an arrow) or Ctrl-G */
	if (*wc == UI_CTRL('r') || *wc == UI_CTRL('s'))
		e->searching = true;
	else if (*wc == '\r' || *wc == '\n' || *wc == UI_ESC ||
		 *wc == UI_CTRL('g'))
		e->searching = false;
	return 1;
}

/* }====== */

/* {====== bytes from stdin (--no-ui) */

long utf8_feed(struct utf8_dec *d, unsigned char b)
{
	if (d->need == 0) {
		d->lo = 0x80;
		d->hi = 0xbf;
		if (b < 0x80)
			return b;
		/* C0 C1 F5..FF never start a character, 80..BF only follow */
		if (b < 0xc2 || b > 0xf4)
			return UTF8_REPLACEMENT;
		d->need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
		d->cp = b & (0x3f >> d->need);
		/* no overlong forms, surrogates or code points past U+10FFFF */
		if (b == 0xe0)
			d->lo = 0xa0;
		else if (b == 0xed)
			d->hi = 0x9f;
		else if (b == 0xf0)
			d->lo = 0x90;
		else if (b == 0xf4)
			d->hi = 0x8f;
		return UTF8_MORE;
	}
	if (b < d->lo || b > d->hi) {
		d->need = 0;
		return UTF8_AGAIN;
	}
	d->lo = 0x80;
	d->hi = 0xbf;
	d->cp = d->cp << 6 | (b & 0x3f);
	return --d->need ? UTF8_MORE : (long)d->cp;
}

/*
 * EL_GETCFN of --no-ui, on a terminal or a pipe: libedit's own reader
 * drops an invalid byte without a trace (and, outside a UTF-8 locale,
 * every byte past ASCII); here it reads as U+FFFD and what follows is
 * kept. 1 and a character, 0 at the end of input, -1 on Ctrl-C.
 */
static int edit_plain_getc(EditLine *el, wchar_t *wc)
{
	struct edit *e = edit_of(el);
	unsigned char b;
	ssize_t n;
	long r;

	for (;;) {
		if (e->held >= 0) {
			b = (unsigned char)e->held;
			e->held = -1;
		} else {
			/*
			 * A Ctrl-C that came after the prompt was drawn but
			 * before read() blocked would not interrupt it: the
			 * next key would be read as if none had come.
			 */
			if (e->interrupted) {
				e->interrupted = 0;
				e->dec.need = 0;
				errno = EINTR;
				return -1;
			}
			n = read(STDIN_FILENO, &b, 1);
			if (n < 0 && errno == EINTR && !e->interrupted)
				continue; /* a resize, a stop and continue */
			if (n < 0 || (n == 0 && !e->dec.need)) {
				e->interrupted = 0;
				e->dec.need = 0;
				return n < 0 ? -1 : 0;
			}
			if (n == 0) {
				/* the input ends inside a character */
				e->dec.need = 0;
				*wc = UTF8_REPLACEMENT;
				return 1;
			}
		}
		r = utf8_feed(&e->dec, b);
		if (r == UTF8_MORE)
			continue;
		if (r == UTF8_AGAIN) {
			e->held = b;
			r = UTF8_REPLACEMENT;
		}
		*wc = (wchar_t)r;
		return 1;
	}
}

void edit_interrupt(struct edit *e)
{
	e->interrupted = 1;
}

/* }====== */

/* A pseudo-terminal for libedit's mode changes; falls back to stdin. */
static int private_tty(struct edit *e)
{
	const char *name;

	e->pty_master = posix_openpt(O_RDWR | O_NOCTTY);
	if (e->pty_master < 0)
		return STDIN_FILENO;
	if (grantpt(e->pty_master) || unlockpt(e->pty_master))
		goto out_close;
	name = ptsname(e->pty_master);
	if (!name)
		goto out_close;
	e->pty_slave = open(name, O_RDWR | O_NOCTTY);
	if (e->pty_slave < 0)
		goto out_close;
	return e->pty_slave;
out_close:
	close(e->pty_master);
	e->pty_master = -1;
	return STDIN_FILENO;
}

struct edit *edit_new(struct ui *ui, struct script *S)
{
	struct edit *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->ui = ui;
	e->S = S;
	e->pty_master = -1;
	e->pty_slave = -1;
	e->held = -1;
	e->held_key = -1;
	if (ui) {
		e->null_out = fopen("/dev/null", "w");
		if (!e->null_out) {
			free(e);
			return NULL;
		}
		/*
		 * libedit edits only when its fds are a terminal, and it
		 * switches that terminal between its raw and cooked modes
		 * around every line, which would turn echo back on under
		 * curses. So it gets a pseudo-terminal of its own, which
		 * nobody reads, and /dev/null to write to.
		 */
		int fd = private_tty(e);

		e->el = el_init_fd("kswapsim", stdin, e->null_out, e->null_out,
				   fd, fd, fd);
	} else {
		e->el = el_init("kswapsim", stdin, stdout, stderr);
	}
	if (!e->el) {
		if (e->null_out)
			fclose(e->null_out);
		free(e);
		return NULL;
	}
	el_set(e->el, EL_CLIENTDATA, e);
	el_set(e->el, EL_EDITOR, "emacs");
	el_set(e->el, EL_PROMPT, edit_prompt);
	if (ui) {
		el_set(e->el, EL_PREP_TERM, 0);
		el_set(e->el, EL_GETCFN, edit_getc);
	} else {
		el_set(e->el, EL_SIGNAL, 1);
		el_set(e->el, EL_GETCFN, edit_plain_getc);
	}
	/* el_wset keeps these strings; el_set would copy and leak them */
	el_wset(e->el, EL_ADDFN, L"kss-complete", L"complete a name",
		edit_complete_fn);
	el_set(e->el, EL_BIND, "^I", "kss-complete", NULL);
	el_set(e->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
	/*
	 * Alt-x would read one of libedit's own commands (bind, settc, ...)
	 * and its parser crashes on a lone quote: the REPL has none of them.
	 */
	el_set(e->el, EL_BIND, "^[x", "ed-unassigned", NULL);
	el_set(e->el, EL_BIND, "^[X", "ed-unassigned", NULL);
	/*
	 * Alt-digits build a repeat count for the next key, up to a million:
	 * eight keys made a megabyte line, and libedit then walks the whole
	 * line again on every key (90 ms each). The REPL needs no counts.
	 */
	for (char d = '0'; d <= '9'; d++) {
		char seq[] = { '^', '[', d, '\0' };

		el_set(e->el, EL_BIND, seq, "ed-unassigned", NULL);
	}
	e->hist = history_init();
	if (e->hist) {
		history(e->hist, &e->ev, H_SETSIZE, HISTORY_SIZE);
		history(e->hist, &e->ev, H_SETUNIQUE, 1);
		el_set(e->el, EL_HIST, history, e->hist);
		e->hist_path = edit_history_path();
		if (e->hist_path)
			history(e->hist, &e->ev, H_LOAD, e->hist_path);
	}
	el_source(e->el, NULL);
	return e;
}

void edit_free(struct edit *e)
{
	if (!e)
		return;
	el_end(e->el);
	if (e->hist)
		history_end(e->hist);
	if (e->null_out)
		fclose(e->null_out);
	if (e->pty_slave >= 0)
		close(e->pty_slave);
	if (e->pty_master >= 0)
		close(e->pty_master);
	free(e->hist_path);
	free(e->shown);
	free(e);
}

const char *edit_gets(struct edit *e, bool continuation, int *count)
{
	const char *line;

	e->continuation = continuation;
	e->cancel = 0;
	e->at_rest = true;
	e->searching = false;
	line = el_gets(e->el, count);
	if (!line && e->cancel)
		*count = e->cancel;
	else if (!line && *count < 0 && e->ui)
		*count = -1;
	return line;
}
