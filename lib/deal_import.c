/*
 * deal_import.c - importing deals: check each record, upsert it on id,
 * record its stage changes.
 *
 * A deal is handled as the text of its columns: the stored row is read,
 * the record's fields are laid over a copy, and the row is written only
 * when the copy differs, so that a re-import writes nothing at all.
 */
#include "internal.h"

#include <strings.h>

enum col {
	C_CUSTOMER, C_LEAD, C_OWNER, C_PRODUCT, C_AMOUNT, C_CURRENCY,
	C_STAGE, C_PROB, C_FORECAST, C_EXPECTED, C_CREATED, C_CLOSED,
	C_LOST, C_WON, C_ATTRS, C_SINCE, NCOL
};

/* The columns of enum col, in that order, in every statement below. */
static const char select_sql[] =
	"SELECT customer_id, lead_id, owner_rep_id, product, amount_minor,"
	" currency, stage, probability, forecast_category, expected_close,"
	" created_on, closed_on, lost_reason, won_reason, attrs, stage_since"
	" FROM deals WHERE id = ?1";
static const char insert_sql[] =
	"INSERT INTO deals (id, customer_id, lead_id, owner_rep_id, product,"
	" amount_minor, currency, stage, probability, forecast_category,"
	" expected_close, created_on, closed_on, lost_reason, won_reason,"
	" attrs, stage_since, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
static const char update_sql[] =
	"UPDATE deals SET customer_id = ?2, lead_id = ?3, owner_rep_id = ?4,"
	" product = ?5, amount_minor = ?6, currency = ?7, stage = ?8,"
	" probability = ?9, forecast_category = ?10, expected_close = ?11,"
	" created_on = ?12, closed_on = ?13, lost_reason = ?14,"
	" won_reason = ?15, attrs = ?16, stage_since = ?17, updated_at = ?18"
	" WHERE id = ?1";
static const char customer_by_name_sql[] =
	"SELECT id FROM customers WHERE name = ?1 ORDER BY id LIMIT 2";
static const char customer_by_id_sql[] =
	"SELECT id FROM customers WHERE id = ?1";
static const char customer_insert_sql[] =
	"INSERT INTO customers (id, name, created_at) VALUES (?1, ?1, ?2)";
static const char rep_by_id_sql[] = "SELECT id FROM reps WHERE id = ?1";
static const char rep_by_name_sql[] =
	"SELECT id FROM reps WHERE name = ?1 ORDER BY id LIMIT 2";
static const char lead_by_id_sql[] = "SELECT id FROM leads WHERE id = ?1";

/* Fields read into columns, or written by crm-deal itself (and so not
 * kept in attrs when a listing is imported again). */
static const char *const known_fields[] = {
	"id", "customer_id", "account", "owner", "lead_id", "product",
	"amount", "currency", "stage", "probability", "forecast_category",
	"expected_close", "created_on", "closed_on", "lost_reason",
	"won_reason", "stage_since", "updated_at"
};

struct deal {
	char *v[NCOL];   /* column text, NULL for SQL NULL */
};

struct crm_deal_importer {
	crm_db *db;
	const crm_deal_stages *stages;
	char currency[4];              /* of records without one; "" none */
	char now[CRM_DATE_BUFSZ];      /* the instant of the run */
	char today[CRM_DATE_BUFSZ];
	crm_deal_import_counts counts;
	struct deal old, cur;
	int found;                     /* old is a stored deal */
	int new_customer;              /* this record made a customer */
	const crm_deal_stage *stage;   /* cur's stage */
	crm_rec *attrs;
	crm_buf buf;
};

static void
deal_clear(struct deal *d)
{
	size_t i;

	for (i = 0; i < NCOL; i++) {
		free(d->v[i]);
		d->v[i] = NULL;
	}
}

/* Column c of d becomes a copy of s (NULL: SQL NULL). */
static int
set_col(struct deal *d, enum col c, const char *s, crm_err *err)
{
	char *copy = NULL;

	if (s != NULL && (copy = strdup(s)) == NULL)
		return crm_err_nomem(err);
	free(d->v[c]);
	d->v[c] = copy;
	return CRM_OK;
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int
crm_deal_importer_new(crm_db *db, const crm_deal_stages *stages,
    const char *currency, int64_t now, crm_deal_importer **out,
    crm_err *err)
{
	crm_deal_importer *imp;
	int exponent;

	*out = NULL;
	if (currency != NULL && crm_currency_exponent(currency, &exponent,
	    err) != CRM_OK)
		return crm_err_set(err, CRM_EUSAGE, "--currency: unknown code "
		    "%.16s", currency);
	if ((imp = calloc(1, sizeof(*imp))) == NULL ||
	    (imp->attrs = crm_rec_new()) == NULL) {
		free(imp);
		return crm_err_nomem(err);
	}
	imp->db = db;
	imp->stages = stages;
	snprintf(imp->currency, sizeof(imp->currency), "%s",
	    currency != NULL ? currency : "");
	crm_time_format(now, imp->now);
	crm_date_format(crm_time_date(now), imp->today);
	*out = imp;
	return CRM_OK;
}

void
crm_deal_importer_free(crm_deal_importer *imp)
{
	if (imp == NULL)
		return;
	deal_clear(&imp->old);
	deal_clear(&imp->cur);
	crm_rec_free(imp->attrs);
	crm_buf_free(&imp->buf);
	free(imp);
}

const crm_deal_import_counts *
crm_deal_import_counts_of(const crm_deal_importer *imp)
{
	return &imp->counts;
}

/* The stored row of id into imp->old (imp->found says whether there is
 * one), and a copy of it into imp->cur. */
static int
load_old(crm_deal_importer *imp, const char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, i;

	deal_clear(&imp->old);
	deal_clear(&imp->cur);
	if ((rc = crm_db_stmt(imp->db, select_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	imp->found = rc == SQLITE_ROW;
	for (i = 0; imp->found && i < NCOL; i++)
		if ((rc = set_col(&imp->old, (enum col)i,
		    (const char *)sqlite3_column_text(st, i), err)) != CRM_OK ||
		    (rc = set_col(&imp->cur, (enum col)i, imp->old.v[i], err)) !=
		    CRM_OK) {
			sqlite3_reset(st);
			return rc;
		}
	if (!imp->found && rc != SQLITE_DONE)
		rc = crm_db_fail(imp->db, rc, "deals", err);
	else
		rc = CRM_OK;
	sqlite3_reset(st);
	return rc;
}

/* Run sql (one parameter, arg) and keep the first column of its first
 * row in imp->buf; *rows gets the number of rows, at most 2. */
static int
lookup(crm_deal_importer *imp, const char *sql, const char *arg, int *rows,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*rows = 0;
	if ((rc = crm_db_stmt(imp->db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while (*rows < 2 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((*rows)++ == 0) {
			crm_buf_reset(&imp->buf);
			if (crm_buf_adds(&imp->buf, (const char *)
			    sqlite3_column_text(st, 0)) != CRM_OK) {
				sqlite3_reset(st);
				return crm_err_nomem(err);
			}
		}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, sql, err);
	return CRM_OK;
}

/* A field given with a value that is not empty: its text, else NULL. */
static const char *
given(const crm_rec *r, const char *key)
{
	const char *s = crm_rec_get(r, key);

	return s != NULL && *s != '\0' ? s : NULL;
}

/* The customer of an account name: the one of that name, else the one
 * with that id, else a new one with that id and name. */
static int
take_account(crm_deal_importer *imp, const crm_rec *r, const char *name,
    crm_err *err)
{
	sqlite3_stmt *st;
	int rows, rc;

	if ((rc = lookup(imp, customer_by_name_sql, name, &rows, err)) !=
	    CRM_OK)
		return rc;
	if (rows > 1)
		return crm_rec_fail(r, err, CRM_EDATA, "account", "more than "
		    "one customer is called %.64s; give customer_id", name);
	if (rows == 0 && (rc = lookup(imp, customer_by_id_sql, name, &rows,
	    err)) != CRM_OK)
		return rc;
	if (rows == 1)
		return set_col(&imp->cur, C_CUSTOMER, imp->buf.data, err);
	if ((rc = crm_db_stmt(imp->db, customer_insert_sql, &st, err)) !=
	    CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, imp->now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(imp->db, rc, "customers", err);
	imp->new_customer = 1;
	return set_col(&imp->cur, C_CUSTOMER, name, err);
}

/* customer_id (which must exist) or account; customer_id wins. */
static int
take_customer(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *id = given(r, "customer_id"), *name = given(r, "account");
	int rows, rc;

	if (id == NULL)
		return name != NULL ? take_account(imp, r, name, err) : CRM_OK;
	if ((rc = lookup(imp, customer_by_id_sql, id, &rows, err)) != CRM_OK)
		return rc;
	if (rows == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "customer_id", "unknown "
		    "customer %.64s", id);
	return set_col(&imp->cur, C_CUSTOMER, id, err);
}

/* owner: a rep id, else the name of exactly one rep. */
static int
take_owner(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *owner = given(r, "owner");
	int rows, rc;

	if (owner == NULL)
		return CRM_OK;
	if ((rc = lookup(imp, rep_by_id_sql, owner, &rows, err)) != CRM_OK)
		return rc;
	if (rows == 0 && (rc = lookup(imp, rep_by_name_sql, owner, &rows,
	    err)) != CRM_OK)
		return rc;
	if (rows == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "owner", "unknown rep "
		    "%.64s", owner);
	if (rows > 1)
		return crm_rec_fail(r, err, CRM_EDATA, "owner", "more than one "
		    "rep is called %.64s; give the rep id", owner);
	return set_col(&imp->cur, C_OWNER, imp->buf.data, err);
}

static int
take_lead(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *lead = given(r, "lead_id");
	int rows, rc;

	if (lead == NULL)
		return CRM_OK;
	if ((rc = lookup(imp, lead_by_id_sql, lead, &rows, err)) != CRM_OK)
		return rc;
	if (rows == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "lead_id", "unknown lead "
		    "%.64s", lead);
	return set_col(&imp->cur, C_LEAD, lead, err);
}

/* Text fields taken as they are. */
static int
take_texts(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	static const struct { const char *field; enum col col; } texts[] = {
		{ "product", C_PRODUCT }, { "lost_reason", C_LOST },
		{ "won_reason", C_WON }
	};
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_LEN(texts); i++)
		if (given(r, texts[i].field) != NULL &&
		    (rc = set_col(&imp->cur, texts[i].col,
		    given(r, texts[i].field), err)) != CRM_OK)
			return rc;
	return CRM_OK;
}

/* currency, else the stored one, else --currency; then amount in it.
 * An amount needs a currency; a currency changes only with an amount. */
static int
take_money(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *code = given(r, "currency");
	char buf[CRM_MONEY_BUFSZ];
	crm_err why;
	int64_t minor = 0;
	int exponent = 0, got, rc;

	if (code == NULL)
		code = imp->cur.v[C_CURRENCY] != NULL ? imp->cur.v[C_CURRENCY] :
		    imp->currency[0] != '\0' ? imp->currency : NULL;
	if (code != NULL && crm_currency_exponent(code, &exponent, &why) !=
	    CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "not an ISO "
		    "4217 code: %.16s", code);
	if (code == NULL)
		return given(r, "amount") == NULL ? CRM_OK : crm_rec_fail(r,
		    err, CRM_EDATA, "amount", "no currency (give currency, or "
		    "--currency)");
	got = given(r, "amount") == NULL ? CRM_END : crm_money_get(r, "amount",
	    exponent, &minor, err);
	if (got != CRM_OK && got != CRM_END)
		return got;
	if (got == CRM_OK && minor < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "amount", "negative");
	if (got == CRM_END && imp->cur.v[C_AMOUNT] != NULL &&
	    !same(code, imp->cur.v[C_CURRENCY]))
		return crm_rec_fail(r, err, CRM_EDATA, "currency", "changes "
		    "from %s to %s without an amount", imp->cur.v[C_CURRENCY],
		    code);
	if ((rc = set_col(&imp->cur, C_CURRENCY, code, err)) != CRM_OK ||
	    got == CRM_END)
		return rc;
	snprintf(buf, sizeof(buf), "%lld", (long long)minor);
	return set_col(&imp->cur, C_AMOUNT, buf, err);
}

static int
take_stage(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *name = given(r, "stage");
	crm_err why;

	if (name == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "stage", "missing");
	if (crm_deal_stage_lookup(imp->stages, name, &imp->stage, &why) !=
	    CRM_OK)
		return crm_rec_fail(r, err, why.code, "stage", "%s", why.msg);
	return set_col(&imp->cur, C_STAGE, imp->stage->name, err);
}

/* probability: a whole number 0-100, as a JSON number or a string. */
static int
take_probability(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *s = given(r, "probability"), *p;
	long i = crm_rec_find(r, "probability");
	char buf[16];
	int v = 0;

	if (s == NULL)
		return CRM_OK;
	for (p = s; *p >= '0' && *p <= '9' && v <= 100; p++)
		v = v * 10 + (*p - '0');
	if (*p != '\0' || v > 100 || (crm_rec_type(r, (size_t)i) !=
	    CRM_NUMBER && crm_rec_type(r, (size_t)i) != CRM_STRING))
		return crm_rec_fail(r, err, CRM_EDATA, "probability", "not a "
		    "whole number from 0 to 100");
	snprintf(buf, sizeof(buf), "%d", v);
	return set_col(&imp->cur, C_PROB, buf, err);
}

static int
take_forecast(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *s = given(r, "forecast_category");
	char low[16];
	size_t i;

	if (s == NULL)
		return CRM_OK;
	for (i = 0; s[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	low[i] = '\0';
	if (s[i] != '\0' || crm_deal_forecast_rank(low) < 0)
		return crm_rec_fail(r, err, CRM_EDATA, "forecast_category",
		    "not one of " CRM_DEAL_FORECASTS);
	return set_col(&imp->cur, C_FORECAST, low, err);
}

static int
take_dates(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	static const struct { const char *field; enum col col; } dates[] = {
		{ "expected_close", C_EXPECTED }, { "created_on", C_CREATED },
		{ "closed_on", C_CLOSED }
	};
	char buf[CRM_DATE_BUFSZ];
	int32_t day;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_LEN(dates); i++) {
		if (given(r, dates[i].field) == NULL)
			continue;
		rc = crm_date_get(r, dates[i].field, &day, err);
		if (rc != CRM_OK || (rc = set_col(&imp->cur, dates[i].col,
		    crm_date_format(day, buf), err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
is_known(const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(known_fields); i++)
		if (strcmp(known_fields[i], key) == 0)
			return 1;
	return 0;
}

/* Other fields go into attrs, over those stored before. */
static int
take_attrs(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *json;
	size_t i, len;
	int rc, any = 0;

	crm_rec_clear(imp->attrs);
	if (imp->cur.v[C_ATTRS] != NULL && (rc = crm_rec_parse(imp->attrs,
	    imp->cur.v[C_ATTRS], strlen(imp->cur.v[C_ATTRS]), err)) != CRM_OK)
		return crm_err_prefix(err, "deal attrs");
	for (i = 0; i < crm_rec_len(r); i++) {
		if (is_known(crm_rec_key(r, i)))
			continue;
		json = crm_rec_json(r, i, &len);
		if ((rc = crm_rec_set_json(imp->attrs, crm_rec_key(r, i),
		    crm_rec_type(r, i), json, len, err)) != CRM_OK)
			return rc;
		any = 1;
	}
	if (!any)
		return CRM_OK;
	crm_buf_reset(&imp->buf);
	if ((rc = crm_rec_write_json(imp->attrs, &imp->buf, err)) != CRM_OK ||
	    (rc = crm_buf_addc(&imp->buf, '\0')) != CRM_OK)
		return rc == CRM_EINTERNAL ? crm_err_nomem(err) : rc;
	return set_col(&imp->cur, C_ATTRS, imp->buf.data, err);
}

/* A new stage brings its probability and category unless the record
 * gives them, and clears the close fields the record does not give;
 * only won and lost deals have a close date. */
static int
apply_stage(crm_deal_importer *imp, const crm_rec *r, int changed,
    crm_err *err)
{
	char buf[16];
	int rc = CRM_OK;

	if (changed) {
		snprintf(buf, sizeof(buf), "%d", imp->stage->probability);
		if ((given(r, "probability") == NULL &&
		    (rc = set_col(&imp->cur, C_PROB, buf, err)) != CRM_OK) ||
		    (given(r, "forecast_category") == NULL &&
		    (rc = set_col(&imp->cur, C_FORECAST,
		    imp->stage->forecast_category, err)) != CRM_OK) ||
		    (given(r, "closed_on") == NULL &&
		    (rc = set_col(&imp->cur, C_CLOSED, NULL, err)) != CRM_OK) ||
		    (given(r, "won_reason") == NULL &&
		    (rc = set_col(&imp->cur, C_WON, NULL, err)) != CRM_OK) ||
		    (given(r, "lost_reason") == NULL &&
		    (rc = set_col(&imp->cur, C_LOST, NULL, err)) != CRM_OK))
			return rc;
	}
	if (imp->stage->outcome == CRM_DEAL_OPEN && imp->cur.v[C_CLOSED])
		return crm_rec_fail(r, err, CRM_EDATA, "closed_on", "stage %s "
		    "is open", imp->stage->name);
	if (imp->cur.v[C_CREATED] == NULL)
		rc = set_col(&imp->cur, C_CREATED, imp->today, err);
	return rc;
}

/* When the stage change happened: the close date of a won or lost deal,
 * the creation date of a new one, else now. */
static int
stage_time(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	char at[CRM_DATE_BUFSZ + 16];

	if (imp->stage->outcome != CRM_DEAL_OPEN && imp->cur.v[C_CLOSED])
		snprintf(at, sizeof(at), "%sT00:00:00Z", imp->cur.v[C_CLOSED]);
	else if (!imp->found && given(r, "created_on") != NULL)
		snprintf(at, sizeof(at), "%sT00:00:00Z", imp->cur.v[C_CREATED]);
	else
		snprintf(at, sizeof(at), "%s", imp->now);
	return set_col(&imp->cur, C_SINCE, at, err);
}

static void
bind_col(sqlite3_stmt *st, int idx, enum col c, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else if (c == C_AMOUNT || c == C_PROB)
		sqlite3_bind_int64(st, idx, strtoll(s, NULL, 10));
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

static int
write_deal(crm_deal_importer *imp, const char *id, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, i;

	if ((rc = crm_db_stmt(imp->db, imp->found ? update_sql : insert_sql,
	    &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	for (i = 0; i < NCOL; i++)
		bind_col(st, i + 2, (enum col)i, imp->cur.v[i]);
	sqlite3_bind_text(st, NCOL + 2, imp->now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(imp->db, rc, "deals",
	    err);
}

static int
unchanged(const crm_deal_importer *imp)
{
	size_t i;

	for (i = 0; i < NCOL; i++)
		if (!same(imp->old.v[i], imp->cur.v[i]))
			return 0;
	return 1;
}

static int
take_fields(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	int rc;

	if ((rc = take_stage(imp, r, err)) != CRM_OK ||
	    (rc = take_customer(imp, r, err)) != CRM_OK ||
	    (rc = take_owner(imp, r, err)) != CRM_OK ||
	    (rc = take_lead(imp, r, err)) != CRM_OK ||
	    (rc = take_texts(imp, r, err)) != CRM_OK ||
	    (rc = take_money(imp, r, err)) != CRM_OK ||
	    (rc = take_probability(imp, r, err)) != CRM_OK ||
	    (rc = take_forecast(imp, r, err)) != CRM_OK ||
	    (rc = take_dates(imp, r, err)) != CRM_OK)
		return rc;
	return take_attrs(imp, r, err);
}

int
crm_deal_import(crm_deal_importer *imp, const crm_rec *r, crm_err *err)
{
	const char *id = given(r, "id");
	crm_event ev;
	int rc, changed;

	if (id == NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "id", "missing");
	imp->new_customer = 0;
	if ((rc = load_old(imp, id, err)) != CRM_OK ||
	    (rc = take_fields(imp, r, err)) != CRM_OK)
		return rc;
	changed = !imp->found || strcasecmp(imp->old.v[C_STAGE],
	    imp->cur.v[C_STAGE]) != 0;
	if ((rc = apply_stage(imp, r, changed, err)) != CRM_OK ||
	    (changed && (rc = stage_time(imp, r, err)) != CRM_OK))
		return rc;
	if (imp->found && unchanged(imp)) {
		imp->counts.unchanged++;
		return CRM_OK;
	}
	if ((rc = write_deal(imp, id, err)) != CRM_OK)
		return rc;
	if (changed) {
		memset(&ev, 0, sizeof(ev));
		ev.entity = "deal";
		ev.entity_id = id;
		ev.at = imp->cur.v[C_SINCE];
		ev.actor = crm_event_actor();
		ev.kind = "stage";
		ev.from_state = imp->old.v[C_STAGE];
		ev.to_state = imp->cur.v[C_STAGE];
		ev.note = "import";
		if ((rc = crm_event_add(imp->db, &ev, err)) != CRM_OK)
			return rc;
		imp->counts.stage_changes++;
	}
	if (imp->found)
		imp->counts.updated++;
	else
		imp->counts.inserted++;
	imp->counts.customers += (unsigned long)imp->new_customer;
	return CRM_OK;
}
