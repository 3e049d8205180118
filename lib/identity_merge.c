/*
 * identity_merge.c - merge one customer into another, and undo it
 * exactly: the survivor's filled fields are in customer_history, every
 * row moved in merge_moves, both under the merge's id.
 */
#include "internal.h"

/* The customer fields a survivor may take from the merged customer.
 * name and created_at are never empty, id and the merge columns are the
 * merge's own. */
static const char *const fields[] = {
	"kind", "email", "phone", "tax_id", "reg_no", "region", "channel",
	"owner_rep_id", "credit_limit_minor", "currency", "tier", "exclusive",
	"source", "partner_id", "attrs",
};

/* What points at a customer.  select: the keys of the rows of ?1 that
 * move to ?2; update: row ?1 from customer ?2 to ?3.  A tag the
 * survivor has already stays where it is (the primary key is customer
 * and tag); so does a referral of the merged customer when the survivor
 * was referred too (a customer is referred once), or by the survivor.
 * A pair recorded as two (customer_nonmatches) is keyed by the other
 * customer of the pair: the merged customer's pairs become the
 * survivor's, but for one the survivor has already and the pair of the
 * two themselves.  Settlements stay: they are what was paid to whom. */
static const struct move {
	const char *entity;
	const char *select;
	const char *update;
} moves[] = {
	{ "lead", "SELECT id FROM leads WHERE customer_id = ?1 ORDER BY id",
	    "UPDATE leads SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "deal", "SELECT id FROM deals WHERE customer_id = ?1 ORDER BY id",
	    "UPDATE deals SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "order", "SELECT id FROM orders WHERE customer_id = ?1 ORDER BY id",
	    "UPDATE orders SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "invoice", "SELECT id FROM invoices WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE invoices SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "payment", "SELECT id FROM payments WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE payments SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "activity", "SELECT id FROM activities WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE activities SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "contact", "SELECT id FROM contacts WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE contacts SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "address", "SELECT id FROM addresses WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE addresses SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "tag", "SELECT t.tag FROM customer_tags t WHERE t.customer_id = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM customer_tags u"
	    "  WHERE u.customer_id = ?2 AND u.tag = t.tag) ORDER BY t.tag",
	    "UPDATE customer_tags SET customer_id = ?3"
	    " WHERE tag = ?1 AND customer_id = ?2" },
	{ "location", "SELECT id FROM locations WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE locations SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "referral", "SELECT id FROM referrals"
	    " WHERE (referred_id = ?1 AND referrer_customer_id IS NOT ?2"
	    "  AND NOT EXISTS (SELECT 1 FROM referrals r"
	    "   WHERE r.referred_id = ?2))"
	    " OR (referrer_customer_id = ?1 AND referred_id <> ?2) ORDER BY id",
	    "UPDATE referrals SET"
	    " referred_id = CASE WHEN referred_id = ?2 THEN ?3"
	    "  ELSE referred_id END,"
	    " referrer_customer_id = CASE WHEN referrer_customer_id = ?2"
	    "  THEN ?3 ELSE referrer_customer_id END WHERE id = ?1" },
	{ "opt_out", "SELECT id FROM opt_outs WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE opt_outs SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "stock_move", "SELECT id FROM stock_moves WHERE customer_id = ?1"
	    " ORDER BY id",
	    "UPDATE stock_moves SET customer_id = ?3"
	    " WHERE id = ?1 AND customer_id = ?2" },
	{ "nonmatch", "SELECT o FROM (SELECT CASE WHEN a_id = ?1 THEN b_id"
	    "  ELSE a_id END AS o FROM customer_nonmatches"
	    "  WHERE a_id = ?1 OR b_id = ?1) n"
	    " WHERE o <> ?2 AND NOT EXISTS (SELECT 1 FROM customer_nonmatches u"
	    "  WHERE (u.a_id = ?2 AND u.b_id = n.o)"
	    "  OR (u.a_id = n.o AND u.b_id = ?2)) ORDER BY o",
	    "UPDATE customer_nonmatches SET"
	    " a_id = CASE WHEN ?1 < ?3 THEN ?1 ELSE ?3 END,"
	    " b_id = CASE WHEN ?1 < ?3 THEN ?3 ELSE ?1 END"
	    " WHERE (a_id = ?1 AND b_id = ?2) OR (a_id = ?2 AND b_id = ?1)" },
};

/* Prepare sql and bind the texts p[0..n) (NULL as NULL) to the
 * parameters it has (a select may not use them all). */
static int
prepare_texts(crm_db *db, const char *sql, const char *const *p, int n,
    sqlite3_stmt **st, crm_err *err)
{
	int rc, i;

	if ((rc = crm_db_prepare(db, sql, st, err)) != CRM_OK)
		return rc;
	if (n > sqlite3_bind_parameter_count(*st))
		n = sqlite3_bind_parameter_count(*st);
	for (i = 0; i < n; i++)
		if (sqlite3_bind_text(*st, i + 1, p[i], -1, SQLITE_TRANSIENT) !=
		    SQLITE_OK) {
			sqlite3_finalize(*st);
			*st = NULL;
			return crm_err_nomem(err);
		}
	return CRM_OK;
}

/* Run sql (no rows) with the texts p[0..n). */
static int
exec_texts(crm_db *db, const char *sql, const char *const *p, int n,
    const char *what, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = prepare_texts(db, sql, p, n, &st, err)) != CRM_OK)
		return rc;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, what, err);
}

/* The first ncols columns of every row of sql (with texts p[0..n)),
 * copied, row after row in *out (NULL for NULL); *count values. */
static int
column_list(crm_db *db, const char *sql, const char *const *p, int n,
    int ncols, char ***out, size_t *count, crm_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, k;

	*out = NULL;
	*count = 0;
	if ((rc = prepare_texts(db, sql, p, n, &st, err)) != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (k = 0; k < ncols; k++) {
			const char *s = (const char *)
			    sqlite3_column_text(st, k);

			if (crm_array_grow(out, &cap, *count, sizeof(char *),
			    err) != CRM_OK || ((*out)[*count] = s == NULL ?
			    NULL : strdup(s), s != NULL &&
			    (*out)[*count] == NULL)) {
				sqlite3_finalize(st);
				return crm_err_nomem(err);
			}
			(*count)++;
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "customers",
	    err);
}

static void
list_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Whether customer id exists and where it is merged (*into, malloc'd,
 * NULL when not merged). */
static int
customer_state(crm_db *db, const char *id, int *exists, char **into,
    crm_err *err)
{
	char **v;
	size_t n;
	int rc;

	*into = NULL;
	rc = column_list(db, "SELECT merged_into FROM customers WHERE id = ?1",
	    &id, 1, 1, &v, &n, err);
	if (rc != CRM_OK)
		return rc;
	*exists = n > 0;
	if (n > 0) {
		*into = v[0];
		v[0] = NULL;
	}
	list_free(v, n);
	return CRM_OK;
}

/* The events of merge (or unmerge) id, one for each customer: the note
 * names the other, data has the merge's number and both ids. */
static int
add_events(crm_db *db, const char *kind, sqlite3_int64 id,
    const char *merged, const char *survivor, const char *at,
    const char *actor, crm_err *err)
{
	crm_event ev = { "customer", merged, at, actor, kind, NULL, NULL,
	    NULL, NULL };
	crm_buf data = CRM_BUF_INIT, note = CRM_BUF_INIT;
	int undo = strcmp(kind, "unmerge") == 0, rc;

	if (crm_buf_printf(&data, "{\"merge_id\":%lld,\"merged\":",
	    (long long)id) != CRM_OK ||
	    crm_buf_add_json_str(&data, merged, strlen(merged)) != CRM_OK ||
	    crm_buf_adds(&data, ",\"into\":") != CRM_OK ||
	    crm_buf_add_json_str(&data, survivor, strlen(survivor)) !=
	    CRM_OK || crm_buf_addc(&data, '}') != CRM_OK ||
	    crm_buf_printf(&note, "%s %s", undo ? "unmerged from" :
	    "merged into", survivor) != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	ev.data = data.data;
	ev.note = note.data;
	if ((rc = crm_event_add(db, &ev, err)) != CRM_OK)
		goto out;
	crm_buf_reset(&note);
	if (crm_buf_printf(&note, "%s %s", merged, undo ?
	    "unmerged from it" : "merged into it") != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	ev.entity_id = survivor;
	ev.note = note.data;
	rc = crm_event_add(db, &ev, err);
out:
	crm_buf_free(&data);
	crm_buf_free(&note);
	return rc;
}

/* Set result's fields and moved from the ledger of merge id. */
static int
describe(crm_db *db, sqlite3_int64 id, const char *merged, const char *into,
    crm_rec *result, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_buf j = CRM_BUF_INIT;
	int rc, first = 1;

	crm_rec_clear(result);
	if ((rc = crm_rec_set_int(result, "merge_id", id, err)) != CRM_OK ||
	    (rc = crm_rec_set_str(result, "merged", merged, strlen(merged),
	    err)) != CRM_OK || (rc = crm_rec_set_str(result, "into", into,
	    strlen(into), err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, "SELECT field FROM customer_history"
	    " WHERE merge_id = ?1 AND source = 'merge' ORDER BY id", &st,
	    err)) != CRM_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	rc = crm_buf_addc(&j, '[');
	while (rc == CRM_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);

		if ((!first && crm_buf_addc(&j, ',') != CRM_OK) ||
		    crm_buf_add_json_str(&j, f, strlen(f)) != CRM_OK)
			rc = CRM_EINTERNAL;
		first = 0;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != CRM_OK || crm_buf_addc(&j, ']') != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_rec_set_json(result, "fields", CRM_ARRAY, j.data,
	    j.len, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, "SELECT entity, count(*) FROM merge_moves"
	    " WHERE merge_id = ?1 GROUP BY entity ORDER BY entity", &st,
	    err)) != CRM_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	crm_buf_reset(&j);
	first = 1;
	rc = crm_buf_addc(&j, '{');
	while (rc == CRM_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 0);

		if ((!first && crm_buf_addc(&j, ',') != CRM_OK) ||
		    crm_buf_add_json_str(&j, e, strlen(e)) != CRM_OK ||
		    crm_buf_printf(&j, ":%lld",
		    (long long)sqlite3_column_int64(st, 1)) != CRM_OK)
			rc = CRM_EINTERNAL;
		first = 0;
	}
	if (rc != CRM_OK || crm_buf_addc(&j, '}') != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	rc = crm_rec_set_json(result, "moved", CRM_OBJECT, j.data, j.len,
	    err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&j);
	return rc;
}

/* The fields survivor lacks (NULL or '') and merged has: copied, one
 * history row each. */
static int
fill_fields(crm_db *db, const char *merged, const char *survivor,
    sqlite3_int64 merge_id, const char *at, crm_err *err)
{
	char sql[640];
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = CRM_OK;

	for (i = 0; i < ARRAY_LEN(fields) && rc == CRM_OK; i++) {
		const char *f = fields[i];

		/* The history row first, from the values before the update;
		 * a credit limit only with the survivor's currency. */
		snprintf(sql, sizeof(sql),
		    "INSERT INTO customer_history (customer_id, field,"
		    " old_value, new_value, changed_at, source, merge_id)"
		    " SELECT b.id, ?4, b.%s, a.%s, ?3, 'merge', ?5"
		    " FROM customers a, customers b"
		    " WHERE a.id = ?1 AND b.id = ?2"
		    " AND coalesce(b.%s, '') = '' AND coalesce(a.%s, '') <> ''"
		    "%s", f, f, f, f, strcmp(f, "credit_limit_minor") == 0 ?
		    " AND coalesce(b.currency, a.currency, '') ="
		    " coalesce(a.currency, '')" : "");
		if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
			break;
		sqlite3_bind_text(st, 1, merged, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, survivor, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, merge_id);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc,
		    "customer_history", err);
		sqlite3_finalize(st);
		st = NULL;
		if (rc != CRM_OK || sqlite3_changes(crm_db_handle(db)) == 0)
			continue;
		snprintf(sql, sizeof(sql), "UPDATE customers SET %s ="
		    " (SELECT a.%s FROM customers a WHERE a.id = ?1)"
		    " WHERE id = ?2", f, f);
		rc = exec_texts(db, sql, (const char *[]){ merged, survivor },
		    2, "customers", err);
	}
	return rc;
}

/* Move the rows of every table from customer from to customer to: the
 * keys come from select (merge) or from the merge's ledger (unmerge,
 * ledger set); a merge records each in merge_moves. */
static int
move_rows(crm_db *db, const char *from, const char *to,
    sqlite3_int64 merge_id, int ledger, crm_err *err)
{
	char id[32];
	char **keys = NULL;
	size_t i, k, n = 0;
	int rc = CRM_OK;

	snprintf(id, sizeof(id), "%lld", (long long)merge_id);
	for (i = 0; i < ARRAY_LEN(moves) && rc == CRM_OK; i++) {
		if (ledger)
			rc = column_list(db, "SELECT entity_id FROM merge_moves"
			    " WHERE merge_id = ?1 AND entity = ?2"
			    " ORDER BY entity_id", (const char *[]){ id,
			    moves[i].entity }, 2, 1, &keys, &n, err);
		else
			rc = column_list(db, moves[i].select,
			    (const char *[]){ from, to }, 2, 1, &keys, &n, err);
		for (k = 0; k < n && rc == CRM_OK; k++) {
			rc = exec_texts(db, moves[i].update, (const char *[]){
			    keys[k], from, to }, 3, moves[i].entity, err);
			if (rc == CRM_OK && !ledger)
				rc = exec_texts(db, "INSERT INTO merge_moves"
				    " (merge_id, entity, entity_id)"
				    " VALUES (?1, ?2, ?3)", (const char *[]){
				    id, moves[i].entity, keys[k] }, 3,
				    "merge_moves", err);
		}
		list_free(keys, n);
		keys = NULL;
		n = 0;
	}
	return rc;
}

int
crm_identity_merge(crm_db *db, const char *merged, const char *survivor,
    const crm_identity_merge_opts *opts, crm_rec *result, crm_err *err)
{
	char at[CRM_DATE_BUFSZ], conf[16];
	char *m_into = NULL, *s_into = NULL;
	sqlite3_int64 merge_id;
	int rc, m_exists, s_exists;

	crm_time_format(opts->now, at);
	if (strcmp(merged, survivor) == 0)
		return crm_err_set(err, CRM_EUSAGE, "%s: cannot merge a "
		    "customer into itself", merged);
	if ((rc = customer_state(db, merged, &m_exists, &m_into, err)) !=
	    CRM_OK || (rc = customer_state(db, survivor, &s_exists, &s_into,
	    err)) != CRM_OK)
		goto out;
	if (!m_exists || !s_exists) {
		rc = crm_err_set(err, CRM_EDATA, "%s: no such customer",
		    !m_exists ? merged : survivor);
		goto out;
	}
	if (m_into != NULL) {
		rc = crm_err_set(err, CRM_EDATA, "%s: already merged into %s",
		    merged, m_into);
		goto out;
	}
	if (s_into != NULL) {
		rc = crm_err_set(err, CRM_EDATA, "%s: merged into %s: merge "
		    "into %s instead", survivor, s_into, s_into);
		goto out;
	}
	snprintf(conf, sizeof(conf), "%d", opts->confidence);
	if ((rc = exec_texts(db, "INSERT INTO merges (survivor_id, merged_id,"
	    " merged_at, actor, confidence, evidence)"
	    " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), ?6)",
	    (const char *[]){ survivor, merged, at, opts->actor,
	    opts->confidence >= 0 ? conf : NULL, opts->evidence }, 6,
	    "merges", err)) != CRM_OK)
		goto out;
	merge_id = sqlite3_last_insert_rowid(crm_db_handle(db));
	if ((rc = fill_fields(db, merged, survivor, merge_id, at, err)) !=
	    CRM_OK || (rc = move_rows(db, merged, survivor, merge_id, 0,
	    err)) != CRM_OK ||
	    (rc = exec_texts(db, "UPDATE customers SET merged_into = ?2,"
	    " merged_at = ?3 WHERE id = ?1", (const char *[]){ merged,
	    survivor, at }, 3, "customers", err)) != CRM_OK)
		goto out;
	if ((rc = add_events(db, "merge", merge_id, merged, survivor, at,
	    opts->actor, err)) != CRM_OK)
		goto out;
	rc = describe(db, merge_id, merged, survivor, result, err);
out:
	free(m_into);
	free(s_into);
	return rc;
}

/* Put back each field merge id filled that still has the value it put
 * there, with a customer_history row (source unmerge) for each. */
static int
restore_fields(crm_db *db, sqlite3_int64 merge_id, const char *survivor,
    const char *at, crm_err *err)
{
	char id[32], sql[256];
	char **v = NULL;
	size_t n = 0, i, f;
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)merge_id);
	rc = column_list(db, "SELECT field, new_value, old_value"
	    " FROM customer_history WHERE merge_id = ?1 AND source = 'merge'"
	    " ORDER BY id", (const char *[]){ id }, 1, 3, &v, &n, err);
	for (i = 0; i + 2 < n && rc == CRM_OK; i += 3) {
		for (f = 0; f < ARRAY_LEN(fields); f++)
			if (v[i] != NULL && strcmp(fields[f], v[i]) == 0)
				break;
		if (f == ARRAY_LEN(fields)) {
			rc = crm_err_set(err, CRM_EDATA, "merge %s: history of "
			    "an unknown field: %s", id, v[i] != NULL ? v[i] :
			    "null");
			break;
		}
		snprintf(sql, sizeof(sql), "UPDATE customers SET %s = ?3"
		    " WHERE id = ?1 AND CAST(%s AS TEXT) IS ?2", fields[f],
		    fields[f]);
		rc = exec_texts(db, sql, (const char *[]){ survivor, v[i + 1],
		    v[i + 2] }, 3, "customers", err);
		if (rc != CRM_OK || sqlite3_changes(crm_db_handle(db)) == 0)
			continue;
		rc = exec_texts(db, "INSERT INTO customer_history"
		    " (customer_id, field, old_value, new_value, changed_at,"
		    " source, merge_id) VALUES (?1, ?2, ?3, ?4, ?5, 'unmerge',"
		    " CAST(?6 AS INTEGER))", (const char *[]){ survivor, v[i],
		    v[i + 1], v[i + 2], at, id }, 6, "customer_history", err);
	}
	list_free(v, n);
	return rc;
}

/* The merge to undo: *id, *merged and *survivor (malloc'd). */
static int
find_merge(crm_db *db, const char *by_customer, sqlite3_int64 *id,
    char **merged, char **survivor, crm_err *err)
{
	char key[32], **v = NULL;
	size_t n = 0;
	int rc;

	snprintf(key, sizeof(key), "%lld", (long long)*id);
	if (by_customer != NULL)
		rc = column_list(db, "SELECT id, merged_id, survivor_id,"
		    " undone_at FROM merges WHERE merged_id = ?1"
		    " AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
		    &by_customer, 1, 4, &v, &n, err);
	else
		rc = column_list(db, "SELECT id, merged_id, survivor_id,"
		    " undone_at FROM merges WHERE id = ?1",
		    (const char *[]){ key }, 1, 4, &v, &n, err);
	if (rc == CRM_OK && n < 4)
		rc = by_customer != NULL ? crm_err_set(err, CRM_EDATA,
		    "%s: not merged into another customer", by_customer) :
		    crm_err_set(err, CRM_EDATA, "merge %s: no such merge", key);
	else if (rc == CRM_OK && v[3] != NULL)
		rc = crm_err_set(err, CRM_EDATA, "merge %s: undone already, "
		    "at %s", key, v[3]);
	if (rc == CRM_OK) {
		*id = strtoll(v[0], NULL, 10);
		*merged = v[1];
		*survivor = v[2];
		v[1] = v[2] = NULL;
	}
	list_free(v, n);
	return rc;
}

int
crm_identity_unmerge(crm_db *db, const char *merged, int64_t merge_id,
    int64_t now, const char *actor, crm_rec *result, crm_err *err)
{
	char at[CRM_DATE_BUFSZ], id[32];
	char *m = NULL, *s = NULL, *s_into = NULL, *m_into = NULL;
	sqlite3_int64 mid = merge_id;
	int rc, exists;

	crm_time_format(now, at);
	if ((rc = find_merge(db, merged, &mid, &m, &s, err)) != CRM_OK ||
	    (rc = customer_state(db, s, &exists, &s_into, err)) != CRM_OK ||
	    (rc = customer_state(db, m, &exists, &m_into, err)) != CRM_OK)
		goto out;
	if (s_into != NULL) {
		rc = crm_err_set(err, CRM_EDATA, "%s: merged into %s since: "
		    "unmerge %s first", s, s_into, s);
		goto out;
	}
	if (m_into == NULL || strcmp(m_into, s) != 0) {
		rc = crm_err_set(err, CRM_EDATA, "%s: not merged into %s as "
		    "merge %lld says", m, s, (long long)mid);
		goto out;
	}
	snprintf(id, sizeof(id), "%lld", (long long)mid);
	if ((rc = move_rows(db, s, m, mid, 1, err)) != CRM_OK ||
	    (rc = restore_fields(db, mid, s, at, err)) != CRM_OK ||
	    (rc = exec_texts(db, "UPDATE customers SET merged_into = NULL,"
	    " merged_at = NULL WHERE id = ?1", (const char *[]){ m }, 1,
	    "customers", err)) != CRM_OK ||
	    (rc = exec_texts(db, "UPDATE merges SET undone_at = ?2"
	    " WHERE id = ?1", (const char *[]){ id, at }, 2, "merges",
	    err)) != CRM_OK ||
	    (rc = add_events(db, "unmerge", mid, m, s, at, actor, err)) !=
	    CRM_OK)
		goto out;
	rc = describe(db, mid, m, s, result, err);
out:
	free(m);
	free(s);
	free(s_into);
	free(m_into);
	return rc;
}

/* CRM_EDATA unless customer id exists and is not merged. */
static int
need_customer(crm_db *db, const char *id, crm_err *err)
{
	char *into = NULL;
	int rc, exists;

	if ((rc = customer_state(db, id, &exists, &into, err)) != CRM_OK)
		return rc;
	if (!exists)
		rc = crm_err_set(err, CRM_EDATA, "%s: no such customer", id);
	else if (into != NULL)
		rc = crm_err_set(err, CRM_EDATA, "%s: merged into %s", id,
		    into);
	free(into);
	return rc;
}

int
crm_identity_distinct(crm_db *db, const char *a, const char *b,
    const char *note, int64_t now, const char *actor, crm_err *err)
{
	char at[CRM_DATE_BUFSZ];
	const char *lo = strcmp(a, b) < 0 ? a : b, *hi = lo == a ? b : a;
	int rc;

	if (strcmp(a, b) == 0)
		return crm_err_set(err, CRM_EUSAGE, "%s: a customer is not "
		    "distinct from itself", a);
	if ((rc = need_customer(db, a, err)) != CRM_OK ||
	    (rc = need_customer(db, b, err)) != CRM_OK)
		return rc;
	crm_time_format(now, at);
	return exec_texts(db, "INSERT INTO customer_nonmatches (a_id, b_id,"
	    " decided_at, actor, note) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (a_id, b_id) DO NOTHING", (const char *[]){ lo, hi,
	    at, actor, note }, 5, "customer_nonmatches", err);
}
