/*
 * route.c - crm-lead verbs that route leads to reps: reps import and
 * list, assign, overdue, delegate, transfer.
 */
#include "verbs.h"

enum {
	OPT_COUNTRY = 3000
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
	const char *country = crm_cli_opt(cli, OPT_COUNTRY);
	crm_route_reps_importer *imp = NULL;
	const crm_route_reps_counts *c;
	crm_db *db = NULL;
	char extra[160];
	int64_t now;
	int rc;

	if (country != NULL && (*country == '\0' || strlen(country) > 3 ||
	    strspn(country, "0123456789") != strlen(country)))
		return crm_cli_usage_error(cli, "--country: not a country "
		    "calling code (1 to 3 digits, such as 86 or 1): %s",
		    country);
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

const crm_verb crm_lead_route_verbs[] = {
	{ "reps", cmd_reps, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, reps_opts, "import|list [FILE ...]",
	    "import reps and teams (upsert on id), or list them" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
