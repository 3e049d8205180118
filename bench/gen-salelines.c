/*
 * gen-salelines - deterministic flat order lines, one JSON object per
 * line with everything a report groups by (order date, region, channel,
 * sku, quantity, amount as a decimal string, currency), for the
 * benchmarks of crm-report group.
 *
 * usage: gen-salelines [-n LINES] [-s SEED]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t state;

/* xorshift64*: the same lines on every machine. */
static uint64_t
next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static long
number(const char *name, const char *s, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min) {
		fprintf(stderr, "gen-salelines: -%s: not a number from %ld: "
		    "%s\n", name, min, s);
		exit(64);
	}
	return v;
}

int
main(int argc, char **argv)
{
	static const char *const regions[] = { "North", "South", "East",
	    "West", "Central", "Coast", "Mountain", "Islands" };
	static const char *const channels[] = { "dealer", "retail", "web",
	    "fleet" };
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long total = 1000000, i, order = 0, line = 0, qty, month, day, year;
	int64_t cents;
	int c;

	state = 88172645463325252ULL;
	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		if (c == 'n')
			total = number("n", optarg, 1);
		else if (c == 's')
			state = (uint64_t)number("s", optarg, 1);
		else {
			fprintf(stderr, "usage: gen-salelines [-n LINES] "
			    "[-s SEED]\n");
			return 64;
		}
	}
	year = 2025;
	month = 0;
	day = 0;
	for (i = 0; i < total; i++) {
		if (line == 0 || next() % 4 == 0) {
			order++;
			line = 0;
			/* Orders in date order over two years. */
			year = 2025 + (i * 2 / total);
			month = (i * 24 / total) % 12;
			day = (long)(next() % (uint64_t)days[month]);
		}
		line++;
		qty = (long)(next() % 9) + 1;
		cents = (int64_t)(next() % 500000) + 99;
		printf("{\"order_id\":\"O%09ld\",\"line_no\":%ld,"
		    "\"order_date\":\"%ld-%02ld-%02ld\",\"region\":\"%s\","
		    "\"channel\":\"%s\",\"sku\":\"SKU%05" PRIu64 "\","
		    "\"qty\":%ld,\"amount\":\"%" PRId64 ".%02" PRId64 "\","
		    "\"currency\":\"EUR\"}\n", order, line, year, month + 1,
		    day + 1, regions[next() % 8], channels[next() % 4],
		    next() % 20000, qty, cents * qty / 100, cents * qty % 100);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-salelines: write error: %s\n",
		    strerror(errno));
		return 74;
	}
	return 0;
}
