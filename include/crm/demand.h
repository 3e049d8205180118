/*
 * crm/demand.h - from a sales forecast to a demand plan: expert
 * adjustments on top of the statistical forecast, reconciliation over a
 * product x region hierarchy, and the weekly demand plan per product
 * (and plant) that a planning system (APS) imports.
 *
 * The three steps work on forecast rows, whatever made the forecast.  A
 * row is the values of the key fields (sku, region, ...), a period key
 * of any kind (2026-11-22, 2026-W47, 2026-11, 2026-Q4, 2026), the point
 * forecast and any number of interval bounds (lo80, hi80, ...).
 *
 * Numbers: forecasts are doubles, because they are computed.  What
 * people write, an adjustment's value, is kept as the decimal text they
 * wrote (so the audit trail shows "120.5", not 120.49999999999999) and
 * applied as the double nearest to it.  Every value is finite and below
 * CRM_DEMAND_MAX in magnitude.  Reconciled figures are rounded to a
 * number of decimals and handed out as whole numbers of their last
 * place, so that their sums are exact; plan quantities are whole units.
 */
#ifndef CRM_DEMAND_H
#define CRM_DEMAND_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "rec.h"

/* Largest magnitude of a forecast, bound or adjustment value, and of a
 * value after an adjustment: past it a double no longer holds every
 * unit exactly. */
#define CRM_DEMAND_MAX 1e15

/*
 * Forecast rows.
 */
typedef struct crm_demand_rows crm_demand_rows;

enum {
	CRM_DEMAND_NEGATIVE = 1   /* a final forecast may be below zero */
};

typedef enum crm_demand_op {
	CRM_DEMAND_SET,           /* the forecast becomes value */
	CRM_DEMAND_ADD,           /* value is added (may be negative) */
	CRM_DEMAND_MULTIPLY       /* the forecast is scaled by value >= 0 */
} crm_demand_op;

/* One adjustment applied to a row.  Strings are borrowed from the rows. */
typedef struct crm_demand_step {
	crm_demand_op op;
	const char *value;        /* the decimal as written: "120.5" */
	double after;             /* the forecast after this step */
	const char *author;
	const char *reason;
	const char *file;         /* where it was written; may be NULL */
	unsigned long line;       /* 0 when not known */
} crm_demand_step;

/* A row as it stands.  final is the statistical forecast after the
 * steps in order: a set makes it value, an add adds value, a multiply
 * scales it.  A multiply scales the bounds too: a lift of 20 % makes
 * the uncertainty 20 % wider, as the error of a forecast grows with its
 * level.  A set or an add shifts every bound by what it moved the
 * forecast: the expert moved the level, and said nothing new about how
 * far the truth may fall from it.  Then, unless the rows were made with
 * CRM_DEMAND_NEGATIVE, a final below zero is 0 (clamped is 1) and bounds
 * below zero are 0: demand is never negative.  This holds for rows with
 * no steps too.  The steps' after values are before that clamp, so that
 * statistical -> after -> ... -> final can always be followed. */
typedef struct crm_demand_row {
	const char *const *vals;  /* one value per key field */
	const char *period;       /* as crm_date_bucket writes it */
	crm_period kind;
	int32_t first, last;      /* the days the period covers */
	double stat;              /* the statistical forecast */
	const double *stat_bounds;   /* one per bound name */
	const crm_demand_step *steps;
	size_t nsteps;
	double final;
	const double *bounds;     /* the final bounds */
	int clamped;
} crm_demand_row;

/* A new, empty set of rows keyed by the fields keys[0..nkeys) (nkeys 0:
 * one series), with bounds named bounds[0..nbounds) (nbounds may be 0);
 * the names are copied.  flags: CRM_DEMAND_NEGATIVE.  CRM_EUSAGE for an
 * empty name, a name given twice, or one of the row fields (period,
 * forecast, statistical, adjustments).  Free with crm_demand_rows_free();
 * NULL does nothing. */
CRM_API int crm_demand_rows_new(const char *const *keys, size_t nkeys,
	const char *const *bounds, size_t nbounds, int flags,
	crm_demand_rows **rows, crm_err *err);
CRM_API void crm_demand_rows_free(crm_demand_rows *rows);

/* Add a row: vals[0..nkeys) its key values (copied; not NULL), period a
 * period key of any kind, the forecast and bounds[0..nbounds) (may be
 * NULL when there are none).  CRM_EDATA for a malformed period key, a
 * value that is not finite or out of range, or a key and period that
 * are there already; rows are unchanged then. */
CRM_API int crm_demand_rows_add(crm_demand_rows *rows,
	const char *const *vals, const char *period, double forecast,
	const double *bounds, crm_err *err);

/* The same from a record: the key fields (strings or numbers), period,
 * forecast and each bound (numbers or decimal strings); other fields
 * are left alone.  CRM_EDATA "file:line: field: reason". */
CRM_API int crm_demand_rows_add_rec(crm_demand_rows *rows,
	const crm_rec *r, crm_err *err);

/* The names of the key fields and of the bounds, borrowed. */
CRM_API const char *const *crm_demand_rows_keys(const crm_demand_rows *rows,
	size_t *n);
CRM_API const char *const *crm_demand_rows_bounds(
	const crm_demand_rows *rows, size_t *n);

/* Rows in the order added; row i (< count), borrowed until rows are
 * next changed. */
CRM_API size_t crm_demand_rows_count(const crm_demand_rows *rows);
CRM_API const crm_demand_row *crm_demand_rows_at(const crm_demand_rows *rows,
	size_t i);

/* The index of the row of key values vals[0..nkeys) and period (any
 * spelling crm_period_key_parse takes).  CRM_END when there is none,
 * CRM_EDATA for a malformed period key. */
CRM_API int crm_demand_rows_find(const crm_demand_rows *rows,
	const char *const *vals, const char *period, size_t *i,
	crm_err *err);

/* Replace out's fields with row i: the key fields, period, forecast
 * (the final value), the final bounds, statistical, and adjustments: an
 * array of {"op","value","after","author","reason"} in the order
 * applied (empty when there are none). */
CRM_API int crm_demand_rows_write(const crm_demand_rows *rows, size_t i,
	crm_rec *out, crm_err *err);

/*
 * Adjustments (see crm-forecast-adjust(5)): records naming every key
 * field, period, op (set, add, multiply), value (a number or a decimal
 * string), author and reason.  Two adjustments of one row apply in the
 * order they come.
 */

/* Apply one adjustment record to its row.  CRM_EDATA "file:line: field:
 * reason" for a bad record, one naming a key or a period the rows do not
 * have, or one that would take the forecast out of range; rows are
 * unchanged then, so a program can set the record aside (--reject) and
 * go on. */
CRM_API int crm_demand_adjust(crm_demand_rows *rows, const crm_rec *r,
	crm_err *err);

/* Apply the adjustment file path (JSON lines, or CSV or TSV by its
 * name; NULL or "-": standard input), strictly: the first bad record
 * stops the load with its error (CRM_EDATA, or CRM_ENOINPUT, CRM_EIO)
 * and none of the file's adjustments stays applied.  *n (may be NULL)
 * gets the number applied.  A program that sets bad records aside
 * instead reads the file itself and calls crm_demand_adjust. */
CRM_API int crm_demand_adjust_load(crm_demand_rows *rows, const char *path,
	unsigned long *n, crm_err *err);

/* Take back the last adjustment of row i.  CRM_END when it has none. */
CRM_API int crm_demand_rows_undo(crm_demand_rows *rows, size_t i);

/*
 * Reconciliation over a product x region hierarchy, period by period.
 *
 * Bottom up: the rows are keyed by the product and region fields (no
 * other key); a product's total is the sum of its regions, a region's
 * total the sum of its products, the grand total the sum of all.
 *
 * Top down by history: the rows are keyed by the product field alone and
 * hold each product's total forecast.  It is split over the regions the
 * history names for the product, by their share of the product's history
 * (crm_demand_hier_history: the caller's totals of the last N periods).
 * A product whose history is all zeros splits evenly over the regions
 * named for it; one with no history at all, evenly over every region the
 * history names.
 *
 * The figures are rounded to a number of decimals so that sums stay
 * exact: the grand total is its value rounded half away from zero; every
 * other figure is its value rounded down or up, the grand total split
 * over the products by largest remainder, each product's total over its
 * cells by largest remainder (ties to the first in byte order of the
 * keys), and where a region's total would then not be its value rounded
 * down or up, units move one at a time along the shortest chain of
 * cells, found breadth first in key order, until it is (a chain may
 * pass a unit from one product's total to another's, each staying its
 * value rounded down or up).  Every parent is exactly the sum of its
 * children, along both dimensions.
 * Values are taken to a millionth of the last place first, so that the
 * noise of binary fractions cannot decide a tie.
 */
typedef enum crm_demand_recon {
	CRM_DEMAND_BOTTOM_UP,
	CRM_DEMAND_TOP_DOWN
} crm_demand_recon;

typedef enum crm_demand_level {
	CRM_DEMAND_TOTAL,
	CRM_DEMAND_PRODUCT,
	CRM_DEMAND_REGION,
	CRM_DEMAND_CELL
} crm_demand_level;

/* One figure of the reconciled hierarchy, borrowed from it. */
typedef struct crm_demand_node {
	crm_demand_level level;
	const char *product;      /* NULL for the total and the regions */
	const char *region;       /* NULL for the total and the products */
	const char *period;
	double value;             /* reconciled, before rounding */
	int64_t scaled;           /* rounded: value x 10^decimals, whole */
} crm_demand_node;

typedef struct crm_demand_hier crm_demand_hier;

/* A new hierarchy of the key fields product and region (copied),
 * reconciled by how, rounded to decimals places (0 to 6).  CRM_EUSAGE
 * for bad arguments.  Free with crm_demand_hier_free(); NULL does
 * nothing. */
CRM_API int crm_demand_hier_new(const char *product, const char *region,
	crm_demand_recon how, int decimals, crm_demand_hier **h,
	crm_err *err);
CRM_API void crm_demand_hier_free(crm_demand_hier *h);

/* Top down: the history total of product in region (>= 0).  CRM_EDATA
 * for a negative or non-finite total, or a pair given twice. */
CRM_API int crm_demand_hier_history(crm_demand_hier *h, const char *product,
	const char *region, double total, crm_err *err);

/* Reconcile the final forecasts of rows, replacing what an earlier run
 * left.  CRM_EUSAGE when the rows are not keyed as the method needs,
 * CRM_EDATA for a top-down product with no region to split into or a
 * figure too large to round (|value| x 10^decimals >= 10^12). */
CRM_API int crm_demand_hier_run(crm_demand_hier *h,
	const crm_demand_rows *rows, crm_err *err);

/* The figures, period by period (by first day): the grand total, then
 * each product (byte order) followed by its cells (regions in byte
 * order), then each region.  Borrowed until the next run. */
CRM_API size_t crm_demand_hier_count(const crm_demand_hier *h);
CRM_API const crm_demand_node *crm_demand_hier_at(const crm_demand_hier *h,
	size_t i);

/* Replace out's fields with figure i: level ("total", "product",
 * "region", "cell"), the product and region fields (null where the
 * figure has none), period and forecast, a JSON number with exactly
 * decimals places. */
CRM_API int crm_demand_hier_write(const crm_demand_hier *h, size_t i,
	crm_rec *out, crm_err *err);

/*
 * The weekly demand plan: per product (and plant), the ISO weeks from a
 * start week, each with a whole number of units.
 *
 * Rows of one product, plant and period (other key fields such as region
 * differ) are summed first.  A week's forecast is its quantity rounded
 * half away from zero.  A month, quarter or year forecast is rounded the
 * same way and the whole units are spread over the ISO weeks it touches
 * in proportion to the days of the period in each week, by largest
 * remainder (ties to the earlier week): a week that straddles two months
 * takes its days' share from both.  Day forecasts are summed into their
 * ISO week and that sum is rounded.  So what is preserved exactly is
 * each period's rounded forecast (for days: each week's rounded sum),
 * over all the weeks the period touches, including weeks outside the
 * plan; a week's quantity is the sum of what it takes from each period.
 *
 * The plan of a product covers the asked weeks that hold a forecast day:
 * it starts late where the forecast starts after the start week and
 * stops where the forecast ends (no zeros are made up past the horizon),
 * with a note saying so.  A week inside whose days no period covers (a
 * gap in the forecast) has quantity 0 and no source.  A week only partly
 * covered (the forecast ends mid-week) has the units of its covered days
 * and says how many days those are.
 */
typedef struct crm_demand_week {
	const char *sku;
	const char *plant;        /* NULL without a plant field */
	const char *week;         /* "2026-W50" */
	int32_t first, last;      /* its Monday and Sunday */
	int64_t qty;              /* whole units, >= 0 */
	const char *source;       /* the forecast periods it takes from:
	                             "2026-12", "2026-11..2026-12"; NULL in
	                             a gap */
	int days;                 /* days of the week with a forecast */
} crm_demand_week;

typedef struct crm_demand_plan crm_demand_plan;

/* Plan the final forecasts of rows per value of the key field sku (and
 * plant, a key field too, or NULL) for weeks ISO weeks (1 to 520) from
 * start ("2026-W50").  CRM_EUSAGE for a field that is not a key, a bad
 * start or count; CRM_EDATA for a final forecast below zero, or two
 * periods of one product and plant that overlap (2026-11 and 2026-Q4).
 * Free with crm_demand_plan_free(); NULL does nothing. */
CRM_API int crm_demand_plan_new(const crm_demand_rows *rows, const char *sku,
	const char *plant, const char *start, int weeks,
	crm_demand_plan **plan, crm_err *err);
CRM_API void crm_demand_plan_free(crm_demand_plan *plan);

/* The plan's weeks by sku, plant and week; borrowed from plan. */
CRM_API size_t crm_demand_plan_count(const crm_demand_plan *plan);
CRM_API const crm_demand_week *crm_demand_plan_at(
	const crm_demand_plan *plan, size_t i);

/* Notes on products whose plan is shorter than asked ('sku "A" plant
 * "P1": the forecast ends on 2027-01-31 (2027-W04): the plan stops
 * there, 8 of 20 weeks'), in the plan's order; borrowed. */
CRM_API size_t crm_demand_plan_notes(const crm_demand_plan *plan);
CRM_API const char *crm_demand_plan_note(const crm_demand_plan *plan,
	size_t i);

/* The columns of the APS import: sku, plant, week, week_start, week_end,
 * qty, source, days. */
#define CRM_DEMAND_PLAN_NCOLUMNS 8
CRM_API const char *const *crm_demand_plan_columns(void);

/* Replace out's fields with week i in those columns (plant left out
 * without a plant field, source in a gap). */
CRM_API int crm_demand_plan_write(const crm_demand_plan *plan, size_t i,
	crm_rec *out, crm_err *err);

#endif
