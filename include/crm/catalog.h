/*
 * crm/catalog.h - the product catalog: products, colours, options, the
 * market's words for them (aliases), price lists; matching what a
 * customer asked for, in any language, to catalog codes.
 *
 * A product has a sku; a colour and an option have a code.  A product
 * may restrict the colours and options it comes in (none listed: all).
 * An alias is the market's words for a product, colour or option
 * ("珍珠白" for colour PWHT); names count as aliases too.  Prices are per
 * list ("standard" unless named), sku and customer tier (none: any
 * tier), over a validity range of dates, both ends inclusive.
 *
 * Matching works on normalised text (crm_catalog_norm): at each place
 * of a description the longest alias found there wins; aliases in Latin
 * script match whole words only; every part of the description must
 * match something.  See crm-catalog(1) for the rules and messages.
 *
 * Errors about a value (no record at hand) are CRM_EDATA with a message
 * that has no place in it: the caller puts "file:line: field: " in front
 * (crm_rec_fail with the message as its text).
 */
#ifndef CRM_CATALOG_H
#define CRM_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/* The text matching compares, into out (replacing its contents): full-
 * width ASCII to ASCII, ASCII letters to lower case, ASCII punctuation
 * and the common CJK punctuation (、，。・「」『』（）【】《》〈〉！？：；
 * ～ and the ideographic space U+3000) to space, runs of white space to
 * one, none at either end, and none left beside a character that is not
 * a letter or digit of an alphabetic script (Latin, Greek, Cyrillic), so
 * that "X5 豪华版" and "x5豪华版" compare equal while "pearl white"
 * keeps its space.  s[0..len) is UTF-8 (invalid bytes pass through).
 * CRM_OK or CRM_EINTERNAL (out of memory). */
CRM_API int crm_catalog_norm(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/*
 * Import: records of one of the types product, colour, option, alias
 * and price (field "type", or "kind" when there is no "type"), upserted
 * on their natural key inside the caller's transaction.  See
 * crm-catalog(1) for the fields.  A record that changes nothing writes
 * nothing, so re-importing a file is harmless.
 */
typedef struct crm_catalog_importer crm_catalog_importer;

typedef struct crm_catalog_import_counts {
	unsigned long inserted, updated, unchanged;
} crm_catalog_import_counts;

/* db is borrowed and must outlive the importer.  Free with
 * crm_catalog_importer_free(); NULL does nothing. */
CRM_API int crm_catalog_importer_new(crm_db *db, crm_catalog_importer **imp,
	crm_err *err);
/* Import one record.  CRM_EDATA "file:line: field: what" for a bad
 * record (an unknown sku, colour or option code; a price whose range
 * overlaps another of its list, sku and tier, naming that range); what
 * it wrote is undone only by the caller's savepoint or rollback.  The
 * counts change only when it succeeds. */
CRM_API int crm_catalog_import(crm_catalog_importer *imp, const crm_rec *r,
	crm_err *err);
/* Borrowed; valid as long as imp. */
CRM_API const crm_catalog_import_counts *crm_catalog_import_counts_of(
	const crm_catalog_importer *imp);
CRM_API void crm_catalog_importer_free(crm_catalog_importer *imp);

/*
 * The catalog in memory: read once from the database by
 * crm_catalog_open(), then matching, product, variant and price lookups
 * touch the database no more (an index of the normalised aliases and a
 * hash of skus).  It does not see later changes to the database.  One
 * catalog serves one thread at a time (matching uses scratch space in
 * it).
 */
typedef struct crm_catalog crm_catalog;

/* Read the catalog of db (a read of its own; inside the caller's
 * transaction when there is one).  db is not kept.  Free with
 * crm_catalog_free(); NULL does nothing. */
CRM_API int crm_catalog_open(crm_db *db, crm_catalog **cat, crm_err *err);
CRM_API void crm_catalog_free(crm_catalog *cat);

/* A product.  Every pointer is borrowed from the catalog and valid as
 * long as it; strings the product does not have are NULL. */
typedef struct crm_catalog_product {
	const char *sku;
	const char *name;
	const char *segment;
	const char *category;
	const char *unit;
	const char *bom_code;
	int active;                    /* 1: sold, 0: no longer sold */
	int has_list_price;            /* list_price_minor and currency set */
	int64_t list_price_minor;
	const char *currency;          /* of the list price; NULL: none */
	const char *const *colours;    /* the colours it comes in, sorted; */
	size_t ncolours;               /* 0: it comes in every colour */
	const char *const *options;    /* the same for options */
	size_t noptions;
} crm_catalog_product;

/* The product sku.  CRM_EDATA "unknown sku X". */
CRM_API int crm_catalog_product_get(crm_catalog *cat, const char *sku,
	const crm_catalog_product **p, crm_err *err);

/* Whether product sku comes in colour (NULL: none asked) and options
 * [0..n): every code exists and is one the product comes in.  CRM_EDATA
 * with a message that begins with the field it is about, so that the
 * caller adds only the place: "sku: unknown sku X", "colour: unknown
 * colour RED", "colour: X5-LUX does not come in colour RED (comes in:
 * BLK, PWHT)", "options: unknown option NAV", "options: X5-LUX does not
 * come in option NAV (comes in: ROOF, SEAT)". */
CRM_API int crm_catalog_check_variant(crm_catalog *cat, const char *sku,
	const char *colour, const char *const *options, size_t n,
	crm_err *err);

/* What a description names.  sku and colour are borrowed from the
 * catalog (valid as long as it); options (codes sorted by strcmp, each
 * once) and the array holding them belong to the catalog and are valid
 * until its next crm_catalog_match() or crm_catalog_free(). */
typedef struct crm_catalog_hit {
	const char *sku;
	const char *colour;            /* NULL: none named */
	const char *const *options;
	size_t noptions;
} crm_catalog_hit;

/* Match the description text[0..len) (UTF-8): exactly one product, at
 * most one colour, any number of options, and nothing left over; the
 * colour and options must be ones the product comes in.  CRM_EDATA
 * (the message without a place; candidates as "CODE (text)", best
 * first, at most five; X is the part in its normalised form) when text:
 *   "X" matches nothing in the catalog; candidates: product A (text), ...
 *   "X" is ambiguous: colour A (text), colour B (text)
 *   names 2 products: A (matched text), B (matched text)
 *   names 2 colours: A (matched text), B (matched text)
 *   names no product; candidates: A (name or alias), ...
 *   A does not come in colour X (comes in: ...)
 *   A does not come in option X (comes in: ...)
 * hit is set only on success. */
CRM_API int crm_catalog_match(crm_catalog *cat, const char *text,
	size_t len, crm_catalog_hit *hit, crm_err *err);

/* The price of sku on day (a crm_date day number) in price list list
 * (NULL: "standard") for a customer of tier (NULL or "": none): the
 * list's price for that tier in force that day, else its price for any
 * tier, else the product's list price.  *minor gets the amount, and
 * *currency (borrowed from the catalog) and *source (a static string:
 * "tier", "list" or "catalog") say where it came from; currency and
 * source may be NULL.  CRM_EDATA "unknown sku X", "X has no price on
 * DATE". */
CRM_API int crm_catalog_price(crm_catalog *cat, const char *list,
	const char *sku, const char *tier, int32_t day, int64_t *minor,
	const char **currency, const char **source, crm_err *err);

/*
 * Filters over records, for crm-catalog match and price --each.
 */

/* Match field (NULL: "description") of r and set "sku", "colour" (null
 * when none) and "options" (an array of codes) on it.  CRM_EDATA
 * "file:line: field: ..." as crm_catalog_match says, or "field:
 * required" when r has no such text. */
CRM_API int crm_catalog_match_rec(crm_catalog *cat, crm_rec *r,
	const char *field, crm_err *err);

/* Price r by its "sku", its "tier" (else "customer_tier") and its "date"
 * (else today, given as day) in list (NULL: "standard"): set "price",
 * "currency" and "price_source".  CRM_EDATA with the record's place. */
CRM_API int crm_catalog_price_rec(crm_catalog *cat, const char *list,
	crm_rec *r, int32_t today, crm_err *err);

/*
 * Reading the stored catalog.
 */

/* Every product in sku order with its "colours" and "options" (arrays
 * of codes; empty: all), list price as "list_price" beside "currency". */
CRM_API int crm_catalog_list(crm_db *db, crm_out *out, crm_err *err);

/* One record: product sku with its "aliases" (objects kind, code, text:
 * its own and those of its colours and options), "colours" and
 * "options" (objects code, name) and "prices" (objects list, tier,
 * valid_from, valid_to, price, currency).  CRM_EDATA "unknown sku X". */
CRM_API int crm_catalog_show(crm_db *db, const char *sku, crm_out *out,
	crm_err *err);

#endif
