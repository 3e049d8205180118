/*
 * crm-forecast - sales forecasts per product, region or channel with
 * prediction intervals, expert adjustments on top of them, the weekly
 * demand plan for APS, and backtests of the methods' accuracy.
 */
#include "internal.h"

enum {
	OPT_BY = 'b', OPT_HORIZON = 'H', OPT_METHODS = 'm',
	OPT_PERIOD = 3000, OPT_SELECT, OPT_LEVEL, OPT_SEASON, OPT_WINDOW,
	OPT_TO, OPT_DATE, OPT_VALUE, OPT_SOURCE, OPT_HIERARCHY,
	OPT_ALLOW_NEGATIVE, OPT_ORIGINS, OPT_WEEKS, OPT_FROM, OPT_SKU,
	OPT_PLANT, OPT_OWN_ENDS
};

#define MAX_KEYS CRM_FCRUN_MAX_KEYS

/* What the options of run and accuracy say. */
struct setup {
	char bybuf[256];
	const char *keys[MAX_KEYS];
	size_t nkeys;
	crm_series_opts so;
	crm_fcrun_opts ro;
	int db;                         /* read the database */
	crm_series_source src;
	char lvbuf[128];
	const char *levels[CRM_FORECAST_MAX_LEVELS];   /* as written */
};

/* "a,b" into buf and names[0..*n). */
static int
split_list(crm_cli *cli, const char *opt, const char *list, char *buf,
    size_t sz, const char **names, size_t max, size_t *n)
{
	char *p;

	*n = 0;
	if (list == NULL)
		return CRM_OK;
	if (strlen(list) >= sz)
		return crm_cli_usage_error(cli, "--%s: too long", opt);
	memcpy(buf, list, strlen(list) + 1);
	for (p = buf; ; p++) {
		char *end = strchr(p, ',');

		if (end != NULL)
			*end = '\0';
		if (*p == '\0' || *n == max)
			return crm_cli_usage_error(cli, "--%s: %s: %s", opt,
			    *p == '\0' ? "an empty name" : "too many names",
			    list);
		names[(*n)++] = p;
		if (end == NULL)
			return CRM_OK;
		p = end;
	}
}

static int
parse_levels(crm_cli *cli, struct setup *st)
{
	const char *s = crm_cli_opt(cli, OPT_LEVEL);
	const char **names = st->levels;
	char *end;
	size_t n, i;
	int rc;

	if (s == NULL)
		s = "80,95";
	if ((rc = split_list(cli, "level", s, st->lvbuf, sizeof(st->lvbuf),
	    names, CRM_FORECAST_MAX_LEVELS, &n)) != CRM_OK)
		return rc;
	for (i = 0; i < n; i++) {
		double l = strtod(names[i], &end);

		if (*end != '\0' || !(l > 0 && l < 100) ||
		    strspn(names[i], "0123456789.") != strlen(names[i]))
			return crm_cli_usage_error(cli, "--level: not a "
			    "percentage strictly between 0 and 100: %s",
			    names[i]);
		st->ro.fo.levels[i] = l;
	}
	st->ro.fo.nlevels = (int)n;
	return CRM_OK;
}

/* The methods of -m: "auto" or one name as *method; a list as auto
 * among its set. */
static int
parse_methods(crm_cli *cli, const char *s, struct setup *st)
{
	crm_err why;

	st->ro.method = CRM_FORECAST_AUTO;
	if (s == NULL || strcmp(s, "auto") == 0)
		return CRM_OK;
	if (strchr(s, ',') == NULL) {
		if (crm_forecast_method_parse(s, &st->ro.method, &why) !=
		    CRM_OK)
			return crm_cli_usage_error(cli, "--methods: %s",
			    why.msg);
		return CRM_OK;
	}
	if (crm_forecast_methods_parse(s, &st->ro.fo.methods, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--methods: %s", why.msg);
	return CRM_OK;
}

/* Everything run and accuracy share: keys, period, history, methods. */
static int
setup_parse(crm_cli *cli, struct setup *st, int methods)
{
	const char *pname = crm_cli_opt(cli, OPT_PERIOD);
	const char *sel = crm_cli_opt(cli, OPT_SELECT);
	const char *src = crm_cli_opt(cli, OPT_SOURCE);
	crm_period period = CRM_PERIOD_MONTH;
	long season, horizon, window;
	int dseason, dhorizon;
	crm_err why;
	int rc;

	memset(st, 0, sizeof(*st));
	crm_forecast_opts_init(&st->ro.fo);
	if (pname != NULL && (crm_period_from_name(pname, &period, &why) !=
	    CRM_OK || period == CRM_PERIOD_YEAR))
		return crm_cli_usage_error(cli, "--period: not one of day, "
		    "week, month, quarter: %s", pname);
	crm_fcrun_period_defaults(period, &dseason, &dhorizon);
	if ((rc = split_list(cli, "by", crm_cli_opt(cli, OPT_BY), st->bybuf,
	    sizeof(st->bybuf), st->keys, MAX_KEYS, &st->nkeys)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_SEASON, 1,
	    CRM_FORECAST_MAX_SEASON, dseason, &season)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_HORIZON, 1,
	    CRM_FORECAST_MAX_HORIZON, dhorizon, &horizon)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_WINDOW, 0, 100000, 0,
	    &window)) != CRM_OK || (rc = parse_levels(cli, st)) != CRM_OK)
		return rc;
	if (methods && (rc = parse_methods(cli, crm_cli_opt(cli,
	    OPT_METHODS), st)) != CRM_OK)
		return rc;
	if (sel != NULL && strcmp(sel, "aicc") != 0 &&
	    strcmp(sel, "backtest") != 0)
		return crm_cli_usage_error(cli, "--select: not aicc or "
		    "backtest: %s", sel);
	if (sel != NULL && strcmp(sel, "backtest") == 0)
		st->ro.fo.select = CRM_FORECAST_SELECT_BACKTEST;
	if (src != NULL && strcmp(src, "orders") != 0 &&
	    strcmp(src, "deliveries") != 0)
		return crm_cli_usage_error(cli, "--source: not orders or "
		    "deliveries: %s", src);
	st->src = src != NULL && strcmp(src, "deliveries") == 0 ?
	    CRM_SERIES_DELIVERED : CRM_SERIES_ORDERED;
	st->db = src != NULL || crm_cli_opt(cli, CRM_OPT_DB) != NULL;
	if (st->db && crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "the database or FILE "
		    "operands, not both");
	st->ro.fo.season = (int)season;
	st->ro.fo.horizon = (int)horizon;
	st->ro.fo.window = (int)window;
	st->ro.flags = crm_cli_opt(cli, OPT_ALLOW_NEGATIVE) != NULL ?
	    CRM_FCRUN_NEGATIVE : 0;
	st->ro.keys = st->keys;
	st->ro.nkeys = st->nkeys;
	st->ro.levels = st->levels;
	st->so.keys = st->keys;
	st->so.nkeys = st->nkeys;
	st->so.period = period;
	st->so.to = crm_cli_opt(cli, OPT_TO);
	st->so.own_ends = crm_cli_opt(cli, OPT_OWN_ENDS) != NULL;
	st->so.value = crm_cli_opt(cli, OPT_VALUE);
	if (crm_cli_opt(cli, OPT_DATE) != NULL || st->db) {
		st->so.shape = CRM_SERIES_TRANSACTIONS;
		st->so.time = crm_cli_opt(cli, OPT_DATE);
	}
	return CRM_OK;
}

static int
series_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_series_add(ctx, rec, err);
}

/* Read the history, from the database or the operands, into *set. */
static int
read_history(crm_cli *cli, struct setup *st, crm_series_set **set)
{
	crm_err *err = crm_cli_err(cli), why;
	crm_db *db = NULL;
	int rc;

	if (crm_series_new(&st->so, set, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "%s", why.msg);
	if (!st->db)
		return crm_cli_each(cli, NULL, series_one, *set);
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		return rc;
	rc = crm_series_read_db(*set, db, st->src, err);
	crm_db_close(db);
	return rc;
}

static int
write_row(void *ctx, crm_rec *row, crm_err *err)
{
	return crm_out_write(ctx, row, err);
}

static void
run_summary(crm_cli *cli, const struct setup *st, const crm_fcrun_counts *t)
{
	char extra[160];

	if (!crm_cli_verbose(cli) && (st->db ||
	    crm_cli_opt(cli, CRM_OPT_REJECT) == NULL))
		return;
	snprintf(extra, sizeof(extra), "series %lu, forecast %lu, "
	    "fallbacks %lu", t->series, t->forecast, t->fallbacks);
	if (!st->db)
		crm_cli_summary(cli, extra);
	else if (!crm_cli_quiet(cli))
		fprintf(stderr, "%s: %s\n", crm_cli_prog(cli), extra);
}

/* Each key's forecast, streamed as its rows. */
static int
run_plain(crm_cli *cli, crm_fcrun *run, crm_series_set *set)
{
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_out *out = NULL;
	int rc;

	if ((rc = crm_cli_open_out_columns(cli, cols, crm_fcrun_columns(run,
	    cols), &out)) == CRM_OK)
		rc = crm_fcrun_each(run, set, write_row, out,
		    crm_cli_err(cli));
	return crm_cli_close_out(cli, out, rc);
}

/* The forecasts reconciled over product x region, written once whole. */
static int
run_hier(crm_cli *cli, crm_fcrun *run, crm_series_set *set,
    crm_demand_recon how)
{
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_err *err = crm_cli_err(cli);
	crm_demand_hier *h = NULL;
	crm_out *out = NULL;
	crm_rec *r = NULL;
	size_t i, n;
	int rc;

	if ((rc = crm_fcrun_hier(run, set, how, &h, err)) != CRM_OK)
		return rc;
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	rc = crm_cli_open_out_columns(cli, cols, crm_fcrun_hier_columns(run,
	    cols), &out);
	n = crm_demand_hier_count(h);
	for (i = 0; i < n && rc == CRM_OK; i++)
		if ((rc = crm_demand_hier_write(h, i, r, err)) == CRM_OK)
			rc = crm_out_write(out, r, err);
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_rec_free(r);
	crm_demand_hier_free(h);
	return rc;
}

static int
cmd_run(crm_cli *cli)
{
	const char *how = crm_cli_opt(cli, OPT_HIERARCHY);
	crm_series_set *set = NULL;
	crm_fcrun *run = NULL;
	struct setup st;
	int rc;

	if ((rc = setup_parse(cli, &st, 1)) != CRM_OK)
		return rc;
	if (how != NULL && strcmp(how, "bottom-up") != 0 &&
	    strcmp(how, "top-down") != 0)
		return crm_cli_usage_error(cli, "--hierarchy: not bottom-up "
		    "or top-down: %s", how);
	if (how != NULL && st.so.own_ends)
		return crm_cli_usage_error(cli, "--hierarchy: the series "
		    "must share their end, not --own-ends");
	if (how != NULL && st.nkeys != 2)
		return crm_cli_usage_error(cli, "--hierarchy: --by names "
		    "the product and the region field: PRODUCT,REGION");
	if ((rc = crm_fcrun_new(&st.ro, &run, crm_cli_err(cli))) == CRM_OK &&
	    (rc = read_history(cli, &st, &set)) == CRM_OK)
		rc = how == NULL ? run_plain(cli, run, set) : run_hier(cli,
		    run, set, strcmp(how, "top-down") == 0 ?
		    CRM_DEMAND_TOP_DOWN : CRM_DEMAND_BOTTOM_UP);
	if (rc == CRM_OK)
		run_summary(cli, &st, crm_fcrun_counts_of(run));
	crm_series_free(set);
	crm_fcrun_free(run);
	return rc;
}

#define HISTORY_OPTS \
	{ "by", OPT_BY, "KEYS", "a series per value of these fields, " \
	    "comma-separated (default: one series)" }, \
	{ "period", OPT_PERIOD, "P", "day, week, month (default) or " \
	    "quarter" }, \
	{ "horizon", OPT_HORIZON, "N", "periods to forecast (default: 14 " \
	    "days, 13 weeks, 12 months, 4 quarters)" }, \
	{ "methods", OPT_METHODS, "LIST", "auto (default), a method, or " \
	    "methods for auto to choose among" }, \
	{ "select", OPT_SELECT, "HOW", "auto chooses by aicc (default) " \
	    "or backtest" }, \
	{ "level", OPT_LEVEL, "LIST", "interval levels in percent " \
	    "(default 80,95)" }, \
	{ "season", OPT_SEASON, "N", "season length (default 7, 52, 12, " \
	    "4 by the period)" }, \
	{ "window", OPT_WINDOW, "N", "moving average window (default: " \
	    "the season)" }, \
	{ "to", OPT_TO, "DATE", "the history ends with this day's " \
	    "period" }, \
	{ "own-ends", OPT_OWN_ENDS, NULL, "each series ends with its own " \
	    "last record" }, \
	{ "date", OPT_DATE, "FIELD", "records are transactions dated by " \
	    "FIELD" }, \
	{ "value", OPT_VALUE, "FIELD", "the value field (default value)" }, \
	{ "source", OPT_SOURCE, "SRC", "the database's orders (default) " \
	    "or deliveries" }

static const crm_opt run_opts[] = {
	HISTORY_OPTS,
	{ "hierarchy", OPT_HIERARCHY, "HOW", "bottom-up or top-down over " \
	    "--by PRODUCT,REGION" },
	{ "allow-negative", OPT_ALLOW_NEGATIVE, NULL, "keep forecasts and "
	    "bounds below zero" },
	{ NULL, 0, NULL, NULL }
};

/*
 * adjust, plan: filters over forecast rows.
 */
static int
input_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_fcrun_input_add(ctx, rec, err);
}

/* The forecast rows of the operands or stdin, keyed by -b or as run
 * writes them, into *in and their rows into *rows. */
static int
input_read(crm_cli *cli, int flags, crm_fcrun_input **in,
    crm_demand_rows **rows)
{
	const char *keys[MAX_KEYS];
	char bybuf[256];
	size_t nkeys;
	int rc;

	if ((rc = split_list(cli, "by", crm_cli_opt(cli, OPT_BY), bybuf,
	    sizeof(bybuf), keys, MAX_KEYS, &nkeys)) != CRM_OK ||
	    (rc = crm_fcrun_input_new(nkeys > 0 ? keys : NULL, nkeys, flags,
	    in, crm_cli_err(cli))) != CRM_OK ||
	    (rc = crm_cli_each(cli, NULL, input_one, *in)) != CRM_OK)
		return rc;
	if ((*rows = crm_fcrun_input_rows(*in, crm_cli_err(cli))) == NULL)
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
cmd_adjust(crm_cli *cli)
{
	const char *path = crm_cli_arg(cli, 0);
	crm_err *err = crm_cli_err(cli);
	crm_fcrun_input *in = NULL;
	crm_demand_rows *rows;
	unsigned long applied = 0;
	crm_out *out = NULL;
	crm_rec *r = NULL;
	char extra[64];
	size_t i;
	int rc;

	if (path == NULL)
		return crm_cli_usage_error(cli, "the adjustments FILE is "
		    "needed");
	crm_cli_shift(cli, 1);
	if ((rc = input_read(cli, CRM_FCRUN_KEEP | (crm_cli_opt(cli,
	    OPT_ALLOW_NEGATIVE) != NULL ? CRM_FCRUN_NEGATIVE : 0), &in,
	    &rows)) != CRM_OK ||
	    (rc = crm_demand_adjust_load(rows, path, &applied, err)) != CRM_OK)
		goto out;
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	rc = crm_cli_open_out(cli, &out);
	for (i = 0; i < crm_fcrun_input_count(in) && rc == CRM_OK; i++)
		if ((rc = crm_fcrun_input_write(in, i, r, err)) == CRM_OK)
			rc = crm_out_write(out, r, err);
	rc = crm_cli_close_out(cli, out, rc);
	if (rc == CRM_OK && (crm_cli_verbose(cli) ||
	    crm_cli_opt(cli, CRM_OPT_REJECT) != NULL)) {
		snprintf(extra, sizeof(extra), "adjustments %lu", applied);
		crm_cli_summary(cli, extra);
	}
out:
	crm_rec_free(r);
	crm_fcrun_input_free(in);
	return rc;
}

static const crm_opt adjust_opts[] = {
	{ "by", OPT_BY, "KEYS", "the rows' key fields (default: the fields "
	    "before period)" },
	{ "allow-negative", OPT_ALLOW_NEGATIVE, NULL, "keep final forecasts "
	    "and bounds below zero" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_plan(crm_cli *cli)
{
	const char *sku = crm_cli_opt(cli, OPT_SKU);
	const char *plant = crm_cli_opt(cli, OPT_PLANT);
	const char *from = crm_cli_opt(cli, OPT_FROM);
	crm_err *err = crm_cli_err(cli);
	crm_demand_plan *plan = NULL;
	crm_fcrun_input *in = NULL;
	crm_demand_rows *rows;
	const char *const *keys;
	char week[CRM_DATE_BUFSZ];
	crm_out *out = NULL;
	crm_rec *r = NULL;
	size_t i, n, nkeys;
	long weeks;
	int rc;

	if ((rc = crm_cli_whole_opt(cli, OPT_WEEKS, 1, 520, 13, &weeks)) !=
	    CRM_OK)
		return rc;
	if ((rc = input_read(cli, 0, &in, &rows)) != CRM_OK)
		goto out;
	if (sku == NULL)
		sku = "sku";
	keys = crm_demand_rows_keys(rows, &nkeys);
	for (i = 0; plant == NULL && i < nkeys; i++)
		if (strcmp(keys[i], "plant") == 0)
			plant = keys[i];
	if (from == NULL && crm_fcrun_first_week(rows, week) == CRM_END)
		goto out;
	if ((rc = crm_demand_plan_new(rows, sku, plant, from != NULL ? from :
	    week, (int)weeks, &plan, err)) != CRM_OK)
		goto out;
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	rc = crm_cli_open_out_columns(cli, crm_demand_plan_columns(),
	    CRM_DEMAND_PLAN_NCOLUMNS, &out);
	n = crm_demand_plan_count(plan);
	for (i = 0; i < n && rc == CRM_OK; i++)
		if ((rc = crm_demand_plan_write(plan, i, r, err)) == CRM_OK)
			rc = crm_out_write(out, r, err);
	rc = crm_cli_close_out(cli, out, rc);
	for (i = 0; rc == CRM_OK && !crm_cli_quiet(cli) &&
	    i < crm_demand_plan_notes(plan); i++)
		fprintf(stderr, "%s: %s\n", crm_cli_prog(cli),
		    crm_demand_plan_note(plan, i));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
out:
	crm_rec_free(r);
	crm_demand_plan_free(plan);
	crm_fcrun_input_free(in);
	return rc;
}

static const crm_opt plan_opts[] = {
	{ "by", OPT_BY, "KEYS", "the rows' key fields (default: the fields "
	    "before period)" },
	{ "weeks", OPT_WEEKS, "N", "weeks to plan (default 13)" },
	{ "from", OPT_FROM, "WEEK", "the first week, 2026-W50 (default: "
	    "the forecast's first)" },
	{ "sku", OPT_SKU, "FIELD", "the product field (default sku)" },
	{ "plant", OPT_PLANT, "FIELD", "the plant field (default plant, "
	    "when a key)" },
	{ NULL, 0, NULL, NULL }
};

/*
 * accuracy: a rolling-origin backtest of each method on each series.
 */
static int
cmd_accuracy(crm_cli *cli)
{
	const char *list = crm_cli_opt(cli, OPT_METHODS);
	const char *cols[CRM_FCRUN_MAX_COLUMNS];
	crm_forecast_method methods[CRM_FORECAST_AUTO + 1];
	crm_series_set *set = NULL;
	crm_fcrun *run = NULL;
	crm_out *out = NULL;
	struct setup st;
	size_t nmethods;
	long origins;
	crm_err why;
	int rc;

	if ((rc = setup_parse(cli, &st, 0)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_ORIGINS, 1, 1000, 3,
	    &origins)) != CRM_OK)
		return rc;
	if (crm_fcrun_methods_parse(list != NULL ? list :
	    "naive,snaive,ses,damped,theta,auto", methods, &nmethods,
	    &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--methods: %s", why.msg);
	st.ro.fo.nlevels = 0;
	if ((rc = crm_fcrun_new(&st.ro, &run, crm_cli_err(cli))) != CRM_OK ||
	    (rc = read_history(cli, &st, &set)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols,
	    crm_fcrun_backtest_columns(run, cols), &out)) != CRM_OK)
		goto out;
	rc = crm_fcrun_backtest(run, set, methods, nmethods, (int)origins,
	    write_row, out, crm_cli_err(cli));
	rc = crm_cli_close_out(cli, out, rc);
	if (rc == CRM_OK && !st.db)
		crm_cli_filter_summary(cli);
out:
	crm_series_free(set);
	crm_fcrun_free(run);
	return rc;
}

static const crm_opt accuracy_opts[] = {
	HISTORY_OPTS,
	{ "origins", OPT_ORIGINS, "K", "forecast origins, one period apart "
	    "(default 3)" },
	{ "allow-negative", OPT_ALLOW_NEGATIVE, NULL, "score forecasts "
	    "below zero as they are" },
	{ NULL, 0, NULL, NULL }
};

#define FILTER (CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT)

static const crm_verb verbs[] = {
	{ "run", cmd_run, CRM_CLI_DB | FILTER, run_opts, "[FILE ...]",
	    "forecast each series with prediction intervals" },
	{ "adjust", cmd_adjust, FILTER, adjust_opts, "FILE [FILE ...]",
	    "apply expert adjustments from FILE to forecast rows" },
	{ "plan", cmd_plan, FILTER, plan_opts, "[FILE ...]",
	    "the weekly demand plan per sku (and plant) for APS" },
	{ "accuracy", cmd_accuracy, CRM_CLI_DB | FILTER, accuracy_opts,
	    "[FILE ...]", "backtest the methods with rolling origins" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	static const crm_prog prog = { "crm-forecast", "Sales forecasts, "
	    "expert adjustments, the weekly demand plan and backtests.",
	    verbs };

	return crm_cli_main(&prog, argc, argv);
}
