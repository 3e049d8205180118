/*
 * promo_internal.h - the loaded promotions, as the rule loader makes
 * them and the engine reads them (internal).
 */
#ifndef CRM_PROMO_INTERNAL_H
#define CRM_PROMO_INTERNAL_H

#include "internal.h"

/* Percents are kept in billionths of a percent point: 12.5% is
 * 12500000000, exact for the 9 decimals crm_money_percent takes. */
#define PROMO_PCT_EXP 9

enum promo_kind { PROMO_BUY_GET, PROMO_BUNDLE, PROMO_TIERED, PROMO_ORDER };

struct promo_item {
	char *sku;
	int64_t qty;
};

struct promo_threshold {
	int64_t min;            /* a quantity, or minor units by amount */
	int64_t pct;
};

struct promo {
	char *id, *name;
	enum promo_kind kind;
	char currency[4];       /* "" when the promotion has no amounts */
	int exponent;
	int exclusive;

	/* Conditions. */
	char **tiers;
	size_t ntiers;
	int64_t min_tenure;     /* -1: none */
	char **skus;
	size_t nskus;
	char **categories;
	size_t ncategories;
	int32_t from, to;       /* INT32_MIN, INT32_MAX: open */
	int64_t min_qty;        /* 0: none */
	int64_t min_amount;     /* 0: none */

	/* buy_get */
	int64_t buy, get;
	const char *free_sku;   /* free_sku_own or skus[0] */
	char *free_sku_own;
	int once;

	/* bundle */
	struct promo_item *items;
	size_t nitems;

	/* bundle, order_discount: one of them is not zero */
	int64_t pct;
	int64_t amount;

	/* tiered */
	struct promo_threshold *thresholds;
	size_t nthresholds;
	int by_amount;
};

struct crm_promos {
	struct promo *promo;
	size_t n;
};

/* The kind's name as the rule file spells it. */
const char *crm_promo_kind_name(enum promo_kind kind);

#endif
