/*
 * fuzz_route_rules.c - routing rule files and response deadline files:
 * any bytes either load (then every match is a route or -1, and every
 * deadline positive) or fail with CRM_ECONFIG and a message.  One target
 * for both files: the same bytes are tried as each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const values[] = { NULL, "East", " east ", "web", "SUV",
	"" };

static void
check_rules(const char *path)
{
	crm_route_rules *rules;
	crm_err err;
	size_t i, j, k;
	long m;

	if (crm_route_rules_load(path, &rules, &err) != CRM_OK) {
		if (err.code != CRM_ECONFIG || rules != NULL ||
		    err.msg[0] == '\0')
			abort();
		return;
	}
	if (crm_route_count(rules) == 0)
		abort();
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (j = 0; j < sizeof(values) / sizeof(values[0]); j++)
			for (k = 0; k < sizeof(values) / sizeof(values[0]); k++) {
				m = crm_route_match(rules, values[i], values[j],
				    values[k]);
				if (m < -1 || m >= (long)crm_route_count(rules) ||
				    (m >= 0 && crm_route_team(rules,
				    (size_t)m) == NULL))
					abort();
			}
	crm_route_rules_free(rules);
}

static void
check_sla(const char *path)
{
	static const char *const prios[] = { NULL, "A", "B", "Z", "" };
	crm_route_sla *sla;
	crm_err err;
	size_t i;

	if (crm_route_sla_load(path, &sla, &err) != CRM_OK) {
		if (err.code != CRM_ECONFIG || sla != NULL || err.msg[0] == '\0')
			abort();
		return;
	}
	for (i = 0; i < sizeof(prios) / sizeof(prios[0]); i++)
		if (crm_route_sla_window(sla, prios[i]) <= 0)
			abort();
	crm_route_sla_free(sla);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;

	path = fuzz_file("route", data, size);
	check_rules(path);
	check_sla(path);
	return 0;
}
