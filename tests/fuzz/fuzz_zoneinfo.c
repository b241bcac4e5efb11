// SPDX-License-Identifier: GPL-2.0-only
/*
 * The zoneinfo importer (reset{zoneinfo = FILE}): any text either gives a
 * configuration or an error message. A configuration that is small enough
 * to boot quickly is booted, checked with sim_check() and compared with
 * its text, as reset{} does; one the kernel could not have is refused by
 * sim_create() with a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kswapsim/sim.h>

/*
 * Machines whose page frames (pfn 0 up to the last zone's end) fit in
 * 1 GiB boot; larger ones only parse.
 */
#define BOOT_PFNS (1UL << 18)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The end of the highest zone; start_pfn 0 may be laid out past 4 GiB. */
static unsigned long max_pfn(const struct sim_config *cfg)
{
	unsigned long max = 0;

	for (int nid = 0; nid < cfg->nr_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			const struct sim_zone_config *zc =
				&cfg->nodes[nid].zones[zid];
			unsigned long start = zc->start_pfn ? zc->start_pfn :
							      1UL << 20;

			if (!zc->spanned || start + zc->spanned < start)
				continue; /* empty, or wraps: refused at boot */
			if (start + zc->spanned > max)
				max = start + zc->spanned;
		}
	}
	return max;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[256] = "", msg[256];
	struct sim_config cfg;
	struct sim *sim;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sim_config_default(&cfg);
	if (sim_config_from_zoneinfo(text, &cfg, err, sizeof(err))) {
		if (!err[0])
			abort(); /* an error must say what was expected */
		goto out;
	}
	if (max_pfn(&cfg) > BOOT_PFNS)
		goto out;
	if (sim_create(&cfg, &sim, err, sizeof(err)))
		goto out;
	if (sim_check(sim, msg, sizeof(msg))) {
		fprintf(stderr, "sim_check after boot: %s\n", msg);
		abort();
	}
	free(sim_zoneinfo_diff(sim, text));
	sim_destroy(sim);
out:
	free(text);
	return 0;
}
