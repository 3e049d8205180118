/*
 * verbs.h - the verbs of crm-lead kept in files of their own, beside
 * those of cmd/crm-lead.c; main() puts the tables together.
 */
#ifndef CRM_LEAD_VERBS_H
#define CRM_LEAD_VERBS_H

#include "internal.h"

/* Routing: reps import, assign, delegate, transfer, overdue (route.c). */
extern const crm_verb crm_lead_route_verbs[];

#endif
