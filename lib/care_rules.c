/*
 * care_rules.c - the tag rule file (crm-customer-tags(5)): rules that
 * give a tag when conditions on the fields of a record hold, and
 * personas, named tag sets.
 */
#include <jansson.h>

#include "care_internal.h"

enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_PRESENT, NOPS };
static const char *const op_names[NOPS] = { "eq", "ne", "lt", "le", "gt",
	"ge", "in", "present" };

enum { V_NULL, V_STR, V_NUM, V_BOOL };

struct val {
	int kind;
	char *text;              /* V_STR, V_NUM */
	int b;                   /* V_BOOL, and the flag of OP_PRESENT */
};

struct cond {
	char *field;
	int op;
	struct val *vals;        /* one, or the list of OP_IN */
	size_t nvals;
};

struct rule {
	char *tag;
	struct cond *conds;
	size_t nconds;
};

struct persona {
	char *name;
	char **tags;
	size_t ntags;
};

struct crm_care_rules {
	char *file;
	struct rule *rules;
	size_t nrules;
	struct persona *personas;
	size_t npersonas;
};

void
crm_care_rules_free(crm_care_rules *r)
{
	size_t i, j, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrules; i++) {
		for (j = 0; j < r->rules[i].nconds; j++) {
			struct cond *c = &r->rules[i].conds[j];

			for (k = 0; k < c->nvals; k++)
				free(c->vals[k].text);
			free(c->vals);
			free(c->field);
		}
		free(r->rules[i].conds);
		free(r->rules[i].tag);
	}
	for (i = 0; i < r->npersonas; i++) {
		for (j = 0; j < r->personas[i].ntags; j++)
			free(r->personas[i].tags[j]);
		free(r->personas[i].tags);
		free(r->personas[i].name);
	}
	free(r->rules);
	free(r->personas);
	free(r->file);
	free(r);
}

/* Digits of a plain decimal: *neg, the integer part without leading
 * zeros and the fraction without trailing zeros.  -1 when s is not one. */
struct dec {
	int neg;
	const char *ip, *fp;
	size_t ilen, flen;
};

static int
dec_parse(const char *s, struct dec *d)
{
	const char *p = s;

	d->neg = *p == '-';
	p += d->neg;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	d->ip = p;
	while (*p >= '0' && *p <= '9')
		p++;
	d->ilen = (size_t)(p - d->ip);
	if (d->ilen == 1 && *d->ip == '0')
		d->ilen = 0;
	d->fp = p;
	d->flen = 0;
	if (*p == '.') {
		d->fp = ++p;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
		d->flen = (size_t)(p - d->fp);
		while (d->flen > 0 && d->fp[d->flen - 1] == '0')
			d->flen--;
	}
	if (*p != '\0')
		return -1;
	if (d->ilen == 0 && d->flen == 0)
		d->neg = 0;
	return 0;
}

/* Compare the magnitudes of a and b. */
static int
dec_abs_cmp(const struct dec *a, const struct dec *b)
{
	size_t i;
	int c;

	if (a->ilen != b->ilen)
		return a->ilen < b->ilen ? -1 : 1;
	if ((c = memcmp(a->ip, b->ip, a->ilen)) != 0)
		return c < 0 ? -1 : 1;
	for (i = 0; i < a->flen || i < b->flen; i++) {
		char x = i < a->flen ? a->fp[i] : '0';
		char y = i < b->flen ? b->fp[i] : '0';

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int
crm_care_dec_cmp(const char *a, const char *b, int *cmp)
{
	struct dec x, y;

	if (a == NULL || b == NULL || dec_parse(a, &x) != 0 ||
	    dec_parse(b, &y) != 0)
		return -1;
	if (x.neg != y.neg)
		*cmp = x.neg ? -1 : 1;
	else
		*cmp = x.neg ? -dec_abs_cmp(&x, &y) : dec_abs_cmp(&x, &y);
	return 0;
}

int
crm_care_tag_check(const char *tag, crm_err *err)
{
	const unsigned char *p = (const unsigned char *)tag;
	size_t n = strlen(tag);

	if (n == 0 || n > CRM_CARE_TAG_MAX)
		return crm_err_set(err, CRM_EDATA, "not a tag (1 to %d bytes)",
		    CRM_CARE_TAG_MAX);
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p == ',' || *p == 0x7f)
			return crm_err_set(err, CRM_EDATA, "not a tag (no "
			    "spaces, commas or control characters)");
	return CRM_OK;
}

/* A scalar of a condition: a string, an integer, true, false, null; a
 * decimal with a fraction is written as a string to stay exact. */
static int
load_val(json_t *j, struct val *v, int numeric, const char *file,
    const char *where, crm_err *err)
{
	char buf[32];

	if (json_is_integer(j)) {
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
		v->kind = V_NUM;
		if ((v->text = strdup(buf)) == NULL)
			return crm_err_nomem(err);
		return CRM_OK;
	}
	if (json_is_real(j))
		return crm_conf_fail(err, file, where, "write a decimal as a "
		    "string, such as \"12.50\", so that it stays exact");
	if (json_is_string(j)) {
		struct dec d;
		const char *s = json_string_value(j);

		if (strlen(s) != json_string_length(j))
			return crm_conf_fail(err, file, where, "a NUL in a "
			    "string");
		if (numeric && dec_parse(s, &d) != 0)
			return crm_conf_fail(err, file, where, "not a decimal "
			    "number: \"%s\"", s);
		v->kind = numeric ? V_NUM : V_STR;
		if ((v->text = strdup(s)) == NULL)
			return crm_err_nomem(err);
		return CRM_OK;
	}
	if (numeric)
		return crm_conf_fail(err, file, where, "a number");
	if (json_is_boolean(j)) {
		v->kind = V_BOOL;
		v->b = json_is_true(j);
		return CRM_OK;
	}
	if (json_is_null(j)) {
		v->kind = V_NULL;
		return CRM_OK;
	}
	return crm_conf_fail(err, file, where, "a string, a number, true, "
	    "false or null");
}

static int
add_cond(struct rule *rl, const char *field, int op, json_t *j,
    const char *file, const char *where, crm_err *err)
{
	struct cond *c;
	size_t i, n = op == OP_IN ? json_array_size(j) : 1;
	char path[192];
	int rc;

	c = realloc(rl->conds, (rl->nconds + 1) * sizeof(*c));
	if (c == NULL)
		return crm_err_nomem(err);
	rl->conds = c;
	c = &rl->conds[rl->nconds];
	memset(c, 0, sizeof(*c));
	rl->nconds++;
	c->op = op;
	if ((c->field = strdup(field)) == NULL ||
	    (c->vals = calloc(n, sizeof(*c->vals))) == NULL)
		return crm_err_nomem(err);
	if (op == OP_PRESENT) {
		if (!json_is_boolean(j))
			return crm_conf_fail(err, file, where, "true or false");
		c->nvals = 1;
		c->vals[0].b = json_is_true(j);
		return CRM_OK;
	}
	if (op == OP_IN && (!json_is_array(j) || n == 0))
		return crm_conf_fail(err, file, where, "a list of values, not "
		    "empty");
	for (i = 0; i < n; i++) {
		if (op == OP_IN)
			snprintf(path, sizeof(path), "%s[%zu]", where, i);
		else
			snprintf(path, sizeof(path), "%s", where);
		if ((rc = load_val(op == OP_IN ? json_array_get(j, i) : j,
		    &c->vals[i], op >= OP_LT && op <= OP_GE, file, path,
		    err)) != CRM_OK)
			return rc;
		c->nvals = i + 1;
	}
	return CRM_OK;
}

/* "field": value (equal), [values] (one of), or {"op": value, ...}. */
static int
load_when(struct rule *rl, json_t *when, const char *file,
    const char *where, crm_err *err)
{
	const char *field, *opname;
	char path[192], opath[224];
	json_t *v, *ov;
	int op, rc;

	if (!json_is_object(when))
		return crm_conf_fail(err, file, where, "an object of "
		    "conditions on fields");
	json_object_foreach(when, field, v) {
		snprintf(path, sizeof(path), "%s.%s", where, field);
		if (*field == '\0')
			return crm_conf_fail(err, file, where, "an empty field "
			    "name");
		if (json_is_array(v)) {
			rc = add_cond(rl, field, OP_IN, v, file, path, err);
		} else if (!json_is_object(v)) {
			rc = add_cond(rl, field, OP_EQ, v, file, path, err);
		} else if (json_object_size(v) == 0) {
			rc = crm_conf_fail(err, file, path, "no comparison");
		} else {
			rc = CRM_OK;
			json_object_foreach(v, opname, ov) {
				snprintf(opath, sizeof(opath), "%s.%s", path,
				    opname);
				for (op = 0; op < NOPS &&
				    strcmp(opname, op_names[op]) != 0; op++)
					continue;
				if (op == NOPS)
					return crm_conf_fail(err, file, opath,
					    "unknown comparison (eq, ne, lt, "
					    "le, gt, ge, in, present)");
				if ((rc = add_cond(rl, field, op, ov, file,
				    opath, err)) != CRM_OK)
					return rc;
			}
		}
		if (rc != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
load_tag(json_t *j, char **out, const char *file, const char *where,
    crm_err *err)
{
	crm_err why;

	if (!json_is_string(j) ||
	    strlen(json_string_value(j)) != json_string_length(j))
		return crm_conf_fail(err, file, where, "a tag (a string)");
	if (crm_care_tag_check(json_string_value(j), &why) != CRM_OK)
		return crm_conf_fail(err, file, where, "%s: \"%s\"", why.msg,
		    json_string_value(j));
	if ((*out = strdup(json_string_value(j))) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static int
load_rule(crm_care_rules *r, size_t i, json_t *j, const char *file,
    crm_err *err)
{
	struct rule *rl = &r->rules[i];
	char where[48], path[96];
	const char *key;
	json_t *v;
	int rc;

	snprintf(where, sizeof(where), "rules[%zu]", i);
	if (!json_is_object(j))
		return crm_conf_fail(err, file, where, "a rule is an object "
		    "of tag and when");
	json_object_foreach(j, key, v)
		if (strcmp(key, "tag") != 0 && strcmp(key, "when") != 0 &&
		    strcmp(key, "note") != 0) {
			snprintf(path, sizeof(path), "%s.%s", where, key);
			return crm_conf_fail(err, file, path, "unknown key "
			    "(tag, when, note)");
		}
	snprintf(path, sizeof(path), "%s.tag", where);
	if ((v = json_object_get(j, "tag")) == NULL)
		return crm_conf_fail(err, file, path, "missing");
	if ((rc = load_tag(v, &rl->tag, file, path, err)) != CRM_OK)
		return rc;
	if ((v = json_object_get(j, "note")) != NULL && !json_is_string(v)) {
		snprintf(path, sizeof(path), "%s.note", where);
		return crm_conf_fail(err, file, path, "not a string");
	}
	snprintf(path, sizeof(path), "%s.when", where);
	if ((v = json_object_get(j, "when")) == NULL)
		return crm_conf_fail(err, file, path, "missing (write {} for "
		    "every record)");
	return load_when(rl, v, file, path, err);
}

static int
load_persona(crm_care_rules *r, const char *name, json_t *j,
    const char *file, crm_err *err)
{
	struct persona *p = &r->personas[r->npersonas];
	char where[160], path[192];
	size_t i;
	int rc;

	snprintf(where, sizeof(where), "personas.%s", name);
	r->npersonas++;
	if ((p->name = strdup(name)) == NULL)
		return crm_err_nomem(err);
	if (*name == '\0')
		return crm_conf_fail(err, file, "personas", "an empty name");
	if (!json_is_array(j) || json_array_size(j) == 0)
		return crm_conf_fail(err, file, where, "a list of tags, not "
		    "empty");
	if ((p->tags = calloc(json_array_size(j), sizeof(char *))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < json_array_size(j); i++) {
		snprintf(path, sizeof(path), "%s[%zu]", where, i);
		if ((rc = load_tag(json_array_get(j, i), &p->tags[i], file,
		    path, err)) != CRM_OK)
			return rc;
		p->ntags = i + 1;
	}
	return CRM_OK;
}

static int
load_file(crm_care_rules *r, json_t *root, const char *file, crm_err *err)
{
	json_t *v, *rules, *personas;
	const char *key;
	size_t i;
	int rc;

	json_object_foreach(root, key, v)
		if (strcmp(key, "rules") != 0 && strcmp(key, "personas") != 0)
			return crm_conf_fail(err, file, key, "unknown key "
			    "(rules, personas)");
	rules = json_object_get(root, "rules");
	personas = json_object_get(root, "personas");
	if (rules != NULL && !json_is_array(rules))
		return crm_conf_fail(err, file, "rules", "a list of rules");
	if (personas != NULL && !json_is_object(personas))
		return crm_conf_fail(err, file, "personas", "an object of "
		    "persona names to lists of tags");
	if (rules != NULL && json_array_size(rules) > 0) {
		r->rules = calloc(json_array_size(rules), sizeof(*r->rules));
		if (r->rules == NULL)
			return crm_err_nomem(err);
		for (i = 0; i < json_array_size(rules); i++) {
			r->nrules = i + 1;
			if ((rc = load_rule(r, i, json_array_get(rules, i),
			    file, err)) != CRM_OK)
				return rc;
		}
	}
	if (personas != NULL && json_object_size(personas) > 0) {
		r->personas = calloc(json_object_size(personas),
		    sizeof(*r->personas));
		if (r->personas == NULL)
			return crm_err_nomem(err);
		json_object_foreach(personas, key, v)
			if ((rc = load_persona(r, key, v, file, err)) != CRM_OK)
				return rc;
	}
	return CRM_OK;
}

int
crm_care_rules_load(const char *path, crm_care_rules **out, crm_err *err)
{
	crm_care_rules *r = NULL;
	json_t *root = NULL;
	char def[CRM_CONF_PATH_BUFSZ];
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "customer-tags.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->file = strdup(path)) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_file(r, root, path, err);
	json_decref(root);
	if (rc != CRM_OK) {
		crm_care_rules_free(r);
		return rc;
	}
	*out = r;
	return CRM_OK;
}

const char *
crm_care_rules_file(const crm_care_rules *rules)
{
	return rules->file;
}

size_t
crm_care_rules_count(const crm_care_rules *rules)
{
	return rules->nrules;
}

const char *
crm_care_rules_tag(const crm_care_rules *rules, size_t i)
{
	return i < rules->nrules ? rules->rules[i].tag : NULL;
}

static int
val_eq(const struct val *v, const crm_rec *r, long i)
{
	crm_type t = i < 0 ? CRM_NULL : crm_rec_type(r, (size_t)i);
	const char *text;
	size_t len;
	int cmp;

	if (t == CRM_NULL)
		return v->kind == V_NULL;
	text = crm_rec_text(r, (size_t)i, &len);
	if (text == NULL || strlen(text) != len)
		return 0;
	switch (v->kind) {
	case V_STR:
		return strcmp(text, v->text) == 0;
	case V_NUM:
		return (t == CRM_NUMBER || t == CRM_STRING) &&
		    crm_care_dec_cmp(text, v->text, &cmp) == 0 && cmp == 0;
	case V_BOOL:
		return (t == CRM_BOOL || t == CRM_STRING) &&
		    strcmp(text, v->b ? "true" : "false") == 0;
	default:
		return 0;
	}
}

static int
cond_holds(const struct cond *c, const crm_rec *r)
{
	long i = crm_rec_find(r, c->field);
	crm_type t = i < 0 ? CRM_NULL : crm_rec_type(r, (size_t)i);
	const char *text;
	size_t k;
	int cmp;

	switch (c->op) {
	case OP_EQ:
		return val_eq(&c->vals[0], r, i);
	case OP_NE:
		return !val_eq(&c->vals[0], r, i);
	case OP_IN:
		for (k = 0; k < c->nvals; k++)
			if (val_eq(&c->vals[k], r, i))
				return 1;
		return 0;
	case OP_PRESENT:
		return (t != CRM_NULL) == c->vals[0].b;
	default:
		break;
	}
	if (t != CRM_NUMBER && t != CRM_STRING)
		return 0;
	text = crm_rec_text(r, (size_t)i, NULL);
	if (crm_care_dec_cmp(text, c->vals[0].text, &cmp) != 0)
		return 0;
	switch (c->op) {
	case OP_LT:
		return cmp < 0;
	case OP_LE:
		return cmp <= 0;
	case OP_GT:
		return cmp > 0;
	default:
		return cmp >= 0;
	}
}

int
crm_care_rules_hold(const crm_care_rules *rules, size_t i, const crm_rec *r)
{
	size_t k;

	if (i >= rules->nrules)
		return 0;
	for (k = 0; k < rules->rules[i].nconds; k++)
		if (!cond_holds(&rules->rules[i].conds[k], r))
			return 0;
	return 1;
}

int
crm_care_persona(const crm_care_rules *rules, const char *name,
    const char *const **tags, size_t *n)
{
	size_t i;

	for (i = 0; i < rules->npersonas; i++)
		if (strcmp(rules->personas[i].name, name) == 0) {
			*tags = (const char *const *)rules->personas[i].tags;
			*n = rules->personas[i].ntags;
			return CRM_OK;
		}
	return CRM_END;
}
