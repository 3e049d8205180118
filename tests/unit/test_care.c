/*
 * test_care.c - the care module: tag names, the tag rule file and its
 * comparisons (exact decimals, CSV strings, absent fields), personas,
 * message templates, tagging and opt-outs over a database, and a
 * campaign's counts.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char path[] = "/tmp/crm-test-care-XXXXXX";
static char dbpath[64];
static crm_err err;

static crm_care_rules *
rules_from(const char *text)
{
	crm_care_rules *r = NULL;
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	if (crm_care_rules_load(path, &r, &err) != CRM_OK)
		return NULL;
	return r;
}

static int
holds(const crm_care_rules *r, size_t i, const char *json)
{
	crm_rec *rec = crm_rec_new();
	int h;

	if (crm_rec_parse(rec, json, strlen(json), &err) != CRM_OK)
		h = -1;
	else
		h = crm_care_rules_hold(r, i, rec);
	crm_rec_free(rec);
	return h;
}

static void
test_tag_names(void)
{
	CHECK_INT(crm_care_tag_check("champion", &err), CRM_OK);
	CHECK_INT(crm_care_tag_check("老客户", &err), CRM_OK);
	CHECK_INT(crm_care_tag_check("a b", &err), CRM_EDATA);
	CHECK_INT(crm_care_tag_check("a,b", &err), CRM_EDATA);
	CHECK_INT(crm_care_tag_check("", &err), CRM_EDATA);
	CHECK_INT(crm_care_tag_check("x\tb", &err), CRM_EDATA);
	CHECK_INT(crm_care_tag_check("12345678901234567890123456789012345678"
	    "90123456789012345678901234", &err), CRM_OK);
	CHECK_INT(crm_care_tag_check("12345678901234567890123456789012345678"
	    "901234567890123456789012345", &err), CRM_EDATA);
}

static void
test_rules_compare_exactly(void)
{
	crm_care_rules *r = rules_from("{\"rules\":["
	    "{\"tag\":\"big\",\"when\":{\"monetary\":{\"ge\":\"1000.10\"}}},"
	    "{\"tag\":\"lapsed\",\"when\":{\"r\":{\"le\":1}}},"
	    "{\"tag\":\"champ\",\"when\":{\"segment\":[\"Champions\",\"Loyal\"],"
	    "\"lapsed\":false}},"
	    "{\"tag\":\"nomail\",\"when\":{\"email\":null}},"
	    "{\"tag\":\"range\",\"when\":{\"f\":{\"gt\":-1,\"lt\":\"2.5\"},"
	    "\"x\":{\"present\":true,\"ne\":\"no\"}}}],"
	    "\"personas\":{\"p\":[\"big\",\"champ\"]}}");
	const char *const *tags;
	size_t n;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK_INT(crm_care_rules_count(r), 5);
	CHECK_STR(crm_care_rules_tag(r, 1), "lapsed");
	CHECK_INT(holds(r, 0, "{\"monetary\":\"1000.1\"}"), 1);
	CHECK_INT(holds(r, 0, "{\"monetary\":1000.0999999}"), 0);
	CHECK_INT(holds(r, 0, "{\"monetary\":\"01000.100\"}"), 1);
	CHECK_INT(holds(r, 0, "{\"monetary\":\"-5000\"}"), 0);
	CHECK_INT(holds(r, 0, "{\"monetary\":\"lots\"}"), 0);
	CHECK_INT(holds(r, 0, "{}"), 0);
	CHECK_INT(holds(r, 1, "{\"r\":1}"), 1);
	CHECK_INT(holds(r, 1, "{\"r\":\"0\"}"), 1);
	CHECK_INT(holds(r, 1, "{\"r\":2}"), 0);
	CHECK_INT(holds(r, 1, "{\"r\":1e0}"), 0);
	CHECK_INT(holds(r, 2, "{\"segment\":\"Loyal\",\"lapsed\":false}"), 1);
	CHECK_INT(holds(r, 2, "{\"segment\":\"Loyal\",\"lapsed\":\"false\"}"),
	    1);
	CHECK_INT(holds(r, 2, "{\"segment\":\"loyal\",\"lapsed\":false}"), 0);
	CHECK_INT(holds(r, 2, "{\"segment\":\"Loyal\",\"lapsed\":true}"), 0);
	CHECK_INT(holds(r, 3, "{}"), 1);
	CHECK_INT(holds(r, 3, "{\"email\":null}"), 1);
	CHECK_INT(holds(r, 3, "{\"email\":\"a@b.cn\"}"), 0);
	CHECK_INT(holds(r, 4, "{\"f\":\"-0.5\",\"x\":\"yes\"}"), 1);
	CHECK_INT(holds(r, 4, "{\"f\":-1,\"x\":\"yes\"}"), 0);
	CHECK_INT(holds(r, 4, "{\"f\":2.5,\"x\":\"yes\"}"), 0);
	CHECK_INT(holds(r, 4, "{\"f\":0,\"x\":\"no\"}"), 0);
	CHECK_INT(holds(r, 4, "{\"f\":0}"), 0);
	CHECK_INT(crm_care_persona(r, "p", &tags, &n), CRM_OK);
	CHECK_INT(n, 2);
	CHECK_STR(tags[1], "champ");
	CHECK_INT(crm_care_persona(r, "q", &tags, &n), CRM_END);
	crm_care_rules_free(r);
	crm_care_rules_free(NULL);
}

static void
test_rules_refused(void)
{
	CHECK(rules_from("{\"rules\":[{\"tag\":\"x\"}]}") == NULL);
	CHECK_INT(err.code, CRM_ECONFIG);
	CHECK_HAS(err.msg, "rules[0].when: missing");
	CHECK(rules_from("{\"rules\":[{\"tag\":\"x\",\"when\":{\"m\":"
	    "{\"ge\":\"1,5\"}}}]}") == NULL);
	CHECK_HAS(err.msg, "rules[0].when.m.ge: not a decimal number");
	CHECK(rules_from("{\"rules\":[{\"tag\":\"x\",\"when\":{\"m\":"
	    "{\"in\":[]}}}]}") == NULL);
	CHECK_HAS(err.msg, "a list of values, not empty");
	CHECK(rules_from("{\"rules\":[],\"extra\":1}") == NULL);
	CHECK_HAS(err.msg, "extra: unknown key (rules, personas)");
	CHECK(rules_from("{\"personas\":{\"p\":[\"a\",\"b c\"]}}") == NULL);
	CHECK_HAS(err.msg, "personas.p[1]: not a tag");
	CHECK(rules_from("[1]") == NULL);
	CHECK_INT(err.code, CRM_ECONFIG);
}

static void
test_template(void)
{
	static const char f[] = "{\"name\":\"西湖\",\"contact_name\":\"Anna\","
	    "\"region\":null}";
	crm_care_template *t = NULL;
	crm_buf out = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new();
	const char *s = "Hi {contact_name} of {name}{region}: {{x}} }}\n";

	CHECK_INT(crm_rec_parse(r, f, strlen(f), &err), CRM_OK);
	CHECK_INT(crm_care_template_parse(s, strlen(s), "t", &t, &err),
	    CRM_OK);
	CHECK_INT(crm_care_template_fill(t, r, &out, &err), CRM_OK);
	CHECK_STR(out.data, "Hi Anna of 西湖: {x} }\n");
	CHECK_STR(crm_care_template_text(t), s);
	crm_care_template_free(t);
	crm_care_template_free(NULL);
	CHECK_INT(crm_care_template_parse("a\n{nam}", 7, "t", &t, &err),
	    CRM_ECONFIG);
	CHECK_HAS(err.msg, "t:2: {nam}: unknown placeholder");
	CHECK(t == NULL);
	CHECK_INT(crm_care_template_parse("\xff", 1, "t", &t, &err),
	    CRM_ECONFIG);
	CHECK_HAS(err.msg, "not UTF-8");
	CHECK_INT(crm_care_template_parse("\xed\xa0\x80", 3, "t", &t, &err),
	    CRM_ECONFIG);
	CHECK_INT(crm_care_template_parse("a\0b", 3, "t", &t, &err),
	    CRM_ECONFIG);
	CHECK_INT(crm_care_template_load("/nonexistent/t.txt", &t, &err),
	    CRM_ENOINPUT);
	crm_buf_free(&out);
	crm_rec_free(r);
}

static int
count(crm_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int n = -1;

	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static crm_db *
setup_db(void)
{
	crm_db *db = NULL;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/crm-test-care-db-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	if (crm_db_open(&db, dbpath, 0, &err) != CRM_OK)
		return NULL;
	crm_db_exec(db, "INSERT INTO customers (id, name, email, created_at)"
	    " VALUES ('A', 'Alpha', 'a@x.cn', '2026-01-01T00:00:00Z'),"
	    " ('B', 'Beta', NULL, '2026-01-01T00:00:00Z');"
	    "INSERT INTO customers (id, name, merged_into, created_at)"
	    " VALUES ('A2', 'Alpha web', 'A', '2026-01-01T00:00:00Z');"
	    "INSERT INTO contacts (id, customer_id, name, phone)"
	    " VALUES ('KB', 'B', 'Bo', '+861');", &err);
	return db;
}

static void
test_tagger_and_optouts(void)
{
	crm_db *db = setup_db();
	crm_care_tagger *t = NULL;
	const crm_care_tag_counts *c;
	int changed = -1;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK_INT(crm_care_tagger_new(db, "test", 0, &t, &err), CRM_OK);
	CHECK_INT(crm_care_tag(t, "A2", "vip", &err), CRM_OK);
	CHECK_INT(crm_care_tag(t, "A", "vip", &err), CRM_OK);
	CHECK_INT(crm_care_tag(t, "Z", "vip", &err), CRM_EDATA);
	CHECK_STR(err.msg, "Z: unknown customer");
	CHECK_INT(crm_care_untag(t, "B", "vip", &err), CRM_OK);
	c = crm_care_tag_counts_of(t);
	CHECK_INT(c->tagged, 1);
	CHECK_INT(c->already, 1);
	CHECK_INT(c->absent, 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags WHERE"
	    " customer_id = 'A' AND source = 'test' AND"
	    " tagged_at = '1970-01-01T00:00:00Z'"), 1);
	crm_care_tagger_free(t);
	crm_care_tagger_free(NULL);

	CHECK_INT(crm_care_optout(db, "B", "KB", "sms", 0, "t", &changed,
	    &err), CRM_OK);
	CHECK_INT(changed, 1);
	CHECK_INT(crm_care_optout(db, "B", NULL, NULL, 0, "t", &changed,
	    &err), CRM_OK);
	CHECK_INT(crm_care_optout(db, "B", NULL, "email", 0, "t", &changed,
	    &err), CRM_OK);
	CHECK_INT(changed, 0);
	CHECK_INT(crm_care_optin(db, "B", NULL, "email", &changed, &err),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "customer B: opted out of every channel");
	CHECK_INT(crm_care_optin(db, "B", NULL, NULL, &changed, &err), CRM_OK);
	CHECK_INT(changed, 1);
	CHECK_INT(count(db, "SELECT count(*) FROM opt_outs"), 1);
	CHECK_INT(crm_care_optout(db, "A", "KB", NULL, 0, NULL, &changed,
	    &err), CRM_EDATA);
	CHECK_STR(err.msg, "contact KB: not a contact of customer A");
	crm_db_close(db);
	unlink(dbpath);
}

/* Tag by rules the records of json (one per line) and, unless keep,
 * prune; the counts of the tagger. */
static int
rules_run(crm_db *db, const crm_care_rules *r, const char *const *recs,
    size_t n, int keep, crm_care_tag_counts *c)
{
	crm_care_tagger *t = NULL;
	crm_rec *rec = crm_rec_new();
	size_t i;
	int rc;

	rc = crm_care_tagger_new(db, "rules:r.json", 0, &t, &err);
	for (i = 0; rc == CRM_OK && i < n; i++)
		if ((rc = crm_rec_parse(rec, recs[i], strlen(recs[i]),
		    &err)) == CRM_OK)
			rc = crm_care_tag_by_rules(t, r, rec, &err);
	if (rc == CRM_OK && !keep)
		rc = crm_care_tag_rules_prune(t, r, &err);
	if (t != NULL)
		*c = *crm_care_tag_counts_of(t);
	crm_care_tagger_free(t);
	crm_rec_free(rec);
	return rc;
}

static void
test_rules_keep_tags_current(void)
{
	static const char *const first[] = {
		"{\"customer_id\":\"A\",\"r\":1,\"m\":5}",
		"{\"customer_id\":\"B\",\"r\":1,\"m\":1}",
	};
	static const char *const second[] = {
		"{\"customer_id\":\"A\",\"r\":5,\"m\":1}",
		"{\"customer_id\":\"A2\",\"r\":5,\"m\":5}",
	};
	static const char *const third[] = {
		"{\"customer_id\":\"A\",\"r\":5,\"m\":1}",
		"{\"customer_id\":\"B\",\"r\":5,\"m\":1}",
	};
	crm_care_rules *r = rules_from("{\"rules\":["
	    "{\"tag\":\"lapsed\",\"when\":{\"r\":{\"le\":1}}},"
	    "{\"tag\":\"big\",\"when\":{\"m\":{\"ge\":5}}},"
	    "{\"tag\":\"big\",\"when\":{\"vip\":true}}]}");
	crm_db *db = setup_db();
	crm_care_tagger *t = NULL;
	crm_care_tag_counts c;

	CHECK(r != NULL && db != NULL);
	if (r == NULL || db == NULL)
		goto out;
	/* B's "lapsed" by hand, and a tag of another rule file on A. */
	CHECK_INT(crm_care_tagger_new(db, "cli", 0, &t, &err), CRM_OK);
	CHECK_INT(crm_care_tag(t, "B", "lapsed", &err), CRM_OK);
	crm_care_tagger_free(t);
	crm_db_exec(db, "INSERT INTO customer_tags VALUES ('A', 'loyal',"
	    " 'rules:other.json', '2026-01-01T00:00:00Z')", &err);
	CHECK_INT(rules_run(db, r, first, 2, 0, &c), CRM_OK);
	CHECK_INT(c.tagged, 2);
	CHECK_INT(c.already, 1);
	CHECK_INT(c.untagged, 0);
	/* --keep: A is no longer lapsed, and keeps it. */
	CHECK_INT(rules_run(db, r, third, 1, 1, &c), CRM_OK);
	CHECK_INT(c.untagged, 0);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'A' AND tag = 'lapsed'"), 1);
	/* A named twice (once through A2, merged into it): the union of
	 * what both give, so "big" stays and only "lapsed" goes. */
	CHECK_INT(rules_run(db, r, second, 2, 0, &c), CRM_OK);
	CHECK_INT(c.tagged, 0);
	CHECK_INT(c.already, 1);
	CHECK_INT(c.untagged, 1);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'A' AND tag IN ('big', 'loyal')"), 2);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'A' AND tag = 'lapsed'"), 0);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_history"
	    " WHERE customer_id = 'A' AND field = 'tags'"
	    " AND old_value = 'lapsed' AND new_value IS NULL"
	    " AND source = 'rules:r.json'"
	    " AND changed_at = '1970-01-01T00:00:00Z'"), 1);
	/* B was not named: its hand tag "lapsed" stays, and so it does
	 * when B is named and not lapsed. */
	CHECK_INT(rules_run(db, r, third + 1, 1, 0, &c), CRM_OK);
	CHECK_INT(c.untagged, 0);
	CHECK_INT(count(db, "SELECT count(*) FROM customer_tags"
	    " WHERE customer_id = 'B' AND tag = 'lapsed'"
	    " AND source = 'cli'"), 1);
out:
	crm_care_rules_free(r);
	crm_db_close(db);
	unlink(dbpath);
}

static void
test_campaign_counts(void)
{
	crm_db *db = setup_db();
	crm_care_template *tpl = NULL;
	crm_care_segment seg;
	crm_care_campaign_opts o;
	crm_care_campaign_counts c;
	crm_out *out = NULL;

	CHECK(db != NULL);
	if (db == NULL)
		return;
	memset(&seg, 0, sizeof(seg));
	memset(&o, 0, sizeof(o));
	CHECK_INT(crm_care_template_parse("Hi {name}", 9, "t", &tpl, &err),
	    CRM_OK);
	CHECK_INT(crm_out_open(&out, "/dev/null", CRM_FMT_JSONL, 0, &err),
	    CRM_OK);
	o.name = "c1";
	o.channel = "sms";
	o.tpl = tpl;
	o.seg = &seg;
	o.cooldown_days = 7;
	o.now = INT64_C(1700000000000);
	CHECK_INT(crm_care_campaign(db, &o, out, &c, &err), CRM_OK);
	CHECK_INT(c.selected, 2);
	CHECK_INT(c.contacted, 1);
	CHECK_INT(c.no_address, 1);
	o.channel = "email";
	o.name = "c2";
	CHECK_INT(crm_care_campaign(db, &o, out, &c, &err), CRM_OK);
	CHECK_INT(c.contacted, 1);
	CHECK_INT(c.no_address, 1);
	CHECK_INT(c.opted_out + c.cooled_down, 0);
	CHECK_INT(count(db, "SELECT count(*) FROM activities WHERE id IN"
	    " ('c1/B', 'c2/A') AND campaign_id IS NOT NULL"), 2);
	CHECK_INT(crm_care_campaign(db, &o, out, &c, &err), CRM_OK);
	CHECK_INT(c.cooled_down, 1);
	o.name = "c 3";
	CHECK_INT(crm_care_campaign(db, &o, out, &c, &err), CRM_EUSAGE);
	CHECK_INT(crm_out_close(out, &err), CRM_OK);
	crm_care_template_free(tpl);
	crm_db_close(db);
	unlink(dbpath);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	RUN(test_tag_names);
	RUN(test_rules_compare_exactly);
	RUN(test_rules_refused);
	RUN(test_template);
	RUN(test_tagger_and_optouts);
	RUN(test_rules_keep_tags_current);
	RUN(test_campaign_counts);
	unlink(path);
	DONE();
}
