/*
 * referral_refer.c - who referred whom: one referral per referred
 * customer, the first one standing.
 */
#include "internal.h"

#define MAX_ID 256

struct crm_referral_writer {
	crm_db *db;
	crm_referral_counts counts;
};

void
crm_referral_writer_free(crm_referral_writer *w)
{
	free(w);
}

int
crm_referral_writer_new(crm_db *db, crm_referral_writer **out,
    crm_err *err)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return crm_err_nomem(err);
	(*out)->db = db;
	return CRM_OK;
}

const crm_referral_counts *
crm_referral_writer_counts(const crm_referral_writer *w)
{
	return &w->counts;
}

/* Customer id must exist and not be merged; what names its role in the
 * message.  A merged customer's message names the last survivor. */
static int
check_customer(crm_referral_writer *w, const char *id, const char *what,
    crm_err *err)
{
	crm_buf to = CRM_BUF_INIT;
	int rc, merges = 0;

	rc = crm_customer_survivor(w->db, id, &to, NULL, &merges, err);
	if (rc == CRM_END)
		rc = crm_err_set(err, CRM_EDATA, "%s: no customer %s", what,
		    id);
	else if (rc == CRM_OK && merges > 0)
		rc = crm_err_set(err, CRM_EDATA, "%s: customer %s is merged "
		    "into %s: name the survivor", what, id, to.data);
	crm_buf_free(&to);
	return rc;
}

static const char partner_sql[] =
	"SELECT active FROM partners WHERE id = ?1";

static int
check_partner(crm_referral_writer *w, const char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, active = 0;

	if ((rc = crm_db_stmt(w->db, partner_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		active = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_err_set(err, CRM_EDATA, "partner: no partner %s",
		    id);
	if (rc != SQLITE_ROW)
		return crm_db_fail(w->db, rc, "partners", err);
	if (!active)
		return crm_err_set(err, CRM_EDATA, "partner: partner %s is not "
		    "active", id);
	return CRM_OK;
}

/* The referrer ?1, the customer who referred it, and so on up: whether
 * ?2 is among them.  The depth bound stops at a loop stored before
 * loops were refused. */
static const char loop_sql[] =
	"WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0"
	" UNION SELECT r.referrer_customer_id, up.depth + 1"
	"  FROM referrals r JOIN up ON r.referred_id = up.id"
	"  WHERE r.referrer_customer_id IS NOT NULL AND up.depth < 100000)"
	" SELECT 1 FROM up WHERE id = ?2 LIMIT 1";

/* A customer cannot refer whoever brought it, directly or through
 * others: a referral loop would pay each for the other's sales. */
static int
check_loop(crm_referral_writer *w, const crm_referral *ref, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, found;

	if ((rc = crm_db_stmt(w->db, loop_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, ref->by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, ref->referred, -1, SQLITE_TRANSIENT);
	if ((rc = crm_db_found(w->db, st, "referrals", &found, err)) != CRM_OK)
		return rc;
	if (found)
		return crm_err_set(err, CRM_EDATA, "referrer: customer %s was "
		    "referred, directly or through others, by customer %s: a "
		    "referral loop", ref->by, ref->referred);
	return CRM_OK;
}

static const char existing_sql[] =
	"SELECT coalesce(referrer_customer_id, referrer_partner_id),"
	" referrer_customer_id IS NOT NULL, referred_on"
	" FROM referrals WHERE referred_id = ?1";
static const char insert_sql[] =
	"INSERT INTO referrals (id, referred_id, referrer_customer_id,"
	" referrer_partner_id, referred_on) VALUES (?1, ?1, ?2, ?3, ?4)";

/* The referral of ref->referred already stored: the same one (*same 1)
 * or another (CRM_EDATA: the first one stands). */
static int
check_existing(crm_referral_writer *w, const crm_referral *ref,
    const char *on, int *found, crm_err *err)
{
	char who[MAX_ID + 16], when[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	const char *by, *day;
	int rc, is_customer, same;

	*found = 0;
	if ((rc = crm_db_stmt(w->db, existing_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, ref->referred, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? CRM_OK :
		    crm_db_fail(w->db, rc, "referrals", err);
	}
	by = (const char *)sqlite3_column_text(st, 0);
	is_customer = sqlite3_column_int(st, 1);
	day = (const char *)sqlite3_column_text(st, 2);
	snprintf(who, sizeof(who), "%s %s", is_customer ? "customer" :
	    "partner", by != NULL ? by : "");
	snprintf(when, sizeof(when), "%s", day != NULL ? day : "");
	same = by != NULL && day != NULL && strcmp(day, on) == 0 &&
	    (is_customer ? ref->by != NULL && strcmp(ref->by, by) == 0 :
	    ref->partner != NULL && strcmp(ref->partner, by) == 0);
	sqlite3_reset(st);
	if (!same)
		return crm_err_set(err, CRM_EDATA, "referred: customer %s was "
		    "referred by %s on %s; the first referral stands",
		    ref->referred, who, when);
	*found = 1;
	return CRM_OK;
}

int
crm_referral_add(crm_referral_writer *w, const crm_referral *ref,
    crm_err *err)
{
	char on[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	int rc, found;

	if ((ref->by == NULL) == (ref->partner == NULL))
		return crm_err_set(err, CRM_EUSAGE, "a referral names a "
		    "referring customer or a partner, one of them");
	if (ref->by != NULL && strcmp(ref->by, ref->referred) == 0)
		return crm_err_set(err, CRM_EDATA, "referrer: customer %s "
		    "cannot refer itself", ref->referred);
	crm_date_format(ref->on, on);
	if ((rc = check_customer(w, ref->referred, "referred", err)) !=
	    CRM_OK || (ref->by != NULL && (rc = check_customer(w, ref->by,
	    "referrer", err)) != CRM_OK) || (ref->partner != NULL &&
	    (rc = check_partner(w, ref->partner, err)) != CRM_OK) ||
	    (rc = check_existing(w, ref, on, &found, err)) != CRM_OK ||
	    (!found && ref->by != NULL && (rc = check_loop(w, ref, err)) !=
	    CRM_OK))
		return rc;
	if (found) {
		w->counts.unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(w->db, insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, ref->referred, -1, SQLITE_TRANSIENT);
	if (ref->by != NULL)
		sqlite3_bind_text(st, 2, ref->by, -1, SQLITE_TRANSIENT);
	if (ref->partner != NULL)
		sqlite3_bind_text(st, 3, ref->partner, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, on, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(w->db, rc, "referrals", err);
	w->counts.inserted++;
	return CRM_OK;
}

static const char *const import_fields[] = {
	"referred", "referrer", "partner", "on"
};

int
crm_referral_import(crm_referral_writer *w, const crm_rec *r, int32_t today,
    crm_err *err)
{
	char referred[MAX_ID], by[MAX_ID], partner[MAX_ID];
	crm_referral ref;
	crm_err why;
	size_t i, k;
	int rc, has_by, has_partner;

	for (i = 0; i < crm_rec_len(r); i++) {
		for (k = 0; k < ARRAY_LEN(import_fields); k++)
			if (strcmp(crm_rec_key(r, i), import_fields[k]) == 0)
				break;
		if (k == ARRAY_LEN(import_fields))
			return crm_rec_fail(r, err, CRM_EDATA,
			    crm_rec_key(r, i), "unknown field (referred, "
			    "referrer, partner, on)");
	}
	if ((rc = crm_rec_need_str(r, "referred", referred, sizeof(referred),
	    err)) != CRM_OK)
		return rc;
	if ((rc = crm_rec_copy_str(r, "referrer", by, sizeof(by), err)) !=
	    CRM_OK && rc != CRM_END)
		return rc;
	has_by = rc == CRM_OK;
	if ((rc = crm_rec_copy_str(r, "partner", partner, sizeof(partner),
	    err)) != CRM_OK && rc != CRM_END)
		return rc;
	has_partner = rc == CRM_OK;
	if (has_by == has_partner)
		return crm_rec_fail(r, err, CRM_EDATA, has_by ? "partner" :
		    "referrer", "%s", has_by ? "given with referrer: one of "
		    "them" : "missing: a referring customer, or a partner");
	ref.referred = referred;
	ref.by = has_by ? by : NULL;
	ref.partner = has_partner ? partner : NULL;
	rc = crm_date_get(r, "on", &ref.on, err);
	if (rc == CRM_END)
		ref.on = today;
	else if (rc != CRM_OK)
		return rc;
	if ((rc = crm_referral_add(w, &ref, &why)) == CRM_EDATA)
		return crm_rec_fail(r, err, rc, NULL, "%s", why.msg);
	if (rc != CRM_OK)
		return crm_err_set(err, rc, "%s", why.msg);
	return CRM_OK;
}
