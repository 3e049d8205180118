/*
 * activity_tz.c - local days in a rep's time zone, through the C
 * library's own zone files: TZ is set for the length of one conversion
 * (mktime, localtime_r) and put back.  Not safe with other threads that
 * read TZ at the same time; the programs have one thread.
 */
#include <time.h>

#include "internal.h"

/* 1 when path is a compiled zone file ("TZif" first): the C library
 * takes any other TZ, a directory such as "America" among them, for
 * UTC without a word, so that the agenda's days would silently be
 * wrong. */
static int
is_zone_file(const char *path)
{
	char magic[4];
	FILE *fp = fopen(path, "rb");
	int yes;

	if (fp == NULL)
		return 0;
	yes = fread(magic, 1, sizeof(magic), fp) == sizeof(magic) &&
	    memcmp(magic, "TZif", sizeof(magic)) == 0;
	fclose(fp);
	return yes;
}

int
crm_activity_tz_check(const char *tz, crm_err *err)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	size_t i;

	if (tz == NULL || tz[0] == '\0' || tz[0] == '/' || tz[0] == '.' ||
	    strstr(tz, "..") != NULL || strlen(tz) > 200)
		goto bad;
	for (i = 0; tz[i] != '\0'; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789/_+-", tz[i]) == NULL)
			goto bad;
	if (strcmp(tz, "UTC") == 0)
		return CRM_OK;
	snprintf(path, sizeof(path), "%s/%s", dir != NULL && dir[0] != '\0' ?
	    dir : "/usr/share/zoneinfo", tz);
	if (is_zone_file(path))
		return CRM_OK;
bad:
	return crm_err_set(err, CRM_EUSAGE, "unknown time zone: %.200s",
	    tz != NULL ? tz : "");
}

struct saved_tz {
	char *old;
	int had;
};

static int
tz_enter(const char *tz, struct saved_tz *s, crm_err *err)
{
	const char *old = getenv("TZ");
	int rc;

	if ((rc = crm_activity_tz_check(tz, err)) != CRM_OK)
		return rc;
	s->had = old != NULL;
	s->old = NULL;
	if (old != NULL && (s->old = strdup(old)) == NULL)
		return crm_err_nomem(err);
	if (setenv("TZ", tz, 1) != 0) {
		free(s->old);
		return crm_err_nomem(err);
	}
	tzset();
	return CRM_OK;
}

static void
tz_leave(struct saved_tz *s)
{
	if (s->had)
		setenv("TZ", s->old, 1);
	else
		unsetenv("TZ");
	free(s->old);
	tzset();
}

int
crm_activity_tz_day_start(const char *tz, int32_t day, int64_t *ms,
    crm_err *err)
{
	char buf[CRM_DATE_BUFSZ];
	struct saved_tz s;
	struct tm tm;
	time_t t;
	int y, m, d, rc;

	if ((rc = tz_enter(tz, &s, err)) != CRM_OK)
		return rc;
	crm_date_split(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	tz_leave(&s);
	if (t == (time_t)-1)
		return crm_err_set(err, CRM_EDATA, "%s: no such day in time "
		    "zone %s", crm_date_format(day, buf), tz);
	*ms = (int64_t)t * 1000;
	return CRM_OK;
}

int
crm_activity_tz_date(const char *tz, int64_t ms, int32_t *day, crm_err *err)
{
	struct saved_tz s;
	struct tm tm;
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
	int rc, ok;

	if ((rc = tz_enter(tz, &s, err)) != CRM_OK)
		return rc;
	ok = localtime_r(&t, &tm) != NULL;
	tz_leave(&s);
	if (!ok)
		return crm_err_set(err, CRM_EDATA, "instant out of range");
	return crm_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    day, err);
}

int
crm_activity_period(const char *period, int32_t day, int week_starts_sunday,
    int32_t *first, int32_t *last, crm_err *err)
{
	int y, m, rc;

	if (strcmp(period, "day") == 0) {
		*first = *last = day;
	} else if (strcmp(period, "week") == 0) {
		*first = day - (week_starts_sunday ?
		    crm_date_weekday(day) % 7 : crm_date_weekday(day) - 1);
		*last = *first + 6;
	} else if (strcmp(period, "month") == 0) {
		crm_date_split(day, &y, &m, NULL);
		if ((rc = crm_date_make(y, m, 1, first, err)) != CRM_OK)
			return rc;
		*last = *first + crm_days_in_month(y, m) - 1;
	} else {
		return crm_err_set(err, CRM_EUSAGE, "not a period: %s (day, "
		    "week, month)", period);
	}
	return CRM_OK;
}
