/*
 * fuzz_conf.c - rule files: whatever the bytes, loading gives an object
 * or CRM_ECONFIG with a message, and typed lookups never crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	json_t *root;
	crm_err err;
	const char *s;
	long long n;
	int rc;

	path = fuzz_file("conf", data, size);
	rc = crm_conf_load(path, &root, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || root != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (!json_is_object(root))
		abort();
	rc = crm_conf_string(root, "name", 0, path, NULL, &s, &err);
	if (rc != CRM_OK && rc != CRM_END && rc != CRM_ECONFIG)
		abort();
	rc = crm_conf_int(root, "weight", 1, 0, 100, path, "rules", &n, &err);
	if (rc == CRM_OK && (n < 0 || n > 100))
		abort();
	json_decref(root);
	return 0;
}
