/*
 * fuzz_read.h - shared by the reader fuzz targets: feed the input to a
 * crm_in through a scratch file and check what comes out.
 */
#ifndef CRM_FUZZ_READ_H
#define CRM_FUZZ_READ_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every record the reader hands out must write as JSON that parses back
 * to the very same JSON: the reader never lets bad JSON through. */
static void
check_records(const uint8_t *data, size_t size, crm_format fmt)
{
	static char path[64];
	crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new(), *again = crm_rec_new();
	crm_in *in;
	crm_err err;
	int fd, rc, n = 0;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/crm-fuzz-%ld",
		    (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (crm_in_open(&in, path, fmt, &err) != CRM_OK)
		abort();
	crm_in_set_max_line(in, 4096);
	while ((rc = crm_in_read(in, r, &err)) != CRM_END) {
		if (++n > 100000)
			abort();        /* the reader must make progress */
		if (rc != CRM_OK) {
			if (rc != CRM_EDATA && rc != CRM_EIO)
				abort();
			if (err.msg[0] == '\0')
				abort();
			if (rc != CRM_EDATA || crm_in_failed(in))
				break;
			continue;
		}
		crm_buf_reset(&a);
		crm_buf_reset(&b);
		if (crm_rec_write_json(r, &a, &err) != CRM_OK ||
		    crm_rec_parse(again, a.data, a.len, &err) != CRM_OK ||
		    crm_rec_write_json(again, &b, &err) != CRM_OK ||
		    a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
			abort();
	}
	crm_in_close(in);
	crm_rec_free(r);
	crm_rec_free(again);
	crm_buf_free(&a);
	crm_buf_free(&b);
}

#endif
