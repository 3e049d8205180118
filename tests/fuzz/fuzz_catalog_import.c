/*
 * fuzz_catalog_import.c - crm-catalog import: any bytes as catalog
 * records, each imported in a savepoint, the whole input in a
 * transaction that is rolled back.  Whatever the input, every record is
 * imported or refused with CRM_EDATA and a message, and afterwards the
 * catalog holds together: no two prices of a list, sku and tier in force
 * on the same day, every alias stored with its normalised text (never
 * empty), and the catalog reads back and matches each of its aliases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char overlap_sql[] =
	"SELECT count(*) FROM prices a JOIN prices b ON a.id < b.id"
	" AND a.list = b.list AND a.sku = b.sku AND a.tier IS b.tier"
	" AND a.valid_from <= coalesce(b.valid_to, '9999-12-31')"
	" AND b.valid_from <= coalesce(a.valid_to, '9999-12-31')";

static crm_db *db;

static void
import_all(crm_catalog_importer *imp, crm_in *in)
{
	crm_rec *r = crm_rec_new();
	crm_err err;
	int rc;

	if (r == NULL)
		abort();
	while ((rc = crm_in_read(in, r, &err)) != CRM_END) {
		if (rc == CRM_EDATA)
			continue;
		if (rc != CRM_OK || crm_db_savepoint(db, &err) != CRM_OK)
			break;
		rc = crm_catalog_import(imp, r, &err);
		if (rc != CRM_OK && (rc != CRM_EDATA || err.msg[0] == '\0'))
			abort();
		if ((rc != CRM_OK ? crm_db_rollback_to(db, &err) :
		    crm_db_release(db, &err)) != CRM_OK)
			abort();
	}
	crm_rec_free(r);
}

/* Every alias is stored with its norm, and matching its text finds it
 * (or says why not: another word reads the same, or the product does
 * not come in it). */
static void
check_aliases(crm_catalog *cat)
{
	crm_buf norm = CRM_BUF_INIT;
	crm_catalog_hit hit;
	sqlite3_stmt *st;
	crm_err err;
	int rc;

	if (crm_db_prepare(db, "SELECT text, norm FROM aliases", &st, &err) !=
	    CRM_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);

		if (crm_catalog_norm(&norm, text, strlen(text), &err) !=
		    CRM_OK || norm.len == 0 || strcmp(norm.data, (const char *)
		    sqlite3_column_text(st, 1)) != 0)
			abort();
		rc = crm_catalog_match(cat, text, strlen(text), &hit, &err);
		if (rc == CRM_OK ? crm_catalog_check_variant(cat, hit.sku,
		    hit.colour, hit.options, hit.noptions, &err) != CRM_OK :
		    rc != CRM_EDATA || err.msg[0] == '\0')
			abort();
	}
	sqlite3_finalize(st);
	crm_buf_free(&norm);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const crm_catalog_import_counts *c;
	crm_catalog_importer *imp;
	crm_catalog *cat;
	sqlite3_stmt *st;
	crm_in *in;
	crm_err err;

	if (db == NULL)
		db = fuzz_db_open("catalog", NULL);
	if (crm_in_open(&in, fuzz_file("catalog", data, size), CRM_FMT_JSONL,
	    &err) != CRM_OK || crm_db_begin(db, &err) != CRM_OK ||
	    crm_catalog_importer_new(db, &imp, &err) != CRM_OK)
		abort();
	crm_in_set_max_line(in, 4096);
	import_all(imp, in);
	c = crm_catalog_import_counts_of(imp);
	if (c->inserted + c->updated + c->unchanged > 100000)
		abort();
	if (crm_db_prepare(db, overlap_sql, &st, &err) != CRM_OK ||
	    sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
		abort();
	sqlite3_finalize(st);
	if (crm_catalog_open(db, &cat, &err) != CRM_OK)
		abort();
	check_aliases(cat);
	crm_catalog_free(cat);
	crm_catalog_importer_free(imp);
	crm_in_close(in);
	crm_db_rollback(db);
	return 0;
}
