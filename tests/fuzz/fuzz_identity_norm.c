/*
 * fuzz_identity_norm.c - identity resolution's normalisers over any
 * bytes (a byte that is not UTF-8 becomes U+FFFD): each gives a key of
 * the promised shape (valid UTF-8) or no key, never an error; a name or
 * street key is its own key; names are alike to themselves, similarity
 * stays within 0..1, and the score of two customers made of the input
 * within 0..100.
 */
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* No space at either end, none doubled, no ASCII capital. */
static void
check_words(const crm_buf *b)
{
	size_t i;

	if (b->len > 0 && (b->data[0] == ' ' || b->data[b->len - 1] == ' '))
		abort();
	for (i = 0; i < b->len; i++)
		if ((b->data[i] >= 'A' && b->data[i] <= 'Z') ||
		    (b->data[i] == ' ' && i + 1 < b->len &&
		    b->data[i + 1] == ' '))
			abort();
}

/* b is valid UTF-8: shortest forms, no surrogates, nothing past
 * U+10FFFF, no NUL. */
static void
check_utf8(const crm_buf *b)
{
	const unsigned char *p = (const unsigned char *)b->data;
	size_t i = 0, n, k;
	uint32_t c;

	while (i < b->len) {
		if (p[i] == 0)
			abort();
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : 2;
		if (p[i] < 0xc2 || p[i] > 0xf4 || i + n > b->len)
			abort();
		c = p[i] & (0x7f >> n);
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				abort();
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
			abort();
		i += n;
	}
}

/* fn of a key is the key again. */
static void
check_stable(int (*fn)(crm_buf *, const char *, size_t, crm_err *),
    const crm_buf *b)
{
	crm_buf again = CRM_BUF_INIT;
	crm_err err;

	if (fn(&again, b->data, b->len, &err) != CRM_OK ||
	    again.len != b->len || memcmp(again.data, b->data, b->len) != 0)
		abort();
	crm_buf_free(&again);
}

static void
check_rc(int rc, const crm_buf *b)
{
	if (rc == CRM_END ? b->len != 0 : rc != CRM_OK || b->len == 0 ||
	    strlen(b->data) != b->len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	crm_buf out = CRM_BUF_INIT, other = CRM_BUF_INIT;
	crm_err err;
	double sim;
	size_t i;
	int rc;

	rc = crm_identity_email(&out, s, size, &err);
	check_rc(rc, &out);
	if (rc == CRM_OK && strchr(out.data, '@') == NULL)
		abort();
	rc = crm_identity_phone(&out, s, size, "86", &err);
	check_rc(rc, &out);
	for (i = 0; rc == CRM_OK && i < out.len; i++)
		if (out.data[i] < '0' || out.data[i] > '9')
			abort();
	if (rc == CRM_OK && (out.len < 7 || out.len > 15))
		abort();
	rc = crm_identity_phone(&out, s, size, NULL, &err);
	check_rc(rc, &out);
	for (i = 0; rc == CRM_OK && i < out.len; i++)
		if (out.data[i] < '0' || out.data[i] > '9')
			abort();
	if (rc == CRM_OK && (out.len < 7 || out.len > 15))
		abort();
	rc = crm_identity_code(&out, s, size, &err);
	check_rc(rc, &out);
	for (i = 0; rc == CRM_OK && i < out.len; i++)
		if (!((out.data[i] >= 'A' && out.data[i] <= 'Z') ||
		    (out.data[i] >= '0' && out.data[i] <= '9')))
			abort();
	rc = crm_identity_street(&out, s, size, &err);
	check_rc(rc, &out);
	check_words(&out);
	check_utf8(&out);
	if (rc == CRM_OK)
		check_stable(crm_identity_street, &out);
	rc = crm_identity_city(&out, s, size, &err);
	check_rc(rc, &out);
	check_utf8(&out);
	rc = crm_identity_name(&out, s, size, &err);
	check_rc(rc, &out);
	check_words(&out);
	check_utf8(&out);
	if (rc == CRM_OK)
		check_stable(crm_identity_name, &out);
	if (rc == CRM_OK &&
	    crm_identity_name_similarity(out.data, out.data) != 1.0)
		abort();
	/* the first half against the whole */
	if (rc == CRM_OK && crm_identity_name(&other, s, size / 2, &err) ==
	    CRM_OK) {
		sim = crm_identity_name_similarity(out.data, other.data);
		if (!(sim >= 0.0 && sim <= 1.0 + 1e-9))
			abort();
	}
	/* two customers whose every key is the whole, or its first half */
	if (rc == CRM_OK && other.len > 0) {
		crm_identity_keys a = { out.data, out.data, out.data, out.data,
		    out.data, out.data, out.data, out.data };
		crm_identity_keys b = { other.data, out.data, other.data,
		    other.data, out.data, "", other.data, out.data };
		crm_identity_score sc;

		crm_identity_score_pair(&a, &b, &sc);
		if (sc.confidence < 0 || sc.confidence > 100 ||
		    sc.nevidence > CRM_IDENTITY_EVIDENCE_MAX)
			abort();
		for (i = 0; i < sc.nevidence; i++)
			if (memchr(sc.evidence[i], '\0',
			    sizeof(sc.evidence[i])) == NULL)
				abort();
	}
	crm_buf_free(&out);
	crm_buf_free(&other);
	return 0;
}
