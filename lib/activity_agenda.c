/*
 * activity_agenda.c - what a rep has for a day, a week or a month, in
 * the rep's time zone: activities planned in the period and those
 * overdue, leads waiting for a first contact, open deals with no
 * activity for some days, and the services due (crm-stock's service
 * plans) of units delivered to the rep's customers.
 *
 * A service due (unit U on day D) is carried out by an activity with
 * unit U and service_on D for the unit's customer: once one is done the
 * service is not listed; while one is planned the service is listed as
 * that activity only.  Services due before the period and neither done
 * nor planned are overdue, looked back over service_lookback days.
 */

#include "internal.h"

#define DAY_MS (24 * 60 * 60 * 1000LL)

enum { S_OVERDUE, S_PLANNED, S_LEAD, S_STALE, S_SERVICE };
static const char *const section_names[] = {
	"overdue", "planned", "lead", "stale_deal", "service",
};

struct item {
	crm_rec *rec;
	int section;
	char due[CRM_DATE_BUFSZ];
	char id[128];
};

/* One rep's agenda, gathered, then sorted and written. */
struct agenda {
	crm_db *db;
	const crm_activity_agenda_opts *o;
	const char *rep, *tz;
	int32_t today, first, last;
	int64_t start, end;      /* [start, end) in ms */
	struct item *items;
	size_t n, cap;
	crm_buf customer, owner;  /* of a service, after merges */
};

static void
items_free(struct agenda *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		crm_rec_free(a->items[i].rec);
	a->n = 0;
}

/* A new item whose record starts with rep_id, section and due. */
static int
item_new(struct agenda *a, int section, const char *due, crm_rec **r,
    crm_err *err)
{
	struct item *it;
	int rc;

	if ((rc = crm_array_grow(&a->items, &a->cap, a->n,
	    sizeof(*a->items), err)) != CRM_OK)
		return rc;
	it = &a->items[a->n];
	memset(it, 0, sizeof(*it));
	if ((it->rec = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	a->n++;
	it->section = section;
	snprintf(it->due, sizeof(it->due), "%s", due);
	*r = it->rec;
	if ((rc = crm_rec_set_str(*r, "rep_id", a->rep, strlen(a->rep),
	    err)) != CRM_OK ||
	    (rc = crm_rec_set_str(*r, "section", section_names[section],
	    strlen(section_names[section]), err)) != CRM_OK)
		return rc;
	return crm_rec_set_str(*r, "due", due, strlen(due), err);
}

static void
item_id(struct agenda *a, const char *id)
{
	snprintf(a->items[a->n - 1].id, sizeof(a->items[0].id), "%s",
	    id != NULL ? id : "");
}

static const char activities_sql[] =
	"SELECT planned_at AS due, id, kind, customer_id, deal_id, contact_id,"
	" subject, note, unit, service_on FROM activities"
	" WHERE rep_id = ?1 AND done_at IS NULL AND planned_at IS NOT NULL"
	" ORDER BY planned_at, id";

/* Planned in the period, or before it and not done. */
static int
add_activities(struct agenda *a, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *at;
	int64_t ms;
	crm_rec *r;
	int rc, section;

	if ((rc = crm_db_prepare(a->db, activities_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->rep, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		at = (const char *)sqlite3_column_text(st, 0);
		if (crm_time_parse(at, strlen(at), &ms, err) != CRM_OK) {
			rc = crm_err_prefix(err, "activities %s: planned_at",
			    sqlite3_column_text(st, 1));
			goto out;
		}
		if (ms >= a->end)
			continue;
		section = ms < a->start ? S_OVERDUE : S_PLANNED;
		if ((rc = item_new(a, section, at, &r, err)) != CRM_OK)
			goto out;
		item_id(a, (const char *)sqlite3_column_text(st, 1));
		if ((rc = crm_db_row(st, r, err)) != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(a->db, rc, "activities",
	    err);
out:
	sqlite3_finalize(st);
	return rc;
}

static const char leads_sql[] =
	"SELECT coalesce(due_at, created_at) AS due, id, name, company,"
	" status, priority, created_at, due_at FROM leads"
	" WHERE owner_rep_id = ?1 AND first_contact_at IS NULL"
	" ORDER BY 1, id";

static int
add_leads(struct agenda *a, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_rec *r;
	int rc;

	if ((rc = crm_db_prepare(a->db, leads_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->rep, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!crm_lead_status_open((const char *)
		    sqlite3_column_text(st, 4)))
			continue;
		if ((rc = item_new(a, S_LEAD, (const char *)
		    sqlite3_column_text(st, 0), &r, err)) != CRM_OK)
			goto out;
		item_id(a, (const char *)sqlite3_column_text(st, 1));
		if ((rc = crm_db_row(st, r, err)) != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(a->db, rc, "leads", err);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Open deals of the rep and the last activity done for each. */
static const char deals_sql[] =
	"SELECT d.id, d.customer_id, d.stage, d.amount_minor, d.currency,"
	" d.created_on, (SELECT max(x.done_at) FROM activities x"
	"  WHERE x.deal_id = d.id AND x.done_at IS NOT NULL)"
	"  AS last_activity_at"
	" FROM deals d WHERE d.owner_rep_id = ?1 AND d.closed_on IS NULL"
	" ORDER BY d.id";

/* The local day of the deal's last activity, else of its creation. */
static int
deal_last_day(struct agenda *a, sqlite3_stmt *st, int32_t *day,
    crm_err *err)
{
	const char *last = (const char *)sqlite3_column_text(st, 6);
	const char *created = (const char *)sqlite3_column_text(st, 5);
	int64_t ms;
	int rc;

	if (last != NULL) {
		if ((rc = crm_time_parse(last, strlen(last), &ms, err)) !=
		    CRM_OK)
			return crm_err_prefix(err, "activities: done_at");
		return crm_activity_tz_date(a->tz, ms, day, err);
	}
	if ((rc = crm_date_parse(created, strlen(created), day, err)) !=
	    CRM_OK)
		return crm_err_prefix(err, "deals %s: created_on",
		    sqlite3_column_text(st, 0));
	return CRM_OK;
}

static int
add_stale_deals(struct agenda *a, crm_err *err)
{
	char due[CRM_DATE_BUFSZ];
	sqlite3_stmt *st = NULL;
	int32_t last;
	crm_rec *r;
	int rc;

	if ((rc = crm_db_prepare(a->db, deals_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->rep, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = deal_last_day(a, st, &last, err)) != CRM_OK)
			goto out;
		if (a->today - last < a->o->stale_days)
			continue;
		crm_date_format(last + a->o->stale_days, due);
		if ((rc = item_new(a, S_STALE, due, &r, err)) != CRM_OK)
			goto out;
		item_id(a, (const char *)sqlite3_column_text(st, 0));
		if ((rc = crm_db_row(st, r, err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "idle_days", a->today - last,
		    err)) != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(a->db, rc, "deals", err);
out:
	sqlite3_finalize(st);
	return rc;
}

/* *state: 0 no activity carries out the service of unit on day due for
 * customer, 1 one plans it, 2 one has done it. */
static int
service_state(struct agenda *a, const char *customer, const char *unit,
    const char *due, int *state, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*state = 0;
	if ((rc = crm_db_stmt(a->db, "SELECT max(CASE WHEN done_at IS NULL"
	    " THEN 1 ELSE 2 END) FROM activities WHERE unit = ?1"
	    " AND service_on = ?2 AND customer_id = ?3", &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, customer, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*state = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(a->db, rc,
	    "activities", err);
}

/* The service's record under the agenda's first fields: unit (what an
 * activity that carries it out names), then the plan's fields, with the
 * customer after merges (and merged_from when it differs). */
static int
service_item(struct agenda *a, const crm_rec *in, int section,
    const char *due, const char *unit, const char *customer, crm_err *err)
{
	const char *given = crm_rec_get(in, "customer_id");
	const char *json;
	crm_rec *r;
	size_t i, len;
	int rc;

	if ((rc = item_new(a, section, due, &r, err)) != CRM_OK)
		return rc;
	item_id(a, unit);
	rc = crm_rec_set_str(r, "unit", unit, strlen(unit), err);
	for (i = 0; rc == CRM_OK && i < crm_rec_len(in); i++) {
		json = crm_rec_json(in, i, &len);
		rc = crm_rec_set_json(r, crm_rec_key(in, i),
		    crm_rec_type(in, i), json, len, err);
	}
	if (rc == CRM_OK)
		rc = crm_rec_set_str(r, "customer_id", customer,
		    strlen(customer), err);
	if (rc == CRM_OK && strcmp(given, customer) != 0)
		rc = crm_rec_set_str(r, "merged_from", given, strlen(given),
		    err);
	return rc;
}

/* One service from crm_stock_service_plan_each: kept when it is of one
 * of the rep's customers and no activity carries it out; overdue when
 * due before the period. */
static int
keep_service(void *ctx, crm_rec *in, crm_err *err)
{
	struct agenda *a = ctx;
	const char *due = crm_rec_get(in, "due_on");
	const char *unit = crm_rec_get(in, "serial");
	const char *customer;
	int32_t day;
	int rc, state;

	if (unit == NULL)
		unit = crm_rec_get(in, "lot");
	if (due == NULL || unit == NULL ||
	    crm_rec_get(in, "customer_id") == NULL)
		return CRM_OK;
	/* Units stay with the customer they were delivered to, merged or
	 * not: the service is the survivor's. */
	rc = crm_customer_survivor(a->db, crm_rec_get(in, "customer_id"),
	    &a->customer, &a->owner, NULL, err);
	if (rc == CRM_END)
		return crm_err_set(err, CRM_EDATA, "stock_moves: customer_id: "
		    "unknown customer: %s", crm_rec_get(in, "customer_id"));
	if (rc != CRM_OK || a->owner.data == NULL ||
	    strcmp(a->owner.data, a->rep) != 0)
		return rc;
	customer = a->customer.data;
	if ((rc = service_state(a, customer, unit, due, &state, err)) !=
	    CRM_OK || state != 0)
		return rc;
	if ((rc = crm_date_parse(due, strlen(due), &day, err)) != CRM_OK)
		return rc;
	return service_item(a, in, day < a->first ? S_OVERDUE : S_SERVICE,
	    due, unit, customer, err);
}

/* The services due in the period, and those overdue from the days
 * looked back over, from crm-stock's own service plans. */
static int
add_services(struct agenda *a, crm_err *err)
{
	char from[CRM_DATE_BUFSZ], to[CRM_DATE_BUFSZ];
	crm_stock_query q;

	if (a->o->service_plan == NULL)
		return CRM_OK;
	memset(&q, 0, sizeof(q));
	q.from = crm_date_format(a->first - a->o->service_lookback, from);
	q.to = crm_date_format(a->last, to);
	return crm_stock_service_plan_each(a->db, a->o->service_plan, &q,
	    keep_service, a, err);
}

static int
item_cmp(const void *pa, const void *pb)
{
	const struct item *x = pa, *y = pb;
	int c;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if ((c = strcmp(x->due, y->due)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* The rep's time zone: reps.timezone, else --tz, else UTC. */
static int
rep_tz(struct agenda *a, char *tz, size_t sz, crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc, own = 0;

	if ((rc = crm_db_stmt(a->db, "SELECT timezone FROM reps WHERE"
	    " id = ?1", &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->rep, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	s = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	own = s != NULL && s[0] != '\0';
	snprintf(tz, sz, "%s", own ? s : a->o->tz != NULL ? a->o->tz : "UTC");
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return crm_err_set(err, CRM_EUSAGE, "--rep: unknown rep: %s",
		    a->rep);
	if (rc != SQLITE_ROW)
		return crm_db_fail(a->db, rc, "reps", err);
	if (own && crm_activity_tz_check(tz, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "reps %s: timezone: unknown "
		    "time zone: %.200s", a->rep, tz);
	return CRM_OK;
}

static int
rep_agenda(struct agenda *a, const char *rep, crm_out *out, crm_err *err)
{
	char tz[256];
	size_t i;
	int rc;

	a->rep = rep;
	if ((rc = rep_tz(a, tz, sizeof(tz), err)) != CRM_OK)
		return rc;
	a->tz = tz;
	if (a->o->date != NULL)
		rc = crm_date_parse(a->o->date, strlen(a->o->date), &a->today,
		    err);
	else
		rc = crm_activity_tz_date(tz, a->o->now, &a->today, err);
	if (rc != CRM_OK ||
	    (rc = crm_activity_period(a->o->period, a->today,
	    a->o->week_starts_sunday, &a->first, &a->last, err)) != CRM_OK ||
	    (rc = crm_activity_tz_day_start(tz, a->first, &a->start, err)) !=
	    CRM_OK ||
	    (rc = crm_activity_tz_day_start(tz, a->last + 1, &a->end, err)) !=
	    CRM_OK)
		return rc;
	if ((rc = add_activities(a, err)) != CRM_OK ||
	    (rc = add_leads(a, err)) != CRM_OK ||
	    (rc = add_stale_deals(a, err)) != CRM_OK ||
	    (rc = add_services(a, err)) != CRM_OK)
		return rc;
	if (a->n > 0)
		qsort(a->items, a->n, sizeof(*a->items), item_cmp);
	for (i = 0; rc == CRM_OK && i < a->n; i++)
		rc = crm_out_write(out, a->items[i].rec, err);
	items_free(a);
	return rc;
}

static const char team_sql[] =
	"SELECT r.id FROM reps r WHERE r.team_id = ?1 AND r.active = 1"
	" ORDER BY r.id";

static int
team_agenda(struct agenda *a, const char *team, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL, *reps = NULL;
	char *rep;
	int found, rc;

	if ((rc = crm_db_stmt(a->db, "SELECT 1 FROM teams WHERE id = ?1", &st,
	    err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, team, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(a->db, st, "teams", &found, err)) != CRM_OK)
		return rc;
	if (!found)
		return crm_err_set(err, CRM_EUSAGE, "--team: unknown team: %s",
		    team);
	if ((rc = crm_db_prepare(a->db, team_sql, &reps, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(reps, 1, team, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(reps)) == SQLITE_ROW) {
		if ((rep = strdup((const char *)sqlite3_column_text(reps, 0)))
		    == NULL) {
			rc = crm_err_nomem(err);
			goto out;
		}
		rc = rep_agenda(a, rep, out, err);
		free(rep);
		if (rc != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(a->db, rc, "reps", err);
out:
	sqlite3_finalize(reps);
	return rc;
}

int
crm_activity_agenda(crm_db *db, const crm_activity_agenda_opts *o, crm_out *out,
    crm_err *err)
{
	struct agenda a;
	int32_t day;
	int rc;

	memset(&a, 0, sizeof(a));
	a.db = db;
	a.o = o;
	if (o->tz != NULL && (rc = crm_activity_tz_check(o->tz, err)) !=
	    CRM_OK)
		return crm_err_prefix(err, "--tz");
	if (o->date != NULL && crm_date_parse(o->date, strlen(o->date), &day,
	    err) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--date: not a date "
		    "(YYYY-MM-DD): %s", o->date);
	if (o->team != NULL)
		rc = team_agenda(&a, o->team, out, err);
	else
		rc = rep_agenda(&a, o->rep, out, err);
	items_free(&a);
	free(a.items);
	crm_buf_free(&a.customer);
	crm_buf_free(&a.owner);
	return rc;
}
