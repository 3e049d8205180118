/*
 * gen-ordercodes - deterministic input for `crm-order encode` by the
 * default order-code layout (share/crm/order-code.json), for benchmarks.
 *
 * usage: gen-ordercodes [-n RECORDS] [-s SEED]
 *
 * Writes exactly RECORDS lines (default 1,000,000), one order line each:
 * id, a plant of the layout's map, a demand week ("YYYY-Www", every week
 * of 2024 to 2030, 53-week years included), seq (1 to 9999, so no
 * database is needed), colour (none, one or two characters) and 0 to 4
 * distinct option codes in no particular order.  The same -n and -s
 * always give the same bytes (splitmix64, no libc randomness).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t state;

/* splitmix64: small, fast and good enough for test data. */
static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number from lo to hi, both included. */
static long
pick(long lo, long hi)
{
	return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

static const char *const plants[] = { "SH", "BJ", "CQ", "GZ", "CC", "WH" };
static const char codes[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* Weekday of December 31 of y, 0 = Sunday; a year has 53 ISO weeks when
 * it ends on a Thursday or the year before on a Wednesday. */
static int
dec31(long y)
{
	return (int)((y + y / 4 - y / 100 + y / 400) % 7);
}

static int
weeks_in(long y)
{
	return dec31(y) == 4 || dec31(y - 1) == 3 ? 53 : 52;
}

static long
number(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < 0) {
		fprintf(stderr, "gen-ordercodes: %s: not a number: %s\n", what,
		    s);
		exit(64);
	}
	return v;
}

int
main(int argc, char **argv)
{
	long n = 1000000, i, year;
	int c, k, j, m, week;
	char opt[4][3];

	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		switch (c) {
		case 'n': n = number(optarg, "-n"); break;
		case 's': state = (uint64_t)number(optarg, "-s"); break;
		default:
			fprintf(stderr, "usage: gen-ordercodes [-n RECORDS] "
			    "[-s SEED]\n");
			return 64;
		}
	}
	for (i = 1; i <= n; i++) {
		year = pick(2024, 2030);
		week = (int)pick(1, weeks_in(year));
		printf("{\"id\":\"L%07ld\",\"plant\":\"%s\",\"demand_week\":"
		    "\"%ld-W%02d\",\"seq\":%ld", i, plants[pick(0, 5)], year,
		    week, pick(1, 9999));
		switch (pick(0, 9)) {
		case 0: case 1: break;
		case 2: case 3: case 4:
			printf(",\"colour\":\"%c\"", codes[pick(0, 35)]);
			break;
		default:
			printf(",\"colour\":\"%c", codes[pick(0, 35)]);
			printf("%c\"", codes[pick(0, 35)]);
		}
		k = (int)pick(0, 4);
		for (j = 0; j < k; j++) {
			do {
				opt[j][0] = codes[pick(0, 35)];
				opt[j][1] = codes[pick(0, 35)];
				opt[j][2] = '\0';
				for (m = 0; m < j && strcmp(opt[m], opt[j]) != 0;
				    m++)
					;
			} while (m < j);
			printf("%s\"%s\"", j == 0 ? ",\"options\":[" : ",",
			    opt[j]);
		}
		printf("%s}\n", k > 0 ? "]" : "");
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-ordercodes");
		return 74;
	}
	return 0;
}
