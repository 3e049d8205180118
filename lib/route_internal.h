/*
 * route_internal.h - shared by the lib/route_*.c files; not installed.
 * The functions are hidden (no CRM_API) even though they share the
 * prefix.
 */
#ifndef CRM_ROUTE_INTERNAL_H
#define CRM_ROUTE_INTERNAL_H

#include "internal.h"

/* A rep as routing sees it.  Strings owned; crm_route_rep_clear frees
 * them and leaves an empty rep to reuse. */
struct crm_route_rep {
	char *id;
	char *team_id;        /* NULL when in no team */
	int active;
	int64_t capacity;     /* -1: no limit */
};

void crm_route_rep_clear(struct crm_route_rep *rep);
/* Read rep id into rep: CRM_OK, CRM_END when there is no such rep. */
int crm_route_rep_get(crm_db *db, const char *id, struct crm_route_rep *rep,
	crm_err *err);
/* The same, but CRM_EDATA "rep ID: unknown rep" when absent, and
 * "rep ID: inactive" when must_be_active and it is not. */
int crm_route_rep_need(crm_db *db, const char *id, int must_be_active,
	struct crm_route_rep *rep, crm_err *err);
/* Open leads (assigned, contacted, qualified) owned by rep. */
int crm_route_open_leads(crm_db *db, const char *rep, int64_t *n,
	crm_err *err);
/* 1 when rep is active and holds fewer open leads than its capacity. */
int crm_route_has_room(crm_db *db, const struct crm_route_rep *rep,
	int *room, crm_err *err);

/* Step a statement that changes rows; map failure to a code. */
int crm_route_step_done(crm_db *db, sqlite3_stmt *st, const char *what,
	crm_err *err);
/* Bind s, or NULL when s is NULL (SQLITE_TRANSIENT). */
void crm_route_bind_text(sqlite3_stmt *st, int i, const char *s);
/* strdup of column i of the current row, NULL for NULL; *oom set when
 * out of memory. */
char *crm_route_column_dup(sqlite3_stmt *st, int i, int *oom);

/* Write {"entity","id","kind","from_rep_id","to_rep_id"} to out (if not
 * NULL) and log the event.  note and data may be NULL. */
int crm_route_log_change(crm_db *db, const char *entity, const char *id,
	const char *kind, const char *from, const char *to, const char *note,
	const char *data, int64_t now, const char *actor, crm_out *out,
	crm_err *err);

/* Give each of ids[0..n) (of entity "lead" or "customer", owned by
 * from, which may be NULL) to rep to, logging an event of kind for each
 * (crm_route_log_change); a customer's change is kept in its
 * customer_history too (field owner_rep_id, source kind). */
int crm_route_hand_over(crm_db *db, const char *entity, char **ids,
	size_t n, const char *from, const char *to, const char *kind,
	const char *note, const char *data, const crm_route_change *ch,
	crm_err *err);
/* The same for the ids the one-off query sql finds with ?1 = from. */
int crm_route_hand_over_query(crm_db *db, const char *sql,
	const char *entity, const char *from, const char *to,
	const char *kind, const char *note, const char *data,
	const crm_route_change *ch, crm_err *err);
/* from and to are two reps, to active: CRM_EUSAGE for the same rep,
 * CRM_EDATA as crm_route_rep_need. */
int crm_route_check_pair(crm_db *db, const char *from, const char *to,
	crm_err *err);

#endif
