/*
 * test_promo.c - promotions: the rule file and its checks, and what each
 * kind gives an order, to the cent, at the edges of every condition.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-promo-XXXXXX";
static char path[256];
static crm_err err;
static crm_promos *rules;          /* the rules of the last apply() */
static crm_promo_result *res;

/* Rule text is written with ' for " to keep it readable here. */
static crm_promos *
promos_from(const char *text)
{
	crm_promos *p = NULL;
	FILE *fp = fopen(path, "w");
	const char *c;

	for (c = text; *c != '\0'; c++)
		fputc(*c == '\'' ? '"' : *c, fp);
	fclose(fp);
	if (crm_promos_load(path, &p, &err) != CRM_OK)
		return NULL;
	return p;
}

/* The error message of loading text, with the file name cut off. */
static const char *
load_error(const char *text)
{
	crm_promos *p = promos_from(text);

	if (p != NULL) {
		crm_promos_free(p);
		return "(loaded)";
	}
	if (err.code != CRM_ECONFIG)
		return "(not CRM_ECONFIG)";
	return strncmp(err.msg, path, strlen(path)) == 0 ?
	    err.msg + strlen(path) : err.msg;
}

static int32_t
day_of(const char *s)
{
	int32_t day = 0;

	crm_date_parse(s, strlen(s), &day, NULL);
	return day;
}

/* A CNY order of a gold customer since 2025-01-01, on 2026-11-15. */
static crm_promo_order
order_of(const crm_promo_line *lines, size_t n)
{
	crm_promo_order o;

	memset(&o, 0, sizeof(o));
	o.currency = "CNY";
	o.exponent = 2;
	o.day = day_of("2026-11-15");
	o.tier = "gold";
	o.since = day_of("2025-01-01");
	o.lines = lines;
	o.nlines = n;
	return o;
}

/* What every result must satisfy: grants cost what was given, no line
 * goes below zero, the order discount is the sum of its shares. */
static void
check_adds_up(const crm_promo_order *o)
{
	int64_t costs = 0, given = 0, shares = 0, left;
	const crm_promo_free_line *f;
	size_t i;

	for (i = 0; i < crm_promo_result_grant_count(res); i++) {
		CHECK(crm_promo_result_grant_at(res, i)->cost > 0);
		costs += crm_promo_result_grant_at(res, i)->cost;
	}
	for (i = 0; i < o->nlines; i++) {
		given += crm_promo_result_line_discount(res, i);
		shares += crm_promo_result_order_share(res, i);
		if (o->lines[i].qty <= 0)
			continue;
		/* A line discounted over its amount already gets nothing. */
		left = o->lines[i].qty * o->lines[i].unit -
		    o->lines[i].discount;
		if (left < 0)
			left = 0;
		left -= crm_promo_result_line_discount(res, i) +
		    crm_promo_result_order_share(res, i);
		CHECK(left >= 0);
	}
	for (i = 0; i < crm_promo_result_free_count(res); i++) {
		f = crm_promo_result_free_at(res, i);
		CHECK_INT(f->discount, f->qty * f->unit);
		given += f->discount;
	}
	CHECK_INT(shares, crm_promo_result_order_discount(res));
	CHECK_INT(costs, given + crm_promo_result_order_discount(res));
}

/* Apply rule text to o; the rules stay loaded until the next apply, as
 * the result borrows from them. */
static int
apply(const char *text, const crm_promo_order *o)
{
	int rc;

	crm_promos_free(rules);
	if ((rules = promos_from(text)) == NULL) {
		T_FAIL("rules do not load: %s", err.msg);
		return -1;
	}
	rc = crm_promos_apply(rules, o, res, &err);
	if (rc == CRM_OK)
		check_adds_up(o);
	return rc;
}

static const crm_promo_grant *
grant(size_t i)
{
	static const crm_promo_grant none = { "(none)", "", "", 0, 0, "" };
	const crm_promo_grant *g = crm_promo_result_grant_at(res, i);

	return g != NULL ? g : &none;
}

#define GRANTS() crm_promo_result_grant_count(res)
#define FREES() crm_promo_result_free_count(res)
#define LINE_OFF(i) crm_promo_result_line_discount(res, i)
#define SHARE(i) crm_promo_result_order_share(res, i)

static const char mats_3_1[] = "{'promotions':[{'id':'M3','name':'Mats "
	"3+1','kind':'buy_get','conditions':{'skus':['MAT']},'buy':3,"
	"'get':1}]}";

static void
test_buy_get(void)
{
	crm_promo_line l[2] = { { "MAT", "accessory", 7, 39950, 0 },
		{ "MAT", "accessory", 3, 39950, 0 } };
	crm_promo_order o = order_of(l, 1);
	const crm_promo_free_line *f;

	/* 7 bought: two full threes, two free at 399.50. */
	CHECK_INT(apply(mats_3_1, &o), CRM_OK);
	CHECK_INT(FREES(), 1);
	f = crm_promo_result_free_at(res, 0);
	CHECK(f != NULL && strcmp(f->sku, "MAT") == 0 && f->qty == 2 &&
	    f->unit == 39950 && f->discount == 79900 &&
	    strcmp(f->promo_id, "M3") == 0);
	CHECK(crm_promo_result_free_at(res, 1) == NULL);
	CHECK_INT(LINE_OFF(0), 0);
	CHECK_INT(GRANTS(), 1);
	CHECK_STR(grant(0)->promo_id, "M3");
	CHECK_STR(grant(0)->name, "Mats 3+1");
	CHECK_STR(grant(0)->kind, "buy_get");
	CHECK_INT(grant(0)->cost, 79900);
	CHECK_INT(grant(0)->revenue, 279650);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"buy_get\",\"bought\":7,"
	    "\"free_sku\":\"MAT\",\"free_qty\":2,\"unit\":\"399.50\","
	    "\"lines\":[1]}");
	l[0].qty = 6;
	CHECK_INT(apply(mats_3_1, &o), CRM_OK);
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 2);
	l[0].qty = 5;
	CHECK_INT(apply(mats_3_1, &o), CRM_OK);
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 1);
	l[0].qty = 2;
	CHECK_INT(apply(mats_3_1, &o), CRM_OK);
	CHECK_INT(FREES(), 0);
	CHECK_INT(GRANTS(), 0);
	/* Units of two lines count together: 4 + 3. */
	l[0].qty = 4;
	o.nlines = 2;
	CHECK_INT(apply(mats_3_1, &o), CRM_OK);
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 2);
	CHECK_HAS(grant(0)->detail, "\"lines\":[1,2]}");
	/* once: one free set however many are bought. */
	l[0].qty = 7;
	o.nlines = 1;
	CHECK_INT(apply("{'promotions':[{'id':'M3','name':'Mats 3+1 once',"
	    "'kind':'buy_get','conditions':{'skus':['MAT']},'buy':3,'get':1,"
	    "'once':true}]}", &o), CRM_OK);
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 1);
	CHECK_INT(grant(0)->cost, 39950);
}

static int price_calls;

static int
mat_price(void *ctx, const char *sku, int64_t *unit, int *found,
    crm_err *e)
{
	(void)ctx;
	(void)e;
	price_calls++;
	*found = strcmp(sku, "MAT") == 0;
	*unit = 39950;
	return CRM_OK;
}

static void
test_buy_get_other_sku(void)
{
	static const char car_mats[] = "{'promotions':[{'id':'CAR-MATS',"
	    "'name':'Mats with a car','kind':'buy_get','conditions':"
	    "{'categories':['vehicle']},'buy':1,'get':2,'free_sku':'MAT'}]}";
	crm_promo_line l[2] = { { "A3", "vehicle", 2, 12880000, 0 },
		{ "MAT", "accessory", 1, 40000, 0 } };
	crm_promo_order o = order_of(l, 1);

	/* Not on the order and no price list: no free line. */
	CHECK_INT(apply(car_mats, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	o.price = mat_price;
	price_calls = 0;
	CHECK_INT(apply(car_mats, &o), CRM_OK);
	CHECK_INT(price_calls, 1);
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 4);
	CHECK_INT(crm_promo_result_free_at(res, 0)->unit, 39950);
	CHECK_INT(grant(0)->cost, 159800);
	CHECK_INT(grant(0)->revenue, 25760000);
	/* On the order: its price, no question asked. */
	o.nlines = 2;
	price_calls = 0;
	CHECK_INT(apply(car_mats, &o), CRM_OK);
	CHECK_INT(price_calls, 0);
	CHECK_INT(crm_promo_result_free_at(res, 0)->unit, 40000);
	CHECK_INT(grant(0)->cost, 160000);
	/* The price list has no price: nothing. */
	o.nlines = 1;
	CHECK_INT(apply("{'promotions':[{'id':'CAR-CAP','name':'Cap','kind':"
	    "'buy_get','buy':1,'get':1,'free_sku':'CAP'}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
}

static const char lux_mats[] = "{'promotions':[{'id':'LUX-MATS','name':"
	"'Lux and two mats','kind':'bundle','currency':'CNY','items':[{'sku':"
	"'LUX','qty':1},{'sku':'MAT','qty':2}],'amount':'799.00'}]}";

static void
test_bundle(void)
{
	crm_promo_line l[3] = { { "LUX", "vehicle", 1, 22980000, 0 },
		{ "MAT", "accessory", 1, 39950, 0 },
		{ "MAT", "accessory", 1, 39950, 0 } };
	crm_promo_order o = order_of(l, 2);

	/* One mat short of a bundle. */
	CHECK_INT(apply(lux_mats, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	CHECK_INT(LINE_OFF(0), 0);
	/* Two lines of one mat each make up the pair: 799.00 spread by
	 * value, 229800.00 : 399.50 : 399.50. */
	o.nlines = 3;
	CHECK_INT(apply(lux_mats, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	CHECK_INT(LINE_OFF(0), 79623);
	CHECK_INT(LINE_OFF(1), 139);
	CHECK_INT(LINE_OFF(2), 138);
	CHECK_INT(grant(0)->cost, 79900);
	CHECK_INT(grant(0)->revenue, 22980000 + 79900 - 79900);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"bundle\",\"bundles\":1,"
	    "\"amount_each\":\"799.00\",\"lines\":[1,2,3]}");
	/* Two complete bundles of 2 cars and 5 mats: 1598.00, the fifth
	 * mat in none. */
	l[0].qty = 2;
	l[1].qty = 5;
	o.nlines = 2;
	CHECK_INT(apply(lux_mats, &o), CRM_OK);
	CHECK_INT(LINE_OFF(0), 159246);
	CHECK_INT(LINE_OFF(1), 554);
	CHECK_INT(grant(0)->cost, 159800);
	CHECK_HAS(grant(0)->detail, "\"bundles\":2,");
	/* A third car makes no third bundle: each mat counts once. */
	l[0].qty = 3;
	CHECK_INT(apply(lux_mats, &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 159800);
	/* 10% off one bundle of 1 car and 2 of 3 mats: 10% of 230599.00. */
	l[0].qty = 1;
	l[1].qty = 3;
	CHECK_INT(apply("{'promotions':[{'id':'LUX-MATS-10','name':'10%',"
	    "'kind':'bundle','items':[{'sku':'LUX'},{'sku':'MAT','qty':2}],"
	    "'percent':10}]}", &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 2305990);
	CHECK_INT(LINE_OFF(0), 2298000);
	CHECK_INT(LINE_OFF(1), 7990);
	CHECK_INT(grant(0)->revenue, 22980000 + 3 * 39950 - 2305990);
	/* An amount off larger than the bundle gives the bundle away. */
	l[0].qty = 1;
	l[0].unit = 10000;
	l[1].qty = 2;
	l[1].unit = 100;
	CHECK_INT(apply(lux_mats, &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 10200);
	CHECK_INT(LINE_OFF(0), 10000);
	CHECK_INT(LINE_OFF(1), 200);
}

static const char vehicle_tiers[] = "{'promotions':[{'id':'FLEET','name':"
	"'Fleet','kind':'tiered','conditions':{'categories':['vehicle']},"
	"'thresholds':[{'min_qty':5,'percent':'2'},{'min_qty':10,"
	"'percent':'3.5'}]}]}";

static void
test_tiered(void)
{
	crm_promo_line l[3] = { { "STD", "vehicle", 6, 18980000, 0 },
		{ "A3", "vehicle", 4, 12880000, 0 },
		{ "MAT", "accessory", 3, 39950, 0 } };
	crm_promo_order o = order_of(l, 3);
	static const char by_amount[] = "{'promotions':[{'id':'T','name':"
	    "'T','kind':'tiered','currency':'CNY','thresholds':[{"
	    "'min_amount':'1000.00','percent':5},{'min_amount':'2000.00',"
	    "'percent':10}]}]}";

	/* Exactly 10 vehicles: 3.5% of 1654000.00, the mats untouched. */
	CHECK_INT(apply(vehicle_tiers, &o), CRM_OK);
	CHECK_INT(LINE_OFF(0), 3985800);
	CHECK_INT(LINE_OFF(1), 1803200);
	CHECK_INT(LINE_OFF(2), 0);
	CHECK_INT(grant(0)->cost, 5789000);
	CHECK_INT(grant(0)->revenue, 165400000 - 5789000);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"tiered\",\"min_qty\":10,"
	    "\"percent\":\"3.5\",\"lines\":[1,2]}");
	/* 9: the tier below, 2% of 1464200.00. */
	l[0].qty = 5;
	CHECK_INT(apply(vehicle_tiers, &o), CRM_OK);
	CHECK_INT(LINE_OFF(0), 1898000);
	CHECK_INT(LINE_OFF(1), 1030400);
	CHECK_HAS(grant(0)->detail, "\"min_qty\":5,\"percent\":\"2\"");
	/* 4: no tier. */
	l[0].qty = 0;
	CHECK_INT(apply(vehicle_tiers, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	/* By amount: 2000.00 exactly is the upper tier, 1999.99 not. */
	l[0].qty = 1;
	l[0].unit = 150000;
	l[1].qty = 1;
	l[1].unit = 50000;
	o.nlines = 2;
	CHECK_INT(apply(by_amount, &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 20000);
	CHECK_HAS(grant(0)->detail, "\"min_amount\":\"2000.00\"");
	l[1].unit = 49999;
	CHECK_INT(apply(by_amount, &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 10000);
	CHECK_INT(LINE_OFF(0), 7500);
	CHECK_INT(LINE_OFF(1), 2500);
	/* A line's own discount counts: the net is what reaches a tier. */
	l[1].unit = 50000;
	l[1].discount = 1;
	CHECK_INT(apply(by_amount, &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 10000);
}

static void
test_rounding(void)
{
	crm_promo_line l[3] = { { "A", NULL, 1, 99, 0 },
		{ "B", NULL, 1, 99, 0 }, { "C", NULL, 1, 99, 0 } };
	crm_promo_order o = order_of(l, 3);

	/* 50% of 2.97 is 1.485: 1.49, spread 0.50 + 0.50 + 0.49. */
	CHECK_INT(apply("{'promotions':[{'id':'HALF','name':'Half','kind':"
	    "'tiered','thresholds':[{'min_qty':1,'percent':50}]}]}", &o),
	    CRM_OK);
	CHECK_INT(grant(0)->cost, 149);
	CHECK_INT(LINE_OFF(0), 50);
	CHECK_INT(LINE_OFF(1), 50);
	CHECK_INT(LINE_OFF(2), 49);
	/* 12.5% of 0.04 is 0.005: half away from zero, 0.01. */
	l[0].unit = 4;
	o.nlines = 1;
	CHECK_INT(apply("{'promotions':[{'id':'EIGHTH','name':'1/8','kind':"
	    "'order_discount','percent':'12.5'}]}", &o), CRM_OK);
	CHECK_INT(crm_promo_result_order_discount(res), 1);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"order_discount\","
	    "\"percent\":\"12.5\",\"base\":\"0.04\"}");
	/* 12.5% of 0.03 is 0.00375: nothing, and nothing granted. */
	l[0].unit = 3;
	CHECK_INT(apply("{'promotions':[{'id':'EIGHTH','name':'1/8','kind':"
	    "'order_discount','percent':'12.5'}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
}

static const char five_over_1000[] = "{'promotions':[{'id':'O5','name':"
	"'5% over 1000','kind':'order_discount','currency':'CNY',"
	"'conditions':{'min_amount':'1000.00'},'percent':5}]}";

static void
test_order_discount(void)
{
	crm_promo_line l[2] = { { "A", NULL, 1, 60000, 0 },
		{ "B", NULL, 2, 20000, 0 } };
	crm_promo_order o = order_of(l, 2);

	/* At the minimum exactly: 50.00, shared 30.00 and 20.00. */
	CHECK_INT(apply(five_over_1000, &o), CRM_OK);
	CHECK_INT(crm_promo_result_order_discount(res), 5000);
	CHECK_INT(SHARE(0), 3000);
	CHECK_INT(SHARE(1), 2000);
	CHECK_INT(LINE_OFF(0), 0);
	CHECK_INT(grant(0)->cost, 5000);
	CHECK_INT(grant(0)->revenue, 95000);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"order_discount\","
	    "\"percent\":\"5\",\"base\":\"1000.00\"}");
	/* A cent short. */
	l[1].discount = 1;
	CHECK_INT(apply(five_over_1000, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	CHECK_INT(crm_promo_result_order_discount(res), 0);
	/* A fixed amount, and one larger than the order. */
	l[1].discount = 0;
	CHECK_INT(apply("{'promotions':[{'id':'O50','name':'50 off','kind':"
	    "'order_discount','currency':'CNY','amount':'50.01'}]}", &o),
	    CRM_OK);
	CHECK_INT(SHARE(0), 3001);
	CHECK_INT(SHARE(1), 2000);
	CHECK_HAS(grant(0)->detail, "\"amount\":\"50.01\"");
	CHECK_INT(apply("{'promotions':[{'id':'ALL','name':'all off','kind':"
	    "'order_discount','currency':'CNY','amount':'5000'}]}", &o),
	    CRM_OK);
	CHECK_INT(crm_promo_result_order_discount(res), 100000);
	CHECK_INT(grant(0)->revenue, 0);
	/* Line promotions first, whatever the file order: 10% off the
	 * lines, then 5% of the 900.00 left. */
	CHECK_INT(apply("{'promotions':[{'id':'O5','name':'5%','kind':"
	    "'order_discount','percent':5},{'id':'T10','name':'10%','kind':"
	    "'tiered','thresholds':[{'min_qty':1,'percent':10}]}]}", &o),
	    CRM_OK);
	CHECK_INT(GRANTS(), 2);
	CHECK_STR(grant(0)->promo_id, "T10");
	CHECK_INT(grant(0)->cost, 10000);
	CHECK_STR(grant(1)->promo_id, "O5");
	CHECK_INT(grant(1)->cost, 4500);
	CHECK_INT(LINE_OFF(0) + SHARE(0), 6000 + 2700);
	CHECK_INT(LINE_OFF(1) + SHARE(1), 4000 + 1800);
}

static void
test_stacking(void)
{
	crm_promo_line l[2] = { { "CAR", "vehicle", 1, 100000, 0 },
		{ "MAT", "accessory", 1, 10000, 0 } };
	crm_promo_order o = order_of(l, 2);
	static const char stacked[] = "{'promotions':["
	    "{'id':'V10','name':'v','kind':'tiered','conditions':{"
	    "'categories':['vehicle']},'thresholds':[{'min_qty':1,"
	    "'percent':10}]},"
	    "{'id':'ALL10','name':'a','kind':'tiered','thresholds':[{"
	    "'min_qty':1,'percent':10}]},"
	    "{'id':'O5','name':'o','kind':'order_discount','percent':5}]}";
	char exclusive[sizeof(stacked) + 32];
	const char *cut = strstr(stacked, "'thresholds'");

	/* Each on what the one before left: 100.00, then 10% of 900.00 +
	 * 100.00, then 5% of what is left. */
	CHECK_INT(apply(stacked, &o), CRM_OK);
	CHECK_INT(GRANTS(), 3);
	CHECK_INT(LINE_OFF(0), 10000 + 9000);
	CHECK_INT(LINE_OFF(1), 1000);
	CHECK_INT(SHARE(0), 4050);
	CHECK_INT(SHARE(1), 450);
	CHECK_INT(grant(1)->revenue, 81000 + 9000);
	/* The first exclusive: the car is its own. */
	snprintf(exclusive, sizeof(exclusive), "%.*s'exclusive':true,%s",
	    (int)(cut - stacked), stacked, cut);
	CHECK_INT(apply(exclusive, &o), CRM_OK);
	CHECK_INT(GRANTS(), 3);
	CHECK_INT(LINE_OFF(0), 10000);
	CHECK_INT(LINE_OFF(1), 1000);
	CHECK_INT(SHARE(0), 0);
	CHECK_INT(SHARE(1), 450);
	CHECK_INT(grant(1)->cost, 1000);
	CHECK_STR(grant(1)->detail, "{\"kind\":\"tiered\",\"min_qty\":1,"
	    "\"percent\":\"10\",\"lines\":[2]}");
	/* No lines left for the others at all. */
	l[1].category = "vehicle";
	CHECK_INT(apply(exclusive, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	CHECK_INT(crm_promo_result_order_discount(res), 0);
}

static void
test_date_window(void)
{
	crm_promo_line l[1] = { { "CAR", NULL, 1, 100000, 0 } };
	crm_promo_order o = order_of(l, 1);
	static const char november[] = "{'promotions':[{'id':'NOV','name':"
	    "'November','kind':'order_discount','percent':1,'conditions':{"
	    "'from':'2026-11-01','to':'2026-11-30'}}]}";

	o.day = day_of("2026-10-31");
	CHECK_INT(apply(november, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	o.day = day_of("2026-11-01");
	CHECK_INT(apply(november, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	o.day = day_of("2026-11-30");
	CHECK_INT(apply(november, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	o.day = day_of("2026-12-01");
	CHECK_INT(apply(november, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	/* Open at one end. */
	CHECK_INT(apply("{'promotions':[{'id':'LATER','name':'l','kind':"
	    "'order_discount','percent':1,'conditions':{'from':'2026-12-01'"
	    "}}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	CHECK_INT(apply("{'promotions':[{'id':'UNTIL','name':'u','kind':"
	    "'order_discount','percent':1,'conditions':{'to':'2026-11-30'"
	    "}}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
}

static void
test_customer(void)
{
	crm_promo_line l[1] = { { "CAR", NULL, 1, 100000, 0 } };
	crm_promo_order o = order_of(l, 1);
	static const char gold[] = "{'promotions':[{'id':'G','name':'g',"
	    "'kind':'order_discount','percent':1,'conditions':{"
	    "'customer_tiers':['gold','platinum']}}]}";
	static const char year[] = "{'promotions':[{'id':'Y','name':'y',"
	    "'kind':'order_discount','percent':1,'conditions':{"
	    "'min_tenure_days':365}}]}";

	CHECK_INT(apply(gold, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	o.tier = "silver";
	CHECK_INT(apply(gold, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	o.tier = "Gold";
	CHECK_INT(apply(gold, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	o.tier = NULL;
	CHECK_INT(apply(gold, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	/* A customer of 365 days has the tenure, of 364 not. */
	o.since = o.day - 365;
	CHECK_INT(apply(year, &o), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	o.since = o.day - 364;
	CHECK_INT(apply(year, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	o.since = CRM_PROMO_SINCE_UNKNOWN;
	CHECK_INT(apply(year, &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	/* A minimum quantity of the named skus. */
	o.nlines = 1;
	CHECK_INT(apply("{'promotions':[{'id':'Q','name':'q','kind':"
	    "'order_discount','percent':1,'conditions':{'skus':['CAR'],"
	    "'min_qty':2}}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
}

static void
test_currency(void)
{
	crm_promo_line l[1] = { { "CAR", NULL, 3, 1000, 0 } };
	crm_promo_order o = order_of(l, 1);

	CHECK_INT(apply("{'promotions':[{'id':'USD','name':'u','kind':"
	    "'order_discount','currency':'USD','amount':'5.00'}]}", &o),
	    CRM_OK);
	CHECK_INT(GRANTS(), 0);
	CHECK_INT(apply("{'promotions':[{'id':'USD','name':'u','kind':"
	    "'order_discount','currency':'USD','percent':5}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	/* A percent without a currency fits any: 5% of 3000 yen. */
	o.currency = "JPY";
	o.exponent = 0;
	CHECK_INT(apply("{'promotions':[{'id':'ANY','name':'a','kind':"
	    "'order_discount','percent':5}]}", &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 150);
	CHECK_STR(grant(0)->detail, "{\"kind\":\"order_discount\","
	    "\"percent\":\"5\",\"base\":\"3000\"}");
}

static int asked;

/* The purchase had B before; Z is a database that is busy. */
static int
granted_before(void *ctx, const char *id, int *already, crm_err *e)
{
	(void)ctx;
	asked++;
	if (strcmp(id, "Z") == 0)
		return crm_err_set(e, CRM_EBUSY, "database is busy");
	*already = strcmp(id, "B") == 0;
	return CRM_OK;
}

static void
test_granted_before(void)
{
	crm_promo_line l[1] = { { "CAR", NULL, 1, 100000, 0 } };
	crm_promo_order o = order_of(l, 1);
	static const char abc[] = "{'promotions':["
	    "{'id':'A','name':'a','kind':'order_discount','percent':1},"
	    "{'id':'B','name':'b','kind':'order_discount','percent':1,"
	    "'exclusive':true},"
	    "{'id':'N','name':'n','kind':'order_discount','percent':1,"
	    "'conditions':{'skus':['NONE']}},"
	    "{'id':'C','name':'c','kind':'order_discount','percent':1}]}";

	o.granted = granted_before;
	asked = 0;
	CHECK_INT(apply(abc, &o), CRM_OK);
	/* N gives nothing and is not asked about. */
	CHECK_INT(asked, 3);
	CHECK_INT(GRANTS(), 2);
	CHECK_STR(grant(0)->promo_id, "A");
	CHECK_STR(grant(1)->promo_id, "C");
	CHECK_INT(crm_promo_result_order_discount(res), 1000 + 990);
	CHECK_INT(apply("{'promotions':[{'id':'A','name':'a','kind':"
	    "'order_discount','percent':1},{'id':'Z','name':'z','kind':"
	    "'order_discount','percent':1}]}", &o), CRM_EBUSY);
	CHECK_STR(err.msg, "database is busy");
	CHECK_INT(GRANTS(), 0);
	CHECK_INT(crm_promo_result_order_discount(res), 0);
}

static void
test_lines_left_out(void)
{
	crm_promo_line l[4] = { { "CAR", NULL, 0, 100000, 0 },
		{ "CAR", NULL, -1, 100000, 0 },
		{ "CAR", NULL, 1, 100000, 200000 },
		{ "CAR", NULL, 1, 100000, 100000 } };
	crm_promo_order o = order_of(l, 4);

	/* None has anything left to discount: no quantity, a return, a
	 * discount over the amount, a line given away already. */
	CHECK_INT(apply("{'promotions':[{'id':'ALL','name':'a','kind':"
	    "'order_discount','percent':50}]}", &o), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	CHECK_INT(SHARE(2), 0);
	CHECK(crm_promo_result_grant_at(res, 0) == NULL);
	CHECK_INT(crm_promo_result_line_discount(res, 4), 0);
	CHECK_INT(crm_promo_result_order_share(res, 4), 0);
}

static void
test_overflow(void)
{
	crm_promo_line l[2] = { { "CAR", NULL, INT64_MAX / 2, 3, 0 },
		{ "CAR", NULL, 1, 1, 0 } };
	crm_promo_order o = order_of(l, 2);

	CHECK_INT(apply("{'promotions':[]}", &o), CRM_EDATA);
	CHECK_STR(err.msg, "line 1: amount out of range");
	/* Two lines that fit but not together. */
	l[0].qty = 1;
	l[0].unit = INT64_MAX / 2 + 1;
	l[1].unit = INT64_MAX / 2 + 1;
	CHECK_INT(apply("{'promotions':[{'id':'T','name':'t','kind':"
	    "'tiered','thresholds':[{'min_qty':1,'percent':1}]}]}", &o),
	    CRM_EDATA);
	CHECK_STR(err.msg, "promotion T: amount out of range");
	CHECK_INT(GRANTS(), 0);
	/* Free units worth more than there is. */
	l[0].qty = INT64_MAX / 4;
	l[0].unit = 1;
	o.nlines = 1;
	CHECK_INT(apply("{'promotions':[{'id':'BIG','name':'b','kind':"
	    "'buy_get','buy':1,'get':1000000,'free_sku':'CAR'}]}", &o),
	    CRM_EDATA);
	CHECK_STR(err.msg, "promotion BIG: amount out of range");
	/* Huge but whole: 99% of 92233720368547758.07 is exact. */
	l[0].qty = 1;
	l[0].unit = INT64_MAX;
	CHECK_INT(apply("{'promotions':[{'id':'P99','name':'p','kind':"
	    "'order_discount','percent':99}]}", &o), CRM_OK);
	CHECK_INT(grant(0)->cost, 9131138316486228049LL);
}

static void
test_default_file(void)
{
	crm_promos *p = NULL;
	crm_promo_line l[2] = { { "ACC-MAT-01", "accessory", 7, 39950, 0 },
		{ "SUV-X5-LUX", "vehicle", 1, 22980000, 0 } };
	crm_promo_order o = order_of(l, 1);

	CHECK_INT(crm_promos_load("share/crm/promotions.json", &p, &err),
	    CRM_OK);
	if (p == NULL)
		return;
	CHECK_INT(crm_promos_count(p), 5);
	CHECK_INT(crm_promos_apply(p, &o, res, &err), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	CHECK_STR(grant(0)->promo_id, "MATS-3-GET-1");
	CHECK_INT(crm_promo_result_free_at(res, 0)->qty, 2);
	/* December: the mats go with the car instead. */
	o.day = day_of("2026-12-05");
	o.nlines = 2;
	CHECK_INT(crm_promos_apply(p, &o, res, &err), CRM_OK);
	CHECK_INT(GRANTS(), 1);
	CHECK_STR(grant(0)->promo_id, "X5-LUX-MATS");
	CHECK_INT(grant(0)->cost, 79900);
	/* Nothing outside 2026. */
	o.day = day_of("2027-01-01");
	CHECK_INT(crm_promos_apply(p, &o, res, &err), CRM_OK);
	CHECK_INT(GRANTS(), 0);
	crm_promos_free(p);
	crm_promos_free(NULL);
	crm_promo_result_free(NULL);
}

#define P(body) "{'promotions':[{'id':'P','name':'p'," body "}]}"

static void
test_rule_errors(void)
{
	CHECK_STR(load_error("{'promotions':[]}"), "(loaded)");
	CHECK_STR(load_error("{'promos':[]}"), ":1: unknown member "
	    "\"promos\"");
	CHECK_STR(load_error("{'promotions':{}}"), ":1: promotions: a list "
	    "of at most 1000 promotions");
	CHECK_STR(load_error("{'promotions':[1]}"), ":1: promotions[0]: a "
	    "promotion is an object");
	CHECK_STR(load_error(P("'kind':'coupon','percent':5")),
	    ":1: promotions[0].kind: one of buy_get, bundle, tiered, "
	    "order_discount");
	CHECK_STR(load_error("{'promotions':[{'id':'p','name':'p','kind':"
	    "'order_discount','percent':5},{'id':'P','name':'q','kind':"
	    "'order_discount','percent':5}]}"),
	    ":1: promotions[1].id: \"P\" again (promotions[0])");
	CHECK_STR(load_error(P("'kind':'order_discount','currency':'CNY',"
	    "'amount':'12.345'")), ":1: promotions[0].amount: more than 2 "
	    "decimals");
	CHECK_STR(load_error(P("'kind':'order_discount','currency':'CNY',"
	    "'amount':'12,50'")), ":1: promotions[0].amount: not a decimal "
	    "amount");
	CHECK_STR(load_error(P("'kind':'order_discount','currency':'CNY',"
	    "'amount':12.5")), ":1: promotions[0].amount: a decimal string "
	    "such as \"12.50\"");
	CHECK_STR(load_error(P("'kind':'order_discount','currency':'CNY',"
	    "'amount':'0.00'")), ":1: promotions[0].amount: more than zero");
	CHECK_STR(load_error(P("'kind':'order_discount','amount':'5'")),
	    ":1: promotions[0].amount: needs the promotion's currency");
	CHECK_STR(load_error(P("'kind':'order_discount','currency':'EURO',"
	    "'percent':5")), ":1: promotions[0].currency: not an ISO 4217 "
	    "code");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':'100.5'")),
	    ":1: promotions[0].percent: more than 0 and at most 100");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'amount':'5'")), ":1: promotions[0]: either percent or amount");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'conditions':{'from':'2026-12-01','to':'2026-11-30'}")),
	    ":1: promotions[0].conditions: from 2026-12-01 is after to "
	    "2026-11-30");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'conditions':{'from':'2026-02-30'}")),
	    ":1: promotions[0].conditions.from: no such date");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'colour':'red'")), ":1: promotions[0]: unknown member "
	    "\"colour\"");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'buy':3")), ":1: promotions[0]: unknown member \"buy\"");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'conditions':{'region':'East'}")), ":1: promotions[0]."
	    "conditions: unknown member \"region\"");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'exclusive':1")), ":1: promotions[0].exclusive: not true or "
	    "false");
	CHECK_STR(load_error("{'promotions':[{'id':'a b','name':'p','kind':"
	    "'order_discount','percent':5}]}"), ":1: promotions[0].id: 1 to "
	    "64 letters, digits, '_', '-' or '.'");
	CHECK_STR(load_error("{'promotions':[{'name':'p','kind':"
	    "'order_discount','percent':5}]}"), ":1: promotions[0].id: "
	    "missing");
	CHECK_STR(load_error(P("'kind':'buy_get','buy':3,'get':1,"
	    "'conditions':{'categories':['vehicle']}")), ":1: promotions[0]."
	    "free_sku: required unless conditions.skus names one sku and "
	    "there are no categories");
	CHECK_STR(load_error(P("'kind':'buy_get','buy':0,'get':1,"
	    "'free_sku':'X'")), ":1: promotions[0].buy: not a whole number "
	    "from 1 to 1000000");
	CHECK_STR(load_error(P("'kind':'bundle','percent':5,'items':[{'sku':"
	    "'A'},{'sku':'A','qty':2}]")), ":1: promotions[0].items[1].sku: "
	    "A is items[0] already");
	CHECK_STR(load_error(P("'kind':'bundle','percent':5,'items':[]")),
	    ":1: promotions[0].items: a list of 1 to 50 items");
	CHECK_STR(load_error(P("'kind':'bundle','percent':5,'items':[{'sku':"
	    "'A'}],'conditions':{'skus':['A']}")), ":1: promotions[0]."
	    "conditions.skus: a bundle's lines are its items");
	CHECK_STR(load_error(P("'kind':'tiered','thresholds':[{'min_qty':5,"
	    "'percent':2},{'min_qty':5,'percent':3}]")), ":1: promotions[0]."
	    "thresholds[1].min_qty: not above the threshold before");
	CHECK_STR(load_error(P("'kind':'tiered','currency':'CNY',"
	    "'thresholds':[{'min_qty':5,'percent':2},{'min_amount':'5',"
	    "'percent':3}]")), ":1: promotions[0].thresholds[1]: min_qty, as "
	    "in thresholds[0]");
	CHECK_STR(load_error(P("'kind':'tiered','thresholds':[{'min_qty':5}"
	    "]")), ":1: promotions[0].thresholds[0].percent: missing");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'conditions':{'customer_tiers':[]}")), ":1: promotions[0]."
	    "conditions.customer_tiers: a list of 1 to 1000 strings");
	CHECK_STR(load_error(P("'kind':'order_discount','percent':5,"
	    "'conditions':{'min_amount':'10'}")), ":1: promotions[0]."
	    "conditions.min_amount: needs the promotion's currency");
	/* The line of the place. */
	CHECK_STR(load_error("{'promotions': [\n  {'id': 'P', 'name': 'p',\n"
	    "   'kind': 'tiered',\n   'thresholds': [{'min_qty': 5,\n"
	    "     'percent': 'ten'}]}\n]}\n"),
	    ":5: promotions[0].thresholds[0].percent: not a decimal amount");
	CHECK_STR(load_error("{'promotions': [,]}"),
	    ":1:17: unexpected token near ','");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL || crm_promo_result_new(&res, &err) !=
	    CRM_OK)
		return 1;
	snprintf(path, sizeof(path), "%s/promotions.json", dir);
	RUN(test_buy_get);
	RUN(test_buy_get_other_sku);
	RUN(test_bundle);
	RUN(test_tiered);
	RUN(test_rounding);
	RUN(test_order_discount);
	RUN(test_stacking);
	RUN(test_date_window);
	RUN(test_customer);
	RUN(test_currency);
	RUN(test_granted_before);
	RUN(test_lines_left_out);
	RUN(test_overflow);
	RUN(test_default_file);
	RUN(test_rule_errors);
	crm_promos_free(rules);
	crm_promo_result_free(res);
	remove(path);
	rmdir(dir);
	DONE();
}
