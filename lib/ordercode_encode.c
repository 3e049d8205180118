/*
 * ordercode_encode.c - order codes from a record or from values: every
 * field written at its place in a fixed buffer, the sequence number last
 * so that its scope can be read off the rest of the code.
 */
#include "internal.h"
#include "ordercode_internal.h"

#include <inttypes.h>

/* Where the values come from: the values struct (NULL: none) for the
 * fields it has, else rec (may be NULL), which also gives the place. */
struct src {
	const crm_rec *rec;
	const crm_ordercode_values *v;
};

/* One value as read: absent, a JSON value's type and text, or (the
 * values struct's sequence number) an integer. */
struct val {
	int present, is_int;
	crm_type type;
	const char *s;
	size_t len;
	int64_t n;
};

/* A code being made, and the demand week once read. */
struct making {
	const crm_ordercode *oc;
	const struct src *src;
	char code[CRM_ORDERCODE_MAX + 1];
	int have_week, iso_year, week;
	crm_err *err;
};

static int
fail(const struct making *mk, const char *key, const char *fmt, ...)
	CRM_PRINTF(3, 4);

static int
fail(const struct making *mk, const char *key, const char *fmt, ...)
{
	char what[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (mk->src->rec != NULL)
		return crm_rec_fail(mk->src->rec, mk->err, CRM_EDATA, key, "%s",
		    what);
	return crm_err_set(mk->err, CRM_EDATA, "%s: %s", key, what);
}

static void
get_rec(const crm_rec *rec, const char *key, struct val *v)
{
	long i = rec != NULL ? crm_rec_find(rec, key) : -1;

	memset(v, 0, sizeof(*v));
	if (i < 0 || crm_rec_type(rec, (size_t)i) == CRM_NULL)
		return;
	v->present = 1;
	v->type = crm_rec_type(rec, (size_t)i);
	v->s = crm_rec_text(rec, (size_t)i, &v->len);
}

static void
get_string(const char *s, struct val *v)
{
	memset(v, 0, sizeof(*v));
	if (s == NULL)
		return;
	v->present = 1;
	v->type = CRM_STRING;
	v->s = s;
	v->len = strlen(s);
}

/* The value of field f. */
static void
get_value(const struct making *mk, const struct oc_field *f, struct val *v)
{
	const crm_ordercode_values *vs = mk->src->v;

	if (vs == NULL || f->role == OC_ROLE_REC) {
		get_rec(mk->src->rec, f->source, v);
		return;
	}
	switch (f->role) {
	case OC_ROLE_PLANT: get_string(vs->plant, v); break;
	case OC_ROLE_COLOUR: get_string(vs->colour, v); break;
	case OC_ROLE_OPTIONS: get_string(vs->options, v); break;
	default:
		memset(v, 0, sizeof(*v));
		v->present = vs->seq > 0;
		v->is_int = 1;
		v->n = vs->seq;
	}
}

/* n as width digits, zero-padded; n fits. */
static void
put_number(char *p, size_t width, int64_t n)
{
	while (width-- > 0) {
		p[width] = (char)('0' + n % 10);
		n /= 10;
	}
}

static int
encode_map(struct making *mk, const struct oc_field *f, const struct val *v)
{
	size_t i;

	if (v->type != CRM_STRING)
		return fail(mk, f->source, "not a string");
	for (i = 0; i < f->nmap; i++)
		if (f->map[i].keylen == v->len &&
		    memcmp(f->map[i].key, v->s, v->len) == 0) {
			memcpy(mk->code + f->pos, f->map[i].code, f->width);
			return CRM_OK;
		}
	return fail(mk, f->source, "no code for \"%.*s\" in the layout",
	    (int)(v->len > 64 ? 64 : v->len), v->s);
}

/* A JSON number that is a whole number, to n. */
static int
whole_number(const struct val *v, int64_t *n)
{
	size_t i = v->len > 0 && v->s[0] == '-';
	int64_t x = 0;

	if (v->is_int) {
		*n = v->n;
		return 1;
	}
	if (v->type != CRM_NUMBER || i == v->len)
		return 0;
	for (; i < v->len; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return 0;
		if (x > (INT64_MAX - (v->s[i] - '0')) / 10)
			return 0;
		x = x * 10 + (v->s[i] - '0');
	}
	*n = v->s[0] == '-' ? -x : x;
	return 1;
}

static int
encode_number(struct making *mk, const struct oc_field *f,
    const struct val *v)
{
	int64_t n;

	if (!whole_number(v, &n))
		return fail(mk, f->source, "not a whole number");
	if (n < f->min || n > f->max)
		return fail(mk, f->source, "%" PRId64 " is out of range %"
		    PRId64 " to %" PRId64, n, f->min, f->max);
	put_number(mk->code + f->pos, f->width, n);
	return CRM_OK;
}

/* Every byte of s[0..len) is allowed in f; else the message. */
static int
check_chars(struct making *mk, const struct oc_field *f, const char *s,
    size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 128 && f->allowed[c])
			continue;
		if (c > ' ' && c < 127)
			return fail(mk, f->source, "\"%.*s\": '%c' is not one of "
			    "%s", (int)len, s, c, f->chars);
		return fail(mk, f->source, "\"%.*s\": a character that is not "
		    "one of %s", (int)len, s, f->chars);
	}
	return CRM_OK;
}

static int
encode_text(struct making *mk, const struct oc_field *f, const struct val *v)
{
	char *p = mk->code + f->pos;
	size_t pads;
	int rc;

	if (!v->present || (v->type == CRM_STRING && v->len == 0)) {
		if (!f->optional)
			return fail(mk, f->source, "missing");
		memset(p, f->pad[0], f->width);
		return CRM_OK;
	}
	if (v->type != CRM_STRING)
		return fail(mk, f->source, "not a string");
	if (v->len > f->width || (v->len < f->width && !f->has_pad))
		return fail(mk, f->source, "\"%.*s\" is not %zu characters",
		    (int)(v->len > 64 ? 64 : v->len), v->s, f->width);
	if ((rc = check_chars(mk, f, v->s, v->len)) != CRM_OK)
		return rc;
	pads = f->width - v->len;
	memset(f->align_right ? p : p + v->len, f->pad[0], pads);
	memcpy(f->align_right ? p + pads : p, v->s, v->len);
	return CRM_OK;
}

/* Option codes, at most the slots, each as start and length. */
struct opts {
	const char *code[OC_MAX_SLOTS];
	size_t len[OC_MAX_SLOTS];
	size_t n;
};

static int
add_option(struct making *mk, const struct oc_field *f, struct opts *o,
    const char *s, size_t len)
{
	int rc;

	if (len == 0)
		return fail(mk, f->source, "an empty option code");
	if (o->n == f->slots)
		return fail(mk, f->source, "more than %zu options", f->slots);
	if (len != f->slot_width)
		return fail(mk, f->source, "\"%.*s\" is not %zu characters",
		    (int)(len > 64 ? 64 : len), s, f->slot_width);
	if ((rc = check_chars(mk, f, s, len)) != CRM_OK)
		return rc;
	if (memcmp(s, f->pad, len) == 0)
		return fail(mk, f->source, "\"%.*s\" is the padding of an empty "
		    "slot, not an option code", (int)len, s);
	o->code[o->n] = s;
	o->len[o->n++] = len;
	return CRM_OK;
}

/* ["A","B"] as compact JSON: a code holding an escape is not a code. */
static int
split_array(struct making *mk, const struct oc_field *f, const struct val *v,
    struct opts *o)
{
	const char *p = v->s + 1, *end = v->s + v->len - 1, *start;
	int rc;

	while (p < end) {
		if (*p != '"')
			return fail(mk, f->source, "not a list of option codes");
		start = ++p;
		while (*p != '"' && *p != '\\')
			p++;
		if (*p == '\\')
			return fail(mk, f->source, "an option code that is not "
			    "one of %s", f->chars);
		if ((rc = add_option(mk, f, o, start, (size_t)(p - start))) !=
		    CRM_OK)
			return rc;
		p += 1 + (p[1] == ',');
	}
	return CRM_OK;
}

/* "A,B" or "A+B", blanks around codes ignored; blank: none. */
static int
split_string(struct making *mk, const struct oc_field *f, const char *s,
    size_t len, struct opts *o)
{
	const char *end = s + len, *a, *b;
	int rc;

	for (a = s; a < end && *a == ' '; a++)
		;
	if (a == end)
		return CRM_OK;
	for (a = s;; a = b + 1) {
		for (b = a; b < end && *b != ',' && *b != '+'; b++)
			;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if ((rc = add_option(mk, f, o, a, (size_t)(b - a))) != CRM_OK)
			return rc;
		while (b < end && *b == ' ')
			b++;
		if (b == end)
			return CRM_OK;
	}
}

static int
encode_options(struct making *mk, const struct oc_field *f,
    const struct val *v)
{
	struct opts o;
	const char *tc;
	size_t i, j, tl;
	char *p = mk->code + f->pos;
	int rc = CRM_OK;

	o.n = 0;
	if (v->present && v->type == CRM_ARRAY)
		rc = split_array(mk, f, v, &o);
	else if (v->present && v->type == CRM_STRING)
		rc = split_string(mk, f, v->s, v->len, &o);
	else if (v->present)
		rc = fail(mk, f->source, "not a list of option codes");
	if (rc != CRM_OK)
		return rc;
	/* Sorted, so that the code of a set of options is one code. */
	for (i = 1; i < o.n; i++)
		for (j = i; j > 0 && memcmp(o.code[j - 1], o.code[j],
		    f->slot_width) > 0; j--) {
			tc = o.code[j];
			tl = o.len[j];
			o.code[j] = o.code[j - 1];
			o.len[j] = o.len[j - 1];
			o.code[j - 1] = tc;
			o.len[j - 1] = tl;
		}
	for (i = 0; i < f->slots; i++) {
		if (i > 0 && i < o.n && memcmp(o.code[i - 1], o.code[i],
		    f->slot_width) == 0)
			return fail(mk, f->source, "%.*s twice",
			    (int)f->slot_width, o.code[i]);
		memcpy(p + i * f->slot_width, i < o.n ? o.code[i] : f->pad,
		    f->slot_width);
	}
	return CRM_OK;
}

/* "YYYY-Www" or "YYYY-MM-DD" to an ISO year and week. */
static int
parse_demand(struct making *mk, const char *key, const struct val *v)
{
	crm_err why;
	int32_t day;
	int rc;

	if (v->type != CRM_STRING)
		return fail(mk, key, "not a week (YYYY-Www) or a date "
		    "(YYYY-MM-DD)");
	if (v->len == 8 && v->s[4] == '-' && v->s[5] == 'W')
		rc = crm_period_parse(v->s, v->len, CRM_PERIOD_WEEK, &day, NULL,
		    &why);
	else if (v->len == 10)
		rc = crm_date_parse(v->s, v->len, &day, &why);
	else
		return fail(mk, key, "not a week (YYYY-Www) or a date "
		    "(YYYY-MM-DD)");
	if (rc != CRM_OK)
		return fail(mk, key, "%s: %.*s", why.msg, (int)v->len, v->s);
	crm_date_iso_week(day, &mk->iso_year, &mk->week);
	return CRM_OK;
}

/* The demand week, from the values struct or the first demand field the
 * record has; key names it in messages. */
static int
read_week(struct making *mk, const char **key)
{
	const crm_ordercode *oc = mk->oc;
	const crm_ordercode_values *vs = mk->src->v;
	char also[OC_MAX_DEMAND * 40];
	struct val v;
	size_t i, n;

	*key = oc->demand[0];
	if (vs != NULL) {
		if (vs->iso_year == 0)
			return fail(mk, *key, "missing");
		if (vs->iso_year < 1 || vs->iso_year > 9999 || vs->week < 1 ||
		    vs->week > crm_weeks_in_year(vs->iso_year))
			return fail(mk, *key, "no week %d in %d", vs->week,
			    vs->iso_year);
		mk->iso_year = vs->iso_year;
		mk->week = vs->week;
		return CRM_OK;
	}
	for (i = 0; i < oc->ndemand; i++) {
		get_rec(mk->src->rec, oc->demand[i], &v);
		if (v.present) {
			*key = oc->demand[i];
			return parse_demand(mk, *key, &v);
		}
	}
	if (oc->ndemand == 1)
		return fail(mk, *key, "missing");
	for (i = 1, n = 0; i < oc->ndemand; i++)
		n += (size_t)snprintf(also + n, sizeof(also) - n, "%s%s",
		    i > 1 ? ", " : "", oc->demand[i]);
	return fail(mk, *key, "missing (and so is %s)", also);
}

/* The demand week once, and whether it fits the year field. */
static int
demand_week(struct making *mk)
{
	const struct oc_field *y;
	const char *key;
	int rc;

	if (mk->have_week)
		return CRM_OK;
	if ((rc = read_week(mk, &key)) != CRM_OK)
		return rc;
	y = &mk->oc->field[mk->oc->year];
	if (y->width == 2 && (mk->iso_year < 2000 || mk->iso_year > 2099))
		return fail(mk, key, "%d does not fit a 2-digit year (2000 to "
		    "2099)", mk->iso_year);
	mk->have_week = 1;
	return CRM_OK;
}

static int
encode_field(struct making *mk, const struct oc_field *f)
{
	char *p = mk->code + f->pos;
	struct val v;
	int rc;

	if (f->kind >= OC_YEAR && f->kind <= OC_WEEK &&
	    (rc = demand_week(mk)) != CRM_OK)
		return rc;
	switch (f->kind) {
	case OC_YEAR:
		put_number(p, f->width, f->width == 2 ? mk->iso_year - 2000 :
		    mk->iso_year);
		return CRM_OK;
	case OC_MONTH:
		put_number(p, 2, crm_ordercode_week_month(mk->iso_year,
		    mk->week));
		return CRM_OK;
	case OC_WEEK:
		put_number(p, 2, mk->week);
		return CRM_OK;
	case OC_LITERAL:
		memcpy(p, f->text, f->width);
		return CRM_OK;
	default:
		break;
	}
	get_value(mk, f, &v);
	switch (f->kind) {
	case OC_TEXT: return encode_text(mk, f, &v);
	case OC_OPTIONS: return encode_options(mk, f, &v);
	default: break;
	}
	if (!v.present)
		return fail(mk, f->source, "missing");
	return f->kind == OC_MAP ? encode_map(mk, f, &v) :
	    encode_number(mk, f, &v);
}

/* Every field into mk->code, but the sequence number unless with_seq. */
static int
encode_fields(struct making *mk, int with_seq)
{
	const crm_ordercode *oc = mk->oc;
	size_t i;
	int rc;

	mk->have_week = 0;
	for (i = 0; i < oc->n; i++)
		if ((with_seq || (long)i != oc->seq) &&
		    (rc = encode_field(mk, &oc->field[i])) != CRM_OK)
			return rc;
	mk->code[oc->width] = '\0';
	return CRM_OK;
}

static void
start(struct making *mk, const crm_ordercode *oc, const struct src *src,
    crm_err *err)
{
	mk->oc = oc;
	mk->src = src;
	mk->err = err;
}

/* The scope key of the code in mk (see crm/ordercode.h). */
static void
scope_key(const struct making *mk, char *buf)
{
	const crm_ordercode *oc = mk->oc;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < oc->nscope; i++) {
		const struct oc_field *f = &oc->field[oc->scope[i]];

		if (i > 0)
			buf[n++] = '/';
		if (f->kind == OC_YEAR)
			n += (size_t)snprintf(buf + n, 8, "%04d", mk->iso_year);
		else if (f->kind == OC_WEEK)
			n += (size_t)snprintf(buf + n, 8, "W%02d", mk->week);
		else {
			memcpy(buf + n, mk->code + f->pos, f->width);
			n += f->width;
		}
	}
	buf[n] = '\0';
}

int
crm_ordercode_encode(const crm_ordercode *oc, const crm_rec *rec,
    crm_buf *out, crm_err *err)
{
	struct src src = { rec, NULL };
	struct making mk;
	int rc;

	start(&mk, oc, &src, err);
	if ((rc = encode_fields(&mk, 1)) != CRM_OK)
		return rc;
	return crm_buf_add(out, mk.code, oc->width) != CRM_OK ?
	    crm_err_nomem(err) : CRM_OK;
}

int
crm_ordercode_encode_values(const crm_ordercode *oc,
    const crm_ordercode_values *v, crm_buf *out, crm_err *err)
{
	struct src src = { v->rec, v };
	struct making mk;
	int rc;

	start(&mk, oc, &src, err);
	if ((rc = encode_fields(&mk, 1)) != CRM_OK)
		return rc;
	return crm_buf_add(out, mk.code, oc->width) != CRM_OK ?
	    crm_err_nomem(err) : CRM_OK;
}

int
crm_ordercode_scope(const crm_ordercode *oc, const crm_ordercode_values *v,
    char *buf, crm_err *err)
{
	struct src src = { v->rec, v };
	struct making mk;
	int rc;

	start(&mk, oc, &src, err);
	if ((rc = encode_fields(&mk, 0)) != CRM_OK)
		return rc;
	scope_key(&mk, buf);
	return CRM_OK;
}

int
crm_ordercode_scope_rec(const crm_ordercode *oc, const crm_rec *rec,
    char *buf, crm_err *err)
{
	struct src src = { rec, NULL };
	struct making mk;
	int rc;

	start(&mk, oc, &src, err);
	if ((rc = encode_fields(&mk, 0)) != CRM_OK)
		return rc;
	scope_key(&mk, buf);
	return CRM_OK;
}

/* The record's sequence number: checked and claimed when it has one,
 * else the next of its scope from seqs, set in the record. */
static int
stamp_seq(struct making *mk, crm_rec *rec, crm_ordercode_seqs *seqs)
{
	const struct oc_field *f = &mk->oc->field[mk->oc->seq];
	char scope[CRM_ORDERCODE_SCOPE_BUFSZ];
	struct val v;
	int64_t n;
	int rc;

	get_value(mk, f, &v);
	if (v.present || seqs == NULL) {
		if (!v.present)
			return fail(mk, f->source, "missing");
		if ((rc = encode_number(mk, f, &v)) != CRM_OK || seqs == NULL)
			return rc;
		whole_number(&v, &n);
		scope_key(mk, scope);
		return crm_ordercode_seqs_claim(seqs, scope, n, mk->err);
	}
	scope_key(mk, scope);
	rc = crm_ordercode_seqs_next(seqs, scope, &n, mk->err);
	if (rc == CRM_EDATA && crm_rec_file(rec) != NULL)
		crm_err_prefix(mk->err, "%s:%lu", crm_rec_file(rec),
		    crm_rec_line(rec));
	if (rc != CRM_OK)
		return rc;
	put_number(mk->code + f->pos, f->width, n);
	return crm_rec_set_int(rec, f->source, n, mk->err);
}

int
crm_ordercode_stamp(const crm_ordercode *oc, crm_rec *rec, const char *field,
    crm_ordercode_seqs *seqs, crm_err *err)
{
	struct src src = { rec, NULL };
	struct making mk;
	int rc;

	start(&mk, oc, &src, err);
	if ((rc = encode_fields(&mk, 0)) != CRM_OK ||
	    (oc->seq >= 0 && (rc = stamp_seq(&mk, rec, seqs)) != CRM_OK))
		return rc;
	return crm_rec_set_str(rec, field != NULL ? field : "order_code",
	    mk.code, oc->width, err);
}
