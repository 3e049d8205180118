/*
 * crm-stock - stock at the sales end: on the way, received, issued first
 * in first out, moved, counted, aged and valued; delivered units and
 * their service plans.
 */
#include "internal.h"

enum {
	OPT_ON = 2000, OPT_AT, OPT_LOCATION, OPT_REASON, OPT_FULL, OPT_AS_OF,
	OPT_SKU, OPT_LATE, OPT_SHIPMENT, OPT_BY, OPT_BUCKETS, OPT_RULES,
	OPT_STALE, OPT_CUSTOMER, OPT_FROM, OPT_TO, OPT_PLAN, OPT_TODAY
};

/*
 * Writers: every record of the input in one transaction.
 */
typedef int (*stock_fn)(crm_stock *s, const crm_rec *r, crm_out *out,
	crm_err *err);

struct writer {
	crm_stock *s;
	crm_out *out;
	stock_fn fn;
};

static int
write_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct writer *w = ctx;

	return w->fn(w->s, rec, w->out, err);
}

static int
transit_one(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	(void)out;
	return crm_stock_transit(s, r, err);
}

static int
location_one(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	(void)out;
	return crm_stock_location(s, r, err);
}

static void
summary(crm_cli *cli, const char *verb, const crm_stock_counts *c)
{
	char extra[256] = "";

	if (strcmp(verb, "locations") == 0)
		snprintf(extra, sizeof(extra), "new %lu, updated %lu, "
		    "unchanged %lu", c->locations_new, c->locations_updated,
		    c->locations_unchanged);
	else if (strcmp(verb, "transit") == 0)
		snprintf(extra, sizeof(extra), "new %lu, updated %lu, "
		    "unchanged %lu", c->transit_new, c->transit_updated,
		    c->transit_unchanged);
	else if (strcmp(verb, "receive") == 0)
		snprintf(extra, sizeof(extra), "lots %lu, units %lld",
		    c->lots, (long long)c->received);
	else if (strcmp(verb, "issue") == 0)
		snprintf(extra, sizeof(extra), "units %lld",
		    (long long)c->issued);
	else if (strcmp(verb, "move") == 0)
		snprintf(extra, sizeof(extra), "units %lld",
		    (long long)c->moved);
	else if (strcmp(verb, "count") == 0)
		snprintf(extra, sizeof(extra), "counted %lu, adjusted %lu, "
		    "found %lld, missing %lld", c->counted, c->adjusted,
		    (long long)c->gained, (long long)c->lost);
	crm_cli_summary(cli, extra);
}

/* The --shipment form of receive: one record made from the options. */
static int
receive_shipment(crm_cli *cli, struct writer *w)
{
	crm_buf b = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new();
	const char *by = crm_cli_opt(cli, OPT_BY);
	int rc;

	if (r == NULL)
		return crm_err_nomem(crm_cli_err(cli));
	if ((rc = crm_buf_adds(&b, "{\"shipment_id\":")) == CRM_OK)
		rc = crm_buf_add_json_str(&b, crm_cli_opt(cli, OPT_SHIPMENT),
		    strlen(crm_cli_opt(cli, OPT_SHIPMENT)));
	if (rc == CRM_OK && by != NULL && (rc = crm_buf_adds(&b,
	    ",\"received_by\":")) == CRM_OK)
		rc = crm_buf_add_json_str(&b, by, strlen(by));
	if (rc == CRM_OK && (rc = crm_buf_addc(&b, '}')) == CRM_OK &&
	    (rc = crm_rec_parse(r, b.data, b.len, crm_cli_err(cli))) ==
	    CRM_OK) {
		crm_rec_set_place(r, "--shipment", 0);
		rc = crm_stock_receive(w->s, r, w->out, crm_cli_err(cli));
	}
	crm_buf_free(&b);
	crm_rec_free(r);
	return rc;
}

/* The columns of each writer's records in the tabular formats. */
static const char *const receive_cols[] = { "lot", "sku", "qty",
    "location", "received_on", "unit_cost", "currency", "serial" };
static const char *const issue_cols[] = { "sku", "qty", "location", "lot",
    "received_on", "unit_cost", "cost", "currency", "customer_id" };
static const char *const move_cols[] = { "sku", "qty", "from", "to", "lot",
    "received_on", "moved_on" };
static const char *const count_cols[] = { "location", "sku", "on_hand",
    "counted", "difference", "value", "currency", "reason" };

static int
run_writer(crm_cli *cli, const char *verb, stock_fn fn,
    const char *const *cols, size_t ncols)
{
	crm_err *err = crm_cli_err(cli);
	crm_stock_opts o;
	struct writer w = { NULL, NULL, fn };
	crm_db *db = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	o.location = crm_cli_opt(cli, OPT_LOCATION);
	o.reason = crm_cli_opt(cli, OPT_REASON);
	o.full = crm_cli_opt(cli, OPT_FULL) != NULL;
	if ((rc = crm_cli_date_opt(cli, OPT_ON, &o.on)) != CRM_OK)
		return rc;
	if (crm_cli_opt(cli, OPT_SHIPMENT) != NULL && crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "--shipment or files, not "
		    "both");
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK)
		goto out;
	if (cols != NULL && (rc = crm_cli_open_out_columns(cli, cols, ncols,
	    &w.out)) != CRM_OK)
		goto out;
	if ((rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_stock_new(db, &o, &w.s, err)) == CRM_OK) {
		if (crm_cli_opt(cli, OPT_SHIPMENT) != NULL)
			rc = receive_shipment(cli, &w);
		else
			rc = crm_cli_each(cli, db, write_one, &w);
	}
	if (rc == CRM_OK && fn == crm_stock_count)
		rc = crm_stock_count_finish(w.s, w.out, err);
	rc = crm_cli_close_out(cli, w.out, rc);
	w.out = NULL;
	rc = crm_db_end(db, rc, err);
	if (rc == CRM_OK)
		summary(cli, verb, crm_stock_counts_of(w.s));
out:
	if (w.out != NULL)
		crm_out_abort(w.out);
	crm_stock_free(w.s);
	crm_db_close(db);
	return rc;
}

static int
cmd_receive(crm_cli *cli)
{
	return run_writer(cli, "receive", crm_stock_receive, receive_cols,
	    ARRAY_LEN(receive_cols));
}

static int
cmd_issue(crm_cli *cli)
{
	return run_writer(cli, "issue", crm_stock_issue, issue_cols,
	    ARRAY_LEN(issue_cols));
}

static int
cmd_move(crm_cli *cli)
{
	return run_writer(cli, "move", crm_stock_move, move_cols,
	    ARRAY_LEN(move_cols));
}

static int
cmd_count(crm_cli *cli)
{
	return run_writer(cli, "count", crm_stock_count, count_cols,
	    ARRAY_LEN(count_cols));
}

/*
 * Queries.
 */
typedef int (*query_fn)(crm_db *db, const crm_stock_query *q, crm_out *out,
	crm_err *err);

static int
read_query(crm_cli *cli, crm_stock_query *q, char *today)
{
	int32_t day;
	int rc;

	memset(q, 0, sizeof(*q));
	q->sku = crm_cli_opt(cli, OPT_SKU);
	q->location = crm_cli_opt(cli, OPT_LOCATION);
	q->customer = crm_cli_opt(cli, OPT_CUSTOMER);
	if ((rc = crm_cli_date_opt(cli, OPT_AS_OF, &q->as_of)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_FROM, &q->from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_TO, &q->to)) != CRM_OK ||
	    (rc = crm_today(&day, crm_cli_err(cli))) != CRM_OK)
		return rc;
	q->today = crm_date_format(day, today);
	return CRM_OK;
}

static int
run_query(crm_cli *cli, query_fn fn, const char *const *cols, size_t ncols)
{
	char today[CRM_DATE_BUFSZ];
	crm_stock_query q;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = read_query(cli, &q, today)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, ncols, &out)) != CRM_OK)
		goto out;
	rc = fn(db, &q, out, crm_cli_err(cli));
out:
	rc = crm_cli_close_out(cli, out, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_levels(crm_cli *cli)
{
	static const char *const cols[] = { "location", "sku", "on_hand",
	    "in_transit", "reserved", "available" };

	return run_query(cli, crm_stock_levels, cols, ARRAY_LEN(cols));
}

static int
cmd_value(crm_cli *cli)
{
	static const char *const cols[] = { "location", "sku", "qty", "value",
	    "currency" };

	return run_query(cli, crm_stock_value, cols, ARRAY_LEN(cols));
}

static int
cmd_moves(crm_cli *cli)
{
	static const char *const cols[] = { "id", "moved_on", "kind",
	    "location", "sku", "lot", "qty", "ref", "reason" };

	return run_query(cli, crm_stock_moves, cols, ARRAY_LEN(cols));
}

static int
cmd_units(crm_cli *cli)
{
	static const char *const cols[] = { "delivered_on", "customer_id",
	    "sku", "product", "serial", "qty", "order_id", "line_no",
	    "location", "lot" };

	return run_query(cli, crm_stock_units, cols, ARRAY_LEN(cols));
}

static int
transit_late(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	return crm_stock_transit_list(db, q, 1, out, err);
}

static int
transit_all(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	return crm_stock_transit_list(db, q, 0, out, err);
}

static int
cmd_transit(crm_cli *cli)
{
	static const char *const cols[] = { "shipment_id", "line_no", "sku",
	    "location", "carrier", "shipped_on", "expected_on", "shipped",
	    "received", "open", "days_late" };

	if (crm_cli_nargs(cli) > 0) {
		if (crm_cli_opt(cli, OPT_LATE) != NULL ||
		    crm_cli_opt(cli, OPT_AS_OF) != NULL)
			return crm_cli_usage_error(cli, "--late and --as-of "
			    "list; files are read without them");
		return run_writer(cli, "transit", transit_one, NULL, 0);
	}
	return run_query(cli, crm_cli_opt(cli, OPT_LATE) != NULL ?
	    transit_late : transit_all, cols, ARRAY_LEN(cols));
}

static int
location_list(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	(void)q;
	return crm_stock_location_list(db, out, err);
}

static int
cmd_locations(crm_cli *cli)
{
	static const char *const cols[] = { "id", "name", "kind", "region",
	    "customer_id" };

	if (crm_cli_nargs(cli) > 0)
		return run_writer(cli, "locations", location_one, NULL,
		    0);
	return run_query(cli, location_list, cols, ARRAY_LEN(cols));
}

static int
cmd_age(crm_cli *cli)
{
	static const char *const cols[] = { "location", "sku", "bucket", "qty",
	    "value", "currency" };
	static const char *const stale_cols[] = { "lot", "sku", "location",
	    "received_on", "age_days", "qty", "value", "currency" };
	const char *stale = crm_cli_opt(cli, OPT_STALE);
	const char *list = crm_cli_opt(cli, OPT_BUCKETS);
	char today[CRM_DATE_BUFSZ];
	crm_err *err = crm_cli_err(cli);
	crm_stock_buckets b;
	crm_stock_query q;
	crm_out *out = NULL;
	crm_db *db = NULL;
	crm_err why;
	char *end;
	long days = 0;
	int rc;

	if (stale != NULL) {
		days = strtol(stale, &end, 10);
		if (end == stale || *end != '\0' || days < 0 || days > 36500)
			return crm_cli_usage_error(cli, "--stale: not a number "
			    "of days from 0 to 36500: %s", stale);
	} else if (list != NULL) {
		if (crm_stock_buckets_parse(list, &b, &why) != CRM_OK)
			return crm_cli_usage_error(cli, "--buckets: %s",
			    why.msg);
	} else if ((rc = crm_stock_buckets_load(crm_cli_opt(cli, OPT_RULES),
	    &b, err)) != CRM_OK)
		return rc;
	if ((rc = read_query(cli, &q, today)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, stale ? stale_cols : cols,
	    stale ? ARRAY_LEN(stale_cols) : ARRAY_LEN(cols), &out)) != CRM_OK)
		goto out;
	rc = stale != NULL ? crm_stock_stale(db, &q, (int)days, out, err) :
	    crm_stock_age(db, &q, &b, out, err);
out:
	rc = crm_cli_close_out(cli, out, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_service_plan(crm_cli *cli)
{
	static const char *const cols[] = { "due_on", "due_km", "customer_id",
	    "sku", "serial", "lot", "plan", "service", "service_no",
	    "delivered_on", "location" };
	char today[CRM_DATE_BUFSZ];
	crm_service_plan *plan = NULL;
	crm_stock_query q;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = read_query(cli, &q, today)) != CRM_OK)
		return rc;
	if ((rc = crm_service_plan_load(crm_cli_opt(cli, OPT_PLAN), &plan,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, ARRAY_LEN(cols),
	    &out)) != CRM_OK)
		goto out;
	rc = crm_stock_service_plan(db, plan, &q, out, crm_cli_err(cli));
out:
	rc = crm_cli_close_out(cli, out, rc);
	crm_db_close(db);
	crm_service_plan_free(plan);
	return rc;
}

static const crm_opt location_opt[] = {
	{ "location", OPT_LOCATION, "LOC", "the location of records that "
	    "name none" },
	{ "on", OPT_ON, "DATE", "the day of records that give none "
	    "(default today)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt transit_opts[] = {
	{ "late", OPT_LATE, NULL, "only lines expected before today" },
	{ "as-of", OPT_AS_OF, "DATE", "what was on the way that day" },
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only lines to this location; "
	    "reading files: where records that name none go" },
	{ "on", OPT_ON, "DATE", "reading files: the day shipped of records "
	    "that give none" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt receive_opts[] = {
	{ "shipment", OPT_SHIPMENT, "ID", "receive all of this shipment "
	    "that is on the way, instead of reading records" },
	{ "by", OPT_BY, "NAME", "with --shipment: who took it over" },
	{ "location", OPT_LOCATION, "LOC", "where it arrived (default where "
	    "it was going)" },
	{ "on", OPT_ON, "DATE", "the day received of records that give "
	    "none (default today)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt count_opts[] = {
	{ "location", OPT_LOCATION, "LOC", "the location of records that "
	    "name none" },
	{ "on", OPT_ON, "DATE", "the day of the stocktake (default today)" },
	{ "reason", OPT_REASON, "TEXT", "the reason of records that give "
	    "none (default stocktake)" },
	{ "full", OPT_FULL, NULL, "skus on hand at a counted location that "
	    "were not counted are gone (counted as 0)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt level_opts[] = {
	{ "as-of", OPT_AS_OF, "DATE", "as the ledger stood at the end of "
	    "that day" },
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only this location" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt age_opts[] = {
	{ "as-of", OPT_AS_OF, "DATE", "stock and ages at the end of that day "
	    "(default: now, ages at today)" },
	{ "buckets", OPT_BUCKETS, "LIST", "upper bounds of the age "
	    "buckets in days, like 30,60,90 (default from the rules)" },
	{ "rules", OPT_RULES, "FILE", "the ageing rule file "
	    "(crm-stock-ageing(5))" },
	{ "stale", OPT_STALE, "DAYS", "list the lots older than DAYS instead" },
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only this location" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt moves_opts[] = {
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only this location" },
	{ "from", OPT_FROM, "DATE", "moves on or after this day" },
	{ "to", OPT_TO, "DATE", "moves on or before this day" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt units_opts[] = {
	{ "customer", OPT_CUSTOMER, "ID", "only this customer's units" },
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only units issued here" },
	{ "from", OPT_FROM, "DATE", "delivered on or after this day" },
	{ "to", OPT_TO, "DATE", "delivered on or before this day" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt plan_opts[] = {
	{ "plan", OPT_PLAN, "FILE", "the service plan rule file "
	    "(crm-service-plan(5))" },
	{ "customer", OPT_CUSTOMER, "ID", "only this customer's units" },
	{ "sku", OPT_SKU, "SKU", "only this sku" },
	{ "location", OPT_LOCATION, "LOC", "only units issued here" },
	{ "from", OPT_FROM, "DATE", "services due on or after this day" },
	{ "to", OPT_TO, "DATE", "services due on or before this day" },
	{ NULL, 0, NULL, NULL }
};

#define WRITER (CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT)
#define QUERY (CRM_CLI_DB | CRM_CLI_OUTPUT)

static const crm_verb verbs[] = {
	{ "locations", cmd_locations, WRITER, NULL, "[FILE ...]",
	    "list the locations; with files, add or change them" },
	{ "transit", cmd_transit, WRITER, transit_opts, "[FILE ...]",
	    "list what is on the way; with files, record shipped lines" },
	{ "receive", cmd_receive, WRITER, receive_opts, "[FILE ...]",
	    "receive shipments or other stock into lots" },
	{ "issue", cmd_issue, WRITER, location_opt, "[FILE ...]",
	    "issue stock to customers, first in first out" },
	{ "move", cmd_move, WRITER, location_opt, "[FILE ...]",
	    "move stock between locations, keeping its age" },
	{ "count", cmd_count, WRITER, count_opts, "[FILE ...]",
	    "book a stocktake's differences" },
	{ "levels", cmd_levels, QUERY, level_opts, NULL,
	    "on hand, in transit, reserved and available" },
	{ "value", cmd_value, QUERY, level_opts, NULL,
	    "FIFO value of the stock on hand" },
	{ "age", cmd_age, QUERY, age_opts, NULL,
	    "stock by age bucket, or the stale lots" },
	{ "moves", cmd_moves, QUERY, moves_opts, NULL,
	    "the ledger of moves" },
	{ "units", cmd_units, QUERY, units_opts, NULL,
	    "delivered units: what went to whom and when" },
	{ "service-plan", cmd_service_plan, QUERY, plan_opts, NULL,
	    "services due for delivered units" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	static const crm_prog prog = { "crm-stock", "Stock at the sales end: "
	    "in transit, received, FIFO, stocktake and ageing.", verbs };

	return crm_cli_main(&prog, argc, argv);
}
