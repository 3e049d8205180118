/*
 * fuzz_identity_norm.c - identity resolution's normalisers over any
 * bytes (a byte that is not UTF-8 becomes U+FFFD): each gives a key of
 * the promised shape or no key, never an error; names are alike to
 * themselves and similarity stays within 0..1.
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
	check_rc(crm_identity_phone(&out, s, size, NULL, &err), &out);
	rc = crm_identity_code(&out, s, size, &err);
	check_rc(rc, &out);
	for (i = 0; rc == CRM_OK && i < out.len; i++)
		if (!((out.data[i] >= 'A' && out.data[i] <= 'Z') ||
		    (out.data[i] >= '0' && out.data[i] <= '9')))
			abort();
	rc = crm_identity_street(&out, s, size, &err);
	check_rc(rc, &out);
	check_words(&out);
	rc = crm_identity_city(&out, s, size, &err);
	check_rc(rc, &out);
	rc = crm_identity_name(&out, s, size, &err);
	check_rc(rc, &out);
	check_words(&out);
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
	crm_buf_free(&out);
	crm_buf_free(&other);
	return 0;
}
