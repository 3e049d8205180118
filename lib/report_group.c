/*
 * report_group.c - group any stream of records by keys and aggregate
 * fields: count, sum, mean, min, max, median, percentiles and distinct
 * counts, in exact decimals.
 *
 * Memory grows with the number of groups, not of records, except for
 * the aggregates that must keep values (median, percentiles: every value
 * of the group; distinct: every distinct value).
 */
#include "internal.h"
#include "report_internal.h"
#include "strmap.h"

#include "crm/date.h"

typedef enum agg_kind {
	AGG_COUNT, AGG_SUM, AGG_MEAN, AGG_MIN, AGG_MAX, AGG_MEDIAN,
	AGG_PCT, AGG_DISTINCT
} agg_kind;

static const struct {
	const char *name;
	agg_kind kind;
} agg_names[] = {
	{ "count", AGG_COUNT }, { "sum", AGG_SUM }, { "mean", AGG_MEAN },
	{ "min", AGG_MIN }, { "max", AGG_MAX }, { "median", AGG_MEDIAN },
	{ "distinct", AGG_DISTINCT }
};

struct key {
	char *name;                 /* output column */
	char *field;
	int has_period;
	crm_period period;
};

struct agg {
	char *name;                 /* output column */
	char *field;                /* NULL: count records */
	agg_kind kind;
	int pct;                    /* AGG_PCT: 0 to 100 */
};

/* One aggregate of one group. */
struct cell {
	dec sum, min, max;
	uint64_t n;                 /* values (or records for count) */
	int strings;                /* a value came as a string */
	int scale;                  /* most places of any value */
	dec *vals;                  /* median, percentiles */
	size_t cap;
	crm_strmap *set;            /* distinct */
};

/* One aggregate's value of the record being added. */
struct value {
	long at;                    /* -1: absent or null */
	int string;
	dec d;
};

struct grp {
	char *key;                  /* the keys' JSON texts, \n between */
	struct cell cells[];
};

struct crm_group {
	struct key *keys;
	size_t nkeys;
	struct agg *aggs;
	size_t naggs;
	crm_strmap *map;            /* key -> struct grp * */
	struct grp **groups;
	size_t ngroups, capgroups;
	crm_buf kbuf;
	struct value *vals;         /* naggs */
	const char **columns;
};

static void
grp_free(const crm_group *g, struct grp *gr)
{
	size_t i;

	if (gr == NULL)
		return;
	for (i = 0; i < g->naggs; i++) {
		free(gr->cells[i].vals);
		crm_strmap_free(gr->cells[i].set);
	}
	free(gr->key);
	free(gr);
}

void
crm_group_free(crm_group *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->ngroups; i++)
		grp_free(g, g->groups[i]);
	free(g->groups);
	crm_strmap_free(g->map);
	for (i = 0; i < g->nkeys; i++) {
		free(g->keys[i].name);
		free(g->keys[i].field);
	}
	free(g->keys);
	for (i = 0; i < g->naggs; i++) {
		free(g->aggs[i].name);
		free(g->aggs[i].field);
	}
	free(g->aggs);
	crm_buf_free(&g->kbuf);
	free(g->vals);
	free(g->columns);
	free(g);
}

/* The items of a comma-separated list, each trimmed of nothing: names
 * are taken as written.  *items is freed by the caller (one block). */
static int
split_list(const char *list, const char *what, char ***items, size_t *n,
    crm_err *err)
{
	size_t count = 1, i, len = strlen(list);
	char **v, *copy, *p;

	for (i = 0; i < len; i++)
		count += list[i] == ',';
	v = malloc(count * sizeof(*v) + len + 1);
	if (v == NULL)
		return crm_err_nomem(err);
	copy = (char *)(v + count);
	memcpy(copy, list, len + 1);
	for (i = 0, p = copy; i < count; i++) {
		v[i] = p;
		if ((p = strchr(p, ',')) != NULL)
			*p++ = '\0';
		if (*v[i] == '\0') {
			free(v);
			return crm_err_set(err, CRM_EUSAGE, "%s: an empty item "
			    "in \"%s\"", what, list);
		}
	}
	*items = v;
	*n = count;
	return CRM_OK;
}

/* "NAME=" at the front of item: the name, and item moved past it. */
static char *
take_name(char **item)
{
	char *eq = strchr(*item, '='), *name;

	if (eq == NULL)
		return NULL;
	*eq = '\0';
	name = *item;
	*item = eq + 1;
	return name;
}

static int
parse_key(const char *item_in, struct key *k, crm_err *err)
{
	char *item = (char *)item_in, *name = take_name(&item), *colon;
	int rc;

	if ((colon = strchr(item, ':')) != NULL) {
		*colon = '\0';
		if ((rc = crm_period_from_name(colon + 1, &k->period, err)) !=
		    CRM_OK)
			return crm_err_prefix(err, "--by %s", item);
		k->has_period = 1;
	}
	if (*item == '\0' || (name != NULL && *name == '\0'))
		return crm_err_set(err, CRM_EUSAGE, "--by: an empty field "
		    "name");
	k->field = strdup(item);
	k->name = strdup(name != NULL ? name : item);
	if (k->field == NULL || k->name == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static int
parse_pct(const char *s, int *pct)
{
	int v = 0;

	if (s[0] != 'p' || s[1] == '\0')
		return -1;
	for (s++; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > 100)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v > 100)
		return -1;
	*pct = v;
	return 0;
}

static int
parse_agg(const char *item_in, struct agg *a, crm_err *err)
{
	char *item = (char *)item_in, *name = take_name(&item), *colon;
	const char *field = NULL, *fn = item;
	char def[64];
	size_t i;

	if ((colon = strchr(item, ':')) != NULL) {
		*colon = '\0';
		field = colon + 1;
		if (*field == '\0')
			return crm_err_set(err, CRM_EUSAGE, "--aggregate %s: "
			    "an empty field name", fn);
	}
	for (i = 0; i < ARRAY_LEN(agg_names); i++)
		if (strcmp(fn, agg_names[i].name) == 0)
			break;
	if (i < ARRAY_LEN(agg_names))
		a->kind = agg_names[i].kind;
	else if (parse_pct(fn, &a->pct) == 0)
		a->kind = AGG_PCT;
	else
		return crm_err_set(err, CRM_EUSAGE, "--aggregate: unknown "
		    "function %s (count, sum, mean, min, max, median, pNN, "
		    "distinct)", fn);
	if (field == NULL && a->kind != AGG_COUNT)
		return crm_err_set(err, CRM_EUSAGE, "--aggregate %s: needs a "
		    "field (%s:FIELD)", fn, fn);
	snprintf(def, sizeof(def), "_%s", fn);
	if (field != NULL && (a->field = strdup(field)) == NULL)
		return crm_err_nomem(err);
	if (name != NULL)
		a->name = strdup(name);
	else if (field == NULL)
		a->name = strdup("count");
	else if ((a->name = malloc(strlen(field) + strlen(def) + 1)) != NULL)
		snprintf(a->name, strlen(field) + strlen(def) + 1, "%s%s",
		    field, def);
	if (a->name == NULL)
		return crm_err_nomem(err);
	if (*a->name == '\0')
		return crm_err_set(err, CRM_EUSAGE, "--aggregate: an empty "
		    "name");
	return CRM_OK;
}

static int
check_names(const crm_group *g, crm_err *err)
{
	size_t i, j, n = g->nkeys + g->naggs;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(g->columns[i], g->columns[j]) == 0)
				return crm_err_set(err, CRM_EUSAGE, "column %s "
				    "twice: name one with NAME=", g->columns[i]);
	return CRM_OK;
}

int
crm_group_new(const char *keys, const char *aggs, crm_group **gp,
    crm_err *err)
{
	crm_group *g;
	char **items = NULL;
	size_t n, i;
	int rc;

	*gp = NULL;
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return crm_err_nomem(err);
	if (keys != NULL && *keys != '\0') {
		if ((rc = split_list(keys, "--by", &items, &n, err)) != CRM_OK)
			goto fail;
		if ((g->keys = calloc(n, sizeof(*g->keys))) == NULL) {
			rc = crm_err_nomem(err);
			goto fail;
		}
		for (i = 0; i < n; i++, g->nkeys++)
			if ((rc = parse_key(items[i], &g->keys[i], err)) !=
			    CRM_OK)
				goto fail;
		free(items);
		items = NULL;
	}
	if ((rc = split_list(aggs != NULL ? aggs : "count", "--aggregate",
	    &items, &n, err)) != CRM_OK)
		goto fail;
	if ((g->aggs = calloc(n, sizeof(*g->aggs))) == NULL) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	for (i = 0; i < n; i++, g->naggs++)
		if ((rc = parse_agg(items[i], &g->aggs[i], err)) != CRM_OK)
			goto fail;
	g->columns = calloc(g->nkeys + g->naggs, sizeof(*g->columns));
	g->map = crm_strmap_new(sizeof(struct grp *));
	g->vals = calloc(g->naggs, sizeof(*g->vals));
	if (g->columns == NULL || g->map == NULL || g->vals == NULL) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	for (i = 0; i < g->nkeys; i++)
		g->columns[i] = g->keys[i].name;
	for (i = 0; i < g->naggs; i++)
		g->columns[g->nkeys + i] = g->aggs[i].name;
	if ((rc = check_names(g, err)) != CRM_OK)
		goto fail;
	free(items);
	*gp = g;
	return CRM_OK;
fail:
	free(items);
	crm_group_free(g);
	return rc;
}

/* Append key k's value in r to the group key, as canonical JSON. */
static int
add_key(crm_group *g, const struct key *k, const crm_rec *r, crm_err *err)
{
	long at = crm_rec_find(r, k->field);
	crm_buf *b = &g->kbuf;
	char bucket[CRM_DATE_BUFSZ];
	const char *s;
	size_t len;
	int32_t day;
	int64_t ms;

	if (at < 0 || crm_rec_type(r, (size_t)at) == CRM_NULL)
		return crm_buf_adds(b, "null") == CRM_OK ? CRM_OK :
		    crm_err_nomem(err);
	s = crm_rec_text(r, (size_t)at, &len);
	if (k->has_period) {
		if (crm_rec_type(r, (size_t)at) != CRM_STRING)
			return crm_rec_fail(r, err, CRM_EDATA, k->field,
			    "not a date");
		/* An instant is taken in UTC; a date and time without a
		 * zone ("2010-12-01 08:26:00") on the day it names. */
		if (len > 10 && crm_time_parse(s, len, &ms, NULL) == CRM_OK)
			day = crm_time_date(ms);
		else if ((len == 10 || (len > 10 && (s[10] == ' ' ||
		    s[10] == 'T'))) && crm_date_parse(s, 10, &day, NULL) ==
		    CRM_OK)
			;
		else
			return crm_rec_fail(r, err, CRM_EDATA, k->field,
			    "not a date or an instant: %s", s);
		crm_date_bucket(day, k->period, bucket);
		s = bucket;
		len = strlen(bucket);
	} else if (crm_rec_type(r, (size_t)at) != CRM_STRING) {
		s = crm_rec_json(r, (size_t)at, &len);
		return crm_buf_add(b, s, len) == CRM_OK ? CRM_OK :
		    crm_err_nomem(err);
	}
	return crm_buf_add_json_str(b, s, len) == CRM_OK ? CRM_OK :
	    crm_err_nomem(err);
}

/* The group of the key in g->kbuf, made when new. */
static int
find_group(crm_group *g, struct grp **out, crm_err *err)
{
	struct grp **slot, *gr;
	int added, rc;

	slot = crm_strmap_put(g->map, g->kbuf.data, &added);
	if (slot == NULL)
		return crm_err_nomem(err);
	if (!added) {
		*out = *slot;
		return CRM_OK;
	}
	rc = crm_array_grow(&g->groups, &g->capgroups, g->ngroups,
	    sizeof(*g->groups), err);
	if (rc != CRM_OK)
		return rc;
	gr = calloc(1, sizeof(*gr) + g->naggs * sizeof(gr->cells[0]));
	if (gr == NULL || (gr->key = strdup(g->kbuf.data)) == NULL) {
		free(gr);
		return crm_err_nomem(err);
	}
	g->groups[g->ngroups++] = gr;
	*slot = gr;
	*out = gr;
	return CRM_OK;
}

/* Build the group key of r in g->kbuf. */
static int
make_key(crm_group *g, const crm_rec *r, crm_err *err)
{
	size_t i;
	int rc;

	crm_buf_reset(&g->kbuf);
	for (i = 0; i < g->nkeys; i++) {
		if (i > 0 && crm_buf_addc(&g->kbuf, '\n') != CRM_OK)
			return crm_err_nomem(err);
		if ((rc = add_key(g, &g->keys[i], r, err)) != CRM_OK)
			return rc;
	}
	if (crm_buf_addc(&g->kbuf, '\0') != CRM_OK)
		return crm_err_nomem(err);
	g->kbuf.len--;
	return CRM_OK;
}

/* Read aggregate a's value of r into v: v->at -1 when absent or null. */
static int
read_value(const struct agg *a, const crm_rec *r, struct value *v,
    crm_err *err)
{
	const char *s;
	size_t len;
	long at;

	v->at = -1;
	if (a->field == NULL)
		return CRM_OK;
	at = crm_rec_find(r, a->field);
	if (at < 0 || crm_rec_type(r, (size_t)at) == CRM_NULL)
		return CRM_OK;
	v->at = at;
	if (a->kind == AGG_COUNT || a->kind == AGG_DISTINCT)
		return CRM_OK;
	s = crm_rec_text(r, (size_t)at, &len);
	v->string = crm_rec_type(r, (size_t)at) == CRM_STRING;
	if ((!v->string && crm_rec_type(r, (size_t)at) != CRM_NUMBER) ||
	    dec_parse(s, len, &v->d) != 0)
		return crm_rec_fail(r, err, CRM_EDATA, a->field, "not a "
		    "number: %.40s", s != NULL ? s : "");
	return CRM_OK;
}

static int
add_value(const struct agg *a, struct cell *c, const crm_rec *r,
    const struct value *v, crm_err *err)
{
	const char *s;
	size_t len;
	int added;

	if (a->kind == AGG_DISTINCT) {
		if (c->set == NULL &&
		    (c->set = crm_strmap_new(sizeof(char))) == NULL)
			return crm_err_nomem(err);
		s = crm_rec_json(r, (size_t)v->at, &len);
		if (crm_strmap_put(c->set, s, &added) == NULL)
			return crm_err_nomem(err);
		c->n += (uint64_t)added;
		return CRM_OK;
	}
	if (a->kind == AGG_COUNT) {
		c->n++;
		return CRM_OK;
	}
	c->strings |= v->string;
	if (v->d.scale > c->scale)
		c->scale = v->d.scale;
	switch (a->kind) {
	case AGG_MEDIAN:
	case AGG_PCT:
		if (crm_array_grow(&c->vals, &c->cap, c->n, sizeof(*c->vals),
		    err) != CRM_OK)
			return CRM_EINTERNAL;
		c->vals[c->n] = v->d;
		break;
	case AGG_MIN:
		if (c->n == 0 || dec_cmp(v->d, c->min) < 0)
			c->min = v->d;
		break;
	case AGG_MAX:
		if (c->n == 0 || dec_cmp(v->d, c->max) > 0)
			c->max = v->d;
		break;
	default:
		if (dec_add(&c->sum, v->d) != 0)
			return crm_err_set(err, CRM_EINTERNAL, "%s: a sum "
			    "checked to fit does not", a->field);
		break;
	}
	c->n++;
	return CRM_OK;
}

/* Whether adding v to the sum of c stays in range (a new group's sum
 * always does: a value that parses fits). */
static int
sum_fits(const struct agg *a, const struct cell *c, const crm_rec *r,
    const struct value *v, crm_err *err)
{
	dec sum = c->sum;

	if (v->at < 0 || (a->kind != AGG_SUM && a->kind != AGG_MEAN))
		return CRM_OK;
	if (dec_add(&sum, v->d) != 0)
		return crm_rec_fail(r, err, CRM_EDATA, a->field, "the sum is "
		    "out of range");
	return CRM_OK;
}

/* A record is checked whole before any of it is counted, so that a bad
 * one set aside leaves no trace. */
int
crm_group_add(crm_group *g, const crm_rec *r, crm_err *err)
{
	struct grp *gr;
	size_t i;
	int rc;

	if ((rc = make_key(g, r, err)) != CRM_OK)
		return rc;
	for (i = 0; i < g->naggs; i++)
		if ((rc = read_value(&g->aggs[i], r, &g->vals[i], err)) !=
		    CRM_OK)
			return rc;
	if ((rc = find_group(g, &gr, err)) != CRM_OK)
		return rc;
	for (i = 0; i < g->naggs; i++)
		if ((rc = sum_fits(&g->aggs[i], &gr->cells[i], r, &g->vals[i],
		    err)) != CRM_OK)
			return rc;
	for (i = 0; i < g->naggs; i++) {
		if (g->aggs[i].field == NULL)
			gr->cells[i].n++;
		else if (g->vals[i].at >= 0 && (rc = add_value(&g->aggs[i],
		    &gr->cells[i], r, &g->vals[i], err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

const char *const *
crm_group_columns(const crm_group *g, size_t *n, size_t *nkeys)
{
	*n = g->nkeys + g->naggs;
	*nkeys = g->nkeys;
	return g->columns;
}

int
crm_group_period_key(const crm_group *g)
{
	size_t i;

	for (i = 0; i < g->nkeys; i++)
		if (g->keys[i].has_period)
			return (int)i;
	return -1;
}

static int
cmp_dec(const void *a, const void *b)
{
	return dec_cmp(*(const dec *)a, *(const dec *)b);
}

/* The pct percentile of the sorted vals[0..n), interpolated linearly
 * between the two nearest ranks (R's type 7, numpy's default). */
static int
percentile(const dec *vals, size_t n, int pct, dec *out)
{
	uint64_t h100 = (uint64_t)(n - 1) * (uint64_t)pct;
	size_t lo = (size_t)(h100 / 100);
	int frac = (int)(h100 % 100);

	if (frac == 0) {
		*out = vals[lo];
		return 0;
	}
	return dec_lerp(vals[lo], vals[lo + 1], frac, 100, out);
}

static int
set_dec(crm_rec *row, const char *name, const struct cell *c, dec d,
    crm_err *err)
{
	char buf[DEC_BUFSZ];

	dec_format(d, c->scale, buf);
	if (c->strings)
		return crm_rec_set_str(row, name, buf, strlen(buf), err);
	return crm_rec_set_json(row, name, CRM_NUMBER, buf, strlen(buf), err);
}

static int
set_cell(crm_rec *row, const struct agg *a, struct cell *c, crm_err *err)
{
	dec d;

	if (a->kind == AGG_COUNT || a->kind == AGG_DISTINCT)
		return crm_rec_set_int(row, a->name, (int64_t)c->n, err);
	if (a->kind == AGG_SUM && c->n == 0)
		return crm_rec_set_int(row, a->name, 0, err);
	if (c->n == 0)
		return crm_rec_set_null(row, a->name, err);
	switch (a->kind) {
	case AGG_SUM:
		return set_dec(row, a->name, c, c->sum, err);
	case AGG_MIN:
		return set_dec(row, a->name, c, c->min, err);
	case AGG_MAX:
		return set_dec(row, a->name, c, c->max, err);
	case AGG_MEAN:
		/* Two more places, or fewer for a sum near the limit. */
		if (dec_div(c->sum, (int64_t)c->n, c->sum.scale + 2, &d) != 0 &&
		    dec_div(c->sum, (int64_t)c->n, c->sum.scale + 1, &d) != 0 &&
		    dec_div(c->sum, (int64_t)c->n, c->sum.scale, &d) != 0)
			return crm_err_set(err, CRM_EDATA, "%s: out of range",
			    a->name);
		return set_dec(row, a->name, c, d, err);
	default:
		qsort(c->vals, c->n, sizeof(*c->vals), cmp_dec);
		if (percentile(c->vals, c->n, a->kind == AGG_MEDIAN ? 50 :
		    a->pct, &d) != 0)
			return crm_err_set(err, CRM_EDATA, "%s: out of range",
			    a->name);
		return set_dec(row, a->name, c, d, err);
	}
}

/* The type of a key value from its JSON text. */
static crm_type
type_of_json(const char *s)
{
	switch (*s) {
	case '"': return CRM_STRING;
	case 'n': return CRM_NULL;
	case 't': case 'f': return CRM_BOOL;
	case '[': return CRM_ARRAY;
	case '{': return CRM_OBJECT;
	default: return CRM_NUMBER;
	}
}

/* Groups sort by their keys in order: null first, numbers by value,
 * then the rest by their JSON text (strings, so periods, in byte
 * order). */
static int
cmp_value(const char *a, size_t na, const char *b, size_t nb)
{
	crm_type ta = type_of_json(a), tb = type_of_json(b);
	dec da, db;
	int c;

	if (ta == CRM_NULL || tb == CRM_NULL)
		return (tb == CRM_NULL) - (ta == CRM_NULL);
	if (ta == CRM_NUMBER && tb == CRM_NUMBER &&
	    dec_parse(a, na, &da) == 0 && dec_parse(b, nb, &db) == 0 &&
	    (c = dec_cmp(da, db)) != 0)
		return c;
	if ((ta == CRM_NUMBER) != (tb == CRM_NUMBER))
		return ta == CRM_NUMBER ? -1 : 1;
	c = memcmp(a, b, na < nb ? na : nb);
	return c != 0 ? c : (na > nb) - (na < nb);
}

static int
cmp_groups(const void *pa, const void *pb)
{
	const char *a = (*(struct grp *const *)pa)->key;
	const char *b = (*(struct grp *const *)pb)->key;
	const char *ea, *eb;
	int c;

	for (;;) {
		ea = strchr(a, '\n');
		eb = strchr(b, '\n');
		c = cmp_value(a, ea ? (size_t)(ea - a) : strlen(a), b,
		    eb ? (size_t)(eb - b) : strlen(b));
		if (c != 0 || ea == NULL || eb == NULL)
			return c;
		a = ea + 1;
		b = eb + 1;
	}
}

static int
write_group(crm_group *g, struct grp *gr, crm_rec *row, crm_report *rep,
    crm_err *err)
{
	const char *p = gr->key, *e;
	size_t i, len;
	int rc;

	crm_rec_clear(row);
	for (i = 0; i < g->nkeys; i++) {
		e = strchr(p, '\n');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		rc = crm_rec_set_json(row, g->keys[i].name, type_of_json(p), p,
		    len, err);
		if (rc != CRM_OK)
			return rc;
		p = e != NULL ? e + 1 : p + len;
	}
	for (i = 0; i < g->naggs; i++)
		if ((rc = set_cell(row, &g->aggs[i], &gr->cells[i], err)) !=
		    CRM_OK)
			return rc;
	return crm_report_row(rep, row, err);
}

int
crm_group_write(crm_group *g, crm_report *rep, crm_err *err)
{
	struct grp *gr;
	crm_rec *row;
	size_t i;
	int rc = CRM_OK;

	if ((row = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if (g->nkeys == 0 && g->ngroups == 0) {
		crm_buf_reset(&g->kbuf);
		if (crm_buf_addc(&g->kbuf, '\0') != CRM_OK)
			rc = crm_err_nomem(err);
		else
			rc = find_group(g, &gr, err);
	}
	if (g->ngroups > 1)
		qsort(g->groups, g->ngroups, sizeof(*g->groups), cmp_groups);
	for (i = 0; i < g->ngroups && rc == CRM_OK; i++)
		rc = write_group(g, g->groups[i], row, rep, err);
	crm_rec_free(row);
	return rc;
}
