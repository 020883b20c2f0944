/* test-idmap.c — the in-memory map of external IDs (util/idmap.c): put/get,
 * growth in place, limits (global and per map), add, numbering in key order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/idmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key "<prefix><n>" whose hash has the given low bits (mask). */
static void key_with(char *out, size_t cap, const char *prefix, uint64_t mask, uint64_t bits,
                     int *n)
{
	for (;; (*n)++) {
		size_t len;
		snprintf(out, cap, "%s%d", prefix, *n);
		if ((idmap_hash(out, &len) & mask) == bits) {
			(*n)++;
			return;
		}
	}
}

static void test_put_get(void **state)
{
	(void)state;
	struct idmap m = {0};
	assert_int_equal(idmap_get(&m, "A"), 0); /* no slots yet */
	idmap_put(&m, "A", 1);
	idmap_put(&m, "ABCDEFGHIJK", 2);             /* 11 bytes: in the slot */
	idmap_put(&m, "ABCDEFGHIJKL", 3);            /* 12: beside it */
	idmap_put(&m, "B", (int64_t)UINT32_MAX + 5); /* too large for the slot */
	assert_int_equal(idmap_get(&m, "A"), 1);
	assert_int_equal(idmap_get(&m, "ABCDEFGHIJK"), 2);
	assert_int_equal(idmap_get(&m, "ABCDEFGHIJKL"), 3);
	assert_true(idmap_get(&m, "B") == (int64_t)UINT32_MAX + 5);
	assert_int_equal(idmap_get(&m, "ABCDEFGHIJ"), 0);
	assert_int_equal(idmap_get(&m, ""), 0);
	idmap_put(&m, "A", (int64_t)UINT32_MAX + 9); /* an inline key whose id no longer fits */
	assert_true(idmap_get(&m, "A") == (int64_t)UINT32_MAX + 9);
	idmap_put(&m, "ABCDEFGHIJKL", 7);
	assert_int_equal(idmap_get(&m, "ABCDEFGHIJKL"), 7);
	assert_int_equal(m.n, 4);
	idmap_free(&m);
}

/* The doubling in place, where it is delicate: a cluster that wraps from
 * the end of the table to its start. K1 has its home in the last slot of
 * 1024 and moves to the new last slot (2047); K2, with the same old home,
 * sat in slot 0 and goes back to slot 1023. K2 is moved first (slot 0
 * comes first) and finds slot 1023 still held by K1, not yet moved: it
 * must take that place (K1 moves on) rather than go past it, or it would
 * end behind a hole once K1 has gone and never be found. */
static void test_grow_wrapped_cluster(void **state)
{
	(void)state;
	struct idmap m = {0};
	char k1[32], k2[32], k3[32], other[32];
	int n = 0;
	key_with(k1, sizeof(k1), "W", 2047, 2047, &n);
	key_with(k2, sizeof(k2), "W", 2047, 1023, &n);
	key_with(k3, sizeof(k3), "W", 2047, 1023, &n);
	idmap_put(&m, k1, 1);
	idmap_put(&m, k2, 2);
	idmap_put(&m, k3, 3);
	assert_int_equal(m.cap, 1024);
	int64_t id = 4;
	char(*keys)[32] = calloc(2000, sizeof(*keys));
	int nk = 0;
	while (m.cap == 1024) { /* fill until it doubles (512 keys) */
		snprintf(other, sizeof(other), "F%d", nk);
		memcpy(keys[nk++], other, sizeof(other));
		idmap_put(&m, other, id++);
	}
	assert_int_equal(m.cap, 2048);
	assert_int_equal(idmap_get(&m, k1), 1);
	assert_int_equal(idmap_get(&m, k2), 2);
	assert_int_equal(idmap_get(&m, k3), 3);
	for (int i = 0; i < nk; i++)
		assert_int_equal(idmap_get(&m, keys[i]), 4 + i);
	free(keys);
	idmap_free(&m);
}

/* Many doublings with short and long keys: every key keeps its id; at the
 * limit the map refuses new keys, sets full and still answers for the rest. */
static void test_grow_and_limit(void **state)
{
	(void)state;
	struct idmap m = {0};
	enum { N = 100000 };
	char key[40];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), i % 2 ? "C%d" : "A-LONG-CUSTOMER-ID-%d", i);
		idmap_put(&m, key, i + 1);
	}
	assert_int_equal(m.n, N);
	assert_int_equal(m.full, 0);
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), i % 2 ? "C%d" : "A-LONG-CUSTOMER-ID-%d", i);
		assert_int_equal(idmap_get(&m, key), i + 1);
	}
	assert_int_equal(idmap_get(&m, "C100001"), 0);
	idmap_free(&m);

	idmap_set_limit(1024);
	struct idmap s = {0};
	for (int i = 0; i < 900; i++) {
		snprintf(key, sizeof(key), "S%d", i);
		idmap_put(&s, key, i + 1);
	}
	idmap_set_limit((size_t)1 << 21);
	assert_int_equal(s.cap, 1024);
	assert_int_equal(s.full, 1);
	assert_int_equal(s.n, 768); /* at the limit: filled to three quarters */
	for (int i = 0; i < 900; i++) {
		snprintf(key, sizeof(key), "S%d", i);
		assert_int_equal(idmap_get(&s, key), i < 768 ? i + 1 : 0);
	}
	idmap_put(&s, "S3", 9999); /* full, but a key it has still takes a new id */
	assert_int_equal(idmap_get(&s, "S3"), 9999);
	assert_int_equal(s.n, 768);
	idmap_free(&s);
}

/* idmap_add_h gives the value a key has, or adds it; a map with a limit
 * of its own (IDMAP_NO_LIMIT) grows past idmap_set_limit's. */
static void test_add_and_own_limit(void **state)
{
	(void)state;
	idmap_set_limit(1024);
	struct idmap m = {.limit = IDMAP_NO_LIMIT};
	char key[40];
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), i % 2 ? "K%d" : "A-LONG-CUSTOMER-ID-%d", i);
		size_t len;
		uint64_t h = idmap_hash(key, &len);
		assert_int_equal(idmap_add_h(&m, key, h, len, i + 1), i + 1);
		assert_int_equal(idmap_add_h(&m, key, h, len, 99999), i + 1); /* there already */
	}
	assert_int_equal(m.full, 0);
	assert_int_equal(m.n, 3000);
	idmap_free(&m);
	struct idmap s = {0}; /* the global limit: full at 768 keys */
	for (int i = 0; i < 900; i++) {
		snprintf(key, sizeof(key), "S%d", i);
		size_t len;
		uint64_t h = idmap_hash(key, &len);
		assert_int_equal(idmap_add_h(&s, key, h, len, i + 1), i < 768 ? i + 1 : 0);
	}
	assert_int_equal(s.full, 1);
	idmap_set_limit((size_t)1 << 21);
	idmap_free(&s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct seen {
	char **keys;
	int64_t *vals;
	int n;
};

static void record(void *ctx, const char *key, int64_t val)
{
	struct seen *s = ctx;
	s->keys[s->n] = strdup(key);
	s->vals[s->n++] = val;
}

/* Numbering in key order: short keys, keys of exactly 11 bytes, long keys
 * alike in their first 8, 16 and 300 bytes (runs the radix passes hand on,
 * and the qsort fallback), keys that are prefixes of others, and bytes
 * above 0x7f (UTF-8), against strcmp; entries with another value keep it. */
static void test_number_in_order(void **state)
{
	(void)state;
	const int64_t PENDING = 4000000000;
	struct idmap m = {0};
	char **want = calloc(5000, sizeof(char *));
	int nw = 0;
	char key[400], pad[301];
	memset(pad, 'x', 300);
	pad[300] = '\0';
	unsigned r = 12345;
	for (int i = 0; i < 4000; i++) {
		r = r * 1103515245u + 12345u;
		unsigned v = (r >> 8) % 100000;
		switch (i % 8) {
		case 0:
			snprintf(key, sizeof(key), "C%u", v);
			break;
		case 1:
			snprintf(key, sizeof(key), "%010u", v);
			break; /* 10 */
		case 2:
			snprintf(key, sizeof(key), "K%010u", v);
			break; /* 11 */
		case 3:
			snprintf(key, sizeof(key), "CUSTOMER%u", v);
			break;
		case 4:
			snprintf(key, sizeof(key), "CUSTOMER-NUMBER-%u", v);
			break;
		case 5:
			snprintf(key, sizeof(key), "%s%u", pad, v);
			break;
		case 6:
			snprintf(key, sizeof(key), "\xc3\x85S%u", v);
			break; /* ÅS */
		default:
			snprintf(key, sizeof(key), "%u", v % 50);
			break; /* prefixes */
		}
		if (idmap_get(&m, key))
			continue;
		int mine = i % 5 != 0; /* every fifth keeps its own value */
		idmap_put(&m, key, mine ? PENDING : (int64_t)i + 1);
		if (mine)
			want[nw++] = strdup(key);
	}
	qsort(want, (size_t)nw, sizeof(char *), cmp_str);
	struct seen got = {calloc(5000, sizeof(char *)), calloc(5000, sizeof(int64_t)), 0};
	size_t n = idmap_number_in_order(&m, PENDING, 10, record, &got);
	assert_int_equal(n, nw);
	assert_int_equal(got.n, nw);
	for (int i = 0; i < nw; i++) {
		assert_string_equal(got.keys[i], want[i]);
		assert_int_equal(got.vals[i], 10 + i);
		assert_int_equal(idmap_get(&m, want[i]), 10 + i);
	}
	/* every entry, the others with their own values */
	size_t pos = 0, seen = 0;
	char k[IDMAP_INL + 1];
	const char *kp;
	int64_t v;
	while (idmap_next(&m, &pos, k, &kp, &v)) {
		assert_int_equal(idmap_get(&m, kp), v);
		assert_true(v != PENDING);
		seen++;
	}
	assert_int_equal(seen, m.n);
	assert_int_equal(idmap_number_in_order(&m, PENDING, 1, record, &got), 0);
	for (int i = 0; i < nw; i++) {
		free(want[i]);
		free(got.keys[i]);
	}
	free(want);
	free(got.keys);
	free(got.vals);
	idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_get),         cmocka_unit_test(test_grow_wrapped_cluster),
	    cmocka_unit_test(test_grow_and_limit),  cmocka_unit_test(test_add_and_own_limit),
	    cmocka_unit_test(test_number_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
