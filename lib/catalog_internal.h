/*
 * catalog_internal.h - the catalog in memory, shared by catalog.c
 * (loading, lookups, prices) and catalog_match.c (the index of words and
 * matching).  Not installed.
 */
#ifndef CRM_CATALOG_INTERNAL_H
#define CRM_CATALOG_INTERNAL_H

#include "crm/catalog.h"
#include "strmap.h"

enum cat_kind { CAT_PRODUCT, CAT_COLOUR, CAT_OPTION };

/* A colour or an option. */
struct cat_code {
	const char *code;
	const char *name;
};

struct cat_price {
	const char *list;
	const char *tier;        /* NULL: any tier */
	int32_t from, to;        /* both inclusive; to INT32_MAX: open */
	int64_t minor;
	const char *currency;
};

struct cat_product {
	crm_catalog_product pub;
	struct cat_price *prices;  /* sorted by list, tier, from */
	size_t nprices;
};

/* One word of the index: a code, a name or an alias, normalised. */
struct cat_entry {
	uint32_t node;             /* the trie node its norm ends at */
	uint32_t seq;              /* order of insertion, for a stable sort */
	uint8_t kind;              /* enum cat_kind */
	uint32_t idx;              /* into products, colours or options */
	const char *text;          /* as written */
	size_t norm_off, norm_len; /* into norms */
};

/* The trie of the normalised words: node 0 is the root; the edges are
 * an open-addressing hash on (parent, byte); the entries that end at a
 * node are entries[first .. first + n). */
struct cat_edge {
	uint32_t parent, child;    /* child 0: an empty slot */
	unsigned char byte;
};

struct cat_node {
	uint32_t first, n;
};

/* A place in the normalised description that matched one node. */
struct cat_part {
	uint32_t node;
	size_t start, len;
};

struct crm_catalog {
	struct cat_product *products;   /* sorted by sku */
	size_t nproducts;
	struct cat_code *colours, *options;   /* sorted by code */
	size_t ncolours, noptions;
	crm_strmap *skus;               /* sku -> size_t index */
	char **strings;                 /* every string the catalog owns */
	size_t nstrings, capstrings;

	struct cat_entry *entries;
	size_t nentries, capentries;
	crm_buf norms;
	struct cat_edge *edges;
	size_t edge_mask;
	struct cat_node *nodes;
	size_t nnodes, capnodes;

	/* Scratch of crm_catalog_match. */
	crm_buf text, msg;
	struct cat_part *parts;
	size_t capparts;
	uint32_t *picked;
	const char **hit_options;
	size_t cappicked;
};

/* A copy of s[0..len) owned by cat (len (size_t)-1: strlen). */
const char *crm_catalog_keep(crm_catalog *cat, const char *s, size_t len,
	crm_err *err);

/* Index of colour or option code in cat, or -1. */
long crm_catalog_code_find(const struct cat_code *codes, size_t n,
	const char *code);

/* The product of sku, or NULL. */
struct cat_product *crm_catalog_product_find(crm_catalog *cat,
	const char *sku);

/* Append to b "SKU does not come in colour X (comes in: A, B)". */
int crm_catalog_not_in(crm_buf *b, const crm_catalog_product *p,
	const char *what, const char *code, crm_err *err);

/* Whether code is one of the sorted codes[0..n) (n 0: any is). */
int crm_catalog_comes_in(const char *const *codes, size_t n,
	const char *code);

/* Build the index from the products, colours, options and the aliases
 * added with crm_catalog_index_add. */
int crm_catalog_index_add(crm_catalog *cat, enum cat_kind kind,
	uint32_t idx, const char *text, crm_err *err);
int crm_catalog_index_build(crm_catalog *cat, crm_err *err);
void crm_catalog_index_free(crm_catalog *cat);

/* Whether the character that begins at s[i] (ends at s[end)) of the
 * normalised s[0..n) is a letter or digit of an alphabetic script; bytes
 * that are not UTF-8 count as such. */
int crm_catalog_word_at(const char *s, size_t n, size_t i);
int crm_catalog_word_before(const char *s, size_t end);

/* The name of a kind: "product", "colour", "option". */
const char *crm_catalog_kind_name(int kind);

#endif
