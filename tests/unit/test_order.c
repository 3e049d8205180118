/*
 * test_order.c - orders: the lifecycle table, moves by hand, the status
 * that follows from shipments, deliveries, invoices and payments, and the
 * arithmetic of creation (tax, discounts, returns).
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-order-XXXXXX";
static crm_err err;
static crm_db *db;

static const char fixture[] =
	"INSERT INTO customers (id, name, currency, credit_limit_minor,"
	" created_at) VALUES ('C1', 'One', 'CNY', 100000, '2026-01-01');"
	"INSERT INTO products (sku, name, list_price_minor, currency, active)"
	" VALUES ('A', 'A', 1000, 'CNY', 1);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" total_minor) VALUES ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY',"
	" 3000);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES ('O1', 1, 'A', 3, 1000, 3000);";

static const char *
status_of(const char *id)
{
	static char buf[32];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (crm_db_prepare(db, "SELECT status FROM orders WHERE id = ?1", &st,
	    &err) != CRM_OK)
		return "?";
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static void
test_table(void)
{
	CHECK_INT(crm_order_status_rank("draft"), 0);
	CHECK_INT(crm_order_status_rank("cancelled"), 9);
	CHECK_INT(crm_order_status_rank("lost"), -1);
	CHECK_INT(crm_order_status_rank(NULL), -1);
	CHECK(crm_order_can_move("draft", "confirmed"));
	CHECK(crm_order_can_move("scheduled", "cancelled"));
	CHECK(crm_order_can_move("paid", "closed"));
	CHECK(!crm_order_can_move("confirmed", "shipped"));
	CHECK(!crm_order_can_move("partly_shipped", "cancelled"));
	CHECK(!crm_order_can_move("closed", "draft"));
	CHECK(!crm_order_can_move(NULL, "draft"));
}

static void
test_moves(void)
{
	const char *at = "2026-11-02T00:00:00Z";

	CHECK_INT(crm_order_move(db, "O1", "shipped", NULL, at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "order O1: cannot go from confirmed to shipped "
	    "(allowed: cancelled; ship records shipments)");
	CHECK_INT(crm_order_move(db, "O1", "paid", NULL, at, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "; pay records payments)");
	CHECK_INT(crm_order_move(db, "O1", "gone", NULL, at, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "unknown status gone");
	CHECK_INT(crm_order_move(db, "NOPE", "closed", NULL, at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "no such order NOPE");
	CHECK_INT(crm_order_move(db, "O1", "cancelled", "", at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "order O1: cancelling needs a reason");
	CHECK_INT(crm_order_approve(db, "O1", NULL, at, &err), CRM_EDATA);
	CHECK_STR(err.msg, "order O1 is not held for credit approval");
	/* Billed in advance, nothing shipped: no longer cancelled. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO orders (id, customer_id,"
	    " order_date, status, currency, total_minor) VALUES ('O9', 'C1',"
	    " '2026-11-01', 'confirmed', 'CNY', 0);"
	    "INSERT INTO invoices (id, order_id, customer_id, issued_on,"
	    " amount_minor, currency, status) VALUES ('I9', 'O9', 'C1',"
	    " '2026-11-01', 0, 'CNY', 'paid')", &err), CRM_OK);
	CHECK_INT(crm_order_move(db, "O9", "cancelled", "no", at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "order O9 has been invoiced: it can no longer be "
	    "cancelled");
	/* A closed order goes nowhere. */
	CHECK_INT(crm_db_exec(db, "UPDATE orders SET status = 'closed'"
	    " WHERE id = 'O9'", &err), CRM_OK);
	CHECK_INT(crm_order_move(db, "O9", "confirmed", NULL, at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "order O9: cannot go from closed to confirmed "
	    "(allowed: none)");
}

/* Ship, deliver, invoice and pay by hand in SQL: refresh follows. */
static void
test_refresh(void)
{
	const char *at = "2026-11-03T00:00:00Z";
	crm_ship_line one = { 1, 1 }, two = { 1, 2 };
	crm_shipment sh;

	memset(&sh, 0, sizeof(sh));
	sh.order_id = "O1";
	sh.shipped_at = at;
	sh.lines = &one;
	sh.nlines = 1;
	CHECK_INT(crm_order_ship(db, &sh, NULL, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "partly_shipped");
	CHECK_INT(crm_order_move(db, "O1", "cancelled", "late", at, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "order O1 has shipped 1 of 3 units: it can no "
	    "longer be cancelled");
	sh.lines = &two;
	sh.id = "S2";
	CHECK_INT(crm_order_ship(db, &sh, NULL, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "shipped");
	CHECK_INT(crm_order_ship(db, &sh, NULL, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "only confirmed, scheduled or partly shipped");
	CHECK_INT(crm_order_deliver(db, "O1-S1", "2026-11-04", at, &err),
	    CRM_OK);
	CHECK_STR(status_of("O1"), "shipped");
	CHECK_INT(crm_order_deliver(db, "S2", "2026-11-05", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "delivered");
	CHECK_INT(crm_order_deliver(db, "S2", "2026-11-05", at, &err),
	    CRM_EDATA);
	CHECK_INT(crm_order_deliver(db, "S3", "2026-11-31", at, &err),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "no such date");
	/* Invoiced only when the whole total is. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO invoices (id, order_id,"
	    " customer_id, issued_on, amount_minor, currency, status) VALUES"
	    " ('I1', 'O1', 'C1', '2026-11-05', 1000, 'CNY', 'open')", &err),
	    CRM_OK);
	CHECK_INT(crm_order_refresh(db, "O1", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "delivered");
	CHECK_INT(crm_db_exec(db, "INSERT INTO invoices (id, order_id,"
	    " customer_id, issued_on, amount_minor, currency, status) VALUES"
	    " ('I2', 'O1', 'C1', '2026-11-05', 2000, 'CNY', 'open')", &err),
	    CRM_OK);
	CHECK_INT(crm_order_refresh(db, "O1", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "invoiced");
	CHECK_INT(crm_db_exec(db, "INSERT INTO payments VALUES ('P1', 'C1',"
	    " '2026-11-06', 3000, 'CNY', NULL);"
	    "INSERT INTO payment_allocations VALUES ('P1', 'I1', 1000),"
	    " ('P1', 'I2', 1999)", &err), CRM_OK);
	CHECK_INT(crm_order_refresh(db, "O1", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "invoiced");
	CHECK_INT(crm_db_exec(db, "UPDATE payment_allocations SET"
	    " amount_minor = 2000 WHERE invoice_id = 'I2'", &err), CRM_OK);
	CHECK_INT(crm_order_refresh(db, "O1", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "paid");
	CHECK_INT(crm_order_move(db, "O1", "closed", NULL, at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "closed");
	/* A closed order stays closed. */
	CHECK_INT(crm_order_refresh(db, "O1", at, &err), CRM_OK);
	CHECK_STR(status_of("O1"), "closed");
}

/* One order through the creator; its totals as "sub/disc/tax/total". */
static const char *
create(const char *tax, const char *json)
{
	static char buf[128];
	crm_order_create_opts o;
	crm_order_creator *cr = NULL;
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	int rc;

	memset(&o, 0, sizeof(o));
	o.tax_rate = tax;
	o.now = 1795334400000LL;
	rc = crm_rec_parse(r, json, strlen(json), &err);
	if (rc == CRM_OK)
		rc = crm_order_creator_new(db, NULL, NULL, NULL, &o, &cr, &err);
	if (rc == CRM_OK)
		rc = crm_order_create(cr, &r, 1, NULL, &err);
	crm_order_creator_free(cr);
	crm_rec_free(r);
	if (rc != CRM_OK)
		return err.msg;
	if (crm_db_prepare(db, "SELECT subtotal_minor, discount_minor,"
	    " tax_minor, total_minor FROM orders ORDER BY rowid DESC LIMIT 1",
	    &st, &err) != CRM_OK || sqlite3_step(st) != SQLITE_ROW)
		return "?";
	snprintf(buf, sizeof(buf), "%lld/%lld/%lld/%lld",
	    (long long)sqlite3_column_int64(st, 0),
	    (long long)sqlite3_column_int64(st, 1),
	    (long long)sqlite3_column_int64(st, 2),
	    (long long)sqlite3_column_int64(st, 3));
	sqlite3_finalize(st);
	return buf;
}

static void
test_create_arithmetic(void)
{
	/* 3 x 10.00 - 0.01, tax 13% of 29.99 = 3.8987 -> 3.90 */
	CHECK_STR(create("13", "{\"id\":\"N1\",\"customer_id\":\"C1\","
	    "\"lines\":[{\"sku\":\"A\",\"qty\":3,\"discount\":\"0.01\"}]}"),
	    "3000/1/390/3389");
	/* 7 x 0.15 = 1.05; 12.5% tax of 1.05 = 0.13125 -> 0.13 */
	CHECK_STR(create("12.5", "{\"id\":\"N2\",\"customer_id\":\"C1\","
	    "\"lines\":[{\"sku\":\"A\",\"qty\":7,\"price\":\"0.15\"}]}"),
	    "105/0/13/118");
	/* A return: negative quantities, a negative total, tax too. */
	CHECK_STR(create("10", "{\"id\":\"N3\",\"customer_id\":\"C1\","
	    "\"kind\":\"return\",\"lines\":[{\"sku\":\"A\",\"qty\":-2,"
	    "\"price\":\"0.05\"}]}"), "-10/0/-1/-11");
	CHECK_STR(create(NULL, "{\"id\":\"N4\",\"customer_id\":\"C1\","
	    "\"kind\":\"return\",\"lines\":[{\"sku\":\"A\",\"qty\":2}]}"),
	    "qty: 2: a return's quantities are negative");
	/* Over the limit of 1000.00 with what is open (33.89 + 1.18, less
	 * the return's 0.11): refused. */
	CHECK_STR(create(NULL, "{\"id\":\"N5\",\"customer_id\":\"C1\","
	    "\"lines\":[{\"sku\":\"A\",\"qty\":1,\"price\":\"990\"}]}"),
	    "customer_id: credit limit of C1 is 1000.00: open 34.96 + this "
	    "order 990.00 is over it (--hold keeps such orders as drafts for "
	    "approval)");
	CHECK_STR(create(NULL, "{\"id\":\"N6\",\"customer_id\":\"C1\","
	    "\"lines\":[]}"), "lines: an order needs at least one line");
	CHECK_STR(create(NULL, "{\"id\":\"N7\",\"customer_id\":\"C1\","
	    "\"lines\":[{\"sku\":\"A\",\"qty\":1},[1]]}"),
	    "lines: line 2 is not an object");
}

int
main(void)
{
	char path[64];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/o.db", dir);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_table);
	RUN(test_moves);
	RUN(test_refresh);
	RUN(test_create_arithmetic);
	crm_db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	DONE();
}
