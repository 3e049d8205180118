/*
 * verbs.h - the verbs of crm-customer, one table per file of
 * cmd/crm-customer/; main() in cmd/crm-customer.c puts them together.
 */
#ifndef CRM_CUSTOMER_VERBS_H
#define CRM_CUSTOMER_VERBS_H

#include "internal.h"

/* Profiles: import, list, show, assign, transfer (profile.c). */
extern const crm_verb crm_customer_profile_verbs[];

/* Identity resolution: match, merge, unmerge (identity.c). */
extern const crm_verb crm_customer_identity_verbs[];

/* Tags, segments, campaigns and opt-outs (care.c). */
extern const crm_verb crm_customer_care_verbs[];

/* Referrals, partners, rewards and rebates (referral.c). */
extern const crm_verb crm_customer_referral_verbs[];

#endif
