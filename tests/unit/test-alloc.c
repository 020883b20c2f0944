/* test-alloc.c — covers src/core/alloc.c (the allocation under capacity)
 * and src/render/lpmodel.c (the same problem as an MILP): the marginal
 * analysis of one person against every combination of levels, small random
 * instances against exhaustive search (never over capacity, close to the
 * optimum), move costs, stability (a solution given back as the current
 * persons stays as it is), pins, the balance band, capacity values, the
 * non-dominated levels and the written model. */
#include "testutil.h"

#include <math.h>

#include "core/alloc.h"
#include "core/rng.h"
#include "render/lpmodel.h"
#include "util/xmalloc.h"

/* One class: visits 0, 1, 2, 4, 8 with fixed minutes; g = f / (3 + f). */
#define NL 5
static const double V[NL] = {0, 1, 2, 4, 8}, FIX[NL] = {0, 0.2, 0.3, 0.5, 0.8};
static double G[NL];

static void init_g(void)
{
	for (int l = 0; l < NL; l++)
		G[l] = V[l] / (3 + V[l]);
}

struct inst {
	struct alloc_class cl;
	struct alloc_item *it;
	struct alloc_person *ps;
	int32_t *cand;
	double *a;
	struct alloc_problem p;
};

static void inst_free(struct inst *x)
{
	free(x->it);
	free(x->ps);
	free(x->cand);
	free(x->a);
}

/* n items, np persons (one group), all persons candidates, random travel,
 * values and current persons. */
static void random_inst(struct inst *x, int n, int np, uint64_t seed, double tight, double mc)
{
	struct rng r;
	rng_seed(&r, seed, 5);
	init_g();
	x->cl = (struct alloc_class){NL, V, FIX, G};
	x->it = xcalloc((size_t)n, sizeof(*x->it));
	x->ps = xcalloc((size_t)np, sizeof(*x->ps));
	x->cand = xmalloc((size_t)n * (size_t)np * sizeof(int32_t));
	x->a = xmalloc((size_t)n * (size_t)np * sizeof(double));
	double need = 0;
	for (int i = 0; i < n; i++) {
		x->it[i] = (struct alloc_item){.cls = 0,
		                               .base = 10 * rng_unit(&r),
		                               .span = 20 * rng_unit(&r),
		                               .from = (int32_t)rng_below(&r, (uint32_t)np + 1) - 1,
		                               .pin = -1,
		                               .pin_level = -1,
		                               .ncand = np,
		                               .cand = x->cand + i * np,
		                               .a = x->a + i * np};
		for (int q = 0; q < np; q++) {
			x->cand[i * np + q] = q;
			x->a[i * np + q] = 0.2 + 1.5 * rng_unit(&r);
		}
		need += 4 * x->a[i * np] + 0.5;
	}
	for (int q = 0; q < np; q++)
		x->ps[q] = (struct alloc_person){need / np * tight * (0.7 + 0.6 * rng_unit(&r)), 0};
	x->p = (struct alloc_problem){.nitems = n,
	                              .npersons = np,
	                              .nclasses = 1,
	                              .items = x->it,
	                              .persons = x->ps,
	                              .classes = &x->cl,
	                              .move_cost = mc,
	                              .balance = 0};
}

/* The exact optimum by trying every person and level for every item. */
static double best;
static void exhaust(const struct alloc_problem *p, int i, double *used, double val)
{
	if (i == p->nitems) {
		if (val > best)
			best = val;
		return;
	}
	const struct alloc_item *it = &p->items[i];
	for (int k = 0; k < it->ncand; k++) {
		int32_t q = it->cand[k];
		for (int l = 0; l < p->classes[it->cls].nlev; l++) {
			double h = alloc_hours(p, i, k, l);
			if (h < 0 || used[q] + h > p->persons[q].cap + 1e-9)
				continue;
			used[q] += h;
			double mc = it->from >= 0 && q != it->from ? p->move_cost : 0;
			exhaust(p, i + 1, used, val + alloc_value(p, i, l) - mc);
			used[q] -= h;
		}
	}
}

static double optimum(const struct alloc_problem *p)
{
	double used[8] = {0};
	best = -INFINITY;
	exhaust(p, 0, used, 0);
	return best;
}

static void check_solution(const struct alloc_problem *p, const struct alloc_solution *s)
{
	double obj = 0;
	double load[16] = {0};
	for (int i = 0; i < p->nitems; i++) {
		assert_true(s->person[i] >= 0);
		int ci = -1;
		for (int k = 0; k < p->items[i].ncand; k++)
			if (p->items[i].cand[k] == s->person[i])
				ci = k;
		assert_true(ci >= 0);
		double h = alloc_hours(p, i, ci, s->level[i]);
		assert_true(h >= 0);
		load[s->person[i]] += h;
		double mc =
		    p->items[i].from >= 0 && s->person[i] != p->items[i].from ? p->move_cost : 0;
		obj += alloc_value(p, i, s->level[i]) - mc;
	}
	for (int q = 0; q < p->npersons; q++) {
		assert_true(load[q] <= p->persons[q].cap + 1e-6); /* never over capacity */
		assert_true(fabs(load[q] - s->load[q]) < 1e-6);
	}
	assert_true(fabs(obj - s->objective) < 1e-6 * (fabs(obj) + 1));
}

/* One person, three items: the marginal analysis over the hulls against every
 * combination of levels. With ample room every item reaches its best level. */
static void test_one_person(void **state)
{
	(void)state;
	struct inst x;
	random_inst(&x, 4, 1, 11, 0.5, 0);
	struct alloc_solution s;
	assert_int_equal(alloc_solve(&x.p, NULL, &s), 0);
	check_solution(&x.p, &s);
	double opt = optimum(&x.p);
	assert_true(s.objective >= opt - 0.05 * fabs(opt));
	assert_true(s.price[0] > 0); /* capacity binds: an hour has a value */
	alloc_solution_free(&s);
	x.ps[0].cap = 1e6;
	assert_int_equal(alloc_solve(&x.p, NULL, &s), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(s.level[i], NL - 1);
	assert_true(s.price[0] == 0);
	alloc_solution_free(&s);
	inst_free(&x);
}

/* Random small instances against exhaustive search. */
static void test_random_exhaustive(void **state)
{
	(void)state;
	double worst = 0, sum = 0;
	int n = 0;
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct inst x;
		random_inst(&x, 6, 3, seed, 0.3 + 0.05 * (double)(seed % 8),
		            1.5 * (double)(seed % 3));
		struct alloc_solution s;
		assert_int_equal(alloc_solve(&x.p, NULL, &s), 0);
		check_solution(&x.p, &s);
		double opt = optimum(&x.p);
		double gap = (opt - s.objective) / fabs(opt);
		assert_true(gap > -1e-9); /* never better than the optimum */
		if (gap > worst)
			worst = gap;
		sum += gap;
		n++;
		alloc_solution_free(&s);
		inst_free(&x);
	}
	print_message("6 items, 3 persons: mean gap %.3f %%, worst %.3f %%\n", 100 * sum / n,
	              100 * worst);
	/* Few items per person make the last step of the marginal analysis
	 * weigh; on plan-size instances the gap is below 0.1 % (bench/RESULTS.md). */
	assert_true(sum / n < 0.01);
	assert_true(worst < 0.06);
}

/* A move is made only when it gains more than the move cost. */
static void test_move_cost(void **state)
{
	(void)state;
	init_g();
	struct alloc_class cl = {NL, V, FIX, G};
	/* Item 0 with person 0 far away (a = 2 h a visit), person 1 near (0.1 h). */
	int32_t cand[2] = {0, 1};
	double a[2] = {2.0, 0.1};
	struct alloc_item it = {.cls = 0,
	                        .base = 0,
	                        .span = 100,
	                        .from = 0,
	                        .pin = -1,
	                        .pin_level = -1,
	                        .ncand = 2,
	                        .cand = cand,
	                        .a = a};
	struct alloc_person ps[2] = {{5, 0}, {5, 0}};
	struct alloc_problem p = {.nitems = 1,
	                          .npersons = 2,
	                          .nclasses = 1,
	                          .items = &it,
	                          .persons = ps,
	                          .classes = &cl,
	                          .move_cost = 1000};
	struct alloc_solution s;
	alloc_solve(&p, NULL, &s);
	assert_int_equal(s.person[0], 0); /* the gain is far below 1 000 */
	assert_int_equal(s.moved, 0);
	alloc_solution_free(&s);
	p.move_cost = 1;
	alloc_solve(&p, NULL, &s);
	assert_int_equal(s.person[0], 1);
	assert_int_equal(s.moved, 1);
	assert_int_equal(s.move[0], AM_CAPACITY);
	alloc_solution_free(&s);
	/* Without a current person: placed where it earns most. */
	it.from = -1;
	alloc_solve(&p, NULL, &s);
	assert_int_equal(s.person[0], 1);
	assert_int_equal(s.move[0], AM_PLACED);
	alloc_solution_free(&s);
}

/* A solution given back as everyone's current person is kept as it is. */
static void test_stable(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		struct inst x;
		random_inst(&x, 60, 4, seed, 0.4, 2);
		struct alloc_solution s, t;
		alloc_solve(&x.p, NULL, &s);
		for (int i = 0; i < x.p.nitems; i++)
			x.it[i].from = s.person[i];
		alloc_solve(&x.p, NULL, &t);
		for (int i = 0; i < x.p.nitems; i++) {
			assert_int_equal(t.person[i], s.person[i]);
			assert_int_equal(t.level[i], s.level[i]);
		}
		assert_int_equal(t.moved, 0);
		alloc_solution_free(&s);
		alloc_solution_free(&t);
		inst_free(&x);
	}
}

/* A pin holds the person (and the level), even over capacity. */
static void test_pins(void **state)
{
	(void)state;
	struct inst x;
	random_inst(&x, 8, 2, 3, 0.3, 0);
	x.it[0].pin = 1;
	x.it[0].pin_level = NL - 1; /* 8 visits */
	x.ps[1].cap = 1;            /* far too little */
	struct alloc_solution s;
	alloc_solve(&x.p, NULL, &s);
	assert_int_equal(s.person[0], 1);
	assert_int_equal(s.level[0], NL - 1);
	assert_true(s.load[1] > x.ps[1].cap); /* over, because of the pin */
	for (int i = 1; i < 8; i++) /* no room for anything else: only the hourless level */
		assert_true(s.person[i] != 1 || s.hours[i] == 0);
	alloc_solution_free(&s);
	inst_free(&x);
}

/* Loads of a group using at least half its hours end within the band. */
static void test_balance(void **state)
{
	(void)state;
	init_g();
	/* Calls only (no travel): 40 items all with person 0 at first. */
	static const double v[2] = {0, 0}, fix[2] = {0, 1}, g[2] = {0, 0.5};
	struct alloc_class cl = {2, v, fix, g};
	enum { N = 40 };
	struct alloc_item it[N];
	int32_t cand[2] = {0, 1};
	double a[2] = {-1, -1};
	for (int i = 0; i < N; i++)
		it[i] = (struct alloc_item){.cls = 0,
		                            .base = 1,
		                            .span = 1,
		                            .from = 0,
		                            .pin = -1,
		                            .pin_level = -1,
		                            .ncand = 2,
		                            .cand = cand,
		                            .a = a};
	/* 40 h of calls for 60 h: person 0 can hold 30 h, so 10 move for room
	 * (capacity); then loads of 100 % and 33 % are evened out (balance). */
	struct alloc_person ps[2] = {{30, 0}, {30, 0}};
	struct alloc_problem p = {.nitems = N,
	                          .npersons = 2,
	                          .nclasses = 1,
	                          .items = it,
	                          .persons = ps,
	                          .classes = &cl,
	                          .move_cost = 0.1,
	                          .balance = 0.1};
	struct alloc_solution s;
	alloc_solve(&p, NULL, &s);
	check_solution(&p, &s);
	double mean = (s.load[0] + s.load[1]) / 2;
	assert_true(fabs(s.load[0] - mean) <= 0.1 * mean + 1e-9);
	assert_true(fabs(s.load[1] - mean) <= 0.1 * mean + 1e-9);
	int bal = 0, cap = 0;
	for (int i = 0; i < N; i++) {
		bal += s.move[i] == AM_BALANCE;
		cap += s.move[i] == AM_CAPACITY;
	}
	assert_int_equal(cap, 10);
	assert_true(bal >= 8);
	alloc_solution_free(&s);
	p.balance = 0; /* off: only the moves for room */
	alloc_solve(&p, NULL, &s);
	assert_int_equal(s.moved, 10);
	alloc_solution_free(&s);
	/* With room to spare (loads under half the hours) nobody is moved to even out. */
	ps[0].cap = ps[1].cap = 100;
	p.balance = 0.1;
	alloc_solve(&p, NULL, &s);
	assert_int_equal(s.moved, 0);
	alloc_solution_free(&s);
}

/* Capacity values: more hours never lower the value, and at the person's
 * own capacity it is what the solution gives. */
static void test_person_values(void **state)
{
	(void)state;
	struct inst x;
	random_inst(&x, 30, 2, 9, 0.3, 0);
	struct alloc_solution s;
	alloc_solve(&x.p, NULL, &s);
	for (int q = 0; q < 2; q++) {
		double cap = x.ps[q].cap, caps[4] = {cap, cap + 1, cap * 1.5, cap * 10}, vals[4];
		alloc_person_values(&x.p, &s, q, caps, 4, vals);
		double mine = 0;
		for (int i = 0; i < x.p.nitems; i++)
			if (s.person[i] == q)
				mine += s.value[i];
		assert_true(fabs(vals[0] - mine) < 1e-6 * (mine + 1));
		assert_true(vals[1] >= vals[0] - 1e-9 && vals[2] >= vals[1] - 1e-9 &&
		            vals[3] >= vals[2] - 1e-9);
		assert_true(vals[3] > vals[0]); /* capacity binds */
	}
	alloc_solution_free(&s);
	inst_free(&x);
}

/* The levels worth considering: ascending hours, rising value. */
static void test_pair_levels(void **state)
{
	(void)state;
	init_g();
	/* A level with more hours and less value than another is left out. */
	static const double v[4] = {0, 1, 2, 3}, fix[4] = {0, 1, 0.5, 2},
	                    g[4] = {0, 0.3, 0.4, 0.35};
	struct alloc_class cl = {4, v, fix, g};
	int32_t cand[2] = {0, 1};
	double a[2] = {0.1, -1};
	struct alloc_item it = {.cls = 0,
	                        .base = 0,
	                        .span = 10,
	                        .from = -1,
	                        .pin = -1,
	                        .pin_level = -1,
	                        .ncand = 2,
	                        .cand = cand,
	                        .a = a};
	struct alloc_person ps[2] = {{10, 0}, {10, 0}};
	struct alloc_problem p = {
	    .nitems = 1, .npersons = 2, .nclasses = 1, .items = &it, .persons = ps, .classes = &cl};
	int out[4];
	int n = alloc_pair_levels(&p, 0, 0, out, 4);
	/* hours: l0 0, l1 1.1, l2 0.7, l3 2.3; values 0, 3, 4, 3.5 -> l0, l2. */
	assert_int_equal(n, 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	/* Person 1 cannot visit: only the level without visits. */
	n = alloc_pair_levels(&p, 0, 1, out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 0);
	assert_true(alloc_hours(&p, 0, 1, 1) < 0);
}

/* The model in CPLEX LP format: one binary per item, person and level worth
 * considering, one assignment row per item, one capacity row per person. */
static void test_lpmodel(void **state)
{
	(void)state;
	struct inst x;
	random_inst(&x, 5, 2, 4, 0.5, 3);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(lpmodel_write(f, &x.p, 1, "test"), 0);
	fclose(f);
	assert_non_null(strstr(buf, "\\ test\n"));
	assert_non_null(strstr(buf, "Maximize\n obj:"));
	assert_non_null(strstr(buf, "Subject To\n one0:"));
	assert_non_null(strstr(buf, " cap0:"));
	assert_non_null(strstr(buf, " cap1:"));
	assert_non_null(strstr(buf, "\nBinary\n"));
	assert_non_null(strstr(buf, "\nEnd\n"));
	/* Every variable of the objective is declared binary. */
	int nvars = 0;
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 2; k++) {
			int lev[NL];
			int m = alloc_pair_levels(&x.p, i, k, lev, NL);
			for (int j = 0; j < m; j++) {
				char name[32];
				snprintf(name, sizeof(name), " x%d_%d_%d", i, k, lev[j]);
				const char *bin = strstr(buf, "Binary");
				assert_non_null(strstr(bin, name));
				nvars++;
			}
		}
	assert_true(nvars >= 10);
	free(buf);
	inst_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_person),    cmocka_unit_test(test_random_exhaustive),
	    cmocka_unit_test(test_move_cost),     cmocka_unit_test(test_stable),
	    cmocka_unit_test(test_pins),          cmocka_unit_test(test_balance),
	    cmocka_unit_test(test_person_values), cmocka_unit_test(test_pair_levels),
	    cmocka_unit_test(test_lpmodel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
