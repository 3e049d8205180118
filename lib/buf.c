#include "internal.h"

#include <stdarg.h>

int
crm_buf_reserve(crm_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (n < b->cap - b->len && b->data != NULL)
		return CRM_OK;
	if (n > SIZE_MAX / 2 - b->len - 1)
		return CRM_EINTERNAL;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len <= n)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return CRM_EINTERNAL;
	b->data = p;
	b->cap = cap;
	return CRM_OK;
}

int
crm_buf_add(crm_buf *b, const void *p, size_t n)
{
	if (crm_buf_reserve(b, n) != CRM_OK)
		return CRM_EINTERNAL;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return CRM_OK;
}

int
crm_buf_addc(crm_buf *b, char c)
{
	if (b->cap - b->len < 2 || b->data == NULL) {
		if (crm_buf_reserve(b, 1) != CRM_OK)
			return CRM_EINTERNAL;
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return CRM_OK;
}

int
crm_buf_adds(crm_buf *b, const char *s)
{
	return crm_buf_add(b, s, strlen(s));
}

int
crm_buf_printf(crm_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Most output fits what is already there: format once. */
	if (crm_buf_reserve(b, 64) != CRM_OK)
		return CRM_EINTERNAL;
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return CRM_EINTERNAL;
	if ((size_t)n >= room) {
		if (crm_buf_reserve(b, (size_t)n + 1) != CRM_OK)
			return CRM_EINTERNAL;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
	return CRM_OK;
}

int
crm_buf_add_int(crm_buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return crm_buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

int
crm_buf_add_json_str(crm_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start;

	/* Worst case every byte becomes \u00XX: reserve once. */
	if (crm_buf_reserve(b, n * 6 + 2) != CRM_OK)
		return CRM_EINTERNAL;
	b->data[b->len++] = '"';
	for (i = start = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		memcpy(b->data + b->len, s + start, i - start);
		b->len += i - start;
		start = i + 1;
		switch (c) {
		case '"':  esc = '"'; break;
		case '\\': esc = '\\'; break;
		case '\n': esc = 'n'; break;
		case '\r': esc = 'r'; break;
		case '\t': esc = 't'; break;
		case '\b': esc = 'b'; break;
		case '\f': esc = 'f'; break;
		default:   esc = 0; break;
		}
		b->data[b->len++] = '\\';
		if (esc) {
			b->data[b->len++] = esc;
		} else {
			memcpy(b->data + b->len, "u00", 3);
			b->len += 3;
			b->data[b->len++] = hex[c >> 4];
			b->data[b->len++] = hex[c & 15];
		}
	}
	memcpy(b->data + b->len, s + start, n - start);
	b->len += n - start;
	b->data[b->len++] = '"';
	b->data[b->len] = '\0';
	return CRM_OK;
}

void
crm_buf_reset(crm_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
crm_array_grow(void *arr, size_t *cap, size_t n, size_t sz, crm_err *err)
{
	void **p = arr, *grown;
	size_t c;

	if (n < *cap)
		return CRM_OK;
	c = *cap ? *cap * 2 : 16;
	if ((grown = realloc(*p, c * sz)) == NULL)
		return crm_err_nomem(err);
	*p = grown;
	*cap = c;
	return CRM_OK;
}

void
crm_buf_free(crm_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
