/*
 * crm/lead.h - leads: scoring, the lifecycle, import and routing.
 *
 * A scoring rule file (crm-lead-scoring(5); the default is
 * share/crm/lead-scoring.json) lists weighted criteria whose points add
 * up to 100, and the score thresholds of the priorities A, B, C, D.
 * Scoring adds to a lead record "score" (0-100), "priority" and
 * "score_reasons" (each criterion with its points, its maximum and why),
 * and leaves every other field as it was.
 */
#ifndef CRM_LEAD_H
#define CRM_LEAD_H

#include <stdint.h>

#include "db.h"
#include "deal.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

typedef struct crm_lead_rules crm_lead_rules;

/* Load and validate a scoring rule file; path NULL is the default
 * lead-scoring.json of crm_conf_share_dir().  CRM_ECONFIG naming the file
 * and the place in it for anything wrong.  Free with
 * crm_lead_rules_free(); crm_lead_rules_free(NULL) does nothing. */
CRM_API int crm_lead_rules_load(const char *path, crm_lead_rules **rules,
	crm_err *err);
CRM_API void crm_lead_rules_free(crm_lead_rules *rules);

/* Score lead as of the instant now (milliseconds, for recency).  Adds or
 * replaces score, priority and score_reasons.  CRM_EDATA naming the
 * record's place for a value a criterion cannot read (an amount that is
 * not a number, a date that is not a date). */
CRM_API int crm_lead_score(const crm_lead_rules *rules, crm_rec *lead,
	int64_t now, crm_err *err);

/*
 * Sources.  A source file (crm-lead-sources(5); the default is
 * share/crm/lead-sources.json) names the canonical sources and the
 * aliases people write for them ("Web Form", "website", "网站" are all
 * web).  Names are compared half-width, trimmed, in lower case, with
 * punctuation as spaces.
 */
typedef struct crm_lead_sources crm_lead_sources;

/* Load and validate; path NULL is the default.  CRM_ECONFIG naming the
 * file and the place for anything wrong, such as an alias given to two
 * sources.  crm_lead_sources_free(NULL) does nothing. */
CRM_API int crm_lead_sources_load(const char *path,
	crm_lead_sources **sources, crm_err *err);
CRM_API void crm_lead_sources_free(crm_lead_sources *sources);

/* The canonical name of the source s[0..len) (borrowed from sources), or
 * NULL for a source the file does not know. */
CRM_API const char *crm_lead_source(const crm_lead_sources *sources,
	const char *s, size_t len);

/* The database id of the lead a record stands for, into id: a record
 * with a source_id field is shaped like the leads table (crm-lead list
 * writes such records) and its id is the database id; any other record
 * is input from a source, whose lead is "SOURCE:ID" (the canonical
 * source, then the record's id).  CRM_EDATA naming the record's place
 * for a missing id or source or an unknown source. */
CRM_API int crm_lead_id(const crm_lead_sources *sources, const crm_rec *r,
	crm_buf *id, crm_err *err);

/*
 * Import.  Each lead record is checked and normalised, then inserted or
 * updated on (source, id): re-importing the same records changes
 * nothing.  A new lead that matches an existing customer (by e-mail or
 * phone, of the customer or of one of its contacts, or by company and
 * contact name) gets that customer_id and duplicate_of; one that matches
 * an earlier lead (by e-mail, phone, or company and name) gets
 * duplicate_of that lead (and its customer_id).  Duplicates are stored
 * and counted, never dropped.
 */
typedef struct crm_lead_importer crm_lead_importer;

typedef struct crm_lead_import_opts {
	const crm_lead_sources *sources;
	const char *country;     /* phone country code for national numbers,
	                            or NULL: they are errors */
	const char *currency;    /* of estimated_value when a record has no
	                            currency field, or NULL */
	int64_t now;             /* ms: created_at when a record has none */
} crm_lead_import_opts;

typedef struct crm_lead_import_counts {
	unsigned long inserted, updated, unchanged;
	unsigned long dup_leads, dup_customers;
} crm_lead_import_counts;

/* Inside the caller's transaction on db.  opts is copied; sources is
 * borrowed and must outlive the importer. */
CRM_API int crm_lead_importer_new(crm_db *db, const crm_lead_import_opts *opts,
	crm_lead_importer **imp, crm_err *err);
/* Import one record.  CRM_EDATA naming the record's place and field for
 * a bad record, which leaves the database as it was only inside a
 * savepoint (crm_cli_each with --reject) or a rolled back transaction. */
CRM_API int crm_lead_import(crm_lead_importer *imp, const crm_rec *r,
	crm_err *err);
CRM_API const crm_lead_import_counts *crm_lead_import_counts_of(
	const crm_lead_importer *imp);
CRM_API void crm_lead_importer_free(crm_lead_importer *imp);

/*
 * The lifecycle.  A lead is new when it comes in, assigned to a rep,
 * contacted, qualified, and then converted (to a customer and a deal) or
 * disqualified; recycled sends it back to the nurturing pool, from where
 * it can be assigned again.  The allowed moves:
 *
 *   new          -> assigned contacted disqualified recycled
 *   assigned     -> contacted disqualified recycled
 *   contacted    -> qualified disqualified recycled
 *   qualified    -> converted disqualified recycled
 *   recycled     -> assigned disqualified
 *   disqualified -> recycled
 *   converted    -> (none: a converted lead lives on as its customer)
 */
#define CRM_LEAD_STATUSES \
	"new, assigned, contacted, qualified, converted, disqualified, recycled"

/* 1 when s is one of the statuses above. */
CRM_API int crm_lead_status_known(const char *s);
/* 1 when the move from -> to is allowed. */
CRM_API int crm_lead_can_move(const char *from, const char *to);
/* 1 for the statuses a rep is working on (assigned, contacted,
 * qualified): those that count against a rep's capacity. */
CRM_API int crm_lead_status_open(const char *s);

/* Who, when and why of a change. */
typedef struct crm_lead_change {
	const char *at;      /* RFC 3339 instant */
	const char *actor;   /* crm_event_actor() or a rep id */
	const char *note;    /* may be NULL; the reason when disqualifying */
} crm_lead_change;

/* Move lead id to status to, inside the caller's transaction: checks the
 * move, sets status (and status_reason for disqualified and recycled,
 * first_contact_at on the first contact, updated_at) and records a
 * "status" event from -> to.  Disqualifying needs a note (the reason).
 * CRM_EDATA "lead ID: unknown lead", "lead ID: cannot go from A to B
 * (from A: C, D)", "lead ID: disqualified needs a reason". */
CRM_API int crm_lead_move(crm_db *db, const char *id, const char *to,
	const crm_lead_change *ch, crm_err *err);

/*
 * Reading.  Leads come out as records with the columns of the leads
 * table (crm-dump(5)) and the fields of their attrs.
 */
typedef struct crm_lead_filter {
	const char *status, *owner, *team, *source, *priority;
	const char *created_from;   /* YYYY-MM-DD, inclusive */
	const char *created_to;     /* YYYY-MM-DD, inclusive */
	int duplicates;             /* 1: duplicates only, -1: none */
} crm_lead_filter;

/* Write the leads that pass filter (NULL: all) to out, oldest first
 * (created_at, then id).  CRM_EUSAGE for a created_from or created_to
 * that is not a date. */
CRM_API int crm_lead_list(crm_db *db, const crm_lead_filter *filter,
	crm_out *out, crm_err *err);
/* Write lead id with a "history" array of its events (crm/event.h).
 * CRM_EDATA "lead ID: unknown lead". */
CRM_API int crm_lead_show(crm_db *db, const char *id, crm_out *out,
	crm_err *err);

/* Per source and channel (channel left out where leads have none), in
 * source order: {"source","channel","leads","contacted","qualified",
 * "converted","conversion_rate","median_first_contact_minutes"}.
 * qualified counts leads that reached qualified at any time (its event,
 * or a status of qualified or converted); conversion_rate is converted
 * / leads in percent with two decimals, rounded half away from zero;
 * the median time to first contact (first_contact_at - created_at, in
 * whole minutes, the lower of the middle two for an even count) is left
 * out when no lead was contacted. */
CRM_API int crm_lead_sources_report(crm_db *db, crm_out *out, crm_err *err);

/*
 * Conversion.  A qualified lead becomes a customer (or joins the one it
 * names or matched on import) and a deal in the first stage of the
 * stage rules; the lead is converted, with its event.
 */
typedef struct crm_lead_conversion {
	const char *customer_id;  /* join this customer; else the lead's
	                             customer_id; else a new one with ... */
	const char *new_customer_id;   /* ... this id (NULL: the lead's) */
	const char *deal_id;      /* NULL: the lead's id */
	const char *product;      /* NULL: the lead's */
	const char *amount;       /* NULL: the lead's estimated_value */
	const char *currency;     /* NULL: the lead's currency */
	const char *at;           /* RFC 3339 instant of the conversion */
	const char *actor;
	const char *note;
} crm_lead_conversion;

/* Convert lead id inside the caller's transaction, writing the customer
 * ({"type":"customer",...}, new or joined) and the deal ({"type":"deal",
 * ...}, as crm-deal list writes it) to out.  stages is the deal stage
 * rules (crm/deal.h).  CRM_EDATA for an unknown lead or customer, a lead
 * that is not qualified, a deal id in use. */
CRM_API int crm_lead_convert(crm_db *db, const crm_deal_stages *stages,
	const char *id, const crm_lead_conversion *conv, crm_out *out,
	crm_err *err);

#endif
