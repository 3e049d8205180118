/*
 * receivables.c - what customers owe as of a date, aged by days past
 * due, with their credit balances.
 *
 * One pass over one query: the invoices and the payments of each
 * customer and currency come together, invoices first, so a summary row
 * is written when the next customer or currency starts and memory stays
 * the same whatever the number of invoices.
 */
#include "internal.h"

#include <errno.h>

#define MAX_BUCKETS (CRM_RECEIVABLES_MAX_EDGES + 2)
#define NAME_SZ 40

/* Longest edge: a hundred years past due. */
#define MAX_EDGE 36500

struct crm_receivables {
	int nedges;
	long edges[CRM_RECEIVABLES_MAX_EDGES];
	char names[MAX_BUCKETS][NAME_SZ];
	const char *summary[4 + MAX_BUCKETS + 3];
	size_t nsummary;
};

static const char *const detail_columns[] = {
	"customer_id", "invoice_id", "order_id", "currency", "issued_on",
	"due_on", "amount", "paid", "open", "days_past_due", "bucket"
};

static int
parse_edges(const char *s, struct crm_receivables *rv, crm_err *err)
{
	const char *p = s;
	char *end;
	long v;

	for (;;) {
		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || (*end != ',' && *end != '\0') || errno != 0 ||
		    v <= 0 || v > MAX_EDGE)
			return crm_err_set(err, CRM_EUSAGE, "buckets: not "
			    "whole numbers of days from 1 to %d separated by "
			    "commas: %.100s", MAX_EDGE, s);
		if (rv->nedges > 0 && v <= rv->edges[rv->nedges - 1])
			return crm_err_set(err, CRM_EUSAGE, "buckets: %ld does "
			    "not come after %ld: %.100s", v,
			    rv->edges[rv->nedges - 1], s);
		if (rv->nedges == CRM_RECEIVABLES_MAX_EDGES)
			return crm_err_set(err, CRM_EUSAGE, "buckets: more "
			    "than %d edges: %.100s", CRM_RECEIVABLES_MAX_EDGES,
			    s);
		rv->edges[rv->nedges++] = v;
		if (*end == '\0')
			return CRM_OK;
		p = end + 1;
	}
}

int
crm_receivables_new(const char *edges, crm_receivables **rvp,
    crm_err *err)
{
	struct crm_receivables *rv;
	int i, rc;

	*rvp = NULL;
	if ((rv = calloc(1, sizeof(*rv))) == NULL)
		return crm_err_nomem(err);
	if ((rc = parse_edges(edges != NULL ? edges : "30,60,90", rv, err)) !=
	    CRM_OK) {
		free(rv);
		return rc;
	}
	snprintf(rv->names[0], NAME_SZ, "current");
	for (i = 0; i < rv->nedges; i++)
		snprintf(rv->names[i + 1], NAME_SZ, "days_%ld_%ld",
		    i ? rv->edges[i - 1] + 1 : 1, rv->edges[i]);
	snprintf(rv->names[rv->nedges + 1], NAME_SZ, "days_over_%ld",
	    rv->edges[rv->nedges - 1]);
	rv->summary[rv->nsummary++] = "customer_id";
	rv->summary[rv->nsummary++] = "name";
	rv->summary[rv->nsummary++] = "currency";
	rv->summary[rv->nsummary++] = "invoices";
	for (i = 0; i < rv->nedges + 2; i++)
		rv->summary[rv->nsummary++] = rv->names[i];
	rv->summary[rv->nsummary++] = "open";
	rv->summary[rv->nsummary++] = "credit";
	rv->summary[rv->nsummary++] = "balance";
	*rvp = rv;
	return CRM_OK;
}

void
crm_receivables_free(crm_receivables *rv)
{
	free(rv);
}

const char *const *
crm_receivables_buckets(const crm_receivables *rv, size_t *n)
{
	*n = (size_t)rv->nedges + 2;
	return rv->summary + 4;
}

const char *const *
crm_receivables_columns(const crm_receivables *rv, int detail, size_t *n)
{
	if (detail) {
		*n = ARRAY_LEN(detail_columns);
		return detail_columns;
	}
	*n = rv->nsummary;
	return rv->summary;
}

/*
 * Columns: customer_id, currency, kind (0 invoice, 1 payment), id,
 * order_id, issued_on or received_on, due date, amount, what of it is
 * allocated as of ?1, the customer's name.  An allocation counts from
 * the later of its payment's and its invoice's dates.
 */
static const char rows_sql[] =
	"SELECT i.customer_id, i.currency, 0, i.id, i.order_id, i.issued_on,"
	" coalesce(i.due_on, i.issued_on) AS due, i.amount_minor,"
	" coalesce((SELECT sum(a.amount_minor) FROM payment_allocations a"
	"  JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = i.id"
	"  AND p.received_on <= ?1), 0),"
	" (SELECT name FROM customers WHERE id = i.customer_id)"
	" FROM invoices i WHERE i.issued_on <= ?1"
	" AND (?2 IS NULL OR i.customer_id = ?2)"
	" UNION ALL"
	" SELECT p.customer_id, p.currency, 1, p.id, NULL, p.received_on,"
	" p.received_on, p.amount_minor,"
	" coalesce((SELECT sum(a.amount_minor) FROM payment_allocations a"
	"  JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = p.id"
	"  AND i.issued_on <= ?1), 0),"
	" (SELECT name FROM customers WHERE id = p.customer_id)"
	" FROM payments p WHERE p.received_on <= ?1"
	" AND (?2 IS NULL OR p.customer_id = ?2)"
	" ORDER BY 1, 2, 3, 7, 6, 4";

/* The sums of one customer and currency. */
struct group {
	crm_buf customer, currency, name;
	int exponent;
	long invoices;
	int64_t buckets[MAX_BUCKETS], open, credit;
};

struct pass {
	crm_db *db;
	const crm_receivables *rv;
	const crm_receivables_query *q;
	int32_t as_of;
	crm_receivables_fn fn;
	void *ctx;
	crm_rec *r;
	struct group g;
};

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    crm_rec_set_null(r, key, err);
}

static int
same(const crm_buf *b, const unsigned char *s)
{
	return b->len > 0 && strcmp(b->data, (const char *)s) == 0;
}

static int
write_summary(struct pass *ps, crm_err *err)
{
	struct group *g = &ps->g;
	crm_rec *r = ps->r;
	int64_t balance;
	int i, rc;

	if (g->customer.len == 0 || (g->open == 0 && g->credit == 0))
		return CRM_OK;
	if ((rc = crm_money_sub(g->open, g->credit, &balance, err)) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "customer %.200s: balance "
		    "out of range", g->customer.data);
	crm_rec_clear(r);
	if ((rc = set_text(r, "customer_id", g->customer.data, err)) ||
	    (rc = set_text(r, "name", g->name.len ? g->name.data : NULL,
	    err)) || (rc = set_text(r, "currency", g->currency.data, err)) ||
	    (rc = crm_rec_set_int(r, "invoices", g->invoices, err)))
		return rc;
	for (i = 0; i < ps->rv->nedges + 2; i++)
		if ((rc = crm_money_set(r, ps->rv->names[i], g->buckets[i],
		    g->exponent, err)) != CRM_OK)
			return rc;
	if ((rc = crm_money_set(r, "open", g->open, g->exponent, err)) ||
	    (rc = crm_money_set(r, "credit", g->credit, g->exponent, err)) ||
	    (rc = crm_money_set(r, "balance", balance, g->exponent, err)))
		return rc;
	return ps->fn(ps->ctx, r, err);
}

static int
copy_text(crm_buf *b, sqlite3_stmt *st, int i, crm_err *err)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	crm_buf_reset(b);
	if (s != NULL && crm_buf_adds(b, s) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* A new customer or currency starts with this row. */
static int
start_group(struct pass *ps, sqlite3_stmt *st, crm_err *err)
{
	struct group *g = &ps->g;
	int rc;

	if (!ps->q->detail && (rc = write_summary(ps, err)) != CRM_OK)
		return rc;
	if ((rc = copy_text(&g->customer, st, 0, err)) != CRM_OK ||
	    (rc = copy_text(&g->currency, st, 1, err)) != CRM_OK ||
	    (rc = copy_text(&g->name, st, 9, err)) != CRM_OK)
		return rc;
	g->invoices = 0;
	memset(g->buckets, 0, sizeof(g->buckets));
	g->open = g->credit = 0;
	if ((rc = crm_currency_exponent(g->currency.data, &g->exponent,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "customer %.200s",
		    g->customer.data);
	return CRM_OK;
}

/* The bucket of an invoice days past due. */
static int
bucket_of(const crm_receivables *rv, int64_t days)
{
	int i;

	if (days <= 0)
		return 0;
	for (i = 0; i < rv->nedges; i++)
		if (days <= rv->edges[i])
			return i + 1;
	return rv->nedges + 1;
}

static int
write_detail(struct pass *ps, sqlite3_stmt *st, int64_t open, int64_t days,
    int bucket, crm_err *err)
{
	crm_rec *r = ps->r;
	int e = ps->g.exponent, rc;

	crm_rec_clear(r);
	if ((rc = set_text(r, "customer_id", ps->g.customer.data, err)) ||
	    (rc = set_text(r, "invoice_id", (const char *)
	    sqlite3_column_text(st, 3), err)) ||
	    (rc = set_text(r, "order_id", (const char *)
	    sqlite3_column_text(st, 4), err)) ||
	    (rc = set_text(r, "currency", ps->g.currency.data, err)) ||
	    (rc = set_text(r, "issued_on", (const char *)
	    sqlite3_column_text(st, 5), err)) ||
	    (rc = set_text(r, "due_on", (const char *)
	    sqlite3_column_text(st, 6), err)) ||
	    (rc = crm_money_set(r, "amount", sqlite3_column_int64(st, 7), e,
	    err)) || (rc = crm_money_set(r, "paid",
	    sqlite3_column_int64(st, 8), e, err)) ||
	    (rc = crm_money_set(r, "open", open, e, err)) ||
	    (rc = crm_rec_set_int(r, "days_past_due", days, err)) ||
	    (rc = set_text(r, "bucket", ps->rv->names[bucket], err)))
		return rc;
	return ps->fn(ps->ctx, r, err);
}

/* An invoice row: its open balance into its bucket. */
static int
add_invoice(struct pass *ps, sqlite3_stmt *st, int64_t open, crm_err *err)
{
	const char *due = (const char *)sqlite3_column_text(st, 6);
	struct group *g = &ps->g;
	int32_t day;
	int64_t days;
	int bucket, rc;

	if (crm_date_parse(due, strlen(due), &day, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "invoice %.200s: due_on: "
		    "not a date: %.40s", sqlite3_column_text(st, 3), due);
	days = (int64_t)ps->as_of - day;
	bucket = bucket_of(ps->rv, days);
	g->invoices++;
	if ((rc = crm_money_add(g->buckets[bucket], open, &g->buckets[bucket],
	    err)) != CRM_OK || (rc = crm_money_add(g->open, open, &g->open,
	    err)) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "customer %.200s: open "
		    "amounts out of range", g->customer.data);
	return ps->q->detail ? write_detail(ps, st, open, days, bucket, err) :
	    CRM_OK;
}

static int
add_row(struct pass *ps, sqlite3_stmt *st, crm_err *err)
{
	struct group *g = &ps->g;
	int64_t left;
	int rc;

	if ((!same(&g->customer, sqlite3_column_text(st, 0)) ||
	    !same(&g->currency, sqlite3_column_text(st, 1))) &&
	    (rc = start_group(ps, st, err)) != CRM_OK)
		return rc;
	if (crm_money_sub(sqlite3_column_int64(st, 7),
	    sqlite3_column_int64(st, 8), &left, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "%.200s: allocations out "
		    "of range", sqlite3_column_text(st, 3));
	if (left == 0)
		return CRM_OK;
	if (sqlite3_column_int(st, 2) == 0)
		return add_invoice(ps, st, left, err);
	if (crm_money_add(g->credit, left, &g->credit, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "customer %.200s: credit "
		    "out of range", g->customer.data);
	return CRM_OK;
}

static int
check_customer(crm_db *db, const char *id, crm_err *err)
{
	static const char sql[] = "SELECT 1 FROM customers WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_err_set(err, CRM_EDATA, "no such customer %.200s",
		    id);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(db, rc, "customers",
	    err);
}

int
crm_receivables_each(crm_db *db, const crm_receivables *rv,
    const crm_receivables_query *q, crm_receivables_fn fn, void *ctx,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	struct pass ps;
	int rc, step;

	memset(&ps, 0, sizeof(ps));
	ps.db = db;
	ps.rv = rv;
	ps.q = q;
	ps.fn = fn;
	ps.ctx = ctx;
	if (q->as_of == NULL)
		return crm_err_set(err, CRM_EDATA, "as_of: missing");
	if ((rc = crm_date_parse(q->as_of, strlen(q->as_of), &ps.as_of,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "as_of");
	if (q->customer != NULL &&
	    (rc = check_customer(db, q->customer, err)) != CRM_OK)
		return rc;
	if ((ps.r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, rows_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, q->as_of, -1, SQLITE_STATIC);
	if (q->customer != NULL)
		sqlite3_bind_text(st, 2, q->customer, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_row(&ps, st, err);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "invoices", err);
	if (rc == CRM_OK && !q->detail)
		rc = write_summary(&ps, err);
out:
	sqlite3_finalize(st);
	crm_rec_free(ps.r);
	crm_buf_free(&ps.g.customer);
	crm_buf_free(&ps.g.currency);
	crm_buf_free(&ps.g.name);
	return rc;
}

static int
write_row(void *out, crm_rec *row, crm_err *err)
{
	return crm_out_write(out, row, err);
}

int
crm_receivables_write(crm_db *db, const crm_receivables *rv,
    const crm_receivables_query *q, crm_out *out, crm_err *err)
{
	return crm_receivables_each(db, rv, q, write_row, out, err);
}
