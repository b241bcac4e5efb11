// SPDX-License-Identifier: GPL-2.0-only
/*
 * --no-ui: the REPL on a plain terminal, line by line like lua(1): the
 * prompts "> " and ">> ", libedit editing and history, Ctrl-C to drop a
 * line or interrupt a running statement, Ctrl-D to leave. Without a
 * terminal on stdin libedit reads plain lines, so it also works in a pipe.
 */
#include "ui.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pane.h"
#include "script.h"

static struct script *plain_S;
static struct edit *plain_e;
static volatile sig_atomic_t plain_evaluating;

static void plain_on_int(int sig)
{
	(void)sig;
	/* lua.c: laction(); the hook raises "interrupted!" */
	if (plain_evaluating)
		script_interrupt(plain_S);
	else if (plain_e)
		edit_interrupt(plain_e);
}

/*
 * libedit keeps the line in wide characters and gives it back encoded in
 * LC_CTYPE's charset: outside UTF-8 (the C locale) it would drop every
 * character past ASCII, so the line editor runs in C.UTF-8 then.
 */
static void utf8_ctype(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
}

static char *append_line(char *chunk, size_t *len, const char *line)
{
	size_t n = edit_line_len(line);
	char *c = realloc(chunk, *len + n + 2);

	if (!c) {
		fprintf(stderr, "kswapsim: out of memory\n");
		exit(1);
	}
	if (*len)
		c[(*len)++] = '\n';
	memcpy(c + *len, line, n);
	*len += n;
	c[*len] = '\0';
	return c;
}

int ui_plain_repl(struct script *S)
{
	struct sigaction sa, old;
	struct edit *e;
	char *chunk = NULL;
	size_t len = 0;

	utf8_ctype();
	e = edit_new(NULL, S);
	if (!e) {
		fprintf(stderr, "kswapsim: cannot start the line editor\n");
		return 1;
	}
	plain_S = S;
	plain_e = e;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain_on_int;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	for (;;) {
		int count = 0;
		const char *line = edit_gets(e, chunk != NULL, &count);

		if (!line) {
			if (count == 0)
				break;
			/* Ctrl-C at the prompt drops the line */
			fputc('\n', stdout);
			free(chunk);
			chunk = NULL;
			len = 0;
			continue;
		}
		if (line[strspn(line, " \t\n")] == '\0' && !chunk)
			continue;
		chunk = append_line(chunk, &len, line);
		plain_evaluating = 1;
		if (script_eval(S, chunk) == SCRIPT_INCOMPLETE) {
			plain_evaluating = 0;
			continue;
		}
		plain_evaluating = 0;
		edit_history_add(e, chunk);
		fflush(stdout);
		free(chunk);
		chunk = NULL;
		len = 0;
	}
	if (isatty(STDIN_FILENO))
		fputc('\n', stdout);
	free(chunk);
	sigaction(SIGINT, &old, NULL);
	plain_e = NULL;
	edit_free(e);
	return 0;
}
