/*
 * strmap.h - a hash map from strings to fixed-size values, for caches
 * that live as long as one run (internal).
 */
#ifndef CRM_STRMAP_H
#define CRM_STRMAP_H

#include <stddef.h>

typedef struct crm_strmap crm_strmap;

/* A map whose values are value_size bytes each; NULL when out of
 * memory.  crm_strmap_free(NULL) does nothing. */
crm_strmap *crm_strmap_new(size_t value_size);
void crm_strmap_free(crm_strmap *m);

/* The value of key, or NULL when absent.  Valid until the map is
 * freed (values never move). */
void *crm_strmap_get(const crm_strmap *m, const char *key);

/* The value of key, added zero-filled when absent (*added set to 1);
 * NULL when out of memory. */
void *crm_strmap_put(crm_strmap *m, const char *key, int *added);

#endif
