/*
 * route_reps.c - reps and teams in (upsert on id) and out (with their
 * open leads).
 */
#include "upsert.h"

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
	crm_route_reps_counts counts;
	crm_buf id;
	crm_upsert row;            /* the database, the country, now */
	struct pending *pending;
	size_t npending, cap;
};

void
crm_route_reps_importer_free(crm_route_reps_importer *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	crm_upsert_free(&imp->row);
	for (i = 0; i < imp->npending; i++) {
		free(imp->pending[i].team);
		free(imp->pending[i].file);
	}
	free(imp->pending);
	crm_buf_free(&imp->id);
	free(imp);
}

int
crm_route_reps_importer_new(crm_db *db, const char *country, int64_t now,
    crm_route_reps_importer **out, crm_err *err)
{
	crm_route_reps_importer *imp = calloc(1, sizeof(*imp));
	int rc;

	*out = NULL;
	if (imp == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_upsert_init(&imp->row, db, country, now, err)) !=
	    CRM_OK) {
		crm_route_reps_importer_free(imp);
		return rc;
	}
	*out = imp;
	return CRM_OK;
}

const crm_route_reps_counts *
crm_route_reps_counts_of(const crm_route_reps_importer *imp)
{
	return &imp->counts;
}

/* capacity: a whole number from 0, as a number or a string of digits. */
static int
read_capacity(const crm_rec *r, crm_upsert_value *v, crm_err *err)
{
	long i = crm_rec_find(r, "capacity");
	const char *s;
	size_t len;

	v->state = CRM_UPSERT_KEEP;
	if (i < 0)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) == CRM_NULL) {
		v->state = CRM_UPSERT_CLEAR;
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
	v->state = CRM_UPSERT_SET;
	/* Without leading zeros, so "007" and 7 are the same value. */
	while (len > 1 && *s == '0') {
		s++;
		len--;
	}
	return crm_buf_add(&v->text, s, len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

static int
read_id(crm_route_reps_importer *imp, const crm_rec *r, crm_err *err)
{
	crm_upsert_value v = { CRM_UPSERT_KEEP, CRM_BUF_INIT };
	int rc = crm_upsert_text(r, "id", &v, err);

	if (rc == CRM_OK && v.state != CRM_UPSERT_SET)
		rc = crm_rec_fail(r, err, CRM_EDATA, "id", "missing");
	crm_buf_reset(&imp->id);
	if (rc == CRM_OK && crm_buf_add(&imp->id, v.text.data, v.text.len) !=
	    CRM_OK)
		rc = crm_err_nomem(err);
	crm_buf_free(&v.text);
	return rc;
}

/* Read row imp->id of t, then write it (the defaults dflt) and count
 * what was done in c. */
static int
upsert(crm_route_reps_importer *imp, const crm_upsert_table *t,
    const char *const *dflt, crm_route_reps_counts *c, crm_err *err)
{
	int rc, done;

	if ((rc = crm_upsert_load(&imp->row, t, imp->id.data, err)) !=
	    CRM_OK || (rc = crm_upsert_write(&imp->row, t, imp->id.data,
	    dflt, &done, err)) != CRM_OK)
		return rc;
	c->unchanged += done == CRM_UPSERT_UNCHANGED;
	c->updated += done == CRM_UPSERT_UPDATED;
	c->inserted += done == CRM_UPSERT_INSERTED;
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
static const crm_upsert_table teams = {
	"teams", team_get_sql, team_insert_sql, team_update_sql, NTEAM, NULL,
};
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
	const char *dflt[NTEAM] = { imp->id.data, NULL, NULL };
	crm_upsert_value *v = imp->row.val;
	size_t i;
	int rc;

	for (i = 0; i < NTEAM; i++)
		if ((rc = crm_upsert_text(r, team_fields[i], &v[i], err)) !=
		    CRM_OK)
			return rc;
	if ((rc = upsert(imp, &teams, dflt, c, err)) != CRM_OK)
		return rc;
	return v[T_LEAD].state == CRM_UPSERT_SET ? add_pending(imp, r, err) :
	    CRM_OK;
}

/* A rep's team that is not there yet is made, named by its id. */
static int
ensure_team(crm_route_reps_importer *imp, const char *team,
    crm_route_reps_counts *c, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(imp->row.db, team_exists_sql, &st, err)) !=
	    CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return CRM_OK;
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->row.db, rc, "teams", err);
	if ((rc = crm_db_stmt(imp->row.db, team_create_sql, &st, err)) !=
	    CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, imp->row.now, -1, SQLITE_STATIC);
	if ((rc = crm_route_step_done(imp->row.db, st, "teams", err)) != CRM_OK)
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
static const int rep_ints[NREP] = { 0, 0, 0, 0, 0, 1, 1 };
static const crm_upsert_table reps = {
	"reps", rep_get_sql, rep_insert_sql, rep_update_sql, NREP, rep_ints,
};

static int
import_rep(crm_route_reps_importer *imp, const crm_rec *r,
    crm_route_reps_counts *c, crm_err *err)
{
	const char *dflt[NREP] = { imp->id.data, NULL, NULL, NULL, NULL, "1",
		NULL };
	crm_upsert_value *v = imp->row.val;
	size_t i;
	int rc;

	for (i = 0; i < R_ACTIVE; i++)
		if ((rc = crm_upsert_text(r, rep_fields[i], &v[i], err)) !=
		    CRM_OK)
			return rc;
	if ((rc = crm_upsert_bool(r, "active", &v[R_ACTIVE], err)) !=
	    CRM_OK ||
	    (rc = read_capacity(r, &v[R_CAPACITY], err)) != CRM_OK ||
	    (rc = crm_upsert_contact(&imp->row, r, "email", 1, &v[R_EMAIL],
	    err)) != CRM_OK ||
	    (rc = crm_upsert_contact(&imp->row, r, "phone", 0, &v[R_PHONE],
	    err)) != CRM_OK)
		return rc;
	if (v[R_TEAM].state == CRM_UPSERT_SET && (rc = ensure_team(imp,
	    v[R_TEAM].text.data, c, err)) != CRM_OK)
		return rc;
	return upsert(imp, &reps, dflt, c, err);
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

		if ((rc = crm_db_stmt(imp->row.db, lead_rep_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, p->team, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			if (rc == SQLITE_DONE)
				continue;
			return crm_db_fail(imp->row.db, rc, "teams", err);
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
			return crm_err_set(err, CRM_EDATA, "%s:%lu: "
			    "lead_rep_id: no rep %s (a team's lead rep must "
			    "be a rep)",
			    p->file, p->line, lead);
		return crm_err_set(err, CRM_EDATA, "team %s: lead_rep_id: no "
		    "rep %s (a team's lead rep must be a rep)", p->team, lead);
	}
	return CRM_OK;
}

static const char list_sql[] =
	"SELECT r.id, r.name, r.email, r.phone, r.team_id,"
	" t.name AS team_name, r.region, r.active AS \"active?\", r.capacity,"
	" (SELECT count(*) FROM leads l WHERE l.owner_rep_id = r.id"
	"  AND l.status IN ('assigned', 'contacted', 'qualified'))"
	"  AS open_leads"
	" FROM reps r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.id";

int
crm_route_reps_list(crm_db *db, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = crm_upsert_row_out(st, r, err)) != CRM_OK ||
		    (rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "reps", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
