/*
 * fuzz_care_template.c - campaign message templates: any bytes either
 * parse (then filling them gives text no longer than the template plus
 * the fields' text) or fail with CRM_ECONFIG and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fields[] = "{\"name\":\"上海华东\",\"customer_id\":\"C-1\","
	"\"region\":\"East\",\"contact_name\":\"Zhou {Li}\",\"to\":null}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_care_template *t;
	crm_buf out = CRM_BUF_INIT;
	crm_rec *r;
	crm_err err;
	size_t n;

	if (crm_care_template_parse((const char *)data, size, "fuzz", &t,
	    &err) != CRM_OK) {
		if (err.code != CRM_ECONFIG || t != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if ((r = crm_rec_new()) == NULL ||
	    crm_rec_parse(r, fields, strlen(fields), &err) != CRM_OK)
		abort();
	if (crm_care_template_fill(t, r, &out, &err) != CRM_OK)
		abort();
	n = strlen(crm_care_template_text(t));
	/* Each placeholder takes at least 3 bytes and gives at most 14. */
	if (n != size || out.len > size * 5)
		abort();
	crm_buf_free(&out);
	crm_rec_free(r);
	crm_care_template_free(t);
	return 0;
}
