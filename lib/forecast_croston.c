/*
 * forecast_croston.c - Croston's method (1972) for intermittent demand
 * and the Syntetos-Boylan approximation (2005).
 *
 * The sizes of the nonzero demands and the intervals between them are
 * smoothed separately, each updated only when a demand comes, with one
 * weight alpha; the forecast per period is size / interval, times
 * 1 - alpha / 2 for sba (Croston's forecast is biased upwards by about
 * that).  alpha is fitted by least squares of the in-sample one-step
 * forecasts, in [0.01, 0.9999], rather than fixed at 0.1 as often
 * done: Kourentzes (2014) shows fitted weights forecast better.  The
 * intervals come from the empirical quantiles of those one-step errors,
 * the lower bound kept at 0 or above: demand is never negative, and a
 * normal interval around a mostly-zero series is meaningless.
 */
#include "forecast_internal.h"

typedef struct croston {
	const double *y;
	size_t n, first;        /* first: the period of the first demand */
	int sba;
	double z, p;            /* final size and interval */
} croston;

/* The sum of squared one-step errors at alpha; with e non-NULL, the
 * errors too (n - first - 1 of them). */
static double
croston_run(croston *c, double alpha, double *e)
{
	const double *y = c->y;
	double z = y[c->first], p = (double)(c->first + 1), q = 0, f, d;
	double k = c->sba ? 1 - alpha / 2 : 1, sse = 0;
	size_t t, i = 0;

	for (t = c->first + 1; t < c->n; t++) {
		f = k * z / p;
		d = y[t] - f;
		sse += d * d;
		if (e != NULL)
			e[i++] = d;
		q++;
		if (y[t] != 0) {
			z += alpha * (y[t] - z);
			p += alpha * (q - p);
			q = 0;
		}
	}
	c->z = z;
	c->p = p;
	return sse;
}

static double
croston_objective(const double *x, void *arg)
{
	return croston_run(arg, x[0], NULL);
}

static int
croston_method(const fc_input *in, crm_forecast *f, int intervals, int sba)
{
	croston c;
	double x[1] = { 0.1 }, lo[1] = { 0.01 }, hi[1] = { 0.9999 };
	double *e = NULL, sse, fc, lv, qlo, qhi;
	size_t t, nz = 0, ne;
	int i, l, h = f->horizon;

	for (t = 0; t < in->n; t++) {
		if (in->y[t] < 0)
			return FC_NONPOS;
		nz += in->y[t] != 0;
	}
	if (nz < 2 || (int)in->n < crm_forecast_min_points(f->method, 1, 0))
		return FC_SHORT;
	c.y = in->y;
	c.n = in->n;
	c.sba = sba;
	for (c.first = 0; in->y[c.first] == 0; c.first++)
		;
	ne = c.n - c.first - 1;
	crm_forecast_minimize(croston_objective, &c, 1, x, lo, hi, 1e-8, 200,
	    NULL, NULL, NULL);
	if ((e = malloc(ne * sizeof(*e))) == NULL)
		return CRM_EINTERNAL;
	sse = croston_run(&c, x[0], e);
	fc = (sba ? 1 - x[0] / 2 : 1) * c.z / c.p;
	f->alpha = x[0];
	f->sigma = sqrt(sse / (double)ne);
	for (i = 0; i < h; i++)
		f->mean[i] = fc;
	if (intervals && f->nlevels > 0) {
		fc_sort(e, ne);
		for (l = 0; l < f->nlevels; l++) {
			lv = f->levels[l] / 100;
			qlo = fc + fc_quantile_sorted(e, ne, (1 - lv) / 2);
			qhi = fc + fc_quantile_sorted(e, ne, (1 + lv) / 2);
			for (i = 0; i < h; i++) {
				f->lower[l * h + i] = qlo > 0 ? qlo : 0;
				f->upper[l * h + i] = qhi > fc ? qhi : fc;
			}
		}
		f->interval = "empirical: quantiles of the in-sample one-step "
		    "errors, at least 0";
	}
	free(e);
	return isfinite(fc) ? CRM_OK : FC_NUMERIC;
}

int
fc_croston(const fc_input *in, crm_forecast *f, int intervals)
{
	return croston_method(in, f, intervals, 0);
}

int
fc_sba(const fc_input *in, crm_forecast *f, int intervals)
{
	return croston_method(in, f, intervals, 1);
}
