// SPDX-License-Identifier: GPL-2.0-only
/*
 * kswapsim: the command line (design.md). Like lua.c's main(): parse the
 * arguments, create the script state (which boots the default machine
 * under lua_pcall), hand over to the work -- batch chunks in the order
 * given, the plain REPL, or the curses UI -- then report and clean up.
 * Exit status: 0, 1 when a batch chunk failed, 2 for a usage error or
 * when the UI has no terminal.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script.h"
#include "ui.h"

#ifndef KSS_VERSION
#define KSS_VERSION "0"
#endif

#define MAX_CHUNKS 64

/* One -e CODE or --batch FILE, run in the order given. */
struct chunk {
	bool is_file;
	const char *text; /* CODE, or FILE ("-": stdin) */
};

struct args {
	struct chunk chunks[MAX_CHUNKS];
	int nr_chunks;
	const char *script; /* kswapsim SCRIPT.lua */
	const char *theme;
	const char *record;
	const char *journal;
	int size_cols, size_rows; /* --size: a headless recording */
	bool no_ui;
	bool has_seed;
	uint64_t seed;
	uint64_t host_mem_bytes; /* --host-memory; 0: MemTotal */
};

static const char *progname = "kswapsim";

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: %s [options] [SCRIPT.lua]\n"
		"  (no arguments)       the UI on the default machine\n"
		"  SCRIPT.lua           the UI, running the script (with -e or --batch:\n"
		"                       run after them; with --no-ui: before the REPL)\n"
		"  --batch FILE         run FILE without the UI ('-': stdin); exit 1 on error\n"
		"  -e CODE              run CODE without the UI (may repeat; runs in order\n"
		"                       with --batch)\n"
		"  --no-ui              the REPL on a plain terminal, like lua(1)\n"
		"  --record FILE.cast   record the UI session as an asciicast v2 file\n"
		"  --size COLSxROWS     with --record and SCRIPT.lua: record the demo\n"
		"                       headless (no terminal) on a screen of that size\n"
		"  --journal FILE.lua   write the UI session's REPL lines and keys as a\n"
		"                       script that --batch replays to the same state\n"
		"  --theme NAME         colour theme (themes/NAME.theme)\n"
		"  --seed N             seed of the default machine and of math.random\n"
		"  --host-memory SIZE   refuse machines whose page frames and swap map\n"
		"                       take more of this host (default: its MemTotal)\n"
		"  --help, --version\n",
		progname);
}

/* "kswapsim: MSG 'ARG'" and the usage on stderr; returns 2 */
static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "%s: %s '%s'\n", progname, msg, arg);
	print_usage(stderr);
	return 2;
}

/*
 * The value of option opt at argv[*i]: "--opt VALUE", "--opt=VALUE", or
 * for a short option "-e CODE" and "-eCODE" (lua.c). NULL when argv[*i]
 * is another option; *missing when the value is missing.
 */
static const char *opt_value(int argc, char **argv, int *i, const char *opt,
			     bool *missing)
{
	size_t len = strlen(opt);
	bool is_long = opt[1] == '-';
	const char *a = argv[*i];

	if (strncmp(a, opt, len))
		return NULL;
	if (is_long && a[len] == '=')
		return a + len + 1;
	if (a[len] != '\0')
		return is_long ? NULL : a + len;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static int add_chunk(struct args *a, bool is_file, const char *text)
{
	if (a->nr_chunks == MAX_CHUNKS)
		return usage_error("too many -e/--batch chunks, at", text);
	a->chunks[a->nr_chunks].is_file = is_file;
	a->chunks[a->nr_chunks++].text = text;
	return 0;
}

static int parse_seed(struct args *a, const char *s)
{
	char *end;

	errno = 0;
	a->seed = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-')
		return usage_error("--seed: non-negative integer expected, got",
				   s);
	a->has_seed = true;
	return 0;
}

/* "512M", "4G": bytes with an optional K, M, G or T (binary) */
static int parse_host_memory(struct args *a, const char *s)
{
	static const char units[] = "KMGT";
	unsigned long long v;
	const char *u;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end && end[1] == '\0' && (u = strchr(units, *end)) && *u) {
		int shift = 10 * (int)(u - units + 1);

		if (v > (~0ULL >> shift))
			errno = ERANGE;
		v <<= shift;
		end++;
	}
	if (errno || end == s || *end || *s == '-' || v == 0)
		return usage_error("--host-memory: a size like 512M or 4G "
				   "expected, got",
				   s);
	a->host_mem_bytes = v;
	return 0;
}

/* "100x30": columns by rows, as --size takes them */
static int parse_size(struct args *a, const char *s)
{
	unsigned int cols, rows;
	char end;

	if (sscanf(s, "%ux%u%c", &cols, &rows, &end) != 2 || cols < 20 ||
	    rows < 5 || cols > 1000 || rows > 500)
		return usage_error("--size: COLSxROWS expected (20x5 up to "
				   "1000x500), got",
				   s);
	a->size_cols = (int)cols;
	a->size_rows = (int)rows;
	return 0;
}

/* Returns 0, 2 for a usage error, or -1 when --help/--version answered. */
static int parse_args(int argc, char **argv, struct args *a)
{
	bool missing = false;
	const char *v;
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if ((v = opt_value(argc, argv, &i, "-e", &missing))) {
			if (add_chunk(a, false, v))
				return 2;
		} else if ((v = opt_value(argc, argv, &i, "--batch",
					  &missing))) {
			if (add_chunk(a, true, v))
				return 2;
		} else if ((v = opt_value(argc, argv, &i, "--record",
					  &missing))) {
			a->record = v;
		} else if ((v = opt_value(argc, argv, &i, "--size",
					  &missing))) {
			if (parse_size(a, v))
				return 2;
		} else if ((v = opt_value(argc, argv, &i, "--journal",
					  &missing))) {
			a->journal = v;
		} else if ((v = opt_value(argc, argv, &i, "--theme",
					  &missing))) {
			a->theme = v;
		} else if ((v = opt_value(argc, argv, &i, "--seed",
					  &missing))) {
			if (parse_seed(a, v))
				return 2;
		} else if ((v = opt_value(argc, argv, &i, "--host-memory",
					  &missing))) {
			if (parse_host_memory(a, v))
				return 2;
		} else if (missing) {
			return usage_error("missing argument to", arg);
		} else if (!strcmp(arg, "--no-ui")) {
			a->no_ui = true;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			print_usage(stdout);
			return -1;
		} else if (!strcmp(arg, "--version")) {
			printf("kswapsim %s\n", KSS_VERSION);
			return -1;
		} else if (arg[0] == '-' && arg[1]) {
			return usage_error("unknown option", arg);
		} else if (a->script) {
			return usage_error("unexpected argument", arg);
		} else {
			a->script = arg;
		}
	}
	if (a->size_cols && (!a->record || !a->script || a->nr_chunks ||
			     a->no_ui || a->journal))
		return usage_error("--size records a demo headless: it takes "
				   "--record FILE.cast and SCRIPT.lua, and no",
				   "--batch, -e, --no-ui or --journal");
	return 0;
}

/* {====== ^C in batch and --no-ui: lua.c's laction */

static struct script *volatile interrupt_target;

static void laction(int sig)
{
	signal(sig, SIG_DFL); /* a second ^C kills, as in lua.c */
	if (interrupt_target)
		script_interrupt(interrupt_target);
}

/* }====== */

static int run_batch(struct script *S, const struct args *a)
{
	enum script_status st = SCRIPT_OK;

	interrupt_target = S;
	signal(SIGINT, laction);
	for (int i = 0; i < a->nr_chunks && st == SCRIPT_OK; i++) {
		const struct chunk *c = &a->chunks[i];

		st = c->is_file ? script_run_file(S, c->text) :
				  script_run_string(S, c->text, NULL);
	}
	if (st == SCRIPT_OK && a->script)
		st = script_run_file(S, a->script);
	signal(SIGINT, SIG_DFL);
	interrupt_target = NULL;
	fflush(stdout);
	return st == SCRIPT_OK ? 0 : 1;
}

/* The work, once the state exists (lua.c: pmain). */
static int run(struct script *S, const struct args *a)
{
	struct ui_options uo = {
		.theme = a->theme,
		.script = a->script,
		.record = a->record,
		.journal = a->journal,
		.size_cols = a->size_cols,
		.size_rows = a->size_rows,
	};

	if (a->nr_chunks)
		return run_batch(S, a);
	if (a->no_ui) {
		if (a->script && script_run_file(S, a->script) != SCRIPT_OK)
			return 1;
		return ui_plain_repl(S);
	}
	return ui_run(S, &uo);
}

int main(int argc, char **argv)
{
	struct script_options so = { 0 };
	struct args a = { 0 };
	struct script *S;
	int status;

	if (argv[0] && argv[0][0])
		progname = argv[0];
	status = parse_args(argc, argv, &a);
	if (status)
		return status < 0 ? 0 : status;
	if (!a.nr_chunks && !a.no_ui && !a.size_cols &&
	    (!isatty(0) || !isatty(1))) {
		fprintf(stderr,
			"%s: not a terminal: the UI needs one (use --batch FILE, -e CODE or --no-ui)\n",
			progname);
		return 2;
	}
	so.seed = a.seed;
	so.has_seed = a.has_seed;
	so.host_mem_bytes = a.host_mem_bytes;
	so.interactive = !a.nr_chunks && !a.no_ui;
	S = script_new(&so);
	if (!S)
		return 1;
	status = run(S, &a);
	script_free(S);
	return status;
}
