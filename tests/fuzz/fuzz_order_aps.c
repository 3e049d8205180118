/*
 * fuzz_order_aps.c - APS feedback: any bytes as feedback records against
 * one order.  Each record is applied or refused with CRM_EDATA and a
 * message; the order's scheduled date stays a date and its status one of
 * the lifecycle's.  Each input runs in a transaction that is rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES ('C1', 'One',"
	" '2026-01-01');"
	"INSERT INTO products (sku, name, bom_code, active) VALUES"
	" ('X5', 'X5', 'B1', 1);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" total_minor) VALUES ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY', 0),"
	" ('O2', 'C1', '2026-11-01', 'draft', 'CNY', 0);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor, order_code) VALUES"
	" ('O1', 1, 'X5', 1, 0, 0, '0126114700011PW00'),"
	" ('O2', 1, 'X5', 1, 0, 0, '0126114700021PW00');";

static const char check_sql[] =
	"SELECT count(*) FROM orders WHERE status NOT IN ('confirmed',"
	" 'scheduled', 'draft') OR (scheduled_on IS NOT NULL"
	" AND date(scheduled_on) IS NOT scheduled_on)";

static crm_db *db;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	crm_in *in;
	crm_err err;
	char path[96];
	int rc;

	if (db == NULL) {
		snprintf(path, sizeof(path), "/tmp/crm-fuzz-aps-%ld.db",
		    (long)getpid());
		unlink(path);
		if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
		    crm_db_exec(db, fixture, &err) != CRM_OK)
			abort();
	}
	if (r == NULL || crm_in_open(&in, fuzz_file("aps", data, size),
	    CRM_FMT_JSONL, &err) != CRM_OK || crm_db_begin(db, &err) != CRM_OK)
		abort();
	while ((rc = crm_in_read(in, r, &err)) == CRM_OK || rc == CRM_EDATA) {
		if (rc != CRM_OK)
			continue;
		rc = crm_order_import_aps(db, r, "2026-11-22T08:00:00Z", &err);
		if (rc != CRM_OK && (rc != CRM_EDATA || err.msg[0] == '\0'))
			abort();
	}
	if (crm_db_prepare(db, check_sql, &st, &err) != CRM_OK ||
	    sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
		abort();
	sqlite3_finalize(st);
	crm_db_rollback(db);
	crm_in_close(in);
	crm_rec_free(r);
	return 0;
}
