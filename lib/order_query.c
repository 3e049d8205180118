/*
 * order_query.c - orders out of the database: the list, and one order
 * with everything that happened to it.
 */
#include "internal.h"

static const char list_sql[] =
	"SELECT id, customer_id, order_date, status, currency, subtotal_minor,"
	" discount_minor, tax_minor, total_minor, requested_week, plant,"
	" credit_hold, purchase_ref, scheduled_on, planned_week, aps_sent_at"
	" FROM orders"
	" WHERE (?1 IS NULL OR status = ?1)"
	" AND (?2 IS NULL OR customer_id = ?2)"
	" AND (?3 IS NULL OR order_date >= ?3)"
	" AND (?4 IS NULL OR order_date <= ?4)"
	" AND (?5 IS NULL OR plant = ?5)"
	" ORDER BY order_date, id";

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int
check_date(const char *what, const char *s, crm_err *err)
{
	int32_t day;
	crm_err why;

	if (s != NULL && crm_date_parse(s, strlen(s), &day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: %s", what, why.msg);
	return CRM_OK;
}

int
crm_order_list(crm_db *db, const crm_order_filter *f, crm_out *out,
    crm_err *err)
{
	static const crm_order_filter all;
	sqlite3_stmt *st;
	int rc;

	if (f == NULL)
		f = &all;
	if ((rc = check_date("--from", f->from, err)) != CRM_OK ||
	    (rc = check_date("--to", f->to, err)) != CRM_OK)
		return rc;
	if (f->status != NULL && crm_order_status_rank(f->status) < 0)
		return crm_err_set(err, CRM_EUSAGE, "--status: unknown status "
		    "%s (statuses: %s)", f->status, CRM_ORDER_STATUSES);
	if ((rc = crm_db_stmt(db, list_sql, &st, err)) != CRM_OK)
		return rc;
	bind_opt(st, 1, f->status);
	bind_opt(st, 2, f->customer);
	bind_opt(st, 3, f->from);
	bind_opt(st, 4, f->to);
	bind_opt(st, 5, f->plant);
	rc = crm_db_write_rows(db, st, out, "orders", err);
	sqlite3_reset(st);
	return rc;
}

/* The parts of an order, each a query on ?1 = the order id; money
 * columns come with the order's currency. */
static const struct part {
	const char *key;
	const char *sql;
} parts[] = {
	{ "lines", "SELECT l.line_no, l.sku, l.description, l.colour,"
	    " l.options, l.qty, l.unit_price_minor, l.discount_minor,"
	    " l.amount_minor, l.order_code, l.promo_id, o.currency"
	    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
	    " WHERE l.order_id = ?1 ORDER BY l.line_no" },
	{ "promotions", "SELECT promo_id, purchase_ref, cost_minor,"
	    " revenue_minor, currency, detail AS attrs FROM promo_grants"
	    " WHERE order_id = ?1 ORDER BY promo_id" },
	{ "shipments", "SELECT id, shipped_at, carrier, expected_on,"
	    " destination, delivered_on, status FROM shipments"
	    " WHERE order_id = ?1 ORDER BY shipped_at, id" },
	{ "shipped", "SELECT s.shipment_id, s.line_no, s.qty"
	    " FROM shipment_lines s JOIN shipments h ON h.id = s.shipment_id"
	    " WHERE s.order_id = ?1 ORDER BY h.shipped_at, s.shipment_id,"
	    " s.line_no" },
	{ "invoices", "SELECT i.id, i.shipment_id, i.issued_on, i.due_on,"
	    " i.amount_minor, i.tax_minor, i.currency, i.status,"
	    " i.amount_minor - coalesce((SELECT sum(amount_minor)"
	    "  FROM payment_allocations WHERE invoice_id = i.id), 0)"
	    "  AS open_minor"
	    " FROM invoices i WHERE i.order_id = ?1 ORDER BY i.issued_on, i.id" },
	{ "payments", "SELECT a.payment_id, p.received_on, a.invoice_id,"
	    " a.amount_minor, p.currency, p.reference"
	    " FROM payment_allocations a JOIN payments p ON p.id = a.payment_id"
	    " JOIN invoices i ON i.id = a.invoice_id WHERE i.order_id = ?1"
	    " ORDER BY p.received_on, a.payment_id, a.invoice_id" },
};

static const char show_sql[] = "SELECT * FROM orders WHERE id = ?1";

int
crm_order_show(crm_db *db, const char *id, crm_out *out, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_stmt(db, show_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_db_row(st, r, err);
	else if (rc == SQLITE_DONE)
		rc = crm_err_set(err, CRM_EDATA, "no such order %.200s", id);
	else
		rc = crm_db_fail(db, rc, "orders", err);
	sqlite3_reset(st);
	for (i = 0; rc == CRM_OK && i < ARRAY_LEN(parts); i++) {
		if ((rc = crm_db_stmt(db, parts[i].sql, &st, err)) != CRM_OK)
			break;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		rc = crm_db_set_rows(db, st, r, parts[i].key, err);
		sqlite3_reset(st);
	}
	if (rc == CRM_OK &&
	    (rc = crm_event_history(db, "order", id, r, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
out:
	crm_rec_free(r);
	return rc;
}
