// SPDX-License-Identifier: GPL-2.0-only
/*
 * The asciicast v2 recorder behind --record: a header line, then one
 * [time, "o", data] event per chunk of bytes the terminal received, a
 * [time, "r", "WxH"] event per resize and a [time, "m", label] marker per
 * chapter() and say() of a demo, so asciinema play and asciinema cat
 * replay the session (the player lists the markers and can pause there). Time comes from the UI's injectable clock, never
 * from the wall clock directly. Data is JSON text: a UTF-8 sequence split
 * between two chunks is held back until it is whole.
 */
#include "pane.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cast {
	FILE *f;
	uint64_t (*clock_ms)(void);
	uint64_t start_ms;
	unsigned char held[4]; /* an incomplete UTF-8 sequence */
	size_t nr_held;
	int err; /* the first write error (an errno); then nothing is written */
};

/* Push what was written out to the file, and keep the first failure. */
static void cast_flush(struct cast *c)
{
	errno = 0;
	if ((fflush(c->f) || ferror(c->f)) && !c->err)
		c->err = errno ? errno : EIO;
}

int cast_error(const struct cast *c)
{
	return c ? c->err : 0;
}

static void put_text(FILE *f, const char *text);

static void put_field(FILE *f, const char *key, const char *text)
{
	fprintf(f, ", \"%s\": \"", key);
	put_text(f, text);
	fputc('"', f);
}

struct cast *cast_open(const char *path, const struct cast_header *h,
		       uint64_t (*clock_ms)(void), char *err, size_t len)
{
	struct cast *c = calloc(1, sizeof(*c));
	const char *term = h->term;

	if (!c) {
		snprintf(err, len, "--record: out of memory");
		return NULL;
	}
	c->f = fopen(path, "w");
	if (!c->f) {
		snprintf(err, len, "--record %s: %s", path, strerror(errno));
		free(c);
		return NULL;
	}
	c->clock_ms = clock_ms;
	c->start_ms = clock_ms();
	fprintf(c->f, "{\"version\": 2, \"width\": %d, \"height\": %d",
		h->width, h->height);
	put_field(c->f, "command", h->command);
	put_field(c->f, "title", h->title);
	fprintf(c->f, ", \"env\": {\"TERM\": \"%s\"}}\n",
		term && !strpbrk(term, "\"\\") ? term : "xterm");
	cast_flush(c);
	if (c->err) {
		/* /dev/full or a full disk: say so before the UI starts */
		snprintf(err, len, "--record %s: %s", path, strerror(c->err));
		fclose(c->f);
		free(c);
		return NULL;
	}
	return c;
}

/* Length of the UTF-8 sequence s starts, or 0 if s[0] cannot start one. */
static size_t utf8_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if ((b & 0xe0) == 0xc0)
		return 2;
	if ((b & 0xf0) == 0xe0)
		return 3;
	if ((b & 0xf8) == 0xf0)
		return 4;
	return 0;
}

/* The bytes after a lead byte that are there are continuation bytes. */
static bool continues(const unsigned char *s, size_t l, size_t avail)
{
	for (size_t k = 1; k < l && k < avail; k++)
		if ((s[k] & 0xc0) != 0x80)
			return false;
	return true;
}

static void put_json(FILE *f, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = s[i];

		if (b == '"' || b == '\\')
			fprintf(f, "\\%c", b);
		else if (b < 0x20 || b == 0x7f)
			fprintf(f, "\\u%04x", b);
		else
			fputc(b, f);
	}
}

static void put_time(struct cast *c)
{
	uint64_t ms = c->clock_ms() - c->start_ms;

	fprintf(c->f, "[%llu.%03llu, ", (unsigned long long)(ms / 1000),
		(unsigned long long)(ms % 1000));
}

void cast_output(struct cast *c, const char *buf, size_t n)
{
	unsigned char chunk[8192 + 4];
	size_t len = 0, i = 0, whole;

	if (!c || !n || c->err)
		return;
	while (i < n || c->nr_held) {
		memcpy(chunk, c->held, c->nr_held);
		len = c->nr_held;
		c->nr_held = 0;
		while (i < n && len < 8192)
			chunk[len++] = (unsigned char)buf[i++];
		/* hold back a sequence that continues in the next call */
		whole = 0;
		while (whole < len) {
			size_t l = utf8_len(chunk[whole]);

			if (l == 0 ||
			    !continues(chunk + whole, l, len - whole)) {
				chunk[whole++] = '?';
				continue;
			}
			if (whole + l > len)
				break;
			whole += l;
		}
		if (whole < len) {
			c->nr_held = len - whole;
			memcpy(c->held, chunk + whole, c->nr_held);
			len = whole;
		}
		if (len) {
			put_time(c);
			fputs("\"o\", \"", c->f);
			put_json(c->f, chunk, len);
			fputs("\"]\n", c->f);
		}
		if (i == n)
			break;
	}
	cast_flush(c);
}

/* A C string as JSON text, which is UTF-8: a stray or cut sequence is '?' */
static void put_text(FILE *f, const char *text)
{
	for (const unsigned char *s = (const unsigned char *)text; *s;) {
		size_t l = utf8_len(*s), n = strnlen((const char *)s, 4);

		if (l == 0 || l > n || !continues(s, l, n))
			l = 1, put_json(f, (const unsigned char *)"?", 1);
		else
			put_json(f, s, l);
		s += l;
	}
}

void cast_marker(struct cast *c, const char *label)
{
	if (!c || c->err)
		return;
	put_time(c);
	fputs("\"m\", \"", c->f);
	put_text(c->f, label);
	fputs("\"]\n", c->f);
	cast_flush(c);
}

void cast_resize(struct cast *c, int width, int height)
{
	if (!c || c->err)
		return;
	put_time(c);
	fprintf(c->f, "\"r\", \"%dx%d\"]\n", width, height);
	cast_flush(c);
}

int cast_close(struct cast *c)
{
	int err;

	if (!c)
		return 0;
	if (c->nr_held && !c->err) {
		memset(c->held, '?', c->nr_held);
		put_time(c);
		fputs("\"o\", \"", c->f);
		put_json(c->f, c->held, c->nr_held);
		fputs("\"]\n", c->f);
	}
	cast_flush(c);
	errno = 0;
	if (fclose(c->f) && !c->err)
		c->err = errno ? errno : EIO;
	err = c->err;
	free(c);
	return err;
}
