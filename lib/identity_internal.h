/*
 * identity_internal.h - shared by the identity_*.c files of libcrm.
 */
#ifndef CRM_IDENTITY_INTERNAL_H
#define CRM_IDENTITY_INTERNAL_H

#include "crm/identity.h"

/* crm_identity_score_pair's confidence alone, without the evidence. */
int crm_identity_confidence(const crm_identity_keys *a,
	const crm_identity_keys *b);

#endif
