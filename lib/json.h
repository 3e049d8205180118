/*
 * json.h - the strict JSON scanner behind crm_rec_parse (internal).
 */
#ifndef CRM_JSON_H
#define CRM_JSON_H

#include "crm/buf.h"
#include "crm/err.h"
#include "crm/rec.h"

/* Called for every top-level member, with arena offsets of the decoded
 * key, the compact JSON value and the value's text (decoded for strings,
 * the JSON itself otherwise), each NUL-terminated.  Returns CRM_OK,
 * CRM_EDATA for a duplicate key, or CRM_EINTERNAL. */
typedef int (*crm_json_member_fn)(void *ctx, size_t key, size_t key_len,
	int key_plain, size_t json, size_t json_len, size_t text,
	size_t text_len, crm_type type);

/* Validate the JSON object in s[0..len), appending its members to arena
 * as described above.  Messages: "col N: what". */
int crm_json_parse_object(const char *s, size_t len, crm_buf *arena,
	crm_json_member_fn fn, void *ctx, crm_err *err);

/* Append the decoded text of the valid JSON string literal json[0..len)
 * (quotes included) and a NUL to out.  The caller has reserved len + 1
 * bytes, so out does not move.  *text_len gets the decoded length. */
int crm_json_decode_string(const char *json, size_t len, crm_buf *out,
	size_t *text_len);

/* Offset of the first byte of s[0..n) that is not valid UTF-8 (RFC 3629:
 * no overlong forms, surrogates or code points past U+10FFFF), or n. */
size_t crm_utf8_invalid(const char *s, size_t n);

/* 1 when s[0..n) can be written between quotes as it is. */
int crm_json_is_plain(const char *s, size_t n);

#endif
