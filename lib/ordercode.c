/*
 * ordercode.c - the order-code layout file: load, check, free.
 */
#include "internal.h"
#include "ordercode_internal.h"

/* Longest field name and map key, in bytes. */
#define OC_NAME_MAX 32
#define OC_KEY_MAX 64
/* Most entries in a map. */
#define OC_MAX_MAP 1000

static const char *const kind_names[] = {
	"map", "number", "text", "options", "year", "month", "week", "literal"
};

static const char *const default_demand[] = {
	"demand_week", "requested_week", "demand_date"
};

int64_t
crm_ordercode_pow10(size_t n)
{
	int64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

int
crm_ordercode_week_month(int iso_year, int week)
{
	int32_t monday;
	crm_err ignored;
	int m = 1;

	if (crm_week_start(iso_year, week, &monday, &ignored) == CRM_OK)
		crm_date_split(monday + 3, NULL, &m, NULL);
	return m;
}

void
crm_ordercode_free(crm_ordercode *oc)
{
	size_t i, j;

	if (oc == NULL)
		return;
	for (i = 0; i < oc->n; i++) {
		struct oc_field *f = &oc->field[i];

		for (j = 0; j < f->nmap; j++) {
			free(f->map[j].key);
			free(f->map[j].code);
		}
		free(f->map);
		free(f->name);
		free(f->source);
		free(f->text);
		free(f->chars);
	}
	for (i = 0; i < oc->ndemand; i++)
		free(oc->demand[i]);
	free(oc->field);
	free(oc->file);
	free(oc);
}

size_t
crm_ordercode_width(const crm_ordercode *oc)
{
	return oc->width;
}

const char *
crm_ordercode_seq_field(const crm_ordercode *oc)
{
	return oc->seq < 0 ? NULL : oc->field[oc->seq].source;
}

/* What the loader needs to say where it is. */
struct loading {
	const char *file;
	crm_err *err;
	char where[64];
};

static int
bad(struct loading *ld, const char *fmt, ...) CRM_PRINTF(2, 3);

static int
bad(struct loading *ld, const char *fmt, ...)
{
	char what[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return crm_conf_fail(ld->err, ld->file, ld->where[0] != '\0' ?
	    ld->where : NULL, "%s", what);
}

/* Every member of obj must be one of the names in known. */
static int
only_members(struct loading *ld, json_t *obj, const char *const *known,
    size_t n)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(obj, k, v) {
		for (i = 0; i < n && strcmp(k, known[i]) != 0; i++)
			;
		if (i == n)
			return bad(ld, "unknown member \"%.64s\"", k);
	}
	return CRM_OK;
}

/* Point where at member of the current place; returns the length to cut
 * back to when leaving it. */
static size_t
enter(struct loading *ld, const char *member)
{
	size_t len = strlen(ld->where);

	snprintf(ld->where + len, sizeof(ld->where) - len, ".%s", member);
	return len;
}

static int
dup_string(struct loading *ld, const char *s, char **out)
{
	if ((*out = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	return CRM_OK;
}

/* A name as it reads in records: a lower-case letter, then lower-case
 * letters, digits and '_', at most OC_NAME_MAX bytes. */
static int
good_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > OC_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* A character a code may hold: printable ASCII but the space, '"' and
 * '\', so that a code reads the same inside and outside JSON. */
static int
code_char(int c)
{
	return c > ' ' && c < 0x7f && c != '"' && c != '\\';
}

/* s is 1 to max code characters. */
static int
code_text(const char *s, size_t max)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!code_char((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
string_member(struct loading *ld, json_t *j, const char *key, int required,
    const char **out)
{
	return crm_conf_string(j, key, required, ld->file, ld->where, out,
	    ld->err);
}

static int
int_member(struct loading *ld, json_t *j, const char *key, int required,
    long long min, long long max, long long *out)
{
	return crm_conf_int(j, key, required, min, max, ld->file, ld->where,
	    out, ld->err);
}

static int
bool_member(struct loading *ld, json_t *j, const char *key, int *out)
{
	json_t *v = json_object_get(j, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return CRM_OK;
	if (!json_is_boolean(v)) {
		enter(ld, key);
		return bad(ld, "not true or false");
	}
	*out = json_is_true(v);
	return CRM_OK;
}

/* "0-9A-Z_": single characters and ranges into f->allowed. */
static int
load_chars(struct loading *ld, json_t *j, struct oc_field *f)
{
	const char *s = "0-9A-Z";
	size_t i, n, len;
	int rc, c;

	if ((rc = string_member(ld, j, "chars", 0, &s)) == CRM_END)
		s = "0-9A-Z";
	else if (rc != CRM_OK)
		return rc;
	len = enter(ld, "chars");
	n = strlen(s);
	if (n == 0)
		return bad(ld, "no characters");
	for (i = 0; i < n; i++) {
		if (!code_char((unsigned char)s[i]))
			return bad(ld, "printable ASCII characters other than "
			    "space, '\"' and '\\', and ranges such as 0-9");
		if (i + 2 < n && s[i + 1] == '-') {
			if (!code_char((unsigned char)s[i + 2]) ||
			    s[i + 2] < s[i])
				return bad(ld, "%c-%c is not a range", s[i],
				    s[i + 2]);
			for (c = s[i]; c <= s[i + 2]; c++)
				f->allowed[c] = 1;
			i += 2;
		} else
			f->allowed[(unsigned char)s[i]] = 1;
	}
	ld->where[len] = '\0';
	return dup_string(ld, s, &f->chars);
}

static int
load_map(struct loading *ld, json_t *j, struct oc_field *f)
{
	json_t *map = json_object_get(j, "map"), *v;
	const char *k;
	size_t i, len = enter(ld, "map");
	int rc;

	if (!json_is_object(map) || json_object_size(map) == 0)
		return bad(ld, "an object from values to codes");
	if (json_object_size(map) > OC_MAX_MAP)
		return bad(ld, "at most %d entries", OC_MAX_MAP);
	if ((f->map = calloc(json_object_size(map), sizeof(*f->map))) == NULL)
		return crm_err_nomem(ld->err);
	json_object_foreach(map, k, v) {
		if (*k == '\0' || strlen(k) > OC_KEY_MAX)
			return bad(ld, "a value is 1 to %d bytes", OC_KEY_MAX);
		if (!json_is_string(v) || !code_text(json_string_value(v),
		    f->width) || strlen(json_string_value(v)) != f->width)
			return bad(ld, "\"%s\": not a code of %zu characters "
			    "(printable ASCII but space, '\"' and '\\')", k,
			    f->width);
		for (i = 0; i < f->nmap; i++)
			if (strcmp(f->map[i].code, json_string_value(v)) == 0)
				return bad(ld, "\"%s\" and \"%s\" have the same "
				    "code %s: decoding needs one value per code",
				    f->map[i].key, k, f->map[i].code);
		rc = dup_string(ld, k, &f->map[f->nmap].key);
		if (rc == CRM_OK)
			rc = dup_string(ld, json_string_value(v),
			    &f->map[f->nmap].code);
		f->map[f->nmap].keylen = strlen(k);
		f->nmap++;
		if (rc != CRM_OK)
			return rc;
	}
	ld->where[len] = '\0';
	return CRM_OK;
}

static int
load_number(struct loading *ld, json_t *j, struct oc_field *f, int *seq)
{
	long long min, max, top = crm_ordercode_pow10(f->width) - 1;
	int rc;

	if ((rc = bool_member(ld, j, "sequence", seq)) != CRM_OK)
		return rc;
	if ((rc = int_member(ld, j, "min", 0, *seq ? 1 : 0, top, &min)) ==
	    CRM_END)
		min = *seq ? 1 : 0;
	else if (rc != CRM_OK)
		return rc;
	if ((rc = int_member(ld, j, "max", 0, min, top, &max)) == CRM_END)
		max = top;
	else if (rc != CRM_OK)
		return rc;
	f->min = min;
	f->max = max;
	return CRM_OK;
}

static int
load_text(struct loading *ld, json_t *j, struct oc_field *f)
{
	const char *s;
	size_t len;
	int rc;

	if ((rc = load_chars(ld, j, f)) != CRM_OK ||
	    (rc = bool_member(ld, j, "optional", &f->optional)) != CRM_OK)
		return rc;
	if ((rc = string_member(ld, j, "align", 0, &s)) == CRM_OK) {
		if (strcmp(s, "right") != 0 && strcmp(s, "left") != 0) {
			enter(ld, "align");
			return bad(ld, "left or right");
		}
		f->align_right = strcmp(s, "right") == 0;
	} else if (rc != CRM_END)
		return rc;
	if ((rc = string_member(ld, j, "pad", 0, &s)) == CRM_END) {
		if (f->optional)
			return bad(ld, "an optional text needs a pad "
			    "character");
		return CRM_OK;
	}
	if (rc != CRM_OK)
		return rc;
	len = enter(ld, "pad");
	if (strlen(s) != 1 || !code_char((unsigned char)s[0]))
		return bad(ld, "one printable ASCII character other than "
		    "space, '\"' and '\\'");
	if (f->allowed[(unsigned char)s[0]])
		return bad(ld, "'%c' is one of the characters of the text: "
		    "decoding could not tell padding from text", s[0]);
	ld->where[len] = '\0';
	f->pad[0] = s[0];
	f->has_pad = 1;
	return CRM_OK;
}

static int
load_options(struct loading *ld, json_t *j, struct oc_field *f)
{
	long long slots;
	const char *s;
	size_t i, len;
	int rc;

	if ((rc = int_member(ld, j, "slots", 1, 1, OC_MAX_SLOTS, &slots)) !=
	    CRM_OK || (rc = load_chars(ld, j, f)) != CRM_OK ||
	    (rc = string_member(ld, j, "pad", 1, &s)) != CRM_OK)
		return rc;
	f->slots = (size_t)slots;
	f->slot_width = f->width;
	f->width *= f->slots;
	len = enter(ld, "pad");
	if (!code_text(s, f->slot_width) || strlen(s) != f->slot_width)
		return bad(ld, "%zu printable ASCII characters other than "
		    "space, '\"' and '\\' (the width of a slot)",
		    f->slot_width);
	for (i = 0; i < f->slot_width; i++)
		f->pad[i] = s[i];
	ld->where[len] = '\0';
	return CRM_OK;
}

static int
load_literal(struct loading *ld, json_t *j, struct oc_field *f)
{
	const char *s;
	int rc;

	if ((rc = string_member(ld, j, "text", 1, &s)) != CRM_OK)
		return rc;
	if (!code_text(s, CRM_ORDERCODE_MAX)) {
		enter(ld, "text");
		return bad(ld, "1 to %d printable ASCII characters other than "
		    "space, '\"' and '\\'", CRM_ORDERCODE_MAX);
	}
	f->width = strlen(s);
	return dup_string(ld, s, &f->text);
}

/* The members each kind takes besides name and kind. */
static const char *const *
kind_members(enum oc_kind k, size_t *n)
{
	static const char *const map[] = { "name", "kind", "width", "source",
		"map" };
	static const char *const number[] = { "name", "kind", "width",
		"source", "min", "max", "sequence" };
	static const char *const text[] = { "name", "kind", "width", "source",
		"chars", "pad", "align", "optional" };
	static const char *const options[] = { "name", "kind", "width",
		"source", "slots", "chars", "pad" };
	static const char *const date[] = { "name", "kind", "width" };
	static const char *const literal[] = { "name", "kind", "text" };

	switch (k) {
	case OC_MAP: *n = ARRAY_LEN(map); return map;
	case OC_NUMBER: *n = ARRAY_LEN(number); return number;
	case OC_TEXT: *n = ARRAY_LEN(text); return text;
	case OC_OPTIONS: *n = ARRAY_LEN(options); return options;
	case OC_LITERAL: *n = ARRAY_LEN(literal); return literal;
	default: *n = ARRAY_LEN(date); return date;
	}
}

/* width: required for map, number, text and options; 2 or 4 for a year
 * (default 2); 2 for month and week. */
static int
load_width(struct loading *ld, json_t *j, struct oc_field *f)
{
	long long w;
	int rc;

	switch (f->kind) {
	case OC_LITERAL:
		return CRM_OK;
	case OC_YEAR:
	case OC_MONTH:
	case OC_WEEK:
		if ((rc = int_member(ld, j, "width", 0, 2, f->kind == OC_YEAR ?
		    4 : 2, &w)) == CRM_END)
			w = 2;
		else if (rc != CRM_OK)
			return rc;
		if (w == 3) {
			enter(ld, "width");
			return bad(ld, "a year is 2 or 4 digits");
		}
		break;
	default:
		if ((rc = int_member(ld, j, "width", 1, 1, f->kind == OC_NUMBER ?
		    18 : CRM_ORDERCODE_MAX, &w)) != CRM_OK)
			return rc;
	}
	f->width = (size_t)w;
	return CRM_OK;
}

static int
load_kind(struct loading *ld, json_t *j, struct oc_field *f)
{
	const char *s;
	size_t i;
	int rc;

	if ((rc = string_member(ld, j, "kind", 1, &s)) != CRM_OK)
		return rc;
	for (i = 0; i < ARRAY_LEN(kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			f->kind = (enum oc_kind)i;
			return CRM_OK;
		}
	enter(ld, "kind");
	return bad(ld, "one of map, number, text, options, year, month, "
	    "week, literal");
}

static int
load_field(struct loading *ld, json_t *j, struct oc_field *f, int *seq)
{
	const char *const *members;
	const char *s;
	size_t n;
	int rc;

	if (!json_is_object(j))
		return bad(ld, "a field is an object");
	if ((rc = load_kind(ld, j, f)) != CRM_OK)
		return rc;
	members = kind_members(f->kind, &n);
	if ((rc = only_members(ld, j, members, n)) != CRM_OK)
		return rc;
	rc = string_member(ld, j, "name", f->kind != OC_LITERAL, &s);
	if (rc == CRM_END)
		s = "literal";
	else if (rc != CRM_OK)
		return rc;
	else if (!good_name(s)) {
		enter(ld, "name");
		return bad(ld, "a lower-case letter, then lower-case letters, "
		    "digits and '_', at most %d in all", OC_NAME_MAX);
	}
	if ((rc = dup_string(ld, s, &f->name)) != CRM_OK ||
	    (rc = load_width(ld, j, f)) != CRM_OK)
		return rc;
	if (f->kind <= OC_OPTIONS) {
		if ((rc = string_member(ld, j, "source", 0, &s)) == CRM_END)
			s = f->name;
		else if (rc != CRM_OK)
			return rc;
		else if (!good_name(s)) {
			enter(ld, "source");
			return bad(ld, "a record field name: a lower-case "
			    "letter, then lower-case letters, digits and '_'");
		}
		if ((rc = dup_string(ld, s, &f->source)) != CRM_OK)
			return rc;
	}
	*seq = 0;
	switch (f->kind) {
	case OC_MAP: return load_map(ld, j, f);
	case OC_NUMBER: return load_number(ld, j, f, seq);
	case OC_TEXT: return load_text(ld, j, f);
	case OC_OPTIONS: return load_options(ld, j, f);
	case OC_LITERAL: return load_literal(ld, j, f);
	default: return CRM_OK;
	}
}

/* The record fields decode writes, which must differ: the sources, the
 * date parts' names and the demand week. */
static const char *
output_key(const crm_ordercode *oc, size_t i)
{
	const struct oc_field *f = &oc->field[i];

	if (f->kind >= OC_YEAR && f->kind <= OC_WEEK)
		return f->name;
	return f->source;
}

static int
check_fields(struct loading *ld, crm_ordercode *oc)
{
	size_t i, j;
	const char *a, *b;

	for (i = 0; i < oc->n; i++) {
		snprintf(ld->where, sizeof(ld->where), "fields[%zu]", i);
		for (j = 0; j < i; j++)
			if (oc->field[i].kind != OC_LITERAL &&
			    strcmp(oc->field[i].name, oc->field[j].name) == 0)
				return bad(ld, "name: \"%s\" again (fields[%zu])",
				    oc->field[i].name, j);
		if ((a = output_key(oc, i)) == NULL)
			continue;
		for (j = 0; j < i; j++)
			if ((b = output_key(oc, j)) != NULL && strcmp(a, b) == 0)
				return bad(ld, "decoding would write the record "
				    "field \"%s\" for fields[%zu] too", a, j);
		if (oc->year >= 0 && oc->ndemand > 0 &&
		    strcmp(a, oc->demand[0]) == 0)
			return bad(ld, "decoding writes the demand week to "
			    "\"%s\"", a);
	}
	ld->where[0] = '\0';
	if (oc->width > CRM_ORDERCODE_MAX)
		return bad(ld, "fields: a code of %zu characters; at most %d",
		    oc->width, CRM_ORDERCODE_MAX);
	if (oc->month >= 0 && oc->week < 0)
		return bad(ld, "fields: a month field needs a week field");
	if ((oc->week >= 0) != (oc->year >= 0))
		return bad(ld, "fields: the year and the week go together");
	return CRM_OK;
}

/* Note the date parts and the sequence, each at most once. */
static int
note_field(struct loading *ld, crm_ordercode *oc, size_t i, int seq)
{
	long *slot = NULL;

	switch (oc->field[i].kind) {
	case OC_YEAR: slot = &oc->year; break;
	case OC_MONTH: slot = &oc->month; break;
	case OC_WEEK: slot = &oc->week; break;
	default: break;
	}
	if (seq) {
		slot = &oc->seq;
		oc->field[i].role = OC_ROLE_SEQ;
	}
	if (slot != NULL && *slot >= 0)
		return bad(ld, "a second %s field (fields[%ld] is one)",
		    seq ? "sequence" : kind_names[oc->field[i].kind], *slot);
	if (slot != NULL)
		*slot = (long)i;
	return CRM_OK;
}

static enum oc_role
role_of(const struct oc_field *f)
{
	if (f->role == OC_ROLE_SEQ)
		return OC_ROLE_SEQ;
	if (f->source == NULL)
		return OC_ROLE_NONE;
	if (strcmp(f->source, "plant") == 0)
		return OC_ROLE_PLANT;
	if (strcmp(f->source, "colour") == 0)
		return OC_ROLE_COLOUR;
	if (strcmp(f->source, "options") == 0)
		return OC_ROLE_OPTIONS;
	return OC_ROLE_REC;
}

static int
load_fields(struct loading *ld, json_t *list, crm_ordercode *oc)
{
	size_t i;
	int rc, seq;

	snprintf(ld->where, sizeof(ld->where), "fields");
	if (!json_is_array(list) || json_array_size(list) == 0)
		return bad(ld, "a list of fields");
	if (json_array_size(list) > OC_MAX_FIELDS)
		return bad(ld, "at most %d fields", OC_MAX_FIELDS);
	if ((oc->field = calloc(json_array_size(list), sizeof(*oc->field))) ==
	    NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(ld->where, sizeof(ld->where), "fields[%zu]", i);
		oc->n = i + 1;
		if ((rc = load_field(ld, json_array_get(list, i),
		    &oc->field[i], &seq)) != CRM_OK ||
		    (rc = note_field(ld, oc, i, seq)) != CRM_OK)
			return rc;
		oc->field[i].role = role_of(&oc->field[i]);
		oc->field[i].pos = oc->width;
		oc->width += oc->field[i].width;
	}
	return CRM_OK;
}

static int
load_demand(struct loading *ld, json_t *root, crm_ordercode *oc)
{
	json_t *list = json_object_get(root, "demand");
	const char *s;
	size_t i, j, n;
	int rc;

	snprintf(ld->where, sizeof(ld->where), "demand");
	if (list != NULL && (!json_is_array(list) ||
	    json_array_size(list) == 0 || json_array_size(list) >
	    OC_MAX_DEMAND))
		return bad(ld, "a list of 1 to %d record fields",
		    OC_MAX_DEMAND);
	n = list != NULL ? json_array_size(list) : ARRAY_LEN(default_demand);
	for (i = 0; i < n; i++) {
		snprintf(ld->where, sizeof(ld->where), "demand[%zu]", i);
		s = list != NULL ? json_string_value(json_array_get(list, i)) :
		    default_demand[i];
		if (s == NULL || !good_name(s))
			return bad(ld, "a record field name: a lower-case "
			    "letter, then lower-case letters, digits and '_'");
		for (j = 0; j < i; j++)
			if (strcmp(s, oc->demand[j]) == 0)
				return bad(ld, "\"%s\" again", s);
		if ((rc = dup_string(ld, s, &oc->demand[i])) != CRM_OK)
			return rc;
		oc->ndemand = i + 1;
	}
	return CRM_OK;
}

static int
load_scope(struct loading *ld, json_t *root, crm_ordercode *oc)
{
	json_t *list = json_object_get(root, "scope");
	const char *s;
	size_t i, j, k;

	snprintf(ld->where, sizeof(ld->where), "scope");
	if (list == NULL) {
		/* By default a sequence counts per base and demand week: the
		 * map fields, the year and the week. */
		for (k = 0; oc->seq >= 0 && k < oc->n; k++)
			if (oc->field[k].kind == OC_MAP ||
			    oc->field[k].kind == OC_YEAR ||
			    oc->field[k].kind == OC_WEEK)
				oc->scope[oc->nscope++] = k;
		return CRM_OK;
	}
	if (oc->seq < 0)
		return bad(ld, "a scope without a sequence field");
	if (!json_is_array(list) || json_array_size(list) > oc->n)
		return bad(ld, "a list of field names");
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(ld->where, sizeof(ld->where), "scope[%zu]", i);
		if ((s = json_string_value(json_array_get(list, i))) == NULL)
			return bad(ld, "a field name");
		for (k = 0; k < oc->n; k++)
			if (oc->field[k].kind != OC_LITERAL &&
			    strcmp(oc->field[k].name, s) == 0)
				break;
		if (k == oc->n)
			return bad(ld, "no field \"%.64s\"", s);
		if ((long)k == oc->seq)
			return bad(ld, "the sequence cannot be in its own "
			    "scope");
		for (j = 0; j < i; j++)
			if (oc->scope[j] == k)
				return bad(ld, "\"%s\" again", s);
		oc->scope[i] = k;
		oc->nscope = i + 1;
	}
	return CRM_OK;
}

static int
load_layout(struct loading *ld, json_t *root, crm_ordercode *oc)
{
	static const char *const members[] = { "description", "fields",
		"scope", "demand" };
	const char *s;
	int rc;

	if ((rc = only_members(ld, root, members, ARRAY_LEN(members))) !=
	    CRM_OK)
		return rc;
	if ((rc = crm_conf_string(root, "description", 0, ld->file, NULL, &s,
	    ld->err)) != CRM_OK && rc != CRM_END)
		return rc;
	if ((rc = load_fields(ld, json_object_get(root, "fields"), oc)) !=
	    CRM_OK || (rc = load_demand(ld, root, oc)) != CRM_OK ||
	    (rc = load_scope(ld, root, oc)) != CRM_OK)
		return rc;
	return check_fields(ld, oc);
}

int
crm_ordercode_load(const char *path, crm_ordercode **out, crm_err *err)
{
	char def[CRM_CONF_PATH_BUFSZ];
	struct loading ld;
	crm_ordercode *oc = NULL;
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "order-code.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	ld.file = path;
	ld.err = err;
	ld.where[0] = '\0';
	if ((oc = calloc(1, sizeof(*oc))) == NULL ||
	    (oc->file = strdup(path)) == NULL)
		rc = crm_err_nomem(err);
	else {
		oc->seq = oc->year = oc->month = oc->week = -1;
		rc = load_layout(&ld, root, oc);
	}
	json_decref(root);
	if (rc != CRM_OK)
		crm_ordercode_free(oc);
	else
		*out = oc;
	return rc;
}
