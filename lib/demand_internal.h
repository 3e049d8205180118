/*
 * demand_internal.h - shared by the demand files of libcrm: the rows'
 * insides, numbers read from records, numbers written to them.
 */
#ifndef CRM_DEMAND_INTERNAL_H
#define CRM_DEMAND_INTERNAL_H

#include "crm/demand.h"
#include "strmap.h"

/* A row and what it owns; pub's pointers point into it. */
struct demand_row {
	crm_demand_row pub;
	char **vals;
	char period[CRM_DATE_BUFSZ];
	double *stat_bounds;
	double *bounds;
	crm_demand_step *steps;
	double *values;               /* each step's value as a double */
	size_t csteps;
};

struct crm_demand_rows {
	char **keys;
	size_t nkeys;
	char **bounds;
	size_t nbounds;
	int flags;
	struct demand_row **rows;     /* pointers, so that rows never move */
	size_t nrows, crows;
	crm_strmap *ix;               /* key values and period -> index + 1 */
	crm_strmap *key_ix;           /* key values -> 1: keys with a row */
	crm_buf scratch;
};

/* The text of a key value of r: a string or a number as written.  Sets
 * err "file:line: key: missing" or "not a string or number". */
int demand_key_value(const crm_rec *r, const char *key, const char **val,
	crm_err *err);

/* s[0..len) as a number: digits with an optional '-', point and
 * exponent, finite and below CRM_DEMAND_MAX in magnitude.  CRM_EDATA
 * "not a number" or "out of range" (no place: the caller adds it). */
int demand_number(const char *s, size_t len, double *v, crm_err *err);

/* Field key of r as a number (a JSON number or a decimal string); *text
 * and *len (either may be NULL) get its text as written.  CRM_END when
 * absent or null; CRM_EDATA "file:line: key: reason". */
int demand_get_number(const crm_rec *r, const char *key, double *v,
	const char **text, size_t *len, crm_err *err);

/* Set field key of r to v as a JSON number (15 significant digits, so
 * that 0.1 + 0.2 reads 0.3). */
int demand_set_number(crm_rec *r, const char *key, double v, crm_err *err);

/* Append the key of key values vals[0..n) to b: each value as
 * "LENGTH:BYTES", so that no two keys differ only in where one value
 * ends. */
int demand_key_encode(crm_buf *b, const char *const *vals, size_t n);

/* Append a step to row i and settle it.  CRM_EDATA "value: ..." when
 * the forecast or a bound would go out of range; rows are unchanged
 * then. */
int demand_rows_step(crm_demand_rows *rows, size_t i, crm_demand_op op,
	double v, const char *text, const char *author, const char *reason,
	const char *file, unsigned long line, crm_err *err);

/* v rounded half away from zero to a whole number; |v| < 2^62. */
int64_t demand_round(double v);

#endif
