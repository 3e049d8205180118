/*
 * crm-report - the numbers sales management runs on: sales, the funnel,
 * effectiveness, customer value, targets, receivables, stock age,
 * promotions, and a general group-by over any stream of records; as JSON
 * lines, CSV, TSV, tables, Markdown or an HTML page with a chart.
 */
#include "internal.h"

enum {
	OPT_BY = 'b', OPT_AGGREGATE = 'a', OPT_TITLE = 2000
};

/*
 * group: a filter over the records of the operands.
 */
struct grouping {
	crm_group *g;
};

static int
group_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct grouping *gr = ctx;

	return crm_group_add(gr->g, rec, err);
}

static int
cmd_group(crm_cli *cli)
{
	struct grouping gr = { NULL };
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	char title[256];
	size_t n, nkeys;
	int rc, period;

	rc = crm_group_new(crm_cli_opt(cli, OPT_BY),
	    crm_cli_opt(cli, OPT_AGGREGATE), &gr.g, crm_cli_err(cli));
	if (rc != CRM_OK)
		return rc;
	spec.columns = crm_group_columns(gr.g, &n, &nkeys);
	spec.ncolumns = n;
	spec.nkeys = nkeys;
	snprintf(title, sizeof(title), "%s by %s", spec.columns[nkeys],
	    crm_cli_opt(cli, OPT_BY) != NULL ? crm_cli_opt(cli, OPT_BY) :
	    "nothing");
	spec.title = crm_cli_opt(cli, OPT_TITLE) != NULL ?
	    crm_cli_opt(cli, OPT_TITLE) : title;
	spec.chart.kind = CRM_CHART_BARS;
	spec.chart.y = spec.columns[nkeys];
	period = crm_group_period_key(gr.g);
	if (period >= 0 && nkeys <= 2) {
		spec.chart.kind = CRM_CHART_LINE;
		spec.chart.x = spec.columns[period];
		if (nkeys == 2)
			spec.chart.series = spec.columns[1 - period];
	}
	if ((rc = crm_cli_open_report(cli, &spec, &rep)) == CRM_OK)
		rc = crm_cli_each(cli, NULL, group_one, &gr);
	if (rc == CRM_OK)
		rc = crm_group_write(gr.g, rep, crm_cli_err(cli));
	rc = crm_cli_close_report(cli, rep, rc);
	crm_cli_filter_summary(cli);
	crm_group_free(gr.g);
	return rc;
}

static const crm_opt group_opts[] = {
	{ "by", OPT_BY, "KEYS", "group by these fields (FIELD or "
	    "FIELD:PERIOD, comma-separated)" },
	{ "aggregate", OPT_AGGREGATE, "AGGS", "what to compute per group "
	    "(count, sum:FIELD, mean, min, max, median, pNN, distinct)" },
	{ "title", OPT_TITLE, "TEXT", "the report's title" },
	{ NULL, 0, NULL, NULL }
};

#define FILTER (CRM_CLI_INPUT | CRM_CLI_OUTPUT | CRM_CLI_REJECT)

static const crm_verb verbs[] = {
	{ "group", cmd_group, FILTER, group_opts, "[FILE ...]",
	    "group any records by keys and aggregate their fields" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

int
main(int argc, char **argv)
{
	static const crm_prog prog = { "crm-report", "Reports: sales, "
	    "funnel, effectiveness, customer value, targets and more.",
	    verbs };

	return crm_cli_main(&prog, argc, argv);
}
