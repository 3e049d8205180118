/*
 * customer_query.c - customers out: the list, and the 360 view of one
 * customer (profile, contacts, addresses, tags, leads, deals, orders,
 * open receivables, activities, value).
 */
#include "route_internal.h"

static const char *const list_columns[] = {
	"id", "name", "kind", "exclusive", "region", "channel",
	"owner_rep_id", "tier", "credit_limit", "currency", "tags",
};

const char *const *
crm_customer_list_columns(size_t *n)
{
	*n = ARRAY_LEN(list_columns);
	return list_columns;
}

/* The profile columns, as list and show write them. */
#define PROFILE_COLUMNS \
	"id, name, kind, exclusive AS \"exclusive?\", email, phone, tax_id," \
	" reg_no, region," \
	" channel, source, owner_rep_id, partner_id, credit_limit_minor," \
	" currency, tier, merged_into, merged_at, created_at, updated_at," \
	" attrs"

static const char list_sql[] =
	"SELECT " PROFILE_COLUMNS " FROM customers"
	" WHERE (?1 IS NULL OR owner_rep_id = ?1)"
	" AND (?2 IS NULL OR region = ?2) AND (?3 IS NULL OR channel = ?3)"
	" AND (?4 IS NULL OR kind = ?4) AND (?5 IS NULL OR tier = ?5)"
	" AND (?6 OR merged_into IS NULL) ORDER BY id";
static const char tags_sql[] =
	"SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag";

/* Tags (an array of the customer's tags, in order) after the profile
 * fields; *all set when every one of f->tags is among them (f may be
 * NULL). */
static int
finish_profile(crm_db *db, crm_rec *rec, const char *id,
    const crm_customer_filter *f, int *all, crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	sqlite3_stmt *st;
	size_t k, have = 0;
	int rc, n = 0;

	if ((rc = crm_db_stmt(db, tags_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (crm_buf_addc(&b, '[') != CRM_OK)
		rc = SQLITE_NOMEM;
	while (rc != SQLITE_NOMEM && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 0);

		for (k = 0; f != NULL && k < f->ntags; k++)
			have += strcmp(f->tags[k], tag) == 0;
		if ((n++ && crm_buf_addc(&b, ',') != CRM_OK) ||
		    crm_buf_add_json_str(&b, tag, strlen(tag)) != CRM_OK)
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE && crm_buf_addc(&b, ']') != CRM_OK)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_DONE)
		rc = crm_rec_set_json(rec, "tags", CRM_ARRAY, b.data, b.len,
		    err);
	else
		rc = rc == SQLITE_NOMEM ? crm_err_nomem(err) :
		    crm_db_fail(db, rc, "customer_tags", err);
	crm_buf_free(&b);
	*all = f == NULL || have == f->ntags;
	return rc;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	crm_route_bind_text(st, i, s);
}

int
crm_customer_list(crm_db *db, const crm_customer_filter *f, crm_out *out,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *rec = NULL;
	int rc, all;

	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		return rc;
	if ((rec = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	bind_opt(st, 1, f->owner);
	bind_opt(st, 2, f->region);
	bind_opt(st, 3, f->channel);
	bind_opt(st, 4, f->kind);
	bind_opt(st, 5, f->tier);
	sqlite3_bind_int(st, 6, f->merged != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		crm_rec_clear(rec);
		if ((rc = crm_db_row(st, rec, err)) != CRM_OK ||
		    (rc = finish_profile(db, rec, (const char *)
		    sqlite3_column_text(st, 0), f, &all, err)) != CRM_OK ||
		    (all && (rc = crm_out_write(out, rec, err)) != CRM_OK))
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "customers",
	    err);
out:
	crm_rec_free(rec);
	sqlite3_finalize(st);
	return rc;
}

/* Set field key of rec to the rows of sql (?1 the customer, ?2 a
 * limit). */
static int
set_rows(crm_db *db, crm_rec *rec, const char *key, const char *sql,
    const char *id, long limit, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, limit);
	rc = crm_db_set_rows(db, st, rec, key, err);
	sqlite3_reset(st);
	return rc;
}

static const char profile_sql[] =
	"SELECT " PROFILE_COLUMNS " FROM customers WHERE id = ?1";
static const char contacts_sql[] =
	"SELECT id, name, role, email, phone,"
	" opt_out = 1 AS \"opt_out?\""
	" FROM contacts WHERE customer_id = ?1 ORDER BY id";
static const char addresses_sql[] =
	"SELECT id, kind, line1, line2, city, postcode, region, country"
	" FROM addresses WHERE customer_id = ?1 ORDER BY id";
static const char leads_sql[] =
	"SELECT id, status, source, product, owner_rep_id, created_at"
	" FROM leads WHERE customer_id = ?1 ORDER BY created_at, id";
static const char deals_sql[] =
	"SELECT id, stage, product, amount_minor, currency, owner_rep_id,"
	" created_on, expected_close, closed_on,"
	" closed_on IS NULL AS \"open?\""
	" FROM deals WHERE customer_id = ?1 ORDER BY created_on, id";
static const char orders_sql[] =
	"SELECT id, order_date, status, total_minor, currency, rep_id"
	" FROM orders WHERE customer_id = ?1"
	" ORDER BY order_date DESC, id DESC LIMIT ?2";
static const char open_sql[] =
	"SELECT id, order_id, issued_on, due_on, amount_minor, paid_minor,"
	" amount_minor - paid_minor AS open_minor, currency"
	" FROM (SELECT i.id, i.order_id, i.issued_on, i.due_on,"
	" i.amount_minor, coalesce((SELECT sum(a.amount_minor)"
	"  FROM payment_allocations a WHERE a.invoice_id = i.id), 0)"
	"  AS paid_minor, i.currency FROM invoices i WHERE i.customer_id = ?1)"
	" WHERE paid_minor < amount_minor ORDER BY issued_on, id";
static const char activities_sql[] =
	"SELECT id, kind, channel, subject, rep_id, deal_id, contact_id,"
	" planned_at, done_at, outcome, note FROM activities"
	" WHERE customer_id = ?1"
	" ORDER BY coalesce(done_at, planned_at) DESC, id DESC LIMIT ?2";
static const char merged_sql[] =
	"SELECT id FROM customers WHERE merged_into = ?1 ORDER BY id";
static const char revenue_sql[] =
	"SELECT currency, sum(total_minor) AS amount_minor, count(*) AS orders"
	" FROM orders o WHERE customer_id = ?1 AND " CRM_SALE_SQL
	" GROUP BY currency ORDER BY currency";
static const char orders_summary_sql[] =
	"SELECT count(*), min(order_date), max(order_date),"
	" (SELECT " CRM_TIER_SQL("?2") " FROM customers c WHERE c.id = ?1),"
	" (SELECT tier IS NOT NULL FROM customers WHERE id = ?1)"
	" FROM orders o WHERE customer_id = ?1 AND " CRM_SALE_SQL;

void
crm_tier_since(int64_t now, char out[CRM_DATE_BUFSZ])
{
	crm_date_format((int32_t)(now / 86400000) - 365, out);
}

/* The value object: revenue per currency, order count, first and last
 * order, the tier (stored, or computed: CRM_TIER_SQL). */
static int
set_value(crm_db *db, crm_rec *rec, const char *id, int64_t now,
    crm_err *err)
{
	char since[CRM_DATE_BUFSZ];
	crm_buf b = CRM_BUF_INIT;
	sqlite3_stmt *st;
	crm_rec *v;
	int64_t n = 0;
	int rc, set = 0;

	if ((v = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	crm_tier_since(now, since);
	if ((rc = set_rows(db, v, "revenue", revenue_sql, id, 0, err)) !=
	    CRM_OK || (rc = crm_db_stmt(db, orders_summary_sql, &st, err)) !=
	    CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = crm_db_fail(db, rc, "orders", err);
		goto out;
	}
	n = sqlite3_column_int64(st, 0);
	set = sqlite3_column_int(st, 4);
	rc = crm_rec_set_int(v, "order_count", n, err);
	if (rc == CRM_OK && n > 0)
		rc = crm_rec_set_str(v, "first_order", (const char *)
		    sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st,
		    1), err);
	if (rc == CRM_OK && n > 0)
		rc = crm_rec_set_str(v, "last_order", (const char *)
		    sqlite3_column_text(st, 2), (size_t)sqlite3_column_bytes(st,
		    2), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(v, "tier", (const char *)
		    sqlite3_column_text(st, 3), (size_t)sqlite3_column_bytes(st,
		    3), err);
	sqlite3_reset(st);
	if (rc != CRM_OK ||
	    (rc = crm_rec_set_str(v, "tier_source", set ? "set" : "computed",
	    set ? 3 : 8, err)) != CRM_OK ||
	    (rc = crm_rec_write_json(v, &b, err)) != CRM_OK)
		goto out;
	rc = crm_rec_set_json(rec, "value", CRM_OBJECT, b.data, b.len, err);
out:
	crm_buf_free(&b);
	crm_rec_free(v);
	return rc;
}

/* The ids the rows of sql (?1 id) give, as an array in field key. */
static int
set_ids(crm_db *db, crm_rec *rec, const char *key, const char *sql,
    const char *id, crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	sqlite3_stmt *st;
	int rc = SQLITE_OK, n = 0;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (crm_buf_addc(&b, '[') != CRM_OK)
		rc = SQLITE_NOMEM;
	while (rc != SQLITE_NOMEM && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if ((n++ && crm_buf_addc(&b, ',') != CRM_OK) ||
		    crm_buf_add_json_str(&b, s, strlen(s)) != CRM_OK)
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE && crm_buf_addc(&b, ']') != CRM_OK)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_DONE)
		rc = crm_rec_set_json(rec, key, CRM_ARRAY, b.data, b.len, err);
	else
		rc = rc == SQLITE_NOMEM ? crm_err_nomem(err) :
		    crm_db_fail(db, rc, "customers", err);
	crm_buf_free(&b);
	return rc;
}

/* A merged customer: who it was merged into, and no more. */
static int
merged_note(crm_rec *rec, crm_err *err)
{
	static const char *const keep[] = { "id", "name", "merged_into",
	    "merged_at" };
	char note[600];
	size_t i, k;
	int rc;

	for (i = crm_rec_len(rec); i-- > 0;) {
		for (k = 0; k < ARRAY_LEN(keep); k++)
			if (strcmp(crm_rec_key(rec, i), keep[k]) == 0)
				break;
		if (k == ARRAY_LEN(keep))
			crm_rec_del(rec, crm_rec_key(rec, i));
	}
	snprintf(note, sizeof(note), "merged into %.250s: crm-customer show "
	    "%.250s", crm_rec_get(rec, "merged_into"),
	    crm_rec_get(rec, "merged_into"));
	rc = crm_rec_set_str(rec, "note", note, strlen(note), err);
	return rc;
}

int
crm_customer_show(crm_db *db, const char *id,
    const crm_customer_show_opts *opts, crm_out *out, crm_err *err)
{
	crm_rec *rec = NULL;
	sqlite3_stmt *st;
	int rc, all;

	if ((rc = crm_db_stmt(db, profile_sql, &st, err)) != CRM_OK)
		return rc;
	if ((rec = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = crm_db_row(st, rec, err);
	} else {
		rc = rc == SQLITE_DONE ? crm_err_set(err, CRM_EDATA, "customer "
		    "%.200s: unknown customer", id) : crm_db_fail(db, rc,
		    "customers", err);
	}
	sqlite3_reset(st);
	if (rc != CRM_OK)
		goto out;
	if (crm_rec_get(rec, "merged_into") != NULL) {
		if ((rc = merged_note(rec, err)) == CRM_OK)
			rc = crm_out_write(out, rec, err);
		goto out;
	}
	if ((rc = finish_profile(db, rec, id, NULL, &all, err)) != CRM_OK ||
	    (rc = set_rows(db, rec, "contacts", contacts_sql, id, 0, err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, rec, "addresses", addresses_sql, id, 0, err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, rec, "leads", leads_sql, id, 0, err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, rec, "deals", deals_sql, id, 0, err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, rec, "orders", orders_sql, id, opts->orders,
	    err)) != CRM_OK ||
	    (rc = set_rows(db, rec, "open_receivables", open_sql, id, 0,
	    err)) != CRM_OK ||
	    (rc = set_rows(db, rec, "activities", activities_sql, id,
	    opts->activities, err)) != CRM_OK ||
	    (rc = set_value(db, rec, id, opts->now, err)) != CRM_OK ||
	    (rc = set_ids(db, rec, "merged", merged_sql, id, err)) != CRM_OK)
		goto out;
	rc = crm_out_write(out, rec, err);
out:
	crm_rec_free(rec);
	return rc;
}
