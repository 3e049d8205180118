/*
 * route_reps.c - reps and teams in (upsert on id) and out (with their
 * open leads).
 */
#include "route_internal.h"

#include <strings.h>

/* A column's new value: kept (the field was not given), cleared (null)
 * or set. */
enum { KEEP, CLEAR, SET };

struct value {
	int state;
	crm_buf text;
};

enum { R_NAME, R_EMAIL, R_PHONE, R_TEAM, R_REGION, R_ACTIVE, R_CAPACITY,
	NREP };
static const char *const rep_fields[NREP] = {
	"name", "email", "phone", "team_id", "region", "active", "capacity",
};
enum { T_NAME, T_REGION, T_LEAD, NTEAM };
static const char *const team_fields[NTEAM] = {
	"name", "region", "lead_rep_id",
};

/* A team whose lead rep is checked at the end, and where it came from. */
struct pending {
	char *team;
	char *file;
	unsigned long line;
};

struct crm_route_reps_importer {
	crm_db *db;
	char *country;
	char now[CRM_DATE_BUFSZ];
	crm_route_reps_counts counts;
	crm_buf id, tmp;
	struct value vals[NREP];
	char *old[NREP];
	struct pending *pending;
	size_t npending, cap;
};

void
crm_route_reps_importer_free(crm_route_reps_importer *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	for (i = 0; i < NREP; i++) {
		crm_buf_free(&imp->vals[i].text);
		free(imp->old[i]);
	}
	for (i = 0; i < imp->npending; i++) {
		free(imp->pending[i].team);
		free(imp->pending[i].file);
	}
	free(imp->pending);
	crm_buf_free(&imp->id);
	crm_buf_free(&imp->tmp);
	free(imp->country);
	free(imp);
}

int
crm_route_reps_importer_new(crm_db *db, const char *country, int64_t now,
    crm_route_reps_importer **out, crm_err *err)
{
	crm_route_reps_importer *imp = calloc(1, sizeof(*imp));

	*out = NULL;
	if (imp == NULL || (country != NULL &&
	    (imp->country = strdup(country)) == NULL)) {
		crm_route_reps_importer_free(imp);
		return crm_err_nomem(err);
	}
	imp->db = db;
	crm_time_format(now, imp->now);
	*out = imp;
	return CRM_OK;
}

const crm_route_reps_counts *
crm_route_reps_counts_of(const crm_route_reps_importer *imp)
{
	return &imp->counts;
}

/* A text field: trimmed, half-width; "" counts as not given. */
static int
read_text(const crm_rec *r, const char *key, struct value *v, crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	size_t len;

	crm_buf_reset(&v->text);
	v->state = KEEP;
	if (i < 0)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) == CRM_NULL) {
		v->state = CLEAR;
		return CRM_OK;
	}
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string");
	s = crm_rec_text(r, (size_t)i, &len);
	if (memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "contains U+0000");
	if (crm_text_norm(&v->text, s, len, CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM,
	    err) != CRM_OK)
		return CRM_EINTERNAL;
	if (v->text.len > 0)
		v->state = SET;
	return CRM_OK;
}

static int
put(struct value *v, const char *s, crm_err *err)
{
	crm_buf_reset(&v->text);
	v->state = SET;
	return crm_buf_adds(&v->text, s) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* active: true/false, 1/0, or those words as strings (CSV). */
static int
read_active(const crm_rec *r, struct value *v, crm_err *err)
{
	long i = crm_rec_find(r, "active");
	const char *s;

	v->state = KEEP;
	if (i < 0)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) == CRM_NULL) {
		v->state = CLEAR;
		return CRM_OK;
	}
	s = crm_rec_text(r, (size_t)i, NULL);
	if (crm_rec_type(r, (size_t)i) == CRM_STRING && *s == '\0')
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_ARRAY &&
	    crm_rec_type(r, (size_t)i) != CRM_OBJECT) {
		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
			return put(v, "1", err);
		if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
			return put(v, "0", err);
	}
	return crm_rec_fail(r, err, CRM_EDATA, "active",
	    "not true or false (or 1 or 0)");
}

/* capacity: a whole number from 0, as a number or a string of digits. */
static int
read_capacity(const crm_rec *r, struct value *v, crm_err *err)
{
	long i = crm_rec_find(r, "capacity");
	const char *s;
	size_t len;

	v->state = KEEP;
	if (i < 0)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) == CRM_NULL) {
		v->state = CLEAR;
		return CRM_OK;
	}
	s = crm_rec_text(r, (size_t)i, &len);
	if (crm_rec_type(r, (size_t)i) == CRM_STRING && len == 0)
		return CRM_OK;
	if ((crm_rec_type(r, (size_t)i) != CRM_STRING &&
	    crm_rec_type(r, (size_t)i) != CRM_NUMBER) || len == 0 ||
	    len > 9 || strspn(s, "0123456789") != len)
		return crm_rec_fail(r, err, CRM_EDATA, "capacity",
		    "not a whole number from 0 (the most open leads)");
	crm_buf_reset(&v->text);
	v->state = SET;
	/* Without leading zeros, so "007" and 7 are the same value. */
	while (len > 1 && *s == '0') {
		s++;
		len--;
	}
	return crm_buf_add(&v->text, s, len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* e-mail and phone in their normal forms. */
static int
normalise(crm_route_reps_importer *imp, const crm_rec *r, struct value *v,
    int email, crm_err *err)
{
	crm_err why;
	int rc;

	if (v->state != SET)
		return CRM_OK;
	rc = email ? crm_email_norm(&imp->tmp, v->text.data, v->text.len,
	    &why) : crm_phone_norm(&imp->tmp, v->text.data, v->text.len,
	    imp->country, &why);
	if (rc != CRM_OK)
		return crm_rec_fail(r, err, why.code, email ? "email" : "phone",
		    "%s: \"%s\"", why.msg, v->text.data);
	crm_buf_reset(&v->text);
	return crm_buf_add(&v->text, imp->tmp.data, imp->tmp.len) == CRM_OK ?
	    CRM_OK : crm_err_nomem(err);
}

static int
read_id(crm_route_reps_importer *imp, const crm_rec *r, crm_err *err)
{
	struct value v = { KEEP, CRM_BUF_INIT };
	int rc = read_text(r, "id", &v, err);

	if (rc == CRM_OK && v.state != SET)
		rc = crm_rec_fail(r, err, CRM_EDATA, "id", "missing");
	crm_buf_reset(&imp->id);
	if (rc == CRM_OK && crm_buf_add(&imp->id, v.text.data, v.text.len) !=
	    CRM_OK)
		rc = crm_err_nomem(err);
	crm_buf_free(&v.text);
	return rc;
}

/* The stored columns of row id into imp->old (NULL each when NULL);
 * *found 0 when there is no row. */
static int
load_old(crm_route_reps_importer *imp, const char *sql, size_t n,
    int *found, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, oom = 0;

	for (i = 0; i < NREP; i++) {
		free(imp->old[i]);
		imp->old[i] = NULL;
	}
	if ((rc = crm_db_stmt(imp->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id.data, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	for (i = 0; *found && i < n; i++)
		imp->old[i] = crm_route_column_dup(st, (int)i, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "reps", err);
	return oom ? crm_err_nomem(err) : CRM_OK;
}

/* The value column i ends with: given; else stored; else (a new row,
 * or null given) the default.  NULL for NULL. */
static const char *
final(const crm_route_reps_importer *imp, size_t i, int found,
    const char *dflt)
{
	const struct value *v = &imp->vals[i];

	if (v->state == SET)
		return v->text.data;
	if (v->state == KEEP && found)
		return imp->old[i];
	return dflt;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Insert or update: ?1 id, ?2.. the columns, ?N created_at on insert. */
static int
write_row(crm_route_reps_importer *imp, const char *insert_sql,
    const char *update_sql, size_t n, int found, const char *const *dflt,
    const int *ints, crm_route_reps_counts *c, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, changed = !found;

	for (i = 0; found && i < n; i++)
		changed |= !same(final(imp, i, found, dflt[i]), imp->old[i]);
	if (!changed) {
		c->unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(imp->db, found ? update_sql : insert_sql, &st,
	    err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id.data, -1, SQLITE_TRANSIENT);
	for (i = 0; i < n; i++) {
		const char *v = final(imp, i, found, dflt[i]);

		if (v != NULL && ints[i])
			sqlite3_bind_int64(st, (int)i + 2, strtoll(v, NULL, 10));
		else
			crm_route_bind_text(st, (int)i + 2, v);
	}
	if (!found)
		sqlite3_bind_text(st, (int)n + 2, imp->now, -1, SQLITE_STATIC);
	if ((rc = crm_route_step_done(imp->db, st, "reps", err)) != CRM_OK)
		return rc;
	if (found)
		c->updated++;
	else
		c->inserted++;
	return CRM_OK;
}

static const char team_get_sql[] =
	"SELECT name, region, lead_rep_id FROM teams WHERE id = ?1";
static const char team_insert_sql[] =
	"INSERT INTO teams (id, name, region, lead_rep_id, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char team_update_sql[] =
	"UPDATE teams SET name = ?2, region = ?3, lead_rep_id = ?4"
	" WHERE id = ?1";
static const char team_exists_sql[] =
	"SELECT 1 FROM teams WHERE id = ?1";
static const char team_create_sql[] =
	"INSERT INTO teams (id, name, created_at) VALUES (?1, ?1, ?2)";

static int
add_pending(crm_route_reps_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *file = crm_rec_file(r);
	struct pending *p;

	if (imp->npending == imp->cap) {
		size_t cap = imp->cap ? 2 * imp->cap : 8;

		if ((p = realloc(imp->pending, cap * sizeof(*p))) == NULL)
			return crm_err_nomem(err);
		imp->pending = p;
		imp->cap = cap;
	}
	p = &imp->pending[imp->npending];
	p->team = strdup(imp->id.data);
	p->file = file != NULL ? strdup(file) : NULL;
	p->line = crm_rec_line(r);
	if (p->team == NULL || (file != NULL && p->file == NULL)) {
		free(p->team);
		free(p->file);
		return crm_err_nomem(err);
	}
	imp->npending++;
	return CRM_OK;
}

static int
import_team(crm_route_reps_importer *imp, const crm_rec *r,
    crm_route_reps_counts *c, crm_err *err)
{
	static const int ints[NTEAM] = { 0, 0, 0 };
	const char *dflt[NTEAM] = { imp->id.data, NULL, NULL };
	size_t i;
	int rc, found;

	for (i = 0; i < NTEAM; i++)
		if ((rc = read_text(r, team_fields[i], &imp->vals[i],
		    err)) != CRM_OK)
			return rc;
	if ((rc = load_old(imp, team_get_sql, NTEAM, &found, err)) != CRM_OK)
		return rc;
	if ((rc = write_row(imp, team_insert_sql, team_update_sql, NTEAM,
	    found, dflt, ints, c, err)) != CRM_OK)
		return rc;
	return imp->vals[T_LEAD].state == SET ? add_pending(imp, r, err) :
	    CRM_OK;
}

/* A rep's team that is not there yet is made, named by its id. */
static int
ensure_team(crm_route_reps_importer *imp, const char *team,
    crm_route_reps_counts *c, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(imp->db, team_exists_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "teams", err);
	if ((rc = crm_db_stmt(imp->db, team_create_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, imp->now, -1, SQLITE_STATIC);
	if ((rc = crm_route_step_done(imp->db, st, "teams", err)) != CRM_OK)
		return rc;
	c->teams_created++;
	return CRM_OK;
}

static const char rep_get_sql[] =
	"SELECT name, email, phone, team_id, region, active, capacity"
	" FROM reps WHERE id = ?1";
static const char rep_insert_sql[] =
	"INSERT INTO reps (id, name, email, phone, team_id, region, active,"
	" capacity, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char rep_update_sql[] =
	"UPDATE reps SET name = ?2, email = ?3, phone = ?4, team_id = ?5,"
	" region = ?6, active = ?7, capacity = ?8 WHERE id = ?1";

static int
import_rep(crm_route_reps_importer *imp, const crm_rec *r,
    crm_route_reps_counts *c, crm_err *err)
{
	static const int ints[NREP] = { 0, 0, 0, 0, 0, 1, 1 };
	const char *dflt[NREP] = { imp->id.data, NULL, NULL, NULL, NULL, "1",
		NULL };
	size_t i;
	int rc, found;

	for (i = 0; i < R_ACTIVE; i++)
		if ((rc = read_text(r, rep_fields[i], &imp->vals[i],
		    err)) != CRM_OK)
			return rc;
	if ((rc = read_active(r, &imp->vals[R_ACTIVE], err)) != CRM_OK ||
	    (rc = read_capacity(r, &imp->vals[R_CAPACITY], err)) != CRM_OK ||
	    (rc = normalise(imp, r, &imp->vals[R_EMAIL], 1, err)) != CRM_OK ||
	    (rc = normalise(imp, r, &imp->vals[R_PHONE], 0, err)) != CRM_OK)
		return rc;
	if ((rc = load_old(imp, rep_get_sql, NREP, &found, err)) != CRM_OK)
		return rc;
	if (imp->vals[R_TEAM].state == SET && (rc = ensure_team(imp,
	    imp->vals[R_TEAM].text.data, c, err)) != CRM_OK)
		return rc;
	return write_row(imp, rep_insert_sql, rep_update_sql, NREP, found,
	    dflt, ints, c, err);
}

int
crm_route_reps_import(crm_route_reps_importer *imp, const crm_rec *r,
    crm_err *err)
{
	crm_route_reps_counts c = { 0, 0, 0, 0 };
	const char *type = crm_rec_get(r, "type");
	int rc;

	if ((rc = read_id(imp, r, err)) != CRM_OK)
		return rc;
	if (type != NULL && strcmp(type, "team") == 0)
		rc = import_team(imp, r, &c, err);
	else
		rc = import_rep(imp, r, &c, err);
	if (rc != CRM_OK)
		return rc;
	imp->counts.inserted += c.inserted;
	imp->counts.updated += c.updated;
	imp->counts.unchanged += c.unchanged;
	imp->counts.teams_created += c.teams_created;
	return CRM_OK;
}

static const char lead_rep_sql[] =
	"SELECT t.lead_rep_id, r.id FROM teams t"
	" LEFT JOIN reps r ON r.id = t.lead_rep_id WHERE t.id = ?1";

int
crm_route_reps_finish(crm_route_reps_importer *imp, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < imp->npending; i++) {
		const struct pending *p = &imp->pending[i];
		int missing;
		char lead[256];

		if ((rc = crm_db_stmt(imp->db, lead_rep_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, p->team, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			if (rc == SQLITE_DONE)
				continue;
			return crm_db_fail(imp->db, rc, "teams", err);
		}
		missing = sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    sqlite3_column_type(st, 1) == SQLITE_NULL;
		if (missing)
			snprintf(lead, sizeof(lead), "%s",
			    sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (!missing)
			continue;
		if (p->file != NULL && p->line > 0)
			return crm_err_set(err, CRM_EDATA, "%s:%lu: lead_rep_id: "
			    "no rep %s (a team's lead rep must be a rep)",
			    p->file, p->line, lead);
		return crm_err_set(err, CRM_EDATA, "team %s: lead_rep_id: no "
		    "rep %s (a team's lead rep must be a rep)", p->team, lead);
	}
	return CRM_OK;
}

static const char list_sql[] =
	"SELECT r.id, r.name, r.email, r.phone, r.team_id,"
	" t.name AS team_name, r.region, r.active, r.capacity,"
	" (SELECT count(*) FROM leads l WHERE l.owner_rep_id = r.id"
	"  AND l.status IN ('assigned', 'contacted', 'qualified'))"
	"  AS open_leads"
	" FROM reps r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.id";

int
crm_route_reps_list(crm_db *db, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc, i;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(r);
		for (i = 0, rc = CRM_OK; rc == CRM_OK &&
		    i < sqlite3_column_count(st); i++) {
			const char *key = sqlite3_column_name(st, i);
			const char *v = (const char *)sqlite3_column_text(st, i);

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
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "reps", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
