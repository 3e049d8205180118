/*
 * demand_hier.c - reconciliation over a product x region hierarchy,
 * bottom up or top down by history, and the rounding that keeps every
 * parent exactly the sum of its children along both dimensions.
 *
 * Rounding a table so that its cells and both its margins are each
 * rounded down or up and still add up is controlled rounding (Cox and
 * Ernst, 1982): it is a flow problem, and a solution always exists.
 * Here the cells of each product first take its units by largest
 * remainder; a region whose total then strays is mended by moving one
 * unit at a time along a shortest path of cells (breadth first), which
 * is how an augmenting path repairs a flow, so the result stays as close
 * to largest remainder as the regions allow.
 */
#include <math.h>

#include "internal.h"
#include "demand_internal.h"

/* Values are taken to FINE parts of their last place, as integers. */
#define FINE 1000000
/* Largest |value| x 10^decimals: FINE times it, summed over millions of
 * cells, still fits an int64. */
#define ROUND_MAX 1e12
#define MAX_DECIMALS 6

struct hist {
	const char *product, *region;   /* interned */
	double total;
};

struct cell {
	const char *product, *region, *period;   /* interned */
	int32_t first, last;
	double value;
	double ptotal;                   /* top down: the product's total */
};

struct crm_demand_hier {
	char *product, *region;
	crm_demand_recon how;
	int decimals;
	crm_strmap *names;               /* text -> its interned copy */
	char **owned;
	size_t nowned, cowned;
	struct hist *hist;
	size_t nhist, chist;
	crm_strmap *hist_ix;             /* product and region -> 1 */
	struct cell *cells;
	size_t ncells, ccells;
	crm_demand_node *nodes;
	size_t nnodes, cnodes;
	crm_buf scratch;
};

/* One period's table while it is rounded: cells product by product,
 * each product's in region order. */
struct table {
	size_t n, np, nr;
	const char **regions;            /* nr, in byte order */
	size_t *cp, *cr;                 /* each cell's product and region */
	int64_t *fl, *f;                 /* whole units and FINE parts */
	unsigned char *up;               /* the cell takes one more unit */
	size_t *pstart;                  /* np + 1: cells of each product */
	size_t *rcells, *rstart;         /* cells of each region */
	int64_t *u, *plo, *phi;          /* units a product hands out */
	int64_t *w, *rlo, *rhi;          /* units a region receives */
	ptrdiff_t *prev, *pcell;         /* breadth-first search */
	unsigned char *seen;
	size_t *queue;
};

int
crm_demand_hier_new(const char *product, const char *region,
    crm_demand_recon how, int decimals, crm_demand_hier **hp, crm_err *err)
{
	crm_demand_hier *h;

	*hp = NULL;
	if (product == NULL || region == NULL || *product == '\0' ||
	    *region == '\0' || strcmp(product, region) == 0)
		return crm_err_set(err, CRM_EUSAGE, "hierarchy: two different "
		    "key fields are needed, product and region");
	if (how != CRM_DEMAND_BOTTOM_UP && how != CRM_DEMAND_TOP_DOWN)
		return crm_err_set(err, CRM_EUSAGE, "hierarchy: unknown "
		    "method");
	if (decimals < 0 || decimals > MAX_DECIMALS)
		return crm_err_set(err, CRM_EUSAGE, "hierarchy: decimals must "
		    "be 0 to %d", MAX_DECIMALS);
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return crm_err_nomem(err);
	h->how = how;
	h->decimals = decimals;
	if ((h->product = strdup(product)) == NULL ||
	    (h->region = strdup(region)) == NULL ||
	    (h->names = crm_strmap_new(sizeof(char *))) == NULL ||
	    (h->hist_ix = crm_strmap_new(sizeof(int))) == NULL) {
		crm_demand_hier_free(h);
		return crm_err_nomem(err);
	}
	*hp = h;
	return CRM_OK;
}

void
crm_demand_hier_free(crm_demand_hier *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nowned; i++)
		free(h->owned[i]);
	free(h->owned);
	free(h->product);
	free(h->region);
	crm_strmap_free(h->names);
	crm_strmap_free(h->hist_ix);
	free(h->hist);
	free(h->cells);
	free(h->nodes);
	crm_buf_free(&h->scratch);
	free(h);
}

/* The interned copy of s, which lives as long as h. */
static int
intern(crm_demand_hier *h, const char *s, const char **out, crm_err *err)
{
	char **slot;
	int added, rc;

	if ((slot = crm_strmap_put(h->names, s, &added)) == NULL)
		return crm_err_nomem(err);
	if (added) {
		if ((rc = crm_array_grow(&h->owned, &h->cowned, h->nowned,
		    sizeof(*h->owned), err)) != CRM_OK)
			return rc;
		if ((*slot = strdup(s)) == NULL)
			return crm_err_nomem(err);
		h->owned[h->nowned++] = *slot;
	}
	*out = *slot;
	return CRM_OK;
}

int
crm_demand_hier_history(crm_demand_hier *h, const char *product,
    const char *region, double total, crm_err *err)
{
	const char *pair[2] = { product, region };
	struct hist *e;
	int added, rc;

	if (!isfinite(total) || total < 0 || total >= CRM_DEMAND_MAX)
		return crm_err_set(err, CRM_EDATA, "history of %s \"%s\" in %s "
		    "\"%s\": not a total from 0 to 1e15", h->product, product,
		    h->region, region);
	crm_buf_reset(&h->scratch);
	if (demand_key_encode(&h->scratch, pair, 2) != CRM_OK)
		return crm_err_nomem(err);
	if (crm_strmap_get(h->hist_ix, h->scratch.data) != NULL)
		return crm_err_set(err, CRM_EDATA, "history of %s \"%s\" in %s "
		    "\"%s\": given twice", h->product, product, h->region,
		    region);
	if ((rc = crm_array_grow(&h->hist, &h->chist, h->nhist,
	    sizeof(*h->hist), err)) != CRM_OK)
		return rc;
	e = &h->hist[h->nhist];
	if ((rc = intern(h, product, &e->product, err)) != CRM_OK ||
	    (rc = intern(h, region, &e->region, err)) != CRM_OK)
		return rc;
	e->total = total;
	if (crm_strmap_put(h->hist_ix, h->scratch.data, &added) == NULL)
		return crm_err_nomem(err);
	h->nhist++;
	return CRM_OK;
}

static int
by_hist(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;
	int c = strcmp(x->product, y->product);

	return c != 0 ? c : strcmp(x->region, y->region);
}

static int
by_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int c;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	if ((c = strcmp(x->period, y->period)) != 0 ||
	    (c = strcmp(x->product, y->product)) != 0)
		return c;
	return strcmp(x->region, y->region);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
add_cell(crm_demand_hier *h, const char *product, const char *region,
    const crm_demand_row *row, double value, crm_err *err)
{
	struct cell *c;
	int rc;

	if ((rc = crm_array_grow(&h->cells, &h->ccells, h->ncells,
	    sizeof(*h->cells), err)) != CRM_OK)
		return rc;
	c = &h->cells[h->ncells];
	if ((rc = intern(h, product, &c->product, err)) != CRM_OK ||
	    (rc = intern(h, region, &c->region, err)) != CRM_OK ||
	    (rc = intern(h, row->period, &c->period, err)) != CRM_OK)
		return rc;
	c->first = row->first;
	c->last = row->last;
	c->value = value;
	c->ptotal = row->final;
	h->ncells++;
	return CRM_OK;
}

/* Top down: row's product total split over its regions. */
static int
split_row(crm_demand_hier *h, const crm_demand_row *row,
    const char *const *all, size_t nall, crm_err *err)
{
	const char *product = row->vals[0];
	size_t lo = 0, hi = h->nhist, mid, i, n;
	double sum = 0;
	int rc = CRM_OK;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(h->hist[mid].product, product) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < h->nhist && strcmp(h->hist[hi].product,
	    product) == 0; hi++)
		sum += h->hist[hi].total;
	n = hi - lo;
	if (n == 0) {
		if (nall == 0)
			return crm_err_set(err, CRM_EDATA, "%s \"%s\": no "
			    "region to split its forecast into (no history)",
			    h->product, product);
		for (i = 0; rc == CRM_OK && i < nall; i++)
			rc = add_cell(h, product, all[i], row,
			    row->final / (double)nall, err);
		return rc;
	}
	for (i = lo; rc == CRM_OK && i < hi; i++)
		rc = add_cell(h, product, h->hist[i].region, row, sum > 0 ?
		    row->final * (h->hist[i].total / sum) :
		    row->final / (double)n, err);
	return rc;
}

/* Every region the history names, in byte order, into *all (malloc'd,
 * borrowed strings). */
static int
all_regions(crm_demand_hier *h, const char ***all, size_t *n, crm_err *err)
{
	size_t i, k = 0;

	*all = NULL;
	*n = 0;
	if (h->nhist == 0)
		return CRM_OK;
	if ((*all = calloc(h->nhist, sizeof(**all))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < h->nhist; i++)
		(*all)[i] = h->hist[i].region;
	qsort(*all, h->nhist, sizeof(**all), by_name);
	for (i = 0; i < h->nhist; i++)
		if (k == 0 || strcmp((*all)[k - 1], (*all)[i]) != 0)
			(*all)[k++] = (*all)[i];
	*n = k;
	return CRM_OK;
}

static int
make_cells(crm_demand_hier *h, const crm_demand_rows *rows, crm_err *err)
{
	const char *const *keys, **all = NULL;
	const crm_demand_row *row;
	size_t nkeys, i, p = 0, r = 1, nall = 0;
	int rc = CRM_OK;

	keys = crm_demand_rows_keys(rows, &nkeys);
	if (h->how == CRM_DEMAND_BOTTOM_UP) {
		if (nkeys != 2 || (strcmp(keys[0], h->product) != 0 &&
		    strcmp(keys[1], h->product) != 0) ||
		    (strcmp(keys[0], h->region) != 0 &&
		    strcmp(keys[1], h->region) != 0))
			return crm_err_set(err, CRM_EUSAGE, "bottom up: the "
			    "forecast must be keyed by %s and %s alone",
			    h->product, h->region);
		if (strcmp(keys[0], h->product) != 0) {
			p = 1;
			r = 0;
		}
		for (i = 0; rc == CRM_OK && i < crm_demand_rows_count(rows);
		    i++) {
			row = crm_demand_rows_at(rows, i);
			rc = add_cell(h, row->vals[p], row->vals[r], row,
			    row->final, err);
		}
		return rc;
	}
	if (nkeys != 1 || strcmp(keys[0], h->product) != 0)
		return crm_err_set(err, CRM_EUSAGE, "top down: the forecast "
		    "must be keyed by %s alone", h->product);
	if (h->nhist > 0)
		qsort(h->hist, h->nhist, sizeof(*h->hist), by_hist);
	if ((rc = all_regions(h, &all, &nall, err)) != CRM_OK)
		return rc;
	for (i = 0; rc == CRM_OK && i < crm_demand_rows_count(rows); i++)
		rc = split_row(h, crm_demand_rows_at(rows, i), all, nall, err);
	free(all);
	return rc;
}

static void
table_free(struct table *t)
{
	free(t->regions);
	free(t->cp);
	free(t->cr);
	free(t->fl);
	free(t->f);
	free(t->up);
	free(t->pstart);
	free(t->rcells);
	free(t->rstart);
	free(t->u);
	free(t->plo);
	free(t->phi);
	free(t->w);
	free(t->rlo);
	free(t->rhi);
	free(t->prev);
	free(t->pcell);
	free(t->seen);
	free(t->queue);
}

static size_t
region_index(const struct table *t, const char *region)
{
	size_t lo = 0, hi = t->nr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(t->regions[mid], region) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Allocate t for the n cells c (sorted by product, region) and take
 * their values to whole units and FINE parts. */
static int
table_load(crm_demand_hier *h, const struct cell *c, size_t n,
    struct table *t, crm_err *err)
{
	double scale = pow(10, h->decimals), fine = scale * FINE;
	size_t i, k, nodes;
	int64_t q;

	memset(t, 0, sizeof(*t));
	t->n = n;
	for (i = 0; i < n; i++)
		if (i == 0 || c[i].product != c[i - 1].product)
			t->np++;
	if ((t->regions = calloc(n, sizeof(*t->regions))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n; i++)
		t->regions[i] = c[i].region;
	qsort(t->regions, n, sizeof(*t->regions), by_name);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || strcmp(t->regions[k - 1], t->regions[i]) != 0)
			t->regions[k++] = t->regions[i];
	t->nr = k;
	nodes = t->np + t->nr + 1;
	if ((t->cp = calloc(n, sizeof(size_t))) == NULL ||
	    (t->cr = calloc(n, sizeof(size_t))) == NULL ||
	    (t->fl = calloc(n, sizeof(int64_t))) == NULL ||
	    (t->f = calloc(n, sizeof(int64_t))) == NULL ||
	    (t->up = calloc(n, 1)) == NULL ||
	    (t->pstart = calloc(t->np + 1, sizeof(size_t))) == NULL ||
	    (t->rcells = calloc(n, sizeof(size_t))) == NULL ||
	    (t->rstart = calloc(t->nr + 1, sizeof(size_t))) == NULL ||
	    (t->u = calloc(t->np, sizeof(int64_t))) == NULL ||
	    (t->plo = calloc(t->np, sizeof(int64_t))) == NULL ||
	    (t->phi = calloc(t->np, sizeof(int64_t))) == NULL ||
	    (t->w = calloc(t->nr, sizeof(int64_t))) == NULL ||
	    (t->rlo = calloc(t->nr, sizeof(int64_t))) == NULL ||
	    (t->rhi = calloc(t->nr, sizeof(int64_t))) == NULL ||
	    (t->prev = calloc(nodes, sizeof(ptrdiff_t))) == NULL ||
	    (t->pcell = calloc(nodes, sizeof(ptrdiff_t))) == NULL ||
	    (t->seen = calloc(nodes, 1)) == NULL ||
	    (t->queue = calloc(nodes, sizeof(size_t))) == NULL)
		return crm_err_nomem(err);
	for (i = 0, k = 0; i < n; i++) {
		if (i > 0 && c[i].product != c[i - 1].product)
			k++;
		t->cp[i] = k;
		t->pstart[k + 1] = i + 1;
		t->cr[i] = region_index(t, c[i].region);
		t->rstart[t->cr[i] + 1]++;
		if (!(fabs(c[i].value * scale) < ROUND_MAX))
			return crm_err_set(err, CRM_EDATA, "%s \"%s\", %s "
			    "\"%s\", %s: %g is too large to round at %d "
			    "decimals", h->product, c[i].product, h->region,
			    c[i].region, c[i].period, c[i].value,
			    h->decimals);
		q = (int64_t)llround(c[i].value * fine);
		t->fl[i] = q / FINE;
		t->f[i] = q % FINE;
		if (t->f[i] < 0) {
			t->f[i] += FINE;
			t->fl[i]--;
		}
	}
	/* Cells of each region, product by product: a counting sort. */
	for (k = 0; k < t->nr; k++)
		t->rstart[k + 1] += t->rstart[k];
	for (i = 0; i < n; i++)
		t->rcells[t->rstart[t->cr[i]] + t->w[t->cr[i]]++] = i;
	memset(t->w, 0, t->nr * sizeof(int64_t));
	return CRM_OK;
}

struct pick {
	int64_t prio;
	size_t i;
};

static int
by_pick(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Largest remainder: each item i of n gets lo[i] (out[i]), and the k -
 * sum(lo) units left one each to the items with hi above lo, largest
 * prio first, ties to the earlier.  -1 when k is out of reach. */
static int
apportion(int64_t k, const int64_t *lo, const int64_t *hi,
    const int64_t *prio, size_t n, int64_t *out)
{
	struct pick *p;
	size_t i, np = 0;
	int64_t left = k;

	for (i = 0; i < n; i++) {
		out[i] = lo[i];
		left -= lo[i];
	}
	if (left == 0)
		return 0;
	if (left < 0 || (p = calloc(n, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (hi[i] > lo[i])
			p[np++] = (struct pick){ prio[i], i };
	if (np > 0)
		qsort(p, np, sizeof(*p), by_pick);
	for (i = 0; i < np && left > 0; i++, left--)
		out[p[i].i]++;
	free(p);
	return left == 0 ? 0 : -1;
}

/* Breadth-first search: mark y seen, reached from x over cell c (-1 for
 * an edge through the grand total). */
static void
reach(struct table *t, size_t x, size_t y, ptrdiff_t c, size_t *tail)
{
	t->seen[y] = 1;
	t->prev[y] = (ptrdiff_t)x;
	t->pcell[y] = c;
	t->queue[(*tail)++] = y;
}

/* Move one unit between regions along a shortest path of cells.  over:
 * from region a, over its bound, to the nearest region with room; else
 * to region a, under its bound, from the nearest region that can spare
 * one, found by following the edges backwards from a.  Nodes: regions
 * 0..nr-1, then products, then the grand total S, through which a
 * product that may give a unit up hands it to one that may take one
 * more.  Forwards, a region reaches the products of its cells that take
 * a unit (which give it back) and a product the regions of its cells
 * that may take one.  -1 when there is no path. */
static int
move_unit(struct table *t, size_t a, int over)
{
	size_t S = t->nr + t->np, head = 0, tail = 0, x, y, p, k, c;
	ptrdiff_t found = -1;
	int from_up;

	memset(t->seen, 0, S + 1);
	t->seen[a] = 1;
	t->prev[a] = -1;
	t->queue[tail++] = a;
	/* Forwards a region leaves by a cell that is up; backwards by one
	 * that may go up. */
	from_up = over;
	while (head < tail && found < 0) {
		x = t->queue[head++];
		if (x < t->nr) {
			for (k = t->rstart[x]; k < t->rstart[x + 1]; k++) {
				c = t->rcells[k];
				y = t->nr + t->cp[c];
				if (t->seen[y] || (from_up ? !t->up[c] :
				    t->up[c] || t->f[c] == 0))
					continue;
				reach(t, x, y, (ptrdiff_t)c, &tail);
			}
		} else if (x < S) {
			p = x - t->nr;
			for (c = t->pstart[p]; c < t->pstart[p + 1]; c++) {
				y = t->cr[c];
				if (t->seen[y] || (from_up ? t->up[c] ||
				    t->f[c] == 0 : !t->up[c]))
					continue;
				reach(t, x, y, (ptrdiff_t)c, &tail);
				if (over ? t->w[y] < t->rhi[y] :
				    t->w[y] > t->rlo[y]) {
					found = (ptrdiff_t)y;
					break;
				}
			}
			if (found < 0 && !t->seen[S] && (over ?
			    t->u[p] > t->plo[p] : t->u[p] < t->phi[p]))
				reach(t, x, S, -1, &tail);
		} else {
			for (p = 0; p < t->np; p++) {
				y = t->nr + p;
				if (!t->seen[y] && (over ? t->u[p] < t->phi[p] :
				    t->u[p] > t->plo[p]))
					reach(t, x, y, -1, &tail);
			}
		}
	}
	if (found < 0)
		return -1;
	/* Walk back.  Forwards, a cell entered from its region gives its
	 * unit back and one entered from its product takes one; backwards
	 * the other way round. */
	for (y = (size_t)found; t->prev[y] >= 0; y = (size_t)t->prev[y]) {
		if (t->pcell[y] < 0)
			continue;
		c = (size_t)t->pcell[y];
		if ((y < t->nr) == (over != 0)) {
			t->up[c] = 1;
			t->u[t->cp[c]]++;
			t->w[t->cr[c]]++;
		} else {
			t->up[c] = 0;
			t->u[t->cp[c]]--;
			t->w[t->cr[c]]--;
		}
	}
	return 0;
}

/* A rounding always exists (see the top of this file): not finding one
 * is a bug, or out of memory in apportion. */
static int
no_rounding(crm_err *err)
{
	return crm_err_set(err, CRM_EINTERNAL, "hierarchy: no consistent "
	    "rounding found");
}

/* Round the table: the grand total, products by largest remainder, each
 * product's cells by largest remainder, then regions mended. */
static int
table_round(struct table *t, crm_err *err)
{
	int64_t gfl = 0, g = 0, k, rem, *lo, *hi, *prio, *out;
	size_t i, p, j, n = t->np > t->n ? t->np : t->n;
	int rc = CRM_OK;

	lo = calloc(n, sizeof(int64_t));
	hi = calloc(n, sizeof(int64_t));
	prio = calloc(n, sizeof(int64_t));
	out = calloc(n, sizeof(int64_t));
	if (lo == NULL || hi == NULL || prio == NULL || out == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		gfl += t->fl[i];
		g += t->f[i];
	}
	/* Half away from zero: a half rounds up when the total is not
	 * below zero, whole units and FINE parts counted apart. */
	k = g / FINE;
	rem = g % FINE;
	if (2 * rem > FINE || (2 * rem == FINE && gfl + k >= 0))
		k++;
	for (p = 0; p < t->np; p++) {
		int64_t r = 0;

		for (i = t->pstart[p]; i < t->pstart[p + 1]; i++)
			r += t->f[i];
		t->plo[p] = r / FINE;
		t->phi[p] = t->plo[p] + (r % FINE != 0);
		prio[p] = r % FINE;
	}
	if (apportion(k, t->plo, t->phi, prio, t->np, t->u) != 0) {
		rc = no_rounding(err);
		goto out;
	}
	for (p = 0; p < t->np; p++) {
		size_t a = t->pstart[p], m = t->pstart[p + 1] - a;

		for (i = 0; i < m; i++) {
			lo[i] = 0;
			hi[i] = t->f[a + i] > 0;
		}
		if (apportion(t->u[p], lo, hi, t->f + a, m, out) != 0) {
			rc = no_rounding(err);
			goto out;
		}
		for (i = 0; i < m; i++) {
			t->up[a + i] = (unsigned char)out[i];
			t->w[t->cr[a + i]] += out[i];
		}
	}
	for (j = 0; j < t->nr; j++) {
		int64_t s = 0;

		for (i = t->rstart[j]; i < t->rstart[j + 1]; i++)
			s += t->f[t->rcells[i]];
		t->rlo[j] = s / FINE;
		t->rhi[j] = t->rlo[j] + (s % FINE != 0);
	}
	for (j = 0; rc == CRM_OK && j < t->nr; j++)
		while (rc == CRM_OK && t->w[j] > t->rhi[j])
			if (move_unit(t, j, 1) != 0)
				rc = no_rounding(err);
	for (j = 0; rc == CRM_OK && j < t->nr; j++)
		while (rc == CRM_OK && t->w[j] < t->rlo[j])
			if (move_unit(t, j, 0) != 0)
				rc = no_rounding(err);
out:
	free(lo);
	free(hi);
	free(prio);
	free(out);
	return rc;
}

static int
add_node(crm_demand_hier *h, crm_demand_level level, const char *product,
    const char *region, const char *period, double value, int64_t scaled,
    crm_err *err)
{
	int rc;

	if ((rc = crm_array_grow(&h->nodes, &h->cnodes, h->nnodes,
	    sizeof(*h->nodes), err)) != CRM_OK)
		return rc;
	h->nodes[h->nnodes++] = (crm_demand_node){ level, product, region,
	    period, value == 0 ? 0 : value, scaled };
	return CRM_OK;
}

/* The figures of one period from its rounded table. */
static int
emit(crm_demand_hier *h, const struct cell *c, const struct table *t,
    crm_err *err)
{
	const char *period = c[0].period;
	double total = 0, v;
	int64_t stotal = 0, s;
	size_t p, i, j, k, at;
	int rc;

	at = h->nnodes;
	if ((rc = add_node(h, CRM_DEMAND_TOTAL, NULL, NULL, period, 0, 0,
	    err)) != CRM_OK)
		return rc;
	for (p = 0; p < t->np; p++) {
		size_t a = t->pstart[p];

		v = 0;
		s = 0;
		for (i = a; i < t->pstart[p + 1]; i++) {
			v += c[i].value;
			s += t->fl[i] + t->up[i];
		}
		if (h->how == CRM_DEMAND_TOP_DOWN)
			v = c[a].ptotal;
		total += v;
		stotal += s;
		if ((rc = add_node(h, CRM_DEMAND_PRODUCT, c[a].product, NULL,
		    period, v, s, err)) != CRM_OK)
			return rc;
		for (i = a; i < t->pstart[p + 1]; i++)
			if ((rc = add_node(h, CRM_DEMAND_CELL, c[i].product,
			    c[i].region, period, c[i].value,
			    t->fl[i] + t->up[i], err)) != CRM_OK)
				return rc;
	}
	for (j = 0; j < t->nr; j++) {
		v = 0;
		s = 0;
		for (k = t->rstart[j]; k < t->rstart[j + 1]; k++) {
			i = t->rcells[k];
			v += c[i].value;
			s += t->fl[i] + t->up[i];
		}
		if ((rc = add_node(h, CRM_DEMAND_REGION, NULL, t->regions[j],
		    period, v, s, err)) != CRM_OK)
			return rc;
	}
	h->nodes[at].value = total == 0 ? 0 : total;
	h->nodes[at].scaled = stotal;
	return CRM_OK;
}

int
crm_demand_hier_run(crm_demand_hier *h, const crm_demand_rows *rows,
    crm_err *err)
{
	struct table t;
	size_t a, b;
	int rc;

	h->ncells = 0;
	h->nnodes = 0;
	if ((rc = make_cells(h, rows, err)) != CRM_OK)
		goto out;
	if (h->ncells > 0)
		qsort(h->cells, h->ncells, sizeof(*h->cells), by_cell);
	for (a = 0; rc == CRM_OK && a < h->ncells; a = b) {
		for (b = a + 1; b < h->ncells &&
		    h->cells[b].period == h->cells[a].period; b++)
			;
		if ((rc = table_load(h, h->cells + a, b - a, &t, err)) ==
		    CRM_OK && (rc = table_round(&t, err)) == CRM_OK)
			rc = emit(h, h->cells + a, &t, err);
		table_free(&t);
	}
out:
	/* Half a hierarchy is no hierarchy. */
	if (rc != CRM_OK)
		h->nnodes = 0;
	return rc;
}

size_t
crm_demand_hier_count(const crm_demand_hier *h)
{
	return h->nnodes;
}

const crm_demand_node *
crm_demand_hier_at(const crm_demand_hier *h, size_t i)
{
	return &h->nodes[i];
}

static int
set_str_or_null(crm_rec *out, const char *key, const char *s, crm_err *err)
{
	if (s == NULL)
		return crm_rec_set_null(out, key, err);
	return crm_rec_set_str(out, key, s, strlen(s), err);
}

int
crm_demand_hier_write(const crm_demand_hier *h, size_t i, crm_rec *out,
    crm_err *err)
{
	static const char *const levels[] = { "total", "product", "region",
	    "cell" };
	const crm_demand_node *n = &h->nodes[i];
	char num[CRM_MONEY_BUFSZ];
	int rc;

	crm_rec_clear(out);
	crm_money_format(n->scaled, h->decimals, num);
	if ((rc = crm_rec_set_str(out, "level", levels[n->level],
	    strlen(levels[n->level]), err)) != CRM_OK ||
	    (rc = set_str_or_null(out, h->product, n->product, err)) !=
	    CRM_OK ||
	    (rc = set_str_or_null(out, h->region, n->region, err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_str(out, "period", n->period,
	    strlen(n->period), err)) != CRM_OK)
		return rc;
	return crm_rec_set_json(out, "forecast", CRM_NUMBER, num, strlen(num),
	    err);
}
