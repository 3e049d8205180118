/*
 * crm/activity.h - the rep's workbench: activities (visits, calls,
 * e-mails, meetings, tasks, text messages) logged, planned, done and
 * imported; the agenda of a rep or a team for a day, week or month in
 * the rep's time zone; visit frequency against won deals; and a
 * directory of the contacts of a rep's customers as vCard 4.0 or CSV.
 *
 * An activity belongs to a customer (directly, or through its deal) and
 * to a rep.  An activity for a customer that was merged into another
 * (customers.merged_into) goes to the survivor, at the end of the chain
 * of merges; the record written says so in "merged_from".  Every writer
 * works in the caller's transaction, one record at a time; a record it
 * refuses (CRM_EDATA, with the record's place) has written nothing.
 */
#ifndef CRM_ACTIVITY_H
#define CRM_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"
#include "stock.h"

/* The kinds of activity, as --help and messages list them. */
#define CRM_ACTIVITY_KINDS "visit, call, email, meeting, task, sms"

/* 1 when s is one of CRM_ACTIVITY_KINDS. */
CRM_API int crm_activity_kind_known(const char *s);

typedef struct crm_activity_writer crm_activity_writer;

typedef struct crm_activity_counts {
	unsigned long inserted, updated, unchanged;
	unsigned long redirected;   /* to the survivor of a merge */
} crm_activity_counts;

/* A writer for db; now (milliseconds) stamps created_at and updated_at
 * and makes ids.  Free with crm_activity_writer_free (NULL: nothing). */
CRM_API int crm_activity_writer_new(crm_db *db, int64_t now,
	crm_activity_writer **w, crm_err *err);
CRM_API void crm_activity_writer_free(crm_activity_writer *w);
CRM_API const crm_activity_counts *crm_activity_counts_of(
	const crm_activity_writer *w);

/* Insert, or update on its id, the activity of record r: fields id
 * (when absent a new "A-NNNNNN" is made), kind, customer_id, deal_id,
 * contact_id, lead_id, rep_id (default the customer's owner), channel,
 * subject, planned_at, done_at (at least one of the two), outcome, note,
 * unit and service_on (the serial, else the lot, of a unit delivered to
 * the customer, and the due date of the planned service of it that the
 * activity carries out; service_on needs unit).  Checks every reference
 * (an unknown customer, deal, rep, contact or lead, a deal or contact of
 * another customer, a unit not delivered to the customer or to one
 * merged into it: CRM_EDATA naming the field).  When out is not NULL the activity as stored is written to it
 * (with "merged_from" when redirected). */
CRM_API int crm_activity_put(crm_activity_writer *w, const crm_rec *r,
	crm_out *out, crm_err *err);

/* Mark activity id done at done_at (RFC 3339), with outcome and note
 * when not NULL (they replace what was there).  An activity already
 * done is refused: CRM_EDATA "ID: already done at T"; an unknown id is
 * CRM_EDATA too.  The activity as stored goes to out (may be NULL). */
CRM_API int crm_activity_done(crm_activity_writer *w, const char *id,
	const char *done_at, const char *outcome, const char *note,
	crm_out *out, crm_err *err);

/* Filters of crm_activity_list; NULL or 0: any. */
typedef struct crm_activity_filter {
	const char *rep, *team, *customer, *deal, *kind;
	const char *from, *to;   /* dates (UTC), inclusive, of the activity's
	                            time: done_at, else planned_at */
	int state;               /* 1 planned (not done), 2 done */
} crm_activity_filter;

/* The activities matching f, by time then id. */
CRM_API int crm_activity_list(crm_db *db, const crm_activity_filter *f,
	crm_out *out, crm_err *err);

/*
 * Time zones.  tz is an IANA name (such as Asia/Shanghai) of a zone
 * file (not a directory such as America, nor any other file) in the
 * system's zoneinfo ($TZDIR, else /usr/share/zoneinfo), or "UTC".
 */
/* CRM_EUSAGE "unknown time zone: X" when tz is not one. */
CRM_API int crm_activity_tz_check(const char *tz, crm_err *err);
/* The instant (ms) at which local day starts in tz. */
CRM_API int crm_activity_tz_day_start(const char *tz, int32_t day,
	int64_t *ms, crm_err *err);
/* The local date in tz of instant ms. */
CRM_API int crm_activity_tz_date(const char *tz, int64_t ms, int32_t *day,
	crm_err *err);

typedef struct crm_activity_agenda_opts {
	const char *rep, *team;     /* one of the two */
	const char *period;         /* "day", "week" or "month" */
	const char *date;           /* a day in the period; NULL: today in
	                               the rep's time zone */
	const char *tz;             /* for reps without reps.timezone; NULL:
	                               UTC */
	int week_starts_sunday;
	int stale_days;             /* a deal with no activity this long */
	const crm_service_plan *service_plan;  /* NULL: no services */
	int service_lookback;       /* days before the period in which a
	                               service due and not done is overdue */
	int64_t now;
} crm_activity_agenda_opts;

/* The agenda of the rep, or of every active rep of the team (by rep
 * id): one record per item {rep_id, section, due, ...} with section
 * overdue, planned, lead, stale_deal or service, in that order, then by
 * due.  A service due (unit, due_on) for a customer is left out when an
 * activity for the customer with that unit and service_on is done, and
 * listed only as that activity while one is planned; a service due
 * before the period (back to service_lookback days) is overdue.
 * CRM_EUSAGE for an unknown rep, team or time zone. */
CRM_API int crm_activity_agenda(crm_db *db, const crm_activity_agenda_opts *o,
	crm_out *out, crm_err *err);

/* The first and last day of the period ("day", "week", "month") that
 * holds day; weeks start on Monday, or Sunday. */
CRM_API int crm_activity_period(const char *period, int32_t day,
	int week_starts_sunday, int32_t *first, int32_t *last, crm_err *err);

typedef struct crm_activity_frequency_opts {
	int by_rep, by_customer;    /* at least one */
	const char *period;         /* "week" or "month" */
	const char *from, *to;      /* UTC dates, inclusive; NULL: any */
	const char *kinds;          /* comma-separated; NULL: "visit" */
	const char *won_stage;      /* the stage of a won deal */
	const char *currency;       /* of won_amount; NULL: the only one */
} crm_activity_frequency_opts;

/* Activities done per group (rep, customer, or both) and period, with
 * the won deals of the group closed in the period, their amount, visits
 * per won deal and, by rep and customer, a flag "high" (more than twice
 * the median of the rep's rows of the period) or "low" (less than half
 * of it). */
CRM_API int crm_activity_frequency(crm_db *db,
	const crm_activity_frequency_opts *o, crm_out *out, crm_err *err);

/*
 * The contacts directory.
 */
typedef enum crm_activity_contacts_format {
	CRM_ACTIVITY_VCARD,
	CRM_ACTIVITY_CSV
} crm_activity_contacts_format;

/* The contacts of the customers (not merged away) owned by rep, or by
 * the reps of team, by customer then contact id.  vCard 4.0 is written
 * raw to out (open it as jsonl); CSV as records with out open as csv.
 * Opted-out contacts are listed, with a note saying so. */
CRM_API int crm_activity_contacts(crm_db *db, const char *rep,
	const char *team, crm_activity_contacts_format fmt, crm_out *out,
	crm_err *err);

/* vCard content lines (RFC 6350): append "NAME:VALUE" to b, folded at
 * 75 octets (never inside a UTF-8 sequence) with CRLF line ends.  name
 * may carry parameters ("TEL;VALUE=uri"); value is written as it is:
 * escape text first with crm_activity_vcard_escape. */
CRM_API int crm_activity_vcard_line(crm_buf *b, const char *name,
	const char *value, crm_err *err);
/* Append s[0..len) to b with \ , ; and line breaks escaped. */
CRM_API int crm_activity_vcard_escape(crm_buf *b, const char *s,
	size_t len, crm_err *err);

#endif
