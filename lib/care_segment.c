/*
 * care_segment.c - the customers of a segment: a query put together
 * from the options given, every value a bound parameter.
 */
#include "care_internal.h"

/* The values to bind, in order, as the query is written: the first
 * the day before the year of the computed tier, ?1. */
struct query {
	crm_buf sql;
	const char **vals;
	size_t nvals, cap;
	char **owned;            /* the pieces of lists, freed at the end */
	size_t nowned, owncap;
};

static void
query_free(struct query *q)
{
	size_t i;

	for (i = 0; i < q->nowned; i++)
		free(q->owned[i]);
	free(q->owned);
	free(q->vals);
	crm_buf_free(&q->sql);
}

/* v as the next value to bind. */
static int
push_val(struct query *q, const char *v, crm_err *err)
{
	int rc;

	if ((rc = crm_array_grow(&q->vals, &q->cap, q->nvals,
	    sizeof(*q->vals), err)) != CRM_OK)
		return rc;
	q->vals[q->nvals++] = v;
	return CRM_OK;
}

/* A parameter "?" in the query, bound to v. */
static int
bind_later(struct query *q, const char *v, crm_err *err)
{
	int rc;

	if ((rc = push_val(q, v, err)) != CRM_OK)
		return rc;
	return crm_buf_adds(&q->sql, "?") == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

static int
add(struct query *q, const char *s, crm_err *err)
{
	return crm_buf_adds(&q->sql, s) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* "(?, ?, ?)" for the items of the list "a,b,c"; CRM_EUSAGE for an
 * empty item. */
static int
add_list(struct query *q, const char *opt, const char *list, crm_err *err)
{
	const char *p = list, *comma;
	char *item;
	int rc;

	if ((rc = add(q, "(", err)) != CRM_OK)
		return rc;
	do {
		size_t n;

		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return crm_err_set(err, CRM_EUSAGE, "--%s: an empty "
			    "item in \"%s\"", opt, list);
		if ((rc = crm_array_grow(&q->owned, &q->owncap, q->nowned,
		    sizeof(*q->owned), err)) != CRM_OK)
			return rc;
		if ((item = strndup(p, n)) == NULL)
			return crm_err_nomem(err);
		q->owned[q->nowned++] = item;
		if ((p != list && (rc = add(q, ", ", err)) != CRM_OK) ||
		    (rc = bind_later(q, item, err)) != CRM_OK)
			return rc;
		p = comma + 1;
	} while (comma != NULL);
	return add(q, ")", err);
}

static int
add_in(struct query *q, const char *column, const char *opt,
    const char *list, crm_err *err)
{
	int rc;

	if (list == NULL)
		return CRM_OK;
	if ((rc = add(q, " AND c.", err)) != CRM_OK ||
	    (rc = add(q, column, err)) != CRM_OK ||
	    (rc = add(q, " IN ", err)) != CRM_OK)
		return rc;
	return add_list(q, opt, list, err);
}

/* Each tag of the list, all of them. */
static int
add_all_tags(struct query *q, const char *opt, const char *list,
    crm_err *err)
{
	const char *p = list, *comma;
	char *item;
	int rc;

	do {
		size_t n;

		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return crm_err_set(err, CRM_EUSAGE, "--%s: an empty "
			    "item in \"%s\"", opt, list);
		if ((rc = crm_array_grow(&q->owned, &q->owncap, q->nowned,
		    sizeof(*q->owned), err)) != CRM_OK)
			return rc;
		if ((item = strndup(p, n)) == NULL)
			return crm_err_nomem(err);
		q->owned[q->nowned++] = item;
		if ((rc = add(q, " AND EXISTS (SELECT 1 FROM customer_tags t"
		    " WHERE t.customer_id = c.id AND t.tag = ", err)) !=
		    CRM_OK || (rc = bind_later(q, item, err)) != CRM_OK ||
		    (rc = add(q, ")", err)) != CRM_OK)
			return rc;
		p = comma + 1;
	} while (comma != NULL);
	return CRM_OK;
}

static int
add_persona(struct query *q, const crm_care_segment *seg, crm_err *err)
{
	const char *const *tags;
	size_t i, n;
	int rc;

	if (seg->rules == NULL || crm_care_persona(seg->rules, seg->persona,
	    &tags, &n) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--persona: no persona "
		    "\"%s\" in %s", seg->persona, seg->rules ?
		    crm_care_rules_file(seg->rules) : "the tag rules");
	for (i = 0; i < n; i++)
		if ((rc = add(q, " AND EXISTS (SELECT 1 FROM customer_tags t"
		    " WHERE t.customer_id = c.id AND t.tag = ", err)) !=
		    CRM_OK || (rc = bind_later(q, tags[i], err)) != CRM_OK ||
		    (rc = add(q, ")", err)) != CRM_OK)
			return rc;
	return CRM_OK;
}

static int
add_date(struct query *q, const char *opt, const char *cmp,
    const char *date, crm_err *err)
{
	int32_t day;
	crm_err why;
	int rc;

	if (date == NULL)
		return CRM_OK;
	if (crm_date_parse(date, strlen(date), &day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--%s: %s: %s", opt,
		    why.msg, date);
	if ((rc = add(q, " AND last_order ", err)) != CRM_OK ||
	    (rc = add(q, cmp, err)) != CRM_OK)
		return rc;
	return bind_later(q, date, err);
}

static int
build(struct query *q, const crm_care_segment *s, const char *since,
    crm_err *err)
{
	int rc;

	if ((rc = push_val(q, since, err)) != CRM_OK)
		return rc;
	if ((rc = add(q, "SELECT id, name, region, owner, tier, tags,"
	    " last_order FROM (SELECT c.id, c.name, c.region,"
	    " c.owner_rep_id AS owner, " CRM_TIER_SQL("?1") " AS tier,"
	    " (SELECT json_group_array(tag) FROM (SELECT t.tag FROM"
	    " customer_tags t WHERE t.customer_id = c.id ORDER BY t.tag))"
	    " AS tags,"
	    " (SELECT max(substr(o.order_date, 1, 10)) FROM orders o"
	    " WHERE o.customer_id = c.id AND " CRM_SALE_SQL ") AS last_order"
	    " FROM customers c WHERE c.merged_into IS NULL", err)) != CRM_OK)
		return rc;
	if (s->tags != NULL && (rc = add_all_tags(q, "tag", s->tags, err)) !=
	    CRM_OK)
		return rc;
	if (s->any_tags != NULL && ((rc = add(q, " AND EXISTS (SELECT 1 FROM"
	    " customer_tags t WHERE t.customer_id = c.id AND t.tag IN ",
	    err)) != CRM_OK || (rc = add_list(q, "any-tag", s->any_tags,
	    err)) != CRM_OK || (rc = add(q, ")", err)) != CRM_OK))
		return rc;
	if (s->not_tags != NULL && ((rc = add(q, " AND NOT EXISTS (SELECT 1"
	    " FROM customer_tags t WHERE t.customer_id = c.id AND t.tag IN ",
	    err)) != CRM_OK || (rc = add_list(q, "not-tag", s->not_tags,
	    err)) != CRM_OK || (rc = add(q, ")", err)) != CRM_OK))
		return rc;
	if (s->persona != NULL && (rc = add_persona(q, s, err)) != CRM_OK)
		return rc;
	if ((rc = add_in(q, "region", "region", s->regions, err)) != CRM_OK ||
	    (rc = add_in(q, "owner_rep_id", "owner", s->owners, err)) !=
	    CRM_OK || (rc = add_in(q, "kind", "kind", s->kinds, err)) !=
	    CRM_OK)
		return rc;
	if (s->bought != NULL && ((rc = add(q, " AND EXISTS (SELECT 1 FROM"
	    " orders o JOIN order_lines l ON l.order_id = o.id"
	    " WHERE o.customer_id = c.id AND " CRM_SALE_SQL " AND l.qty > 0"
	    " AND l.sku IN ", err)) != CRM_OK || (rc = add_list(q, "bought",
	    s->bought, err)) != CRM_OK || (rc = add(q, ")", err)) != CRM_OK))
		return rc;
	if (s->bought_category != NULL && ((rc = add(q, " AND EXISTS (SELECT"
	    " 1 FROM orders o JOIN order_lines l ON l.order_id = o.id"
	    " JOIN products p ON p.sku = l.sku"
	    " WHERE o.customer_id = c.id AND " CRM_SALE_SQL " AND l.qty > 0"
	    " AND p.category IN ", err)) != CRM_OK || (rc = add_list(q,
	    "bought-category", s->bought_category, err)) != CRM_OK ||
	    (rc = add(q, ")", err)) != CRM_OK))
		return rc;
	if ((rc = add(q, ") WHERE 1", err)) != CRM_OK ||
	    (s->tiers != NULL && ((rc = add(q, " AND tier IN ", err)) !=
	    CRM_OK || (rc = add_list(q, "tier", s->tiers, err)) != CRM_OK)) ||
	    (rc = add_date(q, "last-order-before", "< ",
	    s->last_order_before, err)) != CRM_OK ||
	    (rc = add_date(q, "last-order-after", "> ", s->last_order_after,
	    err)) != CRM_OK)
		return rc;
	return add(q, " ORDER BY id", err);
}

/* Column i of st as field key of r: text, or null. */
static int
set_column(crm_rec *r, const char *key, sqlite3_stmt *st, int i,
    crm_err *err)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return crm_rec_set_null(r, key, err);
	return crm_rec_set_str(r, key, (const char *)v,
	    (size_t)sqlite3_column_bytes(st, i), err);
}

static int
row_record(sqlite3_stmt *st, crm_rec *r, crm_err *err)
{
	static const char *const names[] = { "id", "name", "region", "owner",
		"tier" };
	const unsigned char *tags;
	size_t i;
	int rc;

	crm_rec_clear(r);
	for (i = 0; i < ARRAY_LEN(names); i++)
		if ((rc = set_column(r, names[i], st, (int)i, err)) != CRM_OK)
			return rc;
	tags = sqlite3_column_text(st, 5);
	if ((rc = crm_rec_set_json(r, "tags", CRM_ARRAY, tags ? (const char *)
	    tags : "[]", tags ? (size_t)sqlite3_column_bytes(st, 5) : 2,
	    err)) != CRM_OK)
		return rc;
	return set_column(r, "last_order", st, 6, err);
}

int
crm_care_segment_each(crm_db *db, const crm_care_segment *seg,
    crm_care_customer_fn fn, void *ctx, crm_err *err)
{
	char since[CRM_DATE_BUFSZ];
	struct query q;
	sqlite3_stmt *st = NULL;
	crm_rec *r = NULL;
	size_t i;
	int rc;

	memset(&q, 0, sizeof(q));
	crm_tier_since(seg->now, since);
	if ((rc = build(&q, seg, since, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, q.sql.data, &st, err)) != CRM_OK)
		goto out;
	for (i = 0; i < q.nvals; i++)
		sqlite3_bind_text(st, (int)i + 1, q.vals[i], -1, SQLITE_STATIC);
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = row_record(st, r, err)) != CRM_OK ||
		    (rc = fn(ctx, r, err)) != CRM_OK)
			goto out;
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "customers",
	    err);
out:
	crm_rec_free(r);
	sqlite3_finalize(st);
	query_free(&q);
	return rc;
}

struct writing {
	crm_out *out;
	unsigned long n;
};

static int
write_one(void *ctx, const crm_rec *cust, crm_err *err)
{
	struct writing *w = ctx;

	w->n++;
	return crm_out_write(w->out, cust, err);
}

int
crm_care_segment_write(crm_db *db, const crm_care_segment *seg,
    crm_out *out, unsigned long *n, crm_err *err)
{
	struct writing w = { out, 0 };
	int rc = crm_care_segment_each(db, seg, write_one, &w, err);

	if (n != NULL)
		*n = w.n;
	return rc;
}

static int
json_member(crm_buf *b, int first, const char *name, const char *v,
    crm_err *err)
{
	if ((!first && crm_buf_addc(b, ',') != CRM_OK) ||
	    crm_buf_add_json_str(b, name, strlen(name)) != CRM_OK ||
	    crm_buf_addc(b, ':') != CRM_OK ||
	    crm_buf_add_json_str(b, v, strlen(v)) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

int
crm_care_segment_json(const crm_care_segment *s, crm_buf *b, crm_err *err)
{
	const struct {
		const char *name, *v;
	} m[] = {
		{ "tag", s->tags }, { "any_tag", s->any_tags },
		{ "not_tag", s->not_tags }, { "persona", s->persona },
		{ "tier", s->tiers }, { "region", s->regions },
		{ "owner", s->owners }, { "kind", s->kinds },
		{ "last_order_before", s->last_order_before },
		{ "last_order_after", s->last_order_after },
		{ "bought", s->bought },
		{ "bought_category", s->bought_category },
	};
	size_t i;
	int rc, first = 1;

	if (crm_buf_addc(b, '{') != CRM_OK)
		return crm_err_nomem(err);
	for (i = 0; i < ARRAY_LEN(m); i++) {
		if (m[i].v == NULL)
			continue;
		if ((rc = json_member(b, first, m[i].name, m[i].v, err)) !=
		    CRM_OK)
			return rc;
		first = 0;
	}
	return crm_buf_addc(b, '}') == CRM_OK ? CRM_OK : crm_err_nomem(err);
}
