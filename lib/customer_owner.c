/*
 * customer_owner.c - who looks after a customer: assign one, or transfer
 * all of a rep's customers to another.  The hand-over itself is crm-lead
 * transfer's (crm_route_hand_over), so both log the same events.
 */
#include "route_internal.h"

#define MAX_MERGES 64

static const char survivor_sql[] =
	"SELECT merged_into, owner_rep_id FROM customers WHERE id = ?1";

int
crm_customer_survivor(crm_db *db, const char *id, crm_buf *to,
    crm_buf *owner, int *merges, crm_err *err)
{
	const char *next, *rep;
	sqlite3_stmt *st;
	int rc, n;

	crm_buf_reset(to);
	if (crm_buf_adds(to, id) != CRM_OK)
		return crm_err_nomem(err);
	for (n = 0; n <= MAX_MERGES; n++) {
		if ((rc = crm_db_stmt(db, survivor_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, to->data, (int)to->len,
		    SQLITE_TRANSIENT);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				return crm_db_fail(db, rc, "customers", err);
			return n == 0 ? CRM_END : crm_err_set(err, CRM_EDATA,
			    "customer %.200s: merged into %.200s, which is "
			    "not there", id, to->data);
		}
		next = (const char *)sqlite3_column_text(st, 0);
		rep = (const char *)sqlite3_column_text(st, 1);
		rc = CRM_OK;
		if (owner != NULL) {
			crm_buf_reset(owner);
			rc = crm_buf_adds(owner, rep != NULL ? rep : "");
		}
		if (rc == CRM_OK && next != NULL) {
			crm_buf_reset(to);
			rc = crm_buf_adds(to, next);
		}
		sqlite3_reset(st);
		if (rc != CRM_OK)
			return crm_err_nomem(err);
		if (next == NULL) {
			if (merges != NULL)
				*merges = n;
			return CRM_OK;
		}
	}
	return crm_err_set(err, CRM_EDATA, "customer %.200s: merges go round "
	    "in a loop", id);
}

static const char customer_sql[] =
	"SELECT owner_rep_id, merged_into FROM customers WHERE id = ?1";

int
crm_customer_assign(crm_db *db, const char *id, const char *to,
    const crm_route_change *ch, int *changed, crm_err *err)
{
	struct crm_route_rep rep = { NULL, NULL, 0, -1 };
	char *ids[1], *owner = NULL, *merged = NULL;
	sqlite3_stmt *st;
	int rc, oom = 0;

	*changed = 0;
	rc = crm_route_rep_need(db, to, 1, &rep, err);
	crm_route_rep_clear(&rep);
	if (rc != CRM_OK ||
	    (rc = crm_db_stmt(db, customer_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		owner = crm_route_column_dup(st, 0, &oom);
		merged = crm_route_column_dup(st, 1, &oom);
	}
	sqlite3_reset(st);
	if (oom)
		rc = crm_err_nomem(err);
	else if (rc == SQLITE_DONE)
		rc = crm_err_set(err, CRM_EDATA, "customer %.200s: unknown "
		    "customer", id);
	else if (rc != SQLITE_ROW)
		rc = crm_db_fail(db, rc, "customers", err);
	else if (merged != NULL)
		rc = crm_err_set(err, CRM_EDATA, "customer %.200s: merged into "
		    "%.200s", id, merged);
	else if (owner != NULL && strcmp(owner, to) == 0)
		rc = CRM_OK;
	else {
		ids[0] = (char *)id;
		*changed = 1;
		rc = crm_route_hand_over(db, "customer", ids, 1, owner, to,
		    "assign", NULL, NULL, ch, err);
	}
	free(owner);
	free(merged);
	return rc;
}

static const char customers_of_sql[] =
	"SELECT id FROM customers WHERE owner_rep_id = ?1 ORDER BY id";
static const char count_sql[] =
	"SELECT count(*) FROM customers WHERE owner_rep_id = ?1";

int
crm_customer_transfer(crm_db *db, const char *from, const char *to,
    const crm_route_change *ch, unsigned long *moved, crm_err *err)
{
	char note[160];
	sqlite3_stmt *st;
	int rc;

	*moved = 0;
	if ((rc = crm_route_check_pair(db, from, to, err)) != CRM_OK ||
	    (rc = crm_db_stmt(db, count_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*moved = (unsigned long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(db, rc, "customers", err);
	snprintf(note, sizeof(note), "customers of %.64s to %.64s", from, to);
	return crm_route_hand_over_query(db, customers_of_sql, "customer",
	    from, to, "transfer", note, NULL, ch, err);
}
