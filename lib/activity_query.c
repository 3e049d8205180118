/*
 * activity_query.c - activities out of the database: the list.
 */
#include "internal.h"

/* The time of an activity is when it was done, else when it is planned;
 * dates compare against RFC 3339 instants as text. */
static const char list_sql[] =
	"SELECT a.id, a.kind, CASE WHEN a.done_at IS NULL THEN 'planned'"
	" ELSE 'done' END AS state, a.customer_id, a.deal_id, a.contact_id,"
	" a.lead_id, a.rep_id, a.campaign_id, a.channel, a.subject,"
	" a.planned_at, a.done_at, a.outcome, a.note, a.unit, a.service_on,"
	" a.created_at, a.updated_at"
	" FROM activities a LEFT JOIN reps r ON r.id = a.rep_id"
	" WHERE (?1 IS NULL OR a.rep_id = ?1)"
	" AND (?2 IS NULL OR r.team_id = ?2)"
	" AND (?3 IS NULL OR a.customer_id = ?3)"
	" AND (?4 IS NULL OR a.deal_id = ?4)"
	" AND (?5 IS NULL OR a.kind = ?5)"
	" AND (?6 IS NULL OR coalesce(a.done_at, a.planned_at) >= ?6)"
	" AND (?7 IS NULL OR coalesce(a.done_at, a.planned_at) < ?7)"
	" AND (?8 = 0 OR (?8 = 1 AND a.done_at IS NULL)"
	"  OR (?8 = 2 AND a.done_at IS NOT NULL))"
	" ORDER BY coalesce(a.done_at, a.planned_at), a.id";

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* A date bound as the start of that day (next: of the day after). */
static int
bind_day(sqlite3_stmt *st, int i, const char *what, const char *date,
    int next, crm_err *err)
{
	char buf[CRM_DATE_BUFSZ];
	int32_t day;
	crm_err why;

	if (date == NULL)
		return CRM_OK;
	if (crm_date_parse(date, strlen(date), &day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: %s: %s", what, why.msg,
		    date);
	sqlite3_bind_text(st, i, crm_date_format(day + next, buf), -1,
	    SQLITE_TRANSIENT);
	return CRM_OK;
}

int
crm_activity_list(crm_db *db, const crm_activity_filter *f, crm_out *out,
    crm_err *err)
{
	static const crm_activity_filter all;
	sqlite3_stmt *st = NULL;
	int rc;

	if (f == NULL)
		f = &all;
	if (f->kind != NULL && !crm_activity_kind_known(f->kind))
		return crm_err_set(err, CRM_EUSAGE, "--kind: not a kind: %s "
		    "(%s)", f->kind, CRM_ACTIVITY_KINDS);
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		goto out;
	bind_opt(st, 1, f->rep);
	bind_opt(st, 2, f->team);
	bind_opt(st, 3, f->customer);
	bind_opt(st, 4, f->deal);
	bind_opt(st, 5, f->kind);
	sqlite3_bind_int(st, 8, f->state);
	if ((rc = bind_day(st, 6, "--from", f->from, 0, err)) != CRM_OK ||
	    (rc = bind_day(st, 7, "--to", f->to, 1, err)) != CRM_OK)
		goto out;
	rc = crm_db_write_rows(db, st, out, "activities", err);
out:
	sqlite3_finalize(st);
	return rc;
}
