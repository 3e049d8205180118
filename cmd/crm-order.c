/*
 * crm-order - orders from the customer's words to APS, shipments,
 * invoices and payments.
 */
#include "internal.h"
#include "crm-order/verbs.h"

#include <errno.h>

enum {
	OPT_DRAFT = 2000, OPT_HOLD, OPT_TAX_RATE, OPT_PRICE_LIST,
	OPT_PROMOTIONS, OPT_NO_PROMOTIONS, OPT_LAYOUT, OPT_NO_CODES,
	OPT_SKIP_EXISTING,
	OPT_REASON, OPT_NOTE, OPT_STATUS, OPT_CUSTOMER, OPT_FROM, OPT_TO,
	OPT_PLANT, OPT_ALL, OPT_DRY_RUN, OPT_LINE, OPT_ID, OPT_AT,
	OPT_CARRIER, OPT_EXPECTED, OPT_DEST, OPT_ON
};

static const char *const list_columns[] = {
	"id", "customer_id", "order_date", "status", "currency", "total",
	"requested_week", "plant", "credit_hold"
};

/* The instant of a change: --at if given and valid, else now. */
static int
change_at(crm_cli *cli, char *buf)
{
	const char *at = crm_cli_opt(cli, OPT_AT);
	crm_err why;
	int64_t ms;
	int rc;

	if (at != NULL) {
		if (crm_time_parse(at, strlen(at), &ms, &why) != CRM_OK)
			return crm_cli_usage_error(cli, "--at: %s: %s",
			    why.msg, at);
	} else if ((rc = crm_now(&ms, crm_cli_err(cli))) != CRM_OK)
		return rc;
	crm_time_format(ms, buf);
	return CRM_OK;
}

struct create {
	crm_order_creator *cr;
	crm_out *out;
};

static int
create_one(void *ctx, crm_rec *const *recs, size_t n, crm_err *err)
{
	struct create *c = ctx;

	return crm_order_create(c->cr, recs, n, c->out, err);
}

static void
create_summary(crm_cli *cli, const crm_order_creator *cr)
{
	const crm_order_create_counts *c = crm_order_creator_counts(cr);
	char extra[256];

	snprintf(extra, sizeof(extra), "orders %lu, lines %lu, held %lu, "
	    "skipped %lu, promotions %lu, codes %lu", c->orders, c->lines,
	    c->held, c->skipped, c->promotions, c->codes);
	crm_cli_summary(cli, extra);
}

static int
cmd_create(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_order_create_opts o;
	struct create c = { NULL, NULL };
	const char *tax = crm_cli_opt(cli, OPT_TAX_RATE);
	crm_promos *promos = NULL;
	crm_ordercode *codes = NULL;
	crm_db *db = NULL;
	int64_t part;
	crm_err why;
	int rc;

	memset(&o, 0, sizeof(o));
	o.draft = crm_cli_opt(cli, OPT_DRAFT) != NULL;
	o.hold_over_limit = crm_cli_opt(cli, OPT_HOLD) != NULL;
	o.tax_rate = tax;
	o.price_list = crm_cli_opt(cli, OPT_PRICE_LIST);
	o.skip_existing = crm_cli_opt(cli, OPT_SKIP_EXISTING) != NULL;
	if (tax != NULL && crm_money_percent(100, tax, strlen(tax), &part,
	    &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--tax-rate: %s: %s", why.msg,
		    tax);
	if (crm_cli_opt(cli, OPT_NO_PROMOTIONS) == NULL &&
	    (rc = crm_promos_load(crm_cli_opt(cli, OPT_PROMOTIONS), &promos,
	    err)) != CRM_OK)
		return rc;
	if (crm_cli_opt(cli, OPT_NO_CODES) == NULL &&
	    (rc = crm_ordercode_load(crm_cli_opt(cli, OPT_LAYOUT), &codes,
	    err)) != CRM_OK)
		goto out;
	if ((rc = crm_now(&o.now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &c.out)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	/* The catalog as the run's transaction sees it. */
	if ((rc = crm_order_creator_new(db, NULL, promos, codes, &o, &c.cr,
	    err)) != CRM_OK) {
		crm_db_rollback(db);
		goto out;
	}
	rc = crm_cli_each_group(cli, db, "order_id", create_one, &c);
	if (rc == CRM_OK)
		rc = crm_order_creator_finish(c.cr, err);
	rc = crm_cli_close_out(cli, c.out, rc);
	c.out = NULL;
	rc = crm_db_end(db, rc, err);
	if (rc == CRM_OK)
		create_summary(cli, c.cr);
out:
	if (c.out != NULL)
		crm_out_abort(c.out);
	crm_order_creator_free(c.cr);
	crm_db_close(db);
	crm_ordercode_free(codes);
	crm_promos_free(promos);
	return rc;
}

/* confirm, cancel, close: every ID moves, or none does. */
static int
move_all(crm_cli *cli, const char *to, const char *reason)
{
	char at[CRM_DATE_BUFSZ];
	crm_db *db = NULL;
	int i, rc;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "which orders? (ID ...)");
	if ((rc = change_at(cli, at)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = to != NULL ? crm_order_move(db, crm_cli_arg(cli, i), to,
		    reason, at, crm_cli_err(cli)) : crm_order_approve(db,
		    crm_cli_arg(cli, i), reason, at, crm_cli_err(cli));
	rc = crm_db_end(db, rc, crm_cli_err(cli));
out:
	crm_db_close(db);
	return rc;
}

static int
cmd_confirm(crm_cli *cli)
{
	return move_all(cli, "confirmed", crm_cli_opt(cli, OPT_NOTE));
}

static int
cmd_cancel(crm_cli *cli)
{
	const char *reason = crm_cli_opt(cli, OPT_REASON);

	if (reason == NULL || *reason == '\0')
		return crm_cli_usage_error(cli, "cancel needs --reason");
	return move_all(cli, "cancelled", reason);
}

static int
cmd_close(crm_cli *cli)
{
	return move_all(cli, "closed", crm_cli_opt(cli, OPT_NOTE));
}

static int
cmd_approve(crm_cli *cli)
{
	return move_all(cli, NULL, crm_cli_opt(cli, OPT_NOTE));
}

static int
cmd_list(crm_cli *cli)
{
	crm_order_filter f;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	memset(&f, 0, sizeof(f));
	f.status = crm_cli_opt(cli, OPT_STATUS);
	f.customer = crm_cli_opt(cli, OPT_CUSTOMER);
	f.from = crm_cli_opt(cli, OPT_FROM);
	f.to = crm_cli_opt(cli, OPT_TO);
	f.plant = crm_cli_opt(cli, OPT_PLANT);
	if ((rc = crm_cli_date_opt(cli, OPT_FROM, NULL)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_TO, NULL)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, list_columns,
	    ARRAY_LEN(list_columns), &out)) != CRM_OK)
		goto out;
	rc = crm_order_list(db, &f, out, crm_cli_err(cli));
out:
	rc = crm_cli_close_out(cli, out, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_show(crm_cli *cli)
{
	crm_out *out = NULL;
	crm_db *db = NULL;
	int i, rc;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "which orders? (ID ...)");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_order_show(db, crm_cli_arg(cli, i), out,
		    crm_cli_err(cli));
out:
	rc = crm_cli_close_out(cli, out, rc);
	crm_db_close(db);
	return rc;
}

/* -f aps is the APS feed as JSON lines; any other format writes the same
 * columns in that format. */
static int
open_export(crm_cli *cli, crm_out **out)
{
	const char *fmt = crm_cli_opt(cli, CRM_OPT_FORMAT);
	int rc;

	if (fmt == NULL || strcmp(fmt, "aps") != 0)
		return crm_cli_open_out_columns(cli, crm_order_aps_columns(),
		    CRM_ORDER_APS_NCOLUMNS, out);
	if ((rc = crm_out_open(out, crm_cli_opt(cli, CRM_OPT_OUTPUT),
	    CRM_FMT_JSONL, crm_cli_opt(cli, CRM_OPT_GZIP) ? CRM_OUT_GZIP : 0,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	return crm_out_set_fields(*out, crm_order_aps_columns(),
	    CRM_ORDER_APS_NCOLUMNS, crm_cli_err(cli));
}

static int
cmd_export(crm_cli *cli)
{
	char at[CRM_DATE_BUFSZ], extra[64];
	unsigned long n = 0;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if ((rc = change_at(cli, at)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = open_export(cli, &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	rc = crm_order_export_aps(db, crm_cli_opt(cli, OPT_ALL) != NULL,
	    crm_cli_opt(cli, OPT_DRY_RUN) != NULL, at, out, &n,
	    crm_cli_err(cli));
	/* The orders are marked sent only when all of them were written. */
	rc = crm_cli_close_out(cli, out, rc);
	out = NULL;
	rc = crm_db_end(db, rc, crm_cli_err(cli));
	if (rc == CRM_OK && crm_cli_verbose(cli)) {
		snprintf(extra, sizeof(extra), "%lu lines exported", n);
		fprintf(stderr, "%s: %s\n", crm_cli_prog(cli), extra);
	}
out:
	if (out != NULL)
		crm_out_abort(out);
	crm_db_close(db);
	return rc;
}

struct feedback {
	crm_db *db;
	const char *at;
};

static int
feedback_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct feedback *fb = ctx;

	return crm_order_import_aps(fb->db, rec, fb->at, err);
}

static int
cmd_import_aps(crm_cli *cli)
{
	char at[CRM_DATE_BUFSZ];
	struct feedback fb;
	crm_db *db = NULL;
	int rc;

	if ((rc = change_at(cli, at)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	fb.db = db;
	fb.at = at;
	rc = crm_db_end(db, crm_cli_each(cli, db, feedback_one, &fb),
	    crm_cli_err(cli));
	if (rc == CRM_OK)
		crm_cli_summary(cli, NULL);
out:
	crm_db_close(db);
	return rc;
}

/* --line N:QTY (repeatable as N:QTY,N:QTY) into lines[]. */
static int
ship_lines(crm_cli *cli, crm_ship_line *lines, size_t cap, size_t *n)
{
	const char *s = crm_cli_opt(cli, OPT_LINE);
	char *end;
	long no;
	long long qty;

	*n = 0;
	while (s != NULL && *s != '\0') {
		errno = 0;
		no = strtol(s, &end, 10);
		if (end == s || *end != ':' || no <= 0 || errno != 0)
			return crm_cli_usage_error(cli, "--line: not LINE:QTY: "
			    "%s", s);
		s = end + 1;
		qty = strtoll(s, &end, 10);
		if (end == s || (*end != ',' && *end != '\0') || qty <= 0 ||
		    errno != 0)
			return crm_cli_usage_error(cli, "--line: not a "
			    "positive quantity: %s", s);
		if (*n == cap)
			return crm_cli_usage_error(cli, "--line: more than "
			    "%zu lines", cap);
		lines[*n].line_no = no;
		lines[(*n)++].qty = qty;
		s = *end == ',' ? end + 1 : end;
	}
	return CRM_OK;
}

static int
cmd_ship(crm_cli *cli)
{
	crm_ship_line lines[256];
	char at[CRM_DATE_BUFSZ];
	crm_shipment sh;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int i, rc;

	memset(&sh, 0, sizeof(sh));
	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "which orders? (ORDER ...)");
	if (crm_cli_nargs(cli) > 1 && (crm_cli_opt(cli, OPT_ID) != NULL ||
	    crm_cli_opt(cli, OPT_LINE) != NULL))
		return crm_cli_usage_error(cli, "--id and --line are for one "
		    "order");
	if ((rc = ship_lines(cli, lines, ARRAY_LEN(lines), &sh.nlines)) !=
	    CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_EXPECTED, NULL)) != CRM_OK ||
	    (rc = change_at(cli, at)) != CRM_OK)
		return rc;
	sh.lines = lines;
	sh.id = crm_cli_opt(cli, OPT_ID);
	sh.shipped_at = at;
	sh.carrier = crm_cli_opt(cli, OPT_CARRIER);
	sh.expected_on = crm_cli_opt(cli, OPT_EXPECTED);
	sh.destination = crm_cli_opt(cli, OPT_DEST);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++) {
		sh.order_id = crm_cli_arg(cli, i);
		rc = crm_order_ship(db, &sh, out, crm_cli_err(cli));
	}
	rc = crm_cli_close_out(cli, out, rc);
	out = NULL;
	rc = crm_db_end(db, rc, crm_cli_err(cli));
out:
	if (out != NULL)
		crm_out_abort(out);
	crm_db_close(db);
	return rc;
}

static int
cmd_deliver(crm_cli *cli)
{
	char at[CRM_DATE_BUFSZ], today[CRM_DATE_BUFSZ];
	const char *on = crm_cli_opt(cli, OPT_ON);
	crm_db *db = NULL;
	int32_t day;
	int i, rc;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "which shipments? (SHIPMENT "
		    "...)");
	if ((rc = crm_cli_date_opt(cli, OPT_ON, NULL)) != CRM_OK ||
	    (rc = change_at(cli, at)) != CRM_OK)
		return rc;
	if (on == NULL) {
		if ((rc = crm_today(&day, crm_cli_err(cli))) != CRM_OK)
			return rc;
		on = crm_date_format(day, today);
	}
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, crm_cli_err(cli))) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_order_deliver(db, crm_cli_arg(cli, i), on, at,
		    crm_cli_err(cli));
	rc = crm_db_end(db, rc, crm_cli_err(cli));
out:
	crm_db_close(db);
	return rc;
}

static const crm_opt create_opts[] = {
	{ "draft", OPT_DRAFT, NULL, "create drafts, to confirm later" },
	{ "hold", OPT_HOLD, NULL, "keep orders over the credit limit as "
	    "held drafts (default: refuse them)" },
	{ "tax-rate", OPT_TAX_RATE, "PCT", "tax in percent of the net "
	    "amount (default none)" },
	{ "price-list", OPT_PRICE_LIST, "NAME", "the price list (default "
	    "standard)" },
	{ "skip-existing", OPT_SKIP_EXISTING, NULL, "count orders that "
	    "exist already, do not fail" },
	{ "promotions", OPT_PROMOTIONS, "FILE", "promotion rules (default "
	    "promotions.json in the share directory)" },
	{ "no-promotions", OPT_NO_PROMOTIONS, NULL, "apply no promotions" },
	{ "layout", OPT_LAYOUT, "FILE", "order-code layout (default "
	    "order-code.json in the share directory)" },
	{ "no-codes", OPT_NO_CODES, NULL, "give the lines no order codes" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt note_opts[] = {
	{ "note", OPT_NOTE, "TEXT", "why, for the order's history" },
	{ "at", OPT_AT, "INSTANT", "when it happened (default now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt cancel_opts[] = {
	{ "reason", OPT_REASON, "TEXT", "why the order is cancelled "
	    "(required)" },
	{ "at", OPT_AT, "INSTANT", "when it happened (default now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt list_opts[] = {
	{ "status", OPT_STATUS, "STATUS", "only orders in this status" },
	{ "customer", OPT_CUSTOMER, "ID", "only this customer's orders" },
	{ "from", OPT_FROM, "DATE", "ordered on or after DATE" },
	{ "to", OPT_TO, "DATE", "ordered on or before DATE" },
	{ "plant", OPT_PLANT, "PLANT", "only orders for this plant" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt export_opts[] = {
	{ "all", OPT_ALL, NULL, "orders sent before too" },
	{ "dry-run", OPT_DRY_RUN, NULL, "do not mark the orders sent" },
	{ "at", OPT_AT, "INSTANT", "when they are sent (default now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt at_opts[] = {
	{ "at", OPT_AT, "INSTANT", "when it happened (default now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt ship_opts[] = {
	{ "line", OPT_LINE, "LINES", "N:QTY,N:QTY...: ship these "
	    "quantities of these lines (default: all that is open)" },
	{ "id", OPT_ID, "ID", "the shipment's id (default ORDER-Sn)" },
	{ "at", OPT_AT, "INSTANT", "when it left (default now)" },
	{ "carrier", OPT_CARRIER, "NAME", "who carries it" },
	{ "expected", OPT_EXPECTED, "DATE", "expected arrival" },
	{ "to", OPT_DEST, "LOCATION", "where it goes" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt deliver_opts[] = {
	{ "on", OPT_ON, "DATE", "the day it arrived (default today)" },
	{ "at", OPT_AT, "INSTANT", "when it was recorded (default now)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_verb order_verbs[] = {
	{ "create", cmd_create, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, create_opts, "[FILE ...]",
	    "create orders from records: priced, checked and coded" },
	{ "confirm", cmd_confirm, CRM_CLI_DB, note_opts, "ID ...",
	    "confirm draft orders" },
	{ "approve", cmd_approve, CRM_CLI_DB, note_opts, "ID ...",
	    "release orders held for credit approval" },
	{ "cancel", cmd_cancel, CRM_CLI_DB, cancel_opts, "ID ...",
	    "cancel orders that have not shipped" },
	{ "close", cmd_close, CRM_CLI_DB, note_opts, "ID ...",
	    "close paid orders" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, list_opts, NULL,
	    "list orders, oldest first" },
	{ "show", cmd_show, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, "ID ...",
	    "show orders with lines, shipments, invoices, payments and "
	    "history" },
	{ "export", cmd_export, CRM_CLI_DB | CRM_CLI_OUTPUT, export_opts,
	    NULL, "confirmed order lines for APS (-f aps, or csv)" },
	{ "import-aps", cmd_import_aps, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_REJECT, at_opts, "[FILE ...]",
	    "scheduling feedback from APS" },
	{ "ship", cmd_ship, CRM_CLI_DB | CRM_CLI_OUTPUT, ship_opts,
	    "ORDER ...", "ship orders in part or in full; writes the "
	    "crm-stock feed" },
	{ "deliver", cmd_deliver, CRM_CLI_DB, deliver_opts, "SHIPMENT ...",
	    "record shipments as delivered" },
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
