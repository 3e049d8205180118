/*
 * fuzz_text.c - the normalisers of what people type: any UTF-8 either
 * normalises with the promised shape or is refused with CRM_EDATA.
 */
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Records hand out valid UTF-8 only; other bytes never reach these. */
static int
valid_utf8(const uint8_t *s, size_t n)
{
	size_t i = 0, k, j;

	while (i < n) {
		uint8_t c = s[i];

		k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 :
		    (c >> 3) == 30 ? 4 : 0;
		if (k == 0 || i + k > n || c == 0)
			return 0;
		for (j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	crm_buf out = CRM_BUF_INIT, again = CRM_BUF_INIT;
	crm_err err;
	unsigned flags;
	size_t i;

	if (!valid_utf8(data, size))
		return 0;
	for (flags = 0; flags < 16; flags++) {
		if (crm_text_norm(&out, s, size, flags, &err) != CRM_OK)
			abort();
		if ((flags & CRM_TEXT_TRIM) && out.len > 0 &&
		    (out.data[0] == ' ' || out.data[out.len - 1] == ' '))
			abort();
	}
	if (crm_email_norm(&out, s, size, &err) == CRM_OK) {
		/* accepted once, accepted again unchanged */
		if (crm_email_norm(&again, out.data, out.len, &err) != CRM_OK ||
		    again.len != out.len || memcmp(again.data, out.data,
		    out.len) != 0)
			abort();
	} else if (err.code != CRM_EDATA) {
		abort();
	}
	if (crm_phone_norm(&out, s, size, "86", &err) == CRM_OK) {
		if (out.data[0] != '+' || out.len < 8 || out.len > 16)
			abort();
		for (i = 1; i < out.len; i++)
			if (out.data[i] < '0' || out.data[i] > '9')
				abort();
	} else if (err.code != CRM_EDATA) {
		abort();
	}
	crm_buf_free(&out);
	crm_buf_free(&again);
	return 0;
}
