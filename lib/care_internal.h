/*
 * care_internal.h - shared by the files of the care module (tags,
 * segments, campaigns, opt-outs).
 */
#ifndef CRM_CARE_INTERNAL_H
#define CRM_CARE_INTERNAL_H

#include "internal.h"

/* Compare the decimal numbers a and b written as plain JSON numbers or
 * strings of them ("-12.50", "3"; no exponent): *cmp gets -1, 0 or 1.
 * -1 when either is not such a number. */
int crm_care_dec_cmp(const char *a, const char *b, int *cmp);

/* Each customer of the segment, in id order, as the record that
 * crm_care_segment_write writes; fn returns CRM_OK to go on. */
typedef int (*crm_care_customer_fn)(void *ctx, const crm_rec *cust,
	crm_err *err);
int crm_care_segment_each(crm_db *db, const crm_care_segment *seg,
	crm_care_customer_fn fn, void *ctx, crm_err *err);

#endif
