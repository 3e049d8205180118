/*
 * test_stock_units.c - the units delivered to customers and their
 * service plans: the rule file and every refusal of it, the units
 * query, and the services due (month ends, leap days, inclusive
 * bounds, the first plan that matches, count and until_months).
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-stock-units-XXXXXX";
static char rules[256], outpath[256];
static crm_err err;
static crm_db *db;

/*
 * Two dealers.  VIN2 (an A3) and lot L5 (two A3 without serials) went
 * to C2 on a leap day; VIN1 (an X5) and four floor mats to C1 on 31
 * January; VIN3 (an X5) to nobody known.  A move and a count are not
 * deliveries.
 */
static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES"
	" ('C1', 'One', '2024-01-01'), ('C2', 'Two', '2024-01-01');"
	"INSERT INTO locations (id, name, kind) VALUES"
	" ('D1', 'Dealer one', 'dealer'), ('D2', 'Dealer two', 'dealer');"
	"INSERT INTO products (sku, name, category) VALUES"
	" ('X5', 'X5 SUV', 'vehicle'), ('A3', 'A3 Sedan', 'vehicle'),"
	" ('MAT', 'Floor mats', 'accessory');"
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, serial, location_id, recorded_at) VALUES"
	" ('L1', 'X5', '2025-12-01', 1, 15000000, 'CNY', 'VIN1', 'D1', 'r'),"
	" ('L2', 'A3', '2024-01-10', 1, 10000000, 'CNY', 'VIN2', 'D2', 'r'),"
	" ('L3', 'MAT', '2025-12-01', 10, 20000, 'CNY', NULL, 'D1', 'r'),"
	" ('L4', 'X5', '2026-02-01', 1, 15000000, 'CNY', 'VIN3', 'D1', 'r'),"
	" ('L5', 'A3', '2024-01-10', 2, 10000000, 'CNY', NULL, 'D2', 'r');"
	"INSERT INTO stock_moves (id, lot_id, location_id, moved_on, qty, kind,"
	" order_id, line_no, customer_id, recorded_at) VALUES"
	" (1, 'L1', 'D1', '2025-12-01', 1, 'receive', NULL, NULL, NULL, 'r'),"
	" (2, 'L2', 'D2', '2024-01-10', 1, 'receive', NULL, NULL, NULL, 'r'),"
	" (3, 'L3', 'D1', '2025-12-01', 10, 'receive', NULL, NULL, NULL, 'r'),"
	" (4, 'L4', 'D1', '2026-02-01', 1, 'receive', NULL, NULL, NULL, 'r'),"
	" (5, 'L5', 'D2', '2024-01-10', 2, 'receive', NULL, NULL, NULL, 'r'),"
	" (10, 'L2', 'D2', '2024-02-29', -1, 'issue', 'O2', 1, 'C2', 'r'),"
	" (11, 'L5', 'D2', '2024-02-29', -2, 'issue', 'O2', 2, 'C2', 'r'),"
	" (12, 'L1', 'D1', '2026-01-31', -1, 'issue', 'O1', 1, 'C1', 'r'),"
	" (13, 'L3', 'D1', '2026-01-31', -4, 'issue', 'O1', 2, 'C1', 'r'),"
	" (14, 'L4', 'D1', '2026-03-15', -1, 'issue', NULL, NULL, NULL, 'r'),"
	" (15, 'L3', 'D1', '2026-02-01', -1, 'move', NULL, NULL, NULL, 'r'),"
	" (16, 'L3', 'D2', '2026-02-01', 1, 'move', NULL, NULL, NULL, 'r'),"
	" (17, 'L3', 'D1', '2026-02-02', -1, 'count', NULL, NULL, NULL, 'r');";

/* The X5 by sku before the vehicles by category; mats have no plan. */
static const char plans[] =
	"{\"plans\": [\n"
	"  {\"name\": \"x5\", \"match\": {\"skus\": [\"X5\"]},\n"
	"   \"services\": [{\"name\": \"first\", \"after_months\": 1,"
	" \"after_km\": 1000}],\n"
	"   \"every\": {\"name\": \"regular\", \"months\": 6, \"km\": 10000},\n"
	"   \"until_months\": 13},\n"
	"  {\"name\": \"car\", \"match\": {\"categories\": [\"vehicle\"]},\n"
	"   \"every\": {\"name\": \"yearly\", \"months\": 12}, \"count\": 2}\n"
	"]}\n";

static void
write_rules(const char *text)
{
	FILE *fp = fopen(rules, "w");

	if (fp == NULL)
		return;
	fputs(text, fp);
	fclose(fp);
}

/* The error message of loading text, with the file name cut off. */
static const char *
load_error(const char *text)
{
	crm_service_plan *p = NULL;
	int rc;

	write_rules(text);
	rc = crm_service_plan_load(rules, &p, &err);
	if (rc == CRM_OK) {
		crm_service_plan_free(p);
		return "(loaded)";
	}
	if (rc != CRM_ECONFIG || p != NULL)
		return "(not CRM_ECONFIG)";
	return strncmp(err.msg, rules, strlen(rules)) == 0 ?
	    err.msg + strlen(rules) : err.msg;
}

/* What a query writes, as JSON lines, or its error message. */
enum { UNITS, SERVICES };

static const char *
run(int what, const crm_service_plan *p, const crm_stock_query *q)
{
	static char text[8192];
	crm_out *out = NULL;
	size_t n = 0;
	FILE *fp;
	int rc;

	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return err.msg;
	rc = what == UNITS ? crm_stock_units(db, q, out, &err) :
	    crm_stock_service_plan(db, p, q, out, &err);
	if (rc != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	if (crm_out_close(out, &err) != CRM_OK)
		return err.msg;
	if ((fp = fopen(outpath, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
	}
	text[n] = '\0';
	return text;
}

/* The services of text's plans for q. */
static const char *
services(const char *text, const crm_stock_query *q)
{
	static char msg[CRM_ERR_MSG_MAX];
	crm_service_plan *p = NULL;
	const char *s;

	write_rules(text);
	if (crm_service_plan_load(rules, &p, &err) != CRM_OK) {
		snprintf(msg, sizeof(msg), "%s", err.msg);
		return msg;
	}
	s = run(SERVICES, p, q);
	crm_service_plan_free(p);
	return s;
}

#define U_VIN2 "{\"serial\":\"VIN2\",\"sku\":\"A3\",\"product\":\"A3 Sedan\"," \
	"\"category\":\"vehicle\",\"qty\":1,\"customer_id\":\"C2\"," \
	"\"order_id\":\"O2\",\"line_no\":1,\"location\":\"D2\"," \
	"\"delivered_on\":\"2024-02-29\",\"lot\":\"L2\"}\n"
#define U_L5 "{\"sku\":\"A3\",\"product\":\"A3 Sedan\"," \
	"\"category\":\"vehicle\",\"qty\":2,\"customer_id\":\"C2\"," \
	"\"order_id\":\"O2\",\"line_no\":2,\"location\":\"D2\"," \
	"\"delivered_on\":\"2024-02-29\",\"lot\":\"L5\"}\n"
#define U_VIN1 "{\"serial\":\"VIN1\",\"sku\":\"X5\",\"product\":\"X5 SUV\"," \
	"\"category\":\"vehicle\",\"qty\":1,\"customer_id\":\"C1\"," \
	"\"order_id\":\"O1\",\"line_no\":1,\"location\":\"D1\"," \
	"\"delivered_on\":\"2026-01-31\",\"lot\":\"L1\"}\n"
#define U_MAT "{\"sku\":\"MAT\",\"product\":\"Floor mats\"," \
	"\"category\":\"accessory\",\"qty\":4,\"customer_id\":\"C1\"," \
	"\"order_id\":\"O1\",\"line_no\":2,\"location\":\"D1\"," \
	"\"delivered_on\":\"2026-01-31\",\"lot\":\"L3\"}\n"
#define U_VIN3 "{\"serial\":\"VIN3\",\"sku\":\"X5\",\"product\":\"X5 SUV\"," \
	"\"category\":\"vehicle\",\"qty\":1,\"location\":\"D1\"," \
	"\"delivered_on\":\"2026-03-15\",\"lot\":\"L4\"}\n"

static void
test_units(void)
{
	crm_stock_query q;

	memset(&q, 0, sizeof(q));
	CHECK_STR(run(UNITS, NULL, &q), U_VIN2 U_L5 U_VIN1 U_MAT U_VIN3);
	CHECK_STR(run(UNITS, NULL, NULL), U_VIN2 U_L5 U_VIN1 U_MAT U_VIN3);
	q.customer = "C1";
	CHECK_STR(run(UNITS, NULL, &q), U_VIN1 U_MAT);
	q.customer = NULL;
	q.sku = "X5";
	CHECK_STR(run(UNITS, NULL, &q), U_VIN1 U_VIN3);
	q.sku = NULL;
	q.location = "D2";
	CHECK_STR(run(UNITS, NULL, &q), U_VIN2 U_L5);
	q.location = NULL;
	/* Both days are in. */
	q.from = "2024-02-29";
	q.to = "2026-01-31";
	CHECK_STR(run(UNITS, NULL, &q), U_VIN2 U_L5 U_VIN1 U_MAT);
	q.from = "2024-03-01";
	q.to = "2026-03-14";
	CHECK_STR(run(UNITS, NULL, &q), U_VIN1 U_MAT);
	q.from = "2026-03-16";
	q.to = NULL;
	CHECK_STR(run(UNITS, NULL, &q), "");
	q.from = "2026-02-30";
	CHECK_STR(run(UNITS, NULL, &q), "--from: no such date");
	CHECK_INT(err.code, CRM_EUSAGE);
	q.from = NULL;
	q.to = "31.01.2026";
	CHECK_STR(run(UNITS, NULL, &q), "--to: not a date (YYYY-MM-DD)");
	CHECK_INT(err.code, CRM_EUSAGE);
	q.to = NULL;
	q.location = "D9";
	CHECK_STR(run(UNITS, NULL, &q), "no such location D9");
	CHECK_INT(err.code, CRM_EDATA);
}

#define S(serial, lot, sku, cust, loc, on, plan, svc, no, due, km, qty) \
	"{" serial "\"lot\":\"" lot "\",\"sku\":\"" sku "\"," cust \
	"\"location\":\"" loc "\",\"delivered_on\":\"" on "\"," \
	"\"plan\":\"" plan "\",\"service\":\"" svc "\",\"service_no\":" no \
	",\"due_on\":\"" due "\"," km "\"qty\":" qty "}\n"
#define VIN(n) "\"serial\":\"VIN" #n "\","
#define C(n, o) "\"customer_id\":\"C" #n "\",\"order_id\":\"O" #o "\","
#define KM(n) "\"due_km\":" #n ","

/* A leap day plus a year is the last of February; 31 January plus a
 * month too, and plus seven months 31 August (from delivery, not from
 * the last service). */
#define L5_1 S("", "L5", "A3", C(2, 2), "D2", "2024-02-29", "car", \
	"yearly", "1", "2025-02-28", "", "2")
#define VIN2_1 S(VIN(2), "L2", "A3", C(2, 2), "D2", "2024-02-29", "car", \
	"yearly", "1", "2025-02-28", "", "1")
#define L5_2 S("", "L5", "A3", C(2, 2), "D2", "2024-02-29", "car", \
	"yearly", "2", "2026-02-28", "", "2")
#define VIN1_1 S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "x5", \
	"first", "1", "2026-02-28", KM(1000), "1")
#define VIN2_2 S(VIN(2), "L2", "A3", C(2, 2), "D2", "2024-02-29", "car", \
	"yearly", "2", "2026-02-28", "", "1")
#define VIN3_1 S(VIN(3), "L4", "X5", "", "D1", "2026-03-15", "x5", \
	"first", "1", "2026-04-15", KM(1000), "1")
#define VIN1_2 S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "x5", \
	"regular", "2", "2026-08-31", KM(11000), "1")
#define VIN3_2 S(VIN(3), "L4", "X5", "", "D1", "2026-03-15", "x5", \
	"regular", "2", "2026-10-15", KM(11000), "1")
#define VIN1_3 S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "x5", \
	"regular", "3", "2027-02-28", KM(21000), "1")
#define VIN3_3 S(VIN(3), "L4", "X5", "", "D1", "2026-03-15", "x5", \
	"regular", "3", "2027-04-15", KM(21000), "1")

static void
test_services(void)
{
	crm_stock_query q;

	memset(&q, 0, sizeof(q));
	/* Due order; on one day by serial, or lot when there is none. */
	CHECK_STR(services(plans, &q), L5_1 VIN2_1 L5_2 VIN1_1 VIN2_2 VIN3_1
	    VIN1_2 VIN3_2 VIN1_3 VIN3_3);
	/* Both bounds are in. */
	q.from = "2026-02-28";
	q.to = "2026-08-31";
	CHECK_STR(services(plans, &q), L5_2 VIN1_1 VIN2_2 VIN3_1 VIN1_2);
	q.from = "2026-03-01";
	q.to = "2026-08-30";
	CHECK_STR(services(plans, &q), VIN3_1);
	/* Units delivered after the last day have nothing due by then. */
	q.from = NULL;
	q.to = "2026-01-31";
	CHECK_STR(services(plans, &q), L5_1 VIN2_1);
	q.from = "2027-02-28";
	q.to = NULL;
	CHECK_STR(services(plans, &q), VIN1_3 VIN3_3);
	q.from = "2027-04-16";
	CHECK_STR(services(plans, &q), "");
	q.from = NULL;
	q.customer = "C2";
	CHECK_STR(services(plans, &q), L5_1 VIN2_1 L5_2 VIN2_2);
	q.customer = NULL;
	q.sku = "X5";
	q.location = "D1";
	CHECK_STR(services(plans, &q), VIN1_1 VIN3_1 VIN1_2 VIN3_2 VIN1_3
	    VIN3_3);
	q.sku = NULL;
	q.location = NULL;
	CHECK_STR(services(plans, NULL), L5_1 VIN2_1 L5_2 VIN1_1 VIN2_2
	    VIN3_1 VIN1_2 VIN3_2 VIN1_3 VIN3_3);
	q.to = "2026-02-29";
	CHECK_STR(services(plans, &q), "--to: no such date");
	CHECK_INT(err.code, CRM_EUSAGE);
	q.to = NULL;
	q.location = "D9";
	CHECK_STR(services(plans, &q), "no such location D9");
	CHECK_INT(err.code, CRM_EDATA);
}

/* The first plan that matches wins, in the order of the file. */
static void
test_matching(void)
{
	crm_stock_query q;

	memset(&q, 0, sizeof(q));
	q.customer = "C1";
	/* The vehicles' plan first: the X5 gets it, the mats none. */
	CHECK_STR(services("{\"plans\": [{\"name\": \"car\", \"match\":"
	    " {\"categories\": [\"vehicle\"]}, \"services\": [{\"name\":"
	    " \"check\", \"after_months\": 12}]}, {\"name\": \"x5\","
	    " \"match\": {\"skus\": [\"X5\"]}, \"services\": [{\"name\":"
	    " \"first\", \"after_months\": 1}]}]}", &q),
	    S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "car",
	    "check", "1", "2027-01-31", "", "1"));
	/* A sku or a category; an empty match (or none, or null) is all. */
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"match\":"
	    " {\"skus\": [\"X5\"], \"categories\": [\"accessory\"]},"
	    " \"services\": [{\"name\": \"s\", \"after_months\": 2}]}]}", &q),
	    S("", "L3", "MAT", C(1, 1), "D1", "2026-01-31", "p", "s", "1",
	    "2026-03-31", "", "4")
	    S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "p", "s", "1",
	    "2026-03-31", "", "1"));
	CHECK_STR(services("{\"plans\": [{\"name\": \"mats\", \"match\":"
	    " {\"skus\": [\"MAT\"]}, \"services\": [{\"name\": \"m\","
	    " \"after_months\": 1}]}, {\"name\": \"all\", \"match\": {},"
	    " \"services\": [{\"name\": \"a\", \"after_months\": 3}]}]}", &q),
	    S("", "L3", "MAT", C(1, 1), "D1", "2026-01-31", "mats", "m", "1",
	    "2026-02-28", "", "4")
	    S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "all", "a",
	    "1", "2026-04-30", "", "1"));
	CHECK_STR(services("{\"plans\": [{\"name\": \"all\", \"match\": null,"
	    " \"services\": [{\"name\": \"a\", \"after_months\": 1}]}]}", &q),
	    S("", "L3", "MAT", C(1, 1), "D1", "2026-01-31", "all", "a", "1",
	    "2026-02-28", "", "4")
	    S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", "all", "a",
	    "1", "2026-02-28", "", "1"));
	/* Nothing matches: nothing is due. */
	CHECK_STR(services("{\"plans\": [{\"name\": \"b\", \"match\":"
	    " {\"categories\": [\"bike\"]}, \"services\": [{\"name\": \"s\","
	    " \"after_months\": 1}]}]}", &q), "");
}

#define ONLY_VIN1(plan, svc, no, due, km) \
	S(VIN(1), "L1", "X5", C(1, 1), "D1", "2026-01-31", plan, svc, no, due, \
	km, "1")

/* How the repeats end: count of them, or at until_months (which is
 * in); km count from the service before them that gives km. */
static void
test_ends(void)
{
	crm_stock_query q;

	memset(&q, 0, sizeof(q));
	q.customer = "C1";
	q.sku = "X5";
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"every\":"
	    " {\"name\": \"e\", \"months\": 6}, \"until_months\": 12}]}", &q),
	    ONLY_VIN1("p", "e", "1", "2026-07-31", "")
	    ONLY_VIN1("p", "e", "2", "2027-01-31", ""));
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"every\":"
	    " {\"name\": \"e\", \"months\": 6}, \"until_months\": 11}]}", &q),
	    ONLY_VIN1("p", "e", "1", "2026-07-31", ""));
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"services\":"
	    " [{\"name\": \"a\", \"after_months\": 1, \"after_km\": 500},"
	    " {\"name\": \"b\", \"after_months\": 3}], \"every\": {\"name\":"
	    " \"e\", \"months\": 12, \"km\": 15000}, \"count\": 3}]}", &q),
	    ONLY_VIN1("p", "a", "1", "2026-02-28", KM(500))
	    ONLY_VIN1("p", "b", "2", "2026-04-30", "")
	    ONLY_VIN1("p", "e", "3", "2027-04-30", KM(15500))
	    ONLY_VIN1("p", "e", "4", "2028-04-30", KM(30500))
	    ONLY_VIN1("p", "e", "5", "2029-04-30", KM(45500)));
	/* February of a leap year has 29 days. */
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"services\":"
	    " [{\"name\": \"a\", \"after_months\": 25}]}]}", &q),
	    ONLY_VIN1("p", "a", "1", "2028-02-29", ""));
	/* A plan of a thousand services, a hundred years long. */
	q.from = "2125-11-30";
	CHECK_STR(services("{\"plans\": [{\"name\": \"p\", \"services\":"
	    " [{\"name\": \"a\", \"after_months\": 200}], \"every\": {\"name\":"
	    " \"e\", \"months\": 1}, \"count\": 999}]}", &q),
	    ONLY_VIN1("p", "e", "999", "2125-11-30", "")
	    ONLY_VIN1("p", "e", "1000", "2125-12-31", ""));
}

/* The calendar ends with 9999: services after that are not due. */
static void
test_calendar_end(void)
{
	crm_stock_query q;

	memset(&q, 0, sizeof(q));
	q.from = "9999-01-01";
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO stock_lots (id, sku,"
	    " received_on, qty, unit_cost_minor, currency, serial, location_id,"
	    " recorded_at) VALUES ('L9', 'X5', '9999-01-01', 1, 1, 'CNY',"
	    " 'VIN9', 'D1', 'r');"
	    "INSERT INTO stock_moves (id, lot_id, location_id, moved_on, qty,"
	    " kind, recorded_at) VALUES"
	    " (90, 'L9', 'D1', '9999-01-01', 1, 'receive', 'r'),"
	    " (91, 'L9', 'D1', '9999-01-15', -1, 'issue', 'r')", &err),
	    CRM_OK);
	CHECK_STR(services(plans, &q),
	    S(VIN(9), "L9", "X5", "", "D1", "9999-01-15", "x5", "first", "1",
	    "9999-02-15", KM(1000), "1")
	    S(VIN(9), "L9", "X5", "", "D1", "9999-01-15", "x5", "regular", "2",
	    "9999-08-15", KM(11000), "1"));
	crm_db_rollback(db);
}

/* The default plan: vehicles first at a month or 1,000 km, then every
 * six months or 10,000 km for five years. */
static void
test_default(void)
{
	crm_service_plan *p = NULL;
	crm_stock_query q;
	const char *s;

	memset(&q, 0, sizeof(q));
	q.customer = "C1";
	q.from = "2030-01-01";
	if (setenv("CRM_SHARE", "share/crm", 1) != 0)
		return;
	CHECK_INT(crm_service_plan_load(NULL, &p, &err), CRM_OK);
	if (p == NULL)
		return;
	s = run(SERVICES, p, &q);
	CHECK_STR(s,
	    ONLY_VIN1("vehicle", "regular service", "9", "2030-02-28",
	    KM(81000))
	    ONLY_VIN1("vehicle", "regular service", "10", "2030-08-31",
	    KM(91000)));
	crm_service_plan_free(p);
	unsetenv("CRM_SHARE");
}

#define PLAN(rest) "{\"plans\": [{\"name\": \"p\", " rest "}]}"
#define SVC "\"services\": [{\"name\": \"s\", \"after_months\": 1}]"
#define EVERY "\"every\": {\"name\": \"e\", \"months\": 6}"

static void
test_load_errors(void)
{
	char missing[300];
	crm_service_plan *p = NULL;

	CHECK_STR(load_error("{\"plans\": [}"),
	    ":1:12: unexpected token near '}'");
	CHECK_STR(load_error("[]"), ": not a JSON object");
	CHECK_STR(load_error("{\"plan\": []}"),
	    ":1: plan: unknown member (plans)");
	CHECK_STR(load_error("{}"), ":1: plans: a list of 1 to 1000 plans");
	CHECK_STR(load_error("{\"plans\": []}"),
	    ":1: plans: a list of 1 to 1000 plans");
	CHECK_STR(load_error("{\"plans\": [1]}"),
	    ":1: plans[0]: a plan is an object");
	CHECK_STR(load_error(PLAN("\"colour\": 1, " SVC)),
	    ":1: plans[0].colour: unknown member (name, match, services, "
	    "every, until_months, count)");
	CHECK_STR(load_error("{\"plans\": [{" SVC "}]}"),
	    ":1: plans[0].name: missing");
	CHECK_STR(load_error("{\"plans\": [{\"name\": 1, " SVC "}]}"),
	    ":1: plans[0].name: not a string");
	CHECK_STR(load_error("{\"plans\": [{\"name\": \"p \", " SVC "}]}"),
	    ":1: plans[0].name: 1 to 64 characters, not blank at either end");
	CHECK_STR(load_error("{\"plans\": [{\"name\": \"a\\tb\", " SVC "}]}"),
	    ":1: plans[0].name: 1 to 64 characters, not blank at either end");
	/* Match. */
	CHECK_STR(load_error(PLAN("\"match\": [], " SVC)),
	    ":1: plans[0].match: an object of skus, categories");
	CHECK_STR(load_error(PLAN("\"match\": {\"sku\": \"X5\"}, " SVC)),
	    ":1: plans[0].match.sku: unknown member (skus, categories)");
	CHECK_STR(load_error(PLAN("\"match\": {\"skus\": []}, " SVC)),
	    ":1: plans[0].match.skus: a list of 1 to 1000 strings");
	CHECK_STR(load_error(PLAN("\"match\": {\"skus\": \"X5\"}, " SVC)),
	    ":1: plans[0].match.skus: a list of 1 to 1000 strings");
	CHECK_STR(load_error(PLAN("\"match\": {\"categories\": [\"a\", \"\"]},"
	    " " SVC)), ":1: plans[0].match.categories[1]: 1 to 64 "
	    "characters, not blank at either end");
	/* Services. */
	CHECK_STR(load_error(PLAN("\"services\": []")),
	    ":1: plans[0].services: a list of 1 to 1000 services");
	CHECK_STR(load_error(PLAN("\"services\": [1]")),
	    ":1: plans[0].services[0]: a service is an object");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 1, \"after_days\": 30}]")),
	    ":1: plans[0].services[0].after_days: unknown member (name, "
	    "after_months, after_km)");
	CHECK_STR(load_error(PLAN("\"services\": [{\"after_months\": 1}]")),
	    ":1: plans[0].services[0].name: missing");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\"}]")),
	    ":1: plans[0].services[0].after_months: missing");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 0}]")), ":1: plans[0].services[0]."
	    "after_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": -1}]")), ":1: plans[0].services[0]."
	    "after_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 1.5}]")), ":1: plans[0].services[0]."
	    "after_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 1201}]")), ":1: plans[0].services[0]."
	    "after_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 1, \"after_km\": 0}]")), ":1: plans[0]."
	    "services[0].after_km: not a whole number from 1 to 1000000");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 1, \"after_km\": \"1000\"}]")), ":1: plans[0]."
	    "services[0].after_km: not a whole number from 1 to 1000000");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"a\","
	    " \"after_months\": 6}, {\"name\": \"b\", \"after_months\": 6}]")),
	    ":1: plans[0].services[1].after_months: not after the service "
	    "before it (6 months)");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"a\","
	    " \"after_months\": 1, \"after_km\": 5000}, {\"name\": \"b\","
	    " \"after_months\": 2}, {\"name\": \"c\", \"after_months\": 3,"
	    " \"after_km\": 4000}]")), ":1: plans[0].services[2].after_km: "
	    "not more than a service before it (5000 km)");
	/* Every and how it ends. */
	CHECK_STR(load_error(PLAN("\"every\": 6, \"count\": 1")),
	    ":1: plans[0].every: an object of name, months, km");
	CHECK_STR(load_error(PLAN("\"every\": {\"name\": \"e\", \"months\":"
	    " 6, \"miles\": 1}, \"count\": 1")), ":1: plans[0].every.miles: "
	    "unknown member (name, months, km)");
	CHECK_STR(load_error(PLAN("\"every\": {\"months\": 6}, \"count\": 1")),
	    ":1: plans[0].every.name: missing");
	CHECK_STR(load_error(PLAN("\"every\": {\"name\": \"e\"}, \"count\": 1")),
	    ":1: plans[0].every.months: missing");
	CHECK_STR(load_error(PLAN("\"every\": {\"name\": \"e\", \"months\":"
	    " 0}, \"count\": 1")), ":1: plans[0].every.months: not a whole "
	    "number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"every\": {\"name\": \"e\", \"months\":"
	    " 6, \"km\": -10000}, \"count\": 1")), ":1: plans[0].every.km: "
	    "not a whole number from 1 to 1000000");
	CHECK_STR(load_error(PLAN(EVERY)), ":1: plans[0].every: needs "
	    "until_months or count (it would never end)");
	CHECK_STR(load_error(PLAN(SVC ", " EVERY ", \"until_months\": null")),
	    ":1: plans[0].every: needs until_months or count (it would never "
	    "end)");
	CHECK_STR(load_error(PLAN(EVERY ", \"count\": 2, \"until_months\":"
	    " 24")), ":1: plans[0].count: not with until_months");
	CHECK_STR(load_error(PLAN(SVC ", \"until_months\": 24")),
	    ":1: plans[0].until_months: only with every");
	CHECK_STR(load_error(PLAN(SVC ", \"count\": 2")),
	    ":1: plans[0].count: only with every");
	CHECK_STR(load_error(PLAN("\"match\": {}")),
	    ":1: plans[0]: no services and no every");
	CHECK_STR(load_error(PLAN(EVERY ", \"count\": 0")),
	    ":1: plans[0].count: not a whole number from 1 to 1000");
	CHECK_STR(load_error(PLAN(EVERY ", \"count\": 1001")),
	    ":1: plans[0].count: not a whole number from 1 to 1000");
	CHECK_STR(load_error(PLAN(EVERY ", \"count\": 201")),
	    ":1: plans[0].count: the last service would be 1206 months after "
	    "delivery (at most 1200)");
	CHECK_STR(load_error(PLAN(EVERY ", \"until_months\": 0")),
	    ":1: plans[0].until_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN(EVERY ", \"until_months\": -12")),
	    ":1: plans[0].until_months: not a whole number from 1 to 1200");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"s\","
	    " \"after_months\": 6}], \"every\": {\"name\": \"e\", \"months\":"
	    " 12}, \"until_months\": 17")), ":1: plans[0].until_months: "
	    "every never falls due: its first is 18 months after delivery");
	CHECK_STR(load_error(PLAN("\"every\": {\"name\": \"e\", \"months\":"
	    " 1}, \"until_months\": 1001")),
	    ":1: plans[0]: more than 1000 services per unit (1001)");
	CHECK_STR(load_error(PLAN("\"services\": [{\"name\": \"a\","
	    " \"after_months\": 1}, {\"name\": \"b\", \"after_months\": 2}],"
	    " \"every\": {\"name\": \"e\", \"months\": 1}, \"count\": 999")),
	    ":1: plans[0]: more than 1000 services per unit (1001)");
	/* The set of plans. */
	CHECK_STR(load_error("{\"plans\": [{\"name\": \"p\", " SVC "},"
	    " {\"name\": \"p\", " SVC "}]}"),
	    ":1: plans[1].name: \"p\" again (plans[0])");
	CHECK_STR(load_error("{\"plans\": [{\"name\": \"a\", " SVC "},"
	    " {\"name\": \"b\", \"match\": {\"skus\": [\"X5\"]}, " SVC "}]}"),
	    ":1: plans[1]: never used: plans[0] before it matches every unit");
	/* The line of the place. */
	CHECK_STR(load_error("{\n \"plans\": [\n  {\"name\": \"p\",\n"
	    "   \"services\": [\n    {\"name\": \"s\", \"after_months\": 3},\n"
	    "    {\"name\": \"t\",\n     \"after_months\": 2}\n   ]}\n ]\n}\n"),
	    ":7: plans[0].services[1].after_months: not after the service "
	    "before it (3 months)");
	CHECK_STR(load_error("{\n \"plans\": [\n  {\"name\": \"p\",\n"
	    "   \"every\": {\"name\": \"e\", \"months\": 6}\n  }\n ]\n}\n"),
	    ":4: plans[0].every: needs until_months or count (it would never "
	    "end)");
	/* A file that is not there. */
	snprintf(missing, sizeof(missing), "%s/none.json", dir);
	CHECK_INT(crm_service_plan_load(missing, &p, &err), CRM_ECONFIG);
	CHECK(p == NULL);
	CHECK_HAS(err.msg, missing);
	crm_service_plan_free(NULL);
}

int
main(void)
{
	char path[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/s.db", dir);
	snprintf(rules, sizeof(rules), "%s/plan.json", dir);
	snprintf(outpath, sizeof(outpath), "%s/out.jsonl", dir);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_units);
	RUN(test_services);
	RUN(test_matching);
	RUN(test_ends);
	RUN(test_calendar_end);
	RUN(test_default);
	RUN(test_load_errors);
	crm_db_close(db);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	DONE();
}
