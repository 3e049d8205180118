/*
 * db.c - opening the database, migrations, transactions, binding.
 */
#include "internal.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Statements kept prepared for crm_db_stmt(), found by their SQL. */
#define STMT_CACHE 64

struct crm_db {
	sqlite3 *h;
	char *path;
	int in_txn;
	int savepoints;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} stmts[STMT_CACHE];
	int nstmts;
};

const char *
crm_db_default_path(void)
{
	const char *env = getenv("CRM_DB");

	return env != NULL && *env != '\0' ? env : "crm.db";
}

sqlite3 *
crm_db_handle(crm_db *db)
{
	return db->h;
}

const char *
crm_db_path(const crm_db *db)
{
	return db->path;
}

int
crm_db_fail(crm_db *db, int rc, const char *what, crm_err *err)
{
	const char *msg = db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) :
	    sqlite3_errstr(rc);
	int code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = CRM_EBUSY;
		msg = "database is busy (locked by another process); retry later";
		break;
	case SQLITE_CONSTRAINT:
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		code = CRM_EDATA;
		break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		code = CRM_EIO;
		break;
	case SQLITE_CANTOPEN:
		code = CRM_ENOINPUT;
		break;
	default:
		code = CRM_EINTERNAL;
		break;
	}
	return crm_err_set(err, code, "%s: %s", what, msg);
}

void
crm_db_set_busy_timeout(crm_db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

int
crm_db_exec(crm_db *db, const char *sql, crm_err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return crm_db_fail(db, rc, db->path, err);
	return CRM_OK;
}

int
crm_db_prepare(crm_db *db, const char *sql, sqlite3_stmt **st, crm_err *err)
{
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    st, NULL);

	if (rc != SQLITE_OK)
		return crm_db_fail(db, rc, db->path, err);
	return CRM_OK;
}

int
crm_db_stmt(crm_db *db, const char *sql, sqlite3_stmt **st, crm_err *err)
{
	int i, rc;

	/* By address first: the same literal is the usual case. */
	for (i = 0; i < db->nstmts && db->stmts[i].sql != sql; i++)
		continue;
	if (i == db->nstmts)
		for (i = 0; i < db->nstmts && strcmp(db->stmts[i].sql, sql);
		    i++)
			continue;
	if (i < db->nstmts) {
		*st = db->stmts[i].st;
		sqlite3_reset(*st);
		sqlite3_clear_bindings(*st);
		return CRM_OK;
	}
	if ((rc = crm_db_prepare(db, sql, st, err)) != CRM_OK)
		return rc;
	if (db->nstmts == STMT_CACHE) {
		sqlite3_finalize(*st);
		*st = NULL;
		return crm_err_set(err, CRM_EINTERNAL,
		    "more than %d cached statements", STMT_CACHE);
	}
	db->stmts[db->nstmts].sql = sql;
	db->stmts[db->nstmts++].st = *st;
	return CRM_OK;
}

/* A column <name>_minor beside a currency column is money: the field
 * <name> as a decimal string. */
static int
row_money(sqlite3_stmt *st, int i, int exponent, crm_rec *rec,
    crm_err *err)
{
	const char *col = sqlite3_column_name(st, i);
	size_t n = strlen(col) - strlen("_minor");
	char key[64];

	if (n >= sizeof(key))
		return crm_err_set(err, CRM_EINTERNAL, "column name too long");
	memcpy(key, col, n);
	key[n] = '\0';
	return crm_money_set(rec, key, sqlite3_column_int64(st, i), exponent,
	    err);
}

/* A column <name>? is a truth: the field <name>, false for 0, else
 * true. */
static int
row_bool(sqlite3_stmt *st, int i, crm_rec *rec, crm_err *err)
{
	const char *col = sqlite3_column_name(st, i);
	size_t n = strlen(col) - 1;
	char key[64];

	if (n >= sizeof(key))
		return crm_err_set(err, CRM_EINTERNAL, "column name too long");
	memcpy(key, col, n);
	key[n] = '\0';
	return crm_rec_set_bool(rec, key, sqlite3_column_int64(st, i) != 0,
	    err);
}

/* The fields of the JSON object text of an attrs column, behind the
 * row's own columns, which they never replace. */
static int
row_attrs(sqlite3_stmt *st, int i, crm_rec *rec, crm_err *err)
{
	crm_rec *a = crm_rec_new();
	size_t k, len;
	const char *text;
	int rc;

	if (a == NULL)
		return crm_err_nomem(err);
	rc = crm_rec_parse(a, (const char *)sqlite3_column_text(st, i),
	    (size_t)sqlite3_column_bytes(st, i), err);
	for (k = 0; rc == CRM_OK && k < crm_rec_len(a); k++) {
		if (crm_rec_find(rec, crm_rec_key(a, k)) >= 0)
			continue;
		text = crm_rec_json(a, k, &len);
		rc = crm_rec_set_json(rec, crm_rec_key(a, k),
		    crm_rec_type(a, k), text, len, err);
	}
	crm_rec_free(a);
	return rc;
}

int
crm_db_row(sqlite3_stmt *st, crm_rec *rec, crm_err *err)
{
	int i, n = sqlite3_column_count(st), exponent = -1, attrs = -1, rc;
	const char *name;
	size_t len;

	for (i = 0; i < n; i++)
		if (strcmp(sqlite3_column_name(st, i), "currency") == 0 &&
		    sqlite3_column_type(st, i) == SQLITE_TEXT &&
		    crm_currency_exponent((const char *)sqlite3_column_text(st,
		    i), &exponent, err) != CRM_OK)
			return CRM_EDATA;
	for (i = 0, rc = CRM_OK; rc == CRM_OK && i < n; i++) {
		name = sqlite3_column_name(st, i);
		len = strlen(name);
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		if (strcmp(name, "attrs") == 0) {
			attrs = i;
		} else if (exponent >= 0 && len > 6 &&
		    strcmp(name + len - 6, "_minor") == 0 &&
		    sqlite3_column_type(st, i) == SQLITE_INTEGER) {
			rc = row_money(st, i, exponent, rec, err);
		} else if (len > 1 && name[len - 1] == '?' &&
		    sqlite3_column_type(st, i) == SQLITE_INTEGER) {
			rc = row_bool(st, i, rec, err);
		} else if (sqlite3_column_type(st, i) == SQLITE_INTEGER) {
			rc = crm_rec_set_int(rec, name,
			    sqlite3_column_int64(st, i), err);
		} else {
			rc = crm_rec_set_str(rec, name,
			    (const char *)sqlite3_column_text(st, i),
			    (size_t)sqlite3_column_bytes(st, i), err);
		}
	}
	if (rc == CRM_OK && attrs >= 0)
		rc = row_attrs(st, attrs, rec, err);
	return rc;
}

int
crm_db_found(crm_db *db, sqlite3_stmt *st, const char *what, int *found,
    crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(db, rc, what, err);
	*found = rc == SQLITE_ROW;
	return CRM_OK;
}

int
crm_db_write_rows(crm_db *db, sqlite3_stmt *st, crm_out *out,
    const char *what, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	int rc = CRM_OK, step = SQLITE_DONE;

	if (r == NULL)
		return crm_err_nomem(err);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(r);
		if ((rc = crm_db_row(st, r, err)) == CRM_OK)
			rc = crm_out_write(out, r, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, what, err);
	crm_rec_free(r);
	return rc;
}

int
crm_db_set_rows(crm_db *db, sqlite3_stmt *st, crm_rec *rec, const char *key,
    crm_err *err)
{
	crm_buf buf = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new();
	int rc = CRM_OK, step = SQLITE_DONE, first = 1;

	if (r == NULL || crm_buf_addc(&buf, '[') != CRM_OK)
		rc = crm_err_nomem(err);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(r);
		if (!first && crm_buf_addc(&buf, ',') != CRM_OK)
			rc = crm_err_nomem(err);
		else if ((rc = crm_db_row(st, r, err)) == CRM_OK)
			rc = crm_rec_write_json(r, &buf, err);
		first = 0;
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, key, err);
	if (rc == CRM_OK && crm_buf_addc(&buf, ']') != CRM_OK)
		rc = crm_err_nomem(err);
	if (rc == CRM_OK)
		rc = crm_rec_set_json(rec, key, CRM_ARRAY, buf.data, buf.len,
		    err);
	crm_buf_free(&buf);
	crm_rec_free(r);
	return rc;
}

int
crm_db_version(crm_db *db, int *version, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_prepare(db, "PRAGMA user_version", &st, err)) !=
	    CRM_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = CRM_OK;
	} else {
		rc = crm_db_fail(db, rc, db->path, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int
crm_db_begin(crm_db *db, crm_err *err)
{
	int rc = crm_db_exec(db, "BEGIN IMMEDIATE", err);

	if (rc == CRM_OK)
		db->in_txn = 1;
	return rc;
}

int
crm_db_commit(crm_db *db, crm_err *err)
{
	int rc = crm_db_exec(db, "COMMIT", err);

	if (rc == CRM_OK)
		db->in_txn = 0;
	return rc;
}

void
crm_db_rollback(crm_db *db)
{
	if (db->h != NULL && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_txn = 0;
	db->savepoints = 0;
}

int
crm_db_end(crm_db *db, int rc, crm_err *err)
{
	if (rc == CRM_OK)
		return crm_db_commit(db, err);
	crm_db_rollback(db);
	return rc;
}

int
crm_db_savepoint(crm_db *db, crm_err *err)
{
	int rc = crm_db_exec(db, "SAVEPOINT crm_record", err);

	if (rc == CRM_OK)
		db->savepoints++;
	return rc;
}

int
crm_db_release(crm_db *db, crm_err *err)
{
	int rc = crm_db_exec(db, "RELEASE crm_record", err);

	if (rc == CRM_OK)
		db->savepoints--;
	return rc;
}

int
crm_db_rollback_to(crm_db *db, crm_err *err)
{
	int rc = crm_db_exec(db, "ROLLBACK TO crm_record", err);

	if (rc == CRM_OK)
		rc = crm_db_release(db, err);
	return rc;
}

int
crm_db_migrate(crm_db *db, int target, int *from, crm_err *err)
{
	int version, rc;

	if (target == 0)
		target = crm_schema_version();
	if (target < 0 || target > crm_schema_version())
		return crm_err_set(err, CRM_EUSAGE, "no schema version %d "
		    "(this crm knows 1 to %d)", target, crm_schema_version());
	if ((rc = crm_db_begin(db, err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_version(db, &version, err)) != CRM_OK)
		goto out;
	if (from != NULL)
		*from = version;
	if (version > target) {
		rc = crm_err_set(err, CRM_EDATA, "%s: schema version %d is newer "
		    "than %d: made by a newer crm", db->path, version, target);
		goto out;
	}
	/* Each step and its version bump commit together or not at all;
	 * one transaction for all of them keeps a failed run harmless. */
	for (; version < target; version++) {
		char bump[64];

		if ((rc = crm_db_exec(db, crm_schema_step(version), err)) !=
		    CRM_OK)
			goto out;
		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d",
		    version + 1);
		if ((rc = crm_db_exec(db, bump, err)) != CRM_OK)
			goto out;
	}
	rc = crm_db_commit(db, err);
out:
	if (rc != CRM_OK)
		crm_db_rollback(db);
	return rc;
}

/* Create the file with mode 0600 before SQLite opens it, so that no
 * umask makes customer data readable by others. */
static int
create_private(const char *path, crm_err *err)
{
	int fd;

	do
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	while (fd < 0 && errno == EINTR);
	if (fd < 0 && errno != EEXIST)
		return crm_err_set(err, CRM_ECANTCREAT, "%s: %s", path,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	return CRM_OK;
}

static int
busy_timeout_from_env(void)
{
	const char *env = getenv("CRM_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (env == NULL || *env == '\0')
		return 5000;
	errno = 0;
	ms = strtol(env, &end, 10);
	if (errno != 0 || *end != '\0' || ms < 0 || ms > 86400000)
		return 5000;
	return (int)ms;
}

/* Tell a crm database (or an empty file) from anything else. */
static int
check_is_crm(crm_db *db, int version, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, tables = 0;

	if (version > 0)
		return CRM_OK;
	if ((rc = crm_db_prepare(db, "SELECT count(*) FROM sqlite_schema",
	    &st, err)) != CRM_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(db, rc, db->path, err);
	if (tables > 0)
		return crm_err_set(err, CRM_EDATA, "%s: not a crm database "
		    "(it has tables but no schema version)", db->path);
	return CRM_OK;
}

int
crm_db_open(crm_db **dbp, const char *path, int flags, crm_err *err)
{
	crm_db *db;
	int rc, version, oflags;
	struct stat sb;

	*dbp = NULL;
	/* SQLite's memory statistics take a global mutex on every malloc;
	 * nothing here reads them.  Only possible before SQLite starts, so
	 * a program that started it already keeps its setting. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (path == NULL)
		path = crm_db_default_path();
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->path = strdup(path)) == NULL) {
		free(db);
		return crm_err_nomem(err);
	}
	if (stat(path, &sb) != 0) {
		if (flags & (CRM_DB_READONLY | CRM_DB_NOCREATE)) {
			rc = crm_err_set(err, CRM_ENOINPUT, "%s: no such database "
			    "(crm-db init creates one)", path);
			goto fail;
		}
		if ((rc = create_private(path, err)) != CRM_OK)
			goto fail;
	}
	oflags = flags & CRM_DB_READONLY ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	/* One connection per thread: no locking inside SQLite needed. */
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = crm_db_fail(db, rc, path, err);
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, busy_timeout_from_env());
	if ((rc = crm_db_version(db, &version, err)) != CRM_OK ||
	    (rc = check_is_crm(db, version, err)) != CRM_OK)
		goto fail;
	/* 16 KiB pages make bulk imports some 10% faster than 4 KiB; only a
	 * new, empty file takes the setting, an existing one keeps its own. */
	if (!(flags & CRM_DB_READONLY) &&
	    ((rc = crm_db_exec(db, "PRAGMA page_size = 16384", err)) !=
	    CRM_OK ||
	    (rc = crm_db_exec(db, "PRAGMA journal_mode = WAL", err)) != CRM_OK))
		goto fail;
	if ((rc = crm_db_exec(db, "PRAGMA foreign_keys = ON", err)) != CRM_OK ||
	    (rc = crm_db_exec(db, "PRAGMA synchronous = NORMAL", err)) != CRM_OK ||
	    (rc = crm_db_exec(db, "PRAGMA cache_size = -65536", err)) != CRM_OK)
		goto fail;
	if (version > crm_schema_version()) {
		rc = crm_err_set(err, CRM_EDATA, "%s: schema version %d is newer "
		    "than %d: made by a newer crm", path, version,
		    crm_schema_version());
		goto fail;
	}
	if (version < crm_schema_version() && !(flags & CRM_DB_NOMIGRATE)) {
		if (flags & CRM_DB_READONLY) {
			rc = crm_err_set(err, CRM_EDATA, "%s: schema version %d "
			    "is older than %d (crm-db migrate brings it up to "
			    "date)", path, version, crm_schema_version());
			goto fail;
		}
		if ((rc = crm_db_migrate(db, 0, NULL, err)) != CRM_OK)
			goto fail;
	}
	*dbp = db;
	return CRM_OK;
fail:
	crm_db_close(db);
	return rc;
}

void
crm_db_close(crm_db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL) {
		crm_db_rollback(db);
		while (db->nstmts > 0)
			sqlite3_finalize(db->stmts[--db->nstmts].st);
		sqlite3_close_v2(db->h);
	}
	free(db->path);
	free(db);
}

/* JSON integers that fit int64 bind as INTEGER; anything else a number
 * could be (1.5, 1e3, 2^70) binds as its exact text. */
static int
bind_number(sqlite3_stmt *st, int idx, const char *s, size_t n)
{
	const char *p = s;
	int neg = 0;
	uint64_t v = 0, limit;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < s + n; p++) {
		if (*p < '0' || *p > '9' || v > (limit - (uint64_t)(*p - '0')) / 10)
			return sqlite3_bind_text(st, idx, s, (int)n,
			    SQLITE_TRANSIENT);
		v = v * 10 + (uint64_t)(*p - '0');
	}
	return sqlite3_bind_int64(st, idx, neg ? (int64_t)(0 - v) :
	    (int64_t)v);
}

int
crm_db_bind_value(crm_db *db, sqlite3_stmt *st, int idx, const crm_rec *r,
    size_t i, crm_err *err)
{
	const char *text;
	size_t len;
	int rc;

	switch (crm_rec_type(r, i)) {
	case CRM_NULL:
		rc = sqlite3_bind_null(st, idx);
		break;
	case CRM_NUMBER:
		text = crm_rec_text(r, i, &len);
		rc = bind_number(st, idx, text, len);
		break;
	case CRM_BOOL:
		rc = sqlite3_bind_int(st, idx, crm_rec_text(r, i, NULL)[0] == 't');
		break;
	default:
		text = crm_rec_text(r, i, &len);
		rc = sqlite3_bind_text(st, idx, text, (int)len, SQLITE_TRANSIENT);
		break;
	}
	if (rc != SQLITE_OK)
		return crm_db_fail(db, rc, crm_rec_key(r, i), err);
	return CRM_OK;
}

int
crm_db_bind_field(crm_db *db, sqlite3_stmt *st, int idx, const crm_rec *r,
    const char *key, crm_err *err)
{
	long i = crm_rec_find(r, key);
	int rc;

	if (i >= 0)
		return crm_db_bind_value(db, st, idx, r, (size_t)i, err);
	if ((rc = sqlite3_bind_null(st, idx)) != SQLITE_OK)
		return crm_db_fail(db, rc, key, err);
	return CRM_OK;
}
