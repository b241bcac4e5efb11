// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc/zoneinfo reader: the inverse of mm/vmstat.c:
 * zoneinfo_show_print(). It reads the text of a real machine (6.12, or
 * 6.18 with its extra stat and pageset lines, which it skips) into the
 * inputs of a boot: nodes, each zone's start_pfn/spanned/present/managed,
 * and the number of CPUs in a pagesets block. Watermarks and protection
 * are outputs of the boot, never inputs: sim_zoneinfo_diff() compares them
 * with what the simulation computed instead.
 *
 * Invariant: a parse either fills the whole result or changes nothing and
 * says "line N: what was expected" in err.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {====== the parsed text */

/* The per-zone lines the reader keeps (all others are skipped). */
enum zi_field {
	ZI_FREE, /* "pages free" */
	ZI_BOOST,
	ZI_MIN,
	ZI_LOW,
	ZI_HIGH,
	ZI_PROMO,
	ZI_SPANNED,
	ZI_PRESENT,
	ZI_MANAGED,
	ZI_START_PFN, /* "start_pfn:", populated zones only */
	NR_ZI_FIELDS,
};

static const struct {
	const char *key;
	bool colon; /* printed as "key: value" */
} zi_keys[NR_ZI_FIELDS] = {
	[ZI_FREE] = { "pages free", false },
	[ZI_BOOST] = { "boost", false },
	[ZI_MIN] = { "min", false },
	[ZI_LOW] = { "low", false },
	[ZI_HIGH] = { "high", false },
	[ZI_PROMO] = { "promo", false },
	[ZI_SPANNED] = { "spanned", false },
	[ZI_PRESENT] = { "present", false },
	[ZI_MANAGED] = { "managed", false },
	[ZI_START_PFN] = { "start_pfn", true },
};

struct zi_zone {
	int line; /* of the "Node" header */
	unsigned long val[NR_ZI_FIELDS];
	int val_line[NR_ZI_FIELDS]; /* 0: the line is absent */
	long protection[MAX_NR_ZONES];
	int nr_protection; /* entries printed */
	int nr_cpus; /* "cpu:" lines in pagesets */
};

struct zi_text {
	int nr_nodes;
	int nr_cpus; /* of the first pagesets */
	int last_line;
	bool seen[SIM_MAX_NODES][MAX_NR_ZONES];
	struct zi_zone zones[SIM_MAX_NODES][MAX_NR_ZONES];
};

/* mm/page_alloc.c: zone_names[] of the x86-64 model */
static const char *const zi_zone_names[MAX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable", "Device",
};

/* }====== */

/* {====== one line */

struct zi_parser {
	struct zi_text *zi;
	struct zi_zone *zone; /* the zone whose lines follow, or NULL */
	int nid, zid;
	int line;
	char *err;
	size_t errlen;
};

static int zi_error(struct zi_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int zi_error(struct zi_parser *p, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (p->errlen)
		n = snprintf(p->err, p->errlen, "line %d: ", p->line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A decimal number filling [s, end); false if it is not one or too big. */
static bool zi_number(const char *s, const char *end, unsigned long *val)
{
	unsigned long x = 0;

	if (s == end)
		return false;
	for (; s < end; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || x > (ULONG_MAX - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*val = x;
	return true;
}

static const char *zi_skip_space(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

static const char *zi_skip_word(const char *s, const char *end)
{
	while (s < end && !isspace((unsigned char)*s))
		s++;
	return s;
}

/* "protection: (0, 3019, 4427, 4427, 4427)", from after the colon */
static int zi_protection(struct zi_parser *p, const char *s, const char *end)
{
	struct zi_zone *zone = p->zone;
	int n = 0;

	s = zi_skip_space(s, end);
	if (s == end || *s++ != '(')
		goto bad;
	for (;;) {
		const char *num;
		unsigned long val;

		s = zi_skip_space(s, end);
		num = s;
		while (s < end && isdigit((unsigned char)*s))
			s++;
		if (n == MAX_NR_ZONES || !zi_number(num, s, &val) ||
		    val > LONG_MAX)
			goto bad;
		zone->protection[n++] = (long)val;
		s = zi_skip_space(s, end);
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		if (s < end && *s == ')' && zi_skip_space(s + 1, end) == end)
			break;
		goto bad;
	}
	zone->nr_protection = n;
	return 0;
bad:
	return zi_error(
		p, "'protection: (n, n, ...)' with at most %d numbers expected",
		MAX_NR_ZONES);
}

/* "Node 0, zone      DMA" */
static int zi_header(struct zi_parser *p, const char *s, const char *end)
{
	struct zi_text *zi = p->zi;
	unsigned long nid;
	const char *w;
	int zid;

	s = zi_skip_space(s + 4, end);
	w = s;
	while (s < end && isdigit((unsigned char)*s))
		s++;
	if (!zi_number(w, s, &nid) || s == end || *s != ',')
		goto bad;
	s = zi_skip_space(s + 1, end);
	if (end - s < 4 || strncmp(s, "zone", 4))
		goto bad;
	s = zi_skip_space(s + 4, end);
	w = s;
	s = zi_skip_word(s, end);
	if (w == s || zi_skip_space(s, end) != end)
		goto bad;

	for (zid = 0; zid < MAX_NR_ZONES; zid++)
		if (strlen(zi_zone_names[zid]) == (size_t)(s - w) &&
		    !strncmp(zi_zone_names[zid], w, (size_t)(s - w)))
			break;
	if (zid == MAX_NR_ZONES)
		return zi_error(
			p,
			"zone '%.*s' is not an x86-64 kernel zone (DMA, DMA32, Normal, Movable, Device expected)",
			(int)(s - w), w);
	if (nid >= SIM_MAX_NODES)
		return zi_error(p, "node %lu: at most %d nodes expected", nid,
				SIM_MAX_NODES);
	if (p->nid < 0 && nid != 0)
		return zi_error(p, "node 0 expected first, got node %lu", nid);
	if ((int)nid != p->nid && (int)nid != p->nid + 1)
		return zi_error(p, "node %d expected after node %d, got %lu",
				p->nid + 1, p->nid, nid);
	if ((int)nid == p->nid && zid <= p->zid)
		return zi_error(
			p,
			"zone %s of node %lu after zone %s: zones in index order expected",
			zi_zone_names[zid], nid, zi_zone_names[p->zid]);

	p->nid = (int)nid;
	p->zid = zid;
	p->zone = &zi->zones[nid][zid];
	p->zone->line = p->line;
	zi->seen[nid][zid] = true;
	zi->nr_nodes = (int)nid + 1;
	return 0;
bad:
	return zi_error(p, "'Node <id>, zone <name>' expected");
}

/* The end of a zone's block: its pagesets list sets or checks nr_cpus. */
static int zi_end_zone(struct zi_parser *p)
{
	struct zi_zone *zone = p->zone;

	if (!zone || !zone->nr_cpus)
		return 0;
	if (!p->zi->nr_cpus) {
		p->zi->nr_cpus = zone->nr_cpus;
		return 0;
	}
	if (zone->nr_cpus == p->zi->nr_cpus)
		return 0;
	p->line = zone->line;
	return zi_error(
		p, "pagesets of node %d zone %s list %d CPUs, earlier ones %d",
		p->nid, zi_zone_names[p->zid], zone->nr_cpus, p->zi->nr_cpus);
}

/* "key value" or "key: value"; keys the reader does not keep are checked */
static int zi_key_value(struct zi_parser *p, const char *s, const char *end)
{
	const char *v = end, *kend;
	unsigned long val;
	bool colon;
	size_t klen;

	while (v > s && !isspace((unsigned char)v[-1]))
		v--;
	kend = v;
	while (kend > s && isspace((unsigned char)kend[-1]))
		kend--;
	if (kend == s)
		return zi_error(p, "'name value' expected, got '%.*s'",
				(int)(end - s), s);
	colon = kend[-1] == ':';
	klen = (size_t)(kend - s) - colon;
	if (!zi_number(v, end, &val))
		return zi_error(p, "number expected after '%.*s', got '%.*s'",
				(int)klen, s, (int)(end - v), v);

	if (colon && klen == 3 && !strncmp(s, "cpu", 3)) {
		if (++p->zone->nr_cpus > SIM_MAX_CPUS)
			return zi_error(
				p,
				"at most %d CPUs expected (the simulator's limit)",
				SIM_MAX_CPUS);
		return 0;
	}
	for (int f = 0; f < NR_ZI_FIELDS; f++) {
		if (zi_keys[f].colon != colon ||
		    strlen(zi_keys[f].key) != klen ||
		    strncmp(zi_keys[f].key, s, klen))
			continue;
		p->zone->val[f] = val;
		p->zone->val_line[f] = p->line;
		break;
	}
	return 0;
}

static int zi_line(struct zi_parser *p, const char *s, const char *end)
{
	int ret;

	s = zi_skip_space(s, end);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (s == end)
		return 0;
	if (end - s >= 4 && !strncmp(s, "Node", 4)) {
		ret = zi_end_zone(p);
		return ret ? ret : zi_header(p, s, end);
	}
	if (!p->zone)
		return zi_error(p, "'Node <id>, zone <name>' expected");
	if ((end - s == 14 && !strncmp(s, "per-node stats", 14)) ||
	    (end - s == 8 && !strncmp(s, "pagesets", 8)))
		return 0;
	if (end - s >= 11 && !strncmp(s, "protection:", 11))
		return zi_protection(p, s + 11, end);
	return zi_key_value(p, s, end);
}

/* }====== */

/* {====== the whole text */

/* The sizes of every zone, as mm/mm_init.c defines them, and a boot input. */
static int zi_check_zone(struct zi_parser *p, int nid, int zid)
{
	struct zi_zone *zone = &p->zi->zones[nid][zid];
	static const enum zi_field needed[] = { ZI_SPANNED, ZI_PRESENT,
						ZI_MANAGED };

	for (size_t i = 0; i < ARRAY_SIZE(needed); i++) {
		if (zone->val_line[needed[i]])
			continue;
		p->line = zone->line;
		return zi_error(p, "node %d zone %s has no '%s' line", nid,
				zi_zone_names[zid], zi_keys[needed[i]].key);
	}
	if (zone->val[ZI_MANAGED] > zone->val[ZI_PRESENT]) {
		p->line = zone->val_line[ZI_MANAGED];
		return zi_error(
			p,
			"managed %lu > present %lu: managed <= present expected",
			zone->val[ZI_MANAGED], zone->val[ZI_PRESENT]);
	}
	if (zone->val[ZI_PRESENT] > zone->val[ZI_SPANNED]) {
		p->line = zone->val_line[ZI_PRESENT];
		return zi_error(
			p,
			"present %lu > spanned %lu: present <= spanned expected",
			zone->val[ZI_PRESENT], zone->val[ZI_SPANNED]);
	}
	if (zone->val[ZI_PRESENT] && !zone->val_line[ZI_START_PFN]) {
		p->line = zone->line;
		return zi_error(
			p,
			"node %d zone %s is populated but has no 'start_pfn:' line",
			nid, zi_zone_names[zid]);
	}
	return 0;
}

static int zoneinfo_parse(const char *text, struct zi_text *zi, char *err,
			  size_t errlen)
{
	struct zi_parser p = {
		.zi = zi,
		.nid = -1,
		.zid = -1,
		.err = err,
		.errlen = errlen,
	};
	const char *s = text;
	int ret;

	memset(zi, 0, sizeof(*zi));
	while (*s) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);

		p.line++;
		ret = zi_line(&p, s, end);
		if (ret)
			return ret;
		s = nl ? nl + 1 : end;
	}
	zi->last_line = p.line;
	if (!zi->nr_nodes) {
		p.line = p.line ? p.line : 1;
		return zi_error(&p, "'Node <id>, zone <name>' expected");
	}
	ret = zi_end_zone(&p);
	if (ret)
		return ret;
	for (int nid = 0; nid < zi->nr_nodes; nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			if (zi->seen[nid][zid] &&
			    (ret = zi_check_zone(&p, nid, zid)))
				return ret;
	if (!zi->nr_cpus) {
		p.line = zi->last_line;
		return zi_error(
			&p,
			"no populated zone with a 'pagesets' list: nothing to boot");
	}
	return 0;
}

/*
 * Fill cfg's machine from the text; everything else in cfg (sysctls, THP,
 * swap, seed) stays as the caller set it.
 */
/* The file's text parsed into a zi_text of its own (*out; NULL, -ENOMEM). */
static int zoneinfo_read(const char *text, struct zi_text **out, char *err,
			 size_t errlen)
{
	*out = malloc(sizeof(**out));
	if (!*out)
		return -ENOMEM;
	return zoneinfo_parse(text, *out, err, errlen);
}

int sim_config_from_zoneinfo(const char *text, struct sim_config *cfg,
			     char *err, size_t errlen)
{
	struct zi_text *zi;
	int ret;

	if (!text || !cfg)
		return -EINVAL;
	ret = zoneinfo_read(text, &zi, err, errlen);
	if (ret)
		goto out_free;

	cfg->nr_nodes = zi->nr_nodes;
	cfg->nr_cpus = zi->nr_cpus;
	memset(cfg->nodes, 0, sizeof(cfg->nodes));
	for (int nid = 0; nid < zi->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct zi_zone *z = &zi->zones[nid][zid];
			struct sim_zone_config *zc =
				&cfg->nodes[nid].zones[zid];

			zc->start_pfn = z->val[ZI_START_PFN];
			zc->spanned = z->val[ZI_SPANNED];
			zc->present = z->val[ZI_PRESENT];
			zc->managed = z->val[ZI_MANAGED];
		}
	}
out_free:
	free(zi);
	return ret;
}

/* }====== */

/* {====== comparing a booted machine with its text */

static void zi_diff_value(struct seq_buf *s, int nid, int zid, const char *what,
			  unsigned long sim_val, unsigned long file_val)
{
	if (sim_val != file_val)
		seq_buf_printf(s, "Node %d, zone %s: %s %lu, file says %lu\n",
			       nid, zi_zone_names[zid], what, sim_val,
			       file_val);
}

static void zi_diff_zone(struct seq_buf *s, const struct zone *zone,
			 const struct zi_zone *z, int nid, int zid)
{
	static const enum zi_field wmark_fields[NR_WMARK] = {
		[WMARK_MIN] = ZI_MIN,
		[WMARK_LOW] = ZI_LOW,
		[WMARK_HIGH] = ZI_HIGH,
		[WMARK_PROMO] = ZI_PROMO,
	};
	static const char *const wmark_names[NR_WMARK] = {
		"min",
		"low",
		"high",
		"promo",
	};
	int i;

	for (i = 0; i < NR_WMARK; i++)
		if (z->val_line[wmark_fields[i]])
			zi_diff_value(s, nid, zid, wmark_names[i],
				      wmark_pages(zone, i),
				      z->val[wmark_fields[i]]);
	if (z->val_line[ZI_BOOST])
		zi_diff_value(s, nid, zid, "boost", zone->watermark_boost,
			      z->val[ZI_BOOST]);
	for (i = 0; i < z->nr_protection; i++) {
		if (zone->lowmem_reserve[i] == z->protection[i])
			continue;
		seq_buf_printf(
			s,
			"Node %d, zone %s: protection[%d] %ld, file says %ld\n",
			nid, zi_zone_names[zid], i, zone->lowmem_reserve[i],
			z->protection[i]);
	}
	zi_diff_value(s, nid, zid, "managed", zone->managed_pages,
		      z->val[ZI_MANAGED]);
	zi_diff_value(s, nid, zid, "present", zone->present_pages,
		      z->val[ZI_PRESENT]);
	zi_diff_value(s, nid, zid, "spanned", zone->spanned_pages,
		      z->val[ZI_SPANNED]);
	if (z->val_line[ZI_START_PFN])
		zi_diff_value(s, nid, zid, "start_pfn", zone->zone_start_pfn,
			      z->val[ZI_START_PFN]);
}

/*
 * The boot computed the watermarks and lowmem_reserve[] (mm/page_alloc.c:
 * init_per_zone_wmark_min(), and again when khugepaged raised
 * min_free_kbytes) before free_initmem() gave the init sections to the
 * buddy allocator; nothing recomputes them until a sysctl write or a
 * memory hotplug, so a live zoneinfo's values come from a smaller
 * managed count than the one it prints. Copy the file's values over the
 * recomputed ones, then totalreserve_pages from them as
 * calculate_totalreserve_pages() did, and the per-cpu lists' high_min
 * from the low mark kept, as setup_per_zone_wmarks()'s zone_pcp_update()
 * did (high_max comes from today's managed pages: the kernel's came from
 * the boot's, about 1% fewer).
 */
int sim_zoneinfo_keep_reserves(struct sim *sim, const char *text, char *err,
			       size_t errlen)
{
	static const enum zi_field wmark_fields[NR_WMARK] = {
		[WMARK_MIN] = ZI_MIN,
		[WMARK_LOW] = ZI_LOW,
		[WMARK_HIGH] = ZI_HIGH,
		[WMARK_PROMO] = ZI_PROMO,
	};
	struct zi_text *zi;
	int ret;

	if (!sim || !text)
		return -EINVAL;
	ret = zoneinfo_read(text, &zi, err, errlen);
	if (ret)
		goto out_free;
	for (int nid = 0; nid < zi->nr_nodes && nid < sim->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct zi_zone *z = &zi->zones[nid][zid];
			struct zone *zone =
				&sim->node_data[nid].node_zones[zid];

			if (!zi->seen[nid][zid])
				continue;
			for (int i = 0; i < NR_WMARK; i++)
				if (z->val_line[wmark_fields[i]])
					zone->_watermark[i] =
						z->val[wmark_fields[i]];
			for (int i = 0; i < z->nr_protection; i++)
				zone->lowmem_reserve[i] = z->protection[i];
			if (zone->managed_pages)
				zone_pcp_update(sim, zone);
		}
	}
	calculate_totalreserve_pages(sim);
out_free:
	free(zi);
	return ret;
}

char *sim_zoneinfo_diff(const struct sim *sim, const char *text)
{
	struct seq_buf s = { 0 };
	struct zi_text *zi;
	char err[160];
	int ret;

	ret = zoneinfo_read(text, &zi, err, sizeof(err));
	if (!zi)
		return NULL;
	if (ret) {
		seq_buf_printf(&s, "zoneinfo: %s\n", err);
		goto out;
	}
	for (int nid = 0; nid < SIM_MAX_NODES; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			bool in_file = nid < zi->nr_nodes && zi->seen[nid][zid];
			bool in_sim = nid < sim->nr_nodes;

			if (in_file && !in_sim)
				seq_buf_printf(
					&s,
					"Node %d, zone %s: not in the simulation\n",
					nid, zi_zone_names[zid]);
			else if (in_sim && !in_file &&
				 populated_zone(
					 &sim->node_data[nid].node_zones[zid]))
				seq_buf_printf(
					&s,
					"Node %d, zone %s: not in the file\n",
					nid, zi_zone_names[zid]);
			else if (in_file)
				zi_diff_zone(
					&s,
					&sim->node_data[nid].node_zones[zid],
					&zi->zones[nid][zid], nid, zid);
		}
	}
out:
	free(zi);
	if (!s.len) {
		free(s.buffer);
		return NULL;
	}
	return seq_buf_detach(&s);
}

/* }====== */
