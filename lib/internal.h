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

#include "banned.h"

#endif
