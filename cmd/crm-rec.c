/*
 * crm-rec - read, check, convert and select records.
 */
#include "internal.h"

static int
write_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_out_write(ctx, rec, err);
}

static int
cmd_cat(crm_cli *cli)
{
	crm_out *out;
	int rc;

	if ((rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		return rc;
	rc = crm_cli_close_out(cli, out, crm_cli_each(cli, NULL, write_one,
	    out));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
	return rc;
}

/* The pairs of a rename: old[i] becomes new[i]. */
struct renaming {
	char **old, **new;
	size_t n;
	crm_rec *tmp;
	crm_out *out;
};

static void
renaming_free(struct renaming *rn)
{
	size_t i;

	for (i = 0; i < rn->n; i++) {
		free(rn->old[i]);
		free(rn->new[i]);
	}
	free(rn->old);
	free(rn->new);
	crm_rec_free(rn->tmp);
}

/* 1 when s is one of list[0..n). */
static int
listed(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* "a=b,c=d" into rn; a pair without '=', with an empty side, or an old
 * or new name given twice is a usage error. */
static int
parse_renames(crm_cli *cli, const char *list, struct renaming *rn)
{
	const char *p = list;
	size_t k = 1, len;
	char *pair, *eq;

	for (; *p; p++)
		k += *p == ',';
	if ((rn->old = calloc(k, sizeof(char *))) == NULL ||
	    (rn->new = calloc(k, sizeof(char *))) == NULL)
		return crm_err_nomem(crm_cli_err(cli));
	for (p = list; rn->n < k; p += len + 1) {
		len = strcspn(p, ",");
		if ((pair = strndup(p, len)) == NULL)
			return crm_err_nomem(crm_cli_err(cli));
		eq = strchr(pair, '=');
		if (eq == NULL || eq == pair || eq[1] == '\0' ||
		    strchr(eq + 1, '=') != NULL) {
			free(pair);
			return crm_cli_usage_error(cli, "rename: not OLD=NEW: "
			    "'%.*s'", (int)len, p);
		}
		*eq = '\0';
		if (listed(rn->old, rn->n, pair) ||
		    listed(rn->new, rn->n, eq + 1)) {
			free(pair);
			return crm_cli_usage_error(cli, "rename: a name twice: "
			    "'%.*s'", (int)len, p);
		}
		rn->old[rn->n] = pair;
		if ((rn->new[rn->n++] = strdup(eq + 1)) == NULL)
			return crm_err_nomem(crm_cli_err(cli));
	}
	return CRM_OK;
}

/* The record with its fields renamed in place; a new name that is in
 * the record already makes it a bad record. */
static int
rename_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct renaming *rn = ctx;
	const char *key, *json;
	size_t i, j, len;
	int rc;

	crm_rec_clear(rn->tmp);
	for (i = 0; i < crm_rec_len(rec); i++) {
		key = crm_rec_key(rec, i);
		for (j = 0; j < rn->n && strcmp(rn->old[j], key) != 0; j++)
			continue;
		if (j < rn->n)
			key = rn->new[j];
		if (crm_rec_find(rn->tmp, key) >= 0)
			return crm_rec_fail(rec, err, CRM_EDATA, key, "already "
			    "in the record; cannot rename to it");
		json = crm_rec_json(rec, i, &len);
		if ((rc = crm_rec_set_json(rn->tmp, key, crm_rec_type(rec, i),
		    json, len, err)) != CRM_OK)
			return rc;
	}
	return crm_out_write(rn->out, rn->tmp, err);
}

static int
cmd_rename(crm_cli *cli)
{
	struct renaming rn;
	int rc;

	memset(&rn, 0, sizeof(rn));
	if (crm_cli_nargs(cli) < 1)
		return crm_cli_usage_error(cli, "rename needs "
		    "OLD=NEW[,OLD=NEW...]");
	if ((rc = parse_renames(cli, crm_cli_arg(cli, 0), &rn)) != CRM_OK)
		goto out;
	if ((rn.tmp = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(crm_cli_err(cli));
		goto out;
	}
	crm_cli_shift(cli, 1);
	if ((rc = crm_cli_open_out(cli, &rn.out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, rn.out, crm_cli_each(cli, NULL,
	    rename_one, &rn));
	if (rc == CRM_OK)
		crm_cli_filter_summary(cli);
out:
	renaming_free(&rn);
	return rc;
}

static const crm_verb verbs[] = {
	{ "cat", cmd_cat, CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT,
	    NULL, "[FILE ...]",
	    "read records (JSON lines, CSV, TSV), check them, write them" },
	{ "rename", cmd_rename, CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT,
	    NULL, "OLD=NEW[,OLD=NEW...] [FILE ...]",
	    "rename fields, keeping their place and value (a filter)" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const crm_prog prog = {
	"crm-rec",
	"Read, check, convert and select records.",
	verbs
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&prog, argc, argv);
}
