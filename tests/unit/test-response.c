/* test-response.c — covers src/core/response.c: the ADBUDG curve, the curve
 * through CALLPLAN's four judgement points (and back), a customer's curve
 * anchored at today and bounded by revenue + potential (the worked example
 * of docs/plan.md), and the fit: on a made panel with a known curve, on
 * thin data (not used), and on the sample company, whose orders answer to
 * contact the way docs/sample.md says (issue 17 §10: the fit finds it). */
#include "testutil.h"

#include <math.h>

#include "core/response.h"
#include "core/rng.h"
#include "core/sample.h"
#include "util/days.h"
#include "util/xmalloc.h"

static void close_to(double got, double want, double tol)
{
	if (fabs(got - want) > tol) {
		print_error("got %.6f, want %.6f (tolerance %g)\n", got, want, tol);
		fail();
	}
}

static void test_curve(void **state)
{
	(void)state;
	struct response_curve k = {0.6, 1, 4};
	close_to(response_g(&k, 0), 0, 1e-12);
	close_to(response_g(&k, 4), 0.5, 1e-12); /* d is where half the way is won */
	close_to(response_m(&k, 0), 0.6, 1e-12);
	close_to(response_m(&k, 4), 0.8, 1e-12);
	close_to(response_m(&k, 1e9), 1, 1e-6);
	struct response_curve s = {0.5, 2, 9}; /* S-shaped */
	close_to(response_g(&s, 3), 0.5, 1e-12);
	close_to(response_g(&s, 1), 0.1, 1e-12);
	for (int c = 0; c < CAT_COUNT; c++) {
		struct response_curve d;
		response_default((enum category)c, &d);
		assert_true(d.rho > 0 && d.rho < 1 && d.c == 1 && d.d > 0);
	}
	assert_string_equal(response_source_code(RS_FIT), "fit");
	assert_string_equal(response_source_code(RS_JUDGEMENT), "judgement");
	assert_string_equal(response_source_code(RS_DEFAULT), "default");
}

/* Points from a curve and back: exact for an ADBUDG curve. */
static void test_points_round_trip(void **state)
{
	(void)state;
	struct response_curve in[] = {{0.6, 1, 4}, {0.5, 2, 9}, {0.9, 0.7, 1.5}};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct response_points p;
		response_to_points(&in[i], 3, &p);
		assert_true(p.none < p.half && p.half < 1 && 1 < p.more && p.more < p.saturation);
		struct response_curve out;
		char *cause = NULL;
		assert_int_equal(response_from_points(&p, 3, &out, &cause), 0);
		close_to(out.rho, in[i].rho, 1e-9);
		close_to(out.c, in[i].c, 1e-9);
		close_to(out.d, in[i].d, 1e-6);
	}
	/* The worked example of docs/plan.md: today 2 visits a year; no visits 70 %,
	 * one visit 85 %, three 110 %, saturation 130 %. */
	struct response_points p = {0.70, 0.85, 1.10, 1.30};
	struct response_curve k;
	char *cause = NULL;
	assert_int_equal(response_from_points(&p, 2, &k, &cause), 0);
	close_to(k.rho, 0.70 / 1.30, 1e-9);
	close_to(k.c, 1.6260, 1e-3);
	close_to(k.d, 3.0231, 1e-3);
	/* Not rising: refused with a sentence. */
	struct response_points bad = {0.9, 0.8, 1.1, 1.3};
	assert_int_equal(response_from_points(&bad, 2, &k, &cause), -1);
	assert_non_null(strstr(cause, "rise"));
	free(cause);
	cause = NULL;
	assert_int_equal(response_from_points(&p, 0, &k, &cause), -1);
	free(cause);
	/* All at 100 %: contact makes no difference. */
	struct response_points flat = {1, 1, 1, 1};
	assert_int_equal(response_from_points(&flat, 2, &k, &cause), 0);
	close_to(response_m(&k, 10), 1, 1e-12);
}

/* A customer's curve goes through today and saturates at most at revenue +
 * potential (docs/plan.md, the worked example). */
static void test_customer(void **state)
{
	(void)state;
	struct response_curve k = {0.6, 1, 4};
	struct response_customer c;
	/* 100 000 a year at 2 visits: m(2) = 0.6 + 0.4 x 2/6 = 0.7333. */
	response_customer(&k, 100000, -1, 2, &c);
	close_to(c.rmax, 100000 / 0.733333333333, 1e-3);
	close_to(c.r0, 0.6 * c.rmax, 1e-6);
	close_to(response_value(&k, &c, 2), 100000, 1e-6);
	close_to(response_value(&k, &c, 10), 0.6 * c.rmax + 0.4 * c.rmax * 10.0 / 14, 1e-6);
	/* With potential 20 000 the saturation is held at 120 000; today stays on it. */
	response_customer(&k, 100000, 20000, 2, &c);
	close_to(c.rmax, 120000, 1e-9);
	close_to(response_value(&k, &c, 2), 100000, 1e-6);
	close_to(c.r0, (100000 - 120000 / 3.0) / (1 - 1 / 3.0), 1e-6); /* g(2) = 1/3 */
	/* Never visited: today is r0. */
	response_customer(&k, 50000, -1, 0, &c);
	close_to(c.r0, 50000, 1e-9);
	close_to(c.rmax, 50000 / 0.6, 1e-6);
	/* Buys nothing today: the potential's share that contact can win. */
	response_customer(&k, 0, 30000, 0, &c);
	close_to(c.r0, 0, 1e-12);
	close_to(c.rmax, 0.4 * 30000, 1e-9);
	response_customer(&k, 0, -1, 0, &c);
	close_to(c.rmax, 0, 1e-12);
}

/* A made history with a known curve: customers with random monthly visits,
 * order value Poisson around a_i x season_t x m(x_it). */
struct made {
	struct dataset ds;
	int8_t *cat;
};

static void made_free(struct made *m)
{
	dataset_free(&m->ds);
	free(m->cat);
}

static void make_history(struct made *m, int n, const struct response_curve *k, uint64_t seed)
{
	struct rng r;
	rng_seed(&r, seed, 3);
	memset(m, 0, sizeof(*m));
	struct dataset *ds = &m->ds;
	int32_t first = days_from_ymd(2024, 1, 1);
	int months = 24;
	ds->ncustomers = (size_t)n;
	ds->customers = xcalloc((size_t)n, sizeof(*ds->customers));
	m->cat = xmalloc((size_t)n);
	size_t cap_o = 1024, cap_a = 1024;
	ds->orders = xmalloc(cap_o * sizeof(*ds->orders));
	ds->activities = xmalloc(cap_a * sizeof(*ds->activities));
	for (int i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof(id), "C%d", i);
		ds->customers[i].id = xstrdup(id);
		ds->customers[i].seller = -1;
		m->cat[i] = CAT_1;
		double size = 20000 * rng_lognormal1(&r, 1.0); /* orders' mean per month */
		double rate = 6 * rng_unit(&r);                /* visits a year */
		int v[26] = {0};
		for (int t = 0; t < months + 2; t++)
			v[t] = rng_poisson(&r, rate / 12);
		for (int t = 0; t < months; t++) {
			int32_t day = days_add_months(first, t) + 10;
			for (int j = 0; j < v[t + 2]; j++) {
				if (ds->nactivities == cap_a)
					ds->activities = xreallocarray(ds->activities, cap_a *= 2,
					                               sizeof(*ds->activities));
				ds->activities[ds->nactivities++] =
				    (struct activity){.cust = i,
				                      .seller = -1,
				                      .day = day + j,
				                      .minute = -1,
				                      .type = ACT_VISIT};
			}
			double x = 4.0 * (v[t] + v[t + 1] + v[t + 2]);
			double season = t % 12 == 6 ? 0.5 : 1.0;
			int orders = rng_poisson(&r, 4 * season * response_m(k, x));
			for (int j = 0; j < orders; j++) {
				if (ds->norders == cap_o)
					ds->orders = xreallocarray(ds->orders, cap_o *= 2,
					                           sizeof(*ds->orders));
				ds->orders[ds->norders++] = (struct order){
				    .cust = i, .day = day, .amount = (int64_t)(size / 4 * 100)};
			}
		}
	}
	/* The two months before the history carry visits too. */
	int32_t pre = days_add_months(first, -2);
	if (ds->nactivities == cap_a)
		ds->activities = xreallocarray(ds->activities, cap_a + 1, sizeof(*ds->activities));
	ds->activities[ds->nactivities++] =
	    (struct activity){.cust = 0, .seller = -1, .day = pre, .minute = -1, .type = ACT_PHONE};
}

static void test_fit_known(void **state)
{
	(void)state;
	struct response_curve truth = {0.5, 1, 5};
	struct made m;
	make_history(&m, 1500, &truth, 1);
	struct response_fit_input in = {.ds = &m.ds,
	                                .cat = m.cat,
	                                .to = days_from_ymd(2025, 12, 31),
	                                .months = 24,
	                                .phone_weight = 0.2,
	                                .boot = 30,
	                                .seed = 1};
	struct response_fit f;
	response_fit(&in, &f);
	const struct response_fit_cat *c = &f.cat[CAT_1];
	assert_true(c->ok);
	assert_true(c->informative > 1000);
	assert_int_equal(f.months, 24);
	close_to(c->est.rho, truth.rho, 0.06);
	assert_true(c->est.d > 3 && c->est.d < 8);
	assert_true(c->rho_lo <= truth.rho && truth.rho <= c->rho_hi);
	assert_int_equal(c->nboot, 30);
	assert_true(c->lr > 50); /* the response is plain in the data */
	/* No customers of the other categories: defaults, not used. */
	assert_false(f.cat[CAT_3].ok);
	/* The same input gives the same fit (seeded bootstrap). */
	struct response_fit g;
	response_fit(&in, &g);
	assert_true(g.cat[CAT_1].est.rho == c->est.rho && g.cat[CAT_1].rho_hi == c->rho_hi);
	response_fit_free(&f);
	response_fit_free(&g);
	made_free(&m);
}

static void test_fit_thin(void **state)
{
	(void)state;
	struct response_curve truth = {0.5, 1, 5};
	struct made m;
	make_history(&m, 20, &truth, 3);
	struct response_fit_input in = {.ds = &m.ds,
	                                .cat = m.cat,
	                                .to = days_from_ymd(2025, 12, 31),
	                                .months = 24,
	                                .phone_weight = 0.2,
	                                .boot = 10,
	                                .seed = 1};
	struct response_fit f;
	response_fit(&in, &f);
	assert_false(f.cat[CAT_1].ok); /* fewer than RESPONSE_MIN_INFORMATIVE */
	assert_true(f.cat[CAT_1].informative < RESPONSE_MIN_INFORMATIVE);
	response_fit_free(&f);
	/* No history at all. */
	in.to = DAYS_NONE;
	response_fit(&in, &f);
	assert_false(f.cat[CAT_1].ok);
	response_fit_free(&f);
	made_free(&m);
}

/* Contact today: visits + weight x calls over the 365 days up to `to`. */
static void test_contact_today(void **state)
{
	(void)state;
	struct customer cu[2] = {{.id = (char *)"A"}, {.id = (char *)"B"}};
	int32_t to = days_from_ymd(2025, 12, 31);
	struct activity a[] = {
	    {.cust = 0, .day = to, .type = ACT_VISIT},
	    {.cust = 0, .day = to - 100, .type = ACT_VISIT},
	    {.cust = 0, .day = to - 200, .type = ACT_PHONE},
	    {.cust = 0, .day = to - 400, .type = ACT_VISIT}, /* before the year */
	    {.cust = 1, .day = to - 1, .type = ACT_EMAIL},   /* not contact */
	};
	struct dataset ds = {.customers = cu, .ncustomers = 2, .activities = a, .nactivities = 5};
	double f[2];
	response_contact_today(&ds, to, 0.25, f);
	close_to(f[0], 2.25, 1e-9);
	close_to(f[1], 0, 1e-12);
}

/* Issue 17 §10: the sample company's orders answer to contact (docs/sample.md)
 * and the fit finds it — key accounts and prospects answer more than
 * category 3, with diminishing returns. */
static int8_t *truth_cat;
static void on_customer(void *ctx, const struct sample_customer *c)
{
	(void)ctx;
	truth_cat[c->index] = (int8_t)c->truth;
}

static void test_fit_sample(void **state)
{
	(void)state;
	struct sample_params p = {SAMPLE_CUSTOMERS, SAMPLE_SELLERS, SAMPLE_MONTHS, SAMPLE_SEED};
	struct dataset ds = {0};
	char *cause = NULL;
	truth_cat = xmalloc((size_t)p.customers);
	struct sample_sink sink = {.customer = on_customer};
	assert_int_equal(sample_generate(&p, &sink, &cause), 0);
	assert_int_equal(sample_dataset(&p, &ds, &cause), 0);
	struct response_fit_input in = {.ds = &ds,
	                                .cat = truth_cat,
	                                .to = sample_last_day(),
	                                .months = 24,
	                                .phone_weight = RESPONSE_PHONE_WEIGHT,
	                                .boot = 40,
	                                .seed = 1};
	struct response_fit f;
	response_fit(&in, &f);
	double gain[CAT_COUNT];
	for (int k = 0; k < CAT_COUNT; k++) {
		struct response_curve t;
		sample_response_truth((enum category)k, &t);
		assert_true(f.cat[k].ok);
		/* What ten visits a year win over none: fitted against true. */
		gain[k] = response_m(&f.cat[k].est, 10) / response_m(&f.cat[k].est, 0);
		double truth_gain = response_m(&t, 10) / response_m(&t, 0);
		print_message(
		    "category %d: rho %.3f [%.3f, %.3f] d %.2f; x10 visits: %.2f (true %.2f)\n", k,
		    f.cat[k].est.rho, f.cat[k].rho_lo, f.cat[k].rho_hi, f.cat[k].est.d, gain[k],
		    truth_gain);
		close_to(gain[k], truth_gain, 0.25 * (truth_gain - 1) + 0.05);
		/* Diminishing returns: the tenth visit wins less than the first. */
		struct response_curve *e = &f.cat[k].est;
		assert_true(response_m(e, 10) - response_m(e, 9) <
		            response_m(e, 1) - response_m(e, 0));
	}
	/* Key accounts: the data decide (the prior sits at 0.6). */
	struct response_curve t1;
	sample_response_truth(CAT_1, &t1);
	assert_true(f.cat[CAT_1].rho_lo <= t1.rho && t1.rho <= f.cat[CAT_1].rho_hi);
	assert_true(f.cat[CAT_1].lr > 50);
	/* 1, 2R and 2P answer more than 3. */
	for (int k = CAT_1; k < CAT_3; k++)
		assert_true(gain[k] > gain[CAT_3] + 0.05);
	response_fit_free(&f);
	dataset_free(&ds);
	free(truth_cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_curve),      cmocka_unit_test(test_points_round_trip),
	    cmocka_unit_test(test_customer),   cmocka_unit_test(test_fit_known),
	    cmocka_unit_test(test_fit_thin),   cmocka_unit_test(test_contact_today),
	    cmocka_unit_test(test_fit_sample),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
