/*
 * route_rules.c - the routing rule file (crm-lead-routing(5)) and the
 * response deadline file (crm-lead-sla(5)): loading, checking, matching.
 */
#include "route_internal.h"

enum { K_REGION, K_PRODUCT, K_CHANNEL, NKEYS };
static const char *const match_keys[NKEYS] = { "region", "product",
	"channel" };

struct route {
	char **values[NKEYS];    /* normalised; NULL: the key is not matched */
	size_t nvalues[NKEYS];
	char *team;
	crm_route_strategy strategy;
};

struct crm_route_rules {
	char *file;
	struct route *routes;
	size_t nroutes;
	int ownership;
};

static const unsigned MATCH_NORM = CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM |
    CRM_TEXT_LOWER;

void
crm_route_rules_free(crm_route_rules *rules)
{
	size_t i, k, j;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->nroutes; i++) {
		for (k = 0; k < NKEYS; k++) {
			for (j = 0; j < rules->routes[i].nvalues[k]; j++)
				free(rules->routes[i].values[k][j]);
			free(rules->routes[i].values[k]);
		}
		free(rules->routes[i].team);
	}
	free(rules->routes);
	free(rules->file);
	free(rules);
}

/* A string or a non-empty list of strings, each not blank. */
static int
load_values(struct route *rt, size_t k, json_t *v, const char *file,
    const char *where, crm_err *err)
{
	size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
	crm_buf b = CRM_BUF_INIT;
	char path[160];
	int rc = CRM_OK;

	snprintf(path, sizeof(path), "%s.%s", where, match_keys[k]);
	if ((!json_is_string(v) && !json_is_array(v)) || n == 0)
		return crm_conf_fail(err, file, path, "a string or a list of "
		    "strings");
	if ((rt->values[k] = calloc(n, sizeof(char *))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n && rc == CRM_OK; i++) {
		json_t *s = json_is_array(v) ? json_array_get(v, i) : v;

		if (!json_is_string(s))
			rc = crm_conf_fail(err, file, path, "a string or a list "
			    "of strings");
		else if ((rc = crm_text_norm(&b, json_string_value(s),
		    json_string_length(s), MATCH_NORM, err)) == CRM_OK &&
		    b.len == 0)
			rc = crm_conf_fail(err, file, path, "an empty value");
		else if (rc == CRM_OK && (rt->values[k][i] = strdup(b.data)) ==
		    NULL)
			rc = crm_err_nomem(err);
		if (rc == CRM_OK)
			rt->nvalues[k] = i + 1;
	}
	crm_buf_free(&b);
	return rc;
}

static int
load_match(struct route *rt, json_t *m, const char *file, const char *where,
    crm_err *err)
{
	const char *key;
	json_t *v;
	size_t k;
	int rc;

	if (!json_is_object(m))
		return crm_conf_fail(err, file, where, "an object of region, "
		    "product, channel");
	json_object_foreach(m, key, v) {
		for (k = 0; k < NKEYS && strcmp(key, match_keys[k]) != 0; k++)
			continue;
		if (k == NKEYS)
			return crm_conf_fail(err, file, where, "unknown key "
			    "\"%s\" (region, product, channel)", key);
		if ((rc = load_values(rt, k, v, file, where, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
catches_all(const struct route *rt)
{
	size_t k;

	for (k = 0; k < NKEYS; k++)
		if (rt->values[k] != NULL)
			return 0;
	return 1;
}

static int
load_route(crm_route_rules *r, size_t i, json_t *j, const char *file,
    crm_err *err)
{
	struct route *rt = &r->routes[i];
	char where[64], path[96];
	const char *key, *s;
	json_t *v;
	int rc;

	snprintf(where, sizeof(where), "routes[%zu]", i);
	if (!json_is_object(j))
		return crm_conf_fail(err, file, where, "a route is an object");
	json_object_foreach(j, key, v)
		if (strcmp(key, "match") != 0 && strcmp(key, "team") != 0 &&
		    strcmp(key, "strategy") != 0) {
			snprintf(path, sizeof(path), "%s.%s", where, key);
			return crm_conf_fail(err, file, path, "unknown key "
			    "(match, team, strategy)");
		}
	if ((v = json_object_get(j, "match")) != NULL) {
		snprintf(path, sizeof(path), "%s.match", where);
		if ((rc = load_match(rt, v, file, path, err)) != CRM_OK)
			return rc;
	}
	if ((rc = crm_conf_string(j, "team", 1, file, where, &s, err)) !=
	    CRM_OK)
		return rc;
	snprintf(path, sizeof(path), "%s.team", where);
	if (*s == '\0')
		return crm_conf_fail(err, file, path, "an empty team");
	if ((rt->team = strdup(s)) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_conf_string(j, "strategy", 1, file, where, &s, err)) !=
	    CRM_OK)
		return rc;
	snprintf(path, sizeof(path), "%s.strategy", where);
	if (strcmp(s, "round_robin") == 0)
		rt->strategy = CRM_ROUTE_ROUND_ROBIN;
	else if (strcmp(s, "least_loaded") == 0)
		rt->strategy = CRM_ROUTE_LEAST_LOADED;
	else
		return crm_conf_fail(err, file, path, "round_robin or "
		    "least_loaded, not \"%s\"", s);
	return CRM_OK;
}

static int
load_rules(crm_route_rules *r, json_t *root, const char *file, crm_err *err)
{
	const char *key;
	json_t *v, *routes;
	size_t i;
	int rc;

	json_object_foreach(root, key, v)
		if (strcmp(key, "routes") != 0 && strcmp(key, "ownership") != 0)
			return crm_conf_fail(err, file, key, "unknown key "
			    "(routes, ownership)");
	r->ownership = 1;
	if ((v = json_object_get(root, "ownership")) != NULL) {
		if (!json_is_boolean(v))
			return crm_conf_fail(err, file, "ownership", "true or "
			    "false");
		r->ownership = json_is_true(v);
	}
	routes = json_object_get(root, "routes");
	if (!json_is_array(routes) || json_array_size(routes) == 0)
		return crm_conf_fail(err, file, "routes", "a list of routes, "
		    "not empty");
	r->routes = calloc(json_array_size(routes), sizeof(*r->routes));
	if (r->routes == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < json_array_size(routes); i++) {
		r->nroutes = i + 1;
		if ((rc = load_route(r, i, json_array_get(routes, i), file,
		    err)) != CRM_OK)
			return rc;
		if (i > 0 && catches_all(&r->routes[i - 1])) {
			char where[32];

			snprintf(where, sizeof(where), "routes[%zu]", i);
			return crm_conf_fail(err, file, where, "never used: "
			    "routes[%zu] before it catches all", i - 1);
		}
	}
	return CRM_OK;
}

int
crm_route_rules_load(const char *path, crm_route_rules **out, crm_err *err)
{
	crm_route_rules *r = NULL;
	json_t *root = NULL;
	char def[CRM_CONF_PATH_BUFSZ];
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "lead-routing.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->file = strdup(path)) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_rules(r, root, path, err);
	json_decref(root);
	if (rc != CRM_OK) {
		crm_route_rules_free(r);
		return rc;
	}
	*out = r;
	return CRM_OK;
}

static int
holds(const struct route *rt, size_t k, const char *v, crm_buf *b)
{
	crm_err err;
	size_t i;

	if (rt->values[k] == NULL)
		return 1;
	if (v == NULL || crm_text_norm(b, v, strlen(v), MATCH_NORM, &err) !=
	    CRM_OK || b->len == 0)
		return 0;
	for (i = 0; i < rt->nvalues[k]; i++)
		if (strcmp(rt->values[k][i], b->data) == 0)
			return 1;
	return 0;
}

long
crm_route_match(const crm_route_rules *rules, const char *region,
    const char *product, const char *channel)
{
	const char *v[NKEYS] = { region, product, channel };
	crm_buf b = CRM_BUF_INIT;
	long found = -1;
	size_t i, k;

	for (i = 0; found < 0 && i < rules->nroutes; i++) {
		for (k = 0; k < NKEYS && holds(&rules->routes[i], k, v[k], &b);
		    k++)
			continue;
		if (k == NKEYS)
			found = (long)i;
	}
	crm_buf_free(&b);
	return found;
}

const char *
crm_route_rules_file(const crm_route_rules *rules)
{
	return rules->file;
}

size_t
crm_route_count(const crm_route_rules *rules)
{
	return rules->nroutes;
}

const char *
crm_route_team(const crm_route_rules *rules, size_t i)
{
	return i < rules->nroutes ? rules->routes[i].team : NULL;
}

crm_route_strategy
crm_route_strategy_of(const crm_route_rules *rules, size_t i)
{
	return i < rules->nroutes ? rules->routes[i].strategy :
	    CRM_ROUTE_ROUND_ROBIN;
}

int
crm_route_ownership(const crm_route_rules *rules)
{
	return rules->ownership;
}

/*
 * Response deadlines.
 */
struct deadline {
	char *priority;
	int64_t ms;
};

struct crm_route_sla {
	struct deadline *deadlines;
	size_t n;
	int64_t dflt;
};

void
crm_route_sla_free(crm_route_sla *sla)
{
	size_t i;

	if (sla == NULL)
		return;
	for (i = 0; i < sla->n; i++)
		free(sla->deadlines[i].priority);
	free(sla->deadlines);
	free(sla);
}

/* At most ten years, in any unit. */
#define MAX_DURATION_MS (3650LL * 86400000)

int
crm_route_duration_parse(const char *s, size_t len, int64_t *ms,
    crm_err *err)
{
	int64_t n = 0, unit;
	size_t i;

	for (i = 0; i + 1 < len && s[i] >= '0' && s[i] <= '9' &&
	    n <= MAX_DURATION_MS; i++)
		n = n * 10 + (s[i] - '0');
	unit = len == 0 ? 0 : s[len - 1] == 'm' ? 60000 : s[len - 1] == 'h' ?
	    3600000 : s[len - 1] == 'd' ? 86400000 : 0;
	if (i == 0 || i + 1 != len || unit == 0 || n == 0 ||
	    n > MAX_DURATION_MS / unit)
		return crm_err_set(err, CRM_EDATA, "not a duration (such as "
		    "30m, 4h, 2d; at most 3650d)");
	*ms = n * unit;
	return CRM_OK;
}

static int
sla_duration(json_t *v, const char *file, const char *where, int64_t *ms,
    crm_err *err)
{
	crm_err why;

	if (!json_is_string(v) || crm_route_duration_parse(
	    json_string_value(v), json_string_length(v), ms, &why) != CRM_OK)
		return crm_conf_fail(err, file, where, "not a duration (such "
		    "as 30m, 4h, 2d; at most 3650d)");
	return CRM_OK;
}

static int
load_sla(crm_route_sla *sla, json_t *root, const char *file, crm_err *err)
{
	const char *key;
	json_t *v, *map;
	char where[96];
	int rc;

	json_object_foreach(root, key, v)
		if (strcmp(key, "response") != 0 && strcmp(key, "default") != 0)
			return crm_conf_fail(err, file, key, "unknown key "
			    "(response, default)");
	if ((v = json_object_get(root, "default")) == NULL)
		return crm_conf_fail(err, file, "default", "missing (the "
		    "deadline of leads without a priority)");
	if ((rc = sla_duration(v, file, "default", &sla->dflt, err)) != CRM_OK)
		return rc;
	map = json_object_get(root, "response");
	if (map == NULL)
		return CRM_OK;
	if (!json_is_object(map))
		return crm_conf_fail(err, file, "response", "an object of "
		    "priority: duration");
	sla->deadlines = calloc(json_object_size(map) + 1,
	    sizeof(*sla->deadlines));
	if (sla->deadlines == NULL)
		return crm_err_nomem(err);
	json_object_foreach(map, key, v) {
		struct deadline *d = &sla->deadlines[sla->n];

		snprintf(where, sizeof(where), "response.%s", key);
		if (*key == '\0')
			return crm_conf_fail(err, file, where, "an empty "
			    "priority");
		if ((rc = sla_duration(v, file, where, &d->ms, err)) != CRM_OK)
			return rc;
		if ((d->priority = strdup(key)) == NULL)
			return crm_err_nomem(err);
		sla->n++;
	}
	return CRM_OK;
}

int
crm_route_sla_load(const char *path, crm_route_sla **out, crm_err *err)
{
	crm_route_sla *sla = NULL;
	json_t *root = NULL;
	char def[CRM_CONF_PATH_BUFSZ];
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "lead-sla.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	if ((sla = calloc(1, sizeof(*sla))) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_sla(sla, root, path, err);
	json_decref(root);
	if (rc != CRM_OK) {
		crm_route_sla_free(sla);
		return rc;
	}
	*out = sla;
	return CRM_OK;
}

int64_t
crm_route_sla_window(const crm_route_sla *sla, const char *priority)
{
	size_t i;

	for (i = 0; priority != NULL && i < sla->n; i++)
		if (strcmp(sla->deadlines[i].priority, priority) == 0)
			return sla->deadlines[i].ms;
	return sla->dflt;
}
