/*
 * order_adapt.c - what order creation asks of the catalog: the product
 * of a line (by sku, or by the customer's words), whether it comes in
 * the colour and options asked for, and its price on the order date.
 */
#include "internal.h"
#include "order_internal.h"

/* What a run remembers of a product: asked of the database once. */
struct product {
	int found, active, bom, has_list;
	int64_t list_price;
	char currency[8];
	char category[64];
};

static const char product_sql[] =
	"SELECT category, bom_code, active, list_price_minor, currency"
	" FROM products WHERE sku = ?1";

static const char price_sql[] =
	"SELECT price_minor, currency FROM prices"
	" WHERE list = ?1 AND sku = ?2 AND valid_from <= ?3"
	" AND (valid_to IS NULL OR valid_to >= ?3)"
	" AND (tier IS NULL OR tier = ?4)"
	" ORDER BY tier IS NULL, valid_from DESC LIMIT 1";

static const char variant_sql[] =
	"SELECT (SELECT count(*) FROM product_colours WHERE sku = ?1),"
	" (SELECT count(*) FROM product_colours WHERE sku = ?1"
	"  AND colour = ?2),"
	" (SELECT count(*) FROM colours WHERE code = ?2)";

static const char option_sql[] =
	"SELECT (SELECT count(*) FROM product_options WHERE sku = ?1),"
	" (SELECT count(*) FROM product_options WHERE sku = ?1"
	"  AND option = ?2),"
	" (SELECT count(*) FROM options WHERE code = ?2)";

static const char alias_sql[] =
	"SELECT kind, code FROM aliases WHERE norm = ?1"
	" UNION SELECT 'product', sku FROM products WHERE lower(name) = ?1"
	" UNION SELECT 'colour', code FROM colours WHERE lower(name) = ?1"
	" UNION SELECT 'option', code FROM options WHERE lower(name) = ?1"
	" ORDER BY 1, 2";

/* One colour or option code of the line's product: known, and one the
 * product comes in when it names those it does. */
static int
check_code(crm_order_creator *cr, const struct line *l, const char *sql,
    const char *what, const char *code, crm_err *err)
{
	char key[sizeof(l->sku) + 64];
	sqlite3_stmt *st;
	int rc, added, *seen;
	int restricted, offered, known;

	/* Each sku and code is asked of the database once a run. */
	snprintf(key, sizeof(key), "%c%s\037%s", what[0], l->sku, code);
	if ((seen = crm_strmap_put(cr->variants, key, &added)) == NULL)
		return crm_err_nomem(err);
	if (added) {
		if ((rc = crm_db_stmt(cr->db, sql, &st, err)) != CRM_OK)
			return rc;
		sqlite3_bind_text(st, 1, l->sku, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
			sqlite3_reset(st);
			return crm_db_fail(cr->db, rc, "products", err);
		}
		*seen = 1 | (sqlite3_column_int(st, 0) > 0) << 1 |
		    (sqlite3_column_int(st, 1) > 0) << 2 |
		    (sqlite3_column_int(st, 2) > 0) << 3;
		sqlite3_reset(st);
	}
	restricted = *seen & 2;
	offered = *seen & 4;
	known = *seen & 8;
	if (!known)
		return crm_rec_fail(l->rec, err, CRM_EDATA, what, "unknown %s "
		    "code %s", what, code);
	if (restricted && !offered)
		return crm_rec_fail(l->rec, err, CRM_EDATA, what, "%s does not "
		    "come in %s %s", l->sku, what, code);
	return CRM_OK;
}

static int
check_variant(crm_order_creator *cr, const struct line *l, crm_err *err)
{
	char opts[sizeof(l->options)], *p, *next;
	int rc;

	if (l->colour[0] != '\0' && (rc = check_code(cr, l, variant_sql,
	    "colour", l->colour, err)) != CRM_OK)
		return rc;
	memcpy(opts, l->options, sizeof(opts));
	for (p = opts; *p != '\0'; p = next) {
		next = strchr(p, '+');
		if (next != NULL)
			*next++ = '\0';
		else
			next = p + strlen(p);
		if ((rc = check_code(cr, l, option_sql, "option", p, err)) !=
		    CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* Append code to the "+" list opts (size sz). */
static int
add_option(const struct line *l, char *opts, size_t sz, const char *code,
    crm_err *err)
{
	size_t n = strlen(opts), k = strlen(code);

	if (n + k + 2 > sz)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "description",
		    "too many options");
	if (n > 0)
		opts[n++] = '+';
	memcpy(opts + n, code, k + 1);
	return CRM_OK;
}

/* The codes a phrase of a description stands for; CRM_END when it
 * stands for nothing. */
static int
match_word(crm_order_creator *cr, struct line *l, const char *word,
    char *opts, size_t osz, crm_err *err)
{
	sqlite3_stmt *st;
	int rc, step, hits = 0;
	char kind[16] = "", code[64] = "";

	if ((rc = crm_db_stmt(cr->db, alias_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, word, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *c = (const char *)sqlite3_column_text(st, 1);

		if (hits > 0 && strcmp(k, kind) == 0) {
			rc = crm_rec_fail(l->rec, err, CRM_EDATA,
			    "description", "\"%s\" is ambiguous: %s %s or %s",
			    word, kind, code, c);
			sqlite3_reset(st);
			return rc;
		}
		snprintf(kind, sizeof(kind), "%s", k);
		snprintf(code, sizeof(code), "%s", c);
		hits++;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return crm_db_fail(cr->db, step, "aliases", err);
	if (hits == 0)
		return CRM_END;
	if (strcmp(kind, "option") == 0)
		return add_option(l, opts, osz, code, err);
	if (strcmp(kind, "product") == 0) {
		if (l->sku[0] != '\0' && strcmp(l->sku, code) != 0)
			return crm_rec_fail(l->rec, err, CRM_EDATA,
			    "description", "names two products: %s and %s",
			    l->sku, code);
		if (strlen(code) >= sizeof(l->sku))
			return crm_rec_fail(l->rec, err, CRM_EDATA,
			    "description", "sku %s is too long", code);
		memcpy(l->sku, code, strlen(code) + 1);
		return CRM_OK;
	}
	if (l->colour[0] != '\0' && strcmp(l->colour, code) != 0)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "description",
		    "names two colours: %s and %s", l->colour, code);
	if (strlen(code) >= sizeof(l->colour))
		return crm_rec_fail(l->rec, err, CRM_EDATA, "description",
		    "colour code %s is too long", code);
	memcpy(l->colour, code, strlen(code) + 1);
	return CRM_OK;
}

/* sku, colour and options from the words of the description: from
 * each word on, the longest run of words (after normalising) that is an
 * alias or a name in the catalog; a word in no such run is an error. */
static int
match_description(crm_order_creator *cr, struct line *l, crm_err *err)
{
	crm_buf norm = CRM_BUF_INIT, phrase = CRM_BUF_INIT;
	char opts[sizeof(l->options)] = "", *words[64], *p;
	size_t n = 0, i, j, k;
	int rc;

	if ((rc = crm_text_norm(&norm, l->description,
	    strlen(l->description), CRM_TEXT_HALFWIDTH | CRM_TEXT_TRIM |
	    CRM_TEXT_LOWER | CRM_TEXT_NOPUNCT, err)) != CRM_OK)
		goto out;
	for (p = norm.data; p != NULL && *p != '\0'; n++) {
		if (n == ARRAY_LEN(words)) {
			rc = crm_rec_fail(l->rec, err, CRM_EDATA,
			    "description", "more than %zu words",
			    ARRAY_LEN(words));
			goto out;
		}
		words[n] = p;
		if ((p = strchr(p, ' ')) != NULL)
			*p++ = '\0';
	}
	for (i = 0; i < n; i = j) {
		for (j = n, rc = CRM_END; j > i && rc == CRM_END; j--) {
			phrase.len = 0;
			for (k = i; k < j; k++)
				if ((k > i && crm_buf_addc(&phrase, ' ') !=
				    CRM_OK) || crm_buf_adds(&phrase, words[k]) !=
				    CRM_OK) {
					rc = crm_err_nomem(err);
					goto out;
				}
			rc = match_word(cr, l, phrase.data, opts, sizeof(opts),
			    err);
		}
		if (rc == CRM_END)
			rc = crm_rec_fail(l->rec, err, CRM_EDATA,
			    "description", "\"%s\" is not in the catalog",
			    words[i]);
		if (rc != CRM_OK)
			goto out;
		j++;
	}
	if (l->sku[0] == '\0')
		rc = crm_rec_fail(l->rec, err, CRM_EDATA, "description",
		    "names no product");
	if (rc == CRM_OK && opts[0] != '\0') {
		if (l->options[0] != '\0')
			rc = add_option(l, opts, sizeof(opts), l->options, err);
		if (rc == CRM_OK)
			rc = crm_order_options_norm(l->rec, opts, strlen(opts),
			    0, l->options, sizeof(l->options), err);
	}
out:
	crm_buf_free(&norm);
	crm_buf_free(&phrase);
	return rc;
}

/* The price of the line's product on the order date for the customer's
 * tier: the tier's price, else the list's, else the catalog price. */
static int
price_line(crm_order_creator *cr, const struct order *o, struct line *l,
    const struct product *prod, crm_err *err)
{
	const char *cur = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = crm_db_stmt(cr->db, price_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, cr->opts.price_list != NULL ?
	    cr->opts.price_list : "standard", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, l->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o->tier, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		l->unit = sqlite3_column_int64(st, 0);
		cur = (const char *)sqlite3_column_text(st, 1);
	} else if (rc == SQLITE_DONE && prod->has_list) {
		l->unit = prod->list_price;
		cur = prod->currency;
	}
	if (cur == NULL || strcmp(cur, o->currency) != 0) {
		rc = rc != SQLITE_ROW && rc != SQLITE_DONE ?
		    crm_db_fail(cr->db, rc, "prices", err) : cur == NULL ?
		    crm_rec_fail(l->rec, err, CRM_EDATA, "price", "%s has no "
		    "price on %s (give one)", l->sku, o->date) :
		    crm_rec_fail(l->rec, err, CRM_EDATA, "price", "the price "
		    "of %s on %s is in %s, the order is in %s", l->sku,
		    o->date, cur, o->currency);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return CRM_OK;
}

size_t
crm_order_product_size(void)
{
	return sizeof(struct product);
}

static int
product_load(crm_order_creator *cr, const char *sku, struct product *p,
    crm_err *err)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	if ((rc = crm_db_stmt(cr->db, product_sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->found = 1;
		s = (const char *)sqlite3_column_text(st, 0);
		snprintf(p->category, sizeof(p->category), "%s", s ? s : "");
		p->bom = sqlite3_column_type(st, 1) != SQLITE_NULL;
		p->active = sqlite3_column_int(st, 2) != 0;
		p->has_list = sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    sqlite3_column_type(st, 4) != SQLITE_NULL;
		p->list_price = sqlite3_column_int64(st, 3);
		s = (const char *)sqlite3_column_text(st, 4);
		snprintf(p->currency, sizeof(p->currency), "%s", s ? s : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CRM_OK :
	    crm_db_fail(cr->db, rc, "products", err);
}

/* The product of l->sku, sold and priced (unless l is). */
int
crm_order_price_sku(crm_order_creator *cr, const struct order *o,
    struct line *l, crm_err *err)
{
	struct product *p;
	int rc, added;

	if ((p = crm_strmap_put(cr->products, l->sku, &added)) == NULL)
		return crm_err_nomem(err);
	if (added && (rc = product_load(cr, l->sku, p, err)) != CRM_OK)
		return rc;
	if (!p->found)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "sku", "unknown sku "
		    "%s", l->sku);
	if (!p->active)
		return crm_rec_fail(l->rec, err, CRM_EDATA, "sku", "%s is not "
		    "sold any more (inactive)", l->sku);
	l->bom = p->bom;
	l->category = p->category;
	return l->priced ? CRM_OK : price_line(cr, o, l, p, err);
}

int
crm_order_line_product(crm_order_creator *cr, struct order *o,
    struct line *l, crm_err *err)
{
	int rc;

	if (l->sku[0] == '\0' && (rc = match_description(cr, l, err)) !=
	    CRM_OK)
		return rc;
	if ((rc = crm_order_price_sku(cr, o, l, err)) != CRM_OK)
		return rc;
	return check_variant(cr, l, err);
}
