/*
 * care.c - crm-customer's care verbs.
 */
#include "crm/crm.h"
#include "verbs.h"

const crm_verb crm_customer_care_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
