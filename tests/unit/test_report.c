/*
 * test_report.c - the report sink, the shared figures (ratios, medians,
 * period arithmetic) and the group filter.
 *
 * Group cases feed records given as JSON text through crm_group into a
 * report written as JSON lines to a temporary file, and compare the file
 * with the expected rows written out in full.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char path[512];

static const char *
slurp(void)
{
	static char buf[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return "(cannot open)";
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_ratio(void)
{
	char buf[CRM_RATIO_BUFSZ];

	CHECK_STR(crm_ratio_format(1, 3, 2, buf), "0.33");
	CHECK_STR(crm_ratio_format(2, 3, 2, buf), "0.67");
	CHECK_STR(crm_ratio_format(-2, 3, 2, buf), "-0.67");
	CHECK_STR(crm_ratio_format(2, -3, 2, buf), "-0.67");
	CHECK_STR(crm_ratio_format(1, 8, 2, buf), "0.13");   /* half up */
	CHECK_STR(crm_ratio_format(-1, 8, 2, buf), "-0.13");
	CHECK_STR(crm_ratio_format(5, 2, 0, buf), "3");
	CHECK_STR(crm_ratio_format(-5, 2, 0, buf), "-3");
	CHECK_STR(crm_ratio_format(0, 7, 3, buf), "0.000");
	CHECK_STR(crm_ratio_format(1, 1000, 1, buf), "0.0");
	CHECK_STR(crm_ratio_format(-1, 1000, 1, buf), "0.0");
	CHECK_STR(crm_ratio_format(INT64_MAX, 1, 2, buf),
	    "9223372036854775807.00");
	CHECK(crm_ratio_format(1, 0, 2, buf) == NULL);
	CHECK_STR(crm_percent_format(1, 3, 1, buf), "33.3");
	CHECK_STR(crm_percent_format(150, 100, 0, buf), "150");
	CHECK_STR(crm_percent_format(-50, 200, 2, buf), "-25.00");
	CHECK(crm_percent_format(5, 0, 2, buf) == NULL);
}

static void
test_set_ratio(void)
{
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;
	crm_err err;

	CHECK_INT(crm_rec_set_percent(r, "rate", 2, 3, 1, &err), CRM_OK);
	CHECK_INT(crm_rec_set_ratio(r, "avg", 7, 0, 2, &err), CRM_OK);
	CHECK_INT(crm_rec_write_json(r, &b, &err), CRM_OK);
	CHECK_STR(b.data, "{\"rate\":66.7,\"avg\":null}");
	crm_buf_free(&b);
	crm_rec_free(r);
}

static void
test_median(void)
{
	int64_t odd[] = { 9, 1, 5 }, even[] = { 4, 1, 3, 2 }, twice = 0;
	int64_t one[] = { -7 };

	CHECK_INT(crm_median2(odd, 3, &twice), CRM_OK);
	CHECK_INT(twice, 10);
	CHECK_INT(crm_median2(even, 4, &twice), CRM_OK);
	CHECK_INT(twice, 5);
	CHECK_INT(crm_median2(one, 1, &twice), CRM_OK);
	CHECK_INT(twice, -14);
	CHECK_INT(crm_median2(NULL, 0, &twice), CRM_END);
}

static void
test_periods(void)
{
	char buf[CRM_DATE_BUFSZ];
	crm_err err;

	/* 2026 has 53 ISO weeks; 2025 has 52. */
	CHECK_INT(crm_period_next("2026-W52", CRM_PERIOD_WEEK, 1, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2026-W53");
	CHECK_INT(crm_period_next("2026-W53", CRM_PERIOD_WEEK, 1, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2027-W01");
	CHECK_INT(crm_period_next("2026-W01", CRM_PERIOD_WEEK, -1, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2025-W52");
	CHECK_INT(crm_period_next("2026-01", CRM_PERIOD_MONTH, -1, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2025-12");
	CHECK_INT(crm_period_next("2026-Q1", CRM_PERIOD_QUARTER, -1, buf,
	    &err), CRM_OK);
	CHECK_STR(buf, "2025-Q4");
	CHECK_INT(crm_period_next("2026", CRM_PERIOD_YEAR, 2, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2028");
	CHECK_INT(crm_period_next("2024-03-01", CRM_PERIOD_DAY, -1, buf,
	    &err), CRM_OK);
	CHECK_STR(buf, "2024-02-29");
	CHECK_INT(crm_period_next("2026-13", CRM_PERIOD_MONTH, 1, buf, &err),
	    CRM_EDATA);

	CHECK_INT(crm_period_year_ago("2026-W53", CRM_PERIOD_WEEK, buf, &err),
	    CRM_END);
	CHECK_INT(crm_period_year_ago("2027-W01", CRM_PERIOD_WEEK, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2026-W01");
	CHECK_INT(crm_period_year_ago("2020-W53", CRM_PERIOD_WEEK, buf, &err),
	    CRM_END);
	CHECK_INT(crm_period_year_ago("2021-W53", CRM_PERIOD_WEEK, buf, &err),
	    CRM_EDATA);
	CHECK_INT(crm_period_year_ago("2024-02-29", CRM_PERIOD_DAY, buf,
	    &err), CRM_END);
	CHECK_INT(crm_period_year_ago("2025-02-28", CRM_PERIOD_DAY, buf,
	    &err), CRM_OK);
	CHECK_STR(buf, "2024-02-28");
	CHECK_INT(crm_period_year_ago("2026-11", CRM_PERIOD_MONTH, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2025-11");
	CHECK_INT(crm_period_year_ago("2026-Q4", CRM_PERIOD_QUARTER, buf,
	    &err), CRM_OK);
	CHECK_STR(buf, "2025-Q4");
	CHECK_INT(crm_period_year_ago("2026", CRM_PERIOD_YEAR, buf, &err),
	    CRM_OK);
	CHECK_STR(buf, "2025");
	CHECK_INT(crm_period_year_ago("2026-W", CRM_PERIOD_WEEK, buf, &err),
	    CRM_EDATA);
}

/* Group the records of text (JSON lines) by keys with aggs into path;
 * returns the first error code, with its message in *err. */
static int
group(const char *keys, const char *aggs, const char *text, crm_err *err)
{
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	crm_group *g = NULL;
	crm_rec *r = crm_rec_new();
	const char *p = text, *nl;
	size_t n, nkeys;
	int rc;

	if ((rc = crm_group_new(keys, aggs, &g, err)) != CRM_OK)
		goto out;
	spec.columns = crm_group_columns(g, &n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	if ((rc = crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
	    0, err)) != CRM_OK)
		goto out;
	for (; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		crm_rec_set_place(r, "t", 1);
		if ((rc = crm_rec_parse(r, p, (size_t)(nl - p), err)) != CRM_OK)
			goto out;
		if ((rc = crm_group_add(g, r, err)) != CRM_OK)
			goto out;
	}
	rc = crm_group_write(g, rep, err);
out:
	if (rc == CRM_OK)
		rc = crm_report_close(rep, err);
	else
		crm_report_abort(rep);
	crm_group_free(g);
	crm_rec_free(r);
	return rc;
}

static void
test_group_sums(void)
{
	crm_err err;

	/* Exact: 0.1 + 0.2 is 0.3; places follow the most precise value;
	 * exponents are read exactly; strings give strings. */
	CHECK_INT(group(NULL, "sum:a,sum:b,count",
	    "{\"a\":0.1,\"b\":\"0.10\"}\n"
	    "{\"a\":0.2,\"b\":\"1.005\"}\n"
	    "{\"a\":1e2,\"b\":\"-2\"}\n"
	    "{\"a\":1.5E-1,\"b\":null}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"a_sum\":100.45,\"b_sum\":\"-0.895\","
	    "\"count\":4}\n");
	/* 10 million and one cents do not lose the cent. */
	CHECK_INT(group(NULL, "sum:a",
	    "{\"a\":\"90071992547409.93\"}\n"
	    "{\"a\":\"0.01\"}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"a_sum\":\"90071992547409.94\"}\n");
}

static void
test_group_stats(void)
{
	crm_err err;

	/* mean rounds half away from zero at two more places; median and
	 * percentiles interpolate (type 7) exactly; trailing zeros go. */
	CHECK_INT(group(NULL, "mean:v,median:v,p90:v,p0:v,p100:v,min:v,"
	    "max:v", "{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n{\"v\":4}\n{\"v\":5}\n"
	    "{\"v\":6}\n{\"v\":7}\n{\"v\":8}\n{\"v\":9}\n{\"v\":10}\n", &err),
	    CRM_OK);
	CHECK_STR(slurp(), "{\"v_mean\":5.5,\"v_median\":5.5,\"v_p90\":9.1,"
	    "\"v_p0\":1,\"v_p100\":10,\"v_min\":1,\"v_max\":10}\n");
	CHECK_INT(group(NULL, "mean:v,median:v",
	    "{\"v\":-1}\n{\"v\":-1}\n{\"v\":-2}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"v_mean\":-1.33,\"v_median\":-1}\n");
	CHECK_INT(group(NULL, "mean:v,p25:v,min:v,max:v",
	    "{\"v\":\"2.50\"}\n{\"v\":\"0.01\"}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"v_mean\":\"1.255\",\"v_p25\":\"0.6325\","
	    "\"v_min\":\"0.01\",\"v_max\":\"2.50\"}\n");
	/* Near the limit: fewer places, never an error. */
	CHECK_INT(group(NULL, "mean:v,median:v,p25:v", "{\"v\":4e37}\n"
	    "{\"v\":-4e37}\n{\"v\":4e37}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"v_mean\":13333333333333333333333333333333333333,"
	    "\"v_median\":40000000000000000000000000000000000000,"
	    "\"v_p25\":0}\n");
	CHECK_INT(group(NULL, "mean:v,p50:v", "{\"v\":\"0.01\"}\n"
	    "{\"v\":\"0.02\"}\n{\"v\":\"0.02\"}\n", &err), CRM_OK);
	CHECK_STR(slurp(), "{\"v_mean\":\"0.0167\",\"v_p50\":\"0.02\"}\n");
}

static void
test_group_keys(void)
{
	crm_err err;

	/* null first, numbers by value, strings byte by byte; a period of
	 * a date or of an instant (UTC); distinct and counts of values. */
	CHECK_INT(group("k", "count,count:v,distinct:v",
	    "{\"k\":\"b\",\"v\":1}\n"
	    "{\"k\":10,\"v\":1}\n"
	    "{\"k\":9,\"v\":null}\n"
	    "{\"v\":\"x\"}\n"
	    "{\"k\":\"a\",\"v\":\"1\"}\n"
	    "{\"k\":\"b\",\"v\":1}\n"
	    "{\"k\":\"b\",\"v\":2}\n", &err), CRM_OK);
	CHECK_STR(slurp(),
	    "{\"k\":null,\"count\":1,\"v_count\":1,\"v_distinct\":1}\n"
	    "{\"k\":9,\"count\":1,\"v_count\":0,\"v_distinct\":0}\n"
	    "{\"k\":10,\"count\":1,\"v_count\":1,\"v_distinct\":1}\n"
	    "{\"k\":\"a\",\"count\":1,\"v_count\":1,\"v_distinct\":1}\n"
	    "{\"k\":\"b\",\"count\":3,\"v_count\":3,\"v_distinct\":2}\n");
	CHECK_INT(group("w=d:week,d:quarter", "n=count",
	    "{\"d\":\"2026-12-31\"}\n"
	    "{\"d\":\"2027-01-03T23:59:59Z\"}\n"
	    "{\"d\":\"2027-01-04\"}\n", &err), CRM_OK);
	CHECK_STR(slurp(),
	    "{\"w\":\"2026-W53\",\"d\":\"2026-Q4\",\"n\":1}\n"
	    "{\"w\":\"2026-W53\",\"d\":\"2027-Q1\",\"n\":1}\n"
	    "{\"w\":\"2027-W01\",\"d\":\"2027-Q1\",\"n\":1}\n");
	/* A string key is one whatever its escapes. */
	CHECK_INT(group("k", NULL, "{\"k\":\"\\u00e9\"}\n{\"k\":\"\xc3\xa9\"}\n",
	    &err), CRM_OK);
	CHECK_STR(slurp(), "{\"k\":\"\xc3\xa9\",\"count\":2}\n");
}

static void
test_group_empty(void)
{
	crm_err err;

	/* No records: no groups with keys, one row without. */
	CHECK_INT(group("k", "count,sum:v", "", &err), CRM_OK);
	CHECK_STR(slurp(), "");
	CHECK_INT(group(NULL, "count,sum:v,mean:v,median:v", "", &err),
	    CRM_OK);
	CHECK_STR(slurp(), "{\"count\":0,\"v_sum\":0,\"v_mean\":null,"
	    "\"v_median\":null}\n");
}

static void
test_group_bad(void)
{
	crm_group *g = NULL;
	crm_err err;

	CHECK_INT(group(NULL, "sum:v", "{\"v\":\"12,50\"}\n", &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "t:1: v: not a number: 12,50");
	CHECK_INT(group(NULL, "sum:v", "{\"v\":true}\n", &err), CRM_EDATA);
	CHECK_INT(group(NULL, "sum:v", "{\"v\":\"1.0000000000000000001\"}\n",
	    &err), CRM_EDATA);
	CHECK_INT(group("d:month", NULL, "{\"d\":\"2026-02-30\"}\n", &err),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "t:1: d: not a date or an instant: 2026-02-30");
	CHECK_INT(group("d:month", NULL, "{\"d\":20261101}\n", &err),
	    CRM_EDATA);
	CHECK_INT(group(NULL, "sum:v", "{\"v\":\"4e37\"}\n{\"v\":\"4e37\"}\n"
	    "{\"v\":\"4e37\"}\n{\"v\":\"4e37\"}\n{\"v\":\"4e37\"}\n", &err),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "v: the sum is out of range");

	CHECK_INT(crm_group_new("k", "avg:v", &g, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "unknown function avg");
	CHECK_INT(crm_group_new("k", "sum", &g, &err), CRM_EUSAGE);
	CHECK_INT(crm_group_new("k", "p101:v", &g, &err), CRM_EUSAGE);
	CHECK_INT(crm_group_new("k,,j", NULL, &g, &err), CRM_EUSAGE);
	CHECK_INT(crm_group_new("k:fortnight", NULL, &g, &err), CRM_EUSAGE);
	CHECK_INT(crm_group_new("count", NULL, &g, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "column count twice");
	CHECK_INT(crm_group_new("k", "sum:v,sum:v", &g, &err), CRM_EUSAGE);
	CHECK(g == NULL);
}

/* A bad record counts nowhere: not its group, not its good values. */
static void
test_group_atomic(void)
{
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	crm_group *g = NULL;
	crm_rec *r = crm_rec_new();
	size_t n, nkeys;
	crm_err err;

	CHECK_INT(crm_group_new("k", "count,sum:a,sum:b", &g, &err), CRM_OK);
	crm_rec_parse(r, "{\"k\":\"x\",\"a\":1,\"b\":2}", 21, &err);
	CHECK_INT(crm_group_add(g, r, &err), CRM_OK);
	crm_rec_parse(r, "{\"k\":\"y\",\"a\":5,\"b\":\"q\"}", 23, &err);
	CHECK_INT(crm_group_add(g, r, &err), CRM_EDATA);
	crm_rec_parse(r, "{\"k\":\"x\",\"a\":5,\"b\":\"?\"}", 23, &err);
	CHECK_INT(crm_group_add(g, r, &err), CRM_EDATA);
	spec.columns = crm_group_columns(g, &n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
	    0, &err), CRM_OK);
	CHECK_INT(crm_group_write(g, rep, &err), CRM_OK);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	CHECK_STR(slurp(), "{\"k\":\"x\",\"count\":1,\"a_sum\":1,\"b_sum\":2}\n");
	crm_group_free(g);
	crm_rec_free(r);
}

/* The sink: every column in every row, null where a row has none; a
 * field that is not a column is refused; --fields picks and orders. */
static void
test_sink(void)
{
	static const char *const cols[] = { "k", "n", "v" };
	static const char *const fields[] = { "v", "k" };
	static const char *const bad[] = { "zz" };
	crm_report_spec spec = { "T", NULL, cols, 3, 1,
	    { CRM_CHART_BARS, NULL, "v", NULL, NULL, { NULL } } };
	crm_report *rep = NULL;
	crm_rec *r = crm_rec_new();
	crm_err err;

	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
	    0, &err), CRM_OK);
	crm_rec_parse(r, "{\"v\":2,\"k\":\"a\"}", 15, &err);
	CHECK_INT(crm_report_row(rep, r, &err), CRM_OK);
	crm_rec_parse(r, "{\"x\":2}", 7, &err);
	CHECK_INT(crm_report_row(rep, r, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "x is not one of its columns");
	CHECK_INT(crm_report_rows(rep), 1);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	CHECK_STR(slurp(), "{\"k\":\"a\",\"n\":null,\"v\":2}\n");

	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_CSV, 0, fields,
	    2, &err), CRM_OK);
	crm_rec_parse(r, "{\"k\":\"a\",\"v\":\"1.50\"}", 20, &err);
	CHECK_INT(crm_report_row(rep, r, &err), CRM_OK);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	CHECK_STR(slurp(), "v,k\r\n1.50,a\r\n");

	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_TABLE, 0, NULL,
	    0, &err), CRM_OK);
	crm_rec_parse(r, "{\"k\":\"a\",\"v\":8}", 15, &err);
	crm_report_row(rep, r, &err);
	crm_rec_parse(r, "{\"k\":\"b\",\"v\":1}", 15, &err);
	crm_report_row(rep, r, &err);
	crm_rec_parse(r, "{\"k\":\"c\",\"v\":null}", 18, &err);
	crm_report_row(rep, r, &err);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	CHECK_STR(slurp(),
	    "k  n  v  bar\n"
	    "-  -  -  --------------------\n"
	    "a     8  \u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588"
	    "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588"
	    "\u2588\u2588\n"
	    "b     1  \u2588\u2588\u258c\n"
	    "c\n");

	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, bad, 1,
	    &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "--fields: zz is not a column");
	spec.chart.y = "nope";
	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
	    0, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "chart column nope is not a column");
	crm_rec_free(r);
}

/* HTML: one page, the chart's marks, text escaped, nothing fetched. */
static void
test_html(void)
{
	static const char *const cols[] = { "k", "v" };
	crm_report_spec spec = { "A <b> & \"c\"", "sub", cols, 2, 1,
	    { CRM_CHART_BARS, NULL, "v", NULL, NULL, { NULL } } };
	crm_report *rep = NULL;
	crm_rec *r = crm_rec_new();
	const char *page, *p;
	crm_err err;
	int bars = 0;

	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_HTML, 0, NULL, 0,
	    &err), CRM_OK);
	crm_rec_parse(r, "{\"k\":\"<x>\",\"v\":\"3.00\"}", 22, &err);
	crm_report_row(rep, r, &err);
	crm_rec_parse(r, "{\"k\":\"y\",\"v\":-1}", 16, &err);
	crm_report_row(rep, r, &err);
	crm_rec_parse(r, "{\"k\":\"z\",\"v\":null}", 18, &err);
	crm_report_row(rep, r, &err);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	page = slurp();
	CHECK(strncmp(page, "<!DOCTYPE html>\n", 16) == 0);
	CHECK_HAS(page, "<title>A &lt;b&gt; &amp; &quot;c&quot;</title>");
	CHECK_HAS(page, "<td>&lt;x&gt;</td><td class=\"n\">3.00</td>");
	for (p = page; (p = strstr(p, "class=\"bar\"")) != NULL; p++)
		bars++;
	CHECK_INT(bars, 2);
	CHECK(strstr(page, "<script") == NULL);
	CHECK(strstr(page, "url(") == NULL);
	CHECK(strstr(page, "src=") == NULL);
	CHECK(strstr(page, "</html>\n") != NULL);
	crm_rec_free(r);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[256];

	snprintf(dir, sizeof(dir), "%s/crm-report.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/out", dir);
	RUN(test_ratio);
	RUN(test_set_ratio);
	RUN(test_median);
	RUN(test_periods);
	RUN(test_group_sums);
	RUN(test_group_stats);
	RUN(test_group_keys);
	RUN(test_group_empty);
	RUN(test_group_bad);
	RUN(test_group_atomic);
	RUN(test_sink);
	RUN(test_html);
	unlink(path);
	rmdir(dir);
	DONE();
}
