/*
 * referral.c - crm-customer's referral and partner verbs: partners
 * import and list, refer, referrals import and list, settle.
 */
#include "crm/crm.h"
#include "verbs.h"

enum {
	OPT_COUNTRY = 3000, OPT_BY, OPT_PARTNER, OPT_ON, OPT_FROM, OPT_TO,
	OPT_PERIOD, OPT_RULES, OPT_DRY_RUN
};

/* An option that only one of "import" and "list" takes. */
struct only {
	int key;
	const char *name;
	int for_import;
};

static const struct only import_list_only[] = {
	{ CRM_OPT_INPUT_FORMAT, "-i", 1 }, { CRM_OPT_MAX_LINE, "--max-line", 1 },
	{ CRM_OPT_REJECT, "--reject", 1 }, { OPT_COUNTRY, "--country", 1 },
	{ OPT_FROM, "--from", 0 }, { OPT_TO, "--to", 0 },
	{ CRM_OPT_OUTPUT, "-o", 0 }, { CRM_OPT_FORMAT, "-f", 0 },
	{ CRM_OPT_GZIP, "-z", 0 }, { CRM_OPT_FIELDS, "--fields", 0 },
};

/* "VERB import [FILE ...]" or "VERB list": the first operand picks;
 * *import is set, the operand shifted away. */
static int
import_or_list(crm_cli *cli, const char *verb, int *import)
{
	const char *what = crm_cli_nargs(cli) > 0 ? crm_cli_arg(cli, 0) : "";
	size_t i;

	*import = strcmp(what, "import") == 0;
	if (!*import && strcmp(what, "list") != 0)
		return crm_cli_usage_error(cli, "%s: import or list?", verb);
	for (i = 0; i < ARRAY_LEN(import_list_only); i++)
		if (import_list_only[i].for_import != *import &&
		    crm_cli_opt(cli, import_list_only[i].key) != NULL)
			return crm_cli_usage_error(cli, "%s %s: %s is for %s %s",
			    verb, what, import_list_only[i].name, verb,
			    *import ? "list" : "import");
	crm_cli_shift(cli, 1);
	if (!*import && crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "%s list takes no files", verb);
	return CRM_OK;
}

static int
partner_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_referral_partners_import(ctx, rec, err);
}

static int
partners_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const char *country;
	crm_referral_partners *imp = NULL;
	const crm_referral_counts *c;
	crm_db *db = NULL;
	char extra[96];
	int64_t now;
	int rc;

	if ((rc = crm_cli_country_opt(cli, OPT_COUNTRY, NULL,
	    &country)) != CRM_OK)
		return rc;
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_referral_partners_new(db, country, now, &imp, err)) !=
	    CRM_OK || (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, partner_one, imp)) != CRM_OK ||
	    (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	c = crm_referral_partners_counts(imp);
	snprintf(extra, sizeof(extra), "new %lu, updated %lu, unchanged %lu",
	    c->inserted, c->updated, c->unchanged);
	crm_cli_summary(cli, extra);
out:
	crm_referral_partners_free(imp);
	crm_db_close(db);
	return rc;
}

static int
cmd_partners(crm_cli *cli)
{
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc, import;

	if ((rc = import_or_list(cli, "partners", &import)) != CRM_OK)
		return rc;
	if (import)
		return partners_import(cli);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_referral_partners_list(db,
		    out, crm_cli_err(cli)));
	crm_db_close(db);
	return rc;
}

static const crm_opt partners_opts[] = {
	{ "country", OPT_COUNTRY, "CODE", "calling code for national phone "
	    "numbers, such as 86 (import)" },
	{ NULL, 0, NULL, NULL }
};

/* The --on date as a day, today when not given. */
static int
on_day(crm_cli *cli, int32_t *day)
{
	crm_err *err = crm_cli_err(cli);
	const char *s;
	int rc;

	if ((rc = crm_cli_date_opt(cli, OPT_ON, &s)) != CRM_OK)
		return rc;
	if (s == NULL)
		return crm_today(day, err);
	return crm_date_parse(s, strlen(s), day, err);
}

static int
cmd_refer(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_referral_writer *w = NULL;
	crm_referral ref;
	crm_db *db = NULL;
	int rc;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "refer takes one customer, the "
		    "one referred");
	ref.referred = crm_cli_arg(cli, 0);
	ref.by = crm_cli_opt(cli, OPT_BY);
	ref.partner = crm_cli_opt(cli, OPT_PARTNER);
	if ((ref.by == NULL) == (ref.partner == NULL))
		return crm_cli_usage_error(cli, "--by CUSTOMER or --partner "
		    "PARTNER: one of them");
	if ((rc = on_day(cli, &ref.on)) != CRM_OK)
		return rc;
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_referral_writer_new(db, &w, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = crm_db_end(db, crm_referral_add(w, &ref, err), err);
out:
	crm_referral_writer_free(w);
	crm_db_close(db);
	return rc;
}

static const crm_opt refer_opts[] = {
	{ "by", OPT_BY, "CUSTOMER", "the referring customer" },
	{ "partner", OPT_PARTNER, "PARTNER", "the referring partner" },
	{ "on", OPT_ON, "DATE", "the day of the referral (default today)" },
	{ NULL, 0, NULL, NULL }
};

struct importing {
	crm_referral_writer *w;
	int32_t today;
};

static int
referral_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct importing *im = ctx;

	return crm_referral_import(im->w, rec, im->today, err);
}

static int
referrals_import(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	struct importing im = { NULL, 0 };
	const crm_referral_counts *c;
	crm_db *db = NULL;
	char extra[96];
	int rc;

	if ((rc = crm_today(&im.today, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_referral_writer_new(db, &im.w, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if ((rc = crm_cli_each(cli, db, referral_one, &im)) != CRM_OK ||
	    (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	c = crm_referral_writer_counts(im.w);
	snprintf(extra, sizeof(extra), "new %lu, unchanged %lu", c->inserted,
	    c->unchanged);
	crm_cli_summary(cli, extra);
out:
	crm_referral_writer_free(im.w);
	crm_db_close(db);
	return rc;
}

static int
referrals_list(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const char *const *cols;
	const char *from, *to;
	int32_t a, b;
	crm_out *out = NULL;
	crm_db *db = NULL;
	size_t n;
	int rc;

	if ((rc = crm_cli_date_opt(cli, OPT_FROM, &from)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_TO, &to)) != CRM_OK)
		return rc;
	if (from != NULL)
		crm_date_parse(from, strlen(from), &a, err);
	if (to != NULL)
		crm_date_parse(to, strlen(to), &b, err);
	if (from != NULL && to != NULL && b < a)
		return crm_cli_usage_error(cli, "--to %s is before --from %s",
		    to, from);
	cols = crm_referral_report_columns(&n);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out_columns(cli, cols, n, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_referral_report(db,
		    from != NULL ? &a : NULL, to != NULL ? &b : NULL, out,
		    err));
	crm_db_close(db);
	return rc;
}

static int
cmd_referrals(crm_cli *cli)
{
	int rc, import;

	if ((rc = import_or_list(cli, "referrals", &import)) != CRM_OK)
		return rc;
	return import ? referrals_import(cli) : referrals_list(cli);
}

static const crm_opt referrals_opts[] = {
	{ "from", OPT_FROM, "DATE", "count sales from this day (list)" },
	{ "to", OPT_TO, "DATE", "count sales up to this day (list)" },
	{ NULL, 0, NULL, NULL }
};

static int
cmd_settle(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	const char *period = crm_cli_opt(cli, OPT_PERIOD);
	int dry_run = crm_cli_opt(cli, OPT_DRY_RUN) != NULL;
	crm_referral_rules *rules = NULL;
	unsigned long lines = 0;
	crm_out *out = NULL;
	crm_db *db = NULL;
	char extra[96];
	int64_t now;
	int rc;

	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "settle takes no files");
	if (period == NULL)
		return crm_cli_usage_error(cli, "--period: which month "
		    "(2026-11) or quarter (2026-Q4)?");
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_referral_rules_load(crm_cli_opt(cli, OPT_RULES), &rules,
	    err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	rc = crm_referral_settle(db, rules, period, now, dry_run, out, &lines,
	    err);
	rc = crm_cli_close_out(cli, out, rc);
	if (rc == CRM_OK && !dry_run)
		rc = crm_db_commit(db, err);
	if (rc == CRM_OK && crm_cli_verbose(cli)) {
		snprintf(extra, sizeof(extra), "%s%lu lines", dry_run ?
		    "dry run, " : "", lines);
		crm_cli_summary(cli, extra);
	}
out:
	crm_db_close(db);
	crm_referral_rules_free(rules);
	return rc;
}

static const crm_opt settle_opts[] = {
	{ "period", OPT_PERIOD, "KEY", "the month (2026-11) or quarter "
	    "(2026-Q4) to settle" },
	{ "rules", OPT_RULES, "FILE", "reward and rebate rules (default "
	    "share/crm/referral-rules.json)" },
	{ "dry-run", OPT_DRY_RUN, NULL, "print the settlement, write nothing" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_customer_referral_verbs[] = {
	{ "partners", cmd_partners, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_OUTPUT | CRM_CLI_REJECT, partners_opts,
	    "import|list [FILE ...]",
	    "store partners (agents, referral partners, dealers) or list them" },
	{ "refer", cmd_refer, CRM_CLI_DB, refer_opts, "REFERRED",
	    "record who referred a customer" },
	{ "referrals", cmd_referrals, CRM_CLI_DB | CRM_CLI_INPUT |
	    CRM_CLI_OUTPUT | CRM_CLI_REJECT, referrals_opts,
	    "import|list [FILE ...]",
	    "store referrals, or list the revenue that followed them" },
	{ "settle", cmd_settle, CRM_CLI_DB | CRM_CLI_OUTPUT, settle_opts, NULL,
	    "rewards and rebates of a month or quarter, written once" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
