/*
 * crm-catalog - the product catalog: import products, colours, options,
 * aliases and prices; match what customers write to catalog codes; look
 * up the price in force; list and show.
 */
#include "internal.h"
#include "crm/catalog.h"

enum {
	OPT_FIELD = 2000, OPT_DATE, OPT_TIER, OPT_LIST, OPT_EACH
};

static const char *const list_columns[] = {
	"sku", "name", "segment", "category", "unit", "list_price", "currency",
	"bom_code", "active", "colours", "options"
};

static int
import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_catalog_import(ctx, rec, err);
}

static int
cmd_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const crm_catalog_import_counts *c;
	crm_catalog_importer *imp = NULL;
	crm_db *db = NULL;
	char extra[160];
	int rc;

	if ((rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_catalog_importer_new(db, &imp, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = crm_db_end(db, crm_cli_each(cli, db, import_one, imp), err);
	if (rc == CRM_OK) {
		c = crm_catalog_import_counts_of(imp);
		snprintf(extra, sizeof(extra), "inserted %lu, updated %lu, "
		    "unchanged %lu", c->inserted, c->updated, c->unchanged);
		crm_cli_summary(cli, extra);
	}
out:
	crm_catalog_importer_free(imp);
	crm_db_close(db);
	return rc;
}

/* The catalog of the database, read once. */
static int
open_catalog(crm_cli *cli, crm_catalog **cat)
{
	crm_db *db = NULL;
	int rc;

	*cat = NULL;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK)
		rc = crm_catalog_open(db, cat, crm_cli_err(cli));
	crm_db_close(db);
	return rc;
}

/* What a filter verb works with. */
struct filter {
	crm_catalog *cat;
	crm_out *out;
	const char *field;   /* match: the field of the description */
	const char *list;    /* price: the price list */
	int32_t day;         /* price: the date of records without one */
};

static int
match_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct filter *f = ctx;
	int rc;

	if ((rc = crm_catalog_match_rec(f->cat, rec, f->field, err)) !=
	    CRM_OK)
		return rc;
	return crm_out_write(f->out, rec, err);
}

static int
price_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct filter *f = ctx;
	int rc;

	if ((rc = crm_catalog_price_rec(f->cat, f->list, rec, f->day, err)) !=
	    CRM_OK)
		return rc;
	return crm_out_write(f->out, rec, err);
}

/* Run fn over the records of the operands, with the catalog open. */
static int
run_filter(crm_cli *cli, struct filter *f, crm_rec_fn fn)
{
	int rc;

	if ((rc = open_catalog(cli, &f->cat)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &f->out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, f->out, crm_cli_each(cli, NULL, fn, f));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
out:
	crm_catalog_free(f->cat);
	return rc;
}

static int
cmd_match(crm_cli *cli)
{
	struct filter f;

	memset(&f, 0, sizeof(f));
	f.field = crm_cli_opt(cli, OPT_FIELD);
	if (f.field != NULL && *f.field == '\0')
		return crm_cli_usage_error(cli, "--field: empty");
	return run_filter(cli, &f, match_one);
}

/* The price of the SKU of the command line as one record. */
static int
price_sku(crm_cli *cli, struct filter *f)
{
	const char *tier = crm_cli_opt(cli, OPT_TIER), *sku;
	crm_err *err = crm_cli_err(cli);
	char date[CRM_DATE_BUFSZ];
	crm_rec *r = NULL;
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "price takes one SKU (or --each "
		    "and records)");
	sku = crm_cli_arg(cli, 0);
	crm_date_format(f->day, date);
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = open_catalog(cli, &f->cat)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "sku", sku, strlen(sku), err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_str(r, "list", f->list, strlen(f->list),
	    err)) != CRM_OK ||
	    (tier != NULL && (rc = crm_rec_set_str(r, "tier", tier,
	    strlen(tier), err)) != CRM_OK) ||
	    (rc = crm_rec_set_str(r, "date", date, strlen(date), err)) !=
	    CRM_OK ||
	    (rc = crm_catalog_price_rec(f->cat, f->list, r, f->day, err)) !=
	    CRM_OK ||
	    (rc = crm_cli_open_out(cli, &f->out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, f->out, crm_out_write(f->out, r, err));
out:
	crm_rec_free(r);
	crm_catalog_free(f->cat);
	return rc;
}

static int
cmd_price(crm_cli *cli)
{
	const char *date = crm_cli_opt(cli, OPT_DATE);
	struct filter f;
	crm_err why;
	int rc;

	memset(&f, 0, sizeof(f));
	f.list = crm_cli_opt(cli, OPT_LIST);
	if (f.list == NULL)
		f.list = "standard";
	if (date != NULL && crm_date_parse(date, strlen(date), &f.day,
	    &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--date: %s: %s", why.msg,
		    date);
	if (date == NULL && (rc = crm_today(&f.day, crm_cli_err(cli))) !=
	    CRM_OK)
		return rc;
	if (crm_cli_opt(cli, OPT_EACH) != NULL) {
		if (crm_cli_opt(cli, OPT_TIER) != NULL)
			return crm_cli_usage_error(cli, "--tier is for one SKU; "
			    "records give their own tier");
		return run_filter(cli, &f, price_one);
	}
	return price_sku(cli, &f);
}

static int
cmd_list(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_out *out;
	int rc;

	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out_columns(cli, list_columns,
	    ARRAY_LEN(list_columns), &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_catalog_list(db, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

static int
cmd_show(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_out *out;
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "show takes one SKU");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_catalog_show(db,
		    crm_cli_arg(cli, 0), out, crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

#define END_OPT { NULL, 0, NULL, NULL }

static const crm_opt match_opts[] = {
	{ "field", OPT_FIELD, "NAME", "the field of the description "
	    "(default description)" },
	END_OPT
};

static const crm_opt price_opts[] = {
	{ "date", OPT_DATE, "DATE", "the day (default today; records may "
	    "give a date)" },
	{ "tier", OPT_TIER, "TIER", "the customer tier" },
	{ "list", OPT_LIST, "LIST", "the price list (default standard)" },
	{ "each", OPT_EACH, NULL, "price each record read (by its sku, tier "
	    "and date)" },
	END_OPT
};

static const crm_verb verbs[] = {
	{ "import", cmd_import, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    NULL, "[FILE ...]",
	    "insert or update products, colours, options, aliases, prices" },
	{ "match", cmd_match, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, match_opts, "[FILE ...]",
	    "add the sku, colour and options a description names" },
	{ "price", cmd_price, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, price_opts, "[SKU | FILE ...]",
	    "the price of a sku in force on a day" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, NULL,
	    "every product with its colours and options" },
	{ "show", cmd_show, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, "SKU",
	    "one product with its colours, options, aliases and prices" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const crm_prog prog = {
	"crm-catalog",
	"The product catalog: import it, match what customers write to "
	"catalog codes, look up prices, list and show products.",
	verbs
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&prog, argc, argv);
}
