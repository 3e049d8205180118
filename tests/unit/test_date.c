/*
 * test_date.c - dates, ISO weeks, months, periods, instants, the clock,
 * and record fields.
 *
 * Day numbers and instants below were worked out by hand (days since
 * 1970-01-01; 2026-11-22 is day 20779, a Sunday).  Once crm_date_parse
 * and crm_date_format are pinned to exact numbers, the other tests write
 * dates as text through them, so that they read like a calendar.
 */
#include "t.h"

#include <stdlib.h>
#include <time.h>

#include "crm/crm.h"

static crm_err err;
static int rc;

#define FIRST_DAY (-719162)     /* 0001-01-01 */
#define LAST_DAY 2932896        /* 9999-12-31 */

/* The day number of "YYYY-MM-DD"; -99999999 (and a failure) if bad. */
static int32_t
day_of(const char *s)
{
	int32_t day = -99999999;

	if (crm_date_parse(s, strlen(s), &day, &err) != CRM_OK)
		T_FAIL("day_of(\"%s\"): %s", s, err.msg);
	return day;
}

/* Formatted text, in one of four buffers so that a CHECK may hold two. */
static const char *
text_of(int32_t day)
{
	static char buf[4][CRM_DATE_BUFSZ];
	static int i;

	i = (i + 1) % 4;
	return crm_date_format(day, buf[i]);
}

static const char *
bucket(const char *date, crm_period p)
{
	static char buf[CRM_DATE_BUFSZ];

	return crm_date_bucket(day_of(date), p, buf);
}

/* "first..last" of a period key, or the error message. */
static const char *
period(const char *key, crm_period p)
{
	static char buf[64];
	int32_t first, last;

	crm_err_clear(&err);
	rc = crm_period_parse(key, strlen(key), p, &first, &last, &err);
	if (rc != CRM_OK)
		return err.msg;
	snprintf(buf, sizeof(buf), "%s..%s", text_of(first), text_of(last));
	return buf;
}

/* The first day of the period n after date's, or the error message. */
static const char *
period_add(const char *date, crm_period p, int n)
{
	int32_t out;

	crm_err_clear(&err);
	rc = crm_period_add(day_of(date), p, n, &out, &err);
	return rc == CRM_OK ? text_of(out) : err.msg;
}

static const char *
add_months(const char *date, int n)
{
	int32_t out;

	crm_err_clear(&err);
	rc = crm_date_add_months(day_of(date), n, &out, &err);
	return rc == CRM_OK ? text_of(out) : err.msg;
}

/* "YYYY-Www" of a date, from crm_date_iso_week. */
static const char *
iso_week(const char *date)
{
	static char buf[16];
	int y, w;

	crm_date_iso_week(day_of(date), &y, &w);
	snprintf(buf, sizeof(buf), "%04d-W%02d", y, w);
	return buf;
}

/* Milliseconds of an RFC 3339 time; -1234 with rc set when it fails. */
static int64_t
ms_of(const char *s)
{
	int64_t ms = -1234;

	crm_err_clear(&err);
	rc = crm_time_parse(s, strlen(s), &ms, &err);
	return ms;
}

static const char *
time_error(const char *s)
{
	ms_of(s);
	return rc == CRM_OK ? "ok" : err.msg;
}

static const char *
time_text(int64_t ms)
{
	static char buf[CRM_DATE_BUFSZ];

	return crm_time_format(ms, buf);
}

static void
test_make_split(void)
{
	int32_t day = 7;
	int y, m, d;

	CHECK_INT(crm_date_make(1970, 1, 1, &day, &err), CRM_OK);
	CHECK_INT(day, 0);
	crm_date_make(1969, 12, 31, &day, &err);
	CHECK_INT(day, -1);
	crm_date_make(2000, 2, 29, &day, &err);
	CHECK_INT(day, 11016);
	crm_date_make(2000, 3, 1, &day, &err);
	CHECK_INT(day, 11017);
	crm_date_make(2024, 2, 29, &day, &err);
	CHECK_INT(day, 19782);
	crm_date_make(2026, 11, 22, &day, &err);
	CHECK_INT(day, 20779);
	crm_date_make(1900, 1, 1, &day, &err);
	CHECK_INT(day, -25567);
	crm_date_make(2100, 3, 1, &day, &err);
	CHECK_INT(day, 47541);
	crm_date_make(1600, 2, 29, &day, &err);
	CHECK_INT(day, -135081);
	crm_date_make(1, 1, 1, &day, &err);
	CHECK_INT(day, FIRST_DAY);
	crm_date_make(9999, 12, 31, &day, &err);
	CHECK_INT(day, LAST_DAY);

	day = 7;
	crm_err_clear(&err);
	CHECK_INT(crm_date_make(1900, 2, 29, &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "no such date");
	CHECK_INT(day, 7);
	CHECK_INT(crm_date_make(2100, 2, 29, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2023, 2, 29, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(0, 1, 1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(10000, 1, 1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2026, 0, 1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2026, 13, 1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2026, 4, 31, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2026, 1, 0, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_make(2026, 1, 32, &day, &err), CRM_EDATA);
	CHECK_INT(day, 7);

	crm_date_split(0, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 19700101);
	crm_date_split(-1, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 19691231);
	crm_date_split(11016, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 20000229);
	crm_date_split(-25508, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 19000301);
	crm_date_split(FIRST_DAY, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 10101);
	crm_date_split(LAST_DAY, &y, &m, &d);
	CHECK_INT(y * 10000 + m * 100 + d, 99991231);
	y = 0;
	crm_date_split(20779, &y, NULL, NULL);
	CHECK_INT(y, 2026);

	CHECK_INT(crm_is_leap_year(1900), 0);
	CHECK_INT(crm_is_leap_year(2000), 1);
	CHECK_INT(crm_is_leap_year(2024), 1);
	CHECK_INT(crm_is_leap_year(2100), 0);
	CHECK_INT(crm_is_leap_year(2023), 0);
	CHECK_INT(crm_is_leap_year(1600), 1);
	CHECK_INT(crm_is_leap_year(4), 1);
	CHECK_INT(crm_days_in_month(2024, 2), 29);
	CHECK_INT(crm_days_in_month(2023, 2), 28);
	CHECK_INT(crm_days_in_month(1900, 2), 28);
	CHECK_INT(crm_days_in_month(2000, 2), 29);
	CHECK_INT(crm_days_in_month(2100, 2), 28);
	CHECK_INT(crm_days_in_month(2026, 1), 31);
	CHECK_INT(crm_days_in_month(2026, 4), 30);
	CHECK_INT(crm_days_in_month(2026, 6), 30);
	CHECK_INT(crm_days_in_month(2026, 7), 31);
	CHECK_INT(crm_days_in_month(2026, 8), 31);
	CHECK_INT(crm_days_in_month(2026, 9), 30);
	CHECK_INT(crm_days_in_month(2026, 11), 30);
	CHECK_INT(crm_days_in_month(2026, 12), 31);
	CHECK_INT(crm_days_in_month(2026, 0), 0);
	CHECK_INT(crm_days_in_month(2026, 13), 0);
}

/* Every day of 0001..9999: the next day is the calendar's next date,
 * and the text reads back to the same number. */
static void
test_whole_range(void)
{
	int32_t day, back;
	int y = 1, m = 1, d = 1, gy, gm, gd;
	long bad = 0;

	for (day = FIRST_DAY; day <= LAST_DAY; day++) {
		crm_date_split(day, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			bad++;
		if (crm_date_parse(text_of(day), 10, &back, &err) != CRM_OK ||
		    back != day)
			bad++;
		if (++d > crm_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(y * 10000 + m * 100 + d, 100000101);
}

static void
test_parse_format(void)
{
	int32_t day = 7;

	CHECK_INT(day_of("2026-11-22"), 20779);
	CHECK_INT(day_of("1970-01-01"), 0);
	CHECK_INT(day_of("0001-01-01"), FIRST_DAY);
	CHECK_INT(day_of("9999-12-31"), LAST_DAY);
	CHECK_INT(day_of("2000-02-29"), 11016);
	CHECK_INT(day_of("2024-02-29"), 19782);

	crm_err_clear(&err);
	CHECK_INT(crm_date_parse("2023-02-29", 10, &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "no such date");
	CHECK_INT(crm_date_parse("1900-02-29", 10, &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "no such date");
	CHECK_INT(crm_date_parse("2100-02-29", 10, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_parse("2026-04-31", 10, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_parse("2026-13-01", 10, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_parse("2026-00-10", 10, &day, &err), CRM_EDATA);
	CHECK_INT(crm_date_parse("0000-01-01", 10, &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "no such date");

#define NOT_A_DATE(s) do { \
	crm_err_clear(&err); \
	CHECK_INT(crm_date_parse(s, strlen(s), &day, &err), CRM_EDATA); \
	CHECK_STR(err.msg, "not a date (YYYY-MM-DD)"); \
} while (0)
	NOT_A_DATE("");
	NOT_A_DATE("2026-1-22");
	NOT_A_DATE("2026/11/22");
	NOT_A_DATE("20261122");
	NOT_A_DATE(" 2026-11-22");
	NOT_A_DATE("2026-11-22 ");
	NOT_A_DATE("+2026-11-22");
	NOT_A_DATE("2026-11-2x");
	NOT_A_DATE("2026-11-22T00:00:00Z");
	NOT_A_DATE("22.11.2026");
	NOT_A_DATE("-001-11-22");
#undef NOT_A_DATE
	CHECK_INT(day, 7);
	/* Only len bytes are read. */
	CHECK_INT(crm_date_parse("2026-11-22junk", 10, &day, &err), CRM_OK);
	CHECK_INT(day, 20779);

	CHECK_STR(text_of(0), "1970-01-01");
	CHECK_STR(text_of(-1), "1969-12-31");
	CHECK_STR(text_of(20779), "2026-11-22");
	CHECK_STR(text_of(11017), "2000-03-01");
	CHECK_STR(text_of(FIRST_DAY), "0001-01-01");
	CHECK_STR(text_of(LAST_DAY), "9999-12-31");
}

static void
test_weeks(void)
{
	int32_t day = 7;

	CHECK_INT(crm_date_weekday(0), 4);               /* Thursday */
	CHECK_INT(crm_date_weekday(-1), 3);
	CHECK_INT(crm_date_weekday(20779), 7);           /* Sunday */
	CHECK_INT(crm_date_weekday(20773), 1);
	CHECK_INT(crm_date_weekday(FIRST_DAY), 1);
	CHECK_INT(crm_date_weekday(LAST_DAY), 5);
	CHECK_INT(crm_date_weekday(INT32_MIN), 2);       /* no overflow */
	CHECK_INT(crm_date_weekday(INT32_MAX), 5);

	CHECK_STR(iso_week("2026-11-22"), "2026-W47");
	CHECK_STR(iso_week("2026-11-16"), "2026-W47");
	CHECK_STR(iso_week("2026-12-28"), "2026-W53");
	CHECK_STR(iso_week("2027-01-01"), "2026-W53");
	CHECK_STR(iso_week("2027-01-03"), "2026-W53");
	CHECK_STR(iso_week("2027-01-04"), "2027-W01");
	CHECK_STR(iso_week("2020-01-01"), "2020-W01");
	CHECK_STR(iso_week("2020-12-31"), "2020-W53");
	CHECK_STR(iso_week("2021-01-03"), "2020-W53");
	CHECK_STR(iso_week("2021-01-04"), "2021-W01");
	CHECK_STR(iso_week("2024-12-29"), "2024-W52");
	CHECK_STR(iso_week("2024-12-30"), "2025-W01");
	CHECK_STR(iso_week("2025-12-28"), "2025-W52");
	CHECK_STR(iso_week("2025-12-29"), "2026-W01");
	CHECK_STR(iso_week("2016-01-03"), "2015-W53");
	CHECK_STR(iso_week("2005-01-01"), "2004-W53");
	CHECK_STR(iso_week("2008-12-29"), "2009-W01");
	CHECK_STR(iso_week("2000-01-01"), "1999-W52");
	CHECK_STR(iso_week("0001-01-01"), "0001-W01");
	CHECK_STR(iso_week("9999-12-31"), "9999-W52");

	CHECK_INT(crm_weeks_in_year(2020), 53);  /* leap, starts Wednesday */
	CHECK_INT(crm_weeks_in_year(2026), 53);  /* starts Thursday */
	CHECK_INT(crm_weeks_in_year(2015), 53);
	CHECK_INT(crm_weeks_in_year(2009), 53);
	CHECK_INT(crm_weeks_in_year(2004), 53);
	CHECK_INT(crm_weeks_in_year(1992), 53);
	CHECK_INT(crm_weeks_in_year(1976), 53);
	CHECK_INT(crm_weeks_in_year(2032), 53);
	CHECK_INT(crm_weeks_in_year(4), 53);
	CHECK_INT(crm_weeks_in_year(2021), 52);
	CHECK_INT(crm_weeks_in_year(2024), 52);
	CHECK_INT(crm_weeks_in_year(2025), 52);
	CHECK_INT(crm_weeks_in_year(2027), 52);
	CHECK_INT(crm_weeks_in_year(2000), 52);
	CHECK_INT(crm_weeks_in_year(1), 52);
	CHECK_INT(crm_weeks_in_year(9999), 52);

	CHECK_INT(crm_week_start(2026, 47, &day, &err), CRM_OK);
	CHECK_INT(day, 20773);
	crm_week_start(2026, 53, &day, &err);
	CHECK_STR(text_of(day), "2026-12-28");
	crm_week_start(2026, 1, &day, &err);
	CHECK_STR(text_of(day), "2025-12-29");
	crm_week_start(2020, 53, &day, &err);
	CHECK_STR(text_of(day), "2020-12-28");
	crm_week_start(2025, 1, &day, &err);
	CHECK_STR(text_of(day), "2024-12-30");
	crm_week_start(2015, 53, &day, &err);
	CHECK_STR(text_of(day), "2015-12-28");
	crm_week_start(1, 1, &day, &err);
	CHECK_INT(day, FIRST_DAY);
	crm_week_start(9999, 52, &day, &err);
	CHECK_STR(text_of(day), "9999-12-27");
	day = 7;
	crm_err_clear(&err);
	CHECK_INT(crm_week_start(2021, 53, &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "no such week");
	CHECK_INT(crm_week_start(2025, 53, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(2027, 53, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(2026, 54, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(2026, 0, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(2026, -1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(0, 1, &day, &err), CRM_EDATA);
	CHECK_INT(crm_week_start(10000, 1, &day, &err), CRM_EDATA);
	CHECK_INT(day, 7);
}

/* For every day from 1990 to 2040 and at both ends of the range: the
 * week and every bucket hold the day, and their keys read back. */
static void
test_buckets_hold_their_days(void)
{
	static const int32_t spans[][2] = {
		{ 7305, 25567 },                /* 1990-01-01..2040-01-01 */
		{ FIRST_DAY, FIRST_DAY + 800 },
		{ LAST_DAY - 800, LAST_DAY }
	};
	char key[CRM_DATE_BUFSZ], key2[CRM_DATE_BUFSZ];
	int32_t day, first, last, monday;
	long bad = 0;
	size_t i;
	int p, y, w;

	for (i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		for (day = spans[i][0]; day <= spans[i][1]; day++) {
			crm_date_iso_week(day, &y, &w);
			if (crm_week_start(y, w, &monday, &err) != CRM_OK ||
			    day < monday || day > monday + 6 ||
			    crm_date_weekday(monday) != 1)
				bad++;
			for (p = CRM_PERIOD_DAY; p <= CRM_PERIOD_YEAR; p++) {
				crm_date_bucket(day, p, key);
				if (crm_period_parse(key, strlen(key), p,
				    &first, &last, &err) != CRM_OK ||
				    day < first || day > last) {
					bad++;
					continue;
				}
				if (strcmp(crm_date_bucket(first, p, key2),
				    key) != 0 ||
				    strcmp(crm_date_bucket(last, p, key2),
				    key) != 0)
					bad++;
				if (first > FIRST_DAY && strcmp(crm_date_bucket(
				    first - 1, p, key2), key) == 0)
					bad++;
				if (last < LAST_DAY && strcmp(crm_date_bucket(
				    last + 1, p, key2), key) == 0)
					bad++;
			}
		}
	}
	CHECK_INT(bad, 0);
}

static void
test_add_months(void)
{
	CHECK_STR(add_months("2024-01-31", 1), "2024-02-29");
	CHECK_STR(add_months("2023-01-31", 1), "2023-02-28");
	CHECK_STR(add_months("1900-01-31", 1), "1900-02-28");
	CHECK_STR(add_months("2000-01-31", 1), "2000-02-29");
	CHECK_STR(add_months("2100-01-31", 1), "2100-02-28");
	CHECK_STR(add_months("2024-03-31", -1), "2024-02-29");
	CHECK_STR(add_months("2024-02-29", 12), "2025-02-28");
	CHECK_STR(add_months("2024-02-29", 48), "2028-02-29");
	CHECK_STR(add_months("2026-05-31", 1), "2026-06-30");
	CHECK_STR(add_months("2026-08-31", 6), "2027-02-28");
	CHECK_STR(add_months("2026-01-15", -1), "2025-12-15");
	CHECK_STR(add_months("2026-01-15", -13), "2024-12-15");
	CHECK_STR(add_months("2026-12-15", 1), "2027-01-15");
	CHECK_STR(add_months("2026-11-22", 0), "2026-11-22");
	CHECK_STR(add_months("2026-11-30", 3), "2027-02-28");
	CHECK_STR(add_months("9999-11-30", 1), "9999-12-30");
	CHECK_STR(add_months("0001-02-28", -1), "0001-01-28");
	CHECK_STR(add_months("0001-01-01", 119987), "9999-12-01");
	CHECK_INT(rc, CRM_OK);
	CHECK_STR(add_months("9999-12-01", 1), "date out of range");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(add_months("0001-01-31", -1), "date out of range");
	CHECK_STR(add_months("2026-11-22", 2147483647), "date out of range");
	CHECK_STR(add_months("2026-11-22", -2147483647 - 1),
	    "date out of range");
}

static void
test_bucket(void)
{
	char buf[CRM_DATE_BUFSZ];

	CHECK_STR(bucket("2026-11-22", CRM_PERIOD_DAY), "2026-11-22");
	CHECK_STR(bucket("2026-11-22", CRM_PERIOD_WEEK), "2026-W47");
	CHECK_STR(bucket("2026-11-22", CRM_PERIOD_MONTH), "2026-11");
	CHECK_STR(bucket("2026-11-22", CRM_PERIOD_QUARTER), "2026-Q4");
	CHECK_STR(bucket("2026-11-22", CRM_PERIOD_YEAR), "2026");
	CHECK_STR(bucket("2027-01-01", CRM_PERIOD_WEEK), "2026-W53");
	CHECK_STR(bucket("2027-01-01", CRM_PERIOD_MONTH), "2027-01");
	CHECK_STR(bucket("2027-01-01", CRM_PERIOD_QUARTER), "2027-Q1");
	CHECK_STR(bucket("2027-01-01", CRM_PERIOD_YEAR), "2027");
	CHECK_STR(bucket("2024-12-30", CRM_PERIOD_WEEK), "2025-W01");
	CHECK_STR(bucket("2024-12-30", CRM_PERIOD_QUARTER), "2024-Q4");
	CHECK_STR(bucket("2024-12-30", CRM_PERIOD_YEAR), "2024");
	CHECK_STR(bucket("2026-03-31", CRM_PERIOD_QUARTER), "2026-Q1");
	CHECK_STR(bucket("2026-04-01", CRM_PERIOD_QUARTER), "2026-Q2");
	CHECK_STR(bucket("2026-06-30", CRM_PERIOD_QUARTER), "2026-Q2");
	CHECK_STR(bucket("2026-07-01", CRM_PERIOD_QUARTER), "2026-Q3");
	CHECK_STR(bucket("2026-09-30", CRM_PERIOD_QUARTER), "2026-Q3");
	CHECK_STR(bucket("2026-10-01", CRM_PERIOD_QUARTER), "2026-Q4");
	CHECK_STR(bucket("0001-01-01", CRM_PERIOD_DAY), "0001-01-01");
	CHECK_STR(bucket("0001-01-01", CRM_PERIOD_WEEK), "0001-W01");
	CHECK_STR(bucket("0001-01-01", CRM_PERIOD_MONTH), "0001-01");
	CHECK_STR(bucket("0001-01-01", CRM_PERIOD_QUARTER), "0001-Q1");
	CHECK_STR(bucket("0001-01-01", CRM_PERIOD_YEAR), "0001");
	CHECK_STR(bucket("9999-12-31", CRM_PERIOD_WEEK), "9999-W52");
	CHECK_STR(crm_date_bucket(0, (crm_period)99, buf), "");
}

static void
test_period_parse(void)
{
	int32_t first = 7;

	CHECK_STR(period("2026-11-22", CRM_PERIOD_DAY),
	    "2026-11-22..2026-11-22");
	CHECK_STR(period("2026-11-2", CRM_PERIOD_DAY),
	    "not a date (YYYY-MM-DD)");
	CHECK_STR(period("2026-02-29", CRM_PERIOD_DAY), "no such date");

	CHECK_STR(period("2026-W47", CRM_PERIOD_WEEK),
	    "2026-11-16..2026-11-22");
	CHECK_STR(period("2026-W53", CRM_PERIOD_WEEK),
	    "2026-12-28..2027-01-03");
	CHECK_STR(period("2020-W53", CRM_PERIOD_WEEK),
	    "2020-12-28..2021-01-03");
	CHECK_STR(period("2025-W01", CRM_PERIOD_WEEK),
	    "2024-12-30..2025-01-05");
	CHECK_STR(period("0001-W01", CRM_PERIOD_WEEK),
	    "0001-01-01..0001-01-07");
	/* Its Sunday would be 10000-01-02: the range ends with the
	 * calendar. */
	CHECK_STR(period("9999-W52", CRM_PERIOD_WEEK),
	    "9999-12-27..9999-12-31");
	CHECK_STR(period("2025-W53", CRM_PERIOD_WEEK), "no such week");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(period("2021-W53", CRM_PERIOD_WEEK), "no such week");
	CHECK_STR(period("2026-W54", CRM_PERIOD_WEEK), "no such week");
	CHECK_STR(period("2026-W00", CRM_PERIOD_WEEK), "no such week");
	CHECK_STR(period("0000-W01", CRM_PERIOD_WEEK), "no such week");
	CHECK_STR(period("2026-w47", CRM_PERIOD_WEEK),
	    "not a week (YYYY-Www)");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(period("2026-W7", CRM_PERIOD_WEEK),
	    "not a week (YYYY-Www)");
	CHECK_STR(period("2026-W047", CRM_PERIOD_WEEK),
	    "not a week (YYYY-Www)");
	CHECK_STR(period("2026W47", CRM_PERIOD_WEEK),
	    "not a week (YYYY-Www)");
	CHECK_STR(period("2026-11-22", CRM_PERIOD_WEEK),
	    "not a week (YYYY-Www)");
	CHECK_STR(period("", CRM_PERIOD_WEEK), "not a week (YYYY-Www)");

	CHECK_STR(period("2026-02", CRM_PERIOD_MONTH),
	    "2026-02-01..2026-02-28");
	CHECK_STR(period("2024-02", CRM_PERIOD_MONTH),
	    "2024-02-01..2024-02-29");
	CHECK_STR(period("2026-12", CRM_PERIOD_MONTH),
	    "2026-12-01..2026-12-31");
	CHECK_STR(period("0001-01", CRM_PERIOD_MONTH),
	    "0001-01-01..0001-01-31");
	CHECK_STR(period("2026-13", CRM_PERIOD_MONTH), "no such month");
	CHECK_STR(period("2026-00", CRM_PERIOD_MONTH), "no such month");
	CHECK_STR(period("0000-01", CRM_PERIOD_MONTH), "no such month");
	CHECK_STR(period("2026-1", CRM_PERIOD_MONTH), "not a month (YYYY-MM)");
	CHECK_STR(period("2026/01", CRM_PERIOD_MONTH),
	    "not a month (YYYY-MM)");
	CHECK_STR(period("2026-Q4", CRM_PERIOD_MONTH),
	    "not a month (YYYY-MM)");

	CHECK_STR(period("2026-Q1", CRM_PERIOD_QUARTER),
	    "2026-01-01..2026-03-31");
	CHECK_STR(period("2026-Q2", CRM_PERIOD_QUARTER),
	    "2026-04-01..2026-06-30");
	CHECK_STR(period("2026-Q3", CRM_PERIOD_QUARTER),
	    "2026-07-01..2026-09-30");
	CHECK_STR(period("2026-Q4", CRM_PERIOD_QUARTER),
	    "2026-10-01..2026-12-31");
	CHECK_STR(period("2026-Q5", CRM_PERIOD_QUARTER), "no such quarter");
	CHECK_STR(period("2026-Q0", CRM_PERIOD_QUARTER), "no such quarter");
	CHECK_STR(period("0000-Q1", CRM_PERIOD_QUARTER), "no such quarter");
	CHECK_STR(period("2026-q4", CRM_PERIOD_QUARTER),
	    "not a quarter (YYYY-Qn)");
	CHECK_STR(period("2026-QQ", CRM_PERIOD_QUARTER),
	    "not a quarter (YYYY-Qn)");
	CHECK_STR(period("2026-Q44", CRM_PERIOD_QUARTER),
	    "not a quarter (YYYY-Qn)");

	CHECK_STR(period("2026", CRM_PERIOD_YEAR), "2026-01-01..2026-12-31");
	CHECK_STR(period("2024", CRM_PERIOD_YEAR), "2024-01-01..2024-12-31");
	CHECK_STR(period("0001", CRM_PERIOD_YEAR), "0001-01-01..0001-12-31");
	CHECK_STR(period("9999", CRM_PERIOD_YEAR), "9999-01-01..9999-12-31");
	CHECK_STR(period("0000", CRM_PERIOD_YEAR), "no such year");
	CHECK_STR(period("202", CRM_PERIOD_YEAR), "not a year (YYYY)");
	CHECK_STR(period("20266", CRM_PERIOD_YEAR), "not a year (YYYY)");
	CHECK_STR(period("2026-", CRM_PERIOD_YEAR), "not a year (YYYY)");
	CHECK_STR(period("-026", CRM_PERIOD_YEAR), "not a year (YYYY)");

	CHECK_STR(period("2026", (crm_period)99), "unknown period");
	CHECK_INT(rc, CRM_EUSAGE);
	/* Either end may be left out. */
	CHECK_INT(crm_period_parse("2026-W53", 8, CRM_PERIOD_WEEK, &first,
	    NULL, &err), CRM_OK);
	CHECK_STR(text_of(first), "2026-12-28");
	CHECK_INT(crm_period_parse("2026-W53", 8, CRM_PERIOD_WEEK, NULL,
	    NULL, &err), CRM_OK);
}

/* "kind first..last" of a key of any kind, or the error message. */
static const char *
period_key(const char *key)
{
	static const char *const names[] = { "day", "week", "month",
		"quarter", "year" };
	static char buf[64];
	int32_t first, last;
	crm_period p = (crm_period)99;

	crm_err_clear(&err);
	rc = crm_period_key_parse(key, strlen(key), &p, &first, &last, &err);
	if (rc != CRM_OK)
		return err.msg;
	snprintf(buf, sizeof(buf), "%s %s..", names[p], text_of(first));
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s",
	    text_of(last));
	return buf;
}

static void
test_period_key_parse(void)
{
	CHECK_STR(period_key("2026"), "year 2026-01-01..2026-12-31");
	CHECK_STR(period_key("2026-Q4"), "quarter 2026-10-01..2026-12-31");
	CHECK_STR(period_key("2026-W53"), "week 2026-12-28..2027-01-03");
	CHECK_STR(period_key("2026-02"), "month 2026-02-01..2026-02-28");
	CHECK_STR(period_key("2024-02-29"), "day 2024-02-29..2024-02-29");
	CHECK_STR(period_key("2025-W53"), "no such week");
	CHECK_STR(period_key("2026-Q5"), "no such quarter");
	CHECK_STR(period_key("2026-13"), "no such month");
	CHECK_STR(period_key("2026-1"), "not a period (2026, 2026-Q4, "
	    "2026-11, 2026-W47 or 2026-11-22)");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(period_key(""), "not a period (2026, 2026-Q4, 2026-11, "
	    "2026-W47 or 2026-11-22)");
	CHECK_INT(crm_period_key_parse("2026-Q1", 7, NULL, NULL, NULL, &err),
	    CRM_OK);
}

static void
test_period_add(void)
{
	crm_period p;
	int32_t out = 7;

	CHECK_STR(period_add("2026-12-31", CRM_PERIOD_DAY, 1), "2027-01-01");
	CHECK_STR(period_add("2024-03-01", CRM_PERIOD_DAY, -1),
	    "2024-02-29");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_DAY, 0), "2026-11-22");

	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_WEEK, 0), "2026-11-16");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_WEEK, -1),
	    "2026-11-09");
	CHECK_STR(period_add("2026-11-16", CRM_PERIOD_WEEK, 1), "2026-11-23");
	/* 2026-W53 -> 2027-W01 and back; 2020-W53 -> 2021-W01. */
	CHECK_STR(period_add("2027-01-01", CRM_PERIOD_WEEK, 1), "2027-01-04");
	CHECK_STR(period_add("2026-12-28", CRM_PERIOD_WEEK, 1), "2027-01-04");
	CHECK_STR(period_add("2027-01-04", CRM_PERIOD_WEEK, -1),
	    "2026-12-28");
	CHECK_STR(period_add("2021-01-03", CRM_PERIOD_WEEK, 1), "2021-01-04");
	CHECK_STR(period_add("2024-12-30", CRM_PERIOD_WEEK, -1),
	    "2024-12-23");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_WEEK, 52),
	    "2027-11-15");

	CHECK_STR(period_add("2026-01-15", CRM_PERIOD_MONTH, -1),
	    "2025-12-01");
	CHECK_STR(period_add("2026-12-05", CRM_PERIOD_MONTH, 1),
	    "2027-01-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_MONTH, 0),
	    "2026-11-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_MONTH, 14),
	    "2028-01-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_MONTH, -23),
	    "2024-12-01");
	CHECK_STR(period_add("2026-03-31", CRM_PERIOD_MONTH, -1),
	    "2026-02-01");

	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_QUARTER, 0),
	    "2026-10-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_QUARTER, -1),
	    "2026-07-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_QUARTER, 1),
	    "2027-01-01");
	CHECK_STR(period_add("2026-02-10", CRM_PERIOD_QUARTER, -1),
	    "2025-10-01");
	CHECK_STR(period_add("2026-03-31", CRM_PERIOD_QUARTER, 4),
	    "2027-01-01");
	CHECK_STR(period_add("2026-06-30", CRM_PERIOD_QUARTER, -5),
	    "2025-01-01");

	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_YEAR, -1),
	    "2025-01-01");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_YEAR, 1), "2027-01-01");
	CHECK_STR(period_add("2024-02-29", CRM_PERIOD_YEAR, 1), "2025-01-01");
	CHECK_STR(period_add("9999-12-31", CRM_PERIOD_YEAR, 0), "9999-01-01");

	CHECK_STR(period_add("9999-12-31", CRM_PERIOD_DAY, 1),
	    "date out of range");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(period_add("0001-01-01", CRM_PERIOD_DAY, -1),
	    "date out of range");
	CHECK_STR(period_add("9999-12-31", CRM_PERIOD_WEEK, 1),
	    "date out of range");
	CHECK_STR(period_add("0001-01-07", CRM_PERIOD_WEEK, -1),
	    "date out of range");
	CHECK_STR(period_add("9999-12-31", CRM_PERIOD_MONTH, 1),
	    "date out of range");
	CHECK_STR(period_add("0001-01-31", CRM_PERIOD_MONTH, -1),
	    "date out of range");
	CHECK_STR(period_add("9999-10-01", CRM_PERIOD_QUARTER, 1),
	    "date out of range");
	CHECK_STR(period_add("9999-06-01", CRM_PERIOD_YEAR, 1),
	    "date out of range");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_YEAR, -2026),
	    "date out of range");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_DAY, 2147483647),
	    "date out of range");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_WEEK, -2147483647 - 1),
	    "date out of range");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_QUARTER, 2147483647),
	    "date out of range");
	CHECK_STR(period_add("2026-11-22", CRM_PERIOD_YEAR, 2147483647),
	    "date out of range");
	CHECK_INT(crm_period_add(0, (crm_period)99, 1, &out, &err),
	    CRM_EUSAGE);
	CHECK_INT(out, 7);

	CHECK_INT(crm_period_from_name("day", &p, &err), CRM_OK);
	CHECK_INT(p, CRM_PERIOD_DAY);
	crm_period_from_name("week", &p, &err);
	CHECK_INT(p, CRM_PERIOD_WEEK);
	crm_period_from_name("month", &p, &err);
	CHECK_INT(p, CRM_PERIOD_MONTH);
	crm_period_from_name("quarter", &p, &err);
	CHECK_INT(p, CRM_PERIOD_QUARTER);
	crm_period_from_name("year", &p, &err);
	CHECK_INT(p, CRM_PERIOD_YEAR);
	CHECK_INT(crm_period_from_name("Week", &p, &err), CRM_EUSAGE);
	CHECK_STR(err.msg,
	    "unknown period Week (day, week, month, quarter, year)");
	CHECK_INT(crm_period_from_name("days", &p, &err), CRM_EUSAGE);
	CHECK_INT(crm_period_from_name("", &p, &err), CRM_EUSAGE);
	CHECK_INT(p, CRM_PERIOD_YEAR);
}

static void
test_time_parse(void)
{
	CHECK_INT(ms_of("1970-01-01T00:00:00Z"), 0);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(ms_of("2026-11-22T08:00:00Z"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22t08:00:00z"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22 08:00:00Z"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22T08:00:00+00:00"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22T08:00:00-00:00"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22T09:00:00.250+01:00"),
	    INT64_C(1795334400250));
	CHECK_INT(ms_of("2026-11-22T13:30:00+05:30"), INT64_C(1795334400000));
	CHECK_INT(ms_of("2026-11-22T03:00:00-05:00"), INT64_C(1795334400000));
	/* Offsets that cross midnight and the year. */
	CHECK_INT(ms_of("2026-11-22T23:30:00-01:00"), INT64_C(1795393800000));
	CHECK_INT(ms_of("2026-11-22T00:30:00+01:00"), INT64_C(1795303800000));
	CHECK_INT(ms_of("2027-01-01T00:15:00+05:30"), INT64_C(1798742700000));
	CHECK_INT(ms_of("1999-12-31T23:00:00-01:00"), INT64_C(946684800000));
	CHECK_INT(ms_of("1969-12-31T23:59:59Z"), -1000);
	CHECK_INT(ms_of("1969-12-31T23:59:59.999Z"), -1);
	CHECK_INT(ms_of("1970-01-01T00:00:00.001Z"), 1);
	CHECK_INT(ms_of("0001-01-01T00:00:00Z"), INT64_C(-62135596800000));
	CHECK_INT(ms_of("9999-12-31T23:59:59.999Z"),
	    INT64_C(253402300799999));
	CHECK_INT(ms_of("2024-02-29T12:00:00Z"), INT64_C(1709208000000));

	/* Fractions: up to milliseconds, more only as zeros. */
	CHECK_INT(ms_of("1970-01-01T00:00:00.5Z"), 500);
	CHECK_INT(ms_of("1970-01-01T00:00:00.25Z"), 250);
	CHECK_INT(ms_of("1970-01-01T00:00:00.250Z"), 250);
	CHECK_INT(ms_of("1970-01-01T00:00:00.2500Z"), 250);
	CHECK_INT(ms_of("1970-01-01T00:00:00.250000000Z"), 250);
	CHECK_INT(ms_of("1970-01-01T00:00:00.999Z"), 999);
	CHECK_INT(ms_of("1970-01-01T00:00:00.0Z"), 0);
	CHECK_INT(ms_of("1970-01-01T00:00:00.007+00:00"), 7);
	CHECK_STR(time_error("1970-01-01T00:00:00.2501Z"),
	    "more than millisecond precision");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(time_error("1970-01-01T00:00:00.0001Z"),
	    "more than millisecond precision");
	CHECK_STR(time_error("1970-01-01T00:00:00.Z"),
	    "not an RFC 3339 time");

	CHECK_STR(time_error(""), "not an RFC 3339 time");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(time_error("2026-11-22"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00Z"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T8:00:00Z"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00+0100"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00+01"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00+01:00:00"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22  08:00:00Z"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22_08:00:00Z"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00 Z"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00Zx"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00UTC"),
	    "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08.00.00Z"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026/11/22T08:00:00Z"), "not an RFC 3339 time");
	CHECK_STR(time_error("2026-11-22T08:00:00.Z"),
	    "not an RFC 3339 time");

	CHECK_STR(time_error("2026-11-22T24:00:00Z"), "no such time");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(time_error("2026-11-22T23:60:00Z"), "no such time");
	CHECK_STR(time_error("2016-12-31T23:59:60Z"), "no such time");
	CHECK_STR(time_error("2026-02-29T00:00:00Z"), "no such time");
	CHECK_STR(time_error("2026-04-31T00:00:00Z"), "no such time");
	CHECK_STR(time_error("0000-01-01T00:00:00Z"), "no such time");
	CHECK_STR(time_error("2026-11-22T08:00:00+24:00"), "no such time");
	CHECK_STR(time_error("2026-11-22T08:00:00+01:60"), "no such time");
	/* In range locally but not in UTC. */
	CHECK_STR(time_error("0001-01-01T00:30:00+01:00"), "no such time");
	CHECK_STR(time_error("9999-12-31T23:30:00-01:00"), "no such time");
	CHECK_INT(ms_of("0001-01-01T01:00:00+01:00"),
	    INT64_C(-62135596800000));
	CHECK_INT(ms_of("9999-12-31T22:59:59.999-01:00"),
	    INT64_C(253402300799999));
}

static void
test_time_format(void)
{
	CHECK_STR(time_text(0), "1970-01-01T00:00:00Z");
	CHECK_STR(time_text(INT64_C(1795334400000)), "2026-11-22T08:00:00Z");
	CHECK_STR(time_text(INT64_C(1795334400250)),
	    "2026-11-22T08:00:00.250Z");
	CHECK_STR(time_text(INT64_C(1798742700000)), "2026-12-31T18:45:00Z");
	CHECK_STR(time_text(-1), "1969-12-31T23:59:59.999Z");
	CHECK_STR(time_text(1), "1970-01-01T00:00:00.001Z");
	CHECK_STR(time_text(10), "1970-01-01T00:00:00.010Z");
	CHECK_STR(time_text(100), "1970-01-01T00:00:00.100Z");
	CHECK_STR(time_text(-1000), "1969-12-31T23:59:59Z");
	CHECK_STR(time_text(INT64_C(-62135596800000)),
	    "0001-01-01T00:00:00Z");
	CHECK_STR(time_text(INT64_C(253402300799999)),
	    "9999-12-31T23:59:59.999Z");
	/* Beyond the calendar, printed all the same, within the buffer. */
	CHECK_STR(time_text(INT64_MIN), "-292275055-05-16T16:47:04.192Z");
	CHECK_STR(time_text(INT64_MAX), "292278994-08-17T07:12:55.807Z");

	CHECK_INT(crm_time_date(0), 0);
	CHECK_INT(crm_time_date(86399999), 0);
	CHECK_INT(crm_time_date(86400000), 1);
	CHECK_INT(crm_time_date(-1), -1);
	CHECK_INT(crm_time_date(-86400000), -1);
	CHECK_INT(crm_time_date(-86400001), -2);
	CHECK_INT(crm_time_date(INT64_C(1795334400250)), 20779);
	CHECK_INT(crm_time_date(INT64_MIN), INT32_MIN);
	CHECK_INT(crm_time_date(INT64_MAX), INT32_MAX);
}

static void
test_now(void)
{
	int64_t ms = 7, before;
	int32_t day = 7;

	setenv("CRM_NOW", "2026-11-22T08:00:00Z", 1);
	CHECK_INT(crm_now(&ms, &err), CRM_OK);
	CHECK_INT(ms, INT64_C(1795334400000));
	CHECK_INT(crm_today(&day, &err), CRM_OK);
	CHECK_INT(day, 20779);
	/* Today is the UTC date, not the local one. */
	setenv("CRM_NOW", "2026-11-22T23:30:00-01:00", 1);
	CHECK_INT(crm_today(&day, &err), CRM_OK);
	CHECK_INT(day, 20780);

	ms = 7;
	day = 7;
	setenv("CRM_NOW", "yesterday", 1);
	crm_err_clear(&err);
	CHECK_INT(crm_now(&ms, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "CRM_NOW: not an RFC 3339 time");
	CHECK_INT(ms, 7);
	CHECK_INT(crm_today(&day, &err), CRM_EUSAGE);
	CHECK_INT(day, 7);
	setenv("CRM_NOW", "2026-02-30T00:00:00Z", 1);
	CHECK_INT(crm_now(&ms, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "CRM_NOW: no such time");

	/* Unset or empty: the system clock. */
	setenv("CRM_NOW", "", 1);
	before = (int64_t)time(NULL) * 1000;
	CHECK_INT(crm_now(&ms, &err), CRM_OK);
	CHECK(ms >= before && ms < before + 60000);
	unsetenv("CRM_NOW");
	before = (int64_t)time(NULL) * 1000;
	CHECK_INT(crm_now(&ms, &err), CRM_OK);
	CHECK(ms >= before && ms < before + 60000);
	CHECK_INT(crm_today(&day, &err), CRM_OK);
	CHECK_INT(day, (int32_t)(ms / 86400000));
}

static void
test_rec(void)
{
	static const char json[] =
	    "{\"d\":\"2026-11-22\",\"t\":\"2026-11-22T09:00:00.250+01:00\","
	    "\"n\":null,\"num\":20261122,\"bad\":\"2026-02-30\","
	    "\"b\":true,\"s\":\"22/11/2026\",\"frac\":\""
	    "2026-11-22T09:00:00.2501Z\",\"e\":\"\"}";
	crm_rec *r = crm_rec_new();
	int32_t day = 7;
	int64_t ms = 7;

	CHECK_INT(crm_rec_parse(r, json, strlen(json), &err), CRM_OK);
	crm_rec_set_place(r, "deals.csv", 3);
	CHECK_INT(crm_date_get(r, "d", &day, &err), CRM_OK);
	CHECK_INT(day, 20779);
	CHECK_INT(crm_time_get(r, "t", &ms, &err), CRM_OK);
	CHECK_INT(ms, INT64_C(1795334400250));

	day = 7;
	ms = 7;
	CHECK_INT(crm_date_get(r, "n", &day, &err), CRM_END);
	CHECK_INT(crm_date_get(r, "missing", &day, &err), CRM_END);
	CHECK_INT(crm_time_get(r, "n", &ms, &err), CRM_END);
	CHECK_INT(crm_time_get(r, "missing", &ms, &err), CRM_END);
	CHECK_INT(crm_date_get(r, "num", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: num: not a date (YYYY-MM-DD)");
	CHECK_INT(crm_date_get(r, "b", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: b: not a date (YYYY-MM-DD)");
	CHECK_INT(crm_date_get(r, "bad", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: bad: no such date");
	CHECK_INT(crm_date_get(r, "s", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: s: not a date (YYYY-MM-DD)");
	CHECK_INT(crm_date_get(r, "e", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: e: not a date (YYYY-MM-DD)");
	CHECK_INT(crm_date_get(r, "t", &day, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: t: not a date (YYYY-MM-DD)");
	CHECK_INT(crm_time_get(r, "d", &ms, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: d: not an RFC 3339 time");
	CHECK_INT(crm_time_get(r, "num", &ms, &err), CRM_EDATA);
	CHECK_STR(err.msg, "deals.csv:3: num: not an RFC 3339 time");
	CHECK_INT(crm_time_get(r, "frac", &ms, &err), CRM_EDATA);
	CHECK_STR(err.msg,
	    "deals.csv:3: frac: more than millisecond precision");
	CHECK_INT(day, 7);
	CHECK_INT(ms, 7);
	crm_rec_free(r);
}

int
main(void)
{
	RUN(test_make_split);
	RUN(test_whole_range);
	RUN(test_parse_format);
	RUN(test_weeks);
	RUN(test_buckets_hold_their_days);
	RUN(test_add_months);
	RUN(test_bucket);
	RUN(test_period_parse);
	RUN(test_period_key_parse);
	RUN(test_period_add);
	RUN(test_time_parse);
	RUN(test_time_format);
	RUN(test_now);
	RUN(test_rec);
	DONE();
}
