/*
 * fuzz_load.c - crm-db load: records of any shape into a database.  Each
 * input is loaded into a fresh copy of an empty database; whatever the
 * input, the load either fails (and the database stays empty) or
 * succeeds (and the database passes its integrity and foreign key
 * checks, and dumps to records that load again to the same dump).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static int
load(const char *db_path, const char *in_path, crm_err *err)
{
	crm_db *db;
	crm_loader *ld = NULL;
	crm_in *in = NULL;
	crm_rec *r = crm_rec_new();
	int rc;

	if ((rc = crm_db_open(&db, db_path, 0, err)) != CRM_OK)
		abort();
	if ((rc = crm_in_open(&in, in_path, CRM_FMT_JSONL, err)) != CRM_OK ||
	    (rc = crm_loader_new(db, &ld, err)) != CRM_OK)
		goto out;
	while ((rc = crm_in_read(in, r, err)) == CRM_OK)
		if ((rc = crm_loader_add(ld, r, err)) != CRM_OK)
			break;
	if (rc == CRM_END)
		rc = crm_loader_finish(ld, err);
out:
	crm_loader_free(ld);
	crm_in_close(in);
	crm_rec_free(r);
	crm_db_close(db);
	return rc;
}

static void
dump(const char *db_path, const char *out_path)
{
	crm_db *db;
	crm_out *out;
	crm_err err;

	if (crm_db_open(&db, db_path, 0, &err) != CRM_OK ||
	    crm_out_open(&out, out_path, CRM_FMT_JSONL, 0, &err) != CRM_OK ||
	    crm_db_dump(db, out, &err) != CRM_OK ||
	    crm_out_close(out, &err) != CRM_OK)
		abort();
	crm_db_close(db);
}

static void
reset(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s-wal", dir, name);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s-shm", dir, name);
	unlink(path);
}

static int
same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa != NULL && fb != NULL;

	while (same && (ca = getc(fa)) == (cb = getc(fb)) && ca != EOF)
		;
	if (same)
		same = ca == cb;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[96], a[96], b[96], d1[96], d2[96];
	crm_err err;
	FILE *fp;
	unsigned long problems;
	crm_db *db;
	crm_out *out;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "/tmp/crm-fuzz-load-%ld",
		    (long)getpid());
		if (access(dir, F_OK) != 0 && mkdir(dir, 0700) != 0)
			abort();
	}
	snprintf(in, sizeof(in), "%s/in.jsonl", dir);
	snprintf(a, sizeof(a), "%s/a.db", dir);
	snprintf(b, sizeof(b), "%s/b.db", dir);
	snprintf(d1, sizeof(d1), "%s/d1.jsonl", dir);
	snprintf(d2, sizeof(d2), "%s/d2.jsonl", dir);
	reset("a.db");
	reset("b.db");
	if ((fp = fopen(in, "wb")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	if (load(a, in, &err) != CRM_OK) {
		/* Failed: the database must hold nothing. */
		dump(a, d1);
		fp = fopen(d1, "rb");
		if (fp == NULL)
			abort();
		while (getc(fp) != '\n')
			;
		if (getc(fp) != EOF)
			abort();
		fclose(fp);
		return 0;
	}
	if (crm_db_open(&db, a, 0, &err) != CRM_OK ||
	    crm_out_open(&out, "/dev/null", CRM_FMT_JSONL, 0, &err) != CRM_OK ||
	    crm_db_check(db, out, &problems, &err) != CRM_OK || problems != 0)
		abort();
	crm_out_close(out, &err);
	crm_db_close(db);
	dump(a, d1);
	if (load(b, d1, &err) != CRM_OK)
		abort();
	dump(b, d2);
	if (!same_file(d1, d2))
		abort();
	return 0;
}
