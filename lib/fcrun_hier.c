/*
 * fcrun_hier.c - forecasts over a product x region hierarchy: the
 * cells forecast and summed up (bottom up), or each product's total
 * forecast and split by its regions' last season (top down), then
 * reconciled by crm_demand_hier.
 */
#include "internal.h"
#include "fcrun_internal.h"

struct hier_run {
	crm_fcrun *run;
	crm_series_set *set;
	crm_demand_rows *rows;
	crm_demand_hier *h;
	double *acc;           /* top down: the product's sums, from the
	                          last period backwards, so that series of
	                          different starts line up at their end */
	size_t nacc, cap;
	char product[256];
	int have;
};

/* Add the rows of forecast f of the key vals. */
static int
hier_add(struct hier_run *hr, const char *const *vals, const crm_forecast *f,
    crm_err *err)
{
	char period[CRM_DATE_BUFSZ];
	int i, rc = CRM_OK;

	for (i = 0; i < f->horizon && rc == CRM_OK; i++)
		if ((rc = crm_series_period(hr->set, i + 1, period, err)) ==
		    CRM_OK)
			rc = crm_demand_rows_add(hr->rows, vals, period,
			    f->mean[i], NULL, err);
	return rc;
}

/* Top down: forecast the product total gathered so far. */
static int
hier_flush(struct hier_run *hr, crm_err *err)
{
	const char *vals[1] = { hr->product };
	crm_forecast *f = NULL;
	double *y;
	size_t i;
	int rc;

	if (!hr->have)
		return CRM_OK;
	hr->have = 0;
	for (i = 0; i < hr->nacc / 2; i++) {
		double tmp = hr->acc[i];

		hr->acc[i] = hr->acc[hr->nacc - 1 - i];
		hr->acc[hr->nacc - 1 - i] = tmp;
	}
	/* Leading periods before the product's first sale are no history. */
	for (y = hr->acc; y < hr->acc + hr->nacc && *y == 0; y++)
		;
	rc = crm_fcrun_forecast(hr->run, y, hr->nacc - (size_t)(y - hr->acc),
	    &f, err);
	if (rc == CRM_OK)
		rc = hier_add(hr, vals, f, err);
	crm_forecast_free(f);
	return rc;
}

/* Top down: add a cell's series to its product's and its share. */
static int
hier_gather(struct hier_run *hr, const crm_series *s, crm_err *err)
{
	double total = 0;
	size_t i, last = (size_t)hr->run->fo.season;
	int rc;

	if (!hr->have || strcmp(hr->product, s->keys[0]) != 0) {
		if ((rc = hier_flush(hr, err)) != CRM_OK)
			return rc;
		if (strlen(s->keys[0]) >= sizeof(hr->product))
			return crm_err_set(err, CRM_EDATA, "%s: longer than "
			    "%zu bytes", hr->run->keys[0],
			    sizeof(hr->product) - 1);
		memcpy(hr->product, s->keys[0], strlen(s->keys[0]) + 1);
		hr->have = 1;
		hr->nacc = 0;
	}
	if (s->n > hr->nacc) {
		if (s->n > hr->cap && (rc = crm_array_grow(&hr->acc, &hr->cap,
		    s->n, sizeof(double), err)) != CRM_OK)
			return rc;
		for (i = hr->nacc; i < s->n; i++)
			hr->acc[i] = 0;
		hr->nacc = s->n;
	}
	for (i = 0; i < s->n; i++)
		hr->acc[i] += s->values[s->n - 1 - i];
	for (i = 0; i < s->n && i < last; i++)
		total += s->values[s->n - 1 - i];
	/* Returns beyond the sales of the last season leave no share. */
	return crm_demand_hier_history(hr->h, s->keys[0], s->keys[1],
	    total > 0 ? total : 0, err);
}

/* Bottom up: forecast a cell. */
static int
hier_cell(struct hier_run *hr, const crm_series *s, crm_err *err)
{
	crm_forecast *f = NULL;
	int rc;

	rc = crm_fcrun_forecast(hr->run, s->values, s->n, &f, err);
	if (rc == CRM_OK)
		rc = hier_add(hr, s->keys, f, err);
	crm_forecast_free(f);
	return rc;
}

int
crm_fcrun_hier(crm_fcrun *run, crm_series_set *set, crm_demand_recon how,
    crm_demand_hier **h, crm_err *err)
{
	int top = how == CRM_DEMAND_TOP_DOWN, rc;
	const char *const *keys = (const char *const *)run->keys;
	struct hier_run hr;
	crm_series s;

	*h = NULL;
	if (run->nkeys != 2)
		return crm_err_set(err, CRM_EUSAGE, "--hierarchy: --by names "
		    "the product and the region field: PRODUCT,REGION");
	if (crm_series_own_ends(set))
		return crm_err_set(err, CRM_EUSAGE, "--hierarchy: the series "
		    "must share their end, not --own-ends");
	memset(&hr, 0, sizeof(hr));
	hr.run = run;
	hr.set = set;
	if ((rc = crm_demand_rows_new(keys, top ? 1 : 2, NULL, 0,
	    run->flags & CRM_FCRUN_NEGATIVE ? CRM_DEMAND_NEGATIVE : 0,
	    &hr.rows, err)) != CRM_OK || (rc = crm_demand_hier_new(keys[0],
	    keys[1], how, CRM_FCRUN_DECIMALS, &hr.h, err)) != CRM_OK)
		goto out;
	while ((rc = crm_series_next(set, &s, err)) == CRM_OK) {
		run->counts.series++;
		if (s.keys[0] == NULL || s.keys[1] == NULL) {
			rc = crm_err_set(err, CRM_EDATA, "--hierarchy: a "
			    "%s without a %s", s.keys[0] == NULL ?
			    "region" : "product", s.keys[0] == NULL ?
			    keys[0] : keys[1]);
			break;
		}
		rc = top ? hier_gather(&hr, &s, err) : hier_cell(&hr, &s, err);
		if (rc != CRM_OK)
			break;
	}
	if (rc == CRM_END)
		rc = top ? hier_flush(&hr, err) : CRM_OK;
	if (rc == CRM_OK)
		rc = crm_demand_hier_run(hr.h, hr.rows, err);
	if (rc == CRM_OK) {
		*h = hr.h;
		hr.h = NULL;
	}
out:
	free(hr.acc);
	crm_demand_hier_free(hr.h);
	crm_demand_rows_free(hr.rows);
	return rc;
}

size_t
crm_fcrun_hier_columns(const crm_fcrun *run, const char **cols)
{
	cols[0] = "level";
	cols[1] = run->nkeys > 0 ? run->keys[0] : "product";
	cols[2] = run->nkeys > 1 ? run->keys[1] : "region";
	cols[3] = "period";
	cols[4] = "forecast";
	return 5;
}
