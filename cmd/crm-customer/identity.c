/*
 * identity.c - crm-customer's identity verbs: match, distinct, merge,
 * unmerge.
 */
#include "crm/crm.h"
#include "verbs.h"

enum {
	OPT_MIN_CONFIDENCE = 3100, OPT_COUNTRY, OPT_NOTE, OPT_INTO,
	OPT_EVIDENCE, OPT_CONFIDENCE, OPT_MERGE
};

static int
cmd_match(crm_cli *cli)
{
	crm_identity_match_opts opts;
	crm_out *out = NULL;
	crm_db *db = NULL;
	long min;
	int rc;

	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "match takes no operands");
	if ((rc = crm_cli_whole_opt(cli, OPT_MIN_CONFIDENCE, 0, 100, 50,
	    &min)) != CRM_OK || (rc = crm_cli_country_opt(cli, OPT_COUNTRY,
	    "86", &opts.country)) != CRM_OK)
		return rc;
	opts.min_confidence = (int)min;
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_identity_match(db, &opts,
		    out, NULL, crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

/* Run fn's change in one transaction and write its result record. */
static int
change(crm_cli *cli, int (*fn)(crm_cli *, crm_db *, int64_t, crm_rec *))
{
	crm_err *err = crm_cli_err(cli);
	crm_out *out = NULL;
	crm_db *db = NULL;
	crm_rec *r = NULL;
	int64_t now;
	int rc;

	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = crm_db_end(db, fn(cli, db, now, r), err);
	if (rc == CRM_OK && crm_rec_len(r) > 0 &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_out_write(out, r, err));
out:
	crm_rec_free(r);
	crm_db_close(db);
	return rc;
}

static int
do_distinct(crm_cli *cli, crm_db *db, int64_t now, crm_rec *r)
{
	(void)r;
	return crm_identity_distinct(db, crm_cli_arg(cli, 0),
	    crm_cli_arg(cli, 1), crm_cli_opt(cli, OPT_NOTE), now,
	    crm_event_actor(), crm_cli_err(cli));
}

static int
cmd_distinct(crm_cli *cli)
{
	if (crm_cli_nargs(cli) != 2)
		return crm_cli_usage_error(cli, "distinct takes two customer "
		    "ids");
	if (strcmp(crm_cli_arg(cli, 0), crm_cli_arg(cli, 1)) == 0)
		return crm_cli_usage_error(cli, "%s: a customer is not "
		    "distinct from itself", crm_cli_arg(cli, 0));
	return change(cli, do_distinct);
}

static int
do_merge(crm_cli *cli, crm_db *db, int64_t now, crm_rec *r)
{
	crm_identity_merge_opts opts;
	long conf;
	int rc;

	if ((rc = crm_cli_whole_opt(cli, OPT_CONFIDENCE, 0, 100, -1, &conf)) !=
	    CRM_OK)
		return rc;
	opts.evidence = crm_cli_opt(cli, OPT_EVIDENCE);
	opts.confidence = (int)conf;
	opts.now = now;
	opts.actor = crm_event_actor();
	return crm_identity_merge(db, crm_cli_arg(cli, 0),
	    crm_cli_opt(cli, OPT_INTO), &opts, r, crm_cli_err(cli));
}

static int
cmd_merge(crm_cli *cli)
{
	const char *into = crm_cli_opt(cli, OPT_INTO);
	long conf;
	int rc;

	if (crm_cli_nargs(cli) != 1 || into == NULL)
		return crm_cli_usage_error(cli, "merge takes one customer id "
		    "and --into ID");
	if ((rc = crm_cli_whole_opt(cli, OPT_CONFIDENCE, 0, 100, -1, &conf)) !=
	    CRM_OK)
		return rc;
	if (strcmp(crm_cli_arg(cli, 0), into) == 0)
		return crm_cli_usage_error(cli, "%s: cannot merge a customer "
		    "into itself", into);
	return change(cli, do_merge);
}

static int
do_unmerge(crm_cli *cli, crm_db *db, int64_t now, crm_rec *r)
{
	long id = 0;
	int rc;

	if ((rc = crm_cli_whole_opt(cli, OPT_MERGE, 1, 999999999, 0, &id)) !=
	    CRM_OK)
		return rc;
	return crm_identity_unmerge(db, crm_cli_nargs(cli) == 1 ?
	    crm_cli_arg(cli, 0) : NULL, id, now, crm_event_actor(), r,
	    crm_cli_err(cli));
}

static int
cmd_unmerge(crm_cli *cli)
{
	long id;
	int rc;

	if ((crm_cli_nargs(cli) == 1) == (crm_cli_opt(cli, OPT_MERGE) != NULL)
	    || crm_cli_nargs(cli) > 1)
		return crm_cli_usage_error(cli, "unmerge takes a customer id "
		    "or --merge N");
	if ((rc = crm_cli_whole_opt(cli, OPT_MERGE, 1, 999999999, 0, &id)) !=
	    CRM_OK)
		return rc;
	return change(cli, do_unmerge);
}

static const crm_opt match_opts[] = {
	{ "min-confidence", OPT_MIN_CONFIDENCE, "N", "leave out pairs less "
	    "sure than N, 0 to 100 (default 50)" },
	{ "country", OPT_COUNTRY, "CODE", "calling code of national phone "
	    "numbers (default 86)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt distinct_opts[] = {
	{ "note", OPT_NOTE, "TEXT", "why they are two" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt merge_opts[] = {
	{ "into", OPT_INTO, "ID", "the customer that stays" },
	{ "evidence", OPT_EVIDENCE, "TEXT", "why they are one (kept with "
	    "the merge)" },
	{ "confidence", OPT_CONFIDENCE, "N", "how sure, 0 to 100 (kept with "
	    "the merge)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt unmerge_opts[] = {
	{ "merge", OPT_MERGE, "N", "the merge to undo, by its number" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_customer_identity_verbs[] = {
	{ "match", cmd_match, CRM_CLI_DB | CRM_CLI_OUTPUT, match_opts, NULL,
	    "propose pairs of customers that look like one, with evidence" },
	{ "distinct", cmd_distinct, CRM_CLI_DB, distinct_opts, "ID ID",
	    "record that two customers are two: match no longer proposes "
	    "them" },
	{ "merge", cmd_merge, CRM_CLI_DB | CRM_CLI_OUTPUT, merge_opts, "ID",
	    "merge a customer into another, re-pointing all it has" },
	{ "unmerge", cmd_unmerge, CRM_CLI_DB | CRM_CLI_OUTPUT, unmerge_opts,
	    "[ID]", "undo a merge exactly" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
