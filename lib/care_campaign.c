/*
 * care_campaign.c - a care campaign: one contact record per customer of
 * a segment, logged as a planned activity, nobody opted out and nobody
 * twice.
 */
#include "care_internal.h"

#define DAY_MS INT64_C(86400000)

struct run {
	crm_db *db;
	const crm_care_campaign_opts *o;
	crm_out *out;
	crm_care_campaign_counts *counts;
	const char *addr_col;     /* "email" or "phone" */
	char at[CRM_DATE_BUFSZ], since[CRM_DATE_BUFSZ];
	crm_rec *fields, *rec;
	crm_buf msg, id;
};

static const char optout_sql[] =
	"SELECT 1 FROM opt_outs WHERE customer_id = ?1 AND contact_id IS NULL"
	" AND (channel IS NULL OR channel = ?2)";
static const char contact_optout_sql[] =
	"SELECT 1 FROM contacts WHERE id = ?1 AND opt_out = 1"
	" UNION ALL SELECT 1 FROM opt_outs WHERE contact_id = ?1"
	" AND (channel IS NULL OR channel = ?2)";
static const char cooled_sql[] =
	"SELECT 1 FROM activities WHERE customer_id = ?1 AND (campaign_id = ?2"
	" OR (?3 AND (channel = ?4 OR (channel IS NULL AND kind = ?4))"
	" AND coalesce(done_at, planned_at) >= ?5))";
static const char email_contacts_sql[] =
	"SELECT id, name, role, trim(email) FROM contacts"
	" WHERE customer_id = ?1"
	" AND coalesce(trim(email), '') <> ''"
	" ORDER BY coalesce(lower(role) = 'primary', 0) DESC, id";
static const char phone_contacts_sql[] =
	"SELECT id, name, role, trim(phone) FROM contacts"
	" WHERE customer_id = ?1"
	" AND coalesce(trim(phone), '') <> ''"
	" ORDER BY coalesce(lower(role) = 'primary', 0) DESC, id";
static const char customer_sql[] =
	"SELECT name, kind, region, tier, email, phone, owner_rep_id"
	" FROM customers WHERE id = ?1";
static const char activity_sql[] =
	"INSERT INTO activities (id, kind, customer_id, planned_at, channel,"
	" contact_id, campaign_id, subject, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?2, ?5, ?6, ?6, ?4, ?4)";
static const char campaign_sql[] =
	"SELECT channel FROM campaigns WHERE id = ?1";
static const char new_campaign_sql[] =
	"INSERT INTO campaigns (id, name, channel, template, selection,"
	" created_at) VALUES (?1, ?1, ?2, ?3, ?4, ?5)";

/* Whether the query st, with customer (or contact) id and the channel
 * bound, gives a row. */
static int
exists(struct run *run, const char *sql, const char *id, crm_err *err,
    int *found)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(run->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, run->o->channel, -1, SQLITE_STATIC);
	return crm_db_found(run->db, st, "opt_outs", found, err);
}

static int
cooled(struct run *run, const char *id, int *found, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(run->db, cooled_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, run->o->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, run->o->cooldown_days > 0);
	sqlite3_bind_text(st, 4, run->o->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, run->since, -1, SQLITE_STATIC);
	return crm_db_found(run->db, st, "activities", found, err);
}

static int
set_col(crm_rec *r, const char *key, sqlite3_stmt *st, int i, crm_err *err)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	if (v == NULL)
		return crm_rec_set_null(r, key, err);
	return crm_rec_set_str(r, key, (const char *)v,
	    (size_t)sqlite3_column_bytes(st, i), err);
}

/* The customer's fields for the template: into run->fields. */
static int
customer_fields(struct run *run, const char *id, crm_err *err)
{
	static const char *const names[] = { "name", "kind", "region", "tier",
		"email", "phone", "owner" };
	sqlite3_stmt *st;
	size_t i;
	int rc;

	crm_rec_clear(run->fields);
	if ((rc = crm_db_stmt(run->db, customer_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = crm_db_fail(run->db, rc, "customers", err);
		sqlite3_reset(st);
		return rc;
	}
	rc = crm_rec_set_str(run->fields, "customer_id", id, strlen(id), err);
	for (i = 0; rc == CRM_OK && i < ARRAY_LEN(names); i++)
		rc = set_col(run->fields, names[i], st, (int)i, err);
	sqlite3_reset(st);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(run->fields, "channel", run->o->channel,
		    strlen(run->o->channel), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(run->fields, "campaign", run->o->name,
		    strlen(run->o->name), err);
	return rc;
}

/* The contact to reach: *picked 1 when one was found (contact_id,
 * contact_name, contact_role and to set in run->fields), *all_out 1 when
 * there were contacts with an address but every one opted out. */
static int
pick_contact(struct run *run, const char *id, int *picked, int *all_out,
    crm_err *err)
{
	const char *sql = strcmp(run->o->channel, "email") == 0 ?
	    email_contacts_sql : phone_contacts_sql;
	sqlite3_stmt *st;
	int rc, out, seen = 0;

	*picked = *all_out = 0;
	if ((rc = crm_db_prepare(run->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		seen = 1;
		if ((rc = exists(run, contact_optout_sql, (const char *)
		    sqlite3_column_text(st, 0), err, &out)) != CRM_OK)
			goto out;
		if (out)
			continue;
		if ((rc = set_col(run->fields, "contact_id", st, 0, err)) !=
		    CRM_OK || (rc = set_col(run->fields, "contact_name", st, 1,
		    err)) != CRM_OK || (rc = set_col(run->fields,
		    "contact_role", st, 2, err)) != CRM_OK ||
		    (rc = set_col(run->fields, "to", st, 3, err)) != CRM_OK)
			goto out;
		*picked = 1;
		rc = CRM_OK;
		goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(run->db, rc, "contacts", err);
		goto out;
	}
	*all_out = seen;
	rc = CRM_OK;
out:
	sqlite3_finalize(st);
	return rc;
}

/* No contact: the customer's own address, if any. */
static int
own_address(struct run *run, int *found, crm_err *err)
{
	const char *a = crm_rec_get(run->fields, run->addr_col);
	const char *nm = crm_rec_get(run->fields, "name");
	size_t n = a ? strlen(a) : 0;
	char *name;
	int rc;

	while (n > 0 && (*a == ' ' || *a == '\t'))
		a++, n--;
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	*found = n > 0;
	if (!*found)
		return CRM_OK;
	/* A copy: setting a field may move the record's strings. */
	if ((name = strdup(nm != NULL ? nm : "")) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_rec_set_str(run->fields, "to", a, n, err)) ==
	    CRM_OK && (rc = crm_rec_set_null(run->fields, "contact_id",
	    err)) == CRM_OK && (rc = crm_rec_set_null(run->fields,
	    "contact_role", err)) == CRM_OK)
		rc = crm_rec_set_str(run->fields, "contact_name", name,
		    strlen(name), err);
	free(name);
	return rc;
}

static int
log_activity(struct run *run, const char *cust, const char *contact,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(run->db, activity_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, run->id.data, (int)run->id.len,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, run->o->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cust, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, run->at, -1, SQLITE_STATIC);
	if (contact != NULL)
		sqlite3_bind_text(st, 5, contact, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, run->o->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(run->db, rc,
	    "activities", err);
}

/* The contact record of the customer in run->fields. */
static int
contact(struct run *run, const char *cust, crm_err *err)
{
	const char *contact_id = crm_rec_get(run->fields, "contact_id");
	const char *to = crm_rec_get(run->fields, "to");
	crm_rec *r = run->rec;
	int rc;

	crm_buf_reset(&run->msg);
	crm_buf_reset(&run->id);
	crm_rec_clear(r);
	if ((rc = crm_care_template_fill(run->o->tpl, run->fields, &run->msg,
	    err)) != CRM_OK)
		return rc;
	if (crm_buf_adds(&run->id, run->o->name) != CRM_OK ||
	    crm_buf_addc(&run->id, '/') != CRM_OK ||
	    crm_buf_adds(&run->id, cust) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_rec_set_str(r, "campaign", run->o->name,
	    strlen(run->o->name), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "customer_id", cust, strlen(cust),
	    err)) != CRM_OK ||
	    (rc = (contact_id ? crm_rec_set_str(r, "contact_id", contact_id,
	    strlen(contact_id), err) : crm_rec_set_null(r, "contact_id",
	    err))) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "channel", run->o->channel,
	    strlen(run->o->channel), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "to", to, strlen(to), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "message", run->msg.data ? run->msg.data :
	    "", run->msg.len, err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "activity_id", run->id.data,
	    run->id.len, err)) != CRM_OK)
		return rc;
	if (!run->o->dry_run && (rc = log_activity(run, cust, contact_id,
	    err)) != CRM_OK)
		return rc;
	run->counts->contacted++;
	return crm_out_write(run->out, r, err);
}

static int
one_customer(void *ctx, const crm_rec *cust, crm_err *err)
{
	struct run *run = ctx;
	const char *id = crm_rec_get(cust, "id");
	int rc, found, all_out;

	run->counts->selected++;
	if ((rc = exists(run, optout_sql, id, err, &found)) != CRM_OK)
		return rc;
	if (found) {
		run->counts->opted_out++;
		return CRM_OK;
	}
	if ((rc = cooled(run, id, &found, err)) != CRM_OK)
		return rc;
	if (found) {
		run->counts->cooled_down++;
		return CRM_OK;
	}
	if ((rc = customer_fields(run, id, err)) != CRM_OK ||
	    (rc = pick_contact(run, id, &found, &all_out, err)) != CRM_OK)
		return rc;
	if (all_out) {
		run->counts->opted_out++;
		return CRM_OK;
	}
	if (!found && (rc = own_address(run, &found, err)) != CRM_OK)
		return rc;
	if (!found) {
		run->counts->no_address++;
		return CRM_OK;
	}
	return contact(run, id, err);
}

static int
name_check(const char *name, crm_err *err)
{
	crm_err why;

	if (crm_care_tag_check(name, &why) != CRM_OK || strchr(name, '/'))
		return crm_err_set(err, CRM_EUSAGE, "campaign name: 1 to %d "
		    "bytes, no spaces, commas, slashes or control characters: "
		    "%s", CRM_CARE_TAG_MAX, name);
	return CRM_OK;
}

/* The campaign's row: made if new, its channel checked if not. */
static int
campaign_row(struct run *run, crm_err *err)
{
	const crm_care_campaign_opts *o = run->o;
	crm_buf sel = CRM_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(run->db, campaign_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, o->name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ch = (const char *)sqlite3_column_text(st, 0);

		rc = strcmp(ch, o->channel) == 0 ? CRM_OK : crm_err_set(err,
		    CRM_EDATA, "campaign %s: on channel %s, not %s", o->name,
		    ch, o->channel);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(run->db, rc, "campaigns", err);
	if (o->dry_run)
		return CRM_OK;
	if ((rc = crm_care_segment_json(o->seg, &sel, err)) != CRM_OK ||
	    (rc = crm_db_stmt(run->db, new_campaign_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, crm_care_template_text(o->tpl), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sel.data, (int)sel.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, run->at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(run->db, rc,
	    "campaigns", err);
out:
	crm_buf_free(&sel);
	return rc;
}

int
crm_care_campaign(crm_db *db, const crm_care_campaign_opts *o,
    crm_out *out, crm_care_campaign_counts *counts, crm_err *err)
{
	struct run run;
	int rc;

	memset(counts, 0, sizeof(*counts));
	memset(&run, 0, sizeof(run));
	if ((rc = name_check(o->name, err)) != CRM_OK)
		return rc;
	if (strcmp(o->channel, "email") != 0 && strcmp(o->channel, "sms") != 0)
		return crm_err_set(err, CRM_EUSAGE, "--channel: email or sms, "
		    "not %s", o->channel);
	if (o->cooldown_days < 0)
		return crm_err_set(err, CRM_EUSAGE, "--cooldown: not negative");
	run.db = db;
	run.o = o;
	run.out = out;
	run.counts = counts;
	run.addr_col = strcmp(o->channel, "email") == 0 ? "email" : "phone";
	crm_time_format(o->now, run.at);
	crm_time_format(o->now - o->cooldown_days * DAY_MS, run.since);
	if ((run.fields = crm_rec_new()) == NULL ||
	    (run.rec = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = campaign_row(&run, err)) == CRM_OK)
		rc = crm_care_segment_each(db, o->seg, one_customer, &run, err);
out:
	crm_rec_free(run.fields);
	crm_rec_free(run.rec);
	crm_buf_free(&run.msg);
	crm_buf_free(&run.id);
	return rc;
}
