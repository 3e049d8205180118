/*
 * upsert.c - one row upserted on its id from the fields of a record
 * (upsert.h).
 */
#include "upsert.h"

#include <strings.h>

int
crm_upsert_init(crm_upsert *u, crm_db *db, const char *country,
    int64_t now, crm_err *err)
{
	u->db = db;
	crm_time_format(now, u->now);
	if (country != NULL && (u->country = strdup(country)) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

void
crm_upsert_free(crm_upsert *u)
{
	size_t i;

	for (i = 0; i < CRM_UPSERT_MAX; i++) {
		crm_buf_free(&u->val[i].text);
		free(u->old[i]);
		u->old[i] = NULL;
	}
	crm_buf_free(&u->tmp);
	free(u->country);
	u->country = NULL;
}

/* v set to s. */
static int
put(crm_upsert_value *v, const char *s, size_t len, crm_err *err)
{
	crm_buf_reset(&v->text);
	v->state = CRM_UPSERT_SET;
	return crm_buf_add(&v->text, s, len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* The index of field key of r, with v reset to kept; -1 when there is
 * nothing to read: absent or empty text (v kept), null (v cleared). */
static long
find(const crm_rec *r, const char *key, crm_upsert_value *v)
{
	long i = crm_rec_find(r, key);
	size_t len;

	crm_buf_reset(&v->text);
	v->state = CRM_UPSERT_KEEP;
	if (i < 0)
		return -1;
	if (crm_rec_type(r, (size_t)i) == CRM_NULL) {
		v->state = CRM_UPSERT_CLEAR;
		return -1;
	}
	crm_rec_text(r, (size_t)i, &len);
	if (crm_rec_type(r, (size_t)i) == CRM_STRING && len == 0)
		return -1;
	return i;
}

int
crm_upsert_text(const crm_rec *r, const char *key, crm_upsert_value *v,
    crm_err *err)
{
	long i = find(r, key, v);
	const char *s;
	size_t len;

	if (i < 0)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string");
	s = crm_rec_text(r, (size_t)i, &len);
	if (memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "contains U+0000");
	if (crm_text_norm(&v->text, s, len, CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM,
	    err) != CRM_OK)
		return CRM_EINTERNAL;
	if (v->text.len > 0)
		v->state = CRM_UPSERT_SET;
	return CRM_OK;
}

int
crm_upsert_bool(const crm_rec *r, const char *key, crm_upsert_value *v,
    crm_err *err)
{
	long i = find(r, key, v);
	const char *s;
	crm_type t;

	if (i < 0)
		return CRM_OK;
	t = crm_rec_type(r, (size_t)i);
	s = crm_rec_text(r, (size_t)i, NULL);
	if (t != CRM_ARRAY && t != CRM_OBJECT) {
		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
			return put(v, "1", 1, err);
		if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
			return put(v, "0", 1, err);
	}
	return crm_rec_fail(r, err, CRM_EDATA, key,
	    "not true or false (or 1 or 0)");
}

int
crm_upsert_contact(crm_upsert *u, const crm_rec *r, const char *key,
    int email, crm_upsert_value *v, crm_err *err)
{
	crm_buf *tmp = &u->tmp;
	crm_err why;
	int rc;

	if (v->state != CRM_UPSERT_SET)
		return CRM_OK;
	rc = email ? crm_email_norm(tmp, v->text.data, v->text.len, &why) :
	    crm_phone_norm(tmp, v->text.data, v->text.len, u->country, &why);
	if (rc != CRM_OK)
		return crm_rec_fail(r, err, why.code, key, "%s: \"%s\"",
		    why.msg, v->text.data);
	return put(v, tmp->data, tmp->len, err);
}

int
crm_upsert_load(crm_upsert *u, const crm_upsert_table *t, const char *id,
    crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, oom = 0;

	for (i = 0; i < CRM_UPSERT_MAX; i++) {
		free(u->old[i]);
		u->old[i] = NULL;
	}
	if ((rc = crm_db_stmt(u->db, t->get_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	u->found = rc == SQLITE_ROW;
	for (i = 0; u->found && i < t->n; i++)
		u->old[i] = crm_route_column_dup(st, (int)i, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(u->db, rc, t->name, err);
	return oom ? crm_err_nomem(err) : CRM_OK;
}

const char *
crm_upsert_final(const crm_upsert *u, size_t i, const char *dflt)
{
	const crm_upsert_value *v = &u->val[i];

	if (v->state == CRM_UPSERT_SET)
		return v->text.data;
	if (v->state == CRM_UPSERT_KEEP && u->found)
		return u->old[i];
	return dflt;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int
crm_upsert_write(crm_upsert *u, const crm_upsert_table *t, const char *id,
    const char *const *dflt, int *result, crm_err *err)
{
	sqlite3_stmt *st;
	const char *v;
	size_t i;
	int rc, changed = !u->found;

	for (i = 0; u->found && i < t->n; i++)
		changed |= !same(crm_upsert_final(u, i, dflt != NULL ?
		    dflt[i] : NULL), u->old[i]);
	*result = CRM_UPSERT_UNCHANGED;
	if (!changed)
		return CRM_OK;
	if ((rc = crm_db_stmt(u->db, u->found ? t->update_sql :
	    t->insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	for (i = 0; i < t->n; i++) {
		v = crm_upsert_final(u, i, dflt != NULL ? dflt[i] : NULL);
		if (v != NULL && t->ints != NULL && t->ints[i])
			sqlite3_bind_int64(st, (int)i + 2,
			    strtoll(v, NULL, 10));
		else
			crm_route_bind_text(st, (int)i + 2, v);
	}
	if (!u->found)
		sqlite3_bind_text(st, (int)t->n + 2, u->now, -1,
		    SQLITE_TRANSIENT);
	if ((rc = crm_route_step_done(u->db, st, t->name, err)) != CRM_OK)
		return rc;
	*result = u->found ? CRM_UPSERT_UPDATED : CRM_UPSERT_INSERTED;
	return CRM_OK;
}

int
crm_upsert_row_out(sqlite3_stmt *st, crm_rec *r, crm_err *err)
{
	char key[64];
	const char *name, *v;
	size_t len;
	int i, rc;

	crm_rec_clear(r);
	for (i = 0, rc = CRM_OK; rc == CRM_OK &&
	    i < sqlite3_column_count(st); i++) {
		name = sqlite3_column_name(st, i);
		v = (const char *)sqlite3_column_text(st, i);
		len = strlen(name);
		if (len > 1 && len < sizeof(key) && name[len - 1] == '?') {
			memcpy(key, name, len - 1);
			key[len - 1] = '\0';
			name = key;
			if (v != NULL) {
				rc = crm_rec_set_bool(r, key,
				    sqlite3_column_int64(st, i) != 0, err);
				continue;
			}
		}
		if (v == NULL)
			rc = crm_rec_set_null(r, name, err);
		else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
			rc = crm_rec_set_int(r, name,
			    sqlite3_column_int64(st, i), err);
		else
			rc = crm_rec_set_str(r, name, v,
			    (size_t)sqlite3_column_bytes(st, i), err);
	}
	return rc;
}
