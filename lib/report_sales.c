/*
 * report_sales.c - sales by dimensions and period: the cube of quantity
 * and amount per (dimensions, currency, period), filled from order lines
 * aggregated by SQL or from a stream of sale records, then written with
 * every period of the range for every combination that sold in it, the
 * same period a year before, the period before and the share of the
 * period's total.
 */
#include "internal.h"
#include "report_internal.h"
#include "strmap.h"

#include "crm/report.h"

#define MAX_DIMS 7

/* A dimension: its column in the database query and the fields of a
 * sale record that hold it, in order of preference. */
static const struct dim {
	const char *name;
	const char *sql;
	const char *fields[2];
} dims[MAX_DIMS] = {
	{ "product", "l.sku", { "sku", "product" } },
	{ "segment", "p.segment", { "segment", NULL } },
	{ "category", "p.category", { "category", NULL } },
	{ "region", "o.region", { "region", NULL } },
	{ "channel", "o.channel", { "channel", NULL } },
	{ "rep", "o.rep_id", { "rep", "rep_id" } },
	{ "customer", "o.customer_id", { "customer", "customer_id" } },
};

static const char *const measures[] = { "qty", "amount", "qty_ly",
	"amount_ly", "yoy_pct", "amount_prev", "pop_pct", "share_pct" };

/* Rates are percentages with this many decimals. */
#define PCT_DECIMALS 1

/* One combination of the dimensions' values (NULL for null) and the
 * currency, the last of vals. */
struct combo {
	char *vals[MAX_DIMS + 1];
	size_t n;
	int active;
};

struct cell {
	size_t combo;
	char period[CRM_DATE_BUFSZ];
	int64_t qty, amount;
};

struct crm_sales {
	size_t dim[MAX_DIMS], ndims;
	crm_period period;
	int has_from, has_to;
	int32_t from, to;
	const char *columns[MAX_DIMS + 2 + ARRAY_LEN(measures)];
	size_t ncolumns;
	struct combo *combos;
	size_t ncombos, ccombos;
	crm_strmap *combo_ix;		/* encoded values -> index + 1 */
	struct cell *cells;
	size_t ncells, ccells;
	crm_strmap *cell_ix;		/* "combo|period" -> index + 1 */
	int any;
	int32_t first, last;		/* days of the first and last sale */
	crm_buf key;
};

static int
parse_dims(crm_sales *s, const char *list, crm_err *err)
{
	const char *p = list, *end;
	size_t len, i, k;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < MAX_DIMS; i++)
			if (strlen(dims[i].name) == len &&
			    memcmp(dims[i].name, p, len) == 0)
				break;
		if (i == MAX_DIMS)
			return crm_err_set(err, CRM_EUSAGE, "--by: unknown "
			    "dimension \"%.*s\" (product, segment, category, "
			    "region, channel, rep, customer)", (int)len, p);
		for (k = 0; k < s->ndims; k++)
			if (s->dim[k] == i)
				return crm_err_set(err, CRM_EUSAGE, "--by: %s "
				    "given twice", dims[i].name);
		s->dim[s->ndims++] = i;
		p = end != NULL ? end + 1 : NULL;
	}
	return CRM_OK;
}

static int
day_opt(const char *s, int *has, int32_t *day, crm_err *err)
{
	*has = s != NULL;
	if (s == NULL)
		return CRM_OK;
	if (crm_date_parse(s, strlen(s), day, err) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "not a date (YYYY-MM-DD): "
		    "%s", s);
	return CRM_OK;
}

int
crm_sales_new(const char *by, crm_period period, const char *from,
    const char *to, crm_sales **sp, crm_err *err)
{
	crm_sales *s;
	size_t i;
	int rc;

	*sp = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return crm_err_nomem(err);
	s->period = period;
	if ((rc = parse_dims(s, by, err)) != CRM_OK ||
	    (rc = day_opt(from, &s->has_from, &s->from, err)) != CRM_OK ||
	    (rc = day_opt(to, &s->has_to, &s->to, err)) != CRM_OK)
		goto out;
	for (i = 0; i < s->ndims; i++)
		s->columns[s->ncolumns++] = dims[s->dim[i]].name;
	s->columns[s->ncolumns++] = "currency";
	s->columns[s->ncolumns++] = "period";
	for (i = 0; i < ARRAY_LEN(measures); i++)
		s->columns[s->ncolumns++] = measures[i];
	if ((s->combo_ix = crm_strmap_new(sizeof(size_t))) == NULL ||
	    (s->cell_ix = crm_strmap_new(sizeof(size_t))) == NULL)
		rc = crm_err_nomem(err);
out:
	if (rc != CRM_OK)
		crm_sales_free(s);
	else
		*sp = s;
	return rc;
}

void
crm_sales_free(crm_sales *s)
{
	size_t i, k;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncombos; i++)
		for (k = 0; k < s->combos[i].n; k++)
			free(s->combos[i].vals[k]);
	free(s->combos);
	free(s->cells);
	crm_strmap_free(s->combo_ix);
	crm_strmap_free(s->cell_ix);
	crm_buf_free(&s->key);
	free(s);
}

const char *const *
crm_sales_columns(const crm_sales *s, size_t *n, size_t *nkeys)
{
	*n = s->ncolumns;
	*nkeys = s->ndims + 2;
	return s->columns;
}

/* The index of the combination of vals[0..n), added when new: its key
 * is each value as "N" (null) or "LENGTH:BYTES", so no two differ only
 * in where one value ends. */
static int
combo_of(crm_sales *s, const char *const *vals, size_t n, size_t *ix,
    crm_err *err)
{
	struct combo *c;
	size_t i, *slot;
	int added, rc = CRM_OK;

	crm_buf_reset(&s->key);
	for (i = 0; rc == CRM_OK && i < n; i++)
		rc = vals[i] == NULL ? crm_buf_addc(&s->key, 'N') :
		    crm_buf_printf(&s->key, "%zu:%s", strlen(vals[i]),
		    vals[i]);
	if (rc != CRM_OK || (slot = crm_strmap_put(s->combo_ix, s->key.data,
	    &added)) == NULL)
		return crm_err_nomem(err);
	if (!added) {
		*ix = *slot - 1;
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&s->combos, &s->ccombos, s->ncombos,
	    sizeof(*s->combos), err)) != CRM_OK)
		return rc;
	c = &s->combos[s->ncombos];
	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++) {
		if (vals[i] != NULL && (c->vals[i] = strdup(vals[i])) == NULL) {
			while (i-- > 0)
				free(c->vals[i]);
			return crm_err_nomem(err);
		}
	}
	c->n = n;
	*ix = s->ncombos++;
	*slot = *ix + 1;
	return CRM_OK;
}

/* Add qty and amount to the cell of vals[0..ndims] (the currency last)
 * and period. */
static int
add_cell(crm_sales *s, const char *const *vals, const char *period,
    int64_t qty, int64_t amount, crm_err *err)
{
	struct cell *c;
	size_t combo = 0, *slot;
	int added, rc;

	if (strlen(period) >= CRM_DATE_BUFSZ)
		return crm_err_set(err, CRM_EDATA, "period: not a period "
		    "key: %s", period);
	if ((rc = combo_of(s, vals, s->ndims + 1, &combo, err)) != CRM_OK)
		return rc;
	crm_buf_reset(&s->key);
	if (crm_buf_printf(&s->key, "%zu|%s", combo, period) != CRM_OK)
		return crm_err_nomem(err);
	if ((slot = crm_strmap_get(s->cell_ix, s->key.data)) == NULL) {
		if ((rc = crm_array_grow(&s->cells, &s->ccells, s->ncells,
		    sizeof(*s->cells), err)) != CRM_OK)
			return rc;
		if ((slot = crm_strmap_put(s->cell_ix, s->key.data,
		    &added)) == NULL)
			return crm_err_nomem(err);
		c = &s->cells[s->ncells];
		memset(c, 0, sizeof(*c));
		c->combo = combo;
		snprintf(c->period, sizeof(c->period), "%s", period);
		*slot = ++s->ncells;
	}
	c = &s->cells[*slot - 1];
	if (crm_money_add(c->qty, qty, &c->qty, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "qty: out of range");
	return crm_money_add(c->amount, amount, &c->amount, err);
}

static void
saw_day(crm_sales *s, int32_t day)
{
	if (!s->any || day < s->first)
		s->first = day;
	if (!s->any || day > s->last)
		s->last = day;
	s->any = 1;
}

/* The text of a dimension's field: a string or a number; NULL when the
 * record has none of its fields or they are null. */
static int
dim_value(const crm_rec *r, const struct dim *d, const char **v,
    crm_err *err)
{
	size_t f;
	long i;

	*v = NULL;
	for (f = 0; f < ARRAY_LEN(d->fields) && d->fields[f] != NULL; f++) {
		if ((i = crm_rec_find(r, d->fields[f])) < 0 ||
		    crm_rec_type(r, (size_t)i) == CRM_NULL)
			continue;
		if (crm_rec_type(r, (size_t)i) != CRM_STRING &&
		    crm_rec_type(r, (size_t)i) != CRM_NUMBER)
			return crm_rec_fail(r, err, CRM_EDATA, d->fields[f],
			    "not a string");
		*v = crm_rec_text(r, (size_t)i, NULL);
		return CRM_OK;
	}
	return CRM_OK;
}

static int
sale_day(const crm_rec *r, int32_t *day, crm_err *err)
{
	const char *s = crm_rec_get(r, "order_date");
	int64_t ms;
	crm_err e;

	if (s == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "order_date",
		    "missing");
	if (strlen(s) == 10 && crm_date_parse(s, 10, day, &e) == CRM_OK)
		return CRM_OK;
	if (strlen(s) > 10 && crm_time_parse(s, strlen(s), &ms, &e) ==
	    CRM_OK) {
		*day = crm_time_date(ms);
		return CRM_OK;
	}
	return crm_rec_fail(r, err, CRM_EDATA, "order_date", "not a date "
	    "or an RFC 3339 time: %s", s);
}

int
crm_sales_add(crm_sales *s, const crm_rec *r, crm_err *err)
{
	const char *vals[MAX_DIMS + 1];
	char currency[8], period[CRM_DATE_BUFSZ];
	int64_t qty, amount;
	int32_t day;
	int exponent, rc;
	size_t i;
	crm_err e;

	if ((rc = sale_day(r, &day, err)) != CRM_OK)
		return rc;
	rc = crm_rec_copy_str(r, "currency", currency, sizeof(currency), err);
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "missing");
	if (rc != CRM_OK)
		return rc;
	if (crm_currency_exponent(currency, &exponent, &e) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "unknown "
		    "code %s", currency);
	rc = crm_rec_get_int(r, "qty", -1000000000000000LL,
	    1000000000000000LL, &qty, err);
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "missing");
	if (rc != CRM_OK)
		return rc;
	rc = crm_money_get(r, "amount", exponent, &amount, err);
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "amount", "missing");
	if (rc != CRM_OK)
		return rc;
	for (i = 0; i < s->ndims; i++)
		if ((rc = dim_value(r, &dims[s->dim[i]], &vals[i], err)) !=
		    CRM_OK)
			return rc;
	vals[s->ndims] = currency;
	crm_date_bucket(day, s->period, period);
	if ((rc = add_cell(s, vals, period, qty, amount, &e)) != CRM_OK)
		return crm_rec_fail(r, err, rc, NULL, "%s", e.msg);
	saw_day(s, day);
	return CRM_OK;
}

/*
 * The database: order lines of orders that are sales, summed per
 * dimensions, currency and period by SQLite.
 */

/* ISO week key of the date (or instant) in argv[0]; NULL for anything
 * else.  Registered as crm_iso_week() for the query of weekly sales. */
static void
iso_week_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char buf[CRM_DATE_BUFSZ];
	int32_t day;
	crm_err e;

	(void)argc;
	if (s == NULL || sqlite3_value_bytes(argv[0]) < 10 ||
	    crm_date_parse(s, 10, &day, &e) != CRM_OK) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, crm_date_bucket(day, CRM_PERIOD_WEEK, buf),
	    -1, SQLITE_TRANSIENT);
}

/* The period key of o.order_date in SQL, per crm_period. */
static const char *const period_sql[] = {
	"substr(o.order_date, 1, 10)",
	"crm_iso_week(o.order_date)",
	"substr(o.order_date, 1, 7)",
	("substr(o.order_date, 1, 5) || 'Q' ||"
	" ((CAST(substr(o.order_date, 6, 2) AS INTEGER) + 2) / 3)"),
	"substr(o.order_date, 1, 4)",
};

#define SALE_SQL CRM_SALE_SQL

const char *
crm_sales_dim_sql(const char *name)
{
	size_t i;

	for (i = 0; i < MAX_DIMS; i++)
		if (strcmp(dims[i].name, name) == 0)
			return dims[i].sql;
	return NULL;
}

const char *
crm_sales_condition(void)
{
	return SALE_SQL;
}

static const char first_sql[] =
	"SELECT substr(o.order_date, 1, 10) FROM orders o WHERE " SALE_SQL
	" AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"
	" ORDER BY o.order_date LIMIT 1";
static const char last_sql[] =
	"SELECT substr(o.order_date, 1, 10) FROM orders o WHERE " SALE_SQL
	" AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"
	" ORDER BY o.order_date DESC LIMIT 1";

/* The day of the first (last) sale in the database into s. */
static int
read_bounds(crm_sales *s, crm_db *db, crm_err *err)
{
	const char *const sql[] = { first_sql, last_sql };
	sqlite3_stmt *st = NULL;
	const char *text;
	int32_t day;
	size_t i;
	int rc = CRM_OK, step;

	for (i = 0; rc == CRM_OK && i < ARRAY_LEN(sql); i++) {
		if ((rc = crm_db_prepare(db, sql[i], &st, err)) != CRM_OK)
			break;
		step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			text = (const char *)sqlite3_column_text(st, 0);
			if (text == NULL || crm_date_parse(text, strlen(text),
			    &day, err) != CRM_OK)
				rc = crm_err_set(err, CRM_EDATA, "orders: "
				    "order_date: not a date: %s",
				    text != NULL ? text : "null");
			else
				saw_day(s, day);
		} else if (step != SQLITE_DONE) {
			rc = crm_db_fail(db, step, "orders", err);
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/* The query: dimensions, currency, period, qty, amount_minor between
 * the dates bound as ?1 (from, inclusive) and ?2 (before).  A GROUP BY
 * of the whole answer would sort every line (ten million lines: ten
 * seconds); instead orders are scanned in their storage order with
 * their lines and summed per order, which needs no sort, and add_cell
 * sums the orders.  The + keeps the date from choosing an index that
 * would give up that order.  With a dimension of the line (product,
 * segment, category) each line comes as it is. */
static int
build_query(const crm_sales *s, int lower, int upper, crm_buf *b)
{
	int rc = crm_buf_adds(b, "SELECT "), products = 0, lines = 0;
	size_t i;

	for (i = 0; rc == CRM_OK && i < s->ndims; i++) {
		rc = crm_buf_printf(b, "%s, ", dims[s->dim[i]].sql);
		lines |= dims[s->dim[i]].sql[0] != 'o';
		products |= dims[s->dim[i]].sql[0] == 'p';
	}
	if (rc == CRM_OK)
		rc = crm_buf_printf(b, "o.currency, %s, %s FROM orders o"
		    " CROSS JOIN order_lines l ON l.order_id = o.id%s"
		    " WHERE " SALE_SQL, period_sql[s->period], lines ?
		    "l.qty, l.amount_minor" :
		    "sum(l.qty), sum(l.amount_minor)", products ?
		    " LEFT JOIN products p ON p.sku = l.sku" : "");
	if (rc == CRM_OK && lower)
		rc = crm_buf_adds(b, " AND +o.order_date >= ?1");
	if (rc == CRM_OK && upper)
		rc = crm_buf_adds(b, " AND +o.order_date < ?2");
	if (rc == CRM_OK && !lines)
		rc = crm_buf_adds(b, " GROUP BY o.rowid");
	return rc;
}

/* Sales between the first day of the first period shown, a year and a
 * period before it (for the year-ago and previous figures), and the
 * last day of the last period shown; a bound not given is open. */
static int
window(const crm_sales *s, char *lower, char *upper, crm_err *err)
{
	int32_t first, last, floor;
	char key[CRM_DATE_BUFSZ];
	int rc;

	*lower = *upper = '\0';
	if (s->has_from) {
		crm_date_bucket(s->from, s->period, key);
		if ((rc = crm_period_parse(key, strlen(key), s->period,
		    &first, NULL, err)) != CRM_OK ||
		    (rc = crm_date_make(1, 1, 1, &floor, err)) != CRM_OK)
			return rc;
		/* A year and a week at most: week 53 of a 53-week year. */
		first = first - 372 > floor ? first - 372 : floor;
		crm_date_format(first, lower);
	}
	if (s->has_to) {
		crm_date_bucket(s->to, s->period, key);
		if ((rc = crm_period_parse(key, strlen(key), s->period, NULL,
		    &last, err)) != CRM_OK)
			return rc;
		crm_date_format(last + 1, upper);
	}
	return CRM_OK;
}

static int
read_rows(crm_sales *s, crm_db *db, sqlite3_stmt *st, crm_err *err)
{
	const char *vals[MAX_DIMS + 1], *period;
	size_t i, n = s->ndims;
	int rc = CRM_OK, step;

	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i <= n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, (int)i);
		period = (const char *)sqlite3_column_text(st, (int)n + 1);
		if (vals[n] == NULL || period == NULL)
			return crm_err_set(err, CRM_EDATA, "orders: an order "
			    "has no currency or an order_date that is not a "
			    "date");
		rc = add_cell(s, vals, period, sqlite3_column_int64(st,
		    (int)n + 2), sqlite3_column_int64(st, (int)n + 3), err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "order_lines", err);
	return rc;
}

int
crm_sales_read_db(crm_sales *s, crm_db *db, crm_err *err)
{
	char lower[CRM_DATE_BUFSZ], upper[CRM_DATE_BUFSZ];
	crm_buf sql = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = read_bounds(s, db, err)) != CRM_OK ||
	    (rc = window(s, lower, upper, err)) != CRM_OK)
		goto out;
	if (sqlite3_create_function_v2(crm_db_handle(db), "crm_iso_week", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, iso_week_fn, NULL,
	    NULL, NULL) != SQLITE_OK) {
		rc = crm_db_fail(db, SQLITE_ERROR, "crm_iso_week", err);
		goto out;
	}
	if (build_query(s, *lower != '\0', *upper != '\0', &sql) != CRM_OK ||
	    crm_buf_addc(&sql, '\0') != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_db_prepare(db, sql.data, &st, err)) != CRM_OK)
		goto out;
	if (*lower != '\0')
		sqlite3_bind_text(st, 1, lower, -1, SQLITE_STATIC);
	if (*upper != '\0')
		sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
	rc = read_rows(s, db, st, err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&sql);
	return rc;
}

/*
 * Writing: every period of the range for every combination that sold in
 * it.
 */

static int
cmp_val(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
cmp_combo(const void *pa, const void *pb)
{
	const struct combo *a = *(const struct combo *const *)pa;
	const struct combo *b = *(const struct combo *const *)pb;
	size_t i;
	int c;

	for (i = 0; i < a->n; i++)
		if ((c = cmp_val(a->vals[i], b->vals[i])) != 0)
			return c;
	return 0;
}

/* The cell of combination combo in period, or NULL. */
static const struct cell *
cell_at(crm_sales *s, size_t combo, const char *period)
{
	size_t *slot;

	crm_buf_reset(&s->key);
	if (crm_buf_printf(&s->key, "%zu|%s", combo, period) != CRM_OK)
		return NULL;
	slot = crm_strmap_get(s->cell_ix, s->key.data);
	return slot != NULL ? &s->cells[*slot - 1] : NULL;
}

struct range {
	char (*keys)[CRM_DATE_BUFSZ];	/* the periods shown, in order */
	size_t n, cap;
	char first[CRM_DATE_BUFSZ];	/* the period of the first sale */
	crm_strmap *totals;		/* "currency|period" -> int64_t */
};

/* The periods shown: those holding a day from --from (else the first
 * sale) to --to (else the last sale). */
static int
make_range(crm_sales *s, struct range *r, crm_err *err)
{
	char key[CRM_DATE_BUFSZ], last[CRM_DATE_BUFSZ];
	int rc;

	if (!s->any && (!s->has_from || !s->has_to))
		return CRM_OK;
	if (s->any)
		crm_date_bucket(s->first, s->period, r->first);
	crm_date_bucket(s->has_from ? s->from : s->first, s->period, key);
	crm_date_bucket(s->has_to ? s->to : s->last, s->period, last);
	while (strcmp(key, last) <= 0) {
		if ((rc = crm_array_grow(&r->keys, &r->cap, r->n,
		    sizeof(*r->keys), err)) != CRM_OK)
			return rc;
		memcpy(r->keys[r->n++], key, sizeof(key));
		if ((rc = crm_period_next(r->keys[r->n - 1], s->period, 1, key,
		    err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* Mark the combinations that sold in the range and sum each currency's
 * amount per period. */
static int
mark_active(crm_sales *s, struct range *r, crm_err *err)
{
	struct cell *c;
	int64_t *total;
	size_t i;
	int added, rc;

	if ((r->totals = crm_strmap_new(sizeof(int64_t))) == NULL)
		return crm_err_nomem(err);
	if (r->n == 0)
		return CRM_OK;
	for (i = 0; i < s->ncells; i++) {
		c = &s->cells[i];
		if (strcmp(c->period, r->keys[0]) < 0 ||
		    strcmp(c->period, r->keys[r->n - 1]) > 0)
			continue;
		s->combos[c->combo].active = 1;
		crm_buf_reset(&s->key);
		if (crm_buf_printf(&s->key, "%s|%s",
		    s->combos[c->combo].vals[s->ndims], c->period) != CRM_OK ||
		    (total = crm_strmap_put(r->totals, s->key.data, &added)) ==
		    NULL)
			return crm_err_nomem(err);
		if ((rc = crm_money_add(*total, c->amount, total, err)) !=
		    CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* Set the figures of combination ix, currency at exponent, in the
 * period key a year before (year = 1) or the period before (year = 0)
 * into row: the period's cell, zeros when it sold nothing, null when
 * there is no such period or it is before the first sale (nothing on
 * record to compare with).  *base gets the amount, *has whether there
 * is one. */
static int
set_before(crm_sales *s, const struct range *r, size_t ix,
    const char *period, int year, int exponent, crm_rec *row,
    int64_t *base, int *has, crm_err *err)
{
	char key[CRM_DATE_BUFSZ];
	const struct cell *c;
	int rc;

	*has = 0;
	*base = 0;
	rc = year ? crm_period_year_ago(period, s->period, key, err) :
	    crm_period_next(period, s->period, -1, key, err);
	if (rc == CRM_OK && strcmp(key, r->first) >= 0) {
		*has = 1;
		c = cell_at(s, ix, key);
		*base = c != NULL ? c->amount : 0;
		if (year)
			rc = crm_rec_set_int(row, "qty_ly", c != NULL ?
			    c->qty : 0, err);
		if (rc == CRM_OK)
			rc = crm_money_set(row, year ? "amount_ly" :
			    "amount_prev", *base, exponent, err);
		return rc;
	}
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	if (year && (rc = crm_rec_set_null(row, "qty_ly", err)) != CRM_OK)
		return rc;
	return crm_rec_set_null(row, year ? "amount_ly" : "amount_prev", err);
}

/* The change from base to now in percent of the base's size; null when
 * there is no base or it is 0. */
static int
set_change(crm_rec *row, const char *key, int64_t now, int64_t base,
    int has, crm_err *err)
{
	int64_t diff;

	if (!has || base == 0 || crm_money_sub(now, base, &diff, err) !=
	    CRM_OK)
		return crm_rec_set_null(row, key, err);
	return crm_rec_set_percent(row, key, diff, base < 0 ? -base : base,
	    PCT_DECIMALS, err);
}

static int
write_row(crm_sales *s, const struct range *r, size_t ix,
    const char *period, crm_rec *row, crm_report *rep, crm_err *err)
{
	const struct combo *c = &s->combos[ix];
	const char *currency = c->vals[s->ndims];
	const struct cell *cell = cell_at(s, ix, period);
	int64_t qty = cell != NULL ? cell->qty : 0;
	int64_t amount = cell != NULL ? cell->amount : 0, ly, prev;
	const int64_t *total;
	int exponent, has_ly, has_prev, rc = CRM_OK;
	size_t i;

	if ((rc = crm_currency_exponent(currency, &exponent, err)) != CRM_OK)
		return rc;
	crm_rec_clear(row);
	for (i = 0; rc == CRM_OK && i < s->ndims; i++)
		rc = c->vals[i] == NULL ? crm_rec_set_null(row,
		    s->columns[i], err) : crm_rec_set_str(row, s->columns[i],
		    c->vals[i], strlen(c->vals[i]), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(row, "currency", currency,
		    strlen(currency), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(row, "period", period, strlen(period),
		    err);
	if (rc == CRM_OK)
		rc = crm_rec_set_int(row, "qty", qty, err);
	if (rc == CRM_OK)
		rc = crm_money_set(row, "amount", amount, exponent, err);
	if (rc == CRM_OK)
		rc = set_before(s, r, ix, period, 1, exponent, row, &ly,
		    &has_ly, err);
	if (rc == CRM_OK)
		rc = set_change(row, "yoy_pct", amount, ly, has_ly, err);
	if (rc == CRM_OK)
		rc = set_before(s, r, ix, period, 0, exponent, row, &prev,
		    &has_prev, err);
	if (rc == CRM_OK)
		rc = set_change(row, "pop_pct", amount, prev, has_prev, err);
	if (rc != CRM_OK)
		return rc;
	crm_buf_reset(&s->key);
	if (crm_buf_printf(&s->key, "%s|%s", currency, period) != CRM_OK)
		return crm_err_nomem(err);
	total = crm_strmap_get(r->totals, s->key.data);
	if ((rc = crm_rec_set_percent(row, "share_pct", amount,
	    total != NULL ? *total : 0, PCT_DECIMALS, err)) != CRM_OK)
		return rc;
	return crm_report_row(rep, row, err);
}

int
crm_sales_write(crm_sales *s, crm_report *rep, crm_err *err)
{
	struct range r = { NULL, 0, 0, "", NULL };
	struct combo **order = NULL;
	crm_rec *row = crm_rec_new();
	size_t i, k;
	int rc;

	if (row == NULL)
		return crm_err_nomem(err);
	if ((rc = make_range(s, &r, err)) != CRM_OK ||
	    (rc = mark_active(s, &r, err)) != CRM_OK)
		goto out;
	if (s->ncombos > 0 &&
	    (order = malloc(s->ncombos * sizeof(*order))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < s->ncombos; i++)
		order[i] = &s->combos[i];
	if (s->ncombos > 0)
		qsort(order, s->ncombos, sizeof(*order), cmp_combo);
	for (i = 0; rc == CRM_OK && i < s->ncombos; i++) {
		if (!order[i]->active)
			continue;
		for (k = 0; rc == CRM_OK && k < r.n; k++)
			rc = write_row(s, &r, (size_t)(order[i] - s->combos),
			    r.keys[k], row, rep, err);
	}
out:
	free(order);
	free(r.keys);
	crm_strmap_free(r.totals);
	crm_rec_free(row);
	return rc;
}
