/*
 * route.c - crm-lead verbs that route leads to reps: reps import and
 * list, assign, overdue, delegate, transfer.
 */
#include "verbs.h"

enum {
	OPT_COUNTRY = 3000, OPT_ROUTING, OPT_SLA, OPT_SOURCES, OPT_ALL,
	OPT_RECYCLE, OPT_ESCALATE, OPT_FROM, OPT_TO, OPT_UNTIL, OPT_FROM_DATE,
	OPT_END
};

static int
reps_import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_route_reps_import(ctx, rec, err);
}

static int
reps_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const char *country;
	crm_route_reps_importer *imp = NULL;
	const crm_route_reps_counts *c;
	crm_db *db = NULL;
	char extra[160];
	int64_t now;
	int rc;

	if ((rc = crm_cli_country_opt(cli, OPT_COUNTRY, NULL,
	    &country)) != CRM_OK)
		return rc;
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_route_reps_importer_new(db, country, now, &imp, err)) !=
	    CRM_OK || (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, reps_import_one, imp)) != CRM_OK ||
	    (rc = crm_route_reps_finish(imp, err)) != CRM_OK ||
	    (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	c = crm_route_reps_counts_of(imp);
	snprintf(extra, sizeof(extra), "new %lu, updated %lu, unchanged %lu, "
	    "teams created %lu", c->inserted, c->updated, c->unchanged,
	    c->teams_created);
	crm_cli_summary(cli, extra);
out:
	crm_route_reps_importer_free(imp);
	crm_db_close(db);
	return rc;
}

static int
reps_list(crm_cli *cli)
{
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "reps list takes no files");
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_route_reps_list(db, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

/* The options of "reps" that only one of import and list takes. */
static const struct {
	int key;
	const char *name;
	int for_import;
} reps_only[] = {
	{ CRM_OPT_INPUT_FORMAT, "-i", 1 }, { CRM_OPT_MAX_LINE, "--max-line", 1 },
	{ CRM_OPT_REJECT, "--reject", 1 }, { OPT_COUNTRY, "--country", 1 },
	{ CRM_OPT_OUTPUT, "-o", 0 }, { CRM_OPT_FORMAT, "-f", 0 },
	{ CRM_OPT_GZIP, "-z", 0 }, { CRM_OPT_FIELDS, "--fields", 0 },
};

/* "reps import [FILE ...]" or "reps list": the first operand picks. */
static int
cmd_reps(crm_cli *cli)
{
	const char *what = crm_cli_nargs(cli) > 0 ? crm_cli_arg(cli, 0) : "";
	int import = strcmp(what, "import") == 0;
	size_t i;

	if (!import && strcmp(what, "list") != 0)
		return crm_cli_usage_error(cli, "reps: import or list?");
	for (i = 0; i < ARRAY_LEN(reps_only); i++)
		if (reps_only[i].for_import != import &&
		    crm_cli_opt(cli, reps_only[i].key) != NULL)
			return crm_cli_usage_error(cli, "reps %s: %s is for reps "
			    "%s", what, reps_only[i].name, import ? "list" :
			    "import");
	crm_cli_shift(cli, 1);
	return import ? reps_import(cli) : reps_list(cli);
}

static const crm_opt reps_opts[] = {
	{ "country", OPT_COUNTRY, "CODE", "calling code for national phone "
	    "numbers, such as 86 (import)" },
	{ NULL, 0, NULL, NULL }
};

struct assigning {
	crm_route_assigner *assigner;
	crm_out *out;
};

static int
assign_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct assigning *as = ctx;
	int rc = crm_route_assign(as->assigner, rec, err);

	return rc == CRM_OK ? crm_out_write(as->out, rec, err) : rc;
}

/* A filter over the database: silent unless asked (-v) or unless it may
 * have set records aside (--reject). */
static void
assign_summary(crm_cli *cli, const crm_route_assign_counts *c)
{
	char extra[96];

	if (!crm_cli_verbose(cli) && crm_cli_opt(cli, CRM_OPT_REJECT) == NULL)
		return;
	snprintf(extra, sizeof(extra), "assigned %lu, kept %lu", c->assigned,
	    c->kept);
	crm_cli_summary(cli, extra);
}

static int
cmd_assign(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	int all = crm_cli_opt(cli, OPT_ALL) != NULL;
	crm_route_assign_opts opts = { NULL, NULL, NULL, 0, NULL };
	crm_route_rules *rules = NULL;
	crm_route_sla *sla = NULL;
	crm_lead_sources *sources = NULL;
	struct assigning as = { NULL, NULL };
	crm_db *db = NULL;
	int rc;

	if (all && (crm_cli_nargs(cli) > 0 ||
	    crm_cli_opt(cli, CRM_OPT_REJECT) != NULL))
		return crm_cli_usage_error(cli, "--all reads the database: no "
		    "files, no --reject");
	if ((rc = crm_now(&opts.now, err)) != CRM_OK ||
	    (rc = crm_route_rules_load(crm_cli_opt(cli, OPT_ROUTING), &rules,
	    err)) != CRM_OK ||
	    (rc = crm_route_sla_load(crm_cli_opt(cli, OPT_SLA), &sla, err)) !=
	    CRM_OK || (!all && (rc = crm_lead_sources_load(crm_cli_opt(cli,
	    OPT_SOURCES), &sources, err)) != CRM_OK))
		goto out;
	opts.rules = rules;
	opts.sla = sla;
	opts.sources = sources;
	opts.actor = crm_event_actor();
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK ||
	    (rc = crm_route_assigner_new(db, &opts, &as.assigner, err)) !=
	    CRM_OK || (rc = crm_cli_open_out(cli, &as.out)) != CRM_OK)
		goto out;
	if (all)
		rc = crm_route_assign_pending(as.assigner, as.out, err);
	else
		rc = crm_cli_each(cli, db, assign_one, &as);
	if (rc == CRM_OK)
		rc = crm_db_commit(db, err);
	rc = crm_cli_close_out(cli, as.out, rc);
	if (rc == CRM_OK)
		assign_summary(cli, crm_route_assign_counts_of(as.assigner));
out:
	crm_route_assigner_free(as.assigner);
	crm_db_close(db);
	crm_lead_sources_free(sources);
	crm_route_sla_free(sla);
	crm_route_rules_free(rules);
	return rc;
}

static const crm_opt assign_opts[] = {
	{ "routing", OPT_ROUTING, "FILE", "routing rules (default "
	    "share/crm/lead-routing.json)" },
	{ "sla", OPT_SLA, "FILE", "response deadlines (default "
	    "share/crm/lead-sla.json)" },
	{ "sources", OPT_SOURCES, "FILE", "source names and aliases (default "
	    "share/crm/lead-sources.json)" },
	{ "all", OPT_ALL, NULL, "assign every new and recycled lead in the "
	    "database instead of reading leads" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_overdue(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	int recycle = crm_cli_opt(cli, OPT_RECYCLE) != NULL;
	int escalate = crm_cli_opt(cli, OPT_ESCALATE) != NULL;
	crm_route_overdue_action action = recycle ?
	    CRM_ROUTE_OVERDUE_RECYCLE : escalate ?
	    CRM_ROUTE_OVERDUE_ESCALATE : CRM_ROUTE_OVERDUE_LIST;
	crm_route_overdue_counts counts;
	crm_route_sla *sla = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int64_t now;
	int rc;

	if (recycle && escalate)
		return crm_cli_usage_error(cli, "--recycle or --escalate, not "
		    "both");
	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "overdue takes no files");
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_route_sla_load(crm_cli_opt(cli, OPT_SLA), &sla, err)) !=
	    CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	rc = crm_route_overdue(db, sla, action, now, crm_event_actor(), out,
	    &counts, err);
	if (rc == CRM_OK)
		rc = crm_db_commit(db, err);
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_db_close(db);
	crm_route_sla_free(sla);
	return rc;
}

/* An instant, or a date: its start (or with end set, the start of the
 * next day, so that "--until 2026-11-30" covers the 30th). */
static int
instant_opt(crm_cli *cli, int key, const char *name, int end, int64_t *ms)
{
	const char *v = crm_cli_opt(cli, key);
	crm_err why;
	int32_t day;

	if (crm_date_parse(v, strlen(v), &day, &why) == CRM_OK) {
		*ms = ((int64_t)day + (end ? 1 : 0)) * 86400000;
		return CRM_OK;
	}
	if (crm_time_parse(v, strlen(v), ms, &why) == CRM_OK)
		return CRM_OK;
	return crm_cli_usage_error(cli, "--%s: not a date or an RFC 3339 "
	    "time: %s", name, v);
}

/* Open the database and the output, begin. */
static int
change_begin(crm_cli *cli, crm_db **db, crm_route_change *ch)
{
	crm_err *err = crm_cli_err(cli);
	int rc;

	*db = NULL;
	ch->out = NULL;
	ch->actor = crm_event_actor();
	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "no files, only options");
	if ((rc = crm_now(&ch->now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, db)) != CRM_OK ||
	    (rc = crm_db_begin(*db, err)) != CRM_OK)
		return rc;
	return crm_cli_open_out(cli, &ch->out);
}

/* Commit when rc is CRM_OK, close; returns the status. */
static int
change_end(crm_cli *cli, crm_db *db, crm_route_change *ch, int rc)
{
	if (rc == CRM_OK)
		rc = crm_db_commit(db, crm_cli_err(cli));
	rc = crm_cli_close_out(cli, ch->out, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_delegate(crm_cli *cli)
{
	const char *from = crm_cli_opt(cli, OPT_FROM);
	const char *to = crm_cli_opt(cli, OPT_TO);
	int end = crm_cli_opt(cli, OPT_END) != NULL;
	int64_t starts = 0, until = 0;
	crm_route_change ch;
	crm_db *db;
	int rc;

	if (from == NULL)
		return crm_cli_usage_error(cli, "--from REP is needed");
	if (end && (to != NULL || crm_cli_opt(cli, OPT_UNTIL) != NULL ||
	    crm_cli_opt(cli, OPT_FROM_DATE) != NULL))
		return crm_cli_usage_error(cli, "--end takes only --from");
	if (!end && (to == NULL || crm_cli_opt(cli, OPT_UNTIL) == NULL))
		return crm_cli_usage_error(cli, "--to REP and --until are "
		    "needed");
	if (!end && ((rc = instant_opt(cli, OPT_UNTIL, "until", 1, &until)) !=
	    CRM_OK || (crm_cli_opt(cli, OPT_FROM_DATE) != NULL &&
	    (rc = instant_opt(cli, OPT_FROM_DATE, "from-date", 0, &starts)) !=
	    CRM_OK)))
		return rc;
	if ((rc = change_begin(cli, &db, &ch)) == CRM_OK) {
		if (!end && crm_cli_opt(cli, OPT_FROM_DATE) == NULL)
			starts = ch.now;
		rc = end ? crm_route_delegate_end(db, from, &ch,
		    crm_cli_err(cli)) : crm_route_delegate(db, from, to, starts,
		    until, &ch, crm_cli_err(cli));
	}
	return change_end(cli, db, &ch, rc);
}

static int
cmd_transfer(crm_cli *cli)
{
	const char *from = crm_cli_opt(cli, OPT_FROM);
	const char *to = crm_cli_opt(cli, OPT_TO);
	crm_route_change ch;
	crm_db *db;
	int rc;

	if (from == NULL || to == NULL)
		return crm_cli_usage_error(cli, "--from REP and --to REP are "
		    "needed");
	if ((rc = change_begin(cli, &db, &ch)) == CRM_OK)
		rc = crm_route_transfer(db, from, to, &ch, crm_cli_err(cli));
	return change_end(cli, db, &ch, rc);
}

static const crm_opt overdue_opts[] = {
	{ "sla", OPT_SLA, "FILE", "response deadlines (default "
	    "share/crm/lead-sla.json)" },
	{ "recycle", OPT_RECYCLE, NULL, "send overdue leads back to the "
	    "pool (status recycled)" },
	{ "escalate", OPT_ESCALATE, NULL, "hand overdue leads to their "
	    "team's lead rep" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt delegate_opts[] = {
	{ "from", OPT_FROM, "REP", "the rep who is away" },
	{ "to", OPT_TO, "REP", "the rep who stands in" },
	{ "until", OPT_UNTIL, "WHEN", "the end: an RFC 3339 time, or a date "
	    "(to its end)" },
	{ "from-date", OPT_FROM_DATE, "WHEN", "the start (default now)" },
	{ "end", OPT_END, NULL, "the rep is back: end the delegation, hand "
	    "the leads back" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt transfer_opts[] = {
	{ "from", OPT_FROM, "REP", "the rep who leaves" },
	{ "to", OPT_TO, "REP", "the rep who takes over" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_lead_route_verbs[] = {
	{ "reps", cmd_reps, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, reps_opts, "import|list [FILE ...]",
	    "import reps and teams (upsert on id), or list them" },
	{ "assign", cmd_assign, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, assign_opts, "[FILE ...]",
	    "route leads to reps by ownership, team and capacity" },
	{ "overdue", cmd_overdue, CRM_CLI_DB | CRM_CLI_OUTPUT, overdue_opts,
	    NULL, "leads past their response deadline; recycle or escalate" },
	{ "delegate", cmd_delegate, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    delegate_opts, NULL, "a rep away: another stands in until a date" },
	{ "transfer", cmd_transfer, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    transfer_opts, NULL, "a rep leaves: open leads and customers move "
	    "for good" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
