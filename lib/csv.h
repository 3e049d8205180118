/*
 * csv.h - the CSV and TSV record reader behind crm_in (internal).
 */
#ifndef CRM_CSV_H
#define CRM_CSV_H

#include "io_internal.h"

/* Read the next data row of in as a record (the header row is read
 * first, on the first call).  Same results as crm_in_read. */
int crm_csv_read(crm_in *in, crm_rec *rec, crm_err *err);

/* Release the CSV state of in; nothing when there is none. */
void crm_csv_free(crm_in *in);

/* Header name to snake_case into out (cleared first): "InvoiceNo" ->
 * "invoice_no", "Customer ID" -> "customer_id". */
int crm_csv_snake_case(const char *s, size_t n, crm_buf *out);

#endif
