/*
 * fuzz_promo_rules.c - promotion rule files: any bytes either load (and
 * then, applied to a few orders, give results that add up: the grants'
 * costs are the line discounts plus the free lines' value, no line is
 * discounted below zero, no promotion is granted twice) or fail with
 * CRM_ECONFIG and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
price_of(void *ctx, const char *sku, int64_t *unit, int *found,
    crm_err *err)
{
	(void)ctx;
	(void)err;
	*found = strcmp(sku, "KIT") == 0 || strcmp(sku, "A") == 0;
	*unit = 1999;
	return CRM_OK;
}

static int
granted_none(void *ctx, const char *promo_id, int *already, crm_err *err)
{
	(void)ctx;
	(void)err;
	*already = strcmp(promo_id, "DONE") == 0;
	return CRM_OK;
}

static void
check(const crm_promos *promos, const crm_promo_order *o,
    crm_promo_result *res)
{
	int64_t costs = 0, given = 0, gross;
	const crm_promo_free_line *f;
	const crm_promo_grant *g, *h;
	size_t i, k;
	crm_err err;
	int rc;

	rc = crm_promos_apply(promos, o, res, &err);
	if (rc == CRM_EDATA) {
		if (err.msg[0] == '\0')
			abort();
		return;
	}
	if (rc != CRM_OK)
		abort();
	for (i = 0; i < o->nlines; i++) {
		int64_t d = crm_promo_result_line_discount(res, i) +
		    crm_promo_result_order_share(res, i);

		gross = o->lines[i].qty * o->lines[i].unit;
		if (d < 0 || (o->lines[i].qty > 0 &&
		    d + o->lines[i].discount > gross))
			abort();
		given += d;
	}
	if (crm_promo_result_free_count(res) > crm_promos_count(promos))
		abort();
	for (i = 0; i < crm_promo_result_free_count(res); i++) {
		f = crm_promo_result_free_at(res, i);
		if (f->qty <= 0 || f->discount != f->qty * f->unit)
			abort();
		given += f->discount;
	}
	for (i = 0; i < crm_promo_result_grant_count(res); i++) {
		g = crm_promo_result_grant_at(res, i);
		if (g->cost <= 0 || strcmp(g->promo_id, "DONE") == 0)
			abort();
		for (k = 0; k < i; k++) {
			h = crm_promo_result_grant_at(res, k);
			if (strcmp(g->promo_id, h->promo_id) == 0)
				abort();
		}
		costs += g->cost;
	}
	if (costs != given)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_promo_line lines[4] = {
		{ "A", "vehicle", 6, 22980000, 0 },
		{ "B", "accessory", 7, 39950, 100 },
		{ "C", NULL, 1, 0, 0 },
		{ "A", "vehicle", -1, 22980000, 0 },
	};
	crm_promo_order o;
	crm_promos *promos;
	crm_promo_result *res;
	crm_err err;
	int32_t day;
	int rc;

	rc = crm_promos_load(fuzz_file("promos", data, size), &promos, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || promos != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (crm_promo_result_new(&res, &err) != CRM_OK ||
	    crm_date_parse("2026-12-21", 10, &day, &err) != CRM_OK)
		abort();
	memset(&o, 0, sizeof(o));
	o.currency = "CNY";
	o.exponent = 2;
	o.day = day;
	o.tier = "A";
	o.since = day - 400;
	o.lines = lines;
	o.nlines = 4;
	o.granted = granted_none;
	o.price = price_of;
	check(promos, &o, res);
	/* Another customer, another year, no price list. */
	o.tier = NULL;
	o.since = CRM_PROMO_SINCE_UNKNOWN;
	o.day = day + 400;
	o.price = NULL;
	o.nlines = 2;
	check(promos, &o, res);
	crm_promo_result_free(res);
	crm_promos_free(promos);
	return 0;
}
