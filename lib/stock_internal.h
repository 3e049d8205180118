/*
 * stock_internal.h - what the files of the stock module share: the run's
 * writer, the FIFO take and the booking of a move with its cache.
 */
#ifndef CRM_STOCK_INTERNAL_H
#define CRM_STOCK_INTERNAL_H

#include "internal.h"
#include "strmap.h"

#define STOCK_ID_SZ 128

/* What a take found at a location: one lot, what it had there, what
 * the take uses of it. */
struct stock_lot {
	char id[STOCK_ID_SZ];
	char received_on[CRM_DATE_BUFSZ];
	char currency[8];
	char serial[STOCK_ID_SZ];
	int64_t unit_cost;
	int64_t had;
	int64_t qty;
};

struct crm_stock {
	crm_db *db;
	char on[CRM_DATE_BUFSZ];
	char at[CRM_DATE_BUFSZ];
	char location[STOCK_ID_SZ];     /* "" when none */
	char reason[256];
	int full;
	crm_stock_counts counts;
	crm_rec *rec;                   /* the record being written */
	struct stock_lot *lots;         /* the last take */
	size_t nlots, caplots;
	crm_strmap *counted;            /* "location\tsku" counted */
	crm_strmap *count_locations;    /* locations counted ... */
	char (*locs)[STOCK_ID_SZ];      /* ... in the order first counted */
	size_t nlocs, caplocs;
};

/* A lot to make: by a receipt, or by a count that found more. */
struct stock_new_lot {
	char id[STOCK_ID_SZ];
	const char *sku, *location, *serial, *currency;
	const char *shipment, *carrier, *received_by;
	char received_on[CRM_DATE_BUFSZ];
	int64_t line_no, qty, unit_cost;
};

/* Insert lot l and its first move (kind "receive" or "count", with
 * reason); write its record to out if not NULL.  CRM_EDATA at r's place
 * when the lot id or serial was received before. */
int stock_lot_make(crm_stock *s, const crm_rec *r,
	const struct stock_new_lot *l, const char *kind, const char *reason,
	crm_out *out, crm_err *err);
/* The number of lots of sku received at location on day without a
 * shipment: the next one is named location/sku/day/(n + 1). */
int stock_lots_on(crm_stock *s, const char *location, const char *sku,
	const char *day, long *n, crm_err *err);

/* One change of the ledger: qty (+ in, - out) of lot at location. */
struct stock_move {
	const char *lot, *sku, *received_on, *location, *on, *kind;
	const char *ref, *order_id, *customer, *reason;
	int64_t line_no;     /* 0: none */
	int64_t qty;
	int64_t had;         /* the lot's balance at location before */
};

/* Insert the move and keep stock_balances in step. */
int stock_book(crm_stock *s, const struct stock_move *m, crm_err *err);

/* Find qty of sku at location, first in first out, or of lot only
 * (NULL: any): s->lots gets the lots used, oldest first.  With before
 * (a day), only lots with no move at the location dated after it: a
 * move dated before the lot's last one there could take a past day's
 * balance below zero.  CRM_EDATA naming r's place and field when there
 * is less. */
int stock_take(crm_stock *s, const crm_rec *r, const char *location,
	const char *sku, const char *lot, const char *before, int64_t qty,
	crm_err *err);

/* A string field: CRM_OK, CRM_END when absent (required: CRM_EDATA
 * "missing"), CRM_EDATA when not a usable string. */
int stock_str(const crm_rec *r, const char *key, int required, char *buf,
	size_t sz, crm_err *err);
/* A date field into buf (YYYY-MM-DD), else dflt. */
int stock_date(const crm_rec *r, const char *key, const char *dflt,
	char *buf, crm_err *err);
/* The quantity field qty: a whole number from min; CRM_END if absent. */
int stock_qty(const crm_rec *r, const char *key, int64_t min, int64_t *qty,
	crm_err *err);

/* CRM_EDATA at field of r when location / sku / customer is unknown. */
int stock_location_known(crm_stock *s, const crm_rec *r, const char *field,
	const char *id, crm_err *err);
int stock_sku_known(crm_stock *s, const crm_rec *r, const char *field,
	const char *sku, char *currency, crm_err *err);
int stock_customer_known(crm_stock *s, const crm_rec *r, const char *field,
	const char *id, crm_err *err);

/* Bind v to parameter i unless it is NULL or empty (left NULL). */
void stock_bind_opt(sqlite3_stmt *st, int i, const char *v);
/* Step st once, expecting no row; reset it and clear its bindings.
 * what names the table in an error. */
int stock_step_done(crm_db *db, sqlite3_stmt *st, const char *what,
	crm_err *err);

/* Set a string field of s->rec if v is not NULL or empty. */
int stock_set(crm_stock *s, const char *key, const char *v, crm_err *err);
/* Set money field key (amount in currency's minor units). */
int stock_set_money(crm_stock *s, const char *key, int64_t minor,
	const char *currency, crm_err *err);

/* CRM_EDATA "no such location X" unless id is NULL or known. */
int stock_query_location(crm_db *db, const char *id, crm_err *err);

/* Prepare "WITH bal AS (balances) sql": bal has a row (location_id, sku,
 * received_on, lot_id, qty) per lot and location holding stock, from the
 * cache or, with q->as_of, summed from the ledger up to that day.  The
 * query's fields are bound: ?1 sku, ?2 location, ?3 as_of, ?4 today.
 * The caller finalizes *st. */
int stock_query_prepare(crm_db *db, const crm_stock_query *q,
	const char *sql, sqlite3_stmt **st, crm_err *err);

#endif
