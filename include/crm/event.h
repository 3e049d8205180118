/*
 * crm/event.h - the event log: one append-only row per change of state of
 * a lead, deal, order... (the events table).  Written in the same
 * transaction as the change it records, so the log and the state never
 * disagree.
 */
#ifndef CRM_EVENT_H
#define CRM_EVENT_H

#include "db.h"
#include "err.h"

typedef struct crm_event {
	const char *entity;      /* "lead", "deal", "rep", ... */
	const char *entity_id;
	const char *at;          /* RFC 3339 instant */
	const char *actor;       /* who: a rep id, or the user; may be NULL */
	const char *kind;        /* "status", "stage", "assign", ... */
	const char *from_state;  /* may be NULL */
	const char *to_state;    /* may be NULL */
	const char *note;        /* may be NULL */
	const char *data;        /* JSON text with more detail; may be NULL */
} crm_event;

/* Append ev to the events table (inside the caller's transaction). */
CRM_API int crm_event_add(crm_db *db, const crm_event *ev, crm_err *err);

/* Set field "history" of rec to the events of entity id, oldest first,
 * as an array of {at, kind, from_state, to_state, actor, note} (absent
 * columns left out). */
CRM_API int crm_event_history(crm_db *db, const char *entity,
	const char *id, crm_rec *rec, crm_err *err);

/* The actor of changes made from the command line: $CRM_ACTOR, else
 * $USER, else "unknown".  Borrowed. */
CRM_API const char *crm_event_actor(void);

#endif
