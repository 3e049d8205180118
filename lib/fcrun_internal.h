/*
 * fcrun_internal.h - shared by the fcrun files of libcrm: the run's
 * insides and the helpers that set a row's fields.
 */
#ifndef CRM_FCRUN_INTERNAL_H
#define CRM_FCRUN_INTERNAL_H

#include "crm/fcrun.h"

struct crm_fcrun {
	char **keys;
	size_t nkeys;
	crm_forecast_method method;
	crm_forecast_opts fo;
	char *lo[CRM_FORECAST_MAX_LEVELS];    /* the bound names: lo80 */
	char *hi[CRM_FORECAST_MAX_LEVELS];
	int flags;
	crm_fcrun_counts counts;
	crm_rec *row;                         /* handed to the row function */
};

/* Set field key of r to x as crm_fcrun_num writes it (null when not
 * finite). */
int crm_fcrun_set_num(crm_rec *r, const char *key, double x, int decimals,
	crm_err *err);

/* Set the key fields names[0..n) of r to vals[0..n) (NULL: null). */
int crm_fcrun_set_keys(crm_rec *r, char *const *names,
	const char *const *vals, size_t n, crm_err *err);

#endif
