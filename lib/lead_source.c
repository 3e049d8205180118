/*
 * lead_source.c - canonical lead sources and their aliases, and the
 * database id of a lead.
 */
#include "internal.h"

struct alias {
	char *name;          /* normalised */
	const char *source;  /* canonical; points into sources[] */
};

struct crm_lead_sources {
	char **sources;
	size_t nsources;
	struct alias *aliases;   /* the canonical names too */
	size_t naliases;
};

void
crm_lead_sources_free(crm_lead_sources *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsources; i++)
		free(s->sources[i]);
	for (i = 0; i < s->naliases; i++)
		free(s->aliases[i].name);
	free(s->sources);
	free(s->aliases);
	free(s);
}

static const unsigned NAME_NORM = CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM |
    CRM_TEXT_LOWER | CRM_TEXT_NOPUNCT;

static int
add_alias(crm_lead_sources *s, const char *name, const char *source,
    const char *file, const char *where, crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = crm_text_norm(&b, name, strlen(name), NAME_NORM, err)) !=
	    CRM_OK)
		return rc;
	if (b.len == 0) {
		crm_buf_free(&b);
		return crm_conf_fail(err, file, where, "an empty name");
	}
	for (i = 0; i < s->naliases; i++)
		if (strcmp(s->aliases[i].name, b.data) == 0) {
			rc = crm_conf_fail(err, file, where, "\"%s\" is already "
			    "a name of %s", name, s->aliases[i].source);
			crm_buf_free(&b);
			return rc;
		}
	s->aliases[s->naliases].name = b.data;
	s->aliases[s->naliases++].source = source;
	return CRM_OK;
}

static int
load_sources(crm_lead_sources *s, json_t *map, const char *file,
    crm_err *err)
{
	const char *key;
	json_t *list, *v;
	size_t n = 0, i;
	char where[128];
	int rc;

	json_object_foreach(map, key, list) {
		if (!json_is_array(list))
			return crm_conf_fail(err, file, "sources", "%s: a list "
			    "of aliases", key);
		n += 1 + json_array_size(list);
	}
	if ((s->sources = calloc(json_object_size(map), sizeof(char *))) ==
	    NULL || (s->aliases = calloc(n, sizeof(struct alias))) == NULL)
		return crm_err_nomem(err);
	json_object_foreach(map, key, list) {
		const char *canon;

		if ((s->sources[s->nsources] = strdup(key)) == NULL)
			return crm_err_nomem(err);
		canon = s->sources[s->nsources++];
		snprintf(where, sizeof(where), "sources.%s", key);
		if ((rc = add_alias(s, key, canon, file, where, err)) != CRM_OK)
			return rc;
		json_array_foreach(list, i, v) {
			snprintf(where, sizeof(where), "sources.%s[%zu]", key, i);
			if (!json_is_string(v))
				return crm_conf_fail(err, file, where,
				    "an alias is a string");
			if ((rc = add_alias(s, json_string_value(v), canon, file,
			    where, err)) != CRM_OK)
				return rc;
		}
	}
	return CRM_OK;
}

int
crm_lead_sources_load(const char *path, crm_lead_sources **out,
    crm_err *err)
{
	crm_lead_sources *s = NULL;
	json_t *root = NULL, *map;
	char def[4096];
	const char *key;
	int rc;

	*out = NULL;
	if ((rc = crm_conf_load_rules(path, "lead-sources.json", def, &path,
	    &root, err)) != CRM_OK)
		return rc;
	json_object_foreach(root, key, map)
		if (strcmp(key, "sources") != 0) {
			rc = crm_conf_fail(err, path, key, "unknown key");
			goto out;
		}
	map = json_object_get(root, "sources");
	if (!json_is_object(map) || json_object_size(map) == 0) {
		rc = crm_conf_fail(err, path, "sources", "an object of sources "
		    "and their aliases, not empty");
		goto out;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = load_sources(s, map, path, err)) == CRM_OK) {
		*out = s;
		s = NULL;
	}
out:
	crm_lead_sources_free(s);
	json_decref(root);
	return rc;
}

const char *
crm_lead_source(const crm_lead_sources *s, const char *name, size_t len)
{
	crm_buf b = CRM_BUF_INIT;
	const char *found = NULL;
	crm_err err;
	size_t i;

	/* Most records name a source as the file does. */
	for (i = 0; i < s->nsources; i++)
		if (strlen(s->sources[i]) == len &&
		    memcmp(s->sources[i], name, len) == 0)
			return s->sources[i];
	if (crm_text_norm(&b, name, len, NAME_NORM, &err) != CRM_OK)
		return NULL;
	for (i = 0; found == NULL && i < s->naliases; i++)
		if (strcmp(s->aliases[i].name, b.data) == 0)
			found = s->aliases[i].source;
	crm_buf_free(&b);
	return found;
}

int
crm_lead_id(const crm_lead_sources *s, const crm_rec *r, crm_buf *id,
    crm_err *err)
{
	long i = crm_rec_find(r, "id");
	const char *v, *source;
	size_t len;

	crm_buf_reset(id);
	if (i >= 0 && crm_rec_type(r, (size_t)i) != CRM_STRING &&
	    crm_rec_type(r, (size_t)i) != CRM_NUMBER &&
	    crm_rec_type(r, (size_t)i) != CRM_NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "id",
		    "not a string or a number");
	if (i < 0 || (v = crm_rec_text(r, (size_t)i, &len)) == NULL ||
	    len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "id",
		    "missing (a lead needs the id its source gave it)");
	if (crm_rec_find(r, "source_id") >= 0)
		return crm_buf_add(id, v, len) == CRM_OK ? CRM_OK :
		    crm_err_nomem(err);
	i = crm_rec_find(r, "source");
	if (i < 0 || crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, "source",
		    "missing (web, phone, fair...)");
	v = crm_rec_text(r, (size_t)i, &len);
	if ((source = crm_lead_source(s, v, len)) == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "source",
		    "unknown source \"%.*s\" (see crm-lead-sources(5))",
		    (int)len, v);
	v = crm_rec_get(r, "id");
	if (crm_buf_adds(id, source) != CRM_OK || crm_buf_addc(id, ':') !=
	    CRM_OK || crm_buf_adds(id, v) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}
