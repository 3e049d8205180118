/*
 * crm-activity - the rep's workbench: activities, the agenda, visit
 * frequency and the contacts directory.
 */
#include "internal.h"

enum {
	OPT_ID = 2000, OPT_KIND, OPT_CUSTOMER, OPT_DEAL, OPT_REP, OPT_CONTACT,
	OPT_AT, OPT_OUTCOME, OPT_NOTE, OPT_SUBJECT, OPT_CHANNEL, OPT_TEAM,
	OPT_FROM, OPT_TO, OPT_PLANNED, OPT_DONE, OPT_DAY, OPT_WEEK, OPT_MONTH,
	OPT_DATE, OPT_TZ, OPT_WEEK_START, OPT_STALE_DAYS, OPT_PLAN, OPT_BY,
	OPT_PERIOD, OPT_KINDS, OPT_CURRENCY, OPT_STAGES, OPT_UNIT,
	OPT_SERVICE_ON, OPT_SERVICE_LOOKBACK
};

static const char *const activity_columns[] = {
	"id", "kind", "state", "customer_id", "deal_id", "contact_id",
	"lead_id", "rep_id", "campaign_id", "channel", "subject",
	"planned_at", "done_at", "outcome", "note", "unit", "service_on",
	"created_at", "updated_at", "merged_from",
};

/* A query verb's database, read only, and its output with columns. */
static int
open_query(crm_cli *cli, const char *const *cols, size_t n, crm_db **db,
    crm_out **out)
{
	int rc = crm_cli_open_db(cli, CRM_DB_READONLY, db);

	return rc != CRM_OK ? rc : crm_cli_open_out_columns(cli, cols, n,
	    out);
}

/* The end of a query verb: a usage error the library found gets the
 * verb's usage line; the output is closed. */
static int
end_query(crm_cli *cli, crm_out *out, int rc)
{
	if (rc == CRM_EUSAGE)
		rc = crm_cli_usage_error(cli, "%s", crm_cli_err(cli)->msg);
	return crm_cli_close_out(cli, out, rc);
}

/* --at as given (checked), or now when allowed. */
static int
when(crm_cli *cli, int required, char *at)
{
	const char *given = crm_cli_opt(cli, OPT_AT);
	crm_err why;
	int64_t ms;
	int rc;

	if (given == NULL) {
		if (required)
			return crm_cli_usage_error(cli, "--at: missing (when "
			    "the activity is planned)");
		if ((rc = crm_now(&ms, crm_cli_err(cli))) != CRM_OK)
			return rc;
	} else if (crm_time_parse(given, strlen(given), &ms, &why) != CRM_OK) {
		return crm_cli_usage_error(cli, "--at: %s: %s", why.msg, given);
	}
	crm_time_format(ms, at);
	return CRM_OK;
}

static int
set_opt(crm_cli *cli, crm_rec *r, const char *key, int opt)
{
	const char *v = crm_cli_opt(cli, opt);

	return v != NULL ? crm_rec_set_str(r, key, v, strlen(v),
	    crm_cli_err(cli)) : CRM_OK;
}

/* log and plan: the options as one activity record, put like an import
 * (an existing --id is refused: import or done change activities). */
static int
put_one(crm_cli *cli, const char *time_key, int required)
{
	crm_err *err = crm_cli_err(cli);
	crm_activity_writer *w = NULL;
	const char *id = crm_cli_opt(cli, OPT_ID);
	crm_out *out = NULL;
	crm_db *db = NULL;
	crm_rec *r = NULL;
	char at[CRM_DATE_BUFSZ];
	const char *service_on;
	sqlite3_stmt *st;
	int64_t now;
	int rc, found;

	if (crm_cli_opt(cli, OPT_KIND) == NULL)
		return crm_cli_usage_error(cli, "--kind: missing (%s)",
		    CRM_ACTIVITY_KINDS);
	if (!crm_activity_kind_known(crm_cli_opt(cli, OPT_KIND)))
		return crm_cli_usage_error(cli, "--kind: not a kind: %s (%s)",
		    crm_cli_opt(cli, OPT_KIND), CRM_ACTIVITY_KINDS);
	if (crm_cli_opt(cli, OPT_CUSTOMER) == NULL &&
	    crm_cli_opt(cli, OPT_DEAL) == NULL)
		return crm_cli_usage_error(cli, "--customer or --deal: "
		    "missing");
	if ((rc = when(cli, required, at)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_SERVICE_ON, &service_on)) !=
	    CRM_OK)
		return rc;
	if (service_on != NULL && crm_cli_opt(cli, OPT_UNIT) == NULL)
		return crm_cli_usage_error(cli, "--service-on: needs --unit");
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = set_opt(cli, r, "id", OPT_ID)) != CRM_OK ||
	    (rc = set_opt(cli, r, "kind", OPT_KIND)) != CRM_OK ||
	    (rc = set_opt(cli, r, "customer_id", OPT_CUSTOMER)) != CRM_OK ||
	    (rc = set_opt(cli, r, "deal_id", OPT_DEAL)) != CRM_OK ||
	    (rc = set_opt(cli, r, "contact_id", OPT_CONTACT)) != CRM_OK ||
	    (rc = set_opt(cli, r, "rep_id", OPT_REP)) != CRM_OK ||
	    (rc = set_opt(cli, r, "channel", OPT_CHANNEL)) != CRM_OK ||
	    (rc = set_opt(cli, r, "subject", OPT_SUBJECT)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, time_key, at, strlen(at), err)) !=
	    CRM_OK ||
	    (rc = set_opt(cli, r, "outcome", OPT_OUTCOME)) != CRM_OK ||
	    (rc = set_opt(cli, r, "note", OPT_NOTE)) != CRM_OK ||
	    (rc = set_opt(cli, r, "unit", OPT_UNIT)) != CRM_OK ||
	    (rc = set_opt(cli, r, "service_on", OPT_SERVICE_ON)) != CRM_OK)
		goto out;
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_activity_writer_new(db, now, &w, err)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, activity_columns,
	    ARRAY_LEN(activity_columns), &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if (id != NULL) {
		if ((rc = crm_db_stmt(db, "SELECT 1 FROM activities WHERE"
		    " id = ?1", &st, err)) != CRM_OK)
			goto out;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		if ((rc = crm_db_found(db, st, "activities", &found, err)) !=
		    CRM_OK)
			goto out;
		if (found) {
			rc = crm_err_set(err, CRM_EDATA, "id: activity %s "
			    "exists (crm-activity done or import change it)",
			    id);
			goto out;
		}
	}
	rc = crm_db_end(db, crm_activity_put(w, r, out, err), err);
out:
	if (rc != CRM_OK) {
		crm_out_abort(out);
		out = NULL;
	}
	rc = crm_cli_close_out(cli, out, rc);
	crm_activity_writer_free(w);
	crm_db_close(db);
	crm_rec_free(r);
	return rc;
}

static int
cmd_log(crm_cli *cli)
{
	return put_one(cli, "done_at", 0);
}

static int
cmd_plan(crm_cli *cli)
{
	return put_one(cli, "planned_at", 1);
}

static int
cmd_done(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_activity_writer *w = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	char at[CRM_DATE_BUFSZ];
	int64_t now;
	int rc, i;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "done takes one or more "
		    "activity IDs");
	if ((rc = when(cli, 0, at)) != CRM_OK)
		return rc;
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_activity_writer_new(db, now, &w, err)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, activity_columns,
	    ARRAY_LEN(activity_columns), &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_activity_done(w, crm_cli_arg(cli, i), at,
		    crm_cli_opt(cli, OPT_OUTCOME), crm_cli_opt(cli, OPT_NOTE),
		    out, err);
	rc = crm_db_end(db, rc, err);
out:
	if (rc != CRM_OK) {
		crm_out_abort(out);
		out = NULL;
	}
	rc = crm_cli_close_out(cli, out, rc);
	crm_activity_writer_free(w);
	crm_db_close(db);
	return rc;
}

static int
import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_activity_put(ctx, rec, NULL, err);
}

static int
cmd_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_activity_writer *w = NULL;
	const crm_activity_counts *c;
	crm_db *db = NULL;
	char extra[160];
	int64_t now;
	int rc;

	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_activity_writer_new(db, now, &w, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, import_one, w)) != CRM_OK ||
	    (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	c = crm_activity_counts_of(w);
	snprintf(extra, sizeof(extra), "new %lu, updated %lu, unchanged %lu, "
	    "redirected from merged customers %lu", c->inserted, c->updated,
	    c->unchanged, c->redirected);
	crm_cli_summary(cli, extra);
out:
	crm_activity_writer_free(w);
	crm_db_close(db);
	return rc;
}

static int
cmd_list(crm_cli *cli)
{
	crm_activity_filter f;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	memset(&f, 0, sizeof(f));
	f.rep = crm_cli_opt(cli, OPT_REP);
	f.team = crm_cli_opt(cli, OPT_TEAM);
	f.customer = crm_cli_opt(cli, OPT_CUSTOMER);
	f.deal = crm_cli_opt(cli, OPT_DEAL);
	f.kind = crm_cli_opt(cli, OPT_KIND);
	f.from = crm_cli_opt(cli, OPT_FROM);
	f.to = crm_cli_opt(cli, OPT_TO);
	if (crm_cli_opt(cli, OPT_PLANNED) != NULL &&
	    crm_cli_opt(cli, OPT_DONE) != NULL)
		return crm_cli_usage_error(cli, "--planned and --done: one or "
		    "the other");
	f.state = crm_cli_opt(cli, OPT_PLANNED) != NULL ? 1 :
	    crm_cli_opt(cli, OPT_DONE) != NULL ? 2 : 0;
	if ((rc = open_query(cli, activity_columns,
	    ARRAY_LEN(activity_columns) - 1, &db, &out)) == CRM_OK)
		rc = end_query(cli, out, crm_activity_list(db, &f, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

/* Exactly one of --rep and --team. */
static int
rep_or_team(crm_cli *cli)
{
	if ((crm_cli_opt(cli, OPT_REP) == NULL) ==
	    (crm_cli_opt(cli, OPT_TEAM) == NULL))
		return crm_cli_usage_error(cli, "give --rep or --team");
	return CRM_OK;
}

static const char *const agenda_columns[] = {
	"rep_id", "section", "due", "id", "kind", "customer_id", "deal_id",
	"contact_id", "subject", "note", "unit", "service_on", "name",
	"company", "status", "priority", "created_at", "due_at", "stage",
	"amount", "currency", "created_on", "last_activity_at", "idle_days",
	"serial", "lot", "sku", "order_id", "location", "delivered_on", "plan",
	"service", "service_no", "due_on", "due_km", "qty", "merged_from",
};

static int
agenda_opts(crm_cli *cli, crm_activity_agenda_opts *o)
{
	const char *ws = crm_cli_opt(cli, OPT_WEEK_START);
	long days;
	int rc, n;

	memset(o, 0, sizeof(*o));
	if ((rc = rep_or_team(cli)) != CRM_OK)
		return rc;
	o->rep = crm_cli_opt(cli, OPT_REP);
	o->team = crm_cli_opt(cli, OPT_TEAM);
	n = (crm_cli_opt(cli, OPT_DAY) != NULL) +
	    (crm_cli_opt(cli, OPT_WEEK) != NULL) +
	    (crm_cli_opt(cli, OPT_MONTH) != NULL);
	if (n > 1)
		return crm_cli_usage_error(cli, "--day, --week, --month: one "
		    "of them");
	o->period = crm_cli_opt(cli, OPT_WEEK) != NULL ? "week" :
	    crm_cli_opt(cli, OPT_MONTH) != NULL ? "month" : "day";
	if (ws != NULL && strcmp(ws, "monday") != 0 &&
	    strcmp(ws, "sunday") != 0)
		return crm_cli_usage_error(cli, "--week-start: monday or "
		    "sunday: %s", ws);
	o->week_starts_sunday = ws != NULL && strcmp(ws, "sunday") == 0;
	if ((rc = crm_cli_date_opt(cli, OPT_DATE, &o->date)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_STALE_DAYS, 1, 3650, 14,
	    &days)) != CRM_OK)
		return rc;
	o->stale_days = (int)days;
	if ((rc = crm_cli_whole_opt(cli, OPT_SERVICE_LOOKBACK, 0, 3650, 90,
	    &days)) != CRM_OK)
		return rc;
	o->service_lookback = (int)days;
	o->tz = crm_cli_opt(cli, OPT_TZ);
	return crm_now(&o->now, crm_cli_err(cli));
}

static int
cmd_agenda(crm_cli *cli)
{
	crm_service_plan *plan = NULL;
	crm_activity_agenda_opts o;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = agenda_opts(cli, &o)) != CRM_OK ||
	    (rc = crm_service_plan_load(crm_cli_opt(cli, OPT_PLAN), &plan,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	o.service_plan = plan;
	if ((rc = open_query(cli, agenda_columns, ARRAY_LEN(agenda_columns),
	    &db, &out)) == CRM_OK)
		rc = end_query(cli, out, crm_activity_agenda(db, &o, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	crm_service_plan_free(plan);
	return rc;
}

static const char *const frequency_columns[] = {
	"period", "rep_id", "customer_id", "visits", "won_deals",
	"won_amount", "currency", "visits_per_won", "flag",
};

static int
cmd_frequency(crm_cli *cli)
{
	const char *by = crm_cli_opt(cli, OPT_BY);
	crm_deal_stages *stages = NULL;
	const crm_deal_stage *won;
	crm_activity_frequency_opts o;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	if (by == NULL || strcmp(by, "rep,customer") == 0 ||
	    strcmp(by, "customer,rep") == 0)
		o.by_rep = o.by_customer = 1;
	else if (strcmp(by, "rep") == 0)
		o.by_rep = 1;
	else if (strcmp(by, "customer") == 0)
		o.by_customer = 1;
	else
		return crm_cli_usage_error(cli, "--by: rep, customer or "
		    "rep,customer: %s", by);
	o.period = crm_cli_opt(cli, OPT_PERIOD) != NULL ?
	    crm_cli_opt(cli, OPT_PERIOD) : "month";
	o.kinds = crm_cli_opt(cli, OPT_KINDS);
	o.currency = crm_cli_opt(cli, OPT_CURRENCY);
	if ((rc = crm_cli_date_opt(cli, OPT_FROM, &o.from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_TO, &o.to)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	won = crm_deal_stage_outcome(stages, CRM_DEAL_WON);
	o.won_stage = won != NULL ? won->name : "won";
	if ((rc = open_query(cli, frequency_columns,
	    ARRAY_LEN(frequency_columns), &db, &out)) == CRM_OK)
		rc = end_query(cli, out, crm_activity_frequency(db, &o, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

/* -f vcard (the default) is written raw; any other format writes the
 * directory as records. */
static int
cmd_contacts(crm_cli *cli)
{
	const char *fmt = crm_cli_opt(cli, CRM_OPT_FORMAT);
	int vcard = fmt == NULL || strcmp(fmt, "vcard") == 0;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = rep_or_team(cli)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK)
		goto out;
	if (vcard)
		rc = crm_out_open(&out, crm_cli_opt(cli, CRM_OPT_OUTPUT),
		    CRM_FMT_JSONL, crm_cli_opt(cli, CRM_OPT_GZIP) != NULL ?
		    CRM_OUT_GZIP : 0, crm_cli_err(cli));
	else
		rc = crm_cli_open_out(cli, &out);
	if (rc != CRM_OK)
		goto out;
	rc = crm_activity_contacts(db, crm_cli_opt(cli, OPT_REP),
	    crm_cli_opt(cli, OPT_TEAM), vcard ? CRM_ACTIVITY_VCARD :
	    CRM_ACTIVITY_CSV, out, crm_cli_err(cli));
	rc = end_query(cli, out, rc);
out:
	crm_db_close(db);
	return rc;
}

#define WRITE_OPTS(time_help) \
	{ "id", OPT_ID, "ID", "the activity's id (default A-NNNNNN, the " \
	    "next free)" }, \
	{ "kind", OPT_KIND, "KIND", "visit, call, email, meeting, task or " \
	    "sms" }, \
	{ "customer", OPT_CUSTOMER, "ID", "the customer" }, \
	{ "deal", OPT_DEAL, "ID", "the deal (its customer by default)" }, \
	{ "rep", OPT_REP, "REP", "the rep (default the deal's or the " \
	    "customer's owner)" }, \
	{ "contact", OPT_CONTACT, "ID", "the customer's contact" }, \
	{ "at", OPT_AT, "INSTANT", time_help }, \
	{ "outcome", OPT_OUTCOME, "TEXT", "what came of it" }, \
	{ "note", OPT_NOTE, "TEXT", "a note" }, \
	{ "subject", OPT_SUBJECT, "TEXT", "a subject line" }, \
	{ "channel", OPT_CHANNEL, "CHANNEL", "the channel (phone, web, " \
	    "store, ...)" }, \
	{ "unit", OPT_UNIT, "UNIT", "serial (else lot) of a unit delivered " \
	    "to the customer" }, \
	{ "service-on", OPT_SERVICE_ON, "DATE", "due date of the unit's " \
	    "service this carries out" }

static const crm_opt log_opts[] = {
	WRITE_OPTS("when it was done (RFC 3339; default now)"),
	{ NULL, 0, NULL, NULL }
};

static const crm_opt plan_opts[] = {
	WRITE_OPTS("when it is planned (RFC 3339)"),
	{ NULL, 0, NULL, NULL }
};

static const crm_opt done_opts[] = {
	{ "outcome", OPT_OUTCOME, "TEXT", "what came of it" },
	{ "note", OPT_NOTE, "TEXT", "a note (replaces the one there)" },
	{ "at", OPT_AT, "INSTANT", "when it was done (RFC 3339; default "
	    "now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt list_opts[] = {
	{ "rep", OPT_REP, "REP", "activities of this rep" },
	{ "team", OPT_TEAM, "TEAM", "activities of this team's reps" },
	{ "customer", OPT_CUSTOMER, "ID", "activities for this customer" },
	{ "deal", OPT_DEAL, "ID", "activities for this deal" },
	{ "kind", OPT_KIND, "KIND", "activities of this kind" },
	{ "from", OPT_FROM, "DATE", "done (else planned) on or after" },
	{ "to", OPT_TO, "DATE", "done (else planned) on or before" },
	{ "planned", OPT_PLANNED, NULL, "only those not done yet" },
	{ "done", OPT_DONE, NULL, "only those done" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt agenda_opts_table[] = {
	{ "rep", OPT_REP, "REP", "the rep's agenda" },
	{ "team", OPT_TEAM, "TEAM", "the agendas of the team's active reps" },
	{ "day", OPT_DAY, NULL, "one day (the default)" },
	{ "week", OPT_WEEK, NULL, "the week" },
	{ "month", OPT_MONTH, NULL, "the month" },
	{ "date", OPT_DATE, "DATE", "a day of the period (default today in "
	    "the rep's time zone)" },
	{ "tz", OPT_TZ, "ZONE", "time zone of reps without one (IANA name; "
	    "default UTC)" },
	{ "week-start", OPT_WEEK_START, "DAY", "monday (ISO, the default) or "
	    "sunday" },
	{ "stale-days", OPT_STALE_DAYS, "N", "a deal with no activity for N "
	    "days is stale (default 14)" },
	{ "plan", OPT_PLAN, "FILE", "the service plan rule file "
	    "(crm-service-plan(5))" },
	{ "service-lookback", OPT_SERVICE_LOOKBACK, "DAYS", "services due "
	    "this many days before the period and not done are overdue "
	    "(default 90; 0: none)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt frequency_opts[] = {
	{ "by", OPT_BY, "BY", "rep, customer or rep,customer (the "
	    "default)" },
	{ "period", OPT_PERIOD, "PERIOD", "week or month (the default)" },
	{ "from", OPT_FROM, "DATE", "activities and won deals on or after" },
	{ "to", OPT_TO, "DATE", "activities and won deals on or before" },
	{ "kinds", OPT_KINDS, "LIST", "the kinds counted (default visit)" },
	{ "currency", OPT_CURRENCY, "CODE", "won deals in this currency "
	    "(default the only one)" },
	{ "stages", OPT_STAGES, "FILE", "deal stage rules (the won stage)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt contacts_opts[] = {
	{ "rep", OPT_REP, "REP", "contacts of the rep's customers" },
	{ "team", OPT_TEAM, "TEAM", "contacts of the team's customers" },
	{ NULL, 0, NULL, NULL }
};

#define WRITES (CRM_CLI_DB | CRM_CLI_OUTPUT)

static const crm_verb activity_verbs[] = {
	{ "log", cmd_log, WRITES, log_opts, NULL,
	    "log an activity done" },
	{ "plan", cmd_plan, WRITES, plan_opts, NULL,
	    "plan an activity" },
	{ "done", cmd_done, WRITES, done_opts, "ID ...",
	    "mark planned activities done" },
	{ "import", cmd_import, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    NULL, "[FILE ...]", "check and store activities, upsert on id" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, list_opts, NULL,
	    "list activities by time" },
	{ "agenda", cmd_agenda, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    agenda_opts_table, NULL, "what a rep or a team has for a day, "
	    "week or month" },
	{ "frequency", cmd_frequency, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    frequency_opts, NULL, "visits per rep and customer per period "
	    "against won deals" },
	{ "contacts", cmd_contacts, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    contacts_opts, NULL, "the contacts of a rep's or team's "
	    "customers as vCard 4.0 or CSV" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	crm_prog prog = { "crm-activity", "The rep's workbench: activities, "
	    "agenda, visit frequency, contacts.", activity_verbs };

	return crm_cli_main(&prog, argc, argv);
}
