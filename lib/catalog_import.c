/*
 * catalog_import.c - importing the catalog: products, colours, options,
 * aliases and prices, each upserted on its natural key.
 *
 * A row is handled as the text of its columns: the stored row is read,
 * the record's fields are laid over a copy, and the row is written only
 * when the copy differs, so that importing a file again writes nothing.
 */
#include "internal.h"
#include "catalog_internal.h"

#include <jansson.h>

#define MAX_COLS 9
#define MAX_CODES 64

/* A row as text, NULL for SQL NULL; the first column is the id of the
 * stored row where a table has one. */
struct row {
	char *v[MAX_COLS];
};

struct crm_catalog_importer {
	crm_db *db;
	crm_catalog_import_counts counts;
	struct row old, cur;
	int found;
	char *codes[MAX_CODES];   /* the colours or options of a product */
	size_t ncodes;
	crm_buf norm;
};

enum { T_PRODUCT, T_COLOUR, T_OPTION, T_ALIAS, T_PRICE };

static const char *const fields_of[][12] = {
	{ "sku", "name", "segment", "category", "unit", "list_price",
	  "currency", "bom_code", "active", "colours", "options", NULL },
	{ "code", "name", "active", NULL },
	{ "code", "name", "active", NULL },
	{ "kind", "code", "text", NULL },
	{ "list", "sku", "tier", "valid_from", "valid_to", "price",
	  "currency", NULL },
};

static void
row_clear(struct row *r)
{
	size_t i;

	for (i = 0; i < MAX_COLS; i++) {
		free(r->v[i]);
		r->v[i] = NULL;
	}
}

static int
set_col(struct row *r, int c, const char *s, crm_err *err)
{
	char *copy = NULL;

	if (s != NULL && (copy = strdup(s)) == NULL)
		return crm_err_nomem(err);
	free(r->v[c]);
	r->v[c] = copy;
	return CRM_OK;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int
rows_same(const struct row *a, const struct row *b, int ncol)
{
	int i;

	for (i = 0; i < ncol; i++)
		if (!same(a->v[i], b->v[i]))
			return 0;
	return 1;
}

static void
codes_clear(crm_catalog_importer *imp)
{
	while (imp->ncodes > 0)
		free(imp->codes[--imp->ncodes]);
}

int
crm_catalog_importer_new(crm_db *db, crm_catalog_importer **out,
    crm_err *err)
{
	crm_catalog_importer *imp;

	*out = NULL;
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return crm_err_nomem(err);
	imp->db = db;
	*out = imp;
	return CRM_OK;
}

void
crm_catalog_importer_free(crm_catalog_importer *imp)
{
	if (imp == NULL)
		return;
	row_clear(&imp->old);
	row_clear(&imp->cur);
	codes_clear(imp);
	crm_buf_free(&imp->norm);
	free(imp);
}

const crm_catalog_import_counts *
crm_catalog_import_counts_of(const crm_catalog_importer *imp)
{
	return &imp->counts;
}

/* A field given with a value that is not empty: its text, else NULL. */
static const char *
given(const crm_rec *r, const char *key)
{
	const char *s = crm_rec_get(r, key);

	return s != NULL && *s != '\0' ? s : NULL;
}

static void
bind_all(sqlite3_stmt *st, const char *const *v, int n, unsigned ints)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] == NULL)
			sqlite3_bind_null(st, i + 1);
		else if (ints & 1u << i)
			sqlite3_bind_int64(st, i + 1, strtoll(v[i], NULL, 10));
		else
			sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
}

/* Run sql with the parameters keys[0..nkeys) and read its first row's
 * ncol columns into imp->old and imp->cur (imp->found says whether there
 * was one). */
static int
load_row(crm_catalog_importer *imp, const char *sql, const char *const *keys,
    int nkeys, int ncol, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, i;

	row_clear(&imp->old);
	row_clear(&imp->cur);
	if ((rc = crm_db_stmt(imp->db, sql, &st, err)) != CRM_OK)
		return rc;
	bind_all(st, keys, nkeys, 0);
	rc = sqlite3_step(st);
	imp->found = rc == SQLITE_ROW;
	for (i = 0; imp->found && i < ncol; i++)
		if ((rc = set_col(&imp->old, i, (const char *)
		    sqlite3_column_text(st, i), err)) != CRM_OK ||
		    (rc = set_col(&imp->cur, i, imp->old.v[i], err)) != CRM_OK) {
			sqlite3_reset(st);
			return rc;
		}
	rc = imp->found || rc == SQLITE_DONE ? CRM_OK : crm_db_fail(imp->db,
	    rc, "catalog", err);
	sqlite3_reset(st);
	return rc;
}

/* Run sql with the parameters v[0..n) (those in the ints mask as
 * integers). */
static int
run(crm_catalog_importer *imp, const char *sql, const char *const *v,
    int n, unsigned ints, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(imp->db, sql, &st, err)) != CRM_OK)
		return rc;
	bind_all(st, v, n, ints);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(imp->db, rc,
	    "catalog", err);
}

/* Whether s is a code of 1 to max characters from A-Z, 0-9, '-', '_'
 * (and a-z, '.', '/' when lower). */
static int
is_code(const char *s, size_t max, int lower)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-' || s[i] == '_' || (lower &&
		    ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' ||
		    s[i] == '/'))))
			return 0;
	return i > 0 && i <= max;
}

static int
take_sku(const crm_rec *r, const char **sku, crm_err *err)
{
	if ((*sku = given(r, "sku")) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "required");
	if (!is_code(*sku, 64, 1))
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "not a sku "
		    "(letters, digits, '-', '_', '.', '/'; at most 64)");
	return CRM_OK;
}

/* Text fields of at most 200 bytes into columns of imp->cur. */
static int
take_texts(crm_catalog_importer *imp, const crm_rec *r,
    const char *const *fields, const int *cols, size_t n, crm_err *err)
{
	const char *s;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((s = given(r, fields[i])) == NULL)
			continue;
		if (strlen(s) > 200)
			return crm_rec_fail(r, err, CRM_EDATA, fields[i],
			    "longer than 200 bytes");
		if ((rc = set_col(&imp->cur, cols[i], s, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* active: true, false, 1 or 0, into column c as "1" or "0"; a new row
 * is active unless it says otherwise. */
static int
take_active(crm_catalog_importer *imp, const crm_rec *r, int c,
    crm_err *err)
{
	const char *s = given(r, "active");

	if (s == NULL)
		return imp->found ? CRM_OK : set_col(&imp->cur, c, "1", err);
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		return set_col(&imp->cur, c, "1", err);
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		return set_col(&imp->cur, c, "0", err);
	return crm_rec_fail(r, err, CRM_EDATA, "active", "not true or false");
}

static int
need_name(crm_catalog_importer *imp, const crm_rec *r, int c, crm_err *err)
{
	if (imp->cur.v[c] == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "name", "required");
	return CRM_OK;
}

/* An amount field at the exponent of currency into column c: 0 or
 * more.  CRM_END when the record does not give it. */
static int
take_amount(crm_catalog_importer *imp, const crm_rec *r, const char *field,
    const char *currency, int c, crm_err *err)
{
	char buf[32];
	crm_err why;
	int64_t minor;
	int exponent, rc;

	if (given(r, field) == NULL)
		return CRM_END;
	if (currency == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, field, "no currency");
	if (crm_currency_exponent(currency, &exponent, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "not an ISO "
		    "4217 code: %.16s", currency);
	if ((rc = crm_money_get(r, field, exponent, &minor, err)) != CRM_OK)
		return rc;
	if (minor < 0)
		return crm_rec_fail(r, err, CRM_EDATA, field, "negative");
	snprintf(buf, sizeof(buf), "%lld", (long long)minor);
	return set_col(&imp->cur, c, buf, err);
}

static int
check_currency(const crm_rec *r, const char *code, crm_err *err)
{
	crm_err why;
	int exponent;

	if (code != NULL && crm_currency_exponent(code, &exponent, &why) !=
	    CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "not an ISO "
		    "4217 code: %.16s", code);
	return CRM_OK;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add_code(crm_catalog_importer *imp, const crm_rec *r, const char *field,
    const char *s, size_t len, crm_err *err)
{
	if (imp->ncodes == MAX_CODES)
		return crm_rec_fail(r, err, CRM_EDATA, field, "more than %d",
		    MAX_CODES);
	if ((imp->codes[imp->ncodes] = strndup(s, len)) == NULL)
		return crm_err_nomem(err);
	imp->ncodes++;
	return CRM_OK;
}

/* The codes of field (an array of strings, or one string of codes
 * separated by commas, "+" or spaces) into imp->codes, sorted, each
 * once. */
static int
read_codes(crm_catalog_importer *imp, const crm_rec *r, const char *field,
    crm_err *err)
{
	long i = crm_rec_find(r, field);
	const char *s = crm_rec_text(r, (size_t)i, NULL);
	json_t *a = NULL;
	size_t k, len, n = 0;
	int rc = CRM_OK;

	codes_clear(imp);
	if (crm_rec_type(r, (size_t)i) == CRM_ARRAY) {
		if ((a = json_loads(s, 0, NULL)) == NULL)
			return crm_err_nomem(err);
		for (k = 0; rc == CRM_OK && k < json_array_size(a); k++) {
			json_t *v = json_array_get(a, k);

			rc = json_is_string(v) ? add_code(imp, r, field,
			    json_string_value(v), json_string_length(v), err) :
			    crm_rec_fail(r, err, CRM_EDATA, field, "not a list "
			    "of codes");
		}
		json_decref(a);
	} else if (crm_rec_type(r, (size_t)i) == CRM_STRING) {
		for (; rc == CRM_OK && *s != '\0'; s += len) {
			s += strspn(s, ", +");
			if ((len = strcspn(s, ", +")) > 0)
				rc = add_code(imp, r, field, s, len, err);
		}
	} else
		return crm_rec_fail(r, err, CRM_EDATA, field, "not a list of "
		    "codes");
	if (rc != CRM_OK)
		return rc;
	qsort(imp->codes, imp->ncodes, sizeof(*imp->codes), strp_cmp);
	for (k = 0; k < imp->ncodes; k++)
		if (n > 0 && strcmp(imp->codes[n - 1], imp->codes[k]) == 0)
			free(imp->codes[k]);
		else
			imp->codes[n++] = imp->codes[k];
	imp->ncodes = n;
	return CRM_OK;
}

static const char *const restriction_sql[][4] = {
	{ "SELECT colour FROM product_colours WHERE sku = ?1 ORDER BY colour",
	  "DELETE FROM product_colours WHERE sku = ?1",
	  "INSERT INTO product_colours (sku, colour) VALUES (?1, ?2)",
	  "SELECT 1 FROM colours WHERE code = ?1" },
	{ "SELECT option FROM product_options WHERE sku = ?1 ORDER BY option",
	  "DELETE FROM product_options WHERE sku = ?1",
	  "INSERT INTO product_options (sku, option) VALUES (?1, ?2)",
	  "SELECT 1 FROM options WHERE code = ?1" },
};

/* Whether the stored codes of sku (sql[0]) are imp->codes. */
static int
same_codes(crm_catalog_importer *imp, const char *sql, const char *sku,
    int *same_set, crm_err *err)
{
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if ((rc = crm_db_stmt(imp->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	*same_set = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n >= imp->ncodes || strcmp(imp->codes[n++], (const char *)
		    sqlite3_column_text(st, 0)) != 0)
			*same_set = 0;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "catalog", err);
	if (n != imp->ncodes)
		*same_set = 0;
	return CRM_OK;
}

/* The colours (which 0) or options (1) of a product record, when it
 * gives them, replace those stored; *changed is set when they differ. */
static int
take_restriction(crm_catalog_importer *imp, const crm_rec *r,
    const char *sku, int which, int *changed, crm_err *err)
{
	const char *field = which == 0 ? "colours" : "options";
	const char *const *sql = restriction_sql[which];
	const char *v[2] = { sku, NULL };
	int rc, same_set;
	size_t i;

	if (crm_rec_get(r, field) == NULL)
		return CRM_OK;
	if ((rc = read_codes(imp, r, field, err)) != CRM_OK)
		return rc;
	for (i = 0; i < imp->ncodes; i++) {
		if ((rc = load_row(imp, sql[3], (const char *const *)
		    &imp->codes[i], 1, 0, err)) != CRM_OK)
			return rc;
		if (!imp->found)
			return crm_rec_fail(r, err, CRM_EDATA, field, "unknown "
			    "%s %.64s", which == 0 ? "colour" : "option",
			    imp->codes[i]);
	}
	if ((rc = same_codes(imp, sql[0], sku, &same_set, err)) != CRM_OK ||
	    same_set)
		return rc;
	*changed = 1;
	if ((rc = run(imp, sql[1], v, 1, 0, err)) != CRM_OK)
		return rc;
	for (i = 0; i < imp->ncodes; i++) {
		v[1] = imp->codes[i];
		if ((rc = run(imp, sql[2], v, 2, 0, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

enum { P_SKU, P_NAME, P_SEGMENT, P_CATEGORY, P_UNIT, P_PRICE, P_CURRENCY,
	P_BOM, P_ACTIVE_ };

static const char product_select_sql[] =
	"SELECT sku, name, segment, category, unit, list_price_minor,"
	" currency, bom_code, active FROM products WHERE sku = ?1";
static const char product_insert_sql[] =
	"INSERT INTO products (sku, name, segment, category, unit,"
	" list_price_minor, currency, bom_code, active)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char product_update_sql[] =
	"UPDATE products SET name = ?2, segment = ?3, category = ?4,"
	" unit = ?5, list_price_minor = ?6, currency = ?7, bom_code = ?8,"
	" active = ?9 WHERE sku = ?1";

/* The list price in its currency: a currency changes only with a price
 * (the stored price would be read in the wrong one). */
static int
take_list_price(crm_catalog_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *code = given(r, "currency");
	int rc;

	if ((rc = check_currency(r, code, err)) != CRM_OK)
		return rc;
	if (code == NULL)
		code = imp->cur.v[P_CURRENCY];
	rc = take_amount(imp, r, "list_price", code, P_PRICE, err);
	if (rc == CRM_END && imp->cur.v[P_PRICE] != NULL && code != NULL &&
	    !same(code, imp->cur.v[P_CURRENCY]))
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "changes "
		    "from %s to %s without a list_price",
		    imp->cur.v[P_CURRENCY], code);
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	return set_col(&imp->cur, P_CURRENCY, code, err);
}

static int
import_product(crm_catalog_importer *imp, const crm_rec *r, int *changed,
    crm_err *err)
{
	static const char *const texts[] = { "name", "segment", "category",
		"unit", "bom_code" };
	static const int cols[] = { P_NAME, P_SEGMENT, P_CATEGORY, P_UNIT,
		P_BOM };
	const char *sku;
	int rc, found;

	if ((rc = take_sku(r, &sku, err)) != CRM_OK ||
	    (rc = load_row(imp, product_select_sql, &sku, 1, 9, err)) !=
	    CRM_OK ||
	    (rc = set_col(&imp->cur, P_SKU, sku, err)) != CRM_OK ||
	    (rc = take_texts(imp, r, texts, cols, ARRAY_LEN(texts), err)) !=
	    CRM_OK ||
	    (rc = need_name(imp, r, P_NAME, err)) != CRM_OK ||
	    (rc = take_list_price(imp, r, err)) != CRM_OK ||
	    (rc = take_active(imp, r, P_ACTIVE_, err)) != CRM_OK)
		return rc;
	found = imp->found;
	*changed = !found || !rows_same(&imp->old, &imp->cur, 9);
	if ((*changed && (rc = run(imp, found ? product_update_sql :
	    product_insert_sql, (const char *const *)imp->cur.v, 9,
	    1u << P_PRICE | 1u << P_ACTIVE_, err)) != CRM_OK) ||
	    (rc = take_restriction(imp, r, sku, 0, changed, err)) != CRM_OK ||
	    (rc = take_restriction(imp, r, sku, 1, changed, err)) != CRM_OK)
		return rc;
	imp->found = found;     /* the checks of codes looked up others */
	return CRM_OK;
}

static const char *const code_sql[][3] = {
	{ "SELECT code, name, active FROM colours WHERE code = ?1",
	  "INSERT INTO colours (code, name, active) VALUES (?1, ?2, ?3)",
	  "UPDATE colours SET name = ?2, active = ?3 WHERE code = ?1" },
	{ "SELECT code, name, active FROM options WHERE code = ?1",
	  "INSERT INTO options (code, name, active) VALUES (?1, ?2, ?3)",
	  "UPDATE options SET name = ?2, active = ?3 WHERE code = ?1" },
};

/* A colour (which 0) or an option (1). */
static int
import_code(crm_catalog_importer *imp, const crm_rec *r, int which,
    int *changed, crm_err *err)
{
	static const char *const texts[] = { "name" };
	static const int cols[] = { 1 };
	const char *code = given(r, "code");
	int rc;

	if (code == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "code", "required");
	if (!is_code(code, 16, 0))
		return crm_rec_fail(r, err, CRM_EDATA, "code", "not a code "
		    "(A-Z, 0-9, '-', '_'; at most 16)");
	if ((rc = load_row(imp, code_sql[which][0], &code, 1, 3, err)) !=
	    CRM_OK ||
	    (rc = set_col(&imp->cur, 0, code, err)) != CRM_OK ||
	    (rc = take_texts(imp, r, texts, cols, 1, err)) != CRM_OK ||
	    (rc = need_name(imp, r, 1, err)) != CRM_OK ||
	    (rc = take_active(imp, r, 2, err)) != CRM_OK)
		return rc;
	*changed = !imp->found || !rows_same(&imp->old, &imp->cur, 3);
	if (!*changed)
		return CRM_OK;
	return run(imp, code_sql[which][imp->found ? 2 : 1],
	    (const char *const *)imp->cur.v, 3, 1u << 2, err);
}

/* The thing an alias or a price names must exist. */
static int
must_exist(crm_catalog_importer *imp, const crm_rec *r, const char *field,
    const char *kind, const char *code, crm_err *err)
{
	static const struct { const char *kind, *sql, *what; } tables[] = {
		{ "product", "SELECT 1 FROM products WHERE sku = ?1", "sku" },
		{ "colour", "SELECT 1 FROM colours WHERE code = ?1", "colour" },
		{ "option", "SELECT 1 FROM options WHERE code = ?1", "option" },
	};
	size_t i;
	int rc;

	for (i = 0; strcmp(tables[i].kind, kind) != 0; i++)
		;
	if ((rc = load_row(imp, tables[i].sql, &code, 1, 0, err)) != CRM_OK)
		return rc;
	if (!imp->found)
		return crm_rec_fail(r, err, CRM_EDATA, field, "unknown %s "
		    "%.64s", tables[i].what, code);
	return CRM_OK;
}

static int
import_alias(crm_catalog_importer *imp, const crm_rec *r, int *changed,
    crm_err *err)
{
	const char *kind = given(r, "kind"), *code = given(r, "code");
	const char *text = given(r, "text"), *v[4];
	int rc;

	if (kind == NULL || (strcmp(kind, "product") != 0 &&
	    strcmp(kind, "colour") != 0 && strcmp(kind, "option") != 0))
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "not product, "
		    "colour or option");
	if (code == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "code", "required");
	if (text == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "text", "required");
	if (strlen(text) > 200)
		return crm_rec_fail(r, err, CRM_EDATA, "text", "longer than "
		    "200 bytes");
	if ((rc = must_exist(imp, r, "code", kind, code, err)) != CRM_OK ||
	    (rc = crm_catalog_norm(&imp->norm, text, strlen(text), err)) !=
	    CRM_OK)
		return rc;
	if (imp->norm.len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "text", "nothing to "
		    "match once normalised");
	v[0] = imp->norm.data;
	v[1] = kind;
	v[2] = code;
	v[3] = text;
	if ((rc = load_row(imp, "SELECT text FROM aliases WHERE norm = ?1"
	    " AND kind = ?2 AND code = ?3", v, 3, 1, err)) != CRM_OK)
		return rc;
	*changed = !imp->found || strcmp(imp->old.v[0], text) != 0;
	if (!*changed)
		return CRM_OK;
	return run(imp, imp->found ? "UPDATE aliases SET text = ?4 WHERE"
	    " norm = ?1 AND kind = ?2 AND code = ?3" : "INSERT INTO aliases"
	    " (norm, kind, code, text) VALUES (?1, ?2, ?3, ?4)", v, 4, 0,
	    err);
}

/* valid_from and valid_to as dates, to not before from. */
static int
take_range(const crm_rec *r, char *from, char *to, crm_err *err)
{
	int32_t a, b;
	int rc;

	if (given(r, "valid_from") == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "valid_from",
		    "required");
	if ((rc = crm_date_get(r, "valid_from", &a, err)) != CRM_OK)
		return rc;
	crm_date_format(a, from);
	to[0] = '\0';
	if (given(r, "valid_to") == NULL)
		return CRM_OK;
	if ((rc = crm_date_get(r, "valid_to", &b, err)) != CRM_OK)
		return rc;
	if (b < a)
		return crm_rec_fail(r, err, CRM_EDATA, "valid_to", "before "
		    "valid_from");
	crm_date_format(b, to);
	return CRM_OK;
}

static const char price_overlap_sql[] =
	"SELECT valid_from, valid_to FROM prices WHERE list = ?1 AND sku = ?2"
	" AND tier IS ?3 AND valid_from <> ?4"
	" AND valid_from <= coalesce(?5, '9999-12-31')"
	" AND coalesce(valid_to, '9999-12-31') >= ?4"
	" ORDER BY valid_from LIMIT 1";

/* No two prices of a list, sku and tier are in force on the same day. */
static int
check_overlap(crm_catalog_importer *imp, const crm_rec *r,
    const char *const *key, const char *to, crm_err *err)
{
	const char *v[5] = { key[0], key[1], key[2], key[3], to };
	int rc;

	if ((rc = load_row(imp, price_overlap_sql, v, 5, 2, err)) != CRM_OK ||
	    !imp->found)
		return rc;
	if (imp->old.v[1] == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "valid_from", "overlaps "
		    "the price from %s on", imp->old.v[0]);
	return crm_rec_fail(r, err, CRM_EDATA, "valid_from", "overlaps the "
	    "price from %s to %s", imp->old.v[0], imp->old.v[1]);
}

/* The currency of a price: its own, else the product's. */
static int
price_currency(crm_catalog_importer *imp, const crm_rec *r,
    const char *sku, char *code, crm_err *err)
{
	const char *s = given(r, "currency");
	int rc;

	if (s == NULL) {
		if ((rc = load_row(imp, "SELECT currency FROM products"
		    " WHERE sku = ?1", &sku, 1, 1, err)) != CRM_OK)
			return rc;
		s = imp->old.v[0];
	}
	if (s == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "required "
		    "(%s has no currency)", sku);
	if ((rc = check_currency(r, s, err)) != CRM_OK)
		return rc;
	snprintf(code, 4, "%s", s);
	return CRM_OK;
}

static int
import_price(crm_catalog_importer *imp, const crm_rec *r, int *changed,
    crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ], currency[4];
	const char *key[4], *v[7], *list = given(r, "list");
	const char *tier = given(r, "tier");
	int rc;

	if ((rc = take_sku(r, &key[1], err)) != CRM_OK ||
	    (rc = must_exist(imp, r, "sku", "product", key[1], err)) !=
	    CRM_OK ||
	    (rc = take_range(r, from, to, err)) != CRM_OK ||
	    (rc = price_currency(imp, r, key[1], currency, err)) != CRM_OK)
		return rc;
	if ((list != NULL && strlen(list) > 64) || (tier != NULL &&
	    strlen(tier) > 64))
		return crm_rec_fail(r, err, CRM_EDATA, list != NULL &&
		    strlen(list) > 64 ? "list" : "tier", "longer than 64 "
		    "bytes");
	key[0] = list != NULL ? list : "standard";
	key[2] = tier;
	key[3] = from;
	if ((rc = check_overlap(imp, r, key, to[0] ? to : NULL, err)) !=
	    CRM_OK ||
	    (rc = load_row(imp, "SELECT valid_to, price_minor, currency FROM"
	    " prices WHERE list = ?1 AND sku = ?2 AND tier IS ?3 AND"
	    " valid_from = ?4", key, 4, 3, err)) != CRM_OK ||
	    (rc = set_col(&imp->cur, 0, to[0] ? to : NULL, err)) != CRM_OK ||
	    (rc = set_col(&imp->cur, 2, currency, err)) != CRM_OK)
		return rc;
	if ((rc = take_amount(imp, r, "price", currency, 1, err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "price", "required");
	if (rc != CRM_OK)
		return rc;
	*changed = !imp->found || !rows_same(&imp->old, &imp->cur, 3);
	if (!*changed)
		return CRM_OK;
	memcpy(v, key, sizeof(key));
	v[4] = imp->cur.v[0];
	v[5] = imp->cur.v[1];
	v[6] = imp->cur.v[2];
	return run(imp, imp->found ? "UPDATE prices SET valid_to = ?5,"
	    " price_minor = ?6, currency = ?7 WHERE list = ?1 AND sku = ?2"
	    " AND tier IS ?3 AND valid_from = ?4" : "INSERT INTO prices"
	    " (list, sku, tier, valid_from, valid_to, price_minor, currency)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", v, 7, 1u << 5, err);
}

/* The type of r, from "type", else "kind". */
static int
type_of(const crm_rec *r, int *type, crm_err *err)
{
	static const char *const names[][2] = {
		{ "product", "products" }, { "colour", "colours" },
		{ "option", "options" }, { "alias", "aliases" },
		{ "price", "prices" }
	};
	const char *field = given(r, "type") != NULL ? "type" : "kind";
	const char *s = given(r, field);
	size_t i;

	for (i = 0; s != NULL && i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i][0]) == 0 || strcmp(s, names[i][1]) == 0) {
			*type = (int)i;
			return CRM_OK;
		}
	return crm_rec_fail(r, err, CRM_EDATA, s != NULL ? field : "type",
	    "not product, colour, option, alias or price");
}

/* Every field given is one of the type's, so that a misspelt field is
 * an error and not a value silently lost. */
static int
check_fields(const crm_rec *r, int type, crm_err *err)
{
	const char *const *f;
	const char *key;
	size_t i;

	for (i = 0; i < crm_rec_len(r); i++) {
		key = crm_rec_key(r, i);
		if (strcmp(key, "type") == 0 || (strcmp(key, "kind") == 0 &&
		    given(r, "type") == NULL) || given(r, key) == NULL)
			continue;
		for (f = fields_of[type]; *f != NULL && strcmp(*f, key) != 0;
		    f++)
			;
		if (*f == NULL)
			return crm_rec_fail(r, err, CRM_EDATA, key, "not a field "
			    "of a%s %s", type == T_ALIAS || type == T_OPTION ?
			    "n" : "", type == T_PRODUCT ? "product" : type ==
			    T_COLOUR ? "colour" : type == T_OPTION ? "option" :
			    type == T_ALIAS ? "alias" : "price");
	}
	return CRM_OK;
}

int
crm_catalog_import(crm_catalog_importer *imp, const crm_rec *r,
    crm_err *err)
{
	int type = T_PRODUCT, rc, changed = 0;

	if ((rc = type_of(r, &type, err)) != CRM_OK ||
	    (rc = check_fields(r, type, err)) != CRM_OK)
		return rc;
	switch (type) {
	case T_PRODUCT:
		rc = import_product(imp, r, &changed, err);
		break;
	case T_COLOUR:
	case T_OPTION:
		rc = import_code(imp, r, type == T_OPTION, &changed, err);
		break;
	case T_ALIAS:
		rc = import_alias(imp, r, &changed, err);
		break;
	default:
		rc = import_price(imp, r, &changed, err);
		break;
	}
	if (rc != CRM_OK)
		return rc;
	if (!changed)
		imp->counts.unchanged++;
	else if (imp->found)
		imp->counts.updated++;
	else
		imp->counts.inserted++;
	return CRM_OK;
}
