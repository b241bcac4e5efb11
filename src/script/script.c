// SPDX-License-Identifier: GPL-2.0-only
/*
 * The script object: one Lua 5.4 state with the standard libraries, the
 * kswapsim API of design.md (one luaopen_kss_* per binding file) and
 * lua/prelude.lua, holding the current machine. print() and io.write() go
 * to the output function of struct script_options. Invariant: S->sim is
 * always a booted machine; reset{} replaces it only once the new one has
 * booted and taken its sysctls, so a failed reset{} leaves the old one.
 */
#include "bindings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <kswapsim/sim.h>

#ifndef KSS_LUA_DIR
#define KSS_LUA_DIR "lua"
#endif

static const char script_key = 'S';

struct script *script_get(lua_State *L)
{
	struct script *S;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &script_key);
	S = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return S;
}

struct sim *script_check_sim(lua_State *L)
{
	return script_get(L)->sim;
}

/* {====== output */

void script_write(struct script *S, const char *s, size_t len)
{
	if (S->opts.output) {
		S->opts.output(S->opts.output_ctx, s, len);
		return;
	}
	fwrite(s, 1, len, stdout);
}

/* Errors and warnings: the output pane in the UI, stderr otherwise. */
void script_errwrite(struct script *S, const char *s, size_t len)
{
	if (S->opts.output) {
		S->opts.output(S->opts.output_ctx, s, len);
		return;
	}
	fflush(stdout);
	fwrite(s, 1, len, stderr);
	fflush(stderr);
}

/* lbaselib.c: luaB_print, writing through script_write() */
static int script_print(lua_State *L)
{
	struct script *S = script_get(L);
	int n = lua_gettop(L);
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, '\n');
	luaL_pushresult(&b);
	script_write(S, lua_tostring(L, -1), lua_rawlen(L, -1));
	return 0;
}

/* Is io.output() still io.stdout (upvalue 1 is the io table)? */
static bool io_output_is_stdout(lua_State *L)
{
	bool same;

	lua_getfield(L, lua_upvalueindex(1), "output");
	lua_call(L, 0, 1);
	lua_getfield(L, lua_upvalueindex(1), "stdout");
	same = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	return same;
}

/*
 * liolib.c: io.write to the default output, through script_write() while
 * that is stdout; after io.output(file), the library's own io.write
 * (upvalue 2) writes to the file. io.write(vmstat()) writes the
 * /proc/vmstat text, as io.write(zoneinfo()) writes /proc/zoneinfo's.
 */
static int script_io_write(lua_State *L)
{
	struct script *S = script_get(L);
	int n = lua_gettop(L);
	char num[64];
	size_t len;
	const char *s;

	/*
	 * A kswapsim object with a text (vmstat(), a zone, a region) writes
	 * as print() shows it; anything else still fails as liolib says.
	 */
	for (int i = 1; i <= n; i++) {
		if (lua_type(L, i) != LUA_TSTRING &&
		    lua_type(L, i) != LUA_TNUMBER &&
		    luaL_getmetafield(L, i, "__tostring") != LUA_TNIL) {
			lua_pop(L, 1);
			luaL_tolstring(L, i, NULL);
			lua_replace(L, i);
		}
	}
	if (!io_output_is_stdout(L)) {
		lua_pushvalue(L, lua_upvalueindex(2));
		lua_insert(L, 1);
		lua_call(L, n, LUA_MULTRET);
		return lua_gettop(L);
	}
	for (int i = 1; i <= n; i++) {
		if (lua_type(L, i) == LUA_TNUMBER) {
			len = lua_isinteger(L, i) ?
				      (size_t)snprintf(num, sizeof(num),
						       LUA_INTEGER_FMT,
						       lua_tointeger(L, i)) :
				      (size_t)snprintf(num, sizeof(num),
						       LUA_NUMBER_FMT,
						       lua_tonumber(L, i));
			script_write(S, num, len);
			continue;
		}
		s = luaL_checklstring(L, i, &len);
		script_write(S, s, len);
	}
	lua_getfield(L, lua_upvalueindex(1), "stdout");
	return 1;
}

/* }====== */

/* {====== argument helpers */

static int size_error(lua_State *L, int arg, const char *what, const char *fmt,
		      const char *got)
{
	const char *msg = lua_pushfstring(L, fmt, got);

	if (arg > 0)
		return luaL_argerror(L, arg, msg);
	return luaL_error(L, "%s: %s", what, msg);
}

/*
 * A size at stack index idx: an integer number of pages, or a string with
 * a K/M/G/T suffix ("16M", "4G") that is a whole number of 4 KiB pages; a
 * digit string without suffix is pages. Errors name argument arg when
 * arg > 0 (luaL_argerror), else start with what.
 */
unsigned long script_check_size(lua_State *L, int idx, int arg,
				const char *what, bool allow_zero)
{
	unsigned long long v, shift = 0;
	const char *s;
	char *end;

	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TNUMBER) {
		s = luaL_tolstring(L, idx, NULL);
		if (!lua_isinteger(L, idx))
			size_error(
				L, arg, what,
				"size must be a whole number of pages, got %s",
				s);
		if (lua_tointeger(L, idx) < 0)
			size_error(L, arg, what,
				   "size must not be negative, got %s", s);
		if (lua_tointeger(L, idx) == 0 && !allow_zero)
			size_error(L, arg, what,
				   "size must be positive, got %s", s);
		lua_pop(L, 1);
		return (unsigned long)lua_tointeger(L, idx);
	}
	if (lua_type(L, idx) != LUA_TSTRING)
		size_error(
			L, arg, what,
			"size expected (pages, or a string like \"16M\"), got %s",
			luaL_typename(L, idx));
	s = lua_tostring(L, idx);
	if (*s == '-')
		size_error(L, arg, what, "size must not be negative, got '%s'",
			   s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno)
		goto bad;
	switch (*end) {
	case 'K':
	case 'k':
		shift = 10;
		end++;
		break;
	case 'M':
	case 'm':
		shift = 20;
		end++;
		break;
	case 'G':
	case 'g':
		shift = 30;
		end++;
		break;
	case 'T':
	case 't':
		shift = 40;
		end++;
		break;
	}
	if (*end || v > (~0ULL >> shift))
		goto bad;
	if (shift) {
		v <<= shift;
		if (v & 4095)
			size_error(
				L, arg, what,
				"size '%s' is not a whole number of 4K pages",
				s);
		v >>= 12;
	}
	if (v == 0 && !allow_zero)
		size_error(L, arg, what, "size must be positive, got '%s'", s);
	return (unsigned long)v;
bad:
	return size_error(
		L, arg, what,
		"size expected (pages, or a string like \"16M\"), got '%s'", s);
}

/* The API's name of a metatable: "kss.zone" is a zone. */
static const char *udata_name(const char *tname)
{
	return strncmp(tname, "kss.", 4) ? tname : tname + 4;
}

/* luaL_checkudata(), saying "zone expected" rather than "kss.zone" */
void *script_checkudata(lua_State *L, int idx, const char *tname)
{
	void *p = luaL_testudata(L, idx, tname);

	if (!p)
		luaL_typeerror(L, idx, udata_name(tname));
	return p;
}

/* luaL_newmetatable(), named for messages ("attempt to index a zone") */
void script_newmetatable(lua_State *L, const char *tname)
{
	luaL_newmetatable(L, tname);
	lua_pushstring(L, udata_name(tname));
	lua_setfield(L, -2, "__name");
}

/* Returns the zone index of a kernel zone name, or raises. */
int script_check_zone_name(lua_State *L, const char *name)
{
	int zid = sim_zone_index(name);
	luaL_Buffer b;

	if (zid >= 0)
		return zid;
	luaL_buffinit(L, &b);
	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		if (zid)
			luaL_addstring(&b,
				       zid == MAX_NR_ZONES - 1 ? " or " : ", ");
		luaL_addstring(&b, sim_zone_name(zid));
	}
	luaL_pushresult(&b);
	return luaL_error(L, "unknown zone '%s' (expected %s)", name,
			  lua_tostring(L, -1));
}

/* A zone index argument: 0..MAX_NR_ZONES-1 or a zone name. */
int script_check_zoneidx(lua_State *L, int idx)
{
	lua_Integer zid;

	if (lua_type(L, idx) == LUA_TSTRING)
		return script_check_zone_name(L, lua_tostring(L, idx));
	zid = luaL_checkinteger(L, idx);
	luaL_argcheck(L, zid >= 0 && zid < MAX_NR_ZONES, idx,
		      "zone index out of range (0..4: DMA..Device)");
	return (int)zid;
}

/*
 * Push a per-zone array (lowmem_reserve[], lowmem_reserve_ratio[]) as a
 * table indexed from 0 like the kernel's, also readable by zone name.
 */
void script_push_byzone(lua_State *L, const long *vals, int n)
{
	lua_createtable(L, n - 1, 0);
	for (int i = 0; i < n; i++) {
		lua_pushinteger(L, vals[i]);
		lua_rawseti(L, -2, i);
	}
	luaL_setmetatable(L, KSS_BYZONE);
}

static int byzone_index(lua_State *L)
{
	if (lua_type(L, 2) != LUA_TSTRING)
		return 0;
	lua_rawgeti(L, 1, script_check_zone_name(L, lua_tostring(L, 2)));
	return 1;
}

/* "(0, 2992, 7984, 7984, 7984)", as zoneinfo's protection: line */
static int byzone_tostring(lua_State *L)
{
	lua_Integer n = 0;
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	luaL_addchar(&b, '(');
	while (lua_rawgeti(L, 1, n) != LUA_TNIL) {
		if (n++)
			luaL_addstring(&b, ", ");
		luaL_addvalue(&b);
	}
	lua_pop(L, 1);
	luaL_addchar(&b, ')');
	luaL_pushresult(&b);
	return 1;
}

/* Names for completion: metatable.__fields = { names... } */
void script_set_fields(lua_State *L, const char *const *names)
{
	lua_newtable(L);
	for (int i = 0; names[i]; i++) {
		lua_pushstring(L, names[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, -2, "__fields");
}

/* __newindex of the API's objects: their fields mirror the machine. */
int script_readonly(lua_State *L)
{
	const char *what = "object";
	const char *key = luaL_tolstring(L, 2, NULL);

	if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING)
		what = lua_tostring(L, -1);
	return luaL_error(
		L, "cannot assign %s.%s: the fields of a %s are read-only",
		what, key, what);
}

/* Raise on a key of table idx that is not in keys (reset{} options). */
void script_check_keys(lua_State *L, int idx, const char *what,
		       const char *const *keys)
{
	const char *key, *expected;
	luaL_Buffer b;
	int i;

	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		for (i = 0; keys[i]; i++) {
			if (lua_type(L, -1) == LUA_TSTRING &&
			    !strcmp(lua_tostring(L, -1), keys[i]))
				break;
		}
		if (keys[i])
			continue;
		luaL_buffinit(L, &b);
		for (i = 0; keys[i]; i++) {
			if (i)
				luaL_addstring(&b, keys[i + 1] ? ", " : " or ");
			luaL_addstring(&b, keys[i]);
		}
		luaL_pushresult(&b);
		expected = lua_tostring(L, -1);
		key = luaL_tolstring(L, -2, NULL);
		luaL_error(L, "unknown key '%s' in %s (expected %s)", key, what,
			   expected);
	}
}

/* }====== */

/* {====== the machine */

/*
 * Make sim the current machine: the previous one is destroyed and every
 * Lua value that refers to it becomes stale. math.random is reseeded so
 * the same seed gives the same script run.
 */
/*
 * sim_set_interrupt(): a long sim_alloc() reports its progress (the UI
 * redraws and reads Ctrl-C), and a Ctrl-C stops it too
 */
static bool script_interrupted(void *ctx, unsigned long done,
			       unsigned long total)
{
	struct script *S = ctx;

	if (S->progress)
		S->progress(S->poll_ctx, done, total);
	return S->interrupted;
}

static void script_install(lua_State *L, struct sim *sim)
{
	struct script *S = script_get(L);
	const struct sim_config *cfg = sim_get_config(sim);

	if (S->sim)
		sim_destroy(S->sim);
	S->sim = sim;
	sim_set_interrupt(sim, script_interrupted, S);
	S->gen++;
	S->seed = cfg->seed;
	lua_getglobal(L, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, (lua_Integer)cfg->seed);
	lua_call(L, 1, 0);
	lua_pop(L, 1);
}

void script_install_sim(lua_State *L, struct sim *sim, const char *model)
{
	struct script *S = script_get(L);

	snprintf(S->model, sizeof(S->model), "%s", model);
	script_install(L, sim);
}

/* }====== */

/* {====== state */

static const luaL_Reg byzone_meta[] = {
	{ "__index", byzone_index },
	{ "__tostring", byzone_tostring },
	{ NULL, NULL },
};

/* The API's globals, one luaopen_kss_* per binding file */
static const lua_CFunction kss_libs[] = {
	luaopen_kss_sim,  luaopen_kss_zone,   luaopen_kss_alloc,
	luaopen_kss_proc, luaopen_kss_pace,   luaopen_kss_step,
	luaopen_kss_task, luaopen_kss_vmscan, luaopen_kss_history,
};

/* lua.c: pmain. Everything that may fail runs protected, under here. */
static int script_init(lua_State *L)
{
	struct script *S = lua_touserdata(L, 1);
	struct sim_config cfg;
	struct sim *sim;
	char err[256];

	lua_pushlightuserdata(L, S);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &script_key);
	luaL_openlibs(L);
	lua_pushcfunction(L, script_print);
	lua_setglobal(L, "print");
	lua_getglobal(L, "io");
	lua_pushvalue(L, -1);
	lua_getfield(L, -1, "write");
	lua_pushcclosure(L, script_io_write, 2);
	lua_setfield(L, -2, "write");
	lua_pop(L, 1);
	lua_getglobal(L, "package");
	lua_pushstring(L, KSS_LUA_DIR "/?.lua;");
	lua_getfield(L, -2, "path");
	lua_concat(L, 2);
	lua_setfield(L, -2, "path");
	lua_pop(L, 1);

	luaL_newmetatable(L, KSS_BYZONE);
	luaL_setfuncs(L, byzone_meta, 0);
	lua_pop(L, 1);
	for (size_t i = 0; i < ARRAY_SIZE(kss_libs); i++) {
		lua_pushcfunction(L, kss_libs[i]);
		lua_call(L, 0, 0);
	}

	/* The default machine: design.md's "kswapsim" with no reset{} */
	sim_config_default(&cfg);
	cfg.host_mem_bytes = S->opts.host_mem_bytes;
	if (S->opts.has_seed)
		cfg.seed = S->opts.seed;
	if (sim_create(&cfg, &sim, err, sizeof(err)))
		return luaL_error(L, "default machine: %s", err);
	script_install_sim(L, sim, "6.12");

	if (luaL_loadfile(L, KSS_LUA_DIR "/prelude.lua"))
		return lua_error(L);
	lua_pushinteger(L, (lua_Integer)S->seed);
	lua_call(L, 1, 1);
	luaL_checktype(L, -1, LUA_TTABLE);
	lua_getglobal(L, "package");
	lua_getfield(L, -1, "loaded");
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "prelude"); /* require "prelude": the helpers */
	lua_pop(L, 2);
	lua_getfield(L, -1, "show");
	luaL_checktype(L, -1, LUA_TFUNCTION);
	S->show_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_getfield(L, -1, "complete");
	luaL_checktype(L, -1, LUA_TFUNCTION);
	S->complete_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/*
 * The host's memory in bytes: MemTotal of /proc/meminfo, read here since
 * the core has no files; 0 (no limit) where there is none.
 */
static uint64_t host_memtotal(void)
{
	unsigned long long kb;
	char line[128];
	uint64_t bytes = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "MemTotal: %llu kB", &kb) == 1) {
			bytes = (uint64_t)kb << 10;
			break;
		}
	}
	fclose(f);
	return bytes;
}

struct script *script_new(const struct script_options *opts)
{
	struct script *S = calloc(1, sizeof(*S));
	const char *msg;
	lua_State *L;

	if (!S)
		return NULL;
	S->opts = *opts;
	if (!S->opts.host_mem_bytes)
		S->opts.host_mem_bytes = host_memtotal();
	S->co_ref = LUA_NOREF;
	S->show_ref = LUA_NOREF;
	S->complete_ref = LUA_NOREF;
	L = luaL_newstate();
	if (!L) {
		free(S);
		return NULL;
	}
	S->L = L;
	lua_pushcfunction(L, script_init);
	lua_pushlightuserdata(L, S);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		msg = lua_tostring(L, -1);
		fprintf(stderr, "kswapsim: %s\n", msg ? msg : "(error)");
		script_free(S);
		return NULL;
	}
	return S;
}

void script_free(struct script *S)
{
	if (!S)
		return;
	lua_close(S->L);
	if (S->sim)
		sim_destroy(S->sim);
	free(S);
}

struct sim *script_sim(struct script *S)
{
	return S->sim;
}

const struct script_pace *script_pace(const struct script *S)
{
	return &S->pace;
}

const char *script_model(const struct script *S)
{
	return S->model;
}

uint64_t script_seed(const struct script *S)
{
	return S->seed;
}

void script_set_poll(struct script *S, script_poll_fn poll,
		     script_progress_fn progress, void *ctx)
{
	S->poll = poll;
	S->progress = progress;
	S->poll_ctx = ctx;
}

void script_set_trace_output(struct script *S, script_output_fn fn, void *ctx)
{
	S->trace_out = fn;
	S->trace_ctx = ctx;
}

/* }====== */
