/*
 * test_report_rfm.c - customer value: quintile scores with ties and a
 * lone customer, segments, the lapse threshold when every sale fell on
 * one day, the loyalty point, orders from the database (cancelled,
 * drafts and returns), and the refusals of bad order records.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-rfm-XXXXXX";
static char outpath[256];
static crm_err err;

static crm_custval_opts
opts(void)
{
	crm_custval_opts o;

	crm_date_make(2026, 11, 22, &o.as_of, &err);
	crm_date_make(1, 1, 1, &o.from, &err);
	crm_date_make(9999, 12, 31, &o.to, &err);
	o.regular = 3;
	o.lapsed_days = 0;
	o.loyal_rate = 80;
	return o;
}

/* Add one order record given as JSON; the code of the add. */
static int
add(crm_custval *cv, const char *json)
{
	crm_rec *r = crm_rec_new();
	int rc;

	crm_rec_set_place(r, "t.jsonl", 1);
	rc = crm_rec_parse(r, json, strlen(json), &err);
	if (rc == CRM_OK)
		rc = crm_custval_add(cv, &r, 1, &err);
	crm_rec_free(r);
	return rc;
}

/* Run the rfm (or matrix) report into outpath; its text in buf. */
static void
run(crm_custval *cv, int matrix, const char *amount, long count,
    char *buf, size_t sz)
{
	crm_report_spec spec;
	crm_report *rep = NULL;
	FILE *f;
	size_t n;

	if (matrix)
		crm_value_matrix_spec(&spec);
	else
		crm_rfm_spec(&spec);
	CHECK_INT(crm_report_open(&rep, &spec, outpath, CRM_FMT_JSONL, 0,
	    NULL, 0, &err), CRM_OK);
	CHECK_INT(matrix ? crm_custval_matrix(cv, amount, count, rep, &err) :
	    crm_custval_rfm(cv, rep, &err), CRM_OK);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	f = fopen(outpath, "r");
	n = f != NULL ? fread(buf, 1, sz - 1, f) : 0;
	buf[n] = '\0';
	if (f != NULL)
		fclose(f);
}

static void
test_lone_customer(void)
{
	crm_custval_opts o = opts();
	crm_custval *cv = NULL;
	char buf[4096];

	CHECK_INT(crm_custval_new(&o, &cv, &err), CRM_OK);
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"1.00\",\"currency\":\"EUR\"}"),
	    CRM_OK);
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"2.00\",\"currency\":\"EUR\"}"),
	    CRM_OK);
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"3.00\",\"currency\":\"EUR\"}"),
	    CRM_OK);
	run(cv, 0, NULL, -1, buf, sizeof(buf));
	CHECK_STR(buf, "{\"customer_id\":\"A\",\"currency\":\"EUR\","
	    "\"last_order\":\"2026-11-01\",\"recency_days\":21,"
	    "\"frequency\":3,\"monetary\":\"6.00\",\"r\":5,\"f\":5,\"m\":5,"
	    "\"rfm\":\"555\",\"segment\":\"Champions\",\"lapsed\":false,"
	    "\"lapse_after\":180,\"loyal\":true,\"loyal_point\":1}\n");
	crm_custval_free(cv);
}

/* Ten customers: customer c orders c times, on October 1 to c, each
 * order of (c + 1) / 2 euros. */
static void
test_quintiles(void)
{
	crm_custval_opts o = opts();
	crm_custval *cv = NULL;
	char json[256], buf[8192], want[64];
	const char *p;
	int c, k;

	CHECK_INT(crm_custval_new(&o, &cv, &err), CRM_OK);
	for (c = 1; c <= 10; c++)
		for (k = 1; k <= c; k++) {
			snprintf(json, sizeof(json), "{\"customer_id\":"
			    "\"C%02d\",\"order_date\":\"2026-10-%02d\","
			    "\"amount\":\"%d.00\",\"currency\":\"EUR\"}",
			    c, k, (c + 1) / 2);
			CHECK_INT(add(cv, json), CRM_OK);
		}
	run(cv, 0, NULL, -1, buf, sizeof(buf));
	/* F: rank c of 10 gives ceil(c / 2).  M: customers 2j-1 and 2j
	 * spend j * (2j-1) and j * 2j; all differ, so M = ceil(c / 2). R:
	 * the last order is day c, so R = ceil(c / 2) too. */
	for (c = 1; c <= 10; c++) {
		snprintf(want, sizeof(want), "\"customer_id\":\"C%02d\"", c);
		p = strstr(buf, want);
		CHECK(p != NULL);
		snprintf(want, sizeof(want), "\"rfm\":\"%d%d%d\"",
		    (c + 1) / 2, (c + 1) / 2, (c + 1) / 2);
		if (p != NULL)
			CHECK(strstr(p, want) != NULL &&
			    strstr(p, want) < strchr(p, '\n'));
	}
	/* 100% of those with k orders have k+1 up to 9: the point is 1. */
	CHECK(strstr(buf, "\"loyal_point\":1}") != NULL);
	crm_custval_free(cv);
}

static void
test_database(void)
{
	crm_custval_opts o = opts();
	crm_custval *cv = NULL;
	crm_db *db = NULL;
	char path[300], buf[4096];

	snprintf(path, sizeof(path), "%s/t.db", dir);
	CHECK_INT(crm_db_open(&db, path, 0, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO customers (id, name,"
	    " created_at) VALUES ('K', 'K', '2026-01-01');"
	    "INSERT INTO orders (id, customer_id, order_date, status,"
	    " currency, total_minor, kind) VALUES"
	    " ('1', 'K', '2026-11-01', 'confirmed', 'USD', 1000, NULL),"
	    " ('2', 'K', '2026-11-02', 'cancelled', 'USD', 5000, NULL),"
	    " ('3', 'K', '2026-11-03', 'draft', 'USD', 7000, NULL),"
	    " ('4', 'K', '2026-11-04', 'confirmed', 'USD', -300, 'return'),"
	    " ('5', 'K', '2026-11-23', 'confirmed', 'USD', 900, 'sale')",
	    &err), CRM_OK);
	CHECK_INT(crm_custval_new(&o, &cv, &err), CRM_OK);
	CHECK_INT(crm_custval_load(cv, db, &err), CRM_OK);
	run(cv, 1, "7.00", 0, buf, sizeof(buf));
	CHECK_STR(buf, "{\"customer_id\":\"K\",\"currency\":\"USD\","
	    "\"orders\":1,\"amount\":\"7.00\",\"average\":\"7.00\","
	    "\"quadrant\":\"low value, frequent\",\"amount_threshold\":"
	    "\"7.00\",\"count_threshold\":0,\"lapsed\":false,"
	    "\"lapse_after\":null,\"loyal\":false,\"loyal_point\":null}\n");
	crm_custval_free(cv);
	crm_db_close(db);
}

static void
test_bad_records(void)
{
	crm_custval_opts o = opts();
	crm_custval *cv = NULL;

	CHECK_INT(crm_custval_new(&o, &cv, &err), CRM_OK);
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"1.00\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:1: currency: missing");
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"1.00\",\"currency\":\"XXQ\"}"),
	    CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:1: currency: unknown code XXQ");
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"1.00\",\"currency\":\"EUR\","
	    "\"kind\":\"gift\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:1: kind: gift is not sale or return");
	CHECK_INT(add(cv, "{\"customer_id\":\"A\",\"order_date\":"
	    "\"2026-11-01\",\"amount\":\"1.00\",\"currency\":\"EUR\","
	    "\"kind\":\"return\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "t.jsonl:1: amount: positive in a return");
	crm_custval_free(cv);
	crm_custval_free(NULL);
}

int
main(void)
{
	char cmd[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(outpath, sizeof(outpath), "%s/out.jsonl", dir);
	RUN(test_lone_customer);
	RUN(test_quintiles);
	RUN(test_database);
	RUN(test_bad_records);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	DONE();
}
