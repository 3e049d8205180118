/*
 * report_summary.c - summaries of what other modules keep: receivables
 * and stock by age bucket per group, and what promotions cost and sold.
 *
 * The ageing summaries take the rows that crm_receivables_each (one per
 * open invoice) and crm_stock_age_each (one per location, sku, bucket
 * and currency) make, and add them up per group and currency in a hash
 * map, so that a group's rows need not come together.
 */
#include "internal.h"
#include "strmap.h"

#define MAX_BUCKETS CRM_STOCK_MAX_BUCKETS
#define LABEL_SZ 40

/* The sums of one group and currency: a count (invoices, units) and an
 * amount (open, FIFO value) per bucket. */
struct agroup {
	char *key;                 /* "" when the group is not known */
	char currency[8];
	int exponent;
	int64_t count[MAX_BUCKETS], amount[MAX_BUCKETS], total;
};

struct ageing {
	crm_db *db;
	int by;                    /* index into the by names */
	const char *lookup;        /* SQL of a row's group; NULL: a field */
	const char *field;         /* the row's field that is the group */
	char labels[MAX_BUCKETS][LABEL_SZ];
	size_t nbuckets;
	const char *count_field;   /* the count's column */
	const char *amount_field;  /* the amount's column */
	const char *amount_in;     /* the rows' field that is the amount */
	crm_strmap *index;         /* key \x1f currency -> position + 1 */
	struct agroup *g;
	size_t n, cap;
	crm_buf scratch;
};

static void
ageing_free(struct ageing *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->g[i].key);
	free(a->g);
	crm_strmap_free(a->index);
	crm_buf_free(&a->scratch);
}

/* The group of key and currency, made when new. */
static int
group_of(struct ageing *a, const char *key, const char *currency,
    struct agroup **out, crm_err *err)
{
	struct agroup *g;
	size_t *at;
	int added, rc;

	crm_buf_reset(&a->scratch);
	if (crm_buf_adds(&a->scratch, key) != CRM_OK ||
	    crm_buf_addc(&a->scratch, '\x1f') != CRM_OK ||
	    crm_buf_adds(&a->scratch, currency) != CRM_OK ||
	    (at = crm_strmap_put(a->index, a->scratch.data, &added)) == NULL)
		return crm_err_nomem(err);
	if (!added) {
		*out = &a->g[*at - 1];
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&a->g, &a->cap, a->n, sizeof(*a->g),
	    err)) != CRM_OK)
		return rc;
	g = &a->g[a->n];
	memset(g, 0, sizeof(*g));
	if ((rc = crm_currency_exponent(currency, &g->exponent, err)) !=
	    CRM_OK)
		return rc;
	if ((g->key = strdup(key)) == NULL)
		return crm_err_nomem(err);
	snprintf(g->currency, sizeof(g->currency), "%s", currency);
	*at = ++a->n;
	*out = g;
	return CRM_OK;
}

/* The group a row belongs to: a field of it, or what lookup finds for
 * the row's (first, second) fields; "" when nothing is found. */
static int
key_of(struct ageing *a, const crm_rec *row, const char *first,
    const char *second, const char **key, crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc, step;

	if (a->lookup == NULL) {
		s = crm_rec_get(row, a->field);
		*key = s != NULL ? s : "";
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(a->db, a->lookup, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, crm_rec_get(row, first), -1, SQLITE_STATIC);
	if (second != NULL)
		sqlite3_bind_text(st, 2, crm_rec_get(row, second), -1,
		    SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		sqlite3_reset(st);
		return crm_db_fail(a->db, step, "groups", err);
	}
	s = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) :
	    NULL;
	crm_buf_reset(&a->scratch);
	if (crm_buf_adds(&a->scratch, s != NULL ? s : "") != CRM_OK) {
		sqlite3_reset(st);
		return crm_err_nomem(err);
	}
	sqlite3_reset(st);
	*key = a->scratch.data;
	return CRM_OK;
}

static int
bucket_index(const struct ageing *a, const char *label, size_t *k,
    crm_err *err)
{
	for (*k = 0; *k < a->nbuckets; (*k)++)
		if (label != NULL && strcmp(a->labels[*k], label) == 0)
			return CRM_OK;
	return crm_err_set(err, CRM_EINTERNAL, "no bucket %s",
	    label != NULL ? label : "(null)");
}

/* Add count and amount to bucket label of the group of key. */
static int
ageing_add(struct ageing *a, const char *key, const crm_rec *row,
    int64_t count, crm_err *err)
{
	const char *currency = crm_rec_get(row, "currency");
	struct agroup *g = NULL;
	char *copy;
	int64_t amount;
	size_t k;
	int rc;

	if ((copy = strdup(key)) == NULL)
		return crm_err_nomem(err);
	rc = group_of(a, copy, currency != NULL ? currency : "", &g, err);
	free(copy);
	if (rc != CRM_OK ||
	    (rc = bucket_index(a, crm_rec_get(row, "bucket"), &k, err)) !=
	    CRM_OK ||
	    (rc = crm_money_get(row, a->amount_in, g->exponent, &amount,
	    err)) != CRM_OK)
		return rc;
	if (crm_money_add(g->amount[k], amount, &g->amount[k], err) !=
	    CRM_OK || crm_money_add(g->total, amount, &g->total, err) !=
	    CRM_OK || crm_money_add(g->count[k], count, &g->count[k], err) !=
	    CRM_OK)
		return crm_err_set(err, CRM_EDATA, "%s %s: sums out of range",
		    key, g->currency);
	return CRM_OK;
}

static int
agroup_cmp(const void *x, const void *y)
{
	const struct agroup *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c != 0 ? c : strcmp(a->currency, b->currency);
}

/* One row per group, currency and bucket, by group and currency. */
static int
ageing_write(struct ageing *a, const char *const *cols, crm_report *rep,
    crm_err *err)
{
	crm_rec *r = crm_rec_new();
	struct agroup *g;
	size_t i, k;
	int rc = CRM_OK;

	if (r == NULL)
		return crm_err_nomem(err);
	if (a->n > 0)
		qsort(a->g, a->n, sizeof(*a->g), agroup_cmp);
	for (i = 0; i < a->n && rc == CRM_OK; i++) {
		g = &a->g[i];
		for (k = 0; k < a->nbuckets && rc == CRM_OK; k++) {
			crm_rec_clear(r);
			if ((rc = g->key[0] != '\0' ? crm_rec_set_str(r,
			    cols[0], g->key, strlen(g->key), err) :
			    crm_rec_set_null(r, cols[0], err)) ||
			    (rc = crm_rec_set_str(r, "currency", g->currency,
			    strlen(g->currency), err)) ||
			    (rc = crm_rec_set_str(r, "bucket", a->labels[k],
			    strlen(a->labels[k]), err)) ||
			    (rc = crm_rec_set_int(r, a->count_field,
			    g->count[k], err)) ||
			    (rc = crm_money_set(r, a->amount_field,
			    g->amount[k], g->exponent, err)) ||
			    (rc = crm_rec_set_percent(r, "percent",
			    g->amount[k], g->total, 1, err)))
				break;
			rc = crm_report_row(rep, r, err);
		}
	}
	crm_rec_free(r);
	return rc;
}

static int
ageing_init(struct ageing *a, crm_db *db, crm_err *err)
{
	memset(a, 0, sizeof(*a));
	a->db = db;
	if ((a->index = crm_strmap_new(sizeof(size_t))) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* Pick by among names[0..n) (NULL: the first). */
static int
pick_by(const char *by, const char *const *names, size_t n, int *at,
    crm_err *err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (by == NULL || strcmp(by, names[i]) == 0) {
			*at = (int)i;
			return CRM_OK;
		}
	return crm_err_set(err, CRM_EUSAGE, "--by: %s is not one of %s, %s, "
	    "%s", by, names[0], names[1], names[2]);
}

/*
 * Receivables.  An invoice belongs to the region and rep of its order,
 * else of its customer (the customer's owner rep).
 */
static const char *const receivables_by[] = { "customer", "region", "rep" };

static const char *const receivables_cols[][6] = {
	{ "customer", "currency", "bucket", "invoices", "amount", "percent" },
	{ "region", "currency", "bucket", "invoices", "amount", "percent" },
	{ "rep", "currency", "bucket", "invoices", "amount", "percent" }
};

static const char *const receivables_lookup[] = {
	NULL,
	"SELECT coalesce((SELECT region FROM orders WHERE id = ?2),"
	" (SELECT region FROM customers WHERE id = ?1))",
	"SELECT coalesce((SELECT rep_id FROM orders WHERE id = ?2),"
	" (SELECT owner_rep_id FROM customers WHERE id = ?1))"
};

int
crm_report_receivables_columns(const char *by, const char *const **cols,
    size_t *n, size_t *nkeys, crm_err *err)
{
	int at, rc;

	if ((rc = pick_by(by, receivables_by, ARRAY_LEN(receivables_by), &at,
	    err)) != CRM_OK)
		return rc;
	*cols = receivables_cols[at];
	*n = ARRAY_LEN(receivables_cols[at]);
	*nkeys = 3;
	return CRM_OK;
}

static int
receivable_one(void *ctx, crm_rec *row, crm_err *err)
{
	struct ageing *a = ctx;
	const char *key;
	int rc;

	if ((rc = key_of(a, row, "customer_id", "order_id", &key, err)) !=
	    CRM_OK)
		return rc;
	return ageing_add(a, key, row, 1, err);
}

int
crm_report_receivables_write(crm_db *db, const crm_receivables *rv,
    const char *by, const char *as_of, crm_report *rep, crm_err *err)
{
	crm_receivables_query q = { as_of, NULL, 1 };
	const char *const *names;
	struct ageing a;
	size_t k;
	int rc;

	if ((rc = ageing_init(&a, db, err)) != CRM_OK ||
	    (rc = pick_by(by, receivables_by, ARRAY_LEN(receivables_by),
	    &a.by, err)) != CRM_OK)
		goto out;
	a.lookup = receivables_lookup[a.by];
	a.field = "customer_id";
	a.count_field = "invoices";
	a.amount_field = "amount";
	a.amount_in = "open";
	names = crm_receivables_buckets(rv, &a.nbuckets);
	for (k = 0; k < a.nbuckets; k++)
		snprintf(a.labels[k], LABEL_SZ, "%s", names[k]);
	if ((rc = crm_receivables_each(db, rv, &q, receivable_one, &a,
	    err)) == CRM_OK)
		rc = ageing_write(&a, receivables_cols[a.by], rep, err);
out:
	ageing_free(&a);
	return rc;
}

/*
 * Stock by age.
 */
static const char *const stock_by[] = { "location", "sku", "region" };

static const char *const stock_cols[][6] = {
	{ "location", "currency", "bucket", "qty", "value", "percent" },
	{ "sku", "currency", "bucket", "qty", "value", "percent" },
	{ "region", "currency", "bucket", "qty", "value", "percent" }
};

int
crm_report_stock_age_columns(const char *by, const char *const **cols,
    size_t *n, size_t *nkeys, crm_err *err)
{
	int at, rc;

	if ((rc = pick_by(by, stock_by, ARRAY_LEN(stock_by), &at, err)) !=
	    CRM_OK)
		return rc;
	*cols = stock_cols[at];
	*n = ARRAY_LEN(stock_cols[at]);
	*nkeys = 3;
	return CRM_OK;
}

static int
stock_one(void *ctx, crm_rec *row, crm_err *err)
{
	struct ageing *a = ctx;
	const char *key;
	int64_t qty;
	int rc;

	if ((rc = key_of(a, row, "location", NULL, &key, err)) != CRM_OK ||
	    (rc = crm_rec_get_int(row, "qty", INT64_MIN, INT64_MAX, &qty,
	    err)) != CRM_OK)
		return rc;
	return ageing_add(a, key, row, qty, err);
}

int
crm_report_stock_age_write(crm_db *db, const crm_stock_buckets *b,
    const char *by, const char *as_of, crm_report *rep, crm_err *err)
{
	crm_stock_query q;
	struct ageing a;
	size_t k;
	int rc;

	memset(&q, 0, sizeof(q));
	q.as_of = as_of;
	if ((rc = ageing_init(&a, db, err)) != CRM_OK ||
	    (rc = pick_by(by, stock_by, ARRAY_LEN(stock_by), &a.by, err)) !=
	    CRM_OK)
		goto out;
	if (a.by == 2)
		a.lookup = "SELECT region FROM locations WHERE id = ?1";
	else
		a.field = stock_by[a.by];
	a.count_field = "qty";
	a.amount_field = a.amount_in = "value";
	a.nbuckets = b->n + 1;
	for (k = 0; k < a.nbuckets; k++)
		crm_stock_bucket_label(b, k, a.labels[k], LABEL_SZ);
	if ((rc = crm_stock_age_each(db, &q, b, stock_one, &a, err)) ==
	    CRM_OK)
		rc = ageing_write(&a, stock_cols[a.by], rep, err);
out:
	ageing_free(&a);
	return rc;
}

/*
 * Promotions: the grants of orders that are sales.
 */
static const char *const promotions_cols[] = {
	"promo_id", "currency", "grants", "orders", "cost", "revenue", "net",
	"effectiveness"
};

const char *const *
crm_report_promotions_columns(size_t *n, size_t *nkeys)
{
	*n = ARRAY_LEN(promotions_cols);
	*nkeys = 2;
	return promotions_cols;
}

static int
promotion_row(sqlite3_stmt *st, crm_rec *r, crm_report *rep, crm_err *err)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	const char *currency = (const char *)sqlite3_column_text(st, 1);
	int64_t cost = sqlite3_column_int64(st, 4);
	int64_t revenue = sqlite3_column_int64(st, 5), net;
	int e, rc;

	if ((rc = crm_currency_exponent(currency, &e, err)) != CRM_OK)
		return crm_err_prefix(err, "promotion %s", id);
	if (crm_money_sub(revenue, cost, &net, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "promotion %s: net out of "
		    "range", id);
	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "promo_id", id, strlen(id), err)) ||
	    (rc = crm_rec_set_str(r, "currency", currency, strlen(currency),
	    err)) ||
	    (rc = crm_rec_set_int(r, "grants", sqlite3_column_int64(st, 2),
	    err)) ||
	    (rc = crm_rec_set_int(r, "orders", sqlite3_column_int64(st, 3),
	    err)) ||
	    (rc = crm_money_set(r, "cost", cost, e, err)) ||
	    (rc = crm_money_set(r, "revenue", revenue, e, err)) ||
	    (rc = crm_money_set(r, "net", net, e, err)) ||
	    (rc = crm_rec_set_ratio(r, "effectiveness", revenue, cost, 2,
	    err)))
		return rc;
	return crm_report_row(rep, r, err);
}

int
crm_report_promotions_write(crm_db *db, const char *from, const char *to,
    crm_report *rep, crm_err *err)
{
	static const char sql[] =
	    "SELECT g.promo_id, g.currency, count(*),"
	    " count(DISTINCT g.order_id), sum(g.cost_minor),"
	    " sum(g.revenue_minor)"
	    " FROM promo_grants g JOIN orders o ON o.id = g.order_id"
	    " WHERE " CRM_SALE_SQL
	    " AND (?1 IS NULL OR o.order_date >= ?1)"
	    " AND (?2 IS NULL OR o.order_date <= ?2)"
	    " GROUP BY g.promo_id, g.currency ORDER BY 1, 2";
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc, step = SQLITE_DONE;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		goto out;
	if (from != NULL)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to != NULL)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = promotion_row(st, r, rep, err);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "promo_grants", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
