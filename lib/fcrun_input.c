/*
 * fcrun_input.c - forecast rows read back from records, keyed as the
 * forecast rows were written, for adjustments and the weekly plan.
 */
#include "internal.h"
#include "fcrun_internal.h"

struct crm_fcrun_input {
	char **keys;           /* NULL until known: by the first record */
	size_t nkeys;
	int flags;
	crm_demand_rows *rows;
	crm_rec **recs;        /* CRM_FCRUN_KEEP: the records as read */
	size_t nrecs, cap;
	crm_rec *row;          /* a row's fields, for the write */
};

int
crm_fcrun_input_new(const char *const *keys, size_t nkeys, int flags,
    crm_fcrun_input **in, crm_err *err)
{
	crm_fcrun_input *p;

	*in = NULL;
	if (nkeys > CRM_FCRUN_MAX_KEYS)
		return crm_err_set(err, CRM_EUSAGE, "fcrun: more than %d "
		    "keys", CRM_FCRUN_MAX_KEYS);
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->row = crm_rec_new()) == NULL)
		goto nomem;
	p->flags = flags;
	if (keys != NULL) {
		if ((p->keys = calloc(nkeys + 1, sizeof(char *))) == NULL)
			goto nomem;
		for (; p->nkeys < nkeys; p->nkeys++)
			if ((p->keys[p->nkeys] = strdup(keys[p->nkeys])) ==
			    NULL)
				goto nomem;
	}
	*in = p;
	return CRM_OK;
nomem:
	crm_fcrun_input_free(p);
	return crm_err_nomem(err);
}

void
crm_fcrun_input_free(crm_fcrun_input *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; in->keys != NULL && i < in->nkeys; i++)
		free(in->keys[i]);
	free(in->keys);
	for (i = 0; i < in->nrecs; i++)
		crm_rec_free(in->recs[i]);
	free(in->recs);
	crm_rec_free(in->row);
	crm_demand_rows_free(in->rows);
	free(in);
}

/* lo80, hi95: a bound of the forecast rows. */
static int
is_bound(const char *key)
{
	return (strncmp(key, "lo", 2) == 0 || strncmp(key, "hi", 2) == 0) &&
	    key[2] >= '0' && key[2] <= '9' &&
	    strspn(key + 2, "0123456789.") == strlen(key + 2);
}

/* The rows, keyed as the first record r is unless told. */
static int
rows_start(crm_fcrun_input *in, const crm_rec *r, crm_err *err)
{
	const char *keys[CRM_FCRUN_MAX_KEYS + 1];
	const char *bounds[2 * CRM_FORECAST_MAX_LEVELS];
	size_t i, nkeys = 0, nb = 0;
	int flags = in->flags & CRM_FCRUN_NEGATIVE ? CRM_DEMAND_NEGATIVE : 0;
	long p;

	if (in->keys == NULL) {
		if ((p = crm_rec_find(r, "period")) < 0)
			return crm_rec_fail(r, err, CRM_EDATA, "period",
			    "missing");
		for (i = 0; i < (size_t)p && i < CRM_FCRUN_MAX_KEYS; i++)
			keys[nkeys++] = crm_rec_key(r, i);
	} else
		for (; nkeys < in->nkeys; nkeys++)
			keys[nkeys] = in->keys[nkeys];
	for (i = 0; in->flags & CRM_FCRUN_KEEP && i < crm_rec_len(r) &&
	    nb < ARRAY_LEN(bounds); i++)
		if (is_bound(crm_rec_key(r, i)))
			bounds[nb++] = crm_rec_key(r, i);
	return crm_demand_rows_new(keys, nkeys, bounds, nb, flags, &in->rows,
	    err);
}

/* Set the fields of from into to: those it has in their places, the
 * others after. */
static int
merge(crm_rec *to, const crm_rec *from, crm_err *err)
{
	size_t i, len;
	int rc = CRM_OK;

	for (i = 0; i < crm_rec_len(from) && rc == CRM_OK; i++) {
		const char *json = crm_rec_json(from, i, &len);

		rc = crm_rec_set_json(to, crm_rec_key(from, i),
		    crm_rec_type(from, i), json, len, err);
	}
	return rc;
}

int
crm_fcrun_input_add(crm_fcrun_input *in, const crm_rec *r, crm_err *err)
{
	int rc;

	if (in->rows == NULL && (rc = rows_start(in, r, err)) != CRM_OK)
		return rc;
	if ((rc = crm_demand_rows_add_rec(in->rows, r, err)) != CRM_OK ||
	    !(in->flags & CRM_FCRUN_KEEP))
		return rc;
	if ((rc = crm_array_grow(&in->recs, &in->cap, in->nrecs,
	    sizeof(crm_rec *), err)) != CRM_OK)
		return rc;
	if ((in->recs[in->nrecs] = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	in->nrecs++;
	return merge(in->recs[in->nrecs - 1], r, err);
}

crm_demand_rows *
crm_fcrun_input_rows(crm_fcrun_input *in, crm_err *err)
{
	const char *none[1] = { NULL };
	int flags = in->flags & CRM_FCRUN_NEGATIVE ? CRM_DEMAND_NEGATIVE : 0;

	if (in->rows == NULL && crm_demand_rows_new(in->keys != NULL ?
	    (const char *const *)in->keys : none, in->nkeys, NULL, 0, flags,
	    &in->rows, err) != CRM_OK)
		return NULL;
	return in->rows;
}

size_t
crm_fcrun_input_count(const crm_fcrun_input *in)
{
	return in->nrecs;
}

int
crm_fcrun_input_write(crm_fcrun_input *in, size_t i, crm_rec *out,
    crm_err *err)
{
	int rc;

	if (i >= in->nrecs)
		return crm_err_set(err, CRM_EUSAGE, "fcrun: no record %zu",
		    i);
	crm_rec_clear(out);
	if ((rc = merge(out, in->recs[i], err)) != CRM_OK ||
	    (rc = crm_demand_rows_write(in->rows, i, in->row, err)) !=
	    CRM_OK)
		return rc;
	return merge(out, in->row, err);
}

int
crm_fcrun_first_week(const crm_demand_rows *rows, char *buf)
{
	size_t i, n = crm_demand_rows_count(rows);
	int32_t first = 0;

	if (n == 0)
		return CRM_END;
	for (i = 0; i < n; i++)
		if (i == 0 || crm_demand_rows_at(rows, i)->first < first)
			first = crm_demand_rows_at(rows, i)->first;
	crm_date_bucket(first, CRM_PERIOD_WEEK, buf);
	return CRM_OK;
}
