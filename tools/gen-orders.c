/* gen-orders.c — benchmark input: N order lines (order_id, customer_id,
 * date, amount) over about N/10 customers with heavy-tailed sizes (a
 * customer's share of lines follows a Pareto law, amounts are lognormal),
 * dates over the 24 months ending 2026-10-31. Deterministic for a seed.
 * usage: gen-orders N [SEED] > orders.csv */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t s[2] = {0x9E3779B97F4A7C15ULL, 0xD1B54A32D192ED03ULL};

static uint64_t next(void)
{
	uint64_t s0 = s[0], s1 = s[1], r = s0 + s1;
	s1 ^= s0;
	s[0] = ((s0 << 55) | (s0 >> 9)) ^ s1 ^ (s1 << 14);
	s[1] = (s1 << 36) | (s1 >> 28);
	return r;
}

static double unif(void)
{
	return ((double)(next() >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(unif())) * cos(6.283185307179586 * unif());
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen-orders N [SEED]\n");
		return 2;
	}
	long long n = atoll(argv[1]);
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	s[0] ^= seed * 0x9E3779B97F4A7C15ULL;
	s[1] ^= seed;
	long long nc = n / 10 > 0 ? n / 10 : 1;
	/* Cumulative weights of a Pareto(alpha 1.16: the 80/20 law) per customer. */
	double *cum = malloc((size_t)nc * sizeof(double));
	double tot = 0;
	for (long long i = 0; i < nc; i++) {
		tot += pow(unif(), -1.0 / 1.16);
		cum[i] = tot;
	}
	/* 2024-11-01 .. 2026-10-31 as days since 1970: 20028 .. 20757. */
	const int d0 = 20028, span = 730;
	static char out[1 << 16];
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	fputs("order_id,customer_id,date,amount\n", stdout);
	for (long long k = 1; k <= n; k++) {
		double u = unif() * tot;
		long long lo = 0, hi = nc - 1;
		while (lo < hi) {
			long long mid = (lo + hi) / 2;
			if (cum[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		int day = d0 + (int)(unif() * span);
		/* civil from days */
		long z = day + 719468, era = z / 146097, doe = z - era * 146097;
		long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
		long d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
		long y = yoe + era * 400 + (m <= 2);
		double amount = exp(7.6 + 1.0 * normal());
		if (unif() < 0.02)
			amount = -amount / 3;
		printf("%lld,C%lld,%04ld-%02ld-%02ld,%.2f\n", k, lo + 1, y, m, d, amount);
	}
	free(cum);
	return fflush(stdout) != 0;
}
