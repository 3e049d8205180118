/*
 * test_forecast_optim.c - the bounded Nelder-Mead search: Rosenbrock's
 * valley inside a box, minima on a bound and in a corner, a start
 * outside the box, badly scaled coordinates, a refused region, the
 * evaluation budget and bad arguments.
 */
#include <math.h>

#include "crm/crm.h"
#include "t.h"

#define CHECK_NEAR(got, want, tol) do { \
	double t_g = (got), t_w = (want); \
	if (fabs(t_g - t_w) <= (tol)) t_passed++; \
	else T_FAIL("%s == %.10g, want %.10g (within %g)", #got, t_g, t_w, \
	    (double)(tol)); \
} while (0)

static int calls;

static double
rosenbrock(const double *x, void *arg)
{
	(void)arg;
	calls++;
	return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) +
	    (1 - x[0]) * (1 - x[0]);
}

/* (x - 3)^2 + (y + 1)^2: its minimum (3, -1) is outside [0, 2]^2, whose
 * nearest point is the corner (2, 0). */
static double
bowl(const double *x, void *arg)
{
	(void)arg;
	return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
}

/* sum of (x_i - c_i)^2 / s_i^2 with scales 1e-3 to 1e3. */
static double
scaled(const double *x, void *arg)
{
	static const double c[] = { 0.002, 5, -700, 0.5 };
	static const double s[] = { 1e-3, 1, 1e3, 0.1 };
	double t = 0;
	int i;

	(void)arg;
	for (i = 0; i < 4; i++)
		t += (x[i] - c[i]) * (x[i] - c[i]) / (s[i] * s[i]);
	return t;
}

/* (x - 1)^2 + (y - 1)^2 where x + y <= 1, refused elsewhere: the
 * minimum is (0.5, 0.5) on the edge of what is allowed. */
static double
fenced(const double *x, void *arg)
{
	(void)arg;
	if (x[0] + x[1] > 1)
		return HUGE_VAL;
	return (x[0] - 1) * (x[0] - 1) + (x[1] - 1) * (x[1] - 1);
}

static double
parabola(const double *x, void *arg)
{
	return (x[0] - *(const double *)arg) * (x[0] - *(const double *)arg);
}

static void
test_rosenbrock(void)
{
	double x[2] = { -1.2, 1 }, lo[2] = { -2, -2 }, hi[2] = { 2, 2 }, fx;
	int evals;
	crm_err err;

	calls = 0;
	CHECK_INT(crm_forecast_minimize(rosenbrock, NULL, 2, x, lo, hi, 1e-12,
	    5000, &fx, &evals, &err), CRM_OK);
	CHECK_NEAR(x[0], 1, 1e-4);
	CHECK_NEAR(x[1], 1, 1e-4);
	CHECK(fx < 1e-8);
	CHECK_INT(evals, calls);
	CHECK(evals < 5000);
	/* The same valley cut by the box at x <= 0.5: the best point is
	 * on that wall, at y = 0.25 (x^2). */
	x[0] = -1.2;
	x[1] = 1;
	hi[0] = 0.5;
	CHECK_INT(crm_forecast_minimize(rosenbrock, NULL, 2, x, lo, hi, 1e-12,
	    5000, &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 0.5, 1e-9);
	CHECK_NEAR(x[1], 0.25, 1e-4);
	CHECK_NEAR(fx, 0.25, 1e-7);
}

static void
test_bounds(void)
{
	double x[2] = { 1, 1 }, lo[2] = { 0, 0 }, hi[2] = { 2, 2 }, fx;
	crm_err err;

	CHECK_INT(crm_forecast_minimize(bowl, NULL, 2, x, lo, hi, 1e-10, 0,
	    &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 2, 1e-9);
	CHECK_NEAR(x[1], 0, 1e-9);
	CHECK_NEAR(fx, 2, 1e-8);
	/* A start outside the box is moved into it first. */
	x[0] = -50;
	x[1] = 9;
	CHECK_INT(crm_forecast_minimize(bowl, NULL, 2, x, lo, hi, 1e-10, 0,
	    &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 2, 1e-9);
	CHECK_NEAR(x[1], 0, 1e-9);
}

static void
test_one_dimension(void)
{
	double x[1] = { 0.9 }, lo[1] = { 0 }, hi[1] = { 1 }, c = 0.3, fx;
	crm_err err;

	CHECK_INT(crm_forecast_minimize(parabola, &c, 1, x, lo, hi, 1e-12, 0,
	    &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 0.3, 1e-5);
	/* A box of one point. */
	lo[0] = hi[0] = 0.7;
	CHECK_INT(crm_forecast_minimize(parabola, &c, 1, x, lo, hi, 1e-12, 0,
	    &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 0.7, 0);
	CHECK_NEAR(fx, 0.16, 1e-12);
}

static void
test_scales(void)
{
	double x[4] = { 0, 0, 0, 0 };
	double lo[4] = { -0.01, -10, -1e4, 0 }, hi[4] = { 0.01, 10, 1e4, 1 };
	double fx;
	crm_err err;

	CHECK_INT(crm_forecast_minimize(scaled, NULL, 4, x, lo, hi, 1e-14,
	    20000, &fx, NULL, &err), CRM_OK);
	CHECK_NEAR(x[0], 0.002, 1e-5);
	CHECK_NEAR(x[1], 5, 1e-2);
	CHECK_NEAR(x[2], -700, 10);
	CHECK_NEAR(x[3], 0.5, 1e-3);
	CHECK(fx < 1e-4);
}

static void
test_refused(void)
{
	double x[2] = { 0, 0 }, lo[2] = { -1, -1 }, hi[2] = { 2, 2 }, fx;
	crm_err err;

	CHECK_INT(crm_forecast_minimize(fenced, NULL, 2, x, lo, hi, 1e-12,
	    4000, &fx, NULL, &err), CRM_OK);
	CHECK(x[0] + x[1] <= 1);
	CHECK_NEAR(x[0], 0.5, 0.02);
	CHECK_NEAR(x[1], 0.5, 0.02);
	CHECK_NEAR(fx, 0.5, 1e-3);
}

static void
test_budget(void)
{
	double x[2] = { -1.2, 1 }, lo[2] = { -2, -2 }, hi[2] = { 2, 2 }, fx;
	int evals;
	crm_err err;

	CHECK_INT(crm_forecast_minimize(rosenbrock, NULL, 2, x, lo, hi, 1e-15,
	    40, &fx, &evals, &err), CRM_OK);
	/* The budget is checked once per step, and a step (a shrink)
	 * costs at most dim + 2 evaluations. */
	CHECK(evals >= 40 && evals <= 40 + 4);
	CHECK(fx <= rosenbrock((double[]){ -1.2, 1 }, NULL));
}

static void
test_usage(void)
{
	double x[17] = { 0 }, lo[17] = { 0 }, hi[17] = { 0 };
	crm_err err;

	CHECK_INT(crm_forecast_minimize(bowl, NULL, 0, x, lo, hi, 0, 0, NULL,
	    NULL, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "minimize: 0 dimensions (1 to 16)");
	CHECK_INT(crm_forecast_minimize(bowl, NULL, 17, x, lo, hi, 0, 0,
	    NULL, NULL, &err), CRM_EUSAGE);
	lo[1] = 1;
	CHECK_INT(crm_forecast_minimize(bowl, NULL, 2, x, lo, hi, 0, 0, NULL,
	    NULL, &err), CRM_EUSAGE);
	CHECK_STR(err.msg, "minimize: bounds of coordinate 1");
	lo[1] = -HUGE_VAL;
	CHECK_INT(crm_forecast_minimize(bowl, NULL, 2, x, lo, hi, 0, 0, NULL,
	    NULL, &err), CRM_EUSAGE);
}

int
main(void)
{
	RUN(test_rosenbrock);
	RUN(test_bounds);
	RUN(test_one_dimension);
	RUN(test_scales);
	RUN(test_refused);
	RUN(test_budget);
	RUN(test_usage);
	DONE();
}
