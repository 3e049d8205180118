/*
 * series_db.c - the history in the database as series: the quantities
 * of the order lines of sales by order day, or of the shipment lines
 * delivered by delivery day, per dimensions.
 *
 * The dimensions and what makes an order a sale are the sales cube's
 * (report_sales.c), so that a forecast starts from the very sales that
 * crm-report shows.  Rows come in storage order, unsorted, and the set
 * sums them: a GROUP BY over ten million lines would sort them all
 * (seconds), while orders summed one at a time need no sort.
 */
#include "internal.h"
#include "series_internal.h"

/* The SQL of dimension name, NULL when it is none.  The plant is the
 * series' own: demand goes to the plant that builds, while the sales
 * report has no use for it.  sku names the product as planners say it,
 * and as crm-forecast plan expects its key field by default. */
static const char *
dim_sql(const char *name)
{
	if (strcmp(name, "plant") == 0)
		return "o.plant";
	if (strcmp(name, "sku") == 0)
		name = "product";
	return crm_sales_dim_sql(name);
}

/* The query: the key columns, the day, the quantity, from ?1 (a date,
 * inclusive) to before ?2 when bound.  Without a dimension of the line
 * (product, segment, category) an order's lines are summed by SQLite,
 * which scans orders in their storage order and needs no sort for it;
 * the + keeps the date from choosing an index that would give up that
 * order. */
static int
build_query(const crm_series_set *s, crm_series_source src, int lower,
    int upper, crm_buf *b, crm_err *err)
{
	const char *const *keys, *col, *date;
	int rc = crm_buf_adds(b, "SELECT "), lines = 0, products = 0;
	size_t n, i;

	keys = crm_series_key_fields(s, &n);
	for (i = 0; rc == CRM_OK && i < n; i++) {
		if ((col = dim_sql(keys[i])) == NULL)
			return crm_err_set(err, CRM_EUSAGE, "--by: unknown "
			    "dimension \"%s\" (product or sku, segment, "
			    "category, region, channel, rep, customer, plant)",
			    keys[i]);
		rc = crm_buf_printf(b, "%s, ", col);
		lines |= col[0] != 'o';
		products |= col[0] == 'p';
	}
	date = src == CRM_SERIES_ORDERED ? "o.order_date" : "s.delivered_on";
	if (rc == CRM_OK && src == CRM_SERIES_ORDERED)
		rc = crm_buf_printf(b, "substr(%s, 1, 10), %s FROM orders o"
		    " CROSS JOIN order_lines l ON l.order_id = o.id%s"
		    " WHERE %s", date, lines ? "l.qty" : "sum(l.qty)",
		    products ? " LEFT JOIN products p ON p.sku = l.sku" : "",
		    crm_sales_condition());
	else if (rc == CRM_OK)
		rc = crm_buf_printf(b, "substr(%s, 1, 10), sl.qty"
		    " FROM shipments s"
		    " CROSS JOIN shipment_lines sl ON sl.shipment_id = s.id"
		    " CROSS JOIN order_lines l ON l.order_id = sl.order_id"
		    " AND l.line_no = sl.line_no"
		    " CROSS JOIN orders o ON o.id = sl.order_id%s"
		    " WHERE %s IS NOT NULL", date,
		    products ? " LEFT JOIN products p ON p.sku = l.sku" : "",
		    date);
	if (rc == CRM_OK && lower)
		rc = crm_buf_printf(b, " AND +%s >= ?1", date);
	if (rc == CRM_OK && upper)
		rc = crm_buf_printf(b, " AND +%s < ?2", date);
	if (rc == CRM_OK && src == CRM_SERIES_ORDERED && !lines)
		rc = crm_buf_adds(b, " GROUP BY o.rowid");
	if (rc == CRM_OK)
		rc = crm_buf_addc(b, '\0');
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

static int
read_rows(crm_series_set *s, crm_db *db, sqlite3_stmt *st,
    crm_series_source src, crm_err *err)
{
	const char *what = src == CRM_SERIES_ORDERED ? "orders: order_date" :
	    "shipments: delivered_on";
	const char **vals, *date;
	size_t n, i;
	int32_t day;
	int rc = CRM_OK, step;
	dec d;

	crm_series_key_fields(s, &n);
	if ((vals = calloc(n + 1, sizeof(*vals))) == NULL)
		return crm_err_nomem(err);
	d.scale = 0;
	while (rc == CRM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, (int)i);
		date = (const char *)sqlite3_column_text(st, (int)n);
		if (date == NULL || crm_date_parse(date, strlen(date), &day,
		    NULL) != CRM_OK) {
			rc = crm_err_set(err, CRM_EDATA, "%s: not a date: "
			    "%.40s", what, date != NULL ? date : "null");
			break;
		}
		d.v = sqlite3_column_int64(st, (int)n + 1);
		rc = crm_series_put(s, vals, day, d, err);
	}
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, src == CRM_SERIES_ORDERED ?
		    "order_lines" : "shipment_lines", err);
	free(vals);
	return rc;
}

int
crm_series_read_db(crm_series_set *s, crm_db *db, crm_series_source src,
    crm_err *err)
{
	char lower[CRM_DATE_BUFSZ], upper[CRM_DATE_BUFSZ];
	crm_buf sql = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int has_lower, has_upper, rc;
	int32_t first, after;

	if (src != CRM_SERIES_ORDERED && src != CRM_SERIES_DELIVERED)
		return crm_err_set(err, CRM_EUSAGE, "unknown source of "
		    "history");
	if (crm_series_shape_of(s) != CRM_SERIES_TRANSACTIONS)
		return crm_err_set(err, CRM_EUSAGE, "series: the database "
		    "gives transactions, not points");
	crm_series_days(s, &has_lower, &first, &has_upper, &after);
	if ((rc = build_query(s, src, has_lower, has_upper, &sql, err)) !=
	    CRM_OK ||
	    (rc = crm_db_prepare(db, sql.data, &st, err)) != CRM_OK)
		goto out;
	if (has_lower)
		sqlite3_bind_text(st, 1, crm_date_format(first, lower), -1,
		    SQLITE_STATIC);
	if (has_upper)
		sqlite3_bind_text(st, 2, crm_date_format(after, upper), -1,
		    SQLITE_STATIC);
	rc = read_rows(s, db, st, src, err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&sql);
	return rc;
}
