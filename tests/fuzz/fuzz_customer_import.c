/*
 * fuzz_customer_import.c - crm-customer import: any bytes as customer
 * records, each imported in a savepoint, the whole input in a
 * transaction that is rolled back.  Whatever the input, every record is
 * imported or refused with CRM_EDATA and a message, the counts add up
 * to the records taken, and afterwards every contact, address and tag
 * belongs to a customer, every owner is a rep, and no e-mail address is
 * stored that does not pass crm_email_norm unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/crm.h"
#include "fuzz_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char orphans_sql[] =
	"SELECT (SELECT count(*) FROM contacts WHERE customer_id NOT IN"
	"  (SELECT id FROM customers))"
	" + (SELECT count(*) FROM addresses WHERE customer_id NOT IN"
	"  (SELECT id FROM customers))"
	" + (SELECT count(*) FROM customer_tags WHERE tag = ''"
	"  OR customer_id NOT IN (SELECT id FROM customers))"
	" + (SELECT count(*) FROM customers WHERE owner_rep_id IS NOT NULL"
	"  AND owner_rep_id NOT IN (SELECT id FROM reps))";

static crm_db *db;

static unsigned long
import_all(crm_customer_importer *imp, crm_in *in)
{
	crm_rec *r = crm_rec_new();
	unsigned long taken = 0;
	crm_err err;
	int rc;

	if (r == NULL)
		abort();
	while ((rc = crm_in_read(in, r, &err)) != CRM_END) {
		if (rc == CRM_EDATA)
			continue;
		if (rc != CRM_OK || crm_db_savepoint(db, &err) != CRM_OK)
			break;
		rc = crm_customer_import(imp, r, &err);
		if (rc != CRM_OK && (rc != CRM_EDATA || err.msg[0] == '\0'))
			abort();
		taken += rc == CRM_OK;
		if ((rc != CRM_OK ? crm_db_rollback_to(db, &err) :
		    crm_db_release(db, &err)) != CRM_OK)
			abort();
	}
	crm_rec_free(r);
	return taken;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const crm_customer_import_counts *c;
	crm_customer_importer *imp;
	unsigned long taken;
	crm_in *in;
	crm_err err;

	if (db == NULL)
		db = fuzz_db_open("customer", "INSERT INTO reps (id, name,"
		    " created_at) VALUES ('R1', 'Ann', 'x')");
	if (crm_in_open(&in, fuzz_file("customer", data, size), CRM_FMT_JSONL,
	    &err) != CRM_OK ||
	    crm_customer_importer_new(db, "86", 1795334400000, &imp, &err) !=
	    CRM_OK || crm_db_begin(db, &err) != CRM_OK)
		abort();
	crm_in_set_max_line(in, 8192);
	taken = import_all(imp, in);
	c = crm_customer_import_counts_of(imp);
	if (c->inserted + c->updated + c->unchanged != taken)
		abort();
	fuzz_db_none(db, orphans_sql);
	fuzz_db_emails(db, "SELECT email FROM customers WHERE email IS NOT"
	    " NULL UNION ALL SELECT email FROM contacts WHERE email IS NOT"
	    " NULL");
	crm_customer_importer_free(imp);
	crm_in_close(in);
	crm_db_rollback(db);
	return 0;
}
