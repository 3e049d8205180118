/*
 * fcrun_backtest.c - rolling-origin backtests of forecasting methods
 * over the series of a set: each method's scores per series, and their
 * means over the series.
 */
#include <math.h>

#include "internal.h"
#include "fcrun_internal.h"

static const char *const measure_names[CRM_FCRUN_NMEASURES] = {
	"mae", "rmse", "mape", "smape", "mase", "wape", "bias"
};

struct method_score {
	crm_forecast_method m;
	double sum[CRM_FCRUN_NMEASURES];
	unsigned long count[CRM_FCRUN_NMEASURES];
	unsigned long series, points;
};

struct backtest {
	crm_fcrun *run;
	size_t origins;
	struct method_score ms[CRM_FORECAST_AUTO + 1];
	size_t nms;
	double *actual, *fc;   /* origins x horizon, origin by origin */
	crm_fcrun_row_fn fn;
	void *ctx;
};

static void
measures_of(const crm_forecast_accuracy *a, double *v)
{
	v[0] = a->mae;
	v[1] = a->rmse;
	v[2] = a->mape;
	v[3] = a->smape;
	v[4] = a->mase;
	v[5] = a->wape;
	v[6] = a->bias;
}

/* Hand over the row of method m's scores v (NULL: none) over nseries
 * series and points points, of the key keys (NULL: overall). */
static int
write_score(struct backtest *bt, const char *const *keys,
    crm_forecast_method m, unsigned long nseries, unsigned long points,
    const double *v, const char *note, crm_err *err)
{
	crm_fcrun *run = bt->run;
	crm_rec *r = run->row;
	const char *name = crm_forecast_method_name(m);
	size_t k;
	int i, rc = CRM_OK;

	crm_rec_clear(r);
	if (keys != NULL)
		rc = crm_fcrun_set_keys(r, run->keys, keys, run->nkeys, err);
	else
		for (k = 0; k < run->nkeys && rc == CRM_OK; k++)
			rc = crm_rec_set_null(r, run->keys[k], err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(r, "method", name, strlen(name), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_int(r, "nseries", (int64_t)nseries, err);
	if (rc == CRM_OK)
		rc = crm_rec_set_int(r, "n", (int64_t)points, err);
	for (i = 0; i < CRM_FCRUN_NMEASURES && rc == CRM_OK; i++)
		rc = crm_fcrun_set_num(r, measure_names[i], v != NULL ? v[i] :
		    NAN, CRM_FCRUN_PARAM_DECIMALS, err);
	if (rc == CRM_OK)
		rc = note != NULL ? crm_rec_set_str(r, "note", note,
		    strlen(note), err) : crm_rec_set_null(r, "note", err);
	if (rc == CRM_OK)
		rc = bt->fn(bt->ctx, r, err);
	return rc;
}

/* Method ms's forecasts of series s from the origins first, first + 1,
 * ..., pooled and scored into v. */
static int
score_method(struct backtest *bt, const struct method_score *ms,
    const crm_series *s, size_t first, double *v, crm_err *err)
{
	const crm_fcrun *run = bt->run;
	size_t h = (size_t)run->fo.horizon, o, j;
	crm_forecast_accuracy acc;
	crm_forecast *f = NULL;
	int rc = CRM_OK;

	for (o = 0; o < bt->origins && rc == CRM_OK; o++) {
		size_t t = first + o;

		rc = crm_forecast_run(s->values, t, ms->m, &run->fo, &f, err);
		for (j = 0; rc == CRM_OK && j < h; j++) {
			bt->actual[o * h + j] = s->values[t + j];
			bt->fc[o * h + j] = crm_fcrun_floor(run, f->mean[j]);
		}
		crm_forecast_free(f);
		f = NULL;
	}
	if (rc == CRM_OK && (rc = crm_forecast_accuracy_of(bt->actual, bt->fc,
	    bt->origins * h, s->values, first, run->fo.season, &acc, err)) ==
	    CRM_OK)
		measures_of(&acc, v);
	return rc;
}

/* Backtest every method on series s: forecasts from the last origins
 * periods before the last horizon, pooled. */
static int
backtest_series(struct backtest *bt, const crm_series *s, crm_err *err)
{
	size_t h = (size_t)bt->run->fo.horizon, k = bt->origins, q;
	size_t first = s->n >= h + k ? s->n - h - k + 1 : 0;
	double v[CRM_FCRUN_NMEASURES];
	char note[96];
	int i, rc = CRM_OK;

	/* The first origin needs two points of history: one is no fit. */
	if (first < 2) {
		snprintf(note, sizeof(note), "too short: %zu periods, %zu "
		    "origins of %zu need %zu", s->n, k, h, h + k + 1);
		for (q = 0; q < bt->nms && rc == CRM_OK; q++)
			rc = write_score(bt, s->keys, bt->ms[q].m, 1, 0, NULL,
			    note, err);
		return rc;
	}
	for (q = 0; q < bt->nms && rc == CRM_OK; q++) {
		struct method_score *ms = &bt->ms[q];

		if ((rc = score_method(bt, ms, s, first, v, err)) != CRM_OK)
			break;
		ms->series++;
		ms->points += k * h;
		for (i = 0; i < CRM_FCRUN_NMEASURES; i++)
			if (isfinite(v[i])) {
				ms->sum[i] += v[i];
				ms->count[i]++;
			}
		rc = write_score(bt, s->keys, ms->m, 1, k * h, v, NULL, err);
	}
	return rc;
}

/* Overall: each measure's mean over the series, as the M3 competition
 * averages its sMAPE. */
static int
write_overall(struct backtest *bt, crm_err *err)
{
	double v[CRM_FCRUN_NMEASURES];
	size_t k;
	int i, rc = CRM_OK;

	for (k = 0; k < bt->nms && rc == CRM_OK; k++) {
		const struct method_score *ms = &bt->ms[k];

		for (i = 0; i < CRM_FCRUN_NMEASURES; i++)
			v[i] = ms->count[i] > 0 ? ms->sum[i] /
			    (double)ms->count[i] : NAN;
		rc = write_score(bt, NULL, ms->m, ms->series, ms->points, v,
		    "overall: the mean over the series", err);
	}
	return rc;
}

int
crm_fcrun_backtest(crm_fcrun *run, crm_series_set *set,
    const crm_forecast_method *methods, size_t nmethods, int origins,
    crm_fcrun_row_fn fn, void *ctx, crm_err *err)
{
	struct backtest bt;
	crm_series s;
	size_t q, n;
	int rc;

	if (nmethods == 0 || nmethods > ARRAY_LEN(bt.ms))
		return crm_err_set(err, CRM_EUSAGE, "backtest: %zu methods",
		    nmethods);
	if (origins < 1 || run->fo.horizon < 1)
		return crm_err_set(err, CRM_EUSAGE, "backtest: %d origins of "
		    "%d periods", origins, run->fo.horizon);
	memset(&bt, 0, sizeof(bt));
	bt.run = run;
	bt.origins = (size_t)origins;
	bt.fn = fn;
	bt.ctx = ctx;
	bt.nms = nmethods;
	for (q = 0; q < nmethods; q++)
		bt.ms[q].m = methods[q];
	n = bt.origins * (size_t)run->fo.horizon;
	if ((bt.actual = calloc(n, sizeof(double))) == NULL ||
	    (bt.fc = calloc(n, sizeof(double))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	while ((rc = crm_series_next(set, &s, err)) == CRM_OK) {
		run->counts.series++;
		if ((rc = backtest_series(&bt, &s, err)) != CRM_OK)
			break;
	}
	if (rc == CRM_END)
		rc = write_overall(&bt, err);
out:
	free(bt.actual);
	free(bt.fc);
	return rc;
}

size_t
crm_fcrun_backtest_columns(const crm_fcrun *run, const char **cols)
{
	size_t n = 0, k;
	int i;

	for (k = 0; k < run->nkeys; k++)
		cols[n++] = run->keys[k];
	cols[n++] = "method";
	cols[n++] = "nseries";
	cols[n++] = "n";
	for (i = 0; i < CRM_FCRUN_NMEASURES; i++)
		cols[n++] = measure_names[i];
	cols[n++] = "note";
	return n;
}
