/*
 * catalog_match.c - the index of the catalog's words and matching a
 * description against it.
 *
 * Every code, name and alias is normalised and put in a trie whose
 * edges are one hash table keyed by (node, byte), so that the longest
 * word at a place of a description is found in one walk, one probe per
 * byte, with no allocation: matching a million order lines costs what
 * reading them does.
 */
#include "internal.h"
#include "catalog_internal.h"

/* At most this many candidates in a message, each text cut to
 * TEXT_MAX bytes, the part quoted to PART_MAX. */
#define CANDIDATES 5
#define TEXT_MAX 40
#define PART_MAX 64

/* The length of s[0..len) cut to at most max bytes at a character
 * boundary. */
static size_t
cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

int
crm_catalog_index_add(crm_catalog *cat, enum cat_kind kind, uint32_t idx,
    const char *text, crm_err *err)
{
	struct cat_entry *e, *grown;
	size_t cap;
	int rc;

	if (text == NULL)
		return CRM_OK;
	if ((rc = crm_catalog_norm(&cat->text, text, strlen(text), err)) !=
	    CRM_OK)
		return rc;
	if (cat->text.len == 0)
		return CRM_OK;     /* nothing to match: only punctuation */
	if (cat->nentries == cat->capentries) {
		cap = cat->capentries ? cat->capentries * 2 : 64;
		if ((grown = realloc(cat->entries, cap * sizeof(*grown))) ==
		    NULL)
			return crm_err_nomem(err);
		cat->entries = grown;
		cat->capentries = cap;
	}
	e = &cat->entries[cat->nentries];
	e->node = 0;
	e->seq = (uint32_t)cat->nentries;
	e->kind = (uint8_t)kind;
	e->idx = idx;
	e->text = text;
	e->norm_off = cat->norms.len;
	e->norm_len = cat->text.len;
	if (crm_buf_add(&cat->norms, cat->text.data, cat->text.len) != CRM_OK)
		return crm_err_nomem(err);
	cat->nentries++;
	return CRM_OK;
}

static size_t
edge_slot(const crm_catalog *cat, uint32_t parent, unsigned char byte)
{
	uint32_t h = (parent * 0x9e3779b1u) ^ (byte * 0x85ebca77u);

	return (size_t)(h ^ h >> 15) & cat->edge_mask;
}

/* The child of node parent by byte, or 0. */
static uint32_t
child_of(const crm_catalog *cat, uint32_t parent, unsigned char byte)
{
	const struct cat_edge *e;
	size_t h;

	if (cat->edges == NULL)
		return 0;
	for (h = edge_slot(cat, parent, byte); (e = &cat->edges[h])->child;
	    h = (h + 1) & cat->edge_mask)
		if (e->parent == parent && e->byte == byte)
			return e->child;
	return 0;
}

/* The node of norm, made as needed. */
static int
insert(crm_catalog *cat, const char *norm, size_t len, uint32_t *node,
    crm_err *err)
{
	uint32_t cur = 0, next;
	struct cat_node *grown;
	size_t i, h, cap;

	for (i = 0; i < len; i++, cur = next) {
		if ((next = child_of(cat, cur, (unsigned char)norm[i])) != 0)
			continue;
		if (cat->nnodes == cat->capnodes) {
			cap = cat->capnodes * 2;
			if ((grown = realloc(cat->nodes, cap *
			    sizeof(*grown))) == NULL)
				return crm_err_nomem(err);
			cat->nodes = grown;
			cat->capnodes = cap;
		}
		next = (uint32_t)cat->nnodes++;
		cat->nodes[next].first = cat->nodes[next].n = 0;
		for (h = edge_slot(cat, cur, (unsigned char)norm[i]);
		    cat->edges[h].child; h = (h + 1) & cat->edge_mask)
			;
		cat->edges[h].parent = cur;
		cat->edges[h].child = next;
		cat->edges[h].byte = (unsigned char)norm[i];
	}
	*node = cur;
	return CRM_OK;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct cat_entry *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the entries by node and keep one per node, kind and code. */
static void
group_entries(crm_catalog *cat)
{
	struct cat_entry *e = cat->entries;
	size_t i, n = 0;

	if (cat->nentries > 0)
		qsort(e, cat->nentries, sizeof(*e), entry_cmp);
	for (i = 0; i < cat->nentries; i++) {
		if (n > 0 && e[n - 1].node == e[i].node &&
		    e[n - 1].kind == e[i].kind && e[n - 1].idx == e[i].idx)
			continue;
		e[n] = e[i];
		if (cat->nodes[e[n].node].n++ == 0)
			cat->nodes[e[n].node].first = (uint32_t)n;
		n++;
	}
	cat->nentries = n;
}

int
crm_catalog_index_build(crm_catalog *cat, crm_err *err)
{
	size_t i, slots = 64;
	int rc;

	while (slots < 2 * (cat->norms.len + 1))
		slots *= 2;
	cat->capnodes = cat->norms.len + 1;
	if ((cat->edges = calloc(slots, sizeof(*cat->edges))) == NULL ||
	    (cat->nodes = calloc(cat->capnodes, sizeof(*cat->nodes))) == NULL)
		return crm_err_nomem(err);
	cat->edge_mask = slots - 1;
	cat->nnodes = 1;
	for (i = 0; i < cat->nentries; i++)
		if ((rc = insert(cat, cat->norms.data +
		    cat->entries[i].norm_off, cat->entries[i].norm_len,
		    &cat->entries[i].node, err)) != CRM_OK)
			return rc;
	group_entries(cat);
	return CRM_OK;
}

void
crm_catalog_index_free(crm_catalog *cat)
{
	free(cat->entries);
	free(cat->edges);
	free(cat->nodes);
	free(cat->parts);
	free(cat->picked);
	free((void *)cat->hit_options);
	crm_buf_free(&cat->norms);
	crm_buf_free(&cat->text);
	crm_buf_free(&cat->msg);
}

/* The node of the longest word of the index at t[i] that ends at a
 * character boundary and, where it begins or ends with a letter or digit
 * of an alphabetic script, at a word boundary; 0 when none.  *end gets
 * where it ends. */
static uint32_t
longest(const crm_catalog *cat, const char *t, size_t n, size_t i,
    size_t *end)
{
	uint32_t cur = 0, best = 0;
	size_t j;

	if (crm_catalog_word_at(t, n, i) && crm_catalog_word_before(t, i))
		return 0;
	for (j = i; j < n; j++) {
		if ((cur = child_of(cat, cur, (unsigned char)t[j])) == 0)
			break;
		if (cat->nodes[cur].n == 0 || (j + 1 < n &&
		    ((unsigned char)t[j + 1] & 0xc0) == 0x80))
			continue;
		if (crm_catalog_word_before(t, j + 1) &&
		    crm_catalog_word_at(t, n, j + 1))
			continue;
		best = cur;
		*end = j + 1;
	}
	return best;
}

/* Room for n parts and what is picked from them. */
static int
reserve_parts(crm_catalog *cat, size_t n, crm_err *err)
{
	struct cat_part *parts;
	uint32_t *picked;
	const char **opts;
	size_t cap;

	if (n <= cat->capparts)
		return CRM_OK;
	cap = cat->capparts ? cat->capparts * 2 : 16;
	if ((parts = realloc(cat->parts, cap * sizeof(*parts))) == NULL)
		return crm_err_nomem(err);
	cat->parts = parts;
	if ((picked = realloc(cat->picked, cap * sizeof(*picked))) == NULL)
		return crm_err_nomem(err);
	cat->picked = picked;
	if ((opts = realloc((void *)cat->hit_options, cap *
	    sizeof(*opts))) == NULL)
		return crm_err_nomem(err);
	cat->hit_options = opts;
	cat->capparts = cap;
	return CRM_OK;
}

static const char *
code_of(const crm_catalog *cat, const struct cat_entry *e)
{
	return e->kind == CAT_PRODUCT ? cat->products[e->idx].pub.sku :
	    e->kind == CAT_COLOUR ? cat->colours[e->idx].code :
	    cat->options[e->idx].code;
}

/* Append "CODE (text)" of entry e to the message, with its kind first
 * when with_kind. */
static int
add_entry(crm_catalog *cat, const struct cat_entry *e, int with_kind)
{
	size_t len = strlen(e->text);

	return crm_buf_printf(&cat->msg, "%s%s%s (%.*s)", with_kind ?
	    crm_catalog_kind_name(e->kind) : "", with_kind ? " " : "",
	    code_of(cat, e), (int)cut(e->text, len, TEXT_MAX), e->text);
}

static int
fail_msg(crm_catalog *cat, int rc, crm_err *err)
{
	if (rc != CRM_OK)
		return crm_err_nomem(err);
	return crm_err_set(err, CRM_EDATA, "%s", cat->msg.data);
}

/* How much entry e looks like the part x[0..len): the bytes of the
 * prefix they share when that is at least two (one letter says little),
 * doubled, plus one when the part begins with a character of no
 * alphabetic script (a CJK one) that e holds. */
static size_t
likeness(const crm_catalog *cat, const struct cat_entry *e, const char *x,
    size_t len)
{
	const char *norm = cat->norms.data + e->norm_off;
	size_t p = 0, first = 1, i, score;

	while (first < len && ((unsigned char)x[first] & 0xc0) == 0x80)
		first++;
	while (p < len && p < e->norm_len && norm[p] == x[p])
		p++;
	p = cut(x, len, p);
	score = p >= 2 ? 2 * p : 0;
	if (crm_catalog_word_at(x, len, 0))
		return score;
	for (i = 0; i + first <= e->norm_len; i++)
		if (memcmp(norm + i, x, first) == 0)
			return score + 1;
	return score;
}

struct candidate {
	size_t score;
	const struct cat_entry *e;
};

/* Keep e among the best CANDIDATES of best[0..*n), one per code. */
static void
rank(struct candidate *best, size_t *n, const struct cat_entry *e,
    size_t score)
{
	size_t i, k;

	for (i = 0; i < *n; i++)
		if (best[i].e->kind == e->kind && best[i].e->idx == e->idx) {
			if (best[i].score >= score)
				return;
			for (k = i; k + 1 < *n; k++)
				best[k] = best[k + 1];
			(*n)--;
			break;
		}
	for (i = 0; i < *n && best[i].score >= score; i++)
		;
	if (i == CANDIDATES)
		return;
	for (k = *n < CANDIDATES ? *n : CANDIDATES - 1; k > i; k--)
		best[k] = best[k - 1];
	best[i].score = score;
	best[i].e = e;
	if (*n < CANDIDATES)
		(*n)++;
}

/* "X" matches nothing in the catalog; candidates: the words most like
 * it. */
static int
nothing(crm_catalog *cat, const char *x, size_t len, crm_err *err)
{
	struct candidate best[CANDIDATES];
	size_t i, n = 0, score;
	int rc;

	while (len > 0 && x[len - 1] == ' ')
		len--;
	for (i = 0; i < cat->nentries; i++)
		if ((score = likeness(cat, &cat->entries[i], x, len)) > 0)
			rank(best, &n, &cat->entries[i], score);
	crm_buf_reset(&cat->msg);
	rc = crm_buf_printf(&cat->msg, "\"%.*s\" matches nothing in the "
	    "catalog", (int)cut(x, len, PART_MAX), x);
	for (i = 0; rc == CRM_OK && i < n; i++)
		if ((rc = crm_buf_adds(&cat->msg, i == 0 ? "; candidates: " :
		    ", ")) == CRM_OK)
			rc = add_entry(cat, best[i].e, 1);
	return fail_msg(cat, rc, err);
}

static int
ambiguous(crm_catalog *cat, const struct cat_part *part, crm_err *err)
{
	const struct cat_node *node = &cat->nodes[part->node];
	const char *t = cat->text.data + part->start;
	uint32_t i;
	int rc;

	crm_buf_reset(&cat->msg);
	rc = crm_buf_printf(&cat->msg, "\"%.*s\" is ambiguous: ",
	    (int)cut(t, part->len, PART_MAX), t);
	for (i = 0; rc == CRM_OK && i < node->n && i < CANDIDATES; i++)
		if ((rc = crm_buf_adds(&cat->msg, i ? ", " : "")) == CRM_OK)
			rc = add_entry(cat, &cat->entries[node->first + i], 1);
	return fail_msg(cat, rc, err);
}

/* Split the normalised description into parts that each match one word
 * of the index; *nparts gets their number. */
static int
scan(crm_catalog *cat, size_t *nparts, crm_err *err)
{
	const char *t = cat->text.data;
	size_t n = cat->text.len, i = 0, end = 0, gap = SIZE_MAX;
	uint32_t node;
	int rc;

	*nparts = 0;
	while (i < n) {
		if (t[i] == ' ' || (node = longest(cat, t, n, i, &end)) == 0) {
			if (t[i] != ' ' && gap == SIZE_MAX)
				gap = i;
			for (i++; i < n && ((unsigned char)t[i] & 0xc0) == 0x80;
			    i++)
				;
			continue;
		}
		if (gap != SIZE_MAX)
			return nothing(cat, t + gap, i - gap, err);
		if (cat->nodes[node].n > 1) {
			struct cat_part p = { node, i, end - i };

			return ambiguous(cat, &p, err);
		}
		if ((rc = reserve_parts(cat, *nparts + 1, err)) != CRM_OK)
			return rc;
		cat->parts[*nparts].node = node;
		cat->parts[*nparts].start = i;
		cat->parts[(*nparts)++].len = end - i;
		i = end;
	}
	if (gap != SIZE_MAX)
		return nothing(cat, t + gap, n - gap, err);
	return CRM_OK;
}

static const struct cat_entry *
part_entry(const crm_catalog *cat, size_t i)
{
	return &cat->entries[cat->nodes[cat->parts[i].node].first];
}

/* The entries of the parts of kind, one per code, in the order named,
 * into cat->picked; returns how many. */
static size_t
pick(crm_catalog *cat, size_t nparts, enum cat_kind kind)
{
	const struct cat_entry *e, *o;
	size_t i, k, n = 0;

	for (i = 0; i < nparts; i++) {
		e = part_entry(cat, i);
		if (e->kind != kind)
			continue;
		for (k = 0; k < n; k++) {
			o = &cat->entries[cat->picked[k]];
			if (o->idx == e->idx)
				break;
		}
		if (k == n)
			cat->picked[n++] = (uint32_t)(e - cat->entries);
	}
	return n;
}

/* "names 2 products: A (text), B (text)". */
static int
names_many(crm_catalog *cat, size_t n, const char *what, crm_err *err)
{
	size_t i;
	int rc;

	crm_buf_reset(&cat->msg);
	rc = crm_buf_printf(&cat->msg, "names %zu %s: ", n, what);
	for (i = 0; rc == CRM_OK && i < n && i < CANDIDATES; i++)
		if ((rc = crm_buf_adds(&cat->msg, i ? ", " : "")) == CRM_OK)
			rc = add_entry(cat, &cat->entries[cat->picked[i]], 0);
	return fail_msg(cat, rc, err);
}

/* Whether product p comes in colour (may be NULL) and options. */
static int
fits(const crm_catalog_product *p, const char *colour,
    const char *const *options, size_t n)
{
	size_t i;

	if (colour != NULL && !crm_catalog_comes_in(p->colours, p->ncolours,
	    colour))
		return 0;
	for (i = 0; i < n; i++)
		if (!crm_catalog_comes_in(p->options, p->noptions, options[i]))
			return 0;
	return 1;
}

/* "names no product; candidates: " the products still sold that come in
 * what was named, in sku order. */
static int
no_product(crm_catalog *cat, const char *colour, size_t nopts,
    crm_err *err)
{
	const crm_catalog_product *p;
	size_t i, n = 0;
	int rc;

	crm_buf_reset(&cat->msg);
	rc = crm_buf_adds(&cat->msg, "names no product");
	for (i = 0; rc == CRM_OK && i < cat->nproducts && n < CANDIDATES;
	    i++) {
		p = &cat->products[i].pub;
		if (!p->active || !fits(p, colour, cat->hit_options, nopts))
			continue;
		rc = crm_buf_printf(&cat->msg, "%s%s (%.*s)", n++ ?
		    ", " : "; candidates: ", p->sku, (int)cut(p->name,
		    strlen(p->name), TEXT_MAX), p->name);
	}
	return fail_msg(cat, rc, err);
}

static int
uint32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The options named, sorted by code (their index order), into
 * cat->hit_options; returns how many. */
static size_t
pick_options(crm_catalog *cat, size_t nparts)
{
	size_t n = pick(cat, nparts, CAT_OPTION), i;

	for (i = 0; i < n; i++)
		cat->picked[i] = cat->entries[cat->picked[i]].idx;
	if (n > 1)
		qsort(cat->picked, n, sizeof(*cat->picked), uint32_cmp);
	for (i = 0; i < n; i++)
		cat->hit_options[i] = cat->options[cat->picked[i]].code;
	return n;
}

static int
not_in(crm_catalog *cat, const crm_catalog_product *p, const char *what,
    const char *code, crm_err *err)
{
	int rc;

	crm_buf_reset(&cat->msg);
	if ((rc = crm_catalog_not_in(&cat->msg, p, what, code, err)) !=
	    CRM_OK)
		return rc;
	return crm_err_set(err, CRM_EDATA, "%s", cat->msg.data);
}

/* The product, colour and options of the parts into hit. */
static int
resolve(crm_catalog *cat, size_t nparts, crm_catalog_hit *hit,
    crm_err *err)
{
	const crm_catalog_product *p;
	const char *colour = NULL;
	size_t nprod, ncol, nopt, i;

	if ((ncol = pick(cat, nparts, CAT_COLOUR)) > 1)
		return names_many(cat, ncol, "colours", err);
	if (ncol == 1)
		colour = cat->colours[cat->entries[cat->picked[0]].idx].code;
	if ((nprod = pick(cat, nparts, CAT_PRODUCT)) > 1)
		return names_many(cat, nprod, "products", err);
	p = nprod == 1 ? &cat->products[cat->entries[cat->picked[0]].idx].pub :
	    NULL;
	nopt = pick_options(cat, nparts);
	if (p == NULL)
		return no_product(cat, colour, nopt, err);
	if (colour != NULL && !crm_catalog_comes_in(p->colours, p->ncolours,
	    colour))
		return not_in(cat, p, "colour", colour, err);
	for (i = 0; i < nopt; i++)
		if (!crm_catalog_comes_in(p->options, p->noptions,
		    cat->hit_options[i]))
			return not_in(cat, p, "option", cat->hit_options[i],
			    err);
	hit->sku = p->sku;
	hit->colour = colour;
	hit->options = cat->hit_options;
	hit->noptions = nopt;
	return CRM_OK;
}

int
crm_catalog_match(crm_catalog *cat, const char *text, size_t len,
    crm_catalog_hit *hit, crm_err *err)
{
	size_t nparts;
	int rc;

	if ((rc = crm_catalog_norm(&cat->text, text, len, err)) != CRM_OK ||
	    (rc = reserve_parts(cat, 1, err)) != CRM_OK ||
	    (rc = scan(cat, &nparts, err)) != CRM_OK)
		return rc;
	return resolve(cat, nparts, hit, err);
}

/* The options of hit as a JSON array into b. */
static int
options_json(crm_buf *b, const crm_catalog_hit *hit)
{
	size_t i;
	int rc;

	crm_buf_reset(b);
	rc = crm_buf_addc(b, '[');
	for (i = 0; rc == CRM_OK && i < hit->noptions; i++)
		if ((rc = crm_buf_adds(b, i ? "," : "")) == CRM_OK)
			rc = crm_buf_add_json_str(b, hit->options[i],
			    strlen(hit->options[i]));
	return rc == CRM_OK ? crm_buf_addc(b, ']') : rc;
}

int
crm_catalog_match_rec(crm_catalog *cat, crm_rec *r, const char *field,
    crm_err *err)
{
	const char *text;
	crm_catalog_hit hit;
	crm_err why;
	size_t len = 0;
	long i;
	int rc;

	if (field == NULL)
		field = "description";
	i = crm_rec_find(r, field);
	text = i < 0 ? NULL : crm_rec_text(r, (size_t)i, &len);
	if (text == NULL || len == 0 || crm_rec_type(r, (size_t)i) !=
	    CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, field, "required");
	if ((rc = crm_catalog_match(cat, text, len, &hit, &why)) != CRM_OK)
		return why.code != CRM_EDATA ? crm_err_set(err, why.code, "%s",
		    why.msg) : crm_rec_fail(r, err, CRM_EDATA, field, "%s",
		    why.msg);
	if ((rc = options_json(&cat->msg, &hit)) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_rec_set_str(r, "sku", hit.sku, strlen(hit.sku),
	    err)) != CRM_OK ||
	    (rc = hit.colour != NULL ? crm_rec_set_str(r, "colour",
	    hit.colour, strlen(hit.colour), err) : crm_rec_set_null(r,
	    "colour", err)) != CRM_OK)
		return rc;
	return crm_rec_set_json(r, "options", CRM_ARRAY, cat->msg.data,
	    cat->msg.len, err);
}

int
crm_catalog_price_rec(crm_catalog *cat, const char *list, crm_rec *r,
    int32_t today, crm_err *err)
{
	const char *sku = crm_rec_get(r, "sku"), *tier, *currency, *source;
	int32_t day = today;
	int64_t minor;
	crm_err why;
	int rc, exponent;

	if (sku == NULL || *sku == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "required");
	if ((tier = crm_rec_get(r, "tier")) == NULL)
		tier = crm_rec_get(r, "customer_tier");
	rc = crm_date_get(r, "date", &day, err);
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	if (crm_catalog_price(cat, list, sku, tier, day, &minor, &currency,
	    &source, &why) != CRM_OK)
		return crm_rec_fail(r, err, why.code, "sku", "%s", why.msg);
	if (crm_currency_exponent(currency, &exponent, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "%s",
		    why.msg);
	if ((rc = crm_money_set(r, "price", minor, exponent, err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "currency", currency, strlen(currency),
	    err)) != CRM_OK)
		return rc;
	return crm_rec_set_str(r, "price_source", source, strlen(source),
	    err);
}
