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
 *            it dashed; with series set, one line per value of that
 *            column (at most eight; the rest are left out of the chart
 *            but not the table).
 *   funnel   one step per row, in row order: label x, width y.
 *   grid     a 2 x 2 grid of the four values of column x named in cells
 *            (top left, top right, bottom left, bottom right), each cell
 *            with its count of rows and the sum of column y.
 *   stacked  one bar per distinct value of x (in first-seen order), made
 *            of one part per value of column series, of length y.
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

#endif
