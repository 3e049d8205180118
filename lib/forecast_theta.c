/*
 * forecast_theta.c - the Theta method and the comb of ses, damped and
 * theta.
 *
 * Theta as Hyndman and Billah (2003) show it and R's thetaf computes it:
 * simple exponential smoothing of the (seasonally adjusted) series, plus
 * a drift of half the slope of the least squares line through it,
 *   f(n + h) = l(n) + b/2 (h - 1 + (1 - (1 - alpha)^n) / alpha),
 * with the intervals of SES with that drift, sigma sqrt(1 + (h - 1)
 * alpha^2), reseasonalised with the point forecasts (thetaf adds the
 * unadjusted width to the reseasonalised forecast, too narrow in the
 * high season and too wide in the low one).
 */
#include "forecast_internal.h"

/* The sum of squares of the theta forecast's in-sample one-step errors
 * on the original scale (the model of SES with drift: the level after t
 * points plus the drift term for t, times the index idx when not NULL),
 * for its likelihood. */
static double
theta_sse(const double *y, const double *adj, size_t n, const double *idx,
    int m, double alpha, double l0, double drift)
{
	double l = l0, w = 1, fit, e, sse = 0;
	size_t t;

	for (t = 0; t < n; t++) {
		/* w = (1 - alpha)^t */
		fit = l + drift * (1 - w) / alpha;
		if (idx != NULL)
			fit *= idx[t % (size_t)m];
		e = y[t] - fit;
		sse += e * e;
		l += alpha * (adj[t] - l);
		w *= 1 - alpha;
	}
	return sse;
}

/* The series seasonally adjusted by classical multiplicative
 * decomposition (the indices into f->seasonal) when the seasonality test
 * says so, else a copy; *seasonal says which.  NULL when out of memory. */
static double *
adjusted(const fc_input *in, crm_forecast *f, int *seasonal)
{
	double *adj = malloc(in->n * sizeof(*adj));

	if (adj == NULL)
		return NULL;
	*seasonal = in->m > 1 && fc_deseason(in->y, in->n, in->m,
	    f->seasonal, adj);
	if (!*seasonal)
		memcpy(adj, in->y, in->n * sizeof(*adj));
	return adj;
}

int
fc_theta(const fc_input *in, crm_forecast *f, int intervals)
{
	size_t n = in->n, t;
	double *adj, *sd = NULL, alpha, l0, ln, sse, ses_sse, a, b, drift, w;
	double s, sigma;
	int seasonal, i, l, h = f->horizon, m = in->m, rc = CRM_OK, k;

	if ((int)n < crm_forecast_min_points(CRM_FORECAST_THETA, m, 0))
		return FC_SHORT;
	if ((adj = adjusted(in, f, &seasonal)) == NULL)
		return CRM_EINTERNAL;
	if ((rc = fc_ses_fit(adj, n, &alpha, &l0, &ln, &ses_sse)) != CRM_OK)
		goto out;
	fc_line(adj, n, &a, &b);
	drift = b / 2;
	w = pow(1 - alpha, (double)n);
	for (i = 0; i < h; i++) {
		f->mean[i] = ln + drift * (i + (1 - w) / alpha);
		if (seasonal)
			f->mean[i] *= f->seasonal[(n + (size_t)i) % (size_t)m];
	}
	sse = theta_sse(in->y, adj, n, seasonal ? f->seasonal : NULL, m,
	    alpha, l0, drift);
	/* SES's sigma, n less its two parameters, as R's thetaf. */
	sigma = sqrt(ses_sse / (double)(n > 2 ? n - 2 : n));
	f->season = seasonal ? m : 1;
	f->nseasonal = seasonal ? m : 0;
	f->alpha = alpha;
	f->theta = 2;
	f->drift = drift;
	f->level = l0;
	f->sigma = sigma;
	/* alpha, the initial level and the line's slope, the m - 1 free
	 * indices, and sigma. */
	k = 3 + (seasonal ? m - 1 : 0) + 1;
	f->aicc = fc_aicc(fc_m2loglik(sse, n, fc_var_floor(in->y, n)), k, n);
	if (intervals && f->nlevels > 0) {
		if ((sd = malloc((size_t)h * sizeof(*sd))) == NULL) {
			rc = CRM_EINTERNAL;
			goto out;
		}
		/* Bounds of the adjusted forecast, then reseasonalised. */
		for (i = 0; i < h; i++) {
			s = seasonal ? f->seasonal[(n + (size_t)i) %
			    (size_t)m] : 1;
			f->mean[i] /= s;
			sd[i] = sigma * sqrt(1 + i * alpha * alpha);
		}
		fc_bounds_normal(f, sd);
		for (i = 0; i < h; i++) {
			s = seasonal ? f->seasonal[(n + (size_t)i) %
			    (size_t)m] : 1;
			f->mean[i] *= s;
			for (l = 0; l < f->nlevels; l++) {
				f->lower[l * h + i] *= s;
				f->upper[l * h + i] *= s;
			}
		}
		f->interval = "analytic: SES with drift (Hyndman and Billah "
		    "2003)";
	}
	for (t = 0; t < (size_t)h; t++)
		if (!isfinite(f->mean[t]))
			rc = FC_NUMERIC;
out:
	free(adj);
	free(sd);
	return rc;
}

/* The comb: the mean of the forecasts of ses and damped on the
 * seasonally adjusted series (reseasonalised) and of theta, and the
 * mean of their bounds (no joint distribution is assumed). */
int
fc_comb(const fc_input *in, crm_forecast *f, int intervals)
{
	crm_forecast *part[3] = { NULL, NULL, NULL };
	fc_input sub = *in;
	double *adj = NULL, s;
	size_t n = in->n;
	int seasonal, i, j, l, h = f->horizon, m = in->m, rc = CRM_OK;
	int nb = f->nlevels * h;

	if ((int)n < crm_forecast_min_points(CRM_FORECAST_COMB, m, 0))
		return FC_SHORT;
	if ((adj = adjusted(in, f, &seasonal)) == NULL)
		return CRM_EINTERNAL;
	for (j = 0; j < 3; j++)
		if ((part[j] = fc_result_new(h, in->o, m)) == NULL) {
			rc = CRM_EINTERNAL;
			goto out;
		}
	sub.y = adj;
	sub.m = 1;
	part[0]->method = CRM_FORECAST_SES;
	part[1]->method = CRM_FORECAST_DAMPED;
	part[2]->method = CRM_FORECAST_THETA;
	if ((rc = fc_ses(&sub, part[0], intervals)) != CRM_OK ||
	    (rc = fc_damped(&sub, part[1], intervals)) != CRM_OK ||
	    (rc = fc_theta(in, part[2], intervals)) != CRM_OK)
		goto out;
	for (i = 0; i < h; i++) {
		s = seasonal ? f->seasonal[(n + (size_t)i) % (size_t)m] : 1;
		for (j = 0; j < 2; j++) {
			part[j]->mean[i] *= s;
			for (l = 0; l < f->nlevels; l++) {
				part[j]->lower[l * h + i] *= s;
				part[j]->upper[l * h + i] *= s;
			}
		}
	}
	for (i = 0; i < h; i++)
		f->mean[i] = (part[0]->mean[i] + part[1]->mean[i] +
		    part[2]->mean[i]) / 3;
	if (intervals && f->nlevels > 0) {
		for (i = 0; i < nb; i++) {
			f->lower[i] = (part[0]->lower[i] + part[1]->lower[i] +
			    part[2]->lower[i]) / 3;
			f->upper[i] = (part[0]->upper[i] + part[1]->upper[i] +
			    part[2]->upper[i]) / 3;
		}
		f->interval = "the mean of the bounds of ses, damped and theta";
	}
	f->season = seasonal ? m : 1;
	f->nseasonal = seasonal ? m : 0;
out:
	for (j = 0; j < 3; j++)
		crm_forecast_free(part[j]);
	free(adj);
	return rc;
}
