/*
 * crm/customer.h - customer profiles: import (upsert with field history),
 * list, the 360 view, and who looks after a customer (assign, transfer).
 *
 * A customer is a dealer, a retailer or an end user (kind dealer,
 * retailer, end_user), exclusive or not, with contacts, addresses and
 * tags of its own (tables contacts, addresses, customer_tags).  Every
 * change of a stored field is kept in customer_history (field, old and
 * new text, when, source) in the same transaction as the change.
 *
 * Everything here works inside the caller's transaction on a crm_db.
 * Instants are milliseconds since the epoch; "now" comes from the caller
 * (crm_now), so that CRM_NOW fixes the clock.
 */
#ifndef CRM_CUSTOMER_H
#define CRM_CUSTOMER_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"
#include "route.h"

/*
 * Import.  A record is one customer: id and name needed; kind, exclusive
 * (true/false, or the strings "true"/"false"), email, phone, tax_id,
 * reg_no, region, channel, source, owner_rep_id (a rep that exists),
 * partner_id (a partner that exists), credit_limit (an amount in the
 * record's currency, or the stored one), currency, tier, created_at;
 * contacts (an array of {id, name, role, email, phone, opt_out}),
 * addresses (an array of {id, kind billing/shipping/visit, line1, line2,
 * city, postcode, region, country}), tags (an array of strings, or a
 * string of tags separated by ";").  Flat contact_* and address_*
 * fields (contact_id, contact_name... address_id, address_kind...) are
 * one more contact and address, as a CSV row has them.  Other fields go
 * to attrs, one by one (an attr left out is kept, a null one dropped).
 *
 * Upsert on id: a field left out keeps what the database has (or its
 * default for a new customer), null clears it.  A contact or address is
 * upserted on its id the same way; one not listed is kept.  The tags
 * listed are the customer's imported tags (source "import"): tags added
 * by other means are kept.  Each changed field of an existing customer,
 * contact or address and each tag added or dropped writes a row of
 * customer_history whose source is the record's file; a new customer
 * writes none.  An unchanged record changes nothing.
 *
 * Bad input (CRM_EDATA "file:line: field: reason"): no id or name, an
 * unknown kind or address kind, a bad e-mail address or phone number, an
 * unknown owner rep or partner, a credit limit that is not an amount in
 * the currency (or no currency), an id already imported in the same run
 * with other content, a contact or address id of another customer, a
 * customer merged into another (the message names the survivor).
 */
typedef struct crm_customer_importer crm_customer_importer;

typedef struct crm_customer_import_counts {
	unsigned long inserted, updated, unchanged;
} crm_customer_import_counts;

/* country: the calling code for national phone numbers (NULL: such
 * numbers are errors; borrowed, outlives the importer); now: the time of
 * created_at, updated_at and history rows. */
CRM_API int crm_customer_importer_new(crm_db *db, const char *country,
	int64_t now, crm_customer_importer **imp, crm_err *err);
/* One record.  The counts change only when the record goes in. */
CRM_API int crm_customer_import(crm_customer_importer *imp,
	const crm_rec *r, crm_err *err);
CRM_API const crm_customer_import_counts *crm_customer_import_counts_of(
	const crm_customer_importer *imp);
/* crm_customer_importer_free(NULL) does nothing. */
CRM_API void crm_customer_importer_free(crm_customer_importer *imp);

/*
 * List, in id order: the stored fields (credit_limit as an amount,
 * exclusive as true/false, attrs as fields of their own) and tags (an
 * array).  Every filter that is not NULL must hold; tags[0..ntags) must
 * all be there.  Merged customers are left out unless merged is set.
 */
typedef struct crm_customer_filter {
	const char *owner, *region, *channel, *kind, *tier;
	const char *const *tags;
	size_t ntags;
	int merged;
} crm_customer_filter;

/* The columns of a listed customer for the tabular formats. */
CRM_API const char *const *crm_customer_list_columns(size_t *n);
CRM_API int crm_customer_list(crm_db *db, const crm_customer_filter *f,
	crm_out *out, crm_err *err);

/*
 * The 360 view of customer id as one record: the profile fields as list
 * writes them, contacts, addresses, tags, leads, deals, the last orders
 * newest first (totals as amounts), open_receivables (invoices not paid
 * in full: amount, paid, open), the last activities newest first, value
 * {revenue: [{currency, amount, orders}], order_count, first_order,
 * last_order, tier, tier_source ("set" or "computed")} and merged (the
 * ids merged into it).  Cancelled and draft orders do not count.
 *
 * The computed tier, from the orders of the 365 days up to now: "A" six
 * or more, "B" two to five, "C" one; "lapsed" with orders but none in
 * that time; "prospect" with none at all.
 *
 * A merged customer is shown as {id, name, merged_into, merged_at, note}
 * only.  CRM_EDATA "customer ID: unknown customer".
 */
typedef struct crm_customer_show_opts {
	int64_t now;
	long orders;        /* how many of the last orders */
	long activities;    /* how many of the last activities */
} crm_customer_show_opts;

CRM_API int crm_customer_show(crm_db *db, const char *id,
	const crm_customer_show_opts *opts, crm_out *out, crm_err *err);

/* The customer id stands for now: itself, or the customer it was merged
 * into, to the end of the chain (an unmerge of a survivor that had been
 * merged itself can leave one).  to gets that id; owner (may be NULL)
 * its owner rep ("" for none); *merges (may be NULL) how many merges
 * were followed.  CRM_END for an unknown id (err untouched); CRM_EDATA
 * "customer ID: merges go round in a loop" after 64. */
CRM_API int crm_customer_survivor(crm_db *db, const char *id, crm_buf *to,
	crm_buf *owner, int *merges, crm_err *err);

/*
 * Ownership.  Each change of owner is written to ch->out as crm-lead's
 * are ({"entity":"customer","id","kind","from_rep_id","to_rep_id"}),
 * logged as an event of entity customer and kind "assign" or "transfer",
 * and kept as a customer_history row of field owner_rep_id.  CRM_EDATA
 * "rep R: unknown rep", "rep R: inactive" (for the new owner),
 * "customer C: unknown customer", "customer C: merged into S".
 */
/* Give customer id to rep to; a customer to already owns is left as it
 * is (*changed 0). */
CRM_API int crm_customer_assign(crm_db *db, const char *id, const char *to,
	const crm_route_change *ch, int *changed, crm_err *err);
/* Every customer of rep from (merged ones too) to rep to; from may be
 * inactive.  CRM_EUSAGE for the same rep twice.  *moved gets the count. */
CRM_API int crm_customer_transfer(crm_db *db, const char *from,
	const char *to, const crm_route_change *ch, unsigned long *moved,
	crm_err *err);

#endif
