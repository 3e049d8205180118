/*
 * order_adapt.c - what order creation asks of the catalog (crm/catalog.h,
 * read into memory once a run): the product of a line, by sku or by the
 * customer's words, whether it comes in the colour and options asked
 * for, and its price on the order date.
 */
#include "internal.h"
#include "order_internal.h"

/* Copy code into buf (size sz) for field of l. */
static int
copy_code(const struct line *l, const char *field, const char *code,
    char *buf, size_t sz, crm_err *err)
{
	size_t n = strlen(code);

	if (n >= sz)
		return crm_rec_fail(l->rec, err, CRM_EDATA, field, "code %s is "
		    "longer than %zu bytes", code, sz - 1);
	memcpy(buf, code, n + 1);
	return CRM_OK;
}

/* sku, colour and options from the customer's words; a colour or
 * options the line gives besides must agree with them. */
static int
match_description(crm_order_creator *cr, struct line *l, crm_err *err)
{
	char opts[sizeof(l->options)];
	crm_catalog_hit hit;
	crm_buf joined = CRM_BUF_INIT;
	crm_err why;
	size_t i;
	int rc;

	if (crm_catalog_match(cr->cat, l->description, strlen(l->description),
	    &hit, &why) != CRM_OK)
		return crm_rec_fail(l->rec, err, why.code, "description", "%s",
		    why.msg);
	if (hit.colour != NULL && l->colour[0] != '\0' &&
	    strcmp(hit.colour, l->colour) != 0)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "description",
		    "names colour %s, the line colour %s", hit.colour,
		    l->colour);
	if ((rc = copy_code(l, "description", hit.sku, l->sku, sizeof(l->sku),
	    err)) != CRM_OK || (hit.colour != NULL && (rc = copy_code(l,
	    "description", hit.colour, l->colour, sizeof(l->colour), err)) !=
	    CRM_OK))
		return rc;
	if (hit.noptions == 0)
		return CRM_OK;
	/* The options named and those given, sorted and once each. */
	rc = crm_buf_adds(&joined, l->options);
	for (i = 0; rc == CRM_OK && i < hit.noptions; i++)
		if ((joined.len > 0 && (rc = crm_buf_addc(&joined, '+')) !=
		    CRM_OK) || (rc = crm_buf_adds(&joined, hit.options[i])) !=
		    CRM_OK)
			break;
	if (rc != CRM_OK)
		rc = crm_err_nomem(err);
	else if ((rc = crm_order_options_norm(l->rec, joined.data, joined.len,
	    0, opts, sizeof(opts), err)) == CRM_OK)
		memcpy(l->options, opts, sizeof(opts));
	crm_buf_free(&joined);
	return rc;
}

/* The product of l->sku, sold, and priced unless l is: the price list's
 * price for the customer's tier on the order date, else its price for
 * any tier, else the catalog price. */
int
crm_order_price_sku(crm_order_creator *cr, const struct order *o,
    struct line *l, crm_err *err)
{
	const crm_catalog_product *p;
	const char *cur;
	crm_err why;

	if (crm_catalog_product_get(cr->cat, l->sku, &p, &why) != CRM_OK)
		return crm_rec_fail(l->rec, err, why.code, "sku", "%s",
		    why.msg);
	if (!p->active)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "sku", "%s is not "
		    "sold any more (inactive)", l->sku);
	l->bom = p->bom_code != NULL;
	l->category = p->category;
	if (l->priced)
		return CRM_OK;
	if (crm_catalog_price(cr->cat, cr->opts.price_list, l->sku, o->tier,
	    o->day, &l->unit, &cur, NULL, &why) != CRM_OK)
		return crm_rec_fail(l->rec, err, why.code, "price", "%s (give "
		    "one)", why.msg);
	if (cur == NULL || strcmp(cur, o->currency) != 0)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "price", "the price "
		    "of %s on %s is in %s, the order is in %s", l->sku,
		    o->date, cur != NULL ? cur : "no currency", o->currency);
	return CRM_OK;
}

/* The colour and options are ones the product comes in. */
static int
check_variant(crm_order_creator *cr, const struct line *l, crm_err *err)
{
	char opts[sizeof(l->options)], *codes[sizeof(l->options) / 2], *p;
	size_t n = 0;
	crm_err why;

	memcpy(opts, l->options, sizeof(opts));
	for (p = opts; *p != '\0' && n < ARRAY_LEN(codes); ) {
		codes[n++] = p;
		if ((p = strchr(p, '+')) == NULL)
			break;
		*p++ = '\0';
	}
	if (crm_catalog_check_variant(cr->cat, l->sku, l->colour[0] != '\0' ?
	    l->colour : NULL, (const char *const *)codes, n, &why) != CRM_OK)
		return crm_rec_fail(l->rec, err, why.code, NULL, "%s",
		    why.msg);
	return CRM_OK;
}

int
crm_order_line_product(crm_order_creator *cr, struct order *o,
    struct line *l, crm_err *err)
{
	int rc;

	if (l->sku[0] == '\0' && (rc = match_description(cr, l, err)) !=
	    CRM_OK)
		return rc;
	if ((rc = crm_order_price_sku(cr, o, l, err)) != CRM_OK)
		return rc;
	return check_variant(cr, l, err);
}
