/*
 * crm/report.h - reports: rows of one shape, written as JSON lines, CSV,
 * TSV, an aligned table, Markdown, or one self-contained HTML page with a
 * chart; and the figures reports share (ratios, percentages, period keys
 * a period or a year before).
 *
 * A report is opened with its spec (title, columns, chart), fed rows and
 * closed.  JSON lines, CSV and TSV stream; table, Markdown and HTML keep
 * the rows until the close.  In a table, a report whose chart has a
 * measure gets one more column, "bar", a bar of block characters scaled
 * to the largest value of the measure (empty for null and negative
 * values).  In HTML, the page holds the title, the chart as inline SVG
 * and the rows as a table, with inline CSS, no scripts and nothing
 * fetched from elsewhere; it is readable on a phone and printable.
 *
 * Charts:
 *   bars     one bar per row: its label is column x (NULL: the key
 *            columns joined with " / "), its length column y.
 *   line     one point per row along x (a period column), column y as a
 *            solid line and y2 (last year's figure, may be NULL) beside
 *            it dashed; one line per combination of the other key
 *            columns that differ between rows (at most eight; the rest
 *            are left out of the chart but not the table); a line of one
 *            point is a dot.
 *   funnel   one step per row, in row order: label x, width y.
 *   grid     a 2 x 2 grid of the four values of column x named in cells
 *            (top left, top right, bottom left, bottom right), each cell
 *            with its count of rows and the sum of column y.
 *   stacked  one bar per combination of the key columns other than
 *            series that differ between rows (in first-seen order; x
 *            labels the one bar when none differ), made of one part per
 *            value of column series, of length y.
 * The chart's columns must be among the report's columns.  Values that
 * are not numbers (null, "") are left out of the chart.
 */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "io.h"
#include "rec.h"

typedef enum crm_chart_kind {
	CRM_CHART_NONE,
	CRM_CHART_BARS,
	CRM_CHART_LINE,
	CRM_CHART_FUNNEL,
	CRM_CHART_GRID,
	CRM_CHART_STACKED
} crm_chart_kind;

typedef struct crm_chart {
	crm_chart_kind kind;
	const char *x;
	const char *y;
	const char *y2;
	const char *series;
	const char *cells[4];
} crm_chart;

typedef struct crm_report_spec {
	const char *title;            /* "Sales by region and month" */
	const char *subtitle;         /* the period, options; may be NULL */
	const char *const *columns;   /* every column, in order */
	size_t ncolumns;
	size_t nkeys;                 /* the first nkeys columns are keys */
	crm_chart chart;
} crm_report_spec;

typedef struct crm_report crm_report;

enum {
	CRM_REPORT_GZIP = 1           /* gzip the output (also by a .gz name) */
};

/* Open a report for writing to path (NULL or "-": standard output) in
 * fmt (CRM_FMT_AUTO: jsonl).  fields (may be NULL) limits and orders the
 * columns written, as --fields does elsewhere; the chart still reads the
 * spec's columns.  The spec's strings are copied.  CRM_EUSAGE for a
 * chart column that is not a column, a field that is not one;
 * CRM_ECANTCREAT when path cannot be created. */
CRM_API int crm_report_open(crm_report **rep, const crm_report_spec *spec,
	const char *path, crm_format fmt, int flags,
	const char *const *fields, size_t nfields, crm_err *err);

/* Write one row: a record with (some of) the spec's columns; a column
 * it lacks is null.  CRM_EDATA for a field that is not a column. */
CRM_API int crm_report_row(crm_report *rep, const crm_rec *row,
	crm_err *err);

/* Render what is kept, flush, close and free rep.  CRM_EIO when a write
 * failed.  crm_report_close(NULL, err) returns CRM_OK. */
CRM_API int crm_report_close(crm_report *rep, crm_err *err);

/* Free rep without finishing it (error paths).  NULL does nothing. */
CRM_API void crm_report_abort(crm_report *rep);

/* Rows written so far. */
CRM_API unsigned long crm_report_rows(const crm_report *rep);

/* num / den rounded half away from zero to decimals places (0 to 9), as
 * a decimal string in buf (at least CRM_RATIO_BUFSZ bytes); returns buf,
 * or NULL when den is 0 (the figure is null: no base to compare with).
 * crm_percent_format is the same for 100 * num / den. */
#define CRM_RATIO_BUFSZ 48
CRM_API char *crm_ratio_format(int64_t num, int64_t den, int decimals,
	char *buf);
CRM_API char *crm_percent_format(int64_t num, int64_t den, int decimals,
	char *buf);

/* Set field key of r to num / den (or the percentage) as a JSON number
 * with decimals places, or null when den is 0. */
CRM_API int crm_rec_set_ratio(crm_rec *r, const char *key, int64_t num,
	int64_t den, int decimals, crm_err *err);
CRM_API int crm_rec_set_percent(crm_rec *r, const char *key, int64_t num,
	int64_t den, int decimals, crm_err *err);

/* The median of v[0..n) (sorted in place) as num / 2 in *twice, so that
 * a median between two values stays exact; CRM_END when n is 0. */
CRM_API int crm_median2(int64_t *v, size_t n, int64_t *twice);

/* The key of the period n periods after (n < 0: before) key, of kind p,
 * into buf (CRM_DATE_BUFSZ bytes).  CRM_EDATA for a malformed key. */
CRM_API int crm_period_next(const char *key, crm_period p, int n, char *buf,
	crm_err *err);

/* The key of the same period a year before key: the same day, ISO week,
 * month or quarter of the year before, or the year before.  CRM_END
 * when there is none (29 February, ISO week 53 of a year whose year
 * before has 52 weeks): that period has no year-ago figure. */
CRM_API int crm_period_year_ago(const char *key, crm_period p, char *buf,
	crm_err *err);

/*
 * The group filter: records grouped by keys, with aggregates per group.
 *
 * keys: "KEY,..." where KEY is FIELD or FIELD:PERIOD (day, week, month,
 * quarter, year: the date or instant in FIELD as that period's key),
 * either optionally prefixed NAME= to name the column (default: the
 * field's name).  NULL or "": one group of everything.
 * aggs: "AGG,..." where AGG is count (records), or FUNCTION:FIELD with
 * FUNCTION one of count (values), sum, mean, min, max, median, pNN (the
 * NN-th percentile, 0 to 100), distinct (distinct values); optionally
 * NAME= first (default column: FIELD_FUNCTION, or count).  NULL: count.
 * Values are numbers or decimal strings, summed exactly; null and absent
 * values are left out.  Results come as numbers, or as strings when a
 * value of the field came as a string (money in crm's records).
 */
typedef struct crm_group crm_group;

/* A new group filter; CRM_EUSAGE for a malformed list (the message says
 * what).  Free with crm_group_free(); NULL does nothing. */
CRM_API int crm_group_new(const char *keys, const char *aggs,
	crm_group **g, crm_err *err);
CRM_API void crm_group_free(crm_group *g);

/* Add one record.  CRM_EDATA "file:line: field: reason" for a key that
 * is not a date where a period is asked, a value that is not a number
 * (nothing of the record is counted then). */
CRM_API int crm_group_add(crm_group *g, const crm_rec *r, crm_err *err);

/* The output columns (keys first, nkeys of them), borrowed from g. */
CRM_API const char *const *crm_group_columns(const crm_group *g, size_t *n,
	size_t *nkeys);

/* The index of the first key with a period, or -1. */
CRM_API int crm_group_period_key(const crm_group *g);

/* Write one row per group, ordered by the keys (null first, numbers by
 * value, strings byte by byte); without keys, one row even when no
 * record came. */
CRM_API int crm_group_write(crm_group *g, crm_report *rep, crm_err *err);

/*
 * Customer value: the orders of each customer (per currency) reduced to
 * recency, frequency and money, for the rfm and value-matrix reports;
 * with the lapsed flag (a regular customer gone quiet) and the loyal
 * flag (past the order count from which most customers order again).
 * Sales count as orders; returns (kind "return") only take away money;
 * cancelled and draft orders are left out.  See crm-report(1).
 */
typedef struct crm_custval crm_custval;
struct crm_db;

typedef struct crm_custval_opts {
	int32_t as_of;       /* recency counts to this day; later orders
	                        are left out */
	int32_t from, to;    /* order days taken, inclusive */
	int regular;         /* sales that make a customer regular (>= 1) */
	int lapsed_days;     /* quiet days past which a regular customer
	                        has lapsed; 0: twice their median gap */
	int loyal_rate;      /* percent (1 to 100) for the loyalty point */
} crm_custval_opts;

/* A new, empty set of customers; free with crm_custval_free() (NULL
 * does nothing).  The options are copied. */
CRM_API int crm_custval_new(const crm_custval_opts *o, crm_custval **cv,
	crm_err *err);
CRM_API void crm_custval_free(crm_custval *cv);

/* Add one order from records: recs[0..n) are its lines (one record
 * without order_id is an order of its own) with customer_id,
 * order_date, amount and currency, kind (sale or return) and status
 * optional.  CRM_EDATA "file:line: field: reason" for a bad record. */
CRM_API int crm_custval_add(crm_custval *cv, crm_rec *const *recs,
	size_t n, crm_err *err);

/* Add the orders of the database. */
CRM_API int crm_custval_load(crm_custval *cv, struct crm_db *db,
	crm_err *err);

/* The columns and chart of the two reports (title set, no subtitle). */
CRM_API void crm_rfm_spec(crm_report_spec *spec);
CRM_API void crm_value_matrix_spec(crm_report_spec *spec);

/* Write one row per customer and currency with a sale, ordered by
 * customer_id and currency. */
CRM_API int crm_custval_rfm(crm_custval *cv, crm_report *rep,
	crm_err *err);

/* The same for the value matrix: a customer whose average order is
 * above amount (a decimal; NULL: the median average order of the
 * currency's customers) is "high value", one with more orders than
 * count (>= 0; -1: the median order count) "frequent".  CRM_EUSAGE when amount is not an amount of a currency
 * met (checked before any row is written). */
CRM_API int crm_custval_matrix(crm_custval *cv, const char *amount,
	long count, crm_report *rep, crm_err *err);

/*
 * The sales funnel, deal stage flow and sales effectiveness (funnel and
 * effectiveness of crm-report(1), where every figure is defined).
 * Groups with no record in the range have no rows; a missing owner,
 * team or region is the group "(none)".
 */
struct crm_deal_stages;

typedef struct crm_funnel_query {
	const char *by;      /* funnel: NULL, "source", "rep", "team";
	                        effectiveness: NULL (rep), "rep", "team",
	                        "region" */
	const char *from;    /* YYYY-MM-DD, inclusive; NULL: open */
	const char *to;
	const struct crm_deal_stages *stages;   /* borrowed */
	int64_t now;         /* ms: open deals wait up to here */
} crm_funnel_query;

/* The spec of the lead funnel (deals 0) or of the deal stage flow
 * (deals 1), or of effectiveness; subtitle (sz bytes, at least 128)
 * gets the range and grouping.  CRM_EUSAGE "--by: ..." for a grouping
 * the report does not have. */
CRM_API int crm_funnel_spec(const crm_funnel_query *q, int deals,
	crm_report_spec *spec, char *subtitle, size_t sz, crm_err *err);
CRM_API int crm_effect_spec(const crm_funnel_query *q,
	crm_report_spec *spec, char *subtitle, size_t sz, crm_err *err);

/* Write the rows of the lead funnel, the stage flow, effectiveness. */
CRM_API int crm_funnel_leads(struct crm_db *db, const crm_funnel_query *q,
	crm_report *rep, crm_err *err);
CRM_API int crm_funnel_stages(struct crm_db *db, const crm_funnel_query *q,
	crm_report *rep, crm_err *err);
CRM_API int crm_effectiveness(struct crm_db *db, const crm_funnel_query *q,
	crm_report *rep, crm_err *err);

/* Set median and mean (NULL: not that one) of r to the median and the
 * mean of v[0..n) (sorted in place) divided by unit (> 0), as numbers
 * with decimals places rounded half away from zero; null when n is 0. */
CRM_API int crm_rec_set_median_mean(crm_rec *r, const char *median,
	const char *mean, int64_t *v, size_t n, int64_t unit, int decimals,
	crm_err *err);

/* The stall stage: the index of the largest of lost[0..n) (the lost
 * deals lost from each stage), the first of equals; -1 when all are 0. */
CRM_API long crm_stall_pick(const int64_t *lost, size_t n);

/* The stage flow of deals, fed one deal at a time: its stage moves
 * v[0..n) in time order (stage as the rules or the event spell it;
 * one the rules lack is left out) and its current stage, which it has
 * been in since since (ms).  Rows per stage, in rule order, are
 * written by crm_stage_flow_write, which then empties the flow. */
typedef struct crm_stage_move {
	int64_t at;          /* ms */
	const char *stage;   /* the stage entered */
	const char *from;    /* the stage left; NULL when not known */
} crm_stage_move;

typedef struct crm_stage_flow crm_stage_flow;

CRM_API int crm_stage_flow_new(const struct crm_deal_stages *stages,
	crm_stage_flow **f, crm_err *err);
CRM_API void crm_stage_flow_free(crm_stage_flow *f);
CRM_API int crm_stage_flow_add(crm_stage_flow *f, const crm_stage_move *v,
	size_t n, const char *current, int64_t since, int64_t now,
	crm_err *err);
/* Write the rows, with column col (may be NULL) set to group. */
CRM_API int crm_stage_flow_write(crm_stage_flow *f, const char *col,
	const char *group, crm_report *rep, crm_err *err);

/*
 * Targets (table targets): an amount (with its currency) and or a
 * quantity per scope (company, rep, team, region, product), scope id
 * ("" for the company) and period key (2026, 2026-Q4, 2026-11,
 * 2026-W47), loaded from records and compared with sales and the open
 * pipeline.  crm-report(1) names the fields and the choices.
 */
struct crm_db;
struct crm_deal_stages;
struct crm_receivables;
struct crm_stock_buckets;

typedef struct crm_targets_loader crm_targets_loader;

typedef struct crm_targets_counts {
	unsigned long inserted, updated, unchanged;
} crm_targets_counts;

/* A loader over db (borrowed) that stamps what it writes with the
 * instant at (RFC 3339, copied).  Free with crm_targets_loader_free();
 * NULL does nothing. */
CRM_API int crm_targets_loader_new(struct crm_db *db, const char *at,
	crm_targets_loader **tl, crm_err *err);
CRM_API void crm_targets_loader_free(crm_targets_loader *tl);
/* Insert or update one target record (scope, scope_id, period, amount
 * with currency and or qty, note), in the caller's transaction.
 * CRM_EDATA "file:line: field: reason" for a bad record, including a
 * rep, team or product that does not exist. */
CRM_API int crm_targets_load(crm_targets_loader *tl, const crm_rec *r,
	crm_err *err);
CRM_API const crm_targets_counts *crm_targets_counts_of(
	const crm_targets_loader *tl);

typedef struct crm_target_query {
	const char *scope;       /* NULL: every scope */
	const char *period;      /* one period key; NULL: any */
	const char *from, *to;   /* dates: periods inside them; NULL: open */
	const char *as_of;       /* YYYY-MM-DD; NULL: today */
	const struct crm_deal_stages *stages;   /* open stages, probabilities */
} crm_target_query;

/* CRM_EUSAGE "--scope: ...", "--period-key: ...", "--as-of: ..." when
 * a field of q is not what it should be. */
CRM_API int crm_target_query_check(const crm_target_query *q,
	crm_err *err);

/* The columns of the target report (static), the first *nkeys keys. */
CRM_API const char *const *crm_report_target_columns(size_t *n,
	size_t *nkeys);
/* One row per target of q: target, actual, pipeline, forecast, gaps and
 * percentages.  CRM_EUSAGE for a bad scope or period key in q. */
CRM_API int crm_report_target_write(struct crm_db *db,
	const crm_target_query *q, crm_report *rep, crm_err *err);

/* Receivables by ageing bucket (crm_receivables_new's buckets) per group
 * (by: customer, region or rep; NULL: customer), as of a date: one row
 * per group, currency and bucket.  The columns (static) start with the
 * group's; CRM_EUSAGE for another by. */
CRM_API int crm_report_receivables_columns(const char *by,
	const char *const **cols, size_t *n, size_t *nkeys, crm_err *err);
CRM_API int crm_report_receivables_write(struct crm_db *db,
	const struct crm_receivables *rv, const char *by, const char *as_of,
	crm_report *rep, crm_err *err);

/* Stock on hand by age bucket per group (by: location, sku or region;
 * NULL: location): one row per group, currency and bucket with qty and
 * FIFO value.  as_of NULL: now, aged at today. */
CRM_API int crm_report_stock_age_columns(const char *by,
	const char *const **cols, size_t *n, size_t *nkeys, crm_err *err);
CRM_API int crm_report_stock_age_write(struct crm_db *db,
	const struct crm_stock_buckets *b, const char *by, const char *as_of,
	crm_report *rep, crm_err *err);

/* Promotions granted on orders (not drafts, not cancelled) dated from
 * from to to (inclusive; NULL: open): per promotion and currency. */
CRM_API const char *const *crm_report_promotions_columns(size_t *n,
	size_t *nkeys);
CRM_API int crm_report_promotions_write(struct crm_db *db,
	const char *from, const char *to, crm_report *rep, crm_err *err);

/*
 * Sales (crm-report sales): quantity and amount of the order lines of
 * orders that are sales (any status but draft and cancelled; returns
 * count negative, as stored) per dimensions, currency and period, with
 * the same period a year before, the period before and the share of the
 * period's total of the currency.  Every period from the first shown to
 * the last comes for every combination that sold in one of them, with
 * zeros where it sold nothing.  See crm-report(1) for every figure.
 */
typedef struct crm_sales crm_sales;

/* A new, empty sales cube by dims ("product,region": product, segment,
 * category, region, channel, rep, customer; NULL or "": none) and
 * period p, showing the periods that hold a day from from to to
 * (YYYY-MM-DD; NULL: the first / the last sale).  CRM_EUSAGE for an
 * unknown or repeated dimension or a bad date.  Free with
 * crm_sales_free(); NULL does nothing. */
CRM_API int crm_sales_new(const char *dims, crm_period p, const char *from,
	const char *to, crm_sales **s, crm_err *err);
CRM_API void crm_sales_free(crm_sales *s);

/* The report's columns (dims, currency, period, then the figures; the
 * first nkeys are keys), borrowed from s. */
CRM_API const char *const *crm_sales_columns(const crm_sales *s, size_t *n,
	size_t *nkeys);

/* Add one sale record: order_date (date or instant), qty, amount (in
 * the record's currency), currency, and the dims as fields (sku or
 * product, segment, category, region, channel, rep or rep_id, customer
 * or customer_id; absent: null).  CRM_EDATA "file:line: field: reason"
 * for a bad record, which then counts nowhere. */
CRM_API int crm_sales_add(crm_sales *s, const crm_rec *r, crm_err *err);

/* Add the sales of the database: summed by SQLite per dims, currency and
 * period over the periods shown and the year and period before them. */
CRM_API int crm_sales_read_db(crm_sales *s, struct crm_db *db,
	crm_err *err);

/* Write the rows, ordered by dims and currency (null first, byte by
 * byte) and period. */
CRM_API int crm_sales_write(crm_sales *s, crm_report *rep, crm_err *err);

/*
 * Market figures (crm-report load-market, market): units per kind
 * (wholesale, retail, registration), period key, segment, region (""
 * for all) and brand.
 */
typedef struct crm_market_counts {
	unsigned long added, updated, unchanged;
} crm_market_counts;

/* Upsert one figure record (kind, period, segment, region optional,
 * brand, units, amount and currency optional) stamped updated_at = at,
 * counting it in c.  CRM_EDATA "file:line: field: reason". */
CRM_API int crm_market_load(struct crm_db *db, const crm_rec *r,
	const char *at, crm_market_counts *c, crm_err *err);

typedef struct crm_market_query {
	const char *brand;     /* ours; required */
	const char *kind;      /* NULL: every kind */
	const char *period;    /* a period key; NULL: every period */
	const char *from;      /* YYYY-MM-DD: periods within; NULL: open */
	const char *to;
	const char *region;    /* NULL: every region as stored */
	const char *segment;   /* NULL: every segment */
} crm_market_query;

/* The columns and chart of the market report (title set). */
CRM_API void crm_market_spec(crm_report_spec *spec);

/* One row per brand of each kind, period, segment and region: our
 * brand's first (with 0 units when it has no figure there), then the
 * others by units, largest first.  CRM_EUSAGE for a bad kind or
 * period. */
CRM_API int crm_market_write(struct crm_db *db, const crm_market_query *q,
	crm_report *rep, crm_err *err);

#endif
