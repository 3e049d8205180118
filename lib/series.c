/*
 * series.c - sales history as series: records summed per key and
 * period in exact decimals, read back as one regular series per key
 * (zeros where a period had no record) in key order.
 *
 * A period is an ordinal: the day number, the week counted from the
 * Monday 1969-12-29, the month or quarter counted from year 0, the year.
 * Each key keeps one cell per period (a 128-bit integer at the set's
 * scale) in an array over the periods from its first record to its last,
 * with room left on the side it grew, so that records in any order cost
 * amortised O(1) and memory stays O(keys x periods).
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

#include "internal.h"
#include "series_internal.h"
#include "strmap.h"

/* Values are less than 10^VALUE_DIGITS in size: far beyond any quantity
 * sold, and with 18 places still 10^5 times within a cell's range, so
 * that a sum of many of them fits. */
#define VALUE_DIGITS 15
#define CELL_MAX ((__int128)(((unsigned __int128)1 << 127) - 1))

struct skey {
	char **vals;                /* nvals values, NULL for null */
	size_t nvals;
	__int128 *cells;            /* cap cells, cells[0] at ordinal base */
	unsigned char *given;       /* points: 1 where a point was given */
	int64_t base, lo, hi;       /* live ordinals lo..hi, when cap > 0 */
	size_t cap;
};

struct crm_series_set {
	char **keys;
	size_t nkeys;
	crm_period period;
	crm_series_shape shape;
	char *time, *value;
	int null_keys;
	int own_ends;
	int has_from, has_to;
	int64_t from, to;           /* ordinals */
	int any;                    /* a record was taken ... */
	int64_t last;               /* ... and the last period of one */
	int scale;                  /* decimal places of every cell */
	struct skey *skeys;
	size_t nskeys, capskeys;
	crm_strmap *ix;             /* encoded key -> index + 1 */
	crm_buf kbuf;
	const char **vals;          /* the key values of the record added */
	int reading;
	struct skey **order;        /* reading: the keys in key order */
	size_t next;
	const struct skey *cur;     /* the series handed out last ... */
	int64_t cur_first;          /* ... its first period ... */
	size_t cur_n;               /* ... length ... */
	int64_t cur_end;            /* ... and last period */
	double *out;
	size_t capout;
	char first[CRM_DATE_BUFSZ];
	crm_series_counts counts;
};

static const struct {
	const char *name, *form;
} kinds[] = {
	[CRM_PERIOD_DAY] = { "day", "YYYY-MM-DD" },
	[CRM_PERIOD_WEEK] = { "week", "YYYY-Www" },
	[CRM_PERIOD_MONTH] = { "month", "YYYY-MM" },
	[CRM_PERIOD_QUARTER] = { "quarter", "YYYY-Qn" },
	[CRM_PERIOD_YEAR] = { "year", "YYYY" },
};

static __int128
pow10_128(int n)
{
	__int128 p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* floor(a / b) for b > 0: ordinals before 1970 are negative. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int64_t
ordinal_of(crm_period p, int32_t day)
{
	int y, m;

	if (p == CRM_PERIOD_DAY)
		return day;
	if (p == CRM_PERIOD_WEEK)
		return floor_div((int64_t)day + 3, 7);
	crm_date_split(day, &y, &m, NULL);
	if (p == CRM_PERIOD_MONTH)
		return (int64_t)y * 12 + m - 1;
	if (p == CRM_PERIOD_QUARTER)
		return (int64_t)y * 4 + (m - 1) / 3;
	return y;
}

/* The first day of period ord.  Only ordinals of days in the calendar
 * come here, so the first day is in it too. */
static int32_t
ordinal_day(crm_period p, int64_t ord)
{
	int32_t day = 0;
	int y = 0, m = 1;

	switch (p) {
	case CRM_PERIOD_DAY:
		return (int32_t)ord;
	case CRM_PERIOD_WEEK:
		return (int32_t)(ord * 7 - 3);
	case CRM_PERIOD_MONTH:
		y = (int)floor_div(ord, 12);
		m = (int)(ord - (int64_t)y * 12) + 1;
		break;
	case CRM_PERIOD_QUARTER:
		y = (int)floor_div(ord, 4);
		m = (int)(ord - (int64_t)y * 4) * 3 + 1;
		break;
	default:
		y = (int)ord;
		break;
	}
	crm_date_make(y, m, 1, &day, NULL);
	return day;
}

static void
skey_free(struct skey *k, size_t nkeys)
{
	size_t i;

	if (k->vals != NULL)
		for (i = 0; i < nkeys; i++)
			free(k->vals[i]);
	free(k->vals);
	free(k->cells);
	free(k->given);
}

void
crm_series_free(crm_series_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nskeys; i++)
		skey_free(&s->skeys[i], s->nkeys);
	free(s->skeys);
	for (i = 0; i < s->nkeys; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->time);
	free(s->value);
	crm_strmap_free(s->ix);
	crm_buf_free(&s->kbuf);
	free(s->vals);
	free(s->order);
	free(s->out);
	free(s);
}

/* The period of from or to, given as a date or a period key. */
static int
bound(const crm_series_set *s, const char *opt, const char *text,
    int *has, int64_t *ord, crm_err *err)
{
	size_t len;
	int32_t day;

	*has = text != NULL;
	if (text == NULL)
		return CRM_OK;
	len = strlen(text);
	if (crm_date_parse(text, len, &day, NULL) != CRM_OK &&
	    crm_period_parse(text, len, s->period, &day, NULL, NULL) !=
	    CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: not a date "
		    "(YYYY-MM-DD) or a %s (%s): %.40s", opt,
		    kinds[s->period].name, kinds[s->period].form, text);
	*ord = ordinal_of(s->period, day);
	return CRM_OK;
}

/* Every field named once, none empty. */
static int
check_fields(const crm_series_set *s, crm_err *err)
{
	const char *all[2];
	size_t i, j;

	all[0] = s->time;
	all[1] = s->value;
	if (strcmp(s->time, s->value) == 0)
		return crm_err_set(err, CRM_EUSAGE, "%s: both the time and "
		    "the value field", s->time);
	for (i = 0; i < s->nkeys; i++) {
		if (*s->keys[i] == '\0')
			return crm_err_set(err, CRM_EUSAGE, "--by: an empty "
			    "field name");
		for (j = 0; j < i; j++)
			if (strcmp(s->keys[i], s->keys[j]) == 0)
				return crm_err_set(err, CRM_EUSAGE, "--by: %s "
				    "given twice", s->keys[i]);
		for (j = 0; j < ARRAY_LEN(all); j++)
			if (strcmp(s->keys[i], all[j]) == 0)
				return crm_err_set(err, CRM_EUSAGE, "--by: %s "
				    "is the %s field", s->keys[i], j == 0 ?
				    "time" : "value");
	}
	if (*s->time == '\0' || *s->value == '\0')
		return crm_err_set(err, CRM_EUSAGE, "an empty field name");
	return CRM_OK;
}

int
crm_series_new(const crm_series_opts *o, crm_series_set **sp,
    crm_err *err)
{
	crm_series_set *s;
	size_t i;
	int rc = CRM_OK;

	*sp = NULL;
	if ((unsigned)o->period > CRM_PERIOD_YEAR)
		return crm_err_set(err, CRM_EUSAGE, "unknown period");
	if (o->shape != CRM_SERIES_POINTS &&
	    o->shape != CRM_SERIES_TRANSACTIONS)
		return crm_err_set(err, CRM_EUSAGE, "unknown record shape");
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return crm_err_nomem(err);
	s->period = o->period;
	s->shape = o->shape;
	s->null_keys = o->null_keys != 0;
	s->own_ends = o->own_ends != 0;
	s->time = strdup(o->time != NULL ? o->time :
	    o->shape == CRM_SERIES_POINTS ? "period" : "date");
	s->value = strdup(o->value != NULL ? o->value : "value");
	s->keys = calloc(o->nkeys + 1, sizeof(*s->keys));
	s->vals = calloc(o->nkeys + 1, sizeof(*s->vals));
	s->ix = crm_strmap_new(sizeof(size_t));
	if (s->time == NULL || s->value == NULL || s->keys == NULL ||
	    s->vals == NULL || s->ix == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < o->nkeys; i++, s->nkeys++)
		if ((s->keys[i] = strdup(o->keys[i])) == NULL) {
			rc = crm_err_nomem(err);
			goto out;
		}
	if ((rc = check_fields(s, err)) != CRM_OK ||
	    (rc = bound(s, "--from", o->from, &s->has_from, &s->from,
	    err)) != CRM_OK ||
	    (rc = bound(s, "--to", o->to, &s->has_to, &s->to, err)) !=
	    CRM_OK)
		goto out;
	if (s->has_from && s->has_to && s->from > s->to)
		rc = crm_err_set(err, CRM_EUSAGE, "--from %s is after --to "
		    "%s", o->from, o->to);
out:
	if (rc != CRM_OK)
		crm_series_free(s);
	else
		*sp = s;
	return rc;
}

const char *const *
crm_series_key_fields(const crm_series_set *s, size_t *n)
{
	*n = s->nkeys;
	return (const char *const *)s->keys;
}

crm_series_shape
crm_series_shape_of(const crm_series_set *s)
{
	return s->shape;
}

void
crm_series_days(const crm_series_set *s, int *has_first, int32_t *first,
    int *has_after, int32_t *after)
{
	*has_first = s->has_from;
	*first = s->has_from ? ordinal_day(s->period, s->from) : 0;
	*after = 0;
	/* Past the calendar's last period every day is before the end. */
	*has_after = s->has_to && crm_period_add(ordinal_day(s->period,
	    s->to), s->period, 1, after, NULL) == CRM_OK;
}

const crm_series_counts *
crm_series_counts_of(const crm_series_set *s)
{
	return &s->counts;
}

size_t
crm_series_count(const crm_series_set *s)
{
	return s->nskeys;
}

/*
 * Adding.
 */

/* The key of vals into s->kbuf: each value as "N" (null) or
 * "LENGTH:BYTES", so that no two keys differ only in where a value
 * ends. */
static int
encode_key(crm_series_set *s, const char *const *vals, crm_err *err)
{
	size_t i;
	int rc = CRM_OK;

	crm_buf_reset(&s->kbuf);
	for (i = 0; rc == CRM_OK && i < s->nkeys; i++)
		rc = vals[i] == NULL ? crm_buf_addc(&s->kbuf, 'N') :
		    crm_buf_printf(&s->kbuf, "%zu:%s", strlen(vals[i]),
		    vals[i]);
	if (rc == CRM_OK)
		rc = crm_buf_addc(&s->kbuf, '\0');
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* c * 10^shift into *out; 0 when it does not fit. */
static int
scaled(__int128 c, int shift, __int128 *out)
{
	__int128 p = pow10_128(shift);

	if (c > CELL_MAX / p || c < -CELL_MAX / p)
		return 0;
	*out = c * p;
	return 1;
}

/* Whether every cell fits at shift more places. */
static int
rescale_fits(const crm_series_set *s, int shift)
{
	const struct skey *k;
	__int128 c;
	size_t i;
	int64_t o;

	for (i = 0; i < s->nskeys; i++) {
		k = &s->skeys[i];
		for (o = k->lo; k->cap > 0 && o <= k->hi; o++)
			if (!scaled(k->cells[o - k->base], shift, &c))
				return 0;
	}
	return 1;
}

static void
rescale(crm_series_set *s, int shift)
{
	__int128 p = pow10_128(shift);
	struct skey *k;
	size_t i;
	int64_t o;

	for (i = 0; i < s->nskeys; i++) {
		k = &s->skeys[i];
		for (o = k->lo; k->cap > 0 && o <= k->hi; o++)
			k->cells[o - k->base] *= p;
	}
}

/* Make ordinal ord live in k: a new array when it is outside the one
 * there, twice the span, with the room on the side it grew.  The cells
 * never live are zero (calloc), so widening the live span needs no
 * clearing. */
static int
reach(crm_series_set *s, struct skey *k, int64_t ord, crm_err *err)
{
	int64_t lo, hi, base;
	size_t span, cap, at;
	__int128 *cells;
	unsigned char *given = NULL;

	if (k->cap > 0 && ord >= k->base && ord < k->base + (int64_t)k->cap) {
		k->lo = ord < k->lo ? ord : k->lo;
		k->hi = ord > k->hi ? ord : k->hi;
		return CRM_OK;
	}
	lo = k->cap > 0 && k->lo < ord ? k->lo : ord;
	hi = k->cap > 0 && k->hi > ord ? k->hi : ord;
	span = (size_t)(hi - lo + 1);
	cap = span < 4 ? 8 : span * 2;
	base = k->cap > 0 && ord < k->lo ? hi + 1 - (int64_t)cap : lo;
	if (span > SIZE_MAX / 2 / sizeof(*cells) ||
	    (cells = calloc(cap, sizeof(*cells))) == NULL)
		return crm_err_nomem(err);
	if (s->shape == CRM_SERIES_POINTS &&
	    (given = calloc(cap, 1)) == NULL) {
		free(cells);
		return crm_err_nomem(err);
	}
	if (k->cap > 0) {
		at = (size_t)(k->lo - base);
		memcpy(cells + at, k->cells + (k->lo - k->base),
		    (size_t)(k->hi - k->lo + 1) * sizeof(*cells));
		if (given != NULL)
			memcpy(given + at, k->given + (k->lo - k->base),
			    (size_t)(k->hi - k->lo + 1));
	}
	free(k->cells);
	free(k->given);
	k->cells = cells;
	k->given = given;
	k->cap = cap;
	k->base = base;
	k->lo = lo;
	k->hi = hi;
	return CRM_OK;
}

/* A new key of vals, at the end of s->skeys, with its index in the map
 * (the key of s->kbuf). */
static int
new_key(crm_series_set *s, const char *const *vals, struct skey **out,
    crm_err *err)
{
	struct skey *k;
	size_t i, *slot;
	int added, rc;

	if ((rc = crm_array_grow(&s->skeys, &s->capskeys, s->nskeys,
	    sizeof(*s->skeys), err)) != CRM_OK)
		return rc;
	k = &s->skeys[s->nskeys];
	memset(k, 0, sizeof(*k));
	if ((k->vals = calloc(s->nkeys + 1, sizeof(*k->vals))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < s->nkeys; i++)
		if (vals[i] != NULL && (k->vals[i] = strdup(vals[i])) == NULL)
			break;
	if (i < s->nkeys ||
	    (slot = crm_strmap_put(s->ix, s->kbuf.data, &added)) == NULL) {
		skey_free(k, s->nkeys);
		return crm_err_nomem(err);
	}
	k->nvals = s->nkeys;
	*slot = ++s->nskeys;
	*out = k;
	return CRM_OK;
}

static int put_fail(const crm_rec *r, crm_err *err, const char *field,
    const char *fmt, ...) CRM_PRINTF(4, 5);

/* CRM_EDATA with the record's place and field when there is a record
 * (the database's rows have none). */
static int
put_fail(const crm_rec *r, crm_err *err, const char *field,
    const char *fmt, ...)
{
	char msg[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, field, "%s", msg);
	return crm_err_set(err, CRM_EDATA, "%s", msg);
}

/* Add d to the key vals in period ord; a point (point 1) must be the
 * first of its key and period.  Everything is checked before anything
 * changes; the rescaling that may come first changes no sum. */
static int
put(crm_series_set *s, const crm_rec *r, const char *const *vals,
    int64_t ord, dec d, int point, crm_err *err)
{
	int scale = d.scale > s->scale ? d.scale : s->scale;
	__int128 v = d.v * pow10_128(scale - d.scale), sum = v, c;
	char key[CRM_DATE_BUFSZ];
	struct skey *k = NULL;
	const char *field = r != NULL ? s->value : NULL;
	size_t *slot;
	int rc;

	if (s->reading)
		return crm_err_set(err, CRM_EUSAGE, "series: added to after "
		    "reading began");
	if (s->has_from && ord < s->from) {
		s->counts.before++;
		return CRM_OK;
	}
	if (s->has_to && ord > s->to) {
		s->counts.after++;
		return CRM_OK;
	}
	if ((rc = encode_key(s, vals, err)) != CRM_OK)
		return rc;
	if ((slot = crm_strmap_get(s->ix, s->kbuf.data)) != NULL &&
	    *slot != 0)
		k = &s->skeys[*slot - 1];
	if (k != NULL && k->cap > 0 && ord >= k->lo && ord <= k->hi) {
		if (point && k->given[ord - k->base]) {
			crm_date_bucket(ordinal_day(s->period, ord), s->period,
			    key);
			return put_fail(r, err, NULL, "period %s given twice",
			    key);
		}
		if (!scaled(k->cells[ord - k->base], scale - s->scale, &c) ||
		    (v > 0 && c > CELL_MAX - v) || (v < 0 && c < -CELL_MAX - v))
			return put_fail(r, err, field, "the sum is out of "
			    "range");
		sum = c + v;
	}
	if (scale > s->scale) {
		if (!rescale_fits(s, scale - s->scale))
			return put_fail(r, err, field, "the sums are out of "
			    "range at %d decimal places", scale);
		rescale(s, scale - s->scale);
		s->scale = scale;
	}
	if (k == NULL && (rc = new_key(s, vals, &k, err)) != CRM_OK)
		return rc;
	if ((rc = reach(s, k, ord, err)) != CRM_OK)
		return rc;
	k->cells[ord - k->base] = sum;
	if (point)
		k->given[ord - k->base] = 1;
	if (!s->any || ord > s->last)
		s->last = ord;
	s->any = 1;
	s->counts.taken++;
	return CRM_OK;
}

int
crm_series_put(crm_series_set *s, const char *const *vals, int32_t day,
    dec d, crm_err *err)
{
	return put(s, NULL, vals, ordinal_of(s->period, day), d, 0, err);
}

/* Key field's value of r into *v: its text, NULL for null. */
static int
key_value(const crm_series_set *s, const crm_rec *r, const char *field,
    const char **v, crm_err *err)
{
	long at = crm_rec_find(r, field);
	crm_type t;
	size_t len;

	*v = NULL;
	if (at < 0 || (t = crm_rec_type(r, (size_t)at)) == CRM_NULL)
		return s->null_keys ? CRM_OK : crm_rec_fail(r, err, CRM_EDATA,
		    field, "missing");
	if (t != CRM_STRING && t != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, field, "not a string "
		    "or a number");
	*v = crm_rec_text(r, (size_t)at, &len);
	if (strlen(*v) != len)
		return crm_rec_fail(r, err, CRM_EDATA, field, "holds U+0000");
	return CRM_OK;
}

/* The text of field of r, a string or a number; NULL with err set when
 * it is missing or of another type (what it should be: expect). */
static const char *
field_text(const crm_rec *r, const char *field, int numbers,
    const char *expect, size_t *len, crm_err *err)
{
	long at = crm_rec_find(r, field);
	crm_type t;

	if (at < 0 || (t = crm_rec_type(r, (size_t)at)) == CRM_NULL) {
		crm_rec_fail(r, err, CRM_EDATA, field, "missing");
		return NULL;
	}
	if (t != CRM_STRING && (!numbers || t != CRM_NUMBER)) {
		crm_rec_fail(r, err, CRM_EDATA, field, "not %s", expect);
		return NULL;
	}
	return crm_rec_text(r, (size_t)at, len);
}

/* The first day of the period key of a point. */
static int
point_day(const crm_series_set *s, const crm_rec *r, int32_t *day,
    crm_err *err)
{
	const char *t;
	size_t len;
	crm_err e;

	if ((t = field_text(r, s->time, 1, "a period key", &len, err)) ==
	    NULL)
		return CRM_EDATA;
	if (crm_period_parse(t, len, s->period, day, NULL, &e) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, s->time, "%s: %.40s",
		    e.msg, t);
	return CRM_OK;
}

/* Whether s[0..len) is a time of day: HH:MM, HH:MM:SS, HH:MM:SS.f... */
static int
is_clock(const char *s, size_t len)
{
	size_t i;

	if (len != 5 && len < 8)
		return 0;
	for (i = 0; i < len; i++) {
		if (i == 2 || i == 5) {
			if (s[i] != ':')
				return 0;
		} else if (i == 8) {
			if (s[i] != '.' || len == 9)
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return (s[0] - '0') * 10 + s[1] - '0' < 24 &&
	    s[3] < '6' && (len == 5 || s[6] < '7');
}

/* The day of a transaction: an instant's UTC day, or the day a date, or
 * a date and time without a zone (a spreadsheet's local time), names. */
static int
record_day(const crm_series_set *s, const crm_rec *r, int32_t *day,
    crm_err *err)
{
	const char *t;
	size_t len;
	int64_t ms;

	if ((t = field_text(r, s->time, 0, "a date or an instant", &len,
	    err)) == NULL)
		return CRM_EDATA;
	if (len > 10 && crm_time_parse(t, len, &ms, NULL) == CRM_OK) {
		*day = crm_time_date(ms);
		return CRM_OK;
	}
	if ((len == 10 || (len > 11 && (t[10] == ' ' || t[10] == 'T') &&
	    is_clock(t + 11, len - 11))) &&
	    crm_date_parse(t, 10, day, NULL) == CRM_OK)
		return CRM_OK;
	return crm_rec_fail(r, err, CRM_EDATA, s->time, "not a date or an "
	    "instant: %.40s", t);
}

/* Whether s[0..len) is written as a decimal number: sign, digits with a
 * point, an exponent. */
static int
is_decimal(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i == len || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == len;
}

/* The value field of r as an exact decimal. */
static int
record_value(const crm_series_set *s, const crm_rec *r, dec *d,
    crm_err *err)
{
	const char *t;
	__int128 mag;
	size_t len;
	double x;

	if ((t = field_text(r, s->value, 1, "a number", &len, err)) == NULL)
		return CRM_EDATA;
	if (dec_parse(t, len, d) != 0) {
		if (!is_decimal(t, len) || strlen(t) != len)
			return crm_rec_fail(r, err, CRM_EDATA, s->value, "not "
			    "a number: %.40s", t);
		/* Written as a number, yet too large or too precise. */
		x = strtod(t, NULL);
		if (isfinite(x) && fabs(x) < 1e15)
			return crm_rec_fail(r, err, CRM_EDATA, s->value, "more "
			    "than %d decimal places: %.40s", DEC_MAX_SCALE, t);
		return crm_rec_fail(r, err, CRM_EDATA, s->value, "out of range "
		    "(less than 1e%d in size): %.40s", VALUE_DIGITS, t);
	}
	mag = pow10_128(VALUE_DIGITS + d->scale);
	if (d->v >= mag || d->v <= -mag)
		return crm_rec_fail(r, err, CRM_EDATA, s->value, "out of range "
		    "(less than 1e%d in size): %.40s", VALUE_DIGITS, t);
	return CRM_OK;
}

int
crm_series_add(crm_series_set *s, const crm_rec *r, crm_err *err)
{
	int32_t day;
	size_t i;
	dec d;
	int rc;

	if (s->reading)
		return crm_err_set(err, CRM_EUSAGE, "series: added to after "
		    "reading began");
	for (i = 0; i < s->nkeys; i++)
		if ((rc = key_value(s, r, s->keys[i], &s->vals[i], err)) !=
		    CRM_OK)
			return rc;
	rc = s->shape == CRM_SERIES_POINTS ? point_day(s, r, &day, err) :
	    record_day(s, r, &day, err);
	if (rc != CRM_OK || (rc = record_value(s, r, &d, err)) != CRM_OK)
		return rc;
	return put(s, r, s->vals, ordinal_of(s->period, day), d,
	    s->shape == CRM_SERIES_POINTS, err);
}

/*
 * Reading.
 */


/* Keys sort by their values in order: null first, then byte by byte. */
static int
cmp_keys(const void *pa, const void *pb)
{
	const struct skey *a = *(const struct skey *const *)pa;
	const struct skey *b = *(const struct skey *const *)pb;
	size_t i;
	int c;

	for (i = 0; i < a->nvals; i++) {
		if (a->vals[i] == NULL || b->vals[i] == NULL)
			c = (a->vals[i] != NULL) - (b->vals[i] != NULL);
		else
			c = strcmp(a->vals[i], b->vals[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

static int
start_reading(crm_series_set *s, crm_err *err)
{
	size_t i;

	s->reading = 1;
	if (s->nskeys == 0)
		return CRM_OK;
	if ((s->order = malloc(s->nskeys * sizeof(*s->order))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < s->nskeys; i++)
		s->order[i] = &s->skeys[i];
	qsort(s->order, s->nskeys, sizeof(*s->order), cmp_keys);
	return CRM_OK;
}

/* Cell c at the set's scale as the double nearest to it: exact
 * operands divide to the nearest double, and a larger cell goes through
 * its decimal text, which strtod rounds once. */
static double
cell_double(const crm_series_set *s, __int128 c)
{
	static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	    1e18 };
	const __int128 exact = (__int128)1 << 53;
	char buf[DEC_BUFSZ];
	dec d;

	if (c <= exact && c >= -exact)
		return (double)c / tens[s->scale];
	d.v = c;
	d.scale = s->scale;
	return strtod(dec_format(d, 0, buf), NULL);
}

int
crm_series_next(crm_series_set *s, crm_series *out, crm_err *err)
{
	int64_t end, first, o;
	const struct skey *k;
	size_t i, n;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!s->reading && (rc = start_reading(s, err)) != CRM_OK)
		return rc;
	s->cur = NULL;
	if (s->next >= s->nskeys)
		return CRM_END;
	k = s->order[s->next++];
	end = s->has_to ? s->to : s->last;
	if (s->own_ends && k->cap > 0)
		end = k->hi;
	/* A key without cells is one whose first record ran out of
	 * memory. */
	for (first = k->lo; k->cap > 0 && first <= k->hi; first++)
		if (k->cells[first - k->base] != 0)
			break;
	n = k->cap > 0 && first <= k->hi ? (size_t)(end - first + 1) : 0;
	if (n > s->capout) {
		free(s->out);
		s->capout = 0;
		if ((s->out = malloc(n * sizeof(*s->out))) == NULL)
			return crm_err_nomem(err);
		s->capout = n;
	}
	for (i = 0; i < n; i++) {
		o = first + (int64_t)i;
		s->out[i] = o <= k->hi ? cell_double(s,
		    k->cells[o - k->base]) : 0.0;
	}
	s->first[0] = '\0';
	if (n > 0)
		crm_date_bucket(ordinal_day(s->period, first), s->period,
		    s->first);
	s->cur = k;
	s->cur_first = first;
	s->cur_n = n;
	s->cur_end = end;
	out->keys = (const char *const *)k->vals;
	out->nkeys = k->nvals;
	out->first = s->first;
	out->values = s->out;
	out->n = n;
	return CRM_OK;
}

char *
crm_series_text(const crm_series_set *s, size_t i, char *buf)
{
	const struct skey *k = s->cur;
	int64_t o;
	dec d;

	if (k == NULL || i >= s->cur_n)
		return NULL;
	o = s->cur_first + (int64_t)i;
	d.v = o <= k->hi ? k->cells[o - k->base] : 0;
	d.scale = s->scale;
	return dec_format(d, 0, buf);
}

int
crm_series_period(const crm_series_set *s, long step, char *buf,
    crm_err *err)
{
	int64_t end = s->has_to ? s->to : s->last;
	int32_t day;
	int rc;

	if (s->own_ends && s->cur == NULL)
		return CRM_END;
	if (s->own_ends)
		end = s->cur_end;
	else if (!s->any && !s->has_to)
		return CRM_END;
	if (step > INT_MAX || step < -INT_MAX)
		return crm_err_set(err, CRM_EDATA, "date out of range");
	if ((rc = crm_period_add(ordinal_day(s->period, end), s->period,
	    (int)step, &day, err)) != CRM_OK)
		return rc;
	crm_date_bucket(day, s->period, buf);
	return CRM_OK;
}

int
crm_series_own_ends(const crm_series_set *s)
{
	return s->own_ends;
}
