/*
 * forecast_stats.c - the statistics the forecasting methods share: the
 * normal quantile, sample quantiles, a seeded generator, a least squares
 * line, classical decomposition and the seasonality test.
 */
#include "forecast_internal.h"

/* Acklam's rational approximation (relative error below 1.2e-9), then
 * one Halley step on erfc, which brings it to full double precision:
 * interval bounds must not move with the approximation. */
double
fc_qnorm(double p)
{
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double q, r, x, e, u;

	if (!(p > 0))
		return -HUGE_VAL;
	if (!(p < 1))
		return HUGE_VAL;
	if (p < 0.02425 || p > 1 - 0.02425) {
		q = sqrt(-2 * log(p < 0.5 ? p : 1 - p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q +
		    c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) *
		    q + d[3]) * q + 1);
		if (p > 0.5)
			x = -x;
	} else {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r +
		    a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r +
		    b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	e = 0.5 * erfc(-x / sqrt(2.0)) - p;
	u = e * sqrt(2 * FC_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
fc_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_double);
}

double
fc_quantile_sorted(const double *v, size_t n, double p)
{
	double h, lo;
	size_t i;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (h - lo) * (v[i + 1] - v[i]);
}

static void
swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/* Move the k-th smallest of v[0..n) to v[k], smaller ones before it,
 * larger after (Hoare's selection, median-of-three pivot). */
static void
select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, i, j, mid;
	double pivot;

	while (hi > lo) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < v[lo])
			swap(v + mid, v + lo);
		if (v[hi] < v[lo])
			swap(v + hi, v + lo);
		if (v[hi] < v[mid])
			swap(v + hi, v + mid);
		pivot = v[mid];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				swap(v + i, v + j);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* Put the order statistics k[0..nk) (ascending) of v[lo..hi) in place:
 * the middle one first, then each side within its part. */
static void
select_many(double *v, size_t lo, size_t hi, const size_t *k, size_t nk)
{
	size_t mid;

	if (nk == 0 || hi <= lo)
		return;
	mid = nk / 2;
	select_kth(v + lo, hi - lo, k[mid] - lo);
	select_many(v, lo, k[mid], k, mid);
	select_many(v, k[mid] + 1, hi, k + mid + 1, nk - mid - 1);
}

void
fc_quantiles(double *v, size_t n, const double *p, int np, double *out)
{
	size_t k[2 * 2 * CRM_FORECAST_MAX_LEVELS] = { 0 }, nk = 0, i, j, t;
	double h;
	int a;

	if (n == 0) {
		for (a = 0; a < np; a++)
			out[a] = NAN;
		return;
	}
	for (a = 0; a < np; a++) {
		h = (double)(n - 1) * p[a];
		i = (size_t)floor(h);
		k[nk++] = i;
		if (i + 1 < n)
			k[nk++] = i + 1;
	}
	/* Sorted and unique, for select_many. */
	for (i = 1; i < nk; i++)
		for (j = i; j > 0 && k[j - 1] > k[j]; j--) {
			t = k[j];
			k[j] = k[j - 1];
			k[j - 1] = t;
		}
	for (i = j = 0; i < nk; i++)
		if (j == 0 || k[j - 1] != k[i])
			k[j++] = k[i];
	select_many(v, 0, n, k, j);
	for (a = 0; a < np; a++) {
		h = (double)(n - 1) * p[a];
		i = (size_t)floor(h);
		out[a] = i + 1 < n ? v[i] + (h - floor(h)) * (v[i + 1] - v[i]) :
		    v[i];
	}
}

static unsigned long long
splitmix64(unsigned long long *x)
{
	unsigned long long z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
fc_rng_seed(fc_rng *r, unsigned long seed)
{
	unsigned long long x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	r->has_spare = 0;
	r->spare = 0;
}

static unsigned long long
rotl(unsigned long long x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* Uniform in (0, 1): 53 random bits, never 0. */
static double
rng_uniform(fc_rng *r)
{
	unsigned long long *s = r->s, res = rotl(s[1] * 5, 7) * 9;
	unsigned long long t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return ((double)(res >> 11) + 0.5) * 0x1.0p-53;
}

size_t
fc_rng_below(fc_rng *r, size_t n)
{
	size_t k = (size_t)(rng_uniform(r) * (double)n);

	return k < n ? k : n - 1;
}

double
fc_rng_normal(fc_rng *r)
{
	double u, v, rad;

	if (r->has_spare) {
		r->has_spare = 0;
		return r->spare;
	}
	u = rng_uniform(r);
	v = rng_uniform(r);
	rad = sqrt(-2 * log(u));
	r->spare = rad * sin(2 * FC_PI * v);
	r->has_spare = 1;
	return rad * cos(2 * FC_PI * v);
}

void
fc_line(const double *y, size_t n, double *a, double *b)
{
	double mx = (double)(n - 1) / 2, my = 0, sxy = 0, sxx = 0, dx;
	size_t i;

	for (i = 0; i < n; i++)
		my += y[i];
	my /= (double)n;
	for (i = 0; i < n; i++) {
		dx = (double)i - mx;
		sxy += dx * (y[i] - my);
		sxx += dx * dx;
	}
	*b = sxx > 0 ? sxy / sxx : 0;
	*a = my - *b * mx;
}

/* The centred moving average of order m (2 x m when m is even) of
 * y[0..n) into tr[i] for i in [half, n - half); R's filter with sides 2.
 * Returns half. */
static size_t
centred_ma(const double *y, size_t n, int m, double *tr)
{
	size_t half = (size_t)m / 2, i, j;
	double t;

	for (i = half; i + half < n; i++) {
		t = 0;
		if (m % 2 == 0) {
			t = 0.5 * (y[i - half] + y[i + half]);
			for (j = i - half + 1; j < i + half; j++)
				t += y[j];
		} else {
			for (j = i - half; j <= i + half; j++)
				t += y[j];
		}
		tr[i] = t / m;
	}
	return half;
}

static int
decompose(const double *y, size_t n, int m, double *idx, int mul)
{
	double *tr, sum;
	size_t half, i, k, cnt;

	if (m < 2 || n < 2 * (size_t)m)
		return -1;
	if ((tr = malloc(n * sizeof(*tr))) == NULL)
		return -1;
	half = centred_ma(y, n, m, tr);
	sum = 0;
	for (k = 0; k < (size_t)m; k++) {
		idx[k] = 0;
		cnt = 0;
		for (i = k; i < n; i += (size_t)m) {
			if (i < half || i + half >= n)
				continue;
			if (mul && !(tr[i] > 0)) {
				free(tr);
				return -1;
			}
			idx[k] += mul ? y[i] / tr[i] : y[i] - tr[i];
			cnt++;
		}
		idx[k] /= (double)cnt;
		sum += idx[k];
	}
	free(tr);
	for (k = 0; k < (size_t)m; k++) {
		if (mul)
			idx[k] /= sum / m;
		else
			idx[k] -= sum / m;
		if (!isfinite(idx[k]))
			return -1;
	}
	return 0;
}

int
fc_decompose_mul(const double *y, size_t n, int m, double *idx)
{
	int k;

	if (decompose(y, n, m, idx, 1) != 0)
		return -1;
	for (k = 0; k < m; k++)
		if (!(idx[k] > 0))
			return -1;
	return 0;
}

int
fc_decompose_add(const double *y, size_t n, int m, double *idx)
{
	return decompose(y, n, m, idx, 0);
}

int
fc_seasonal_test(const double *y, size_t n, int m)
{
	double mean = 0, var = 0, r, sum2 = 0, t;
	size_t i, k;

	if (m < 2 || n <= 2 * (size_t)m)
		return 0;
	for (i = 0; i < n; i++)
		mean += y[i];
	mean /= (double)n;
	for (i = 0; i < n; i++)
		var += (y[i] - mean) * (y[i] - mean);
	if (!(var > 0))
		return 0;
	r = 0;
	for (k = 1; k <= (size_t)m; k++) {
		t = 0;
		for (i = 0; i + k < n; i++)
			t += (y[i] - mean) * (y[i + k] - mean);
		r = t / var;
		if (k < (size_t)m)
			sum2 += r * r;
	}
	/* 1.645: the one-sided 90 % point the M3 and M4 code use. */
	return fabs(r) > 1.645 * sqrt((1 + 2 * sum2) / (double)n);
}

int
fc_deseason(const double *y, size_t n, int m, double *idx, double *adj)
{
	size_t i;
	int k, ok;

	ok = fc_seasonal_test(y, n, m) && fc_decompose_mul(y, n, m, idx) == 0;
	/* R's thetaf gives up on indices this close to zero. */
	for (k = 0; ok && k < m; k++)
		if (idx[k] < 1e-4)
			ok = 0;
	if (!ok) {
		memcpy(adj, y, n * sizeof(*adj));
		return 0;
	}
	for (i = 0; i < n; i++)
		adj[i] = y[i] / idx[i % (size_t)m];
	return 1;
}

double
fc_aicc(double m2loglik, int k, size_t n)
{
	double d = (double)n - k - 1;

	if (!(d > 0) || !isfinite(m2loglik))
		return NAN;
	return m2loglik + 2.0 * k + 2.0 * k * (k + 1) / d;
}

double
fc_m2loglik(double sse, size_t n, double floor)
{
	double v = sse / (double)n;

	/* A perfect fit (a constant or a straight line) would give minus
	 * infinity; at a floor far below any real noise, models that fit
	 * perfectly tie and the penalty picks the simplest. */
	if (!(v > floor))
		v = floor;
	if (!(v > 1e-300))
		v = 1e-300;
	return (double)n * (FC_LIK_2PI + log(v) + 1);
}

double
fc_var_floor(const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += y[i] * y[i];
	return 1e-14 * s / (double)n;
}
