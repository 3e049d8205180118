/*
 * forecast_run.c - the entry points: method names, options, the result,
 * and the fall back from a method that cannot forecast a series to a
 * simpler one, with a note that says why.
 */
#include "forecast_internal.h"

static const struct method {
	const char *name;
	fc_fit_fn *fit;
	crm_forecast_method shorter;    /* when too short */
	crm_forecast_method plainer;    /* when the values will not do */
} methods[] = {
	[CRM_FORECAST_NAIVE] = { "naive", fc_naive, CRM_FORECAST_NAIVE,
	    CRM_FORECAST_NAIVE },
	[CRM_FORECAST_SNAIVE] = { "snaive", fc_snaive, CRM_FORECAST_NAIVE,
	    CRM_FORECAST_NAIVE },
	[CRM_FORECAST_MA] = { "ma", fc_ma, CRM_FORECAST_NAIVE,
	    CRM_FORECAST_NAIVE },
	[CRM_FORECAST_SES] = { "ses", fc_ses, CRM_FORECAST_NAIVE,
	    CRM_FORECAST_NAIVE },
	[CRM_FORECAST_HOLT] = { "holt", fc_holt, CRM_FORECAST_SES,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_DAMPED] = { "damped", fc_damped, CRM_FORECAST_HOLT,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_HW_ADD] = { "hw-add", fc_hw_add, CRM_FORECAST_HOLT,
	    CRM_FORECAST_HOLT },
	[CRM_FORECAST_HW_MUL] = { "hw-mul", fc_hw_mul, CRM_FORECAST_HOLT,
	    CRM_FORECAST_HW_ADD },
	[CRM_FORECAST_HW_ADD_DAMPED] = { "hw-add-damped", fc_hw_add_damped,
	    CRM_FORECAST_DAMPED, CRM_FORECAST_DAMPED },
	[CRM_FORECAST_HW_MUL_DAMPED] = { "hw-mul-damped", fc_hw_mul_damped,
	    CRM_FORECAST_DAMPED, CRM_FORECAST_HW_ADD_DAMPED },
	[CRM_FORECAST_THETA] = { "theta", fc_theta, CRM_FORECAST_NAIVE,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_CROSTON] = { "croston", fc_croston, CRM_FORECAST_SES,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_SBA] = { "sba", fc_sba, CRM_FORECAST_SES,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_COMB] = { "comb", fc_comb, CRM_FORECAST_SES,
	    CRM_FORECAST_SES },
	[CRM_FORECAST_AUTO] = { "auto", NULL, CRM_FORECAST_AUTO,
	    CRM_FORECAST_AUTO }
};

const char *
crm_forecast_method_name(crm_forecast_method m)
{
	if ((unsigned)m >= ARRAY_LEN(methods))
		return "?";
	return methods[m].name;
}

int
crm_forecast_method_parse(const char *name, crm_forecast_method *m,
    crm_err *err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(methods); i++)
		if (strcmp(name, methods[i].name) == 0) {
			*m = (crm_forecast_method)i;
			return CRM_OK;
		}
	return crm_err_set(err, CRM_EUSAGE, "unknown forecast method: %s",
	    name);
}

int
crm_forecast_methods_parse(const char *list, unsigned *set, crm_err *err)
{
	char name[32];
	const char *p = list, *end;
	crm_forecast_method m;
	size_t len;
	int rc;

	*set = 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (len == 0 || len >= sizeof(name))
			return crm_err_set(err, CRM_EUSAGE,
			    "forecast methods: \"%s\": %s", list, len == 0 ?
			    "an empty name" : "unknown method");
		memcpy(name, p, len);
		name[len] = '\0';
		if ((rc = crm_forecast_method_parse(name, &m, err)) != CRM_OK)
			return rc;
		if (m == CRM_FORECAST_AUTO)
			return crm_err_set(err, CRM_EUSAGE,
			    "forecast methods: auto is not a method to "
			    "choose from");
		*set |= CRM_FORECAST_BIT(m);
		if (end == NULL)
			return CRM_OK;
		p = end + 1;
	}
}

int
crm_forecast_min_points(crm_forecast_method m, int season, int window)
{
	int two = 2 * season;

	switch (m) {
	case CRM_FORECAST_NAIVE:
		return 1;
	case CRM_FORECAST_SNAIVE:
		return season + 1;
	case CRM_FORECAST_MA:
		return fc_ma_window(window, season) + 1;
	case CRM_FORECAST_SES:
	case CRM_FORECAST_THETA:
		return 3;
	case CRM_FORECAST_HOLT:
		return 4;
	case CRM_FORECAST_DAMPED:
	case CRM_FORECAST_COMB:
		return 5;
	case CRM_FORECAST_HW_ADD:
	case CRM_FORECAST_HW_MUL:
		/* Two full seasons to tell season from trend, and room
		 * for more points than parameters. */
		return two > season + 6 ? two : season + 6;
	case CRM_FORECAST_HW_ADD_DAMPED:
	case CRM_FORECAST_HW_MUL_DAMPED:
		return two > season + 7 ? two : season + 7;
	case CRM_FORECAST_CROSTON:
	case CRM_FORECAST_SBA:
		return 3;
	default:
		return 1;
	}
}

void
crm_forecast_opts_init(crm_forecast_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->season = 1;
	o->horizon = 1;
	o->methods = CRM_FORECAST_AUTO_SET;
	o->select = CRM_FORECAST_SELECT_AICC;
	o->seed = 1;
}

void
fc_result_reset(crm_forecast *f)
{
	f->season = 1;
	f->alpha = f->beta = f->gamma = f->phi = NAN;
	f->theta = f->drift = NAN;
	f->window = 0;
	f->level = f->trend = NAN;
	f->nseasonal = 0;
	f->sigma = NAN;
	f->aicc = NAN;
	f->interval = "none";
}

crm_forecast *
fc_result_new(int h, const crm_forecast_opts *o, int m)
{
	crm_forecast *f;
	size_t nb = (size_t)o->nlevels * (size_t)h;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->horizon = h;
	f->nlevels = o->nlevels;
	memcpy(f->levels, o->levels, sizeof(f->levels));
	f->mean = calloc((size_t)h, sizeof(double));
	f->lower = calloc(nb + 1, sizeof(double));
	f->upper = calloc(nb + 1, sizeof(double));
	f->seasonal = calloc((size_t)m, sizeof(double));
	if (f->mean == NULL || f->lower == NULL || f->upper == NULL ||
	    f->seasonal == NULL) {
		crm_forecast_free(f);
		return NULL;
	}
	fc_result_reset(f);
	return f;
}

void
crm_forecast_free(crm_forecast *f)
{
	if (f == NULL)
		return;
	free(f->mean);
	free(f->lower);
	free(f->upper);
	free(f->seasonal);
	free(f);
}

double
crm_forecast_lower(const crm_forecast *f, int l, int i)
{
	if (l < 0 || l >= f->nlevels || i < 0 || i >= f->horizon)
		return NAN;
	return f->lower[l * f->horizon + i];
}

double
crm_forecast_upper(const crm_forecast *f, int l, int i)
{
	if (l < 0 || l >= f->nlevels || i < 0 || i >= f->horizon)
		return NAN;
	return f->upper[l * f->horizon + i];
}

void
fc_bounds_normal(crm_forecast *f, const double *sd)
{
	double z;
	int l, i, h = f->horizon;

	for (l = 0; l < f->nlevels; l++) {
		z = fc_qnorm(0.5 + f->levels[l] / 200);
		for (i = 0; i < h; i++) {
			f->lower[l * h + i] = f->mean[i] - z * sd[i];
			f->upper[l * h + i] = f->mean[i] + z * sd[i];
		}
	}
}

int
fc_result_finite(const crm_forecast *f, int intervals)
{
	int i, nb = f->nlevels * f->horizon;

	for (i = 0; i < f->horizon; i++)
		if (!isfinite(f->mean[i]))
			return 0;
	if (intervals)
		for (i = 0; i < nb; i++)
			if (!isfinite(f->lower[i]) || !isfinite(f->upper[i]))
				return 0;
	return 1;
}

int
fc_fit(crm_forecast_method m, const fc_input *in, crm_forecast *f,
    int intervals)
{
	int rc;

	fc_result_reset(f);
	f->method = m;
	rc = methods[m].fit(in, f, intervals);
	if (rc == CRM_OK && !fc_result_finite(f, intervals))
		rc = FC_NUMERIC;
	return rc;
}

int
fc_validate(const double *y, size_t n, const crm_forecast_opts *o,
    crm_err *err)
{
	size_t i;
	int l;

	if (o->season < 1 || o->season > CRM_FORECAST_MAX_SEASON)
		return crm_err_set(err, CRM_EUSAGE, "season length %d: not "
		    "in 1 to %d", o->season, CRM_FORECAST_MAX_SEASON);
	if (o->horizon < 1 || o->horizon > CRM_FORECAST_MAX_HORIZON)
		return crm_err_set(err, CRM_EUSAGE, "horizon %d: not in 1 to "
		    "%d", o->horizon, CRM_FORECAST_MAX_HORIZON);
	if (o->nlevels < 0 || o->nlevels > CRM_FORECAST_MAX_LEVELS)
		return crm_err_set(err, CRM_EUSAGE, "%d interval levels: at "
		    "most %d", o->nlevels, CRM_FORECAST_MAX_LEVELS);
	for (l = 0; l < o->nlevels; l++)
		if (!(o->levels[l] > 0 && o->levels[l] < 100))
			return crm_err_set(err, CRM_EUSAGE, "interval level "
			    "%g: not between 0 and 100", o->levels[l]);
	if (o->window < 0 || o->window > 100000)
		return crm_err_set(err, CRM_EUSAGE, "moving average window "
		    "%d: not in 1 to 100000", o->window);
	if (o->origins < 0 || o->origins > 100)
		return crm_err_set(err, CRM_EUSAGE, "backtest origins %d: "
		    "not in 1 to 100", o->origins);
	if (o->select != CRM_FORECAST_SELECT_AICC &&
	    o->select != CRM_FORECAST_SELECT_BACKTEST)
		return crm_err_set(err, CRM_EUSAGE, "unknown selection rule");
	if (n == 0)
		return crm_err_set(err, CRM_EDATA, "no values to forecast "
		    "from");
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return crm_err_set(err, CRM_EDATA, "value %zu: not a "
			    "finite number", i + 1);
	return CRM_OK;
}

void
fc_all_zero(crm_forecast *f)
{
	int i, nb = f->nlevels * f->horizon;

	fc_result_reset(f);
	f->method = CRM_FORECAST_NAIVE;
	for (i = 0; i < f->horizon; i++)
		f->mean[i] = 0;
	for (i = 0; i < nb; i++)
		f->lower[i] = f->upper[i] = 0;
	f->sigma = 0;
	if (f->nlevels > 0)
		f->interval = "none: every value is zero";
	snprintf(f->note, sizeof(f->note), "every value is zero: forecast "
	    "zeros");
}

int
fc_is_zero(const double *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (y[i] != 0)
			return 0;
	return 1;
}

/* The last resort when even naive's numbers overflow: the last value,
 * no spread. */
static void
last_value(crm_forecast *f, const double *y, size_t n)
{
	int i, nb = f->nlevels * f->horizon;

	fc_result_reset(f);
	f->method = CRM_FORECAST_NAIVE;
	for (i = 0; i < f->horizon; i++)
		f->mean[i] = y[n - 1];
	for (i = 0; i < nb; i++)
		f->lower[i] = f->upper[i] = y[n - 1];
	f->interval = "none: the values are too large to measure a spread";
}

int
fc_run_chain(crm_forecast_method m, const fc_input *in, crm_forecast *f,
    crm_err *err)
{
	crm_forecast_method cur = m, first = m;
	int rc, why = CRM_OK;

	for (;;) {
		rc = fc_fit(cur, in, f, 1);
		if (rc == CRM_OK)
			break;
		if (rc == CRM_EINTERNAL)
			return crm_err_nomem(err);
		if (why == CRM_OK) {
			why = rc;
			first = cur;
		}
		if (cur == CRM_FORECAST_NAIVE) {
			last_value(f, in->y, in->n);
			break;
		}
		cur = rc == FC_SHORT || rc == FC_NOSEASON ?
		    methods[cur].shorter : methods[cur].plainer;
	}
	if (why == CRM_OK)
		return CRM_OK;
	switch (why) {
	case FC_SHORT:
		snprintf(f->note, sizeof(f->note), "%zu point%s: too short "
		    "for %s, fell back to %s", in->n, in->n == 1 ? "" : "s",
		    methods[first].name, methods[f->method].name);
		break;
	case FC_NOSEASON:
		snprintf(f->note, sizeof(f->note), "no season length: %s "
		    "needs one, fell back to %s", methods[first].name,
		    methods[f->method].name);
		break;
	case FC_NONPOS:
		snprintf(f->note, sizeof(f->note), "%s values: %s cannot "
		    "take them, fell back to %s",
		    first == CRM_FORECAST_HW_MUL ||
		    first == CRM_FORECAST_HW_MUL_DAMPED ? "zero or negative" :
		    "negative", methods[first].name,
		    methods[f->method].name);
		break;
	case FC_NOFIT:
		snprintf(f->note, sizeof(f->note), "%s: every fit forecasts "
		    "zero or less on the way, fell back to %s",
		    methods[first].name, methods[f->method].name);
		break;
	default:
		snprintf(f->note, sizeof(f->note), "%s: numbers out of "
		    "range, fell back to %s", methods[first].name,
		    methods[f->method].name);
	}
	return CRM_OK;
}

int
crm_forecast_run(const double *y, size_t n, crm_forecast_method m,
    const crm_forecast_opts *o, crm_forecast **out, crm_err *err)
{
	crm_forecast *f;
	fc_input in;
	int rc;

	*out = NULL;
	if ((unsigned)m >= ARRAY_LEN(methods))
		return crm_err_set(err, CRM_EUSAGE, "unknown forecast method "
		    "%d", (int)m);
	if (m == CRM_FORECAST_AUTO)
		return crm_forecast_auto(y, n, o, out, err);
	if ((rc = fc_validate(y, n, o, err)) != CRM_OK)
		return rc;
	if ((f = fc_result_new(o->horizon, o, o->season)) == NULL)
		return crm_err_nomem(err);
	in.y = y;
	in.n = n;
	in.m = o->season;
	in.h = o->horizon;
	in.o = o;
	if (fc_is_zero(y, n))
		fc_all_zero(f);
	else if ((rc = fc_run_chain(m, &in, f, err)) != CRM_OK) {
		crm_forecast_free(f);
		return rc;
	}
	f->requested = m;
	*out = f;
	return CRM_OK;
}
