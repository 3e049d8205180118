/*
 * fuzz_payment.c - payment records: any bytes as a JSON lines payment
 * file against two customers with open invoices.  Each record is
 * recorded and allocated or refused with CRM_EDATA and a message; then
 * the credit is applied and the receivables written.  Whatever came in,
 * no invoice or payment has more allocated than its amount, allocations
 * stay within a customer and a currency, an invoice is paid exactly when
 * it is covered, and every order keeps a lifecycle status.  Each input
 * runs in a transaction that is rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const at = "2026-11-22T08:00:00Z";

static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES ('C1', 'One',"
	" '2026-01-01'), ('C2', 'Two', '2026-01-01');"
	"INSERT INTO products (sku, name, active) VALUES ('A', 'A', 1);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" subtotal_minor, tax_minor, total_minor) VALUES"
	" ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY', 3000, 390, 3389),"
	" ('O2', 'C1', '2026-11-02', 'confirmed', 'CNY', 1000, 0, 1000),"
	" ('O3', 'C2', '2026-11-02', 'confirmed', 'EUR', 500, 0, 500);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, discount_minor, amount_minor) VALUES"
	" ('O1', 1, 'A', 3, 1000, 1, 2999), ('O2', 1, 'A', 1, 1000, 0, 1000),"
	" ('O3', 1, 'A', 1, 500, 0, 500);"
	"INSERT INTO shipments (id, order_id, shipped_at, status) VALUES"
	" ('S1', 'O1', '2026-11-03T00:00:00Z', 'in_transit');"
	"INSERT INTO shipment_lines VALUES ('S1', 'O1', 1, 1);";

static const char check_sql[] =
	"SELECT (SELECT count(*) FROM invoices i WHERE amount_minor <"
	"  (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations"
	"  WHERE invoice_id = i.id) OR (status = 'paid') <> (amount_minor ="
	"  (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations"
	"  WHERE invoice_id = i.id)))"
	" + (SELECT count(*) FROM payments p WHERE amount_minor <= 0"
	"  OR amount_minor < (SELECT coalesce(sum(amount_minor), 0)"
	"  FROM payment_allocations WHERE payment_id = p.id))"
	" + (SELECT count(*) FROM payment_allocations a"
	"  JOIN payments p ON p.id = a.payment_id"
	"  JOIN invoices i ON i.id = a.invoice_id WHERE a.amount_minor <= 0"
	"  OR p.customer_id <> i.customer_id OR p.currency <> i.currency)"
	" + (SELECT count(*) FROM orders WHERE status NOT IN ('confirmed',"
	"  'partly_shipped', 'shipped', 'delivered', 'invoiced', 'paid'))";

static crm_db *db;

static void
setup(void)
{
	crm_invoice_opts o = { NULL, "2026-11-05", 30, at };
	char path[96];
	crm_err err;

	snprintf(path, sizeof(path), "/tmp/crm-fuzz-payment-%ld.db",
	    (long)getpid());
	unlink(path);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK ||
	    crm_invoice_shipment(db, "S1", &o, NULL, &err) != CRM_OK)
		abort();
	o.issued_on = "2026-11-06";
	if (crm_invoice_order(db, "O1", &o, NULL, &err) != CRM_OK ||
	    crm_invoice_order(db, "O2", &o, NULL, &err) != CRM_OK ||
	    crm_invoice_order(db, "O3", &o, NULL, &err) != CRM_OK)
		abort();
}

static void
check(int rc, const crm_err *err)
{
	if (rc != CRM_OK && (rc != CRM_EDATA || err->msg[0] == '\0'))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_receivables_query q = { "2026-12-31", NULL, 0 };
	crm_payment_run *pr = NULL;
	crm_receivables *rv = NULL;
	crm_rec *r = crm_rec_new();
	crm_out *out = NULL;
	sqlite3_stmt *st;
	crm_in *in;
	crm_err err;
	int rc;

	if (db == NULL)
		setup();
	if (r == NULL || crm_in_open(&in, fuzz_file("payment", data, size),
	    CRM_FMT_JSONL, &err) != CRM_OK ||
	    crm_db_begin(db, &err) != CRM_OK ||
	    crm_payment_run_new(db, at, NULL, &pr, &err) != CRM_OK)
		abort();
	while ((rc = crm_in_read(in, r, &err)) == CRM_OK || rc == CRM_EDATA) {
		if (rc != CRM_OK)
			continue;
		check(crm_payment_add_rec(pr, r, NULL, &err), &err);
	}
	check(crm_payment_apply_credit(pr, "C1", NULL, NULL, 0, NULL, &err),
	    &err);
	check(crm_payment_apply_credit(pr, "C2", "EUR", NULL, 0, NULL, &err),
	    &err);
	if (crm_receivables_new(NULL, &rv, &err) != CRM_OK ||
	    crm_out_open(&out, "/dev/null", CRM_FMT_JSONL, 0, &err) != CRM_OK)
		abort();
	check(crm_receivables_write(db, rv, &q, out, &err), &err);
	if (crm_out_close(out, &err) != CRM_OK ||
	    crm_db_prepare(db, check_sql, &st, &err) != CRM_OK ||
	    sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
		abort();
	sqlite3_finalize(st);
	crm_db_rollback(db);
	crm_receivables_free(rv);
	crm_payment_run_free(pr);
	crm_in_close(in);
	crm_rec_free(r);
	return 0;
}
