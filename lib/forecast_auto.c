/*
 * forecast_auto.c - auto: one method per series.
 *
 * Intermittent series first: Syntetos, Boylan and Croston (2005)
 * classify demand by its average inter-demand interval (ADI) and the
 * squared coefficient of variation of the demand sizes, and find SBA
 * best in every class with ADI above 1.32; below it demand is regular
 * enough for the smoothing methods.  The rest is chosen by AICc, as R's
 * ets chooses its model (Hyndman et al. 2002, 2008): every candidate's
 * likelihood is of the same data with Gaussian errors, so they compare.
 * Methods without a likelihood (ma, comb) take part only in a backtest.
 */
#include "forecast_internal.h"

#define ADI_LIMIT 1.32
#define INTERMITTENT (CRM_FORECAST_BIT(CRM_FORECAST_CROSTON) | \
	CRM_FORECAST_BIT(CRM_FORECAST_SBA))
#define NO_LIKELIHOOD (CRM_FORECAST_BIT(CRM_FORECAST_MA) | \
	CRM_FORECAST_BIT(CRM_FORECAST_COMB) | INTERMITTENT)

static int
intermittent(const double *y, size_t n)
{
	size_t i, nz = 0;

	for (i = 0; i < n; i++) {
		if (y[i] < 0)
			return 0;
		nz += y[i] != 0;
	}
	return nz > 0 && (double)n / (double)nz > ADI_LIMIT;
}

/* The mean absolute error of method m's forecasts from the origins
 * o->origins (default 3) before the last hb periods; HUGE_VAL when it
 * cannot forecast from the first of them. */
static double
backtest(crm_forecast_method m, const fc_input *in, int hb, int origins,
    crm_forecast *scratch)
{
	fc_input sub = *in;
	double sum = 0;
	size_t cnt = 0;
	int j, i;

	for (j = 0; j < origins; j++) {
		sub.n = in->n - (size_t)hb - (size_t)(origins - 1 - j);
		sub.h = hb;
		if (fc_fit(m, &sub, scratch, 0) != CRM_OK)
			return HUGE_VAL;
		for (i = 0; i < hb; i++) {
			sum += fabs(in->y[sub.n + (size_t)i] -
			    scratch->mean[i]);
			cnt++;
		}
	}
	return sum / (double)cnt;
}

/* The allowed method the rule prefers for in; -1 when none can say. */
static int
choose(unsigned set, const fc_input *in, int rule, crm_err *err, int *rc)
{
	crm_forecast *scratch;
	double best = HUGE_VAL, v;
	int m, pick = -1, hb, origins = in->o->origins ? in->o->origins : 3;

	hb = in->h;
	if ((size_t)hb > in->n / 4)
		hb = (int)(in->n / 4);
	if (rule == CRM_FORECAST_SELECT_BACKTEST &&
	    (hb < 1 || in->n < (size_t)(hb + origins + 2)))
		rule = CRM_FORECAST_SELECT_AICC;
	if ((scratch = fc_result_new(in->h, in->o, in->m)) == NULL) {
		*rc = crm_err_nomem(err);
		return -1;
	}
	for (m = 0; m < CRM_FORECAST_AUTO; m++) {
		if (!(set & CRM_FORECAST_BIT(m)))
			continue;
		if (rule == CRM_FORECAST_SELECT_BACKTEST) {
			v = backtest((crm_forecast_method)m, in, hb, origins,
			    scratch);
		} else {
			if (CRM_FORECAST_BIT(m) & NO_LIKELIHOOD)
				continue;
			v = HUGE_VAL;
			if (fc_fit((crm_forecast_method)m, in, scratch, 0) ==
			    CRM_OK && isfinite(scratch->aicc))
				v = scratch->aicc;
		}
		if (v < best) {
			best = v;
			pick = m;
		}
	}
	crm_forecast_free(scratch);
	*rc = CRM_OK;
	/* Nothing with a likelihood allowed (ma and comb): compare them
	 * by backtest, when the series is long enough for one. */
	if (pick < 0 && rule == CRM_FORECAST_SELECT_AICC && hb >= 1 &&
	    in->n >= (size_t)(hb + origins + 2))
		return choose(set, in, CRM_FORECAST_SELECT_BACKTEST, err, rc);
	return pick;
}

int
crm_forecast_auto(const double *y, size_t n, const crm_forecast_opts *o,
    crm_forecast **out, crm_err *err)
{
	crm_forecast *f;
	fc_input in;
	unsigned set, regular;
	int rc, pick, m;

	*out = NULL;
	if ((rc = fc_validate(y, n, o, err)) != CRM_OK)
		return rc;
	set = o->methods & (CRM_FORECAST_BIT(CRM_FORECAST_AUTO) - 1);
	if (set == 0)
		return crm_err_set(err, CRM_EUSAGE, "auto: no method to "
		    "choose from");
	if ((f = fc_result_new(o->horizon, o, o->season)) == NULL)
		return crm_err_nomem(err);
	in.y = y;
	in.n = n;
	in.m = o->season;
	in.h = o->horizon;
	in.o = o;
	regular = set & ~INTERMITTENT;
	pick = -1;
	if (fc_is_zero(y, n)) {
		fc_all_zero(f);
		goto out;
	}
	if ((set & INTERMITTENT) && (regular == 0 || intermittent(y, n)))
		pick = set & CRM_FORECAST_BIT(CRM_FORECAST_SBA) ?
		    CRM_FORECAST_SBA : CRM_FORECAST_CROSTON;
	else if ((regular & (regular - 1)) != 0 &&
	    (pick = choose(regular, &in, o->select, err, &rc)) < 0 &&
	    rc != CRM_OK)
		goto out;
	if (pick < 0) {
		/* One method allowed, or nothing could be compared (the
		 * series is too short for every likelihood): the first
		 * allowed method, which falls back as far as it must. */
		for (m = 0; !(regular & CRM_FORECAST_BIT(m)); m++)
			;
		pick = m;
	}
	rc = fc_run_chain((crm_forecast_method)pick, &in, f, err);
out:
	if (rc != CRM_OK) {
		crm_forecast_free(f);
		return rc;
	}
	f->requested = CRM_FORECAST_AUTO;
	*out = f;
	return CRM_OK;
}
