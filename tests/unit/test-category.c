/* test-category.c — covers src/core/category.c: revenue in the window and
 * its edges, the pareto/top/absolute/abc thresholds (hand-computed, with
 * ties, zero and negative values), unknown potential, the stability margin,
 * overrides, the summary, the reason lines, and two properties: the four
 * categories partition the customers, and raising a threshold never moves a
 * customer up. */
#include "testutil.h"

#include "core/category.h"
#include "core/potential.h"
#include "util/days.h"

#define KR(x) ((int64_t)(x)*100)

static struct cat_threshold thr(int64_t v)
{
	struct cat_threshold t = {true, v};
	return t;
}

/* --- thresholds ----------------------------------------------------------- */

static void test_pareto(void **state)
{
	(void)state;
	/* sum 200, 80 % = 160: running 100, 150, 180 -> the third customer (30) */
	int64_t a[] = {20, 100, 30, 50};
	struct cat_threshold t = category_threshold_pareto(a, 4, 0.80);
	assert_true(t.has);
	assert_int_equal(t.value, 30);
	/* reaching the share exactly counts: 50 + 30 = 80 of 100 */
	int64_t b[] = {20, 50, 30};
	t = category_threshold_pareto(b, 3, 0.80);
	assert_int_equal(t.value, 30);
	/* ties: 60 % of 130 = 78 is reached at the first 20; all 20s are high */
	int64_t c[] = {20, 70, 20, 20};
	t = category_threshold_pareto(c, 4, 0.60);
	assert_int_equal(t.value, 20);
	/* zero and negative values take no part in the sum: 80 % of 160 = 128 */
	int64_t d[] = {0, 100, -50, 60};
	t = category_threshold_pareto(d, 4, 0.80);
	assert_int_equal(t.value, 60);
	/* no positive value: nobody is high */
	int64_t e[] = {0, -5, 0};
	t = category_threshold_pareto(e, 3, 0.80);
	assert_false(t.has);
	t = category_threshold_pareto(e, 0, 0.80);
	assert_false(t.has);
	/* share 1: the smallest positive value */
	int64_t f[] = {5, 0, 7, 1};
	t = category_threshold_pareto(f, 4, 1.0);
	assert_int_equal(t.value, 1);
}

static int desc_ref(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x > y ? -1 : x < y;
}

/* The thresholds sort their values descending in place: large arrays take
 * a radix sort, which must give qsort's array, for any spread of values
 * (a narrow one, ties, negatives, the int64 extremes). */
static void test_sort_large(void **state)
{
	(void)state;
	enum { N = 20000 };
	int64_t *a = malloc(N * sizeof(*a)), *b = malloc(N * sizeof(*b));
	assert_true(a && b);
	uint64_t seed = 7;
	for (int spread = 0; spread < 4; spread++) {
		for (int i = 0; i < N; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			int64_t x = (int64_t)(seed >> 11);
			a[i] = spread == 0   ? x % 7                 /* ties */
			       : spread == 1 ? x % 5000000 - 1000000 /* money, credits */
			       : spread == 2 ? (int64_t)(seed)       /* everything */
			                     : (i % 3 ? INT64_MIN + i : INT64_MAX - i);
		}
		for (int f = 0; f < 3; f++) {
			memcpy(b, a, N * sizeof(*a));
			qsort(b, N, sizeof(*b), desc_ref);
			int64_t *c = malloc(N * sizeof(*c));
			memcpy(c, a, N * sizeof(*a));
			if (f == 0)
				category_threshold_pareto(c, N, 0.8);
			else if (f == 1)
				category_threshold_top(c, N, 20);
			else
				category_threshold_abc(c, N);
			assert_memory_equal(c, b, N * sizeof(*b));
			free(c);
		}
	}
	free(a);
	free(b);
}

static void test_top(void **state)
{
	(void)state;
	int64_t a[10];
	for (int i = 0; i < 10; i++)
		a[i] = i + 1;
	struct cat_threshold t = category_threshold_top(a, 10, 20);
	assert_int_equal(t.value, 9); /* 2 of 10 */
	t = category_threshold_top(a, 10, 25);
	assert_int_equal(t.value, 8); /* ceil(2.5) = 3 of 10 */
	t = category_threshold_top(a, 10, 0);
	assert_false(t.has);
	t = category_threshold_top(a, 10, 100);
	assert_int_equal(t.value, 1);
	/* ties: the top 25 % is one customer; its value is shared by three */
	int64_t b[] = {5, 1, 5, 5};
	t = category_threshold_top(b, 4, 25);
	assert_int_equal(t.value, 5);
	/* zeros are never high: the 2nd of {10, 0, 0, 0} is 0 -> threshold 10 */
	int64_t c[] = {0, 10, 0, 0};
	t = category_threshold_top(c, 4, 50);
	assert_int_equal(t.value, 10);
	int64_t d[] = {0, -1};
	t = category_threshold_top(d, 2, 50);
	assert_false(t.has);
}

static void test_abc(void **state)
{
	(void)state;
	/* S = 100, n = 5. Distances to (0,1): k=1 .29, k=2 .20, k=3 .37 ->
	 * Pareto point k=2; break-even: values >= mean 20 -> k=2; A = {50, 30}. */
	int64_t a[] = {5, 10, 50, 5, 30};
	struct cat_threshold t = category_threshold_abc(a, 5);
	assert_true(t.has);
	assert_int_equal(t.value, 30);
	/* Pareto point first: distances k=1 .65, k=2 .4121, k=3 .2749,
	 * k=4 .2276, k=5 .26 -> k=4; break-even (mean 10) k=5; A limit k=4. */
	int64_t b[] = {20, 19, 18, 17, 16, 5, 2, 1, 1, 1};
	t = category_threshold_abc(b, 10);
	assert_int_equal(t.value, 17);
	/* break-even first: mean 100/7 = 14.3 -> k=1; Pareto point k=2
	 * (.3804, .3316, .3437) -> A limit k=1. */
	int64_t c[] = {10, 10, 40, 10, 10, 10, 10};
	t = category_threshold_abc(c, 7);
	assert_int_equal(t.value, 40);
	/* nothing positive */
	int64_t d[] = {0, -3};
	t = category_threshold_abc(d, 2);
	assert_false(t.has);
}

/* --- stability margin ----------------------------------------------------- */

static void test_margin(void **state)
{
	(void)state;
	struct cat_threshold t = thr(100);
	assert_true(category_is_high(100, t, 0.1, -1));
	assert_false(category_is_high(99, t, 0.1, -1));
	/* earlier high stays high while value >= 90 */
	assert_true(category_is_high(90, t, 0.1, 1));
	assert_false(category_is_high(89, t, 0.1, 1));
	/* earlier low turns high only at 110 */
	assert_false(category_is_high(109, t, 0.1, 0));
	assert_true(category_is_high(110, t, 0.1, 0));
	/* margin 0 turns it off */
	assert_false(category_is_high(99, t, 0, 1));
	assert_true(category_is_high(100, t, 0, 0));
	/* no threshold: nobody is high */
	struct cat_threshold none = {false, 0};
	assert_false(category_is_high(1000, none, 0.1, 1));
	assert_int_equal(category_band_low(480, 0.1), 432);
	assert_int_equal(category_band_high(480, 0.1), 528);
	assert_int_equal(category_band_low(-100, 0.1), -110);
}

/* Property: for any previous side and margin, raising the threshold never
 * turns a low value high. */
static void test_prop_raise_threshold(void **state)
{
	(void)state;
	srand(7);
	for (int it = 0; it < 20000; it++) {
		int64_t v = rand() % 2001 - 500;
		int64_t t1 = rand() % 2001 - 500, t2 = t1 + rand() % 300;
		double m = (rand() % 30) / 100.0;
		int prev = rand() % 3 - 1;
		if (category_is_high(v, thr(t2), m, prev))
			assert_true(category_is_high(v, thr(t1), m, prev));
	}
}

/* --- the whole run on a hand-made dataset --------------------------------- */

struct fixture {
	struct customer c[16];
	struct order o[64];
	struct dataset ds;
	size_t nc, no;
};

static int32_t day(const char *iso)
{
	int32_t d;
	assert_int_equal(days_parse_iso(iso, &d), 0);
	return d;
}

static void add_c(struct fixture *f, const char *id)
{
	struct customer *c = &f->c[f->nc++];
	memset(c, 0, sizeof(*c));
	c->id = (char *)id;
	c->employees = -1;
	c->seller = -1;
}

static void add_o(struct fixture *f, int cust, const char *iso, int64_t amount)
{
	struct order *o = &f->o[f->no++];
	memset(o, 0, sizeof(*o));
	o->cust = cust;
	o->day = day(iso);
	o->amount = amount;
}

static void fixture_done(struct fixture *f)
{
	f->ds.customers = f->c;
	f->ds.ncustomers = f->nc;
	f->ds.orders = f->o;
	f->ds.norders = f->no;
}

static void test_window_edges(void **state)
{
	(void)state;
	struct fixture f = {0};
	add_c(&f, "A");
	add_c(&f, "B");
	add_c(&f, "C");
	add_o(&f, 0, "2023-03-31", 1000); /* = as-of − 12 months: outside */
	add_o(&f, 0, "2023-04-01", 200);  /* first day inside */
	add_o(&f, 0, "2024-03-31", 30);   /* as-of: inside */
	add_o(&f, 1, "2024-04-01", 5000); /* after as-of: outside */
	add_o(&f, 1, "2023-12-24", -70);  /* a credit */
	fixture_done(&f);
	f.c[2].has_revenue = true;
	f.c[2].revenue = 4444;
	f.c[1].has_revenue = true; /* has orders in the window: the column is not used */
	f.c[1].revenue = 9999;
	struct cat_params p;
	cat_params_default(&p);
	p.as_of = day("2024-03-31");
	struct cat_row rows[3];
	int32_t asof = p.as_of;
	size_t nm;
	char *cause = NULL;
	assert_int_equal(category_revenue(&f.ds, &p, DAYS_NONE, &asof, rows, &nm, &cause), 0);
	assert_int_equal(rows[0].revenue, 230);
	assert_int_equal(rows[0].orders, 2);
	assert_int_equal(rows[0].revenue_source, REVSRC_ORDERS);
	assert_int_equal(rows[1].revenue, -70);
	assert_int_equal(rows[2].revenue, 4444);
	assert_int_equal(rows[2].revenue_source, REVSRC_FILE);
	/* default as-of: the latest order day */
	asof = DAYS_NONE;
	assert_int_equal(category_revenue(&f.ds, &p, DAYS_NONE, &asof, rows, &nm, &cause), 0);
	assert_int_equal(asof, day("2024-04-01"));
	assert_int_equal(rows[0].revenue, 30);
	assert_int_equal(rows[1].revenue, 4930);
	/* calendar months: 1 month back from 2024-03-31 is 2024-02-29 */
	assert_int_equal(category_window_from(day("2024-03-31"), 1), day("2024-02-29"));
	p.window_months = 1;
	asof = day("2024-03-31");
	assert_int_equal(category_revenue(&f.ds, &p, DAYS_NONE, &asof, rows, &nm, &cause), 0);
	assert_int_equal(rows[0].revenue, 30);
	assert_int_equal(rows[1].revenue_source, REVSRC_FILE);
	assert_int_equal(rows[1].revenue, 9999);
}

static void test_margin_axis(void **state)
{
	(void)state;
	struct fixture f = {0};
	add_c(&f, "A");
	add_c(&f, "B");
	add_o(&f, 0, "2024-01-10", 1000);
	add_o(&f, 1, "2024-01-11", 500);
	fixture_done(&f);
	f.c[1].has_revenue = true;
	f.c[1].revenue = 77;
	struct cat_params p;
	cat_params_default(&p);
	p.axis = AXIS_MARGIN;
	struct cat_row rows[2];
	int32_t asof = DAYS_NONE;
	size_t nm;
	char *cause = NULL;
	/* no margin at all: a clear error */
	assert_int_equal(category_revenue(&f.ds, &p, DAYS_NONE, &asof, rows, &nm, &cause), -1);
	assert_non_null(strstr(cause, "margin"));
	free(cause);
	f.o[0].has_margin = true;
	f.o[0].margin = 300;
	asof = DAYS_NONE;
	assert_int_equal(category_revenue(&f.ds, &p, DAYS_NONE, &asof, rows, &nm, &cause), 0);
	assert_int_equal(rows[0].revenue, 300);
	assert_int_equal(rows[1].revenue, 0); /* its order has no margin */
	assert_int_equal(nm, 1);
}

/* Ten customers with revenue 10..100 kr; customer i has potential given. */
static void ten(struct fixture *f)
{
	static const char *ids[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
	for (int i = 0; i < 10; i++) {
		add_c(f, ids[i]);
		add_o(f, i, "2024-06-01", KR(10 * (i + 1)));
	}
	fixture_done(f);
}

static void test_compute_pareto(void **state)
{
	(void)state;
	struct fixture f = {0};
	ten(&f);
	/* potentials: c9 and c0 given high, c5 by wallet, c3 unknown */
	for (int i = 0; i < 10; i++) {
		f.c[i].has_potential = true;
		f.c[i].potential = KR(1);
	}
	f.c[9].potential = KR(1000);
	f.c[0].potential = KR(900);
	f.c[5].has_potential = false;
	f.c[5].has_wallet = true;
	f.c[5].wallet = KR(560); /* revenue 60 -> potential 500 */
	f.c[3].has_potential = false;
	struct cat_params p;
	cat_params_default(&p);
	struct cat_input in = {.ds = &f.ds};
	struct cat_run run;
	struct cat_row rows[10];
	char *cause = NULL;
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	/* revenue: sum 550 kr, 80 % = 440: 100+90+80+70+60 = 400, +50 = 450 -> 50 kr */
	assert_true(run.revenue_t.has);
	assert_int_equal(run.revenue_t.value, KR(50));
	/* potential (c3 unknown takes no part): 1000, 900, 500, 1 x6 = 2406;
	 * 80 % = 1924.8: 1000+900 = 1900, +500 = 2400 -> 500 kr */
	assert_int_equal(run.potential_t.value, KR(500));
	assert_int_equal(rows[5].potential, KR(500));
	assert_int_equal(rows[5].potential_source, POTSRC_WALLET);
	assert_int_equal(rows[3].potential_source, POTSRC_UNKNOWN);
	assert_int_equal(rows[9].computed, CAT_1);
	assert_int_equal(rows[5].computed, CAT_1);
	assert_int_equal(rows[4].computed, CAT_2R); /* 50 kr = threshold */
	assert_int_equal(rows[3].computed, CAT_3);  /* 40 kr, unknown potential */
	assert_int_equal(rows[0].computed, CAT_2P);
	assert_int_equal(rows[1].computed, CAT_3);
	struct cat_summary s;
	category_summarize(rows, 10, &s);
	assert_int_equal(s.cat[CAT_1].customers, 2);
	assert_int_equal(s.cat[CAT_2R].customers, 4);
	assert_int_equal(s.cat[CAT_2P].customers, 1);
	assert_int_equal(s.cat[CAT_3].customers, 3);
	assert_int_equal(s.cat[CAT_1].revenue, KR(160));
	assert_int_equal(s.cat[CAT_1].potential, KR(1500));
	assert_int_equal(s.all.revenue, KR(550));
	assert_int_equal(s.all.potential, KR(2406));
	assert_int_equal(s.potsrc[POTSRC_GIVEN], 8);
	assert_int_equal(s.potsrc[POTSRC_WALLET], 1);
	assert_int_equal(s.potsrc[POTSRC_UNKNOWN], 1);
	assert_int_equal(s.all.orders, 10);
}

static void test_compute_absolute_and_mixed(void **state)
{
	(void)state;
	struct fixture f = {0};
	ten(&f);
	for (int i = 0; i < 10; i++) {
		f.c[i].has_potential = true;
		f.c[i].potential = KR(100 - 10 * i);
	}
	struct cat_params p;
	cat_params_default(&p);
	p.method = METHOD_ABSOLUTE;
	p.has_revenue_min = p.has_potential_min = true;
	p.revenue_min = KR(70);
	p.potential_min = KR(50);
	struct cat_input in = {.ds = &f.ds};
	struct cat_run run;
	struct cat_row rows[10];
	char *cause = NULL;
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	assert_int_equal(rows[6].computed, CAT_2R); /* 70 kr, potential 40 */
	/* c5: revenue 60 < 70, potential 100-50 = 50 >= 50 -> 2P */
	assert_int_equal(rows[5].potential, KR(50));
	assert_int_equal(rows[5].computed, CAT_2P);
	/* c4: revenue 50, potential 60 -> 2P; c9: 100, 10 -> 2R */
	assert_int_equal(rows[4].computed, CAT_2P);
	assert_int_equal(rows[9].computed, CAT_2R);

	/* pareto with an absolute revenue axis: --revenue-min mixes */
	cat_params_default(&p);
	p.has_revenue_min = true;
	p.revenue_min = KR(95);
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	assert_int_equal(cat_revenue_method(&p), METHOD_ABSOLUTE);
	assert_int_equal(cat_potential_method(&p), METHOD_PARETO);
	assert_int_equal(run.revenue_t.value, KR(95));
	/* potentials 100..10 sum 550 -> pareto 50 kr as for revenue above */
	assert_int_equal(run.potential_t.value, KR(50));
	assert_int_equal(rows[9].computed, CAT_2R);
	assert_int_equal(rows[0].computed, CAT_2P);
	assert_int_equal(rows[8].computed, CAT_3);
}

static void test_compute_top_abc(void **state)
{
	(void)state;
	struct fixture f = {0};
	ten(&f);
	struct cat_params p;
	cat_params_default(&p);
	p.method = METHOD_TOP;
	p.revenue_top = 30;
	struct cat_input in = {.ds = &f.ds};
	struct cat_run run;
	struct cat_row rows[10];
	char *cause = NULL;
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	assert_int_equal(run.revenue_t.value, KR(80));
	assert_false(run.potential_t.has); /* every potential unknown */
	assert_int_equal(rows[7].computed, CAT_2R);
	assert_int_equal(rows[6].computed, CAT_3);
	p.method = METHOD_ABC;
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	/* 10..100: S = 550, mean 55 -> break-even k = 5 (60 kr); Pareto point:
	 * k=3 (.3, 270/550) d=.349, k=4 (.4, 340/550) d=.306, k=5 (.5, 400/550)
	 * d=.324 -> k=4; A limit k=4 -> 70 kr */
	assert_int_equal(run.revenue_t.value, KR(70));
}

static void test_hysteresis_overrides(void **state)
{
	(void)state;
	struct fixture f = {0};
	ten(&f);
	struct cat_params p;
	cat_params_default(&p);
	p.method = METHOD_ABSOLUTE;
	p.has_revenue_min = p.has_potential_min = true;
	p.revenue_min = KR(50);
	p.potential_min = KR(1);
	p.today = day("2024-07-01");
	int8_t prh[10], pph[10];
	struct cat_override ov[10];
	for (int i = 0; i < 10; i++) {
		prh[i] = -1;
		pph[i] = -1;
		ov[i].category = CAT_NONE;
		ov[i].until = DAYS_NONE;
		ov[i].reason = NULL;
	}
	prh[4] = 0; /* 50 kr was low: needs 55 kr -> stays low */
	prh[5] = 0; /* 60 kr was low: >= 55 -> high */
	f.o[3].amount = KR(45);
	prh[3] = 1; /* now 45 kr: exactly the band -> high */
	ov[0].category = CAT_1;
	ov[0].reason = "strategic";
	ov[1].category = CAT_2P;
	ov[1].until = day("2024-06-30"); /* expired */
	ov[2].category = CAT_2P;
	ov[2].until = day("2024-07-01"); /* last day */
	ov[2].reason = "new buyer";
	struct cat_input in = {
	    .ds = &f.ds, .prev_revenue_high = prh, .prev_potential_high = pph, .overrides = ov};
	struct cat_run run;
	struct cat_row rows[10];
	char *cause = NULL;
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	assert_true(rows[3].revenue_high);
	assert_false(rows[4].revenue_high);
	assert_true(rows[5].revenue_high);
	assert_int_equal(rows[0].computed, CAT_3);
	assert_int_equal(rows[0].category, CAT_1);
	assert_string_equal(rows[0].override_reason, "strategic");
	assert_int_equal(rows[1].category, CAT_3);
	assert_null(rows[1].override_reason);
	assert_int_equal(rows[2].category, CAT_2P);
	struct strbuf sb = STRBUF_INIT;
	category_reason(&sb, &rows[3], &run, LANG_SV);
	assert_string_equal(strbuf_cstr(&sb),
	                    "omsättning 45 kr ≥ 45 kr (gräns 50 kr − 10 % stabilitetsmarginal, hög "
	                    "förra körningen); potential okänd (räknas som låg) → Kategori 2 "
	                    "omsättning");
	strbuf_reset(&sb);
	assert_int_equal(rows[3].computed, CAT_2R);
	category_reason(&sb, &rows[4], &run, LANG_EN);
	assert_string_equal(strbuf_cstr(&sb),
	                    "revenue 50 < 55 (threshold 50 + 10% stability margin, low last run); "
	                    "potential unknown (counted as low) → Category 3");
	strbuf_reset(&sb);
	category_reason(&sb, &rows[0], &run, LANG_SV);
	assert_non_null(strstr(strbuf_cstr(&sb), "→ Kategori 3; manuellt satt till Kategori 1: "
	                                         "strategic"));
	strbuf_free(&sb);
}

/* The reason's amounts are written without printf: they must read exactly
 * as fmt_money does, for every sign, rounding edge and number of digits. */
/* Sums made by the caller (cat_input.presum, as categorize --orders makes
 * them while reading) give exactly the rows of summing ds->orders, on both
 * axes; the margin axis without any margin fails the same way. */
static void test_compute_presum(void **state)
{
	(void)state;
	struct fixture f = {0};
	for (int i = 0; i < 6; i++)
		add_c(&f, "X");
	f.c[4].has_revenue = true; /* no orders in the window: the file's revenue */
	f.c[4].revenue = KR(70);
	f.c[2].has_potential = true;
	f.c[2].potential = KR(300);
	add_o(&f, 0, "2024-03-31", KR(100));
	add_o(&f, 0, "2024-01-02", KR(50));
	add_o(&f, 1, "2023-12-01", KR(20));
	add_o(&f, 2, "2023-06-01", -KR(5));
	add_o(&f, 3, "2024-02-01", KR(300));
	add_o(&f, 4, "2022-01-01", KR(999)); /* outside the window */
	for (size_t k = 0; k < f.no; k += 2) {
		f.o[k].has_margin = true;
		f.o[k].margin = f.o[k].amount / 4;
	}
	fixture_done(&f);
	for (int axis = 0; axis < 3; axis++) {
		struct cat_params p;
		cat_params_default(&p);
		p.as_of = day("2024-03-31");
		p.axis = axis ? AXIS_MARGIN : AXIS_AMOUNT;
		if (axis == 2) /* no order in the window has a margin */
			for (size_t k = 0; k < f.no; k++)
				f.o[k].has_margin = false;
		int64_t value[6] = {0};
		int32_t orders[6] = {0};
		struct cat_presum sum = {value, orders, 0, 0};
		int32_t from = category_window_from(p.as_of, p.window_months);
		for (size_t k = 0; k < f.no; k++) {
			const struct order *o = &f.o[k];
			if (o->day <= from || o->day > p.as_of)
				continue;
			orders[o->cust]++;
			sum.in_window++;
			if (!axis)
				value[o->cust] += o->amount;
			else if (o->has_margin)
				value[o->cust] += o->margin, sum.with_margin++;
		}
		struct cat_input a = {.ds = &f.ds}, b = {.ds = &f.ds, .presum = &sum};
		struct cat_run ra, rb;
		struct cat_row xa[6], xb[6];
		char *ca = NULL, *cb = NULL;
		int rc = category_compute(&a, &p, &ra, xa, &ca);
		assert_int_equal(category_compute(&b, &p, &rb, xb, &cb), rc);
		if (axis == 2) {
			assert_int_equal(rc, -1);
			assert_string_equal(ca, cb);
			free(ca);
			free(cb);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_memory_equal(&ra, &rb, sizeof(ra));
		assert_memory_equal(xa, xb, sizeof(xa));
		assert_int_equal(xb[0].orders, 2);
		assert_int_equal(xb[4].revenue_source, axis ? REVSRC_NONE : REVSRC_FILE);
		assert_int_equal(xb[5].revenue_source, REVSRC_NONE);
		assert_int_equal(xb[0].revenue, axis ? KR(25) : KR(150));
	}
}

static void test_reason_money_like_fmt_money(void **state)
{
	(void)state;
	struct cat_run run;
	memset(&run, 0, sizeof(run));
	cat_params_default(&run.p);
	run.revenue_t.has = false;
	run.potential_t.has = false;
	struct cat_row r = {.revenue_source = REVSRC_ORDERS,
	                    .potential_source = POTSRC_UNKNOWN,
	                    .computed = CAT_3,
	                    .category = CAT_3};
	const int64_t vals[] = {0,
	                        1,
	                        49,
	                        50,
	                        99,
	                        100,
	                        149,
	                        150,
	                        -1,
	                        -49,
	                        -50,
	                        -51,
	                        -150,
	                        99949,
	                        99950,
	                        100000,
	                        -99950,
	                        123456789,
	                        -123456789,
	                        100000049,
	                        99999950,
	                        INT64_MAX / 2,
	                        -(INT64_MAX / 2)};
	struct strbuf sb = STRBUF_INIT;
	for (int lang = 0; lang < 2; lang++)
		for (size_t k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
			enum lang l = lang ? LANG_SV : LANG_EN;
			char m[64], want[256];
			r.revenue = vals[k];
			strbuf_reset(&sb);
			category_reason(&sb, &r, &run, l);
			snprintf(want, sizeof(want), "%s %s%s",
			         l == LANG_SV ? "omsättning" : "revenue",
			         fmt_money(m, sizeof(m), vals[k], l),
			         l == LANG_SV ? " (ingen gräns: ingen kund över 0)"
			                      : " (no threshold: no customer above 0)");
			assert_memory_equal(strbuf_cstr(&sb), want, strlen(want));
			assert_int_equal(strbuf_cstr(&sb)[strlen(want)], ';');
		}
	strbuf_free(&sb);
}

static void test_reason_example(void **state)
{
	(void)state;
	struct cat_run run;
	memset(&run, 0, sizeof(run));
	cat_params_default(&run.p);
	run.revenue_t = thr(KR(480000));
	run.potential_t = thr(KR(200000));
	struct cat_row r = {.revenue = KR(1200000),
	                    .potential = KR(50000),
	                    .revenue_source = REVSRC_ORDERS,
	                    .potential_source = POTSRC_GIVEN,
	                    .revenue_high = true,
	                    .potential_high = false,
	                    .computed = CAT_2R,
	                    .category = CAT_2R};
	struct strbuf sb = STRBUF_INIT;
	category_reason(&sb, &r, &run, LANG_SV);
	assert_string_equal(strbuf_cstr(&sb), "omsättning 1 200 000 kr ≥ gräns 480 000 kr; "
	                                      "potential 50 000 kr < gräns 200 000 kr → "
	                                      "Kategori 2 omsättning");
	strbuf_reset(&sb);
	category_reason(&sb, &r, &run, LANG_EN);
	assert_string_equal(strbuf_cstr(&sb), "revenue 1,200,000 ≥ threshold 480,000; potential "
	                                      "50,000 < threshold 200,000 → Category 2 revenue");
	strbuf_reset(&sb);
	r.potential_source = POTSRC_ESTIMATED;
	run.p.axis = AXIS_MARGIN;
	run.revenue_t.has = false;
	r.revenue = 0;
	r.revenue_high = false;
	r.computed = r.category = CAT_3;
	category_reason(&sb, &r, &run, LANG_SV);
	assert_string_equal(strbuf_cstr(&sb),
	                    "täckningsbidrag 0 kr (ingen gräns: ingen kund över 0); potential "
	                    "50 000 kr < gräns 200 000 kr (uppskattad från liknande kunder) → "
	                    "Kategori 3");
	strbuf_free(&sb);
}

/* Property: on random data, every customer is in exactly one category and
 * the per-category counts add up; raising --revenue-min never moves a
 * customer's revenue side up. */
static void test_prop_partition_monotone(void **state)
{
	(void)state;
	enum { N = 300, NO = 900 };
	struct customer *c = calloc(N, sizeof(*c));
	struct order *o = calloc(NO, sizeof(*o));
	srand(42);
	for (int i = 0; i < N; i++) {
		c[i].employees = -1;
		c[i].has_potential = rand() % 4 != 0;
		c[i].potential = (rand() % 1000 - 100) * 100;
	}
	for (int k = 0; k < NO; k++) {
		o[k].cust = rand() % N;
		o[k].day = 19000 + rand() % 400;
		o[k].amount = (rand() % 5000 - 200) * 100;
	}
	struct dataset ds = {.customers = c, .ncustomers = N, .orders = o, .norders = NO};
	struct cat_row *r1 = calloc(N, sizeof(*r1)), *r2 = calloc(N, sizeof(*r2));
	int8_t *prev = calloc(N, 1);
	for (int i = 0; i < N; i++)
		prev[i] = (int8_t)(rand() % 3 - 1);
	for (int m = 0; m < METHOD_COUNT; m++) {
		struct cat_params p;
		cat_params_default(&p);
		p.method = (enum cat_method)m;
		p.has_revenue_min = m == METHOD_ABSOLUTE;
		p.has_potential_min = m == METHOD_ABSOLUTE;
		p.revenue_min = 100000;
		p.potential_min = 30000;
		struct cat_input in = {.ds = &ds, .prev_revenue_high = prev};
		struct cat_run run;
		char *cause = NULL;
		assert_int_equal(category_compute(&in, &p, &run, r1, &cause), 0);
		struct cat_summary s;
		category_summarize(r1, N, &s);
		size_t sum = 0;
		for (int k = 0; k < CAT_COUNT; k++)
			sum += s.cat[k].customers;
		assert_int_equal(sum, N);
		for (int i = 0; i < N; i++) {
			assert_true(r1[i].category >= 0 && r1[i].category < CAT_COUNT);
			assert_int_equal(r1[i].category,
			                 category_of(r1[i].revenue_high, r1[i].potential_high));
		}
		/* raise the revenue threshold above the computed one */
		struct cat_params q = p;
		q.has_revenue_min = true;
		q.revenue_min = (run.revenue_t.has ? run.revenue_t.value : 0) + 12345;
		struct cat_run run2;
		assert_int_equal(category_compute(&in, &q, &run2, r2, &cause), 0);
		for (int i = 0; i < N; i++)
			if (r2[i].revenue_high)
				assert_true(r1[i].revenue_high || !run.revenue_t.has ||
				            run.revenue_t.value > q.revenue_min);
		/* and between two absolute thresholds directly */
		struct cat_params a = q, b = q;
		a.revenue_min = 50000;
		b.revenue_min = 50001 + rand() % 300000;
		a.has_potential_min = b.has_potential_min = true;
		a.potential_min = 1000;
		b.potential_min = 1000 + rand() % 50000;
		assert_int_equal(category_compute(&in, &a, &run, r1, &cause), 0);
		assert_int_equal(category_compute(&in, &b, &run2, r2, &cause), 0);
		for (int i = 0; i < N; i++) {
			if (r2[i].revenue_high)
				assert_true(r1[i].revenue_high);
			if (r2[i].potential_high)
				assert_true(r1[i].potential_high);
		}
	}
	free(c);
	free(o);
	free(r1);
	free(r2);
	free(prev);
}

static void test_codes(void **state)
{
	(void)state;
	enum cat_method m;
	enum cat_axis a;
	enum pot_source s;
	assert_int_equal(cat_method_parse("ABC", &m), 0);
	assert_int_equal(m, METHOD_ABC);
	assert_int_equal(cat_method_parse("median", &m), -1);
	assert_int_equal(cat_axis_parse("margin", &a), 0);
	assert_int_equal(a, AXIS_MARGIN);
	assert_int_equal(pot_source_parse("estimated", &s), 0);
	assert_string_equal(pot_source_code(POTSRC_WALLET), "wallet");
	assert_string_equal(pot_source_label(POTSRC_WALLET, LANG_SV), "köpkraft");
	assert_int_equal(category_of(true, true), CAT_1);
	assert_int_equal(category_of(true, false), CAT_2R);
	assert_int_equal(category_of(false, true), CAT_2P);
	assert_int_equal(category_of(false, false), CAT_3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pareto),
	    cmocka_unit_test(test_top),
	    cmocka_unit_test(test_sort_large),
	    cmocka_unit_test(test_abc),
	    cmocka_unit_test(test_margin),
	    cmocka_unit_test(test_prop_raise_threshold),
	    cmocka_unit_test(test_window_edges),
	    cmocka_unit_test(test_margin_axis),
	    cmocka_unit_test(test_compute_pareto),
	    cmocka_unit_test(test_compute_absolute_and_mixed),
	    cmocka_unit_test(test_compute_top_abc),
	    cmocka_unit_test(test_hysteresis_overrides),
	    cmocka_unit_test(test_reason_example),
	    cmocka_unit_test(test_reason_money_like_fmt_money),
	    cmocka_unit_test(test_compute_presum),
	    cmocka_unit_test(test_prop_partition_monotone),
	    cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
