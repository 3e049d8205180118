/*
 * lead_score.c - weighted lead scoring from a rule file.
 *
 * Points are whole numbers and the criteria's maxima add up to 100, so a
 * score is exact and the same on every machine: no floating point.
 */
#include "internal.h"

#include <strings.h>

/* Amount thresholds are compared at this many decimals. */
#define VALUE_EXP 6

enum kind { FILLED, PRESENT, VALUES, AT_LEAST, WITHIN_DAYS };

struct entry {
	char *key;          /* VALUES: the value, lower case */
	int64_t limit;      /* AT_LEAST: the amount; WITHIN_DAYS: days */
	int points;
};

struct criterion {
	char *name;
	enum kind kind;
	int max;
	char *field;            /* all kinds but FILLED */
	char **fields;          /* FILLED */
	size_t nfields;
	struct entry *entries;  /* VALUES, AT_LEAST, WITHIN_DAYS */
	size_t nentries;
	int other;              /* VALUES: points for any other value */
};

struct priority {
	char name[8];
	int min;
};

struct crm_lead_rules {
	struct criterion *crit;
	size_t ncrit;
	struct priority *prio;
	size_t nprio;
};

void
crm_lead_rules_free(crm_lead_rules *rules)
{
	size_t i, j;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->ncrit; i++) {
		struct criterion *c = &rules->crit[i];

		free(c->name);
		free(c->field);
		for (j = 0; j < c->nfields; j++)
			free(c->fields[j]);
		free(c->fields);
		for (j = 0; j < c->nentries; j++)
			free(c->entries[j].key);
		free(c->entries);
	}
	free(rules->crit);
	free(rules->prio);
	free(rules);
}

/* What the loader needs to say where it is. */
struct loading {
	const char *file;
	crm_err *err;
	char where[128];
};

static int
bad(struct loading *ld, const char *what)
{
	return crm_conf_fail(ld->err, ld->file, ld->where, "%s", what);
}

static char *
lower_dup(const char *s)
{
	char *d = strdup(s), *p;

	for (p = d; p != NULL && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return d;
}

static int
points_of(struct loading *ld, json_t *v, int max, int *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max)
		return crm_conf_fail(ld->err, ld->file, ld->where, "points must "
		    "be a whole number from 0 to the criterion's %d", max);
	*out = (int)json_integer_value(v);
	return CRM_OK;
}

static int
load_filled(struct loading *ld, struct criterion *c, json_t *list)
{
	size_t i;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return bad(ld, "filled: a list of field names");
	c->kind = FILLED;
	if ((c->fields = calloc(json_array_size(list), sizeof(char *))) == NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		json_t *f = json_array_get(list, i);

		if (!json_is_string(f))
			return bad(ld, "filled: a list of field names");
		if ((c->fields[c->nfields++] = strdup(json_string_value(f))) ==
		    NULL)
			return crm_err_nomem(ld->err);
	}
	return CRM_OK;
}

static int
load_values(struct loading *ld, struct criterion *c, json_t *map)
{
	const char *k;
	json_t *v;
	size_t n = 0;
	int rc;

	if (!json_is_object(map) || json_object_size(map) == 0)
		return bad(ld, "values: an object of value: points");
	c->kind = VALUES;
	c->entries = calloc(json_object_size(map), sizeof(*c->entries));
	if (c->entries == NULL)
		return crm_err_nomem(ld->err);
	json_object_foreach(map, k, v) {
		struct entry *e = &c->entries[n];

		if ((rc = points_of(ld, v, c->max, &e->points)) != CRM_OK)
			return crm_conf_fail(ld->err, ld->file, ld->where,
			    "values.%s: points must be a whole number from 0 "
			    "to %d", k, c->max);
		if ((e->key = lower_dup(k)) == NULL)
			return crm_err_nomem(ld->err);
		c->nentries = ++n;
	}
	return CRM_OK;
}

/* [[threshold, points], ...]: amounts descending or days ascending. */
static int
load_bands(struct loading *ld, struct criterion *c, json_t *list,
    enum kind kind)
{
	const char *name = kind == AT_LEAST ? "at_least" : "within_days";
	size_t i;
	crm_err why;
	int rc;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return crm_conf_fail(ld->err, ld->file, ld->where, "%s: a list "
		    "of [threshold, points] pairs", name);
	c->kind = kind;
	c->entries = calloc(json_array_size(list), sizeof(*c->entries));
	if (c->entries == NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		json_t *pair = json_array_get(list, i), *t;
		struct entry *e = &c->entries[i];

		size_t used = strlen(ld->where);

		if (snprintf(ld->where + used, sizeof(ld->where) - used,
		    ".%s[%zu]", name, i) < 0)
			return crm_err_nomem(ld->err);
		if (!json_is_array(pair) || json_array_size(pair) != 2)
			return bad(ld, "a [threshold, points] pair");
		t = json_array_get(pair, 0);
		if (kind == AT_LEAST) {
			if (!json_is_string(t) || crm_money_parse(
			    json_string_value(t), strlen(json_string_value(t)),
			    VALUE_EXP, &e->limit, &why) != CRM_OK)
				return bad(ld, "the threshold must be a "
				    "decimal string such as \"50000\"");
		} else {
			if (!json_is_integer(t) || json_integer_value(t) < 0 ||
			    json_integer_value(t) > 100000)
				return bad(ld, "the threshold must be a "
				    "number of days");
			e->limit = json_integer_value(t);
		}
		if ((rc = points_of(ld, json_array_get(pair, 1), c->max,
		    &e->points)) != CRM_OK)
			return rc;
		if (i > 0 && (kind == AT_LEAST ? e->limit >= e[-1].limit :
		    e->limit <= e[-1].limit))
			return bad(ld, kind == AT_LEAST ? "thresholds must "
			    "go from the highest down" : "days must go from the "
			    "fewest up");
		*strrchr(ld->where, '.') = '\0';
		c->nentries = i + 1;
	}
	return CRM_OK;
}

static int
load_criterion(struct loading *ld, struct criterion *c, json_t *j)
{
	static const char *const rules[] = { "filled", "present", "values",
		"at_least", "within_days" };
	long long max;
	const char *s;
	json_t *v = NULL;
	size_t i, found = 0, which = 0;
	int rc;

	if (!json_is_object(j))
		return bad(ld, "a criterion is an object");
	if ((rc = crm_conf_string(j, "name", 1, ld->file, ld->where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	if ((c->name = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	if ((rc = crm_conf_int(j, "points", 1, 0, 100, ld->file, ld->where,
	    &max, ld->err)) != CRM_OK)
		return rc;
	c->max = (int)max;
	for (i = 0; i < ARRAY_LEN(rules); i++)
		if (json_object_get(j, rules[i]) != NULL) {
			found++;
			which = i;
			v = json_object_get(j, rules[i]);
		}
	if (found != 1)
		return bad(ld, "give exactly one of filled, present, "
		    "values, at_least, within_days");
	if (which == 0)
		return load_filled(ld, c, v);
	if ((rc = crm_conf_string(j, "field", 1, ld->file, ld->where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	if ((c->field = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	switch (which) {
	case 1:
		c->kind = PRESENT;
		return points_of(ld, v, c->max, &c->other);
	case 2:
		if (json_object_get(j, "other") != NULL &&
		    (rc = points_of(ld, json_object_get(j, "other"), c->max,
		    &c->other)) != CRM_OK)
			return rc;
		return load_values(ld, c, v);
	default:
		return load_bands(ld, c, v, which == 3 ? AT_LEAST :
		    WITHIN_DAYS);
	}
}

static int
load_priorities(struct loading *ld, crm_lead_rules *r, json_t *list)
{
	size_t i;

	snprintf(ld->where, sizeof(ld->where), "priority");
	if (!json_is_array(list) || json_array_size(list) == 0)
		return bad(ld, "a list of [name, lowest score] pairs");
	if ((r->prio = calloc(json_array_size(list), sizeof(*r->prio))) ==
	    NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		json_t *p = json_array_get(list, i), *name, *min;

		snprintf(ld->where, sizeof(ld->where), "priority[%zu]", i);
		name = json_array_get(p, 0);
		min = json_array_get(p, 1);
		if (!json_is_array(p) || json_array_size(p) != 2 ||
		    !json_is_string(name) || json_string_length(name) == 0 ||
		    json_string_length(name) >= sizeof(r->prio[i].name) ||
		    !json_is_integer(min) || json_integer_value(min) < 0 ||
		    json_integer_value(min) > 100)
			return bad(ld, "a [name, lowest score] pair, such "
			    "as [\"A\", 75]");
		snprintf(r->prio[i].name, sizeof(r->prio[i].name), "%s",
		    json_string_value(name));
		r->prio[i].min = (int)json_integer_value(min);
		if (i > 0 && r->prio[i].min >= r->prio[i - 1].min)
			return bad(ld, "lowest scores must go down");
		r->nprio = i + 1;
	}
	snprintf(ld->where, sizeof(ld->where), "priority");
	if (r->prio[r->nprio - 1].min != 0)
		return bad(ld, "the last priority must start at 0, so "
		    "every score has one");
	return CRM_OK;
}

int
crm_lead_rules_load(const char *path, crm_lead_rules **out, crm_err *err)
{
	char def[CRM_CONF_PATH_BUFSZ];
	struct loading ld;
	crm_lead_rules *r = NULL;
	json_t *root = NULL, *crit;
	size_t i;
	int rc, total = 0;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "lead-scoring.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	ld.file = path;
	ld.err = err;
	ld.where[0] = '\0';
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	crit = json_object_get(root, "criteria");
	snprintf(ld.where, sizeof(ld.where), "criteria");
	if (!json_is_array(crit) || json_array_size(crit) == 0) {
		rc = bad(&ld, "a list of criteria");
		goto out;
	}
	if ((r->crit = calloc(json_array_size(crit), sizeof(*r->crit))) ==
	    NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < json_array_size(crit); i++) {
		snprintf(ld.where, sizeof(ld.where), "criteria[%zu]", i);
		r->ncrit = i + 1;
		if ((rc = load_criterion(&ld, &r->crit[i],
		    json_array_get(crit, i))) != CRM_OK)
			goto out;
		total += r->crit[i].max;
	}
	snprintf(ld.where, sizeof(ld.where), "criteria");
	if (total != 100) {
		rc = crm_conf_fail(err, path, "criteria", "the points add up to "
		    "%d, not 100", total);
		goto out;
	}
	rc = load_priorities(&ld, r, json_object_get(root, "priority"));
out:
	json_decref(root);
	if (rc != CRM_OK)
		crm_lead_rules_free(r);
	else
		*out = r;
	return rc;
}

static int
filled(const crm_rec *lead, const char *field)
{
	size_t len = 0;
	long i = crm_rec_find(lead, field);

	return i >= 0 && crm_rec_text(lead, (size_t)i, &len) != NULL &&
	    len > 0;
}

/* A reason from its pieces, without printf on this per-record path:
 * n (when >= 0), a, " " b (when b), m (when >= 0), c. */
static int
say(crm_buf *why, int64_t n, const char *a, const char *b, int64_t m,
    const char *c)
{
	if ((n >= 0 && crm_buf_add_int(why, n) != CRM_OK) ||
	    crm_buf_adds(why, a) != CRM_OK ||
	    (b != NULL && (crm_buf_addc(why, ' ') != CRM_OK ||
	    crm_buf_adds(why, b) != CRM_OK)) ||
	    (m >= 0 && crm_buf_add_int(why, m) != CRM_OK) ||
	    (c != NULL && crm_buf_adds(why, c) != CRM_OK))
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
say_none(crm_buf *why, const char *field)
{
	return say(why, -1, "no", field, -1, NULL);
}

/* Points and the reason of one criterion. */
static int
score_one(const struct criterion *c, const crm_rec *lead, int64_t now,
    int *points, crm_buf *why, crm_err *err)
{
	const char *v = c->field ? crm_rec_get(lead, c->field) : NULL;
	size_t i, k = 0;
	int64_t x;
	int32_t day;
	int rc;

	*points = 0;
	switch (c->kind) {
	case FILLED:
		for (i = 0; i < c->nfields; i++)
			k += (size_t)filled(lead, c->fields[i]);
		/* max x k / n, rounded half up. */
		*points = (int)((2 * (size_t)c->max * k + c->nfields) /
		    (2 * c->nfields));
		return say(why, (int64_t)k, " of ", NULL, (int64_t)c->nfields,
		    " filled");
	case PRESENT:
		if (!filled(lead, c->field))
			return say_none(why, c->field);
		*points = c->other;
		return say(why, -1, c->field, NULL, -1, " given");
	case VALUES:
		if (v == NULL || *v == '\0')
			return say_none(why, c->field);
		for (i = 0; i < c->nentries; i++)
			if (strcasecmp(c->entries[i].key, v) == 0) {
				*points = c->entries[i].points;
				break;
			}
		if (i == c->nentries)
			*points = c->other;
		return say(why, -1, c->field, v, -1, NULL);
	case AT_LEAST:
		if (v == NULL || *v == '\0')
			return say_none(why, c->field);
		if ((rc = crm_money_get(lead, c->field, VALUE_EXP, &x, err)) !=
		    CRM_OK)
			return rc;
		for (i = 0; i < c->nentries; i++)
			if (x >= c->entries[i].limit) {
				*points = c->entries[i].points;
				break;
			}
		return say(why, -1, c->field, v, -1, NULL);
	case WITHIN_DAYS:
		if (v == NULL || *v == '\0')
			return say_none(why, c->field);
		/* A date, or an instant whose UTC date counts. */
		if (strlen(v) == 10)
			rc = crm_date_get(lead, c->field, &day, err);
		else if ((rc = crm_time_get(lead, c->field, &x, err)) == CRM_OK)
			day = crm_time_date(x);
		if (rc != CRM_OK)
			return rc;
		x = (int64_t)crm_time_date(now) - day;
		if (x < 0)
			x = 0;
		for (i = 0; i < c->nentries; i++)
			if (x <= c->entries[i].limit) {
				*points = c->entries[i].points;
				break;
			}
		return say(why, x, " days old", NULL, -1, NULL);
	}
	return CRM_OK;
}

int
crm_lead_score(const crm_lead_rules *rules, crm_rec *lead, int64_t now,
    crm_err *err)
{
	crm_buf reasons = CRM_BUF_INIT, why = CRM_BUF_INIT;
	const char *prio = "";
	size_t i;
	int rc = CRM_OK, total = 0, points;

	if (crm_buf_addc(&reasons, '[') != CRM_OK)
		return crm_err_nomem(err);
	for (i = 0; i < rules->ncrit && rc == CRM_OK; i++) {
		const struct criterion *c = &rules->crit[i];

		crm_buf_reset(&why);
		if ((rc = score_one(c, lead, now, &points, &why, err)) !=
		    CRM_OK) {
			/* Building a reason fails only for want of memory. */
			if (rc == CRM_EINTERNAL)
				rc = crm_err_nomem(err);
			break;
		}
		total += points;
		if ((i > 0 && crm_buf_addc(&reasons, ',') != CRM_OK) ||
		    crm_buf_adds(&reasons, "{\"criterion\":") != CRM_OK ||
		    crm_buf_add_json_str(&reasons, c->name, strlen(c->name)) !=
		    CRM_OK || crm_buf_adds(&reasons, ",\"points\":") != CRM_OK ||
		    crm_buf_add_int(&reasons, points) != CRM_OK ||
		    crm_buf_adds(&reasons, ",\"max\":") != CRM_OK ||
		    crm_buf_add_int(&reasons, c->max) != CRM_OK ||
		    crm_buf_adds(&reasons, ",\"why\":") != CRM_OK ||
		    crm_buf_add_json_str(&reasons, why.data ? why.data : "",
		    why.len) != CRM_OK || crm_buf_addc(&reasons, '}') != CRM_OK)
			rc = crm_err_nomem(err);
	}
	if (rc == CRM_OK && crm_buf_addc(&reasons, ']') != CRM_OK)
		rc = crm_err_nomem(err);
	for (i = 0; rc == CRM_OK && i < rules->nprio; i++)
		if (total >= rules->prio[i].min) {
			prio = rules->prio[i].name;
			break;
		}
	if (rc == CRM_OK &&
	    (rc = crm_rec_set_int(lead, "score", total, err)) == CRM_OK &&
	    (rc = crm_rec_set_str(lead, "priority", prio, strlen(prio), err)) ==
	    CRM_OK)
		rc = crm_rec_set_json(lead, "score_reasons", CRM_ARRAY,
		    reasons.data, reasons.len, err);
	crm_buf_free(&reasons);
	crm_buf_free(&why);
	return rc;
}
