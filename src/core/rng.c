// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sim's one random number generator: xoshiro256**, the generator of
 * Lua 5.4's lmathlib.c, seeded the way its setseed() does (state {n1, 0xff,
 * n2, 0}, then 16 outputs thrown away), so that seed 1007 gives Lua's
 * known answer 0x7a7040a5a323c9d6 (testes/math.lua).
 */
#include "internal.h"

static uint64_t rotl(uint64_t x, int n)
{
	return (x << n) | (x >> (64 - n));
}

uint64_t rng_next(uint64_t s[4])
{
	uint64_t state0 = s[0], state1 = s[1], state2 = s[2] ^ state0;
	uint64_t state3 = s[3] ^ state1;
	uint64_t res = rotl(state1 * 5, 7) * 9;

	s[0] = state0 ^ state3;
	s[1] = state1 ^ state2;
	s[2] = state2 ^ (state1 << 17);
	s[3] = rotl(state3, 45);
	return res;
}

void rng_seed(uint64_t s[4], uint64_t n1, uint64_t n2)
{
	s[0] = n1;
	s[1] = 0xff;
	s[2] = n2;
	s[3] = 0;
	for (int i = 0; i < 16; i++)
		rng_next(s);
}
