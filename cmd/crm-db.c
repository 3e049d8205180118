/*
 * crm-db - create, migrate, check, dump, load and back up the database.
 */
#include "internal.h"

#include <errno.h>

enum { OPT_TO = 2000 };

static int
cmd_init(crm_cli *cli)
{
	crm_db *db;
	int rc, version;

	if ((rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK)
		return rc;
	rc = crm_db_version(db, &version, crm_cli_err(cli));
	if (rc == CRM_OK && crm_cli_verbose(cli))
		fprintf(stderr, "%s: %s: schema version %d\n", crm_cli_prog(cli),
		    crm_db_path(db), version);
	crm_db_close(db);
	return rc;
}

static int
cmd_migrate(crm_cli *cli)
{
	const char *to = crm_cli_opt(cli, OPT_TO);
	crm_db *db;
	long target = 0;
	char *end;
	int rc, from, now;

	if (to != NULL) {
		errno = 0;
		target = strtol(to, &end, 10);
		if (errno != 0 || *end != '\0' || end == to || target < 1 ||
		    target > crm_schema_version())
			return crm_cli_usage_error(cli, "--to: not a schema "
			    "version from 1 to %d: %s", crm_schema_version(), to);
	}
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOMIGRATE, &db)) != CRM_OK)
		return rc;
	rc = crm_db_migrate(db, (int)target, &from, crm_cli_err(cli));
	if (rc == CRM_OK)
		rc = crm_db_version(db, &now, crm_cli_err(cli));
	if (rc == CRM_OK && !crm_cli_quiet(cli))
		fprintf(stderr, "%s: %s: schema version %d -> %d\n",
		    crm_cli_prog(cli), crm_db_path(db), from, now);
	crm_db_close(db);
	return rc;
}

static int
cmd_check(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_out *out;
	unsigned long problems = 0;
	int rc;

	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY | CRM_DB_NOMIGRATE,
	    &db)) != CRM_OK || (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	rc = crm_db_check(db, out, &problems, crm_cli_err(cli));
	rc = crm_cli_close_out(cli, out, rc);
	if (rc == CRM_OK && problems > 0)
		rc = crm_err_set(crm_cli_err(cli), CRM_EDATA, "%s: %lu "
		    "problem%s found", crm_db_path(db), problems,
		    problems == 1 ? "" : "s");
	else if (rc == CRM_OK && !crm_cli_quiet(cli))
		fprintf(stderr, "%s: %s: ok\n", crm_cli_prog(cli),
		    crm_db_path(db));
out:
	crm_db_close(db);
	return rc;
}

static int
cmd_dump(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_out *out;
	int rc;

	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_db_dump(db, out,
		    crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

static int
load_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_loader_add(ctx, rec, err);
}

static int
cmd_load(crm_cli *cli)
{
	crm_db *db = NULL;
	crm_loader *ld = NULL;
	crm_err *err = crm_cli_err(cli);
	int rc;

	if ((rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_loader_new(db, &ld, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, load_one, ld)) == CRM_OK)
		rc = crm_loader_finish(ld, err);
out:
	crm_loader_free(ld);
	if (rc == CRM_OK)
		crm_cli_summary(cli, NULL);
	crm_db_close(db);
	return rc;
}

static int
cmd_backup(crm_cli *cli)
{
	crm_db *db;
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "backup takes one DEST");
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY | CRM_DB_NOMIGRATE,
	    &db)) != CRM_OK)
		return rc;
	rc = crm_db_backup(db, crm_cli_arg(cli, 0), crm_cli_err(cli));
	if (rc == CRM_OK && crm_cli_verbose(cli))
		fprintf(stderr, "%s: %s: backed up to %s\n", crm_cli_prog(cli),
		    crm_db_path(db), crm_cli_arg(cli, 0));
	crm_db_close(db);
	return rc;
}

static const crm_opt migrate_opts[] = {
	{ "to", OPT_TO, "VERSION", "migrate up to this schema version only" },
	{ NULL, 0, NULL, NULL }
};

static const crm_verb verbs[] = {
	{ "init", cmd_init, CRM_CLI_DB, NULL, NULL,
	    "create the database, or bring its schema up to date" },
	{ "migrate", cmd_migrate, CRM_CLI_DB, migrate_opts, NULL,
	    "run the schema migrations forward" },
	{ "check", cmd_check, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, NULL,
	    "check integrity and foreign keys; list the problems" },
	{ "dump", cmd_dump, CRM_CLI_DB | CRM_CLI_OUTPUT, NULL, NULL,
	    "write the whole database as JSON lines" },
	{ "load", cmd_load, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT, NULL,
	    "[FILE ...]", "restore a dump into an empty database" },
	{ "backup", cmd_backup, CRM_CLI_DB, NULL, "DEST",
	    "copy the database consistently while others write" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const crm_prog prog = {
	"crm-db",
	"Create, migrate, check, dump, load and back up the crm database.",
	verbs
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&prog, argc, argv);
}
