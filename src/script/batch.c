// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running whole scripts: in batch (a file, "-" for stdin, or -e text)
 * through docall(), errors reported as "file:line: message" and a
 * traceback; in the UI as a coroutine that pause(), say() and step()
 * suspend, so the script interleaves with the user's keys. At most one
 * script coroutine exists; the main thread stays free for the REPL while
 * it is suspended.
 */
#include "bindings.h"

#include <string.h>

#include <lauxlib.h>
#include <lua.h>

static enum script_status run_loaded(struct script *S, int status)
{
	if (status == LUA_OK)
		status = script_docall(S, 0, 0);
	script_report(S, status);
	lua_settop(S->L, 0);
	return status == LUA_OK ? SCRIPT_OK : SCRIPT_ERROR;
}

enum script_status script_run_file(struct script *S, const char *path)
{
	lua_settop(S->L, 0);
	if (!strcmp(path, "-"))
		path = NULL; /* luaL_loadfile: stdin, named "=stdin" */
	return run_loaded(S, luaL_loadfile(S->L, path));
}

enum script_status script_run_string(struct script *S, const char *code,
				     const char *chunkname)
{
	lua_settop(S->L, 0);
	if (!chunkname)
		chunkname = "=(command line)";
	return run_loaded(S,
			  luaL_loadbuffer(S->L, code, strlen(code), chunkname));
}

/* {====== scripts as coroutines */

static void script_stop(struct script *S)
{
	luaL_unref(S->L, LUA_REGISTRYINDEX, S->co_ref);
	S->co_ref = LUA_NOREF;
	S->co = NULL;
}

/*
 * Load path into a new coroutine, suspended at its start; script_resume()
 * runs it. Returns SCRIPT_PAUSED when loaded, SCRIPT_ERROR (reported)
 * when it cannot be. A script still suspended is dropped.
 */
enum script_status script_start(struct script *S, const char *path)
{
	lua_State *L = S->L;
	int status;

	if (S->co)
		script_stop(S);
	/* a demo started again counts its chapters from the start again */
	memset(&S->pace, 0, sizeof(S->pace));
	lua_settop(L, 0);
	S->co = lua_newthread(L);
	S->co_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	status = luaL_loadfile(S->co, path);
	if (status != LUA_OK) {
		lua_xmove(S->co, L, 1);
		script_report(S, status);
		script_stop(S);
		return SCRIPT_ERROR;
	}
	S->co_nargs = 0;
	return SCRIPT_PAUSED;
}

/*
 * Run the script until it ends, fails or yields. A yield (pause(), say())
 * passes the wait in milliseconds, -1 meaning until a key.
 */
enum script_status script_resume(struct script *S, int *wait_ms)
{
	lua_State *L = S->L;
	lua_State *co = S->co;
	int status, nres = 0;

	*wait_ms = 0;
	if (!co)
		return SCRIPT_OK;
	script_set_running(S, co);
	status = lua_resume(co, L, S->co_nargs, &nres);
	script_set_running(S, NULL);
	S->co_nargs = 0;
	if (status == LUA_YIELD) {
		if (nres > 0 && lua_isinteger(co, -nres))
			*wait_ms = (int)lua_tointeger(co, -nres);
		lua_pop(co, nres);
		return SCRIPT_PAUSED;
	}
	if (status == LUA_OK) {
		script_stop(S);
		return SCRIPT_OK;
	}
	/* the dead coroutine keeps its stack: trace it, as msghandler would */
	lua_settop(L, 0);
	luaL_traceback(L, co,
		       lua_tostring(co, -1) ? lua_tostring(co, -1) :
					      "(error object is not a string)",
		       0);
	script_report(S, status);
	script_stop(S);
	return SCRIPT_ERROR;
}

bool script_running(const struct script *S)
{
	return S->co != NULL;
}

/* }====== */
