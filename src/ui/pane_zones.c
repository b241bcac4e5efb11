// SPDX-License-Identifier: GPL-2.0-only
/*
 * The zones pane: one line per populated zone of each node, its free pages
 * (NR_FREE_PAGES) as a gauge against the min/low/high watermarks
 * (*_wmark_pages(), boost included, as zone_watermark_ok() sees them) and
 * the numbers /proc/zoneinfo prints for them. The gauge takes the pane's
 * width (a row of its own below 120 columns) and spans the zone's managed
 * pages; when free pages fall below four times the high watermark it
 * zooms to 0..4*high so the marks stand apart, and labels the scale.
 * M L H P mark min, low, high and promo; p marks min plus the protection
 * (lowmem_reserve[]) the zone keeps from a user page's allocation. The
 * pages on the CPUs' per-cpu lists follow the free pages as ':' (they are
 * not in NR_FREE_PAGES, and a refill moves up to 2016 of them at once),
 * and their number, show_mem's free_pcp, follows the watermarks where the
 * row has room.
 * Under each node's zones, one line for its kswapd (state, the order it
 * was woken for, the priority of its pass, kswapd_failures) and its LRU
 * lists (inactive/active, summed over the zones like /proc/vmstat's
 * nr_inactive_anon ...).
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

struct pane_zones_data {
	int top; /* first line shown when scrolled */
	uint64_t last_sum; /* what was drawn, to redraw only on change */
	int nr_lines;
};

/* Below this width a zone takes two rows: its numbers, then its gauge. */
#define ZONES_WIDE 110

static int zone_rows(int w)
{
	return w < ZONES_WIDE ? 2 : 1;
}

/* mm/vmstat.c: populated_zone() is present_pages != 0; a kswapd line */
static int count_lines(struct sim *sim, int w)
{
	struct sim_zone_info zi;
	int n = 0, per_zone = zone_rows(w);

	for (int nid = 0; sim && nid < sim_nr_nodes(sim); nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++)
			if (!sim_zone_info(sim, nid, zid, &zi) && zi.present)
				n += per_zone;
		n++;
	}
	return n;
}

static int pane_zones_want_h(struct pane *p, int w)
{
	int n = count_lines(script_sim(p->ui->S), w);

	return n > 0 ? n : 1;
}

static int gauge_pos(unsigned long v, unsigned long scale, int gw)
{
	unsigned long long pos;

	if (!scale)
		return 0;
	pos = (unsigned long long)v * (unsigned long long)gw / scale;
	return pos >= (unsigned long long)gw ? gw - 1 : (int)pos;
}

/*
 * The highest zone the machine populates: a user page (GFP_HIGHUSER_MOVABLE)
 * asks for it, so lowmem_reserve[] against it is the protection a lower
 * zone keeps from that allocation (mm/page_alloc.c: zone_watermark_ok()
 * adds it to the mark).
 */
static int highest_zone(struct sim *sim, int nid)
{
	struct sim_zone_info zi;
	int top = 0;

	for (int zid = 0; zid < ZONE_DEVICE; zid++)
		if (!sim_zone_info(sim, nid, zid, &zi) && zi.present)
			top = zid;
	return top;
}

/*
 * The gauge spans the zone's managed pages. The watermarks are a sliver
 * of a large zone (0.2% of 60 GiB), so once free falls below four times
 * the high mark the scale becomes 0..4*high and says so at the gauge's
 * right end; marks outside the scale are not drawn.
 */
/* the gauge cell where a page count ends, scale pages across gw cells */
static int gauge_cells(unsigned long pages, unsigned long scale, int gw)
{
	if (!scale)
		return 0;
	if (pages > scale)
		pages = scale;
	return (int)((unsigned long long)pages * (unsigned long long)gw /
		     scale);
}

static void draw_gauge(struct draw_ctx *dc, int y, int x, int gw,
		       const struct sim_zone_info *zi, long prot)
{
	unsigned long high = zi->wmark[WMARK_HIGH];
	unsigned long scale = zi->managed;
	bool zoom = zi->free < 4 * high;
	enum ui_role fill = ROLE_FREE;
	char label[64];
	int nfree, npcp, lw;

	if (zoom)
		scale = 4 * high;
	if (zi->free <= zi->wmark[WMARK_MIN])
		fill = ROLE_MIN;
	else if (zi->free <= zi->wmark[WMARK_LOW])
		fill = ROLE_LOW;
	nfree = gauge_cells(zi->free, scale, gw);
	npcp = gauge_cells(zi->free + zi->free_pcp, scale, gw) - nfree;
	draw_text(dc, y, x, ROLE_NORMAL, "[");
	draw_bar(dc, y, x + 1, nfree, fill);
	draw_fill(dc, y, x + 1 + nfree, npcp, ROLE_FREE, ':');
	draw_fill(dc, y, x + 1 + nfree + npcp, gw - nfree - npcp,
		  ROLE_GAUGE_EMPTY, '.');
	if (zoom)
		snprintf(label, sizeof(label), " zoom 0..4*high=%lu ", scale);
	else
		snprintf(label, sizeof(label), " 0..managed=%lu ", scale);
	lw = (int)strlen(label);
	if (lw + 8 <= gw)
		draw_text(dc, y, x + 1 + gw - lw, ROLE_AXIS, label);
	if (prot > 0 && zi->wmark[WMARK_MIN] + (unsigned long)prot < scale)
		draw_fill(dc, y,
			  x + 1 +
				  gauge_pos(zi->wmark[WMARK_MIN] +
						    (unsigned long)prot,
					    scale, gw),
			  1, ROLE_PROTECTION, 'p');
	if (zi->wmark[WMARK_PROMO] < scale)
		draw_fill(dc, y,
			  x + 1 + gauge_pos(zi->wmark[WMARK_PROMO], scale, gw),
			  1, ROLE_PROMO, 'P');
	draw_fill(dc, y, x + 1 + gauge_pos(high, scale, gw), 1, ROLE_HIGH, 'H');
	draw_fill(dc, y, x + 1 + gauge_pos(zi->wmark[WMARK_LOW], scale, gw), 1,
		  ROLE_LOW, 'L');
	draw_fill(dc, y, x + 1 + gauge_pos(zi->wmark[WMARK_MIN], scale, gw), 1,
		  ROLE_MIN, 'M');
	draw_text(dc, y, x + 1 + gw, ROLE_NORMAL, "]");
}

/* The numbers /proc/zoneinfo prints for the zone; returns the end column. */
static int draw_numbers(struct draw_ctx *dc, int y, int x,
			const struct sim_zone_info *zi, long prot,
			const char *prot_zone)
{
	x += draw_text(dc, y, x, ROLE_MIN, " min ");
	x += draw_printf(dc, y, x, ROLE_NORMAL, "%7lu", zi->wmark[WMARK_MIN]);
	x += draw_text(dc, y, x, ROLE_LOW, " low ");
	x += draw_printf(dc, y, x, ROLE_NORMAL, "%7lu", zi->wmark[WMARK_LOW]);
	x += draw_text(dc, y, x, ROLE_HIGH, " high ");
	x += draw_printf(dc, y, x, ROLE_NORMAL, "%7lu", zi->wmark[WMARK_HIGH]);
	if (zi->boost)
		x += draw_printf(dc, y, x, ROLE_BOOST, " boost %lu", zi->boost);
	/* narrow panes: the gauge's p and the zone row say which zone */
	if (prot > 0 && zone_rows(dc->w) == 2)
		x += draw_printf(dc, y, x, ROLE_PROTECTION, " prot %ld", prot);
	else if (prot > 0)
		x += draw_printf(dc, y, x, ROLE_PROTECTION,
				 " protection[%s] %ld", prot_zone, prot);
	/* the per-cpu lists' pages, where the row has room for them:
	 * aligned beside a gauge, as short as it gets on a narrow row */
	{
		char pcp[32];
		int n = snprintf(pcp, sizeof(pcp),
				 zone_rows(dc->w) == 2 ? " free_pcp %lu" :
							 " free_pcp %7lu",
				 zi->free_pcp);

		if (x + n <= dc->w)
			x += draw_text(dc, y, x, ROLE_FREE, pcp);
	}
	return x;
}

static void draw_zone(struct draw_ctx *dc, int y,
		      const struct sim_zone_info *zi, int top_zone)
{
	/* " min 1234567 low 1234567 high 1234567": numbers line up */
	const int mw = 37;
	long prot = zi->protection[top_zone];
	const char *pz = sim_zone_name(top_zone);
	int x = 0, gw;

	x += draw_printf(dc, y, x, ROLE_ZONE_NAME, "Node %d %-7s", zi->nid,
			 zi->name);
	x += draw_printf(dc, y, x, ROLE_NORMAL, " free %8lu ", zi->free);
	if (zone_rows(dc->w) == 2) {
		/* narrow: the numbers, then the gauge across the pane */
		draw_numbers(dc, y, x - 1, zi, prot, pz);
		gw = dc->w - 4;
		if (gw >= 8)
			draw_gauge(dc, y + 1, 2, gw, zi, prot);
		return;
	}
	gw = dc->w - x - mw - 2;
	if (zi->boost || prot > 0)
		gw -= 28;
	/* room for " free_pcp 1234567" when the gauge stays readable */
	if (gw - 17 >= 40)
		gw -= 17;
	if (gw >= 8) {
		draw_gauge(dc, y, x, gw, zi, prot);
		x += gw + 2;
	}
	draw_numbers(dc, y, x, zi, prot, pz);
}

/* The node's LRU sizes: the zones' nr_zone_* summed (node_page_state()) */
static void node_lru(struct sim *sim, int nid, unsigned long *lru)
{
	struct sim_zone_info zi;

	memset(lru, 0, NR_LRU_LISTS * sizeof(*lru));
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		if (!sim_zone_info(sim, nid, zid, &zi))
			for (int i = 0; i < NR_LRU_LISTS; i++)
				lru[i] += zi.lru[i];
}

static void draw_node(struct draw_ctx *dc, int y, struct sim *sim, int nid)
{
	struct sim_kswapd_info k;
	unsigned long lru[NR_LRU_LISTS];
	bool running;
	int x = 0;

	if (sim_kswapd_info(sim, nid, &k))
		return;
	node_lru(sim, nid, lru);
	running = strcmp(k.state, "running") == 0;
	x += draw_printf(dc, y, x, ROLE_ZONE_NAME, "Node %d", nid);
	x += draw_printf(dc, y, x,
			 running ? ROLE_KSWAPD_RUNNING : ROLE_KSWAPD_SLEEPING,
			 " kswapd%d %-8s", nid, k.state);
	x += draw_printf(dc, y, x, ROLE_NORMAL, " order %d prio %2d fail %d ",
			 k.order, k.priority, k.failures);
	x += draw_printf(dc, y, x, ROLE_ANON, " anon %lu/%lu",
			 lru[LRU_INACTIVE_ANON], lru[LRU_ACTIVE_ANON]);
	x += draw_printf(dc, y, x, ROLE_FILE, " file %lu/%lu",
			 lru[LRU_INACTIVE_FILE], lru[LRU_ACTIVE_FILE]);
	if (lru[LRU_UNEVICTABLE])
		draw_printf(dc, y, x, ROLE_NORMAL, " unevictable %lu",
			    lru[LRU_UNEVICTABLE]);
}

static void pane_zones_draw(struct pane *p, struct draw_ctx *dc)
{
	struct pane_zones_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	struct sim_zone_info zi;
	int line = 0;

	draw_clear(dc, ROLE_NORMAL);
	if (!sim) {
		draw_text(dc, 0, 0, ROLE_NORMAL, "no machine");
		return;
	}
	d->nr_lines = count_lines(sim, dc->w);
	if (d->top > d->nr_lines - dc->h)
		d->top = d->nr_lines - dc->h;
	if (d->top < 0)
		d->top = 0;
	for (int nid = 0; nid < sim_nr_nodes(sim); nid++) {
		int top_zone = highest_zone(sim, nid);

		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			if (sim_zone_info(sim, nid, zid, &zi) || !zi.present)
				continue;
			if (line >= d->top)
				draw_zone(dc, line - d->top, &zi, top_zone);
			line += zone_rows(dc->w);
		}
		if (line >= d->top)
			draw_node(dc, line - d->top, sim, nid);
		line++;
	}
}

static enum pane_key_result pane_zones_key(struct pane *p, int key)
{
	struct pane_zones_data *d = p->data;

	switch (key) {
	case UI_KEY_UP:
	case 'k':
		if (d->top > 0)
			d->top--;
		return PANE_REDRAW;
	case UI_KEY_DOWN:
	case 'j':
		d->top++;
		return PANE_REDRAW;
	}
	return PANE_IGNORED;
}

/* Redraw when any zone's free pages, watermarks or LRU, or kswapd moved. */
static bool pane_zones_poll(struct pane *p)
{
	struct pane_zones_data *d = p->data;
	struct sim *sim = script_sim(p->ui->S);
	struct sim_zone_info zi;
	struct sim_kswapd_info k;
	uint64_t sum = (uint64_t)(uintptr_t)sim;

	for (int nid = 0; sim && nid < sim_nr_nodes(sim); nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			if (sim_zone_info(sim, nid, zid, &zi))
				continue;
			sum = sum * 31 + zi.free;
			sum = sum * 31 + zi.free_pcp;
			sum = sum * 31 + zi.wmark[WMARK_MIN];
			sum = sum * 31 + zi.wmark[WMARK_HIGH];
			sum = sum * 31 + zi.present;
			for (int i = 0; i < NR_LRU_LISTS; i++)
				sum = sum * 31 + zi.lru[i];
		}
		if (sim_kswapd_info(sim, nid, &k))
			continue;
		sum = sum * 31 + (uint64_t)(uintptr_t)k.state;
		sum = sum * 31 + (uint64_t)k.order;
		sum = sum * 31 + (uint64_t)k.priority;
		sum = sum * 31 + (uint64_t)k.failures;
	}
	if (sum == d->last_sum)
		return false;
	d->last_sum = sum;
	return true;
}

const struct pane_type pane_zones_type = {
	.name = "zones",
	.title =
		"zones: free pages against min/low/high; kswapd; LRU inactive/active",
	.toggle_key = 'z',
	.min_h = 1,
	.data_size = sizeof(struct pane_zones_data),
	.want_h = pane_zones_want_h,
	.draw = pane_zones_draw,
	.key = pane_zones_key,
	.poll = pane_zones_poll,
};
