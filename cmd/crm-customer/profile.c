/*
 * profile.c - crm-customer's profile verbs.
 */
#include "crm/crm.h"
#include "verbs.h"

const crm_verb crm_customer_profile_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
