/*
 * io_internal.h - the reader's state, shared by io.c and csv.c.
 */
#ifndef CRM_IO_INTERNAL_H
#define CRM_IO_INTERNAL_H

#include <zlib.h>

#include "crm/io.h"

struct crm_in {
	char *name;             /* for messages */
	int fd, own_fd;
	crm_format fmt;
	size_t max_line;

	/* Decompressed bytes: buf[start, end) not yet consumed; scan is
	 * where the search for the next newline goes on. */
	char *buf;
	size_t cap, start, end, scan;
	int eof, skipping, fatal;

	int gz, raw_eof, member_done;
	z_stream z;
	unsigned char *raw;

	unsigned long lineno;   /* physical lines consumed */
	unsigned long rec_line; /* first line of the last record */
	const char *text;       /* last record's text */
	size_t text_len;
	unsigned long count;
	unsigned long long bytes;

	struct crm_csv *csv;    /* CSV/TSV state, made on first read */
};

/* The next physical line without its line ending (and without a UTF-8
 * BOM on line 1).  CRM_OK, CRM_END, CRM_EDATA (line too long, skipped;
 * the next call goes on after it), or a fatal code. */
int crm_in_next_line(crm_in *in, const char **line, size_t *len,
	crm_err *err);

#endif
