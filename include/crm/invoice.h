/*
 * crm/invoice.h - billing: invoices per shipment or per order, payments
 * allocated to invoices, customers' credit balances, and receivables
 * with ageing.
 *
 * Money is integer minor units of the order's currency, exact to the
 * minor unit.  An invoice bills quantities of order lines.  The amount
 * of qty q of a line with amount A (net of every discount) and quantity
 * Q is round(A x q / Q), half away from zero, except on the invoice that
 * completes the line's quantity, which takes what is left of A: so the
 * invoices of a line add up to its amount exactly.  The invoice's tax is
 * the order's tax in proportion to the invoice's net amount, and the
 * invoice that completes the order takes the tax that is left; the
 * invoices of an order add up to its total exactly.
 *
 * A payment is allocated to invoices of its customer in its currency:
 * to the invoices it names, in the order named, else to the open ones
 * oldest first (due date, then issue date, then id).  An invoice fully
 * covered becomes "paid"; what is left of a payment after that is the
 * customer's credit balance, which crm_payment_apply_credit() allocates
 * to invoices later.  For every payment, its allocations plus its
 * unallocated part are its amount; for every invoice, its allocations
 * never exceed its amount.
 *
 * Every function works inside the caller's transaction and calls
 * crm_order_refresh() for each order it touches, so an order becomes
 * invoiced and paid in the same transaction.  Errors are CRM_EDATA with
 * a message naming the order, invoice, customer or the record's place.
 */
#ifndef CRM_INVOICE_H
#define CRM_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/*
 * Invoices.  An order is billed from confirmed on (not a draft, a
 * cancelled order or a return).  crm_invoice_order() bills everything
 * of the order not invoiced yet; crm_invoice_shipment() bills the
 * quantities of one shipment, once.  Each writes the invoice to out (if
 * not NULL) as one record with the fields crm_invoice_columns() names: id,
 * order_id, shipment_id (null for an order's invoice), customer_id,
 * issued_on, due_on, amount (net + tax), tax, currency (amounts as
 * decimal strings), status ("open"; "paid" when the amount is zero) and
 * lines (an array of {line_no, qty, amount}).
 */
#define CRM_INVOICE_MAX_TERMS 3650

typedef struct crm_invoice_opts {
	const char *id;          /* the invoice's id; NULL: "INV-<order>-<n>" */
	const char *issued_on;   /* YYYY-MM-DD */
	int terms;               /* days from issue to due, 0 to MAX_TERMS */
	const char *at;          /* RFC 3339 instant of the change */
} crm_invoice_opts;

/* The fields of an invoice record, in order; *n gets their number. */
CRM_API const char *const *crm_invoice_columns(size_t *n);

CRM_API int crm_invoice_order(crm_db *db, const char *order_id,
	const crm_invoice_opts *o, crm_out *out, crm_err *err);
CRM_API int crm_invoice_shipment(crm_db *db, const char *shipment_id,
	const crm_invoice_opts *o, crm_out *out, crm_err *err);

/*
 * Payments.  A payment run records payments and allocates them, with
 * the instant of the run for the events.  Each allocation is written to
 * out (if not NULL) as one record with the fields crm_payment_columns()
 * names:
 * payment_id, customer_id, invoice_id, order_id, amount, currency,
 * invoice_open (what the invoice still has open) and status (the
 * invoice's, "open" or "paid"); the part of a payment left as credit is
 * one more record with invoice_id null and status "credit".
 *
 * A payment whose id exists already with the same customer, amount,
 * currency and date is counted as existing and left alone, so that a
 * file of payments may be read twice; with anything different it is an
 * error.
 */
typedef struct crm_payment {
	const char *id;            /* NULL: "PAY-<customer>-<n>" */
	const char *customer_id;
	const char *amount;        /* decimal text, above zero: "1250.00" */
	const char *currency;      /* ISO 4217 code */
	const char *received_on;   /* YYYY-MM-DD; NULL: the run's date */
	const char *reference;     /* may be NULL */
	const char *const *invoices;   /* allocate to these, in this order */
	size_t ninvoices;              /* 0: open invoices oldest first */
} crm_payment;

typedef struct crm_payment_counts {
	unsigned long payments;    /* recorded */
	unsigned long existing;    /* found recorded already, left alone */
	unsigned long allocations; /* payment to invoice allocations made */
	unsigned long credited;    /* payments leaving a credit balance */
} crm_payment_counts;

/* The fields of an allocation record, in order; *n gets their number. */
CRM_API const char *const *crm_payment_columns(size_t *n);

typedef struct crm_payment_run crm_payment_run;

/* A run at instant at (RFC 3339); on (YYYY-MM-DD, may be NULL: the date
 * of at) is the date of payments that give none.  db is borrowed.  Free
 * with crm_payment_run_free(); NULL does nothing. */
CRM_API int crm_payment_run_new(crm_db *db, const char *at, const char *on,
	crm_payment_run **pr, crm_err *err);
CRM_API void crm_payment_run_free(crm_payment_run *pr);

/* Record payment p and allocate it. */
CRM_API int crm_payment_add(crm_payment_run *pr, const crm_payment *p,
	crm_out *out, crm_err *err);

/* The same for a record: customer_id, amount (a decimal string or a
 * JSON number), currency, received_on, reference, id, invoices (an
 * array of invoice ids, or one string of ids separated by commas);
 * other fields are ignored.  Errors name the record's place and field. */
CRM_API int crm_payment_add_rec(crm_payment_run *pr, const crm_rec *rec,
	crm_out *out, crm_err *err);

/* Allocate customer's credit balance (in currency; NULL: in every
 * currency) to the invoices named, in that order, else to the open ones
 * oldest first, taking the oldest payments' credit first.  Nothing to
 * allocate is not an error. */
CRM_API int crm_payment_apply_credit(crm_payment_run *pr,
	const char *customer, const char *currency,
	const char *const *invoices, size_t ninvoices, crm_out *out,
	crm_err *err);

/* What the run did so far (borrowed). */
CRM_API const crm_payment_counts *crm_payment_run_counts(
	const crm_payment_run *pr);

/*
 * Receivables as of a date: the open balance of each customer's
 * invoices, by currency, aged by days past due into buckets, with the
 * customer's credit balance.  Only invoices issued and payments
 * received on or before the date count; an allocation counts from the
 * later of its payment's and its invoice's dates.  Rows with nothing
 * open and no credit are left out.
 *
 * The buckets are "current" (not due yet: 0 days past due or less),
 * then one per edge ("days_1_30", "days_31_60", "days_61_90" for the
 * default edges 30,60,90) and one over the last ("days_over_90").
 * A summary row per customer and currency has the fields customer_id,
 * name, currency, invoices (open), a field per bucket, open (their
 * sum), credit and balance (open - credit).  With detail, a row per
 * open invoice instead: customer_id, invoice_id, order_id, currency,
 * issued_on, due_on, amount, paid, open, days_past_due and bucket (the
 * bucket's field name).
 */
#define CRM_RECEIVABLES_MAX_EDGES 8

typedef struct crm_receivables crm_receivables;

typedef struct crm_receivables_query {
	const char *as_of;       /* YYYY-MM-DD */
	const char *customer;    /* NULL: every customer */
	int detail;              /* a row per open invoice */
} crm_receivables_query;

/* Buckets from edges such as "30,60,90" (NULL: those): whole numbers of
 * days above zero, rising, at most CRM_RECEIVABLES_MAX_EDGES.
 * CRM_EUSAGE "buckets: ..." when they are not.  Free with
 * crm_receivables_free(); NULL does nothing. */
CRM_API int crm_receivables_new(const char *edges, crm_receivables **rv,
	crm_err *err);
CRM_API void crm_receivables_free(crm_receivables *rv);

/* The fields of the rows, in order (borrowed from rv). */
CRM_API const char *const *crm_receivables_columns(
	const crm_receivables *rv, int detail, size_t *n);

/* The bucket names, current first (borrowed from rv). */
CRM_API const char *const *crm_receivables_buckets(
	const crm_receivables *rv, size_t *n);

/* Write the rows to out, by customer and currency (with detail, then by
 * due date and id).  CRM_EDATA "no such customer X" for an unknown
 * customer filter, "... out of range" when sums overflow. */
CRM_API int crm_receivables_write(crm_db *db, const crm_receivables *rv,
	const crm_receivables_query *q, crm_out *out, crm_err *err);

/* The same, handing each row to fn (the row is borrowed until fn
 * returns); anything but CRM_OK from fn stops the pass with that code. */
typedef int (*crm_receivables_fn)(void *ctx, crm_rec *row, crm_err *err);
CRM_API int crm_receivables_each(crm_db *db, const crm_receivables *rv,
	const crm_receivables_query *q, crm_receivables_fn fn, void *ctx,
	crm_err *err);

#endif
