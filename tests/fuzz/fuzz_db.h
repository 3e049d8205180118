/*
 * fuzz_db.h - the fuzz targets that write a database: a fresh one of
 * their own in /tmp, and the checks of what it holds afterwards.  Each
 * aborts when something fails, which is a finding (or a broken
 * machine).
 */
#ifndef CRM_FUZZ_DB_H
#define CRM_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"

/* A new database /tmp/crm-fuzz-TAG-PID.db, with the SQL of fixture run
 * on it (NULL: none). */
static inline crm_db *
fuzz_db_open(const char *tag, const char *fixture)
{
	char path[96];
	crm_db *db;
	crm_err err;

	snprintf(path, sizeof(path), "/tmp/crm-fuzz-%s-%ld.db", tag,
	    (long)getpid());
	unlink(path);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    (fixture != NULL && crm_db_exec(db, fixture, &err) != CRM_OK)) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	return db;
}

/* The one number sql gives must be 0 (a count of rows that break a
 * rule). */
static inline void
fuzz_db_none(crm_db *db, const char *sql)
{
	sqlite3_stmt *st;
	crm_err err;

	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK ||
	    sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
		abort();
	sqlite3_finalize(st);
}

/* Every e-mail address sql gives passes crm_email_norm unchanged. */
static inline void
fuzz_db_emails(crm_db *db, const char *sql)
{
	crm_buf norm = CRM_BUF_INIT;
	sqlite3_stmt *st;
	crm_err err;

	if (crm_db_prepare(db, sql, &st, &err) != CRM_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 0);

		if (crm_email_norm(&norm, e, strlen(e), &err) != CRM_OK ||
		    strcmp(norm.data, e) != 0)
			abort();
	}
	sqlite3_finalize(st);
	crm_buf_free(&norm);
}

#endif
