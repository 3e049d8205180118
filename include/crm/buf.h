/*
 * crm/buf.h - a growable byte buffer.
 *
 * A plain struct so that callers can read data/len directly.  The buffer
 * owns data; crm_buf_free() releases it.  data is always NUL-terminated
 * after a successful append (the NUL is not counted in len).
 */
#ifndef CRM_BUF_H
#define CRM_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct crm_buf {
	char *data;
	size_t len;
	size_t cap;
} crm_buf;

#define CRM_BUF_INIT { NULL, 0, 0 }

/* Make room for at least n more bytes.  CRM_OK or CRM_EINTERNAL (OOM). */
CRM_API int crm_buf_reserve(crm_buf *b, size_t n);
CRM_API int crm_buf_add(crm_buf *b, const void *p, size_t n);
CRM_API int crm_buf_addc(crm_buf *b, char c);
CRM_API int crm_buf_adds(crm_buf *b, const char *s);
CRM_API int crm_buf_printf(crm_buf *b, const char *fmt, ...) CRM_PRINTF(2, 3);
/* Append v in decimal. */
CRM_API int crm_buf_add_int(crm_buf *b, int64_t v);
/* Append s as a JSON string literal, quotes included, escaping as needed. */
CRM_API int crm_buf_add_json_str(crm_buf *b, const char *s, size_t n);
/* Forget the contents, keep the memory. */
CRM_API void crm_buf_reset(crm_buf *b);
CRM_API void crm_buf_free(crm_buf *b);

#endif
