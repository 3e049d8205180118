/*
 * referral.c - crm-customer's referral and partner verbs.
 */
#include "crm/crm.h"
#include "verbs.h"

const crm_verb crm_customer_referral_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
