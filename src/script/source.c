// SPDX-License-Identifier: GPL-2.0-only
/* Lookups in the embedded engine source (source.h). */
#include "source.h"

#include <stdbool.h>
#include <string.h>

const char *source_text(const char *name)
{
	const struct kss_embedded_source *s;

	for (s = kss_embedded_sources; s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s->text;
	return NULL;
}

const char *source_line(const char *name, int line, size_t *len)
{
	const char *p = source_text(name);

	if (!p || line < 1)
		return NULL;
	while (--line > 0) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	if (!*p)
		return NULL;
	*len = strcspn(p, "\n");
	return p;
}

/* The line's text after its indentation is a stepping macro. */
static bool is_step_macro(const char *text, size_t len)
{
	size_t indent = strspn(text, " \t");

	return len - indent >= 5 && !strncmp(text + indent, "STEP_", 5);
}

/* Nothing to read on it: blank, a lone brace, a comment line. */
static bool is_filler(const char *text, size_t len)
{
	size_t i = strspn(text, " \t");

	if (i == len)
		return true;
	if (text[i] == '{' || text[i] == '}')
		return len - i == 1 || (len - i == 2 && text[i + 1] == ';');
	return text[i] == '/' || text[i] == '*';
}

int source_statement(const char *name, int line)
{
	size_t len;
	const char *text = source_line(name, line, &len);

	if (!text || !is_step_macro(text, len))
		return line;
	for (int nr = line + 1; nr < line + 8; nr++) {
		text = source_line(name, nr, &len);
		if (!text)
			break;
		if (!is_filler(text, len) && !is_step_macro(text, len))
			return nr;
	}
	return line;
}
