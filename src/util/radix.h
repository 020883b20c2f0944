/* radix.h — a stable least-significant-digit radix sort of 64-bit keys
 * carrying an index, for large arrays where qsort's comparisons cost more. */
#ifndef FOKUS_RADIX_H
#define FOKUS_RADIX_H
#include <stddef.h>
#include <stdint.h>

struct rkey {
	uint64_t key;
	size_t i; /* the caller's: what the key belongs to */
};

/* Sorts a[0..n) by key ascending, stably, with tmp (n entries) as scratch;
 * 11-bit digits, those equal in every key skipped. */
void radix_sort(struct rkey *a, struct rkey *tmp, size_t n);

#endif
