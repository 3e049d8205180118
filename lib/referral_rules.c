/*
 * referral_rules.c - the referral rule file (crm-referral-rules(5)):
 * load and validate, and the arithmetic of rewards and rebates.
 */
#include "internal.h"

#include <jansson.h>

#define MAX_RULES 200
#define MAX_TIERS 20
#define MAX_NAME 64
#define MAX_DAYS 3650
/* Percentages: at most this many decimals, from 0 to 100. */
#define PCT_EXP 4

struct tier {
	int64_t from;                 /* minor units of the rule's currency */
	char pct[24];
};

struct reward {
	char name[MAX_NAME + 1];
	char currency[4];
	int has_first, has_pct, has_cap, has_period_cap;
	int64_t first, cap, period_cap;
	char pct[24];
	int days;
};

struct rebate {
	char name[MAX_NAME + 1];
	char kind[16];
	char currency[4];
	int marginal, has_cap;
	int64_t cap;
	struct tier tiers[MAX_TIERS];
	size_t ntiers;
};

struct crm_referral_rules {
	struct reward *rewards;
	size_t nrewards;
	struct rebate *rebates;
	size_t nrebates;
};

static const char *const partner_kinds[] = { "agent", "referral", "dealer" };

void
crm_referral_rules_free(crm_referral_rules *rules)
{
	if (rules == NULL)
		return;
	free(rules->rewards);
	free(rules->rebates);
	free(rules);
}

/* Where the loader is: where names the object at hand ("rewards[1]"),
 * at() a member of it. */
struct loading {
	const char *file;
	crm_err *err;
	char where[96];
	char path[160];
	int exponent;                 /* of the rule's currency */
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
only_members(struct loading *ld, json_t *obj, const char *const *known,
    size_t n)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(obj, k, v) {
		for (i = 0; i < n; i++)
			if (strcmp(k, known[i]) == 0)
				break;
		if (i == n)
			return crm_conf_fail(ld->err, ld->file,
			    ld->where[0] != '\0' ? ld->where : NULL,
			    "unknown member \"%.64s\"", k);
	}
	return CRM_OK;
}

static int
present(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return v != NULL && !json_is_null(v);
}

/* A name: 1 to MAX_NAME letters, digits, '_', '-' or '.'. */
static int
get_name(struct loading *ld, json_t *obj, char *out)
{
	const char *s;
	size_t n;
	int rc = crm_conf_string(obj, "name", 1, ld->file, ld->where, &s,
	    ld->err);

	if (rc != CRM_OK)
		return rc;
	n = strlen(s);
	if (n == 0 || n > MAX_NAME || strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != n)
		return bad(ld, "name", "1 to 64 letters, digits, '_', '-' or "
		    "'.'");
	memcpy(out, s, n + 1);
	return CRM_OK;
}

static int
get_currency(struct loading *ld, json_t *obj, char *out)
{
	const char *s;
	crm_err why;
	int rc = crm_conf_string(obj, "currency", 1, ld->file, ld->where, &s,
	    ld->err);

	if (rc != CRM_OK)
		return rc;
	if (crm_currency_exponent(s, &ld->exponent, &why) != CRM_OK)
		return bad(ld, "currency", why.msg);
	memcpy(out, s, 4);
	return CRM_OK;
}

/* An amount of the rule's currency, a string "12.50" or a whole
 * number, from min. */
static int
get_amount(struct loading *ld, json_t *obj, const char *key, int64_t min,
    int64_t *out)
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
		return bad(ld, key, "an amount such as \"12.50\"");
	}
	if (crm_money_parse(s, strlen(s), ld->exponent, out, &why) != CRM_OK)
		return bad(ld, key, why.msg);
	if (*out < min)
		return bad(ld, key, min > 0 ? "more than zero" :
		    "zero or more");
	return CRM_OK;
}

/* A percentage "2.5" (string or number), more than 0 and at most 100,
 * at most PCT_EXP decimals; kept as its text for crm_money_percent. */
static int
get_percent(struct loading *ld, json_t *obj, const char *key, char *out,
    size_t sz)
{
	json_t *v = json_object_get(obj, key);
	char num[32];
	const char *s;
	int64_t p;
	crm_err why;

	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		s = num;
	} else if (json_is_string(v)) {
		s = json_string_value(v);
	} else {
		return bad(ld, key, "a percentage such as \"2.5\"");
	}
	if (strlen(s) >= sz || crm_money_parse(s, strlen(s), PCT_EXP, &p,
	    &why) != CRM_OK || strspn(s, "0123456789.") != strlen(s))
		return bad(ld, key, "a percentage such as \"2.5\" (at most 4 "
		    "decimals)");
	if (p <= 0 || p > 100 * 10000)
		return bad(ld, key, "more than 0 and at most 100");
	memcpy(out, s, strlen(s) + 1);
	return CRM_OK;
}

static int
load_reward(struct loading *ld, json_t *j, struct reward *r)
{
	static const char *const members[] = { "name", "currency",
		"first_order", "percent", "days", "cap", "period_cap" };
	long long days;
	int rc;

	if (!json_is_object(j))
		return bad(ld, NULL, "a reward is an object");
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members))) !=
	    CRM_OK || (rc = get_name(ld, j, r->name)) != CRM_OK ||
	    (rc = get_currency(ld, j, r->currency)) != CRM_OK)
		return rc;
	if ((r->has_first = present(j, "first_order")) &&
	    (rc = get_amount(ld, j, "first_order", 1, &r->first)) != CRM_OK)
		return rc;
	if ((r->has_pct = present(j, "percent"))) {
		if ((rc = get_percent(ld, j, "percent", r->pct,
		    sizeof(r->pct))) != CRM_OK)
			return rc;
		if (!present(j, "days"))
			return bad(ld, "days", "missing: the days after the "
			    "referral whose sales earn the percent");
	} else if (present(j, "days")) {
		return bad(ld, "days", "without a percent");
	}
	if (r->has_pct && (rc = crm_conf_int(j, "days", 1, 1, MAX_DAYS,
	    ld->file, ld->where, &days, ld->err)) != CRM_OK)
		return rc;
	r->days = r->has_pct ? (int)days : 0;
	if (!r->has_first && !r->has_pct)
		return bad(ld, NULL, "neither first_order nor percent: a "
		    "reward of nothing");
	if ((r->has_cap = present(j, "cap")) &&
	    (rc = get_amount(ld, j, "cap", 1, &r->cap)) != CRM_OK)
		return rc;
	if ((r->has_period_cap = present(j, "period_cap")) &&
	    (rc = get_amount(ld, j, "period_cap", 1, &r->period_cap)) !=
	    CRM_OK)
		return rc;
	return CRM_OK;
}

static int
load_tier(struct loading *ld, json_t *j, struct rebate *b, size_t i)
{
	static const char *const members[] = { "from", "percent" };
	char outer[sizeof(ld->where)];
	struct tier *t = &b->tiers[i];
	int rc;

	memcpy(outer, ld->where, sizeof(outer));
	snprintf(ld->where, sizeof(ld->where), "%.60s.tiers[%zu]", outer, i);
	if (!json_is_object(j))
		return bad(ld, NULL, "a tier is an object");
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members))) !=
	    CRM_OK)
		return rc;
	if (!present(j, "from"))
		return bad(ld, "from", "missing");
	if (!present(j, "percent"))
		return bad(ld, "percent", "missing");
	if ((rc = get_amount(ld, j, "from", 0, &t->from)) != CRM_OK ||
	    (rc = get_percent(ld, j, "percent", t->pct, sizeof(t->pct))) !=
	    CRM_OK)
		return rc;
	if (i == 0 && t->from != 0)
		return bad(ld, "from", "the first tier starts at 0");
	if (i > 0 && t->from <= b->tiers[i - 1].from)
		return bad(ld, "from", "not above the tier before");
	memcpy(ld->where, outer, sizeof(outer));
	return CRM_OK;
}

static int
load_rebate(struct loading *ld, json_t *j, struct rebate *b)
{
	static const char *const members[] = { "name", "kind", "currency",
		"tiering", "tiers", "cap" };
	json_t *tiers;
	const char *s;
	size_t i;
	int rc;

	if (!json_is_object(j))
		return bad(ld, NULL, "a rebate is an object");
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members))) !=
	    CRM_OK || (rc = get_name(ld, j, b->name)) != CRM_OK ||
	    (rc = crm_conf_string(j, "kind", 1, ld->file, ld->where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	for (i = 0; i < ARRAY_LEN(partner_kinds); i++)
		if (strcmp(s, partner_kinds[i]) == 0)
			break;
	if (i == ARRAY_LEN(partner_kinds))
		return bad(ld, "kind", "not agent, referral or dealer");
	snprintf(b->kind, sizeof(b->kind), "%s", s);
	if ((rc = get_currency(ld, j, b->currency)) != CRM_OK)
		return rc;
	rc = crm_conf_string(j, "tiering", 0, ld->file, ld->where, &s,
	    ld->err);
	if (rc == CRM_OK && strcmp(s, "marginal") != 0 &&
	    strcmp(s, "whole") != 0)
		return bad(ld, "tiering", "not whole or marginal");
	if (rc != CRM_OK && rc != CRM_END)
		return rc;
	b->marginal = rc == CRM_OK && strcmp(s, "marginal") == 0;
	tiers = json_object_get(j, "tiers");
	if (!json_is_array(tiers) || json_array_size(tiers) == 0 ||
	    json_array_size(tiers) > MAX_TIERS)
		return bad(ld, "tiers", "a list of 1 to 20 tiers");
	for (i = 0; i < json_array_size(tiers); i++) {
		b->ntiers = i + 1;
		if ((rc = load_tier(ld, json_array_get(tiers, i), b, i)) !=
		    CRM_OK)
			return rc;
	}
	if ((b->has_cap = present(j, "cap")) &&
	    (rc = get_amount(ld, j, "cap", 1, &b->cap)) != CRM_OK)
		return rc;
	return CRM_OK;
}

/* The list member key of root: each element loaded by fn into
 * elements of sz bytes at *arr. */
static int
load_list(struct loading *ld, json_t *root, const char *key, size_t sz,
    void **arr, size_t *n, int (*fn)(struct loading *, json_t *, void *))
{
	json_t *list = json_object_get(root, key);
	size_t i;
	int rc;

	*n = 0;
	if (list == NULL || json_is_null(list))
		return CRM_OK;
	if (!json_is_array(list) || json_array_size(list) > MAX_RULES)
		return crm_conf_fail(ld->err, ld->file, key, "a list of at "
		    "most %d rules", MAX_RULES);
	if (json_array_size(list) == 0)
		return CRM_OK;
	if ((*arr = calloc(json_array_size(list), sz)) == NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(ld->where, sizeof(ld->where), "%s[%zu]", key, i);
		*n = i + 1;
		if ((rc = fn(ld, json_array_get(list, i),
		    (char *)*arr + i * sz)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
reward_fn(struct loading *ld, json_t *j, void *p)
{
	return load_reward(ld, j, p);
}

static int
rebate_fn(struct loading *ld, json_t *j, void *p)
{
	return load_rebate(ld, j, p);
}

/* One reward per currency, one rebate per kind and currency: which
 * rule applies is never a matter of order. */
static int
check_unique(struct loading *ld, const crm_referral_rules *r)
{
	size_t i, k;

	for (i = 0; i < r->nrewards; i++)
		for (k = 0; k < i; k++)
			if (strcmp(r->rewards[i].currency,
			    r->rewards[k].currency) == 0) {
				snprintf(ld->where, sizeof(ld->where),
				    "rewards[%zu]", i);
				return crm_conf_fail(ld->err, ld->file,
				    at(ld, "currency"), "%s again "
				    "(rewards[%zu]): one reward per currency",
				    r->rewards[i].currency, k);
			}
	for (i = 0; i < r->nrebates; i++)
		for (k = 0; k < i; k++)
			if (strcmp(r->rebates[i].currency,
			    r->rebates[k].currency) == 0 &&
			    strcmp(r->rebates[i].kind, r->rebates[k].kind) ==
			    0) {
				snprintf(ld->where, sizeof(ld->where),
				    "rebates[%zu]", i);
				return crm_conf_fail(ld->err, ld->file,
				    at(ld, "currency"), "%s %s again "
				    "(rebates[%zu]): one rebate per kind and "
				    "currency", r->rebates[i].kind,
				    r->rebates[i].currency, k);
			}
	return CRM_OK;
}

int
crm_referral_rules_load(const char *path, crm_referral_rules **out,
    crm_err *err)
{
	static const char *const members[] = { "rewards", "rebates" };
	char def[CRM_CONF_PATH_BUFSZ];
	struct loading ld;
	crm_referral_rules *r = NULL;
	json_t *root = NULL;
	void *arr;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "referral-rules.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	memset(&ld, 0, sizeof(ld));
	ld.file = path;
	ld.err = err;
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = only_members(&ld, root, members, ARRAY_LEN(members))) !=
	    CRM_OK)
		goto out;
	arr = NULL;
	rc = load_list(&ld, root, "rewards", sizeof(struct reward), &arr,
	    &r->nrewards, reward_fn);
	r->rewards = arr;
	if (rc != CRM_OK)
		goto out;
	arr = NULL;
	rc = load_list(&ld, root, "rebates", sizeof(struct rebate), &arr,
	    &r->nrebates, rebate_fn);
	r->rebates = arr;
	if (rc == CRM_OK)
		rc = check_unique(&ld, r);
out:
	json_decref(root);
	if (rc != CRM_OK)
		crm_referral_rules_free(r);
	else
		*out = r;
	return rc;
}

static const struct reward *
reward_of(const crm_referral_rules *rules, const char *currency)
{
	size_t i;

	for (i = 0; i < rules->nrewards; i++)
		if (strcmp(rules->rewards[i].currency, currency) == 0)
			return &rules->rewards[i];
	return NULL;
}

int
crm_referral_reward_upto(const crm_referral_rules *rules,
    const char *currency, int first_order, int64_t window_revenue,
    int64_t *amount, const char **rule, crm_err *err)
{
	const struct reward *r = reward_of(rules, currency);
	int64_t part = 0, sum = 0;
	int rc;

	*amount = 0;
	*rule = NULL;
	if (r == NULL)
		return CRM_OK;
	*rule = r->name;
	if (first_order && r->has_first)
		sum = r->first;
	if (r->has_pct && ((rc = crm_money_percent(window_revenue, r->pct,
	    strlen(r->pct), &part, err)) != CRM_OK ||
	    (rc = crm_money_add(sum, part, &sum, err)) != CRM_OK))
		return rc;
	if (r->has_cap && sum > r->cap)
		sum = r->cap;
	*amount = sum > 0 ? sum : 0;
	return CRM_OK;
}

int
crm_referral_reward_days(const crm_referral_rules *rules,
    const char *currency)
{
	const struct reward *r = reward_of(rules, currency);

	return r != NULL ? r->days : 0;
}

int64_t
crm_referral_reward_period_cap(const crm_referral_rules *rules,
    const char *currency, int64_t total)
{
	const struct reward *r = reward_of(rules, currency);

	if (r != NULL && r->has_period_cap && total > r->period_cap)
		return r->period_cap;
	return total;
}

int
crm_referral_rebate(const crm_referral_rules *rules, const char *kind,
    const char *currency, int64_t revenue, int64_t *amount,
    const char **rule, crm_err *err)
{
	const struct rebate *b = NULL;
	int64_t part, sum = 0, upper;
	size_t i;
	int rc;

	*amount = 0;
	*rule = NULL;
	for (i = 0; i < rules->nrebates && b == NULL; i++)
		if (strcmp(rules->rebates[i].kind, kind) == 0 &&
		    strcmp(rules->rebates[i].currency, currency) == 0)
			b = &rules->rebates[i];
	if (b == NULL)
		return CRM_OK;
	*rule = b->name;
	if (revenue <= 0)
		return CRM_OK;
	for (i = b->ntiers; i-- > 0;) {
		if (b->tiers[i].from > revenue)
			continue;
		if (!b->marginal) {
			rc = crm_money_percent(revenue, b->tiers[i].pct,
			    strlen(b->tiers[i].pct), &sum, err);
			if (rc != CRM_OK)
				return rc;
			break;
		}
		upper = i + 1 < b->ntiers && b->tiers[i + 1].from < revenue ?
		    b->tiers[i + 1].from : revenue;
		if ((rc = crm_money_percent(upper - b->tiers[i].from,
		    b->tiers[i].pct, strlen(b->tiers[i].pct), &part, err)) !=
		    CRM_OK || (rc = crm_money_add(sum, part, &sum, err)) !=
		    CRM_OK)
			return rc;
	}
	if (b->has_cap && sum > b->cap)
		sum = b->cap;
	*amount = sum;
	return CRM_OK;
}
