/*
 * test_report_sales.c - the sales cube: periods with no sale filled in,
 * the year before and the period before (ISO week 53 has no year-ago
 * week), shares, a single sale, and the database's SQL periods against
 * the same sales as records.
 */
#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"
#include "t.h"

static char path[64];

/* The rows of s as JSON lines, only the fields in keep (NULL: all);
 * malloc'd. */
static char *
render(crm_sales *s, const char *const *keep, size_t nkeep)
{
	const char *const *cols;
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	size_t n, nkeys, len;
	char *text = NULL;
	crm_err err;
	FILE *f;

	cols = crm_sales_columns(s, &n, &nkeys);
	spec.title = "t";
	spec.columns = cols;
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	if (crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, keep, nkeep,
	    &err) != CRM_OK || crm_sales_write(s, rep, &err) != CRM_OK ||
	    crm_report_close(rep, &err) != CRM_OK) {
		T_FAIL("render: %s", err.msg);
		return NULL;
	}
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	text = calloc(1, 65536);
	len = fread(text, 1, 65535, f);
	text[len] = '\0';
	fclose(f);
	return text;
}

/* Add each line of recs (JSON objects) to s; the result of the first
 * that fails. */
static int
add_all(crm_sales *s, const char *recs, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	const char *p = recs, *nl;
	unsigned long line = 0;
	int rc = CRM_OK;

	while (rc == CRM_OK && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((rc = crm_rec_parse(r, p, (size_t)(nl - p), err)) ==
		    CRM_OK) {
			crm_rec_set_place(r, "t", ++line);
			rc = crm_sales_add(s, r, err);
		}
		p = *nl != '\0' ? nl + 1 : nl;
	}
	crm_rec_free(r);
	return rc;
}

/* The rows of records recs reported by dims and period p from from to
 * to, keeping the fields in keep. */
static char *
report(const char *dims, crm_period p, const char *from, const char *to,
    const char *recs, const char *const *keep, size_t nkeep)
{
	crm_sales *s = NULL;
	char *text = NULL;
	crm_err err;

	if (crm_sales_new(dims, p, from, to, &s, &err) != CRM_OK ||
	    add_all(s, recs, &err) != CRM_OK)
		T_FAIL("report: %s", err.msg);
	else
		text = render(s, keep, nkeep);
	crm_sales_free(s);
	return text;
}

static const char *const brief[] = { "region", "period", "qty", "amount",
	"share_pct" };

static void
test_gaps(void)
{
	char *text = report("region", CRM_PERIOD_MONTH, NULL, NULL,
	    "{\"order_date\":\"2026-01-10\",\"qty\":2,\"amount\":\"10.00\","
	    "\"currency\":\"EUR\",\"region\":\"N\"}\n"
	    "{\"order_date\":\"2026-04-30\",\"qty\":1,\"amount\":\"5.00\","
	    "\"currency\":\"EUR\",\"region\":\"N\"}\n"
	    "{\"order_date\":\"2026-02-01\",\"qty\":1,\"amount\":\"30.00\","
	    "\"currency\":\"EUR\",\"region\":\"S\"}\n"
	    "{\"order_date\":\"2026-02-02\",\"qty\":1,\"amount\":\"1.00\","
	    "\"currency\":\"EUR\"}\n", brief, 5);

	/* Every month from the first sale to the last for every region
	 * (no region: null, first), zeros where it sold nothing. */
	CHECK_STR(text,
	    "{\"region\":null,\"period\":\"2026-01\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":0.0}\n"
	    "{\"region\":null,\"period\":\"2026-02\",\"qty\":1,"
	    "\"amount\":\"1.00\",\"share_pct\":3.2}\n"
	    "{\"region\":null,\"period\":\"2026-03\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":null}\n"
	    "{\"region\":null,\"period\":\"2026-04\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":0.0}\n"
	    "{\"region\":\"N\",\"period\":\"2026-01\",\"qty\":2,"
	    "\"amount\":\"10.00\",\"share_pct\":100.0}\n"
	    "{\"region\":\"N\",\"period\":\"2026-02\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":0.0}\n"
	    "{\"region\":\"N\",\"period\":\"2026-03\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":null}\n"
	    "{\"region\":\"N\",\"period\":\"2026-04\",\"qty\":1,"
	    "\"amount\":\"5.00\",\"share_pct\":100.0}\n"
	    "{\"region\":\"S\",\"period\":\"2026-01\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":0.0}\n"
	    "{\"region\":\"S\",\"period\":\"2026-02\",\"qty\":1,"
	    "\"amount\":\"30.00\",\"share_pct\":96.8}\n"
	    "{\"region\":\"S\",\"period\":\"2026-03\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":null}\n"
	    "{\"region\":\"S\",\"period\":\"2026-04\",\"qty\":0,"
	    "\"amount\":\"0.00\",\"share_pct\":0.0}\n");
	free(text);
}

static const char *const changes[] = { "period", "amount", "amount_ly",
	"yoy_pct", "amount_prev", "pop_pct" };

static void
test_week53(void)
{
	/* 2026 has 53 ISO weeks, 2025 52: 2026-W53 has no year-ago week,
	 * and 2027-W01 follows it.  2026-12-31 and 2027-01-03 are in W53. */
	const char *sales =
	    "{\"order_date\":\"2025-12-22\",\"qty\":1,\"amount\":\"80.00\","
	    "\"currency\":\"EUR\"}\n"
	    "{\"order_date\":\"2026-01-02\",\"qty\":1,\"amount\":\"40.00\","
	    "\"currency\":\"EUR\"}\n"
	    "{\"order_date\":\"2026-12-21\",\"qty\":1,\"amount\":\"100.00\","
	    "\"currency\":\"EUR\"}\n"
	    "{\"order_date\":\"2026-12-31\",\"qty\":1,\"amount\":\"60.00\","
	    "\"currency\":\"EUR\"}\n"
	    "{\"order_date\":\"2027-01-03T23:00:00Z\",\"qty\":1,"
	    "\"amount\":\"15.00\",\"currency\":\"EUR\"}\n"
	    "{\"order_date\":\"2027-01-04\",\"qty\":-1,\"amount\":\"-20.00\","
	    "\"currency\":\"EUR\"}\n";
	char *text = report(NULL, CRM_PERIOD_WEEK, "2026-12-21", NULL, sales,
	    changes, 6);

	CHECK_STR(text,
	    "{\"period\":\"2026-W52\",\"amount\":\"100.00\","
	    "\"amount_ly\":\"80.00\",\"yoy_pct\":25.0,"
	    "\"amount_prev\":\"0.00\",\"pop_pct\":null}\n"
	    "{\"period\":\"2026-W53\",\"amount\":\"75.00\","
	    "\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":\"100.00\",\"pop_pct\":-25.0}\n"
	    "{\"period\":\"2027-W01\",\"amount\":\"-20.00\","
	    "\"amount_ly\":\"40.00\",\"yoy_pct\":-150.0,"
	    "\"amount_prev\":\"75.00\",\"pop_pct\":-126.7}\n");
	free(text);

	/* By year: 2026 against 2025; 2025 is the first, nothing before. */
	text = report(NULL, CRM_PERIOD_YEAR, NULL, NULL, sales, changes, 6);
	CHECK_STR(text,
	    "{\"period\":\"2025\",\"amount\":\"80.00\","
	    "\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":null,\"pop_pct\":null}\n"
	    "{\"period\":\"2026\",\"amount\":\"200.00\","
	    "\"amount_ly\":\"80.00\",\"yoy_pct\":150.0,"
	    "\"amount_prev\":\"80.00\",\"pop_pct\":150.0}\n"
	    "{\"period\":\"2027\",\"amount\":\"-5.00\","
	    "\"amount_ly\":\"200.00\",\"yoy_pct\":-102.5,"
	    "\"amount_prev\":\"200.00\",\"pop_pct\":-102.5}\n");
	free(text);
}

static void
test_empty_periods(void)
{
	const char *one =
	    "{\"order_date\":\"2026-02-14\",\"qty\":3,\"amount\":\"9.99\","
	    "\"currency\":\"USD\",\"region\":\"W\"}\n";
	char *text;

	/* Periods before the first sale and after the last: zeros; the
	 * period before 2026-01 is before the first sale: null. */
	text = report(NULL, CRM_PERIOD_MONTH, "2026-01-31", "2026-03-01",
	    one, changes, 6);
	CHECK_STR(text,
	    "{\"period\":\"2026-01\",\"amount\":\"0.00\","
	    "\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":null,\"pop_pct\":null}\n"
	    "{\"period\":\"2026-02\",\"amount\":\"9.99\","
	    "\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":null,\"pop_pct\":null}\n"
	    "{\"period\":\"2026-03\",\"amount\":\"0.00\","
	    "\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":\"9.99\",\"pop_pct\":-100.0}\n");
	free(text);

	/* A range where the region sold nothing: no rows at all. */
	text = report("region", CRM_PERIOD_QUARTER, "2026-04-01",
	    "2026-12-31", one, NULL, 0);
	CHECK_STR(text, "");
	free(text);

	/* No sales and no range: no rows. */
	text = report("region", CRM_PERIOD_DAY, NULL, NULL, "", NULL, 0);
	CHECK_STR(text, "");
	free(text);
}

static void
test_single_sale(void)
{
	char *text = report("customer,product", CRM_PERIOD_DAY, NULL, NULL,
	    "{\"order_date\":\"2026-11-22T23:30:00-02:00\",\"qty\":1,"
	    "\"amount\":1500,\"currency\":\"JPY\",\"customer_id\":\"K\","
	    "\"product\":7}\n", NULL, 0);

	/* The instant is 2026-11-23 in UTC; a number is a value too. */
	CHECK_STR(text,
	    "{\"customer\":\"K\",\"product\":\"7\",\"currency\":\"JPY\","
	    "\"period\":\"2026-11-23\",\"qty\":1,\"amount\":\"1500\","
	    "\"qty_ly\":null,\"amount_ly\":null,\"yoy_pct\":null,"
	    "\"amount_prev\":null,\"pop_pct\":null,\"share_pct\":100.0}\n");
	free(text);
}

static void
test_bad(void)
{
	crm_sales *s = NULL;
	crm_err err;

	CHECK_INT(crm_sales_new("region,colour", CRM_PERIOD_MONTH, NULL,
	    NULL, &s, &err), CRM_EUSAGE);
	CHECK_HAS(err.msg, "unknown dimension \"colour\"");
	CHECK(s == NULL);
	CHECK_INT(crm_sales_new("rep,rep", CRM_PERIOD_MONTH, NULL, NULL, &s,
	    &err), CRM_EUSAGE);
	CHECK_INT(crm_sales_new(NULL, CRM_PERIOD_MONTH, "2026-02-30", NULL,
	    &s, &err), CRM_EUSAGE);
	CHECK_INT(crm_sales_new("", CRM_PERIOD_MONTH, NULL, NULL, &s, &err),
	    CRM_OK);
	CHECK_INT(add_all(s, "{\"order_date\":\"2026-01-01\",\"amount\":\"1\","
	    "\"currency\":\"EUR\"}", &err), CRM_EDATA);
	CHECK_STR(err.msg, "t:1: qty: missing");
	CHECK_INT(add_all(s, "{\"order_date\":\"2026-01-01\",\"qty\":1,"
	    "\"amount\":\"1\",\"currency\":\"eur\"}", &err), CRM_EDATA);
	CHECK_HAS(err.msg, "currency");
	CHECK_INT(add_all(s, "{\"order_date\":\"01/01/2026\",\"qty\":1,"
	    "\"amount\":\"1\",\"currency\":\"EUR\"}", &err), CRM_EDATA);
	CHECK_HAS(err.msg, "t:1: order_date: not a date");
	crm_sales_free(s);
	crm_sales_free(NULL);
}

/* The database's periods (SQL: substr, the quarter's expression, the
 * registered ISO week function) are those of the records. */
static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES"
	" ('C1', 'One', '2024-01-01');"
	"INSERT INTO products (sku, name, segment) VALUES ('X', 'X', 'SUV'),"
	" ('Y', 'Y', NULL);"
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" region) VALUES"
	" ('A', 'C1', '2024-12-30', 'confirmed', 'EUR', 'N'),"
	" ('B', 'C1', '2026-03-31', 'paid', 'EUR', 'N'),"
	" ('C', 'C1', '2026-04-01', 'shipped', 'EUR', NULL),"
	" ('D', 'C1', '2026-12-31', 'confirmed', 'EUR', 'N'),"
	" ('E', 'C1', '2027-01-03', 'confirmed', 'EUR', 'N'),"
	" ('F', 'C1', '2027-01-04', 'cancelled', 'EUR', 'N'),"
	" ('G', 'C1', '2027-01-04', 'draft', 'EUR', 'N'),"
	" ('H', 'C1', '2027-01-05', 'closed', 'EUR', 'S');"
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, amount_minor) VALUES"
	" ('A', 1, 'X', 1, 100, 100), ('B', 1, 'X', 2, 100, 200),"
	" ('B', 2, 'Y', 1, 50, 50), ('C', 1, 'Y', 1, 70, 70),"
	" ('D', 1, 'X', 1, 100, 100), ('E', 1, 'Y', 3, 10, 30),"
	" ('F', 1, 'X', 9, 100, 900), ('G', 1, 'X', 9, 100, 900),"
	" ('H', 1, 'X', -1, 100, -100);";

static const char records[] =
	"{\"order_date\":\"2024-12-30\",\"qty\":1,\"amount\":\"1.00\","
	"\"currency\":\"EUR\",\"region\":\"N\",\"segment\":\"SUV\"}\n"
	"{\"order_date\":\"2026-03-31\",\"qty\":2,\"amount\":\"2.00\","
	"\"currency\":\"EUR\",\"region\":\"N\",\"segment\":\"SUV\"}\n"
	"{\"order_date\":\"2026-03-31\",\"qty\":1,\"amount\":\"0.50\","
	"\"currency\":\"EUR\",\"region\":\"N\"}\n"
	"{\"order_date\":\"2026-04-01\",\"qty\":1,\"amount\":\"0.70\","
	"\"currency\":\"EUR\"}\n"
	"{\"order_date\":\"2026-12-31\",\"qty\":1,\"amount\":\"1.00\","
	"\"currency\":\"EUR\",\"region\":\"N\",\"segment\":\"SUV\"}\n"
	"{\"order_date\":\"2027-01-03\",\"qty\":3,\"amount\":\"0.30\","
	"\"currency\":\"EUR\",\"region\":\"N\"}\n"
	"{\"order_date\":\"2027-01-05\",\"qty\":-1,\"amount\":\"-1.00\","
	"\"currency\":\"EUR\",\"region\":\"S\",\"segment\":\"SUV\"}\n";

static void
test_db(void)
{
	static const struct {
		const char *dims;
		crm_period p;
		const char *from, *to;
	} cases[] = {
		{ "region", CRM_PERIOD_WEEK, NULL, NULL },
		{ "segment,region", CRM_PERIOD_QUARTER, NULL, NULL },
		{ "region", CRM_PERIOD_MONTH, "2026-12-01", "2027-01-31" },
		{ NULL, CRM_PERIOD_DAY, "2026-12-31", "2027-01-05" },
		{ "segment", CRM_PERIOD_YEAR, "2026-06-01", NULL },
	};
	char dbpath[64], *a, *b;
	crm_sales *s = NULL;
	crm_db *db = NULL;
	crm_err err;
	size_t i;

	snprintf(dbpath, sizeof(dbpath), "/tmp/test-report-sales-%ld.db",
	    (long)getpid());
	unlink(dbpath);
	if (crm_db_open(&db, dbpath, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK) {
		T_FAIL("fixture: %s", err.msg);
		crm_db_close(db);
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = report(cases[i].dims, cases[i].p, cases[i].from,
		    cases[i].to, records, NULL, 0);
		a = NULL;
		if (crm_sales_new(cases[i].dims, cases[i].p, cases[i].from,
		    cases[i].to, &s, &err) != CRM_OK ||
		    crm_sales_read_db(s, db, &err) != CRM_OK)
			T_FAIL("case %zu: %s", i, err.msg);
		else
			a = render(s, NULL, 0);
		CHECK_STR(a, b);
		CHECK(b != NULL && strlen(b) > 0);
		free(a);
		free(b);
		crm_sales_free(s);
		s = NULL;
	}
	/* 2024-12-30 is in 2025-W01; the first week has no week before
	 * on record. */
	s = NULL;
	if (crm_sales_new("region", CRM_PERIOD_WEEK, NULL, "2025-01-05", &s,
	    &err) == CRM_OK && crm_sales_read_db(s, db, &err) == CRM_OK) {
		static const char *const keep[] = { "region", "period",
		    "amount", "amount_prev" };

		a = render(s, keep, 4);
		CHECK_STR(a, "{\"region\":\"N\",\"period\":\"2025-W01\","
		    "\"amount\":\"1.00\",\"amount_prev\":null}\n");
		free(a);
	} else {
		T_FAIL("weeks: %s", err.msg);
	}
	crm_sales_free(s);
	crm_db_close(db);
	unlink(dbpath);
	snprintf(dbpath + strlen(dbpath), 8, "-wal");
	unlink(dbpath);
	dbpath[strlen(dbpath) - 4] = '\0';
	snprintf(dbpath + strlen(dbpath), 8, "-shm");
	unlink(dbpath);
}

int
main(void)
{
	snprintf(path, sizeof(path), "/tmp/test-report-sales-%ld.jsonl",
	    (long)getpid());
	RUN(test_gaps);
	RUN(test_week53);
	RUN(test_empty_periods);
	RUN(test_single_sale);
	RUN(test_bad);
	RUN(test_db);
	unlink(path);
	DONE();
}
