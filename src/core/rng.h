/* rng.h — the one random number generator of fokus (core/): xoshiro256**
 * seeded through splitmix64, so the same seed gives the same stream on every
 * platform and run. The sample generator, the response fit and the route
 * search (vrp.c) all draw from it; nothing here reads a clock or a global.
 * The distributions built on it (normal, Poisson) use only +, *, /, sqrt,
 * log, exp and cos. */
#ifndef FOKUS_RNG_H
#define FOKUS_RNG_H

#include <math.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

static inline uint64_t rng_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A stream for (seed, stream number): different streams are independent. */
static inline void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = rng_splitmix(&x);
}

static inline uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return out;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n) (n > 0), by scaling rng_unit (the route
 * search's draw; its results depend on this exact rule). */
static inline int rng_index(struct rng *r, int n)
{
	return (int)(rng_unit(r) * n);
}

/* Uniform integer in [0, n) (n > 0), by multiply-shift (bias < n / 2^64). */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform integer in [lo, hi]. */
static inline int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static inline int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* Standard normal (Box-Muller, one value per call). */
static inline double rng_normal(struct rng *r)
{
	double u = 1.0 - rng_unit(r); /* (0, 1] */
	double v = rng_unit(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Lognormal factor with mean 1 and log-sd sigma. */
static inline double rng_lognormal1(struct rng *r, double sigma)
{
	return exp(sigma * rng_normal(r) - sigma * sigma / 2);
}

/* Poisson(lambda): inversion for small lambda, normal approximation above 30. */
static inline int rng_poisson(struct rng *r, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda > 30) {
		double x = lambda + sqrt(lambda) * rng_normal(r) + 0.5;
		return x < 0 ? 0 : (int)x;
	}
	double l = exp(-lambda), p = 1.0;
	int k = 0;
	do {
		k++;
		p *= rng_unit(r);
	} while (p > l);
	return k - 1;
}

#endif
