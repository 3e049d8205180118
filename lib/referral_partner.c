/*
 * referral_partner.c - partners (agents, referral partners, dealers) in,
 * upserted on id, and out with the customers they brought.
 */
#include "upsert.h"

enum { P_NAME, P_KIND, P_EMAIL, P_PHONE, P_ACTIVE, NCOL };
static const char *const fields[NCOL] = {
	"name", "kind", "email", "phone", "active"
};

static const char get_sql[] =
	"SELECT name, kind, email, phone, active FROM partners WHERE id = ?1";
static const char insert_sql[] =
	"INSERT INTO partners (id, name, kind, email, phone, active,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char update_sql[] =
	"UPDATE partners SET name = ?2, kind = ?3, email = ?4, phone = ?5,"
	" active = ?6 WHERE id = ?1";
static const int ints[NCOL] = { 0, 0, 0, 0, 1 };
static const crm_upsert_table partners = {
	"partners", get_sql, insert_sql, update_sql, NCOL, ints,
};
/* A partner is active unless it says otherwise. */
static const char *const dflt[NCOL] = { NULL, NULL, NULL, NULL, "1" };

struct crm_referral_partners {
	crm_referral_counts counts;
	crm_upsert_value id;
	crm_upsert row;            /* the database, the country, now */
};

void
crm_referral_partners_free(crm_referral_partners *imp)
{
	if (imp == NULL)
		return;
	crm_upsert_free(&imp->row);
	crm_buf_free(&imp->id.text);
	free(imp);
}

int
crm_referral_partners_new(crm_db *db, const char *country, int64_t now,
    crm_referral_partners **out, crm_err *err)
{
	crm_referral_partners *imp = calloc(1, sizeof(*imp));
	int rc;

	*out = NULL;
	if (imp == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_upsert_init(&imp->row, db, country, now, err)) !=
	    CRM_OK) {
		crm_referral_partners_free(imp);
		return rc;
	}
	*out = imp;
	return CRM_OK;
}

const crm_referral_counts *
crm_referral_partners_counts(const crm_referral_partners *imp)
{
	return &imp->counts;
}

/* Read and check the fields: kind, name, active, e-mail, phone. */
static int
read_values(crm_referral_partners *imp, const crm_rec *r, crm_err *err)
{
	crm_upsert_value *v = imp->row.val;
	const char *kind;
	size_t i;
	int rc;

	for (i = 0; i < P_ACTIVE; i++)
		if ((rc = crm_upsert_text(r, fields[i], &v[i], err)) != CRM_OK)
			return rc;
	if ((rc = crm_upsert_bool(r, "active", &v[P_ACTIVE], err)) != CRM_OK)
		return rc;
	kind = v[P_KIND].text.data;
	if (v[P_KIND].state == CRM_UPSERT_SET && strcmp(kind, "agent") != 0 &&
	    strcmp(kind, "referral") != 0 && strcmp(kind, "dealer") != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "not agent, "
		    "referral or dealer: %s", kind);
	if (v[P_KIND].state == CRM_UPSERT_CLEAR)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "null: a "
		    "partner has a kind");
	if (v[P_NAME].state == CRM_UPSERT_CLEAR)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "null: a "
		    "partner has a name");
	if (v[P_ACTIVE].state == CRM_UPSERT_CLEAR)
		v[P_ACTIVE].state = CRM_UPSERT_KEEP;
	if ((rc = crm_upsert_contact(&imp->row, r, "email", 1, &v[P_EMAIL],
	    err)) != CRM_OK)
		return rc;
	return crm_upsert_contact(&imp->row, r, "phone", 0, &v[P_PHONE],
	    err);
}

int
crm_referral_partners_import(crm_referral_partners *imp, const crm_rec *r,
    crm_err *err)
{
	int rc, done;

	if ((rc = crm_upsert_text(r, "id", &imp->id, err)) != CRM_OK)
		return rc;
	if (imp->id.state != CRM_UPSERT_SET)
		return crm_rec_fail(r, err, CRM_EDATA, "id", "missing");
	if ((rc = read_values(imp, r, err)) != CRM_OK ||
	    (rc = crm_upsert_load(&imp->row, &partners, imp->id.text.data,
	    err)) != CRM_OK)
		return rc;
	if (!imp->row.found && crm_upsert_final(&imp->row, P_NAME, NULL) ==
	    NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "missing (a new "
		    "partner)");
	if (!imp->row.found && crm_upsert_final(&imp->row, P_KIND, NULL) ==
	    NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "missing (a new "
		    "partner): agent, referral or dealer");
	if ((rc = crm_upsert_write(&imp->row, &partners, imp->id.text.data,
	    dflt, &done, err)) != CRM_OK)
		return rc;
	imp->counts.unchanged += done == CRM_UPSERT_UNCHANGED;
	imp->counts.updated += done == CRM_UPSERT_UPDATED;
	imp->counts.inserted += done == CRM_UPSERT_INSERTED;
	return CRM_OK;
}

static const char list_sql[] =
	"SELECT p.id, p.name, p.kind, p.email, p.phone,"
	" p.active AS \"active?\","
	" (SELECT count(*) FROM customers c WHERE c.partner_id = p.id)"
	"  AS customers,"
	" (SELECT count(*) FROM referrals r"
	"  WHERE r.referrer_partner_id = p.id) AS referrals"
	" FROM partners p ORDER BY p.id";

int
crm_referral_partners_list(crm_db *db, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = crm_upsert_row_out(st, r, err)) != CRM_OK ||
		    (rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "partners", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(r);
	return rc;
}
