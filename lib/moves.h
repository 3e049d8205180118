/*
 * moves.h - a lifecycle as a table of moves: each status with the
 * statuses it may go to (internal; leads and orders).
 */
#ifndef CRM_MOVES_H
#define CRM_MOVES_H

#include <stddef.h>

#include "crm/buf.h"

/* The most statuses one status may go to. */
#define CRM_MOVES_MAX 5

struct crm_move {
	const char *from;
	const char *to[CRM_MOVES_MAX];   /* ended by NULL when shorter */
};

/* The row of from in moves[0..n), or NULL when from has none (or is
 * NULL). */
const struct crm_move *crm_move_from(const struct crm_move *moves, size_t n,
	const char *from);

/* Whether moves[0..n) lets from go to to. */
int crm_move_allowed(const struct crm_move *moves, size_t n,
	const char *from, const char *to);

/* Append where from may go, "x, y", or "none", to out.  CRM_OK or
 * CRM_EINTERNAL (out of memory). */
int crm_move_list(const struct crm_move *moves, size_t n, const char *from,
	crm_buf *out);

#endif
