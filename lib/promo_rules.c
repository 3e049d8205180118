/*
 * promo_rules.c - the promotion rule file: load and validate.
 */
#include "promo_internal.h"

#include <strings.h>

#define MAX_PROMOS 1000
#define MAX_LIST 1000           /* skus, categories, tiers of one promotion */
#define MAX_ITEMS 50
#define MAX_THRESHOLDS 20
#define MAX_NAME 200
#define MAX_ID 64
#define MAX_TOKEN 64            /* a sku, category or tier */
#define MAX_UNITS 1000000       /* buy, get, an item's quantity */

static const char *const kinds[] = {
	"buy_get", "bundle", "tiered", "order_discount"
};

static const char *const common_members[] = {
	"id", "name", "kind", "currency", "exclusive", "conditions"
};

/* The members of each kind, in the order of kinds[]. */
static const char *const kind_members[][4] = {
	{ "buy", "get", "free_sku", "once" },
	{ "items", "percent", "amount", NULL },
	{ "thresholds", NULL, NULL, NULL },
	{ "percent", "amount", NULL, NULL },
};

static const char *const condition_members[] = {
	"customer_tiers", "min_tenure_days", "skus", "categories", "from",
	"to", "min_qty", "min_amount"
};

const char *
crm_promo_kind_name(enum promo_kind kind)
{
	return kinds[kind];
}

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void
promo_free(struct promo *p)
{
	size_t i;

	free(p->id);
	free(p->name);
	free_list(p->tiers, p->ntiers);
	free_list(p->skus, p->nskus);
	free_list(p->categories, p->ncategories);
	free(p->free_sku_own);
	for (i = 0; i < p->nitems; i++)
		free(p->items[i].sku);
	free(p->items);
	free(p->thresholds);
}

void
crm_promos_free(crm_promos *promos)
{
	size_t i;

	if (promos == NULL)
		return;
	for (i = 0; i < promos->n; i++)
		promo_free(&promos->promo[i]);
	free(promos->promo);
	free(promos);
}

size_t
crm_promos_count(const crm_promos *promos)
{
	return promos->n;
}

/* What the loader needs to say where it is: where names the object at
 * hand ("promotions[2].conditions"), at() a member of it. */
struct loading {
	const char *file;
	crm_err *err;
	char where[128];
	char path[192];
};

static const char *
at(struct loading *ld, const char *key)
{
	snprintf(ld->path, sizeof(ld->path), "%s.%s", ld->where, key);
	return ld->path;
}

static int
bad(struct loading *ld, const char *key, const char *what)
{
	return crm_conf_fail(ld->err, ld->file, key != NULL ? at(ld, key) :
	    ld->where, "%s", what);
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] != NULL && strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Every member of obj is one of known[0..n) or of more[0..nmore). */
static int
only_members(struct loading *ld, json_t *obj, const char *const *known,
    size_t n, const char *const *more, size_t nmore)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v) {
		if (!in_list(k, known, n) && !in_list(k, more, nmore))
			return crm_conf_fail(ld->err, ld->file,
			    ld->where[0] != '\0' ? ld->where : NULL,
			    "unknown member \"%.64s\"", k);
	}
	return CRM_OK;
}

/* Letters, digits and "_-." (ids); any printable text but not blank
 * (skus, categories, tiers). */
static int
good_token(const char *s, size_t max, int id)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (id ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.') : (c < 0x20 || c == 0x7f))
			return 0;
	}
	return !(s[0] == ' ' || s[n - 1] == ' ');
}

/* A member that is there and not null: null is the same as absent. */
static int
present(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return v != NULL && !json_is_null(v);
}

static int
get_bool(struct loading *ld, json_t *obj, const char *key, int *out)
{
	json_t *v = json_object_get(obj, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return CRM_OK;
	if (!json_is_boolean(v))
		return bad(ld, key, "not true or false");
	*out = json_is_true(v);
	return CRM_OK;
}

/* A decimal given as a string ("12.50") or a whole number (12), at
 * exponent, from min to max. */
static int
get_decimal(struct loading *ld, json_t *obj, const char *key, int exponent,
    int64_t min, int64_t max, const char *range, int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	char num[32];
	const char *s;
	crm_err why;

	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		s = num;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
	} else {
		return bad(ld, key, "a decimal string such as \"12.50\"");
	}
	if (crm_money_parse(s, strlen(s), exponent, out, &why) != CRM_OK)
		return bad(ld, key, why.msg);
	if (*out < min || *out > max)
		return bad(ld, key, range);
	return CRM_OK;
}

static int
get_percent(struct loading *ld, json_t *obj, const char *key, int64_t *out)
{
	return get_decimal(ld, obj, key, PROMO_PCT_EXP, 1,
	    100 * (int64_t)1000000000, "more than 0 and at most 100", out);
}

/* An amount of the promotion's currency: more than zero. */
static int
get_amount(struct loading *ld, json_t *obj, const char *key,
    const struct promo *p, int64_t *out)
{
	if (p->currency[0] == '\0')
		return crm_conf_fail(ld->err, ld->file, at(ld, key),
		    "needs the promotion's currency");
	return get_decimal(ld, obj, key, p->exponent, 1, INT64_MAX,
	    "more than zero", out);
}

static int
get_count(struct loading *ld, json_t *obj, const char *key, int required,
    long long max, int64_t *out)
{
	long long n;
	int rc = crm_conf_int(obj, key, required, 1, max, ld->file, ld->where,
	    &n, ld->err);

	if (rc == CRM_OK)
		*out = n;
	return rc == CRM_END ? CRM_OK : rc;
}

static int
get_string(struct loading *ld, json_t *obj, const char *key, int required,
    size_t max, int id, char **out)
{
	const char *s;
	char what[96];
	int rc = crm_conf_string(obj, key, required, ld->file, ld->where, &s,
	    ld->err);

	if (rc == CRM_END)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if (!good_token(s, max, id)) {
		snprintf(what, sizeof(what), id ? "1 to %zu letters, digits, "
		    "'_', '-' or '.'" : "1 to %zu characters, not blank at "
		    "either end", max);
		return bad(ld, key, what);
	}
	if ((*out = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	return CRM_OK;
}

/* A non-empty list of skus, categories or tiers. */
static int
get_list(struct loading *ld, json_t *obj, const char *key, char ***out,
    size_t *n)
{
	json_t *v = json_object_get(obj, key), *e;
	char what[96];
	size_t i;

	if (v == NULL || json_is_null(v))
		return CRM_OK;
	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > MAX_LIST) {
		snprintf(what, sizeof(what), "a list of 1 to %d strings",
		    MAX_LIST);
		return bad(ld, key, what);
	}
	if ((*out = calloc(json_array_size(v), sizeof(**out))) == NULL)
		return crm_err_nomem(ld->err);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || !good_token(json_string_value(e),
		    MAX_TOKEN, 0)) {
			snprintf(what, sizeof(what), "[%zu]: 1 to %d "
			    "characters, not blank at either end", i,
			    MAX_TOKEN);
			return bad(ld, key, what);
		}
		if (((*out)[i] = strdup(json_string_value(e))) == NULL)
			return crm_err_nomem(ld->err);
		*n = i + 1;
	}
	return CRM_OK;
}

static int
get_date(struct loading *ld, json_t *obj, const char *key, int32_t *day)
{
	json_t *v = json_object_get(obj, key);
	crm_err why;

	if (v == NULL || json_is_null(v))
		return CRM_OK;
	if (!json_is_string(v) || crm_date_parse(json_string_value(v),
	    strlen(json_string_value(v)), day, &why) != CRM_OK)
		return bad(ld, key, json_is_string(v) ? why.msg :
		    "not a date (YYYY-MM-DD)");
	return CRM_OK;
}

static int
load_conditions(struct loading *ld, json_t *c, struct promo *p)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ], what[96];
	long long days;
	int rc;

	if (!json_is_object(c))
		return bad(ld, NULL, "an object");
	if ((rc = only_members(ld, c, condition_members,
	    ARRAY_LEN(condition_members), NULL, 0)) != CRM_OK ||
	    (rc = get_list(ld, c, "customer_tiers", &p->tiers, &p->ntiers)) !=
	    CRM_OK ||
	    (rc = get_list(ld, c, "skus", &p->skus, &p->nskus)) != CRM_OK ||
	    (rc = get_list(ld, c, "categories", &p->categories,
	    &p->ncategories)) != CRM_OK ||
	    (rc = get_date(ld, c, "from", &p->from)) != CRM_OK ||
	    (rc = get_date(ld, c, "to", &p->to)) != CRM_OK ||
	    (rc = get_count(ld, c, "min_qty", 0, 1000000000000LL,
	    &p->min_qty)) != CRM_OK)
		return rc;
	rc = crm_conf_int(c, "min_tenure_days", 0, 0, 36500, ld->file,
	    ld->where, &days, ld->err);
	if (rc == CRM_OK)
		p->min_tenure = days;
	else if (rc != CRM_END)
		return rc;
	if (present(c, "min_amount") &&
	    (rc = get_amount(ld, c, "min_amount", p, &p->min_amount)) !=
	    CRM_OK)
		return rc;
	if (p->from > p->to) {
		snprintf(what, sizeof(what), "from %s is after to %s",
		    crm_date_format(p->from, from), crm_date_format(p->to, to));
		return bad(ld, NULL, what);
	}
	if (p->kind == PROMO_BUNDLE && (p->nskus > 0 || p->ncategories > 0))
		return bad(ld, p->nskus > 0 ? "skus" : "categories",
		    "a bundle's lines are its items");
	return CRM_OK;
}

/* percent or amount: exactly one. */
static int
load_off(struct loading *ld, json_t *j, struct promo *p)
{
	int has_pct = present(j, "percent");
	int has_amount = present(j, "amount");

	if (has_pct == has_amount)
		return bad(ld, NULL, "either percent or amount");
	if (has_pct)
		return get_percent(ld, j, "percent", &p->pct);
	return get_amount(ld, j, "amount", p, &p->amount);
}

static int
load_buy_get(struct loading *ld, json_t *j, struct promo *p)
{
	int rc;

	if ((rc = get_count(ld, j, "buy", 1, MAX_UNITS, &p->buy)) != CRM_OK ||
	    (rc = get_count(ld, j, "get", 1, MAX_UNITS, &p->get)) != CRM_OK ||
	    (rc = get_bool(ld, j, "once", &p->once)) != CRM_OK ||
	    (rc = get_string(ld, j, "free_sku", 0, MAX_TOKEN, 0,
	    &p->free_sku_own)) != CRM_OK)
		return rc;
	if (p->free_sku_own != NULL)
		p->free_sku = p->free_sku_own;
	else if (p->nskus == 1 && p->ncategories == 0)
		p->free_sku = p->skus[0];
	else
		return bad(ld, "free_sku", "required unless conditions.skus "
		    "names one sku and there are no categories");
	return CRM_OK;
}

static int
load_item(struct loading *ld, json_t *j, struct promo *p, size_t i)
{
	static const char *const members[] = { "sku", "qty" };
	struct promo_item *it = &p->items[i];
	size_t k;
	int rc;

	if (!json_is_object(j))
		return bad(ld, NULL, "an object");
	it->qty = 1;
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members), NULL,
	    0)) != CRM_OK ||
	    (rc = get_string(ld, j, "sku", 1, MAX_TOKEN, 0, &it->sku)) !=
	    CRM_OK)
		return rc;
	p->nitems = i + 1;
	if ((rc = get_count(ld, j, "qty", 0, MAX_UNITS, &it->qty)) != CRM_OK)
		return rc;
	for (k = 0; k < i; k++)
		if (strcmp(p->items[k].sku, it->sku) == 0)
			return crm_conf_fail(ld->err, ld->file, at(ld, "sku"),
			    "%s is items[%zu] already", it->sku, k);
	return CRM_OK;
}

static int
load_bundle(struct loading *ld, json_t *j, struct promo *p)
{
	json_t *items = json_object_get(j, "items");
	char what[64], outer[sizeof(ld->where)];
	size_t i;
	int rc;

	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > MAX_ITEMS) {
		snprintf(what, sizeof(what), "a list of 1 to %d items",
		    MAX_ITEMS);
		return bad(ld, "items", what);
	}
	if ((p->items = calloc(json_array_size(items), sizeof(*p->items))) ==
	    NULL)
		return crm_err_nomem(ld->err);
	memcpy(outer, ld->where, sizeof(outer));
	for (i = 0; i < json_array_size(items); i++) {
		snprintf(ld->where, sizeof(ld->where), "%.80s.items[%zu]", outer,
		    i);
		if ((rc = load_item(ld, json_array_get(items, i), p, i)) !=
		    CRM_OK)
			return rc;
	}
	memcpy(ld->where, outer, sizeof(outer));
	return load_off(ld, j, p);
}

static int
load_threshold(struct loading *ld, json_t *j, struct promo *p, size_t i)
{
	static const char *const members[] = { "min_qty", "min_amount",
		"percent" };
	struct promo_threshold *t = &p->thresholds[i];
	int by_amount;
	int rc;

	if (!json_is_object(j))
		return bad(ld, NULL, "an object");
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members), NULL,
	    0)) != CRM_OK)
		return rc;
	by_amount = present(j, "min_amount");
	if (by_amount == present(j, "min_qty"))
		return bad(ld, NULL, "either min_qty or min_amount");
	if (i == 0)
		p->by_amount = by_amount;
	else if (by_amount != p->by_amount)
		return bad(ld, NULL, p->by_amount ? "min_amount, as in "
		    "thresholds[0]" : "min_qty, as in thresholds[0]");
	if (by_amount)
		rc = get_amount(ld, j, "min_amount", p, &t->min);
	else
		rc = get_count(ld, j, "min_qty", 1, 1000000000000LL, &t->min);
	if (rc != CRM_OK)
		return rc;
	if (i > 0 && t->min <= p->thresholds[i - 1].min)
		return bad(ld, by_amount ? "min_amount" : "min_qty",
		    "not above the threshold before");
	if (json_object_get(j, "percent") == NULL)
		return bad(ld, "percent", "missing");
	return get_percent(ld, j, "percent", &t->pct);
}

static int
load_tiered(struct loading *ld, json_t *j, struct promo *p)
{
	json_t *list = json_object_get(j, "thresholds");
	char what[64], outer[sizeof(ld->where)];
	size_t i;
	int rc;

	if (!json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) > MAX_THRESHOLDS) {
		snprintf(what, sizeof(what), "a list of 1 to %d thresholds",
		    MAX_THRESHOLDS);
		return bad(ld, "thresholds", what);
	}
	if ((p->thresholds = calloc(json_array_size(list),
	    sizeof(*p->thresholds))) == NULL)
		return crm_err_nomem(ld->err);
	memcpy(outer, ld->where, sizeof(outer));
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(ld->where, sizeof(ld->where), "%.80s.thresholds[%zu]",
		    outer, i);
		p->nthresholds = i + 1;
		if ((rc = load_threshold(ld, json_array_get(list, i), p, i)) !=
		    CRM_OK)
			return rc;
	}
	memcpy(ld->where, outer, sizeof(outer));
	return CRM_OK;
}

static int
load_kind(struct loading *ld, json_t *j, struct promo *p)
{
	const char *s;
	size_t k;
	int rc;

	if ((rc = crm_conf_string(j, "kind", 1, ld->file, ld->where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	for (k = 0; k < ARRAY_LEN(kinds); k++)
		if (strcmp(s, kinds[k]) == 0)
			break;
	if (k == ARRAY_LEN(kinds))
		return bad(ld, "kind", "one of buy_get, bundle, tiered, "
		    "order_discount");
	p->kind = (enum promo_kind)k;
	return only_members(ld, j, common_members, ARRAY_LEN(common_members),
	    kind_members[k], ARRAY_LEN(kind_members[k]));
}

static int
load_currency(struct loading *ld, json_t *j, struct promo *p)
{
	const char *s;
	int rc = crm_conf_string(j, "currency", 0, ld->file, ld->where, &s,
	    ld->err);
	crm_err why;

	if (rc == CRM_END)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if (crm_currency_exponent(s, &p->exponent, &why) != CRM_OK)
		return bad(ld, "currency", "not an ISO 4217 code");
	memcpy(p->currency, s, 4);
	return CRM_OK;
}

static int
load_promo(struct loading *ld, json_t *j, struct promo *p)
{
	char outer[sizeof(ld->where)];
	int rc;

	if (!json_is_object(j))
		return bad(ld, NULL, "a promotion is an object");
	if ((rc = load_kind(ld, j, p)) != CRM_OK ||
	    (rc = get_string(ld, j, "id", 1, MAX_ID, 1, &p->id)) != CRM_OK ||
	    (rc = get_string(ld, j, "name", 1, MAX_NAME, 0, &p->name)) !=
	    CRM_OK ||
	    (rc = load_currency(ld, j, p)) != CRM_OK ||
	    (rc = get_bool(ld, j, "exclusive", &p->exclusive)) != CRM_OK)
		return rc;
	if (present(j, "conditions")) {
		memcpy(outer, ld->where, sizeof(outer));
		snprintf(ld->where, sizeof(ld->where), "%.80s.conditions", outer);
		if ((rc = load_conditions(ld, json_object_get(j, "conditions"),
		    p)) != CRM_OK)
			return rc;
		memcpy(ld->where, outer, sizeof(outer));
	}
	switch (p->kind) {
	case PROMO_BUY_GET:
		return load_buy_get(ld, j, p);
	case PROMO_BUNDLE:
		return load_bundle(ld, j, p);
	case PROMO_TIERED:
		return load_tiered(ld, j, p);
	default:
		return load_off(ld, j, p);
	}
}

/* Ids are unique in any case: they key the grants of a purchase. */
static int
check_ids(struct loading *ld, const crm_promos *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++)
		for (j = 0; j < i; j++)
			if (strcasecmp(r->promo[i].id, r->promo[j].id) == 0) {
				snprintf(ld->where, sizeof(ld->where),
				    "promotions[%zu]", i);
				return crm_conf_fail(ld->err, ld->file,
				    at(ld, "id"), "\"%s\" again "
				    "(promotions[%zu])", r->promo[i].id, j);
			}
	return CRM_OK;
}

static int
load_promos(struct loading *ld, json_t *root, crm_promos *r)
{
	static const char *const members[] = { "promotions" };
	json_t *list = json_object_get(root, "promotions");
	char what[64];
	size_t i;
	int rc;

	if ((rc = only_members(ld, root, members, 1, NULL, 0)) != CRM_OK)
		return rc;
	snprintf(ld->where, sizeof(ld->where), "promotions");
	if (!json_is_array(list) || json_array_size(list) > MAX_PROMOS) {
		snprintf(what, sizeof(what), "a list of at most %d promotions",
		    MAX_PROMOS);
		return crm_conf_fail(ld->err, ld->file, "promotions", "%s",
		    what);
	}
	if (json_array_size(list) > 0 && (r->promo = calloc(
	    json_array_size(list), sizeof(*r->promo))) == NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		struct promo *p = &r->promo[i];

		snprintf(ld->where, sizeof(ld->where), "promotions[%zu]", i);
		r->n = i + 1;
		p->min_tenure = -1;
		p->from = INT32_MIN;
		p->to = INT32_MAX;
		if ((rc = load_promo(ld, json_array_get(list, i), p)) != CRM_OK)
			return rc;
	}
	return check_ids(ld, r);
}

int
crm_promos_load(const char *path, crm_promos **out, crm_err *err)
{
	char def[CRM_CONF_PATH_BUFSZ];
	struct loading ld;
	crm_promos *r = NULL;
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "promotions.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	ld.file = path;
	ld.err = err;
	ld.where[0] = '\0';
	if ((r = calloc(1, sizeof(*r))) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_promos(&ld, root, r);
	json_decref(root);
	if (rc != CRM_OK)
		crm_promos_free(r);
	else
		*out = r;
	return rc;
}
