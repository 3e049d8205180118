/*
 * upsert.h - one row upserted on its id from the fields of a record, as
 * the importers of reps, teams and partners do it: each column's new
 * value is kept (the field is not there, or is empty text), cleared
 * (null) or set; the stored row is read; the row is written only when a
 * value ends different from the stored one.  Not installed.
 */
#ifndef CRM_UPSERT_H
#define CRM_UPSERT_H

#include "route_internal.h"

/* The most columns of a table. */
#define CRM_UPSERT_MAX 16

enum { CRM_UPSERT_KEEP, CRM_UPSERT_CLEAR, CRM_UPSERT_SET };

typedef struct crm_upsert_value {
	int state;
	crm_buf text;
} crm_upsert_value;

/* A table: get (?1 the id; the n columns in order), insert (?1 the id,
 * ?2... the columns, then created_at) and update (?1 the id, ?2... the
 * columns); ints[i] (ints may be NULL) when column i is bound as an
 * integer; name for messages. */
typedef struct crm_upsert_table {
	const char *name;
	const char *get_sql, *insert_sql, *update_sql;
	size_t n;
	const int *ints;
} crm_upsert_table;

/* An importer's database, the calling code of national phone numbers
 * (may be NULL), the time of new rows, the new values and the stored
 * row.  Zeroed, then crm_upsert_init; crm_upsert_free frees what it
 * holds, not u. */
typedef struct crm_upsert {
	crm_db *db;
	char *country;
	char now[CRM_DATE_BUFSZ];
	crm_buf tmp;
	crm_upsert_value val[CRM_UPSERT_MAX];
	char *old[CRM_UPSERT_MAX];
	int found;
} crm_upsert;

int crm_upsert_init(crm_upsert *u, crm_db *db, const char *country,
	int64_t now, crm_err *err);
void crm_upsert_free(crm_upsert *u);

/* Field key of r into v: a string trimmed and half-width (empty: kept),
 * null cleared, absent kept; anything else CRM_EDATA "not a string",
 * and text with U+0000 "contains U+0000", naming key. */
int crm_upsert_text(const crm_rec *r, const char *key, crm_upsert_value *v,
	crm_err *err);
/* The same for a truth: true or false (a JSON boolean, or the words in
 * any case), 1 or 0, set as "1" or "0"; CRM_EDATA "not true or false (or
 * 1 or 0)". */
int crm_upsert_bool(const crm_rec *r, const char *key, crm_upsert_value *v,
	crm_err *err);
/* A set e-mail address (email) or phone number (u->country) in its
 * normal form; CRM_EDATA naming key and the value. */
int crm_upsert_contact(crm_upsert *u, const crm_rec *r, const char *key,
	int email, crm_upsert_value *v, crm_err *err);

/* Read the stored row id of t into u->old (NULL each when NULL);
 * u->found 0 when there is none. */
int crm_upsert_load(crm_upsert *u, const crm_upsert_table *t,
	const char *id, crm_err *err);
/* The value column i ends with: the one given; else the stored one;
 * else (a new row, or cleared) dflt.  NULL for NULL. */
const char *crm_upsert_final(const crm_upsert *u, size_t i,
	const char *dflt);
/* What crm_upsert_write did. */
enum { CRM_UPSERT_UNCHANGED, CRM_UPSERT_UPDATED, CRM_UPSERT_INSERTED };

/* Insert the row (created_at u->now), or update it when a column's
 * final value (dflt[i] the defaults; dflt may be NULL) differs from the
 * stored one; *result says which it did. */
int crm_upsert_write(crm_upsert *u, const crm_upsert_table *t,
	const char *id, const char *const *dflt, int *result, crm_err *err);

/* The current row of st as a record with every column: NULL as null,
 * INTEGER as a number, a column <name>? as the truth <name>, text as a
 * string (lists whose tables must have all their columns). */
int crm_upsert_row_out(sqlite3_stmt *st, crm_rec *r, crm_err *err);

#endif
