/*
 * order_create.c - orders from records: the header and the lines read
 * and checked, priced, promoted, credit-checked, coded and written.
 */
#include "internal.h"
#include "order_internal.h"

#include <errno.h>

/* Header fields an order record may carry; in the one-record-per-line
 * form every record may repeat them, and they must agree. */
static const char *const header_fields[] = {
	"customer_id", "order_date", "requested_week", "plant", "currency",
	"purchase_ref", "rep_id", "channel", "region", "kind",
	"original_order_id", "location",
};

/* Fields of a line record that are not the order's. */
static const char *const line_fields[] = {
	"order_id", "line_no", "sku", "description", "colour", "options",
	"qty", "price", "discount",
};

/* What a run remembers of a customer: asked of the database once. */
struct customer {
	int found;
	char merged_into[128];
	char tier[64];
	char currency[8];
	int has_limit;
	int64_t credit_limit;
	int32_t since;
	int exposure_known;
	int64_t exposure;      /* owed and ordered, see credit_check */
};

int
crm_order_creator_new(crm_db *db, crm_catalog *cat, const crm_promos *promos,
    const crm_ordercode *codes, const crm_order_create_opts *opts,
    crm_order_creator **out, crm_err *err)
{
	crm_order_creator *cr;
	char at[CRM_DATE_BUFSZ];
	int rc;

	*out = NULL;
	if ((cr = calloc(1, sizeof(*cr))) == NULL)
		return crm_err_nomem(err);
	cr->db = db;
	cr->cat = cat;
	cr->promos = promos;
	cr->codes = codes;
	cr->opts = *opts;
	crm_time_format(opts->now, at);
	snprintf(cr->at, sizeof(cr->at), "%s", at);
	if ((cr->out_rec = crm_rec_new()) == NULL ||
	    (cr->customers = crm_strmap_new(sizeof(struct customer))) ==
	    NULL) {
		crm_order_creator_free(cr);
		return crm_err_nomem(err);
	}
	if (cat == NULL && (rc = crm_catalog_open(db, &cr->own_cat, err)) !=
	    CRM_OK) {
		crm_order_creator_free(cr);
		return rc;
	}
	if (cat == NULL)
		cr->cat = cr->own_cat;
	if (promos != NULL && (rc = crm_promo_result_new(&cr->applied,
	    err)) != CRM_OK) {
		crm_order_creator_free(cr);
		return rc;
	}
	if ((rc = crm_order_codes_begin(cr, err)) != CRM_OK) {
		crm_order_creator_free(cr);
		return rc;
	}
	*out = cr;
	return CRM_OK;
}

void
crm_order_creator_free(crm_order_creator *cr)
{
	if (cr == NULL)
		return;
	crm_order_codes_end(cr);
	crm_promo_result_free(cr->applied);
	for (size_t i = 0; i < cr->scratch_cap; i++)
		crm_rec_free(cr->scratch[i]);
	free(cr->scratch);
	free(cr->lines);
	crm_rec_free(cr->out_rec);
	crm_strmap_free(cr->customers);
	crm_catalog_free(cr->own_cat);
	free(cr);
}

const crm_order_create_counts *
crm_order_creator_counts(const crm_order_creator *cr)
{
	return &cr->counts;
}

int
crm_order_creator_finish(crm_order_creator *cr, crm_err *err)
{
	return crm_order_codes_flush(cr, err);
}

/* The header of the order from r; fields other records repeat must be
 * the same as the first's. */
static int
read_header(crm_rec *const *recs, size_t n, struct order *o, crm_err *err)
{
	const crm_rec *r = recs[0];
	const char *id, *v, *v0;
	size_t i, k;
	int rc;

	memset(o, 0, sizeof(*o));
	id = crm_rec_get(r, "lines") != NULL ? "id" : "order_id";
	if ((rc = crm_rec_copy_str(r, id, o->id, sizeof(o->id), err)) ==
	    CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, id, "missing");
	if (rc != CRM_OK)
		return rc;
	for (i = 1; i < n; i++)
		for (k = 0; k < ARRAY_LEN(header_fields); k++) {
			v = crm_rec_get(recs[i], header_fields[k]);
			v0 = crm_rec_get(r, header_fields[k]);
			if (v != NULL && (v0 == NULL || strcmp(v, v0) != 0))
				return crm_rec_fail(recs[i], err, CRM_EDATA,
				    header_fields[k], "%s differs from the "
				    "order's first line (%s)", v,
				    v0 != NULL ? v0 : "none");
		}
	if ((rc = crm_rec_copy_str(r, "customer_id", o->customer,
	    sizeof(o->customer), err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "customer_id", "missing");
	if (rc != CRM_OK)
		return rc;
	if ((rc = crm_date_get(r, "order_date", &o->day, err)) == CRM_END) {
		if ((rc = crm_today(&o->day, err)) != CRM_OK)
			return rc;
	} else if (rc != CRM_OK)
		return rc;
	crm_date_format(o->day, o->date);
	o->demand_day = o->day;
	if ((rc = crm_rec_copy_str(r, "requested_week", o->week,
	    sizeof(o->week), err)) == CRM_OK) {
		int32_t last;
		crm_err why;

		if (crm_period_parse(o->week, strlen(o->week), CRM_PERIOD_WEEK,
		    &o->demand_day, &last, &why) != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, "requested_week",
			    "%s", why.msg);
	} else if (rc != CRM_END)
		return rc;
	for (k = 0; k < ARRAY_LEN(o->text); k++) {
		static const char *const keys[] = { "plant", "purchase_ref",
		    "rep_id", "channel", "region", "kind",
		    "original_order_id", "location" };

		if ((rc = crm_rec_copy_str(r, keys[k], o->text[k],
		    sizeof(o->text[k]), err)) != CRM_OK && rc != CRM_END)
			return rc;
	}
	o->is_return = strcmp(o->text[ORDER_KIND], "return") == 0;
	if (o->text[ORDER_KIND][0] != '\0' &&
	    strcmp(o->text[ORDER_KIND], "sale") != 0 &&
	    strcmp(o->text[ORDER_KIND], "return") != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "%s is not sale "
		    "or return", o->text[ORDER_KIND]);
	if ((rc = crm_rec_copy_str(r, "currency", o->currency,
	    sizeof(o->currency), err)) != CRM_OK && rc != CRM_END)
		return rc;
	return CRM_OK;
}

/* A record of the customer as the order needs it. */
static const char customer_sql[] =
	"SELECT tier, credit_limit_minor, currency, merged_into,"
	" coalesce((SELECT min(order_date) FROM orders"
	"  WHERE customer_id = c.id), substr(created_at, 1, 10))"
	" FROM customers c WHERE id = ?1";

static int
customer_load(crm_order_creator *cr, const char *id, struct customer *c,
    crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	crm_err why;
	int rc;

	if ((rc = crm_db_stmt(cr->db, customer_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(cr->db, rc,
		    "customers", err);
	}
	c->found = 1;
	s = (const char *)sqlite3_column_text(st, 3);
	snprintf(c->merged_into, sizeof(c->merged_into), "%s", s ? s : "");
	s = (const char *)sqlite3_column_text(st, 0);
	snprintf(c->tier, sizeof(c->tier), "%s", s != NULL ? s : "");
	c->has_limit = sqlite3_column_type(st, 1) != SQLITE_NULL;
	c->credit_limit = sqlite3_column_int64(st, 1);
	s = (const char *)sqlite3_column_text(st, 2);
	snprintf(c->currency, sizeof(c->currency), "%s", s != NULL ? s : "");
	s = (const char *)sqlite3_column_text(st, 4);
	if (s == NULL || crm_date_parse(s, strlen(s), &c->since, &why) !=
	    CRM_OK)
		c->since = -1;
	sqlite3_reset(st);
	return CRM_OK;
}

static int
read_customer(crm_order_creator *cr, const crm_rec *r, struct order *o,
    crm_err *err)
{
	struct customer *c;
	int rc, added;

	if ((c = crm_strmap_put(cr->customers, o->customer, &added)) == NULL)
		return crm_err_nomem(err);
	if (added && (rc = customer_load(cr, o->customer, c, err)) != CRM_OK)
		return rc;
	if (!c->found)
		return crm_rec_fail(r, err, CRM_EDATA, "customer_id", "no such "
		    "customer %s", o->customer);
	if (c->merged_into[0] != '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "customer_id", "customer "
		    "%s was merged into %s", o->customer, c->merged_into);
	snprintf(o->tier, sizeof(o->tier), "%s", c->tier);
	o->has_limit = c->has_limit;
	o->credit_limit = c->credit_limit;
	if (o->currency[0] == '\0')
		snprintf(o->currency, sizeof(o->currency), "%s", c->currency);
	o->since = c->since;
	o->cust = c;
	return CRM_OK;
}

static const char exists_sql[] = "SELECT 1 FROM orders WHERE id = ?1";

/* 1 when the order exists already. */
static int
order_exists(crm_order_creator *cr, const char *id, int *exists,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(cr->db, exists_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	return crm_db_found(cr->db, st, "orders", exists, err);
}

/* Room for n lines. */
static int
reserve_lines(crm_order_creator *cr, size_t n, crm_err *err)
{
	struct line *l;
	size_t cap = cr->cap ? cr->cap : 16;

	if (n <= cr->cap)
		return CRM_OK;
	while (cap < n)
		cap *= 2;
	if ((l = realloc(cr->lines, cap * sizeof(*l))) == NULL)
		return crm_err_nomem(err);
	cr->lines = l;
	cr->cap = cap;
	return CRM_OK;
}

/* The line records: recs themselves, or the objects of the one
 * record's "lines" array parsed into cr's scratch records. */
static int
line_records(crm_order_creator *cr, crm_rec *const *recs, size_t n,
    crm_rec *const **lrecs, size_t *nl, crm_err *err)
{
	const crm_rec *r = recs[0];
	long i = crm_rec_find(r, "lines");
	const char *s;
	size_t len;
	int rc;

	if (i < 0) {
		*lrecs = recs;
		*nl = n;
		return CRM_OK;
	}
	if (n > 1 || crm_rec_type(r, (size_t)i) != CRM_ARRAY)
		return crm_rec_fail(r, err, CRM_EDATA, "lines", "not an array "
		    "of lines");
	s = crm_rec_text(r, (size_t)i, &len);
	if ((rc = crm_order_split_lines(cr, r, s, len, err)) != CRM_OK)
		return rc;
	*lrecs = cr->scratch;
	*nl = cr->nscratch;
	return CRM_OK;
}

/* A line's fields that are not about the product. */
static int
read_line_numbers(const crm_rec *r, const struct order *o, struct line *l,
    size_t i, int exponent, crm_err *err)
{
	const char *q = crm_rec_get(r, "qty");
	long k = crm_rec_find(r, "qty");
	char *end;
	long long v;
	int rc;

	if (q == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "missing");
	errno = 0;
	v = strtoll(q, &end, 10);
	if (crm_rec_type(r, (size_t)k) != CRM_NUMBER &&
	    crm_rec_type(r, (size_t)k) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "not a number");
	if (errno != 0 || *end != '\0' || end == q || v == 0 ||
	    v > 1000000000LL || v < -1000000000LL)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "%s is not a "
		    "whole number from 1 to 1000000000", q);
	/* A return takes goods back: its quantities are negative, as
	 * they are in the books. */
	if (v < 0 && !o->is_return)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "%s: negative "
		    "quantities are for returns (kind return)", q);
	if (v > 0 && o->is_return)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "%s: a return's "
		    "quantities are negative", q);
	l->qty = v;
	l->line_no = (long)i + 1;
	if ((rc = crm_money_get(r, "price", exponent, &l->unit, err)) ==
	    CRM_OK) {
		if (l->unit < 0)
			return crm_rec_fail(r, err, CRM_EDATA, "price",
			    "negative");
		l->priced = 1;
	} else if (rc != CRM_END)
		return rc;
	if ((rc = crm_money_get(r, "discount", exponent, &l->discount,
	    err)) == CRM_OK) {
		if (l->discount < 0)
			return crm_rec_fail(r, err, CRM_EDATA, "discount",
			    "negative");
		if (o->is_return && l->discount != 0)
			return crm_rec_fail(r, err, CRM_EDATA, "discount",
			    "a return has no discounts");
	} else if (rc != CRM_END)
		return rc;
	else
		l->discount = 0;
	return CRM_OK;
}

/* Options from an array of codes or a string of codes separated by "+",
 * "," or spaces, into "A+B" sorted and unique. */
static int
read_options(const crm_rec *r, struct line *l, crm_err *err)
{
	long i = crm_rec_find(r, "options");
	const char *s;
	size_t len;

	l->options[0] = '\0';
	if (i < 0 || (s = crm_rec_text(r, (size_t)i, &len)) == NULL)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING &&
	    crm_rec_type(r, (size_t)i) != CRM_ARRAY)
		return crm_rec_fail(r, err, CRM_EDATA, "options", "not a list "
		    "of option codes");
	return crm_order_options_norm(r, s, len,
	    crm_rec_type(r, (size_t)i) == CRM_ARRAY, l->options,
	    sizeof(l->options), err);
}

static int
read_line(crm_order_creator *cr, const crm_rec *r, struct order *o,
    struct line *l, size_t i, crm_err *err)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->rec = r;
	for (size_t k = 0; k < crm_rec_len(r); k++) {
		const char *key = crm_rec_key(r, k);
		size_t f;

		for (f = 0; f < ARRAY_LEN(line_fields); f++)
			if (strcmp(key, line_fields[f]) == 0)
				break;
		if (f < ARRAY_LEN(line_fields))
			continue;
		for (f = 0; f < ARRAY_LEN(header_fields); f++)
			if (strcmp(key, header_fields[f]) == 0)
				break;
		if (f == ARRAY_LEN(header_fields) && strcmp(key, "id") != 0 &&
		    strcmp(key, "lines") != 0)
			return crm_rec_fail(r, err, CRM_EDATA, key, "not a "
			    "field of an order line");
	}
	if ((rc = read_line_numbers(r, o, l, i, o->exponent, err)) != CRM_OK)
		return rc;
	if ((rc = crm_rec_copy_str(r, "sku", l->sku, sizeof(l->sku), err)) !=
	    CRM_OK && rc != CRM_END)
		return rc;
	if ((rc = crm_rec_copy_str(r, "colour", l->colour, sizeof(l->colour),
	    err)) != CRM_OK && rc != CRM_END)
		return rc;
	if ((rc = read_options(r, l, err)) != CRM_OK)
		return rc;
	/* With a sku, the description is only the customer's words. */
	l->description = crm_rec_get(r, "description");
	if (l->sku[0] == '\0' && l->description == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "missing (a line "
		    "needs a sku or a description)");
	return crm_order_line_product(cr, o, l, err);
}

/* Line amounts and the order's totals; tax on the net. */
static int
add_up(crm_order_creator *cr, struct order *o, crm_err *err)
{
	int64_t gross;
	size_t i;
	int rc;

	o->subtotal = o->discount = 0;
	for (i = 0; i < o->nlines; i++) {
		struct line *l = &cr->lines[i];

		if (__builtin_mul_overflow(l->unit, l->qty, &gross) ||
		    gross == INT64_MIN)
			return crm_rec_fail(l->rec, err, CRM_EDATA, "qty",
			    "amount out of range");
		if (gross >= 0 && l->discount > gross)
			return crm_rec_fail(l->rec, err, CRM_EDATA, "discount",
			    "more than the line's amount");
		l->amount = gross - l->discount;
		if ((rc = crm_money_add(o->subtotal, gross, &o->subtotal,
		    err)) != CRM_OK || (rc = crm_money_add(o->discount,
		    l->discount, &o->discount, err)) != CRM_OK)
			return crm_rec_fail(l->rec, err, CRM_EDATA, "price",
			    "%s", err->msg);
	}
	o->tax = 0;
	if (cr->opts.tax_rate != NULL && (rc = crm_money_percent(o->subtotal -
	    o->discount, cr->opts.tax_rate, strlen(cr->opts.tax_rate),
	    &o->tax, err)) != CRM_OK)
		return rc;
	if ((rc = crm_money_add(o->subtotal - o->discount, o->tax, &o->total,
	    err)) != CRM_OK)
		return crm_rec_fail(cr->lines[0].rec, err, CRM_EDATA, "price",
		    "%s", err->msg);
	return CRM_OK;
}

/* What the customer owes and has ordered but not been billed for. */
static const char exposure_sql[] =
	"SELECT coalesce((SELECT sum(i.amount_minor - coalesce((SELECT"
	"  sum(a.amount_minor) FROM payment_allocations a"
	"  WHERE a.invoice_id = i.id), 0)) FROM invoices i"
	"  WHERE i.customer_id = ?1 AND i.status = 'open'), 0)"
	" + coalesce((SELECT sum(o.total_minor - coalesce((SELECT"
	"  sum(i.amount_minor) FROM invoices i WHERE i.order_id = o.id), 0))"
	"  FROM orders o WHERE o.customer_id = ?1 AND o.status IN"
	"  ('confirmed', 'scheduled', 'partly_shipped', 'shipped',"
	"  'delivered')), 0)";

static int
credit_check(crm_order_creator *cr, struct order *o, crm_err *err)
{
	char a[CRM_MONEY_BUFSZ], b[CRM_MONEY_BUFSZ], c[CRM_MONEY_BUFSZ];
	sqlite3_stmt *st;
	int64_t open;
	int rc;

	if (!o->has_limit || o->total <= 0)
		return CRM_OK;
	if (!o->cust->exposure_known) {
		if ((rc = crm_db_stmt(cr->db, exposure_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, o->customer, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		o->cust->exposure = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return crm_db_fail(cr->db, rc, "orders", err);
		o->cust->exposure_known = 1;
	}
	open = o->cust->exposure;
	if (open <= o->credit_limit - o->total)
		return CRM_OK;
	if (cr->opts.hold_over_limit) {
		o->held = 1;
		return CRM_OK;
	}
	return crm_rec_fail(cr->lines[0].rec, err, CRM_EDATA, "customer_id",
	    "credit limit of %s is %s: open %s + this order %s is over it "
	    "(--hold keeps such orders as drafts for approval)", o->customer,
	    crm_money_format(o->credit_limit, o->exponent, a),
	    crm_money_format(open, o->exponent, b),
	    crm_money_format(o->total, o->exponent, c));
}

int
crm_order_create(crm_order_creator *cr, crm_rec *const *recs, size_t n,
    crm_out *out, crm_err *err)
{
	crm_rec *const *lrecs = NULL;
	struct order o;
	size_t i, nl = 0;
	int rc, exists = 0;

	if ((rc = read_header(recs, n, &o, err)) != CRM_OK ||
	    (rc = order_exists(cr, o.id, &exists, err)) != CRM_OK)
		return rc;
	if (exists) {
		if (cr->opts.skip_existing) {
			cr->counts.skipped++;
			return CRM_OK;
		}
		return crm_rec_fail(recs[0], err, CRM_EDATA,
		    crm_rec_get(recs[0], "lines") ? "id" : "order_id",
		    "order %s exists already", o.id);
	}
	if ((rc = read_customer(cr, recs[0], &o, err)) != CRM_OK ||
	    (rc = line_records(cr, recs, n, &lrecs, &nl, err)) != CRM_OK)
		return rc;
	if (nl == 0)
		return crm_rec_fail(recs[0], err, CRM_EDATA, "lines", "an order "
		    "needs at least one line");
	/* Room for the free lines promotions may add: one each at most. */
	if ((rc = crm_order_currency(recs[0], &o, err)) != CRM_OK ||
	    (rc = reserve_lines(cr, nl + (cr->promos != NULL ?
	    crm_promos_count(cr->promos) : 0), err)) != CRM_OK)
		return rc;
	for (i = 0; i < nl; i++)
		if ((rc = read_line(cr, lrecs[i], &o, &cr->lines[i], i, err)) !=
		    CRM_OK)
			return rc;
	o.nlines = nl;
	/* Amounts are checked before promotions see them, and added up
	 * again with what promotions gave. */
	if ((rc = add_up(cr, &o, err)) != CRM_OK ||
	    (rc = crm_order_promote(cr, &o, err)) != CRM_OK ||
	    (o.promoted && (rc = add_up(cr, &o, err)) != CRM_OK) ||
	    (rc = credit_check(cr, &o, err)) != CRM_OK ||
	    (rc = crm_order_assign_codes(cr, &o, err)) != CRM_OK ||
	    (rc = crm_order_write(cr, &o, err)) != CRM_OK)
		return rc;
	/* What the next order of the customer is checked against. */
	if (!cr->opts.draft && !o.held && o.cust->exposure_known)
		o.cust->exposure += o.total;
	if (o.cust->since < 0 || o.day < o.cust->since)
		o.cust->since = o.day;
	cr->counts.orders++;
	cr->counts.lines += o.nlines;
	cr->counts.held += o.held;
	return out != NULL ? crm_order_created_write(cr, &o, out, err) :
	    CRM_OK;
}
