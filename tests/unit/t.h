/*
 * t.h - the unit test harness: include it, write test functions, list
 * them in main() with RUN(), end with DONE().  Each CHECK counts as one
 * assertion; a failure prints file:line and what differed, and the
 * program exits non-zero.  The last line is "N passed, M failed".
 */
#ifndef CRM_T_H
#define CRM_T_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define T_FAIL(...) do { \
	t_failed++; \
	fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
} while (0)

#define CHECK(cond) do { \
	if (cond) t_passed++; \
	else T_FAIL("CHECK(%s) failed", #cond); \
} while (0)

#define CHECK_INT(got, want) do { \
	long long t_g = (long long)(got), t_w = (long long)(want); \
	if (t_g == t_w) t_passed++; \
	else T_FAIL("%s == %lld, want %lld", #got, t_g, t_w); \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *t_g = (got), *t_w = (want); \
	if (t_g != NULL && t_w != NULL && strcmp(t_g, t_w) == 0) t_passed++; \
	else if (t_g == NULL && t_w == NULL) t_passed++; \
	else T_FAIL("%s == \"%s\", want \"%s\"", #got, \
	    t_g ? t_g : "(null)", t_w ? t_w : "(null)"); \
} while (0)

/* An error message must contain the given text. */
#define CHECK_HAS(got, part) do { \
	const char *t_g = (got), *t_p = (part); \
	if (t_g != NULL && strstr(t_g, t_p) != NULL) t_passed++; \
	else T_FAIL("%s == \"%s\", want it to contain \"%s\"", #got, \
	    t_g ? t_g : "(null)", t_p); \
} while (0)

#define RUN(fn) do { fn(); } while (0)

#define DONE() do { \
	printf("%d passed, %d failed\n", t_passed, t_failed); \
	return t_failed ? 1 : 0; \
} while (0)

#endif
