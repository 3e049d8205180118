/*
 * fuzz_care_rules.c - customer tag rule files (crm-customer-tags(5)):
 * any bytes either load (then every rule has a valid tag, holds or not
 * for a few records without crashing, and the personas have tags) or
 * fail with CRM_ECONFIG and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const records[] = {
	"{\"customer_id\":\"C-1\",\"segment\":\"Champions\",\"r\":5,\"f\":4,"
	    "\"m\":3,\"monetary\":\"1234.50\",\"lapsed\":false}",
	"{\"id\":\"C-2\",\"r\":\"1\",\"monetary\":-0.5,\"segment\":null}",
	"{\"x\":[1,2],\"r\":1e3,\"lapsed\":\"true\"}",
};

static const char *const personas[] = { "loyal-dealer", "", "p" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("care-rules", data, size);
	const char *const *tags;
	crm_care_rules *rules;
	crm_rec *r;
	crm_err err;
	size_t i, j, n;
	int h;

	if (crm_care_rules_load(path, &rules, &err) != CRM_OK) {
		if (err.code != CRM_ECONFIG || rules != NULL ||
		    err.msg[0] == '\0')
			abort();
		return 0;
	}
	if ((r = crm_rec_new()) == NULL)
		abort();
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		if (crm_rec_parse(r, records[i], strlen(records[i]), &err) !=
		    CRM_OK)
			abort();
		for (j = 0; j < crm_care_rules_count(rules); j++) {
			if (crm_care_tag_check(crm_care_rules_tag(rules, j),
			    &err) != CRM_OK)
				abort();
			h = crm_care_rules_hold(rules, j, r);
			if (h != 0 && h != 1)
				abort();
		}
	}
	for (i = 0; i < sizeof(personas) / sizeof(personas[0]); i++)
		if (crm_care_persona(rules, personas[i], &tags, &n) == CRM_OK &&
		    n == 0)
			abort();
	crm_rec_free(r);
	crm_care_rules_free(rules);
	return 0;
}
