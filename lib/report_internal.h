/*
 * report_internal.h - shared by the report files of libcrm.
 */
#ifndef CRM_REPORT_INTERNAL_H
#define CRM_REPORT_INTERNAL_H

#include "crm/fmt.h"
#include "crm/report.h"

/* Cells of the bar column of a table at the largest value. */
#define REPORT_BAR_WIDTH 20

struct crm_report {
	char *title;
	char *subtitle;
	char **cols;
	size_t ncols, nkeys;
	crm_chart chart;              /* its strings owned */
	char **fields;                /* --fields, owned; nfields 0: all */
	size_t nfields;
	crm_format fmt;
	crm_out *out;
	int keep;                     /* rows kept until the close */
	int bars;                     /* a table with a bar column */
	crm_rec **rows;
	size_t nrows, caprows;
	crm_rec *scratch;             /* the row being streamed */
	unsigned long count;
};

/* Column col of row as a number (a JSON number or a decimal string);
 * *ok 0 when it is absent, null or not a number.  For charts only: the
 * figures in the rows themselves are exact. */
double crm_report_number(const crm_rec *row, const char *col, int *ok);

/* Write the kept rows as one HTML page (report_html.c). */
int crm_report_html(crm_report *rep, crm_err *err);

/* The SQL of sales dimension name (product, segment, ...) over orders
 * o, order_lines l and products p, NULL when name is not one; and the
 * condition that makes an order o a sale (report_sales.c).  Shared with
 * the series of series_db.c, so that both count the same sales. */
const char *crm_sales_dim_sql(const char *name);
const char *crm_sales_condition(void);

/* An exact decimal: v / 10^scale (report_dec.c).  Functions return 0,
 * or -1 when the result does not fit (or, for dec_parse, when the text
 * is not a decimal number: digits with an optional sign, point and
 * exponent). */
#define DEC_MAX_SCALE 18
#define DEC_BUFSZ 64
typedef struct dec {
	__int128 v;
	int scale;
} dec;

int dec_parse(const char *s, size_t n, dec *d);
int dec_add(dec *sum, dec x);
int dec_cmp(dec a, dec b);
/* a / den rounded half away from zero at scale places (at least a's). */
int dec_div(dec a, int64_t den, int scale, dec *q);
/* a + (b - a) * num / den for den dividing 100: exact at two more
 * places than a and b. */
int dec_lerp(dec a, dec b, int num, int den, dec *out);
/* d in decimal, trailing zeros dropped down to min_scale places, into
 * buf (DEC_BUFSZ bytes); returns buf. */
char *dec_format(dec d, int min_scale, char *buf);

#endif
