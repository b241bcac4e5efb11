// SPDX-License-Identifier: GPL-2.0-only
/*
 * The command line: the input is argv[1..], NUL-separated. parse_args()
 * either refuses it (status 2, with a usage message), answers --help or
 * --version (-1), or fills struct args with values that point into argv
 * and respect their limits: at most MAX_CHUNKS chunks, a --size within
 * 20x5..1000x500 only with --record and SCRIPT.lua.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* main.c, with its main() renamed: the harness calls parse_args() */
int kss_main(int argc, char **argv);
#define main kss_main
#include "../../src/main.c"
#undef main

#define MAX_ARGS 80

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool in_args(const char *s, char *buf, size_t size)
{
	return s >= buf && s < buf + size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
	char name[] = "kswapsim";
	struct args a;
	int argc = 1, status;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = name;
	for (size_t i = 0; i < size && argc <= MAX_ARGS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	memset(&a, 0, sizeof(a));
	status = parse_args(argc, argv, &a);
	if (status != 0 && status != 2 && status != -1)
		abort();
	if (status == 0) {
		if (a.nr_chunks < 0 || a.nr_chunks > MAX_CHUNKS)
			abort();
		for (int i = 0; i < a.nr_chunks; i++)
			if (!in_args(a.chunks[i].text, buf, size + 1))
				abort();
		if (a.script && !in_args(a.script, buf, size + 1))
			abort();
		if (a.size_cols &&
		    (a.size_cols < 20 || a.size_cols > 1000 ||
		     a.size_rows < 5 || a.size_rows > 500 || !a.record ||
		     !a.script || a.nr_chunks || a.no_ui || a.journal))
			abort();
	}
	free(buf);
	return 0;
}
