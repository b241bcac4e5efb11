/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bitmaps of 64-bit words, in the names of include/linux/bitmap.h and
 * bitops.h: a bit a page of a region (buffer.c's heads) or a frame of the
 * machine (sched.c's first touches). Only the non-atomic forms: one
 * thread of the simulator runs at a time.
 */
#ifndef KSS_CORE_BITMAP_H
#define KSS_CORE_BITMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#define BITMAP_WORD_BITS 64UL

/* words that hold nbits bits */
static inline unsigned long bitmap_words(unsigned long nbits)
{
	return (nbits + BITMAP_WORD_BITS - 1) / BITMAP_WORD_BITS;
}

/* nbits clear bits, or NULL */
static inline uint64_t *bitmap_zalloc(unsigned long nbits)
{
	return calloc(bitmap_words(nbits), sizeof(uint64_t));
}

static inline uint64_t bitmap_word_mask(unsigned long nr)
{
	return 1ULL << (nr % BITMAP_WORD_BITS);
}

static inline bool test_bit(unsigned long nr, const uint64_t *map)
{
	return map[nr / BITMAP_WORD_BITS] & bitmap_word_mask(nr);
}

static inline void __set_bit(unsigned long nr, uint64_t *map)
{
	map[nr / BITMAP_WORD_BITS] |= bitmap_word_mask(nr);
}

static inline void __clear_bit(unsigned long nr, uint64_t *map)
{
	map[nr / BITMAP_WORD_BITS] &= ~bitmap_word_mask(nr);
}

/* sets bit nr; returns whether it was set before */
static inline bool __test_and_set_bit(unsigned long nr, uint64_t *map)
{
	bool was = test_bit(nr, map);

	__set_bit(nr, map);
	return was;
}

#endif
