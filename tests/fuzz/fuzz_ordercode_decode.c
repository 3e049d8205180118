/*
 * fuzz_ordercode_decode.c - any bytes as an order code of the default
 * layout (a copy of share/crm/order-code.json): either it decodes, and
 * encoding what it decodes to gives the same bytes back, or it is
 * refused with CRM_EDATA "position P: ...", P within the code and one
 * past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char layout[] =
	"{\"fields\": [\n"
	" {\"name\": \"base\", \"kind\": \"map\", \"width\": 2, \"source\": "
	"\"plant\", \"map\": {\"SH\": \"01\", \"BJ\": \"02\", \"CQ\": \"03\", "
	"\"GZ\": \"04\", \"CC\": \"05\", \"WH\": \"06\"}},\n"
	" {\"name\": \"year\", \"kind\": \"year\", \"width\": 2},\n"
	" {\"name\": \"month\", \"kind\": \"month\"},\n"
	" {\"name\": \"week\", \"kind\": \"week\"},\n"
	" {\"name\": \"seq\", \"kind\": \"number\", \"width\": 4, "
	"\"sequence\": true},\n"
	" {\"name\": \"colour\", \"kind\": \"text\", \"width\": 2, \"chars\": "
	"\"0-9A-Z\", \"pad\": \"-\", \"optional\": true},\n"
	" {\"name\": \"options\", \"kind\": \"options\", \"width\": 2, "
	"\"slots\": 4, \"chars\": \"0-9A-Z\", \"pad\": \"--\"}\n"
	"], \"scope\": [\"base\", \"year\", \"week\"]}\n";

static crm_ordercode *oc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_rec *r;
	crm_buf c = CRM_BUF_INIT;
	crm_err err;
	long pos;
	int rc;

	if (oc == NULL && crm_ordercode_load(fuzz_file("ordercode-default",
	    (const uint8_t *)layout, sizeof(layout) - 1), &oc, &err) != CRM_OK)
		abort();
	if ((r = crm_rec_new()) == NULL)
		abort();
	rc = crm_ordercode_decode(oc, (const char *)data, size, r, &err);
	if (rc == CRM_OK) {
		if (size != 22 ||
		    crm_ordercode_encode(oc, r, &c, &err) != CRM_OK ||
		    c.len != size || memcmp(c.data, data, size) != 0)
			abort();
	} else {
		if (rc != CRM_EDATA || sscanf(err.msg, "position %ld: ", &pos) !=
		    1 || pos < 1 || (size_t)pos > (size < 22 ? size : 22) + 1)
			abort();
	}
	crm_buf_free(&c);
	crm_rec_free(r);
	return 0;
}
