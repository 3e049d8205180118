/*
 * crm/rec.h - one record: a JSON object whose top-level fields keep their
 * order and their exact text.
 *
 * Numbers are never converted to binary floating point: a field's value is
 * kept as the compact JSON text it came in as, so "1234.50" or 1234.50 pass
 * through a filter untouched and money can be parsed exactly.  Nested
 * arrays and objects are validated and kept as compact JSON text; parse
 * them again with crm_rec_parse() when needed.
 *
 * A crm_rec owns all of its memory.  Every pointer it returns is borrowed
 * and stays valid until the record is next changed (set, del, parse,
 * clear) or freed.
 */
#ifndef CRM_REC_H
#define CRM_REC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

typedef struct crm_rec crm_rec;

typedef enum crm_type {
	CRM_NULL,
	CRM_BOOL,
	CRM_NUMBER,
	CRM_STRING,
	CRM_ARRAY,
	CRM_OBJECT
} crm_type;

/* Deepest nesting of arrays and objects accepted by crm_rec_parse(). */
#define CRM_REC_MAX_DEPTH 64

/* A new empty record, or NULL when out of memory.  Free with
 * crm_rec_free(); crm_rec_free(NULL) does nothing. */
CRM_API crm_rec *crm_rec_new(void);
CRM_API void crm_rec_free(crm_rec *r);

/* Remove every field and the place; keep the memory for reuse. */
CRM_API void crm_rec_clear(crm_rec *r);

/* Replace r's contents with the JSON object in text[0..len) (strict RFC
 * 8259: valid UTF-8, no NUL, no duplicate keys at any depth, nesting at
 * most CRM_REC_MAX_DEPTH, nothing after the object but white space).
 * The text is copied.  On error returns CRM_EDATA with a message such as
 * "col 17: expected ':'" (no file or line: the caller adds the place) and
 * leaves r empty.  The place (see crm_rec_set_place) is kept. */
CRM_API int crm_rec_parse(crm_rec *r, const char *text, size_t len,
	crm_err *err);

/* Where the record came from, for messages: the file name (borrowed, must
 * outlive the record's use; typically owned by the crm_in) and the line
 * (1-based; 0 when unknown). */
CRM_API void crm_rec_set_place(crm_rec *r, const char *file,
	unsigned long line);
CRM_API const char *crm_rec_file(const crm_rec *r);
CRM_API unsigned long crm_rec_line(const crm_rec *r);

/* Set err to code with "file:line: field: message" (the place from
 * crm_rec_set_place, parts left out when unknown, field may be NULL).
 * Returns code. */
CRM_API int crm_rec_fail(const crm_rec *r, crm_err *err, int code,
	const char *field, const char *fmt, ...) CRM_PRINTF(5, 6);

/* Number of fields, and the i-th field's key, type and compact JSON text
 * (for a string: with quotes and escapes as in the input). */
CRM_API size_t crm_rec_len(const crm_rec *r);
CRM_API const char *crm_rec_key(const crm_rec *r, size_t i);
CRM_API crm_type crm_rec_type(const crm_rec *r, size_t i);
CRM_API const char *crm_rec_json(const crm_rec *r, size_t i, size_t *len);

/* The i-th field's value as text: a string decoded (NUL-terminated; may
 * contain U+0000 only if the input had \u0000, then len tells), a number
 * as its JSON text, true/false, the compact JSON of an array or object;
 * NULL for null.  len may be NULL. */
CRM_API const char *crm_rec_text(const crm_rec *r, size_t i, size_t *len);

/* Index of key, or -1 when absent. */
CRM_API long crm_rec_find(const crm_rec *r, const char *key);

/* Text of key's value as crm_rec_text(); NULL when absent or null. */
CRM_API const char *crm_rec_get(const crm_rec *r, const char *key);

/* Getters for a field a program reads, with the record's place in their
 * messages.  Both return CRM_END when key is absent or null.
 * crm_rec_copy_str: a string copied into buf (sz bytes); CRM_EDATA "not
 * a string", "empty" or "longer than N bytes".  crm_rec_get_int: a whole
 * number (a JSON number or a string of digits) from min to max;
 * CRM_EDATA "X is not a whole number from MIN to MAX". */
CRM_API int crm_rec_copy_str(const crm_rec *r, const char *key, char *buf,
	size_t sz, crm_err *err);
/* crm_rec_copy_str of a field that must be there: CRM_EDATA "missing"
 * when absent or null. */
CRM_API int crm_rec_need_str(const crm_rec *r, const char *key, char *buf,
	size_t sz, crm_err *err);
CRM_API int crm_rec_get_int(const crm_rec *r, const char *key, int64_t min,
	int64_t max, int64_t *v, crm_err *err);

/* Setters.  A key already present keeps its position and gets the new
 * value; a new key is appended.  All return CRM_OK or CRM_EINTERNAL (out
 * of memory, err set). */
CRM_API int crm_rec_set_str(crm_rec *r, const char *key, const char *s,
	size_t len, crm_err *err);
CRM_API int crm_rec_set_int(crm_rec *r, const char *key, int64_t v,
	crm_err *err);
CRM_API int crm_rec_set_bool(crm_rec *r, const char *key, int v,
	crm_err *err);
CRM_API int crm_rec_set_null(crm_rec *r, const char *key, crm_err *err);
/* json must be valid compact JSON of the given type (not re-checked):
 * for numbers, or for values taken from another record's crm_rec_json. */
CRM_API int crm_rec_set_json(crm_rec *r, const char *key, crm_type type,
	const char *json, size_t len, crm_err *err);

/* Remove key; returns 1 if it was there, 0 if not. */
CRM_API int crm_rec_del(crm_rec *r, const char *key);

/* Append the record as one compact JSON object (no newline) to out. */
CRM_API int crm_rec_write_json(const crm_rec *r, crm_buf *out, crm_err *err);

#endif
