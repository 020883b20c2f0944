/* cache.c — see cache.h. A small array searched linearly (a few hundred
 * answers at most in practice), least recently used evicted first. */
#include "web/cache.h"
#include "util/xmalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	struct web_cached a;
	uint64_t used; /* the cache's clock at the last hit */
};

struct web_cache {
	pthread_mutex_t lock;
	int64_t version; /* the state every kept answer belongs to */
	int have_version;
	struct entry *v;
	size_t n, cap;
	size_t bytes, max_bytes;
	uint64_t clock;
};

struct web_cache *web_cache_new(size_t max_bytes)
{
	struct web_cache *c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->max_bytes = max_bytes;
	return c;
}

void web_cached_free(struct web_cached *a)
{
	if (!a)
		return;
	free(a->disposition);
	free(a->body);
	memset(a, 0, sizeof(*a));
}

static size_t entry_bytes(const struct entry *e)
{
	return strlen(e->key) + e->a.len + (e->a.disposition ? strlen(e->a.disposition) : 0) + 64;
}

static void drop(struct web_cache *c, size_t i)
{
	c->bytes -= entry_bytes(&c->v[i]);
	free(c->v[i].key);
	web_cached_free(&c->v[i].a);
	c->v[i] = c->v[--c->n];
}

static void drop_all(struct web_cache *c)
{
	while (c->n)
		drop(c, c->n - 1);
}

void web_cache_free(struct web_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void copy(struct web_cached *to, const struct web_cached *from)
{
	to->status = from->status;
	to->content_type = from->content_type;
	to->disposition = from->disposition ? xstrdup(from->disposition) : NULL;
	to->len = from->len;
	to->body = xmalloc(from->len + 1);
	if (from->len)
		memcpy(to->body, from->body, from->len);
	to->body[from->len] = '\0';
}

int web_cache_get(struct web_cache *c, const char *key, int64_t version, struct web_cached *out)
{
	int hit = 0;
	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&c->lock);
	if (!c->have_version || c->version != version) {
		/* the workspace changed: nothing kept holds any more */
		drop_all(c);
		c->version = version;
		c->have_version = 1;
	}
	for (size_t i = 0; i < c->n; i++) {
		if (!strcmp(c->v[i].key, key)) {
			c->v[i].used = ++c->clock;
			copy(out, &c->v[i].a);
			hit = 1;
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void web_cache_put(struct web_cache *c, const char *key, int64_t version,
                   const struct web_cached *in)
{
	struct entry e = {.key = (char *)key, .a = *in};
	size_t need = entry_bytes(&e);
	if (need > c->max_bytes / 4)
		return;
	pthread_mutex_lock(&c->lock);
	if (!c->have_version || c->version != version)
		goto out; /* computed from a state the cache has left */
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].key, key))
			goto out; /* another thread was first */
	while (c->n && c->bytes + need > c->max_bytes) {
		size_t old = 0;
		for (size_t i = 1; i < c->n; i++)
			if (c->v[i].used < c->v[old].used)
				old = i;
		drop(c, old);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	struct entry *d = &c->v[c->n++];
	d->key = xstrdup(key);
	copy(&d->a, in);
	d->used = ++c->clock;
	c->bytes += need;
out:
	pthread_mutex_unlock(&c->lock);
}
