/*
 * care_optout.c - opting out of (and back into) contact by a channel or
 * by every channel, for a customer or one of its contacts.
 */
#include "care_internal.h"

static const char *const channels[] = { "email", "sms", "phone", "post" };

static const char contact_sql[] =
	"SELECT 1 FROM contacts WHERE id = ?1 AND customer_id = ?2";
/* The opt-outs of the scope: the customer's own (contact NULL) or the
 * contact's; ?3 NULL matches only opt-outs of every channel. */
static const char same_sql[] =
	"SELECT 1 FROM opt_outs WHERE customer_id = ?1 AND contact_id IS ?2"
	" AND (channel IS ?3 OR channel IS NULL)";
static const char insert_sql[] =
	"INSERT INTO opt_outs (customer_id, contact_id, channel, opted_out_at,"
	" source) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char delete_sql[] =
	"DELETE FROM opt_outs WHERE customer_id = ?1 AND contact_id IS ?2"
	" AND (?3 IS NULL OR channel = ?3)";
static const char all_sql[] =
	"SELECT 1 FROM opt_outs WHERE customer_id = ?1 AND contact_id IS ?2"
	" AND channel IS NULL";
static const char flag_sql[] =
	"UPDATE contacts SET opt_out = 0 WHERE id = ?1 AND opt_out = 1";
static const char flag_set_sql[] =
	"SELECT 1 FROM contacts WHERE id = ?1 AND opt_out = 1";

/* Check the channel, the customer and the contact; the customer that
 * customer now is (after following merged_into, as tags do: an opt-out
 * given under a merged record's id must hold for the survivor, whose
 * opt-outs a campaign reads) into id. */
static int
scope(crm_db *db, const char *customer, const char *contact,
    const char *channel, crm_buf *id, crm_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, found;

	if (channel != NULL) {
		for (i = 0; i < ARRAY_LEN(channels) &&
		    strcmp(channel, channels[i]) != 0; i++)
			continue;
		if (i == ARRAY_LEN(channels))
			return crm_err_set(err, CRM_EUSAGE, "--channel: email, "
			    "sms, phone or post, not %s", channel);
	}
	if ((rc = crm_customer_survivor(db, customer, id, NULL, NULL,
	    err)) == CRM_END)
		return crm_err_set(err, CRM_EDATA, "customer %s: unknown "
		    "customer", customer);
	if (rc != CRM_OK || contact == NULL)
		return rc;
	if ((rc = crm_db_stmt(db, contact_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, contact, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, id->data, (int)id->len, SQLITE_TRANSIENT);
	if ((rc = crm_db_found(db, st, "contacts", &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_err_set(err, CRM_EDATA, "contact %s: not a contact "
		    "of customer %s", contact, customer);
	return CRM_OK;
}

static void
bind_scope(sqlite3_stmt *st, const char *customer, const char *contact,
    const char *channel)
{
	sqlite3_bind_text(st, 1, customer, -1, SQLITE_TRANSIENT);
	if (contact != NULL)
		sqlite3_bind_text(st, 2, contact, -1, SQLITE_TRANSIENT);
	if (channel != NULL)
		sqlite3_bind_text(st, 3, channel, -1, SQLITE_TRANSIENT);
}

/* Step st, which changes rows, to its end: *n gets the rows changed. */
static int
change(crm_db *db, sqlite3_stmt *st, int *n, crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "opt_outs", err);
	*n = sqlite3_changes(crm_db_handle(db));
	return CRM_OK;
}

static int
opt_out(crm_db *db, const char *customer, const char *contact,
    const char *channel, int64_t now, const char *source, int *changed,
    crm_err *err)
{
	char at[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	int rc, found, n;

	if ((rc = crm_db_stmt(db, same_sql, &st, err)) != CRM_OK)
		return rc;
	bind_scope(st, customer, contact, channel);
	if ((rc = crm_db_found(db, st, "opt_outs", &found, err)) != CRM_OK ||
	    found)
		return rc;
	if (channel == NULL) {
		/* Every channel replaces the opt-outs of single ones. */
		if ((rc = crm_db_stmt(db, delete_sql, &st, err)) != CRM_OK)
			return rc;
		bind_scope(st, customer, contact, NULL);
		if ((rc = change(db, st, &n, err)) != CRM_OK)
			return rc;
	}
	if ((rc = crm_db_stmt(db, insert_sql, &st, err)) != CRM_OK)
		return rc;
	bind_scope(st, customer, contact, channel);
	sqlite3_bind_text(st, 4, crm_time_format(now, at), -1,
	    SQLITE_TRANSIENT);
	if (source != NULL)
		sqlite3_bind_text(st, 5, source, -1, SQLITE_TRANSIENT);
	if ((rc = change(db, st, &n, err)) == CRM_OK && changed != NULL)
		*changed = 1;
	return rc;
}

int
crm_care_optout(crm_db *db, const char *customer, const char *contact,
    const char *channel, int64_t now, const char *source, int *changed,
    crm_err *err)
{
	crm_buf id = CRM_BUF_INIT;
	int rc;

	if (changed != NULL)
		*changed = 0;
	if ((rc = scope(db, customer, contact, channel, &id, err)) == CRM_OK)
		rc = opt_out(db, id.data, contact, channel, now, source,
		    changed, err);
	crm_buf_free(&id);
	return rc;
}

/* The opt-outs of customer (the survivor; named, as the caller gave it,
 * in messages) undone. */
static int
opt_in(crm_db *db, const char *customer, const char *named,
    const char *contact, const char *channel, int *changed, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, found, n = 0, flag = 0;

	if (channel != NULL) {
		if ((rc = crm_db_stmt(db, all_sql, &st, err)) != CRM_OK)
			return rc;
		bind_scope(st, customer, contact, NULL);
		if ((rc = crm_db_found(db, st, "opt_outs", &found, err)) !=
		    CRM_OK)
			return rc;
		if (contact != NULL && !found) {
			if ((rc = crm_db_stmt(db, flag_set_sql, &st, err)) !=
			    CRM_OK)
				return rc;
			sqlite3_bind_text(st, 1, contact, -1, SQLITE_TRANSIENT);
			if ((rc = crm_db_found(db, st, "contacts", &found,
			    err)) != CRM_OK)
				return rc;
		}
		if (found)
			return crm_err_set(err, CRM_EDATA, "%s %s: opted "
			    "out of every channel: opt in without a channel",
			    contact ? "contact" : "customer",
			    contact ? contact : named);
	} else if (contact != NULL) {
		if ((rc = crm_db_stmt(db, flag_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, contact, -1, SQLITE_TRANSIENT);
		if ((rc = change(db, st, &flag, err)) != CRM_OK)
			return rc;
	}
	if ((rc = crm_db_stmt(db, delete_sql, &st, err)) != CRM_OK)
		return rc;
	bind_scope(st, customer, contact, channel);
	if ((rc = change(db, st, &n, err)) == CRM_OK && changed != NULL)
		*changed = n + flag > 0;
	return rc;
}

int
crm_care_optin(crm_db *db, const char *customer, const char *contact,
    const char *channel, int *changed, crm_err *err)
{
	crm_buf id = CRM_BUF_INIT;
	int rc;

	if (changed != NULL)
		*changed = 0;
	if ((rc = scope(db, customer, contact, channel, &id, err)) == CRM_OK)
		rc = opt_in(db, id.data, customer, contact, channel, changed,
		    err);
	crm_buf_free(&id);
	return rc;
}
