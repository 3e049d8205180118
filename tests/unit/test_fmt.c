/*
 * test_fmt.c - record output: JSON lines, CSV, TSV, tables, Markdown,
 * gzip, write errors, display width.
 *
 * Each case writes JSON lines given as text through crm_out into a file
 * in a temporary directory, reads the file back and compares it byte for
 * byte with the expected output written out in full.
 */
#include "t.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "crm/crm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static char dir[256];
static char path[512];

/* What the last out() did. */
static int write_rc, close_rc;
static crm_err write_err, close_err;

static void
set_path(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
}

/* The whole of path; gunzipped when gz. */
static const char *
slurp(int gz)
{
	static crm_buf got = CRM_BUF_INIT;
	char chunk[65536];
	gzFile zf = NULL;
	FILE *fp = NULL;
	int n;

	crm_buf_reset(&got);
	crm_buf_add(&got, "", 0);
	if (gz)
		zf = gzopen(path, "rb");
	else
		fp = fopen(path, "rb");
	if (zf == NULL && fp == NULL)
		return "(cannot open)";
	for (;;) {
		n = gz ? gzread(zf, chunk, sizeof(chunk)) :
		    (int)fread(chunk, 1, sizeof(chunk), fp);
		if (n <= 0)
			break;
		crm_buf_add(&got, chunk, (size_t)n);
	}
	if (gz)
		gzclose(zf);
	else
		fclose(fp);
	return got.data;
}

/* Write the JSON lines in input as records (place "in.jsonl" and the
 * line) to file name in fmt, with fields (a comma list) when not NULL.
 * Stops at the first write error, like a strict filter, and closes. */
static void
write_records(const char *name, crm_format fmt, int flags,
    const char *fields, const char *input)
{
	const char *names[16];
	char list[256], *p;
	size_t nf = 0;
	unsigned long line = 0;
	crm_rec *r = crm_rec_new();
	crm_out *o;
	crm_err err;
	const char *nl;

	write_rc = close_rc = -1;
	crm_err_clear(&write_err);
	crm_err_clear(&close_err);
	if (name[0] == '/')
		snprintf(path, sizeof(path), "%s", name);
	else
		set_path(name);
	if (crm_out_open(&o, path, fmt, flags, &err) != CRM_OK) {
		T_FAIL("crm_out_open: %s", err.msg);
		crm_rec_free(r);
		return;
	}
	if (fields != NULL) {
		snprintf(list, sizeof(list), "%s", fields);
		for (p = list; nf < ARRAY_LEN(names); ) {
			names[nf++] = p;
			if ((p = strchr(p, ',')) == NULL)
				break;
			*p++ = '\0';
		}
		if (crm_out_set_fields(o, names, nf, &err) != CRM_OK)
			T_FAIL("crm_out_set_fields: %s", err.msg);
	}
	write_rc = CRM_OK;
	for (; *input != '\0'; input = nl + 1) {
		if ((nl = strchr(input, '\n')) == NULL) {
			T_FAIL("input does not end in a newline");
			break;
		}
		line++;
		if (crm_rec_parse(r, input, (size_t)(nl - input), &err) !=
		    CRM_OK) {
			T_FAIL("line %lu: %s", line, err.msg);
			break;
		}
		crm_rec_set_place(r, "in.jsonl", line);
		if ((write_rc = crm_out_write(o, r, &write_err)) != CRM_OK)
			break;
	}
	close_rc = crm_out_close(o, &close_err);
	crm_rec_free(r);
}

/* Output of input in fmt, read back. */
static const char *
out(crm_format fmt, const char *fields, const char *input)
{
	write_records("out", fmt, 0, fields, input);
	return slurp(0);
}

static void
test_format_names(void)
{
	static const struct {
		const char *name;
		crm_format fmt;
	} ok[] = {
		{ "jsonl", CRM_FMT_JSONL }, { "json", CRM_FMT_JSONL },
		{ "ndjson", CRM_FMT_JSONL }, { "csv", CRM_FMT_CSV },
		{ "tsv", CRM_FMT_TSV }, { "table", CRM_FMT_TABLE },
		{ "md", CRM_FMT_MD }, { "markdown", CRM_FMT_MD },
		{ "html", CRM_FMT_HTML }, { "CSV", CRM_FMT_CSV },
	};
	crm_format fmt;
	crm_err err;
	size_t i;

	for (i = 0; i < ARRAY_LEN(ok); i++) {
		fmt = CRM_FMT_AUTO;
		CHECK_INT(crm_format_parse(ok[i].name, &fmt, &err), CRM_OK);
		CHECK_INT(fmt, ok[i].fmt);
	}
	CHECK_INT(crm_format_parse("xlsx", &fmt, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "unknown format 'xlsx' (jsonl, csv, tsv, table, "
	    "md, html)");
	CHECK_INT(crm_format_parse("", &fmt, &err), CRM_EUSAGE);

	CHECK_STR(crm_format_name(CRM_FMT_JSONL), "jsonl");
	CHECK_STR(crm_format_name(CRM_FMT_CSV), "csv");
	CHECK_STR(crm_format_name(CRM_FMT_TSV), "tsv");
	CHECK_STR(crm_format_name(CRM_FMT_TABLE), "table");
	CHECK_STR(crm_format_name(CRM_FMT_MD), "md");
	CHECK_STR(crm_format_name(CRM_FMT_HTML), "html");
	CHECK_STR(crm_format_name(CRM_FMT_AUTO), "auto");

	CHECK_INT(crm_format_from_name("leads.csv"), CRM_FMT_CSV);
	CHECK_INT(crm_format_from_name("LEADS.CSV.GZ"), CRM_FMT_CSV);
	CHECK_INT(crm_format_from_name("x.Tsv"), CRM_FMT_TSV);
	CHECK_INT(crm_format_from_name("x.tsv.gz"), CRM_FMT_TSV);
	CHECK_INT(crm_format_from_name("x.jsonl"), CRM_FMT_JSONL);
	CHECK_INT(crm_format_from_name("x.ndjson.gz"), CRM_FMT_JSONL);
	CHECK_INT(crm_format_from_name("dir.csv/x.json"), CRM_FMT_JSONL);
	CHECK_INT(crm_format_from_name("x.txt"), CRM_FMT_AUTO);
	CHECK_INT(crm_format_from_name("x.gz"), CRM_FMT_AUTO);
	CHECK_INT(crm_format_from_name("csv"), CRM_FMT_AUTO);
	CHECK_INT(crm_format_from_name("x.csv.gz.bak"), CRM_FMT_AUTO);
	CHECK_INT(crm_format_from_name(""), CRM_FMT_AUTO);
}

static void
test_open(void)
{
	crm_out *o = (crm_out *)&o;
	crm_err err;
	char want[600];

	set_path("h.html");
	CHECK_INT(crm_out_open(&o, path, CRM_FMT_HTML, 0, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "html output is only for reports");
	CHECK(o == NULL);
	CHECK(access(path, F_OK) != 0);
	CHECK_INT(crm_out_open(&o, path, (crm_format)42, 0, &err),
	    CRM_EUSAGE);
	CHECK(o == NULL);

	set_path("no/such/dir.jsonl");
	CHECK_INT(crm_out_open(&o, path, CRM_FMT_JSONL, 0, &err),
	    CRM_ECANTCREAT);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	CHECK_STR(err.msg, want);
	CHECK(o == NULL);

	/* AUTO is JSON lines, whatever the name says. */
	write_records("auto.csv", CRM_FMT_AUTO, 0, NULL, "{\"a\":1}\n");
	CHECK_STR(slurp(0), "{\"a\":1}\n");

	/* An existing file is truncated. */
	write_records("auto.csv", CRM_FMT_JSONL, 0, NULL, "");
	CHECK_STR(slurp(0), "");

	CHECK_INT(crm_out_close(NULL, &err), CRM_OK);
	crm_out_abort(NULL);
}

static void
test_jsonl(void)
{
	crm_out *o;
	crm_err err;
	const char *ab[] = { "a", "b", "a" };

	/* Numbers and strings pass through exactly as they came. */
	CHECK_STR(out(CRM_FMT_JSONL, NULL,
	    "{\"id\":\"A1\", \"amount\": 1234.50, \"s\": \"\\u00e9\\n\","
	    " \"n\": null, \"x\": [1, {\"k\": true}]}\n"
	    "{}\n"),
	    "{\"id\":\"A1\",\"amount\":1234.50,\"s\":\"\\u00e9\\n\",\"n\":null,"
	    "\"x\":[1,{\"k\":true}]}\n"
	    "{}\n");
	CHECK_INT(write_rc, CRM_OK);
	CHECK_INT(close_rc, CRM_OK);

	/* Fields select and order; absent ones are left out; a key that
	 * needs escaping is escaped. */
	CHECK_STR(out(CRM_FMT_JSONL, "email,id,a\"b,zz",
	    "{\"id\":\"1\",\"name\":\"Ann\",\"email\":\"ann@example.com\"}\n"
	    "{\"id\":\"2\",\"a\\\"b\":null}\n"
	    "{\"other\":1}\n"),
	    "{\"email\":\"ann@example.com\",\"id\":\"1\"}\n"
	    "{\"id\":\"2\",\"a\\\"b\":null}\n"
	    "{}\n");
	CHECK_INT(close_rc, CRM_OK);

	/* Field lists that cannot be right, and fields set too late. */
	set_path("f.jsonl");
	CHECK_INT(crm_out_open(&o, path, CRM_FMT_JSONL, 0, &err), CRM_OK);
	CHECK_INT(crm_out_set_fields(o, ab, 3, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "field 'a' is given twice");
	CHECK_INT(crm_out_set_fields(o, ab, 0, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "no output fields given");
	CHECK_INT(crm_out_set_fields(o, ab, 2, &err), CRM_OK);
	CHECK_INT(crm_out_set_fields(o, ab + 1, 1, &err), CRM_OK);
	CHECK_INT(crm_out_write_raw(o, "{\"raw\":1}\n", 10, &err), CRM_OK);
	CHECK_INT(crm_out_set_fields(o, ab, 2, &err), CRM_EINTERNAL);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	CHECK_STR(slurp(0), "{\"raw\":1}\n");

	/* Raw bytes make sense in JSON lines only. */
	set_path("raw.csv");
	CHECK_INT(crm_out_open(&o, path, CRM_FMT_CSV, 0, &err), CRM_OK);
	CHECK_INT(crm_out_write_raw(o, "x\n", 2, &err), CRM_EINTERNAL);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	CHECK_STR(slurp(0), "");
}

static void
test_csv(void)
{
	CHECK_STR(out(CRM_FMT_CSV, NULL,
	    "{\"name\":\"=SUM(A1)\",\"amount\":\"-12.50\",\"note\":\"+1\"}\n"
	    "{\"name\":\"-x\",\"amount\":\"-\",\"note\":\"@x\"}\n"
	    "{\"name\":\"a,b\",\"amount\":-1.5e3,\"note\":\"say \\\"hi\\\"\"}\n"
	    "{\"name\":\" lead\",\"amount\":\"-1e5\",\"note\":\"trail \"}\n"
	    "{\"name\":\"l1\\nl2\",\"amount\":\"\\tx\",\"note\":\"\\rz\"}\n"
	    "{\"name\":true,\"amount\":null,\"note\":[1,{\"a\":\"b\"}]}\n"
	    "{\"name\":\"-7\",\"amount\":\"+\",\"note\":{}}\n"
	    "{\"name\":\"12.\",\"amount\":\"-.5\",\"note\":\"1+1\"}\n"
	    "{\"name\":\"\",\"amount\":-3}\n"),
	    "name,amount,note\r\n"
	    "'=SUM(A1),-12.50,'+1\r\n"
	    "'-x,'-,'@x\r\n"
	    "\"a,b\",-1.5e3,\"say \"\"hi\"\"\"\r\n"
	    "\" lead\",'-1e5,\"trail \"\r\n"
	    "\"l1\nl2\",'\tx,\"'\rz\"\r\n"
	    "true,,\"[1,{\"\"a\"\":\"\"b\"\"}]\"\r\n"
	    "-7,'+,{}\r\n"
	    "12.,'-.5,1+1\r\n"
	    ",-3,\r\n");
	CHECK_INT(write_rc, CRM_OK);
	CHECK_INT(close_rc, CRM_OK);

	/* Header cells are guarded and quoted too; fields select. */
	CHECK_STR(out(CRM_FMT_CSV, "=h,name,a b ",
	    "{\"name\":\"x\",\"=h\":\"y\",\"other\":1}\n"
	    "{\"a b \":\"z\"}\n"),
	    "'=h,name,\"a b \"\r\n"
	    "y,x,\r\n"
	    ",,z\r\n");
	CHECK_INT(write_rc, CRM_OK);

	/* Missing columns are empty; a new field is an error naming the
	 * record's place, and what came before it stays written. */
	CHECK_STR(out(CRM_FMT_CSV, NULL,
	    "{\"a\":\"1\",\"b\":\"2\"}\n"
	    "{\"b\":\"3\"}\n"
	    "{\"a\":\"4\",\"c\":\"5\"}\n"
	    "{\"a\":\"6\"}\n"),
	    "a,b\r\n1,2\r\n,3\r\n");
	CHECK_INT(write_rc, CRM_EDATA);
	CHECK_STR(write_err.msg, "in.jsonl:3: c: not a column of the csv "
	    "output (the columns are the first record's fields, or "
	    "--fields)");
	CHECK_INT(close_rc, CRM_OK);

	/* Fields in another order than the columns. */
	CHECK_STR(out(CRM_FMT_CSV, NULL,
	    "{\"a\":1,\"b\":2,\"c\":3}\n"
	    "{\"c\":6,\"a\":4,\"b\":5}\n"),
	    "a,b,c\r\n1,2,3\r\n4,5,6\r\n");
}

static void
test_tsv(void)
{
	CHECK_STR(out(CRM_FMT_TSV, NULL,
	    "{\"a\\tb\":\"x\\ty\",\"c\":\"l1\\nl2\\r\",\"d\":\"back\\\\slash\"}\n"
	    "{\"c\":null}\n"
	    "{\"d\":\"=1\",\"a\\tb\":12.5}\n"),
	    "a\\tb\tc\td\n"
	    "x\\ty\tl1\\nl2\\r\tback\\\\slash\n"
	    "\t\t\n"
	    "12.5\t\t=1\n");
	CHECK_INT(close_rc, CRM_OK);
	CHECK_STR(out(CRM_FMT_TSV, NULL,
	    "{\"a\":1}\n{\"b\":2}\n"), "a\n1\n");
	CHECK_INT(write_rc, CRM_EDATA);
	CHECK_STR(write_err.msg, "in.jsonl:2: b: not a column of the tsv "
	    "output (the columns are the first record's fields, or "
	    "--fields)");
}

static void
test_table(void)
{
	/* Wide characters take two columns; numbers go right. */
	CHECK_STR(out(CRM_FMT_TABLE, NULL,
	    "{\"sku\":\"X5-LUX\",\"colour\":\"珍珠白\",\"qty\":2}\n"
	    "{\"sku\":\"A3\",\"colour\":\"silver\",\"qty\":12}\n"),
	    "sku     colour  qty\n"
	    "------  ------  ---\n"
	    "X5-LUX  珍珠白    2\n"
	    "A3      silver   12\n");

	/* Missing cells, control characters made visible, a column of
	 * numbers written both ways, one that is not all numbers, one that
	 * is all empty; no line ends in a space. */
	CHECK_STR(out(CRM_FMT_TABLE, NULL,
	    "{\"name\":\"Ann\",\"note\":\"a\\nb\",\"n\":\"1.50\",\"m\":1,"
	    "\"e\":null}\n"
	    "{\"name\":\"Bo\",\"m\":\"x\"}\n"
	    "{\"name\":\"Kim\\tLee\",\"n\":-2,\"note\":\"\\u001b[31m\"}\n"),
	    "name      note         n  m  e\n"
	    "--------  --------  ----  -  -\n"
	    "Ann       a\\nb      1.50  1\n"
	    "Bo                        x\n"
	    "Kim\\tLee  \\x1b[31m    -2\n");
	CHECK_INT(close_rc, CRM_OK);

	/* A wide header, a header wider than its numbers (right-aligned
	 * with them), JSON numbers in any form, a wide cell in the last
	 * column, combining marks and hangul. */
	CHECK_STR(out(CRM_FMT_TABLE, NULL,
	    "{\"顏色\":\"e\\u0301\",\"amount\":1e3,\"名\":\"한국\"}\n"
	    "{\"顏色\":\"ＡＢＣ\",\"amount\":\"-0.5\",\"名\":\"x\"}\n"),
	    "顏色    amount  名\n"
	    "------  ------  ----\n"
	    "e\xcc\x81          1e3  한국\n"
	    "ＡＢＣ    -0.5  x\n");

	/* A record with a new field stops the run; the rows before it are
	 * still shown by close. */
	CHECK_STR(out(CRM_FMT_TABLE, NULL,
	    "{\"a\":\"x\"}\n{\"a\":\"y\",\"b\":1}\n"),
	    "a\n-\nx\n");
	CHECK_INT(write_rc, CRM_EDATA);
	CHECK_STR(write_err.msg, "in.jsonl:2: b: not a column of the table "
	    "output (the columns are the first record's fields, or "
	    "--fields)");
	CHECK_INT(close_rc, CRM_OK);

	/* Fields select, in their order. */
	CHECK_STR(out(CRM_FMT_TABLE, "qty,sku",
	    "{\"sku\":\"A\",\"qty\":100,\"x\":1}\n"
	    "{\"sku\":\"BB\"}\n"),
	    "qty  sku\n"
	    "---  ---\n"
	    "100  A\n"
	    "     BB\n");
}

static void
test_md(void)
{
	CHECK_STR(out(CRM_FMT_MD, NULL,
	    "{\"item\":\"a|b\",\"qty\":3,\"note\":\"x\\r\\ny\"}\n"
	    "{\"item\":\"c\",\"qty\":\"4.5\",\"note\":\"z\\rw\\n\"}\n"
	    "{\"item\":\"t\\tu\\u0007\"}\n"),
	    "| item    | qty | note       |\n"
	    "| ------- | --: | ---------- |\n"
	    "| a\\|b    |   3 | x<br>y     |\n"
	    "| c       | 4.5 | z<br>w<br> |\n"
	    "| t\tu\\x07 |     |            |\n");
	CHECK_INT(close_rc, CRM_OK);
	CHECK_STR(out(CRM_FMT_MD, "a|b,n",
	    "{\"a|b\":\"珍珠白\",\"n\":\"-1\"}\n"),
	    "| a\\|b   |   n |\n"
	    "| ------ | --: |\n"
	    "| 珍珠白 |  -1 |\n");
	CHECK_STR(out(CRM_FMT_MD, NULL, "{\"a\":1}\n{\"z\":1}\n"),
	    "|   a |\n| --: |\n|   1 |\n");
	CHECK_INT(write_rc, CRM_EDATA);
	CHECK_STR(write_err.msg, "in.jsonl:2: z: not a column of the md "
	    "output (the columns are the first record's fields, or "
	    "--fields)");
}

/* No records: nothing to head unless the fields are known. */
static void
test_empty(void)
{
	CHECK_STR(out(CRM_FMT_JSONL, NULL, ""), "");
	CHECK_STR(out(CRM_FMT_CSV, NULL, ""), "");
	CHECK_STR(out(CRM_FMT_TSV, NULL, ""), "");
	CHECK_STR(out(CRM_FMT_TABLE, NULL, ""), "");
	CHECK_STR(out(CRM_FMT_MD, NULL, ""), "");
	CHECK_INT(close_rc, CRM_OK);

	CHECK_STR(out(CRM_FMT_JSONL, "a,b", ""), "");
	CHECK_STR(out(CRM_FMT_CSV, "a,b", ""), "a,b\r\n");
	CHECK_STR(out(CRM_FMT_TSV, "a,b", ""), "a\tb\n");
	CHECK_STR(out(CRM_FMT_TABLE, "a,bb", ""), "a  bb\n-  --\n");
	CHECK_STR(out(CRM_FMT_MD, "a,b", ""), "| a   | b   |\n| --- | --- |\n");
	CHECK_INT(close_rc, CRM_OK);
}

static void
test_width(void)
{
	CHECK_INT(crm_text_width("", 0), 0);
	CHECK_INT(crm_text_width("abc", 3), 3);
	CHECK_INT(crm_text_width("珍珠白", strlen("珍珠白")), 6);
	CHECK_INT(crm_text_width("珍珠白", 3), 2);
	CHECK_INT(crm_text_width("\xc3\xa9", 2), 1);            /* é */
	CHECK_INT(crm_text_width("e\xcc\x81", 3), 1);           /* e + U+0301 */
	CHECK_INT(crm_text_width("a\xe2\x80\x8b" "b", 5), 2);   /* U+200B */
	CHECK_INT(crm_text_width("\xe2\x80\x8f", 3), 0);        /* U+200F */
	CHECK_INT(crm_text_width("\xe2\x80\x90", 3), 1);        /* U+2010 */
	CHECK_INT(crm_text_width("ＡＢ", strlen("ＡＢ")), 4);   /* U+FF21 */
	CHECK_INT(crm_text_width("\xef\xbc\x81", 3), 2);        /* U+FF01 */
	CHECK_INT(crm_text_width("\xef\xbd\xa0", 3), 2);        /* U+FF60 */
	CHECK_INT(crm_text_width("\xef\xbd\xa1", 3), 1);        /* U+FF61 */
	CHECK_INT(crm_text_width("\xef\xbf\xa6", 3), 2);        /* U+FFE6 */
	CHECK_INT(crm_text_width("\xef\xbf\xa8", 3), 1);        /* U+FFE8 */
	CHECK_INT(crm_text_width("あア", strlen("あア")), 4);
	CHECK_INT(crm_text_width("한국", strlen("한국")), 4);
	CHECK_INT(crm_text_width("\xe3\x80\x80", 3), 2);        /* U+3000 */
	CHECK_INT(crm_text_width("\xe3\x80\xbf", 3), 2);        /* U+303F */
	CHECK_INT(crm_text_width("\xe3\x90\x80", 3), 2);        /* U+3400 */
	CHECK_INT(crm_text_width("\xf0\xa0\x80\x80", 4), 2);    /* U+20000 */
	CHECK_INT(crm_text_width("\xf0\x9f\x98\x80", 4), 2);    /* U+1F600 */
	CHECK_INT(crm_text_width("\xf0\x9f\xa4\xaf", 4), 2);    /* U+1F92F */
	CHECK_INT(crm_text_width("\xf0\x9f\x9a\x80", 4), 1);    /* U+1F680 */
	/* Invalid UTF-8: one column a byte. */
	CHECK_INT(crm_text_width("\xff\xfe", 2), 2);
	CHECK_INT(crm_text_width("\xe7\x8f", 2), 2);            /* cut short */
	CHECK_INT(crm_text_width("\xc0\xaf", 2), 2);            /* overlong */
	CHECK_INT(crm_text_width("\xe0\x80\xaf", 3), 3);        /* overlong */
	CHECK_INT(crm_text_width("\xed\xa0\x80", 3), 3);        /* surrogate */
	CHECK_INT(crm_text_width("\xf4\x90\x80\x80", 4), 4);    /* > U+10FFFF */
	CHECK_INT(crm_text_width("\xe7" "a", 2), 2);
}

static void
test_gzip(void)
{
	unsigned char magic[2] = { 0, 0 };
	FILE *fp;

	write_records("z.out", CRM_FMT_JSONL, CRM_OUT_GZIP, NULL,
	    "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
	CHECK_INT(close_rc, CRM_OK);
	CHECK_STR(slurp(1), "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
	fp = fopen(path, "rb");
	CHECK(fp != NULL && fread(magic, 1, 2, fp) == 2);
	if (fp != NULL)
		fclose(fp);
	CHECK(magic[0] == 0x1f && magic[1] == 0x8b);

	/* A .gz name implies gzip, whatever the case. */
	write_records("z.csv.GZ", CRM_FMT_CSV, 0, NULL,
	    "{\"a\":\"=1\"}\n");
	CHECK_INT(close_rc, CRM_OK);
	CHECK_STR(slurp(1), "a\r\n'=1\r\n");
	fp = fopen(path, "rb");
	CHECK(fp != NULL && fread(magic, 1, 2, fp) == 2);
	if (fp != NULL)
		fclose(fp);
	CHECK(magic[0] == 0x1f && magic[1] == 0x8b);

	write_records("z.md.gz", CRM_FMT_MD, 0, NULL, "{\"a\":1}\n");
	CHECK_STR(slurp(1), "|   a |\n| --: |\n|   1 |\n");

	/* Nothing written is still a valid (empty) gzip file. */
	write_records("e.gz", CRM_FMT_JSONL, 0, NULL, "");
	CHECK_INT(close_rc, CRM_OK);
	CHECK_STR(slurp(1), "");
}

/* Many records: the buffer is written out many times, in order. */
static void
test_big(void)
{
	crm_buf in = CRM_BUF_INIT, want = CRM_BUF_INIT, raw = CRM_BUF_INIT;
	crm_out *o;
	crm_err err;
	int i;

	for (i = 0; i < 40000; i++)
		crm_buf_printf(&in, "{\"i\":%d,\"s\":\"row %d of many\"}\n",
		    i, i);
	write_records("big.jsonl", CRM_FMT_JSONL, 0, NULL, in.data);
	CHECK_INT(write_rc, CRM_OK);
	CHECK_INT(close_rc, CRM_OK);
	CHECK(strcmp(slurp(0), in.data) == 0);

	crm_buf_adds(&want, "i,s\r\n");
	for (i = 0; i < 40000; i++)
		crm_buf_printf(&want, "%d,row %d of many\r\n", i, i);
	write_records("big.csv.gz", CRM_FMT_CSV, 0, NULL, in.data);
	CHECK_INT(close_rc, CRM_OK);
	CHECK(strcmp(slurp(1), want.data) == 0);

	/* Raw bytes, small and larger than the buffer, in order. */
	for (i = 0; i < 30000; i++)
		crm_buf_printf(&raw, "{\"raw\":%d}\n", i);
	set_path("raw.jsonl");
	CHECK_INT(crm_out_open(&o, path, CRM_FMT_JSONL, 0, &err), CRM_OK);
	CHECK_INT(crm_out_write_raw(o, "{\"a\":1}\n", 8, &err), CRM_OK);
	CHECK_INT(crm_out_write_raw(o, raw.data, raw.len, &err), CRM_OK);
	CHECK_INT(crm_out_write_raw(o, "{\"b\":2}\n", 8, &err), CRM_OK);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	crm_buf_reset(&want);
	crm_buf_adds(&want, "{\"a\":1}\n");
	crm_buf_add(&want, raw.data, raw.len);
	crm_buf_adds(&want, "{\"b\":2}\n");
	CHECK(strcmp(slurp(0), want.data) == 0);

	crm_buf_free(&in);
	crm_buf_free(&want);
	crm_buf_free(&raw);
}

/* A full disk is an error, found at the latest by close. */
static void
test_full(void)
{
	static const crm_format fmts[] = { CRM_FMT_JSONL, CRM_FMT_CSV,
	    CRM_FMT_TSV, CRM_FMT_TABLE, CRM_FMT_MD };
	crm_rec *r = crm_rec_new();
	const char *line;
	crm_out *o;
	crm_err err;
	size_t i;
	int rc = CRM_OK, n;

	if (access("/dev/full", W_OK) != 0) {
		T_FAIL("no /dev/full: write errors not tested");
		crm_rec_free(r);
		return;
	}
	for (i = 0; i < ARRAY_LEN(fmts); i++) {
		write_records("/dev/full", fmts[i], 0, NULL, "{\"id\":\"1\"}\n");
		CHECK_INT(write_rc, CRM_OK);
		CHECK_INT(close_rc, CRM_EIO);
		CHECK_STR(close_err.msg, "/dev/full: No space left on device");
		write_records("/dev/full", fmts[i], CRM_OUT_GZIP, NULL,
		    "{\"id\":\"1\"}\n");
		CHECK_INT(close_rc, CRM_EIO);
		CHECK_STR(close_err.msg, "/dev/full: No space left on device");
	}

	/* Streaming: a write fails once the buffer has been written out,
	 * and every later write and close say so. */
	line = "{\"s\":\"a line long enough to fill the buffer in a few "
	    "thousand records\"}";
	crm_rec_parse(r, line, strlen(line), &err);
	CHECK_INT(crm_out_open(&o, "/dev/full", CRM_FMT_JSONL, 0, &err),
	    CRM_OK);
	for (n = 0; n < 100000; n++)
		if ((rc = crm_out_write(o, r, &err)) != CRM_OK)
			break;
	CHECK_INT(rc, CRM_EIO);
	CHECK(n < 10000);
	CHECK_STR(err.msg, "/dev/full: No space left on device");
	CHECK_INT(crm_out_write(o, r, &err), CRM_EIO);
	CHECK_INT(crm_out_write_raw(o, "x", 1, &err), CRM_EIO);
	crm_err_clear(&err);
	CHECK_INT(crm_out_close(o, &err), CRM_EIO);
	CHECK_STR(err.msg, "/dev/full: No space left on device");

	/* Abort after an error: nothing left open or allocated. */
	CHECK_INT(crm_out_open(&o, "/dev/full", CRM_FMT_CSV, CRM_OUT_GZIP,
	    &err), CRM_OK);
	CHECK_INT(crm_out_write(o, r, &err), CRM_OK);
	crm_out_abort(o);
	crm_rec_free(r);
}

/* NULL and "-" are standard output, which stays open after close. */
static void
test_stdout(void)
{
	crm_rec *r = crm_rec_new();
	crm_out *o;
	crm_err err;
	int saved, fd;

	fflush(stdout);
	saved = dup(1);
	set_path("stdout");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (saved < 0 || fd < 0 || dup2(fd, 1) < 0) {
		T_FAIL("cannot redirect standard output");
		crm_rec_free(r);
		return;
	}
	close(fd);
	crm_rec_parse(r, "{\"a\":1}", 7, &err);
	CHECK_INT(crm_out_open(&o, NULL, CRM_FMT_JSONL, 0, &err), CRM_OK);
	CHECK_INT(crm_out_write(o, r, &err), CRM_OK);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	CHECK(fcntl(1, F_GETFD) != -1);
	CHECK_INT(crm_out_open(&o, "-", CRM_FMT_CSV, 0, &err), CRM_OK);
	CHECK_INT(crm_out_write(o, r, &err), CRM_OK);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	CHECK(fcntl(1, F_GETFD) != -1);
	dup2(saved, 1);
	close(saved);
	CHECK_STR(slurp(0), "{\"a\":1}\na\r\n1\r\n");

	/* gzip on standard output: zlib closes its own copy only. */
	fflush(stdout);
	saved = dup(1);
	set_path("stdout.gz");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (saved < 0 || fd < 0 || dup2(fd, 1) < 0) {
		T_FAIL("cannot redirect standard output");
		crm_rec_free(r);
		return;
	}
	close(fd);
	CHECK_INT(crm_out_open(&o, "-", CRM_FMT_JSONL, CRM_OUT_GZIP, &err),
	    CRM_OK);
	CHECK_INT(crm_out_write(o, r, &err), CRM_OK);
	CHECK_INT(crm_out_close(o, &err), CRM_OK);
	CHECK(fcntl(1, F_GETFD) != -1);
	dup2(saved, 1);
	close(saved);
	CHECK_STR(slurp(1), "{\"a\":1}\n");
	crm_rec_free(r);
}

static void
remove_dir(void)
{
	static const char *const names[] = { "auto.csv", "f.jsonl",
	    "raw.csv", "out", "z.out", "z.csv.GZ", "z.md.gz", "e.gz",
	    "big.jsonl", "big.csv.gz", "raw.jsonl", "stdout", "stdout.gz" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++) {
		set_path(names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/crm-test-fmt-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 1;
	}
	RUN(test_format_names);
	RUN(test_open);
	RUN(test_jsonl);
	RUN(test_csv);
	RUN(test_tsv);
	RUN(test_table);
	RUN(test_md);
	RUN(test_empty);
	RUN(test_width);
	RUN(test_gzip);
	RUN(test_big);
	RUN(test_full);
	RUN(test_stdout);
	remove_dir();
	DONE();
}
