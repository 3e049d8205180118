/*
 * crm-lead - leads from every source: scoring.
 */
#include "internal.h"
#include "crm-lead/verbs.h"

enum {
	OPT_RULES = 2000, OPT_SOURCES, OPT_COUNTRY, OPT_CURRENCY, OPT_STATUS,
	OPT_NOTE, OPT_AT, OPT_OWNER, OPT_TEAM, OPT_SOURCE, OPT_PRIORITY,
	OPT_CREATED_FROM, OPT_CREATED_TO, OPT_DUPLICATES, OPT_NO_DUPLICATES,
	OPT_CUSTOMER, OPT_CUSTOMER_ID, OPT_DEAL_ID, OPT_PRODUCT, OPT_AMOUNT,
	OPT_STAGES
};

/* The columns of a listed lead in the tabular formats, unless --fields
 * says otherwise: leads differ in the fields their sources gave. */
static const char *const list_columns[] = {
	"id", "status", "priority", "score", "name", "company", "email",
	"phone", "region", "product", "owner_rep_id", "due_at", "created_at",
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

	opts.currency = crm_cli_opt(cli, OPT_CURRENCY);
	if ((rc = crm_cli_country_opt(cli, OPT_COUNTRY, NULL,
	    &opts.country)) != CRM_OK)
		return rc;
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

/* --at as given, or now; checked as the command line it is. */
static int
when(crm_cli *cli, char *at)
{
	const char *given = crm_cli_opt(cli, OPT_AT);
	crm_err why;
	int64_t ms;
	int rc;

	if (given == NULL) {
		if ((rc = crm_now(&ms, crm_cli_err(cli))) != CRM_OK)
			return rc;
	} else if (crm_time_parse(given, strlen(given), &ms, &why) != CRM_OK) {
		return crm_cli_usage_error(cli, "--at: %s: %s", why.msg, given);
	}
	crm_time_format(ms, at);
	return CRM_OK;
}

static int
cmd_update(crm_cli *cli)
{
	const char *to = crm_cli_opt(cli, OPT_STATUS);
	crm_lead_change ch;
	crm_db *db = NULL;
	char at[40];
	int rc, i;

	if (to == NULL || crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "update takes --status and one "
		    "or more lead IDs");
	if (strcmp(to, "assigned") == 0 || strcmp(to, "converted") == 0 ||
	    strcmp(to, "new") == 0)
		return crm_cli_usage_error(cli, "--status %s: leads are %s by "
		    "crm-lead %s", to, to, strcmp(to, "converted") == 0 ?
		    "convert" : strcmp(to, "new") == 0 ? "import" : "assign");
	if (!crm_lead_status_known(to))
		return crm_cli_usage_error(cli, "--status: not a status: %s "
		    "(contacted, qualified, disqualified, recycled)", to);
	if ((rc = when(cli, at)) != CRM_OK)
		return rc;
	ch = (crm_lead_change){ at, crm_event_actor(),
	    crm_cli_opt(cli, OPT_NOTE) };
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_lead_move(db, crm_cli_arg(cli, i), to, &ch,
		    crm_cli_err(cli));
	rc = crm_db_end(db, rc, crm_cli_err(cli));
out:
	crm_db_close(db);
	return rc;
}

static int
cmd_list(crm_cli *cli)
{
	crm_lead_sources *sources = NULL;
	crm_lead_filter f;
	crm_out *out = NULL;
	crm_db *db = NULL;
	const char *src;
	int rc;

	memset(&f, 0, sizeof(f));
	f.status = crm_cli_opt(cli, OPT_STATUS);
	f.owner = crm_cli_opt(cli, OPT_OWNER);
	f.team = crm_cli_opt(cli, OPT_TEAM);
	f.priority = crm_cli_opt(cli, OPT_PRIORITY);
	f.created_from = crm_cli_opt(cli, OPT_CREATED_FROM);
	f.created_to = crm_cli_opt(cli, OPT_CREATED_TO);
	f.duplicates = crm_cli_opt(cli, OPT_DUPLICATES) != NULL ? 1 :
	    crm_cli_opt(cli, OPT_NO_DUPLICATES) != NULL ? -1 : 0;
	if (f.status != NULL && !crm_lead_status_known(f.status))
		return crm_cli_usage_error(cli, "--status: not a status: %s "
		    "(%s)", f.status, CRM_LEAD_STATUSES);
	if ((src = crm_cli_opt(cli, OPT_SOURCE)) != NULL) {
		if ((rc = crm_lead_sources_load(crm_cli_opt(cli, OPT_SOURCES),
		    &sources, crm_cli_err(cli))) != CRM_OK)
			return rc;
		if ((f.source = crm_lead_source(sources, src, strlen(src))) ==
		    NULL) {
			rc = crm_cli_usage_error(cli, "--source: unknown "
			    "source: %s", src);
			goto out;
		}
	}
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, list_columns,
	    ARRAY_LEN(list_columns), &out)) != CRM_OK)
		goto out;
	rc = crm_lead_list(db, &f, out, crm_cli_err(cli));
	if (rc == CRM_EUSAGE)
		rc = crm_cli_usage_error(cli, "%s", crm_cli_err(cli)->msg);
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_db_close(db);
	crm_lead_sources_free(sources);
	return rc;
}

static int
cmd_show(crm_cli *cli)
{
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc, i;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "show takes one or more lead "
		    "IDs");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_lead_show(db, crm_cli_arg(cli, i), out,
		    crm_cli_err(cli));
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_db_close(db);
	return rc;
}

static const char *const sources_columns[] = {
	"source", "channel", "leads", "contacted", "qualified", "converted",
	"conversion_rate", "median_first_contact_minutes",
};

static int
cmd_sources(crm_cli *cli)
{
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, sources_columns,
	    ARRAY_LEN(sources_columns), &out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, out, crm_lead_sources_report(db, out,
	    crm_cli_err(cli)));
out:
	crm_db_close(db);
	return rc;
}

static int
cmd_convert(crm_cli *cli)
{
	crm_deal_stages *stages = NULL;
	crm_lead_conversion conv;
	crm_out *out = NULL;
	crm_db *db = NULL;
	char at[40];
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "convert takes one lead ID");
	if ((rc = when(cli, at)) != CRM_OK)
		return rc;
	conv = (crm_lead_conversion){ crm_cli_opt(cli, OPT_CUSTOMER),
	    crm_cli_opt(cli, OPT_CUSTOMER_ID), crm_cli_opt(cli, OPT_DEAL_ID),
	    crm_cli_opt(cli, OPT_PRODUCT), crm_cli_opt(cli, OPT_AMOUNT),
	    crm_cli_opt(cli, OPT_CURRENCY), at, crm_event_actor(),
	    crm_cli_opt(cli, OPT_NOTE) };
	if ((rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    crm_cli_err(cli))) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	rc = crm_db_end(db, crm_lead_convert(db, stages,
	    crm_cli_arg(cli, 0), &conv, out, crm_cli_err(cli)),
	    crm_cli_err(cli));
	if (rc != CRM_OK) {
		crm_out_abort(out);
		out = NULL;
	}
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

#define SOURCES_OPT { "sources", OPT_SOURCES, "FILE", "source names and " \
	"aliases (default share/crm/lead-sources.json)" }
#define NOTE_OPT { "note", OPT_NOTE, "TEXT", "why, kept with the change " \
	"(the reason when disqualifying)" }
#define AT_OPT { "at", OPT_AT, "INSTANT", "when it happened (RFC 3339; " \
	"default now)" }

static const crm_opt update_opts[] = {
	{ "status", OPT_STATUS, "STATUS", "the new status: contacted, "
	    "qualified, disqualified or recycled" },
	NOTE_OPT,
	AT_OPT,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt list_opts[] = {
	{ "status", OPT_STATUS, "STATUS", "leads in this status" },
	{ "owner", OPT_OWNER, "REP", "leads of this rep" },
	{ "team", OPT_TEAM, "TEAM", "leads of this team" },
	{ "source", OPT_SOURCE, "SOURCE", "leads from this source (or an "
	    "alias of it)" },
	{ "priority", OPT_PRIORITY, "P", "leads of this priority (A to D)" },
	{ "created-from", OPT_CREATED_FROM, "DATE", "created on or after" },
	{ "created-to", OPT_CREATED_TO, "DATE", "created on or before" },
	{ "duplicates", OPT_DUPLICATES, NULL, "duplicates only" },
	{ "no-duplicates", OPT_NO_DUPLICATES, NULL, "no duplicates" },
	SOURCES_OPT,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt convert_opts[] = {
	{ "customer", OPT_CUSTOMER, "ID", "join this existing customer" },
	{ "customer-id", OPT_CUSTOMER_ID, "ID", "id of a new customer "
	    "(default the lead's)" },
	{ "deal-id", OPT_DEAL_ID, "ID", "id of the deal (default the "
	    "lead's)" },
	{ "product", OPT_PRODUCT, "TEXT", "the deal's product (default the "
	    "lead's)" },
	{ "amount", OPT_AMOUNT, "AMOUNT", "the deal's amount (default the "
	    "lead's estimated_value)" },
	{ "currency", OPT_CURRENCY, "CODE", "the amount's currency (default "
	    "the lead's)" },
	{ "stages", OPT_STAGES, "FILE", "deal stage rules (default "
	    "share/crm/deal-stages.json)" },
	NOTE_OPT,
	AT_OPT,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt import_opts[] = {
	SOURCES_OPT,
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
	{ "update", cmd_update, CRM_CLI_DB, update_opts, "ID ...",
	    "move leads on in their lifecycle, with an event" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, list_opts, NULL,
	    "list leads, oldest first" },
	{ "show", cmd_show, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, "ID ...",
	    "show leads with their history" },
	{ "sources", cmd_sources, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, NULL,
	    "leads, qualified, converted and time to first contact per "
	    "source and channel" },
	{ "convert", cmd_convert, CRM_CLI_DB | CRM_CLI_OUTPUT, convert_opts,
	    "ID", "turn a qualified lead into a customer and a deal" },
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
