/*
 * route_rep.c - what every part of routing asks about a rep: does it
 * exist, is it active, how many open leads it holds; and logging a change
 * of owner.
 */
#include "route_internal.h"

void
crm_route_rep_clear(struct crm_route_rep *rep)
{
	free(rep->id);
	free(rep->team_id);
	memset(rep, 0, sizeof(*rep));
	rep->capacity = -1;
}

void
crm_route_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

char *
crm_route_column_dup(sqlite3_stmt *st, int i, int *oom)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup((const char *)s)) == NULL)
		*oom = 1;
	return d;
}

int
crm_route_step_done(crm_db *db, sqlite3_stmt *st, const char *what,
    crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, what, err);
}

static const char rep_sql[] =
	"SELECT id, team_id, active, capacity FROM reps WHERE id = ?1";

int
crm_route_rep_get(crm_db *db, const char *id, struct crm_route_rep *rep,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc, oom = 0;

	crm_route_rep_clear(rep);
	if ((rc = crm_db_stmt(db, rep_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? CRM_END : crm_db_fail(db, rc,
		    "reps", err);
	}
	rep->id = crm_route_column_dup(st, 0, &oom);
	rep->team_id = crm_route_column_dup(st, 1, &oom);
	rep->active = sqlite3_column_int(st, 2);
	rep->capacity = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (oom || rep->id == NULL) {
		crm_route_rep_clear(rep);
		return crm_err_nomem(err);
	}
	return CRM_OK;
}

int
crm_route_rep_need(crm_db *db, const char *id, int must_be_active,
    struct crm_route_rep *rep, crm_err *err)
{
	int rc = crm_route_rep_get(db, id, rep, err);

	if (rc == CRM_END)
		return crm_err_set(err, CRM_EDATA, "rep %s: unknown rep", id);
	if (rc == CRM_OK && must_be_active && !rep->active)
		return crm_err_set(err, CRM_EDATA, "rep %s: inactive", id);
	return rc;
}

static const char open_sql[] =
	"SELECT count(*) FROM leads WHERE owner_rep_id = ?1"
	" AND status IN ('assigned', 'contacted', 'qualified')";

int
crm_route_open_leads(crm_db *db, const char *rep, int64_t *n, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, open_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, rep, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(db, rc, "leads", err);
}

int
crm_route_has_room(crm_db *db, const struct crm_route_rep *rep, int *room,
    crm_err *err)
{
	int64_t n;
	int rc;

	*room = 0;
	if (!rep->active)
		return CRM_OK;
	if (rep->capacity < 0) {
		*room = 1;
		return CRM_OK;
	}
	if ((rc = crm_route_open_leads(db, rep->id, &n, err)) != CRM_OK)
		return rc;
	*room = n < rep->capacity;
	return CRM_OK;
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    crm_rec_set_null(r, key, err);
}

int
crm_route_log_change(crm_db *db, const char *entity, const char *id,
    const char *kind, const char *from, const char *to, const char *note,
    const char *data, int64_t now, const char *actor, crm_out *out,
    crm_err *err)
{
	char at[CRM_DATE_BUFSZ];
	crm_event ev;
	crm_rec *r;
	int rc;

	crm_time_format(now, at);
	ev = (crm_event){ entity, id, at, actor, kind, from, to, note, data };
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK || out == NULL)
		return rc;
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = set_text(r, "entity", entity, err)) == CRM_OK &&
	    (rc = set_text(r, "id", id, err)) == CRM_OK &&
	    (rc = set_text(r, "kind", kind, err)) == CRM_OK &&
	    (rc = set_text(r, "from_rep_id", from, err)) == CRM_OK &&
	    (rc = set_text(r, "to_rep_id", to, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
	crm_rec_free(r);
	return rc;
}

static const char stand_in_sql[] =
	"SELECT to_rep_id, starts_at, until FROM delegations"
	" WHERE from_rep_id = ?1 ORDER BY id DESC";

int
crm_route_stand_in(crm_db *db, const char *rep, int64_t at, crm_buf *to,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	crm_buf_reset(to);
	if ((rc = crm_db_stmt(db, stand_in_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, rep, -1, SQLITE_TRANSIENT);
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);
		const char *u = (const char *)sqlite3_column_text(st, 2);
		int64_t starts, until;
		crm_err why;

		/* Instants are compared as times: their text may differ in
		 * form (fractions, offsets) from a dump. */
		if (s == NULL || u == NULL ||
		    crm_time_parse(s, strlen(s), &starts, &why) != CRM_OK ||
		    crm_time_parse(u, strlen(u), &until, &why) != CRM_OK ||
		    at < starts || at >= until)
			continue;
		found = 1;
		if (crm_buf_adds(to, (const char *)sqlite3_column_text(st, 0)) !=
		    CRM_OK) {
			sqlite3_reset(st);
			return crm_err_nomem(err);
		}
	}
	sqlite3_reset(st);
	if (!found && rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "delegations", err);
	return found ? CRM_OK : CRM_END;
}
