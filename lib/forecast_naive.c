/*
 * forecast_naive.c - the benchmarks: naive (the last value), seasonal
 * naive (the value a season before) and the moving average of the last
 * k values, with intervals from their in-sample one-step errors.
 */
#include "forecast_internal.h"

/* Naive is ETS(A,N,N) with alpha 1 and the first value as the initial
 * level, so its likelihood compares with the fitted family's: the first
 * period's error is 0 and the parameters are that level and sigma. */
int
fc_naive(const fc_input *in, crm_forecast *f, int intervals)
{
	const double *y = in->y;
	double sse = 0, e, sigma, *sd;
	size_t t, n = in->n;
	int i;

	if (n < 1)
		return FC_SHORT;
	for (t = 1; t < n; t++) {
		e = y[t] - y[t - 1];
		sse += e * e;
	}
	sigma = n > 1 ? sqrt(sse / (double)(n - 1)) : 0;
	f->sigma = sigma;
	f->level = y[0];
	f->aicc = fc_aicc(fc_m2loglik(sse, n, fc_var_floor(y, n)), 2, n);
	for (i = 0; i < f->horizon; i++)
		f->mean[i] = y[n - 1];
	if (intervals && f->nlevels > 0) {
		if ((sd = malloc((size_t)f->horizon * sizeof(*sd))) == NULL)
			return CRM_EINTERNAL;
		for (i = 0; i < f->horizon; i++)
			sd[i] = sigma * sqrt((double)(i + 1));
		fc_bounds_normal(f, sd);
		free(sd);
		f->interval = "residual-based: random walk, sigma sqrt(h)";
	}
	return CRM_OK;
}

/* Seasonal naive is ETS(A,N,A) with gamma 1 and the first season as the
 * initial states: m + 1 parameters. */
int
fc_snaive(const fc_input *in, crm_forecast *f, int intervals)
{
	const double *y = in->y;
	size_t t, n = in->n, m = (size_t)in->m;
	double sse = 0, e, sigma, *sd;
	int i;

	if (n < m + 1)
		return FC_SHORT;
	for (t = m; t < n; t++) {
		e = y[t] - y[t - m];
		sse += e * e;
	}
	sigma = sqrt(sse / (double)(n - m));
	f->sigma = sigma;
	f->season = in->m;
	f->aicc = fc_aicc(fc_m2loglik(sse, n, fc_var_floor(y, n)),
	    in->m + 1, n);
	for (i = 0; i < f->horizon; i++)
		f->mean[i] = y[n - m + (size_t)i % m];
	if (intervals && f->nlevels > 0) {
		if ((sd = malloc((size_t)f->horizon * sizeof(*sd))) == NULL)
			return CRM_EINTERNAL;
		for (i = 0; i < f->horizon; i++)
			sd[i] = sigma * sqrt((double)((size_t)i / m + 1));
		fc_bounds_normal(f, sd);
		free(sd);
		f->interval = "residual-based: seasonal random walk, "
		    "sigma sqrt(seasons ahead)";
	}
	return CRM_OK;
}

int
fc_ma_window(int window, int m)
{
	if (window > 0)
		return window;
	return m > 1 ? m : 3;
}

/* The moving average has no likelihood to compare (it is no model of
 * the series), so auto can choose it only by backtest. */
int
fc_ma(const fc_input *in, crm_forecast *f, int intervals)
{
	const double *y = in->y;
	size_t t, j, n = in->n, k;
	double sum, sse = 0, e, sigma, *sd;
	int i;

	k = (size_t)fc_ma_window(in->o->window, in->m);
	if (n < k + 1)
		return FC_SHORT;
	sum = 0;
	for (j = 0; j < k; j++)
		sum += y[j];
	for (t = k; t < n; t++) {
		e = y[t] - sum / (double)k;
		sse += e * e;
		sum += y[t] - y[t - k];
	}
	/* The running sum drifts by rounding; the forecast is summed
	 * afresh. */
	sum = 0;
	for (j = n - k; j < n; j++)
		sum += y[j];
	sigma = sqrt(sse / (double)(n - k));
	f->sigma = sigma;
	f->window = (int)k;
	for (i = 0; i < f->horizon; i++)
		f->mean[i] = sum / (double)k;
	if (intervals && f->nlevels > 0) {
		if ((sd = malloc((size_t)f->horizon * sizeof(*sd))) == NULL)
			return CRM_EINTERNAL;
		for (i = 0; i < f->horizon; i++)
			sd[i] = sigma;
		fc_bounds_normal(f, sd);
		free(sd);
		f->interval = "residual-based: sigma of the one-step errors "
		    "at every step";
	}
	return CRM_OK;
}
