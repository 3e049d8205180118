/*
 * test_demand.c - from forecast to demand plan: adjustments (each
 * operation, file order, the clamp at zero, every refusal with its
 * message and the rows unchanged after it, the strict file load), the
 * hierarchy (hand-checked roundings where regions need mending, top
 * down by history, and on random tables every parent the exact sum of
 * its children at 0 and 2 decimals), and the weekly plan (a 31-day month
 * from a Thursday, ISO week 53, a quarter, weeks, days, the horizon,
 * zero and fractional forecasts).
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"
#include "t.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const keys2[] = { "sku", "region" };
static const char *const bounds80[] = { "lo80", "hi80" };

/* Row i of rows as one JSON line (a static buffer). */
static const char *
row_json(const crm_demand_rows *rows, size_t i)
{
	static char text[4096];
	crm_buf b = CRM_BUF_INIT;
	crm_rec *r = crm_rec_new();
	crm_err err;

	text[0] = '\0';
	if (crm_demand_rows_write(rows, i, r, &err) != CRM_OK ||
	    crm_rec_write_json(r, &b, &err) != CRM_OK)
		T_FAIL("row_json: %s", err.msg);
	else
		snprintf(text, sizeof(text), "%s", b.data);
	crm_buf_free(&b);
	crm_rec_free(r);
	return text;
}

/* Every row, one JSON line each; malloc'd. */
static char *
rows_text(const crm_demand_rows *rows)
{
	crm_buf b = CRM_BUF_INIT;
	size_t i;

	for (i = 0; i < crm_demand_rows_count(rows); i++) {
		crm_buf_adds(&b, row_json(rows, i));
		crm_buf_addc(&b, '\n');
	}
	crm_buf_addc(&b, '\0');
	return b.data;
}

static crm_demand_rows *
sample_rows(int flags)
{
	static const char *const a_n[] = { "A", "North" };
	static const char *const b_s[] = { "B", "South" };
	static const char *const num[] = { "123", "East" };
	const double b1[] = { 80, 120 }, b2[] = { 30, 70 }, b3[] = { -5, 25 };
	crm_demand_rows *rows = NULL;
	crm_err err;

	if (crm_demand_rows_new(keys2, 2, bounds80, 2, flags, &rows, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, a_n, "2026-11", 100, b1, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, a_n, "2026-12", 50, b2, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, b_s, "2026-11", 10, b3, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, num, "2026-11", 0, b3, &err) != CRM_OK)
		T_FAIL("sample_rows: %s", err.msg);
	return rows;
}

/* Apply the adjustment record text (line 3 of adjust.jsonl). */
static int
adjust(crm_demand_rows *rows, const char *text, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	int rc;

	if ((rc = crm_rec_parse(r, text, strlen(text), err)) == CRM_OK) {
		crm_rec_set_place(r, "adjust.jsonl", 3);
		rc = crm_demand_adjust(rows, r, err);
	}
	crm_rec_free(r);
	return rc;
}

static void
test_rows(void)
{
	static const char *const dup[] = { "sku", "sku" };
	static const char *const own[] = { "sku", "period" };
	static const char *const a_n[] = { "A", "North" };
	const double b[] = { 1, 2 };
	crm_demand_rows *rows = NULL;
	crm_rec *r = crm_rec_new();
	size_t i = 99;
	crm_err err;

	CHECK_INT(crm_demand_rows_new(dup, 2, NULL, 0, 0, &rows, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "sku: given twice");
	CHECK_INT(crm_demand_rows_new(own, 2, NULL, 0, 0, &rows, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "period: a field of the row itself, not a key or "
	    "bound");
	CHECK_INT(crm_demand_rows_new(keys2, 2, keys2, 1, 0, &rows, &err),
	    CRM_EUSAGE);
	CHECK_STR(err.msg, "sku: given twice");
	CHECK(rows == NULL);

	rows = sample_rows(0);
	CHECK_INT(crm_demand_rows_add(rows, a_n, "2026-11", 1, b, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "period: 2026-11 given twice for one key");
	CHECK_INT(crm_demand_rows_add(rows, a_n, "2026-13", 1, b, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "period: no such month");
	CHECK_INT(crm_demand_rows_add(rows, a_n, "2027-01", NAN, b, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "forecast: out of range");
	CHECK_INT(crm_demand_rows_add(rows, a_n, "2027-01", 1e15, b, &err),
	    CRM_EDATA);
	CHECK_INT(crm_demand_rows_count(rows), 4);

	CHECK_INT(crm_demand_rows_find(rows, a_n, "2026-12", &i, &err),
	    CRM_OK);
	CHECK_INT(i, 1);
	CHECK_INT(crm_demand_rows_find(rows, a_n, "2027-01", &i, &err),
	    CRM_END);
	CHECK_INT(crm_demand_rows_find(rows, a_n, "2026-1", &i, &err),
	    CRM_EDATA);

	/* A row with a negative statistical bound, no adjustment: the bound
	 * is 0 all the same. */
	CHECK_STR(row_json(rows, 2), "{\"sku\":\"B\",\"region\":\"South\","
	    "\"period\":\"2026-11\",\"forecast\":10,\"lo80\":0,\"hi80\":25,"
	    "\"statistical\":10,\"adjustments\":[]}");

	/* From records: numbers as strings or numbers, a number as key. */
	crm_rec_set_place(r, "f.jsonl", 7);
#define ADD_REC(text) (crm_rec_parse(r, text, strlen(text), &err) == CRM_OK ? \
	crm_demand_rows_add_rec(rows, r, &err) : -1)
	CHECK_INT(ADD_REC("{\"sku\":7,\"region\":\"N\",\"period\":\"2026-W05\","
	    "\"forecast\":\"12.5\",\"lo80\":10,\"hi80\":\"15\","
	    "\"method\":\"ses\"}"), CRM_OK);
	CHECK_STR(row_json(rows, 4), "{\"sku\":\"7\",\"region\":\"N\","
	    "\"period\":\"2026-W05\",\"forecast\":12.5,\"lo80\":10,"
	    "\"hi80\":15,\"statistical\":12.5,\"adjustments\":[]}");
	CHECK_INT(ADD_REC("{\"sku\":7,\"region\":\"N\",\"period\":\"2026-W06\","
	    "\"forecast\":1,\"lo80\":1}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: hi80: missing");
	CHECK_INT(ADD_REC("{\"sku\":7,\"region\":\"N\",\"period\":\"2026-W06\","
	    "\"lo80\":1,\"hi80\":2}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: forecast: missing");
	CHECK_INT(ADD_REC("{\"sku\":7,\"region\":\"N\",\"period\":\"2026-W06\","
	    "\"forecast\":\"1,5\",\"lo80\":1,\"hi80\":2}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: forecast: not a number");
	CHECK_INT(ADD_REC("{\"sku\":7,\"region\":\"N\",\"period\":\"2026-W05\","
	    "\"forecast\":1,\"lo80\":1,\"hi80\":2}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: period: 2026-W05 given twice for one "
	    "key");
	CHECK_INT(ADD_REC("{\"sku\":[7],\"region\":\"N\",\"period\":"
	    "\"2026-W06\",\"forecast\":1,\"lo80\":1,\"hi80\":2}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: sku: not a string or number");
	CHECK_INT(ADD_REC("{\"sku\":7,\"period\":\"2026-W06\",\"forecast\":1,"
	    "\"lo80\":1,\"hi80\":2}"), CRM_EDATA);
	CHECK_STR(err.msg, "f.jsonl:7: region: missing");
#undef ADD_REC
	CHECK_INT(crm_demand_rows_count(rows), 5);
	crm_demand_rows_free(rows);
	crm_rec_free(r);
	crm_demand_rows_free(NULL);
}

static void
test_ops(void)
{
	crm_demand_rows *rows = sample_rows(0);
	const crm_demand_row *row;
	crm_err err;

	/* set 150: +50, bounds shifted; add 10; multiply 1.5: bounds
	 * scaled.  100 -> 150 -> 160 -> 240; lo 80 -> 130 -> 140 -> 210,
	 * hi 120 -> 170 -> 180 -> 270. */
	CHECK_INT(adjust(rows, "{\"sku\":\"A\",\"region\":\"North\","
	    "\"period\":\"2026-11\",\"op\":\"set\",\"value\":\"150\","
	    "\"author\":\"li\",\"reason\":\"trade fair order\"}", &err),
	    CRM_OK);
	CHECK_INT(adjust(rows, "{\"sku\":\"A\",\"region\":\"North\","
	    "\"period\":\"2026-11\",\"op\":\"add\",\"value\":10,"
	    "\"author\":\"wang\",\"reason\":\"dealer stock-up\"}", &err),
	    CRM_OK);
	CHECK_INT(adjust(rows, "{\"reason\":\"promotion\",\"author\":\"li\","
	    "\"value\":1.50,\"op\":\"multiply\",\"period\":\"2026-11\","
	    "\"region\":\"North\",\"sku\":\"A\"}", &err), CRM_OK);
	CHECK_STR(row_json(rows, 0), "{\"sku\":\"A\",\"region\":\"North\","
	    "\"period\":\"2026-11\",\"forecast\":240,\"lo80\":210,"
	    "\"hi80\":270,\"statistical\":100,\"adjustments\":["
	    "{\"op\":\"set\",\"value\":\"150\",\"after\":150,\"author\":"
	    "\"li\",\"reason\":\"trade fair order\"},"
	    "{\"op\":\"add\",\"value\":\"10\",\"after\":160,\"author\":"
	    "\"wang\",\"reason\":\"dealer stock-up\"},"
	    "{\"op\":\"multiply\",\"value\":\"1.50\",\"after\":240,"
	    "\"author\":\"li\",\"reason\":\"promotion\"}]}");
	row = crm_demand_rows_at(rows, 0);
	CHECK_INT(row->nsteps, 3);
	CHECK_STR(row->steps[2].file, "adjust.jsonl");
	CHECK_INT(row->steps[2].line, 3);
	CHECK(row->stat == 100 && row->final == 240 && !row->clamped);
	CHECK(row->stat_bounds[0] == 80 && row->bounds[0] == 210);

	/* Undo takes the last step back. */
	CHECK_INT(crm_demand_rows_undo(rows, 0), CRM_OK);
	CHECK(row->final == 160 && row->bounds[1] == 180);
	CHECK_INT(crm_demand_rows_undo(rows, 0), CRM_OK);
	CHECK_INT(crm_demand_rows_undo(rows, 0), CRM_OK);
	CHECK_INT(crm_demand_rows_undo(rows, 0), CRM_END);
	CHECK(row->final == 100 && row->bounds[0] == 80);

	/* Decimals: 0.1 + 0.2 is written 0.3, the values as written. */
	CHECK_INT(adjust(rows, "{\"sku\":123,\"region\":\"East\","
	    "\"period\":\"2026-11\",\"op\":\"add\",\"value\":\"0.1\","
	    "\"author\":\"a\",\"reason\":\"r\"}", &err), CRM_OK);
	CHECK_INT(adjust(rows, "{\"sku\":\"123\",\"region\":\"East\","
	    "\"period\":\"2026-11\",\"op\":\"add\",\"value\":0.2,"
	    "\"author\":\"a\",\"reason\":\"r\"}", &err), CRM_OK);
	CHECK_STR(row_json(rows, 3), "{\"sku\":\"123\",\"region\":\"East\","
	    "\"period\":\"2026-11\",\"forecast\":0.3,\"lo80\":0,"
	    "\"hi80\":25.3,\"statistical\":0,\"adjustments\":["
	    "{\"op\":\"add\",\"value\":\"0.1\",\"after\":0.1,\"author\":"
	    "\"a\",\"reason\":\"r\"},{\"op\":\"add\",\"value\":\"0.2\","
	    "\"after\":0.3,\"author\":\"a\",\"reason\":\"r\"}]}");
	crm_demand_rows_free(rows);
}

static void
test_clamp(void)
{
	static const char sub[] = "{\"sku\":\"B\",\"region\":\"South\","
	    "\"period\":\"2026-11\",\"op\":\"add\",\"value\":-15,"
	    "\"author\":\"a\",\"reason\":\"lost the tender\"}";
	crm_demand_rows *rows = sample_rows(0);
	const crm_demand_row *row;
	crm_err err;

	/* 10 - 15 = -5: the step says -5, the final is 0; lo 80 is -5 - 15
	 * = -20 -> 0, hi 25 - 15 = 10. */
	CHECK_INT(adjust(rows, sub, &err), CRM_OK);
	row = crm_demand_rows_at(rows, 2);
	CHECK(row->steps[0].after == -5);
	CHECK(row->final == 0 && row->clamped);
	CHECK(row->bounds[0] == 0 && row->bounds[1] == 10);
	/* Back above zero: the clamp is of the final only. */
	CHECK_INT(adjust(rows, "{\"sku\":\"B\",\"region\":\"South\","
	    "\"period\":\"2026-11\",\"op\":\"add\",\"value\":8,"
	    "\"author\":\"a\",\"reason\":\"won half back\"}", &err), CRM_OK);
	CHECK(row->final == 3 && !row->clamped);
	CHECK(row->bounds[0] == 0 && row->bounds[1] == 18);
	crm_demand_rows_free(rows);

	rows = sample_rows(CRM_DEMAND_NEGATIVE);
	CHECK_INT(adjust(rows, sub, &err), CRM_OK);
	row = crm_demand_rows_at(rows, 2);
	CHECK(row->final == -5 && !row->clamped);
	CHECK(row->bounds[0] == -20 && row->bounds[1] == 10);
	crm_demand_rows_free(rows);
}

static void
test_refused(void)
{
	static const struct {
		const char *rec, *msg;
	} cases[] = {
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"subtract\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: op: not one of set, add, multiply" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"reason\":\"r\"}",
		  "adjust.jsonl:3: author: missing" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\" \\t \"}",
		  "adjust.jsonl:3: reason: empty" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"plant\":\"P1\","
		  "\"period\":\"2026-11\",\"op\":\"add\",\"value\":1,"
		  "\"author\":\"a\",\"reason\":\"r\"}",
		  "adjust.jsonl:3: plant: unknown field (the forecast's keys "
		  "are sku, region)" },
		{ "{\"sku\":\"Z\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: sku: no forecast for sku \"Z\", region "
		  "\"North\"" },
		{ "{\"sku\":\"A\",\"region\":\"South\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: sku: no forecast for sku \"A\", region "
		  "\"South\"" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2027-01\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: period: no forecast for 2027-01 of sku "
		  "\"A\", region \"North\"" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-W48\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: period: no forecast for 2026-W48 of sku "
		  "\"A\", region \"North\"" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-13\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: period: no such month" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":202611,"
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: period: not a string" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"multiply\",\"value\":-1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: a factor below 0" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"set\",\"value\":\"12,5\",\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: not a number" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"set\",\"value\":true,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: not a number" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"set\",\"value\":1e15,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: out of range (below 1e15 in "
		  "magnitude)" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"set\",\"author\":\"a\",\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: missing" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"multiply\",\"value\":\"1e14\",\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: value: takes the forecast out of range" },
		{ "{\"sku\":\"A\",\"period\":\"2026-11\",\"op\":\"add\","
		  "\"value\":1,\"author\":\"a\",\"reason\":\"r\"}",
		  "adjust.jsonl:3: region: missing" },
		{ "{\"sku\":true,\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"author\":\"a\","
		  "\"reason\":\"r\"}",
		  "adjust.jsonl:3: sku: not a string or number" },
		{ "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
		  "\"op\":\"add\",\"value\":1,\"author\":7,\"reason\":\"r\"}",
		  "adjust.jsonl:3: author: not a string" },
	};
	crm_demand_rows *rows = sample_rows(0);
	char *before = rows_text(rows), *after;
	size_t i;
	crm_err err;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		CHECK_INT(adjust(rows, cases[i].rec, &err), CRM_EDATA);
		CHECK_STR(err.msg, cases[i].msg);
		after = rows_text(rows);
		CHECK_STR(after, before);
		free(after);
	}
	free(before);
	crm_demand_rows_free(rows);
}

static void
write_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		T_FAIL("cannot write %s", name);
}

static void
test_load(void)
{
	crm_demand_rows *rows = sample_rows(0);
	char *before = rows_text(rows), *after;
	const crm_demand_row *row;
	unsigned long n = 99;
	crm_err err;

	/* Two adjustments of one row apply in file order: (50 + 10) x 2,
	 * not 50 x 2 + 10. */
	write_file("adjust.jsonl",
	    "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-12\","
	    "\"op\":\"add\",\"value\":10,\"author\":\"a\",\"reason\":\"r\"}\n"
	    "\n"
	    "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-12\","
	    "\"op\":\"multiply\",\"value\":2,\"author\":\"b\","
	    "\"reason\":\"s\"}\n"
	    "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-11\","
	    "\"op\":\"bump\",\"value\":2,\"author\":\"b\",\"reason\":\"s\"}\n");
	CHECK_INT(crm_demand_adjust_load(rows, "adjust.jsonl", &n, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "adjust.jsonl:4: op: not one of set, add, "
	    "multiply");
	CHECK_INT(n, 0);
	/* All or nothing. */
	after = rows_text(rows);
	CHECK_STR(after, before);
	free(after);

	write_file("adjust.jsonl",
	    "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-12\","
	    "\"op\":\"add\",\"value\":10,\"author\":\"a\",\"reason\":\"r\"}\n"
	    "{\"sku\":\"A\",\"region\":\"North\",\"period\":\"2026-12\","
	    "\"op\":\"multiply\",\"value\":2,\"author\":\"b\","
	    "\"reason\":\"s\"}\n");
	CHECK_INT(crm_demand_adjust_load(rows, "adjust.jsonl", &n, &err),
	    CRM_OK);
	CHECK_INT(n, 2);
	row = crm_demand_rows_at(rows, 1);
	/* lo 30 -> 40 -> 80, hi 70 -> 80 -> 160. */
	CHECK(row->final == 120 && row->bounds[0] == 80 &&
	    row->bounds[1] == 160);
	CHECK_INT(row->steps[1].line, 2);

	/* The other order on fresh rows: 50 x 2 + 10 = 110; lo 60 -> 70. */
	crm_demand_rows_free(rows);
	rows = sample_rows(0);
	write_file("adjust.csv", "sku,region,period,op,value,author,reason\n"
	    "A,North,2026-12,multiply,2,b,s\n"
	    "A,North,2026-12,add,10,a,\"r, with a comma\"\n");
	CHECK_INT(crm_demand_adjust_load(rows, "adjust.csv", &n, &err),
	    CRM_OK);
	row = crm_demand_rows_at(rows, 1);
	CHECK(row->final == 110 && row->bounds[0] == 70 &&
	    row->bounds[1] == 150);
	CHECK_STR(row->steps[1].reason, "r, with a comma");

	write_file("adjust.jsonl", "{\"sku\":\"A\",\"region\":\"North\","
	    "\"period\":\"2026-12\",\"op\":\"add\",\"value\":1,\"author\":"
	    "\"a\",\"reason\":\"r\"}\n{\"sku\":\n");
	CHECK_INT(crm_demand_adjust_load(rows, "adjust.jsonl", NULL, &err),
	    CRM_EDATA);
	CHECK_HAS(err.msg, "adjust.jsonl:2: ");
	CHECK(row->final == 110 && row->nsteps == 2);
	CHECK_INT(crm_demand_adjust_load(rows, "no-such.jsonl", NULL, &err),
	    CRM_ENOINPUT);
	unlink("adjust.jsonl");
	unlink("adjust.csv");
	free(before);
	crm_demand_rows_free(rows);
}

/*
 * Hierarchy.
 */

/* The figures of h as "level product region period forecast" lines,
 * the forecast as crm_demand_hier_write has it; malloc'd. */
static char *
hier_text(const crm_demand_hier *h)
{
	static const char *const lv[] = { "total", "product", "region",
	    "cell" };
	crm_buf b = CRM_BUF_INIT;
	const crm_demand_node *n;
	char num[CRM_MONEY_BUFSZ];
	size_t i;

	for (i = 0; i < crm_demand_hier_count(h); i++) {
		n = crm_demand_hier_at(h, i);
		crm_buf_printf(&b, "%s %s %s %s %s\n", lv[n->level],
		    n->product ? n->product : "-",
		    n->region ? n->region : "-", n->period,
		    crm_money_format(n->scaled, 0, num));
	}
	crm_buf_addc(&b, '\0');
	return b.data;
}

static crm_demand_rows *
cells(const char *const *v, size_t n)
{
	crm_demand_rows *rows = NULL;
	crm_err err;
	size_t i;

	if (crm_demand_rows_new(keys2, 2, NULL, 0, 0, &rows, &err) != CRM_OK)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *kv[2] = { v[3 * i], v[3 * i + 1] };

		if (crm_demand_rows_add(rows, kv, "2026-11",
		    strtod(v[3 * i + 2], NULL), NULL, &err) != CRM_OK)
			T_FAIL("cells: %s", err.msg);
	}
	return rows;
}

static char *
reconcile(const char *const *v, size_t n, int decimals)
{
	crm_demand_rows *rows = cells(v, n);
	crm_demand_hier *h = NULL;
	char *text = NULL;
	crm_err err;

	if (crm_demand_hier_new("sku", "region", CRM_DEMAND_BOTTOM_UP,
	    decimals, &h, &err) != CRM_OK ||
	    crm_demand_hier_run(h, rows, &err) != CRM_OK)
		T_FAIL("reconcile: %s", err.msg);
	else
		text = hier_text(h);
	crm_demand_hier_free(h);
	crm_demand_rows_free(rows);
	return text;
}

static void
test_hier_hand(void)
{
	/* Largest remainder alone would round P3 and P4 up (0.6 beats 0.5)
	 * and leave X at 0 where its value is 1.0 exactly; the mend moves
	 * P3's unit to P1 through the total: X 1, Y 1 (value 1.2). */
	static const char *const t1[] = {
		"P1", "X", "0.5", "P1", "Y", "0", "P2", "X", "0.5",
		"P2", "Y", "0", "P3", "X", "0", "P3", "Y", "0.6",
		"P4", "X", "0", "P4", "Y", "0.6",
	};
	/* One product: plain largest remainder. */
	static const char *const t2[] = {
		"P", "A", "0.3", "P", "B", "0.3", "P", "C", "0.4",
	};
	/* A tie at two decimals: 12.5 and 12.5 hundredths, to the first. */
	static const char *const t3[] = {
		"P", "X", "0.125", "P", "Y", "0.125",
	};
	crm_demand_hier *h = NULL;
	crm_demand_rows *rows;
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;
	char *text;
	crm_err err;

	text = reconcile(t1, 8, 0);
	CHECK_STR(text,
	    "total - - 2026-11 2\n"
	    "product P1 - 2026-11 1\n"
	    "cell P1 X 2026-11 1\n"
	    "cell P1 Y 2026-11 0\n"
	    "product P2 - 2026-11 0\n"
	    "cell P2 X 2026-11 0\n"
	    "cell P2 Y 2026-11 0\n"
	    "product P3 - 2026-11 0\n"
	    "cell P3 X 2026-11 0\n"
	    "cell P3 Y 2026-11 0\n"
	    "product P4 - 2026-11 1\n"
	    "cell P4 X 2026-11 0\n"
	    "cell P4 Y 2026-11 1\n"
	    "region - X 2026-11 1\n"
	    "region - Y 2026-11 1\n");
	free(text);
	text = reconcile(t2, 3, 0);
	CHECK_STR(text,
	    "total - - 2026-11 1\n"
	    "product P - 2026-11 1\n"
	    "cell P A 2026-11 0\n"
	    "cell P B 2026-11 0\n"
	    "cell P C 2026-11 1\n"
	    "region - A 2026-11 0\n"
	    "region - B 2026-11 0\n"
	    "region - C 2026-11 1\n");
	free(text);

	rows = cells(t3, 2);
	if (crm_demand_hier_new("sku", "region", CRM_DEMAND_BOTTOM_UP, 2, &h,
	    &err) != CRM_OK || crm_demand_hier_run(h, rows, &err) != CRM_OK) {
		T_FAIL("t3: %s", err.msg);
	} else {
		text = hier_text(h);
		CHECK_STR(text,
		    "total - - 2026-11 25\n"
		    "product P - 2026-11 25\n"
		    "cell P X 2026-11 13\n"
		    "cell P Y 2026-11 12\n"
		    "region - X 2026-11 13\n"
		    "region - Y 2026-11 12\n");
		free(text);
		CHECK_INT(crm_demand_hier_write(h, 2, r, &err), CRM_OK);
		crm_rec_write_json(r, &b, &err);
		CHECK_STR(b.data, "{\"level\":\"cell\",\"sku\":\"P\","
		    "\"region\":\"X\",\"period\":\"2026-11\","
		    "\"forecast\":0.13}");
		crm_buf_reset(&b);
		CHECK_INT(crm_demand_hier_write(h, 0, r, &err), CRM_OK);
		crm_rec_write_json(r, &b, &err);
		CHECK_STR(b.data, "{\"level\":\"total\",\"sku\":null,"
		    "\"region\":null,\"period\":\"2026-11\","
		    "\"forecast\":0.25}");
	}
	crm_demand_hier_free(h);
	crm_demand_rows_free(rows);
	crm_buf_free(&b);
	crm_rec_free(r);
}

/* 100 products, each half in A and half in B: by largest remainder with
 * ties to the first, A would get all 100 units; both must get 50. */
static void
test_hier_balance(void)
{
	crm_demand_rows *rows = NULL;
	crm_demand_hier *h = NULL;
	const crm_demand_node *n;
	char sku[16];
	size_t i;
	crm_err err;

	if (crm_demand_rows_new(keys2, 2, NULL, 0, 0, &rows, &err) != CRM_OK)
		return;
	for (i = 0; i < 100; i++) {
		const char *a[2] = { sku, "A" }, *b[2] = { sku, "B" };

		snprintf(sku, sizeof(sku), "S%03zu", i);
		crm_demand_rows_add(rows, a, "2026-11", 0.5, NULL, &err);
		crm_demand_rows_add(rows, b, "2026-11", 0.5, NULL, &err);
	}
	if (crm_demand_hier_new("sku", "region", CRM_DEMAND_BOTTOM_UP, 0, &h,
	    &err) != CRM_OK || crm_demand_hier_run(h, rows, &err) != CRM_OK) {
		T_FAIL("balance: %s", err.msg);
	} else {
		CHECK_INT(crm_demand_hier_count(h), 1 + 100 * 3 + 2);
		n = crm_demand_hier_at(h, 0);
		CHECK_INT(n->scaled, 100);
		n = crm_demand_hier_at(h, 301);
		CHECK_STR(n->region, "A");
		CHECK_INT(n->scaled, 50);
		n = crm_demand_hier_at(h, 302);
		CHECK_STR(n->region, "B");
		CHECK_INT(n->scaled, 50);
		/* Each product still 1: 0 and 1 or 1 and 0. */
		n = crm_demand_hier_at(h, 1);
		CHECK_INT(n->scaled, 1);
	}
	crm_demand_hier_free(h);
	crm_demand_rows_free(rows);
}

static void
test_hier_top_down(void)
{
	static const char *const one[] = { "sku" };
	static const char *const a[] = { "A" }, *b[] = { "B" }, *c[] = { "C" };
	crm_demand_rows *rows = NULL;
	crm_demand_hier *h = NULL;
	char *text;
	crm_err err;

	if (crm_demand_rows_new(one, 1, NULL, 0, 0, &rows, &err) != CRM_OK ||
	    crm_demand_rows_add(rows, a, "2026-11", 100, NULL, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, b, "2026-11", 10, NULL, &err) !=
	    CRM_OK ||
	    crm_demand_rows_add(rows, c, "2026-11", 5, NULL, &err) !=
	    CRM_OK ||
	    crm_demand_hier_new("sku", "region", CRM_DEMAND_TOP_DOWN, 0, &h,
	    &err) != CRM_OK) {
		T_FAIL("top down: %s", err.msg);
		return;
	}
	/* No history at all: nothing to split into. */
	CHECK_INT(crm_demand_hier_run(h, rows, &err), CRM_EDATA);
	CHECK_STR(err.msg, "sku \"A\": no region to split its forecast into "
	    "(no history)");
	CHECK_INT(crm_demand_hier_history(h, "A", "N", 30, &err), CRM_OK);
	CHECK_INT(crm_demand_hier_history(h, "A", "S", 10, &err), CRM_OK);
	CHECK_INT(crm_demand_hier_history(h, "C", "N", 0, &err), CRM_OK);
	CHECK_INT(crm_demand_hier_history(h, "C", "E", 0, &err), CRM_OK);
	CHECK_INT(crm_demand_hier_history(h, "C", "E", 1, &err), CRM_EDATA);
	CHECK_STR(err.msg, "history of sku \"C\" in region \"E\": given "
	    "twice");
	CHECK_INT(crm_demand_hier_history(h, "D", "E", -1, &err), CRM_EDATA);
	CHECK_INT(crm_demand_hier_run(h, rows, &err), CRM_OK);
	/* A 100 by 30:10 -> 75, 25.  B has no history: 10/3 in each of E,
	 * N, S.  C's history is all zeros: 2.5 in E and N.  Grand total
	 * 115; B takes the extra unit of 0.999999 against C's exact 5.
	 * Cells by largest remainder: B/E 4, C/E 3 (ties to E); but E's
	 * value is 3.33 + 2.5 = 5.83, which must round to 5 or 6, so B's
	 * unit moves from E to N: N 75 + 4 + 2 = 81 (80.83), S 28 (28.33). */
	text = hier_text(h);
	CHECK_STR(text,
	    "total - - 2026-11 115\n"
	    "product A - 2026-11 100\n"
	    "cell A N 2026-11 75\n"
	    "cell A S 2026-11 25\n"
	    "product B - 2026-11 10\n"
	    "cell B E 2026-11 3\n"
	    "cell B N 2026-11 4\n"
	    "cell B S 2026-11 3\n"
	    "product C - 2026-11 5\n"
	    "cell C E 2026-11 3\n"
	    "cell C N 2026-11 2\n"
	    "region - E 2026-11 6\n"
	    "region - N 2026-11 81\n"
	    "region - S 2026-11 28\n");
	free(text);
	CHECK(crm_demand_hier_at(h, 4)->value == 10);
	crm_demand_hier_free(h);

	CHECK_INT(crm_demand_hier_new("sku", "region", CRM_DEMAND_BOTTOM_UP,
	    0, &h, &err), CRM_OK);
	CHECK_INT(crm_demand_hier_run(h, rows, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "bottom up: the forecast must be keyed by sku and "
	    "region alone");
	crm_demand_hier_free(h);
	CHECK_INT(crm_demand_hier_new("sku", "sku", CRM_DEMAND_BOTTOM_UP, 0,
	    &h, &err), CRM_EUSAGE);
	CHECK_INT(crm_demand_hier_new("sku", "region", CRM_DEMAND_BOTTOM_UP,
	    7, &h, &err), CRM_EUSAGE);
	crm_demand_rows_free(rows);
}

static uint64_t seed = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* Every parent the sum of its children, every figure its value rounded
 * down or up, the total rounded to nearest: the number of figures that
 * fail.  A period's figures start with its total. */
static int
check_sums(const crm_demand_hier *h, int decimals)
{
	double scale = pow(10, decimals), x;
	const crm_demand_node *n, *c;
	size_t i, k, g = 0, end, count = crm_demand_hier_count(h);
	int64_t sum_p, sum_r, sum;
	int bad = 0;

	for (i = 0; i < count; i++) {
		n = crm_demand_hier_at(h, i);
		if (n->level == CRM_DEMAND_TOTAL)
			g = i;
		for (end = g + 1; end < count &&
		    crm_demand_hier_at(h, end)->level != CRM_DEMAND_TOTAL;
		    end++)
			;
		x = n->value * scale;
		if (fabs((double)n->scaled - x) >= 1 + 1e-6 ||
		    strcmp(n->period, crm_demand_hier_at(h, g)->period) != 0)
			bad++;
		if (n->level == CRM_DEMAND_CELL)
			continue;
		sum_p = sum_r = sum = 0;
		for (k = g + 1; k < end; k++) {
			c = crm_demand_hier_at(h, k);
			if (c->level == CRM_DEMAND_PRODUCT)
				sum_p += c->scaled;
			if (c->level == CRM_DEMAND_REGION)
				sum_r += c->scaled;
			if (c->level != CRM_DEMAND_CELL)
				continue;
			if ((n->level == CRM_DEMAND_PRODUCT &&
			    strcmp(c->product, n->product) == 0) ||
			    (n->level == CRM_DEMAND_REGION &&
			    strcmp(c->region, n->region) == 0) ||
			    n->level == CRM_DEMAND_TOTAL)
				sum += c->scaled;
		}
		if (sum != n->scaled)
			bad++;
		if (n->level == CRM_DEMAND_TOTAL && (sum_p != n->scaled ||
		    sum_r != n->scaled || fabs((double)n->scaled - x) >
		    0.5 + 1e-6))
			bad++;
	}
	return bad;
}

static void
test_hier_random(void)
{
	static const char *const periods[] = { "2026-11", "2026-12",
	    "2027-01" };
	static const char *const one[] = { "sku" };
	crm_demand_rows *rows;
	crm_demand_hier *h;
	char p[16], r[16];
	int trial, d, np, nr, i, j, k, bad = 0, figures = 0, runs = 0;
	crm_err err;

	for (trial = 0; trial < 300; trial++) {
		d = trial % 2 == 0 ? 0 : 2;
		np = 1 + (int)(rnd() % 30);
		nr = 1 + (int)(rnd() % 9);
		rows = NULL;
		h = NULL;
		if (crm_demand_rows_new(keys2, 2, NULL, 0, 0, &rows, &err) !=
		    CRM_OK || crm_demand_hier_new("sku", "region",
		    CRM_DEMAND_BOTTOM_UP, d, &h, &err) != CRM_OK)
			break;
		for (k = 0; k < 3; k++)
			for (i = 0; i < np; i++)
				for (j = 0; j < nr; j++) {
					const char *kv[2] = { p, r };
					double v;

					if (rnd() % 4 == 0)
						continue;
					snprintf(p, sizeof(p), "P%02d", i);
					snprintf(r, sizeof(r), "R%d", j);
					/* Small values: many fractions. */
					v = trial % 3 == 0 ?
					    (double)(rnd() % 2000) / 1000 :
					    (double)(rnd() % 100000000) / 1e5;
					crm_demand_rows_add(rows, kv,
					    periods[k], v, NULL, &err);
				}
		if (crm_demand_hier_run(h, rows, &err) != CRM_OK) {
			T_FAIL("random %d: %s", trial, err.msg);
		} else {
			bad += check_sums(h, d);
			figures += (int)crm_demand_hier_count(h);
			runs++;
		}
		crm_demand_hier_free(h);
		crm_demand_rows_free(rows);
	}
	CHECK_INT(runs, 300);
	CHECK_INT(bad, 0);
	CHECK(figures > 20000);

	/* Top down on random history, the same checks. */
	for (trial = 0; trial < 100; trial++) {
		d = trial % 2 == 0 ? 0 : 2;
		np = 1 + (int)(rnd() % 30);
		nr = 1 + (int)(rnd() % 9);
		rows = NULL;
		h = NULL;
		if (crm_demand_rows_new(one, 1, NULL, 0, 0, &rows, &err) !=
		    CRM_OK || crm_demand_hier_new("sku", "region",
		    CRM_DEMAND_TOP_DOWN, d, &h, &err) != CRM_OK)
			break;
		for (i = 0; i < np; i++) {
			const char *kv[1] = { p };

			snprintf(p, sizeof(p), "P%02d", i);
			for (k = 0; k < 2; k++)
				crm_demand_rows_add(rows, kv, periods[k],
				    (double)(rnd() % 1000000) / 100, NULL,
				    &err);
			for (j = 0; j < nr; j++) {
				snprintf(r, sizeof(r), "R%d", j);
				if (rnd() % 3 != 0)
					crm_demand_hier_history(h, p, r,
					    (double)(rnd() % 5000), &err);
			}
		}
		if (crm_demand_hier_run(h, rows, &err) != CRM_OK)
			T_FAIL("top down %d: %s", trial, err.msg);
		else
			bad += check_sums(h, d);
		crm_demand_hier_free(h);
		crm_demand_rows_free(rows);
	}
	CHECK_INT(bad, 0);
}

/*
 * The weekly plan.
 */

/* "sku plant week qty days source" lines of the plan; malloc'd. */
static char *
plan_text(const crm_demand_plan *plan)
{
	const crm_demand_week *w;
	crm_buf b = CRM_BUF_INIT;
	size_t i;

	for (i = 0; i < crm_demand_plan_count(plan); i++) {
		w = crm_demand_plan_at(plan, i);
		crm_buf_printf(&b, "%s %s %s %" PRId64 " %d %s\n", w->sku,
		    w->plant ? w->plant : "-", w->week, w->qty, w->days,
		    w->source ? w->source : "-");
	}
	crm_buf_addc(&b, '\0');
	return b.data;
}

/* Rows keyed sku, plant, region from "sku plant region period value"
 * quintuples; the plan of them as text, its notes after "--". */
static char *
plan_of(const char *const *v, size_t n, const char *plant,
    const char *start, int weeks, crm_err *err)
{
	static const char *const keys3[] = { "sku", "plant", "region" };
	crm_demand_rows *rows = NULL;
	crm_demand_plan *plan = NULL;
	char *text = NULL;
	crm_buf b = CRM_BUF_INIT;
	size_t i;

	if (crm_demand_rows_new(keys3, 3, NULL, 0, CRM_DEMAND_NEGATIVE,
	    &rows, err) != CRM_OK)
		return NULL;
	for (i = 0; i < n; i++)
		if (crm_demand_rows_add(rows, v + 5 * i, v[5 * i + 3],
		    strtod(v[5 * i + 4], NULL), NULL, err) != CRM_OK)
			T_FAIL("plan_of: %s", err->msg);
	if (crm_demand_plan_new(rows, "sku", plant, start, weeks, &plan,
	    err) == CRM_OK) {
		text = plan_text(plan);
		crm_buf_adds(&b, text);
		free(text);
		for (i = 0; i < crm_demand_plan_notes(plan); i++)
			crm_buf_printf(&b, "-- %s\n",
			    crm_demand_plan_note(plan, i));
		crm_buf_addc(&b, '\0');
		text = b.data;
	}
	crm_demand_plan_free(plan);
	crm_demand_rows_free(rows);
	return text;
}

static void
test_plan_month(void)
{
	/* 2026-01 has 31 days from Thursday 1st: 4 days in 2026-W01, 7, 7,
	 * 7 and 6 in W05 (26th to 31st).  100 x days / 31 = 12.90, 22.58
	 * (three times), 19.35: 97 whole, the 3 left to the largest
	 * remainders, 28/31 (W01) and the first two of 18/31 (W02, W03). */
	static const char *const v[] = {
		"A", "P1", "N", "2026-01", "100",
	};
	crm_err err;
	char *text;

	text = plan_of(v, 1, "plant", "2026-W01", 5, &err);
	CHECK_STR(text,
	    "A P1 2026-W01 13 4 2026-01\n"
	    "A P1 2026-W02 23 7 2026-01\n"
	    "A P1 2026-W03 23 7 2026-01\n"
	    "A P1 2026-W04 22 7 2026-01\n"
	    "A P1 2026-W05 19 6 2026-01\n");
	free(text);
	/* Beyond the horizon: the plan stops, with a note. */
	text = plan_of(v, 1, "plant", "2026-W02", 8, &err);
	CHECK_STR(text,
	    "A P1 2026-W02 23 7 2026-01\n"
	    "A P1 2026-W03 23 7 2026-01\n"
	    "A P1 2026-W04 22 7 2026-01\n"
	    "A P1 2026-W05 19 6 2026-01\n"
	    "-- sku \"A\" plant \"P1\": the forecast ends on 2026-01-31 "
	    "(2026-W05): the plan stops there, 4 of 8 weeks\n");
	free(text);
	/* Starting before the forecast: the plan starts with it. */
	text = plan_of(v, 1, "plant", "2025-W50", 4, &err);
	CHECK_STR(text,
	    "A P1 2026-W01 13 4 2026-01\n"
	    "-- sku \"A\" plant \"P1\": the forecast starts on 2026-01-01 "
	    "(2026-W01): the plan starts there, 1 of 4 weeks\n");
	free(text);
	text = plan_of(v, 1, "plant", "2027-W01", 4, &err);
	CHECK_STR(text,
	    "-- sku \"A\" plant \"P1\": the forecast covers 2026-01-01 to "
	    "2026-01-31, none of the plan's weeks\n");
	free(text);
}

static void
test_plan_week53(void)
{
	/* December 2026 (from Tuesday 1st): 6, 7, 7, 7 days and 4 in
	 * 2026-W53 (28th to 31st): 100 x days / 31 -> 19.35, 22.58 x 3,
	 * 12.90: 97 whole, 3 left: W53 (28/31), W50, W51 (18/31 before
	 * W52's).  January 2027, 31 units, one a day: 3 in W53 (1st to
	 * 3rd), 7 a week after.  W53 takes from both: 13 + 3. */
	static const char *const v[] = {
		"A", "P1", "N", "2026-12", "100",
		"A", "P1", "N", "2027-01", "31",
	};
	crm_err err;
	char *text;

	text = plan_of(v, 2, "plant", "2026-W49", 7, &err);
	CHECK_STR(text,
	    "A P1 2026-W49 19 6 2026-12\n"
	    "A P1 2026-W50 23 7 2026-12\n"
	    "A P1 2026-W51 23 7 2026-12\n"
	    "A P1 2026-W52 22 7 2026-12\n"
	    "A P1 2026-W53 16 7 2026-12..2027-01\n"
	    "A P1 2027-W01 7 7 2027-01\n"
	    "A P1 2027-W02 7 7 2027-01\n");
	free(text);
}

static void
test_plan_quarter(void)
{
	/* 2026-Q4: 92 days, 4 in 2026-W40 (from Thursday 1 October), 12
	 * full weeks, 4 in W53.  100.5 rounds to 101; 101 x 4 / 92 = 4.39
	 * (remainder 36/92), x 7 / 92 = 7.68 (63/92): 92 whole, 9 left to
	 * the first nine full weeks. */
	static const char *const v[] = {
		"A", "P1", "N", "2026-Q4", "100.5",
	};
	crm_demand_rows *rows = NULL;
	crm_demand_plan *plan = NULL;
	static const char *const keys3[] = { "sku", "plant", "region" };
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;
	int64_t total = 0;
	crm_err err;
	char *text;
	size_t i;

	text = plan_of(v, 1, "plant", "2026-W40", 14, &err);
	CHECK_STR(text,
	    "A P1 2026-W40 4 4 2026-Q4\n"
	    "A P1 2026-W41 8 7 2026-Q4\n"
	    "A P1 2026-W42 8 7 2026-Q4\n"
	    "A P1 2026-W43 8 7 2026-Q4\n"
	    "A P1 2026-W44 8 7 2026-Q4\n"
	    "A P1 2026-W45 8 7 2026-Q4\n"
	    "A P1 2026-W46 8 7 2026-Q4\n"
	    "A P1 2026-W47 8 7 2026-Q4\n"
	    "A P1 2026-W48 8 7 2026-Q4\n"
	    "A P1 2026-W49 8 7 2026-Q4\n"
	    "A P1 2026-W50 7 7 2026-Q4\n"
	    "A P1 2026-W51 7 7 2026-Q4\n"
	    "A P1 2026-W52 7 7 2026-Q4\n"
	    "A P1 2026-W53 4 4 2026-Q4\n");
	free(text);

	/* The APS row; the total over the quarter is its rounded forecast
	 * even when the plan starts inside it (weeks before are not
	 * shown, their units are not moved). */
	if (crm_demand_rows_new(keys3, 3, NULL, 0, 0, &rows, &err) != CRM_OK ||
	    crm_demand_rows_add(rows, v, "2026-Q4", 100.5, NULL, &err) !=
	    CRM_OK ||
	    crm_demand_plan_new(rows, "sku", "plant", "2026-W45", 20, &plan,
	    &err) != CRM_OK) {
		T_FAIL("quarter: %s", err.msg);
	} else {
		CHECK_INT(crm_demand_plan_count(plan), 9);
		for (i = 0; i < crm_demand_plan_count(plan); i++)
			total += crm_demand_plan_at(plan, i)->qty;
		CHECK_INT(total, 101 - 4 - 8 * 4);
		CHECK_INT(crm_demand_plan_write(plan, 8, r, &err), CRM_OK);
		crm_rec_write_json(r, &b, &err);
		CHECK_STR(b.data, "{\"sku\":\"A\",\"plant\":\"P1\","
		    "\"week\":\"2026-W53\",\"week_start\":\"2026-12-28\","
		    "\"week_end\":\"2027-01-03\",\"qty\":4,"
		    "\"source\":\"2026-Q4\",\"days\":4}");
		CHECK_INT(crm_demand_plan_notes(plan), 1);
		CHECK_INT(CRM_DEMAND_PLAN_NCOLUMNS, 8);
		CHECK_STR(crm_demand_plan_columns()[7], "days");
	}
	crm_demand_plan_free(plan);
	crm_demand_rows_free(rows);
	crm_buf_free(&b);
	crm_rec_free(r);
}

static void
test_plan_weeks_days(void)
{
	/* Weeks as they are, rounded half away from zero; a gap week (W52)
	 * is 0 with no source.  Two regions of one sku and plant are summed
	 * before rounding (6.25 + 6.25 = 12.5 -> 13).  Without a plant
	 * field the plant is left out. */
	static const char *const v[] = {
		"A", "P1", "N", "2026-W50", "12.4",
		"A", "P1", "N", "2026-W51", "6.25",
		"A", "P1", "S", "2026-W51", "6.25",
		"A", "P1", "N", "2026-W53", "0.49",
		"B", "P2", "N", "2026-W50", "0",
	};
	/* Days: Monday 7 to Sunday 13 December at 0.4 a day, 2.8 -> 3;
	 * Monday 14 to Wednesday 16 at 1.5, 4.5 -> 5 in three days. */
	static const char *const d[] = {
		"A", "P1", "N", "2026-12-07", "0.4",
		"A", "P1", "N", "2026-12-08", "0.4",
		"A", "P1", "N", "2026-12-09", "0.4",
		"A", "P1", "N", "2026-12-10", "0.4",
		"A", "P1", "N", "2026-12-11", "0.4",
		"A", "P1", "N", "2026-12-12", "0.4",
		"A", "P1", "N", "2026-12-13", "0.4",
		"A", "P1", "N", "2026-12-14", "1.5",
		"A", "P1", "N", "2026-12-15", "1.5",
		"A", "P1", "N", "2026-12-16", "1.5",
	};
	/* Days then months: the days of November's end, then December. */
	static const char *const m[] = {
		"A", "P1", "N", "2026-11-30", "2",
		"A", "P1", "N", "2026-12", "31",
	};
	crm_err err;
	char *text;

	text = plan_of(v, 5, "plant", "2026-W50", 4, &err);
	CHECK_STR(text,
	    "A P1 2026-W50 12 7 2026-W50\n"
	    "A P1 2026-W51 13 7 2026-W51\n"
	    "A P1 2026-W52 0 0 -\n"
	    "A P1 2026-W53 0 7 2026-W53\n"
	    "B P2 2026-W50 0 7 2026-W50\n"
	    "-- sku \"B\" plant \"P2\": the forecast ends on 2026-12-13 "
	    "(2026-W50): the plan stops there, 1 of 4 weeks\n");
	free(text);
	text = plan_of(v, 5, NULL, "2026-W50", 1, &err);
	CHECK_STR(text,
	    "A - 2026-W50 12 7 2026-W50\n"
	    "B - 2026-W50 0 7 2026-W50\n");
	free(text);
	text = plan_of(d, 10, "plant", "2026-W50", 2, &err);
	CHECK_STR(text,
	    "A P1 2026-W50 3 7 2026-12-07..2026-12-13\n"
	    "A P1 2026-W51 5 3 2026-12-14..2026-12-16\n");
	free(text);
	text = plan_of(m, 2, "plant", "2026-W49", 2, &err);
	CHECK_STR(text,
	    "A P1 2026-W49 8 7 2026-11-30..2026-12\n"
	    "A P1 2026-W50 7 7 2026-12\n");
	free(text);
}

static void
test_plan_zero_and_bad(void)
{
	/* A zero month is zeros; 0.4 rounds to 0; 2.5 rounds to 3, spread
	 * over April's 30 days from Wednesday 1st: 5 in W14, 7 in W15 to
	 * W17, 4 in W18: 3 x 5 / 30 = 0.5, 3 x 7 / 30 = 0.7, 3 x 4 / 30 =
	 * 0.4, nothing whole: the three units go to the largest
	 * remainders, W15, W16, W17. */
	static const char *const z[] = {
		"A", "P1", "N", "2026-03", "0",
		"A", "P1", "N", "2026-04", "2.5",
		"B", "P1", "N", "2026-04", "0.4",
	};
	static const char *const overlap[] = {
		"A", "P1", "N", "2026-11", "10",
		"A", "P1", "S", "2026-Q4", "10",
	};
	static const char *const neg[] = {
		"A", "P1", "N", "2026-11", "-1",
	};
	crm_demand_rows *rows = NULL;
	crm_demand_plan *plan = NULL;
	crm_err err;
	char *text;

	text = plan_of(z, 3, "plant", "2026-W13", 5, &err);
	CHECK_STR(text,
	    "A P1 2026-W13 0 7 2026-03\n"
	    "A P1 2026-W14 0 7 2026-03..2026-04\n"
	    "A P1 2026-W15 1 7 2026-04\n"
	    "A P1 2026-W16 1 7 2026-04\n"
	    "A P1 2026-W17 1 7 2026-04\n"
	    "B P1 2026-W14 0 5 2026-04\n"
	    "B P1 2026-W15 0 7 2026-04\n"
	    "B P1 2026-W16 0 7 2026-04\n"
	    "B P1 2026-W17 0 7 2026-04\n"
	    "-- sku \"B\" plant \"P1\": the forecast starts on 2026-04-01 "
	    "(2026-W14): the plan starts there, 4 of 5 weeks\n");
	free(text);

	CHECK(plan_of(overlap, 2, "plant", "2026-W40", 4, &err) == NULL);
	CHECK_INT(err.code, CRM_EDATA);
	CHECK_STR(err.msg, "sku \"A\" plant \"P1\": periods 2026-Q4 and "
	    "2026-11 overlap");
	CHECK(plan_of(neg, 1, "plant", "2026-W40", 4, &err) == NULL);
	CHECK_STR(err.msg, "sku \"A\" plant \"P1\": the forecast of 2026-11 "
	    "is below zero: a plan needs a demand of 0 or more");
	CHECK(plan_of(neg, 1, "region", "2026-W40", 4, &err) == NULL);
	CHECK(plan_of(neg, 1, "plant", "2026-W54", 4, &err) == NULL);
	CHECK_INT(err.code, CRM_EUSAGE);
	CHECK_STR(err.msg, "plan: start: not an ISO week (YYYY-Www): "
	    "2026-W54");
	CHECK(plan_of(neg, 1, "plant", "2026-W50", 0, &err) == NULL);
	CHECK_INT(err.code, CRM_EUSAGE);
	if (crm_demand_rows_new(keys2, 2, NULL, 0, 0, &rows, &err) ==
	    CRM_OK) {
		CHECK_INT(crm_demand_plan_new(rows, "plant", NULL, "2026-W50",
		    4, &plan, &err), CRM_EUSAGE);
		CHECK_STR(err.msg, "plan: plant is not a key field of the "
		    "forecast");
		CHECK_INT(crm_demand_plan_new(rows, "sku", NULL, "2026-W50",
		    4, &plan, &err), CRM_OK);
		CHECK_INT(crm_demand_plan_count(plan), 0);
		crm_demand_plan_free(plan);
	}
	crm_demand_rows_free(rows);
	crm_demand_plan_free(NULL);
}

/* Random forecasts of weeks, months or quarters per sku, and a plan
 * wide enough for all of them: the plan's total is the sum of each
 * period's forecast rounded half away from zero, every week in between
 * is there once, all seven days covered but at the ends. */
static void
test_plan_random(void)
{
	static const char *const keys1[] = { "sku" };
	static const crm_period kinds[] = { CRM_PERIOD_WEEK,
	    CRM_PERIOD_MONTH, CRM_PERIOD_QUARTER };
	crm_demand_rows *rows = NULL;
	crm_demand_plan *plan = NULL;
	const crm_demand_week *w, *prev, *next;
	char sku[16], key[CRM_DATE_BUFSZ];
	int64_t want[40] = { 0 }, got[40] = { 0 };
	int32_t start = 0, day;
	int i, k, n, inner, bad = 0;
	size_t j;
	crm_err err;
	double v;

	if (crm_demand_rows_new(keys1, 1, NULL, 0, 0, &rows, &err) != CRM_OK)
		return;
	crm_date_make(2026, 1, 1, &start, &err);
	for (i = 0; i < 40; i++) {
		const char *kv[1] = { sku };
		crm_period kind = kinds[rnd() % 3];

		snprintf(sku, sizeof(sku), "S%02d", i);
		n = 1 + (int)(rnd() % 12);
		crm_period_add(start + (int32_t)(rnd() % 60), kind, 0, &day,
		    &err);
		for (k = 0; k < n; k++) {
			v = (double)(rnd() % 100000) / 100;
			crm_date_bucket(day, kind, key);
			if (crm_demand_rows_add(rows, kv, key, v, NULL, &err) !=
			    CRM_OK)
				T_FAIL("random plan: %s", err.msg);
			/* v has two decimals: exact enough to round here. */
			want[i] += (int64_t)floor(v + 0.5);
			crm_period_add(day, kind, 1, &day, &err);
		}
	}
	if (crm_demand_plan_new(rows, "sku", NULL, "2025-W52", 200, &plan,
	    &err) != CRM_OK) {
		T_FAIL("random plan: %s", err.msg);
	} else {
		prev = NULL;
		for (j = 0; j < crm_demand_plan_count(plan); j++) {
			w = crm_demand_plan_at(plan, j);
			next = j + 1 < crm_demand_plan_count(plan) ?
			    crm_demand_plan_at(plan, j + 1) : NULL;
			got[atoi(w->sku + 1)] += w->qty;
			if (w->qty < 0 || w->days < 1 || w->days > 7 ||
			    w->last != w->first + 6)
				bad++;
			inner = prev != NULL && next != NULL &&
			    strcmp(prev->sku, w->sku) == 0 &&
			    strcmp(next->sku, w->sku) == 0;
			if ((prev != NULL && strcmp(prev->sku, w->sku) == 0 &&
			    w->first != prev->first + 7) ||
			    (inner && w->days != 7))
				bad++;
			prev = w;
		}
		for (i = 0; i < 40; i++)
			if (got[i] != want[i])
				bad++;
		CHECK_INT(bad, 0);
		/* Each starts after 2025-W52 and ends long before 200 weeks
		 * are up. */
		CHECK_INT(crm_demand_plan_notes(plan), 80);
	}
	crm_demand_plan_free(plan);
	crm_demand_rows_free(rows);
}

int
main(void)
{
	char dir[] = "/tmp/test-demand-XXXXXX";

	if (mkdtemp(dir) == NULL || chdir(dir) != 0) {
		perror(dir);
		return 1;
	}
	RUN(test_rows);
	RUN(test_ops);
	RUN(test_clamp);
	RUN(test_refused);
	RUN(test_load);
	RUN(test_hier_hand);
	RUN(test_hier_balance);
	RUN(test_hier_top_down);
	RUN(test_hier_random);
	RUN(test_plan_month);
	RUN(test_plan_week53);
	RUN(test_plan_quarter);
	RUN(test_plan_weeks_days);
	RUN(test_plan_zero_and_bad);
	RUN(test_plan_random);
	if (chdir("/tmp") != 0 || rmdir(dir) != 0)
		perror(dir);
	DONE();
}
