// SPDX-License-Identifier: GPL-2.0-only
/*
 * The keys of the application shell, one table that both the dispatcher
 * and the help overlay read, so the help always lists every key. Keys
 * typed while the REPL has the focus go to the line editor instead, except
 * the few that edit.c's loop takes first (Esc, PgUp/PgDn, F1, Ctrl-C).
 */
#include "pane.h"

#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct ui_keydef keydefs[] = {
	{ 'q', "q", "quit (asks if a script is running)" },
	{ '?', "? F1", "this help; any key closes it" },
	{ ' ', "space", "run / pause simulated time" },
	{ '+', "+ -", "faster / slower" },
	{ 's', "s S n c", "step, step out, next balance, continue" },
	{ ':', ": Tab  Esc", "focus the REPL / leave it (keys act on panes)" },
	{ UI_KEYDEF_PANES, "", "" }, /* the pane letters, from pane.c */
	{ 0, "", "a pane's letter shows and focuses; again: hides" },
	{ 'f', "f", "focus the next pane" },
	{ 0, "j k PgUp PgDn Home",
	  "scroll the focused pane (End: back to newest)" },
	{ 0, "/", "trace pane: filter lines (Enter sets, empty: all)" },
	{ '1', "1 2 3", "layout: overview, lecture (chart large), debug" },
	{ UI_KEY_ENTER, "Enter  ] [  R",
	  "demo: continue; next / previous chapter; restart" },
	{ UI_CTRL('l'), "Ctrl-L", "redraw the screen" },
	{ UI_KEY_INTR, "Ctrl-C",
	  "stop Lua; drop the line; at an empty prompt: quit" },
	{ 0, "In the REPL:", "" },
	{ 0, "Enter", "evaluate; an expression prints its value" },
	{ 0, "Tab", "complete names, fields, zones, sysctls" },
	{ 0, "Up Down  Ctrl-R", "history (kept across sessions); search it" },
	{ 0, "PgUp PgDn", "scroll the REPL output" },
	{ 0, "Ctrl-A E K U W", "emacs editing keys; Alt-B Alt-F: words" },
};

const struct ui_keydef *ui_keys(size_t *n)
{
	*n = ARRAY_SIZE(keydefs);
	return keydefs;
}

static void focus_next(struct ui *ui)
{
	int start = (int)(ui->focus - ui->panes);

	for (int i = 1; i <= ui->nr_panes; i++) {
		struct pane *p = &ui->panes[(start + i) % ui->nr_panes];

		if (p->visible && p->h > 0 && p->type->title) {
			ui->focus = p;
			return;
		}
	}
}

/*
 * A pane's letter: a hidden pane is shown and takes the keys, a shown one
 * takes the keys, and the pane that has them is hidden (htop's F-keys on
 * a meter, tmux's select-pane then kill-pane, in one key).
 */
static void toggle_pane(struct ui *ui, struct pane *p)
{
	const char *what;

	if (!p->visible) {
		p->visible = true;
		ui->layout_custom = true;
		ui->focus = p;
		what = "shown";
	} else if (ui->focus != p) {
		ui->focus = p;
		what = "focused";
	} else {
		p->visible = false;
		ui->layout_custom = true;
		/* keys stay with the panes: the status line takes them */
		ui->focus = pane_find(ui, "status");
		what = "hidden";
	}
	ui_message(ui, false, "%s pane %s", p->type->name, what);
}

static void change_speed(struct ui *ui, int delta)
{
	ui_change_speed(ui, delta);
	ui_message(ui, false, "speed %s", ui_speed_name(ui));
}

static bool pane_toggle_key(struct ui *ui, int key)
{
	for (int i = 0; i < ui->nr_panes; i++) {
		if (ui->panes[i].type->toggle_key == key) {
			toggle_pane(ui, &ui->panes[i]);
			return true;
		}
	}
	return false;
}

bool ui_global_key(struct ui *ui, int key)
{
	switch (key) {
	case 'q':
		if (ui->script_active)
			ui->confirm = CONFIRM_QUIT;
		else
			ui->quit = true;
		return true;
	case '?':
	case UI_KEY_F1:
		ui->help = true;
		return true;
	case ' ':
		ui->running = !ui->running;
		ui_message(ui, false, "%s", ui->running ? "running" : "paused");
		return true;
	case '+':
	case '=':
		change_speed(ui, 1);
		return true;
	case '-':
		change_speed(ui, -1);
		return true;
	case 's':
		ui_eval_key_line(ui, "step()");
		return true;
	case 'S':
		ui_eval_key_line(ui, "step_out()");
		return true;
	case 'n':
		ui_eval_key_line(ui, "step(\"balance\")");
		return true;
	case 'c':
		ui_continue(ui);
		return true;
	case ':':
	case '\t':
		ui->focus = ui->repl;
		return true;
	case 'f':
		focus_next(ui);
		return true;
	case '1':
	case '2':
	case '3':
		layout_apply(ui, (enum ui_layout)(key - '1'), ui->rows,
			     ui->cols);
		if (ui->layout_auto)
			ui->layout_auto = 2;
		if (!ui->focus->visible)
			ui->focus = pane_find(ui, "status");
		ui_message(ui, false, "%s layout", layout_name(ui->layout));
		return true;
	}
	return pane_toggle_key(ui, key);
}
