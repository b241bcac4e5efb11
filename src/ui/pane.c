// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pane registration table: adding a pane is one pane_<name>.c file
 * exporting its struct pane_type and one line here (tmux: cmd_table[],
 * htop: Platform_meterTypes[]). The order is the order on screen, top to
 * bottom.
 */
#include "pane.h"

#include <string.h>

/* one pane a line, whatever clang-format would pack */
/* clang-format off */
static const struct pane_type *const pane_types[] = {
	&pane_status_type,
	&pane_caption_type,
	&pane_zones_type,
	&pane_history_type,
	&pane_lru_type,
	&pane_vmstat_type,
	&pane_source_type,
	&pane_kswapd_type,
	&pane_trace_type,
	&pane_repl_type,
	NULL,
};
/* clang-format on */

const struct pane_type *const *pane_type_table(void)
{
	return pane_types;
}

/*
 * The keys every list pane scrolls with: Up/k and Down/j a row, PgUp and
 * PgDn a page, Home to the first row, End to `end`, the last row the pane
 * can start at as far as it knows (draw() clamps it, knowing the height).
 * False for any other key.
 */
bool pane_scroll_key(int key, int *top, int page, int end)
{
	switch (key) {
	case UI_KEY_UP:
	case 'k':
		(*top)--;
		break;
	case UI_KEY_DOWN:
	case 'j':
		(*top)++;
		break;
	case UI_KEY_PPAGE:
		*top -= page;
		break;
	case UI_KEY_NPAGE:
		*top += page;
		break;
	case UI_KEY_HOME:
		*top = 0;
		break;
	case UI_KEY_END:
		*top = end;
		break;
	default:
		return false;
	}
	if (*top > end)
		*top = end;
	if (*top < 0)
		*top = 0;
	return true;
}

struct pane *pane_find(struct ui *ui, const char *name)
{
	for (int i = 0; i < ui->nr_panes; i++)
		if (!strcmp(ui->panes[i].type->name, name))
			return &ui->panes[i];
	return NULL;
}
