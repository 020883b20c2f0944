/* util/idmap.c — see idmap.h. */
#include "util/idmap.h"
#include "util/radix.h"
#include "util/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static char *arena_copy(struct idmap *m, const char *s)
{
	size_t n = strlen(s) + 1;
	if (!m->nchunks || m->used + n > m->chunk_cap) {
		m->chunk_cap = n > 1 << 20 ? n : 1 << 20;
		m->chunks = xreallocarray(m->chunks, m->nchunks + 1, sizeof(char *));
		m->chunks[m->nchunks++] = xmalloc(m->chunk_cap);
		m->used = 0;
	}
	char *p = m->chunks[m->nchunks - 1] + m->used;
	memcpy(p, s, n);
	m->used += n;
	return p;
}

/* Fills an empty slot: inline when the key and the id fit. */
static void slot_fill(struct idmap *m, struct idslot *s, const char *key, uint64_t h, size_t len,
                      int64_t val)
{
	memset(s->key, 0, IDMAP_INL);
	if (len <= IDMAP_INL && val >= 0 && val <= UINT32_MAX) {
		memcpy(s->key, key, len);
		s->kind = IDSLOT_INLINE;
		s->val = (uint32_t)val;
		return;
	}
	memcpy(s->key, &h, sizeof(h));
	s->kind = IDSLOT_LONG;
	if (m->nlongs == m->longs_cap) {
		m->longs_cap = m->longs_cap ? m->longs_cap * 2 : 64;
		m->longs = xreallocarray(m->longs, m->longs_cap, sizeof(*m->longs));
	}
	m->longs[m->nlongs].key = arena_copy(m, key);
	m->longs[m->nlongs].val = val;
	s->val = (uint32_t)m->nlongs++;
}

/* The slots live in their own anonymous mapping, so that doubling them
 * needs no second table: on Linux mremap extends the mapping (moving pages,
 * not copying them) and the entries are then moved within it. An import's
 * peak memory is the map at its largest, not 1.5 times that. */
static struct idslot *slots_resize(struct idslot *old, size_t ocap, size_t cap)
{
	size_t ob = ocap * sizeof(struct idslot), nb = cap * sizeof(struct idslot);
	void *p;
	if (!old) {
		p = mmap(NULL, nb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	} else {
#ifdef MREMAP_MAYMOVE
		p = mremap(old, ob, nb, MREMAP_MAYMOVE); /* the new pages read as zeros */
#else
		p = mmap(NULL, nb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
			memcpy(p, old, ob);
			munmap(old, ob);
		}
#endif
	}
	if (p == MAP_FAILED) {
		fprintf(stderr, "fokus: out of memory (asked for %zu bytes)\n", nb);
		exit(1); /* as xmalloc does */
	}
#ifdef MADV_HUGEPAGE
	/* Random lookups over megabytes: with 2 MB pages they rarely miss the
	 * TLB as well as the cache (a hint; ignored where unsupported). */
	if (nb >= (size_t)4 << 20)
		madvise(p, nb, MADV_HUGEPAGE);
#endif
	return p;
}

static void slots_free(struct idslot *slots, size_t cap)
{
	if (slots)
		munmap(slots, cap * sizeof(struct idslot));
}

#define IDSLOT_OLD 0x80 /* in idmap_grow: not yet at its place in the larger table */

static const char *slot_key(const struct idmap *m, const struct idslot *s, char k[IDMAP_INL + 1])
{
	if ((s->kind & ~IDSLOT_OLD) == IDSLOT_LONG)
		return m->longs[s->val].key;
	memcpy(k, s->key, IDMAP_INL);
	k[IDMAP_INL] = '\0';
	return k;
}

/* Doubles the table in place. Every entry is first marked old; then each
 * old entry in turn is taken out and put at its first free place under the
 * new mask, where "free" is empty or old: an old entry found there is
 * swapped out and placed next. Placed entries never move again, and a
 * probe only ever passes over placed entries, so every placed entry stays
 * reachable from its home slot. */
static void idmap_grow(struct idmap *m)
{
	size_t ocap = m->cap;
	m->cap = ocap ? ocap * 2 : 1024;
	m->slots = slots_resize(m->slots, ocap, m->cap);
	size_t mask = m->cap - 1;
	for (size_t i = 0; i < ocap; i++)
		if (m->slots[i].kind != IDSLOT_EMPTY)
			m->slots[i].kind |= IDSLOT_OLD;
	for (size_t i = 0; i < ocap; i++) {
		if (!(m->slots[i].kind & IDSLOT_OLD))
			continue;
		struct idslot hand = m->slots[i];
		m->slots[i].kind = IDSLOT_EMPTY;
		for (;;) {
			char k[IDMAP_INL + 1];
			size_t len;
			hand.kind &= (uint8_t)~IDSLOT_OLD;
			size_t j = (size_t)idmap_hash(slot_key(m, &hand, k), &len) & mask;
			while (m->slots[j].kind != IDSLOT_EMPTY && !(m->slots[j].kind & IDSLOT_OLD))
				j = (j + 1) & mask;
			struct idslot there = m->slots[j];
			m->slots[j] = hand;
			if (there.kind == IDSLOT_EMPTY)
				break;
			hand = there; /* an old entry: its turn now */
		}
	}
}

/* The most slots a map may have (16 bytes each): 2^21 slots hold 1.5
 * million IDs in 32 MB. Past that the map keeps what it has and the import looks
 * the others up in SQLite (slower, but the memory stays bounded whatever the
 * number of customers). A process-wide setting that imports running at once on
 * the server's threads may set and read: read and written atomically. */
static size_t map_limit = (size_t)1 << 21;

void idmap_set_limit(size_t slots)
{
	__atomic_store_n(&map_limit, slots < 1024 ? 1024 : slots, __ATOMIC_RELAXED);
}

void idmap_put(struct idmap *m, const char *key, int64_t val)
{
	size_t len;
	uint64_t h = idmap_hash(key, &len);
	idmap_put_h(m, key, h, len, val);
}

/* Makes room for one more key: 0, or -1 (and m->full set) at the limit.
 * A map is kept at most half full while it may grow (short probes); at
 * its limit it takes keys up to three quarters full (linear probing is
 * still a cache line or two per lookup there), which puts the point where
 * an import must look IDs up in SQLite at 1.5 million IDs instead of 1. */
static int room_for_one(struct idmap *m)
{
	if ((m->n + 1) * 2 <= m->cap)
		return 0;
	size_t limit = m->limit ? m->limit : __atomic_load_n(&map_limit, __ATOMIC_RELAXED);
	if (m->cap && m->cap * 2 > limit) {
		if ((m->n + 1) * 4 <= m->cap * 3)
			return 0;
		m->full = 1;
		return -1;
	}
	idmap_grow(m);
	return 0;
}

/* Gives the key held in slot s a new value. */
static void slot_set(struct idmap *m, struct idslot *s, const char *key, int64_t val)
{
	if (s->kind == IDSLOT_LONG) {
		m->longs[s->val].val = val;
	} else if (val >= 0 && val <= UINT32_MAX) {
		s->val = (uint32_t)val;
	} else { /* an inline key whose new value no longer fits: moved to longs */
		size_t len;
		uint64_t h = idmap_hash(key, &len);
		s->kind = IDSLOT_EMPTY;
		slot_fill(m, s, key, h, len, val);
	}
}

int64_t idmap_insert_h(struct idmap *m, const char *key, uint64_t h, size_t len, int64_t val)
{
	if (room_for_one(m) != 0)
		return 0;
	m->n++;
	slot_fill(m, idmap_slot(m, key, h, len), key, h, len, val);
	return val;
}

void idmap_put_h(struct idmap *m, const char *key, uint64_t h, size_t len, int64_t val)
{
	struct idslot *s = m->cap ? idmap_slot(m, key, h, len) : NULL;
	if (s && s->kind != IDSLOT_EMPTY)
		slot_set(m, s, key, val);
	else
		idmap_insert_h(m, key, h, len, val);
}

static int64_t slot_val(const struct idmap *m, const struct idslot *s)
{
	return s->kind == IDSLOT_INLINE ? (int64_t)s->val : m->longs[s->val].val;
}

int idmap_next(const struct idmap *m, size_t *pos, char k[IDMAP_INL + 1], const char **key,
               int64_t *val)
{
	for (; *pos < m->cap; (*pos)++) {
		const struct idslot *s = &m->slots[*pos];
		if (s->kind == IDSLOT_EMPTY)
			continue;
		*key = slot_key(m, s, k);
		*val = slot_val(m, s);
		(*pos)++;
		return 1;
	}
	return 0;
}

/* Eight bytes of a key from byte `depth` on (zeros past its end), the
 * first in the highest byte: comparing them compares those bytes as
 * strcmp does. */
static uint64_t key_window(const char *key, size_t depth)
{
	size_t len = strlen(key);
	uint64_t w = 0;
	for (size_t i = 0; i < 8; i++)
		w = w << 8 | (depth + i < len ? (unsigned char)key[depth + i] : 0);
	return w;
}

static int cmp_slot_keys(const void *a, const void *b, void *ctx)
{
	const struct idmap *m = ctx;
	char ka[IDMAP_INL + 1], kb[IDMAP_INL + 1];
	return strcmp(slot_key(m, &m->slots[((const struct rkey *)a)->i], ka),
	              slot_key(m, &m->slots[((const struct rkey *)b)->i], kb));
}

/* Sorts a[0..n) (slot indexes in .i) by their keys, all equal in their
 * first `depth` bytes: by radix on the next eight bytes, then each run
 * still equal (keys longer than depth + 8) likewise on the eight after.
 * Small runs, and keys alike beyond 256 bytes, are left to qsort_r. */
static void sort_slots(const struct idmap *m, struct rkey *a, struct rkey *tmp, size_t n,
                       size_t depth)
{
	if (n < 32 || depth >= 256) {
		qsort_r(a, n, sizeof(*a), cmp_slot_keys, (void *)m);
		return;
	}
	for (size_t j = 0; j < n; j++) {
		char k[IDMAP_INL + 1];
		a[j].key = key_window(slot_key(m, &m->slots[a[j].i], k), depth);
	}
	radix_sort(a, tmp, n);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && a[hi].key == a[lo].key; hi++)
			;
		if (hi - lo > 1 && (a[lo].key & 0xff)) /* alike in all eight: longer keys */
			sort_slots(m, a + lo, tmp, hi - lo, depth + 8);
	}
}

size_t idmap_number_in_order(struct idmap *m, int64_t from, int64_t first,
                             void (*fn)(void *ctx, const char *key, int64_t val), void *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].kind != IDSLOT_EMPTY && slot_val(m, &m->slots[i]) == from)
			n++;
	if (!n)
		return 0;
	struct rkey *a = xreallocarray(NULL, n, sizeof(*a));
	struct rkey *tmp = xreallocarray(NULL, n, sizeof(*tmp));
	size_t j = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].kind != IDSLOT_EMPTY && slot_val(m, &m->slots[i]) == from)
			a[j++].i = i;
	sort_slots(m, a, tmp, n, 0);
	free(tmp);
	for (j = 0; j < n; j++) {
		char k[IDMAP_INL + 1];
		struct idslot *s = &m->slots[a[j].i];
		const char *key = slot_key(m, s, k);
		int64_t val = first + (int64_t)j;
		slot_set(m, s, key, val); /* the slot stays where it is */
		fn(ctx, key, val);
	}
	free(a);
	return n;
}

int64_t idmap_get(const struct idmap *m, const char *key)
{
	size_t len;
	uint64_t h = idmap_hash(key, &len);
	return idmap_get_h(m, key, h, len);
}

void idmap_free(struct idmap *m)
{
	for (size_t i = 0; i < m->nchunks; i++)
		free(m->chunks[i]);
	free(m->chunks);
	slots_free(m->slots, m->cap);
	free(m->longs);
}
