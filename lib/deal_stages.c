/*
 * deal_stages.c - the stage rule file of deals: load, validate, look up.
 */
#include "internal.h"

#include <strings.h>

/* Longest stage name: it goes into events and messages. */
#define STAGE_NAME_MAX 64

static const char *const forecasts[] = {
	"pipeline", "best_case", "commit", "closed"
};

struct crm_deal_stages {
	crm_deal_stage *stage;
	size_t n;
};

void
crm_deal_stages_free(crm_deal_stages *stages)
{
	size_t i;

	if (stages == NULL)
		return;
	for (i = 0; i < stages->n; i++)
		free((char *)stages->stage[i].name);
	free(stages->stage);
	free(stages);
}

int
crm_deal_forecast_rank(const char *category)
{
	size_t i;

	for (i = 0; category != NULL && i < ARRAY_LEN(forecasts); i++)
		if (strcmp(forecasts[i], category) == 0)
			return (int)i;
	return -1;
}

/* What the loader needs to say where it is. */
struct loading {
	const char *file;
	crm_err *err;
	char where[64];
};

static int
bad(struct loading *ld, const char *what)
{
	return crm_conf_fail(ld->err, ld->file, ld->where, "%s", what);
}

/* Letters, digits, '_', '-' and inner spaces: a name that reads well in
 * a message list and on a command line. */
static int
good_name(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > STAGE_NAME_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-' || s[i] == ' '))
			return 0;
	return 1;
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
load_outcome(struct loading *ld, json_t *j, crm_deal_stage *st)
{
	const char *s;
	int rc;

	st->outcome = CRM_DEAL_OPEN;
	rc = crm_conf_string(j, "outcome", 0, ld->file, ld->where, &s, ld->err);
	if (rc == CRM_END)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if (strcmp(s, "won") == 0)
		st->outcome = CRM_DEAL_WON;
	else if (strcmp(s, "lost") == 0)
		st->outcome = CRM_DEAL_LOST;
	else if (strcmp(s, "open") != 0)
		return bad(ld, "outcome: one of open, won, lost");
	return CRM_OK;
}

/* The won stage is certain and the lost one hopeless, both closed; an
 * open stage is still in the forecast. */
static int
check_stage(struct loading *ld, const crm_deal_stage *st)
{
	int closed = strcmp(st->forecast_category, "closed") == 0;

	if (st->outcome == CRM_DEAL_WON && (st->probability != 100 || !closed))
		return bad(ld, "the won stage has probability 100 and "
		    "forecast_category closed");
	if (st->outcome == CRM_DEAL_LOST && (st->probability != 0 || !closed))
		return bad(ld, "the lost stage has probability 0 and "
		    "forecast_category closed");
	if (st->outcome == CRM_DEAL_OPEN && closed)
		return bad(ld, "an open stage cannot be forecast as closed");
	return CRM_OK;
}

static int
load_stage(struct loading *ld, json_t *j, crm_deal_stage *st)
{
	static const char *const members[] = { "name", "probability",
		"forecast_category", "outcome" };
	const char *s;
	long long prob;
	int rc;

	if (!json_is_object(j))
		return bad(ld, "a stage is an object");
	if ((rc = only_members(ld, j, members, ARRAY_LEN(members))) != CRM_OK ||
	    (rc = crm_conf_string(j, "name", 1, ld->file, ld->where, &s,
	    ld->err)) != CRM_OK)
		return rc;
	if (!good_name(s))
		return bad(ld, "name: 1 to 64 letters, digits, '_', '-' or "
		    "inner spaces");
	if ((st->name = strdup(s)) == NULL)
		return crm_err_nomem(ld->err);
	if ((rc = crm_conf_int(j, "probability", 1, 0, 100, ld->file,
	    ld->where, &prob, ld->err)) != CRM_OK ||
	    (rc = crm_conf_string(j, "forecast_category", 1, ld->file,
	    ld->where, &s, ld->err)) != CRM_OK)
		return rc;
	st->probability = (int)prob;
	if (crm_deal_forecast_rank(s) < 0)
		return bad(ld, "forecast_category: one of "
		    CRM_DEAL_FORECASTS);
	st->forecast_category = forecasts[crm_deal_forecast_rank(s)];
	if ((rc = load_outcome(ld, j, st)) != CRM_OK)
		return rc;
	return check_stage(ld, st);
}

/* Names unique in any case; exactly one won and one lost stage. */
static int
check_set(struct loading *ld, const crm_deal_stages *r)
{
	size_t i, j, won = 0, lost = 0;

	for (i = 0; i < r->n; i++) {
		snprintf(ld->where, sizeof(ld->where), "stages[%zu]", i);
		for (j = 0; j < i; j++)
			if (strcasecmp(r->stage[i].name, r->stage[j].name) == 0)
				return crm_conf_fail(ld->err, ld->file,
				    ld->where, "name: \"%s\" again (stages[%zu])",
				    r->stage[i].name, j);
		won += r->stage[i].outcome == CRM_DEAL_WON;
		lost += r->stage[i].outcome == CRM_DEAL_LOST;
	}
	snprintf(ld->where, sizeof(ld->where), "stages");
	if (won != 1 || lost != 1)
		return bad(ld, "exactly one stage has outcome won and one "
		    "outcome lost");
	if (won + lost == r->n)
		return bad(ld, "at least one open stage");
	return CRM_OK;
}

static int
load_stages(struct loading *ld, json_t *root, crm_deal_stages *r)
{
	static const char *const members[] = { "stages" };
	json_t *list = json_object_get(root, "stages");
	size_t i;
	int rc;

	if ((rc = only_members(ld, root, members, 1)) != CRM_OK)
		return rc;
	snprintf(ld->where, sizeof(ld->where), "stages");
	if (!json_is_array(list) || json_array_size(list) == 0)
		return bad(ld, "a list of stages");
	if (json_array_size(list) > 100)
		return bad(ld, "at most 100 stages");
	if ((r->stage = calloc(json_array_size(list), sizeof(*r->stage))) ==
	    NULL)
		return crm_err_nomem(ld->err);
	for (i = 0; i < json_array_size(list); i++) {
		snprintf(ld->where, sizeof(ld->where), "stages[%zu]", i);
		r->n = i + 1;
		if ((rc = load_stage(ld, json_array_get(list, i),
		    &r->stage[i])) != CRM_OK)
			return rc;
	}
	return check_set(ld, r);
}

int
crm_deal_stages_load(const char *path, crm_deal_stages **out, crm_err *err)
{
	char def[CRM_CONF_PATH_BUFSZ];
	struct loading ld;
	crm_deal_stages *r = NULL;
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "deal-stages.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	ld.file = path;
	ld.err = err;
	ld.where[0] = '\0';
	if ((r = calloc(1, sizeof(*r))) == NULL)
		rc = crm_err_nomem(err);
	else
		rc = load_stages(&ld, root, r);
	json_decref(root);
	if (rc != CRM_OK)
		crm_deal_stages_free(r);
	else
		*out = r;
	return rc;
}

size_t
crm_deal_stages_count(const crm_deal_stages *stages)
{
	return stages->n;
}

const crm_deal_stage *
crm_deal_stage_at(const crm_deal_stages *stages, size_t i)
{
	return i < stages->n ? &stages->stage[i] : NULL;
}

const crm_deal_stage *
crm_deal_stage_find(const crm_deal_stages *stages, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < stages->n; i++)
		if (strcasecmp(stages->stage[i].name, name) == 0)
			return &stages->stage[i];
	return NULL;
}

const crm_deal_stage *
crm_deal_stage_outcome(const crm_deal_stages *stages,
    crm_deal_outcome outcome)
{
	size_t i;

	for (i = 0; i < stages->n; i++)
		if (stages->stage[i].outcome == outcome)
			return &stages->stage[i];
	return NULL;
}

int
crm_deal_stage_lookup(const crm_deal_stages *stages, const char *name,
    const crm_deal_stage **stage, crm_err *err)
{
	crm_buf known = CRM_BUF_INIT;
	size_t i;
	int rc;

	if ((*stage = crm_deal_stage_find(stages, name)) != NULL)
		return CRM_OK;
	for (i = 0; i < stages->n; i++)
		if ((i > 0 && crm_buf_adds(&known, ", ") != CRM_OK) ||
		    crm_buf_adds(&known, stages->stage[i].name) != CRM_OK) {
			crm_buf_free(&known);
			return crm_err_nomem(err);
		}
	rc = crm_err_set(err, CRM_EDATA, "unknown stage %.64s (known: %s)",
	    name != NULL ? name : "", known.data != NULL ? known.data : "");
	crm_buf_free(&known);
	return rc;
}
