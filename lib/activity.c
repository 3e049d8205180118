/*
 * activity.c - activities in: checked against the customers, deals,
 * reps, contacts and leads they name, redirected from a merged customer
 * to its survivor, inserted or updated on their id, and marked done.
 */
#include "internal.h"

#define ID_MAX 128

static const char *const kinds[] = {
	"visit", "call", "email", "meeting", "task", "sms",
};

/* Fields an activity has; "state" and "merged_from", which crm-activity
 * writes, and the times it keeps itself are read and ignored, so that
 * what list writes imports again.  Sorted, for bsearch. */
static const char *const fields[] = {
	"campaign_id", "channel", "contact_id", "created_at", "customer_id",
	"deal_id", "done_at", "id", "kind", "lead_id", "merged_from", "note",
	"outcome", "planned_at", "rep_id", "service_on", "state", "subject",
	"unit", "updated_at",
};

struct crm_activity_writer {
	crm_db *db;
	crm_activity_counts counts;
	unsigned long next_id;
	crm_rec *row;
	char now[CRM_DATE_BUFSZ];
};

/* What one record says, checked. */
struct activity {
	char id[ID_MAX], kind[16], customer[ID_MAX], deal[ID_MAX];
	char contact[ID_MAX], lead[ID_MAX], rep[ID_MAX], campaign[ID_MAX];
	char given_customer[ID_MAX], unit[ID_MAX];
	char planned[CRM_DATE_BUFSZ], done[CRM_DATE_BUFSZ];
	char service_on[CRM_DATE_BUFSZ];
	const char *channel, *subject, *outcome, *note;
	int redirected;
};

int
crm_activity_kind_known(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < ARRAY_LEN(kinds); i++)
		if (strcmp(s, kinds[i]) == 0)
			return 1;
	return 0;
}

int
crm_activity_writer_new(crm_db *db, int64_t now, crm_activity_writer **out,
    crm_err *err)
{
	crm_activity_writer *w = calloc(1, sizeof(*w));

	*out = NULL;
	if (w == NULL || (w->row = crm_rec_new()) == NULL) {
		free(w);
		return crm_err_nomem(err);
	}
	w->db = db;
	crm_time_format(now, w->now);
	*out = w;
	return CRM_OK;
}

void
crm_activity_writer_free(crm_activity_writer *w)
{
	if (w == NULL)
		return;
	crm_rec_free(w->row);
	free(w);
}

const crm_activity_counts *
crm_activity_counts_of(const crm_activity_writer *w)
{
	return &w->counts;
}

static int
compare_key(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/* A string field, borrowed from r: *s NULL when absent or null. */
static int
get_text(const crm_rec *r, const char *key, const char **s, crm_err *err)
{
	long i = crm_rec_find(r, key);

	*s = NULL;
	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return CRM_OK;
	if (crm_rec_type(r, (size_t)i) != CRM_STRING)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not a string");
	*s = crm_rec_text(r, (size_t)i, NULL);
	return CRM_OK;
}

/* An id field into buf: "" when absent. */
static int
get_id(const crm_rec *r, const char *key, char *buf, crm_err *err)
{
	int rc = crm_rec_copy_str(r, key, buf, ID_MAX, err);

	if (rc == CRM_END)
		buf[0] = '\0';
	return rc == CRM_END ? CRM_OK : rc;
}

static int
get_time(const crm_rec *r, const char *key, char *buf, crm_err *err)
{
	int64_t ms;
	int rc = crm_time_get(r, key, &ms, err);

	buf[0] = '\0';
	if (rc == CRM_OK)
		crm_time_format(ms, buf);
	return rc == CRM_END ? CRM_OK : rc;
}

/* A date field into buf: "" when absent. */
static int
get_date(const crm_rec *r, const char *key, char *buf, crm_err *err)
{
	int32_t day;
	int rc = crm_date_get(r, key, &day, err);

	buf[0] = '\0';
	if (rc == CRM_OK)
		crm_date_format(day, buf);
	return rc == CRM_END ? CRM_OK : rc;
}

/* Run st (parameter 1 bound to id) for one row: *found 0 or 1; the
 * first column's text (may be NULL) into col0 and the second into col1
 * when they are not NULL. */
static int
lookup(crm_db *db, const char *sql, const char *id, char *col0, char *col1,
    int *found, crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		if (col0 != NULL) {
			s = (const char *)sqlite3_column_text(st, 0);
			snprintf(col0, ID_MAX, "%s", s != NULL ? s : "");
		}
		if (col1 != NULL) {
			s = (const char *)sqlite3_column_text(st, 1);
			snprintf(col1, ID_MAX, "%s", s != NULL ? s : "");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "activities", err);
	return CRM_OK;
}

/* The customer id in place of the one it was merged into, to the end of
 * the chain (crm_customer_survivor); owner (ID_MAX bytes) gets the
 * survivor's owner rep. */
static int
survivor(crm_activity_writer *w, const crm_rec *r, const char *field,
    char *id, char *owner, int *redirected, crm_err *err)
{
	crm_buf to = CRM_BUF_INIT, rep = CRM_BUF_INIT;
	char why[CRM_ERR_MSG_MAX];
	int rc, merges = 0;

	*redirected = 0;
	rc = crm_customer_survivor(w->db, id, &to, &rep, &merges, err);
	if (rc == CRM_END) {
		rc = crm_rec_fail(r, err, CRM_EDATA, field, "unknown "
		    "customer: %s", id);
	} else if (rc == CRM_EDATA) {
		snprintf(why, sizeof(why), "%s", err->msg);
		rc = crm_rec_fail(r, err, CRM_EDATA, field, "%s", why);
	} else if (rc == CRM_OK) {
		*redirected = merges > 0;
		snprintf(id, ID_MAX, "%s", to.data != NULL ? to.data : "");
		snprintf(owner, ID_MAX, "%s", rep.data != NULL ? rep.data :
		    "");
	}
	crm_buf_free(&to);
	crm_buf_free(&rep);
	return rc;
}

static int
known(crm_activity_writer *w, const crm_rec *r, const char *sql,
    const char *field, const char *what, const char *id, crm_err *err)
{
	int found, rc;

	if (id[0] == '\0')
		return CRM_OK;
	if ((rc = lookup(w->db, sql, id, NULL, NULL, &found, err)) != CRM_OK)
		return rc;
	return found ? CRM_OK : crm_rec_fail(r, err, CRM_EDATA, field,
	    "unknown %s: %s", what, id);
}

/* Customer and deal: the deal's customer when only the deal is given;
 * both after merges; a deal of another customer refused. */
static int
check_customer(crm_activity_writer *w, const crm_rec *r, struct activity *a,
    char *owner, crm_err *err)
{
	char deal_customer[ID_MAX], deal_owner[ID_MAX], ignored[ID_MAX];
	int found, moved, rc;

	owner[0] = '\0';
	deal_owner[0] = '\0';
	deal_customer[0] = '\0';
	if (a->customer[0] == '\0' && a->deal[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "customer_id", "missing "
		    "(an activity is for a customer or a deal)");
	if (a->deal[0] != '\0') {
		if ((rc = lookup(w->db, "SELECT customer_id, owner_rep_id FROM"
		    " deals WHERE id = ?1", a->deal, deal_customer, deal_owner,
		    &found, err)) != CRM_OK)
			return rc;
		if (!found)
			return crm_rec_fail(r, err, CRM_EDATA, "deal_id",
			    "unknown deal: %s", a->deal);
		if (deal_customer[0] == '\0' && a->customer[0] == '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "customer_id",
			    "missing (deal %s has no customer)", a->deal);
		if (deal_customer[0] != '\0' && (rc = survivor(w, r,
		    "deal_id", deal_customer, ignored, &moved, err)) != CRM_OK)
			return rc;
	}
	memcpy(a->given_customer, a->customer[0] != '\0' ? a->customer :
	    deal_customer, ID_MAX);
	memcpy(a->customer, a->given_customer, ID_MAX);
	if ((rc = survivor(w, r, "customer_id", a->customer, owner,
	    &a->redirected, err)) != CRM_OK)
		return rc;
	if (a->deal[0] != '\0' && deal_customer[0] != '\0' &&
	    strcmp(deal_customer, a->customer) != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "deal_id", "deal %s is "
		    "of customer %s, not %s", a->deal, deal_customer,
		    a->customer);
	if (deal_owner[0] != '\0')
		memcpy(owner, deal_owner, ID_MAX);
	return CRM_OK;
}

/* The contact must be one of the customer's (after merges). */
static int
check_contact(crm_activity_writer *w, const crm_rec *r, struct activity *a,
    crm_err *err)
{
	char of[ID_MAX], ignored[ID_MAX];
	int found, moved, rc;

	if (a->contact[0] == '\0')
		return CRM_OK;
	if ((rc = lookup(w->db, "SELECT customer_id FROM contacts WHERE"
	    " id = ?1", a->contact, of, NULL, &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_rec_fail(r, err, CRM_EDATA, "contact_id", "unknown "
		    "contact: %s", a->contact);
	if ((rc = survivor(w, r, "contact_id", of, ignored, &moved, err)) !=
	    CRM_OK)
		return rc;
	if (strcmp(of, a->customer) != 0)
		return crm_rec_fail(r, err, CRM_EDATA, "contact_id", "contact "
		    "%s is of customer %s, not %s", a->contact, of,
		    a->customer);
	return CRM_OK;
}

/* An issue of the unit (its serial, else its lot, as crm-stock units
 * writes them) to the customer or to one merged into it. */
static const char unit_sql[] =
	"WITH RECURSIVE chain(id) AS (SELECT ?2 UNION"
	" SELECT c.id FROM customers c JOIN chain ON c.merged_into = chain.id)"
	" SELECT 1 FROM stock_moves m JOIN stock_lots l ON l.id = m.lot_id"
	" WHERE m.kind = 'issue' AND m.qty < 0"
	" AND m.customer_id IN (SELECT id FROM chain)"
	" AND (l.serial = ?1 OR (l.serial IS NULL AND l.id = ?1)) LIMIT 1";

/* The unit must be one delivered to the customer; service_on needs a
 * unit. */
static int
check_unit(crm_activity_writer *w, const crm_rec *r, struct activity *a,
    crm_err *err)
{
	sqlite3_stmt *st;
	int found, rc;

	if (a->service_on[0] != '\0' && a->unit[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "service_on", "needs "
		    "unit (the serial or lot of the unit serviced)");
	if (a->unit[0] == '\0')
		return CRM_OK;
	if ((rc = crm_db_stmt(w->db, unit_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->customer, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(w->db, st, "stock_moves", &found, err)) !=
	    CRM_OK)
		return rc;
	return found ? CRM_OK : crm_rec_fail(r, err, CRM_EDATA, "unit",
	    "no unit %s was delivered to customer %s", a->unit, a->customer);
}

static int
check_fields(const crm_rec *r, crm_err *err)
{
	size_t i;

	for (i = 0; i < crm_rec_len(r); i++)
		if (bsearch(crm_rec_key(r, i), fields, ARRAY_LEN(fields),
		    sizeof(fields[0]), compare_key) == NULL)
			return crm_rec_fail(r, err, CRM_EDATA,
			    crm_rec_key(r, i), "not a field of an activity");
	return CRM_OK;
}

static int
read_activity(crm_activity_writer *w, const crm_rec *r, struct activity *a,
    crm_err *err)
{
	char owner[ID_MAX];
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = check_fields(r, err)) != CRM_OK ||
	    (rc = get_id(r, "id", a->id, err)) != CRM_OK ||
	    (rc = crm_rec_need_str(r, "kind", a->kind, sizeof(a->kind),
	    err)) != CRM_OK)
		return rc;
	if (!crm_activity_kind_known(a->kind))
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "not a kind: %s "
		    "(%s)", a->kind, CRM_ACTIVITY_KINDS);
	if ((rc = get_id(r, "customer_id", a->customer, err)) != CRM_OK ||
	    (rc = get_id(r, "deal_id", a->deal, err)) != CRM_OK ||
	    (rc = get_id(r, "contact_id", a->contact, err)) != CRM_OK ||
	    (rc = get_id(r, "lead_id", a->lead, err)) != CRM_OK ||
	    (rc = get_id(r, "rep_id", a->rep, err)) != CRM_OK ||
	    (rc = get_id(r, "campaign_id", a->campaign, err)) != CRM_OK ||
	    (rc = get_time(r, "planned_at", a->planned, err)) != CRM_OK ||
	    (rc = get_time(r, "done_at", a->done, err)) != CRM_OK ||
	    (rc = get_text(r, "channel", &a->channel, err)) != CRM_OK ||
	    (rc = get_text(r, "subject", &a->subject, err)) != CRM_OK ||
	    (rc = get_text(r, "outcome", &a->outcome, err)) != CRM_OK ||
	    (rc = get_text(r, "note", &a->note, err)) != CRM_OK ||
	    (rc = get_id(r, "unit", a->unit, err)) != CRM_OK ||
	    (rc = get_date(r, "service_on", a->service_on, err)) != CRM_OK)
		return rc;
	if (a->planned[0] == '\0' && a->done[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "planned_at", "missing "
		    "(an activity is planned, done or both)");
	if ((rc = check_customer(w, r, a, owner, err)) != CRM_OK ||
	    (rc = check_contact(w, r, a, err)) != CRM_OK ||
	    (rc = check_unit(w, r, a, err)) != CRM_OK)
		return rc;
	if (a->rep[0] == '\0') {
		if (owner[0] == '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "rep_id",
			    "missing (customer %s has no owner rep)",
			    a->customer);
		memcpy(a->rep, owner, ID_MAX);
	}
	if ((rc = known(w, r, "SELECT 1 FROM reps WHERE id = ?1", "rep_id",
	    "rep", a->rep, err)) != CRM_OK ||
	    (rc = known(w, r, "SELECT 1 FROM leads WHERE id = ?1", "lead_id",
	    "lead", a->lead, err)) != CRM_OK)
		return rc;
	return known(w, r, "SELECT 1 FROM campaigns WHERE id = ?1",
	    "campaign_id", "campaign", a->campaign, err);
}

/* A new id "A-NNNNNN" that no activity has. */
static int
make_id(crm_activity_writer *w, char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int found, rc;

	if (w->next_id == 0) {
		if ((rc = crm_db_stmt(w->db, "SELECT count(*) FROM activities",
		    &st, err)) != CRM_OK)
			return rc;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			w->next_id = (unsigned long)sqlite3_column_int64(st,
			    0) + 1;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return crm_db_fail(w->db, rc, "activities", err);
	}
	do {
		snprintf(id, ID_MAX, "A-%06lu", w->next_id++);
		if ((rc = lookup(w->db, "SELECT 1 FROM activities WHERE"
		    " id = ?1", id, NULL, NULL, &found, err)) != CRM_OK)
			return rc;
	} while (found);
	return CRM_OK;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL && s[0] != '\0')
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* ?1 id ... ?14 campaign, ?15 now, ?16 unit, ?17 service_on */
static void
bind_activity(sqlite3_stmt *st, const struct activity *a, const char *now)
{
	bind_text(st, 1, a->id);
	bind_text(st, 2, a->kind);
	bind_text(st, 3, a->customer);
	bind_text(st, 4, a->deal);
	bind_text(st, 5, a->contact);
	bind_text(st, 6, a->lead);
	bind_text(st, 7, a->rep);
	if (a->channel != NULL)
		sqlite3_bind_text(st, 8, a->channel, -1, SQLITE_STATIC);
	if (a->subject != NULL)
		sqlite3_bind_text(st, 9, a->subject, -1, SQLITE_STATIC);
	bind_text(st, 10, a->planned);
	bind_text(st, 11, a->done);
	if (a->outcome != NULL)
		sqlite3_bind_text(st, 12, a->outcome, -1, SQLITE_STATIC);
	if (a->note != NULL)
		sqlite3_bind_text(st, 13, a->note, -1, SQLITE_STATIC);
	bind_text(st, 14, a->campaign);
	sqlite3_bind_text(st, 15, now, -1, SQLITE_STATIC);
	bind_text(st, 16, a->unit);
	bind_text(st, 17, a->service_on);
}

static const char insert_sql[] =
	"INSERT INTO activities (id, kind, customer_id, deal_id, contact_id,"
	" lead_id, rep_id, channel, subject, planned_at, done_at, outcome,"
	" note, campaign_id, unit, service_on, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, ?16, ?17, ?15, ?15)";

/* Every column replaced, when one differs. */
static const char update_sql[] =
	"UPDATE activities SET kind = ?2, customer_id = ?3, deal_id = ?4,"
	" contact_id = ?5, lead_id = ?6, rep_id = ?7, channel = ?8,"
	" subject = ?9, planned_at = ?10, done_at = ?11, outcome = ?12,"
	" note = ?13, campaign_id = ?14, unit = ?16, service_on = ?17,"
	" updated_at = ?15"
	" WHERE id = ?1 AND (kind IS NOT ?2 OR customer_id IS NOT ?3"
	" OR deal_id IS NOT ?4 OR contact_id IS NOT ?5 OR lead_id IS NOT ?6"
	" OR rep_id IS NOT ?7 OR channel IS NOT ?8 OR subject IS NOT ?9"
	" OR planned_at IS NOT ?10 OR done_at IS NOT ?11"
	" OR outcome IS NOT ?12 OR note IS NOT ?13 OR campaign_id IS NOT ?14"
	" OR unit IS NOT ?16 OR service_on IS NOT ?17)";

static const char row_sql[] =
	"SELECT id, kind, CASE WHEN done_at IS NULL THEN 'planned'"
	" ELSE 'done' END AS state, customer_id, deal_id, contact_id,"
	" lead_id, rep_id, campaign_id, channel, subject, planned_at, done_at,"
	" outcome, note, unit, service_on, created_at, updated_at"
	" FROM activities WHERE id = ?1";

/* Write activity id as stored, with merged_from when not NULL. */
static int
write_row(crm_activity_writer *w, const char *id, const char *merged_from,
    crm_out *out, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (out == NULL)
		return CRM_OK;
	if ((rc = crm_db_stmt(w->db, row_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	crm_rec_clear(w->row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_db_row(st, w->row, err);
	else
		rc = crm_db_fail(w->db, rc, "activities", err);
	sqlite3_reset(st);
	if (rc == CRM_OK && merged_from != NULL)
		rc = crm_rec_set_str(w->row, "merged_from", merged_from,
		    strlen(merged_from), err);
	return rc == CRM_OK ? crm_out_write(out, w->row, err) : rc;
}

static int
step_once(crm_db *db, sqlite3_stmt *st, crm_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "activities",
	    err);
}

int
crm_activity_put(crm_activity_writer *w, const crm_rec *r, crm_out *out,
    crm_err *err)
{
	struct activity a;
	sqlite3_stmt *st;
	int found, rc;

	if ((rc = read_activity(w, r, &a, err)) != CRM_OK)
		return rc;
	found = 0;
	if (a.id[0] == '\0')
		rc = make_id(w, a.id, err);
	else
		rc = lookup(w->db, "SELECT 1 FROM activities WHERE id = ?1",
		    a.id, NULL, NULL, &found, err);
	if (rc != CRM_OK ||
	    (rc = crm_db_stmt(w->db, found ? update_sql : insert_sql, &st,
	    err)) != CRM_OK)
		return rc;
	bind_activity(st, &a, w->now);
	if ((rc = step_once(w->db, st, err)) != CRM_OK)
		return rc;
	if (!found)
		w->counts.inserted++;
	else if (sqlite3_changes(crm_db_handle(w->db)) > 0)
		w->counts.updated++;
	else
		w->counts.unchanged++;
	if (a.redirected)
		w->counts.redirected++;
	return write_row(w, a.id, a.redirected ? a.given_customer : NULL, out,
	    err);
}

int
crm_activity_done(crm_activity_writer *w, const char *id,
    const char *done_at, const char *outcome, const char *note,
    crm_out *out, crm_err *err)
{
	char done[ID_MAX], ignored[ID_MAX], at[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	int64_t ms;
	int found, rc;

	if ((rc = crm_time_parse(done_at, strlen(done_at), &ms, err)) !=
	    CRM_OK)
		return crm_err_prefix(err, "%s: done_at", id);
	crm_time_format(ms, at);
	if ((rc = lookup(w->db, "SELECT done_at, id FROM activities WHERE"
	    " id = ?1", id, done, ignored, &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_err_set(err, CRM_EDATA, "%s: no such activity", id);
	if (done[0] != '\0')
		return crm_err_set(err, CRM_EDATA, "%s: already done at %s", id,
		    done);
	if ((rc = crm_db_stmt(w->db, "UPDATE activities SET done_at = ?2,"
	    " outcome = coalesce(?3, outcome), note = coalesce(?4, note),"
	    " updated_at = ?5 WHERE id = ?1", &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (outcome != NULL)
		sqlite3_bind_text(st, 3, outcome, -1, SQLITE_STATIC);
	if (note != NULL)
		sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, w->now, -1, SQLITE_STATIC);
	if ((rc = step_once(w->db, st, err)) != CRM_OK)
		return rc;
	w->counts.updated++;
	return write_row(w, id, NULL, out, err);
}
