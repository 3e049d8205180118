/*
 * referral_settle.c - rewards and rebates of a period, written once.
 *
 * A reward is cumulative: what a referral earned up to the period's last
 * day less what it had earned up to the day before the period, each
 * capped.  So the periods of a referral add up to exactly its reward
 * over its whole life, the cap holds across periods, and a return in
 * the window takes back in the period it falls in.
 */
#include "referral_internal.h"

#define MAX_ID 256

/* One settlement line: kind, payee, currency. */
struct line {
	int rebate;
	char payee[MAX_ID];
	char currency[4];
	int64_t revenue, amount;
	const char *rule;             /* borrowed from the rules */
};

/* One currency of a referral's sales. */
struct cur {
	char code[4];
	int64_t revenue;              /* in the period */
	int64_t window_before;        /* in the window, before the period */
	int64_t window_last;          /* in the window, up to its last day */
};

struct settling {
	crm_db *db;
	const crm_referral_rules *rules;
	int32_t first, last;
	char first_s[CRM_DATE_BUFSZ], last_s[CRM_DATE_BUFSZ];
	struct line *lines;
	size_t nlines, cap;
	struct cur *curs;
	size_t ncurs, ccurs;
	crm_buf sql;
};

static int
line_of(struct settling *s, int rebate, const char *payee,
    const char *currency, struct line **out, crm_err *err)
{
	struct line *l;
	size_t i;
	int rc;

	for (i = s->nlines; i-- > 0;) {
		l = &s->lines[i];
		if (l->rebate != rebate || strcmp(l->payee, payee) != 0)
			break;
		if (strcmp(l->currency, currency) == 0) {
			*out = l;
			return CRM_OK;
		}
	}
	if ((rc = crm_array_grow(&s->lines, &s->cap, s->nlines,
	    sizeof(*s->lines), err)) != CRM_OK)
		return rc;
	l = &s->lines[s->nlines++];
	memset(l, 0, sizeof(*l));
	l->rebate = rebate;
	snprintf(l->payee, sizeof(l->payee), "%s", payee);
	snprintf(l->currency, sizeof(l->currency), "%s", currency);
	*out = l;
	return CRM_OK;
}

static int
cur_of(struct settling *s, const char *code, struct cur **out,
    crm_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < s->ncurs; i++)
		if (strcmp(s->curs[i].code, code) == 0) {
			*out = &s->curs[i];
			return CRM_OK;
		}
	if ((rc = crm_array_grow(&s->curs, &s->ccurs, s->ncurs,
	    sizeof(*s->curs), err)) != CRM_OK)
		return rc;
	*out = &s->curs[s->ncurs++];
	memset(*out, 0, sizeof(**out));
	snprintf((*out)->code, sizeof((*out)->code), "%s", code);
	return CRM_OK;
}

/* The sales of customer ?1 from day ?2 to day ?3, oldest first. */
static int
customer_sales_sql(crm_buf *b)
{
	crm_buf_reset(b);
	if (crm_buf_printf(b, "SELECT o.currency, substr(o.order_date, 1, 10)"
	    " AS day, sum(l.amount_minor) FROM orders o"
	    " JOIN order_lines l ON l.order_id = o.id WHERE %s"
	    " AND o.customer_id = ?1 AND substr(o.order_date, 1, 10) >= ?2"
	    " AND substr(o.order_date, 1, 10) <= ?3"
	    " GROUP BY o.id ORDER BY day, o.id", crm_sales_condition()) !=
	    CRM_OK || crm_buf_addc(b, '\0') != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}

/* Add the sale of row st (currency, day, amount) to its currency (the
 * first sale's currency is s->curs[0]). */
static int
add_sale(struct settling *s, sqlite3_stmt *st, int32_t on, crm_err *err)
{
	const char *code = (const char *)sqlite3_column_text(st, 0);
	const char *day_s = (const char *)sqlite3_column_text(st, 1);
	int64_t amount = sqlite3_column_int64(st, 2);
	struct cur *c;
	int32_t day;
	int days, rc;

	if (code == NULL || strlen(code) != 3 || day_s == NULL ||
	    crm_date_parse(day_s, strlen(day_s), &day, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "orders: a sale without a "
		    "currency or a date");
	if ((rc = cur_of(s, code, &c, err)) != CRM_OK)
		return rc;
	if (day >= s->first && (rc = crm_money_add(c->revenue, amount,
	    &c->revenue, err)) != CRM_OK)
		return rc;
	days = crm_referral_reward_days(s->rules, code);
	if (day > on + days - 1)
		return CRM_OK;
	if (day < s->first && (rc = crm_money_add(c->window_before, amount,
	    &c->window_before, err)) != CRM_OK)
		return rc;
	return crm_money_add(c->window_last, amount, &c->window_last, err);
}

/* The reward of one referral in the period, to the referrer's lines. */
static int
reward_referral(struct settling *s, sqlite3_stmt *sales, const char *payee,
    const char *referred, const char *on_s, crm_err *err)
{
	struct cur *c;
	int64_t before, upto, part;
	const char *rule;
	struct line *l;
	int32_t on, first_day = 0;
	size_t i;
	int rc, step;

	if (crm_date_parse(on_s, strlen(on_s), &on, err) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "referrals: %s: referred_on: "
		    "not a date", referred);
	s->ncurs = 0;
	sqlite3_reset(sales);
	sqlite3_bind_text(sales, 1, referred, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(sales, 2, on_s, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(sales, 3, s->last_s, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(sales)) == SQLITE_ROW) {
		if (s->ncurs == 0 && crm_date_parse((const char *)
		    sqlite3_column_text(sales, 1), 10, &first_day, err) !=
		    CRM_OK)
			return crm_err_set(err, CRM_EDATA, "orders: a sale "
			    "without a date");
		if ((rc = add_sale(s, sales, on, err)) != CRM_OK)
			return rc;
	}
	if (step != SQLITE_DONE)
		return crm_db_fail(s->db, step, "orders", err);
	for (i = 0; i < s->ncurs; i++) {
		c = &s->curs[i];
		if ((rc = crm_referral_reward_upto(s->rules, c->code, i == 0,
		    c->window_last, &upto, &rule, err)) != CRM_OK ||
		    (rc = crm_referral_reward_upto(s->rules, c->code, i == 0 &&
		    first_day < s->first, c->window_before, &before, &rule,
		    err)) != CRM_OK)
			return rc;
		part = upto - before;
		if (c->revenue == 0 && part == 0)
			continue;
		if ((rc = line_of(s, 0, payee, c->code, &l, err)) != CRM_OK ||
		    (rc = crm_money_add(l->revenue, c->revenue, &l->revenue,
		    err)) != CRM_OK ||
		    (rc = crm_money_add(l->amount, part, &l->amount, err)) !=
		    CRM_OK)
			return rc;
		l->rule = rule;
	}
	return CRM_OK;
}

static const char referrals_sql[] =
	"SELECT referrer_customer_id, referred_id, referred_on FROM referrals"
	" WHERE referrer_customer_id IS NOT NULL AND referred_on <= ?1"
	" ORDER BY referrer_customer_id, referred_id";

static int
rewards(struct settling *s, crm_err *err)
{
	sqlite3_stmt *st = NULL, *sales = NULL;
	const char *payee, *referred, *on;
	size_t i, from = s->nlines;
	int rc, step;

	if (customer_sales_sql(&s->sql) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(s->db, s->sql.data, &sales, err)) != CRM_OK ||
	    (rc = crm_db_prepare(s->db, referrals_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, s->last_s, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		payee = (const char *)sqlite3_column_text(st, 0);
		referred = (const char *)sqlite3_column_text(st, 1);
		on = (const char *)sqlite3_column_text(st, 2);
		if ((rc = reward_referral(s, sales, payee, referred, on, err)) !=
		    CRM_OK)
			goto out;
	}
	if (step != SQLITE_DONE) {
		rc = crm_db_fail(s->db, step, "referrals", err);
		goto out;
	}
	for (i = from; i < s->nlines; i++)
		s->lines[i].amount = crm_referral_reward_period_cap(s->rules,
		    s->lines[i].currency, s->lines[i].amount);
out:
	sqlite3_finalize(sales);
	sqlite3_finalize(st);
	return rc;
}

/* Per partner (?1) and currency, the sales of its customers in the
 * period (?2 to ?3): customers.partner_id, or, for a customer without
 * one, referred by the partner (from the referral day on): a customer's
 * sales earn one partner a rebate, never two. */
static int
partner_sales_sql(crm_buf *b)
{
	crm_buf_reset(b);
	if (crm_buf_printf(b, "SELECT o.currency, sum(l.amount_minor)"
	    " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE %s"
	    " AND substr(o.order_date, 1, 10) BETWEEN ?2 AND ?3"
	    " AND EXISTS (SELECT 1 FROM customers c"
	    "  WHERE c.id = o.customer_id AND (c.partner_id = ?1"
	    "  OR (c.partner_id IS NULL AND EXISTS (SELECT 1 FROM referrals r"
	    "  WHERE r.referred_id = c.id AND r.referrer_partner_id = ?1"
	    "  AND r.referred_on <= substr(o.order_date, 1, 10)))))"
	    " GROUP BY o.currency ORDER BY o.currency",
	    crm_sales_condition()) != CRM_OK ||
	    crm_buf_addc(b, '\0') != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
rebate_partner(struct settling *s, sqlite3_stmt *sales, const char *id,
    const char *kind, crm_err *err)
{
	const char *cur, *rule;
	int64_t revenue, amount;
	struct line *l;
	int rc, step;

	sqlite3_reset(sales);
	sqlite3_bind_text(sales, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(sales, 2, s->first_s, -1, SQLITE_STATIC);
	sqlite3_bind_text(sales, 3, s->last_s, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(sales)) == SQLITE_ROW) {
		cur = (const char *)sqlite3_column_text(sales, 0);
		revenue = sqlite3_column_int64(sales, 1);
		if (cur == NULL || strlen(cur) != 3)
			return crm_err_set(err, CRM_EDATA, "orders: a sale "
			    "without a currency");
		if ((rc = crm_referral_rebate(s->rules, kind, cur, revenue,
		    &amount, &rule, err)) != CRM_OK)
			return rc;
		if (revenue == 0 && amount == 0)
			continue;
		if ((rc = line_of(s, 1, id, cur, &l, err)) != CRM_OK)
			return rc;
		l->revenue = revenue;
		l->amount = amount;
		l->rule = rule;
	}
	return step == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(s->db, step, "orders", err);
}

static int
rebates(struct settling *s, crm_err *err)
{
	sqlite3_stmt *st = NULL, *sales = NULL;
	int rc, step;

	if (partner_sales_sql(&s->sql) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(s->db, s->sql.data, &sales, err)) != CRM_OK ||
	    (rc = crm_db_prepare(s->db, "SELECT id, kind FROM partners"
	    " ORDER BY id", &st, err)) != CRM_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = rebate_partner(s, sales, (const char *)
		    sqlite3_column_text(st, 0), (const char *)
		    sqlite3_column_text(st, 1), err)) != CRM_OK)
			goto out;
	if (step != SQLITE_DONE)
		rc = crm_db_fail(s->db, step, "partners", err);
out:
	sqlite3_finalize(sales);
	sqlite3_finalize(st);
	return rc;
}

static int
cmp_line(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int c;

	if (a->rebate != b->rebate)
		return a->rebate - b->rebate;
	if ((c = strcmp(a->payee, b->payee)) != 0)
		return c;
	return strcmp(a->currency, b->currency);
}

/* Refuse a period that has not ended, or that overlaps one settled. */
static int
check_period(struct settling *s, const char *period, int64_t now,
    crm_err *err)
{
	char next[CRM_DATE_BUFSZ];
	sqlite3_stmt *st = NULL;
	const char *p, *at;
	int32_t a, b;
	crm_period kind;
	int rc, step;

	if (crm_time_date(now) <= s->last) {
		crm_date_format(s->last + 1, next);
		return crm_err_set(err, CRM_EUSAGE, "--period: %s has not "
		    "ended: settle it from %s on (--dry-run shows it now)",
		    period, next);
	}
	if ((rc = crm_db_prepare(s->db, "SELECT period, min(settled_at)"
	    " FROM settlements GROUP BY period ORDER BY period", &st,
	    err)) != CRM_OK)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		p = (const char *)sqlite3_column_text(st, 0);
		at = (const char *)sqlite3_column_text(st, 1);
		if (p == NULL || crm_period_key_parse(p, strlen(p), &kind, &a,
		    &b, err) != CRM_OK || b < s->first || a > s->last)
			continue;
		if (strcmp(p, period) == 0)
			rc = crm_err_set(err, CRM_EDATA, "--period: %s was "
			    "settled at %s; nothing written (--dry-run shows "
			    "it again)", period, at != NULL ? at : "?");
		else
			rc = crm_err_set(err, CRM_EDATA, "--period: %s overlaps "
			    "%s, settled at %s; nothing written", period, p,
			    at != NULL ? at : "?");
		goto out;
	}
	rc = step == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(s->db, step, "settlements", err);
out:
	sqlite3_finalize(st);
	return rc;
}

static const char insert_sql[] =
	"INSERT INTO settlements (kind, payee_id, period, currency,"
	" revenue_minor, amount_minor, rule, settled_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static int
write_line(struct settling *s, const struct line *l, const char *period,
    const char *at, int dry_run, crm_rec *r, crm_out *out, crm_err *err)
{
	const char *kind = l->rebate ? "rebate" : "reward";
	sqlite3_stmt *st;
	int rc, exponent;

	crm_rec_clear(r);
	if ((rc = crm_currency_exponent(l->currency, &exponent, err)) !=
	    CRM_OK)
		return crm_err_prefix(err, "orders");
	if ((rc = crm_rec_set_str(r, "kind", kind, strlen(kind), err)) !=
	    CRM_OK || (rc = crm_rec_set_str(r, "payee", l->payee,
	    strlen(l->payee), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "period", period, strlen(period),
	    err)) != CRM_OK || (rc = crm_rec_set_str(r, "currency",
	    l->currency, 3, err)) != CRM_OK ||
	    (rc = crm_money_set(r, "revenue", l->revenue, exponent, err)) !=
	    CRM_OK || (rc = crm_money_set(r, "amount", l->amount, exponent,
	    err)) != CRM_OK)
		return rc;
	rc = l->rule != NULL ? crm_rec_set_str(r, "rule", l->rule,
	    strlen(l->rule), err) : crm_rec_set_null(r, "rule", err);
	if (rc != CRM_OK || (rc = crm_out_write(out, r, err)) != CRM_OK ||
	    dry_run)
		return rc;
	if ((rc = crm_db_stmt(s->db, insert_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, l->payee, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, l->currency, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, l->revenue);
	sqlite3_bind_int64(st, 6, l->amount);
	if (l->rule != NULL)
		sqlite3_bind_text(st, 7, l->rule, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(s->db, rc, "settlements", err);
}

int
crm_referral_settle(crm_db *db, const crm_referral_rules *rules,
    const char *period, int64_t now, int dry_run, crm_out *out,
    unsigned long *nlines, crm_err *err)
{
	struct settling s;
	char at[CRM_DATE_BUFSZ];
	crm_period kind;
	crm_rec *r = NULL;
	crm_err why;
	size_t i;
	int rc;

	memset(&s, 0, sizeof(s));
	*nlines = 0;
	s.db = db;
	s.rules = rules;
	if (crm_period_key_parse(period, strlen(period), &kind, &s.first,
	    &s.last, &why) != CRM_OK || (kind != CRM_PERIOD_MONTH &&
	    kind != CRM_PERIOD_QUARTER))
		return crm_err_set(err, CRM_EUSAGE, "--period: not a month "
		    "(2026-11) or a quarter (2026-Q4): %s", period);
	crm_date_format(s.first, s.first_s);
	crm_date_format(s.last, s.last_s);
	crm_time_format(now, at);
	if ((!dry_run && (rc = check_period(&s, period, now, err)) !=
	    CRM_OK) || (rc = rewards(&s, err)) != CRM_OK ||
	    (rc = rebates(&s, err)) != CRM_OK)
		goto out;
	if (s.nlines > 0)
		qsort(s.lines, s.nlines, sizeof(*s.lines), cmp_line);
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < s.nlines; i++)
		if ((rc = write_line(&s, &s.lines[i], period, at, dry_run, r,
		    out, err)) != CRM_OK)
			goto out;
	*nlines = s.nlines;
out:
	crm_rec_free(r);
	free(s.lines);
	free(s.curs);
	crm_buf_free(&s.sql);
	return rc;
}
