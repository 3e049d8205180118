/*
 * crm-order - orders from the customer's words to APS, shipments,
 * invoices and payments.
 */
#include "internal.h"
#include "crm-order/verbs.h"

static const crm_verb order_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

/* This file's verbs, then those of cmd/crm-order/, in --help order. */
static const crm_verb *const verb_tables[] = {
	order_verbs, crm_order_code_verbs, crm_order_bill_verbs,
};

int
main(int argc, char **argv)
{
	crm_verb verbs[32];
	crm_prog prog = { "crm-order", "Orders from the customer's words to "
	    "APS, shipments, invoices and payments.", verbs };
	size_t t, i, n = 0;

	for (t = 0; t < ARRAY_LEN(verb_tables); t++)
		for (i = 0; verb_tables[t][i].name != NULL; i++)
			if (n + 1 < ARRAY_LEN(verbs))
				verbs[n++] = verb_tables[t][i];
	verbs[n] = (crm_verb){ NULL, NULL, 0, NULL, NULL, NULL };
	return crm_cli_main(&prog, argc, argv);
}
