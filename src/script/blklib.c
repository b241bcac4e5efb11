// SPDX-License-Identifier: GPL-2.0-only
/*
 * The block device under swap and the page cache (the core's blk.c):
 * blockdev{pages_per_tick =, latency_us =} sets how many pages it moves
 * a jiffy and how long each request takes once the device gets to it.
 * A key left out takes the device's boot value (256 pages a jiffy, about
 * 4 GiB/s at HZ = 250, and 100 us), so a call states the whole device.
 */
#include "bindings.h"

#include <errno.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

#define BLK_DEF_PAGES_PER_TICK 256 /* blk.c: blk_queue_create() */
#define BLK_DEF_LATENCY_US 100

static const char *const blockdev_keys[] = {
	"pages_per_tick",
	"latency_us",
	NULL,
};

/* blockdev{pages_per_tick = 64 or "256K", latency_us = 500} */
static int blk_blockdev(lua_State *L)
{
	unsigned long pages = BLK_DEF_PAGES_PER_TICK;
	lua_Number us = BLK_DEF_LATENCY_US;
	int ret;

	luaL_checktype(L, 1, LUA_TTABLE);
	script_check_keys(L, 1, "blockdev{}", blockdev_keys);
	if (lua_getfield(L, 1, "pages_per_tick") != LUA_TNIL)
		pages = script_check_size(L, -1, 0, "pages_per_tick", false);
	if (lua_getfield(L, 1, "latency_us") != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TNUMBER || lua_tonumber(L, -1) < 0)
			return luaL_error(
				L,
				"latency_us: microseconds >= 0 expected, got %s",
				luaL_tolstring(L, -1, NULL));
		us = lua_tonumber(L, -1);
	}
	ret = sim_io_set(script_check_sim(L), pages, (uint64_t)(us * 1000));
	if (ret == -EINVAL)
		return luaL_error(
			L,
			"pages_per_tick: %I is more than the device can move in a jiffy",
			(LUAI_UACINT)pages);
	if (ret)
		return luaL_error(L, "the machine has no block device");
	return 0;
}

static const luaL_Reg blklib[] = {
	{ "blockdev", blk_blockdev },
	{ NULL, NULL },
};

int luaopen_kss_blk(lua_State *L)
{
	lua_pushglobaltable(L);
	luaL_setfuncs(L, blklib, 0);
	return 1;
}
