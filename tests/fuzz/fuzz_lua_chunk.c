// SPDX-License-Identifier: GPL-2.0-only
/*
 * Raw Lua chunks against the API, each on a fresh 16 MiB machine and in a
 * fresh environment (lua/sandbox.lua: no files, processes or C modules,
 * small machines only), under an instruction limit (a count hook) and a
 * memory limit (an allocator that refuses past it). A chunk may fail with
 * any Lua error; it must not crash, and sim_check() must hold after it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "bindings.h"

#define HOOK_EVERY 1000 /* instructions between two hook calls */
#define MAX_HOOKS 500 /* 500 k instructions a chunk */
#define MAX_LUA_BYTES (256u << 20) /* the Lua heap, all inputs together */
#define MAX_MACHINE_BYTES (128u << 20) /* the host reset{} is told of */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct script *script;
static lua_Alloc real_alloc;
static void *real_ud;
static size_t lua_bytes;
static unsigned int nr_hooks;

static void discard(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

/* lua_Alloc that counts and refuses to grow past MAX_LUA_BYTES */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize > old && nsize - old > MAX_LUA_BYTES - lua_bytes)
		return NULL;
	p = real_alloc(ud, ptr, osize, nsize);
	if (p || nsize == 0)
		lua_bytes = lua_bytes - old + nsize;
	return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	if (++nr_hooks > MAX_HOOKS)
		luaL_error(L, "fuzz: instruction limit");
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
	real_alloc = lua_getallocf(L, &real_ud);
	/* what the state holds already counts against the limit */
	lua_bytes = (size_t)lua_gc(L, LUA_GCCOUNT) * 1024 +
		    (size_t)lua_gc(L, LUA_GCCOUNTB);
	lua_setallocf(L, limited_alloc, real_ud);
	/* always on: a finalizer may run at any allocation */
	lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	if (luaL_dofile(L, KSS_FUZZ_DIR "/lua/sandbox.lua")) {
		fprintf(stderr, "sandbox.lua: %s\n", lua_tostring(L, -1));
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lua_State *L = script->L;
	char msg[512];

	lua_settop(L, 0);
	nr_hooks = 0;
	lua_getglobal(L, "fz_boot");
	lua_pushinteger(L, size ? data[0] : 1);
	if (lua_pcall(L, 1, 0, 0)) {
		fprintf(stderr, "fz_boot: %s\n", lua_tostring(L, -1));
		abort();
	}
	if (luaL_loadbufferx(L, (const char *)data, size, "=chunk", "t") ==
	    LUA_OK) {
		/* the chunk's only upvalue is its _ENV */
		lua_getglobal(L, "fz_env");
		if (lua_pcall(L, 0, 1, 0) == LUA_OK &&
		    lua_setupvalue(L, -2, 1)) {
			nr_hooks = 0;
			lua_pcall(L, 0, 0, 0);
		}
	}
	lua_settop(L, 0);
	/* the chunk's finalizers run now, with a budget of their own */
	nr_hooks = 0;
	lua_gc(L, LUA_GCRESTART);
	lua_gc(L, LUA_GCCOLLECT);
	lua_gc(L, LUA_GCCOLLECT);
	if (sim_check(script->sim, msg, sizeof(msg))) {
		fprintf(stderr, "sim_check after the chunk: %s\n", msg);
		abort();
	}
	return 0;
}
