/*
 * test_deal.c - deals: the stage rule file and its checks, pipeline
 * arithmetic, import (upsert, re-import) and stage moves.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-deal-XXXXXX";
static char path[256];
static crm_err err;

static const char default_stages[] = "share/crm/deal-stages.json";

/* Load stage rules from text; NULL (err set) when they do not load. */
static crm_deal_stages *
stages_from(const char *text)
{
	crm_deal_stages *s = NULL;
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	if (crm_deal_stages_load(path, &s, &err) != CRM_OK)
		return NULL;
	return s;
}

/* The error message of loading text, with the file name cut off. */
static const char *
load_error(const char *text)
{
	crm_deal_stages *s = stages_from(text);

	if (s != NULL) {
		crm_deal_stages_free(s);
		return "(loaded)";
	}
	return strncmp(err.msg, path, strlen(path)) == 0 ?
	    err.msg + strlen(path) : err.msg;
}

static void
test_default_stages(void)
{
	crm_deal_stages *s = NULL;
	const crm_deal_stage *st;

	CHECK_INT(crm_deal_stages_load(default_stages, &s, &err), CRM_OK);
	if (s == NULL)
		return;
	CHECK_INT(crm_deal_stages_count(s), 6);
	CHECK_STR(crm_deal_stage_at(s, 0)->name, "prospecting");
	CHECK_INT(crm_deal_stage_at(s, 0)->probability, 10);
	CHECK_STR(crm_deal_stage_at(s, 2)->forecast_category, "best_case");
	CHECK_STR(crm_deal_stage_at(s, 3)->forecast_category, "commit");
	CHECK(crm_deal_stage_at(s, 6) == NULL);
	st = crm_deal_stage_find(s, "WoN");
	CHECK(st != NULL && st->outcome == CRM_DEAL_WON);
	CHECK(crm_deal_stage_outcome(s, CRM_DEAL_LOST) ==
	    crm_deal_stage_find(s, "lost"));
	CHECK(crm_deal_stage_find(s, "closing") == NULL);
	CHECK(crm_deal_stage_find(s, NULL) == NULL);
	CHECK_INT(crm_deal_stage_lookup(s, "closing", &st, &err), CRM_EDATA);
	CHECK_STR(err.msg, "unknown stage closing (known: prospecting, "
	    "qualification, proposal, negotiation, won, lost)");
	CHECK_INT(crm_deal_stage_lookup(s, "Proposal", &st, &err), CRM_OK);
	CHECK_STR(st->name, "proposal");
	crm_deal_stages_free(s);
	crm_deal_stages_free(NULL);
}

static void
test_forecast_rank(void)
{
	CHECK_INT(crm_deal_forecast_rank("pipeline"), 0);
	CHECK_INT(crm_deal_forecast_rank("best_case"), 1);
	CHECK_INT(crm_deal_forecast_rank("commit"), 2);
	CHECK_INT(crm_deal_forecast_rank("closed"), 3);
	CHECK_INT(crm_deal_forecast_rank("Commit"), -1);
	CHECK_INT(crm_deal_forecast_rank(""), -1);
	CHECK_INT(crm_deal_forecast_rank(NULL), -1);
}

#define OPEN_A "{\"name\":\"a\",\"probability\":10," \
	"\"forecast_category\":\"pipeline\"}"
#define WON_W "{\"name\":\"w\",\"probability\":100," \
	"\"forecast_category\":\"closed\",\"outcome\":\"won\"}"
#define LOST_L "{\"name\":\"l\",\"probability\":0," \
	"\"forecast_category\":\"closed\",\"outcome\":\"lost\"}"

static void
test_stage_checks(void)
{
	CHECK_STR(load_error("{\"stages\":[" OPEN_A "," WON_W "," LOST_L
	    "]}"), "(loaded)");
	CHECK_STR(load_error("{\"stages\":[]}"), ":1: stages: a list of "
	    "stages");
	CHECK_STR(load_error("{\"stage\":[]}"), ":1: unknown member "
	    "\"stage\"");
	CHECK_STR(load_error("{\"stages\":[" WON_W "," LOST_L "]}"),
	    ":1: stages: at least one open stage");
	CHECK_STR(load_error("{\"stages\":[" OPEN_A "," WON_W "," WON_W ","
	    LOST_L "]}"), ":1: stages[2]: name: \"w\" again (stages[1])");
	CHECK_STR(load_error("{\"stages\":[" OPEN_A "," LOST_L "]}"),
	    ":1: stages: exactly one stage has outcome won and one outcome "
	    "lost");
	CHECK_STR(load_error("{\"stages\":[" OPEN_A ",{\"name\":\"w\","
	    "\"probability\":100,\"forecast_category\":\"closed\","
	    "\"outcome\":\"yes\"}," LOST_L "]}"),
	    ":1: stages[1]: outcome: one of open, won, lost");
	CHECK_STR(load_error("{\"stages\":[{\"name\":\"a\",\"probability\":10,"
	    "\"forecast_category\":\"closed\"}," WON_W "," LOST_L "]}"),
	    ":1: stages[0]: an open stage cannot be forecast as closed");
	CHECK_STR(load_error("{\"stages\":[" OPEN_A "," WON_W ",{\"name\":"
	    "\"l\",\"probability\":5,\"forecast_category\":\"closed\","
	    "\"outcome\":\"lost\"}]}"), ":1: stages[2]: the lost stage has "
	    "probability 0 and forecast_category closed");
	CHECK_STR(load_error("{\"stages\":[{\"name\":\"a,b\",\"probability\":"
	    "10,\"forecast_category\":\"pipeline\"}]}"), ":1: stages[0]: name: "
	    "1 to 64 letters, digits, '_', '-' or inner spaces");
	CHECK_STR(load_error("{\"stages\":[{\"name\":\"a\",\"probability\":"
	    "\"10\",\"forecast_category\":\"pipeline\"}]}"),
	    ":1: stages[0].probability: not a whole number from 0 to 100");
	CHECK_STR(load_error("{\"stages\":[\"a\"]}"), ":1: stages[0]: a stage "
	    "is an object");
	/* The line of the place. */
	CHECK_STR(load_error("{\n\"stages\": [\n" OPEN_A ",\n" WON_W ",\n"
	    "{\"name\": \"l\"}\n]}\n"), ":5: stages[2].probability: missing");
}

/* The records the pipeline writes, one per line, into a string. */
static const char *
pipeline_text(crm_deal_pipeline *p)
{
	static char text[4096];
	crm_out *out = NULL;
	size_t n = 0;
	FILE *fp;

	text[0] = '\0';
	if (crm_out_open(&out, path, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return err.msg;
	if (crm_deal_pipeline_write(p, out, &err) != CRM_OK) {
		crm_out_abort(out);
		return err.msg;
	}
	crm_out_close(out, &err);
	if ((fp = fopen(path, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
	}
	text[n] = '\0';
	return text;
}

static void
test_pipeline_rounds_per_deal(void)
{
	crm_deal_stages *s = NULL;
	crm_deal_pipeline *p = NULL;
	crm_deal_amount d;

	CHECK_INT(crm_deal_stages_load(default_stages, &s, &err), CRM_OK);
	CHECK_INT(crm_deal_pipeline_new(s, CRM_DEAL_BY_STAGE |
	    CRM_DEAL_BY_TOTAL, &p, &err), CRM_OK);
	if (s == NULL || p == NULL)
		return;
	memset(&d, 0, sizeof(d));
	/* 0.05 at 50% is 0.025: 0.03 each, 0.06 for two (not 0.05). */
	d.stage = "Proposal";
	d.currency = "EUR";
	d.amount = 5;
	d.has_amount = 1;
	d.probability = 50;
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	/* 333 yen at 15% is 49.95: 50. */
	d.stage = "prospecting";
	d.currency = "JPY";
	d.amount = 333;
	d.probability = 15;
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	/* No amount: counted, adds nothing. */
	d.currency = "JPY";
	d.has_amount = 0;
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	CHECK_STR(pipeline_text(p),
	    "{\"by\":\"stage\",\"group\":\"prospecting\",\"currency\":\"JPY\","
	    "\"deals\":2,\"amount\":\"333\",\"weighted_amount\":\"50\"}\n"
	    "{\"by\":\"stage\",\"group\":\"proposal\",\"currency\":\"EUR\","
	    "\"deals\":2,\"amount\":\"0.10\",\"weighted_amount\":\"0.06\"}\n"
	    "{\"by\":\"total\",\"group\":\"all\",\"currency\":\"EUR\","
	    "\"deals\":2,\"amount\":\"0.10\",\"weighted_amount\":\"0.06\"}\n"
	    "{\"by\":\"total\",\"group\":\"all\",\"currency\":\"JPY\","
	    "\"deals\":2,\"amount\":\"333\",\"weighted_amount\":\"50\"}\n");
	/* Sums that leave int64 are errors, never a wrap. */
	d.currency = "EUR";
	d.has_amount = 1;
	d.amount = INT64_MAX;
	d.probability = 0;
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_EDATA);
	d.currency = "XYZ";
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_EDATA);
	crm_deal_pipeline_free(p);
	crm_deal_pipeline_free(NULL);
	crm_deal_stages_free(s);
}

static void
test_pipeline_groups(void)
{
	crm_deal_stages *s = NULL;
	crm_deal_pipeline *p = NULL;
	crm_deal_amount d;

	CHECK_INT(crm_deal_stages_load(default_stages, &s, &err), CRM_OK);
	CHECK_INT(crm_deal_pipeline_new(s, CRM_DEAL_BY_OWNER |
	    CRM_DEAL_BY_FORECAST, &p, &err), CRM_OK);
	if (s == NULL || p == NULL)
		return;
	memset(&d, 0, sizeof(d));
	/* The stage's category unless the deal has its own; no owner and
	 * no currency are groups too. */
	d.stage = "negotiation";
	d.owner = "r2";
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	d.owner = NULL;
	d.forecast_category = "pipeline";
	CHECK_INT(crm_deal_pipeline_add(p, &d, &err), CRM_OK);
	CHECK_STR(pipeline_text(p),
	    "{\"by\":\"owner\",\"group\":\"(none)\",\"deals\":1}\n"
	    "{\"by\":\"owner\",\"group\":\"r2\",\"deals\":1}\n"
	    "{\"by\":\"forecast_category\",\"group\":\"pipeline\",\"deals\":1}\n"
	    "{\"by\":\"forecast_category\",\"group\":\"commit\",\"deals\":1}\n");
	crm_deal_pipeline_free(p);
	crm_deal_stages_free(s);
}

/* Import one JSON record; the result code. */
static int
import(crm_deal_importer *imp, const char *json)
{
	crm_rec *r = crm_rec_new();
	int rc = crm_rec_parse(r, json, strlen(json), &err);

	if (rc == CRM_OK)
		rc = crm_deal_import(imp, r, &err);
	crm_rec_free(r);
	return rc;
}

/* One column of deal id, as text ("" for NULL). */
static const char *
column(crm_db *db, const char *sql, const char *id)
{
	static char out[256];
	sqlite3_stmt *st;

	out[0] = '\0';
	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		return err.msg;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void
test_import_and_move(void)
{
	static const char deal_sql[] = "SELECT stage || ' ' || probability ||"
	    " ' ' || forecast_category || ' ' || coalesce(closed_on, '-') ||"
	    " ' ' || stage_since FROM deals WHERE id = ?1";
	static const char events_sql[] = "SELECT group_concat(coalesce("
	    "from_state, '-') || '>' || to_state, ' ') FROM (SELECT * FROM"
	    " events WHERE entity_id = ?1 ORDER BY id)";
	const crm_deal_import_counts *c;
	crm_deal_stages *s = NULL;
	crm_deal_importer *imp = NULL;
	crm_deal_change ch;
	crm_db *db = NULL;
	char dbpath[300];
	int moved;

	snprintf(dbpath, sizeof(dbpath), "%s/deals.db", dir);
	CHECK_INT(crm_deal_stages_load(default_stages, &s, &err), CRM_OK);
	CHECK_INT(crm_db_open(&db, dbpath, 0, &err), CRM_OK);
	CHECK_INT(crm_deal_importer_new(db, s, "usd", 0, &imp, &err),
	    CRM_EUSAGE);
	CHECK_INT(crm_deal_importer_new(db, s, "USD", 1795334400000LL, &imp,
	    &err), CRM_OK);
	if (s == NULL || db == NULL || imp == NULL)
		return;
	CHECK_INT(import(imp, "{\"id\":\"D1\",\"stage\":\"proposal\","
	    "\"amount\":\"10\",\"created_on\":\"2026-11-01\"}"), CRM_OK);
	CHECK_INT(import(imp, "{\"id\":\"D1\",\"stage\":\"PROPOSAL\","
	    "\"amount\":10.00}"), CRM_OK);
	/* Empty strings and nulls keep what is stored. */
	CHECK_INT(import(imp, "{\"id\":\"D1\",\"stage\":\"proposal\","
	    "\"amount\":\"\",\"created_on\":null,\"owner\":\"\"}"), CRM_OK);
	CHECK_INT(import(imp, "{\"id\":\"D1\",\"stage\":\"proposal\","
	    "\"amount\":\"-1\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "amount: negative");
	c = crm_deal_import_counts_of(imp);
	CHECK_INT(c->inserted, 1);
	CHECK_INT(c->unchanged, 2);
	CHECK_INT(c->stage_changes, 1);
	CHECK_STR(column(db, deal_sql, "D1"),
	    "proposal 50 best_case - 2026-11-01T00:00:00Z");
	memset(&ch, 0, sizeof(ch));
	ch.at = "2026-11-10T12:00:00+02:00";
	CHECK_INT(crm_deal_move(db, s, "D1", "negotiation", &ch, &moved,
	    &err), CRM_OK);
	CHECK_INT(moved, 1);
	CHECK_INT(crm_deal_move(db, s, "D1", "Negotiation", &ch, &moved,
	    &err), CRM_OK);
	CHECK_INT(moved, 0);
	CHECK_INT(crm_deal_move(db, s, "D1", "lost", &ch, &moved, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "deal D1: lost needs a reason");
	ch.note = "price";
	CHECK_INT(crm_deal_move(db, s, "D1", "lost", &ch, &moved, &err),
	    CRM_OK);
	CHECK_STR(column(db, deal_sql, "D1"),
	    "lost 0 closed 2026-11-10 2026-11-10T10:00:00Z");
	CHECK_INT(crm_deal_move(db, s, "D1", "proposal", &ch, &moved, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "deal D1: is lost; reopen it to move it (--reopen)");
	ch.reopen = 1;
	CHECK_INT(crm_deal_move(db, s, "D1", "proposal", &ch, &moved, &err),
	    CRM_OK);
	CHECK_STR(column(db, deal_sql, "D1"),
	    "proposal 50 best_case - 2026-11-10T10:00:00Z");
	CHECK_STR(column(db, events_sql, "D1"),
	    "->proposal proposal>negotiation negotiation>lost lost>proposal");
	CHECK_INT(crm_deal_move(db, s, "D9", "proposal", &ch, &moved, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "deal D9: unknown deal");
	crm_deal_importer_free(imp);
	crm_deal_importer_free(NULL);
	crm_db_close(db);
	crm_deal_stages_free(s);
	remove(dbpath);
}

int
main(void)
{
	char wal[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/stages.json", dir);
	RUN(test_default_stages);
	RUN(test_forecast_rank);
	RUN(test_stage_checks);
	RUN(test_pipeline_rounds_per_deal);
	RUN(test_pipeline_groups);
	RUN(test_import_and_move);
	remove(path);
	snprintf(wal, sizeof(wal), "%s/deals.db-wal", dir);
	remove(wal);
	snprintf(wal, sizeof(wal), "%s/deals.db-shm", dir);
	remove(wal);
	rmdir(dir);
	DONE();
}
