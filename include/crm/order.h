/*
 * crm/order.h - orders: their lifecycle, creation, APS hand-over and
 * shipments.  Invoices and payments are in crm/invoice.h.
 *
 * An order moves through
 *
 *	draft -> confirmed -> scheduled -> partly_shipped -> shipped
 *	      -> delivered -> invoiced -> paid -> closed
 *
 * and may be cancelled (with a reason) while nothing of it has shipped.
 * Only some moves are made by hand (crm_order_move): confirming a draft,
 * cancelling, closing a paid order.  The others follow from what
 * happened to the order and are made by crm_order_refresh(): the
 * furthest milestone whose condition holds, where shipped means every
 * line shipped in full, delivered every shipment delivered, invoiced the
 * whole total invoiced (delivered or not), paid every invoice settled.
 * Every change of status appends a "status" event (crm/event.h) in the
 * caller's transaction.
 */
#ifndef CRM_ORDER_H
#define CRM_ORDER_H

#include <stdint.h>

#include "db.h"
#include "err.h"

/* The statuses in lifecycle order, comma separated, for messages. */
#define CRM_ORDER_STATUSES "draft, confirmed, scheduled, partly_shipped, " \
	"shipped, delivered, invoiced, paid, closed, cancelled"

/* The index of status in CRM_ORDER_STATUSES, or -1 when it is not one. */
CRM_API int crm_order_status_rank(const char *status);

/* 1 when a user may move an order from one status to the other by hand,
 * 0 when not (CRM_ORDER_STATUSES names only). */
CRM_API int crm_order_can_move(const char *from, const char *to);

/* Move order id to status to by hand, at instant at, with a reason
 * (required for cancelled, may be NULL otherwise), inside the caller's
 * transaction.  CRM_EDATA "no such order X" for an unknown order, "order X:
 * cannot go from A to B (allowed: ...)" for a move the lifecycle does
 * not allow, "order X is held for credit approval" for confirming a held
 * order, "order X has shipped ..." for cancelling after a shipment. */
CRM_API int crm_order_move(crm_db *db, const char *id, const char *to,
	const char *reason, const char *at, crm_err *err);

/* Set order id's status to what its shipments, invoices and payments
 * say (see above), with an event when it changes; a draft, cancelled or
 * closed order is left as it is.  Inside the caller's transaction. */
CRM_API int crm_order_refresh(crm_db *db, const char *id, const char *at,
	crm_err *err);

#endif
