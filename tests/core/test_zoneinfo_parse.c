// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc/zoneinfo reader (vmstat_parse.c): a real 6.18 host's file and
 * the 6.12 fixtures read into a boot configuration, the booted machine
 * printed again by mm/vmstat.c: zoneinfo_show_print() and compared with
 * the file, and malformed texts rejected with "line N: ..." messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "machine.h"

/* {====== helpers */

static void check_zone(const struct sim_config *cfg, int nid, int zid,
		       unsigned long start_pfn, unsigned long spanned,
		       unsigned long present, unsigned long managed)
{
	const struct sim_zone_config *zc = &cfg->nodes[nid].zones[zid];

	CHECK_EQ(zc->start_pfn, start_pfn);
	CHECK_EQ(zc->spanned, spanned);
	CHECK_EQ(zc->present, present);
	CHECK_EQ(zc->managed, managed);
}

/*
 * The lines both kernels print identically and that a boot must
 * reproduce: zone headers, the watermark block, sizes, protection, the
 * stat threshold and start_pfn. (6.18 adds and drops stat lines and
 * widens the pageset lines, kernel-facts A8.3.)
 */
static bool structure_line(const char *s, size_t len)
{
	static const char *const keys[] = {
		"Node ",
		"boost ",
		"min ",
		"low ",
		"high ",
		"promo ",
		"spanned ",
		"present ",
		"managed ",
		"protection:",
		"vm stats threshold:",
		"node_unreclaimable:",
		"start_pfn:",
	};

	while (len && *s == ' ') {
		s++;
		len--;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (len >= strlen(keys[i]) &&
		    !strncmp(s, keys[i], strlen(keys[i])))
			return true;
	return false;
}

static const char *next_structure_line(const char *s, size_t *len)
{
	while (*s) {
		size_t n = strcspn(s, "\n");

		if (structure_line(s, n)) {
			*len = n;
			return s;
		}
		s += n + (s[n] == '\n');
	}
	*len = 0;
	return s;
}

/* Compare the structure lines of two zoneinfo texts, in order. */
static void check_structure(const char *got, const char *want)
{
	int nr = 0;

	for (;;) {
		size_t g, w;

		got = next_structure_line(got, &g);
		want = next_structure_line(want, &w);
		if (!g || !w)
			break;
		nr++;
		if (g != w || memcmp(got, want, g)) {
			fprintf(stderr,
				"structure line %d:\n  got  '%.*s'\n  want '%.*s'\n",
				nr, (int)g, got, (int)w, want);
			CHECK(false);
			return;
		}
		got += g;
		want += w;
	}
	CHECK(!*got && !*want);
	CHECK(nr > 0);
}

/* }====== */

/* {====== the host's file */

/*
 * tests/fixtures/zoneinfo-host-6.18.txt is /proc/zoneinfo of a 6.18
 * Firecracker guest: 1 node, 2 CPUs (two "cpu:" entries per pagesets),
 * DMA, DMA32 and a Normal zone whose managed pages are far below present
 * (the host boots with lazy deferred init, kernel-facts A0).
 */
static void test_parse_host(void)
{
	char *text = read_file("zoneinfo-host-6.18.txt");
	struct sim_config cfg;
	char err[256] = "";

	sim_config_default(&cfg);
	cfg.seed = 42;
	CHECK_EQ(sim_config_from_zoneinfo(text, &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_EQ(cfg.nr_nodes, 1);
	CHECK_EQ(cfg.nr_cpus, 2);
	check_zone(&cfg, 0, ZONE_DMA, 1, 4095, 3998, 3840);
	check_zone(&cfg, 0, ZONE_DMA32, 4096, 1044480, 782336, 772808);
	check_zone(&cfg, 0, ZONE_NORMAL, 1048576, 5505024, 5505024, 360448);
	check_zone(&cfg, 0, ZONE_MOVABLE, 0, 0, 0, 0);
	check_zone(&cfg, 0, ZONE_DEVICE, 0, 0, 0, 0);
	/* what the file cannot say stays as the caller set it */
	CHECK_EQ(cfg.seed, 42);
	CHECK_EQ(cfg.sysctl.min_free_kbytes, -1);
	CHECK(cfg.thp);
	free(text);
}

/*
 * Parse, boot, print. The host's sysctls, read from /proc/sys/vm when the
 * fixture was captured: min_free_kbytes 67584, watermark_scale_factor 10,
 * watermark_boost_factor 15000, lowmem_reserve_ratio 256 256 32 0 0,
 * percpu_pagelist_high_fraction 0 (all the kernel's defaults), and THP
 * "madvise", for which hugepage_pmd_enabled() is true. So the boot must
 * compute min_free_kbytes itself and land on the host's value
 * (mm/khugepaged.c: set_recommended_min_free_kbytes(), kernel-facts A2.4):
 *   3 populated lowmem zones: 512 * 3 * 2 + 512 * 3 * 9 = 16896 pages
 *   = 67584 kB, the cap nr_free_buffer_pages() / 20 > 55000 not binding.
 * __setup_per_zone_wmarks(), pages_min 16896, lowmem_pages
 * 3840 + 772808 + 360448 = 1137096:
 *   DMA    16896 * 3840 / 1137096 = 57, d = 14     -> 57/71/85/99
 *   DMA32  16896 * 772808 / 1137096 = 11483, d = 2870
 *                                          -> 11483/14353/17223/20093
 *   Normal 16896 * 360448 / 1137096 = 5355, d = 1338 -> 5355/6693/8031/9369
 * setup_per_zone_lowmem_reserve(): DMA 772808 / 256 = 3018,
 *   1133256 / 256 = 4426; DMA32 360448 / 256 = 1408.
 * calculate_normal_threshold(), 2 CPUs: 4 / 24 / 20.
 * Every structure line of the file must come back unchanged.
 */
static void test_round_trip_host(void)
{
	char *text = read_file("zoneinfo-host-6.18.txt");
	struct sim_config cfg;
	struct sim *sim = NULL;
	char err[256] = "";
	char *out, *diff;
	long mfk = 0;

	sim_config_default(&cfg);
	cfg.thp = true;
	cfg.sysctl.min_free_kbytes = -1; /* computed at boot */
	cfg.sysctl.watermark_scale_factor = 10;
	cfg.sysctl.watermark_boost_factor = 15000;
	cfg.sysctl.percpu_pagelist_high_fraction = 0;
	CHECK_EQ(sim_config_from_zoneinfo(text, &cfg, err, sizeof(err)), 0);
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), 0);
	if (!sim) {
		fprintf(stderr, "sim_create: %s\n", err);
		free(text);
		return;
	}
	CHECK_EQ(sim_sysctl_get(sim, "min_free_kbytes", &mfk, 1), 1);
	CHECK_EQ(mfk, 67584);

	/*
	 * mm/sparse.c: 512 memmap pages per present 128 MiB section. The
	 * host's /proc/vmstat says nr_memmap_boot_pages 98304: DMA and
	 * DMA32 fill sections 0..23 (RAM up to pfn 786432, the PCI hole
	 * above), Normal 5505024 / 32768 = 168 more; 192 * 512 = 98304.
	 */
	{
		unsigned long val = 0;

		CHECK_EQ(sim_vmstat_get(sim, "nr_memmap_boot_pages", &val), 0);
		CHECK_EQ(val, 98304);
	}

	out = sim_zoneinfo(sim);
	check_structure(out, text);
	diff = sim_zoneinfo_diff(sim, text);
	CHECK(diff == NULL);
	if (diff)
		fprintf(stderr, "sim_zoneinfo_diff:\n%s", diff);
	free(diff);

	/* A changed file value is reported, one line per difference. */
	{
		char *changed = malloc(strlen(text) + 1);
		char *p;

		strcpy(changed, text);
		p = strstr(changed, "min      11483");
		CHECK(p != NULL);
		if (p)
			memcpy(p, "min      11484", 14);
		p = strstr(changed, "protection: (0, 0, 1408,");
		CHECK(p != NULL);
		if (p)
			memcpy(p, "protection: (0, 0, 1409,", 24);
		diff = sim_zoneinfo_diff(sim, changed);
		CHECK_STR(
			diff,
			"Node 0, zone DMA32: min 11483, file says 11484\n"
			"Node 0, zone DMA32: protection[2] 1408, file says 1409\n");
		free(diff);
		free(changed);
	}
	free(out);
	free(text);
	sim_destroy(sim);
}

/*
 * The 6.12 fixtures are the printed text of hand-computed machines
 * (tests/core/test_vmstat.c gives their arithmetic). Reading one and
 * booting what it says must print it again, byte for byte.
 */
static void test_round_trip_fixture(const char *name, int nr_nodes)
{
	char *text = read_file(name);
	struct sim_config cfg;
	struct sim *sim = NULL;
	char err[256] = "";
	char *out;

	sim_config_default(&cfg);
	CHECK_EQ(sim_config_from_zoneinfo(text, &cfg, err, sizeof(err)), 0);
	CHECK_EQ(cfg.nr_nodes, nr_nodes);
	CHECK_EQ(cfg.nr_cpus, 2);
	CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), 0);
	if (!sim) {
		fprintf(stderr, "sim_create: %s\n", err);
		free(text);
		return;
	}
	out = sim_zoneinfo(sim);
	CHECK_STR(out, text);
	CHECK(sim_zoneinfo_diff(sim, text) == NULL);
	free(out);
	free(text);
	sim_destroy(sim);
}

/* }====== */

/* {====== malformed texts */

/*
 * One populated zone, printed as zoneinfo_show_print() would, with its
 * sizes as given (the stat lines are left out: the reader skips them).
 */
static void zone_text(char *buf, size_t len, const char *header,
		      const char *spanned, const char *present,
		      const char *managed)
{
	snprintf(buf, len,
		 "%s\n"
		 "  pages free     100\n"
		 "        boost    0\n"
		 "        min      1\n"
		 "        low      2\n"
		 "        high     3\n"
		 "        promo    4\n"
		 "        spanned  %s\n"
		 "        present  %s\n"
		 "        managed  %s\n"
		 "        cma      0\n"
		 "        protection: (0, 0, 0, 0, 0)\n"
		 "  pagesets\n"
		 "    cpu: 0\n"
		 "              count: 0\n"
		 "              high:  0\n"
		 "              batch: 1\n"
		 "  vm stats threshold: 4\n"
		 "  node_unreclaimable:  0\n"
		 "  start_pfn:           4096\n",
		 header, spanned, present, managed);
}

static void check_parse_error(const char *text, const char *want)
{
	struct sim_config cfg, orig;
	char err[256] = "";

	sim_config_default(&cfg);
	orig = cfg;
	CHECK_EQ(sim_config_from_zoneinfo(text, &cfg, err, sizeof(err)),
		 -EINVAL);
	CHECK_STR(err, want);
	/* a failed read leaves the configuration as it was */
	CHECK(!memcmp(&cfg, &orig, sizeof(cfg)));
}

static void test_parse_errors(void)
{
	char buf[2048], two[4096];

	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "900",
		  "800");
	{
		struct sim_config cfg;
		char err[256] = "";

		sim_config_default(&cfg);
		CHECK_EQ(sim_config_from_zoneinfo(buf, &cfg, err, sizeof(err)),
			 0);
		CHECK_EQ(cfg.nr_cpus, 1);
		check_zone(&cfg, 0, ZONE_DMA32, 4096, 1000, 900, 800);
		check_zone(&cfg, 0, ZONE_NORMAL, 0, 0, 0, 0);
	}

	check_parse_error("", "line 1: 'Node <id>, zone <name>' expected");
	check_parse_error("\n\n", "line 2: 'Node <id>, zone <name>' expected");
	check_parse_error("  pages free     3\n",
			  "line 1: 'Node <id>, zone <name>' expected");
	check_parse_error("Node zero, zone DMA\n",
			  "line 1: 'Node <id>, zone <name>' expected");
	check_parse_error("Node 0 zone DMA\n",
			  "line 1: 'Node <id>, zone <name>' expected");
	check_parse_error(
		"Node 0, zone  HighMem\n",
		"line 1: zone 'HighMem' is not an x86-64 kernel zone (DMA, DMA32, Normal, Movable, Device expected)");
	check_parse_error("Node 1, zone      DMA\n",
			  "line 1: node 0 expected first, got node 1");
	check_parse_error("Node 9, zone      DMA\n",
			  "line 1: node 9: at most 8 nodes expected");

	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "9OO",
		  "800");
	check_parse_error(buf,
			  "line 9: number expected after 'present', got '9OO'");
	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "900",
		  "-800");
	check_parse_error(
		buf, "line 10: number expected after 'managed', got '-800'");
	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "900",
		  "901");
	check_parse_error(
		buf,
		"line 10: managed 901 > present 900: managed <= present expected");
	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "1001",
		  "800");
	check_parse_error(
		buf,
		"line 9: present 1001 > spanned 1000: present <= spanned expected");

	/* zones in index order, nodes from 0 without gaps */
	zone_text(buf, sizeof(buf), "Node 0, zone    DMA32", "1000", "900",
		  "800");
	snprintf(two, sizeof(two), "%sNode 0, zone      DMA\n", buf);
	check_parse_error(
		two,
		"line 21: zone DMA of node 0 after zone DMA32: zones in index order expected");
	snprintf(two, sizeof(two), "%sNode 2, zone      DMA\n", buf);
	check_parse_error(two, "line 21: node 1 expected after node 0, got 2");

	/* the pagesets of every zone list the same CPUs */
	snprintf(
		two, sizeof(two),
		"%sNode 0, zone   Normal\n"
		"        spanned  10\n        present  10\n        managed  10\n"
		"  pagesets\n    cpu: 0\n    cpu: 1\n  start_pfn:           8192\n",
		buf);
	check_parse_error(
		two,
		"line 21: pagesets of node 0 zone Normal list 2 CPUs, earlier ones 1");

	check_parse_error("Node 0, zone   Normal\n  pages free     1\n",
			  "line 1: node 0 zone Normal has no 'spanned' line");
	check_parse_error(
		"Node 0, zone   Normal\n        spanned  10\n"
		"        present  10\n        managed  10\n",
		"line 1: node 0 zone Normal is populated but has no 'start_pfn:' line");
	check_parse_error(
		"Node 0, zone  Movable\n        spanned  0\n"
		"        present  0\n        managed  0\n",
		"line 4: no populated zone with a 'pagesets' list: nothing to boot");
	check_parse_error(
		"Node 0, zone   Normal\n        protection: (0, 0, x)\n",
		"line 2: 'protection: (n, n, ...)' with at most 5 numbers expected");
	check_parse_error(
		"Node 0, zone   Normal\n        protection: (0, 0, 0, 0, 0, 0)\n",
		"line 2: 'protection: (n, n, ...)' with at most 5 numbers expected");
	check_parse_error("Node 0, zone   Normal\n  pagesets\n    cpu:\n",
			  "line 3: 'name value' expected, got 'cpu:'");

	/* more CPUs than the simulator has: the 65th "cpu:" line */
	{
		size_t n = (size_t)snprintf(two, sizeof(two),
					    "Node 0, zone   Normal\n"
					    "        spanned  10\n"
					    "        present  10\n"
					    "        managed  10\n"
					    "  pagesets\n");

		for (int cpu = 0; cpu < 65; cpu++)
			n += (size_t)snprintf(two + n, sizeof(two) - n,
					      "    cpu: %d\n", cpu);
		check_parse_error(
			two,
			"line 70: at most 64 CPUs expected (the simulator's limit)");
	}

	/* a truncated real file: the header survives, the sizes do not */
	{
		char *text = read_file("zoneinfo-host-6.18.txt");
		char *cut = strstr(text, "  pages free");

		CHECK(cut != NULL);
		if (cut)
			*cut = '\0';
		check_parse_error(
			text, "line 1: node 0 zone DMA has no 'spanned' line");
		free(text);
	}

	/* sim_zoneinfo_diff() says why it cannot compare */
	{
		struct sim_config cfg;
		struct sim *sim = NULL;
		char err[256];
		char *diff;

		sim_config_default(&cfg);
		CHECK_EQ(sim_create(&cfg, &sim, err, sizeof(err)), 0);
		if (sim) {
			diff = sim_zoneinfo_diff(sim, "Node 0, zone HighMem\n");
			CHECK_STR(
				diff,
				"zoneinfo: line 1: zone 'HighMem' is not an x86-64 kernel zone (DMA, DMA32, Normal, Movable, Device expected)\n");
			free(diff);
			sim_destroy(sim);
		}
	}
}

/* }====== */

int main(void)
{
	test_parse_host();
	test_round_trip_host();
	test_round_trip_fixture("zoneinfo-6.12-small.txt", 1);
	test_round_trip_fixture("zoneinfo-6.12-2node.txt", 2);
	test_parse_errors();
	return check_done();
}
