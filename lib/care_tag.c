/*
 * care_tag.c - tagging customers by hand, from a list of ids and by the
 * tag rules; the customer a merged customer now is.
 */
#include <jansson.h>

#include "care_internal.h"

struct crm_care_tagger {
	crm_db *db;
	char *source;
	char at[CRM_DATE_BUFSZ];
	crm_care_tag_counts counts;
	crm_buf id;               /* the customer being tagged */
	crm_buf tag;              /* one tag of a list */
	const char *cur;          /* the source of the change at hand */
	crm_buf src;              /* "ids:FILE" of a record */
};

/* A merge never makes a chain (merging into a merged record is refused),
 * but one left by an unmerge of the survivor is followed a few steps. */
enum { MERGE_HOPS = 8 };

static const char customer_sql[] =
	"SELECT merged_into FROM customers WHERE id = ?1";

int
crm_care_customer(crm_db *db, const char *id, crm_buf *to, crm_err *err)
{
	sqlite3_stmt *st;
	int hop, rc, found;

	crm_buf_reset(to);
	if (crm_buf_adds(to, id) != CRM_OK)
		return crm_err_nomem(err);
	for (hop = 0; hop < MERGE_HOPS; hop++) {
		const unsigned char *next;

		if ((rc = crm_db_stmt(db, customer_sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, to->data, (int)to->len,
		    SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		found = rc == SQLITE_ROW;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return crm_db_fail(db, rc, "customers", err);
		if (!found)
			return hop == 0 ? CRM_END : crm_err_set(err,
			    CRM_EINTERNAL, "customer %s: merged into a "
			    "missing customer", id);
		if ((next = sqlite3_column_text(st, 0)) == NULL)
			return CRM_OK;
		crm_buf_reset(to);
		if (crm_buf_adds(to, (const char *)next) != CRM_OK)
			return crm_err_nomem(err);
	}
	return crm_err_set(err, CRM_EDATA, "customer %s: merged more than %d "
	    "times over", id, MERGE_HOPS);
}

int
crm_care_tagger_new(crm_db *db, const char *source, int64_t now,
    crm_care_tagger **tp, crm_err *err)
{
	crm_care_tagger *t;

	*tp = NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return crm_err_nomem(err);
	if (source != NULL && (t->source = strdup(source)) == NULL) {
		free(t);
		return crm_err_nomem(err);
	}
	t->db = db;
	crm_time_format(now, t->at);
	*tp = t;
	return CRM_OK;
}

void
crm_care_tagger_free(crm_care_tagger *t)
{
	if (t == NULL)
		return;
	crm_buf_free(&t->id);
	crm_buf_free(&t->tag);
	crm_buf_free(&t->src);
	free(t->source);
	free(t);
}

const crm_care_tag_counts *
crm_care_tag_counts_of(const crm_care_tagger *t)
{
	return &t->counts;
}

static const char insert_sql[] =
	"INSERT INTO customer_tags (customer_id, tag, source, tagged_at)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
static const char delete_sql[] =
	"DELETE FROM customer_tags WHERE customer_id = ?1 AND tag = ?2";

/* Tag (on) or untag the customer in t->id, counting. */
static int
change(crm_care_tagger *t, const char *tag, int on, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(t->db, on ? insert_sql : delete_sql, &st,
	    err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->id.data, (int)t->id.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_STATIC);
	if (on) {
		if (t->cur != NULL)
			sqlite3_bind_text(st, 3, t->cur, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, t->at, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(t->db, rc, "customer_tags", err);
	if (sqlite3_changes(crm_db_handle(t->db)) > 0) {
		if (on)
			t->counts.tagged++;
		else
			t->counts.untagged++;
	} else if (on) {
		t->counts.already++;
	} else {
		t->counts.absent++;
	}
	return CRM_OK;
}

static int
by_hand(crm_care_tagger *t, const char *customer, const char *tag, int on,
    crm_err *err)
{
	crm_err why;
	int rc;

	t->cur = t->source;
	if (crm_care_tag_check(tag, &why) != CRM_OK)
		return crm_err_set(err, CRM_EDATA, "%s: %s", tag, why.msg);
	if ((rc = crm_care_customer(t->db, customer, &t->id, err)) == CRM_END)
		return crm_err_set(err, CRM_EDATA, "%s: unknown customer",
		    customer);
	return rc == CRM_OK ? change(t, tag, on, err) : rc;
}

int
crm_care_tag(crm_care_tagger *t, const char *customer, const char *tag,
    crm_err *err)
{
	return by_hand(t, customer, tag, 1, err);
}

int
crm_care_untag(crm_care_tagger *t, const char *customer, const char *tag,
    crm_err *err)
{
	return by_hand(t, customer, tag, 0, err);
}

/* The customer a record names in key (else in other): into t->id. */
static int
record_customer(crm_care_tagger *t, const crm_rec *r, const char *key,
    const char *other, crm_err *err)
{
	char id[256];
	int rc;

	if (crm_rec_find(r, key) < 0 && crm_rec_find(r, other) >= 0)
		key = other;
	if ((rc = crm_rec_need_str(r, key, id, sizeof(id), err)) != CRM_OK)
		return rc;
	if ((rc = crm_care_customer(t->db, id, &t->id, err)) == CRM_END)
		return crm_rec_fail(r, err, CRM_EDATA, key, "unknown "
		    "customer: %s", id);
	return rc;
}

/* One tag of a record's list: checked, then added. */
static int
list_tag(crm_care_tagger *t, const crm_rec *r, const char *s, size_t n,
    crm_err *err)
{
	crm_err why;

	crm_buf_reset(&t->tag);
	if (crm_buf_add(&t->tag, s, n) != CRM_OK ||
	    crm_buf_addc(&t->tag, '\0') != CRM_OK)
		return crm_err_nomem(err);
	if (strlen(t->tag.data) != n ||
	    crm_care_tag_check(t->tag.data, &why) != CRM_OK)
		return crm_rec_fail(r, err, CRM_EDATA, "tags", "%s",
		    strlen(t->tag.data) != n ? "not a tag (a NUL)" : why.msg);
	return change(t, t->tag.data, 1, err);
}

static int
tags_of_string(crm_care_tagger *t, const crm_rec *r, const char *s,
    crm_err *err)
{
	const char *comma;
	int rc = CRM_OK;

	do {
		comma = strchr(s, ',');
		rc = list_tag(t, r, s, comma ? (size_t)(comma - s) :
		    strlen(s), err);
		s = comma + 1;
	} while (rc == CRM_OK && comma != NULL);
	return rc;
}

static int
tags_of_array(crm_care_tagger *t, const crm_rec *r, const char *json,
    size_t len, crm_err *err)
{
	json_t *a = json_loadb(json, len, 0, NULL), *v;
	size_t i;
	int rc = CRM_OK;

	if (a == NULL)
		return crm_err_nomem(err);
	if (json_array_size(a) == 0)
		rc = crm_rec_fail(r, err, CRM_EDATA, "tags", "an empty list");
	json_array_foreach(a, i, v) {
		if (rc != CRM_OK)
			break;
		if (!json_is_string(v))
			rc = crm_rec_fail(r, err, CRM_EDATA, "tags", "not a list "
			    "of strings");
		else
			rc = list_tag(t, r, json_string_value(v),
			    json_string_length(v), err);
	}
	json_decref(a);
	return rc;
}

int
crm_care_tag_ids(crm_care_tagger *t, const crm_rec *r, crm_err *err)
{
	long i;
	const char *json;
	size_t len;
	int rc;

	t->cur = t->source;
	if (t->cur == NULL) {
		crm_buf_reset(&t->src);
		if (crm_buf_adds(&t->src, "ids:") != CRM_OK ||
		    crm_buf_adds(&t->src, crm_rec_file(r) ? crm_rec_file(r) :
		    "-") != CRM_OK)
			return crm_err_nomem(err);
		t->cur = t->src.data;
	}
	if ((rc = record_customer(t, r, "id", "customer_id", err)) != CRM_OK)
		return rc;
	if ((i = crm_rec_find(r, "tags")) < 0 ||
	    crm_rec_type(r, (size_t)i) == CRM_NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "tags", "missing");
	if (crm_rec_type(r, (size_t)i) == CRM_STRING)
		return tags_of_string(t, r, crm_rec_text(r, (size_t)i, NULL),
		    err);
	if (crm_rec_type(r, (size_t)i) != CRM_ARRAY)
		return crm_rec_fail(r, err, CRM_EDATA, "tags", "a list of "
		    "tags or a string \"a,b\"");
	json = crm_rec_json(r, (size_t)i, &len);
	return tags_of_array(t, r, json, len, err);
}

int
crm_care_tag_by_rules(crm_care_tagger *t, const crm_care_rules *rules,
    const crm_rec *r, crm_err *err)
{
	size_t i;
	int rc;

	t->cur = t->source;
	if ((rc = record_customer(t, r, "customer_id", "id", err)) != CRM_OK)
		return rc;
	for (i = 0; i < crm_care_rules_count(rules); i++)
		if (crm_care_rules_hold(rules, i, r) &&
		    (rc = change(t, crm_care_rules_tag(rules, i), 1,
		    err)) != CRM_OK)
			return rc;
	return CRM_OK;
}
