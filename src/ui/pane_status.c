// SPDX-License-Identifier: GPL-2.0-only
/*
 * The status line: model, simulated time, run/pause (or PARKED while a
 * stepped reclaimer holds the clock, HELD while a demo does), speed,
 * seed, which pane has the keys, and the last message (or a y/n question)
 * at the right. One row, no title bar.
 */
#include "pane.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kswapsim/sim.h"
#include "script.h"

static int pane_status_want_h(struct pane *p, int w)
{
	(void)p;
	(void)w;
	return 1;
}

static void pane_status_draw(struct pane *p, struct draw_ctx *dc)
{
	struct ui *ui = p->ui;
	struct sim *sim = script_sim(ui->S);
	enum ui_role role = ROLE_STATUS;
	struct sim_where at;
	char left[160], brief[64], right[256];
	int x = 0, lw, rw;

	draw_clear(dc, ROLE_STATUS);
	x += draw_printf(dc, 0, x, ROLE_STATUS, " kswapsim %s ",
			 script_model(ui->S));
	if (sim && sim_where(sim, &at) == 0) /* time waits for a step */
		x += draw_text(dc, 0, x, ROLE_STATUS_PAUSE, " PARKED ");
	else if (ui->running && ui->script_active && !script_pace(ui->S)->run)
		/* a demo holds time: batch runs none at a pause() either */
		x += draw_text(dc, 0, x, ROLE_STATUS_PAUSE, " HELD ");
	else
		x += draw_text(dc, 0, x,
			       ui->running ? ROLE_STATUS_RUN :
					     ROLE_STATUS_PAUSE,
			       ui->running ? " RUN " : " PAUSE ");
	snprintf(left, sizeof(left),
		 " t=%lu (%.2fs)  speed %s  seed %" PRIu64 "  %s%s",
		 sim ? sim_jiffies(sim) : 0UL,
		 sim ? (double)sim_now_ns(sim) / 1e9 : 0.0, ui_speed_name(ui),
		 script_seed(ui->S),
		 ui->focus == ui->repl ? "[repl]" : "[keys]",
		 ui->script_waiting ? "  script paused" : "");
	snprintf(brief, sizeof(brief), " t=%lu (%.2fs)  %s",
		 sim ? sim_jiffies(sim) : 0UL,
		 sim ? (double)sim_now_ns(sim) / 1e9 : 0.0,
		 ui->focus == ui->repl ? "[repl]" : "[keys]");
	if (ui->confirm == CONFIRM_QUIT) {
		snprintf(right, sizeof(right), " %s ",
			 ui->script_active ?
				 "A script is running. Quit? (y/n)" :
				 "Quit kswapsim? (y/n)");
		role = ROLE_MESSAGE;
	} else if (ui->message[0]) {
		snprintf(right, sizeof(right), " %s ", ui->message);
		role = ui->message_error ? ROLE_ERROR : ROLE_MESSAGE;
	} else {
		snprintf(right, sizeof(right), "? help");
	}
	lw = draw_width(left, strlen(left));
	rw = draw_width(right, strlen(right));
	/*
	 * A message that does not fit drops the speed and seed first,
	 * keeping the time and where the keys go; only one that still does
	 * not fit covers them.
	 */
	if (x + lw + 2 + rw <= dc->w || role == ROLE_STATUS)
		x += draw_text(dc, 0, x, ROLE_STATUS, left) + 2;
	else if (x + draw_width(brief, strlen(brief)) + 2 + rw <= dc->w)
		x += draw_text(dc, 0, x, ROLE_STATUS, brief) + 2;
	else
		x += 1;
	draw_text(dc, 0, x, role, right);
}

const struct pane_type pane_status_type = {
	.name = "status",
	.title = NULL,
	.min_h = 1,
	.want_h = pane_status_want_h,
	.draw = pane_status_draw,
};
