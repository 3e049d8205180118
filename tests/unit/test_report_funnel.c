/*
 * test_report_funnel.c - the figures of the funnel and effectiveness
 * reports: median and mean, the stall stage, and the deal stage flow
 * (entered, went on, lost from, dwell and waiting times) fed deal by
 * deal into a report written as JSON lines to a temporary file.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

#define DAY INT64_C(86400000)

static char path[512], rules[512];

static const char *
slurp(void)
{
	static char buf[8192];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return "(cannot open)";
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static const char *
median_mean(int64_t *v, size_t n, int64_t unit, int decimals)
{
	static char out[1024];
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;
	crm_err err;

	if (crm_rec_set_median_mean(r, "median", "mean", v, n, unit,
	    decimals, &err) != CRM_OK || crm_rec_write_json(r, &b, &err) !=
	    CRM_OK)
		snprintf(out, sizeof(out), "error: %s", err.msg);
	else
		snprintf(out, sizeof(out), "%s", b.data);
	crm_buf_free(&b);
	crm_rec_free(r);
	return out;
}

static void
test_median_mean(void)
{
	int64_t odd[] = { 9, 1, 5 }, even[] = { 4, 1, 2, 10 };
	int64_t halves[] = { 1, 2 }, neg[] = { -3, -2 };
	int64_t days[] = { 3 * DAY, DAY / 2 };

	CHECK_STR(median_mean(odd, 3, 1, 1), "{\"median\":5.0,\"mean\":5.0}");
	CHECK_INT(odd[0], 1);
	CHECK_STR(median_mean(even, 4, 1, 1),
	    "{\"median\":3.0,\"mean\":4.3}");
	/* 1.5 rounds half away from zero, both ways. */
	CHECK_STR(median_mean(halves, 2, 1, 0), "{\"median\":2,\"mean\":2}");
	CHECK_STR(median_mean(neg, 2, 1, 0), "{\"median\":-3,\"mean\":-3}");
	CHECK_STR(median_mean(days, 2, DAY, 2),
	    "{\"median\":1.75,\"mean\":1.75}");
	CHECK_STR(median_mean(NULL, 0, DAY, 1),
	    "{\"median\":null,\"mean\":null}");
}

static void
test_stall(void)
{
	int64_t none[] = { 0, 0, 0 }, one[] = { 0, 2, 0 }, tie[] = { 1, 3, 3 };

	CHECK_INT(crm_stall_pick(none, 3), -1);
	CHECK_INT(crm_stall_pick(none, 0), -1);
	CHECK_INT(crm_stall_pick(one, 3), 1);
	/* Equals: the earlier stage. */
	CHECK_INT(crm_stall_pick(tie, 3), 1);
}

/* Stages a, b, c, won w, lost l. */
static crm_deal_stages *
load_rules(void)
{
	crm_deal_stages *stages = NULL;
	crm_err err;
	FILE *fp = fopen(rules, "w");

	if (fp == NULL)
		return NULL;
	fputs("{\"stages\": ["
	    "{\"name\": \"a\", \"probability\": 10, \"forecast_category\":"
	    " \"pipeline\"},"
	    "{\"name\": \"b\", \"probability\": 50, \"forecast_category\":"
	    " \"pipeline\"},"
	    "{\"name\": \"c\", \"probability\": 80, \"forecast_category\":"
	    " \"commit\"},"
	    "{\"name\": \"w\", \"probability\": 100, \"forecast_category\":"
	    " \"closed\", \"outcome\": \"won\"},"
	    "{\"name\": \"l\", \"probability\": 0, \"forecast_category\":"
	    " \"closed\", \"outcome\": \"lost\"}]}\n", fp);
	fclose(fp);
	if (crm_deal_stages_load(rules, &stages, &err) != CRM_OK)
		fprintf(stderr, "%s\n", err.msg);
	return stages;
}

static void
test_flow(void)
{
	static const char *const cols[] = { "team", "stage", "entered",
	    "advanced", "lost", "conversion_pct", "loss_pct", "stays",
	    "dwell_median_days", "dwell_mean_days", "waiting",
	    "waiting_median_days" };
	crm_report_spec spec = { "flow", NULL, cols, 12, 2,
	    { CRM_CHART_FUNNEL, NULL, "entered", NULL, NULL,
	    { NULL, NULL, NULL, NULL } } };
	/* a 2 days, b 3, c 1, won. */
	crm_stage_move won[] = { { 0, "a", NULL }, { 2 * DAY, "B", "a" },
	    { 5 * DAY, "c", "b" }, { 6 * DAY, "w", "c" } };
	/* a 4 days, then lost from a, the from told by the move before. */
	crm_stage_move lost[] = { { 0, "a", NULL }, { 4 * DAY, "l", NULL } };
	/* a 1 day, b 1 day, back to a for half a day, lost from a. */
	crm_stage_move back[] = { { 0, "a", NULL }, { DAY, "b", "a" },
	    { 2 * DAY, "a", "b" }, { 5 * DAY / 2, "l", "a" } };
	/* Skips to c and waits there; a stage the rules lack is left out. */
	crm_stage_move skip[] = { { 0, "a", NULL }, { DAY, "x", "a" },
	    { 3 * DAY, "c", "x" } };
	crm_deal_stages *stages = load_rules();
	crm_stage_flow *f = NULL;
	crm_report *rep = NULL;
	crm_err err;

	CHECK(stages != NULL);
	if (stages == NULL)
		return;
	CHECK_INT(crm_stage_flow_new(stages, &f, &err), CRM_OK);
	CHECK_INT(crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
	    0, &err), CRM_OK);
	CHECK_INT(crm_stage_flow_add(f, won, 4, "w", 6 * DAY, 10 * DAY, &err),
	    CRM_OK);
	CHECK_INT(crm_stage_flow_add(f, lost, 2, "l", 4 * DAY, 10 * DAY,
	    &err), CRM_OK);
	CHECK_INT(crm_stage_flow_add(f, back, 4, "l", 5 * DAY / 2, 10 * DAY,
	    &err), CRM_OK);
	CHECK_INT(crm_stage_flow_add(f, skip, 3, "c", 3 * DAY, 10 * DAY,
	    &err), CRM_OK);
	/* No moves at all: in b since day 8. */
	CHECK_INT(crm_stage_flow_add(f, NULL, 0, "b", 8 * DAY, 10 * DAY,
	    &err), CRM_OK);
	CHECK_INT(crm_stage_flow_write(f, "team", "T", rep, &err), CRM_OK);
	/* The won stage has only entered (the rest null); written rows
	 * empty the flow: a second group starts from zero. */
	CHECK_INT(crm_stage_flow_write(f, "team", "U", rep, &err), CRM_OK);
	CHECK_INT(crm_report_close(rep, &err), CRM_OK);
	CHECK_STR(slurp(),
	    "{\"team\":\"T\",\"stage\":\"a\",\"entered\":4,\"advanced\":3,"
	    "\"lost\":2,\"conversion_pct\":75.00,\"loss_pct\":50.00,"
	    "\"stays\":5,\"dwell_median_days\":1.0,\"dwell_mean_days\":1.7,"
	    "\"waiting\":0,\"waiting_median_days\":null}\n"
	    "{\"team\":\"T\",\"stage\":\"b\",\"entered\":3,\"advanced\":1,"
	    "\"lost\":0,\"conversion_pct\":33.33,\"loss_pct\":0.00,"
	    "\"stays\":2,\"dwell_median_days\":2.0,\"dwell_mean_days\":2.0,"
	    "\"waiting\":1,\"waiting_median_days\":2.0}\n"
	    "{\"team\":\"T\",\"stage\":\"c\",\"entered\":2,\"advanced\":1,"
	    "\"lost\":0,\"conversion_pct\":50.00,\"loss_pct\":0.00,"
	    "\"stays\":1,\"dwell_median_days\":1.0,\"dwell_mean_days\":1.0,"
	    "\"waiting\":1,\"waiting_median_days\":7.0}\n"
	    "{\"team\":\"T\",\"stage\":\"w\",\"entered\":1,"
	    "\"advanced\":null,\"lost\":null,"
	    "\"conversion_pct\":null,\"loss_pct\":null,\"stays\":null,"
	    "\"dwell_median_days\":null,\"dwell_mean_days\":null,"
	    "\"waiting\":null,\"waiting_median_days\":null}\n"
	    "{\"team\":\"U\",\"stage\":\"a\",\"entered\":0,\"advanced\":0,"
	    "\"lost\":0,\"conversion_pct\":null,\"loss_pct\":null,"
	    "\"stays\":0,\"dwell_median_days\":null,\"dwell_mean_days\":null,"
	    "\"waiting\":0,\"waiting_median_days\":null}\n"
	    "{\"team\":\"U\",\"stage\":\"b\",\"entered\":0,\"advanced\":0,"
	    "\"lost\":0,\"conversion_pct\":null,\"loss_pct\":null,"
	    "\"stays\":0,\"dwell_median_days\":null,\"dwell_mean_days\":null,"
	    "\"waiting\":0,\"waiting_median_days\":null}\n"
	    "{\"team\":\"U\",\"stage\":\"c\",\"entered\":0,\"advanced\":0,"
	    "\"lost\":0,\"conversion_pct\":null,\"loss_pct\":null,"
	    "\"stays\":0,\"dwell_median_days\":null,\"dwell_mean_days\":null,"
	    "\"waiting\":0,\"waiting_median_days\":null}\n"
	    "{\"team\":\"U\",\"stage\":\"w\",\"entered\":0,"
	    "\"advanced\":null,\"lost\":null,"
	    "\"conversion_pct\":null,\"loss_pct\":null,\"stays\":null,"
	    "\"dwell_median_days\":null,\"dwell_mean_days\":null,"
	    "\"waiting\":null,\"waiting_median_days\":null}\n");
	crm_stage_flow_free(f);
	crm_stage_flow_free(NULL);
	crm_deal_stages_free(stages);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(path, sizeof(path), "%s/test_report_funnel.%ld.jsonl",
	    tmp != NULL ? tmp : "/tmp", (long)getpid());
	snprintf(rules, sizeof(rules), "%s/test_report_funnel.%ld.json",
	    tmp != NULL ? tmp : "/tmp", (long)getpid());
	RUN(test_median_mean);
	RUN(test_stall);
	RUN(test_flow);
	unlink(path);
	unlink(rules);
	DONE();
}
