/* test-idmap.c — the in-memory map of external IDs (store/idmap.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/idmap.h"

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
	idmap_put(&m, "ABCDEFGHIJK", 2);                         /* 11 bytes: in the slot */
	idmap_put(&m, "ABCDEFGHIJKL", 3);                        /* 12: beside it */
	idmap_put(&m, "B", (int64_t)UINT32_MAX + 5);            /* too large for the slot */
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
	char (*keys)[32] = calloc(2000, sizeof(*keys));
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
	for (int i = 0; i < 600; i++) {
		snprintf(key, sizeof(key), "S%d", i);
		idmap_put(&s, key, i + 1);
	}
	idmap_set_limit((size_t)1 << 21);
	assert_int_equal(s.cap, 1024);
	assert_int_equal(s.full, 1);
	assert_int_equal(s.n, 512);
	for (int i = 0; i < 600; i++) {
		snprintf(key, sizeof(key), "S%d", i);
		assert_int_equal(idmap_get(&s, key), i < 512 ? i + 1 : 0);
	}
	idmap_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_grow_wrapped_cluster),
		cmocka_unit_test(test_grow_and_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
