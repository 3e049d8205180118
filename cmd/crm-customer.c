/*
 * crm-customer - one profile per customer across every channel: import,
 * show, match and merge, tag and segment, campaigns, referrals.
 */
#include "crm/crm.h"
#include "crm-customer/verbs.h"

/* The tables of cmd/crm-customer/, in --help order. */
static const crm_verb *const verb_tables[] = {
	crm_customer_profile_verbs, crm_customer_identity_verbs,
	crm_customer_care_verbs, crm_customer_referral_verbs,
};

int
main(int argc, char **argv)
{
	crm_verb verbs[48];
	crm_prog prog = { "crm-customer", "One profile per customer across "
	    "every channel: import, match and merge, tag, segment and "
	    "care.", verbs };
	size_t t, i, n = 0;

	for (t = 0; t < ARRAY_LEN(verb_tables); t++)
		for (i = 0; verb_tables[t][i].name != NULL; i++)
			if (n + 1 < ARRAY_LEN(verbs))
				verbs[n++] = verb_tables[t][i];
	verbs[n] = (crm_verb){ NULL, NULL, 0, NULL, NULL, NULL };
	return crm_cli_main(&prog, argc, argv);
}
