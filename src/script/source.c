// SPDX-License-Identifier: GPL-2.0-only
/* Lookups in the embedded engine source (source.h). */
#include "source.h"

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
