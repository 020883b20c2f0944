/* test-potential.c — covers src/core/potential.c: every potential source
 * (given, wallet, estimated at each peer level, unknown), size bands, the
 * type-7 quantile, the 10-peer rule and the industry matching. */
#include "testutil.h"

#include "core/category.h"
#include "core/potential.h"

#include <math.h>

static void test_quantile_bands(void **state)
{
	(void)state;
	double v[] = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
	/* h = 9 * 0.8 = 7.2 -> 80 + 0.2 * 10 */
	assert_true(fabs(potential_quantile(v, 10, 0.8) - 82.0) < 1e-9);
	assert_true(fabs(potential_quantile(v, 10, 0.5) - 55.0) < 1e-9);
	assert_true(fabs(potential_quantile(v, 10, 1.0) - 100.0) < 1e-9);
	assert_true(fabs(potential_quantile(v, 1, 0.8) - 10.0) < 1e-9);
	assert_int_equal(potential_size_band(-1), -1);
	assert_int_equal(potential_size_band(0), -1);
	assert_int_equal(potential_size_band(1), 0);
	assert_int_equal(potential_size_band(9), 0);
	assert_int_equal(potential_size_band(10), 1);
	assert_int_equal(potential_size_band(249), 2);
	assert_int_equal(potential_size_band(250), 3);
}

enum { NP = 10, N = NP + 9 };

struct world {
	struct customer c[N];
	int64_t annual[N];
	int64_t pot[N];
	uint8_t src[N], lvl[N];
};

/* Ten peers in "Bygg" with 10 employees and revenue 100..1000 (revenue per
 * employee 10..100), then the customers under test (revenue 0). */
static void world_init(struct world *w)
{
	memset(w, 0, sizeof(*w));
	for (int i = 0; i < N; i++) {
		w->c[i].employees = -1;
		w->c[i].seller = -1;
	}
	for (int i = 0; i < NP; i++) {
		w->c[i].industry = (char *)"Bygg";
		w->c[i].employees = 10;
		w->annual[i] = 100 * (i + 1);
	}
}

static void run(struct world *w)
{
	potential_compute(w->c, N, w->annual, 0.8, w->pot, w->src, w->lvl);
}

static void test_sources(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	/* 10: given (even with a wallet) */
	w.c[10].has_potential = true;
	w.c[10].potential = 777;
	w.c[10].has_wallet = true;
	w.c[10].wallet = 5;
	/* 11: wallet 1000 − revenue 400 = 600 */
	w.c[11].has_wallet = true;
	w.c[11].wallet = 1000;
	w.annual[11] = 400;
	/* 12: wallet below revenue -> 0 */
	w.c[12].has_wallet = true;
	w.c[12].wallet = 300;
	w.annual[12] = 400;
	/* 13: same industry (other case, spaces) and band: 82 per employee x 20 */
	w.c[13].industry = (char *)"  bygg ";
	w.c[13].employees = 20;
	/* 14: same industry, 300 employees (band 3 has no peers) -> industry */
	w.c[14].industry = (char *)"BYGG";
	w.c[14].employees = 300;
	/* 15: industry, employees unknown -> quantile of revenue 100..1000 = 820 */
	w.c[15].industry = (char *)"Bygg";
	/* 16: neither industry nor employees -> unknown */
	/* 17: no industry, 12 employees -> size band (the ten peers) */
	w.c[17].employees = 12;
	w.annual[17] = 100; /* 984 − 100 */
	/* 18: another industry, no employees -> all customers with revenue:
	 * 100..1000 and 400, 400, 100 */
	w.c[18].industry = (char *)"Vård";
	run(&w);
	assert_int_equal(w.src[10], POTSRC_GIVEN);
	assert_int_equal(w.pot[10], 777);
	assert_int_equal(w.src[11], POTSRC_WALLET);
	assert_int_equal(w.pot[11], 600);
	assert_int_equal(w.pot[12], 0);
	assert_int_equal(w.src[13], POTSRC_ESTIMATED);
	assert_int_equal(w.lvl[13], PEER_INDUSTRY_SIZE);
	assert_int_equal(w.pot[13], 1640);
	assert_int_equal(w.lvl[14], PEER_INDUSTRY);
	assert_int_equal(w.pot[14], 24600);
	assert_int_equal(w.lvl[15], PEER_INDUSTRY);
	assert_int_equal(w.pot[15], 820);
	assert_int_equal(w.src[16], POTSRC_UNKNOWN);
	assert_int_equal(w.pot[16], 0);
	/* band 1 peers: the ten (10 employees) and #17 itself (100/12 per
	 * employee): 11 values 8.33, 10, 20, ..., 100; h = 10 * .8 = 8 -> 80 */
	assert_int_equal(w.lvl[17], PEER_SIZE);
	assert_int_equal(w.pot[17], 80 * 12 - 100);
	/* all with revenue: 100,100,200,...,1000 + 400,400 = 13 values sorted
	 * 100 100 200 300 400 400 400 500 600 700 800 900 1000; h = 12*.8 = 9.6
	 * -> 700 + .6 * 100 = 760 */
	assert_int_equal(w.lvl[18], PEER_ALL);
	assert_int_equal(w.pot[18], 760);
}

static void test_too_few_peers(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	/* only nine peers have revenue: no group reaches 10 -> unknown */
	w.annual[0] = 0;
	w.c[13].industry = (char *)"Bygg";
	w.c[13].employees = 20;
	w.c[14].industry = (char *)"Bygg";
	run(&w);
	assert_int_equal(w.src[13], POTSRC_UNKNOWN);
	assert_int_equal(w.src[14], POTSRC_UNKNOWN);
	/* a tenth peer elsewhere: the industries have 9, everyone 10 */
	w.annual[16] = 5000;
	w.c[16].employees = 5;
	run(&w);
	assert_int_equal(w.src[13], POTSRC_ESTIMATED);
	assert_int_equal(w.lvl[13], PEER_ALL);
	/* revenue per employee 20..100 and 1000: h = 7.2 -> 90 + .2 * 10 = 92 */
	assert_int_equal(w.pot[13], 92 * 20);
	assert_int_equal(w.lvl[14], PEER_ALL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quantile_bands),
	    cmocka_unit_test(test_sources),
	    cmocka_unit_test(test_too_few_peers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
