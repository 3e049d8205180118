/*
 * date.c - the proleptic Gregorian calendar over day numbers: dates, ISO
 * weeks, period keys and RFC 3339 instants.
 *
 * Everything is integer arithmetic on days since 1970-01-01, done in 64
 * bits so that no int32 day or int64 instant can overflow on the way.
 * No libc time zone code is involved: instants are UTC by construction.
 */
#include "internal.h"

#include <errno.h>
#include <time.h>

#define FIRST_DAY (-719162)     /* 0001-01-01 */
#define LAST_DAY 2932896        /* 9999-12-31 */
#define MS_PER_DAY INT64_C(86400000)

/* a / b and a mod b rounded down, for b > 0. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

static int64_t
floor_mod(int64_t a, int64_t b)
{
	return a % b + (a % b < 0 ? b : 0);
}

/*
 * The day number of y-m-d for any y.  Years are counted from March, so
 * that the leap day is the last day of a year, and split into 400-year
 * eras of 146097 days each; within an era the day is a sum of whole
 * years plus leap days plus the day in a year of fixed month lengths.
 */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, year_of_era, day_of_year, day_of_era;
	int month_from_march = m > 2 ? m - 3 : m + 9;

	if (m <= 2)
		y--;
	era = floor_div(y, 400);
	year_of_era = y - era * 400;
	/* Months from March run 31 30 31 30 31 31 30 31 30 31 31 28/29:
	 * (153 * month + 2) / 5 is the days before each. */
	day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
	    day_of_year;
	/* 719468 days from 0000-03-01 to 1970-01-01. */
	return era * 146097 + day_of_era - 719468;
}

/* The inverse of days_from_civil; m and d may be NULL. */
static void
civil_from_days(int64_t day, int64_t *y, int *m, int *d)
{
	int64_t z = day + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t day_of_era = z - era * 146097;
	int64_t year_of_era, day_of_year, mp;

	/* Take out the leap days before the day (one per 4 years, none per
	 * 100, one per 400, the era's last day being a 400th) to get whole
	 * 365-day years. */
	year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
	    day_of_era / 146096) / 365;
	day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
	    year_of_era / 100);
	mp = (5 * day_of_year + 2) / 153;       /* month from March */
	*y = year_of_era + era * 400 + (mp >= 10);
	if (m != NULL)
		*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (d != NULL)
		*d = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
}

/* 1 = Monday ... 7 = Sunday; day 0, 1970-01-01, was a Thursday. */
static int
weekday(int64_t day)
{
	return (int)floor_mod(day + 3, 7) + 1;
}

int
crm_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
crm_days_in_month(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && crm_is_leap_year(y));
}

int
crm_date_make(int y, int m, int d, int32_t *day, crm_err *err)
{
	if (y < 1 || y > 9999 || d < 1 || d > crm_days_in_month(y, m))
		return crm_err_set(err, CRM_EDATA, "no such date");
	*day = (int32_t)days_from_civil(y, m, d);
	return CRM_OK;
}

void
crm_date_split(int32_t day, int *y, int *m, int *d)
{
	int64_t year;

	civil_from_days(day, &year, m, d);
	if (y != NULL)
		*y = (int)year;
}

/* The value of the n decimal digits at s, or -1 if one is not a digit. */
static int
number(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD at s (10 bytes, known to be there) into its numbers;
 * -1 when the shape is wrong, whatever the numbers. */
static int
scan_date(const char *s, int *y, int *m, int *d)
{
	*y = number(s, 4);
	*m = number(s + 5, 2);
	*d = number(s + 8, 2);
	if (*y < 0 || *m < 0 || *d < 0 || s[4] != '-' || s[7] != '-')
		return -1;
	return 0;
}

int
crm_date_parse(const char *s, size_t len, int32_t *day, crm_err *err)
{
	int y, m, d;

	if (len != 10 || scan_date(s, &y, &m, &d) != 0)
		return crm_err_set(err, CRM_EDATA, "not a date (YYYY-MM-DD)");
	return crm_date_make(y, m, d, day, err);
}

char *
crm_date_format(int32_t day, char *buf)
{
	return crm_date_bucket(day, CRM_PERIOD_DAY, buf);
}

int
crm_date_weekday(int32_t day)
{
	return weekday(day);
}

void
crm_date_iso_week(int32_t day, int *iso_year, int *week)
{
	/* A week belongs to the year that holds its Thursday. */
	int64_t thursday = (int64_t)day - weekday(day) + 4, y;

	civil_from_days(thursday, &y, NULL, NULL);
	if (iso_year != NULL)
		*iso_year = (int)y;
	if (week != NULL)
		*week = (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
}

int
crm_weeks_in_year(int iso_year)
{
	int jan1 = weekday(days_from_civil(iso_year, 1, 1));

	/* The year has a 53rd Thursday exactly when it starts on one, or
	 * when a leap year starts on the Wednesday before. */
	if (jan1 == 4 || (jan1 == 3 && crm_is_leap_year(iso_year)))
		return 53;
	return 52;
}

int
crm_week_start(int iso_year, int week, int32_t *day, crm_err *err)
{
	int64_t jan4;

	if (iso_year < 1 || iso_year > 9999 || week < 1 ||
	    week > crm_weeks_in_year(iso_year))
		return crm_err_set(err, CRM_EDATA, "no such week");
	/* January 4 is always in week 1.  The Monday of 0001-W01 is
	 * 0001-01-01 itself, so every result is in range. */
	jan4 = days_from_civil(iso_year, 1, 4);
	*day = (int32_t)(jan4 - weekday(jan4) + 1 + 7 * (int64_t)(week - 1));
	return CRM_OK;
}

/* The first day of month number months (counted from 0000-01) and, when
 * last is not NULL, the last day of that month. */
static int64_t
month_start(int64_t months, int64_t *last)
{
	int64_t y = floor_div(months, 12);
	int m = (int)floor_mod(months, 12) + 1;

	if (last != NULL)
		*last = days_from_civil(y, m, crm_days_in_month((int)y, m));
	return days_from_civil(y, m, 1);
}

int
crm_date_add_months(int32_t day, int n, int32_t *out, crm_err *err)
{
	int64_t y, months, ny;
	int m, d, nm, dim;

	civil_from_days(day, &y, &m, &d);
	months = y * 12 + m - 1 + n;
	ny = floor_div(months, 12);
	nm = (int)floor_mod(months, 12) + 1;
	if (ny < 1 || ny > 9999)
		return crm_err_set(err, CRM_EDATA, "date out of range");
	dim = crm_days_in_month((int)ny, nm);
	*out = (int32_t)days_from_civil(ny, nm, d < dim ? d : dim);
	return CRM_OK;
}

char *
crm_date_bucket(int32_t day, crm_period p, char *buf)
{
	int64_t y;
	int m, d, iso_year, week;

	civil_from_days(day, &y, &m, &d);
	switch (p) {
	case CRM_PERIOD_DAY:
		snprintf(buf, CRM_DATE_BUFSZ, "%04d-%02d-%02d", (int)y, m, d);
		break;
	case CRM_PERIOD_WEEK:
		crm_date_iso_week(day, &iso_year, &week);
		snprintf(buf, CRM_DATE_BUFSZ, "%04d-W%02d", iso_year, week);
		break;
	case CRM_PERIOD_MONTH:
		snprintf(buf, CRM_DATE_BUFSZ, "%04d-%02d", (int)y, m);
		break;
	case CRM_PERIOD_QUARTER:
		snprintf(buf, CRM_DATE_BUFSZ, "%04d-Q%d", (int)y, (m + 2) / 3);
		break;
	case CRM_PERIOD_YEAR:
		snprintf(buf, CRM_DATE_BUFSZ, "%04d", (int)y);
		break;
	default:
		buf[0] = '\0';
		break;
	}
	return buf;
}

/*
 * The keys are exactly what crm_date_bucket writes: upper-case W and Q,
 * two-digit weeks and months, four-digit years from 0001.  The last day
 * of 9999-W52 would be in the year 10000, so it stops at 9999-12-31.
 */
int
crm_period_parse(const char *s, size_t len, crm_period p, int32_t *first,
    int32_t *last, crm_err *err)
{
	int32_t day;
	int64_t lo, hi;
	int y = len >= 4 ? number(s, 4) : -1, n;
	int rc;

	switch (p) {
	case CRM_PERIOD_DAY:
		if ((rc = crm_date_parse(s, len, &day, err)) != CRM_OK)
			return rc;
		lo = hi = day;
		break;
	case CRM_PERIOD_WEEK:
		if (len != 8 || y < 0 || s[4] != '-' || s[5] != 'W' ||
		    (n = number(s + 6, 2)) < 0)
			return crm_err_set(err, CRM_EDATA,
			    "not a week (YYYY-Www)");
		if ((rc = crm_week_start(y, n, &day, err)) != CRM_OK)
			return rc;
		lo = day;
		hi = lo + 6 < LAST_DAY ? lo + 6 : LAST_DAY;
		break;
	case CRM_PERIOD_MONTH:
		if (len != 7 || y < 0 || s[4] != '-' ||
		    (n = number(s + 5, 2)) < 0)
			return crm_err_set(err, CRM_EDATA,
			    "not a month (YYYY-MM)");
		if (y < 1 || n < 1 || n > 12)
			return crm_err_set(err, CRM_EDATA, "no such month");
		lo = month_start((int64_t)y * 12 + n - 1, &hi);
		break;
	case CRM_PERIOD_QUARTER:
		if (len != 7 || y < 0 || s[4] != '-' || s[5] != 'Q' ||
		    (n = number(s + 6, 1)) < 0)
			return crm_err_set(err, CRM_EDATA,
			    "not a quarter (YYYY-Qn)");
		if (y < 1 || n < 1 || n > 4)
			return crm_err_set(err, CRM_EDATA, "no such quarter");
		lo = month_start((int64_t)y * 12 + (n - 1) * 3, NULL);
		month_start((int64_t)y * 12 + (n - 1) * 3 + 2, &hi);
		break;
	case CRM_PERIOD_YEAR:
		if (len != 4 || y < 0)
			return crm_err_set(err, CRM_EDATA, "not a year (YYYY)");
		if (y < 1)
			return crm_err_set(err, CRM_EDATA, "no such year");
		lo = days_from_civil(y, 1, 1);
		hi = days_from_civil(y, 12, 31);
		break;
	default:
		return crm_err_set(err, CRM_EUSAGE, "unknown period");
	}
	if (first != NULL)
		*first = (int32_t)lo;
	if (last != NULL)
		*last = (int32_t)hi;
	return CRM_OK;
}

int
crm_period_key_parse(const char *s, size_t len, crm_period *p,
    int32_t *first, int32_t *last, crm_err *err)
{
	crm_period kind;

	if (len == 4)
		kind = CRM_PERIOD_YEAR;
	else if (len == 7 && s[5] == 'Q')
		kind = CRM_PERIOD_QUARTER;
	else if (len == 8 && s[5] == 'W')
		kind = CRM_PERIOD_WEEK;
	else if (len == 7)
		kind = CRM_PERIOD_MONTH;
	else if (len == 10)
		kind = CRM_PERIOD_DAY;
	else
		return crm_err_set(err, CRM_EDATA, "not a period (2026, "
		    "2026-Q4, 2026-11, 2026-W47 or 2026-11-22)");
	if (p != NULL)
		*p = kind;
	return crm_period_parse(s, len, kind, first, last, err);
}

int
crm_period_add(int32_t day, crm_period p, int n, int32_t *out, crm_err *err)
{
	int64_t y, start, months;
	int m;

	civil_from_days(day, &y, &m, NULL);
	months = y * 12 + m - 1;
	switch (p) {
	case CRM_PERIOD_DAY:
		start = (int64_t)day + n;
		break;
	case CRM_PERIOD_WEEK:
		start = (int64_t)day - weekday(day) + 1 + 7 * (int64_t)n;
		break;
	case CRM_PERIOD_MONTH:
		start = month_start(months + n, NULL);
		break;
	case CRM_PERIOD_QUARTER:
		start = month_start(months - (m - 1) % 3 + 3 * (int64_t)n, NULL);
		break;
	case CRM_PERIOD_YEAR:
		start = month_start((y + n) * 12, NULL);
		break;
	default:
		return crm_err_set(err, CRM_EUSAGE, "unknown period");
	}
	if (start < FIRST_DAY || start > LAST_DAY)
		return crm_err_set(err, CRM_EDATA, "date out of range");
	*out = (int32_t)start;
	return CRM_OK;
}

int
crm_period_from_name(const char *name, crm_period *p, crm_err *err)
{
	static const char *const names[] = {
		[CRM_PERIOD_DAY] = "day",
		[CRM_PERIOD_WEEK] = "week",
		[CRM_PERIOD_MONTH] = "month",
		[CRM_PERIOD_QUARTER] = "quarter",
		[CRM_PERIOD_YEAR] = "year"
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++) {
		if (strcmp(name, names[i]) == 0) {
			*p = (crm_period)i;
			return CRM_OK;
		}
	}
	return crm_err_set(err, CRM_EUSAGE, "unknown period %.32s "
	    "(day, week, month, quarter, year)", name);
}

/* The fraction at s[*i..len), if any, as milliseconds, moving *i past
 * it: -1 for a point without digits, -2 for a digit after the third that
 * is not zero. */
static int
scan_fraction(const char *s, size_t len, size_t *i)
{
	int milli = 0, k;

	if (*i >= len || s[*i] != '.')
		return 0;
	for (k = 0, ++*i; *i < len && s[*i] >= '0' && s[*i] <= '9'; ++*i) {
		if (k++ < 3)
			milli = milli * 10 + (s[*i] - '0');
		else if (s[*i] != '0')
			return -2;
	}
	if (k == 0)
		return -1;
	for (; k < 3; k++)
		milli *= 10;
	return milli;
}

/* Z, z, +hh:mm or -hh:mm, all of s[0..len), as seconds east of UTC:
 * -1 when the shape is wrong, -2 when hours or minutes are too big. */
static int
scan_zone(const char *s, size_t len, int *offset)
{
	int h, m;

	if (len == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*offset = 0;
		return 0;
	}
	if (len != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' ||
	    (h = number(s + 1, 2)) < 0 || (m = number(s + 4, 2)) < 0)
		return -1;
	if (h > 23 || m > 59)
		return -2;
	*offset = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 0;
}

/*
 * YYYY-MM-DD, T or t or one space, hh:mm:ss, maybe '.' and digits, then
 * the zone.  Digits after the third of a fraction must be zeros: an
 * instant is a whole number of milliseconds, and dropping the rest
 * silently would make two different times compare equal.  The UTC result
 * must fall in 0001..9999, so that it can be printed.
 */
int
crm_time_parse(const char *s, size_t len, int64_t *ms, crm_err *err)
{
	static const char not_a_time[] = "not an RFC 3339 time";
	int y, mo, d, h, mi, sec, milli, offset, zone;
	size_t i = 19;
	int64_t t;

	if (len < 20 || scan_date(s, &y, &mo, &d) != 0 ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    (h = number(s + 11, 2)) < 0 || s[13] != ':' ||
	    (mi = number(s + 14, 2)) < 0 || s[16] != ':' ||
	    (sec = number(s + 17, 2)) < 0)
		return crm_err_set(err, CRM_EDATA, "%s", not_a_time);
	if ((milli = scan_fraction(s, len, &i)) == -2)
		return crm_err_set(err, CRM_EDATA,
		    "more than millisecond precision");
	if (milli == -1 || (zone = scan_zone(s + i, len - i, &offset)) == -1)
		return crm_err_set(err, CRM_EDATA, "%s", not_a_time);
	/* Second 60 is refused: leap seconds cannot be counted without a
	 * table, and a record that holds one is better told than moved. */
	if (zone != 0 || y < 1 || d < 1 || d > crm_days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return crm_err_set(err, CRM_EDATA, "no such time");
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    offset;
	if (floor_div(t, 86400) < FIRST_DAY || floor_div(t, 86400) > LAST_DAY)
		return crm_err_set(err, CRM_EDATA, "no such time");
	*ms = t * 1000 + milli;
	return CRM_OK;
}

char *
crm_time_format(int64_t ms, char *buf)
{
	int64_t day = floor_div(ms, MS_PER_DAY), y;
	int in_day = (int)floor_mod(ms, MS_PER_DAY), sec = in_day / 1000;
	int m, d, n;
	char tmp[64];

	civil_from_days(day, &y, &m, &d);
	n = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%03d",
	    (int)y, m, d, sec / 3600, sec / 60 % 60, sec % 60, in_day % 1000);
	if (in_day % 1000 == 0)
		n -= 4;
	/* Even INT64_MIN, year -292275055, takes only 30 bytes and Z. */
	tmp[n++] = 'Z';
	tmp[n++] = '\0';
	memcpy(buf, tmp, (size_t)n);
	return buf;
}

/* Instants too far out for an int32 day are not dates in 0001..9999
 * anyway; they are pinned to the ends rather than wrapped. */
int32_t
crm_time_date(int64_t ms)
{
	int64_t day = floor_div(ms, MS_PER_DAY);

	if (day < INT32_MIN)
		return INT32_MIN;
	if (day > INT32_MAX)
		return INT32_MAX;
	return (int32_t)day;
}

/* An empty CRM_NOW counts as unset, so that a script can clear it with
 * CRM_NOW= as well as with unset. */
int
crm_now(int64_t *ms, crm_err *err)
{
	const char *fixed = getenv("CRM_NOW");
	struct timespec ts;
	crm_err why;

	if (fixed != NULL && fixed[0] != '\0') {
		if (crm_time_parse(fixed, strlen(fixed), ms, &why) != CRM_OK)
			return crm_err_set(err, CRM_EUSAGE, "CRM_NOW: %s",
			    why.msg);
		return CRM_OK;
	}
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return crm_err_set(err, CRM_EINTERNAL, "clock_gettime: %s",
		    strerror(errno));
	/* Whole seconds: the instants crm writes read as people write them. */
	*ms = (int64_t)ts.tv_sec * 1000;
	return CRM_OK;
}

int
crm_today(int32_t *day, crm_err *err)
{
	int64_t ms;
	int rc;

	if ((rc = crm_now(&ms, err)) != CRM_OK)
		return rc;
	*day = crm_time_date(ms);
	return CRM_OK;
}

/* The string value of key for the getters below: CRM_OK with the text,
 * CRM_END when absent or null, CRM_EDATA (message what) otherwise. */
static int
string_field(const crm_rec *r, const char *key, const char *what,
    const char **text, size_t *len, crm_err *err)
{
	long i = crm_rec_find(r, key);

	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return CRM_END;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "%s", what);
	*text = crm_rec_text(r, (size_t)i, len);
	return CRM_OK;
}

int
crm_date_get(const crm_rec *r, const char *key, int32_t *day, crm_err *err)
{
	const char *text = NULL;
	crm_err why;
	size_t len = 0;
	int rc;

	rc = string_field(r, key, "not a date (YYYY-MM-DD)", &text, &len, err);
	if (rc != CRM_OK)
		return rc;
	if (crm_date_parse(text, len, day, &why) != CRM_OK)
		return crm_rec_fail(r, err, why.code, key, "%s", why.msg);
	return CRM_OK;
}

int
crm_time_get(const crm_rec *r, const char *key, int64_t *ms, crm_err *err)
{
	const char *text = NULL;
	crm_err why;
	size_t len = 0;
	int rc;

	rc = string_field(r, key, "not an RFC 3339 time", &text, &len, err);
	if (rc != CRM_OK)
		return rc;
	if (crm_time_parse(text, len, ms, &why) != CRM_OK)
		return crm_rec_fail(r, err, why.code, key, "%s", why.msg);
	return CRM_OK;
}
