/*
 * fuzz_jsonl.c - the JSON lines reader and record parser.
 */
#include "fuzz_read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_rec *r = crm_rec_new();
	crm_err err;

	/* The parser straight, on the whole input as one record... */
	(void)crm_rec_parse(r, (const char *)data, size, &err);
	crm_rec_free(r);
	/* ... and the reader over lines. */
	check_records(data, size, CRM_FMT_JSONL);
	return 0;
}
