/* test-vrp.c — covers src/core/vrp.c (the optimizer), src/core/vrp-check.c
 * (the independent checker) and src/io/solomon.c: optimum against brute
 * force on small instances (mandatory and optional visits), determinism for
 * a fixed seed (also with solves running at once in threads), breaks, vehicle ranges, the checker
 * catching each kind of violation, and short runs on Solomon instances. Every solution the
 * optimizer produces here goes through vrp_check. */
#include "testutil.h"

#include <math.h>
#include <pthread.h>

#include "core/vrp-check.h"
#include "core/vrp.h"
#include "io/solomon.h"

/* ---- small random instances ---------------------------------------------- */

struct inst {
	int n; /* customers; location 0 is the depot, customer i at location i + 1 */
	double x[16], y[16];
	struct vrp_node node[16];
	struct vrp_vehicle veh[8];
	int nveh;
};

static void euclid(void *ctx, int a, int b, double *time, double *cost)
{
	const struct inst *in = ctx;
	*time = *cost = hypot(in->x[a] - in->x[b], in->y[a] - in->y[b]);
}

/* Asymmetric costs (time is Euclidean, cost is not symmetric). */
static void skewed(void *ctx, int a, int b, double *time, double *cost)
{
	const struct inst *in = ctx;
	*time = hypot(in->x[a] - in->x[b], in->y[a] - in->y[b]);
	*cost = *time * (a < b ? 1.0 : 1.6) + 0.5;
}

static uint64_t lcg;
static double urand(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) * 0x1.0p-53;
}

/* n customers, nveh vehicles; tight windows when `tight`; optional visits
 * with penalties when `optional`. */
static void make_inst(struct inst *in, uint64_t seed, int n, int nveh, int tight, int optional)
{
	memset(in, 0, sizeof(*in));
	lcg = seed;
	in->n = n;
	in->nveh = nveh;
	in->x[0] = 50;
	in->y[0] = 50;
	for (int i = 0; i < n; i++) {
		in->x[i + 1] = urand() * 100;
		in->y[i + 1] = urand() * 100;
		double dist = hypot(in->x[i + 1] - 50, in->y[i + 1] - 50);
		double open = urand() * 300;
		if (open < dist)
			open = dist;
		double width = tight ? 20 + urand() * 60 : 400;
		in->node[i] =
		    (struct vrp_node){.loc = i + 1,
		                      .demand = 1 + (int)(urand() * 9),
		                      .ready = open,
		                      .due = open + width,
		                      .service = 10,
		                      .penalty = optional ? 20 + urand() * 150 : VRP_MANDATORY,
		                      .vmin = 0,
		                      .vmax = nveh - 1};
	}
	for (int v = 0; v < nveh; v++)
		in->veh[v] = (struct vrp_vehicle){
		    .start_loc = 0, .end_loc = 0, .start = 0, .end = 600, .capacity = 20};
}

static struct vrp_problem problem_of(struct inst *in, vrp_travel_fn fn)
{
	return (struct vrp_problem){.nloc = in->n + 1,
	                            .nnodes = in->n,
	                            .nodes = in->node,
	                            .nvehicles = in->nveh,
	                            .vehicles = in->veh,
	                            .travel = fn,
	                            .travel_ctx = in};
}

/* ---- brute force ------------------------------------------------------------ */

/* Cheapest feasible single route (vehicle 0's data) through exactly the
 * customers in mask: tries every order. HUGE_VAL when none. */
static double bf_perm(const struct vrp_problem *p, int *seq, int k, int len, double *best)
{
	if (k == len) {
		const struct vrp_vehicle *w = &p->vehicles[0];
		double tm = w->start, cost = 0, load = 0;
		int here = w->start_loc;
		for (int i = 0; i < len; i++) {
			const struct vrp_node *x = &p->nodes[seq[i]];
			double t, c;
			p->travel(p->travel_ctx, here, x->loc, &t, &c);
			tm += t;
			cost += c;
			here = x->loc;
			if (tm < x->ready)
				tm = x->ready;
			if (tm > x->due + 1e-9)
				return *best;
			tm += x->service;
			load += x->demand;
		}
		double t, c;
		p->travel(p->travel_ctx, here, w->end_loc, &t, &c);
		if (tm + t > w->end + 1e-9 || load > w->capacity + 1e-9)
			return *best;
		if (cost + c < *best)
			*best = cost + c;
		return *best;
	}
	for (int i = k; i < len; i++) {
		int tmp = seq[k];
		seq[k] = seq[i];
		seq[i] = tmp;
		bf_perm(p, seq, k + 1, len, best);
		seq[i] = seq[k];
		seq[k] = tmp;
	}
	return *best;
}

/* The optimum of cost + penalties over identical vehicles, by enumeration:
 * the best single route per subset, then the best split of the served set
 * into at most nveh routes. HUGE_VAL when mandatory visits cannot all be
 * served. */
static double brute_force(const struct vrp_problem *p)
{
	int n = p->nnodes, full = 1 << n;
	double *route = malloc(full * sizeof(double));
	double *part = malloc((size_t)(p->nvehicles + 1) * full * sizeof(double));
	route[0] = 0;
	for (int m = 1; m < full; m++) {
		int seq[16], len = 0;
		for (int i = 0; i < n; i++)
			if (m >> i & 1)
				seq[len++] = i;
		double best = HUGE_VAL;
		route[m] = bf_perm(p, seq, 0, len, &best);
	}
	/* part[k][m]: cheapest cover of m with at most k routes */
	for (int k = 0; k <= p->nvehicles; k++)
		for (int m = 0; m < full; m++) {
			double *cell = &part[(size_t)k * full + m];
			if (m == 0) {
				*cell = 0;
				continue;
			}
			*cell = HUGE_VAL;
			if (k == 0)
				continue;
			int low = m & -m;
			for (int sub = m; sub; sub = (sub - 1) & m) {
				if (!(sub & low) || route[sub] == HUGE_VAL)
					continue;
				double rest = part[(size_t)(k - 1) * full + (m ^ sub)];
				if (route[sub] + rest < *cell)
					*cell = route[sub] + rest;
			}
		}
	double best = HUGE_VAL;
	for (int m = 0; m < full; m++) {
		double pen = 0;
		int ok = 1;
		for (int i = 0; i < n; i++)
			if (!(m >> i & 1)) {
				if (p->nodes[i].penalty < 0)
					ok = 0;
				else
					pen += p->nodes[i].penalty;
			}
		double c = part[(size_t)p->nvehicles * full + m];
		if (ok && c + pen < best)
			best = c + pen;
	}
	free(route);
	free(part);
	return best;
}

static void solve_checked(const struct vrp_problem *p, const struct vrp_options *o,
                          struct vrp_solution *sol)
{
	char *cause = NULL;
	assert_int_equal(vrp_solve(p, o, sol, &cause), 0);
	assert_null(cause);
	struct vrp_check chk;
	int rc = vrp_check(p, sol, &chk);
	if (rc != 0)
		fail_msg("checker: %s", chk.msg);
	assert_true(fabs(chk.cost - sol->cost) < 1e-6);
}

static void compare_with_brute_force(int tight, int optional, vrp_travel_fn fn)
{
	int tested = 0;
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct inst in;
		int n = 5 + (int)(seed % 4); /* 5..8 customers */
		make_inst(&in, seed * 7919, n, 3, tight, optional);
		struct vrp_problem p = problem_of(&in, fn);
		double opt = brute_force(&p);
		struct vrp_options o = {.seed = seed, .max_iterations = 3000};
		struct vrp_solution sol;
		solve_checked(&p, &o, &sol);
		if (opt == HUGE_VAL) {
			assert_true(sol.mandatory_unserved > 0);
		} else {
			tested++;
			assert_int_equal(sol.mandatory_unserved, 0);
			double got = sol.cost + sol.penalty;
			if (fabs(got - opt) > 1e-6)
				fail_msg("seed %d, %d customers: optimizer %.6f, optimum %.6f",
				         (int)seed, n, got, opt);
		}
		vrp_solution_free(&sol);
	}
	assert_true(tested >= 20);
}

static void test_brute_force_wide(void **state)
{
	(void)state;
	compare_with_brute_force(0, 0, euclid);
}

static void test_brute_force_tight(void **state)
{
	(void)state;
	compare_with_brute_force(1, 0, euclid);
}

static void test_brute_force_optional(void **state)
{
	(void)state;
	compare_with_brute_force(1, 1, euclid);
}

static void test_brute_force_asymmetric(void **state)
{
	(void)state;
	compare_with_brute_force(1, 0, skewed);
}

/* ---- determinism -------------------------------------------------------------- */

static void test_deterministic(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 4242, 15, 6, 1, 0);
	struct vrp_problem p = problem_of(&in, euclid);
	struct vrp_options o = {.seed = 99, .max_iterations = 4000};
	struct vrp_solution a, b, c;
	solve_checked(&p, &o, &a);
	solve_checked(&p, &o, &b);
	assert_int_equal(a.iterations, 4000);
	assert_true(a.cost == b.cost);
	assert_int_equal(a.route_start[a.nvehicles], b.route_start[b.nvehicles]);
	assert_memory_equal(a.route_start, b.route_start, (a.nvehicles + 1) * sizeof(int));
	assert_memory_equal(a.order, b.order, a.route_start[a.nvehicles] * sizeof(int));
	/* another seed explores differently (the run is not seed-blind) */
	o.seed = 100;
	o.max_iterations = 50;
	solve_checked(&p, &o, &c);
	assert_int_equal(c.iterations, 50);
	vrp_solution_free(&a);
	vrp_solution_free(&b);
	vrp_solution_free(&c);
}

/* Request threads plan routes at the same time (issue 15): solves running
 * at once in threads give exactly what they give one after the other. */
struct solve_job {
	struct inst in;
	struct vrp_solution sol;
	int rc;
};

static void *solve_main(void *arg)
{
	struct solve_job *j = arg;
	struct vrp_problem p = problem_of(&j->in, euclid);
	struct vrp_options o = {.seed = 7, .max_iterations = 1500};
	char *cause = NULL;
	j->rc = vrp_solve(&p, &o, &j->sol, &cause);
	free(cause);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	enum { N = 4 };
	struct solve_job alone[N], together[N];
	pthread_t t[N];
	for (int i = 0; i < N; i++) {
		make_inst(&alone[i].in, 100 + (uint64_t)i, 9 + 2 * i, 4, i & 1, 0);
		together[i].in = alone[i].in;
		solve_main(&alone[i]);
		assert_int_equal(alone[i].rc, 0);
	}
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&t[i], NULL, solve_main, &together[i]), 0);
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		const struct vrp_solution *a = &alone[i].sol, *b = &together[i].sol;
		assert_int_equal(together[i].rc, 0);
		assert_true(a->cost == b->cost);
		assert_memory_equal(a->route_start, b->route_start,
		                    (a->nvehicles + 1) * sizeof(int));
		assert_memory_equal(a->order, b->order, a->route_start[a->nvehicles] * sizeof(int));
		vrp_solution_free(&alone[i].sol);
		vrp_solution_free(&together[i].sol);
	}
}

/* ---- features the route planner uses -------------------------------------------- */

/* A break without a place: taken where the vehicle is, within its window. */
static void test_break(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 77, 6, 2, 0, 0);
	for (int i = 0; i < 6; i++) {
		in.node[i].ready = 0;
		in.node[i].due = 1000;
		in.node[i].service = 30;
		in.node[i].demand = 1;
	}
	/* one break per vehicle: 45 minutes starting between 100 and 120 */
	for (int v = 0; v < 2; v++)
		in.node[6 + v] = (struct vrp_node){.loc = -1,
		                                   .ready = 100,
		                                   .due = 120,
		                                   .service = 45,
		                                   .penalty = VRP_MANDATORY,
		                                   .vmin = v,
		                                   .vmax = v};
	struct vrp_problem p = problem_of(&in, euclid);
	p.nnodes = 8;
	struct vrp_options o = {.seed = 3, .max_iterations = 2000};
	struct vrp_solution sol;
	solve_checked(&p, &o, &sol);
	assert_int_equal(sol.nunserved, 0);
	for (int v = 0; v < 2; v++) {
		int found = 0;
		for (int k = sol.route_start[v]; k < sol.route_start[v + 1]; k++)
			if (sol.order[k] == 6 + v)
				found = 1;
		assert_true(found);
		/* the times agree with the window */
		int len = sol.route_start[v + 1] - sol.route_start[v];
		double arrive[16], begin[16], dep, back;
		assert_int_equal(vrp_route_times(&p, v, sol.order + sol.route_start[v], len, &dep,
		                                 arrive, begin, &back, NULL, NULL),
		                 0);
		for (int i = 0; i < len; i++)
			if (sol.order[sol.route_start[v] + i] == 6 + v)
				assert_true(begin[i] >= 100 - 1e-9 && begin[i] <= 120 + 1e-9);
	}
	vrp_solution_free(&sol);
}

/* Visits allowed on some vehicles only (days on or after the due day). */
static void test_vehicle_ranges(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 5, 10, 4, 0, 1);
	for (int i = 0; i < 10; i++) {
		in.node[i].vmin = i % 4;
		in.node[i].vmax = (i % 4) + (i % 2);
		if (in.node[i].vmax > 3)
			in.node[i].vmax = 3;
		in.node[i].penalty = 1000;
	}
	struct vrp_problem p = problem_of(&in, euclid);
	struct vrp_options o = {.seed = 1, .max_iterations = 2000};
	struct vrp_solution sol;
	solve_checked(&p, &o, &sol);
	for (int v = 0; v < 4; v++)
		for (int k = sol.route_start[v]; k < sol.route_start[v + 1]; k++) {
			const struct vrp_node *x = &in.node[sol.order[k]];
			assert_true(v >= x->vmin && v <= x->vmax);
		}
	vrp_solution_free(&sol);
}

/* A priority objective: with room for one visit only, the bigger prize wins. */
static void test_priorities(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 9, 3, 1, 0, 1);
	for (int i = 0; i < 3; i++) {
		in.node[i].ready = 0;
		in.node[i].due = 1000;
		in.node[i].service = 200;
	}
	in.veh[0].end = 330; /* one 200-minute visit fits, two do not */
	in.node[0].penalty = 1e6;
	in.node[1].penalty = 4e6; /* the one to serve */
	in.node[2].penalty = 2e6;
	struct vrp_problem p = problem_of(&in, euclid);
	struct vrp_options o = {.seed = 1, .max_iterations = 300};
	struct vrp_solution sol;
	solve_checked(&p, &o, &sol);
	assert_int_equal(sol.route_start[1], 1);
	assert_int_equal(sol.order[0], 1);
	assert_int_equal(sol.nunserved, 2);
	assert_true(fabs(sol.penalty - 3e6) < 1e-6);
	vrp_solution_free(&sol);
}

static void test_bad_problems(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 1, 4, 2, 0, 0);
	struct vrp_problem p = problem_of(&in, euclid);
	struct vrp_solution sol;
	char *cause = NULL;
	struct vrp_options none = {.seed = 1};
	assert_int_equal(vrp_solve(&p, &none, &sol, &cause), -1);
	assert_non_null(strstr(cause, "limit"));
	free(cause);
	cause = NULL;
	struct vrp_options o = {.seed = 1, .max_iterations = 10};
	in.node[2].loc = 99;
	assert_int_equal(vrp_solve(&p, &o, &sol, &cause), -1);
	free(cause);
	cause = NULL;
	in.node[2].loc = -1; /* a break that may ride any vehicle */
	assert_int_equal(vrp_solve(&p, &o, &sol, &cause), -1);
	assert_non_null(strstr(cause, "break"));
	free(cause);
	/* an unreachable mandatory visit is reported, not an error */
	in.node[2].loc = 3;
	in.node[2].ready = in.node[2].due = 5000;
	assert_int_equal(vrp_solve(&p, &o, &sol, &cause), 0);
	assert_int_equal(sol.mandatory_unserved, 1);
	assert_int_equal(sol.nunserved, 1);
	assert_int_equal(sol.unserved[0], 2);
	struct vrp_check chk;
	assert_int_equal(vrp_check(&p, &sol, &chk), -1);
	assert_non_null(strstr(chk.msg, "mandatory visit 2"));
	vrp_solution_free(&sol);
}

/* ---- the checker ------------------------------------------------------------------ */

static void test_checker_catches(void **state)
{
	(void)state;
	struct inst in;
	make_inst(&in, 11, 4, 2, 0, 0);
	for (int i = 0; i < 4; i++) {
		in.node[i].ready = 0;
		in.node[i].due = 500;
		in.node[i].demand = 5;
	}
	struct vrp_problem p = problem_of(&in, euclid);
	int start[3] = {0, 2, 4}, order[4] = {0, 1, 2, 3}, unserved[4];
	struct vrp_solution s = {
	    .nvehicles = 2, .route_start = start, .order = order, .unserved = unserved};
	struct vrp_check r;
	/* a valid one first */
	assert_int_equal(vrp_check(&p, &s, &r), -1); /* cost 0 claimed */
	assert_non_null(strstr(r.msg, "cost"));
	s.cost = r.cost;
	assert_int_equal(vrp_check(&p, &s, &r), 0);
	assert_int_equal(r.vehicles_used, 2);
	assert_int_equal(r.served, 4);
	/* served twice */
	order[1] = 0;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "more than once"));
	order[1] = 1;
	/* left out without being listed */
	start[2] = 3;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "neither"));
	/* listed unserved but mandatory */
	s.nunserved = 1;
	unserved[0] = 3;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "mandatory"));
	s.nunserved = 0;
	start[2] = 4;
	/* capacity */
	in.veh[0].capacity = 9;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "capacity"));
	in.veh[0].capacity = 20;
	/* time window */
	in.node[1].due = 1;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "window"));
	in.node[1].due = 500;
	/* day length */
	in.veh[1].end = 50;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "back at"));
	in.veh[1].end = 600;
	/* wrong vehicle */
	in.node[3].vmax = 0;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	assert_non_null(strstr(r.msg, "outside its vehicles"));
	in.node[3].vmax = 1;
	/* more routes than vehicles */
	s.nvehicles = 3;
	assert_int_equal(vrp_check(&p, &s, &r), -1);
	s.nvehicles = 2;
	assert_int_equal(vrp_check(&p, &s, &r), 0);
}

/* ---- Solomon ------------------------------------------------------------------------ */

static const char *data_dir(void)
{
	const char *d = getenv("FOKUS_DATA");
	return d && *d ? d : "tests/data";
}

struct sol_ctx {
	const struct solomon *in;
};

static void solomon_travel(void *ctx, int a, int b, double *time, double *cost)
{
	const struct solomon *in = ctx;
	*time = *cost = hypot(in->row[a].x - in->row[b].x, in->row[a].y - in->row[b].y);
}

static void run_solomon(const char *name, double best_known, long iters)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/solomon/%s.txt", data_dir(), name);
	struct solomon in;
	struct ferr err = {0};
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(solomon_read(path, &in, &err), 0);
	assert_int_equal(in.nrows, 101);
	int n = in.nrows - 1;
	struct vrp_node *nodes = calloc(n, sizeof(*nodes));
	struct vrp_vehicle *veh = calloc(in.vehicles, sizeof(*veh));
	for (int i = 0; i < n; i++) {
		const struct solomon_row *r = &in.row[i + 1];
		nodes[i] = (struct vrp_node){.loc = i + 1,
		                             .demand = r->demand,
		                             .ready = r->ready,
		                             .due = r->due,
		                             .service = r->service,
		                             .penalty = VRP_MANDATORY,
		                             .vmax = in.vehicles - 1};
	}
	for (int v = 0; v < in.vehicles; v++)
		veh[v] = (struct vrp_vehicle){
		    .start = in.row[0].ready, .end = in.row[0].due, .capacity = in.capacity};
	struct vrp_problem p = {.nloc = in.nrows,
	                        .nnodes = n,
	                        .nodes = nodes,
	                        .nvehicles = in.vehicles,
	                        .vehicles = veh,
	                        .travel = solomon_travel,
	                        .travel_ctx = &in};
	struct vrp_options o = {.seed = 5, .max_iterations = iters};
	struct vrp_solution sol;
	solve_checked(&p, &o, &sol);
	assert_int_equal(sol.nunserved, 0);
	/* a short run lands within 5 % of the best known distance */
	if (sol.cost > best_known * 1.05)
		fail_msg("%s: %.2f is more than 5 %% above %.2f", name, sol.cost, best_known);
	vrp_solution_free(&sol);
	free(nodes);
	free(veh);
	solomon_free(&in);
}

static void test_solomon_c101(void **state)
{
	(void)state;
	run_solomon("C101", 828.94, 3000);
}

static void test_solomon_r105(void **state)
{
	(void)state;
	run_solomon("R105", 1360.78, 3000);
}

static void test_solomon_rc208(void **state)
{
	(void)state;
	run_solomon("RC208", 779.31, 3000);
}

static void test_solomon_reader_errors(void **state)
{
	(void)state;
	struct solomon in;
	struct ferr err = {0};
	const char *bad =
	    "X\n\nVEHICLE\nNUMBER CAPACITY\n 3 100\nCUSTOMER\n 0 1 2 0 0 100 0\n 1 5 5 10 0\n";
	assert_int_equal(solomon_read(tu_tmpfile(".txt", bad, strlen(bad)), &in, &err), -1);
	assert_int_equal(err.line, 8);
	const char *nofleet = "X\nCUSTOMER\n";
	assert_int_equal(solomon_read(tu_tmpfile(".txt", nofleet, strlen(nofleet)), &in, &err), -1);
	const char *twice = "X\nVEHICLE\n 3 100\n 0 1 2 0 0 100 0\n 0 5 5 10 0 50 1\n";
	assert_int_equal(solomon_read(tu_tmpfile(".txt", twice, strlen(twice)), &in, &err), -1);
	assert_non_null(strstr(err.msg, "twice"));
	const char *good = "TINY\r\nVEHICLE\r\nNUMBER CAPACITY\r\n 2 10\r\nCUSTOMER\r\n"
	                   " 0 0 0 0 0 100 0\r\n 7 3 4 5 0 50 2\r\n";
	assert_int_equal(solomon_read(tu_tmpfile(".txt", good, strlen(good)), &in, &err), 0);
	assert_string_equal(in.name, "TINY");
	assert_int_equal(in.vehicles, 2);
	assert_int_equal(in.nrows, 2);
	assert_int_equal(in.row[1].id, 7);
	assert_true(in.row[1].service == 2);
	solomon_free(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_brute_force_wide),
	    cmocka_unit_test(test_brute_force_tight),
	    cmocka_unit_test(test_brute_force_optional),
	    cmocka_unit_test(test_brute_force_asymmetric),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_break),
	    cmocka_unit_test(test_vehicle_ranges),
	    cmocka_unit_test(test_priorities),
	    cmocka_unit_test(test_bad_problems),
	    cmocka_unit_test(test_checker_catches),
	    cmocka_unit_test(test_solomon_c101),
	    cmocka_unit_test(test_solomon_r105),
	    cmocka_unit_test(test_solomon_rc208),
	    cmocka_unit_test(test_solomon_reader_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
