/*
 * crm/conf.h - rule and configuration files: JSON documents read with
 * jansson, validated on load.
 *
 * Scoring rules, routing, order-code layouts, promotions, ageing buckets
 * and forecast settings are JSON files (see the man5 pages); defaults are
 * installed under share/crm/.  A malformed file is CRM_ECONFIG (exit 78)
 * with "file:line:col: what" from the JSON parser, or "file: path: what"
 * for a value that is well-formed JSON but wrong ("rules.json:14:
 * criteria[2].weight: not a number": the line where that value, or for a
 * missing member its object, starts).
 */
#ifndef CRM_CONF_H
#define CRM_CONF_H

#include <jansson.h>

#include "err.h"

/* Load path as a JSON object (duplicate keys rejected).  On success *root
 * is a new reference the caller releases with json_decref(). */
CRM_API int crm_conf_load(const char *path, json_t **root, crm_err *err);

/* The directory of the default rule files: $CRM_SHARE if set, else the
 * installed share/crm.  Borrowed. */
CRM_API const char *crm_conf_share_dir(void);

/* Room for the path of a default rule file. */
#define CRM_CONF_PATH_BUFSZ 1024

/* crm_conf_load() of a rule file: path, or when path is NULL the file
 * name in crm_conf_share_dir(), its path written into buf
 * (CRM_CONF_PATH_BUFSZ bytes).  *used is the path read, for messages. */
CRM_API int crm_conf_load_rules(const char *path, const char *name,
	char *buf, const char **used, json_t **root, crm_err *err);

/* Set err to CRM_ECONFIG "file:line: where: what" and return
 * CRM_ECONFIG; where is a path into the document such as
 * "criteria[2].weight", and line the line where it starts (left out
 * when the file cannot be read again). */
CRM_API int crm_conf_fail(crm_err *err, const char *file, const char *where,
	const char *fmt, ...) CRM_PRINTF(4, 5);

/* Typed members of obj (borrowed values).  Each returns CRM_OK, CRM_END
 * when the key is absent and optional, or CRM_ECONFIG naming file and
 * where.key when it has the wrong type or is missing but required. */
CRM_API int crm_conf_string(json_t *obj, const char *key, int required,
	const char *file, const char *where, const char **out, crm_err *err);
CRM_API int crm_conf_int(json_t *obj, const char *key, int required,
	long long min, long long max, const char *file, const char *where,
	long long *out, crm_err *err);

#endif
