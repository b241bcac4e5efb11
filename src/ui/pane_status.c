// SPDX-License-Identifier: GPL-2.0-only
/*
 * The status line: model, simulated time, run/pause, speed, seed, which
 * pane has the keys, and the last message (or a y/n question) at the
 * right. One row, no title bar.
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

/*
 * Simulated time in jiffies. The core has no clock query yet, so the
 * status line shows t=0 until it does.
 */
static unsigned long status_jiffies(struct sim *sim)
{
	(void)sim;
	return 0;
}

static void pane_status_draw(struct pane *p, struct draw_ctx *dc)
{
	struct ui *ui = p->ui;
	struct sim *sim = script_sim(ui->S);
	const struct sim_config *cfg = sim ? sim_get_config(sim) : NULL;
	char left[160];
	int x = 0;

	draw_clear(dc, ROLE_STATUS);
	x += draw_text(dc, 0, x, ROLE_STATUS, " kswapsim 6.12 ");
	x += draw_text(dc, 0, x,
		       ui->running ? ROLE_STATUS_RUN : ROLE_STATUS_PAUSE,
		       ui->running ? " RUN " : " PAUSE ");
	snprintf(left, sizeof(left), " t=%lu  speed %s  seed %" PRIu64 "  %s%s",
		 status_jiffies(sim), ui_speed_name(ui),
		 cfg ? cfg->seed : (uint64_t)0,
		 ui->focus == ui->repl ? "[repl]" : "[keys]",
		 ui->script_waiting ? "  script paused" : "");
	x += draw_text(dc, 0, x, ROLE_STATUS, left);
	if (ui->confirm == CONFIRM_QUIT) {
		draw_text(dc, 0, x + 2, ROLE_MESSAGE,
			  ui->script_active ?
				  " A script is running. Quit? (y/n) " :
				  " Quit kswapsim? (y/n) ");
	} else if (ui->message[0]) {
		draw_printf(dc, 0, x + 2,
			    ui->message_error ? ROLE_ERROR : ROLE_MESSAGE,
			    " %s ", ui->message);
	} else {
		draw_text(dc, 0, x + 2, ROLE_STATUS, "? help");
	}
}

const struct pane_type pane_status_type = {
	.name = "status",
	.title = NULL,
	.min_h = 1,
	.want_h = pane_status_want_h,
	.draw = pane_status_draw,
};
