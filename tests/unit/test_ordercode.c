/*
 * test_ordercode.c - order codes: round trips over the whole field space
 * of the default layout, every refusal of decode with its message, the
 * layout file's checks, and the sequence allocator.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-ordercode-XXXXXX";
static char path[256];
static crm_err err;
static crm_ordercode *oc;          /* the default layout */
static char out[1024];             /* the last result, as text */

static const char *const plants[] = { "SH", "BJ", "CQ", "GZ", "CC", "WH" };

/* The code of the record in json, or "error: message". */
static const char *
enc(const crm_ordercode *layout, const char *json)
{
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;

	if (crm_rec_parse(r, json, strlen(json), &err) != CRM_OK)
		snprintf(out, sizeof(out), "bad test record: %s", err.msg);
	else if (crm_ordercode_encode(layout, r, &b, &err) != CRM_OK)
		snprintf(out, sizeof(out), "error: %s", err.msg);
	else
		snprintf(out, sizeof(out), "%.*s", (int)b.len, b.data);
	crm_buf_free(&b);
	crm_rec_free(r);
	return out;
}

/* The record decode makes of code, or "error: message". */
static const char *
dec(const crm_ordercode *layout, const char *code)
{
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;

	if (crm_ordercode_decode(layout, code, strlen(code), r, &err) !=
	    CRM_OK)
		snprintf(out, sizeof(out), "error: %s", err.msg);
	else {
		crm_rec_write_json(r, &b, &err);
		snprintf(out, sizeof(out), "%.*s", (int)b.len, b.data);
	}
	crm_buf_free(&b);
	crm_rec_free(r);
	return out;
}

/*
 * One round trip: the record of the values is encoded (as a record and
 * as values, which must agree), the code decoded back to exactly the
 * values (options sorted as in sorted_options), and the decoded record
 * encoded to the same code.  0 when all holds, else 1 with why set.
 */
struct trip {
	const char *plant;
	int year, week;
	int64_t seq;
	const char *colour;         /* NULL: none */
	const char *options;        /* as given: "ZZ+A1", NULL: none */
	const char *sorted;         /* the decoded JSON array: ["A1","ZZ"] */
};

static char why[2048];

/* The month of a week: of its Thursday, by the date module. */
static int
thursday_month(int year, int week)
{
	int32_t monday = 0;
	int m = 0;

	if (crm_week_start(year, week, &monday, NULL) == CRM_OK)
		crm_date_split(monday + 3, NULL, &m, NULL);
	return m;
}

static int
round_trip(const struct trip *t)
{
	char json[512], want[512], code[CRM_ORDERCODE_MAX + 1];
	crm_ordercode_values v;
	crm_rec *r = crm_rec_new(), *d = crm_rec_new();
	crm_buf b = CRM_BUF_INIT, vb = CRM_BUF_INIT;
	int bad = 1, n;

	n = snprintf(json, sizeof(json), "{\"plant\":\"%s\",\"demand_week\":"
	    "\"%04d-W%02d\",\"seq\":%" PRId64, t->plant, t->year, t->week,
	    t->seq);
	if (t->colour != NULL)
		n += snprintf(json + n, sizeof(json) - (size_t)n,
		    ",\"colour\":\"%s\"", t->colour);
	if (t->options != NULL)
		n += snprintf(json + n, sizeof(json) - (size_t)n,
		    ",\"options\":\"%s\"", t->options);
	snprintf(json + n, sizeof(json) - (size_t)n, "}");
	memset(&v, 0, sizeof(v));
	v.plant = t->plant;
	v.iso_year = t->year;
	v.week = t->week;
	v.seq = t->seq;
	v.colour = t->colour;
	v.options = t->options;
	if (crm_rec_parse(r, json, strlen(json), &err) != CRM_OK ||
	    crm_ordercode_encode(oc, r, &b, &err) != CRM_OK ||
	    crm_ordercode_encode_values(oc, &v, &vb, &err) != CRM_OK) {
		snprintf(why, sizeof(why), "%s: %s", json, err.msg);
		goto out;
	}
	if (b.len != 22 || vb.len != b.len || memcmp(b.data, vb.data,
	    b.len) != 0) {
		snprintf(why, sizeof(why), "%s: %.*s from the record, %.*s "
		    "from the values", json, (int)b.len, b.data, (int)vb.len,
		    vb.data);
		goto out;
	}
	memcpy(code, b.data, b.len);
	code[b.len] = '\0';
	if (crm_ordercode_decode(oc, code, b.len, d, &err) != CRM_OK) {
		snprintf(why, sizeof(why), "%s: decode: %s", code, err.msg);
		goto out;
	}
	n = snprintf(want, sizeof(want), "{\"plant\":\"%s\",\"demand_week\":"
	    "\"%04d-W%02d\",\"year\":%d,\"month\":%d,\"week\":%d,\"seq\":%"
	    PRId64, t->plant, t->year, t->week, t->year,
	    thursday_month(t->year, t->week), t->week,
	    t->seq);
	if (t->colour != NULL && *t->colour != '\0')
		n += snprintf(want + n, sizeof(want) - (size_t)n,
		    ",\"colour\":\"%s\"", t->colour);
	snprintf(want + n, sizeof(want) - (size_t)n, ",\"options\":%s}",
	    t->sorted);
	b.len = 0;
	crm_rec_write_json(d, &b, &err);
	if (b.len != strlen(want) || memcmp(b.data, want, b.len) != 0) {
		snprintf(why, sizeof(why), "%s: decoded %.*s, want %s", code,
		    (int)b.len, b.data, want);
		goto out;
	}
	b.len = 0;
	if (crm_ordercode_encode(oc, d, &b, &err) != CRM_OK ||
	    b.len != strlen(code) || memcmp(b.data, code, b.len) != 0) {
		snprintf(why, sizeof(why), "%s: encoded again: %.*s", code,
		    (int)b.len, b.data);
		goto out;
	}
	bad = 0;
out:
	crm_buf_free(&b);
	crm_buf_free(&vb);
	crm_rec_free(r);
	crm_rec_free(d);
	return bad;
}

/* Every plant of the map by every ISO week of 2000 to 2099 (the years a
 * two-digit year holds), 53-week years and the weeks whose Monday is in
 * the year before included. */
static void
test_every_plant_and_week(void)
{
	struct trip t = { NULL, 0, 0, 1, "R", NULL, "[]" };
	int bad = 0, weeks = 0, long_years = 0;
	size_t p;

	for (t.year = 2000; t.year <= 2099; t.year++) {
		long_years += crm_weeks_in_year(t.year) == 53;
		for (t.week = 1; t.week <= crm_weeks_in_year(t.year);
		    t.week++, weeks++)
			for (p = 0; p < sizeof(plants) / sizeof(plants[0]); p++) {
				t.plant = plants[p];
				t.seq = 1 + (t.week * 37 + (int)p) % 9999;
				if (round_trip(&t) && bad++ == 0)
					T_FAIL("%s", why);
			}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(weeks, 5218);
	CHECK_INT(long_years, 18);
}

/* 2026 has 53 weeks (it starts on a Thursday); the month of a week is the
 * month of its Thursday, whatever its Monday says. */
static void
test_month_of_week(void)
{
	int y = 0, w = 0;
	int32_t day = 0;

	CHECK_INT(crm_weeks_in_year(2026), 53);
	CHECK_INT(crm_weeks_in_year(2025), 52);
	CHECK_INT(crm_weeks_in_year(2020), 53);
	crm_date_parse("2026-12-31", 10, &day, NULL);
	crm_date_iso_week(day, &y, &w);
	CHECK_INT(y, 2026);
	CHECK_INT(w, 53);
	/* 2026-W01 runs from 2025-12-29 to 2026-01-04. */
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W01\","
	    "\"seq\":1}"), "012601010001----------");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_date\":\"2025-12-29\","
	    "\"seq\":1}"), "012601010001----------");
	/* 2025-W01: Monday 2024-12-30. */
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_date\":\"2024-12-30\","
	    "\"seq\":1}"), "012501010001----------");
	/* 2026-W40: Monday 2026-09-28, Thursday 2026-10-01. */
	CHECK_STR(enc(oc, "{\"plant\":\"BJ\",\"demand_date\":\"2026-09-28\","
	    "\"seq\":12}"), "022610400012----------");
	/* 2026-W53 and 2020-W53: Thursdays 2026-12-31 and 2020-12-31. */
	CHECK_STR(enc(oc, "{\"plant\":\"WH\",\"demand_week\":\"2026-W53\","
	    "\"seq\":9999}"), "062612539999----------");
	CHECK_STR(enc(oc, "{\"plant\":\"WH\",\"demand_date\":\"2021-01-03\","
	    "\"seq\":1}"), "062012530001----------");
	/* 2027-W53 does not exist; neither does 2100 in two digits. */
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2027-W53\","
	    "\"seq\":1}"), "error: demand_week: no such week: 2027-W53");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2100-W01\","
	    "\"seq\":1}"), "error: demand_week: 2100 does not fit a 2-digit "
	    "year (2000 to 2099)");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_date\":\"2000-01-02\","
	    "\"seq\":1}"), "error: demand_date: 1999 does not fit a 2-digit "
	    "year (2000 to 2099)");
}

/* Every sequence number, the other fields fixed. */
static void
test_every_seq(void)
{
	struct trip t = { "CQ", 2026, 40, 0, NULL, NULL, "[]" };
	int bad = 0;

	for (t.seq = 1; t.seq <= 9999; t.seq++)
		if (round_trip(&t) && bad++ == 0)
			T_FAIL("%s", why);
	CHECK_INT(bad, 0);
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":10000}"), "error: seq: 10000 is out of range 1 to 9999");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":0}"), "error: seq: 0 is out of range 1 to 9999");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1.5}"), "error: seq: not a whole number");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":\"7\"}"), "error: seq: not a whole number");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\"}"),
	    "error: seq: missing");
}

/* No colour, an empty one, every one-character and every two-character
 * colour of 0-9A-Z. */
static void
test_every_colour(void)
{
	static const char chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	struct trip t = { "GZ", 2027, 1, 500, NULL, NULL, "[]" };
	char colour[3];
	int bad = 0, n = 0;
	size_t a, b;

	bad += round_trip(&t);
	t.colour = "";
	bad += round_trip(&t);
	t.colour = colour;
	for (a = 0; a < 36; a++) {
		colour[0] = chars[a];
		colour[1] = '\0';
		if (round_trip(&t) && bad++ == 0)
			T_FAIL("%s", why);
		n++;
		for (b = 0; b < 36; b++, n++) {
			colour[1] = chars[b];
			colour[2] = '\0';
			if (round_trip(&t) && bad++ == 0)
				T_FAIL("%s", why);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(n, 36 + 36 * 36);
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"colour\":\"RED\"}"),
	    "error: colour: \"RED\" is not 2 characters");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"colour\":\"r\"}"),
	    "error: colour: \"r\": 'r' is not one of 0-9A-Z");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"colour\":\"-\"}"),
	    "error: colour: \"-\": '-' is not one of 0-9A-Z");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"colour\":7}"), "error: colour: not a string");
}

/* Every set of 0 to 4 options out of eight codes, given in reverse
 * order (as "+" and "," strings), decodes sorted; every single code of
 * the 36 x 36. */
static void
test_every_option_set(void)
{
	static const char *const codes[] = { "00", "09", "0A", "A1", "AZ",
		"B0", "Z9", "ZZ" };
	static const char chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	struct trip t = { "CC", 2026, 53, 77, "W", NULL, NULL };
	char given[64], sorted[64];
	unsigned mask;
	int bad = 0, sets = 0, i, k, g, s;

	for (mask = 0; mask < 256; mask++) {
		for (i = 0, k = 0; i < 8; i++)
			k += (mask >> i) & 1;
		if (k > 4)
			continue;
		g = 0;
		s = snprintf(sorted, sizeof(sorted), "[");
		for (i = 7; i >= 0; i--)
			if (mask & (1u << i))
				g += snprintf(given + g, sizeof(given) - (size_t)g,
				    "%s%s", g > 0 ? (i % 2 ? "+" : ",") : "",
				    codes[i]);
		for (i = 0; i < 8; i++)
			if (mask & (1u << i))
				s += snprintf(sorted + s, sizeof(sorted) -
				    (size_t)s, "%s\"%s\"", s > 1 ? "," : "",
				    codes[i]);
		snprintf(sorted + s, sizeof(sorted) - (size_t)s, "]");
		given[g] = '\0';
		t.options = mask == 0 ? NULL : given;
		t.sorted = sorted;
		if (round_trip(&t) && bad++ == 0)
			T_FAIL("%s", why);
		sets++;
	}
	CHECK_INT(sets, 1 + 8 + 28 + 56 + 70);
	for (i = 0; i < 36 * 36; i++) {
		given[0] = chars[i / 36];
		given[1] = chars[i % 36];
		given[2] = '\0';
		sorted[0] = '[';
		sorted[1] = sorted[4] = '"';
		sorted[2] = given[0];
		sorted[3] = given[1];
		sorted[5] = ']';
		sorted[6] = '\0';
		t.options = given;
		if (round_trip(&t) && bad++ == 0)
			T_FAIL("%s", why);
	}
	CHECK_INT(bad, 0);
	/* An array, blanks around codes, an empty string. */
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":[\"ZZ\",\"A1\",\"B2\"]}"),
	    "012610400001--A1B2ZZ--");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\" ZZ , A1+B2 \"}"),
	    "012610400001--A1B2ZZ--");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\"\"}"), "012610400001----------");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":[]}"), "012610400001----------");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\"A1,B2,C3,D4,E5\"}"),
	    "error: options: more than 4 options");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\"A1+A1\"}"), "error: options: A1 twice");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\"A1,,B2\"}"),
	    "error: options: an empty option code");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":\"A1,B\"}"),
	    "error: options: \"B\" is not 2 characters");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":[\"A1\",2]}"),
	    "error: options: not a list of option codes");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":[\"a1\"]}"),
	    "error: options: \"a1\": 'a' is not one of 0-9A-Z");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1,\"options\":{}}"),
	    "error: options: not a list of option codes");
}

/* What encode says of the other values. */
static void
test_encode_refusals(void)
{
	CHECK_STR(enc(oc, "{\"plant\":\"XA\",\"demand_week\":\"2026-W40\","
	    "\"seq\":1}"), "error: plant: no code for \"XA\" in the layout");
	CHECK_STR(enc(oc, "{\"demand_week\":\"2026-W40\",\"seq\":1}"),
	    "error: plant: missing");
	CHECK_STR(enc(oc, "{\"plant\":1,\"demand_week\":\"2026-W40\","
	    "\"seq\":1}"), "error: plant: not a string");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"seq\":1}"),
	    "error: demand_week: missing (and so is requested_week, "
	    "demand_date)");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":null,"
	    "\"requested_week\":\"2026-W02\",\"seq\":1}"),
	    "012601020001----------");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_week\":\"2026-40\","
	    "\"seq\":1}"), "error: demand_week: not a week (YYYY-Www) or a "
	    "date (YYYY-MM-DD)");
	CHECK_STR(enc(oc, "{\"plant\":\"SH\",\"demand_date\":\"2026-02-30\","
	    "\"seq\":1}"), "error: demand_date: no such date: 2026-02-30");
}

/* Every way a code can be wrong, with its position and reason. */
static void
test_decode_refusals(void)
{
	CHECK_STR(dec(oc, "012610400012R-A1B2ZZ--"), "{\"plant\":\"SH\","
	    "\"demand_week\":\"2026-W40\",\"year\":2026,\"month\":10,"
	    "\"week\":40,\"seq\":12,\"colour\":\"R\",\"options\":[\"A1\","
	    "\"B2\",\"ZZ\"]}");
	CHECK_STR(dec(oc, ""), "error: position 1: base: too short: 0 "
	    "characters, the layout has 22");
	CHECK_STR(dec(oc, "0126104000"), "error: position 11: seq: too short: "
	    "10 characters, the layout has 22");
	CHECK_STR(dec(oc, "012610400012R-A1B2ZZ---"), "error: position 23: "
	    "too long: 23 characters, the layout has 22");
	CHECK_STR(dec(oc, "0126104000 2R-A1B2ZZ--"), "error: position 11: "
	    "seq: ' ' is not a code character");
	CHECK_STR(dec(oc, "012610400012R-A1B2ZZ\"-"), "error: position 21: "
	    "options: '\"' is not a code character");
	CHECK_STR(dec(oc, "012610400012r-A1B2ZZ--"), "error: position 13: "
	    "colour: 'r' is not one of 0-9A-Z");
	CHECK_STR(dec(oc, "012610400012R*--------"), "error: position 14: "
	    "colour: '*' is not one of 0-9A-Z");
	CHECK_STR(dec(oc, "072610400012R---------"), "error: position 1: "
	    "base: unknown code \"07\"");
	CHECK_STR(dec(oc, "0X2610400012R---------"), "error: position 1: "
	    "base: unknown code \"0X\"");
	CHECK_STR(dec(oc, "01X610400012R---------"), "error: position 3: "
	    "year: 'X' is not a digit");
	CHECK_STR(dec(oc, "012612010001----------"), "error: position 5: "
	    "month: week 01 of 2026 is in month 01, not 12");
	CHECK_STR(dec(oc, "012609400001----------"), "error: position 5: "
	    "month: week 40 of 2026 is in month 10, not 09");
	CHECK_STR(dec(oc, "012613400001----------"), "error: position 5: "
	    "month: not a month (01 to 12)");
	CHECK_STR(dec(oc, "012600400001----------"), "error: position 5: "
	    "month: not a month (01 to 12)");
	CHECK_STR(dec(oc, "012601000001----------"), "error: position 7: "
	    "week: not a week (01 to 53)");
	CHECK_STR(dec(oc, "012612540001----------"), "error: position 7: "
	    "week: not a week (01 to 53)");
	CHECK_STR(dec(oc, "012512530001----------"), "error: position 7: "
	    "week: 2025 has 52 weeks, no week 53");
	CHECK_STR(dec(oc, "012610400000----------"), "error: position 9: "
	    "seq: 0 is out of range 1 to 9999");
	CHECK_STR(dec(oc, "01261040001A----------"), "error: position 12: "
	    "seq: 'A' is not a digit");
	CHECK_STR(dec(oc, "012610400001-R--------"), "error: position 13: "
	    "colour: padding inside the code");
	CHECK_STR(dec(oc, "012610400001--A-------"), "error: position 16: "
	    "options: padding inside an option code");
	CHECK_STR(dec(oc, "012610400001---A------"), "error: position 15: "
	    "options: padding inside an option code");
	CHECK_STR(dec(oc, "012610400001----A1----"), "error: position 17: "
	    "options: an option after an empty slot");
	CHECK_STR(dec(oc, "012610400001--ZZA1----"), "error: position 17: "
	    "options: A1 after ZZ: options are in sorted order");
	CHECK_STR(dec(oc, "012610400001--A1A1----"), "error: position 17: "
	    "options: A1 twice");
	CHECK_STR(dec(oc, "012610400001--a1------"), "error: position 15: "
	    "options: 'a' is not one of 0-9A-Z");
	/* Every refusal comes before anything is written. */
	{
		crm_rec *r = crm_rec_new();

		CHECK_INT(crm_ordercode_decode(oc, "012612010001----------", 22,
		    r, &err), CRM_EDATA);
		CHECK_INT(crm_rec_len(r), 0);
		CHECK_INT(crm_ordercode_decode(oc, "01\0" "610400001----------",
		    22, r, &err), CRM_EDATA);
		CHECK_STR(err.msg, "position 3: year: byte 0x00 is not a code "
		    "character");
		crm_rec_free(r);
	}
}

/* The filter steps: stamp and unstamp, with the record's place. */
static void
test_stamp(void)
{
	const char *json = "{\"id\":\"L1\",\"plant\":\"BJ\","
	    "\"requested_week\":\"2026-W47\",\"seq\":3,\"order_code\":\"x\"}";
	crm_rec *r = crm_rec_new();
	crm_buf b = CRM_BUF_INIT;

	crm_rec_parse(r, json, strlen(json), &err);
	crm_rec_set_place(r, "in.jsonl", 4);
	CHECK_INT(crm_ordercode_stamp(oc, r, NULL, NULL, &err), CRM_OK);
	CHECK_STR(crm_rec_get(r, "order_code"), "022611470003----------");
	CHECK_INT(crm_ordercode_stamp(oc, r, "code", NULL, &err), CRM_OK);
	CHECK_STR(crm_rec_get(r, "code"), "022611470003----------");
	CHECK_INT(crm_ordercode_unstamp(oc, r, "code", &err), CRM_OK);
	crm_rec_del(r, "order_code");
	crm_rec_write_json(r, &b, &err);
	CHECK(b.len == strlen("{\"id\":\"L1\",\"plant\":\"BJ\","
	    "\"requested_week\":\"2026-W47\",\"seq\":3,\"code\":"
	    "\"022611470003----------\",\"demand_week\":\"2026-W47\","
	    "\"year\":2026,\"month\":11,\"week\":47,\"options\":[]}") &&
	    memcmp(b.data, "{\"id\":\"L1\",\"plant\":\"BJ\","
	    "\"requested_week\":\"2026-W47\",\"seq\":3,\"code\":"
	    "\"022611470003----------\",\"demand_week\":\"2026-W47\","
	    "\"year\":2026,\"month\":11,\"week\":47,\"options\":[]}",
	    b.len) == 0);
	crm_rec_del(r, "seq");
	CHECK_INT(crm_ordercode_stamp(oc, r, NULL, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:4: seq: missing");
	CHECK_INT(crm_ordercode_unstamp(oc, r, "nope", &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:4: nope: missing");
	crm_rec_set_int(r, "nope", 5, &err);
	CHECK_INT(crm_ordercode_unstamp(oc, r, "nope", &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:4: nope: not a string");
	crm_rec_set_str(r, "nope", "022611470003", 12, &err);
	CHECK_INT(crm_ordercode_unstamp(oc, r, "nope", &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:4: nope: position 13: colour: too "
	    "short: 12 characters, the layout has 22");
	crm_rec_set_str(r, "plant", "XX", 2, &err);
	CHECK_INT(crm_ordercode_stamp(oc, r, NULL, NULL, &err), CRM_EDATA);
	CHECK_STR(err.msg, "in.jsonl:4: plant: no code for \"XX\" in the "
	    "layout");
	CHECK_INT(crm_ordercode_width(oc), 22);
	CHECK_STR(crm_ordercode_seq_field(oc), "seq");
	crm_buf_free(&b);
	crm_rec_free(r);
}

/* A layout from text, written with ' for "; NULL with err set when it
 * does not load. */
static crm_ordercode *
layout_from(const char *text)
{
	crm_ordercode *l = NULL;
	FILE *fp = fopen(path, "w");
	const char *c;

	for (c = text; *c != '\0'; c++)
		fputc(*c == '\'' ? '"' : *c, fp);
	fclose(fp);
	if (crm_ordercode_load(path, &l, &err) != CRM_OK)
		return NULL;
	return l;
}

/* The message of loading text, the file name cut off. */
static const char *
load_error(const char *text)
{
	crm_ordercode *l = layout_from(text);

	if (l != NULL) {
		crm_ordercode_free(l);
		return "(loaded)";
	}
	if (err.code != CRM_ECONFIG)
		return "(not CRM_ECONFIG)";
	return strncmp(err.msg, path, strlen(path)) == 0 ?
	    err.msg + strlen(path) : err.msg;
}

#define F(s) "{'fields': [\n" s "\n]}\n"
#define BASE "{'name': 'base', 'kind': 'map', 'width': 2, 'source': " \
	"'plant', 'map': {'SH': '01'}}"
#define DATE "{'name': 'year', 'kind': 'year'},\n" \
	"{'name': 'week', 'kind': 'week'}"
#define SEQ "{'name': 'seq', 'kind': 'number', 'width': 4, " \
	"'sequence': true}"

static void
test_layout_errors(void)
{
	CHECK_STR(load_error(F(BASE ",\n" SEQ)), "(loaded)");
	CHECK_STR(load_error("{'fields': []}\n"),
	    ":1: fields: a list of fields");
	CHECK_STR(load_error("{'fields': [], 'colour': 1}\n"),
	    ":1: unknown member \"colour\"");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'x', 'kind': 'numbr', "
	    "'width': 2}")), ":3: fields[1].kind: one of map, number, text, "
	    "options, year, month, week, literal");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'x', 'kind': 'number'}")),
	    ":3: fields[1].width: missing");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'x', 'kind': 'number', "
	    "'width': 2, 'chars': 'A'}")),
	    ":3: fields[1]: unknown member \"chars\"");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'X', 'kind': 'number', "
	    "'width': 2}")), ":3: fields[1].name: a lower-case letter, then "
	    "lower-case letters, digits and '_', at most 32 in all");
	CHECK_STR(load_error(F(BASE ",\n" BASE)),
	    ":3: fields[1]: name: \"base\" again (fields[0])");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'b2', 'kind': 'map', "
	    "'width': 2, 'source': 'plant', 'map': {'BJ': '02'}}")),
	    ":3: fields[1]: decoding would write the record field \"plant\" "
	    "for fields[0] too");
	/* Maps: codes of the field's width, one value per code. */
	CHECK_STR(load_error(F("{'name': 'base', 'kind': 'map', 'width': 2, "
	    "'map': {'SH': '01', 'BJ': '01'}}")), ":2: fields[0].map: \"SH\" "
	    "and \"BJ\" have the same code 01: decoding needs one value per "
	    "code");
	CHECK_STR(load_error(F("{'name': 'base', 'kind': 'map', 'width': 2, "
	    "'map': {'SH': '1'}}")), ":2: fields[0].map: \"SH\": not a code of "
	    "2 characters (printable ASCII but space, '\"' and '\\')");
	CHECK_STR(load_error(F("{'name': 'base', 'kind': 'map', 'width': 2, "
	    "'map': {'SH': '0 1'}}")), ":2: fields[0].map: \"SH\": not a code "
	    "of 2 characters (printable ASCII but space, '\"' and '\\')");
	CHECK_STR(load_error(F("{'name': 'base', 'kind': 'map', 'width': 2, "
	    "'map': {}}")), ":2: fields[0].map: an object from values to "
	    "codes");
	/* Widths: over CRM_ORDERCODE_MAX in all, or out of a kind's range. */
	CHECK_STR(load_error(F(BASE ",\n{'name': 'a', 'kind': 'number', "
	    "'width': 18},\n{'name': 'b', 'kind': 'number', 'width': 18},\n"
	    "{'name': 'c', 'kind': 'number', 'width': 18},\n{'name': 'd', "
	    "'kind': 'number', 'width': 9}")),
	    ":1: fields: a code of 65 characters; at most 64");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'a', 'kind': 'options', "
	    "'width': 8, 'slots': 8, 'pad': '--------'}")),
	    ":1: fields: a code of 66 characters; at most 64");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'a', 'kind': 'number', "
	    "'width': 19}")), ":3: fields[1].width: not a whole number from 1 "
	    "to 18");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'a', 'kind': 'year', "
	    "'width': 3}")), ":3: fields[1].width: a year is 2 or 4 digits");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'a', 'kind': 'week', "
	    "'width': 4}")), ":3: fields[1].width: not a whole number from 2 to "
	    "2");
	/* Dates, sequences and scopes. */
	CHECK_STR(load_error(F(BASE ",\n{'name': 'year', 'kind': 'year'}")),
	    ":1: fields: the year and the week go together");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'month', 'kind': 'month'}")),
	    ":1: fields: a month field needs a week field");
	CHECK_STR(load_error(F(BASE ",\n" DATE ",\n{'name': 'w2', 'kind': "
	    "'week'}")), ":5: fields[3]: a second week field (fields[2] is "
	    "one)");
	CHECK_STR(load_error(F(BASE ",\n" SEQ ",\n{'name': 's2', 'kind': "
	    "'number', 'width': 2, 'sequence': true}")),
	    ":4: fields[2]: a second sequence field (fields[1] is one)");
	CHECK_STR(load_error(F(BASE ",\n{'name': 's', 'kind': 'number', "
	    "'width': 2, 'sequence': 1}")),
	    ":3: fields[1].sequence: not true or false");
	CHECK_STR(load_error(F(BASE ",\n{'name': 's', 'kind': 'number', "
	    "'width': 2, 'sequence': true, 'min': 0}")),
	    ":3: fields[1].min: not a whole number from 1 to 99");
	CHECK_STR(load_error("{'fields': [" BASE "], 'scope': ['base']}"),
	    ":1: scope: a scope without a sequence field");
	CHECK_STR(load_error("{'fields': [" BASE ",\n" SEQ "],\n"
	    "'scope': ['colour']}"), ":3: scope[0]: no field \"colour\"");
	CHECK_STR(load_error("{'fields': [" BASE ",\n" SEQ "],\n"
	    "'scope': ['seq']}"),
	    ":3: scope[0]: the sequence cannot be in its own scope");
	CHECK_STR(load_error("{'fields': [" BASE ",\n" SEQ "],\n"
	    "'scope': ['base', 'base']}"), ":3: scope[1]: \"base\" again");
	CHECK_STR(load_error("{'fields': [" BASE ",\n" DATE "],\n"
	    "'demand': []}"), ":4: demand: a list of 1 to 8 record fields");
	CHECK_STR(load_error("{'fields': [" BASE ",\n" DATE "],\n"
	    "'demand': ['week']}"), ":3: fields[2]: decoding writes the "
	    "demand week to \"week\"");
	/* Texts and options: padding that decoding can tell apart. */
	CHECK_STR(load_error(F(BASE ",\n{'name': 'c', 'kind': 'text', "
	    "'width': 2, 'optional': true}")),
	    ":3: fields[1]: an optional text needs a pad character");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'c', 'kind': 'text', "
	    "'width': 2, 'pad': 'A'}")), ":3: fields[1].pad: 'A' is one of "
	    "the characters of the text: decoding could not tell padding from "
	    "text");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'c', 'kind': 'text', "
	    "'width': 2, 'chars': 'Z-A', 'pad': '-'}")),
	    ":3: fields[1].chars: Z-A is not a range");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'c', 'kind': 'text', "
	    "'width': 2, 'chars': 'A B'}")), ":3: fields[1].chars: printable "
	    "ASCII characters other than space, '\"' and '\\', and ranges "
	    "such as 0-9");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'c', 'kind': 'text', "
	    "'width': 2, 'align': 'centre'}")),
	    ":3: fields[1].align: left or right");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'o', 'kind': 'options', "
	    "'width': 2, 'slots': 2, 'pad': '-'}")), ":3: fields[1].pad: 2 "
	    "printable ASCII characters other than space, '\"' and '\\' (the "
	    "width of a slot)");
	CHECK_STR(load_error(F(BASE ",\n{'name': 'o', 'kind': 'options', "
	    "'width': 2, 'slots': 17, 'pad': '--'}")), ":3: fields[1].slots: not a whole number from 1 to 16");
	CHECK_STR(load_error(F(BASE ",\n{'kind': 'literal', 'text': ''}")),
	    ":3: fields[1].text: 1 to 64 printable ASCII characters other "
	    "than space, '\"' and '\\'");
	CHECK_STR(load_error("{'fields': [" BASE "]"),
	    ":1:96: '}' expected near end of file");
}

/* A layout of every other kind: literals, a right-aligned text, a
 * four-digit year, a plain number, no scope (so per base and week). */
static void
test_other_layout(void)
{
	crm_ordercode *l = layout_from("{'fields': [\n"
	    "{'kind': 'literal', 'text': 'K-'},\n"
	    "{'name': 'line', 'kind': 'map', 'width': 1, 'map': "
	    "{'north': 'N', 'south': 'S'}},\n"
	    "{'name': 'year', 'kind': 'year', 'width': 4},\n"
	    "{'name': 'week', 'kind': 'week'},\n"
	    "{'kind': 'literal', 'text': '/'},\n"
	    "{'name': 'n', 'kind': 'number', 'width': 3, 'sequence': true, "
	    "'max': 500},\n"
	    "{'name': 'trim', 'kind': 'text', 'width': 3, 'chars': 'a-z', "
	    "'pad': '.', 'align': 'right'},\n"
	    "{'name': 'qty', 'kind': 'number', 'width': 2, 'source': 'q'}],\n"
	    "'demand': ['due']}\n");
	char scope[CRM_ORDERCODE_SCOPE_BUFSZ];
	crm_rec *r = crm_rec_new();
	const char *j;

	CHECK(l != NULL);
	if (l == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		crm_rec_free(r);
		return;
	}
	CHECK_INT(crm_ordercode_width(l), 18);
	CHECK_STR(crm_ordercode_seq_field(l), "n");
	CHECK_STR(enc(l, "{\"line\":\"north\",\"due\":\"1999-W52\",\"n\":7,"
	    "\"trim\":\"ab\",\"q\":0}"), "K-N199952/007.ab00");
	CHECK_STR(dec(l, "K-N199952/007.ab00"), "{\"line\":\"north\","
	    "\"due\":\"1999-W52\",\"year\":1999,\"week\":52,\"n\":7,"
	    "\"trim\":\"ab\",\"q\":0}");
	CHECK_STR(dec(l, "K+N199952/007.ab00"), "error: position 2: literal: "
	    "not \"K-\"");
	CHECK_STR(dec(l, "K-N000052/007.ab00"), "error: position 4: year: "
	    "no year 0");
	CHECK_STR(dec(l, "K-N199952/501.ab00"), "error: position 11: n: 501 "
	    "is out of range 1 to 500");
	CHECK_STR(dec(l, "K-N199952/007a.b00"), "error: position 15: trim: "
	    "padding inside the code");
	CHECK_STR(dec(l, "K-N199952/007...00"), "error: position 14: trim: "
	    "only padding, no code");
	CHECK_STR(enc(l, "{\"line\":\"north\",\"due\":\"1999-W52\",\"n\":7,"
	    "\"q\":0}"), "error: trim: missing");
	CHECK_STR(enc(l, "{\"line\":\"north\",\"n\":7,\"trim\":\"a\",\"q\":0}"),
	    "error: due: missing");
	j = "{\"line\":\"south\",\"due\":\"2026-12-31\",\"trim\":\"x\",\"q\":3}";
	crm_rec_parse(r, j, strlen(j), &err);
	CHECK_INT(crm_ordercode_scope_rec(l, r, scope, &err), CRM_OK);
	CHECK_STR(scope, "S/2026/W53");
	crm_rec_free(r);
	crm_ordercode_free(l);
}

static crm_db *
open_db(void)
{
	char p[300];
	crm_db *db = NULL;

	snprintf(p, sizeof(p), "%s/s.db", dir);
	if (crm_db_open(&db, p, 0, &err) != CRM_OK)
		fprintf(stderr, "open: %s\n", err.msg);
	return db;
}

/* The last number of scope in the database; -1 when it has none. */
static int64_t
stored(crm_db *db, const char *scope)
{
	sqlite3_stmt *st;
	int64_t last = -1;

	if (sqlite3_prepare_v2(crm_db_handle(db), "SELECT last FROM "
	    "order_seqs WHERE scope = ?1", -1, &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return last;
}

static void
test_seqs(void)
{
	char scope[CRM_ORDERCODE_SCOPE_BUFSZ];
	crm_ordercode_values v;
	crm_ordercode_seqs *s = NULL;
	crm_db *db = open_db();
	int64_t n = 0;

	if (db == NULL) {
		CHECK(db != NULL);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.plant = "BJ";
	v.iso_year = 2026;
	v.week = 40;
	CHECK_INT(crm_ordercode_scope(oc, &v, scope, &err), CRM_OK);
	CHECK_STR(scope, "02/2026/W40");
	v.plant = "XA";
	CHECK_INT(crm_ordercode_scope(oc, &v, scope, &err), CRM_EDATA);
	CHECK_STR(err.msg, "plant: no code for \"XA\" in the layout");
	v.plant = "BJ";
	v.iso_year = 0;
	CHECK_INT(crm_ordercode_scope(oc, &v, scope, &err), CRM_EDATA);
	CHECK_STR(err.msg, "demand_week: missing");
	v.iso_year = 2026;
	CHECK_INT(crm_ordercode_scope(oc, &v, scope, &err), CRM_OK);

	/* Outside a transaction: refused. */
	CHECK_INT(crm_ordercode_next_seq(db, oc, scope, &n, &err),
	    CRM_EINTERNAL);
	CHECK_STR(err.msg, "order_seqs: sequence numbers outside a "
	    "transaction");
	CHECK_INT(crm_ordercode_seqs_new(db, oc, &s, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_EINTERNAL);
	crm_ordercode_seqs_free(s);
	crm_ordercode_seqs_free(NULL);

	/* next, claim, flush; the counters written back once. */
	crm_db_begin(db, &err);
	CHECK_INT(crm_ordercode_next_seq(db, oc, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 1);
	CHECK_INT(crm_ordercode_seqs_new(db, oc, &s, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 2);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 3);
	CHECK_INT(crm_ordercode_seqs_next(s, "01/2026/W40", &n, &err), CRM_OK);
	CHECK_INT(n, 1);
	CHECK_INT(stored(db, scope), 1);
	CHECK_INT(crm_ordercode_seqs_claim(s, scope, 10, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_claim(s, scope, 5, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 11);
	CHECK_INT(crm_ordercode_seqs_claim(s, "03/2026/W40", 7, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
	CHECK_INT(stored(db, scope), 11);
	CHECK_INT(stored(db, "01/2026/W40"), 1);
	CHECK_INT(stored(db, "03/2026/W40"), 7);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 12);
	CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
	crm_ordercode_seqs_free(s);
	CHECK_INT(crm_db_commit(db, &err), CRM_OK);

	/* A rolled-back transaction's numbers are handed out again. */
	crm_db_begin(db, &err);
	crm_ordercode_seqs_new(db, oc, &s, &err);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 13);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 14);
	CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
	crm_ordercode_seqs_free(s);
	crm_db_rollback(db);
	CHECK_INT(stored(db, scope), 12);
	crm_db_begin(db, &err);
	crm_ordercode_seqs_new(db, oc, &s, &err);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 13);

	/* The last number of a scope, then a message. */
	CHECK_INT(crm_ordercode_seqs_claim(s, scope, 9998, &err), CRM_OK);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_OK);
	CHECK_INT(n, 9999);
	CHECK_INT(crm_ordercode_seqs_next(s, scope, &n, &err), CRM_EDATA);
	CHECK_STR(err.msg, "seq: every number of scope 02/2026/W40 is used "
	    "(1 to 9999)");
	CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
	CHECK_INT(crm_ordercode_next_seq(db, oc, scope, &n, &err), CRM_EDATA);
	CHECK_STR(err.msg, "seq: every number of scope 02/2026/W40 is used "
	    "(1 to 9999)");
	crm_ordercode_seqs_free(s);
	crm_db_rollback(db);

	/* stamp hands out numbers and claims those records bring. */
	{
		const char *a = "{\"plant\":\"SH\",\"demand_week\":\"2027-W02\"}";
		const char *b = "{\"plant\":\"SH\",\"demand_week\":\"2027-W02\","
		    "\"seq\":40}";
		crm_rec *r = crm_rec_new();

		crm_db_begin(db, &err);
		crm_ordercode_seqs_new(db, oc, &s, &err);
		crm_rec_parse(r, a, strlen(a), &err);
		CHECK_INT(crm_ordercode_stamp(oc, r, NULL, s, &err), CRM_OK);
		CHECK_STR(crm_rec_get(r, "seq"), "1");
		CHECK_STR(crm_rec_get(r, "order_code"),
		    "012701020001----------");
		crm_rec_parse(r, b, strlen(b), &err);
		CHECK_INT(crm_ordercode_stamp(oc, r, NULL, s, &err), CRM_OK);
		CHECK_STR(crm_rec_get(r, "order_code"),
		    "012701020040----------");
		crm_rec_parse(r, a, strlen(a), &err);
		CHECK_INT(crm_ordercode_stamp(oc, r, NULL, s, &err), CRM_OK);
		CHECK_STR(crm_rec_get(r, "order_code"),
		    "012701020041----------");
		CHECK_INT(crm_ordercode_seqs_flush(s, &err), CRM_OK);
		CHECK_INT(crm_db_commit(db, &err), CRM_OK);
		CHECK_INT(stored(db, "01/2027/W02"), 41);
		crm_ordercode_seqs_free(s);
		crm_rec_free(r);
	}
	crm_db_close(db);
}

int
main(void)
{
	char cmd[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/layout.json", dir);
	if (crm_ordercode_load("share/crm/order-code.json", &oc, &err) !=
	    CRM_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_month_of_week);
	RUN(test_every_plant_and_week);
	RUN(test_every_seq);
	RUN(test_every_colour);
	RUN(test_every_option_set);
	RUN(test_encode_refusals);
	RUN(test_decode_refusals);
	RUN(test_stamp);
	RUN(test_layout_errors);
	RUN(test_other_layout);
	RUN(test_seqs);
	crm_ordercode_free(oc);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	DONE();
}
