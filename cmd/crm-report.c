/*
 * crm-report - the numbers sales management runs on: sales, the funnel,
 * effectiveness, customer value, targets, receivables, stock age,
 * promotions, and a general group-by over any stream of records; as JSON
 * lines, CSV, TSV, tables, Markdown or an HTML page with a chart.
 */
#include "internal.h"

enum {
	OPT_BY = 'b', OPT_AGGREGATE = 'a', OPT_TITLE = 2000
};

/*
 * group: a filter over the records of the operands.
 */
struct grouping {
	crm_group *g;
};

static int
group_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct grouping *gr = ctx;

	return crm_group_add(gr->g, rec, err);
}

static int
cmd_group(crm_cli *cli)
{
	struct grouping gr = { NULL };
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	char title[256];
	size_t n, nkeys;
	int rc, period;

	rc = crm_group_new(crm_cli_opt(cli, OPT_BY),
	    crm_cli_opt(cli, OPT_AGGREGATE), &gr.g, crm_cli_err(cli));
	if (rc != CRM_OK)
		return rc;
	spec.columns = crm_group_columns(gr.g, &n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	snprintf(title, sizeof(title), "%s by %s", spec.columns[nkeys],
	    crm_cli_opt(cli, OPT_BY) != NULL ? crm_cli_opt(cli, OPT_BY) :
	    "nothing");
	spec.title = crm_cli_opt(cli, OPT_TITLE) != NULL ?
	    crm_cli_opt(cli, OPT_TITLE) : title;
	spec.chart.kind = CRM_CHART_BARS;
	spec.chart.y = spec.columns[nkeys];
	period = crm_group_period_key(gr.g);
	if (period >= 0 && nkeys <= 2) {
		spec.chart.kind = CRM_CHART_LINE;
		spec.chart.x = spec.columns[period];
	}
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_cli_each(cli, NULL, group_one, &gr);
	if (rc == CRM_OK)
		rc = crm_group_write(gr.g, rep, crm_cli_err(cli));
	rc = crm_cli_close_report(cli, rep, rc);
	crm_cli_filter_summary(cli);
	crm_group_free(gr.g);
	return rc;
}

static const crm_opt group_opts[] = {
	{ "by", OPT_BY, "KEYS", "group by these fields (FIELD or "
	    "FIELD:PERIOD, comma-separated)" },
	{ "aggregate", OPT_AGGREGATE, "AGGS", "what to compute per group "
	    "(count, sum:FIELD, mean, min, max, median, pNN, distinct)" },
	{ "title", OPT_TITLE, "TEXT", "the report's title" },
	{ NULL, 0, NULL, NULL }
};

#define FILTER (CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT)

/*
 * sales: quantity and amount by dimensions and period, from the
 * database or from the sale records of the FILE operands.  load-market
 * and market: market figures and our share of them.
 */
enum {
	OPT_SALES_BY = 2100, OPT_SALES_PERIOD, OPT_SALES_FROM, OPT_SALES_TO,
	OPT_MARKET_BRAND, OPT_MARKET_KIND, OPT_MARKET_PERIOD,
	OPT_MARKET_FROM, OPT_MARKET_TO, OPT_MARKET_REGION, OPT_MARKET_SEGMENT
};

static int
sales_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_sales_add(ctx, rec, err);
}

/* "Sales by region, channel and month". */
static void
sales_title(const char *by, const char *period, char *buf, size_t sz)
{
	size_t n = 0, i;

	n += (size_t)snprintf(buf, sz, "Sales by ");
	for (i = 0; by != NULL && by[i] != '\0' && n + 3 < sz; i++) {
		if (by[i] == ',') {
			n += (size_t)snprintf(buf + n, sz - n, ", ");
			continue;
		}
		buf[n++] = by[i];
		buf[n] = '\0';
	}
	if (n < sz)
		snprintf(buf + n, sz - n, "%s%s", by != NULL && *by != '\0' ?
		    " and " : "", period);
}

static int
cmd_sales(crm_cli *cli)
{
	const char *by = crm_cli_opt(cli, OPT_SALES_BY), *from, *to;
	const char *pname = crm_cli_opt(cli, OPT_SALES_PERIOD);
	crm_err *err = crm_cli_err(cli), why;
	crm_report_spec spec = { 0 };
	crm_period period = CRM_PERIOD_MONTH;
	crm_report *rep = NULL;
	crm_sales *s = NULL;
	crm_db *db = NULL;
	char title[256];
	size_t n, nkeys;
	int rc;

	if (pname != NULL && crm_period_from_name(pname, &period, &why) !=
	    CRM_OK)
		return crm_cli_usage_error(cli, "--period: not one of day, "
		    "week, month, quarter, year: %s", pname);
	if ((rc = crm_cli_date_opt(cli, OPT_SALES_FROM, &from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_SALES_TO, &to)) != CRM_OK)
		return rc;
	if (from != NULL && to != NULL && strcmp(from, to) > 0)
		return crm_cli_usage_error(cli, "--from %s is after --to %s",
		    from, to);
	if ((rc = crm_sales_new(by, period, from, to, &s, err)) != CRM_OK)
		return rc;
	sales_title(by, pname != NULL ? pname : "month", title,
	    sizeof(title));
	spec.title = title;
	spec.subtitle = "Order lines of orders neither draft nor cancelled; "
	    "returns count negative";
	spec.columns = crm_sales_columns(s, &n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	spec.chart.kind = CRM_CHART_LINE;
	spec.chart.x = "period";
	spec.chart.y = "amount";
	spec.chart.y2 = "amount_ly";
	if (crm_cli_nargs(cli) == 0 &&
	    (rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = db != NULL ? crm_sales_read_db(s, db, err) :
		    crm_cli_each(cli, NULL, sales_one, s);
	if (rc == CRM_OK)
		rc = crm_sales_write(s, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	if (db == NULL)
		crm_cli_filter_summary(cli);
out:
	crm_db_close(db);
	crm_sales_free(s);
	return rc;
}

struct market_load {
	crm_db *db;
	char at[CRM_DATE_BUFSZ];
	crm_market_counts counts;
};

static int
market_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct market_load *m = ctx;

	return crm_market_load(m->db, rec, m->at, &m->counts, err);
}

static int
cmd_load_market(crm_cli *cli)
{
	struct market_load m;
	crm_err *err = crm_cli_err(cli);
	char extra[128];
	int64_t now;
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = crm_now(&now, err)) != CRM_OK)
		return rc;
	crm_time_format(now, m.at);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &m.db)) != CRM_OK)
		return rc;
	if ((rc = crm_db_begin(m.db, err)) == CRM_OK)
		rc = crm_db_end(m.db, crm_cli_each(cli, m.db, market_one, &m),
		    err);
	if (rc == CRM_OK) {
		snprintf(extra, sizeof(extra), "new %lu, updated %lu, "
		    "unchanged %lu", m.counts.added, m.counts.updated,
		    m.counts.unchanged);
		crm_cli_summary(cli, extra);
	}
	crm_db_close(m.db);
	return rc;
}

static int
cmd_market(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_market_query q;
	crm_report_spec spec;
	crm_report *rep = NULL;
	crm_db *db = NULL;
	char sub[192];
	int rc;

	memset(&q, 0, sizeof(q));
	q.brand = crm_cli_opt(cli, OPT_MARKET_BRAND);
	q.kind = crm_cli_opt(cli, OPT_MARKET_KIND);
	q.period = crm_cli_opt(cli, OPT_MARKET_PERIOD);
	q.region = crm_cli_opt(cli, OPT_MARKET_REGION);
	q.segment = crm_cli_opt(cli, OPT_MARKET_SEGMENT);
	if (q.brand == NULL || *q.brand == '\0')
		return crm_cli_usage_error(cli, "--brand: our brand is needed");
	if ((rc = crm_cli_date_opt(cli, OPT_MARKET_FROM, &q.from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_MARKET_TO, &q.to)) != CRM_OK)
		return rc;
	crm_market_spec(&spec);
	snprintf(sub, sizeof(sub), "Our brand: %s", q.brand);
	spec.subtitle = sub;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_market_write(db, &q, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	crm_db_close(db);
	return rc;
}

static const crm_opt sales_opts[] = {
	{ "by", OPT_SALES_BY, "DIMS", "dimensions, comma-separated: "
	    "product, segment, category, region, channel, rep, customer" },
	{ "period", OPT_SALES_PERIOD, "P", "day, week, month (default), "
	    "quarter or year" },
	{ "from", OPT_SALES_FROM, "DATE", "first period shown: the one "
	    "holding DATE (default: the first sale's)" },
	{ "to", OPT_SALES_TO, "DATE", "last period shown: the one holding "
	    "DATE (default: the last sale's)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt market_opts[] = {
	{ "brand", OPT_MARKET_BRAND, "OURS", "our brand (required)" },
	{ "kind", OPT_MARKET_KIND, "K", "wholesale, retail or registration "
	    "(default: all)" },
	{ "period", OPT_MARKET_PERIOD, "KEY", "only this period (2026, "
	    "2026-Q4, 2026-11, 2026-W47, 2026-11-22)" },
	{ "from", OPT_MARKET_FROM, "DATE", "only periods starting on or "
	    "after DATE" },
	{ "to", OPT_MARKET_TO, "DATE", "only periods ending on or before "
	    "DATE" },
	{ "region", OPT_MARKET_REGION, "R", "only this region (\"\": the "
	    "figures for all regions)" },
	{ "segment", OPT_MARKET_SEGMENT, "S", "only this segment" },
	{ NULL, 0, NULL, NULL }
};

/*
 * rfm and value-matrix: customer value from the orders of the database,
 * or of the order records in the FILE operands.
 */
enum {
	OPT_CV_AS_OF = 2300, OPT_CV_FROM, OPT_CV_TO, OPT_CV_REGULAR,
	OPT_CV_LAPSED_DAYS, OPT_CV_LOYAL_RATE, OPT_CV_AMOUNT, OPT_CV_COUNT
};

/* A date option as a day number, def when not given. */
static int
value_day(crm_cli *cli, int key, int32_t def, int32_t *day)
{
	const char *s;
	int rc;

	*day = def;
	if ((rc = crm_cli_date_opt(cli, key, &s)) != CRM_OK || s == NULL)
		return rc;
	return crm_date_parse(s, strlen(s), day, crm_cli_err(cli));
}

static int
value_opts(crm_cli *cli, crm_custval_opts *o, char *sub, size_t sz)
{
	char d[3][CRM_DATE_BUFSZ];
	crm_err *err = crm_cli_err(cli);
	int32_t today, first, last;
	long regular, lapsed, rate;
	int rc;

	if ((rc = crm_today(&today, err)) != CRM_OK ||
	    (rc = crm_date_make(1, 1, 1, &first, err)) != CRM_OK ||
	    (rc = crm_date_make(9999, 12, 31, &last, err)) != CRM_OK ||
	    (rc = value_day(cli, OPT_CV_AS_OF, today, &o->as_of)) != CRM_OK ||
	    (rc = value_day(cli, OPT_CV_FROM, first, &o->from)) != CRM_OK ||
	    (rc = value_day(cli, OPT_CV_TO, last, &o->to)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_CV_REGULAR, 1, 1000000,
	    3, &regular)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_CV_LAPSED_DAYS, 1,
	    3650000, 0, &lapsed)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_CV_LOYAL_RATE, 1, 100,
	    80, &rate)) != CRM_OK)
		return rc;
	o->regular = (int)regular;
	o->lapsed_days = (int)lapsed;
	o->loyal_rate = (int)rate;
	snprintf(sub, sz, "As of %s; orders from %s to %s",
	    crm_date_format(o->as_of, d[0]), crm_date_format(o->from, d[1]),
	    crm_date_format(o->to < o->as_of ? o->to : o->as_of, d[2]));
	return CRM_OK;
}

static int
value_add(void *ctx, crm_rec *const *recs, size_t n, crm_err *err)
{
	return crm_custval_add(ctx, recs, n, err);
}

static int
value_report(crm_cli *cli, int matrix)
{
	const char *amount = crm_cli_opt(cli, OPT_CV_AMOUNT);
	crm_err *err = crm_cli_err(cli), why;
	crm_custval *cv = NULL;
	crm_report_spec spec;
	crm_report *rep = NULL;
	crm_custval_opts o;
	crm_db *db = NULL;
	char sub[128];
	int64_t minor;
	long count = -1;
	int rc;

	if ((rc = value_opts(cli, &o, sub, sizeof(sub))) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_CV_COUNT, 0,
	    1000000000, -1, &count)) != CRM_OK)
		return rc;
	if (amount != NULL && (amount[0] == '-' || crm_money_parse(amount,
	    strlen(amount), 9, &minor, &why) != CRM_OK))
		return crm_cli_usage_error(cli, "--amount-threshold: not an "
		    "amount: %s", amount);
	if (matrix)
		crm_value_matrix_spec(&spec);
	else
		crm_rfm_spec(&spec);
	spec.subtitle = sub;
	if ((rc = crm_custval_new(&o, &cv, err)) != CRM_OK)
		return rc;
	if (crm_cli_nargs(cli) == 0 &&
	    (rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = db != NULL ? crm_custval_load(cv, db, err) :
		    crm_cli_each_group(cli, NULL, "order_id", value_add, cv);
	if (rc == CRM_OK)
		rc = matrix ? crm_custval_matrix(cv, amount, count, rep, err) :
		    crm_custval_rfm(cv, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	if (db == NULL)
		crm_cli_filter_summary(cli);
out:
	crm_db_close(db);
	crm_custval_free(cv);
	return rc;
}

static int
cmd_rfm(crm_cli *cli)
{
	return value_report(cli, 0);
}

static int
cmd_value_matrix(crm_cli *cli)
{
	return value_report(cli, 1);
}

#define VALUE_OPTS \
	{ "as-of", OPT_CV_AS_OF, "DATE", "recency counts to the end of this " \
	    "day, later orders are left out (default today)" }, \
	{ "from", OPT_CV_FROM, "DATE", "orders from this day" }, \
	{ "to", OPT_CV_TO, "DATE", "orders up to this day" }, \
	{ "regular", OPT_CV_REGULAR, "N", "sales that make a customer " \
	    "regular, who can lapse (default 3)" }, \
	{ "lapsed-days", OPT_CV_LAPSED_DAYS, "DAYS", "days without an " \
	    "order after which a regular customer has lapsed (default: " \
	    "twice their median gap)" }, \
	{ "loyal-rate", OPT_CV_LOYAL_RATE, "PERCENT", "the loyalty point " \
	    "is the order count after which this share orders again " \
	    "(default 80)" }

static const crm_opt rfm_opts[] = {
	VALUE_OPTS,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt value_matrix_opts[] = {
	VALUE_OPTS,
	{ "amount-threshold", OPT_CV_AMOUNT, "AMOUNT", "a customer whose "
	    "average order is above it is high value (default: the median)" },
	{ "count-threshold", OPT_CV_COUNT, "N", "a customer with more "
	    "orders is frequent (default: the median)" },
	{ NULL, 0, NULL, NULL }
};

/*
 * funnel and effectiveness: the lead funnel or the deal stage flow, and
 * sales effectiveness per rep, team or region, from the database.
 */
enum {
	OPT_FN_BY = 2200, OPT_FN_FROM, OPT_FN_TO, OPT_FN_STAGES, OPT_FN_DEALS
};

enum { FUNNEL_LEADS, FUNNEL_STAGES, EFFECTIVENESS };

static int
funnel_run(crm_cli *cli, int which)
{
	crm_err *err = crm_cli_err(cli);
	crm_deal_stages *stages = NULL;
	crm_funnel_query q = { 0 };
	crm_report_spec spec;
	crm_report *rep = NULL;
	crm_db *db = NULL;
	char subtitle[256];
	int rc;

	q.by = crm_cli_opt(cli, OPT_FN_BY);
	if ((rc = crm_cli_date_opt(cli, OPT_FN_FROM, &q.from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_FN_TO, &q.to)) != CRM_OK)
		return rc;
	if (q.from != NULL && q.to != NULL && strcmp(q.from, q.to) > 0)
		return crm_cli_usage_error(cli, "--from %s is after --to %s",
		    q.from, q.to);
	rc = which == EFFECTIVENESS ? crm_effect_spec(&q, &spec, subtitle,
	    sizeof(subtitle), err) : crm_funnel_spec(&q,
	    which == FUNNEL_STAGES, &spec, subtitle, sizeof(subtitle), err);
	if (rc != CRM_OK || (rc = crm_now(&q.now, err)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_FN_STAGES),
	    &stages, err)) != CRM_OK)
		goto out;
	q.stages = stages;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = which == FUNNEL_LEADS ? crm_funnel_leads(db, &q, rep,
		    err) : which == FUNNEL_STAGES ? crm_funnel_stages(db, &q,
		    rep, err) : crm_effectiveness(db, &q, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
out:
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

static int
cmd_funnel(crm_cli *cli)
{
	return funnel_run(cli, crm_cli_opt(cli, OPT_FN_DEALS) != NULL ?
	    FUNNEL_STAGES : FUNNEL_LEADS);
}

static int
cmd_effectiveness(crm_cli *cli)
{
	return funnel_run(cli, EFFECTIVENESS);
}

#define FUNNEL_OPTS(created) \
	{ "from", OPT_FN_FROM, "DATE", created " on or after" }, \
	{ "to", OPT_FN_TO, "DATE", created " on or before" }, \
	{ "stages", OPT_FN_STAGES, "FILE", "deal stage rules (default " \
	    "share/crm/deal-stages.json)" }

static const crm_opt funnel_opts[] = {
	{ "by", OPT_FN_BY, "GROUP", "a funnel per source, rep or team" },
	FUNNEL_OPTS("leads (deals) created"),
	{ "deals", OPT_FN_DEALS, NULL, "deal stages instead: conversion "
	    "from stage to stage and dwell time" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt effectiveness_opts[] = {
	{ "by", OPT_FN_BY, "GROUP", "per rep (default), team or region" },
	FUNNEL_OPTS("deals created or closed"),
	{ NULL, 0, NULL, NULL }
};

/*
 * load-targets, target, receivables, stock-age, promotions.
 */
enum {
	OPT_TG_SCOPE = 2400, OPT_TG_PERIOD_KEY, OPT_TG_FROM, OPT_TG_TO,
	OPT_TG_AS_OF, OPT_TG_STAGES, OPT_SUM_BY, OPT_SUM_AS_OF,
	OPT_SUM_BUCKETS, OPT_PR_FROM, OPT_PR_TO
};

static int
target_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_targets_load(ctx, rec, err);
}

static int
cmd_load_targets(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const crm_targets_counts *c;
	crm_targets_loader *tl = NULL;
	char at[CRM_DATE_BUFSZ], extra[128];
	crm_db *db = NULL;
	int64_t now;
	int rc;

	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_targets_loader_new(db, crm_time_format(now, at), &tl,
	    err)) != CRM_OK || (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = crm_db_end(db, crm_cli_each(cli, db, target_one, tl), err);
	if (rc == CRM_OK) {
		c = crm_targets_counts_of(tl);
		snprintf(extra, sizeof(extra), "new %lu, updated %lu, "
		    "unchanged %lu", c->inserted, c->updated, c->unchanged);
		crm_cli_summary(cli, extra);
	}
out:
	crm_targets_loader_free(tl);
	crm_db_close(db);
	return rc;
}

/* The day --as-of names, else today, into buf. */
static int
as_of_or_today(crm_cli *cli, int key, char *buf, const char **as_of)
{
	int32_t day;
	int rc;

	if ((rc = crm_cli_date_opt(cli, key, as_of)) != CRM_OK ||
	    *as_of != NULL)
		return rc;
	if ((rc = crm_today(&day, crm_cli_err(cli))) != CRM_OK)
		return rc;
	*as_of = crm_date_format(day, buf);
	return CRM_OK;
}

static int
cmd_target(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_deal_stages *stages = NULL;
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	crm_target_query q;
	crm_db *db = NULL;
	crm_err why;
	char today[CRM_DATE_BUFSZ], sub[64];
	size_t n, nkeys;
	int rc;

	memset(&q, 0, sizeof(q));
	q.scope = crm_cli_opt(cli, OPT_TG_SCOPE);
	q.period = crm_cli_opt(cli, OPT_TG_PERIOD_KEY);
	if ((rc = crm_cli_date_opt(cli, OPT_TG_FROM, &q.from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_TG_TO, &q.to)) != CRM_OK ||
	    (rc = as_of_or_today(cli, OPT_TG_AS_OF, today, &q.as_of)) !=
	    CRM_OK)
		return rc;
	if (q.period != NULL && (q.from != NULL || q.to != NULL))
		return crm_cli_usage_error(cli, "--period-key or --from and "
		    "--to, not both");
	if (crm_target_query_check(&q, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "%s", why.msg);
	spec.title = "Targets, forecast and actual";
	snprintf(sub, sizeof(sub), "As of %s", q.as_of);
	spec.subtitle = sub;
	spec.columns = crm_report_target_columns(&n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	spec.chart.kind = CRM_CHART_BARS;
	spec.chart.y = "achieved_percent";
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_TG_STAGES),
	    &stages, err)) != CRM_OK)
		goto out;
	q.stages = stages;
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_report_target_write(db, &q, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
out:
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

/* A stacked chart of amount per group (the first column) and bucket. */
static void
ageing_spec(crm_report_spec *spec, const char *title, const char *sub,
    const char *const *cols, size_t n, size_t nkeys, const char *y)
{
	memset(spec, 0, sizeof(*spec));
	spec->title = title;
	spec->subtitle = sub;
	spec->columns = cols;
	spec->ncolumns = n;
	spec->nkeys = nkeys;
	spec->chart.kind = CRM_CHART_STACKED;
	spec->chart.x = cols[0];
	spec->chart.series = "bucket";
	spec->chart.y = y;
}

static int
cmd_receivables(crm_cli *cli)
{
	const char *by = crm_cli_opt(cli, OPT_SUM_BY), *as_of;
	crm_err *err = crm_cli_err(cli);
	crm_receivables *rv = NULL;
	const char *const *cols;
	crm_report_spec spec;
	crm_err why;
	crm_report *rep = NULL;
	crm_db *db = NULL;
	char today[CRM_DATE_BUFSZ], sub[64];
	size_t n, nkeys;
	int rc;

	if ((rc = as_of_or_today(cli, OPT_SUM_AS_OF, today, &as_of)) !=
	    CRM_OK)
		return rc;
	if (crm_report_receivables_columns(by, &cols, &n, &nkeys, &why) !=
	    CRM_OK)
		return crm_cli_usage_error(cli, "%s", why.msg);
	if (crm_receivables_new(crm_cli_opt(cli, OPT_SUM_BUCKETS), &rv,
	    &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--%s", why.msg);
	snprintf(sub, sizeof(sub), "As of %s", as_of);
	ageing_spec(&spec, "Receivables by age", sub, cols, n, nkeys,
	    "amount");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_report_receivables_write(db, rv, by, as_of, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	crm_db_close(db);
	crm_receivables_free(rv);
	return rc;
}

static int
cmd_stock_age(crm_cli *cli)
{
	const char *by = crm_cli_opt(cli, OPT_SUM_BY), *as_of;
	const char *list = crm_cli_opt(cli, OPT_SUM_BUCKETS);
	crm_err *err = crm_cli_err(cli);
	const char *const *cols;
	crm_stock_buckets b;
	crm_report_spec spec;
	crm_err why;
	crm_report *rep = NULL;
	crm_db *db = NULL;
	char today[CRM_DATE_BUFSZ], sub[64];
	size_t n, nkeys;
	int rc;

	if ((rc = as_of_or_today(cli, OPT_SUM_AS_OF, today, &as_of)) !=
	    CRM_OK)
		return rc;
	if (crm_report_stock_age_columns(by, &cols, &n, &nkeys, &why) !=
	    CRM_OK)
		return crm_cli_usage_error(cli, "%s", why.msg);
	if (list != NULL) {
		if (crm_stock_buckets_parse(list, &b, &why) != CRM_OK)
			return crm_cli_usage_error(cli, "--buckets: %s",
			    why.msg);
	} else if ((rc = crm_stock_buckets_load(NULL, &b, err)) != CRM_OK)
		return rc;
	snprintf(sub, sizeof(sub), "As of %s", as_of);
	ageing_spec(&spec, "Stock by age", sub, cols, n, nkeys, "value");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_report_stock_age_write(db, &b, by, crm_cli_opt(cli,
		    OPT_SUM_AS_OF), rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_promotions(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	const char *from, *to;
	crm_db *db = NULL;
	char sub[64];
	size_t n, nkeys;
	int rc;

	if ((rc = crm_cli_date_opt(cli, OPT_PR_FROM, &from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_PR_TO, &to)) != CRM_OK)
		return rc;
	spec.title = "Promotions: cost and revenue";
	snprintf(sub, sizeof(sub), "Orders from %s to %s",
	    from != NULL ? from : "the first", to != NULL ? to : "the last");
	spec.subtitle = sub;
	spec.columns = crm_report_promotions_columns(&n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	spec.chart.kind = CRM_CHART_BARS;
	spec.chart.y = "effectiveness";
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_report_promotions_write(db, from, to, rep, err);
	rc = crm_cli_close_report(cli, rep, rc);
	crm_db_close(db);
	return rc;
}

static const crm_opt target_opts[] = {
	{ "scope", OPT_TG_SCOPE, "SCOPE", "only targets of company, rep, "
	    "team, region or product" },
	{ "period-key", OPT_TG_PERIOD_KEY, "KEY", "only targets of this "
	    "period (2026, 2026-Q4, 2026-11, 2026-W47)" },
	{ "from", OPT_TG_FROM, "DATE", "only periods starting on or after" },
	{ "to", OPT_TG_TO, "DATE", "only periods ending on or before" },
	{ "as-of", OPT_TG_AS_OF, "DATE", "actual up to this day, pipeline "
	    "after it (default: today)" },
	{ "stages", OPT_TG_STAGES, "FILE", "deal stage rules (default "
	    "deal-stages.json)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt receivables_opts[] = {
	{ "by", OPT_SUM_BY, "GROUP", "customer (default), region or rep" },
	{ "as-of", OPT_SUM_AS_OF, "DATE", "invoices and payments up to this "
	    "day, aged at it (default: today)" },
	{ "buckets", OPT_SUM_BUCKETS, "LIST", "days past due ending each "
	    "bucket (default 30,60,90)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt stock_age_opts[] = {
	{ "by", OPT_SUM_BY, "GROUP", "location (default), sku or region" },
	{ "as-of", OPT_SUM_AS_OF, "DATE", "stock at the end of this day, "
	    "aged at it (default: now, aged at today)" },
	{ "buckets", OPT_SUM_BUCKETS, "LIST", "upper bounds of the age "
	    "buckets in days (default from stock-ageing.json)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt promotions_opts[] = {
	{ "from", OPT_PR_FROM, "DATE", "orders on or after this day" },
	{ "to", OPT_PR_TO, "DATE", "orders on or before this day" },
	{ NULL, 0, NULL, NULL }
};

#define VALUE (CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT)

static const crm_verb verbs[] = {
	{ "group", cmd_group, FILTER, group_opts, "[FILE ...]",
	    "group any records by keys and aggregate their fields" },
	{ "sales", cmd_sales, CRM_CLI_DB | FILTER, sales_opts, "[FILE ...]",
	    "quantity and amount by dimensions and period, with last year's, "
	    "the period before and the share" },
	{ "load-market", cmd_load_market, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_REJECT, NULL, "[FILE ...]", "load market figures: "
	    "wholesale, retail and registration units per brand" },
	{ "market", cmd_market, CRM_CLI_DB | CRM_CLI_OUTPUT, market_opts,
	    NULL, "our share of each market against every other brand" },
	{ "rfm", cmd_rfm, VALUE, rfm_opts, "[FILE ...]",
	    "recency, frequency and money scores and segments per customer" },
	{ "value-matrix", cmd_value_matrix, VALUE, value_matrix_opts,
	    "[FILE ...]", "customers by average order and order count" },
	{ "funnel", cmd_funnel, CRM_CLI_DB | CRM_CLI_OUTPUT, funnel_opts,
	    NULL, "leads to qualified to deals to won, or deal stage "
	    "conversion and dwell time" },
	{ "effectiveness", cmd_effectiveness, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    effectiveness_opts, NULL, "win rate, average won deal, sales "
	    "cycle, stall stage and visits per rep, team or region" },
	{ "load-targets", cmd_load_targets, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_REJECT, NULL, "[FILE ...]", "load targets per company, "
	    "rep, team, region or product and period" },
	{ "target", cmd_target, CRM_CLI_DB | CRM_CLI_OUTPUT, target_opts,
	    NULL, "targets against actual and forecast, with the gaps and "
	    "percent achieved" },
	{ "receivables", cmd_receivables, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    receivables_opts, NULL, "open receivables by ageing bucket per "
	    "customer, region or rep" },
	{ "stock-age", cmd_stock_age, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    stock_age_opts, NULL, "stock on hand and its value by age bucket "
	    "per location, sku or region" },
	{ "promotions", cmd_promotions, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    promotions_opts, NULL, "cost, revenue and cost effectiveness per "
	    "promotion" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	static const crm_prog prog = { "crm-report", "Reports: sales, "
	    "funnel, effectiveness, customer value, targets and more.",
	    verbs };

	return crm_cli_main(&prog, argc, argv);
}
