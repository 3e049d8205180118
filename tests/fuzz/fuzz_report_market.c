/*
 * fuzz_report_market.c - the market-figure loader: any bytes as JSON
 * lines, each loaded by crm_market_load into a database that holds a few
 * figures.  Each record runs in a savepoint: it is upserted and counted
 * once (new, updated or unchanged), or refused with CRM_EDATA and a
 * message and rolled back.  After every record every stored figure has a
 * kind, a period key that parses as the kind its shape says, units of 0
 * or more, and an amount exactly when it has a currency; and the market
 * report over all of it is written without an error.
 * Each input runs in a transaction that is rolled back.
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
	"INSERT INTO market_figures (kind, period, segment, region, brand,"
	" units, amount_minor, currency, updated_at) VALUES"
	" ('registration', '2026-10', 'SUV', '', 'Ours', 300, NULL, NULL,"
	"  '2026-11-01T00:00:00Z'),"
	" ('registration', '2026-10', 'SUV', '', 'Rival', 500, 1500000,"
	"  'EUR', '2026-11-01T00:00:00Z'),"
	" ('retail', '2026-W53', 'Sedan', 'North', 'Rival', 0, NULL, NULL,"
	"  '2026-11-01T00:00:00Z');";

static const char check_sql[] =
	"SELECT count(*) FROM market_figures WHERE units < 0"
	" OR kind NOT IN ('wholesale', 'retail', 'registration')"
	" OR (amount_minor IS NULL) <> (currency IS NULL)"
	" OR amount_minor < 0 OR segment = '' OR brand = ''";

static const char periods_sql[] = "SELECT period FROM market_figures";

static crm_db *db;
static crm_rec *rec;

/* The invariants of the stored figures; abort when one does not hold. */
static void
check_figures(void)
{
	sqlite3_stmt *st;
	crm_err err;
	int rc;

	fuzz_db_none(db, check_sql);
	if (crm_db_prepare(db, periods_sql, &st, &err) != CRM_OK)
		abort();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (crm_period_key_parse((const char *)sqlite3_column_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0), NULL, NULL, NULL,
		    &err) != CRM_OK)
			abort();
	if (rc != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/* One record in a savepoint: counted once and kept, or refused and
 * rolled back. */
static void
one(const char *text, size_t len, size_t n)
{
	crm_market_counts c = { 0, 0, 0 };
	crm_err err;
	int rc;

	if (crm_rec_parse(rec, text, len, &err) != CRM_OK)
		return;
	crm_rec_set_place(rec, "fuzz", (unsigned long)n + 1);
	if (crm_db_savepoint(db, &err) != CRM_OK)
		abort();
	rc = crm_market_load(db, rec, "2026-11-22T08:00:00Z", &c, &err);
	if (rc == CRM_OK) {
		if (c.added + c.updated + c.unchanged != 1 ||
		    crm_db_release(db, &err) != CRM_OK)
			abort();
	} else if (rc != CRM_EDATA || err.msg[0] == '\0' ||
	    c.added + c.updated + c.unchanged != 0 ||
	    crm_db_rollback_to(db, &err) != CRM_OK) {
		abort();
	}
	check_figures();
}

/* The report over everything, to /dev/null; it must not fail. */
static void
report(void)
{
	crm_market_query q = { "Ours", NULL, NULL, NULL, NULL, NULL, NULL };
	crm_report_spec spec;
	crm_report *rep = NULL;
	crm_err err;

	crm_market_spec(&spec);
	if (crm_report_open(&rep, &spec, "/dev/null", CRM_FMT_JSONL, 0, NULL,
	    0, &err) != CRM_OK || crm_market_write(db, &q, rep, &err) !=
	    CRM_OK || crm_report_close(rep, &err) != CRM_OK)
		abort();
}

static void
setup(void)
{
	db = fuzz_db_open("market", fixture);
	if ((rec = crm_rec_new()) == NULL)
		abort();
	check_figures();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t n = 0;
	crm_err err;

	if (db == NULL)
		setup();
	if (crm_db_begin(db, &err) != CRM_OK)
		abort();
	for (; p < end && n < MAX_RECORDS; p = nl + 1, n++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		one(p, (size_t)(nl - p), n);
	}
	report();
	crm_db_rollback(db);
	return 0;
}
