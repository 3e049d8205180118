/*
 * deal_pipeline.c - the open pipeline in groups: count, amount and
 * probability-weighted amount, exact in minor units.
 *
 * Groups are few (stages, reps, categories, times currencies), so they
 * are kept in a plain array and found by a linear search.
 */
#include "internal.h"

enum { BY_STAGE, BY_OWNER, BY_FORECAST, BY_TOTAL, NBY };

static const char *const by_names[NBY] = {
	"stage", "owner", "forecast_category", "total"
};

struct group {
	int by;
	int rank;              /* order within by: rule order, category */
	char *key;
	char currency[4];      /* "" when the deals have none */
	int exponent;
	unsigned long deals;
	int64_t amount, weighted;
};

struct crm_deal_pipeline {
	const crm_deal_stages *stages;
	unsigned by;
	struct group *g;
	size_t n, cap;
};

int
crm_deal_pipeline_new(const crm_deal_stages *stages, unsigned by,
    crm_deal_pipeline **p, crm_err *err)
{
	if ((*p = calloc(1, sizeof(**p))) == NULL)
		return crm_err_nomem(err);
	(*p)->stages = stages;
	(*p)->by = by;
	return CRM_OK;
}

void
crm_deal_pipeline_free(crm_deal_pipeline *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->g[i].key);
	free(p->g);
	free(p);
}

/* The group (by, key, currency), made when new; NULL when out of memory. */
static struct group *
group_of(crm_deal_pipeline *p, int by, int rank, const char *key,
    const char *currency, int exponent)
{
	struct group *g;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->g[i].by == by && strcmp(p->g[i].key, key) == 0 &&
		    strcmp(p->g[i].currency, currency) == 0)
			return &p->g[i];
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;

		if ((g = realloc(p->g, cap * sizeof(*g))) == NULL)
			return NULL;
		p->g = g;
		p->cap = cap;
	}
	g = &p->g[p->n];
	memset(g, 0, sizeof(*g));
	if ((g->key = strdup(key)) == NULL)
		return NULL;
	g->by = by;
	g->rank = rank;
	snprintf(g->currency, sizeof(g->currency), "%s", currency);
	g->exponent = exponent;
	p->n++;
	return g;
}

/* Where a stage goes: its place in the rules, unknown ones after. */
static int
stage_rank(const crm_deal_stages *stages, const char *stage)
{
	const crm_deal_stage *st = crm_deal_stage_find(stages, stage);

	return st != NULL ? (int)(st - crm_deal_stage_at(stages, 0)) :
	    (int)crm_deal_stages_count(stages);
}

/* The group key and rank of a deal for one way of grouping. */
static const char *
key_of(const crm_deal_pipeline *p, const crm_deal_amount *d, int by,
    int *rank)
{
	const crm_deal_stage *st = crm_deal_stage_find(p->stages, d->stage);
	const char *fc = d->forecast_category;

	*rank = 0;
	switch (by) {
	case BY_STAGE:
		*rank = stage_rank(p->stages, d->stage);
		return st != NULL ? st->name : d->stage;
	case BY_OWNER:
		return d->owner != NULL ? d->owner : "(none)";
	case BY_FORECAST:
		if (fc == NULL)
			fc = st != NULL ? st->forecast_category : "(none)";
		*rank = crm_deal_forecast_rank(fc);
		if (*rank < 0)
			*rank = 4;
		return fc;
	default:
		return "all";
	}
}

int
crm_deal_pipeline_add(crm_deal_pipeline *p, const crm_deal_amount *d,
    crm_err *err)
{
	char pct[16];
	int64_t weighted = 0;
	int by, rank, exponent = 0, rc;
	struct group *g;
	const char *key;

	if (d->currency != NULL && (rc = crm_currency_exponent(d->currency,
	    &exponent, err)) != CRM_OK)
		return rc;
	snprintf(pct, sizeof(pct), "%d", d->probability);
	if (d->has_amount && (rc = crm_money_percent(d->amount, pct,
	    strlen(pct), &weighted, err)) != CRM_OK)
		return rc;
	for (by = 0; by < NBY; by++) {
		if (!(p->by & (1u << by)))
			continue;
		key = key_of(p, d, by, &rank);
		if ((g = group_of(p, by, rank, key, d->currency ? d->currency :
		    "", exponent)) == NULL)
			return crm_err_nomem(err);
		g->deals++;
		if (d->has_amount && ((rc = crm_money_add(g->amount, d->amount,
		    &g->amount, err)) != CRM_OK || (rc = crm_money_add(
		    g->weighted, weighted, &g->weighted, err)) != CRM_OK))
			return rc;
	}
	return CRM_OK;
}

static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = *(const struct group *const *)a;
	const struct group *y = *(const struct group *const *)b;
	int c;

	if (x->by != y->by)
		return x->by - y->by;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->currency, y->currency);
}

static int
write_group(const struct group *g, crm_rec *r, crm_out *out, crm_err *err)
{
	const char *by = by_names[g->by];
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "by", by, strlen(by), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "group", g->key, strlen(g->key), err)) !=
	    CRM_OK)
		return rc;
	if (g->currency[0] != '\0' && (rc = crm_rec_set_str(r, "currency",
	    g->currency, strlen(g->currency), err)) != CRM_OK)
		return rc;
	if ((rc = crm_rec_set_int(r, "deals", (int64_t)g->deals, err)) !=
	    CRM_OK)
		return rc;
	if (g->currency[0] != '\0' && ((rc = crm_money_set(r, "amount",
	    g->amount, g->exponent, err)) != CRM_OK || (rc = crm_money_set(r,
	    "weighted_amount", g->weighted, g->exponent, err)) != CRM_OK))
		return rc;
	return crm_out_write(out, r, err);
}

int
crm_deal_pipeline_write(const crm_deal_pipeline *p, crm_out *out,
    crm_err *err)
{
	const struct group **order = NULL;
	crm_rec *r = crm_rec_new();
	size_t i;
	int rc = CRM_OK;

	if (r == NULL || (p->n > 0 && (order = calloc(p->n,
	    sizeof(*order))) == NULL)) {
		crm_rec_free(r);
		return crm_err_nomem(err);
	}
	for (i = 0; i < p->n; i++)
		order[i] = &p->g[i];
	if (p->n > 0)
		qsort(order, p->n, sizeof(*order), group_cmp);
	for (i = 0; i < p->n && rc == CRM_OK; i++)
		rc = write_group(order[i], r, out, err);
	free(order);
	crm_rec_free(r);
	return rc;
}

static const char open_sql[] =
	"SELECT stage, owner_rep_id, forecast_category, currency,"
	" amount_minor, probability FROM deals"
	" WHERE stage COLLATE NOCASE NOT IN (?1, ?2) ORDER BY id";

static const char *
column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* One row of open_sql as the pipeline sees it; a deal without its own
 * probability has its stage's. */
static void
amount_of(const crm_deal_pipeline *p, sqlite3_stmt *st, crm_deal_amount *d)
{
	const crm_deal_stage *stage;

	d->stage = column_text(st, 0);
	d->owner = column_text(st, 1);
	d->forecast_category = column_text(st, 2);
	d->currency = column_text(st, 3);
	d->has_amount = d->currency != NULL &&
	    sqlite3_column_type(st, 4) != SQLITE_NULL;
	d->amount = d->has_amount ? sqlite3_column_int64(st, 4) : 0;
	stage = crm_deal_stage_find(p->stages, d->stage);
	d->probability = sqlite3_column_type(st, 5) != SQLITE_NULL ?
	    sqlite3_column_int(st, 5) : stage != NULL ? stage->probability : 0;
}

int
crm_deal_pipeline_load(crm_deal_pipeline *p, crm_db *db, crm_err *err)
{
	const crm_deal_stage *won = crm_deal_stage_outcome(p->stages,
	    CRM_DEAL_WON);
	const crm_deal_stage *lost = crm_deal_stage_outcome(p->stages,
	    CRM_DEAL_LOST);
	sqlite3_stmt *st;
	crm_deal_amount d;
	int rc, step = SQLITE_DONE;

	if ((rc = crm_db_prepare(db, open_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, won->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lost->name, -1, SQLITE_STATIC);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		amount_of(p, st, &d);
		rc = crm_deal_pipeline_add(p, &d, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "deals", err);
	sqlite3_finalize(st);
	return rc;
}
