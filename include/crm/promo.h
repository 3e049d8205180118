/*
 * crm/promo.h - promotions: a rule file of offers with conditions, and
 * the engine that applies them to an order as it is created.
 *
 * A promotion rule file (crm-promotions(5); the default is
 * share/crm/promotions.json) lists promotions of four kinds: buy_get
 * (buy X, get Y free), bundle (a set of skus bought together), tiered
 * (the highest quantity or amount threshold reached gives a percent off)
 * and order_discount (percent or amount off the whole order), each with
 * conditions on the customer's tier and tenure, the order date, the
 * skus or categories of the lines and their quantity or amount.
 *
 * The engine is pure: it reads an order described by crm_promo_order
 * and fills a crm_promo_result, asking the caller through a callback
 * whether the purchase had a promotion already (so that a promotion is
 * granted once per purchase across the order, its shipments and a
 * re-order).  Line promotions apply in file order, then order discounts
 * on what is left.  Amounts are exact in minor units: percents round
 * half away from zero (crm_money_percent), a promotion's discount is
 * spread over its lines with crm_money_split so that the shares add up
 * to its cost, no line is discounted below zero, and whatever would
 * overflow int64 is CRM_EDATA.  For every result
 *
 *	sum of grant costs = sum of line discounts + value of free lines
 *	                     + order discount
 */
#ifndef CRM_PROMO_H
#define CRM_PROMO_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct crm_promos crm_promos;

/* Load and validate a promotion rule file; path NULL is promotions.json
 * of crm_conf_share_dir().  CRM_ECONFIG "file:line: where: what" for
 * anything wrong (unknown members, kinds, duplicate ids, bad amounts or
 * dates...).  Free with crm_promos_free(); NULL does nothing. */
CRM_API int crm_promos_load(const char *path, crm_promos **promos,
	crm_err *err);
CRM_API void crm_promos_free(crm_promos *promos);

/* The number of promotions in the file.  An order gets at most one free
 * line per buy_get promotion, so never more free lines than this. */
CRM_API size_t crm_promos_count(const crm_promos *promos);

/* crm_promo_order.since when the customer's first day is not known:
 * tenure conditions then do not hold. */
#define CRM_PROMO_SINCE_UNKNOWN INT32_MIN

/* One line of the order as priced, before promotions.  Lines with a
 * quantity of zero or less (returns) or a negative price take no part. */
typedef struct crm_promo_line {
	const char *sku;
	const char *category;     /* the product's category; may be NULL */
	int64_t qty;
	int64_t unit;             /* unit price, minor units */
	int64_t discount;         /* discount given already, minor units */
} crm_promo_line;

/* Set *already to 1 when the purchase of the order was granted promotion
 * promo_id before (by an earlier order, shipment or re-order of it), 0
 * when not.  Anything but CRM_OK stops crm_promos_apply() with that code
 * and err. */
typedef int (*crm_promo_granted_fn)(void *ctx, const char *promo_id,
	int *already, crm_err *err);

/* The unit price of sku for this order (the price list in force for the
 * customer), for a free sku that is not on the order: *found 0 when it
 * has none.  Anything but CRM_OK stops crm_promos_apply(). */
typedef int (*crm_promo_price_fn)(void *ctx, const char *sku,
	int64_t *unit, int *found, crm_err *err);

/* An order as promotions see it.  Everything is borrowed for the call. */
typedef struct crm_promo_order {
	const char *currency;     /* ISO 4217 */
	int exponent;             /* its minor-unit exponent */
	int32_t day;              /* the order date (crm/date.h day number) */
	const char *tier;         /* the customer's tier; NULL: none */
	int32_t since;            /* the customer's first order or creation
	                             date; CRM_PROMO_SINCE_UNKNOWN */
	const crm_promo_line *lines;
	size_t nlines;
	crm_promo_granted_fn granted; /* NULL: nothing granted before */
	crm_promo_price_fn price;     /* NULL: a free sku must be on the
	                                 order to have a price */
	void *ctx;                    /* passed to granted and price */
} crm_promo_order;

/* A free line a buy_get promotion adds: qty units of sku at unit, with a
 * discount of the whole value (qty x unit), so its amount is zero. */
typedef struct crm_promo_free_line {
	const char *sku;          /* borrowed from the promotions */
	int64_t qty;
	int64_t unit;
	int64_t discount;
	const char *promo_id;     /* borrowed from the promotions */
} crm_promo_free_line;

/* A promotion granted to the order, to record once per purchase. */
typedef struct crm_promo_grant {
	const char *promo_id;     /* borrowed from the promotions */
	const char *name;         /* borrowed from the promotions */
	const char *kind;         /* "buy_get", "bundle", "tiered",
	                             "order_discount" (static) */
	int64_t cost;             /* what it gave away, minor units, > 0 */
	int64_t revenue;          /* the net amount of the lines it applied
	                             to, after its discount */
	const char *detail;       /* a JSON object: what it did; owned by
	                             the result */
} crm_promo_grant;

/* What the promotions did to one order.  A result is made once and
 * filled by every crm_promos_apply(), which forgets the last order;
 * what its accessors return is borrowed and valid until the next apply
 * or crm_promo_result_free() (NULL does nothing). */
typedef struct crm_promo_result crm_promo_result;

CRM_API int crm_promo_result_new(crm_promo_result **result, crm_err *err);
CRM_API void crm_promo_result_free(crm_promo_result *result);

/* Apply promotions to order, filling result.  CRM_EDATA "line N: amount
 * out of range" (N from 1) or "promotion ID: amount out of range" when
 * an amount would overflow; the callbacks' own errors; CRM_EINTERNAL
 * when out of memory.  On error the result is empty. */
CRM_API int crm_promos_apply(const crm_promos *promos,
	const crm_promo_order *order, crm_promo_result *result, crm_err *err);

/* The discount line promotions (buy_get, bundle, tiered) add to order
 * line i (0 <= i < nlines), on top of the line's own discount. */
CRM_API int64_t crm_promo_result_line_discount(
	const crm_promo_result *result, size_t i);
/* The order discounts in total, and their share of line i: the shares
 * are spread over the lines in proportion to what was left of them and
 * add up to the total exactly, for a caller that keeps discounts on the
 * lines.  A line's own discount + its line discount + its share never
 * exceed qty x unit. */
CRM_API int64_t crm_promo_result_order_discount(
	const crm_promo_result *result);
CRM_API int64_t crm_promo_result_order_share(const crm_promo_result *result,
	size_t i);

/* Free lines to add to the order, in promotion order. */
CRM_API size_t crm_promo_result_free_count(const crm_promo_result *result);
CRM_API const crm_promo_free_line *crm_promo_result_free_at(
	const crm_promo_result *result, size_t i);

/* Promotions granted, in file order; a promotion appears at most once. */
CRM_API size_t crm_promo_result_grant_count(const crm_promo_result *result);
CRM_API const crm_promo_grant *crm_promo_result_grant_at(
	const crm_promo_result *result, size_t i);

#endif
