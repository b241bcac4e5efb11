/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scripting layer as its clients (main.c, the UI) see it: one Lua 5.4
 * state holding the sim and the API of design.md, evaluation the way lua.c
 * does it (docall, addreturn, incomplete input), batch runs, and scripts run
 * as coroutines so pause() and step() interleave with the user's keys.
 * script never calls ui.
 */
#ifndef KSS_SCRIPT_SCRIPT_H
#define KSS_SCRIPT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct script;
struct sim;

/* Where print(), io.write() and say() go: stdout in batch, a pane in UI. */
typedef void (*script_output_fn)(void *ctx, const char *s, size_t len);

struct script_options {
	uint64_t seed; /* --seed; the default machine's seed */
	bool has_seed; /* --seed given */
	script_output_fn output; /* NULL: stdout */
	void *output_ctx;
	bool interactive; /* pause() waits (UI) or is a no-op (batch) */
	/*
	 * --host-memory: reset{} refuses a machine that would take more of
	 * the host's memory; 0: the host's MemTotal (/proc/meminfo).
	 */
	uint64_t host_mem_bytes;
};

/* Creates the Lua state, loads lua/prelude.lua, boots the default machine. */
struct script *script_new(const struct script_options *opts);
void script_free(struct script *S);

/* The current sim; it changes on every reset{}, so don't keep it. */
struct sim *script_sim(struct script *S);

enum script_status {
	SCRIPT_OK, /* ran to the end */
	SCRIPT_INCOMPLETE, /* needs more lines: show the ".." prompt */
	SCRIPT_ERROR, /* message and traceback went to output */
	SCRIPT_PAUSED, /* a script called pause() or step() */
};

/*
 * REPL evaluation of one chunk, as lua.c's doREPL: first "return <chunk>;"
 * so an expression prints its value, then the chunk as statements.
 * Incomplete input (the parser's "<eof>" error) returns SCRIPT_INCOMPLETE;
 * the caller appends the next line and calls again with the whole text.
 */
enum script_status script_eval(struct script *S, const char *chunk);

/* Batch: run a file ("-" is stdin) or a string; errors print
 * "file:line: message" and a traceback to stderr. */
enum script_status script_run_file(struct script *S, const char *path);
enum script_status script_run_string(struct script *S, const char *code,
				     const char *chunkname);

/*
 * UI: start a script as a coroutine; script_resume() runs it until it
 * ends, errors, or calls pause()/step(). *wait_ms is how long pause()
 * asked to wait (-1: until the user presses a key).
 * script_start() only loads the file: SCRIPT_PAUSED when loaded (resume
 * it to run), SCRIPT_ERROR (reported to output) when not. script_resume()
 * returns SCRIPT_PAUSED while the script is suspended, SCRIPT_OK or
 * SCRIPT_ERROR when it ended.
 */
enum script_status script_start(struct script *S, const char *path);
enum script_status script_resume(struct script *S, int *wait_ms);
bool script_running(const struct script *S);

/*
 * Ctrl-C: set a hook that raises "interrupted!" (lua.c: laction/lstop).
 * Safe to call from a signal handler; does nothing when no Lua code runs.
 */
void script_interrupt(struct script *S);

/*
 * Called every few thousand Lua instructions while Lua code runs, so the
 * UI can poll the keyboard for ^C and call script_interrupt(). NULL: none.
 */
typedef void (*script_poll_fn)(void *ctx);
/*
 * Called now and then by long work in C (a large alloc()) with how much
 * of it is done, to show progress, redraw and read Ctrl-C.
 */
typedef void (*script_progress_fn)(void *ctx, unsigned long done,
				   unsigned long total);
void script_set_poll(struct script *S, script_poll_fn poll,
		     script_progress_fn progress, void *ctx);

/*
 * Where trace(true) sends the vmscan tracepoint lines, one whole line
 * with its newline per call: the UI's trace pane, so they do not bury
 * the REPL. NULL (the default, and in batch): the output, as print().
 * trace("file") writes to its file either way.
 */
void script_set_trace_output(struct script *S, script_output_fn fn, void *ctx);

/*
 * What the pacing calls of a demo last said, for the UI's caption pane and
 * the recording's markers: say()'s text (and all of them since the last
 * pause(), one a line) and chapter()'s title, each with a
 * count that grows on every call, and whether the pause the script is in
 * lets simulated time run (pause{run = true}); by default it holds it, so
 * the UI shows what --batch prints.
 */
struct script_pace {
	unsigned int nr_says; /* say() calls so far */
	char caption[1024]; /* the last say()'s text */
	char page[4096]; /* the say() texts since the last pause() or chapter() */
	bool new_page; /* the next say() starts the page again */
	unsigned int nr_chapters; /* chapter() calls so far */
	char chapter[160]; /* the last chapter()'s title */
	bool run; /* the current pause lets time run */
};
const struct script_pace *script_pace(const struct script *S);

/*
 * One jiffy as run(1) makes it (the workloads, then the machine), for the
 * UI's running clock. SCRIPT_ERROR when a workload failed (reported).
 */
enum script_status script_tick(struct script *S);

/*
 * journal.c: --journal FILE.lua, a UI session as a script that --batch
 * replays. journal_entry() takes each REPL entry as it was evaluated
 * (failed: it raised an error), journal_ticks() the jiffies the UI's clock
 * ran; a write error is kept, journal_error() and journal_close() return
 * it (an errno). NULL journals are ignored.
 */
struct journal;
struct journal *journal_open(const char *path, uint64_t seed, char *err,
			     size_t len);
void journal_entry(struct journal *J, struct script *S, const char *entry,
		   bool failed);
void journal_ticks(struct journal *J, unsigned long n);
void journal_comment(struct journal *J, const char *text);
int journal_error(const struct journal *J);
int journal_close(struct journal *J);

/* The current machine's model ("6.12") and seed, for the status line. */
const char *script_model(const struct script *S);
uint64_t script_seed(const struct script *S);

/*
 * Tab completion of the word before cursor: globals, API functions, table
 * fields (node(0).zo -> zones), zone and sysctl names. Returns the number of
 * candidates, stored in *matches (caller frees each and the array).
 * A candidate is a whole identifier, sorted, that replaces the identifier
 * characters ([A-Za-z0-9_]) right before cursor: for "node(0).zo" the
 * candidate is "zones", which replaces "zo".
 */
int script_complete(struct script *S, const char *line, size_t cursor,
		    char ***matches);

#endif /* KSS_SCRIPT_SCRIPT_H */
