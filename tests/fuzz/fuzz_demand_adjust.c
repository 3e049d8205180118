/*
 * fuzz_demand_adjust.c - the adjustment loader over any bytes, against
 * forecast rows of months, a week and a day, some bounds below zero:
 *   - the bytes as an adjustment file: applied whole, or refused with a
 *     message and the rows exactly as they were;
 *   - each line as one adjustment record: applied, or refused with
 *     CRM_EDATA and a message and the rows exactly as they were;
 *   - each line as a forecast row record: added, or refused with
 *     CRM_EDATA and a message and the row count unchanged.
 * Whatever was applied keeps the rows' promises: every final forecast
 * and bound finite, not below zero, below CRM_DEMAND_MAX, and each
 * step's value after it what its operation makes of the value before.
 * Everything applied is taken back after each input.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINES 256

static const char *const keys[] = { "sku", "region" };
static const char *const bounds[] = { "lo80", "hi80" };

static crm_demand_rows *rows;
static crm_rec *rec, *out;
static crm_buf before = CRM_BUF_INIT, now = CRM_BUF_INIT;

static void
setup(void)
{
	static const struct {
		const char *sku, *region, *period;
		double f, lo, hi;
	} fixture[] = {
		{ "A", "North", "2026-11", 100, 80, 120 },
		{ "A", "North", "2026-12", 50, -5, 105 },
		{ "A", "South", "2026-11", 0, 0, 0 },
		{ "B", "North", "2026-W48", 12.5, 10, 15 },
		{ "7", "East", "2026-11-22", 0.25, -1, 1.5 },
	};
	crm_err err;
	size_t i;

	if ((rec = crm_rec_new()) == NULL || (out = crm_rec_new()) == NULL ||
	    crm_demand_rows_new(keys, 2, bounds, 2, 0, &rows, &err) != CRM_OK)
		abort();
	for (i = 0; i < sizeof(fixture) / sizeof(fixture[0]); i++) {
		const char *vals[2] = { fixture[i].sku, fixture[i].region };
		double b[2] = { fixture[i].lo, fixture[i].hi };

		if (crm_demand_rows_add(rows, vals, fixture[i].period,
		    fixture[i].f, b, &err) != CRM_OK)
			abort();
	}
}

/* Every row as JSON lines into b. */
static void
snapshot(crm_buf *b)
{
	crm_err err;
	size_t i;

	crm_buf_reset(b);
	for (i = 0; i < crm_demand_rows_count(rows); i++)
		if (crm_demand_rows_write(rows, i, out, &err) != CRM_OK ||
		    crm_rec_write_json(out, b, &err) != CRM_OK ||
		    crm_buf_addc(b, '\n') != CRM_OK)
			abort();
}

static void
same_as_before(void)
{
	snapshot(&now);
	if (now.len != before.len || memcmp(now.data, before.data,
	    now.len) != 0)
		abort();
}

static int
fine(double v)
{
	return isfinite(v) && v >= 0 && v < CRM_DEMAND_MAX;
}

/* The promises of every row; the number of steps of all rows. */
static size_t
check_rows(void)
{
	const crm_demand_row *r;
	const crm_demand_step *s;
	size_t i, k, steps = 0;
	double x, v;
	char *end;

	for (i = 0; i < crm_demand_rows_count(rows); i++) {
		r = crm_demand_rows_at(rows, i);
		if (!fine(r->final) || !fine(r->bounds[0]) ||
		    !fine(r->bounds[1]) || (r->clamped && r->final != 0))
			abort();
		x = r->stat;
		for (k = 0; k < r->nsteps; k++) {
			s = &r->steps[k];
			v = strtod(s->value, &end);
			if (*end != '\0' || s->author[0] == '\0' ||
			    s->reason[0] == '\0')
				abort();
			x = s->op == CRM_DEMAND_SET ? v :
			    s->op == CRM_DEMAND_ADD ? x + v : x * v;
			if (x != s->after || !isfinite(x) ||
			    fabs(x) >= CRM_DEMAND_MAX)
				abort();
		}
		if ((x < 0 ? 0 : x) != r->final)
			abort();
		steps += r->nsteps;
	}
	return steps;
}

static void
undo_all(void)
{
	size_t i;

	for (i = 0; i < crm_demand_rows_count(rows); i++)
		while (crm_demand_rows_undo(rows, i) == CRM_OK)
			;
}

/* The whole input as a file. */
static void
load_file(const uint8_t *data, size_t size)
{
	unsigned long n = 0;
	crm_err err;
	int rc;

	rc = crm_demand_adjust_load(rows, fuzz_file("demand-adjust", data,
	    size), &n, &err);
	if (rc == CRM_OK) {
		if (check_rows() != n)
			abort();
		undo_all();
	} else if ((rc != CRM_EDATA && rc != CRM_EIO) || err.msg[0] == '\0') {
		abort();
	}
	same_as_before();
}

/* Each line as an adjustment and as a forecast row. */
static void
each_line(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	crm_demand_rows *scratch = NULL;
	size_t n = 0, applied = 0, count;
	crm_err err;
	int rc;

	if (crm_demand_rows_new(keys, 2, bounds, 2, 0, &scratch, &err) !=
	    CRM_OK)
		abort();
	for (; p < end && n < MAX_LINES; p = nl + 1, n++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (crm_rec_parse(rec, p, (size_t)(nl - p), &err) != CRM_OK)
			continue;
		crm_rec_set_place(rec, "fuzz", (unsigned long)n + 1);
		snapshot(&before);
		rc = crm_demand_adjust(rows, rec, &err);
		if (rc == CRM_OK)
			applied++;
		else if (rc != CRM_EDATA || err.msg[0] == '\0')
			abort();
		else
			same_as_before();
		if (check_rows() != applied)
			abort();
		count = crm_demand_rows_count(scratch);
		rc = crm_demand_rows_add_rec(scratch, rec, &err);
		if (rc == CRM_OK ? crm_demand_rows_count(scratch) != count + 1 :
		    rc != CRM_EDATA || err.msg[0] == '\0' ||
		    crm_demand_rows_count(scratch) != count)
			abort();
	}
	undo_all();
	crm_demand_rows_free(scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (rows == NULL)
		setup();
	snapshot(&before);
	load_file(data, size);
	each_line(data, size);
	return 0;
}
