/*
 * lead_state.c - the lead lifecycle: which moves are allowed, and making
 * one with its event.
 */
#include "internal.h"
#include "moves.h"

/* The table of crm/lead.h, in the same order. */
static const struct crm_move moves[] = {
	{ "new", { "assigned", "contacted", "disqualified", "recycled" } },
	{ "assigned", { "contacted", "disqualified", "recycled" } },
	{ "contacted", { "qualified", "disqualified", "recycled" } },
	{ "qualified", { "converted", "disqualified", "recycled" } },
	{ "recycled", { "assigned", "disqualified" } },
	{ "disqualified", { "recycled" } },
	{ "converted", { NULL } },
};

int
crm_lead_status_known(const char *s)
{
	return crm_move_from(moves, ARRAY_LEN(moves), s) != NULL;
}

int
crm_lead_can_move(const char *from, const char *to)
{
	return crm_move_allowed(moves, ARRAY_LEN(moves), from, to);
}

int
crm_lead_status_open(const char *s)
{
	return s != NULL && (strcmp(s, "assigned") == 0 ||
	    strcmp(s, "contacted") == 0 || strcmp(s, "qualified") == 0);
}

/* "cannot go from A to B (from A: x, y)" */
static int
refuse(const char *id, const char *from, const char *to, crm_err *err)
{
	crm_buf allowed = CRM_BUF_INIT;
	int rc;

	if (crm_move_list(moves, ARRAY_LEN(moves), from, &allowed) != CRM_OK) {
		crm_buf_free(&allowed);
		return crm_err_nomem(err);
	}
	rc = crm_err_set(err, CRM_EDATA, "lead %s: cannot go from %s to %s "
	    "(from %s: %s)", id, from, to, from, allowed.data);
	crm_buf_free(&allowed);
	return rc;
}

static const char select_sql[] =
	"SELECT status FROM leads WHERE id = ?1";
static const char update_sql[] =
	"UPDATE leads SET status = ?2, updated_at = ?3,"
	" status_reason = CASE WHEN ?2 IN ('disqualified', 'recycled')"
	"  THEN ?4 ELSE status_reason END,"
	" first_contact_at = CASE WHEN ?2 = 'contacted'"
	"  THEN coalesce(first_contact_at, ?3) ELSE first_contact_at END"
	" WHERE id = ?1";

int
crm_lead_move(crm_db *db, const char *id, const char *to,
    const crm_lead_change *ch, crm_err *err)
{
	sqlite3_stmt *st;
	char from[16];
	crm_event ev;
	int rc;

	if (!crm_lead_status_known(to))
		return crm_err_set(err, CRM_EDATA, "lead %s: unknown status "
		    "%s (statuses: %s)", id, to, CRM_LEAD_STATUSES);
	if ((rc = crm_db_stmt(db, select_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "lead %s: unknown lead", id) : crm_db_fail(db, rc, "leads",
		    err);
	}
	snprintf(from, sizeof(from), "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (!crm_lead_can_move(from, to))
		return refuse(id, from, to, err);
	if (strcmp(to, "disqualified") == 0 &&
	    (ch->note == NULL || *ch->note == '\0'))
		return crm_err_set(err, CRM_EDATA,
		    "lead %s: disqualified needs a reason", id);
	if ((rc = crm_db_stmt(db, update_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ch->at, -1, SQLITE_STATIC);
	if (ch->note != NULL)
		sqlite3_bind_text(st, 4, ch->note, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "leads", err);
	ev = (crm_event){ "lead", id, ch->at, ch->actor, "status", from, to,
	    ch->note, NULL };
	return crm_event_add(db, &ev, err);
}
