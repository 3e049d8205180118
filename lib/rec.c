/*
 * rec.c - records: a flat list of top-level fields over one arena.
 *
 * For each field the arena holds the decoded key, NUL, the value's
 * compact JSON text, NUL, and for strings the decoded text, NUL.  Fields
 * refer to the arena by offset, so growing it moves nothing the caller
 * still holds a pointer to only when the record changes (as rec.h says).
 * Replacing a value appends the new one; the old bytes stay until clear.
 */
#include "internal.h"

#include <errno.h>
#include "json.h"

#include <stdarg.h>

struct field {
	size_t key;         /* offset of the decoded key */
	size_t key_len;
	size_t json;        /* offset of the compact JSON value */
	size_t json_len;
	size_t text;        /* decoded string, or == json for other types */
	size_t text_len;
	crm_type type;
	int key_plain;      /* key needs no escaping when written */
};

/* Records with more fields than this look keys up through a hash. */
#define LINEAR_MAX 16

struct crm_rec {
	crm_buf arena;
	struct field *f;
	size_t n, cap;
	uint32_t *slots;    /* open addressing: field index + 1, 0 = empty */
	size_t nslots;      /* 0 while n <= LINEAR_MAX */
	const char *file;
	unsigned long line;
};

crm_rec *
crm_rec_new(void)
{
	return calloc(1, sizeof(crm_rec));
}

void
crm_rec_free(crm_rec *r)
{
	if (r == NULL)
		return;
	crm_buf_free(&r->arena);
	free(r->f);
	free(r->slots);
	free(r);
}

void
crm_rec_clear(crm_rec *r)
{
	crm_buf_reset(&r->arena);
	r->n = 0;
	r->nslots = 0;
}

void
crm_rec_set_place(crm_rec *r, const char *file, unsigned long line)
{
	r->file = file;
	r->line = line;
}

const char *
crm_rec_file(const crm_rec *r)
{
	return r->file;
}

unsigned long
crm_rec_line(const crm_rec *r)
{
	return r->line;
}

int
crm_rec_fail(const crm_rec *r, crm_err *err, int code, const char *field,
    const char *fmt, ...)
{
	char place[CRM_ERR_MSG_MAX / 2], what[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	place[0] = '\0';
	if (r != NULL && r->file != NULL && r->line > 0)
		snprintf(place, sizeof(place), "%s:%lu: ", r->file, r->line);
	else if (r != NULL && r->file != NULL)
		snprintf(place, sizeof(place), "%s: ", r->file);
	else if (r != NULL && r->line > 0)
		snprintf(place, sizeof(place), "line %lu: ", r->line);
	if (field != NULL)
		return crm_err_set(err, code, "%s%s: %s", place, field, what);
	return crm_err_set(err, code, "%s%s", place, what);
}

static uint32_t
hash_key(const char *s, size_t n)
{
	uint32_t h = 2166136261u;   /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
slots_insert(crm_rec *r, size_t i)
{
	const struct field *f = &r->f[i];
	size_t mask = r->nslots - 1;
	size_t s = hash_key(r->arena.data + f->key, f->key_len) & mask;

	while (r->slots[s] != 0)
		s = (s + 1) & mask;
	r->slots[s] = (uint32_t)(i + 1);
}

/* Rebuild the hash for the current fields (or drop it for few fields). */
static int
slots_rebuild(crm_rec *r)
{
	size_t want, i;

	if (r->n <= LINEAR_MAX) {
		r->nslots = 0;
		return CRM_OK;
	}
	for (want = 64; want < r->n * 2; want *= 2)
		;
	if (want > r->nslots || r->slots == NULL) {
		uint32_t *p = realloc(r->slots, want * sizeof(*p));

		if (p == NULL)
			return CRM_EINTERNAL;
		r->slots = p;
	}
	r->nslots = want;
	memset(r->slots, 0, want * sizeof(*r->slots));
	for (i = 0; i < r->n; i++)
		slots_insert(r, i);
	return CRM_OK;
}

static long
find_key(const crm_rec *r, const char *key, size_t len)
{
	size_t i;

	if (r->nslots == 0) {
		for (i = 0; i < r->n; i++) {
			const struct field *f = &r->f[i];

			if (f->key_len == len &&
			    memcmp(r->arena.data + f->key, key, len) == 0)
				return (long)i;
		}
		return -1;
	}
	i = hash_key(key, len) & (r->nslots - 1);
	while (r->slots[i] != 0) {
		const struct field *f = &r->f[r->slots[i] - 1];

		if (f->key_len == len &&
		    memcmp(r->arena.data + f->key, key, len) == 0)
			return (long)(r->slots[i] - 1);
		i = (i + 1) & (r->nslots - 1);
	}
	return -1;
}

long
crm_rec_find(const crm_rec *r, const char *key)
{
	return find_key(r, key, strlen(key));
}

/* Add a field whose key is already at the arena offset key; the caller
 * fills in the value.  Keeps the hash in step. */
static struct field *
add_field(crm_rec *r, size_t key, size_t key_len, int key_plain)
{
	struct field *f;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct field *p = realloc(r->f, cap * sizeof(*p));

		if (p == NULL)
			return NULL;
		r->f = p;
		r->cap = cap;
	}
	f = &r->f[r->n++];
	f->key = key;
	f->key_len = key_len;
	f->key_plain = key_plain;
	if (r->n == LINEAR_MAX + 1 || (r->nslots && r->n * 2 > r->nslots)) {
		if (slots_rebuild(r) != CRM_OK) {
			r->n--;
			return NULL;
		}
	} else if (r->nslots) {
		slots_insert(r, r->n - 1);
	}
	return f;
}

/* The parser calls back here for every top-level member. */
static int
on_member(void *ctx, size_t key, size_t key_len, int key_plain,
    size_t json, size_t json_len, size_t text, size_t text_len,
    crm_type type)
{
	crm_rec *r = ctx;
	struct field *f;

	if (find_key(r, r->arena.data + key, key_len) >= 0)
		return CRM_EDATA;
	f = add_field(r, key, key_len, key_plain);
	if (f == NULL)
		return CRM_EINTERNAL;
	f->json = json;
	f->json_len = json_len;
	f->text = text;
	f->text_len = text_len;
	f->type = type;
	return CRM_OK;
}

int
crm_rec_parse(crm_rec *r, const char *text, size_t len, crm_err *err)
{
	int rc;

	crm_rec_clear(r);
	rc = crm_json_parse_object(text, len, &r->arena, on_member, r, err);
	if (rc != CRM_OK)
		crm_rec_clear(r);
	return rc;
}

size_t
crm_rec_len(const crm_rec *r)
{
	return r->n;
}

const char *
crm_rec_key(const crm_rec *r, size_t i)
{
	return i < r->n ? r->arena.data + r->f[i].key : NULL;
}

crm_type
crm_rec_type(const crm_rec *r, size_t i)
{
	return i < r->n ? r->f[i].type : CRM_NULL;
}

const char *
crm_rec_json(const crm_rec *r, size_t i, size_t *len)
{
	if (i >= r->n)
		return NULL;
	if (len != NULL)
		*len = r->f[i].json_len;
	return r->arena.data + r->f[i].json;
}

const char *
crm_rec_text(const crm_rec *r, size_t i, size_t *len)
{
	if (i >= r->n || r->f[i].type == CRM_NULL)
		return NULL;
	if (len != NULL)
		*len = r->f[i].text_len;
	return r->arena.data + r->f[i].text;
}

const char *
crm_rec_get(const crm_rec *r, const char *key)
{
	long i = crm_rec_find(r, key);

	return i < 0 ? NULL : crm_rec_text(r, (size_t)i, NULL);
}

int
crm_rec_copy_str(const crm_rec *r, const char *key, char *buf, size_t sz,
    crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	size_t len;

	buf[0] = '\0';
	if (i < 0 || (s = crm_rec_text(r, (size_t)i, &len)) == NULL)
		return CRM_END;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string");
	if (len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, key, "empty");
	if (len >= sz || memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, key, "longer than %zu "
		    "bytes", sz - 1);
	memcpy(buf, s, len + 1);
	return CRM_OK;
}

int
crm_rec_need_str(const crm_rec *r, const char *key, char *buf, size_t sz,
    crm_err *err)
{
	int rc = crm_rec_copy_str(r, key, buf, sz, err);

	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, key, "missing");
	return rc;
}

int
crm_rec_get_int(const crm_rec *r, const char *key, int64_t min, int64_t max,
    int64_t *v, crm_err *err)
{
	long i = crm_rec_find(r, key);
	const char *s;
	char *end;
	long long n;
	crm_type t;

	if (i < 0 || (s = crm_rec_text(r, (size_t)i, NULL)) == NULL)
		return CRM_END;
	t = crm_rec_type(r, (size_t)i);
	errno = 0;
	n = strtoll(s, &end, 10);
	if ((t != CRM_NUMBER && t != CRM_STRING) || errno != 0 ||
	    end == s || *end != '\0' || (*s != '-' && (*s < '0' ||
	    *s > '9')) || n < min || n > max)
		return crm_rec_fail(r, err, CRM_EDATA, key, "%.40s is not a "
		    "whole number from %lld to %lld", s, (long long)min,
		    (long long)max);
	*v = n;
	return CRM_OK;
}

/* Point key's field (new or existing) at a value about to be appended to
 * the arena.  Returns the field, or NULL when out of memory. */
static struct field *
field_for(crm_rec *r, const char *key)
{
	size_t key_len = strlen(key), off;
	long i = find_key(r, key, key_len);

	if (i >= 0)
		return &r->f[i];
	off = r->arena.len;
	if (crm_buf_add(&r->arena, key, key_len + 1) != CRM_OK)
		return NULL;
	return add_field(r, off, key_len, crm_json_is_plain(key, key_len));
}

int
crm_rec_set_json(crm_rec *r, const char *key, crm_type type,
    const char *json, size_t len, crm_err *err)
{
	struct field *f = field_for(r, key);
	size_t off;

	if (f == NULL)
		return crm_err_nomem(err);
	off = r->arena.len;
	if (crm_buf_add(&r->arena, json, len) != CRM_OK ||
	    crm_buf_addc(&r->arena, '\0') != CRM_OK)
		return crm_err_nomem(err);
	f->type = type;
	f->json = off;
	f->json_len = len;
	f->text = off;
	f->text_len = len;
	if (type == CRM_STRING) {
		size_t text, text_len;

		/* Decoding never grows the text: reserve so that the source,
		 * inside the arena, does not move while it is read. */
		if (crm_buf_reserve(&r->arena, len + 1) != CRM_OK)
			return crm_err_nomem(err);
		text = r->arena.len;
		if (crm_json_decode_string(r->arena.data + off, len,
		    &r->arena, &text_len) != CRM_OK)
			return crm_err_nomem(err);
		f->text = text;
		f->text_len = text_len;
	}
	return CRM_OK;
}

int
crm_rec_set_str(crm_rec *r, const char *key, const char *s, size_t len,
    crm_err *err)
{
	struct field *f = field_for(r, key);
	size_t json, text;

	if (f == NULL)
		return crm_err_nomem(err);
	json = r->arena.len;
	if (crm_buf_add_json_str(&r->arena, s, len) != CRM_OK)
		return crm_err_nomem(err);
	f->json_len = r->arena.len - json;
	if (crm_buf_addc(&r->arena, '\0') != CRM_OK)
		return crm_err_nomem(err);
	text = r->arena.len;
	if (crm_buf_add(&r->arena, s, len) != CRM_OK ||
	    crm_buf_addc(&r->arena, '\0') != CRM_OK)
		return crm_err_nomem(err);
	f->type = CRM_STRING;
	f->json = json;
	f->text = text;
	f->text_len = len;
	return CRM_OK;
}

int
crm_rec_set_int(crm_rec *r, const char *key, int64_t v, crm_err *err)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);

	return crm_rec_set_json(r, key, CRM_NUMBER, buf, (size_t)n, err);
}

int
crm_rec_set_bool(crm_rec *r, const char *key, int v, crm_err *err)
{
	return crm_rec_set_json(r, key, CRM_BOOL, v ? "true" : "false",
	    v ? 4 : 5, err);
}

int
crm_rec_set_null(crm_rec *r, const char *key, crm_err *err)
{
	return crm_rec_set_json(r, key, CRM_NULL, "null", 4, err);
}

int
crm_rec_del(crm_rec *r, const char *key)
{
	long i = crm_rec_find(r, key);

	if (i < 0)
		return 0;
	memmove(&r->f[i], &r->f[i + 1], (r->n - (size_t)i - 1) *
	    sizeof(*r->f));
	r->n--;
	/* Shrinking cannot need more memory than the hash already has. */
	(void)slots_rebuild(r);
	return 1;
}

int
crm_rec_write_json(const crm_rec *r, crm_buf *out, crm_err *err)
{
	size_t i, need = 2;
	char *p;

	for (i = 0; i < r->n; i++)
		need += r->f[i].key_len + r->f[i].json_len + 4;
	if (crm_buf_reserve(out, need) != CRM_OK)
		return crm_err_nomem(err);
	p = out->data + out->len;
	*p++ = '{';
	for (i = 0; i < r->n; i++) {
		const struct field *f = &r->f[i];

		if (i > 0)
			*p++ = ',';
		if (f->key_plain) {
			*p++ = '"';
			memcpy(p, r->arena.data + f->key, f->key_len);
			p += f->key_len;
			*p++ = '"';
		} else {
			out->len = (size_t)(p - out->data);
			if (crm_buf_add_json_str(out, r->arena.data + f->key,
			    f->key_len) != CRM_OK ||
			    crm_buf_reserve(out, need) != CRM_OK)
				return crm_err_nomem(err);
			p = out->data + out->len;
		}
		*p++ = ':';
		memcpy(p, r->arena.data + f->json, f->json_len);
		p += f->json_len;
	}
	*p++ = '}';
	out->len = (size_t)(p - out->data);
	*p = '\0';
	return CRM_OK;
}
