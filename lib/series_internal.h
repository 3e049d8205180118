/*
 * series_internal.h - shared by the files of the series module
 * (series.c: the set; series_db.c: the database's history).
 */
#ifndef CRM_SERIES_INTERNAL_H
#define CRM_SERIES_INTERNAL_H

#include "crm/series.h"
#include "report_internal.h"

/* The key fields of s, borrowed. */
const char *const *crm_series_key_fields(const crm_series_set *s,
	size_t *n);

/* The shape of s's records. */
crm_series_shape crm_series_shape_of(const crm_series_set *s);

/* The days the history asked for covers: from *first (the first day of
 * the from's period) to before *after (the day after the to's period);
 * *has_first and *has_after 0 when open.  For the bounds of a query. */
void crm_series_days(const crm_series_set *s, int *has_first,
	int32_t *first, int *has_after, int32_t *after);

/* Add d to key vals[0..nkeys) (NULL: null) in the period holding day,
 * as a transaction, as crm_series_add does for a record (left out and
 * counted outside from..to).  CRM_EDATA "the sum is out of range" with
 * no place; CRM_EUSAGE once reading has begun. */
int crm_series_put(crm_series_set *s, const char *const *vals, int32_t day,
	dec d, crm_err *err);

#endif
