/*
 * care_tag.c - tagging customers by hand, from a list of ids and by the
 * tag rules, keeping the rules' tags current; the customer a merged
 * customer now is.
 */
#include <jansson.h>

#include "care_internal.h"
#include "strmap.h"

struct crm_care_tagger {
	crm_db *db;
	char *source;
	char at[CRM_DATE_BUFSZ];
	crm_care_tag_counts counts;
	crm_buf id;               /* the customer being tagged */
	crm_buf tag;              /* one tag of a list */
	const char *cur;          /* the source of the change at hand */
	crm_buf src;              /* "ids:FILE" of a record */
	/* A rules run: the customers the records named, in the order first
	 * named, and per customer a row of rowsz bytes, a bit per rule that
	 * held for a record naming it. */
	crm_strmap *named;        /* id -> its index + 1 (a size_t) */
	char **ids;
	size_t nids, idcap;
	unsigned char *held;
	size_t heldcap, rowsz;
	unsigned char *row;       /* the rules that held for one record */
};

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
	crm_strmap_free(t->named);
	while (t->nids > 0)
		free(t->ids[--t->nids]);
	free(t->ids);
	free(t->held);
	free(t->row);
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
static const char history_sql[] =
	"INSERT INTO customer_history (customer_id, field, old_value,"
	" new_value, changed_at, source) VALUES (?1, 'tags', ?2, ?3, ?4, ?5)";

/* The change of a tag of the customer in t->id as a row of its history,
 * as crm-customer import writes one (crm/customer.h). */
static int
history(crm_care_tagger *t, const char *tag, int on, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(t->db, history_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->id.data, (int)t->id.len, SQLITE_STATIC);
	sqlite3_bind_text(st, on ? 3 : 2, tag, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->at, -1, SQLITE_STATIC);
	if (t->cur != NULL)
		sqlite3_bind_text(st, 5, t->cur, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(t->db, rc,
	    "customer_history", err);
}

/* Tag (on) or untag the customer in t->id, counting; a change made is
 * kept in the customer's history. */
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
		if ((rc = history(t, tag, on, err)) != CRM_OK)
			return rc;
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
	if ((rc = crm_customer_survivor(t->db, customer, &t->id, NULL,
	    NULL, err)) == CRM_END)
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
	if ((rc = crm_customer_survivor(t->db, id, &t->id, NULL, NULL,
	    err)) == CRM_END)
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
			rc = crm_rec_fail(r, err, CRM_EDATA, "tags",
			    "not a list of strings");
		else
			rc = list_tag(t, r, json_string_value(v),
			    json_string_length(v), err);
	}
	json_decref(a);
	return rc;
}

static int
tag_ids(crm_care_tagger *t, const crm_rec *r, crm_err *err)
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

/* A record refused leaves nothing behind (the caller rolls its changes
 * back, or the whole run), so it counts nothing either. */
int
crm_care_tag_ids(crm_care_tagger *t, const crm_rec *r, crm_err *err)
{
	crm_care_tag_counts before = t->counts;
	int rc;

	if ((rc = tag_ids(t, r, err)) != CRM_OK)
		t->counts = before;
	return rc;
}

/* The rules in t->row held for a record naming the customer in t->id:
 * remembered for crm_care_tag_rules_prune. */
static int
remember(crm_care_tagger *t, crm_err *err)
{
	size_t *slot, i, k;
	int added, rc;

	if (t->named == NULL && (t->named = crm_strmap_new(sizeof(size_t))) ==
	    NULL)
		return crm_err_nomem(err);
	if ((slot = crm_strmap_put(t->named, t->id.data, &added)) == NULL)
		return crm_err_nomem(err);
	if (*slot == 0) {
		if ((rc = crm_array_grow(&t->ids, &t->idcap, t->nids,
		    sizeof(*t->ids), err)) != CRM_OK ||
		    (rc = crm_array_grow(&t->held, &t->heldcap, t->nids,
		    t->rowsz, err)) != CRM_OK)
			return rc;
		if ((t->ids[t->nids] = strdup(t->id.data)) == NULL)
			return crm_err_nomem(err);
		memset(t->held + t->nids * t->rowsz, 0, t->rowsz);
		*slot = ++t->nids;
	}
	i = *slot - 1;
	for (k = 0; k < t->rowsz; k++)
		t->held[i * t->rowsz + k] |= t->row[k];
	return CRM_OK;
}

static int
by_rules(crm_care_tagger *t, const crm_care_rules *rules, const crm_rec *r,
    crm_err *err)
{
	size_t i, n = crm_care_rules_count(rules);
	int rc;

	t->cur = t->source;
	if (t->row == NULL) {
		t->rowsz = n / 8 + 1;
		if ((t->row = malloc(t->rowsz)) == NULL)
			return crm_err_nomem(err);
	}
	memset(t->row, 0, t->rowsz);
	if ((rc = record_customer(t, r, "customer_id", "id", err)) != CRM_OK)
		return rc;
	for (i = 0; i < n && i / 8 < t->rowsz; i++) {
		if (!crm_care_rules_hold(rules, i, r))
			continue;
		t->row[i / 8] |= (unsigned char)(1u << (i % 8));
		if ((rc = change(t, crm_care_rules_tag(rules, i), 1, err)) !=
		    CRM_OK)
			return rc;
	}
	return remember(t, err);
}

int
crm_care_tag_by_rules(crm_care_tagger *t, const crm_care_rules *rules,
    const crm_rec *r, crm_err *err)
{
	crm_care_tag_counts before = t->counts;
	int rc;

	if ((rc = by_rules(t, rules, r, err)) != CRM_OK)
		t->counts = before;
	return rc;
}

static const char rules_tags_sql[] =
	"SELECT tag FROM customer_tags WHERE customer_id = ?1"
	" AND substr(source, 1, 6) = 'rules:' ORDER BY tag";

/* Whether a rule of rules gives tag (*gives), and whether one of those
 * held for customer i (*given). */
static void
rules_giving(const crm_care_tagger *t, const crm_care_rules *rules,
    size_t i, const char *tag, int *gives, int *given)
{
	const unsigned char *row = t->held + i * t->rowsz;
	size_t k;

	*gives = *given = 0;
	for (k = 0; k < crm_care_rules_count(rules) && k / 8 < t->rowsz; k++)
		if (strcmp(crm_care_rules_tag(rules, k), tag) == 0) {
			*gives = 1;
			if (row[k / 8] & (1u << (k % 8)))
				*given = 1;
		}
}

/* Customer i's tags of source "rules:..." that rules can give and did
 * not give it: taken off. */
static int
prune_one(crm_care_tagger *t, const crm_care_rules *rules, size_t i,
    crm_buf *tags, crm_err *err)
{
	sqlite3_stmt *st;
	const char *p;
	int rc, gives, given;

	crm_buf_reset(&t->id);
	crm_buf_reset(tags);
	if (crm_buf_adds(&t->id, t->ids[i]) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = crm_db_stmt(t->db, rules_tags_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, t->id.data, (int)t->id.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = (const char *)sqlite3_column_text(st, 0);
		rules_giving(t, rules, i, p, &gives, &given);
		if (gives && !given && crm_buf_add(tags, p, strlen(p) + 1) !=
		    CRM_OK) {
			sqlite3_reset(st);
			return crm_err_nomem(err);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(t->db, rc, "customer_tags", err);
	rc = CRM_OK;
	for (p = tags->data; rc == CRM_OK && p != NULL &&
	    p < tags->data + tags->len; p += strlen(p) + 1)
		rc = change(t, p, 0, err);
	return rc;
}

int
crm_care_tag_rules_prune(crm_care_tagger *t, const crm_care_rules *rules,
    crm_err *err)
{
	crm_buf tags = CRM_BUF_INIT;
	size_t i;
	int rc = CRM_OK;

	t->cur = t->source;
	for (i = 0; i < t->nids && rc == CRM_OK; i++)
		rc = prune_one(t, rules, i, &tags, err);
	crm_buf_free(&tags);
	return rc;
}
