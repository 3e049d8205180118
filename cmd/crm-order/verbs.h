/*
 * verbs.h - the verbs of crm-order kept in files of their own, beside
 * those of cmd/crm-order.c; main() puts the tables together.
 */
#ifndef CRM_ORDER_VERBS_H
#define CRM_ORDER_VERBS_H

#include "internal.h"

/* Order codes: encode, decode (code.c). */
extern const crm_verb crm_order_code_verbs[];

/* Money: invoice, pay, receivables (bill.c). */
extern const crm_verb crm_order_bill_verbs[];

#endif
