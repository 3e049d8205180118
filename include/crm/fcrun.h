/*
 * crm/fcrun.h - forecast runs: every series of a set (series.h)
 * forecast (forecast.h) and shaped into the rows crm-forecast(1)
 * writes, reconciled over a product x region hierarchy (demand.h), or
 * backtested with rolling origins.  No I/O: rows are handed to the
 * caller's function, which writes them where it likes.
 *
 * Rows: the key fields, period, forecast, lo<L> and hi<L> per interval
 * level (lo80, hi80, named by the level's text as the caller wrote it),
 * method, params (a JSON object of the fitted parameters a method has:
 * alpha, beta, gamma, phi, theta, drift, window, season), intervals (how
 * they were computed) and note (why a simpler method was used).
 * Forecasts and bounds are rounded to CRM_FCRUN_DECIMALS places,
 * parameters and scores to CRM_FCRUN_PARAM_DECIMALS: finer digits are
 * noise next to the intervals.  Demand is not negative: unless the run
 * has CRM_FCRUN_NEGATIVE, a forecast or bound below zero is written as
 * 0 (returns net against sales, and a forecast below zero would order
 * less than nothing).
 */
#ifndef CRM_FCRUN_H
#define CRM_FCRUN_H

#include <stddef.h>

#include "demand.h"
#include "err.h"
#include "forecast.h"
#include "rec.h"
#include "series.h"

#define CRM_FCRUN_DECIMALS 3
#define CRM_FCRUN_PARAM_DECIMALS 4
#define CRM_FCRUN_MAX_KEYS 16
/* Room for the columns of any kind of row. */
#define CRM_FCRUN_MAX_COLUMNS \
	(CRM_FCRUN_MAX_KEYS + 2 * CRM_FORECAST_MAX_LEVELS + 8)
/* Room for a params object. */
#define CRM_FCRUN_PARAMSZ 512

enum {
	CRM_FCRUN_NEGATIVE = 1    /* keep forecasts and bounds below 0 */
};

typedef struct crm_fcrun_opts {
	const char *const *keys;  /* the set's key fields, in its order */
	size_t nkeys;             /* up to CRM_FCRUN_MAX_KEYS */
	crm_forecast_method method;   /* a method, or auto among fo.methods */
	crm_forecast_opts fo;
	const char *const *levels;    /* fo.nlevels texts of fo.levels as
	                                 the bounds are named: "80" makes
	                                 lo80 and hi80 */
	int flags;                /* CRM_FCRUN_NEGATIVE */
} crm_fcrun_opts;

typedef struct crm_fcrun crm_fcrun;

/* What a run has done so far. */
typedef struct crm_fcrun_counts {
	unsigned long series;     /* series read */
	unsigned long forecast;   /* forecasts made */
	unsigned long fallbacks;  /* of them, by a simpler method */
} crm_fcrun_counts;

/* Each row, borrowed until fn returns; anything but CRM_OK from fn
 * stops the run with that code. */
typedef int (*crm_fcrun_row_fn)(void *ctx, crm_rec *row, crm_err *err);

/* A new run with the options o (copied, strings too).  CRM_EUSAGE for
 * too many keys, a key or level text that is NULL or empty; CRM_EINTERNAL
 * out of memory.  Free with crm_fcrun_free(); NULL does nothing. */
CRM_API int crm_fcrun_new(const crm_fcrun_opts *o, crm_fcrun **run,
	crm_err *err);
CRM_API void crm_fcrun_free(crm_fcrun *run);

/* The season length and horizon that suit a kind of period: day 7 and
 * 14, week 52 and 13, month 12 and 12, quarter 4 and 4, year 1 and 1. */
CRM_API void crm_fcrun_period_defaults(crm_period p, int *season,
	int *horizon);

/* The comma-separated list of method names ("naive,ses,auto") into
 * methods[0..*n) in its order (room for CRM_FORECAST_AUTO + 1).
 * CRM_EUSAGE for an empty or unknown name ("unknown forecast method:
 * nope"), a name given twice ("ses given twice") or too many names. */
CRM_API int crm_fcrun_methods_parse(const char *list,
	crm_forecast_method *methods, size_t *n, crm_err *err);

/* The counts so far, borrowed from run. */
CRM_API const crm_fcrun_counts *crm_fcrun_counts_of(const crm_fcrun *run);

/*
 * Row shaping.
 */

/* x to decimals places as a JSON number into buf (sz bytes), trailing
 * zeros dropped, never "-0"; beyond 1e15 in size 15 significant digits;
 * "null" when x is not finite.  Returns buf. */
CRM_API char *crm_fcrun_num(double x, int decimals, char *buf, size_t sz);

/* x, or 0 for x below zero unless the run has CRM_FCRUN_NEGATIVE. */
CRM_API double crm_fcrun_floor(const crm_fcrun *run, double x);

/* The params object of f into buf (CRM_FCRUN_PARAMSZ bytes): the
 * parameters f has (finite), in the order of the header comment,
 * "{}" when none. */
CRM_API void crm_fcrun_params(const crm_forecast *f, char *buf);

/* The columns of the forecast rows into cols (room for
 * CRM_FCRUN_MAX_COLUMNS), borrowed from run; returns their number. */
CRM_API size_t crm_fcrun_columns(const crm_fcrun *run, const char **cols);

/* Forecast y[0..n) by the run's method and options (as
 * crm_forecast_run, *f to free with crm_forecast_free), and count it.
 * A series of no values (a key that never sold) forecasts zeros, with
 * the note "no sales in the history: zeros". */
CRM_API int crm_fcrun_forecast(crm_fcrun *run, const double *y, size_t n,
	crm_forecast **f, crm_err *err);

/* Hand f's rows to fn, one per step of its horizon: the key values
 * vals[0..nkeys) (NULL: null), the periods after the set's last
 * (crm_series_period), the forecast and bounds floored and rounded.
 * CRM_EUSAGE for a forecast of more levels than the run names. */
CRM_API int crm_fcrun_rows(crm_fcrun *run, const crm_series_set *set,
	const char *const *vals, const crm_forecast *f, crm_fcrun_row_fn fn,
	void *ctx, crm_err *err);

/* Forecast each series of set in turn and hand its rows to fn. */
CRM_API int crm_fcrun_each(crm_fcrun *run, crm_series_set *set,
	crm_fcrun_row_fn fn, void *ctx, crm_err *err);

/*
 * The hierarchy: the run's keys are the product and the region field.
 * Bottom up, each product x region series is forecast; top down, each
 * product's total (the sum of its regions' series, from its first
 * period with a sum that is not 0) is forecast and split by the
 * regions' sales over the last season (fo.season periods; a region
 * whose returns exceed its sales there has a share of 0).  Then the
 * forecasts are reconciled (crm_demand_hier_run) to CRM_FCRUN_DECIMALS
 * places.
 */

/* The hierarchy of the series of set reconciled by how into *h (the
 * caller's: crm_demand_hier_free; NULL after a failure).  CRM_EUSAGE
 * when the run does not have exactly two keys; CRM_EDATA for a series
 * whose product or region is null, a product longer than 255 bytes,
 * and what crm_demand_hier_run refuses. */
CRM_API int crm_fcrun_hier(crm_fcrun *run, crm_series_set *set,
	crm_demand_recon how, crm_demand_hier **h, crm_err *err);

/* The columns of crm_demand_hier_write's rows for the run's keys:
 * level, product, region, period, forecast; returns 5. */
CRM_API size_t crm_fcrun_hier_columns(const crm_fcrun *run,
	const char **cols);

/*
 * Backtests: for each series and method, forecasts of fo.horizon
 * periods from each of the last origins origins, one period apart, the
 * last ending with the history (so a series needs horizon + origins + 1
 * periods), floored as the rows are, pooled and scored against what
 * happened (crm_forecast_accuracy_of, the training part before the
 * first origin scaling mase).  Rows: the key fields, method, nseries, n
 * (the points scored), mae, rmse, mape, smape, mase, wape, bias, note.
 * A series too short has a row per method with no scores and a note.
 * After the last series, a row per method with the keys null and each
 * measure's mean over the series that have it (as the M3 competition
 * averages its sMAPE).
 */
#define CRM_FCRUN_NMEASURES 7

/* Backtest methods[0..nmethods) on each series of set, handing the rows
 * to fn.  The run's method is not used; its intervals are not needed
 * (fo.nlevels 0 is faster).  CRM_EUSAGE for no methods or more than
 * CRM_FORECAST_AUTO + 1, origins below 1; CRM_EINTERNAL out of memory. */
CRM_API int crm_fcrun_backtest(crm_fcrun *run, crm_series_set *set,
	const crm_forecast_method *methods, size_t nmethods, int origins,
	crm_fcrun_row_fn fn, void *ctx, crm_err *err);

/* The columns of the backtest's rows into cols (room for
 * CRM_FCRUN_MAX_COLUMNS); returns their number. */
CRM_API size_t crm_fcrun_backtest_columns(const crm_fcrun *run,
	const char **cols);

/*
 * Forecast rows read back, for adjustments and the weekly plan: keyed by
 * the key fields given or, without them, as the first record is, by the
 * fields before its period (as the rows above have them); with
 * CRM_FCRUN_KEEP also each record's bounds (lo80, hi95: "lo" or "hi"
 * and a number) and the record whole, so that the fields a row has
 * besides (method, params) pass through.
 */
enum {
	CRM_FCRUN_KEEP = 2        /* keep the bounds and the records */
};

typedef struct crm_fcrun_input crm_fcrun_input;

/* A new reader of rows keyed by keys[0..nkeys) (copied; NULL: by the
 * first record), flags CRM_FCRUN_NEGATIVE (the rows' final forecasts
 * may be below zero) and CRM_FCRUN_KEEP.  CRM_EUSAGE for more than
 * CRM_FCRUN_MAX_KEYS keys.  Free with crm_fcrun_input_free(); NULL does
 * nothing. */
CRM_API int crm_fcrun_input_new(const char *const *keys, size_t nkeys,
	int flags, crm_fcrun_input **in, crm_err *err);
CRM_API void crm_fcrun_input_free(crm_fcrun_input *in);

/* Add record r as a row (crm_demand_rows_add_rec).  CRM_EDATA "file:line:
 * period: missing" for a first record without a period when keyed by
 * it, or what the rows refuse. */
CRM_API int crm_fcrun_input_add(crm_fcrun_input *in, const crm_rec *r,
	crm_err *err);

/* The rows so far (empty rows of the given keys when no record came),
 * borrowed from in; NULL out of memory (err set). */
CRM_API crm_demand_rows *crm_fcrun_input_rows(crm_fcrun_input *in,
	crm_err *err);

/* With CRM_FCRUN_KEEP: the number of records kept, and record i with
 * the fields of its row as it stands (crm_demand_rows_write) into out:
 * the fields it had in their places, the new ones after. */
CRM_API size_t crm_fcrun_input_count(const crm_fcrun_input *in);
CRM_API int crm_fcrun_input_write(crm_fcrun_input *in, size_t i,
	crm_rec *out, crm_err *err);

/* The ISO week ("2026-W50") of the earliest day of rows' periods into
 * buf (CRM_DATE_BUFSZ bytes): where a plan starts unless told.
 * CRM_END when there is no row. */
CRM_API int crm_fcrun_first_week(const crm_demand_rows *rows, char *buf);

#endif
