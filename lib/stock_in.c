/*
 * stock_in.c - stock coming in: lines on the way (transit) and their
 * receipt at a location, which makes lots; stock from elsewhere (an
 * opening balance) is received the same way without a shipment.
 */
#include "stock_internal.h"

#include <jansson.h>

struct transit {
	char shipment[STOCK_ID_SZ];
	char sku[STOCK_ID_SZ];
	char location[STOCK_ID_SZ];
	char carrier[STOCK_ID_SZ];
	char order_id[STOCK_ID_SZ];
	char order_code[STOCK_ID_SZ];
	char serial[STOCK_ID_SZ];
	char currency[8];
	char shipped_on[CRM_DATE_BUFSZ];
	char expected_on[CRM_DATE_BUFSZ];
	int64_t line_no, qty, unit_cost;
	int has_cost;
};

/* The unit cost of an order line: its net amount over its quantity,
 * rounded half up to the minor unit. */
static int
order_line_cost(crm_stock *s, struct transit *t, crm_err *err)
{
	static const char sql[] = "SELECT l.amount_minor, l.qty, o.currency"
	    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
	    " WHERE l.order_id = ?1 AND l.line_no = ?2";
	sqlite3_stmt *st;
	int64_t amount, qty;
	int rc;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->order_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t->line_no);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		amount = sqlite3_column_int64(st, 0);
		qty = sqlite3_column_int64(st, 1);
		if (qty > 0 && amount >= 0) {
			t->unit_cost = (amount + qty / 2) / qty;
			t->has_cost = 1;
			snprintf(t->currency, sizeof(t->currency), "%s",
			    (const char *)sqlite3_column_text(st, 2));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(s->db, rc, "order_lines", err);
	return CRM_OK;
}

/* A unit_cost field in currency (which the record or the product gives). */
static int
read_cost(const crm_rec *r, char *currency, int64_t *cost, int *has,
    crm_err *err)
{
	char given[8];
	int exponent, rc;
	crm_err why;

	*has = 0;
	if (crm_rec_get(r, "unit_cost") == NULL)
		return CRM_OK;
	if ((rc = stock_str(r, "currency", 0, given, sizeof(given), err)) ==
	    CRM_OK)
		memcpy(currency, given, sizeof(given));
	else if (rc != CRM_END)
		return rc;
	if (currency[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "missing "
		    "(the product has none)");
	if (crm_currency_exponent(currency, &exponent, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "%s",
		    why.msg);
	if ((rc = crm_money_get(r, "unit_cost", exponent, cost, err)) !=
	    CRM_OK)
		return rc;
	if (*cost < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "unit_cost",
		    "negative");
	*has = 1;
	return CRM_OK;
}

static int
read_transit(crm_stock *s, const crm_rec *r, struct transit *t, crm_err *err)
{
	int32_t day;
	int64_t ms;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = stock_str(r, "shipment_id", 1, t->shipment,
	    sizeof(t->shipment), err)) != CRM_OK ||
	    (rc = crm_rec_get_int(r, "line_no", 1, 1000000000, &t->line_no,
	    err)) == CRM_END ||
	    (rc == CRM_OK && (rc = stock_str(r, "sku", 1, t->sku,
	    sizeof(t->sku), err)) != CRM_OK))
		return rc == CRM_END ? crm_rec_fail(r, err, CRM_EDATA,
		    "line_no", "missing") : rc;
	if (rc != CRM_OK)
		return rc;
	if ((rc = stock_qty(r, "qty", 1, &t->qty, err)) != CRM_OK)
		return rc == CRM_END ? crm_rec_fail(r, err, CRM_EDATA, "qty",
		    "missing") : rc;
	if ((rc = stock_sku_known(s, r, "sku", t->sku, t->currency, err)) !=
	    CRM_OK)
		return rc;
	rc = stock_str(r, "location", 0, t->location, sizeof(t->location),
	    err);
	if (rc == CRM_END)
		rc = stock_str(r, "destination", 0, t->location,
		    sizeof(t->location), err);
	if (rc == CRM_END && s->location[0] != '\0') {
		memcpy(t->location, s->location, sizeof(t->location));
		rc = CRM_OK;
	}
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "location", "missing "
		    "(nor destination)");
	if (rc != CRM_OK || (rc = stock_location_known(s, r, "location",
	    t->location, err)) != CRM_OK)
		return rc;
	if ((rc = crm_date_get(r, "shipped_on", &day, err)) == CRM_OK)
		crm_date_format(day, t->shipped_on);
	else if (rc != CRM_END)
		return rc;
	else if ((rc = crm_time_get(r, "shipped_at", &ms, err)) == CRM_OK)
		crm_date_format(crm_time_date(ms), t->shipped_on);
	else if (rc == CRM_END)
		memcpy(t->shipped_on, s->on, sizeof(t->shipped_on));
	else
		return rc;
	if ((rc = stock_date(r, "expected_on", "", t->expected_on, err)) !=
	    CRM_OK)
		return rc;
	if (t->expected_on[0] != '\0' &&
	    strcmp(t->expected_on, t->shipped_on) < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "expected_on", "%s is "
		    "before the shipment left on %s", t->expected_on,
		    t->shipped_on);
	if (((rc = stock_str(r, "carrier", 0, t->carrier, sizeof(t->carrier),
	    err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "order_id", 0, t->order_id,
	    sizeof(t->order_id), err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "order_code", 0, t->order_code,
	    sizeof(t->order_code), err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "serial", 0, t->serial, sizeof(t->serial),
	    err)) != CRM_OK && rc != CRM_END))
		return rc;
	if (t->serial[0] != '\0' && t->qty != 1)
		return crm_rec_fail(r, err, CRM_EDATA, "serial", "a line with "
		    "a serial number is of one unit, not %lld",
		    (long long)t->qty);
	if ((rc = read_cost(r, t->currency, &t->unit_cost, &t->has_cost,
	    err)) != CRM_OK)
		return rc;
	if (!t->has_cost && t->order_id[0] != '\0')
		return order_line_cost(s, t, err);
	return CRM_OK;
}

static const char transit_get_sql[] =
	"SELECT sku, qty, location_id, coalesce(order_id, ''),"
	" coalesce(carrier, ''), coalesce(expected_on, '')"
	" FROM stock_transit WHERE shipment_id = ?1 AND line_no = ?2";

static const char transit_news_sql[] =
	"UPDATE stock_transit SET carrier = coalesce(?3, carrier),"
	" expected_on = coalesce(?4, expected_on)"
	" WHERE shipment_id = ?1 AND line_no = ?2";

static const char transit_insert_sql[] =
	"INSERT INTO stock_transit (shipment_id, line_no, sku, qty,"
	" location_id, shipped_on, expected_on, carrier, order_id, order_code,"
	" serial, unit_cost_minor, currency, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

/* A line seen before: the same line, or news of its carrier and
 * arrival; *done is set when it was. */
static int
transit_again(crm_stock *s, const crm_rec *r, const struct transit *t,
    int *done, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, news;

	*done = 0;
	if ((rc = crm_db_stmt(s->db, transit_get_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->shipment, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t->line_no);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(s->db, rc,
		    "stock_transit", err);
	}
	*done = 1;
	if (strcmp((const char *)sqlite3_column_text(st, 0), t->sku) != 0 ||
	    sqlite3_column_int64(st, 1) != t->qty ||
	    strcmp((const char *)sqlite3_column_text(st, 2), t->location) ||
	    (t->order_id[0] != '\0' && strcmp((const char *)
	    sqlite3_column_text(st, 3), t->order_id) != 0)) {
		rc = crm_rec_fail(r, err, CRM_EDATA, "line_no", "shipment %s "
		    "line %lld is on the way already as %lld of %s to %s",
		    t->shipment, (long long)t->line_no,
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 2));
		sqlite3_reset(st);
		return rc;
	}
	news = (t->carrier[0] != '\0' && strcmp((const char *)
	    sqlite3_column_text(st, 4), t->carrier) != 0) ||
	    (t->expected_on[0] != '\0' && strcmp((const char *)
	    sqlite3_column_text(st, 5), t->expected_on) != 0);
	sqlite3_reset(st);
	if (!news) {
		s->counts.transit_unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(s->db, transit_news_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->shipment, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t->line_no);
	stock_bind_opt(st, 3, t->carrier);
	stock_bind_opt(st, 4, t->expected_on);
	if ((rc = stock_step_done(s->db, st, "stock_transit", err)) == CRM_OK)
		s->counts.transit_updated++;
	return rc;
}

int
crm_stock_transit(crm_stock *s, const crm_rec *r, crm_err *err)
{
	struct transit t;
	sqlite3_stmt *st;
	int rc, done;

	if ((rc = read_transit(s, r, &t, err)) != CRM_OK ||
	    (rc = transit_again(s, r, &t, &done, err)) != CRM_OK || done)
		return rc;
	if ((rc = crm_db_stmt(s->db, transit_insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t.shipment, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t.line_no);
	sqlite3_bind_text(st, 3, t.sku, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, t.qty);
	sqlite3_bind_text(st, 5, t.location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, t.shipped_on, -1, SQLITE_STATIC);
	stock_bind_opt(st, 7, t.expected_on);
	stock_bind_opt(st, 8, t.carrier);
	stock_bind_opt(st, 9, t.order_id);
	stock_bind_opt(st, 10, t.order_code);
	stock_bind_opt(st, 11, t.serial);
	if (t.has_cost) {
		sqlite3_bind_int64(st, 12, t.unit_cost);
		sqlite3_bind_text(st, 13, t.currency, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 14, s->at, -1, SQLITE_STATIC);
	if ((rc = stock_step_done(s->db, st, "stock_transit", err)) == CRM_OK)
		s->counts.transit_new++;
	return rc;
}

/*
 * Receipts.
 */

static const char lot_insert_sql[] =
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, serial, location_id, shipment_id, line_no, carrier,"
	" received_by, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char lot_taken_sql[] =
	"SELECT id FROM stock_lots WHERE id = ?1 OR serial = ?2";

static int
lot_write(crm_stock *s, const struct stock_new_lot *l, crm_out *out,
    crm_err *err)
{
	crm_rec *o = s->rec;
	int rc;

	if (out == NULL)
		return CRM_OK;
	crm_rec_clear(o);
	if ((rc = stock_set(s, "lot", l->id, err)) ||
	    (rc = stock_set(s, "sku", l->sku, err)) ||
	    (rc = crm_rec_set_int(o, "qty", l->qty, err)) ||
	    (rc = stock_set(s, "location", l->location, err)) ||
	    (rc = stock_set(s, "received_on", l->received_on, err)) ||
	    (rc = stock_set_money(s, "unit_cost", l->unit_cost, l->currency,
	    err)) ||
	    (rc = stock_set(s, "currency", l->currency, err)) ||
	    (rc = stock_set(s, "serial", l->serial, err)) ||
	    (rc = stock_set(s, "shipment_id", l->shipment, err)))
		return rc;
	if (l->line_no > 0 && (rc = crm_rec_set_int(o, "line_no", l->line_no,
	    err)))
		return rc;
	if ((rc = stock_set(s, "carrier", l->carrier, err)) ||
	    (rc = stock_set(s, "received_by", l->received_by, err)))
		return rc;
	return crm_out_write(out, o, err);
}

int
stock_lot_make(crm_stock *s, const crm_rec *r, const struct stock_new_lot *l,
    const char *kind, const char *reason, crm_out *out, crm_err *err)
{
	struct stock_move m;
	sqlite3_stmt *st;
	int rc, found;

	if ((rc = crm_db_stmt(s->db, lot_taken_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, l->id, -1, SQLITE_STATIC);
	if (l->serial != NULL && *l->serial != '\0')
		sqlite3_bind_text(st, 2, l->serial, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(s->db, st, "stock_lots", &found, err)) !=
	    CRM_OK)
		return rc;
	if (found)
		return crm_rec_fail(r, err, CRM_EDATA, l->serial != NULL &&
		    *l->serial != '\0' ? "serials" : "lot", "lot %s or serial "
		    "%s was received before", l->id, l->serial != NULL &&
		    *l->serial != '\0' ? l->serial : "-");
	if ((rc = crm_db_stmt(s->db, lot_insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, l->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, l->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->received_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, l->qty);
	sqlite3_bind_int64(st, 5, l->unit_cost);
	sqlite3_bind_text(st, 6, l->currency, -1, SQLITE_STATIC);
	stock_bind_opt(st, 7, l->serial);
	sqlite3_bind_text(st, 8, l->location, -1, SQLITE_STATIC);
	if (l->shipment != NULL) {
		sqlite3_bind_text(st, 9, l->shipment, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 10, l->line_no);
	}
	stock_bind_opt(st, 11, l->carrier);
	stock_bind_opt(st, 12, l->received_by);
	sqlite3_bind_text(st, 13, s->at, -1, SQLITE_STATIC);
	if ((rc = stock_step_done(s->db, st, "stock_lots", err)) != CRM_OK)
		return rc;
	memset(&m, 0, sizeof(m));
	m.lot = l->id;
	m.sku = l->sku;
	m.received_on = l->received_on;
	m.location = l->location;
	m.on = l->received_on;
	m.kind = kind;
	m.ref = l->shipment;
	m.reason = reason;
	m.qty = l->qty;
	if ((rc = stock_book(s, &m, err)) != CRM_OK)
		return rc;
	s->counts.lots++;
	s->counts.received += l->qty;
	return lot_write(s, l, out, err);
}

/* The serials of r (an array of strings), in *serials (caller frees). */
static int
read_serials(const crm_rec *r, json_t **serials, crm_err *err)
{
	long i = crm_rec_find(r, "serials");
	json_t *v;
	size_t k, len;
	const char *text;

	*serials = NULL;
	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_ARRAY)
		return crm_rec_fail(r, err, CRM_EDATA, "serials", "not an "
		    "array of serial numbers");
	text = crm_rec_json(r, (size_t)i, &len);
	if ((*serials = json_loadb(text, len, 0, NULL)) == NULL)
		return crm_err_nomem(err);
	if (json_array_size(*serials) == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "serials", "empty");
	json_array_foreach(*serials, k, v) {
		size_t j, n = json_string_length(v);

		if (!json_is_string(v) || n == 0 || n >= STOCK_ID_SZ ||
		    memchr(json_string_value(v), '\0', n) != NULL)
			return crm_rec_fail(r, err, CRM_EDATA, "serials",
			    "item %zu: not a serial number", k + 1);
		for (j = 0; j < k; j++)
			if (strcmp(json_string_value(json_array_get(*serials,
			    j)), json_string_value(v)) == 0)
				return crm_rec_fail(r, err, CRM_EDATA,
				    "serials", "%s given twice",
				    json_string_value(v));
	}
	return CRM_OK;
}

/* What a receipt record says besides its lines. */
struct receipt {
	char shipment[STOCK_ID_SZ];
	char lot[STOCK_ID_SZ];
	char location[STOCK_ID_SZ];
	char carrier[STOCK_ID_SZ];
	char received_by[STOCK_ID_SZ];
	char currency[8];
	char received_on[CRM_DATE_BUFSZ];
	int64_t line_no, qty, unit_cost;
	int has_qty, has_cost;
	json_t *serials;
};

/* Make the lots of n units of one line (serials: one lot per unit);
 * k is the number of lots the line had before. */
static int
receive_units(crm_stock *s, const crm_rec *r, const struct receipt *rc_,
    struct stock_new_lot *l, int64_t n, long k, crm_out *out, crm_err *err)
{
	size_t i;
	int rc;

	if (rc_->serials == NULL) {
		l->qty = n;
		if (rc_->lot[0] != '\0')
			snprintf(l->id, sizeof(l->id), "%s", rc_->lot);
		else if (l->shipment != NULL)
			snprintf(l->id, sizeof(l->id), "%s/%lld/%ld",
			    l->shipment, (long long)l->line_no, k + 1);
		else
			snprintf(l->id, sizeof(l->id), "%s/%s/%s/%ld",
			    l->location, l->sku, l->received_on, k + 1);
		return stock_lot_make(s, r, l, "receive", NULL, out,
		    err);
	}
	for (i = 0; i < json_array_size(rc_->serials); i++) {
		l->qty = 1;
		l->serial = json_string_value(json_array_get(rc_->serials, i));
		if (l->shipment != NULL)
			snprintf(l->id, sizeof(l->id), "%s/%lld/%ld",
			    l->shipment, (long long)l->line_no, k + 1 +
			    (long)i);
		else
			snprintf(l->id, sizeof(l->id), "%s", l->serial);
		if ((rc = stock_lot_make(s, r, l, "receive", NULL, out,
		    err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
read_receipt(crm_stock *s, const crm_rec *r, struct receipt *x, crm_err *err)
{
	int rc;

	memset(x, 0, sizeof(*x));
	if (((rc = stock_str(r, "shipment_id", 0, x->shipment,
	    sizeof(x->shipment), err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "lot", 0, x->lot, sizeof(x->lot), err)) !=
	    CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "location", 0, x->location,
	    sizeof(x->location), err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "carrier", 0, x->carrier, sizeof(x->carrier),
	    err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "received_by", 0, x->received_by,
	    sizeof(x->received_by), err)) != CRM_OK && rc != CRM_END) ||
	    (rc = stock_date(r, "received_on", s->on, x->received_on, err)) !=
	    CRM_OK)
		return rc;
	if (x->location[0] == '\0')
		memcpy(x->location, s->location, sizeof(x->location));
	if (x->location[0] != '\0' && (rc = stock_location_known(s, r,
	    "location", x->location, err)) != CRM_OK)
		return rc;
	if ((rc = crm_rec_get_int(r, "line_no", 1, 1000000000, &x->line_no,
	    err)) != CRM_OK && rc != CRM_END)
		return rc;
	if ((rc = stock_qty(r, "qty", 1, &x->qty, err)) == CRM_OK)
		x->has_qty = 1;
	else if (rc != CRM_END)
		return rc;
	if ((rc = read_serials(r, &x->serials, err)) != CRM_OK)
		return rc;
	if (x->serials != NULL) {
		if (x->has_qty && x->qty != (int64_t)json_array_size(
		    x->serials))
			return crm_rec_fail(r, err, CRM_EDATA, "serials", "%zu "
			    "serial numbers for a quantity of %lld",
			    json_array_size(x->serials), (long long)x->qty);
		x->qty = (int64_t)json_array_size(x->serials);
		x->has_qty = 1;
		if (x->lot[0] != '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "lot", "a lot "
			    "name and serials: each serial is a lot");
	}
	return CRM_OK;
}

int
stock_lots_on(crm_stock *s, const char *location, const char *sku,
    const char *day, long *n, crm_err *err)
{
	static const char sql[] = "SELECT count(*) FROM stock_lots"
	    " WHERE location_id = ?1 AND sku = ?2 AND received_on = ?3"
	    " AND shipment_id IS NULL";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(s->db, rc,
	    "stock_lots", err);
}

/* Stock from elsewhere: sku, qty, location and unit cost given. */
static int
receive_other(crm_stock *s, const crm_rec *r, struct receipt *x,
    crm_out *out, crm_err *err)
{
	char sku[STOCK_ID_SZ];
	struct stock_new_lot l;
	long k;
	int rc;

	if ((rc = stock_str(r, "sku", 1, sku, sizeof(sku), err)) != CRM_OK ||
	    (rc = stock_sku_known(s, r, "sku", sku, x->currency, err)) !=
	    CRM_OK)
		return rc;
	if (!x->has_qty)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "missing");
	if (x->location[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "location", "missing");
	if ((rc = read_cost(r, x->currency, &x->unit_cost, &x->has_cost,
	    err)) != CRM_OK)
		return rc;
	if (!x->has_cost)
		return crm_rec_fail(r, err, CRM_EDATA, "unit_cost", "missing "
		    "(stock received without a shipment needs its cost)");
	if ((rc = stock_lots_on(s, x->location, sku, x->received_on, &k,
	    err)) != CRM_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	l.sku = sku;
	l.location = x->location;
	l.currency = x->currency;
	l.unit_cost = x->unit_cost;
	l.carrier = x->carrier;
	l.received_by = x->received_by;
	memcpy(l.received_on, x->received_on, sizeof(l.received_on));
	return receive_units(s, r, x, &l, x->qty, k, out, err);
}

/* A line of a shipment on the way, as a receipt needs it. */
struct open_line {
	int64_t line_no, shipped, open;
	long lots;
	char sku[STOCK_ID_SZ];
	char location[STOCK_ID_SZ];
	char carrier[STOCK_ID_SZ];
	char serial[STOCK_ID_SZ];
	char shipped_on[CRM_DATE_BUFSZ];
	char currency[8];
	int64_t unit_cost;
	int has_cost;
};

static const char open_lines_sql[] =
	"SELECT t.line_no, t.qty, t.qty - coalesce(sum(l.qty), 0),"
	" count(l.id), t.sku, t.location_id, coalesce(t.carrier, ''),"
	" coalesce(t.serial, ''), t.shipped_on, coalesce(t.currency, ''),"
	" t.unit_cost_minor"
	" FROM stock_transit t LEFT JOIN stock_lots l"
	"  ON l.shipment_id = t.shipment_id AND l.line_no = t.line_no"
	" WHERE t.shipment_id = ?1 AND (?2 IS NULL OR t.line_no = ?2)"
	" GROUP BY t.shipment_id, t.line_no ORDER BY t.line_no";

static int
open_lines(crm_stock *s, const struct receipt *x, struct open_line **out,
    size_t *n, crm_err *err)
{
	struct open_line *v = NULL, *p;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = crm_db_stmt(s->db, open_lines_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->shipment, -1, SQLITE_STATIC);
	if (x->line_no > 0)
		sqlite3_bind_int64(st, 2, x->line_no);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = crm_array_grow(&v, &cap, *n, sizeof(*v), err)) !=
		    CRM_OK) {
			sqlite3_reset(st);
			free(v);
			return rc;
		}
		p = &v[(*n)++];
		p->line_no = sqlite3_column_int64(st, 0);
		p->shipped = sqlite3_column_int64(st, 1);
		p->open = sqlite3_column_int64(st, 2);
		p->lots = (long)sqlite3_column_int64(st, 3);
		snprintf(p->sku, sizeof(p->sku), "%s",
		    sqlite3_column_text(st, 4));
		snprintf(p->location, sizeof(p->location), "%s",
		    sqlite3_column_text(st, 5));
		snprintf(p->carrier, sizeof(p->carrier), "%s",
		    sqlite3_column_text(st, 6));
		snprintf(p->serial, sizeof(p->serial), "%s",
		    sqlite3_column_text(st, 7));
		snprintf(p->shipped_on, sizeof(p->shipped_on), "%s",
		    sqlite3_column_text(st, 8));
		snprintf(p->currency, sizeof(p->currency), "%s",
		    sqlite3_column_text(st, 9));
		p->has_cost = sqlite3_column_type(st, 10) != SQLITE_NULL;
		p->unit_cost = sqlite3_column_int64(st, 10);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return crm_db_fail(s->db, rc, "stock_transit", err);
	}
	*out = v;
	return CRM_OK;
}

/* Receive n units of line p of the shipment. */
static int
receive_line(crm_stock *s, const crm_rec *r, struct receipt *x,
    const struct open_line *p, int64_t n, crm_out *out, crm_err *err)
{
	struct stock_new_lot l;
	int rc;

	if (n > p->open)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "%lld received, "
		    "only %lld of line %lld still on the way (%lld shipped, "
		    "%lld received before)", (long long)n, (long long)p->open,
		    (long long)p->line_no, (long long)p->shipped,
		    (long long)(p->shipped - p->open));
	if (strcmp(x->received_on, p->shipped_on) < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "received_on", "%s is "
		    "before the shipment left on %s", x->received_on,
		    p->shipped_on);
	memset(&l, 0, sizeof(l));
	l.sku = p->sku;
	l.location = x->location[0] != '\0' ? x->location : p->location;
	l.shipment = x->shipment;
	l.line_no = p->line_no;
	l.carrier = x->carrier[0] != '\0' ? x->carrier : p->carrier;
	l.received_by = x->received_by;
	l.serial = p->serial;
	memcpy(l.received_on, x->received_on, sizeof(l.received_on));
	if (p->has_cost) {
		l.unit_cost = p->unit_cost;
		l.currency = p->currency;
	} else {
		snprintf(x->currency, sizeof(x->currency), "%s", p->currency);
		if (x->currency[0] == '\0' && (rc = stock_sku_known(s, r,
		    "sku", p->sku, x->currency, err)) != CRM_OK)
			return rc;
		if ((rc = read_cost(r, x->currency, &x->unit_cost,
		    &x->has_cost, err)) != CRM_OK)
			return rc;
		if (!x->has_cost)
			return crm_rec_fail(r, err, CRM_EDATA, "unit_cost",
			    "missing (line %lld of shipment %s came without "
			    "a cost)", (long long)p->line_no, x->shipment);
		l.unit_cost = x->unit_cost;
		l.currency = x->currency;
	}
	return receive_units(s, r, x, &l, n, p->lots, out, err);
}

/* The hand-over from carrier to location, in the event log; and the
 * shipment delivered for crm-order once all of it is in. */
static int
hand_over(crm_stock *s, const struct receipt *x, const char *carrier,
    const char *location, int64_t units, crm_err *err)
{
	static const char left_sql[] = "SELECT coalesce(sum(t.qty), 0) -"
	    " coalesce((SELECT sum(l.qty) FROM stock_lots l"
	    "  WHERE l.shipment_id = ?1), 0),"
	    " (SELECT count(*) FROM shipments WHERE id = ?1"
	    "  AND delivered_on IS NULL)"
	    " FROM stock_transit t WHERE t.shipment_id = ?1";
	char note[STOCK_ID_SZ * 3];
	sqlite3_stmt *st;
	crm_event ev;
	int64_t left, ours;
	int rc;

	snprintf(note, sizeof(note), "%lld handed over by %s%s%s",
	    (long long)units, *carrier ? carrier : "the carrier",
	    x->received_by[0] ? " to " : "", x->received_by);
	ev = (crm_event){ "shipment", x->shipment, s->at,
	    x->received_by[0] ? x->received_by : crm_event_actor(),
	    "received", *carrier ? carrier : NULL, location, note, NULL };
	if ((rc = crm_event_add(s->db, &ev, err)) != CRM_OK ||
	    (rc = crm_db_stmt(s->db, left_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->shipment, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	left = sqlite3_column_int64(st, 0);
	ours = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(s->db, rc, "stock_transit", err);
	if (left == 0 && ours)
		return crm_order_deliver(s->db, x->shipment, x->received_on,
		    s->at, err);
	return CRM_OK;
}

static int
receive_shipment(crm_stock *s, const crm_rec *r, struct receipt *x,
    crm_out *out, crm_err *err)
{
	struct open_line *v;
	int64_t units = 0;
	size_t n, i;
	int rc;

	if ((rc = open_lines(s, x, &v, &n, err)) != CRM_OK)
		return rc;
	if (n == 0)
		rc = x->line_no > 0 ? crm_rec_fail(r, err, CRM_EDATA,
		    "line_no", "shipment %s has no line %lld on the way",
		    x->shipment, (long long)x->line_no) : crm_rec_fail(r, err,
		    CRM_EDATA, "shipment_id", "no shipment %s on the way "
		    "(crm-stock transit records it)", x->shipment);
	else if (n > 1 && x->has_qty)
		rc = crm_rec_fail(r, err, CRM_EDATA, "line_no", "missing: "
		    "shipment %s has %zu lines, which does qty or serials "
		    "belong to?", x->shipment, n);
	for (i = 0; rc == CRM_OK && i < n; i++) {
		int64_t want = x->has_qty ? x->qty : v[i].open;

		if (want == 0)
			continue;
		rc = receive_line(s, r, x, &v[i], want, out, err);
		units += want;
	}
	if (rc == CRM_OK && units == 0)
		rc = crm_rec_fail(r, err, CRM_EDATA, "shipment_id", "shipment "
		    "%s%s was received in full already", x->shipment,
		    x->line_no > 0 ? " (that line)" : "");
	if (rc == CRM_OK)
		rc = hand_over(s, x, x->carrier[0] ? x->carrier : v[0].carrier,
		    x->location[0] ? x->location : v[0].location, units, err);
	free(v);
	return rc;
}

int
crm_stock_receive(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	struct receipt x;
	int rc;

	if ((rc = read_receipt(s, r, &x, err)) == CRM_OK)
		rc = x.shipment[0] != '\0' ? receive_shipment(s, r, &x, out,
		    err) : receive_other(s, r, &x, out, err);
	json_decref(x.serials);
	return rc;
}
