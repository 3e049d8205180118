/*
 * internal.h - shared by the files of libcrm and its programs; not
 * installed.
 */
#ifndef CRM_INTERNAL_H
#define CRM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/crm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Make room in the array *arr (arr is the address of the pointer) of
 * *cap elements of sz bytes for element n: doubled, from 16, when full.
 * CRM_OK, or CRM_EINTERNAL out of memory (the array left as it was). */
int crm_array_grow(void *arr, size_t *cap, size_t n, size_t sz,
	crm_err *err);

#include "banned.h"

#endif
