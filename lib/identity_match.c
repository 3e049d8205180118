/*
 * identity_match.c - propose the pairs of customers that look like one:
 * read and normalise every customer once, put each in the blocks of its
 * keys, score the pairs that share a block, write those sure enough.
 */
#include "internal.h"
#include "identity_internal.h"

/* Offsets into the pool of normalised strings; 0 is "". */
enum { K_ID, K_NAME_RAW, K_NAME, K_EMAIL, K_PHONE, K_TAX, K_REG,
	K_POSTCODE, K_STREET, K_CITY, K_N };

struct cust {
	uint32_t k[K_N];
};

/* A customer (its index in name order) in the block of a key's hash. */
struct entry {
	uint64_t hash;
	uint32_t idx;
};

struct found {
	uint32_t a, b;       /* a's id before b's */
	int confidence;
	const char *aid, *bid;
};

struct matcher {
	crm_buf pool;
	struct cust *c;
	size_t n, cap;
	struct entry *e;
	size_t ne, ecap;
	uint64_t *pairs;
	size_t np, pcap;
	struct found *f;
	size_t nf, fcap;
	char **nonmatch;     /* "a\0b" pairs, sorted */
	size_t nnm, nmcap;
};

#define BLOCK_ALL 32     /* a block this big or smaller: every pair */
#define WINDOW 8         /* else: each with its next WINDOW in name order */
#define NAME_KEYS 8      /* words (CJK: characters) of a name in blocks */

static const char *
str(const struct matcher *m, uint32_t off)
{
	return m->pool.data + off;
}

static int
pool_add(struct matcher *m, const char *s, size_t n, uint32_t *off,
    crm_err *err)
{
	if (n == 0) {
		*off = 0;
		return CRM_OK;
	}
	if (m->pool.len + n + 1 > UINT32_MAX)
		return crm_err_set(err, CRM_EINTERNAL, "match: too many "
		    "customers for one run");
	*off = (uint32_t)m->pool.len;
	if (crm_buf_add(&m->pool, s, n) != CRM_OK ||
	    crm_buf_addc(&m->pool, '\0') != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* Both tables are read in the order they are stored and joined here:
 * reading them in id order through an index reads the file at random. */
static const char customers_sql[] =
	"SELECT id, name, name, email, phone, tax_id, reg_no"
	" FROM customers WHERE merged_into IS NULL";
static const char addresses_sql[] =
	"SELECT customer_id, id, postcode, line1, city FROM addresses";

typedef int (*norm_fn)(crm_buf *, const char *, size_t, crm_err *);

/* Column col of st through fn into the pool at *off (0 when empty). */
static int
column_key(struct matcher *m, sqlite3_stmt *st, int col, norm_fn fn,
    crm_buf *t, uint32_t *off, crm_err *err)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	int rc;

	*off = 0;
	if (s == NULL)
		return CRM_OK;
	if (fn == NULL)
		return pool_add(m, s, strlen(s), off, err);
	rc = fn(t, s, strlen(s), err);
	if (rc == CRM_END)
		return CRM_OK;
	return rc == CRM_OK ? pool_add(m, t->data, t->len, off, err) : rc;
}

/* The keys of the current row of st, columns from..to-1 as keys
 * from..to-1. */
static int
row_keys(struct matcher *m, sqlite3_stmt *st, int col, int from, int to,
    const char *country, crm_buf *t, struct cust *c, crm_err *err)
{
	static const norm_fn fns[K_N] = {
		NULL, NULL, crm_identity_name, crm_identity_email, NULL,
		crm_identity_code, crm_identity_code, crm_identity_code,
		crm_identity_street, crm_identity_city,
	};
	const char *s;
	int k, rc = CRM_OK;

	for (k = from; k < to && rc == CRM_OK; k++, col++) {
		if (k != K_PHONE) {
			rc = column_key(m, st, col, fns[k], t, &c->k[k], err);
			continue;
		}
		c->k[k] = 0;
		if ((s = (const char *)sqlite3_column_text(st, col)) == NULL)
			continue;
		rc = crm_identity_phone(t, s, strlen(s), country, err);
		if (rc == CRM_OK)
			rc = pool_add(m, t->data, t->len, &c->k[k], err);
		else if (rc == CRM_END)
			rc = CRM_OK;
	}
	return rc;
}

/* An address: offsets of its customer's id, its own id and its keys. */
struct addr {
	uint32_t customer, id, k[3];
};

struct id_order {
	const char *a, *b;
	uint32_t i;
};

static int
by_ids(const void *x, const void *y)
{
	const struct id_order *p = x, *q = y;
	int d = strcmp(p->a, q->a);

	return d != 0 ? d : strcmp(p->b, q->b);
}

/* v[0..n) with keys a (and b) in order. */
static struct id_order *
ordered(size_t n, const char *(*key)(const void *, size_t, int),
    const void *ctx)
{
	struct id_order *v = malloc((n > 0 ? n : 1) * sizeof(*v));
	size_t i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		v[i].a = key(ctx, i, 0);
		v[i].b = key(ctx, i, 1);
		v[i].i = (uint32_t)i;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), by_ids);
	return v;
}

struct addr_list {
	const struct matcher *m;
	const struct addr *v;
};

static const char *
addr_key(const void *ctx, size_t i, int which)
{
	const struct addr_list *l = ctx;

	return str(l->m, which == 0 ? l->v[i].customer : l->v[i].id);
}

static const char *
cust_key(const void *ctx, size_t i, int which)
{
	const struct matcher *m = ctx;

	return which == 0 ? str(m, m->c[i].k[K_ID]) : "";
}

/* Give each customer the keys of its first address by id. */
static int
join_addresses(struct matcher *m, const struct addr *v, size_t n,
    crm_err *err)
{
	struct addr_list l = { m, v };
	struct id_order *ao = ordered(n, addr_key, &l);
	struct id_order *co = ordered(m->n, cust_key, m);
	size_t i = 0, j = 0;
	int d;

	if (ao == NULL || co == NULL) {
		free(ao);
		free(co);
		return crm_err_nomem(err);
	}
	while (i < m->n && j < n) {
		if ((d = strcmp(co[i].a, ao[j].a)) < 0) {
			i++;
		} else if (d > 0) {
			j++;
		} else {
			memcpy(&m->c[co[i].i].k[K_POSTCODE], v[ao[j].i].k,
			    sizeof(v[0].k));
			i++;
		}
	}
	free(ao);
	free(co);
	return CRM_OK;
}

static int
load(struct matcher *m, crm_db *db, const char *country, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	crm_buf t = CRM_BUF_INIT;
	struct addr *v = NULL;
	struct cust a;
	size_t n = 0, cap = 0;
	int rc;

	if (crm_buf_addc(&m->pool, '\0') != CRM_OK) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_db_prepare(db, customers_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = crm_array_grow(&m->c, &m->cap, m->n, sizeof(*m->c),
		    err)) != CRM_OK)
			goto out;
		memset(&m->c[m->n], 0, sizeof(m->c[0]));
		if ((rc = row_keys(m, st, 0, K_ID, K_POSTCODE, country, &t,
		    &m->c[m->n++], err)) != CRM_OK)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = crm_db_fail(db, rc, "customers", err);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = crm_db_prepare(db, addresses_sql, &st, err)) != CRM_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = crm_array_grow(&v, &cap, n, sizeof(*v), err)) !=
		    CRM_OK || (rc = row_keys(m, st, 2, K_POSTCODE, K_N,
		    country, &t, &a, err)) != CRM_OK ||
		    (rc = column_key(m, st, 0, NULL, &t, &v[n].customer,
		    err)) != CRM_OK ||
		    (rc = column_key(m, st, 1, NULL, &t, &v[n].id, err)) !=
		    CRM_OK)
			goto out;
		memcpy(v[n++].k, &a.k[K_POSTCODE], sizeof(v[0].k));
	}
	rc = rc == SQLITE_DONE ? join_addresses(m, v, n, err) :
	    crm_db_fail(db, rc, "addresses", err);
out:
	sqlite3_finalize(st);
	crm_buf_free(&t);
	free(v);
	return rc;
}

/* prefix: the name's first 8 bytes, big-endian, so that most
 * comparisons need no strcmp */
struct named {
	uint64_t prefix;
	const char *name, *id;
	uint32_t i;
};

static int
by_name(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int d;

	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	d = strcmp(a->name, b->name);
	return d != 0 ? d : strcmp(a->id, b->id);
}

/* Put the customers in the order of their names (then ids), so that
 * the neighbours in a big block are those with the closest names. */
static int
sort_by_name(struct matcher *m, crm_err *err)
{
	struct named *v = malloc((m->n > 0 ? m->n : 1) * sizeof(*v));
	struct cust *c = malloc((m->n > 0 ? m->n : 1) * sizeof(*c));
	uint32_t i;

	if (v == NULL || c == NULL) {
		free(v);
		free(c);
		return crm_err_nomem(err);
	}
	for (i = 0; i < m->n; i++) {
		size_t j, len;

		v[i].name = str(m, m->c[i].k[K_NAME]);
		v[i].id = str(m, m->c[i].k[K_ID]);
		v[i].i = i;
		v[i].prefix = 0;
		len = strlen(v[i].name);
		for (j = 0; j < 8; j++)
			v[i].prefix = v[i].prefix << 8 | (j < len ?
			    (unsigned char)v[i].name[j] : 0);
	}
	if (m->n > 0)
		qsort(v, m->n, sizeof(*v), by_name);
	for (i = 0; i < m->n; i++)
		c[i] = m->c[v[i].i];
	free(v);
	free(m->c);
	m->c = c;
	m->cap = m->n > 0 ? m->n : 1;
	return CRM_OK;
}

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int
add_entry(struct matcher *m, char kind, const char *a, size_t na,
    const char *b, uint32_t idx, crm_err *err)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int rc;

	if ((rc = crm_array_grow(&m->e, &m->ecap, m->ne, sizeof(*m->e),
	    err)) != CRM_OK)
		return rc;
	h = fnv(h, &kind, 1);
	h = fnv(h, a, na);
	h = fnv(h, "", 1);
	h = fnv(h, b, strlen(b));
	m->e[m->ne].hash = h;
	m->e[m->ne++].idx = idx;
	return CRM_OK;
}

/* The name blocks of customer i: each word (or, in CJK, each character)
 * of its name with its postcode (kind 'P') and with its city ('C'). */
static int
name_entries(struct matcher *m, uint32_t i, crm_err *err)
{
	const struct cust *c = &m->c[i];
	const char *name = str(m, c->k[K_NAME]);
	const char *where[2] = { str(m, c->k[K_POSTCODE]),
	    str(m, c->k[K_CITY]) };
	const char kinds[2] = { 'P', 'C' };
	size_t p = 0, len, keys = 0;
	int w, rc;

	while (name[p] != '\0' && keys < NAME_KEYS) {
		unsigned char b = (unsigned char)name[p];

		if (b == ' ') {
			p++;
			continue;
		}
		if (b >= 0xe0) {          /* a CJK character, 3 or 4 bytes */
			len = b >= 0xf0 ? 4 : 3;
		} else {
			len = strcspn(name + p, " ");
		}
		if (strlen(name + p) < len)
			break;
		for (w = 0; w < 2; w++)
			if (*where[w] != '\0' && (rc = add_entry(m, kinds[w],
			    name + p, len, where[w], i, err)) != CRM_OK)
				return rc;
		keys++;
		p += len;
	}
	return CRM_OK;
}

static int
entries(struct matcher *m, crm_err *err)
{
	static const struct { int k; char kind; } exact[] = {
		{ K_EMAIL, 'E' }, { K_PHONE, 'T' }, { K_TAX, 'X' },
		{ K_REG, 'R' },
	};
	uint32_t i;
	size_t j;
	int rc;

	for (i = 0; i < m->n; i++) {
		for (j = 0; j < ARRAY_LEN(exact); j++) {
			const char *s = str(m, m->c[i].k[exact[j].k]);

			if (*s != '\0' && (rc = add_entry(m, exact[j].kind, s,
			    strlen(s), "", i, err)) != CRM_OK)
				return rc;
		}
		if ((rc = name_entries(m, i, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

static int
by_hash(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int
by_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The candidate pairs of the sorted entries: every pair of a small
 * block, each with its WINDOW next in name order in a big one. */
static int
candidates(struct matcher *m, crm_err *err)
{
	size_t s = 0, e, i, j, end, u;
	int rc;

	if (m->ne > 0)
		qsort(m->e, m->ne, sizeof(*m->e), by_hash);
	while (s < m->ne) {
		for (e = s + 1; e < m->ne && m->e[e].hash == m->e[s].hash; e++)
			;
		for (i = s; i < e; i++) {
			end = e - s <= BLOCK_ALL || e - i - 1 <= WINDOW ? e :
			    i + 1 + WINDOW;
			for (j = i + 1; j < end; j++) {
				if (m->e[j].idx == m->e[i].idx)
					continue;
				if ((rc = crm_array_grow(&m->pairs, &m->pcap,
				    m->np, sizeof(*m->pairs), err)) != CRM_OK)
					return rc;
				m->pairs[m->np++] =
				    (uint64_t)m->e[i].idx << 32 | m->e[j].idx;
			}
		}
		s = e;
	}
	free(m->e);
	m->e = NULL;
	m->ne = m->ecap = 0;
	if (m->np > 0)
		qsort(m->pairs, m->np, sizeof(*m->pairs), by_u64);
	for (i = 0, u = 0; i < m->np; i++)
		if (u == 0 || m->pairs[i] != m->pairs[u - 1])
			m->pairs[u++] = m->pairs[i];
	m->np = u;
	return CRM_OK;
}

static void
keys_of(const struct matcher *m, uint32_t i, crm_identity_keys *k)
{
	const uint32_t *o = m->c[i].k;

	k->name = str(m, o[K_NAME]);
	k->email = str(m, o[K_EMAIL]);
	k->phone = str(m, o[K_PHONE]);
	k->tax_id = str(m, o[K_TAX]);
	k->reg_no = str(m, o[K_REG]);
	k->postcode = str(m, o[K_POSTCODE]);
	k->street = str(m, o[K_STREET]);
	k->city = str(m, o[K_CITY]);
}

static int
cmp_str_ptr(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	int d = strcmp(a, b);

	return d != 0 ? d : strcmp(a + strlen(a) + 1, b + strlen(b) + 1);
}

static int
load_nonmatches(struct matcher *m, crm_db *db, crm_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = crm_db_prepare(db, "SELECT a_id, b_id FROM "
	    "customer_nonmatches", &st, err)) != CRM_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		size_t na = strlen(a), nb = strlen(b);
		char *p;

		if (crm_array_grow(&m->nonmatch, &m->nmcap, m->nnm,
		    sizeof(char *), err) != CRM_OK ||
		    (p = malloc(na + nb + 2)) == NULL) {
			sqlite3_finalize(st);
			return crm_err_nomem(err);
		}
		memcpy(p, a, na + 1);
		memcpy(p + na + 1, b, nb + 1);
		m->nonmatch[m->nnm++] = p;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "customer_nonmatches", err);
	if (m->nnm > 0)
		qsort(m->nonmatch, m->nnm, sizeof(char *), cmp_str_ptr);
	return CRM_OK;
}

static int
is_nonmatch(const struct matcher *m, const char *a, const char *b,
    crm_buf *t)
{
	const char *key;

	if (m->nnm == 0)
		return 0;
	crm_buf_reset(t);
	if (crm_buf_adds(t, a) != CRM_OK || crm_buf_addc(t, '\0') != CRM_OK ||
	    crm_buf_adds(t, b) != CRM_OK)
		return 0;
	key = t->data;
	return bsearch(&key, m->nonmatch, m->nnm, sizeof(char *),
	    cmp_str_ptr) != NULL;
}

static int
score_all(struct matcher *m, int min, crm_err *err)
{
	crm_identity_keys ka, kb;
	crm_buf t = CRM_BUF_INIT;
	size_t i;
	int rc = CRM_OK, confidence;

	for (i = 0; i < m->np && rc == CRM_OK; i++) {
		uint32_t x = (uint32_t)(m->pairs[i] >> 32);
		uint32_t y = (uint32_t)m->pairs[i];
		const char *ix = str(m, m->c[x].k[K_ID]);
		const char *iy = str(m, m->c[y].k[K_ID]);
		int swap = strcmp(ix, iy) > 0;

		keys_of(m, x, &ka);
		keys_of(m, y, &kb);
		confidence = crm_identity_confidence(&ka, &kb);
		if (confidence < min || is_nonmatch(m, swap ? iy : ix,
		    swap ? ix : iy, &t))
			continue;
		if ((rc = crm_array_grow(&m->f, &m->fcap, m->nf,
		    sizeof(*m->f), err)) != CRM_OK)
			break;
		m->f[m->nf].a = swap ? y : x;
		m->f[m->nf].b = swap ? x : y;
		m->f[m->nf].aid = swap ? iy : ix;
		m->f[m->nf].bid = swap ? ix : iy;
		m->f[m->nf++].confidence = confidence;
	}
	crm_buf_free(&t);
	free(m->pairs);
	m->pairs = NULL;
	m->np = m->pcap = 0;
	return rc;
}

static int
by_confidence(const void *x, const void *y)
{
	const struct found *a = x, *b = y;
	int d;

	if (a->confidence != b->confidence)
		return a->confidence > b->confidence ? -1 : 1;
	d = strcmp(a->aid, b->aid);
	return d != 0 ? d : strcmp(a->bid, b->bid);
}

static int
write_one(const struct matcher *m, const struct found *f, crm_rec *r,
    crm_buf *ev, crm_out *out, crm_err *err)
{
	crm_identity_keys ka, kb;
	crm_identity_score sc;
	const char *a = str(m, m->c[f->a].k[K_ID]);
	const char *b = str(m, m->c[f->b].k[K_ID]);
	const char *an = str(m, m->c[f->a].k[K_NAME_RAW]);
	const char *bn = str(m, m->c[f->b].k[K_NAME_RAW]);
	size_t i;
	int rc = CRM_OK;

	keys_of(m, f->a, &ka);
	keys_of(m, f->b, &kb);
	crm_identity_score_pair(&ka, &kb, &sc);
	crm_buf_reset(ev);
	if (crm_buf_addc(ev, '[') != CRM_OK)
		return crm_err_nomem(err);
	for (i = 0; i < sc.nevidence; i++)
		if ((i > 0 && crm_buf_addc(ev, ',') != CRM_OK) ||
		    crm_buf_add_json_str(ev, sc.evidence[i],
		    strlen(sc.evidence[i])) != CRM_OK)
			return crm_err_nomem(err);
	if (crm_buf_addc(ev, ']') != CRM_OK)
		return crm_err_nomem(err);
	crm_rec_clear(r);
	if ((rc = crm_rec_set_str(r, "a", a, strlen(a), err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "b", b, strlen(b), err)) != CRM_OK ||
	    (rc = crm_rec_set_int(r, "confidence", sc.confidence, err)) !=
	    CRM_OK || (rc = crm_rec_set_json(r, "evidence", CRM_ARRAY,
	    ev->data, ev->len, err)) != CRM_OK ||
	    (rc = crm_rec_set_str(r, "a_name", an, strlen(an), err)) !=
	    CRM_OK ||
	    (rc = crm_rec_set_str(r, "b_name", bn, strlen(bn), err)) != CRM_OK)
		return rc;
	return crm_out_write(out, r, err);
}

static void
matcher_free(struct matcher *m)
{
	size_t i;

	for (i = 0; i < m->nnm; i++)
		free(m->nonmatch[i]);
	free(m->nonmatch);
	free(m->f);
	free(m->pairs);
	free(m->e);
	free(m->c);
	crm_buf_free(&m->pool);
}

int
crm_identity_match(crm_db *db, const crm_identity_match_opts *opts,
    crm_out *out, unsigned long *pairs, crm_err *err)
{
	struct matcher m;
	crm_buf ev = CRM_BUF_INIT;
	crm_rec *r = NULL;
	size_t i;
	int rc;

	memset(&m, 0, sizeof(m));
	if (pairs != NULL)
		*pairs = 0;
	if ((rc = load(&m, db, opts->country, err)) != CRM_OK ||
	    (rc = load_nonmatches(&m, db, err)) != CRM_OK)
		goto out;
	if ((rc = sort_by_name(&m, err)) != CRM_OK ||
	    (rc = entries(&m, err)) != CRM_OK ||
	    (rc = candidates(&m, err)) != CRM_OK ||
	    (rc = score_all(&m, opts->min_confidence, err)) != CRM_OK)
		goto out;
	if (m.nf > 0)
		qsort(m.f, m.nf, sizeof(*m.f), by_confidence);
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (i = 0; i < m.nf && rc == CRM_OK; i++)
		rc = write_one(&m, &m.f[i], r, &ev, out, err);
	if (rc == CRM_OK && pairs != NULL)
		*pairs = (unsigned long)m.nf;
out:
	crm_rec_free(r);
	crm_buf_free(&ev);
	matcher_free(&m);
	return rc;
}
