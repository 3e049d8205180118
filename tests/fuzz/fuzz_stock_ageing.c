/*
 * fuzz_stock_ageing.c - stock ageing buckets: any bytes as a rule file
 * (crm-stock-ageing(5)) and as a list like "30,60,90,180".  Each either
 * gives 1 to 15 bounds from 1 to 36500 days going up, or fails with
 * CRM_ECONFIG (the file) or CRM_EUSAGE (the list) and a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_buckets(const crm_stock_buckets *b)
{
	size_t i;

	if (b->n == 0 || b->n >= CRM_STOCK_MAX_BUCKETS)
		abort();
	for (i = 0; i < b->n; i++)
		if (b->bound[i] < 1 || b->bound[i] > 36500 ||
		    (i > 0 && b->bound[i] <= b->bound[i - 1]))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_stock_buckets b;
	char *list;
	crm_err err;
	int rc;

	rc = crm_stock_buckets_load(fuzz_file("ageing", data, size), &b,
	    &err);
	if (rc == CRM_OK)
		check_buckets(&b);
	else if (rc != CRM_ECONFIG || err.msg[0] == '\0')
		abort();
	if ((list = malloc(size + 1)) == NULL)
		abort();
	memcpy(list, data, size);
	list[size] = '\0';
	rc = crm_stock_buckets_parse(list, &b, &err);
	if (rc == CRM_OK)
		check_buckets(&b);
	else if (rc != CRM_EUSAGE || err.msg[0] == '\0')
		abort();
	free(list);
	return 0;
}
