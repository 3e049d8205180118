/*
 * test_stock.c - the stock ledger: FIFO issues across lots with their
 * cost, issues of a lot or a serial and every refusal, partial receipts
 * of lines on the way, moves that keep a lot's age, stocktakes, levels
 * of past days, ageing bucket edges and the bucket rules, the balance
 * cache checked and rebuilt, and what orders reserve.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-stock-XXXXXX";
static char outpath[256], rules[256];
static crm_err err;
static crm_db *db;
static int ndb;

/* Two dealers L and M; four skus in yuan. */
static const char fixture[] =
	"INSERT INTO customers (id, name, created_at) VALUES"
	" ('C1', 'One', '2026-01-01');"
	"INSERT INTO products (sku, name, currency) VALUES"
	" ('X', 'X', 'CNY'), ('Y', 'Y', 'CNY'), ('Z', 'Z', 'CNY'),"
	" ('W', 'W', 'CNY');"
	"INSERT INTO locations (id, name, kind) VALUES"
	" ('L', 'Dealer L', 'dealer'), ('M', 'Dealer M', 'dealer');";

/* A new database with the fixture, in place of the last one. */
static void
fresh(void)
{
	char path[256];

	crm_db_close(db);
	db = NULL;
	snprintf(path, sizeof(path), "%s/%d.db", dir, ++ndb);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK)
		T_FAIL("fresh: %s", err.msg);
}

/* A writer whose records default to day on and location loc. */
static crm_stock *
writer(const char *on, const char *loc, int full)
{
	crm_stock_opts o;
	crm_stock *s = NULL;

	memset(&o, 0, sizeof(o));
	o.on = on;
	o.at = "2026-06-30T12:00:00Z";
	o.location = loc;
	o.full = full;
	if (crm_stock_new(db, &o, &s, &err) != CRM_OK)
		T_FAIL("crm_stock_new: %s", err.msg);
	return s;
}

static const char *
slurp(crm_out *out)
{
	static char text[16384];
	size_t n = 0;
	FILE *fp;

	if (crm_out_close(out, &err) != CRM_OK)
		return err.msg;
	if ((fp = fopen(outpath, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
	}
	text[n] = '\0';
	return text;
}

enum { TRANSIT, RECEIVE, ISSUE, MOVE, COUNT, FINISH };

/* One record of a verb in a transaction of its own: what it wrote, as
 * JSON lines, or its error message (and nothing written). */
static const char *
put(crm_stock *s, int verb, const char *json)
{
	crm_rec *r = crm_rec_new();
	crm_out *out = NULL;
	int rc;

	if (r == NULL || s == NULL)
		return "(setup)";
	if (json != NULL && crm_rec_parse(r, json, strlen(json), &err) !=
	    CRM_OK) {
		crm_rec_free(r);
		return err.msg;
	}
	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK ||
	    crm_db_begin(db, &err) != CRM_OK) {
		crm_out_abort(out);
		crm_rec_free(r);
		return err.msg;
	}
	switch (verb) {
	case TRANSIT:
		rc = crm_stock_transit(s, r, &err);
		break;
	case RECEIVE:
		rc = crm_stock_receive(s, r, out, &err);
		break;
	case ISSUE:
		rc = crm_stock_issue(s, r, out, &err);
		break;
	case MOVE:
		rc = crm_stock_move(s, r, out, &err);
		break;
	case COUNT:
		rc = crm_stock_count(s, r, out, &err);
		break;
	default:
		rc = crm_stock_count_finish(s, out, &err);
		break;
	}
	crm_rec_free(r);
	if (rc == CRM_OK)
		rc = crm_db_commit(db, &err);
	else
		crm_db_rollback(db);
	if (rc != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	return slurp(out);
}

/* Opening stock: qty of sku at loc received on day at cost. */
static void
stock(const char *loc, const char *sku, int qty, const char *day,
    const char *cost)
{
	char json[256];
	crm_stock *s = writer(day, loc, 0);
	const char *got;

	snprintf(json, sizeof(json), "{\"sku\":\"%s\",\"qty\":%d,"
	    "\"unit_cost\":\"%s\"}", sku, qty, cost);
	got = put(s, RECEIVE, json);
	if (strncmp(got, "{\"lot\":", 7) != 0)
		T_FAIL("stock %s %s %s: %s", loc, sku, day, got);
	crm_stock_free(s);
}

enum { LEVELS, VALUE, MOVES, TRANSITS, AGE, STALE, CHECKQ };

/* What a query writes as JSON lines, or its error message. */
static const char *
ask(int what, const char *as_of, const char *today,
    const crm_stock_buckets *b, int days)
{
	crm_stock_query q;
	crm_out *out = NULL;
	unsigned long problems;
	int rc;

	memset(&q, 0, sizeof(q));
	q.as_of = as_of;
	q.today = today;
	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return err.msg;
	switch (what) {
	case LEVELS:
		rc = crm_stock_levels(db, &q, out, &err);
		break;
	case VALUE:
		rc = crm_stock_value(db, &q, out, &err);
		break;
	case MOVES:
		rc = crm_stock_moves(db, &q, out, &err);
		break;
	case TRANSITS:
		rc = crm_stock_transit_list(db, &q, today != NULL, out, &err);
		break;
	case AGE:
		rc = crm_stock_age(db, &q, b, out, &err);
		break;
	case STALE:
		rc = crm_stock_stale(db, &q, days, out, &err);
		break;
	default:
		rc = crm_stock_check(db, out, &problems, &err);
		break;
	}
	if (rc != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	return slurp(out);
}

static const char *
levels(const char *as_of)
{
	return ask(LEVELS, as_of, NULL, NULL, 0);
}

static unsigned long
problems(void)
{
	unsigned long n = 99;
	crm_out *out = NULL;

	if (crm_out_open(&out, "/dev/null", CRM_FMT_JSONL, 0, &err) !=
	    CRM_OK || crm_stock_check(db, out, &n, &err) != CRM_OK)
		T_FAIL("check: %s", err.msg);
	crm_out_close(out, &err);
	return n;
}

/*
 * Three lots of X at L, 4 each at 10, 11 and 12 yuan: an issue of 10
 * takes all of the first two and half of the third, oldest first.
 */
static void
test_fifo(void)
{
	crm_stock *s;

	fresh();
	s = writer("2026-01-05", "L", 0);
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"X\",\"qty\":4,"
	    "\"unit_cost\":\"10.00\"}"),
	    "{\"lot\":\"L/X/2026-01-05/1\",\"sku\":\"X\",\"qty\":4,"
	    "\"location\":\"L\",\"received_on\":\"2026-01-05\","
	    "\"unit_cost\":\"10.00\",\"currency\":\"CNY\"}\n");
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"X\",\"qty\":4,"
	    "\"unit_cost\":\"12.00\",\"received_on\":\"2026-01-15\"}"),
	    "{\"lot\":\"L/X/2026-01-15/1\",\"sku\":\"X\",\"qty\":4,"
	    "\"location\":\"L\",\"received_on\":\"2026-01-15\","
	    "\"unit_cost\":\"12.00\",\"currency\":\"CNY\"}\n");
	/* Received later than the 12 yuan lot, but on an earlier day. */
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"X\",\"qty\":4,"
	    "\"unit_cost\":\"11\",\"received_on\":\"2026-01-10\"}"),
	    "{\"lot\":\"L/X/2026-01-10/1\",\"sku\":\"X\",\"qty\":4,"
	    "\"location\":\"L\",\"received_on\":\"2026-01-10\","
	    "\"unit_cost\":\"11.00\",\"currency\":\"CNY\"}\n");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":10,"
	    "\"customer_id\":\"C1\",\"issued_on\":\"2026-02-01\"}"),
	    "{\"sku\":\"X\",\"qty\":4,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-05/1\",\"received_on\":\"2026-01-05\","
	    "\"unit_cost\":\"10.00\",\"cost\":\"40.00\",\"currency\":\"CNY\","
	    "\"customer_id\":\"C1\",\"issued_on\":\"2026-02-01\"}\n"
	    "{\"sku\":\"X\",\"qty\":4,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-10/1\",\"received_on\":\"2026-01-10\","
	    "\"unit_cost\":\"11.00\",\"cost\":\"44.00\",\"currency\":\"CNY\","
	    "\"customer_id\":\"C1\",\"issued_on\":\"2026-02-01\"}\n"
	    "{\"sku\":\"X\",\"qty\":2,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-15/1\",\"received_on\":\"2026-01-15\","
	    "\"unit_cost\":\"12.00\",\"cost\":\"24.00\",\"currency\":\"CNY\","
	    "\"customer_id\":\"C1\",\"issued_on\":\"2026-02-01\"}\n");
	CHECK_INT(crm_stock_counts_of(s)->lots, 3);
	CHECK_INT(crm_stock_counts_of(s)->received, 12);
	CHECK_INT(crm_stock_counts_of(s)->issued, 10);
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":2,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":2}\n");
	CHECK_STR(ask(VALUE, NULL, NULL, NULL, 0), "{\"sku\":\"X\","
	    "\"location\":\"L\",\"qty\":2,\"value\":\"24.00\","
	    "\"currency\":\"CNY\"}\n");
	/* The day before the issue, all twelve at 132 yuan. */
	CHECK_STR(ask(VALUE, "2026-01-31", NULL, NULL, 0), "{\"sku\":\"X\","
	    "\"location\":\"L\",\"qty\":12,\"value\":\"132.00\","
	    "\"currency\":\"CNY\"}\n");
	/* The next issue takes what is left of the third lot. */
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":2,"
	    "\"issued_on\":\"2026-02-02\"}"),
	    "{\"sku\":\"X\",\"qty\":2,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-15/1\",\"received_on\":\"2026-01-15\","
	    "\"unit_cost\":\"12.00\",\"cost\":\"24.00\",\"currency\":\"CNY\","
	    "\"issued_on\":\"2026-02-02\"}\n");
	CHECK_STR(levels(NULL), "");
	CHECK_STR(ask(VALUE, NULL, NULL, NULL, 0), "");
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
}

/* A lot or a serial by name; and every refusal of an issue. */
static void
test_issue_named(void)
{
	crm_stock *s;

	fresh();
	stock("L", "X", 2, "2026-01-05", "10");
	stock("L", "X", 1, "2026-01-06", "11");
	s = writer("2026-01-07", "L", 0);
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"Y\",\"serials\":[\"V1\","
	    "\"V2\"],\"unit_cost\":\"500\"}"),
	    "{\"lot\":\"V1\",\"sku\":\"Y\",\"qty\":1,\"location\":\"L\","
	    "\"received_on\":\"2026-01-07\",\"unit_cost\":\"500.00\","
	    "\"currency\":\"CNY\",\"serial\":\"V1\"}\n"
	    "{\"lot\":\"V2\",\"sku\":\"Y\",\"qty\":1,\"location\":\"L\","
	    "\"received_on\":\"2026-01-07\",\"unit_cost\":\"500.00\","
	    "\"currency\":\"CNY\",\"serial\":\"V2\"}\n");
	/* The newer lot by name, not the oldest. */
	CHECK_STR(put(s, ISSUE, "{\"lot\":\"L/X/2026-01-06/1\"}"),
	    "{\"sku\":\"X\",\"qty\":1,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-06/1\",\"received_on\":\"2026-01-06\","
	    "\"unit_cost\":\"11.00\",\"cost\":\"11.00\",\"currency\":\"CNY\","
	    "\"issued_on\":\"2026-01-07\"}\n");
	CHECK_STR(put(s, ISSUE, "{\"lot\":\"L/X/2026-01-06/1\"}"),
	    "qty: 1 wanted, 0 on hand of lot L/X/2026-01-06/1 at L");
	/* The second unit by its serial, not the first. */
	CHECK_STR(put(s, ISSUE, "{\"serial\":\"V2\",\"customer_id\":\"C1\"}"),
	    "{\"sku\":\"Y\",\"qty\":1,\"location\":\"L\",\"lot\":\"V2\","
	    "\"received_on\":\"2026-01-07\",\"serial\":\"V2\","
	    "\"unit_cost\":\"500.00\",\"cost\":\"500.00\","
	    "\"currency\":\"CNY\",\"customer_id\":\"C1\","
	    "\"issued_on\":\"2026-01-07\"}\n");
	CHECK_STR(put(s, ISSUE, "{\"serial\":\"V2\"}"),
	    "qty: 1 wanted, 0 on hand of lot V2 at L");
	CHECK_STR(put(s, ISSUE, "{\"serial\":\"V9\"}"),
	    "serial: no unit V9 was received");
	CHECK_STR(put(s, ISSUE, "{\"serial\":\"V1\",\"qty\":2}"),
	    "qty: 2: a serial number is one unit");
	CHECK_STR(put(s, ISSUE, "{\"lot\":\"L/X/2026-01-05/1\","
	    "\"sku\":\"Y\"}"), "sku: lot L/X/2026-01-05/1 is of X");
	CHECK_STR(put(s, ISSUE, "{\"lot\":\"nope\"}"), "lot: no such lot nope");
	/* More than there is: nothing issued. */
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"X\",\"qty\":1,"
	    "\"unit_cost\":\"12\"}"),
	    "{\"lot\":\"L/X/2026-01-07/1\",\"sku\":\"X\",\"qty\":1,"
	    "\"location\":\"L\",\"received_on\":\"2026-01-07\","
	    "\"unit_cost\":\"12.00\",\"currency\":\"CNY\"}\n");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":5}"),
	    "qty: 5 wanted, 3 on hand of sku X at L");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":5,"
	    "\"location\":\"M\"}"), "qty: 5 wanted, 0 on hand of sku X at M");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":1,"
	    "\"location\":\"Q\"}"), "location: no such location Q");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"Q\",\"qty\":1}"),
	    "sku: no such sku Q");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":1,"
	    "\"customer_id\":\"C9\"}"), "customer_id: no such customer C9");
	CHECK_STR(put(s, ISSUE, "{\"qty\":1}"),
	    "sku: missing (nor lot, serial or order_id)");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":0}"),
	    "qty: 0 is not a whole number from 1 to 1000000000");
	/* Stock received after the day of the issue is not there yet:
	 * on 6 January only the two of the 5th were. */
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":3,"
	    "\"issued_on\":\"2026-01-06\"}"),
	    "qty: 3 wanted, 2 on hand of sku X at L");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":1,"
	    "\"issued_on\":\"2026-01-04\"}"),
	    "qty: 1 wanted, 0 on hand of sku X at L");
	CHECK_STR(put(s, ISSUE, "{\"lot\":\"L/X/2026-01-07/1\","
	    "\"issued_on\":\"2026-01-06\"}"),
	    "qty: 1 wanted, 0 on hand of lot L/X/2026-01-07/1 at L");
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":3}\n"
	    "{\"sku\":\"Y\",\"location\":\"L\",\"on_hand\":1,"
	    "\"in_transit\":0,\"reserved\":0,\"available\":1}\n");
	CHECK_INT(crm_stock_counts_of(s)->issued, 2);
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
}

/*
 * Backdated records: a lot moved to L after the day of an issue at L
 * was not there on that day, and a stocktake cannot miss a lot before
 * it came.  The ledger of no day may go below zero.
 */
static void
test_backdated(void)
{
	crm_stock *s;

	fresh();
	stock("M", "X", 1, "2026-01-05", "10");
	s = writer("2026-01-20", "M", 0);
	CHECK_STR(put(s, MOVE, "{\"sku\":\"X\",\"qty\":1,\"to\":\"L\"}"),
	    "{\"sku\":\"X\",\"qty\":1,\"from\":\"M\",\"to\":\"L\","
	    "\"lot\":\"M/X/2026-01-05/1\",\"received_on\":\"2026-01-05\","
	    "\"moved_on\":\"2026-01-20\"}\n");
	CHECK_STR(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":1,\"location\":\"L\","
	    "\"issued_on\":\"2026-01-10\"}"),
	    "qty: 1 wanted, 0 on hand of sku X at L");
	CHECK_STR(levels("2026-01-10"), "{\"sku\":\"X\",\"location\":\"M\","
	    "\"on_hand\":1,\"in_transit\":0}\n");
	crm_stock_free(s);
	/* A stocktake dated before a lot came: it has nothing of it to
	 * miss on that day, whatever it books. */
	fresh();
	stock("L", "Y", 3, "2026-01-15", "10");
	s = writer("2026-01-10", "L", 0);
	put(s, COUNT, "{\"sku\":\"Y\",\"qty\":0}");
	CHECK(strstr(levels("2026-01-10"), "\"on_hand\":-") == NULL);
	CHECK(strstr(levels("2026-01-14"), "\"on_hand\":-") == NULL);
	crm_stock_free(s);
}

/* Lines on the way, received in parts, with serials, and seen again. */
static void
test_transit(void)
{
	crm_stock *s;

	fresh();
	s = writer("2026-03-01", NULL, 0);
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":3,\"destination\":\"L\","
	    "\"shipped_at\":\"2026-03-01T09:00:00Z\","
	    "\"expected_on\":\"2026-03-04\",\"carrier\":\"K\","
	    "\"unit_cost\":\"100\"}"), "");
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S2\",\"line_no\":1,"
	    "\"sku\":\"Y\",\"qty\":2,\"location\":\"M\","
	    "\"shipped_on\":\"2026-03-02\",\"unit_cost\":\"7.5\"}"), "");
	CHECK_INT(crm_stock_counts_of(s)->transit_new, 2);
	/* The same again: unchanged; later news: updated; more: refused. */
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":3,\"destination\":\"L\","
	    "\"shipped_at\":\"2026-03-01T09:00:00Z\","
	    "\"expected_on\":\"2026-03-04\",\"carrier\":\"K\","
	    "\"unit_cost\":\"100\"}"), "");
	CHECK_INT(crm_stock_counts_of(s)->transit_unchanged, 1);
	CHECK_INT(crm_stock_counts_of(s)->transit_updated, 0);
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":3,\"destination\":\"L\","
	    "\"shipped_at\":\"2026-03-01T09:00:00Z\","
	    "\"expected_on\":\"2026-03-06\"}"), "");
	CHECK_INT(crm_stock_counts_of(s)->transit_unchanged, 1);
	CHECK_INT(crm_stock_counts_of(s)->transit_updated, 1);
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":4,\"destination\":\"L\","
	    "\"shipped_at\":\"2026-03-01T09:00:00Z\"}"),
	    "line_no: shipment S1 line 1 is on the way already as 3 of X "
	    "to L");
	CHECK_INT(crm_stock_counts_of(s)->transit_new, 2);
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S3\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":1,\"location\":\"L\","
	    "\"shipped_on\":\"2026-03-02\",\"expected_on\":\"2026-03-01\"}"),
	    "expected_on: 2026-03-01 is before the shipment left on "
	    "2026-03-02");
	CHECK_STR(ask(TRANSITS, NULL, NULL, NULL, 0),
	    "{\"shipment_id\":\"S1\",\"line_no\":1,\"sku\":\"X\","
	    "\"location\":\"L\",\"carrier\":\"K\","
	    "\"shipped_on\":\"2026-03-01\",\"expected_on\":\"2026-03-06\","
	    "\"shipped\":3,\"received\":0,\"open\":3}\n"
	    "{\"shipment_id\":\"S2\",\"line_no\":1,\"sku\":\"Y\","
	    "\"location\":\"M\",\"shipped_on\":\"2026-03-02\","
	    "\"shipped\":2,\"received\":0,\"open\":2}\n");
	/* Before it left: refused. */
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S1\",\"qty\":1,"
	    "\"received_on\":\"2026-02-28\"}"),
	    "received_on: 2026-02-28 is before the shipment left on "
	    "2026-03-01");
	/* One of three, then two. */
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S1\",\"qty\":1,"
	    "\"received_on\":\"2026-03-05\",\"received_by\":\"ann\"}"),
	    "{\"lot\":\"S1/1/1\",\"sku\":\"X\",\"qty\":1,\"location\":\"L\","
	    "\"received_on\":\"2026-03-05\",\"unit_cost\":\"100.00\","
	    "\"currency\":\"CNY\",\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"carrier\":\"K\",\"received_by\":\"ann\"}\n");
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":1,\"in_transit\":2,\"reserved\":0,"
	    "\"available\":1}\n"
	    "{\"sku\":\"Y\",\"location\":\"M\",\"on_hand\":0,"
	    "\"in_transit\":2,\"reserved\":0,\"available\":0}\n");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S1\",\"qty\":2,"
	    "\"received_on\":\"2026-03-06\"}"),
	    "{\"lot\":\"S1/1/2\",\"sku\":\"X\",\"qty\":2,\"location\":\"L\","
	    "\"received_on\":\"2026-03-06\",\"unit_cost\":\"100.00\","
	    "\"currency\":\"CNY\",\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"carrier\":\"K\"}\n");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S1\",\"qty\":1}"),
	    "qty: 1 received, only 0 of line 1 still on the way (3 shipped, "
	    "3 received before)");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S1\"}"),
	    "shipment_id: shipment S1 was received in full already");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S9\"}"),
	    "shipment_id: no shipment S9 on the way (crm-stock transit "
	    "records it)");
	/* Two serials of a line of two: a lot each. */
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S2\",\"serials\":[\"A\","
	    "\"A\"]}"), "serials: A given twice");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S2\",\"serials\":"
	    "[\"A\",\"B\",\"C\"]}"),
	    "qty: 3 received, only 2 of line 1 still on the way (2 shipped, "
	    "0 received before)");
	CHECK_STR(put(s, RECEIVE, "{\"shipment_id\":\"S2\",\"serials\":[\"A\","
	    "\"B\"],\"received_on\":\"2026-03-07\"}"),
	    "{\"lot\":\"S2/1/1\",\"sku\":\"Y\",\"qty\":1,\"location\":\"M\","
	    "\"received_on\":\"2026-03-07\",\"unit_cost\":\"7.50\","
	    "\"currency\":\"CNY\",\"serial\":\"A\",\"shipment_id\":\"S2\","
	    "\"line_no\":1}\n"
	    "{\"lot\":\"S2/1/2\",\"sku\":\"Y\",\"qty\":1,\"location\":\"M\","
	    "\"received_on\":\"2026-03-07\",\"unit_cost\":\"7.50\","
	    "\"currency\":\"CNY\",\"serial\":\"B\",\"shipment_id\":\"S2\","
	    "\"line_no\":1}\n");
	CHECK_STR(ask(TRANSITS, NULL, NULL, NULL, 0), "");
	/* Before the last receipts, the line was on the way in part. */
	CHECK_STR(ask(TRANSITS, "2026-03-05", NULL, NULL, 0),
	    "{\"shipment_id\":\"S1\",\"line_no\":1,\"sku\":\"X\","
	    "\"location\":\"L\",\"carrier\":\"K\","
	    "\"shipped_on\":\"2026-03-01\",\"expected_on\":\"2026-03-06\","
	    "\"shipped\":3,\"received\":1,\"open\":2}\n"
	    "{\"shipment_id\":\"S2\",\"line_no\":1,\"sku\":\"Y\","
	    "\"location\":\"M\",\"shipped_on\":\"2026-03-02\","
	    "\"shipped\":2,\"received\":0,\"open\":2}\n");
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":3}\n"
	    "{\"sku\":\"Y\",\"location\":\"M\",\"on_hand\":2,"
	    "\"in_transit\":0,\"reserved\":0,\"available\":2}\n");
	CHECK_INT(crm_stock_counts_of(s)->lots, 4);
	CHECK_INT(crm_stock_counts_of(s)->received, 5);
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
}

/* A lot moved keeps the day it was received: old at both places. */
static void
test_move_age(void)
{
	crm_stock_buckets b = { { 30, 60, 90, 180 }, 4 };
	crm_stock *s;

	fresh();
	stock("L", "X", 5, "2025-10-01", "10");
	stock("L", "X", 1, "2026-02-25", "20");
	s = writer("2026-02-20", "L", 0);
	CHECK_STR(put(s, MOVE, "{\"sku\":\"X\",\"qty\":2,\"to\":\"M\","
	    "\"ref\":\"T1\"}"),
	    "{\"sku\":\"X\",\"qty\":2,\"from\":\"L\",\"to\":\"M\","
	    "\"lot\":\"L/X/2025-10-01/1\",\"received_on\":\"2025-10-01\","
	    "\"moved_on\":\"2026-02-20\",\"ref\":\"T1\"}\n");
	CHECK_STR(put(s, MOVE, "{\"sku\":\"X\",\"qty\":1,\"to\":\"L\"}"),
	    "to: the same location as from");
	CHECK_STR(put(s, MOVE, "{\"sku\":\"X\",\"qty\":1,\"to\":\"Q\"}"),
	    "to: no such location Q");
	CHECK_STR(put(s, MOVE, "{\"sku\":\"X\",\"qty\":6,\"to\":\"M\","
	    "\"moved_on\":\"2026-02-26\"}"),
	    "qty: 6 wanted, 4 on hand of sku X at L");
	CHECK_INT(crm_stock_counts_of(s)->moved, 2);
	/* 1 Oct 2025 to 1 Mar 2026 is 151 days; 25 Feb is 4 days. */
	CHECK_STR(ask(AGE, NULL, "2026-03-01", &b, 0),
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"0-30\",\"qty\":1,"
	    "\"value\":\"20.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"91-180\","
	    "\"qty\":3,\"value\":\"30.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"M\",\"sku\":\"X\",\"bucket\":\"91-180\","
	    "\"qty\":2,\"value\":\"20.00\",\"currency\":\"CNY\"}\n");
	CHECK_STR(ask(STALE, NULL, "2026-03-01", NULL, 90),
	    "{\"lot\":\"L/X/2025-10-01/1\",\"sku\":\"X\",\"location\":\"L\","
	    "\"received_on\":\"2025-10-01\",\"qty\":3,"
	    "\"unit_cost\":\"10.00\",\"value\":\"30.00\","
	    "\"currency\":\"CNY\",\"age_days\":151}\n"
	    "{\"lot\":\"L/X/2025-10-01/1\",\"sku\":\"X\",\"location\":\"M\","
	    "\"received_on\":\"2025-10-01\",\"qty\":2,"
	    "\"unit_cost\":\"10.00\",\"value\":\"20.00\","
	    "\"currency\":\"CNY\",\"age_days\":151}\n");
	/* Older than 151 days: none; than 150: both. */
	CHECK_STR(ask(STALE, NULL, "2026-03-01", NULL, 151), "");
	CHECK_HAS(ask(STALE, NULL, "2026-03-01", NULL, 150), "\"age_days\":151");
	/* On the day before the move, all of the old lot was at L. */
	CHECK_STR(ask(AGE, "2026-02-19", NULL, &b, 0),
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"91-180\","
	    "\"qty\":5,\"value\":\"50.00\",\"currency\":\"CNY\"}\n");
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
}

/* Counted: a shortage from the oldest lot, a surplus as a new lot. */
static void
test_count(void)
{
	crm_stock *s;

	fresh();
	stock("L", "X", 4, "2026-01-05", "10");
	stock("L", "X", 4, "2026-01-10", "11");
	stock("L", "Y", 2, "2026-01-05", "5");
	stock("M", "Y", 1, "2026-01-12", "6");
	stock("L", "Z", 3, "2026-01-05", "1");
	s = writer("2026-02-01", "L", 1);
	CHECK_STR(put(s, COUNT, "{\"sku\":\"X\",\"qty\":6}"),
	    "{\"location\":\"L\",\"sku\":\"X\",\"on_hand\":8,\"counted\":6,"
	    "\"difference\":-2,\"value\":\"-20.00\",\"currency\":\"CNY\","
	    "\"reason\":\"stocktake\",\"counted_on\":\"2026-02-01\"}\n");
	CHECK_STR(put(s, COUNT, "{\"sku\":\"X\",\"qty\":8}"),
	    "sku: X at L was counted already in this stocktake");
	/* Three more Y than on hand, at the 6.00 of its newest lot (at M). */
	CHECK_STR(put(s, COUNT, "{\"sku\":\"Y\",\"qty\":5,"
	    "\"reason\":\"found\"}"),
	    "{\"location\":\"L\",\"sku\":\"Y\",\"on_hand\":2,\"counted\":5,"
	    "\"difference\":3,\"value\":\"18.00\",\"currency\":\"CNY\","
	    "\"reason\":\"found\",\"counted_on\":\"2026-02-01\"}\n");
	/* None of X at M: one found there costs what X's newest lot (at L)
	 * cost; W was never received anywhere. */
	CHECK_STR(put(s, COUNT, "{\"sku\":\"X\",\"qty\":1,"
	    "\"location\":\"M\"}"),
	    "{\"location\":\"M\",\"sku\":\"X\",\"on_hand\":0,\"counted\":1,"
	    "\"difference\":1,\"value\":\"11.00\",\"currency\":\"CNY\","
	    "\"reason\":\"stocktake\",\"counted_on\":\"2026-02-01\"}\n");
	CHECK_STR(put(s, COUNT, "{\"sku\":\"W\",\"qty\":2,"
	    "\"location\":\"M\"}"),
	    "unit_cost: missing: 2 more than on hand, and no lot of W to take "
	    "a cost from");
	CHECK_STR(put(s, COUNT, "{\"sku\":\"W\",\"qty\":2,"
	    "\"location\":\"M\",\"unit_cost\":\"0.5\"}"),
	    "{\"location\":\"M\",\"sku\":\"W\",\"on_hand\":0,\"counted\":2,"
	    "\"difference\":2,\"value\":\"1.00\",\"currency\":\"CNY\","
	    "\"reason\":\"stocktake\",\"counted_on\":\"2026-02-01\"}\n");
	CHECK_STR(put(s, COUNT, "{\"sku\":\"Y\",\"qty\":-1,"
	    "\"location\":\"M\"}"),
	    "qty: -1 is not a whole number from 0 to 1000000000");
	CHECK_STR(put(s, COUNT, "{\"sku\":\"Y\",\"qty\":1,"
	    "\"location\":\"M\"}"),
	    "{\"location\":\"M\",\"sku\":\"Y\",\"on_hand\":1,\"counted\":1,"
	    "\"difference\":0,\"counted_on\":\"2026-02-01\"}\n");
	/* Z at L was not counted: with full, it is counted as none. */
	CHECK_STR(put(s, FINISH, NULL),
	    "{\"location\":\"L\",\"sku\":\"Z\",\"on_hand\":3,\"counted\":0,"
	    "\"difference\":-3,\"value\":\"-3.00\",\"currency\":\"CNY\","
	    "\"reason\":\"stocktake\",\"counted_on\":\"2026-02-01\"}\n");
	CHECK_INT(crm_stock_counts_of(s)->counted, 6);
	CHECK_INT(crm_stock_counts_of(s)->adjusted, 5);
	CHECK_INT(crm_stock_counts_of(s)->gained, 6);
	CHECK_INT(crm_stock_counts_of(s)->lost, 5);
	CHECK_INT(crm_stock_counts_of(s)->lots, 3);
	/* X: 2 left of the 10.00 lot, 4 of the 11.00; Y at L: the old two
	 * and the three found, dated the count's day. */
	CHECK_STR(ask(VALUE, NULL, NULL, NULL, 0),
	    "{\"sku\":\"X\",\"location\":\"L\",\"qty\":6,\"value\":\"64.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"sku\":\"Y\",\"location\":\"L\",\"qty\":5,\"value\":\"28.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"sku\":\"W\",\"location\":\"M\",\"qty\":2,\"value\":\"1.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"qty\":1,\"value\":\"11.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"sku\":\"Y\",\"location\":\"M\",\"qty\":1,\"value\":\"6.00\","
	    "\"currency\":\"CNY\"}\n");
	CHECK_STR(ask(STALE, NULL, "2026-02-01", NULL, 0),
	    "{\"lot\":\"L/X/2026-01-05/1\",\"sku\":\"X\",\"location\":\"L\","
	    "\"received_on\":\"2026-01-05\",\"qty\":2,"
	    "\"unit_cost\":\"10.00\",\"value\":\"20.00\","
	    "\"currency\":\"CNY\",\"age_days\":27}\n"
	    "{\"lot\":\"L/Y/2026-01-05/1\",\"sku\":\"Y\",\"location\":\"L\","
	    "\"received_on\":\"2026-01-05\",\"qty\":2,"
	    "\"unit_cost\":\"5.00\",\"value\":\"10.00\","
	    "\"currency\":\"CNY\",\"age_days\":27}\n"
	    "{\"lot\":\"L/X/2026-01-10/1\",\"sku\":\"X\",\"location\":\"L\","
	    "\"received_on\":\"2026-01-10\",\"qty\":4,"
	    "\"unit_cost\":\"11.00\",\"value\":\"44.00\","
	    "\"currency\":\"CNY\",\"age_days\":22}\n"
	    "{\"lot\":\"M/Y/2026-01-12/1\",\"sku\":\"Y\",\"location\":\"M\","
	    "\"received_on\":\"2026-01-12\",\"qty\":1,"
	    "\"unit_cost\":\"6.00\",\"value\":\"6.00\","
	    "\"currency\":\"CNY\",\"age_days\":20}\n");
	CHECK_HAS(ask(MOVES, NULL, NULL, NULL, 0),
	    "\"kind\":\"count\",\"sku\":\"Y\",\"location\":\"L\","
	    "\"lot\":\"L/Y/2026-02-01/1\",\"qty\":3,\"reason\":\"found\"");
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
	/* A new stocktake may count X at L again. */
	s = writer("2026-02-02", "L", 0);
	CHECK_STR(put(s, COUNT, "{\"sku\":\"X\",\"qty\":6}"),
	    "{\"location\":\"L\",\"sku\":\"X\",\"on_hand\":6,\"counted\":6,"
	    "\"difference\":0,\"counted_on\":\"2026-02-02\"}\n");
	CHECK_STR(put(s, FINISH, NULL), "");
	crm_stock_free(s);
}

/* Levels of each day from the ledger; without a day, the last. */
static void
test_as_of(void)
{
	char last[512];
	crm_stock *s;

	fresh();
	s = writer("2026-03-01", "L", 0);
	CHECK_STR(put(s, RECEIVE, "{\"sku\":\"X\",\"qty\":5,"
	    "\"unit_cost\":\"1\"}"),
	    "{\"lot\":\"L/X/2026-03-01/1\",\"sku\":\"X\",\"qty\":5,"
	    "\"location\":\"L\",\"received_on\":\"2026-03-01\","
	    "\"unit_cost\":\"1.00\",\"currency\":\"CNY\"}\n");
	CHECK_STR(put(s, TRANSIT, "{\"shipment_id\":\"S1\",\"line_no\":1,"
	    "\"sku\":\"X\",\"qty\":4,\"location\":\"M\","
	    "\"shipped_on\":\"2026-03-02\",\"unit_cost\":\"2\"}"), "");
	CHECK_HAS(put(s, MOVE, "{\"sku\":\"X\",\"qty\":2,\"to\":\"M\","
	    "\"moved_on\":\"2026-03-03\"}"), "\"qty\":2,");
	/* At M, where the line was going. */
	CHECK_HAS(put(s, RECEIVE, "{\"shipment_id\":\"S1\",\"qty\":1,"
	    "\"location\":\"M\",\"received_on\":\"2026-03-04\"}"),
	    "\"lot\":\"S1/1/1\"");
	CHECK_HAS(put(s, ISSUE, "{\"sku\":\"X\",\"qty\":1,"
	    "\"issued_on\":\"2026-03-05\"}"), "\"qty\":1,");
	CHECK_STR(levels("2026-02-28"), "");
	CHECK_STR(levels("2026-03-01"), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":5,\"in_transit\":0}\n");
	CHECK_STR(levels("2026-03-02"), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":5,\"in_transit\":0}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":0,"
	    "\"in_transit\":4}\n");
	CHECK_STR(levels("2026-03-03"), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":2,"
	    "\"in_transit\":4}\n");
	CHECK_STR(levels("2026-03-04"), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":3,"
	    "\"in_transit\":3}\n");
	CHECK_STR(levels("2026-03-05"), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":2,\"in_transit\":0}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":3,"
	    "\"in_transit\":3}\n");
	snprintf(last, sizeof(last), "%s", levels("2026-03-05"));
	CHECK_STR(levels("2026-12-31"), last);
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":2,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":2}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":3,"
	    "\"in_transit\":3,\"reserved\":0,\"available\":3}\n");
	CHECK_STR(ask(VALUE, "2026-03-04", NULL, NULL, 0),
	    "{\"sku\":\"X\",\"location\":\"L\",\"qty\":3,\"value\":\"3.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"qty\":3,\"value\":\"4.00\","
	    "\"currency\":\"CNY\"}\n");
	crm_stock_free(s);
}

/* Lots aged exactly on and one past each bound: 30 and 60 days are in
 * the bucket they end. */
static void
test_bucket_edges(void)
{
	static const char *const days[] = { "2026-05-31", "2026-05-30",
	    "2026-05-01", "2026-04-30", "2026-04-01", "2026-03-31",
	    "2026-01-01", "2025-12-31" };
	char then[1024];
	crm_stock_buckets b;
	size_t i;
	int qty = 1;

	fresh();
	CHECK_INT(crm_stock_buckets_parse("30,60,90,180", &b, &err), CRM_OK);
	CHECK_INT(b.n, 4);
	CHECK_INT(b.bound[3], 180);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++, qty *= 2)
		stock("L", "X", qty, days[i], "1");
	CHECK_STR(ask(AGE, NULL, "2026-06-30", &b, 0),
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"0-30\",\"qty\":1,"
	    "\"value\":\"1.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"31-60\",\"qty\":6,"
	    "\"value\":\"6.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"61-90\","
	    "\"qty\":24,\"value\":\"24.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"91-180\","
	    "\"qty\":96,\"value\":\"96.00\",\"currency\":\"CNY\"}\n"
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"over 180\","
	    "\"qty\":128,\"value\":\"128.00\",\"currency\":\"CNY\"}\n");
	/* Today from CRM_NOW (2026-06-30) when the query gives none. */
	snprintf(then, sizeof(then), "%s", ask(AGE, NULL, "2026-06-30", &b,
	    0));
	CHECK_STR(ask(AGE, NULL, NULL, &b, 0), then);
	CHECK_INT(crm_stock_buckets_parse("7", &b, &err), CRM_OK);
	CHECK_STR(ask(AGE, NULL, "2026-06-30", &b, 0),
	    "{\"location\":\"L\",\"sku\":\"X\",\"bucket\":\"over 7\","
	    "\"qty\":255,\"value\":\"255.00\",\"currency\":\"CNY\"}\n");
}

static void
write_rules(const char *text)
{
	FILE *fp = fopen(rules, "w");

	if (fp == NULL)
		return;
	fputs(text, fp);
	fclose(fp);
}

/* The error of parsing list, or "ok N". */
static const char *
parse(const char *list)
{
	static char buf[32];
	crm_stock_buckets b;
	int rc = crm_stock_buckets_parse(list, &b, &err);

	if (rc == CRM_OK) {
		snprintf(buf, sizeof(buf), "ok %zu", b.n);
		return buf;
	}
	return rc == CRM_EUSAGE ? err.msg : "(not CRM_EUSAGE)";
}

/* The error of loading text, the file name cut off, or "ok N". */
static const char *
load(const char *text)
{
	static char buf[32];
	crm_stock_buckets b;
	int rc;

	write_rules(text);
	rc = crm_stock_buckets_load(rules, &b, &err);
	if (rc == CRM_OK) {
		snprintf(buf, sizeof(buf), "ok %zu %d", b.n, b.bound[b.n - 1]);
		return buf;
	}
	if (rc != CRM_ECONFIG)
		return "(not CRM_ECONFIG)";
	return strncmp(err.msg, rules, strlen(rules)) == 0 ?
	    err.msg + strlen(rules) : err.msg;
}

static void
test_buckets(void)
{
	CHECK_STR(parse("30,20"), "bucket bounds must go up: 20 after 30");
	CHECK_STR(parse("30,30"), "bucket bounds must go up: 30 after 30");
	CHECK_STR(parse("x"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: x");
	CHECK_STR(parse(""), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: ");
	CHECK_STR(parse("0"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: 0");
	CHECK_STR(parse("30,"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: 30,");
	CHECK_STR(parse("30, 60"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: 30, 60");
	CHECK_STR(parse("+30"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: +30");
	CHECK_STR(parse("36501"), "not a list of days from 1 to 36500 like "
	    "30,60,90,180: 36501");
	CHECK_STR(parse("36500"), "ok 1");
	CHECK_STR(parse("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"), "ok 15");
	CHECK_STR(parse("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16"),
	    "more than 15 bounds: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16");
	CHECK_STR(load("{\"buckets\": [30, 60, 90, 180]}\n"), "ok 4 180");
	CHECK_STR(load("{\n  \"buckets\": [30,\n    20]\n}\n"),
	    ":2: buckets: bounds must go up: 20 after 30");
	CHECK_STR(load("{\n  \"buckets\": [30, 0]\n}\n"),
	    ":2: buckets[1]: not a whole number of days from 1 to 36500");
	CHECK_STR(load("{\"buckets\": [\"30\"]}"),
	    ":1: buckets[0]: not a whole number of days from 1 to 36500");
	CHECK_STR(load("{\"buckets\": [1.5]}"),
	    ":1: buckets[0]: not a whole number of days from 1 to 36500");
	CHECK_STR(load("{\"buckets\": []}"),
	    ":1: buckets: not an array of 1 to 15 upper bounds in days");
	CHECK_STR(load("{\"buckets\": 30}"),
	    ":1: buckets: not an array of 1 to 15 upper bounds in days");
	CHECK_STR(load("{\"buckets\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,"
	    "15,16]}"),
	    ":1: buckets: not an array of 1 to 15 upper bounds in days");
	CHECK_STR(load("{}"), ":1: buckets: missing");
	CHECK_STR(load("{\n\"buckets\": [30],\n\"bucket\": [1]\n}"),
	    ":3: bucket: unknown member (known: buckets)");
}

/* The cache against the ledger: tampered, rebuilt, below zero. */
static void
test_check(void)
{
	crm_stock *s;

	fresh();
	stock("L", "X", 4, "2026-01-05", "10");
	stock("L", "Y", 1, "2026-01-05", "10");
	s = writer("2026-01-06", "L", 0);
	CHECK_HAS(put(s, MOVE, "{\"sku\":\"X\",\"qty\":1,\"to\":\"M\"}"),
	    "\"qty\":1,");
	CHECK_HAS(put(s, ISSUE, "{\"sku\":\"Y\",\"qty\":1}"), "\"qty\":1,");
	crm_stock_free(s);
	CHECK_INT(problems(), 0);
	CHECK_STR(ask(CHECKQ, NULL, NULL, NULL, 0), "");
	CHECK_INT(crm_db_exec(db, "UPDATE stock_balances SET qty = 7"
	    " WHERE location_id = 'L' AND sku = 'X'", &err), CRM_OK);
	CHECK_INT(problems(), 1);
	CHECK_STR(ask(CHECKQ, NULL, NULL, NULL, 0),
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/X/2026-01-05/1\","
	    "\"location_id\":\"L\",\"cached\":7,\"ledger\":3,"
	    "\"problem\":\"cache differs from the ledger\"}\n");
	/* A row of an issued lot, and one with a wrong receipt date. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO stock_balances VALUES"
	    " ('L', 'Y', '2026-01-05', 'L/Y/2026-01-05/1', 1);"
	    "UPDATE stock_balances SET received_on = '2026-01-01'"
	    " WHERE location_id = 'M'", &err), CRM_OK);
	CHECK_STR(ask(CHECKQ, NULL, NULL, NULL, 0),
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/X/2026-01-05/1\","
	    "\"location_id\":\"L\",\"cached\":7,\"ledger\":3,"
	    "\"problem\":\"cache differs from the ledger\"}\n"
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/X/2026-01-05/1\","
	    "\"location_id\":\"M\",\"cached\":1,\"ledger\":1,"
	    "\"problem\":\"cache has the wrong sku or receipt date\"}\n"
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/Y/2026-01-05/1\","
	    "\"location_id\":\"L\",\"cached\":1,\"ledger\":0,"
	    "\"problem\":\"cache differs from the ledger\"}\n");
	CHECK_INT(problems(), 3);
	CHECK_INT(crm_stock_rebuild(db, &err), CRM_OK);
	CHECK_INT(problems(), 0);
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":3}\n"
	    "{\"sku\":\"X\",\"location\":\"M\",\"on_hand\":1,"
	    "\"in_transit\":0,\"reserved\":0,\"available\":1}\n");
	/* An issue slipped into the ledger by hand: below zero. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO stock_moves (lot_id,"
	    " location_id, moved_on, qty, kind, recorded_at) VALUES"
	    " ('L/X/2026-01-05/1', 'M', '2026-01-07', -2, 'issue', 'r')",
	    &err), CRM_OK);
	CHECK_STR(ask(CHECKQ, NULL, NULL, NULL, 0),
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/X/2026-01-05/1\","
	    "\"location_id\":\"M\",\"cached\":1,\"ledger\":-1,"
	    "\"problem\":\"below zero in the ledger\"}\n");
	CHECK_INT(crm_stock_rebuild(db, &err), CRM_OK);
	CHECK_STR(ask(CHECKQ, NULL, NULL, NULL, 0),
	    "{\"check\":\"stock_balances\",\"lot_id\":\"L/X/2026-01-05/1\","
	    "\"location_id\":\"M\",\"cached\":0,\"ledger\":-1,"
	    "\"problem\":\"below zero in the ledger\"}\n");
}

/* A confirmed order that names L reserves its lines until issued. */
static void
test_reserved(void)
{
	crm_stock *s;

	fresh();
	stock("L", "X", 5, "2026-01-05", "10");
	stock("L", "Y", 1, "2026-01-05", "3");
	CHECK_INT(crm_db_exec(db, "INSERT INTO orders (id, customer_id,"
	    " order_date, status, currency, location_id) VALUES"
	    " ('O1', 'C1', '2026-01-06', 'confirmed', 'CNY', 'L'),"
	    " ('O2', 'C1', '2026-01-06', 'draft', 'CNY', 'L'),"
	    " ('O3', 'C1', '2026-01-06', 'confirmed', 'CNY', NULL);"
	    "INSERT INTO order_lines (order_id, line_no, sku, qty,"
	    " unit_price_minor, amount_minor) VALUES"
	    " ('O1', 1, 'X', 3, 2000, 6000), ('O1', 2, 'Y', 1, 500, 500),"
	    " ('O2', 1, 'X', 2, 2000, 4000), ('O3', 1, 'X', 1, 2000, 2000)",
	    &err), CRM_OK);
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":5,\"in_transit\":0,\"reserved\":3,"
	    "\"available\":2}\n"
	    "{\"sku\":\"Y\",\"location\":\"L\",\"on_hand\":1,"
	    "\"in_transit\":0,\"reserved\":1,\"available\":0}\n");
	s = writer("2026-01-07", NULL, 0);
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O2\"}"),
	    "order_id: order O2 is draft");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O9\"}"),
	    "order_id: no such order O9");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O3\"}"), "location: missing");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O1\",\"qty\":2}"),
	    "line_no: missing: order O1 has 2 lines, which does the quantity "
	    "or lot belong to?");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O1\",\"line_no\":1,"
	    "\"qty\":4}"),
	    "qty: 4 wanted, only 3 of line 1 not issued yet (3 ordered)");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O1\",\"line_no\":1,"
	    "\"qty\":2}"),
	    "{\"sku\":\"X\",\"qty\":2,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-05/1\",\"received_on\":\"2026-01-05\","
	    "\"unit_cost\":\"10.00\",\"cost\":\"20.00\",\"currency\":\"CNY\","
	    "\"order_id\":\"O1\",\"line_no\":1,\"customer_id\":\"C1\","
	    "\"issued_on\":\"2026-01-07\"}\n");
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":3,\"in_transit\":0,\"reserved\":1,"
	    "\"available\":2}\n"
	    "{\"sku\":\"Y\",\"location\":\"L\",\"on_hand\":1,"
	    "\"in_transit\":0,\"reserved\":1,\"available\":0}\n");
	/* The rest of the order: one X and the Y. */
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O1\"}"),
	    "{\"sku\":\"X\",\"qty\":1,\"location\":\"L\","
	    "\"lot\":\"L/X/2026-01-05/1\",\"received_on\":\"2026-01-05\","
	    "\"unit_cost\":\"10.00\",\"cost\":\"10.00\",\"currency\":\"CNY\","
	    "\"order_id\":\"O1\",\"line_no\":1,\"customer_id\":\"C1\","
	    "\"issued_on\":\"2026-01-07\"}\n"
	    "{\"sku\":\"Y\",\"qty\":1,\"location\":\"L\","
	    "\"lot\":\"L/Y/2026-01-05/1\",\"received_on\":\"2026-01-05\","
	    "\"unit_cost\":\"3.00\",\"cost\":\"3.00\",\"currency\":\"CNY\","
	    "\"order_id\":\"O1\",\"line_no\":2,\"customer_id\":\"C1\","
	    "\"issued_on\":\"2026-01-07\"}\n");
	CHECK_STR(levels(NULL), "{\"sku\":\"X\",\"location\":\"L\","
	    "\"on_hand\":2,\"in_transit\":0,\"reserved\":0,"
	    "\"available\":2}\n");
	CHECK_STR(put(s, ISSUE, "{\"order_id\":\"O1\"}"),
	    "order_id: order O1: nothing left to issue");
	/* O3 names no location: the record gives it. */
	CHECK_HAS(put(s, ISSUE, "{\"order_id\":\"O3\",\"location\":\"L\"}"),
	    "\"order_id\":\"O3\",\"line_no\":1,");
	CHECK_INT(problems(), 0);
	crm_stock_free(s);
}

int
main(void)
{
	char cmd[128];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(outpath, sizeof(outpath), "%s/out.jsonl", dir);
	snprintf(rules, sizeof(rules), "%s/stock-ageing.json", dir);
	setenv("CRM_NOW", "2026-06-30T12:00:00Z", 1);
	RUN(test_fifo);
	RUN(test_issue_named);
	RUN(test_backdated);
	RUN(test_transit);
	RUN(test_move_age);
	RUN(test_count);
	RUN(test_as_of);
	RUN(test_bucket_edges);
	RUN(test_buckets);
	RUN(test_check);
	RUN(test_reserved);
	crm_db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	DONE();
}
