/*
 * invoice.c - invoices of an order, per shipment or for everything not
 * invoiced yet.  A part of a line is round(A x q / Q) and the invoice
 * that completes the line takes what is left, so the invoices of a line
 * add up to its amount exactly; tax is split the same way over the
 * order's net amount.
 */
#include "internal.h"

static const char *const columns[] = {
	"id", "order_id", "shipment_id", "customer_id", "issued_on", "due_on",
	"amount", "tax", "currency", "status", "lines"
};

const char *const *
crm_invoice_columns(size_t *n)
{
	*n = ARRAY_LEN(columns);
	return columns;
}

struct bill_line {
	long line_no;
	int64_t qty, amount;            /* the order line's */
	int64_t done_qty, done_amount;  /* on invoices before this one */
	int64_t q, part;                /* on this invoice */
};

struct bill {
	char *order_id, *customer, *currency;
	int exponent;
	int64_t total, tax, lines_net;  /* the order's */
	int64_t done_tax, done_amount;  /* on invoices before this one */
	long ninvoices;
	struct bill_line *lines;
	size_t n, cap;
	int64_t net, inv_tax, amount;   /* this invoice's */
	char id[512], issued[CRM_DATE_BUFSZ], due[CRM_DATE_BUFSZ];
};

static void
bill_free(struct bill *b)
{
	free(b->order_id);
	free(b->customer);
	free(b->currency);
	free(b->lines);
}

static int
dup_column(sqlite3_stmt *st, int i, char **s, crm_err *err)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	if ((*s = strdup(v != NULL ? v : "")) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static const char order_sql[] =
	"SELECT status, coalesce(kind, 'sale'), customer_id, currency,"
	" total_minor, tax_minor,"
	" (SELECT count(*) FROM invoices WHERE order_id = o.id),"
	" (SELECT coalesce(sum(tax_minor), 0) FROM invoices"
	"  WHERE order_id = o.id),"
	" (SELECT coalesce(sum(amount_minor), 0) FROM invoices"
	"  WHERE order_id = o.id)"
	" FROM orders o WHERE id = ?1";

/* The order, if it may be invoiced. */
static int
load_order(crm_db *db, const char *id, struct bill *b, crm_err *err)
{
	char status[32], kind[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, order_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "no such order %.200s", id) : crm_db_fail(db, rc, "orders",
		    err);
	}
	snprintf(status, sizeof(status), "%s", sqlite3_column_text(st, 0));
	snprintf(kind, sizeof(kind), "%s", sqlite3_column_text(st, 1));
	b->total = sqlite3_column_int64(st, 4);
	b->tax = sqlite3_column_int64(st, 5);
	b->ninvoices = (long)sqlite3_column_int64(st, 6);
	b->done_tax = sqlite3_column_int64(st, 7);
	b->done_amount = sqlite3_column_int64(st, 8);
	if ((b->order_id = strdup(id)) == NULL)
		rc = crm_err_nomem(err);
	else if ((rc = dup_column(st, 2, &b->customer, err)) == CRM_OK)
		rc = dup_column(st, 3, &b->currency, err);
	sqlite3_reset(st);
	if (rc != CRM_OK)
		return rc;
	if (strcmp(kind, "return") == 0)
		return crm_err_set(err, CRM_EDATA, "order %.200s is a return: "
		    "returns are not invoiced", id);
	if (strcmp(status, "draft") == 0 || strcmp(status, "cancelled") == 0)
		return crm_err_set(err, CRM_EDATA, "order %.200s is %s: only "
		    "orders confirmed or further on are invoiced", id, status);
	if (b->tax < 0)
		return crm_err_set(err, CRM_EDATA, "order %.200s: tax below "
		    "zero", id);
	return crm_currency_exponent(b->currency, &b->exponent, err);
}

/* Each line with what invoices before this one billed of it. */
static const char lines_sql[] =
	"SELECT l.line_no, l.qty, l.amount_minor, coalesce(d.qty, 0),"
	" coalesce(d.amount, 0)"
	" FROM order_lines l LEFT JOIN (SELECT il.line_no AS line_no,"
	"  sum(il.qty) AS qty, sum(il.amount_minor) AS amount"
	"  FROM invoices i JOIN invoice_lines il ON il.invoice_id = i.id"
	"  AND il.order_id = i.order_id WHERE i.order_id = ?1"
	"  GROUP BY il.line_no) d ON d.line_no = l.line_no"
	" WHERE l.order_id = ?1 ORDER BY l.line_no";

static int
add_line(struct bill *b, sqlite3_stmt *st, crm_err *err)
{
	struct bill_line *l;
	size_t cap;

	if (b->n == b->cap) {
		cap = b->cap ? 2 * b->cap : 16;
		if ((l = realloc(b->lines, cap * sizeof(*l))) == NULL)
			return crm_err_nomem(err);
		b->lines = l;
		b->cap = cap;
	}
	l = &b->lines[b->n++];
	memset(l, 0, sizeof(*l));
	l->line_no = (long)sqlite3_column_int64(st, 0);
	l->qty = sqlite3_column_int64(st, 1);
	l->amount = sqlite3_column_int64(st, 2);
	l->done_qty = sqlite3_column_int64(st, 3);
	l->done_amount = sqlite3_column_int64(st, 4);
	if (l->qty <= 0 || l->amount < 0)
		return crm_err_set(err, CRM_EDATA, "order %.200s line %ld: "
		    "quantity %lld, amount %lld: only lines of a positive "
		    "quantity and an amount of zero or more are invoiced",
		    b->order_id, l->line_no, (long long)l->qty,
		    (long long)l->amount);
	return crm_money_add(b->lines_net, l->amount, &b->lines_net, err);
}

/* The lines, and the order's total checked against them. */
static int
load_lines(crm_db *db, struct bill *b, crm_err *err)
{
	char t[CRM_MONEY_BUFSZ], n[CRM_MONEY_BUFSZ], x[CRM_MONEY_BUFSZ];
	sqlite3_stmt *st;
	int64_t sum;
	int rc = CRM_OK, step;

	if ((rc = crm_db_stmt(db, lines_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, b->order_id, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_line(b, st, err);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "invoice_lines", err);
	sqlite3_reset(st);
	if (rc != CRM_OK)
		return rc;
	if (crm_money_add(b->lines_net, b->tax, &sum, err) != CRM_OK ||
	    sum != b->total)
		return crm_err_set(err, CRM_EDATA, "order %.200s: total %s is "
		    "not the sum of its line amounts %s and tax %s",
		    b->order_id, crm_money_format(b->total, b->exponent, t),
		    crm_money_format(b->lines_net, b->exponent, n),
		    crm_money_format(b->tax, b->exponent, x));
	return CRM_OK;
}

/* round(total x part / whole) (0 <= part <= whole, whole > 0), half away
 * from zero. */
static int
share(int64_t total, int64_t part, int64_t whole, int64_t *out,
    crm_err *err)
{
	int64_t w[2], s[2];
	int rc;

	w[0] = part;
	w[1] = whole - part;
	if ((rc = crm_money_split(total, w, 2, s, err)) != CRM_OK)
		return rc;
	*out = s[0];
	return CRM_OK;
}

/* The amounts of this invoice: each line's part, the net, the tax and
 * the amount.  Nothing to bill is an error. */
static int
compute(struct bill *b, const char *what, crm_err *err)
{
	char a[CRM_MONEY_BUFSZ], t[CRM_MONEY_BUFSZ];
	int complete = 1, any = 0, rc;
	struct bill_line *l;
	int64_t left, sum;
	size_t i;

	b->net = 0;
	for (i = 0; i < b->n; i++) {
		l = &b->lines[i];
		left = l->amount - l->done_amount;
		if (l->q > 0) {
			any = 1;
			if (l->done_qty + l->q == l->qty)
				l->part = left;
			else if ((rc = share(l->amount, l->q, l->qty, &l->part,
			    err)) != CRM_OK)
				return rc;
			/* Rounding up many small parts must not bill more
			 * than the line has left. */
			if (l->part > left)
				l->part = left;
			if ((rc = crm_money_add(b->net, l->part, &b->net,
			    err)) != CRM_OK)
				return rc;
		}
		if (l->done_qty + l->q != l->qty)
			complete = 0;
	}
	if (!any)
		return crm_err_set(err, CRM_EDATA, "%s: nothing left to "
		    "invoice", what);
	left = b->tax - b->done_tax;
	if (complete)
		b->inv_tax = left;
	else if (b->lines_net == 0)
		b->inv_tax = 0;
	else if ((rc = share(b->tax, b->net, b->lines_net, &b->inv_tax,
	    err)) != CRM_OK)
		return rc;
	if (b->inv_tax > left)
		b->inv_tax = left;
	if ((rc = crm_money_add(b->net, b->inv_tax, &b->amount, err)) !=
	    CRM_OK || (rc = crm_money_add(b->done_amount, b->amount, &sum,
	    err)) != CRM_OK)
		return rc;
	if (sum > b->total)
		return crm_err_set(err, CRM_EDATA, "order %.200s: invoices "
		    "would add up to %s, over the total %s", b->order_id,
		    crm_money_format(sum, b->exponent, a),
		    crm_money_format(b->total, b->exponent, t));
	return CRM_OK;
}

/* Issue and due dates from the options. */
static int
dates(struct bill *b, const crm_invoice_opts *o, crm_err *err)
{
	int32_t day;
	int y, rc;

	if (o->issued_on == NULL)
		return crm_err_set(err, CRM_EDATA, "issued_on: missing");
	if ((rc = crm_date_parse(o->issued_on, strlen(o->issued_on), &day,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "issued_on");
	if (o->terms < 0 || o->terms > CRM_INVOICE_MAX_TERMS)
		return crm_err_set(err, CRM_EDATA, "terms: %d days is not from "
		    "0 to %d", o->terms, CRM_INVOICE_MAX_TERMS);
	crm_date_format(day, b->issued);
	crm_date_split(day + o->terms, &y, NULL, NULL);
	if (y > 9999)
		return crm_err_set(err, CRM_EDATA, "terms: due after the year "
		    "9999");
	crm_date_format(day + o->terms, b->due);
	return CRM_OK;
}

static int
invoice_exists(crm_db *db, const char *id, int *exists, crm_err *err)
{
	static const char sql[] = "SELECT 1 FROM invoices WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	return crm_db_found(db, st, "invoices", exists, err);
}

/* The invoice's id: given, else INV-<order>-<n> for the first n free. */
static int
choose_id(crm_db *db, struct bill *b, const char *given, crm_err *err)
{
	long n = b->ninvoices;
	int exists = 1, rc;

	if (given != NULL) {
		if (*given == '\0' || strlen(given) >= sizeof(b->id))
			return crm_err_set(err, CRM_EDATA, "id: not from 1 to "
			    "%zu bytes", sizeof(b->id) - 1);
		snprintf(b->id, sizeof(b->id), "%s", given);
		if ((rc = invoice_exists(db, b->id, &exists, err)) != CRM_OK)
			return rc;
		return exists ? crm_err_set(err, CRM_EDATA, "invoice %s "
		    "exists already", b->id) : CRM_OK;
	}
	while (exists) {
		if ((size_t)snprintf(b->id, sizeof(b->id), "INV-%s-%ld",
		    b->order_id, ++n) >= sizeof(b->id))
			return crm_err_set(err, CRM_EDATA, "order %.200s: id "
			    "too long to make an invoice id of", b->order_id);
		if ((rc = invoice_exists(db, b->id, &exists, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static const char insert_invoice_sql[] =
	"INSERT INTO invoices (id, order_id, shipment_id, customer_id,"
	" issued_on, due_on, amount_minor, tax_minor, currency, status)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

static const char insert_line_sql[] =
	"INSERT INTO invoice_lines (invoice_id, order_id, line_no, qty,"
	" amount_minor) VALUES (?1, ?2, ?3, ?4, ?5)";

static int
insert_invoice(crm_db *db, const struct bill *b, const char *shipment,
    crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = crm_db_stmt(db, insert_invoice_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, b->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->order_id, -1, SQLITE_STATIC);
	if (shipment != NULL)
		sqlite3_bind_text(st, 3, shipment, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, b->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, b->issued, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, b->due, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, b->amount);
	sqlite3_bind_int64(st, 8, b->inv_tax);
	sqlite3_bind_text(st, 9, b->currency, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, b->amount == 0 ? "paid" : "open", -1,
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "invoices", err);
	for (i = 0; i < b->n; i++) {
		if (b->lines[i].q == 0)
			continue;
		if ((rc = crm_db_stmt(db, insert_line_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, b->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, b->order_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, b->lines[i].line_no);
		sqlite3_bind_int64(st, 4, b->lines[i].q);
		sqlite3_bind_int64(st, 5, b->lines[i].part);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return crm_db_fail(db, rc, "invoice_lines", err);
	}
	return CRM_OK;
}

/* The "lines" array of the output record. */
static int
lines_json(const struct bill *b, crm_buf *j, crm_err *err)
{
	char m[CRM_MONEY_BUFSZ];
	size_t i;
	int first = 1;

	if (crm_buf_addc(j, '[') != CRM_OK)
		return crm_err_nomem(err);
	for (i = 0; i < b->n; i++) {
		if (b->lines[i].q == 0)
			continue;
		if (crm_buf_printf(j, "%s{\"line_no\":%ld,\"qty\":%lld,"
		    "\"amount\":\"%s\"}", first ? "" : ",",
		    b->lines[i].line_no, (long long)b->lines[i].q,
		    crm_money_format(b->lines[i].part, b->exponent, m)) !=
		    CRM_OK)
			return crm_err_nomem(err);
		first = 0;
	}
	return crm_buf_addc(j, ']') == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    crm_rec_set_null(r, key, err);
}

static int
write_invoice(const struct bill *b, const char *shipment, crm_out *out,
    crm_err *err)
{
	crm_buf j = CRM_BUF_INIT;
	crm_rec *r;
	int rc;

	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = set_text(r, "id", b->id, err)) == CRM_OK &&
	    (rc = set_text(r, "order_id", b->order_id, err)) == CRM_OK &&
	    (rc = set_text(r, "shipment_id", shipment, err)) == CRM_OK &&
	    (rc = set_text(r, "customer_id", b->customer, err)) == CRM_OK &&
	    (rc = set_text(r, "issued_on", b->issued, err)) == CRM_OK &&
	    (rc = set_text(r, "due_on", b->due, err)) == CRM_OK &&
	    (rc = crm_money_set(r, "amount", b->amount, b->exponent, err)) ==
	    CRM_OK && (rc = crm_money_set(r, "tax", b->inv_tax, b->exponent,
	    err)) == CRM_OK &&
	    (rc = set_text(r, "currency", b->currency, err)) == CRM_OK &&
	    (rc = set_text(r, "status", b->amount == 0 ? "paid" : "open",
	    err)) == CRM_OK && (rc = lines_json(b, &j, err)) == CRM_OK &&
	    (rc = crm_rec_set_json(r, "lines", CRM_ARRAY, j.data, j.len,
	    err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
	crm_buf_free(&j);
	crm_rec_free(r);
	return rc;
}

/* Compute, write and record the invoice whose quantities are set. */
static int
issue(crm_db *db, struct bill *b, const char *shipment, const char *what,
    const crm_invoice_opts *o, crm_out *out, crm_err *err)
{
	crm_event ev;
	int rc;

	if ((rc = compute(b, what, err)) != CRM_OK ||
	    (rc = choose_id(db, b, o->id, err)) != CRM_OK ||
	    (rc = insert_invoice(db, b, shipment, err)) != CRM_OK)
		return rc;
	ev = (crm_event){ "order", b->order_id, o->at, crm_event_actor(),
	    "invoice", NULL, NULL, b->id, NULL };
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK ||
	    (rc = crm_order_refresh(db, b->order_id, o->at, err)) != CRM_OK)
		return rc;
	return out != NULL ? write_invoice(b, shipment, out, err) : CRM_OK;
}

int
crm_invoice_order(crm_db *db, const char *order_id,
    const crm_invoice_opts *o, crm_out *out, crm_err *err)
{
	char what[256];
	struct bill b;
	size_t i;
	int rc;

	memset(&b, 0, sizeof(b));
	if ((rc = dates(&b, o, err)) != CRM_OK ||
	    (rc = load_order(db, order_id, &b, err)) != CRM_OK ||
	    (rc = load_lines(db, &b, err)) != CRM_OK)
		goto out;
	for (i = 0; i < b.n; i++)
		b.lines[i].q = b.lines[i].qty - b.lines[i].done_qty;
	snprintf(what, sizeof(what), "order %.200s", order_id);
	rc = issue(db, &b, NULL, what, o, out, err);
out:
	bill_free(&b);
	return rc;
}

static const char shipment_sql[] =
	"SELECT order_id, (SELECT id FROM invoices WHERE shipment_id = ?1"
	" ORDER BY id LIMIT 1) FROM shipments WHERE id = ?1";

static const char shipped_sql[] =
	"SELECT line_no, qty FROM shipment_lines WHERE shipment_id = ?1"
	" ORDER BY line_no";

/* The order of shipment id, which must not be invoiced yet. */
static int
shipment_order(crm_db *db, const char *id, char **order_id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, shipment_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		rc = rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "no such shipment %.200s", id) : crm_db_fail(db, rc,
		    "shipments", err);
	else if (sqlite3_column_type(st, 1) != SQLITE_NULL)
		rc = crm_err_set(err, CRM_EDATA, "shipment %.200s is invoiced "
		    "already (%.200s)", id, sqlite3_column_text(st, 1));
	else
		rc = dup_column(st, 0, order_id, err);
	sqlite3_reset(st);
	return rc;
}

/* Set the quantities of the lines to those of the shipment. */
static int
shipped_quantities(crm_db *db, const char *id, struct bill *b, crm_err *err)
{
	struct bill_line *l;
	sqlite3_stmt *st;
	int rc = CRM_OK, step;
	long line_no;
	size_t i;

	if ((rc = crm_db_stmt(db, shipped_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		line_no = (long)sqlite3_column_int64(st, 0);
		for (i = 0, l = NULL; i < b->n && l == NULL; i++)
			if (b->lines[i].line_no == line_no)
				l = &b->lines[i];
		if (l == NULL)
			continue;
		l->q = sqlite3_column_int64(st, 1);
		if (l->q > l->qty - l->done_qty)
			rc = crm_err_set(err, CRM_EDATA, "shipment %.200s line "
			    "%ld: %lld shipped but %lld left to invoice (%lld "
			    "of %lld invoiced before)", id, line_no,
			    (long long)l->q, (long long)(l->qty - l->done_qty),
			    (long long)l->done_qty, (long long)l->qty);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "shipment_lines", err);
	sqlite3_reset(st);
	return rc;
}

int
crm_invoice_shipment(crm_db *db, const char *shipment_id,
    const crm_invoice_opts *o, crm_out *out, crm_err *err)
{
	char *order_id = NULL, what[256];
	struct bill b;
	int rc;

	memset(&b, 0, sizeof(b));
	if ((rc = dates(&b, o, err)) != CRM_OK ||
	    (rc = shipment_order(db, shipment_id, &order_id, err)) != CRM_OK ||
	    (rc = load_order(db, order_id, &b, err)) != CRM_OK ||
	    (rc = load_lines(db, &b, err)) != CRM_OK ||
	    (rc = shipped_quantities(db, shipment_id, &b, err)) != CRM_OK)
		goto out;
	snprintf(what, sizeof(what), "shipment %.200s", shipment_id);
	rc = issue(db, &b, shipment_id, what, o, out, err);
out:
	free(order_id);
	bill_free(&b);
	return rc;
}
