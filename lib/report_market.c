/*
 * report_market.c - market figures: wholesale, retail and registration
 * units per period, segment, region and brand, loaded from records, and
 * our share of each market against every other brand.
 */
#include "internal.h"

#include "crm/report.h"

static const char *const kinds[] = { "wholesale", "retail",
	"registration" };

static const char find_sql[] =
	"SELECT units, amount_minor, currency FROM market_figures"
	" WHERE kind = ?1 AND period = ?2 AND segment = ?3 AND region = ?4"
	" AND brand = ?5";
static const char insert_sql[] =
	"INSERT INTO market_figures (kind, period, segment, region, brand,"
	" units, amount_minor, currency, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char update_sql[] =
	"UPDATE market_figures SET units = ?6, amount_minor = ?7,"
	" currency = ?8, updated_at = ?9"
	" WHERE kind = ?1 AND period = ?2 AND segment = ?3 AND region = ?4"
	" AND brand = ?5";

struct figure {
	char kind[16], period[16], segment[128], region[128], brand[128];
	char currency[8];
	int64_t units, amount;
	int has_amount;
};

static int
read_figure(const crm_rec *r, struct figure *f, crm_err *err)
{
	const char *region;
	int32_t first;
	int exponent, rc;
	size_t i;
	crm_err e;

	if ((rc = crm_rec_need_str(r, "kind", f->kind, sizeof(f->kind),
	    err)) != CRM_OK)
		return rc;
	for (i = 0; i < ARRAY_LEN(kinds) && strcmp(kinds[i], f->kind); i++)
		continue;
	if (i == ARRAY_LEN(kinds))
		return crm_rec_fail(r, err, CRM_EDATA, "kind", "not one of "
		    "wholesale, retail, registration: %s", f->kind);
	if ((rc = crm_rec_need_str(r, "period", f->period,
	    sizeof(f->period), err)) != CRM_OK)
		return rc;
	if (crm_period_key_parse(f->period, strlen(f->period), NULL,
	    &first, NULL, &e) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "period", "%s: %s",
		    e.msg, f->period);
	if ((rc = crm_rec_need_str(r, "segment", f->segment,
	    sizeof(f->segment), err)) != CRM_OK ||
	    (rc = crm_rec_need_str(r, "brand", f->brand, sizeof(f->brand),
	    err)) != CRM_OK)
		return rc;
	/* No region, or "": the figure is for every region. */
	f->region[0] = '\0';
	region = crm_rec_get(r, "region");
	if (region != NULL && *region != '\0' &&
	    (rc = crm_rec_copy_str(r, "region", f->region, sizeof(f->region),
	    err)) != CRM_OK)
		return rc;
	rc = crm_rec_get_int(r, "units", 0, INT64_MAX, &f->units, err);
	if (rc == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "units", "missing");
	if (rc != CRM_OK)
		return rc;
	f->has_amount = crm_rec_get(r, "amount") != NULL;
	rc = crm_rec_copy_str(r, "currency", f->currency,
	    sizeof(f->currency), err);
	if (rc == CRM_END && f->has_amount)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "missing "
		    "(the amount's currency)");
	if (rc == CRM_END)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if (!f->has_amount)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "given "
		    "without an amount");
	if (crm_currency_exponent(f->currency, &exponent, &e) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "unknown "
		    "code %s", f->currency);
	if ((rc = crm_money_get(r, "amount", exponent, &f->amount, err)) !=
	    CRM_OK)
		return rc;
	if (f->amount < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "amount", "negative");
	return CRM_OK;
}

static void
bind_figure(sqlite3_stmt *st, const struct figure *f, const char *at)
{
	sqlite3_bind_text(st, 1, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->segment, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->region, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->brand, -1, SQLITE_STATIC);
	if (at == NULL)
		return;
	sqlite3_bind_int64(st, 6, f->units);
	if (f->has_amount) {
		sqlite3_bind_int64(st, 7, f->amount);
		sqlite3_bind_text(st, 8, f->currency, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 9, at, -1, SQLITE_STATIC);
}

/* Whether the stored figure (the row of st) is f. */
static int
same_figure(sqlite3_stmt *st, const struct figure *f)
{
	const char *cur = (const char *)sqlite3_column_text(st, 2);

	if (sqlite3_column_int64(st, 0) != f->units)
		return 0;
	if (!f->has_amount)
		return sqlite3_column_type(st, 1) == SQLITE_NULL;
	return sqlite3_column_type(st, 1) != SQLITE_NULL &&
	    sqlite3_column_int64(st, 1) == f->amount && cur != NULL &&
	    strcmp(cur, f->currency) == 0;
}

int
crm_market_load(crm_db *db, const crm_rec *r, const char *at,
    crm_market_counts *c, crm_err *err)
{
	struct figure f;
	sqlite3_stmt *st;
	int rc, step, same = 0, found;

	if ((rc = read_figure(r, &f, err)) != CRM_OK)
		return rc;
	if ((rc = crm_db_stmt(db, find_sql, &st, err)) != CRM_OK)
		return rc;
	bind_figure(st, &f, NULL);
	step = sqlite3_step(st);
	if ((found = step == SQLITE_ROW))
		same = same_figure(st, &f);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return crm_db_fail(db, step, "market_figures", err);
	if (same) {
		c->unchanged++;
		return CRM_OK;
	}
	if ((rc = crm_db_stmt(db, found ? update_sql : insert_sql, &st,
	    err)) != CRM_OK)
		return rc;
	bind_figure(st, &f, at);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return crm_db_fail(db, step, "market_figures", err);
	if (found)
		c->updated++;
	else
		c->added++;
	return CRM_OK;
}

/*
 * The report.
 */

static const char *const market_columns[] = { "kind", "period",
	"segment", "region", "brand", "ours", "units", "share_pct", "rank",
	"total_units" };

void
crm_market_spec(crm_report_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->title = "Market share by segment";
	spec->columns = market_columns;
	spec->ncolumns = ARRAY_LEN(market_columns);
	spec->nkeys = 5;
	spec->chart.kind = CRM_CHART_STACKED;
	spec->chart.x = "segment";
	spec->chart.y = "share_pct";
	spec->chart.series = "brand";
}

/* Our brand comes first in its market, then the others by units. */
static const char market_sql[] =
	"SELECT kind, period, segment, region, brand, units,"
	" sum(units) OVER m,"
	" rank() OVER (PARTITION BY kind, period, segment, region"
	"  ORDER BY units DESC)"
	" FROM market_figures"
	" WHERE (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR period = ?3)"
	" AND (?4 IS NULL OR region = ?4) AND (?5 IS NULL OR segment = ?5)"
	" WINDOW m AS (PARTITION BY kind, period, segment, region)"
	" ORDER BY kind, period, segment, region, brand <> ?1, units DESC,"
	" brand";

/* The market a row belongs to: kind, period, segment, region. */
struct market {
	char key[4][128];
	int ours;		/* our brand's row was written */
	int shown;		/* the market's period is within the range */
};

static int
row_text(sqlite3_stmt *st, int i, crm_rec *row, const char *key,
    crm_err *err)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return crm_rec_set_str(row, key, s != NULL ? s : "",
	    s != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0, err);
}

/* One brand's row in the market of the row of st: rank 0 is none. */
static int
write_brand(sqlite3_stmt *st, const char *brand, int ours, int64_t units,
    int64_t total, int rank, crm_rec *row, crm_report *rep, crm_err *err)
{
	int rc = CRM_OK, i;

	crm_rec_clear(row);
	for (i = 0; rc == CRM_OK && i < 4; i++)
		rc = row_text(st, i, row, market_columns[i], err);
	if (rc == CRM_OK)
		rc = crm_rec_set_str(row, "brand", brand, strlen(brand), err);
	if (rc == CRM_OK)
		rc = crm_rec_set_bool(row, "ours", ours, err);
	if (rc == CRM_OK)
		rc = crm_rec_set_int(row, "units", units, err);
	if (rc == CRM_OK)
		rc = crm_rec_set_percent(row, "share_pct", units, total, 1,
		    err);
	if (rc == CRM_OK)
		rc = rank > 0 ? crm_rec_set_int(row, "rank", rank, err) :
		    crm_rec_set_null(row, "rank", err);
	if (rc == CRM_OK)
		rc = crm_rec_set_int(row, "total_units", total, err);
	if (rc == CRM_OK)
		rc = crm_report_row(rep, row, err);
	return rc;
}

/* Whether the period key s lies within from .. to (either may be 0:
 * open). */
static int
within(const char *s, int32_t from, int32_t to)
{
	int32_t first, last;
	crm_err e;

	if (crm_period_key_parse(s, strlen(s), NULL, &first, &last, &e) != CRM_OK)
		return 0;
	return (from == 0 || first >= from) && (to == 0 || last <= to);
}

static int
date_bound(const char *s, const char *name, int32_t *day, crm_err *err)
{
	*day = 0;
	if (s != NULL && crm_date_parse(s, strlen(s), day, err) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--%s: not a date "
		    "(YYYY-MM-DD): %s", name, s);
	return CRM_OK;
}

static int
check_query(const crm_market_query *q, int32_t *from, int32_t *to,
    crm_err *err)
{
	size_t i;
	int rc;

	if (q->brand == NULL || *q->brand == '\0')
		return crm_err_set(err, CRM_EUSAGE, "--brand: our brand is "
		    "needed");
	for (i = 0; q->kind != NULL && i < ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i], q->kind) == 0)
			break;
	if (i == ARRAY_LEN(kinds))
		return crm_err_set(err, CRM_EUSAGE, "--kind: not one of "
		    "wholesale, retail, registration: %s", q->kind);
	if (q->period != NULL && crm_period_key_parse(q->period,
	    strlen(q->period), NULL, NULL, NULL, err) !=
	    CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--period: not a period "
		    "key: %s", q->period);
	if ((rc = date_bound(q->from, "from", from, err)) != CRM_OK)
		return rc;
	return date_bound(q->to, "to", to, err);
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int
crm_market_write(crm_db *db, const crm_market_query *q, crm_report *rep,
    crm_err *err)
{
	struct market m;
	sqlite3_stmt *st = NULL;
	crm_rec *row = NULL;
	const char *brand, *v;
	int32_t from, to;
	int rc, step = SQLITE_DONE, i, fresh, ours;

	memset(&m, 0, sizeof(m));
	if ((rc = check_query(q, &from, &to, err)) != CRM_OK)
		return rc;
	if ((row = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_db_prepare(db, market_sql, &st, err)) != CRM_OK)
		goto out;
	sqlite3_bind_text(st, 1, q->brand, -1, SQLITE_STATIC);
	bind_opt(st, 2, q->kind);
	bind_opt(st, 3, q->period);
	bind_opt(st, 4, q->region);
	bind_opt(st, 5, q->segment);
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0, fresh = 0; i < 4; i++) {
			v = (const char *)sqlite3_column_text(st, i);
			if (v == NULL)
				v = "";
			if (strncmp(m.key[i], v, sizeof(m.key[i]) - 1) != 0)
				fresh = 1;
			snprintf(m.key[i], sizeof(m.key[i]), "%s", v);
		}
		if (fresh) {
			m.ours = 0;
			m.shown = within(m.key[1], from, to);
		}
		if (!m.shown)
			continue;
		brand = (const char *)sqlite3_column_text(st, 4);
		ours = strcmp(brand, q->brand) == 0;
		if (!m.ours && !ours)
			rc = write_brand(st, q->brand, 1, 0,
			    sqlite3_column_int64(st, 6), 0, row, rep, err);
		m.ours = 1;
		if (rc == CRM_OK)
			rc = write_brand(st, brand, ours,
			    sqlite3_column_int64(st, 5),
			    sqlite3_column_int64(st, 6),
			    sqlite3_column_int(st, 7), row, rep, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "market_figures", err);
out:
	sqlite3_finalize(st);
	crm_rec_free(row);
	return rc;
}
