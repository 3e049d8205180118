/*
 * order_internal.h - what the files of order creation share (internal).
 */
#ifndef CRM_ORDER_INTERNAL_H
#define CRM_ORDER_INTERNAL_H

#include "crm/crm.h"
#include "strmap.h"

enum { ORDER_PLANT, ORDER_PURCHASE_REF, ORDER_REP, ORDER_CHANNEL,
	ORDER_REGION, ORDER_KIND, ORDER_ORIGINAL, ORDER_LOCATION, ORDER_NTEXT };

struct line {
	const crm_rec *rec;        /* where it came from, for messages */
	long line_no;
	char sku[64];
	const char *description;   /* borrowed from rec; may be NULL */
	char colour[32];
	char options[128];         /* codes joined by "+", sorted */
	char order_code[64];
	const char *category;      /* borrowed from the catalog */
	const char *promo_id;      /* a free line's promotion, or NULL */
	int bom;                   /* the product has a BOM code */
	int priced;                /* the record gave the price */
	int64_t qty, unit, discount, amount;
};

struct order {
	char id[128];
	char customer[128];
	char tier[64];
	char currency[8];
	int exponent;
	int32_t day, since;        /* order date; customer since (-1) */
	int32_t demand_day;        /* a day of the demand week: of the
	                              requested week, else the order date */
	char date[16], week[16];
	char text[ORDER_NTEXT][128];
	int has_limit, held;
	int is_return;             /* kind return: negative quantities */
	int64_t credit_limit;
	size_t nlines;
	int64_t subtotal, discount, tax, total;
	char purchase[128];        /* the purchase promotions count once */
	int promoted;              /* promotions were asked */
	struct customer *cust;     /* the run's record of the customer */
};

struct crm_order_creator {
	crm_db *db;
	crm_catalog *cat;
	const crm_promos *promos;
	const crm_ordercode *codes;
	crm_ordercode_seqs *seqs;  /* the run's order-code numbers */
	crm_order_create_opts opts;
	char at[40];
	crm_order_create_counts counts;
	struct line *lines;
	size_t cap;
	crm_rec **scratch;         /* the objects of a "lines" array */
	size_t nscratch, scratch_cap;
	crm_promo_result *applied; /* the promotions of the current order */
	crm_rec *out_rec;
	crm_strmap *customers;     /* id: struct customer */
	crm_catalog *own_cat;      /* the catalog when the caller gave none */
};

int crm_order_split_lines(crm_order_creator *cr, const crm_rec *r,
	const char *json, size_t len, crm_err *err);
int crm_order_options_norm(const crm_rec *r, const char *s, size_t len,
	int array, char *buf, size_t sz, crm_err *err);
int crm_order_currency(const crm_rec *r, struct order *o, crm_err *err);
int crm_order_line_product(crm_order_creator *cr, struct order *o,
	struct line *l, crm_err *err);
int crm_order_price_sku(crm_order_creator *cr, const struct order *o,
	struct line *l, crm_err *err);
int crm_order_promote(crm_order_creator *cr, struct order *o, crm_err *err);
int crm_order_write_grants(crm_order_creator *cr, const struct order *o,
	crm_err *err);
int crm_order_codes_begin(crm_order_creator *cr, crm_err *err);
int crm_order_assign_codes(crm_order_creator *cr, struct order *o,
	crm_err *err);
int crm_order_codes_flush(crm_order_creator *cr, crm_err *err);
void crm_order_codes_end(crm_order_creator *cr);
int crm_order_write(crm_order_creator *cr, struct order *o, crm_err *err);
int crm_order_created_write(crm_order_creator *cr, const struct order *o,
	crm_out *out, crm_err *err);

#endif
