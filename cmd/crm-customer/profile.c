/*
 * profile.c - crm-customer's profile verbs: import, list, show, assign,
 * transfer.
 */
#include "crm/crm.h"
#include "verbs.h"

enum {
	OPT_COUNTRY = 4000, OPT_OWNER, OPT_REGION, OPT_CHANNEL, OPT_KIND,
	OPT_TAG, OPT_TIER, OPT_MERGED, OPT_ORDERS, OPT_ACTIVITIES, OPT_TO,
	OPT_FROM
};

static int
import_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_customer_import(ctx, rec, err);
}

static int
cmd_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const char *country;
	crm_customer_importer *imp = NULL;
	const crm_customer_import_counts *c;
	crm_db *db = NULL;
	char extra[160];
	int64_t now;
	int rc;

	if ((rc = crm_cli_country_opt(cli, OPT_COUNTRY, NULL,
	    &country)) != CRM_OK)
		return rc;
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_customer_importer_new(db, country, now, &imp, err)) !=
	    CRM_OK || (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, import_one, imp)) != CRM_OK ||
	    (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	c = crm_customer_import_counts_of(imp);
	snprintf(extra, sizeof(extra), "new %lu, updated %lu, unchanged %lu",
	    c->inserted, c->updated, c->unchanged);
	crm_cli_summary(cli, extra);
out:
	crm_customer_importer_free(imp);
	crm_db_close(db);
	return rc;
}

/* The tags of every --tag (each may be a comma list), into tags[]. */
static int
split_tags(crm_cli *cli, char *buf, const char **tags, size_t max,
    size_t *n)
{
	char *p, *end;

	*n = 0;
	for (p = buf; p != NULL; p = end) {
		if ((end = strchr(p, ',')) != NULL)
			*end++ = '\0';
		if (*p == '\0')
			return crm_cli_usage_error(cli, "--tag: an empty tag");
		if (*n == max)
			return crm_cli_usage_error(cli, "--tag: more than %zu "
			    "tags", max);
		tags[(*n)++] = p;
	}
	return CRM_OK;
}

static int
cmd_list(crm_cli *cli)
{
	const char *tags[32];
	crm_customer_filter f;
	const char *const *cols;
	crm_out *out = NULL;
	crm_db *db = NULL;
	char *tagbuf = NULL;
	size_t ncols;
	int rc;

	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "list takes no operands");
	memset(&f, 0, sizeof(f));
	f.owner = crm_cli_opt(cli, OPT_OWNER);
	f.region = crm_cli_opt(cli, OPT_REGION);
	f.channel = crm_cli_opt(cli, OPT_CHANNEL);
	f.kind = crm_cli_opt(cli, OPT_KIND);
	f.tier = crm_cli_opt(cli, OPT_TIER);
	f.merged = crm_cli_opt(cli, OPT_MERGED) != NULL;
	if (crm_cli_opt(cli, OPT_TAG) != NULL) {
		if ((tagbuf = strdup(crm_cli_opt(cli, OPT_TAG))) == NULL)
			return crm_err_nomem(crm_cli_err(cli));
		if ((rc = split_tags(cli, tagbuf, tags, ARRAY_LEN(tags),
		    &f.ntags)) != CRM_OK)
			goto out;
		f.tags = tags;
	}
	cols = crm_customer_list_columns(&ncols);
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, ncols, &out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, out, crm_customer_list(db, &f, out,
	    crm_cli_err(cli)));
out:
	crm_db_close(db);
	free(tagbuf);
	return rc;
}

static int
cmd_show(crm_cli *cli)
{
	crm_customer_show_opts opts;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc, i;

	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "show takes one or more "
		    "customer IDs");
	if ((rc = crm_cli_whole_opt(cli, OPT_ORDERS, 0, 100000, 10,
	    &opts.orders)) != CRM_OK ||
	    (rc = crm_cli_whole_opt(cli, OPT_ACTIVITIES, 0, 100000, 10,
	    &opts.activities)) != CRM_OK ||
	    (rc = crm_now(&opts.now, crm_cli_err(cli))) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = crm_customer_show(db, crm_cli_arg(cli, i), &opts, out,
		    crm_cli_err(cli));
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_db_close(db);
	return rc;
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
	if ((rc = crm_now(&ch->now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, db)) != CRM_OK ||
	    (rc = crm_db_begin(*db, err)) != CRM_OK)
		return rc;
	return crm_cli_open_out(cli, &ch->out);
}

/* Commit when rc is CRM_OK, close. */
static int
change_end(crm_cli *cli, crm_db *db, crm_route_change *ch, int rc)
{
	if (rc == CRM_OK)
		rc = crm_db_commit(db, crm_cli_err(cli));
	if (rc != CRM_OK) {
		crm_out_abort(ch->out);
		ch->out = NULL;
	}
	rc = crm_cli_close_out(cli, ch->out, rc);
	crm_db_close(db);
	return rc;
}

static int
cmd_assign(crm_cli *cli)
{
	const char *to = crm_cli_opt(cli, OPT_TO);
	crm_route_change ch;
	crm_db *db;
	int rc, i, changed;

	if (to == NULL || crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, "assign takes customer IDs and "
		    "--to REP");
	if ((rc = change_begin(cli, &db, &ch)) == CRM_OK)
		for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
			rc = crm_customer_assign(db, crm_cli_arg(cli, i), to,
			    &ch, &changed, crm_cli_err(cli));
	return change_end(cli, db, &ch, rc);
}

static int
cmd_transfer(crm_cli *cli)
{
	const char *from = crm_cli_opt(cli, OPT_FROM);
	const char *to = crm_cli_opt(cli, OPT_TO);
	unsigned long moved = 0;
	crm_route_change ch;
	crm_db *db;
	int rc;

	if (from == NULL || to == NULL || crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "transfer takes --from REP and "
		    "--to REP, no operands");
	if ((rc = change_begin(cli, &db, &ch)) == CRM_OK) {
		rc = crm_customer_transfer(db, from, to, &ch, &moved,
		    crm_cli_err(cli));
		if (rc == CRM_EUSAGE)
			rc = crm_cli_usage_error(cli, "%s",
			    crm_cli_err(cli)->msg);
	}
	return change_end(cli, db, &ch, rc);
}

static const crm_opt import_opts[] = {
	{ "country", OPT_COUNTRY, "CODE", "calling code for national phone "
	    "numbers, such as 86" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt list_opts[] = {
	{ "owner", OPT_OWNER, "REP", "customers of this rep" },
	{ "region", OPT_REGION, "REGION", "customers in this region" },
	{ "channel", OPT_CHANNEL, "CHANNEL", "customers of this channel" },
	{ "kind", OPT_KIND, "KIND", "dealer, retailer or end_user" },
	{ "tag", OPT_TAG, "TAGS", "customers with all these tags (a comma "
	    "list)" },
	{ "tier", OPT_TIER, "TIER", "customers of this stored tier" },
	{ "merged", OPT_MERGED, NULL, "merged customers too" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt show_opts[] = {
	{ "orders", OPT_ORDERS, "N", "the last N orders (default 10)" },
	{ "activities", OPT_ACTIVITIES, "N", "the last N activities "
	    "(default 10)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt assign_opts[] = {
	{ "to", OPT_TO, "REP", "the rep who looks after them now" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt transfer_opts[] = {
	{ "from", OPT_FROM, "REP", "the rep whose customers move" },
	{ "to", OPT_TO, "REP", "the rep who takes them over" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_customer_profile_verbs[] = {
	{ "import", cmd_import, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    import_opts, "[FILE ...]",
	    "store customers with contacts, addresses and tags (upsert on "
	    "id)" },
	{ "list", cmd_list, CRM_CLI_DB | CRM_CLI_OUTPUT, list_opts, NULL,
	    "list customers by owner, region, channel, kind, tags, tier" },
	{ "show", cmd_show, CRM_CLI_DB | CRM_CLI_OUTPUT, show_opts, "ID ...",
	    "the 360 view of customers" },
	{ "assign", cmd_assign, CRM_CLI_DB | CRM_CLI_OUTPUT, assign_opts,
	    "ID ...", "give customers to a rep, with events" },
	{ "transfer", cmd_transfer, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    transfer_opts, NULL, "all customers of one rep to another" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
