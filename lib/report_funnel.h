/*
 * report_funnel.h - shared by the funnel and effectiveness reports of
 * libcrm (report_funnel.c, report_effect.c).
 */
#ifndef CRM_REPORT_FUNNEL_H
#define CRM_REPORT_FUNNEL_H

#include "crm/report.h"

/* The group of records that have none: no owner, team or region. */
#define FUNNEL_NONE "(none)"

/* Into buf (sz bytes): what, the range of q ("2026-01-01 to
 * 2026-06-30", "at any date") and ", by BY" when q groups. */
void crm_funnel_subtitle(const crm_funnel_query *q, const char *what,
	char *buf, size_t sz);

#endif
