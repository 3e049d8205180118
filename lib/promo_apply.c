/*
 * promo_apply.c - the promotion engine: what the promotions of a rule
 * file give one order, exact to the minor unit.
 *
 * Each promotion in turn is worked out on what the promotions before it
 * left of every line (its net: qty x unit less the line's own discount
 * and the discounts given so far), as a proposal: a discount per line
 * that never exceeds the line's net, and for buy_get a free line.  Only
 * a proposal that gives something, for a purchase that did not have it
 * before, is kept.
 */
#include "promo_internal.h"

#include <inttypes.h>

/* Line states. */
enum {
	ELIGIBLE = 1,    /* qty > 0, unit >= 0, 0 <= own discount <= gross */
	LOCKED = 2,      /* an exclusive promotion applied to it */
	QUALIFIES = 4,   /* the promotion at hand looks at it */
	TOUCHED = 8      /* the promotion at hand applies to it */
};

struct crm_promo_result {
	size_t nlines, cap;
	int64_t *extra;          /* line promotions' discount of each line */
	int64_t *share;          /* order discounts' share of each line */
	int64_t order_discount;
	int64_t *gross;          /* qty x unit of eligible lines */
	int64_t *weight;         /* the promotion at hand: its base per line */
	int64_t *part;           /* ... and its discount per line */
	int64_t *used;           /* ... units a bundle takes of each line */
	unsigned char *state;
	crm_promo_free_line *free;
	size_t nfree, free_cap;
	crm_promo_grant *grant;
	size_t *detail_at;       /* where each grant's detail starts */
	size_t ngrants, grant_cap;
	crm_buf details;         /* the details, each ended by a NUL */
};

/* What one promotion would give. */
struct proposal {
	int64_t cost;
	int64_t measure;         /* buy_get: units bought; bundle: copies;
	                            tiered: the threshold reached */
	int64_t free_qty, free_unit;
	int64_t pct;             /* the percent it gave, or 0 */
	int64_t amount;          /* the amount off it gave, or 0 */
	int64_t base;            /* order_discount: what it was taken off */
};

/* The order at hand and where its promotions stand. */
struct applying {
	const crm_promos *promos;
	const crm_promo_order *o;
	crm_promo_result *r;
	crm_err *err;
};

int
crm_promo_result_new(crm_promo_result **result, crm_err *err)
{
	if ((*result = calloc(1, sizeof(**result))) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

void
crm_promo_result_free(crm_promo_result *r)
{
	if (r == NULL)
		return;
	free(r->extra);
	free(r->share);
	free(r->gross);
	free(r->weight);
	free(r->part);
	free(r->used);
	free(r->state);
	free(r->free);
	free(r->grant);
	free(r->detail_at);
	crm_buf_free(&r->details);
	free(r);
}

int64_t
crm_promo_result_line_discount(const crm_promo_result *r, size_t i)
{
	return i < r->nlines ? r->extra[i] : 0;
}

int64_t
crm_promo_result_order_discount(const crm_promo_result *r)
{
	return r->order_discount;
}

int64_t
crm_promo_result_order_share(const crm_promo_result *r, size_t i)
{
	return i < r->nlines ? r->share[i] : 0;
}

size_t
crm_promo_result_free_count(const crm_promo_result *r)
{
	return r->nfree;
}

const crm_promo_free_line *
crm_promo_result_free_at(const crm_promo_result *r, size_t i)
{
	return i < r->nfree ? &r->free[i] : NULL;
}

size_t
crm_promo_result_grant_count(const crm_promo_result *r)
{
	return r->ngrants;
}

const crm_promo_grant *
crm_promo_result_grant_at(const crm_promo_result *r, size_t i)
{
	return i < r->ngrants ? &r->grant[i] : NULL;
}

static void
forget(crm_promo_result *r)
{
	r->nlines = 0;
	r->order_discount = 0;
	r->nfree = 0;
	r->ngrants = 0;
	crm_buf_reset(&r->details);
}

static int
grow(void **p, size_t n, size_t size)
{
	void *q = realloc(*p, n * size);

	if (q == NULL)
		return -1;
	*p = q;
	return 0;
}

/* Room for n lines, every per-line array zeroed. */
static int
start(crm_promo_result *r, size_t n, crm_err *err)
{
	size_t cap = n > 0 ? n : 1;

	forget(r);
	if (cap > r->cap) {
		if (cap > SIZE_MAX / sizeof(int64_t) ||
		    grow((void **)&r->extra, cap, sizeof(int64_t)) ||
		    grow((void **)&r->share, cap, sizeof(int64_t)) ||
		    grow((void **)&r->gross, cap, sizeof(int64_t)) ||
		    grow((void **)&r->weight, cap, sizeof(int64_t)) ||
		    grow((void **)&r->part, cap, sizeof(int64_t)) ||
		    grow((void **)&r->used, cap, sizeof(int64_t)) ||
		    grow((void **)&r->state, cap, 1))
			return crm_err_nomem(err);
		r->cap = cap;
	}
	memset(r->extra, 0, cap * sizeof(int64_t));
	memset(r->share, 0, cap * sizeof(int64_t));
	memset(r->gross, 0, cap * sizeof(int64_t));
	memset(r->state, 0, cap);
	r->nlines = n;
	return CRM_OK;
}

/* What is left of line i to discount. */
static int64_t
net(const struct applying *a, size_t i)
{
	return a->r->gross[i] - a->o->lines[i].discount - a->r->extra[i] -
	    a->r->share[i];
}

static int
out_of_range(const struct applying *a, const struct promo *p)
{
	return crm_err_set(a->err, CRM_EDATA, "promotion %s: amount out of "
	    "range", p->id);
}

/* Which lines take part at all: their gross amounts. */
static int
take_lines(struct applying *a)
{
	const crm_promo_line *l;
	size_t i;

	for (i = 0; i < a->o->nlines; i++) {
		l = &a->o->lines[i];
		if (l->qty <= 0 || l->unit < 0)
			continue;
		if (__builtin_mul_overflow(l->qty, l->unit, &a->r->gross[i]))
			return crm_err_set(a->err, CRM_EDATA, "line %zu: amount "
			    "out of range", i + 1);
		if (l->discount >= 0 && l->discount <= a->r->gross[i])
			a->r->state[i] = ELIGIBLE;
	}
	return CRM_OK;
}

/* A line without a sku or category matches none. */
static int
same(const char *s, const char *t)
{
	return s != NULL && strcmp(s, t) == 0;
}

static int
listed(const char *s, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same(s, list[i]))
			return 1;
	return 0;
}

/* The conditions on the order and the customer, not on its lines. */
static int
order_holds(const struct promo *p, const crm_promo_order *o)
{
	if (p->currency[0] != '\0' && (o->currency == NULL ||
	    strcmp(p->currency, o->currency) != 0))
		return 0;
	if (p->ntiers > 0 && !listed(o->tier, p->tiers, p->ntiers))
		return 0;
	if (p->min_tenure >= 0 && (o->since == CRM_PROMO_SINCE_UNKNOWN ||
	    (int64_t)o->day - o->since < p->min_tenure))
		return 0;
	return o->day >= p->from && o->day <= p->to;
}

/* Does promotion p look at line l? */
static int
line_matches(const struct promo *p, const crm_promo_line *l)
{
	size_t i;

	if (p->kind == PROMO_BUNDLE) {
		for (i = 0; i < p->nitems; i++)
			if (same(l->sku, p->items[i].sku))
				return 1;
		return 0;
	}
	if (p->nskus == 0 && p->ncategories == 0)
		return 1;
	return listed(l->sku, p->skus, p->nskus) ||
	    listed(l->category, p->categories, p->ncategories);
}

/* Mark the lines p looks at and add up their units and net amount;
 * *n is how many there are. */
static int
qualify(struct applying *a, const struct promo *p, size_t *n, int64_t *qty,
    int64_t *amount)
{
	size_t i;

	*n = 0;
	*qty = *amount = 0;
	for (i = 0; i < a->o->nlines; i++) {
		a->r->state[i] &= (unsigned char)~(QUALIFIES | TOUCHED);
		if ((a->r->state[i] & (ELIGIBLE | LOCKED)) != ELIGIBLE ||
		    !line_matches(p, &a->o->lines[i]))
			continue;
		a->r->state[i] |= QUALIFIES;
		(*n)++;
		if (__builtin_add_overflow(*qty, a->o->lines[i].qty, qty) ||
		    __builtin_add_overflow(*amount, net(a, i), amount))
			return out_of_range(a, p);
	}
	return CRM_OK;
}

/* Spread cost over the weights into part[]: the shares add up to cost
 * and none exceeds its weight, as cost never exceeds their sum. */
static int
spread(struct applying *a, const struct promo *p, int64_t cost)
{
	crm_err why;

	if (crm_money_split(cost, a->r->weight, a->o->nlines, a->r->part,
	    &why) != CRM_OK)
		return out_of_range(a, p);
	return CRM_OK;
}

static int
percent_of(struct applying *a, const struct promo *p, int64_t amount,
    int64_t pct, int64_t *part)
{
	char text[CRM_MONEY_BUFSZ];
	crm_err why;

	crm_money_format(pct, PROMO_PCT_EXP, text);
	if (crm_money_percent(amount, text, strlen(text), part, &why) !=
	    CRM_OK)
		return out_of_range(a, p);
	return CRM_OK;
}

/* Weights of the qualifying lines: what is left of them.  Returns their
 * sum, which qualify() has checked fits. */
static int64_t
weigh_qualifying(struct applying *a)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < a->o->nlines; i++) {
		a->r->weight[i] = 0;
		if (a->r->state[i] & QUALIFIES) {
			a->r->weight[i] = net(a, i);
			a->r->state[i] |= TOUCHED;
			sum += a->r->weight[i];
		}
	}
	return sum;
}

/* The unit price of the free sku: of a line of the order that has it,
 * else the caller's price list. */
static int
free_unit(struct applying *a, const struct promo *p, int64_t *unit,
    int *found)
{
	const crm_promo_line *l;
	size_t i;
	int rc;

	*found = 0;
	for (i = 0; i < a->o->nlines; i++) {
		l = &a->o->lines[i];
		if (l->qty > 0 && l->unit >= 0 && same(l->sku, p->free_sku)) {
			*unit = l->unit;
			*found = 1;
			return CRM_OK;
		}
	}
	if (a->o->price == NULL)
		return CRM_OK;
	if ((rc = a->o->price(a->o->ctx, p->free_sku, unit, found, a->err)) !=
	    CRM_OK)
		return rc;
	if (*found && *unit < 0)
		*found = 0;
	return CRM_OK;
}

static int
propose_buy_get(struct applying *a, const struct promo *p, int64_t bought,
    struct proposal *pr)
{
	int64_t sets;
	size_t i;
	int found, rc;

	if (bought < p->buy)
		return CRM_OK;
	sets = p->once ? 1 : bought / p->buy;
	if (__builtin_mul_overflow(sets, p->get, &pr->free_qty))
		return out_of_range(a, p);
	if ((rc = free_unit(a, p, &pr->free_unit, &found)) != CRM_OK ||
	    !found)
		return rc;
	if (__builtin_mul_overflow(pr->free_qty, pr->free_unit, &pr->cost))
		return out_of_range(a, p);
	pr->measure = bought;
	for (i = 0; i < a->o->nlines; i++)
		if (a->r->state[i] & QUALIFIES)
			a->r->state[i] |= TOUCHED;
	return CRM_OK;
}

/* Complete bundles: each unit of a line goes into one copy at most. */
static int64_t
bundle_copies(struct applying *a, const struct promo *p)
{
	int64_t copies = INT64_MAX, avail;
	size_t i, k;

	for (k = 0; k < p->nitems; k++) {
		avail = 0;
		for (i = 0; i < a->o->nlines; i++)
			if ((a->r->state[i] & QUALIFIES) &&
			    same(a->o->lines[i].sku, p->items[k].sku))
				avail += a->o->lines[i].qty;
		if (avail / p->items[k].qty < copies)
			copies = avail / p->items[k].qty;
	}
	return copies;
}

/* The units the copies take, from the first lines of each sku; a line's
 * weight is the value of the units taken, at most what is left of it. */
static int
propose_bundle(struct applying *a, const struct promo *p,
    struct proposal *pr)
{
	int64_t copies = bundle_copies(a, p), need, take, sum = 0;
	size_t i, k;

	if (copies == 0)
		return CRM_OK;
	for (i = 0; i < a->o->nlines; i++)
		a->r->used[i] = a->r->weight[i] = 0;
	for (k = 0; k < p->nitems; k++) {
		need = copies * p->items[k].qty;
		for (i = 0; i < a->o->nlines && need > 0; i++) {
			if (!(a->r->state[i] & QUALIFIES) ||
			    !same(a->o->lines[i].sku, p->items[k].sku))
				continue;
			take = a->o->lines[i].qty < need ? a->o->lines[i].qty :
			    need;
			need -= take;
			a->r->used[i] = take;
			a->r->weight[i] = take * a->o->lines[i].unit;
			if (a->r->weight[i] > net(a, i))
				a->r->weight[i] = net(a, i);
			a->r->state[i] |= TOUCHED;
			sum += a->r->weight[i];
		}
	}
	pr->measure = copies;
	if (sum == 0)
		return CRM_OK;
	if (p->pct > 0) {
		pr->pct = p->pct;
		if (percent_of(a, p, sum, p->pct, &pr->cost) != CRM_OK)
			return a->err->code;
	} else {
		pr->amount = p->amount;
		if (__builtin_mul_overflow(copies, p->amount, &pr->cost) ||
		    pr->cost > sum)
			pr->cost = sum;
	}
	return spread(a, p, pr->cost);
}

static int
propose_tiered(struct applying *a, const struct promo *p, int64_t qty,
    int64_t amount, struct proposal *pr)
{
	int64_t measure = p->by_amount ? amount : qty, sum;
	size_t t;

	for (t = p->nthresholds; t > 0; t--)
		if (p->thresholds[t - 1].min <= measure)
			break;
	if (t == 0)
		return CRM_OK;
	pr->measure = p->thresholds[t - 1].min;
	pr->pct = p->thresholds[t - 1].pct;
	if ((sum = weigh_qualifying(a)) == 0)
		return CRM_OK;
	if (percent_of(a, p, sum, pr->pct, &pr->cost) != CRM_OK)
		return a->err->code;
	return spread(a, p, pr->cost);
}

/* The whole order that is left, whatever lines the conditions name. */
static int
propose_order(struct applying *a, const struct promo *p,
    struct proposal *pr)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < a->o->nlines; i++) {
		a->r->weight[i] = 0;
		if ((a->r->state[i] & (ELIGIBLE | LOCKED)) != ELIGIBLE)
			continue;
		a->r->weight[i] = net(a, i);
		a->r->state[i] |= TOUCHED;
		if (__builtin_add_overflow(sum, a->r->weight[i], &sum))
			return out_of_range(a, p);
	}
	pr->base = sum;
	if (sum == 0)
		return CRM_OK;
	if (p->pct > 0) {
		pr->pct = p->pct;
		if (percent_of(a, p, sum, p->pct, &pr->cost) != CRM_OK)
			return a->err->code;
	} else {
		pr->amount = p->amount;
		pr->cost = p->amount < sum ? p->amount : sum;
	}
	return spread(a, p, pr->cost);
}

static int
propose(struct applying *a, const struct promo *p, struct proposal *pr)
{
	int64_t qty, amount;
	size_t n, i;
	int rc;

	memset(pr, 0, sizeof(*pr));
	if (!order_holds(p, a->o))
		return CRM_OK;
	if ((rc = qualify(a, p, &n, &qty, &amount)) != CRM_OK)
		return rc;
	if (n == 0 || qty < p->min_qty || amount < p->min_amount)
		return CRM_OK;
	for (i = 0; i < a->o->nlines; i++)
		a->r->part[i] = 0;
	switch (p->kind) {
	case PROMO_BUY_GET:
		return propose_buy_get(a, p, qty, pr);
	case PROMO_BUNDLE:
		return propose_bundle(a, p, pr);
	case PROMO_TIERED:
		return propose_tiered(a, p, qty, amount, pr);
	default:
		return propose_order(a, p, pr);
	}
}

/* "12.5" for 12.500000000. */
static int
add_percent(crm_buf *b, int64_t pct)
{
	char text[CRM_MONEY_BUFSZ];
	size_t n;

	crm_money_format(pct, PROMO_PCT_EXP, text);
	n = strlen(text);
	while (text[n - 1] == '0')
		n--;
	if (text[n - 1] == '.')
		n--;
	return crm_buf_add_json_str(b, text, n);
}

static int
add_money(crm_buf *b, const char *key, int64_t minor, int exponent)
{
	char text[CRM_MONEY_BUFSZ];

	crm_money_format(minor, exponent, text);
	return crm_buf_printf(b, ",\"%s\":\"%s\"", key, text);
}

/* The record of what p did: kind, figures, lines (from 1). */
static int
describe(struct applying *a, const struct promo *p,
    const struct proposal *pr)
{
	crm_buf *b = &a->r->details;
	int x = a->o->exponent;
	size_t i;
	int rc, first = 1;

	rc = crm_buf_printf(b, "{\"kind\":\"%s\"", crm_promo_kind_name(p->kind));
	if (rc == CRM_OK && p->kind == PROMO_BUY_GET)
		rc = crm_buf_printf(b, ",\"bought\":%" PRId64 ",\"free_sku\":",
		    pr->measure) || crm_buf_add_json_str(b, p->free_sku,
		    strlen(p->free_sku)) || crm_buf_printf(b, ",\"free_qty\":%"
		    PRId64, pr->free_qty) || add_money(b, "unit", pr->free_unit,
		    x);
	if (rc == CRM_OK && p->kind == PROMO_BUNDLE)
		rc = crm_buf_printf(b, ",\"bundles\":%" PRId64, pr->measure);
	if (rc == CRM_OK && p->kind == PROMO_TIERED)
		rc = p->by_amount ? add_money(b, "min_amount", pr->measure, x) :
		    crm_buf_printf(b, ",\"min_qty\":%" PRId64, pr->measure);
	if (rc == CRM_OK && pr->pct > 0)
		rc = crm_buf_adds(b, ",\"percent\":") || add_percent(b, pr->pct);
	if (rc == CRM_OK && pr->amount > 0)
		rc = add_money(b, p->kind == PROMO_BUNDLE ? "amount_each" :
		    "amount", pr->amount, x);
	if (rc == CRM_OK && p->kind == PROMO_ORDER)
		rc = add_money(b, "base", pr->base, x);
	if (rc == CRM_OK && p->kind != PROMO_ORDER) {
		rc = crm_buf_adds(b, ",\"lines\":[");
		for (i = 0; rc == CRM_OK && i < a->o->nlines; i++)
			if (a->r->state[i] & TOUCHED) {
				rc = crm_buf_printf(b, "%s%zu", first ? "" : ",",
				    i + 1);
				first = 0;
			}
		if (rc == CRM_OK)
			rc = crm_buf_adds(b, "]");
	}
	if (rc == CRM_OK)
		rc = crm_buf_add(b, "}", 2);
	return rc != CRM_OK ? crm_err_nomem(a->err) : CRM_OK;
}

static int
add_free_line(struct applying *a, const struct promo *p,
    const struct proposal *pr)
{
	crm_promo_result *r = a->r;
	crm_promo_free_line *f;

	if (r->nfree == r->free_cap) {
		if (grow((void **)&r->free, r->free_cap * 2 + 4,
		    sizeof(*r->free)))
			return crm_err_nomem(a->err);
		r->free_cap = r->free_cap * 2 + 4;
	}
	f = &r->free[r->nfree++];
	f->sku = p->free_sku;
	f->qty = pr->free_qty;
	f->unit = pr->free_unit;
	f->discount = pr->cost;
	f->promo_id = p->id;
	return CRM_OK;
}

static int
add_grant(struct applying *a, const struct promo *p, int64_t cost,
    int64_t revenue)
{
	crm_promo_result *r = a->r;
	crm_promo_grant *g;
	size_t cap = r->grant_cap * 2 + 4;

	if (r->ngrants == r->grant_cap) {
		if (grow((void **)&r->grant, cap, sizeof(*r->grant)) ||
		    grow((void **)&r->detail_at, cap, sizeof(size_t)))
			return crm_err_nomem(a->err);
		r->grant_cap = cap;
	}
	r->detail_at[r->ngrants] = r->details.len;
	g = &r->grant[r->ngrants++];
	g->promo_id = p->id;
	g->name = p->name;
	g->kind = crm_promo_kind_name(p->kind);
	g->cost = cost;
	g->revenue = revenue;
	g->detail = NULL;
	return CRM_OK;
}

/* Keep what p gives: discounts onto the lines, the free line, the grant;
 * an exclusive promotion keeps the lines it applied to for itself. */
static int
grant(struct applying *a, const struct promo *p, const struct proposal *pr)
{
	crm_promo_result *r = a->r;
	int64_t revenue = 0;
	size_t i;
	int rc;

	for (i = 0; i < a->o->nlines; i++) {
		if (!(r->state[i] & TOUCHED))
			continue;
		if (p->kind == PROMO_ORDER)
			r->share[i] += r->part[i];
		else
			r->extra[i] += r->part[i];
		revenue += net(a, i);
		if (p->exclusive)
			r->state[i] |= LOCKED;
	}
	if (p->kind == PROMO_ORDER)
		r->order_discount += pr->cost;
	if ((p->kind == PROMO_BUY_GET && (rc = add_free_line(a, p, pr)) !=
	    CRM_OK) || (rc = add_grant(a, p, pr->cost, revenue)) != CRM_OK)
		return rc;
	return describe(a, p, pr);
}

static int
try_promo(struct applying *a, const struct promo *p)
{
	struct proposal pr;
	int already = 0, rc;

	if ((rc = propose(a, p, &pr)) != CRM_OK || pr.cost <= 0)
		return rc;
	if (a->o->granted != NULL && (rc = a->o->granted(a->o->ctx, p->id,
	    &already, a->err)) != CRM_OK)
		return rc;
	return already ? CRM_OK : grant(a, p, &pr);
}

/* Line promotions in file order, then order discounts. */
static int
apply_all(struct applying *a)
{
	size_t i;
	int rc, pass;

	if ((rc = take_lines(a)) != CRM_OK)
		return rc;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->promos->n; i++) {
			const struct promo *p = &a->promos->promo[i];

			if ((p->kind == PROMO_ORDER) == (pass == 1) &&
			    (rc = try_promo(a, p)) != CRM_OK)
				return rc;
		}
	for (i = 0; i < a->r->ngrants; i++)
		a->r->grant[i].detail = a->r->details.data +
		    a->r->detail_at[i];
	return CRM_OK;
}

int
crm_promos_apply(const crm_promos *promos, const crm_promo_order *order,
    crm_promo_result *result, crm_err *err)
{
	struct applying a;
	int rc;

	a.promos = promos;
	a.o = order;
	a.r = result;
	a.err = err;
	if ((rc = start(result, order->nlines, err)) == CRM_OK &&
	    (rc = apply_all(&a)) != CRM_OK)
		forget(result);
	return rc;
}
