/*
 * order_aps.c - the hand-over to the factory's planning system (APS):
 * confirmed order lines out, scheduling feedback in.
 */
#include "internal.h"

static const char *const aps_columns[CRM_ORDER_APS_NCOLUMNS] = {
	"order_code", "order_id", "line_no", "sku", "bom_code", "colour",
	"options", "qty", "demand_week", "plant",
};

const char *const *
crm_order_aps_columns(void)
{
	return aps_columns;
}

/* Lines the factory makes, of orders it has not been sent (?1: all). */
static const char export_sql[] =
	"SELECT l.order_code, l.order_id, l.line_no, l.sku, p.bom_code,"
	" l.colour, l.options, l.qty, o.requested_week, o.plant"
	" FROM orders o JOIN order_lines l ON l.order_id = o.id"
	" JOIN products p ON p.sku = l.sku"
	" WHERE o.status IN ('confirmed', 'scheduled')"
	" AND coalesce(o.kind, 'sale') = 'sale'"
	" AND p.bom_code IS NOT NULL"
	" AND (?1 OR o.aps_sent_at IS NULL)"
	" ORDER BY o.order_date, o.id, l.line_no";

static const char mark_sql[] =
	"UPDATE orders SET aps_sent_at = ?2, updated_at = ?2 WHERE id = ?1";

static int
mark_sent(crm_db *db, const char *id, const char *at, crm_err *err)
{
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	if ((rc = crm_db_stmt(db, mark_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "orders", err);
	ev = (crm_event){ "order", id, at, crm_event_actor(), "aps_sent",
	    NULL, NULL, NULL, NULL };
	return crm_event_add(db, &ev, err);
}

/* Column i of the row as field name (text columns left out when NULL;
 * the empty string for options and colour, so a CSV row is complete). */
static int
set_column(crm_rec *r, sqlite3_stmt *st, int i, crm_err *err)
{
	const char *name = aps_columns[i];
	const char *s;

	if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
		return crm_rec_set_int(r, name, sqlite3_column_int64(st, i),
		    err);
	s = (const char *)sqlite3_column_text(st, i);
	if (s == NULL)
		return crm_rec_set_str(r, name, "", 0, err);
	return crm_rec_set_str(r, name, s, (size_t)sqlite3_column_bytes(st, i),
	    err);
}

int
crm_order_export_aps(crm_db *db, int all, int dry_run, const char *at,
    crm_out *out, unsigned long *n, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	crm_buf last = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, step, i;

	*n = 0;
	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, export_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_int(st, 1, all != 0);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 1);

		crm_rec_clear(r);
		for (i = 0; i < CRM_ORDER_APS_NCOLUMNS; i++)
			if ((rc = set_column(r, st, i, err)) != CRM_OK)
				goto out;
		if ((rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
		++*n;
		if (dry_run || (last.len > 0 && strcmp(last.data, id) == 0))
			continue;
		last.len = 0;
		if (crm_buf_adds(&last, id) != CRM_OK) {
			rc = crm_err_nomem(err);
			goto out;
		}
		if ((rc = mark_sent(db, id, at, err)) != CRM_OK)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "orders", err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&last);
	crm_rec_free(r);
	return rc;
}

static const char find_by_code_sql[] =
	"SELECT order_id FROM order_lines WHERE order_code = ?1";

static const char feedback_sql[] =
	"UPDATE orders SET"
	" scheduled_on = CASE WHEN ?2 IS NOT NULL AND (scheduled_on IS NULL"
	"  OR ?2 > scheduled_on) THEN ?2 ELSE scheduled_on END,"
	" planned_week = coalesce(?3, planned_week),"
	" aps_status = coalesce(?4, aps_status),"
	" aps_sent_at = CASE WHEN ?4 = 'rejected' THEN NULL"
	"  ELSE aps_sent_at END,"
	" updated_at = ?5"
	" WHERE id = ?1";

/* The order a feedback record is about, by order code or order id. */
static int
feedback_order(crm_db *db, const crm_rec *rec, crm_buf *id, crm_err *err)
{
	const char *code = crm_rec_get(rec, "order_code");
	const char *oid = crm_rec_get(rec, "order_id");
	sqlite3_stmt *st;
	int rc;

	if (code == NULL && oid == NULL)
		return crm_rec_fail(rec, err, CRM_EDATA, "order_code",
		    "missing (order_code or order_id is needed)");
	if (code == NULL) {
		if ((rc = crm_db_stmt(db, "SELECT id FROM orders WHERE id = ?1",
		    &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, oid, -1, SQLITE_STATIC);
	} else {
		if ((rc = crm_db_stmt(db, find_by_code_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id->len = 0;
		rc = crm_buf_adds(id, (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (rc != CRM_OK)
			return crm_err_nomem(err);
		if (code != NULL && oid != NULL && strcmp(oid, id->data) != 0)
			return crm_rec_fail(rec, err, CRM_EDATA, "order_id",
			    "%s does not match order code %s (order %s)", oid,
			    code, id->data);
		return CRM_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "orders", err);
	return code != NULL ? crm_rec_fail(rec, err, CRM_EDATA, "order_code",
	    "no order line has code %s", code) : crm_rec_fail(rec, err,
	    CRM_EDATA, "order_id", "no such order %s", oid);
}

/* The record's date and week fields, checked. */
static int
feedback_check(const crm_rec *rec, const char **on, const char **week,
    crm_err *err)
{
	int32_t first, last, day;
	crm_err why;

	*on = crm_rec_get(rec, "scheduled_on");
	*week = crm_rec_get(rec, "planned_week");
	if (*on != NULL && crm_date_parse(*on, strlen(*on), &day, &why) !=
	    CRM_OK)
		return crm_rec_fail(rec, err, CRM_EDATA, "scheduled_on", "%s",
		    why.msg);
	if (*week != NULL && crm_period_parse(*week, strlen(*week),
	    CRM_PERIOD_WEEK, &first, &last, &why) != CRM_OK)
		return crm_rec_fail(rec, err, CRM_EDATA, "planned_week", "%s",
		    why.msg);
	return CRM_OK;
}

/* Feedback is for orders APS may plan: not drafts, cancelled or closed
 * orders, nor returns. */
static int
feedback_allowed(crm_db *db, const crm_rec *rec, const char *id,
    crm_err *err)
{
	static const char sql[] = "SELECT CASE WHEN kind = 'return'"
	    " THEN 'a return' ELSE status END FROM orders WHERE id = ?1"
	    " AND (kind = 'return' OR status IN ('draft', 'cancelled',"
	    " 'closed'))";
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_rec_fail(rec, err, CRM_EDATA, "order_id", "order %s "
		    "is %s: APS does not plan it", id,
		    (const char *)sqlite3_column_text(st, 0));
	else
		rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "orders",
		    err);
	sqlite3_reset(st);
	return rc;
}

int
crm_order_import_aps(crm_db *db, const crm_rec *rec, const char *at,
    crm_err *err)
{
	const char *on, *week, *status = crm_rec_get(rec, "status");
	crm_buf id = CRM_BUF_INIT;
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	if ((rc = feedback_check(rec, &on, &week, err)) != CRM_OK ||
	    (rc = feedback_order(db, rec, &id, err)) != CRM_OK ||
	    (rc = feedback_allowed(db, rec, id.data, err)) != CRM_OK ||
	    (rc = crm_db_stmt(db, feedback_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, id.data, -1, SQLITE_STATIC);
	if (on != NULL)
		sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
	if (week != NULL)
		sqlite3_bind_text(st, 3, week, -1, SQLITE_STATIC);
	if (status != NULL)
		sqlite3_bind_text(st, 4, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, "orders", err);
		goto out;
	}
	ev = (crm_event){ "order", id.data, at, crm_event_actor(), "aps",
	    NULL, status, on != NULL ? on : week, NULL };
	if ((rc = crm_event_add(db, &ev, err)) == CRM_OK)
		rc = crm_order_refresh(db, id.data, at, err);
	if (rc != CRM_OK && rc != CRM_EDATA)
		goto out;
	if (rc == CRM_EDATA)
		rc = crm_rec_fail(rec, err, CRM_EDATA, "order_id", "%s",
		    err->msg);
out:
	crm_buf_free(&id);
	return rc;
}
