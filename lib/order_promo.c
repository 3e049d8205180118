/*
 * order_promo.c - promotions on an order as it is created: the engine of
 * crm/promo.h asked with the order's lines, its discounts and free lines
 * taken over, and its grants recorded once per purchase.
 */
#include "internal.h"
#include "order_internal.h"

static const char granted_sql[] =
	"SELECT 1 FROM promo_grants WHERE promo_id = ?1 AND purchase_ref = ?2";

static const char original_sql[] =
	"SELECT coalesce(purchase_ref, id) FROM orders WHERE id = ?1";

static const char grant_sql[] =
	"INSERT INTO promo_grants (promo_id, purchase_ref, order_id,"
	" cost_minor, revenue_minor, currency, detail)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

struct ask {
	crm_order_creator *cr;
	struct order *o;
};

static int
granted(void *ctx, const char *promo_id, int *already, crm_err *err)
{
	struct ask *a = ctx;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(a->cr->db, granted_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, promo_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->o->purchase, -1, SQLITE_STATIC);
	return crm_db_found(a->cr->db, st, "promo_grants", already, err);
}

/* The price of a free sku that is not on the order. */
static int
price_of(void *ctx, const char *sku, int64_t *unit, int *found,
    crm_err *err)
{
	struct ask *a = ctx;
	struct line l;
	crm_err why;
	int rc;

	memset(&l, 0, sizeof(l));
	l.rec = a->cr->lines[0].rec;
	snprintf(l.sku, sizeof(l.sku), "%s", sku);
	rc = crm_order_price_sku(a->cr, a->o, &l, &why);
	if (rc == CRM_EDATA) {
		*found = 0;
		return CRM_OK;
	}
	if (rc != CRM_OK) {
		*err = why;
		return rc;
	}
	*unit = l.unit;
	*found = 1;
	return CRM_OK;
}

/* The purchase the order belongs to: its purchase_ref, else that of the
 * order it re-orders, else its own id. */
static int
purchase_of(crm_order_creator *cr, struct order *o, crm_err *err)
{
	const char *orig = o->text[ORDER_ORIGINAL];
	sqlite3_stmt *st;
	int rc;

	if (o->text[ORDER_PURCHASE_REF][0] != '\0') {
		snprintf(o->purchase, sizeof(o->purchase), "%s",
		    o->text[ORDER_PURCHASE_REF]);
		return CRM_OK;
	}
	snprintf(o->purchase, sizeof(o->purchase), "%s", o->id);
	if (orig[0] == '\0')
		return CRM_OK;
	if ((rc = crm_db_stmt(cr->db, original_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, orig, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(o->purchase, sizeof(o->purchase), "%s",
		    sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_rec_fail(cr->lines[0].rec, err, CRM_EDATA,
		    "original_order_id", "no such order %s", orig);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(cr->db, rc, "orders",
	    err);
}

/* A free line of the result as a line of the order. */
static int
add_free_line(crm_order_creator *cr, struct order *o,
    const crm_promo_free_line *f, crm_err *err)
{
	struct line *l = &cr->lines[o->nlines];
	int rc;

	memset(l, 0, sizeof(*l));
	l->rec = cr->lines[0].rec;
	l->line_no = (long)o->nlines + 1;
	snprintf(l->sku, sizeof(l->sku), "%s", f->sku);
	l->qty = f->qty;
	l->unit = f->unit;
	l->discount = f->discount;
	l->promo_id = f->promo_id;
	l->priced = 1;
	if ((rc = crm_order_line_product(cr, o, l, err)) != CRM_OK)
		return rc;
	o->nlines++;
	return CRM_OK;
}

int
crm_order_promote(crm_order_creator *cr, struct order *o, crm_err *err)
{
	crm_promo_line *pl;
	crm_promo_order po;
	struct ask a = { cr, o };
	size_t i;
	int rc;

	if (cr->promos == NULL || o->is_return)
		return CRM_OK;
	if ((rc = purchase_of(cr, o, err)) != CRM_OK)
		return rc;
	if ((pl = calloc(o->nlines, sizeof(*pl))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < o->nlines; i++) {
		pl[i].sku = cr->lines[i].sku;
		pl[i].category = cr->lines[i].category;
		pl[i].qty = cr->lines[i].qty;
		pl[i].unit = cr->lines[i].unit;
		pl[i].discount = cr->lines[i].discount;
	}
	memset(&po, 0, sizeof(po));
	po.currency = o->currency;
	po.exponent = o->exponent;
	po.day = o->day;
	po.tier = o->tier[0] != '\0' ? o->tier : NULL;
	po.since = o->since >= 0 ? o->since : CRM_PROMO_SINCE_UNKNOWN;
	po.lines = pl;
	po.nlines = o->nlines;
	po.granted = granted;
	po.price = price_of;
	po.ctx = &a;
	rc = crm_promos_apply(cr->promos, &po, cr->applied, err);
	free(pl);
	if (rc == CRM_EDATA)
		return crm_rec_fail(cr->lines[0].rec, err, CRM_EDATA,
		    "promotions", "%s", err->msg);
	if (rc != CRM_OK)
		return rc;
	for (i = 0; i < o->nlines; i++)
		cr->lines[i].discount += crm_promo_result_line_discount(
		    cr->applied, i) + crm_promo_result_order_share(cr->applied,
		    i);
	for (i = 0; i < crm_promo_result_free_count(cr->applied); i++)
		if ((rc = add_free_line(cr, o, crm_promo_result_free_at(
		    cr->applied, i), err)) != CRM_OK)
			return rc;
	o->promoted = 1;
	return CRM_OK;
}

int
crm_order_write_grants(crm_order_creator *cr, const struct order *o,
    crm_err *err)
{
	const crm_promo_grant *g;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; o->promoted &&
	    i < crm_promo_result_grant_count(cr->applied); i++) {
		g = crm_promo_result_grant_at(cr->applied, i);
		if ((rc = crm_db_stmt(cr->db, grant_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, g->promo_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, o->purchase, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, o->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, g->cost);
		sqlite3_bind_int64(st, 5, g->revenue);
		sqlite3_bind_text(st, 6, o->currency, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, g->detail, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return crm_db_fail(cr->db, rc, "promo_grants", err);
		cr->counts.promotions++;
	}
	return CRM_OK;
}
