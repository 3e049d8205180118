/*
 * crm/forecast.h - forecasting methods over one series of numbers:
 * fitted to the history y[0..n), they forecast the next h periods with
 * prediction intervals.  Pure functions over arrays of doubles: no I/O,
 * no database, nothing but libm.
 *
 * Methods (name, what the forecast is):
 *   naive          the last value
 *   snaive         the value one season before
 *   ma             the mean of the last k values (the window)
 *   ses            simple exponential smoothing, ETS(A,N,N)
 *   holt           Holt's linear trend, ETS(A,A,N)
 *   damped         Holt's damped trend, ETS(A,Ad,N)
 *   hw-add         Holt-Winters additive seasonality, ETS(A,A,A)
 *   hw-mul         Holt-Winters multiplicative seasonality, ETS(M,A,M)
 *   hw-add-damped  ETS(A,Ad,A)
 *   hw-mul-damped  ETS(M,Ad,M)
 *   theta          the Theta method of Assimakopoulos and Nikolopoulos
 *                  (2000) in the form Hyndman and Billah (2003) show it
 *                  takes: simple exponential smoothing with a drift of
 *                  half the slope of the linear trend; on the series
 *                  divided by classical multiplicative seasonal indices
 *                  when a 90 % test finds seasonality (as the M3 Theta)
 *   croston        Croston's method for intermittent demand
 *   sba            Croston with the Syntetos-Boylan correction
 *   comb           the mean of the ses, damped and theta forecasts, the
 *                  first two also on the seasonally adjusted series (as
 *                  the M3 competition's Comb S-H-D and the M4 benchmark)
 *   auto           one of the above chosen per series (see below)
 *
 * Smoothing parameters are fitted by maximum likelihood (equivalently
 * least squares for the additive-error forms) with a bounded Nelder-Mead
 * search over the "usual" region of Hyndman et al. (2008): alpha, beta,
 * gamma in [1e-4, 0.9999] with beta <= alpha and gamma <= 1 - alpha, phi
 * in [0.8, 0.98].  The initial states are estimated from the first
 * seasons as Hyndman et al. (2002) start them (a classical decomposition
 * of the first three seasons, a line through the first two seasons or
 * ten periods of the seasonally adjusted series); simple exponential
 * smoothing also searches its initial level, as R's ses does.  Croston's
 * weight is fitted by least squares of its one-step forecasts.
 *
 * Intervals: the exact variance of the additive-error state-space forms
 * (ses, holt, damped, hw-add, hw-add-damped; Hyndman et al. 2008, class
 * 1); 2000 simulated paths of the fitted model with a fixed seed for
 * hw-mul and hw-mul-damped (crm_forecast_opts.seed); the random-walk
 * formulas from the one-step errors for naive and snaive, and those
 * errors' spread for ma; SES with drift for theta (as R's thetaf, but
 * reseasonalised with the forecast); empirical quantiles of the
 * one-step errors, at least 0, for croston and sba; the mean of the
 * members' bounds for comb.  The result's interval says which.
 *
 * Each method needs a least number of points (crm_forecast_min_points);
 * with fewer, or with values it cannot take (zero or negative values for
 * the multiplicative methods, negative values for croston and sba), it
 * falls back to a simpler method and the result says so in its note.  A
 * series whose values are all zero forecasts zeros.  No result holds a
 * NaN or an infinity: a method whose numbers overflow falls back too.
 *
 * auto, per series: a series of non-negative values whose average
 * interval between demands (periods / periods with a nonzero value)
 * is above 1.32 is intermittent (Syntetos, Boylan and Croston 2005) and
 * gets sba (or croston, whichever is allowed; sba first, as they
 * recommend it for every intermittent class).  Any other series gets the
 * allowed method with the least AICc (the state-space likelihood, which
 * compares the ETS family, naive and snaive as ETS models and theta as
 * simple exponential smoothing with drift on the same data), or, with
 * CRM_FORECAST_SELECT_BACKTEST, the least mean absolute error of
 * rolling-origin forecasts over the last periods of the history.
 */
#ifndef CRM_FORECAST_H
#define CRM_FORECAST_H

#include <stddef.h>

#include "err.h"

typedef enum crm_forecast_method {
	CRM_FORECAST_NAIVE,
	CRM_FORECAST_SNAIVE,
	CRM_FORECAST_MA,
	CRM_FORECAST_SES,
	CRM_FORECAST_HOLT,
	CRM_FORECAST_DAMPED,
	CRM_FORECAST_HW_ADD,
	CRM_FORECAST_HW_MUL,
	CRM_FORECAST_HW_ADD_DAMPED,
	CRM_FORECAST_HW_MUL_DAMPED,
	CRM_FORECAST_THETA,
	CRM_FORECAST_CROSTON,
	CRM_FORECAST_SBA,
	CRM_FORECAST_COMB,
	CRM_FORECAST_AUTO
} crm_forecast_method;

/* A set of methods: bit (1u << method) for each. */
#define CRM_FORECAST_BIT(m) (1u << (m))
/* What auto chooses among unless told otherwise: the exponential
 * smoothing methods with a damped trend or none, theta, and croston and
 * sba for intermittent series.  Undamped trends (holt, hw-add, hw-mul)
 * take part only when asked for: a linear trend carried on unchanged is
 * the forecast most often badly wrong far ahead, and damping it is the
 * robust default (Gardner and McKenzie 1985; Gardner 2006; Armstrong
 * 2006, "be conservative"). */
#define CRM_FORECAST_AUTO_SET \
	(CRM_FORECAST_BIT(CRM_FORECAST_SES) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_DAMPED) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_HW_ADD_DAMPED) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_HW_MUL_DAMPED) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_THETA) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_CROSTON) | \
	 CRM_FORECAST_BIT(CRM_FORECAST_SBA))

typedef enum crm_forecast_select {
	CRM_FORECAST_SELECT_AICC,      /* least AICc */
	CRM_FORECAST_SELECT_BACKTEST   /* least rolling-origin error */
} crm_forecast_select;

#define CRM_FORECAST_MAX_LEVELS 8
#define CRM_FORECAST_MAX_SEASON 366
#define CRM_FORECAST_MAX_HORIZON 10000

typedef struct crm_forecast_opts {
	int season;                /* season length m: 1 none, 4, 7, 12, 52 */
	int horizon;               /* periods to forecast, h >= 1 */
	double levels[CRM_FORECAST_MAX_LEVELS];   /* interval levels, % */
	int nlevels;               /* 0: no intervals */
	unsigned methods;          /* auto: the allowed set, CRM_FORECAST_BIT */
	crm_forecast_select select;
	int window;                /* ma: k; 0: m when m > 1, else 3 */
	int origins;               /* backtest: forecast origins (0: 3) */
	unsigned long seed;        /* simulated intervals: the seed */
} crm_forecast_opts;

/* A forecast, owned by the caller: crm_forecast_free.  Parameters a
 * method does not have are NAN (params_* tells them apart cheaply). */
#define CRM_FORECAST_NOTE_MAX 160
typedef struct crm_forecast {
	crm_forecast_method method;    /* the method that made the forecast */
	crm_forecast_method requested; /* the method asked for (or auto) */
	int season;                    /* the season length it used; 1 none */
	double alpha, beta, gamma, phi;   /* smoothing parameters */
	double theta;                  /* theta: the theta line's weight, 2 */
	double drift;                  /* theta: the drift per period */
	int window;                    /* ma: the window k; else 0 */
	double level, trend;           /* initial level and trend states */
	double *seasonal;              /* nseasonal initial seasonal states
	                                  (ETS: s[1-m] .. s[0], in time order)
	                                  or indices (theta, comb: of the
	                                  periods y[0..m)); NULL if none */
	int nseasonal;
	double sigma;                  /* std dev of the one-step errors
	                                  (relative errors for hw-mul*) */
	double aicc;                   /* NAN where not defined */
	int horizon;
	double *mean;                  /* horizon point forecasts */
	int nlevels;
	double levels[CRM_FORECAST_MAX_LEVELS];
	double *lower, *upper;         /* level l, step i: [l * horizon + i] */
	const char *interval;          /* how the intervals were computed;
	                                  static text */
	char note[CRM_FORECAST_NOTE_MAX];  /* why a simpler method was used,
	                                      "" when none */
} crm_forecast;

/* The method's name ("hw-add-damped"); "?" for a value out of range;
 * static text. */
CRM_API const char *crm_forecast_method_name(crm_forecast_method m);

/* The method named name (as crm_forecast_method_name writes it) into
 * *m; CRM_EUSAGE "unknown forecast method: NAME" otherwise. */
CRM_API int crm_forecast_method_parse(const char *name,
	crm_forecast_method *m, crm_err *err);

/* A comma-separated list of method names ("ses,damped,theta"; not
 * auto) as a set into *set.  CRM_EUSAGE for an unknown or empty name. */
CRM_API int crm_forecast_methods_parse(const char *list, unsigned *set,
	crm_err *err);

/* The fewest points method m needs with season length season (before it
 * falls back to a simpler method); for ma, window is its window. */
CRM_API int crm_forecast_min_points(crm_forecast_method m, int season,
	int window);

/* Defaults: no season, horizon 1, no intervals, the auto set, AICc,
 * the default window and origins, seed 1. */
CRM_API void crm_forecast_opts_init(crm_forecast_opts *o);

/* Fit method m (CRM_FORECAST_AUTO: as crm_forecast_auto) to y[0..n)
 * and forecast o->horizon periods with intervals at o->levels; the
 * result into *out, to free with crm_forecast_free.  CRM_EUSAGE for bad
 * options (season, horizon or window out of range, a level not strictly
 * between 0 and 100); CRM_EDATA for a series that cannot be forecast at
 * all (n == 0, a value that is NaN or infinite); CRM_EINTERNAL out of
 * memory.  *out is NULL after a failure. */
CRM_API int crm_forecast_run(const double *y, size_t n,
	crm_forecast_method m, const crm_forecast_opts *o,
	crm_forecast **out, crm_err *err);

/* Choose a method among o->methods for y[0..n) as the header comment
 * says and forecast with it, as crm_forecast_run.  The result's method
 * is the one chosen, requested is CRM_FORECAST_AUTO.  CRM_EUSAGE also
 * for an empty set. */
CRM_API int crm_forecast_auto(const double *y, size_t n,
	const crm_forecast_opts *o, crm_forecast **out, crm_err *err);

/* Free f; NULL does nothing. */
CRM_API void crm_forecast_free(crm_forecast *f);

/* The lower and upper bound of level index l at step i (0-based). */
CRM_API double crm_forecast_lower(const crm_forecast *f, int l, int i);
CRM_API double crm_forecast_upper(const crm_forecast *f, int l, int i);

/*
 * Accuracy of forecasts f[0..n) against what happened, actual[0..n).
 *   mae    mean |actual - f|
 *   rmse   root of the mean squared error
 *   mape   mean of 100 |actual - f| / |actual| over the periods whose
 *          actual is not zero (mape_n of them; NAN when there is none)
 *   smape  mean of 200 |actual - f| / (|actual| + |f|), a period where
 *          both are 0 counting 0 (the M3 competition's definition)
 *   mase   mae / the mean absolute error of the seasonal naive forecast
 *          with lag m in the history train[0..ntrain) (Hyndman and
 *          Koehler 2006); NAN without a history of more than m points
 *          or when that scale is 0
 *   wape   sum |actual - f| / sum |actual| (NAN when that sum is 0)
 *   bias   mean of f - actual (positive: forecasts too high)
 */
typedef struct crm_forecast_accuracy {
	size_t n, mape_n;
	double mae, rmse, mape, smape, mase, wape, bias;
} crm_forecast_accuracy;

/* Fill *acc for n >= 1 points; train may be NULL (no mase), m >= 1.
 * CRM_EUSAGE for n == 0 or m < 1; CRM_EDATA for a value that is not
 * finite. */
CRM_API int crm_forecast_accuracy_of(const double *actual, const double *f,
	size_t n, const double *train, size_t ntrain, int m,
	crm_forecast_accuracy *acc, crm_err *err);

/*
 * The bounded optimiser the methods use, for tests and for callers with
 * their own models: Nelder-Mead (reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2) with every trial point projected into the box
 * [lo, hi], restarted from the best point with a fresh simplex until a
 * restart no longer improves it.  Minimises fn over dim (1 to 16)
 * coordinates from the start x (moved into the box), stopping when the
 * simplex's values agree within tol relative (and absolute 1e-300) or
 * after maxeval evaluations in all (0: 1000 per coordinate); at most
 * two restarts.  x gets the best point, *fx (may be
 * NULL) its value, *evals (may be NULL) the evaluations used.  fn may
 * return HUGE_VAL for a point it refuses.  CRM_EUSAGE for dim out of
 * range, lo > hi or non-finite bounds.
 */
typedef double crm_forecast_objective(const double *x, void *arg);
CRM_API int crm_forecast_minimize(crm_forecast_objective *fn, void *arg,
	int dim, double *x, const double *lo, const double *hi, double tol,
	int maxeval, double *fx, int *evals, crm_err *err);

#endif
