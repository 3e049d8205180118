/*
 * crm/fmt.h - writing records: JSON lines, CSV, TSV, aligned tables and
 * Markdown, to standard output or a file, optionally gzip-compressed.
 *
 * jsonl  one compact object per line, fields in record order.
 * csv    RFC 4180, CRLF line ends, a header row; cells that start with
 *        = + - @ (or tab/CR) are prefixed with a single quote so that a
 *        spreadsheet does not run them as formulas, unless the whole cell
 *        is a plain number such as -12.50.
 * tsv    a header row; tab, newline, CR and backslash inside cells are
 *        written as \t \n \r \\.
 * table  aligned columns for a terminal, width-aware for East Asian wide
 *        characters; numbers right-aligned.  Buffers all records.
 * md     a GitHub-style Markdown table ("|" in cells escaped).  Buffers.
 *
 * Columns (csv, tsv, table, md) are the fields set with crm_out_set_fields
 * or else the first record's fields.  A later record lacking a column gets
 * an empty cell; a later record with a field that is not a column is an
 * error (CRM_EDATA), since dropping it would lose data.  With fields set,
 * jsonl output is limited to those fields too, in that order.
 * Strings are written decoded; nested arrays and objects as compact JSON;
 * null as an empty cell.
 */
#ifndef CRM_FMT_H
#define CRM_FMT_H

#include <stddef.h>

#include "err.h"
#include "io.h"
#include "rec.h"

typedef struct crm_out crm_out;

enum {
	CRM_OUT_GZIP = 1    /* gzip the output (also implied by a .gz name) */
};

/* Open path for writing (created or truncated); NULL or "-" is standard
 * output.  CRM_ECANTCREAT when it cannot be created, CRM_EUSAGE for a
 * format that cannot be written (CRM_FMT_AUTO means jsonl; html is for
 * reports and not handled here).  *out is NULL on failure. */
CRM_API int crm_out_open(crm_out **out, const char *path, crm_format fmt,
	int flags, crm_err *err);

/* The columns, in order (copied).  Call before the first write. */
CRM_API int crm_out_set_fields(crm_out *out, const char *const *fields,
	size_t n, crm_err *err);

/* Write one record.  CRM_EIO if writing failed, CRM_EDATA as above. */
CRM_API int crm_out_write(crm_out *out, const crm_rec *rec, crm_err *err);

/* Write raw bytes to the output as they are (JSON lines pass-through of
 * text that is already one compact line with its newline). */
CRM_API int crm_out_write_raw(crm_out *out, const char *p, size_t n,
	crm_err *err);

/* Finish (tables are rendered here), flush, close and free out.  Returns
 * CRM_EIO when any write failed, including the final flush and close
 * (a full disk is an error).  crm_out_close(NULL, err) returns CRM_OK. */
CRM_API int crm_out_close(crm_out *out, crm_err *err);

/* Free out without finishing it, for error paths (output may be partial).
 * crm_out_abort(NULL) does nothing. */
CRM_API void crm_out_abort(crm_out *out);

/* Display width in terminal columns of the UTF-8 text s[0..n): 2 for East
 * Asian wide and fullwidth characters, 0 for combining marks, 1 else. */
CRM_API size_t crm_text_width(const char *s, size_t n);

#endif
