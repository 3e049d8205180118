/*
 * test_catalog.c - the catalog: normalising, importing with upsert,
 * matching descriptions, variants and prices in force.
 */
#include "t.h"

#include <stdlib.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-catalog-XXXXXX";
static crm_db *db;
static crm_err err;
static crm_buf out = CRM_BUF_INIT;

static const char *const fixture[] = {
	"{\"type\":\"colour\",\"code\":\"PWHT\",\"name\":\"珍珠白\"}",
	"{\"type\":\"colour\",\"code\":\"BLK\",\"name\":\"曜石黑\"}",
	"{\"type\":\"colour\",\"code\":\"RED\",\"name\":\"中国红\"}",
	"{\"type\":\"colour\",\"code\":\"SLV\",\"name\":\"星光银\"}",
	"{\"type\":\"option\",\"code\":\"ROOF\",\"name\":\"带天窗\"}",
	"{\"type\":\"option\",\"code\":\"NAV\",\"name\":\"导航\"}",
	"{\"type\":\"product\",\"sku\":\"LUX\",\"name\":\"X5 SUV 豪华版\","
	"\"list_price\":\"229800.00\",\"currency\":\"CNY\","
	"\"colours\":[\"PWHT\",\"BLK\",\"SLV\"],\"options\":\"ROOF NAV\"}",
	"{\"type\":\"product\",\"sku\":\"STD\",\"name\":\"X5 SUV 标准版\","
	"\"list_price\":\"189800.00\",\"currency\":\"CNY\","
	"\"options\":[\"NAV\"]}",
	"{\"type\":\"product\",\"sku\":\"A3\",\"name\":\"A3 Sedan\","
	"\"list_price\":128800,\"currency\":\"CNY\"}",
	"{\"type\":\"product\",\"sku\":\"MAT\",\"name\":\"Floor mats\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"LUX\","
	"\"text\":\"豪华版\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"LUX\","
	"\"text\":\"X5 豪华版\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"LUX\","
	"\"text\":\"ＸＳ　豪華\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"LUX\","
	"\"text\":\"X5\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"STD\","
	"\"text\":\"X5\"}",
	"{\"type\":\"alias\",\"kind\":\"product\",\"code\":\"STD\","
	"\"text\":\"标准版\"}",
	"{\"type\":\"alias\",\"kind\":\"colour\",\"code\":\"RED\","
	"\"text\":\"red\"}",
	"{\"type\":\"alias\",\"kind\":\"colour\",\"code\":\"PWHT\","
	"\"text\":\"pearl white\"}",
	"{\"type\":\"alias\",\"kind\":\"colour\",\"code\":\"PWHT\","
	"\"text\":\"white\"}",
	"{\"type\":\"alias\",\"kind\":\"colour\",\"code\":\"SLV\","
	"\"text\":\"white\"}",
	"{\"type\":\"alias\",\"kind\":\"option\",\"code\":\"ROOF\","
	"\"text\":\"天窗\"}",
	"{\"type\":\"alias\",\"kind\":\"option\",\"code\":\"ROOF\","
	"\"text\":\"sunroof\"}",
	"{\"type\":\"alias\",\"kind\":\"option\",\"code\":\"NAV\","
	"\"text\":\"带导航\"}",
	"{\"type\":\"price\",\"sku\":\"LUX\",\"valid_from\":\"2026-01-01\","
	"\"valid_to\":\"2026-06-30\",\"price\":\"229800.00\"}",
	"{\"type\":\"price\",\"sku\":\"LUX\",\"valid_from\":\"2026-07-01\","
	"\"price\":\"225800.00\",\"currency\":\"CNY\"}",
	"{\"type\":\"price\",\"sku\":\"LUX\",\"tier\":\"gold\","
	"\"valid_from\":\"2026-01-01\",\"valid_to\":\"2026-12-31\","
	"\"price\":\"219800.00\"}",
	"{\"type\":\"price\",\"sku\":\"MAT\",\"valid_from\":\"2026-01-01\","
	"\"valid_to\":\"2026-01-31\",\"price\":\"10.00\",\"currency\":\"USD\"}",
};

static const char *
norm(const char *s)
{
	if (crm_catalog_norm(&out, s, strlen(s), &err) != CRM_OK)
		return "(failed)";
	return out.data;
}

static void
test_norm(void)
{
	static const char *const table[][2] = {
		{ "ＸＳ　豪華", "xs豪華" },
		{ "X5 豪华版", "x5豪华版" },
		{ "x5豪华版", "x5豪华版" },
		{ "Ｘ５　豪华版", "x5豪华版" },
		{ "  Pearl-White  ", "pearl white" },
		{ "珍珠白，豪华版。带天窗", "珍珠白豪华版带天窗" },
		{ "「红色」（带导航）", "红色带导航" },
		{ "A3\t(Sedan)!", "a3 sedan" },
		{ "ＡＢＣ－１２３", "abc 123" },
		{ "CAFÉ au lait", "cafÉ au lait" },
		{ "Москва 2", "Москва 2" },
		{ "红 色", "红色" },
		{ "", "" },
		{ " ,.; ", "" },
		{ "\xff a", "\xff a" },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		CHECK_STR(norm(table[i][0]), table[i][1]);
		/* and normalising again changes nothing */
		CHECK_STR(norm(table[i][1]), table[i][1]);
	}
}

static crm_rec *
rec_of(const char *json, unsigned long line)
{
	crm_rec *r = crm_rec_new();

	if (r == NULL || crm_rec_parse(r, json, strlen(json), &err) != CRM_OK)
		abort();
	crm_rec_set_place(r, "fix", line);
	return r;
}

/* Import json as line 1 of "fix" in a transaction; CRM_OK or the code. */
static int
import(crm_catalog_importer *imp, const char *json)
{
	crm_rec *r = rec_of(json, 1);
	int rc = crm_catalog_import(imp, r, &err);

	crm_rec_free(r);
	return rc;
}

static void
test_import(void)
{
	const crm_catalog_import_counts *c;
	crm_catalog_importer *imp;
	size_t i;
	int rc = CRM_OK;

	CHECK_INT(crm_catalog_importer_new(db, &imp, &err), CRM_OK);
	c = crm_catalog_import_counts_of(imp);
	CHECK_INT(crm_db_begin(db, &err), CRM_OK);
	for (i = 0; rc == CRM_OK && i < sizeof(fixture) / sizeof(*fixture);
	    i++)
		if ((rc = import(imp, fixture[i])) != CRM_OK)
			fprintf(stderr, "%s\n", err.msg);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(c->inserted, sizeof(fixture) / sizeof(*fixture));
	/* again: nothing changes */
	for (i = 0; i < sizeof(fixture) / sizeof(*fixture); i++)
		import(imp, fixture[i]);
	CHECK_INT(c->unchanged, sizeof(fixture) / sizeof(*fixture));
	CHECK_INT(import(imp, "{\"type\":\"colour\",\"code\":\"RED\","
	    "\"name\":\"中国红\",\"active\":false}"), CRM_OK);
	CHECK_INT(import(imp, "{\"kind\":\"colour\",\"code\":\"RED\","
	    "\"active\":true}"), CRM_OK);
	CHECK_INT(c->updated, 2);
	/* the same words in full width are the same alias: its text */
	CHECK_INT(import(imp, "{\"type\":\"alias\",\"kind\":\"colour\","
	    "\"code\":\"RED\",\"text\":\"ＲＥＤ\"}"), CRM_OK);
	CHECK_INT(import(imp, "{\"type\":\"alias\",\"kind\":\"colour\","
	    "\"code\":\"RED\",\"text\":\"red\"}"), CRM_OK);
	CHECK_INT(c->updated, 4);
	CHECK_INT(c->inserted, sizeof(fixture) / sizeof(*fixture));

	/* bad records, each with its message */
	CHECK_INT(import(imp, "{\"type\":\"price\",\"sku\":\"LUX\","
	    "\"valid_from\":\"2026-06-01\",\"valid_to\":\"2026-08-31\","
	    "\"price\":\"1.00\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: valid_from: overlaps the price from "
	    "2026-01-01 to 2026-06-30");
	CHECK_INT(import(imp, "{\"type\":\"price\",\"sku\":\"LUX\","
	    "\"valid_from\":\"2027-01-01\",\"price\":\"1.00\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: valid_from: overlaps the price from "
	    "2026-07-01 on");
	CHECK_INT(import(imp, "{\"type\":\"price\",\"sku\":\"LUX\","
	    "\"tier\":\"gold\",\"valid_from\":\"2027-01-01\","
	    "\"price\":\"-1.00\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: price: negative");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"A3\","
	    "\"list_price\":\"99999999999999999999\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: list_price: amount out of range");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"A3\","
	    "\"list_price\":\"1.234\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: list_price: more than 2 decimals");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"A3\","
	    "\"currency\":\"USD\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: currency: changes from CNY to USD without "
	    "a list_price");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"NEW\"}"),
	    CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: name: required");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"A3\","
	    "\"colours\":[\"PINK\"]}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: colours: unknown colour PINK");
	CHECK_INT(import(imp, "{\"type\":\"product\",\"sku\":\"A3\","
	    "\"colour\":\"RED\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: colour: not a field of a product");
	CHECK_INT(import(imp, "{\"type\":\"alias\",\"kind\":\"option\","
	    "\"code\":\"SEAT\",\"text\":\"真皮\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: code: unknown option SEAT");
	CHECK_INT(import(imp, "{\"type\":\"alias\",\"kind\":\"option\","
	    "\"code\":\"NAV\",\"text\":\"--\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: text: nothing to match once normalised");
	CHECK_INT(import(imp, "{\"type\":\"colour\",\"code\":\"red\","
	    "\"name\":\"x\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: code: not a code (A-Z, 0-9, '-', '_'; at "
	    "most 16)");
	CHECK_INT(import(imp, "{\"type\":\"price\",\"sku\":\"NOPE\","
	    "\"valid_from\":\"2026-01-01\",\"price\":\"1\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: sku: unknown sku NOPE");
	CHECK_INT(import(imp, "{\"type\":\"price\",\"sku\":\"A3\","
	    "\"valid_from\":\"2026-02-01\",\"valid_to\":\"2026-01-01\","
	    "\"price\":\"1\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: valid_to: before valid_from");
	CHECK_INT(import(imp, "{\"type\":\"lead\"}"), CRM_EDATA);
	CHECK_STR(err.msg, "fix:1: type: not product, colour, option, alias "
	    "or price");
	CHECK_INT(c->inserted, sizeof(fixture) / sizeof(*fixture));
	CHECK_INT(crm_db_commit(db, &err), CRM_OK);
	crm_catalog_importer_free(imp);
}

/* Match text; "SKU COLOUR OPT+OPT" or the error message. */
static const char *
match(crm_catalog *cat, const char *text)
{
	static char buf[CRM_ERR_MSG_MAX];
	crm_catalog_hit hit;
	size_t i, n;

	if (crm_catalog_match(cat, text, strlen(text), &hit, &err) != CRM_OK)
		return err.msg;
	n = (size_t)snprintf(buf, sizeof(buf), "%s %s ", hit.sku,
	    hit.colour != NULL ? hit.colour : "-");
	for (i = 0; i < hit.noptions && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? "+" : "", hit.options[i]);
	return buf;
}

static void
test_match(crm_catalog *cat)
{
	CHECK_STR(match(cat, "珍珠白 豪华版 带天窗"), "LUX PWHT ROOF");
	CHECK_STR(match(cat, "珍珠白豪华版带天窗"), "LUX PWHT ROOF");
	CHECK_STR(match(cat, "ＸＳ　豪華 珍珠白"), "LUX PWHT ");
	CHECK_STR(match(cat, "xs豪華"), "LUX - ");
	/* the longest word wins: "X5 豪华版" over "X5" */
	CHECK_STR(match(cat, "X5豪华版, 带导航 天窗 sunroof"),
	    "LUX - NAV+ROOF");
	CHECK_STR(match(cat, "Pearl White A3"), "A3 PWHT ");
	CHECK_STR(match(cat, "标准版 (red) 导航"), "STD RED NAV");
	/* Latin words match whole words only; CJK anywhere */
	CHECK_STR(match(cat, "A3 reddish"), "\"reddish\" matches nothing in "
	    "the catalog; candidates: colour RED (red)");
	CHECK_STR(match(cat, "A3red"), "\"a3red\" matches nothing in the "
	    "catalog; candidates: product A3 (A3)");
	CHECK_STR(match(cat, "A3红色"), "\"红色\" matches nothing in the "
	    "catalog; candidates: colour RED (中国红)");
	CHECK_STR(match(cat, "豪华 白"), "\"豪华白\" matches nothing in the "
	    "catalog; candidates: product LUX (豪华版)");
	CHECK_STR(match(cat, "X5 red"), "\"x5\" is ambiguous: product LUX "
	    "(X5), product STD (X5)");
	CHECK_STR(match(cat, "A3 white"), "\"white\" is ambiguous: colour "
	    "PWHT (white), colour SLV (white)");
	CHECK_STR(match(cat, "red 带天窗"), "names no product; candidates: "
	    "A3 (A3 Sedan), MAT (Floor mats)");
	CHECK_STR(match(cat, ""), "names no product; candidates: A3 (A3 "
	    "Sedan), LUX (X5 SUV 豪华版), MAT (Floor mats), STD (X5 SUV "
	    "标准版)");
	CHECK_STR(match(cat, "A3 豪华版"), "names 2 products: A3 (A3), LUX "
	    "(豪华版)");
	CHECK_STR(match(cat, "A3 red 曜石黑"), "names 2 colours: RED (red), "
	    "BLK (曜石黑)");
	CHECK_STR(match(cat, "豪华版 中国红"), "LUX does not come in colour "
	    "RED (comes in: BLK, PWHT, SLV)");
	CHECK_STR(match(cat, "标准版 带天窗"), "STD does not come in option "
	    "ROOF (comes in: NAV)");
	/* a word named twice counts once */
	CHECK_STR(match(cat, "豪华版 豪华版 sunroof 天窗"), "LUX - ROOF");
}

static void
test_match_rec(crm_catalog *cat)
{
	crm_rec *r = rec_of("{\"d\":\"珍珠白 豪华版 带天窗\",\"qty\":2}", 7);

	CHECK_INT(crm_catalog_match_rec(cat, r, "d", &err), CRM_OK);
	crm_buf_reset(&out);
	crm_rec_write_json(r, &out, &err);
	CHECK_STR(out.data, "{\"d\":\"珍珠白 豪华版 带天窗\",\"qty\":2,"
	    "\"sku\":\"LUX\",\"colour\":\"PWHT\",\"options\":[\"ROOF\"]}");
	CHECK_INT(crm_catalog_match_rec(cat, r, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "fix:7: description: required");
	crm_rec_free(r);
	r = rec_of("{\"description\":\"A3\"}", 8);
	CHECK_INT(crm_catalog_match_rec(cat, r, NULL, &err), CRM_OK);
	crm_buf_reset(&out);
	crm_rec_write_json(r, &out, &err);
	CHECK_STR(out.data, "{\"description\":\"A3\",\"sku\":\"A3\","
	    "\"colour\":null,\"options\":[]}");
	crm_rec_free(r);
	r = rec_of("{\"description\":\"X5\"}", 9);
	CHECK_INT(crm_catalog_match_rec(cat, r, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "fix:9: description: \"x5\" is ambiguous: product "
	    "LUX (X5), product STD (X5)");
	crm_rec_free(r);
}

static void
test_variant(crm_catalog *cat)
{
	const char *const opts[] = { "NAV", "ROOF" };
	const char *const bad[] = { "SEAT" };
	const crm_catalog_product *p;

	CHECK_INT(crm_catalog_product_get(cat, "LUX", &p, &err), CRM_OK);
	CHECK_STR(p->name, "X5 SUV 豪华版");
	CHECK_INT(p->list_price_minor, 22980000);
	CHECK_STR(p->currency, "CNY");
	CHECK_INT(p->ncolours, 3);
	CHECK_STR(p->colours[0], "BLK");
	CHECK_INT(p->noptions, 2);
	CHECK_INT(crm_catalog_product_get(cat, "MAT", &p, &err), CRM_OK);
	CHECK_INT(p->has_list_price, 0);
	CHECK_STR(p->currency, NULL);
	CHECK_INT(crm_catalog_product_get(cat, "X9", &p, &err), CRM_EDATA);
	CHECK_STR(err.msg, "unknown sku X9");
	CHECK_INT(crm_catalog_check_variant(cat, "LUX", "PWHT", opts, 2, &err),
	    CRM_OK);
	CHECK_INT(crm_catalog_check_variant(cat, "A3", "RED", opts, 2, &err),
	    CRM_OK);
	CHECK_INT(crm_catalog_check_variant(cat, "X9", NULL, NULL, 0, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "sku: unknown sku X9");
	CHECK_INT(crm_catalog_check_variant(cat, "LUX", "PINK", NULL, 0, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "colour: unknown colour PINK");
	CHECK_INT(crm_catalog_check_variant(cat, "LUX", "RED", NULL, 0, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "colour: LUX does not come in colour RED (comes "
	    "in: BLK, PWHT, SLV)");
	CHECK_INT(crm_catalog_check_variant(cat, "STD", NULL, opts, 2, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "options: STD does not come in option ROOF (comes "
	    "in: NAV)");
	CHECK_INT(crm_catalog_check_variant(cat, "STD", NULL, bad, 1, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "options: unknown option SEAT");
}

/* The price of sku on date for tier as "12.00 CNY source" or the
 * error. */
static const char *
price(crm_catalog *cat, const char *list, const char *sku,
    const char *tier, const char *date)
{
	static char buf[CRM_ERR_MSG_MAX];
	char amount[CRM_MONEY_BUFSZ];
	const char *currency, *source;
	int64_t minor;
	int32_t day;

	if (crm_date_parse(date, strlen(date), &day, &err) != CRM_OK)
		abort();
	if (crm_catalog_price(cat, list, sku, tier, day, &minor, &currency,
	    &source, &err) != CRM_OK)
		return err.msg;
	snprintf(buf, sizeof(buf), "%s %s %s", crm_money_format(minor, 2,
	    amount), currency, source);
	return buf;
}

static void
test_price(crm_catalog *cat)
{
	crm_rec *r;

	/* both ends of a range are in it */
	CHECK_STR(price(cat, NULL, "LUX", NULL, "2026-01-01"),
	    "229800.00 CNY list");
	CHECK_STR(price(cat, NULL, "LUX", NULL, "2026-06-30"),
	    "229800.00 CNY list");
	CHECK_STR(price(cat, NULL, "LUX", NULL, "2026-07-01"),
	    "225800.00 CNY list");
	CHECK_STR(price(cat, "standard", "LUX", "", "2030-01-01"),
	    "225800.00 CNY list");
	/* before any range: the product's list price */
	CHECK_STR(price(cat, NULL, "LUX", NULL, "2025-12-31"),
	    "229800.00 CNY catalog");
	/* a tier's own price, else the price for any tier */
	CHECK_STR(price(cat, NULL, "LUX", "gold", "2026-12-31"),
	    "219800.00 CNY tier");
	CHECK_STR(price(cat, NULL, "LUX", "gold", "2027-01-01"),
	    "225800.00 CNY list");
	CHECK_STR(price(cat, NULL, "LUX", "silver", "2026-03-01"),
	    "229800.00 CNY list");
	CHECK_STR(price(cat, "dealer", "LUX", "gold", "2026-03-01"),
	    "229800.00 CNY catalog");
	CHECK_STR(price(cat, NULL, "MAT", NULL, "2026-01-31"),
	    "10.00 USD list");
	CHECK_STR(price(cat, NULL, "MAT", NULL, "2026-02-01"),
	    "MAT has no price on 2026-02-01");
	CHECK_STR(price(cat, NULL, "X9", NULL, "2026-02-01"),
	    "unknown sku X9");
	r = rec_of("{\"sku\":\"LUX\",\"customer_tier\":\"gold\"}", 3);
	CHECK_INT(crm_catalog_price_rec(cat, NULL, r, 20500, &err), CRM_OK);
	crm_buf_reset(&out);
	crm_rec_write_json(r, &out, &err);
	CHECK_STR(out.data, "{\"sku\":\"LUX\",\"customer_tier\":\"gold\","
	    "\"price\":\"219800.00\",\"currency\":\"CNY\","
	    "\"price_source\":\"tier\"}");
	crm_rec_free(r);
	r = rec_of("{\"sku\":\"MAT\",\"date\":\"2026-05-01\"}", 4);
	CHECK_INT(crm_catalog_price_rec(cat, NULL, r, 20500, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "fix:4: sku: MAT has no price on 2026-05-01");
	crm_rec_free(r);
}

int
main(void)
{
	crm_catalog *cat = NULL;
	char path[64];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/c.db", dir);
	if (crm_db_open(&db, path, 0, &err) != CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_norm);
	RUN(test_import);
	if (crm_catalog_open(db, &cat, &err) != CRM_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return 1;
	}
	test_match(cat);
	test_match_rec(cat);
	test_variant(cat);
	test_price(cat);
	crm_catalog_free(cat);
	crm_catalog_free(NULL);
	crm_catalog_importer_free(NULL);
	crm_db_close(db);
	crm_buf_free(&out);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	DONE();
}
