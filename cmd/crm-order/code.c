/* code.c - placeholder until its verbs land. */
#include "verbs.h"

const crm_verb crm_order_code_verbs[] = {
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
