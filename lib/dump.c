/*
 * dump.c - the database as records and back: dump, load, check, backup.
 *
 * Table and column names in the SQL built here come from the schema's own
 * table list and PRAGMA table_info, never from input; every value is a
 * bound parameter.
 */
#include "internal.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

struct column {
	char *name;
	int integer;        /* declared INTEGER, else TEXT */
	int pk;             /* position in the primary key, 0 if not */
	int has_default;    /* an integer DEFAULT, the only kind the schema has */
	sqlite3_int64 dflt;
};

struct table {
	const char *name;
	struct column *cols;
	int ncols;
	sqlite3_stmt *insert;
};

static void
table_free(struct table *t)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i].name);
	free(t->cols);
	sqlite3_finalize(t->insert);
}

static int
table_load(crm_db *db, const char *name, struct table *t, crm_err *err)
{
	char sql[128];
	sqlite3_stmt *st;
	int rc;

	memset(t, 0, sizeof(*t));
	t->name = name;
	snprintf(sql, sizeof(sql), "PRAGMA table_info(\"%s\")", name);
	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct column *c = realloc(t->cols, (size_t)(t->ncols + 1) *
		    sizeof(*c));
		const char *type = (const char *)sqlite3_column_text(st, 2);

		if (c == NULL) {
			sqlite3_finalize(st);
			return crm_err_nomem(err);
		}
		t->cols = c;
		c = &t->cols[t->ncols++];
		c->name = strdup((const char *)sqlite3_column_text(st, 1));
		c->integer = type != NULL && strcmp(type, "INTEGER") == 0;
		c->pk = sqlite3_column_int(st, 5);
		c->has_default = 0;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			const char *d = (const char *)sqlite3_column_text(st, 4);
			char *end;

			c->dflt = strtoll(d, &end, 10);
			c->has_default = *d != '\0' && *end == '\0';
		}
		if (c->name == NULL) {
			sqlite3_finalize(st);
			return crm_err_nomem(err);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, name, err);
	return CRM_OK;
}

/* "ORDER BY" list: the primary key columns in key order, else rowid. */
static int
order_by(const struct table *t, crm_buf *sql)
{
	int k, i, any = 0;

	for (k = 1; k <= t->ncols; k++)
		for (i = 0; i < t->ncols; i++)
			if (t->cols[i].pk == k &&
			    crm_buf_printf(sql, "%s\"%s\"", any++ ? ", " : "",
			    t->cols[i].name) != CRM_OK)
				return CRM_EINTERNAL;
	if (!any && crm_buf_adds(sql, "rowid") != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
dump_table(crm_db *db, const struct table *t, crm_rec *rec, crm_out *out,
    crm_err *err)
{
	crm_buf sql = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, i;

	if (crm_buf_printf(&sql, "SELECT * FROM \"%s\" ORDER BY ", t->name) !=
	    CRM_OK || order_by(t, &sql) != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_db_prepare(db, sql.data, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(rec);
		rc = crm_rec_set_str(rec, "type", t->name, strlen(t->name), err);
		for (i = 0; rc == CRM_OK && i < t->ncols; i++) {
			const char *name = t->cols[i].name;

			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL:
				break;
			case SQLITE_INTEGER:
				rc = crm_rec_set_int(rec, name,
				    sqlite3_column_int64(st, i), err);
				break;
			default:
				rc = crm_rec_set_str(rec, name,
				    (const char *)sqlite3_column_text(st, i),
				    (size_t)sqlite3_column_bytes(st, i), err);
				break;
			}
		}
		if (rc == CRM_OK)
			rc = crm_out_write(out, rec, err);
		if (rc != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, t->name, err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&sql);
	return rc;
}

int
crm_db_dump(crm_db *db, crm_out *out, crm_err *err)
{
	crm_rec *rec = crm_rec_new();
	struct table t;
	size_t i;
	int rc;

	if (rec == NULL)
		return crm_err_nomem(err);
	/* One read transaction: a consistent snapshot in WAL mode. */
	if ((rc = crm_db_exec(db, "BEGIN", err)) != CRM_OK)
		goto out;
	if ((rc = crm_rec_set_str(rec, "type", "crm_dump", 8, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(rec, "schema_version", crm_schema_version(),
	    err)) != CRM_OK || (rc = crm_out_write(out, rec, err)) != CRM_OK)
		goto out;
	for (i = 0; i < crm_schema_ntables(); i++) {
		if ((rc = table_load(db, crm_schema_table(i), &t, err)) ==
		    CRM_OK)
			rc = dump_table(db, &t, rec, out, err);
		table_free(&t);
		if (rc != CRM_OK)
			goto out;
	}
out:
	crm_db_rollback(db);
	crm_rec_free(rec);
	return rc;
}

struct crm_loader {
	crm_db *db;
	struct table *tables;
	size_t ntables;
	struct table *last;     /* the table of the previous record */
	char **indexes;         /* CREATE INDEX statements to run at the end */
	size_t nindexes;
	int open;               /* the transaction is ours and not yet over */
};

void
crm_loader_free(crm_loader *ld)
{
	size_t i;

	if (ld == NULL)
		return;
	for (i = 0; i < ld->ntables; i++)
		table_free(&ld->tables[i]);
	for (i = 0; i < ld->nindexes; i++)
		free(ld->indexes[i]);
	free(ld->indexes);
	if (ld->open)
		crm_db_rollback(ld->db);
	/* Off for the load (a PRAGMA that only takes effect outside a
	 * transaction); on again for whatever the connection does next. */
	sqlite3_exec(crm_db_handle(ld->db), "PRAGMA foreign_keys = ON", NULL,
	    NULL, NULL);
	free(ld->tables);
	free(ld);
}

/* Drop the secondary indexes (those with SQL: not the ones behind a
 * primary key or UNIQUE), keeping their SQL to build them again once,
 * which is much faster than keeping them up to date row by row. */
static int
drop_indexes(crm_loader *ld, crm_err *err)
{
	sqlite3_stmt *st;
	crm_buf drop = CRM_BUF_INIT;
	int rc;

	if ((rc = crm_db_prepare(ld->db, "SELECT name, sql FROM sqlite_schema "
	    "WHERE type = 'index' AND sql IS NOT NULL ORDER BY name", &st,
	    err)) != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **p = realloc(ld->indexes, (ld->nindexes + 1) * sizeof(*p));

		if (p == NULL)
			break;
		ld->indexes = p;
		if ((p[ld->nindexes] = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL)
			break;
		ld->nindexes++;
		if (crm_buf_printf(&drop, "DROP INDEX \"%s\";",
		    (const char *)sqlite3_column_text(st, 0)) != CRM_OK)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = rc == SQLITE_ROW ? crm_err_nomem(err) :
		    crm_db_fail(ld->db, rc, "indexes", err);
	else
		rc = drop.len > 0 ? crm_db_exec(ld->db, drop.data, err) : CRM_OK;
	crm_buf_free(&drop);
	return rc;
}

static int
prepare_insert(crm_db *db, struct table *t, crm_err *err)
{
	crm_buf sql = CRM_BUF_INIT;
	int i, rc = CRM_OK;

	if (crm_buf_printf(&sql, "INSERT INTO \"%s\" (", t->name) != CRM_OK)
		rc = CRM_EINTERNAL;
	for (i = 0; rc == CRM_OK && i < t->ncols; i++)
		if (crm_buf_printf(&sql, "%s\"%s\"", i ? ", " : "",
		    t->cols[i].name) != CRM_OK)
			rc = CRM_EINTERNAL;
	if (rc == CRM_OK && crm_buf_adds(&sql, ") VALUES (") != CRM_OK)
		rc = CRM_EINTERNAL;
	for (i = 0; rc == CRM_OK && i < t->ncols; i++)
		if (crm_buf_printf(&sql, "%s?%d", i ? ", " : "", i + 1) != CRM_OK)
			rc = CRM_EINTERNAL;
	if (rc == CRM_OK && crm_buf_adds(&sql, ")") != CRM_OK)
		rc = CRM_EINTERNAL;
	if (rc != CRM_OK)
		rc = crm_err_nomem(err);
	else
		rc = crm_db_prepare(db, sql.data, &t->insert, err);
	crm_buf_free(&sql);
	return rc;
}

static int
table_is_empty(crm_db *db, const char *name, int *empty, crm_err *err)
{
	char sql[128];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT 1 FROM \"%s\" LIMIT 1", name);
	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(db, rc, name, err);
	*empty = rc == SQLITE_DONE;
	return CRM_OK;
}

int
crm_loader_new(crm_db *db, crm_loader **ldp, crm_err *err)
{
	crm_loader *ld;
	size_t i;
	int rc, empty;

	*ldp = NULL;
	if ((ld = calloc(1, sizeof(*ld))) == NULL ||
	    (ld->tables = calloc(crm_schema_ntables(),
	    sizeof(*ld->tables))) == NULL) {
		free(ld);
		return crm_err_nomem(err);
	}
	ld->db = db;
	if ((rc = crm_db_exec(db, "PRAGMA foreign_keys = OFF", err)) !=
	    CRM_OK || (rc = crm_db_begin(db, err)) != CRM_OK)
		goto fail;
	ld->open = 1;
	for (i = 0; i < crm_schema_ntables(); i++) {
		const char *name = crm_schema_table(i);

		ld->ntables++;
		if ((rc = table_load(db, name, &ld->tables[i], err)) != CRM_OK ||
		    (rc = prepare_insert(db, &ld->tables[i], err)) != CRM_OK ||
		    (rc = table_is_empty(db, name, &empty, err)) != CRM_OK)
			goto fail;
		if (!empty) {
			rc = crm_err_set(err, CRM_EDATA, "%s: database is not "
			    "empty (table %s has rows); load needs a new one",
			    crm_db_path(db), name);
			goto fail;
		}
	}
	/* Rows may refer to rows later in the dump (a customer merged into
	 * one with a higher id): references are checked at the end. */
	if ((rc = drop_indexes(ld, err)) != CRM_OK)
		goto fail;
	*ldp = ld;
	return CRM_OK;
fail:
	crm_loader_free(ld);
	return rc;
}

static int
check_header(const crm_rec *r, crm_err *err)
{
	const char *v = crm_rec_get(r, "schema_version");
	long i = crm_rec_find(r, "schema_version");
	char *end;
	long version;

	if (v == NULL || crm_rec_type(r, (size_t)i) != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, "schema_version",
		    "missing or not a number");
	errno = 0;
	version = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || version < 1)
		return crm_rec_fail(r, err, CRM_EDATA, "schema_version",
		    "not a schema version");
	/* The schema only grows, so an older dump's tables and columns are
	 * all still there. */
	if (version > crm_schema_version())
		return crm_rec_fail(r, err, CRM_EDATA, "schema_version",
		    "dump of schema version %ld, newer than this crm's %d",
		    version, crm_schema_version());
	return CRM_OK;
}

static int
is_integer_text(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The column named key: records mostly list fields in column order, so
 * the one after the last match is tried first. */
static int
find_column(const struct table *t, const char *key, int *guess)
{
	int c, k;

	for (k = 0; k < t->ncols; k++) {
		c = (*guess + k) % t->ncols;
		if (strcmp(t->cols[c].name, key) == 0) {
			*guess = c + 1;
			return c;
		}
	}
	return -1;
}

/* Bind every field to its column; a field that is not a column, or has
 * the wrong JSON type, is bad data.  Columns not given stay NULL. */
static int
bind_fields(crm_loader *ld, const struct table *t, const crm_rec *r,
    crm_err *err)
{
	size_t i;
	int c, guess = 0, rc;

	for (i = 0; i < crm_rec_len(r); i++) {
		const char *key = crm_rec_key(r, i);
		crm_type type = crm_rec_type(r, i);

		if ((c = find_column(t, key, &guess)) < 0) {
			if (strcmp(key, "type") == 0)
				continue;
			return crm_rec_fail(r, err, CRM_EDATA, key, "no such "
			    "column in table %s", t->name);
		}
		if (type != CRM_NULL && t->cols[c].integer &&
		    (type != CRM_NUMBER ||
		    !is_integer_text(crm_rec_text(r, i, NULL))))
			return crm_rec_fail(r, err, CRM_EDATA, key, "not an "
			    "integer");
		if (type != CRM_NULL && !t->cols[c].integer &&
		    type != CRM_STRING)
			return crm_rec_fail(r, err, CRM_EDATA, key, "not a "
			    "string");
		if ((rc = crm_db_bind_value(ld->db, t->insert, c + 1, r, i,
		    err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

int
crm_loader_add(crm_loader *ld, const crm_rec *r, crm_err *err)
{
	const char *type = crm_rec_get(r, "type");
	struct table *t = ld->last;
	size_t i;
	int rc;

	if (type == NULL || crm_rec_type(r, (size_t)crm_rec_find(r, "type")) !=
	    CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, "type", "missing: each "
		    "record names its table");
	if (t == NULL || strcmp(t->name, type) != 0) {
		if (strcmp(type, "crm_dump") == 0)
			return check_header(r, err);
		for (t = NULL, i = 0; i < ld->ntables; i++)
			if (strcmp(ld->tables[i].name, type) == 0)
				t = &ld->tables[i];
		if (t == NULL)
			return crm_rec_fail(r, err, CRM_EDATA, "type", "no table "
			    "\"%s\"", type);
		ld->last = t;
	}
	sqlite3_reset(t->insert);
	sqlite3_clear_bindings(t->insert);
	/* A column the record leaves out gets its DEFAULT, as in an INSERT
	 * that does not name it; the record's own fields bind over these. */
	for (i = 0; i < (size_t)t->ncols; i++)
		if (t->cols[i].has_default)
			sqlite3_bind_int64(t->insert, (int)i + 1, t->cols[i].dflt);
	if ((rc = bind_fields(ld, t, r, err)) != CRM_OK)
		return rc;
	rc = sqlite3_step(t->insert);
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(ld->db, rc, t->name, err);
		sqlite3_reset(t->insert);
		return crm_rec_fail(r, err, rc, NULL, "%s", err->msg);
	}
	return CRM_OK;
}

int
crm_loader_finish(crm_loader *ld, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, problems = 0;

	for (i = 0; i < ld->nindexes; i++)
		if ((rc = crm_db_exec(ld->db, ld->indexes[i], err)) != CRM_OK)
			return rc;
	if ((rc = crm_db_prepare(ld->db, "PRAGMA foreign_key_check", &st,
	    err)) != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (problems++ == 0)
			crm_err_set(err, CRM_EDATA, "table %s, row %lld: refers "
			    "to a missing row of %s",
			    (const char *)sqlite3_column_text(st, 0),
			    (long long)sqlite3_column_int64(st, 1),
			    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(ld->db, rc, "foreign_key_check", err);
	if (problems > 1)
		crm_err_prefix(err, "%d broken references, the first", problems);
	if (problems)
		return CRM_EDATA;
	if ((rc = crm_stock_rebuild(ld->db, err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_commit(ld->db, err)) == CRM_OK)
		ld->open = 0;
	return rc;
}

static int
check_write(crm_out *out, crm_rec *rec, const char *check,
    const char *table, sqlite3_int64 rowid, int have_rowid,
    const char *problem, crm_err *err)
{
	int rc;

	crm_rec_clear(rec);
	rc = crm_rec_set_str(rec, "check", check, strlen(check), err);
	if (rc == CRM_OK && table != NULL)
		rc = crm_rec_set_str(rec, "table", table, strlen(table), err);
	if (rc == CRM_OK && have_rowid)
		rc = crm_rec_set_int(rec, "rowid", rowid, err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(rec, "problem", problem, strlen(problem),
		    err);
	if (rc == CRM_OK)
		rc = crm_out_write(out, rec, err);
	return rc;
}

int
crm_db_check(crm_db *db, crm_out *out, unsigned long *problems, crm_err *err)
{
	unsigned long stock = 0;
	crm_rec *rec = crm_rec_new();
	sqlite3_stmt *st = NULL;
	int rc;

	*problems = 0;
	if (rec == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, "PRAGMA integrity_check", &st, err)) !=
	    CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);

		if (msg != NULL && strcmp(msg, "ok") == 0)
			continue;
		(*problems)++;
		if ((rc = check_write(out, rec, "integrity", NULL, 0, 0,
		    msg ? msg : "?", err)) != CRM_OK)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, "integrity_check", err);
		goto out;
	}
	sqlite3_finalize(st);
	if ((rc = crm_db_prepare(db, "PRAGMA foreign_key_check", &st, err)) !=
	    CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char msg[160];

		snprintf(msg, sizeof(msg), "refers to a missing row of %s",
		    (const char *)sqlite3_column_text(st, 2));
		(*problems)++;
		if ((rc = check_write(out, rec, "foreign_key",
		    (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1),
		    sqlite3_column_type(st, 1) != SQLITE_NULL, msg, err)) !=
		    CRM_OK)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, "foreign_key_check", err);
		goto out;
	}
	rc = crm_stock_check(db, out, &stock, err);
	*problems += stock;
out:
	sqlite3_finalize(st);
	crm_rec_free(rec);
	return rc;
}

int
crm_db_backup(crm_db *db, const char *dest, crm_err *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *bk;
	int fd, rc;

	do
		fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return crm_err_set(err, CRM_ECANTCREAT, "%s: %s", dest,
		    errno == EEXIST ? "already exists; a backup never "
		    "overwrites" : strerror(errno));
	close(fd);
	rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		rc = crm_err_set(err, CRM_ECANTCREAT, "%s: %s", dest,
		    sqlite3_errstr(rc));
		goto out;
	}
	if ((bk = sqlite3_backup_init(to, "main", crm_db_handle(db),
	    "main")) == NULL) {
		rc = crm_err_set(err, CRM_ECANTCREAT, "%s: %s", dest,
		    sqlite3_errmsg(to));
		goto out;
	}
	/* All pages in one step: the copy is one read transaction of the
	 * source, so it is consistent; WAL lets writers go on meanwhile. */
	do {
		rc = sqlite3_backup_step(bk, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, dest, err);
		goto out;
	}
	rc = CRM_OK;
out:
	if (sqlite3_close(to) != SQLITE_OK && rc == CRM_OK)
		rc = crm_err_set(err, CRM_EIO, "%s: close failed", dest);
	if (rc != CRM_OK)
		unlink(dest);
	return rc;
}
