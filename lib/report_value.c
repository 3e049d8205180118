/*
 * report_value.c - the rows of the customer value reports: rfm (scores,
 * cell, segment) and value-matrix (average order against order count),
 * both with the lapsed and loyal flags.
 */
#include "internal.h"
#include "report_rfm.h"

static const char *const rfm_cols[] = {
	"customer_id", "currency", "last_order", "recency_days", "frequency",
	"monetary", "r", "f", "m", "rfm", "segment", "lapsed", "lapse_after",
	"loyal", "loyal_point"
};

static const char *const matrix_cols[] = {
	"customer_id", "currency", "orders", "amount", "average", "quadrant",
	"amount_threshold", "count_threshold", "lapsed", "lapse_after",
	"loyal", "loyal_point"
};

/* Grid cells: amount up, orders to the right. */
static const char *const quadrants[4] = {
	"high value, occasional", "high value, frequent",
	"low value, occasional", "low value, frequent"
};

void
crm_rfm_spec(crm_report_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->title = "RFM: recency, frequency and money per customer";
	spec->columns = rfm_cols;
	spec->ncolumns = ARRAY_LEN(rfm_cols);
	spec->nkeys = 2;
	spec->chart.kind = CRM_CHART_BARS;
	spec->chart.x = "customer_id";
	spec->chart.y = "monetary";
}

void
crm_value_matrix_spec(crm_report_spec *spec)
{
	size_t i;

	memset(spec, 0, sizeof(*spec));
	spec->title = "Value matrix: average order against order count";
	spec->columns = matrix_cols;
	spec->ncolumns = ARRAY_LEN(matrix_cols);
	spec->nkeys = 2;
	spec->chart.kind = CRM_CHART_GRID;
	spec->chart.x = "quadrant";
	spec->chart.y = "orders";
	for (i = 0; i < 4; i++)
		spec->chart.cells[i] = quadrants[i];
}

/* The segment of an R and F score on the R-F grid of the widely
 * published ten-segment map, with R 1 and F 1 split off as Lost. */
static const char *
segment(int r, int f)
{
	if (r <= 2) {
		if (f == 5)
			return "Cannot lose";
		if (f >= 3)
			return "At risk";
		return r == 1 && f == 1 ? "Lost" : "Hibernating";
	}
	if (r == 3)
		return f <= 2 ? "About to sleep" : f == 3 ? "Need attention" :
		    "Loyal";
	if (f >= 4)
		return r == 4 ? "Loyal" : "Champions";
	if (f >= 2)
		return "Potential loyalist";
	return r == 4 ? "Promising" : "New";
}

/* Key columns, and the flags every row ends with. */
static int
set_keys(const struct cv_cust *c, crm_rec *r, crm_err *err)
{
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "customer_id", c->id, strlen(c->id),
	    err)) != CRM_OK)
		return rc;
	return crm_rec_set_str(r, "currency", c->currency,
	    strlen(c->currency), err);
}

static int
set_flags(const crm_custval *cv, const struct cv_cust *c, crm_rec *r,
    crm_err *err)
{
	int64_t quiet = (int64_t)cv->o.as_of - c->last;
	int rc;

	if ((rc = crm_rec_set_bool(r, "lapsed", c->lapse_after >= 0 &&
	    quiet > c->lapse_after, err)) != CRM_OK)
		return rc;
	rc = c->lapse_after >= 0 ? crm_rec_set_int(r, "lapse_after",
	    c->lapse_after, err) : crm_rec_set_null(r, "lapse_after", err);
	if (rc != CRM_OK || (rc = crm_rec_set_bool(r, "loyal",
	    cv->loyal_point > 0 && c->nsales >= cv->loyal_point, err)) !=
	    CRM_OK)
		return rc;
	if (cv->loyal_point == 0)
		return crm_rec_set_null(r, "loyal_point", err);
	return crm_rec_set_int(r, "loyal_point", (int64_t)cv->loyal_point,
	    err);
}

int
crm_custval_rfm(crm_custval *cv, crm_report *rep, crm_err *err)
{
	char day[CRM_DATE_BUFSZ], cell[4];
	const struct cv_cust *c;
	const char *seg;
	crm_rec *r;
	size_t i;
	int rc;

	if ((rc = custval_finish(cv, err)) != CRM_OK)
		return rc;
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < cv->nrows && rc == CRM_OK; i++) {
		c = &cv->custs[cv->rows[i]];
		snprintf(cell, sizeof(cell), "%d%d%d", c->score[0],
		    c->score[1], c->score[2]);
		crm_date_format(c->last, day);
		seg = segment(c->score[0], c->score[1]);
		if ((rc = set_keys(c, r, err)) != CRM_OK ||
		    (rc = crm_rec_set_str(r, "last_order", day, strlen(day),
		    err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "recency_days",
		    (int64_t)cv->o.as_of - c->last, err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "frequency", (int64_t)c->nsales,
		    err)) != CRM_OK ||
		    (rc = crm_money_set(r, "monetary", c->monetary,
		    c->exponent, err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "r", c->score[0], err)) !=
		    CRM_OK ||
		    (rc = crm_rec_set_int(r, "f", c->score[1], err)) !=
		    CRM_OK ||
		    (rc = crm_rec_set_int(r, "m", c->score[2], err)) !=
		    CRM_OK ||
		    (rc = crm_rec_set_str(r, "rfm", cell, 3, err)) != CRM_OK ||
		    (rc = crm_rec_set_str(r, "segment", seg, strlen(seg),
		    err)) != CRM_OK ||
		    (rc = set_flags(cv, c, r, err)) != CRM_OK)
			break;
		rc = crm_report_row(rep, r, err);
	}
	crm_rec_free(r);
	return rc;
}

/* num / den (den > 0) rounded half away from zero. */
static int64_t
div_round(int64_t num, int64_t den)
{
	int64_t q = num / den, rem = num % den;

	if (2 * (rem < 0 ? -rem : rem) >= den)
		q += num < 0 ? -1 : 1;
	return q;
}

/* The thresholds of one currency, as twice their value so that a
 * median between two values stays exact. */
struct threshold {
	const char *currency;
	int exponent;
	int64_t amount2, count2;
};

/* The values of the rows of one currency into v: averages or counts. */
static size_t
currency_values(const crm_custval *cv, const char *currency, int averages,
    int64_t *v)
{
	const struct cv_cust *c;
	size_t i, n = 0;

	for (i = 0; i < cv->nrows; i++) {
		c = &cv->custs[cv->rows[i]];
		if (strcmp(c->currency, currency) == 0)
			v[n++] = averages ? div_round(c->monetary,
			    (int64_t)c->nsales) : (int64_t)c->nsales;
	}
	return n;
}

static int
thresholds(const crm_custval *cv, const char *amount, long count,
    struct threshold *t, size_t *nt, int64_t *v, crm_err *err)
{
	const struct cv_cust *c;
	size_t i, j;
	int64_t minor;
	crm_err why;

	*nt = 0;
	for (i = 0; i < cv->nrows; i++) {
		c = &cv->custs[cv->rows[i]];
		for (j = 0; j < *nt; j++)
			if (strcmp(t[j].currency, c->currency) == 0)
				break;
		if (j < *nt)
			continue;
		t[j].currency = c->currency;
		t[j].exponent = c->exponent;
		(*nt)++;
	}
	for (j = 0; j < *nt; j++) {
		if (amount == NULL)
			crm_median2(v, currency_values(cv, t[j].currency, 1, v),
			    &t[j].amount2);
		else if (crm_money_parse(amount, strlen(amount),
		    t[j].exponent, &minor, &why) != CRM_OK ||
		    crm_money_add(minor, minor, &t[j].amount2, &why) != CRM_OK)
			return crm_err_set(err, CRM_EUSAGE,
			    "--amount-threshold: %s in %s: %s", amount,
			    t[j].currency, why.msg);
		if (count >= 0)
			t[j].count2 = 2 * (int64_t)count;
		else
			crm_median2(v, currency_values(cv, t[j].currency, 0, v),
			    &t[j].count2);
	}
	return CRM_OK;
}

/* The thresholds as figures: an amount with one more decimal when the
 * median falls between two minor units, a count with ".5" likewise. */
static int
set_thresholds(const struct threshold *t, crm_rec *r, crm_err *err)
{
	char buf[CRM_RATIO_BUFSZ];
	int64_t unit = 1;
	int e, rc;

	for (e = 0; e < t->exponent; e++)
		unit *= 10;
	crm_ratio_format(t->amount2, 2 * unit, t->exponent +
	    (int)(t->amount2 % 2 != 0), buf);
	if ((rc = crm_rec_set_str(r, "amount_threshold", buf, strlen(buf),
	    err)) != CRM_OK)
		return rc;
	if (t->count2 % 2 == 0)
		return crm_rec_set_int(r, "count_threshold", t->count2 / 2,
		    err);
	return crm_rec_set_ratio(r, "count_threshold", t->count2, 2, 1, err);
}

int
crm_custval_matrix(crm_custval *cv, const char *amount, long count,
    crm_report *rep, crm_err *err)
{
	struct threshold *t = NULL;
	const struct cv_cust *c;
	const char *quad;
	int64_t *v = NULL, avg;
	crm_rec *r = NULL;
	size_t i, j, nt;
	int rc;

	if ((rc = custval_finish(cv, err)) != CRM_OK)
		return rc;
	if ((t = calloc(cv->nrows + 1, sizeof(*t))) == NULL ||
	    (v = calloc(cv->nrows + 1, sizeof(*v))) == NULL ||
	    (r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = thresholds(cv, amount, count, t, &nt, v, err)) != CRM_OK)
		goto out;
	for (i = 0; i < cv->nrows; i++) {
		c = &cv->custs[cv->rows[i]];
		for (j = 0; strcmp(t[j].currency, c->currency) != 0; j++)
			;
		avg = div_round(c->monetary, (int64_t)c->nsales);
		quad = quadrants[(2 * (__int128)avg > t[j].amount2 ? 0 : 2) +
		    (2 * (int64_t)c->nsales > t[j].count2 ? 1 : 0)];
		if ((rc = set_keys(c, r, err)) != CRM_OK ||
		    (rc = crm_rec_set_int(r, "orders", (int64_t)c->nsales,
		    err)) != CRM_OK ||
		    (rc = crm_money_set(r, "amount", c->monetary, c->exponent,
		    err)) != CRM_OK ||
		    (rc = crm_money_set(r, "average", avg, c->exponent, err)) !=
		    CRM_OK ||
		    (rc = crm_rec_set_str(r, "quadrant", quad, strlen(quad),
		    err)) != CRM_OK ||
		    (rc = set_thresholds(&t[j], r, err)) != CRM_OK ||
		    (rc = set_flags(cv, c, r, err)) != CRM_OK ||
		    (rc = crm_report_row(rep, r, err)) != CRM_OK)
			goto out;
	}
out:
	crm_rec_free(r);
	free(v);
	free(t);
	return rc;
}
