/*
 * test_db.c - opening, migrating, transactions, binding, busy handling.
 */
#include "t.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-db-XXXXXX";
static crm_err err;

static const char *
db_path(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* The whole schema as text, to compare two databases. */
static char *
schema_of(crm_db *db)
{
	static char text[65536];
	sqlite3_stmt *st;
	size_t n = 0;

	text[0] = '\0';
	sqlite3_prepare_v2(crm_db_handle(db), "SELECT type, name, sql FROM "
	    "sqlite_schema ORDER BY type, name", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW && n < sizeof(text) - 1)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s %s %s\n",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return text;
}

static void
test_open_new(void)
{
	crm_db *db;
	struct stat sb;
	int v = -1;

	umask(022);
	CHECK_INT(crm_db_open(&db, db_path("new.db"), 0, &err), CRM_OK);
	CHECK_INT(stat(db_path("new.db"), &sb), 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	CHECK_INT(crm_db_version(db, &v, &err), CRM_OK);
	CHECK_INT(v, crm_schema_version());
	CHECK_STR(crm_db_path(db), db_path("new.db"));
	crm_db_close(db);
	crm_db_close(NULL);

	CHECK_INT(crm_db_open(&db, db_path("missing.db"), CRM_DB_READONLY,
	    &err), CRM_ENOINPUT);
	CHECK(db == NULL);
	CHECK_HAS(err.msg, "no such database");
	CHECK_INT(access(db_path("missing.db"), F_OK), -1);
	CHECK_INT(crm_db_open(&db, db_path("missing.db"), CRM_DB_NOCREATE,
	    &err), CRM_ENOINPUT);
}

/* From every earlier version, migration ends in the schema a new
 * database has. */
static void
test_migrate_from_each_version(void)
{
	crm_db *fresh, *db;
	char name[32], *want;
	int k, from, v;

	CHECK_INT(crm_db_open(&fresh, db_path("fresh.db"), 0, &err), CRM_OK);
	want = strdup(schema_of(fresh));
	crm_db_close(fresh);
	for (k = 0; k <= crm_schema_version(); k++) {
		snprintf(name, sizeof(name), "v%d.db", k);
		CHECK_INT(crm_db_open(&db, db_path(name), CRM_DB_NOMIGRATE,
		    &err), CRM_OK);
		if (k > 0)
			CHECK_INT(crm_db_migrate(db, k, &from, &err), CRM_OK);
		CHECK_INT(crm_db_version(db, &v, &err), CRM_OK);
		CHECK_INT(v, k);
		crm_db_close(db);
		CHECK_INT(crm_db_open(&db, db_path(name), 0, &err), CRM_OK);
		CHECK_STR(schema_of(db), want);
		crm_db_close(db);
	}
	free(want);

	CHECK_INT(crm_db_open(&db, db_path("v0.db"), 0, &err), CRM_OK);
	CHECK_INT(crm_db_migrate(db, crm_schema_version() + 1, NULL, &err),
	    CRM_EUSAGE);
	sqlite3_exec(crm_db_handle(db), "PRAGMA user_version = 99", NULL,
	    NULL, NULL);
	CHECK_INT(crm_db_migrate(db, 0, &from, &err), CRM_EDATA);
	CHECK_INT(from, 99);
	crm_db_close(db);
	CHECK_INT(crm_db_open(&db, db_path("v0.db"), 0, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "schema version 99 is newer than");
}

static void
test_transactions(void)
{
	crm_db *db;
	sqlite3_stmt *st;
	int n = -1;

	CHECK_INT(crm_db_open(&db, db_path("txn.db"), 0, &err), CRM_OK);
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO locations (id, name) VALUES "
	    "('L1', 'one')", &err), CRM_OK);
	CHECK_INT(crm_db_savepoint(db, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO locations (id, name) VALUES "
	    "('L2', 'two')", &err), CRM_OK);
	CHECK_INT(crm_db_rollback_to(db, &err), CRM_OK);
	CHECK_INT(crm_db_savepoint(db, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO locations (id, name) VALUES "
	    "('L3', 'three')", &err), CRM_OK);
	CHECK_INT(crm_db_release(db, &err), CRM_OK);
	CHECK_INT(crm_db_commit(db, &err), CRM_OK);
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO locations (id, name) VALUES "
	    "('L4', 'four')", &err), CRM_OK);
	crm_db_rollback(db);
	crm_db_rollback(db);    /* harmless without a transaction */
	CHECK_INT(crm_db_prepare(db, "SELECT group_concat(id) FROM (SELECT id "
	    "FROM locations ORDER BY id)", &st, &err), CRM_OK);
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "L1,L3");
	sqlite3_finalize(st);
	/* Constraint failures are bad data. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO locations (id, name) VALUES "
	    "('L1', 'again')", &err), CRM_EDATA);
	CHECK_HAS(err.msg, "UNIQUE constraint failed: locations.id");
	/* Foreign keys are on. */
	CHECK_INT(crm_db_exec(db, "INSERT INTO contacts (id, customer_id, "
	    "name) VALUES ('K', 'nobody', 'x')", &err), CRM_EDATA);
	CHECK_HAS(err.msg, "FOREIGN KEY constraint failed");
	CHECK_INT(crm_db_prepare(db, "SELECT nosuch FROM locations", &st, &err),
	    CRM_EINTERNAL);
	(void)n;
	crm_db_close(db);
}

static void
test_busy(void)
{
	crm_db *a, *b;

	CHECK_INT(crm_db_open(&a, db_path("busy.db"), 0, &err), CRM_OK);
	CHECK_INT(crm_db_open(&b, db_path("busy.db"), 0, &err), CRM_OK);
	crm_db_set_busy_timeout(b, 20);
	CHECK_INT(crm_db_begin(a, &err), CRM_OK);
	CHECK_INT(crm_db_begin(b, &err), CRM_EBUSY);
	CHECK_HAS(err.msg, "retry later");
	CHECK_STR(crm_err_name(err.code), "database busy");
	crm_db_rollback(a);
	CHECK_INT(crm_db_begin(b, &err), CRM_OK);
	crm_db_rollback(b);
	crm_db_close(a);
	crm_db_close(b);
}

/* What type and value a record field binds as. */
static const char *
bound(crm_db *db, const char *json, const char *key)
{
	static char out[128];
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;

	crm_rec_parse(r, json, strlen(json), &err);
	crm_db_prepare(db, "SELECT typeof(?1) || ':' || coalesce(?1, '')",
	    &st, &err);
	if (crm_db_bind_field(db, st, 1, r, key, &err) != CRM_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		snprintf(out, sizeof(out), "error");
	else
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	crm_rec_free(r);
	return out;
}

static void
test_bind(void)
{
	crm_db *db;

	CHECK_INT(crm_db_open(&db, db_path("bind.db"), 0, &err), CRM_OK);
	CHECK_STR(bound(db, "{\"a\":42}", "a"), "integer:42");
	CHECK_STR(bound(db, "{\"a\":-9223372036854775808}", "a"),
	    "integer:-9223372036854775808");
	CHECK_STR(bound(db, "{\"a\":9223372036854775808}", "a"),
	    "text:9223372036854775808");
	CHECK_STR(bound(db, "{\"a\":12.30}", "a"), "text:12.30");
	CHECK_STR(bound(db, "{\"a\":1e3}", "a"), "text:1e3");
	CHECK_STR(bound(db, "{\"a\":\"x'); DROP TABLE leads;--\"}", "a"),
	    "text:x'); DROP TABLE leads;--");
	CHECK_STR(bound(db, "{\"a\":true}", "a"), "integer:1");
	CHECK_STR(bound(db, "{\"a\":false}", "a"), "integer:0");
	CHECK_STR(bound(db, "{\"a\":null}", "a"), "null:");
	CHECK_STR(bound(db, "{}", "a"), "null:");
	CHECK_STR(bound(db, "{\"a\":{\"k\":[1, 2]}}", "a"),
	    "text:{\"k\":[1,2]}");
	crm_db_close(db);
}

/* Whether a query gives a row; the statement is reset for the next. */
static void
test_found(void)
{
	static const char sql[] = "SELECT 1 FROM customers WHERE id = ?1";
	sqlite3_stmt *st;
	crm_db *db;
	int found = -1;

	CHECK_INT(crm_db_open(&db, db_path("found.db"), 0, &err), CRM_OK);
	CHECK_INT(crm_db_exec(db, "INSERT INTO customers (id, name,"
	    " created_at) VALUES ('C1', 'One', '2026-01-01T00:00:00Z')", &err),
	    CRM_OK);
	CHECK_INT(crm_db_stmt(db, sql, &st, &err), CRM_OK);
	sqlite3_bind_text(st, 1, "C1", -1, SQLITE_STATIC);
	CHECK_INT(crm_db_found(db, st, "customers", &found, &err), CRM_OK);
	CHECK_INT(found, 1);
	sqlite3_bind_text(st, 1, "C2", -1, SQLITE_STATIC);
	CHECK_INT(crm_db_found(db, st, "customers", &found, &err), CRM_OK);
	CHECK_INT(found, 0);
	crm_db_close(db);
}

/* A row as a record: nulls left out, money beside a currency, truths
 * from <name>? columns, attrs as fields that never replace a column. */
static void
test_row(void)
{
	static const char sql[] = "SELECT 'C1' AS id, NULL AS gone,"
	    " 105000 AS amount_minor, 'EUR' AS currency, 7 AS n,"
	    " 0 AS \"open?\", 2 AS \"held?\", 'x' AS \"text?\","
	    " '{\"id\":\"no\",\"z\":1}' AS attrs";
	crm_buf b = CRM_BUF_INIT;
	sqlite3_stmt *st;
	crm_rec *r = crm_rec_new();
	crm_db *db;

	CHECK_INT(crm_db_open(&db, db_path("row.db"), 0, &err), CRM_OK);
	CHECK_INT(crm_db_stmt(db, sql, &st, &err), CRM_OK);
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_INT(crm_db_row(st, r, &err), CRM_OK);
	sqlite3_reset(st);
	CHECK_INT(crm_rec_write_json(r, &b, &err), CRM_OK);
	CHECK_STR(b.data, "{\"id\":\"C1\",\"amount\":\"1050.00\","
	    "\"currency\":\"EUR\",\"n\":7,\"open\":false,\"held\":true,"
	    "\"text?\":\"x\",\"z\":1}");
	crm_buf_free(&b);
	crm_rec_free(r);
	crm_db_close(db);
}

static void
test_fail_codes(void)
{
	CHECK_INT(crm_db_fail(NULL, SQLITE_BUSY, "x", &err), CRM_EBUSY);
	CHECK_INT(crm_db_fail(NULL, SQLITE_LOCKED, "x", &err), CRM_EBUSY);
	CHECK_INT(crm_db_fail(NULL, SQLITE_CONSTRAINT_UNIQUE, "x", &err),
	    CRM_EDATA);
	CHECK_INT(crm_db_fail(NULL, SQLITE_IOERR_WRITE, "x", &err), CRM_EIO);
	CHECK_INT(crm_db_fail(NULL, SQLITE_FULL, "x", &err), CRM_EIO);
	CHECK_INT(crm_db_fail(NULL, SQLITE_CANTOPEN, "x", &err), CRM_ENOINPUT);
	CHECK_INT(crm_db_fail(NULL, SQLITE_NOTADB, "x", &err), CRM_EDATA);
	CHECK_INT(crm_db_fail(NULL, SQLITE_NOMEM, "x", &err), CRM_EINTERNAL);
	CHECK_HAS(err.msg, "x: ");
}

static void
test_default_path(void)
{
	unsetenv("CRM_DB");
	CHECK_STR(crm_db_default_path(), "crm.db");
	setenv("CRM_DB", "", 1);
	CHECK_STR(crm_db_default_path(), "crm.db");
	setenv("CRM_DB", "/srv/crm/sales.db", 1);
	CHECK_STR(crm_db_default_path(), "/srv/crm/sales.db");
	unsetenv("CRM_DB");
}

int
main(void)
{
	char rm[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_open_new);
	RUN(test_migrate_from_each_version);
	RUN(test_transactions);
	RUN(test_busy);
	RUN(test_bind);
	RUN(test_found);
	RUN(test_row);
	RUN(test_fail_codes);
	RUN(test_default_path);
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	if (system(rm) != 0)
		T_FAIL("cannot remove %s", dir);
	DONE();
}
