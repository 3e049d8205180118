/*
 * catalog_show.c - the stored catalog as records: every product, or one
 * with its colours, options, aliases and prices.
 */
#include "internal.h"
#include "catalog_internal.h"

/* Whether colour (option) x.code is one a product comes in: one it
 * lists, or any when it lists none. */
#define COMES_IN(pt, c) \
	"(NOT EXISTS (SELECT 1 FROM " pt " WHERE sku = ?1) OR EXISTS" \
	" (SELECT 1 FROM " pt " WHERE sku = ?1 AND " c " = x.code))"

static const char colours_sql[] =
	"SELECT code, name FROM colours x WHERE "
	COMES_IN("product_colours", "colour") " ORDER BY code";
static const char options_sql[] =
	"SELECT code, name FROM options x WHERE "
	COMES_IN("product_options", "option") " ORDER BY code";
static const char aliases_sql[] =
	"SELECT kind, code, text FROM aliases WHERE"
	" (kind = 'product' AND code = ?1)"
	" OR (kind = 'colour' AND code IN (SELECT code FROM colours x WHERE "
	COMES_IN("product_colours", "colour") "))"
	" OR (kind = 'option' AND code IN (SELECT code FROM options x WHERE "
	COMES_IN("product_options", "option") "))"
	" ORDER BY CASE kind WHEN 'product' THEN 0 WHEN 'colour' THEN 1"
	" ELSE 2 END, code, text";
static const char prices_sql[] =
	"SELECT list, tier, valid_from, valid_to, price_minor, currency"
	" FROM prices WHERE sku = ?1 ORDER BY list, tier, valid_from";
static const char codes_sql[][80] = {
	"SELECT colour FROM product_colours WHERE sku = ?1 ORDER BY colour",
	"SELECT option FROM product_options WHERE sku = ?1 ORDER BY option"
};

/* Field key of rec: the first column of the rows of sql for sku, as an
 * array of strings. */
static int
set_codes(crm_db *db, const char *sql, const char *sku, crm_rec *rec,
    const char *key, crm_buf *buf, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, step, n = 0;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_TRANSIENT);
	crm_buf_reset(buf);
	rc = crm_buf_addc(buf, '[');
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = crm_buf_adds(buf, n++ ? "," : "")) == CRM_OK)
			rc = crm_buf_add_json_str(buf, (const char *)
			    sqlite3_column_text(st, 0), (size_t)
			    sqlite3_column_bytes(st, 0));
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, key, err);
	else if (rc == CRM_OK && (rc = crm_buf_addc(buf, ']')) == CRM_OK)
		rc = crm_rec_set_json(rec, key, CRM_ARRAY, buf->data, buf->len,
		    err);
	else if (rc != CRM_OK)
		rc = crm_err_nomem(err);
	sqlite3_reset(st);
	return rc;
}

/* The product of the current row of st with its colours and options,
 * into r. */
static int
product_rec(crm_db *db, sqlite3_stmt *st, crm_rec *r, crm_buf *buf,
    crm_err *err)
{
	const char *sku;
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_db_row(st, r, err)) != CRM_OK)
		return rc;
	sku = (const char *)sqlite3_column_text(st, 0);
	if ((rc = set_codes(db, codes_sql[0], sku, r, "colours", buf, err)) !=
	    CRM_OK)
		return rc;
	return set_codes(db, codes_sql[1], sku, r, "options", buf, err);
}

/* A read of its own, so that the records agree with each other. */
static int
read_begin(crm_db *db, int *own, crm_err *err)
{
	*own = sqlite3_get_autocommit(crm_db_handle(db));
	return *own ? crm_db_exec(db, "BEGIN", err) : CRM_OK;
}

static void
read_end(crm_db *db, int own)
{
	if (own)
		crm_db_exec(db, "COMMIT", NULL);
}

int
crm_catalog_list(crm_db *db, crm_out *out, crm_err *err)
{
	crm_buf buf = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc, step = SQLITE_DONE, own = 0;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = read_begin(db, &own, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, "SELECT sku, name, segment, category,"
	    " unit, list_price_minor, currency, bom_code, active FROM products"
	    " ORDER BY sku", &st, err)) != CRM_OK)
		goto out;
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = product_rec(db, st, r, &buf, err)) == CRM_OK)
			rc = crm_out_write(out, r, err);
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "products", err);
out:
	sqlite3_finalize(st);
	read_end(db, own);
	crm_rec_free(r);
	crm_buf_free(&buf);
	return rc;
}

/* Field key of r: the rows of sql for sku as objects. */
static int
set_rows(crm_db *db, const char *sql, const char *sku, crm_rec *r,
    const char *key, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_TRANSIENT);
	rc = crm_db_set_rows(db, st, r, key, err);
	sqlite3_reset(st);
	return rc;
}

static int
show_product(crm_db *db, sqlite3_stmt *st, const char *sku, crm_rec *r,
    crm_err *err)
{
	int rc, step;

	sqlite3_bind_text(st, 1, sku, -1, SQLITE_TRANSIENT);
	if ((step = sqlite3_step(st)) == SQLITE_DONE)
		return crm_err_set(err, CRM_EDATA, "unknown sku %.64s", sku);
	if (step != SQLITE_ROW)
		return crm_db_fail(db, step, "products", err);
	crm_rec_clear(r);
	if ((rc = crm_db_row(st, r, err)) != CRM_OK)
		return rc;
	if ((rc = set_rows(db, colours_sql, sku, r, "colours", err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, options_sql, sku, r, "options", err)) !=
	    CRM_OK ||
	    (rc = set_rows(db, aliases_sql, sku, r, "aliases", err)) !=
	    CRM_OK)
		return rc;
	return set_rows(db, prices_sql, sku, r, "prices", err);
}

int
crm_catalog_show(crm_db *db, const char *sku, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r = crm_rec_new();
	int rc, own = 0;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = read_begin(db, &own, err)) == CRM_OK &&
	    (rc = crm_db_prepare(db, "SELECT sku, name, segment, category,"
	    " unit, list_price_minor, currency, bom_code, active FROM products"
	    " WHERE sku = ?1", &st, err)) == CRM_OK &&
	    (rc = show_product(db, st, sku, r, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
	sqlite3_finalize(st);
	read_end(db, own);
	crm_rec_free(r);
	return rc;
}
