/*
 * gen-orderlines - deterministic order data in the crm dump format
 * (crm-dump(5)) that `crm-db load` takes, for benchmarks.
 *
 * usage: gen-orderlines [-c] [-n RECORDS] [-s SEED]
 *
 * Writes exactly RECORDS lines (default 1,000,000, at least 100): the
 * dump header, then about 0.1% products, 1% customers, 19% orders and 80%
 * order lines, parents before children so that every reference holds.
 * An order's total_minor is the sum of its lines' amount_minor, and a
 * line's amount_minor is qty * unit_price_minor.  Names and colours mix
 * ASCII, Chinese and strings that need JSON escapes.  The same -n and -s
 * always give the same bytes (splitmix64, no libc randomness).
 *
 * With -c, the same orders as input for `crm-order create` instead: one
 * record per line, the order's fields (customer, date, requested week,
 * plant, region, channel) on its first line, colours as the codes of
 * colour_codes[], no prices (the catalog of the dump prices them).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINES 64	/* lines of one order */

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

#define N(a) ((long)(sizeof(a) / sizeof((a)[0])))
/* An element drawn at random.  The order in which a call's arguments are
 * evaluated is unspecified, so every draw is made in a statement of its
 * own (no two in one call): the same bytes whichever compiler built this. */
#define ANY(a) ((a)[pick(0, N(a) - 1)])

static const char *const regions[] = { "East", "North", "South", "West",
	"华东" };
static const char *const channels[] = { "dealer", "direct", "partner" };
static const char *const kinds[] = { "dealer", "retailer", "end_user" };
static const char *const segments[] = { "SUV", "Sedan", "MPV", "Accessory" };
/* As they stand inside a JSON string: some need escapes.  A name is
 * followed by the row's number. */
static const char *const product_names[] = { "Model 型号",
	"Roof box \\\"XL\\\"", "Floor mat 40\\\\60", "Seat cover\\tgrey" };
static const char *const colours[] = { "珍珠白", "曜石黑", "silver",
	"red \\\"racing\\\"" };
static const char *const colour_codes[] = { "PW", "BK", "SV", "RD" };
/* The plants of the default order-code layout: a scope (plant and week)
 * of the 1,000,000 lines then needs about 3,400 of its 9,999 numbers. */
static const char *const plants[] = { "SH", "BJ", "CQ", "GZ", "CC", "WH" };
static const char *const customer_names[] = { "王氏车行", "李明",
	"张家口汽贸", "刘 \\\"老刘\\\"", "陈", "Smith & Sons", "O'Brien Motors",
	"Müller\\\\Partner" };

static long
number(const char *opt, const char *s, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min) {
		fprintf(stderr, "gen-orderlines: -%s: not a number of at least "
		    "%ld: %s\n", opt, min, s);
		exit(64);
	}
	return v;
}

int
main(int argc, char **argv)
{
	long total = 1000000, nprod, ncust, nord, nline, i, o, line, j, k;
	long rest, orders_left, hi, sku[MAX_LINES], qty[MAX_LINES];
	long customer, month, day, hour, minute, credit, tier, colour;
	int create = 0;
	const char *kind, *region, *channel;
	int64_t *price, sum;
	int c;

	state = 1;
	while ((c = getopt(argc, argv, "cn:s:")) != -1) {
		if (c == 'c')
			create = 1;
		else if (c == 'n')
			total = number("n", optarg, 100);
		else if (c == 's')
			state = (uint64_t)number("s", optarg, 0);
		else {
			fprintf(stderr, "usage: gen-orderlines [-c] [-n RECORDS] "
			    "[-s SEED]\n");
			return 64;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: gen-orderlines [-c] [-n RECORDS] "
		    "[-s SEED]\n");
		return 64;
	}
	nprod = total / 1000 > 0 ? total / 1000 : 1;
	ncust = total / 100 > 0 ? total / 100 : 1;
	nord = total * 19 / 100;
	nline = total - 1 - nprod - ncust - nord;	/* 1: the header */
	if ((price = malloc((size_t)nprod * sizeof(*price))) == NULL) {
		fprintf(stderr, "gen-orderlines: out of memory\n");
		return 70;
	}

	if (!create)
		printf("{\"type\":\"crm_dump\",\"schema_version\":1}\n");
	for (i = 0; i < nprod; i++) {
		price[i] = pick(1000, 30000000);
		if (!create)
			printf("{\"type\":\"products\",\"sku\":\"SKU%06ld\",\"name\":"
		    "\"%s %ld\",\"segment\":\"%s\",\"category\":\"vehicle\","
		    "\"unit\":\"unit\",\"list_price_minor\":%" PRId64 ","
		    "\"currency\":\"CNY\",\"bom_code\":\"BOM%06ld\","
		    "\"active\":1}\n", i, product_names[i % N(product_names)], i,
		    segments[i % N(segments)], price[i], i);
	}
	for (i = 0; i < ncust; i++) {
		kind = ANY(kinds);
		region = ANY(regions);
		channel = ANY(channels);
		credit = pick(0, 100000) * 10000;
		tier = pick(0, 3);
		month = pick(1, 12);
		day = pick(1, 28);
		hour = pick(8, 18);
		minute = pick(0, 59);
		if (!create)
			printf("{\"type\":\"customers\",\"id\":\"C%07ld\",\"name\":"
		    "\"%s %ld\",\"kind\":\"%s\",\"email\":\"c%ld@example.cn\","
		    "\"phone\":\"+86138%08ld\",\"region\":\"%s\",\"channel\":"
		    "\"%s\",\"credit_limit_minor\":%ld,\"currency\":\"CNY\","
		    "\"tier\":\"%c\",\"created_at\":"
		    "\"2025-%02ld-%02ldT%02ld:%02ld:00Z\"}\n", i,
		    customer_names[i % N(customer_names)], i, kind, i, i, region,
		    channel, credit, (char)('A' + tier), month, day, hour,
		    minute);
	}
	/* Lines per order: from 1 to about twice what is left per order,
	 * so that the rest always fits in the orders left. */
	for (o = 0, line = 0; o < nord; o++, line += k) {
		rest = nline - line;
		orders_left = nord - o;
		hi = 2 * rest / orders_left - 1;
		k = pick(1, hi < 1 ? 1 : hi > MAX_LINES ? MAX_LINES : hi);
		if (k > rest - (orders_left - 1))
			k = rest - (orders_left - 1);
		if (k < rest - MAX_LINES * (orders_left - 1))
			k = rest - MAX_LINES * (orders_left - 1);
		if (k < 1 || k > MAX_LINES) {
			fprintf(stderr, "gen-orderlines: cannot spread %ld lines "
			    "over %ld orders\n", rest, orders_left);
			return 70;
		}
		for (sum = 0, j = 0; j < k; j++) {
			sku[j] = pick(0, nprod - 1);
			qty[j] = pick(1, 20);
			sum += qty[j] * price[sku[j]];
		}
		customer = pick(0, ncust - 1);
		month = pick(1, 12);
		day = pick(1, 28);
		region = ANY(regions);
		channel = ANY(channels);
		if (!create)
			printf("{\"type\":\"orders\",\"id\":\"O%08ld\","
			    "\"customer_id\":\"C%07ld\",\"order_date\":"
			    "\"2026-%02ld-%02ld\",\"status\":\"confirmed\","
			    "\"currency\":\"CNY\",\"total_minor\":%" PRId64
			    ",\"region\":\"%s\",\"channel\":\"%s\"}\n", o,
			    customer, month, day, sum, region, channel);
		for (j = 0; j < k; j++) {
			colour = pick(0, N(colours) - 1);
			if (!create)
				printf("{\"type\":\"order_lines\",\"order_id\":"
				    "\"O%08ld\",\"line_no\":%ld,\"sku\":"
				    "\"SKU%06ld\",\"qty\":%ld,"
				    "\"unit_price_minor\":%" PRId64 ","
				    "\"discount_minor\":0,\"amount_minor\":%"
				    PRId64 ",\"colour\":\"%s\"}\n", o, j + 1,
				    sku[j], qty[j], price[sku[j]],
				    qty[j] * price[sku[j]], colours[colour]);
			else if (j == 0)
				printf("{\"order_id\":\"O%08ld\",\"customer_id\":"
				    "\"C%07ld\",\"order_date\":\"2026-%02ld-"
				    "%02ld\",\"requested_week\":\"2027-W%02ld\","
				    "\"plant\":\"%s\",\"region\":\"%s\","
				    "\"channel\":\"%s\",\"sku\":\"SKU%06ld\","
				    "\"qty\":%ld,\"colour\":\"%s\"}\n", o,
				    customer, month, day, (month - 1) * 4 +
				    day / 7 + 1, plants[o % 6], region,
				    channel, sku[j], qty[j], colour_codes[colour]);
			else
				printf("{\"order_id\":\"O%08ld\",\"sku\":"
				    "\"SKU%06ld\",\"qty\":%ld,\"colour\":"
				    "\"%s\"}\n", o, sku[j], qty[j],
				    colour_codes[colour]);
		}
	}
	free(price);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-orderlines: write error: %s\n",
		    strerror(errno));
		return 74;
	}
	return 0;
}
