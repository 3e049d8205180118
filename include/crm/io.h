/*
 * crm/io.h - reading records from JSON lines and CSV/TSV files.
 *
 * A crm_in reads one file (or standard input) and hands out one record at
 * a time.  gzip input is recognised by its magic bytes, whatever the file
 * is called.  A UTF-8 byte order mark at the start and CRLF line endings
 * are accepted.  Every record carries its file and line for messages.
 *
 * JSON lines: one object per line; blank lines are skipped.  A line that
 * is not valid UTF-8, holds a NUL byte, is longer than the line limit, is
 * not an object or repeats a key is a data error naming file and line.
 *
 * CSV (RFC 4180) and TSV: the first row names the fields.  Header names
 * are turned into snake_case ("InvoiceNo" -> "invoice_no", "Customer ID"
 * -> "customer_id").  Every value stays a string, exactly as written (so
 * numbers keep their digits); an empty cell leaves the field out of the
 * record.  Quoted cells may hold the delimiter, doubled quotes and line
 * breaks.  A row with a different number of cells than the header, a
 * stray quote or a quote left open is a data error.  TSV has no quoting:
 * a cell is everything between tabs.
 */
#ifndef CRM_IO_H
#define CRM_IO_H

#include <stddef.h>

#include "err.h"
#include "rec.h"

typedef enum crm_format {
	CRM_FMT_AUTO,   /* input: from the file name, else JSON lines */
	CRM_FMT_JSONL,
	CRM_FMT_CSV,
	CRM_FMT_TSV,
	CRM_FMT_TABLE,  /* output only */
	CRM_FMT_MD,     /* output only */
	CRM_FMT_HTML    /* output only, reports */
} crm_format;

/* Name ("jsonl", "csv", "tsv", "table", "md", "html") to format.
 * CRM_EUSAGE for an unknown name. */
CRM_API int crm_format_parse(const char *name, crm_format *fmt,
	crm_err *err);
CRM_API const char *crm_format_name(crm_format fmt);

/* Guess the format from a file name: .csv, .tsv, .jsonl/.ndjson/.json,
 * each optionally followed by .gz.  CRM_FMT_AUTO when it cannot tell. */
CRM_API crm_format crm_format_from_name(const char *path);

#define CRM_IN_MAX_LINE_DEFAULT (1024 * 1024)

typedef struct crm_in crm_in;

/* Open path for reading; NULL or "-" is standard input (named "-" in
 * messages, or "<stdin>").  fmt CRM_FMT_AUTO guesses from the name and
 * falls back to JSON lines.  CRM_ENOINPUT when the file cannot be opened.
 * *in is NULL on failure.  Close with crm_in_close(). */
CRM_API int crm_in_open(crm_in **in, const char *path, crm_format fmt,
	crm_err *err);

/* Longest line (JSON lines) or record (CSV) accepted, in bytes. */
CRM_API void crm_in_set_max_line(crm_in *in, size_t max);

/* Read the next record into rec (replacing its contents, setting its
 * place).  Returns CRM_OK, CRM_END at the end of input, CRM_EDATA for a
 * bad record (message "file:line: reason"; the bad text is consumed and
 * the next call goes on with the record after it), or a fatal code
 * (CRM_EIO for a read or gzip error, CRM_EINTERNAL) after which no more
 * records can be read. */
CRM_API int crm_in_read(crm_in *in, crm_rec *rec, crm_err *err);

/* 1 when no more records can be read: after a fatal error, and after a
 * bad CSV/TSV header (then the CRM_EDATA is not about one record). */
CRM_API int crm_in_failed(const crm_in *in);

/* The file name used in messages (borrowed, lives as long as in). */
CRM_API const char *crm_in_name(const crm_in *in);
/* Line where the last record read (or rejected) starts. */
CRM_API unsigned long crm_in_line(const crm_in *in);
/* Original text of the last record read or rejected, without its line
 * ending (borrowed until the next read).  May be invalid UTF-8. */
CRM_API const char *crm_in_text(const crm_in *in, size_t *len);
/* Records returned with CRM_OK or CRM_EDATA so far. */
CRM_API unsigned long crm_in_count(const crm_in *in);
/* Bytes of (decompressed) input consumed so far. */
CRM_API unsigned long long crm_in_bytes(const crm_in *in);

/* crm_in_close(NULL) does nothing. */
CRM_API void crm_in_close(crm_in *in);

#endif
