/*
 * stock_out.c - stock going out and around: issues to customers (first
 * in first out, with the cost of what went), moves between locations,
 * and stocktakes.
 */
#include "stock_internal.h"

/* What an issue or a move names: a sku, or a lot, or a serial. */
struct pick {
	char sku[STOCK_ID_SZ];
	char lot[STOCK_ID_SZ];
	char serial[STOCK_ID_SZ];
	int64_t qty;
	int has_qty;
};

/* The lot of a serial number, and its sku. */
static int
serial_lot(crm_stock *s, const crm_rec *r, struct pick *p, crm_err *err)
{
	static const char sql[] = "SELECT id, sku FROM stock_lots"
	    " WHERE serial = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->serial, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(p->lot, sizeof(p->lot), "%s",
		    sqlite3_column_text(st, 0));
		snprintf(p->sku, sizeof(p->sku), "%s",
		    sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_rec_fail(r, err, CRM_EDATA, "serial", "no unit %s "
		    "was received", p->serial);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(s->db, rc,
	    "stock_lots", err);
}

/* The sku of a lot. */
static int
lot_sku(crm_stock *s, const crm_rec *r, struct pick *p, crm_err *err)
{
	static const char sql[] = "SELECT sku FROM stock_lots WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->lot, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sku = (const char *)sqlite3_column_text(st, 0);

		if (p->sku[0] != '\0' && strcmp(p->sku, sku) != 0)
			rc = SQLITE_MISMATCH;
		snprintf(p->sku, sizeof(p->sku), "%s", sku);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_rec_fail(r, err, CRM_EDATA, "lot", "no such lot %s",
		    p->lot);
	if (rc == SQLITE_MISMATCH)
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "lot %s is of "
		    "%s", p->lot, p->sku);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(s->db, rc,
	    "stock_lots", err);
}

/* sku, lot, serial and qty of r; sku_required unless an order names it. */
static int
read_pick(crm_stock *s, const crm_rec *r, int sku_required, struct pick *p,
    crm_err *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	if (((rc = stock_str(r, "sku", 0, p->sku, sizeof(p->sku), err)) !=
	    CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "lot", 0, p->lot, sizeof(p->lot), err)) !=
	    CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "serial", 0, p->serial, sizeof(p->serial),
	    err)) != CRM_OK && rc != CRM_END))
		return rc;
	if ((rc = stock_qty(r, "qty", 1, &p->qty, err)) == CRM_OK)
		p->has_qty = 1;
	else if (rc != CRM_END)
		return rc;
	if (p->serial[0] != '\0') {
		if (p->lot[0] != '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "lot", "a lot "
			    "and a serial: give one");
		if (p->has_qty && p->qty != 1)
			return crm_rec_fail(r, err, CRM_EDATA, "qty", "%lld: "
			    "a serial number is one unit", (long long)p->qty);
		p->qty = 1;
		p->has_qty = 1;
		return serial_lot(s, r, p, err);
	}
	if (p->lot[0] != '\0')
		return lot_sku(s, r, p, err);
	if (p->sku[0] == '\0' && sku_required)
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "missing (nor "
		    "lot, serial or order_id)");
	if (p->sku[0] != '\0' && (rc = stock_sku_known(s, r, "sku", p->sku,
	    NULL, err)) != CRM_OK)
		return rc;
	return CRM_OK;
}

/* The location field of r, else dflt, else the run's; known. */
static int
read_location(crm_stock *s, const crm_rec *r, const char *key,
    const char *dflt, char *buf, crm_err *err)
{
	int rc = stock_str(r, key, 0, buf, STOCK_ID_SZ, err);

	if (rc == CRM_END) {
		snprintf(buf, STOCK_ID_SZ, "%s", dflt != NULL && *dflt ? dflt :
		    s->location);
		if (*buf == '\0')
			return crm_rec_fail(r, err, CRM_EDATA, key, "missing");
	} else if (rc != CRM_OK)
		return rc;
	return stock_location_known(s, r, key, buf, err);
}

/* A lot's cost of qty units, overflow checked. */
static int
lot_cost(const crm_rec *r, const struct stock_lot *l, int64_t qty,
    int64_t *cost, crm_err *err)
{
	if (__builtin_mul_overflow(l->unit_cost, qty, cost))
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "cost out of "
		    "range");
	return CRM_OK;
}

/*
 * Issues.
 */
struct issue {
	struct pick pick;
	char location[STOCK_ID_SZ];
	char customer[STOCK_ID_SZ];
	char order_id[STOCK_ID_SZ];
	char on[CRM_DATE_BUFSZ];
	int64_t line_no;
};

static int
issue_write(crm_stock *s, const struct issue *x, const struct stock_lot *l,
    const char *sku, int64_t line_no, crm_out *out, const crm_rec *r,
    crm_err *err)
{
	crm_rec *o = s->rec;
	int64_t cost;
	int rc;

	if (out == NULL)
		return CRM_OK;
	if ((rc = lot_cost(r, l, l->qty, &cost, err)) != CRM_OK)
		return rc;
	crm_rec_clear(o);
	if ((rc = stock_set(s, "sku", sku, err)) ||
	    (rc = crm_rec_set_int(o, "qty", l->qty, err)) ||
	    (rc = stock_set(s, "location", x->location, err)) ||
	    (rc = stock_set(s, "lot", l->id, err)) ||
	    (rc = stock_set(s, "received_on", l->received_on, err)) ||
	    (rc = stock_set(s, "serial", l->serial, err)) ||
	    (rc = stock_set_money(s, "unit_cost", l->unit_cost, l->currency,
	    err)) ||
	    (rc = stock_set_money(s, "cost", cost, l->currency, err)) ||
	    (rc = stock_set(s, "currency", l->currency, err)) ||
	    (rc = stock_set(s, "order_id", x->order_id, err)))
		return rc;
	if (line_no > 0 && (rc = crm_rec_set_int(o, "line_no", line_no, err)))
		return rc;
	if ((rc = stock_set(s, "customer_id", x->customer, err)) ||
	    (rc = stock_set(s, "issued_on", x->on, err)))
		return rc;
	return crm_out_write(out, o, err);
}

/* Issue qty of sku (or of the picked lot) for one line. */
static int
issue_units(crm_stock *s, const crm_rec *r, const struct issue *x,
    const char *sku, int64_t line_no, int64_t qty, crm_out *out,
    crm_err *err)
{
	struct stock_move m;
	size_t i;
	int rc;

	if ((rc = stock_take(s, r, x->location, sku, x->pick.lot[0] ?
	    x->pick.lot : NULL, x->on, qty, err)) != CRM_OK)
		return rc;
	for (i = 0; i < s->nlots; i++) {
		const struct stock_lot *l = &s->lots[i];

		memset(&m, 0, sizeof(m));
		m.lot = l->id;
		m.sku = sku;
		m.received_on = l->received_on;
		m.location = x->location;
		m.on = x->on;
		m.kind = "issue";
		m.ref = x->order_id;
		m.order_id = x->order_id;
		m.line_no = line_no;
		m.customer = x->customer;
		m.qty = -l->qty;
		m.had = l->had;
		if ((rc = stock_book(s, &m, err)) != CRM_OK ||
		    (rc = issue_write(s, x, l, sku, line_no, out, r, err)) !=
		    CRM_OK)
			return rc;
	}
	s->counts.issued += qty;
	return CRM_OK;
}

/* A line of an order with what is left to issue of it. */
struct order_line {
	int64_t line_no, ordered, open;
	char sku[STOCK_ID_SZ];
};

static const char order_sql[] =
	"SELECT customer_id, coalesce(location_id, ''), status,"
	" coalesce(kind, 'sale') FROM orders WHERE id = ?1";

static const char order_lines_sql[] =
	"SELECT l.line_no, l.sku, l.qty, l.qty + coalesce((SELECT sum(m.qty)"
	"  FROM stock_moves m WHERE m.order_id = l.order_id"
	"  AND m.line_no = l.line_no AND m.kind = 'issue'), 0)"
	" FROM order_lines l WHERE l.order_id = ?1"
	" AND (?2 IS NULL OR l.line_no = ?2) AND l.qty > 0"
	" ORDER BY l.line_no";

/* The order's customer, location and lines to issue (caller frees). */
static int
order_load(crm_stock *s, const crm_rec *r, struct issue *x,
    char *location, struct order_line **out, size_t *n, crm_err *err)
{
	struct order_line *v = NULL, *p;
	char status[32], kind[16];
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = crm_db_stmt(s->db, order_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->order_id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (x->customer[0] == '\0')
			snprintf(x->customer, sizeof(x->customer), "%s",
			    sqlite3_column_text(st, 0));
		snprintf(location, STOCK_ID_SZ, "%s",
		    sqlite3_column_text(st, 1));
		snprintf(status, sizeof(status), "%s",
		    sqlite3_column_text(st, 2));
		snprintf(kind, sizeof(kind), "%s", sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_rec_fail(r, err, CRM_EDATA, "order_id", "no such "
		    "order %s", x->order_id);
	if (rc != SQLITE_ROW)
		return crm_db_fail(s->db, rc, "orders", err);
	if (strcmp(kind, "return") == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "order_id", "order %s "
		    "is a return: receive what comes back", x->order_id);
	if (strcmp(status, "draft") == 0 || strcmp(status, "cancelled") == 0 ||
	    strcmp(status, "closed") == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "order_id", "order %s "
		    "is %s", x->order_id, status);
	if ((rc = crm_db_stmt(s->db, order_lines_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->order_id, -1, SQLITE_STATIC);
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
		snprintf(p->sku, sizeof(p->sku), "%s",
		    sqlite3_column_text(st, 1));
		p->ordered = sqlite3_column_int64(st, 2);
		p->open = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return crm_db_fail(s->db, rc, "order_lines", err);
	}
	*out = v;
	if (*n == 0 && x->line_no > 0)
		return crm_rec_fail(r, err, CRM_EDATA, "line_no", "order %s "
		    "has no line %lld", x->order_id, (long long)x->line_no);
	return CRM_OK;
}

static int
issue_order(crm_stock *s, const crm_rec *r, struct issue *x, crm_out *out,
    crm_err *err)
{
	char location[STOCK_ID_SZ];
	struct order_line *v;
	int64_t units = 0;
	size_t n, i;
	int rc;

	if ((rc = order_load(s, r, x, location, &v, &n, err)) != CRM_OK)
		goto out;
	if ((rc = read_location(s, r, "location", location, x->location,
	    err)) != CRM_OK)
		goto out;
	if (n > 1 && (x->pick.has_qty || x->pick.lot[0] != '\0')) {
		rc = crm_rec_fail(r, err, CRM_EDATA, "line_no", "missing: "
		    "order %s has %zu lines, which does the quantity or lot "
		    "belong to?", x->order_id, n);
		goto out;
	}
	for (i = 0; i < n; i++) {
		int64_t want = x->pick.has_qty ? x->pick.qty : v[i].open;

		if (x->pick.sku[0] != '\0' && strcmp(x->pick.sku, v[i].sku)) {
			rc = crm_rec_fail(r, err, CRM_EDATA, "sku", "line %lld "
			    "of order %s is of %s", (long long)v[i].line_no,
			    x->order_id, v[i].sku);
			goto out;
		}
		if (want > v[i].open) {
			rc = crm_rec_fail(r, err, CRM_EDATA, "qty", "%lld "
			    "wanted, only %lld of line %lld not issued yet "
			    "(%lld ordered)", (long long)want,
			    (long long)v[i].open, (long long)v[i].line_no,
			    (long long)v[i].ordered);
			goto out;
		}
		if (want == 0)
			continue;
		if ((rc = issue_units(s, r, x, v[i].sku, v[i].line_no, want,
		    out, err)) != CRM_OK)
			goto out;
		units += want;
	}
	if (units == 0)
		rc = crm_rec_fail(r, err, CRM_EDATA, "order_id", "order %s: "
		    "nothing left to issue", x->order_id);
out:
	free(v);
	return rc;
}

int
crm_stock_issue(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	struct issue x;
	int rc;

	memset(&x, 0, sizeof(x));
	if (((rc = stock_str(r, "order_id", 0, x.order_id,
	    sizeof(x.order_id), err)) != CRM_OK && rc != CRM_END) ||
	    ((rc = stock_str(r, "customer_id", 0, x.customer,
	    sizeof(x.customer), err)) != CRM_OK && rc != CRM_END) ||
	    (rc = stock_date(r, "issued_on", s->on, x.on, err)) != CRM_OK ||
	    (rc = read_pick(s, r, x.order_id[0] == '\0', &x.pick, err)) !=
	    CRM_OK)
		return rc;
	if (x.customer[0] != '\0' && (rc = stock_customer_known(s, r,
	    "customer_id", x.customer, err)) != CRM_OK)
		return rc;
	if (x.order_id[0] != '\0') {
		if ((rc = crm_rec_get_int(r, "line_no", 1, 1000000000,
		    &x.line_no, err)) != CRM_OK && rc != CRM_END)
			return rc;
		return issue_order(s, r, &x, out, err);
	}
	if ((rc = read_location(s, r, "location", NULL, x.location, err)) !=
	    CRM_OK)
		return rc;
	return issue_units(s, r, &x, x.pick.sku, 0, x.pick.has_qty ?
	    x.pick.qty : 1, out, err);
}

/*
 * Moves between locations.
 */
int
crm_stock_move(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	char from[STOCK_ID_SZ], to[STOCK_ID_SZ], on[CRM_DATE_BUFSZ];
	char ref[STOCK_ID_SZ], reason[256];
	struct stock_move m;
	struct pick p;
	size_t i;
	int rc;

	if ((rc = read_pick(s, r, 1, &p, err)) != CRM_OK ||
	    (rc = read_location(s, r, "from", NULL, from, err)) != CRM_OK ||
	    (rc = stock_str(r, "to", 1, to, sizeof(to), err)) != CRM_OK ||
	    (rc = stock_location_known(s, r, "to", to, err)) != CRM_OK ||
	    (rc = stock_date(r, "moved_on", s->on, on, err)) != CRM_OK ||
	    ((rc = stock_str(r, "ref", 0, ref, sizeof(ref), err)) != CRM_OK &&
	    rc != CRM_END) ||
	    ((rc = stock_str(r, "reason", 0, reason, sizeof(reason), err)) !=
	    CRM_OK && rc != CRM_END))
		return rc;
	if (strcmp(from, to) == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "to", "the same "
		    "location as from");
	if (!p.has_qty && p.lot[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "missing");
	if ((rc = stock_take(s, r, from, p.sku, p.lot[0] ? p.lot : NULL, on,
	    p.has_qty ? p.qty : INT64_MAX / 2, err)) != CRM_OK) {
		if (!p.has_qty && s->nlots > 0)
			rc = CRM_OK;    /* a whole lot: what there is */
		else
			return rc;
	}
	for (i = 0; i < s->nlots; i++) {
		const struct stock_lot *l = &s->lots[i];
		crm_rec *o = s->rec;

		memset(&m, 0, sizeof(m));
		m.lot = l->id;
		m.sku = p.sku;
		m.received_on = l->received_on;
		m.on = on;
		m.kind = "move";
		m.ref = ref;
		m.reason = reason;
		m.location = from;
		m.qty = -l->qty;
		m.had = l->had;
		if ((rc = stock_book(s, &m, err)) != CRM_OK)
			return rc;
		m.location = to;
		m.qty = l->qty;
		if ((rc = stock_book(s, &m, err)) != CRM_OK)
			return rc;
		s->counts.moved += l->qty;
		if (out == NULL)
			continue;
		crm_rec_clear(o);
		if ((rc = stock_set(s, "sku", p.sku, err)) ||
		    (rc = crm_rec_set_int(o, "qty", l->qty, err)) ||
		    (rc = stock_set(s, "from", from, err)) ||
		    (rc = stock_set(s, "to", to, err)) ||
		    (rc = stock_set(s, "lot", l->id, err)) ||
		    (rc = stock_set(s, "received_on", l->received_on, err)) ||
		    (rc = stock_set(s, "serial", l->serial, err)) ||
		    (rc = stock_set(s, "moved_on", on, err)) ||
		    (rc = stock_set(s, "ref", ref, err)) ||
		    (rc = crm_out_write(out, o, err)))
			return rc;
	}
	return CRM_OK;
}
