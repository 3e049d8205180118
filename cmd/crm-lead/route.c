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

static const crm_opt reps_import_opts[] = {
	{ "country", OPT_COUNTRY, "CODE", "calling code for national phone "
	    "numbers, such as 86" },
	{ NULL, 0, NULL, NULL }
};

/* "reps import" and "reps list" are verbs of their own, each with its
 * own options, under the one word "reps" that crm-lead dispatches on. */
static const crm_verb reps_verbs[] = {
	{ "reps import", reps_import, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_REJECT, reps_import_opts, "[FILE ...]",
	    "import reps and teams (upsert on id)" },
	{ "reps list", reps_list, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, NULL,
	    "list reps with their team and open leads" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

/* Every option "reps" takes, to pass on to its sub-verb. */
static const struct {
	int key;
	const char *name;
	int has_arg;
} reps_pass[] = {
	{ CRM_OPT_QUIET, "quiet", 0 }, { CRM_OPT_VERBOSE, "verbose", 0 },
	{ CRM_OPT_DB, "db", 1 }, { CRM_OPT_BUSY_TIMEOUT, "busy-timeout", 1 },
	{ CRM_OPT_INPUT_FORMAT, "input-format", 1 },
	{ CRM_OPT_MAX_LINE, "max-line", 1 }, { CRM_OPT_OUTPUT, "output", 1 },
	{ CRM_OPT_FORMAT, "format", 1 }, { CRM_OPT_GZIP, "gzip", 0 },
	{ CRM_OPT_FIELDS, "fields", 1 }, { CRM_OPT_REJECT, "reject", 1 },
	{ OPT_COUNTRY, "country", 1 },
};

/* "reps import [FILE ...]" or "reps list": the first operand picks the
 * sub-verb, which runs with the options given, as if it were a verb of
 * crm-lead itself (its own option checks, usage line and messages). */
static int
cmd_reps(crm_cli *cli)
{
	const char *what = crm_cli_nargs(cli) > 0 ? crm_cli_arg(cli, 0) : "";
	crm_prog prog = { "crm-lead", "Reps and teams.", reps_verbs };
	char verb[16], *opts[ARRAY_LEN(reps_pass)], **argv;
	int argc = 0, i, status = CRM_OK;
	size_t k, nopts = 0;

	if (strcmp(what, "import") != 0 && strcmp(what, "list") != 0)
		return crm_cli_usage_error(cli, "reps: import or list?");
	snprintf(verb, sizeof(verb), "reps %s", what);
	argv = calloc(ARRAY_LEN(reps_pass) + (size_t)crm_cli_nargs(cli) + 4,
	    sizeof(char *));
	if (argv == NULL)
		return crm_err_nomem(crm_cli_err(cli));
	argv[argc++] = "crm-lead";
	argv[argc++] = verb;
	for (k = 0; k < ARRAY_LEN(reps_pass) && status == CRM_OK; k++) {
		const char *v = crm_cli_opt(cli, reps_pass[k].key);
		size_t len;

		if (v == NULL)
			continue;
		len = strlen(reps_pass[k].name) + strlen(v) + 4;
		if ((opts[nopts] = malloc(len)) == NULL) {
			status = crm_err_nomem(crm_cli_err(cli));
			break;
		}
		snprintf(opts[nopts], len, "--%s%s%s", reps_pass[k].name,
		    reps_pass[k].has_arg ? "=" : "",
		    reps_pass[k].has_arg ? v : "");
		argv[argc++] = opts[nopts++];
	}
	argv[argc++] = "--";
	for (i = 1; i < crm_cli_nargs(cli); i++)
		argv[argc++] = (char *)(uintptr_t)crm_cli_arg(cli, i);
	if (status == CRM_OK)
		status = crm_cli_main(&prog, argc, argv);
	for (k = 0; k < nopts; k++)
		free(opts[k]);
	free(argv);
	return status;
}

const crm_verb crm_lead_route_verbs[] = {
	{ "reps", cmd_reps, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, reps_import_opts, "import|list [FILE ...]",
	    "import reps and teams (upsert on id), or list them" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
