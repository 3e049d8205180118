/*
 * report_figures.c - ratios, medians and period arithmetic that reports
 * share.  Ratios are exact integer divisions rounded once, so a rate or
 * an average in a report is the same figure whatever tool recomputes it.
 */
#include "internal.h"

#include "crm/report.h"

char *
crm_ratio_format(int64_t num, int64_t den, int decimals, char *buf)
{
	__int128 scaled = num, q, r, aq;
	char digits[64];
	size_t n = 0, i;
	int neg, d;
	char *p = buf;

	if (den == 0)
		return NULL;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	for (d = 0; d < decimals; d++)
		scaled *= 10;
	q = scaled / den;
	r = scaled % den;
	if (r < 0)
		r = -r;
	neg = (scaled < 0) != (den < 0);
	if (2 * r >= (den < 0 ? -(__int128)den : (__int128)den))
		q += neg ? -1 : 1;
	aq = q < 0 ? -q : q;
	do {
		digits[n++] = (char)('0' + (int)(aq % 10));
		aq /= 10;
	} while (aq > 0 || n <= (size_t)decimals);
	if (q < 0)
		*p++ = '-';
	for (i = n; i > 0; i--) {
		if (i == (size_t)decimals && decimals > 0)
			*p++ = '.';
		*p++ = digits[i - 1];
	}
	*p = '\0';
	return buf;
}

char *
crm_percent_format(int64_t num, int64_t den, int decimals, char *buf)
{
	__int128 n100 = (__int128)num * 100;

	if (n100 > INT64_MAX || n100 < INT64_MIN) {
		/* Too big to scale first: scale the divisor down instead
		 * when it allows, else give up the figure. */
		if (den % 100 != 0)
			return NULL;
		return crm_ratio_format(num, den / 100, decimals, buf);
	}
	return crm_ratio_format((int64_t)n100, den, decimals, buf);
}

static int
set_number(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	if (s == NULL)
		return crm_rec_set_null(r, key, err);
	return crm_rec_set_json(r, key, CRM_NUMBER, s, strlen(s), err);
}

int
crm_rec_set_ratio(crm_rec *r, const char *key, int64_t num, int64_t den,
    int decimals, crm_err *err)
{
	char buf[CRM_RATIO_BUFSZ];

	return set_number(r, key, crm_ratio_format(num, den, decimals, buf),
	    err);
}

int
crm_rec_set_percent(crm_rec *r, const char *key, int64_t num, int64_t den,
    int decimals, crm_err *err)
{
	char buf[CRM_RATIO_BUFSZ];

	return set_number(r, key, crm_percent_format(num, den, decimals, buf),
	    err);
}

static int
cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
crm_median2(int64_t *v, size_t n, int64_t *twice)
{
	if (n == 0)
		return CRM_END;
	qsort(v, n, sizeof(*v), cmp_int64);
	if (n % 2 == 1)
		*twice = 2 * v[n / 2];
	else
		*twice = v[n / 2 - 1] + v[n / 2];
	return CRM_OK;
}

int
crm_period_next(const char *key, crm_period p, int n, char *buf,
    crm_err *err)
{
	int32_t first, day;
	int rc;

	if ((rc = crm_period_parse(key, strlen(key), p, &first, NULL, err)) !=
	    CRM_OK || (rc = crm_period_add(first, p, n, &day, err)) !=
	    CRM_OK)
		return rc;
	crm_date_bucket(day, p, buf);
	return CRM_OK;
}

int
crm_period_year_ago(const char *key, crm_period p, char *buf, crm_err *err)
{
	int32_t first, day;
	int y, m, d, iso_year, week, rc;

	rc = crm_period_parse(key, strlen(key), p, &first, NULL, err);
	if (rc != CRM_OK)
		return rc;
	switch (p) {
	case CRM_PERIOD_DAY:
		crm_date_split(first, &y, &m, &d);
		if (m == 2 && d == 29)
			return CRM_END;
		if ((rc = crm_date_make(y - 1, m, d, &day, err)) != CRM_OK)
			return rc;
		break;
	case CRM_PERIOD_WEEK:
		crm_date_iso_week(first, &iso_year, &week);
		if (week > crm_weeks_in_year(iso_year - 1))
			return CRM_END;
		if ((rc = crm_week_start(iso_year - 1, week, &day, err)) !=
		    CRM_OK)
			return rc;
		break;
	default:
		if ((rc = crm_period_add(first, CRM_PERIOD_MONTH, -12, &day,
		    err)) != CRM_OK)
			return rc;
		break;
	}
	crm_date_bucket(day, p, buf);
	return CRM_OK;
}
