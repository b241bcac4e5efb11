// SPDX-License-Identifier: GPL-2.0-only
/*
 * Nodes and zones: node(i) returns a node object (pg_data_t), n.zones
 * holds its zones by kernel name (n.zones.Normal) or by zone index from 0
 * like the kernel's zone_idx() (n.zones[2] is Normal on x86-64), and a
 * zone reads its fields live from sim_zone_info(). Objects hold the
 * machine's generation and indices only, so after reset{} they raise
 * instead of reading a machine that is gone.
 */
#include "bindings.h"

#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

struct node_ref {
	unsigned int gen; /* machine generation (reset{} count) */
	int nid;
};

struct zone_ref {
	unsigned int gen;
	int nid;
	int zid; /* zone_idx() */
};

static const char *const lru_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file",
	"active_file",	 "unevictable",
};

static const char *const wmark_names[NR_WMARK] = {
	"min",
	"low",
	"high",
	"promo",
};

/* {====== references */

static void push_node(lua_State *L, int nid)
{
	struct node_ref *n = lua_newuserdatauv(L, sizeof(*n), 0);

	n->gen = script_get(L)->gen;
	n->nid = nid;
	luaL_setmetatable(L, KSS_NODE);
}

static void push_zone(lua_State *L, int nid, int zid)
{
	struct zone_ref *z = lua_newuserdatauv(L, sizeof(*z), 0);

	z->gen = script_get(L)->gen;
	z->nid = nid;
	z->zid = zid;
	luaL_setmetatable(L, KSS_ZONE);
}

static struct node_ref *check_node_tname(lua_State *L, int idx,
					 const char *tname)
{
	struct node_ref *n = script_checkudata(L, idx, tname);

	if (n->gen != script_get(L)->gen)
		luaL_error(
			L,
			"node %d belongs to a previous machine (reset{} since)",
			n->nid);
	return n;
}

static struct node_ref *check_node(lua_State *L, int idx)
{
	return check_node_tname(L, idx, KSS_NODE);
}

int script_check_node(lua_State *L, int idx)
{
	return check_node(L, idx)->nid;
}

static void check_zone(lua_State *L, int idx, struct sim_zone_info *info)
{
	struct zone_ref *z = script_checkudata(L, idx, KSS_ZONE);

	if (z->gen != script_get(L)->gen)
		luaL_error(
			L,
			"zone %s of node %d belongs to a previous machine (reset{} since)",
			sim_zone_name(z->zid), z->nid);
	if (sim_zone_info(script_check_sim(L), z->nid, z->zid, info))
		luaL_error(L, "no zone %d on node %d", z->zid, z->nid);
}

/* }====== */

/* {====== zone */

static const char *const zone_fields[] = {
	"name",	     "node",	   "idx",      "free",
	"min",	     "low",	   "high",     "promo",
	"boost",     "managed",	   "present",  "spanned",
	"start_pfn", "protection", "nr_free",  "nr_reserved_highatomic",
	"lru",	     "pcp",	   "free_pcp", "watermark_ok",
	NULL,
};

/*
 * zoneinfo's pagesets: pcp[cpu], cpu from 0 as zoneinfo numbers them,
 * each {count=, high=, batch=, high_min=, high_max=}
 */
static void push_pcp(lua_State *L, const struct sim_zone_info *zi)
{
	lua_createtable(L, zi->nr_cpus, 0);
	for (int cpu = 0; cpu < zi->nr_cpus; cpu++) {
		const struct sim_pcp_info *p = &zi->pcp[cpu];

		lua_createtable(L, 0, 5);
		lua_pushinteger(L, p->count);
		lua_setfield(L, -2, "count");
		lua_pushinteger(L, p->high);
		lua_setfield(L, -2, "high");
		lua_pushinteger(L, p->batch);
		lua_setfield(L, -2, "batch");
		lua_pushinteger(L, p->high_min);
		lua_setfield(L, -2, "high_min");
		lua_pushinteger(L, p->high_max);
		lua_setfield(L, -2, "high_max");
		lua_rawseti(L, -2, cpu);
	}
}

static void push_lru(lua_State *L, const unsigned long *lru)
{
	lua_createtable(L, 0, NR_LRU_LISTS);
	for (int i = 0; i < NR_LRU_LISTS; i++) {
		lua_pushinteger(L, (lua_Integer)lru[i]);
		lua_setfield(L, -2, lru_names[i]);
	}
}

/* Push field k of a zone; false if the zone has no such field. */
static bool zone_push_field(lua_State *L, const struct sim_zone_info *zi,
			    const char *k)
{
	long v[SIM_NR_PAGE_ORDERS];
	int i;

	for (i = 0; i < NR_WMARK; i++) {
		if (!strcmp(k, wmark_names[i])) {
			lua_pushinteger(L, (lua_Integer)zi->wmark[i]);
			return true;
		}
	}
	if (!strcmp(k, "name"))
		lua_pushstring(L, zi->name);
	else if (!strcmp(k, "node"))
		lua_pushinteger(L, zi->nid);
	else if (!strcmp(k, "idx"))
		lua_pushinteger(L, zi->zid);
	else if (!strcmp(k, "free"))
		lua_pushinteger(L, (lua_Integer)zi->free);
	else if (!strcmp(k, "boost"))
		lua_pushinteger(L, (lua_Integer)zi->boost);
	else if (!strcmp(k, "managed"))
		lua_pushinteger(L, (lua_Integer)zi->managed);
	else if (!strcmp(k, "present"))
		lua_pushinteger(L, (lua_Integer)zi->present);
	else if (!strcmp(k, "spanned"))
		lua_pushinteger(L, (lua_Integer)zi->spanned);
	else if (!strcmp(k, "start_pfn"))
		lua_pushinteger(L, (lua_Integer)zi->start_pfn);
	else if (!strcmp(k, "nr_reserved_highatomic"))
		lua_pushinteger(L, (lua_Integer)zi->nr_reserved_highatomic);
	else if (!strcmp(k, "protection"))
		script_push_byzone(L, zi->protection, MAX_NR_ZONES);
	else if (!strcmp(k, "lru"))
		push_lru(L, zi->lru);
	else if (!strcmp(k, "pcp"))
		push_pcp(L, zi);
	else if (!strcmp(k, "free_pcp"))
		lua_pushinteger(L, (lua_Integer)zi->free_pcp);
	else if (!strcmp(k, "nr_free")) {
		/* free_area[order].nr_free, indexed by order from 0 */
		for (i = 0; i < SIM_NR_PAGE_ORDERS; i++)
			v[i] = (long)zi->nr_free[i];
		script_push_byzone(L, v, SIM_NR_PAGE_ORDERS);
		lua_pushnil(L);
		lua_setmetatable(L, -2);
	} else
		return false;
	return true;
}

static int zone_index(lua_State *L)
{
	struct sim_zone_info zi;
	const char *k;

	check_zone(L, 1, &zi);
	k = luaL_checkstring(L, 2);
	if (zone_push_field(L, &zi, k))
		return 1;
	lua_getmetatable(L, 1);
	if (lua_getfield(L, -1, "__methods") == LUA_TTABLE &&
	    lua_getfield(L, -1, k) != LUA_TNIL)
		return 1;
	return luaL_error(L, "zone has no field '%s'", k);
}

/* "Normal: free 1234 min 128 low 160 high 192 promo 224 managed 4000" */
static void push_zone_summary(lua_State *L, const struct sim_zone_info *zi)
{
	if (!zi->spanned) {
		lua_pushfstring(L, "%s: empty", zi->name);
		return;
	}
	lua_pushfstring(L, "%s: free %I min %I low %I high %I promo %I",
			zi->name, (LUAI_UACINT)zi->free,
			(LUAI_UACINT)zi->wmark[WMARK_MIN],
			(LUAI_UACINT)zi->wmark[WMARK_LOW],
			(LUAI_UACINT)zi->wmark[WMARK_HIGH],
			(LUAI_UACINT)zi->wmark[WMARK_PROMO]);
	if (zi->boost) {
		lua_pushfstring(L, " boost %I", (LUAI_UACINT)zi->boost);
		lua_concat(L, 2);
	}
	lua_pushfstring(L, " managed %I", (LUAI_UACINT)zi->managed);
	lua_concat(L, 2);
}

static int zone_tostring(lua_State *L)
{
	struct sim_zone_info zi;

	check_zone(L, 1, &zi);
	push_zone_summary(L, &zi);
	return 1;
}

static int zone_eq(lua_State *L)
{
	struct zone_ref *a = luaL_testudata(L, 1, KSS_ZONE);
	struct zone_ref *b = luaL_testudata(L, 2, KSS_ZONE);

	lua_pushboolean(L, a && b && a->gen == b->gen && a->nid == b->nid &&
				   a->zid == b->zid);
	return 1;
}

/* A watermark argument: pages, or "min" | "low" | "high" | "promo". */
static unsigned long check_mark(lua_State *L, int idx,
				const struct sim_zone_info *zi)
{
	const char *s;
	lua_Integer v;
	int isnum;

	if (lua_type(L, idx) == LUA_TSTRING) {
		s = lua_tostring(L, idx);
		for (int i = 0; i < NR_WMARK; i++) {
			if (!strcmp(s, wmark_names[i]))
				return zi->wmark[i];
		}
		return luaL_argerror(
			L, idx,
			lua_pushfstring(
				L,
				"unknown watermark '%s' (expected min, low, high or promo)",
				s));
	}
	v = lua_tointegerx(L, idx, &isnum);
	luaL_argexpected(L, isnum && lua_type(L, idx) == LUA_TNUMBER, idx,
			 "pages or \"min\"|\"low\"|\"high\"|\"promo\"");
	luaL_argcheck(L, v >= 0, idx, "watermark must not be negative");
	return (unsigned long)v;
}

/* alloc_flags: a number or text like "ALLOC_MIN_RESERVE|ALLOC_OOM" */
static unsigned int check_alloc_flags(lua_State *L, int idx)
{
	unsigned int flags;

	if (lua_isnoneornil(L, idx))
		return 0;
	if (lua_type(L, idx) == LUA_TSTRING) {
		if (sim_alloc_flags_parse(lua_tostring(L, idx), &flags))
			return luaL_argerror(
				L, idx,
				lua_pushfstring(
					L,
					"unknown alloc flags '%s' (expected ALLOC_* names joined by |)",
					lua_tostring(L, idx)));
		return flags;
	}
	luaL_argexpected(L, lua_isinteger(L, idx), idx, "alloc flags");
	return (unsigned int)lua_tointeger(L, idx);
}

/*
 * z:watermark_ok(order, mark, highest_zoneidx [, alloc_flags]):
 * mm/page_alloc.c: zone_watermark_ok() on the zone's free pages now.
 */
static int zone_watermark_ok(lua_State *L)
{
	struct zone_ref *z = script_checkudata(L, 1, KSS_ZONE);
	struct sim_zone_info zi;
	lua_Integer order;
	unsigned long mark;
	unsigned int flags;
	int highest;

	check_zone(L, 1, &zi);
	order = luaL_checkinteger(L, 2);
	luaL_argcheck(L, order >= 0 && order < SIM_NR_PAGE_ORDERS, 2,
		      "order must be 0..10 (MAX_PAGE_ORDER)");
	mark = check_mark(L, 3, &zi);
	highest = script_check_zoneidx(L, 4);
	flags = check_alloc_flags(L, 5);
	lua_pushboolean(L, sim_zone_watermark_ok(script_check_sim(L), z->nid,
						 z->zid, (unsigned int)order,
						 mark, highest, flags));
	return 1;
}

static const luaL_Reg zone_meta[] = {
	{ "__index", zone_index },
	{ "__tostring", zone_tostring },
	{ "__eq", zone_eq },
	{ "__newindex", script_readonly },
	{ NULL, NULL },
};

static const luaL_Reg zone_methods[] = {
	{ "watermark_ok", zone_watermark_ok },
	{ NULL, NULL },
};

/* }====== */

/* {====== zones of a node */

static int zones_index(lua_State *L)
{
	struct node_ref *n = check_node_tname(L, 1, KSS_ZONES);
	int zid;

	if (lua_type(L, 2) == LUA_TSTRING)
		zid = script_check_zone_name(L, lua_tostring(L, 2));
	else if (lua_isinteger(L, 2) && lua_tointeger(L, 2) >= 0 &&
		 lua_tointeger(L, 2) < MAX_NR_ZONES)
		zid = (int)lua_tointeger(L, 2);
	else
		return luaL_error(
			L, "zones[%s]: zone name or index 0..%d expected",
			luaL_tolstring(L, 2, NULL), MAX_NR_ZONES - 1);
	push_zone(L, n->nid, zid);
	return 1;
}

static int zones_len(lua_State *L)
{
	check_node_tname(L, 1, KSS_ZONES);
	lua_pushinteger(L, MAX_NR_ZONES);
	return 1;
}

/* __pairs: name, zone in zone index order */
static int zones_next(lua_State *L)
{
	struct node_ref *n = check_node_tname(L, 1, KSS_ZONES);
	int zid = 0;

	if (!lua_isnil(L, 2))
		zid = script_check_zone_name(L, luaL_checkstring(L, 2)) + 1;
	if (zid >= MAX_NR_ZONES)
		return 0;
	lua_pushstring(L, sim_zone_name(zid));
	push_zone(L, n->nid, zid);
	return 2;
}

static int zones_pairs(lua_State *L)
{
	check_node_tname(L, 1, KSS_ZONES);
	lua_pushcfunction(L, zones_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* One summary line per zone, as a node's zoneinfo blocks come. */
static void push_zones_summary(lua_State *L, int nid, const char *indent)
{
	struct sim *sim = script_check_sim(L);
	struct sim_zone_info zi;
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		if (sim_zone_info(sim, nid, zid, &zi))
			continue;
		if (zid)
			luaL_addchar(&b, '\n');
		luaL_addstring(&b, indent);
		push_zone_summary(L, &zi);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
}

static int zones_tostring(lua_State *L)
{
	struct node_ref *n = check_node_tname(L, 1, KSS_ZONES);

	push_zones_summary(L, n->nid, "");
	return 1;
}

static const luaL_Reg zones_meta[] = {
	{ "__index", zones_index },	   { "__len", zones_len },
	{ "__pairs", zones_pairs },	   { "__tostring", zones_tostring },
	{ "__newindex", script_readonly }, { NULL, NULL },
};

/* }====== */

/* {====== node */

/* kswapd and balanced come from vmscanlib.c, in front of node_index() */
static const char *const node_fields[] = {
	"id", "zones", "lru", "free", "managed", "kswapd", "balanced", NULL,
};

static int node_index(lua_State *L)
{
	struct node_ref *n = check_node(L, 1);
	const char *k = luaL_checkstring(L, 2);
	struct sim *sim = script_check_sim(L);
	unsigned long lru[NR_LRU_LISTS] = { 0 };
	unsigned long free = 0, managed = 0;
	struct sim_zone_info zi;
	struct node_ref *zs;

	if (!strcmp(k, "id")) {
		lua_pushinteger(L, n->nid);
		return 1;
	}
	if (!strcmp(k, "zones")) {
		zs = lua_newuserdatauv(L, sizeof(*zs), 0);
		*zs = *n;
		luaL_setmetatable(L, KSS_ZONES);
		return 1;
	}
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		if (sim_zone_info(sim, n->nid, zid, &zi))
			continue;
		for (int i = 0; i < NR_LRU_LISTS; i++)
			lru[i] += zi.lru[i];
		free += zi.free;
		managed += zi.managed;
	}
	if (!strcmp(k, "lru"))
		push_lru(L, lru);
	else if (!strcmp(k, "free"))
		lua_pushinteger(L, (lua_Integer)free);
	else if (!strcmp(k, "managed"))
		lua_pushinteger(L, (lua_Integer)managed);
	else
		return luaL_error(L, "node has no field '%s'", k);
	return 1;
}

static int node_tostring(lua_State *L)
{
	struct node_ref *n = check_node(L, 1);

	lua_pushfstring(L, "Node %d\n", n->nid);
	push_zones_summary(L, n->nid, "  ");
	lua_concat(L, 2);
	return 1;
}

static int node_eq(lua_State *L)
{
	struct node_ref *a = luaL_testudata(L, 1, KSS_NODE);
	struct node_ref *b = luaL_testudata(L, 2, KSS_NODE);

	lua_pushboolean(L, a && b && a->gen == b->gen && a->nid == b->nid);
	return 1;
}

static const luaL_Reg node_meta[] = {
	{ "__index", node_index },
	{ "__tostring", node_tostring },
	{ "__eq", node_eq },
	{ "__newindex", script_readonly },
	{ NULL, NULL },
};

/* node([nid]): node nid (default 0) of the current machine */
static int zone_node(lua_State *L)
{
	lua_Integer nid = luaL_optinteger(L, 1, 0);
	int nr = sim_nr_nodes(script_check_sim(L));

	if (nid < 0 || nid >= nr)
		return luaL_argerror(
			L, 1,
			nr > 1 ?
				lua_pushfstring(
					L,
					"no node %I (the machine has nodes 0..%d)",
					(LUAI_UACINT)nid, nr - 1) :
				lua_pushfstring(
					L,
					"no node %I (the machine has node 0 only)",
					(LUAI_UACINT)nid));
	push_node(L, (int)nid);
	return 1;
}

static const luaL_Reg zonelib[] = {
	{ "node", zone_node },
	{ NULL, NULL },
};

/* }====== */

static void new_meta(lua_State *L, const char *tname, const luaL_Reg *meta,
		     const char *const *fields)
{
	script_newmetatable(L, tname);
	luaL_setfuncs(L, meta, 0);
	if (fields)
		script_set_fields(L, fields);
	lua_pop(L, 1);
}

int luaopen_kss_zone(lua_State *L)
{
	const char *names[MAX_NR_ZONES + 1];

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		names[zid] = sim_zone_name(zid);
	names[MAX_NR_ZONES] = NULL;
	new_meta(L, KSS_NODE, node_meta, node_fields);
	new_meta(L, KSS_ZONES, zones_meta, names);
	new_meta(L, KSS_ZONE, zone_meta, zone_fields);
	luaL_getmetatable(L, KSS_ZONE);
	luaL_newlib(L, zone_methods);
	lua_setfield(L, -2, "__methods");
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, zonelib, 0);
	return 1;
}
