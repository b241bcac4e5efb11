// SPDX-License-Identifier: GPL-2.0-only
/*
 * Themes: a colour and attributes per element (enum ui_role), read from
 * plain text files in themes/, one "role = fg bg attrs..." line each. The
 * built-in tables below are what themes/default.theme and mono.theme say,
 * so a bad or missing file always leaves a usable theme (htop: CRT.c).
 */
#include "pane.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define C_BLACK 0
#define C_RED 1
#define C_GREEN 2
#define C_YELLOW 3
#define C_BLUE 4
#define C_MAGENTA 5
#define C_CYAN 6
#define C_WHITE 7
#define D COLOUR_DEFAULT

static const char *const role_names[NR_ROLES] = {
	[ROLE_NORMAL] = "normal",
	[ROLE_TITLE] = "title",
	[ROLE_TITLE_FOCUS] = "title_focus",
	[ROLE_STATUS] = "status",
	[ROLE_STATUS_RUN] = "status_run",
	[ROLE_STATUS_PAUSE] = "status_pause",
	[ROLE_MESSAGE] = "message",
	[ROLE_PROMPT] = "prompt",
	[ROLE_INPUT] = "input",
	[ROLE_OUTPUT] = "output",
	[ROLE_ECHO] = "echo",
	[ROLE_ERROR] = "error",
	[ROLE_HELP] = "help",
	[ROLE_HELP_KEY] = "help_key",
	[ROLE_ZONE_NAME] = "zone_name",
	[ROLE_FREE] = "free",
	[ROLE_GAUGE_EMPTY] = "gauge_empty",
	[ROLE_MIN] = "min",
	[ROLE_LOW] = "low",
	[ROLE_HIGH] = "high",
	[ROLE_PROMO] = "promo",
	[ROLE_BOOST] = "boost",
	[ROLE_PROTECTION] = "protection",
	[ROLE_ANON] = "anon",
	[ROLE_FILE] = "file",
	[ROLE_KSWAPD_SLEEPING] = "kswapd_sleeping",
	[ROLE_KSWAPD_RUNNING] = "kswapd_running",
	[ROLE_SOURCE_LINE] = "source_line",
	[ROLE_SOURCE_CURRENT] = "source_current",
	[ROLE_KSWAPD_NAPPING] = "kswapd_napping",
	[ROLE_AXIS] = "axis",
	[ROLE_CHART] = "chart",
	[ROLE_DIRECT] = "direct",
	[ROLE_CHANGED] = "changed",
	[ROLE_CAPTION] = "caption",
	[ROLE_TRACE] = "trace",
	[ROLE_UNEVICTABLE] = "unevictable",
	[ROLE_ISOLATED] = "isolated",
	[ROLE_STACK] = "stack",
};

/* The same as themes/default.theme. */
static const struct theme_style default_styles[NR_ROLES] = {
	[ROLE_NORMAL] = { D, D, 0 },
	[ROLE_TITLE] = { C_BLACK, C_CYAN, 0 },
	[ROLE_TITLE_FOCUS] = { C_BLACK, C_YELLOW, THEME_BOLD },
	[ROLE_STATUS] = { C_BLACK, C_WHITE, 0 },
	[ROLE_STATUS_RUN] = { C_WHITE, C_GREEN, THEME_BOLD },
	[ROLE_STATUS_PAUSE] = { C_BLACK, C_YELLOW, THEME_BOLD },
	[ROLE_MESSAGE] = { C_BLUE, C_WHITE, THEME_BOLD },
	[ROLE_PROMPT] = { C_CYAN, D, THEME_BOLD },
	[ROLE_INPUT] = { D, D, 0 },
	[ROLE_OUTPUT] = { D, D, 0 },
	[ROLE_ECHO] = { C_CYAN, D, 0 },
	[ROLE_ERROR] = { C_RED, D, THEME_BOLD },
	[ROLE_HELP] = { C_WHITE, C_BLUE, 0 },
	[ROLE_HELP_KEY] = { C_YELLOW, C_BLUE, THEME_BOLD },
	[ROLE_ZONE_NAME] = { C_CYAN, D, THEME_BOLD },
	[ROLE_FREE] = { C_GREEN, D, THEME_BOLD },
	[ROLE_GAUGE_EMPTY] = { D, D, THEME_DIM },
	[ROLE_MIN] = { C_RED, D, THEME_BOLD },
	[ROLE_LOW] = { C_YELLOW, D, THEME_BOLD },
	[ROLE_HIGH] = { C_GREEN, D, 0 },
	[ROLE_PROMO] = { C_BLUE, D, 0 },
	[ROLE_BOOST] = { C_MAGENTA, D, THEME_BOLD },
	[ROLE_PROTECTION] = { C_BLUE, D, 0 },
	[ROLE_ANON] = { C_MAGENTA, D, 0 },
	[ROLE_FILE] = { C_BLUE, D, 0 },
	[ROLE_KSWAPD_SLEEPING] = { D, D, THEME_DIM },
	[ROLE_KSWAPD_RUNNING] = { C_RED, D, THEME_BOLD },
	[ROLE_SOURCE_LINE] = { D, D, THEME_DIM },
	[ROLE_SOURCE_CURRENT] = { C_BLACK, C_YELLOW, THEME_BOLD },
	[ROLE_KSWAPD_NAPPING] = { C_YELLOW, D, 0 },
	[ROLE_AXIS] = { D, D, THEME_DIM },
	[ROLE_CHART] = { C_GREEN, D, THEME_BOLD },
	[ROLE_DIRECT] = { C_MAGENTA, D, THEME_BOLD },
	[ROLE_CHANGED] = { C_BLACK, C_YELLOW, THEME_BOLD },
	[ROLE_CAPTION] = { C_WHITE, C_BLUE, THEME_BOLD },
	[ROLE_TRACE] = { D, D, 0 },
	[ROLE_UNEVICTABLE] = { C_RED, D, 0 },
	[ROLE_ISOLATED] = { C_YELLOW, D, 0 },
	[ROLE_STACK] = { C_CYAN, D, 0 },
};

/* The same as themes/mono.theme: attributes only. */
static const struct theme_style mono_styles[NR_ROLES] = {
	[ROLE_NORMAL] = { D, D, 0 },
	[ROLE_TITLE] = { D, D, THEME_REVERSE },
	[ROLE_TITLE_FOCUS] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_STATUS] = { D, D, THEME_REVERSE },
	[ROLE_STATUS_RUN] = { D, D, THEME_BOLD },
	[ROLE_STATUS_PAUSE] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_MESSAGE] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_PROMPT] = { D, D, THEME_BOLD },
	[ROLE_INPUT] = { D, D, 0 },
	[ROLE_OUTPUT] = { D, D, 0 },
	[ROLE_ECHO] = { D, D, THEME_BOLD },
	[ROLE_ERROR] = { D, D, THEME_BOLD | THEME_UNDERLINE },
	[ROLE_HELP] = { D, D, THEME_REVERSE },
	[ROLE_HELP_KEY] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_ZONE_NAME] = { D, D, THEME_BOLD },
	[ROLE_FREE] = { D, D, THEME_BOLD },
	[ROLE_GAUGE_EMPTY] = { D, D, THEME_DIM },
	[ROLE_MIN] = { D, D, THEME_BOLD | THEME_UNDERLINE },
	[ROLE_LOW] = { D, D, THEME_UNDERLINE },
	[ROLE_HIGH] = { D, D, 0 },
	[ROLE_PROMO] = { D, D, THEME_DIM },
	[ROLE_BOOST] = { D, D, THEME_BOLD },
	[ROLE_PROTECTION] = { D, D, THEME_DIM },
	[ROLE_ANON] = { D, D, 0 },
	[ROLE_FILE] = { D, D, THEME_DIM },
	[ROLE_KSWAPD_SLEEPING] = { D, D, THEME_DIM },
	[ROLE_KSWAPD_RUNNING] = { D, D, THEME_BOLD | THEME_REVERSE },
	[ROLE_SOURCE_LINE] = { D, D, THEME_DIM },
	[ROLE_SOURCE_CURRENT] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_KSWAPD_NAPPING] = { D, D, THEME_UNDERLINE },
	[ROLE_AXIS] = { D, D, THEME_DIM },
	[ROLE_CHART] = { D, D, THEME_BOLD },
	[ROLE_DIRECT] = { D, D, THEME_BOLD | THEME_UNDERLINE },
	[ROLE_CHANGED] = { D, D, THEME_REVERSE },
	[ROLE_CAPTION] = { D, D, THEME_REVERSE | THEME_BOLD },
	[ROLE_TRACE] = { D, D, 0 },
	[ROLE_UNEVICTABLE] = { D, D, THEME_UNDERLINE },
	[ROLE_ISOLATED] = { D, D, THEME_DIM },
	[ROLE_STACK] = { D, D, 0 },
};

static const struct {
	const char *name;
	short colour;
} colour_names[] = {
	{ "default", COLOUR_DEFAULT },
	{ "black", C_BLACK },
	{ "red", C_RED },
	{ "green", C_GREEN },
	{ "yellow", C_YELLOW },
	{ "blue", C_BLUE },
	{ "magenta", C_MAGENTA },
	{ "cyan", C_CYAN },
	{ "white", C_WHITE },
	{ "brightblack", 8 + C_BLACK },
	{ "grey", 8 + C_BLACK },
	{ "brightred", 8 + C_RED },
	{ "brightgreen", 8 + C_GREEN },
	{ "brightyellow", 8 + C_YELLOW },
	{ "brightblue", 8 + C_BLUE },
	{ "brightmagenta", 8 + C_MAGENTA },
	{ "brightcyan", 8 + C_CYAN },
	{ "brightwhite", 8 + C_WHITE },
};

static const struct {
	const char *name;
	unsigned int attr;
} attr_names[] = {
	{ "normal", 0 },
	{ "bold", THEME_BOLD },
	{ "dim", THEME_DIM },
	{ "reverse", THEME_REVERSE },
	{ "underline", THEME_UNDERLINE },
	{ "standout", THEME_STANDOUT },
	{ "solid", THEME_SOLID },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *theme_role_name(enum ui_role role)
{
	if (role < 0 || role >= NR_ROLES)
		return "?";
	return role_names[role];
}

void theme_builtin(struct theme *theme, bool mono)
{
	snprintf(theme->name, sizeof(theme->name), "%s",
		 mono ? "mono" : "default");
	memcpy(theme->style, mono ? mono_styles : default_styles,
	       sizeof(theme->style));
}

static int role_lookup(const char *name)
{
	for (int i = 0; i < NR_ROLES; i++)
		if (!strcmp(role_names[i], name))
			return i;
	return -1;
}

/* A colour name or a number 0..255; returns false if it is neither. */
static bool colour_lookup(const char *word, short *colour)
{
	char *end;
	long n;

	for (size_t i = 0; i < ARRAY_SIZE(colour_names); i++) {
		if (!strcmp(colour_names[i].name, word)) {
			*colour = colour_names[i].colour;
			return true;
		}
	}
	errno = 0;
	n = strtol(word, &end, 10);
	if (errno || *end || end == word || n < 0 || n > 255)
		return false;
	*colour = (short)n;
	return true;
}

static bool attr_lookup(const char *word, unsigned int *attrs)
{
	for (size_t i = 0; i < ARRAY_SIZE(attr_names); i++) {
		if (!strcmp(attr_names[i].name, word)) {
			*attrs |= attr_names[i].attr;
			return true;
		}
	}
	return false;
}

/* One "role = fg bg attrs..." line; returns NULL or the reason it is bad. */
static const char *parse_line(struct theme *theme, char *line, char *why,
			      size_t len)
{
	char *words[8], *eq, *save = NULL;
	struct theme_style st = { D, D, 0 };
	int n = 0, role;

	eq = strchr(line, '=');
	if (!eq)
		return "expected 'role = fg bg attrs'";
	*eq = '\0';
	for (char *w = strtok_r(line, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (n == 1)
			return "expected one role name before '='";
		words[n++] = w;
	}
	if (n != 1)
		return "expected one role name before '='";
	role = role_lookup(words[0]);
	if (role < 0) {
		snprintf(why, len, "unknown role '%s'", words[0]);
		return why;
	}
	n = 0;
	for (char *w = strtok_r(eq + 1, " \t", &save); w && n < 8;
	     w = strtok_r(NULL, " \t", &save))
		words[n++] = w;
	if (n < 2)
		return "expected a foreground and a background colour";
	if (!colour_lookup(words[0], &st.fg) ||
	    !colour_lookup(words[1], &st.bg)) {
		snprintf(why, len, "unknown colour '%s'",
			 colour_lookup(words[0], &st.fg) ? words[1] : words[0]);
		return why;
	}
	for (int i = 2; i < n; i++) {
		if (!attr_lookup(words[i], &st.attrs)) {
			snprintf(why, len, "unknown attribute '%s'", words[i]);
			return why;
		}
	}
	theme->style[role] = st;
	return NULL;
}

int theme_parse(struct theme *theme, const char *text, const char *file,
		char *err, size_t len)
{
	char line[256], why[96];
	const char *p = text, *msg;
	int lineno = 0;

	theme_builtin(theme, false);
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *s = line;

		lineno++;
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
		line[strcspn(line, "#")] = '\0';
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			continue;
		msg = parse_line(theme, s, why, sizeof(why));
		if (msg) {
			snprintf(err, len, "%s:%d: %s", file, lineno, msg);
			theme_builtin(theme, false);
			return -1;
		}
	}
	return 0;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc(65536);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int theme_load(struct theme *theme, const char *name, char *err, size_t len)
{
	char path[512];
	char *text = NULL;
	int ret;

	theme_builtin(theme, false);
	if (!name || !*name)
		return 0;
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
		text = read_file(path);
	} else {
		/* The installed tree first, then ./themes next to a checkout. */
		snprintf(path, sizeof(path), "%s/%s.theme", KSS_THEME_DIR,
			 name);
		text = read_file(path);
		if (!text) {
			snprintf(path, sizeof(path), "themes/%s.theme", name);
			text = read_file(path);
		}
	}
	if (!text) {
		snprintf(err, len, "theme '%s': %s", name,
			 strerror(errno ? errno : ENOENT));
		return -1;
	}
	ret = theme_parse(theme, text, path, err, len);
	free(text);
	if (!ret) {
		const char *base = strrchr(name, '/');

		snprintf(theme->name, sizeof(theme->name), "%s",
			 base ? base + 1 : name);
	}
	return ret;
}
