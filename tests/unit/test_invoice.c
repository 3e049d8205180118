/*
 * test_invoice.c - billing: invoices over partial shipments that add up
 * to the lines and the tax exactly, payments allocated oldest first or
 * to named invoices, partial and over-payments, credit applied later,
 * every refusal, receivables with ageing, and the orders' statuses.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-invoice-XXXXXX";
static char outpath[96];
static crm_err err;
static crm_db *db;

static const char *const at = "2026-11-22T08:00:00Z";

/*
 * O1: 3 x 10.00 - 0.01 = 29.99, 7 x 3.33 = 23.31, 2 free (0.00); net
 * 53.30, tax 13% = 6.929 -> 6.93, total 60.23.  O2 (C1): 10.00.  O3
 * (C2, EUR): 5.00.  D1 a draft, R1 a return, X1 whose total does not
 * add up.
 */
static const char fixture[] =
	"INSERT INTO customers (id, name, currency, created_at) VALUES"
	" ('C1', 'One', 'CNY', '2026-01-01'), ('C2', 'Two', 'EUR',"
	" '2026-01-01'), ('C3', 'Three', 'CNY', '2026-01-01');"
	"INSERT INTO customers (id, name, merged_into, created_at) VALUES"
	" ('C9', 'Gone', 'C1', '2026-01-01');"
	"INSERT INTO products (sku, name, active) VALUES ('A', 'A', 1),"
	" ('B', 'B', 1), ('F', 'F', 1);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" subtotal_minor, discount_minor, tax_minor, total_minor, kind) VALUES"
	" ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY', 15331, 10001, 693,"
	"  6023, 'sale'),"
	" ('O2', 'C1', '2026-11-02', 'confirmed', 'CNY', 1000, 0, 0, 1000,"
	"  NULL),"
	" ('O3', 'C2', '2026-11-02', 'confirmed', 'EUR', 500, 0, 0, 500, NULL),"
	" ('D1', 'C1', '2026-11-02', 'draft', 'CNY', 100, 0, 0, 100, NULL),"
	" ('R1', 'C1', '2026-11-02', 'confirmed', 'CNY', -100, 0, 0, -100,"
	"  'return'),"
	" ('X1', 'C1', '2026-11-02', 'confirmed', 'CNY', 100, 0, 0, 999, NULL);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, discount_minor, amount_minor) VALUES"
	" ('O1', 1, 'A', 3, 1000, 1, 2999), ('O1', 2, 'B', 7, 333, 0, 2331),"
	" ('O1', 3, 'F', 2, 5000, 10000, 0), ('O2', 1, 'A', 1, 1000, 0, 1000),"
	" ('O3', 1, 'A', 1, 500, 0, 500), ('D1', 1, 'A', 1, 100, 0, 100),"
	" ('R1', 1, 'A', -1, 100, 0, -100), ('X1', 1, 'A', 1, 100, 0, 100);";

static int64_t
q1(const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -999;

	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		return v;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *
status_of(const char *table, const char *id)
{
	static char buf[32], sql[128];
	sqlite3_stmt *st;

	buf[0] = '\0';
	snprintf(sql, sizeof(sql), "SELECT status FROM %s WHERE id = ?1",
	    table);
	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		return "?";
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static crm_out *
open_out(void)
{
	crm_out *out = NULL;

	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		T_FAIL("crm_out_open: %s", err.msg);
	return out;
}

/* Close out and return what was written. */
static const char *
slurp(crm_out *out)
{
	static char buf[8192];
	FILE *fp;
	size_t n;

	if (crm_out_close(out, &err) != CRM_OK ||
	    (fp = fopen(outpath, "r")) == NULL)
		return "?";
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
ship(const char *id, long l1, int64_t q1_, long l2, int64_t q2, long l3,
    int64_t q3)
{
	crm_ship_line lines[3] = { { l1, q1_ }, { l2, q2 }, { l3, q3 } };
	crm_shipment sh;

	memset(&sh, 0, sizeof(sh));
	sh.id = id;
	sh.order_id = "O1";
	sh.shipped_at = at;
	sh.lines = lines;
	sh.nlines = l3 ? 3 : 2;
	CHECK_INT(crm_order_ship(db, &sh, NULL, &err), CRM_OK);
}

static int
bill(const char *what, int shipment, const char *on, crm_out *out)
{
	crm_invoice_opts o = { NULL, on, 30, at };

	return shipment ? crm_invoice_shipment(db, what, &o, out, &err) :
	    crm_invoice_order(db, what, &o, out, &err);
}

/* Three partial shipments of O1, each invoiced: every line's parts and
 * the tax add up exactly. */
static void
test_partial_shipments(void)
{
	crm_out *out;

	ship("S1", 1, 1, 2, 3, 0, 0);
	ship("S2", 1, 1, 2, 2, 3, 2);
	ship("S3", 1, 1, 2, 2, 0, 0);
	out = open_out();
	/* 29.99 x 1/3 = 9.9967 -> 10.00; 23.31 x 3/7 = 9.99; tax 6.93 x
	 * 19.99 / 53.30 = 2.599 -> 2.60. */
	CHECK_INT(bill("S1", 1, "2026-11-05", out), CRM_OK);
	CHECK_STR(slurp(out), "{\"id\":\"INV-O1-1\",\"order_id\":\"O1\","
	    "\"shipment_id\":\"S1\",\"customer_id\":\"C1\","
	    "\"issued_on\":\"2026-11-05\",\"due_on\":\"2026-12-05\","
	    "\"amount\":\"22.59\",\"tax\":\"2.60\",\"currency\":\"CNY\","
	    "\"status\":\"open\",\"lines\":[{\"line_no\":1,\"qty\":1,"
	    "\"amount\":\"10.00\"},{\"line_no\":2,\"qty\":3,"
	    "\"amount\":\"9.99\"}]}\n");
	/* 10.00 again; 23.31 x 2/7 = 6.66; the free line completes at
	 * 0.00; tax 6.93 x 16.66 / 53.30 = 2.166 -> 2.17. */
	CHECK_INT(bill("S2", 1, "2026-11-06", NULL), CRM_OK);
	CHECK_INT(q1("SELECT amount_minor * 1000 + tax_minor FROM invoices"
	    " WHERE id = 'INV-O1-2'"), 1883217);
	CHECK_STR(status_of("orders", "O1"), "shipped");
	/* The last completes every line: 29.99 - 20.00 = 9.99, 23.31 -
	 * 9.99 - 6.66 = 6.66, and the tax left: 6.93 - 2.60 - 2.17. */
	CHECK_INT(bill("S3", 1, "2026-11-07", NULL), CRM_OK);
	CHECK_INT(q1("SELECT amount_minor * 1000 + tax_minor FROM invoices"
	    " WHERE id = 'INV-O1-3'"), 1881216);
	CHECK_INT(q1("SELECT amount_minor FROM invoice_lines WHERE"
	    " invoice_id = 'INV-O1-3' AND line_no = 1"), 999);
	CHECK_INT(q1("SELECT amount_minor FROM invoice_lines WHERE"
	    " invoice_id = 'INV-O1-3' AND line_no = 2"), 666);
	CHECK_INT(q1("SELECT count(*) FROM (SELECT l.line_no FROM order_lines l"
	    " JOIN invoice_lines i ON i.order_id = l.order_id"
	    " AND i.line_no = l.line_no WHERE l.order_id = 'O1'"
	    " GROUP BY l.line_no HAVING sum(i.amount_minor) = l.amount_minor"
	    " AND sum(i.qty) = l.qty)"), 3);
	CHECK_INT(q1("SELECT sum(amount_minor) FROM invoices"
	    " WHERE order_id = 'O1'"), 6023);
	CHECK_INT(q1("SELECT sum(tax_minor) FROM invoices"
	    " WHERE order_id = 'O1'"), 693);
	CHECK_STR(status_of("orders", "O1"), "invoiced");
	CHECK_INT(q1("SELECT count(*) FROM events WHERE entity = 'order'"
	    " AND entity_id = 'O1' AND kind = 'invoice'"), 3);
}

static void
test_invoice_refusals(void)
{
	crm_invoice_opts o = { "INV-O1-1", "2026-11-08", 30, at };

	CHECK_INT(bill("S1", 1, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "shipment S1 is invoiced already (INV-O1-1)");
	CHECK_INT(bill("O1", 0, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "order O1: nothing left to invoice");
	CHECK_INT(bill("D1", 0, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "order D1 is draft: only orders confirmed or "
	    "further on are invoiced");
	CHECK_INT(bill("R1", 0, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "order R1 is a return: returns are not invoiced");
	CHECK_INT(bill("X1", 0, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "order X1: total 9.99 is not the sum of its line "
	    "amounts 1.00 and tax 0.00");
	CHECK_INT(bill("NOPE", 0, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "no such order NOPE");
	CHECK_INT(bill("NOPE", 1, "2026-11-08", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "no such shipment NOPE");
	CHECK_INT(bill("O2", 0, "2026-11-31", NULL), CRM_EDATA);
	CHECK_STR(err.msg, "issued_on: no such date");
	CHECK_INT(crm_invoice_order(db, "O2", &o, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "invoice INV-O1-1 exists already");
	o.id = NULL;
	o.terms = -1;
	CHECK_INT(crm_invoice_order(db, "O2", &o, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "terms: -1 days is not from 0 to 3650");
	o.terms = 30;
	o.issued_on = "9999-12-30";
	CHECK_INT(crm_invoice_order(db, "O2", &o, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "terms: due after the year 9999");
	CHECK_INT(q1("SELECT count(*) FROM invoices"), 3);
}

static crm_payment_run *
run_new(void)
{
	crm_payment_run *pr = NULL;

	CHECK_INT(crm_payment_run_new(db, at, NULL, &pr, &err), CRM_OK);
	return pr;
}

static int
pay(crm_payment_run *pr, const char *id, const char *customer,
    const char *amount, const char *currency, const char *on,
    const char *invoice, crm_out *out)
{
	crm_payment p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.customer_id = customer;
	p.amount = amount;
	p.currency = currency;
	p.received_on = on;
	p.invoices = invoice != NULL ? &invoice : NULL;
	p.ninvoices = invoice != NULL ? 1 : 0;
	return crm_payment_add(pr, &p, out, &err);
}

/* For every customer, payments = allocations + credit, and no invoice
 * has more allocated than its amount. */
static void
check_invariants(void)
{
	CHECK_INT(q1("SELECT count(*) FROM invoices i WHERE amount_minor <"
	    " (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations"
	    "  WHERE invoice_id = i.id)"), 0);
	CHECK_INT(q1("SELECT count(*) FROM payments p WHERE amount_minor <"
	    " (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations"
	    "  WHERE payment_id = p.id)"), 0);
	CHECK_INT(q1("SELECT count(*) FROM invoices i WHERE (status = 'paid')"
	    " <> (amount_minor = (SELECT coalesce(sum(amount_minor), 0)"
	    "  FROM payment_allocations WHERE invoice_id = i.id))"), 0);
}

static void
test_payments(void)
{
	crm_payment_run *pr = run_new();
	crm_out *out;

	/* 30.00 pays INV-O1-1 (22.59) and 7.41 of INV-O1-2 (18.83). */
	out = open_out();
	CHECK_INT(pay(pr, "P1", "C1", "30", "CNY", "2026-11-10", NULL, out),
	    CRM_OK);
	CHECK_STR(slurp(out), "{\"payment_id\":\"P1\",\"customer_id\":\"C1\","
	    "\"invoice_id\":\"INV-O1-1\",\"order_id\":\"O1\","
	    "\"amount\":\"22.59\",\"currency\":\"CNY\","
	    "\"invoice_open\":\"0.00\",\"status\":\"paid\"}\n"
	    "{\"payment_id\":\"P1\",\"customer_id\":\"C1\","
	    "\"invoice_id\":\"INV-O1-2\",\"order_id\":\"O1\","
	    "\"amount\":\"7.41\",\"currency\":\"CNY\","
	    "\"invoice_open\":\"11.42\",\"status\":\"open\"}\n");
	CHECK_STR(status_of("invoices", "INV-O1-1"), "paid");
	CHECK_STR(status_of("invoices", "INV-O1-2"), "open");
	/* A partial payment: 10.00 of the 11.42 left. */
	CHECK_INT(pay(pr, NULL, "C1", "10.00", "CNY", "2026-11-11", NULL,
	    NULL), CRM_OK);
	CHECK_INT(q1("SELECT amount_minor FROM payment_allocations WHERE"
	    " payment_id = 'PAY-C1-2' AND invoice_id = 'INV-O1-2'"), 1000);
	CHECK_STR(status_of("invoices", "INV-O1-2"), "open");
	CHECK_STR(status_of("orders", "O1"), "invoiced");
	/* Over-payment: 1.42 + 18.81 settle O1, 4.77 is left as credit. */
	out = open_out();
	CHECK_INT(pay(pr, "P3", "C1", "25.00", "CNY", "2026-11-12", NULL, out),
	    CRM_OK);
	CHECK_STR(slurp(out), "{\"payment_id\":\"P3\",\"customer_id\":\"C1\","
	    "\"invoice_id\":\"INV-O1-2\",\"order_id\":\"O1\","
	    "\"amount\":\"1.42\",\"currency\":\"CNY\","
	    "\"invoice_open\":\"0.00\",\"status\":\"paid\"}\n"
	    "{\"payment_id\":\"P3\",\"customer_id\":\"C1\","
	    "\"invoice_id\":\"INV-O1-3\",\"order_id\":\"O1\","
	    "\"amount\":\"18.81\",\"currency\":\"CNY\","
	    "\"invoice_open\":\"0.00\",\"status\":\"paid\"}\n"
	    "{\"payment_id\":\"P3\",\"customer_id\":\"C1\",\"invoice_id\":null,"
	    "\"order_id\":null,\"amount\":\"4.77\",\"currency\":\"CNY\","
	    "\"invoice_open\":null,\"status\":\"credit\"}\n");
	CHECK_STR(status_of("orders", "O1"), "paid");
	CHECK_INT(q1("SELECT count(*) FROM events WHERE entity = 'invoice'"
	    " AND kind = 'status' AND to_state = 'paid'"), 3);
	/* The credit goes to an invoice issued later, when applied. */
	CHECK_INT(bill("O2", 0, "2026-11-15", NULL), CRM_OK);
	CHECK_STR(status_of("invoices", "INV-O2-1"), "open");
	out = open_out();
	CHECK_INT(crm_payment_apply_credit(pr, "C1", NULL, NULL, 0, out, &err),
	    CRM_OK);
	CHECK_STR(slurp(out), "{\"payment_id\":\"P3\",\"customer_id\":\"C1\","
	    "\"invoice_id\":\"INV-O2-1\",\"order_id\":\"O2\","
	    "\"amount\":\"4.77\",\"currency\":\"CNY\","
	    "\"invoice_open\":\"5.23\",\"status\":\"open\"}\n");
	/* Nothing left to apply: not an error, nothing written. */
	out = open_out();
	CHECK_INT(crm_payment_apply_credit(pr, "C1", "CNY", NULL, 0, out,
	    &err), CRM_OK);
	CHECK_STR(slurp(out), "");
	CHECK_INT(q1("SELECT sum(amount_minor) FROM payments"), 6500);
	CHECK_INT(q1("SELECT sum(amount_minor) FROM payment_allocations"),
	    6500);
	/* A named invoice takes it all, the rest is credit; credit applied
	 * to a named invoice. */
	CHECK_INT(pay(pr, "P4", "C1", "6.00", "CNY", "2026-11-16", "INV-O2-1",
	    NULL), CRM_OK);
	CHECK_STR(status_of("invoices", "INV-O2-1"), "paid");
	CHECK_INT(q1("SELECT 600 - sum(amount_minor) FROM payment_allocations"
	    " WHERE payment_id = 'P4'"), 77);
	CHECK_INT(crm_payment_run_counts(pr)->payments, 4);
	CHECK_INT(crm_payment_run_counts(pr)->allocations, 7);
	CHECK_INT(crm_payment_run_counts(pr)->credited, 2);
	check_invariants();
	crm_payment_run_free(pr);
}

/* call must fail with the message want and leave nothing behind. */
#define REFUSED(call, want) do { \
	int64_t t_before = q1("SELECT count(*) FROM payments") * 1000 + \
	    q1("SELECT count(*) FROM payment_allocations"); \
	CHECK_INT(crm_db_begin(db, &err), CRM_OK); \
	CHECK_INT(call, CRM_EDATA); \
	CHECK_STR(err.msg, want); \
	crm_db_rollback(db); \
	CHECK_INT(q1("SELECT count(*) FROM payments") * 1000 + \
	    q1("SELECT count(*) FROM payment_allocations"), t_before); \
} while (0)

static void
test_payment_refusals(void)
{
	crm_payment_run *pr = run_new();
	const char *two[2] = { "INV-O2-1", "INV-O2-1" };
	crm_payment p;

	REFUSED(pay(pr, NULL, "C1", "5", "CNY", NULL, "INV-O1-1", NULL),
	    "invoices: invoice INV-O1-1 is paid already");
	REFUSED(pay(pr, NULL, "C1", "5", "EUR", NULL, "INV-O1-1", NULL),
	    "invoices: invoice INV-O1-1 is in CNY, the payment in EUR");
	REFUSED(pay(pr, NULL, "C1", "5", "CNY", NULL, "INV-NOPE", NULL),
	    "invoices: no such invoice INV-NOPE");
	REFUSED(pay(pr, NULL, "C3", "5", "CNY", NULL, "INV-O1-1", NULL),
	    "invoices: invoice INV-O1-1 is customer C1's, not C3's");
	REFUSED(pay(pr, NULL, "C1", "0", "CNY", NULL, NULL, NULL),
	    "amount: 0 is not above zero");
	REFUSED(pay(pr, NULL, "C1", "-1", "CNY", NULL, NULL, NULL),
	    "amount: -1 is not above zero");
	REFUSED(pay(pr, NULL, "C1", "99999999999999999999", "CNY", NULL, NULL,
	    NULL), "amount: amount out of range");
	REFUSED(pay(pr, NULL, "C1", "1.005", "CNY", NULL, NULL, NULL),
	    "amount: more than 2 decimals");
	REFUSED(pay(pr, NULL, "C1", "12,50", "CNY", NULL, NULL, NULL),
	    "amount: not a decimal amount");
	REFUSED(pay(pr, NULL, "C1", NULL, "CNY", NULL, NULL, NULL),
	    "amount: missing");
	REFUSED(pay(pr, NULL, "C1", "1", "XYZ", NULL, NULL, NULL),
	    "currency: unknown code XYZ");
	REFUSED(pay(pr, NULL, "C1", "1", NULL, NULL, NULL, NULL),
	    "currency: missing");
	REFUSED(pay(pr, NULL, "C7", "1", "CNY", NULL, NULL, NULL),
	    "customer_id: no such customer C7");
	REFUSED(pay(pr, NULL, "C9", "1", "CNY", NULL, NULL, NULL),
	    "customer_id: customer C9 was merged into C1");
	REFUSED(pay(pr, NULL, "C1", "1", "CNY", "2026-02-30", NULL, NULL),
	    "received_on: no such date");
	REFUSED(pay(pr, "P1", "C1", "31", "CNY", "2026-11-10", NULL, NULL),
	    "id: payment P1 exists already, from C1: 30.00 CNY received on "
	    "2026-11-10");
	memset(&p, 0, sizeof(p));
	p.customer_id = "C1";
	p.amount = "1";
	p.currency = "CNY";
	p.invoices = two;
	p.ninvoices = 2;
	REFUSED(crm_payment_add(pr, &p, NULL, &err),
	    "invoices: invoice INV-O2-1 named twice");
	REFUSED(crm_payment_apply_credit(pr, "C1", NULL, two, 1, NULL, &err),
	    "invoices: invoice INV-O2-1 is paid already");
	REFUSED(crm_payment_apply_credit(pr, "NOPE", NULL, NULL, 0, NULL,
	    &err), "customer_id: no such customer NOPE");
	/* The same payment again is counted and left alone. */
	CHECK_INT(pay(pr, "P1", "C1", "30.00", "CNY", "2026-11-10", NULL,
	    NULL), CRM_OK);
	CHECK_INT(crm_payment_run_counts(pr)->existing, 1);
	CHECK_INT(crm_payment_run_counts(pr)->payments, 0);
	crm_payment_run_free(pr);
	CHECK_INT(crm_payment_run_new(db, "yesterday", NULL, &pr, &err),
	    CRM_EDATA);
	CHECK(pr == NULL);
	crm_payment_run_free(NULL);
}

/* A record as pay reads it from a file. */
static int
pay_rec(crm_payment_run *pr, const char *json)
{
	crm_rec *r = crm_rec_new();
	int rc;

	if ((rc = crm_rec_parse(r, json, strlen(json), &err)) == CRM_OK) {
		crm_rec_set_place(r, "pay.jsonl", 3);
		rc = crm_payment_add_rec(pr, r, NULL, &err);
	}
	crm_rec_free(r);
	return rc;
}

static void
test_records(void)
{
	crm_payment_run *pr = NULL;

	CHECK_INT(crm_payment_run_new(db, at, "2026-11-20", &pr, &err),
	    CRM_OK);
	CHECK_INT(bill("O3", 0, "2026-11-15", NULL), CRM_OK);
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(pay_rec(pr, "{\"id\":\"E1\",\"customer_id\":\"C2\","
	    "\"amount\":2.5,\"currency\":\"EUR\",\"invoices\":[\"INV-O3-1\"],"
	    "\"reference\":\"wire 1\",\"note\":\"ignored\"}"), CRM_OK);
	CHECK_INT(pay_rec(pr, "{\"id\":\"E2\",\"customer_id\":\"C2\","
	    "\"amount\":\"3.00\",\"currency\":\"EUR\","
	    "\"received_on\":\"2026-11-21\",\"invoices\":\" INV-O3-1 \"}"),
	    CRM_OK);
	CHECK_INT(q1("SELECT count(*) FROM payments WHERE id = 'E1' AND"
	    " received_on = '2026-11-20' AND reference = 'wire 1'"), 1);
	CHECK_STR(status_of("invoices", "INV-O3-1"), "paid");
	CHECK_STR(status_of("orders", "O3"), "confirmed");
	crm_db_rollback(db);
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":true,"
	    "\"currency\":\"EUR\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: amount: not a decimal amount");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":\"0.00\","
	    "\"currency\":\"EUR\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: amount: 0.00 is not above zero");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":[\"C2\"],\"amount\":1}"),
	    CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: customer_id: not a string");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C\\u00002\",\"amount\":1}"),
	    CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: customer_id: holds a NUL character");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":1,"
	    "\"currency\":\"EUR\",\"invoices\":[1]}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: invoices: not a list of invoice ids");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":1,"
	    "\"currency\":\"EUR\",\"invoices\":\"A,,B\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: invoices: an empty invoice id");
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":1,"
	    "\"currency\":\"EUR\",\"invoices\":{\"a\":1}}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: invoices: not a list of invoice ids");
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(pay_rec(pr, "{\"customer_id\":\"C2\",\"amount\":1,"
	    "\"currency\":\"EUR\",\"invoices\":[\"INV-\\u004F3-1\","
	    "\"INV-O1-1\"]}"), CRM_EDATA);
	CHECK_STR(err.msg, "pay.jsonl:3: invoices: invoice INV-O1-1 is "
	    "customer C1's, not C2's");
	crm_db_rollback(db);
	crm_payment_run_free(pr);
}

static const char *
receivables(const char *edges, const char *as_of, const char *customer,
    int detail)
{
	crm_receivables_query q = { as_of, customer, detail };
	crm_receivables *rv = NULL;
	crm_out *out;
	int rc;

	if ((rc = crm_receivables_new(edges, &rv, &err)) != CRM_OK)
		return err.msg;
	out = open_out();
	rc = crm_receivables_write(db, rv, &q, out, &err);
	crm_receivables_free(rv);
	if (rc != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	return slurp(out);
}

static void
test_receivables(void)
{
	const char *const *cols;
	crm_receivables *rv = NULL;
	size_t n;

	/* As of today C1 has paid everything and keeps 0.77 of credit. */
	CHECK_STR(receivables(NULL, "2026-11-22", NULL, 0),
	    "{\"customer_id\":\"C1\",\"name\":\"One\",\"currency\":\"CNY\","
	    "\"invoices\":0,\"current\":\"0.00\",\"days_1_30\":\"0.00\","
	    "\"days_31_60\":\"0.00\",\"days_61_90\":\"0.00\","
	    "\"days_over_90\":\"0.00\",\"open\":\"0.00\",\"credit\":\"0.77\","
	    "\"balance\":\"-0.77\"}\n"
	    "{\"customer_id\":\"C2\",\"name\":\"Two\",\"currency\":\"EUR\","
	    "\"invoices\":1,\"current\":\"5.00\",\"days_1_30\":\"0.00\","
	    "\"days_31_60\":\"0.00\",\"days_61_90\":\"0.00\","
	    "\"days_over_90\":\"0.00\",\"open\":\"5.00\",\"credit\":\"0.00\","
	    "\"balance\":\"5.00\"}\n");
	/* As of 2026-11-10 only P1 had come: INV-O1-2 and -3 open. */
	CHECK_STR(receivables("5,10", "2026-11-10", "C1", 1),
	    "{\"customer_id\":\"C1\",\"invoice_id\":\"INV-O1-2\","
	    "\"order_id\":\"O1\",\"currency\":\"CNY\","
	    "\"issued_on\":\"2026-11-06\",\"due_on\":\"2026-12-06\","
	    "\"amount\":\"18.83\",\"paid\":\"7.41\",\"open\":\"11.42\","
	    "\"days_past_due\":-26,\"bucket\":\"current\"}\n"
	    "{\"customer_id\":\"C1\",\"invoice_id\":\"INV-O1-3\","
	    "\"order_id\":\"O1\",\"currency\":\"CNY\","
	    "\"issued_on\":\"2026-11-07\",\"due_on\":\"2026-12-07\","
	    "\"amount\":\"18.81\",\"paid\":\"0.00\",\"open\":\"18.81\","
	    "\"days_past_due\":-27,\"bucket\":\"current\"}\n");
	/* Aged into the buckets: on 2027-01-29 INV-O3-1 is 45 days past
	 * due. */
	CHECK_STR(receivables("40,50", "2027-01-29", "C2", 0),
	    "{\"customer_id\":\"C2\",\"name\":\"Two\",\"currency\":\"EUR\","
	    "\"invoices\":1,\"current\":\"0.00\",\"days_1_40\":\"0.00\","
	    "\"days_41_50\":\"5.00\",\"days_over_50\":\"0.00\","
	    "\"open\":\"5.00\",\"credit\":\"0.00\",\"balance\":\"5.00\"}\n");
	CHECK_STR(receivables(NULL, "2026-11-22", "C3", 0), "");
	CHECK_STR(receivables(NULL, "2026-11-22", "NOPE", 0),
	    "no such customer NOPE");
	CHECK_STR(receivables(NULL, "22.11.2026", NULL, 0),
	    "as_of: not a date (YYYY-MM-DD)");
	CHECK_STR(receivables("60,30", "2026-11-22", NULL, 0),
	    "buckets: 30 does not come after 60: 60,30");
	CHECK_STR(receivables("30,", "2026-11-22", NULL, 0),
	    "buckets: not whole numbers of days from 1 to 36500 separated by "
	    "commas: 30,");
	CHECK_STR(receivables("1,2,3,4,5,6,7,8,9", "2026-11-22", NULL, 0),
	    "buckets: more than 8 edges: 1,2,3,4,5,6,7,8,9");
	CHECK_INT(crm_receivables_new("15", &rv, &err), CRM_OK);
	cols = crm_receivables_columns(rv, 0, &n);
	CHECK_INT(n, 10);
	CHECK_STR(cols[4], "current");
	CHECK_STR(cols[5], "days_1_15");
	CHECK_STR(cols[6], "days_over_15");
	cols = crm_receivables_columns(rv, 1, &n);
	CHECK_INT(n, 11);
	CHECK_STR(cols[10], "bucket");
	crm_receivables_free(rv);
	crm_receivables_free(NULL);
	cols = crm_invoice_columns(&n);
	CHECK_INT(n, 11);
	CHECK_STR(cols[2], "shipment_id");
	CHECK_STR(cols[10], "lines");
	cols = crm_payment_columns(&n);
	CHECK_INT(n, 8);
	CHECK_STR(cols[6], "invoice_open");
}

int
main(void)
{
	char path[96];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/i.db", dir);
	snprintf(outpath, sizeof(outpath), "%s/out.jsonl", dir);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_partial_shipments);
	RUN(test_invoice_refusals);
	RUN(test_payments);
	RUN(test_payment_refusals);
	RUN(test_records);
	RUN(test_receivables);
	crm_db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	DONE();
}
