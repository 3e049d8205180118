/*
 * forecast_optim.c - the bounded Nelder-Mead search every fitted method
 * uses.
 *
 * The box is kept by projecting each trial point onto it rather than by
 * a penalty: a penalty (R's optim returns 1e12 outside) makes the
 * simplex bounce off the wall and shrink, so a minimum on a bound is
 * reached slowly or not at all; a projected point is a real candidate on
 * the wall.  Projection can flatten the simplex onto a face, which is
 * why the search restarts from its best point with a fresh simplex
 * until a restart gains nothing (Nelder-Mead also stalls this way in the
 * open; restarting is the usual cure, e.g. Kelley 1999).
 */
#include "forecast_internal.h"

#define NM_MAXDIM 16
#define NM_RESTARTS 3

struct nm {
	crm_forecast_objective *fn;
	void *arg;
	int dim;
	const double *lo, *hi;
	int evals, maxeval;
};

static double
nm_eval(struct nm *s, double *x)
{
	double v;
	int i;

	for (i = 0; i < s->dim; i++) {
		if (x[i] < s->lo[i])
			x[i] = s->lo[i];
		else if (x[i] > s->hi[i])
			x[i] = s->hi[i];
	}
	s->evals++;
	v = s->fn(x, s->arg);
	/* A NaN would never compare as worse; treat it as refused. */
	return isnan(v) ? HUGE_VAL : v;
}

/* One Nelder-Mead run from x (in the box) with value *fx; x and *fx get
 * the best point found. */
static void
nm_run(struct nm *s, double *x, double *fx, double tol)
{
	double p[NM_MAXDIM + 1][NM_MAXDIM], f[NM_MAXDIM + 1];
	double c[NM_MAXDIM], xr[NM_MAXDIM], xe[NM_MAXDIM], xk[NM_MAXDIM];
	double fr, fe, fk, step, t;
	int d = s->dim, i, j, best, worst, next;

	for (j = 0; j < d; j++)
		p[0][j] = x[j];
	f[0] = *fx;
	for (i = 1; i <= d; i++) {
		for (j = 0; j < d; j++)
			p[i][j] = x[j];
		/* A tenth of the box's width, away from the nearer wall so
		 * that no vertex starts on top of another. */
		step = 0.1 * (s->hi[i - 1] - s->lo[i - 1]);
		if (x[i - 1] + step > s->hi[i - 1])
			step = -step;
		p[i][i - 1] += step;
		f[i] = nm_eval(s, p[i]);
	}
	for (;;) {
		best = worst = 0;
		for (i = 1; i <= d; i++) {
			if (f[i] < f[best])
				best = i;
			if (f[i] > f[worst])
				worst = i;
		}
		next = best;
		for (i = 0; i <= d; i++)
			if (i != worst && f[i] >= f[next])
				next = i;
		if (s->evals >= s->maxeval || f[worst] == f[best])
			break;
		/* A refused vertex (HUGE_VAL) never counts as converged. */
		if (isfinite(f[worst]) && f[worst] - f[best] <= tol *
		    (fabs(f[best]) + fabs(f[worst])) + 1e-300)
			break;
		for (j = 0; j < d; j++) {
			t = 0;
			for (i = 0; i <= d; i++)
				if (i != worst)
					t += p[i][j];
			c[j] = t / d;
			xr[j] = c[j] + (c[j] - p[worst][j]);
		}
		fr = nm_eval(s, xr);
		if (fr < f[best]) {
			for (j = 0; j < d; j++)
				xe[j] = c[j] + 2 * (c[j] - p[worst][j]);
			fe = nm_eval(s, xe);
			if (fe < fr) {
				memcpy(p[worst], xe, sizeof(double) * d);
				f[worst] = fe;
			} else {
				memcpy(p[worst], xr, sizeof(double) * d);
				f[worst] = fr;
			}
			continue;
		}
		if (fr < f[next]) {
			memcpy(p[worst], xr, sizeof(double) * d);
			f[worst] = fr;
			continue;
		}
		/* Contract: outside when the reflection helped a little,
		 * inside when it did not. */
		for (j = 0; j < d; j++)
			xk[j] = fr < f[worst] ? c[j] + 0.5 * (xr[j] - c[j]) :
			    c[j] + 0.5 * (p[worst][j] - c[j]);
		fk = nm_eval(s, xk);
		if (fk < (fr < f[worst] ? fr : f[worst])) {
			memcpy(p[worst], xk, sizeof(double) * d);
			f[worst] = fk;
			continue;
		}
		for (i = 0; i <= d; i++) {
			if (i == best)
				continue;
			for (j = 0; j < d; j++)
				p[i][j] = p[best][j] + 0.5 * (p[i][j] -
				    p[best][j]);
			f[i] = nm_eval(s, p[i]);
		}
	}
	if (f[best] < *fx) {
		memcpy(x, p[best], sizeof(double) * d);
		*fx = f[best];
	}
}

int
crm_forecast_minimize(crm_forecast_objective *fn, void *arg, int dim,
    double *x, const double *lo, const double *hi, double tol, int maxeval,
    double *fx, int *evals, crm_err *err)
{
	struct nm s;
	double best, before;
	int i, r;

	if (dim < 1 || dim > NM_MAXDIM)
		return crm_err_set(err, CRM_EUSAGE,
		    "minimize: %d dimensions (1 to %d)", dim, NM_MAXDIM);
	for (i = 0; i < dim; i++)
		if (!isfinite(lo[i]) || !isfinite(hi[i]) || lo[i] > hi[i])
			return crm_err_set(err, CRM_EUSAGE,
			    "minimize: bounds of coordinate %d", i);
	if (!(tol > 0))
		tol = 1e-8;
	s.fn = fn;
	s.arg = arg;
	s.dim = dim;
	s.lo = lo;
	s.hi = hi;
	s.evals = 0;
	s.maxeval = maxeval > 0 ? maxeval : 1000 * dim;
	best = nm_eval(&s, x);
	for (r = 0; r < NM_RESTARTS && s.evals < s.maxeval; r++) {
		before = best;
		nm_run(&s, x, &best, tol);
		if (r > 0 && !(best < before - tol * fabs(before)))
			break;
	}
	if (fx != NULL)
		*fx = best;
	if (evals != NULL)
		*evals = s.evals;
	return CRM_OK;
}
