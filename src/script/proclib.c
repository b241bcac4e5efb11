// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc files as the kernel prints them: zoneinfo(), buddyinfo(),
 * pagetypeinfo() return the text; vmstat() returns a snapshot of every
 * counter, indexable by name (vmstat().pgfree) and callable or printable
 * for the /proc/vmstat text. A snapshot does not change afterwards, so
 * "after.pgfree - before.pgfree" measures what happened in between.
 */
#include "bindings.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

/* Push the text a sim_* writer returned and free it. */
static int push_text(lua_State *L, char *text)
{
	if (!text)
		return luaL_error(L, "not enough memory");
	lua_pushstring(L, text);
	free(text);
	return 1;
}

static int proc_zoneinfo(lua_State *L)
{
	return push_text(L, sim_zoneinfo(script_check_sim(L)));
}

static int proc_buddyinfo(lua_State *L)
{
	return push_text(L, sim_buddyinfo(script_check_sim(L)));
}

static int proc_pagetypeinfo(lua_State *L)
{
	return push_text(L, sim_pagetypeinfo(script_check_sim(L)));
}

/* {====== vmstat snapshots */

/* __call and __tostring: the /proc/vmstat text of the snapshot */
static int vmstat_text(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	return 1;
}

static int vmstat_unknown(lua_State *L)
{
	return luaL_error(L, "unknown vmstat counter '%s'",
			  luaL_tolstring(L, 2, NULL));
}

/* Parse "name value\n" lines into the table on top of the stack. */
static void vmstat_parse(lua_State *L, const char *s)
{
	const char *sp, *nl;
	char *end;
	long long v;

	while (*s) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		sp = memchr(s, ' ', (size_t)(nl - s));
		if (sp) {
			v = strtoll(sp + 1, &end, 10);
			lua_pushlstring(L, s, (size_t)(sp - s));
			lua_pushinteger(L, (lua_Integer)v);
			lua_rawset(L, -3);
		}
		s = *nl ? nl + 1 : nl;
	}
}

static int proc_vmstat(lua_State *L)
{
	push_text(L, sim_vmstat(script_check_sim(L)));
	lua_createtable(L, 0, 200);
	vmstat_parse(L, lua_tostring(L, -2));
	lua_createtable(L, 0, 4);
	lua_pushvalue(L, -3);
	lua_pushcclosure(L, vmstat_text, 1);
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, "__call");
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, vmstat_unknown);
	lua_setfield(L, -2, "__index");
	lua_pushliteral(L, "vmstat");
	lua_setfield(L, -2, "__name");
	lua_setmetatable(L, -2);
	return 1;
}

/* }====== */

static const luaL_Reg proclib[] = {
	{ "zoneinfo", proc_zoneinfo },
	{ "buddyinfo", proc_buddyinfo },
	{ "pagetypeinfo", proc_pagetypeinfo },
	{ "vmstat", proc_vmstat },
	{ NULL, NULL },
};

int luaopen_kss_proc(lua_State *L)
{
	lua_pushglobaltable(L);
	luaL_setfuncs(L, proclib, 0);
	return 1;
}
