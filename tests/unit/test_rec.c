/*
 * test_rec.c - records: parsing, exact text, setters, writing.
 */
#include "t.h"

#include "crm/crm.h"

static crm_rec *r;
static crm_buf out = CRM_BUF_INIT;
static crm_err err;

static int
parse(const char *s)
{
	crm_err_clear(&err);
	return crm_rec_parse(r, s, strlen(s), &err);
}

/* Parse s and write it back compact. */
static const char *
round_trip(const char *s)
{
	crm_buf_reset(&out);
	if (parse(s) != CRM_OK)
		return err.msg;
	if (crm_rec_write_json(r, &out, &err) != CRM_OK)
		return "write failed";
	return out.data;
}

static void
test_round_trip(void)
{
	CHECK_STR(round_trip("{}"), "{}");
	CHECK_STR(round_trip(" { } "), "{}");
	CHECK_STR(round_trip("{\"a\":1}"), "{\"a\":1}");
	CHECK_STR(round_trip("{ \"a\" : 1.50 , \"b\" : \"x y\" }"),
	    "{\"a\":1.50,\"b\":\"x y\"}");
	/* Numbers keep their exact text, however long. */
	CHECK_STR(round_trip("{\"n\":123456789012345678901234567890.10}"),
	    "{\"n\":123456789012345678901234567890.10}");
	CHECK_STR(round_trip("{\"n\":-0.0e-10}"), "{\"n\":-0.0e-10}");
	CHECK_STR(round_trip("{\"a\":[1, 2 ,{\"b\" : null}],\"c\":{}}"),
	    "{\"a\":[1,2,{\"b\":null}],\"c\":{}}");
	CHECK_STR(round_trip("{\"t\":true,\"f\":false,\"z\":null}"),
	    "{\"t\":true,\"f\":false,\"z\":null}");
	/* Escapes stay as written; white space inside strings stays. */
	CHECK_STR(round_trip("{\"s\":\"a\\u00e9\\n \\\"q\\\"  \"}"),
	    "{\"s\":\"a\\u00e9\\n \\\"q\\\"  \"}");
	CHECK_STR(round_trip("{\"名\":\"珍珠白 豪华版\"}"),
	    "{\"名\":\"珍珠白 豪华版\"}");
	/* A key with escapes is written decoded and re-escaped. */
	CHECK_STR(round_trip("{\"a\\u0062\":1,\"q\\\"\":2}"),
	    "{\"ab\":1,\"q\\\"\":2}");
}

static void
test_access(void)
{
	size_t len;

	CHECK_INT(parse("{\"id\":\"L1\",\"n\":12.30,\"s\":\"a\\tb\\u00e9"
	    "\\ud83d\\ude00\",\"z\":null,\"o\":{\"x\":[1]},\"b\":true}"),
	    CRM_OK);
	CHECK_INT(crm_rec_len(r), 6);
	CHECK_STR(crm_rec_key(r, 0), "id");
	CHECK_STR(crm_rec_key(r, 5), "b");
	CHECK(crm_rec_key(r, 6) == NULL);
	CHECK_INT(crm_rec_type(r, 0), CRM_STRING);
	CHECK_INT(crm_rec_type(r, 1), CRM_NUMBER);
	CHECK_INT(crm_rec_type(r, 3), CRM_NULL);
	CHECK_INT(crm_rec_type(r, 4), CRM_OBJECT);
	CHECK_INT(crm_rec_type(r, 5), CRM_BOOL);
	CHECK_STR(crm_rec_get(r, "id"), "L1");
	CHECK_STR(crm_rec_get(r, "n"), "12.30");
	CHECK_STR(crm_rec_get(r, "s"), "a\tb\xc3\xa9\xf0\x9f\x98\x80");
	CHECK(crm_rec_get(r, "z") == NULL);
	CHECK(crm_rec_get(r, "missing") == NULL);
	CHECK_STR(crm_rec_get(r, "o"), "{\"x\":[1]}");
	CHECK_STR(crm_rec_get(r, "b"), "true");
	CHECK_STR(crm_rec_json(r, 0, &len), "\"L1\"");
	CHECK_INT(len, 4);
	CHECK_INT(crm_rec_find(r, "z"), 3);
	CHECK_INT(crm_rec_find(r, "nope"), -1);
	/* \u0000 decodes to a NUL inside the text; len tells. */
	CHECK_INT(parse("{\"s\":\"a\\u0000b\"}"), CRM_OK);
	CHECK(crm_rec_text(r, 0, &len) != NULL);
	CHECK_INT(len, 3);
}

static void
check_bad(const char *s, const char *msg)
{
	CHECK_INT(parse(s), CRM_EDATA);
	CHECK_STR(err.msg, msg);
	CHECK_INT(crm_rec_len(r), 0);
}

static void
test_bad(void)
{
	check_bad("", "col 1: empty line, not an object");
	check_bad("[1]", "col 1: not an object but an array");
	check_bad("\"s\"", "col 1: not an object but a string");
	check_bad("12", "col 1: not an object but a number");
	check_bad("null", "col 1: not an object but null");
	check_bad("{", "col 2: object not closed at end of line");
	check_bad("{\"a\":1", "col 7: object not closed at end of line");
	check_bad("{\"a\":1}x", "col 8: text after the object");
	check_bad("{\"a\":1}{}", "col 8: text after the object");
	check_bad("{\"a\" 1}", "col 6: expected ':' after key");
	check_bad("{a:1}", "col 2: expected a key in quotes");
	check_bad("{\"a\":}", "col 6: unexpected character");
	check_bad("{\"a\":1,}", "col 8: expected a key in quotes");
	check_bad("{\"a\":01}", "col 7: expected ',' or '}' in object");
	check_bad("{\"a\":1.}", "col 6: bad number");
	check_bad("{\"a\":.5}", "col 6: unexpected character");
	check_bad("{\"a\":+1}", "col 6: unexpected character");
	check_bad("{\"a\":1e}", "col 6: bad number");
	check_bad("{\"a\":tru}", "col 6: unexpected character");
	check_bad("{\"a\":NaN}", "col 6: unexpected character");
	check_bad("{\"a\":\"x}", "col 6: string not closed");
	check_bad("{\"a\":\"\\x\"}", "col 7: bad escape in string");
	check_bad("{\"a\":\"\\u12\"}", "col 7: bad \\u escape in string");
	check_bad("{\"a\":\"\\udc00\"}", "col 7: lone UTF-16 surrogate");
	check_bad("{\"a\":\"\\ud800x\"}", "col 7: lone UTF-16 surrogate");
	check_bad("{\"a\":\"tab\there\"}", "col 10: control character in "
	    "string");
	check_bad("{\"a\":\"\xff\"}", "col 7: invalid UTF-8");
	check_bad("{\"a\":\"\xc0\xaf\"}", "col 7: invalid UTF-8");
	check_bad("{\"a\":\"\xed\xa0\x80\"}", "col 7: invalid UTF-8");
	check_bad("{\"a\":\"\xf4\x90\x80\x80\"}", "col 7: invalid UTF-8");
	check_bad("{\"a\":\"\xe4\xb8\"}", "col 7: invalid UTF-8");
	check_bad("{\"a\":1,\"a\":2}", "col 8: duplicate key \"a\"");
	check_bad("{\"a\":1,\"\\u0061\":2}", "col 8: duplicate key \"a\"");
	check_bad("{\"o\":{\"k\":1,\"k\":2}}", "col 6: duplicate key in "
	    "object");
	check_bad("{\"o\":[1,]}", "col 9: unexpected character");
	check_bad("{\"o\":[1 2]}", "col 9: expected ',' or ']' in array");
}

static void
test_depth_and_many_keys(void)
{
	char deep[2 * CRM_REC_MAX_DEPTH + 16], *p = deep;
	crm_buf big = CRM_BUF_INIT;
	int i;

	/* The record itself is depth 1: 63 more levels are fine, 64 not. */
	p += snprintf(p, 8, "{\"a\":");
	for (i = 0; i < CRM_REC_MAX_DEPTH - 1; i++)
		*p++ = '[';
	for (i = 0; i < CRM_REC_MAX_DEPTH - 1; i++)
		*p++ = ']';
	*p++ = '}';
	*p = '\0';
	CHECK_INT(parse(deep), CRM_OK);
	p = deep;
	p += snprintf(p, 8, "{\"a\":");
	for (i = 0; i < CRM_REC_MAX_DEPTH; i++)
		*p++ = '[';
	for (i = 0; i < CRM_REC_MAX_DEPTH; i++)
		*p++ = ']';
	*p++ = '}';
	*p = '\0';
	CHECK_INT(parse(deep), CRM_EDATA);
	CHECK_HAS(err.msg, "nested too deeply");

	/* Many top-level keys go through the hash; the last must be found
	 * and a late duplicate caught. */
	crm_buf_adds(&big, "{");
	for (i = 0; i < 500; i++)
		crm_buf_printf(&big, "%s\"k%d\":%d", i ? "," : "", i, i);
	crm_buf_adds(&big, "}");
	CHECK_INT(crm_rec_parse(r, big.data, big.len, &err), CRM_OK);
	CHECK_INT(crm_rec_len(r), 500);
	CHECK_STR(crm_rec_get(r, "k499"), "499");
	CHECK_STR(crm_rec_get(r, "k17"), "17");
	big.len--;
	crm_buf_adds(&big, ",\"k250\":0}");
	CHECK_INT(crm_rec_parse(r, big.data, big.len, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "duplicate key \"k250\"");
	/* The same inside a nested object (sorted check). */
	crm_buf_reset(&big);
	crm_buf_adds(&big, "{\"o\":{");
	for (i = 0; i < 100; i++)
		crm_buf_printf(&big, "%s\"k%d\":%d", i ? "," : "", i, i);
	crm_buf_adds(&big, ",\"k7\":1}}");
	CHECK_INT(crm_rec_parse(r, big.data, big.len, &err), CRM_EDATA);
	CHECK_HAS(err.msg, "duplicate key in object");
	crm_buf_free(&big);
}

static void
test_set(void)
{
	CHECK_INT(parse("{\"id\":\"1\",\"amount\":\"2.00\"}"), CRM_OK);
	CHECK_INT(crm_rec_set_str(r, "amount", "3.50", 4, &err), CRM_OK);
	CHECK_INT(crm_rec_set_str(r, "note", "say \"hi\"\n", 9, &err), CRM_OK);
	CHECK_INT(crm_rec_set_int(r, "qty", -42, &err), CRM_OK);
	CHECK_INT(crm_rec_set_bool(r, "ok", 1, &err), CRM_OK);
	CHECK_INT(crm_rec_set_null(r, "gone", &err), CRM_OK);
	CHECK_INT(crm_rec_set_json(r, "lines", CRM_ARRAY, "[1,2]", 5, &err),
	    CRM_OK);
	CHECK_INT(crm_rec_set_json(r, "s", CRM_STRING, "\"a\\u00e9\"", 9,
	    &err), CRM_OK);
	crm_buf_reset(&out);
	CHECK_INT(crm_rec_write_json(r, &out, &err), CRM_OK);
	CHECK_STR(out.data, "{\"id\":\"1\",\"amount\":\"3.50\",\"note\":"
	    "\"say \\\"hi\\\"\\n\",\"qty\":-42,\"ok\":true,\"gone\":null,"
	    "\"lines\":[1,2],\"s\":\"a\\u00e9\"}");
	CHECK_STR(crm_rec_get(r, "note"), "say \"hi\"\n");
	CHECK_STR(crm_rec_get(r, "s"), "a\xc3\xa9");
	CHECK_INT(crm_rec_del(r, "id"), 1);
	CHECK_INT(crm_rec_del(r, "id"), 0);
	CHECK_INT(crm_rec_del(r, "gone"), 1);
	crm_buf_reset(&out);
	CHECK_INT(crm_rec_write_json(r, &out, &err), CRM_OK);
	CHECK_STR(out.data, "{\"amount\":\"3.50\",\"note\":\"say \\\"hi\\\"\\n\","
	    "\"qty\":-42,\"ok\":true,\"lines\":[1,2],\"s\":\"a\\u00e9\"}");
	/* Keys that need escaping are escaped on output. */
	crm_rec_clear(r);
	CHECK_INT(crm_rec_set_int(r, "a\"b", 1, &err), CRM_OK);
	crm_buf_reset(&out);
	CHECK_INT(crm_rec_write_json(r, &out, &err), CRM_OK);
	CHECK_STR(out.data, "{\"a\\\"b\":1}");
}

static void
test_many_sets(void)
{
	char key[16];
	int i;

	/* Past the linear limit, setting and deleting keep lookups right. */
	crm_rec_clear(r);
	for (i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "f%d", i);
		CHECK_INT(crm_rec_set_int(r, key, i, &err), CRM_OK);
	}
	CHECK_INT(crm_rec_set_int(r, "f3", 333, &err), CRM_OK);
	CHECK_INT(crm_rec_len(r), 40);
	CHECK_STR(crm_rec_get(r, "f3"), "333");
	CHECK_INT(crm_rec_del(r, "f0"), 1);
	CHECK_STR(crm_rec_get(r, "f39"), "39");
	CHECK_INT(crm_rec_find(r, "f1"), 0);
	CHECK_INT(crm_rec_find(r, "f0"), -1);
}

static void
test_fail_place(void)
{
	crm_rec_clear(r);
	crm_rec_set_place(r, "leads.jsonl", 42);
	CHECK_INT(crm_rec_fail(r, &err, CRM_EDATA, "email", "not an %s",
	    "address"), CRM_EDATA);
	CHECK_STR(err.msg, "leads.jsonl:42: email: not an address");
	CHECK_INT(err.code, CRM_EDATA);
	crm_rec_set_place(r, NULL, 0);
	crm_rec_fail(r, &err, CRM_EDATA, NULL, "bad");
	CHECK_STR(err.msg, "bad");
	crm_err_set(&err, CRM_EIO, "x");
	crm_err_prefix(&err, "%s:%d", "f", 3);
	CHECK_STR(err.msg, "f:3: x");
	CHECK_STR(crm_err_name(CRM_EBUSY), "database busy");
}

/* copy_str and need_str: the text, or why not, at the record's place. */
static void
test_copy_str(void)
{
	char buf[4];

	CHECK_INT(parse("{\"a\":\"abc\",\"b\":\"abcd\",\"n\":1,"
	    "\"e\":\"\",\"z\":null}"), CRM_OK);
	crm_rec_set_place(r, "in", 7);
	CHECK_INT(crm_rec_copy_str(r, "a", buf, sizeof(buf), &err), CRM_OK);
	CHECK_STR(buf, "abc");
	CHECK_INT(crm_rec_need_str(r, "a", buf, sizeof(buf), &err), CRM_OK);
	CHECK_STR(buf, "abc");
	CHECK_INT(crm_rec_copy_str(r, "z", buf, sizeof(buf), &err), CRM_END);
	CHECK_STR(buf, "");
	CHECK_INT(crm_rec_copy_str(r, "x", buf, sizeof(buf), &err), CRM_END);
	CHECK_INT(crm_rec_need_str(r, "z", buf, sizeof(buf), &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "in:7: z: missing");
	CHECK_INT(crm_rec_need_str(r, "x", buf, sizeof(buf), &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "in:7: x: missing");
	CHECK_INT(crm_rec_need_str(r, "b", buf, sizeof(buf), &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "in:7: b: longer than 3 bytes");
	CHECK_INT(crm_rec_need_str(r, "n", buf, sizeof(buf), &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "in:7: n: not a string");
	CHECK_INT(crm_rec_need_str(r, "e", buf, sizeof(buf), &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "in:7: e: empty");
	crm_rec_set_place(r, NULL, 0);
}

int
main(void)
{
	r = crm_rec_new();
	RUN(test_round_trip);
	RUN(test_access);
	RUN(test_bad);
	RUN(test_depth_and_many_keys);
	RUN(test_set);
	RUN(test_many_sets);
	RUN(test_fail_place);
	RUN(test_copy_str);
	crm_rec_free(r);
	crm_rec_free(NULL);
	crm_buf_free(&out);
	DONE();
}
