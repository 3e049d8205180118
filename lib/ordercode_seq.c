/*
 * ordercode_seq.c - order-code sequence numbers per scope, from the
 * table order_seqs, inside the caller's write transaction.
 */
#include "internal.h"
#include "ordercode_internal.h"
#include "strmap.h"

static const char last_sql[] =
	"SELECT last FROM order_seqs WHERE scope = ?1";

static const char save_sql[] =
	"INSERT INTO order_seqs (scope, last) VALUES (?1, ?2)"
	" ON CONFLICT (scope) DO UPDATE SET last = excluded.last";

/* A scope's counter as the allocator keeps it. */
struct counter {
	int64_t last;
	int loaded, dirty;
	char scope[CRM_ORDERCODE_SCOPE_BUFSZ];
};

struct crm_ordercode_seqs {
	crm_db *db;
	const crm_ordercode *oc;
	crm_strmap *counters;       /* scope: struct counter */
	struct counter **dirty;     /* changed since the last flush */
	size_t ndirty, cap;
};

/* The sequence field; CRM_EINTERNAL when there is none or when db has no
 * transaction open (numbers read outside one could be handed out
 * twice). */
static int
seq_field(crm_db *db, const crm_ordercode *oc, const struct oc_field **f,
    crm_err *err)
{
	if (oc->seq < 0)
		return crm_err_set(err, CRM_EINTERNAL, "%s: the layout has no "
		    "sequence field", oc->file);
	if (sqlite3_get_autocommit(crm_db_handle(db)))
		return crm_err_set(err, CRM_EINTERNAL, "order_seqs: sequence "
		    "numbers outside a transaction");
	*f = &oc->field[oc->seq];
	return CRM_OK;
}

/* The last number handed out in scope, or the one before the first. */
static int
read_last(crm_db *db, const struct oc_field *f, const char *scope,
    int64_t *last, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, last_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : f->min - 1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "order_seqs", err);
	if (*last < f->min - 1)
		*last = f->min - 1;
	return CRM_OK;
}

static int
save_last(crm_db *db, const char *scope, int64_t last, crm_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(db, save_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, last);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "order_seqs",
	    err);
}

/* The number after last, unless the scope is used up. */
static int
after(const struct oc_field *f, const char *scope, int64_t last,
    int64_t *seq, crm_err *err)
{
	if (last >= f->max)
		return crm_err_set(err, CRM_EDATA, "%s: every number of scope "
		    "%s is used (%lld to %lld)", f->source, scope,
		    (long long)f->min, (long long)f->max);
	*seq = last + 1;
	return CRM_OK;
}

int
crm_ordercode_next_seq(crm_db *db, const crm_ordercode *oc,
    const char *scope, int64_t *seq, crm_err *err)
{
	const struct oc_field *f;
	int64_t last;
	int rc;

	if ((rc = seq_field(db, oc, &f, err)) != CRM_OK ||
	    (rc = read_last(db, f, scope, &last, err)) != CRM_OK ||
	    (rc = after(f, scope, last, seq, err)) != CRM_OK)
		return rc;
	return save_last(db, scope, *seq, err);
}

int
crm_ordercode_seqs_new(crm_db *db, const crm_ordercode *oc,
    crm_ordercode_seqs **out, crm_err *err)
{
	crm_ordercode_seqs *s;

	*out = NULL;
	if (oc->seq < 0)
		return crm_err_set(err, CRM_EINTERNAL, "%s: the layout has no "
		    "sequence field", oc->file);
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->counters = crm_strmap_new(sizeof(struct counter))) == NULL) {
		free(s);
		return crm_err_nomem(err);
	}
	s->db = db;
	s->oc = oc;
	*out = s;
	return CRM_OK;
}

void
crm_ordercode_seqs_free(crm_ordercode_seqs *s)
{
	if (s == NULL)
		return;
	crm_strmap_free(s->counters);
	free(s->dirty);
	free(s);
}

/* scope's counter, read from the database on first use. */
static int
counter(crm_ordercode_seqs *s, const struct oc_field *f, const char *scope,
    struct counter **c, crm_err *err)
{
	int added, rc;

	if (strlen(scope) >= CRM_ORDERCODE_SCOPE_BUFSZ)
		return crm_err_set(err, CRM_EINTERNAL, "order_seqs: a scope "
		    "longer than %d bytes", CRM_ORDERCODE_SCOPE_BUFSZ - 1);
	if ((*c = crm_strmap_put(s->counters, scope, &added)) == NULL)
		return crm_err_nomem(err);
	if ((*c)->loaded)
		return CRM_OK;
	if ((rc = read_last(s->db, f, scope, &(*c)->last, err)) != CRM_OK)
		return rc;
	snprintf((*c)->scope, sizeof((*c)->scope), "%s", scope);
	(*c)->loaded = 1;
	return CRM_OK;
}

static int
mark(crm_ordercode_seqs *s, struct counter *c, crm_err *err)
{
	struct counter **grown;

	if (c->dirty)
		return CRM_OK;
	if (s->ndirty == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		if ((grown = realloc(s->dirty, s->cap * sizeof(*grown))) ==
		    NULL)
			return crm_err_nomem(err);
		s->dirty = grown;
	}
	c->dirty = 1;
	s->dirty[s->ndirty++] = c;
	return CRM_OK;
}

int
crm_ordercode_seqs_next(crm_ordercode_seqs *s, const char *scope,
    int64_t *seq, crm_err *err)
{
	const struct oc_field *f;
	struct counter *c;
	int rc;

	if ((rc = seq_field(s->db, s->oc, &f, err)) != CRM_OK ||
	    (rc = counter(s, f, scope, &c, err)) != CRM_OK ||
	    (rc = after(f, scope, c->last, seq, err)) != CRM_OK ||
	    (rc = mark(s, c, err)) != CRM_OK)
		return rc;
	c->last = *seq;
	return CRM_OK;
}

int
crm_ordercode_seqs_claim(crm_ordercode_seqs *s, const char *scope,
    int64_t seq, crm_err *err)
{
	const struct oc_field *f;
	struct counter *c;
	int rc;

	if ((rc = seq_field(s->db, s->oc, &f, err)) != CRM_OK ||
	    (rc = counter(s, f, scope, &c, err)) != CRM_OK)
		return rc;
	if (seq <= c->last)
		return CRM_OK;
	if ((rc = mark(s, c, err)) != CRM_OK)
		return rc;
	c->last = seq;
	return CRM_OK;
}

int
crm_ordercode_seqs_flush(crm_ordercode_seqs *s, crm_err *err)
{
	const struct oc_field *f;
	size_t i;
	int rc;

	if (s->ndirty == 0)
		return CRM_OK;
	if ((rc = seq_field(s->db, s->oc, &f, err)) != CRM_OK)
		return rc;
	for (i = 0; i < s->ndirty; i++) {
		if ((rc = save_last(s->db, s->dirty[i]->scope, s->dirty[i]->last,
		    err)) != CRM_OK)
			return rc;
		s->dirty[i]->dirty = 0;
	}
	s->ndirty = 0;
	return CRM_OK;
}
