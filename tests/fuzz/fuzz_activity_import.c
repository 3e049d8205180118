/*
 * fuzz_activity_import.c - the activity importer: any bytes as JSON
 * lines, each put in a savepoint over customers (one merged into
 * another, one merged in a chain), deals, contacts, reps, a lead and
 * units delivered (a serial to C1, a lot to C4, merged into C3 and C1).
 * Each record is stored, or refused with CRM_EDATA and a message and
 * rolled back.  After every record each activity has a known kind, a
 * time, a rep, a customer that was not merged away, a contact and a
 * deal of that customer only, and a unit (when service_on has one, as
 * it must) delivered to that customer or to one merged into it.  Each input runs in a transaction that is
 * rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 256

static const char fixture[] =
	"INSERT INTO reps (id, name, created_at) VALUES ('R1', 'R1', 'x'),"
	" ('R2', 'R2', 'x');"
	"INSERT INTO customers (id, name, owner_rep_id, merged_into,"
	" created_at) VALUES ('C1', 'One', 'R1', NULL, 'x'),"
	" ('C2', 'Two', NULL, NULL, 'x'), ('C3', 'Three', 'R2', 'C1', 'x'),"
	" ('C4', 'Four', 'R2', 'C3', 'x');"
	"INSERT INTO contacts (id, customer_id, name) VALUES"
	" ('P1', 'C1', 'P1'), ('P2', 'C2', 'P2');"
	"INSERT INTO deals (id, customer_id, owner_rep_id, stage, created_on)"
	" VALUES ('D1', 'C1', 'R2', 'proposal', '2026-01-01'),"
	" ('D2', NULL, 'R1', 'proposal', '2026-01-01'),"
	" ('D3', 'C2', NULL, 'won', '2026-01-01');"
	"INSERT INTO leads (id, source, source_id, status, created_at) VALUES"
	" ('L1', 'web', '1', 'new', 'x');"
	"INSERT INTO products (sku, name) VALUES ('P', 'P');"
	"INSERT INTO locations (id, name, kind) VALUES ('W', 'W', 'dealer');"
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, serial, location_id, recorded_at) VALUES"
	" (1, 'P', '2026-01-01', 1, 1, 'CNY', 'V1', 'W', 'x'),"
	" (2, 'P', '2026-01-01', 2, 1, 'CNY', NULL, 'W', 'x');"
	"INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,"
	" customer_id, recorded_at) VALUES"
	" (1, 'W', '2026-02-01', -1, 'issue', 'C1', 'x'),"
	" (2, 'W', '2026-02-01', -2, 'issue', 'C4', 'x');";

static const char check_sql[] =
	"SELECT count(*) FROM activities a"
	" LEFT JOIN customers c ON c.id = a.customer_id"
	" LEFT JOIN contacts p ON p.id = a.contact_id"
	" LEFT JOIN deals d ON d.id = a.deal_id"
	" WHERE a.kind NOT IN ('visit', 'call', 'email', 'meeting', 'task',"
	"  'sms')"
	" OR (a.planned_at IS NULL AND a.done_at IS NULL)"
	" OR a.rep_id IS NULL OR NOT EXISTS (SELECT 1 FROM reps r"
	"  WHERE r.id = a.rep_id)"
	" OR c.id IS NULL OR c.merged_into IS NOT NULL"
	" OR (a.contact_id IS NOT NULL AND p.customer_id IS NOT a.customer_id)"
	" OR (a.deal_id IS NOT NULL AND d.customer_id IS NOT NULL"
	"  AND d.customer_id IS NOT a.customer_id)"
	" OR (a.service_on IS NOT NULL AND a.unit IS NULL)"
	" OR (a.unit IS NOT NULL AND NOT (a.customer_id = 'C1'"
	"  AND a.unit IN ('V1', '2')))";

static crm_db *db;

/* One record in a savepoint: kept, or refused and rolled back. */
static void
one(crm_activity_writer *w, crm_rec *r, const char *text, size_t len,
    size_t n)
{
	crm_err err;
	int rc;

	if (crm_rec_parse(r, text, len, &err) != CRM_OK)
		return;
	crm_rec_set_place(r, "fuzz", (unsigned long)n + 1);
	if (crm_db_savepoint(db, &err) != CRM_OK)
		abort();
	rc = crm_activity_put(w, r, NULL, &err);
	if (rc == CRM_OK) {
		if (crm_db_release(db, &err) != CRM_OK)
			abort();
	} else if (rc == CRM_EDATA && err.msg[0] != '\0') {
		if (crm_db_rollback_to(db, &err) != CRM_OK)
			abort();
	} else {
		abort();
	}
	fuzz_db_none(db, check_sql);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	crm_activity_writer *w = NULL;
	crm_rec *r;
	crm_err err;
	size_t n;

	if (db == NULL)
		db = fuzz_db_open("activity", fixture);
	if ((r = crm_rec_new()) == NULL ||
	    crm_db_begin(db, &err) != CRM_OK ||
	    crm_activity_writer_new(db, 1763798400000LL, &w, &err) != CRM_OK)
		abort();
	for (n = 0; p < end && n < MAX_RECORDS; n++, p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		one(w, r, p, (size_t)(nl - p), n);
	}
	crm_db_rollback(db);
	crm_activity_writer_free(w);
	crm_rec_free(r);
	return 0;
}
