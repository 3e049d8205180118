/*
 * route_assign.c - assigning leads to reps: ownership first, then the
 * first matching route's team by round robin or least load, with
 * delegations and capacity, and the response deadline.
 */
#include "route_internal.h"

struct crm_route_assigner {
	crm_db *db;
	crm_route_assign_opts opts;
	crm_route_assign_counts counts;
	char now[CRM_DATE_BUFSZ];
	crm_buf id, stand_in, note;
	struct crm_route_rep rep;
	crm_rec *row;
};

/* The lead as the database has it. */
enum { L_STATUS, L_OWNER, L_TEAM, L_REGION, L_PRODUCT, L_CHANNEL,
	L_CUSTOMER, L_DUPLICATE, L_PRIORITY, L_DUE, NLEAD };

struct lead {
	char *col[NLEAD];
	const char *score;       /* from the record, or NULL */
	const char *priority;    /* from the record, else the database's */
};

/* Who gets a lead, and why. */
struct choice {
	char *rep;               /* who works it (a stand-in, maybe) */
	char *team;
	char *for_rep;           /* whom rep stands in for, or NULL */
	const char *why;         /* "ownership", "round_robin"... */
	long route;              /* -1 for ownership */
};

static void
lead_clear(struct lead *l)
{
	size_t i;

	for (i = 0; i < NLEAD; i++)
		free(l->col[i]);
	memset(l, 0, sizeof(*l));
}

static void
choice_clear(struct choice *c)
{
	free(c->rep);
	free(c->team);
	free(c->for_rep);
	memset(c, 0, sizeof(*c));
}

void
crm_route_assigner_free(crm_route_assigner *a)
{
	if (a == NULL)
		return;
	crm_buf_free(&a->id);
	crm_buf_free(&a->stand_in);
	crm_buf_free(&a->note);
	crm_route_rep_clear(&a->rep);
	crm_rec_free(a->row);
	free(a);
}

static const char team_sql[] = "SELECT 1 FROM teams WHERE id = ?1";

/* Every route's team must be in the database: a rule file naming a team
 * that is not there is a bad rule file, whatever the leads. */
static int
check_teams(crm_route_assigner *a, const char *file, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < crm_route_count(a->opts.rules); i++) {
		const char *team = crm_route_team(a->opts.rules, i);
		char where[48];

		if ((rc = crm_db_stmt(a->db, team_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			continue;
		if (rc != SQLITE_DONE)
			return crm_db_fail(a->db, rc, "teams", err);
		snprintf(where, sizeof(where), "routes[%zu].team", i);
		return crm_conf_fail(err, file, where, "no team %s in the "
		    "database (crm-lead reps import)", team);
	}
	return CRM_OK;
}

int
crm_route_assigner_new(crm_db *db, const crm_route_assign_opts *opts,
    crm_route_assigner **out, crm_err *err)
{
	crm_route_assigner *a = calloc(1, sizeof(*a));
	int rc;

	*out = NULL;
	if (a == NULL || (a->row = crm_rec_new()) == NULL) {
		crm_route_assigner_free(a);
		return crm_err_nomem(err);
	}
	a->db = db;
	a->opts = *opts;
	a->rep.capacity = -1;
	crm_time_format(opts->now, a->now);
	if ((rc = check_teams(a, crm_route_rules_file(opts->rules), err)) !=
	    CRM_OK) {
		crm_route_assigner_free(a);
		return rc;
	}
	*out = a;
	return CRM_OK;
}

const crm_route_assign_counts *
crm_route_assign_counts_of(const crm_route_assigner *a)
{
	return &a->counts;
}

/* An error without the record's place gets it. */
static int
placed(const crm_rec *r, crm_err *err)
{
	if (r != NULL && crm_rec_file(r) != NULL && crm_rec_line(r) > 0)
		return crm_err_prefix(err, "%s:%lu", crm_rec_file(r),
		    crm_rec_line(r));
	return err->code;
}

static const char lead_sql[] =
	"SELECT status, owner_rep_id, team_id, region, product, channel,"
	" customer_id, duplicate_of, priority, due_at FROM leads WHERE id = ?1";

static int
lead_get(crm_route_assigner *a, const crm_rec *r, struct lead *l,
    crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, oom = 0;

	if ((rc = crm_db_stmt(a->db, lead_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->id.data, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	for (i = 0; rc == SQLITE_ROW && i < NLEAD; i++)
		l->col[i] = crm_route_column_dup(st, (int)i, &oom);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_rec_fail(r, err, CRM_EDATA, "id", "lead %s is not in "
		    "the database (crm-lead import it first)", a->id.data);
	if (rc != SQLITE_ROW)
		return crm_db_fail(a->db, rc, "leads", err);
	return oom ? crm_err_nomem(err) : CRM_OK;
}

/* score (a whole number from 0 to 100) and priority, when the record
 * carries them (crm-lead score adds them). */
static int
lead_scored(const crm_rec *r, struct lead *l, crm_err *err)
{
	long i = crm_rec_find(r, "score");
	size_t len;

	if (i >= 0 && crm_rec_type(r, (size_t)i) != CRM_NULL) {
		l->score = crm_rec_text(r, (size_t)i, &len);
		if (crm_rec_type(r, (size_t)i) != CRM_NUMBER || len > 3 ||
		    strspn(l->score, "0123456789") != len ||
		    strtol(l->score, NULL, 10) > 100)
			return crm_rec_fail(r, err, CRM_EDATA, "score",
			    "not a whole number from 0 to 100");
	}
	l->priority = l->col[L_PRIORITY];
	i = crm_rec_find(r, "priority");
	if (i >= 0 && crm_rec_type(r, (size_t)i) != CRM_NULL) {
		if (crm_rec_type(r, (size_t)i) != CRM_STRING ||
		    *(l->priority = crm_rec_text(r, (size_t)i, NULL)) == '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "priority",
			    "not a priority (a name such as A)");
	}
	return CRM_OK;
}

/* Who works rep's leads now: rep, or its stand-in; then whether that
 * one is active and has room.  *who is NULL when no one can. */
static int
worker(crm_route_assigner *a, const char *rep, char **who, int *standing,
    crm_err *err)
{
	const char *id = rep;
	int rc, room;

	*who = NULL;
	*standing = 0;
	rc = crm_route_stand_in(a->db, rep, a->opts.now, &a->stand_in, err);
	if (rc == CRM_OK) {
		id = a->stand_in.data;
		*standing = 1;
	} else if (rc != CRM_END) {
		return rc;
	}
	if ((rc = crm_route_rep_get(a->db, id, &a->rep, err)) == CRM_END)
		return CRM_OK;
	if (rc != CRM_OK ||
	    (rc = crm_route_has_room(a->db, &a->rep, &room, err)) != CRM_OK ||
	    !room)
		return rc;
	if ((*who = strdup(id)) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static const char customer_sql[] =
	"SELECT owner_rep_id FROM customers WHERE id = ?1";

/* The owner of the lead's customer (customer_id, or a duplicate_of that
 * names a customer), into *owner; NULL when none. */
static int
customer_owner(crm_route_assigner *a, const struct lead *l, char **owner,
    crm_err *err)
{
	const char *ids[2] = { l->col[L_CUSTOMER], l->col[L_DUPLICATE] };
	sqlite3_stmt *st;
	size_t i;
	int rc, oom = 0;

	*owner = NULL;
	for (i = 0; i < 2 && *owner == NULL; i++) {
		if (ids[i] == NULL)
			continue;
		if ((rc = crm_db_stmt(a->db, customer_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*owner = crm_route_column_dup(st, 0, &oom);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return crm_db_fail(a->db, rc, "customers", err);
	}
	return oom ? crm_err_nomem(err) : CRM_OK;
}

static int
by_ownership(crm_route_assigner *a, const struct lead *l, struct choice *c,
    crm_err *err)
{
	char *owner = NULL;
	int rc, standing;

	if (!crm_route_ownership(a->opts.rules))
		return CRM_OK;
	if ((rc = customer_owner(a, l, &owner, err)) != CRM_OK ||
	    owner == NULL)
		return rc;
	if ((rc = worker(a, owner, &c->rep, &standing, err)) != CRM_OK ||
	    c->rep == NULL) {
		free(owner);
		return rc;
	}
	c->why = "ownership";
	c->route = -1;
	if (standing)
		c->for_rep = owner;
	else
		free(owner);
	if (a->rep.team_id != NULL && (c->team = strdup(a->rep.team_id)) ==
	    NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static const char members_sql[] =
	"SELECT id FROM reps WHERE team_id = ?1 ORDER BY id";
static const char cursor_sql[] =
	"SELECT last_rep_id FROM routing_cursors WHERE team_id = ?1";
static const char cursor_set_sql[] =
	"INSERT INTO routing_cursors (team_id, last_rep_id) VALUES (?1, ?2)"
	" ON CONFLICT (team_id) DO UPDATE SET last_rep_id = excluded.last_rep_id";

/* The team's reps in id order, and the round-robin cursor. */
struct team {
	char **reps;
	size_t n;
	char *cursor;
};

static void
team_clear(struct team *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->reps[i]);
	free(t->reps);
	free(t->cursor);
	memset(t, 0, sizeof(*t));
}

static int
team_get(crm_route_assigner *a, const char *team, struct team *t,
    crm_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, oom = 0;

	if ((rc = crm_db_stmt(a->db, members_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->n == cap) {
			char **p = realloc(t->reps, (cap = cap ? 2 * cap : 8) *
			    sizeof(char *));

			if (p == NULL) {
				oom = 1;
				break;
			}
			t->reps = p;
		}
		if ((t->reps[t->n] = crm_route_column_dup(st, 0, &oom)) != NULL)
			t->n++;
	}
	sqlite3_reset(st);
	if (oom)
		return crm_err_nomem(err);
	if (rc != SQLITE_DONE)
		return crm_db_fail(a->db, rc, "reps", err);
	if ((rc = crm_db_stmt(a->db, cursor_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		t->cursor = crm_route_column_dup(st, 0, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(a->db, rc, "routing_cursors", err);
	return oom ? crm_err_nomem(err) : CRM_OK;
}

static int
set_cursor(crm_route_assigner *a, const char *team, const char *rep,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(a->db, cursor_set_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, rep, -1, SQLITE_TRANSIENT);
	return crm_route_step_done(a->db, st, "routing_cursors", err);
}

/* Round robin: the first rep who can work the lead after the cursor,
 * going round once.  Least loaded: the one whose worker holds the fewest
 * open leads, the first in id order on a tie. */
static int
pick(crm_route_assigner *a, const struct team *t, crm_route_strategy how,
    struct choice *c, crm_err *err)
{
	size_t start = 0, k, best = 0;
	int64_t load, best_load = -1;
	int rc, standing;
	char *who;

	if (how == CRM_ROUTE_ROUND_ROBIN && t->cursor != NULL)
		while (start < t->n && strcmp(t->reps[start], t->cursor) <= 0)
			start++;
	for (k = 0; k < t->n; k++) {
		size_t i = (start + k) % t->n;

		if ((rc = worker(a, t->reps[i], &who, &standing, err)) !=
		    CRM_OK)
			return rc;
		if (who == NULL)
			continue;
		if (how == CRM_ROUTE_LEAST_LOADED &&
		    (rc = crm_route_open_leads(a->db, who, &load, err)) !=
		    CRM_OK) {
			free(who);
			return rc;
		}
		if (how == CRM_ROUTE_ROUND_ROBIN ||
		    best_load < 0 || load < best_load) {
			free(c->rep);
			c->rep = who;
			best = i;
			best_load = how == CRM_ROUTE_ROUND_ROBIN ? 0 : load;
			free(c->for_rep);
			c->for_rep = NULL;
			if (standing && (c->for_rep = strdup(t->reps[i])) ==
			    NULL)
				return crm_err_nomem(err);
			if (how == CRM_ROUTE_ROUND_ROBIN)
				break;
		} else {
			free(who);
		}
	}
	if (c->rep == NULL || how != CRM_ROUTE_ROUND_ROBIN)
		return CRM_OK;
	return set_cursor(a, c->team, t->reps[best], err);
}

static const char *
or_none(const char *s)
{
	return s != NULL ? s : "(none)";
}

static int
by_route(crm_route_assigner *a, const crm_rec *r, const struct lead *l,
    struct choice *c, crm_err *err)
{
	struct team t = { NULL, 0, NULL };
	crm_route_strategy how;
	long i;
	int rc;

	i = crm_route_match(a->opts.rules, l->col[L_REGION],
	    l->col[L_PRODUCT], l->col[L_CHANNEL]);
	if (i < 0)
		return crm_rec_fail(r, err, CRM_EDATA, NULL, "lead %s: no route "
		    "for region %s, product %s, channel %s", a->id.data,
		    or_none(l->col[L_REGION]), or_none(l->col[L_PRODUCT]),
		    or_none(l->col[L_CHANNEL]));
	how = crm_route_strategy_of(a->opts.rules, (size_t)i);
	c->route = i;
	c->why = how == CRM_ROUTE_ROUND_ROBIN ? "round_robin" :
	    "least_loaded";
	if ((c->team = strdup(crm_route_team(a->opts.rules, (size_t)i))) ==
	    NULL)
		return crm_err_nomem(err);
	if ((rc = team_get(a, c->team, &t, err)) == CRM_OK &&
	    (rc = pick(a, &t, how, c, err)) == CRM_OK && c->rep == NULL)
		rc = crm_rec_fail(r, err, CRM_EDATA, NULL, "lead %s: team %s: "
		    "no active rep with capacity", a->id.data, c->team);
	team_clear(&t);
	return rc;
}

static const char assign_sql[] =
	"UPDATE leads SET owner_rep_id = ?2, team_id = ?3, assigned_at = ?4,"
	" due_at = ?5, score = coalesce(?6, score),"
	" priority = coalesce(?7, priority) WHERE id = ?1";

/* "routes[1] round_robin, for R-02 (away)" */
static int
note_of(crm_route_assigner *a, const struct choice *c, crm_err *err)
{
	crm_buf_reset(&a->note);
	if ((c->route >= 0 && crm_buf_printf(&a->note, "routes[%ld] ",
	    c->route) != CRM_OK) || crm_buf_adds(&a->note, c->why) != CRM_OK ||
	    (c->for_rep != NULL && crm_buf_printf(&a->note, ", for %s (away)",
	    c->for_rep) != CRM_OK))
		return crm_err_nomem(err);
	return CRM_OK;
}

static int
store(crm_route_assigner *a, const crm_rec *r, const struct lead *l,
    const struct choice *c, char *due, crm_err *err)
{
	crm_lead_change ch = { a->now, a->opts.actor, NULL };
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	crm_time_format(a->opts.now + crm_route_sla_window(a->opts.sla,
	    l->priority), due);
	if ((rc = crm_lead_move(a->db, a->id.data, "assigned", &ch, err)) !=
	    CRM_OK)
		return placed(r, err);
	if ((rc = crm_db_stmt(a->db, assign_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->id.data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, c->rep, -1, SQLITE_TRANSIENT);
	crm_route_bind_text(st, 3, c->team);
	sqlite3_bind_text(st, 4, a->now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, due, -1, SQLITE_TRANSIENT);
	if (l->score != NULL)
		sqlite3_bind_int64(st, 6, strtoll(l->score, NULL, 10));
	crm_route_bind_text(st, 7, l->priority);
	if ((rc = crm_route_step_done(a->db, st, "leads", err)) != CRM_OK ||
	    (rc = note_of(a, c, err)) != CRM_OK)
		return rc;
	ev = (crm_event){ "lead", a->id.data, a->now, a->opts.actor, "assign",
	    l->col[L_OWNER], c->rep, a->note.data, NULL };
	return crm_event_add(a->db, &ev, err);
}

static int
set_or_null(crm_rec *r, const char *key, const char *v, crm_err *err)
{
	return v != NULL ? crm_rec_set_str(r, key, v, strlen(v), err) :
	    crm_rec_set_null(r, key, err);
}

/* What the record says after: who, which team, by when. */
static int
tell(crm_rec *r, const char *status, const char *owner, const char *team,
    const char *due, crm_err *err)
{
	int rc;

	if ((rc = set_or_null(r, "owner_rep_id", owner, err)) != CRM_OK ||
	    (rc = set_or_null(r, "team_id", team, err)) != CRM_OK ||
	    (rc = set_or_null(r, "due_at", due, err)) != CRM_OK)
		return rc;
	if (crm_rec_find(r, "status") >= 0)
		return crm_rec_set_str(r, "status", status, strlen(status), err);
	return CRM_OK;
}

int
crm_route_assign(crm_route_assigner *a, crm_rec *r, crm_err *err)
{
	struct lead l;
	struct choice c;
	char due[CRM_DATE_BUFSZ];
	const char *status;
	int rc;

	memset(&l, 0, sizeof(l));
	memset(&c, 0, sizeof(c));
	if ((rc = crm_lead_id(a->opts.sources, r, &a->id, err)) != CRM_OK ||
	    (rc = lead_get(a, r, &l, err)) != CRM_OK)
		goto out;
	status = l.col[L_STATUS];
	if (crm_lead_status_open(status)) {
		a->counts.kept++;
		rc = tell(r, status, l.col[L_OWNER], l.col[L_TEAM],
		    l.col[L_DUE], err);
		goto out;
	}
	if (strcmp(status, "new") != 0 && strcmp(status, "recycled") != 0) {
		rc = crm_rec_fail(r, err, CRM_EDATA, "status", "lead %s is %s: "
		    "only new and recycled leads are assigned", a->id.data,
		    status);
		goto out;
	}
	if ((rc = lead_scored(r, &l, err)) != CRM_OK ||
	    (rc = by_ownership(a, &l, &c, err)) != CRM_OK ||
	    (c.rep == NULL && (rc = by_route(a, r, &l, &c, err)) != CRM_OK) ||
	    (rc = store(a, r, &l, &c, due, err)) != CRM_OK ||
	    (rc = tell(r, "assigned", c.rep, c.team, due, err)) != CRM_OK)
		goto out;
	a->counts.assigned++;
out:
	lead_clear(&l);
	choice_clear(&c);
	return rc;
}

static const char pending_sql[] =
	"SELECT id FROM leads WHERE status IN ('new', 'recycled')"
	" ORDER BY CASE WHEN priority IS NULL THEN 1 ELSE 0 END, priority,"
	" CASE WHEN score IS NULL THEN 1 ELSE 0 END, score DESC,"
	" created_at, id";
static const char row_sql[] = "SELECT * FROM leads WHERE id = ?1";

/* The lead's row as a record (as crm-lead list writes it). */
static int
row_of(crm_route_assigner *a, const char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	crm_rec_clear(a->row);
	if ((rc = crm_db_stmt(a->db, row_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_db_row(st, a->row, err);
	else
		rc = crm_db_fail(a->db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc,
		    "leads", err);
	sqlite3_reset(st);
	return rc;
}

int
crm_route_assign_pending(crm_route_assigner *a, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	char **ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc, oom = 0;

	/* The ids first: assigning changes the rows the query walks. */
	if ((rc = crm_db_prepare(a->db, pending_sql, &st, err)) != CRM_OK)
		return rc;
	while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			char **p = realloc(ids, (cap = cap ? 2 * cap : 64) *
			    sizeof(char *));

			if (p == NULL) {
				oom = 1;
				break;
			}
			ids = p;
		}
		if ((ids[n] = crm_route_column_dup(st, 0, &oom)) != NULL)
			n++;
	}
	rc = oom ? crm_err_nomem(err) : rc == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(a->db, rc, "leads", err);
	sqlite3_finalize(st);
	for (i = 0; rc == CRM_OK && i < n; i++)
		if ((rc = row_of(a, ids[i], err)) == CRM_OK &&
		    (rc = crm_route_assign(a, a->row, err)) == CRM_OK &&
		    (rc = row_of(a, ids[i], err)) == CRM_OK)
			rc = crm_out_write(out, a->row, err);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return rc;
}
