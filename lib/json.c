/*
 * json.c - a strict, single-pass JSON scanner for records.
 *
 * It validates RFC 8259 and copies the text into the record's arena with
 * the insignificant white space taken out, so that every value can be
 * written back verbatim (numbers keep their exact digits).  jansson is not
 * used here: it turns numbers into doubles, which would break money and
 * would not give back the text it read.
 */
#include "internal.h"
#include "json.h"

struct key_span {
	size_t off;         /* raw key (with quotes) in the arena */
	size_t len;
	int escaped;
};

struct parser {
	const unsigned char *start, *p, *end;
	crm_buf *out;
	char *q;                    /* write position in out */
	crm_err *err;
	struct key_span *keys;      /* keys of the open nested objects */
	size_t nkeys, capkeys;
};

/* Bytes that may stand in a string as they are: printable ASCII other
 * than '"' and '\\'. */
static inline int
plain_byte(unsigned c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static int
fail(struct parser *ps, const unsigned char *at, const char *what)
{
	return crm_err_set(ps->err, CRM_EDATA, "col %zu: %s",
	    (size_t)(at - ps->start) + 1, what);
}

static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int
hex4(const unsigned char *s, unsigned *v)
{
	unsigned x = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned c = s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		x = x * 16 + d;
	}
	*v = x;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (s < end, *s >= 0x80), or 0. */
static size_t
utf8_len(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;      /* no UTF-16 surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;      /* nothing above U+10FFFF */
	} else
		return 0;
	if ((size_t)(end - s) < n)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

size_t
crm_utf8_invalid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		size_t k;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((k = utf8_len(p, end)) == 0)
			return (size_t)(p - (const unsigned char *)s);
		p += k;
	}
	return n;
}

/* Validate the string at ps->p (its opening quote) and move past it.
 * *escaped tells whether it held any backslash escape. */
static int
scan_string(struct parser *ps, int *escaped)
{
	const unsigned char *s = ps->p + 1, *end = ps->end;

	*escaped = 0;
	for (;;) {
		while (s < end && plain_byte(*s))
			s++;
		if (s >= end)
			return fail(ps, ps->p, "string not closed");
		if (*s == '"')
			break;
		if (*s == '\\') {
			unsigned v, lo;

			*escaped = 1;
			if (s + 1 >= end)
				return fail(ps, s, "string not closed");
			switch (s[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				s += 2;
				continue;
			case 'u':
				break;
			default:
				return fail(ps, s, "bad escape in string");
			}
			if (end - s < 6 || hex4(s + 2, &v) != 0)
				return fail(ps, s, "bad \\u escape in string");
			if (v >= 0xDC00 && v <= 0xDFFF)
				return fail(ps, s, "lone UTF-16 surrogate");
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (end - s < 12 || s[6] != '\\' || s[7] != 'u' ||
				    hex4(s + 8, &lo) != 0 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return fail(ps, s, "lone UTF-16 surrogate");
				s += 12;
			} else
				s += 6;
		} else if (*s < 0x20) {
			return fail(ps, s, *s == 0 ? "NUL byte in string" :
			    "control character in string");
		} else {
			size_t n = utf8_len(s, end);

			if (n == 0)
				return fail(ps, s, "invalid UTF-8");
			s += n;
		}
	}
	ps->p = s + 1;
	return CRM_OK;
}

static int
scan_number(struct parser *ps)
{
	const unsigned char *s = ps->p, *end = ps->end, *start = ps->p;

	if (s < end && *s == '-')
		s++;
	if (s < end && *s == '0')
		s++;
	else if (s < end && *s >= '1' && *s <= '9')
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	else
		return fail(ps, start, "bad number");
	if (s < end && *s == '.') {
		s++;
		if (s >= end || *s < '0' || *s > '9')
			return fail(ps, start, "bad number");
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	}
	if (s < end && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < end && (*s == '+' || *s == '-'))
			s++;
		if (s >= end || *s < '0' || *s > '9')
			return fail(ps, start, "bad number");
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	}
	ps->p = s;
	return CRM_OK;
}

static void
copy_out(struct parser *ps, const unsigned char *from, size_t n)
{
	memcpy(ps->q, from, n);
	ps->q += n;
}

static size_t
put_utf8(char *q, unsigned cp)
{
	if (cp < 0x80) {
		q[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		q[0] = (char)(0xC0 | cp >> 6);
		q[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		q[0] = (char)(0xE0 | cp >> 12);
		q[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		q[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	q[0] = (char)(0xF0 | cp >> 18);
	q[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	q[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	q[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decode the valid literal json[0..len) into q; returns the length. */
static size_t
decode_into(char *q, const char *json, size_t len)
{
	const unsigned char *s = (const unsigned char *)json + 1;
	const unsigned char *end = (const unsigned char *)json + len - 1;
	char *start = q;

	while (s < end) {
		const unsigned char *run = s;
		unsigned cp, lo;

		while (s < end && *s != '\\')
			s++;
		memcpy(q, run, (size_t)(s - run));
		q += s - run;
		if (s >= end)
			break;
		switch (s[1]) {
		case 'b': *q++ = '\b'; s += 2; continue;
		case 'f': *q++ = '\f'; s += 2; continue;
		case 'n': *q++ = '\n'; s += 2; continue;
		case 'r': *q++ = '\r'; s += 2; continue;
		case 't': *q++ = '\t'; s += 2; continue;
		case 'u': break;
		default:  *q++ = (char)s[1]; s += 2; continue;
		}
		(void)hex4(s + 2, &cp);
		s += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			(void)hex4(s + 2, &lo);
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			s += 6;
		}
		q += put_utf8(q, cp);
	}
	return (size_t)(q - start);
}

int
crm_json_decode_string(const char *json, size_t len, crm_buf *out,
    size_t *text_len)
{
	size_t n;

	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return CRM_EINTERNAL;
	n = decode_into(out->data + out->len, json, len);
	out->len += n;
	out->data[out->len++] = '\0';
	*text_len = n;
	return CRM_OK;
}

int
crm_json_is_plain(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

static int
key_cmp_decoded(const struct parser *ps, const struct key_span *a,
    const struct key_span *b)
{
	const char *base = ps->out->data;
	char *da, *db;
	size_t na, nb;
	int same;

	if (!a->escaped && !b->escaped)
		return a->len == b->len &&
		    memcmp(base + a->off, base + b->off, a->len) == 0;
	da = malloc(a->len);
	db = malloc(b->len);
	if (da == NULL || db == NULL) {
		free(da);
		free(db);
		return 0;
	}
	na = decode_into(da, base + a->off, a->len);
	nb = decode_into(db, base + b->off, b->len);
	same = na == nb && memcmp(da, db, na) == 0;
	free(da);
	free(db);
	return same;
}

struct decoded_key {
	char *s;
	size_t n;
};

static int
decoded_key_cmp(const void *a, const void *b)
{
	const struct decoded_key *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* A big object: sort the decoded keys and compare neighbours. */
static int
check_many_dups(struct parser *ps, size_t first, const unsigned char *at)
{
	size_t n = ps->nkeys - first, i, total = 0;
	struct decoded_key *k;
	char *text;
	int rc = CRM_OK;

	for (i = first; i < ps->nkeys; i++)
		total += ps->keys[i].len;
	k = malloc(n * sizeof(*k));
	text = malloc(total);
	if (k == NULL || text == NULL) {
		rc = crm_err_nomem(ps->err);
		goto out;
	}
	for (total = 0, i = 0; i < n; i++) {
		const struct key_span *ks = &ps->keys[first + i];

		k[i].s = text + total;
		k[i].n = decode_into(k[i].s, ps->out->data + ks->off, ks->len);
		total += ks->len;
	}
	qsort(k, n, sizeof(*k), decoded_key_cmp);
	for (i = 1; i < n; i++)
		if (decoded_key_cmp(&k[i - 1], &k[i]) == 0) {
			rc = fail(ps, at, "duplicate key in object");
			break;
		}
out:
	free(k);
	free(text);
	return rc;
}

/* Keys of one nested object are mostly few: then a quadratic check is
 * the fast one. */
static int
check_nested_dups(struct parser *ps, size_t first, const unsigned char *at)
{
	size_t i, j;

	if (ps->nkeys - first > 32)
		return check_many_dups(ps, first, at);
	for (i = first; i < ps->nkeys; i++)
		for (j = first; j < i; j++) {
			const struct key_span *a = &ps->keys[i], *b = &ps->keys[j];

			if (!a->escaped && !b->escaped && a->len != b->len)
				continue;
			if (key_cmp_decoded(ps, a, b))
				return fail(ps, at, "duplicate key in object");
		}
	return CRM_OK;
}

static int
push_key(struct parser *ps, size_t off, size_t len, int escaped)
{
	if (ps->nkeys == ps->capkeys) {
		size_t cap = ps->capkeys ? ps->capkeys * 2 : 32;
		struct key_span *k = realloc(ps->keys, cap * sizeof(*k));

		if (k == NULL)
			return crm_err_nomem(ps->err);
		ps->keys = k;
		ps->capkeys = cap;
	}
	ps->keys[ps->nkeys].off = off;
	ps->keys[ps->nkeys].len = len;
	ps->keys[ps->nkeys].escaped = escaped;
	ps->nkeys++;
	return CRM_OK;
}

/* After a member or element: a comma (copied; returns 1) or the closing
 * character (left for the caller; returns 0); anything else -1. */
static int
next_item(struct parser *ps, char close)
{
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ',') {
		*ps->q++ = ',';
		ps->p++;
		skip_ws(ps);
		return 1;
	}
	return ps->p < ps->end && *ps->p == close ? 0 : -1;
}

static int parse_value(struct parser *ps, int depth, crm_type *type);

static int
parse_nested_object(struct parser *ps, int depth)
{
	const unsigned char *open = ps->p;
	size_t first = ps->nkeys;
	crm_type t;
	int rc, escaped;

	*ps->q++ = '{';
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		*ps->q++ = '}';
		ps->p++;
		return CRM_OK;
	}
	for (;;) {
		const unsigned char *k = ps->p;

		if (k >= ps->end || *k != '"')
			return fail(ps, k, "expected a key in quotes");
		if ((rc = scan_string(ps, &escaped)) != CRM_OK)
			return rc;
		if ((rc = push_key(ps, (size_t)(ps->q - ps->out->data),
		    (size_t)(ps->p - k), escaped)) != CRM_OK)
			return rc;
		copy_out(ps, k, (size_t)(ps->p - k));
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':')
			return fail(ps, ps->p, "expected ':' after key");
		*ps->q++ = ':';
		ps->p++;
		skip_ws(ps);
		if ((rc = parse_value(ps, depth, &t)) != CRM_OK)
			return rc;
		if ((rc = next_item(ps, '}')) == 0)
			break;
		if (rc < 0)
			return fail(ps, ps->p, "expected ',' or '}' in object");
	}
	if ((rc = check_nested_dups(ps, first, open)) != CRM_OK)
		return rc;
	ps->nkeys = first;
	*ps->q++ = '}';
	ps->p++;
	return CRM_OK;
}

static int
parse_array(struct parser *ps, int depth)
{
	crm_type t;
	int rc;

	*ps->q++ = '[';
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		*ps->q++ = ']';
		ps->p++;
		return CRM_OK;
	}
	for (;;) {
		if ((rc = parse_value(ps, depth, &t)) != CRM_OK)
			return rc;
		if ((rc = next_item(ps, ']')) == 0)
			break;
		if (rc < 0)
			return fail(ps, ps->p, "expected ',' or ']' in array");
	}
	*ps->q++ = ']';
	ps->p++;
	return CRM_OK;
}

static int
parse_literal(struct parser *ps, const char *word, size_t n)
{
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, ps->p, "unexpected character");
	copy_out(ps, ps->p, n);
	ps->p += n;
	return CRM_OK;
}

/* Parse the value at ps->p, copying it compacted to ps->q.  depth is the
 * nesting of the enclosing container. */
static int
parse_value(struct parser *ps, int depth, crm_type *type)
{
	const unsigned char *v = ps->p;
	int rc, escaped;

	if (v >= ps->end)
		return fail(ps, v, "value missing at end of line");
	switch (*v) {
	case '"':
		*type = CRM_STRING;
		if ((rc = scan_string(ps, &escaped)) != CRM_OK)
			return rc;
		copy_out(ps, v, (size_t)(ps->p - v));
		return CRM_OK;
	case '{':
	case '[':
		if (depth >= CRM_REC_MAX_DEPTH)
			return fail(ps, v, "nested too deeply");
		*type = *v == '{' ? CRM_OBJECT : CRM_ARRAY;
		return *v == '{' ? parse_nested_object(ps, depth + 1) :
		    parse_array(ps, depth + 1);
	case 't':
		*type = CRM_BOOL;
		return parse_literal(ps, "true", 4);
	case 'f':
		*type = CRM_BOOL;
		return parse_literal(ps, "false", 5);
	case 'n':
		*type = CRM_NULL;
		return parse_literal(ps, "null", 4);
	default:
		*type = CRM_NUMBER;
		if (*v != '-' && (*v < '0' || *v > '9'))
			return fail(ps, v, *v == 0 ? "NUL byte" :
			    "unexpected character");
		if ((rc = scan_number(ps)) != CRM_OK)
			return rc;
		copy_out(ps, v, (size_t)(ps->p - v));
		return CRM_OK;
	}
}

static int
starts_with(const unsigned char *p, const unsigned char *end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) >= n && memcmp(p, w, n) == 0;
}

/* Say what the line is instead of an object, when that is clear. */
static const char *
not_object(const unsigned char *p, const unsigned char *end)
{
	switch (*p) {
	case '[': return "not an object but an array";
	case '"': return "not an object but a string";
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return "not an object but a number";
	default:
		if (starts_with(p, end, "true") || starts_with(p, end, "false"))
			return "not an object but a boolean";
		if (starts_with(p, end, "null"))
			return "not an object but null";
		return "not a JSON object";
	}
}

static int
parse_member(struct parser *ps, crm_json_member_fn fn, void *ctx)
{
	const unsigned char *k = ps->p;
	const char *base;
	size_t key, key_len, json, json_len, text, text_len;
	crm_type type;
	int rc, escaped;

	if (k >= ps->end)
		return fail(ps, k, "object not closed at end of line");
	if (*k != '"')
		return fail(ps, k, "expected a key in quotes");
	if ((rc = scan_string(ps, &escaped)) != CRM_OK)
		return rc;
	key = (size_t)(ps->q - ps->out->data);
	key_len = escaped ? decode_into(ps->q, (const char *)k,
	    (size_t)(ps->p - k)) : (size_t)(ps->p - k) - 2;
	if (!escaped)
		memcpy(ps->q, k + 1, key_len);
	ps->q += key_len;
	*ps->q++ = '\0';
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':')
		return fail(ps, ps->p, "expected ':' after key");
	ps->p++;
	skip_ws(ps);
	json = (size_t)(ps->q - ps->out->data);
	if ((rc = parse_value(ps, 1, &type)) != CRM_OK)
		return rc;
	json_len = (size_t)(ps->q - ps->out->data) - json;
	*ps->q++ = '\0';
	text = json;
	text_len = json_len;
	base = ps->out->data;
	if (type == CRM_STRING) {
		text = (size_t)(ps->q - base);
		text_len = decode_into(ps->q, base + json, json_len);
		ps->q += text_len;
		*ps->q++ = '\0';
	}
	ps->out->len = (size_t)(ps->q - base);
	rc = fn(ctx, key, key_len, crm_json_is_plain(base + key, key_len),
	    json, json_len, text, text_len, type);
	if (rc == CRM_EDATA) {
		char msg[96];

		snprintf(msg, sizeof(msg), "duplicate key \"%.64s\"",
		    base + key);
		return fail(ps, k, msg);
	}
	if (rc != CRM_OK)
		return crm_err_nomem(ps->err);
	return CRM_OK;
}

int
crm_json_parse_object(const char *s, size_t len, crm_buf *arena,
    crm_json_member_fn fn, void *ctx, crm_err *err)
{
	struct parser ps;
	int rc;

	memset(&ps, 0, sizeof(ps));
	ps.start = ps.p = (const unsigned char *)s;
	ps.end = ps.start + len;
	ps.out = arena;
	ps.err = err;
	/* Key, value and decoded text each take at most the input's length
	 * plus a NUL; reserving once lets the scanner write unchecked. */
	if (len > (SIZE_MAX - 64) / 3 ||
	    crm_buf_reserve(arena, 3 * len + 64) != CRM_OK)
		return crm_err_nomem(err);
	ps.q = arena->data + arena->len;
	skip_ws(&ps);
	if (ps.p >= ps.end)
		return fail(&ps, ps.p, "empty line, not an object");
	if (*ps.p != '{')
		return fail(&ps, ps.p, not_object(ps.p, ps.end));
	ps.p++;
	skip_ws(&ps);
	if (ps.p < ps.end && *ps.p == '}') {
		ps.p++;
	} else {
		for (;;) {
			if ((rc = parse_member(&ps, fn, ctx)) != CRM_OK)
				goto out;
			skip_ws(&ps);
			if (ps.p < ps.end && *ps.p == ',') {
				ps.p++;
				skip_ws(&ps);
				continue;
			}
			if (ps.p < ps.end && *ps.p == '}') {
				ps.p++;
				break;
			}
			rc = fail(&ps, ps.p, ps.p < ps.end ?
			    "expected ',' or '}' in object" :
			    "object not closed at end of line");
			goto out;
		}
	}
	skip_ws(&ps);
	rc = CRM_OK;
	if (ps.p < ps.end)
		rc = fail(&ps, ps.p, "text after the object");
out:
	free(ps.keys);
	return rc;
}
