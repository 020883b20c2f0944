/* idmap.h — external ID (a customer's or seller's ID in the files) -> a
 * number (a workspace id in an import, a customer's index when categorizing
 * from files), in memory. Open addressing over 16-byte slots, at most half
 * full (three quarters once at its limit). A key of up to IDMAP_INL bytes
 * and an id below 2^32 (every real one) sit in the slot itself, so a
 * lookup touches one cache line; a longer key (or a larger id) keeps its hash in the slot and
 * the key and id in the `longs` array, the key copied into an arena of 1 MB
 * chunks. Lookups are random over up to a million IDs: memory latency is
 * what they cost, so fewer places to read is what makes them fast.
 *
 * The map stops growing at a limit (idmap_set_limit, or its own `limit`):
 * then it sets `full` and refuses new keys, and the caller looks those up
 * elsewhere (SQLite), so the memory stays bounded whatever the number of
 * IDs. Values are never 0: 0 means "not in the map". */
#ifndef FOKUS_IDMAP_H
#define FOKUS_IDMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define IDMAP_INL 11
#define IDMAP_NO_LIMIT ((size_t)-1)
enum { IDSLOT_EMPTY, IDSLOT_INLINE, IDSLOT_LONG };

struct idslot {
	char key[IDMAP_INL]; /* INLINE: the key, NUL-padded; LONG: 8 bytes of hash */
	uint8_t kind;
	uint32_t val; /* INLINE: the id; LONG: index into longs */
};

struct idlong {
	const char *key;
	int64_t val;
};

struct idmap {
	struct idslot *slots; /* an anonymous mapping of cap slots */
	size_t cap, n;        /* cap: a power of two, or 0 */
	int full;             /* it held the limit and refused a key */
	size_t limit;         /* most slots: 0 = idmap_set_limit's, IDMAP_NO_LIMIT */
	struct idlong *longs;
	size_t nlongs, longs_cap;
	char **chunks;
	size_t nchunks, used, chunk_cap;
};

/* The hash of a NUL-terminated key; *len gets its length. */
static inline uint64_t idmap_hash(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p = s;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	*len = (size_t)(p - s);
	h ^= h >> 33; /* spread the last bytes' changes over every bit */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* The slot a key (hash h, length len) would take (empty) or has; the map
 * must have slots (cap > 0). */
static inline struct idslot *idmap_slot(const struct idmap *m, const char *key, uint64_t h,
                                        size_t len)
{
	char inl[IDMAP_INL] = {0};
	int inline_key = len <= IDMAP_INL; /* in an INLINE slot, unless its id is too large */
	if (inline_key)
		memcpy(inl, key, len);
	for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct idslot *s = &m->slots[i];
		if (s->kind == IDSLOT_EMPTY)
			return s;
		if (s->kind == IDSLOT_INLINE) {
			if (inline_key && !memcmp(s->key, inl, IDMAP_INL))
				return s;
		} else {
			uint64_t sh;
			memcpy(&sh, s->key, sizeof(sh));
			if (sh == h && !strcmp(m->longs[s->val].key, key))
				return s;
		}
	}
}

/* The id of a key with its hash and length, or 0 when it is not in the map. */
static inline int64_t idmap_get_h(const struct idmap *m, const char *key, uint64_t h, size_t len)
{
	if (!m->cap)
		return 0;
	const struct idslot *s = idmap_slot(m, key, h, len);
	if (s->kind == IDSLOT_EMPTY)
		return 0;
	return s->kind == IDSLOT_INLINE ? (int64_t)s->val : m->longs[s->val].val;
}

/* Starts fetching the home slot of hash h into the cache. */
static inline void idmap_prefetch(const struct idmap *m, uint64_t h)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[h & (m->cap - 1)]);
}

/* The id of key, or 0 when it is not in the map. */
int64_t idmap_get(const struct idmap *m, const char *key);
/* Adds key -> val (val != 0) or changes its val; when the map would have
 * to grow past the limit, sets m->full and adds nothing. */
void idmap_put(struct idmap *m, const char *key, int64_t val);
/* idmap_put with the key's hash and length from idmap_hash. */
void idmap_put_h(struct idmap *m, const char *key, uint64_t h, size_t len, int64_t val);
/* Adds key (hash h, length len), known not to be in the map, with val;
 * returns val, or 0 when the map is full. */
int64_t idmap_insert_h(struct idmap *m, const char *key, uint64_t h, size_t len, int64_t val);
/* The value of key (hash h, length len), adding it with val (!= 0) when it
 * is not in the map; 0 when it was not and the map is full. */
static inline int64_t idmap_add_h(struct idmap *m, const char *key, uint64_t h, size_t len,
                                  int64_t val)
{
	int64_t v = idmap_get_h(m, key, h, len);
	return v ? v : idmap_insert_h(m, key, h, len, val);
}
void idmap_free(struct idmap *m);

/* The entries one by one, in no order: *pos starts at 0. Returns 1 with
 * *key (NUL-terminated; in k when short, else in the map) and *val, or 0
 * after the last. */
int idmap_next(const struct idmap *m, size_t *pos, char k[IDMAP_INL + 1], const char **key,
               int64_t *val);

/* Gives the entries whose value is `from` the values first, first + 1, ...
 * in the order of their keys (strcmp's, which is SQLite's BINARY order),
 * and calls fn(ctx, key, value) for each in that order. Returns how many. */
size_t idmap_number_in_order(struct idmap *m, int64_t from, int64_t first,
                             void (*fn)(void *ctx, const char *key, int64_t val), void *ctx);

/* The most slots a map without a limit of its own may have (default 2^21:
 * 1.5 million IDs in 32 MB); at least 1024. For tests; not thread-safe. */
void idmap_set_limit(size_t slots);

#endif
