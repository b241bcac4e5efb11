// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Lua API as a byte program: the first two bytes choose the seed and
 * the shape of a small machine (16 MiB, one or two nodes, with or without
 * swap and THP), then every four bytes are one call (alloc, free, touch,
 * run, step, sysctl writes, tasks and workloads, reset, ...), decoded by
 * lua/api_driver.lua. A call may fail with a Lua error, as the kernel's
 * allocator may fail; after every call sim_check() must find the machine
 * consistent (the invariants check() tests).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "bindings.h"

/* At most this many calls a run, so one input stays quick. */
#define MAX_CALLS 64
#define MAX_MACHINE_BYTES (128u << 20) /* the host reset{} is told of */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct script *script;

static void discard(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct script_options so = {
		.output = discard,
		.host_mem_bytes = MAX_MACHINE_BYTES,
	};
	lua_State *L;

	(void)argc;
	(void)argv;
	script = script_new(&so);
	if (!script)
		abort();
	L = script->L;
	if (luaL_dofile(L, KSS_FUZZ_DIR "/lua/api_driver.lua")) {
		fprintf(stderr, "api_driver.lua: %s\n", lua_tostring(L, -1));
		abort();
	}
	return 0;
}

/* fn(args...) in pcall; a Lua error is a refused call, not a failure */
static void call(lua_State *L, const char *fn, const uint8_t *args, int n)
{
	char msg[512];

	lua_getglobal(L, fn);
	for (int i = 0; i < n; i++)
		lua_pushinteger(L, args[i]);
	lua_pcall(L, n, 0, 0);
	lua_settop(L, 0);
	if (sim_check(script->sim, msg, sizeof(msg))) {
		fprintf(stderr, "sim_check after %s(", fn);
		for (int i = 0; i < n; i++)
			fprintf(stderr, "%s%d", i ? ", " : "", args[i]);
		fprintf(stderr, "): %s\n", msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lua_State *L = script->L;
	uint8_t boot[2] = { 1, 0 };

	if (size >= 2)
		memcpy(boot, data, 2);
	call(L, "fz_reset", boot, 2);
	for (size_t i = 2, n = 0; i + 4 <= size && n < MAX_CALLS; i += 4, n++)
		call(L, "fz_op", data + i, 4);
	lua_gc(L, LUA_GCCOLLECT);
	return 0;
}
