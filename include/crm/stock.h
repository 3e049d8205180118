/*
 * crm/stock.h - stock at the sales end: in transit, received, issued
 * first in first out, moved, counted, aged and valued, and the units
 * delivered with their service plans.
 *
 * Stock is an append-only ledger of moves (table stock_moves), each the
 * change of one lot's quantity at one location on one day.  A lot is one
 * receipt of one sku at one location on one day at one unit cost (a unit
 * with a serial number is a lot of one); it keeps its receipt date when
 * it moves, so its age is the days since it was received.  The levels of
 * today come from a cache of the ledger's sums (stock_balances) kept in
 * step in the same transaction; the levels of any past date are summed
 * from the ledger itself.  Locations (dealers, branches, warehouses) are
 * known by id; every verb refuses an unknown one.
 *
 * The writer functions (transit, receive, issue, move, count) work in
 * the caller's transaction, one record at a time: a record they refuse
 * (CRM_EDATA, with the record's place) has written nothing the caller's
 * savepoint does not roll back.  Two processes writing stock are
 * serialised by the database's write lock (crm_db_begin takes it at
 * once): the second sees what the first committed, so the last unit is
 * issued once and stock never goes below zero.
 */
#ifndef CRM_STOCK_H
#define CRM_STOCK_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

typedef struct crm_stock crm_stock;

typedef struct crm_stock_opts {
	const char *on;        /* date of records that give none (YYYY-MM-DD) */
	const char *at;        /* instant the run records (RFC 3339) */
	const char *location;  /* location of records that give none; NULL */
	const char *reason;    /* count: reason of records that give none */
	int full;              /* count: skus at a counted location that the
	                          count leaves out were counted as zero */
} crm_stock_opts;

typedef struct crm_stock_counts {
	unsigned long locations_new, locations_updated, locations_unchanged;
	unsigned long transit_new, transit_updated, transit_unchanged;
	unsigned long lots;        /* lots created (receipts, count surplus) */
	int64_t received, issued, moved;   /* units */
	unsigned long counted;     /* (location, sku) pairs counted */
	unsigned long adjusted;    /* of those, with a difference */
	int64_t gained, lost;      /* units the count found and missed */
} crm_stock_counts;

/* A writer for one run over db, options copied.  Prepares nothing yet. */
CRM_API int crm_stock_new(crm_db *db, const crm_stock_opts *o,
	crm_stock **out, crm_err *err);
/* Frees s; a count not finished is dropped. */
CRM_API void crm_stock_free(crm_stock *s);
CRM_API const crm_stock_counts *crm_stock_counts_of(const crm_stock *s);

/* One location record: id, name (default the id), kind (dealer, branch,
 * warehouse or another word), region, customer_id (the dealer it is).
 * Inserted, or updated when it differs. */
CRM_API int crm_stock_location(crm_stock *s, const crm_rec *r, crm_err *err);

/* The locations, by id. */
CRM_API int crm_stock_location_list(crm_db *db, crm_out *out, crm_err *err);

/* One record of stock on the way, as crm-order ship writes it:
 * shipment_id, line_no, sku, qty, and the location it goes to (field
 * location, else destination), shipped_at or shipped_on, and optionally
 * expected_on, carrier, order_id, order_code, serial, unit_cost with
 * currency.  A unit cost not given is the net unit price of the order
 * line when order_id and line_no name one in the database.  A line seen
 * before is unchanged, or takes the new carrier and expected_on (a
 * feed's later news); any other difference is refused. */
CRM_API int crm_stock_transit(crm_stock *s, const crm_rec *r, crm_err *err);

/* One receipt record.  With shipment_id: the lines of that shipment
 * still on the way (all of them, or line_no's) are received in full or
 * qty of them, at location (default opts.location, else where the line
 * was going), on
 * received_on (default opts.on), handed over by carrier (default the
 * line's) to received_by; serials, an array, makes one lot per unit.
 * More than is on the way is refused with the figures.  Without
 * shipment_id it is stock from elsewhere (an opening balance): sku, qty,
 * location, unit_cost and currency are required.  Writes one record per
 * lot made to out (if not NULL).  A shipment that crm-order knows is
 * delivered (crm_order_deliver) when all of it is received. */
CRM_API int crm_stock_receive(crm_stock *s, const crm_rec *r, crm_out *out,
	crm_err *err);

/* One issue record: stock out to a customer.  Either order_id (all its
 * lines not issued yet, or line_no's, qty of it) of an order that names
 * its location or is given one, or sku, qty and location (customer_id
 * optional).  Consumed first in first out by receipt date (then lot id)
 * across the lots at the location, or from lot or serial only.  Never
 * below zero: CRM_EDATA with what is there.  Writes one record per lot
 * consumed to out, with its unit cost and cost (FIFO cost of goods). */
CRM_API int crm_stock_issue(crm_stock *s, const crm_rec *r, crm_out *out,
	crm_err *err);

/* One move record: sku and qty (or lot, or serial) from one location to
 * another, first in first out, each lot keeping its receipt date.
 * Writes one record per lot moved to out. */
CRM_API int crm_stock_move(crm_stock *s, const crm_rec *r, crm_out *out,
	crm_err *err);

/* One stocktake record: location, sku, qty counted (>= 0), reason.
 * The count is compared with what is on hand and the difference booked
 * as a "count" move with its reason: a shortage taken from the oldest
 * lots first, a surplus as a new lot received on the count's date at
 * the record's unit_cost, else the unit cost of the sku's newest lot.
 * A location and sku counted twice in one run is refused.  One record
 * per count is written to out: location, sku, on_hand, counted,
 * difference, value of the difference.  crm_stock_count_finish() ends
 * the stocktake: with opts.full, every sku on hand at a counted location
 * that was not counted is counted as zero (and written to out). */
CRM_API int crm_stock_count(crm_stock *s, const crm_rec *r, crm_out *out,
	crm_err *err);
CRM_API int crm_stock_count_finish(crm_stock *s, crm_out *out,
	crm_err *err);

/*
 * Queries.  Each writes records to out.  as_of NULL: everything
 * recorded (the cache); a date: the ledger summed up to and including
 * that day.  sku and location NULL: all.
 */
typedef struct crm_stock_query {
	const char *as_of;
	const char *sku;
	const char *location;
	const char *customer;     /* units */
	const char *from, *to;    /* units, service plan: dates, inclusive */
	const char *today;        /* age, transit --late: the day to count from */
} crm_stock_query;

/* Per sku and location: on_hand, in_transit, reserved (lines of orders
 * confirmed, scheduled or partly shipped that name the location, less
 * what was issued for them) and available (on_hand - reserved).  Rows
 * that are all zero are left out.  Reserved and available only without
 * as_of: a past date has no record of what was reserved then. */
CRM_API int crm_stock_levels(crm_db *db, const crm_stock_query *q,
	crm_out *out, crm_err *err);

/* Per sku and location, qty and FIFO value (the lots' unit costs) and
 * currency. */
CRM_API int crm_stock_value(crm_db *db, const crm_stock_query *q,
	crm_out *out, crm_err *err);

/* Lines on the way: each shipped line not received in full, with
 * shipped, received and open quantities; late only: those expected
 * before today. */
CRM_API int crm_stock_transit_list(crm_db *db, const crm_stock_query *q,
	int late, crm_out *out, crm_err *err);

/* The ledger's moves, oldest first. */
CRM_API int crm_stock_moves(crm_db *db, const crm_stock_query *q,
	crm_out *out, crm_err *err);

/* Ageing buckets: upper bounds in days, ascending; a last bucket holds
 * what is older than the last bound.  The default 30, 60, 90, 180 makes
 * 0-30, 31-60, 61-90, 91-180 and over 180. */
#define CRM_STOCK_MAX_BUCKETS 16
typedef struct crm_stock_buckets {
	int bound[CRM_STOCK_MAX_BUCKETS];
	size_t n;
} crm_stock_buckets;

/* The buckets of rule file path (NULL: stock-ageing.json in the share
 * directory; see crm-stock-ageing(5)).  CRM_ECONFIG with file:line. */
CRM_API int crm_stock_buckets_load(const char *path, crm_stock_buckets *b,
	crm_err *err);
/* Buckets from a list "30,60,90,180".  CRM_EUSAGE when malformed. */
CRM_API int crm_stock_buckets_parse(const char *list, crm_stock_buckets *b,
	crm_err *err);

/* Stock on hand per sku, location and age bucket: qty, value, currency,
 * age measured at q->today (or as_of). */
CRM_API int crm_stock_age(crm_db *db, const crm_stock_query *q,
	const crm_stock_buckets *b, crm_out *out, crm_err *err);
/* The same, handing each row (location, sku, bucket, qty, value,
 * currency; by location and sku, then bucket) to fn, borrowed until it
 * returns; anything but CRM_OK from fn stops with that code. */
typedef int (*crm_stock_row_fn)(void *ctx, crm_rec *row, crm_err *err);
CRM_API int crm_stock_age_each(crm_db *db, const crm_stock_query *q,
	const crm_stock_buckets *b, crm_stock_row_fn fn, void *ctx,
	crm_err *err);
/* The label of bucket k (0 to b->n) into buf: "0-30", "31-60", and
 * "over 180" for the last. */
CRM_API void crm_stock_bucket_label(const crm_stock_buckets *b, size_t k,
	char *buf, size_t sz);
/* Lots on hand older than days, oldest first, with their value. */
CRM_API int crm_stock_stale(crm_db *db, const crm_stock_query *q, int days,
	crm_out *out, crm_err *err);

/* Delivered units: every issue to a customer, by serial where known,
 * with the customer, order and day, filtered by q (customer, sku,
 * from/to on the day issued). */
CRM_API int crm_stock_units(crm_db *db, const crm_stock_query *q,
	crm_out *out, crm_err *err);

/* After-sales service plans (crm-service-plan(5)): per sku or category,
 * services every so many months (and kilometres, for whichever comes
 * first) from delivery, up to a count or an age. */
typedef struct crm_service_plan crm_service_plan;
CRM_API int crm_service_plan_load(const char *path, crm_service_plan **p,
	crm_err *err);
CRM_API void crm_service_plan_free(crm_service_plan *p);
/* The services due from q->from to q->to (inclusive; NULL: no bound) of
 * the delivered units matching q, one record each, in due order. */
CRM_API int crm_stock_service_plan(crm_db *db, const crm_service_plan *p,
	const crm_stock_query *q, crm_out *out, crm_err *err);
/* The same, handing each record to fn (crm_stock_row_fn, above),
 * borrowed until it returns; anything but CRM_OK from fn stops with that
 * code. */
CRM_API int crm_stock_service_plan_each(crm_db *db,
	const crm_service_plan *p, const crm_stock_query *q,
	crm_stock_row_fn fn, void *ctx, crm_err *err);

/* Rebuild the cache stock_balances from the ledger (after a load). */
CRM_API int crm_stock_rebuild(crm_db *db, crm_err *err);
/* Compare the cache with the ledger: one record per difference
 * {"check":"stock_balances","lot_id","location_id","cached","ledger"}
 * to out; *problems gets their number. */
CRM_API int crm_stock_check(crm_db *db, crm_out *out,
	unsigned long *problems, crm_err *err);

#endif
