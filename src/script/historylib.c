// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data out: the flight recorder's samples (sim_history_sample(), one a
 * jiffy) as files a lecture can use. history.csv(path) writes every held
 * sample as a row, columns named as the kernel names them
 * (node0_Normal_free, nr_inactive_file, pgscan_kswapd, ...);
 * history.svg(path, {...}) draws one zone's free pages against its min,
 * low and high watermarks with kswapd's runs shaded, as a standalone SVG
 * for a slide. Arguments are checked before the file is opened, so a bad
 * call leaves no file behind; a write that fails says which path and why.
 */
#include "bindings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include <kswapsim/sim.h>

#define HIST_HZ 250 /* the core's CONFIG_HZ: sim.h's jiffies at HZ = 250 */

static const char *const lru_names[NR_LRU_LISTS] = {
	[LRU_INACTIVE_ANON] = "nr_inactive_anon",
	[LRU_ACTIVE_ANON] = "nr_active_anon",
	[LRU_INACTIVE_FILE] = "nr_inactive_file",
	[LRU_ACTIVE_FILE] = "nr_active_file",
	[LRU_UNEVICTABLE] = "nr_unevictable",
};

static const char *const kswapd_names[] = {
	[SIM_KSWAPD_SLEEPING] = "sleeping",
	[SIM_KSWAPD_NAPPING] = "napping",
	[SIM_KSWAPD_RUNNING] = "running",
	[SIM_KSWAPD_NONE] = "none",
};

static bool zone_populated(const struct sim *sim, int nid, int zid)
{
	struct sim_zone_info zi;

	return !sim_zone_info(sim, nid, zid, &zi) && zi.managed;
}

/* Close f; on any error so far, raise one naming path and the reason. */
static void finish_file(lua_State *L, FILE *f, const char *what,
			const char *path)
{
	int err = ferror(f) ? errno : 0;

	if (fclose(f) && !err)
		err = errno;
	if (err)
		luaL_error(L, "%s: cannot write %s: %s", what, path,
			   strerror(err ? err : EIO));
}

static FILE *open_file(lua_State *L, const char *what, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		luaL_error(L, "%s: cannot write %s: %s", what, path,
			   strerror(errno));
	return f;
}

/* {====== history.csv */

/*
 * One row a sample: jiffies; per node and populated zone its free pages
 * at the jiffy's end and the lowest they fell to during it, min, low,
 * high (with boost, as zone_watermark_ok() sees them) and the boost; the
 * LRU sizes and isolated pages summed over nodes as /proc/vmstat prints
 * them; each node's kswapd state and whether it ran; the counters.
 */
static void csv_header(FILE *f, const struct sim *sim)
{
	fputs("jiffies,seconds", f);
	for (int nid = 0; nid < sim_nr_nodes(sim); nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const char *z = sim_zone_name(zid);

			if (!zone_populated(sim, nid, zid))
				continue;
			fprintf(f,
				",node%d_%s_free,node%d_%s_free_lowest"
				",node%d_%s_min,node%d_%s_low,node%d_%s_high"
				",node%d_%s_boost",
				nid, z, nid, z, nid, z, nid, z, nid, z, nid, z);
		}
	for (int l = 0; l < NR_LRU_LISTS; l++)
		fprintf(f, ",%s", lru_names[l]);
	fputs(",nr_isolated_anon,nr_isolated_file", f);
	for (int nid = 0; nid < sim_nr_nodes(sim); nid++)
		fprintf(f, ",node%d_kswapd,node%d_kswapd_ran", nid, nid);
	for (int c = 0; c < SIM_NR_HC; c++)
		fprintf(f, ",%s", sim_history_counter_name(c));
	fputc('\n', f);
}

static void csv_row(FILE *f, const struct sim *sim, size_t i)
{
	struct sim_history_sample s[SIM_MAX_NODES];
	unsigned long lru[NR_LRU_LISTS] = { 0 }, iso_anon = 0, iso_file = 0;
	int nodes = sim_nr_nodes(sim);

	for (int nid = 0; nid < nodes; nid++) {
		if (sim_history_sample(sim, i, nid, &s[nid]))
			return;
		for (int l = 0; l < NR_LRU_LISTS; l++)
			lru[l] += s[nid].lru[l];
		iso_anon += s[nid].isolated_anon;
		iso_file += s[nid].isolated_file;
	}
	fprintf(f, "%lu,%.3f", s[0].jiffies, (double)s[0].jiffies / HIST_HZ);
	for (int nid = 0; nid < nodes; nid++)
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct sim_history_zone *z = &s[nid].zone[zid];

			if (!zone_populated(sim, nid, zid))
				continue;
			fprintf(f, ",%lu,%lu,%lu,%lu,%lu,%lu", z->free,
				z->free_low, z->wmark[WMARK_MIN],
				z->wmark[WMARK_LOW], z->wmark[WMARK_HIGH],
				z->boost);
		}
	for (int l = 0; l < NR_LRU_LISTS; l++)
		fprintf(f, ",%lu", lru[l]);
	fprintf(f, ",%lu,%lu", iso_anon, iso_file);
	for (int nid = 0; nid < nodes; nid++)
		fprintf(f, ",%s,%d", kswapd_names[s[nid].kswapd],
			s[nid].kswapd_ran ? 1 : 0);
	for (int c = 0; c < SIM_NR_HC; c++)
		fprintf(f, ",%llu", (unsigned long long)s[0].counter[c]);
	fputc('\n', f);
}

/* history.csv(path): the rows written */
static int history_csv(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct sim *sim = script_check_sim(L);
	size_t len = sim_history_len(sim);
	FILE *f = open_file(L, "history.csv", path);

	csv_header(f, sim);
	for (size_t i = 0; i < len; i++)
		csv_row(f, sim, i);
	finish_file(L, f, "history.csv", path);
	lua_pushinteger(L, (lua_Integer)len);
	return 1;
}

/* }====== */

/* {====== history.svg */

struct svg_opts {
	int nid, zid;
	int width, height;
	unsigned long ymax; /* 0: chosen from the data */
	const char *title; /* NULL: made up */
};

/* Plot geometry: margins in px, and the data's ranges. */
struct svg_plot {
	double left, top, pw, ph;
	long j0, j1; /* the first sample covers (j0, j0 + 1] */
	unsigned long ymax;
};

static double px_x(const struct svg_plot *p, double j)
{
	return p->left + (j - (double)p->j0) * p->pw / (double)(p->j1 - p->j0);
}

static double px_y(const struct svg_plot *p, unsigned long v)
{
	if (v > p->ymax)
		v = p->ymax;
	return p->top + p->ph - (double)v * p->ph / (double)p->ymax;
}

static unsigned long nice_ceil(unsigned long v)
{
	static const unsigned long m[] = { 1, 2, 5, 10 };
	unsigned long p = 1;

	while (p * 10 <= v)
		p *= 10;
	for (size_t i = 0; i < ARRAY_SIZE(m); i++)
		if (m[i] * p >= v)
			return m[i] * p;
	return 10 * p;
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/*
 * The zone a plot shows by default: the one whose free pages came
 * nearest its high watermark (lowest free_lowest / high) in the held
 * samples, the higher zone on a tie: the zone reclaim worked for.
 */
static void default_zone(const struct sim *sim, size_t len, int only_nid,
			 int *nid, int *zid)
{
	struct sim_history_sample s;
	double best = 1e300;
	size_t step = len / 4096 + 1;

	*nid = 0;
	*zid = -1;
	for (int n = 0; n < sim_nr_nodes(sim); n++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			if ((only_nid >= 0 && n != only_nid) ||
			    !zone_populated(sim, n, z))
				continue;
			if (*zid < 0)
				*nid = n, *zid = z;
			for (size_t i = 0; i < len; i += step) {
				const struct sim_history_zone *hz;
				double r;

				if (sim_history_sample(sim, i, n, &s))
					break;
				hz = &s.zone[z];
				r = (double)hz->free_low /
				    (double)(hz->wmark[WMARK_HIGH] + 1);
				if (r <= best) {
					best = r;
					*nid = n;
					*zid = z;
				}
			}
		}
}

static int opt_int(lua_State *L, int t, const char *key, int def, int lo,
		   int hi)
{
	lua_Integer v;
	int isnum;

	if (lua_getfield(L, t, key) == LUA_TNIL) {
		lua_pop(L, 1);
		return def;
	}
	v = lua_tointegerx(L, -1, &isnum);
	if (!isnum || v < lo || v > hi)
		luaL_error(L,
			   "history.svg: %s must be an integer from %d to %d, "
			   "got %s",
			   key, lo, hi, luaL_tolstring(L, -1, NULL));
	lua_pop(L, 1);
	return (int)v;
}

static void svg_check_opts(lua_State *L, struct sim *sim, size_t len,
			   struct svg_opts *o)
{
	static const char *const keys[] = { "zone",  "node", "width", "height",
					    "title", "ymax", NULL };

	bool node_given;

	memset(o, 0, sizeof(*o));
	o->width = 900;
	o->height = 450;
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		script_check_keys(L, 2, "history.svg's options", keys);
		o->width = opt_int(L, 2, "width", o->width, 200, 10000);
		o->height = opt_int(L, 2, "height", o->height, 150, 10000);
		o->ymax =
			(unsigned long)opt_int(L, 2, "ymax", 0, 0, 2000000000);
		o->nid = opt_int(L, 2, "node", -1, 0, sim_nr_nodes(sim) - 1);
	} else {
		o->nid = -1;
	}
	node_given = o->nid >= 0;
	default_zone(sim, len, o->nid, &o->nid, &o->zid);
	if (lua_isnoneornil(L, 2))
		return;
	if (lua_getfield(L, 2, "zone") != LUA_TNIL) {
		const char *name = lua_tostring(L, -1);
		int zid;

		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(
				L,
				"history.svg: zone must be a zone's name "
				"(\"DMA\", \"DMA32\", \"Normal\", ...), got %s",
				luaL_typename(L, -1));
		zid = sim_zone_index(name);
		if (!node_given)
			o->nid = 0;
		if (zid < 0)
			luaL_error(L,
				   "history.svg: unknown zone '%s' (expected "
				   "DMA, DMA32, Normal, Movable or Device)",
				   name);
		if (!zone_populated(sim, o->nid, zid))
			luaL_error(L, "history.svg: node %d has no %s pages",
				   o->nid, name);
		o->zid = zid;
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "title") != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(
				L,
				"history.svg: title must be a string, got %s",
				luaL_typename(L, -1));
		o->title = lua_tostring(L, -1);
	}
	/* the title stays on the stack (reachable) until the file is written */
}

/* The shaded spans of kswapd: running and napping, per sample. */
static void svg_kswapd(FILE *f, const struct sim *sim, size_t len,
		       const struct svg_opts *o, const struct svg_plot *p)
{
	struct sim_history_sample s;
	int cur = 0; /* 0 asleep, 1 napping, 2 running */
	long start = 0;

	for (size_t i = 0; i <= len; i++) {
		int st = 0;
		long j = p->j1;

		if (i < len) {
			if (sim_history_sample(sim, i, o->nid, &s))
				break;
			j = (long)s.jiffies - 1;
			st = s.kswapd_ran ? 2 :
			     s.kswapd == SIM_KSWAPD_NAPPING ||
					     s.kswapd == SIM_KSWAPD_RUNNING ?
					    1 :
					    0;
		}
		if (st == cur && i < len)
			continue;
		if (cur) {
			double x0 = px_x(p, (double)start),
			       x1 = px_x(p, (double)j);

			fprintf(f,
				"<rect class=\"kswapd-%s\" x=\"%.1f\" y=\"%.1f\" "
				"width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
				"fill-opacity=\"%s\"/>\n",
				cur == 2 ? "running" : "napping", x0, p->top,
				x1 - x0 < 1 ? 1 : x1 - x0, p->ph,
				cur == 2 ? "#d62728" : "#ffbf00",
				cur == 2 ? "0.25" : "0.18");
		}
		cur = st;
		start = j;
	}
}

/* Ticks: about six, at steps a reader adds in the head. */
static double tick_step(double range)
{
	static const double m[] = { 1, 2, 2.5, 5, 10 };
	double p = 1e-3;

	while (p * 10 <= range / 6)
		p *= 10;
	for (size_t i = 0; i < ARRAY_SIZE(m); i++)
		if (m[i] * p >= range / 6)
			return m[i] * p;
	return 10 * p;
}

static void svg_axes(FILE *f, const struct svg_plot *p)
{
	double secs0 = (double)p->j0 / HIST_HZ, secs1 = (double)p->j1 / HIST_HZ;
	double ts = tick_step(secs1 - secs0), vs = tick_step((double)p->ymax);

	fputs("<g class=\"axes\" font-size=\"12\" fill=\"#333\">\n", f);
	for (double v = 0; v <= (double)p->ymax + vs / 1e6; v += vs) {
		double y = px_y(p, (unsigned long)(v + 0.5));

		fprintf(f,
			"<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#ddd\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n",
			p->left, p->left + p->pw, y, y, p->left - 6, y + 4, v);
	}
	for (double t = ((long)(secs0 / ts) + (secs0 > 0 ? 1 : 0)) * ts;
	     t <= secs1 + ts / 1e6; t += ts) {
		double x = px_x(p, t * HIST_HZ);

		if (x < p->left - 0.5)
			continue;
		fprintf(f,
			"<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#333\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
			x, x, p->top + p->ph, p->top + p->ph + 5, x,
			p->top + p->ph + 19, t);
	}
	fprintf(f,
		"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"fill=\"none\" stroke=\"#333\"/>\n"
		"<text class=\"xlabel\" x=\"%.1f\" y=\"%.1f\" "
		"text-anchor=\"middle\" font-size=\"14\">time (s), HZ = %d: "
		"jiffies %ld to %ld</text>\n"
		"<text class=\"ylabel\" transform=\"translate(%.1f %.1f) "
		"rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">free "
		"pages (4 KiB)</text>\n</g>\n",
		p->left, p->top, p->pw, p->ph, p->left + p->pw / 2,
		p->top + p->ph + 40, HIST_HZ, p->j0 + 1, p->j1, 18.0,
		p->top + p->ph / 2);
}

/* A point of the free pages' line, thinned to four a pixel column. */
struct thin {
	FILE *f;
	const struct svg_plot *p;
	long col;
	double x[4], y[4]; /* first, lowest, highest, last of the column */
	int n;
	double lo, hi;
	int lo_at, hi_at; /* order of arrival, to keep time order */
	int seq;
};

static void thin_flush(struct thin *t)
{
	int order[4] = { 0, -1, -1, 3 };

	if (!t->n)
		return;
	/* first, then lowest and highest in the order they came, then last */
	fprintf(t->f, "%.1f,%.1f ", t->x[0], t->y[0]);
	if (t->lo_at < t->hi_at)
		order[1] = 1, order[2] = 2;
	else
		order[1] = 2, order[2] = 1;
	for (int i = 1; i < 4; i++)
		if (t->n > 1)
			fprintf(t->f, "%.1f,%.1f ", t->x[order[i]],
				t->y[order[i]]);
	t->n = 0;
}

static void thin_point(struct thin *t, double x, double y)
{
	long col = (long)x;

	if (t->n && col != t->col)
		thin_flush(t);
	t->seq++;
	if (!t->n) {
		t->col = col;
		for (int i = 0; i < 4; i++)
			t->x[i] = x, t->y[i] = y;
		t->lo = t->hi = y;
		t->lo_at = t->hi_at = t->seq;
		t->n = 1;
		return;
	}
	/* SVG's y grows downwards: the lowest count has the largest y */
	if (y > t->lo) {
		t->lo = y, t->x[1] = x, t->y[1] = y, t->lo_at = t->seq;
	}
	if (y < t->hi) {
		t->hi = y, t->x[2] = x, t->y[2] = y, t->hi_at = t->seq;
	}
	t->x[3] = x, t->y[3] = y;
	t->n++;
}

static void svg_free_line(FILE *f, const struct sim *sim, size_t len,
			  const struct svg_opts *o, const struct svg_plot *p)
{
	struct sim_history_sample s;
	struct thin t = { .f = f, .p = p };

	fputs("<polyline class=\"free\" fill=\"none\" stroke=\"#1f5fbf\" "
	      "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"",
	      f);
	for (size_t i = 0; i < len; i++) {
		const struct sim_history_zone *z;

		if (sim_history_sample(sim, i, o->nid, &s))
			break;
		z = &s.zone[o->zid];
		/* the jiffy's dip, half way through it, then its end */
		if (z->free_low < z->free)
			thin_point(&t, px_x(p, (double)s.jiffies - 0.5),
				   px_y(p, z->free_low));
		thin_point(&t, px_x(p, (double)s.jiffies), px_y(p, z->free));
	}
	thin_flush(&t);
	fputs("\"/>\n", f);
}

/* min, low, high: a line where the mark held still, else a polyline. */
static void svg_wmarks(FILE *f, const struct sim *sim, size_t len,
		       const struct svg_opts *o, const struct svg_plot *p)
{
	static const char *const name[3] = { "min", "low", "high" };
	static const char *const colour[3] = { "#d62728", "#e08000",
					       "#2ca02c" };
	struct sim_history_sample s;

	for (int w = 0; w < 3; w++) {
		unsigned long first = 0, last = 0;
		bool still = true;

		for (size_t i = 0; i < len; i++) {
			if (sim_history_sample(sim, i, o->nid, &s))
				break;
			last = s.zone[o->zid].wmark[w];
			if (!i)
				first = last;
			still &= last == first;
		}
		if (still) {
			fprintf(f,
				"<line class=\"wmark-%s\" data-pages=\"%lu\" "
				"x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\" stroke-width=\"1.5\" "
				"stroke-dasharray=\"6 3\"/>\n",
				name[w], last, p->left, p->left + p->pw,
				px_y(p, last), px_y(p, last), colour[w]);
		} else {
			struct thin t = { .f = f, .p = p };

			fprintf(f,
				"<polyline class=\"wmark-%s\" data-pages=\"%lu\" "
				"fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
				"stroke-dasharray=\"6 3\" points=\"",
				name[w], last, colour[w]);
			for (size_t i = 0; i < len; i++) {
				if (sim_history_sample(sim, i, o->nid, &s))
					break;
				thin_point(&t, px_x(p, (double)s.jiffies),
					   px_y(p, s.zone[o->zid].wmark[w]));
			}
			thin_flush(&t);
			fputs("\"/>\n", f);
		}
		fprintf(f,
			"<text class=\"wmark-label\" x=\"%.1f\" y=\"%.1f\" "
			"font-size=\"12\" fill=\"%s\">%s %lu</text>\n",
			p->left + p->pw + 4, px_y(p, last) + 4, colour[w],
			name[w], last);
	}
}

static void svg_legend(FILE *f, const struct svg_plot *p)
{
	static const struct {
		const char *label, *colour;
		bool box;
	} items[] = {
		{ "free pages", "#1f5fbf", false },
		{ "min", "#d62728", false },
		{ "low", "#e08000", false },
		{ "high", "#2ca02c", false },
		{ "kswapd running", "#d62728", true },
		{ "kswapd napping", "#ffbf00", true },
	};
	double x = p->left, y = p->top - 12;

	fputs("<g class=\"legend\" font-size=\"12\" fill=\"#333\">\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(items); i++) {
		if (items[i].box)
			fprintf(f,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" "
				"height=\"10\" fill=\"%s\" fill-opacity=\"0.35\"/>\n",
				x, y - 9, items[i].colour);
		else
			fprintf(f,
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
				x, x + 18, y - 4, y - 4, items[i].colour);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 22, y,
			items[i].label);
		x += 30 + 7 * (double)strlen(items[i].label);
	}
	fputs("</g>\n", f);
}

/* history.svg(path [, {zone =, node =, width =, height =, title =, ymax =}]) */
static int history_svg(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct sim *sim = script_check_sim(L);
	size_t len = sim_history_len(sim);
	struct sim_history_sample s;
	struct svg_opts o;
	struct svg_plot p;
	unsigned long minf = ~0UL, maxf = 0, high;
	char title[160];
	FILE *f;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	if (!len)
		return luaL_error(L,
				  "history.svg: no samples yet: time has "
				  "not run (run(ticks) records one a jiffy)");
	svg_check_opts(L, sim, len, &o);
	for (size_t i = 0; i < len; i++) {
		if (sim_history_sample(sim, i, o.nid, &s))
			break;
		if (s.zone[o.zid].free_low < minf)
			minf = s.zone[o.zid].free_low;
		if (s.zone[o.zid].free > maxf)
			maxf = s.zone[o.zid].free;
		if (!i)
			p.j0 = (long)s.jiffies - 1;
		p.j1 = (long)s.jiffies;
	}
	high = s.zone[o.zid].wmark[WMARK_HIGH];
	/*
	 * The scale: with free pages near the watermarks, at most 4*high,
	 * so the band is readable (what soars above is clipped at the top);
	 * far above them, all of the curve.
	 */
	if (o.ymax) {
		p.ymax = o.ymax;
	} else {
		unsigned long top = maxf;

		if (high && minf <= 4 * high && top > 4 * high)
			top = 4 * high;
		if (top < high)
			top = high;
		p.ymax = nice_ceil(top + top / 10 + 1);
	}
	p.left = 80;
	p.top = 60;
	p.pw = o.width - 80 - 90;
	p.ph = o.height - 60 - 60;
	if (!o.title) {
		snprintf(title, sizeof(title),
			 "Node %d %s: free pages against min, low and high",
			 o.nid, sim_zone_name(o.zid));
		o.title = title;
	}
	f = open_file(L, "history.svg", path);
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\">\n<title>",
		o.width, o.height, o.width, o.height);
	xml_text(f, o.title);
	fprintf(f,
		"</title>\n<rect width=\"100%%\" height=\"100%%\" "
		"fill=\"white\"/>\n<text class=\"title\" x=\"%.1f\" y=\"24\" "
		"text-anchor=\"middle\" font-size=\"18\">",
		o.width / 2.0);
	xml_text(f, o.title);
	fputs("</text>\n", f);
	svg_legend(f, &p);
	svg_kswapd(f, sim, len, &o, &p);
	svg_axes(f, &p);
	svg_wmarks(f, sim, len, &o, &p);
	svg_free_line(f, sim, len, &o, &p);
	if (maxf > p.ymax)
		fprintf(f,
			"<text class=\"clipped\" x=\"%.1f\" y=\"%.1f\" "
			"font-size=\"12\" fill=\"#555\">free pages above %lu "
			"(up to %lu) run along the top edge</text>\n",
			p.left + 6, p.top + 16, p.ymax, maxf);
	fputs("</svg>\n", f);
	finish_file(L, f, "history.svg", path);
	lua_pushinteger(L, (lua_Integer)len);
	return 1;
}

/* }====== */

static const luaL_Reg historylib[] = {
	{ "csv", history_csv },
	{ "svg", history_svg },
	{ NULL, NULL },
};

int luaopen_kss_history(lua_State *L)
{
	luaL_newlib(L, historylib);
	lua_setglobal(L, "history");
	lua_pushglobaltable(L);
	return 1;
}
