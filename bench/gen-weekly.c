/*
 * gen-weekly - deterministic weekly sales of many skus, as the points
 * `crm-forecast --by sku --period week` reads, for benchmarks.
 *
 * usage: gen-weekly [-n SKUS] [-w WEEKS] [-h HORIZON] [-y YEAR]
 *                   [-s SEED] [-t]
 *
 * Writes {"sku":"W00001","period":"2023-W01","value":12} for each of SKUS
 * skus (default 10,000) and each of WEEKS ISO weeks (default 156: three
 * years) from week 1 of YEAR (default 2023), sku by sku in week order.
 * With -t, the HORIZON weeks (default 13) that follow instead, from the
 * same simulation: what a forecast of that horizon is checked against.
 *
 * The mix is that of a sales organisation's catalogue.  Three skus in
 * four sell every week: a level from 3 to 500 units (log-uniform), a
 * linear trend from -40 % to +80 % over the weeks, yearly seasonality by
 * ISO week of the year (a cosine of amplitude up to 60 % peaking in a
 * week of its own, and for three in ten also a year-end peak in weeks 47
 * to 52), multiplicative noise (a lognormal week-to-week spread of 5 to
 * 30 %) and Poisson counts on top; one in twenty of them is launched
 * during the first two years and sells nothing before.  The fourth sku
 * is intermittent: it sells in 2 to 30 % of the weeks, 1 to a few units
 * at a time, and 0 in all the others (a few sell nothing at all in the
 * history, as dead stock does).
 *
 * The same options always give the same bytes (splitmix64 per sku, no
 * libc randomness).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* M_PI is not C11's nor POSIX's. */
#define PI 3.14159265358979323846

static const char usage_text[] = "usage: gen-weekly [-n SKUS] [-w WEEKS] "
	"[-h HORIZON] [-y YEAR] [-s SEED] [-t]\n";

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

/* A number in [0, 1) with 53 random bits. */
static double
uniform(void)
{
	return (double)(next() >> 11) * 0x1.0p-53;
}

/* A number in [lo, hi). */
static double
between(double lo, double hi)
{
	return lo + (hi - lo) * uniform();
}

/* A standard normal number (Box-Muller; one of the pair is enough). */
static double
normal(void)
{
	double u = 1 - uniform();

	return sqrt(-2 * log(u)) * cos(2 * PI * uniform());
}

/* A Poisson count of mean MU: Knuth's product of uniforms while that is
 * quick, the normal approximation above 30, where it is close. */
static long
poisson(double mu)
{
	double limit, p;
	long k;

	if (mu > 30) {
		double x = floor(mu + sqrt(mu) * normal() + 0.5);

		return x < 0 ? 0 : (long)x;
	}
	limit = exp(-mu);
	p = uniform();
	for (k = 0; p > limit; k++)
		p *= uniform();
	return k;
}

/* The number of ISO weeks in year Y: 53 when 1 January is a Thursday, or
 * a Wednesday in a leap year. */
static int
iso_weeks(long y)
{
	long c = y - 1;
	int jan1 = (int)((c + c / 4 - c / 100 + c / 400) % 7);	/* 0 Monday */
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return jan1 == 3 || (leap && jan1 == 2) ? 53 : 52;
}

/* What one sku is made of. */
struct sku {
	int intermittent;
	double level, trend, amplitude, peak, yearend, spread;
	long launch;		/* the first week it sells in */
	double p_sale, size;	/* intermittent: chance of a sale, its mean */
};

static void
draw_sku(struct sku *k, long weeks)
{
	memset(k, 0, sizeof(*k));
	if (next() % 4 == 0) {
		k->intermittent = 1;
		k->p_sale = between(0.02, 0.30);
		k->size = between(0, 3);
		return;
	}
	k->level = exp(between(log(3), log(500)));
	k->trend = between(-0.4, 0.8);
	k->amplitude = between(0, 0.6);
	k->peak = between(1, 53);
	k->yearend = next() % 10 < 3 ? between(0.3, 1.5) : 0;
	k->spread = between(0.05, 0.30);
	if (next() % 20 == 0)
		k->launch = (long)between(1, (double)weeks * 2 / 3);
}

/* Units sold of sku K in week T (0 the first) of the history of WEEKS,
 * which is week W of its ISO year. */
static long
units(const struct sku *k, long t, long weeks, int w)
{
	double mu;

	if (k->intermittent)
		return uniform() < k->p_sale ? 1 + poisson(k->size) : 0;
	if (t < k->launch)
		return 0;
	mu = k->level * (1 + k->trend * (double)t / (double)weeks);
	mu *= 1 + k->amplitude * cos(2 * PI * (w - k->peak) / 52.1775);
	if (w >= 47 && w <= 52)
		mu *= 1 + k->yearend * (w - 46) / 6;
	mu *= exp(k->spread * normal() - k->spread * k->spread / 2);
	return poisson(mu);
}

static long
number(const char *opt, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "gen-weekly: -%s: not a number from %ld to "
		    "%ld: %s\n", opt, min, max, s);
		exit(64);
	}
	return v;
}

int
main(int argc, char **argv)
{
	long nskus = 10000, weeks = 156, horizon = 13, year0 = 2023, i, t;
	uint64_t seed = 1;
	int c, truth = 0;

	while ((c = getopt(argc, argv, "n:w:h:y:s:t")) != -1) {
		if (c == 'n')
			nskus = number("n", optarg, 1, 99999);
		else if (c == 'w')
			weeks = number("w", optarg, 1, 5000);
		else if (c == 'h')
			horizon = number("h", optarg, 1, 5000);
		else if (c == 'y')
			year0 = number("y", optarg, 1, 9000);
		else if (c == 's')
			seed = (uint64_t)number("s", optarg, 0, LONG_MAX);
		else if (c == 't')
			truth = 1;
		else {
			fputs(usage_text, stderr);
			return 64;
		}
	}
	if (optind != argc) {
		fputs(usage_text, stderr);
		return 64;
	}
	for (i = 1; i <= nskus; i++) {
		struct sku k;
		long year = year0;
		int w = 1;

		/* Each sku its own stream: -t gives the same skus. */
		state = seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i;
		draw_sku(&k, weeks);
		for (t = 0; t < weeks + (truth ? horizon : 0); t++) {
			long v = units(&k, t, weeks, w);

			if (truth == (t >= weeks))
				printf("{\"sku\":\"W%05ld\",\"period\":"
				    "\"%04ld-W%02d\",\"value\":%ld}\n", i,
				    year, w, v);
			if (++w > iso_weeks(year)) {
				w = 1;
				year++;
			}
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-weekly: write error: %s\n",
		    strerror(errno));
		return 74;
	}
	return 0;
}
