/*
 * crm/lead.h - leads: scoring.
 *
 * A scoring rule file (crm-lead-scoring(5); the default is
 * share/crm/lead-scoring.json) lists weighted criteria whose points add
 * up to 100, and the score thresholds of the priorities A, B, C, D.
 * Scoring adds to a lead record "score" (0-100), "priority" and
 * "score_reasons" (each criterion with its points, its maximum and why),
 * and leaves every other field as it was.
 */
#ifndef CRM_LEAD_H
#define CRM_LEAD_H

#include <stdint.h>

#include "err.h"
#include "rec.h"

typedef struct crm_lead_rules crm_lead_rules;

/* Load and validate a scoring rule file; path NULL is the default
 * lead-scoring.json of crm_conf_share_dir().  CRM_ECONFIG naming the file
 * and the place in it for anything wrong.  Free with
 * crm_lead_rules_free(); crm_lead_rules_free(NULL) does nothing. */
CRM_API int crm_lead_rules_load(const char *path, crm_lead_rules **rules,
	crm_err *err);
CRM_API void crm_lead_rules_free(crm_lead_rules *rules);

/* Score lead as of the instant now (milliseconds, for recency).  Adds or
 * replaces score, priority and score_reasons.  CRM_EDATA naming the
 * record's place for a value a criterion cannot read (an amount that is
 * not a number, a date that is not a date). */
CRM_API int crm_lead_score(const crm_lead_rules *rules, crm_rec *lead,
	int64_t now, crm_err *err);

#endif
