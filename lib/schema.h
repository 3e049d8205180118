/*
 * schema.h - the schema's migration steps and table list (internal).
 */
#ifndef CRM_SCHEMA_H
#define CRM_SCHEMA_H

#include <stddef.h>

/* SQL taking user_version from to from + 1, NULL past the last step. */
const char *crm_schema_step(int from);
/* The tables in dependency order (parents first). */
size_t crm_schema_ntables(void);
const char *crm_schema_table(size_t i);

#endif
