/*
 * order_state.c - the order lifecycle: the moves made by hand, and the
 * status that follows from shipments, invoices and payments.
 */
#include "internal.h"
#include "moves.h"

static const char *const statuses[] = {
	"draft", "confirmed", "scheduled", "partly_shipped", "shipped",
	"delivered", "invoiced", "paid", "closed", "cancelled",
};

/* The moves a user makes; the rest follow from what happens. */
static const struct crm_move moves[] = {
	{ "draft", { "confirmed", "cancelled" } },
	{ "confirmed", { "cancelled" } },
	{ "scheduled", { "cancelled" } },
	{ "paid", { "closed" } },
};

int
crm_order_status_rank(const char *status)
{
	size_t i;

	for (i = 0; status != NULL && i < ARRAY_LEN(statuses); i++)
		if (strcmp(statuses[i], status) == 0)
			return (int)i;
	return -1;
}

int
crm_order_can_move(const char *from, const char *to)
{
	return crm_move_allowed(moves, ARRAY_LEN(moves), from, to);
}

/* "order X: cannot go from A to B (allowed: x, y)", saying which verb
 * makes a move that follows from events. */
static int
refuse(const char *id, const char *from, const char *to, crm_err *err)
{
	crm_buf allowed = CRM_BUF_INIT;
	const char *how = "";
	int rc;

	if (crm_move_list(moves, ARRAY_LEN(moves), from, &allowed) != CRM_OK) {
		crm_buf_free(&allowed);
		return crm_err_nomem(err);
	}
	if (strcmp(to, "scheduled") == 0)
		how = "; APS feedback (import-aps) schedules an order";
	else if (strcmp(to, "partly_shipped") == 0 ||
	    strcmp(to, "shipped") == 0)
		how = "; ship records shipments";
	else if (strcmp(to, "delivered") == 0)
		how = "; deliver records deliveries";
	else if (strcmp(to, "invoiced") == 0)
		how = "; invoice bills an order";
	else if (strcmp(to, "paid") == 0)
		how = "; pay records payments";
	rc = crm_err_set(err, CRM_EDATA, "order %s: cannot go from %s to %s "
	    "(allowed: %s%s)", id, from, to, allowed.data, how);
	crm_buf_free(&allowed);
	return rc;
}

static const char state_sql[] =
	"SELECT o.status, o.credit_hold,"
	" (SELECT coalesce(sum(qty), 0) FROM order_lines WHERE order_id = o.id),"
	" (SELECT coalesce(sum(qty), 0) FROM shipment_lines"
	"  WHERE order_id = o.id),"
	" (SELECT count(*) FROM shipments WHERE order_id = o.id"
	"  AND delivered_on IS NULL),"
	" o.total_minor,"
	" (SELECT coalesce(sum(amount_minor), 0) FROM invoices"
	"  WHERE order_id = o.id),"
	" (SELECT count(*) FROM invoices WHERE order_id = o.id),"
	" (SELECT coalesce(sum(a.amount_minor), 0) FROM payment_allocations a"
	"  JOIN invoices i ON i.id = a.invoice_id WHERE i.order_id = o.id),"
	" o.scheduled_on"
	" FROM orders o WHERE o.id = ?1";

struct state {
	char status[16];
	int held;
	int64_t ordered, shipped, undelivered;
	int64_t total, invoiced, invoices, paid;
	int scheduled;
};

static int
state_of(crm_db *db, const char *id, struct state *s, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, state_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA,
		    "no such order %s", id) : crm_db_fail(db, rc, "orders",
		    err);
	}
	snprintf(s->status, sizeof(s->status), "%s",
	    (const char *)sqlite3_column_text(st, 0));
	s->held = sqlite3_column_int(st, 1);
	s->ordered = sqlite3_column_int64(st, 2);
	s->shipped = sqlite3_column_int64(st, 3);
	s->undelivered = sqlite3_column_int64(st, 4);
	s->total = sqlite3_column_int64(st, 5);
	s->invoiced = sqlite3_column_int64(st, 6);
	s->invoices = sqlite3_column_int64(st, 7);
	s->paid = sqlite3_column_int64(st, 8);
	s->scheduled = sqlite3_column_type(st, 9) != SQLITE_NULL;
	sqlite3_reset(st);
	return CRM_OK;
}

static const char update_sql[] =
	"UPDATE orders SET status = ?2, updated_at = ?3,"
	" status_reason = coalesce(?4, status_reason) WHERE id = ?1";

/* Write the new status and its event. */
static int
set_status(crm_db *db, const char *id, const char *from, const char *to,
    const char *reason, const char *at, crm_err *err)
{
	sqlite3_stmt *st;
	crm_event ev;
	int rc;

	if ((rc = crm_db_stmt(db, update_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (reason != NULL)
		sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "orders", err);
	ev = (crm_event){ "order", id, at, crm_event_actor(), "status", from,
	    to, reason, NULL };
	return crm_event_add(db, &ev, err);
}

int
crm_order_move(crm_db *db, const char *id, const char *to,
    const char *reason, const char *at, crm_err *err)
{
	struct state s;
	int rc;

	if (crm_order_status_rank(to) < 0)
		return crm_err_set(err, CRM_EDATA, "order %s: unknown status "
		    "%s (statuses: %s)", id, to, CRM_ORDER_STATUSES);
	if ((rc = state_of(db, id, &s, err)) != CRM_OK)
		return rc;
	if (strcmp(to, "cancelled") == 0 && s.shipped > 0)
		return crm_err_set(err, CRM_EDATA, "order %s has shipped %lld "
		    "of %lld units: it can no longer be cancelled", id,
		    (long long)s.shipped, (long long)s.ordered);
	if (strcmp(to, "cancelled") == 0 && s.invoices > 0)
		return crm_err_set(err, CRM_EDATA, "order %s has been invoiced: "
		    "it can no longer be cancelled", id);
	if (!crm_order_can_move(s.status, to))
		return refuse(id, s.status, to, err);
	if (strcmp(to, "confirmed") == 0 && s.held)
		return crm_err_set(err, CRM_EDATA, "order %s is held for "
		    "credit approval (crm-order approve releases it)", id);
	if (strcmp(to, "cancelled") == 0 &&
	    (reason == NULL || *reason == '\0'))
		return crm_err_set(err, CRM_EDATA,
		    "order %s: cancelling needs a reason", id);
	return set_status(db, id, s.status, to, reason, at, err);
}

/* The furthest milestone the order has reached. */
static const char *
derived_status(const struct state *s)
{
	const char *to = s->scheduled ? "scheduled" : "confirmed";

	if (s->shipped == 0 || s->ordered <= 0)
		return to;
	if (s->shipped < s->ordered)
		return "partly_shipped";
	to = s->undelivered == 0 ? "delivered" : "shipped";
	if (s->invoices == 0 || s->invoiced != s->total)
		return to;
	return s->paid == s->invoiced ? "paid" : "invoiced";
}

int
crm_order_refresh(crm_db *db, const char *id, const char *at,
    crm_err *err)
{
	const char *to;
	struct state s;
	int rc;

	if ((rc = state_of(db, id, &s, err)) != CRM_OK)
		return rc;
	if (strcmp(s.status, "draft") == 0 ||
	    strcmp(s.status, "cancelled") == 0 ||
	    strcmp(s.status, "closed") == 0)
		return CRM_OK;
	to = derived_status(&s);
	if (strcmp(to, s.status) == 0)
		return CRM_OK;
	return set_status(db, id, s.status, to, NULL, at, err);
}

static const char approve_sql[] =
	"UPDATE orders SET credit_hold = 0, status = 'confirmed',"
	" updated_at = ?2 WHERE id = ?1";

int
crm_order_approve(crm_db *db, const char *id, const char *note,
    const char *at, crm_err *err)
{
	sqlite3_stmt *st;
	struct state s;
	crm_event ev;
	int rc;

	if ((rc = state_of(db, id, &s, err)) != CRM_OK)
		return rc;
	if (!s.held)
		return crm_err_set(err, CRM_EDATA, "order %s is not held for "
		    "credit approval", id);
	if ((rc = crm_db_stmt(db, approve_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "orders", err);
	ev = (crm_event){ "order", id, at, crm_event_actor(), "status",
	    s.status, "confirmed", note != NULL ? note : "credit approved",
	    NULL };
	return crm_event_add(db, &ev, err);
}
