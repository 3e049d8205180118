/*
 * stock.c - the stock writer of a run, reading its records' fields,
 * locations, and the two things every verb does: take stock first in
 * first out, and book a move in the ledger and its cache.
 */
#include "stock_internal.h"

int
crm_stock_new(crm_db *db, const crm_stock_opts *o, crm_stock **out,
    crm_err *err)
{
	crm_stock *s;
	int64_t now;
	int rc;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->rec = crm_rec_new()) == NULL ||
	    (s->counted = crm_strmap_new(1)) == NULL ||
	    (s->count_locations = crm_strmap_new(1)) == NULL) {
		crm_stock_free(s);
		return crm_err_nomem(err);
	}
	s->db = db;
	s->full = o->full;
	if ((rc = crm_now(&now, err)) != CRM_OK) {
		crm_stock_free(s);
		return rc;
	}
	if (o->at != NULL)
		snprintf(s->at, sizeof(s->at), "%s", o->at);
	else
		crm_time_format(now, s->at);
	if (o->on != NULL)
		snprintf(s->on, sizeof(s->on), "%s", o->on);
	else
		crm_date_format(crm_time_date(now), s->on);
	if (o->location != NULL)
		snprintf(s->location, sizeof(s->location), "%s", o->location);
	snprintf(s->reason, sizeof(s->reason), "%s",
	    o->reason != NULL ? o->reason : "stocktake");
	*out = s;
	return CRM_OK;
}

void
crm_stock_free(crm_stock *s)
{
	if (s == NULL)
		return;
	crm_rec_free(s->rec);
	free(s->lots);
	crm_strmap_free(s->counted);
	crm_strmap_free(s->count_locations);
	free(s->locs);
	free(s);
}

const crm_stock_counts *
crm_stock_counts_of(const crm_stock *s)
{
	return &s->counts;
}

int
stock_str(const crm_rec *r, const char *key, int required, char *buf,
    size_t sz, crm_err *err)
{
	int rc = crm_rec_copy_str(r, key, buf, sz, err);

	if (rc == CRM_END && required)
		return crm_rec_fail(r, err, CRM_EDATA, key, "missing");
	return rc;
}

int
stock_date(const crm_rec *r, const char *key, const char *dflt, char *buf,
    crm_err *err)
{
	int32_t day;
	int rc;

	if ((rc = crm_date_get(r, key, &day, err)) == CRM_END) {
		snprintf(buf, CRM_DATE_BUFSZ, "%s", dflt);
		return CRM_OK;
	}
	if (rc == CRM_OK)
		crm_date_format(day, buf);
	return rc;
}

int
stock_qty(const crm_rec *r, const char *key, int64_t min, int64_t *qty,
    crm_err *err)
{
	return crm_rec_get_int(r, key, min, 1000000000, qty, err);
}

/* Is there a row for id? */
static int
known(crm_stock *s, const char *sql, const crm_rec *r, const char *field,
    const char *id, const char *what, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, found;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(s->db, st, what, &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_rec_fail(r, err, CRM_EDATA, field, "no such %s %s",
		    what, id);
	return CRM_OK;
}

int
stock_location_known(crm_stock *s, const crm_rec *r, const char *field,
    const char *id, crm_err *err)
{
	return known(s, "SELECT 1 FROM locations WHERE id = ?1", r, field, id,
	    "location", err);
}

int
stock_customer_known(crm_stock *s, const crm_rec *r, const char *field,
    const char *id, crm_err *err)
{
	return known(s, "SELECT 1 FROM customers WHERE id = ?1", r, field, id,
	    "customer", err);
}

int
stock_sku_known(crm_stock *s, const crm_rec *r, const char *field,
    const char *sku, char *currency, crm_err *err)
{
	static const char sql[] = "SELECT currency FROM products"
	    " WHERE sku = ?1";
	sqlite3_stmt *st;
	const char *c;
	int rc;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_rec_fail(r, err, CRM_EDATA,
		    field, "no such sku %s", sku) : crm_db_fail(s->db, rc,
		    "products", err);
	}
	if (currency != NULL) {
		c = (const char *)sqlite3_column_text(st, 0);
		snprintf(currency, 8, "%s", c != NULL ? c : "");
	}
	sqlite3_reset(st);
	return CRM_OK;
}

int
stock_set(crm_stock *s, const char *key, const char *v, crm_err *err)
{
	if (v == NULL || *v == '\0')
		return CRM_OK;
	return crm_rec_set_str(s->rec, key, v, strlen(v), err);
}

int
stock_set_money(crm_stock *s, const char *key, int64_t minor,
    const char *currency, crm_err *err)
{
	int exponent, rc;

	if ((rc = crm_currency_exponent(currency, &exponent, err)) != CRM_OK)
		return rc;
	return crm_money_set(s->rec, key, minor, exponent, err);
}

static const char take_sql[] =
	"SELECT b.lot_id, b.received_on, b.qty, l.unit_cost_minor,"
	" l.currency, l.serial"
	" FROM stock_balances b JOIN stock_lots l ON l.id = b.lot_id"
	" WHERE b.location_id = ?1 AND b.sku = ?2"
	" AND (?3 IS NULL OR b.lot_id = ?3)"
	" AND (?4 IS NULL OR NOT EXISTS (SELECT 1 FROM stock_moves m"
	"  WHERE m.lot_id = b.lot_id AND m.location_id = b.location_id"
	"  AND m.moved_on > ?4))"
	" ORDER BY b.received_on, b.lot_id";

static void
copy_col(sqlite3_stmt *st, int col, char *buf, size_t sz)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	snprintf(buf, sz, "%s", v != NULL ? v : "");
}

int
stock_take(crm_stock *s, const crm_rec *r, const char *location,
    const char *sku, const char *lot, const char *before, int64_t qty,
    crm_err *err)
{
	sqlite3_stmt *st;
	int64_t left = qty;
	int rc;

	s->nlots = 0;
	if ((rc = crm_db_stmt(s->db, take_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sku, -1, SQLITE_STATIC);
	if (lot != NULL)
		sqlite3_bind_text(st, 3, lot, -1, SQLITE_STATIC);
	if (before != NULL)
		sqlite3_bind_text(st, 4, before, -1, SQLITE_STATIC);
	while (left > 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct stock_lot *l;

		if ((rc = crm_array_grow(&s->lots, &s->caplots, s->nlots,
		    sizeof(*s->lots), err)) != CRM_OK) {
			sqlite3_reset(st);
			return rc;
		}
		l = &s->lots[s->nlots++];
		copy_col(st, 0, l->id, sizeof(l->id));
		copy_col(st, 1, l->received_on, sizeof(l->received_on));
		l->had = sqlite3_column_int64(st, 2);
		l->unit_cost = sqlite3_column_int64(st, 3);
		copy_col(st, 4, l->currency, sizeof(l->currency));
		copy_col(st, 5, l->serial, sizeof(l->serial));
		l->qty = l->had < left ? l->had : left;
		left -= l->qty;
	}
	sqlite3_reset(st);
	if (left > 0 && rc != SQLITE_DONE)
		return crm_db_fail(s->db, rc, "stock_balances", err);
	if (left > 0)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "%lld wanted, "
		    "%lld on hand of %s %s at %s", (long long)qty,
		    (long long)(qty - left), lot != NULL ? "lot" : "sku",
		    lot != NULL ? lot : sku, location);
	return CRM_OK;
}

static const char insert_move_sql[] =
	"INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,"
	" ref, order_id, line_no, customer_id, reason, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char balance_add_sql[] =
	"INSERT INTO stock_balances (location_id, sku, received_on, lot_id,"
	" qty) VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT (location_id, sku, received_on, lot_id)"
	" DO UPDATE SET qty = stock_balances.qty + excluded.qty";

static const char balance_sub_sql[] =
	"UPDATE stock_balances SET qty = qty + ?5 WHERE location_id = ?1"
	" AND sku = ?2 AND received_on = ?3 AND lot_id = ?4";

static const char balance_del_sql[] =
	"DELETE FROM stock_balances WHERE location_id = ?1 AND sku = ?2"
	" AND received_on = ?3 AND lot_id = ?4 AND ?5 IS NOT NULL";

void
stock_bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

int
stock_step_done(crm_db *db, sqlite3_stmt *st, const char *what,
    crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, what, err);
}

int
stock_book(crm_stock *s, const struct stock_move *m, crm_err *err)
{
	const char *sql;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(s->db, insert_move_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, m->lot, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, m->qty);
	sqlite3_bind_text(st, 5, m->kind, -1, SQLITE_STATIC);
	stock_bind_opt(st, 6, m->ref);
	stock_bind_opt(st, 7, m->order_id);
	if (m->line_no > 0)
		sqlite3_bind_int64(st, 8, m->line_no);
	stock_bind_opt(st, 9, m->customer);
	stock_bind_opt(st, 10, m->reason);
	sqlite3_bind_text(st, 11, s->at, -1, SQLITE_STATIC);
	if ((rc = stock_step_done(s->db, st, "stock_moves", err)) != CRM_OK)
		return rc;
	if (m->qty > 0)
		sql = balance_add_sql;
	else if (m->had + m->qty > 0)
		sql = balance_sub_sql;
	else
		sql = balance_del_sql;
	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, m->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->received_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->lot, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->qty);
	return stock_step_done(s->db, st, "stock_balances", err);
}

/*
 * Locations.
 */
static const char location_get_sql[] =
	"SELECT name, kind, region, customer_id FROM locations WHERE id = ?1";

static const char location_put_sql[] =
	"INSERT INTO locations (id, name, kind, region, customer_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
	" kind = excluded.kind, region = excluded.region,"
	" customer_id = excluded.customer_id";

static int
same(sqlite3_stmt *st, int col, const char *v)
{
	const char *c = (const char *)sqlite3_column_text(st, col);

	if (c == NULL)
		return *v == '\0';
	return strcmp(c, v) == 0;
}

int
crm_stock_location(crm_stock *s, const crm_rec *r, crm_err *err)
{
	char f[5][STOCK_ID_SZ];
	static const char *const keys[] = { "id", "name", "kind", "region",
	    "customer_id" };
	sqlite3_stmt *st;
	size_t k;
	int rc, exists = 0, changed = 1;

	for (k = 0; k < ARRAY_LEN(keys); k++)
		if ((rc = stock_str(r, keys[k], k == 0, f[k], sizeof(f[k]),
		    err)) != CRM_OK && rc != CRM_END)
			return rc;
	if (f[1][0] == '\0')
		memcpy(f[1], f[0], sizeof(f[1]));
	if (f[4][0] != '\0' && (rc = stock_customer_known(s, r, "customer_id",
	    f[4], err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_stmt(s->db, location_get_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, f[0], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		exists = 1;
		changed = !same(st, 0, f[1]) || !same(st, 1, f[2]) ||
		    !same(st, 2, f[3]) || !same(st, 3, f[4]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(s->db, rc, "locations", err);
	if (!changed) {
		s->counts.locations_unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(s->db, location_put_sql, &st, err)) != CRM_OK)
		return rc;
	for (k = 0; k < ARRAY_LEN(keys); k++)
		stock_bind_opt(st, (int)k + 1, f[k]);
	if ((rc = stock_step_done(s->db, st, "locations", err)) != CRM_OK)
		return rc;
	if (exists)
		s->counts.locations_updated++;
	else
		s->counts.locations_new++;
	return CRM_OK;
}
