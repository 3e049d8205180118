/*
 * fuzz_order_create.c - crm-order create: any bytes as order records
 * against a small catalog.  Each input runs in a transaction that is
 * rolled back; whatever the input, every order is created or refused
 * with CRM_EDATA and a message, and every order created adds up: line
 * amount = qty x price - discount, total = subtotal - discount + tax =
 * the sum of the line amounts + tax; free lines of promotions cost
 * nothing; no order code is given twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixture[] =
	"INSERT INTO customers (id, name, currency, tier, credit_limit_minor,"
	" created_at) VALUES ('C1', 'One', 'CNY', 'gold', 100000000,"
	" '2026-01-01T00:00:00Z'), ('C2', 'Two', NULL, NULL, NULL,"
	" '2026-01-01T00:00:00Z');"
	"INSERT INTO products (sku, name, category, bom_code,"
	" list_price_minor, currency, active) VALUES"
	" ('X5', 'X5 SUV', 'vehicle', 'B1', 18980000, 'CNY', 1),"
	" ('MAT', 'Floor mats', 'accessory', NULL, 39950, 'CNY', 1),"
	" ('OLD', 'Old', 'vehicle', NULL, NULL, NULL, 0);"
	"INSERT INTO colours (code, name) VALUES ('PW', '珍珠白'),"
	" ('BK', 'black');"
	"INSERT INTO options (code, name) VALUES ('SR', '带天窗');"
	"INSERT INTO product_colours VALUES ('X5', 'PW');"
	"INSERT INTO aliases (kind, code, text, norm) VALUES"
	" ('product', 'X5', '豪华版', '豪华版'),"
	" ('colour', 'BK', 'white', 'white'),"
	" ('colour', 'PW', 'white', 'white');"
	"INSERT INTO prices (list, sku, tier, valid_from, valid_to,"
	" price_minor, currency) VALUES"
	" ('standard', 'X5', 'gold', '2026-01-01', NULL, 18000000, 'CNY'),"
	" ('standard', 'MAT', NULL, '2026-01-01', '2026-06-30', 100, 'USD');";

static const char promotions[] =
	"{\"promotions\": ["
	"{\"id\": \"M31\", \"name\": \"m\", \"kind\": \"buy_get\","
	" \"conditions\": {\"skus\": [\"MAT\"]}, \"buy\": 3, \"get\": 1},"
	"{\"id\": \"CAR\", \"name\": \"c\", \"kind\": \"buy_get\","
	" \"conditions\": {\"categories\": [\"vehicle\"]}, \"buy\": 1,"
	" \"get\": 2, \"free_sku\": \"MAT\", \"once\": true},"
	"{\"id\": \"FLEET\", \"name\": \"f\", \"kind\": \"tiered\","
	" \"exclusive\": true, \"conditions\": {\"customer_tiers\":"
	" [\"gold\"]}, \"thresholds\": [{\"min_qty\": 2, \"percent\":"
	" \"2.5\"}, {\"min_qty\": 5, \"percent\": 7}]},"
	"{\"id\": \"ALL\", \"name\": \"a\", \"kind\": \"order_discount\","
	" \"currency\": \"CNY\", \"amount\": \"0.03\"}]}";

static const char layout[] =
	"{\"fields\": ["
	"{\"name\": \"base\", \"kind\": \"map\", \"width\": 2,"
	" \"source\": \"plant\", \"map\": {\"SH\": \"01\", \"BJ\": \"02\"}},"
	"{\"name\": \"year\", \"kind\": \"year\", \"width\": 2},"
	"{\"name\": \"week\", \"kind\": \"week\"},"
	"{\"name\": \"seq\", \"kind\": \"number\", \"width\": 2,"
	" \"sequence\": true},"
	"{\"name\": \"colour\", \"kind\": \"text\", \"width\": 2,"
	" \"chars\": \"0-9A-Z\", \"pad\": \"-\", \"optional\": true},"
	"{\"name\": \"options\", \"kind\": \"options\", \"width\": 2,"
	" \"slots\": 2, \"chars\": \"0-9A-Z\", \"pad\": \"--\"}],"
	" \"scope\": [\"base\", \"year\", \"week\"]}";

static const char check_sql[] =
	"SELECT count(*) FROM orders o WHERE total_minor <>"
	" subtotal_minor - discount_minor + tax_minor"
	" OR total_minor <> tax_minor + (SELECT sum(amount_minor)"
	"  FROM order_lines WHERE order_id = o.id)"
	" OR EXISTS (SELECT 1 FROM order_lines WHERE order_id = o.id"
	"  AND (amount_minor <> qty * unit_price_minor - discount_minor"
	"  OR (promo_id IS NOT NULL AND amount_minor <> 0)))"
	" OR (SELECT count(order_code) - count(DISTINCT order_code)"
	"  FROM order_lines) <> 0";

static crm_promos *promos;
static crm_ordercode *codes;

static crm_db *db;

static void
setup(void)
{
	crm_err err;

	db = fuzz_db_open("order", fixture);
	if (crm_promos_load(fuzz_file("order-promos", (const uint8_t *)
	    promotions, sizeof(promotions) - 1), &promos, &err) != CRM_OK ||
	    crm_ordercode_load(fuzz_file("order-layout", (const uint8_t *)
	    layout, sizeof(layout) - 1), &codes, &err) != CRM_OK)
		abort();
}

/* Hand consecutive records with the same order_id to create at once. */
static void
run(crm_order_creator *cr, crm_in *in)
{
	crm_rec *recs[16];
	size_t n = 0, i;
	crm_err err;
	int rc;

	for (i = 0; i < 16; i++)
		if ((recs[i] = crm_rec_new()) == NULL)
			abort();
	for (;;) {
		const char *k, *k0;

		rc = crm_in_read(in, recs[n], &err);
		if (rc == CRM_EDATA)
			continue;
		if (rc != CRM_OK && rc != CRM_END)
			break;
		k = rc == CRM_OK ? crm_rec_get(recs[n], "order_id") : NULL;
		k0 = n > 0 ? crm_rec_get(recs[0], "order_id") : NULL;
		if (n > 0 && (rc == CRM_END || n == 15 || k == NULL ||
		    k0 == NULL || strcmp(k, k0) != 0)) {
			crm_rec *next = recs[n];
			int crc = crm_order_create(cr, recs, n, NULL, &err);

			if (crc != CRM_OK && (crc != CRM_EDATA ||
			    err.msg[0] == '\0'))
				abort();
			recs[n] = recs[0];
			recs[0] = next;
			n = 0;
		}
		if (rc == CRM_END)
			break;
		n++;
	}
	for (i = 0; i < 16; i++)
		crm_rec_free(recs[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_order_create_opts opts;
	crm_order_creator *cr;
	crm_in *in;
	crm_err err;

	if (db == NULL)
		setup();
	memset(&opts, 0, sizeof(opts));
	opts.hold_over_limit = size % 2;
	opts.tax_rate = size % 3 == 0 ? "13" : NULL;
	opts.now = 1795334400000LL;
	if (crm_in_open(&in, fuzz_file("order", data, size), CRM_FMT_JSONL,
	    &err) != CRM_OK || crm_db_begin(db, &err) != CRM_OK ||
	    crm_order_creator_new(db, NULL, size % 5 ? promos : NULL,
	    size % 7 ? codes : NULL, &opts, &cr, &err) != CRM_OK)
		abort();
	run(cr, in);
	if (crm_order_creator_finish(cr, &err) != CRM_OK)
		abort();
	fuzz_db_none(db, check_sql);
	crm_order_creator_free(cr);
	crm_in_close(in);
	crm_db_rollback(db);
	return 0;
}
