/*
 * forecast_accuracy.c - the error measures of the accuracy verb.
 */
#include "forecast_internal.h"

int
crm_forecast_accuracy_of(const double *actual, const double *f, size_t n,
    const double *train, size_t ntrain, int m, crm_forecast_accuracy *acc,
    crm_err *err)
{
	double e, ae, sae = 0, sse = 0, sape = 0, ssape = 0, sa = 0, se = 0;
	double scale = 0, den;
	size_t i, nape = 0;

	if (n == 0)
		return crm_err_set(err, CRM_EUSAGE, "accuracy: no forecasts");
	if (m < 1)
		return crm_err_set(err, CRM_EUSAGE, "accuracy: season length "
		    "%d", m);
	for (i = 0; i < n; i++)
		if (!isfinite(actual[i]) || !isfinite(f[i]))
			return crm_err_set(err, CRM_EDATA, "accuracy: value "
			    "%zu not a finite number", i + 1);
	for (i = 0; train != NULL && i < ntrain; i++)
		if (!isfinite(train[i]))
			return crm_err_set(err, CRM_EDATA, "accuracy: history "
			    "value %zu not a finite number", i + 1);
	for (i = 0; i < n; i++) {
		e = f[i] - actual[i];
		ae = fabs(e);
		sae += ae;
		sse += e * e;
		se += e;
		sa += fabs(actual[i]);
		if (actual[i] != 0) {
			sape += 100 * ae / fabs(actual[i]);
			nape++;
		}
		den = fabs(actual[i]) + fabs(f[i]);
		if (den > 0)
			ssape += 200 * ae / den;
	}
	acc->n = n;
	acc->mape_n = nape;
	acc->mae = sae / (double)n;
	acc->rmse = sqrt(sse / (double)n);
	acc->mape = nape > 0 ? sape / (double)nape : NAN;
	acc->smape = ssape / (double)n;
	acc->wape = sa > 0 ? sae / sa : NAN;
	acc->bias = se / (double)n;
	acc->mase = NAN;
	if (train != NULL && ntrain > (size_t)m) {
		for (i = (size_t)m; i < ntrain; i++)
			scale += fabs(train[i] - train[i - (size_t)m]);
		scale /= (double)(ntrain - (size_t)m);
		if (scale > 0)
			acc->mase = acc->mae / scale;
	}
	return CRM_OK;
}
