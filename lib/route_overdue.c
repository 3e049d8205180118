/*
 * route_overdue.c - leads past their response deadline: listed, recycled
 * to the nurturing pool, or escalated to the team's lead rep.
 */
#include "route_internal.h"

enum { O_ID, O_OWNER, O_TEAM, O_PRIORITY, O_DUE, O_ASSIGNED, O_LEAD_REP,
	O_LEAD_ACTIVE, NO };

struct late {
	char *col[NO];
	int64_t deadline;
};

static const char late_sql[] =
	"SELECT l.id, l.owner_rep_id, l.team_id, l.priority, l.due_at,"
	" l.assigned_at, t.lead_rep_id, r.active FROM leads l"
	" LEFT JOIN teams t ON t.id = l.team_id"
	" LEFT JOIN reps r ON r.id = t.lead_rep_id"
	" WHERE l.status = 'assigned'";

static void
lates_free(struct late *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < NO; k++)
			free(v[i].col[k]);
	free(v);
}

/* The deadline: due_at, else assigned_at plus the priority's window;
 * 0 when neither can be read. */
static int64_t
deadline_of(const struct late *l, const crm_route_sla *sla)
{
	const char *due = l->col[O_DUE], *at = l->col[O_ASSIGNED];
	crm_err why;
	int64_t ms;

	if (due != NULL && crm_time_parse(due, strlen(due), &ms, &why) ==
	    CRM_OK)
		return ms;
	if (at != NULL && crm_time_parse(at, strlen(at), &ms, &why) == CRM_OK)
		return ms + crm_route_sla_window(sla, l->col[O_PRIORITY]);
	return 0;
}

static int
by_deadline(const void *x, const void *y)
{
	const struct late *a = x, *b = y;

	if (a->deadline != b->deadline)
		return a->deadline < b->deadline ? -1 : 1;
	return strcmp(a->col[O_ID], b->col[O_ID]);
}

/* The overdue leads, oldest deadline first. */
static int
collect(crm_db *db, const crm_route_sla *sla, int64_t now, struct late **out,
    size_t *n, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	struct late *v = NULL;
	size_t cap = 0, k;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = crm_db_prepare(db, late_sql, &st, err)) != CRM_OK)
		return rc;
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct late l;

		memset(&l, 0, sizeof(l));
		for (k = 0; k < NO; k++)
			l.col[k] = crm_route_column_dup(st, (int)k, &oom);
		l.deadline = deadline_of(&l, sla);
		if (oom || l.deadline == 0 || l.deadline >= now) {
			for (k = 0; k < NO; k++)
				free(l.col[k]);
			continue;
		}
		if (*n == cap) {
			struct late *p = realloc(v, (cap = cap ? 2 * cap : 16) *
			    sizeof(*v));

			if (p == NULL) {
				for (k = 0; k < NO; k++)
					free(l.col[k]);
				oom = 1;
				break;
			}
			v = p;
		}
		v[(*n)++] = l;
	}
	sqlite3_finalize(st);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		lates_free(v, *n);
		*n = 0;
		return oom ? crm_err_nomem(err) : crm_db_fail(db, rc, "leads",
		    err);
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), by_deadline);
	*out = v;
	return CRM_OK;
}

static int
set_or_null(crm_rec *r, const char *key, const char *v, crm_err *err)
{
	return v != NULL ? crm_rec_set_str(r, key, v, strlen(v), err) :
	    crm_rec_set_null(r, key, err);
}

/* "1d 2h 5m" */
static int
describe(crm_rec *r, int64_t late_ms, crm_err *err)
{
	int64_t m = late_ms / 60000;
	char text[64];
	int used = 0;

	if (m >= 1440)
		used += snprintf(text + used, sizeof(text) - (size_t)used,
		    "%lldd ", (long long)(m / 1440));
	if (m % 1440 >= 60)
		used += snprintf(text + used, sizeof(text) - (size_t)used,
		    "%lldh ", (long long)(m % 1440 / 60));
	if (m % 60 != 0 || used == 0)
		snprintf(text + used, sizeof(text) - (size_t)used, "%lldm",
		    (long long)(m % 60));
	else
		text[used - 1] = '\0';
	if (crm_rec_set_str(r, "overdue", text, strlen(text), err) != CRM_OK)
		return CRM_EINTERNAL;
	return crm_rec_set_int(r, "overdue_minutes", m, err);
}

static int
base(crm_rec *r, const struct late *l, int64_t now, crm_err *err)
{
	char due[CRM_DATE_BUFSZ];
	int rc;

	crm_rec_clear(r);
	crm_time_format(l->deadline, due);
	if ((rc = set_or_null(r, "id", l->col[O_ID], err)) != CRM_OK ||
	    (rc = set_or_null(r, "owner_rep_id", l->col[O_OWNER], err)) !=
	    CRM_OK ||
	    (rc = set_or_null(r, "team_id", l->col[O_TEAM], err)) != CRM_OK ||
	    (rc = set_or_null(r, "priority", l->col[O_PRIORITY], err)) !=
	    CRM_OK ||
	    (rc = set_or_null(r, "due_at", due, err)) != CRM_OK)
		return rc;
	return describe(r, now - l->deadline, err);
}

static const char escalate_sql[] =
	"UPDATE leads SET owner_rep_id = ?2, assigned_at = ?3, due_at = ?4,"
	" updated_at = ?3 WHERE id = ?1";

/* Why a lead cannot be escalated, or NULL when it can. */
static const char *
cannot_escalate(const struct late *l, char *buf, size_t size)
{
	if (l->col[O_TEAM] == NULL)
		return "no team";
	if (l->col[O_LEAD_REP] == NULL)
		snprintf(buf, size, "team %s has no lead rep", l->col[O_TEAM]);
	else if (l->col[O_LEAD_ACTIVE] == NULL)
		snprintf(buf, size, "lead rep %s is not a rep",
		    l->col[O_LEAD_REP]);
	else if (strcmp(l->col[O_LEAD_ACTIVE], "1") != 0)
		snprintf(buf, size, "lead rep %s is inactive",
		    l->col[O_LEAD_REP]);
	else if (l->col[O_OWNER] != NULL &&
	    strcmp(l->col[O_OWNER], l->col[O_LEAD_REP]) == 0)
		snprintf(buf, size, "the owner is the team's lead rep");
	else
		return NULL;
	return buf;
}

static int
escalate(crm_db *db, const crm_route_sla *sla, const struct late *l,
    int64_t now, const char *actor, crm_rec *r, int *done, crm_err *err)
{
	char at[CRM_DATE_BUFSZ], due[CRM_DATE_BUFSZ], late[CRM_DATE_BUFSZ];
	char why[160];
	const char *problem = cannot_escalate(l, why, sizeof(why));
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	*done = problem == NULL;
	if (problem != NULL)
		return crm_rec_set_str(r, "action", "none", 4, err) ||
		    crm_rec_set_null(r, "to_rep_id", err) ||
		    crm_rec_set_null(r, "new_due_at", err) ||
		    crm_rec_set_str(r, "problem", problem, strlen(problem),
		    err) ? CRM_EINTERNAL : CRM_OK;
	crm_time_format(now, at);
	crm_time_format(now + crm_route_sla_window(sla, l->col[O_PRIORITY]),
	    due);
	crm_time_format(l->deadline, late);
	if ((rc = crm_db_stmt(db, escalate_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, l->col[O_ID], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, l->col[O_LEAD_REP], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, due, -1, SQLITE_TRANSIENT);
	if ((rc = crm_route_step_done(db, st, "leads", err)) != CRM_OK)
		return rc;
	snprintf(why, sizeof(why), "overdue since %s", late);
	ev = (crm_event){ "lead", l->col[O_ID], at, actor, "escalate",
	    l->col[O_OWNER], l->col[O_LEAD_REP], why, NULL };
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK)
		return rc;
	return crm_rec_set_str(r, "action", "escalated", 9, err) ||
	    set_or_null(r, "to_rep_id", l->col[O_LEAD_REP], err) ||
	    crm_rec_set_str(r, "new_due_at", due, strlen(due), err) ||
	    crm_rec_set_null(r, "problem", err) ? CRM_EINTERNAL : CRM_OK;
}

static int
recycle(crm_db *db, const struct late *l, int64_t now, const char *actor,
    crm_rec *r, crm_err *err)
{
	char at[CRM_DATE_BUFSZ];
	crm_lead_change ch = { at, actor, "overdue" };
	int rc;

	crm_time_format(now, at);
	if ((rc = crm_lead_move(db, l->col[O_ID], "recycled", &ch, err)) !=
	    CRM_OK)
		return rc;
	return crm_rec_set_str(r, "action", "recycled", 8, err);
}

int
crm_route_overdue(crm_db *db, const crm_route_sla *sla,
    crm_route_overdue_action action, int64_t now, const char *actor,
    crm_out *out, crm_route_overdue_counts *counts, crm_err *err)
{
	struct late *v = NULL;
	crm_rec *r = crm_rec_new();
	size_t n = 0, i;
	int rc, done;

	memset(counts, 0, sizeof(*counts));
	if (r == NULL)
		return crm_err_nomem(err);
	rc = collect(db, sla, now, &v, &n, err);
	for (i = 0; rc == CRM_OK && i < n; i++) {
		counts->overdue++;
		done = 0;
		if ((rc = base(r, &v[i], now, err)) != CRM_OK)
			break;
		if (action == CRM_ROUTE_OVERDUE_RECYCLE) {
			rc = recycle(db, &v[i], now, actor, r, err);
			done = rc == CRM_OK;
		} else if (action == CRM_ROUTE_OVERDUE_ESCALATE) {
			rc = escalate(db, sla, &v[i], now, actor, r, &done, err);
		}
		if (rc != CRM_OK)
			break;
		if (action != CRM_ROUTE_OVERDUE_LIST) {
			if (done)
				counts->changed++;
			else
				counts->unchanged++;
		}
		rc = crm_out_write(out, r, err);
	}
	lates_free(v, n);
	crm_rec_free(r);
	return rc;
}
