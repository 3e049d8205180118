/*
 * referral_partner.c - partners (agents, referral partners, dealers) in,
 * upserted on id, and out with the customers they brought.
 */
#include "internal.h"

#include <strings.h>

enum { P_NAME, P_KIND, P_EMAIL, P_PHONE, P_ACTIVE, NCOL };
static const char *const fields[NCOL] = {
	"name", "kind", "email", "phone", "active"
};

/* A column's new value: kept (not given, or ""), cleared (null), set. */
enum { KEEP, CLEAR, SET };

struct crm_referral_partners {
	crm_db *db;
	char *country;
	char now[CRM_DATE_BUFSZ];
	crm_referral_counts counts;
	crm_buf id, tmp;
	int state[NCOL];
	crm_buf val[NCOL];
	char *old[NCOL];
};

void
crm_referral_partners_free(crm_referral_partners *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	for (i = 0; i < NCOL; i++) {
		crm_buf_free(&imp->val[i]);
		free(imp->old[i]);
	}
	crm_buf_free(&imp->id);
	crm_buf_free(&imp->tmp);
	free(imp->country);
	free(imp);
}

int
crm_referral_partners_new(crm_db *db, const char *country, int64_t now,
    crm_referral_partners **out, crm_err *err)
{
	crm_referral_partners *imp = calloc(1, sizeof(*imp));

	*out = NULL;
	if (imp == NULL || (country != NULL &&
	    (imp->country = strdup(country)) == NULL)) {
		crm_referral_partners_free(imp);
		return crm_err_nomem(err);
	}
	imp->db = db;
	crm_time_format(now, imp->now);
	*out = imp;
	return CRM_OK;
}

const crm_referral_counts *
crm_referral_partners_counts(const crm_referral_partners *imp)
{
	return &imp->counts;
}

static int
replace(crm_buf *v, const char *s, size_t len, crm_err *err)
{
	crm_buf_reset(v);
	if (crm_buf_add(v, s, len) != CRM_OK || crm_buf_addc(v, '\0') !=
	    CRM_OK)
		return crm_err_nomem(err);
	v->len--;
	return CRM_OK;
}

/* Field key of r, trimmed and half-width, into v; *state as above. */
static int
read_text(const crm_rec *r, const char *key, crm_buf *v, int *state,
    crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	size_t len;
	crm_type t;

	crm_buf_reset(v);
	*state = KEEP;
	if (i < 0)
		return CRM_OK;
	t = crm_rec_type(r, (size_t)i);
	if (t == CRM_NULL) {
		*state = CLEAR;
		return CRM_OK;
	}
	s = crm_rec_text(r, (size_t)i, &len);
	if (t == CRM_BOOL && strcmp(key, "active") == 0) {
		*state = SET;
		return replace(v, s, len, err);
	}
	if (t != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string");
	if (memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "contains U+0000");
	if (crm_text_norm(v, s, len, CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM,
	    err) != CRM_OK)
		return CRM_EINTERNAL;
	if (v->len > 0)
		*state = SET;
	if (crm_buf_addc(v, '\0') != CRM_OK)
		return crm_err_nomem(err);
	v->len--;
	return CRM_OK;
}

/* Check and normalise the values read: kind, active, e-mail, phone. */
static int
check_values(crm_referral_partners *imp, const crm_rec *r, crm_err *err)
{
	crm_buf *v = imp->val;
	crm_err why;
	int rc;

	if (imp->state[P_KIND] == SET && strcmp(v[P_KIND].data, "agent") !=
	    0 && strcmp(v[P_KIND].data, "referral") != 0 &&
	    strcmp(v[P_KIND].data, "dealer") != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "not agent, "
		    "referral or dealer: %s", v[P_KIND].data);
	if (imp->state[P_KIND] == CLEAR)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "null: a "
		    "partner has a kind");
	if (imp->state[P_NAME] == CLEAR)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "null: a "
		    "partner has a name");
	if (imp->state[P_ACTIVE] == CLEAR)
		imp->state[P_ACTIVE] = KEEP;
	if (imp->state[P_ACTIVE] == SET) {
		const char *s = v[P_ACTIVE].data;

		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
			rc = replace(&v[P_ACTIVE], "1", 1, err);
		else if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
			rc = replace(&v[P_ACTIVE], "0", 1, err);
		else
			return crm_rec_fail(r, err, CRM_EDATA, "active",
			    "not true or false (or 1 or 0)");
		if (rc != CRM_OK)
			return rc;
	}
	if (imp->state[P_EMAIL] == SET) {
		if (crm_email_norm(&imp->tmp, v[P_EMAIL].data, v[P_EMAIL].len,
		    &why) != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, "email",
			    "%s: \"%s\"", why.msg, v[P_EMAIL].data);
		if ((rc = replace(&v[P_EMAIL], imp->tmp.data, imp->tmp.len,
		    err)) != CRM_OK)
			return rc;
	}
	if (imp->state[P_PHONE] == SET) {
		if (crm_phone_norm(&imp->tmp, v[P_PHONE].data, v[P_PHONE].len,
		    imp->country, &why) != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, "phone",
			    "%s: \"%s\"", why.msg, v[P_PHONE].data);
		if ((rc = replace(&v[P_PHONE], imp->tmp.data, imp->tmp.len,
		    err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static const char get_sql[] =
	"SELECT name, kind, email, phone, active FROM partners WHERE id = ?1";
static const char insert_sql[] =
	"INSERT INTO partners (id, name, kind, email, phone, active,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char update_sql[] =
	"UPDATE partners SET name = ?2, kind = ?3, email = ?4, phone = ?5,"
	" active = ?6 WHERE id = ?1";

static int
load_old(crm_referral_partners *imp, int *found, crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	size_t i;
	int rc, oom = 0;

	for (i = 0; i < NCOL; i++) {
		free(imp->old[i]);
		imp->old[i] = NULL;
	}
	if ((rc = crm_db_stmt(imp->db, get_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id.data, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	for (i = 0; *found && i < NCOL; i++) {
		s = (const char *)sqlite3_column_text(st, (int)i);
		if (s != NULL && (imp->old[i] = strdup(s)) == NULL)
			oom = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "partners", err);
	return oom ? crm_err_nomem(err) : CRM_OK;
}

/* The value column i ends with; NULL for NULL. */
static const char *
final(const crm_referral_partners *imp, size_t i, int found)
{
	if (imp->state[i] == SET)
		return imp->val[i].data;
	if (imp->state[i] == KEEP && found)
		return imp->old[i];
	return i == P_ACTIVE ? "1" : NULL;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
read_id(crm_referral_partners *imp, const crm_rec *r, crm_err *err)
{
	int state, rc = read_text(r, "id", &imp->id, &state, err);

	if (rc == CRM_OK && state != SET)
		rc = crm_rec_fail(r, err, CRM_EDATA, "id", "missing");
	return rc;
}

int
crm_referral_partners_import(crm_referral_partners *imp, const crm_rec *r,
    crm_err *err)
{
	sqlite3_stmt *st;
	const char *v;
	size_t i;
	int rc, found, changed;

	if ((rc = read_id(imp, r, err)) != CRM_OK)
		return rc;
	for (i = 0; i < NCOL; i++)
		if ((rc = read_text(r, fields[i], &imp->val[i], &imp->state[i],
		    err)) != CRM_OK)
			return rc;
	if ((rc = check_values(imp, r, err)) != CRM_OK ||
	    (rc = load_old(imp, &found, err)) != CRM_OK)
		return rc;
	if (!found && final(imp, P_NAME, 0) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "missing (a new "
		    "partner)");
	if (!found && final(imp, P_KIND, 0) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "missing (a new "
		    "partner): agent, referral or dealer");
	changed = !found;
	for (i = 0; found && i < NCOL; i++)
		changed |= !same(final(imp, i, found), imp->old[i]);
	if (!changed) {
		imp->counts.unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(imp->db, found ? update_sql : insert_sql, &st,
	    err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id.data, -1, SQLITE_TRANSIENT);
	for (i = 0; i < NCOL; i++) {
		v = final(imp, i, found);
		if (v == NULL)
			sqlite3_bind_null(st, (int)i + 2);
		else if (i == P_ACTIVE)
			sqlite3_bind_int(st, (int)i + 2, *v == '1');
		else
			sqlite3_bind_text(st, (int)i + 2, v, -1,
			    SQLITE_TRANSIENT);
	}
	if (!found)
		sqlite3_bind_text(st, NCOL + 2, imp->now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "partners", err);
	if (found)
		imp->counts.updated++;
	else
		imp->counts.inserted++;
	return CRM_OK;
}

static const char list_sql[] =
	"SELECT p.id, p.name, p.kind, p.email, p.phone, p.active,"
	" (SELECT count(*) FROM customers c WHERE c.partner_id = p.id)"
	"  AS customers,"
	" (SELECT count(*) FROM referrals r"
	"  WHERE r.referrer_partner_id = p.id) AS referrals"
	" FROM partners p ORDER BY p.id";

int
crm_referral_partners_list(crm_db *db, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	const char *key, *v;
	int rc, i;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(r);
		for (i = 0, rc = CRM_OK; rc == CRM_OK &&
		    i < sqlite3_column_count(st); i++) {
			key = sqlite3_column_name(st, i);
			v = (const char *)sqlite3_column_text(st, i);
			if (v == NULL)
				rc = crm_rec_set_null(r, key, err);
			else if (strcmp(key, "active") == 0)
				rc = crm_rec_set_bool(r, key, *v == '1', err);
			else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
				rc = crm_rec_set_int(r, key,
				    sqlite3_column_int64(st, i), err);
			else
				rc = crm_rec_set_str(r, key, v, strlen(v), err);
		}
		if (rc != CRM_OK || (rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "partners", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
