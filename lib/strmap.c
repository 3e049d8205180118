/*
 * strmap.c - open addressing over FNV-1a hashes; each entry is one
 * allocation holding its value and then its key, so values never move
 * when the table grows.
 */
#include "internal.h"
#include "strmap.h"

struct entry {
	uint64_t hash;
	char *key;
	/* the value follows, aligned */
};

struct crm_strmap {
	struct entry **slots;
	size_t cap, n, value_size;
};

static uint64_t
hash_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The value lives after the entry, rounded up for any type. */
#define VALUE_OFFSET ((sizeof(struct entry) + 15) & ~(size_t)15)

static void *
value_of(struct entry *e)
{
	return (char *)e + VALUE_OFFSET;
}

crm_strmap *
crm_strmap_new(size_t value_size)
{
	crm_strmap *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->value_size = (value_size + 15) & ~(size_t)15;
	m->cap = 64;
	if ((m->slots = calloc(m->cap, sizeof(*m->slots))) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
crm_strmap_free(crm_strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slots[i]);
	free(m->slots);
	free(m);
}

/* The slot of key: its entry's, or the empty one where it would go. */
static size_t
find(const crm_strmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i] != NULL && (m->slots[i]->hash != h ||
	    strcmp(m->slots[i]->key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *
crm_strmap_get(const crm_strmap *m, const char *key)
{
	size_t i = find(m, key, hash_of(key));

	return m->slots[i] != NULL ? value_of(m->slots[i]) : NULL;
}

static int
grow(crm_strmap *m)
{
	struct entry **old = m->slots;
	size_t oldcap = m->cap, i, j;

	if ((m->slots = calloc(2 * oldcap, sizeof(*m->slots))) == NULL) {
		m->slots = old;
		return -1;
	}
	m->cap = 2 * oldcap;
	for (i = 0; i < oldcap; i++)
		if (old[i] != NULL) {
			j = find(m, old[i]->key, old[i]->hash);
			m->slots[j] = old[i];
		}
	free(old);
	return 0;
}

void *
crm_strmap_put(crm_strmap *m, const char *key, int *added)
{
	uint64_t h = hash_of(key);
	size_t i = find(m, key, h), len = strlen(key);
	struct entry *e;

	*added = 0;
	if (m->slots[i] != NULL)
		return value_of(m->slots[i]);
	if ((m->n + 1) * 10 > m->cap * 7) {
		if (grow(m) != 0)
			return NULL;
		i = find(m, key, h);
	}
	if ((e = calloc(1, VALUE_OFFSET + m->value_size + len + 1)) == NULL)
		return NULL;
	e->hash = h;
	e->key = (char *)value_of(e) + m->value_size;
	memcpy(e->key, key, len + 1);
	m->slots[i] = e;
	m->n++;
	*added = 1;
	return value_of(e);
}
