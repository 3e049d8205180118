/*
 * crm/care.h - customer care: tags (by hand, from a list of ids or by
 * rule), personas, segments, campaigns and opt-outs.
 *
 * Tags are rows of customer_tags with the source that gave them and the
 * time; a tag is 1 to 64 bytes of UTF-8 without control characters,
 * spaces or commas (so that a list of tags can be written "a,b").  The
 * tag rule file (crm-customer-tags(5), default
 * share/crm/customer-tags.json) maps conditions on the fields of input
 * records to tags and names personas, tag sets.  A segment selects the
 * customers that are not merged into another by tags, tier, region,
 * owner, kind, last order and what they bought.  A campaign writes one
 * contact record per customer of a segment and logs it as a planned
 * activity, skipping customers who opted out, were contacted lately on
 * the same channel or by the same campaign, or have no address.
 *
 * Everything works inside the caller's transaction on a crm_db.
 * Instants are milliseconds since the epoch; "now" comes from the caller
 * (crm_now), so that CRM_NOW fixes the clock.
 */
#ifndef CRM_CARE_H
#define CRM_CARE_H

#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/* Longest tag, in bytes. */
#define CRM_CARE_TAG_MAX 64

/* CRM_OK when tag is a valid tag name; else CRM_EDATA "not a tag (...)"
 * without a place (the caller adds it). */
CRM_API int crm_care_tag_check(const char *tag, crm_err *err);

/*
 * The tag rule file.  Load and validate; path NULL is the default file
 * of crm_conf_share_dir().  CRM_ECONFIG "file:line: where: what".  Free
 * with crm_care_rules_free(); crm_care_rules_free(NULL) does nothing.
 */
typedef struct crm_care_rules crm_care_rules;

CRM_API int crm_care_rules_load(const char *path, crm_care_rules **rules,
	crm_err *err);
CRM_API void crm_care_rules_free(crm_care_rules *rules);
/* The path the rules were loaded from (borrowed). */
CRM_API const char *crm_care_rules_file(const crm_care_rules *rules);
/* The number of rules, the tag of rule i (borrowed), and whether rule i
 * holds for record r (1) or not (0). */
CRM_API size_t crm_care_rules_count(const crm_care_rules *rules);
CRM_API const char *crm_care_rules_tag(const crm_care_rules *rules,
	size_t i);
CRM_API int crm_care_rules_hold(const crm_care_rules *rules, size_t i,
	const crm_rec *r);
/* The tags of persona name: *tags (borrowed, lives as long as rules)
 * gets n tags.  CRM_END when the file names no such persona. */
CRM_API int crm_care_persona(const crm_care_rules *rules, const char *name,
	const char *const **tags, size_t *n);

/*
 * Tagging.  A tagger tags and untags customers in the caller's
 * transaction, with source (copied) and now as the row's source and
 * tagged_at; source NULL is "ids:FILE" for a record of a list of ids
 * (the record's file), else null.  A customer merged into another is
 * tagged (or untagged) in the customer it was merged into.  A tag the
 * customer already has keeps its first source and time (counted as
 * already); untagging a tag the customer has not is counted as absent.
 * Every tag added or taken off is also a customer_history row (field
 * "tags", the old and the new value, one of them null, changed_at now,
 * the source).  Unknown customers and bad tags are CRM_EDATA; a record
 * refused counts nothing.
 */
typedef struct crm_care_tagger crm_care_tagger;

typedef struct crm_care_tag_counts {
	unsigned long tagged, already, untagged, absent;
} crm_care_tag_counts;

CRM_API int crm_care_tagger_new(crm_db *db, const char *source, int64_t now,
	crm_care_tagger **t, crm_err *err);
CRM_API void crm_care_tagger_free(crm_care_tagger *t);
CRM_API const crm_care_tag_counts *crm_care_tag_counts_of(
	const crm_care_tagger *t);
/* Tag or untag one customer by id: CRM_EDATA "ID: unknown customer",
 * "TAG: not a tag (...)". */
CRM_API int crm_care_tag(crm_care_tagger *t, const char *customer,
	const char *tag, crm_err *err);
CRM_API int crm_care_untag(crm_care_tagger *t, const char *customer,
	const char *tag, crm_err *err);
/* One record of a list of ids: the customer in "id" (or "customer_id"),
 * the tags in "tags", a list of strings or a string "a,b".  CRM_EDATA
 * naming the record's place and field. */
CRM_API int crm_care_tag_ids(crm_care_tagger *t, const crm_rec *r,
	crm_err *err);
/* One input record of the rules: the customer in "customer_id" (or,
 * without it, "id") gets the tag of every rule that holds.  The tagger
 * remembers the customer and the rules that held for it, over every
 * record that names it (the union), for crm_care_tag_rules_prune. */
CRM_API int crm_care_tag_by_rules(crm_care_tagger *t,
	const crm_care_rules *rules, const crm_rec *r, crm_err *err);
/* After the last record of a rules run (the same rules): keep the rules'
 * tags current.  Each customer the records named loses each tag it has
 * with a source of the rules kind ("rules:...", whichever file) that a
 * rule of rules gives and that no rule gave it in this run, counted as
 * untagged.  Tags of other sources, and customers not named, are left
 * alone. */
CRM_API int crm_care_tag_rules_prune(crm_care_tagger *t,
	const crm_care_rules *rules, crm_err *err);

/*
 * Segments.  Each member is NULL when not asked for; a list is written
 * "a,b,c".  tags: all of them; any_tags: at least one; not_tags: none;
 * persona: all tags of that persona of rules; tiers: one of the value
 * tiers, the stored one or else the one computed from the sales of the
 * year up to now, as crm_customer_show gives it; regions, owners,
 * kinds: one of them; last_order_before/after: a date, the last sale
 * strictly before/after it (customers without a sale are not selected);
 * bought: a SKU of a line with a positive quantity in a sale;
 * bought_category: the same by the product's category.  A sale is an
 * order of any status but draft and cancelled (crm-report(1)).
 */
typedef struct crm_care_segment {
	const char *tags, *any_tags, *not_tags;
	const char *persona;
	const crm_care_rules *rules;     /* for persona; borrowed */
	const char *tiers, *regions, *owners, *kinds;
	const char *last_order_before, *last_order_after;
	const char *bought, *bought_category;
	int64_t now;                     /* for the computed tier */
} crm_care_segment;

/* Write the selected customers in id order to out: id, name, region,
 * owner, tier, tags (an array, in order), last_order (a date; every
 * field there, null when unknown).  *n (may be NULL) gets their number.
 * CRM_EUSAGE for a bad date, an empty list or an unknown persona. */
CRM_API int crm_care_segment_write(crm_db *db, const crm_care_segment *seg,
	crm_out *out, unsigned long *n, crm_err *err);

/* The segment's options as a JSON object (the members given, by their
 * option names), appended to b: what a campaign remembers. */
CRM_API int crm_care_segment_json(const crm_care_segment *seg, crm_buf *b,
	crm_err *err);

/*
 * Message templates: text with placeholders {name}, {customer_id},
 * {kind}, {region}, {tier}, {email}, {phone}, {owner}, {contact_name},
 * {contact_role}, {to}, {channel}, {campaign}; "{{" and "}}" stand for
 * a brace.  At most 64 KiB of UTF-8.  Parsing fails with CRM_ECONFIG
 * "file:line: what" for an unknown placeholder, an empty or unclosed
 * one, or a lone "}".
 */
typedef struct crm_care_template crm_care_template;

/* Parse text[0..len) read from file (for messages). */
CRM_API int crm_care_template_parse(const char *text, size_t len,
	const char *file, crm_care_template **t, crm_err *err);
/* Read and parse path: CRM_ENOINPUT when it cannot be read. */
CRM_API int crm_care_template_load(const char *path, crm_care_template **t,
	crm_err *err);
CRM_API void crm_care_template_free(crm_care_template *t);
/* The template's text (borrowed). */
CRM_API const char *crm_care_template_text(const crm_care_template *t);
/* Append the template to out, each placeholder replaced by the text of
 * the field of that name in fields (nothing when absent or null). */
CRM_API int crm_care_template_fill(const crm_care_template *t,
	const crm_rec *fields, crm_buf *out, crm_err *err);

/*
 * Campaigns.  The campaign's id and name are name; a campaign already in
 * the database is carried on (same channel only), so that customers it
 * already contacted are skipped.  For every customer of the segment, in
 * id order:
 *   - opted out (a customer opt-out of the channel or of all, or every
 *     contact with an address for the channel opted out): skipped;
 *   - contacted by this campaign before, or on this channel (an activity
 *     of that channel, or of that kind without one, planned or done)
 *     within cooldown_days of now: skipped as cooled down;
 *   - the contact: the contacts with an address for the channel that
 *     did not opt out, a contact of role "primary" first, then by id;
 *     none: the customer's own address; none at all: skipped;
 *   - else one record {campaign, customer_id, contact_id (null for the
 *     customer's own address), channel, to, message, activity_id} to
 *     out, and (unless dry_run) an activity of id "NAME/CUSTOMER", kind
 *     and channel the channel, planned now, subject name.
 * selected = contacted + opted_out + cooled_down + no_address.
 */
typedef struct crm_care_campaign_opts {
	const char *name;
	const char *channel;                  /* "email" or "sms" */
	const crm_care_template *tpl;         /* borrowed */
	const crm_care_segment *seg;          /* borrowed */
	long cooldown_days;                   /* 0: no cooldown */
	int dry_run;                          /* write nothing */
	int64_t now;
} crm_care_campaign_opts;

typedef struct crm_care_campaign_counts {
	unsigned long selected, contacted, opted_out, cooled_down, no_address;
} crm_care_campaign_counts;

/* CRM_EUSAGE for a bad name or channel, CRM_EDATA "campaign NAME: on
 * channel C" when the campaign exists on another channel. */
CRM_API int crm_care_campaign(crm_db *db, const crm_care_campaign_opts *o,
	crm_out *out, crm_care_campaign_counts *counts, crm_err *err);

/*
 * Opt-outs: a customer's, or one contact's, of one channel (email, sms,
 * phone, post) or, channel NULL, of all.  *changed (may be NULL) is 0
 * when there was nothing to do.  A customer merged into another opts
 * out (and in) in the customer it was merged into, whose opt-outs a
 * campaign reads.  CRM_EDATA "customer C: unknown customer", "contact
 * X: not a contact of customer C".
 */
CRM_API int crm_care_optout(crm_db *db, const char *customer,
	const char *contact, const char *channel, int64_t now,
	const char *source, int *changed, crm_err *err);
/* The reverse: channel NULL removes every opt-out of the customer (or of
 * the contact); a channel removes that channel's.  CRM_EDATA "... opted
 * out of every channel: opt in without a channel" when an opt-out of all
 * stays in the way. */
CRM_API int crm_care_optin(crm_db *db, const char *customer,
	const char *contact, const char *channel, int *changed, crm_err *err);

#endif
