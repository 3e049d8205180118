/*
 * referral_internal.h - shared by the referral files of libcrm.
 */
#ifndef CRM_REFERRAL_INTERNAL_H
#define CRM_REFERRAL_INTERNAL_H

#include "internal.h"
#include "report_internal.h"

/* Append to b a SELECT of the sales, one row per order that counts as a
 * sale (crm_sales_condition): order_id, customer_id, currency, day (of
 * order_date) and amount (the sum of its lines, minor units), for a
 * WITH clause.  CRM_OK or CRM_EINTERNAL. */
int crm_referral_sales_sql(crm_buf *b);

#endif
