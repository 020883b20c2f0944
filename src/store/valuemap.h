/* store/valuemap.h — the workspace's value map: what a user's own words for
 * activity types and roles mean ("Fysiskt möte" is a visit), given once with
 * `fokus import --map-value` and used by every import after. */
#ifndef FOKUS_STORE_VALUEMAP_H
#define FOKUS_STORE_VALUEMAP_H
#include <stddef.h>

#include "io/vocab.h"

struct sqlite3;

/* The whole map: *out (n entries; free with store_valuemap_free) whose
 * folded strings it owns. Returns 0, or -1 with *cause (caller frees). */
int store_valuemap_load(struct sqlite3 *db, struct vocab_map **out, size_t *n, char **cause);
void store_valuemap_free(struct vocab_map *m, size_t n);
/* Keeps (or, code < 0, removes) the meaning of `written` for field f, in
 * its own transaction. 0, or -1 with *cause. */
int store_valuemap_put(struct sqlite3 *db, enum vocab_field f, const char *written, int code,
                       char **cause);

#endif
