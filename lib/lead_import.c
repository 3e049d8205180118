/*
 * lead_import.c - leads in from any source: check, normalise, find
 * duplicates, insert or update on (source, source_id).
 */
#include "internal.h"

/* The columns an import fills from a record's fields of the same name. */
enum { C_NAME, C_COMPANY, C_EMAIL, C_PHONE, C_REGION, C_PRODUCT, C_CHANNEL,
	NCOLS };
static const char *const col_names[NCOLS] = {
	"name", "company", "email", "phone", "region", "product", "channel",
};

/* Fields that are columns, or that crm-lead keeps itself (never taken
 * from input, so that the records crm-lead list writes import again
 * unchanged): never in attrs.  Sorted, for bsearch. */
static const char *const columns[] = {
	"assigned_at", "channel", "company", "created_at", "customer_id",
	"due_at", "duplicate_of", "email", "first_contact_at", "id", "name",
	"owner_rep_id", "phone", "priority", "product", "region", "score",
	"source", "source_id", "status", "status_reason", "team_id", "type",
	"updated_at",
};

struct crm_lead_importer {
	crm_db *db;
	crm_lead_import_opts opts;
	crm_lead_import_counts counts;
	crm_buf id, source_id, cols[NCOLS], attrs, tmp;
	crm_buf dup, customer;     /* what a new lead repeats */
	crm_buf lower[2];          /* company and name in lower case */
	const char *source;      /* canonical, borrowed from the sources */
	int any_customers;       /* customers to match: an import adds none */
	enum { NOT_DUP, DUP_LEAD, DUP_CUSTOMER } dup_kind;
	sqlite3_int64 last_rowid;  /* changes when an upsert inserts */
	char now[40];              /* opts.now as RFC 3339 */
};

void
crm_lead_importer_free(crm_lead_importer *imp)
{
	int i;

	if (imp == NULL)
		return;
	crm_buf_free(&imp->id);
	crm_buf_free(&imp->source_id);
	crm_buf_free(&imp->dup);
	crm_buf_free(&imp->lower[0]);
	crm_buf_free(&imp->lower[1]);
	crm_buf_free(&imp->customer);
	for (i = 0; i < NCOLS; i++)
		crm_buf_free(&imp->cols[i]);
	crm_buf_free(&imp->attrs);
	crm_buf_free(&imp->tmp);
	free(imp);
}

static int
any_customers(crm_db *db, int *any, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM customers)",
	    &st, err)) != CRM_OK)
		return rc;
	rc = sqlite3_step(st);
	*any = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(db, rc, "customers",
	    err);
}

int
crm_lead_importer_new(crm_db *db, const crm_lead_import_opts *opts,
    crm_lead_importer **out, crm_err *err)
{
	crm_lead_importer *imp = calloc(1, sizeof(*imp));
	int rc;

	*out = NULL;
	if (imp == NULL)
		return crm_err_nomem(err);
	imp->db = db;
	imp->opts = *opts;
	crm_time_format(opts->now, imp->now);
	if ((rc = any_customers(db, &imp->any_customers, err)) != CRM_OK) {
		free(imp);
		return rc;
	}
	*out = imp;
	return CRM_OK;
}

const crm_lead_import_counts *
crm_lead_import_counts_of(const crm_lead_importer *imp)
{
	return &imp->counts;
}

static int
compare_key(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

static int
is_column(const char *key)
{
	return bsearch(key, columns, ARRAY_LEN(columns), sizeof(columns[0]),
	    compare_key) != NULL;
}

/* Column c from its field: a string, normalised; empty when absent or
 * null or blank. */
static int
read_column(crm_lead_importer *imp, const crm_rec *r, int c, crm_err *err)
{
	crm_buf *b = &imp->cols[c];
	long i = crm_rec_find(r, col_names[c]);
	const char *v;
	size_t len;
	crm_err why;
	int rc;

	crm_buf_reset(b);
	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, col_names[c],
		    "not a string");
	v = crm_rec_text(r, (size_t)i, &len);
	if (memchr(v, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, col_names[c],
		    "contains U+0000");
	rc = crm_text_norm(b, v, len, CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM, err);
	if (rc != CRM_OK || b->len == 0)
		return rc;
	if (c == C_EMAIL)
		rc = crm_email_norm(&imp->tmp, b->data, b->len, &why);
	else if (c == C_PHONE)
		rc = crm_phone_norm(&imp->tmp, b->data, b->len,
		    imp->opts.country, &why);
	else
		return CRM_OK;
	if (rc != CRM_OK)
		return crm_rec_fail(r, err, why.code, col_names[c],
		    "%s: \"%s\"", why.msg, b->data);
	crm_buf_reset(b);
	return crm_buf_add(b, imp->tmp.data, imp->tmp.len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* created_at: an RFC 3339 instant or a date (midnight UTC); now if
 * absent.  Written back into tmp as RFC 3339. */
static int
read_created(crm_lead_importer *imp, const crm_rec *r, char *out,
    crm_err *err)
{
	const char *v = crm_rec_get(r, "created_at");
	int64_t ms = imp->opts.now;
	int32_t day;
	crm_err why;
	int rc;

	if (v != NULL && crm_date_parse(v, strlen(v), &day, &why) == CRM_OK)
		ms = (int64_t)day * 86400000;
	else if ((rc = crm_time_get(r, "created_at", &ms, &why)) != CRM_OK &&
	    rc != CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "created_at", "not a "
		    "date or an RFC 3339 instant: \"%.64s\"", v != NULL ? v :
		    "");
	crm_time_format(ms, out);
	return CRM_OK;
}

/* estimated_value, when there, is an amount >= 0 in the record's
 * currency (or the default one). */
static int
check_value(crm_lead_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *cur = crm_rec_get(r, "currency");
	int64_t minor;
	int exponent, rc;
	crm_err why;

	if (crm_rec_get(r, "estimated_value") == NULL)
		return CRM_OK;
	if (cur == NULL && (cur = imp->opts.currency) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "currency",
		    "missing (estimated_value needs one; or --currency)");
	if (crm_currency_exponent(cur, &exponent, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency",
		    "not an ISO 4217 code: \"%.16s\"", cur);
	if ((rc = crm_money_get(r, "estimated_value", exponent, &minor, err))
	    != CRM_OK)
		return rc;
	if (minor < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "estimated_value",
		    "negative");
	return CRM_OK;
}

/* Every field the columns do not hold, as a JSON object; empty when
 * there is none. */
static int
build_attrs(crm_lead_importer *imp, const crm_rec *r, crm_err *err)
{
	crm_buf *b = &imp->attrs;
	size_t i, len, n = 0;
	const char *json;
	int rc = CRM_OK;

	crm_buf_reset(b);
	for (i = 0; rc == CRM_OK && i < crm_rec_len(r); i++) {
		const char *key = crm_rec_key(r, i);

		if (is_column(key) || crm_rec_type(r, i) == CRM_NULL)
			continue;
		json = crm_rec_json(r, i, &len);
		if (crm_buf_addc(b, n++ ? ',' : '{') != CRM_OK ||
		    crm_buf_add_json_str(b, key, strlen(key)) != CRM_OK ||
		    crm_buf_addc(b, ':') != CRM_OK ||
		    crm_buf_add(b, json, len) != CRM_OK)
			rc = crm_err_nomem(err);
	}
	/* The default currency of estimated_value goes with it. */
	if (rc == CRM_OK && crm_rec_get(r, "estimated_value") != NULL &&
	    crm_rec_find(r, "currency") < 0 && imp->opts.currency != NULL &&
	    (crm_buf_adds(b, ",\"currency\":") != CRM_OK ||
	    crm_buf_add_json_str(b, imp->opts.currency,
	    strlen(imp->opts.currency)) != CRM_OK))
		rc = crm_err_nomem(err);
	if (rc == CRM_OK && n > 0 && crm_buf_addc(b, '}') != CRM_OK)
		rc = crm_err_nomem(err);
	return rc;
}

static void
bind_buf(sqlite3_stmt *st, int i, const crm_buf *b)
{
	if (b->len > 0)
		sqlite3_bind_text(st, i, b->data, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the match keys: ?1 email, ?2 phone, ?3 company, ?4 name (NULL
 * when empty, so they match nothing). */
static void
bind_keys(crm_lead_importer *imp, sqlite3_stmt *st)
{
	bind_buf(st, 1, &imp->cols[C_EMAIL]);
	bind_buf(st, 2, &imp->cols[C_PHONE]);
	if (imp->cols[C_COMPANY].len > 0 && imp->cols[C_NAME].len > 0) {
		bind_buf(st, 3, &imp->cols[C_COMPANY]);
		bind_buf(st, 4, &imp->cols[C_NAME]);
	}
}

static const char customer_sql[] =
	"SELECT id FROM customers WHERE email = ?1 OR phone = ?2"
	" UNION ALL"
	" SELECT k.customer_id FROM contacts k WHERE k.email = ?1"
	"  OR k.phone = ?2"
	" UNION ALL"
	" SELECT c.id FROM customers c JOIN contacts k ON k.customer_id = c.id"
	"  WHERE c.name = ?3 COLLATE NOCASE AND k.name = ?4 COLLATE NOCASE"
	" LIMIT 1";

/* The first lead stored with the same e-mail, else phone, else company
 * and name: each a lookup in its index that stops at the first. */
static const char lead_sql[] =
	"SELECT * FROM (SELECT id, customer_id FROM leads WHERE email = ?1"
	"  AND id <> ?5 LIMIT 1)"
	" UNION ALL SELECT * FROM (SELECT id, customer_id FROM leads"
	"  WHERE phone = ?2 AND id <> ?5 LIMIT 1)"
	" UNION ALL SELECT * FROM (SELECT id, customer_id FROM leads"
	"  WHERE lower(company) = ?6 AND lower(name) = ?7"
	"  AND company IS NOT NULL AND name IS NOT NULL AND id <> ?5 LIMIT 1)"
	" LIMIT 1";

/* The customer and the earlier lead a new lead repeats, into dup and
 * customer (empty when none). */
static int
find_duplicate(crm_lead_importer *imp, crm_buf *dup, crm_buf *customer,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	crm_buf_reset(dup);
	crm_buf_reset(customer);
	imp->dup_kind = NOT_DUP;
	if (imp->any_customers) {
		if ((rc = crm_db_stmt(imp->db, customer_sql, &st, err)) !=
		    CRM_OK)
			return rc;
		bind_keys(imp, st);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (crm_buf_adds(customer, (const char *)
			    sqlite3_column_text(st, 0)) != CRM_OK ||
			    crm_buf_adds(dup, customer->data) != CRM_OK)
				rc = SQLITE_NOMEM;
			else
				imp->dup_kind = DUP_CUSTOMER;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return crm_db_fail(imp->db, rc, "customers", err);
		if (dup->len > 0)
			return CRM_OK;
	}
	if ((rc = crm_db_stmt(imp->db, lead_sql, &st, err)) != CRM_OK)
		return rc;
	bind_keys(imp, st);
	sqlite3_bind_text(st, 5, imp->id.data, (int)imp->id.len, SQLITE_STATIC);
	/* as the index has them: lower() of SQLite, ASCII only */
	if (imp->cols[C_COMPANY].len > 0 && imp->cols[C_NAME].len > 0) {
		if (crm_text_norm(&imp->lower[0], imp->cols[C_COMPANY].data,
		    imp->cols[C_COMPANY].len, CRM_TEXT_LOWER, err) != CRM_OK ||
		    crm_text_norm(&imp->lower[1], imp->cols[C_NAME].data,
		    imp->cols[C_NAME].len, CRM_TEXT_LOWER, err) != CRM_OK) {
			sqlite3_reset(st);
			return CRM_EINTERNAL;
		}
		bind_buf(st, 6, &imp->lower[0]);
		bind_buf(st, 7, &imp->lower[1]);
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (crm_buf_adds(dup, (const char *)sqlite3_column_text(st, 0))
		    != CRM_OK || (sqlite3_column_type(st, 1) != SQLITE_NULL &&
		    crm_buf_adds(customer, (const char *)sqlite3_column_text(st,
		    1)) != CRM_OK))
			rc = SQLITE_NOMEM;
		else
			imp->dup_kind = DUP_LEAD;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "leads", err);
	return CRM_OK;
}

/* The lead's id, canonical source and source_id: crm_lead_id() gives the
 * id; the source's own id is the record's source_id when it has one (a
 * record crm-lead list wrote), else its id. */
static int
read_identity(crm_lead_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *v = crm_rec_get(r, "source"), *sid;
	int rc;

	if ((rc = crm_lead_id(imp->opts.sources, r, &imp->id, err)) != CRM_OK)
		return rc;
	if (v == NULL || (imp->source = crm_lead_source(imp->opts.sources, v,
	    strlen(v))) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "source",
		    "unknown source \"%s\" (see crm-lead-sources(5))",
		    v != NULL ? v : "");
	sid = crm_rec_find(r, "source_id") >= 0 ?
	    crm_rec_get(r, "source_id") : crm_rec_get(r, "id");
	if (sid == NULL || *sid == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "source_id", "missing");
	crm_buf_reset(&imp->source_id);
	return crm_buf_adds(&imp->source_id, sid) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

static const char upsert_sql[] =
	"INSERT INTO leads (id, source, source_id, name, company, email, phone,"
	" region, product, channel, status, score, priority, customer_id,"
	" duplicate_of, attrs, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'new', ?11, ?12,"
	"  ?13, ?14, ?15, ?16)"
	" ON CONFLICT (source, source_id) DO UPDATE SET name = excluded.name,"
	"  company = excluded.company, email = excluded.email,"
	"  phone = excluded.phone, region = excluded.region,"
	"  product = excluded.product, channel = excluded.channel,"
	"  score = coalesce(excluded.score, score),"
	"  priority = coalesce(excluded.priority, priority),"
	"  attrs = excluded.attrs, updated_at = ?17"
	" WHERE name IS NOT excluded.name OR company IS NOT excluded.company"
	"  OR email IS NOT excluded.email OR phone IS NOT excluded.phone"
	"  OR region IS NOT excluded.region OR product IS NOT excluded.product"
	"  OR channel IS NOT excluded.channel OR attrs IS NOT excluded.attrs"
	"  OR score IS NOT coalesce(excluded.score, score)"
	"  OR priority IS NOT coalesce(excluded.priority, priority)";

/* score and priority, when a record carries them (crm-lead score ran
 * before the import), are kept. */
static int
bind_score(const crm_rec *r, sqlite3_stmt *st, crm_err *err)
{
	long i = crm_rec_find(r, "score");
	const char *p = crm_rec_get(r, "priority");
	char *end;
	long v;

	if (i >= 0 && crm_rec_type(r, (size_t)i) != CRM_NULL) {
		const char *t = crm_rec_text(r, (size_t)i, NULL);

		v = strtol(t, &end, 10);
		if (crm_rec_type(r, (size_t)i) != CRM_NUMBER || *end != '\0' ||
		    v < 0 || v > 100)
			return crm_rec_fail(r, err, CRM_EDATA, "score",
			    "not a whole number from 0 to 100");
		sqlite3_bind_int64(st, 11, v);
	}
	if (p != NULL)
		sqlite3_bind_text(st, 12, p, -1, SQLITE_TRANSIENT);
	return CRM_OK;
}

static int
upsert(crm_lead_importer *imp, const crm_rec *r, const char *created,
    const crm_buf *dup, const crm_buf *customer, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, i;

	if ((rc = crm_db_stmt(imp->db, upsert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id.data, (int)imp->id.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, imp->source, -1, SQLITE_STATIC);
	bind_buf(st, 3, &imp->source_id);
	for (i = 0; i < NCOLS; i++)
		bind_buf(st, 4 + i, &imp->cols[i]);
	if ((rc = bind_score(r, st, err)) != CRM_OK)
		return rc;
	bind_buf(st, 13, customer);
	bind_buf(st, 14, dup);
	bind_buf(st, 15, &imp->attrs);
	sqlite3_bind_text(st, 16, created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 17, imp->now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "leads", err);
	if (sqlite3_changes(crm_db_handle(imp->db)) == 0) {
		imp->counts.unchanged++;
	} else if (sqlite3_last_insert_rowid(crm_db_handle(imp->db)) !=
	    imp->last_rowid) {
		imp->last_rowid = sqlite3_last_insert_rowid(
		    crm_db_handle(imp->db));
		imp->counts.inserted++;
		imp->counts.dup_leads += imp->dup_kind == DUP_LEAD;
		imp->counts.dup_customers += imp->dup_kind == DUP_CUSTOMER;
	} else {
		imp->counts.updated++;
	}
	return CRM_OK;
}

int
crm_lead_import(crm_lead_importer *imp, const crm_rec *r, crm_err *err)
{
	char created[40];
	int rc, c;

	if ((rc = read_identity(imp, r, err)) != CRM_OK)
		return rc;
	for (c = 0; c < NCOLS; c++)
		if ((rc = read_column(imp, r, c, err)) != CRM_OK)
			return rc;
	if (imp->cols[C_NAME].len == 0 && imp->cols[C_COMPANY].len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "name",
		    "missing (a lead needs a name or a company)");
	if (imp->cols[C_EMAIL].len == 0 && imp->cols[C_PHONE].len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "email", "missing (a "
		    "lead needs an e-mail address or a phone number)");
	if ((rc = read_created(imp, r, created, err)) != CRM_OK ||
	    (rc = check_value(imp, r, err)) != CRM_OK ||
	    (rc = build_attrs(imp, r, err)) != CRM_OK)
		return rc;
	/* Looked for whether the lead is new or not: an update keeps the
	 * duplicate_of and customer_id it has. */
	if ((rc = find_duplicate(imp, &imp->dup, &imp->customer, err)) ==
	    CRM_OK)
		rc = upsert(imp, r, created, &imp->dup, &imp->customer, err);
	return rc;
}
