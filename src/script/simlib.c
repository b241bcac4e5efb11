// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine as a whole: reset{} (boot a machine from a description or a
 * real /proc/zoneinfo), the sysctl table (/proc/sys/vm: reading calls
 * sim_sysctl_get(), assigning calls sim_sysctl_set(), which recomputes
 * what the kernel's handler recomputes) and check() (sim_check()).
 * reset{} parses everything before it boots, and replaces the current
 * machine only when the new one booted and took its sysctls: a bad
 * reset{} leaves the old machine running.
 */
#include "bindings.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

/* A zoneinfo of 64 nodes is ~500 KB; more than this is not one. */
#define SIM_FILE_MAX (16 << 20)
#define SYSCTL_MAX 32 /* more than sim_sysctl_names() holds */

/* One sysctl value to write, parsed from Lua before the machine boots. */
struct sysctl_write {
	const char *name; /* borrowed from sim_sysctl_names() */
	long vals[MAX_NR_ZONES];
	bool given[MAX_NR_ZONES]; /* false: keep the machine's value */
	int n; /* values the sysctl has */
};

struct reset_args {
	struct sim_config cfg;
	const char *model;
	int zoneinfo_idx; /* stack index of the file's text, or 0 */
	bool keep_reserves; /* watermarks = "file" */
	struct sysctl_write host[SYSCTL_MAX]; /* /proc/sys/vm values */
	int nr_host;
	struct sysctl_write user[SYSCTL_MAX]; /* reset{sysctl = {...}} */
	int nr_user;
};

/* {====== sysctl values */

static int sysctl_nr_values(lua_State *L, const char *name)
{
	long vals[MAX_NR_ZONES];

	return sim_sysctl_get(script_check_sim(L), name, vals, MAX_NR_ZONES);
}

static const char *sysctl_check_name(lua_State *L, const char *name)
{
	const char *const *names = sim_sysctl_names();

	for (int i = 0; names[i]; i++) {
		if (!strcmp(names[i], name))
			return names[i];
	}
	luaL_error(L, "unknown sysctl '%s' (print(sysctl) lists them)", name);
	return NULL;
}

static long sysctl_check_long(lua_State *L, int idx, const char *name)
{
	if (lua_isboolean(L, idx))
		return lua_toboolean(L, idx);
	if (!lua_isinteger(L, idx))
		luaL_error(L, "sysctl.%s: integer expected, got %s", name,
			   lua_type(L, idx) == LUA_TNUMBER ?
				   lua_tostring(L, idx) :
				   luaL_typename(L, idx));
	return (long)lua_tointeger(L, idx);
}

/* Parse whitespace-separated integers, as the /proc file takes them. */
static int sysctl_parse_text(const char *s, struct sysctl_write *w)
{
	char *end;
	int i;

	for (i = 0; i < w->n; i++) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		w->vals[i] = strtol(s, &end, 10);
		if (end == s ||
		    (*end && *end != ' ' && *end != '\t' && *end != '\n'))
			return -EINVAL;
		w->given[i] = true;
		s = end;
	}
	return i;
}

/*
 * A vector sysctl (lowmem_reserve_ratio) from a table indexed from 0 like
 * the kernel's array (what reading the sysctl gives), a list {256, 256,
 * 32, 0, 0}, or the /proc text "256 256 32 0 0". Missing entries keep
 * their value, as a short write to the /proc file does.
 */
static void sysctl_check_vector(lua_State *L, int idx, struct sysctl_write *w)
{
	int base;

	if (lua_type(L, idx) == LUA_TSTRING) {
		if (sysctl_parse_text(lua_tostring(L, idx), w) < 0)
			luaL_error(L, "sysctl.%s: integers expected, got '%s'",
				   w->name, lua_tostring(L, idx));
		return;
	}
	if (!lua_istable(L, idx))
		luaL_error(L,
			   "sysctl.%s: table of %d integers expected, got %s",
			   w->name, w->n, luaL_typename(L, idx));
	base = lua_rawgeti(L, idx, 0) == LUA_TNIL;
	lua_pop(L, 1);
	if (luaL_len(L, idx) + 1 - base > w->n)
		luaL_error(L, "sysctl.%s: %d values expected, got %I", w->name,
			   w->n, (LUAI_UACINT)(luaL_len(L, idx) + 1 - base));
	for (int i = 0; i < w->n; i++) {
		if (lua_rawgeti(L, idx, i + base) != LUA_TNIL) {
			w->vals[i] = sysctl_check_long(L, -1, w->name);
			w->given[i] = true;
		}
		lua_pop(L, 1);
	}
}

static void sysctl_check_value(lua_State *L, int idx, const char *name,
			       struct sysctl_write *w)
{
	memset(w, 0, sizeof(*w));
	w->name = sysctl_check_name(L, name);
	w->n = sysctl_nr_values(L, w->name);
	if (w->n < 1)
		luaL_error(L, "unknown sysctl '%s'", name);
	if (w->n > 1) {
		sysctl_check_vector(L, idx, w);
		return;
	}
	w->vals[0] = sysctl_check_long(L, idx, name);
	w->given[0] = true;
}

/* Write w to sim; 0 or a negative errno with the handler's words in err. */
static int sysctl_apply(struct sim *sim, struct sysctl_write *w, char *err,
			size_t errlen)
{
	long cur[MAX_NR_ZONES];
	int n;

	n = sim_sysctl_get(sim, w->name, cur, MAX_NR_ZONES);
	if (n != w->n) {
		snprintf(err, errlen, "sysctl.%s: no such sysctl", w->name);
		return -ENOENT;
	}
	for (int i = 0; i < n; i++) {
		if (!w->given[i])
			w->vals[i] = cur[i];
	}
	return sim_sysctl_set(sim, w->name, w->vals, n, err, errlen);
}

/* Push the value of sysctl name: an integer, or a table for a vector. */
void simlib_push_sysctl(lua_State *L, struct sim *sim, const char *name)
{
	long vals[MAX_NR_ZONES];
	int n = sim_sysctl_get(sim, name, vals, MAX_NR_ZONES);

	if (n == 1)
		lua_pushinteger(L, vals[0]);
	else if (n > 1)
		script_push_byzone(L, vals, n);
	else
		lua_pushnil(L);
}

/* }====== */

/* {====== the sysctl table */

static int sysctl_index(lua_State *L)
{
	const char *name = luaL_checkstring(L, 2);

	name = sysctl_check_name(L, name);
	simlib_push_sysctl(L, script_check_sim(L), name);
	return 1;
}

static int sysctl_newindex(lua_State *L)
{
	struct sysctl_write w;
	char err[256];

	sysctl_check_value(L, 3, luaL_checkstring(L, 2), &w);
	if (sysctl_apply(script_check_sim(L), &w, err, sizeof(err)))
		return luaL_error(L, "%s", err);
	return 0;
}

/* __pairs: the sysctls in sim_sysctl_names() order */
static int sysctl_next(lua_State *L)
{
	const char *const *names = sim_sysctl_names();
	int i = 0;

	if (!lua_isnil(L, 2)) {
		const char *prev = luaL_checkstring(L, 2);

		while (names[i] && strcmp(names[i], prev))
			i++;
		if (names[i])
			i++;
	}
	if (!names[i])
		return 0;
	lua_pushstring(L, names[i]);
	simlib_push_sysctl(L, script_check_sim(L), names[i]);
	return 2;
}

static int sysctl_pairs(lua_State *L)
{
	lua_pushcfunction(L, sysctl_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Like sysctl(8): "vm.min_free_kbytes = 67584", one per line */
static int sysctl_tostring(lua_State *L)
{
	const char *const *names = sim_sysctl_names();
	struct sim *sim = script_check_sim(L);
	long vals[MAX_NR_ZONES];
	luaL_Buffer b;
	int n;

	luaL_buffinit(L, &b);
	for (int i = 0; names[i]; i++) {
		n = sim_sysctl_get(sim, names[i], vals, MAX_NR_ZONES);
		lua_pushfstring(L, "vm.%s =", names[i]);
		luaL_addvalue(&b);
		for (int j = 0; j < n; j++) {
			lua_pushfstring(L, "%c%I", j ? '\t' : ' ',
					(LUAI_UACINT)vals[j]);
			luaL_addvalue(&b);
		}
		luaL_addchar(&b, '\n');
	}
	luaL_pushresult(&b);
	return 1;
}

static const luaL_Reg sysctl_meta[] = {
	{ "__index", sysctl_index },
	{ "__newindex", sysctl_newindex },
	{ "__pairs", sysctl_pairs },
	{ "__tostring", sysctl_tostring },
	{ NULL, NULL },
};

/* }====== */

/* {====== reset{} */

static const char *const reset_keys[] = {
	"nodes",	  "swap",   "swap_rotational",
	"seed",		  "model",  "thp",
	"slab",		  "cpus",   "cpu_speed",
	"first_touch_ns", "sysctl", "zoneinfo",
	"watermarks",	  NULL,
};
static const char *const node_keys[] = { "zones", NULL };
static const char *const zone_keys[] = {
	"managed", "present", "spanned", "start_pfn", NULL,
};

/*
 * arch/x86/include/asm/dma.h: MAX_DMA_PFN (16 MiB) and MAX_DMA32_PFN
 * (4 GiB) end the DMA and DMA32 zones, which start at pfn 1 and 4096.
 */
static const unsigned long zone_end_pfn[MAX_NR_ZONES] = {
	4096, 1048576, 0, 0, 0,
};
static const unsigned long zone_max_span[MAX_NR_ZONES] = {
	4096 - 1, 1048576 - 4096, 0, 0, 0,
};

/*
 * A zone: a size (present = spanned = managed), or a table of fields.
 * A size up to the zone's end address means the whole zone: DMA = "16M"
 * spans pfns 1..4095 (4095 pages), DMA32 = "4G" pfns 4096..1048575.
 */
static void reset_zone(lua_State *L, int idx, int nid, int zid,
		       struct sim_zone_config *zc)
{
	char what[64];
	unsigned long size;

	snprintf(what, sizeof(what), "node %d zone %s", nid,
		 sim_zone_name(zid));
	memset(zc, 0, sizeof(*zc));
	if (!lua_istable(L, idx)) {
		size = script_check_size(L, idx, 0, what, true);
		if (zone_end_pfn[zid] && size <= zone_end_pfn[zid] &&
		    size > zone_max_span[zid])
			size = zone_max_span[zid];
		zc->managed = zc->present = zc->spanned = size;
		return;
	}
	script_check_keys(L, idx, what, zone_keys);
	lua_getfield(L, idx, "managed");
	lua_getfield(L, idx, "present");
	lua_getfield(L, idx, "spanned");
	lua_getfield(L, idx, "start_pfn");
	if (!lua_isnil(L, -4))
		zc->managed = script_check_size(L, -4, 0, what, true);
	if (!lua_isnil(L, -3))
		zc->present = script_check_size(L, -3, 0, what, true);
	else
		zc->present = zc->managed;
	if (lua_isnil(L, -4))
		zc->managed = zc->present;
	if (!lua_isnil(L, -2))
		zc->spanned = script_check_size(L, -2, 0, what, true);
	else
		zc->spanned = zc->present;
	if (!lua_isnil(L, -1))
		zc->start_pfn = script_check_size(L, -1, 0, what, true);
	lua_pop(L, 4);
}

static void reset_node(lua_State *L, int idx, int nid,
		       struct sim_node_config *nc)
{
	char what[32];
	int zid;

	snprintf(what, sizeof(what), "node %d", nid);
	if (!lua_istable(L, idx))
		luaL_error(L, "node %d: table {zones = {...}} expected, got %s",
			   nid, luaL_typename(L, idx));
	script_check_keys(L, idx, what, node_keys);
	memset(nc, 0, sizeof(*nc));
	if (lua_getfield(L, idx, "zones") != LUA_TTABLE)
		luaL_error(L,
			   "node %d: zones = {Normal = \"4G\", ...} expected",
			   nid);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(
				L,
				"node %d: zone names are keys (DMA32 = \"4G\"), got %s",
				nid, luaL_typename(L, -2));
		zid = script_check_zone_name(L, lua_tostring(L, -2));
		reset_zone(L, lua_gettop(L), nid, zid, &nc->zones[zid]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void reset_nodes(lua_State *L, int idx, struct sim_config *cfg)
{
	lua_Integer n;

	luaL_checktype(L, idx, LUA_TTABLE);
	n = luaL_len(L, idx);
	if (n < 1 || n > SIM_MAX_NODES)
		luaL_error(L, "nodes: 1 to %d node tables expected, got %I",
			   SIM_MAX_NODES, (LUAI_UACINT)n);
	cfg->nr_nodes = (int)n;
	for (int nid = 0; nid < n; nid++) {
		lua_rawgeti(L, idx, nid + 1);
		reset_node(L, lua_gettop(L), nid, &cfg->nodes[nid]);
		lua_pop(L, 1);
	}
}

/* Read a whole file onto the stack; raises with the reason. */
static void push_file(lua_State *L, const char *path, const char *what)
{
	char buf[4096];
	luaL_Buffer b;
	struct stat st;
	size_t n, total = 0;
	FILE *f;
	int fd;

	/*
	 * O_NONBLOCK so that a FIFO with no writer cannot stop the REPL; only
	 * regular files are read, and only up to a size no real zoneinfo
	 * reaches, so /dev/zero cannot fill the memory.
	 */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		luaL_error(L, "cannot read %s '%s': %s", what, path,
			   strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		luaL_error(L, "cannot read %s '%s': not a regular file", what,
			   path);
	}
	if (st.st_size > SIM_FILE_MAX) {
		close(fd);
		luaL_error(
			L,
			"cannot read %s '%s': %lld bytes, more than the %d allowed",
			what, path, (long long)st.st_size, SIM_FILE_MAX);
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		luaL_error(L, "cannot read %s '%s': %s", what, path,
			   strerror(errno));
	}
	luaL_buffinit(L, &b);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		total += n;
		if (total > SIM_FILE_MAX) {
			fclose(f);
			luaL_error(
				L,
				"cannot read %s '%s': more than the %d bytes allowed",
				what, path, SIM_FILE_MAX);
		}
		luaL_addlstring(&b, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		luaL_error(L, "cannot read %s '%s': %s", what, path,
			   strerror(errno));
	}
	fclose(f);
	luaL_pushresult(&b);
}

/*
 * A value read from DIR/sys/vm/NAME must be one a kernel shows there: the
 * ints each handler stores, so never negative and at most INT_MAX (the
 * lowmem_reserve_ratio handler turns a write below 1 into 0 and keeps a
 * write past INT_MAX out without an error, so such a file was not read
 * from a kernel). Raises with the file's name.
 */
static void check_host_sysctl(lua_State *L, const char *path, const char *buf,
			      struct sysctl_write *w)
{
	int n = sysctl_parse_text(buf, w);

	if (n < 0)
		luaL_error(L, "%s: integers expected, got '%s'", path,
			   lua_pushlstring(L, buf, strcspn(buf, "\n")));
	for (int i = 0; i < n; i++) {
		if (w->vals[i] < 0 || w->vals[i] > INT_MAX)
			luaL_error(
				L,
				"%s: %I is out of range 0..%d (no kernel shows it)",
				path, (lua_Integer)w->vals[i], INT_MAX);
	}
}

/*
 * The machine's own sysctls, when it mirrors a file named zoneinfo: the
 * values its watermarks were computed from, in sys/vm/ beside it, as
 * /proc/zoneinfo has /proc/sys/vm (a saved copy of /proc works the same
 * way). Missing or empty ones keep the kernel's defaults; one that holds
 * what no kernel shows is an error.
 */
static void reset_host_sysctls(lua_State *L, const char *dir,
			       struct reset_args *a)
{
	static const char *const names[] = {
		"min_free_kbytes",
		"watermark_scale_factor",
		"watermark_boost_factor",
		"lowmem_reserve_ratio",
		NULL,
	};
	char buf[256];
	struct sysctl_write *w;
	const char *path;
	FILE *f;
	size_t n;

	for (int i = 0; names[i]; i++) {
		path = lua_pushfstring(L, "%ssys/vm/%s", dir, names[i]);
		f = fopen(path, "r");
		if (!f) {
			lua_pop(L, 1);
			continue;
		}
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = '\0';
		w = &a->host[a->nr_host];
		memset(w, 0, sizeof(*w));
		w->name = sysctl_check_name(L, names[i]);
		w->n = sysctl_nr_values(L, w->name);
		if (w->n >= 1)
			check_host_sysctl(L, path, buf, w);
		lua_pop(L, 1);
		if (w->given[0])
			a->nr_host++;
	}
}

static void reset_zoneinfo(lua_State *L, int idx, struct reset_args *a)
{
	const char *path = luaL_checkstring(L, idx);
	const char *base = strrchr(path, '/');
	char err[256];

	push_file(L, path, "zoneinfo file");
	a->zoneinfo_idx = lua_gettop(L);
	if (sim_config_from_zoneinfo(lua_tostring(L, -1), &a->cfg, err,
				     sizeof(err)))
		luaL_error(L, "%s: %s", path, err);
	base = base ? base + 1 : path;
	if (strcmp(base, "zoneinfo"))
		return;
	lua_pushlstring(L, path, (size_t)(base - path));
	reset_host_sysctls(L, lua_tostring(L, -1), a);
	lua_pop(L, 1);
}

/* reset{sysctl = {...}} in sim_sysctl_names() order, so runs repeat. */
static void reset_sysctls(lua_State *L, int idx, struct reset_args *a)
{
	const char *const *names = sim_sysctl_names();

	if (!lua_istable(L, idx))
		luaL_error(L, "sysctl: table expected, got %s",
			   luaL_typename(L, idx));
	script_check_keys(L, idx, "sysctl", names);
	for (int i = 0; names[i]; i++) {
		if (lua_getfield(L, idx, names[i]) != LUA_TNIL)
			sysctl_check_value(L, -1, names[i],
					   &a->user[a->nr_user++]);
		lua_pop(L, 1);
	}
}

static void reset_scalars(lua_State *L, struct reset_args *a)
{
	struct sim_config *cfg = &a->cfg;
	lua_Integer n;

	if (lua_getfield(L, 1, "swap") != LUA_TNIL)
		cfg->swap_pages = script_check_size(L, -1, 0, "swap", true);
	if (lua_getfield(L, 1, "swap_rotational") != LUA_TNIL) {
		if (!lua_isboolean(L, -1))
			luaL_error(L,
				   "swap_rotational: boolean expected, got %s",
				   luaL_typename(L, -1));
		cfg->swap_rotational = lua_toboolean(L, -1);
	}
	if (lua_getfield(L, 1, "seed") != LUA_TNIL) {
		if (!lua_isinteger(L, -1))
			luaL_error(L, "seed: integer expected, got %s",
				   luaL_typename(L, -1));
		cfg->seed = (uint64_t)lua_tointeger(L, -1);
	}
	if (lua_getfield(L, 1, "thp") != LUA_TNIL) {
		if (!lua_isboolean(L, -1))
			luaL_error(L, "thp: boolean expected, got %s",
				   luaL_typename(L, -1));
		cfg->thp = lua_toboolean(L, -1);
	}
	if (lua_getfield(L, 1, "slab") != LUA_TNIL) {
		if (!lua_isboolean(L, -1))
			luaL_error(L, "slab: boolean expected, got %s",
				   luaL_typename(L, -1));
		cfg->slab = lua_toboolean(L, -1);
	}
	if (lua_getfield(L, 1, "cpus") != LUA_TNIL) {
		n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
		if (n < 1 || n > SIM_MAX_CPUS)
			luaL_error(L, "cpus: 1 to %d expected, got %s",
				   SIM_MAX_CPUS, luaL_tolstring(L, -1, NULL));
		cfg->nr_cpus = (int)n;
	}
	if (lua_getfield(L, 1, "cpu_speed") != LUA_TNIL) {
		double v = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0;

		if (!(v >= SIM_CPU_SPEED_MIN && v <= SIM_CPU_SPEED_MAX))
			luaL_error(L, "cpu_speed: %f to %d expected, got %s",
				   SIM_CPU_SPEED_MIN, (int)SIM_CPU_SPEED_MAX,
				   luaL_tolstring(L, -1, NULL));
		cfg->cpu_speed = v;
	}
	if (lua_getfield(L, 1, "first_touch_ns") != LUA_TNIL) {
		n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
		if (n < 0 || n > SIM_FIRST_TOUCH_NS_MAX)
			luaL_error(L,
				   "first_touch_ns: 0 to %d expected, got %s",
				   SIM_FIRST_TOUCH_NS_MAX,
				   luaL_tolstring(L, -1, NULL));
		cfg->first_touch_ns = (unsigned int)n;
	}
	if (lua_getfield(L, 1, "model") != LUA_TNIL) {
		a->model = lua_tostring(L, -1);
		if (!a->model ||
		    (strcmp(a->model, "6.12") && strcmp(a->model, "6.x")))
			luaL_error(
				L,
				"unknown model '%s' (expected \"6.12\" or \"6.x\")",
				luaL_tolstring(L, -1, NULL));
	}
	lua_pop(L, 6);
}

static void reset_parse(lua_State *L, struct reset_args *a)
{
	struct script *S = script_get(L);

	memset(a, 0, sizeof(*a));
	sim_config_default(&a->cfg);
	a->cfg.seed = S->opts.has_seed ? S->opts.seed : a->cfg.seed;
	a->cfg.host_mem_bytes = S->opts.host_mem_bytes;
	a->model = "6.12";
	if (lua_isnoneornil(L, 1))
		return;
	luaL_checktype(L, 1, LUA_TTABLE);
	script_check_keys(L, 1, "reset{}", reset_keys);
	lua_getfield(L, 1, "nodes");
	lua_getfield(L, 1, "zoneinfo");
	if (!lua_isnil(L, -1) && !lua_isnil(L, -2))
		luaL_error(L, "reset: give nodes or zoneinfo, not both");
	if (!lua_isnil(L, -2))
		reset_nodes(L, lua_gettop(L) - 1, &a->cfg);
	if (!lua_isnil(L, -1))
		reset_zoneinfo(L, lua_gettop(L), a);
	if (lua_getfield(L, 1, "watermarks") != LUA_TNIL) {
		const char *w = lua_tostring(L, -1);

		if (!w || (strcmp(w, "file") && strcmp(w, "boot")))
			luaL_error(
				L,
				"watermarks: \"file\" or \"boot\" expected, got %s",
				luaL_tolstring(L, -1, NULL));
		if (!strcmp(w, "file") && !a->zoneinfo_idx)
			luaL_error(L, "watermarks = \"file\" needs zoneinfo");
		a->keep_reserves = !strcmp(w, "file");
	}
	lua_pop(L, 1);
	reset_scalars(L, a);
	if (lua_getfield(L, 1, "sysctl") != LUA_TNIL)
		reset_sysctls(L, lua_gettop(L), a);
	lua_pop(L, 1);
}

/* Print sim_zoneinfo_diff()'s lines as warnings. */
static void reset_warn_diff(lua_State *L, struct sim *sim, const char *text)
{
	struct script *S = script_get(L);
	char *diff = sim_zoneinfo_diff(sim, text);
	char *line, *save = NULL;

	if (!diff)
		return;
	for (line = strtok_r(diff, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lua_pushfstring(L, "warning: zoneinfo: %s\n", line);
		script_errwrite(S, lua_tostring(L, -1), lua_rawlen(L, -1));
		lua_pop(L, 1);
	}
	free(diff);
}

/* Boot a.cfg, write the sysctls; NULL with the reason in err. */
static struct sim *reset_boot(lua_State *L, struct reset_args *a, char *err,
			      size_t errlen)
{
	struct sim *sim;
	int i;

	if (sim_create(&a->cfg, &sim, err, errlen))
		return NULL;
	for (i = 0; i < a->nr_host; i++) {
		if (sysctl_apply(sim, &a->host[i], err, errlen))
			goto out_destroy;
	}
	if (a->keep_reserves &&
	    sim_zoneinfo_keep_reserves(sim, lua_tostring(L, a->zoneinfo_idx),
				       err, errlen))
		goto out_destroy;
	if (a->zoneinfo_idx)
		reset_warn_diff(L, sim, lua_tostring(L, a->zoneinfo_idx));
	for (i = 0; i < a->nr_user; i++) {
		if (sysctl_apply(sim, &a->user[i], err, errlen))
			goto out_destroy;
	}
	return sim;
out_destroy:
	sim_destroy(sim);
	return NULL;
}

/*
 * reset{nodes = {...}, swap =, swap_rotational =, seed =, model =, thp =,
 *       cpus =, cpu_speed =, first_touch_ns =, sysctl = {...},
 *       zoneinfo = PATH, watermarks = "file"|"boot"}:
 * boot a new machine; watermarks = "file" keeps the zoneinfo's
 * watermarks and protection instead of the boot formulas' ones;
 * cpu_speed divides every cost of the cost model (sched.h);
 * first_touch_ns is what each page's first use since boot costs on the
 * reference core (an emulator's guest: sched.c, charge_first_touch());
 * swap_rotational = true makes the swap device a spinning one, so
 * swap-in reads ahead by slot.
 */
static int sim_reset(lua_State *L)
{
	struct reset_args *a;
	struct sim *sim;
	char err[256];

	lua_settop(L, 1);
	a = lua_newuserdatauv(L, sizeof(*a), 0);
	reset_parse(L, a);
	sim = reset_boot(L, a, err, sizeof(err));
	if (!sim)
		return luaL_error(L, "reset: %s", err);
	script_install_sim(L, sim, a->model);
	return 0;
}

/* check(): sim_check(), raising the first violation */
static int sim_check_lua(lua_State *L)
{
	char msg[512];

	if (sim_check(script_check_sim(L), msg, sizeof(msg)))
		return luaL_error(L, "sim_check: %s", msg);
	return 0;
}

static const luaL_Reg simlib[] = {
	{ "reset", sim_reset },
	{ "check", sim_check_lua },
	{ NULL, NULL },
};

/* }====== */

int luaopen_kss_sim(lua_State *L)
{
	lua_pushglobaltable(L);
	luaL_setfuncs(L, simlib, 0);
	lua_newtable(L);
	lua_newtable(L);
	luaL_setfuncs(L, sysctl_meta, 0);
	lua_pushliteral(L, "sysctl");
	lua_setfield(L, -2, "__name");
	script_set_fields(L, sim_sysctl_names());
	lua_setmetatable(L, -2);
	lua_setfield(L, -2, "sysctl");
	return 1;
}
