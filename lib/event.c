/*
 * event.c - the append-only event log.
 */
#include "internal.h"

static const char insert_sql[] =
	"INSERT INTO events (entity, entity_id, at, actor, kind, from_state,"
	" to_state, note, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int
crm_event_add(crm_db *db, const crm_event *ev, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, insert_sql, &st, err)) != CRM_OK)
		return rc;
	bind_text(st, 1, ev->entity);
	bind_text(st, 2, ev->entity_id);
	bind_text(st, 3, ev->at);
	bind_text(st, 4, ev->actor);
	bind_text(st, 5, ev->kind);
	bind_text(st, 6, ev->from_state);
	bind_text(st, 7, ev->to_state);
	bind_text(st, 8, ev->note);
	bind_text(st, 9, ev->data);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "events", err);
}

const char *
crm_event_actor(void)
{
	const char *s = getenv("CRM_ACTOR");

	if (s == NULL || *s == '\0')
		s = getenv("USER");
	return s != NULL && *s != '\0' ? s : "unknown";
}

static const char history_sql[] =
	"SELECT at, kind, from_state, to_state, actor, note FROM events"
	" WHERE entity = ?1 AND entity_id = ?2 ORDER BY id";

/* The rows of st as a JSON array into buf. */
static int
rows_json(crm_db *db, sqlite3_stmt *st, crm_buf *buf, crm_err *err)
{
	crm_rec *ev = crm_rec_new();
	int rc = CRM_OK, step = SQLITE_DONE, first = 1;

	if (ev == NULL || crm_buf_addc(buf, '[') != CRM_OK) {
		crm_rec_free(ev);
		return crm_err_nomem(err);
	}
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(ev);
		if ((!first && crm_buf_addc(buf, ',') != CRM_OK) ||
		    (rc = crm_db_row(st, ev, err)) != CRM_OK ||
		    (rc = crm_rec_write_json(ev, buf, err)) != CRM_OK)
			rc = rc != CRM_OK ? rc : crm_err_nomem(err);
		first = 0;
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "events", err);
	if (rc == CRM_OK && crm_buf_addc(buf, ']') != CRM_OK)
		rc = crm_err_nomem(err);
	crm_rec_free(ev);
	return rc;
}

int
crm_event_history(crm_db *db, const char *entity, const char *id,
    crm_rec *rec, crm_err *err)
{
	crm_buf hist = CRM_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, history_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	rc = rows_json(db, st, &hist, err);
	sqlite3_reset(st);
	if (rc == CRM_OK)
		rc = crm_rec_set_json(rec, "history", CRM_ARRAY, hist.data,
		    hist.len, err);
	crm_buf_free(&hist);
	return rc;
}
