/*
 * gen-orderlines - deterministic order data in the crm dump format
 * (crm-dump(5)), for benchmarks: about 0.1% products, 1% customers, 19%
 * orders and 80% order lines, parents before children, exactly -n
 * records.  The same -n and -s always give the same bytes.
 *
 * usage: gen-orderlines [-n RECORDS] [-s SEED]
 */
#include <inttypes.h>
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

static long
pick(long lo, long hi)
{
	return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

static const char *const regions[] = { "East", "North", "South", "West" };
static const char *const channels[] = { "dealer", "direct", "partner" };
static const char *const segments[] = { "SUV", "Sedan", "MPV", "Accessory" };
/* As they stand inside a JSON string: one needs escapes. */
static const char *const colours[] = { "珍珠白", "曜石黑", "silver",
	"red \\\"racing\\\"" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈",
	"Smith", "O'Brien" };

#define N(a) ((long)(sizeof(a) / sizeof((a)[0])))

int
main(int argc, char **argv)
{
	long total = 1000000, seed = 1, nprod, ncust, nord, nline;
	long i, o, line;
	int c;

	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		if (c == 'n')
			total = strtol(optarg, NULL, 10);
		else if (c == 's')
			seed = strtol(optarg, NULL, 10);
		else {
			fprintf(stderr, "usage: gen-orderlines [-n RECORDS] "
			    "[-s SEED]\n");
			return 64;
		}
	}
	if (total < 100) {
		fprintf(stderr, "gen-orderlines: -n must be at least 100\n");
		return 64;
	}
	state = (uint64_t)seed;
	nprod = total / 1000;
	ncust = total / 100;
	nord = total * 19 / 100;
	nline = total - nprod - ncust - nord - 1;  /* the header is one */
	long *price = malloc((size_t)nprod * sizeof(*price));
	if (price == NULL)
		return 70;
	printf("{\"type\":\"crm_dump\",\"schema_version\":1}\n");
	for (i = 0; i < nprod; i++) {
		price[i] = pick(1000, 30000000);
		printf("{\"type\":\"products\",\"sku\":\"SKU%06ld\",\"name\":"
		    "\"Product %ld 型号\",\"segment\":\"%s\",\"category\":"
		    "\"vehicle\",\"unit\":\"unit\",\"list_price_minor\":%ld,"
		    "\"currency\":\"CNY\",\"bom_code\":\"BOM%06ld\",\"active\":1}\n",
		    i, i, segments[i % N(segments)], price[i], i);
	}
	for (i = 0; i < ncust; i++)
		printf("{\"type\":\"customers\",\"id\":\"C%07ld\",\"name\":"
		    "\"%s 客户 %ld\",\"kind\":\"dealer\",\"email\":"
		    "\"c%ld@example.cn\",\"phone\":\"+86138%08ld\",\"region\":"
		    "\"%s\",\"channel\":\"%s\",\"credit_limit_minor\":%ld,"
		    "\"currency\":\"CNY\",\"tier\":\"%c\",\"created_at\":"
		    "\"2025-%02ld-%02ldT09:30:00Z\"}\n",
		    i, surnames[i % N(surnames)], i, i, i,
		    regions[pick(0, N(regions) - 1)],
		    channels[pick(0, N(channels) - 1)], pick(0, 100000) * 10000,
		    (char)('A' + pick(0, 3)), pick(1, 12), pick(1, 28));
	/* Lines per order: spread nline over nord orders, at least one. */
	for (o = 0, line = 0; o < nord; o++) {
		long k = (nline - line) / (nord - o), sum = 0, j;
		long qty[64], sku[64];

		if (k > 64) {
			fprintf(stderr, "gen-orderlines: too many lines per "
			    "order\n");
			return 70;
		}
		for (j = 0; j < k; j++) {
			sku[j] = pick(0, nprod - 1);
			qty[j] = pick(1, 20);
			sum += qty[j] * price[sku[j]];
		}
		printf("{\"type\":\"orders\",\"id\":\"O%08ld\",\"customer_id\":"
		    "\"C%07ld\",\"order_date\":\"2026-%02ld-%02ld\",\"status\":"
		    "\"confirmed\",\"currency\":\"CNY\",\"total_minor\":%ld,"
		    "\"region\":\"%s\",\"channel\":\"%s\"}\n", o,
		    pick(0, ncust - 1), pick(1, 12), pick(1, 28), sum,
		    regions[pick(0, N(regions) - 1)],
		    channels[pick(0, N(channels) - 1)]);
		for (j = 0; j < k; j++, line++)
			printf("{\"type\":\"order_lines\",\"order_id\":"
			    "\"O%08ld\",\"line_no\":%ld,\"sku\":\"SKU%06ld\","
			    "\"qty\":%ld,\"unit_price_minor\":%ld,"
			    "\"discount_minor\":0,\"amount_minor\":%ld,"
			    "\"colour\":\"%s\"}\n", o, j + 1, sku[j], qty[j],
			    price[sku[j]], qty[j] * price[sku[j]],
			    colours[line % N(colours)]);
	}
	free(price);
	return ferror(stdout) || fflush(stdout) ? 74 : 0;
}
