/*
 * test_conf.c - rule files: loading, syntax errors, typed members.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char path[] = "/tmp/crm-test-conf-XXXXXX";
static crm_err err;

static void
write_rules(const char *text)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
}

static void
test_load(void)
{
	json_t *root;
	const char *s;
	long long n;
	char want[256];

	write_rules("{\n  \"name\": \"default\",\n  \"weight\": 30,\n"
	    "  \"criteria\": [{\"field\": \"email\"}]\n}\n");
	CHECK_INT(crm_conf_load(path, &root, &err), CRM_OK);
	CHECK_INT(crm_conf_string(root, "name", 1, path, NULL, &s, &err),
	    CRM_OK);
	CHECK_STR(s, "default");
	CHECK_INT(crm_conf_int(root, "weight", 1, 0, 100, path, NULL, &n, &err),
	    CRM_OK);
	CHECK_INT(n, 30);
	CHECK_INT(crm_conf_int(root, "weight", 1, 0, 10, path, NULL, &n,
	    &err), CRM_ECONFIG);
	/* The message names the line where the value stands. */
	snprintf(want, sizeof(want), "%s:3: weight: not a whole number "
	    "from 0 to 10", path);
	CHECK_STR(err.msg, want);
	CHECK_INT(crm_conf_string(root, "weight", 1, path, NULL, &s, &err),
	    CRM_ECONFIG);
	CHECK_HAS(err.msg, "weight: not a string");
	CHECK_INT(crm_conf_string(root, "absent", 0, path, NULL, &s, &err),
	    CRM_END);
	CHECK_INT(crm_conf_string(root, "absent", 1, path, "top", &s, &err),
	    CRM_ECONFIG);
	CHECK_HAS(err.msg, "top.absent: missing");
	CHECK_INT(crm_conf_fail(&err, path, "criteria[0].field", "unknown "
	    "field %s", "emial"), CRM_ECONFIG);
	snprintf(want, sizeof(want), "%s:4: criteria[0].field: unknown field "
	    "emial", path);
	CHECK_STR(err.msg, want);
	json_decref(root);
}

static void
test_bad_files(void)
{
	json_t *root;
	char want[256];

	write_rules("{\n  \"a\": 1,\n  \"b\": \n}\n");
	CHECK_INT(crm_conf_load(path, &root, &err), CRM_ECONFIG);
	CHECK(root == NULL);
	snprintf(want, sizeof(want), "%s:4:1:", path);
	CHECK_HAS(err.msg, want);
	write_rules("{\"a\": 1, \"a\": 2}");
	CHECK_INT(crm_conf_load(path, &root, &err), CRM_ECONFIG);
	CHECK_HAS(err.msg, "duplicate object key");
	write_rules("[1, 2]");
	CHECK_INT(crm_conf_load(path, &root, &err), CRM_ECONFIG);
	CHECK_HAS(err.msg, "not a JSON object");
	CHECK_INT(crm_conf_load("/nonexistent/rules.json", &root, &err),
	    CRM_ECONFIG);
	CHECK_HAS(err.msg, "/nonexistent/rules.json");
}

static void
test_share_dir(void)
{
	setenv("CRM_SHARE", "/opt/crm/share", 1);
	CHECK_STR(crm_conf_share_dir(), "/opt/crm/share");
	unsetenv("CRM_SHARE");
	CHECK(crm_conf_share_dir()[0] == '/');
}

/* A rule file by name in the share directory, or the one given. */
static void
test_load_rules(void)
{
	char buf[CRM_CONF_PATH_BUFSZ];
	const char *used = NULL;
	json_t *root = NULL;

	write_rules("{\"a\": 1}");
	CHECK_INT(crm_conf_load_rules(path, "x.json", buf, &used, &root, &err),
	    CRM_OK);
	CHECK(used == path);
	json_decref(root);
	setenv("CRM_SHARE", "share/crm", 1);
	CHECK_INT(crm_conf_load_rules(NULL, "promotions.json", buf, &used,
	    &root, &err), CRM_OK);
	CHECK_STR(used, "share/crm/promotions.json");
	CHECK(json_object_get(root, "promotions") != NULL);
	json_decref(root);
	CHECK_INT(crm_conf_load_rules(NULL, "none.json", buf, &used, &root,
	    &err), CRM_ECONFIG);
	CHECK_STR(used, "share/crm/none.json");
	CHECK(root == NULL);
	unsetenv("CRM_SHARE");
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	RUN(test_load);
	RUN(test_bad_files);
	RUN(test_share_dir);
	RUN(test_load_rules);
	remove(path);
	DONE();
}
