// SPDX-License-Identifier: GPL-2.0-only
/*
 * Evaluation the way lua.c does it: every chunk runs through docall(),
 * with msghandler() under it so errors carry a traceback; the REPL first
 * tries "return <chunk>;" so an expression prints its value, and treats a
 * syntax error at "<eof>" as input that continues on the next line. ^C
 * only sets a hook (lua.c: laction), and the hook raises "interrupted!"
 * at the next instruction, where the Lua state can take an error.
 */
#include "bindings.h"

#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#define EOFMARK "<eof>"

/* lua.c: msghandler */
static int msghandler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") &&
		    lua_type(L, -1) == LUA_TSTRING)
			return 1;
		msg = lua_pushfstring(L, "(error object is a %s value)",
				      luaL_typename(L, 1));
	}
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/*
 * lua.c: lstop, naming the Lua line the hook stopped: the running
 * function's, or, when ^C came inside a C function (io.write, run()),
 * the line that called it.
 */
static void lstop(lua_State *L, lua_Debug *ar)
{
	lua_Debug where;
	int level = 0;

	(void)ar;
	lua_sethook(L, NULL, 0, 0);
	while (lua_getstack(L, level, &where) && lua_getinfo(L, "Sl", &where) &&
	       where.currentline <= 0)
		level++;
	luaL_where(L, level);
	lua_pushliteral(L, "interrupted!");
	lua_concat(L, 2);
	lua_error(L);
}

static void poll_hook(lua_State *L, lua_Debug *ar)
{
	struct script *S = script_get(L);

	(void)ar;
	if (S->poll)
		S->poll(S->poll_ctx);
}

/* Mark thread T as running Lua code (or none when T is NULL). */
void script_set_running(struct script *S, lua_State *T)
{
	S->interrupted = 0;
	if (T && S->poll)
		lua_sethook(T, poll_hook, LUA_MASKCOUNT, KSS_POLL_COUNT);
	if (!T && S->running)
		lua_sethook(S->running, NULL, 0, 0);
	S->running = T;
}

void script_interrupt(struct script *S)
{
	lua_State *T = S->running;

	if (!T)
		return;
	S->interrupted = 1;
	lua_sethook(T, lstop,
		    LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT,
		    1);
}

void script_check_interrupt(lua_State *L)
{
	struct script *S = script_get(L);

	if (!S->interrupted)
		return;
	S->interrupted = 0;
	lua_sethook(L, NULL, 0, 0);
	luaL_error(L, "interrupted!");
}

/* lua.c: docall */
int script_docall(struct script *S, int narg, int nres)
{
	lua_State *L = S->L;
	lua_State *prev = S->running;
	int base = lua_gettop(L) - narg;
	int status;

	lua_pushcfunction(L, msghandler);
	lua_insert(L, base);
	if (!prev)
		script_set_running(S, L);
	status = lua_pcall(L, narg, nres, base);
	if (!prev)
		script_set_running(S, NULL);
	lua_remove(L, base);
	return status;
}

/* lua.c: report. The message (with its traceback) goes to the errors. */
void script_report(struct script *S, int status)
{
	lua_State *L = S->L;
	const char *msg;
	size_t len;

	if (status == LUA_OK)
		return;
	msg = lua_tolstring(L, -1, &len);
	if (!msg) {
		msg = "(error object is not a string)";
		len = strlen(msg);
	}
	script_errwrite(S, msg, len);
	script_errwrite(S, "\n", 1);
	lua_pop(L, 1);
}

/* lua.c: incomplete */
static bool incomplete(lua_State *L, int status)
{
	size_t lmsg;
	const char *msg;

	if (status != LUA_ERRSYNTAX)
		return false;
	msg = lua_tolstring(L, -1, &lmsg);
	return lmsg >= sizeof(EOFMARK) - 1 &&
	       !strcmp(msg + lmsg - (sizeof(EOFMARK) - 1), EOFMARK);
}

/* lua.c: addreturn */
static int addreturn(lua_State *L, const char *chunk)
{
	const char *retline = lua_pushfstring(L, "return %s;", chunk);
	int status = luaL_loadbuffer(L, retline, strlen(retline), "=stdin");

	if (status == LUA_OK)
		lua_remove(L, -2);
	else
		lua_pop(L, 2);
	return status;
}

/*
 * lua.c: l_print, through the prelude's show(): strings as they are,
 * tables readably, zones, nodes and regions by their summary.
 */
static int print_results(struct script *S)
{
	lua_State *L = S->L;
	int n = lua_gettop(L);
	size_t len;
	const char *s;
	int status;

	if (n == 0)
		return LUA_OK;
	lua_rawgeti(L, LUA_REGISTRYINDEX, S->show_ref);
	lua_insert(L, 1);
	status = script_docall(S, n, 1);
	if (status != LUA_OK)
		return status;
	s = lua_tolstring(L, -1, &len);
	if (s) {
		script_write(S, s, len);
		script_write(S, "\n", 1);
	}
	lua_pop(L, 1);
	return LUA_OK;
}

enum script_status script_eval(struct script *S, const char *chunk)
{
	lua_State *L = S->L;
	int status;

	lua_settop(L, 0);
	if (chunk[0] == '=') /* Lua 5.1's "=expr" */
		chunk++;
	status = addreturn(L, chunk);
	if (status != LUA_OK) {
		status = luaL_loadbuffer(L, chunk, strlen(chunk), "=stdin");
		if (incomplete(L, status)) {
			lua_settop(L, 0);
			return SCRIPT_INCOMPLETE;
		}
	}
	if (status == LUA_OK)
		status = script_docall(S, 0, LUA_MULTRET);
	if (status == LUA_OK)
		status = print_results(S);
	script_report(S, status);
	lua_settop(L, 0);
	return status == LUA_OK ? SCRIPT_OK : SCRIPT_ERROR;
}
