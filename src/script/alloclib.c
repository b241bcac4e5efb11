// SPDX-License-Identifier: GPL-2.0-only
/*
 * Allocation: alloc(size, {order=, node=, zone=, kind=, gfp=, dirty=,
 * mapped=}) asks the core for a region of size pages in blocks of 2^order
 * and returns a region object; free(r) gives it back; regions() lists the
 * live ones. An allocation the
 * kernel would fail raises the kernel's warn_alloc() words, after the core
 * has undone any partial work. A region object holds the machine's
 * generation and the region id only: a region of a previous machine
 * raises, and collecting the object never frees the memory (a REPL line
 * like alloc("1G") keeps its pages, as a leaking program would).
 */
#include "bindings.h"

#include <errno.h>

#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

struct region_ref {
	unsigned int gen; /* machine generation (reset{} count) */
	unsigned int id; /* sim region id */
};

static const char *const kind_names[SIM_NR_KINDS] = {
	[SIM_KIND_ANON] = "anon",
	[SIM_KIND_FILE] = "file",
	[SIM_KIND_KERNEL] = "kernel",
};

static const char *const alloc_keys[] = {
	"order", "node", "zone", "kind", "gfp", "dirty", "mapped", NULL,
};

static int alloc_free(lua_State *L);

/* {====== region objects */

/*
 * The region at idx, with its info; raises when it belongs to a previous
 * machine, naming argument idx (luaL_argerror) when arg is true.
 */
static struct region_ref *check_region(lua_State *L, int idx, bool arg,
				       struct sim_region_info *info)
{
	struct region_ref *r = script_checkudata(L, idx, KSS_REGION);
	const char *msg;

	if (r->gen == script_get(L)->gen &&
	    !sim_region_info(script_check_sim(L), r->id, info))
		return r;
	msg = lua_pushfstring(
		L, "region %d belongs to a previous machine (reset{} since)",
		(int)r->id);
	if (arg)
		luaL_argerror(L, idx, msg);
	luaL_error(L, "%s", msg);
	return NULL;
}

unsigned int script_check_region(lua_State *L, int idx)
{
	struct sim_region_info ri;

	return check_region(L, idx, true, &ri)->id;
}

static const char *const region_fields[] = {
	"id",	    "kind", "pages", "order", "freed",
	"resident", "task", "free",  NULL,
};

static int region_index(lua_State *L)
{
	struct region_ref *r = script_checkudata(L, 1, KSS_REGION);
	const char *k = luaL_checkstring(L, 2);
	struct sim_region_info ri;

	if (!strcmp(k, "id")) {
		lua_pushinteger(L, r->id);
		return 1;
	}
	check_region(L, 1, false, &ri);
	if (!strcmp(k, "kind"))
		lua_pushstring(L, kind_names[ri.kind]);
	else if (!strcmp(k, "pages"))
		lua_pushinteger(L, (lua_Integer)ri.nr_pages);
	else if (!strcmp(k, "order"))
		lua_pushinteger(L, ri.order);
	else if (!strcmp(k, "freed"))
		lua_pushboolean(L, ri.freed);
	else if (!strcmp(k, "resident"))
		lua_pushinteger(L, (lua_Integer)ri.nr_resident);
	else if (!strcmp(k, "task"))
		lua_pushinteger(L, ri.task);
	else if (!strcmp(k, "free"))
		lua_pushcfunction(L, alloc_free);
	else
		return luaL_error(L, "region has no field '%s'", k);
	return 1;
}

/* "region 3: anon 512 pages" */
static int region_tostring(lua_State *L)
{
	struct region_ref *r = script_checkudata(L, 1, KSS_REGION);
	struct sim_region_info ri;

	if (r->gen != script_get(L)->gen ||
	    sim_region_info(script_check_sim(L), r->id, &ri)) {
		lua_pushfstring(L, "region %d (previous machine)", (int)r->id);
		return 1;
	}
	lua_pushfstring(L, "region %d: %s %I pages%s", (int)ri.id,
			kind_names[ri.kind], (LUAI_UACINT)ri.nr_pages,
			ri.freed ? " (freed)" : "");
	return 1;
}

static int region_eq(lua_State *L)
{
	struct region_ref *a = luaL_testudata(L, 1, KSS_REGION);
	struct region_ref *b = luaL_testudata(L, 2, KSS_REGION);

	lua_pushboolean(L, a && b && a->gen == b->gen && a->id == b->id);
	return 1;
}

static const luaL_Reg region_meta[] = {
	{ "__index", region_index },
	{ "__tostring", region_tostring },
	{ "__eq", region_eq },
	{ "__newindex", script_readonly },
	{ NULL, NULL },
};

/* }====== */

/* {====== alloc(), free() */

static int opt_field(lua_State *L, const char *k)
{
	return lua_istable(L, 2) ? lua_getfield(L, 2, k) :
				   (lua_pushnil(L), LUA_TNIL);
}

static bool opt_bool(lua_State *L, const char *k)
{
	bool v;

	if (opt_field(L, k) == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	if (!lua_isboolean(L, -1))
		luaL_argerror(L, 2,
			      lua_pushfstring(L, "%s: boolean expected, got %s",
					      k, luaL_typename(L, -1)));
	v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

static void alloc_order_node(lua_State *L, struct sim_alloc_request *req)
{
	lua_Integer v;
	int nr;

	if (opt_field(L, "order") != LUA_TNIL) {
		v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
		if (v < 0 || v >= SIM_NR_PAGE_ORDERS)
			luaL_argerror(
				L, 2,
				lua_pushfstring(
					L,
					"order must be 0..10 (MAX_PAGE_ORDER), got %s",
					luaL_tolstring(L, -1, NULL)));
		req->order = (unsigned int)v;
	}
	if (opt_field(L, "node") != LUA_TNIL) {
		nr = sim_nr_nodes(script_check_sim(L));
		v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
		if (v < 0 || v >= nr)
			luaL_argerror(
				L, 2,
				lua_pushfstring(L, "node must be 0..%d, got %s",
						nr - 1,
						luaL_tolstring(L, -1, NULL)));
		req->nid = (int)v;
	}
	lua_pop(L, 2);
}

static void alloc_zone_kind(lua_State *L, struct sim_alloc_request *req)
{
	const char *s;
	int i;

	if (opt_field(L, "zone") != LUA_TNIL) {
		if (lua_type(L, -1) == LUA_TSTRING)
			req->zid =
				script_check_zone_name(L, lua_tostring(L, -1));
		else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0 &&
			 lua_tointeger(L, -1) < MAX_NR_ZONES)
			req->zid = (int)lua_tointeger(L, -1);
		else
			luaL_argerror(
				L, 2,
				lua_pushfstring(
					L,
					"zone: zone name or index 0..%d expected, got %s",
					MAX_NR_ZONES - 1,
					luaL_tolstring(L, -1, NULL)));
	}
	if (opt_field(L, "kind") != LUA_TNIL) {
		s = lua_tostring(L, -1);
		for (i = 0; s && i < SIM_NR_KINDS; i++) {
			if (!strcmp(s, kind_names[i]))
				break;
		}
		if (!s || i == SIM_NR_KINDS)
			luaL_argerror(
				L, 2,
				lua_pushfstring(
					L,
					"unknown kind '%s' (expected anon, file or kernel)",
					luaL_tolstring(L, -1, NULL)));
		req->kind = i;
	}
	lua_pop(L, 2);
}

static void alloc_gfp(lua_State *L, struct sim_alloc_request *req)
{
	if (opt_field(L, "gfp") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (lua_isinteger(L, -1))
		req->gfp_mask = (unsigned int)lua_tointeger(L, -1);
	else if (lua_type(L, -1) != LUA_TSTRING ||
		 sim_gfp_parse(lua_tostring(L, -1), &req->gfp_mask))
		luaL_argerror(
			L, 2,
			lua_pushfstring(
				L,
				"gfp: unknown gfp flags '%s' (expected names like GFP_KERNEL|__GFP_NOWARN)",
				luaL_tolstring(L, -1, NULL)));
	lua_pop(L, 1);
}

/* alloc(size [, {order=, node=, zone=, kind=, gfp=, dirty=, mapped=}]) */
static int alloc_alloc(lua_State *L)
{
	struct sim_alloc_request req = {
		.nid = -1,
		.zid = -1,
		.kind = SIM_KIND_ANON,
	};
	struct region_ref *r;
	char err[256];
	int ret;

	req.nr_pages = script_check_size(L, 1, 1, "alloc", false);
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		script_check_keys(L, 2, "alloc options", alloc_keys);
	}
	alloc_order_node(L, &req);
	alloc_zone_kind(L, &req);
	alloc_gfp(L, &req);
	req.dirty = opt_bool(L, "dirty");
	req.mapped = opt_bool(L, "mapped");
	req.task = sim_task_current(script_check_sim(L));
	if (req.nr_pages & ((1UL << req.order) - 1))
		luaL_argerror(
			L, 1,
			lua_pushfstring(
				L,
				"size %I is not a multiple of 2^order = %d pages",
				(LUAI_UACINT)req.nr_pages, 1 << req.order));
	r = lua_newuserdatauv(L, sizeof(*r), 0);
	r->gen = script_get(L)->gen;
	ret = sim_alloc(script_check_sim(L), &req, &r->id, err, sizeof(err));
	if (ret == -EINTR)
		script_check_interrupt(L); /* "interrupted!", as run() says */
	if (ret)
		return luaL_error(L, "%s", err);
	luaL_setmetatable(L, KSS_REGION);
	return 1;
}

/* free(r): free a whole region */
static int alloc_free(lua_State *L)
{
	struct sim_region_info ri;
	struct region_ref *r = check_region(L, 1, true, &ri);

	if (ri.freed)
		return luaL_argerror(
			L, 1,
			lua_pushfstring(L, "region %d is already freed",
					(int)r->id));
	if (sim_free(script_check_sim(L), r->id))
		return luaL_argerror(L, 1,
				     lua_pushfstring(L, "cannot free region %d",
						     (int)r->id));
	return 0;
}

/* regions(): the live regions, by id (ids count up from 1) */
static int alloc_regions(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	unsigned int gen = script_get(L)->gen;
	struct sim_region_info ri;
	struct region_ref *r;
	lua_Integer n = 0;

	lua_newtable(L);
	for (unsigned int id = 1; !sim_region_info(sim, id, &ri); id++) {
		if (ri.freed)
			continue;
		r = lua_newuserdatauv(L, sizeof(*r), 0);
		r->gen = gen;
		r->id = id;
		luaL_setmetatable(L, KSS_REGION);
		lua_rawseti(L, -2, ++n);
	}
	return 1;
}

static const luaL_Reg alloclib[] = {
	{ "alloc", alloc_alloc },
	{ "free", alloc_free },
	{ "regions", alloc_regions },
	{ NULL, NULL },
};

/* }====== */

int luaopen_kss_alloc(lua_State *L)
{
	script_newmetatable(L, KSS_REGION);
	luaL_setfuncs(L, region_meta, 0);
	script_set_fields(L, region_fields);
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, alloclib, 0);
	return 1;
}
