/*
 * route.c - crm-lead verbs that route leads to reps: reps import, assign,
 * delegate, transfer, overdue.
 */
#include "verbs.h"

const crm_verb crm_lead_route_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
