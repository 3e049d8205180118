/*
 * conf.c - loading rule files with jansson.
 */
#include "internal.h"

#include <stdarg.h>

#ifndef CRM_SHARE_DIR
#define CRM_SHARE_DIR "/usr/local/share/crm"
#endif

int
crm_conf_load(const char *path, json_t **root, crm_err *err)
{
	json_error_t je;
	json_t *j;

	*root = NULL;
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL) {
		if (je.line < 1)
			return crm_err_set(err, CRM_ECONFIG, "%s: %s", path,
			    je.text);
		return crm_err_set(err, CRM_ECONFIG, "%s:%d:%d: %s", path,
		    je.line, je.column, je.text);
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return crm_err_set(err, CRM_ECONFIG, "%s: not a JSON object",
		    path);
	}
	*root = j;
	return CRM_OK;
}

const char *
crm_conf_share_dir(void)
{
	const char *env = getenv("CRM_SHARE");

	return env != NULL && *env != '\0' ? env : CRM_SHARE_DIR;
}

int
crm_conf_fail(crm_err *err, const char *file, const char *where,
    const char *fmt, ...)
{
	char what[CRM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return crm_err_set(err, CRM_ECONFIG, "%s: %s%s%s", file,
	    where ? where : "", where ? ": " : "", what);
}

static int
member(json_t *obj, const char *key, int required, const char *file,
    const char *where, json_t **v, crm_err *err)
{
	*v = json_object_get(obj, key);
	if (*v != NULL && !json_is_null(*v))
		return CRM_OK;
	if (!required)
		return CRM_END;
	return crm_err_set(err, CRM_ECONFIG, "%s: %s%s%s: missing", file,
	    where ? where : "", where ? "." : "", key);
}

int
crm_conf_string(json_t *obj, const char *key, int required, const char *file,
    const char *where, const char **out, crm_err *err)
{
	json_t *v;
	int rc = member(obj, key, required, file, where, &v, err);

	if (rc != CRM_OK)
		return rc;
	if (!json_is_string(v))
		return crm_err_set(err, CRM_ECONFIG, "%s: %s%s%s: not a string",
		    file, where ? where : "", where ? "." : "", key);
	*out = json_string_value(v);
	return CRM_OK;
}

int
crm_conf_int(json_t *obj, const char *key, int required, long long min,
    long long max, const char *file, const char *where, long long *out,
    crm_err *err)
{
	json_t *v;
	int rc = member(obj, key, required, file, where, &v, err);

	if (rc != CRM_OK)
		return rc;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return crm_err_set(err, CRM_ECONFIG, "%s: %s%s%s: not a whole "
		    "number from %lld to %lld", file, where ? where : "",
		    where ? "." : "", key, min, max);
	*out = json_integer_value(v);
	return CRM_OK;
}
