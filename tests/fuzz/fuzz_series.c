/*
 * fuzz_series.c - series from records from outside: any bytes as JSON
 * lines into sets of each shape and kind of period (keys of any type,
 * period keys and dates in any shape, values as numbers or strings of
 * any size and precision).  Every record is taken or refused with
 * CRM_EDATA and a message.  A refused record leaves the set as it was:
 * a second set fed only the records the first took takes them all and
 * reads back the very same series.  The series read back are regular
 * (keys in order, a first period of the kind whose value is not 0, the
 * last period common to all) and sum exactly to the values taken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "report_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 2048

/* The sets: all but the last are bounded, so that records far apart
 * cannot ask for gigabytes (or seconds); the one series of years spans
 * the whole calendar. */
static const char *const keys_k[] = { "k" };
static const char *const keys_kj[] = { "k", "j" };
static const crm_series_opts sets[] = {
	{ keys_k, 1, CRM_PERIOD_MONTH, CRM_SERIES_POINTS, NULL, NULL, 0,
	    "1990-01", "2040-12", 0 },
	{ keys_kj, 2, CRM_PERIOD_WEEK, CRM_SERIES_TRANSACTIONS, "d", "v", 1,
	    "2000-01-01", "2030-12-31", 0 },
	{ NULL, 0, CRM_PERIOD_WEEK, CRM_SERIES_POINTS, "d", "v", 0,
	    "1900-01-01", "2100-12-31", 0 },
	{ NULL, 0, CRM_PERIOD_DAY, CRM_SERIES_TRANSACTIONS, "d", NULL, 0,
	    "2020-01-01", "2030-12-31", 0 },
	{ keys_k, 1, CRM_PERIOD_QUARTER, CRM_SERIES_POINTS, NULL, NULL, 1,
	    "1900-Q1", "2099-Q4", 0 },
	{ keys_kj, 2, CRM_PERIOD_YEAR, CRM_SERIES_TRANSACTIONS, "d", "v", 0,
	    "1900", "2100", 0 },
	{ NULL, 0, CRM_PERIOD_YEAR, CRM_SERIES_POINTS, "d", "v", 0, NULL,
	    NULL, 0 },
};

/* The records of the input, one per line that parses. */
struct input {
	crm_rec *recs[MAX_RECORDS];
	size_t n;
};

/* Feed the records (only those marked in want, when not NULL) to a new
 * set of o; mark those taken in took and sum the values taken into the
 * series in *sum.  Aborts on anything but CRM_OK or CRM_EDATA with a
 * message, and on a set that changed with a refusal. */
static crm_series_set *
feed(const crm_series_opts *o, const struct input *in, const char *want,
    char *took, dec *sum)
{
	crm_series_counts before;
	crm_series_set *s;
	const char *v;
	crm_err err;
	size_t i;
	dec d;
	int rc;

	if (crm_series_new(o, &s, &err) != CRM_OK)
		abort();
	sum->v = 0;
	sum->scale = 0;
	for (i = 0; i < in->n; i++) {
		if (want != NULL && !want[i])
			continue;
		before = *crm_series_counts_of(s);
		rc = crm_series_add(s, in->recs[i], &err);
		took[i] = rc == CRM_OK;
		if (rc != CRM_OK) {
			if (rc != CRM_EDATA || err.msg[0] == '\0')
				abort();
			if (memcmp(&before, crm_series_counts_of(s),
			    sizeof(before)) != 0)
				abort();
			continue;
		}
		if (crm_series_counts_of(s)->taken == before.taken)
			continue;       /* outside the periods asked for */
		v = crm_rec_get(in->recs[i], o->value != NULL ? o->value :
		    "value");
		if (v == NULL || dec_parse(v, strlen(v), &d) != 0)
			abort();
		if (dec_add(sum, d) != 0)
			abort();
	}
	return s;
}

/* Read every series of s into out, checking each, and check they sum
 * to sum. */
static void
read_back(crm_series_set *s, const crm_series_opts *o, dec sum,
    crm_buf *out)
{
	char text[CRM_SERIES_TEXTSZ], key[CRM_DATE_BUFSZ];
	crm_buf prev = CRM_BUF_INIT, cur = CRM_BUF_INIT;
	dec total = { 0, 0 }, d;
	crm_series sr;
	size_t i, count = 0;
	crm_err err;
	int rc;

	while ((rc = crm_series_next(s, &sr, &err)) == CRM_OK) {
		count++;
		if (sr.nkeys != o->nkeys)
			abort();
		/* Keys strictly in order: compare their encodings, each
		 * value as 0 (null) or 1 and its bytes, with a 0 after. */
		crm_buf_reset(&cur);
		for (i = 0; i < sr.nkeys; i++) {
			crm_buf_addc(&cur, sr.keys[i] != NULL ? '\1' : '\0');
			if (sr.keys[i] != NULL)
				crm_buf_adds(&cur, sr.keys[i]);
			crm_buf_add(&cur, "", 1);
		}
		if (count > 1 && (o->nkeys == 0 || memcmp(prev.data, cur.data,
		    prev.len < cur.len ? prev.len : cur.len) >= 0))
			abort();
		crm_buf_reset(&prev);
		crm_buf_add(&prev, cur.data, cur.len);
		crm_buf_add(out, cur.data, cur.len);
		crm_buf_printf(out, "|%s|", sr.first);
		if (sr.n == 0) {
			if (sr.first[0] != '\0')
				abort();
		} else {
			if (crm_period_parse(sr.first, strlen(sr.first),
			    o->period, NULL, NULL, &err) != CRM_OK ||
			    crm_series_period(s, 1 - (long)sr.n, key, &err) !=
			    CRM_OK || strcmp(key, sr.first) != 0)
				abort();
		}
		for (i = 0; i < sr.n; i++) {
			if (crm_series_text(s, i, text) == NULL ||
			    dec_parse(text, strlen(text), &d) != 0 ||
			    dec_add(&total, d) != 0 ||
			    sr.values[i] != strtod(text, NULL) ||
			    (i == 0 && d.v == 0))
				abort();
			crm_buf_printf(out, " %s", text);
		}
		crm_buf_addc(out, '\n');
	}
	if (rc != CRM_END || count != crm_series_count(s) ||
	    dec_cmp(total, sum) != 0)
		abort();
	crm_buf_free(&prev);
	crm_buf_free(&cur);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char took[MAX_RECORDS], again[MAX_RECORDS];
	const char *p = (const char *)data, *end = p + size, *nl;
	crm_buf a = CRM_BUF_INIT, b = CRM_BUF_INIT;
	crm_series_set *s, *t;
	struct input in;
	dec sa, sb;
	size_t i, k;
	crm_err err;

	in.n = 0;
	for (; p < end && in.n < MAX_RECORDS; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((in.recs[in.n] = crm_rec_new()) == NULL)
			abort();
		crm_rec_set_place(in.recs[in.n], "fuzz", in.n + 1);
		if (crm_rec_parse(in.recs[in.n], p, (size_t)(nl - p), &err) ==
		    CRM_OK)
			in.n++;
		else
			crm_rec_free(in.recs[in.n]);
	}
	for (k = 0; k < sizeof(sets) / sizeof(sets[0]); k++) {
		s = feed(&sets[k], &in, NULL, took, &sa);
		t = feed(&sets[k], &in, took, again, &sb);
		for (i = 0; i < in.n; i++)
			if (took[i] && !again[i])
				abort();
		if (memcmp(crm_series_counts_of(s), crm_series_counts_of(t),
		    sizeof(crm_series_counts)) != 0)
			abort();
		crm_buf_reset(&a);
		crm_buf_reset(&b);
		read_back(s, &sets[k], sa, &a);
		read_back(t, &sets[k], sb, &b);
		if (a.len != b.len || (a.len > 0 &&
		    memcmp(a.data, b.data, a.len) != 0))
			abort();
		crm_series_free(s);
		crm_series_free(t);
	}
	for (i = 0; i < in.n; i++)
		crm_rec_free(in.recs[i]);
	crm_buf_free(&a);
	crm_buf_free(&b);
	return 0;
}
