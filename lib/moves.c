/*
 * moves.c - lifecycles as tables of moves (see moves.h).
 */
#include "internal.h"
#include "moves.h"

const struct crm_move *
crm_move_from(const struct crm_move *moves, size_t n, const char *from)
{
	size_t i;

	for (i = 0; from != NULL && i < n; i++)
		if (strcmp(moves[i].from, from) == 0)
			return &moves[i];
	return NULL;
}

int
crm_move_allowed(const struct crm_move *moves, size_t n, const char *from,
    const char *to)
{
	const struct crm_move *m = crm_move_from(moves, n, from);
	size_t i;

	for (i = 0; m != NULL && i < CRM_MOVES_MAX && m->to[i]; i++)
		if (strcmp(m->to[i], to) == 0)
			return 1;
	return 0;
}

int
crm_move_list(const struct crm_move *moves, size_t n, const char *from,
    crm_buf *out)
{
	const struct crm_move *m = crm_move_from(moves, n, from);
	size_t i;

	for (i = 0; m != NULL && i < CRM_MOVES_MAX && m->to[i]; i++)
		if (crm_buf_printf(out, "%s%s", i ? ", " : "", m->to[i]) !=
		    CRM_OK)
			return CRM_EINTERNAL;
	if (i == 0 && crm_buf_adds(out, "none") != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}
