/*
 * test_route.c - routing: rule files and matching, durations and
 * deadlines, reps import, assignment (round robin, least loaded,
 * capacity, stand-ins), transfer.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char path[] = "/tmp/crm-test-route-XXXXXX";
static char dbpath[64];
static crm_err err;

static void
write_file(const char *text)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
}

static crm_route_rules *
rules_from(const char *text)
{
	crm_route_rules *r = NULL;

	write_file(text);
	if (crm_route_rules_load(path, &r, &err) != CRM_OK)
		return NULL;
	return r;
}

static void
test_match_first_wins_case_and_space(void)
{
	crm_route_rules *r = rules_from("{\"routes\":["
	    "{\"match\":{\"region\":\"East\",\"product\":[\"SUV\",\" Sedan \"]},"
	    "\"team\":\"T1\",\"strategy\":\"round_robin\"},"
	    "{\"match\":{\"channel\":\"web\"},\"team\":\"T2\","
	    "\"strategy\":\"least_loaded\"},"
	    "{\"team\":\"T3\",\"strategy\":\"round_robin\"}]}");

	CHECK(r != NULL);
	CHECK_INT(crm_route_count(r), 3);
	CHECK_INT(crm_route_ownership(r), 1);
	CHECK_INT(crm_route_match(r, " east", "sedan", NULL), 0);
	CHECK_INT(crm_route_match(r, "EAST", "ＳＵＶ", "web"), 0);
	CHECK_INT(crm_route_match(r, "East", "Truck", "web"), 1);
	CHECK_INT(crm_route_match(r, NULL, NULL, "Web"), 1);
	CHECK_INT(crm_route_match(r, "West", NULL, NULL), 2);
	CHECK_STR(crm_route_team(r, 1), "T2");
	CHECK_INT(crm_route_strategy_of(r, 1), CRM_ROUTE_LEAST_LOADED);
	crm_route_rules_free(r);
}

static void
test_no_catch_all_no_match(void)
{
	crm_route_rules *r = rules_from("{\"ownership\":false,\"routes\":["
	    "{\"match\":{\"region\":\"East\"},\"team\":\"T1\","
	    "\"strategy\":\"round_robin\"}]}");

	CHECK(r != NULL);
	CHECK_INT(crm_route_ownership(r), 0);
	CHECK_INT(crm_route_match(r, "West", NULL, NULL), -1);
	CHECK_INT(crm_route_match(r, NULL, NULL, NULL), -1);
	crm_route_rules_free(r);
}

static void
test_rule_errors(void)
{
	CHECK(rules_from("[]") == NULL);
	CHECK_INT(err.code, CRM_ECONFIG);
	CHECK(rules_from("{\"routes\":[{\"team\":\"T\"}]}") == NULL);
	CHECK_HAS(err.msg, "routes[0].strategy: missing");
	CHECK(rules_from("{\"routes\":[{\"team\":\"\","
	    "\"strategy\":\"round_robin\"}]}") == NULL);
	CHECK_HAS(err.msg, "routes[0].team: an empty team");
	CHECK(rules_from("{\"routes\":[{\"match\":{\"region\":\"  \"},"
	    "\"team\":\"T\",\"strategy\":\"round_robin\"}]}") == NULL);
	CHECK_HAS(err.msg, "routes[0].match.region: an empty value");
	CHECK(rules_from("{\"routes\":[{\"team\":\"T\","
	    "\"strategy\":\"round_robin\",\"weight\":2}]}") == NULL);
	CHECK_HAS(err.msg, "routes[0].weight: unknown key");
	CHECK(rules_from("{\"route\":[]}") == NULL);
	CHECK_HAS(err.msg, "route: unknown key");
}

static void
test_durations(void)
{
	int64_t ms = 0;

	CHECK_INT(crm_route_duration_parse("30m", 3, &ms, &err), CRM_OK);
	CHECK_INT(ms, 30 * 60000);
	CHECK_INT(crm_route_duration_parse("4h", 2, &ms, &err), CRM_OK);
	CHECK_INT(ms, 4 * 3600000);
	CHECK_INT(crm_route_duration_parse("3650d", 5, &ms, &err), CRM_OK);
	CHECK_INT(ms, 3650LL * 86400000);
	CHECK_INT(crm_route_duration_parse("3651d", 5, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("0h", 2, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("h", 1, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("4", 1, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("4w", 2, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("-4h", 3, &ms, &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("99999999999999999999m", 21, &ms,
	    &err), CRM_EDATA);
	CHECK_INT(crm_route_duration_parse("", 0, &ms, &err), CRM_EDATA);
}

static void
test_sla(void)
{
	crm_route_sla *sla = NULL;

	write_file("{\"response\":{\"A\":\"4h\",\"B\":\"1d\"},\"default\":"
	    "\"3d\"}");
	CHECK_INT(crm_route_sla_load(path, &sla, &err), CRM_OK);
	CHECK_INT(crm_route_sla_window(sla, "A"), 4 * 3600000);
	CHECK_INT(crm_route_sla_window(sla, "B"), 86400000);
	CHECK_INT(crm_route_sla_window(sla, "Z"), 3 * 86400000);
	CHECK_INT(crm_route_sla_window(sla, NULL), 3 * 86400000);
	crm_route_sla_free(sla);
	write_file("{\"default\":\"3d\",\"response\":{\"A\":4}}");
	CHECK_INT(crm_route_sla_load(path, &sla, &err), CRM_ECONFIG);
	CHECK(sla == NULL);
	CHECK_HAS(err.msg, "response.A: not a duration");
}

/* A fresh database with the records of dump loaded. */
static crm_db *
db_with(const char *const *dump)
{
	crm_loader *ld = NULL;
	crm_rec *r = crm_rec_new();
	crm_db *db = NULL;
	size_t i;

	unlink(dbpath);
	if (crm_db_open(&db, dbpath, 0, &err) != CRM_OK ||
	    crm_loader_new(db, &ld, &err) != CRM_OK)
		return NULL;
	for (i = 0; dump[i] != NULL; i++)
		if (crm_rec_parse(r, dump[i], strlen(dump[i]), &err) != CRM_OK ||
		    crm_loader_add(ld, r, &err) != CRM_OK)
			fprintf(stderr, "%s\n", err.msg);
	if (crm_loader_finish(ld, &err) != CRM_OK)
		fprintf(stderr, "%s\n", err.msg);
	crm_loader_free(ld);
	crm_rec_free(r);
	return db;
}

#define REP(id, team, extra) "{\"type\":\"reps\",\"id\":\"" id "\"," \
	"\"name\":\"" id "\",\"team_id\":\"" team "\"" extra \
	",\"created_at\":\"2026-01-01T00:00:00Z\"}"
#define LEAD(n, extra) "{\"type\":\"leads\",\"id\":\"web:" n "\"," \
	"\"source\":\"web\",\"source_id\":\"" n "\",\"status\":\"new\"" \
	extra ",\"created_at\":\"2026-11-01T00:00:00Z\"}"

static const char *const dump[] = {
	"{\"type\":\"crm_dump\",\"schema_version\":2}",
	"{\"type\":\"teams\",\"id\":\"T\",\"name\":\"T\","
	    "\"created_at\":\"2026-01-01T00:00:00Z\"}",
	REP("R1", "T", ""), REP("R2", "T", ",\"capacity\":1"),
	REP("R3", "T", ""), REP("R4", "T", ",\"active\":0"),
	LEAD("1", ""), LEAD("2", ""), LEAD("3", ""), LEAD("4", ""),
	LEAD("5", ""), LEAD("6", ""), LEAD("7", ""),
	NULL
};

/* Assign lead web:n; returns its new owner or the error. */
static const char *
assign(crm_route_assigner *a, const char *n)
{
	static char out[CRM_ERR_MSG_MAX + 16];
	crm_rec *r = crm_rec_new();
	char text[128];

	snprintf(text, sizeof(text), "{\"id\":\"web:%s\",\"source_id\":\"%s\"}",
	    n, n);
	crm_rec_parse(r, text, strlen(text), &err);
	if (crm_route_assign(a, r, &err) != CRM_OK)
		snprintf(out, sizeof(out), "error: %s", err.msg);
	else
		snprintf(out, sizeof(out), "%s", crm_rec_get(r, "owner_rep_id"));
	crm_rec_free(r);
	return out;
}

static crm_route_assigner *
assigner(crm_db *db, const char *routes, crm_route_rules **rules,
    crm_route_sla **sla, int64_t now)
{
	crm_route_assign_opts opts = { NULL, NULL, NULL, now, "test" };
	crm_route_assigner *a = NULL;

	*rules = rules_from(routes);
	write_file("{\"default\":\"1d\"}");
	crm_route_sla_load(path, sla, &err);
	opts.rules = *rules;
	opts.sla = *sla;
	if (crm_route_assigner_new(db, &opts, &a, &err) != CRM_OK)
		fprintf(stderr, "%s\n", err.msg);
	return a;
}

static const int64_t NOW = 1795334400000LL;   /* 2026-11-22T08:00:00Z */

static void
test_round_robin_skips_full_and_inactive(void)
{
	crm_db *db = db_with(dump);
	crm_route_rules *rules;
	crm_route_sla *sla;
	crm_route_assigner *a = assigner(db, "{\"routes\":[{\"team\":\"T\","
	    "\"strategy\":\"round_robin\"}]}", &rules, &sla, NOW);

	CHECK(a != NULL);
	/* R2 holds one at most; R4 is inactive. */
	CHECK_STR(assign(a, "1"), "R1");
	CHECK_STR(assign(a, "2"), "R2");
	CHECK_STR(assign(a, "3"), "R3");
	CHECK_STR(assign(a, "4"), "R1");
	CHECK_STR(assign(a, "5"), "R3");
	CHECK_STR(assign(a, "1"), "R1");      /* already open: kept */
	CHECK_INT(crm_route_assign_counts_of(a)->assigned, 5);
	CHECK_INT(crm_route_assign_counts_of(a)->kept, 1);
	crm_route_assigner_free(a);
	crm_route_rules_free(rules);
	crm_route_sla_free(sla);
	crm_db_close(db);
}

static void
test_least_loaded_and_stand_in(void)
{
	crm_route_change ch = { NOW, "test", NULL };
	crm_db *db = db_with(dump);
	crm_route_rules *rules;
	crm_route_sla *sla;
	crm_route_assigner *a = assigner(db, "{\"routes\":[{\"team\":\"T\","
	    "\"strategy\":\"least_loaded\"}]}", &rules, &sla, NOW);
	crm_buf to = CRM_BUF_INIT;

	CHECK(a != NULL);
	CHECK_STR(assign(a, "1"), "R1");      /* a tie: the first by id */
	CHECK_STR(assign(a, "2"), "R2");
	CHECK_STR(assign(a, "3"), "R3");
	CHECK_STR(assign(a, "4"), "R1");      /* R2 is full */
	/* R3 away: R1 stands in, and holds most. */
	CHECK_INT(crm_route_delegate(db, "R3", "R1", NOW, NOW + 3600000, &ch,
	    &err), CRM_OK);
	CHECK_INT(crm_route_stand_in(db, "R3", NOW, &to, &err), CRM_OK);
	CHECK_STR(to.data, "R1");
	CHECK_INT(crm_route_stand_in(db, "R3", NOW + 3600000, &to, &err),
	    CRM_END);
	CHECK_INT(crm_route_stand_in(db, "R1", NOW, &to, &err), CRM_END);
	CHECK_STR(assign(a, "5"), "R1");
	crm_route_assigner_free(a);
	crm_route_rules_free(rules);
	crm_route_sla_free(sla);
	crm_buf_free(&to);
	crm_db_close(db);
}

static void
test_full_team_and_transfer(void)
{
	crm_route_change ch = { NOW, "test", NULL };
	crm_db *db = db_with(dump);
	crm_route_rules *rules;
	crm_route_sla *sla;
	crm_route_assigner *a = assigner(db, "{\"routes\":[{\"team\":\"T\","
	    "\"strategy\":\"round_robin\"}]}", &rules, &sla, NOW);

	CHECK(a != NULL);
	CHECK_INT(crm_route_transfer(db, "R1", "R1", &ch, &err), CRM_EUSAGE);
	CHECK_INT(crm_route_transfer(db, "R1", "R4", &ch, &err), CRM_EDATA);
	CHECK_STR(err.msg, "rep R4: inactive");
	CHECK_INT(crm_route_transfer(db, "R1", "R2", &ch, &err), CRM_OK);
	CHECK_INT(crm_route_transfer(db, "R3", "R2", &ch, &err), CRM_OK);
	CHECK_STR(assign(a, "1"), "R2");
	CHECK_STR(assign(a, "2"), "error: lead web:2: team T: no active rep "
	    "with capacity");
	crm_route_assigner_free(a);
	crm_route_rules_free(rules);
	crm_route_sla_free(sla);
	crm_db_close(db);
}

static void
test_reps_import(void)
{
	crm_route_reps_importer *imp = NULL;
	crm_rec *r = crm_rec_new();
	crm_db *db = NULL;
	const char *const recs[] = {
		"{\"id\":\"R1\",\"team_id\":\"T9\",\"capacity\":\"007\"}",
		("{\"type\":\"team\",\"id\":\"T9\",\"name\":\"Nine\","
		    "\"lead_rep_id\":\"R1\"}"),
		"{\"id\":\"R1\",\"capacity\":7}",
		"{\"id\":\"R2\",\"phone\":\"010 5555 1234\"}",
	};
	size_t i;

	unlink(dbpath);
	CHECK_INT(crm_db_open(&db, dbpath, 0, &err), CRM_OK);
	CHECK_INT(crm_route_reps_importer_new(db, NULL, NOW, &imp, &err),
	    CRM_OK);
	for (i = 0; i < 3; i++) {
		crm_rec_parse(r, recs[i], strlen(recs[i]), &err);
		CHECK_INT(crm_route_reps_import(imp, r, &err), CRM_OK);
	}
	CHECK_INT(crm_route_reps_finish(imp, &err), CRM_OK);
	CHECK_INT(crm_route_reps_counts_of(imp)->inserted, 1);
	CHECK_INT(crm_route_reps_counts_of(imp)->updated, 1);
	CHECK_INT(crm_route_reps_counts_of(imp)->unchanged, 1);
	CHECK_INT(crm_route_reps_counts_of(imp)->teams_created, 1);
	crm_rec_parse(r, recs[3], strlen(recs[3]), &err);
	CHECK_INT(crm_route_reps_import(imp, r, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "phone: no country code");
	crm_route_reps_importer_free(imp);
	crm_route_reps_importer_free(NULL);
	crm_rec_free(r);
	crm_db_close(db);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 2;
	close(fd);
	snprintf(dbpath, sizeof(dbpath), "%s.db", path);
	RUN(test_match_first_wins_case_and_space);
	RUN(test_no_catch_all_no_match);
	RUN(test_rule_errors);
	RUN(test_durations);
	RUN(test_sla);
	RUN(test_round_robin_skips_full_and_inactive);
	RUN(test_least_loaded_and_stand_in);
	RUN(test_full_team_and_transfer);
	RUN(test_reps_import);
	unlink(path);
	unlink(dbpath);
	crm_route_rules_free(NULL);
	crm_route_sla_free(NULL);
	crm_route_assigner_free(NULL);
	DONE();
}
