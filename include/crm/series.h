/*
 * crm/series.h - sales history as series: records, or the order lines
 * and deliveries of the database, turned into one regular series per key
 * and period, the history a forecast starts from.
 *
 * A set is opened with its key fields (none: one series of everything),
 * its kind of period and the shape of its records, fed records one at a
 * time (memory grows with keys times periods, not with records) and
 * read back one series per key, in key order.
 *
 * Records come in one of two shapes:
 *   points        the key fields, "period" (the key of a period of the
 *                 set's kind as crm_date_bucket writes it: 2026-11-22,
 *                 2026-W47, 2026-11, 2026-Q4, 2026) and "value", the
 *                 key's total in that period.  A period key of another
 *                 kind, malformed or not in the calendar (2026-13,
 *                 2025-W53: 2025 has 52 weeks) is bad input, and so is a
 *                 key and period given twice ("period 2026-03 given
 *                 twice"): a point is a total, not a part of one.
 *   transactions  the key fields, a date field (YYYY-MM-DD; an RFC 3339
 *                 instant, taken in UTC; a date and time without a zone,
 *                 "2026-11-22 08:00:00", on the day it names) and a
 *                 value field (e.g. qty), summed per key and period.
 * Values are JSON numbers or strings holding one ("12", "-3.5", "1e3"),
 * at most 18 decimal places and less than 1e15 in size; anything else is
 * bad input: "file:line: value: not a number: abc" (or "out of range",
 * "more than 18 decimal places").  Negative values are returns: they net
 * against the sales of their period, so a period whose sales were all
 * returned sums to 0, and a sum may be negative.  Key fields are strings
 * or numbers, taken as their text (7 and "7" are one key, 7.0 another);
 * a key field absent or null is bad input ("missing") unless the set
 * allows null keys, then null is a key value of its own.  A record that
 * is bad input leaves the set as it was (so that a program may set it
 * aside and go on): it is checked whole before any of it counts.
 *
 * A series is the key's periods from its first period with a sum that is
 * not 0 (periods before a key's first sale are not its history) to the
 * last period, the same for every key: the end the caller set, else the
 * last period of any record (whatever its value); or, for a set of
 * independent series (own_ends), the key's own last record's period
 * (whatever its value).  Periods in between
 * without a record are zeros, not gaps.  A key whose sums are all 0 has
 * an empty series: the caller decides what to forecast for it.  Records
 * of periods before the start or after the end the caller set are not
 * history (yet): they are checked like any other, then left out and
 * counted (crm_series_counts_of), adding no key (and a point given twice
 * there goes unnoticed).
 *
 * Sums are exact decimals (0.1 + 0.2 is 0.3), handed out as the doubles
 * nearest to them and, on request, as exact decimal text.
 */
#ifndef CRM_SERIES_H
#define CRM_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "rec.h"

typedef struct crm_series_set crm_series_set;

typedef enum crm_series_shape {
	CRM_SERIES_POINTS,
	CRM_SERIES_TRANSACTIONS
} crm_series_shape;

typedef struct crm_series_opts {
	const char *const *keys;    /* the key fields, in order (copied) */
	size_t nkeys;               /* 0: one series of every record */
	crm_period period;
	crm_series_shape shape;
	const char *time;           /* the field that dates a record: points
	                               NULL "period", transactions NULL
	                               "date" (e.g. "order_date") */
	const char *value;          /* the value field; NULL: "value" */
	int null_keys;              /* a missing or null key field is the
	                               key value null, not bad input */
	const char *from;           /* history starts with the period of
	                               this date (YYYY-MM-DD) or period key
	                               of the set's kind; NULL: open */
	const char *to;             /* the last period, likewise (e.g. the
	                               as-of day); NULL: the last of any
	                               record */
	int own_ends;               /* each key's series ends with its own
	                               last record, not the set's end */
} crm_series_opts;

/* A new, empty set.  CRM_EUSAGE for an unknown period or shape, an
 * empty or repeated field name, a key field that is also the time or
 * value field, a from or to that is neither a date nor a period key of
 * the kind ("--to: ...") or a from after the to.  The options and their
 * strings are copied.  Free with crm_series_free(); NULL does nothing. */
CRM_API int crm_series_new(const crm_series_opts *o, crm_series_set **s,
	crm_err *err);
CRM_API void crm_series_free(crm_series_set *s);

/* Add one record of the set's shape.  CRM_EDATA "file:line: field:
 * reason" for bad input (the set unchanged); CRM_EUSAGE once reading
 * has begun. */
CRM_API int crm_series_add(crm_series_set *s, const crm_rec *r,
	crm_err *err);

/*
 * From the database: the set's key fields must be dimensions: product
 * (the sku), segment, category (of the product), region, channel, rep,
 * customer, plant (of the order).  A dimension that is NULL in the
 * database is the key value null, whatever null_keys says.
 */
struct crm_db;

typedef enum crm_series_source {
	/* qty of the order lines of sales (orders that are not drafts
	 * and not cancelled; the negative lines of returns count, as in
	 * crm_sales_read_db) on their order's order_date */
	CRM_SERIES_ORDERED,
	/* qty of the shipment lines of shipments delivered, on their
	 * delivered_on day */
	CRM_SERIES_DELIVERED
} crm_series_source;

/* Add the history of the database as transactions (only those in the
 * periods from to to).  CRM_EUSAGE for a key that is not a dimension
 * ("--by: ...") or a set of points; CRM_EDATA for a date in the
 * database that is not one. */
CRM_API int crm_series_read_db(crm_series_set *s, struct crm_db *db,
	crm_series_source src, crm_err *err);

typedef struct crm_series_counts {
	unsigned long taken;        /* records (rows) in the series */
	unsigned long before;       /* good, before the from: left out */
	unsigned long after;        /* good, after the to: left out */
} crm_series_counts;

/* The counts so far, borrowed from s. */
CRM_API const crm_series_counts *crm_series_counts_of(
	const crm_series_set *s);

/* The number of series (keys taken so far). */
CRM_API size_t crm_series_count(const crm_series_set *s);

/* One series, borrowed from the set until the next crm_series_next or
 * crm_series_free. */
typedef struct crm_series {
	const char *const *keys;    /* nkeys key values; NULL for null */
	size_t nkeys;
	const char *first;          /* the key of the first period ("" when
	                               n is 0) */
	const double *values;       /* n sums, in period order */
	size_t n;                   /* 0: the key never sold */
} crm_series;

/* The next series in key order (values compared byte by byte, null
 * first): CRM_OK, or CRM_END after the last.  The first call ends the
 * adding: crm_series_add and crm_series_read_db refuse afterwards. */
CRM_API int crm_series_next(crm_series_set *s, crm_series *out,
	crm_err *err);

/* Value i of the series handed out last as exact decimal text ("0.3",
 * "-12", trailing zeros dropped) into buf (CRM_SERIES_TEXTSZ bytes);
 * returns buf, or NULL when there is no such value. */
#define CRM_SERIES_TEXTSZ 64
CRM_API char *crm_series_text(const crm_series_set *s, size_t i,
	char *buf);

/* The key of the period step periods after the last period (0: the
 * last; value i of a series of n is at step i - n + 1, a forecast h
 * periods ahead at step h) into buf (CRM_DATE_BUFSZ bytes), by
 * crm_period_add.  The last period is the set's, or with own_ends that
 * of the series handed out last.  CRM_END when there is no last period
 * (no record and no to; own_ends: no series handed out); CRM_EDATA past
 * year 9999 or before year 1. */
CRM_API int crm_series_period(const crm_series_set *s, long step,
	char *buf, crm_err *err);

/* Whether each series ends with its own last record (own_ends). */
CRM_API int crm_series_own_ends(const crm_series_set *s);

#endif
