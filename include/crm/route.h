/*
 * crm/route.h - who works a lead: reps and teams, routing rules, response
 * deadlines, assignment, delegation while a rep is away, and transfer
 * when a rep leaves.
 *
 * Everything here works inside the caller's transaction on a crm_db and
 * records each change of owner in the event log (crm/event.h) in the same
 * transaction.  Instants are milliseconds since the epoch (crm/date.h);
 * "now" comes from the caller (crm_now), so that CRM_NOW fixes the clock.
 *
 * A lead is open while a rep works it (crm_lead_status_open: assigned,
 * contacted, qualified); a rep's capacity is the most open leads the rep
 * may hold (no capacity: no limit).
 */
#ifndef CRM_ROUTE_H
#define CRM_ROUTE_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "lead.h"
#include "rec.h"

/*
 * Reps and teams in.  A record {"type":"team","id","name","region",
 * "lead_rep_id"} is a team; any other record is a rep {"id","name",
 * "email","phone","team_id","region","active","capacity"}.  Upsert on
 * id: a field left out (or an empty string, as CSV writes it) keeps what
 * the database has, or takes its default for a new row; null clears it.
 * A rep's unknown team is created with its id as name.  A team's lead
 * rep may come later in the same run: crm_route_reps_finish checks them.
 */
typedef struct crm_route_reps_importer crm_route_reps_importer;

typedef struct crm_route_reps_counts {
	unsigned long inserted, updated, unchanged;
	unsigned long teams_created;     /* for a rep's unknown team */
} crm_route_reps_counts;

/* country: the calling code for national phone numbers (NULL: such
 * numbers are errors); now: created_at of new rows. */
CRM_API int crm_route_reps_importer_new(crm_db *db, const char *country,
	int64_t now, crm_route_reps_importer **imp, crm_err *err);
/* One record.  CRM_EDATA naming the record's place and field.  The
 * counts change only when the record goes in. */
CRM_API int crm_route_reps_import(crm_route_reps_importer *imp,
	const crm_rec *r, crm_err *err);
/* Check that every team imported names a lead rep that exists (CRM_EDATA
 * naming the team record's place).  Call before the commit. */
CRM_API int crm_route_reps_finish(crm_route_reps_importer *imp,
	crm_err *err);
CRM_API const crm_route_reps_counts *crm_route_reps_counts_of(
	const crm_route_reps_importer *imp);
CRM_API void crm_route_reps_importer_free(crm_route_reps_importer *imp);

/* Write every rep, in id order, to out: id, name, email, phone, team_id,
 * team_name, region, active (true/false), capacity, open_leads; every
 * field is there (null when unknown), so tables line up. */
CRM_API int crm_route_reps_list(crm_db *db, crm_out *out, crm_err *err);

/*
 * Routing rules (crm-lead-routing(5); default share/crm/lead-routing.json):
 * routes tried in order, the first whose match holds names the team and
 * the strategy; and whether a known customer's owner comes first.
 */
typedef struct crm_route_rules crm_route_rules;

typedef enum crm_route_strategy {
	CRM_ROUTE_ROUND_ROBIN,
	CRM_ROUTE_LEAST_LOADED
} crm_route_strategy;

/* Load and validate; path NULL is the default file of
 * crm_conf_share_dir().  CRM_ECONFIG "file:line: where: what".  Free
 * with crm_route_rules_free(); crm_route_rules_free(NULL) does nothing. */
CRM_API int crm_route_rules_load(const char *path, crm_route_rules **rules,
	crm_err *err);
CRM_API void crm_route_rules_free(crm_route_rules *rules);

/* The path the rules were loaded from (borrowed). */
CRM_API const char *crm_route_rules_file(const crm_route_rules *rules);
/* The index of the first route matching the values (each may be NULL:
 * a route that matches on that key then does not hold), or -1. */
CRM_API long crm_route_match(const crm_route_rules *rules,
	const char *region, const char *product, const char *channel);
/* The number of routes; the team (borrowed) and strategy of route i. */
CRM_API size_t crm_route_count(const crm_route_rules *rules);
CRM_API const char *crm_route_team(const crm_route_rules *rules, size_t i);
CRM_API crm_route_strategy crm_route_strategy_of(
	const crm_route_rules *rules, size_t i);
/* 1 when a known customer's owner gets the lead first. */
CRM_API int crm_route_ownership(const crm_route_rules *rules);

/*
 * Response deadlines (crm-lead-sla(5); default share/crm/lead-sla.json):
 * how long a rep has to contact a lead, by priority.
 */
typedef struct crm_route_sla crm_route_sla;

CRM_API int crm_route_sla_load(const char *path, crm_route_sla **sla,
	crm_err *err);
CRM_API void crm_route_sla_free(crm_route_sla *sla);
/* Milliseconds allowed for priority (NULL, or one the file does not
 * name: the default). */
CRM_API int64_t crm_route_sla_window(const crm_route_sla *sla,
	const char *priority);
/* "30m", "4h", "2d" to milliseconds: a whole number from 1 and a unit.
 * CRM_EDATA "not a duration (such as 30m, 4h, 2d)". */
CRM_API int crm_route_duration_parse(const char *s, size_t len, int64_t *ms,
	crm_err *err);

/*
 * Assignment.  For a lead of status new or recycled: its customer's owner
 * when the rules say so and that rep is active with room; else the team
 * of the first matching route, by its strategy, among the team's active
 * reps with room.  A rep away (a delegation in force at now) is replaced
 * by the delegate, whose activity and room count instead.  The lead gets
 * owner_rep_id, team_id, assigned_at, due_at (now plus the deadline of
 * its priority), status assigned, and an "assign" event.  A lead already
 * open is kept as it is.
 */
typedef struct crm_route_assigner crm_route_assigner;

typedef struct crm_route_assign_opts {
	const crm_route_rules *rules;      /* borrowed, outlive the assigner */
	const crm_route_sla *sla;
	const crm_lead_sources *sources;   /* for crm_lead_id */
	int64_t now;
	const char *actor;                 /* of the events; borrowed */
} crm_route_assign_opts;

typedef struct crm_route_assign_counts {
	unsigned long assigned, kept;
} crm_route_assign_counts;

/* CRM_ECONFIG naming the routing file when a route's team is not in the
 * database. */
CRM_API int crm_route_assigner_new(crm_db *db,
	const crm_route_assign_opts *opts, crm_route_assigner **a,
	crm_err *err);
/* Assign the lead lead stands for (crm_lead_id), taking its score and
 * priority when it carries them, and set owner_rep_id, team_id, due_at
 * (and status, if it has one) in lead.  CRM_EDATA naming the record's
 * place: unknown lead, a lead that is converted or disqualified, no
 * route, no rep with room. */
CRM_API int crm_route_assign(crm_route_assigner *a, crm_rec *lead,
	crm_err *err);
/* Assign every lead of status new or recycled, highest priority, then
 * score, then oldest first, writing each as the leads table has it. */
CRM_API int crm_route_assign_pending(crm_route_assigner *a, crm_out *out,
	crm_err *err);
CRM_API const crm_route_assign_counts *crm_route_assign_counts_of(
	const crm_route_assigner *a);
CRM_API void crm_route_assigner_free(crm_route_assigner *a);

/*
 * Overdue leads: assigned (not yet contacted) past their due_at, or past
 * assigned_at plus their deadline when due_at is not set.  Each is written
 * to out with id, owner_rep_id, team_id, priority, due_at, overdue
 * ("1d 2h 5m") and overdue_minutes, oldest deadline first; with an action,
 * what was done too.
 */
typedef enum crm_route_overdue_action {
	CRM_ROUTE_OVERDUE_LIST,
	CRM_ROUTE_OVERDUE_RECYCLE,   /* status recycled, reason "overdue" */
	CRM_ROUTE_OVERDUE_ESCALATE   /* to the team's lead rep, new due_at */
} crm_route_overdue_action;

typedef struct crm_route_overdue_counts {
	unsigned long overdue, changed, unchanged;
} crm_route_overdue_counts;

CRM_API int crm_route_overdue(crm_db *db, const crm_route_sla *sla,
	crm_route_overdue_action action, int64_t now, const char *actor,
	crm_out *out, crm_route_overdue_counts *counts, crm_err *err);

/*
 * Absence and leaving.  Each change is written to out as {"entity",
 * "id", "from_rep_id", "to_rep_id", "kind"} and logged as an event of
 * that entity and kind.  Errors: CRM_EDATA "rep R: unknown rep",
 * "rep R: inactive", "rep R: away until T"; CRM_EUSAGE for the same rep
 * twice or a window that ends before it starts or before now.
 */
typedef struct crm_route_change {
	int64_t now;
	const char *actor;
	crm_out *out;          /* may be NULL */
} crm_route_change;

/* from is away from starts until until: leads routed to from go to to
 * meanwhile.  When the window is in force now, from's leads in status
 * assigned or contacted are handed to to ("delegate" events whose data
 * names the delegation, so that crm_route_delegate_end hands them back). */
CRM_API int crm_route_delegate(crm_db *db, const char *from, const char *to,
	int64_t starts, int64_t until, const crm_route_change *ch,
	crm_err *err);
/* from is back: the delegations of from still in force end now, and the
 * leads they handed over that are still open and with the delegate go
 * back to from. */
CRM_API int crm_route_delegate_end(crm_db *db, const char *from,
	const crm_route_change *ch, crm_err *err);
/* from leaves: every open lead and every customer owned by from go to
 * to for good, delegations from or to from end now, and from is set
 * inactive.  Capacity is not checked. */
CRM_API int crm_route_transfer(crm_db *db, const char *from, const char *to,
	const crm_route_change *ch, crm_err *err);

/* The rep standing in for rep at the instant at (the newest delegation
 * in force), into to; CRM_END when rep is not away. */
CRM_API int crm_route_stand_in(crm_db *db, const char *rep, int64_t at,
	crm_buf *to, crm_err *err);

#endif
