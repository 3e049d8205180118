/*
 * demand_plan.c - the weekly demand plan: final forecasts of any period
 * kind turned into whole units per ISO week, per product and plant, as
 * the rows a planning system (APS) imports.  See crm/demand.h for what
 * is rounded where and what is preserved.
 */
#include "internal.h"
#include "demand_internal.h"

#define MAX_WEEKS 520
/* ISO weeks a year touches, at most: 366 days from a Sunday. */
#define SPAN_WEEKS 54
/* Summed forecasts from here on no longer round to exact units. */
#define QTY_MAX 9e15

static const char *const plan_columns[CRM_DEMAND_PLAN_NCOLUMNS] = {
	"sku", "plant", "week", "week_start", "week_end", "qty", "source",
	"days",
};

/* The forecast of one product, plant and period: rows summed. */
struct source {
	size_t series;
	size_t rank;                     /* the series' rank, for sorting */
	const char *period;              /* borrowed from the rows */
	crm_period kind;
	int32_t first, last;
	double qty;
};

struct series {
	const char *sku, *plant;         /* borrowed from the rows ... */
	char *own_sku, *own_plant;       /* ... then copied */
	size_t rank;                     /* its place in sku, plant order */
};

/* A week of one product being filled, piece by piece. */
struct acc {
	int64_t qty;
	int days;
	const char *from, *to;           /* the first and last source */
};

struct plan_week {
	crm_demand_week pub;
	char week[CRM_DATE_BUFSZ];
	char *source;
};

struct crm_demand_plan {
	struct series *series;
	size_t nseries, cseries;
	struct source *sources;
	size_t nsources, csources;
	struct plan_week *weeks;
	size_t nweeks, cweeks;
	char **notes;
	size_t nnotes, cnotes;
	int32_t start;                   /* Monday of the first week */
	int n;                           /* weeks asked */
	struct acc *acc;                 /* n */
	crm_buf scratch;
};

const char *const *
crm_demand_plan_columns(void)
{
	return plan_columns;
}

void
crm_demand_plan_free(crm_demand_plan *plan)
{
	size_t i;

	if (plan == NULL)
		return;
	for (i = 0; i < plan->nseries; i++) {
		free(plan->series[i].own_sku);
		free(plan->series[i].own_plant);
	}
	free(plan->series);
	free(plan->sources);
	for (i = 0; i < plan->nweeks; i++)
		free(plan->weeks[i].source);
	free(plan->weeks);
	for (i = 0; i < plan->nnotes; i++)
		free(plan->notes[i]);
	free(plan->notes);
	free(plan->acc);
	crm_buf_free(&plan->scratch);
	free(plan);
}

static int32_t
monday(int32_t day)
{
	return day - (crm_date_weekday(day) - 1);
}

static long
key_index(const char *const *keys, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], name) == 0)
			return (long)i;
	return -1;
}

/* "sku \"A\" plant \"P1\"" of series s, into plan->scratch. */
static int
describe(crm_demand_plan *plan, const struct series *s)
{
	crm_buf_reset(&plan->scratch);
	if (crm_buf_printf(&plan->scratch, "sku \"%s\"", s->sku) != CRM_OK ||
	    (s->plant != NULL && crm_buf_printf(&plan->scratch,
	    " plant \"%s\"", s->plant) != CRM_OK))
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
add_note(crm_demand_plan *plan, const struct series *s, crm_err *err,
    const char *fmt, ...) CRM_PRINTF(4, 5);

static int
add_note(crm_demand_plan *plan, const struct series *s, crm_err *err,
    const char *fmt, ...)
{
	char what[CRM_ERR_MSG_MAX];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (describe(plan, s) != CRM_OK ||
	    crm_buf_printf(&plan->scratch, ": %s", what) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_array_grow(&plan->notes, &plan->cnotes, plan->nnotes,
	    sizeof(*plan->notes), err)) != CRM_OK)
		return rc;
	if ((plan->notes[plan->nnotes] = strdup(plan->scratch.data)) == NULL)
		return crm_err_nomem(err);
	plan->nnotes++;
	return CRM_OK;
}

/* The series of sku and plant (NULL), added when new. */
static int
series_of(crm_demand_plan *plan, crm_strmap *ix, const char *sku,
    const char *plant, size_t *out, crm_err *err)
{
	const char *vals[2] = { sku, plant };
	size_t *slot;
	int added, rc;

	crm_buf_reset(&plan->scratch);
	if (demand_key_encode(&plan->scratch, vals, plant != NULL ? 2 : 1) !=
	    CRM_OK ||
	    (slot = crm_strmap_put(ix, plan->scratch.data, &added)) == NULL)
		return crm_err_nomem(err);
	if (!added) {
		*out = *slot - 1;
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&plan->series, &plan->cseries,
	    plan->nseries, sizeof(*plan->series), err)) != CRM_OK)
		return rc;
	memset(&plan->series[plan->nseries], 0, sizeof(*plan->series));
	plan->series[plan->nseries].sku = sku;
	plan->series[plan->nseries].plant = plant;
	*out = plan->nseries++;
	*slot = *out + 1;
	return CRM_OK;
}

/* Sum the rows into sources, one per product, plant and period. */
static int
collect(crm_demand_plan *plan, const crm_demand_rows *rows, long si,
    long pi, crm_err *err)
{
	crm_strmap *series_ix = crm_strmap_new(sizeof(size_t));
	crm_strmap *source_ix = crm_strmap_new(sizeof(size_t));
	const crm_demand_row *row;
	struct source *src;
	size_t i, s = 0, *slot;
	int added, rc = CRM_OK;

	if (series_ix == NULL || source_ix == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < crm_demand_rows_count(rows); i++) {
		row = crm_demand_rows_at(rows, i);
		if ((rc = series_of(plan, series_ix, row->vals[si], pi >= 0 ?
		    row->vals[pi] : NULL, &s, err)) != CRM_OK)
			goto out;
		if (row->final < 0) {
			if (describe(plan, &plan->series[s]) != CRM_OK)
				rc = crm_err_nomem(err);
			else
				rc = crm_err_set(err, CRM_EDATA, "%s: the "
				    "forecast of %s is below zero: a plan "
				    "needs a demand of 0 or more",
				    plan->scratch.data, row->period);
			goto out;
		}
		crm_buf_reset(&plan->scratch);
		if (crm_buf_printf(&plan->scratch, "%zu|%s", s, row->period) !=
		    CRM_OK || (slot = crm_strmap_put(source_ix,
		    plan->scratch.data, &added)) == NULL) {
			rc = crm_err_nomem(err);
			goto out;
		}
		if (added) {
			if ((rc = crm_array_grow(&plan->sources,
			    &plan->csources, plan->nsources,
			    sizeof(*plan->sources), err)) != CRM_OK)
				goto out;
			src = &plan->sources[plan->nsources];
			*src = (struct source){ s, 0, row->period, row->kind,
			    row->first, row->last, 0 };
			*slot = ++plan->nsources;
		}
		plan->sources[*slot - 1].qty += row->final;
	}
out:
	crm_strmap_free(series_ix);
	crm_strmap_free(source_ix);
	return rc;
}

static int
by_series(const void *a, const void *b)
{
	const struct series *x = *(struct series *const *)a;
	const struct series *y = *(struct series *const *)b;
	int c = strcmp(x->sku, y->sku);

	if (c != 0 || x->plant == NULL || y->plant == NULL)
		return c;
	return strcmp(x->plant, y->plant);
}

static int
by_source(const void *a, const void *b)
{
	const struct source *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (x->last > y->last) - (x->last < y->last);
}

static int
rank_series(crm_demand_plan *plan, crm_err *err)
{
	struct series **order;
	size_t i;

	if (plan->nseries == 0)
		return CRM_OK;
	if ((order = calloc(plan->nseries, sizeof(*order))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < plan->nseries; i++)
		order[i] = &plan->series[i];
	qsort(order, plan->nseries, sizeof(*order), by_series);
	for (i = 0; i < plan->nseries; i++)
		order[i]->rank = i;
	free(order);
	for (i = 0; i < plan->nsources; i++)
		plan->sources[i].rank = plan->series[plan->sources[i].series].
		    rank;
	qsort(plan->sources, plan->nsources, sizeof(*plan->sources),
	    by_source);
	return CRM_OK;
}

/* Add qty units and days days of the week starting on mon, taken from
 * the periods from to to, when that week is in the plan. */
static void
add_piece(crm_demand_plan *plan, int32_t mon, int64_t qty, int days,
    const char *from, const char *to)
{
	int64_t off = (int64_t)mon - plan->start;
	struct acc *a;

	if (off < 0 || off / 7 >= plan->n)
		return;
	a = &plan->acc[off / 7];
	a->qty += qty;
	a->days += days;
	if (a->from == NULL)
		a->from = from;
	a->to = to;
}

static int
too_large(crm_demand_plan *plan, const struct series *s,
    const struct source *src, crm_err *err)
{
	if (describe(plan, s) != CRM_OK)
		return crm_err_nomem(err);
	return crm_err_set(err, CRM_EDATA, "%s: the forecast of %s is too "
	    "large to plan in whole units", plan->scratch.data, src->period);
}

/* A week, month, quarter or year: its rounded forecast spread over the
 * weeks it touches by their days in it. */
static int
spread(crm_demand_plan *plan, const struct series *s,
    const struct source *src, crm_err *err)
{
	int64_t weights[SPAN_WEEKS], shares[SPAN_WEEKS];
	int32_t m0 = monday(src->first), lo, hi;
	size_t n = (size_t)(monday(src->last) - m0) / 7 + 1, i;
	int rc;

	if (!(src->qty < QTY_MAX))
		return too_large(plan, s, src, err);
	if (n > SPAN_WEEKS)
		return crm_err_set(err, CRM_EINTERNAL, "plan: %s spans %zu "
		    "weeks", src->period, n);
	for (i = 0; i < n; i++) {
		lo = m0 + 7 * (int32_t)i;
		hi = lo + 6;
		if (lo < src->first)
			lo = src->first;
		if (hi > src->last)
			hi = src->last;
		weights[i] = hi - lo + 1;
	}
	if ((rc = crm_money_split(demand_round(src->qty), weights, n, shares,
	    err)) != CRM_OK)
		return rc;
	for (i = 0; i < n; i++)
		add_piece(plan, m0 + 7 * (int32_t)i, shares[i],
		    (int)weights[i], src->period, src->period);
	return CRM_OK;
}

/* Day forecasts of one week, summed and then rounded. */
struct day_group {
	int32_t mon;
	double sum;
	int days;
	const struct source *from, *to;
};

static int
flush_days(crm_demand_plan *plan, const struct series *s,
    struct day_group *g, crm_err *err)
{
	if (g->from == NULL)
		return CRM_OK;
	if (!(g->sum < QTY_MAX))
		return too_large(plan, s, g->from, err);
	add_piece(plan, g->mon, demand_round(g->sum), g->days,
	    g->from->period, g->to->period);
	memset(g, 0, sizeof(*g));
	return CRM_OK;
}

static int
add_week(crm_demand_plan *plan, const struct series *s, int i,
    crm_err *err)
{
	struct plan_week *w;
	struct acc *a = &plan->acc[i];
	int32_t mon = plan->start + 7 * i;
	int rc;

	if ((rc = crm_array_grow(&plan->weeks, &plan->cweeks, plan->nweeks,
	    sizeof(*plan->weeks), err)) != CRM_OK)
		return rc;
	w = &plan->weeks[plan->nweeks];
	memset(w, 0, sizeof(*w));
	crm_date_bucket(mon, CRM_PERIOD_WEEK, w->week);
	w->pub.sku = s->own_sku;
	w->pub.plant = s->own_plant;
	w->pub.first = mon;
	w->pub.last = mon + 6;
	w->pub.qty = a->qty;
	w->pub.days = a->days;
	if (a->from != NULL) {
		crm_buf_reset(&plan->scratch);
		if ((strcmp(a->from, a->to) == 0 ?
		    crm_buf_adds(&plan->scratch, a->from) :
		    crm_buf_printf(&plan->scratch, "%s..%s", a->from,
		    a->to)) != CRM_OK ||
		    (w->source = strdup(plan->scratch.data)) == NULL)
			return crm_err_nomem(err);
	}
	plan->nweeks++;
	return CRM_OK;
}

/* Plan one series from its sources src[0..n) (sorted by first day). */
static int
plan_series(crm_demand_plan *plan, struct series *s,
    const struct source *src, size_t n, crm_err *err)
{
	char d1[CRM_DATE_BUFSZ], d2[CRM_DATE_BUFSZ], w1[CRM_DATE_BUFSZ];
	struct day_group g;
	size_t i, widest = 0;
	int32_t lastday = src[0].last;
	int64_t fw, lw;
	int from, to, rc;

	if ((s->own_sku = strdup(s->sku)) == NULL ||
	    (s->plant != NULL && (s->own_plant = strdup(s->plant)) == NULL))
		return crm_err_nomem(err);
	for (i = 1; i < n; i++) {
		if (src[i].first <= lastday) {
			if (describe(plan, s) != CRM_OK)
				return crm_err_nomem(err);
			return crm_err_set(err, CRM_EDATA, "%s: periods %s "
			    "and %s overlap", plan->scratch.data,
			    src[widest].period, src[i].period);
		}
		if (src[i].last > lastday) {
			lastday = src[i].last;
			widest = i;
		}
	}
	memset(plan->acc, 0, (size_t)plan->n * sizeof(*plan->acc));
	memset(&g, 0, sizeof(g));
	for (i = 0; i < n; i++) {
		if (src[i].kind != CRM_PERIOD_DAY) {
			if ((rc = flush_days(plan, s, &g, err)) != CRM_OK ||
			    (rc = spread(plan, s, &src[i], err)) != CRM_OK)
				return rc;
			continue;
		}
		if (g.from != NULL && monday(src[i].first) != g.mon &&
		    (rc = flush_days(plan, s, &g, err)) != CRM_OK)
			return rc;
		if (g.from == NULL) {
			g.mon = monday(src[i].first);
			g.from = &src[i];
		}
		g.sum += src[i].qty;
		g.days++;
		g.to = &src[i];
	}
	if ((rc = flush_days(plan, s, &g, err)) != CRM_OK)
		return rc;
	fw = ((int64_t)monday(src[0].first) - plan->start) / 7;
	lw = ((int64_t)monday(lastday) - plan->start) / 7;
	from = fw > 0 ? (int)fw : 0;
	to = lw < plan->n - 1 ? (int)lw : plan->n - 1;
	crm_date_format(src[0].first, d1);
	crm_date_format(lastday, d2);
	if (from > to)
		return add_note(plan, s, err, "the forecast covers %s to %s, "
		    "none of the plan's weeks", d1, d2);
	for (i = (size_t)from; i <= (size_t)to; i++)
		if ((rc = add_week(plan, s, (int)i, err)) != CRM_OK)
			return rc;
	if (fw > 0 && (rc = add_note(plan, s, err, "the forecast starts on "
	    "%s (%s): the plan starts there, %d of %d weeks", d1,
	    crm_date_bucket(src[0].first, CRM_PERIOD_WEEK, w1),
	    to - from + 1, plan->n)) != CRM_OK)
		return rc;
	if (lw < plan->n - 1 && (rc = add_note(plan, s, err, "the forecast "
	    "ends on %s (%s): the plan stops there, %d of %d weeks", d2,
	    crm_date_bucket(lastday, CRM_PERIOD_WEEK, w1), to - from + 1,
	    plan->n)) != CRM_OK)
		return rc;
	return CRM_OK;
}

int
crm_demand_plan_new(const crm_demand_rows *rows, const char *sku,
    const char *plant, const char *start, int weeks,
    crm_demand_plan **planp, crm_err *err)
{
	const char *const *keys;
	crm_demand_plan *plan;
	size_t nkeys, a, b;
	long si, pi = -1;
	int rc;

	*planp = NULL;
	keys = crm_demand_rows_keys(rows, &nkeys);
	if (sku == NULL || (si = key_index(keys, nkeys, sku)) < 0)
		return crm_err_set(err, CRM_EUSAGE, "plan: %s is not a key "
		    "field of the forecast", sku != NULL ? sku : "(no sku)");
	if (plant != NULL && ((pi = key_index(keys, nkeys, plant)) < 0 ||
	    pi == si))
		return crm_err_set(err, CRM_EUSAGE, "plan: %s is not a key "
		    "field of the forecast besides %s", plant, sku);
	if (weeks < 1 || weeks > MAX_WEEKS)
		return crm_err_set(err, CRM_EUSAGE, "plan: weeks must be 1 to "
		    "%d", MAX_WEEKS);
	if ((plan = calloc(1, sizeof(*plan))) == NULL)
		return crm_err_nomem(err);
	plan->n = weeks;
	if (start == NULL || crm_period_parse(start, strlen(start),
	    CRM_PERIOD_WEEK, &plan->start, NULL, err) != CRM_OK) {
		rc = crm_err_set(err, CRM_EUSAGE, "plan: start: not an ISO "
		    "week (YYYY-Www): %s", start != NULL ? start : "(none)");
		goto out;
	}
	if ((plan->acc = calloc((size_t)weeks, sizeof(*plan->acc))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = collect(plan, rows, si, pi, err)) != CRM_OK ||
	    (rc = rank_series(plan, err)) != CRM_OK)
		goto out;
	for (a = 0; a < plan->nsources; a = b) {
		for (b = a + 1; b < plan->nsources &&
		    plan->sources[b].series == plan->sources[a].series; b++)
			;
		if ((rc = plan_series(plan, &plan->series[plan->sources[a].
		    series], plan->sources + a, b - a, err)) != CRM_OK)
			goto out;
	}
	/* Fixed up at the end: the array no longer moves. */
	for (a = 0; a < plan->nweeks; a++) {
		plan->weeks[a].pub.week = plan->weeks[a].week;
		plan->weeks[a].pub.source = plan->weeks[a].source;
	}
out:
	if (rc != CRM_OK)
		crm_demand_plan_free(plan);
	else
		*planp = plan;
	return rc;
}

size_t
crm_demand_plan_count(const crm_demand_plan *plan)
{
	return plan->nweeks;
}

const crm_demand_week *
crm_demand_plan_at(const crm_demand_plan *plan, size_t i)
{
	return &plan->weeks[i].pub;
}

size_t
crm_demand_plan_notes(const crm_demand_plan *plan)
{
	return plan->nnotes;
}

const char *
crm_demand_plan_note(const crm_demand_plan *plan, size_t i)
{
	return plan->notes[i];
}

int
crm_demand_plan_write(const crm_demand_plan *plan, size_t i, crm_rec *out,
    crm_err *err)
{
	const crm_demand_week *w = &plan->weeks[i].pub;
	char d1[CRM_DATE_BUFSZ], d2[CRM_DATE_BUFSZ];
	int rc;

	crm_rec_clear(out);
	crm_date_format(w->first, d1);
	crm_date_format(w->last, d2);
	if ((rc = crm_rec_set_str(out, "sku", w->sku, strlen(w->sku),
	    err)) != CRM_OK ||
	    (w->plant != NULL && (rc = crm_rec_set_str(out, "plant",
	    w->plant, strlen(w->plant), err)) != CRM_OK) ||
	    (rc = crm_rec_set_str(out, "week", w->week, strlen(w->week),
	    err)) != CRM_OK ||
	    (rc = crm_rec_set_str(out, "week_start", d1, strlen(d1),
	    err)) != CRM_OK ||
	    (rc = crm_rec_set_str(out, "week_end", d2, strlen(d2),
	    err)) != CRM_OK ||
	    (rc = crm_rec_set_int(out, "qty", w->qty, err)) != CRM_OK ||
	    (w->source != NULL && (rc = crm_rec_set_str(out, "source",
	    w->source, strlen(w->source), err)) != CRM_OK))
		return rc;
	return crm_rec_set_int(out, "days", w->days, err);
}
