/*
 * ordercode_decode.c - an order code back into the values it holds.
 * The whole code is checked before anything is written, and a code is
 * accepted only if encoding its values gives it back: the options
 * sorted, padding only where encoding puts it, the month the month of
 * the week.
 */
#include "internal.h"
#include "ordercode_internal.h"

/* What one field of a code holds. */
struct part {
	size_t entry;               /* map: the entry */
	int64_t n;                  /* number, year, month, week */
	size_t start, len;          /* text: the code without padding;
	                               options: the slots in use */
};

struct reading {
	const crm_ordercode *oc;
	const char *code;
	struct part part[OC_MAX_FIELDS];
	crm_err *err;
};

static int
refuse(struct reading *rd, size_t pos, const char *field, const char *fmt,
    ...) CRM_PRINTF(4, 5);

/* CRM_EDATA "position P: field: reason", P 1-based. */
static int
refuse(struct reading *rd, size_t pos, const char *field, const char *fmt,
    ...)
{
	char what[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (field == NULL)
		return crm_err_set(rd->err, CRM_EDATA, "position %zu: %s",
		    pos + 1, what);
	return crm_err_set(rd->err, CRM_EDATA, "position %zu: %s: %s", pos + 1,
	    field, what);
}

/* The field holding character i. */
static const struct oc_field *
field_at(const crm_ordercode *oc, size_t i)
{
	size_t k;

	for (k = 0; k + 1 < oc->n && oc->field[k].pos + oc->field[k].width <= i;
	    k++)
		;
	return &oc->field[k];
}

/* Printable ASCII but space, '"' and '\', and the length. */
static int
check_shape(struct reading *rd, size_t len)
{
	const crm_ordercode *oc = rd->oc;
	size_t i;
	unsigned char c;

	for (i = 0; i < len && i < oc->width; i++) {
		c = (unsigned char)rd->code[i];
		if (c > ' ' && c < 127 && c != '"' && c != '\\')
			continue;
		if (c >= ' ' && c < 127)
			return refuse(rd, i, field_at(oc, i)->name, "'%c' is not "
			    "a code character", c);
		return refuse(rd, i, field_at(oc, i)->name, "byte 0x%02X is "
		    "not a code character", c);
	}
	if (len < oc->width)
		return refuse(rd, len, field_at(oc, len)->name, "too short: %zu "
		    "characters, the layout has %zu", len, oc->width);
	if (len > oc->width)
		return refuse(rd, oc->width, NULL, "too long: %zu characters, "
		    "the layout has %zu", len, oc->width);
	return CRM_OK;
}

static int
digits(struct reading *rd, const struct oc_field *f, int64_t *n)
{
	const char *p = rd->code + f->pos;
	size_t i;

	*n = 0;
	for (i = 0; i < f->width; i++) {
		if (p[i] < '0' || p[i] > '9')
			return refuse(rd, f->pos + i, f->name, "'%c' is not a "
			    "digit", p[i]);
		*n = *n * 10 + (p[i] - '0');
	}
	return CRM_OK;
}

static int
read_map(struct reading *rd, const struct oc_field *f, struct part *pt)
{
	const char *p = rd->code + f->pos;

	for (pt->entry = 0; pt->entry < f->nmap; pt->entry++)
		if (memcmp(f->map[pt->entry].code, p, f->width) == 0)
			return CRM_OK;
	return refuse(rd, f->pos, f->name, "unknown code \"%.*s\"",
	    (int)f->width, p);
}

static int
read_number(struct reading *rd, const struct oc_field *f, struct part *pt)
{
	int rc;

	if ((rc = digits(rd, f, &pt->n)) != CRM_OK)
		return rc;
	if (pt->n < f->min || pt->n > f->max)
		return refuse(rd, f->pos, f->name, "%lld is out of range %lld "
		    "to %lld", (long long)pt->n, (long long)f->min,
		    (long long)f->max);
	return CRM_OK;
}

/* Characters of s[0..len) at code position pos are allowed in f. */
static int
allowed(struct reading *rd, const struct oc_field *f, size_t pos, size_t len)
{
	const char *s = rd->code + pos;
	size_t i;

	for (i = 0; i < len; i++) {
		if (f->allowed[(unsigned char)s[i]])
			continue;
		if (f->kind == OC_TEXT && f->has_pad && s[i] == f->pad[0])
			return refuse(rd, pos + i, f->name, "padding inside the "
			    "code");
		if (f->kind == OC_OPTIONS &&
		    s[i] == f->pad[(pos + i - f->pos) % f->slot_width])
			return refuse(rd, pos + i, f->name, "padding inside an "
			    "option code");
		return refuse(rd, pos + i, f->name, "'%c' is not one of %s",
		    s[i], f->chars);
	}
	return CRM_OK;
}

static int
read_text(struct reading *rd, const struct oc_field *f, struct part *pt)
{
	const char *p = rd->code + f->pos;
	size_t a = 0, b = f->width;

	if (f->has_pad && f->align_right)
		while (a < b && p[a] == f->pad[0])
			a++;
	else if (f->has_pad)
		while (b > a && p[b - 1] == f->pad[0])
			b--;
	if (a == b && !f->optional)
		return refuse(rd, f->pos, f->name, "only padding, no code");
	pt->start = f->pos + a;
	pt->len = b - a;
	return allowed(rd, f, pt->start, pt->len);
}

static int
read_options(struct reading *rd, const struct oc_field *f, struct part *pt)
{
	size_t i, w = f->slot_width, at;
	const char *p;
	int rc, cmp;

	pt->len = 0;
	for (i = 0; i < f->slots; i++) {
		at = f->pos + i * w;
		p = rd->code + at;
		if (memcmp(p, f->pad, w) == 0)
			continue;
		if (pt->len < i)
			return refuse(rd, at, f->name, "an option after an "
			    "empty slot");
		if ((rc = allowed(rd, f, at, w)) != CRM_OK)
			return rc;
		if (i > 0 && (cmp = memcmp(p - w, p, w)) >= 0)
			return refuse(rd, at, f->name, cmp == 0 ? "%.*s twice" :
			    "%.*s after %.*s: options are in sorted order",
			    (int)w, p, (int)w, p - w);
		pt->len = i + 1;
	}
	return CRM_OK;
}

static int
read_date_part(struct reading *rd, const struct oc_field *f, struct part *pt)
{
	int rc;

	if ((rc = digits(rd, f, &pt->n)) != CRM_OK)
		return rc;
	switch (f->kind) {
	case OC_YEAR:
		if (f->width == 2)
			pt->n += 2000;
		else if (pt->n == 0)
			return refuse(rd, f->pos, f->name, "no year 0");
		return CRM_OK;
	case OC_MONTH:
		if (pt->n < 1 || pt->n > 12)
			return refuse(rd, f->pos, f->name, "not a month (01 to "
			    "12)");
		return CRM_OK;
	default:
		if (pt->n < 1 || pt->n > 53)
			return refuse(rd, f->pos, f->name, "not a week (01 to "
			    "53)");
		return CRM_OK;
	}
}

static int
read_literal(struct reading *rd, const struct oc_field *f)
{
	size_t i;

	for (i = 0; i < f->width; i++)
		if (rd->code[f->pos + i] != f->text[i])
			return refuse(rd, f->pos + i, f->name, "not \"%s\"",
			    f->text);
	return CRM_OK;
}

/* The week exists in its year, and the month is the week's. */
static int
check_week(struct reading *rd)
{
	const crm_ordercode *oc = rd->oc;
	int year, week, month;

	if (oc->week < 0)
		return CRM_OK;
	year = (int)rd->part[oc->year].n;
	week = (int)rd->part[oc->week].n;
	if (week > crm_weeks_in_year(year))
		return refuse(rd, oc->field[oc->week].pos,
		    oc->field[oc->week].name, "%d has 52 weeks, no week %d",
		    year, week);
	if (oc->month < 0)
		return CRM_OK;
	month = crm_ordercode_week_month(year, week);
	if (rd->part[oc->month].n != month)
		return refuse(rd, oc->field[oc->month].pos,
		    oc->field[oc->month].name, "week %02d of %d is in month "
		    "%02d, not %02d", week, year, month,
		    (int)rd->part[oc->month].n);
	return CRM_OK;
}

static int
read_code(struct reading *rd, size_t len)
{
	const crm_ordercode *oc = rd->oc;
	const struct oc_field *f;
	size_t i;
	int rc = check_shape(rd, len);

	for (i = 0; rc == CRM_OK && i < oc->n; i++) {
		f = &oc->field[i];
		switch (f->kind) {
		case OC_MAP: rc = read_map(rd, f, &rd->part[i]); break;
		case OC_NUMBER: rc = read_number(rd, f, &rd->part[i]); break;
		case OC_TEXT: rc = read_text(rd, f, &rd->part[i]); break;
		case OC_OPTIONS: rc = read_options(rd, f, &rd->part[i]); break;
		case OC_LITERAL: rc = read_literal(rd, f); break;
		default: rc = read_date_part(rd, f, &rd->part[i]);
		}
	}
	return rc != CRM_OK ? rc : check_week(rd);
}

static int
write_options(struct reading *rd, const struct oc_field *f,
    const struct part *pt, crm_rec *out)
{
	char json[OC_MAX_SLOTS * (CRM_ORDERCODE_MAX + 3) + 3];
	size_t i, n = 0;

	json[n++] = '[';
	for (i = 0; i < pt->len; i++) {
		if (i > 0)
			json[n++] = ',';
		json[n++] = '"';
		memcpy(json + n, rd->code + f->pos + i * f->slot_width,
		    f->slot_width);
		n += f->slot_width;
		json[n++] = '"';
	}
	json[n++] = ']';
	return crm_rec_set_json(out, f->source, CRM_ARRAY, json, n, rd->err);
}

static int
write_field(struct reading *rd, size_t i, int *week_done, crm_rec *out)
{
	const crm_ordercode *oc = rd->oc;
	const struct oc_field *f = &oc->field[i];
	const struct part *pt = &rd->part[i];
	char week[CRM_DATE_BUFSZ];
	int rc;

	switch (f->kind) {
	case OC_MAP:
		return crm_rec_set_str(out, f->source, f->map[pt->entry].key,
		    f->map[pt->entry].keylen, rd->err);
	case OC_NUMBER:
		return crm_rec_set_int(out, f->source, pt->n, rd->err);
	case OC_TEXT:
		if (pt->len == 0) {
			crm_rec_del(out, f->source);
			return CRM_OK;
		}
		return crm_rec_set_str(out, f->source, rd->code + pt->start,
		    pt->len, rd->err);
	case OC_OPTIONS:
		return write_options(rd, f, pt, out);
	case OC_LITERAL:
		return CRM_OK;
	default:
		break;
	}
	if (!*week_done) {
		snprintf(week, sizeof(week), "%04d-W%02d",
		    (int)rd->part[oc->year].n, (int)rd->part[oc->week].n);
		if ((rc = crm_rec_set_str(out, oc->demand[0], week,
		    strlen(week), rd->err)) != CRM_OK)
			return rc;
		*week_done = 1;
	}
	return crm_rec_set_int(out, f->name, pt->n, rd->err);
}

int
crm_ordercode_decode(const crm_ordercode *oc, const char *code, size_t len,
    crm_rec *out, crm_err *err)
{
	char copy[CRM_ORDERCODE_MAX + 1];
	struct reading rd;
	size_t i;
	int rc, week_done = 0;

	/* A copy, since code may live in out. */
	if (len <= CRM_ORDERCODE_MAX) {
		memcpy(copy, code, len);
		code = copy;
	}
	rd.oc = oc;
	rd.code = code;
	rd.err = err;
	if ((rc = read_code(&rd, len)) != CRM_OK)
		return rc;
	for (i = 0; i < oc->n; i++)
		if ((rc = write_field(&rd, i, &week_done, out)) != CRM_OK)
			return rc;
	return CRM_OK;
}

int
crm_ordercode_unstamp(const crm_ordercode *oc, crm_rec *rec,
    const char *field, crm_err *err)
{
	const char *code;
	crm_err why;
	size_t len;
	long i;
	int rc;

	if (field == NULL)
		field = "order_code";
	if ((i = crm_rec_find(rec, field)) < 0 ||
	    crm_rec_type(rec, (size_t)i) == CRM_NULL)
		return crm_rec_fail(rec, err, CRM_EDATA, field, "missing");
	if (crm_rec_type(rec, (size_t)i) != CRM_STRING)
		return crm_rec_fail(rec, err, CRM_EDATA, field, "not a string");
	code = crm_rec_text(rec, (size_t)i, &len);
	if ((rc = crm_ordercode_decode(oc, code, len, rec, &why)) == CRM_OK)
		return CRM_OK;
	if (rc == CRM_EDATA)
		return crm_rec_fail(rec, err, rc, field, "%s", why.msg);
	return crm_err_set(err, rc, "%s", why.msg);
}
