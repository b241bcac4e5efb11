// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time and single-stepping from Lua: run(ticks) and tick() advance the
 * simulated clock (started workloads take their turn each tick first),
 * step([granularity]) runs to the next yield point of a reclaimer and
 * returns where() (with the parked line's text from the embedded source,
 * which source(file [, line]) also reads), set_priority(p) changes the
 * priority of the parked pass, now() and jiffies() read the clock,
 * trace(true | false | "file") sends the vmscan tracepoints to the output
 * (the UI's trace pane when it has one) or to a file, and disk{bandwidth =, latency =} sets the block device.
 */
#include "bindings.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

#include "source.h"

/* A step that finds no reclaimer gives up after this much simulated time. */
#define STEP_MAX_TICKS 2500 /* 10 s at HZ = 250 */

/* where() tables print as one line (where_tostring()) */
#define KSS_WHERE "kss.where"

/* tasklib.c: run every started workload once, as its task */
void tasklib_run_workloads(lua_State *L);

/* {====== the clock */

/* run(ticks): ticks jiffies (default 1) */
static int step_run(lua_State *L)
{
	lua_Integer ticks = luaL_optinteger(L, 1, 1);

	luaL_argcheck(L, ticks >= 0, 1, "ticks must be >= 0");
	for (lua_Integer i = 0; i < ticks; i++) {
		script_check_interrupt(L); /* ^C between two ticks */
		tasklib_run_workloads(L);
		sim_tick(script_check_sim(L));
	}
	lua_pushinteger(L, (lua_Integer)sim_jiffies(script_check_sim(L)));
	return 1;
}

static int step_tick(lua_State *L)
{
	lua_settop(L, 0);
	lua_pushinteger(L, 1);
	return step_run(L);
}

enum script_status script_tick(struct script *S)
{
	int st;

	lua_pushcfunction(S->L, step_tick);
	st = script_docall(S, 0, 0);
	script_report(S, st);
	return st == LUA_OK ? SCRIPT_OK : SCRIPT_ERROR;
}

static int step_jiffies(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)sim_jiffies(script_check_sim(L)));
	return 1;
}

/* now(): seconds of simulated time since boot */
static int step_now(lua_State *L)
{
	lua_pushnumber(L, (lua_Number)sim_now_ns(script_check_sim(L)) / 1e9);
	return 1;
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

static const char *const disk_keys[] = { "bandwidth", "latency", "wbt_lat_usec",
					 "request_us", NULL };

/* disk{} field k, an integer in [lo, hi], def if absent */
static lua_Integer disk_field(lua_State *L, const char *k, lua_Integer def,
			      lua_Integer lo, lua_Integer hi, const char *what)
{
	lua_Integer v;

	lua_getfield(L, 1, k);
	v = luaL_optinteger(L, -1, def);
	lua_pop(L, 1);
	if (v < lo || v > hi)
		luaL_error(L, "bad argument #1 to 'disk' (%s must be %s)", k,
			   what);
	return v;
}

/*
 * disk([{bandwidth = pages a jiffy, latency = microseconds, wbt_lat_usec =
 * microseconds, request_us = microseconds}]): set the block device under
 * swap and the page cache (a key left out takes its default: 256, 100,
 * 75000, 0); returns its settings. wbt_lat_usec 0 turns writeback
 * throttling off, as writing 0 to /sys/block/DEV/queue/wbt_lat_usec does;
 * request_us is the CPU time each request costs the task that submits
 * it. The table also says what the disk is doing: queued pages, and
 * wbt's inflight = {bg, swap} requests, max_depth (swap's limit),
 * wb_normal, wb_background, scale_step and the writers waiting; and
 * the swap writes' bios = {inflight, slabs, pool, waiting}: under way,
 * the slab pages they take, the mempool's reserve left of 2, the writers
 * asleep in mempool_alloc() for one (bio.c).
 */
static int step_disk(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	struct sim_disk d;
	struct sim_disk_state st;

	if (!lua_isnoneornil(L, 1)) {
		luaL_checktype(L, 1, LUA_TTABLE);
		script_check_keys(L, 1, "disk{}", disk_keys);
		d.bandwidth = (unsigned long)disk_field(
			L, "bandwidth", 256, 1, 4000000,
			"1..4000000 pages a jiffy");
		d.latency_us = (uint64_t)disk_field(L, "latency", 100, 0,
						    10000000, "0..10000000 us");
		d.wbt_lat_usec = (uint64_t)disk_field(L, "wbt_lat_usec", 75000,
						      0, 10000000,
						      "0..10000000 us");
		d.request_us = (uint64_t)disk_field(L, "request_us", 0, 0,
						    1000000, "0..1000000 us");
		sim_disk_set(sim, &d);
	}
	sim_disk_get(sim, &d);
	sim_disk_state(sim, &st);
	lua_createtable(L, 0, 13);
	set_int(L, "bandwidth", (lua_Integer)d.bandwidth);
	set_int(L, "latency", (lua_Integer)d.latency_us);
	set_int(L, "wbt_lat_usec", (lua_Integer)d.wbt_lat_usec);
	set_int(L, "request_us", (lua_Integer)d.request_us);
	set_int(L, "queued", (lua_Integer)st.queued);
	lua_createtable(L, 0, 2);
	set_int(L, "bg", st.inflight_bg);
	set_int(L, "swap", st.inflight_swap);
	lua_setfield(L, -2, "inflight");
	set_int(L, "max_depth", st.max_depth);
	set_int(L, "wb_normal", st.wb_normal);
	set_int(L, "wb_background", st.wb_background);
	set_int(L, "scale_step", st.scale_step);
	set_int(L, "waiting", st.waiting);
	lua_createtable(L, 0, 4);
	set_int(L, "inflight", (lua_Integer)st.bios);
	set_int(L, "slabs", (lua_Integer)st.bio_slabs);
	set_int(L, "pool", st.bio_pool);
	set_int(L, "waiting", st.bio_waiting);
	lua_setfield(L, -2, "bios");
	return 1;
}

/* }====== */

/* {====== where(), step(), set_priority() */

static void set_bool(lua_State *L, const char *k, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, k);
}

static void set_str(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

static void push_where(lua_State *L, const struct sim_where *w)
{
	/* the user reads the statement the stop precedes, not the macro */
	int line = source_statement(w->file, w->line);
	char gfp[256];
	const char *text;
	size_t len;

	lua_createtable(L, 0, 32);
	luaL_setmetatable(L, KSS_WHERE);
	set_str(L, "fn", w->fn);
	set_str(L, "file", w->file);
	set_int(L, "line", line);
	text = source_line(w->file, line, &len);
	if (text) {
		/* the statement, without the indentation, for a one-line view */
		size_t indent = strspn(text, " \t");

		lua_pushlstring(L, text + indent, len - indent);
		lua_setfield(L, -2, "text");
	}
	set_str(L, "granularity", sim_step_gran_name(w->gran));
	set_str(L, "task", w->comm);
	set_int(L, "task_id", w->task);
	set_int(L, "time_ns", (lua_Integer)w->now_ns);
	/* stack[1] is gdb's #0: the stop; the callers follow */
	lua_createtable(L, w->nr_frames, 0);
	for (int i = 0; i < w->nr_frames; i++) {
		lua_createtable(L, 0, 3);
		set_str(L, "fn", w->frames[i].fn);
		set_str(L, "file", w->frames[i].file);
		set_int(L, "line", i ? w->frames[i].line : line);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "stack");
	if (!w->has_sc)
		return;
	set_int(L, "nid", w->nid);
	set_int(L, "priority", w->priority);
	set_int(L, "order", w->order);
	set_int(L, "reclaim_idx", w->reclaim_idx);
	set_str(L, "gfp_mask", sim_gfp_name(w->gfp_mask, gfp, sizeof(gfp)));
	set_int(L, "nr_scanned", (lua_Integer)w->nr_scanned);
	set_int(L, "nr_reclaimed", (lua_Integer)w->nr_reclaimed);
	set_int(L, "nr_to_reclaim", (lua_Integer)w->nr_to_reclaim);
	set_int(L, "anon_cost", (lua_Integer)w->anon_cost);
	set_int(L, "file_cost", (lua_Integer)w->file_cost);
	set_bool(L, "may_writepage", w->may_writepage);
	set_bool(L, "may_unmap", w->may_unmap);
	set_bool(L, "may_swap", w->may_swap);
	set_int(L, "may_deactivate", w->may_deactivate);
	set_bool(L, "force_deactivate", w->force_deactivate);
	set_bool(L, "cache_trim_mode", w->cache_trim_mode);
	set_bool(L, "file_is_tiny", w->file_is_tiny);
	set_bool(L, "compaction_ready", w->compaction_ready);
	set_bool(L, "kswapd", w->kswapd);
}

/*
 * __tostring of a where() table: one line, as gdb reports a stop, so that
 * each step echoes where it went without the whole table:
 * "kswapd0 in balance_pgdat() at vmscan.c:2373 priority 12 ...: statement"
 */
static int where_tostring(lua_State *L)
{
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	lua_getfield(L, 1, "task");
	lua_getfield(L, 1, "fn");
	lua_getfield(L, 1, "file");
	lua_getfield(L, 1, "line");
	luaL_addstring(&b,
		       lua_pushfstring(L, "%s in %s() at %s:%d",
				       lua_tostring(L, -4), lua_tostring(L, -3),
				       lua_tostring(L, -2),
				       (int)lua_tointeger(L, -1)));
	lua_pop(L, 5);
	lua_getfield(L, 1, "priority");
	if (!lua_isnil(L, -1)) {
		lua_getfield(L, 1, "nr_scanned");
		lua_getfield(L, 1, "nr_reclaimed");
		lua_getfield(L, 1, "nr_to_reclaim");
		luaL_addstring(
			&b,
			lua_pushfstring(
				L, "  priority %d  scanned %I  reclaimed %I/%I",
				(int)lua_tointeger(L, -4), lua_tointeger(L, -3),
				lua_tointeger(L, -2), lua_tointeger(L, -1)));
		lua_pop(L, 4);
	}
	lua_pop(L, 1);
	lua_getfield(L, 1, "text");
	if (lua_isstring(L, -1)) {
		luaL_addstring(&b, ": ");
		luaL_addvalue(&b);
	} else {
		lua_pop(L, 1);
	}
	luaL_pushresult(&b);
	return 1;
}

/* where(): the parked reclaimer's place, or nil */
static int step_where(lua_State *L)
{
	struct sim_where w;

	if (sim_where(script_check_sim(L), &w)) {
		lua_pushnil(L);
		return 1;
	}
	push_where(L, &w);
	return 1;
}

/* step([granularity]): "line" (default) ... "balance" */
static int step_step(lua_State *L)
{
	const char *name = luaL_optstring(L, 1, "line");
	int gran = sim_step_gran_index(name);
	struct sim *sim = script_check_sim(L);
	struct sim_where w;
	int ret;

	if (gran < 0)
		return luaL_argerror(
			L, 1,
			lua_pushfstring(
				L,
				"unknown granularity '%s' (expected line, page, batch, lru, node, priority or balance)",
				name));
	ret = sim_step(sim, gran, STEP_MAX_TICKS, &w);
	if (ret == -ENOENT) {
		lua_pushnil(L);
		lua_pushliteral(
			L,
			"nothing to step: kswapd sleeps and no task runs (alloc(), a workload or wake_kswapd() starts reclaim)");
		return 2;
	}
	if (ret) {
		lua_pushnil(L);
		lua_pushfstring(
			L,
			"nothing to step: no reclaimer ran in %d jiffies; time moved on to t=%I",
			STEP_MAX_TICKS, (lua_Integer)sim_jiffies(sim));
		return 2;
	}
	push_where(L, &w);
	return script_yield_redraw(L, 1); /* the UI shows each step */
}

/*
 * source(file [, line]): the engine's own src/core/FILE as built into this
 * binary, or one line of it
 */
static int step_source(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const char *text = source_text(name);
	lua_Integer line;
	size_t len = 0;

	if (!text)
		return luaL_argerror(
			L, 1,
			lua_pushfstring(
				L,
				"no engine source '%s' (expected a src/core file such as 'vmscan.c')",
				name));
	if (lua_isnoneornil(L, 2)) {
		lua_pushstring(L, text);
		return 1;
	}
	line = luaL_checkinteger(L, 2);
	text = line <= INT_MAX ? source_line(name, (int)line, &len) : NULL;
	luaL_argcheck(L, text != NULL, 2,
		      lua_pushfstring(L, "'%s' has no such line", name));
	lua_pushlstring(L, text, len);
	return 1;
}

/* set_priority(p): the priority of the parked reclaim pass */
static int step_set_priority(lua_State *L)
{
	lua_Integer p = luaL_checkinteger(L, 1);
	int ret;

	luaL_argcheck(L, p >= 0 && p <= 12, 1,
		      "priority must be 0..12 (DEF_PRIORITY)");
	ret = sim_set_priority(script_check_sim(L), (int)p);
	if (ret == -ESRCH)
		return luaL_error(
			L, "no reclaimer is parked: step() to one first");
	return 0;
}

/* }====== */

/* {====== trace() */

#define KSS_TRACE "kss.trace"

struct trace_sink {
	struct script *S;
	FILE *f; /* trace("file"), or NULL: the output */
};

static void trace_sink_write(void *arg, const char *line, size_t len)
{
	struct trace_sink *t = arg;

	if (t->f)
		fwrite(line, 1, len, t->f);
	else if (t->S->trace_out)
		t->S->trace_out(t->S->trace_ctx, line, len);
	else
		script_write(t->S, line, len);
}

static int trace_sink_close(lua_State *L)
{
	struct trace_sink *t = luaL_checkudata(L, 1, KSS_TRACE);

	if (t->f)
		fclose(t->f);
	t->f = NULL;
	return 0;
}

/* The one sink, kept in the registry so its address stays put. */
static struct trace_sink *trace_sink(lua_State *L)
{
	struct trace_sink *t;

	if (lua_getfield(L, LUA_REGISTRYINDEX, KSS_TRACE) == LUA_TUSERDATA) {
		t = lua_touserdata(L, -1);
		lua_pop(L, 1);
		return t;
	}
	lua_pop(L, 1);
	t = lua_newuserdatauv(L, sizeof(*t), 0);
	t->S = script_get(L);
	t->f = NULL;
	luaL_setmetatable(L, KSS_TRACE);
	lua_setfield(L, LUA_REGISTRYINDEX, KSS_TRACE);
	return t;
}

/* trace(true | false | "file"): ftrace-format vmscan tracepoints */
static int step_trace(lua_State *L)
{
	struct sim *sim = script_check_sim(L);
	struct trace_sink *t = trace_sink(L);

	if (t->f) {
		fclose(t->f);
		t->f = NULL;
	}
	if (lua_type(L, 1) == LUA_TSTRING) {
		const char *path = lua_tostring(L, 1);

		t->f = fopen(path, "w");
		if (!t->f)
			return luaL_error(L, "trace: cannot open %s: %s", path,
					  strerror(errno));
		sim_trace_set(sim, trace_sink_write, t);
		return 0;
	}
	luaL_argexpected(L, lua_isboolean(L, 1), 1, "boolean or file name");
	sim_trace_set(sim, lua_toboolean(L, 1) ? trace_sink_write : NULL, t);
	return 0;
}

/* }====== */

static const luaL_Reg steplib[] = {
	{ "run", step_run },
	{ "tick", step_tick },
	{ "jiffies", step_jiffies },
	{ "now", step_now },
	{ "step", step_step },
	{ "where", step_where },
	{ "source", step_source },
	{ "set_priority", step_set_priority },
	{ "trace", step_trace },
	{ "disk", step_disk },
	{ NULL, NULL },
};

static const luaL_Reg trace_meta[] = {
	{ "__gc", trace_sink_close },
	{ "__close", trace_sink_close },
	{ NULL, NULL },
};

int luaopen_kss_step(lua_State *L)
{
	luaL_newmetatable(L, KSS_TRACE);
	luaL_setfuncs(L, trace_meta, 0);
	lua_pop(L, 1);
	luaL_newmetatable(L, KSS_WHERE);
	lua_pushcfunction(L, where_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, steplib, 0);
	return 1;
}
