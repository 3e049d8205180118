/*
 * forecast_ets.c - the exponential smoothing family as the state-space
 * models of Hyndman, Koehler, Ord and Snyder (2008): ses ETS(A,N,N),
 * holt ETS(A,A,N), damped ETS(A,Ad,N), hw-add ETS(A,A,A), hw-add-damped
 * ETS(A,Ad,A), hw-mul ETS(M,A,M), hw-mul-damped ETS(M,Ad,M).
 *
 * The error-correction equations are the same for additive and
 * multiplicative errors; the error type only changes the likelihood and
 * the intervals.  Multiplicative seasonality gets multiplicative errors,
 * as R's ets insists (ETS(A,*,M) has an unstable likelihood and is
 * left out of its default search).
 *
 * Parameters: the smoothing weights are searched as alpha, beta / alpha,
 * gamma / (1 - alpha) and phi, each in a box, which is the usual region
 * (beta <= alpha, gamma <= 1 - alpha) as a box the optimiser keeps.  The
 * initial states are estimated from the first seasons as Hyndman et al.
 * (2002) start them: the seasonal ones from a classical decomposition,
 * the level and trend from a line through the seasonally adjusted series.
 * R's ets then searches them with the weights (17 dimensions for a
 * monthly model); here they stay as estimated, except the level of
 * simple exponential smoothing, searched as R's ses and thetaf do.
 * Searching the initial level and trend too was checked on the M3
 * monthly series: no more accurate, and several times slower.
 */
#include "forecast_internal.h"

#define ETS_LO 1e-4
#define ETS_HI 0.9999
#define PHI_LO 0.8
#define PHI_HI 0.98
#define SIM_PATHS 2000

typedef struct ets_model {
	int trend;              /* additive trend */
	int damped;
	int season;             /* 0 none, 1 additive, 2 multiplicative */
	int merr;               /* multiplicative errors */
} ets_model;

typedef struct ets {
	ets_model k;
	const double *y;
	size_t n;
	int m;                  /* 1 without seasonality */
	double alpha, bstar, gstar, phi;
	double l0, b0;
	double *s0;             /* m initial seasonal states */
	double floor;           /* least error variance */
	/* after ets_filter */
	double l, b;
	double *s;              /* m; slot (n + i) % m is period n + i's */
	double sse, logsum;
} ets;

/* Run the model over y from the initial states; -2 log L (up to the
 * constant), or HUGE_VAL when a fitted value is not usable. */
static double
ets_filter(ets *e)
{
	const double *y = e->y;
	double l = e->l0, b = e->k.trend ? e->b0 : 0, phi = e->phi;
	double alpha = e->alpha, bstar = e->bstar;
	double gamma = e->gstar * (1 - e->alpha);
	double q, sv = 0, yh, err, p, ln, sse = 0, lsum = 0, v;
	double *s = e->s;
	size_t t;
	int k = 0, m = e->m;

	memcpy(s, e->s0, sizeof(*s) * (size_t)m);
	for (t = 0; t < e->n; t++) {
		q = l + phi * b;
		switch (e->k.season) {
		case 1:
			sv = s[k];
			yh = q + sv;
			p = y[t] - sv;
			break;
		case 2:
			sv = s[k];
			if (!(fabs(sv) > 1e-10) || !(fabs(q) > 1e-10))
				return HUGE_VAL;
			yh = q * sv;
			p = y[t] / sv;
			break;
		default:
			yh = q;
			p = y[t];
		}
		if (e->k.merr) {
			if (!(yh > 0))
				return HUGE_VAL;
			err = (y[t] - yh) / yh;
			lsum += log(yh);
		} else {
			err = y[t] - yh;
		}
		sse += err * err;
		ln = q + alpha * (p - q);
		if (e->k.trend)
			b = phi * b + bstar * (ln - l - phi * b);
		if (e->k.season) {
			s[k] = sv + gamma * ((e->k.season == 1 ? y[t] - q :
			    y[t] / q) - sv);
			if (++k == m)
				k = 0;
		}
		l = ln;
	}
	e->l = l;
	e->b = b;
	e->sse = sse;
	e->logsum = lsum;
	if (!isfinite(sse) || !isfinite(l) || !isfinite(b))
		return HUGE_VAL;
	v = sse / (double)e->n;
	if (!(v > e->floor))
		v = e->floor;
	return (double)e->n * log(v) + 2 * lsum;
}

/* Coordinates: alpha, [beta/alpha], [gamma/(1-alpha)], [phi]; for
 * simple exponential smoothing the initial level too. */
static void
ets_unpack(ets *e, const double *x)
{
	int i = 0;

	e->alpha = x[i++];
	if (e->k.trend)
		e->bstar = x[i++];
	if (e->k.season)
		e->gstar = x[i++];
	if (e->k.damped)
		e->phi = x[i++];
	if (!e->k.trend && !e->k.season)
		e->l0 = x[i];
}

static double
ets_objective(const double *x, void *arg)
{
	ets *e = arg;

	ets_unpack(e, x);
	return ets_filter(e);
}

/* The initial seasonal states and the seasonally adjusted series: a
 * classical decomposition of the first three seasons (two when there
 * are fewer), as Hyndman et al. (2002) start the seasonal states: they
 * are the states at the start of the series, and a decomposition of the
 * whole series would give a later season's shape to the first. */
static int
ets_init_season(ets *e, double *sa)
{
	const double *y = e->y;
	size_t n = e->n, first = 3 * (size_t)e->m, t;
	double sum;
	int m = e->m, k, mul = e->k.season == 2;

	if (first > n)
		first = n;
	if ((mul ? fc_decompose_mul(y, first, m, e->s0) :
	    fc_decompose_add(y, first, m, e->s0)) != 0)
		return FC_NONPOS;
	if (mul) {
		/* No index near zero: the level would be divided by it. */
		sum = 0;
		for (k = 0; k < m; k++) {
			if (e->s0[k] < 1e-2)
				e->s0[k] = 1e-2;
			sum += e->s0[k];
		}
		for (k = 0; k < m; k++)
			e->s0[k] *= m / sum;
	}
	for (t = 0; t < n; t++)
		sa[t] = mul ? y[t] / e->s0[t % (size_t)m] :
		    y[t] - e->s0[t % (size_t)m];
	return CRM_OK;
}

/* The initial level and trend from the first max(10, 2m) points of the
 * adjusted series, as R's ets starts them. */
static void
ets_init_level(ets *e, const double *sa)
{
	size_t n = e->n, maxn = (size_t)(2 * e->m), t;
	double a, b;

	if (maxn < 10)
		maxn = 10;
	if (maxn > n)
		maxn = n;
	if (e->k.trend) {
		fc_line(sa, maxn, &a, &b);
		/* The line's value one period before y[0]: the state
		 * y[0] is forecast from. */
		e->l0 = a - b;
		e->b0 = b;
		/* A steep start can put the line below zero where the
		 * series begins; multiplicative errors need a positive
		 * forecast there, so start flat at the first value. */
		if (e->k.merr && !(e->l0 + b > 0)) {
			e->l0 = sa[0];
			e->b0 = 0;
		}
	} else {
		a = 0;
		for (t = 0; t < maxn; t++)
			a += sa[t];
		e->l0 = a / (double)maxn;
		e->b0 = 0;
	}
}

static int
ets_np(const ets *e)
{
	return 1 + e->k.trend + (e->k.season != 0) + e->k.damped + 1 +
	    e->k.trend + (e->k.season ? e->m - 1 : 0);
}

/* Fit e's model to y[0..n): search, then run the filter at the best
 * point so that e's final states are the fitted ones. */
static int
ets_fit(ets *e)
{
	double x[4], lo[4], hi[4], *sa;
	size_t t;
	int d = 0, rc;

	if ((sa = malloc(e->n * sizeof(*sa))) == NULL)
		return CRM_EINTERNAL;
	if (e->k.season) {
		if ((rc = ets_init_season(e, sa)) != CRM_OK) {
			free(sa);
			return rc;
		}
	} else {
		e->s0[0] = 0;
		memcpy(sa, e->y, e->n * sizeof(*sa));
	}
	ets_init_level(e, sa);
	free(sa);
	e->floor = e->k.merr ? 1e-14 : fc_var_floor(e->y, e->n);
	e->phi = 1;
	e->bstar = e->gstar = 0;
	/* R's starting point: small weights, seasonal ones smaller. */
	lo[d] = ETS_LO;
	hi[d] = ETS_HI;
	x[d++] = e->k.season ? ETS_LO + 0.2 * (ETS_HI - ETS_LO) / e->m :
	    ETS_LO + 0.2 * (ETS_HI - ETS_LO);
	if (e->k.trend) {
		lo[d] = ETS_LO;
		hi[d] = 1;
		x[d++] = 0.1;
	}
	if (e->k.season) {
		lo[d] = ETS_LO;
		hi[d] = 1;
		x[d++] = 0.05;
	}
	if (e->k.damped) {
		lo[d] = PHI_LO;
		hi[d] = PHI_HI;
		x[d++] = PHI_LO + 0.99 * (PHI_HI - PHI_LO);
	}
	if (!e->k.trend && !e->k.season) {
		/* One more dimension is cheap here, and it is how R's ses
		 * (and so thetaf) fits: the level searched between the
		 * least and the greatest value. */
		lo[d] = hi[d] = e->y[0];
		for (t = 1; t < e->n; t++) {
			if (e->y[t] < lo[d])
				lo[d] = e->y[t];
			if (e->y[t] > hi[d])
				hi[d] = e->y[t];
		}
		x[d++] = e->l0;
	}
	crm_forecast_minimize(ets_objective, e, d, x, lo, hi, 1e-6,
	    200 * d, NULL, NULL, NULL);
	ets_unpack(e, x);
	if (!isfinite(ets_filter(e)))
		return e->k.merr ? FC_NOFIT : FC_NUMERIC;
	return CRM_OK;
}

/* Point forecasts from e's final states. */
static void
ets_point(const ets *e, double *mean, int h)
{
	double phih = 0, pw = 1, q;
	int i, k = (int)(e->n % (size_t)e->m);

	for (i = 0; i < h; i++) {
		pw *= e->phi;
		phih += pw;
		q = e->l + (e->k.trend ? phih * e->b : 0);
		if (e->k.season == 1)
			q += e->s[(k + i) % e->m];
		else if (e->k.season == 2)
			q *= e->s[(k + i) % e->m];
		mean[i] = q;
	}
}

/* The forecast variance of the additive-error models relative to
 * sigma^2 (Hyndman et al. 2008, table 6.1, class 1): 1 + sum over
 * j < h of c_j^2, c_j = alpha + beta phi_j + gamma [j % m == 0]. */
static void
ets_sd_class1(const ets *e, double sigma, double *sd, int h)
{
	double beta = e->bstar * e->alpha, gamma = e->gstar * (1 - e->alpha);
	double v = 1, phij = 0, pw = 1, c;
	int j;

	sd[0] = sigma;
	for (j = 1; j < h; j++) {
		pw *= e->phi;
		phij += pw;
		c = e->alpha;
		if (e->k.trend)
			c += beta * phij;
		if (e->k.season && j % e->m == 0)
			c += gamma;
		v += c * c;
		sd[j] = sigma * sqrt(v);
	}
}

/* Bounds from the model simulated forward SIM_PATHS times with normal
 * relative errors of sd sigma (class 3 has no exact formula).  The
 * errors of each step are the SIM_PATHS normal quantiles at (p + 0.5) /
 * SIM_PATHS, shuffled over the paths by the seeded generator: a
 * stratified sample, whose spread is exact at the first step and whose
 * quantiles vary less from seed to seed than independent draws. */
static int
ets_simulate(const ets *e, double sigma, unsigned long seed,
    crm_forecast *f)
{
	int h = f->horizon, m = e->m, i, l;
	int k0 = (int)(e->n % (size_t)m);
	size_t p, j, np = SIM_PATHS;
	double *L, *B, *S, *Y, *Z, gamma = e->gstar * (1 - e->alpha);
	double q, sv, yv, ln, lv, t;
	double pr[2 * CRM_FORECAST_MAX_LEVELS], qv[2 * CRM_FORECAST_MAX_LEVELS];
	fc_rng rng;

	L = malloc(np * sizeof(*L));
	B = malloc(np * sizeof(*B));
	S = malloc(np * (size_t)m * sizeof(*S));
	Y = malloc(np * sizeof(*Y));
	Z = malloc(np * sizeof(*Z));
	if (L == NULL || B == NULL || S == NULL || Y == NULL || Z == NULL) {
		free(L);
		free(B);
		free(S);
		free(Y);
		free(Z);
		return CRM_EINTERNAL;
	}
	fc_rng_seed(&rng, seed);
	for (l = 0; l < f->nlevels; l++) {
		lv = f->levels[l] / 100;
		pr[2 * l] = (1 - lv) / 2;
		pr[2 * l + 1] = (1 + lv) / 2;
	}
	for (p = 0; p < np; p++) {
		L[p] = e->l;
		B[p] = e->b;
		memcpy(S + p * (size_t)m, e->s, (size_t)m * sizeof(*S));
		Z[p] = sigma * fc_qnorm(((double)p + 0.5) / (double)np);
	}
	for (i = 0; i < h; i++) {
		int slot = (k0 + i) % m;

		for (p = np - 1; p > 0; p--) {
			j = fc_rng_below(&rng, p + 1);
			t = Z[p];
			Z[p] = Z[j];
			Z[j] = t;
		}
		for (p = 0; p < np; p++) {
			q = L[p] + e->phi * B[p];
			sv = S[p * (size_t)m + (size_t)slot];
			yv = q * sv * (1 + Z[p]);
			ln = q + e->alpha * (yv / sv - q);
			B[p] = e->phi * B[p] + e->bstar * (ln - L[p] -
			    e->phi * B[p]);
			S[p * (size_t)m + (size_t)slot] = sv + gamma *
			    (yv / q - sv);
			L[p] = ln;
			Y[p] = yv;
		}
		fc_quantiles(Y, np, pr, 2 * f->nlevels, qv);
		for (l = 0; l < f->nlevels; l++) {
			f->lower[l * h + i] = qv[2 * l];
			f->upper[l * h + i] = qv[2 * l + 1];
		}
	}
	free(L);
	free(B);
	free(S);
	free(Y);
	free(Z);
	return CRM_OK;
}

static int
ets_method(const fc_input *in, crm_forecast *f, int intervals,
    ets_model k)
{
	ets e;
	double *sd = NULL, sigma;
	int rc, np, i, m = k.season ? in->m : 1;
	size_t t;

	if (k.season && in->m < 2)
		return FC_NOSEASON;
	if ((int)in->n < crm_forecast_min_points(f->method, in->m, 0))
		return FC_SHORT;
	if (k.season == 2)
		for (t = 0; t < in->n; t++)
			if (!(in->y[t] > 0))
				return FC_NONPOS;
	memset(&e, 0, sizeof(e));
	e.k = k;
	e.y = in->y;
	e.n = in->n;
	e.m = m;
	e.s0 = malloc(2 * (size_t)m * sizeof(double));
	if (e.s0 == NULL)
		return CRM_EINTERNAL;
	e.s = e.s0 + m;
	if ((rc = ets_fit(&e)) != CRM_OK)
		goto out;
	np = ets_np(&e);
	f->season = m;
	f->alpha = e.alpha;
	if (k.trend) {
		f->beta = e.bstar * e.alpha;
		f->trend = e.b0;
	}
	if (k.season) {
		f->gamma = e.gstar * (1 - e.alpha);
		memcpy(f->seasonal, e.s0, (size_t)m * sizeof(double));
		f->nseasonal = m;
	}
	f->phi = k.damped ? e.phi : NAN;
	f->level = e.l0;
	/* sigma as R's ets: the sum of squares over n less the
	 * parameters (the initial states counted). */
	sigma = sqrt(e.sse / (double)((int)e.n - np > 0 ? (int)e.n - np :
	    (int)e.n));
	f->sigma = sigma;
	f->aicc = fc_aicc(fc_m2loglik(e.sse, e.n, e.floor) + 2 * e.logsum,
	    np + 1, e.n);
	ets_point(&e, f->mean, f->horizon);
	if (intervals && f->nlevels > 0) {
		if (k.merr) {
			rc = ets_simulate(&e, sigma, in->o->seed, f);
			f->interval = "simulated: 2000 paths of the fitted "
			    "model, stratified normal errors, fixed seed";
		} else {
			if ((sd = malloc((size_t)f->horizon *
			    sizeof(*sd))) == NULL) {
				rc = CRM_EINTERNAL;
				goto out;
			}
			ets_sd_class1(&e, sigma, sd, f->horizon);
			fc_bounds_normal(f, sd);
			f->interval = "analytic: ETS class 1 variance";
		}
	}
	for (i = 0; i < f->horizon; i++)
		if (!isfinite(f->mean[i]))
			rc = FC_NUMERIC;
out:
	free(sd);
	free(e.s0);
	return rc;
}

int
fc_ses(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 0, 0, 0, 0 };

	return ets_method(in, f, intervals, k);
}

int
fc_holt(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 0, 0, 0 };

	return ets_method(in, f, intervals, k);
}

int
fc_damped(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 1, 0, 0 };

	return ets_method(in, f, intervals, k);
}

int
fc_hw_add(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 0, 1, 0 };

	return ets_method(in, f, intervals, k);
}

int
fc_hw_add_damped(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 1, 1, 0 };

	return ets_method(in, f, intervals, k);
}

int
fc_hw_mul(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 0, 2, 1 };

	return ets_method(in, f, intervals, k);
}

int
fc_hw_mul_damped(const fc_input *in, crm_forecast *f, int intervals)
{
	ets_model k = { 1, 1, 2, 1 };

	return ets_method(in, f, intervals, k);
}

int
fc_ses_fit(const double *y, size_t n, double *alpha, double *l0,
    double *lend, double *sse)
{
	ets e;
	double s[2];
	int rc;

	memset(&e, 0, sizeof(e));
	e.y = y;
	e.n = n;
	e.m = 1;
	e.s0 = s;
	e.s = s + 1;
	if ((rc = ets_fit(&e)) != CRM_OK)
		return rc;
	*alpha = e.alpha;
	*l0 = e.l0;
	*lend = e.l;
	*sse = e.sse;
	return CRM_OK;
}
