/*
 * stock_units.c - the units delivered to customers, and the services
 * their plans (crm-service-plan(5)) make due.
 *
 * A delivered unit is one issue move: a lot of one with a serial, or
 * qty units of a lot without.  The services of one unit fall due in
 * order, so the services of many units come out in due order through a
 * heap holding each unit's next service: memory grows with the units,
 * not with their services.
 */
#include "stock_internal.h"

#define MAX_PLANS 1000
#define MAX_LIST 1000          /* skus or categories of one plan */
#define MAX_TOKEN 64           /* a name, a sku, a category */
#define MAX_SERVICES 1000      /* services of one unit */
#define MAX_MONTHS 1200        /* a hundred years: no service later */
#define MAX_KM 1000000
#define WHERE_SZ 192           /* "plans[1].services[2].after_km" */

struct service {
	char *name;
	int months;                /* after delivery */
	int64_t km;                /* 0: not given */
};

struct plan {
	char *name;
	char **skus, **categories;
	size_t nskus, ncategories;
	struct service *services;
	size_t nservices;
	struct service every;      /* months 0: no repeats */
	int base_months;           /* repeats count from the last service */
	int64_t base_km;           /* and from the most km a service gives */
	size_t total;              /* services of one unit, repeats too */
};

struct crm_service_plan {
	struct plan *plan;
	size_t n;
};

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
crm_service_plan_free(crm_service_plan *p)
{
	struct plan *pl;
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		pl = &p->plan[i];
		free(pl->name);
		free_list(pl->skus, pl->nskus);
		free_list(pl->categories, pl->ncategories);
		for (j = 0; j < pl->nservices; j++)
			free(pl->services[j].name);
		free(pl->services);
		free(pl->every.name);
	}
	free(p->plan);
	free(p);
}

/* What the loader needs to say where it is. */
struct loading {
	const char *file;
	crm_err *err;
};

/* where + "." + key, for the message about a member. */
static const char *
path_of(char *buf, size_t size, const char *where, const char *key)
{
	snprintf(buf, size, "%.120s.%.64s", where, key);
	return buf;
}

static int
bad(struct loading *ld, const char *where, const char *key,
    const char *what)
{
	char path[WHERE_SZ];

	return crm_conf_fail(ld->err, ld->file, key == NULL ? where :
	    path_of(path, sizeof(path), where, key), "%s", what);
}

/* A member that is there and not null: null is the same as absent. */
static json_t *
member(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return v == NULL || json_is_null(v) ? NULL : v;
}

/* Every member of obj is one of known; the message lists them. */
static int
only_members(struct loading *ld, json_t *obj, const char *where,
    const char *const *known, size_t n, const char *list)
{
	char path[WHERE_SZ];
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(obj, k, v) {
		for (i = 0; i < n && strcmp(k, known[i]) != 0; i++)
			continue;
		if (i == n) {
			if (where == NULL)
				snprintf(path, sizeof(path), "%.64s", k);
			else
				path_of(path, sizeof(path), where, k);
			return crm_conf_fail(ld->err, ld->file, path,
			    "unknown member (%s)", list);
		}
	}
	return CRM_OK;
}

/* 1 to MAX_TOKEN characters, no control characters, not blank at
 * either end. */
static int
good_token(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > MAX_TOKEN || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

#define TOKEN_RULE "1 to 64 characters, not blank at either end"

static int
get_name(struct loading *ld, json_t *obj, const char *where, char **out)
{
	const char *s;
	int rc;

	if ((rc = crm_conf_string(obj, "name", 1, ld->file, where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	if (!good_token(s))
		return bad(ld, where, "name", TOKEN_RULE);
	if ((*out = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	return CRM_OK;
}

/* A list of 1 to MAX_LIST skus or categories. */
static int
get_list(struct loading *ld, json_t *match, const char *where,
    const char *key, char ***out, size_t *n)
{
	json_t *v = member(match, key), *e;
	char path[WHERE_SZ], item[WHERE_SZ];
	size_t i;

	if (v == NULL)
		return CRM_OK;
	path_of(path, sizeof(path), where, key);
	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > MAX_LIST)
		return bad(ld, path, NULL, "a list of 1 to 1000 strings");
	if ((*out = calloc(json_array_size(v), sizeof(**out))) == NULL)
		return crm_err_nomem(ld->err);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || !good_token(json_string_value(e))) {
			snprintf(item, sizeof(item), "%.160s[%zu]", path, i);
			return bad(ld, item, NULL, TOKEN_RULE);
		}
		if (((*out)[i] = strdup(json_string_value(e))) == NULL)
			return crm_err_nomem(ld->err);
		*n = i + 1;
	}
	return CRM_OK;
}

static int
load_match(struct loading *ld, json_t *plan, const char *where,
    struct plan *p)
{
	static const char *const members[] = { "skus", "categories" };
	json_t *m = member(plan, "match");
	char path[WHERE_SZ];
	int rc;

	if (m == NULL)
		return CRM_OK;
	path_of(path, sizeof(path), where, "match");
	if (!json_is_object(m))
		return bad(ld, path, NULL, "an object of skus, categories");
	if ((rc = only_members(ld, m, path, members, ARRAY_LEN(members),
	    "skus, categories")) != CRM_OK ||
	    (rc = get_list(ld, m, path, "skus", &p->skus, &p->nskus)) !=
	    CRM_OK)
		return rc;
	return get_list(ld, m, path, "categories", &p->categories,
	    &p->ncategories);
}

/* One service, due after the one before it (prev, or NULL). */
static int
load_service(struct loading *ld, json_t *j, const char *where,
    const struct plan *p, struct service *s)
{
	static const char *const members[] = { "name", "after_months",
		"after_km" };
	long long months, km = 0;
	char what[96];
	int rc;

	if (!json_is_object(j))
		return bad(ld, where, NULL, "a service is an object");
	if ((rc = only_members(ld, j, where, members, ARRAY_LEN(members),
	    "name, after_months, after_km")) != CRM_OK ||
	    (rc = get_name(ld, j, where, &s->name)) != CRM_OK ||
	    (rc = crm_conf_int(j, "after_months", 1, 1, MAX_MONTHS, ld->file,
	    where, &months, ld->err)) != CRM_OK)
		return rc;
	if ((rc = crm_conf_int(j, "after_km", 0, 1, MAX_KM, ld->file, where,
	    &km, ld->err)) != CRM_OK && rc != CRM_END)
		return rc;
	s->months = (int)months;
	s->km = km;
	if (months <= p->base_months) {
		snprintf(what, sizeof(what), "not after the service before "
		    "it (%d months)", p->base_months);
		return bad(ld, where, "after_months", what);
	}
	if (km != 0 && km <= p->base_km) {
		snprintf(what, sizeof(what), "not more than a service before "
		    "it (%lld km)", (long long)p->base_km);
		return bad(ld, where, "after_km", what);
	}
	return CRM_OK;
}

static int
load_services(struct loading *ld, json_t *plan, const char *where,
    struct plan *p)
{
	json_t *list = member(plan, "services");
	char path[WHERE_SZ], item[WHERE_SZ];
	size_t i;
	int rc;

	if (list == NULL)
		return CRM_OK;
	path_of(path, sizeof(path), where, "services");
	if (!json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) > MAX_SERVICES)
		return bad(ld, path, NULL, "a list of 1 to 1000 services");
	if ((p->services = calloc(json_array_size(list),
	    sizeof(*p->services))) == NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(item, sizeof(item), "%.160s[%zu]", path, i);
		p->nservices = i + 1;
		if ((rc = load_service(ld, json_array_get(list, i), item, p,
		    &p->services[i])) != CRM_OK)
			return rc;
		p->base_months = p->services[i].months;
		if (p->services[i].km != 0)
			p->base_km = p->services[i].km;
	}
	return CRM_OK;
}

static int
load_every(struct loading *ld, json_t *plan, const char *where,
    struct plan *p)
{
	static const char *const members[] = { "name", "months", "km" };
	json_t *e = member(plan, "every");
	long long months, km = 0;
	char path[WHERE_SZ];
	int rc;

	if (e == NULL)
		return CRM_OK;
	path_of(path, sizeof(path), where, "every");
	if (!json_is_object(e))
		return bad(ld, path, NULL, "an object of name, months, km");
	if ((rc = only_members(ld, e, path, members, ARRAY_LEN(members),
	    "name, months, km")) != CRM_OK ||
	    (rc = get_name(ld, e, path, &p->every.name)) != CRM_OK ||
	    (rc = crm_conf_int(e, "months", 1, 1, MAX_MONTHS, ld->file, path,
	    &months, ld->err)) != CRM_OK)
		return rc;
	if ((rc = crm_conf_int(e, "km", 0, 1, MAX_KM, ld->file, path, &km,
	    ld->err)) != CRM_OK && rc != CRM_END)
		return rc;
	p->every.months = (int)months;
	p->every.km = km;
	return CRM_OK;
}

/* How the repeats end: after count of them, or at until_months from
 * delivery.  A plan that would never end is refused. */
static int
load_end(struct loading *ld, json_t *plan, const char *where,
    struct plan *p)
{
	long long until = 0, count = 0, last;
	int has_until = member(plan, "until_months") != NULL;
	int has_count = member(plan, "count") != NULL;
	char what[128];
	int rc;

	if (p->every.months == 0) {
		if (has_until || has_count)
			return bad(ld, where, has_until ? "until_months" :
			    "count", "only with every");
		if (p->nservices == 0)
			return bad(ld, where, NULL, "no services and no every");
		p->total = p->nservices;
		return CRM_OK;
	}
	if (has_until && has_count)
		return bad(ld, where, "count", "not with until_months");
	if (!has_until && !has_count)
		return bad(ld, where, "every", "needs until_months or count "
		    "(it would never end)");
	if (has_count) {
		if ((rc = crm_conf_int(plan, "count", 1, 1, MAX_SERVICES,
		    ld->file, where, &count, ld->err)) != CRM_OK)
			return rc;
		last = p->base_months + count * p->every.months;
		if (last > MAX_MONTHS) {
			snprintf(what, sizeof(what), "the last service would "
			    "be %lld months after delivery (at most %d)", last,
			    MAX_MONTHS);
			return bad(ld, where, "count", what);
		}
	} else {
		if ((rc = crm_conf_int(plan, "until_months", 1, 1, MAX_MONTHS,
		    ld->file, where, &until, ld->err)) != CRM_OK)
			return rc;
		if (until < p->base_months + p->every.months) {
			snprintf(what, sizeof(what), "every never falls due: "
			    "its first is %d months after delivery",
			    p->base_months + p->every.months);
			return bad(ld, where, "until_months", what);
		}
		count = (until - p->base_months) / p->every.months;
	}
	if ((long long)p->nservices + count > MAX_SERVICES) {
		snprintf(what, sizeof(what), "more than %d services per unit "
		    "(%lld)", MAX_SERVICES, (long long)p->nservices + count);
		return bad(ld, where, NULL, what);
	}
	p->total = p->nservices + (size_t)count;
	return CRM_OK;
}

static int
load_plan(struct loading *ld, json_t *j, const char *where, struct plan *p)
{
	static const char *const members[] = { "name", "match", "services",
		"every", "until_months", "count" };
	int rc;

	if (!json_is_object(j))
		return bad(ld, where, NULL, "a plan is an object");
	if ((rc = only_members(ld, j, where, members, ARRAY_LEN(members),
	    "name, match, services, every, until_months, count")) != CRM_OK ||
	    (rc = get_name(ld, j, where, &p->name)) != CRM_OK ||
	    (rc = load_match(ld, j, where, p)) != CRM_OK ||
	    (rc = load_services(ld, j, where, p)) != CRM_OK ||
	    (rc = load_every(ld, j, where, p)) != CRM_OK)
		return rc;
	return load_end(ld, j, where, p);
}

static int
matches_all(const struct plan *p)
{
	return p->nskus == 0 && p->ncategories == 0;
}

/* Names unique; no plan after one that takes every unit. */
static int
check_plan(struct loading *ld, const crm_service_plan *sp, size_t i,
    const char *where)
{
	char what[160];
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(sp->plan[j].name, sp->plan[i].name) == 0) {
			snprintf(what, sizeof(what), "\"%s\" again (plans[%zu])",
			    sp->plan[i].name, j);
			return bad(ld, where, "name", what);
		}
	if (i > 0 && matches_all(&sp->plan[i - 1])) {
		snprintf(what, sizeof(what), "never used: plans[%zu] before "
		    "it matches every unit", i - 1);
		return bad(ld, where, NULL, what);
	}
	return CRM_OK;
}

static int
load_plans(struct loading *ld, json_t *root, crm_service_plan *sp)
{
	static const char *const members[] = { "plans" };
	json_t *list = json_object_get(root, "plans");
	char where[32];
	size_t i;
	int rc;

	if ((rc = only_members(ld, root, NULL, members, 1, "plans")) != CRM_OK)
		return rc;
	if (!json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) > MAX_PLANS)
		return bad(ld, "plans", NULL, "a list of 1 to 1000 plans");
	if ((sp->plan = calloc(json_array_size(list), sizeof(*sp->plan))) ==
	    NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(where, sizeof(where), "plans[%zu]", i);
		sp->n = i + 1;
		if ((rc = load_plan(ld, json_array_get(list, i), where,
		    &sp->plan[i])) != CRM_OK ||
		    (rc = check_plan(ld, sp, i, where)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

int
crm_service_plan_load(const char *path, crm_service_plan **out,
    crm_err *err)
{
	char def[CRM_CONF_PATH_BUFSZ];
	crm_service_plan *sp = NULL;
	struct loading ld;
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "service-plan.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	ld.file = path;
	ld.err = err;
	if ((sp = calloc(1, sizeof(*sp))) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_plans(&ld, root, sp);
	json_decref(root);
	if (rc != CRM_OK)
		crm_service_plan_free(sp);
	else
		*out = sp;
	return rc;
}

static int
listed(const char *s, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* The first plan for a sku of a category (NULL: none). */
static const struct plan *
plan_for(const crm_service_plan *sp, const char *sku, const char *category)
{
	const struct plan *p;
	size_t i;

	for (i = 0; i < sp->n; i++) {
		p = &sp->plan[i];
		if (matches_all(p) || listed(sku, p->skus, p->nskus) ||
		    listed(category, p->categories, p->ncategories))
			return p;
	}
	return NULL;
}

/* Service i (0-based, < p->total) of plan p: a listed one, or a repeat
 * counted from the last listed one. */
static struct service
nth_service(const struct plan *p, size_t i)
{
	struct service s;
	int k;

	if (i < p->nservices)
		return p->services[i];
	k = (int)(i - p->nservices) + 1;
	s.name = p->every.name;
	s.months = p->base_months + k * p->every.months;
	s.km = p->every.km == 0 ? 0 : p->base_km + k * p->every.km;
	return s;
}

/*
 * The issues of stock to customers, oldest first.  ?1 customer, ?2 sku,
 * ?3 and ?4 the first and last day, ?5 location; NULL: any.
 */
#define UNITS_FROM \
	" FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id" \
	" LEFT JOIN products p ON p.sku = l.sku" \
	" WHERE m.kind = 'issue' AND m.qty < 0" \
	" AND (?1 IS NULL OR m.customer_id = ?1)" \
	" AND (?2 IS NULL OR l.sku = ?2)" \
	" AND (?3 IS NULL OR m.moved_on >= ?3)" \
	" AND (?4 IS NULL OR m.moved_on <= ?4)" \
	" AND (?5 IS NULL OR m.location_id = ?5)" \
	" ORDER BY m.moved_on, m.id"

static const char units_sql[] =
	"SELECT l.serial, l.sku, p.name AS product, p.category,"
	" -m.qty AS qty, m.customer_id, m.order_id, m.line_no,"
	" m.location_id AS location, m.moved_on AS delivered_on,"
	" m.lot_id AS lot" UNITS_FROM;

/* The columns of a unit in plan_units_sql. */
enum { U_MOVE, U_SERIAL, U_LOT, U_SKU, U_CATEGORY, U_QTY, U_CUSTOMER,
	U_ORDER, U_LOCATION, U_DELIVERED };

static const char plan_units_sql[] =
	"SELECT m.id, l.serial, m.lot_id, l.sku, p.category, -m.qty,"
	" m.customer_id, m.order_id, m.location_id, m.moved_on" UNITS_FROM;

static int
check_date(const char *what, const char *s, int32_t *day, crm_err *err)
{
	crm_err why;

	if (s != NULL && crm_date_parse(s, strlen(s), day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: %s", what, why.msg);
	return CRM_OK;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Prepare sql with the filters of q; from bounds the day of the issue
 * (NULL: not). */
static int
prepare_units(crm_db *db, const char *sql, const crm_stock_query *q,
    const char *from, sqlite3_stmt **st, crm_err *err)
{
	int rc;

	*st = NULL;
	if ((rc = stock_query_location(db, q->location, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, sql, st, err)) != CRM_OK)
		return rc;
	bind_opt(*st, 1, q->customer);
	bind_opt(*st, 2, q->sku);
	bind_opt(*st, 3, from);
	bind_opt(*st, 4, q->to);
	bind_opt(*st, 5, q->location);
	return CRM_OK;
}

static const crm_stock_query no_query;

int
crm_stock_units(crm_db *db, const crm_stock_query *q, crm_out *out,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	int32_t day;
	int rc;

	if (q == NULL)
		q = &no_query;
	if ((rc = check_date("--from", q->from, &day, err)) == CRM_OK &&
	    (rc = check_date("--to", q->to, &day, err)) == CRM_OK &&
	    (rc = prepare_units(db, units_sql, q, q->from, &st, err)) ==
	    CRM_OK)
		rc = crm_db_write_rows(db, st, out, "stock_moves", err);
	sqlite3_finalize(st);
	return rc;
}

/* A unit waiting in the heap for its next service. */
struct unit {
	const struct plan *plan;
	int64_t move, qty;
	int32_t delivered, due;    /* due: of service next */
	size_t next;
	const char *text[U_DELIVERED + 1];   /* the columns, in chars */
	char chars[];
};

/* The order of the services written: due day, then serial (or lot),
 * then move; one unit's services are due one after the other. */
static int
unit_before(const struct unit *a, const struct unit *b)
{
	const char *ka, *kb;
	int c;

	if (a->due != b->due)
		return a->due < b->due;
	ka = a->text[U_SERIAL] != NULL ? a->text[U_SERIAL] : a->text[U_LOT];
	kb = b->text[U_SERIAL] != NULL ? b->text[U_SERIAL] : b->text[U_LOT];
	if ((c = strcmp(ka, kb)) != 0)
		return c < 0;
	return a->move < b->move;
}

struct heap {
	struct unit **u;
	size_t n, cap;
};

static void
heap_down(struct heap *h, size_t i)
{
	struct unit *t;
	size_t c;

	for (; (c = 2 * i + 1) < h->n; i = c) {
		if (c + 1 < h->n && unit_before(h->u[c + 1], h->u[c]))
			c++;
		if (!unit_before(h->u[c], h->u[i]))
			break;
		t = h->u[i];
		h->u[i] = h->u[c];
		h->u[c] = t;
	}
}

static int
heap_push(struct heap *h, struct unit *u, crm_err *err)
{
	struct unit **grown, *t;
	size_t i, up;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		if ((grown = realloc(h->u, h->cap * sizeof(*h->u))) == NULL)
			return crm_err_nomem(err);
		h->u = grown;
	}
	for (i = h->n++, h->u[i] = u; i > 0; i = up) {
		up = (i - 1) / 2;
		if (!unit_before(h->u[i], h->u[up]))
			break;
		t = h->u[i];
		h->u[i] = h->u[up];
		h->u[up] = t;
	}
	return CRM_OK;
}

/* Move u on to its first service from from to to on: 0 when there is
 * none (the plan ends, or the calendar does at year 9999). */
static int
unit_seek(struct unit *u, int32_t from, int32_t to)
{
	struct service s;
	crm_err why;

	for (; u->next < u->plan->total; u->next++) {
		s = nth_service(u->plan, u->next);
		if (crm_date_add_months(u->delivered, s.months, &u->due,
		    &why) != CRM_OK || u->due > to)
			return 0;
		if (u->due >= from)
			return 1;
	}
	return 0;
}

/* A unit from the current row of st, with its plan; NULL with err
 * set on failure. */
static struct unit *
unit_new(sqlite3_stmt *st, const struct plan *p, crm_err *err)
{
	size_t len[U_DELIVERED + 1], size = 0;
	struct unit *u;
	const char *s;
	char *at;
	int i;

	for (i = 0; i <= U_DELIVERED; i++) {
		s = i == U_MOVE || i == U_QTY ? NULL :
		    (const char *)sqlite3_column_text(st, i);
		len[i] = s != NULL ? strlen(s) + 1 : 0;
		size += len[i];
	}
	if ((u = calloc(1, sizeof(*u) + size)) == NULL) {
		crm_err_nomem(err);
		return NULL;
	}
	for (i = 0, at = u->chars; i <= U_DELIVERED; at += len[i], i++)
		if (len[i] != 0) {
			memcpy(at, sqlite3_column_text(st, i), len[i]);
			u->text[i] = at;
		}
	u->plan = p;
	u->move = sqlite3_column_int64(st, U_MOVE);
	u->qty = sqlite3_column_int64(st, U_QTY);
	s = u->text[U_DELIVERED];
	if (crm_date_parse(s, strlen(s), &u->delivered, err) != CRM_OK) {
		crm_err_set(err, CRM_EDATA, "stock_moves %lld: moved_on: not "
		    "a date: %.40s", (long long)u->move, s);
		free(u);
		return NULL;
	}
	return u;
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return s != NULL ? crm_rec_set_str(r, key, s, strlen(s), err) :
	    CRM_OK;
}

/* The record of u's next service, handed to fn. */
static int
write_service(const struct unit *u, crm_rec *r, crm_stock_row_fn fn,
    void *ctx, crm_err *err)
{
	struct service s = nth_service(u->plan, u->next);
	char due[CRM_DATE_BUFSZ];
	int rc;

	crm_rec_clear(r);
	if ((rc = set_text(r, "serial", u->text[U_SERIAL], err)) ||
	    (rc = set_text(r, "lot", u->text[U_LOT], err)) ||
	    (rc = set_text(r, "sku", u->text[U_SKU], err)) ||
	    (rc = set_text(r, "customer_id", u->text[U_CUSTOMER], err)) ||
	    (rc = set_text(r, "order_id", u->text[U_ORDER], err)) ||
	    (rc = set_text(r, "location", u->text[U_LOCATION], err)) ||
	    (rc = set_text(r, "delivered_on", u->text[U_DELIVERED], err)) ||
	    (rc = set_text(r, "plan", u->plan->name, err)) ||
	    (rc = set_text(r, "service", s.name, err)) ||
	    (rc = crm_rec_set_int(r, "service_no", (int64_t)u->next + 1,
	    err)) ||
	    (rc = set_text(r, "due_on", crm_date_format(u->due, due), err)) ||
	    (s.km != 0 && (rc = crm_rec_set_int(r, "due_km", s.km, err))) ||
	    (rc = crm_rec_set_int(r, "qty", u->qty, err)))
		return rc;
	return fn(ctx, r, err);
}

/* Hand out the services in the heap in due order, each unit going back
 * in with its next one until its last. */
static int
write_due(struct heap *h, int32_t to, crm_stock_row_fn fn, void *ctx,
    crm_err *err)
{
	struct unit *u;
	crm_rec *r;
	int rc = CRM_OK;

	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	while (rc == CRM_OK && h->n > 0) {
		u = h->u[0];
		if ((rc = write_service(u, r, fn, ctx, err)) != CRM_OK)
			break;
		u->next++;
		if (!unit_seek(u, u->due, to)) {
			free(u);
			h->u[0] = h->u[--h->n];
		}
		heap_down(h, 0);
	}
	crm_rec_free(r);
	return rc;
}

int
crm_stock_service_plan_each(crm_db *db, const crm_service_plan *p,
    const crm_stock_query *q, crm_stock_row_fn fn, void *ctx, crm_err *err)
{
	int32_t from = INT32_MIN, to = INT32_MAX;
	struct heap h = { NULL, 0, 0 };
	const struct plan *pl;
	sqlite3_stmt *st = NULL;
	struct unit *u;
	int rc, step = SQLITE_DONE;

	if (q == NULL)
		q = &no_query;
	if ((rc = check_date("--from", q->from, &from, err)) != CRM_OK ||
	    (rc = check_date("--to", q->to, &to, err)) != CRM_OK)
		return rc;
	/* A service is due after its delivery: units delivered after the
	 * last day have none by then. */
	if ((rc = prepare_units(db, plan_units_sql, q, NULL, &st, err)) !=
	    CRM_OK)
		goto out;
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		pl = plan_for(p, (const char *)sqlite3_column_text(st, U_SKU),
		    (const char *)sqlite3_column_text(st, U_CATEGORY));
		if (pl == NULL)
			continue;
		if ((u = unit_new(st, pl, err)) == NULL) {
			rc = err->code;
			break;
		}
		if (!unit_seek(u, from, to))
			free(u);
		else if ((rc = heap_push(&h, u, err)) != CRM_OK)
			free(u);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "stock_moves", err);
	if (rc == CRM_OK)
		rc = write_due(&h, to, fn, ctx, err);
out:
	sqlite3_finalize(st);
	while (h.n > 0)
		free(h.u[--h.n]);
	free(h.u);
	return rc;
}

static int
write_out(void *out, crm_rec *row, crm_err *err)
{
	return crm_out_write(out, row, err);
}

int
crm_stock_service_plan(crm_db *db, const crm_service_plan *p,
    const crm_stock_query *q, crm_out *out, crm_err *err)
{
	return crm_stock_service_plan_each(db, p, q, write_out, out, err);
}
