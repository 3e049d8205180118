/*
 * fuzz_stock.c - the stock writers: any bytes as JSON lines, each
 * routed by its "verb" (transit, receive, issue, move, count, finish,
 * location; else by its line number) to the writer of a run over two
 * dealers with lots, lines on the way and an order that reserves.  Each
 * record runs in a savepoint: it is written, or refused with CRM_EDATA
 * and a message and rolled back.  After every record the balance cache
 * agrees with the ledger, no cached balance is zero or less, no lot is
 * below zero at any place at the end of any day (backdated records
 * included), no line on the way is received
 * more than shipped and no order line issued more than ordered.  Each
 * input runs in a transaction that is rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 256

static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES"
	" ('C1', 'One', '2026-01-01'), ('C2', 'Two', '2026-01-01');"
	"INSERT INTO products (sku, name, currency) VALUES"
	" ('X', 'X', 'CNY'), ('Y', 'Y', 'CNY'), ('E', 'E', 'EUR'),"
	" ('N', 'N', NULL);"
	"INSERT INTO locations (id, name, kind) VALUES"
	" ('L', 'Dealer L', 'dealer'), ('M', 'Dealer M', 'dealer');"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" location_id) VALUES"
	" ('O1', 'C1', '2026-01-20', 'confirmed', 'CNY', 'L'),"
	" ('O2', 'C2', '2026-01-20', 'draft', 'CNY', 'L'),"
	" ('O3', 'C2', '2026-01-20', 'scheduled', 'CNY', NULL);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES"
	" ('O1', 1, 'X', 3, 2000, 6000), ('O1', 2, 'Y', 1, 500, 500),"
	" ('O2', 1, 'X', 2, 2000, 4000), ('O3', 1, 'E', 1, 900, 900);"
	"INSERT INTO shipments (id, order_id, shipped_at, status) VALUES"
	" ('S3', 'O3', '2026-01-25T00:00:00Z', 'in_transit');"
	"INSERT INTO shipment_lines VALUES ('S3', 'O3', 1, 1);";

/* The stock the fixture starts with, through the writers themselves. */
static const char *const opening[] = {
	"{\"verb\":\"receive\",\"sku\":\"X\",\"qty\":5,\"unit_cost\":\"10\","
	"\"received_on\":\"2026-01-05\"}",
	"{\"verb\":\"receive\",\"sku\":\"X\",\"qty\":3,\"unit_cost\":\"11\","
	"\"received_on\":\"2026-01-10\"}",
	"{\"verb\":\"receive\",\"sku\":\"Y\",\"serials\":[\"V1\",\"V2\"],"
	"\"unit_cost\":\"500\",\"location\":\"M\","
	"\"received_on\":\"2026-01-06\"}",
	"{\"verb\":\"transit\",\"shipment_id\":\"S1\",\"line_no\":1,"
	"\"sku\":\"X\",\"qty\":3,\"destination\":\"L\","
	"\"shipped_on\":\"2026-01-15\",\"unit_cost\":\"12\"}",
	"{\"verb\":\"transit\",\"shipment_id\":\"S1\",\"line_no\":2,"
	"\"sku\":\"Y\",\"qty\":1,\"destination\":\"L\","
	"\"shipped_on\":\"2026-01-15\",\"serial\":\"V3\"}",
	"{\"verb\":\"transit\",\"shipment_id\":\"S3\",\"line_no\":1,"
	"\"sku\":\"E\",\"qty\":1,\"location\":\"M\",\"order_id\":\"O3\","
	"\"shipped_at\":\"2026-01-25T00:00:00Z\"}",
};

static const char check_sql[] =
	"SELECT (SELECT count(*) FROM stock_balances WHERE qty <= 0)"
	" + (SELECT count(*) FROM (SELECT sum(qty) OVER (PARTITION BY"
	"  lot_id, location_id ORDER BY moved_on) AS qty FROM stock_moves)"
	"  WHERE qty < 0)"
	" + (SELECT count(*) FROM stock_transit t WHERE t.qty <"
	"  (SELECT coalesce(sum(l.qty), 0) FROM stock_lots l"
	"  WHERE l.shipment_id = t.shipment_id AND l.line_no = t.line_no))"
	" + (SELECT count(*) FROM order_lines l WHERE l.qty <"
	"  -(SELECT coalesce(sum(m.qty), 0) FROM stock_moves m"
	"  WHERE m.order_id = l.order_id AND m.line_no = l.line_no"
	"  AND m.kind = 'issue'))"
	" + (SELECT count(*) FROM stock_lots l WHERE l.qty <= 0"
	"  OR (l.serial IS NOT NULL AND l.qty <> 1))";

static crm_db *db;
static crm_out *out;
static crm_rec *rec;

/* Run one record by its verb, or by n when it names none. */
static int
route(crm_stock *s, const crm_rec *r, size_t n, crm_err *err)
{
	static const char *const verbs[] = { "transit", "receive", "issue",
	    "move", "count", "finish", "location" };
	char verb[16];
	size_t k = n % 5;
	int rc;

	rc = crm_rec_copy_str(r, "verb", verb, sizeof(verb), err);
	if (rc == CRM_OK) {
		for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
			if (strcmp(verb, verbs[k]) == 0)
				break;
	} else if (rc != CRM_END)
		return rc;
	switch (k) {
	case 0:
		return crm_stock_transit(s, r, err);
	case 1:
		return crm_stock_receive(s, r, out, err);
	case 2:
		return crm_stock_issue(s, r, out, err);
	case 3:
		return crm_stock_move(s, r, out, err);
	case 4:
		return crm_stock_count(s, r, out, err);
	case 5:
		return crm_stock_count_finish(s, out, err);
	case 6:
		return crm_stock_location(s, r, err);
	default:
		return crm_rec_fail(r, err, CRM_EDATA, "verb", "unknown");
	}
}

/* The invariants of the ledger; abort when one does not hold. */
static void
check_ledger(void)
{
	unsigned long problems;
	sqlite3_stmt *st;
	crm_err err;

	if (crm_stock_check(db, out, &problems, &err) != CRM_OK ||
	    problems != 0 ||
	    crm_db_prepare(db, check_sql, &st, &err) != CRM_OK)
		abort();
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
		abort();
	sqlite3_finalize(st);
}

/* One record in a savepoint: kept, or refused and rolled back. */
static void
one(crm_stock *s, const char *text, size_t len, size_t n)
{
	crm_err err;
	int rc;

	if (crm_rec_parse(rec, text, len, &err) != CRM_OK)
		return;
	crm_rec_set_place(rec, "fuzz", (unsigned long)n + 1);
	if (crm_db_savepoint(db, &err) != CRM_OK)
		abort();
	rc = route(s, rec, n, &err);
	if (rc == CRM_OK) {
		if (crm_db_release(db, &err) != CRM_OK)
			abort();
	} else {
		if (rc != CRM_EDATA || err.msg[0] == '\0' ||
		    crm_db_rollback_to(db, &err) != CRM_OK)
			abort();
	}
	check_ledger();
}

static void
setup(void)
{
	crm_stock_opts o = { "2026-01-05", "2026-02-01T00:00:00Z", "L",
	    NULL, 0 };
	crm_stock *s = NULL;
	char path[96];
	crm_err err;
	size_t i;

	snprintf(path, sizeof(path), "/tmp/crm-fuzz-stock-%ld.db",
	    (long)getpid());
	unlink(path);
	if ((rec = crm_rec_new()) == NULL ||
	    crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK ||
	    crm_out_open(&out, "/dev/null", CRM_FMT_JSONL, 0, &err) !=
	    CRM_OK || crm_stock_new(db, &o, &s, &err) != CRM_OK ||
	    crm_db_begin(db, &err) != CRM_OK)
		abort();
	for (i = 0; i < sizeof(opening) / sizeof(opening[0]); i++) {
		if (crm_rec_parse(rec, opening[i], strlen(opening[i]), &err) !=
		    CRM_OK || route(s, rec, 0, &err) != CRM_OK)
			abort();
	}
	if (crm_db_commit(db, &err) != CRM_OK)
		abort();
	crm_stock_free(s);
	check_ledger();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_stock_opts o = { "2026-02-01", "2026-02-01T00:00:00Z", "L",
	    NULL, 1 };
	const char *p = (const char *)data, *end = p + size, *nl;
	crm_stock *s = NULL;
	size_t n = 0;
	crm_err err;

	if (db == NULL)
		setup();
	if (crm_stock_new(db, &o, &s, &err) != CRM_OK ||
	    crm_db_begin(db, &err) != CRM_OK)
		abort();
	for (; p < end && n < MAX_RECORDS; p = nl + 1, n++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		one(s, p, (size_t)(nl - p), n);
	}
	crm_db_rollback(db);
	crm_stock_free(s);
	return 0;
}
