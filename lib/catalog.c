/*
 * catalog.c - the catalog in memory: the text matching compares, reading
 * the catalog from the database, products, variants and prices.
 */
#include "internal.h"
#include "catalog_internal.h"

/* One UTF-8 character of s[0..n) into *cp; its length, or 0 when the
 * bytes there are not valid UTF-8 (strict: no overlongs, surrogates or
 * code points past U+10FFFF). */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
		lo = s[0] == 0xe0 ? 0xa0 : 0x80;
		hi = s[0] == 0xed ? 0x9f : 0xbf;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
		lo = s[0] == 0xf0 ? 0x90 : 0x80;
		hi = s[0] == 0xf4 ? 0x8f : 0xbf;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	    c == 0x3000;
}

static int
is_punct(uint32_t c)
{
	static const uint32_t cjk[] = {
		0x3001, 0x3002, 0x3008, 0x3009, 0x300a, 0x300b, 0x300c,
		0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0x30fb
	};
	size_t i;

	if (c < 0x80)
		return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
		    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
	for (i = 0; i < ARRAY_LEN(cjk); i++)
		if (c == cjk[i])
			return 1;
	return 0;
}

/* A letter or digit of an alphabetic script, or a combining mark: these
 * make words, and a space between two of them is kept. */
static int
is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	return (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	    (c >= 0x300 && c <= 0x52f) || (c >= 0x1e00 && c <= 0x1eff);
}

/* Whether the character of s that ends at s[end) (or begins at s[i]) is
 * a word character.  Bytes that are not UTF-8 count as word characters,
 * so that dropping a space never joins them into a character. */
int
crm_catalog_word_at(const char *s, size_t n, size_t i)
{
	uint32_t c;

	if (i >= n)
		return 0;
	if (utf8_decode((const unsigned char *)s + i, n - i, &c) == 0)
		return 1;
	return is_word(c);
}

int
crm_catalog_word_before(const char *s, size_t end)
{
	size_t i = end, k;
	uint32_t c;

	if (end == 0)
		return 0;
	for (k = 0; k < 4 && i > 0; k++) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	if (utf8_decode((const unsigned char *)s + i, end - i, &c) != end - i)
		return 1;
	return is_word(c);
}

int
crm_catalog_norm(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	int pending = 0, prev_word = 0, word;
	size_t i = 0, n;
	uint32_t c;
	char ch;

	crm_buf_reset(out);
	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return crm_err_nomem(err);
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &c)) == 0) {
			n = 1;
			c = 0xfffd;
			word = 1;
		} else {
			if (c >= 0xff01 && c <= 0xff5e)
				c -= 0xfee0;
			if (is_space(c) || is_punct(c)) {
				pending = out->len > 0;
				i += n;
				continue;
			}
			word = is_word(c);
		}
		if (pending && prev_word && word)
			out->data[out->len++] = ' ';
		pending = 0;
		prev_word = word;
		if (c < 0x80) {
			ch = (char)c;
			out->data[out->len++] = ch >= 'A' && ch <= 'Z' ?
			    (char)(ch + 32) : ch;
		} else {
			memcpy(out->data + out->len, p + i, n);
			out->len += n;
		}
		i += n;
	}
	out->data[out->len] = '\0';
	return CRM_OK;
}

const char *
crm_catalog_kind_name(int kind)
{
	return kind == CAT_PRODUCT ? "product" : kind == CAT_COLOUR ?
	    "colour" : "option";
}

const char *
crm_catalog_keep(crm_catalog *cat, const char *s, size_t len, crm_err *err)
{
	char **grown, *copy;
	size_t cap;

	if (s == NULL)
		return NULL;
	if (len == (size_t)-1)
		len = strlen(s);
	if (cat->nstrings == cat->capstrings) {
		cap = cat->capstrings ? cat->capstrings * 2 : 64;
		if ((grown = realloc(cat->strings, cap * sizeof(*grown))) ==
		    NULL) {
			crm_err_nomem(err);
			return NULL;
		}
		cat->strings = grown;
		cat->capstrings = cap;
	}
	if ((copy = malloc(len + 1)) == NULL) {
		crm_err_nomem(err);
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	cat->strings[cat->nstrings++] = copy;
	return copy;
}

long
crm_catalog_code_find(const struct cat_code *codes, size_t n,
    const char *code)
{
	size_t lo = 0, hi = n, mid;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((cmp = strcmp(code, codes[mid].code)) == 0)
			return (long)mid;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

struct cat_product *
crm_catalog_product_find(crm_catalog *cat, const char *sku)
{
	size_t *idx = crm_strmap_get(cat->skus, sku);

	return idx != NULL ? &cat->products[*idx] : NULL;
}

/* The text of column i of st kept by cat; NULL for SQL NULL. */
static int
keep_col(crm_catalog *cat, sqlite3_stmt *st, int i, const char **s,
    crm_err *err)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	*s = NULL;
	if (t == NULL)
		return CRM_OK;
	return (*s = crm_catalog_keep(cat, t, (size_t)sqlite3_column_bytes(st,
	    i), err)) != NULL ? CRM_OK : CRM_EINTERNAL;
}

/* Reading the catalog: the capacities of the arrays being filled. */
struct load {
	crm_catalog *cat;
	size_t capproducts, capcolours, capoptions;
};

typedef int (*row_fn)(struct load *ld, sqlite3_stmt *st, crm_err *err);

/* Run sql and call fn for every row. */
static int
each_row(crm_db *db, struct load *ld, const char *sql, row_fn fn,
    crm_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	if ((rc = crm_db_prepare(db, sql, &st, err)) != CRM_OK)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(ld, st, err)) != CRM_OK)
			break;
	if (rc == CRM_OK && step != SQLITE_DONE)
		rc = crm_db_fail(db, step, "catalog", err);
	sqlite3_finalize(st);
	return rc;
}

static int
add_code(crm_catalog *cat, sqlite3_stmt *st, struct cat_code **codes,
    size_t *n, size_t *cap, crm_err *err)
{
	struct cat_code *c;
	int rc;

	if ((rc = crm_array_grow(codes, cap, *n, sizeof(**codes), err)) != CRM_OK)
		return rc;
	c = &(*codes)[*n];
	if ((rc = keep_col(cat, st, 0, &c->code, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 1, &c->name, err)) != CRM_OK)
		return rc;
	(*n)++;
	return CRM_OK;
}

static int
add_colour(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	return add_code(ld->cat, st, &ld->cat->colours, &ld->cat->ncolours,
	    &ld->capcolours, err);
}

static int
add_option(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	return add_code(ld->cat, st, &ld->cat->options, &ld->cat->noptions,
	    &ld->capoptions, err);
}

static int
add_product(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	crm_catalog *cat = ld->cat;
	crm_catalog_product *p;
	size_t *idx;
	int rc, added;

	if ((rc = crm_array_grow(&cat->products, &ld->capproducts, cat->nproducts,
	    sizeof(*cat->products), err)) != CRM_OK)
		return rc;
	memset(&cat->products[cat->nproducts], 0, sizeof(*cat->products));
	p = &cat->products[cat->nproducts].pub;
	if ((rc = keep_col(cat, st, 0, &p->sku, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 1, &p->name, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 2, &p->segment, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 3, &p->category, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 4, &p->unit, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 6, &p->currency, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 7, &p->bom_code, err)) != CRM_OK)
		return rc;
	p->has_list_price = sqlite3_column_type(st, 5) != SQLITE_NULL &&
	    p->currency != NULL;
	p->list_price_minor = sqlite3_column_int64(st, 5);
	p->active = sqlite3_column_int(st, 8);
	if ((idx = crm_strmap_put(cat->skus, p->sku, &added)) == NULL)
		return crm_err_nomem(err);
	*idx = cat->nproducts++;
	return CRM_OK;
}

/* Append code to the product's sorted list (the rows come in order). */
static int
add_restriction(struct load *ld, sqlite3_stmt *st, int colour,
    crm_err *err)
{
	crm_catalog *cat = ld->cat;
	const char *sku = (const char *)sqlite3_column_text(st, 0);
	const char *code = (const char *)sqlite3_column_text(st, 1);
	const struct cat_code *codes = colour ? cat->colours : cat->options;
	struct cat_product *p = crm_catalog_product_find(cat, sku);
	const char *const **list;
	size_t *n;
	const char **grown;
	long k;

	k = crm_catalog_code_find(codes, colour ? cat->ncolours :
	    cat->noptions, code);
	if (p == NULL || k < 0)
		return CRM_OK;     /* the foreign keys keep this from happening */
	list = colour ? &p->pub.colours : &p->pub.options;
	n = colour ? &p->pub.ncolours : &p->pub.noptions;
	if ((grown = realloc((void *)*list, (*n + 1) * sizeof(*grown))) ==
	    NULL)
		return crm_err_nomem(err);
	grown[(*n)++] = codes[k].code;
	*list = grown;
	return CRM_OK;
}

static int
add_product_colour(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	return add_restriction(ld, st, 1, err);
}

static int
add_product_option(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	return add_restriction(ld, st, 0, err);
}

/* A date column as a day number; NULL is open (INT32_MAX). */
static int
date_col(sqlite3_stmt *st, int i, int32_t *day, crm_err *err)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	*day = INT32_MAX;
	if (s == NULL)
		return CRM_OK;
	if (crm_date_parse(s, strlen(s), day, err) != CRM_OK)
		return crm_err_prefix(err, "prices: %.16s", s);
	return CRM_OK;
}

static int
add_price(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	crm_catalog *cat = ld->cat;
	struct cat_product *p = crm_catalog_product_find(cat,
	    (const char *)sqlite3_column_text(st, 0));
	struct cat_price *pr;
	int rc;

	if (p == NULL)
		return CRM_OK;
	if ((pr = realloc(p->prices, (p->nprices + 1) * sizeof(*pr))) == NULL)
		return crm_err_nomem(err);
	p->prices = pr;
	pr = &p->prices[p->nprices];
	memset(pr, 0, sizeof(*pr));
	if ((rc = keep_col(cat, st, 1, &pr->list, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 2, &pr->tier, err)) != CRM_OK ||
	    (rc = date_col(st, 3, &pr->from, err)) != CRM_OK ||
	    (rc = date_col(st, 4, &pr->to, err)) != CRM_OK ||
	    (rc = keep_col(cat, st, 6, &pr->currency, err)) != CRM_OK)
		return rc;
	pr->minor = sqlite3_column_int64(st, 5);
	p->nprices++;
	return CRM_OK;
}

static int
add_alias(struct load *ld, sqlite3_stmt *st, crm_err *err)
{
	crm_catalog *cat = ld->cat;
	const char *kind = (const char *)sqlite3_column_text(st, 0);
	const char *code = (const char *)sqlite3_column_text(st, 1);
	const char *text;
	struct cat_product *p;
	long k = -1;
	int which;

	if (strcmp(kind, "product") == 0) {
		which = CAT_PRODUCT;
		if ((p = crm_catalog_product_find(cat, code)) != NULL)
			k = p - cat->products;
	} else if (strcmp(kind, "colour") == 0) {
		which = CAT_COLOUR;
		k = crm_catalog_code_find(cat->colours, cat->ncolours, code);
	} else {
		which = CAT_OPTION;
		k = crm_catalog_code_find(cat->options, cat->noptions, code);
	}
	if (k < 0)
		return CRM_OK;     /* an alias of something no longer there */
	if ((text = crm_catalog_keep(cat, (const char *)sqlite3_column_text(st,
	    2), (size_t)-1, err)) == NULL)
		return CRM_EINTERNAL;
	return crm_catalog_index_add(cat, which, (uint32_t)k, text, err);
}

/* Names and codes are words of the index, like the aliases (which go
 * in first, so that a name or code that reads the same gives way to the
 * alias in messages). */
static int
index_codes(crm_catalog *cat, crm_err *err)
{
	size_t i;
	int rc = CRM_OK;

	for (i = 0; rc == CRM_OK && i < cat->nproducts; i++)
		rc = crm_catalog_index_add(cat, CAT_PRODUCT, (uint32_t)i,
		    cat->products[i].pub.name, err);
	for (i = 0; rc == CRM_OK && i < cat->ncolours; i++)
		rc = crm_catalog_index_add(cat, CAT_COLOUR, (uint32_t)i,
		    cat->colours[i].name, err);
	for (i = 0; rc == CRM_OK && i < cat->noptions; i++)
		rc = crm_catalog_index_add(cat, CAT_OPTION, (uint32_t)i,
		    cat->options[i].name, err);
	for (i = 0; rc == CRM_OK && i < cat->nproducts; i++)
		rc = crm_catalog_index_add(cat, CAT_PRODUCT, (uint32_t)i,
		    cat->products[i].pub.sku, err);
	for (i = 0; rc == CRM_OK && i < cat->ncolours; i++)
		rc = crm_catalog_index_add(cat, CAT_COLOUR, (uint32_t)i,
		    cat->colours[i].code, err);
	for (i = 0; rc == CRM_OK && i < cat->noptions; i++)
		rc = crm_catalog_index_add(cat, CAT_OPTION, (uint32_t)i,
		    cat->options[i].code, err);
	return rc;
}

static int
load_all(crm_db *db, crm_catalog *cat, crm_err *err)
{
	static const struct { const char *sql; row_fn fn; } steps[] = {
		{ "SELECT code, name FROM colours ORDER BY code", add_colour },
		{ "SELECT code, name FROM options ORDER BY code", add_option },
		{ "SELECT sku, name, segment, category, unit, list_price_minor,"
		  " currency, bom_code, active FROM products ORDER BY sku",
		  add_product },
		{ "SELECT sku, colour FROM product_colours ORDER BY sku, colour",
		  add_product_colour },
		{ "SELECT sku, option FROM product_options ORDER BY sku, option",
		  add_product_option },
		{ "SELECT sku, list, tier, valid_from, valid_to, price_minor,"
		  " currency FROM prices ORDER BY sku, list, tier, valid_from",
		  add_price },
	};
	struct load ld;
	size_t i;
	int rc;

	memset(&ld, 0, sizeof(ld));
	ld.cat = cat;
	for (i = 0; i < ARRAY_LEN(steps); i++)
		if ((rc = each_row(db, &ld, steps[i].sql, steps[i].fn, err)) !=
		    CRM_OK)
			return rc;
	if ((rc = each_row(db, &ld, "SELECT kind, code, text FROM aliases"
	    " ORDER BY kind, code, text", add_alias, err)) != CRM_OK ||
	    (rc = index_codes(cat, err)) != CRM_OK)
		return rc;
	return crm_catalog_index_build(cat, err);
}

int
crm_catalog_open(crm_db *db, crm_catalog **out, crm_err *err)
{
	int own = sqlite3_get_autocommit(crm_db_handle(db)), rc;
	crm_catalog *cat;

	*out = NULL;
	if ((cat = calloc(1, sizeof(*cat))) == NULL ||
	    (cat->skus = crm_strmap_new(sizeof(size_t))) == NULL) {
		free(cat);
		return crm_err_nomem(err);
	}
	if (own && (rc = crm_db_exec(db, "BEGIN", err)) != CRM_OK)
		goto out;
	rc = load_all(db, cat, err);
	if (own)
		crm_db_exec(db, "COMMIT", NULL);
out:
	if (rc != CRM_OK) {
		crm_catalog_free(cat);
		return rc;
	}
	*out = cat;
	return CRM_OK;
}

void
crm_catalog_free(crm_catalog *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->nproducts; i++) {
		free((void *)cat->products[i].pub.colours);
		free((void *)cat->products[i].pub.options);
		free(cat->products[i].prices);
	}
	for (i = 0; i < cat->nstrings; i++)
		free(cat->strings[i]);
	free(cat->strings);
	free(cat->products);
	free(cat->colours);
	free(cat->options);
	crm_strmap_free(cat->skus);
	crm_catalog_index_free(cat);
	free(cat);
}

int
crm_catalog_product_get(crm_catalog *cat, const char *sku,
    const crm_catalog_product **p, crm_err *err)
{
	struct cat_product *found = crm_catalog_product_find(cat, sku);

	if (found == NULL)
		return crm_err_set(err, CRM_EDATA, "unknown sku %.64s", sku);
	*p = &found->pub;
	return CRM_OK;
}

int
crm_catalog_comes_in(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return 1;
	return n == 0;
}

int
crm_catalog_not_in(crm_buf *b, const crm_catalog_product *p,
    const char *what, const char *code, crm_err *err)
{
	const char *const *codes = strcmp(what, "colour") == 0 ? p->colours :
	    p->options;
	size_t n = strcmp(what, "colour") == 0 ? p->ncolours : p->noptions;
	size_t i;
	int rc;

	rc = crm_buf_printf(b, "%s does not come in %s %.64s (comes in: ",
	    p->sku, what, code);
	for (i = 0; rc == CRM_OK && i < n; i++)
		rc = crm_buf_printf(b, "%s%s", i > 0 ? ", " : "", codes[i]);
	if (rc == CRM_OK)
		rc = crm_buf_adds(b, ")");
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* "field: " and the text of crm_catalog_not_in as err. */
static int
variant_fail(crm_catalog *cat, const crm_catalog_product *p,
    const char *field, const char *what, const char *code, crm_err *err)
{
	int rc;

	crm_buf_reset(&cat->msg);
	if ((rc = crm_catalog_not_in(&cat->msg, p, what, code, err)) !=
	    CRM_OK)
		return rc;
	return crm_err_set(err, CRM_EDATA, "%s: %s", field, cat->msg.data);
}

int
crm_catalog_check_variant(crm_catalog *cat, const char *sku,
    const char *colour, const char *const *options, size_t n, crm_err *err)
{
	const struct cat_product *p = crm_catalog_product_find(cat, sku);
	size_t i;

	if (p == NULL)
		return crm_err_set(err, CRM_EDATA, "sku: unknown sku %.64s",
		    sku);
	if (colour != NULL && crm_catalog_code_find(cat->colours,
	    cat->ncolours, colour) < 0)
		return crm_err_set(err, CRM_EDATA, "colour: unknown colour "
		    "%.64s", colour);
	if (colour != NULL && !crm_catalog_comes_in(p->pub.colours,
	    p->pub.ncolours, colour))
		return variant_fail(cat, &p->pub, "colour", "colour", colour,
		    err);
	for (i = 0; i < n; i++) {
		if (crm_catalog_code_find(cat->options, cat->noptions,
		    options[i]) < 0)
			return crm_err_set(err, CRM_EDATA, "options: unknown "
			    "option %.64s", options[i]);
		if (!crm_catalog_comes_in(p->pub.options, p->pub.noptions,
		    options[i]))
			return variant_fail(cat, &p->pub, "options", "option",
			    options[i], err);
	}
	return CRM_OK;
}

/* The price of p in list on day for tier (NULL: the any-tier price). */
static const struct cat_price *
price_in_force(const struct cat_product *p, const char *list,
    const char *tier, int32_t day)
{
	const struct cat_price *pr;
	size_t i;

	for (i = 0; i < p->nprices; i++) {
		pr = &p->prices[i];
		if (strcmp(pr->list, list) != 0 || day < pr->from ||
		    day > pr->to)
			continue;
		if (tier == NULL ? pr->tier == NULL : pr->tier != NULL &&
		    strcmp(pr->tier, tier) == 0)
			return pr;
	}
	return NULL;
}

int
crm_catalog_price(crm_catalog *cat, const char *list, const char *sku,
    const char *tier, int32_t day, int64_t *minor, const char **currency,
    const char **source, crm_err *err)
{
	const struct cat_product *p = crm_catalog_product_find(cat, sku);
	const struct cat_price *pr = NULL;
	const char *from = "tier";
	char buf[CRM_DATE_BUFSZ];

	if (p == NULL)
		return crm_err_set(err, CRM_EDATA, "unknown sku %.64s", sku);
	if (list == NULL)
		list = "standard";
	if (tier != NULL && *tier != '\0')
		pr = price_in_force(p, list, tier, day);
	if (pr == NULL) {
		from = "list";
		pr = price_in_force(p, list, NULL, day);
	}
	if (pr != NULL) {
		*minor = pr->minor;
		if (currency != NULL)
			*currency = pr->currency;
	} else if (p->pub.has_list_price) {
		from = "catalog";
		*minor = p->pub.list_price_minor;
		if (currency != NULL)
			*currency = p->pub.currency;
	} else
		return crm_err_set(err, CRM_EDATA, "%s has no price on %s",
		    sku, crm_date_format(day, buf));
	if (source != NULL)
		*source = from;
	return CRM_OK;
}
