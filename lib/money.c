/*
 * money.c - exact amounts in integer minor units.
 *
 * A decimal string is read digit by digit into an integer at the wanted
 * scale; products are formed in 128 bits and rounded once, half away from
 * zero.  There is no binary floating point on any path, so an amount
 * never picks up a stray 0.0000001.
 */
#include "internal.h"

__extension__ typedef __int128 i128;

/* Quantities and percentages are read as integers at 9 decimals. */
#define FACTOR_EXPONENT 9
#define FACTOR_SCALE 1000000000

/* 10^18 is the largest power of ten an int64 holds; an amount needs its
 * integer digit, so more decimals than this cannot mean anything. */
#define MAX_EXPONENT 18

/* Exponents beyond this are as out of range as the saturated value. */
#define EXPONENT_CAP 1000000000000000LL

/*
 * ISO 4217 list one, sorted by code.  Left out: the codes whose minor
 * unit is "N.A." (metals XAU XAG XPD XPT, XDR, XSU, XUA, the bond units
 * XBA-XBD, XTS, XXX) and HRK, replaced by EUR in 2023.  Codes in
 * transition (ANG and XCG, SLL and SLE, ZWL and ZWG, CUC) are both in,
 * since data from either side of the change is still about.
 */
static const struct currency {
	char code[4];
	int exponent;
} currencies[] = {
	{ "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 },
	{ "AOA", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 },
	{ "BAM", 2 }, { "BBD", 2 }, { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 },
	{ "BIF", 0 }, { "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 },
	{ "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 }, { "BYN", 2 },
	{ "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHE", 2 }, { "CHF", 2 },
	{ "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 },
	{ "COU", 2 }, { "CRC", 2 }, { "CUC", 2 }, { "CUP", 2 }, { "CVE", 2 },
	{ "CZK", 2 }, { "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 },
	{ "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 }, { "FJD", 2 },
	{ "FKP", 2 }, { "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 },
	{ "GMD", 2 }, { "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 },
	{ "HNL", 2 }, { "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 },
	{ "INR", 2 }, { "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 },
	{ "JOD", 3 }, { "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 },
	{ "KMF", 0 }, { "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 }, { "KYD", 2 },
	{ "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 }, { "LRD", 2 },
	{ "LSL", 2 }, { "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 },
	{ "MKD", 2 }, { "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 },
	{ "MUR", 2 }, { "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 },
	{ "MYR", 2 }, { "MZN", 2 }, { "NAD", 2 }, { "NGN", 2 }, { "NIO", 2 },
	{ "NOK", 2 }, { "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 },
	{ "PEN", 2 }, { "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 },
	{ "PYG", 0 }, { "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 },
	{ "RWF", 0 }, { "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 },
	{ "SEK", 2 }, { "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SLL", 2 },
	{ "SOS", 2 }, { "SRD", 2 }, { "SSP", 2 }, { "STN", 2 }, { "SVC", 2 },
	{ "SYP", 2 }, { "SZL", 2 }, { "THB", 2 }, { "TJS", 2 }, { "TMT", 2 },
	{ "TND", 3 }, { "TOP", 2 }, { "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 },
	{ "TZS", 2 }, { "UAH", 2 }, { "UGX", 0 }, { "USD", 2 }, { "USN", 2 },
	{ "UYI", 0 }, { "UYU", 2 }, { "UYW", 4 }, { "UZS", 2 }, { "VED", 2 },
	{ "VES", 2 }, { "VND", 0 }, { "VUV", 0 }, { "WST", 2 }, { "XAF", 0 },
	{ "XCD", 2 }, { "XCG", 2 }, { "XOF", 0 }, { "XPF", 0 }, { "YER", 2 },
	{ "ZAR", 2 }, { "ZMW", 2 }, { "ZWG", 2 }, { "ZWL", 2 }
};

static int
compare_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct currency *)elem)->code);
}

int
crm_currency_exponent(const char *code, int *exponent, crm_err *err)
{
	const struct currency *c = NULL;
	int i;

	for (i = 0; code != NULL && i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			break;
	if (i == 3 && code[3] == '\0')
		c = bsearch(code, currencies, ARRAY_LEN(currencies),
		    sizeof(currencies[0]), compare_code);
	if (c == NULL)
		return crm_err_set(err, CRM_EDATA, "currency: unknown code %.16s",
		    code != NULL ? code : "(null)");
	*exponent = c->exponent;
	return CRM_OK;
}

enum { DEC_OK, DEC_SYNTAX, DEC_PRECISION, DEC_RANGE };

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read the decimal in s[0..len) as an integer count of 10^-exponent:
 * sign, digits, optionally '.' and digits, optionally e/E, sign, digits.
 * Both sides of the point need a digit ("1." and ".5" are not JSON and
 * not accepted); leading zeros are fine ("01.50" comes from spreadsheets).
 * The value is digits x 10^shift with the point dropped; it is exact when
 * every non-zero digit lands at or above the minor unit.
 */
static int
parse_decimal(const char *s, size_t len, int exponent, int64_t *out)
{
	const char *p = s, *end = s + len, *ip, *fp = NULL;
	size_t ilen, flen = 0, n, i, lo, hi;
	int64_t e = 0, shift;
	uint64_t u = 0;
	int neg = 0, eneg = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (ip = p; p < end && is_digit(*p); p++)
		;
	if ((ilen = (size_t)(p - ip)) == 0)
		return DEC_SYNTAX;
	if (p < end && *p == '.') {
		for (fp = ++p; p < end && is_digit(*p); p++)
			;
		if ((flen = (size_t)(p - fp)) == 0)
			return DEC_SYNTAX;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		if (++p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		if (p == end || !is_digit(*p))
			return DEC_SYNTAX;
		for (; p < end && is_digit(*p); p++)
			if (e < EXPONENT_CAP)
				e = e * 10 + (*p - '0');
	}
	if (p != end)
		return DEC_SYNTAX;

	/* Digit i of the number with the point taken out. */
#define DIGIT(i) ((i) < ilen ? ip[(i)] : fp[(i) - ilen])
	n = ilen + flen;
	for (lo = 0; lo < n && DIGIT(lo) == '0'; lo++)
		;
	if (lo == n) {
		*out = 0;       /* zero is exact at any scale, "-0.00" too */
		return DEC_OK;
	}
	for (hi = n - 1; DIGIT(hi) == '0'; hi--)
		;
	shift = exponent + (eneg ? -e : e) - (int64_t)flen +
	    (int64_t)(n - 1 - hi);
	if (shift < 0)
		return DEC_PRECISION;
	if ((int64_t)(hi - lo + 1) + shift > 19)
		return DEC_RANGE;
	/* At most 19 digits: below 10^19, which fits in a uint64. */
	for (i = lo; i <= hi; i++)
		u = u * 10 + (uint64_t)(DIGIT(i) - '0');
#undef DIGIT
	for (; shift > 0; shift--)
		u *= 10;
	if (u > (uint64_t)INT64_MAX + neg)
		return DEC_RANGE;
	*out = neg ? -(int64_t)(u - 1) - 1 : (int64_t)u;
	return DEC_OK;
}

/* Fill err for a parse_decimal result: "not a decimal amount" for an
 * amount, "quantity: not a decimal number" for a factor. */
static int
decimal_error(int rc, const char *prefix, const char *noun, int exponent,
    crm_err *err)
{
	switch (rc) {
	case DEC_SYNTAX:
		return crm_err_set(err, CRM_EDATA, "%snot a decimal %s",
		    prefix, noun);
	case DEC_PRECISION:
		return crm_err_set(err, CRM_EDATA, "%smore than %d decimals",
		    prefix, exponent);
	default:
		return crm_err_set(err, CRM_EDATA, "%s%s out of range", prefix,
		    noun);
	}
}

int
crm_money_parse(const char *s, size_t len, int exponent, int64_t *minor,
    crm_err *err)
{
	int rc;

	if (exponent < 0 || exponent > MAX_EXPONENT)
		return crm_err_set(err, CRM_EINTERNAL,
		    "money: bad exponent %d", exponent);
	rc = parse_decimal(s, len, exponent, minor);
	if (rc != DEC_OK)
		return decimal_error(rc, "", "amount", exponent, err);
	return CRM_OK;
}

/* An exponent outside 0..18 is a caller's bug; it is clamped so that the
 * result still fits in CRM_MONEY_BUFSZ. */
char *
crm_money_format(int64_t minor, int exponent, char *buf)
{
	uint64_t u = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;
	char digits[MAX_EXPONENT + 2];
	char *p = buf;
	int n = 0;

	if (exponent < 0)
		exponent = 0;
	if (exponent > MAX_EXPONENT)
		exponent = MAX_EXPONENT;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (n <= exponent)
		digits[n++] = '0';
	if (minor < 0)
		*p++ = '-';
	while (n-- > 0) {
		*p++ = digits[n];
		if (n == exponent && n > 0)
			*p++ = '.';
	}
	*p = '\0';
	return buf;
}

int
crm_money_add(int64_t a, int64_t b, int64_t *sum, crm_err *err)
{
	int64_t v;

	if (__builtin_add_overflow(a, b, &v))
		return crm_err_set(err, CRM_EDATA, "amount out of range");
	*sum = v;
	return CRM_OK;
}

int
crm_money_sub(int64_t a, int64_t b, int64_t *diff, crm_err *err)
{
	int64_t v;

	if (__builtin_sub_overflow(a, b, &v))
		return crm_err_set(err, CRM_EDATA, "amount out of range");
	*diff = v;
	return CRM_OK;
}

/* n / d (d > 0) rounded half away from zero, if it fits an int64. */
static int
round_div(i128 n, i128 d, int64_t *out, crm_err *err)
{
	i128 q = n / d, r = n % d;

	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return crm_err_set(err, CRM_EDATA, "amount out of range");
	*out = (int64_t)q;
	return CRM_OK;
}

int
crm_money_mul(int64_t unit, const char *qty, size_t len, int64_t *amount,
    crm_err *err)
{
	int64_t q;
	int rc;

	rc = parse_decimal(qty, len, FACTOR_EXPONENT, &q);
	if (rc != DEC_OK)
		return decimal_error(rc, "quantity: ", "number",
		    FACTOR_EXPONENT, err);
	return round_div((i128)unit * q, FACTOR_SCALE, amount, err);
}

int
crm_money_percent(int64_t amount, const char *pct, size_t len,
    int64_t *part, crm_err *err)
{
	int64_t p;
	int rc;

	rc = parse_decimal(pct, len, FACTOR_EXPONENT, &p);
	if (rc != DEC_OK)
		return decimal_error(rc, "percentage: ", "number",
		    FACTOR_EXPONENT, err);
	return round_div((i128)amount * p, (i128)FACTOR_SCALE * 100, part,
	    err);
}

/*
 * The largest-remainder method: every share starts at its exact value
 * rounded towards zero, and the pennies this leaves go one each to the
 * shares with the largest remainders, the earliest first on a tie.  So a
 * share is rounded half away from zero unless the total forbids it.
 * Working on |total| and giving the sign back keeps it symmetric.  The
 * remainders are recomputed rather than stored, so nothing is allocated:
 * a binary search finds the smallest remainder that still earns a penny.
 */
int
crm_money_split(int64_t total, const int64_t *weights, size_t n,
    int64_t *shares, crm_err *err)
{
	i128 sum = 0, t, left, lo, hi, mid;
	int sign = total < 0 ? -1 : 1;
	size_t i, above;

	for (i = 0; i < n; i++) {
		if (weights[i] < 0)
			return crm_err_set(err, CRM_EDATA,
			    "split: weight %zu is negative", i + 1);
		sum += weights[i];
	}
	if (sum == 0)
		return crm_err_set(err, CRM_EDATA,
		    "split: the weights add up to zero");
	t = (i128)total * sign;
	left = t;
	for (i = 0; i < n; i++) {
		i128 whole = t * weights[i] / sum;

		/* A share of 2^63 comes only from INT64_MIN: it fits. */
		shares[i] = (int64_t)(whole * sign);
		left -= whole;
	}
	if (left == 0)
		return CRM_OK;
	/* Smallest x such that at most left remainders exceed x. */
	lo = 0;
	hi = sum - 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		for (above = 0, i = 0; i < n; i++)
			if (t * weights[i] % sum > mid)
				above++;
		if (above <= left)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (i = 0; i < n; i++) {
		if (t * weights[i] % sum > lo) {
			shares[i] += sign;
			left--;
		}
	}
	for (i = 0; i < n && left > 0; i++) {
		if (t * weights[i] % sum == lo) {
			shares[i] += sign;
			left--;
		}
	}
	return CRM_OK;
}

int
crm_money_get(const crm_rec *r, const char *key, int exponent,
    int64_t *minor, crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *text;
	crm_type type;
	crm_err why;
	size_t len;

	if (i < 0)
		return CRM_END;
	type = crm_rec_type(r, (size_t)i);
	if (type == CRM_NULL)
		return CRM_END;
	if (type != CRM_STRING && type != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, key,
		    "not a decimal amount");
	text = crm_rec_text(r, (size_t)i, &len);
	if (crm_money_parse(text, len, exponent, minor, &why) != CRM_OK)
		return crm_rec_fail(r, err, why.code, key, "%s", why.msg);
	return CRM_OK;
}

int
crm_money_set(crm_rec *r, const char *key, int64_t minor, int exponent,
    crm_err *err)
{
	char buf[CRM_MONEY_BUFSZ];

	crm_money_format(minor, exponent, buf);
	return crm_rec_set_str(r, key, buf, strlen(buf), err);
}
