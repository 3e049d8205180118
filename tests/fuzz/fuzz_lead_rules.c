/*
 * fuzz_lead_rules.c - scoring rule files: any bytes either load (and
 * then score leads to 0..100 with a priority) or fail with CRM_ECONFIG
 * and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const leads[] = {
	"{}",
	"{\"name\":\"a\",\"intent\":\"buy\",\"estimated_value\":\"1e3\","
	    "\"source\":\"web\",\"created_at\":\"2026-11-01\",\"tier\":\"gold\"}",
	"{\"estimated_value\":999999999999,\"created_at\":"
	    "\"2020-02-29T12:00:00+14:00\",\"x\":[1],\"y\":null}",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	crm_lead_rules *rules;
	crm_rec *r;
	crm_err err;
	size_t i;
	int rc;

	path = fuzz_file("rules", data, size);
	rc = crm_lead_rules_load(path, &rules, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || rules != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	r = crm_rec_new();
	for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		const char *s;
		long score;

		if (crm_rec_parse(r, leads[i], strlen(leads[i]), &err) != CRM_OK)
			abort();
		rc = crm_lead_score(rules, r, 1795507200000LL, &err);
		if (rc == CRM_EDATA)
			continue;
		if (rc != CRM_OK || (s = crm_rec_get(r, "score")) == NULL)
			abort();
		score = strtol(s, NULL, 10);
		if (score < 0 || score > 100 || crm_rec_get(r, "priority") ==
		    NULL || crm_rec_find(r, "score_reasons") < 0)
			abort();
	}
	crm_rec_free(r);
	crm_lead_rules_free(rules);
	return 0;
}
