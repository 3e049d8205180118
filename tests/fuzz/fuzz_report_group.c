/*
 * fuzz_report_group.c - the group filter over records from outside: keys
 * with periods (dates and instants in any shape) and every aggregate
 * over values in any shape (decimals, exponents, strings, nesting).
 * Every record is taken or refused with CRM_EDATA and a message; the
 * rows written are JSON that parses back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every row written parses back as a record. */
static void
check_rows(const char *path)
{
	crm_rec *r = crm_rec_new();
	crm_in *in;
	crm_err err;
	int rc;

	if (crm_in_open(&in, path, CRM_FMT_JSONL, &err) != CRM_OK)
		abort();
	while ((rc = crm_in_read(in, r, &err)) != CRM_END)
		if (rc != CRM_OK)
			abort();
	crm_in_close(in);
	crm_rec_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "k,d:week", "d:month,k:year",
	    NULL };
	static char path[64];
	crm_report_spec spec = { 0 };
	crm_report *rep = NULL;
	crm_group *g = NULL;
	crm_rec *r = crm_rec_new();
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t n, nkeys, k;
	crm_err err;
	int rc;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/crm-fuzz-group-%ld",
		    (long)getpid());
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		if (crm_group_new(keys[k], "count,sum:v,mean:v,min:v,max:v,"
		    "median:v,p90:w,distinct:k,count:w,sum:w", &g, &err) !=
		    CRM_OK)
			abort();
		for (p = (const char *)data; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			if (crm_rec_parse(r, p, (size_t)(nl - p), &err) !=
			    CRM_OK)
				continue;
			rc = crm_group_add(g, r, &err);
			if (rc != CRM_OK && (rc != CRM_EDATA ||
			    err.msg[0] == '\0'))
				abort();
		}
		spec.columns = crm_group_columns(g, &n, &nkeys);
		spec.ncolumns = n;
		spec.nkeys = nkeys;
		if (crm_report_open(&rep, &spec, path, CRM_FMT_JSONL, 0, NULL,
		    0, &err) != CRM_OK || crm_group_write(g, rep, &err) !=
		    CRM_OK || crm_report_close(rep, &err) != CRM_OK) {
			fprintf(stderr, "%s\n", err.msg);
			abort();
		}
		crm_group_free(g);
		check_rows(path);
	}
	crm_rec_free(r);
	return 0;
}
