// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tasks from Lua: t = task("name", {oom_score_adj = 0, node = 0}) makes a
 * user task whose memory the OOM killer weighs; t:alloc(...), t:touch(r),
 * t:dirty(r), t:mlock(r) act as that task (alloc() and the global touch(),
 * dirty(), mlock() act as "init"). t:start(fn) makes fn(t) a workload run
 * once every tick by run()/tick(); t:stop() ends it. A task object holds
 * the machine's generation and the task id only.
 */
#include "bindings.h"

#include <errno.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

#define KSS_TASK "kss.task"
#define KSS_WORKLOADS "kss.workloads"

struct task_ref {
	unsigned int gen;
	int id;
};

void tasklib_run_workloads(lua_State *L);
static void push_workloads(lua_State *L);

/* {====== task objects */

static struct task_ref *check_task(lua_State *L, int idx,
				   struct sim_task_info *info)
{
	struct task_ref *t = script_checkudata(L, idx, KSS_TASK);

	if (t->gen != script_get(L)->gen ||
	    sim_task_info(script_check_sim(L), t->id, info))
		luaL_error(
			L,
			"task %d belongs to a previous machine (reset{} since)",
			t->id);
	return t;
}

static void push_task(lua_State *L, int id)
{
	struct task_ref *t = lua_newuserdatauv(L, sizeof(*t), 0);

	t->gen = script_get(L)->gen;
	t->id = id;
	luaL_setmetatable(L, KSS_TASK);
}

static const char *const task_keys[] = { "oom_score_adj", "node", NULL };

static lua_Integer opt_int_field(lua_State *L, int idx, const char *k,
				 lua_Integer def)
{
	lua_Integer v = def;

	if (!lua_istable(L, idx))
		return def;
	if (lua_getfield(L, idx, k) != LUA_TNIL) {
		if (!lua_isinteger(L, -1))
			luaL_argerror(L, idx,
				      lua_pushfstring(
					      L, "%s: integer expected, got %s",
					      k, luaL_typename(L, -1)));
		v = lua_tointeger(L, -1);
	}
	lua_pop(L, 1);
	return v;
}

/* task(name [, {oom_score_adj=, node=}]) */
static int task_new(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	const char *name = luaL_checkstring(L, 1);
	lua_Integer adj, nid;
	int id;

	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		script_check_keys(L, 2, "task options", task_keys);
	}
	adj = opt_int_field(L, 2, "oom_score_adj", 0);
	nid = opt_int_field(L, 2, "node", 0);
	luaL_argcheck(L, *name && strlen(name) < 16, 1,
		      "name must be 1..15 characters (TASK_COMM_LEN)");
	luaL_argcheck(L, adj >= -1000 && adj <= 1000, 2,
		      "oom_score_adj must be -1000..1000");
	luaL_argcheck(L, nid >= 0 && nid < sim_nr_nodes(sim), 2,
		      "no such node");
	id = sim_task_create(sim, name, (int)nid, (int)adj);
	if (id < 0)
		return luaL_error(L, "task: the task table is full");
	push_task(L, id);
	return 1;
}

/*
 * Call the global function fname with the arguments after the task, as
 * task t: the current task is set around a protected call and the error,
 * if any, raised again afterwards.
 */
static int task_call_as(lua_State *L, const char *fname)
{
	struct sim_task_info info;
	struct task_ref *t = check_task(L, 1, &info);
	struct sim *sim = script_check_sim(L);
	int nargs = lua_gettop(L) - 1;
	int prev, status;

	if (strcmp(info.state, "dead") == 0)
		return luaL_error(L, "task %s is dead (OOM-killed)", info.comm);
	prev = sim_task_set_current(sim, t->id);
	if (prev < 0)
		return luaL_error(L, "task %s runs a workload: stop() it first",
				  info.comm);
	lua_getglobal(L, fname);
	lua_insert(L, 2);
	status = lua_pcall(L, nargs, LUA_MULTRET, 0);
	if (prev > 0)
		sim_task_set_current(script_check_sim(L), prev);
	if (status != LUA_OK)
		return lua_error(L);
	return lua_gettop(L) - 1;
}

static int task_alloc(lua_State *L)
{
	return task_call_as(L, "alloc");
}

static int task_touch(lua_State *L)
{
	return task_call_as(L, "touch");
}

static int task_dirty(lua_State *L)
{
	return task_call_as(L, "dirty");
}

static int task_mlock(lua_State *L)
{
	return task_call_as(L, "mlock");
}

static int task_free(lua_State *L)
{
	return task_call_as(L, "free");
}

static const char *const workload_keys[] = {
	"kind", "size",	  "rate",  "every",  "cycle",	 "dirty", "mapped",
	"hold", "passes", "burst", "sparse", "sendfile", NULL,
};

static bool opt_bool_field(lua_State *L, int idx, const char *k)
{
	bool v;

	if (lua_getfield(L, idx, k) == LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	if (!lua_isboolean(L, -1))
		luaL_argerror(L, idx,
			      lua_pushfstring(L, "%s: boolean expected, got %s",
					      k, luaL_typename(L, -1)));
	v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

static unsigned long size_field(lua_State *L, int idx, const char *k,
				unsigned long def)
{
	unsigned long v = def;

	if (lua_getfield(L, idx, k) != LUA_TNIL)
		v = script_check_size(L, -1, idx, k, false);
	lua_pop(L, 1);
	return v;
}

/*
 * t:start{kind=, size=, rate=, every=, cycle=, dirty=, mapped=, hold=,
 * passes=, burst=, sparse=, sendfile=}: a workload on the task's own stack
 * (sim_task_start()); returns the id of the region it maps. passes = N
 * stops a cycling one after N passes through its region; burst = N
 * touches N pages back to back and spaces the bursts to keep rate pages
 * every `every` jiffies; sparse = true reads a file of holes (zeroes,
 * no IO); sendfile = true reads with sendfile() to /dev/null (no copy).
 */
static int task_start_workload(lua_State *L, struct task_ref *t)
{
	struct sim_workload w = { .kind = SIM_KIND_ANON, .every = 1 };
	unsigned int region;
	const char *kind;
	int ret;

	script_check_keys(L, 2, "workload", workload_keys);
	if (lua_getfield(L, 2, "kind") != LUA_TNIL) {
		kind = lua_tostring(L, -1);
		if (kind && !strcmp(kind, "file"))
			w.kind = SIM_KIND_FILE;
		else if (!kind || strcmp(kind, "anon"))
			luaL_argerror(L, 2,
				      "kind: \"anon\" or \"file\" expected");
	}
	lua_pop(L, 1);
	w.size = size_field(L, 2, "size", 0);
	luaL_argcheck(L, w.size > 0, 2, "size expected");
	w.rate = size_field(L, 2, "rate", w.size);
	w.every = (unsigned long)opt_int_field(L, 2, "every", 1);
	w.hold = (unsigned long)opt_int_field(L, 2, "hold", 0);
	luaL_argcheck(L, opt_int_field(L, 2, "passes", 0) >= 0, 2,
		      "passes must be 0 or more");
	w.passes = (unsigned long)opt_int_field(L, 2, "passes", 0);
	w.burst = size_field(L, 2, "burst", 0);
	luaL_argcheck(L, w.every >= 1 && w.every < 1000000, 2,
		      "every must be 1 or more jiffies");
	w.cycle = opt_bool_field(L, 2, "cycle");
	w.dirty = opt_bool_field(L, 2, "dirty");
	w.mapped = opt_bool_field(L, 2, "mapped");
	w.sparse = opt_bool_field(L, 2, "sparse");
	w.sendfile = opt_bool_field(L, 2, "sendfile");
	ret = sim_task_start(script_check_sim(L), t->id, &w, &region);
	if (ret == -EBUSY)
		return luaL_error(L, "task %d already runs a workload", t->id);
	if (ret == -E2BIG)
		return luaL_error(L,
				  "size %I pages: its page table would not fit "
				  "in this host's memory (--host-memory)",
				  (lua_Integer)w.size);
	if (ret)
		return luaL_error(L, "cannot start the workload (error %d)",
				  ret);
	lua_pushinteger(L, region);
	return 1;
}

/* t:start(fn): fn(t) runs once a tick; t:start{...}: a workload */
static int task_start(lua_State *L)
{
	struct sim_task_info info;
	struct task_ref *t = check_task(L, 1, &info);

	if (lua_istable(L, 2))
		return task_start_workload(L, t);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	push_workloads(L);
	lua_pushvalue(L, 2);
	lua_rawseti(L, -2, t->id);
	return 0;
}

static int task_stop(lua_State *L)
{
	struct sim_task_info info;
	struct task_ref *t = check_task(L, 1, &info);

	sim_task_stop(script_check_sim(L), t->id);
	push_workloads(L);
	lua_pushnil(L);
	lua_rawseti(L, -2, t->id);
	return 0;
}

static const char *const task_fields[] = {
	"id",	 "pid",	     "name",	"node",	 "oom_score_adj", "state",
	"rss",	 "swap",     "runtime", "alloc", "touch",	  "dirty",
	"mlock", "free",     "start",	"stop",	 "working",	  "on_rq",
	"lag",	 "eligible", "delayed", NULL,
};

static const luaL_Reg task_methods[] = {
	{ "alloc", task_alloc }, { "touch", task_touch },
	{ "dirty", task_dirty }, { "mlock", task_mlock },
	{ "free", task_free },	 { "start", task_start },
	{ "stop", task_stop },	 { NULL, NULL },
};

static int task_index(lua_State *L)
{
	struct sim_task_info info;
	const char *k;

	check_task(L, 1, &info);
	k = luaL_checkstring(L, 2);
	for (const luaL_Reg *m = task_methods; m->name; m++) {
		if (!strcmp(k, m->name)) {
			lua_pushcfunction(L, m->func);
			return 1;
		}
	}
	if (!strcmp(k, "id"))
		lua_pushinteger(L, info.id);
	else if (!strcmp(k, "pid"))
		lua_pushinteger(L, info.pid);
	else if (!strcmp(k, "name"))
		lua_pushstring(L, info.comm);
	else if (!strcmp(k, "node"))
		lua_pushinteger(L, info.nid);
	else if (!strcmp(k, "oom_score_adj"))
		lua_pushinteger(L, info.oom_score_adj);
	else if (!strcmp(k, "state"))
		lua_pushstring(L, info.state);
	else if (!strcmp(k, "rss"))
		lua_pushinteger(L, (lua_Integer)info.rss);
	else if (!strcmp(k, "swap"))
		lua_pushinteger(L, (lua_Integer)info.swapents);
	else if (!strcmp(k, "runtime"))
		lua_pushnumber(L, (lua_Number)info.runtime_ns / 1e9);
	else if (!strcmp(k, "working"))
		lua_pushboolean(L, info.working);
	else if (!strcmp(k, "on_rq"))
		lua_pushboolean(L, info.on_rq);
	else if (!strcmp(k, "lag"))
		lua_pushnumber(L, (lua_Number)info.lag_ns / 1e9);
	else if (!strcmp(k, "eligible"))
		lua_pushboolean(L, info.eligible);
	else if (!strcmp(k, "delayed"))
		lua_pushboolean(L, info.delayed);
	else
		lua_pushnil(L);
	return 1;
}

static int task_tostring(lua_State *L)
{
	struct sim_task_info info;

	check_task(L, 1, &info);
	lua_pushfstring(L, "task %s (pid %d, %s)", info.comm, info.pid,
			info.state);
	return 1;
}

static int task_eq(lua_State *L)
{
	struct task_ref *a = luaL_testudata(L, 1, KSS_TASK);
	struct task_ref *b = luaL_testudata(L, 2, KSS_TASK);

	lua_pushboolean(L, a && b && a->gen == b->gen && a->id == b->id);
	return 1;
}

static const luaL_Reg task_meta[] = {
	{ "__index", task_index },
	{ "__tostring", task_tostring },
	{ "__eq", task_eq },
	{ NULL, NULL },
};

/* }====== */

/* {====== touch(), dirty(), mlock() as the current task */

static int region_op(lua_State *L, int (*op)(struct sim *, unsigned int),
		     const char *what)
{
	unsigned int id = script_check_region(L, 1);
	int ret = op(script_check_sim(L), id);

	if (ret == -EINVAL)
		return luaL_argerror(L, 1,
				     lua_pushfstring(L, "region %d is freed",
						     (int)id));
	if (ret)
		return luaL_error(L, "%s: out of memory faulting region %d in",
				  what, (int)id);
	return 0;
}

static int task_g_touch(lua_State *L)
{
	return region_op(L, sim_touch, "touch");
}

static int task_g_dirty(lua_State *L)
{
	return region_op(L, sim_dirty, "dirty");
}

static int task_g_mlock(lua_State *L)
{
	return region_op(L, sim_mlock, "mlock");
}

/* current_task(): the task Lua acts as now */
static int task_g_current(lua_State *L)
{
	push_task(L, sim_task_current(script_check_sim(L)));
	return 1;
}

/* tasks(): every task, kernel threads included, by id */
static int task_g_tasks(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	int n = 0;

	lua_newtable(L);
	for (int id = 1; id < sim_task_max(sim); id++) {
		push_task(L, id);
		lua_rawseti(L, -2, ++n);
	}
	return 1;
}

/* }====== */

/* fn(t) as task t; the stack holds fn, t */
static int task_call_fn(lua_State *L)
{
	struct sim_task_info info;
	struct task_ref *t = check_task(L, 2, &info);
	struct sim *sim = script_check_sim(L);
	int prev = sim_task_set_current(sim, t->id);
	int status = lua_pcall(L, 1, 0, 0);

	if (prev > 0)
		sim_task_set_current(script_check_sim(L), prev);
	if (status != LUA_OK)
		return lua_error(L);
	return 0;
}

/* The workloads of this machine: a table in the registry, by task id. */
static void push_workloads(lua_State *L)
{
	lua_Integer gen = (lua_Integer)script_get(L)->gen;

	if (lua_getfield(L, LUA_REGISTRYINDEX, KSS_WORKLOADS) == LUA_TTABLE) {
		lua_getfield(L, -1, "gen");
		if (lua_tointeger(L, -1) == gen) {
			lua_pop(L, 1);
			return;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_newtable(L);
	lua_pushinteger(L, gen);
	lua_setfield(L, -2, "gen");
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, KSS_WORKLOADS);
}

void tasklib_run_workloads(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	int max = sim_task_max(sim);

	push_workloads(L);
	for (int id = 1; id < max; id++) {
		struct sim_task_info info;

		if (lua_rawgeti(L, -1, id) != LUA_TFUNCTION ||
		    sim_task_info(sim, id, &info) ||
		    !strcmp(info.state, "dead")) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushcfunction(L, task_call_fn);
		lua_insert(L, -2);
		push_task(L, id);
		lua_call(L, 2, 0);
	}
	lua_pop(L, 1);
}

static const luaL_Reg tasklib[] = {
	{ "task", task_new },
	{ "touch", task_g_touch },
	{ "dirty", task_g_dirty },
	{ "mlock", task_g_mlock },
	{ "current_task", task_g_current },
	{ "tasks", task_g_tasks },
	{ NULL, NULL },
};

int luaopen_kss_task(lua_State *L)
{
	script_newmetatable(L, KSS_TASK);
	luaL_setfuncs(L, task_meta, 0);
	script_set_fields(L, task_fields);
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, tasklib, 0);
	return 1;
}
