/*
 * activity_frequency.c - visits per rep, customer or both per week or
 * month, beside the deals won in the same period: where reps visit too
 * often or too seldom for what they win.
 */
#include "internal.h"
#include "strmap.h"

struct group {
	char *period, *rep, *customer;
	long visits, won;
	int64_t won_minor;
	const char *flag;
};

struct freq {
	const crm_activity_frequency_opts *o;
	crm_period period;
	crm_strmap *index;         /* key -> 1 + index into groups */
	struct group *groups;
	size_t n, cap;
	char kinds[8][16];
	size_t nkinds;
	char currency[8];
	int exponent;
	crm_buf key;
};

static int
parse_kinds(struct freq *f, const char *list, crm_err *err)
{
	const char *p = list, *end;
	size_t len;

	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (f->nkinds == ARRAY_LEN(f->kinds) || len == 0 ||
		    len >= sizeof(f->kinds[0]))
			goto bad;
		memcpy(f->kinds[f->nkinds], p, len);
		f->kinds[f->nkinds][len] = '\0';
		if (!crm_activity_kind_known(f->kinds[f->nkinds++]))
			goto bad;
		if (end == NULL)
			return CRM_OK;
		p = end + 1;
	}
bad:
	return crm_err_set(err, CRM_EUSAGE, "--kinds: not a list of kinds "
	    "(%s): %s", CRM_ACTIVITY_KINDS, list);
}

static int
kind_counted(const struct freq *f, const char *kind)
{
	size_t i;

	for (i = 0; i < f->nkinds; i++)
		if (strcmp(kind, f->kinds[i]) == 0)
			return 1;
	return 0;
}

/* The group of a rep and customer on a day, made when new. */
static int
group_of(struct freq *f, int32_t day, const char *rep, const char *customer,
    struct group **g, crm_err *err)
{
	char period[CRM_DATE_BUFSZ];
	struct group *ng;
	size_t *slot;
	int added, rc;

	rep = f->o->by_rep && rep != NULL ? rep : "";
	customer = f->o->by_customer && customer != NULL ? customer : "";
	crm_date_bucket(day, f->period, period);
	crm_buf_reset(&f->key);
	if (crm_buf_printf(&f->key, "%s%c%s%c%s", period, 0x1f, rep, 0x1f,
	    customer) != CRM_OK ||
	    (slot = crm_strmap_put(f->index, f->key.data, &added)) == NULL)
		return crm_err_nomem(err);
	if (!added) {
		*g = &f->groups[*slot - 1];
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&f->groups, &f->cap, f->n,
	    sizeof(*f->groups), err)) != CRM_OK)
		return rc;
	ng = &f->groups[f->n];
	memset(ng, 0, sizeof(*ng));
	if ((ng->period = strdup(period)) == NULL ||
	    (ng->rep = strdup(rep)) == NULL ||
	    (ng->customer = strdup(customer)) == NULL) {
		free(ng->period);
		free(ng->rep);
		return crm_err_nomem(err);
	}
	*slot = ++f->n;
	*g = ng;
	return CRM_OK;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static const char visits_sql[] =
	"SELECT done_at, kind, rep_id, customer_id FROM activities"
	" WHERE done_at IS NOT NULL"
	" AND (?1 IS NULL OR done_at >= ?1) AND (?2 IS NULL OR done_at < ?2)";

static int
count_visits(crm_db *db, struct freq *f, const char *from, const char *to,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	struct group *g;
	const char *at;
	int64_t ms;
	int rc;

	if ((rc = crm_db_prepare(db, visits_sql, &st, err)) != CRM_OK)
		return rc;
	bind_opt(st, 1, from);
	bind_opt(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!kind_counted(f, (const char *)sqlite3_column_text(st, 1)))
			continue;
		at = (const char *)sqlite3_column_text(st, 0);
		if ((rc = crm_time_parse(at, strlen(at), &ms, err)) != CRM_OK) {
			rc = crm_err_prefix(err, "activities: done_at");
			goto out;
		}
		if ((rc = group_of(f, crm_time_date(ms), (const char *)
		    sqlite3_column_text(st, 2), (const char *)
		    sqlite3_column_text(st, 3), &g, err)) != CRM_OK)
			goto out;
		g->visits++;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "activities",
	    err);
out:
	sqlite3_finalize(st);
	return rc;
}

/* The currency of the won deals: the one asked for, else the only one
 * there is. */
static int
won_currency(crm_db *db, struct freq *f, const char *from, const char *to,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_buf seen = CRM_BUF_INIT;
	const char *c;
	int rc, n = 0;

	if (f->o->currency != NULL) {
		snprintf(f->currency, sizeof(f->currency), "%s",
		    f->o->currency);
		return crm_currency_exponent(f->currency, &f->exponent, err);
	}
	if ((rc = crm_db_prepare(db, "SELECT DISTINCT currency FROM deals"
	    " WHERE stage = ?3 AND currency IS NOT NULL"
	    " AND (?1 IS NULL OR closed_on >= ?1)"
	    " AND (?2 IS NULL OR closed_on < ?2) ORDER BY 1", &st, err)) !=
	    CRM_OK)
		return rc;
	bind_opt(st, 1, from);
	bind_opt(st, 2, to);
	bind_opt(st, 3, f->o->won_stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c = (const char *)sqlite3_column_text(st, 0);
		if (n++ == 0)
			snprintf(f->currency, sizeof(f->currency), "%s", c);
		if (crm_buf_printf(&seen, "%s%s", n > 1 ? ", " : "", c) !=
		    CRM_OK) {
			rc = crm_err_nomem(err);
			goto out;
		}
	}
	if (rc != SQLITE_DONE)
		rc = crm_db_fail(db, rc, "deals", err);
	else if (n > 1)
		rc = crm_err_set(err, CRM_EUSAGE, "won deals in %d currencies "
		    "(%s): choose one with --currency", n, seen.data);
	else
		rc = n == 0 ? CRM_OK : crm_currency_exponent(f->currency,
		    &f->exponent, err);
out:
	crm_buf_free(&seen);
	sqlite3_finalize(st);
	return rc;
}

static const char won_sql[] =
	"SELECT closed_on, owner_rep_id, customer_id, amount_minor FROM deals"
	" WHERE stage = ?3 AND closed_on IS NOT NULL AND currency = ?4"
	" AND (?1 IS NULL OR closed_on >= ?1)"
	" AND (?2 IS NULL OR closed_on < ?2)";

static int
count_won(crm_db *db, struct freq *f, const char *from, const char *to,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	struct group *g;
	const char *on;
	int32_t day;
	int rc;

	if ((rc = won_currency(db, f, from, to, err)) != CRM_OK ||
	    f->currency[0] == '\0')
		return rc;
	if ((rc = crm_db_prepare(db, won_sql, &st, err)) != CRM_OK)
		return rc;
	bind_opt(st, 1, from);
	bind_opt(st, 2, to);
	bind_opt(st, 3, f->o->won_stage);
	bind_opt(st, 4, f->currency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		on = (const char *)sqlite3_column_text(st, 0);
		if ((rc = crm_date_parse(on, strlen(on), &day, err)) !=
		    CRM_OK) {
			rc = crm_err_prefix(err, "deals: closed_on");
			goto out;
		}
		if ((rc = group_of(f, day, (const char *)
		    sqlite3_column_text(st, 1), (const char *)
		    sqlite3_column_text(st, 2), &g, err)) != CRM_OK ||
		    (rc = crm_money_add(g->won_minor,
		    sqlite3_column_int64(st, 3), &g->won_minor, err)) != CRM_OK)
			goto out;
		g->won++;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "deals", err);
out:
	sqlite3_finalize(st);
	return rc;
}

static int
group_cmp(const void *pa, const void *pb)
{
	const struct group *x = pa, *y = pb;
	int c;

	if ((c = strcmp(x->period, y->period)) != 0 ||
	    (c = strcmp(x->rep, y->rep)) != 0)
		return c;
	return strcmp(x->customer, y->customer);
}

static int
long_cmp(const void *pa, const void *pb)
{
	long x = *(const long *)pa, y = *(const long *)pb;

	return (x > y) - (x < y);
}

/* Flag the rows of each rep and period against twice their median
 * (median2: the two middle values summed, or the middle one doubled). */
static int
flag_groups(struct freq *f, crm_err *err)
{
	size_t i, j, k;
	long *v, median2;

	if ((v = calloc(f->n + 1, sizeof(*v))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < f->n; i = j) {
		for (j = i; j < f->n && strcmp(f->groups[j].period,
		    f->groups[i].period) == 0 && strcmp(f->groups[j].rep,
		    f->groups[i].rep) == 0; j++)
			v[j - i] = f->groups[j].visits;
		qsort(v, j - i, sizeof(*v), long_cmp);
		median2 = v[(j - i - 1) / 2] + v[(j - i) / 2];
		for (k = i; k < j; k++) {
			if (f->groups[k].visits > median2)
				f->groups[k].flag = "high";
			else if (4 * f->groups[k].visits < median2)
				f->groups[k].flag = "low";
		}
	}
	free(v);
	return CRM_OK;
}

static int
set_text(crm_rec *r, const char *key, const char *s, crm_err *err)
{
	return crm_rec_set_str(r, key, s, strlen(s), err);
}

/* visits / won to two decimals, half up. */
static void
per_won(long visits, long won, char *buf, size_t sz)
{
	long long h = ((long long)visits * 200 + won) / (2LL * won);

	snprintf(buf, sz, "%lld.%02lld", h / 100, h % 100);
}

static int
write_group(const struct freq *f, const struct group *g, crm_rec *r,
    crm_out *out, crm_err *err)
{
	char buf[64];
	int rc;

	crm_rec_clear(r);
	if ((rc = set_text(r, "period", g->period, err)) != CRM_OK ||
	    (f->o->by_rep && (rc = set_text(r, "rep_id", g->rep, err)) !=
	    CRM_OK) ||
	    (f->o->by_customer && (rc = set_text(r, "customer_id",
	    g->customer, err)) != CRM_OK) ||
	    (rc = crm_rec_set_int(r, "visits", g->visits, err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "won_deals", g->won, err)) != CRM_OK)
		return rc;
	if (f->currency[0] != '\0' && ((rc = set_text(r, "won_amount",
	    crm_money_format(g->won_minor, f->exponent, buf), err)) !=
	    CRM_OK || (rc = set_text(r, "currency", f->currency, err)) !=
	    CRM_OK))
		return rc;
	if (g->won > 0) {
		per_won(g->visits, g->won, buf, sizeof(buf));
		if ((rc = crm_rec_set_json(r, "visits_per_won", CRM_NUMBER,
		    buf, strlen(buf), err)) != CRM_OK)
			return rc;
	}
	if (g->flag != NULL && (rc = set_text(r, "flag", g->flag, err)) !=
	    CRM_OK)
		return rc;
	return crm_out_write(out, r, err);
}

/* A date bound as the start of that day (next: of the day after). */
static int
day_bound(const char *what, const char *date, int next, char *buf,
    const char **out, crm_err *err)
{
	int32_t day;
	crm_err why;

	*out = NULL;
	if (date == NULL)
		return CRM_OK;
	if (crm_date_parse(date, strlen(date), &day, &why) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "%s: %s: %s", what, why.msg,
		    date);
	*out = crm_date_format(day + next, buf);
	return CRM_OK;
}

int
crm_activity_frequency(crm_db *db, const crm_activity_frequency_opts *o,
    crm_out *out, crm_err *err)
{
	char from_buf[CRM_DATE_BUFSZ], to_buf[CRM_DATE_BUFSZ];
	const char *from, *to;
	struct freq f;
	crm_rec *r = NULL;
	size_t i;
	int rc;

	memset(&f, 0, sizeof(f));
	f.o = o;
	if (strcmp(o->period, "week") == 0)
		f.period = CRM_PERIOD_WEEK;
	else if (strcmp(o->period, "month") == 0)
		f.period = CRM_PERIOD_MONTH;
	else
		return crm_err_set(err, CRM_EUSAGE, "--period: not week or "
		    "month: %s", o->period);
	if ((rc = parse_kinds(&f, o->kinds != NULL ? o->kinds : "visit",
	    err)) != CRM_OK ||
	    (rc = day_bound("--from", o->from, 0, from_buf, &from, err)) !=
	    CRM_OK ||
	    (rc = day_bound("--to", o->to, 1, to_buf, &to, err)) != CRM_OK)
		return rc;
	if ((f.index = crm_strmap_new(sizeof(size_t))) == NULL ||
	    (r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = count_visits(db, &f, from, to, err)) != CRM_OK ||
	    (rc = count_won(db, &f, from, to, err)) != CRM_OK)
		goto out;
	if (f.n > 0)
		qsort(f.groups, f.n, sizeof(*f.groups), group_cmp);
	if (o->by_rep && o->by_customer &&
	    (rc = flag_groups(&f, err)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < f.n; i++)
		rc = write_group(&f, &f.groups[i], r, out, err);
out:
	for (i = 0; i < f.n; i++) {
		free(f.groups[i].period);
		free(f.groups[i].rep);
		free(f.groups[i].customer);
	}
	free(f.groups);
	crm_strmap_free(f.index);
	crm_buf_free(&f.key);
	crm_rec_free(r);
	return rc;
}
