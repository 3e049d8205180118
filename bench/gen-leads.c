/*
 * gen-leads - deterministic lead records (JSON lines) for benchmarks,
 * with the fields the default scoring rules read.
 *
 * usage: gen-leads [-n RECORDS] [-s SEED]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t state;

/* splitmix64 */
static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static const char *
pick(const char *const *v, size_t n)
{
	return v[next() % n];
}

#define PICK(a) pick(a, sizeof(a) / sizeof((a)[0]))

static const char *const sources[] = { "web", "phone", "fax", "email", "sms",
	"fair", "event", "media", "referral", "partner", "rep" };
static const char *const intents[] = { "buy", "quote", "test_drive", "trial",
	"info", "" };
static const char *const sizes[] = { "large", "medium", "small", "" };
static const char *const regions[] = { "East", "North", "South", "West" };
static const char *const names[] = { "王芳", "李伟", "Chen Jing",
	"Maria Rossi", "O'Brien \\\"Sean\\\"" };

int
main(int argc, char **argv)
{
	long n = 1000000, i;
	int c;

	state = 1;
	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		if (c == 'n')
			n = strtol(optarg, NULL, 10);
		else if (c == 's')
			state = (uint64_t)strtoull(optarg, NULL, 10);
		else {
			fprintf(stderr, "usage: gen-leads [-n RECORDS] "
			    "[-s SEED]\n");
			return 64;
		}
	}
	for (i = 0; i < n; i++) {
		printf("{\"id\":\"L%08ld\",\"source\":\"%s\",\"name\":\"%s\","
		    "\"company\":\"Company %ld\",\"email\":\"l%ld@example.cn\","
		    "\"phone\":\"+86138%08ld\",\"region\":\"%s\",\"product\":"
		    "\"SKU%04d\",\"intent\":\"%s\",\"estimated_value\":"
		    "\"%lu.%02lu\",\"company_size\":\"%s\",\"created_at\":"
		    "\"2026-%02d-%02dT%02d:15:00Z\"}\n", i, PICK(sources),
		    PICK(names), i % 50000, i, i % 100000000, PICK(regions),
		    (int)(next() % 1000), PICK(intents),
		    (unsigned long)(next() % 3000000),
		    (unsigned long)(next() % 100), PICK(sizes),
		    (int)(next() % 11) + 1, (int)(next() % 28) + 1,
		    (int)(next() % 24));
	}
	return fflush(stdout) != 0 || ferror(stdout) ? 74 : 0;
}
