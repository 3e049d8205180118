/*
 * test_forecast_accuracy.c - the error measures, worked by hand.
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

/*
 * actual 2 0 4 5, forecast 1 1 5 5: errors f - a = -1 1 1 0.
 *   mae 3/4, rmse sqrt(3/4), bias 1/4
 *   mape over the 3 nonzero actuals: (50 + 25 + 0) / 3 = 25
 *   smape (200/3 + 200/1 + 200/9 + 0) / 4 = 72.2 (the 0 actual counts)
 *   wape 3 / 11
 *   mase: history 1 2 3 4 5 6, lag 1: scale 1, 0.75; lag 2: scale 2
 */
static void
test_by_hand(void)
{
	double a[] = { 2, 0, 4, 5 }, f[] = { 1, 1, 5, 5 };
	double tr[] = { 1, 2, 3, 4, 5, 6 };
	crm_forecast_accuracy acc;
	crm_err err;

	CHECK_INT(crm_forecast_accuracy_of(a, f, 4, tr, 6, 1, &acc, &err),
	    CRM_OK);
	CHECK_INT(acc.n, 4);
	CHECK_INT(acc.mape_n, 3);
	CHECK_NEAR(acc.mae, 0.75, 1e-15);
	CHECK_NEAR(acc.rmse, sqrt(0.75), 1e-15);
	CHECK_NEAR(acc.bias, 0.25, 1e-15);
	CHECK_NEAR(acc.mape, 25, 1e-12);
	CHECK_NEAR(acc.smape, (200 / 3.0 + 200 + 200 / 9.0) / 4, 1e-12);
	CHECK_NEAR(acc.wape, 3 / 11.0, 1e-15);
	CHECK_NEAR(acc.mase, 0.75, 1e-15);
	CHECK_INT(crm_forecast_accuracy_of(a, f, 4, tr, 6, 2, &acc, &err),
	    CRM_OK);
	CHECK_NEAR(acc.mase, 0.375, 1e-15);
}

static void
test_edges(void)
{
	double z[] = { 0, 0 }, f[] = { 0, 3 }, tr[] = { 5, 5, 5 };
	crm_forecast_accuracy acc;
	crm_err err;

	/* Both 0: sMAPE 0 for that period; no nonzero actual: no MAPE,
	 * no WAPE; a flat history: no MASE scale. */
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, tr, 3, 1, &acc, &err),
	    CRM_OK);
	CHECK_NEAR(acc.smape, 100, 1e-12);
	CHECK_INT(acc.mape_n, 0);
	CHECK(isnan(acc.mape));
	CHECK(isnan(acc.wape));
	CHECK(isnan(acc.mase));
	/* A history no longer than the season: no MASE. */
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, tr, 3, 3, &acc, &err),
	    CRM_OK);
	CHECK(isnan(acc.mase));
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, NULL, 0, 1, &acc, &err),
	    CRM_OK);
	CHECK(isnan(acc.mase));
	CHECK_NEAR(acc.bias, 1.5, 0);
	CHECK_INT(crm_forecast_accuracy_of(z, f, 0, NULL, 0, 1, &acc, &err),
	    CRM_EUSAGE);
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, NULL, 0, 0, &acc, &err),
	    CRM_EUSAGE);
	f[1] = NAN;
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, NULL, 0, 1, &acc, &err),
	    CRM_EDATA);
	CHECK_STR(err.msg, "accuracy: value 2 not a finite number");
	f[1] = 1;
	tr[2] = HUGE_VAL;
	CHECK_INT(crm_forecast_accuracy_of(z, f, 2, tr, 3, 1, &acc, &err),
	    CRM_EDATA);
}

int
main(void)
{
	RUN(test_by_hand);
	RUN(test_edges);
	DONE();
}
