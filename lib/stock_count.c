/*
 * stock_count.c - stocktakes: what was counted against what is on hand,
 * the differences booked as moves with their reason.
 */
#include "stock_internal.h"

static const char on_hand_sql[] =
	"SELECT coalesce(sum(qty), 0) FROM stock_balances"
	" WHERE location_id = ?1 AND sku = ?2";

/* The unit cost and currency of the sku's newest lot. */
static const char newest_sql[] =
	"SELECT unit_cost_minor, currency FROM stock_lots WHERE sku = ?1"
	" ORDER BY received_on DESC, id DESC LIMIT 1";

static int
on_hand(crm_stock *s, const char *location, const char *sku, int64_t *qty,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(s->db, on_hand_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sku, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*qty = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? CRM_OK : crm_db_fail(s->db, rc,
	    "stock_balances", err);
}

/* A count's difference: a shortage taken from the oldest lots. */
static int
count_short(crm_stock *s, const crm_rec *r, const char *location,
    const char *sku, const char *reason, int64_t qty, int64_t *value,
    char *currency, crm_err *err)
{
	struct stock_move m;
	size_t i;
	int rc;

	if ((rc = stock_take(s, r, location, sku, NULL, s->on, qty, err)) !=
	    CRM_OK)
		return rc;
	*value = 0;
	for (i = 0; i < s->nlots; i++) {
		const struct stock_lot *l = &s->lots[i];
		int64_t v;

		memset(&m, 0, sizeof(m));
		m.lot = l->id;
		m.sku = sku;
		m.received_on = l->received_on;
		m.location = location;
		m.on = s->on;
		m.kind = "count";
		m.reason = reason;
		m.qty = -l->qty;
		m.had = l->had;
		if ((rc = stock_book(s, &m, err)) != CRM_OK)
			return rc;
		if (__builtin_mul_overflow(l->unit_cost, l->qty, &v) ||
		    __builtin_sub_overflow(*value, v, value))
			return crm_rec_fail(r, err, CRM_EDATA, "qty", "value "
			    "out of range");
		snprintf(currency, 8, "%s", l->currency);
	}
	return CRM_OK;
}

/* A surplus: a new lot dated the count's day. */
static int
count_surplus(crm_stock *s, const crm_rec *r, const char *location,
    const char *sku, const char *reason, int64_t qty, int64_t *value,
    char *currency, crm_err *err)
{
	struct stock_new_lot l;
	sqlite3_stmt *st;
	int exponent, rc;
	crm_err why;
	long k;

	memset(&l, 0, sizeof(l));
	if (crm_rec_get(r, "unit_cost") != NULL) {
		if ((rc = stock_str(r, "currency", 0, currency, 8, err)) ==
		    CRM_END)
			rc = stock_sku_known(s, r, "sku", sku, currency, err);
		if (rc != CRM_OK)
			return rc;
		if (crm_currency_exponent(currency, &exponent, &why) != CRM_OK)
			return crm_rec_fail(r, err, CRM_EDATA, "currency",
			    "%s", why.msg);
		if ((rc = crm_money_get(r, "unit_cost", exponent, &l.unit_cost,
		    err)) != CRM_OK)
			return rc;
		if (l.unit_cost < 0)
			return crm_rec_fail(r, err, CRM_EDATA, "unit_cost",
			    "negative");
	} else {
		if ((rc = crm_db_stmt(s->db, newest_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			l.unit_cost = sqlite3_column_int64(st, 0);
			snprintf(currency, 8, "%s", sqlite3_column_text(st, 1));
		}
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return crm_rec_fail(r, err, CRM_EDATA, "unit_cost",
			    "missing: %lld more than on hand, and no lot of %s "
			    "to take a cost from", (long long)qty, sku);
		if (rc != SQLITE_ROW)
			return crm_db_fail(s->db, rc, "stock_lots", err);
	}
	if ((rc = stock_lots_on(s, location, sku, s->on, &k, err)) != CRM_OK)
		return rc;
	snprintf(l.id, sizeof(l.id), "%s/%s/%s/%ld", location, sku, s->on,
	    k + 1);
	l.sku = sku;
	l.location = location;
	l.currency = currency;
	l.qty = qty;
	memcpy(l.received_on, s->on, sizeof(l.received_on));
	if (__builtin_mul_overflow(l.unit_cost, qty, value))
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "value out of "
		    "range");
	return stock_lot_make(s, r, &l, "count", reason, NULL, err);
}

static int
count_write(crm_stock *s, const char *location, const char *sku,
    int64_t had, int64_t counted, int64_t value, const char *currency,
    const char *reason, crm_out *out, crm_err *err)
{
	crm_rec *o = s->rec;
	int rc;

	if (out == NULL)
		return CRM_OK;
	crm_rec_clear(o);
	if ((rc = stock_set(s, "location", location, err)) ||
	    (rc = stock_set(s, "sku", sku, err)) ||
	    (rc = crm_rec_set_int(o, "on_hand", had, err)) ||
	    (rc = crm_rec_set_int(o, "counted", counted, err)) ||
	    (rc = crm_rec_set_int(o, "difference", counted - had, err)))
		return rc;
	if (counted != had && ((rc = stock_set_money(s, "value", value,
	    currency, err)) || (rc = stock_set(s, "currency", currency,
	    err)) || (rc = stock_set(s, "reason", reason, err))))
		return rc;
	if ((rc = stock_set(s, "counted_on", s->on, err)))
		return rc;
	return crm_out_write(out, o, err);
}

/* Book the count of sku at location. */
static int
count_one(crm_stock *s, const crm_rec *r, const char *location,
    const char *sku, int64_t counted, const char *reason, crm_out *out,
    crm_err *err)
{
	char currency[8] = "";
	int64_t had, value = 0;
	int rc;

	if ((rc = on_hand(s, location, sku, &had, err)) != CRM_OK)
		return rc;
	if (counted < had)
		rc = count_short(s, r, location, sku, reason, had - counted,
		    &value, currency, err);
	else if (counted > had)
		rc = count_surplus(s, r, location, sku, reason, counted - had,
		    &value, currency, err);
	if (rc != CRM_OK)
		return rc;
	s->counts.counted++;
	if (counted != had)
		s->counts.adjusted++;
	if (counted > had)
		s->counts.gained += counted - had;
	else
		s->counts.lost += had - counted;
	return count_write(s, location, sku, had, counted, value, currency,
	    reason, out, err);
}

/* Remember location as counted. */
static int
count_location(crm_stock *s, const char *location, crm_err *err)
{
	int added, rc;

	if (crm_strmap_put(s->count_locations, location, &added) == NULL)
		return crm_err_nomem(err);
	if (!added)
		return CRM_OK;
	if ((rc = crm_array_grow(&s->locs, &s->caplocs, s->nlocs,
	    sizeof(*s->locs), err)) != CRM_OK)
		return rc;
	snprintf(s->locs[s->nlocs++], STOCK_ID_SZ, "%s", location);
	return CRM_OK;
}

int
crm_stock_count(crm_stock *s, const crm_rec *r, crm_out *out, crm_err *err)
{
	char location[STOCK_ID_SZ], sku[STOCK_ID_SZ], reason[256];
	char key[2 * STOCK_ID_SZ];
	int64_t counted;
	int rc, added;

	if ((rc = stock_str(r, "location", 0, location, sizeof(location),
	    err)) == CRM_END) {
		memcpy(location, s->location, sizeof(location));
		if (location[0] == '\0')
			return crm_rec_fail(r, err, CRM_EDATA, "location",
			    "missing");
	} else if (rc != CRM_OK)
		return rc;
	if ((rc = stock_location_known(s, r, "location", location, err)) ||
	    (rc = stock_str(r, "sku", 1, sku, sizeof(sku), err)) ||
	    (rc = stock_sku_known(s, r, "sku", sku, NULL, err)))
		return rc;
	if ((rc = stock_qty(r, "qty", 0, &counted, err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, "qty", "missing");
	if (rc != CRM_OK)
		return rc;
	if ((rc = stock_str(r, "reason", 0, reason, sizeof(reason), err)) ==
	    CRM_END)
		memcpy(reason, s->reason, sizeof(reason));
	else if (rc != CRM_OK)
		return rc;
	snprintf(key, sizeof(key), "%s\t%s", location, sku);
	if (crm_strmap_get(s->counted, key) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "sku", "%s at %s was "
		    "counted already in this stocktake", sku, location);
	if ((rc = count_one(s, r, location, sku, counted, reason, out, err)) !=
	    CRM_OK)
		return rc;
	/* Only once it is booked: a refused record may come again. */
	if (crm_strmap_put(s->counted, key, &added) == NULL)
		return crm_err_nomem(err);
	return count_location(s, location, err);
}

/* The skus on hand at location, in *skus (caller frees), *n of them. */
static int
skus_at(crm_stock *s, const char *location, char (**skus)[STOCK_ID_SZ],
    size_t *n, crm_err *err)
{
	static const char sql[] = "SELECT DISTINCT sku FROM stock_balances"
	    " WHERE location_id = ?1 ORDER BY sku";
	char (*v)[STOCK_ID_SZ] = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*n = 0;
	if ((rc = crm_db_stmt(s->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, location, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = crm_array_grow(&v, &cap, *n, sizeof(*v), err)) !=
		    CRM_OK) {
			sqlite3_reset(st);
			free(v);
			return rc;
		}
		snprintf(v[(*n)++], STOCK_ID_SZ, "%s",
		    sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return crm_db_fail(s->db, rc, "stock_balances", err);
	}
	*skus = v;
	return CRM_OK;
}

int
crm_stock_count_finish(crm_stock *s, crm_out *out, crm_err *err)
{
	char key[2 * STOCK_ID_SZ];
	char (*skus)[STOCK_ID_SZ] = NULL;
	size_t i, j, n;
	int rc = CRM_OK;

	for (i = 0; s->full && rc == CRM_OK && i < s->nlocs; i++) {
		if ((rc = skus_at(s, s->locs[i], &skus, &n, err)) != CRM_OK)
			break;
		for (j = 0; rc == CRM_OK && j < n; j++) {
			snprintf(key, sizeof(key), "%s\t%s", s->locs[i],
			    skus[j]);
			if (crm_strmap_get(s->counted, key) == NULL)
				rc = count_one(s, s->rec, s->locs[i], skus[j],
				    0, s->reason, out, err);
		}
		free(skus);
		skus = NULL;
	}
	return rc;
}
