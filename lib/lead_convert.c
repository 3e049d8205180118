/*
 * lead_convert.c - a qualified lead becomes a customer and a deal.
 */
#include "internal.h"

/* The lead's columns convert reads, in this order. */
enum { L_STATUS, L_NAME, L_COMPANY, L_EMAIL, L_PHONE, L_REGION, L_CHANNEL,
	L_PRODUCT, L_OWNER, L_CUSTOMER, L_ATTRS, NL };

static const char lead_sql[] =
	"SELECT status, name, company, email, phone, region, channel, product,"
	" owner_rep_id, customer_id, attrs FROM leads WHERE id = ?1";
static const char customer_exists_sql[] =
	"SELECT 1 FROM customers WHERE id = ?1";
static const char deal_exists_sql[] = "SELECT 1 FROM deals WHERE id = ?1";
static const char customer_insert_sql[] =
	"INSERT INTO customers (id, name, kind, email, phone, region, channel,"
	" owner_rep_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char contact_insert_sql[] =
	"INSERT OR IGNORE INTO contacts (id, customer_id, name, email, phone)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char lead_customer_sql[] =
	"UPDATE leads SET customer_id = ?2 WHERE id = ?1";
static const char customer_row_sql[] =
	"SELECT * FROM customers WHERE id = ?1";

struct lead {
	char *col[NL];
	crm_rec *attrs;
};

static void
lead_free(struct lead *l)
{
	int i;

	for (i = 0; i < NL; i++)
		free(l->col[i]);
	crm_rec_free(l->attrs);
}

static int
lead_read(crm_db *db, const char *id, struct lead *l, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, i;

	if ((rc = crm_db_stmt(db, lead_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	for (i = 0; rc == SQLITE_ROW && i < NL; i++)
		if (sqlite3_column_type(st, i) != SQLITE_NULL &&
		    (l->col[i] = strdup((const char *)sqlite3_column_text(st,
		    i))) == NULL)
			rc = SQLITE_NOMEM;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_err_set(err, CRM_EDATA, "lead %.200s: unknown lead",
		    id);
	if (rc != SQLITE_ROW)
		return crm_db_fail(db, rc, "leads", err);
	if ((l->attrs = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if (l->col[L_ATTRS] != NULL)
		return crm_rec_parse(l->attrs, l->col[L_ATTRS],
		    strlen(l->col[L_ATTRS]), err);
	return CRM_OK;
}

static int
exists(crm_db *db, const char *sql, const char *id, int *found,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	return crm_db_found(db, st, "customers", found, err);
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int
step_done(crm_db *db, sqlite3_stmt *st, const char *what, crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, what, err);
}

/* A new customer from the lead: a company with the person as its
 * contact, or the person alone. */
static int
customer_new(crm_db *db, const char *cid, const struct lead *l,
    const char *at, crm_err *err)
{
	const char *company = l->col[L_COMPANY];
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, customer_insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, cid, -1, SQLITE_STATIC);
	bind_opt(st, 2, company != NULL ? company : l->col[L_NAME]);
	sqlite3_bind_text(st, 3, company != NULL ? "company" : "person", -1,
	    SQLITE_STATIC);
	bind_opt(st, 4, l->col[L_EMAIL]);
	bind_opt(st, 5, l->col[L_PHONE]);
	bind_opt(st, 6, l->col[L_REGION]);
	bind_opt(st, 7, l->col[L_CHANNEL]);
	bind_opt(st, 8, l->col[L_OWNER]);
	sqlite3_bind_text(st, 9, at, -1, SQLITE_STATIC);
	return step_done(db, st, "customers", err);
}

/* The person of a company's lead as a contact of the customer (id: the
 * lead's), unless there is one by that id. */
static int
contact_add(crm_db *db, const char *lead_id, const char *cid,
    const struct lead *l, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (l->col[L_COMPANY] == NULL || l->col[L_NAME] == NULL)
		return CRM_OK;
	if ((rc = crm_db_stmt(db, contact_insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, lead_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cid, -1, SQLITE_STATIC);
	bind_opt(st, 3, l->col[L_NAME]);
	bind_opt(st, 4, l->col[L_EMAIL]);
	bind_opt(st, 5, l->col[L_PHONE]);
	return step_done(db, st, "contacts", err);
}

/* Join the customer conv or the lead names, or make a new one; its id
 * into cid. */
static int
customer_for(crm_db *db, const char *id, const struct lead *l,
    const crm_lead_conversion *conv, const char **cid, crm_err *err)
{
	int found, rc;

	*cid = conv->customer_id != NULL ? conv->customer_id :
	    l->col[L_CUSTOMER];
	if (*cid != NULL) {
		if ((rc = exists(db, customer_exists_sql, *cid, &found, err)) !=
		    CRM_OK)
			return rc;
		if (!found)
			return crm_err_set(err, CRM_EDATA, "customer %.200s: "
			    "unknown customer", *cid);
	} else {
		*cid = conv->new_customer_id != NULL ? conv->new_customer_id :
		    id;
		if ((rc = exists(db, customer_exists_sql, *cid, &found, err)) !=
		    CRM_OK)
			return rc;
		if (found)
			return crm_err_set(err, CRM_EDATA, "customer %.200s: "
			    "exists already; join it with --customer %.200s",
			    *cid, *cid);
		if ((rc = customer_new(db, *cid, l, conv->at, err)) != CRM_OK)
			return rc;
	}
	return contact_add(db, id, *cid, l, err);
}

/* Field key of the deal record: v when given, else the lead attribute
 * attr. */
static int
deal_field(crm_rec *deal, const char *key, const char *v,
    const crm_rec *attrs, const char *attr, crm_err *err)
{
	long i;
	const char *json;
	size_t len;

	if (v != NULL)
		return crm_rec_set_str(deal, key, v, strlen(v), err);
	if (attrs == NULL || (i = crm_rec_find(attrs, attr)) < 0)
		return CRM_OK;
	json = crm_rec_json(attrs, (size_t)i, &len);
	return crm_rec_set_json(deal, key, crm_rec_type(attrs, (size_t)i),
	    json, len, err);
}

/* The deal record crm_deal_import takes: in the first stage. */
static int
deal_record(const char *id, const char *cid, const struct lead *l,
    const crm_lead_conversion *conv, const crm_deal_stages *stages,
    crm_rec *deal, crm_err *err)
{
	const char *did = conv->deal_id != NULL ? conv->deal_id : id;
	const char *stage = crm_deal_stage_at(stages, 0)->name;
	char day[16];
	int rc;

	snprintf(day, sizeof(day), "%.10s", conv->at);
	if ((rc = crm_rec_set_str(deal, "id", did, strlen(did), err)) !=
	    CRM_OK || (rc = crm_rec_set_str(deal, "customer_id", cid,
	    strlen(cid), err)) != CRM_OK || (rc = crm_rec_set_str(deal,
	    "lead_id", id, strlen(id), err)) != CRM_OK ||
	    (rc = deal_field(deal, "owner", l->col[L_OWNER], NULL, NULL,
	    err)) != CRM_OK ||
	    (rc = deal_field(deal, "product", conv->product != NULL ?
	    conv->product : l->col[L_PRODUCT], NULL, NULL, err)) != CRM_OK ||
	    (rc = deal_field(deal, "amount", conv->amount, l->attrs,
	    "estimated_value", err)) != CRM_OK ||
	    (rc = deal_field(deal, "currency", conv->currency, l->attrs,
	    "currency", err)) != CRM_OK ||
	    (rc = crm_rec_set_str(deal, "stage", stage, strlen(stage), err)) !=
	    CRM_OK || (rc = crm_rec_set_str(deal, "created_on", day,
	    strlen(day), err)) != CRM_OK)
		return rc;
	return CRM_OK;
}

static int
deal_create(crm_db *db, const crm_deal_stages *stages, crm_rec *deal,
    const char *at, crm_err *err)
{
	crm_deal_importer *imp = NULL;
	const char *did = crm_rec_get(deal, "id");
	int64_t now;
	int found, rc;

	if ((rc = exists(db, deal_exists_sql, did, &found, err)) != CRM_OK)
		return rc;
	if (found)
		return crm_err_set(err, CRM_EDATA, "deal %.200s: exists already "
		    "(--deal-id)", did);
	if ((rc = crm_time_parse(at, strlen(at), &now, err)) != CRM_OK ||
	    (rc = crm_deal_importer_new(db, stages, NULL, now, &imp, err)) !=
	    CRM_OK)
		return rc;
	rc = crm_deal_import(imp, deal, err);
	crm_deal_importer_free(imp);
	return rc;
}

/* {"type":"customer", its columns} and {"type":"deal", its fields}. */
static int
write_results(crm_db *db, const char *cid, const char *did, crm_out *out,
    crm_err *err)
{
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_stmt(db, customer_row_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, cid, -1, SQLITE_STATIC);
	if ((rc = crm_rec_set_str(r, "type", "customer", 8, err)) == CRM_OK) {
		int step = sqlite3_step(st);

		rc = step == SQLITE_ROW ? crm_db_row(st, r, err) :
		    crm_db_fail(db, step, "customers", err);
	}
	sqlite3_reset(st);
	if (rc != CRM_OK || (rc = crm_out_write(out, r, err)) != CRM_OK)
		goto out;
	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "type", "deal", 4, err)) == CRM_OK &&
	    (rc = crm_deal_get(db, did, r, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
out:
	crm_rec_free(r);
	return rc;
}

int
crm_lead_convert(crm_db *db, const crm_deal_stages *stages, const char *id,
    const crm_lead_conversion *conv, crm_out *out, crm_err *err)
{
	struct lead l;
	crm_rec *deal = crm_rec_new();
	crm_lead_change ch = { conv->at, conv->actor, conv->note };
	const char *cid;
	sqlite3_stmt *st;
	int rc;

	memset(&l, 0, sizeof(l));
	if (deal == NULL)
		return crm_err_nomem(err);
	if ((rc = lead_read(db, id, &l, err)) != CRM_OK)
		goto out;
	if (!crm_lead_can_move(l.col[L_STATUS], "converted")) {
		rc = crm_err_set(err, CRM_EDATA, "lead %.200s: is %s; only a "
		    "qualified lead converts", id, l.col[L_STATUS]);
		goto out;
	}
	if ((rc = customer_for(db, id, &l, conv, &cid, err)) != CRM_OK ||
	    (rc = deal_record(id, cid, &l, conv, stages, deal, err)) !=
	    CRM_OK ||
	    (rc = deal_create(db, stages, deal, conv->at, err)) != CRM_OK ||
	    (rc = crm_lead_move(db, id, "converted", &ch, err)) != CRM_OK ||
	    (rc = crm_db_stmt(db, lead_customer_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cid, -1, SQLITE_STATIC);
	if ((rc = step_done(db, st, "leads", err)) == CRM_OK)
		rc = write_results(db, cid, crm_rec_get(deal, "id"), out, err);
out:
	lead_free(&l);
	crm_rec_free(deal);
	return rc;
}
