/*
 * report_effect.c - sales effectiveness per rep, team or region and for
 * the company: deals, win rate, won amount and average won deal, sales
 * cycle, the stage where deals are lost, visits per deal.
 *
 * Deals created in the range count as the group's deals (and their
 * visits); deals won or lost in the range give the win rate, amounts and
 * cycles.  Every figure is per currency: amounts are never added across
 * currencies, so neither are the counts beside them.
 */
#include "internal.h"

#include "crm/report.h"
#include "report_funnel.h"

static const char company[] = "(company)";

#define EFFECT_TAIL "currency", "deals", "open", "won", "lost", "win_rate", \
	"won_amount", "avg_won_amount", "cycle_median_days", \
	"cycle_mean_days", "stall_stage", "stall_lost", "visits", \
	"visits_per_deal", "visits_per_won"
static const char *const effect_rep[] = { "rep", EFFECT_TAIL };
static const char *const effect_team[] = { "team", EFFECT_TAIL };
static const char *const effect_region[] = { "region", EFFECT_TAIL };

int
crm_effect_spec(const crm_funnel_query *q, crm_report_spec *spec,
    char *subtitle, size_t sz, crm_err *err)
{
	crm_funnel_query named = *q;

	memset(spec, 0, sizeof(*spec));
	if (q->by == NULL || strcmp(q->by, "rep") == 0)
		spec->columns = effect_rep;
	else if (strcmp(q->by, "team") == 0)
		spec->columns = effect_team;
	else if (strcmp(q->by, "region") == 0)
		spec->columns = effect_region;
	else
		return crm_err_set(err, CRM_EUSAGE, "--by: one of rep, team, "
		    "region: %s", q->by);
	named.by = spec->columns[0];
	spec->title = "Sales effectiveness";
	crm_funnel_subtitle(&named, "deals created or closed", subtitle, sz);
	spec->ncolumns = ARRAY_LEN(effect_rep);
	spec->nkeys = 2;
	spec->chart.kind = CRM_CHART_BARS;
	spec->chart.y = "win_rate";
	return CRM_OK;
}

/* The figures of one group and currency. */
struct acc {
	char *group, *currency;       /* currency NULL: deals without one */
	int exponent;
	int64_t deals, open, won, lost, won_amount, visits, visits_won;
	int64_t *cycles;              /* days, of the won deals */
	size_t ncycles, capcycles;
	int64_t *lost_from;           /* per stage, in rule order */
};

struct effect {
	const crm_funnel_query *q;
	const char *col;              /* the group's column */
	size_t nstages;
	struct acc cur;               /* the group being read */
	struct acc *all;              /* the company, per currency */
	size_t nall, capall;
	crm_rec *row;
};

static void
acc_clear(struct acc *a)
{
	free(a->group);
	free(a->currency);
	free(a->cycles);
	free(a->lost_from);
	memset(a, 0, sizeof(*a));
}

static int
acc_init(struct acc *a, size_t nstages, const char *group,
    const char *currency, crm_err *err)
{
	int rc;

	acc_clear(a);
	if ((a->group = strdup(group)) == NULL ||
	    (currency != NULL && (a->currency = strdup(currency)) == NULL) ||
	    (a->lost_from = calloc(nstages + 1, sizeof(*a->lost_from))) ==
	    NULL)
		return crm_err_nomem(err);
	if (currency != NULL && (rc = crm_currency_exponent(currency,
	    &a->exponent, err)) != CRM_OK)
		return crm_err_prefix(err, "deals: currency");
	return CRM_OK;
}

/* One deal as the report reads it. */
struct deal {
	int created_in, closed_in;    /* created, closed in the range */
	crm_deal_outcome outcome;
	int has_amount;
	int64_t amount, visits, cycle;
	int has_cycle;
	long lost_from;               /* stage index, or -1 */
};

static int
acc_add(struct acc *a, const struct deal *d, crm_err *err)
{
	int rc;

	if (d->created_in) {
		a->deals++;
		a->open += d->outcome == CRM_DEAL_OPEN;
		a->visits += d->visits;
	}
	if (!d->closed_in)
		return CRM_OK;
	if (d->outcome == CRM_DEAL_LOST) {
		a->lost++;
		if (d->lost_from >= 0)
			a->lost_from[d->lost_from]++;
		return CRM_OK;
	}
	a->won++;
	a->visits_won += d->visits;
	if (d->has_amount && (rc = crm_money_add(a->won_amount, d->amount,
	    &a->won_amount, err)) != CRM_OK)
		return rc;
	if (!d->has_cycle)
		return CRM_OK;
	if ((rc = crm_array_grow(&a->cycles, &a->capcycles, a->ncycles,
	    sizeof(*a->cycles), err)) != CRM_OK)
		return rc;
	a->cycles[a->ncycles++] = d->cycle;
	return CRM_OK;
}

/* The company's figures of currency (NULL: none), kept in currency
 * order with none first. */
static int
company_of(struct effect *e, const char *currency, struct acc **out,
    crm_err *err)
{
	size_t i;
	int c = 1, rc;

	for (i = 0; i < e->nall; i++) {
		c = currency == NULL ? (e->all[i].currency == NULL ? 0 : -1) :
		    e->all[i].currency == NULL ? 1 :
		    strcmp(currency, e->all[i].currency);
		if (c <= 0)
			break;
	}
	if (i < e->nall && c == 0) {
		*out = &e->all[i];
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&e->all, &e->capall, e->nall,
	    sizeof(*e->all), err)) != CRM_OK)
		return rc;
	memmove(&e->all[i + 1], &e->all[i], (e->nall - i) * sizeof(*e->all));
	memset(&e->all[i], 0, sizeof(*e->all));
	e->nall++;
	*out = &e->all[i];
	return acc_init(*out, e->nstages, company, currency, err);
}

/* avg = amount / n rounded half away from zero (amount >= 0, n > 0). */
static int64_t
average(int64_t amount, int64_t n)
{
	int64_t q = amount / n, r = amount % n;

	return 2 * r >= n ? q + 1 : q;
}

static int
set_money(crm_rec *r, const char *key, const struct acc *a, int64_t v,
    int when, crm_err *err)
{
	if (!when || a->currency == NULL)
		return crm_rec_set_null(r, key, err);
	return crm_money_set(r, key, v, a->exponent, err);
}

static int
set_stall(crm_rec *r, const struct effect *e, const struct acc *a,
    crm_err *err)
{
	long i = crm_stall_pick(a->lost_from, e->nstages);
	const char *name;
	int rc;

	if (i < 0) {
		if ((rc = crm_rec_set_null(r, "stall_stage", err)) != CRM_OK)
			return rc;
		return crm_rec_set_null(r, "stall_lost", err);
	}
	name = crm_deal_stage_at(e->q->stages, (size_t)i)->name;
	if ((rc = crm_rec_set_str(r, "stall_stage", name, strlen(name),
	    err)) != CRM_OK)
		return rc;
	return crm_rec_set_int(r, "stall_lost", a->lost_from[i], err);
}

static int
acc_write(struct effect *e, struct acc *a, crm_report *rep, crm_err *err)
{
	crm_rec *r = e->row;
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, e->col, a->group,
	    strlen(a->group), err)) != CRM_OK ||
	    (rc = a->currency != NULL ? crm_rec_set_str(r, "currency",
	    a->currency, strlen(a->currency), err) : crm_rec_set_null(r,
	    "currency", err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "deals", a->deals, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "open", a->open, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "won", a->won, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "lost", a->lost, err)) != CRM_OK ||
	    (rc = crm_rec_set_percent(r, "win_rate", a->won, a->won + a->lost,
	    2, err)) != CRM_OK ||
	    (rc = set_money(r, "won_amount", a, a->won_amount, 1, err)) !=
	    CRM_OK ||
	    (rc = set_money(r, "avg_won_amount", a, a->won > 0 ?
	    average(a->won_amount, a->won) : 0, a->won > 0, err)) != CRM_OK ||
	    (rc = crm_rec_set_median_mean(r, "cycle_median_days",
	    "cycle_mean_days", a->cycles, a->ncycles, 1, 1, err)) != CRM_OK ||
	    (rc = set_stall(r, e, a, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "visits", a->visits, err)) != CRM_OK ||
	    (rc = crm_rec_set_ratio(r, "visits_per_deal", a->visits, a->deals,
	    2, err)) != CRM_OK ||
	    (rc = crm_rec_set_ratio(r, "visits_per_won", a->visits_won,
	    a->won, 2, err)) != CRM_OK)
		return rc;
	return crm_report_row(rep, r, err);
}

/* ?1 ?2 the range, ?3 the grouping.  A deal's team and region are its
 * rep's; its cycle starts at its lead's first contact, else on the day
 * it was created.  Visits are done visits linked to the deal; the stage
 * a deal was lost from is that of its last move into its stage. */
static const char effect_sql[] =
	"SELECT coalesce(CASE ?3 WHEN 'team' THEN r.team_id"
	"  WHEN 'region' THEN r.region ELSE d.owner_rep_id END, '(none)') AS g,"
	" d.currency, d.stage, d.amount_minor,"
	" coalesce(substr(l.first_contact_at, 1, 10), d.created_on),"
	" d.closed_on,"
	" (?1 IS NULL OR d.created_on >= ?1) AND"
	"  (?2 IS NULL OR d.created_on <= ?2),"
	" d.closed_on IS NOT NULL AND (?1 IS NULL OR d.closed_on >= ?1) AND"
	"  (?2 IS NULL OR d.closed_on <= ?2),"
	" coalesce(v.n, 0),"
	" (SELECT coalesce(e.from_state, (SELECT p.to_state FROM events p"
	"   WHERE p.entity = 'deal' AND p.entity_id = d.id"
	"   AND p.kind = 'stage' AND (p.at < e.at OR (p.at = e.at AND"
	"   p.id < e.id)) ORDER BY p.at DESC, p.id DESC LIMIT 1))"
	"  FROM events e WHERE e.entity = 'deal' AND e.entity_id = d.id"
	"  AND e.kind = 'stage' AND e.to_state = d.stage"
	"  ORDER BY e.at DESC, e.id DESC LIMIT 1)"
	" FROM deals d LEFT JOIN reps r ON r.id = d.owner_rep_id"
	" LEFT JOIN leads l ON l.id = d.lead_id"
	" LEFT JOIN (SELECT deal_id, count(*) AS n FROM activities"
	"  WHERE kind = 'visit' AND done_at IS NOT NULL"
	"  AND deal_id IS NOT NULL GROUP BY deal_id) v ON v.deal_id = d.id"
	" WHERE ((?1 IS NULL OR d.created_on >= ?1)"
	"  AND (?2 IS NULL OR d.created_on <= ?2))"
	" OR (d.closed_on IS NOT NULL AND (?1 IS NULL OR d.closed_on >= ?1)"
	"  AND (?2 IS NULL OR d.closed_on <= ?2))"
	" ORDER BY g, d.currency";

static long
index_of(const crm_deal_stages *stages, const crm_deal_stage *s)
{
	size_t i, n = crm_deal_stages_count(stages);

	for (i = 0; i < n; i++)
		if (crm_deal_stage_at(stages, i) == s)
			return (long)i;
	return -1;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* The day of column i into *day; 0 when it is NULL. */
static int
col_day(sqlite3_stmt *st, int i, int32_t *day, int *has, crm_err *err)
{
	const char *s = col_text(st, i);
	int rc;

	*has = s != NULL;
	if (s == NULL)
		return CRM_OK;
	if ((rc = crm_date_parse(s, strnlen(s, 10), day, err)) != CRM_OK)
		return crm_err_prefix(err, "deals");
	return CRM_OK;
}

static int
deal_read(const crm_deal_stages *stages, sqlite3_stmt *st, struct deal *d,
    crm_err *err)
{
	const crm_deal_stage *s = crm_deal_stage_find(stages, col_text(st, 2));
	const char *from = col_text(st, 9);
	int32_t start, end;
	int has_start, has_end, rc;

	memset(d, 0, sizeof(*d));
	d->outcome = s != NULL ? s->outcome : CRM_DEAL_OPEN;
	d->has_amount = sqlite3_column_type(st, 3) != SQLITE_NULL;
	d->amount = sqlite3_column_int64(st, 3);
	d->created_in = sqlite3_column_int(st, 6);
	d->closed_in = sqlite3_column_int(st, 7) &&
	    d->outcome != CRM_DEAL_OPEN;
	d->visits = sqlite3_column_int64(st, 8);
	d->lost_from = -1;
	if (from != NULL && (s = crm_deal_stage_find(stages, from)) != NULL &&
	    s->outcome == CRM_DEAL_OPEN)
		d->lost_from = index_of(stages, s);
	if ((rc = col_day(st, 4, &start, &has_start, err)) != CRM_OK ||
	    (rc = col_day(st, 5, &end, &has_end, err)) != CRM_OK)
		return rc;
	d->has_cycle = has_start && has_end;
	d->cycle = (int64_t)end - start;
	return CRM_OK;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int
effect_rows(struct effect *e, crm_db *db, sqlite3_stmt *st,
    crm_report *rep, crm_err *err)
{
	const char *g, *cur;
	struct acc *all;
	struct deal d;
	int rc, changed;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g = col_text(st, 0);
		cur = col_text(st, 1);
		changed = e->cur.group == NULL ||
		    strcmp(g, e->cur.group) != 0 ||
		    !same(cur, e->cur.currency);
		if (changed && e->cur.group != NULL &&
		    (rc = acc_write(e, &e->cur, rep, err)) != CRM_OK)
			return rc;
		if (changed && (rc = acc_init(&e->cur, e->nstages, g, cur,
		    err)) != CRM_OK)
			return rc;
		if ((rc = deal_read(e->q->stages, st, &d, err)) != CRM_OK ||
		    (rc = acc_add(&e->cur, &d, err)) != CRM_OK ||
		    (rc = company_of(e, cur, &all, err)) != CRM_OK ||
		    (rc = acc_add(all, &d, err)) != CRM_OK)
			return rc;
	}
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "deals", err);
	return e->cur.group != NULL ? acc_write(e, &e->cur, rep, err) :
	    CRM_OK;
}

int
crm_effectiveness(crm_db *db, const crm_funnel_query *q, crm_report *rep,
    crm_err *err)
{
	struct effect e;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	memset(&e, 0, sizeof(e));
	e.q = q;
	e.col = q->by != NULL ? q->by : "rep";
	e.nstages = crm_deal_stages_count(q->stages);
	if ((e.row = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_db_prepare(db, effect_sql, &st, err)) != CRM_OK)
		goto out;
	if (q->from != NULL)
		sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	if (q->to != NULL)
		sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	if (q->by != NULL)
		sqlite3_bind_text(st, 3, q->by, -1, SQLITE_STATIC);
	if ((rc = effect_rows(&e, db, st, rep, err)) != CRM_OK)
		goto out;
	for (i = 0; i < e.nall && rc == CRM_OK; i++)
		rc = acc_write(&e, &e.all[i], rep, err);
out:
	sqlite3_finalize(st);
	acc_clear(&e.cur);
	for (i = 0; i < e.nall; i++)
		acc_clear(&e.all[i]);
	free(e.all);
	crm_rec_free(e.row);
	return rc;
}
