/*
 * fuzz_file.h - the fuzz targets of things that are read from a file
 * (rule files, dumps, inputs) put the fuzzer's bytes in a scratch file
 * of their own first.
 */
#ifndef CRM_FUZZ_FILE_H
#define CRM_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Write data to /tmp/crm-fuzz-TAG-PID (the same path on every call with
 * the same tag) and return the path; abort when that fails, which is a
 * broken machine rather than a finding. */
static const char *
fuzz_file(const char *tag, const uint8_t *data, size_t size)
{
	static char path[96];
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/crm-fuzz-%s-%ld", tag,
	    (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	return path;
}

#endif
