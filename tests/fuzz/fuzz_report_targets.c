/*
 * fuzz_report_targets.c - the targets loader: any bytes as JSON lines,
 * each loaded in a savepoint against a fixture with reps, teams,
 * products, orders and deals: written, or refused with CRM_EDATA and a
 * message and rolled back.  After every record the counts add up to the
 * records taken, and every row of table targets is one the loader may
 * write: a known scope, a scope id that exists (none for the company),
 * a period key as crm_date_bucket writes it, an amount with a currency
 * or a qty, nothing below zero.  At the end the target report runs over
 * what was loaded without an error.  Each input runs in a transaction
 * that is rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 256

static const char fixture[] =
	"INSERT INTO teams (id, name, created_at) VALUES ('T1', 'One', 'x');"
	"INSERT INTO reps (id, name, team_id, created_at) VALUES"
	" ('R1', 'Ann', 'T1', 'x'), ('R2', 'Bob', NULL, 'x');"
	"INSERT INTO customers (id, name, region, created_at) VALUES"
	" ('C1', 'One', 'East', 'x');"
	"INSERT INTO products (sku, name) VALUES ('A', 'A'), ('B', 'B');"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" rep_id, region) VALUES"
	" ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY', 'R1', 'East'),"
	" ('O2', 'C1', '2027-01-02', 'paid', 'EUR', 'R2', NULL);"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES"
	" ('O1', 1, 'A', 2, 100, 200), ('O2', 1, 'B', -1, 50, -50);"
	"INSERT INTO deals (id, customer_id, owner_rep_id, product,"
	" amount_minor, currency, stage, probability, expected_close,"
	" created_on) VALUES"
	" ('D1', 'C1', 'R1', 'A', 999, 'CNY', 'proposal', NULL,"
	"  '2026-12-01', 'x'),"
	" ('D2', 'C1', 'R2', 'B', 5, 'EUR', 'nowhere', 33, '2026-12-31', 'x');";

static const char stages_json[] =
	"{\"stages\": ["
	"{\"name\": \"proposal\", \"probability\": 50,"
	" \"forecast_category\": \"best_case\"},"
	"{\"name\": \"won\", \"probability\": 100,"
	" \"forecast_category\": \"closed\", \"outcome\": \"won\"},"
	"{\"name\": \"lost\", \"probability\": 0,"
	" \"forecast_category\": \"closed\", \"outcome\": \"lost\"}]}\n";

/* Rows a correct loader never writes. */
static const char check_sql[] =
	"SELECT count(*) FROM targets WHERE"
	" scope NOT IN ('company', 'rep', 'team', 'region', 'product')"
	" OR (scope = 'company') <> (scope_id = '')"
	" OR (scope = 'rep' AND scope_id NOT IN (SELECT id FROM reps))"
	" OR (scope = 'team' AND scope_id NOT IN (SELECT id FROM teams))"
	" OR (scope = 'product' AND scope_id NOT IN (SELECT sku FROM products))"
	" OR (amount_minor IS NULL) <> (currency IS NULL)"
	" OR amount_minor < 0 OR qty < 0"
	" OR (amount_minor IS NULL AND qty IS NULL)";

static crm_db *db;
static crm_rec *rec;
static crm_deal_stages *stages;

static void
check_targets(void)
{
	static const char keys_sql[] = "SELECT period FROM targets";
	char again[CRM_DATE_BUFSZ];
	const char *key;
	sqlite3_stmt *st;
	crm_period p;
	int32_t first;
	crm_err err;

	fuzz_db_none(db, check_sql);
	if (crm_db_prepare(db, keys_sql, &st, &err) != CRM_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		if (crm_period_key_parse(key, strlen(key), &p, &first, NULL,
		    &err) != CRM_OK || p == CRM_PERIOD_DAY ||
		    strcmp(crm_date_bucket(first, p, again), key) != 0)
			abort();
	}
	sqlite3_finalize(st);
}

/* The report over what is loaded, as of a day the bytes pick. */
static void
run_report(const uint8_t *data, size_t size)
{
	static const char *const days[] = { "2026-10-15", "2026-11-22",
	    "2026-12-31", "2027-01-03" };
	crm_target_query q = { NULL, NULL, NULL, NULL, NULL, NULL };
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	size_t n, nkeys;
	crm_err err;

	q.as_of = days[size > 0 ? data[0] % 4 : 0];
	q.stages = stages;
	spec.columns = crm_report_target_columns(&n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	spec.chart.kind = CRM_CHART_BARS;
	spec.chart.y = "achieved_percent";
	if (crm_report_open(&rep, &spec, "/dev/null", CRM_FMT_JSONL, 0, NULL,
	    0, &err) != CRM_OK ||
	    crm_report_target_write(db, &q, rep, &err) != CRM_OK ||
	    crm_report_close(rep, &err) != CRM_OK)
		abort();
}

static void
setup(void)
{
	crm_err err;

	db = fuzz_db_open("targets", fixture);
	if ((rec = crm_rec_new()) == NULL ||
	    crm_deal_stages_load(fuzz_file("targets-stages",
	    (const uint8_t *)stages_json, strlen(stages_json)), &stages,
	    &err) != CRM_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	const crm_targets_counts *c;
	crm_targets_loader *tl = NULL;
	unsigned long taken = 0;
	size_t n = 0;
	crm_err err;
	int rc;

	if (db == NULL)
		setup();
	if (crm_targets_loader_new(db, "2026-11-22T08:00:00Z", &tl, &err) !=
	    CRM_OK || crm_db_begin(db, &err) != CRM_OK)
		abort();
	c = crm_targets_counts_of(tl);
	for (; p < end && n < MAX_RECORDS; p = nl + 1, n++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (crm_rec_parse(rec, p, (size_t)(nl - p), &err) != CRM_OK)
			continue;
		crm_rec_set_place(rec, "fuzz", (unsigned long)n + 1);
		if (crm_db_savepoint(db, &err) != CRM_OK)
			abort();
		rc = crm_targets_load(tl, rec, &err);
		if (rc == CRM_OK) {
			taken++;
			if (crm_db_release(db, &err) != CRM_OK)
				abort();
		} else if (rc != CRM_EDATA || err.msg[0] == '\0' ||
		    crm_db_rollback_to(db, &err) != CRM_OK)
			abort();
		if (c->inserted + c->updated + c->unchanged != taken)
			abort();
		check_targets();
	}
	run_report(data, size);
	crm_db_rollback(db);
	crm_targets_loader_free(tl);
	return 0;
}
