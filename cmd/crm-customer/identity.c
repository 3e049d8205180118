/*
 * identity.c - crm-customer's identity verbs.
 */
#include "crm/crm.h"
#include "verbs.h"

const crm_verb crm_customer_identity_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
