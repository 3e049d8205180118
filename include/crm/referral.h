/*
 * crm/referral.h - who brought whom: partners (agents, referral partners,
 * dealers), referrals between customers or from a partner, the revenue
 * that followed, the referrer's reward and the partner's rebate per a
 * rule file, and their settlement per period.
 *
 * Everything here works inside the caller's transaction on a crm_db.
 * Sales are the orders crm-report counts as sales (lib/report_sales.c:
 * not draft, not cancelled; the sum of the order's lines, returns
 * negative), dated by the day of order_date.  Money is int64 minor units
 * per currency; every percentage is rounded half away from zero
 * (crm_money_percent).
 */
#ifndef CRM_REFERRAL_H
#define CRM_REFERRAL_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/* Rows a run inserted, changed, and found as they were. */
typedef struct crm_referral_counts {
	unsigned long inserted, updated, unchanged;
} crm_referral_counts;

/*
 * Partners in: records {"id","name","kind","email","phone","active"},
 * kind one of agent, referral, dealer; upsert on id.  A field left out
 * (or "", as CSV writes it) keeps what the database has; a new partner
 * needs name and kind; active defaults to true.  E-mail and phone are
 * stored in their normal forms (crm/text.h).
 */
typedef struct crm_referral_partners crm_referral_partners;

/* country: the calling code for national phone numbers (NULL: such
 * numbers are errors); now: created_at of new rows.  Free with
 * crm_referral_partners_free() (NULL does nothing). */
CRM_API int crm_referral_partners_new(crm_db *db, const char *country,
	int64_t now, crm_referral_partners **imp, crm_err *err);
/* One record.  CRM_EDATA "file:line: field: reason". */
CRM_API int crm_referral_partners_import(crm_referral_partners *imp,
	const crm_rec *r, crm_err *err);
/* Borrowed; valid until the importer is freed. */
CRM_API const crm_referral_counts *crm_referral_partners_counts(
	const crm_referral_partners *imp);
CRM_API void crm_referral_partners_free(crm_referral_partners *imp);

/* Every partner in id order: id, name, kind, email, phone, active
 * (true/false), customers (those whose partner_id it is), referrals
 * (customers it referred); every field there, null when unknown. */
CRM_API int crm_referral_partners_list(crm_db *db, crm_out *out,
	crm_err *err);

/*
 * Referrals: referred customer, and either the referring customer or
 * the partner, and the day.  A customer is referred once: the first
 * referral stands, a second one naming someone else is an error, the
 * same one again changes nothing.  Refused: self-referral, a loop (the
 * referring customer was referred, directly or through others, by the
 * customer it would refer), unknown customers and partners, an
 * inactive partner, a merged customer (the message names the
 * survivor).
 */
typedef struct crm_referral_writer crm_referral_writer;

typedef struct crm_referral {
	const char *referred;    /* customer id */
	const char *by;          /* referring customer id, or NULL */
	const char *partner;     /* referring partner id, or NULL */
	int32_t on;              /* day of the referral */
} crm_referral;

/* Free with crm_referral_writer_free() (NULL does nothing). */
CRM_API int crm_referral_writer_new(crm_db *db,
	crm_referral_writer **w, crm_err *err);
/* Store ref.  CRM_EDATA with a message naming the ids (no place). */
CRM_API int crm_referral_add(crm_referral_writer *w, const crm_referral *ref,
	crm_err *err);
/* One record {"referred","referrer" or "partner","on"}; "on" defaults
 * to today.  CRM_EDATA "file:line: field: reason". */
CRM_API int crm_referral_import(crm_referral_writer *w, const crm_rec *r,
	int32_t today, crm_err *err);
CRM_API const crm_referral_counts *crm_referral_writer_counts(
	const crm_referral_writer *w);
CRM_API void crm_referral_writer_free(crm_referral_writer *w);

/* The revenue that followed each referral: for every referral (in
 * referred id order) and currency, a record {"type":"referral",
 * "referred","referrer","partner","on","currency","orders","revenue"}
 * of the referred customer's sales from the referral day on, within
 * from..to (days, inclusive; NULL: open); a referral with no sales gets
 * one record with orders 0 and currency and revenue null.  Then per
 * referrer (customer or partner) and currency a record {"type":
 * "referrer","referrer","partner","referrals","currency","orders",
 * "revenue"} of the totals. */
CRM_API int crm_referral_report(crm_db *db, const int32_t *from,
	const int32_t *to, crm_out *out, crm_err *err);

/* The columns of the report's records, for tabular output. */
CRM_API const char *const *crm_referral_report_columns(size_t *n);

/*
 * The rule file (crm-referral-rules(5); default
 * share/crm/referral-rules.json): rewards per currency for referring
 * customers, rebates per partner kind and currency.
 */
typedef struct crm_referral_rules crm_referral_rules;

/* Load and validate; path NULL is the default file of
 * crm_conf_share_dir().  CRM_ECONFIG "file:line: where: what".  Free
 * with crm_referral_rules_free() (NULL does nothing). */
CRM_API int crm_referral_rules_load(const char *path,
	crm_referral_rules **rules, crm_err *err);
CRM_API void crm_referral_rules_free(crm_referral_rules *rules);

/* The reward one referral earned up to a day, in currency: the rule's
 * first_order amount when first_order (the referred customer's first
 * sale since the referral is in this currency and on or before the
 * day), plus percent of window_revenue (the sales in this currency in
 * the rule's first days after the referral, up to the day), at most the
 * rule's cap, never below zero.  *amount 0 and *rule NULL when no rule
 * covers the currency.  *rule is borrowed from rules. */
CRM_API int crm_referral_reward_upto(const crm_referral_rules *rules,
	const char *currency, int first_order, int64_t window_revenue,
	int64_t *amount, const char **rule, crm_err *err);
/* The reward window in days of currency's rule, 0 when none. */
CRM_API int crm_referral_reward_days(const crm_referral_rules *rules,
	const char *currency);
/* A payee's period total capped by the rule's period_cap. */
CRM_API int64_t crm_referral_reward_period_cap(
	const crm_referral_rules *rules, const char *currency, int64_t total);
/* The rebate of a partner of kind on revenue (its customers' sales of a
 * period in currency): by the rule's tiers, whole (the tier reached
 * applies to all revenue) or marginal (each tier's percent to the part
 * of revenue in it, each part rounded), at most the cap; zero for
 * revenue of zero or less.  *amount 0 and *rule NULL when no rule. */
CRM_API int crm_referral_rebate(const crm_referral_rules *rules,
	const char *kind, const char *currency, int64_t revenue,
	int64_t *amount, const char **rule, crm_err *err);

/* Settle period (a month "2026-11" or a quarter "2026-Q4"): the rewards
 * of referring customers and the rebates of partners, one record per
 * payee and currency with revenue or amount not zero, {"kind","payee",
 * "period","currency","revenue","amount","rule"}, rewards first, each
 * kind in payee then currency order, written to out and (unless
 * dry_run) to the settlements table, settled_at now.  Refused unless
 * dry_run: a period that has not ended by today (CRM_EUSAGE) and one
 * that overlaps a period settled before (CRM_EDATA).  A bad key is
 * CRM_EUSAGE. */
CRM_API int crm_referral_settle(crm_db *db, const crm_referral_rules *rules,
	const char *period, int64_t now, int dry_run, crm_out *out,
	unsigned long *lines, crm_err *err);

#endif
