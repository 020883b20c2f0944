/* web/cache.h — answers of heavy requests (route, plan, analysis,
 * uncontacted, exports) kept in memory for the workspace state they were
 * computed from. The caller reads the workspace's data version
 * (db_data_version) before computing and gives it with the answer; a lookup
 * finds an answer only under the same version, and the first lookup with a
 * new version drops every older answer — so an import, a categorization,
 * an override or a plan change is seen at once. The key holds everything
 * else the answer depends on (route, query, the user's scope, today). */
#ifndef FOKUS_WEB_CACHE_H
#define FOKUS_WEB_CACHE_H
#include <stddef.h>
#include <stdint.h>

struct web_cache;

/* An answer as kept. */
struct web_cached {
	int status;
	const char *content_type; /* a static string */
	char *disposition;        /* owned, or NULL */
	char *body;               /* owned */
	size_t len;
};

/* A cache holding at most max_bytes of answers (the least recently used go
 * first; one answer over a quarter of that is not kept). Free with
 * web_cache_free (NULL-safe). Thread-safe: one lock, never held while an
 * answer is computed. */
struct web_cache *web_cache_new(size_t max_bytes);
void web_cache_free(struct web_cache *c);

/* Returns 1 and a copy of the answer kept for key at version in *out (free
 * with web_cached_free), or 0. */
int web_cache_get(struct web_cache *c, const char *key, int64_t version, struct web_cached *out);
/* Keeps a copy of in for key at version (unless the cache has seen a newer
 * state since, or it is too large). */
void web_cache_put(struct web_cache *c, const char *key, int64_t version,
                   const struct web_cached *in);
void web_cached_free(struct web_cached *a);

#endif
