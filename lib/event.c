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

int
crm_event_history(crm_db *db, const char *entity, const char *id,
    crm_rec *rec, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, history_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	rc = crm_db_set_rows(db, st, rec, "history", err);
	sqlite3_reset(st);
	return rc;
}
