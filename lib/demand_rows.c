/*
 * demand_rows.c - forecast rows: the statistical forecast of each key and
 * period, the adjustments applied to it and what they made of it.
 */
#include <math.h>

#include "internal.h"
#include "demand_internal.h"

/* Fields a row is written with besides its keys and bounds. */
static const char *const row_fields[] = { "period", "forecast",
	"statistical", "adjustments" };

static const char *const op_names[] = { "set", "add", "multiply" };

static int
copy_names(const char *const *names, size_t n, char ***out, crm_err *err)
{
	size_t i;

	*out = NULL;
	if (n == 0)
		return CRM_OK;
	if ((*out = calloc(n, sizeof(**out))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n; i++)
		if (((*out)[i] = strdup(names[i])) == NULL)
			return crm_err_nomem(err);
	return CRM_OK;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	if (names == NULL)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* CRM_EUSAGE unless every name is non-empty, given once and not a row
 * field. */
static int
check_names(const char *const *keys, size_t nkeys, const char *const *bounds,
    size_t nbounds, crm_err *err)
{
	const char *name, *other;
	size_t i, k, n = nkeys + nbounds;

	for (i = 0; i < n; i++) {
		name = i < nkeys ? keys[i] : bounds[i - nkeys];
		if (name == NULL || *name == '\0')
			return crm_err_set(err, CRM_EUSAGE, "empty field name");
		for (k = 0; k < ARRAY_LEN(row_fields); k++)
			if (strcmp(name, row_fields[k]) == 0)
				return crm_err_set(err, CRM_EUSAGE, "%s: a "
				    "field of the row itself, not a key or "
				    "bound", name);
		for (k = 0; k < i; k++) {
			other = k < nkeys ? keys[k] : bounds[k - nkeys];
			if (strcmp(name, other) == 0)
				return crm_err_set(err, CRM_EUSAGE, "%s: given "
				    "twice", name);
		}
	}
	return CRM_OK;
}

int
crm_demand_rows_new(const char *const *keys, size_t nkeys,
    const char *const *bounds, size_t nbounds, int flags,
    crm_demand_rows **rowsp, crm_err *err)
{
	crm_demand_rows *rows;
	int rc;

	*rowsp = NULL;
	if ((rc = check_names(keys, nkeys, bounds, nbounds, err)) != CRM_OK)
		return rc;
	if ((rows = calloc(1, sizeof(*rows))) == NULL)
		return crm_err_nomem(err);
	rows->nkeys = nkeys;
	rows->nbounds = nbounds;
	rows->flags = flags;
	if ((rc = copy_names(keys, nkeys, &rows->keys, err)) != CRM_OK ||
	    (rc = copy_names(bounds, nbounds, &rows->bounds, err)) != CRM_OK)
		goto out;
	if ((rows->ix = crm_strmap_new(sizeof(size_t))) == NULL ||
	    (rows->key_ix = crm_strmap_new(sizeof(size_t))) == NULL)
		rc = crm_err_nomem(err);
out:
	if (rc != CRM_OK)
		crm_demand_rows_free(rows);
	else
		*rowsp = rows;
	return rc;
}

static void
free_step(crm_demand_step *s)
{
	free((char *)s->value);
	free((char *)s->author);
	free((char *)s->reason);
	free((char *)s->file);
}

static void
free_row(struct demand_row *row, size_t nkeys)
{
	size_t i;

	if (row == NULL)
		return;
	free_names(row->vals, nkeys);
	free(row->stat_bounds);
	free(row->bounds);
	for (i = 0; i < row->pub.nsteps; i++)
		free_step(&row->steps[i]);
	free(row->steps);
	free(row->values);
	free(row);
}

void
crm_demand_rows_free(crm_demand_rows *rows)
{
	size_t i;

	if (rows == NULL)
		return;
	for (i = 0; i < rows->nrows; i++)
		free_row(rows->rows[i], rows->nkeys);
	free(rows->rows);
	free_names(rows->keys, rows->nkeys);
	free_names(rows->bounds, rows->nbounds);
	crm_strmap_free(rows->ix);
	crm_strmap_free(rows->key_ix);
	crm_buf_free(&rows->scratch);
	free(rows);
}

int
demand_key_encode(crm_buf *b, const char *const *vals, size_t n)
{
	size_t i, len;
	int rc = CRM_OK;

	/* Called per row: no printf. */
	for (i = 0; rc == CRM_OK && i < n; i++) {
		len = strlen(vals[i]);
		if ((rc = crm_buf_add_int(b, (int64_t)len)) == CRM_OK &&
		    (rc = crm_buf_addc(b, ':')) == CRM_OK)
			rc = crm_buf_add(b, vals[i], len);
	}
	return rc;
}

/* The key of vals and, when period is not NULL, the period, in
 * rows->scratch. */
static int
row_key(crm_demand_rows *rows, const char *const *vals, const char *period,
    crm_err *err)
{
	crm_buf_reset(&rows->scratch);
	if (demand_key_encode(&rows->scratch, vals, rows->nkeys) != CRM_OK ||
	    crm_buf_addc(&rows->scratch, '|') != CRM_OK ||
	    crm_buf_adds(&rows->scratch, period != NULL ? period : "") !=
	    CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* Bound b of row after its steps, before any clamp. */
static double
unclamped_bound(const struct demand_row *row, size_t b)
{
	double x = row->pub.stat, before, v = row->stat_bounds[b];
	size_t i;

	for (i = 0; i < row->pub.nsteps; i++) {
		before = x;
		x = row->steps[i].after;
		v = row->steps[i].op == CRM_DEMAND_MULTIPLY ?
		    v * row->values[i] : v + (x - before);
	}
	return v;
}

/* Recompute row's final value and bounds from its statistical forecast
 * and steps; see the contract of crm_demand_row in crm/demand.h. */
static void
settle(const crm_demand_rows *rows, struct demand_row *row)
{
	crm_demand_row *p = &row->pub;
	double x = p->stat;
	size_t b;

	for (b = 0; b < rows->nbounds; b++)
		row->bounds[b] = unclamped_bound(row, b);
	if (p->nsteps > 0)
		x = row->steps[p->nsteps - 1].after;
	p->final = x;
	p->clamped = 0;
	if (!(rows->flags & CRM_DEMAND_NEGATIVE)) {
		if (x < 0) {
			p->final = 0;
			p->clamped = 1;
		}
		for (b = 0; b < rows->nbounds; b++)
			if (row->bounds[b] < 0)
				row->bounds[b] = 0;
	}
	p->steps = row->steps;
}

static int
check_value(double v, const char *what, crm_err *err)
{
	if (!isfinite(v) || fabs(v) >= CRM_DEMAND_MAX)
		return crm_err_set(err, CRM_EDATA, "%s: out of range", what);
	return CRM_OK;
}

int
crm_demand_rows_add(crm_demand_rows *rows, const char *const *vals,
    const char *period, double forecast, const double *bounds,
    crm_err *err)
{
	struct demand_row *row = NULL;
	crm_period kind;
	int32_t first, last;
	size_t i, *slot;
	int added, rc;

	if ((rc = crm_period_key_parse(period, strlen(period), &kind, &first,
	    &last, err)) != CRM_OK)
		return crm_err_prefix(err, "period");
	if ((rc = check_value(forecast, "forecast", err)) != CRM_OK)
		return rc;
	for (i = 0; i < rows->nbounds; i++)
		if ((rc = check_value(bounds[i], rows->bounds[i], err)) !=
		    CRM_OK)
			return rc;
	if ((row = calloc(1, sizeof(*row))) == NULL)
		return crm_err_nomem(err);
	crm_date_bucket(first, kind, row->period);
	/* The slot is made now and stays 0, "no row", unless the row gets
	 * in: one look-up instead of two. */
	if ((rc = row_key(rows, vals, row->period, err)) != CRM_OK)
		goto out;
	if ((slot = crm_strmap_put(rows->ix, rows->scratch.data, &added)) ==
	    NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if (*slot != 0) {
		rc = crm_err_set(err, CRM_EDATA, "period: %s given twice for "
		    "one key", row->period);
		goto out;
	}
	if ((rc = copy_names(vals, rows->nkeys, &row->vals, err)) != CRM_OK)
		goto out;
	if (rows->nbounds > 0 &&
	    ((row->stat_bounds = calloc(rows->nbounds, sizeof(double))) ==
	    NULL || (row->bounds = calloc(rows->nbounds, sizeof(double))) ==
	    NULL)) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < rows->nbounds; i++)
		row->stat_bounds[i] = bounds[i];
	row->pub.vals = (const char *const *)row->vals;
	row->pub.period = row->period;
	row->pub.kind = kind;
	row->pub.first = first;
	row->pub.last = last;
	row->pub.stat = forecast;
	row->pub.stat_bounds = row->stat_bounds;
	row->pub.bounds = row->bounds;
	settle(rows, row);
	if ((rc = crm_array_grow(&rows->rows, &rows->crows, rows->nrows,
	    sizeof(*rows->rows), err)) != CRM_OK)
		goto out;
	/* The key alone, for messages that tell a key the forecast lacks
	 * from a period it lacks; harmless when what follows fails. */
	if ((rc = row_key(rows, vals, NULL, err)) != CRM_OK)
		goto out;
	if (crm_strmap_put(rows->key_ix, rows->scratch.data, &added) ==
	    NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	*slot = rows->nrows + 1;
	rows->rows[rows->nrows++] = row;
	row = NULL;
out:
	free_row(row, rows->nkeys);
	return rc;
}

int
demand_key_value(const crm_rec *r, const char *key, const char **val,
    crm_err *err)
{
	long i = crm_rec_find(r, key);
	crm_type t;
	size_t len;

	if (i < 0 || (t = crm_rec_type(r, (size_t)i)) == CRM_NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "missing");
	if (t != CRM_STRING && t != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string or "
		    "number");
	*val = crm_rec_text(r, (size_t)i, &len);
	if (memchr(*val, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "holds a NUL");
	return CRM_OK;
}

int
demand_number(const char *s, size_t len, double *v, crm_err *err)
{
	char buf[64], *end;
	size_t i = 0;
	int digits = 0;

	if (len >= sizeof(buf))
		return crm_err_set(err, CRM_EDATA, "not a number");
	if (i < len && s[i] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return crm_err_set(err, CRM_EDATA, "not a number");
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		for (digits = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 0)
			return crm_err_set(err, CRM_EDATA, "not a number");
	}
	if (i != len)
		return crm_err_set(err, CRM_EDATA, "not a number");
	memcpy(buf, s, len);
	buf[len] = '\0';
	*v = strtod(buf, &end);
	if (!isfinite(*v) || fabs(*v) >= CRM_DEMAND_MAX)
		return crm_err_set(err, CRM_EDATA, "out of range (below 1e15 "
		    "in magnitude)");
	return CRM_OK;
}

int
demand_get_number(const crm_rec *r, const char *key, double *v,
    const char **text, size_t *len, crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	crm_type t;
	crm_err why;
	size_t n;

	if (i < 0 || (t = crm_rec_type(r, (size_t)i)) == CRM_NULL)
		return CRM_END;
	if (t != CRM_STRING && t != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a number");
	s = crm_rec_text(r, (size_t)i, &n);
	if (demand_number(s, n, v, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, key, "%s", why.msg);
	if (text != NULL)
		*text = s;
	if (len != NULL)
		*len = n;
	return CRM_OK;
}

int
demand_set_number(crm_rec *r, const char *key, double v, crm_err *err)
{
	char buf[40];
	int n;

	/* Both zeros are written 0. */
	if (v == 0)
		v = 0;
	n = snprintf(buf, sizeof(buf), "%.15g", v);
	return crm_rec_set_json(r, key, CRM_NUMBER, buf, (size_t)n, err);
}

int64_t
demand_round(double v)
{
	double whole = floor(fabs(v));

	if (fabs(v) - whole >= 0.5)
		whole += 1;
	return (int64_t)(v < 0 ? -whole : whole);
}

int
crm_demand_rows_add_rec(crm_demand_rows *rows, const crm_rec *r,
    crm_err *err)
{
	const char **vals = NULL;
	char period[CRM_DATE_BUFSZ];
	double forecast, *bounds = NULL;
	crm_err why;
	size_t i;
	int rc;

	if ((rows->nkeys > 0 &&
	    (vals = calloc(rows->nkeys, sizeof(*vals))) == NULL) ||
	    (rows->nbounds > 0 &&
	    (bounds = calloc(rows->nbounds, sizeof(*bounds))) == NULL)) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < rows->nkeys; i++)
		if ((rc = demand_key_value(r, rows->keys[i], &vals[i], err)) !=
		    CRM_OK)
			goto out;
	if ((rc = crm_rec_need_str(r, "period", period, sizeof(period),
	    err)) != CRM_OK)
		goto out;
	rc = demand_get_number(r, "forecast", &forecast, NULL, NULL, err);
	for (i = 0; rc == CRM_OK && i < rows->nbounds; i++)
		rc = demand_get_number(r, rows->bounds[i], &bounds[i], NULL,
		    NULL, err);
	if (rc == CRM_END) {
		rc = crm_rec_fail(r, err, CRM_EDATA, i == 0 ? "forecast" :
		    rows->bounds[i - 1], "missing");
		goto out;
	}
	if (rc != CRM_OK)
		goto out;
	if ((rc = crm_demand_rows_add(rows, vals, period, forecast, bounds,
	    &why)) == CRM_EINTERNAL)
		*err = why;
	else if (rc != CRM_OK)
		crm_rec_fail(r, err, rc, NULL, "%s", why.msg);
out:
	free(vals);
	free(bounds);
	return rc;
}

const char *const *
crm_demand_rows_keys(const crm_demand_rows *rows, size_t *n)
{
	*n = rows->nkeys;
	return (const char *const *)rows->keys;
}

const char *const *
crm_demand_rows_bounds(const crm_demand_rows *rows, size_t *n)
{
	*n = rows->nbounds;
	return (const char *const *)rows->bounds;
}

size_t
crm_demand_rows_count(const crm_demand_rows *rows)
{
	return rows->nrows;
}

const crm_demand_row *
crm_demand_rows_at(const crm_demand_rows *rows, size_t i)
{
	return &rows->rows[i]->pub;
}

int
crm_demand_rows_find(const crm_demand_rows *rows, const char *const *vals,
    const char *period, size_t *i, crm_err *err)
{
	crm_demand_rows *w = (crm_demand_rows *)rows;
	char key[CRM_DATE_BUFSZ];
	crm_period kind;
	int32_t first;
	size_t *slot;
	int rc;

	if ((rc = crm_period_key_parse(period, strlen(period), &kind, &first,
	    NULL, err)) != CRM_OK)
		return rc;
	crm_date_bucket(first, kind, key);
	/* The scratch buffer is not part of what rows hold. */
	if ((rc = row_key(w, vals, key, err)) != CRM_OK)
		return rc;
	if ((slot = crm_strmap_get(rows->ix, w->scratch.data)) == NULL ||
	    *slot == 0)
		return CRM_END;
	*i = *slot - 1;
	return CRM_OK;
}

int
demand_rows_step(crm_demand_rows *rows, size_t i, crm_demand_op op,
    double v, const char *text, const char *author, const char *reason,
    const char *file, unsigned long line, crm_err *err)
{
	struct demand_row *row = rows->rows[i];
	crm_demand_step *s;
	double x = row->pub.stat, after, b;
	size_t k, n = row->pub.nsteps;

	if (n > 0)
		x = row->steps[n - 1].after;
	after = op == CRM_DEMAND_SET ? v : op == CRM_DEMAND_ADD ? x + v :
	    x * v;
	if (!isfinite(after) || fabs(after) >= CRM_DEMAND_MAX)
		return crm_err_set(err, CRM_EDATA, "value: takes the forecast "
		    "out of range");
	for (k = 0; k < rows->nbounds; k++) {
		b = unclamped_bound(row, k);
		b = op == CRM_DEMAND_MULTIPLY ? b * v : b + (after - x);
		if (!isfinite(b) || fabs(b) >= CRM_DEMAND_MAX)
			return crm_err_set(err, CRM_EDATA, "value: takes %s "
			    "out of range", rows->bounds[k]);
	}
	if (n == row->csteps) {
		size_t cap = row->csteps;
		double *vals;

		if (crm_array_grow(&row->steps, &cap, n, sizeof(*row->steps),
		    err) != CRM_OK)
			return CRM_EINTERNAL;
		if ((vals = realloc(row->values, cap * sizeof(double))) ==
		    NULL)
			return crm_err_nomem(err);
		row->values = vals;
		row->csteps = cap;
	}
	s = &row->steps[n];
	memset(s, 0, sizeof(*s));
	s->op = op;
	s->after = after;
	s->line = line;
	if ((s->value = strdup(text)) == NULL ||
	    (s->author = strdup(author)) == NULL ||
	    (s->reason = strdup(reason)) == NULL ||
	    (file != NULL && (s->file = strdup(file)) == NULL)) {
		free_step(s);
		return crm_err_nomem(err);
	}
	row->values[n] = v;
	row->pub.nsteps = n + 1;
	settle(rows, row);
	return CRM_OK;
}

int
crm_demand_rows_undo(crm_demand_rows *rows, size_t i)
{
	struct demand_row *row = rows->rows[i];

	if (row->pub.nsteps == 0)
		return CRM_END;
	free_step(&row->steps[--row->pub.nsteps]);
	settle(rows, row);
	return CRM_OK;
}

/* The adjustments of row as a JSON array, into b. */
static int
steps_json(const struct demand_row *row, crm_buf *b)
{
	const crm_demand_step *s;
	char num[40];
	size_t i;
	int rc;

	rc = crm_buf_addc(b, '[');
	for (i = 0; rc == CRM_OK && i < row->pub.nsteps; i++) {
		s = &row->steps[i];
		snprintf(num, sizeof(num), "%.15g", s->after == 0 ? 0 :
		    s->after);
		if ((rc = crm_buf_adds(b, i > 0 ? ",{\"op\":" : "{\"op\":")) !=
		    CRM_OK ||
		    (rc = crm_buf_add_json_str(b, op_names[s->op],
		    strlen(op_names[s->op]))) != CRM_OK ||
		    (rc = crm_buf_adds(b, ",\"value\":")) != CRM_OK ||
		    (rc = crm_buf_add_json_str(b, s->value,
		    strlen(s->value))) != CRM_OK ||
		    (rc = crm_buf_printf(b, ",\"after\":%s,\"author\":",
		    num)) != CRM_OK ||
		    (rc = crm_buf_add_json_str(b, s->author,
		    strlen(s->author))) != CRM_OK ||
		    (rc = crm_buf_adds(b, ",\"reason\":")) != CRM_OK ||
		    (rc = crm_buf_add_json_str(b, s->reason,
		    strlen(s->reason))) != CRM_OK)
			break;
		rc = crm_buf_addc(b, '}');
	}
	if (rc == CRM_OK)
		rc = crm_buf_addc(b, ']');
	return rc;
}

int
crm_demand_rows_write(const crm_demand_rows *rows, size_t i, crm_rec *out,
    crm_err *err)
{
	const struct demand_row *row = rows->rows[i];
	crm_buf b = CRM_BUF_INIT;
	size_t k;
	int rc = CRM_OK;

	crm_rec_clear(out);
	for (k = 0; rc == CRM_OK && k < rows->nkeys; k++)
		rc = crm_rec_set_str(out, rows->keys[k], row->vals[k],
		    strlen(row->vals[k]), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(out, "period", row->period,
		    strlen(row->period), err);
	if (rc == CRM_OK)
		rc = demand_set_number(out, "forecast", row->pub.final, err);
	for (k = 0; rc == CRM_OK && k < rows->nbounds; k++)
		rc = demand_set_number(out, rows->bounds[k], row->bounds[k],
		    err);
	if (rc == CRM_OK)
		rc = demand_set_number(out, "statistical", row->pub.stat, err);
	if (rc == CRM_OK) {
		if (steps_json(row, &b) != CRM_OK)
			rc = crm_err_nomem(err);
		else
			rc = crm_rec_set_json(out, "adjustments", CRM_ARRAY,
			    b.data, b.len, err);
	}
	crm_buf_free(&b);
	return rc;
}
