/*
 * crm/money.h - exact money: integer minor units (cents, fen, yen).
 *
 * An amount is an int64_t count of the currency's minor unit; its
 * exponent (digits after the decimal point) comes from ISO 4217: 2 for
 * CNY, USD, EUR; 0 for JPY, KRW; 3 for BHD, KWD, OMR, TND...  No binary
 * floating point is used anywhere on this path, and every operation that
 * would overflow int64 is an error, never a wrap.
 *
 * Rounding rule (the one rule of the toolkit): results of multiplication
 * and percentages are rounded to the minor unit half away from zero
 * ("commercial rounding"): 0.125 -> 0.13, -0.125 -> -0.13, 0.124 -> 0.12.
 * A line amount is round(unit price x quantity); a discount of p percent
 * is round(amount x p / 100); totals are sums of rounded line amounts.
 */
#ifndef CRM_MONEY_H
#define CRM_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "rec.h"

/* Large enough for any formatted amount: sign, 19 digits, point, NUL. */
#define CRM_MONEY_BUFSZ 32

/* Minor-unit exponent of an ISO 4217 code ("USD" -> 2, "JPY" -> 0).
 * CRM_EDATA "currency: unknown code XYZ" for codes not in the table;
 * the code must be three upper-case letters. */
CRM_API int crm_currency_exponent(const char *code, int *exponent,
	crm_err *err);

/* Parse a decimal amount from s[0..len): an optional '-' (or '+'), digits,
 * optionally '.' and digits, optionally an exponent e/E[+-]digits (as JSON
 * numbers may have).  Accepted when it is exact in minor units at the
 * given exponent: "1.5" and "1.50" and "1.500" are 150 at exponent 2;
 * "1.505" is an error ("more than 2 decimals"), never rounded silently.
 * No spaces, thousands separators or currency signs.  Errors: CRM_EDATA
 * "not a decimal amount", "more than N decimals", "out of range". */
CRM_API int crm_money_parse(const char *s, size_t len, int exponent,
	int64_t *minor, crm_err *err);

/* Format minor units at exponent into buf (CRM_MONEY_BUFSZ bytes): always
 * exactly exponent decimals, '-' for negatives, no '+': 150 at 2 ->
 * "1.50", -5 at 2 -> "-0.05", 1500 at 0 -> "1500".  Returns buf. */
CRM_API char *crm_money_format(int64_t minor, int exponent, char *buf);

/* Overflow-checked arithmetic: CRM_EDATA "amount out of range". */
CRM_API int crm_money_add(int64_t a, int64_t b, int64_t *sum, crm_err *err);
CRM_API int crm_money_sub(int64_t a, int64_t b, int64_t *diff,
	crm_err *err);

/* round(unit x qty): qty is a decimal string (s[0..len), up to 9
 * decimals, may be negative, e.g. "3", "2.5", "-1").  Half away from
 * zero.  CRM_EDATA for a bad quantity or overflow. */
CRM_API int crm_money_mul(int64_t unit, const char *qty, size_t len,
	int64_t *amount, crm_err *err);

/* round(amount x pct / 100): pct is a decimal string such as "12.5" (up
 * to 9 decimals, may be negative or over 100).  Half away from zero. */
CRM_API int crm_money_percent(int64_t amount, const char *pct, size_t len,
	int64_t *part, crm_err *err);

/* Split total into n shares proportional to weights[0..n) (each >= 0, sum
 * > 0), rounding half away from zero and giving the pennies left over to
 * the largest remainders (then the earliest), so that the shares add up
 * to total exactly.  CRM_EDATA for bad weights. */
CRM_API int crm_money_split(int64_t total, const int64_t *weights, size_t n,
	int64_t *shares, crm_err *err);

/* Read field key of r as an amount at exponent (a string "12.30" or a
 * JSON number 12.3).  CRM_END when the field is absent or null (minor
 * untouched); CRM_EDATA "file:line: key: not a decimal amount" etc. */
CRM_API int crm_money_get(const crm_rec *r, const char *key, int exponent,
	int64_t *minor, crm_err *err);

/* Set field key of r to the formatted amount as a JSON string "12.30". */
CRM_API int crm_money_set(crm_rec *r, const char *key, int64_t minor,
	int exponent, crm_err *err);

#endif
