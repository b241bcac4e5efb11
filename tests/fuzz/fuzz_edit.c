// SPDX-License-Identifier: GPL-2.0-only
/*
 * The REPL's line editor (src/ui/edit.c: libedit fed by edit_getc()): the
 * input is a stream of keys, as the UI loop would hand them over, and the
 * lines it gives back go into the history as the UI's do. The UI side is
 * replaced by the functions below: ui_wait_edit_key() takes the next key
 * from the input, pane_repl_set_input() checks the line shown. Byte codes:
 *   0x00..0x7f  that character (control keys too: ^A ^E ^K ^R ^I ...)
 *   0x80..0xbf  a curses key (arrows, Home, End, Delete, Backspace, Enter,
 *               Ctrl-C, ...), by the low bits
 *   0xc0..0xdf  Alt and the next byte
 *   0xe0..0xff  a wide character from this and the next two bytes
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "pane.h"
#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const int special[] = {
	UI_KEY_UP,	UI_KEY_DOWN, UI_KEY_LEFT,      UI_KEY_RIGHT,
	UI_KEY_HOME,	UI_KEY_END,  UI_KEY_PPAGE,     UI_KEY_NPAGE,
	UI_KEY_DC,	UI_KEY_IC,   UI_KEY_BACKSPACE, UI_KEY_ENTER,
	UI_KEY_BTAB,	UI_KEY_F1,   UI_KEY_RESIZE,    UI_KEY_INTR,
	UI_KEY_UNKNOWN,
};

static struct script *script;
static const uint8_t *in, *in_end;

static void discard(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct script_options so = { .output = discard };

	(void)argc;
	(void)argv;
	/* as the UI: characters past ASCII are text, not Meta keys */
	setlocale(LC_ALL, "C.UTF-8");
	/* no history file: every input starts from an empty history */
	setenv("XDG_STATE_HOME", "", 1);
	setenv("HOME", "", 1);
	script = script_new(&so);
	if (!script)
		abort();
	return 0;
}

/* {====== the UI, as edit.c sees it */

int ui_wait_edit_key(struct ui *ui, int *key)
{
	unsigned int b;

	(void)ui;
	if (in == in_end)
		return 0;
	b = *in++;
	if (b < 0x80) {
		*key = (int)b;
	} else if (b < 0xc0) {
		*key = special[(b & 0x3f) % (sizeof(special) / sizeof(int))];
	} else if (b < 0xe0) {
		*key = UI_KEY_ALT + (in < in_end ? *in++ : 'x');
	} else {
		unsigned int c = (b & 0x1f) << 16;

		c |= (in < in_end ? *in++ : 0) << 8;
		c |= in < in_end ? *in++ : 0;
		*key = (int)(c % 0x110000);
	}
	return 1;
}

bool ui_input_pending(struct ui *ui)
{
	(void)ui;
	return in != in_end;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	(void)ui;
	(void)error;
	(void)fmt;
}

void pane_repl_write(struct pane *p, const char *s, size_t len,
		     enum ui_role role)
{
	(void)p;
	(void)role;
	if (len && memchr(s, '\0', len))
		abort(); /* a completion list with a NUL inside */
}

void pane_repl_set_input(struct pane *p, const char *prompt, const char *buf,
			 size_t len, size_t cursor)
{
	(void)p;
	if (cursor > len || strlen(prompt) > 64)
		abort();
	/* every byte of the line must be readable (ASan checks) */
	if (len && memchr(buf, 0x100, len))
		abort();
}

/* }====== */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui ui;
	struct edit *e;
	bool continuation = false;

	memset(&ui, 0, sizeof(ui));
	ui.S = script;
	in = data;
	in_end = data + size;
	e = edit_new(&ui, script);
	if (!e)
		abort();
	/* each turn reads one key at least, so the input bounds the loop */
	for (size_t turn = 0; turn <= size; turn++) {
		int count = 0;
		const char *line = edit_gets(e, continuation, &count);

		if (!line) {
			if (count == -1 || count == -2) {
				continuation = false;
				continue; /* Ctrl-C: a new line */
			}
			break; /* the end of the input */
		}
		if (strlen(line) != (size_t)count)
			abort();
		edit_history_add(e, line);
		continuation = strlen(line) % 3 == 1;
		if (in == in_end)
			break;
	}
	edit_free(e);
	return 0;
}
