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

static const crm_verb verbs[] = {
	{ "cat", cmd_cat, CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT,
	    NULL, "[FILE ...]",
	    "read records (JSON lines, CSV, TSV), check them, write them" },
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
