/*
 * test_fcrun.c - forecast runs checked by hand: the rows' rounding,
 * floor at 0 and params; forecasts of a set with a key that never sold;
 * the hierarchy's product totals and top-down shares over series that
 * start apart; a backtest's scores and their means over the series.
 */
#include <math.h>
#include <stdlib.h>

#include "crm/crm.h"
#include "t.h"

/* A set of monthly points keyed by keys (comma-separated, NULL: none)
 * fed the JSON lines of recs; NULL after a failure. */
static crm_series_set *
set_of(const char *keys, const char *recs)
{
	const char *names[4];
	char kbuf[64], *p;
	crm_series_opts o;
	crm_series_set *s = NULL;
	crm_rec *r = crm_rec_new();
	const char *q = recs, *nl;
	crm_err err;

	memset(&o, 0, sizeof(o));
	if (keys != NULL) {
		snprintf(kbuf, sizeof(kbuf), "%s", keys);
		for (p = kbuf; p != NULL; ) {
			names[o.nkeys++] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
	}
	o.keys = names;
	o.period = CRM_PERIOD_MONTH;
	if (r == NULL || crm_series_new(&o, &s, &err) != CRM_OK) {
		T_FAIL("set_of: %s", err.msg);
		crm_rec_free(r);
		return NULL;
	}
	while (*q != '\0') {
		nl = strchr(q, '\n');
		if (crm_rec_parse(r, q, (size_t)(nl - q), &err) != CRM_OK ||
		    crm_series_add(s, r, &err) != CRM_OK) {
			T_FAIL("set_of: %.*s: %s", (int)(nl - q), q, err.msg);
			crm_series_free(s);
			s = NULL;
			break;
		}
		q = nl + 1;
	}
	crm_rec_free(r);
	return s;
}

/* A run of method m over keys with the levels texts (NULL: none). */
static crm_fcrun *
run_of(const char *const *keys, size_t nkeys, crm_forecast_method m,
    int horizon, int season, const char *const *levels, int nlevels,
    int flags)
{
	crm_fcrun_opts o;
	crm_fcrun *run = NULL;
	crm_err err;
	int l;

	memset(&o, 0, sizeof(o));
	o.keys = keys;
	o.nkeys = nkeys;
	o.method = m;
	crm_forecast_opts_init(&o.fo);
	o.fo.horizon = horizon;
	o.fo.season = season;
	for (l = 0; l < nlevels; l++)
		o.fo.levels[l] = strtod(levels[l], NULL);
	o.fo.nlevels = nlevels;
	o.levels = levels;
	o.flags = flags;
	if (crm_fcrun_new(&o, &run, &err) != CRM_OK)
		T_FAIL("run_of: %s", err.msg);
	return run;
}

/* Rows handed over, as JSON lines. */
static int
collect(void *ctx, crm_rec *row, crm_err *err)
{
	crm_buf *b = ctx;
	int rc = crm_rec_write_json(row, b, err);

	return rc == CRM_OK ? crm_buf_addc(b, '\n') : rc;
}

static const char *
text_of(crm_buf *b)
{
	if (crm_buf_addc(b, '\0') != CRM_OK)
		return NULL;
	b->len--;
	return b->data;
}

static void
test_num(void)
{
	char buf[64];

	CHECK_STR(crm_fcrun_num(2, 3, buf, sizeof(buf)), "2");
	CHECK_STR(crm_fcrun_num(100, 3, buf, sizeof(buf)), "100");
	CHECK_STR(crm_fcrun_num(-1.5, 3, buf, sizeof(buf)), "-1.5");
	CHECK_STR(crm_fcrun_num(1.23456, 4, buf, sizeof(buf)), "1.2346");
	CHECK_STR(crm_fcrun_num(4.0263, 3, buf, sizeof(buf)), "4.026");
	/* Rounded to 0 it is 0, never "-0". */
	CHECK_STR(crm_fcrun_num(-0.0004, 3, buf, sizeof(buf)), "0");
	CHECK_STR(crm_fcrun_num(-0.0, 3, buf, sizeof(buf)), "0");
	CHECK_STR(crm_fcrun_num(0.0005001, 3, buf, sizeof(buf)), "0.001");
	CHECK_STR(crm_fcrun_num(2e15, 3, buf, sizeof(buf)), "2e+15");
	CHECK_STR(crm_fcrun_num(NAN, 3, buf, sizeof(buf)), "null");
	CHECK_STR(crm_fcrun_num(-INFINITY, 3, buf, sizeof(buf)), "null");
}

static void
test_floor_params(void)
{
	const char *keys[] = { "s" };
	crm_fcrun *run = run_of(keys, 1, CRM_FORECAST_NAIVE, 1, 1, NULL, 0,
	    0);
	crm_fcrun *neg = run_of(keys, 1, CRM_FORECAST_NAIVE, 1, 1, NULL, 0,
	    CRM_FCRUN_NEGATIVE);
	char buf[CRM_FCRUN_PARAMSZ];
	crm_forecast f;

	CHECK(crm_fcrun_floor(run, -0.5) == 0);
	CHECK(crm_fcrun_floor(run, 0.5) == 0.5);
	CHECK(crm_fcrun_floor(neg, -0.5) == -0.5);
	memset(&f, 0, sizeof(f));
	f.alpha = f.beta = f.gamma = f.phi = f.theta = f.drift = NAN;
	crm_fcrun_params(&f, buf);
	CHECK_STR(buf, "{}");
	/* The order of the header, four places, a season of 1 is none. */
	f.season = 12;
	f.phi = 0.98;
	f.alpha = 0.33884;
	f.window = 3;
	crm_fcrun_params(&f, buf);
	CHECK_STR(buf, "{\"alpha\":0.3388,\"phi\":0.98,\"window\":3,"
	    "\"season\":12}");
	f.season = 1;
	f.window = 0;
	f.drift = -0.25;
	crm_fcrun_params(&f, buf);
	CHECK_STR(buf, "{\"alpha\":0.3388,\"phi\":0.98,\"drift\":-0.25}");
	crm_fcrun_free(run);
	crm_fcrun_free(neg);
}

/* A made-up forecast of two steps and one level: rounded to three
 * places, floored at 0 unless the run keeps negatives. */
static void
test_rows(void)
{
	const char *keys[] = { "s", "r" }, *levels[] = { "80" };
	const char *vals[] = { "a", NULL };
	double mean[] = { -1, 2.00049 }, lower[] = { -3, 0.5 },
	    upper[] = { 1.0004, 3.4567 };
	crm_series_set *set = set_of("s,r",
	    "{\"s\":\"a\",\"r\":\"x\",\"period\":\"2026-03\",\"value\":1}\n");
	crm_fcrun *run = run_of(keys, 2, CRM_FORECAST_NAIVE, 2, 1, levels, 1,
	    0);
	crm_fcrun *neg = run_of(keys, 2, CRM_FORECAST_NAIVE, 2, 1, levels, 1,
	    CRM_FCRUN_NEGATIVE);
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_buf b = CRM_BUF_INIT;
	crm_forecast f;
	crm_err err;
	size_t n;

	if (set == NULL || run == NULL || neg == NULL)
		goto out;
	memset(&f, 0, sizeof(f));
	f.method = CRM_FORECAST_SES;
	f.alpha = 0.5;
	f.beta = f.gamma = f.phi = f.theta = f.drift = NAN;
	f.horizon = 2;
	f.mean = mean;
	f.nlevels = 1;
	f.levels[0] = 80;
	f.lower = lower;
	f.upper = upper;
	f.interval = "by hand";
	snprintf(f.note, sizeof(f.note), "made up");
	CHECK_INT(crm_fcrun_rows(run, set, vals, &f, collect, &b, &err),
	    CRM_OK);
	CHECK_STR(text_of(&b),
	    "{\"s\":\"a\",\"r\":null,\"period\":\"2026-04\",\"forecast\":0,"
	    "\"lo80\":0,\"hi80\":1,\"method\":\"ses\","
	    "\"params\":{\"alpha\":0.5},\"intervals\":\"by hand\","
	    "\"note\":\"made up\"}\n"
	    "{\"s\":\"a\",\"r\":null,\"period\":\"2026-05\",\"forecast\":2,"
	    "\"lo80\":0.5,\"hi80\":3.457,\"method\":\"ses\","
	    "\"params\":{\"alpha\":0.5},\"intervals\":\"by hand\","
	    "\"note\":\"made up\"}\n");
	crm_buf_reset(&b);
	f.interval = NULL;
	f.note[0] = '\0';
	f.horizon = 1;
	CHECK_INT(crm_fcrun_rows(neg, set, vals, &f, collect, &b, &err),
	    CRM_OK);
	CHECK_STR(text_of(&b),
	    "{\"s\":\"a\",\"r\":null,\"period\":\"2026-04\",\"forecast\":-1,"
	    "\"lo80\":-3,\"hi80\":1,\"method\":\"ses\","
	    "\"params\":{\"alpha\":0.5},\"intervals\":null,\"note\":null}\n");
	n = crm_fcrun_columns(run, cols);
	CHECK_INT(n, 10);
	CHECK_STR(cols[0], "s");
	CHECK_STR(cols[3], "forecast");
	CHECK_STR(cols[4], "lo80");
	CHECK_STR(cols[5], "hi80");
	CHECK_STR(cols[9], "note");
out:
	crm_buf_free(&b);
	crm_series_free(set);
	crm_fcrun_free(run);
	crm_fcrun_free(neg);
}

/* naive on a: 1 3 2 (sigma sqrt(2.5), 80 %: 2 +- 2.026) and on z, a
 * key whose sums are all 0: zeros, said in the note. */
static void
test_each(void)
{
	const char *keys[] = { "s" }, *levels[] = { "80" };
	crm_series_set *set = set_of("s",
	    "{\"s\":\"a\",\"period\":\"2026-01\",\"value\":1}\n"
	    "{\"s\":\"a\",\"period\":\"2026-02\",\"value\":3}\n"
	    "{\"s\":\"a\",\"period\":\"2026-03\",\"value\":2}\n"
	    "{\"s\":\"z\",\"period\":\"2026-02\",\"value\":0}\n");
	crm_fcrun *run = run_of(keys, 1, CRM_FORECAST_NAIVE, 1, 1, levels, 1,
	    0);
	const crm_fcrun_counts *c;
	crm_buf b = CRM_BUF_INIT;
	crm_err err;

	if (set == NULL || run == NULL)
		goto out;
	CHECK_INT(crm_fcrun_each(run, set, collect, &b, &err), CRM_OK);
	CHECK_STR(text_of(&b),
	    "{\"s\":\"a\",\"period\":\"2026-04\",\"forecast\":2,"
	    "\"lo80\":0,\"hi80\":4.026,\"method\":\"naive\",\"params\":{},"
	    "\"intervals\":\"residual-based: random walk, sigma sqrt(h)\","
	    "\"note\":null}\n"
	    "{\"s\":\"z\",\"period\":\"2026-04\",\"forecast\":0,"
	    "\"lo80\":0,\"hi80\":0,\"method\":\"naive\",\"params\":{},"
	    "\"intervals\":\"none: every value is zero\","
	    "\"note\":\"no sales in the history: zeros\"}\n");
	c = crm_fcrun_counts_of(run);
	CHECK_INT(c->series, 2);
	CHECK_INT(c->forecast, 2);
	CHECK_INT(c->fallbacks, 1);
out:
	crm_buf_free(&b);
	crm_series_free(set);
	crm_fcrun_free(run);
}

/* The scaled figure (thousandths) of level, product and region p, r
 * (NULL: none) in the first period; -1 when there is none. */
static long long
figure(const crm_demand_hier *h, crm_demand_level level, const char *p,
    const char *r)
{
	size_t i, n = crm_demand_hier_count(h);

	for (i = 0; i < n; i++) {
		const crm_demand_node *d = crm_demand_hier_at(h, i);

		if (d->level == level && strcmp(d->period, "2026-04") == 0 &&
		    (p == NULL) == (d->product == NULL) &&
		    (r == NULL) == (d->region == NULL) &&
		    (p == NULL || strcmp(p, d->product) == 0) &&
		    (r == NULL || strcmp(r, d->region) == 0))
			return (long long)d->scaled;
	}
	return -1;
}

/* P: N 1 2 3 from January, S 4 5 from February; Q: N 0 0 2 (its first
 * sale in March).  Bottom up, naive: P N 3, P S 5, Q N 2.  Top down:
 * P's total 1 6 8 forecasts 8, split by the last season (2 periods): N
 * 2 + 3 = 5, S 4 + 5 = 9, so 8 x 5/14 = 2.857143 and 5.142857: 2.857
 * and 5.142 leave a unit for the larger remainder, S's: 5.143.  Q's
 * total, from its first sale (2), forecasts 2, all N. */
static void
test_hier(void)
{
	const char *keys[] = { "sku", "region" }, *one[] = { "sku" };
	static const char recs[] =
	    "{\"sku\":\"P\",\"region\":\"N\",\"period\":\"2026-01\","
	    "\"value\":1}\n"
	    "{\"sku\":\"P\",\"region\":\"N\",\"period\":\"2026-02\","
	    "\"value\":2}\n"
	    "{\"sku\":\"P\",\"region\":\"N\",\"period\":\"2026-03\","
	    "\"value\":3}\n"
	    "{\"sku\":\"P\",\"region\":\"S\",\"period\":\"2026-02\","
	    "\"value\":4}\n"
	    "{\"sku\":\"P\",\"region\":\"S\",\"period\":\"2026-03\","
	    "\"value\":5}\n"
	    "{\"sku\":\"Q\",\"region\":\"N\",\"period\":\"2026-03\","
	    "\"value\":2}\n";
	crm_series_set *set = set_of("sku,region", recs);
	crm_fcrun *run = run_of(keys, 2, CRM_FORECAST_NAIVE, 1, 2, NULL, 0,
	    0), *bad = run_of(one, 1, CRM_FORECAST_NAIVE, 1, 2, NULL, 0, 0);
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_demand_hier *h = NULL;
	crm_err err;

	if (set == NULL || run == NULL || bad == NULL)
		goto out;
	CHECK_INT(crm_fcrun_hier(run, set, CRM_DEMAND_BOTTOM_UP, &h, &err),
	    CRM_OK);
	CHECK_INT(figure(h, CRM_DEMAND_TOTAL, NULL, NULL), 10000);
	CHECK_INT(figure(h, CRM_DEMAND_PRODUCT, "P", NULL), 8000);
	CHECK_INT(figure(h, CRM_DEMAND_CELL, "P", "N"), 3000);
	CHECK_INT(figure(h, CRM_DEMAND_CELL, "P", "S"), 5000);
	CHECK_INT(figure(h, CRM_DEMAND_REGION, NULL, "N"), 5000);
	CHECK_INT(crm_fcrun_counts_of(run)->series, 3);
	CHECK_INT(crm_fcrun_counts_of(run)->forecast, 3);
	crm_demand_hier_free(h);
	crm_series_free(set);
	set = set_of("sku,region", recs);
	CHECK_INT(crm_fcrun_hier(run, set, CRM_DEMAND_TOP_DOWN, &h, &err),
	    CRM_OK);
	CHECK_INT(figure(h, CRM_DEMAND_TOTAL, NULL, NULL), 10000);
	CHECK_INT(figure(h, CRM_DEMAND_PRODUCT, "P", NULL), 8000);
	CHECK_INT(figure(h, CRM_DEMAND_CELL, "P", "N"), 2857);
	CHECK_INT(figure(h, CRM_DEMAND_CELL, "P", "S"), 5143);
	CHECK_INT(figure(h, CRM_DEMAND_PRODUCT, "Q", NULL), 2000);
	CHECK_INT(figure(h, CRM_DEMAND_REGION, NULL, "N"), 4857);
	CHECK_INT(figure(h, CRM_DEMAND_REGION, NULL, "S"), 5143);
	/* Three more series, two more forecasts: one per product. */
	CHECK_INT(crm_fcrun_counts_of(run)->series, 6);
	CHECK_INT(crm_fcrun_counts_of(run)->forecast, 5);
	CHECK_INT(crm_fcrun_hier_columns(run, cols), 5);
	CHECK_STR(cols[1], "sku");
	CHECK_STR(cols[2], "region");
	crm_demand_hier_free(h);
	h = NULL;
	CHECK_INT(crm_fcrun_hier(bad, set, CRM_DEMAND_TOP_DOWN, &h, &err),
	    CRM_EUSAGE);
	CHECK(h == NULL);
out:
	crm_demand_hier_free(h);
	crm_series_free(set);
	crm_fcrun_free(run);
	crm_fcrun_free(bad);
}

/* A series without its region is no cell of the hierarchy. */
static void
test_hier_null(void)
{
	const char *keys[] = { "sku", "region" };
	crm_series_opts o;
	crm_series_set *set = NULL;
	crm_fcrun *run = run_of(keys, 2, CRM_FORECAST_NAIVE, 1, 1, NULL, 0,
	    0);
	crm_demand_hier *h = NULL;
	crm_rec *r = crm_rec_new();
	static const char rec[] =
	    "{\"sku\":\"P\",\"region\":null,\"period\":\"2026-01\","
	    "\"value\":1}";
	crm_err err;

	memset(&o, 0, sizeof(o));
	o.keys = keys;
	o.nkeys = 2;
	o.period = CRM_PERIOD_MONTH;
	o.null_keys = 1;
	if (run == NULL || r == NULL || crm_series_new(&o, &set, &err) !=
	    CRM_OK || crm_rec_parse(r, rec, strlen(rec), &err) != CRM_OK ||
	    crm_series_add(set, r, &err) != CRM_OK) {
		T_FAIL("test_hier_null: %s", err.msg);
		goto out;
	}
	CHECK_INT(crm_fcrun_hier(run, set, CRM_DEMAND_BOTTOM_UP, &h, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "--hierarchy: a product without a region");
	CHECK(h == NULL);
out:
	crm_rec_free(r);
	crm_series_free(set);
	crm_fcrun_free(run);
}

/* naive one period ahead from the origins 3 and 4 (0-based) of
 *   a: 5 7 6 8 7   forecasts 6, 8 for 8, 7: errors -2, 1: MAE 1.5,
 *      RMSE sqrt(2.5) = 1.5811, MAPE (25 + 14.2857) / 2 = 19.6429,
 *      sMAPE (28.5714 + 13.3333) / 2 = 20.9524, MASE 1.5 / the naive
 *      scale of 5 7 6 (1.5) = 1, WAPE 3 / 15, bias -0.5;
 *   b: 1 2 3 4 5   forecasts 3, 4 for 4, 5: MAE 1, RMSE 1, MAPE
 *      (25 + 20) / 2 = 22.5, sMAPE (28.5714 + 22.2222) / 2 = 25.3968,
 *      MASE 1 / 1, WAPE 2 / 9, bias -1;
 *   c: 1 2 3       too short for 2 origins of 1: 4 periods needed.
 * Overall the means over a and b: MAE 1.25, RMSE (1.5811 + 1) / 2 =
 * 1.2906, MAPE 21.0714, sMAPE 23.1746, MASE 1, WAPE 0.2111, bias -0.75. */
static void
test_backtest(void)
{
	const char *keys[] = { "s" };
	static const crm_forecast_method naive[] = { CRM_FORECAST_NAIVE };
	crm_series_set *set = set_of("s",
	    "{\"s\":\"a\",\"period\":\"2026-01\",\"value\":5}\n"
	    "{\"s\":\"a\",\"period\":\"2026-02\",\"value\":7}\n"
	    "{\"s\":\"a\",\"period\":\"2026-03\",\"value\":6}\n"
	    "{\"s\":\"a\",\"period\":\"2026-04\",\"value\":8}\n"
	    "{\"s\":\"a\",\"period\":\"2026-05\",\"value\":7}\n"
	    "{\"s\":\"b\",\"period\":\"2026-01\",\"value\":1}\n"
	    "{\"s\":\"b\",\"period\":\"2026-02\",\"value\":2}\n"
	    "{\"s\":\"b\",\"period\":\"2026-03\",\"value\":3}\n"
	    "{\"s\":\"b\",\"period\":\"2026-04\",\"value\":4}\n"
	    "{\"s\":\"b\",\"period\":\"2026-05\",\"value\":5}\n"
	    "{\"s\":\"c\",\"period\":\"2026-03\",\"value\":1}\n"
	    "{\"s\":\"c\",\"period\":\"2026-04\",\"value\":2}\n"
	    "{\"s\":\"c\",\"period\":\"2026-05\",\"value\":3}\n");
	crm_fcrun *run = run_of(keys, 1, CRM_FORECAST_AUTO, 1, 1, NULL, 0, 0);
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_buf b = CRM_BUF_INIT;
	crm_err err;

	if (set == NULL || run == NULL)
		goto out;
	CHECK_INT(crm_fcrun_backtest(run, set, naive, 1, 2, collect, &b,
	    &err), CRM_OK);
	CHECK_STR(text_of(&b),
	    "{\"s\":\"a\",\"method\":\"naive\",\"nseries\":1,\"n\":2,"
	    "\"mae\":1.5,\"rmse\":1.5811,\"mape\":19.6429,"
	    "\"smape\":20.9524,\"mase\":1,\"wape\":0.2,\"bias\":-0.5,"
	    "\"note\":null}\n"
	    "{\"s\":\"b\",\"method\":\"naive\",\"nseries\":1,\"n\":2,"
	    "\"mae\":1,\"rmse\":1,\"mape\":22.5,\"smape\":25.3968,"
	    "\"mase\":1,\"wape\":0.2222,\"bias\":-1,\"note\":null}\n"
	    "{\"s\":\"c\",\"method\":\"naive\",\"nseries\":1,\"n\":0,"
	    "\"mae\":null,\"rmse\":null,\"mape\":null,\"smape\":null,"
	    "\"mase\":null,\"wape\":null,\"bias\":null,"
	    "\"note\":\"too short: 3 periods, 2 origins of 1 need 4\"}\n"
	    "{\"s\":null,\"method\":\"naive\",\"nseries\":2,\"n\":4,"
	    "\"mae\":1.25,\"rmse\":1.2906,\"mape\":21.0714,"
	    "\"smape\":23.1746,\"mase\":1,\"wape\":0.2111,\"bias\":-0.75,"
	    "\"note\":\"overall: the mean over the series\"}\n");
	CHECK_INT(crm_fcrun_backtest_columns(run, cols), 12);
	CHECK_STR(cols[1], "method");
	CHECK_STR(cols[4], "mae");
	CHECK_STR(cols[11], "note");
	CHECK_INT(crm_fcrun_backtest(run, set, naive, 0, 2, collect, &b,
	    &err), CRM_EUSAGE);
	CHECK_INT(crm_fcrun_backtest(run, set, naive, 1, 0, collect, &b,
	    &err), CRM_EUSAGE);
out:
	crm_buf_free(&b);
	crm_series_free(set);
	crm_fcrun_free(run);
}

/* 2 1 -1 -2 -3: naive forecasts -1 and -2 for -2 and -3 are 0 floored,
 * errors 2 and 3: bias 2.5; kept below zero they are 1 too high each. */
static void
test_backtest_floor(void)
{
	const char *keys[] = { "s" };
	static const crm_forecast_method naive[] = { CRM_FORECAST_NAIVE };
	static const char recs[] =
	    "{\"s\":\"a\",\"period\":\"2026-01\",\"value\":2}\n"
	    "{\"s\":\"a\",\"period\":\"2026-02\",\"value\":1}\n"
	    "{\"s\":\"a\",\"period\":\"2026-03\",\"value\":-1}\n"
	    "{\"s\":\"a\",\"period\":\"2026-04\",\"value\":-2}\n"
	    "{\"s\":\"a\",\"period\":\"2026-05\",\"value\":-3}\n";
	crm_series_set *set = set_of("s", recs);
	crm_fcrun *run = run_of(keys, 1, CRM_FORECAST_AUTO, 1, 1, NULL, 0, 0);
	crm_fcrun *neg = run_of(keys, 1, CRM_FORECAST_AUTO, 1, 1, NULL, 0,
	    CRM_FCRUN_NEGATIVE);
	crm_buf b = CRM_BUF_INIT;
	crm_err err;

	if (set == NULL || run == NULL || neg == NULL)
		goto out;
	CHECK_INT(crm_fcrun_backtest(run, set, naive, 1, 2, collect, &b,
	    &err), CRM_OK);
	CHECK_HAS(text_of(&b), "\"s\":\"a\",\"method\":\"naive\","
	    "\"nseries\":1,\"n\":2,\"mae\":2.5,");
	CHECK_HAS(text_of(&b), "\"bias\":2.5,\"note\":null}\n");
	crm_buf_reset(&b);
	crm_series_free(set);
	set = set_of("s", recs);
	CHECK_INT(crm_fcrun_backtest(neg, set, naive, 1, 2, collect, &b,
	    &err), CRM_OK);
	CHECK_HAS(text_of(&b), "\"n\":2,\"mae\":1,\"rmse\":1,");
	CHECK_HAS(text_of(&b), "\"bias\":1,\"note\":null}\n");
out:
	crm_buf_free(&b);
	crm_series_free(set);
	crm_fcrun_free(run);
	crm_fcrun_free(neg);
}

static void
test_new_usage(void)
{
	const char *keys[] = { "s", "" };
	crm_fcrun_opts o;
	crm_fcrun *run = NULL;
	crm_err err;

	memset(&o, 0, sizeof(o));
	crm_forecast_opts_init(&o.fo);
	o.keys = keys;
	o.nkeys = 2;
	CHECK_INT(crm_fcrun_new(&o, &run, &err), CRM_EUSAGE);
	CHECK(run == NULL);
	o.nkeys = 1;
	o.fo.nlevels = 1;
	CHECK_INT(crm_fcrun_new(&o, &run, &err), CRM_EUSAGE);
	o.nkeys = CRM_FCRUN_MAX_KEYS + 1;
	CHECK_INT(crm_fcrun_new(&o, &run, &err), CRM_EUSAGE);
	crm_fcrun_free(NULL);
}

static void
test_defaults_methods(void)
{
	crm_forecast_method m[CRM_FORECAST_AUTO + 1];
	int season, horizon;
	crm_err err;
	size_t n;

	crm_fcrun_period_defaults(CRM_PERIOD_DAY, &season, &horizon);
	CHECK(season == 7 && horizon == 14);
	crm_fcrun_period_defaults(CRM_PERIOD_WEEK, &season, &horizon);
	CHECK(season == 52 && horizon == 13);
	crm_fcrun_period_defaults(CRM_PERIOD_MONTH, &season, &horizon);
	CHECK(season == 12 && horizon == 12);
	crm_fcrun_period_defaults(CRM_PERIOD_QUARTER, &season, &horizon);
	CHECK(season == 4 && horizon == 4);
	CHECK_INT(crm_fcrun_methods_parse("snaive,auto,ses", m, &n, &err),
	    CRM_OK);
	CHECK_INT(n, 3);
	CHECK(m[0] == CRM_FORECAST_SNAIVE && m[1] == CRM_FORECAST_AUTO &&
	    m[2] == CRM_FORECAST_SES);
	CHECK_INT(crm_fcrun_methods_parse("ses,naive,ses", m, &n, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "ses given twice");
	CHECK_INT(crm_fcrun_methods_parse("ses,,naive", m, &n, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "an empty name: ses,,naive");
	CHECK_INT(crm_fcrun_methods_parse("ses,nope", m, &n, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "unknown forecast method: nope");
}

/* Rows read back as run writes them: keyed by the fields before the
 * period, the bounds and the other fields kept; written back with the
 * row's fields after an adjustment. */
static void
test_input(void)
{
	static const char *const recs[] = {
		"{\"sku\":\"A\",\"plant\":\"P\",\"period\":\"2026-12\","
		"\"forecast\":90,\"lo80\":70,\"hi80\":110,"
		"\"method\":\"ses\"}",
		"{\"sku\":\"A\",\"plant\":\"P\",\"period\":\"2026-11\","
		"\"forecast\":-5,\"lo80\":-9,\"hi80\":1,"
		"\"method\":\"ses\"}"
	};
	const char *by[] = { "sku" };
	crm_fcrun_input *in = NULL, *plain = NULL;
	crm_rec *r = crm_rec_new(), *out = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;
	const char *const *keys;
	crm_demand_rows *rows;
	char week[CRM_DATE_BUFSZ];
	crm_err err;
	size_t i, n;

	if (r == NULL || out == NULL ||
	    crm_fcrun_input_new(NULL, 0, CRM_FCRUN_KEEP, &in, &err) !=
	    CRM_OK || crm_fcrun_input_new(by, 1, 0, &plain, &err) != CRM_OK) {
		T_FAIL("test_input: %s", err.msg);
		goto out;
	}
	for (i = 0; i < 2; i++) {
		CHECK_INT(crm_rec_parse(r, recs[i], strlen(recs[i]), &err),
		    CRM_OK);
		CHECK_INT(crm_fcrun_input_add(in, r, &err), CRM_OK);
	}
	CHECK_INT(crm_fcrun_input_count(in), 2);
	rows = crm_fcrun_input_rows(in, &err);
	keys = crm_demand_rows_keys(rows, &n);
	CHECK_INT(n, 2);
	CHECK_STR(keys[1], "plant");
	crm_demand_rows_bounds(rows, &n);
	CHECK_INT(n, 2);
	/* November's -5 is 0 (demand is not negative), its bounds too. */
	CHECK_INT(crm_fcrun_input_write(in, 1, out, &err), CRM_OK);
	CHECK_INT(crm_rec_write_json(out, &b, &err), CRM_OK);
	CHECK_STR(text_of(&b), "{\"sku\":\"A\",\"plant\":\"P\","
	    "\"period\":\"2026-11\",\"forecast\":0,\"lo80\":0,"
	    "\"hi80\":1,\"method\":\"ses\",\"statistical\":-5,"
	    "\"adjustments\":[]}");
	CHECK_INT(crm_fcrun_input_write(in, 2, out, &err), CRM_EUSAGE);
	/* 2026-11-01 is a Sunday: ISO week 44. */
	CHECK_INT(crm_fcrun_first_week(rows, week), CRM_OK);
	CHECK_STR(week, "2026-W44");
	/* Keyed as told; no records kept; a first record without its
	 * period is fine when the keys are given. */
	rows = crm_fcrun_input_rows(plain, &err);
	CHECK(rows != NULL);
	CHECK_INT(crm_fcrun_first_week(rows, week), CRM_END);
	CHECK_INT(crm_fcrun_input_count(plain), 0);
	crm_fcrun_input_free(plain);
	plain = NULL;
	CHECK_INT(crm_fcrun_input_new(NULL, 0, 0, &plain, &err), CRM_OK);
	CHECK_INT(crm_rec_parse(r, "{\"sku\":\"A\"}", 11, &err), CRM_OK);
	CHECK_INT(crm_fcrun_input_add(plain, r, &err), CRM_EDATA);
	CHECK_STR(err.msg, "period: missing");
out:
	crm_buf_free(&b);
	crm_rec_free(r);
	crm_rec_free(out);
	crm_fcrun_input_free(in);
	crm_fcrun_input_free(plain);
}

int
main(void)
{
	RUN(test_num);
	RUN(test_floor_params);
	RUN(test_rows);
	RUN(test_each);
	RUN(test_hier);
	RUN(test_hier_null);
	RUN(test_backtest);
	RUN(test_backtest_floor);
	RUN(test_new_usage);
	RUN(test_defaults_methods);
	RUN(test_input);
	DONE();
}
