/*
 * report_html.c - a report as one self-contained HTML page: inline CSS,
 * the chart as inline SVG, the rows as a table; no scripts, no fonts or
 * images fetched from elsewhere.  The SVG scales to the page's width, so
 * the page reads on a phone, and prints (the table rows do not split).
 *
 * Chart labels are the rows' own text; only the geometry is computed in
 * floating point.
 */
#include "internal.h"
#include "report_internal.h"

#include <math.h>
#include <stdarg.h>

#define W 800                   /* SVG user units across */
#define X_END (W - 40)          /* right end of plots: room for a label */
#define LABEL_W 200             /* bar labels */
#define ROW_H 24
#define BAR_H 16
#define MAX_BARS 60             /* more rows are in the table only */
#define MAX_SERIES 8
#define MAX_LABEL 30            /* characters of a label in the chart */

static const char *const palette[] = {
	"#3b6ea8", "#e07b39", "#4c9a5b", "#c44e52",
	"#8172b2", "#937860", "#da8bc3", "#8c8c8c"
};

static const char css[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;"
	"color:#1a1a1a;background:#fff}"
	"h1{font-size:1.4rem;margin:.2rem 0}"
	"p.sub{color:#555;margin:.2rem 0 1rem}"
	"p.note{color:#555;font-size:.85rem}"
	"figure{margin:0 0 1rem}"
	"svg{width:100%;height:auto;display:block}"
	"svg text{font-size:12px;fill:#333}"
	".wrap{overflow-x:auto}"
	"table{border-collapse:collapse;font-size:.9rem}"
	"th,td{padding:.25rem .5rem;border-bottom:1px solid #ddd;"
	"text-align:left;white-space:nowrap}"
	"th{border-bottom:2px solid #999}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"@media print{body{max-width:none;margin:0}.wrap{overflow:visible}"
	"tr{break-inside:avoid}figure{break-inside:avoid}}";

typedef struct page {
	crm_report *rep;
	crm_buf b;
	int oom;
} page;

static void
put(page *pg, const char *s)
{
	if (crm_buf_adds(&pg->b, s) != CRM_OK)
		pg->oom = 1;
}

static void
putf(page *pg, const char *fmt, ...) CRM_PRINTF(2, 3);

static void
putf(page *pg, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		pg->oom = 1;
	else
		put(pg, tmp);
}

/* Text escaped for HTML (and SVG), cut to max characters (0: all) with
 * an ellipsis. */
static void
put_text(page *pg, const char *s, size_t max)
{
	size_t chars = 0;
	char c[2] = { 0, 0 };

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 && max > 0 &&
		    chars++ == max) {
			put(pg, "\u2026");
			return;
		}
		switch (*s) {
		case '&': put(pg, "&amp;"); break;
		case '<': put(pg, "&lt;"); break;
		case '>': put(pg, "&gt;"); break;
		case '"': put(pg, "&quot;"); break;
		case '\'': put(pg, "&#39;"); break;
		default:
			c[0] = *s;
			put(pg, c);
		}
	}
}

/* Row's text of col: "" for null. */
static const char *
cell(const crm_rec *row, const char *col)
{
	const char *s = crm_rec_get(row, col);

	return s != NULL ? s : "";
}

/* The label of a row in a chart: column x, else the keys joined. */
static void
put_label(page *pg, const crm_rec *row, size_t max)
{
	const crm_report *rep = pg->rep;
	crm_buf label = { 0 };
	size_t i;

	if (rep->chart.x != NULL) {
		put_text(pg, cell(row, rep->chart.x), max);
		return;
	}
	for (i = 0; i < rep->nkeys; i++) {
		if ((i > 0 && crm_buf_adds(&label, " / ") != CRM_OK) ||
		    crm_buf_adds(&label, cell(row, rep->cols[i])) != CRM_OK)
			pg->oom = 1;
	}
	put_text(pg, label.data != NULL ? label.data : "", max);
	crm_buf_free(&label);
}

/* The x of value v on a scale from lo to hi over [x0, x1]. */
static double
scale(double v, double lo, double hi, double x0, double x1)
{
	if (hi <= lo)
		return x0;
	return x0 + (v - lo) / (hi - lo) * (x1 - x0);
}

static void
svg_open(page *pg, double h, const char *what)
{
	putf(pg, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"", W, h);
	put_text(pg, what, 0);
	put(pg, "\">");
}

static void
svg_close(page *pg)
{
	put(pg, "</svg></figure>");
}

static void
note_left_out(page *pg, size_t shown, size_t total, const char *what)
{
	if (shown < total)
		putf(pg, "<p class=\"note\">The chart shows the first %zu of "
		    "%zu %s; the table has them all.</p>", shown, total, what);
}

static void
chart_bars(page *pg)
{
	const crm_report *rep = pg->rep;
	size_t i, n = rep->nrows < MAX_BARS ? rep->nrows : MAX_BARS;
	double v, lo = 0, hi = 0, x0, y, x1 = W - 90;
	int ok;

	for (i = 0; i < n; i++) {
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (ok && v < lo)
			lo = v;
		if (ok && v > hi)
			hi = v;
	}
	svg_open(pg, (double)n * ROW_H + 8, rep->title);
	x0 = scale(0, lo, hi, LABEL_W, x1);
	for (i = 0; i < n; i++) {
		y = 4 + (double)i * ROW_H;
		put(pg, "<text x=\"");
		putf(pg, "%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_W - 6,
		    y + BAR_H - 4);
		put_label(pg, rep->rows[i], MAX_LABEL);
		put(pg, "</text>");
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (ok && v != 0) {
			double xa = scale(v, lo, hi, LABEL_W, x1);
			putf(pg, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
			    fmin(x0, xa), y, fmax(fabs(xa - x0), 1), BAR_H,
			    palette[0]);
		}
		putf(pg, "<text x=\"%.1f\" y=\"%.1f\">", (ok && v > 0 ?
		    scale(v, lo, hi, LABEL_W, x1) : x0) + 4, y + BAR_H - 4);
		put_text(pg, cell(rep->rows[i], rep->chart.y), 0);
		put(pg, "</text>");
	}
	putf(pg, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%.0f\" "
	    "stroke=\"#999\"/>", x0, x0, (double)n * ROW_H + 8);
	svg_close(pg);
	note_left_out(pg, n, rep->nrows, "rows");
}

/* Distinct strings, in first-seen order (not owned). */
typedef struct distinct {
	const char **v;
	size_t n, cap;
} distinct;

static long
distinct_add(page *pg, distinct *d, const char *s)
{
	crm_err err;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i], s) == 0)
			return (long)i;
	if (crm_array_grow(&d->v, &d->cap, d->n, sizeof(*d->v), &err) !=
	    CRM_OK) {
		pg->oom = 1;
		return -1;
	}
	d->v[d->n] = s;
	return (long)d->n++;
}

/*
 * What tells a row's line or stacked bar from the others: the key columns
 * other than skip that take more than one value in the rows, joined with
 * " / " ("" when none does).  So sales of two currencies in one region
 * are two lines, and a column every row shares does not lengthen the
 * labels.  One string per row; NULL (pg->oom set) when out of memory.
 */
static char **
row_keys(page *pg, const char *skip)
{
	const crm_report *rep = pg->rep;
	crm_buf key = { 0 };
	char **keys = calloc(rep->nrows, sizeof(*keys));
	size_t i, c, r;
	int varies, first;

	if (keys == NULL) {
		pg->oom = 1;
		return NULL;
	}
	for (r = 0; r < rep->nrows; r++) {
		crm_buf_reset(&key);
		first = 1;
		for (c = 0; c < rep->nkeys; c++) {
			if (skip != NULL && strcmp(rep->cols[c], skip) == 0)
				continue;
			for (i = 1, varies = 0; i < rep->nrows && !varies;
			    i++)
				varies = strcmp(cell(rep->rows[i],
				    rep->cols[c]), cell(rep->rows[0],
				    rep->cols[c])) != 0;
			if (!varies)
				continue;
			if ((!first && crm_buf_adds(&key, " / ") != CRM_OK) ||
			    crm_buf_adds(&key, cell(rep->rows[r],
			    rep->cols[c])) != CRM_OK)
				pg->oom = 1;
			first = 0;
		}
		if ((keys[r] = strdup(key.data != NULL ? key.data : "")) ==
		    NULL)
			pg->oom = 1;
	}
	crm_buf_free(&key);
	return keys;
}

static void
free_keys(char **keys, size_t n)
{
	size_t i;

	if (keys == NULL)
		return;
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

static void
axis_y(page *pg, double lo, double hi, double top, double bottom,
    double left)
{
	double v, y;
	int i;

	for (i = 0; i <= 4; i++) {
		v = lo + (hi - lo) * i / 4;
		y = scale(v, lo, hi, bottom, top);
		putf(pg, "<line x1=\"%.1f\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#e3e3e3\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">%.6g</text>", left, X_END, y, y,
		    left - 4, y + 4, v);
	}
}

/* The x of the at-th of n periods along a line chart. */
static double
line_x(size_t at, size_t n, double left)
{
	return n > 1 ? left + (X_END - left) / (double)(n - 1) *
	    (double)at : (left + X_END) / 2;
}

/* The line of column col through the rows whose key is series; a dot
 * when it has one point. */
static void
polyline(page *pg, const distinct *xs, char *const *keys,
    const char *series, const char *col, const char *colour, int dashed,
    double lo, double hi, double top, double bottom, double left)
{
	const crm_report *rep = pg->rep;
	double v, x = 0, y = 0;
	size_t i, npoints = 0;
	long at;
	int ok;

	for (i = 0; i < rep->nrows; i++) {
		if (strcmp(keys[i], series) != 0)
			continue;
		v = crm_report_number(rep->rows[i], col, &ok);
		if (!ok)
			continue;
		for (at = 0; at < (long)xs->n; at++)
			if (strcmp(xs->v[at], cell(rep->rows[i],
			    rep->chart.x)) == 0)
				break;
		x = line_x((size_t)at, xs->n, left);
		y = scale(v, lo, hi, bottom, top);
		if (npoints++ == 0)
			putf(pg, "<polyline class=\"%s\" fill=\"none\" "
			    "stroke=\"%s\" stroke-width=\"2\"%s points=\"",
			    dashed ? "ago" : "line", colour, dashed ?
			    " stroke-dasharray=\"6 4\" opacity=\"0.6\"" : "");
		putf(pg, "%s%.1f,%.1f", npoints > 1 ? " " : "", x, y);
	}
	if (npoints > 0)
		put(pg, "\"/>");
	if (npoints == 1)
		putf(pg, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"%s\"%s/>", dashed ? "ago" : "dot", x, y, colour,
		    dashed ? " opacity=\"0.6\"" : "");
}

static void
chart_line(page *pg)
{
	const crm_report *rep = pg->rep;
	distinct xs = { 0 }, ss = { 0 };
	double v, lo = 0, hi = 0, top = 10, bottom = 250, left = 70, h;
	size_t i, k, every, nseries;
	char **keys;
	int ok;

	if ((keys = row_keys(pg, rep->chart.x)) == NULL)
		return;
	for (i = 0; i < rep->nrows; i++) {
		(void)distinct_add(pg, &xs, cell(rep->rows[i], rep->chart.x));
		(void)distinct_add(pg, &ss, keys[i]);
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (ok) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
		if (rep->chart.y2 == NULL)
			continue;
		v = crm_report_number(rep->rows[i], rep->chart.y2, &ok);
		if (ok) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	nseries = ss.n < MAX_SERIES ? ss.n : MAX_SERIES;
	h = bottom + 30 + 18 * (double)(nseries + 1);
	svg_open(pg, h, rep->title);
	axis_y(pg, lo, hi, top, bottom, left);
	every = xs.n / 12 + 1;
	for (i = 0; i < xs.n; i += every) {
		putf(pg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		    line_x(i, xs.n, left), bottom + 16);
		put_text(pg, xs.v[i], 12);
		put(pg, "</text>");
	}
	for (k = 0; k < nseries; k++) {
		const char *name = *ss.v[k] != '\0' ? ss.v[k] : rep->chart.y;
		const char *colour = palette[k % ARRAY_LEN(palette)];

		polyline(pg, &xs, keys, ss.v[k], rep->chart.y, colour, 0, lo,
		    hi, top, bottom, left);
		if (rep->chart.y2 != NULL)
			polyline(pg, &xs, keys, ss.v[k], rep->chart.y2, colour,
			    1, lo, hi, top, bottom, left);
		putf(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
		    "height=\"4\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">",
		    left, bottom + 34 + 18 * (double)k, colour, left + 18,
		    bottom + 40 + 18 * (double)k);
		put_text(pg, name, MAX_LABEL);
		put(pg, "</text>");
	}
	if (rep->chart.y2 != NULL) {
		putf(pg, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#333\" stroke-dasharray=\"6 4\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\">", left, left + 12,
		    bottom + 36 + 18 * (double)nseries, bottom + 36 + 18 *
		    (double)nseries, left + 18, bottom + 40 + 18 *
		    (double)nseries);
		put_text(pg, rep->chart.y2, 0);
		put(pg, " (dashed)</text>");
	}
	svg_close(pg);
	note_left_out(pg, nseries, ss.n, "lines");
	free_keys(keys, rep->nrows);
	free(xs.v);
	free(ss.v);
}

static void
chart_funnel(page *pg)
{
	const crm_report *rep = pg->rep;
	size_t i, n = rep->nrows < MAX_BARS ? rep->nrows : MAX_BARS;
	double v, hi = 0, w, y, mid = (LABEL_W + W) / 2.0;
	int ok;

	for (i = 0; i < n; i++) {
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		if (ok && v > hi)
			hi = v;
	}
	svg_open(pg, (double)n * (ROW_H + 6) + 8, rep->title);
	for (i = 0; i < n; i++) {
		y = 4 + (double)i * (ROW_H + 6);
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		put(pg, "<text x=\"");
		putf(pg, "%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_W - 6,
		    y + ROW_H - 7);
		put_label(pg, rep->rows[i], MAX_LABEL);
		put(pg, "</text>");
		w = ok && v > 0 && hi > 0 ? fmax(v / hi * (W - LABEL_W - 10),
		    2) : 0;
		if (w > 0)
			putf(pg, "<rect class=\"step\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
			    mid - w / 2, y, w, ROW_H, palette[0]);
		putf(pg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "style=\"fill:%s\">", mid, y + ROW_H - 7, w > 80 ?
		    "#fff" : "#333");
		put_text(pg, cell(rep->rows[i], rep->chart.y), 0);
		put(pg, "</text>");
	}
	svg_close(pg);
	note_left_out(pg, n, rep->nrows, "steps");
}

static void
chart_grid(page *pg)
{
	const crm_report *rep = pg->rep;
	unsigned long count[4] = { 0 };
	double sum[4] = { 0 }, v, x, y, cw = (W - 20) / 2.0, ch = 120;
	unsigned long most = 1;
	size_t i, c;
	int ok;

	for (i = 0; i < rep->nrows; i++)
		for (c = 0; c < 4; c++) {
			if (rep->chart.cells[c] == NULL ||
			    strcmp(cell(rep->rows[i], rep->chart.x),
			    rep->chart.cells[c]) != 0)
				continue;
			count[c]++;
			v = rep->chart.y != NULL ? crm_report_number(
			    rep->rows[i], rep->chart.y, &ok) : 0;
			if (rep->chart.y != NULL && ok)
				sum[c] += v;
		}
	for (c = 0; c < 4; c++)
		if (count[c] > most)
			most = count[c];
	svg_open(pg, 2 * ch + 20, rep->title);
	for (c = 0; c < 4; c++) {
		x = 10 + cw * (double)(c % 2);
		y = 10 + ch * (double)(c / 2);
		putf(pg, "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		    "fill-opacity=\"%.2f\" stroke=\"#fff\" stroke-width=\"4\"/>",
		    x, y, cw, ch, palette[0], 0.15 + 0.6 * (double)count[c] /
		    (double)most);
		putf(pg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "style=\"font-size:16px;font-weight:600\">", x + cw / 2,
		    y + ch / 2 - 10);
		put_text(pg, rep->chart.cells[c] != NULL ?
		    rep->chart.cells[c] : "", 0);
		putf(pg, "</text><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">%lu rows", x + cw / 2,
		    y + ch / 2 + 12, count[c]);
		if (rep->chart.y != NULL) {
			put(pg, ", ");
			put_text(pg, rep->chart.y, 0);
			putf(pg, " %.2f", sum[c]);
		}
		put(pg, "</text>");
	}
	svg_close(pg);
}

static void
chart_stacked(page *pg)
{
	const crm_report *rep = pg->rep;
	distinct xs = { 0 }, ss = { 0 };
	double *total = NULL, *at = NULL, v, most = 0, y, x1 = X_END;
	size_t i, bar, n, legend;
	char **keys;
	long xi, si;
	int ok;

	if ((keys = row_keys(pg, rep->chart.series)) == NULL)
		return;
	for (i = 0; i < rep->nrows; i++) {
		(void)distinct_add(pg, &xs, keys[i]);
		(void)distinct_add(pg, &ss, cell(rep->rows[i],
		    rep->chart.series));
	}
	total = calloc(xs.n + 1, sizeof(*total));
	at = calloc(xs.n + 1, sizeof(*at));
	if (total == NULL || at == NULL || pg->oom) {
		pg->oom = 1;
		goto out;
	}
	for (i = 0; i < rep->nrows; i++) {
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		xi = distinct_add(pg, &xs, keys[i]);
		if (ok && v > 0 && xi >= 0)
			total[xi] += v;
	}
	n = xs.n < MAX_BARS ? xs.n : MAX_BARS;
	for (bar = 0; bar < n; bar++)
		most = fmax(most, total[bar]);
	legend = ss.n < 3 * MAX_SERIES ? ss.n : 3 * MAX_SERIES;
	svg_open(pg, (double)n * ROW_H + 18 * (double)legend + 16,
	    rep->title);
	for (bar = 0; bar < n; bar++) {
		putf(pg, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
		    LABEL_W - 6, 4 + (double)bar * ROW_H + BAR_H - 4);
		put_text(pg, *xs.v[bar] != '\0' ? xs.v[bar] :
		    cell(rep->rows[0], rep->chart.x), MAX_LABEL);
		put(pg, "</text>");
	}
	for (i = 0; i < rep->nrows; i++) {
		v = crm_report_number(rep->rows[i], rep->chart.y, &ok);
		xi = distinct_add(pg, &xs, keys[i]);
		si = distinct_add(pg, &ss, cell(rep->rows[i],
		    rep->chart.series));
		if (!ok || v <= 0 || xi < 0 || (size_t)xi >= n || si < 0)
			continue;
		y = 4 + (double)xi * ROW_H;
		putf(pg, "<rect class=\"part\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
		    scale(at[xi], 0, most, LABEL_W, x1), y,
		    fmax(v / most * (x1 - LABEL_W), 0.5), BAR_H,
		    palette[(size_t)si % ARRAY_LEN(palette)]);
		at[xi] += v;
	}
	for (i = 0; i < legend; i++) {
		y = (double)n * ROW_H + 12 + 18 * (double)i;
		putf(pg, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%.1f\">", LABEL_W, y,
		    palette[i % ARRAY_LEN(palette)], LABEL_W + 18, y + 10);
		put_text(pg, ss.v[i], MAX_LABEL);
		put(pg, "</text>");
	}
	svg_close(pg);
	note_left_out(pg, n, xs.n, "bars");
out:
	free_keys(keys, rep->nrows);
	free(total);
	free(at);
	free(xs.v);
	free(ss.v);
}

static int
is_numeric_cell(const crm_rec *row, size_t i)
{
	const char *s;
	char *end;

	if (crm_rec_type(row, i) == CRM_NUMBER)
		return 1;
	if (crm_rec_type(row, i) != CRM_STRING)
		return 0;
	s = crm_rec_text(row, i, NULL);
	if (s == NULL || *s == '\0' || !(*s == '-' || (*s >= '0' &&
	    *s <= '9')))
		return 0;
	(void)strtod(s, &end);
	return *end == '\0';
}

static void
table(page *pg)
{
	const crm_report *rep = pg->rep;
	size_t i, c, ncols = rep->nfields > 0 ? rep->nfields : rep->ncols;
	char *const *cols = rep->nfields > 0 ? rep->fields : rep->cols;
	long at;

	put(pg, "<div class=\"wrap\"><table><thead><tr>");
	for (c = 0; c < ncols; c++) {
		put(pg, "<th>");
		put_text(pg, cols[c], 0);
		put(pg, "</th>");
	}
	put(pg, "</tr></thead><tbody>");
	for (i = 0; i < rep->nrows && !pg->oom; i++) {
		put(pg, "<tr>");
		for (c = 0; c < ncols; c++) {
			at = crm_rec_find(rep->rows[i], cols[c]);
			put(pg, at >= 0 && is_numeric_cell(rep->rows[i],
			    (size_t)at) ? "<td class=\"n\">" : "<td>");
			put_text(pg, cell(rep->rows[i], cols[c]), 0);
			put(pg, "</td>");
		}
		put(pg, "</tr>\n");
	}
	put(pg, "</tbody></table></div>");
}

static void
chart(page *pg)
{
	const crm_report *rep = pg->rep;

	if (rep->nrows == 0 || (rep->chart.kind != CRM_CHART_GRID &&
	    rep->chart.y == NULL))
		return;
	switch (rep->chart.kind) {
	case CRM_CHART_BARS:
		chart_bars(pg);
		break;
	case CRM_CHART_LINE:
		if (rep->chart.x != NULL)
			chart_line(pg);
		break;
	case CRM_CHART_FUNNEL:
		chart_funnel(pg);
		break;
	case CRM_CHART_GRID:
		if (rep->chart.x != NULL)
			chart_grid(pg);
		break;
	case CRM_CHART_STACKED:
		if (rep->chart.x != NULL && rep->chart.series != NULL)
			chart_stacked(pg);
		break;
	default:
		break;
	}
}

int
crm_report_html(crm_report *rep, crm_err *err)
{
	page pg = { rep, { 0 }, 0 };
	int rc;

	put(&pg, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"><title>");
	put_text(&pg, rep->title, 0);
	put(&pg, "</title><style>");
	put(&pg, css);
	put(&pg, "</style></head><body>\n<h1>");
	put_text(&pg, rep->title, 0);
	put(&pg, "</h1>");
	if (rep->subtitle != NULL) {
		put(&pg, "<p class=\"sub\">");
		put_text(&pg, rep->subtitle, 0);
		put(&pg, "</p>");
	}
	put(&pg, "\n");
	chart(&pg);
	put(&pg, "\n");
	if (rep->nrows == 0)
		put(&pg, "<p class=\"note\">No rows.</p>");
	else
		table(&pg);
	put(&pg, "\n</body></html>\n");
	if (pg.oom)
		rc = crm_err_nomem(err);
	else
		rc = crm_out_write_raw(rep->out, pg.b.data, pg.b.len, err);
	crm_buf_free(&pg.b);
	return rc;
}
