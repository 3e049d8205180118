/*
 * fcrun_rows.c - a forecast run's options, and its forecasts shaped into
 * rows: rounded, floored at 0, with their parameters and notes.
 */
#include <math.h>

#include "internal.h"
#include "fcrun_internal.h"

static char *
dup_prefixed(const char *prefix, const char *s)
{
	size_t n = strlen(prefix), len = strlen(s);
	char *p = malloc(n + len + 1);

	if (p != NULL) {
		memcpy(p, prefix, n);
		memcpy(p + n, s, len + 1);
	}
	return p;
}

int
crm_fcrun_new(const crm_fcrun_opts *o, crm_fcrun **run, crm_err *err)
{
	crm_fcrun *r;
	size_t k;
	int l;

	*run = NULL;
	if (o->nkeys > CRM_FCRUN_MAX_KEYS)
		return crm_err_set(err, CRM_EUSAGE, "fcrun: more than %d "
		    "keys", CRM_FCRUN_MAX_KEYS);
	if (o->fo.nlevels < 0 || o->fo.nlevels > CRM_FORECAST_MAX_LEVELS)
		return crm_err_set(err, CRM_EUSAGE, "fcrun: %d levels",
		    o->fo.nlevels);
	for (k = 0; k < o->nkeys; k++)
		if (o->keys[k] == NULL || o->keys[k][0] == '\0')
			return crm_err_set(err, CRM_EUSAGE, "fcrun: an empty "
			    "key field");
	for (l = 0; l < o->fo.nlevels; l++)
		if (o->levels == NULL || o->levels[l] == NULL ||
		    o->levels[l][0] == '\0')
			return crm_err_set(err, CRM_EUSAGE, "fcrun: a level "
			    "without its text");
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->keys = calloc(o->nkeys + 1, sizeof(char *))) == NULL ||
	    (r->row = crm_rec_new()) == NULL)
		goto nomem;
	r->method = o->method;
	r->fo = o->fo;
	r->flags = o->flags;
	for (; r->nkeys < o->nkeys; r->nkeys++)
		if ((r->keys[r->nkeys] = strdup(o->keys[r->nkeys])) == NULL)
			goto nomem;
	for (l = 0; l < o->fo.nlevels; l++)
		if ((r->lo[l] = dup_prefixed("lo", o->levels[l])) == NULL ||
		    (r->hi[l] = dup_prefixed("hi", o->levels[l])) == NULL)
			goto nomem;
	*run = r;
	return CRM_OK;
nomem:
	crm_fcrun_free(r);
	return crm_err_nomem(err);
}

void
crm_fcrun_free(crm_fcrun *run)
{
	size_t k;
	int l;

	if (run == NULL)
		return;
	for (k = 0; run->keys != NULL && k < run->nkeys; k++)
		free(run->keys[k]);
	free(run->keys);
	for (l = 0; l < CRM_FORECAST_MAX_LEVELS; l++) {
		free(run->lo[l]);
		free(run->hi[l]);
	}
	crm_rec_free(run->row);
	free(run);
}

void
crm_fcrun_period_defaults(crm_period p, int *season, int *horizon)
{
	/* A week of days, a year of the others; a horizon of two weeks of
	 * days, a quarter of weeks, a year of months and quarters. */
	static const int seasons[] = { 7, 52, 12, 4, 1 };
	static const int horizons[] = { 14, 13, 12, 4, 1 };

	*season = 1;
	*horizon = 1;
	if ((size_t)p < ARRAY_LEN(seasons)) {
		*season = seasons[p];
		*horizon = horizons[p];
	}
}

int
crm_fcrun_methods_parse(const char *list, crm_forecast_method *methods,
    size_t *n, crm_err *err)
{
	const char *p = list, *end;
	char name[256];
	size_t len, k;
	int rc;

	*n = 0;
	if (strlen(list) >= sizeof(name))
		return crm_err_set(err, CRM_EUSAGE, "too long");
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len == 0 || *n > CRM_FORECAST_AUTO)
			return crm_err_set(err, CRM_EUSAGE, "%s: %s",
			    len == 0 ? "an empty name" : "too many names",
			    list);
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		if ((rc = crm_forecast_method_parse(name, &methods[*n],
		    err)) != CRM_OK)
			return rc;
		for (k = 0; k < *n; k++)
			if (methods[k] == methods[*n])
				return crm_err_set(err, CRM_EUSAGE, "%s given "
				    "twice", name);
		(*n)++;
		if (end == NULL)
			return CRM_OK;
		p = end + 1;
	}
}

const crm_fcrun_counts *
crm_fcrun_counts_of(const crm_fcrun *run)
{
	return &run->counts;
}

char *
crm_fcrun_num(double x, int decimals, char *buf, size_t sz)
{
	size_t n;

	if (!isfinite(x)) {
		snprintf(buf, sz, "null");
		return buf;
	}
	/* Past 1e15 a double has no decimals left to print. */
	if (fabs(x) >= 1e15) {
		snprintf(buf, sz, "%.15g", x);
		return buf;
	}
	snprintf(buf, sz, "%.*f", decimals, x);
	if (strchr(buf, '.') != NULL) {
		n = strlen(buf);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, sz, "0");
	return buf;
}

int
crm_fcrun_set_num(crm_rec *r, const char *key, double x, int decimals,
    crm_err *err)
{
	char buf[64];

	crm_fcrun_num(x, decimals, buf, sizeof(buf));
	if (strcmp(buf, "null") == 0)
		return crm_rec_set_null(r, key, err);
	return crm_rec_set_json(r, key, CRM_NUMBER, buf, strlen(buf), err);
}

int
crm_fcrun_set_keys(crm_rec *r, char *const *names, const char *const *vals,
    size_t n, crm_err *err)
{
	size_t k;
	int rc = CRM_OK;

	for (k = 0; k < n && rc == CRM_OK; k++)
		rc = vals[k] == NULL ? crm_rec_set_null(r, names[k], err) :
		    crm_rec_set_str(r, names[k], vals[k], strlen(vals[k]),
		    err);
	return rc;
}

double
crm_fcrun_floor(const crm_fcrun *run, double x)
{
	return !(run->flags & CRM_FCRUN_NEGATIVE) && x < 0 ? 0 : x;
}

void
crm_fcrun_params(const crm_forecast *f, char *buf)
{
	const struct { const char *name; double v; } p[] = {
		{ "alpha", f->alpha }, { "beta", f->beta },
		{ "gamma", f->gamma }, { "phi", f->phi },
		{ "theta", f->theta }, { "drift", f->drift },
		{ "window", f->window > 0 ? f->window : NAN },
		{ "season", f->season > 1 ? f->season : NAN }
	};
	size_t i, n, sz = CRM_FCRUN_PARAMSZ;
	char num[64];

	n = (size_t)snprintf(buf, sz, "{");
	for (i = 0; i < ARRAY_LEN(p) && n < sz; i++)
		if (isfinite(p[i].v))
			n += (size_t)snprintf(buf + n, sz - n, "%s\"%s\":%s",
			    n > 1 ? "," : "", p[i].name, crm_fcrun_num(p[i].v,
			    CRM_FCRUN_PARAM_DECIMALS, num, sizeof(num)));
	if (n < sz)
		snprintf(buf + n, sz - n, "}");
}

size_t
crm_fcrun_columns(const crm_fcrun *run, const char **cols)
{
	size_t n = 0, k;
	int l;

	for (k = 0; k < run->nkeys; k++)
		cols[n++] = run->keys[k];
	cols[n++] = "period";
	cols[n++] = "forecast";
	for (l = 0; l < run->fo.nlevels; l++) {
		cols[n++] = run->lo[l];
		cols[n++] = run->hi[l];
	}
	cols[n++] = "method";
	cols[n++] = "params";
	cols[n++] = "intervals";
	cols[n++] = "note";
	return n;
}

int
crm_fcrun_forecast(crm_fcrun *run, const double *y, size_t n,
    crm_forecast **f, crm_err *err)
{
	static const double zero = 0;
	int rc;

	/* A key that never sold: the library forecasts a series of zeros
	 * as zeros, and says why. */
	rc = crm_forecast_run(n > 0 ? y : &zero, n > 0 ? n : 1, run->method,
	    &run->fo, f, err);
	if (rc != CRM_OK)
		return rc;
	if (n == 0)
		snprintf((*f)->note, sizeof((*f)->note), "no sales in the "
		    "history: zeros");
	run->counts.forecast++;
	run->counts.fallbacks += (*f)->note[0] != '\0';
	return CRM_OK;
}

/* The fields of row r after the key fields and the period: the
 * forecast and bounds of step i of f, how f was made. */
static int
set_forecast(const crm_fcrun *run, const crm_forecast *f, int i,
    const char *params, crm_rec *r, crm_err *err)
{
	const char *name = crm_forecast_method_name(f->method);
	int l, rc;

	rc = crm_fcrun_set_num(r, "forecast", crm_fcrun_floor(run,
	    f->mean[i]), CRM_FCRUN_DECIMALS, err);
	for (l = 0; l < f->nlevels && rc == CRM_OK; l++)
		if ((rc = crm_fcrun_set_num(r, run->lo[l], crm_fcrun_floor(run,
		    crm_forecast_lower(f, l, i)), CRM_FCRUN_DECIMALS, err)) ==
		    CRM_OK)
			rc = crm_fcrun_set_num(r, run->hi[l],
			    crm_fcrun_floor(run, crm_forecast_upper(f, l, i)),
			    CRM_FCRUN_DECIMALS, err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(r, "method", name, strlen(name), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_json(r, "params", CRM_OBJECT, params,
		    strlen(params), err);
	if (rc == CRM_OK)
		rc = f->interval != NULL ? crm_rec_set_str(r, "intervals",
		    f->interval, strlen(f->interval), err) :
		    crm_rec_set_null(r, "intervals", err);
	if (rc == CRM_OK)
		rc = f->note[0] != '\0' ? crm_rec_set_str(r, "note", f->note,
		    strlen(f->note), err) : crm_rec_set_null(r, "note", err);
	return rc;
}

int
crm_fcrun_rows(crm_fcrun *run, const crm_series_set *set,
    const char *const *vals, const crm_forecast *f, crm_fcrun_row_fn fn,
    void *ctx, crm_err *err)
{
	char period[CRM_DATE_BUFSZ], params[CRM_FCRUN_PARAMSZ];
	crm_rec *r = run->row;
	int i, rc = CRM_OK;

	if (f->nlevels > run->fo.nlevels)
		return crm_err_set(err, CRM_EUSAGE, "fcrun: a forecast of %d "
		    "levels, the run names %d", f->nlevels, run->fo.nlevels);
	crm_fcrun_params(f, params);
	for (i = 0; i < f->horizon && rc == CRM_OK; i++) {
		crm_rec_clear(r);
		if ((rc = crm_fcrun_set_keys(r, run->keys, vals, run->nkeys,
		    err)) != CRM_OK || (rc = crm_series_period(set, i + 1,
		    period, err)) != CRM_OK || (rc = crm_rec_set_str(r,
		    "period", period, strlen(period), err)) != CRM_OK ||
		    (rc = set_forecast(run, f, i, params, r, err)) != CRM_OK)
			break;
		rc = fn(ctx, r, err);
	}
	return rc;
}

int
crm_fcrun_each(crm_fcrun *run, crm_series_set *set, crm_fcrun_row_fn fn,
    void *ctx, crm_err *err)
{
	crm_forecast *f = NULL;
	crm_series s;
	int rc;

	while ((rc = crm_series_next(set, &s, err)) == CRM_OK) {
		run->counts.series++;
		if ((rc = crm_fcrun_forecast(run, s.values, s.n, &f, err)) !=
		    CRM_OK)
			break;
		rc = crm_fcrun_rows(run, set, s.keys, f, fn, ctx, err);
		crm_forecast_free(f);
		f = NULL;
		if (rc != CRM_OK)
			break;
	}
	return rc == CRM_END ? CRM_OK : rc;
}
