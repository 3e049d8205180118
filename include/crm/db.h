/*
 * crm/db.h - the SQLite database: open, schema migrations, transactions,
 * dump, load, check and online backup.
 *
 * The file is --db PATH, else $CRM_DB, else ./crm.db.  A new file is
 * created with mode 0600.  Every connection runs in WAL mode with foreign
 * keys on and a busy timeout ($CRM_BUSY_TIMEOUT milliseconds, default
 * 5000, or crm_db_set_busy_timeout).  Writes happen inside BEGIN
 * IMMEDIATE; a database still locked when the timeout runs out gives
 * CRM_EBUSY (exit 75: retry later).
 *
 * The schema version is PRAGMA user_version.  crm_db_open() migrates an
 * older database forward to CRM_SCHEMA_VERSION, one step per version,
 * each inside the same transaction as the version bump, and refuses a
 * database made by a newer crm.
 *
 * Statements are prepared through crm_db_handle() and the sqlite3 API;
 * every value is a bound parameter.
 */
#ifndef CRM_DB_H
#define CRM_DB_H

#include <sqlite3.h>

#include "err.h"
#include "fmt.h"
#include "io.h"
#include "rec.h"

typedef struct crm_db crm_db;

enum {
	CRM_DB_READONLY = 1,   /* open for reading; never creates */
	CRM_DB_NOCREATE = 2,   /* the file must exist (CRM_ENOINPUT if not) */
	CRM_DB_NOMIGRATE = 4   /* leave the schema as it is (crm-db migrate) */
};

/* The newest schema version this library writes. */
CRM_API int crm_schema_version(void);

/* The path crm_db_open(NULL) would use: $CRM_DB if set and not empty,
 * else "crm.db".  Borrowed. */
CRM_API const char *crm_db_default_path(void);

/* Open (creating unless flags say otherwise) and migrate.  *db is NULL on
 * failure.  Errors: CRM_ENOINPUT (missing with NOCREATE or READONLY),
 * CRM_ECANTCREAT, CRM_EBUSY, CRM_EDATA (not a crm database, or newer). */
CRM_API int crm_db_open(crm_db **db, const char *path, int flags,
	crm_err *err);
/* Roll back any open transaction and close.  crm_db_close(NULL) is a
 * no-op. */
CRM_API void crm_db_close(crm_db *db);

CRM_API sqlite3 *crm_db_handle(crm_db *db);     /* borrowed */
CRM_API const char *crm_db_path(const crm_db *db);

/* Milliseconds to wait for a lock before CRM_EBUSY. */
CRM_API void crm_db_set_busy_timeout(crm_db *db, int ms);

/* PRAGMA user_version of the open database. */
CRM_API int crm_db_version(crm_db *db, int *version, crm_err *err);

/* Migrate forward to target (0 = CRM_SCHEMA_VERSION).  *from (may be
 * NULL) gets the version found.  CRM_EDATA when the database is newer
 * than target. */
CRM_API int crm_db_migrate(crm_db *db, int target, int *from, crm_err *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  rollback is safe without an open
 * transaction.  Savepoints nest inside a transaction, one per record in
 * --reject mode so that a bad record leaves nothing behind. */
CRM_API int crm_db_begin(crm_db *db, crm_err *err);
CRM_API int crm_db_commit(crm_db *db, crm_err *err);
CRM_API void crm_db_rollback(crm_db *db);
/* End a run's transaction by its outcome: commit when rc is CRM_OK (and
 * return the commit's code), else roll back and return rc. */
CRM_API int crm_db_end(crm_db *db, int rc, crm_err *err);
CRM_API int crm_db_savepoint(crm_db *db, crm_err *err);
CRM_API int crm_db_release(crm_db *db, crm_err *err);
CRM_API int crm_db_rollback_to(crm_db *db, crm_err *err);

/* Prepare sql (no values in it: bind them).  Map a failure to a code. */
CRM_API int crm_db_prepare(crm_db *db, const char *sql, sqlite3_stmt **st,
	crm_err *err);
/* A statement for sql kept prepared for the life of the connection,
 * reset and with its bindings cleared: for statements run once per
 * record.  sql must stay valid as long as db (a string literal); db
 * owns the statement, never finalize it. */
CRM_API int crm_db_stmt(crm_db *db, const char *sql, sqlite3_stmt **st,
	crm_err *err);

/* Append the columns of the current row of st to rec, as a record the
 * programs print: NULL columns left out, INTEGER as a JSON integer, TEXT
 * as a string; a column <name>_minor in a row with a currency column as
 * the field <name>, a decimal string ("amount_minor" 105000 with "EUR"
 * is "amount":"1050.00"); an INTEGER column <name>? as the field
 * <name>, false for 0 and true for any other number ("closed_on IS NULL
 * AS \"open?\"" gives "open":true); the JSON object of an attrs column
 * as fields of their own after the columns (never replacing one).  CRM_EDATA for
 * an unknown currency or attrs that are not a JSON object. */
CRM_API int crm_db_row(sqlite3_stmt *st, crm_rec *rec, crm_err *err);

/* Step st to its end, writing each row to out as crm_db_row() makes it.
 * what names the table in an error. */
CRM_API int crm_db_write_rows(crm_db *db, sqlite3_stmt *st, crm_out *out,
	const char *what, crm_err *err);

/* Step st, its parameters bound, once and reset it: *found is 1 when it
 * gave a row, 0 when not ("is there such a row?").  what names the table
 * in an error. */
CRM_API int crm_db_found(crm_db *db, sqlite3_stmt *st, const char *what,
	int *found, crm_err *err);

/* Step st to its end and set field key of rec to its rows, an array of
 * objects made as crm_db_row() makes them. */
CRM_API int crm_db_set_rows(crm_db *db, sqlite3_stmt *st, crm_rec *rec,
	const char *key, crm_err *err);

/* Run sql that has no parameters and returns no rows (DDL, PRAGMA). */
CRM_API int crm_db_exec(crm_db *db, const char *sql, crm_err *err);

/* Set err from SQLite result rc with the connection's message, prefixed
 * by what: SQLITE_BUSY/LOCKED -> CRM_EBUSY, CONSTRAINT -> CRM_EDATA,
 * IOERR/FULL -> CRM_EIO, CANTOPEN -> CRM_ENOINPUT, NOTADB/CORRUPT ->
 * CRM_EDATA, NOMEM and the rest -> CRM_EINTERNAL.  Returns the code. */
CRM_API int crm_db_fail(crm_db *db, int rc, const char *what, crm_err *err);

/* Bind a record field to parameter idx: strings as TEXT, integral
 * numbers as INTEGER, other numbers as TEXT (exact), booleans as 0/1,
 * absent and null as NULL, arrays and objects as their JSON TEXT. */
CRM_API int crm_db_bind_field(crm_db *db, sqlite3_stmt *st, int idx,
	const crm_rec *r, const char *key, crm_err *err);
/* The same for the i-th field of r. */
CRM_API int crm_db_bind_value(crm_db *db, sqlite3_stmt *st, int idx,
	const crm_rec *r, size_t i, crm_err *err);

/* Write the whole database to out as records, each with a "type" field
 * naming its table, after a first {"type":"crm_dump",...} header giving
 * the schema version.  Tables in dependency order, rows in primary key
 * order; NULL columns are left out.  Read inside one transaction, so the
 * dump is consistent while others write. */
CRM_API int crm_db_dump(crm_db *db, crm_out *out, crm_err *err);

/* Loading a dump.  crm_loader_new() checks that the database is empty
 * (CRM_EDATA "database is not empty" otherwise) and begins the load's
 * transaction; crm_loader_add() inserts one record (the header record is
 * checked and skipped); crm_loader_finish() checks every reference and
 * commits; crm_loader_free() rolls back a load that was not finished.
 * For speed the secondary indexes are rebuilt once at the end and
 * foreign keys are checked once, over the whole load, instead of per
 * row; both happen inside the transaction, so a failed load leaves the
 * database as it was.  Unknown types or columns, bad values and broken
 * references are CRM_EDATA naming the record's place. */
typedef struct crm_loader crm_loader;
CRM_API int crm_loader_new(crm_db *db, crm_loader **ld, crm_err *err);
CRM_API int crm_loader_add(crm_loader *ld, const crm_rec *r, crm_err *err);
CRM_API int crm_loader_finish(crm_loader *ld, crm_err *err);
CRM_API void crm_loader_free(crm_loader *ld);

/* integrity_check, foreign_key_check and the stock cache against its
 * ledger (crm_stock_check): each problem found is written to out as a
 * record {"check":..., "table":..., "rowid":..., "problem": ...};
 * *problems gets their number. */
CRM_API int crm_db_check(crm_db *db, crm_out *out, unsigned long *problems,
	crm_err *err);

/* A consistent copy of the database into dest (which must not exist;
 * created 0600) through SQLite's online backup API, while other
 * connections go on writing. */
CRM_API int crm_db_backup(crm_db *db, const char *dest, crm_err *err);

#endif
