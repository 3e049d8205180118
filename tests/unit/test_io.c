/*
 * test_io.c - the record reader: JSON lines, CSV, TSV, gzip, bad input.
 *
 * Each case writes a file, reads every record and describes what came
 * out, one line per record: the line number and the JSON, or "E" and the
 * error message; the description is compared as a whole.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-io-XXXXXX";
static char path[256];

static void
write_file(const char *name, const char *data, size_t n)
{
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
}

static void
write_gz(const char *name, const char *data, size_t n)
{
	gzFile gz;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	gz = gzopen(path, "wb");
	gzwrite(gz, data, (unsigned)n);
	gzclose(gz);
}

/* Read path in fmt and describe every record or error. */
static const char *
read_all(crm_format fmt, size_t max_line)
{
	static crm_buf desc = CRM_BUF_INIT;
	crm_buf json = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new();
	crm_in *in;
	crm_err err;
	int rc;

	crm_buf_reset(&desc);
	crm_buf_adds(&desc, "");
	if ((rc = crm_in_open(&in, path, fmt, &err)) != CRM_OK) {
		crm_buf_printf(&desc, "open %d: %s\n", rc, err.msg);
		crm_rec_free(r);
		return desc.data;
	}
	if (max_line)
		crm_in_set_max_line(in, max_line);
	while ((rc = crm_in_read(in, r, &err)) != CRM_END) {
		if (rc == CRM_OK) {
			crm_buf_reset(&json);
			crm_rec_write_json(r, &json, &err);
			crm_buf_printf(&desc, "%lu %s\n", crm_in_line(in),
			    json.data);
		} else {
			crm_buf_printf(&desc, "E%d %s\n", rc, err.msg);
			if (rc != CRM_EDATA || crm_in_failed(in))
				break;
		}
	}
	crm_buf_printf(&desc, "count %lu\n", crm_in_count(in));
	crm_in_close(in);
	crm_rec_free(r);
	crm_buf_free(&json);
	return desc.data;
}

#define FILE_S(name, s) write_file(name, s, sizeof(s) - 1)

static void
test_jsonl(void)
{
	char want[512];

	FILE_S("a.jsonl", "\xEF\xBB\xBF{\"a\":1}\r\n\n  \n{\"b\" : \"x\"}\n"
	    "{\"c\":[1, 2]}");
	snprintf(want, sizeof(want), "1 {\"a\":1}\n4 {\"b\":\"x\"}\n"
	    "5 {\"c\":[1,2]}\ncount 3\n");
	CHECK_STR(read_all(CRM_FMT_AUTO, 0), want);

	/* Bad lines are reported with file and line, and reading goes on. */
	FILE_S("b.jsonl", "{\"a\":1}\n[2]\n{\"a\":\x00}\n{\"a\":\"\xff\"}\n"
	    "{\"a\":1,\"a\":2}\n{\"ok\":true}\n");
	snprintf(want, sizeof(want),
	    "1 {\"a\":1}\n"
	    "E65 %s/b.jsonl:2: col 1: not an object but an array\n"
	    "E65 %s/b.jsonl:3: col 6: NUL byte\n"
	    "E65 %s/b.jsonl:4: col 7: invalid UTF-8\n"
	    "E65 %s/b.jsonl:5: col 8: duplicate key \"a\"\n"
	    "6 {\"ok\":true}\ncount 6\n", dir, dir, dir, dir);
	CHECK_STR(read_all(CRM_FMT_JSONL, 0), want);

	/* A line over the limit is an error of its own; the next is read. */
	FILE_S("c.jsonl", "{\"a\":\"0123456789\"}\n{\"b\":1}\n"
	    "{\"a\":\"0123456789012345678901234567890123456789\"}");
	snprintf(want, sizeof(want),
	    "E65 %s/c.jsonl:1: line longer than 16 bytes\n"
	    "2 {\"b\":1}\n"
	    "E65 %s/c.jsonl:3: line longer than 16 bytes\ncount 3\n", dir, dir);
	CHECK_STR(read_all(CRM_FMT_JSONL, 16), want);

	FILE_S("empty.jsonl", "");
	CHECK_STR(read_all(CRM_FMT_JSONL, 0), "count 0\n");
}

static void
test_long_lines(void)
{
	/* Lines far longer than the read buffer, and a huge line skipped
	 * without holding it in memory. */
	size_t big = 3 * 1024 * 1024, i;
	char *s = malloc(big + 64);
	const char *got;
	char want[128];

	memcpy(s, "{\"a\":\"", 6);
	for (i = 6; i < 600000; i++)
		s[i] = 'x';
	memcpy(s + i, "\"}\n", 3);
	i += 3;
	memcpy(s + i, "{\"a\":\"", 6);
	for (i += 6; i < big; i++)
		s[i] = 'y';
	memcpy(s + i, "\"}\n{\"z\":0}\n", 11);
	write_file("long.jsonl", s, big + 11);
	got = read_all(CRM_FMT_JSONL, 0);
	snprintf(want, sizeof(want), "E65 %s/long.jsonl:2: line longer than "
	    "1048576 bytes\n3 {\"z\":0}\ncount 3\n", dir);
	CHECK(strncmp(got, "1 {\"a\":\"xxxx", 12) == 0);
	CHECK_STR(strstr(got, "\"}\n") + 3, want);
	free(s);
}

static void
test_gzip(void)
{
	static const char two[] = "{\"a\":1}\n{\"b\":2}\n";
	char want[256];
	FILE *fp;
	crm_buf both = CRM_BUF_INIT;

	write_gz("g.jsonl.gz", two, sizeof(two) - 1);
	CHECK_STR(read_all(CRM_FMT_AUTO, 0),
	    "1 {\"a\":1}\n2 {\"b\":2}\ncount 2\n");
	/* Detected by the magic bytes, not the name; members concatenated
	 * like `cat a.gz b.gz` are read one after the other. */
	write_gz("m1", two, sizeof(two) - 1);
	fp = fopen(path, "rb");
	crm_buf_reserve(&both, 4096);
	both.len = fread(both.data, 1, 4096, fp);
	fclose(fp);
	crm_buf_add(&both, both.data, both.len);
	write_file("twice.data", both.data, both.len);
	CHECK_STR(read_all(CRM_FMT_JSONL, 0), "1 {\"a\":1}\n2 {\"b\":2}\n"
	    "3 {\"a\":1}\n4 {\"b\":2}\ncount 4\n");
	/* Cut short: an I/O error after the records that were whole. */
	write_file("cut.gz", both.data, both.len / 2 - 4);
	snprintf(want, sizeof(want), "1 {\"a\":1}\n2 {\"b\":2}\n"
	    "E74 %s/cut.gz: gzip data cut short\ncount 2\n", dir);
	CHECK_STR(read_all(CRM_FMT_JSONL, 0), want);
	/* Corrupt: not one bad record, the rest is unreadable. */
	both.data[12] ^= 0x55;
	both.data[13] ^= 0x55;
	write_file("bad.gz", both.data, both.len);
	CHECK_HAS(read_all(CRM_FMT_JSONL, 0), "E74 ");
	crm_buf_free(&both);
}

static void
test_csv(void)
{
	char want[1024];

	FILE_S("a.csv", "\xEF\xBB\xBFInvoiceNo,Customer ID,UnitPrice,"
	    "deal-stage,Note\r\n"
	    "536365,17850,2.55,Won,plain\r\n"
	    "\"C1\",\"a \"\"b\"\", c\",,\"\",\"two\r\nlines\"\r\n"
	    "\r\n"
	    "3,珍珠白,-0.50,x,\r\n"
	    "4, spaced ,=1+2,\"\"\"\",end");
	CHECK_STR(read_all(CRM_FMT_AUTO, 0),
	    "2 {\"invoice_no\":\"536365\",\"customer_id\":\"17850\","
	    "\"unit_price\":\"2.55\",\"deal_stage\":\"Won\","
	    "\"note\":\"plain\"}\n"
	    "3 {\"invoice_no\":\"C1\",\"customer_id\":\"a \\\"b\\\", c\","
	    "\"note\":\"two\\nlines\"}\n"
	    "6 {\"invoice_no\":\"3\",\"customer_id\":\"珍珠白\","
	    "\"unit_price\":\"-0.50\",\"deal_stage\":\"x\"}\n"
	    "7 {\"invoice_no\":\"4\",\"customer_id\":\" spaced \","
	    "\"unit_price\":\"=1+2\",\"deal_stage\":\"\\\"\","
	    "\"note\":\"end\"}\n"
	    "count 4\n");

	/* Bad rows are errors of their own; the reader goes on. */
	FILE_S("b.csv", "a,b\n1,2\n1,2,3\n1\nx\"y,2\n\"q\"z,2\n\"\xff\",1\n"
	    "5,6\n\"open,1\n");
	snprintf(want, sizeof(want),
	    "2 {\"a\":\"1\",\"b\":\"2\"}\n"
	    "E65 %s/b.csv:3: 3 cells, but the header has 2 columns\n"
	    "E65 %s/b.csv:4: 1 cells, but the header has 2 columns\n"
	    "E65 %s/b.csv:5: col 2: quote inside an unquoted cell\n"
	    "E65 %s/b.csv:6: col 4: text after a closing quote\n"
	    "E65 %s/b.csv:7: col 2: invalid UTF-8\n"
	    "8 {\"a\":\"5\",\"b\":\"6\"}\n"
	    "E65 %s/b.csv:9: quote not closed at the end of the file\n"
	    "count 8\n", dir, dir, dir, dir, dir, dir);
	CHECK_STR(read_all(CRM_FMT_CSV, 0), want);

	/* A bad header: no row can be read, so the reader stops. */
	FILE_S("c.csv", "Customer ID,customer_id\n1,2\n");
	snprintf(want, sizeof(want), "E65 %s/c.csv:1: header: column 2: "
	    "name \"customer_id\" given twice\ncount 1\n", dir);
	CHECK_STR(read_all(CRM_FMT_CSV, 0), want);
	FILE_S("d.csv", "a,,c\n1,2,3\n");
	snprintf(want, sizeof(want), "E65 %s/d.csv:1: header: column 2 has "
	    "no name\ncount 1\n", dir);
	CHECK_STR(read_all(CRM_FMT_CSV, 0), want);
	FILE_S("e.csv", "");
	CHECK_STR(read_all(CRM_FMT_CSV, 0), "count 0\n");

	/* A record may not grow past the limit (a quote left open). */
	FILE_S("f.csv", "a\n\"x\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n");
	snprintf(want, sizeof(want), "E65 %s/f.csv:2: record longer than 16 "
	    "bytes (a quote left open?)\n", dir);
	CHECK(strncmp(read_all(CRM_FMT_CSV, 16), want, strlen(want)) == 0);
}

static void
test_tsv(void)
{
	FILE_S("a.tsv", "Sku\tName\tqty\nA1\tx\\ty\\\\z\\n\t3\nB2\t\t\n");
	CHECK_STR(read_all(CRM_FMT_AUTO, 0),
	    "2 {\"sku\":\"A1\",\"name\":\"x\\ty\\\\z\\n\",\"qty\":\"3\"}\n"
	    "3 {\"sku\":\"B2\"}\ncount 2\n");
}

static void
test_open(void)
{
	char want[512];

	snprintf(path, sizeof(path), "%s/missing.jsonl", dir);
	snprintf(want, sizeof(want), "open 66: %s: No such file or "
	    "directory\n", path);
	CHECK_STR(read_all(CRM_FMT_AUTO, 0), want);
	FILE_S("x.jsonl", "{}\n");
	CHECK_STR(read_all(CRM_FMT_TABLE, 0), "open 64: table is not an "
	    "input format\n");
	CHECK_INT(crm_format_from_name("a.CSV.gz"), CRM_FMT_CSV);
	CHECK_INT(crm_format_from_name("a.tsv"), CRM_FMT_TSV);
	CHECK_INT(crm_format_from_name("a.ndjson"), CRM_FMT_JSONL);
	CHECK_INT(crm_format_from_name("a.txt"), CRM_FMT_AUTO);
}

static void
test_snake_case(void)
{
	/* Through the reader, as users meet it. */
	FILE_S("h.csv", "InvoiceNo,CustomerID,HTTPServer,  Unit Price ,"
	    "close_value,a--b,x2Y,名前\n1,2,3,4,5,6,7,8\n");
	CHECK_STR(read_all(CRM_FMT_CSV, 0),
	    "2 {\"invoice_no\":\"1\",\"customer_id\":\"2\","
	    "\"http_server\":\"3\",\"unit_price\":\"4\",\"close_value\":\"5\","
	    "\"a_b\":\"6\",\"x2_y\":\"7\",\"名前\":\"8\"}\ncount 1\n");
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_jsonl);
	RUN(test_long_lines);
	RUN(test_gzip);
	RUN(test_csv);
	RUN(test_tsv);
	RUN(test_open);
	RUN(test_snake_case);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		T_FAIL("cannot remove %s", dir);
	DONE();
}
