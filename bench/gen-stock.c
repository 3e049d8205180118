/*
 * gen-stock - a deterministic stock ledger in the crm dump format
 * (crm-dump(5), schema version 4) that `crm-db load` takes, for
 * benchmarks; or issue records for `crm-stock issue` against it.
 *
 * usage: gen-stock [-n MOVES] [-k SKUS] [-l LOCATIONS] [-D DAYS]
 *                  [-s SEED] [-i ISSUES]
 *
 * Writes the dump header, LOCATIONS locations (default 200: warehouses,
 * branches and dealers), SKUS products (default 10,000), then the lots
 * and exactly MOVES ledger rows (default 5,000,000) of DAYS days
 * (default 400) up to and including 2026-11-22.  The ledger is a day by
 * day simulation, so move ids run in date order: every sku is stocked
 * at a few locations of its own; demand, skewed towards popular skus,
 * issues first in first out and a location receives a new lot when it
 * has run out or falls below the sku's reorder point; stock is moved
 * between a sku's locations (the oldest lot there, a pair of rows on the
 * same day) and counts book shrinkage from the oldest lot or a unit
 * found onto the newest.  Stock never goes below zero at any location
 * on any day, and every lot begins with its receipt.  Slow skus keep
 * their lots for months, so every age bucket has stock.
 *
 * With -i, ISSUES records for `crm-stock issue` instead, all on
 * 2026-11-22: sku, qty (1 to 3) and location, drawn over the pairs that
 * hold stock at the end of the ledger and never more in total than a
 * pair holds.
 *
 * The same options always give the same bytes (splitmix64, no libc
 * randomness; lots come first, then moves, as a dump has them, by
 * running the simulation twice).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TODAY_Y 2026
#define TODAY_M 11
#define TODAY_D 22
#define MAX_SKU_LOCATIONS 12

static const char usage_text[] = "usage: gen-stock [-n MOVES] [-k SKUS] "
	"[-l LOCATIONS] [-D DAYS] [-s SEED] [-i ISSUES]\n";

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

/* A lot's quantity at one location. */
struct hold {
	uint32_t lot;
	int32_t qty;
};

/* What one location holds of one sku: its lots oldest first (lots are
 * numbered in the order received, so by lot number), and their sum. */
struct pair {
	struct hold *h;
	uint32_t n, cap;
	int64_t on_hand;
};

struct sku {
	long first;        /* its pairs: pairs[first .. first + k - 1] */
	int k;
	int loc[MAX_SKU_LOCATIONS];
	int lot_min, lot_max, reorder;
	int64_t price;     /* list price */
	int64_t cost;      /* unit cost around which its lots are bought */
};

enum mode { QUIET, LOTS, MOVES };

static long nmoves = 5000000, nskus = 10000, nlocs = 200, ndays = 400;
static uint64_t seed = 1;
static struct sku *skus;
static struct pair *pairs;
static long npairs, popular_step;
static char (*dates)[11];
static enum mode mode;
static long emitted, lots, refs, day, day_first, day_target;

static void
die(const char *what)
{
	fprintf(stderr, "gen-stock: %s\n", what);
	exit(70);
}

static long
number(const char *opt, const char *s, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min) {
		fprintf(stderr, "gen-stock: -%s: not a number of at least "
		    "%ld: %s\n", opt, min, s);
		exit(64);
	}
	return v;
}

static long
gcd(long a, long b)
{
	while (b != 0) {
		long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;
	char buf[64];

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* A sku drawn with demand skewed towards the popular: the square of a
 * uniform draw, spread over the skus so that popularity does not follow
 * the sku number. */
static long
popular_sku(void)
{
	double u = (double)(next() >> 11) / 9007199254740992.0;
	long i = (long)(u * u * (double)nskus);

	if (i >= nskus)
		i = nskus - 1;
	return (i * popular_step) % nskus;
}

/* The instant of the next ledger row: its time of day runs from 08:00
 * to 18:00 over the day's rows. */
static void
instant(char out[32])
{
	long span = day_target - day_first + 1;
	long t = 8 * 3600 + (emitted - day_first) * 36000 / span;

	/* A day's last event may run past its share of rows. */
	if (t > 86399)
		t = 86399;
	snprintf(out, 32, "%sT%02ld:%02ld:%02ldZ", dates[day], t / 3600,
	    t / 60 % 60, t % 60);
}

/* One ledger row. */
static void
row(uint32_t lot, int loc, long qty, const char *kind, const char *ref,
    const char *reason)
{
	char at[32];

	instant(at);
	emitted++;
	if (mode != MOVES)
		return;
	printf("{\"type\":\"stock_moves\",\"id\":%ld,\"lot_id\":\"LOT%07"
	    PRIu32 "\",\"location_id\":\"L%03d\",\"moved_on\":\"%s\","
	    "\"qty\":%ld,\"kind\":\"%s\",\"ref\":\"%s\"", emitted, lot,
	    loc + 1, dates[day], qty, kind, ref);
	if (reason != NULL)
		printf(",\"reason\":\"%s\"", reason);
	printf(",\"recorded_at\":\"%s\"}\n", at);
}

/* Adds qty of lot to p, keeping the lots in order. */
static void
hold_add(struct pair *p, uint32_t lot, int32_t qty)
{
	uint32_t i;

	for (i = p->n; i > 0 && p->h[i - 1].lot > lot; i--)
		;
	if (i > 0 && p->h[i - 1].lot == lot) {
		p->h[i - 1].qty += qty;
	} else {
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 4;
			p->h = realloc(p->h, p->cap * sizeof(*p->h));
			if (p->h == NULL)
				die("out of memory");
		}
		memmove(p->h + i + 1, p->h + i, (p->n - i) * sizeof(*p->h));
		p->h[i].lot = lot;
		p->h[i].qty = qty;
		p->n++;
	}
	p->on_hand += qty;
}

/* Takes qty (at most what it holds) from p's lot at index i. */
static void
hold_take(struct pair *p, uint32_t i, int32_t qty)
{
	p->h[i].qty -= qty;
	p->on_hand -= qty;
	if (p->h[i].qty == 0) {
		memmove(p->h + i, p->h + i + 1, (p->n - i - 1) *
		    sizeof(*p->h));
		p->n--;
	}
}

static void
receive(long s, int j)
{
	struct sku *k = &skus[s];
	long qty = pick(k->lot_min, k->lot_max);
	int64_t cost = k->cost * pick(95, 105) / 100;
	uint32_t lot = (uint32_t)++lots;
	char ref[32], at[32];

	snprintf(ref, sizeof(ref), "GR%08ld", ++refs);
	instant(at);
	if (mode == LOTS)
		printf("{\"type\":\"stock_lots\",\"id\":\"LOT%07" PRIu32 "\","
		    "\"sku\":\"SKU%05ld\",\"received_on\":\"%s\",\"qty\":%ld,"
		    "\"unit_cost_minor\":%" PRId64 ",\"currency\":\"EUR\","
		    "\"location_id\":\"L%03d\",\"recorded_at\":\"%s\"}\n",
		    lot, s + 1, dates[day], qty, cost, k->loc[j] + 1, at);
	row(lot, k->loc[j], qty, "receive", ref, NULL);
	hold_add(&pairs[k->first + j], lot, (int32_t)qty);
}

/* Demand at one of a popular sku's locations: issued first in first
 * out, one row per lot, and a new lot when the location has run out or
 * mostly so.  Never more rows than left. */
static void
demand(long left)
{
	long s = popular_sku();
	struct sku *k = &skus[s];
	int j = (int)pick(0, k->k - 1);
	struct pair *p = &pairs[k->first + j];
	long want = pick(1, 4);
	char ref[32];

	if (p->on_hand == 0) {
		receive(s, j);
		return;
	}
	snprintf(ref, sizeof(ref), "DN%08ld", ++refs);
	while (want > 0 && p->n > 0 && left > 0) {
		int32_t q = p->h[0].qty < want ? p->h[0].qty : (int32_t)want;

		row(p->h[0].lot, k->loc[j], -(long)q, "issue", ref, NULL);
		want -= q;
		left--;
		hold_take(p, 0, q);
	}
	if (left > 0 && p->on_hand < k->reorder && pick(0, 3) != 0)
		receive(s, j);
}

/* Part of the oldest lot at one of a sku's locations to another. */
static int
move(void)
{
	long s = pick(0, nskus - 1);
	struct sku *k = &skus[s];
	int from, to;
	struct pair *p;
	int32_t q;
	uint32_t lot;
	char ref[32];

	if (k->k < 2)
		return 0;
	from = (int)pick(0, k->k - 1);
	to = (from + (int)pick(1, k->k - 1)) % k->k;
	p = &pairs[k->first + from];
	if (p->on_hand == 0)
		return 0;
	lot = p->h[0].lot;
	q = (int32_t)pick(1, p->h[0].qty > 1 ? p->h[0].qty / 2 : 1);
	snprintf(ref, sizeof(ref), "TR%08ld", ++refs);
	row(lot, k->loc[from], -(long)q, "move", ref, NULL);
	row(lot, k->loc[to], q, "move", ref, NULL);
	hold_take(p, 0, q);
	hold_add(&pairs[k->first + to], lot, q);
	return 1;
}

/* A count that differs from the books: shrinkage or damage from the
 * oldest lot, or a unit found, booked onto the newest. */
static int
count(void)
{
	long s = pick(0, nskus - 1);
	struct sku *k = &skus[s];
	int j = (int)pick(0, k->k - 1);
	struct pair *p = &pairs[k->first + j];
	long r = pick(0, 9);
	int32_t q;
	char ref[32];

	if (p->on_hand == 0)
		return 0;
	snprintf(ref, sizeof(ref), "CT%08ld", ++refs);
	if (r < 2) {
		row(p->h[p->n - 1].lot, k->loc[j], 1, "count", ref, "found");
		p->h[p->n - 1].qty++;
		p->on_hand++;
		return 1;
	}
	q = (int32_t)pick(1, 2);
	if (q > p->h[0].qty)
		q = p->h[0].qty;
	row(p->h[0].lot, k->loc[j], -(long)q, "count", ref,
	    r < 8 ? "shrinkage" : "damaged");
	hold_take(p, 0, q);
	return 1;
}

/* The skus, their prices and locations, drawn afresh from the state. */
static void
setup(void)
{
	long s, i, step;
	int j, maxk = nlocs < MAX_SKU_LOCATIONS ? (int)nlocs :
	    MAX_SKU_LOCATIONS;

	for (step = nlocs / 7 + 1; gcd(step, nlocs) != 1; step++)
		;
	for (popular_step = 7919; gcd(popular_step, nskus) != 1;
	    popular_step++)
		;
	for (s = 0, npairs = 0; s < nskus; s++) {
		struct sku *k = &skus[s];
		long first = pick(0, nlocs - 1);

		k->first = npairs;
		k->k = (int)pick(1, maxk);
		for (j = 0; j < k->k; j++)
			k->loc[j] = (int)((first + j * step) % nlocs);
		k->lot_min = (int)pick(4, 12);
		k->lot_max = k->lot_min + (int)pick(5, 50);
		k->reorder = (int)pick(2, 8);
		k->price = pick(500, 2000000);
		k->cost = k->price * pick(50, 75) / 100;
		npairs += k->k;
	}
	for (i = 0; i < npairs; i++) {
		free(pairs[i].h);
		memset(&pairs[i], 0, sizeof(pairs[i]));
	}
}

/* The whole ledger, day by day, writing what m asks for. */
static void
simulate(enum mode m)
{
	mode = m;
	state = seed;
	emitted = lots = refs = 0;
	setup();
	for (day = 0; day < ndays; day++) {
		day_first = emitted;
		day_target = nmoves * (day + 1) / ndays;
		while (emitted < day_target) {
			long left = nmoves - emitted, r = pick(0, 99);

			if (r < 6 && count())
				continue;
			if (r >= 6 && r < 18 && left >= 2 && move())
				continue;
			demand(left);
		}
	}
}

static void
header(void)
{
	long i, nwh = nlocs / 20 > 0 ? nlocs / 20 : 1, nbr = nlocs / 5;
	static const char *const categories[] = { "part", "accessory",
		"vehicle", "tyre" };

	printf("{\"type\":\"crm_dump\",\"schema_version\":4}\n");
	state = seed;
	setup();
	for (i = 0; i < nskus; i++) {
		const char *cat = categories[i % 4];

		printf("{\"type\":\"products\",\"sku\":\"SKU%05ld\",\"name\":"
		    "\"%s %ld\",\"category\":\"%s\",\"unit\":\"pcs\","
		    "\"list_price_minor\":%" PRId64 ",\"currency\":\"EUR\","
		    "\"active\":1}\n", i + 1, i % 9 == 0 ? "Teil Größe" :
		    "Part", i + 1, cat, skus[i].price);
	}
	for (i = 0; i < nlocs; i++) {
		const char *kind = i < nwh ? "warehouse" : i < nbr ? "branch" :
		    "dealer";

		printf("{\"type\":\"locations\",\"id\":\"L%03ld\",\"name\":"
		    "\"%c%s %ld\",\"kind\":\"%s\"}\n", i + 1, kind[0] - 32,
		    kind + 1, i + 1, kind);
	}
}

/* Issue records over what the ledger leaves on hand. */
static void
issues(long n)
{
	long *open, *sku_of, nopen = 0, i, total = 0, s;
	int j;

	open = malloc((size_t)npairs * sizeof(*open));
	sku_of = malloc((size_t)npairs * sizeof(*sku_of));
	if (open == NULL || sku_of == NULL)
		die("out of memory");
	for (s = 0; s < nskus; s++)
		for (j = 0; j < skus[s].k; j++)
			sku_of[skus[s].first + j] = s;
	for (i = 0; i < npairs; i++)
		if (pairs[i].on_hand > 0) {
			open[nopen++] = i;
			total += pairs[i].on_hand;
		}
	/* Every line takes at least one unit. */
	if (total < n)
		die("not enough stock on hand for the issues; fewer issues or "
		    "more moves");
	state = seed ^ 0x1550EULL;
	for (i = 0; i < n; i++) {
		long o, q, p;

		if (nopen == 0)
			die("stock ran out while drawing the issues");
		o = pick(0, nopen - 1);
		p = open[o];
		q = pick(1, 3);
		if (q > pairs[p].on_hand)
			q = pairs[p].on_hand;
		pairs[p].on_hand -= q;
		if (pairs[p].on_hand == 0)
			open[o] = open[--nopen];
		s = sku_of[p];
		j = (int)(p - skus[s].first);
		printf("{\"sku\":\"SKU%05ld\",\"qty\":%ld,\"location\":"
		    "\"L%03d\",\"issued_on\":\"%s\"}\n", s + 1, q,
		    skus[s].loc[j] + 1, dates[ndays - 1]);
	}
	free(sku_of);
	free(open);
}

int
main(int argc, char **argv)
{
	long nissues = -1, today, i;
	int c;

	while ((c = getopt(argc, argv, "n:k:l:D:s:i:")) != -1) {
		if (c == 'n')
			nmoves = number("n", optarg, 1);
		else if (c == 'k')
			nskus = number("k", optarg, 1);
		else if (c == 'l')
			nlocs = number("l", optarg, 1);
		else if (c == 'D')
			ndays = number("D", optarg, 1);
		else if (c == 's')
			seed = (uint64_t)number("s", optarg, 0);
		else if (c == 'i')
			nissues = number("i", optarg, 0);
		else {
			fputs(usage_text, stderr);
			return 64;
		}
	}
	if (optind != argc || nlocs > 999 || nskus > 99999 ||
	    nmoves > 9999999) {
		fputs(usage_text, stderr);
		return 64;
	}
	skus = calloc((size_t)nskus, sizeof(*skus));
	pairs = calloc((size_t)nskus * MAX_SKU_LOCATIONS, sizeof(*pairs));
	dates = malloc((size_t)ndays * sizeof(*dates));
	if (skus == NULL || pairs == NULL || dates == NULL)
		die("out of memory");
	today = days_from_civil(TODAY_Y, TODAY_M, TODAY_D);
	for (i = 0; i < ndays; i++)
		civil_from_days(today - (ndays - 1) + i, dates[i]);

	if (nissues >= 0) {
		simulate(QUIET);
		issues(nissues);
	} else {
		header();
		simulate(LOTS);
		simulate(MOVES);
	}
	for (i = 0; i < npairs; i++)
		free(pairs[i].h);
	free(pairs);
	free(skus);
	free(dates);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-stock: write error: %s\n",
		    strerror(errno));
		return 74;
	}
	return 0;
}
