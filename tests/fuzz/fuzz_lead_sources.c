/*
 * fuzz_lead_sources.c - lead source files: any bytes either load (and
 * then every canonical name maps to itself, unknown names to nothing) or
 * fail with CRM_ECONFIG and a message.
 */
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"web", " Web-Form ", "\xe7\xbd\x91\xe7\xab\x99", "", "!!!",
	"\xef\xbc\xb7", "a b  c",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_lead_sources *s;
	const char *path = fuzz_file("sources", data, size);
	const char *c;
	crm_err err;
	size_t i;
	int rc;

	rc = crm_lead_sources_load(path, &s, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || s != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	/* A canonical name is a name of itself. */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((c = crm_lead_source(s, names[i], strlen(names[i]))) !=
		    NULL && crm_lead_source(s, c, strlen(c)) != c)
			abort();
	crm_lead_sources_free(s);
	return 0;
}
