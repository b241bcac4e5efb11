// SPDX-License-Identifier: GPL-2.0-only
/*
 * The theme parser (--theme FILE): any text gives a theme whose colours
 * are curses colour numbers and whose attributes are known bits, or an
 * error "file:line: reason" and the built-in default theme.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

#define ALL_ATTRS                                                   \
	(THEME_BOLD | THEME_DIM | THEME_REVERSE | THEME_UNDERLINE | \
	 THEME_STANDOUT | THEME_SOLID)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool colour_ok(short c)
{
	return c >= COLOUR_DEFAULT && c <= 255;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[160] = "";
	struct theme theme, builtin;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&theme, 0, sizeof(theme));
	if (theme_parse(&theme, text, "fuzz.theme", err, sizeof(err))) {
		theme_builtin(&builtin, false);
		if (strncmp(err, "fuzz.theme:", 11) ||
		    memcmp(theme.style, builtin.style, sizeof(builtin.style)))
			abort(); /* no message, or a half-applied theme */
	}
	for (int r = 0; r < NR_ROLES; r++) {
		const struct theme_style *st = &theme.style[r];

		if (!colour_ok(st->fg) || !colour_ok(st->bg) ||
		    (st->attrs & ~(unsigned int)ALL_ATTRS)) {
			fprintf(stderr, "role %s: fg %d bg %d attrs %#x\n",
				theme_role_name((enum ui_role)r), st->fg,
				st->bg, st->attrs);
			abort();
		}
	}
	free(text);
	return 0;
}
