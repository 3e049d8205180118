/*
 * code.c - the order-code verbs of crm-order: encode and decode, filters
 * over records by the layout of crm-order-code(5).
 */
#include "verbs.h"

enum { OPT_LAYOUT = 4000, OPT_FIELD, OPT_NO_DB };

struct coding {
	crm_ordercode *oc;
	crm_ordercode_seqs *seqs;   /* NULL: every record brings its number */
	const char *field;          /* the code's record field */
	const char *seq_field;      /* the layout's, or NULL */
	unsigned long handed;       /* numbers handed out */
	crm_out *out;
};

static int
encode_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct coding *c = ctx;
	int fresh = c->seqs != NULL && c->seq_field != NULL &&
	    crm_rec_get(rec, c->seq_field) == NULL;
	int rc;

	if ((rc = crm_ordercode_stamp(c->oc, rec, c->field, c->seqs, err)) !=
	    CRM_OK)
		return rc;
	c->handed += fresh;
	return crm_out_write(c->out, rec, err);
}

static int
decode_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct coding *c = ctx;
	int rc;

	if ((rc = crm_ordercode_unstamp(c->oc, rec, c->field, err)) != CRM_OK)
		return rc;
	return crm_out_write(c->out, rec, err);
}

/* Like crm_cli_filter_summary, with the numbers handed out. */
static void
summary(crm_cli *cli, const struct coding *c)
{
	char extra[64];

	if (!crm_cli_verbose(cli) && crm_cli_opt(cli, CRM_OPT_REJECT) == NULL)
		return;
	if (c->seqs == NULL) {
		crm_cli_summary(cli, NULL);
		return;
	}
	snprintf(extra, sizeof(extra), "numbers handed out %lu", c->handed);
	crm_cli_summary(cli, extra);
}

static int
load_layout(crm_cli *cli, struct coding *c)
{
	memset(c, 0, sizeof(*c));
	c->field = crm_cli_opt(cli, OPT_FIELD);
	if (c->field != NULL && *c->field == '\0')
		return crm_cli_usage_error(cli, "--field: an empty name");
	return crm_ordercode_load(crm_cli_opt(cli, OPT_LAYOUT), &c->oc,
	    crm_cli_err(cli));
}

/* With a database, every number is handed out in the run's one
 * transaction, which holds the write lock until it commits: a run
 * started at the same time waits for it and goes on from its numbers. */
static int
cmd_encode(crm_cli *cli)
{
	int no_db = crm_cli_opt(cli, OPT_NO_DB) != NULL;
	crm_err *err = crm_cli_err(cli);
	struct coding c;
	crm_db *db = NULL;
	int rc;

	if (no_db && crm_cli_opt(cli, CRM_OPT_DB) != NULL)
		return crm_cli_usage_error(cli, "--no-db and --db: which one?");
	if ((rc = load_layout(cli, &c)) != CRM_OK)
		goto out;
	c.seq_field = crm_ordercode_seq_field(c.oc);
	if (!no_db && c.seq_field != NULL &&
	    ((rc = crm_cli_open_db(cli, 0, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK ||
	    (rc = crm_ordercode_seqs_new(db, c.oc, &c.seqs, err)) != CRM_OK))
		goto out;
	if ((rc = crm_cli_open_out(cli, &c.out)) != CRM_OK)
		goto out;
	rc = crm_cli_each(cli, NULL, encode_one, &c);
	if (rc == CRM_OK && c.seqs != NULL)
		rc = crm_ordercode_seqs_flush(c.seqs, err);
	/* The records before a bad one are out, but their numbers are not
	 * kept: a run that fails commits nothing (crm-order(1)). */
	rc = crm_cli_close_out(cli, c.out, rc);
	c.out = NULL;
	if (db != NULL)
		rc = crm_db_end(db, rc, err);
	if (rc == CRM_OK)
		summary(cli, &c);
out:
	crm_out_abort(c.out);
	crm_ordercode_seqs_free(c.seqs);
	crm_db_close(db);
	crm_ordercode_free(c.oc);
	return rc;
}

static int
cmd_decode(crm_cli *cli)
{
	struct coding c;
	int rc;

	if ((rc = load_layout(cli, &c)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &c.out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, c.out, crm_cli_each(cli, NULL, decode_one,
	    &c));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
out:
	crm_ordercode_free(c.oc);
	return rc;
}

static const crm_opt encode_opts[] = {
	{ "layout", OPT_LAYOUT, "FILE", "order-code layout (default "
	    "order-code.json in the share directory)" },
	{ "field", OPT_FIELD, "NAME", "write the code to this field "
	    "(default order_code)" },
	{ "no-db", OPT_NO_DB, NULL, "hand out no numbers: every record "
	    "brings its own" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt decode_opts[] = {
	{ "layout", OPT_LAYOUT, "FILE", "order-code layout (default "
	    "order-code.json in the share directory)" },
	{ "field", OPT_FIELD, "NAME", "read the code from this field "
	    "(default order_code)" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_order_code_verbs[] = {
	{ "encode", cmd_encode, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, encode_opts, "[FILE ...]",
	    "order codes from records, numbered from the database (a "
	    "filter)" },
	{ "decode", cmd_decode, CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, decode_opts, "[FILE ...]",
	    "the fields of order codes (a filter)" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
