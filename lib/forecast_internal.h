/*
 * forecast_internal.h - shared by the lib/forecast_*.c files; not
 * installed.
 */
#ifndef CRM_FORECAST_INTERNAL_H
#define CRM_FORECAST_INTERNAL_H

#include <math.h>

#include "internal.h"

/* What a method's fit returns besides CRM_OK and CRM_EINTERNAL: why it
 * could not forecast this series, so that the caller falls back. */
enum {
	FC_SHORT = -1,          /* fewer points than the method needs */
	FC_NONPOS = -2,         /* a value the method cannot take */
	FC_NUMERIC = -3,        /* the numbers went out of range */
	FC_NOSEASON = -4,       /* a seasonal method with season length 1 */
	FC_NOFIT = -5           /* multiplicative: every fit forecast <= 0 */
};

/* The series and the options one fit works with. */
typedef struct fc_input {
	const double *y;
	size_t n;
	int m;                  /* season length */
	int h;                  /* horizon */
	const crm_forecast_opts *o;
} fc_input;

/* Fit a method to in and fill f's parameters, sigma, aicc and mean; the
 * bounds too when intervals is nonzero.  f was made by fc_result_new for
 * the same horizon and season.  CRM_OK, an FC_* reason, CRM_EINTERNAL. */
typedef int fc_fit_fn(const fc_input *in, crm_forecast *f, int intervals);

fc_fit_fn fc_naive, fc_snaive, fc_ma, fc_ses, fc_holt, fc_damped,
	fc_hw_add, fc_hw_mul, fc_hw_add_damped, fc_hw_mul_damped, fc_theta,
	fc_croston, fc_sba, fc_comb;

/* The moving average's window: window, or m when m > 1, else 3. */
int fc_ma_window(int window, int m);

/* Simple exponential smoothing fitted to y[0..n) (n >= 2): its alpha,
 * initial and final level and sum of squared one-step errors. */
int fc_ses_fit(const double *y, size_t n, double *alpha, double *l0,
	double *lend, double *sse);

/* The fit of method m, without fallback. */
int fc_fit(crm_forecast_method m, const fc_input *in, crm_forecast *f,
	int intervals);

/* CRM_EUSAGE for options out of range, CRM_EDATA for an empty series or
 * a value that is not finite. */
int fc_validate(const double *y, size_t n, const crm_forecast_opts *o,
	crm_err *err);
/* Nonzero when every y[i] is 0. */
int fc_is_zero(const double *y, size_t n);
/* The forecast of a series of zeros: zeros, by naive, with a note. */
void fc_all_zero(crm_forecast *f);
/* Fit method m with intervals, falling back to simpler methods until
 * one can; the note says why.  CRM_OK or CRM_EINTERNAL. */
int fc_run_chain(crm_forecast_method m, const fc_input *in,
	crm_forecast *f, crm_err *err);

/* A result with room for h forecasts, nlevels levels and m seasonal
 * values, its parameters NAN; NULL out of memory. */
crm_forecast *fc_result_new(int h, const crm_forecast_opts *o, int m);
/* Set f's parameters to NAN and its note empty, for another fit. */
void fc_result_reset(crm_forecast *f);
/* Nonzero when everything f holds is finite. */
int fc_result_finite(const crm_forecast *f, int intervals);

/* Bounds mean[i] +- z sd[i] for every level of f. */
void fc_bounds_normal(crm_forecast *f, const double *sd);

/* The standard normal quantile of p in (0, 1). */
double fc_qnorm(double p);
/* The quantile p of sorted v[0..n) (R's type 7, linear). */
double fc_quantile_sorted(const double *v, size_t n, double p);
void fc_sort(double *v, size_t n);
/* The quantiles p[0..np) (np at most 2 CRM_FORECAST_MAX_LEVELS) of
 * v[0..n) unsorted into out, as fc_quantile_sorted, by selection: v is
 * reordered. */
void fc_quantiles(double *v, size_t n, const double *p, int np,
	double *out);

/* A small fast generator (xoshiro256**) and standard normal deviates
 * (Box-Muller), reproducible from the seed. */
typedef struct fc_rng {
	unsigned long long s[4];
	double spare;
	int has_spare;
} fc_rng;
void fc_rng_seed(fc_rng *r, unsigned long seed);
double fc_rng_normal(fc_rng *r);
/* Uniform in [0, n). */
size_t fc_rng_below(fc_rng *r, size_t n);

/* Least squares line through (i, y[i]) for i in [0, n): intercept at 0
 * and slope. */
void fc_line(const double *y, size_t n, double *a, double *b);

/* The classical multiplicative decomposition's seasonal indices of
 * y[0..n) (R's decompose): idx[k] for the periods i with i % m == k,
 * mean 1.  Needs n > 2 m; returns 0, or -1 when an index is not
 * positive or the series not so long. */
int fc_decompose_mul(const double *y, size_t n, int m, double *idx);
/* The same, additive: idx sums to 0. */
int fc_decompose_add(const double *y, size_t n, int m, double *idx);

/* The 90 % seasonality test of the M3 Theta and R's thetaf: is the
 * lag-m autocorrelation beyond 1.645 sqrt((1 + 2 sum_{k<m} r_k^2) / n)?
 * Needs n > 2 m and m > 1 and a series that is not constant. */
int fc_seasonal_test(const double *y, size_t n, int m);

/* The seasonal adjustment theta and comb share: when m > 1, n > 2 m, the
 * test says seasonal and the indices are positive, idx[0..m) gets them,
 * adj[0..n) gets y / idx and the result is 1; otherwise adj = y and 0. */
int fc_deseason(const double *y, size_t n, int m, double *idx,
	double *adj);

#define FC_LIK_2PI 1.8378770664093453  /* log(2 pi) */
#define FC_PI 3.14159265358979323846

/* AICc from -2 log L, k parameters (the variance counted) and n points;
 * NAN when n - k - 1 <= 0. */
double fc_aicc(double m2loglik, int k, size_t n);

/* -2 log L of Gaussian errors with sum of squares sse over n points at
 * the variance's estimate sse / n, taken as at least floor. */
double fc_m2loglik(double sse, size_t n, double floor);
/* The floor of the error variance for y: 1e-14 of its mean square. */
double fc_var_floor(const double *y, size_t n);

#endif
