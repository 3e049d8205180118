/*
 * fuzz_csv.c - the CSV and TSV readers.
 */
#include "fuzz_read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_records(data, size, CRM_FMT_CSV);
	check_records(data, size, CRM_FMT_TSV);
	return 0;
}
