/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The engine's own source text, embedded at build time (cmake/embed.cmake
 * writes the table), so where() and the UI can show the line a stepped
 * reclaimer is parked on without the source tree at hand.
 */
#ifndef KSS_SCRIPT_SOURCE_H
#define KSS_SCRIPT_SOURCE_H

#include <stddef.h>

struct kss_embedded_source {
	const char *name; /* "vmscan.c" */
	const char *text;
};

/* Every .c file of src/core, sorted by name, ended by { NULL, NULL }. */
extern const struct kss_embedded_source kss_embedded_sources[];

/* The whole text of src/core/NAME, or NULL. */
const char *source_text(const char *name);

/*
 * Line LINE (from 1) of src/core/NAME, without its newline: a pointer into
 * the text and its length in *len, or NULL past the end or for no such file.
 */
const char *source_line(const char *name, int line, size_t *len);

/*
 * The statement a stop at LINE of NAME is about to run: LINE itself, or,
 * when LINE holds a stepping macro (STEP_POINT(...)), the first line after
 * it that is code and not a brace or a comment. What the user reads is
 * the model's decision, never the macro that made it a stop.
 */
int source_statement(const char *name, int line);

#endif /* KSS_SCRIPT_SOURCE_H */
