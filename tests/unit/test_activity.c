/*
 * test_activity.c - the workbench: vCard escaping and folding, local
 * days in time zones, periods, and visit frequency figures worked out
 * by hand.
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
	unlink(path);
	unlink(dbpath);
	crm_activity_writer_free(NULL);
	DONE();
}
