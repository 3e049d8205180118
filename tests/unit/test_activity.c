/*
 * test_activity.c - the workbench: vCard escaping and folding, local
 * days in time zones, periods, visit frequency figures worked out by
 * hand, and the services of delivered units that activities carry out.
 */
#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"
#include "t.h"

static crm_err err;
static char path[] = "/tmp/test_activity.XXXXXX";
static char dbpath[64];

static const char *
escaped(const char *s)
{
	static crm_buf b;

	crm_buf_reset(&b);
	if (crm_activity_vcard_escape(&b, s, strlen(s), &err) != CRM_OK)
		return err.msg;
	return b.data != NULL ? b.data : "";
}

static const char *
line(const char *name, const char *value)
{
	static crm_buf b;

	crm_buf_reset(&b);
	if (crm_activity_vcard_line(&b, name, value, &err) != CRM_OK)
		return err.msg;
	return b.data;
}

static void
test_vcard_escape(void)
{
	CHECK_STR(escaped("plain"), "plain");
	CHECK_STR(escaped("a,b;c\\d"), "a\\,b\\;c\\\\d");
	CHECK_STR(escaped("one\ntwo\r\nthree\rfour"),
	    "one\\ntwo\\nthree\\nfour");
	CHECK_STR(escaped("王小明"), "王小明");
	CHECK_STR(escaped(""), "");
}

static void
test_vcard_fold(void)
{
	char v[128], want[256];
	crm_buf cjk = CRM_BUF_INIT;
	int i;

	CHECK_STR(line("FN", "Ann"), "FN:Ann\r\n");
	/* 5 + 70 octets fill the first line; 30 go on the next after its
	 * space. */
	memset(v, 'x', 100);
	v[100] = '\0';
	snprintf(want, sizeof(want), "NOTE:%.70s\r\n %.30s\r\n", v, v);
	CHECK_STR(line("NOTE", v), want);
	/* Exactly 75 octets: no fold. */
	v[72] = '\0';
	snprintf(want, sizeof(want), "FN:%s\r\n", v);
	CHECK_STR(line("FN", v), want);
	CHECK_INT(strlen(line("FN", v)), 77);
	/* 3 + 24 * 3 = 75: 24 characters, then 6 after the space. */
	for (i = 0; i < 30; i++)
		crm_buf_adds(&cjk, "王");
	CHECK_STR(line("FN", cjk.data),
	    "FN:王王王王王王王王王王王王"
	    "王王王王王王王王王王王王\r\n"
	    " 王王王王王王\r\n");
	/* 4 + 23 * 3 = 73: the next character would end at 76, so it
	 * goes on the next line whole. */
	crm_buf_reset(&cjk);
	crm_buf_adds(&cjk, "a");
	for (i = 0; i < 30; i++)
		crm_buf_adds(&cjk, "王");
	CHECK_STR(line("FN", cjk.data),
	    "FN:a王王王王王王王王王王王王"
	    "王王王王王王王王王王王\r\n"
	    " 王王王王王王王\r\n");
	crm_buf_free(&cjk);
}

static int32_t
day_of(const char *s)
{
	int32_t d = 0;

	crm_date_parse(s, strlen(s), &d, &err);
	return d;
}

static const char *
day_start(const char *tz, const char *day)
{
	static char buf[CRM_DATE_BUFSZ];
	int64_t ms;

	if (crm_activity_tz_day_start(tz, day_of(day), &ms, &err) != CRM_OK)
		return err.msg;
	return crm_time_format(ms, buf);
}

static const char *
local_date(const char *tz, const char *instant)
{
	static char buf[CRM_DATE_BUFSZ];
	int64_t ms;
	int32_t d;

	crm_time_parse(instant, strlen(instant), &ms, &err);
	if (crm_activity_tz_date(tz, ms, &d, &err) != CRM_OK)
		return err.msg;
	return crm_date_format(d, buf);
}

static void
test_time_zones(void)
{
	const char *tz = getenv("TZ");
	char *before = tz != NULL ? strdup(tz) : NULL;

	CHECK_STR(day_start("UTC", "2026-11-22"), "2026-11-22T00:00:00Z");
	CHECK_STR(day_start("Asia/Shanghai", "2026-11-22"),
	    "2026-11-21T16:00:00Z");
	/* New York: EST (-5) until 2026-03-08 02:00, EDT (-4) after. */
	CHECK_STR(day_start("America/New_York", "2026-03-08"),
	    "2026-03-08T05:00:00Z");
	CHECK_STR(day_start("America/New_York", "2026-03-09"),
	    "2026-03-09T04:00:00Z");
	CHECK_STR(day_start("Asia/Shanghai", "2028-02-29"),
	    "2028-02-28T16:00:00Z");
	/* 23:30 in Shanghai is still the same day there. */
	CHECK_STR(local_date("Asia/Shanghai", "2026-11-22T15:30:00Z"),
	    "2026-11-22");
	CHECK_STR(local_date("Asia/Shanghai", "2026-11-22T16:00:00Z"),
	    "2026-11-23");
	CHECK_STR(local_date("UTC", "2026-11-22T15:30:00Z"), "2026-11-22");
	CHECK_STR(local_date("America/New_York", "2026-11-22T03:00:00Z"),
	    "2026-11-21");
	CHECK_INT(crm_activity_tz_check("Mars/Olympus_Mons", &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "unknown time zone: Mars/Olympus_Mons");
	CHECK_INT(crm_activity_tz_check("../../etc/passwd", &err),
	    CRM_EUSAGE);
	CHECK_INT(crm_activity_tz_check("Asia/Shanghai", &err), CRM_OK);
	/* A directory of zones, and a file of the zoneinfo that is not a
	 * zone: the C library would take either for UTC. */
	CHECK_INT(crm_activity_tz_check("America", &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "unknown time zone: America");
	CHECK_INT(crm_activity_tz_check("leapseconds", &err), CRM_EUSAGE);
	CHECK_INT(crm_activity_tz_check("America/Havana", &err), CRM_OK);
	/* TZ is put back as it was. */
	CHECK_STR(getenv("TZ"), before);
	free(before);
}

static const char *
period(const char *p, const char *day, int sunday)
{
	static char buf[2 * CRM_DATE_BUFSZ + 4];
	char a[CRM_DATE_BUFSZ], b[CRM_DATE_BUFSZ];
	int32_t first, last;

	if (crm_activity_period(p, day_of(day), sunday, &first, &last,
	    &err) != CRM_OK)
		return err.msg;
	snprintf(buf, sizeof(buf), "%s..%s", crm_date_format(first, a),
	    crm_date_format(last, b));
	return buf;
}

static void
test_periods(void)
{
	/* 2026-11-22 is a Sunday: the last day of its ISO week, the first
	 * of a week that starts on Sunday. */
	CHECK_STR(period("week", "2026-11-22", 0), "2026-11-16..2026-11-22");
	CHECK_STR(period("week", "2026-11-22", 1), "2026-11-22..2026-11-28");
	CHECK_STR(period("week", "2026-11-21", 1), "2026-11-15..2026-11-21");
	CHECK_STR(period("week", "2027-01-01", 0), "2026-12-28..2027-01-03");
	CHECK_STR(period("month", "2028-02-10", 0), "2028-02-01..2028-02-29");
	CHECK_STR(period("month", "2026-02-28", 0), "2026-02-01..2026-02-28");
	CHECK_STR(period("month", "2026-12-31", 0), "2026-12-01..2026-12-31");
	CHECK_STR(period("day", "2028-02-29", 0), "2028-02-29..2028-02-29");
	CHECK_STR(period("year", "2028-02-29", 0),
	    "not a period: year (day, week, month)");
}

/* R1's customers in November: A no visit (a call) and a deal won,
 * B 2 visits and 2 deals won, C 9 visits and 1 won, D 2 visits; in
 * October one visit to B.  Visits 0 2 2 9: the median is 2, so C (more
 * than 4) is high and A (less than 1) low. */
static const char fixture[] =
	"INSERT INTO reps (id, name, created_at) VALUES ('R1', 'R1', 'x');"
	"INSERT INTO customers (id, name, owner_rep_id, created_at) VALUES"
	" ('A', 'A', 'R1', 'x'), ('B', 'B', 'R1', 'x'), ('C', 'C', 'R1', 'x'),"
	" ('D', 'D', 'R1', 'x');"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	" WHERE i < 9) INSERT INTO activities (id, kind, customer_id, rep_id,"
	" done_at) SELECT 'c' || i, 'visit', 'C', 'R1',"
	" '2026-11-0' || i || 'T10:00:00Z' FROM n;"
	"INSERT INTO activities (id, kind, customer_id, rep_id, done_at,"
	" planned_at) VALUES"
	" ('a1', 'call', 'A', 'R1', '2026-11-02T10:00:00Z', NULL),"
	" ('b1', 'visit', 'B', 'R1', '2026-11-03T10:00:00Z', NULL),"
	" ('b2', 'visit', 'B', 'R1', '2026-11-30T23:59:59Z', NULL),"
	" ('b0', 'visit', 'B', 'R1', '2026-10-31T23:00:00Z', NULL),"
	" ('bp', 'visit', 'B', 'R1', NULL, '2026-11-05T10:00:00Z'),"
	" ('d1', 'visit', 'D', 'R1', '2026-11-10T10:00:00Z', NULL),"
	" ('d2', 'visit', 'D', 'R1', '2026-11-11T10:00:00Z', NULL);"
	"INSERT INTO deals (id, customer_id, owner_rep_id, amount_minor,"
	" currency, stage, created_on, closed_on) VALUES"
	" ('wA', 'A', 'R1', 100000, 'CNY', 'won', '2026-10-01', '2026-11-20'),"
	" ('wB1', 'B', 'R1', 30000, 'CNY', 'won', '2026-10-01', '2026-11-01'),"
	" ('wB2', 'B', 'R1', 20050, 'CNY', 'won', '2026-10-01', '2026-11-30'),"
	" ('wC', 'C', 'R1', 1000, 'CNY', 'won', '2026-10-01', '2026-11-15'),"
	" ('lD', 'D', 'R1', 5000, 'CNY', 'lost', '2026-10-01', '2026-11-15'),"
	" ('oD', 'D', 'R1', 5000, 'CNY', 'proposal', '2026-10-01', NULL);";

static const char *
frequency_text(crm_db *db, crm_activity_frequency_opts *o)
{
	static char text[4096];
	crm_out *out = NULL;
	size_t n = 0;
	FILE *fp;

	text[0] = '\0';
	if (crm_out_open(&out, path, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return err.msg;
	if (crm_activity_frequency(db, o, out, &err) != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	crm_out_close(out, &err);
	if ((fp = fopen(path, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
	}
	text[n] = '\0';
	return text;
}

static void
test_frequency_by_hand(void)
{
	crm_activity_frequency_opts o;
	crm_db *db = NULL;

	unlink(dbpath);
	CHECK_INT(crm_db_open(&db, dbpath, 0, &err), CRM_OK);
	if (db == NULL)
		return;
	CHECK_INT(sqlite3_exec(crm_db_handle(db), fixture, NULL, NULL, NULL),
	    SQLITE_OK);
	memset(&o, 0, sizeof(o));
	o.by_rep = o.by_customer = 1;
	o.period = "month";
	o.won_stage = "won";
	CHECK_STR(frequency_text(db, &o),
	    "{\"period\":\"2026-10\",\"rep_id\":\"R1\",\"customer_id\":\"B\","
	    "\"visits\":1,\"won_deals\":0,\"won_amount\":\"0.00\","
	    "\"currency\":\"CNY\"}\n"
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"customer_id\":\"A\","
	    "\"visits\":0,\"won_deals\":1,\"won_amount\":\"1000.00\","
	    "\"currency\":\"CNY\",\"visits_per_won\":0.00,\"flag\":\"low\"}\n"
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"customer_id\":\"B\","
	    "\"visits\":2,\"won_deals\":2,\"won_amount\":\"500.50\","
	    "\"currency\":\"CNY\",\"visits_per_won\":1.00}\n"
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"customer_id\":\"C\","
	    "\"visits\":9,\"won_deals\":1,\"won_amount\":\"10.00\","
	    "\"currency\":\"CNY\",\"visits_per_won\":9.00,\"flag\":\"high\"}\n"
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"customer_id\":\"D\","
	    "\"visits\":2,\"won_deals\":0,\"won_amount\":\"0.00\","
	    "\"currency\":\"CNY\"}\n");
	o.by_customer = 0;
	o.from = "2026-11-01";
	o.to = "2026-11-30";
	CHECK_STR(frequency_text(db, &o),
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"visits\":13,"
	    "\"won_deals\":4,\"won_amount\":\"1510.50\",\"currency\":\"CNY\","
	    "\"visits_per_won\":3.25}\n");
	/* Calls too: A's call counts; 14 / 4 = 3.50. */
	o.kinds = "visit,call";
	CHECK_STR(frequency_text(db, &o),
	    "{\"period\":\"2026-11\",\"rep_id\":\"R1\",\"visits\":14,"
	    "\"won_deals\":4,\"won_amount\":\"1510.50\",\"currency\":\"CNY\","
	    "\"visits_per_won\":3.50}\n");
	o.kinds = "visit,lunch";
	CHECK_STR(frequency_text(db, &o), "--kinds: not a list of kinds "
	    "(visit, call, email, meeting, task, sms): visit,lunch");
	/* By week: 2026-11-30 is a Monday, in 2026-W49. */
	o.kinds = NULL;
	o.period = "week";
	o.from = "2026-11-30";
	CHECK_STR(frequency_text(db, &o),
	    "{\"period\":\"2026-W49\",\"rep_id\":\"R1\",\"visits\":1,"
	    "\"won_deals\":1,\"won_amount\":\"200.50\",\"currency\":\"CNY\","
	    "\"visits_per_won\":1.00}\n");
	crm_db_close(db);
}

/* R1 owns A and M (merged into A); R2 owns B.  Unit S1 (a serial) went
 * to A on 2026-01-10, S2 to B, and lot 3 (no serial) to M on 2026-01-20.
 * The plan: a first service after a month, then every three months up
 * to a year: S1 is due 02-10, 05-10, 08-10, 11-10; lot 3 02-20, 05-20,
 * 08-20, 11-20. */
static const char units_fixture[] =
	"INSERT INTO reps (id, name, created_at) VALUES ('R1', 'R1', 'x'),"
	" ('R2', 'R2', 'x');"
	"INSERT INTO customers (id, name, owner_rep_id, merged_into,"
	" created_at) VALUES ('A', 'A', 'R1', NULL, 'x'),"
	" ('B', 'B', 'R2', NULL, 'x'), ('M', 'M', 'R2', 'A', 'x');"
	"INSERT INTO products (sku, name, category) VALUES"
	" ('P', 'P', 'vehicle');"
	"INSERT INTO locations (id, name, kind) VALUES ('L', 'L', 'dealer');"
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, serial, location_id, recorded_at) VALUES"
	" (1, 'P', '2026-01-01', 1, 1, 'CNY', 'S1', 'L', 'x'),"
	" (2, 'P', '2026-01-01', 1, 1, 'CNY', 'S2', 'L', 'x'),"
	" (3, 'P', '2026-01-01', 2, 1, 'CNY', NULL, 'L', 'x');"
	"INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,"
	" customer_id, recorded_at) VALUES"
	" (1, 'L', '2026-01-01', 1, 'receive', NULL, 'x'),"
	" (2, 'L', '2026-01-01', 1, 'receive', NULL, 'x'),"
	" (3, 'L', '2026-01-01', 2, 'receive', NULL, 'x'),"
	" (1, 'L', '2026-01-10', -1, 'issue', 'A', 'x'),"
	" (2, 'L', '2026-01-10', -1, 'issue', 'B', 'x'),"
	" (3, 'L', '2026-01-20', -2, 'issue', 'M', 'x');";

static const char plan_json[] =
	"{\"plans\": [{\"name\": \"p\","
	" \"match\": {\"categories\": [\"vehicle\"]},"
	" \"services\": [{\"name\": \"first\", \"after_months\": 1}],"
	" \"every\": {\"name\": \"regular\", \"months\": 3},"
	" \"until_months\": 12}]}\n";

static crm_rec *put_rec;

/* Put the activity of JSON text: "ok" or the error message. */
static const char *
put(crm_activity_writer *w, const char *json)
{
	crm_rec *r = put_rec;

	crm_rec_clear(r);
	if (crm_rec_parse(r, json, strlen(json), &err) != CRM_OK)
		return err.msg;
	crm_rec_set_place(r, "a", 1);
	if (crm_activity_put(w, r, NULL, &err) != CRM_OK)
		return err.msg;
	return "ok";
}

/* R1's agenda for the month of 2026-05-15 as "section due unit|id"
 * lines. */
static const char *
agenda_text(crm_db *db, const crm_service_plan *plan, int lookback)
{
	static const char *const cols[] = { "section", "due", "unit", "id" };
	static char text[2048];
	crm_activity_agenda_opts o;
	crm_out *out = NULL;
	size_t n = 0;
	FILE *fp;

	memset(&o, 0, sizeof(o));
	o.rep = "R1";
	o.period = "month";
	o.date = "2026-05-15";
	o.stale_days = 14;
	o.service_plan = plan;
	o.service_lookback = lookback;
	text[0] = '\0';
	if (crm_out_open(&out, path, CRM_FMT_TSV, 0, &err) != CRM_OK ||
	    crm_out_set_fields(out, cols, 4, &err) != CRM_OK)
		return err.msg;
	if (crm_activity_agenda(db, &o, out, &err) != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	crm_out_close(out, &err);
	if ((fp = fopen(path, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
	}
	text[n] = '\0';
	return text;
}

static void
test_services(void)
{
	char plan_path[96];
	crm_activity_writer *w = NULL;
	crm_service_plan *plan = NULL;
	crm_db *db = NULL;
	FILE *fp;

	snprintf(plan_path, sizeof(plan_path), "%s.json", path);
	if ((fp = fopen(plan_path, "w")) != NULL) {
		fputs(plan_json, fp);
		fclose(fp);
	}
	CHECK_INT(crm_service_plan_load(plan_path, &plan, &err), CRM_OK);
	unlink(dbpath);
	CHECK_INT(crm_db_open(&db, dbpath, 0, &err), CRM_OK);
	if (db == NULL || plan == NULL)
		goto out;
	CHECK_INT(sqlite3_exec(crm_db_handle(db), units_fixture, NULL, NULL,
	    NULL), SQLITE_OK);
	CHECK_INT(crm_activity_writer_new(db, 1778800000000LL, &w, &err),
	    CRM_OK);
	if ((put_rec = crm_rec_new()) == NULL)
		goto out;
	/* Before any activity: two overdue (looked back to 2026-02-01),
	 * two due in May; lot 3 under A, where M went. */
	CHECK_STR(agenda_text(db, plan, 90),
	    "section\tdue\tunit\tid\n"
	    "overdue\t2026-02-10\tS1\t\n"
	    "overdue\t2026-02-20\t3\t\n"
	    "service\t2026-05-10\tS1\t\n"
	    "service\t2026-05-20\t3\t\n");
	/* Looking back 79 days from 2026-05-01 reaches 02-11: S1's 02-10
	 * is out; none at all with 0. */
	CHECK_STR(agenda_text(db, plan, 79),
	    "section\tdue\tunit\tid\n"
	    "overdue\t2026-02-20\t3\t\n"
	    "service\t2026-05-10\tS1\t\n"
	    "service\t2026-05-20\t3\t\n");
	CHECK_STR(agenda_text(db, plan, 0),
	    "section\tdue\tunit\tid\n"
	    "service\t2026-05-10\tS1\t\n"
	    "service\t2026-05-20\t3\t\n");
	/* Refused: a unit of another customer, service_on without unit or
	 * not a date. */
	CHECK_STR(put(w, "{\"kind\":\"visit\",\"customer_id\":\"A\","
	    "\"planned_at\":\"2026-05-09T00:00:00Z\",\"unit\":\"S2\"}"),
	    "a:1: unit: no unit S2 was delivered to customer A");
	CHECK_STR(put(w, "{\"kind\":\"visit\",\"customer_id\":\"B\","
	    "\"planned_at\":\"2026-05-09T00:00:00Z\",\"unit\":\"3\"}"),
	    "a:1: unit: no unit 3 was delivered to customer B");
	CHECK_STR(put(w, "{\"kind\":\"visit\",\"customer_id\":\"A\","
	    "\"planned_at\":\"2026-05-09T00:00:00Z\","
	    "\"service_on\":\"2026-05-10\"}"),
	    "a:1: service_on: needs unit (the serial or lot of the unit "
	    "serviced)");
	CHECK_STR(put(w, "{\"kind\":\"visit\",\"customer_id\":\"A\","
	    "\"planned_at\":\"2026-05-09T00:00:00Z\",\"unit\":\"S1\","
	    "\"service_on\":\"2026-05-32\"}"),
	    "a:1: service_on: no such date");
	/* S1's February service done late, lot 3's May service planned
	 * (for M, so for A): the one gone, the other listed once, as the
	 * activity planned; S1's May service planned for another day of
	 * another month is not listed at all. */
	CHECK_STR(put(w, "{\"id\":\"d\",\"kind\":\"visit\","
	    "\"customer_id\":\"A\",\"done_at\":\"2026-03-01T00:00:00Z\","
	    "\"unit\":\"S1\",\"service_on\":\"2026-02-10\"}"), "ok");
	CHECK_STR(put(w, "{\"id\":\"p\",\"kind\":\"visit\","
	    "\"customer_id\":\"M\",\"planned_at\":\"2026-05-18T00:00:00Z\","
	    "\"unit\":\"3\",\"service_on\":\"2026-05-20\"}"), "ok");
	CHECK_STR(put(w, "{\"id\":\"q\",\"kind\":\"visit\","
	    "\"customer_id\":\"A\",\"planned_at\":\"2026-06-02T00:00:00Z\","
	    "\"unit\":\"S1\",\"service_on\":\"2026-05-10\"}"), "ok");
	CHECK_STR(agenda_text(db, plan, 90),
	    "section\tdue\tunit\tid\n"
	    "overdue\t2026-02-20\t3\t\n"
	    "planned\t2026-05-18T00:00:00Z\t3\tp\n");
	/* A service planned by the activity of a day the service is not
	 * due on carries nothing out. */
	CHECK_STR(put(w, "{\"id\":\"q\",\"kind\":\"visit\","
	    "\"customer_id\":\"A\",\"planned_at\":\"2026-06-02T00:00:00Z\","
	    "\"unit\":\"S1\",\"service_on\":\"2026-05-11\"}"), "ok");
	CHECK_STR(agenda_text(db, plan, 90),
	    "section\tdue\tunit\tid\n"
	    "overdue\t2026-02-20\t3\t\n"
	    "planned\t2026-05-18T00:00:00Z\t3\tp\n"
	    "service\t2026-05-10\tS1\t\n");
out:
	crm_rec_free(put_rec);
	crm_activity_writer_free(w);
	crm_service_plan_free(plan);
	crm_db_close(db);
	unlink(plan_path);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 2;
	close(fd);
	snprintf(dbpath, sizeof(dbpath), "%s.db", path);
	RUN(test_vcard_escape);
	RUN(test_vcard_fold);
	RUN(test_time_zones);
	RUN(test_periods);
	RUN(test_frequency_by_hand);
	RUN(test_services);
	unlink(path);
	unlink(dbpath);
	crm_activity_writer_free(NULL);
	DONE();
}
