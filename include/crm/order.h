/*
 * crm/order.h - orders: their lifecycle, creation, APS hand-over and
 * shipments.  Invoices and payments are in crm/invoice.h.
 *
 * An order moves through
 *
 *	draft -> confirmed -> scheduled -> partly_shipped -> shipped
 *	      -> delivered -> invoiced -> paid -> closed
 *
 * and may be cancelled (with a reason) while nothing of it has shipped.
 * Only some moves are made by hand (crm_order_move): confirming a draft,
 * cancelling, closing a paid order.  The others follow from what
 * happened to the order and are made by crm_order_refresh(): the
 * furthest milestone whose condition holds, where shipped means every
 * line shipped in full, delivered every shipment delivered, invoiced the
 * whole total invoiced (delivered or not), paid every invoice settled.
 * Every change of status appends a "status" event (crm/event.h) in the
 * caller's transaction.
 */
#ifndef CRM_ORDER_H
#define CRM_ORDER_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/* The statuses in lifecycle order, comma separated, for messages. */
#define CRM_ORDER_STATUSES "draft, confirmed, scheduled, partly_shipped, " \
	"shipped, delivered, invoiced, paid, closed, cancelled"

/* The index of status in CRM_ORDER_STATUSES, or -1 when it is not one. */
CRM_API int crm_order_status_rank(const char *status);

/* 1 when a user may move an order from one status to the other by hand,
 * 0 when not (CRM_ORDER_STATUSES names only). */
CRM_API int crm_order_can_move(const char *from, const char *to);

/* Move order id to status to by hand, at instant at, with a reason
 * (required for cancelled, may be NULL otherwise), inside the caller's
 * transaction.  CRM_EDATA "no such order X" for an unknown order, "order X:
 * cannot go from A to B (allowed: ...)" for a move the lifecycle does
 * not allow, "order X is held for credit approval" for confirming a held
 * order, "order X has shipped ..." for cancelling after a shipment. */
CRM_API int crm_order_move(crm_db *db, const char *id, const char *to,
	const char *reason, const char *at, crm_err *err);

/* Release a draft held for credit approval: it becomes confirmed, with
 * an event carrying note (NULL: "credit approved").  CRM_EDATA when the
 * order is not held. */
CRM_API int crm_order_approve(crm_db *db, const char *id, const char *note,
	const char *at, crm_err *err);

/* Set order id's status to what its shipments, invoices and payments
 * say (see above), with an event when it changes; a draft, cancelled or
 * closed order is left as it is.  Inside the caller's transaction. */
CRM_API int crm_order_refresh(crm_db *db, const char *id, const char *at,
	crm_err *err);

/*
 * Shipments.  A shipment sends some or all of the open quantity of some
 * or all lines of one order (open: ordered less shipped before); the
 * order must be confirmed, scheduled or partly shipped.  Shipping more
 * than is open is refused with the figures.  crm_order_ship() writes one
 * record per shipped line to out (if not NULL), the feed crm-stock reads
 * for stock in transit: shipment_id, order_id, line_no, sku, qty,
 * order_code, colour, options, customer_id, shipped_at, carrier,
 * expected_on, destination.
 */
typedef struct crm_ship_line {
	long line_no;
	int64_t qty;
} crm_ship_line;

typedef struct crm_shipment {
	const char *id;           /* NULL: "<order>-S<n>" */
	const char *order_id;
	const char *shipped_at;   /* RFC 3339 instant */
	const char *carrier;      /* the rest may be NULL */
	const char *expected_on;  /* YYYY-MM-DD */
	const char *destination;
	const crm_ship_line *lines;
	size_t nlines;            /* 0: every open line in full */
} crm_shipment;

CRM_API int crm_order_ship(crm_db *db, const crm_shipment *sh, crm_out *out,
	crm_err *err);

/* Record that shipment id arrived on date on (YYYY-MM-DD); at is the
 * instant of the change.  A shipment is delivered once. */
CRM_API int crm_order_deliver(crm_db *db, const char *id, const char *on,
	const char *at, crm_err *err);

/*
 * APS.  The export is one record per order line that the factory makes
 * (its product has a BOM code), of orders that are confirmed or
 * scheduled, with the columns CRM_ORDER_APS_COLUMNS; options are the
 * option codes joined by "+".  Unless all is set, only orders not sent
 * before; unless dry_run is set, the orders exported are marked sent at
 * instant at.  *n is the number of lines written.
 */
#define CRM_ORDER_APS_NCOLUMNS 10
CRM_API const char *const *crm_order_aps_columns(void);

CRM_API int crm_order_export_aps(crm_db *db, int all, int dry_run,
	const char *at, crm_out *out, unsigned long *n, crm_err *err);

/* Apply one record of APS feedback: order_code (or order_id),
 * scheduled_on (YYYY-MM-DD), planned_week (YYYY-Www), status (APS's own
 * word, kept as aps_status; "rejected" clears the sent mark so that the
 * next export sends the order again).  Moves a confirmed order to
 * scheduled when a date is given.  Errors name the record's place. */
CRM_API int crm_order_import_aps(crm_db *db, const crm_rec *rec,
	const char *at, crm_err *err);

/* Listing.  Filters left NULL do not filter; dates are YYYY-MM-DD on the
 * order date, to inclusive. */
typedef struct crm_order_filter {
	const char *status;
	const char *customer;
	const char *from, *to;
	const char *plant;
} crm_order_filter;

CRM_API int crm_order_list(crm_db *db, const crm_order_filter *f,
	crm_out *out, crm_err *err);

/* One record per order: the order with its lines, shipments, invoices,
 * payments allocated to them, promotions and history (arrays). */
CRM_API int crm_order_show(crm_db *db, const char *id, crm_out *out,
	crm_err *err);

/*
 * Creating orders.  An order arrives as one record with a "lines" array,
 * or as one record per line, consecutive records of one order_id making
 * one order (crm_cli_each_group).  Each line names a sku, or describes
 * the product in the market's words (matched by the catalog, which gives
 * sku, colour and options); prices come from the price list in force on
 * the order date for the customer's tier unless the line gives one;
 * promotions are applied; the customer's credit is checked; every line
 * whose product has a BOM code gets an order code.  See crm-order(1).
 */
typedef struct crm_catalog crm_catalog;
typedef struct crm_promos crm_promos;
typedef struct crm_ordercode crm_ordercode;

typedef struct crm_order_create_opts {
	int draft;                /* create drafts, not confirmed orders */
	int hold_over_limit;      /* hold over-limit orders, not refuse them */
	const char *tax_rate;     /* percent, e.g. "13"; NULL: no tax */
	const char *price_list;   /* NULL: "standard" */
	int skip_existing;        /* count an existing order id, not fail */
	int64_t now;              /* the instant of the run, ms */
} crm_order_create_opts;

typedef struct crm_order_create_counts {
	unsigned long orders, lines, held, skipped, promotions, codes;
} crm_order_create_counts;

typedef struct crm_order_creator crm_order_creator;

/* cat, promos and codes are borrowed and must outlive the creator;
 * cat may be NULL (the creator reads the catalog of db itself, in the
 * caller's transaction when there is one), promos and codes too (no
 * promotions; no order codes). */
CRM_API int crm_order_creator_new(crm_db *db, crm_catalog *cat,
	const crm_promos *promos, const crm_ordercode *codes,
	const crm_order_create_opts *opts, crm_order_creator **cr,
	crm_err *err);

/* Create the order of recs[0..n) inside the caller's transaction, and
 * write it to out (if not NULL) as one record: id, customer_id, status,
 * credit_hold, currency, subtotal, discount, tax, total, lines, codes.
 * CRM_EDATA with the record's place for anything wrong in it. */
CRM_API int crm_order_create(crm_order_creator *cr, crm_rec *const *recs,
	size_t n, crm_out *out, crm_err *err);

/* Write back what the run keeps in memory (sequence numbers); call once
 * before committing. */
CRM_API int crm_order_creator_finish(crm_order_creator *cr, crm_err *err);

CRM_API const crm_order_create_counts *crm_order_creator_counts(
	const crm_order_creator *cr);
CRM_API void crm_order_creator_free(crm_order_creator *cr);

#endif
