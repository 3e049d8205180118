/*
 * route_delegate.c - a rep away for a while (delegate, and back again)
 * and a rep who leaves (transfer).
 */
#include "route_internal.h"

/* The first ncols columns of every row the query st (with its
 * parameters bound) returns, row after row in *out: collected before
 * changing the rows it walks. */
static int
ids_of(crm_db *db, sqlite3_stmt *st, int ncols, char ***out, size_t *n,
    crm_err *err)
{
	char **v = NULL;
	size_t cap = 0;
	int rc, oom = 0, k;

	*n = 0;
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n + (size_t)ncols > cap) {
			char **p = realloc(v, (cap = cap ? 2 * cap : 16) *
			    sizeof(char *));

			if (p == NULL) {
				oom = 1;
				break;
			}
			v = p;
		}
		for (k = 0; k < ncols; k++)
			v[(*n)++] = crm_route_column_dup(st, k, &oom);
	}
	*out = v;
	if (oom)
		return crm_err_nomem(err);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "leads", err);
}

static void
ids_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const char owner_sql[] =
	"UPDATE leads SET owner_rep_id = ?2, updated_at = ?3 WHERE id = ?1";
static const char customer_owner_sql[] =
	"UPDATE customers SET owner_rep_id = ?2, updated_at = ?3 WHERE id = ?1";
static const char customer_history_sql[] =
	"INSERT INTO customer_history (customer_id, field, old_value,"
	" new_value, changed_at, source)"
	" VALUES (?1, 'owner_rep_id', ?2, ?3, ?4, ?5)";

/* A customer's change of owner in its field history too. */
static int
customer_history(crm_db *db, const char *id, const char *from,
    const char *to, const char *at, const char *kind, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, customer_history_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	crm_route_bind_text(st, 2, from);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, kind, -1, SQLITE_TRANSIENT);
	return crm_route_step_done(db, st, "customer_history", err);
}

int
crm_route_hand_over(crm_db *db, const char *entity, char **ids, size_t n,
    const char *from, const char *to, const char *kind, const char *note,
    const char *data, const crm_route_change *ch, crm_err *err)
{
	const char *sql = strcmp(entity, "lead") == 0 ? owner_sql :
	    customer_owner_sql;
	char at[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	size_t i;
	int rc = CRM_OK;

	crm_time_format(ch->now, at);
	for (i = 0; rc == CRM_OK && i < n; i++) {
		if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
			break;
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
		if ((rc = crm_route_step_done(db, st, entity, err)) == CRM_OK &&
		    sql == customer_owner_sql)
			rc = customer_history(db, ids[i], from, to, at, kind,
			    err);
		if (rc == CRM_OK)
			rc = crm_route_log_change(db, entity, ids[i], kind,
			    from, to, note, data, ch->now, ch->actor, ch->out,
			    err);
	}
	return rc;
}

int
crm_route_hand_over_query(crm_db *db, const char *sql, const char *entity,
    const char *from, const char *to, const char *kind, const char *note,
    const char *data, const crm_route_change *ch, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	char **ids = NULL;
	size_t n = 0;
	int rc;

	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	rc = ids_of(db, st, 1, &ids, &n, err);
	sqlite3_finalize(st);
	if (rc == CRM_OK)
		rc = crm_route_hand_over(db, entity, ids, n, from, to, kind,
		    note, data, ch, err);
	ids_free(ids, n);
	return rc;
}

int
crm_route_check_pair(crm_db *db, const char *from, const char *to,
    crm_err *err)
{
	struct crm_route_rep rep = { NULL, NULL, 0, -1 };
	int rc;

	if (strcmp(from, to) == 0)
		return crm_err_set(err, CRM_EUSAGE, "--from and --to are the "
		    "same rep (%s)", from);
	if ((rc = crm_route_rep_need(db, from, 0, &rep, err)) == CRM_OK)
		rc = crm_route_rep_need(db, to, 1, &rep, err);
	crm_route_rep_clear(&rep);
	return rc;
}

static const char delegation_sql[] =
	"INSERT INTO delegations (from_rep_id, to_rep_id, starts_at, until,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char delegated_sql[] =
	"SELECT id FROM leads WHERE owner_rep_id = ?1"
	" AND status IN ('assigned', 'contacted') ORDER BY id";

int
crm_route_delegate(crm_db *db, const char *from, const char *to,
    int64_t starts, int64_t until, const crm_route_change *ch, crm_err *err)
{
	char s[CRM_DATE_BUFSZ], u[CRM_DATE_BUFSZ], at[CRM_DATE_BUFSZ];
	char note[64], data[64];
	crm_buf other = CRM_BUF_INIT;
	int64_t first = starts > ch->now ? starts : ch->now;
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = crm_route_check_pair(db, from, to, err)) != CRM_OK)
		return rc;
	crm_time_format(until, u);
	if (until <= starts || until <= ch->now)
		return crm_err_set(err, CRM_EUSAGE, "--until %s: %s", u,
		    until <= ch->now ? "in the past" : "not after the start");
	if ((rc = crm_route_stand_in(db, from, first, &other, err)) == CRM_OK)
		rc = crm_err_set(err, CRM_EDATA, "rep %s: already away then "
		    "(%s stands in; crm-lead delegate --end first)", from,
		    other.data);
	else if (rc == CRM_END && (rc = crm_route_stand_in(db, to, first,
	    &other, err)) == CRM_OK)
		rc = crm_err_set(err, CRM_EDATA, "rep %s: away then too (%s "
		    "stands in); choose another", to, other.data);
	crm_buf_free(&other);
	if (rc != CRM_END)
		return rc;
	crm_time_format(starts, s);
	crm_time_format(ch->now, at);
	if ((rc = crm_db_prepare(db, delegation_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, s, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, u, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "delegations", err);
	snprintf(note, sizeof(note), "away until %s", u);
	snprintf(data, sizeof(data), "{\"delegation\":%lld}",
	    (long long)sqlite3_last_insert_rowid(crm_db_handle(db)));
	if ((rc = crm_route_log_change(db, "rep", from, "delegate", from, to,
	    note, data, ch->now, ch->actor, ch->out, err)) != CRM_OK)
		return rc;
	if (starts > ch->now)
		return CRM_OK;
	return crm_route_hand_over_query(db, delegated_sql, "lead", from, to,
	    "delegate", note, data, ch, err);
}

/* The delegations of rep (as from, or also as to when both), ended at
 * now if they last longer; *any is set when rep has had one at all. */
static const char delegations_sql[] =
	"SELECT id, until FROM delegations WHERE from_rep_id = ?1"
	" OR (?2 AND to_rep_id = ?1)";
static const char end_sql[] =
	"UPDATE delegations SET until = ?2 WHERE id = ?1";

static int
end_delegations(crm_db *db, const char *rep, int both, int64_t now,
    int *any, crm_err *err)
{
	char at[CRM_DATE_BUFSZ];
	sqlite3_stmt *st = NULL, *up;
	int64_t *ids = NULL, until;
	size_t n = 0, cap = 0, i;
	crm_err why;
	int rc;

	*any = 0;
	crm_time_format(now, at);
	if ((rc = crm_db_prepare(db, delegations_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, rep, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, both);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 1);

		*any = 1;
		if (u != NULL && crm_time_parse(u, strlen(u), &until, &why) ==
		    CRM_OK && until <= now)
			continue;
		if (n == cap) {
			int64_t *p = realloc(ids, (cap = cap ? 2 * cap : 8) *
			    sizeof(*ids));

			if (p == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			ids = p;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	rc = rc == SQLITE_DONE ? CRM_OK : rc == SQLITE_NOMEM ?
	    crm_err_nomem(err) : crm_db_fail(db, rc, "delegations", err);
	for (i = 0; rc == CRM_OK && i < n; i++) {
		if ((rc = crm_db_stmt(db, end_sql, &up, err)) != CRM_OK)
			break;
		sqlite3_bind_int64(up, 1, ids[i]);
		sqlite3_bind_text(up, 2, at, -1, SQLITE_TRANSIENT);
		rc = crm_route_step_done(db, up, "delegations", err);
	}
	free(ids);
	return rc;
}

/* The open leads a delegation of ?1 handed over that its delegate still
 * holds, with the delegate. */
static const char handed_sql[] =
	"SELECT DISTINCT l.id, l.owner_rep_id FROM leads l"
	" JOIN events e ON e.entity = 'lead' AND e.entity_id = l.id"
	"  AND e.kind = 'delegate'"
	" JOIN delegations d ON e.data = '{\"delegation\":' || d.id || '}'"
	" WHERE d.from_rep_id = ?1 AND l.owner_rep_id = d.to_rep_id"
	" AND l.status IN ('assigned', 'contacted', 'qualified')"
	" ORDER BY l.id";

int
crm_route_delegate_end(crm_db *db, const char *from,
    const crm_route_change *ch, crm_err *err)
{
	struct crm_route_rep rep = { NULL, NULL, 0, -1 };
	sqlite3_stmt *st = NULL;
	char **v = NULL;
	size_t n = 0, i;
	int rc, any;

	rc = crm_route_rep_need(db, from, 0, &rep, err);
	crm_route_rep_clear(&rep);
	if (rc != CRM_OK ||
	    (rc = end_delegations(db, from, 0, ch->now, &any, err)) != CRM_OK)
		return rc;
	if (!any)
		return crm_err_set(err, CRM_EDATA, "rep %s: no delegation to "
		    "end", from);
	if ((rc = crm_db_prepare(db, handed_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	rc = ids_of(db, st, 2, &v, &n, err);
	sqlite3_finalize(st);
	for (i = 0; rc == CRM_OK && i + 1 < n; i += 2)
		rc = crm_route_hand_over(db, "lead", &v[i], 1, v[i + 1], from,
		    "delegate", "back", NULL, ch, err);
	ids_free(v, n);
	return rc;
}

static const char open_of_sql[] =
	"SELECT id FROM leads WHERE owner_rep_id = ?1"
	" AND status IN ('assigned', 'contacted', 'qualified') ORDER BY id";
static const char customers_of_sql[] =
	"SELECT id FROM customers WHERE owner_rep_id = ?1 ORDER BY id";
static const char inactive_sql[] =
	"UPDATE reps SET active = 0 WHERE id = ?1";

int
crm_route_transfer(crm_db *db, const char *from, const char *to,
    const crm_route_change *ch, crm_err *err)
{
	char note[160];
	sqlite3_stmt *st;
	int rc, any;

	if ((rc = crm_route_check_pair(db, from, to, err)) != CRM_OK)
		return rc;
	snprintf(note, sizeof(note), "%s leaves", from);
	if ((rc = crm_route_hand_over_query(db, open_of_sql, "lead", from, to,
	    "transfer", note, NULL, ch, err)) != CRM_OK ||
	    (rc = crm_route_hand_over_query(db, customers_of_sql, "customer",
	    from, to, "transfer", note, NULL, ch, err)) != CRM_OK ||
	    (rc = end_delegations(db, from, 1, ch->now, &any, err)) != CRM_OK ||
	    (rc = crm_db_stmt(db, inactive_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	if ((rc = crm_route_step_done(db, st, "reps", err)) != CRM_OK)
		return rc;
	snprintf(note, sizeof(note), "leaves (now inactive); open leads and "
	    "customers to %s", to);
	return crm_route_log_change(db, "rep", from, "transfer", from, to, note,
	    NULL, ch->now, ch->actor, ch->out, err);
}
