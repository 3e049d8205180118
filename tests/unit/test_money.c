/*
 * test_money.c - amounts: currencies, parsing, formatting, arithmetic,
 * rounding, splitting, and record fields.
 *
 * Every expected value is worked out by hand from the decimal text, never
 * by asking the library.  What the parser accepts, decided here:
 *   "-0.00", "-0", "+1.5"   accepted ("-0.00" is plain zero)
 *   "01.50", "007"          accepted: leading zeros come from spreadsheets
 *   "1e2", "15E-1"          accepted: JSON numbers may have exponents
 *   "", "-", "+", "."       rejected: no digits
 *   "1.", ".5", "-.5"       rejected: JSON wants a digit on both sides
 *   " 1", "1,5", "$1"       rejected: no spaces, separators or signs
 */
#include "t.h"

#include <stdlib.h>

#include "crm/crm.h"

static crm_err err;
static int rc;

/* The amount s parses to at exponent, with the result code in rc and
 * the message in err; -777 (never written) when parsing fails. */
static int64_t
amount(const char *s, int exponent)
{
	int64_t v = -777;

	crm_err_clear(&err);
	rc = crm_money_parse(s, strlen(s), exponent, &v, &err);
	return v;
}

/* The message parsing s fails with, or "ok". */
static const char *
parse_error(const char *s, int exponent)
{
	amount(s, exponent);
	return rc == CRM_OK ? "ok" : err.msg;
}

static const char *
format(int64_t minor, int exponent)
{
	static char buf[CRM_MONEY_BUFSZ];

	return crm_money_format(minor, exponent, buf);
}

/* unit x qty, or -777 with rc and err set. */
static int64_t
mul(int64_t unit, const char *qty)
{
	int64_t v = -777;

	crm_err_clear(&err);
	rc = crm_money_mul(unit, qty, strlen(qty), &v, &err);
	return v;
}

static int64_t
percent(int64_t amt, const char *pct)
{
	int64_t v = -777;

	crm_err_clear(&err);
	rc = crm_money_percent(amt, pct, strlen(pct), &v, &err);
	return v;
}

/* Parse price at exponent, multiply by qty, format: the whole path a
 * line amount takes. */
static const char *
line_amount(const char *price, const char *qty, int exponent)
{
	int64_t unit = amount(price, exponent);

	if (rc != CRM_OK)
		return err.msg;
	unit = mul(unit, qty);
	if (rc != CRM_OK)
		return err.msg;
	return format(unit, exponent);
}

static void
test_currency(void)
{
	/* ISO 4217 list one less the N.A. codes and HRK, as of 2025. */
	static const char want[] =
	    "AED2 AFN2 ALL2 AMD2 ANG2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 "
	    "BDT2 BGN2 BHD3 BIF0 BMD2 BND2 BOB2 BOV2 BRL2 BSD2 BTN2 BWP2 "
	    "BYN2 BZD2 CAD2 CDF2 CHE2 CHF2 CHW2 CLF4 CLP0 CNY2 COP2 COU2 "
	    "CRC2 CUC2 CUP2 CVE2 CZK2 DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 "
	    "EUR2 FJD2 FKP2 GBP2 GEL2 GHS2 GIP2 GMD2 GNF0 GTQ2 GYD2 HKD2 "
	    "HNL2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 JPY0 "
	    "KES2 KGS2 KHR2 KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 "
	    "LRD2 LSL2 LYD3 MAD2 MDL2 MGA2 MKD2 MMK2 MNT2 MOP2 MRU2 MUR2 "
	    "MVR2 MWK2 MXN2 MXV2 MYR2 MZN2 NAD2 NGN2 NIO2 NOK2 NPR2 NZD2 "
	    "OMR3 PAB2 PEN2 PGK2 PHP2 PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 "
	    "RWF0 SAR2 SBD2 SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 SLL2 SOS2 SRD2 "
	    "SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 TTD2 "
	    "TWD2 TZS2 UAH2 UGX0 USD2 USN2 UYI0 UYU2 UYW4 UZS2 VED2 VES2 "
	    "VND0 VUV0 WST2 XAF0 XCD2 XCG2 XOF0 XPF0 YER2 ZAR2 ZMW2 ZWG2 "
	    "ZWL2";
	static const char *const unknown[] = {
		"XYZ", "HRK", "XAU", "XXX", "usd", "Usd", "US", "USDX", "",
		"U$D", "DEM"
	};
	size_t i, n = 0, bad = 0;
	char code[4];
	int e;

	/* Every code, so that a slip in the table's order (which the
	 * binary search relies on) cannot hide. */
	for (i = 0; i + 4 <= sizeof(want) - 1; i += 5, n++) {
		memcpy(code, want + i, 3);
		code[3] = '\0';
		e = -1;
		if (crm_currency_exponent(code, &e, &err) != CRM_OK ||
		    e != want[i + 3] - '0') {
			fprintf(stderr, "currency %s: got %d\n", code, e);
			bad++;
		}
	}
	CHECK_INT(n, 169);
	CHECK_INT(bad, 0);

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		e = -1;
		crm_err_clear(&err);
		CHECK_INT(crm_currency_exponent(unknown[i], &e, &err),
		    CRM_EDATA);
		CHECK_INT(e, -1);
		CHECK_HAS(err.msg, "currency: unknown code");
	}
	crm_currency_exponent("XYZ", &e, &err);
	CHECK_STR(err.msg, "currency: unknown code XYZ");
	CHECK_INT(crm_currency_exponent(NULL, &e, &err), CRM_EDATA);
}

static void
test_parse(void)
{
	/* Exponent 2. */
	CHECK_INT(amount("0", 2), 0);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(amount("1", 2), 100);
	CHECK_INT(amount("1.5", 2), 150);
	CHECK_INT(amount("1.50", 2), 150);
	CHECK_INT(amount("1.500", 2), 150);
	CHECK_INT(amount("1.5000000000000000000000000", 2), 150);
	CHECK_INT(amount("12.30", 2), 1230);
	CHECK_INT(amount("-1.5", 2), -150);
	CHECK_INT(amount("+1.5", 2), 150);
	CHECK_INT(amount("-0.05", 2), -5);
	CHECK_INT(amount("0.01", 2), 1);
	CHECK_STR(parse_error("1.505", 2), "more than 2 decimals");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_STR(parse_error("0.001", 2), "more than 2 decimals");
	CHECK_STR(parse_error("-0.0050", 2), "more than 2 decimals");

	/* Exponent 0: whole units only. */
	CHECK_INT(amount("1500", 0), 1500);
	CHECK_INT(amount("1500.0", 0), 1500);
	CHECK_INT(amount("-3", 0), -3);
	CHECK_STR(parse_error("1.5", 0), "more than 0 decimals");

	/* Exponents 3 and 4. */
	CHECK_INT(amount("1.234", 3), 1234);
	CHECK_INT(amount("1.2340", 3), 1234);
	CHECK_INT(amount("-0.001", 3), -1);
	CHECK_INT(amount("7", 3), 7000);
	CHECK_STR(parse_error("1.2345", 3), "more than 3 decimals");
	CHECK_INT(amount("1.2345", 4), 12345);
	CHECK_INT(amount("0.0001", 4), 1);
	CHECK_STR(parse_error("0.00001", 4), "more than 4 decimals");

	/* Zero, signed or not, at any scale. */
	CHECK_INT(amount("-0.00", 2), 0);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(amount("-0", 0), 0);
	CHECK_INT(amount("+0", 3), 0);
	CHECK_INT(amount("0.000000000000000000000", 2), 0);
	CHECK_STR(parse_error("0.000000000000000000001", 2),
	    "more than 2 decimals");
	CHECK_INT(amount("0e99999999999999999999", 2), 0);
	CHECK_INT(amount("-0.0e-7", 2), 0);

	/* Leading zeros, however many. */
	CHECK_INT(amount("01.50", 2), 150);
	CHECK_INT(amount("007", 2), 700);
	CHECK_INT(amount("-00.10", 2), -10);
	CHECK_INT(amount("00000000000000000000000000001", 2), 100);

	/* JSON exponents. */
	CHECK_INT(amount("1e2", 2), 10000);
	CHECK_INT(amount("1E2", 2), 10000);
	CHECK_INT(amount("1e+2", 2), 10000);
	CHECK_INT(amount("1e0", 2), 100);
	CHECK_INT(amount("1.5e1", 2), 1500);
	CHECK_INT(amount("15e-1", 2), 150);
	CHECK_INT(amount("150E-2", 2), 150);
	CHECK_INT(amount("1e-2", 2), 1);
	CHECK_INT(amount("1.23e+1", 2), 1230);
	CHECK_INT(amount("12300e-4", 2), 123);
	CHECK_INT(amount("-2.5e-1", 2), -25);
	CHECK_INT(amount("1e00000000000000000002", 2), 10000);
	CHECK_INT(amount("15e2", 0), 1500);
	CHECK_STR(parse_error("1e-3", 2), "more than 2 decimals");
	CHECK_STR(parse_error("1e-99999999999999999999", 2),
	    "more than 2 decimals");
	CHECK_STR(parse_error("1e99999999999999999999", 2),
	    "amount out of range");

	/* Not amounts at all. */
	CHECK_STR(parse_error("", 2), "not a decimal amount");
	CHECK_STR(parse_error("-", 2), "not a decimal amount");
	CHECK_STR(parse_error("+", 2), "not a decimal amount");
	CHECK_STR(parse_error(".", 2), "not a decimal amount");
	CHECK_STR(parse_error("1.", 2), "not a decimal amount");
	CHECK_STR(parse_error(".5", 2), "not a decimal amount");
	CHECK_STR(parse_error("-.5", 2), "not a decimal amount");
	CHECK_STR(parse_error("1..2", 2), "not a decimal amount");
	CHECK_STR(parse_error("1.2.3", 2), "not a decimal amount");
	CHECK_STR(parse_error(" 1", 2), "not a decimal amount");
	CHECK_STR(parse_error("1 ", 2), "not a decimal amount");
	CHECK_STR(parse_error("1,5", 2), "not a decimal amount");
	CHECK_STR(parse_error("1,000.00", 2), "not a decimal amount");
	CHECK_STR(parse_error("$1", 2), "not a decimal amount");
	CHECK_STR(parse_error("1 USD", 2), "not a decimal amount");
	CHECK_STR(parse_error("--1", 2), "not a decimal amount");
	CHECK_STR(parse_error("+-1", 2), "not a decimal amount");
	CHECK_STR(parse_error("0x10", 2), "not a decimal amount");
	CHECK_STR(parse_error("1_000", 2), "not a decimal amount");
	CHECK_STR(parse_error("inf", 2), "not a decimal amount");
	CHECK_STR(parse_error("NaN", 2), "not a decimal amount");
	CHECK_STR(parse_error("e5", 2), "not a decimal amount");
	CHECK_STR(parse_error("1e", 2), "not a decimal amount");
	CHECK_STR(parse_error("1e+", 2), "not a decimal amount");
	CHECK_STR(parse_error("1e-", 2), "not a decimal amount");
	CHECK_STR(parse_error("1.e5", 2), "not a decimal amount");
	CHECK_STR(parse_error("1e5.5", 2), "not a decimal amount");
	CHECK_STR(parse_error("\xd9\xa1", 2), "not a decimal amount");

	/* The length counts, not the NUL: a NUL inside is not a digit, and
	 * what is past len is not read. */
	crm_err_clear(&err);
	CHECK_INT(crm_money_parse("1\0", 2, 2, &(int64_t){0}, &err),
	    CRM_EDATA);
	{
		int64_t v = 0;

		CHECK_INT(crm_money_parse("1.505", 3, 2, &v, &err), CRM_OK);
		CHECK_INT(v, 150);
	}

	/* The exponent is the caller's: out of 0..18 is a bug. */
	CHECK_INT(amount("1", -1), -777);
	CHECK_INT(rc, CRM_EINTERNAL);
	CHECK_INT(amount("1", 19), -777);
	CHECK_INT(rc, CRM_EINTERNAL);
	CHECK_INT(amount("9.223372036854775807", 18), INT64_MAX);
}

static void
test_parse_range(void)
{
	CHECK_INT(amount("92233720368547758.07", 2), INT64_MAX);
	CHECK_STR(parse_error("92233720368547758.08", 2),
	    "amount out of range");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_INT(amount("-92233720368547758.08", 2), INT64_MIN);
	CHECK_STR(parse_error("-92233720368547758.09", 2),
	    "amount out of range");
	CHECK_INT(amount("9223372036854775807", 0), INT64_MAX);
	CHECK_STR(parse_error("9223372036854775808", 0),
	    "amount out of range");
	CHECK_INT(amount("-9223372036854775808", 0), INT64_MIN);
	CHECK_STR(parse_error("-9223372036854775809", 0),
	    "amount out of range");
	CHECK_STR(parse_error("9223372036854.775807", 3),
	    "more than 3 decimals");
	CHECK_INT(amount("9223372036854775.807", 3), INT64_MAX);
	CHECK_INT(amount("922337203685477.5807", 4), INT64_MAX);
	CHECK_INT(amount("922337203685477580.7e1", 0), INT64_MAX);
	CHECK_INT(amount("9.223372036854775807e18", 0), INT64_MAX);
	CHECK_STR(parse_error("99999999999999999999", 0),
	    "amount out of range");
	CHECK_STR(parse_error("10000000000000000000", 0),
	    "amount out of range");
	CHECK_INT(amount("1e18", 0), INT64_C(1000000000000000000));
	CHECK_STR(parse_error("1e19", 0), "amount out of range");
	CHECK_STR(parse_error("1e17", 2), "amount out of range");
	CHECK_INT(amount("9.2e16", 2), INT64_C(9200000000000000000));
	CHECK_STR(parse_error("-1e17", 2), "amount out of range");
}

static void
test_format(void)
{
	CHECK_STR(format(150, 2), "1.50");
	CHECK_STR(format(-5, 2), "-0.05");
	CHECK_STR(format(-100, 2), "-1.00");
	CHECK_STR(format(1500, 0), "1500");
	CHECK_STR(format(-3, 0), "-3");
	CHECK_STR(format(0, 2), "0.00");
	CHECK_STR(format(0, 0), "0");
	CHECK_STR(format(0, 3), "0.000");
	CHECK_STR(format(5, 3), "0.005");
	CHECK_STR(format(-1234, 3), "-1.234");
	CHECK_STR(format(12345, 4), "1.2345");
	CHECK_STR(format(1, 4), "0.0001");
	CHECK_STR(format(123456789, 2), "1234567.89");
	CHECK_STR(format(INT64_MAX, 2), "92233720368547758.07");
	CHECK_STR(format(INT64_MIN, 2), "-92233720368547758.08");
	CHECK_STR(format(INT64_MIN, 0), "-9223372036854775808");
	CHECK_STR(format(INT64_MAX, 18), "9.223372036854775807");
	CHECK_STR(format(INT64_MIN, 18), "-9.223372036854775808");
	CHECK_STR(format(1, 18), "0.000000000000000001");
	/* A bad exponent is clamped to 0..18, never a buffer overrun. */
	CHECK_STR(format(150, -1), "150");
	CHECK_STR(format(-150, 25), "-0.000000000000000150");
	/* "-0.00" parses to plain zero, which prints unsigned. */
	CHECK_STR(format(amount("-0.00", 2), 2), "0.00");
}

static void
test_add_sub(void)
{
	int64_t v;

	CHECK_INT(crm_money_add(150, 275, &v, &err), CRM_OK);
	CHECK_INT(v, 425);
	CHECK_INT(crm_money_add(150, -275, &v, &err), CRM_OK);
	CHECK_INT(v, -125);
	CHECK_INT(crm_money_add(INT64_MAX, 0, &v, &err), CRM_OK);
	CHECK_INT(v, INT64_MAX);
	CHECK_INT(crm_money_add(INT64_MIN, INT64_MAX, &v, &err), CRM_OK);
	CHECK_INT(v, -1);
	CHECK_INT(crm_money_add(INT64_MAX - 1, 1, &v, &err), CRM_OK);
	CHECK_INT(v, INT64_MAX);
	v = 42;
	crm_err_clear(&err);
	CHECK_INT(crm_money_add(INT64_MAX, 1, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "amount out of range");
	CHECK_INT(v, 42);
	CHECK_INT(crm_money_add(INT64_MIN, -1, &v, &err), CRM_EDATA);
	CHECK_INT(crm_money_add(INT64_MIN + 1, -1, &v, &err), CRM_OK);
	CHECK_INT(v, INT64_MIN);

	CHECK_INT(crm_money_sub(150, 275, &v, &err), CRM_OK);
	CHECK_INT(v, -125);
	CHECK_INT(crm_money_sub(-1, INT64_MAX, &v, &err), CRM_OK);
	CHECK_INT(v, INT64_MIN);
	v = 42;
	crm_err_clear(&err);
	CHECK_INT(crm_money_sub(-2, INT64_MAX, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "amount out of range");
	CHECK_INT(v, 42);
	CHECK_INT(crm_money_sub(0, INT64_MIN, &v, &err), CRM_EDATA);
	CHECK_INT(crm_money_sub(INT64_MAX, -1, &v, &err), CRM_EDATA);
	CHECK_INT(crm_money_sub(-1, INT64_MIN, &v, &err), CRM_OK);
	CHECK_INT(v, INT64_MAX);
}

static void
test_mul(void)
{
	CHECK_INT(mul(250, "3"), 750);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(mul(250, "2.5"), 625);
	CHECK_INT(mul(250, "0"), 0);
	CHECK_INT(mul(250, "-1"), -250);
	CHECK_INT(mul(250, "1e1"), 2500);

	/* Halves go away from zero, whatever the signs; never to even. */
	CHECK_INT(mul(199, "1.5"), 299);         /* 298.5 */
	CHECK_INT(mul(-199, "1.5"), -299);
	CHECK_INT(mul(199, "-1.5"), -299);
	CHECK_INT(mul(-199, "-1.5"), 299);
	CHECK_INT(mul(1, "0.5"), 1);
	CHECK_INT(mul(-1, "0.5"), -1);
	CHECK_INT(mul(3, "0.5"), 2);             /* 1.5 */
	CHECK_INT(mul(5, "0.5"), 3);             /* 2.5: to even would be 2 */
	CHECK_INT(mul(7, "0.5"), 4);
	CHECK_INT(mul(-5, "0.5"), -3);
	CHECK_INT(mul(25, "0.1"), 3);            /* 2.5 */
	CHECK_INT(mul(25, "0.3"), 8);            /* 7.5 */
	/* Just under and just over a half. */
	CHECK_INT(mul(1, "0.499999999"), 0);
	CHECK_INT(mul(1, "0.500000000"), 1);
	CHECK_INT(mul(1, "0.500000001"), 1);
	CHECK_INT(mul(-1, "0.499999999"), 0);
	CHECK_INT(mul(24, "0.5"), 12);
	CHECK_INT(mul(25, "0.496"), 12);         /* 12.4 */
	CHECK_INT(mul(25, "0.504"), 13);         /* 12.6 */
	CHECK_INT(mul(-25, "0.504"), -13);
	/* Nine decimals of quantity, the smallest step. */
	CHECK_INT(mul(1, "0.000000001"), 0);
	CHECK_INT(mul(500000000, "0.000000001"), 1);   /* 0.5 */
	CHECK_INT(mul(499999999, "0.000000001"), 0);
	CHECK_INT(mul(-500000000, "0.000000001"), -1);
	CHECK_INT(mul(1000000000, "0.000000001"), 1);

	/* The header's examples through parse and format, at exponents
	 * 0, 2, 3 and 4: 12.5 minor units round to 13. */
	CHECK_STR(line_amount("25", "0.5", 0), "13");
	CHECK_STR(line_amount("-25", "0.5", 0), "-13");
	CHECK_STR(line_amount("0.25", "0.5", 2), "0.13");
	CHECK_STR(line_amount("-0.25", "0.5", 2), "-0.13");
	CHECK_STR(line_amount("0.25", "0.496", 2), "0.12");
	CHECK_STR(line_amount("0.025", "0.5", 3), "0.013");
	CHECK_STR(line_amount("0.025", "-0.5", 3), "-0.013");
	CHECK_STR(line_amount("0.0025", "0.5", 4), "0.0013");
	CHECK_STR(line_amount("-0.0025", "0.5", 4), "-0.0013");
	CHECK_STR(line_amount("19.99", "3", 2), "59.97");
	CHECK_STR(line_amount("0.10", "3", 2), "0.30");

	/* Bad quantities. */
	CHECK_INT(mul(1, "0.0000000001"), -777);
	CHECK_STR(err.msg, "quantity: more than 9 decimals");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_INT(mul(1, ""), -777);
	CHECK_STR(err.msg, "quantity: not a decimal number");
	CHECK_INT(mul(1, "2 pcs"), -777);
	CHECK_STR(err.msg, "quantity: not a decimal number");
	CHECK_INT(mul(1, ".5"), -777);
	CHECK_STR(err.msg, "quantity: not a decimal number");
	CHECK_INT(mul(1, "1e10"), -777);
	CHECK_STR(err.msg, "quantity: number out of range");
	CHECK_INT(mul(1, "9223372036"), 9223372036);

	/* Overflow at both ends. */
	CHECK_INT(mul(INT64_MAX, "1"), INT64_MAX);
	CHECK_INT(mul(INT64_MAX, "-1"), -INT64_MAX);
	CHECK_INT(mul(INT64_MIN, "1"), INT64_MIN);
	CHECK_INT(mul(INT64_MAX, "0.5"), INT64_C(4611686018427387904));
	CHECK_INT(mul(INT64_MIN, "0.5"), INT64_C(-4611686018427387904));
	CHECK_INT(mul(INT64_C(4611686018427387903), "2"), INT64_MAX - 1);
	CHECK_INT(mul(INT64_MIN, "-1"), -777);
	CHECK_STR(err.msg, "amount out of range");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_INT(mul(INT64_MAX, "2"), -777);
	CHECK_INT(mul(INT64_MAX, "1.000000001"), -777);
	CHECK_INT(mul(INT64_MIN, "1.000000001"), -777);
	CHECK_INT(mul(INT64_MAX, "9223372036"), -777);
	CHECK_STR(err.msg, "amount out of range");
}

static void
test_percent(void)
{
	CHECK_INT(percent(10000, "12.5"), 1250);
	CHECK_INT(rc, CRM_OK);
	CHECK_INT(percent(12345, "100"), 12345);
	CHECK_INT(percent(12345, "0"), 0);
	CHECK_INT(percent(200, "150"), 300);
	CHECK_INT(percent(200, "-10"), -20);
	CHECK_INT(percent(125, "10"), 13);       /* 12.5 */
	CHECK_INT(percent(-125, "10"), -13);
	CHECK_INT(percent(125, "-10"), -13);
	CHECK_INT(percent(-125, "-10"), 13);
	CHECK_INT(percent(124, "10"), 12);       /* 12.4 */
	CHECK_INT(percent(126, "10"), 13);       /* 12.6 */
	CHECK_INT(percent(1, "50"), 1);          /* 0.5 */
	CHECK_INT(percent(-1, "50"), -1);
	CHECK_INT(percent(3, "50"), 2);          /* 1.5 */
	CHECK_INT(percent(5, "50"), 3);          /* 2.5, not to even */
	CHECK_INT(percent(1, "49.999999999"), 0);
	CHECK_INT(percent(1, "0.000000001"), 0);
	CHECK_INT(percent(1999, "7.5"), 150);    /* 149.925 */
	CHECK_INT(percent(1990, "7.5"), 149);    /* 149.25 */
	CHECK_INT(percent(1994, "7.5"), 150);    /* 149.55 */
	CHECK_INT(percent(INT64_MAX, "100"), INT64_MAX);
	CHECK_INT(percent(INT64_MIN, "100"), INT64_MIN);
	CHECK_INT(percent(INT64_MAX, "50"), INT64_C(4611686018427387904));
	CHECK_INT(percent(INT64_MAX, "100.000000001"), -777);
	CHECK_STR(err.msg, "amount out of range");
	CHECK_INT(rc, CRM_EDATA);
	CHECK_INT(percent(INT64_MIN, "-100"), -777);
	CHECK_STR(err.msg, "amount out of range");
	CHECK_INT(percent(INT64_MAX, "-100"), -INT64_MAX);
	CHECK_INT(percent(1, "12.5%"), -777);
	CHECK_STR(err.msg, "percentage: not a decimal number");
	CHECK_INT(percent(1, "1.0000000001"), -777);
	CHECK_STR(err.msg, "percentage: more than 9 decimals");
}

/* Split total by weights[0..n) into got; 0 or the result code. */
static int
split(int64_t total, const int64_t *weights, size_t n, int64_t *got)
{
	crm_err_clear(&err);
	return crm_money_split(total, weights, n, got, &err);
}

static void
test_split(void)
{
	static const int64_t ones[] = { 1, 1, 1, 1, 1, 1, 1 };
	int64_t got[7], w[5];
	int64_t total, sum, exact;
	size_t i, bad = 0;

	CHECK_INT(split(100, ones, 3, got), CRM_OK);
	CHECK_INT(got[0], 34);
	CHECK_INT(got[1], 33);
	CHECK_INT(got[2], 33);
	CHECK_INT(split(-100, ones, 3, got), CRM_OK);
	CHECK_INT(got[0], -34);
	CHECK_INT(got[1], -33);
	CHECK_INT(got[2], -33);
	CHECK_INT(split(1000, ones, 7, got), CRM_OK);   /* 142.857... */
	CHECK_INT(got[0], 143);
	CHECK_INT(got[5], 143);
	CHECK_INT(got[6], 142);
	/* Two exact halves cannot both round up: the earlier one does. */
	CHECK_INT(split(1, ones, 2, got), CRM_OK);
	CHECK_INT(got[0], 1);
	CHECK_INT(got[1], 0);
	CHECK_INT(split(-1, ones, 2, got), CRM_OK);
	CHECK_INT(got[0], -1);
	CHECK_INT(got[1], 0);
	CHECK_INT(split(101, ones, 2, got), CRM_OK);
	CHECK_INT(got[0], 51);
	CHECK_INT(got[1], 50);
	CHECK_INT(split(0, ones, 3, got), CRM_OK);
	CHECK_INT(got[0], 0);
	CHECK_INT(got[2], 0);
	/* 1.5 1.5 1.5 0.5 of 5: two pennies left, the first two halves. */
	w[0] = 3; w[1] = 3; w[2] = 3; w[3] = 1;
	CHECK_INT(split(5, w, 4, got), CRM_OK);
	CHECK_INT(got[0], 2);
	CHECK_INT(got[1], 2);
	CHECK_INT(got[2], 1);
	CHECK_INT(got[3], 0);
	/* 16.67 33.33 50: the largest remainder is the first. */
	w[0] = 1; w[1] = 2; w[2] = 3;
	CHECK_INT(split(100, w, 3, got), CRM_OK);
	CHECK_INT(got[0], 17);
	CHECK_INT(got[1], 33);
	CHECK_INT(got[2], 50);
	/* 22.22 77.78: the penny goes to the later, larger remainder. */
	w[0] = 2; w[1] = 7;
	CHECK_INT(split(100, w, 2, got), CRM_OK);
	CHECK_INT(got[0], 22);
	CHECK_INT(got[1], 78);
	CHECK_INT(split(-100, w, 2, got), CRM_OK);
	CHECK_INT(got[0], -22);
	CHECK_INT(got[1], -78);
	/* Exact shares need no pennies. */
	w[0] = 1; w[1] = 2; w[2] = 3; w[3] = 4;
	CHECK_INT(split(10, w, 4, got), CRM_OK);
	CHECK_INT(got[0], 1);
	CHECK_INT(got[1], 2);
	CHECK_INT(got[2], 3);
	CHECK_INT(got[3], 4);
	/* A zero weight gets nothing, even when pennies are left over. */
	w[0] = 0; w[1] = 1; w[2] = 1;
	CHECK_INT(split(7, w, 3, got), CRM_OK);
	CHECK_INT(got[0], 0);
	CHECK_INT(got[1], 4);
	CHECK_INT(got[2], 3);
	w[0] = 0; w[1] = 1; w[2] = 0;
	CHECK_INT(split(100, w, 3, got), CRM_OK);
	CHECK_INT(got[0], 0);
	CHECK_INT(got[1], 100);
	CHECK_INT(got[2], 0);

	/* Extremes: the sum of weights and the products need 128 bits. */
	CHECK_INT(split(INT64_MAX, ones, 2, got), CRM_OK);
	CHECK_INT(got[0], INT64_C(4611686018427387904));
	CHECK_INT(got[1], INT64_C(4611686018427387903));
	CHECK_INT(split(INT64_MIN, ones, 1, got), CRM_OK);
	CHECK_INT(got[0], INT64_MIN);
	CHECK_INT(split(INT64_MIN, ones, 2, got), CRM_OK);
	CHECK_INT(got[0], INT64_C(-4611686018427387904));
	CHECK_INT(got[1], INT64_C(-4611686018427387904));
	w[0] = INT64_MAX; w[1] = INT64_MAX; w[2] = INT64_MAX;
	CHECK_INT(split(10, w, 3, got), CRM_OK);
	CHECK_INT(got[0], 4);
	CHECK_INT(got[1], 3);
	CHECK_INT(got[2], 3);
	/* (2^63-1)^2 / 2^63 = 2^63 - 2 + 1/2^63, and (2^63-1) / 2^63:
	 * the penny goes to the second, whose remainder is far larger. */
	w[0] = INT64_MAX; w[1] = 1;
	CHECK_INT(split(INT64_MAX, w, 2, got), CRM_OK);
	CHECK_INT(got[0], INT64_MAX - 1);
	CHECK_INT(got[1], 1);

	/* Bad weights. */
	w[0] = 1; w[1] = -1;
	CHECK_INT(split(100, w, 2, got), CRM_EDATA);
	CHECK_STR(err.msg, "split: weight 2 is negative");
	w[0] = 0; w[1] = 0;
	CHECK_INT(split(100, w, 2, got), CRM_EDATA);
	CHECK_STR(err.msg, "split: the weights add up to zero");
	CHECK_INT(split(100, w, 0, got), CRM_EDATA);

	/* For many totals, shares add up exactly and each is within one
	 * minor unit of its exact value. */
	w[0] = 1; w[1] = 2; w[2] = 0; w[3] = 5; w[4] = 3;
	for (total = -1000; total <= 1000; total++) {
		if (split(total, w, 5, got) != CRM_OK) {
			bad++;
			continue;
		}
		for (sum = 0, i = 0; i < 5; i++) {
			sum += got[i];
			exact = got[i] * 11 - total * w[i];
			if (exact <= -11 || exact >= 11)
				bad++;
		}
		if (sum != total)
			bad++;
	}
	CHECK_INT(bad, 0);
}

static void
test_rec(void)
{
	static const char json[] =
	    "{\"a\":\"12.30\",\"b\":12.3,\"c\":null,\"d\":true,\"e\":[1],"
	    "\"f\":\"x\",\"g\":\"1.234\",\"h\":1e2,\"i\":\"\",\"j\":{}}";
	crm_rec *r = crm_rec_new();
	crm_buf out = CRM_BUF_INIT;
	int64_t v;

	CHECK_INT(crm_rec_parse(r, json, strlen(json), &err), CRM_OK);
	crm_rec_set_place(r, "in.jsonl", 7);
	CHECK_INT(crm_money_get(r, "a", 2, &v, &err), CRM_OK);
	CHECK_INT(v, 1230);
	CHECK_INT(crm_money_get(r, "b", 2, &v, &err), CRM_OK);
	CHECK_INT(v, 1230);
	CHECK_INT(crm_money_get(r, "h", 2, &v, &err), CRM_OK);
	CHECK_INT(v, 10000);
	CHECK_INT(crm_money_get(r, "a", 0, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: a: more than 0 decimals");
	v = 42;
	CHECK_INT(crm_money_get(r, "c", 2, &v, &err), CRM_END);
	CHECK_INT(crm_money_get(r, "nope", 2, &v, &err), CRM_END);
	CHECK_INT(v, 42);
	CHECK_INT(crm_money_get(r, "d", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: d: not a decimal amount");
	CHECK_INT(crm_money_get(r, "e", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: e: not a decimal amount");
	CHECK_INT(crm_money_get(r, "j", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: j: not a decimal amount");
	CHECK_INT(crm_money_get(r, "f", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: f: not a decimal amount");
	CHECK_INT(crm_money_get(r, "g", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: g: more than 2 decimals");
	/* An empty string is not a missing value. */
	CHECK_INT(crm_money_get(r, "i", 2, &v, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:7: i: not a decimal amount");
	CHECK_INT(v, 42);

	crm_rec_clear(r);
	CHECK_INT(crm_money_set(r, "total", 1230, 2, &err), CRM_OK);
	CHECK_INT(crm_money_set(r, "fee", -5, 3, &err), CRM_OK);
	CHECK_INT(crm_money_set(r, "total", -123456, 2, &err), CRM_OK);
	CHECK_INT(crm_rec_type(r, 0), CRM_STRING);
	CHECK_STR(crm_rec_get(r, "total"), "-1234.56");
	CHECK_INT(crm_rec_write_json(r, &out, &err), CRM_OK);
	CHECK_STR(out.data, "{\"total\":\"-1234.56\",\"fee\":\"-0.005\"}");
	CHECK_INT(crm_money_get(r, "total", 2, &v, &err), CRM_OK);
	CHECK_INT(v, -123456);
	crm_buf_free(&out);
	crm_rec_free(r);
}

int
main(void)
{
	RUN(test_currency);
	RUN(test_parse);
	RUN(test_parse_range);
	RUN(test_format);
	RUN(test_add_sub);
	RUN(test_mul);
	RUN(test_percent);
	RUN(test_split);
	RUN(test_rec);
	DONE();
}
