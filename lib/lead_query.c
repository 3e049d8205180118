/*
 * lead_query.c - leads out of the database: the list, one lead with its
 * history, and the report per source.
 */
#include "internal.h"

static const char list_sql[] =
	"SELECT * FROM leads"
	" WHERE (?1 IS NULL OR status = ?1)"
	" AND (?2 IS NULL OR owner_rep_id = ?2)"
	" AND (?3 IS NULL OR team_id = ?3)"
	" AND (?4 IS NULL OR source = ?4)"
	" AND (?5 IS NULL OR priority = ?5)"
	" AND (?6 IS NULL OR created_at >= ?6)"
	" AND (?7 IS NULL OR created_at < ?7)"
	" AND (?8 IS NULL OR (duplicate_of IS NOT NULL) = ?8)"
	" ORDER BY created_at, id";

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* A date bound as the start of that day (next: of the day after), which
 * RFC 3339 instants compare against as text. */
static int
bind_day(sqlite3_stmt *st, int i, const char *what, const char *date,
    int next, crm_err *err)
{
	char buf[16];
	int32_t day;
	crm_err why;

	if (date == NULL)
		return CRM_OK;
	if (crm_date_parse(date, strlen(date), &day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: %s", what, why.msg);
	sqlite3_bind_text(st, i, crm_date_format(day + next, buf), -1,
	    SQLITE_TRANSIENT);
	return CRM_OK;
}

int
crm_lead_list(crm_db *db, const crm_lead_filter *f, crm_out *out,
    crm_err *err)
{
	static const crm_lead_filter all;
	sqlite3_stmt *st;
	int rc;

	if (f == NULL)
		f = &all;
	if ((rc = crm_db_stmt(db, list_sql, &st, err)) != CRM_OK)
		return rc;
	bind_opt(st, 1, f->status);
	bind_opt(st, 2, f->owner);
	bind_opt(st, 3, f->team);
	bind_opt(st, 4, f->source);
	bind_opt(st, 5, f->priority);
	if ((rc = bind_day(st, 6, "--created-from", f->created_from, 0,
	    err)) != CRM_OK || (rc = bind_day(st, 7, "--created-to",
	    f->created_to, 1, err)) != CRM_OK)
		return rc;
	if (f->duplicates != 0)
		sqlite3_bind_int(st, 8, f->duplicates > 0);
	rc = crm_db_write_rows(db, st, out, "leads", err);
	sqlite3_reset(st);
	return rc;
}

static const char show_sql[] = "SELECT * FROM leads WHERE id = ?1";

int
crm_lead_show(crm_db *db, const char *id, crm_out *out, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_stmt(db, show_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_db_row(st, r, err);
	else if (rc == SQLITE_DONE)
		rc = crm_err_set(err, CRM_EDATA, "lead %.200s: unknown lead",
		    id);
	else
		rc = crm_db_fail(db, rc, "leads", err);
	sqlite3_reset(st);
	if (rc == CRM_OK &&
	    (rc = crm_event_history(db, "lead", id, r, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
out:
	crm_rec_free(r);
	return rc;
}

/*
 * The report per source.
 */

static const char sources_sql[] =
	"SELECT source, channel, status, created_at, first_contact_at,"
	" status IN ('qualified', 'converted') OR EXISTS (SELECT 1 FROM events"
	"  WHERE entity = 'lead' AND entity_id = leads.id"
	"  AND to_state = 'qualified')"
	" FROM leads ORDER BY source, channel";

struct group {
	char source[128], channel[128];
	int has_channel;
	int64_t leads, contacted, qualified, converted;
	int64_t *minutes;   /* to first contact, one per contacted lead */
	size_t cap;
};

static int
compare_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int
group_write(struct group *g, crm_rec *r, crm_out *out, crm_err *err)
{
	int64_t rate;
	char buf[CRM_MONEY_BUFSZ];
	int rc;

	crm_rec_clear(r);
	/* percent with two decimals: converted * 10000 / leads, rounded
	 * half away from zero (all counts are positive) */
	rate = (g->converted * 10000 * 2 + g->leads) / (2 * g->leads);
	crm_money_format(rate, 2, buf);
	if ((rc = crm_rec_set_str(r, "source", g->source, strlen(g->source),
	    err)) != CRM_OK || (g->has_channel && (rc = crm_rec_set_str(r,
	    "channel", g->channel, strlen(g->channel), err)) != CRM_OK) ||
	    (rc = crm_rec_set_int(r, "leads", g->leads, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "contacted", g->contacted, err)) !=
	    CRM_OK || (rc = crm_rec_set_int(r, "qualified", g->qualified,
	    err)) != CRM_OK || (rc = crm_rec_set_int(r, "converted",
	    g->converted, err)) != CRM_OK || (rc = crm_rec_set_str(r,
	    "conversion_rate", buf, strlen(buf), err)) != CRM_OK)
		return rc;
	if (g->contacted > 0) {
		qsort(g->minutes, (size_t)g->contacted, sizeof(int64_t),
		    compare_i64);
		if ((rc = crm_rec_set_int(r, "median_first_contact_minutes",
		    g->minutes[(g->contacted - 1) / 2], err)) != CRM_OK)
			return rc;
	}
	return crm_out_write(out, r, err);
}

/* Start group g for the row of st, unless it is g's already: 1 when a
 * new group starts. */
static int
same_group(const struct group *g, sqlite3_stmt *st)
{
	const char *src = (const char *)sqlite3_column_text(st, 0);
	const char *ch = (const char *)sqlite3_column_text(st, 1);

	if (g->leads == 0 || strcmp(g->source, src) != 0)
		return 0;
	if (ch == NULL)
		return !g->has_channel;
	return g->has_channel && strcmp(g->channel, ch) == 0;
}

static void
group_start(struct group *g, sqlite3_stmt *st)
{
	const char *ch = (const char *)sqlite3_column_text(st, 1);

	snprintf(g->source, sizeof(g->source), "%s",
	    (const char *)sqlite3_column_text(st, 0));
	g->has_channel = ch != NULL;
	snprintf(g->channel, sizeof(g->channel), "%s", ch != NULL ? ch : "");
	g->leads = g->contacted = g->qualified = g->converted = 0;
}

/* Count the row of st into g. */
static int
group_add(struct group *g, sqlite3_stmt *st, crm_err *err)
{
	const char *created = (const char *)sqlite3_column_text(st, 3);
	const char *first = (const char *)sqlite3_column_text(st, 4);
	int64_t a, b;

	g->leads++;
	g->qualified += sqlite3_column_int(st, 5) != 0;
	g->converted += strcmp((const char *)sqlite3_column_text(st, 2),
	    "converted") == 0;
	if (first == NULL)
		return CRM_OK;
	if (crm_time_parse(created, strlen(created), &a, err) != CRM_OK ||
	    crm_time_parse(first, strlen(first), &b, err) != CRM_OK)
		return CRM_EDATA;
	if ((size_t)g->contacted == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 64;
		int64_t *m = realloc(g->minutes, cap * sizeof(*m));

		if (m == NULL)
			return crm_err_nomem(err);
		g->minutes = m;
		g->cap = cap;
	}
	g->minutes[g->contacted++] = (b - a) / 60000;
	return CRM_OK;
}

int
crm_lead_sources_report(crm_db *db, crm_out *out, crm_err *err)
{
	struct group g;
	crm_rec *r = crm_rec_new();
	sqlite3_stmt *st;
	int rc = CRM_OK, step;

	memset(&g, 0, sizeof(g));
	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_stmt(db, sources_sql, &st, err)) != CRM_OK)
		goto out;
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!same_group(&g, st)) {
			if (g.leads > 0 &&
			    (rc = group_write(&g, r, out, err)) != CRM_OK)
				break;
			group_start(&g, st);
		}
		rc = group_add(&g, st, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "leads", err);
	if (rc == CRM_OK && g.leads > 0)
		rc = group_write(&g, r, out, err);
	sqlite3_reset(st);
out:
	free(g.minutes);
	crm_rec_free(r);
	return rc;
}
