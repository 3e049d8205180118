/*
 * fuzz_catalog_match.c - crm-catalog match: any bytes as a description
 * against a small catalog.  Whatever the bytes, matching gives a hit
 * whose codes exist and fit together, or CRM_EDATA with a message; and
 * normalising is idempotent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixture[] =
	"INSERT INTO products (sku, name, list_price_minor, currency) VALUES"
	" ('LUX', 'X5 SUV 豪华版', 22980000, 'CNY'),"
	" ('STD', 'X5 SUV 标准版', 18980000, 'CNY'),"
	" ('A3', 'A3 Sedan', 12880000, 'CNY'),"
	" ('MAT', 'Floor mats', NULL, NULL);"
	"INSERT INTO colours (code, name) VALUES ('PWHT', '珍珠白'),"
	" ('BLK', '曜石黑'), ('RED', 'red'), ('SLV', 'Серебро');"
	"INSERT INTO options (code, name) VALUES ('ROOF', '带天窗'),"
	" ('NAV', 'navigation');"
	"INSERT INTO product_colours VALUES ('LUX', 'PWHT'), ('LUX', 'BLK');"
	"INSERT INTO product_options VALUES ('STD', 'NAV');"
	/* The catalog normalises the texts itself; norm only has to be
	 * unique here. */
	"INSERT INTO aliases (kind, code, text, norm) SELECT column1,"
	" column2, column3, column3 FROM (VALUES"
	" ('product', 'LUX', '豪华版'), ('product', 'LUX', 'X5'),"
	" ('product', 'STD', 'X5'), ('product', 'LUX', 'ＸＳ　豪華'),"
	" ('colour', 'PWHT', 'white'), ('colour', 'SLV', 'white'),"
	" ('colour', 'PWHT', 'pearl white'),"
	" ('option', 'ROOF', '天窗'), ('option', 'ROOF', 'café'));";

static crm_catalog *cat;

static void
setup(void)
{
	char path[96];
	crm_db *db;
	crm_err err;

	snprintf(path, sizeof(path), "/tmp/crm-fuzz-match-%ld.db",
	    (long)getpid());
	unlink(path);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK ||
	    crm_db_exec(db, fixture, &err) != CRM_OK ||
	    crm_catalog_open(db, &cat, &err) != CRM_OK)
		abort();
	crm_db_close(db);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static crm_buf once = CRM_BUF_INIT, twice = CRM_BUF_INIT;
	const crm_catalog_product *p;
	crm_catalog_hit hit;
	crm_err err;
	size_t i;
	int rc;

	if (cat == NULL)
		setup();
	if (crm_catalog_norm(&once, (const char *)data, size, &err) !=
	    CRM_OK || crm_catalog_norm(&twice, once.data, once.len, &err) !=
	    CRM_OK || once.len != twice.len ||
	    memcmp(once.data, twice.data, once.len) != 0 ||
	    (once.len > 0 && (once.data[0] == ' ' ||
	    once.data[once.len - 1] == ' ')))
		abort();
	rc = crm_catalog_match(cat, (const char *)data, size, &hit, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_EDATA || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (crm_catalog_product_get(cat, hit.sku, &p, &err) != CRM_OK ||
	    crm_catalog_check_variant(cat, hit.sku, hit.colour, hit.options,
	    hit.noptions, &err) != CRM_OK)
		abort();
	for (i = 1; i < hit.noptions; i++)
		if (strcmp(hit.options[i - 1], hit.options[i]) >= 0)
			abort();
	return 0;
}
