/*
 * internal.h - shared by the files of libcrm and its programs; not
 * installed.
 */
#ifndef CRM_INTERNAL_H
#define CRM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The orders o that are sales: every status but draft and cancelled
 * (lib/order_state.c), returns (negative lines) included. */
#define CRM_SALE_SQL "o.status NOT IN ('draft', 'cancelled')"

/* The value tier of customer c: its stored tier, else from its sales of
 * the 365 days after day (an SQL expression, such as a parameter "?2":
 * the day a year before today): "A" six or more, "B" two to five, "C"
 * one; "lapsed" with sales but none then; "prospect" with none at all. */
#define CRM_TIER_SQL(day) \
	"coalesce(c.tier, (SELECT CASE WHEN count(*) = 0 THEN 'prospect'" \
	" WHEN coalesce(sum(o.order_date > " day "), 0) = 0 THEN 'lapsed'" \
	" WHEN sum(o.order_date > " day ") >= 6 THEN 'A'" \
	" WHEN sum(o.order_date > " day ") >= 2 THEN 'B' ELSE 'C' END" \
	" FROM orders o WHERE o.customer_id = c.id AND " CRM_SALE_SQL "))"
/* The day for CRM_TIER_SQL at instant now (ms): a year before today. */
void crm_tier_since(int64_t now, char out[CRM_DATE_BUFSZ]);

/* Make room in the array *arr (arr is the address of the pointer) of
 * *cap elements of sz bytes for element n: doubled, from 16, when full.
 * CRM_OK, or CRM_EINTERNAL out of memory (the array left as it was). */
int crm_array_grow(void *arr, size_t *cap, size_t n, size_t sz,
	crm_err *err);

#include "banned.h"

#endif
