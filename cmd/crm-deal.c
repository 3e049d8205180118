/*
 * crm-deal - deals (opportunities): import, stage moves, won and lost,
 * list, show and the open pipeline.
 */
#include "internal.h"

enum {
	OPT_STAGES = 2000, OPT_CURRENCY, OPT_NOTE, OPT_AT, OPT_REOPEN,
	OPT_REASON, OPT_ON, OPT_AMOUNT, OPT_STAGE, OPT_OWNER, OPT_CUSTOMER,
	OPT_OPEN, OPT_CLOSED, OPT_FORECAST, OPT_CREATED_FROM, OPT_CREATED_TO,
	OPT_BY
};

/* The columns of csv, tsv, table and md output unless --fields. */
static const char *const list_columns[] = {
	"id", "customer_id", "owner", "product", "amount", "currency", "stage",
	"probability", "forecast_category", "expected_close", "created_on",
	"closed_on"
};
static const char *const pipeline_columns[] = {
	"by", "group", "currency", "deals", "amount", "weighted_amount"
};

static int
import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_deal_import(ctx, rec, err);
}

static void
import_summary(crm_cli *cli, const crm_deal_importer *imp)
{
	const crm_deal_import_counts *c = crm_deal_import_counts_of(imp);
	char extra[256];

	snprintf(extra, sizeof(extra), "inserted %lu, updated %lu, unchanged "
	    "%lu, stage changes %lu, customers created %lu", c->inserted,
	    c->updated, c->unchanged, c->stage_changes, c->customers);
	crm_cli_summary(cli, extra);
}

static int
cmd_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_deal_stages *stages = NULL;
	crm_deal_importer *imp = NULL;
	crm_db *db = NULL;
	int64_t now;
	int rc;

	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_deal_importer_new(db, stages, crm_cli_opt(cli,
	    OPT_CURRENCY), now, &imp, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = crm_db_end(db, crm_cli_each(cli, db, import_one, imp),
	    err);
	if (rc == CRM_OK)
		import_summary(cli, imp);
out:
	crm_deal_importer_free(imp);
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

/* Move deal id to stage under ch, in a transaction of its own. */
static int
move_deal(crm_cli *cli, const char *id, const char *stage,
    crm_deal_change *ch)
{
	crm_err *err = crm_cli_err(cli);
	crm_deal_stages *stages = NULL;
	crm_db *db = NULL;
	char now[CRM_DATE_BUFSZ];
	int64_t ms;
	int rc, moved = 0;

	ch->actor = crm_event_actor();
	ch->reopen = crm_cli_opt(cli, OPT_REOPEN) != NULL;
	if ((rc = crm_now(&ms, err)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if (ch->at == NULL)
		ch->at = crm_time_format(ms, now);
	rc = crm_db_end(db, crm_deal_move(db, stages, id, stage, ch,
	    &moved, err), err);
	if (rc == CRM_OK && crm_cli_verbose(cli))
		fprintf(stderr, "%s: %s: %s\n", crm_cli_prog(cli), id, moved ?
		    "moved" : "already there; nothing recorded");
out:
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

/* --at and --on are checked here, as the command line they are. */
static int
check_when(crm_cli *cli)
{
	const char *at = crm_cli_opt(cli, OPT_AT), *on = crm_cli_opt(cli,
	    OPT_ON);
	crm_err why;
	int64_t ms;
	int32_t day;

	if (at != NULL && crm_time_parse(at, strlen(at), &ms, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--at: %s: %s", why.msg, at);
	if (on != NULL && crm_date_parse(on, strlen(on), &day, &why) !=
	    CRM_OK)
		return crm_cli_usage_error(cli, "--on: %s: %s", why.msg, on);
	return CRM_OK;
}

static int
cmd_move(crm_cli *cli)
{
	crm_deal_change ch;
	int rc;

	if (crm_cli_nargs(cli) != 2)
		return crm_cli_usage_error(cli, "move takes an ID and a STAGE");
	if ((rc = check_when(cli)) != CRM_OK)
		return rc;
	memset(&ch, 0, sizeof(ch));
	ch.note = crm_cli_opt(cli, OPT_NOTE);
	ch.at = crm_cli_opt(cli, OPT_AT);
	return move_deal(cli, crm_cli_arg(cli, 0), crm_cli_arg(cli, 1), &ch);
}

/* won and lost: to the stage of that outcome; --on DATE is the close
 * date, and the change is recorded as of the start of that day. */
static int
close_deal(crm_cli *cli, crm_deal_outcome outcome)
{
	char at[CRM_DATE_BUFSZ + 16];
	crm_deal_stages *stages = NULL;
	crm_deal_change ch;
	char stage[128];
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "%s takes one ID",
		    outcome == CRM_DEAL_WON ? "won" : "lost");
	memset(&ch, 0, sizeof(ch));
	ch.note = crm_cli_opt(cli, OPT_REASON);
	ch.closed_on = crm_cli_opt(cli, OPT_ON);
	ch.amount = crm_cli_opt(cli, OPT_AMOUNT);
	if (outcome == CRM_DEAL_LOST && (ch.note == NULL || *ch.note == '\0'))
		return crm_cli_usage_error(cli, "lost needs --reason");
	if ((rc = check_when(cli)) != CRM_OK)
		return rc;
	if (ch.closed_on != NULL) {
		snprintf(at, sizeof(at), "%sT00:00:00Z", ch.closed_on);
		ch.at = at;
	}
	/* The stage name comes from the rules the move loads again. */
	if ((rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	snprintf(stage, sizeof(stage), "%s", crm_deal_stage_outcome(stages,
	    outcome)->name);
	crm_deal_stages_free(stages);
	return move_deal(cli, crm_cli_arg(cli, 0), stage, &ch);
}

static int
cmd_won(crm_cli *cli)
{
	return close_deal(cli, CRM_DEAL_WON);
}

static int
cmd_lost(crm_cli *cli)
{
	return close_deal(cli, CRM_DEAL_LOST);
}

/* The filter of list from its options; usage errors for bad ones. */
static int
list_filter(crm_cli *cli, const crm_deal_stages *stages, crm_deal_filter *f)
{
	static const int date_opts[] = { OPT_CREATED_FROM, OPT_CREATED_TO };
	const crm_deal_stage *st;
	crm_err why;
	int32_t day;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->stage = crm_cli_opt(cli, OPT_STAGE);
	f->owner = crm_cli_opt(cli, OPT_OWNER);
	f->customer = crm_cli_opt(cli, OPT_CUSTOMER);
	f->forecast_category = crm_cli_opt(cli, OPT_FORECAST);
	f->created_from = crm_cli_opt(cli, OPT_CREATED_FROM);
	f->created_to = crm_cli_opt(cli, OPT_CREATED_TO);
	if (crm_cli_opt(cli, OPT_OPEN) != NULL &&
	    crm_cli_opt(cli, OPT_CLOSED) != NULL)
		return crm_cli_usage_error(cli, "--open and --closed exclude "
		    "each other");
	f->open = crm_cli_opt(cli, OPT_OPEN) != NULL ? 1 :
	    crm_cli_opt(cli, OPT_CLOSED) != NULL ? -1 : 0;
	if (f->stage != NULL && crm_deal_stage_lookup(stages, f->stage, &st,
	    &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--stage: %s", why.msg);
	if (f->forecast_category != NULL &&
	    crm_deal_forecast_rank(f->forecast_category) < 0)
		return crm_cli_usage_error(cli, "--forecast: not one of "
		    CRM_DEAL_FORECASTS ": %s", f->forecast_category);
	for (i = 0; i < ARRAY_LEN(date_opts); i++) {
		const char *s = crm_cli_opt(cli, date_opts[i]);

		if (s != NULL && crm_date_parse(s, strlen(s), &day, &why) !=
		    CRM_OK)
			return crm_cli_usage_error(cli, "--created-%s: %s",
			    i == 0 ? "from" : "to", why.msg);
	}
	return CRM_OK;
}

static int
cmd_list(crm_cli *cli)
{
	crm_deal_stages *stages = NULL;
	crm_deal_filter f;
	crm_db *db = NULL;
	crm_out *out;
	int rc;

	if ((rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    crm_cli_err(cli))) != CRM_OK ||
	    (rc = list_filter(cli, stages, &f)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, list_columns,
	    ARRAY_LEN(list_columns), &out)) !=
	    CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, out, crm_deal_list(db, stages, &f, out,
	    crm_cli_err(cli)));
out:
	crm_db_close(db);
	crm_deal_stages_free(stages);
	return rc;
}

static int
cmd_show(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_out *out;
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "show takes one ID");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_deal_show(db,
		    crm_cli_arg(cli, 0), out, crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

/* --by stage,owner,forecast_category,total (any of them) to bits. */
static int
parse_by(crm_cli *cli, unsigned *by)
{
	static const char *const names[] = { "stage", "owner",
		"forecast_category", "total" };
	const char *p = crm_cli_opt(cli, OPT_BY);
	size_t i, len;

	*by = 0;
	if (p == NULL) {
		*by = CRM_DEAL_BY_STAGE | CRM_DEAL_BY_OWNER |
		    CRM_DEAL_BY_FORECAST | CRM_DEAL_BY_TOTAL;
		return CRM_OK;
	}
	for (;;) {
		len = strcspn(p, ",");
		for (i = 0; i < ARRAY_LEN(names); i++)
			if (strlen(names[i]) == len &&
			    strncmp(names[i], p, len) == 0)
				break;
		if (i == ARRAY_LEN(names))
			return crm_cli_usage_error(cli, "--by: a list of stage, "
			    "owner, forecast_category, total: %s",
			    crm_cli_opt(cli, OPT_BY));
		*by |= 1u << i;
		if (p[len] == '\0')
			return CRM_OK;
		p += len + 1;
	}
}

static int
cmd_pipeline(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_deal_stages *stages = NULL;
	crm_deal_pipeline *p = NULL;
	crm_db *db = NULL;
	crm_out *out;
	unsigned by;
	int rc;

	if ((rc = parse_by(cli, &by)) != CRM_OK ||
	    (rc = crm_deal_stages_load(crm_cli_opt(cli, OPT_STAGES), &stages,
	    err)) != CRM_OK ||
	    (rc = crm_deal_pipeline_new(stages, by, &p, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_deal_pipeline_load(p, db, err)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, pipeline_columns,
	    ARRAY_LEN(pipeline_columns),
	    &out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, out, crm_deal_pipeline_write(p, out, err));
out:
	crm_db_close(db);
	crm_deal_pipeline_free(p);
	crm_deal_stages_free(stages);
	return rc;
}

#define STAGES_OPT { "stages", OPT_STAGES, "FILE", "the stage rules " \
	"(default share/crm/deal-stages.json)" }
#define REOPEN_OPT { "reopen", OPT_REOPEN, NULL, "move a won or lost " \
	"deal (clears its close date and reason)" }
#define END_OPT { NULL, 0, NULL, NULL }

static const crm_opt import_opts[] = {
	STAGES_OPT,
	{ "currency", OPT_CURRENCY, "CODE", "the currency of records that "
	    "give none (ISO 4217)" },
	END_OPT
};

static const crm_opt move_opts[] = {
	STAGES_OPT,
	{ "note", OPT_NOTE, "TEXT", "why, kept with the change" },
	{ "at", OPT_AT, "INSTANT", "when it happened (RFC 3339; default now)" },
	REOPEN_OPT,
	END_OPT
};

static const crm_opt won_opts[] = {
	STAGES_OPT,
	{ "reason", OPT_REASON, "TEXT", "why it was won" },
	{ "on", OPT_ON, "DATE", "the close date (default today)" },
	{ "amount", OPT_AMOUNT, "AMOUNT", "the final amount, in the deal's "
	    "currency" },
	REOPEN_OPT,
	END_OPT
};

static const crm_opt lost_opts[] = {
	STAGES_OPT,
	{ "reason", OPT_REASON, "TEXT", "why it was lost (required)" },
	{ "on", OPT_ON, "DATE", "the close date (default today)" },
	REOPEN_OPT,
	END_OPT
};

static const crm_opt list_opts[] = {
	STAGES_OPT,
	{ "stage", OPT_STAGE, "STAGE", "deals in this stage" },
	{ "owner", OPT_OWNER, "REP", "deals of this rep (id)" },
	{ "customer", OPT_CUSTOMER, "ID", "deals of this customer" },
	{ "open", OPT_OPEN, NULL, "open deals only (not won or lost)" },
	{ "closed", OPT_CLOSED, NULL, "won and lost deals only" },
	{ "forecast", OPT_FORECAST, "CATEGORY", "deals in this forecast "
	    "category" },
	{ "created-from", OPT_CREATED_FROM, "DATE", "created on or after" },
	{ "created-to", OPT_CREATED_TO, "DATE", "created on or before" },
	END_OPT
};

static const crm_opt pipeline_opts[] = {
	STAGES_OPT,
	{ "by", OPT_BY, "LIST", "groups: stage, owner, forecast_category, "
	    "total (default all)" },
	END_OPT
};

static const crm_verb verbs[] = {
	{ "import", cmd_import, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    import_opts, "[FILE ...]",
	    "insert or update deals from records; record stage changes" },
	{ "move", cmd_move, CRM_CLI_DB, move_opts, "ID STAGE",
	    "move a deal to a stage, recording the change" },
	{ "won", cmd_won, CRM_CLI_DB, won_opts, "ID",
	    "close a deal as won" },
	{ "lost", cmd_lost, CRM_CLI_DB, lost_opts, "ID",
	    "close a deal as lost, with the reason" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, list_opts, NULL,
	    "list deals, filtered" },
	{ "show", cmd_show, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, "ID",
	    "one deal with its stage history" },
	{ "pipeline", cmd_pipeline, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    pipeline_opts, NULL,
	    "the open pipeline by stage, owner and forecast category" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const crm_prog prog = {
	"crm-deal",
	"Deals (opportunities): import, move through the stages, close as "
	"won or lost, list and sum up the pipeline.",
	verbs
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&prog, argc, argv);
}
