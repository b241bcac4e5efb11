/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to src/script: the script object behind struct script, and the
 * helpers the <concern>lib.c binding files share. Lua values never hold a
 * struct sim pointer: they hold the machine's generation (bumped by every
 * reset{}) and indices, and find the sim through the script object stored
 * in the registry, so a value from a previous machine is caught, never
 * dereferenced.
 */
#ifndef KSS_SCRIPT_BINDINGS_H
#define KSS_SCRIPT_BINDINGS_H

#include "script.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include <kswapsim/sim.h>

struct script {
	lua_State *L; /* main thread */
	struct sim *sim; /* the current machine; never NULL */
	unsigned int gen; /* bumped by every reset{} */
	struct script_options opts;
	uint64_t seed; /* seed of the current machine */
	char model[8]; /* "6.12" */
	lua_State *co; /* script_start()'s coroutine, or NULL */
	int co_ref; /* registry reference keeping co alive */
	int co_nargs; /* values to pass on the next resume */
	lua_State *volatile running; /* thread running Lua code, for ^C */
	volatile sig_atomic_t interrupted; /* ^C seen while running */
	script_poll_fn poll; /* called every KSS_POLL_COUNT VM steps */
	script_progress_fn progress; /* a long sim_alloc()'s progress */
	void *poll_ctx;
	int show_ref; /* prelude's show(), for REPL values */
	int complete_ref; /* prelude's complete(), for Tab */
	struct script_pace pace; /* say(), chapter(), pause() */
	script_output_fn trace_out; /* trace(true)'s lines, or NULL: output */
	void *trace_ctx;
};

/* Metatable names (luaL_newmetatable) */
#define KSS_NODE "kss.node"
#define KSS_ZONE "kss.zone"
#define KSS_ZONES "kss.zones"
#define KSS_REGION "kss.region"
#define KSS_BYZONE "kss.byzone"

#define KSS_POLL_COUNT 10000

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

/* script.c */
struct script *script_get(lua_State *L);
struct sim *script_check_sim(lua_State *L);
void script_write(struct script *S, const char *s, size_t len);
void script_errwrite(struct script *S, const char *s, size_t len);
unsigned long script_check_size(lua_State *L, int idx, int arg,
				const char *what, bool allow_zero);
int script_check_zone_name(lua_State *L, const char *name);
int script_check_zoneidx(lua_State *L, int idx);
void script_push_byzone(lua_State *L, const long *vals, int n);
void script_set_fields(lua_State *L, const char *const *names);
int script_readonly(lua_State *L);
void *script_checkudata(lua_State *L, int idx, const char *tname);
void script_newmetatable(lua_State *L, const char *tname);
void script_install_sim(lua_State *L, struct sim *sim, const char *model);
void script_check_keys(lua_State *L, int idx, const char *what,
		       const char *const *keys);

/* one per binding file: simlib.c, zonelib.c, alloclib.c, ... */
int luaopen_kss_sim(lua_State *L);
int luaopen_kss_zone(lua_State *L);
int luaopen_kss_alloc(lua_State *L);
int luaopen_kss_proc(lua_State *L);
int luaopen_kss_pace(lua_State *L);
int luaopen_kss_vmscan(lua_State *L);
int luaopen_kss_history(lua_State *L);
int luaopen_kss_step(lua_State *L);
int luaopen_kss_task(lua_State *L);
void simlib_push_sysctl(lua_State *L, struct sim *sim, const char *name);
/* The node or region object at idx: its id; raises for a previous machine */
int script_check_node(lua_State *L, int idx);
unsigned int script_check_region(lua_State *L, int idx);

/* pacelib.c */
int script_yield_redraw(lua_State *L, int nres);

/* repl.c */
void script_set_running(struct script *S, lua_State *T);
/*
 * For loops in C (run(ticks)): raise "interrupted!" if ^C came since the
 * running chunk started. Call it where the machine is consistent.
 */
void script_check_interrupt(lua_State *L);
int script_docall(struct script *S, int narg, int nres);
void script_report(struct script *S, int status);

#endif /* KSS_SCRIPT_BINDINGS_H */
