/*
 * report.c - the report sink: rows checked against the report's columns,
 * streamed to a crm_out or kept for a table with bars, Markdown or HTML.
 */
#include "internal.h"
#include "report_internal.h"

static void
chart_free(crm_chart *c)
{
	size_t i;

	free((char *)c->x);
	free((char *)c->y);
	free((char *)c->y2);
	free((char *)c->series);
	for (i = 0; i < ARRAY_LEN(c->cells); i++)
		free((char *)c->cells[i]);
}

static void
report_free(crm_report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	crm_out_abort(rep->out);
	for (i = 0; i < rep->ncols; i++)
		free(rep->cols[i]);
	free(rep->cols);
	for (i = 0; i < rep->nfields; i++)
		free(rep->fields[i]);
	free(rep->fields);
	for (i = 0; i < rep->nrows; i++)
		crm_rec_free(rep->rows[i]);
	free(rep->rows);
	crm_rec_free(rep->scratch);
	chart_free(&rep->chart);
	free(rep->title);
	free(rep->subtitle);
	free(rep);
}

static int
column_index(const crm_report *rep, const char *name)
{
	size_t i;

	for (i = 0; i < rep->ncols; i++)
		if (strcmp(rep->cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* A copy of the chart column name, which must be one of the columns. */
static int
chart_column(crm_report *rep, const char *name, const char **dst,
    crm_err *err)
{
	*dst = NULL;
	if (name == NULL)
		return CRM_OK;
	if (column_index(rep, name) < 0)
		return crm_err_set(err, CRM_EUSAGE, "chart column %s is not a "
		    "column of the report", name);
	if ((*dst = strdup(name)) == NULL)
		return crm_err_nomem(err);
	return CRM_OK;
}

static int
copy_spec(crm_report *rep, const crm_report_spec *spec, crm_err *err)
{
	const crm_chart *c = &spec->chart;
	size_t i;
	int rc;

	rep->title = strdup(spec->title != NULL ? spec->title : "Report");
	rep->subtitle = spec->subtitle != NULL ? strdup(spec->subtitle) :
	    NULL;
	rep->cols = calloc(spec->ncolumns + 1, sizeof(*rep->cols));
	if (rep->title == NULL || rep->cols == NULL ||
	    (spec->subtitle != NULL && rep->subtitle == NULL))
		return crm_err_nomem(err);
	for (i = 0; i < spec->ncolumns; i++) {
		if ((rep->cols[i] = strdup(spec->columns[i])) == NULL)
			return crm_err_nomem(err);
		rep->ncols++;
	}
	rep->nkeys = spec->nkeys <= rep->ncols ? spec->nkeys : rep->ncols;
	rep->chart.kind = c->kind;
	if ((rc = chart_column(rep, c->x, &rep->chart.x, err)) != CRM_OK ||
	    (rc = chart_column(rep, c->y, &rep->chart.y, err)) != CRM_OK ||
	    (rc = chart_column(rep, c->y2, &rep->chart.y2, err)) != CRM_OK ||
	    (rc = chart_column(rep, c->series, &rep->chart.series, err)) !=
	    CRM_OK)
		return rc;
	for (i = 0; i < ARRAY_LEN(c->cells); i++)
		if (c->cells[i] != NULL &&
		    (rep->chart.cells[i] = strdup(c->cells[i])) == NULL)
			return crm_err_nomem(err);
	return CRM_OK;
}

static int
copy_fields(crm_report *rep, const char *const *fields, size_t n,
    crm_err *err)
{
	size_t i;

	if (n == 0)
		return CRM_OK;
	if ((rep->fields = calloc(n, sizeof(*rep->fields))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n; i++) {
		if (column_index(rep, fields[i]) < 0)
			return crm_err_set(err, CRM_EUSAGE, "--fields: %s is "
			    "not a column of this report", fields[i]);
		if ((rep->fields[i] = strdup(fields[i])) == NULL)
			return crm_err_nomem(err);
		rep->nfields++;
	}
	return CRM_OK;
}

/* The columns the output shows: --fields, else all, plus "bar" in a
 * table of a report with a measure. */
static int
set_out_columns(crm_report *rep, crm_err *err)
{
	const char **names;
	size_t n = 0, i;
	int rc;

	names = calloc(rep->ncols + 1, sizeof(*names));
	if (names == NULL)
		return crm_err_nomem(err);
	if (rep->nfields > 0)
		for (i = 0; i < rep->nfields; i++)
			names[n++] = rep->fields[i];
	else
		for (i = 0; i < rep->ncols; i++)
			names[n++] = rep->cols[i];
	if (rep->bars)
		names[n++] = "bar";
	rc = crm_out_set_fields(rep->out, names, n, err);
	free(names);
	return rc;
}

int
crm_report_open(crm_report **repp, const crm_report_spec *spec,
    const char *path, crm_format fmt, int flags,
    const char *const *fields, size_t nfields, crm_err *err)
{
	crm_report *rep;
	int rc, oflags = flags & CRM_REPORT_GZIP ? CRM_OUT_GZIP : 0;

	*repp = NULL;
	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return crm_err_nomem(err);
	rep->fmt = fmt == CRM_FMT_AUTO ? CRM_FMT_JSONL : fmt;
	if ((rc = copy_spec(rep, spec, err)) != CRM_OK ||
	    (rc = copy_fields(rep, fields, nfields, err)) != CRM_OK)
		goto fail;
	rep->bars = rep->fmt == CRM_FMT_TABLE && rep->chart.y != NULL &&
	    rep->chart.kind != CRM_CHART_GRID;
	rep->keep = rep->bars || rep->fmt == CRM_FMT_HTML;
	if ((rep->scratch = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	rc = crm_out_open(&rep->out, path,
	    rep->fmt == CRM_FMT_HTML ? CRM_FMT_JSONL : rep->fmt, oflags, err);
	if (rc != CRM_OK)
		goto fail;
	if (rep->fmt != CRM_FMT_HTML &&
	    (rc = set_out_columns(rep, err)) != CRM_OK)
		goto fail;
	*repp = rep;
	return CRM_OK;
fail:
	report_free(rep);
	return rc;
}

/* Fill dst with row's values in column order, null for those it lacks. */
static int
normalise(const crm_report *rep, const crm_rec *row, crm_rec *dst,
    crm_err *err)
{
	size_t i, n = crm_rec_len(row), len;
	const char *json;
	long at;
	int rc;

	for (i = 0; i < n; i++)
		if (column_index(rep, crm_rec_key(row, i)) < 0)
			return crm_err_set(err, CRM_EDATA, "report \"%s\": %s "
			    "is not one of its columns", rep->title,
			    crm_rec_key(row, i));
	crm_rec_clear(dst);
	for (i = 0; i < rep->ncols; i++) {
		at = crm_rec_find(row, rep->cols[i]);
		if (at < 0) {
			rc = crm_rec_set_null(dst, rep->cols[i], err);
		} else {
			json = crm_rec_json(row, (size_t)at, &len);
			rc = crm_rec_set_json(dst, rep->cols[i],
			    crm_rec_type(row, (size_t)at), json, len, err);
		}
		if (rc != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

int
crm_report_row(crm_report *rep, const crm_rec *row, crm_err *err)
{
	crm_rec *dst = rep->scratch;
	int rc;

	if (rep->keep) {
		rc = crm_array_grow(&rep->rows, &rep->caprows, rep->nrows,
		    sizeof(*rep->rows), err);
		if (rc != CRM_OK)
			return rc;
		if ((dst = crm_rec_new()) == NULL)
			return crm_err_nomem(err);
	}
	if ((rc = normalise(rep, row, dst, err)) != CRM_OK) {
		if (dst != rep->scratch)
			crm_rec_free(dst);
		return rc;
	}
	rep->count++;
	if (rep->keep) {
		rep->rows[rep->nrows++] = dst;
		return CRM_OK;
	}
	return crm_out_write(rep->out, dst, err);
}

unsigned long
crm_report_rows(const crm_report *rep)
{
	return rep->count;
}

double
crm_report_number(const crm_rec *row, const char *col, int *ok)
{
	const char *s;
	char *end;
	double v;
	long at;

	*ok = 0;
	if ((at = crm_rec_find(row, col)) < 0)
		return 0;
	if (crm_rec_type(row, (size_t)at) != CRM_NUMBER &&
	    crm_rec_type(row, (size_t)at) != CRM_STRING)
		return 0;
	s = crm_rec_text(row, (size_t)at, NULL);
	if (s == NULL || *s == '\0')
		return 0;
	v = strtod(s, &end);
	if (*end != '\0' || v != v)
		return 0;
	*ok = 1;
	return v;
}

/* The eighths of a block for a bar of v in width cells of max. */
static int
add_bar(crm_buf *b, double v, double max, int width)
{
	static const char *const part[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	long eighths, i;

	if (!(max > 0) || !(v > 0))
		return CRM_OK;
	eighths = (long)(v / max * width * 8 + 0.5);
	if (eighths == 0)
		eighths = 1;
	for (i = 0; i < eighths / 8; i++)
		if (crm_buf_adds(b, "\u2588") != CRM_OK)
			return CRM_EINTERNAL;
	return crm_buf_adds(b, part[eighths % 8]);
}

static int
write_bars(crm_report *rep, crm_err *err)
{
	crm_buf bar = { 0 };
	double max = 0, v;
	size_t i;
	int ok, rc = CRM_OK;

	for (i = 0; i < rep->nrows; i++) {
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (ok && v > max)
			max = v;
	}
	for (i = 0; i < rep->nrows && rc == CRM_OK; i++) {
		crm_buf_reset(&bar);
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (add_bar(&bar, ok ? v : 0, max, REPORT_BAR_WIDTH) !=
		    CRM_OK || crm_rec_set_str(rep->rows[i], "bar",
		    bar.data != NULL ? bar.data : "", bar.len, err) != CRM_OK)
			rc = crm_err_nomem(err);
		else
			rc = crm_out_write(rep->out, rep->rows[i], err);
	}
	crm_buf_free(&bar);
	return rc;
}

int
crm_report_close(crm_report *rep, crm_err *err)
{
	int rc = CRM_OK;

	if (rep == NULL)
		return CRM_OK;
	if (rep->fmt == CRM_FMT_HTML)
		rc = crm_report_html(rep, err);
	else if (rep->bars)
		rc = write_bars(rep, err);
	if (rc == CRM_OK) {
		rc = crm_out_close(rep->out, err);
		rep->out = NULL;
	}
	report_free(rep);
	return rc;
}

void
crm_report_abort(crm_report *rep)
{
	report_free(rep);
}
