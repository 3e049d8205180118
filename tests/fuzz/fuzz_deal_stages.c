/*
 * fuzz_deal_stages.c - deal stage rule files: any bytes either load (and
 * then hold one won and one lost stage, every name found again in any
 * case, and a pipeline that adds up) or fail with CRM_ECONFIG and a
 * message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every stage can be found by its name, and the outcomes are there. */
static void
check_stages(const crm_deal_stages *stages)
{
	size_t i, n = crm_deal_stages_count(stages);
	const crm_deal_stage *st;

	if (n == 0 || crm_deal_stage_outcome(stages, CRM_DEAL_WON) == NULL ||
	    crm_deal_stage_outcome(stages, CRM_DEAL_LOST) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		st = crm_deal_stage_at(stages, i);
		if (crm_deal_stage_find(stages, st->name) != st ||
		    st->probability < 0 || st->probability > 100 ||
		    crm_deal_forecast_rank(st->forecast_category) < 0)
			abort();
	}
}

/* One deal of 1.00 per stage: the total counts them all. */
static void
check_pipeline(const crm_deal_stages *stages)
{
	crm_deal_pipeline *p = NULL;
	crm_deal_amount d;
	crm_err err;
	size_t i;

	if (crm_deal_pipeline_new(stages, CRM_DEAL_BY_STAGE |
	    CRM_DEAL_BY_FORECAST | CRM_DEAL_BY_TOTAL, &p, &err) != CRM_OK)
		abort();
	memset(&d, 0, sizeof(d));
	d.currency = "EUR";
	d.amount = 100;
	d.has_amount = 1;
	for (i = 0; i < crm_deal_stages_count(stages); i++) {
		d.stage = crm_deal_stage_at(stages, i)->name;
		d.probability = crm_deal_stage_at(stages, i)->probability;
		if (crm_deal_pipeline_add(p, &d, &err) != CRM_OK)
			abort();
	}
	crm_deal_pipeline_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	crm_deal_stages *stages;
	crm_err err;
	int rc;

	path = fuzz_file("stages", data, size);
	rc = crm_deal_stages_load(path, &stages, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || stages != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	check_stages(stages);
	check_pipeline(stages);
	crm_deal_stages_free(stages);
	return 0;
}
