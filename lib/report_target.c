/*
 * report_target.c - targets: loaded from records into table targets,
 * and compared with what was sold in their period (actual) and what the
 * open pipeline adds to it by the period's end (forecast).
 *
 * Sales are the net amounts (after line discounts, before tax) and the
 * quantities of the lines of orders that are not drafts or cancelled,
 * returns counting negative, as the other sales reports count them.
 */
#include "internal.h"

#define SCOPE_SZ 16
#define ID_SZ 256
#define NOTE_SZ 1024

static const char *const scopes[] = {
	"company", "rep", "team", "region", "product"
};

struct crm_targets_loader {
	crm_db *db;
	char *at;
	crm_targets_counts counts;
};

int
crm_targets_loader_new(crm_db *db, const char *at, crm_targets_loader **tl,
    crm_err *err)
{
	if ((*tl = calloc(1, sizeof(**tl))) == NULL)
		return crm_err_nomem(err);
	if (((*tl)->at = strdup(at)) == NULL) {
		free(*tl);
		*tl = NULL;
		return crm_err_nomem(err);
	}
	(*tl)->db = db;
	return CRM_OK;
}

void
crm_targets_loader_free(crm_targets_loader *tl)
{
	if (tl == NULL)
		return;
	free(tl->at);
	free(tl);
}

const crm_targets_counts *
crm_targets_counts_of(const crm_targets_loader *tl)
{
	return &tl->counts;
}

/* The first and last day of period key, which must be written as
 * crm_date_bucket writes it.  CRM_EDATA "not a period key ...". */
static int
period_days(const char *key, int32_t *first, int32_t *last, crm_err *err)
{
	char again[CRM_DATE_BUFSZ];
	crm_period p;
	crm_err why;

	if (crm_period_key_parse(key, strlen(key), &p, first, last, &why) !=
	    CRM_OK || p == CRM_PERIOD_DAY ||
	    strcmp(crm_date_bucket(*first, p, again), key) != 0)
		return crm_err_set(err, CRM_EDATA, "not a period key (2026, "
		    "2026-Q4, 2026-11 or 2026-W47): %.60s", key);
	return CRM_OK;
}

static int
scope_rank(const char *scope)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(scopes); i++)
		if (strcmp(scopes[i], scope) == 0)
			return (int)i;
	return -1;
}

/* Optional string field key: CRM_END when absent, null or "". */
static int
get_text(const crm_rec *r, const char *key, char *buf, size_t sz,
    crm_err *err)
{
	long at = crm_rec_find(r, key);

	if (at >= 0 && crm_rec_type(r, (size_t)at) == CRM_STRING &&
	    crm_rec_text(r, (size_t)at, NULL)[0] == '\0')
		return CRM_END;
	return crm_rec_copy_str(r, key, buf, sz, err);
}

/* The scope id must name a rep, team or product there is. */
static int
check_scope_id(crm_db *db, const crm_rec *r, int scope, const char *id,
    crm_err *err)
{
	static const char *const sql[] = {
		NULL,
		"SELECT 1 FROM reps WHERE id = ?1",
		"SELECT 1 FROM teams WHERE id = ?1",
		NULL,
		"SELECT 1 FROM products WHERE sku = ?1"
	};
	sqlite3_stmt *st;
	int rc, found;

	if (sql[scope] == NULL)
		return CRM_OK;
	if ((rc = crm_db_stmt(db, sql[scope], &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(db, st, scopes[scope], &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_rec_fail(r, err, CRM_EDATA, "scope_id", "no such "
		    "%s %s", scopes[scope], id);
	return CRM_OK;
}

/* A target record read and checked. */
struct target {
	char scope[SCOPE_SZ], id[ID_SZ], period[CRM_DATE_BUFSZ];
	char currency[8], note[NOTE_SZ];
	int has_amount, has_qty, has_note;
	int64_t amount, qty;
};

static int
read_scope(crm_targets_loader *tl, const crm_rec *r, struct target *t,
    crm_err *err)
{
	int rc, scope;

	if ((rc = crm_rec_copy_str(r, "scope", t->scope, sizeof(t->scope),
	    err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "scope", "missing");
	if (rc != CRM_OK)
		return rc;
	if ((scope = scope_rank(t->scope)) < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "scope", "%s is not "
		    "one of company, rep, team, region, product", t->scope);
	rc = get_text(r, "scope_id", t->id, sizeof(t->id), err);
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	if (scope == 0 && rc == CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "scope_id", "the "
		    "company's target has none");
	if (scope == 0)
		return CRM_OK;
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "scope_id", "missing");
	return check_scope_id(tl->db, r, scope, t->id, err);
}

static int
read_target(crm_targets_loader *tl, const crm_rec *r, struct target *t,
    crm_err *err)
{
	int32_t first, last;
	int rc, exponent;
	crm_err why;

	memset(t, 0, sizeof(*t));
	if ((rc = read_scope(tl, r, t, err)) != CRM_OK)
		return rc;
	if ((rc = crm_rec_copy_str(r, "period", t->period, sizeof(t->period),
	    err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "period", "missing");
	if (rc != CRM_OK)
		return rc;
	if (period_days(t->period, &first, &last, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "period", "%s",
		    why.msg);
	rc = get_text(r, "currency", t->currency, sizeof(t->currency), err);
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	if (rc == CRM_OK && crm_currency_exponent(t->currency, &exponent,
	    &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "%s",
		    why.msg);
	if (crm_rec_get(r, "amount") != NULL && t->currency[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "missing "
		    "(an amount needs one)");
	if (t->currency[0] != '\0') {
		if ((rc = crm_money_get(r, "amount", exponent, &t->amount,
		    err)) == CRM_END)
			return crm_rec_fail(r, err, CRM_EDATA, "amount",
			    "missing (currency %s given)", t->currency);
		if (rc != CRM_OK)
			return rc;
		if (t->amount < 0)
			return crm_rec_fail(r, err, CRM_EDATA, "amount",
			    "below zero");
		t->has_amount = 1;
	}
	if ((rc = crm_rec_get_int(r, "qty", 0, INT64_C(1000000000000),
	    &t->qty, err)) != CRM_OK && rc != CRM_END)
		return rc;
	t->has_qty = rc == CRM_OK;
	if (!t->has_amount && !t->has_qty)
		return crm_rec_fail(r, err, CRM_EDATA, "amount", "missing (a "
		    "target needs an amount, a qty or both)");
	rc = get_text(r, "note", t->note, sizeof(t->note), err);
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	t->has_note = rc == CRM_OK;
	return CRM_OK;
}

static void
bind_values(sqlite3_stmt *st, const struct target *t)
{
	sqlite3_bind_text(st, 1, t->scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->period, -1, SQLITE_STATIC);
	if (t->has_amount) {
		sqlite3_bind_int64(st, 4, t->amount);
		sqlite3_bind_text(st, 5, t->currency, -1, SQLITE_STATIC);
	}
	if (t->has_qty)
		sqlite3_bind_int64(st, 6, t->qty);
	if (t->has_note)
		sqlite3_bind_text(st, 7, t->note, -1, SQLITE_STATIC);
}

int
crm_targets_load(crm_targets_loader *tl, const crm_rec *r, crm_err *err)
{
	static const char same_sql[] =
	    "SELECT amount_minor IS ?4 AND currency IS ?5 AND qty IS ?6"
	    " AND note IS ?7 FROM targets"
	    " WHERE scope = ?1 AND scope_id = ?2 AND period = ?3";
	static const char upsert_sql[] =
	    "INSERT INTO targets (scope, scope_id, period, amount_minor,"
	    " currency, qty, note, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (scope, scope_id, period) DO UPDATE SET"
	    " amount_minor = ?4, currency = ?5, qty = ?6, note = ?7,"
	    " updated_at = ?8";
	struct target t;
	sqlite3_stmt *st;
	int rc, step, found = 0, same = 0;

	if ((rc = read_target(tl, r, &t, err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_stmt(tl->db, same_sql, &st, err)) != CRM_OK)
		return rc;
	bind_values(st, &t);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		found = 1;
		same = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return crm_db_fail(tl->db, step, "targets", err);
	if (same) {
		tl->counts.unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(tl->db, upsert_sql, &st, err)) != CRM_OK)
		return rc;
	bind_values(st, &t);
	sqlite3_bind_text(st, 8, tl->at, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return crm_db_fail(tl->db, step, "targets", err);
	if (found)
		tl->counts.updated++;
	else
		tl->counts.inserted++;
	return CRM_OK;
}

/*
 * The report.
 */
static const char *const target_columns[] = {
	"scope", "scope_id", "period", "currency", "target", "actual",
	"pipeline", "forecast", "gap", "forecast_gap", "achieved_percent",
	"forecast_percent", "target_qty", "actual_qty", "qty_gap",
	"qty_percent", "note"
};

const char *const *
crm_report_target_columns(size_t *n, size_t *nkeys)
{
	*n = ARRAY_LEN(target_columns);
	*nkeys = 4;
	return target_columns;
}

static const char targets_sql[] =
	"SELECT scope, scope_id, period, amount_minor, currency, qty, note"
	" FROM targets WHERE (?1 IS NULL OR scope = ?1)"
	" AND (?2 IS NULL OR period = ?2)"
	" ORDER BY CASE scope WHEN 'company' THEN 0 WHEN 'region' THEN 1"
	" WHEN 'team' THEN 2 WHEN 'rep' THEN 3 ELSE 4 END, scope_id, period";

/* Which orders and deals a scope takes: ?1 scope, ?2 scope id. */
#define SCOPE_OF(rep, region, sku) \
	" AND CASE ?1 WHEN 'company' THEN 1" \
	" WHEN 'rep' THEN " rep " = ?2" \
	" WHEN 'team' THEN " rep " IN" \
	" (SELECT id FROM reps WHERE team_id = ?2)" \
	" WHEN 'region' THEN " region \
	" WHEN 'product' THEN " sku " = ?2 ELSE 0 END"

/* Sales of the scope from ?4 to ?5: the amount in currency ?3, units in
 * any currency. */
static const char actual_sql[] =
	"SELECT coalesce(sum(CASE WHEN o.currency = ?3 THEN l.amount_minor"
	" END), 0), coalesce(sum(l.qty), 0)"
	" FROM orders o JOIN order_lines l ON l.order_id = o.id"
	" WHERE o.order_date BETWEEN ?4 AND ?5"
	" AND " CRM_SALE_SQL
	SCOPE_OF("o.rep_id", "o.region = ?2", "l.sku");

/* Deals in currency ?3 expected to close from ?4 to ?5; a region's are
 * those of its customers. */
static const char pipeline_sql[] =
	"SELECT d.stage, d.probability, d.amount_minor FROM deals d"
	" WHERE d.currency = ?3 AND d.amount_minor IS NOT NULL"
	" AND d.expected_close BETWEEN ?4 AND ?5"
	SCOPE_OF("d.owner_rep_id", "d.customer_id IN (SELECT id FROM"
	" customers WHERE region = ?2)", "d.product");

struct targeting {
	crm_db *db;
	const crm_target_query *q;
	int32_t as_of, from, to;
	sqlite3_stmt *actual, *pipeline;
	crm_rec *row;
};

static void
bind_window(sqlite3_stmt *st, const char *scope, const char *id,
    const char *currency, int32_t from, int32_t to)
{
	char a[CRM_DATE_BUFSZ], b[CRM_DATE_BUFSZ];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	if (currency != NULL)
		sqlite3_bind_text(st, 3, currency, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, crm_date_format(from, a), -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, crm_date_format(to, b), -1,
	    SQLITE_TRANSIENT);
}

/* Sales from first to to. */
static int
actual_of(struct targeting *tg, const char *scope, const char *id,
    const char *currency, int32_t first, int32_t to, int64_t *amount,
    int64_t *qty, crm_err *err)
{
	int step;

	*amount = *qty = 0;
	if (to < first)
		return CRM_OK;
	bind_window(tg->actual, scope, id, currency, first, to);
	if ((step = sqlite3_step(tg->actual)) != SQLITE_ROW)
		return crm_db_fail(tg->db, step, "orders", err);
	*amount = sqlite3_column_int64(tg->actual, 0);
	*qty = sqlite3_column_int64(tg->actual, 1);
	sqlite3_reset(tg->actual);
	return CRM_OK;
}

/* The open deals' amounts weighted by probability, each rounded as the
 * pipeline of crm-deal rounds it. */
static int
pipeline_of(struct targeting *tg, const char *scope, const char *id,
    const char *currency, int32_t from, int32_t last, int64_t *sum,
    crm_err *err)
{
	const crm_deal_stage *stage;
	const char *name;
	char pct[16];
	int64_t part;
	int rc = CRM_OK, step, probability;

	*sum = 0;
	if (last < from)
		return CRM_OK;
	bind_window(tg->pipeline, scope, id, currency, from, last);
	while (rc == CRM_OK &&
	    (step = sqlite3_step(tg->pipeline)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(tg->pipeline, 0);
		stage = crm_deal_stage_find(tg->q->stages, name);
		if (stage != NULL && stage->outcome != CRM_DEAL_OPEN)
			continue;
		probability = sqlite3_column_type(tg->pipeline, 1) !=
		    SQLITE_NULL ? sqlite3_column_int(tg->pipeline, 1) :
		    stage != NULL ? stage->probability : 0;
		snprintf(pct, sizeof(pct), "%d", probability);
		if ((rc = crm_money_percent(sqlite3_column_int64(tg->pipeline,
		    2), pct, strlen(pct), &part, err)) == CRM_OK)
			rc = crm_money_add(*sum, part, sum, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(tg->db, step, "deals", err);
	sqlite3_reset(tg->pipeline);
	return rc;
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    crm_rec_set_null(r, key, err);
}

/* The money columns of a target of amount in currency. */
static int
set_amounts(struct targeting *tg, sqlite3_stmt *t, int64_t actual,
    int64_t pipeline, crm_err *err)
{
	const char *currency = (const char *)sqlite3_column_text(t, 4);
	int64_t target = sqlite3_column_int64(t, 3), forecast, gap, fgap;
	crm_rec *r = tg->row;
	int e, rc;

	if ((rc = crm_currency_exponent(currency, &e, err)) != CRM_OK)
		return rc;
	if (crm_money_add(actual, pipeline, &forecast, err) != CRM_OK ||
	    crm_money_sub(target, actual, &gap, err) != CRM_OK ||
	    crm_money_sub(target, forecast, &fgap, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "target %s %s %s: amounts "
		    "out of range", sqlite3_column_text(t, 0),
		    sqlite3_column_text(t, 1), sqlite3_column_text(t, 2));
	if ((rc = crm_money_set(r, "target", target, e, err)) ||
	    (rc = crm_money_set(r, "actual", actual, e, err)) ||
	    (rc = crm_money_set(r, "pipeline", pipeline, e, err)) ||
	    (rc = crm_money_set(r, "forecast", forecast, e, err)) ||
	    (rc = crm_money_set(r, "gap", gap, e, err)) ||
	    (rc = crm_money_set(r, "forecast_gap", fgap, e, err)) ||
	    (rc = crm_rec_set_percent(r, "achieved_percent", actual, target,
	    1, err)))
		return rc;
	return crm_rec_set_percent(r, "forecast_percent", forecast, target,
	    1, err);
}

static int
target_row(struct targeting *tg, sqlite3_stmt *t, crm_report *rep,
    crm_err *err)
{
	const char *scope = (const char *)sqlite3_column_text(t, 0);
	const char *id = (const char *)sqlite3_column_text(t, 1);
	const char *period = (const char *)sqlite3_column_text(t, 2);
	const char *currency = (const char *)sqlite3_column_text(t, 4);
	int has_amount = sqlite3_column_type(t, 3) != SQLITE_NULL &&
	    currency != NULL;
	int64_t actual, qty, pipeline = 0, target_qty;
	int32_t first, last;
	crm_rec *r = tg->row;
	int rc;

	if (period_days(period, &first, &last, err) != CRM_OK)
		return crm_err_prefix(err, "target %s %s", scope, id);
	if (first < tg->from || last > tg->to)
		return CRM_OK;
	if ((rc = actual_of(tg, scope, id, has_amount ? currency : NULL,
	    first, last < tg->as_of ? last : tg->as_of, &actual, &qty,
	    err)) != CRM_OK || (has_amount && (rc = pipeline_of(tg, scope, id,
	    currency, first > tg->as_of ? first : tg->as_of + 1, last,
	    &pipeline, err)) != CRM_OK))
		return rc;
	crm_rec_clear(r);
	if ((rc = set_text(r, "scope", scope, err)) ||
	    (rc = set_text(r, "scope_id", id, err)) ||
	    (rc = set_text(r, "period", period, err)) ||
	    (rc = set_text(r, "currency", has_amount ? currency : NULL,
	    err)) || (has_amount && (rc = set_amounts(tg, t, actual,
	    pipeline, err))) ||
	    (rc = crm_rec_set_int(r, "actual_qty", qty, err)))
		return rc;
	if (sqlite3_column_type(t, 5) != SQLITE_NULL) {
		target_qty = sqlite3_column_int64(t, 5);
		if ((rc = crm_rec_set_int(r, "target_qty", target_qty, err)) ||
		    (rc = crm_rec_set_int(r, "qty_gap", target_qty - qty,
		    err)) || (rc = crm_rec_set_percent(r, "qty_percent", qty,
		    target_qty, 1, err)))
			return rc;
	}
	if ((rc = set_text(r, "note", (const char *)sqlite3_column_text(t, 6),
	    err)) != CRM_OK)
		return rc;
	return crm_report_row(rep, r, err);
}

/* The days of q's options; CRM_EUSAGE when one is wrong. */
static int
query_days(const crm_target_query *q, struct targeting *tg, crm_err *err)
{
	int32_t first, last;
	crm_err why;

	tg->from = INT32_MIN;
	tg->to = INT32_MAX;
	if (q->scope != NULL && scope_rank(q->scope) < 0)
		return crm_err_set(err, CRM_EUSAGE, "--scope: %s is not one of "
		    "company, rep, team, region, product", q->scope);
	if (q->period != NULL && period_days(q->period, &first, &last,
	    &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--period-key: %s",
		    why.msg);
	if (q->from != NULL && crm_date_parse(q->from, strlen(q->from),
	    &tg->from, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--from: %s", why.msg);
	if (q->to != NULL && crm_date_parse(q->to, strlen(q->to), &tg->to,
	    &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--to: %s", why.msg);
	if (q->as_of == NULL)
		return crm_today(&tg->as_of, err);
	if (crm_date_parse(q->as_of, strlen(q->as_of), &tg->as_of, &why) !=
	    CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--as-of: %s", why.msg);
	return CRM_OK;
}

int
crm_target_query_check(const crm_target_query *q, crm_err *err)
{
	struct targeting tg;

	return query_days(q, &tg, err);
}

int
crm_report_target_write(crm_db *db, const crm_target_query *q,
    crm_report *rep, crm_err *err)
{
	struct targeting tg = { db, q, 0, 0, 0, NULL, NULL, NULL };
	sqlite3_stmt *t = NULL;
	int rc, step = SQLITE_DONE;

	if ((rc = query_days(q, &tg, err)) != CRM_OK)
		return rc;
	if ((tg.row = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, targets_sql, &t, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, actual_sql, &tg.actual, err)) !=
	    CRM_OK ||
	    (rc = crm_db_prepare(db, pipeline_sql, &tg.pipeline, err)) !=
	    CRM_OK)
		goto out;
	if (q->scope != NULL)
		sqlite3_bind_text(t, 1, q->scope, -1, SQLITE_STATIC);
	if (q->period != NULL)
		sqlite3_bind_text(t, 2, q->period, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(t)) == SQLITE_ROW)
		rc = target_row(&tg, t, rep, err);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "targets", err);
out:
	sqlite3_finalize(t);
	sqlite3_finalize(tg.actual);
	sqlite3_finalize(tg.pipeline);
	crm_rec_free(tg.row);
	return rc;
}
