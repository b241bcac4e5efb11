// SPDX-License-Identifier: GPL-2.0-only
/*
 * --journal FILE.lua: a UI session written down as a Lua script that
 * --batch replays to the same machine. Each REPL entry (and each key that
 * stands for a line, as s for step()) is written as the REPL ran it, and
 * the jiffies the UI's clock ran in between as one run(N), which makes
 * them the same way. An entry that failed is wrapped in pcall(), so the
 * replay goes past it as the session did; one that did not compile is
 * kept as a comment. Each line is flushed, so a session that ends badly
 * still leaves what it did.
 */
#include "bindings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

struct journal {
	FILE *f;
	unsigned long ticks; /* jiffies run since the last entry */
	int err; /* the first write error (an errno) */
};

static void journal_flush(struct journal *J)
{
	errno = 0;
	if ((fflush(J->f) || ferror(J->f)) && !J->err)
		J->err = errno ? errno : EIO;
}

struct journal *journal_open(const char *path, uint64_t seed, char *err,
			     size_t len)
{
	struct journal *J = calloc(1, sizeof(*J));

	if (!J) {
		snprintf(err, len, "--journal: out of memory");
		return NULL;
	}
	J->f = fopen(path, "w");
	if (!J->f) {
		snprintf(err, len, "--journal %s: %s", path, strerror(errno));
		free(J);
		return NULL;
	}
	fprintf(J->f,
		"-- a kswapsim session on the default machine of seed %llu;\n"
		"-- replay it with: kswapsim --seed %llu --batch %s\n",
		(unsigned long long)seed, (unsigned long long)seed, path);
	journal_flush(J);
	if (J->err) {
		snprintf(err, len, "--journal %s: %s", path, strerror(J->err));
		fclose(J->f);
		free(J);
		return NULL;
	}
	return J;
}

void journal_ticks(struct journal *J, unsigned long n)
{
	if (J)
		J->ticks += n;
}

static void put_ticks(struct journal *J)
{
	if (J->ticks)
		fprintf(J->f, "run(%lu)\n", J->ticks);
	J->ticks = 0;
}

static bool compiles(lua_State *L, const char *code)
{
	bool ok = luaL_loadbuffer(L, code, strlen(code), "=journal") == LUA_OK;

	lua_pop(L, 1);
	return ok;
}

/* Lua's long bracket level that the text cannot close early */
static int bracket_level(const char *s)
{
	char close[40];

	for (int level = 0;; level++) {
		snprintf(close, sizeof(close), "]%.*s]", level,
			 "==============================");
		if (level >= 30 || !strstr(s, close))
			return level;
	}
}

/*
 * The REPL tries "return <entry>" first (an expression prints its value),
 * then the entry as statements: the journal does the same. A local of one
 * entry is not seen by the next in the REPL, so an entry that declares
 * one (or returns) goes in a do ... end block.
 */
void journal_entry(struct journal *J, struct script *S, const char *entry,
		   bool failed)
{
	lua_State *L = S->L;
	char *ret;
	bool expr, stat;

	if (!J || J->err)
		return;
	if (entry[0] == '=') /* Lua 5.1's "=expr", as script_eval() takes it */
		entry++;
	ret = malloc(strlen(entry) + 8);
	if (!ret)
		return;
	sprintf(ret, "return %s", entry);
	expr = compiles(L, ret);
	stat = !expr && compiles(L, entry);
	put_ticks(J);
	if (!expr && !stat) {
		fputs("-- not valid Lua, skipped:\n--   ", J->f);
		for (const char *s = entry; *s; s++) {
			if (*s == '\n')
				fputs("\n--   ", J->f);
			else
				fputc(*s, J->f);
		}
		fputc('\n', J->f);
	} else if (failed) {
		int level = bracket_level(entry);

		fprintf(J->f, "pcall(load([%.*s[%s]%.*s]))\n", level,
			"==============================", expr ? ret : entry,
			level, "==============================");
	} else if (expr && !compiles(L, entry)) {
		fprintf(J->f, "print(%s)\n", entry);
	} else if (strstr(entry, "local") || strstr(entry, "return")) {
		fprintf(J->f, "do\n%s\nend\n", entry);
	} else {
		fprintf(J->f, "%s\n", entry);
	}
	free(ret);
	journal_flush(J);
}

void journal_comment(struct journal *J, const char *text)
{
	if (!J || J->err)
		return;
	put_ticks(J);
	fprintf(J->f, "-- %s\n", text);
	journal_flush(J);
}

int journal_error(const struct journal *J)
{
	return J ? J->err : 0;
}

int journal_close(struct journal *J)
{
	int err;

	if (!J)
		return 0;
	if (!J->err)
		put_ticks(J);
	journal_flush(J);
	errno = 0;
	if (fclose(J->f) && !J->err)
		J->err = errno ? errno : EIO;
	err = J->err;
	free(J);
	return err;
}
