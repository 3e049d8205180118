/*
 * fuzz_upsert.c - the importers built on lib/upsert.c (crm-lead reps
 * import, crm-customer partners import): any bytes as records, each
 * imported as a rep (or a team, with "type":"team") and as a partner in
 * savepoints, the whole input in a transaction that is rolled back.
 * Whatever the input, every record is imported or refused with
 * CRM_EDATA and a message, each importer's counts add up to the records
 * it took, and afterwards every stored e-mail address passes
 * crm_email_norm unchanged and every active flag is 0 or 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char bad_sql[] =
	"SELECT (SELECT count(*) FROM reps WHERE active NOT IN (0, 1))"
	" + (SELECT count(*) FROM partners WHERE active NOT IN (0, 1))"
	" + (SELECT count(*) FROM reps WHERE team_id IS NOT NULL"
	"  AND team_id NOT IN (SELECT id FROM teams))";

static crm_db *db;

/* One record through one importer in a savepoint: 1 when it went in. */
static int
one(int partner, void *imp, const crm_rec *r)
{
	crm_err err;
	int rc;

	if (crm_db_savepoint(db, &err) != CRM_OK)
		abort();
	rc = partner ? crm_referral_partners_import(imp, r, &err) :
	    crm_route_reps_import(imp, r, &err);
	if (rc != CRM_OK && (rc != CRM_EDATA || err.msg[0] == '\0'))
		abort();
	if ((rc != CRM_OK ? crm_db_rollback_to(db, &err) :
	    crm_db_release(db, &err)) != CRM_OK)
		abort();
	return rc == CRM_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const crm_route_reps_counts *rc;
	const crm_referral_counts *pc;
	crm_route_reps_importer *reps;
	crm_referral_partners *partners;
	unsigned long took_reps = 0, took_partners = 0;
	crm_rec *r;
	crm_in *in;
	crm_err err;
	int got;

	if (db == NULL)
		db = fuzz_db_open("upsert", NULL);
	if ((r = crm_rec_new()) == NULL ||
	    crm_in_open(&in, fuzz_file("upsert", data, size), CRM_FMT_JSONL,
	    &err) != CRM_OK ||
	    crm_route_reps_importer_new(db, "86", 1795334400000, &reps,
	    &err) != CRM_OK ||
	    crm_referral_partners_new(db, "86", 1795334400000, &partners,
	    &err) != CRM_OK || crm_db_begin(db, &err) != CRM_OK)
		abort();
	crm_in_set_max_line(in, 8192);
	while ((got = crm_in_read(in, r, &err)) != CRM_END) {
		if (got == CRM_EDATA)
			continue;
		if (got != CRM_OK)
			break;
		took_reps += one(0, reps, r);
		took_partners += one(1, partners, r);
	}
	got = crm_route_reps_finish(reps, &err);
	if (got != CRM_OK && (got != CRM_EDATA || err.msg[0] == '\0'))
		abort();
	rc = crm_route_reps_counts_of(reps);
	pc = crm_referral_partners_counts(partners);
	if (rc->inserted + rc->updated + rc->unchanged != took_reps ||
	    pc->inserted + pc->updated + pc->unchanged != took_partners)
		abort();
	fuzz_db_none(db, bad_sql);
	fuzz_db_emails(db, "SELECT email FROM reps WHERE email IS NOT NULL"
	    " UNION ALL SELECT email FROM partners WHERE email IS NOT NULL");
	crm_route_reps_importer_free(reps);
	crm_referral_partners_free(partners);
	crm_rec_free(r);
	crm_in_close(in);
	crm_db_rollback(db);
	return 0;
}
