/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal test harness for the core's C tests: CHECK_* report the file,
 * line and both values, count failures, and carry on; check_done() prints
 * "N passed, N failed" and returns the exit status.
 */
#ifndef KSS_TESTS_CHECK_H
#define KSS_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (cond) {                                                    \
			check_passed++;                                        \
		} else {                                                       \
			check_failed++;                                        \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond);                              \
		}                                                              \
	} while (0)

#define CHECK_EQ(a, b)                                                        \
	do {                                                                  \
		long long check_a_ = (long long)(a);                          \
		long long check_b_ = (long long)(b);                          \
		if (check_a_ == check_b_) {                                   \
			check_passed++;                                       \
		} else {                                                      \
			check_failed++;                                       \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
				__FILE__, __LINE__, #a, check_a_, check_b_);  \
		}                                                             \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *check_a_ = (a), *check_b_ = (b);               \
		if (check_a_ && check_b_ && !strcmp(check_a_, check_b_)) { \
			check_passed++;                                    \
		} else {                                                   \
			check_failed++;                                    \
			fprintf(stderr,                                    \
				"%s:%d: %s == \"%s\", expected \"%s\"\n",  \
				__FILE__, __LINE__, #a,                    \
				check_a_ ? check_a_ : "(null)",            \
				check_b_ ? check_b_ : "(null)");           \
		}                                                          \
	} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif /* KSS_TESTS_CHECK_H */
