/* potential.h — the potential axis: further business per year we could win.
 * Per customer, the first that applies: its potential column (given); its
 * wallet column (max(0, wallet − revenue)); a peer estimate after Perlich et
 * al., "High-quantile modeling for customer wallet estimation" (KDD 2007):
 * the wallet is the q-quantile of comparable customers' revenue per
 * employee × employees (or of their revenue when employees are unknown);
 * else unknown. docs/categorization.md has the peer groups with examples. */
#ifndef FOKUS_POTENTIAL_H
#define FOKUS_POTENTIAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"

/* The fewest peers an estimate may rest on; smaller groups give way to the
 * next broader group. */
#define POTENTIAL_MIN_PEERS 10

/* Which peer group an estimate came from, narrowest first. */
enum peer_level {
	PEER_NONE = 0,      /* not estimated */
	PEER_INDUSTRY_SIZE, /* same industry and size band (employees known) */
	PEER_INDUSTRY,      /* same industry */
	PEER_SIZE,          /* same size band (employees known) */
	PEER_ALL,           /* every customer with revenue (and employees, when known) */
	PEER_LEVEL_COUNT
};

/* Size band of a number of employees: 0 (1–9), 1 (10–49), 2 (50–249),
 * 3 (250 and more); -1 when unknown (employees < 1). */
int potential_size_band(int64_t employees);

/* The q-quantile (0 <= q <= 1) of n ascending values, linear between order
 * statistics (h = (n−1)·q, Hyndman & Fan type 7). n must be > 0. */
double potential_quantile(const double *sorted, size_t n, double q);

/* Computes each customer's potential (minor units per year) and source
 * (enum pot_source of core/category.h); level (may be NULL) gets the peer
 * group of estimates (enum peer_level). annual[i] is customer i's revenue
 * per year (the axis value scaled to 12 months); peers are the customers
 * with annual revenue > 0. q is the wallet quantile. */
void potential_compute(const struct customer *cs, size_t n, const int64_t *annual, double q,
                       int64_t *potential, uint8_t *source, uint8_t *level);

#endif
