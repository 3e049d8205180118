/*
 * fuzz_date.c - dates, instants and period keys from outside text.
 *
 * The input is tried as a date, an RFC 3339 instant and a key of each
 * period kind.  What must hold: a date or key that parses is already in
 * canonical form, so printing gives the input back; an instant prints
 * and reads back to the same millisecond; every bucket of a date parses
 * to a range that holds it, whose neighbours crm_period_add finds.
 * Whatever the first bytes say as raw numbers must print within the
 * buffer.
 */
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIRST_DAY (-719162)     /* 0001-01-01 */
#define LAST_DAY 2932896        /* 9999-12-31 */

static void
check_error(const crm_err *err)
{
	if (err->code != CRM_EDATA || err->msg[0] == '\0')
		abort();
}

/* Each bucket of day: it holds day, its key is the same from its first
 * and last day, and the periods before and after join on to it. */
static void
check_buckets(int32_t day)
{
	char key[CRM_DATE_BUFSZ], other[CRM_DATE_BUFSZ];
	int32_t first, last, out, prev_last;
	crm_err err;
	int p;

	for (p = CRM_PERIOD_DAY; p <= CRM_PERIOD_YEAR; p++) {
		crm_date_bucket(day, p, key);
		if (crm_period_parse(key, strlen(key), p, &first, &last,
		    &err) != CRM_OK || first > day || day > last)
			abort();
		if (strcmp(crm_date_bucket(first, p, other), key) != 0 ||
		    strcmp(crm_date_bucket(last, p, other), key) != 0)
			abort();
		if (crm_period_add(day, p, 0, &out, &err) != CRM_OK ||
		    out != first)
			abort();
		if (crm_period_add(day, p, 1, &out, &err) == CRM_OK) {
			if (out != last + 1)
				abort();
		} else if (last != LAST_DAY) {
			abort();
		}
		if (crm_period_add(day, p, -1, &out, &err) == CRM_OK) {
			crm_date_bucket(out, p, other);
			if (crm_period_parse(other, strlen(other), p, NULL,
			    &prev_last, &err) != CRM_OK ||
			    prev_last != first - 1)
				abort();
		} else if (first != FIRST_DAY) {
			abort();
		}
	}
}

/* Adding months keeps the day of the month, or clamps it to the end. */
static void
check_add_months(int32_t day, int n)
{
	int32_t out;
	crm_err err;
	int y, m, d, y2, m2, d2;

	if (crm_date_add_months(day, n, &out, &err) != CRM_OK)
		return;
	crm_date_split(day, &y, &m, &d);
	crm_date_split(out, &y2, &m2, &d2);
	if ((y2 * 12 + m2) - (y * 12 + m) != n)
		abort();
	if (d2 != (d < crm_days_in_month(y2, m2) ? d :
	    crm_days_in_month(y2, m2)))
		abort();
}

static void
check_date(const char *s, size_t size)
{
	char buf[CRM_DATE_BUFSZ];
	int32_t day;
	crm_err err;
	int y, w, y2, w2;

	if (crm_date_parse(s, size, &day, &err) != CRM_OK) {
		check_error(&err);
		return;
	}
	crm_date_format(day, buf);
	if (day < FIRST_DAY || day > LAST_DAY || strlen(buf) != size ||
	    memcmp(buf, s, size) != 0)
		abort();
	crm_date_iso_week(day, &y, &w);
	if (crm_week_start(y, w, &day, &err) != CRM_OK ||
	    crm_date_weekday(day) != 1)
		abort();
	crm_date_iso_week(day, &y2, &w2);
	if (y2 != y || w2 != w)
		abort();
	crm_date_parse(s, size, &day, &err);
	check_buckets(day);
	check_add_months(day, 1);
	check_add_months(day, -1);
	check_add_months(day, 13);
	check_add_months(day, -25);
}

static void
check_time(const char *s, size_t size)
{
	char buf[CRM_DATE_BUFSZ], again[CRM_DATE_BUFSZ];
	int64_t ms, ms2;
	crm_err err;

	if (crm_time_parse(s, size, &ms, &err) != CRM_OK) {
		check_error(&err);
		return;
	}
	crm_time_format(ms, buf);
	if (crm_time_parse(buf, strlen(buf), &ms2, &err) != CRM_OK ||
	    ms2 != ms)
		abort();
	if (strcmp(crm_time_format(ms2, again), buf) != 0)
		abort();
	if (crm_time_date(ms) < FIRST_DAY || crm_time_date(ms) > LAST_DAY)
		abort();
}

static void
check_keys(const char *s, size_t size)
{
	char key[CRM_DATE_BUFSZ];
	int32_t first, last;
	crm_err err;
	int p;

	for (p = CRM_PERIOD_DAY; p <= CRM_PERIOD_YEAR; p++) {
		if (crm_period_parse(s, size, p, &first, &last, &err) !=
		    CRM_OK) {
			check_error(&err);
			continue;
		}
		if (first > last || first < FIRST_DAY || last > LAST_DAY)
			abort();
		crm_date_bucket(first, p, key);
		if (strlen(key) != size || memcmp(key, s, size) != 0)
			abort();
		if (strcmp(crm_date_bucket(last, p, key), key) != 0)
			abort();
	}
}

/* Raw numbers of any size must print within the buffer; an instant in
 * the calendar's range reads back. */
static void
check_raw(const uint8_t *data, size_t size)
{
	char buf[CRM_DATE_BUFSZ];
	int64_t ms, back;
	int32_t day;
	crm_err err;
	int p;

	if (size < 8)
		return;
	memcpy(&ms, data, sizeof(ms));
	memcpy(&day, data, sizeof(day));
	if (strlen(crm_time_format(ms, buf)) >= sizeof(buf))
		abort();
	if (crm_time_date(ms) >= FIRST_DAY && crm_time_date(ms) <= LAST_DAY &&
	    (crm_time_parse(buf, strlen(buf), &back, &err) != CRM_OK ||
	    back != ms))
		abort();
	for (p = CRM_PERIOD_DAY; p <= CRM_PERIOD_YEAR; p++)
		if (strlen(crm_date_bucket(day, p, buf)) >= sizeof(buf))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;

	check_date(s, size);
	check_time(s, size);
	check_keys(s, size);
	check_raw(data, size);
	return 0;
}
