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

int
crm_conf_load_rules(const char *path, const char *name, char *buf,
    const char **used, json_t **root, crm_err *err)
{
	if (path == NULL) {
		snprintf(buf, CRM_CONF_PATH_BUFSZ, "%s/%s", crm_conf_share_dir(),
		    name);
		path = buf;
	}
	*used = path;
	return crm_conf_load(path, root, err);
}

const char *
crm_conf_share_dir(void)
{
	const char *env = getenv("CRM_SHARE");

	return env != NULL && *env != '\0' ? env : CRM_SHARE_DIR;
}

/*
 * Finding the line of a place in a rule file.  jansson keeps no
 * positions for values, so a message about a well-formed but wrong value
 * scans the file again (errors are rare) for the line where the value at
 * the path "criteria[2].at_least[1]" starts.
 */
struct locator {
	const char *p, *end;
	int line;
	const char *want;
	char path[256];
	int found;
};

static void
loc_ws(struct locator *l)
{
	for (; l->p < l->end; l->p++) {
		if (*l->p == '\n')
			l->line++;
		else if (*l->p != ' ' && *l->p != '\t' && *l->p != '\r')
			break;
	}
}

/* Move past a string; its raw text (without quotes) is *s, *n. */
static void
loc_string(struct locator *l, const char **s, size_t *n)
{
	*s = ++l->p;
	while (l->p < l->end && *l->p != '"')
		l->p += *l->p == '\\' ? 2 : 1;
	*n = (size_t)(l->p < l->end ? l->p - *s : 0);
	if (l->p < l->end)
		l->p++;
}

static void
loc_value(struct locator *l, size_t len, int depth)
{
	const char *key;
	size_t n, i;

	loc_ws(l);
	if (l->found == 0 && strlen(l->want) == len &&
	    strncmp(l->path, l->want, len) == 0)
		l->found = l->line;
	if (l->p >= l->end || depth > 64)
		return;
	if (*l->p == '"') {
		loc_string(l, &key, &n);
	} else if (*l->p == '{' || *l->p == '[') {
		int obj = *l->p++ == '{';

		for (i = 0; l->p < l->end; i++) {
			const char *before = l->p;
			int k;

			loc_ws(l);
			if (l->p < l->end && (*l->p == '}' || *l->p == ']'))
				break;
			if (obj) {
				if (*l->p != '"')
					return;
				loc_string(l, &key, &n);
				k = snprintf(l->path + len, sizeof(l->path) - len,
				    "%s%.*s", len ? "." : "", (int)n, key);
				loc_ws(l);
				if (l->p < l->end && *l->p == ':')
					l->p++;
			} else {
				k = snprintf(l->path + len, sizeof(l->path) - len,
				    "[%zu]", i);
			}
			if (k < 0 || (size_t)k >= sizeof(l->path) - len)
				return;
			loc_value(l, len + (size_t)k, depth + 1);
			l->path[len] = '\0';
			loc_ws(l);
			if (l->p < l->end && *l->p == ',')
				l->p++;
			if (l->p == before)
				return;     /* no progress: not JSON after all */
		}
		if (l->p < l->end)
			l->p++;
	} else {
		while (l->p < l->end && *l->p != ',' && *l->p != ']' &&
		    *l->p != '}' && *l->p != ' ' && *l->p != '\t' &&
		    *l->p != '\r' && *l->p != '\n')
			l->p++;
	}
}

/* The line of where in file, or of the nearest enclosing place that is
 * there (a missing member's object); 0 when the file cannot be read. */
static int
conf_line(const char *file, const char *where)
{
	char want[256], *cut;
	crm_buf text = CRM_BUF_INIT;
	struct locator l;
	FILE *fp = fopen(file, "rb");
	size_t n;
	char chunk[8192];

	if (fp == NULL)
		return 0;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (crm_buf_add(&text, chunk, n) != CRM_OK)
			break;
	fclose(fp);
	snprintf(want, sizeof(want), "%s", where ? where : "");
	memset(&l, 0, sizeof(l));
	for (;;) {
		l.p = text.data;
		l.end = text.data + text.len;
		l.line = 1;
		l.want = want;
		l.found = 0;
		l.path[0] = '\0';
		if (text.data != NULL)
			loc_value(&l, 0, 0);
		if (l.found || want[0] == '\0')
			break;
		/* Not there: try the enclosing place. */
		cut = strrchr(want, '.');
		if (strrchr(want, '[') > cut)
			cut = strrchr(want, '[');
		if (cut == NULL)
			want[0] = '\0';
		else
			*cut = '\0';
	}
	crm_buf_free(&text);
	return l.found;
}

int
crm_conf_fail(crm_err *err, const char *file, const char *where,
    const char *fmt, ...)
{
	char what[CRM_ERR_MSG_MAX], place[64] = "";
	int line = conf_line(file, where);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(place, sizeof(place), ":%d", line);
	return crm_err_set(err, CRM_ECONFIG, "%s%s: %s%s%s", file, place,
	    where ? where : "", where ? ": " : "", what);
}

static int
member(json_t *obj, const char *key, int required, const char *file,
    const char *where, json_t **v, crm_err *err)
{
	char path[256];

	*v = json_object_get(obj, key);
	if (*v != NULL && !json_is_null(*v))
		return CRM_OK;
	if (!required)
		return CRM_END;
	snprintf(path, sizeof(path), "%s%s%s", where ? where : "",
	    where ? "." : "", key);
	return crm_conf_fail(err, file, path, "missing");
}

int
crm_conf_string(json_t *obj, const char *key, int required, const char *file,
    const char *where, const char **out, crm_err *err)
{
	char path[256];
	json_t *v;
	int rc = member(obj, key, required, file, where, &v, err);

	if (rc != CRM_OK)
		return rc;
	if (!json_is_string(v)) {
		snprintf(path, sizeof(path), "%s%s%s", where ? where : "",
		    where ? "." : "", key);
		return crm_conf_fail(err, file, path, "not a string");
	}
	*out = json_string_value(v);
	return CRM_OK;
}

int
crm_conf_int(json_t *obj, const char *key, int required, long long min,
    long long max, const char *file, const char *where, long long *out,
    crm_err *err)
{
	char path[256];
	json_t *v;
	int rc = member(obj, key, required, file, where, &v, err);

	if (rc != CRM_OK)
		return rc;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max) {
		snprintf(path, sizeof(path), "%s%s%s", where ? where : "",
		    where ? "." : "", key);
		return crm_conf_fail(err, file, path, "not a whole number "
		    "from %lld to %lld", min, max);
	}
	*out = json_integer_value(v);
	return CRM_OK;
}
