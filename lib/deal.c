/*
 * deal.c - deals in the database: stage moves with their events, the
 * list and one deal with its history.
 */
#include "internal.h"

#include <strings.h>

static const char state_sql[] =
	"SELECT stage, currency FROM deals WHERE id = ?1";
/* ?3 NULL keeps the amount; close fields are set or cleared with the
 * stage. */
static const char move_sql[] =
	"UPDATE deals SET stage = ?2, amount_minor = coalesce(?3, amount_minor),"
	" probability = ?4, forecast_category = ?5, stage_since = ?6,"
	" closed_on = ?7, won_reason = ?8, lost_reason = ?9, updated_at = ?10"
	" WHERE id = ?1";

/* The columns of a listed deal, named as import reads them. */
#define DEAL_COLUMNS \
	"SELECT id, customer_id, owner_rep_id AS owner, product, amount_minor," \
	" currency, stage, probability, forecast_category, expected_close," \
	" created_on, closed_on, won_reason, lost_reason, lead_id," \
	" stage_since, updated_at, attrs FROM deals"

static const char list_sql[] = DEAL_COLUMNS
	" WHERE (?1 IS NULL OR stage = ?1 COLLATE NOCASE)"
	" AND (?2 IS NULL OR owner_rep_id = ?2)"
	" AND (?3 IS NULL OR customer_id = ?3)"
	" AND (?4 IS NULL OR forecast_category = ?4)"
	" AND (?5 IS NULL OR created_on >= ?5)"
	" AND (?6 IS NULL OR created_on <= ?6)"
	" AND (?7 IS NULL OR (stage COLLATE NOCASE IN (?8, ?9)) = ?7)"
	" AND (?10 IS NULL OR id = ?10)"
	" ORDER BY id";
static const char show_sql[] = DEAL_COLUMNS " WHERE id = ?1";

/* The deal's stage and currency (copied into the buffers); CRM_EDATA
 * "deal ID: unknown deal". */
static int
deal_state(crm_db *db, const char *id, char *stage, size_t stage_sz,
    char *currency, size_t currency_sz, crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	if ((rc = crm_db_prepare(db, state_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(stage, stage_sz, "%s", sqlite3_column_text(st, 0));
		s = (const char *)sqlite3_column_text(st, 1);
		snprintf(currency, currency_sz, "%s", s != NULL ? s : "");
		rc = CRM_OK;
	} else if (rc == SQLITE_DONE) {
		rc = crm_err_set(err, CRM_EDATA, "deal %.64s: unknown deal", id);
	} else {
		rc = crm_db_fail(db, rc, "deals", err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Whether from -> to may happen under ch; the stage of from may have
 * left the rules, and is then taken as open. */
static int
check_move(const crm_deal_stages *stages, const char *id, const char *from,
    const crm_deal_stage *to, const crm_deal_change *ch, crm_err *err)
{
	const crm_deal_stage *was = crm_deal_stage_find(stages, from);

	if (was != NULL && was->outcome != CRM_DEAL_OPEN && !ch->reopen)
		return crm_err_set(err, CRM_EDATA, "deal %.64s: is %s; reopen "
		    "it to move it (--reopen)", id, was->name);
	if (to->outcome == CRM_DEAL_LOST && (ch->note == NULL ||
	    ch->note[0] == '\0'))
		return crm_err_set(err, CRM_EDATA, "deal %.64s: lost needs a "
		    "reason", id);
	return CRM_OK;
}

/* The final amount of ch in the deal's currency into *minor; *has 0
 * when ch gives none. */
static int
final_amount(const crm_deal_change *ch, const char *currency, int64_t *minor,
    int *has, crm_err *err)
{
	int exponent, rc;

	*has = 0;
	if (ch->amount == NULL)
		return CRM_OK;
	if (currency[0] == '\0')
		return crm_err_set(err, CRM_EDATA, "amount: the deal has no "
		    "currency");
	if ((rc = crm_currency_exponent(currency, &exponent, err)) != CRM_OK ||
	    (rc = crm_money_parse(ch->amount, strlen(ch->amount), exponent,
	    minor, err)) != CRM_OK)
		return crm_err_prefix(err, "amount");
	if (*minor < 0)
		return crm_err_set(err, CRM_EDATA, "amount: negative");
	*has = 1;
	return CRM_OK;
}

/* closed_on of a move to a won or lost stage: the given date, else the
 * date of at. */
static int
close_date(const crm_deal_change *ch, int64_t at, char *buf, crm_err *err)
{
	int32_t day;
	int rc;

	if (ch->closed_on == NULL) {
		crm_date_format(crm_time_date(at), buf);
		return CRM_OK;
	}
	if ((rc = crm_date_parse(ch->closed_on, strlen(ch->closed_on), &day,
	    err)) != CRM_OK)
		return crm_err_prefix(err, "closed_on");
	crm_date_format(day, buf);
	return CRM_OK;
}

static void
bind_opt(sqlite3_stmt *st, int idx, const char *s, int when)
{
	if (when && s != NULL)
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, idx);
}

/* The UPDATE of a move, with at and now normalised to UTC. */
static int
update_stage(crm_db *db, const char *id, const crm_deal_stage *to,
    const crm_deal_change *ch, const char *at, const char *closed,
    const int64_t *amount, crm_err *err)
{
	char now[CRM_DATE_BUFSZ];
	sqlite3_stmt *st;
	int64_t ms;
	int rc;

	if ((rc = crm_now(&ms, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, move_sql, &st, err)) != CRM_OK)
		return rc;
	crm_time_format(ms, now);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to->name, -1, SQLITE_STATIC);
	if (amount != NULL)
		sqlite3_bind_int64(st, 3, *amount);
	sqlite3_bind_int(st, 4, to->probability);
	sqlite3_bind_text(st, 5, to->forecast_category, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	bind_opt(st, 7, closed, to->outcome != CRM_DEAL_OPEN);
	bind_opt(st, 8, ch->note, to->outcome == CRM_DEAL_WON);
	bind_opt(st, 9, ch->note, to->outcome == CRM_DEAL_LOST);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "deals", err);
}

int
crm_deal_move(crm_db *db, const crm_deal_stages *stages, const char *id,
    const char *to, const crm_deal_change *ch, int *moved, crm_err *err)
{
	char from[128], currency[8], at[CRM_DATE_BUFSZ],
	    closed[CRM_DATE_BUFSZ];
	const crm_deal_stage *stage;
	crm_event ev;
	int64_t ms, amount;
	int rc, has_amount;

	if (moved != NULL)
		*moved = 0;
	if ((rc = crm_deal_stage_lookup(stages, to, &stage, err)) != CRM_OK)
		return crm_err_prefix(err, "stage");
	if ((rc = crm_time_parse(ch->at, strlen(ch->at), &ms, err)) != CRM_OK)
		return crm_err_prefix(err, "at");
	crm_time_format(ms, at);
	if ((rc = deal_state(db, id, from, sizeof(from), currency,
	    sizeof(currency), err)) != CRM_OK ||
	    (rc = final_amount(ch, currency, &amount, &has_amount, err)) !=
	    CRM_OK || (rc = close_date(ch, ms, closed, err)) != CRM_OK)
		return rc;
	if (strcasecmp(from, stage->name) == 0)
		return has_amount ? crm_err_set(err, CRM_EDATA, "deal %.64s: "
		    "is %s already; the amount is set with a stage change",
		    id, stage->name) : CRM_OK;
	if ((rc = check_move(stages, id, from, stage, ch, err)) != CRM_OK ||
	    (rc = update_stage(db, id, stage, ch, at, closed, has_amount ?
	    &amount : NULL, err)) != CRM_OK)
		return rc;
	memset(&ev, 0, sizeof(ev));
	ev.entity = "deal";
	ev.entity_id = id;
	ev.at = at;
	ev.actor = ch->actor;
	ev.kind = "stage";
	ev.from_state = from;
	ev.to_state = stage->name;
	ev.note = ch->note;
	if ((rc = crm_event_add(db, &ev, err)) == CRM_OK && moved != NULL)
		*moved = 1;
	return rc;
}

static void
bind_filter(sqlite3_stmt *st, int idx, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

int
crm_deal_list(crm_db *db, const crm_deal_stages *stages,
    const crm_deal_filter *f, crm_out *out, crm_err *err)
{
	static const crm_deal_filter all;
	sqlite3_stmt *st;
	int rc;

	if (f == NULL)
		f = &all;
	if ((rc = crm_db_prepare(db, list_sql, &st, err)) != CRM_OK)
		return rc;
	bind_filter(st, 1, f->stage);
	bind_filter(st, 2, f->owner);
	bind_filter(st, 3, f->customer);
	bind_filter(st, 4, f->forecast_category);
	bind_filter(st, 5, f->created_from);
	bind_filter(st, 6, f->created_to);
	if (f->open != 0)
		sqlite3_bind_int(st, 7, f->open < 0);
	bind_filter(st, 8, crm_deal_stage_outcome(stages, CRM_DEAL_WON)->name);
	bind_filter(st, 9, crm_deal_stage_outcome(stages, CRM_DEAL_LOST)->name);
	bind_filter(st, 10, f->id);
	rc = crm_db_write_rows(db, st, out, "deals", err);
	sqlite3_finalize(st);
	return rc;
}

int
crm_deal_get(crm_db *db, const char *id, crm_rec *r, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, show_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = crm_db_row(st, r, err);
	else if (rc == SQLITE_DONE)
		rc = crm_err_set(err, CRM_EDATA, "deal %.64s: unknown deal", id);
	else
		rc = crm_db_fail(db, rc, "deals", err);
	sqlite3_reset(st);
	return rc;
}

int
crm_deal_show(crm_db *db, const char *id, crm_out *out, crm_err *err)
{
	crm_rec *r = crm_rec_new();
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_deal_get(db, id, r, err)) == CRM_OK &&
	    (rc = crm_event_history(db, "deal", id, r, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
	crm_rec_free(r);
	return rc;
}
