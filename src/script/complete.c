// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tab completion for the REPL line: the prelude's complete() works out
 * the candidates (globals and keywords, fields of tables and of node,
 * zone, region and sysctl objects, zone and sysctl names inside strings)
 * and this copies them out for the line editor. Completion never runs
 * code with side effects: it only indexes, and calls node() and vmstat().
 */
#include "bindings.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

static char **copy_matches(lua_State *L, int idx, int *n)
{
	lua_Integer len = luaL_len(L, idx);
	char **m = calloc((size_t)len + 1, sizeof(*m));
	const char *s;
	int i;

	*n = 0;
	if (!m)
		return NULL;
	for (i = 0; i < len; i++) {
		lua_rawgeti(L, idx, i + 1);
		s = lua_tostring(L, -1);
		m[i] = s ? strdup(s) : NULL;
		lua_pop(L, 1);
		if (!m[i])
			break;
	}
	*n = i;
	return m;
}

int script_complete(struct script *S, const char *line, size_t cursor,
		    char ***matches)
{
	lua_State *L = S->L;
	int n = 0, top = lua_gettop(L);

	*matches = NULL;
	if (cursor > strlen(line))
		cursor = strlen(line);
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->complete_ref);
	lua_pushlstring(L, line, cursor);
	if (script_docall(S, 1, 1) == LUA_OK && lua_istable(L, -1))
		*matches = copy_matches(L, lua_gettop(L), &n);
	lua_settop(L, top);
	if (*matches && n == 0) {
		free(*matches);
		*matches = NULL;
	}
	return n;
}
