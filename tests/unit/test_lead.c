/*
 * test_lead.c - lead scoring: each kind of criterion, its edges, and the
 * rule file checks.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static char path[] = "/tmp/crm-test-lead-XXXXXX";
static crm_err err;

static crm_lead_rules *
rules_from(const char *text)
{
	crm_lead_rules *r = NULL;
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	if (crm_lead_rules_load(path, &r, &err) != CRM_OK)
		return NULL;
	return r;
}

/* Score one lead; returns "score priority" or the error. */
static const char *
score(const crm_lead_rules *rules, const char *lead, const char *now)
{
	static char out[CRM_ERR_MSG_MAX + 32];
	crm_rec *r = crm_rec_new();
	int64_t ms;

	crm_time_parse(now, strlen(now), &ms, &err);
	crm_rec_parse(r, lead, strlen(lead), &err);
	if (crm_lead_score(rules, r, ms, &err) != CRM_OK)
		snprintf(out, sizeof(out), "error: %s", err.msg);
	else
		snprintf(out, sizeof(out), "%s %s", crm_rec_get(r, "score"),
		    crm_rec_get(r, "priority"));
	crm_rec_free(r);
	return out;
}

static void
test_filled_rounds_half_up(void)
{
	crm_lead_rules *r = rules_from("{\"criteria\":[{\"name\":\"c\","
	    "\"points\":100,\"filled\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\","
	    "\"g\",\"h\"]}],\"priority\":[[\"A\",50],[\"B\",0]]}");

	CHECK(r != NULL);
	/* 100 x 1/8 = 12.5 -> 13; 100 x 3/8 = 37.5 -> 38; 4/8 = 50. */
	CHECK_STR(score(r, "{\"a\":\"x\"}", "2026-01-01T00:00:00Z"), "13 B");
	CHECK_STR(score(r, "{\"a\":\"x\",\"b\":1,\"c\":true}",
	    "2026-01-01T00:00:00Z"), "38 B");
	CHECK_STR(score(r, "{\"a\":\"x\",\"b\":1,\"c\":true,\"d\":[1]}",
	    "2026-01-01T00:00:00Z"), "50 A");
	/* Empty strings and nulls are not filled. */
	CHECK_STR(score(r, "{\"a\":\"\",\"b\":null}", "2026-01-01T00:00:00Z"),
	    "0 B");
	crm_lead_rules_free(r);
}

static void
test_bands(void)
{
	crm_lead_rules *r = rules_from("{\"criteria\":[{\"name\":\"v\","
	    "\"points\":60,\"field\":\"value\",\"at_least\":[[\"1000.00\",60],"
	    "[\"0.01\",20]]},{\"name\":\"r\",\"points\":40,\"field\":\"at\","
	    "\"within_days\":[[0,40],[7,30],[365,1]]}],"
	    "\"priority\":[[\"A\",0]]}");

	CHECK(r != NULL);
	/* Thresholds are inclusive and exact to the decimal. */
	CHECK_STR(score(r, "{\"value\":\"1000\"}", "2026-01-01T00:00:00Z"),
	    "60 A");
	CHECK_STR(score(r, "{\"value\":999.999999}", "2026-01-01T00:00:00Z"),
	    "20 A");
	CHECK_STR(score(r, "{\"value\":\"0.01\"}", "2026-01-01T00:00:00Z"),
	    "20 A");
	CHECK_STR(score(r, "{\"value\":\"0.009\"}", "2026-01-01T00:00:00Z"),
	    "0 A");
	CHECK_STR(score(r, "{\"value\":\"-5\"}", "2026-01-01T00:00:00Z"),
	    "0 A");
	/* Days counted between UTC dates; the future counts as today. */
	CHECK_STR(score(r, "{\"at\":\"2026-01-01\"}", "2026-01-01T23:59:59Z"),
	    "40 A");
	CHECK_STR(score(r, "{\"at\":\"2025-12-31T23:59:59Z\"}",
	    "2026-01-01T00:00:00Z"), "30 A");
	CHECK_STR(score(r, "{\"at\":\"2027-01-01\"}", "2026-01-01T00:00:00Z"),
	    "40 A");
	CHECK_STR(score(r, "{\"at\":\"2025-12-25\"}", "2026-01-01T00:00:00Z"),
	    "30 A");
	CHECK_STR(score(r, "{\"at\":\"2025-12-24\"}", "2026-01-01T00:00:00Z"),
	    "1 A");
	CHECK_STR(score(r, "{\"at\":\"2024-12-31\"}", "2026-01-01T00:00:00Z"),
	    "0 A");
	CHECK_HAS(score(r, "{\"at\":\"2025-02-30\"}", "2026-01-01T00:00:00Z"),
	    "error: at: no such date");
	CHECK_HAS(score(r, "{\"value\":\"1,000\"}", "2026-01-01T00:00:00Z"),
	    "error: value: not a decimal amount");
	crm_lead_rules_free(r);
}

static void
check_rules_error(const char *text, const char *msg)
{
	char want[256];

	CHECK(rules_from(text) == NULL);
	CHECK_INT(err.code, CRM_ECONFIG);
	snprintf(want, sizeof(want), "%s:1: %s", path, msg);
	CHECK_STR(err.msg, want);
}

static void
test_rule_checks(void)
{
	check_rules_error("{\"priority\":[[\"A\",0]]}",
	    "criteria: a list of criteria");
	check_rules_error("{\"criteria\":[{\"points\":100,\"present\":100,"
	    "\"field\":\"x\"}],\"priority\":[[\"A\",0]]}",
	    "criteria[0].name: missing");
	check_rules_error("{\"criteria\":[{\"name\":\"a\",\"points\":100,"
	    "\"field\":\"x\"}],\"priority\":[[\"A\",0]]}",
	    "criteria[0]: give exactly one of filled, present, values, "
	    "at_least, within_days");
	check_rules_error("{\"criteria\":[{\"name\":\"a\",\"points\":100,"
	    "\"present\":100}],\"priority\":[[\"A\",0]]}",
	    "criteria[0].field: missing");
	check_rules_error("{\"criteria\":[{\"name\":\"a\",\"points\":100,"
	    "\"field\":\"x\",\"within_days\":[[7,100],[7,50]]}],"
	    "\"priority\":[[\"A\",0]]}",
	    "criteria[0].within_days[1]: days must go from the fewest up");
	check_rules_error("{\"criteria\":[{\"name\":\"a\",\"points\":100,"
	    "\"field\":\"x\",\"at_least\":[[10,100]]}],"
	    "\"priority\":[[\"A\",0]]}",
	    "criteria[0].at_least[0]: the threshold must be a decimal string "
	    "such as \"50000\"");
	check_rules_error("{\"criteria\":[{\"name\":\"a\",\"points\":100,"
	    "\"present\":100,\"field\":\"x\"}],\"priority\":[[\"A\",0],"
	    "[\"B\",10]]}", "priority[1]: lowest scores must go down");
}

/* In a file of many lines, the message names the line of the place, or
 * of the object a missing member belongs in. */
static void
test_rule_lines(void)
{
	char want[256];

	CHECK(rules_from("{\n"
	    "  \"criteria\": [\n"
	    "    {\"name\": \"a\", \"points\": 50, \"present\": 50,\n"
	    "     \"field\": \"x\"},\n"
	    "    {\"name\": \"b\", \"points\": 50, \"field\": \"v\",\n"
	    "     \"at_least\": [\n"
	    "       [\"10\", 50],\n"
	    "       [\"20\", 10]\n"
	    "     ]}\n"
	    "  ],\n"
	    "  \"priority\": [[\"A\", 0]]\n"
	    "}\n") == NULL);
	snprintf(want, sizeof(want), "%s:8: criteria[1].at_least[1]: "
	    "thresholds must go from the highest down", path);
	CHECK_STR(err.msg, want);
	CHECK(rules_from("{\n"
	    "  \"priority\": [[\"A\", 0]],\n"
	    "  \"criteria\": [\n"
	    "    {\"points\": 100,\n"
	    "     \"present\": 100, \"field\": \"x\"}]\n"
	    "}\n") == NULL);
	snprintf(want, sizeof(want), "%s:4: criteria[0].name: missing", path);
	CHECK_STR(err.msg, want);
}

/* Every pair of statuses against the lifecycle of crm-lead(1), written
 * out here as the manual states it. */
static void
test_every_move(void)
{
	static const char *const st[] = { "new", "assigned", "contacted",
	    "qualified", "converted", "disqualified", "recycled" };
	/* allowed[from] lists the statuses "from" may go to */
	static const char *const allowed[] = {
		"assigned contacted disqualified recycled",
		"contacted disqualified recycled",
		"qualified disqualified recycled",
		"converted disqualified recycled",
		"",
		"recycled",
		"assigned disqualified",
	};
	size_t f, t;

	for (f = 0; f < ARRAY_LEN(st); f++)
		for (t = 0; t < ARRAY_LEN(st); t++) {
			char list[128], word[32];
			int want;

			/* whole words: " a b " holds " b " */
			snprintf(list, sizeof(list), " %s ", allowed[f]);
			snprintf(word, sizeof(word), " %s ", st[t]);
			want = strstr(list, word) != NULL;
			if (crm_lead_can_move(st[f], st[t]) != want)
				T_FAIL("%s -> %s: %d, want %d", st[f], st[t],
				    crm_lead_can_move(st[f], st[t]), want);
			else
				t_passed++;
		}
	CHECK_INT(crm_lead_can_move("nonsense", "new"), 0);
	CHECK_INT(crm_lead_can_move("new", "nonsense"), 0);
	CHECK_INT(crm_lead_status_known("qualified"), 1);
	CHECK_INT(crm_lead_status_known("Qualified"), 0);
	CHECK_INT(crm_lead_status_open("assigned"), 1);
	CHECK_INT(crm_lead_status_open("contacted"), 1);
	CHECK_INT(crm_lead_status_open("qualified"), 1);
	CHECK_INT(crm_lead_status_open("new"), 0);
	CHECK_INT(crm_lead_status_open("recycled"), 0);
}

/* Sources: canonical names, aliases in any case, width and spacing. */
static void
test_sources(void)
{
	crm_lead_sources *s = NULL;

	setenv("CRM_SHARE", "share/crm", 1);
	CHECK_INT(crm_lead_sources_load(NULL, &s, &err), CRM_OK);
	if (s == NULL)
		return;
	CHECK_STR(crm_lead_source(s, "web", 3), "web");
	CHECK_STR(crm_lead_source(s, " Web-Form ", 10), "web");
	CHECK_STR(crm_lead_source(s, "WEB_FORM", 8), "web");
	CHECK_STR(crm_lead_source(s, "\xef\xbc\xb7" "eb", 5), "web");
	CHECK_STR(crm_lead_source(s, "\xe5\xb1\x95\xe4\xbc\x9a", 6), "fair");
	CHECK_STR(crm_lead_source(s, "Trade Show", 10), "fair");
	CHECK(crm_lead_source(s, "pigeon", 6) == NULL);
	crm_lead_sources_free(s);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	RUN(test_filled_rounds_half_up);
	RUN(test_bands);
	RUN(test_rule_checks);
	RUN(test_rule_lines);
	RUN(test_every_move);
	RUN(test_sources);
	crm_lead_rules_free(NULL);
	remove(path);
	DONE();
}
