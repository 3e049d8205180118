/*
 * text.c - normalising names, e-mail addresses and phone numbers.
 */
#include "internal.h"

/* The code point of the UTF-8 sequence at s (n bytes left), its length in
 * *k; input is valid UTF-8, so only the lengths are checked. */
static unsigned long
utf8_at(const unsigned char *s, size_t n, size_t *k)
{
	if (s[0] < 0x80 || n < 2) {
		*k = 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		*k = 2;
		return (unsigned long)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	}
	if (s[0] < 0xf0 && n >= 3) {
		*k = 3;
		return (unsigned long)(s[0] & 0x0f) << 12 |
		    (unsigned long)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	*k = n < 4 ? n : 4;
	return 0x10000;   /* outside every range below */
}

static int
is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static int
is_punct(unsigned c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

int
crm_text_norm(crm_buf *out, const char *s, size_t len, unsigned flags,
    crm_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	int pending = 0;   /* a space to write before the next character */

	crm_buf_reset(out);
	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return crm_err_nomem(err);
	while (i < len) {
		unsigned long c = utf8_at(p + i, len - i, &k);
		unsigned a;

		if ((flags & CRM_TEXT_HALFWIDTH) && c >= 0xff01 &&
		    c <= 0xff5e)
			c -= 0xfee0;
		else if ((flags & CRM_TEXT_HALFWIDTH) && c == 0x3000)
			c = ' ';
		if (c >= 0x80) {
			if (pending && out->len > 0)
				out->data[out->len++] = ' ';
			pending = 0;
			memcpy(out->data + out->len, p + i, k);
			out->len += k;
			i += k;
			continue;
		}
		a = (unsigned)c;
		i += k;
		if ((flags & CRM_TEXT_NOPUNCT) && is_punct(a))
			a = ' ';
		if ((flags & CRM_TEXT_TRIM) && is_space(a)) {
			pending = 1;
			continue;
		}
		if (pending && out->len > 0)
			out->data[out->len++] = ' ';
		pending = 0;
		if ((flags & CRM_TEXT_LOWER) && a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		out->data[out->len++] = (char)a;
	}
	if (pending && !(flags & CRM_TEXT_TRIM))
		out->data[out->len++] = ' ';
	out->data[out->len] = '\0';
	return CRM_OK;
}

static int
is_alnum_or_utf8(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int
local_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' && s[i + 1] == '.')
			return 0;
		if (!is_alnum_or_utf8(c) && c != '.' &&
		    strchr("!#$%&'*+/=?^_`{|}~-", c) == NULL)
			return 0;
	}
	return 1;
}

static int
domain_ok(const char *s, size_t n)
{
	size_t i, start = 0, labels = 0;

	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_alnum_or_utf8((unsigned char)s[i]) &&
			    s[i] != '-')
				return 0;
			continue;
		}
		/* a label s[start..i) */
		if (i == start || i - start > 63 || s[start] == '-' ||
		    s[i - 1] == '-')
			return 0;
		labels++;
		if (i == n && i - start < 2)
			return 0;
		start = i + 1;
	}
	return labels >= 2;
}

int
crm_email_norm(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	const char *at;
	int rc;

	if ((rc = crm_text_norm(out, s, len, CRM_TEXT_HALFWIDTH |
	    CRM_TEXT_TRIM | CRM_TEXT_LOWER, err)) != CRM_OK)
		return rc;
	at = memchr(out->data, '@', out->len);
	if (at == NULL || memchr(at + 1, '@', out->len -
	    (size_t)(at + 1 - out->data)) != NULL ||
	    !local_ok(out->data, (size_t)(at - out->data)) ||
	    !domain_ok(at + 1, out->len - (size_t)(at + 1 - out->data)))
		return crm_err_set(err, CRM_EDATA, "not an e-mail address");
	return CRM_OK;
}

int
crm_phone_norm(crm_buf *out, const char *s, size_t len,
    const char *country, crm_err *err)
{
	crm_buf t = CRM_BUF_INIT;
	size_t i, digits = 0, start;
	int rc, intl = 0;

	if ((rc = crm_text_norm(&t, s, len, CRM_TEXT_HALFWIDTH |
	    CRM_TEXT_TRIM, err)) != CRM_OK)
		return rc;
	crm_buf_reset(out);
	rc = crm_buf_addc(out, '+') == CRM_OK ? CRM_OK : crm_err_nomem(err);
	for (i = 0; rc == CRM_OK && i < t.len; i++) {
		char c = t.data[i];

		if (c == '+' && digits == 0 && !intl) {
			intl = 1;
		} else if (c >= '0' && c <= '9') {
			digits++;
			if (crm_buf_addc(out, c) != CRM_OK)
				rc = crm_err_nomem(err);
		} else if (strchr(" .-/()", c) == NULL) {
			rc = crm_err_set(err, CRM_EDATA,
			    "not a phone number");
		}
	}
	crm_buf_free(&t);
	if (rc != CRM_OK)
		return rc;
	start = 1;
	if (!intl && out->len >= 3 && out->data[1] == '0' &&
	    out->data[2] == '0') {
		intl = 1;
		start = 3;
	}
	if (!intl) {
		if (country == NULL || *country == '\0')
			return crm_err_set(err, CRM_EDATA,
			    "no country code (national number)");
		if (out->len > 1 && out->data[1] == '0')
			start = 2;
	}
	/* out is "+" digits: rebuild as "+" [country] digits[start..] */
	t = *out;
	*out = (crm_buf)CRM_BUF_INIT;
	rc = crm_buf_addc(out, '+');
	if (rc == CRM_OK && !intl)
		rc = crm_buf_adds(out, country);
	if (rc == CRM_OK)
		rc = crm_buf_add(out, t.data + start, t.len - start);
	crm_buf_free(&t);
	if (rc != CRM_OK)
		return crm_err_nomem(err);
	digits = out->len - 1;
	if (digits < 7 || digits > 15)
		return crm_err_set(err, CRM_EDATA,
		    "not a phone number (%zu digits; 7 to 15 with the country "
		    "code)", digits);
	return CRM_OK;
}
