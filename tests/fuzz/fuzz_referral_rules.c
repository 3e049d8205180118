/*
 * fuzz_referral_rules.c - referral rule files: any bytes either load
 * (and then every reward and rebate asked of them is zero or more, and
 * zero with no rule named where no rule covers the currency or kind) or
 * fail with CRM_ECONFIG and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const currencies[] = { "CNY", "JPY", "USD", "KWD" };
static const char *const kinds[] = { "agent", "referral", "dealer" };
static const int64_t revenues[] = {
	0, 1, -1, 99999, 100000, 100001, 123456789, -5000000,
	INT64_MAX / 1000, INT64_MIN / 1000
};

static void
check(const crm_referral_rules *rules)
{
	const char *rule;
	int64_t amount;
	crm_err err;
	size_t c, k, v;
	int rc;

	for (c = 0; c < sizeof(currencies) / sizeof(*currencies); c++)
		for (v = 0; v < sizeof(revenues) / sizeof(*revenues); v++) {
			rc = crm_referral_reward_upto(rules, currencies[c],
			    (int)(v & 1), revenues[v], &amount, &rule, &err);
			if (rc != CRM_OK && (rc != CRM_EDATA ||
			    err.msg[0] == '\0'))
				abort();
			if (rc == CRM_OK && (amount < 0 ||
			    (rule == NULL && amount != 0)))
				abort();
			if (crm_referral_reward_period_cap(rules,
			    currencies[c], revenues[v]) > revenues[v])
				abort();
			for (k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
				rc = crm_referral_rebate(rules, kinds[k],
				    currencies[c], revenues[v], &amount, &rule,
				    &err);
				if (rc != CRM_OK && (rc != CRM_EDATA ||
				    err.msg[0] == '\0'))
					abort();
				if (rc == CRM_OK && (amount < 0 ||
				    (revenues[v] <= 0 && amount != 0) ||
				    (rule == NULL && amount != 0)))
					abort();
			}
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_referral_rules *rules;
	crm_err err;
	int rc;

	rc = crm_referral_rules_load(fuzz_file("referral", data, size), &rules,
	    &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || rules != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	check(rules);
	crm_referral_rules_free(rules);
	return 0;
}
