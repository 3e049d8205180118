/*
 * crm-lead - leads from every source: scoring.
 */
#include "internal.h"
#include "crm-lead/verbs.h"

enum {
	OPT_RULES = 2000, OPT_SOURCES, OPT_COUNTRY, OPT_CURRENCY
};

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

static int
import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_lead_import(ctx, rec, err);
}

/* "new N, updated U, unchanged K, duplicates D (of leads L, of customers
 * C)" after the counts of records. */
static void
import_summary(crm_cli *cli, const crm_lead_import_counts *c)
{
	char extra[256];

	snprintf(extra, sizeof(extra), "new %lu, updated %lu, unchanged %lu, "
	    "duplicates %lu (of leads %lu, of customers %lu)", c->inserted,
	    c->updated, c->unchanged, c->dup_leads + c->dup_customers,
	    c->dup_leads, c->dup_customers);
	crm_cli_summary(cli, extra);
}

static int
cmd_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_lead_import_opts opts = { NULL, NULL, NULL, 0 };
	crm_lead_sources *sources = NULL;
	crm_lead_importer *imp = NULL;
	crm_db *db = NULL;
	int rc;

	opts.country = crm_cli_opt(cli, OPT_COUNTRY);
	opts.currency = crm_cli_opt(cli, OPT_CURRENCY);
	if (opts.country != NULL && (*opts.country == '\0' ||
	    strspn(opts.country, "0123456789") != strlen(opts.country) ||
	    strlen(opts.country) > 3))
		return crm_cli_usage_error(cli, "--country: not a country "
		    "calling code (1 to 3 digits, such as 86 or 1): %s",
		    opts.country);
	if ((rc = crm_now(&opts.now, err)) != CRM_OK ||
	    (rc = crm_lead_sources_load(crm_cli_opt(cli, OPT_SOURCES),
	    &sources, err)) != CRM_OK)
		goto out;
	opts.sources = sources;
	if ((rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_lead_importer_new(db, &opts, &imp, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, import_one, imp)) == CRM_OK &&
	    (rc = crm_db_commit(db, err)) == CRM_OK)
		import_summary(cli, crm_lead_import_counts_of(imp));
out:
	crm_lead_importer_free(imp);
	crm_db_close(db);
	crm_lead_sources_free(sources);
	return rc;
}

static const crm_opt import_opts[] = {
	{ "sources", OPT_SOURCES, "FILE", "source names and aliases (default "
	    "share/crm/lead-sources.json)" },
	{ "country", OPT_COUNTRY, "CODE", "calling code for national phone "
	    "numbers, such as 86" },
	{ "currency", OPT_CURRENCY, "CODE", "currency of estimated_value "
	    "when a record has none" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt score_opts[] = {
	{ "rules", OPT_RULES, "FILE", "scoring rules (default "
	    "share/crm/lead-scoring.json)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_verb lead_verbs[] = {
	{ "import", cmd_import, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    import_opts, "[FILE ...]",
	    "check, normalise and store leads; find duplicates" },
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
