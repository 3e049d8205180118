/*
 * fuzz_service_plan.c - service plan rule files: any bytes either fail
 * to load with CRM_ECONFIG and a message, or load and then give, for a
 * few delivered units (a leap day, a month end, one near the end of the
 * calendar), services in due order, within the bounds asked, numbered
 * from 1 to at most 1000 per unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixture[] =
	"INSERT INTO locations (id, name) VALUES ('D1', 'Dealer');"
	"INSERT INTO products (sku, name, category) VALUES"
	" ('X5', 'X5 SUV', 'vehicle'), ('MAT', 'Floor mats', 'accessory');"
	"INSERT INTO stock_lots (id, sku, received_on, qty, unit_cost_minor,"
	" currency, serial, location_id, recorded_at) VALUES"
	" ('L1', 'X5', '2024-01-01', 1, 1, 'CNY', 'VIN1', 'D1', 'r'),"
	" ('L2', 'X5', '2024-01-01', 1, 1, 'CNY', 'VIN2', 'D1', 'r'),"
	" ('L3', 'MAT', '2024-01-01', 9, 1, 'CNY', NULL, 'D1', 'r'),"
	" ('L4', 'X5', '2024-01-01', 1, 1, 'CNY', 'VIN4', 'D1', 'r');"
	"INSERT INTO stock_moves (lot_id, location_id, moved_on, qty, kind,"
	" customer_id, recorded_at) VALUES"
	" ('L1', 'D1', '2024-01-01', 1, 'receive', NULL, 'r'),"
	" ('L2', 'D1', '2024-01-01', 1, 'receive', NULL, 'r'),"
	" ('L3', 'D1', '2024-01-01', 9, 'receive', NULL, 'r'),"
	" ('L4', 'D1', '2024-01-01', 1, 'receive', NULL, 'r'),"
	" ('L1', 'D1', '2024-02-29', -1, 'issue', 'C1', 'r'),"
	" ('L2', 'D1', '2026-01-31', -1, 'issue', 'C2', 'r'),"
	" ('L3', 'D1', '2026-01-31', -4, 'issue', 'C2', 'r'),"
	" ('L4', 'D1', '9999-11-30', -1, 'issue', NULL, 'r');";

/* Issues in the fixture: each has at most 1000 services. */
#define UNITS 4

static crm_db *db;
static char outpath[96];

static void
setup(void)
{
	snprintf(outpath, sizeof(outpath),
	    "/tmp/crm-fuzz-service-plan-%ld.out", (long)getpid());
	db = fuzz_db_open("service-plan", fixture);
}

/* The day of field key of r; abort when it is not a date. */
static int32_t
day_of(const crm_rec *r, const char *key)
{
	int32_t day;
	crm_err err;

	if (crm_date_get(r, key, &day, &err) != CRM_OK)
		abort();
	return day;
}

/* Read the services written back and check them. */
static void
check_output(const char *from, const char *to)
{
	int32_t lo = INT32_MIN, hi = INT32_MAX, last = INT32_MIN, due;
	unsigned long n = 0;
	crm_rec *r = crm_rec_new();
	const char *no;
	char line[4096];
	crm_err err;
	FILE *fp;

	if (r == NULL || (fp = fopen(outpath, "r")) == NULL ||
	    (from != NULL && crm_date_parse(from, strlen(from), &lo, &err)) ||
	    (to != NULL && crm_date_parse(to, strlen(to), &hi, &err)))
		abort();
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (crm_rec_parse(r, line, strlen(line), &err) != CRM_OK)
			abort();
		due = day_of(r, "due_on");
		no = crm_rec_get(r, "service_no");
		if (due < lo || due > hi || due < last ||
		    due <= day_of(r, "delivered_on") || no == NULL ||
		    strtol(no, NULL, 10) < 1 || strtol(no, NULL, 10) > 1000 ||
		    crm_rec_get(r, "plan") == NULL ||
		    crm_rec_get(r, "service") == NULL)
			abort();
		last = due;
		n++;
	}
	if (ferror(fp) || n > UNITS * 1000)
		abort();
	fclose(fp);
	crm_rec_free(r);
}

static void
run(const crm_service_plan *p, const char *from, const char *to)
{
	crm_stock_query q;
	crm_out *out;
	crm_err err;

	memset(&q, 0, sizeof(q));
	q.from = from;
	q.to = to;
	if (crm_out_open(&out, outpath, CRM_FMT_JSONL, 0, &err) != CRM_OK ||
	    crm_stock_service_plan(db, p, &q, out, &err) != CRM_OK ||
	    crm_out_close(out, &err) != CRM_OK)
		abort();
	check_output(from, to);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	crm_service_plan *p;
	crm_err err;
	int rc;

	if (db == NULL)
		setup();
	rc = crm_service_plan_load(fuzz_file("service-plan", data, size), &p,
	    &err);
	if (rc != CRM_OK) {
		if (rc != CRM_ECONFIG || p != NULL || err.msg[0] == '\0')
			abort();
		return 0;
	}
	run(p, NULL, NULL);
	run(p, "2026-02-28", "2027-02-28");
	crm_service_plan_free(p);
	return 0;
}
