/*
 * demand_adjust.c - expert adjustments: records that set, add to or
 * scale the forecast of one key and period, each with its author and
 * reason, applied on top of the statistical forecast in the order they
 * come (crm-forecast-adjust(5)).
 */
#include "internal.h"
#include "demand_internal.h"

static const char *const adjust_fields[] = { "period", "op", "value",
	"author", "reason" };

static const char *const op_names[] = { "set", "add", "multiply" };

#define AUTHOR_MAX 256
#define REASON_MAX 1024

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Refuse a field that is neither a key of the forecast nor one of the
 * adjustment's own: a key the forecast does not have ("plant" on a
 * forecast by sku) would otherwise widen the adjustment silently. */
static int
check_fields(const crm_demand_rows *rows, const crm_rec *r, crm_err *err)
{
	crm_buf keys = CRM_BUF_INIT;
	const char *name;
	size_t i, k;
	int known, rc = CRM_OK;

	for (i = 0; rc == CRM_OK && i < crm_rec_len(r); i++) {
		name = crm_rec_key(r, i);
		known = 0;
		for (k = 0; !known && k < ARRAY_LEN(adjust_fields); k++)
			known = strcmp(name, adjust_fields[k]) == 0;
		for (k = 0; !known && k < rows->nkeys; k++)
			known = strcmp(name, rows->keys[k]) == 0;
		if (known)
			continue;
		for (k = 0; k < rows->nkeys; k++)
			if (crm_buf_printf(&keys, "%s%s", k > 0 ? ", " : "",
			    rows->keys[k]) != CRM_OK) {
				rc = crm_err_nomem(err);
				break;
			}
		if (rc != CRM_OK)
			break;
		rc = rows->nkeys == 0 ?
		    crm_rec_fail(r, err, CRM_EDATA, name, "unknown field (the "
		    "forecast has no key fields)") :
		    crm_rec_fail(r, err, CRM_EDATA, name, "unknown field (the "
		    "forecast's keys are %s)", keys.data);
	}
	crm_buf_free(&keys);
	return rc;
}

static int
get_op(const crm_rec *r, crm_demand_op *op, crm_err *err)
{
	long i = crm_rec_find(r, "op");
	const char *s;
	size_t k;

	if (i < 0 || crm_rec_type(r, (size_t)i) == CRM_NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "op", "missing");
	if (crm_rec_type(r, (size_t)i) == CRM_STRING) {
		s = crm_rec_text(r, (size_t)i, NULL);
		for (k = 0; k < ARRAY_LEN(op_names); k++)
			if (strcmp(s, op_names[k]) == 0) {
				*op = (crm_demand_op)k;
				return CRM_OK;
			}
	}
	return crm_rec_fail(r, err, CRM_EDATA, "op", "not one of set, add, "
	    "multiply");
}

/* author or reason: a string with more than blanks in it. */
static int
get_text(const crm_rec *r, const char *key, char *buf, size_t sz,
    crm_err *err)
{
	int rc = crm_rec_need_str(r, key, buf, sz, err);

	if (rc == CRM_OK && blank(buf))
		rc = crm_rec_fail(r, err, CRM_EDATA, key, "empty");
	return rc;
}

/* "sku \"A\", region \"North\"" into b. */
static int
describe_key(const crm_demand_rows *rows, const char *const *vals,
    crm_buf *b)
{
	size_t k;
	int rc = CRM_OK;

	for (k = 0; rc == CRM_OK && k < rows->nkeys; k++)
		rc = crm_buf_printf(b, "%s%s \"%s\"", k > 0 ? ", " : "",
		    rows->keys[k], vals[k]);
	return rc;
}

/* The message for a record whose key or period has no row. */
static int
no_row(const crm_demand_rows *rows, const crm_rec *r,
    const char *const *vals, const char *period, crm_err *err)
{
	crm_demand_rows *w = (crm_demand_rows *)rows;
	crm_buf what = CRM_BUF_INIT;
	int rc;

	crm_buf_reset(&w->scratch);
	if (demand_key_encode(&w->scratch, vals, rows->nkeys) != CRM_OK ||
	    crm_buf_addc(&w->scratch, '|') != CRM_OK ||
	    describe_key(rows, vals, &what) != CRM_OK)
		rc = crm_err_nomem(err);
	else if (rows->nkeys == 0)
		rc = crm_rec_fail(r, err, CRM_EDATA, "period", "no forecast "
		    "for %s", period);
	else if (crm_strmap_get(rows->key_ix, w->scratch.data) != NULL)
		rc = crm_rec_fail(r, err, CRM_EDATA, "period", "no forecast "
		    "for %s of %s", period, what.data);
	else
		rc = crm_rec_fail(r, err, CRM_EDATA, rows->keys[0], "no "
		    "forecast for %s", what.data);
	crm_buf_free(&what);
	return rc;
}

/* Check record r whole, then apply it to its row, whose index goes to
 * *row. */
static int
adjust_one(crm_demand_rows *rows, const crm_rec *r, size_t *row,
    crm_err *err)
{
	const char **vals = NULL;
	char period[CRM_DATE_BUFSZ], author[AUTHOR_MAX], reason[REASON_MAX];
	char value[64];
	const char *text;
	crm_demand_op op = CRM_DEMAND_SET;
	size_t i, len;
	crm_err why;
	double v;
	int rc;

	if ((rc = check_fields(rows, r, err)) != CRM_OK)
		return rc;
	if (rows->nkeys > 0 &&
	    (vals = calloc(rows->nkeys, sizeof(*vals))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < rows->nkeys; i++)
		if ((rc = demand_key_value(r, rows->keys[i], &vals[i], err)) !=
		    CRM_OK)
			goto out;
	if ((rc = crm_rec_need_str(r, "period", period, sizeof(period),
	    err)) != CRM_OK)
		goto out;
	if (crm_period_key_parse(period, strlen(period), NULL, NULL, NULL,
	    &why) != CRM_OK) {
		rc = crm_rec_fail(r, err, CRM_EDATA, "period", "%s", why.msg);
		goto out;
	}
	if ((rc = get_op(r, &op, err)) != CRM_OK)
		goto out;
	rc = demand_get_number(r, "value", &v, &text, &len, err);
	if (rc == CRM_END)
		rc = crm_rec_fail(r, err, CRM_EDATA, "value", "missing");
	else if (rc == CRM_OK && op == CRM_DEMAND_MULTIPLY && v < 0)
		rc = crm_rec_fail(r, err, CRM_EDATA, "value", "a factor below "
		    "0");
	if (rc != CRM_OK)
		goto out;
	/* demand_number took at most 63 bytes. */
	memcpy(value, text, len);
	value[len] = '\0';
	if ((rc = get_text(r, "author", author, sizeof(author), err)) !=
	    CRM_OK ||
	    (rc = get_text(r, "reason", reason, sizeof(reason), err)) !=
	    CRM_OK)
		goto out;
	rc = crm_demand_rows_find(rows, vals, period, row, err);
	if (rc == CRM_END)
		rc = no_row(rows, r, vals, period, err);
	if (rc != CRM_OK)
		goto out;
	rc = demand_rows_step(rows, *row, op, v, value, author, reason,
	    crm_rec_file(r), crm_rec_line(r), &why);
	if (rc == CRM_EINTERNAL)
		*err = why;
	else if (rc != CRM_OK)
		crm_rec_fail(r, err, rc, NULL, "%s", why.msg);
out:
	free(vals);
	return rc;
}

int
crm_demand_adjust(crm_demand_rows *rows, const crm_rec *r, crm_err *err)
{
	size_t row;

	return adjust_one(rows, r, &row, err);
}

int
crm_demand_adjust_load(crm_demand_rows *rows, const char *path,
    unsigned long *n, crm_err *err)
{
	size_t *applied = NULL, napplied = 0, capplied = 0, row;
	crm_rec *r = NULL;
	crm_in *in = NULL;
	int rc;

	if (n != NULL)
		*n = 0;
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if ((rc = crm_in_open(&in, path, CRM_FMT_AUTO, err)) != CRM_OK)
		goto out;
	while ((rc = crm_in_read(in, r, err)) == CRM_OK) {
		if ((rc = crm_array_grow(&applied, &capplied, napplied,
		    sizeof(*applied), err)) != CRM_OK ||
		    (rc = adjust_one(rows, r, &row, err)) != CRM_OK)
			break;
		applied[napplied++] = row;
	}
	if (rc == CRM_END)
		rc = CRM_OK;
	/* All or nothing: take back, last first, what the file did. */
	if (rc != CRM_OK)
		while (napplied > 0)
			crm_demand_rows_undo(rows, applied[--napplied]);
	else if (n != NULL)
		*n = napplied;
out:
	crm_in_close(in);
	crm_rec_free(r);
	free(applied);
	return rc;
}
