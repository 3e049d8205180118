/*
 * order_ship.c - shipments of an order, in part or in full, and their
 * delivery.
 */
#include "internal.h"

static const char order_sql[] =
	"SELECT CASE WHEN kind = 'return' THEN 'a return' ELSE status END,"
	" customer_id,"
	" (SELECT count(*) FROM shipments WHERE order_id = ?1)"
	" FROM orders WHERE id = ?1";

/* Each line of the order with its open quantity. */
static const char lines_sql[] =
	"SELECT l.line_no, l.sku, l.qty - coalesce((SELECT sum(s.qty)"
	"  FROM shipment_lines s WHERE s.order_id = l.order_id"
	"  AND s.line_no = l.line_no), 0), l.qty, l.order_code, l.colour,"
	" l.options"
	" FROM order_lines l WHERE l.order_id = ?1 ORDER BY l.line_no";

static const char insert_shipment_sql[] =
	"INSERT INTO shipments (id, order_id, shipped_at, carrier,"
	" expected_on, status, destination)"
	" VALUES (?1, ?2, ?3, ?4, ?5, 'in_transit', ?6)";

static const char insert_line_sql[] =
	"INSERT INTO shipment_lines (shipment_id, order_id, line_no, qty)"
	" VALUES (?1, ?2, ?3, ?4)";

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* The quantity of line_no the shipment asks for: -1 when it does not
 * name the line, the whole open quantity when it names none. */
static int64_t
wanted(const crm_shipment *sh, long line_no, int64_t open)
{
	size_t i;

	if (sh->nlines == 0)
		return open;
	for (i = 0; i < sh->nlines; i++)
		if (sh->lines[i].line_no == line_no)
			return sh->lines[i].qty;
	return -1;
}

/* The record crm-stock reads for one shipped line. */
static int
feed(crm_out *out, crm_rec *r, const crm_shipment *sh, const char *id,
    const char *customer, sqlite3_stmt *ln, int64_t qty, crm_err *err)
{
	const char *s;
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "shipment_id", id, strlen(id), err)) ||
	    (rc = crm_rec_set_str(r, "order_id", sh->order_id,
	    strlen(sh->order_id), err)) ||
	    (rc = crm_rec_set_int(r, "line_no", sqlite3_column_int64(ln, 0),
	    err)) ||
	    (rc = crm_rec_set_str(r, "sku", (const char *)
	    sqlite3_column_text(ln, 1), (size_t)sqlite3_column_bytes(ln, 1),
	    err)) ||
	    (rc = crm_rec_set_int(r, "qty", qty, err)))
		return rc;
	if ((s = (const char *)sqlite3_column_text(ln, 4)) != NULL &&
	    (rc = crm_rec_set_str(r, "order_code", s, strlen(s), err)))
		return rc;
	if ((s = (const char *)sqlite3_column_text(ln, 5)) != NULL &&
	    (rc = crm_rec_set_str(r, "colour", s, strlen(s), err)))
		return rc;
	if ((s = (const char *)sqlite3_column_text(ln, 6)) != NULL &&
	    (rc = crm_rec_set_str(r, "options", s, strlen(s), err)))
		return rc;
	if ((rc = crm_rec_set_str(r, "customer_id", customer,
	    strlen(customer), err)) ||
	    (rc = crm_rec_set_str(r, "shipped_at", sh->shipped_at,
	    strlen(sh->shipped_at), err)))
		return rc;
	if (sh->carrier != NULL && (rc = crm_rec_set_str(r, "carrier",
	    sh->carrier, strlen(sh->carrier), err)))
		return rc;
	if (sh->expected_on != NULL && (rc = crm_rec_set_str(r, "expected_on",
	    sh->expected_on, strlen(sh->expected_on), err)))
		return rc;
	if (sh->destination != NULL && (rc = crm_rec_set_str(r,
	    "destination", sh->destination, strlen(sh->destination), err)))
		return rc;
	return crm_out_write(out, r, err);
}

/* Every line the shipment names must be a line of the order. */
static int
check_named(crm_db *db, const crm_shipment *sh, crm_err *err)
{
	static const char sql[] = "SELECT 1 FROM order_lines"
	    " WHERE order_id = ?1 AND line_no = ?2";
	sqlite3_stmt *st;
	size_t i, j;
	int rc;

	for (i = 0; i < sh->nlines; i++) {
		if (sh->lines[i].qty <= 0)
			return crm_err_set(err, CRM_EDATA, "order %s line %ld: "
			    "quantity %lld is not a positive number",
			    sh->order_id, sh->lines[i].line_no,
			    (long long)sh->lines[i].qty);
		for (j = 0; j < i; j++)
			if (sh->lines[j].line_no == sh->lines[i].line_no)
				return crm_err_set(err, CRM_EDATA, "order %s "
				    "line %ld: named twice in one shipment",
				    sh->order_id, sh->lines[i].line_no);
		if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, sh->order_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, sh->lines[i].line_no);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return crm_err_set(err, CRM_EDATA, "order %s has no "
			    "line %ld", sh->order_id, sh->lines[i].line_no);
		if (rc != SQLITE_ROW)
			return crm_db_fail(db, rc, "order_lines", err);
	}
	return CRM_OK;
}

/* Status, customer and number of shipments so far of the order. */
static int
order_of(crm_db *db, const crm_shipment *sh, char *status, size_t ssz,
    char *customer, size_t csz, long *nship, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, order_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sh->order_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "no such order %s", sh->order_id) : crm_db_fail(db, rc,
		    "orders", err);
	}
	snprintf(status, ssz, "%s", sqlite3_column_text(st, 0));
	snprintf(customer, csz, "%s", sqlite3_column_text(st, 1));
	*nship = sqlite3_column_int(st, 2);
	sqlite3_reset(st);
	if (strcmp(status, "confirmed") != 0 &&
	    strcmp(status, "scheduled") != 0 &&
	    strcmp(status, "partly_shipped") != 0)
		return crm_err_set(err, CRM_EDATA, "order %s is %s: only "
		    "confirmed, scheduled or partly shipped orders ship",
		    sh->order_id, status);
	return CRM_OK;
}

static int
insert_shipment(crm_db *db, const crm_shipment *sh, const char *id,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, insert_shipment_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sh->order_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sh->shipped_at, -1, SQLITE_STATIC);
	bind_opt(st, 4, sh->carrier);
	bind_opt(st, 5, sh->expected_on);
	bind_opt(st, 6, sh->destination);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT)
		return crm_err_set(err, CRM_EDATA, "shipment %s exists "
		    "already", id);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "shipments",
	    err);
}

static int
insert_line(crm_db *db, const char *id, const char *order_id, long line_no,
    int64_t qty, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, insert_line_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, order_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, line_no);
	sqlite3_bind_int64(st, 4, qty);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc,
	    "shipment_lines", err);
}

/* Ship the lines; *units is what was shipped. */
static int
ship_lines(crm_db *db, const crm_shipment *sh, const char *id,
    const char *customer, crm_out *out, int64_t *units, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *ln = NULL;
	int64_t open, qty;
	long line_no;
	int rc, step;

	*units = 0;
	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, lines_sql, &ln, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(ln, 1, sh->order_id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(ln)) == SQLITE_ROW) {
		line_no = (long)sqlite3_column_int64(ln, 0);
		open = sqlite3_column_int64(ln, 2);
		if ((qty = wanted(sh, line_no, open)) <= 0)
			continue;
		if (qty > open) {
			rc = crm_err_set(err, CRM_EDATA, "order %s line %ld: "
			    "ships %lld but only %lld open (ordered %lld, "
			    "shipped %lld)", sh->order_id, line_no,
			    (long long)qty, (long long)open,
			    (long long)sqlite3_column_int64(ln, 3),
			    (long long)(sqlite3_column_int64(ln, 3) - open));
			goto out;
		}
		if ((rc = insert_line(db, id, sh->order_id, line_no, qty,
		    err)) != CRM_OK)
			goto out;
		*units += qty;
		if (out != NULL && (rc = feed(out, r, sh, id, customer, ln, qty,
		    err)) != CRM_OK)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "order_lines", err);
out:
	sqlite3_finalize(ln);
	crm_rec_free(r);
	return rc;
}

int
crm_order_ship(crm_db *db, const crm_shipment *sh, crm_out *out,
    crm_err *err)
{
	char status[32], customer[256], gen[300];
	const char *id = sh->id;
	int64_t units;
	crm_event ev;
	long nship = 0;
	int rc;

	if ((rc = order_of(db, sh, status, sizeof(status), customer,
	    sizeof(customer), &nship, err)) != CRM_OK ||
	    (rc = check_named(db, sh, err)) != CRM_OK)
		return rc;
	if (id == NULL) {
		snprintf(gen, sizeof(gen), "%s-S%ld", sh->order_id, nship + 1);
		id = gen;
	}
	if ((rc = insert_shipment(db, sh, id, err)) != CRM_OK ||
	    (rc = ship_lines(db, sh, id, customer, out, &units, err)) !=
	    CRM_OK)
		return rc;
	if (units == 0)
		return crm_err_set(err, CRM_EDATA, "order %s: nothing open to "
		    "ship", sh->order_id);
	ev = (crm_event){ "order", sh->order_id, sh->shipped_at,
	    crm_event_actor(), "shipment", NULL, NULL, id, NULL };
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK)
		return rc;
	return crm_order_refresh(db, sh->order_id, sh->shipped_at, err);
}

int
crm_order_deliver(crm_db *db, const char *id, const char *on,
    const char *at, crm_err *err)
{
	static const char sel[] = "SELECT order_id, delivered_on"
	    " FROM shipments WHERE id = ?1";
	static const char upd[] = "UPDATE shipments SET delivered_on = ?2,"
	    " status = 'delivered' WHERE id = ?1";
	char order_id[256];
	sqlite3_stmt *st;
	crm_event ev;
	int32_t day;
	int rc;

	if ((rc = crm_date_parse(on, strlen(on), &day, err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_stmt(db, sel, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "no such shipment %s", id) : crm_db_fail(db, rc,
		    "shipments", err);
	}
	snprintf(order_id, sizeof(order_id), "%s", sqlite3_column_text(st, 0));
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		rc = crm_err_set(err, CRM_EDATA, "shipment %s was delivered "
		    "on %s already", id, sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	if ((rc = crm_db_stmt(db, upd, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "shipments", err);
	ev = (crm_event){ "order", order_id, at, crm_event_actor(),
	    "delivery", NULL, NULL, id, NULL };
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK)
		return rc;
	return crm_order_refresh(db, order_id, at, err);
}
