/*
 * payment.c - payments: recorded once, allocated to the invoices named
 * or to the customer's open invoices oldest first; what is left is the
 * customer's credit balance, allocated later by apply_credit.
 *
 * A payment's credit is never stored: it is its amount less its
 * allocations, so payments = allocations + credit holds by construction.
 * Messages start with the field they are about, so that the record
 * version can put the record's place in front.
 */
#include "internal.h"

static const char *const columns[] = {
	"payment_id", "customer_id", "invoice_id", "order_id", "amount",
	"currency", "invoice_open", "status"
};

const char *const *
crm_payment_columns(size_t *n)
{
	*n = ARRAY_LEN(columns);
	return columns;
}

/* One row of output, kept until the payment has gone through whole. */
struct alloc {
	char *payment_id, *invoice_id, *order_id;  /* invoice_id NULL: credit */
	int64_t amount, open;
};

struct crm_payment_run {
	crm_db *db;
	char at[CRM_DATE_BUFSZ], on[CRM_DATE_BUFSZ];
	crm_payment_counts counts;
	struct alloc *allocs;
	size_t nallocs, cap;
};

/* The payment being allocated. */
struct pay {
	char id[512];
	const char *customer, *currency;
	int exponent;
	int64_t amount, left;
	unsigned long allocations;
};

/* An invoice allocated to. */
struct target {
	char *id, *order_id;
	int64_t open;
};

static void
target_free(struct target *t)
{
	free(t->id);
	free(t->order_id);
	t->id = t->order_id = NULL;
}

static void
allocs_clear(crm_payment_run *pr)
{
	size_t i;

	for (i = 0; i < pr->nallocs; i++) {
		free(pr->allocs[i].payment_id);
		free(pr->allocs[i].invoice_id);
		free(pr->allocs[i].order_id);
	}
	pr->nallocs = 0;
}

int
crm_payment_run_new(crm_db *db, const char *at, const char *on,
    crm_payment_run **pr, crm_err *err)
{
	int64_t ms;
	int32_t day;
	int rc;

	*pr = NULL;
	if ((rc = crm_time_parse(at, strlen(at), &ms, err)) != CRM_OK)
		return crm_err_prefix(err, "at");
	day = crm_time_date(ms);
	if (on != NULL && (rc = crm_date_parse(on, strlen(on), &day, err)) !=
	    CRM_OK)
		return crm_err_prefix(err, "received_on");
	if ((*pr = calloc(1, sizeof(**pr))) == NULL)
		return crm_err_nomem(err);
	(*pr)->db = db;
	crm_time_format(ms, (*pr)->at);
	crm_date_format(day, (*pr)->on);
	return CRM_OK;
}

void
crm_payment_run_free(crm_payment_run *pr)
{
	if (pr == NULL)
		return;
	allocs_clear(pr);
	free(pr->allocs);
	free(pr);
}

const crm_payment_counts *
crm_payment_run_counts(const crm_payment_run *pr)
{
	return &pr->counts;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

/* Keep a row for the output. */
static int
keep(crm_payment_run *pr, const char *payment, const struct target *t,
    int64_t amount, int64_t open, crm_err *err)
{
	struct alloc *a;
	size_t cap;

	if (pr->nallocs == pr->cap) {
		cap = pr->cap ? 2 * pr->cap : 8;
		if ((a = realloc(pr->allocs, cap * sizeof(*a))) == NULL)
			return crm_err_nomem(err);
		pr->allocs = a;
		pr->cap = cap;
	}
	a = &pr->allocs[pr->nallocs];
	a->payment_id = strdup(payment);
	a->invoice_id = t != NULL ? strdup(t->id) : NULL;
	a->order_id = t != NULL ? dup_or_null(t->order_id) : NULL;
	a->amount = amount;
	a->open = open;
	pr->nallocs++;
	if (a->payment_id == NULL || (t != NULL && (a->invoice_id == NULL ||
	    (t->order_id != NULL && a->order_id == NULL))))
		return crm_err_nomem(err);
	return CRM_OK;
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    crm_rec_set_null(r, key, err);
}

/* Write the rows kept, and forget them. */
static int
flush(crm_payment_run *pr, const char *customer, const char *currency,
    int exponent, crm_out *out, crm_err *err)
{
	const struct alloc *a;
	crm_rec *r = NULL;
	int rc = CRM_OK;
	size_t i;

	if (out != NULL && pr->nallocs > 0 && (r = crm_rec_new()) == NULL)
		rc = crm_err_nomem(err);
	for (i = 0; rc == CRM_OK && out != NULL && i < pr->nallocs; i++) {
		a = &pr->allocs[i];
		crm_rec_clear(r);
		if ((rc = set_text(r, "payment_id", a->payment_id, err)) ||
		    (rc = set_text(r, "customer_id", customer, err)) ||
		    (rc = set_text(r, "invoice_id", a->invoice_id, err)) ||
		    (rc = set_text(r, "order_id", a->order_id, err)) ||
		    (rc = crm_money_set(r, "amount", a->amount, exponent,
		    err)) || (rc = set_text(r, "currency", currency, err)))
			break;
		if (a->invoice_id != NULL)
			rc = crm_money_set(r, "invoice_open", a->open, exponent,
			    err);
		else
			rc = crm_rec_set_null(r, "invoice_open", err);
		if (rc == CRM_OK && (rc = set_text(r, "status", a->invoice_id ==
		    NULL ? "credit" : a->open == 0 ? "paid" : "open", err)) ==
		    CRM_OK)
			rc = crm_out_write(out, r, err);
	}
	crm_rec_free(r);
	allocs_clear(pr);
	return rc;
}

static const char customer_sql[] =
	"SELECT merged_into FROM customers WHERE id = ?1";

static int
check_customer(crm_db *db, const char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (id == NULL || *id == '\0')
		return crm_err_set(err, CRM_EDATA, "customer_id: missing");
	if ((rc = crm_db_stmt(db, customer_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = crm_err_set(err, CRM_EDATA, "customer_id: no such "
		    "customer %.200s", id);
	else if (rc != SQLITE_ROW)
		rc = crm_db_fail(db, rc, "customers", err);
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		rc = crm_err_set(err, CRM_EDATA, "customer_id: customer %.200s "
		    "was merged into %.200s", id, sqlite3_column_text(st, 0));
	else
		rc = CRM_OK;
	sqlite3_reset(st);
	return rc;
}

static const char invoice_sql[] =
	"SELECT customer_id, currency, status, order_id, amount_minor"
	" - coalesce((SELECT sum(amount_minor) FROM payment_allocations"
	"  WHERE invoice_id = i.id), 0) FROM invoices i WHERE id = ?1";

/* A named invoice: the customer's, in the currency (any if NULL), open. */
static int
named_invoice(crm_db *db, const char *id, const char *customer,
    const char *currency, struct target *t, char *cur, size_t cursz,
    crm_err *err)
{
	const char *c;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, invoice_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "invoices: no such invoice %.200s", id) :
		    crm_db_fail(db, rc, "invoices", err);
		goto out;
	}
	c = (const char *)sqlite3_column_text(st, 0);
	if (strcmp(c, customer) != 0) {
		rc = crm_err_set(err, CRM_EDATA, "invoices: invoice %.200s is "
		    "customer %.200s's, not %.200s's", id, c, customer);
		goto out;
	}
	c = (const char *)sqlite3_column_text(st, 1);
	if (currency != NULL && strcmp(c, currency) != 0) {
		rc = crm_err_set(err, CRM_EDATA, "invoices: invoice %.200s is "
		    "in %.8s, the payment in %.8s", id, c, currency);
		goto out;
	}
	snprintf(cur, cursz, "%s", c);
	c = (const char *)sqlite3_column_text(st, 2);
	if (strcmp(c, "open") != 0) {
		rc = crm_err_set(err, CRM_EDATA, "invoices: invoice %.200s is "
		    "%.40s%s", id, c, strcmp(c, "paid") == 0 ? " already" :
		    ", not open");
		goto out;
	}
	rc = CRM_OK;
	t->open = sqlite3_column_int64(st, 4);
	t->id = strdup(id);
	t->order_id = dup_or_null((const char *)sqlite3_column_text(st, 3));
	if (t->id == NULL || (t->order_id == NULL &&
	    sqlite3_column_type(st, 3) != SQLITE_NULL))
		rc = crm_err_nomem(err);
out:
	sqlite3_reset(st);
	return rc;
}

static const char oldest_sql[] =
	"SELECT id, order_id, amount_minor - coalesce((SELECT"
	"  sum(amount_minor) FROM payment_allocations WHERE invoice_id = i.id),"
	"  0) FROM invoices i"
	" WHERE customer_id = ?1 AND currency = ?2 AND status = 'open'"
	" ORDER BY coalesce(due_on, issued_on), issued_on, id LIMIT 1";

/* The customer's oldest open invoice in currency; t->id NULL if none. */
static int
oldest_invoice(crm_db *db, const char *customer, const char *currency,
    struct target *t, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, oldest_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, currency, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->open = sqlite3_column_int64(st, 2);
		t->id = strdup((const char *)sqlite3_column_text(st, 0));
		t->order_id = dup_or_null((const char *)
		    sqlite3_column_text(st, 1));
		rc = t->id == NULL || (t->order_id == NULL &&
		    sqlite3_column_type(st, 1) != SQLITE_NULL) ?
		    crm_err_nomem(err) : CRM_OK;
	} else
		rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc,
		    "invoices", err);
	sqlite3_reset(st);
	return rc;
}

static const char allocate_sql[] =
	"INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor)"
	" VALUES (?1, ?2, ?3) ON CONFLICT (payment_id, invoice_id)"
	" DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor";

static const char paid_sql[] =
	"UPDATE invoices SET status = 'paid' WHERE id = ?1";

static int
step_one(crm_db *db, sqlite3_stmt *st, const char *what, crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, what, err);
}

/* An invoice with nothing open is paid, with an event naming the
 * payment that settled it (NULL: none did, it was left open). */
static int
settle(crm_payment_run *pr, const struct target *t, const char *payment,
    crm_err *err)
{
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	if ((rc = crm_db_stmt(pr->db, paid_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	if ((rc = step_one(pr->db, st, "invoices", err)) != CRM_OK)
		return rc;
	ev = (crm_event){ "invoice", t->id, pr->at, crm_event_actor(),
	    "status", "open", "paid", payment, NULL };
	if ((rc = crm_event_add(pr->db, &ev, err)) != CRM_OK)
		return rc;
	return t->order_id != NULL ? crm_order_refresh(pr->db, t->order_id,
	    pr->at, err) : CRM_OK;
}

/* Allocate what payment p has left, up to what invoice t has open. */
static int
allocate(crm_payment_run *pr, struct pay *p, struct target *t,
    crm_err *err)
{
	int64_t amount = p->left < t->open ? p->left : t->open;
	char m[CRM_MONEY_BUFSZ], note[1200];
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	if (t->open < 0)
		return crm_err_set(err, CRM_EDATA, "invoices: invoice %.200s "
		    "has more allocated than its amount", t->id);
	if (t->open == 0)
		return settle(pr, t, NULL, err);
	if (amount == 0)
		return CRM_OK;
	if ((rc = crm_db_stmt(pr->db, allocate_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, amount);
	if ((rc = step_one(pr->db, st, "payment_allocations", err)) != CRM_OK)
		return rc;
	p->left -= amount;
	t->open -= amount;
	p->allocations++;
	if (t->order_id != NULL) {
		snprintf(note, sizeof(note), "%.400s: %s %s to %.400s", p->id,
		    crm_money_format(amount, p->exponent, m), p->currency,
		    t->id);
		ev = (crm_event){ "order", t->order_id, pr->at,
		    crm_event_actor(), "payment", NULL, NULL, note, NULL };
		if ((rc = crm_event_add(pr->db, &ev, err)) != CRM_OK)
			return rc;
	}
	if ((rc = keep(pr, p->id, t, amount, t->open, err)) != CRM_OK)
		return rc;
	if (t->open == 0)
		return settle(pr, t, p->id, err);
	return t->order_id != NULL ? crm_order_refresh(pr->db, t->order_id,
	    pr->at, err) : CRM_OK;
}

static int
named_once(const char *const *names, size_t n, crm_err *err)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return crm_err_set(err, CRM_EDATA, "invoices: "
				    "invoice %.200s named twice", names[i]);
	return CRM_OK;
}

/* Each named invoice, checked even when nothing is left for it. */
static int
allocate_named(crm_payment_run *pr, struct pay *p,
    const char *const *names, size_t n, crm_err *err)
{
	struct target t = { NULL, NULL, 0 };
	char cur[16];
	size_t i;
	int rc = named_once(names, n, err);

	for (i = 0; rc == CRM_OK && i < n; i++) {
		if ((rc = named_invoice(pr->db, names[i], p->customer,
		    p->currency, &t, cur, sizeof(cur), err)) == CRM_OK)
			rc = allocate(pr, p, &t, err);
		target_free(&t);
	}
	return rc;
}

static int
allocate_oldest(crm_payment_run *pr, struct pay *p, crm_err *err)
{
	struct target t = { NULL, NULL, 0 };
	int rc = CRM_OK;

	while (rc == CRM_OK && p->left > 0) {
		if ((rc = oldest_invoice(pr->db, p->customer, p->currency, &t,
		    err)) != CRM_OK || t.id == NULL)
			break;
		rc = allocate(pr, p, &t, err);
		target_free(&t);
	}
	target_free(&t);
	return rc;
}

static const char existing_sql[] =
	"SELECT customer_id, amount_minor, currency, received_on"
	" FROM payments WHERE id = ?1";

/* 1 in *same when payment id is recorded with these figures already;
 * an error when it is recorded with others. */
static int
existing(crm_db *db, const struct pay *p, const char *on, int *found,
    crm_err *err)
{
	char m[CRM_MONEY_BUFSZ];
	sqlite3_stmt *st;
	int rc, exponent;

	*found = 0;
	if ((rc = crm_db_stmt(db, existing_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = CRM_OK;
	else if (rc != SQLITE_ROW)
		rc = crm_db_fail(db, rc, "payments", err);
	else if (strcmp((const char *)sqlite3_column_text(st, 0),
	    p->customer) == 0 && sqlite3_column_int64(st, 1) == p->amount &&
	    strcmp((const char *)sqlite3_column_text(st, 2), p->currency) ==
	    0 && strcmp((const char *)sqlite3_column_text(st, 3), on) == 0) {
		*found = 1;
		rc = CRM_OK;
	} else {
		exponent = 2;
		crm_currency_exponent((const char *)sqlite3_column_text(st, 2),
		    &exponent, err);
		rc = crm_err_set(err, CRM_EDATA, "id: payment %.200s exists "
		    "already, from %.200s: %s %.8s received on %.16s", p->id,
		    sqlite3_column_text(st, 0), crm_money_format(
		    sqlite3_column_int64(st, 1), exponent, m),
		    sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return rc;
}

static const char count_sql[] =
	"SELECT count(*) FROM payments WHERE customer_id = ?1";

/* PAY-<customer>-<n> for the first n after the customer's count that is
 * free. */
static int
generate_id(crm_db *db, struct pay *p, crm_err *err)
{
	static const char sel[] = "SELECT 1 FROM payments WHERE id = ?1";
	sqlite3_stmt *st;
	long long n;
	int rc = SQLITE_ROW;

	if ((rc = crm_db_stmt(db, count_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->customer, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(db, rc, "payments", err);
	do {
		if ((size_t)snprintf(p->id, sizeof(p->id), "PAY-%s-%lld",
		    p->customer, ++n) >= sizeof(p->id))
			return crm_err_set(err, CRM_EDATA, "customer_id: too "
			    "long to make a payment id of");
		if ((rc = crm_db_stmt(db, sel, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	} while (rc == SQLITE_ROW);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "payments",
	    err);
}

static const char insert_sql[] =
	"INSERT INTO payments (id, customer_id, received_on, amount_minor,"
	" currency, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int
insert_payment(crm_db *db, const struct pay *p, const char *on,
    const char *reference, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, p->amount);
	sqlite3_bind_text(st, 5, p->currency, -1, SQLITE_STATIC);
	if (reference != NULL)
		sqlite3_bind_text(st, 6, reference, -1, SQLITE_STATIC);
	return step_one(db, st, "payments", err);
}

/* The payment's figures, checked. */
static int
read_payment(crm_payment_run *pr, const crm_payment *in, struct pay *p,
    char *on, crm_err *err)
{
	const char *s;
	int32_t day;
	int rc;

	memset(p, 0, sizeof(*p));
	p->customer = in->customer_id;
	p->currency = in->currency;
	if ((rc = check_customer(pr->db, in->customer_id, err)) != CRM_OK)
		return rc;
	if (in->currency == NULL)
		return crm_err_set(err, CRM_EDATA, "currency: missing");
	if ((rc = crm_currency_exponent(in->currency, &p->exponent, err)) !=
	    CRM_OK)
		return rc;
	if ((s = in->amount) == NULL)
		return crm_err_set(err, CRM_EDATA, "amount: missing");
	if ((rc = crm_money_parse(s, strlen(s), p->exponent, &p->amount,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "amount");
	if (p->amount <= 0)
		return crm_err_set(err, CRM_EDATA, "amount: %.40s is not above "
		    "zero", s);
	p->left = p->amount;
	s = in->received_on != NULL ? in->received_on : pr->on;
	if ((rc = crm_date_parse(s, strlen(s), &day, err)) != CRM_OK)
		return crm_err_prefix(err, "received_on");
	crm_date_format(day, on);
	if (in->id == NULL)
		return generate_id(pr->db, p, err);
	if (*in->id == '\0' || strlen(in->id) >= sizeof(p->id))
		return crm_err_set(err, CRM_EDATA, "id: not from 1 to %zu "
		    "bytes", sizeof(p->id) - 1);
	snprintf(p->id, sizeof(p->id), "%s", in->id);
	return CRM_OK;
}

int
crm_payment_add(crm_payment_run *pr, const crm_payment *in, crm_out *out,
    crm_err *err)
{
	char on[CRM_DATE_BUFSZ];
	struct pay p;
	int rc, found;

	allocs_clear(pr);
	if ((rc = read_payment(pr, in, &p, on, err)) != CRM_OK ||
	    (rc = existing(pr->db, &p, on, &found, err)) != CRM_OK)
		return rc;
	if (found) {
		pr->counts.existing++;
		return CRM_OK;
	}
	if ((rc = insert_payment(pr->db, &p, on, in->reference, err)) !=
	    CRM_OK)
		return rc;
	rc = in->ninvoices > 0 ? allocate_named(pr, &p, in->invoices,
	    in->ninvoices, err) : allocate_oldest(pr, &p, err);
	if (rc == CRM_OK && p.left > 0)
		rc = keep(pr, p.id, NULL, p.left, 0, err);
	if (rc != CRM_OK) {
		allocs_clear(pr);
		return rc;
	}
	if ((rc = flush(pr, p.customer, p.currency, p.exponent, out, err)) !=
	    CRM_OK)
		return rc;
	pr->counts.payments++;
	pr->counts.allocations += p.allocations;
	if (p.left > 0)
		pr->counts.credited++;
	return CRM_OK;
}

static const char credit_sql[] =
	"SELECT id, unallocated FROM (SELECT id, received_on, amount_minor"
	"  - coalesce((SELECT sum(amount_minor) FROM payment_allocations"
	"  WHERE payment_id = p.id), 0) AS unallocated"
	"  FROM payments p WHERE customer_id = ?1 AND currency = ?2) c"
	" WHERE unallocated > 0 ORDER BY received_on, id LIMIT 1";

/* The customer's oldest payment in p->currency with credit left, as p;
 * p->left 0 when there is none. */
static int
oldest_credit(crm_db *db, struct pay *p, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	p->left = 0;
	if ((rc = crm_db_stmt(db, credit_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->currency, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(p->id, sizeof(p->id), "%s", sqlite3_column_text(st,
		    0));
		p->left = sqlite3_column_int64(st, 1);
		rc = CRM_OK;
	} else
		rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc,
		    "payments", err);
	sqlite3_reset(st);
	return rc;
}

/* Credit in p->currency to invoice t until one of them runs out. */
static int
credit_to(crm_payment_run *pr, struct pay *p, struct target *t,
    crm_err *err)
{
	int rc = CRM_OK;

	while (rc == CRM_OK && t->open > 0) {
		if ((rc = oldest_credit(pr->db, p, err)) != CRM_OK ||
		    p->left == 0)
			break;
		rc = allocate(pr, p, t, err);
	}
	return rc;
}

/* Credit in one currency to the oldest open invoices. */
static int
credit_oldest(crm_payment_run *pr, struct pay *p, crm_err *err)
{
	struct target t = { NULL, NULL, 0 };
	int rc = CRM_OK;

	for (;;) {
		if ((rc = oldest_invoice(pr->db, p->customer, p->currency, &t,
		    err)) != CRM_OK || t.id == NULL)
			break;
		if (t.open <= 0)
			rc = allocate(pr, p, &t, err);
		else if ((rc = credit_to(pr, p, &t, err)) == CRM_OK &&
		    t.open > 0)
			break;
		target_free(&t);
		if (rc != CRM_OK)
			break;
	}
	target_free(&t);
	return rc;
}

static const char currencies_sql[] =
	"SELECT DISTINCT currency FROM payments WHERE customer_id = ?1"
	" ORDER BY currency";

/* Every currency the customer has paid in, or just the one asked for. */
static int
credit_currencies(crm_payment_run *pr, struct pay *p, crm_out *out,
    const char *only, crm_err *err)
{
	char cur[16];
	sqlite3_stmt *st;
	int rc = CRM_OK, step;

	if ((rc = crm_db_prepare(pr->db, currencies_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->customer, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(cur, sizeof(cur), "%s", sqlite3_column_text(st, 0));
		if (only != NULL && strcmp(cur, only) != 0)
			continue;
		p->currency = cur;
		if ((rc = crm_currency_exponent(cur, &p->exponent, err)) ==
		    CRM_OK && (rc = credit_oldest(pr, p, err)) == CRM_OK)
			rc = flush(pr, p->customer, cur, p->exponent, out, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(pr->db, step, "payments", err);
	sqlite3_finalize(st);
	return rc;
}

/* Credit to each named invoice in turn, in the invoice's currency. */
static int
credit_named(crm_payment_run *pr, struct pay *p, const char *only,
    const char *const *names, size_t n, crm_out *out, crm_err *err)
{
	struct target t = { NULL, NULL, 0 };
	char cur[16];
	size_t i;
	int rc = named_once(names, n, err);

	for (i = 0; rc == CRM_OK && i < n; i++) {
		if ((rc = named_invoice(pr->db, names[i], p->customer, only,
		    &t, cur, sizeof(cur), err)) == CRM_OK) {
			p->currency = cur;
			if ((rc = crm_currency_exponent(cur, &p->exponent,
			    err)) == CRM_OK && (rc = credit_to(pr, p, &t,
			    err)) == CRM_OK)
				rc = flush(pr, p->customer, cur, p->exponent,
				    out, err);
		}
		target_free(&t);
	}
	return rc;
}

int
crm_payment_apply_credit(crm_payment_run *pr, const char *customer,
    const char *currency, const char *const *invoices, size_t ninvoices,
    crm_out *out, crm_err *err)
{
	struct pay p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.customer = customer;
	allocs_clear(pr);
	if ((rc = check_customer(pr->db, customer, err)) != CRM_OK ||
	    (currency != NULL && (rc = crm_currency_exponent(currency,
	    &p.exponent, err)) != CRM_OK))
		return rc;
	rc = ninvoices > 0 ? credit_named(pr, &p, currency, invoices,
	    ninvoices, out, err) : credit_currencies(pr, &p, out, currency,
	    err);
	allocs_clear(pr);
	if (rc == CRM_OK)
		pr->counts.allocations += p.allocations;
	return rc;
}
