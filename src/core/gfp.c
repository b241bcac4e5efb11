// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/gfp.h: gfp_zone() and gfp_migratetype(), and the kernel's
 * names for gfp masks: include/trace/events/mmflags.h: __def_gfpflag_names
 * as lib/vsprintf.c: format_flags() prints them for %pGg.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * GFP_ZONE_TABLE indexed by the four zone bits (DMA, HIGHMEM, DMA32,
 * MOVABLE); -1 where GFP_ZONE_BAD has the bit. No HIGHMEM on x86-64, so
 * __GFP_HIGHMEM alone is ZONE_NORMAL.
 */
static const signed char gfp_zone_table[16] = {
	[0] = ZONE_NORMAL,
	[__GFP_DMA] = ZONE_DMA,
	[__GFP_HIGHMEM] = ZONE_NORMAL,
	[__GFP_DMA | __GFP_HIGHMEM] = -1,
	[__GFP_DMA32] = ZONE_DMA32,
	[__GFP_DMA | __GFP_DMA32] = -1,
	[__GFP_DMA32 | __GFP_HIGHMEM] = -1,
	[__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM] = -1,
	[__GFP_MOVABLE] = ZONE_NORMAL,
	[__GFP_MOVABLE | __GFP_DMA] = ZONE_DMA,
	[__GFP_MOVABLE | __GFP_HIGHMEM] = ZONE_MOVABLE,
	[__GFP_MOVABLE | __GFP_DMA | __GFP_HIGHMEM] = -1,
	[__GFP_MOVABLE | __GFP_DMA32] = ZONE_DMA32,
	[__GFP_MOVABLE | __GFP_DMA | __GFP_DMA32] = -1,
	[__GFP_MOVABLE | __GFP_DMA32 | __GFP_HIGHMEM] = -1,
	[__GFP_MOVABLE | __GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM] = -1,
};

/* gfp_zone(): the highest zone the mask may use; -1 for GFP_ZONE_BAD */
int gfp_zone(gfp_t flags)
{
	return gfp_zone_table[flags & GFP_ZONEMASK];
}

/* gfp_migratetype(): page_group_by_mobility_disabled is never set here */
int gfp_migratetype(gfp_t flags)
{
	return (int)((flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/* A mask the page allocator would not VM_BUG_ON()/VM_WARN_ON() */
bool gfp_valid(gfp_t flags)
{
	if (flags & ~__GFP_BITS_MASK)
		return false;
	if ((flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK)
		return false;
	return gfp_zone(flags) >= 0;
}

#define GFPNAME(flag)       \
	{                   \
		flag, #flag \
	}

/* mm/debug.c: gfpflag_names[] = { __def_gfpflag_names, {0, NULL} } */
static const struct {
	unsigned int mask;
	const char *name;
} gfpflag_names[] = {
	GFPNAME(GFP_TRANSHUGE),
	GFPNAME(GFP_TRANSHUGE_LIGHT),
	GFPNAME(GFP_HIGHUSER_MOVABLE),
	GFPNAME(GFP_HIGHUSER),
	GFPNAME(GFP_USER),
	GFPNAME(GFP_KERNEL_ACCOUNT),
	GFPNAME(GFP_KERNEL),
	GFPNAME(GFP_NOFS),
	GFPNAME(GFP_ATOMIC),
	GFPNAME(GFP_NOIO),
	GFPNAME(GFP_NOWAIT),
	GFPNAME(GFP_DMA),
	GFPNAME(__GFP_HIGHMEM),
	GFPNAME(GFP_DMA32),
	GFPNAME(__GFP_HIGH),
	GFPNAME(__GFP_IO),
	GFPNAME(__GFP_FS),
	GFPNAME(__GFP_NOWARN),
	GFPNAME(__GFP_RETRY_MAYFAIL),
	GFPNAME(__GFP_NOFAIL),
	GFPNAME(__GFP_NORETRY),
	GFPNAME(__GFP_COMP),
	GFPNAME(__GFP_ZERO),
	GFPNAME(__GFP_NOMEMALLOC),
	GFPNAME(__GFP_MEMALLOC),
	GFPNAME(__GFP_HARDWALL),
	GFPNAME(__GFP_THISNODE),
	GFPNAME(__GFP_RECLAIMABLE),
	GFPNAME(__GFP_MOVABLE),
	GFPNAME(__GFP_ACCOUNT),
	GFPNAME(__GFP_WRITE),
	GFPNAME(__GFP_RECLAIM),
	GFPNAME(__GFP_DIRECT_RECLAIM),
	GFPNAME(__GFP_KSWAPD_RECLAIM),
	GFPNAME(__GFP_ZEROTAGS),
};

/* Names the parser accepts besides gfpflag_names[]: the other bits. */
static const struct {
	unsigned int mask;
	const char *name;
} gfp_extra_names[] = {
	GFPNAME(__GFP_DMA),
	GFPNAME(__GFP_DMA32),
	GFPNAME(__GFP_NO_OBJ_EXT),
	{ 0, "0" },
};

/*
 * lib/vsprintf.c: format_flags(): names in table order whose whole mask
 * is set, '|' between, leftover bits as 0x%lx. An empty mask prints
 * nothing (the tracepoints' show_gfp_flags() would say "none").
 */
const char *sim_gfp_name(unsigned int gfp_mask, char *buf, size_t len)
{
	size_t i, used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (i = 0; gfp_mask && i < ARRAY_SIZE(gfpflag_names); i++) {
		unsigned int mask = gfpflag_names[i].mask;
		int n;

		if ((gfp_mask & mask) != mask)
			continue;
		gfp_mask &= ~mask;
		n = snprintf(buf + used, len - used, "%s%s",
			     gfpflag_names[i].name, gfp_mask ? "|" : "");
		if (n < 0 || (size_t)n >= len - used)
			return buf;
		used += (size_t)n;
	}
	if (gfp_mask)
		snprintf(buf + used, len - used, "%#x", gfp_mask);
	return buf;
}

static int gfp_lookup(const char *p, size_t n, unsigned int *mask)
{
	size_t i;
	char *end;
	unsigned long v;

	for (i = 0; i < ARRAY_SIZE(gfpflag_names); i++) {
		if (strlen(gfpflag_names[i].name) == n &&
		    !strncmp(p, gfpflag_names[i].name, n)) {
			*mask = gfpflag_names[i].mask;
			return 0;
		}
	}
	for (i = 0; i < ARRAY_SIZE(gfp_extra_names); i++) {
		if (strlen(gfp_extra_names[i].name) == n &&
		    !strncmp(p, gfp_extra_names[i].name, n)) {
			*mask = gfp_extra_names[i].mask;
			return 0;
		}
	}
	if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		v = strtoul(p, &end, 16);
		if ((size_t)(end - p) == n && v <= __GFP_BITS_MASK) {
			*mask = (unsigned int)v;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * "GFP_KERNEL|__GFP_NOWARN", spaces allowed around '|', hex numbers too.
 * -EINVAL for an unknown word or a mask gfp_zone() calls bad.
 */
int sim_gfp_parse(const char *text, unsigned int *gfp_mask)
{
	unsigned int gfp = 0;
	const char *p = text;
	bool any = false;

	if (!text)
		return -EINVAL;
	while (*p) {
		unsigned int mask;
		size_t n;

		while (*p == ' ' || *p == '|')
			p++;
		if (!*p)
			break;
		n = strcspn(p, " |");
		if (gfp_lookup(p, n, &mask))
			return -EINVAL;
		gfp |= mask;
		any = true;
		p += n;
	}
	if (!any || !gfp_valid(gfp))
		return -EINVAL;
	*gfp_mask = gfp;
	return 0;
}
