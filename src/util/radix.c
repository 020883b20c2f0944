/* radix.c — see radix.h. */
#include "util/radix.h"

#include <string.h>

#define RADIX_BITS 11

void radix_sort(struct rkey *a, struct rkey *tmp, size_t n)
{
	const uint64_t mask = (1u << RADIX_BITS) - 1;
	uint64_t all_or = 0, all_and = ~(uint64_t)0;
	for (size_t j = 0; j < n; j++) {
		all_or |= a[j].key;
		all_and &= a[j].key;
	}
	for (int shift = 0; shift < 64; shift += RADIX_BITS) {
		if ((((all_or ^ all_and) >> shift) & mask) == 0)
			continue;
		size_t count[1u << RADIX_BITS] = {0};
		for (size_t j = 0; j < n; j++)
			count[(a[j].key >> shift) & mask]++;
		size_t sum = 0;
		for (size_t b = 0; b <= mask; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t j = 0; j < n; j++)
			tmp[count[(a[j].key >> shift) & mask]++] = a[j];
		memcpy(a, tmp, n * sizeof(*a));
	}
}
