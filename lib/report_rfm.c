/*
 * report_rfm.c - customer value: the orders of each customer and
 * currency reduced to recency, frequency and money; quintile scores,
 * the segment of the R and F scores, and the lapsed and loyal flags
 * that the rfm and value-matrix reports share (report_value.c writes
 * them).
 */
#include "internal.h"
#include "report_rfm.h"

/* Customer and currency as one map key. */
static int
cust_key(const char *id, const char *currency, crm_buf *b, crm_err *err)
{
	crm_buf_reset(b);
	if (crm_buf_adds(b, id) != CRM_OK || crm_buf_addc(b, '\x1f') !=
	    CRM_OK || crm_buf_adds(b, currency) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

int
crm_custval_new(const crm_custval_opts *o, crm_custval **cvp, crm_err *err)
{
	crm_custval *cv;

	*cvp = NULL;
	if ((cv = calloc(1, sizeof(*cv))) == NULL)
		return crm_err_nomem(err);
	cv->o = *o;
	if ((cv->index = crm_strmap_new(sizeof(size_t))) == NULL ||
	    (cv->order_ids = crm_strmap_new(1)) == NULL) {
		crm_custval_free(cv);
		return crm_err_nomem(err);
	}
	*cvp = cv;
	return CRM_OK;
}

void
crm_custval_free(crm_custval *cv)
{
	size_t i;

	if (cv == NULL)
		return;
	for (i = 0; i < cv->ncusts; i++)
		free(cv->custs[i].id);
	free(cv->custs);
	free(cv->orders);
	free(cv->rows);
	crm_strmap_free(cv->index);
	crm_strmap_free(cv->order_ids);
	crm_buf_free(&cv->key);
	free(cv);
}

/* Add one order of a customer in a currency; orders outside the days
 * asked are left out. */
static int
add_order(crm_custval *cv, const char *id, const char *currency,
    int32_t day, int64_t amount, int is_return, crm_err *err)
{
	struct cv_cust *c;
	struct cv_order *o;
	size_t *at;
	int rc, added, exponent;

	if (day > cv->o.as_of || day < cv->o.from || day > cv->o.to)
		return CRM_OK;
	if ((rc = crm_currency_exponent(currency, &exponent, err)) != CRM_OK ||
	    (rc = cust_key(id, currency, &cv->key, err)) != CRM_OK)
		return rc;
	if ((at = crm_strmap_put(cv->index, cv->key.data, &added)) == NULL)
		return crm_err_nomem(err);
	if (added) {
		if ((rc = crm_array_grow(&cv->custs, &cv->capcusts,
		    cv->ncusts, sizeof(*cv->custs), err)) != CRM_OK)
			return rc;
		c = &cv->custs[cv->ncusts];
		memset(c, 0, sizeof(*c));
		if ((c->id = strdup(id)) == NULL)
			return crm_err_nomem(err);
		snprintf(c->currency, sizeof(c->currency), "%s", currency);
		c->exponent = exponent;
		*at = cv->ncusts++;
	}
	if ((rc = crm_array_grow(&cv->orders, &cv->caporders, cv->norders,
	    sizeof(*cv->orders), err)) != CRM_OK)
		return rc;
	o = &cv->orders[cv->norders++];
	o->cust = *at;
	o->day = day;
	o->amount = amount;
	o->is_return = is_return;
	return CRM_OK;
}

/* The order one record (a line) belongs to. */
struct line {
	char id[256], currency[8], kind[16], status[32];
	int32_t day;
	int64_t amount;
};

static int
read_line(const crm_rec *r, struct line *l, crm_err *err)
{
	int rc, exponent;

	if ((rc = crm_rec_need_str(r, "customer_id", l->id, sizeof(l->id),
	    err)) != CRM_OK ||
	    (rc = crm_rec_need_str(r, "currency", l->currency,
	    sizeof(l->currency), err)) != CRM_OK)
		return rc;
	if (crm_currency_exponent(l->currency, &exponent, err) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "unknown "
		    "code %s", l->currency);
	if ((rc = crm_date_get(r, "order_date", &l->day, err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "order_date",
		    "missing");
	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_money_get(r, "amount", exponent, &l->amount, err)) ==
	    CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "amount", "missing");
	if (rc != CRM_OK)
		return rc;
	l->kind[0] = l->status[0] = '\0';
	if ((rc = crm_rec_copy_str(r, "kind", l->kind, sizeof(l->kind),
	    err)) != CRM_OK && rc != CRM_END)
		return rc;
	if (l->kind[0] != '\0' && strcmp(l->kind, "sale") != 0 &&
	    strcmp(l->kind, "return") != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "%s is not sale "
		    "or return", l->kind);
	if ((rc = crm_rec_copy_str(r, "status", l->status, sizeof(l->status),
	    err)) != CRM_OK && rc != CRM_END)
		return rc;
	return CRM_OK;
}

/* Lines after the first must be of the same order. */
static int
same_order(const crm_rec *r, const struct line *first,
    const struct line *l, crm_err *err)
{
	const char *field = NULL;

	if (strcmp(first->id, l->id) != 0)
		field = "customer_id";
	else if (strcmp(first->currency, l->currency) != 0)
		field = "currency";
	else if (first->day != l->day)
		field = "order_date";
	else if (strcmp(first->kind, l->kind) != 0)
		field = "kind";
	else if (strcmp(first->status, l->status) != 0)
		field = "status";
	if (field != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, field, "differs from "
		    "the order's first line");
	return CRM_OK;
}

int
crm_custval_add(crm_custval *cv, crm_rec *const *recs, size_t n,
    crm_err *err)
{
	struct line first, l;
	const char *oid;
	int64_t total = 0;
	size_t i;
	int rc, is_return, added;

	if (n == 0)
		return CRM_OK;
	for (i = 0; i < n; i++) {
		if ((rc = read_line(recs[i], i == 0 ? &first : &l, err)) !=
		    CRM_OK)
			return rc;
		if (i > 0 && (rc = same_order(recs[i], &first, &l, err)) !=
		    CRM_OK)
			return rc;
		if ((rc = crm_money_add(total, i == 0 ? first.amount :
		    l.amount, &total, err)) != CRM_OK)
			return crm_rec_fail(recs[i], err, CRM_EDATA, "amount",
			    "order total out of range");
	}
	is_return = strcmp(first.kind, "return") == 0;
	if (!is_return && total < 0)
		return crm_rec_fail(recs[0], err, CRM_EDATA, "amount",
		    "negative: a return has kind return");
	if (is_return && total > 0)
		return crm_rec_fail(recs[0], err, CRM_EDATA, "amount",
		    "positive in a return");
	if ((oid = crm_rec_get(recs[0], "order_id")) != NULL) {
		if (crm_strmap_get(cv->order_ids, oid) != NULL)
			return crm_rec_fail(recs[0], err, CRM_EDATA,
			    "order_id", "%s: its lines are not together "
			    "(sort by order_id)", oid);
		if (crm_strmap_put(cv->order_ids, oid, &added) == NULL)
			return crm_err_nomem(err);
	}
	if (strcmp(first.status, "cancelled") == 0 ||
	    strcmp(first.status, "draft") == 0)
		return CRM_OK;
	return add_order(cv, first.id, first.currency, first.day, total,
	    is_return, err);
}

static const char load_sql[] =
	"SELECT customer_id, currency, order_date, total_minor,"
	" coalesce(kind, 'sale') = 'return'"
	" FROM orders o WHERE " CRM_SALE_SQL
	" AND order_date >= ?1 AND order_date <= ?2";

int
crm_custval_load(crm_custval *cv, crm_db *db, crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ];
	sqlite3_stmt *st = NULL;
	const char *id, *cur, *date;
	crm_err why;
	int32_t day;
	int rc, step;

	if ((rc = crm_db_prepare(db, load_sql, &st, err)) != CRM_OK)
		return rc;
	crm_date_format(cv->o.from, from);
	crm_date_format(cv->o.to < cv->o.as_of ? cv->o.to : cv->o.as_of, to);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		cur = (const char *)sqlite3_column_text(st, 1);
		date = (const char *)sqlite3_column_text(st, 2);
		if ((rc = crm_date_parse(date, strlen(date), &day, &why)) !=
		    CRM_OK || (rc = add_order(cv, id, cur, day,
		    sqlite3_column_int64(st, 3), sqlite3_column_int(st, 4),
		    &why)) != CRM_OK) {
			crm_err_set(err, rc, "order of %s on %s: %s", id, date,
			    why.msg);
			goto out;
		}
	}
	rc = step == SQLITE_DONE ? CRM_OK : crm_db_fail(db, step, "orders",
	    err);
out:
	sqlite3_finalize(st);
	return rc;
}

static int
order_cmp(const void *a, const void *b)
{
	const struct cv_order *x = a, *y = b;

	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	return (x->day > y->day) - (x->day < y->day);
}

/* Frequency, money, the last sale and the lapse threshold of the
 * customer of orders o[0..n) (sorted by day), gaps a scratch array. */
static int
reduce(crm_custval *cv, const struct cv_order *o, size_t n, int64_t *gaps,
    crm_err *err)
{
	struct cv_cust *c = &cv->custs[o[0].cust];
	size_t i, ngaps = 0;
	int64_t twice;
	int rc;

	for (i = 0; i < n; i++) {
		if ((rc = crm_money_add(c->monetary, o[i].amount,
		    &c->monetary, err)) != CRM_OK)
			return crm_err_set(err, rc, "customer %s: money out "
			    "of range", c->id);
		if (o[i].is_return)
			continue;
		if (c->nsales > 0 && o[i].day != c->last)
			gaps[ngaps++] = o[i].day - c->last;
		c->last = o[i].day;
		c->nsales++;
	}
	c->lapse_after = -1;
	if (c->nsales < (size_t)cv->o.regular)
		return CRM_OK;
	if (cv->o.lapsed_days > 0)
		c->lapse_after = cv->o.lapsed_days;
	else if (crm_median2(gaps, ngaps, &twice) == CRM_OK)
		c->lapse_after = twice;
	else
		c->lapse_after = CV_LAPSE_ONE_DAY;
	return CRM_OK;
}

/* One value of one customer, for ranking within its currency. */
struct ranked {
	const char *currency;
	int64_t v;
	size_t cust;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c = strcmp(x->currency, y->currency);

	if (c != 0)
		return c;
	return (x->v > y->v) - (x->v < y->v);
}

/* Score s of every row: ceil(5 * rank / n) where rank is 1 + the rows
 * of the currency with a smaller value (ties share the lowest rank, as
 * SQL's rank()) and n the rows of the currency. */
static void
score(crm_custval *cv, struct ranked *k, int s)
{
	size_t i, a, b, tie;

	for (i = 0; i < cv->nrows; i++) {
		k[i].cust = cv->rows[i];
		k[i].currency = cv->custs[cv->rows[i]].currency;
		k[i].v = s == 0 ? cv->custs[cv->rows[i]].last : s == 1 ?
		    (int64_t)cv->custs[cv->rows[i]].nsales :
		    cv->custs[cv->rows[i]].monetary;
	}
	qsort(k, cv->nrows, sizeof(*k), ranked_cmp);
	for (a = 0; a < cv->nrows; a = b) {
		for (b = a; b < cv->nrows &&
		    strcmp(k[b].currency, k[a].currency) == 0; b++)
			;
		for (i = a, tie = a; i < b; i++) {
			if (k[i].v != k[tie].v)
				tie = i;
			cv->custs[k[i].cust].score[s] = (int)((5 *
			    (tie - a + 1) + (b - a) - 1) / (b - a));
		}
	}
}

/* Rows in customer_id and currency order. */
struct row_key {
	const char *id, *currency;
	size_t cust;
};

static int
row_key_cmp(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : strcmp(x->currency, y->currency);
}

static int
rows_sort(crm_custval *cv, crm_err *err)
{
	struct row_key *k;
	size_t i;

	if ((k = calloc(cv->nrows + 1, sizeof(*k))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < cv->nrows; i++) {
		k[i].cust = cv->rows[i];
		k[i].id = cv->custs[cv->rows[i]].id;
		k[i].currency = cv->custs[cv->rows[i]].currency;
	}
	qsort(k, cv->nrows, sizeof(*k), row_key_cmp);
	for (i = 0; i < cv->nrows; i++)
		cv->rows[i] = k[i].cust;
	free(k);
	return CRM_OK;
}

/* The loyalty point: the smallest k at which at least loyal_rate
 * percent of the rows with k or more sales have more than k. */
static void
loyalty_point(crm_custval *cv, size_t *at_least, size_t most)
{
	size_t i, k;

	memset(at_least, 0, (most + 2) * sizeof(*at_least));
	for (i = 0; i < cv->nrows; i++)
		for (k = 1; k <= cv->custs[cv->rows[i]].nsales; k++)
			at_least[k]++;
	cv->loyal_point = 0;
	for (k = 1; k <= most; k++)
		if (100 * (uint64_t)at_least[k + 1] >=
		    (uint64_t)cv->o.loyal_rate * at_least[k]) {
			cv->loyal_point = k;
			break;
		}
}

int
custval_finish(crm_custval *cv, crm_err *err)
{
	struct ranked *k = NULL;
	int64_t *gaps = NULL;
	size_t *at_least = NULL, a, b, most = 0;
	int rc = CRM_OK, s;

	if (cv->done)
		return CRM_OK;
	if (cv->norders > 0)
		qsort(cv->orders, cv->norders, sizeof(*cv->orders),
		    order_cmp);
	if ((gaps = calloc(cv->norders + 1, sizeof(*gaps))) == NULL ||
	    (cv->rows = calloc(cv->ncusts + 1, sizeof(*cv->rows))) == NULL ||
	    (k = calloc(cv->ncusts + 1, sizeof(*k))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (a = 0; a < cv->norders; a = b) {
		for (b = a; b < cv->norders &&
		    cv->orders[b].cust == cv->orders[a].cust; b++)
			;
		if ((rc = reduce(cv, cv->orders + a, b - a, gaps, err)) !=
		    CRM_OK)
			goto out;
		if (cv->custs[cv->orders[a].cust].nsales == 0)
			continue;
		cv->rows[cv->nrows++] = cv->orders[a].cust;
		if (cv->custs[cv->orders[a].cust].nsales > most)
			most = cv->custs[cv->orders[a].cust].nsales;
	}
	if ((rc = rows_sort(cv, err)) != CRM_OK)
		goto out;
	for (s = 0; s < 3; s++)
		score(cv, k, s);
	if ((at_least = calloc(most + 2, sizeof(*at_least))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	loyalty_point(cv, at_least, most);
	cv->done = 1;
out:
	free(at_least);
	free(k);
	free(gaps);
	return rc;
}
