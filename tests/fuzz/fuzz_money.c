/*
 * fuzz_money.c - amounts, quantities and percentages from outside text.
 *
 * The input is tried as an amount at exponents 0 to 4, as a quantity and
 * a percentage, and as a currency code.  What must hold: an amount that
 * parses prints in canonical form and reads back to the same value; one
 * more decimal place means ten times the minor units; products are the
 * exact product rounded half away from zero (checked here in 128 bits);
 * a split adds up to its total.
 */
#include "internal.h"

__extension__ typedef __int128 i128;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FACTOR_SCALE 1000000000

/* '-' only before a value that is not zero, then digits without a
 * leading zero, then exactly exponent decimals, nothing else. */
static int
is_canonical(const char *s, int exponent)
{
	const char *p = s + (s[0] == '-');
	size_t n = strspn(p, "0123456789");

	if (n == 0 || (n > 1 && p[0] == '0'))
		return 0;
	p += n;
	if (exponent > 0) {
		if (*p++ != '.' || strspn(p, "0123456789") != (size_t)exponent)
			return 0;
		p += exponent;
	}
	if (s[0] == '-' && strspn(s + 1, "0.") == strlen(s + 1))
		return 0;
	return *p == '\0';
}

/* The exact value x / d (d > 0) against the library's rounded result:
 * abort unless got is x / d rounded half away from zero. */
static void
check_rounded(i128 x, i128 d, int64_t got)
{
	i128 diff = (i128)got * d - x;      /* got - exact, times d */

	if (diff < 0)
		diff = -diff;
	if (2 * diff > d)
		abort();
	/* On a tie the result lies further from zero than the value. */
	if (2 * diff == d && (x < 0 ? (i128)got * d > x : (i128)got * d < x))
		abort();
}

/* When the library says out of range, the rounded value must really be
 * outside int64: |x / d| >= 2^63 - 1/2 (or 2^63 + 1/2 below zero). */
static void
check_overflow(i128 x, i128 d)
{
	i128 limit = ((i128)1 << 63) * d;

	if (x > -limit - d / 2 && x < limit - d / 2)
		abort();
}

static void
check_factor(const char *s, size_t size, int64_t unit)
{
	int64_t q, got;
	crm_err err;
	int rc;

	if (crm_money_parse(s, size, 9, &q, &err) != CRM_OK) {
		if (crm_money_mul(unit, s, size, &got, &err) == CRM_OK ||
		    crm_money_percent(unit, s, size, &got, &err) == CRM_OK)
			abort();
		return;
	}
	rc = crm_money_mul(unit, s, size, &got, &err);
	if (rc == CRM_OK)
		check_rounded((i128)unit * q, FACTOR_SCALE, got);
	else if (rc == CRM_EDATA)
		check_overflow((i128)unit * q, FACTOR_SCALE);
	else
		abort();
	rc = crm_money_percent(unit, s, size, &got, &err);
	if (rc == CRM_OK)
		check_rounded((i128)unit * q, (i128)FACTOR_SCALE * 100, got);
	else if (rc == CRM_EDATA)
		check_overflow((i128)unit * q, (i128)FACTOR_SCALE * 100);
	else
		abort();
}

/* Split total by the input's first bytes as weights. */
static void
check_split(const uint8_t *data, size_t size, int64_t total)
{
	int64_t weights[8], shares[8], sum = 0;
	size_t n = size < 8 ? size : 8, i;
	i128 wsum = 0, off;
	crm_err err;

	for (i = 0; i < n; i++)
		wsum += weights[i] = data[i];
	if (crm_money_split(total, weights, n, shares, &err) != CRM_OK) {
		if (wsum != 0)
			abort();
		return;
	}
	for (i = 0; i < n; i++) {
		off = (i128)shares[i] * wsum - (i128)total * weights[i];
		if (off <= -wsum || off >= wsum)
			abort();
		if (weights[i] == 0 && shares[i] != 0)
			abort();
		if (__builtin_add_overflow(sum, shares[i], &sum))
			abort();
	}
	if (sum != total)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t units[] = { 1, -1, 199, -25, INT64_MAX,
	    INT64_MIN };
	const char *s = (const char *)data;
	char buf[CRM_MONEY_BUFSZ], code[4];
	int64_t v, again, more;
	crm_err err;
	size_t i;
	int e, rc;

	for (e = 0; e <= 4; e++) {
		crm_err_clear(&err);
		rc = crm_money_parse(s, size, e, &v, &err);
		if (rc != CRM_OK) {
			if (rc != CRM_EDATA || err.msg[0] == '\0')
				abort();
			continue;
		}
		crm_money_format(v, e, buf);
		if (!is_canonical(buf, e))
			abort();
		if (crm_money_parse(buf, strlen(buf), e, &again, &err) !=
		    CRM_OK || again != v)
			abort();
		/* A tenth more precision cannot make it inexact. */
		rc = crm_money_parse(s, size, e + 1, &more, &err);
		if (rc == CRM_OK ? (i128)more != (i128)v * 10 :
		    (i128)v * 10 >= INT64_MIN && (i128)v * 10 <= INT64_MAX)
			abort();
		check_split(data, size, v);
	}
	for (i = 0; i < ARRAY_LEN(units); i++)
		check_factor(s, size, units[i]);
	if (size == 3) {
		memcpy(code, data, 3);
		code[3] = '\0';
		if (crm_currency_exponent(code, &e, &err) == CRM_OK &&
		    e != 0 && e != 2 && e != 3 && e != 4)
			abort();
	}
	return 0;
}
