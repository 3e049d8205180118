/*
 * crm/date.h - calendar dates, instants, ISO weeks, months, quarters.
 *
 * A date is an int32_t day number: days since 1970-01-01 (negative
 * before), proleptic Gregorian calendar, years 0001 to 9999.  An instant
 * is an int64_t count of milliseconds since 1970-01-01T00:00:00Z (UTC).
 * Text forms are ISO 8601 / RFC 3339:
 *   date     2026-11-22
 *   instant  2026-11-22T08:00:00Z, 2026-11-22T09:00:00.250+01:00 (stored
 *            and printed in UTC; "t"/"z" and a space for "T" accepted on
 *            input; at most 3 fraction digits unless the rest are zeros)
 *   week     2026-W47 (ISO 8601: weeks start on Monday; week 1 holds the
 *            year's first Thursday; 2026 has 53 weeks, and 2027-01-01 is
 *            in 2026-W53)
 *   month    2026-11      quarter  2026-Q4      year  2026
 */
#ifndef CRM_DATE_H
#define CRM_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "rec.h"

#define CRM_DATE_BUFSZ 32

typedef enum crm_period {
	CRM_PERIOD_DAY,
	CRM_PERIOD_WEEK,
	CRM_PERIOD_MONTH,
	CRM_PERIOD_QUARTER,
	CRM_PERIOD_YEAR
} crm_period;

/* Day number of y-m-d; CRM_EDATA "no such date" when out of range
 * (month 1-12, day within the month, year 1-9999). */
CRM_API int crm_date_make(int y, int m, int d, int32_t *day, crm_err *err);
/* Year, month, day of a day number (any may be NULL). */
CRM_API void crm_date_split(int32_t day, int *y, int *m, int *d);

/* Strict YYYY-MM-DD from s[0..len). CRM_EDATA "not a date (YYYY-MM-DD)"
 * or "no such date". */
CRM_API int crm_date_parse(const char *s, size_t len, int32_t *day,
	crm_err *err);
/* "YYYY-MM-DD" into buf (CRM_DATE_BUFSZ bytes); returns buf. */
CRM_API char *crm_date_format(int32_t day, char *buf);

/* 1 = Monday ... 7 = Sunday. */
CRM_API int crm_date_weekday(int32_t day);
/* ISO week-numbering year and week (1-53) of day. */
CRM_API void crm_date_iso_week(int32_t day, int *iso_year, int *week);
/* Monday of ISO week w of iso_year; CRM_EDATA when w is not in that year
 * (a year has 52 or 53 weeks). */
CRM_API int crm_week_start(int iso_year, int week, int32_t *day,
	crm_err *err);
/* Number of ISO weeks in iso_year: 52 or 53. */
CRM_API int crm_weeks_in_year(int iso_year);
CRM_API int crm_is_leap_year(int y);
CRM_API int crm_days_in_month(int y, int m);

/* Add n months, clamping the day to the end of the target month
 * (2024-01-31 + 1 month = 2024-02-29).  CRM_EDATA when out of range. */
CRM_API int crm_date_add_months(int32_t day, int n, int32_t *out,
	crm_err *err);

/* The period key of day: "2026-11-22", "2026-W47", "2026-11", "2026-Q4",
 * "2026" into buf (CRM_DATE_BUFSZ bytes); returns buf. */
CRM_API char *crm_date_bucket(int32_t day, crm_period p, char *buf);

/* Parse a period key of the given kind (as written by crm_date_bucket)
 * into the first and last day it covers (either may be NULL).
 * CRM_EDATA for a malformed key or a week 53 in a 52-week year. */
CRM_API int crm_period_parse(const char *s, size_t len, crm_period p,
	int32_t *first, int32_t *last, crm_err *err);
/* Parse a period key of any kind, told by its shape (2026, 2026-Q4,
 * 2026-W47, 2026-11, 2026-11-22): its kind into *p, its days as
 * crm_period_parse (any of the three may be NULL).  CRM_EDATA. */
CRM_API int crm_period_key_parse(const char *s, size_t len, crm_period *p,
	int32_t *first, int32_t *last, crm_err *err);
/* The key of the period n periods after (n < 0: before) the one holding
 * day, e.g. for year-on-year (n = -1 with CRM_PERIOD_YEAR) or the next
 * week.  Writes the key's first day to *out. */
CRM_API int crm_period_add(int32_t day, crm_period p, int n, int32_t *out,
	crm_err *err);
/* "day", "week", "month", "quarter", "year" to crm_period; CRM_EUSAGE. */
CRM_API int crm_period_from_name(const char *name, crm_period *p,
	crm_err *err);

/* RFC 3339 instant from s[0..len) to milliseconds since the epoch, UTC.
 * CRM_EDATA "not an RFC 3339 time" or "no such time". */
CRM_API int crm_time_parse(const char *s, size_t len, int64_t *ms,
	crm_err *err);
/* "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z only when the
 * milliseconds are not zero.  Returns buf (CRM_DATE_BUFSZ bytes). */
CRM_API char *crm_time_format(int64_t ms, char *buf);
/* The UTC date of an instant. */
CRM_API int32_t crm_time_date(int64_t ms);

/* Now: the environment variable CRM_NOW (an RFC 3339 instant) when set,
 * so that tests and re-runs can fix the clock; else the system clock, to
 * the whole second.
 * CRM_EUSAGE "CRM_NOW: not an RFC 3339 time" when CRM_NOW is malformed. */
CRM_API int crm_now(int64_t *ms, crm_err *err);
/* Today's UTC date, by crm_now(). */
CRM_API int crm_today(int32_t *day, crm_err *err);

/* Field key of r as a date / an instant.  CRM_END when absent or null;
 * CRM_EDATA "file:line: key: not a date (YYYY-MM-DD)". */
CRM_API int crm_date_get(const crm_rec *r, const char *key, int32_t *day,
	crm_err *err);
CRM_API int crm_time_get(const crm_rec *r, const char *key, int64_t *ms,
	crm_err *err);

#endif
