// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pacing for demos: say(text) prints a caption, chapter(title) names a
 * section, pause([seconds] [, {run = true}]) waits, and expect() checks
 * a claim the lecture makes, so that a demo run in batch is its own test.
 * In the UI a script runs as a coroutine (script_start()), and both yield
 * to the main loop: pause() for the time asked, or until a key when no
 * time is given; say() and step() for a redraw. In batch, and wherever the running
 * code cannot yield (the REPL itself), pause() returns at once and say()
 * only prints, so a demo runs unchanged as a test.
 *
 * A pause holds simulated time unless it asks for {run = true}: batch
 * runs no time at a pause, so neither may the UI, or the two would tell
 * different stories (kswapd already done when the user presses Enter).
 */
#include "bindings.h"

#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

static bool pace_can_yield(lua_State *L)
{
	return script_get(L)->opts.interactive && lua_isyieldable(L);
}

/* On resume, the values the binding left under its yield are its results */
static int pace_cont(lua_State *L, int status, lua_KContext nres)
{
	(void)L;
	(void)status;
	return (int)nres;
}

/*
 * For a binding that changes what the UI shows (say(), step()): return
 * its nres results now in batch, or yield for a redraw first (wait 0) and
 * return them when the UI resumes the script.
 */
int script_yield_redraw(lua_State *L, int nres)
{
	if (!pace_can_yield(L))
		return nres;
	script_get(L)->pace.run = false;
	lua_pushinteger(L, 0);
	return lua_yieldk(L, 1, nres, pace_cont);
}

/*
 * The captions a class reads at a pause: every say() since the previous
 * pause() or chapter(), one a line. What does not fit is left off.
 */
static void page_add(struct script_pace *pace, const char *s, size_t len)
{
	size_t used;

	if (pace->new_page) {
		pace->page[0] = '\0';
		pace->new_page = false;
	}
	used = strlen(pace->page);
	snprintf(pace->page + used, sizeof(pace->page) - used, "%s%.*s",
		 used ? "\n" : "", (int)len, s);
}

/* say(text): a caption, on its own line */
static int pace_say(lua_State *L)
{
	struct script *S = script_get(L);
	size_t len;
	const char *s = luaL_tolstring(L, 1, &len);

	script_write(S, s, len);
	script_write(S, "\n", 1);
	S->pace.nr_says++;
	snprintf(S->pace.caption, sizeof(S->pace.caption), "%.*s", (int)len, s);
	page_add(&S->pace, s, len);
	return script_yield_redraw(L, 0);
}

/* chapter(title): names the section that follows; printed as "== title ==" */
static int pace_chapter(lua_State *L)
{
	struct script *S = script_get(L);
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);

	script_write(S, "== ", 3);
	script_write(S, s, len);
	script_write(S, " ==\n", 4);
	S->pace.nr_chapters++;
	S->pace.page[0] = '\0'; /* a new section, new captions */
	S->pace.new_page = false;
	snprintf(S->pace.chapter, sizeof(S->pace.chapter), "%.*s", (int)len, s);
	return script_yield_redraw(L, 0);
}

/*
 * pause([seconds] [, opts]) or pause(opts): yields the wait in ms, -1
 * meaning "until a key". opts.run = true lets simulated time run while
 * the UI waits; without it time holds.
 */
static int pace_pause(lua_State *L)
{
	struct script *S = script_get(L);
	int oi = lua_istable(L, 1) ? 1 : 2;
	lua_Number secs = -1;
	lua_Integer ms = -1;
	bool run = false;

	if (oi == 2 && !lua_isnoneornil(L, 1)) {
		secs = luaL_checknumber(L, 1);
		luaL_argcheck(L, secs >= 0, 1, "seconds must not be negative");
	}
	if (!lua_isnoneornil(L, oi)) {
		luaL_checktype(L, oi, LUA_TTABLE);
		lua_getfield(L, oi, "run");
		run = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	S->pace.new_page = true;
	if (!pace_can_yield(L))
		return 0;
	S->pace.run = run;
	if (secs >= 0)
		ms = (lua_Integer)(secs * 1000 + 0.5);
	lua_pushinteger(L, ms);
	return lua_yield(L, 1);
}

/*
 * expect(cond, claim) or expect(got, want, claim): a claim the demo
 * makes. When it does not hold, an error at the demo's line names it
 * (and got and want), so --batch exits 1 and the UI stops the demo there.
 * Returns its first argument, to print the value the claim is about.
 */
static int pace_expect(lua_State *L)
{
	int n = lua_gettop(L);
	int ci = n >= 3 ? 3 : 2;

	luaL_argcheck(L, n == 2 || n == 3, n < 2 ? n + 1 : 4,
		      "expect(cond, claim) or expect(got, want, claim)");
	luaL_argexpected(L, lua_type(L, ci) == LUA_TSTRING, ci,
			 "claim (string)");
	if (n == 2 && !lua_toboolean(L, 1))
		return luaL_error(L, "claim failed: %s", lua_tostring(L, 2));
	if (n == 3 && !lua_compare(L, 1, 2, LUA_OPEQ)) {
		const char *got = luaL_tolstring(L, 1, NULL);
		const char *want = luaL_tolstring(L, 2, NULL);

		return luaL_error(L, "claim failed: %s: got %s, want %s",
				  lua_tostring(L, 3), got, want);
	}
	lua_settop(L, 1);
	return 1;
}

static const luaL_Reg pacelib[] = {
	{ "say", pace_say },	 { "expect", pace_expect },
	{ "pause", pace_pause }, { "chapter", pace_chapter },
	{ NULL, NULL },
};

int luaopen_kss_pace(lua_State *L)
{
	lua_pushglobaltable(L);
	luaL_setfuncs(L, pacelib, 0);
	return 1;
}
