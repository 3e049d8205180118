/*
 * crm-lead - leads from every source: scoring.
 */
#include "internal.h"
#include "crm-lead/verbs.h"

enum { OPT_RULES = 2000 };

struct scoring {
	crm_lead_rules *rules;
	crm_out *out;
	int64_t now;
};

static int
score_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct scoring *s = ctx;
	int rc = crm_lead_score(s->rules, rec, s->now, err);

	return rc == CRM_OK ? crm_out_write(s->out, rec, err) : rc;
}

static int
cmd_score(crm_cli *cli)
{
	struct scoring s = { NULL, NULL, 0 };
	int rc;

	if ((rc = crm_now(&s.now, crm_cli_err(cli))) != CRM_OK ||
	    (rc = crm_lead_rules_load(crm_cli_opt(cli, OPT_RULES), &s.rules,
	    crm_cli_err(cli))) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &s.out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, s.out, crm_cli_each(cli, NULL, score_one,
	    &s));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
out:
	crm_lead_rules_free(s.rules);
	return rc;
}

static const crm_opt score_opts[] = {
	{ "rules", OPT_RULES, "FILE", "scoring rules (default "
	    "share/crm/lead-scoring.json)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_verb lead_verbs[] = {
	{ "score", cmd_score, CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT,
	    score_opts, "[FILE ...]",
	    "score and rank leads by the scoring rules (a filter)" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

/* This file's verbs, then those of cmd/crm-lead/, in --help order. */
static const crm_verb *const verb_tables[] = {
	lead_verbs, crm_lead_route_verbs,
};

int
main(int argc, char **argv)
{
	crm_verb verbs[32];
	crm_prog prog = { "crm-lead", "Leads from every source: import, "
	    "score, route, follow up and convert them.", verbs };
	size_t t, i, n = 0;

	for (t = 0; t < ARRAY_LEN(verb_tables); t++)
		for (i = 0; verb_tables[t][i].name != NULL; i++)
			if (n + 1 < ARRAY_LEN(verbs))
				verbs[n++] = verb_tables[t][i];
	verbs[n] = (crm_verb){ NULL, NULL, 0, NULL, NULL, NULL };
	return crm_cli_main(&prog, argc, argv);
}
