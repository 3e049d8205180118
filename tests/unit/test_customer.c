/*
 * test_customer.c - customers: import (insert, upsert, history, every
 * bad input, counts), the 360 view, assign and transfer.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dbpath[64];
static char outpath[64];
static crm_err err;
static crm_db *db;
static crm_customer_importer *imp;

static const int64_t NOW = 1795334400000;   /* 2026-11-22T08:00:00Z */

static void
open_db(void)
{
	snprintf(dbpath, sizeof(dbpath), "/tmp/crm-test-customer-%ld.db",
	    (long)getpid());
	unlink(dbpath);
	CHECK_INT(crm_db_open(&db, dbpath, 0, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO reps (id, name, active,"
	    " created_at) VALUES ('R1', 'Ann', 1, 'x'), ('R2', 'Bo', 1, 'x'),"
	    " ('R3', 'Cy', 0, 'x')", &err), CRM_OK);
	CHECK_INT(crm_customer_importer_new(db, "44", NOW, &imp, &err),
	    CRM_OK);
}

/* Import one JSON line as line 1 of file "f.jsonl". */
static int
import(const char *json)
{
	crm_rec *r = crm_rec_new();
	int rc;

	if (crm_rec_parse(r, json, strlen(json), &err) != CRM_OK) {
		crm_rec_free(r);
		return -1;
	}
	crm_rec_set_place(r, "f.jsonl", 1);
	rc = crm_customer_import(imp, r, &err);
	crm_rec_free(r);
	return rc;
}

/* The first column of the first row of sql, as text ("" for NULL or no
 * row), into a static buffer. */
static const char *
one(const char *sql)
{
	static char buf[512];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		return "(bad sql)";
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

/* A new run: a new importer, counts from zero. */
static void
fresh(void)
{
	crm_customer_importer_free(imp);
	CHECK_INT(crm_customer_importer_new(db, "44", NOW, &imp, &err),
	    CRM_OK);
}

static void
check_counts(unsigned long ins, unsigned long upd, unsigned long same)
{
	const crm_customer_import_counts *c =
	    crm_customer_import_counts_of(imp);

	CHECK_INT(c->inserted, ins);
	CHECK_INT(c->updated, upd);
	CHECK_INT(c->unchanged, same);
}

static const char c1[] = "{\"id\":\"C1\",\"name\":\"Acme\",\"kind\":"
    "\"dealer\",\"exclusive\":true,\"email\":\" Sales@ACME.example \","
    "\"phone\":\"020 7946 0101\",\"owner_rep_id\":\"R1\","
    "\"credit_limit\":\"5000.00\",\"currency\":\"EUR\",\"colour\":\"red\","
    "\"contacts\":[{\"id\":\"K1\",\"name\":\"Eve\",\"opt_out\":true}],"
    "\"addresses\":[{\"id\":\"A1\",\"kind\":\"billing\",\"city\":\"Rome\"}],"
    "\"tags\":[\"vip\",\" vip \",\"b2b\"]}";

static void
test_insert_and_reimport(void)
{
	CHECK_INT(import(c1), CRM_OK);
	check_counts(1, 0, 0);
	CHECK_STR(one("SELECT email || ' ' || phone || ' ' ||"
	    " credit_limit_minor || ' ' || exclusive || ' ' || attrs"
	    " FROM customers"), "sales@acme.example +442079460101 500000 1 "
	    "{\"colour\":\"red\"}");
	CHECK_STR(one("SELECT group_concat(tag) FROM (SELECT tag FROM"
	    " customer_tags ORDER BY tag)"), "b2b,vip");
	CHECK_STR(one("SELECT name || opt_out FROM contacts"), "Eve1");
	CHECK_STR(one("SELECT count(*) FROM customer_history"), "0");
	fresh();
	CHECK_INT(import(c1), CRM_OK);
	check_counts(0, 0, 1);
	CHECK_STR(one("SELECT count(*) FROM customer_history"), "0");
}

static void
test_update_writes_history(void)
{
	fresh();
	CHECK_INT(import("{\"id\":\"C1\",\"name\":\"Acme\",\"kind\":"
	    "\"retailer\",\"credit_limit\":7500,\"email\":null,\"tags\":"
	    "\"vip\",\"contacts\":[{\"id\":\"K1\",\"role\":\"buyer\"}]}"),
	    CRM_OK);
	check_counts(0, 1, 0);
	CHECK_STR(one("SELECT group_concat(x, '; ') FROM (SELECT field ||"
	    " '=' || coalesce(old_value, '-') || '>' ||"
	    " coalesce(new_value, '-') || '@' || changed_at || '/' || source"
	    " AS x FROM customer_history ORDER BY id)"),
	    "kind=dealer>retailer@2026-11-22T08:00:00Z/f.jsonl; "
	    "email=sales@acme.example>-@2026-11-22T08:00:00Z/f.jsonl; "
	    "credit_limit_minor=500000>750000@2026-11-22T08:00:00Z/f.jsonl; "
	    "contacts[K1].role=->buyer@2026-11-22T08:00:00Z/f.jsonl; "
	    "tags=b2b>-@2026-11-22T08:00:00Z/f.jsonl");
	/* left out: kept */
	CHECK_STR(one("SELECT phone || currency FROM customers"),
	    "+442079460101EUR");
}

static void
test_bad_input(void)
{
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "{\"id\":\"X\"}", "f.jsonl:1: name: missing" },
		{ "{\"name\":\"X\"}", "f.jsonl:1: id: missing" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"kind\":\"oem\"}",
		    "f.jsonl:1: kind: not dealer, retailer or end_user" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"email\":\"a@b\"}",
		    "f.jsonl:1: email: not an e-mail address" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"phone\":\"call me\"}",
		    "f.jsonl:1: phone: not a phone number" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"owner_rep_id\":\"R9\"}",
		    "f.jsonl:1: owner_rep_id: unknown rep \"R9\"" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"credit_limit\":\"1.001\","
		    "\"currency\":\"EUR\"}",
		    "f.jsonl:1: credit_limit: more than 2 decimals" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"credit_limit\":\"-1\","
		    "\"currency\":\"EUR\"}",
		    "f.jsonl:1: credit_limit: negative" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"credit_limit\":\"1\"}",
		    "f.jsonl:1: credit_limit: no currency" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"currency\":\"eur\"}",
		    "f.jsonl:1: currency: not an ISO 4217 code" },
		{ "{\"id\":\"C1\",\"name\":\"Acme\",\"currency\":\"USD\"}",
		    "f.jsonl:1: currency: changes from EUR" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"exclusive\":1}",
		    "f.jsonl:1: exclusive: not a boolean" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"contacts\":{}}",
		    "f.jsonl:1: contacts: not an array" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"contacts\":[1]}",
		    "f.jsonl:1: contacts: [0]: not an object" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"contacts\":[{\"id\":\"K1\","
		    "\"name\":\"E\"}]}",
		    "f.jsonl:1: contacts[0].id: K1 is of customer C1" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"contacts\":"
		    "[{\"id\":\"K2\"}]}",
		    "f.jsonl:1: contacts[0].name: missing" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"contacts\":[{\"id\":\"K2\","
		    "\"name\":\"E\",\"email\":\"x\"}]}",
		    "f.jsonl:1: contacts[0].email: not an e-mail address" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"addresses\":[{\"id\":\"A9\","
		    "\"kind\":\"home\"}]}",
		    "f.jsonl:1: addresses[0].kind: not billing, shipping or "
		    "visit" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"address_id\":\"A1\"}",
		    "f.jsonl:1: address_id: A1 is of customer C1" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"tags\":[\"a;b\"]}",
		    "f.jsonl:1: tags: [0]: not a string without \";\"" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"tags\":3}",
		    "f.jsonl:1: tags: not an array or a string" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"partner_id\":\"P\"}",
		    "f.jsonl:1: partner_id: unknown partner \"P\"" },
		{ "{\"id\":\"X\",\"name\":\"X\",\"created_at\":\"soon\"}",
		    "f.jsonl:1: created_at: not a date or an RFC 3339" },
	};
	size_t i;

	fresh();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(crm_db_begin(db, &err), CRM_OK);
		CHECK_INT(import(bad[i].json), CRM_EDATA);
		CHECK_HAS(err.msg, bad[i].msg);
		crm_db_rollback(db);
	}
	check_counts(0, 0, 0);
	CHECK_STR(one("SELECT count(*) FROM customers"), "1");
}

static void
test_duplicate_in_run_and_merged(void)
{
	CHECK_INT(import("{\"id\":\"C2\",\"name\":\"Two\"}"), CRM_OK);
	CHECK_INT(import("{\"id\":\"C2\",\"name\":\"Two\"}"), CRM_OK);
	check_counts(1, 0, 1);
	CHECK_INT(import("{\"id\":\"C2\",\"name\":\"Deux\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:1: id: C2 already imported from "
	    "f.jsonl:1 with other content");
	CHECK_INT(crm_db_exec(db, "UPDATE customers SET merged_into = 'C1'"
	    " WHERE id = 'C2'", &err), CRM_OK);
	crm_customer_importer_free(imp);
	CHECK_INT(crm_customer_importer_new(db, NULL, NOW, &imp, &err),
	    CRM_OK);
	CHECK_INT(import("{\"id\":\"C2\",\"name\":\"Two\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:1: id: C2 was merged into C1: import "
	    "into C1 instead");
	CHECK_INT(import("{\"id\":\"C3\",\"name\":\"T\",\"phone\":\"0207\"}"),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "phone: no country code");
}

/* Run show of id into outpath; its one line into buf. */
static int
show(const char *id, long orders, char *buf, size_t sz)
{
	crm_customer_show_opts o = { NOW, orders, 10 };
	crm_out *out;
	FILE *fp;
	int rc;

	buf[0] = '\0';
	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK)
		return -1;
	rc = crm_customer_show(db, id, &o, out, &err);
	if (crm_out_close(out, &err) != CRM_OK)
		return -1;
	if ((fp = fopen(outpath, "r")) != NULL) {
		if (fgets(buf, (int)sz, fp) == NULL)
			buf[0] = '\0';
		fclose(fp);
	}
	return rc;
}

static void
test_show(void)
{
	char line[4096];

	snprintf(outpath, sizeof(outpath), "/tmp/crm-test-customer-%ld.out",
	    (long)getpid());
	CHECK_INT(crm_db_exec(db, "INSERT INTO orders (id, customer_id,"
	    " order_date, status, currency, total_minor) VALUES"
	    " ('O1', 'C1', '2026-11-01', 'confirmed', 'EUR', 1050),"
	    " ('O2', 'C1', '2024-01-01', 'delivered', 'EUR', 2000),"
	    " ('O3', 'C1', '2026-11-02', 'draft', 'EUR', 9999),"
	    " ('O4', 'C1', '2026-10-01', 'confirmed', 'JPY', 500)", &err),
	    CRM_OK);
	CHECK_INT(show("C1", 1, line, sizeof(line)), CRM_OK);
	CHECK_HAS(line, "\"orders\":[{\"id\":\"O3\",\"order_date\":"
	    "\"2026-11-02\",\"status\":\"draft\",\"total\":\"99.99\","
	    "\"currency\":\"EUR\"}]");
	CHECK_HAS(line, "\"value\":{\"revenue\":[{\"currency\":\"EUR\","
	    "\"amount\":\"30.50\",\"orders\":2},{\"currency\":\"JPY\","
	    "\"amount\":\"500\",\"orders\":1}],\"order_count\":3,"
	    "\"first_order\":\"2024-01-01\",\"last_order\":\"2026-11-01\","
	    "\"tier\":\"B\",\"tier_source\":\"computed\"},"
	    "\"merged\":[\"C2\"]}");
	CHECK_HAS(line, "\"tags\":[\"vip\"]");
	CHECK_INT(show("C2", 10, line, sizeof(line)), CRM_OK);
	CHECK_STR(line, "{\"id\":\"C2\",\"name\":\"Two\",\"merged_into\":"
	    "\"C1\",\"note\":\"merged into C1: crm-customer show C1\"}\n");
	CHECK_INT(show("C9", 10, line, sizeof(line)), CRM_EDATA);
	CHECK_STR(err.msg, "customer C9: unknown customer");
	unlink(outpath);
}

static void
test_assign_transfer(void)
{
	crm_route_change ch = { NOW, "tester", NULL };
	unsigned long moved;
	int changed;

	CHECK_INT(crm_customer_assign(db, "C1", "R3", &ch, &changed, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "rep R3: inactive");
	CHECK_INT(crm_customer_assign(db, "C1", "R1", &ch, &changed, &err),
	    CRM_OK);
	CHECK_INT(changed, 0);
	CHECK_INT(crm_customer_assign(db, "C2", "R2", &ch, &changed, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "customer C2: merged into C1");
	CHECK_INT(crm_customer_transfer(db, "R1", "R1", &ch, &moved, &err),
	    CRM_EUSAGE);
	CHECK_INT(crm_customer_transfer(db, "R1", "R2", &ch, &moved, &err),
	    CRM_OK);
	CHECK_INT(moved, 1);
	CHECK_STR(one("SELECT owner_rep_id FROM customers WHERE id = 'C1'"),
	    "R2");
	CHECK_STR(one("SELECT kind || from_state || to_state || actor"
	    " FROM events WHERE entity = 'customer'"), "transferR1R2tester");
	CHECK_STR(one("SELECT old_value || new_value || source FROM"
	    " customer_history WHERE field = 'owner_rep_id'"),
	    "R1R2transfer");
	CHECK_STR(one("SELECT active FROM reps WHERE id = 'R1'"), "1");
}

/* The customer an id stands for after merges: a chain followed to its
 * end with the survivor's owner, an unknown id, a loop. */
static void
test_survivor(void)
{
	crm_buf to = CRM_BUF_INIT, owner = CRM_BUF_INIT;
	int merges = -1;

	CHECK_INT(crm_db_exec(db, "INSERT INTO customers (id, name,"
	    " owner_rep_id, created_at) VALUES ('S1', 'One', NULL, 'x'),"
	    " ('S2', 'Two', 'R2', 'x'), ('S3', 'Three', 'R1', 'x');"
	    " UPDATE customers SET merged_into = 'S2' WHERE id = 'S1';"
	    " UPDATE customers SET merged_into = 'S3' WHERE id = 'S2'", &err),
	    CRM_OK);
	CHECK_INT(crm_customer_survivor(db, "S1", &to, &owner, &merges, &err),
	    CRM_OK);
	CHECK_STR(to.data, "S3");
	CHECK_STR(owner.data, "R1");
	CHECK_INT(merges, 2);
	CHECK_INT(crm_customer_survivor(db, "S3", &to, NULL, &merges, &err),
	    CRM_OK);
	CHECK_STR(to.data, "S3");
	CHECK_INT(merges, 0);
	CHECK_INT(crm_customer_survivor(db, "S9", &to, NULL, NULL, &err),
	    CRM_END);
	CHECK_INT(crm_db_exec(db, "UPDATE customers SET merged_into = 'S1'"
	    " WHERE id = 'S3'", &err), CRM_OK);
	CHECK_INT(crm_customer_survivor(db, "S2", &to, NULL, NULL, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "customer S2: merges go round in a loop");
	CHECK_INT(crm_db_exec(db, "UPDATE customers SET merged_into = NULL"
	    " WHERE id LIKE 'S_'; DELETE FROM customers WHERE id LIKE 'S_'",
	    &err), CRM_OK);
	crm_buf_free(&to);
	crm_buf_free(&owner);
}

int
main(void)
{
	open_db();
	RUN(test_insert_and_reimport);
	RUN(test_update_writes_history);
	RUN(test_bad_input);
	RUN(test_duplicate_in_run_and_merged);
	RUN(test_show);
	RUN(test_assign_transfer);
	RUN(test_survivor);
	crm_customer_importer_free(imp);
	crm_customer_importer_free(NULL);
	crm_db_close(db);
	unlink(dbpath);
	DONE();
}
