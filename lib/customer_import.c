/*
 * customer_import.c - customers in (upsert on id) with their contacts,
 * addresses and tags, every change of a stored field kept in
 * customer_history.
 */
#include "route_internal.h"

#include <jansson.h>

#define MAXCOLS 16
#define ID_MAX 256

/* A column's new value: kept (the field was not given), cleared (null)
 * or set. */
enum { KEEP, CLEAR, SET };

/* How a field is read. */
enum { F_TEXT, F_EMAIL, F_PHONE, F_BOOL, F_KIND, F_ADDR_KIND, F_REP,
	F_PARTNER, F_CURRENCY, F_MONEY, F_ATTRS };

struct value {
	int state;
	crm_buf text;
};

/* A table imported rows go to: the fields read (as the columns of the
 * same name, but credit_limit and attrs), the row's stored values
 * (?1 id; column 0 is the owner: merged_into or customer_id), insert
 * (?1 id, ?2 customer, ?3... the columns, then created_at) and update
 * (?1 id, ?3... the columns, then updated_at). */
struct table {
	const char *name;
	const char *const *fields;
	const int *how;
	size_t n;
	const char *select_sql, *insert_sql, *update_sql;
};

enum { C_NAME, C_KIND, C_EXCLUSIVE, C_EMAIL, C_PHONE, C_TAX, C_REG,
	C_REGION, C_CHANNEL, C_SOURCE, C_OWNER, C_PARTNER, C_CREDIT,
	C_CURRENCY, C_TIER, C_ATTRS, NCUST };
static const char *const customer_fields[NCUST] = {
	"name", "kind", "exclusive", "email", "phone", "tax_id", "reg_no",
	"region", "channel", "source", "owner_rep_id", "partner_id",
	"credit_limit", "currency", "tier", "attrs",
};
static const int customer_how[NCUST] = {
	F_TEXT, F_KIND, F_BOOL, F_EMAIL, F_PHONE, F_TEXT, F_TEXT, F_TEXT,
	F_TEXT, F_TEXT, F_REP, F_PARTNER, F_MONEY, F_CURRENCY, F_TEXT, F_ATTRS,
};
static const struct table customers = {
	"customers", customer_fields, customer_how, NCUST,
	"SELECT merged_into, name, kind, exclusive, email, phone, tax_id,"
	" reg_no, region, channel, source, owner_rep_id, partner_id,"
	" credit_limit_minor, currency, tier, attrs FROM customers"
	" WHERE id = ?1",
	"INSERT INTO customers (id, name, kind, exclusive, email, phone,"
	" tax_id, reg_no, region, channel, source, owner_rep_id, partner_id,"
	" credit_limit_minor, currency, tier, attrs, created_at)"
	" VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	" ?15, ?16, ?17, ?18, ?19)",
	"UPDATE customers SET name = ?3, kind = ?4, exclusive = ?5,"
	" email = ?6, phone = ?7, tax_id = ?8, reg_no = ?9, region = ?10,"
	" channel = ?11, source = ?12, owner_rep_id = ?13, partner_id = ?14,"
	" credit_limit_minor = ?15, currency = ?16, tier = ?17, attrs = ?18,"
	" updated_at = ?19 WHERE id = ?1",
};

enum { K_NAME, K_ROLE, K_EMAIL, K_PHONE, K_OPT_OUT, NCONTACT };
static const char *const contact_fields[NCONTACT] = {
	"name", "role", "email", "phone", "opt_out",
};
static const int contact_how[NCONTACT] = {
	F_TEXT, F_TEXT, F_EMAIL, F_PHONE, F_BOOL,
};
static const struct table contacts = {
	"contacts", contact_fields, contact_how, NCONTACT,
	"SELECT customer_id, name, role, email, phone, opt_out FROM contacts"
	" WHERE id = ?1",
	"INSERT INTO contacts (id, customer_id, name, role, email, phone,"
	" opt_out, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	" coalesce(?7, 0), ?8)",
	"UPDATE contacts SET name = ?3, role = ?4, email = ?5, phone = ?6,"
	" opt_out = coalesce(?7, 0) WHERE id = ?1",
};

enum { A_KIND, NADDRESS = 7 };
static const char *const address_fields[NADDRESS] = {
	"kind", "line1", "line2", "city", "postcode", "region", "country",
};
static const int address_how[NADDRESS] = {
	F_ADDR_KIND, F_TEXT, F_TEXT, F_TEXT, F_TEXT, F_TEXT, F_TEXT,
};
static const struct table addresses = {
	"addresses", address_fields, address_how, NADDRESS,
	"SELECT customer_id, kind, line1, line2, city, postcode, region,"
	" country FROM addresses WHERE id = ?1",
	"INSERT INTO addresses (id, customer_id, kind, line1, line2, city,"
	" postcode, region, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	" ?9)",
	"UPDATE addresses SET kind = ?3, line1 = ?4, line2 = ?5, city = ?6,"
	" postcode = ?7, region = ?8, country = ?9 WHERE id = ?1",
};

/* Fields that are not attrs: columns, what crm-customer keeps itself,
 * and the nested and flat contacts, addresses and tags.  Sorted, for
 * bsearch. */
static const char *const not_attrs[] = {
	"addresses", "channel", "contacts", "created_at", "credit_limit",
	"currency", "email", "exclusive", "id", "kind", "merged_at",
	"merged_into", "name", "owner_rep_id", "partner_id", "phone",
	"reg_no", "region", "source", "tags", "tax_id", "tier", "type",
	"updated_at",
};

/* One row being imported: the new values and the stored ones. */
struct row {
	struct value v[MAXCOLS];
	char *old[MAXCOLS];
	char *owner;
	int exists;
};

struct crm_customer_importer {
	crm_db *db;
	const char *country;
	char now[CRM_DATE_BUFSZ];
	crm_customer_import_counts counts;
	char id[ID_MAX];
	const char *source;      /* the record's file, for the history */
	int is_new;
	crm_buf tmp, text, label;
	struct row cust, child;
};

static void
row_clear(struct row *w)
{
	size_t i;

	for (i = 0; i < MAXCOLS; i++) {
		free(w->old[i]);
		w->old[i] = NULL;
		w->v[i].state = KEEP;
		crm_buf_reset(&w->v[i].text);
	}
	free(w->owner);
	w->owner = NULL;
	w->exists = 0;
}

static void
row_free(struct row *w)
{
	size_t i;

	row_clear(w);
	for (i = 0; i < MAXCOLS; i++)
		crm_buf_free(&w->v[i].text);
}

void
crm_customer_importer_free(crm_customer_importer *imp)
{
	if (imp == NULL)
		return;
	row_free(&imp->cust);
	row_free(&imp->child);
	crm_buf_free(&imp->tmp);
	crm_buf_free(&imp->text);
	crm_buf_free(&imp->label);
	free(imp);
}

/* The ids of this run and the records they came with, to tell a record
 * repeated from one that contradicts an earlier one. */
static const char seen_table_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS customer_import_seen ("
	" id TEXT PRIMARY KEY, place TEXT NOT NULL, content TEXT NOT NULL)";
static const char seen_clear_sql[] = "DELETE FROM temp.customer_import_seen";

int
crm_customer_importer_new(crm_db *db, const char *country, int64_t now,
    crm_customer_importer **out, crm_err *err)
{
	crm_customer_importer *imp;
	int rc;

	*out = NULL;
	if ((rc = crm_db_exec(db, seen_table_sql, err)) != CRM_OK ||
	    (rc = crm_db_exec(db, seen_clear_sql, err)) != CRM_OK)
		return rc;
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return crm_err_nomem(err);
	imp->db = db;
	imp->country = country;
	crm_time_format(now, imp->now);
	*out = imp;
	return CRM_OK;
}

const crm_customer_import_counts *
crm_customer_import_counts_of(const crm_customer_importer *imp)
{
	return &imp->counts;
}

static int
compare_key(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

static int
is_attr(const char *key)
{
	return strncmp(key, "contact_", 8) != 0 &&
	    strncmp(key, "address_", 8) != 0 &&
	    bsearch(key, not_attrs, ARRAY_LEN(not_attrs), sizeof(not_attrs[0]),
	    compare_key) == NULL;
}

static int
set_text(struct value *v, const char *s, size_t len, crm_err *err)
{
	crm_buf_reset(&v->text);
	v->state = SET;
	return crm_buf_add(&v->text, s, len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

static int
exists(crm_db *db, const char *sql, const char *id, int *found,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	return crm_db_found(db, st, "customers", found, err);
}

/* A string (trimmed, half-width) checked and normalised as how says. */
static int
check_text(crm_customer_importer *imp, const crm_rec *r, const char *label,
    int how, struct value *v, crm_err *err)
{
	static const char *const kinds[] = { "dealer", "end_user",
	    "retailer" };
	static const char *const addr_kinds[] = { "billing", "shipping",
	    "visit" };
	crm_buf *t = &v->text;
	crm_err why;
	int rc, found, e;

	switch (how) {
	case F_EMAIL:
	case F_PHONE:
		rc = how == F_EMAIL ? crm_email_norm(&imp->tmp, t->data,
		    t->len, &why) : crm_phone_norm(&imp->tmp, t->data, t->len,
		    imp->country, &why);
		if (rc != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, label,
			    "%s: \"%.64s\"", why.msg, t->data);
		return set_text(v, imp->tmp.data, imp->tmp.len, err);
	case F_KIND:
		if (bsearch(t->data, kinds, ARRAY_LEN(kinds), sizeof(kinds[0]),
		    compare_key) == NULL)
			return crm_rec_fail(r, err, CRM_EDATA, label, "not "
			    "dealer, retailer or end_user: \"%.64s\"", t->data);
		return CRM_OK;
	case F_ADDR_KIND:
		if (bsearch(t->data, addr_kinds, ARRAY_LEN(addr_kinds),
		    sizeof(addr_kinds[0]), compare_key) == NULL)
			return crm_rec_fail(r, err, CRM_EDATA, label, "not "
			    "billing, shipping or visit: \"%.64s\"", t->data);
		return CRM_OK;
	case F_BOOL:
		if (strcmp(t->data, "true") != 0 &&
		    strcmp(t->data, "false") != 0)
			return crm_rec_fail(r, err, CRM_EDATA, label, "not "
			    "true or false: \"%.64s\"", t->data);
		return set_text(v, t->data[0] == 't' ? "1" : "0", 1, err);
	case F_REP:
	case F_PARTNER:
		if ((rc = exists(imp->db, how == F_REP ?
		    "SELECT 1 FROM reps WHERE id = ?1" :
		    "SELECT 1 FROM partners WHERE id = ?1", t->data, &found,
		    err)) != CRM_OK)
			return rc;
		if (!found)
			return crm_rec_fail(r, err, CRM_EDATA, label, "unknown "
			    "%s \"%.64s\"", how == F_REP ? "rep" : "partner",
			    t->data);
		return CRM_OK;
	case F_CURRENCY:
		if (crm_currency_exponent(t->data, &e, &why) != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, label, "not an "
			    "ISO 4217 code: \"%.16s\"", t->data);
		return CRM_OK;
	}
	return CRM_OK;
}

/* Field key of r into v: kept when absent, cleared when null or blank,
 * else checked as how says (money is read later, with the currency). */
static int
read_value(crm_customer_importer *imp, const crm_rec *r, const char *key,
    const char *label, int how, struct value *v, crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	crm_type type;
	size_t len;
	int rc;

	v->state = KEEP;
	crm_buf_reset(&v->text);
	if (i < 0)
		return CRM_OK;
	type = crm_rec_type(r, (size_t)i);
	s = crm_rec_text(r, (size_t)i, &len);
	if (type == CRM_NULL) {
		v->state = CLEAR;
		return CRM_OK;
	}
	if (how == F_MONEY && (type == CRM_STRING || type == CRM_NUMBER)) {
		v->state = SET;
		return CRM_OK;
	}
	if (how == F_BOOL && type == CRM_BOOL)
		return set_text(v, s[0] == 't' ? "1" : "0", 1, err);
	if (type != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, label, "not a %s",
		    how == F_MONEY ? "decimal amount" : how == F_BOOL ?
		    "boolean" : "string");
	if (memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, label,
		    "contains U+0000");
	if ((rc = crm_text_norm(&v->text, s, len, CRM_TEXT_HALFWIDTH |
	    CRM_TEXT_TRIM, err)) != CRM_OK)
		return rc;
	if (v->text.len == 0) {
		v->state = CLEAR;
		return CRM_OK;
	}
	v->state = SET;
	return check_text(imp, r, label, how, v, err);
}

/* The stored attrs (old, a JSON object or NULL) with every field of r
 * that is not a column: set, or taken out when null; kept when r has
 * none, cleared when nothing is left. */
static int
read_attrs(const crm_rec *r, const char *old, struct value *v,
    crm_err *err)
{
	crm_rec *a = crm_rec_new();
	size_t i, len, n = 0;
	const char *json;
	int rc = CRM_OK;

	crm_buf_reset(&v->text);
	v->state = KEEP;
	if (a == NULL)
		return crm_err_nomem(err);
	if (old != NULL && (rc = crm_rec_parse(a, old, strlen(old), err)) !=
	    CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_rec_len(r); i++) {
		const char *key = crm_rec_key(r, i);

		if (!is_attr(key))
			continue;
		n++;
		json = crm_rec_json(r, i, &len);
		if (crm_rec_type(r, i) == CRM_NULL)
			crm_rec_del(a, key);
		else
			rc = crm_rec_set_json(a, key, crm_rec_type(r, i), json,
			    len, err);
	}
	if (rc != CRM_OK || n == 0)
		goto out;
	v->state = crm_rec_len(a) > 0 ? SET : CLEAR;
	if (v->state == SET)
		rc = crm_rec_write_json(a, &v->text, err);
out:
	crm_rec_free(a);
	return rc;
}

/* Read the stored row of t with id into w (w->exists 0 when none). */
static int
load_row(crm_customer_importer *imp, const struct table *t, const char *id,
    struct row *w, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, oom = 0;

	row_clear(w);
	if ((rc = crm_db_stmt(imp->db, t->select_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w->exists = 1;
		w->owner = crm_route_column_dup(st, 0, &oom);
		for (i = 0; i < t->n; i++)
			w->old[i] = crm_route_column_dup(st, (int)i + 1, &oom);
	}
	sqlite3_reset(st);
	if (oom)
		return crm_err_nomem(err);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(imp->db, rc, t->name, err);
}

/* The value column i ends with: new, cleared, or the stored one. */
static const char *
final(const struct row *w, size_t i)
{
	return w->v[i].state == SET ? w->v[i].text.data :
	    w->v[i].state == CLEAR ? NULL : w->old[i];
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static const char history_sql[] =
	"INSERT INTO customer_history (customer_id, field, old_value,"
	" new_value, changed_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int
history(crm_customer_importer *imp, const char *field, const char *old,
    const char *new, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (imp->is_new)
		return CRM_OK;
	if ((rc = crm_db_stmt(imp->db, history_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, field, -1, SQLITE_TRANSIENT);
	crm_route_bind_text(st, 3, old);
	crm_route_bind_text(st, 4, new);
	sqlite3_bind_text(st, 5, imp->now, -1, SQLITE_STATIC);
	crm_route_bind_text(st, 6, imp->source);
	return crm_route_step_done(imp->db, st, "customer_history", err);
}

/* The column name of field i of t, as the history names it. */
static const char *
column_of(const struct table *t, size_t i)
{
	if (t == &customers && i == C_CREDIT)
		return "credit_limit_minor";
	return t->fields[i];
}

/* Insert or update the row id of t (owner: the customer, for a child)
 * from w, a new row created at created; *changed set when it did.  A
 * child's changed fields are "contacts[ID].field" in the history; an
 * added child "contacts[ID]". */
static int
store_row(crm_customer_importer *imp, const struct table *t, const char *id,
    struct row *w, const char *created, int *changed, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i, nchanged = 0;
	int rc, child = t != &customers;

	for (i = 0; i < t->n; i++) {
		if (w->exists && same(final(w, i), w->old[i]))
			continue;
		nchanged++;
		if (!w->exists)
			continue;
		crm_buf_reset(&imp->label);
		if ((child && crm_buf_printf(&imp->label, "%s[%s].", t->name,
		    id) != CRM_OK) || crm_buf_adds(&imp->label,
		    column_of(t, i)) != CRM_OK)
			return crm_err_nomem(err);
		if ((rc = history(imp, imp->label.data, w->old[i], final(w, i),
		    err)) != CRM_OK)
			return rc;
	}
	if (w->exists && nchanged == 0)
		return CRM_OK;
	*changed = 1;
	if (!w->exists && child) {
		crm_buf_reset(&imp->label);
		if (crm_buf_printf(&imp->label, "%s[%s]", t->name, id) !=
		    CRM_OK)
			return crm_err_nomem(err);
		if ((rc = history(imp, imp->label.data, NULL, "added", err)) !=
		    CRM_OK)
			return rc;
	}
	if ((rc = crm_db_stmt(imp->db, w->exists ? t->update_sql :
	    t->insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (!w->exists && child)
		sqlite3_bind_text(st, 2, imp->id, -1, SQLITE_STATIC);
	for (i = 0; i < t->n; i++)
		crm_route_bind_text(st, (int)i + 3, final(w, i));
	if (t != &addresses)
		sqlite3_bind_text(st, (int)t->n + 3, w->exists ? imp->now :
		    created, -1, SQLITE_TRANSIENT);
	return crm_route_step_done(imp->db, st, t->name, err);
}

/* credit_limit: an amount at the currency's exponent, not negative, in
 * minor units. */
static int
read_credit(const crm_rec *r, struct row *w, crm_err *err)
{
	const char *cur = final(w, C_CURRENCY);
	struct value *v = &w->v[C_CREDIT];
	int64_t minor;
	crm_err why;
	int e, rc;

	if (v->state != SET) {
		if (v->state == KEEP && w->old[C_CREDIT] != NULL &&
		    !same(cur, w->old[C_CURRENCY]))
			return crm_rec_fail(r, err, CRM_EDATA, "currency",
			    "changes from %s but credit_limit is not given "
			    "again", w->old[C_CURRENCY] != NULL ?
			    w->old[C_CURRENCY] : "none");
		return CRM_OK;
	}
	if (cur == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "credit_limit", "no "
		    "currency (give one in currency)");
	if (crm_currency_exponent(cur, &e, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "not an "
		    "ISO 4217 code: \"%.16s\"", cur);
	if ((rc = crm_money_get(r, "credit_limit", e, &minor, err)) != CRM_OK)
		return rc;
	if (minor < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "credit_limit",
		    "negative");
	crm_buf_reset(&v->text);
	return crm_buf_add_int(&v->text, minor) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* One contact or address from e (an element of contacts or addresses,
 * prefix ""; or the record itself, prefix "contact_" or "address_"). */
static int
import_child(crm_customer_importer *imp, const struct table *t,
    const crm_rec *e, const char *prefix, const char *where, int *changed,
    crm_err *err)
{
	char id[ID_MAX], key[64], label[96];
	struct row *w = &imp->child;
	size_t i;
	int rc;

	long k;
	const char *v;

	snprintf(key, sizeof(key), "%sid", prefix);
	snprintf(label, sizeof(label), "%s%s", where, key);
	if ((k = crm_rec_find(e, key)) < 0 || (v = crm_rec_get(e, key)) ==
	    NULL || *v == '\0')
		return crm_rec_fail(e, err, CRM_EDATA, label, "missing");
	if (crm_rec_type(e, (size_t)k) != CRM_STRING)
		return crm_rec_fail(e, err, CRM_EDATA, label, "not a string");
	if (strlen(v) >= sizeof(id))
		return crm_rec_fail(e, err, CRM_EDATA, label, "longer than %zu "
		    "bytes", sizeof(id) - 1);
	snprintf(id, sizeof(id), "%s", v);
	if ((rc = load_row(imp, t, id, w, err)) != CRM_OK)
		return rc;
	if (w->exists && !same(w->owner, imp->id))
		return crm_rec_fail(e, err, CRM_EDATA, label, "%s is of "
		    "customer %s", id, w->owner);
	for (i = 0; i < t->n; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, t->fields[i]);
		snprintf(label, sizeof(label), "%s%s", where, key);
		if ((rc = read_value(imp, e, key, label, t->how[i], &w->v[i],
		    err)) != CRM_OK)
			return rc;
	}
	if (t == &contacts && final(w, K_NAME) == NULL) {
		snprintf(label, sizeof(label), "%s%sname", where, prefix);
		return crm_rec_fail(e, err, CRM_EDATA, label, "missing");
	}
	return store_row(imp, t, id, w, imp->now, changed, err);
}

/* The array of objects in field key, each imported as a row of t. */
static int
import_children(crm_customer_importer *imp, const struct table *t,
    const crm_rec *r, const char *key, int *changed, crm_err *err)
{
	const char *text;
	char where[48];
	json_t *a = NULL, *el;
	crm_rec *e = NULL;
	size_t len, i;
	char *s;
	int rc = CRM_OK;

	if ((text = crm_rec_get(r, key)) == NULL)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)crm_rec_find(r, key)) != CRM_ARRAY)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not an array");
	if ((a = json_loadb(text, strlen(text), 0, NULL)) == NULL ||
	    (e = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	json_array_foreach(a, i, el) {
		snprintf(where, sizeof(where), "%s[%zu].", key, i);
		if (!json_is_object(el)) {
			rc = crm_rec_fail(r, err, CRM_EDATA, key,
			    "[%zu]: not an object", i);
			break;
		}
		if ((s = json_dumps(el, JSON_COMPACT | JSON_PRESERVE_ORDER)) ==
		    NULL) {
			rc = crm_err_nomem(err);
			break;
		}
		len = strlen(s);
		rc = crm_rec_parse(e, s, len, err);
		free(s);
		if (rc != CRM_OK)
			break;
		crm_rec_set_place(e, crm_rec_file(r), crm_rec_line(r));
		if ((rc = import_child(imp, t, e, "", where, changed, err)) !=
		    CRM_OK)
			break;
	}
out:
	crm_rec_free(e);
	json_decref(a);
	return rc;
}

/* The tags of field tags: an array of strings, or one string of tags
 * separated by ";"; trimmed, blanks left out, each once, into imp->text
 * as NUL-separated strings.  *given 0 when the field is absent. */
static int
read_tags(crm_customer_importer *imp, const crm_rec *r, int *given,
    size_t *n, crm_err *err)
{
	long i = crm_rec_find(r, "tags");
	crm_buf *out = &imp->text;
	json_t *a = NULL, *el;
	const char *s, *p, *end;
	size_t k, len;
	int rc = CRM_OK;

	*given = i >= 0;
	*n = 0;
	crm_buf_reset(out);
	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return CRM_OK;
	s = crm_rec_text(r, (size_t)i, &len);
	if (crm_rec_type(r, (size_t)i) == CRM_STRING) {
		crm_buf_reset(&imp->label);
		if (crm_buf_add(&imp->label, s, len) != CRM_OK)
			return crm_err_nomem(err);
	} else if (crm_rec_type(r, (size_t)i) == CRM_ARRAY) {
		if ((a = json_loadb(s, len, 0, NULL)) == NULL)
			return crm_err_nomem(err);
		crm_buf_reset(&imp->label);
		json_array_foreach(a, k, el) {
			if (!json_is_string(el) || memchr(json_string_value(el),
			    ';', json_string_length(el)) != NULL) {
				rc = crm_rec_fail(r, err, CRM_EDATA, "tags",
				    "[%zu]: not a string without \";\"", k);
				break;
			}
			if (crm_buf_add(&imp->label, json_string_value(el),
			    json_string_length(el)) != CRM_OK ||
			    crm_buf_addc(&imp->label, ';') != CRM_OK) {
				rc = crm_err_nomem(err);
				break;
			}
		}
		json_decref(a);
		if (rc != CRM_OK)
			return rc;
	} else {
		return crm_rec_fail(r, err, CRM_EDATA, "tags", "not an array "
		    "or a string");
	}
	if (memchr(imp->label.data != NULL ? imp->label.data : "", '\0',
	    imp->label.len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "tags",
		    "contains U+0000");
	for (p = imp->label.data; p != NULL && p < imp->label.data +
	    imp->label.len; p = end + 1) {
		const char *q;
		int dup = 0;

		if ((end = memchr(p, ';', (size_t)(imp->label.data +
		    imp->label.len - p))) == NULL)
			end = imp->label.data + imp->label.len;
		if (crm_text_norm(&imp->tmp, p, (size_t)(end - p),
		    CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM, err) != CRM_OK)
			return CRM_EINTERNAL;
		if (imp->tmp.len == 0)
			continue;
		for (q = out->data, k = 0; k < *n; k++, q += strlen(q) + 1)
			dup |= strcmp(q, imp->tmp.data) == 0;
		if (dup)
			continue;
		if (crm_buf_add(out, imp->tmp.data, imp->tmp.len + 1) != CRM_OK)
			return crm_err_nomem(err);
		(*n)++;
	}
	return CRM_OK;
}

static const char tags_of_sql[] =
	"SELECT tag, source FROM customer_tags WHERE customer_id = ?1"
	" ORDER BY tag";
static const char tag_add_sql[] =
	"INSERT INTO customer_tags (customer_id, tag, source, tagged_at)"
	" VALUES (?1, ?2, 'import', ?3)";
static const char tag_drop_sql[] =
	"DELETE FROM customer_tags WHERE customer_id = ?1 AND tag = ?2";

static int
has_tag(const char *list, size_t n, const char *tag)
{
	size_t k;

	for (k = 0; k < n; k++, list += strlen(list) + 1)
		if (strcmp(list, tag) == 0)
			return 1;
	return 0;
}

/* The customer's tags of source import become those listed. */
static int
import_tags(crm_customer_importer *imp, const crm_rec *r, int *changed,
    crm_err *err)
{
	crm_buf stored = CRM_BUF_INIT, imported = CRM_BUF_INIT;
	size_t n, ns = 0, k;
	sqlite3_stmt *st;
	const char *p;
	int rc, given;

	if ((rc = read_tags(imp, r, &given, &n, err)) != CRM_OK || !given)
		return rc;
	if ((rc = crm_db_stmt(imp->db, tags_of_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 0);
		const char *src = (const char *)sqlite3_column_text(st, 1);

		if (crm_buf_add(&stored, tag, strlen(tag) + 1) != CRM_OK ||
		    (src != NULL && strcmp(src, "import") == 0 &&
		    crm_buf_add(&imported, tag, strlen(tag) + 1) != CRM_OK)) {
			rc = SQLITE_NOMEM;
			break;
		}
		ns++;
	}
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? CRM_OK : rc == SQLITE_NOMEM ?
	    crm_err_nomem(err) : crm_db_fail(imp->db, rc, "customer_tags", err);
	for (p = imp->text.data, k = 0; rc == CRM_OK && k < n;
	    k++, p += strlen(p) + 1) {
		if (has_tag(stored.data, ns, p))
			continue;
		*changed = 1;
		if ((rc = history(imp, "tags", NULL, p, err)) != CRM_OK ||
		    (rc = crm_db_stmt(imp->db, tag_add_sql, &st, err)) !=
		    CRM_OK)
			break;
		sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, imp->now, -1, SQLITE_STATIC);
		rc = crm_route_step_done(imp->db, st, "customer_tags", err);
	}
	for (p = imported.data;
	    rc == CRM_OK && p != NULL && p < imported.data + imported.len;
	    p += strlen(p) + 1) {
		if (has_tag(imp->text.data, n, p))
			continue;
		*changed = 1;
		if ((rc = history(imp, "tags", p, NULL, err)) != CRM_OK ||
		    (rc = crm_db_stmt(imp->db, tag_drop_sql, &st, err)) !=
		    CRM_OK)
			break;
		sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p, -1, SQLITE_TRANSIENT);
		rc = crm_route_step_done(imp->db, st, "customer_tags", err);
	}
	crm_buf_free(&stored);
	crm_buf_free(&imported);
	return rc;
}

static const char seen_sql[] =
	"SELECT place, content = ?2 FROM temp.customer_import_seen"
	" WHERE id = ?1";
static const char seen_add_sql[] =
	"INSERT INTO temp.customer_import_seen (id, place, content)"
	" VALUES (?1, ?2, ?3)";

/* An id met before in this run: the same record again is left alone
 * (*again set), another is bad input. */
static int
check_seen(crm_customer_importer *imp, const crm_rec *r, int *again,
    crm_err *err)
{
	char place[320];
	sqlite3_stmt *st;
	int rc;

	*again = 0;
	crm_buf_reset(&imp->tmp);
	if ((rc = crm_rec_write_json(r, &imp->tmp, err)) != CRM_OK ||
	    (rc = crm_db_stmt(imp->db, seen_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, imp->tmp.data, (int)imp->tmp.len,
	    SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(place, sizeof(place), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		*again = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *again ? CRM_OK : crm_rec_fail(r, err, CRM_EDATA, "id",
		    "%s already imported from %s with other content",
		    imp->id, place);
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "customer_import_seen", err);
	snprintf(place, sizeof(place), "%s:%lu", crm_rec_file(r) != NULL ?
	    crm_rec_file(r) : "-", crm_rec_line(r));
	if ((rc = crm_db_stmt(imp->db, seen_add_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, imp->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, imp->tmp.data, (int)imp->tmp.len,
	    SQLITE_STATIC);
	return crm_route_step_done(imp->db, st, "customer_import_seen", err);
}

/* created_at of a new customer: a date or an RFC 3339 instant; now when
 * absent. */
static int
read_created(crm_customer_importer *imp, const crm_rec *r, char *out,
    crm_err *err)
{
	const char *v = crm_rec_get(r, "created_at");
	int32_t day;
	int64_t ms;
	crm_err why;

	if (v == NULL) {
		snprintf(out, CRM_DATE_BUFSZ, "%s", imp->now);
		return CRM_OK;
	}
	if (crm_date_parse(v, strlen(v), &day, &why) == CRM_OK)
		ms = (int64_t)day * 86400000;
	else if (crm_time_parse(v, strlen(v), &ms, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "created_at", "not a "
		    "date or an RFC 3339 instant: \"%.64s\"", v);
	crm_time_format(ms, out);
	return CRM_OK;
}

static int
read_customer(crm_customer_importer *imp, const crm_rec *r, crm_err *err)
{
	struct row *w = &imp->cust;
	size_t i;
	int rc;

	for (i = 0; i < NCUST; i++) {
		if (i == C_ATTRS)
			rc = read_attrs(r, w->old[C_ATTRS], &w->v[i], err);
		else
			rc = read_value(imp, r, customer_fields[i],
			    customer_fields[i], customer_how[i], &w->v[i], err);
		if (rc != CRM_OK)
			return rc;
	}
	if (final(w, C_NAME) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "missing");
	return read_credit(r, w, err);
}

int
crm_customer_import(crm_customer_importer *imp, const crm_rec *r,
    crm_err *err)
{
	struct row *w = &imp->cust;
	char created[CRM_DATE_BUFSZ];
	int rc, again, changed = 0;

	if ((rc = crm_rec_need_str(r, "id", imp->id, sizeof(imp->id), err)) !=
	    CRM_OK)
		return rc;
	imp->source = crm_rec_file(r);
	if ((rc = check_seen(imp, r, &again, err)) != CRM_OK)
		return rc;
	if (again) {
		imp->counts.unchanged++;
		return CRM_OK;
	}
	if ((rc = load_row(imp, &customers, imp->id, w, err)) != CRM_OK)
		return rc;
	if (w->exists && w->owner != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "id", "%s was merged "
		    "into %s: import into %s instead", imp->id, w->owner,
		    w->owner);
	imp->is_new = !w->exists;
	if ((rc = read_customer(imp, r, err)) != CRM_OK ||
	    (rc = read_created(imp, r, created, err)) != CRM_OK)
		return rc;
	if ((rc = store_row(imp, &customers, imp->id, w, created, &changed,
	    err)) != CRM_OK ||
	    (rc = import_children(imp, &contacts, r, "contacts", &changed,
	    err)) != CRM_OK ||
	    (crm_rec_find(r, "contact_id") >= 0 && (rc = import_child(imp,
	    &contacts, r, "contact_", "", &changed, err)) != CRM_OK) ||
	    (rc = import_children(imp, &addresses, r, "addresses", &changed,
	    err)) != CRM_OK ||
	    (crm_rec_find(r, "address_id") >= 0 && (rc = import_child(imp,
	    &addresses, r, "address_", "", &changed, err)) != CRM_OK) ||
	    (rc = import_tags(imp, r, &changed, err)) != CRM_OK)
		return rc;
	if (imp->is_new)
		imp->counts.inserted++;
	else if (changed)
		imp->counts.updated++;
	else
		imp->counts.unchanged++;
	return CRM_OK;
}
