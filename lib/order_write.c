/*
 * order_write.c - order creation's plumbing: the lines of a "lines"
 * array, option lists, the currency, and the rows written.
 */
#include "internal.h"
#include "order_internal.h"

/* One more scratch record for a line of a "lines" array. */
static crm_rec *
scratch_next(crm_order_creator *cr, crm_err *err)
{
	crm_rec **s;
	size_t cap;

	if (cr->nscratch == cr->scratch_cap) {
		cap = cr->scratch_cap ? 2 * cr->scratch_cap : 16;
		if ((s = realloc(cr->scratch, cap * sizeof(*s))) == NULL) {
			crm_err_nomem(err);
			return NULL;
		}
		memset(s + cr->scratch_cap, 0, (cap - cr->scratch_cap) *
		    sizeof(*s));
		cr->scratch = s;
		cr->scratch_cap = cap;
	}
	if (cr->scratch[cr->nscratch] == NULL &&
	    (cr->scratch[cr->nscratch] = crm_rec_new()) == NULL) {
		crm_err_nomem(err);
		return NULL;
	}
	return cr->scratch[cr->nscratch++];
}

/* The objects of json[0..len), a valid compact JSON array (as a record
 * holds it), each parsed into a scratch record placed where r is. */
int
crm_order_split_lines(crm_order_creator *cr, const crm_rec *r,
    const char *json, size_t len, crm_err *err)
{
	size_t i, start = 0;
	int depth = 0, in_str = 0, rc;
	crm_rec *line;

	cr->nscratch = 0;
	for (i = 0; i < len; i++) {
		char c = json[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"')
			in_str = 1;
		else if (c == '{' || c == '[') {
			if (depth++ == 1)
				start = i;
			if (depth == 2 && c == '[')
				return crm_rec_fail(r, err, CRM_EDATA, "lines",
				    "line %zu is not an object",
				    cr->nscratch + 1);
		} else if (c == '}' || c == ']') {
			if (--depth != 1 || c != '}')
				continue;
			if ((line = scratch_next(cr, err)) == NULL)
				return CRM_EINTERNAL;
			if ((rc = crm_rec_parse(line, json + start, i + 1 -
			    start, err)) != CRM_OK)
				return rc;
			crm_rec_set_place(line, crm_rec_file(r),
			    crm_rec_line(r));
		} else if (depth == 1 && c != ',')
			return crm_rec_fail(r, err, CRM_EDATA, "lines",
			    "line %zu is not an object", cr->nscratch + 1);
	}
	return CRM_OK;
}

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Option codes from s (a JSON array of strings, or "A+B", "A,B", "A B")
 * into buf as "A+B", sorted and without repeats. */
int
crm_order_options_norm(const crm_rec *r, const char *s, size_t len,
    int array, char *buf, size_t sz, crm_err *err)
{
	char tmp[256], *codes[32], *p;
	size_t n = 0, i, j, used = 0;

	if (len >= sizeof(tmp))
		return crm_rec_fail(r, err, CRM_EDATA, "options", "too long");
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	for (p = tmp; *p != '\0'; p++)
		if (strchr(array ? "[]\", " : "+, ", *p) != NULL)
			*p = '\0';
	for (p = tmp; p < tmp + len; p += strlen(p) + 1) {
		if (*p == '\0')
			continue;
		if (strchr(p, '\\') != NULL || strchr(p, '+') != NULL)
			return crm_rec_fail(r, err, CRM_EDATA, "options", "%s is "
			    "not an option code", p);
		if (n == ARRAY_LEN(codes))
			return crm_rec_fail(r, err, CRM_EDATA, "options",
			    "more than %zu options", ARRAY_LEN(codes));
		codes[n++] = p;
	}
	qsort(codes, n, sizeof(codes[0]), compare_codes);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(codes[i], codes[i - 1]) == 0)
			continue;
		j = strlen(codes[i]);
		if (used + j + 2 > sz)
			return crm_rec_fail(r, err, CRM_EDATA, "options",
			    "too long");
		if (used > 0)
			buf[used++] = '+';
		memcpy(buf + used, codes[i], j + 1);
		used += j;
	}
	return CRM_OK;
}

/* The order's currency: its own, else the customer's; and its
 * exponent. */
int
crm_order_currency(const crm_rec *r, struct order *o, crm_err *err)
{
	crm_err why;

	if (o->currency[0] == '\0')
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "missing "
		    "(customer %s has no currency either)", o->customer);
	if (crm_currency_exponent(o->currency, &o->exponent, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "%s",
		    why.msg);
	return CRM_OK;
}

static const char insert_order_sql[] =
	"INSERT INTO orders (id, customer_id, order_date, status, currency,"
	" total_minor, requested_week, plant, rep_id, channel, region, kind,"
	" purchase_ref, original_order_id, subtotal_minor, discount_minor,"
	" tax_minor, credit_hold, created_at, updated_at, location_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20)";

static const char insert_line_sql[] =
	"INSERT INTO order_lines (order_id, line_no, sku, qty,"
	" unit_price_minor, discount_minor, amount_minor, colour, options,"
	" description, promo_id, order_code)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL && *s != '\0')
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int
write_header(crm_order_creator *cr, const struct order *o,
    const char *status, crm_err *err)
{
	static const int cols[ORDER_NTEXT] = { 8, 13, 9, 10, 11, 12, 14, 20 };
	sqlite3_stmt *st;
	size_t k;
	int rc;

	if ((rc = crm_db_stmt(cr->db, insert_order_sql, &st, err)) != CRM_OK)
		return rc;
	bind_text(st, 1, o->id);
	bind_text(st, 2, o->customer);
	bind_text(st, 3, o->date);
	bind_text(st, 4, status);
	bind_text(st, 5, o->currency);
	sqlite3_bind_int64(st, 6, o->total);
	bind_text(st, 7, o->week);
	for (k = 0; k < ORDER_NTEXT; k++)
		bind_text(st, cols[k], o->text[k]);
	sqlite3_bind_int64(st, 15, o->subtotal);
	sqlite3_bind_int64(st, 16, o->discount);
	sqlite3_bind_int64(st, 17, o->tax);
	sqlite3_bind_int(st, 18, o->held);
	bind_text(st, 19, cr->at);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT)
		return crm_err_set(err, CRM_EDATA, "order %s: %s", o->id,
		    sqlite3_errmsg(crm_db_handle(cr->db)));
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(cr->db, rc, "orders",
	    err);
}

static int
write_line(crm_order_creator *cr, const struct order *o,
    const struct line *l, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(cr->db, insert_line_sql, &st, err)) != CRM_OK)
		return rc;
	bind_text(st, 1, o->id);
	sqlite3_bind_int64(st, 2, l->line_no);
	bind_text(st, 3, l->sku);
	sqlite3_bind_int64(st, 4, l->qty);
	sqlite3_bind_int64(st, 5, l->unit);
	sqlite3_bind_int64(st, 6, l->discount);
	sqlite3_bind_int64(st, 7, l->amount);
	bind_text(st, 8, l->colour);
	bind_text(st, 9, l->options);
	bind_text(st, 10, l->description);
	bind_text(st, 11, l->promo_id);
	bind_text(st, 12, l->order_code);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "sku", "order %s "
		    "line %ld: %s", o->id, l->line_no,
		    sqlite3_errmsg(crm_db_handle(cr->db)));
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(cr->db, rc,
	    "order_lines", err);
}

int
crm_order_write(crm_order_creator *cr, struct order *o, crm_err *err)
{
	const char *status = cr->opts.draft || o->held ? "draft" :
	    "confirmed";
	crm_event ev;
	size_t i;
	int rc;

	if ((rc = write_header(cr, o, status, err)) != CRM_OK)
		return rc;
	for (i = 0; i < o->nlines; i++)
		if ((rc = write_line(cr, o, &cr->lines[i], err)) != CRM_OK)
			return rc;
	if ((rc = crm_order_write_grants(cr, o, err)) != CRM_OK)
		return rc;
	ev = (crm_event){ "order", o->id, cr->at, crm_event_actor(),
	    "status", NULL, status, o->held ? "held: over the credit limit" :
	    NULL, NULL };
	return crm_event_add(cr->db, &ev, err);
}

int
crm_order_created_write(crm_order_creator *cr, const struct order *o,
    crm_out *out, crm_err *err)
{
	crm_rec *r = cr->out_rec;
	crm_buf codes = CRM_BUF_INIT;
	size_t i;
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "id", o->id, strlen(o->id), err)) ||
	    (rc = crm_rec_set_str(r, "customer_id", o->customer,
	    strlen(o->customer), err)) ||
	    (rc = crm_rec_set_str(r, "status", cr->opts.draft || o->held ?
	    "draft" : "confirmed", strlen(cr->opts.draft || o->held ?
	    "draft" : "confirmed"), err)) ||
	    (rc = crm_rec_set_bool(r, "credit_hold", o->held, err)) ||
	    (rc = crm_rec_set_str(r, "currency", o->currency,
	    strlen(o->currency), err)) ||
	    (rc = crm_money_set(r, "subtotal", o->subtotal, o->exponent,
	    err)) ||
	    (rc = crm_money_set(r, "discount", o->discount, o->exponent,
	    err)) ||
	    (rc = crm_money_set(r, "tax", o->tax, o->exponent, err)) ||
	    (rc = crm_money_set(r, "total", o->total, o->exponent, err)) ||
	    (rc = crm_rec_set_int(r, "lines", (int64_t)o->nlines, err)))
		return rc;
	rc = crm_buf_addc(&codes, '[');
	for (i = 0; rc == CRM_OK && i < o->nlines; i++) {
		const char *c = cr->lines[i].order_code;

		if (c[0] == '\0')
			continue;
		if (codes.len > 1)
			rc = crm_buf_addc(&codes, ',');
		if (rc == CRM_OK)
			rc = crm_buf_add_json_str(&codes, c, strlen(c));
	}
	if (rc == CRM_OK)
		rc = crm_buf_addc(&codes, ']');
	if (rc != CRM_OK)
		rc = crm_err_nomem(err);
	else if ((rc = crm_rec_set_json(r, "order_codes", CRM_ARRAY,
	    codes.data, codes.len, err)) == CRM_OK)
		rc = crm_out_write(out, r, err);
	crm_buf_free(&codes);
	return rc;
}
