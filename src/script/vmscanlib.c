// SPDX-License-Identifier: GPL-2.0-only
/*
 * kswapd and reclaim from Lua: wake_kswapd(node, order, highest_zoneidx)
 * is wakeup_kswapd(), n:balanced(order, highest_zoneidx) is
 * pgdat_balanced(), n.kswapd reads kswapd's state, its order and
 * highest_zoneidx mailbox, kswapd_failures and the priority of the pass it
 * runs, vmpressure() the pressure reclaim measured (mm/vmpressure.c), and
 * dmesg() the kernel log (OOM reports). The node fields are
 * added in front of zonelib.c's node __index, which handles the rest.
 */
#include "bindings.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

/* A node argument: a node object or a node number. */
static int check_nid(lua_State *L, int idx)
{
	struct sim *sim = script_check_sim(L);
	lua_Integer nid;

	if (lua_type(L, idx) == LUA_TUSERDATA)
		return script_check_node(L, idx);
	nid = luaL_checkinteger(L, idx);
	luaL_argcheck(L, nid >= 0 && nid < sim_nr_nodes(sim), idx,
		      "no such node");
	return (int)nid;
}

/* The highest zone index a request may use: default the highest zone. */
static int opt_zoneidx(lua_State *L, int idx)
{
	if (lua_isnoneornil(L, idx))
		return MAX_NR_ZONES -
		       2; /* ZONE_MOVABLE: GFP_HIGHUSER_MOVABLE */
	return script_check_zoneidx(L, idx);
}

static int opt_order(lua_State *L, int idx)
{
	lua_Integer order = luaL_optinteger(L, idx, 0);

	luaL_argcheck(L, order >= 0 && order < SIM_NR_PAGE_ORDERS, idx,
		      "order must be 0..10");
	return (int)order;
}

/* wake_kswapd(node, order, highest_zoneidx): mm/vmscan.c: wakeup_kswapd() */
static int vmscan_wake_kswapd(lua_State *L)
{
	int nid = check_nid(L, 1);
	int order = opt_order(L, 2);
	int zid = opt_zoneidx(L, 3);

	sim_wakeup_kswapd(script_check_sim(L), nid, order, zid);
	return 0;
}

/* n:balanced(order, highest_zoneidx): mm/vmscan.c: pgdat_balanced() */
static int vmscan_balanced(lua_State *L)
{
	int nid = check_nid(L, 1);
	int order = opt_order(L, 2);
	int zid = opt_zoneidx(L, 3);

	lua_pushboolean(L, sim_pgdat_balanced(script_check_sim(L), nid, order,
					      zid) == 1);
	return 1;
}

/* dmesg(): the kernel log, as text */
static int vmscan_dmesg(lua_State *L)
{
	char *s = sim_dmesg(script_check_sim(L));

	if (!s)
		return luaL_error(L, "out of memory");
	lua_pushstring(L, s);
	free(s);
	return 1;
}

/* n.kswapd: a snapshot of kswapd<nid> */
static void push_kswapd(lua_State *L, int nid)
{
	struct sim_kswapd_info ki;

	if (sim_kswapd_info(script_check_sim(L), nid, &ki))
		luaL_error(L, "no node %d", nid);
	lua_createtable(L, 0, 8);
	lua_pushstring(L, ki.state);
	lua_setfield(L, -2, "state");
	lua_pushinteger(L, ki.order);
	lua_setfield(L, -2, "order");
	lua_pushinteger(L, ki.highest_zoneidx);
	lua_setfield(L, -2, "highest_zoneidx");
	lua_pushinteger(L, ki.failures);
	lua_setfield(L, -2, "failures");
	lua_pushinteger(L, ki.priority);
	lua_setfield(L, -2, "priority");
	lua_pushboolean(L, ki.running);
	lua_setfield(L, -2, "running");
	lua_pushinteger(L, (lua_Integer)ki.nr_reclaimed);
	lua_setfield(L, -2, "nr_reclaimed");
	lua_pushinteger(L, (lua_Integer)ki.nr_to_reclaim);
	lua_setfield(L, -2, "nr_to_reclaim");
	lua_pushinteger(L, ki.task);
	lua_setfield(L, -2, "task");
}

/* node __index: kswapd and balanced here, everything else zonelib.c's */
static int vmscan_node_index(lua_State *L)
{
	const char *k = lua_tostring(L, 2);

	if (k && !strcmp(k, "kswapd")) {
		push_kswapd(L, check_nid(L, 1));
		return 1;
	}
	if (k && !strcmp(k, "balanced")) {
		lua_pushcfunction(L, vmscan_balanced);
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/*
 * vmpressure(): mm/vmpressure.c's state for the root memory cgroup:
 * {scanned =, reclaimed = (the window being counted), pressure =,
 * level = (what the last work found), events = {low =, medium =,
 * critical =}}
 */
static int vmscan_vmpressure(lua_State *L)
{
	const char *const *levels = sim_vmpressure_levels();
	struct sim_vmpressure_info vi;

	sim_vmpressure_info(script_check_sim(L), &vi);
	lua_createtable(L, 0, 5);
	lua_pushinteger(L, (lua_Integer)vi.scanned);
	lua_setfield(L, -2, "scanned");
	lua_pushinteger(L, (lua_Integer)vi.reclaimed);
	lua_setfield(L, -2, "reclaimed");
	lua_pushinteger(L, vi.pressure);
	lua_setfield(L, -2, "pressure");
	lua_pushstring(L, vi.level);
	lua_setfield(L, -2, "level");
	lua_createtable(L, 0, 3);
	for (int i = 0; i < 3; i++) {
		lua_pushinteger(L, (lua_Integer)vi.events[i]);
		lua_setfield(L, -2, levels[i]);
	}
	lua_setfield(L, -2, "events");
	return 1;
}

static const luaL_Reg vmscanlib[] = {
	{ "wake_kswapd", vmscan_wake_kswapd },
	{ "vmpressure", vmscan_vmpressure },
	{ "dmesg", vmscan_dmesg },
	{ NULL, NULL },
};

/* Runs after luaopen_kss_zone(), which creates the node metatable. */
int luaopen_kss_vmscan(lua_State *L)
{
	lua_pushglobaltable(L);
	luaL_setfuncs(L, vmscanlib, 0);
	lua_pop(L, 1);

	if (luaL_getmetatable(L, KSS_NODE) == LUA_TTABLE) {
		lua_getfield(L, -1, "__index");
		lua_pushcclosure(L, vmscan_node_index, 1);
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);
	return 0;
}
