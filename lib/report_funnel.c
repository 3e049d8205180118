/*
 * report_funnel.c - the lead funnel (leads, qualified, deals, won) and
 * the deal stage flow (entered, went on, lost, dwell time per stage).
 *
 * The lead funnel counts the leads created in the range, each once per
 * step, and a step's leads are among the step before's: a lead with a
 * deal counts as qualified even when its history lacks the move.  The
 * stage flow follows the stage events of the deals created in the
 * range, in time order.
 */
#include "internal.h"

#include "crm/report.h"
#include "report_funnel.h"

#define DAY_MS INT64_C(86400000)

static const char none[] = FUNNEL_NONE;

#define FUNNEL_TAIL "step", "count", "conversion_pct", "overall_pct"
static const char *const funnel_source[] = { "source", FUNNEL_TAIL };
static const char *const funnel_rep[] = { "rep", FUNNEL_TAIL };
static const char *const funnel_team[] = { "team", FUNNEL_TAIL };

#define FLOW_TAIL "stage", "entered", "advanced", "lost", \
	"conversion_pct", "loss_pct", "stays", "dwell_median_days", \
	"dwell_mean_days", "waiting", "waiting_median_days"
static const char *const flow_source[] = { "source", FLOW_TAIL };
static const char *const flow_rep[] = { "rep", FLOW_TAIL };
static const char *const flow_team[] = { "team", FLOW_TAIL };

static const char *const steps[] = { "leads", "qualified", "deals", "won" };

void
crm_funnel_subtitle(const crm_funnel_query *q, const char *what, char *buf,
    size_t sz)
{
	if (q->from != NULL && q->to != NULL)
		snprintf(buf, sz, "%s %s to %s", what, q->from, q->to);
	else if (q->from != NULL || q->to != NULL)
		snprintf(buf, sz, "%s %s %s", what, q->from != NULL ? "from" :
		    "up to", q->from != NULL ? q->from : q->to);
	else
		snprintf(buf, sz, "%s at any date", what);
	if (q->by != NULL && strlen(buf) + 4 + strlen(q->by) < sz)
		snprintf(buf + strlen(buf), sz - strlen(buf), ", by %s", q->by);
}

int
crm_funnel_spec(const crm_funnel_query *q, int deals, crm_report_spec *spec,
    char *subtitle, size_t sz, crm_err *err)
{
	const char *const *cols;
	size_t n;

	if (q->by == NULL) {
		cols = deals ? flow_source + 1 : funnel_source + 1;
		n = deals ? ARRAY_LEN(flow_source) : ARRAY_LEN(funnel_source);
		n--;
	} else if (strcmp(q->by, "source") == 0) {
		cols = deals ? flow_source : funnel_source;
		n = deals ? ARRAY_LEN(flow_source) : ARRAY_LEN(funnel_source);
	} else if (strcmp(q->by, "rep") == 0) {
		cols = deals ? flow_rep : funnel_rep;
		n = deals ? ARRAY_LEN(flow_rep) : ARRAY_LEN(funnel_rep);
	} else if (strcmp(q->by, "team") == 0) {
		cols = deals ? flow_team : funnel_team;
		n = deals ? ARRAY_LEN(flow_team) : ARRAY_LEN(funnel_team);
	} else {
		return crm_err_set(err, CRM_EUSAGE, "--by: one of source, "
		    "rep, team: %s", q->by);
	}
	memset(spec, 0, sizeof(*spec));
	spec->title = deals ? "Deal stages: conversion and dwell time" :
	    "Sales funnel";
	crm_funnel_subtitle(q, deals ? "deals created" : "leads created",
	    subtitle, sz);
	spec->subtitle = subtitle;
	spec->columns = cols;
	spec->ncolumns = n;
	spec->nkeys = q->by != NULL ? 2 : 1;
	spec->chart.kind = CRM_CHART_FUNNEL;
	spec->chart.y = deals ? "entered" : "count";
	return CRM_OK;
}

/*
 * The lead funnel.
 */

/* ?1 ?2 the range, ?3 the grouping, ?4 the won stage.  A lead's team is
 * its own, else its rep's. */
static const char funnel_sql[] =
	"SELECT g, count(*), sum(q OR c OR w), sum(c OR w), sum(w) FROM ("
	" SELECT CASE ?3 WHEN 'source' THEN l.source"
	"  WHEN 'rep' THEN coalesce(l.owner_rep_id, '(none)')"
	"  WHEN 'team' THEN coalesce(l.team_id, r.team_id, '(none)') END AS g,"
	"  l.status IN ('qualified', 'converted') OR EXISTS (SELECT 1"
	"   FROM events e WHERE e.entity = 'lead' AND e.entity_id = l.id"
	"   AND e.kind = 'status' AND e.to_state IN ('qualified',"
	"   'converted')) AS q,"
	"  l.status = 'converted' OR dl.lead_id IS NOT NULL AS c,"
	"  coalesce(dl.won, 0) AS w"
	" FROM leads l LEFT JOIN reps r ON r.id = l.owner_rep_id"
	" LEFT JOIN (SELECT lead_id, max(stage = ?4 COLLATE NOCASE) AS won"
	"  FROM deals WHERE lead_id IS NOT NULL GROUP BY lead_id) dl"
	"  ON dl.lead_id = l.id"
	" WHERE (?1 IS NULL OR substr(l.created_at, 1, 10) >= ?1)"
	" AND (?2 IS NULL OR substr(l.created_at, 1, 10) <= ?2))"
	" GROUP BY g ORDER BY g";

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* The four step rows of one group (col NULL: no grouping). */
static int
funnel_rows(crm_report *rep, crm_rec *r, const char *col, const char *group,
    const int64_t *count, crm_err *err)
{
	size_t i;
	int rc = CRM_OK;

	for (i = 0; i < ARRAY_LEN(steps) && rc == CRM_OK; i++) {
		crm_rec_clear(r);
		if ((col != NULL && (rc = crm_rec_set_str(r, col, group,
		    strlen(group), err)) != CRM_OK) ||
		    (rc = crm_rec_set_str(r, "step", steps[i],
		    strlen(steps[i]), err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "count", count[i], err)) !=
		    CRM_OK ||
		    (rc = crm_rec_set_percent(r, "conversion_pct", count[i],
		    i > 0 ? count[i - 1] : 0, 2, err)) != CRM_OK ||
		    (rc = crm_rec_set_percent(r, "overall_pct", count[i],
		    count[0], 2, err)) != CRM_OK)
			break;
		rc = crm_report_row(rep, r, err);
	}
	return rc;
}

int
crm_funnel_leads(crm_db *db, const crm_funnel_query *q, crm_report *rep,
    crm_err *err)
{
	const crm_deal_stage *won = crm_deal_stage_outcome(q->stages,
	    CRM_DEAL_WON);
	int64_t count[4] = { 0, 0, 0, 0 };
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	const char *g;
	int rc, rows = 0;
	size_t i;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, funnel_sql, &st, err)) != CRM_OK)
		goto out;
	bind_opt(st, 1, q->from);
	bind_opt(st, 2, q->to);
	bind_opt(st, 3, q->by);
	sqlite3_bind_text(st, 4, won->name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		for (i = 0; i < ARRAY_LEN(count); i++)
			count[i] = sqlite3_column_int64(st, (int)i + 1);
		g = (const char *)sqlite3_column_text(st, 0);
		if ((rc = funnel_rows(rep, r, q->by, g != NULL ? g : none,
		    count, err)) != CRM_OK)
			goto out;
	}
	if (rc != SQLITE_DONE)
		rc = crm_db_fail(db, rc, "leads", err);
	else if (rows == 0 && q->by == NULL)
		rc = funnel_rows(rep, r, NULL, NULL, count, err);
	else
		rc = CRM_OK;
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}

/*
 * Statistics shared with effectiveness.
 */

int
crm_rec_set_median_mean(crm_rec *r, const char *median, const char *mean,
    int64_t *v, size_t n, int64_t unit, int decimals, crm_err *err)
{
	int64_t twice, sum = 0;
	size_t i;
	int rc;

	if (n == 0) {
		if (median != NULL &&
		    (rc = crm_rec_set_null(r, median, err)) != CRM_OK)
			return rc;
		return mean != NULL ? crm_rec_set_null(r, mean, err) : CRM_OK;
	}
	for (i = 0; i < n; i++)
		if ((rc = crm_money_add(sum, v[i], &sum, err)) != CRM_OK)
			return rc;
	(void)crm_median2(v, n, &twice);
	if (median != NULL && (rc = crm_rec_set_ratio(r, median, twice,
	    2 * unit, decimals, err)) != CRM_OK)
		return rc;
	return mean != NULL ? crm_rec_set_ratio(r, mean, sum,
	    (int64_t)n * unit, decimals, err) : CRM_OK;
}

long
crm_stall_pick(const int64_t *lost, size_t n)
{
	long best = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (lost[i] > 0 && (best < 0 || lost[i] > lost[best]))
			best = (long)i;
	return best;
}

/*
 * The stage flow.
 */

struct times {
	int64_t *v;
	size_t n, cap;
};

struct stage_acc {
	int64_t entered, advanced, lost;
	struct times stays, waits;
};

struct crm_stage_flow {
	const crm_deal_stages *stages;
	size_t n;
	struct stage_acc *acc;
	unsigned char *seen, *lost;   /* per deal, per stage */
};

int
crm_stage_flow_new(const crm_deal_stages *stages, crm_stage_flow **f,
    crm_err *err)
{
	crm_stage_flow *fl;

	if ((fl = calloc(1, sizeof(*fl))) == NULL)
		return crm_err_nomem(err);
	fl->stages = stages;
	fl->n = crm_deal_stages_count(stages);
	fl->acc = calloc(fl->n, sizeof(*fl->acc));
	fl->seen = calloc(fl->n, 1);
	fl->lost = calloc(fl->n, 1);
	if (fl->acc == NULL || fl->seen == NULL || fl->lost == NULL) {
		crm_stage_flow_free(fl);
		return crm_err_nomem(err);
	}
	*f = fl;
	return CRM_OK;
}

static void
flow_reset(crm_stage_flow *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->acc[i].stays.v);
		free(f->acc[i].waits.v);
	}
	memset(f->acc, 0, f->n * sizeof(*f->acc));
}

void
crm_stage_flow_free(crm_stage_flow *f)
{
	if (f == NULL)
		return;
	if (f->acc != NULL)
		flow_reset(f);
	free(f->acc);
	free(f->seen);
	free(f->lost);
	free(f);
}

/* The rule index of stage name, or -1 (NULL, or not in the rules). */
static long
stage_index(const crm_stage_flow *f, const char *name)
{
	const crm_deal_stage *s;
	size_t i;

	if (name == NULL || (s = crm_deal_stage_find(f->stages, name)) ==
	    NULL)
		return -1;
	for (i = 0; i < f->n; i++)
		if (crm_deal_stage_at(f->stages, i) == s)
			break;
	return (long)i;
}

static crm_deal_outcome
outcome(const crm_stage_flow *f, long i)
{
	return crm_deal_stage_at(f->stages, (size_t)i)->outcome;
}

static int
times_add(struct times *t, int64_t v, crm_err *err)
{
	int rc;

	if ((rc = crm_array_grow(&t->v, &t->cap, t->n, sizeof(*t->v), err)) !=
	    CRM_OK)
		return rc;
	t->v[t->n++] = v < 0 ? 0 : v;
	return CRM_OK;
}

/* A stay in stage i from..to: finished (stays) or still going (waits);
 * only open stages have stays. */
static int
stay(crm_stage_flow *f, long i, int64_t from, int64_t to, int waiting,
    crm_err *err)
{
	if (i < 0 || outcome(f, i) != CRM_DEAL_OPEN)
		return CRM_OK;
	return times_add(waiting ? &f->acc[i].waits : &f->acc[i].stays,
	    to - from, err);
}

/* The rank of stage i for "went on": its rule index, the won stage
 * after every other. */
static long
rank(const crm_stage_flow *f, long i)
{
	return outcome(f, i) == CRM_DEAL_WON ? (long)f->n : i;
}

int
crm_stage_flow_add(crm_stage_flow *f, const crm_stage_move *v, size_t n,
    const char *current, int64_t since, int64_t now, crm_err *err)
{
	long cur = stage_index(f, current), i, from, top = -1;
	size_t k;
	int rc = CRM_OK;

	memset(f->seen, 0, f->n);
	memset(f->lost, 0, f->n);
	for (k = 0; k < n && rc == CRM_OK; k++) {
		i = stage_index(f, v[k].stage);
		if (i < 0)
			continue;
		f->seen[i] = 1;
		from = stage_index(f, v[k].from != NULL ? v[k].from :
		    k > 0 ? v[k - 1].stage : NULL);
		if (outcome(f, i) == CRM_DEAL_LOST && from >= 0)
			f->lost[from] = 1;
		if (k + 1 < n)
			rc = stay(f, i, v[k].at, v[k + 1].at, 0, err);
		else if (i == cur)
			rc = stay(f, i, v[k].at, now, 1, err);
	}
	if (rc == CRM_OK && cur >= 0 && (n == 0 ||
	    stage_index(f, v[n - 1].stage) != cur)) {
		f->seen[cur] = 1;
		rc = stay(f, cur, since, now, 1, err);
	}
	for (i = 0; i < (long)f->n; i++)
		if (f->seen[i] && outcome(f, i) != CRM_DEAL_LOST &&
		    rank(f, i) > top)
			top = rank(f, i);
	for (i = 0; i < (long)f->n; i++) {
		f->acc[i].entered += f->seen[i];
		f->acc[i].advanced += f->seen[i] && top > i;
		f->acc[i].lost += f->lost[i];
	}
	return rc;
}

/* The figures of an open stage. */
static int
flow_open_row(crm_rec *r, struct stage_acc *a, crm_err *err)
{
	int rc;

	if ((rc = crm_rec_set_int(r, "advanced", a->advanced, err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_int(r, "lost", a->lost, err)) != CRM_OK ||
	    (rc = crm_rec_set_percent(r, "conversion_pct", a->advanced,
	    a->entered, 2, err)) != CRM_OK ||
	    (rc = crm_rec_set_percent(r, "loss_pct", a->lost, a->entered, 2,
	    err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "stays", (int64_t)a->stays.n, err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_median_mean(r, "dwell_median_days",
	    "dwell_mean_days", a->stays.v, a->stays.n, DAY_MS, 1, err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_int(r, "waiting", (int64_t)a->waits.n, err)) !=
	    CRM_OK)
		return rc;
	return crm_rec_set_median_mean(r, "waiting_median_days", NULL,
	    a->waits.v, a->waits.n, DAY_MS, 1, err);
}

int
crm_stage_flow_write(crm_stage_flow *f, const char *col, const char *group,
    crm_report *rep, crm_err *err)
{
	const crm_deal_stage *s;
	crm_rec *r = crm_rec_new();
	size_t i;
	int rc = CRM_OK;

	if (r == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < f->n && rc == CRM_OK; i++) {
		s = crm_deal_stage_at(f->stages, i);
		if (s->outcome == CRM_DEAL_LOST)
			continue;
		crm_rec_clear(r);
		if ((col == NULL || (rc = crm_rec_set_str(r, col, group,
		    strlen(group), err)) == CRM_OK) &&
		    (rc = crm_rec_set_str(r, "stage", s->name, strlen(s->name),
		    err)) == CRM_OK &&
		    (rc = crm_rec_set_int(r, "entered", f->acc[i].entered,
		    err)) == CRM_OK && (s->outcome != CRM_DEAL_OPEN ||
		    (rc = flow_open_row(r, &f->acc[i], err)) == CRM_OK))
			rc = crm_report_row(rep, r, err);
	}
	crm_rec_free(r);
	flow_reset(f);
	return rc;
}

/* ?1 ?2 the range of created_on, ?3 the grouping.  Moves in time
 * order, the ledger's order among equal times. */
static const char flow_sql[] =
	"SELECT d.id, CASE ?3 WHEN 'source' THEN coalesce(l.source, '(none)')"
	"  WHEN 'rep' THEN coalesce(d.owner_rep_id, '(none)')"
	"  WHEN 'team' THEN coalesce(r.team_id, '(none)') END AS g,"
	" d.stage, coalesce(d.stage_since, d.created_on || 'T00:00:00Z'),"
	" e.at, e.from_state, e.to_state"
	" FROM deals d LEFT JOIN reps r ON r.id = d.owner_rep_id"
	" LEFT JOIN leads l ON l.id = d.lead_id"
	" LEFT JOIN events e ON e.entity = 'deal' AND e.entity_id = d.id"
	"  AND e.kind = 'stage'"
	" WHERE (?1 IS NULL OR d.created_on >= ?1)"
	" AND (?2 IS NULL OR d.created_on <= ?2)"
	" ORDER BY g, d.id, e.at, e.id";

/* One deal being read: its moves, with stage names borrowed from the
 * rules (a name they lack is kept as NULL and left out). */
struct deal_read {
	char *id, *group, *current;
	int64_t since;
	crm_stage_move *moves;
	size_t n, cap;
};

static const char *
rule_name(const crm_deal_stages *stages, const unsigned char *s)
{
	const crm_deal_stage *st;

	if (s == NULL || (st = crm_deal_stage_find(stages, (const char *)s)) ==
	    NULL)
		return NULL;
	return st->name;
}

static int
parse_time(const unsigned char *s, int64_t *ms, crm_err *err)
{
	int rc;

	if ((rc = crm_time_parse((const char *)s, strlen((const char *)s), ms,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "events");
	return CRM_OK;
}

static int
dup_col(sqlite3_stmt *st, int i, char **out, crm_err *err)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	free(*out);
	if ((*out = strdup(s != NULL ? (const char *)s : none)) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* Start reading the deal of the current row. */
static int
deal_start(struct deal_read *d, sqlite3_stmt *st, crm_err *err)
{
	int rc;

	d->n = 0;
	if ((rc = dup_col(st, 0, &d->id, err)) != CRM_OK ||
	    (rc = dup_col(st, 2, &d->current, err)) != CRM_OK)
		return rc;
	return parse_time(sqlite3_column_text(st, 3), &d->since, err);
}

/* Add the move of the current row, if it has one. */
static int
deal_move(struct deal_read *d, const crm_deal_stages *stages,
    sqlite3_stmt *st, crm_err *err)
{
	crm_stage_move *m;
	int rc;

	if (sqlite3_column_type(st, 4) == SQLITE_NULL)
		return CRM_OK;
	if ((rc = crm_array_grow(&d->moves, &d->cap, d->n, sizeof(*d->moves),
	    err)) != CRM_OK)
		return rc;
	m = &d->moves[d->n];
	m->stage = rule_name(stages, sqlite3_column_text(st, 6));
	m->from = rule_name(stages, sqlite3_column_text(st, 5));
	if ((rc = parse_time(sqlite3_column_text(st, 4), &m->at, err)) !=
	    CRM_OK)
		return rc;
	d->n++;
	return CRM_OK;
}

int
crm_funnel_stages(crm_db *db, const crm_funnel_query *q, crm_report *rep,
    crm_err *err)
{
	struct deal_read d = { NULL, NULL, NULL, 0, NULL, 0, 0 };
	crm_stage_flow *f = NULL;
	sqlite3_stmt *st = NULL;
	const char *id, *g;
	int rc, any = 0;

	if ((rc = crm_stage_flow_new(q->stages, &f, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, flow_sql, &st, err)) != CRM_OK)
		goto out;
	bind_opt(st, 1, q->from);
	bind_opt(st, 2, q->to);
	bind_opt(st, 3, q->by);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		g = (const char *)sqlite3_column_text(st, 1);
		if (g == NULL)
			g = none;
		if (any && strcmp(id, d.id) != 0 && (rc =
		    crm_stage_flow_add(f, d.moves, d.n, d.current, d.since,
		    q->now, err)) != CRM_OK)
			goto out;
		if (any && strcmp(g, d.group) != 0 && (rc =
		    crm_stage_flow_write(f, q->by, d.group, rep, err)) !=
		    CRM_OK)
			goto out;
		if ((!any || strcmp(id, d.id) != 0) &&
		    ((rc = deal_start(&d, st, err)) != CRM_OK ||
		    (rc = dup_col(st, 1, &d.group, err)) != CRM_OK))
			goto out;
		any = 1;
		if ((rc = deal_move(&d, q->stages, st, err)) != CRM_OK)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, "deals", err);
		goto out;
	}
	rc = CRM_OK;
	if (any && (rc = crm_stage_flow_add(f, d.moves, d.n, d.current,
	    d.since, q->now, err)) != CRM_OK)
		goto out;
	if (any || q->by == NULL)
		rc = crm_stage_flow_write(f, q->by, any ? d.group : NULL, rep,
		    err);
out:
	sqlite3_finalize(st);
	crm_stage_flow_free(f);
	free(d.id);
	free(d.group);
	free(d.current);
	free(d.moves);
	return rc;
}
