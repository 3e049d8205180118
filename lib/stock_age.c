/*
 * stock_age.c - how old the stock on hand is: by age bucket with its
 * value, and the lots past an age, oldest first.
 */
#include "stock_internal.h"

#include <errno.h>

static int
buckets_check(crm_stock_buckets *b, const char *file, crm_err *err)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (i > 0 && b->bound[i] <= b->bound[i - 1]) {
			if (file == NULL)
				return crm_err_set(err, CRM_EUSAGE, "bucket "
				    "bounds must go up: %d after %d",
				    b->bound[i], b->bound[i - 1]);
			return crm_conf_fail(err, file, "buckets",
			    "bounds must go up: %d after %d", b->bound[i],
			    b->bound[i - 1]);
		}
	return CRM_OK;
}

int
crm_stock_buckets_parse(const char *list, crm_stock_buckets *b,
    crm_err *err)
{
	const char *p = list;
	char *end;
	long v;

	b->n = 0;
	for (;;) {
		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno != 0 || v < 1 || v > 36500 ||
		    *p == '+' || *p == ' ' || (*end != ',' && *end != '\0'))
			return crm_err_set(err, CRM_EUSAGE, "not a list of "
			    "days from 1 to 36500 like 30,60,90,180: %s", list);
		if (b->n == CRM_STOCK_MAX_BUCKETS - 1)
			return crm_err_set(err, CRM_EUSAGE, "more than %d "
			    "bounds: %s", CRM_STOCK_MAX_BUCKETS - 1, list);
		b->bound[b->n++] = (int)v;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	return buckets_check(b, NULL, err);
}

int
crm_stock_buckets_load(const char *path, crm_stock_buckets *b, crm_err *err)
{
	char buf[CRM_CONF_PATH_BUFSZ], where[32];
	const char *file, *key;
	json_t *root, *list, *v;
	long long day;
	size_t i;
	int rc;

	b->n = 0;
	if ((rc = crm_conf_load_rules(path, "stock-ageing.json", buf, &file,
	    &root, err)) != CRM_OK)
		return rc;
	json_object_foreach(root, key, v)
		if (strcmp(key, "buckets") != 0) {
			rc = crm_conf_fail(err, file, key, "unknown member "
			    "(known: buckets)");
			goto out;
		}
	list = json_object_get(root, "buckets");
	if (!json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) >= CRM_STOCK_MAX_BUCKETS) {
		rc = crm_conf_fail(err, file, "buckets", "%s", list == NULL ?
		    "missing" : "not an array of 1 to 15 upper bounds in days");
		goto out;
	}
	json_array_foreach(list, i, v) {
		snprintf(where, sizeof(where), "buckets[%zu]", i);
		if (!json_is_integer(v) || (day = json_integer_value(v)) < 1 ||
		    day > 36500) {
			rc = crm_conf_fail(err, file, where, "not a whole "
			    "number of days from 1 to 36500");
			goto out;
		}
		b->bound[b->n++] = (int)day;
	}
	rc = buckets_check(b, file, err);
out:
	json_decref(root);
	return rc;
}

void
crm_stock_bucket_label(const crm_stock_buckets *b, size_t k, char *buf,
    size_t sz)
{
	if (k == b->n)
		snprintf(buf, sz, "over %d", b->bound[b->n - 1]);
	else
		snprintf(buf, sz, "%d-%d", k == 0 ? 0 : b->bound[k - 1] + 1,
		    b->bound[k]);
}

/* The stock of one location and sku by bucket and currency. */
#define AGE_CURRENCIES 4
struct age_group {
	char location[STOCK_ID_SZ];
	char sku[STOCK_ID_SZ];
	char currency[AGE_CURRENCIES][8];
	int64_t qty[AGE_CURRENCIES][CRM_STOCK_MAX_BUCKETS];
	int64_t value[AGE_CURRENCIES][CRM_STOCK_MAX_BUCKETS];
	size_t ncur;
};

static int
age_flush(struct age_group *g, const crm_stock_buckets *b, crm_rec *r,
    crm_stock_row_fn fn, void *ctx, crm_err *err)
{
	char label[32];
	size_t c, k;
	int exponent, rc;

	for (k = 0; k <= b->n; k++)
		for (c = 0; c < g->ncur; c++) {
			if (g->qty[c][k] == 0)
				continue;
			crm_stock_bucket_label(b, k, label, sizeof(label));
			crm_rec_clear(r);
			if ((rc = crm_currency_exponent(g->currency[c],
			    &exponent, err)) ||
			    (rc = crm_rec_set_str(r, "location", g->location,
			    strlen(g->location), err)) ||
			    (rc = crm_rec_set_str(r, "sku", g->sku,
			    strlen(g->sku), err)) ||
			    (rc = crm_rec_set_str(r, "bucket", label,
			    strlen(label), err)) ||
			    (rc = crm_rec_set_int(r, "qty", g->qty[c][k],
			    err)) ||
			    (rc = crm_money_set(r, "value", g->value[c][k],
			    exponent, err)) ||
			    (rc = crm_rec_set_str(r, "currency",
			    g->currency[c], strlen(g->currency[c]), err)) ||
			    (rc = fn(ctx, r, err)))
				return rc;
		}
	memset(g, 0, sizeof(*g));
	return CRM_OK;
}

/* The day ages are measured at: as_of, else today. */
static int
age_day(const crm_stock_query *q, int32_t *day, crm_err *err)
{
	const char *at = q->as_of != NULL ? q->as_of : q->today;

	if (at == NULL)
		return crm_today(day, err);
	return crm_date_parse(at, strlen(at), day, err);
}

static int
age_add(struct age_group *g, const crm_stock_buckets *b, sqlite3_stmt *st,
    int32_t at, crm_err *err)
{
	const char *rec = (const char *)sqlite3_column_text(st, 2);
	const char *cur = (const char *)sqlite3_column_text(st, 5);
	int64_t qty = sqlite3_column_int64(st, 3), v;
	int32_t day;
	size_t c, k;
	int rc;

	if ((rc = crm_date_parse(rec, strlen(rec), &day, err)) != CRM_OK)
		return rc;
	for (k = 0; k < b->n && at - day > b->bound[k]; k++)
		;
	for (c = 0; c < g->ncur && strcmp(g->currency[c], cur) != 0; c++)
		;
	if (c == g->ncur) {
		if (c == AGE_CURRENCIES)
			return crm_err_set(err, CRM_EDATA, "%s at %s: lots in "
			    "more than %d currencies", g->sku, g->location,
			    AGE_CURRENCIES);
		snprintf(g->currency[c], sizeof(g->currency[c]), "%s", cur);
		g->ncur++;
	}
	if (__builtin_mul_overflow(qty, sqlite3_column_int64(st, 4), &v) ||
	    __builtin_add_overflow(g->value[c][k], v, &g->value[c][k]))
		return crm_err_set(err, CRM_EDATA, "%s at %s: value out of "
		    "range", g->sku, g->location);
	g->qty[c][k] += qty;
	return CRM_OK;
}

int
crm_stock_age_each(crm_db *db, const crm_stock_query *q,
    const crm_stock_buckets *b, crm_stock_row_fn fn, void *ctx,
    crm_err *err)
{
	static const char sql[] =
	    "SELECT b.location_id, b.sku, b.received_on, b.qty,"
	    " l.unit_cost_minor, l.currency"
	    " FROM bal b JOIN stock_lots l ON l.id = b.lot_id"
	    " WHERE (?1 IS NULL OR b.sku = ?1)"
	    " AND (?2 IS NULL OR b.location_id = ?2)"
	    " ORDER BY b.location_id, b.sku";
	struct age_group *g = calloc(1, sizeof(*g));
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st = NULL;
	int32_t at;
	int rc, step;

	if (g == NULL || r == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = age_day(q, &at, err)) != CRM_OK ||
	    (rc = stock_query_prepare(db, q, sql, &st, err)) != CRM_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *loc = (const char *)sqlite3_column_text(st, 0);
		const char *sku = (const char *)sqlite3_column_text(st, 1);

		if ((strcmp(g->location, loc) != 0 || strcmp(g->sku, sku)) &&
		    (rc = age_flush(g, b, r, fn, ctx, err)) != CRM_OK)
			goto out;
		snprintf(g->location, sizeof(g->location), "%s", loc);
		snprintf(g->sku, sizeof(g->sku), "%s", sku);
		if ((rc = age_add(g, b, st, at, err)) != CRM_OK)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "stock_balances", err);
	else
		rc = age_flush(g, b, r, fn, ctx, err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	free(g);
	return rc;
}

static int
write_row(void *out, crm_rec *row, crm_err *err)
{
	return crm_out_write(out, row, err);
}

int
crm_stock_age(crm_db *db, const crm_stock_query *q,
    const crm_stock_buckets *b, crm_out *out, crm_err *err)
{
	return crm_stock_age_each(db, q, b, write_row, out, err);
}

int
crm_stock_stale(crm_db *db, const crm_stock_query *q, int days,
    crm_out *out, crm_err *err)
{
	static const char sql[] =
	    "SELECT b.lot_id AS lot, b.sku, b.location_id AS location,"
	    " b.received_on, b.qty, l.serial, l.unit_cost_minor,"
	    " b.qty * l.unit_cost_minor AS value_minor, l.currency"
	    " FROM bal b JOIN stock_lots l ON l.id = b.lot_id"
	    " WHERE (?1 IS NULL OR b.sku = ?1)"
	    " AND (?2 IS NULL OR b.location_id = ?2)"
	    " AND b.received_on < ?4"
	    " ORDER BY b.received_on, b.lot_id, b.location_id";
	char cutoff[CRM_DATE_BUFSZ];
	crm_stock_query cq = *q;
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st = NULL;
	int32_t at, day;
	int rc, step;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = age_day(q, &at, err)) != CRM_OK)
		goto out;
	cq.today = crm_date_format(at - days, cutoff);
	if ((rc = stock_query_prepare(db, &cq, sql, &st, err)) != CRM_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rec = (const char *)sqlite3_column_text(st, 3);

		crm_rec_clear(r);
		if ((rc = crm_date_parse(rec, strlen(rec), &day, err)) ||
		    (rc = crm_db_row(st, r, err)) ||
		    (rc = crm_rec_set_int(r, "age_days", at - day, err)) ||
		    (rc = crm_out_write(out, r, err)))
			goto out;
	}
	rc = step == SQLITE_DONE ? CRM_OK : crm_db_fail(db, step,
	    "stock_balances", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
