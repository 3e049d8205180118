/*
 * fuzz_ordercode_layout.c - order-code layout files: any bytes either
 * load or fail with CRM_ECONFIG and a message; a layout that loads
 * encodes and decodes as exact inverses: a code it decodes encodes back
 * to itself and decodes again to the same record, and a record it
 * encodes decodes to values that encode to the same code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* code encodes back to itself from what it decodes to, which it decodes
 * to again; or it is refused with "position P: ...". */
static void
check_code(const crm_ordercode *oc, const char *code, size_t len)
{
	crm_rec *r = crm_rec_new(), *again = crm_rec_new();
	crm_buf c = CRM_BUF_INIT, j1 = CRM_BUF_INIT, j2 = CRM_BUF_INIT;
	crm_err err;
	int rc;

	if (r == NULL || again == NULL)
		abort();
	rc = crm_ordercode_decode(oc, code, len, r, &err);
	if (rc != CRM_OK) {
		if (rc != CRM_EDATA || strncmp(err.msg, "position ", 9) != 0)
			abort();
		goto out;
	}
	if (crm_ordercode_encode(oc, r, &c, &err) != CRM_OK ||
	    c.len != len || memcmp(c.data, code, len) != 0)
		abort();
	if (crm_ordercode_decode(oc, c.data, c.len, again, &err) != CRM_OK ||
	    crm_rec_write_json(r, &j1, &err) != CRM_OK ||
	    crm_rec_write_json(again, &j2, &err) != CRM_OK ||
	    j1.len != j2.len || memcmp(j1.data, j2.data, j1.len) != 0)
		abort();
out:
	crm_buf_free(&c);
	crm_buf_free(&j1);
	crm_buf_free(&j2);
	crm_rec_free(r);
	crm_rec_free(again);
}

/* A record that encodes gives a code that decodes and encodes back. */
static void
check_record(const crm_ordercode *oc, const char *json)
{
	crm_rec *r = crm_rec_new();
	crm_buf c = CRM_BUF_INIT;
	crm_err err;
	int rc;

	if (r == NULL || crm_rec_parse(r, json, strlen(json), &err) != CRM_OK)
		abort();
	rc = crm_ordercode_encode(oc, r, &c, &err);
	if (rc == CRM_OK) {
		if (c.len != crm_ordercode_width(oc))
			abort();
		check_code(oc, c.data, c.len);
		crm_rec_clear(r);
		if (crm_ordercode_decode(oc, c.data, c.len, r, &err) != CRM_OK)
			abort();
	} else if (rc != CRM_EDATA || err.msg[0] == '\0')
		abort();
	crm_buf_free(&c);
	crm_rec_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const recs[] = {
		"{\"plant\":\"SH\",\"demand_week\":\"2026-W01\",\"seq\":1,"
		"\"colour\":\"R\",\"options\":\"ZZ+A1\"}",
		"{\"plant\":\"BJ\",\"demand_date\":\"2026-12-31\",\"seq\":42,"
		"\"colour\":\"WH\",\"options\":[\"B2\"],\"base\":\"01\","
		"\"line\":\"north\",\"trim\":\"ab\",\"n\":7,\"q\":3}",
		"{\"plant\":\"WH\",\"requested_week\":\"2099-W52\",\"seq\":9999}",
	};
	static const char fills[] = "019AZ-.a";
	char code[CRM_ORDERCODE_MAX + 1];
	crm_ordercode *oc;
	crm_err err;
	size_t i, w;
	int rc;

	rc = crm_ordercode_load(fuzz_file("ordercode-layout", data, size), &oc,
	    &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || oc != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	w = crm_ordercode_width(oc);
	if (w == 0 || w > CRM_ORDERCODE_MAX)
		abort();
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++)
		check_record(oc, recs[i]);
	for (i = 0; i < sizeof(fills) - 1; i++) {
		memset(code, fills[i], w);
		check_code(oc, code, w);
	}
	/* The input's own bytes as a code, and one byte short and long. */
	if (size >= w + 1) {
		check_code(oc, (const char *)data, w);
		check_code(oc, (const char *)data, w - 1);
		check_code(oc, (const char *)data, w + 1);
	}
	crm_ordercode_free(oc);
	return 0;
}
