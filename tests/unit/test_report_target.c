/*
 * test_report_target.c - targets: loading (insert, update, unchanged,
 * every refusal), and the report: sales to the as-of day and the open
 * pipeline after it, to the day on both edges, rounded per deal, in the
 * target's currency; week 53; a target of zero; a qty target; the
 * query's checks.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-report-target-XXXXXX";
static char outpath[96];
static crm_err err;
static crm_db *db;
static crm_deal_stages *stages;

/*
 * Orders of R1 (team T1): O1 on 2026-11-01, O2 on 2026-11-22 (the as-of
 * day), O3 on 2026-11-23 (after it), O4 in EUR, O5 cancelled; R2 (team
 * T2) O6 in week 53 (2027-01-03, its Sunday).  Deals of R1, open unless
 * said: D1 due on the as-of day (not counted), D2 the day after, 33% of
 * 333.33 = 110.00 (109.9989), D3 won, D4 lost, D5 no probability
 * (proposal: 50%) of 0.05 = 0.03, D6 in EUR, D7 due in December.
 */
static const char fixture[] =
	"INSERT INTO teams (id, name, created_at) VALUES ('T1', 'One', 'x'),"
	" ('T2', 'Two', 'x');"
	"INSERT INTO reps (id, name, team_id, created_at) VALUES"
	" ('R1', 'Ann', 'T1', 'x'), ('R2', 'Bob', 'T2', 'x');"
	"INSERT INTO customers (id, name, region, created_at) VALUES"
	" ('C1', 'One', 'East', 'x');"
	"INSERT INTO products (sku, name) VALUES ('A', 'A'), ('B', 'B');"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" rep_id, region) VALUES"
	" ('O1', 'C1', '2026-11-01', 'confirmed', 'CNY', 'R1', 'East'),"
	" ('O2', 'C1', '2026-11-22', 'shipped', 'CNY', 'R1', 'East'),"
	" ('O3', 'C1', '2026-11-23', 'confirmed', 'CNY', 'R1', 'East'),"
	" ('O4', 'C1', '2026-11-05', 'confirmed', 'EUR', 'R1', 'East'),"
	" ('O5', 'C1', '2026-11-05', 'cancelled', 'CNY', 'R1', 'East'),"
	" ('O6', 'C1', '2027-01-03', 'closed', 'CNY', 'R2', 'West');"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES"
	" ('O1', 1, 'A', 1, 10000, 10000), ('O1', 2, 'B', 2, 150, 300),"
	" ('O2', 1, 'A', 1, 20000, 20000), ('O3', 1, 'A', 1, 40000, 40000),"
	" ('O4', 1, 'A', 1, 700, 700), ('O5', 1, 'A', 9, 10000, 90000),"
	" ('O6', 1, 'B', 3, 100, 300);"
	"INSERT INTO deals (id, customer_id, owner_rep_id, product,"
	" amount_minor, currency, stage, probability, expected_close,"
	" created_on) VALUES"
	" ('D1', 'C1', 'R1', 'A', 100000, 'CNY', 'proposal', 50,"
	"  '2026-11-22', 'x'),"
	" ('D2', 'C1', 'R1', 'A', 33333, 'CNY', 'negotiation', 33,"
	"  '2026-11-23', 'x'),"
	" ('D3', 'C1', 'R1', 'A', 100000, 'CNY', 'won', 100, '2026-11-25',"
	"  'x'),"
	" ('D4', 'C1', 'R1', 'A', 100000, 'CNY', 'Lost', 0, '2026-11-25', 'x'),"
	" ('D5', 'C1', 'R1', 'B', 5, 'CNY', 'proposal', NULL, '2026-11-30',"
	"  'x'),"
	" ('D6', 'C1', 'R1', 'A', 100000, 'EUR', 'proposal', 50, '2026-11-25',"
	"  'x'),"
	" ('D7', 'C1', 'R1', 'A', 100000, 'CNY', 'proposal', 50, '2026-12-01',"
	"  'x');";

/* Load one record; returns its code. */
static int
load(crm_targets_loader *tl, const char *json)
{
	crm_rec *r = crm_rec_new();
	int rc;

	if (r == NULL || crm_rec_parse(r, json, strlen(json), &err) != CRM_OK) {
		crm_rec_free(r);
		return -1;
	}
	crm_rec_set_place(r, "t.jsonl", 7);
	rc = crm_targets_load(tl, r, &err);
	crm_rec_free(r);
	return rc;
}

static void
test_load(void)
{
	crm_targets_loader *tl = NULL;
	const crm_targets_counts *c;

	CHECK_INT(crm_targets_loader_new(db, "2026-11-22T08:00:00Z", &tl,
	    &err), CRM_OK);
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"rep\",\"scope_id\":\"R1\","
	    "\"period\":\"2026-11\",\"amount\":\"600\",\"currency\":\"CNY\","
	    "\"qty\":4}"), CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"rep\",\"scope_id\":\"R1\","
	    "\"period\":\"2026-11\",\"amount\":600.00,\"currency\":\"CNY\","
	    "\"qty\":\"4\"}"), CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"company\",\"scope_id\":\"\","
	    "\"period\":\"2026-W53\",\"amount\":\"0\",\"currency\":\"CNY\"}"),
	    CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"team\",\"scope_id\":\"T2\","
	    "\"period\":\"2026-W53\",\"amount\":\"5.00\",\"currency\":\"CNY\","
	    "\"note\":\"n\"}"), CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"team\",\"scope_id\":\"T2\","
	    "\"period\":\"2026-W53\",\"amount\":\"6.00\",\"currency\":\"CNY\","
	    "\"note\":\"n\"}"), CRM_OK);
	CHECK_INT(load(tl, "{\"scope\":\"region\",\"scope_id\":\"East\","
	    "\"period\":\"2026-Q4\",\"qty\":10}"), CRM_OK);
	c = crm_targets_counts_of(tl);
	CHECK_INT(c->inserted, 4);
	CHECK_INT(c->updated, 1);
	CHECK_INT(c->unchanged, 1);

	CHECK_INT(load(tl, "{\"scope\":\"team\",\"scope_id\":\"T9\","
	    "\"period\":\"2026\",\"qty\":1}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:7: scope_id: no such team T9");
	CHECK_INT(load(tl, "{\"scope\":\"product\",\"scope_id\":\"Z\","
	    "\"period\":\"2026\",\"qty\":1}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:7: scope_id: no such product Z");
	CHECK_INT(load(tl, "{\"scope\":\"region\",\"scope_id\":\"East\","
	    "\"period\":\"2025-W53\",\"qty\":1}"), CRM_EDATA);
	CHECK_HAS(err.msg, "t.jsonl:7: period: not a period key");
	CHECK_INT(load(tl, "{\"scope\":\"region\",\"scope_id\":\"East\","
	    "\"period\":\"2026-11-01\",\"qty\":1}"), CRM_EDATA);
	CHECK_HAS(err.msg, "period: not a period key");
	CHECK_INT(load(tl, "{\"scope\":\"region\",\"scope_id\":\"East\","
	    "\"period\":\"2026-Q04\",\"qty\":1}"), CRM_EDATA);
	CHECK_HAS(err.msg, "period: not a period key");
	CHECK_INT(load(tl, "{\"scope\":\"company\",\"period\":\"2026\","
	    "\"amount\":\"-1.00\",\"currency\":\"CNY\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:7: amount: below zero");
	CHECK_INT(load(tl, "{\"scope\":\"company\",\"period\":\"2026\","
	    "\"amount\":\"1.00\",\"currency\":\"XXX\"}"), CRM_EDATA);
	CHECK_HAS(err.msg, "t.jsonl:7: currency: ");
	CHECK_INT(load(tl, "{\"scope\":\"company\",\"period\":2026,"
	    "\"qty\":1}"), CRM_EDATA);
	CHECK_HAS(err.msg, "t.jsonl:7: period: ");
	CHECK_INT(load(tl, "{\"scope\":\"company\",\"period\":\"2026\","
	    "\"qty\":1,\"note\":7}"), CRM_EDATA);
	CHECK_HAS(err.msg, "t.jsonl:7: note: ");
	CHECK_INT(c->inserted + c->updated + c->unchanged, 6);
	CHECK_INT(crm_db_commit(db, &err), CRM_OK);
	crm_targets_loader_free(tl);
	crm_targets_loader_free(NULL);
}

/* The report of q as JSON lines. */
static const char *
report(const crm_target_query *q)
{
	static char buf[8192];
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	size_t n, nkeys;
	FILE *fp;

	spec.columns = crm_report_target_columns(&n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	if (crm_report_open(&rep, &spec, outpath, CRM_FMT_JSONL, 0, NULL, 0,
	    &err) != CRM_OK)
		return "open";
	if (crm_report_target_write(db, q, rep, &err) != CRM_OK) {
		crm_report_abort(rep);
		return err.msg;
	}
	if (crm_report_close(rep, &err) != CRM_OK ||
	    (fp = fopen(outpath, "r")) == NULL)
		return "close";
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_report(void)
{
	crm_target_query q = { NULL, NULL, NULL, NULL, "2026-11-22", NULL };

	q.stages = stages;
	/* Actual 100.00 + 3.00 + 200.00 = 303.00 (not O3 after the day,
	 * not EUR, not cancelled); units 1 + 2 + 1 + 1 (EUR) = 5; pipeline
	 * 110.00 + 0.03 from D2 and D5. */
	q.scope = "rep";
	CHECK_STR(report(&q), "{\"scope\":\"rep\",\"scope_id\":\"R1\","
	    "\"period\":\"2026-11\",\"currency\":\"CNY\",\"target\":\"600.00\","
	    "\"actual\":\"303.00\",\"pipeline\":\"110.03\","
	    "\"forecast\":\"413.03\",\"gap\":\"297.00\","
	    "\"forecast_gap\":\"186.97\",\"achieved_percent\":50.5,"
	    "\"forecast_percent\":68.8,\"target_qty\":4,\"actual_qty\":5,"
	    "\"qty_gap\":-1,\"qty_percent\":125.0,\"note\":null}\n");
	/* A day later O3 counts and D2 no longer does. */
	q.as_of = "2026-11-23";
	CHECK_HAS(report(&q), "\"actual\":\"703.00\",\"pipeline\":\"0.03\"");
	/* After the month: no pipeline. */
	q.as_of = "2027-02-01";
	CHECK_HAS(report(&q), "\"actual\":\"703.00\",\"pipeline\":\"0.00\","
	    "\"forecast\":\"703.00\"");
	/* Before it: nothing sold, the whole month's pipeline (D1 too). */
	q.as_of = "2026-10-31";
	CHECK_HAS(report(&q), "\"actual\":\"0.00\",\"pipeline\":\"610.03\"");

	/* Week 53: 2026-12-28 to 2027-01-03; the company's target of zero
	 * has no percent; team T2's O6 on the week's Sunday counts. */
	q.scope = NULL;
	q.period = "2026-W53";
	q.as_of = "2027-01-03";
	CHECK_STR(report(&q), "{\"scope\":\"company\",\"scope_id\":\"\","
	    "\"period\":\"2026-W53\",\"currency\":\"CNY\",\"target\":\"0.00\","
	    "\"actual\":\"3.00\",\"pipeline\":\"0.00\",\"forecast\":\"3.00\","
	    "\"gap\":\"-3.00\",\"forecast_gap\":\"-3.00\","
	    "\"achieved_percent\":null,\"forecast_percent\":null,"
	    "\"target_qty\":null,\"actual_qty\":3,\"qty_gap\":null,"
	    "\"qty_percent\":null,\"note\":null}\n"
	    "{\"scope\":\"team\",\"scope_id\":\"T2\",\"period\":\"2026-W53\","
	    "\"currency\":\"CNY\",\"target\":\"6.00\",\"actual\":\"3.00\","
	    "\"pipeline\":\"0.00\",\"forecast\":\"3.00\",\"gap\":\"3.00\","
	    "\"forecast_gap\":\"3.00\",\"achieved_percent\":50.0,"
	    "\"forecast_percent\":50.0,\"target_qty\":null,\"actual_qty\":3,"
	    "\"qty_gap\":null,\"qty_percent\":null,\"note\":\"n\"}\n");
	q.as_of = "2027-01-02";
	CHECK_HAS(report(&q), "\"actual\":\"0.00\"");

	/* A quantity only: units of the region's orders in every currency
	 * (1 + 2 + 1 + 1; O3 after the day). */
	q.period = "2026-Q4";
	q.as_of = "2026-11-22";
	CHECK_HAS(report(&q), "\"scope\":\"region\",\"scope_id\":\"East\","
	    "\"period\":\"2026-Q4\",\"currency\":null,\"target\":null");
	CHECK_HAS(report(&q), "\"target_qty\":10,\"actual_qty\":5,"
	    "\"qty_gap\":5,\"qty_percent\":50.0");

	/* Dates take the periods inside them. */
	q.period = NULL;
	q.from = "2026-11-01";
	q.to = "2026-11-30";
	CHECK_HAS(report(&q), "\"period\":\"2026-11\"");
	CHECK(strstr(report(&q), "W53") == NULL);
	q.to = "2026-11-29";
	CHECK_STR(report(&q), "");
}

static void
test_query_check(void)
{
	crm_target_query q = { NULL, NULL, NULL, NULL, NULL, NULL };

	CHECK_INT(crm_target_query_check(&q, &err), CRM_OK);
	q.scope = "store";
	CHECK_INT(crm_target_query_check(&q, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "--scope: store is not one of");
	q.scope = "team";
	q.period = "2026-W54";
	CHECK_INT(crm_target_query_check(&q, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "--period-key: not a period key");
	q.period = "2026-W53";
	q.as_of = "2026-13-01";
	CHECK_INT(crm_target_query_check(&q, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "--as-of: ");
}

int
main(void)
{
	char path[96];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(outpath, sizeof(outpath), "%s/out.jsonl", dir);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK ||
	    crm_deal_stages_load("share/crm/deal-stages.json", &stages,
	    &err) != CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_load);
	RUN(test_report);
	RUN(test_query_check);
	crm_deal_stages_free(stages);
	crm_db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	DONE();
}
