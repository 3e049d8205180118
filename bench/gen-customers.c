/*
 * gen-customers - a deterministic crm dump (crm-db load) of customers
 * and their addresses, 5 % of them planted duplicates of another, with
 * the truth: one "a<TAB>b" line per planted pair (a < b) to -t FILE.
 *
 * A duplicate is its original come again through another channel and
 * source, with what people do to their details: a typo in the name (a
 * letter dropped, doubled or swapped), a CJK company name with or
 * without its legal form, the e-mail in other case (and for gmail with
 * a dot more, where a dot may be), the phone written another way (+86,
 * 0086, spaces, hyphens) or missing, the e-mail missing, the address the
 * same or only the city.
 *
 * usage: gen-customers [-n CUSTOMERS] [-s SEED] [-t TRUTH]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

#define PICK(a) ((a)[next() % (sizeof(a) / sizeof((a)[0]))])

static const char *const first[] = { "John", "Mary", "James", "Anna",
	"Peter", "Laura", "Michael", "Sofia", "David", "Emma", "Thomas",
	"Julia", "Daniel", "Sarah", "Martin", "Elena", "Paul", "Olga",
	"Mark", "Nina", "Wei", "Fang", "Jing", "Lei", "Min", "Hui" };
static const char *const last[] = { "Smith", "Miller", "Rossi", "Novak",
	"Garcia", "Müller", "Schmidt", "Wang", "Li", "Zhang", "Liu", "Chen",
	"Yang", "Huang", "Kim", "Park", "Silva", "Costa", "Dubois", "Moreau",
	"Jansen", "Kowalski", "Nagy", "Horvat", "Ivanov", "Petrov" };
static const char *const surname[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "磊",
	"强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平",
	"刚", "桂" };
static const char *const place[] = { "北京", "上海", "广州", "深圳", "杭州",
	"南京", "成都", "武汉", "西安", "天津" };
static const char *const trade[] = { "华联", "东方", "新世纪", "恒通",
	"宏达", "金桥", "瑞丰", "远航", "鼎盛", "汇通", "联合", "长城" };
static const char *const business[] = { "商贸", "汽车销售", "物流", "科技",
	"贸易", "实业" };
static const char *const cities[] = { "Beijing", "Shanghai", "Guangzhou",
	"Shenzhen", "Hangzhou", "Nanjing", "Chengdu", "Wuhan", "Xi'an",
	"Tianjin", "Suzhou", "Qingdao" };
static const char *const streets[] = { "Renmin Road", "Jiefang Road",
	"Zhongshan Road", "Nanjing Road", "Heping Street", "Xinhua Street",
	"Changan Avenue", "Jianshe Road", "Huaihai Road", "Dongfeng Road" };
static const char *const domains[] = { "example.cn", "mail.example.com",
	"gmail.com", "corp.example.net", "qq.example.cn" };
static const char *const channels[] = { "web", "app", "store", "phone",
	"partner" };

struct cust {
	char name[96], email[96], phone[32], street[64], city[32];
	char postcode[8];
	int cjk;
};

static void
make_original(struct cust *c, unsigned long i)
{
	const char *d = PICK(domains);
	int kind = (int)(next() % 10);

	c->cjk = kind >= 7;
	if (kind < 7) {
		const char *f = PICK(first), *l = PICK(last);

		snprintf(c->name, sizeof(c->name), "%s %s", f, l);
		snprintf(c->email, sizeof(c->email), "%c.%s%lu@%s", f[0] | 0x20,
		    "user", i, d);
	} else if (kind < 9) {
		snprintf(c->name, sizeof(c->name), "%s%s%s", PICK(surname),
		    PICK(given), next() % 2 ? PICK(given) : "");
		snprintf(c->email, sizeof(c->email), "u%lu@%s", i, d);
	} else {
		snprintf(c->name, sizeof(c->name), "%s%s%s有限公司",
		    PICK(place), PICK(trade), PICK(business));
		snprintf(c->email, sizeof(c->email), "info%lu@%s", i, d);
	}
	/* a unique mobile number per original */
	snprintf(c->phone, sizeof(c->phone), "13%09lu",
	    i * 7919UL % 1000000000UL);
	snprintf(c->street, sizeof(c->street), "%lu %s", 1 + next() % 300,
	    PICK(streets));
	snprintf(c->city, sizeof(c->city), "%s", PICK(cities));
	snprintf(c->postcode, sizeof(c->postcode), "%06lu",
	    100000 + next() % 5000 * 17);
}

/* A typo in a latin name: a letter dropped, doubled or two swapped. */
static void
typo(char *s)
{
	size_t n = strlen(s), p;

	if (n < 4)
		return;
	p = 1 + next() % (n - 2);
	if ((unsigned char)s[p] >= 0x80 || (unsigned char)s[p + 1] >= 0x80 ||
	    s[p] == ' ' || s[p + 1] == ' ')
		return;
	switch (next() % 3) {
	case 0:
		memmove(s + p, s + p + 1, n - p);
		break;
	case 1:
		if (n + 2 < 96) {
			memmove(s + p + 1, s + p, n - p + 1);
		}
		break;
	default: {
		char t = s[p];

		s[p] = s[p + 1];
		s[p + 1] = t;
	}
	}
}

static void
make_duplicate(struct cust *d, const struct cust *o)
{
	char *at;
	size_t n;
	int r;

	*d = *o;
	if (!o->cjk && next() % 2)
		typo(d->name);
	if (o->cjk && (n = strlen(d->name)) > 12 &&
	    strcmp(d->name + n - 12, "有限公司") == 0 && next() % 2)
		d->name[n - 12] = '\0';
	if (!o->cjk && next() % 4 == 0)
		for (at = d->name; *at != '\0'; at++)
			if (*at >= 'a' && *at <= 'z')
				*at = (char)(*at - 'a' + 'A');
	r = (int)(next() % 10);
	if (r < 3) {
		d->email[0] = '\0';
	} else {
		for (at = d->email; *at != '@' && *at != '\0'; at++)
			if (next() % 3 == 0 && *at >= 'a' && *at <= 'z')
				*at = (char)(*at - 'a' + 'A');
		if (strstr(d->email, "@gmail.com") != NULL && next() % 2) {
			char t[96];
			int p = 1;

			/* a dot more, never next to one: "a..b" is not an
			 * address */
			while (d->email[p] == '.' || d->email[p - 1] == '.')
				p++;
			snprintf(t, sizeof(t), "%.*s.%s", p, d->email,
			    d->email + p);
			snprintf(d->email, sizeof(d->email), "%s", t);
		}
	}
	r = (int)(next() % 10);
	if (r < 2 && d->email[0] != '\0')
		d->phone[0] = '\0';
	else if (r < 4)
		snprintf(d->phone, sizeof(d->phone), "+86 %.3s %.4s %.4s",
		    o->phone, o->phone + 3, o->phone + 7);
	else if (r < 6)
		snprintf(d->phone, sizeof(d->phone), "0086-%.3s-%.4s-%.4s",
		    o->phone, o->phone + 3, o->phone + 7);
	else if (r < 8)
		snprintf(d->phone, sizeof(d->phone), "%.3s %.4s %.4s",
		    o->phone, o->phone + 3, o->phone + 7);
	if (next() % 10 < 3) {
		d->street[0] = '\0';
		d->postcode[0] = '\0';
	}
}

static void
put_str(const char *key, const char *v)
{
	if (*v != '\0')
		printf(",\"%s\":\"%s\"", key, v);
}

static void
emit(const struct cust *c, unsigned long id, unsigned long seq)
{
	printf("{\"type\":\"customers\",\"id\":\"C%07lu\",\"name\":\"%s\"",
	    id, c->name);
	put_str("email", c->email);
	put_str("phone", c->phone);
	printf(",\"channel\":\"%s\",\"source\":\"%s\",\"created_at\":"
	    "\"2026-%02lu-%02luT08:00:00Z\"}\n", channels[seq % 5],
	    channels[(seq / 5) % 5], 1 + seq % 12, 1 + seq % 28);
}

static void
emit_address(const struct cust *c, unsigned long id)
{
	printf("{\"type\":\"addresses\",\"id\":\"A%07lu\",\"customer_id\":"
	    "\"C%07lu\",\"kind\":\"main\"", id, id);
	put_str("line1", c->street);
	put_str("postcode", c->postcode);
	printf(",\"city\":\"%s\",\"country\":\"CN\"}\n", c->city);
}

int
main(int argc, char **argv)
{
	unsigned long n = 100000, i, ndup, norig, *perm, j, t;
	struct cust *c;
	long *dup_of;
	FILE *truth = NULL;
	int ch;

	state = 8;
	while ((ch = getopt(argc, argv, "n:s:t:")) != -1) {
		switch (ch) {
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 's':
			state = strtoull(optarg, NULL, 10);
			break;
		case 't':
			if ((truth = fopen(optarg, "w")) == NULL) {
				perror(optarg);
				return 73;
			}
			break;
		default:
			fprintf(stderr, "usage: gen-customers [-n CUSTOMERS] "
			    "[-s SEED] [-t TRUTH]\n");
			return 64;
		}
	}
	ndup = n / 20;
	norig = n - ndup;
	c = calloc(n, sizeof(*c));
	dup_of = malloc(n * sizeof(*dup_of));
	perm = malloc(n * sizeof(*perm));
	if (c == NULL || dup_of == NULL || perm == NULL) {
		fprintf(stderr, "gen-customers: out of memory\n");
		return 70;
	}
	for (i = 0; i < norig; i++) {
		make_original(&c[i], i);
		dup_of[i] = -1;
	}
	/* each duplicate of a different original */
	for (i = 0; i < norig; i++)
		perm[i] = i;
	for (i = norig - 1; i > 0; i--) {
		j = next() % (i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < ndup; i++) {
		make_duplicate(&c[norig + i], &c[perm[i]]);
		dup_of[norig + i] = (long)perm[i];
	}
	/* ids in a shuffled order, so that a duplicate's id says nothing */
	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = next() % (i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	printf("{\"type\":\"crm_dump\",\"schema_version\":6}\n");
	for (i = 0; i < n; i++)
		emit(&c[i], perm[i] + 1, i);
	for (i = 0; i < n; i++)
		emit_address(&c[i], perm[i] + 1);
	for (i = norig; truth != NULL && i < n; i++) {
		unsigned long a = perm[dup_of[i]] + 1, b = perm[i] + 1;

		fprintf(truth, "C%07lu\tC%07lu\n", a < b ? a : b,
		    a < b ? b : a);
	}
	if (truth != NULL && fclose(truth) != 0) {
		perror("truth");
		return 74;
	}
	free(c);
	free(dup_of);
	free(perm);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 74;
}
