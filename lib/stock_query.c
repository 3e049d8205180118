/*
 * stock_query.c - what the ledger says: levels, value, stock on the way,
 * the moves themselves; and the cache of its sums, rebuilt and checked.
 */
#include "stock_internal.h"

/* The balance of each lot at each location, as rows (location_id, sku,
 * received_on, lot_id, qty): from the cache, or summed from the ledger
 * up to the day bound to ?3. */
static const char bal_cache[] =
	"SELECT location_id, sku, received_on, lot_id, qty"
	" FROM stock_balances";
static const char bal_ledger[] =
	"SELECT m.location_id AS location_id, l.sku AS sku,"
	" l.received_on AS received_on, m.lot_id AS lot_id, sum(m.qty) AS qty"
	" FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id"
	" WHERE m.moved_on <= ?3 GROUP BY m.lot_id, m.location_id"
	" HAVING sum(m.qty) <> 0";

int
stock_query_location(crm_db *db, const char *id, crm_err *err)
{
	static const char sql[] = "SELECT 1 FROM locations WHERE id = ?1";
	sqlite3_stmt *st;
	int found, rc;

	if (id == NULL)
		return CRM_OK;
	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(db, st, "locations", &found, err)) != CRM_OK)
		return rc;
	return found ? CRM_OK : crm_err_set(err, CRM_EDATA, "no such "
	    "location %.200s", id);
}

/* Bind the query's fields: ?1 sku, ?2 location, ?3 as_of, ?4 today,
 * ?5 from, ?6 to (those the statement has). */
static void
bind_query(sqlite3_stmt *st, const crm_stock_query *q)
{
	const char *v[] = { q->sku, q->location, q->as_of, q->today, q->from,
	    q->to };
	int i, n = sqlite3_bind_parameter_count(st);

	for (i = 0; i < (int)ARRAY_LEN(v) && i < n; i++)
		if (v[i] != NULL)
			sqlite3_bind_text(st, i + 1, v[i], -1,
			    SQLITE_TRANSIENT);
}

/* Prepare "WITH bal AS (...) " + sql with the query's parameters
 * bound: ?1 sku, ?2 location, ?3 as_of, ?4 today. */
int
stock_query_prepare(crm_db *db, const crm_stock_query *q, const char *sql,
    sqlite3_stmt **st, crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	int rc;

	if ((rc = stock_query_location(db, q->location, err)) != CRM_OK)
		return rc;
	if (crm_buf_adds(&b, "WITH bal AS (") != CRM_OK ||
	    crm_buf_adds(&b, q->as_of != NULL ? bal_ledger : bal_cache) !=
	    CRM_OK || crm_buf_adds(&b, ") ") != CRM_OK ||
	    crm_buf_adds(&b, sql) != CRM_OK) {
		crm_buf_free(&b);
		return crm_err_nomem(err);
	}
	rc = crm_db_prepare(db, b.data, st, err);
	crm_buf_free(&b);
	if (rc != CRM_OK)
		return rc;
	bind_query(*st, q);
	return CRM_OK;
}

static int
write_query(crm_db *db, const crm_stock_query *q, const char *sql,
    const char *what, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = stock_query_prepare(db, q, sql, &st, err)) != CRM_OK)
		return rc;
	rc = crm_db_write_rows(db, st, out, what, err);
	sqlite3_finalize(st);
	return rc;
}

/* Units on the way per sku and location: shipped by the day (?3, or
 * ever) less what was received from them by then. */
#define ON_THE_WAY \
	"SELECT t.sku AS sku, t.location_id AS location_id," \
	" t.qty - coalesce((SELECT sum(l.qty) FROM stock_lots l" \
	"  WHERE l.shipment_id = t.shipment_id AND l.line_no = t.line_no" \
	"  AND (?3 IS NULL OR l.received_on <= ?3)), 0) AS qty" \
	" FROM stock_transit t WHERE (?3 IS NULL OR t.shipped_on <= ?3)"

/* Units reserved: open lines of orders that name their location. */
#define RESERVED \
	"SELECT l.sku AS sku, o.location_id AS location_id," \
	" l.qty + coalesce((SELECT sum(m.qty) FROM stock_moves m" \
	"  WHERE m.order_id = l.order_id AND m.line_no = l.line_no" \
	"  AND m.kind = 'issue'), 0) AS qty" \
	" FROM orders o JOIN order_lines l ON l.order_id = o.id" \
	" WHERE o.location_id IS NOT NULL AND l.qty > 0" \
	" AND o.status IN ('confirmed', 'scheduled', 'partly_shipped')" \
	" AND coalesce(o.kind, 'sale') <> 'return'"

int
crm_stock_levels(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	static const char now_sql[] =
	    "SELECT sku, location_id AS location, sum(h) AS on_hand,"
	    " sum(w) AS in_transit, sum(r) AS reserved,"
	    " sum(h) - sum(r) AS available FROM ("
	    "  SELECT sku, location_id, qty AS h, 0 AS w, 0 AS r FROM bal"
	    "  UNION ALL SELECT sku, location_id, 0, qty, 0"
	    "  FROM (" ON_THE_WAY ")"
	    "  UNION ALL SELECT sku, location_id, 0, 0, qty"
	    "  FROM (" RESERVED "))"
	    " WHERE (?1 IS NULL OR sku = ?1)"
	    " AND (?2 IS NULL OR location_id = ?2)"
	    " GROUP BY location_id, sku"
	    " HAVING sum(h) <> 0 OR sum(w) <> 0 OR sum(r) <> 0"
	    " ORDER BY location_id, sku";
	static const char then_sql[] =
	    "SELECT sku, location_id AS location, sum(h) AS on_hand,"
	    " sum(w) AS in_transit FROM ("
	    "  SELECT sku, location_id, qty AS h, 0 AS w FROM bal"
	    "  UNION ALL SELECT sku, location_id, 0, qty"
	    "  FROM (" ON_THE_WAY "))"
	    " WHERE (?1 IS NULL OR sku = ?1)"
	    " AND (?2 IS NULL OR location_id = ?2)"
	    " GROUP BY location_id, sku HAVING sum(h) <> 0 OR sum(w) <> 0"
	    " ORDER BY location_id, sku";

	return write_query(db, q, q->as_of != NULL ? then_sql : now_sql,
	    "stock_balances", out, err);
}

int
crm_stock_value(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	static const char sql[] =
	    "SELECT b.sku AS sku, b.location_id AS location, sum(b.qty) AS qty,"
	    " sum(b.qty * l.unit_cost_minor) AS value_minor, l.currency"
	    " FROM bal b JOIN stock_lots l ON l.id = b.lot_id"
	    " WHERE (?1 IS NULL OR b.sku = ?1)"
	    " AND (?2 IS NULL OR b.location_id = ?2)"
	    " GROUP BY b.location_id, b.sku, l.currency"
	    " ORDER BY b.location_id, b.sku, l.currency";

	return write_query(db, q, sql, "stock_balances", out, err);
}

int
crm_stock_moves(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	static const char sql[] =
	    "SELECT m.id, m.moved_on, m.kind, l.sku, m.location_id AS location,"
	    " m.lot_id AS lot, m.qty, m.ref, m.order_id, m.line_no,"
	    " m.customer_id, m.reason, m.recorded_at"
	    " FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id"
	    " WHERE (?1 IS NULL OR l.sku = ?1)"
	    " AND (?2 IS NULL OR m.location_id = ?2)"
	    " AND (?3 IS NULL OR m.moved_on <= ?3)"
	    " AND (?5 IS NULL OR m.moved_on >= ?5)"
	    " AND (?6 IS NULL OR m.moved_on <= ?6)"
	    " ORDER BY m.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = stock_query_location(db, q->location, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	bind_query(st, &(crm_stock_query){ .sku = q->sku,
	    .location = q->location, .as_of = q->as_of, .from = q->from,
	    .to = q->to });
	rc = crm_db_write_rows(db, st, out, "stock_moves", err);
	sqlite3_finalize(st);
	return rc;
}

int
crm_stock_transit_list(crm_db *db, const crm_stock_query *q, int late,
    crm_out *out, crm_err *err)
{
	static const char sql[] =
	    "SELECT * FROM (SELECT t.shipment_id, t.line_no, t.sku,"
	    " t.location_id AS location, t.carrier, t.shipped_on,"
	    " t.expected_on, t.order_id, t.order_code, t.serial,"
	    " t.qty AS shipped, coalesce((SELECT sum(l.qty) FROM stock_lots l"
	    "  WHERE l.shipment_id = t.shipment_id AND l.line_no = t.line_no"
	    "  AND (?3 IS NULL OR l.received_on <= ?3)), 0) AS received"
	    " FROM stock_transit t WHERE (?3 IS NULL OR t.shipped_on <= ?3)"
	    " AND (?1 IS NULL OR t.sku = ?1)"
	    " AND (?2 IS NULL OR t.location_id = ?2)"
	    " AND (?4 IS NULL OR t.expected_on < ?4))"
	    " WHERE received < shipped"
	    " ORDER BY expected_on IS NULL, expected_on, shipment_id, line_no";
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st = NULL;
	int32_t today = 0, day;
	crm_err why;
	int rc, step;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((late && (rc = crm_date_parse(q->today, strlen(q->today), &today,
	    err)) != CRM_OK) || (rc = stock_query_location(db, q->location,
	    err)) != CRM_OK)
		goto out;
	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		goto out;
	bind_query(st, &(crm_stock_query){ .sku = q->sku,
	    .location = q->location, .as_of = q->as_of,
	    .today = late ? q->today : NULL });
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *exp = (const char *)sqlite3_column_text(st, 6);

		crm_rec_clear(r);
		if ((rc = crm_db_row(st, r, err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "open", sqlite3_column_int64(st,
		    10) - sqlite3_column_int64(st, 11), err)) != CRM_OK)
			goto out;
		if (late && exp != NULL && crm_date_parse(exp, strlen(exp),
		    &day, &why) == CRM_OK && (rc = crm_rec_set_int(r,
		    "days_late", today - day, err)) != CRM_OK)
			goto out;
		if ((rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	}
	rc = step == SQLITE_DONE ? CRM_OK : crm_db_fail(db, step,
	    "stock_transit", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}

int
crm_stock_rebuild(crm_db *db, crm_err *err)
{
	int rc;

	if ((rc = crm_db_exec(db, "DELETE FROM stock_balances", err)) !=
	    CRM_OK)
		return rc;
	return crm_db_exec(db, "INSERT INTO stock_balances"
	    " SELECT m.location_id, l.sku, l.received_on, l.id, sum(m.qty)"
	    " FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id"
	    " GROUP BY m.location_id, l.id HAVING sum(m.qty) > 0", err);
}

int
crm_stock_check(crm_db *db, crm_out *out, unsigned long *problems,
    crm_err *err)
{
	static const char sql[] =
	    "SELECT lot_id, location_id, sum(c) AS cached, sum(g) AS ledger,"
	    " max(bad) AS bad"
	    " FROM (SELECT b.lot_id, b.location_id, b.qty AS c, 0 AS g,"
	    "  (b.sku <> l.sku OR b.received_on <> l.received_on) AS bad"
	    "  FROM stock_balances b JOIN stock_lots l ON l.id = b.lot_id"
	    "  UNION ALL SELECT lot_id, location_id, 0, qty, 0"
	    "  FROM stock_moves)"
	    " GROUP BY lot_id, location_id"
	    " HAVING sum(c) <> sum(g) OR sum(g) < 0 OR max(bad)"
	    " ORDER BY lot_id, location_id";
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st = NULL;
	int rc, step;

	*problems = 0;
	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t cached = sqlite3_column_int64(st, 2);
		int64_t ledger = sqlite3_column_int64(st, 3);
		const char *problem = ledger < 0 ? "below zero in the ledger" :
		    cached != ledger ? "cache differs from the ledger" :
		    "cache has the wrong sku or receipt date";

		(*problems)++;
		crm_rec_clear(r);
		if ((rc = crm_rec_set_str(r, "check", "stock_balances", 14,
		    err)) != CRM_OK || (rc = crm_db_row(st, r, err)) != CRM_OK)
			goto out;
		crm_rec_del(r, "bad");
		if ((rc = crm_rec_set_str(r, "problem", problem,
		    strlen(problem), err)) != CRM_OK ||
		    (rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	}
	rc = step == SQLITE_DONE ? CRM_OK : crm_db_fail(db, step,
	    "stock_balances", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}

int
crm_stock_location_list(crm_db *db, crm_out *out, crm_err *err)
{
	static const char sql[] = "SELECT id, name, kind, region, customer_id"
	    " FROM locations ORDER BY id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	rc = crm_db_write_rows(db, st, out, "locations", err);
	sqlite3_finalize(st);
	return rc;
}
