/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * include/linux/gfp_types.h and include/linux/gfp.h: the gfp bits of 6.12
 * with the Debian amd64 config (no KASAN_HW_TAGS, no LOCKDEP, so
 * __GFP_SKIP_KASAN, __GFP_SKIP_ZERO and __GFP_NOLOCKDEP are 0), the
 * composite masks, gfp_zone() and gfp_migratetype().
 */
#ifndef KSS_CORE_GFP_H
#define KSS_CORE_GFP_H

#include <stdbool.h>

typedef unsigned int gfp_t;

#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_DMA32 0x04u
#define __GFP_MOVABLE 0x08u
#define __GFP_RECLAIMABLE 0x10u
#define __GFP_HIGH 0x20u
#define __GFP_IO 0x40u
#define __GFP_FS 0x80u
#define __GFP_ZERO 0x100u
/* 0x200 is ___GFP_UNUSED_BIT */
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_WRITE 0x1000u
#define __GFP_NOWARN 0x2000u
#define __GFP_RETRY_MAYFAIL 0x4000u
#define __GFP_NOFAIL 0x8000u
#define __GFP_NORETRY 0x10000u
#define __GFP_MEMALLOC 0x20000u
#define __GFP_COMP 0x40000u
#define __GFP_NOMEMALLOC 0x80000u
#define __GFP_HARDWALL 0x100000u
#define __GFP_THISNODE 0x200000u
#define __GFP_ACCOUNT 0x400000u
#define __GFP_ZEROTAGS 0x800000u
#define __GFP_NO_OBJ_EXT 0x1000000u /* CONFIG_SLAB_OBJ_EXT */
#define __GFP_SKIP_ZERO 0u
#define __GFP_SKIP_KASAN 0u
#define __GFP_NOLOCKDEP 0u
#define __GFP_BITS_MASK 0x1ffffffu

#define GFP_ZONEMASK (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)
#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT 3
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE | __GFP_SKIP_KASAN)
#define GFP_TRANSHUGE_LIGHT                                      \
	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
	  __GFP_NOWARN) &                                        \
	 ~__GFP_RECLAIM)
#define GFP_TRANSHUGE (GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

_Static_assert(GFP_KERNEL == 0xcc0, "GFP_KERNEL is 0xcc0 in 6.12");
_Static_assert(GFP_HIGHUSER_MOVABLE == 0x100cca, "0x100cca in 6.12");
_Static_assert(GFP_TRANSHUGE == 0x1c24ca, "GFP_TRANSHUGE is 0x1c24ca");

/* include/linux/gfp.h: gfpflags_allow_blocking(): may the caller sleep? */
static inline bool gfpflags_allow_blocking(gfp_t gfp_flags)
{
	return gfp_flags & __GFP_DIRECT_RECLAIM;
}

/* gfp.c */
int gfp_zone(gfp_t flags); /* -1 for a GFP_ZONE_BAD combination */
int gfp_migratetype(gfp_t flags);
bool gfp_valid(gfp_t flags);

#endif /* KSS_CORE_GFP_H */
