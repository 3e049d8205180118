/*
 * referral_report.c - the revenue that followed each referral, and each
 * referrer's totals.
 */
#include "internal.h"
#include "referral_internal.h"

static const char *const columns[] = {
	"type", "referred", "referrer", "partner", "on", "referrals",
	"currency", "orders", "revenue"
};

const char *const *
crm_referral_report_columns(size_t *n)
{
	*n = ARRAY_LEN(columns);
	return columns;
}

/* After "WITH s AS (the sales of crm_referral_sales_sql)".  ?1, ?2: the first and last day
 * counted, or NULL for open. */
static const char per_referral_fmt[] =
	" SELECT r.referred_id, r.referrer_customer_id,"
	" r.referrer_partner_id, r.referred_on, NULL, s.currency,"
	" count(s.order_id), sum(s.amount)"
	" FROM referrals r LEFT JOIN s ON s.customer_id = r.referred_id"
	" AND s.day >= r.referred_on"
	" AND (?1 IS NULL OR s.day >= ?1) AND (?2 IS NULL OR s.day <= ?2)"
	" GROUP BY r.referred_id, s.currency"
	" ORDER BY r.referred_id, s.currency";

static const char per_referrer_fmt[] =
	", rs AS (SELECT r.referrer_customer_id AS c,"
	" r.referrer_partner_id AS p, s.currency, s.order_id, s.amount"
	" FROM referrals r LEFT JOIN s ON s.customer_id = r.referred_id"
	" AND s.day >= r.referred_on"
	" AND (?1 IS NULL OR s.day >= ?1) AND (?2 IS NULL OR s.day <= ?2))"
	" SELECT NULL, c, p, NULL,"
	" (SELECT count(*) FROM referrals x WHERE"
	"  x.referrer_customer_id IS rs.c AND x.referrer_partner_id IS rs.p),"
	" currency, count(order_id), sum(amount)"
	" FROM rs GROUP BY c, p, currency"
	" HAVING currency IS NOT NULL OR NOT EXISTS (SELECT 1 FROM rs y"
	"  WHERE y.c IS rs.c AND y.p IS rs.p AND y.currency IS NOT NULL)"
	" ORDER BY c IS NULL, coalesce(c, p), currency";

int
crm_referral_sales_sql(crm_buf *b)
{
	return crm_buf_printf(b, "SELECT o.id AS order_id, o.customer_id,"
	    " o.currency, substr(o.order_date, 1, 10) AS day,"
	    " sum(l.amount_minor) AS amount FROM orders o"
	    " JOIN order_lines l ON l.order_id = o.id WHERE %s"
	    " GROUP BY o.id", crm_sales_condition());
}

/* The columns of a row: 0 referred, 1 referrer, 2 partner, 3 on,
 * 4 referrals, 5 currency, 6 orders, 7 revenue (minor units). */
static int
write_row(sqlite3_stmt *st, const char *type, crm_rec *r, crm_out *out,
    crm_err *err)
{
	char buf[CRM_MONEY_BUFSZ];
	const char *v, *cur;
	int col, rc, exponent;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "type", type, strlen(type), err)) !=
	    CRM_OK)
		return rc;
	cur = (const char *)sqlite3_column_text(st, 5);
	for (col = 0; col < 8 && rc == CRM_OK; col++) {
		const char *key = columns[col + 1];

		v = (const char *)sqlite3_column_text(st, col);
		if (v == NULL)
			rc = crm_rec_set_null(r, key, err);
		else if (col == 4 || col == 6)
			rc = crm_rec_set_int(r, key, sqlite3_column_int64(st,
			    col), err);
		else if (col == 7) {
			if ((rc = crm_currency_exponent(cur, &exponent, err)) !=
			    CRM_OK)
				return crm_err_prefix(err, "orders");
			crm_money_format(sqlite3_column_int64(st, col),
			    exponent, buf);
			rc = crm_rec_set_str(r, key, buf, strlen(buf), err);
		} else
			rc = crm_rec_set_str(r, key, v, strlen(v), err);
	}
	return rc == CRM_OK ? crm_out_write(out, r, err) : rc;
}

static int
run(crm_db *db, const char *rest, const char *type, const char *from,
    const char *to, crm_rec *r, crm_out *out, crm_err *err)
{
	crm_buf sql = CRM_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	if (crm_buf_adds(&sql, "WITH s AS (") != CRM_OK ||
	    crm_referral_sales_sql(&sql) != CRM_OK ||
	    crm_buf_adds(&sql, ")") != CRM_OK ||
	    crm_buf_adds(&sql, rest) != CRM_OK ||
	    crm_buf_addc(&sql, '\0') != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_db_prepare(db, sql.data, &st, err)) != CRM_OK)
		goto out;
	if (from != NULL)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to != NULL)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = write_row(st, type, r, out, err)) != CRM_OK)
			goto out;
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "referrals",
	    err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&sql);
	return rc;
}

int
crm_referral_report(crm_db *db, const int32_t *from, const int32_t *to,
    crm_out *out, crm_err *err)
{
	char a[CRM_DATE_BUFSZ], b[CRM_DATE_BUFSZ];
	crm_rec *r = crm_rec_new();
	int rc;

	if (r == NULL)
		return crm_err_nomem(err);
	if (from != NULL)
		crm_date_format(*from, a);
	if (to != NULL)
		crm_date_format(*to, b);
	rc = run(db, per_referral_fmt, "referral", from != NULL ? a : NULL,
	    to != NULL ? b : NULL, r, out, err);
	if (rc == CRM_OK)
		rc = run(db, per_referrer_fmt, "referrer", from != NULL ? a :
		    NULL, to != NULL ? b : NULL, r, out, err);
	crm_rec_free(r);
	return rc;
}
