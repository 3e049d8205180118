/*
 * test_series.c - sales history as series: points and transactions,
 * zeros filled in, leading zeros dropped, ISO week 53, days, months,
 * quarters and years, exact decimal sums, duplicates and bad input (the
 * set unchanged after each), null keys, the start and end periods, an
 * empty input, ten thousand keys, and the database's order lines and
 * deliveries.
 */
#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"
#include "t.h"

/* A set of shape sh and period p keyed by the comma-separated keys
 * (NULL: none), with time and value fields (NULL: the defaults). */
static crm_series_set *
open_set(const char *keys, crm_period p, crm_series_shape sh,
    const char *time, const char *value, int null_keys, const char *from,
    const char *to)
{
	static char buf[256];
	const char *list[8];
	crm_series_opts o = { 0 };
	crm_series_set *s = NULL;
	size_t n = 0;
	char *q;
	crm_err err;

	if (keys != NULL) {
		snprintf(buf, sizeof(buf), "%s", keys);
		for (q = buf; q != NULL && n < 8; n++) {
			list[n] = q;
			if ((q = strchr(q, ',')) != NULL)
				*q++ = '\0';
		}
	}
	o.keys = list;
	o.nkeys = n;
	o.period = p;
	o.shape = sh;
	o.time = time;
	o.value = value;
	o.null_keys = null_keys;
	o.from = from;
	o.to = to;
	if (crm_series_new(&o, &s, &err) != CRM_OK)
		T_FAIL("open_set: %s", err.msg);
	return s;
}

/* Add each line of recs to s, numbered from 1 in file "t"; the first
 * failure's code (the lines after it are not added). */
static int
feed(crm_series_set *s, const char *recs, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	const char *p = recs, *nl;
	unsigned long line = 0;
	int rc = CRM_OK;

	while (rc == CRM_OK && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		crm_rec_set_place(r, "t", ++line);
		if ((rc = crm_rec_parse(r, p, (size_t)(nl - p), err)) ==
		    CRM_OK)
			rc = crm_series_add(s, r, err);
		p = *nl != '\0' ? nl + 1 : nl;
	}
	crm_rec_free(r);
	return rc;
}

/* The series of s, one line each: "KEY,KEY|FIRST|V V V" with ~ for a
 * null key value and the values as exact text; malloc'd.  Each double
 * handed out must be the one nearest to its exact text. */
static char *
dump(crm_series_set *s)
{
	crm_buf b = CRM_BUF_INIT;
	char text[CRM_SERIES_TEXTSZ];
	crm_series sr;
	crm_err err;
	size_t i;
	int rc;

	crm_buf_adds(&b, "");
	while ((rc = crm_series_next(s, &sr, &err)) == CRM_OK) {
		for (i = 0; i < sr.nkeys; i++)
			crm_buf_printf(&b, "%s%s", i > 0 ? "," : "",
			    sr.keys[i] != NULL ? sr.keys[i] : "~");
		crm_buf_printf(&b, "|%s|", sr.first);
		for (i = 0; i < sr.n; i++) {
			crm_series_text(s, i, text);
			crm_buf_printf(&b, "%s%s", i > 0 ? " " : "", text);
			if (sr.values[i] != strtod(text, NULL))
				T_FAIL("value %zu: %.17g, want %s", i,
				    sr.values[i], text);
		}
		CHECK(crm_series_text(s, sr.n, text) == NULL);
		crm_buf_addc(&b, '\n');
	}
	if (rc != CRM_END)
		T_FAIL("dump: %s", err.msg);
	return b.data;
}

/* The key of the period step after the last, or "END" / "ERROR". */
static const char *
period(const crm_series_set *s, long step)
{
	static char buf[CRM_DATE_BUFSZ];
	crm_err err;
	int rc = crm_series_period(s, step, buf, &err);

	return rc == CRM_OK ? buf : rc == CRM_END ? "END" : "ERROR";
}

static void
test_points(void)
{
	crm_series_set *s = open_set("region", CRM_PERIOD_MONTH,
	    CRM_SERIES_POINTS, NULL, NULL, 0, NULL, NULL);
	crm_err err;
	char *text;

	/* S's December 0 is before its first sale; E never sold, yet its
	 * April is the last period of any record. */
	CHECK_INT(feed(s,
	    "{\"region\":\"N\",\"period\":\"2026-01\",\"value\":5}\n"
	    "{\"region\":\"N\",\"period\":\"2026-03\",\"value\":\"3\"}\n"
	    "{\"region\":\"S\",\"period\":\"2025-12\",\"value\":0}\n"
	    "{\"region\":\"S\",\"period\":\"2026-02\",\"value\":2.5}\n"
	    "{\"region\":\"E\",\"period\":\"2026-04\",\"value\":0}\n", &err),
	    CRM_OK);
	CHECK_INT(crm_series_count(s), 3);
	CHECK_INT(crm_series_counts_of(s)->taken, 5);
	text = dump(s);
	CHECK_STR(text,
	    "E||\n"
	    "N|2026-01|5 0 3 0\n"
	    "S|2026-02|2.5 0 0\n");
	free(text);
	CHECK_STR(period(s, 0), "2026-04");
	CHECK_STR(period(s, 1), "2026-05");
	CHECK_STR(period(s, 9), "2027-01");
	CHECK_STR(period(s, -4), "2025-12");
	crm_series_free(s);
	crm_series_free(NULL);
}

/* Independent series end with their own last record, zeros included,
 * and the period after the end follows the series handed out last. */
static void
test_own_ends(void)
{
	crm_series_opts o = { 0 };
	const char *keys[1] = { "s" };
	crm_series_set *s = NULL;
	crm_series sr;
	crm_err err;
	char *text;

	o.keys = keys;
	o.nkeys = 1;
	o.period = CRM_PERIOD_MONTH;
	o.own_ends = 1;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_OK);
	CHECK_INT(crm_series_own_ends(s), 1);
	CHECK_INT(feed(s,
	    "{\"s\":\"a\",\"period\":\"2020-01\",\"value\":1}\n"
	    "{\"s\":\"a\",\"period\":\"2020-03\",\"value\":3}\n"
	    "{\"s\":\"b\",\"period\":\"2021-05\",\"value\":5}\n"
	    "{\"s\":\"b\",\"period\":\"2021-07\",\"value\":0}\n"
	    "{\"s\":\"c\",\"period\":\"2019-02\",\"value\":0}\n",
	    &err), CRM_OK);
	/* Before any series is handed out there is no end. */
	CHECK_STR(period(s, 1), "END");
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK_STR(sr.keys[0], "a");
	CHECK_INT(sr.n, 3);
	CHECK_STR(period(s, 0), "2020-03");
	CHECK_STR(period(s, 1), "2020-04");
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK_STR(sr.first, "2021-05");
	CHECK_INT(sr.n, 3);
	CHECK_STR(period(s, 2), "2021-09");
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK_INT(sr.n, 0);
	CHECK_STR(period(s, 1), "2019-03");
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_END);
	CHECK_STR(period(s, 1), "END");
	crm_series_free(s);

	/* With a --to, a series still ends with its own last record. */
	o.to = "2021-12";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_OK);
	CHECK_INT(feed(s,
	    "{\"s\":\"a\",\"period\":\"2021-01\",\"value\":1}\n"
	    "{\"s\":\"b\",\"period\":\"2021-11\",\"value\":2}\n"
	    "{\"s\":\"b\",\"period\":\"2022-01\",\"value\":9}\n",
	    &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text, "a|2021-01|1\nb|2021-11|2\n");
	free(text);
	CHECK_STR(period(s, 1), "END");
	CHECK_INT(crm_series_counts_of(s)->after, 1);
	crm_series_free(s);

	/* The common end, as before. */
	o.own_ends = 0;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_OK);
	CHECK_INT(crm_series_own_ends(s), 0);
	crm_series_free(s);
}

static void
test_transactions_week53(void)
{
	crm_series_set *s = open_set("sku", CRM_PERIOD_WEEK,
	    CRM_SERIES_TRANSACTIONS, "order_date", "qty", 0, NULL, NULL);
	crm_err err;
	char *text;

	/* 2026 has 53 ISO weeks: 2026-12-28 to 2027-01-03 is 2026-W53.
	 * A date and time without a zone is on the day it names; an
	 * instant on its UTC day (2027-01-04 01:30Z: 2027-W01).  B's W53
	 * nets to 0 (a sale and its return), so B starts in W02. */
	CHECK_INT(feed(s,
	    "{\"sku\":\"A\",\"order_date\":\"2026-12-21\",\"qty\":4}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-12-31\",\"qty\":2}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2027-01-03 23:30:00\","
	    "\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2027-01-03T23:30:00-02:00\","
	    "\"qty\":10}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2027-01-05\",\"qty\":-3}\n"
	    "{\"sku\":\"B\",\"order_date\":\"2026-12-28\",\"qty\":1}\n"
	    "{\"sku\":\"B\",\"order_date\":\"2026-12-29T10:00\",\"qty\":-1}\n"
	    "{\"sku\":\"B\",\"order_date\":\"2027-01-11\",\"qty\":\"2\"}\n",
	    &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text,
	    "A|2026-W52|4 3 7 0\n"
	    "B|2027-W02|2\n");
	free(text);
	CHECK_STR(period(s, 0), "2027-W02");
	CHECK_STR(period(s, -2), "2026-W53");
	CHECK_STR(period(s, -3), "2026-W52");
	CHECK_STR(period(s, 1), "2027-W03");
	crm_series_free(s);

	/* As points: 2026-W53 is a week, 2025-W53 is not. */
	s = open_set(NULL, CRM_PERIOD_WEEK, CRM_SERIES_POINTS, NULL, NULL, 0,
	    NULL, NULL);
	CHECK_INT(feed(s, "{\"period\":\"2026-W53\",\"value\":1}\n"
	    "{\"period\":\"2027-W01\",\"value\":2}\n", &err), CRM_OK);
	CHECK_INT(feed(s, "{\"period\":\"2025-W53\",\"value\":1}", &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "t:1: period: no such week: 2025-W53");
	text = dump(s);
	CHECK_STR(text, "|2026-W53|1 2\n");
	free(text);
	crm_series_free(s);
}

static void
test_days_quarters_years(void)
{
	crm_series_set *s;
	crm_err err;
	char *text;

	/* 2026 is no leap year: 27 and 28 February, 1 and 2 March. */
	s = open_set(NULL, CRM_PERIOD_DAY, CRM_SERIES_TRANSACTIONS, "d", "q",
	    0, NULL, NULL);
	CHECK_INT(feed(s, "{\"d\":\"2026-03-02\",\"q\":2}\n"
	    "{\"d\":\"2026-02-27\",\"q\":1}\n", &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text, "|2026-02-27|1 0 0 2\n");
	free(text);
	CHECK_STR(period(s, 1), "2026-03-03");
	crm_series_free(s);

	s = open_set(NULL, CRM_PERIOD_QUARTER, CRM_SERIES_POINTS, NULL, NULL,
	    0, NULL, NULL);
	CHECK_INT(feed(s, "{\"period\":\"2027-Q1\",\"value\":4}\n"
	    "{\"period\":\"2026-Q3\",\"value\":1}\n", &err), CRM_OK);
	CHECK_INT(feed(s, "{\"period\":\"2026-Q5\",\"value\":1}", &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "t:1: period: no such quarter: 2026-Q5");
	CHECK_INT(feed(s, "{\"period\":\"2026-10\",\"value\":1}", &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "t:1: period: not a quarter (YYYY-Qn): 2026-10");
	text = dump(s);
	CHECK_STR(text, "|2026-Q3|1 0 4\n");
	free(text);
	CHECK_STR(period(s, 1), "2027-Q2");
	crm_series_free(s);

	/* A year may come as a number. */
	s = open_set(NULL, CRM_PERIOD_YEAR, CRM_SERIES_POINTS, NULL, NULL, 0,
	    NULL, NULL);
	CHECK_INT(feed(s, "{\"period\":\"2024\",\"value\":7}\n"
	    "{\"period\":2026,\"value\":1}\n", &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text, "|2024|7 0 1\n");
	free(text);
	crm_series_free(s);

	/* Transactions by month and quarter from the same days. */
	s = open_set(NULL, CRM_PERIOD_QUARTER, CRM_SERIES_TRANSACTIONS, NULL,
	    NULL, 0, NULL, NULL);
	CHECK_INT(feed(s, "{\"date\":\"2026-03-31\",\"value\":1}\n"
	    "{\"date\":\"2026-04-01\",\"value\":2}\n"
	    "{\"date\":\"2026-12-31T23:59:59Z\",\"value\":3}\n"
	    "{\"date\":\"2027-01-01T00:30:00+01:00\",\"value\":4}\n", &err),
	    CRM_OK);
	text = dump(s);
	CHECK_STR(text, "|2026-Q1|1 2 0 7\n");
	free(text);
	crm_series_free(s);
}

/* Places of any number mix; an exponent is a number too. */
static const char decimals[] =
	"{\"k\":\"X\",\"date\":\"2026-01-01\",\"value\":0.1}\n"
	"{\"k\":\"X\",\"date\":\"2026-01-31\",\"value\":\"0.2\"}\n"
	"{\"k\":\"X\",\"date\":\"2026-02-01\",\"value\":\"1.25\"}\n"
	"{\"k\":\"X\",\"date\":\"2026-02-02\",\"value\":2}\n"
	"{\"k\":\"X\",\"date\":\"2026-02-03\",\"value\":\"0.005\"}\n"
	"{\"k\":\"X\",\"date\":\"2026-02-04\",\"value\":1e3}\n"
	"{\"k\":\"X\",\"date\":\"2026-03-04\",\"value\":\"-5E-1\"}\n"
	"{\"k\":\"Y\",\"date\":\"2026-03-04\","
	"\"value\":\"999999999999999.999999999999999999\"}\n"
	"{\"k\":\"Y\",\"date\":\"2026-03-05\","
	"\"value\":\"999999999999999.999999999999999999\"}\n";

static void
test_exact(void)
{
	crm_series_set *s = open_set("k", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, NULL, 0, NULL, NULL);
	crm_series sr;
	crm_err err;
	char *text;

	/* 0.1 + 0.2 is 0.3, not 0.30000000000000004. */
	CHECK_INT(feed(s, decimals, &err), CRM_OK);
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK_INT(sr.n, 3);
	CHECK(sr.values[0] == 0.3);
	CHECK(sr.values[1] == 1003.255);
	CHECK(sr.values[2] == -0.5);
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK(sr.values[0] == 2e15);
	crm_series_free(s);

	s = open_set("k", CRM_PERIOD_MONTH, CRM_SERIES_TRANSACTIONS, NULL,
	    NULL, 0, NULL, NULL);
	CHECK_INT(feed(s, decimals, &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text,
	    "X|2026-01|0.3 1003.255 -0.5\n"
	    "Y|2026-03|1999999999999999.999999999999999998\n");
	free(text);
	crm_series_free(s);

	/* Points with sums of 0.000 and -0: nothing sold. */
	s = open_set("k", CRM_PERIOD_MONTH, CRM_SERIES_POINTS, NULL, NULL, 0,
	    NULL, NULL);
	CHECK_INT(feed(s, "{\"k\":\"Z\",\"period\":\"2026-01\","
	    "\"value\":\"0.000\"}\n"
	    "{\"k\":\"Z\",\"period\":\"2026-02\",\"value\":\"-0\"}\n", &err),
	    CRM_OK);
	text = dump(s);
	CHECK_STR(text, "Z||\n");
	free(text);
	crm_series_free(s);
}

/* Each record of bad (one per line) is refused with the message of the
 * same line of msgs, and the set's series stay as after good. */
static void
check_refused(crm_series_set *s, const char *good, const char *bad,
    const char *msgs, const char *want)
{
	const char *p = bad, *m = msgs, *nl, *mnl;
	crm_series_counts before;
	char line[512], msg[512];
	crm_err err;
	char *text;

	CHECK_INT(feed(s, good, &err), CRM_OK);
	before = *crm_series_counts_of(s);
	while (*p != '\0' && *m != '\0') {
		nl = strchr(p, '\n');
		mnl = strchr(m, '\n');
		snprintf(line, sizeof(line), "%.*s", (int)(nl - p), p);
		snprintf(msg, sizeof(msg), "%.*s", (int)(mnl - m), m);
		CHECK_INT(feed(s, line, &err), CRM_EDATA);
		CHECK_STR(err.msg, msg);
		p = nl + 1;
		m = mnl + 1;
	}
	CHECK(*p == '\0' && *m == '\0');
	CHECK_INT(crm_series_counts_of(s)->taken, before.taken);
	CHECK_INT(crm_series_counts_of(s)->before, before.before);
	CHECK_INT(crm_series_counts_of(s)->after, before.after);
	text = dump(s);
	CHECK_STR(text, want);
	free(text);
}

static void
test_bad_points(void)
{
	crm_series_set *s = open_set("region", CRM_PERIOD_MONTH,
	    CRM_SERIES_POINTS, NULL, NULL, 0, NULL, NULL);

	/* A duplicate is refused even with more places (no rescaling
	 * then), and so is a good value of a key that would be new. */
	check_refused(s,
	    "{\"region\":\"N\",\"period\":\"2026-03\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":\"2026-05\",\"value\":2}\n",
	    "{\"region\":\"N\",\"period\":\"2026-03\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":\"2026-03\",\"value\":\"0.001\"}\n"
	    "{\"region\":\"N\",\"period\":\"2026-13\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":\"2026-W47\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":\"2026-11-22\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":\"26-11\",\"value\":1}\n"
	    "{\"region\":\"N\",\"period\":[],\"value\":1}\n"
	    "{\"region\":\"N\",\"value\":1}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":\"abc\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":true}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":null}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":\"\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":\" 1\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":\"NaN\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\","
	    "\"value\":\"Infinity\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":\"0x10\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":1e15}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\",\"value\":-1e400}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\","
	    "\"value\":\"1000000000000000.5\"}\n"
	    "{\"region\":\"W\",\"period\":\"2026-06\","
	    "\"value\":\"0.0000000000000000001\"}\n"
	    "{\"period\":\"2026-06\",\"value\":1}\n"
	    "{\"region\":null,\"period\":\"2026-06\",\"value\":1}\n"
	    "{\"region\":true,\"period\":\"2026-06\",\"value\":1}\n"
	    "{\"region\":{\"a\":1},\"period\":\"2026-06\",\"value\":1}\n"
	    "{\"region\":\"a\\u0000b\",\"period\":\"2026-06\",\"value\":1}\n",
	    "t:1: period 2026-03 given twice\n"
	    "t:1: period 2026-03 given twice\n"
	    "t:1: period: no such month: 2026-13\n"
	    "t:1: period: not a month (YYYY-MM): 2026-W47\n"
	    "t:1: period: not a month (YYYY-MM): 2026-11-22\n"
	    "t:1: period: not a month (YYYY-MM): 26-11\n"
	    "t:1: period: not a period key\n"
	    "t:1: period: missing\n"
	    "t:1: value: not a number: abc\n"
	    "t:1: value: not a number\n"
	    "t:1: value: missing\n"
	    "t:1: value: missing\n"
	    "t:1: value: not a number: \n"
	    "t:1: value: not a number:  1\n"
	    "t:1: value: not a number: NaN\n"
	    "t:1: value: not a number: Infinity\n"
	    "t:1: value: not a number: 0x10\n"
	    "t:1: value: out of range (less than 1e15 in size): 1e15\n"
	    "t:1: value: out of range (less than 1e15 in size): -1e400\n"
	    "t:1: value: out of range (less than 1e15 in size): "
	    "1000000000000000.5\n"
	    "t:1: value: more than 18 decimal places: "
	    "0.0000000000000000001\n"
	    "t:1: region: missing\n"
	    "t:1: region: missing\n"
	    "t:1: region: not a string or a number\n"
	    "t:1: region: not a string or a number\n"
	    "t:1: region: holds U+0000\n",
	    "N|2026-03|1 0 2\n");
	crm_series_free(s);
}

static void
test_bad_transactions(void)
{
	crm_series_set *s = open_set("sku", CRM_PERIOD_WEEK,
	    CRM_SERIES_TRANSACTIONS, "order_date", "qty", 0, NULL, NULL);

	/* The same key and period twice is a sum, not a duplicate. */
	check_refused(s,
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-16\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-17\",\"qty\":1}\n",
	    "{\"sku\":\"A\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":20261116,\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-02-30\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-W47\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-22 25:00\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-22Tnoon\",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-22 \",\"qty\":1}\n"
	    "{\"sku\":\"A\",\"order_date\":\"2026-11-22\",\"qty\":\"1,5\"}\n"
	    "{\"sku\":\"B\",\"order_date\":\"2026-11-22\",\"qty\":[1]}\n",
	    "t:1: order_date: missing\n"
	    "t:1: order_date: not a date or an instant\n"
	    "t:1: order_date: not a date or an instant: 2026-02-30\n"
	    "t:1: order_date: not a date or an instant: 2026-W47\n"
	    "t:1: order_date: not a date or an instant: 2026-11-22 25:00\n"
	    "t:1: order_date: not a date or an instant: 2026-11-22Tnoon\n"
	    "t:1: order_date: not a date or an instant: 2026-11-22 \n"
	    "t:1: qty: not a number: 1,5\n"
	    "t:1: qty: not a number\n",
	    "A|2026-W47|2\n");
	crm_series_free(s);
}

/* One record added n times; the count taken before the first refusal,
 * whose code and message are left in *rc and err. */
static long
add_many(crm_series_set *s, const char *json, long n, int *rc,
    crm_err *err)
{
	crm_rec *r = crm_rec_new();
	long i;

	*rc = crm_rec_parse(r, json, strlen(json), err);
	crm_rec_set_place(r, "t", 1);
	for (i = 0; *rc == CRM_OK && i < n; i++)
		if ((*rc = crm_series_add(s, r, err)) != CRM_OK)
			break;
	crm_rec_free(r);
	return i;
}

static void
test_range(void)
{
	static const char big[] = "{\"date\":\"2026-01-01\","
	    "\"value\":999999999999999}";
	crm_series_set *s = open_set(NULL, CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, NULL, 0, NULL, NULL);
	crm_err err;
	char *text;
	int rc;

	/* A sum at 18 places holds 170141 of the largest values after
	 * 1e-18: (2^127 - 2) / (999999999999999 * 10^18), by hand. */
	CHECK_INT(add_many(s, "{\"date\":\"2026-01-01\","
	    "\"value\":\"0.000000000000000001\"}", 1, &rc, &err), 1);
	CHECK_INT(add_many(s, big, 200000, &rc, &err), 170141);
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(err.msg, "t:1: value: the sum is out of range");
	text = dump(s);
	CHECK_STR(text, "|2026-01|170140999999999829859.000000000000000001\n");
	free(text);
	crm_series_free(s);

	/* A sum of whole numbers that cannot take 18 places refuses the
	 * value that would need them, and takes one place. */
	s = open_set(NULL, CRM_PERIOD_MONTH, CRM_SERIES_TRANSACTIONS, NULL,
	    NULL, 0, NULL, NULL);
	CHECK_INT(add_many(s, big, 170142, &rc, &err), 170142);
	CHECK_INT(add_many(s, "{\"date\":\"2026-02-01\","
	    "\"value\":\"0.000000000000000001\"}", 1, &rc, &err), 0);
	CHECK_STR(err.msg, "t:1: value: the sums are out of range at 18 "
	    "decimal places");
	CHECK_INT(add_many(s, "{\"date\":\"2026-02-01\",\"value\":\"0.5\"}",
	    1, &rc, &err), 1);
	text = dump(s);
	CHECK_STR(text, "|2026-01|170141999999999829858 0.5\n");
	free(text);
	crm_series_free(s);
}

static void
test_null_keys(void)
{
	crm_series_set *s = open_set("region,channel", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, "qty", 1, NULL, NULL);
	crm_series sr;
	crm_err err;
	char *text;

	/* Null sorts first; 7 and "7" are one key; text sorts byte by
	 * byte ("10" before "7"). */
	CHECK_INT(feed(s,
	    "{\"date\":\"2026-01-05\",\"qty\":1,\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-01-06\",\"qty\":2,\"region\":null,"
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-01\",\"qty\":1,\"region\":7,"
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-02\",\"qty\":1,\"region\":\"7\","
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-03\",\"qty\":5,\"region\":\"10\"}\n", &err),
	    CRM_OK);
	CHECK_INT(crm_series_count(s), 3);
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_OK);
	CHECK_INT(sr.nkeys, 2);
	CHECK(sr.keys[0] == NULL);
	CHECK_STR(sr.keys[1], "web");
	CHECK_STR(sr.first, "2026-01");
	crm_series_free(s);

	s = open_set("region,channel", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, "qty", 1, NULL, NULL);
	CHECK_INT(feed(s,
	    "{\"date\":\"2026-01-05\",\"qty\":1,\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-01-06\",\"qty\":2,\"region\":null,"
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-01\",\"qty\":1,\"region\":7,"
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-02\",\"qty\":1,\"region\":\"7\","
	    "\"channel\":\"web\"}\n"
	    "{\"date\":\"2026-02-03\",\"qty\":5,\"region\":\"10\"}\n", &err),
	    CRM_OK);
	text = dump(s);
	CHECK_STR(text,
	    "~,web|2026-01|3 0\n"
	    "10,~|2026-02|5\n"
	    "7,web|2026-02|2\n");
	free(text);
	/* Reading ended the adding. */
	CHECK_INT(feed(s, "{\"date\":\"2026-01-05\",\"qty\":1}", &err),
	    CRM_EUSAGE);
	crm_series_free(s);

	/* Without null keys, a missing key is bad input. */
	s = open_set("region,channel", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, "qty", 0, NULL, NULL);
	CHECK_INT(feed(s, "{\"date\":\"2026-01-05\",\"qty\":1,"
	    "\"region\":\"N\"}", &err), CRM_EDATA);
	CHECK_STR(err.msg, "t:1: channel: missing");
	CHECK_INT(crm_series_count(s), 0);
	crm_series_free(s);
}

static void
test_bounds(void)
{
	crm_series_set *s = open_set("k", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, "qty", 0, "2026-02-15", "2026-04");
	const crm_series_counts *c;
	crm_err err;
	char *text;

	/* January is before the start, May after the end: left out and
	 * counted, after the same checks (a bad May is still bad); the
	 * instant of 1 March at 00:30+01:00 is 28 February in UTC.  Y's
	 * only record is left out: no key. */
	CHECK_INT(feed(s,
	    "{\"k\":\"X\",\"date\":\"2026-01-10\",\"qty\":9}\n"
	    "{\"k\":\"X\",\"date\":\"2026-02-28\",\"qty\":1}\n"
	    "{\"k\":\"X\",\"date\":\"2026-03-01T00:30:00+01:00\","
	    "\"qty\":2}\n"
	    "{\"k\":\"X\",\"date\":\"2026-05-01\",\"qty\":4}\n"
	    "{\"k\":\"Y\",\"date\":\"2026-05-01\",\"qty\":4}\n", &err),
	    CRM_OK);
	CHECK_INT(feed(s, "{\"k\":\"X\",\"date\":\"2026-05-01\","
	    "\"qty\":\"x\"}", &err), CRM_EDATA);
	c = crm_series_counts_of(s);
	CHECK_INT(c->taken, 2);
	CHECK_INT(c->before, 1);
	CHECK_INT(c->after, 2);
	CHECK_INT(crm_series_count(s), 1);
	/* The end is April: zeros up to it. */
	text = dump(s);
	CHECK_STR(text, "X|2026-02|3 0 0\n");
	free(text);
	CHECK_STR(period(s, 0), "2026-04");
	CHECK_STR(period(s, 1), "2026-05");
	crm_series_free(s);

	/* An end and no record: no series, but a last period. */
	s = open_set(NULL, CRM_PERIOD_WEEK, CRM_SERIES_POINTS, NULL, NULL, 0,
	    NULL, "2026-12-31");
	text = dump(s);
	CHECK_STR(text, "");
	free(text);
	CHECK_STR(period(s, 0), "2026-W53");
	CHECK_STR(period(s, 1), "2027-W01");
	crm_series_free(s);

	/* The end as the last day of the calendar: the period after it
	 * does not exist. */
	s = open_set(NULL, CRM_PERIOD_YEAR, CRM_SERIES_POINTS, NULL, NULL, 0,
	    NULL, "9999-12-31");
	CHECK_STR(period(s, 0), "9999");
	CHECK_STR(period(s, 1), "ERROR");
	crm_series_free(s);
}

static void
test_empty(void)
{
	crm_series_set *s = open_set(NULL, CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, NULL, 0, NULL, NULL);
	crm_series sr;
	crm_err err;

	CHECK_INT(feed(s, "", &err), CRM_OK);
	CHECK_INT(crm_series_count(s), 0);
	CHECK_STR(period(s, 0), "END");
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_END);
	CHECK_INT(sr.n, 0);
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_END);
	crm_series_free(s);
}

static void
test_usage(void)
{
	const char *keys[] = { "a", "b", "a" }, *empty[] = { "" };
	crm_series_opts o = { 0 };
	crm_series_set *s = NULL;
	crm_err err;

	o.keys = keys;
	o.nkeys = 3;
	o.period = CRM_PERIOD_MONTH;
	o.shape = CRM_SERIES_TRANSACTIONS;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "--by: a given twice");
	CHECK(s == NULL);
	o.nkeys = 2;
	o.value = "b";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "--by: b is the value field");
	o.value = "date";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "date: both the time and the value field");
	o.value = NULL;
	o.keys = empty;
	o.nkeys = 1;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "--by: an empty field name");
	o.nkeys = 0;
	o.to = "2026-W10";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "--to: not a date (YYYY-MM-DD) or a month "
	    "(YYYY-MM): 2026-W10");
	o.to = "2026-03";
	o.from = "2026-04-01";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "--from 2026-04-01 is after --to 2026-03");
	/* The same period at both ends is one period. */
	o.from = "2026-03-31";
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_OK);
	crm_series_free(s);
	o.period = (crm_period)9;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
	o.period = CRM_PERIOD_DAY;
	o.shape = (crm_series_shape)2;
	CHECK_INT(crm_series_new(&o, &s, &err), CRM_EUSAGE);
}

/* Ten thousand keys over 156 weeks (2024-W01 to 2026-W52; 2024 and 2025
 * have 52 weeks): key k sells k + 1 in week k % 100, -(k % 3) in week
 * 120 and 1 in week 155, its records in time order for odd k and the
 * other way round for even k. */
static void
test_many_keys(void)
{
	crm_series_set *s = open_set("sku", CRM_PERIOD_WEEK,
	    CRM_SERIES_TRANSACTIONS, NULL, "qty", 0, NULL, NULL);
	crm_rec *r = crm_rec_new();
	char sku[32], date[CRM_DATE_BUFSZ], want[32];
	int32_t monday;
	long k, w, order[3], qty[3];
	size_t i, bad = 0;
	crm_series sr;
	crm_err err;
	int rc = CRM_OK, j;

	crm_date_make(2024, 1, 1, &monday, &err);
	for (k = 0; rc == CRM_OK && k < 10000; k++) {
		snprintf(sku, sizeof(sku), "K%05ld", k);
		order[0] = k % 100;
		qty[0] = k + 1;
		order[1] = 120;
		qty[1] = -(k % 3);
		order[2] = 155;
		qty[2] = 1;
		for (j = 0; rc == CRM_OK && j < 3; j++) {
			w = k % 2 ? j : 2 - j;
			crm_rec_clear(r);
			crm_date_format(monday + 7 * (int32_t)order[w] +
			    (int32_t)(k % 7), date);
			if (crm_rec_set_str(r, "sku", sku, strlen(sku), &err) !=
			    CRM_OK || crm_rec_set_str(r, "date", date,
			    strlen(date), &err) != CRM_OK ||
			    crm_rec_set_int(r, "qty", qty[w], &err) != CRM_OK)
				break;
			rc = crm_series_add(s, r, &err);
		}
	}
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(crm_series_count(s), 10000);
	CHECK_INT(crm_series_counts_of(s)->taken, 30000);
	for (k = 0; k < 10000; k++) {
		if (crm_series_next(s, &sr, &err) != CRM_OK)
			break;
		w = k % 100;
		snprintf(sku, sizeof(sku), "K%05ld", k);
		if (w < 52)
			snprintf(want, sizeof(want), "2024-W%02ld", w + 1);
		else
			snprintf(want, sizeof(want), "2025-W%02ld", w - 51);
		if (strcmp(sr.keys[0], sku) != 0 || strcmp(sr.first, want) ||
		    sr.n != (size_t)(156 - w) || sr.values[0] != k + 1 ||
		    sr.values[120 - w] != -(k % 3) ||
		    sr.values[155 - w] != 1) {
			bad++;
			continue;
		}
		for (i = 1; i < sr.n - 1; i++)
			if (i != (size_t)(120 - w) && sr.values[i] != 0)
				break;
		bad += i != sr.n - 1;
	}
	CHECK_INT(k, 10000);
	CHECK_INT(bad, 0);
	CHECK_INT(crm_series_next(s, &sr, &err), CRM_END);
	CHECK_STR(period(s, 0), "2026-W52");
	crm_rec_free(r);
	crm_series_free(s);
}

/* Orders with their lines (D cancelled and E a draft are no sales; R
 * returns one X), shipments delivered or not. */
static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES"
	" ('C1', 'One', '2024-01-01');"
	"INSERT INTO products (sku, name, segment) VALUES ('X', 'X', 'SUV'),"
	" ('Y', 'Y', NULL);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" region, plant, kind) VALUES"
	" ('A', 'C1', '2026-01-10', 'confirmed', 'EUR', 'N', 'P1', 'sale'),"
	" ('B', 'C1', '2026-01-20', 'paid', 'EUR', 'N', 'P2', 'sale'),"
	" ('C', 'C1', '2026-03-05', 'shipped', 'EUR', 'S', 'P1', 'sale'),"
	" ('D', 'C1', '2026-03-06', 'cancelled', 'EUR', 'N', 'P1', 'sale'),"
	" ('E', 'C1', '2026-02-07', 'draft', 'EUR', 'N', 'P1', 'sale'),"
	" ('R', 'C1', '2026-03-10', 'closed', 'EUR', 'S', NULL, 'return');"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES"
	" ('A', 1, 'X', 2, 100, 200), ('A', 2, 'Y', 1, 50, 50),"
	" ('B', 1, 'X', 1, 100, 100), ('C', 1, 'X', 3, 100, 300),"
	" ('D', 1, 'X', 9, 100, 900), ('E', 1, 'X', 9, 100, 900),"
	" ('R', 1, 'X', -1, 100, -100);"
	"INSERT INTO shipments (id, order_id, shipped_at, status,"
	" delivered_on) VALUES"
	" ('S1', 'A', '2026-01-12T08:00:00Z', 'delivered', '2026-01-15'),"
	" ('S2', 'C', '2026-03-06T08:00:00Z', 'delivered', '2026-03-09'),"
	" ('S3', 'C', '2026-03-10T08:00:00Z', 'shipped', NULL);"
	"INSERT INTO shipment_lines (shipment_id, order_id, line_no, qty)"
	" VALUES ('S1', 'A', 1, 2), ('S1', 'A', 2, 1), ('S2', 'C', 1, 2),"
	" ('S3', 'C', 1, 1);";

/* The series of the database by keys and period p from src. */
static char *
from_db(crm_db *db, const char *keys, crm_period p, crm_series_source src,
    const char *from, const char *to)
{
	crm_series_set *s = open_set(keys, p, CRM_SERIES_TRANSACTIONS, NULL,
	    NULL, 0, from, to);
	char *text = NULL;
	crm_err err;

	if (s == NULL || crm_series_read_db(s, db, src, &err) != CRM_OK)
		T_FAIL("from_db %s: %s", keys != NULL ? keys : "", err.msg);
	else
		text = dump(s);
	crm_series_free(s);
	return text;
}

static void
test_db(void)
{
	crm_series_set *s;
	char dbpath[64], *text;
	crm_db *db = NULL;
	crm_err err;

	snprintf(dbpath, sizeof(dbpath), "/tmp/test-series-%ld.db",
	    (long)getpid());
	unlink(dbpath);
	if (crm_db_open(&db, dbpath, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK) {
		T_FAIL("fixture: %s", err.msg);
		crm_db_close(db);
		return;
	}
	/* X: A 2 + B 1 in January, C 3 - R 1 in March. */
	text = from_db(db, "product", CRM_PERIOD_MONTH, CRM_SERIES_ORDERED,
	    NULL, NULL);
	CHECK_STR(text, "X|2026-01|3 0 2\nY|2026-01|1 0 0\n");
	free(text);
	/* sku is the product by the name planners use; with a dimension of
	 * the order it still splits the lines by their sku. */
	text = from_db(db, "sku", CRM_PERIOD_MONTH, CRM_SERIES_ORDERED,
	    NULL, NULL);
	CHECK_STR(text, "X|2026-01|3 0 2\nY|2026-01|1 0 0\n");
	free(text);
	text = from_db(db, "sku,region", CRM_PERIOD_MONTH,
	    CRM_SERIES_DELIVERED, NULL, NULL);
	CHECK_STR(text, "X,N|2026-01|2 0 0\nX,S|2026-03|2\n"
	    "Y,N|2026-01|1 0 0\n");
	free(text);
	text = from_db(db, "plant", CRM_PERIOD_MONTH, CRM_SERIES_ORDERED,
	    NULL, NULL);
	CHECK_STR(text, "~|2026-03|-1\nP1|2026-01|3 0 3\nP2|2026-01|1 0 0\n");
	free(text);
	text = from_db(db, "segment,region", CRM_PERIOD_MONTH,
	    CRM_SERIES_ORDERED, NULL, NULL);
	CHECK_STR(text, "~,N|2026-01|1 0 0\nSUV,N|2026-01|3 0 0\n"
	    "SUV,S|2026-03|2\n");
	free(text);
	text = from_db(db, "customer,rep,channel,category", CRM_PERIOD_QUARTER,
	    CRM_SERIES_ORDERED, NULL, NULL);
	CHECK_STR(text, "C1,~,~,~|2026-Q1|6\n");
	free(text);
	/* Bounds: the end in February, the start in March. */
	text = from_db(db, NULL, CRM_PERIOD_MONTH, CRM_SERIES_ORDERED, NULL,
	    "2026-02-28");
	CHECK_STR(text, "|2026-01|4 0\n");
	free(text);
	text = from_db(db, NULL, CRM_PERIOD_MONTH, CRM_SERIES_ORDERED,
	    "2026-03", NULL);
	CHECK_STR(text, "|2026-03|2\n");
	free(text);
	/* Deliveries: S1 on Thursday 2026-01-15 (W03), S2 on Monday
	 * 2026-03-09 (W11); S3 is on its way. */
	text = from_db(db, "region", CRM_PERIOD_WEEK, CRM_SERIES_DELIVERED,
	    NULL, NULL);
	CHECK_STR(text, "N|2026-W03|3 0 0 0 0 0 0 0 0\nS|2026-W11|2\n");
	free(text);
	text = from_db(db, "product,plant", CRM_PERIOD_MONTH,
	    CRM_SERIES_DELIVERED, NULL, "2026-02-28");
	CHECK_STR(text, "X,P1|2026-01|2 0\nY,P1|2026-01|1 0\n");
	free(text);
	/* Not a dimension; points. */
	s = open_set("region,colour", CRM_PERIOD_MONTH,
	    CRM_SERIES_TRANSACTIONS, NULL, NULL, 0, NULL, NULL);
	CHECK_INT(crm_series_read_db(s, db, CRM_SERIES_ORDERED, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "--by: unknown dimension \"colour\" (product or "
	    "sku, segment, category, region, channel, rep, customer, plant)");
	crm_series_free(s);
	s = open_set("region", CRM_PERIOD_MONTH, CRM_SERIES_POINTS, NULL,
	    NULL, 0, NULL, NULL);
	CHECK_INT(crm_series_read_db(s, db, CRM_SERIES_ORDERED, &err),
	    CRM_EUSAGE);
	crm_series_free(s);
	/* The database and records add up in one set. */
	s = open_set("region", CRM_PERIOD_MONTH, CRM_SERIES_TRANSACTIONS,
	    NULL, "qty", 0, NULL, NULL);
	CHECK_INT(crm_series_read_db(s, db, CRM_SERIES_ORDERED, &err),
	    CRM_OK);
	CHECK_INT(feed(s, "{\"region\":\"S\",\"date\":\"2026-04-01\","
	    "\"qty\":0.5}", &err), CRM_OK);
	text = dump(s);
	CHECK_STR(text, "N|2026-01|4 0 0 0\nS|2026-03|2 0.5\n");
	free(text);
	crm_series_free(s);
	crm_db_close(db);
	unlink(dbpath);
	snprintf(dbpath + strlen(dbpath), 8, "-wal");
	unlink(dbpath);
	dbpath[strlen(dbpath) - 4] = '\0';
	snprintf(dbpath + strlen(dbpath), 8, "-shm");
	unlink(dbpath);
}

int
main(void)
{
	RUN(test_points);
	RUN(test_own_ends);
	RUN(test_transactions_week53);
	RUN(test_days_quarters_years);
	RUN(test_exact);
	RUN(test_bad_points);
	RUN(test_bad_transactions);
	RUN(test_range);
	RUN(test_null_keys);
	RUN(test_bounds);
	RUN(test_empty);
	RUN(test_usage);
	RUN(test_many_keys);
	RUN(test_db);
	DONE();
}
