/* vrp.c — the vehicle-routing optimizer of vrp.h.
 *
 * Representation: every route is an array of node ids framed by two pseudo
 * nodes (the vehicle's start and end, ids n + 2v and n + 2v + 1), with per
 * position the earliest service start E (forward), the latest service start
 * L that keeps the rest of the route feasible (backward), the effective
 * location (a break has none: it takes the previous stop's) and the next
 * located position. With these, inserting a node anywhere is checked in
 * constant time (Savelsbergh's forward/backward slack).
 *
 * Search: all nodes start unserved; a greedy insertion builds the first
 * solution; then each iteration ruins the current solution by removing
 * strings of consecutive visits around a random seed visit in nearby routes
 * (SISR: Christiaens & Vanden Berghe, Transportation Science 2020) and
 * recreates it by cheapest insertion with blinks, in a randomly chosen order.
 * Simulated annealing with an exponentially falling temperature decides
 * whether the result replaces the current solution. Each new best solution
 * is polished by a local search (relocate, swap, 2-opt*, 2-opt within a
 * route). Only the caller's seed feeds the random generator (core/rng.h).
 * The operators are in vrp-ops.c; the state both share in vrp-int.h. */
#include "core/vrp.h"
#include "core/vrp-int.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xmalloc.h"

/* ---- setup ---------------------------------------------------------------- */

static double clock_seconds(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now_seconds(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

static double cpu_seconds(void)
{
	return clock_seconds(CLOCK_THREAD_CPUTIME_ID);
}

static int check_problem(const struct vrp_problem *p, const struct vrp_options *o, char **cause)
{
	if (!o || (o->time_limit <= 0 && o->max_iterations <= 0)) {
		*cause = xstrdup("the optimizer needs a time limit or an iteration limit");
		return -1;
	}
	if (p->nloc <= 0 || p->nvehicles <= 0 || p->nnodes < 0 || !p->travel) {
		*cause = xstrdup("the routing problem needs places, vehicles and a travel source");
		return -1;
	}
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vrp_vehicle *w = &p->vehicles[v];
		if (w->start_loc < 0 || w->start_loc >= p->nloc || w->end_loc < 0 ||
		    w->end_loc >= p->nloc || !(w->start <= w->end)) {
			*cause = xasprintf("vehicle %d has a bad place or working time", v);
			return -1;
		}
	}
	for (int i = 0; i < p->nnodes; i++) {
		const struct vrp_node *x = &p->nodes[i];
		if (x->loc < -1 || x->loc >= p->nloc || x->vmin < 0 || x->vmax >= p->nvehicles ||
		    x->demand < 0 || x->service < 0 || isnan(x->ready) || isnan(x->due) ||
		    isnan(x->penalty)) {
			*cause = xasprintf("visit %d has a bad place, vehicle range or value", i);
			return -1;
		}
		if (x->loc < 0 && (x->vmin != x->vmax || x->penalty >= 0)) {
			*cause =
			    xasprintf("break %d must be mandatory and belong to one vehicle", i);
			return -1;
		}
	}
	return 0;
}

static void read_matrices(struct solver *s)
{
	const struct vrp_problem *p = s->p;
	int nl = s->nloc;
	s->T = xmalloc((size_t)nl * nl * sizeof(double));
	s->C = xmalloc((size_t)nl * nl * sizeof(double));
	for (int a = 0; a < nl; a++)
		for (int b = 0; b < nl; b++) {
			double t = 0, c = 0;
			if (a != b)
				p->travel(p->travel_ctx, a, b, &t, &c);
			s->T[(size_t)a * nl + b] = t;
			s->C[(size_t)a * nl + b] = c;
		}
}

static void read_nodes(struct solver *s)
{
	const struct vrp_problem *p = s->p;
	int na = s->nall;
	s->loc = xmalloc(na * sizeof(int));
	s->vmin = xmalloc(na * sizeof(int));
	s->vmax = xmalloc(na * sizeof(int));
	s->ready = xmalloc(na * sizeof(double));
	s->due = xmalloc(na * sizeof(double));
	s->svc = xmalloc(na * sizeof(double));
	s->dem = xmalloc(na * sizeof(double));
	s->pen = xmalloc(na * sizeof(double));
	double maxc = 0, optsum = 0;
	for (size_t i = 0; i < (size_t)s->nloc * s->nloc; i++)
		if (s->C[i] > maxc)
			maxc = s->C[i];
	for (int i = 0; i < s->n; i++) {
		const struct vrp_node *x = &p->nodes[i];
		s->loc[i] = x->loc;
		s->vmin[i] = x->vmin;
		s->vmax[i] = x->vmax;
		s->ready[i] = x->ready;
		s->due[i] = x->due;
		s->svc[i] = x->service;
		s->dem[i] = x->demand;
		if (x->penalty >= 0)
			optsum += x->penalty;
	}
	s->bigm = 10.0 * (maxc + 1.0) * (s->n + 2.0 * s->nv + 1.0) + 10.0 * optsum;
	for (int i = 0; i < s->n; i++)
		s->pen[i] = p->nodes[i].penalty >= 0 ? p->nodes[i].penalty : s->bigm;
	s->cap = xmalloc(s->nv * sizeof(double));
	s->vclass = xmalloc(s->nv * sizeof(int));
	for (int v = 0; v < s->nv; v++) {
		const struct vrp_vehicle *w = &p->vehicles[v];
		for (int k = 0; k < 2; k++) {
			int id = s->n + 2 * v + k;
			s->loc[id] = k ? w->end_loc : w->start_loc;
			s->vmin[id] = s->vmax[id] = v;
			s->ready[id] = w->start;
			s->due[id] = w->end;
			s->svc[id] = 0;
			s->dem[id] = 0;
			s->pen[id] = 0;
		}
		s->cap[v] = w->capacity;
		s->vclass[v] = v;
		for (int u = 0; u < v; u++) {
			const struct vrp_vehicle *x = &p->vehicles[u];
			if (x->start_loc == w->start_loc && x->end_loc == w->end_loc &&
			    x->start == w->start && x->end == w->end &&
			    x->capacity == w->capacity) {
				s->vclass[v] = s->vclass[u];
				break;
			}
		}
	}
	/* A vehicle owning a break is never interchangeable. */
	for (int i = 0; i < s->n; i++)
		if (s->loc[i] < 0)
			s->vclass[s->vmin[i]] = -1 - s->vmin[i];
}

/* Who is nearer to a node: qsort_r's context (no file-scope state: request
 * threads plan routes at the same time). */
struct nearness {
	const struct solver *s;
	int node;
};

static int by_nearness(const void *a, const void *b, void *arg)
{
	const struct nearness *k = arg;
	const struct solver *s = k->s;
	int x = *(const int *)a, y = *(const int *)b;
	int lc = s->loc[k->node];
	double dx = s->C[(size_t)lc * s->nloc + s->loc[x]] + s->C[(size_t)s->loc[x] * s->nloc + lc];
	double dy = s->C[(size_t)lc * s->nloc + s->loc[y]] + s->C[(size_t)s->loc[y] * s->nloc + lc];
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x - y;
}

/* Neighbour lists over the located nodes (breaks are never ruined). */
static void build_adjacency(struct solver *s)
{
	int n = s->n;
	int *cand = xmalloc((n + 1) * sizeof(int));
	int nc = 0;
	for (int i = 0; i < n; i++)
		if (s->loc[i] >= 0)
			cand[nc++] = i;
	s->adjn = nc;
	s->adj = xmalloc(((size_t)n * nc + 1) * sizeof(int));
	for (int i = 0; i < n; i++) {
		int *a = s->adj + (size_t)i * nc;
		if (s->loc[i] < 0)
			continue;
		memcpy(a, cand, nc * sizeof(int));
		struct nearness near = {s, i};
		qsort_r(a, nc, sizeof(int), by_nearness, &near);
		/* the node itself first */
		for (int k = 0; k < nc; k++)
			if (a[k] == i) {
				memmove(a + 1, a, k * sizeof(int));
				a[0] = i;
				break;
			}
	}
	free(cand);
}

static void sol_init(struct solver *s, struct sol *x)
{
	x->r = xcalloc(s->nv, sizeof(struct rt));
	for (int v = 0; v < s->nv; v++) {
		struct rt *t = &x->r[v];
		size_t m = (size_t)s->maxlen;
		t->seq = xmalloc(m * sizeof(int));
		t->E = xmalloc(m * sizeof(double));
		t->L = xmalloc(m * sizeof(double));
		t->eloc = xmalloc(m * sizeof(int));
		t->nxt = xmalloc(m * sizeof(int));
	}
	x->route_of = xmalloc((s->n + 1) * sizeof(int));
	x->pos_of = xmalloc((s->n + 1) * sizeof(int));
}

static void sol_free(struct solver *s, struct sol *x)
{
	if (!x->r)
		return;
	for (int v = 0; v < s->nv; v++) {
		free(x->r[v].seq);
		free(x->r[v].E);
		free(x->r[v].L);
		free(x->r[v].eloc);
		free(x->r[v].nxt);
	}
	free(x->r);
	free(x->route_of);
	free(x->pos_of);
}

static void rt_copy(struct rt *d, const struct rt *a)
{
	size_t m = (size_t)a->len + 2;
	d->len = a->len;
	memcpy(d->seq, a->seq, m * sizeof(int));
	memcpy(d->E, a->E, m * sizeof(double));
	memcpy(d->L, a->L, m * sizeof(double));
	memcpy(d->eloc, a->eloc, m * sizeof(int));
	memcpy(d->nxt, a->nxt, m * sizeof(int));
	d->load = a->load;
	d->cost = a->cost;
	d->ncust = a->ncust;
	d->bad = a->bad;
}

static void sol_copy(struct solver *s, struct sol *d, const struct sol *a)
{
	for (int v = 0; v < s->nv; v++)
		rt_copy(&d->r[v], &a->r[v]);
	memcpy(d->route_of, a->route_of, s->n * sizeof(int));
	memcpy(d->pos_of, a->pos_of, s->n * sizeof(int));
	d->arc = a->arc;
	d->pen = a->pen;
}

/* ---- the search ------------------------------------------------------------- */

static void solver_free(struct solver *s)
{
	free(s->T);
	free(s->C);
	free(s->loc);
	free(s->vmin);
	free(s->vmax);
	free(s->ready);
	free(s->due);
	free(s->svc);
	free(s->dem);
	free(s->pen);
	free(s->cap);
	free(s->vclass);
	free(s->adj);
	sol_free(s, &s->cur);
	sol_free(s, &s->work);
	sol_free(s, &s->best);
	free(s->removed);
	free(s->ruined);
	free(s->dirty);
	free(s->isdirty);
	free(s->class_seen);
	free(s->key);
}

static void initial_solution(struct solver *s, struct sol *x)
{
	x->arc = 0;
	x->pen = 0;
	for (int i = 0; i < s->n; i++) {
		x->route_of[i] = -1;
		x->pen += s->pen[i];
	}
	for (int v = 0; v < s->nv; v++) {
		x->r[v].len = 0;
		x->r[v].cost = 0;
		vrp_rt_update(s, x, v);
	}
	/* breaks first, each on its own vehicle */
	for (int i = 0; i < s->n; i++) {
		if (s->loc[i] >= 0)
			continue;
		int v, p;
		double d;
		if (vrp_best_insertion(s, x, i, 0, &v, &p, &d))
			vrp_rt_insert(s, x, v, p, i);
	}
	s->nremoved = 0;
	vrp_recreate(s, x, 0);
}

/* Copies the routes changed in this iteration from a to b. */
static void sync_dirty(struct solver *s, struct sol *d, const struct sol *a)
{
	for (int k = 0; k < s->ndirty; k++)
		rt_copy(&d->r[s->dirty[k]], &a->r[s->dirty[k]]);
	memcpy(d->route_of, a->route_of, s->n * sizeof(int));
	memcpy(d->pos_of, a->pos_of, s->n * sizeof(int));
	d->arc = a->arc;
	d->pen = a->pen;
}

static void clear_dirty(struct solver *s)
{
	for (int k = 0; k < s->ndirty; k++)
		s->isdirty[s->dirty[k]] = 0;
	s->ndirty = 0;
}

static void export_solution(struct solver *s, const struct sol *x, struct vrp_solution *out)
{
	memset(out, 0, sizeof(*out));
	out->nvehicles = s->nv;
	out->route_start = xmalloc((s->nv + 1) * sizeof(int));
	out->order = xmalloc((s->n + 1) * sizeof(int));
	out->unserved = xmalloc((s->n + 1) * sizeof(int));
	int k = 0;
	for (int v = 0; v < s->nv; v++) {
		out->route_start[v] = k;
		for (int p = 1; p <= x->r[v].len; p++)
			out->order[k++] = x->r[v].seq[p];
	}
	out->route_start[s->nv] = k;
	for (int i = 0; i < s->n; i++)
		if (x->route_of[i] < 0) {
			out->unserved[out->nunserved++] = i;
			if (s->p->nodes[i].penalty >= 0)
				out->penalty += s->p->nodes[i].penalty;
			else
				out->mandatory_unserved++;
		}
	/* the arc cost, summed afresh in route order */
	double cost = 0;
	for (int v = 0; v < s->nv; v++)
		cost += x->r[v].cost;
	out->cost = cost;
}

int vrp_solve(const struct vrp_problem *p, const struct vrp_options *opt, struct vrp_solution *out,
              char **cause)
{
	memset(out, 0, sizeof(*out));
	if (check_problem(p, opt, cause) != 0)
		return -1;
	double t0 = now_seconds(), c0 = cpu_seconds();
	double (*clock_fn)(void) = opt->cpu_time ? cpu_seconds : now_seconds;
	double l0 = opt->cpu_time ? c0 : t0;
	struct solver S, *s = &S;
	memset(s, 0, sizeof(S));
	s->p = p;
	s->n = p->nnodes;
	s->nv = p->nvehicles;
	s->nall = s->n + 2 * s->nv;
	s->nloc = p->nloc;
	s->maxlen = s->n + 3;
	read_matrices(s);
	read_nodes(s);
	build_adjacency(s);
	rng_seed(&s->rng, opt->seed, 0);
	sol_init(s, &s->cur);
	sol_init(s, &s->work);
	sol_init(s, &s->best);
	s->removed = xmalloc((2 * s->n + 1) * sizeof(int));
	s->key = xmalloc((2 * s->n + 1) * sizeof(double));
	s->ruined = xcalloc(s->nv, sizeof(int));
	s->dirty = xmalloc(s->nv * sizeof(int));
	s->isdirty = xcalloc(s->nv, 1);
	s->class_seen = xmalloc(s->nv * sizeof(int));

	initial_solution(s, &s->cur);
	clear_dirty(s);
	vrp_local_search(s, &s->cur);
	sol_copy(s, &s->work, &s->cur);
	sol_copy(s, &s->best, &s->cur);

	int served = 0, used = 0;
	for (int v = 0; v < s->nv; v++)
		if (s->cur.r[v].ncust > 0) {
			served += s->cur.r[v].ncust;
			used++;
		}
	double avg = served > 0 ? s->cur.arc / (served + used) : 1.0;
	if (avg <= 0)
		avg = 1.0;
	double temp0 = SA_T0 * avg, tempf = SA_TF * avg;
	double cur_total = s->cur.arc + s->cur.pen;
	double best_total = cur_total;
	long it = 0;
	for (;;) {
		double frac = 0;
		if (opt->max_iterations > 0) {
			if (it >= opt->max_iterations)
				break;
			frac = (double)it / opt->max_iterations;
		}
		if (opt->time_limit > 0) {
			double el = clock_fn() - l0;
			if (el >= opt->time_limit)
				break;
			if (el / opt->time_limit > frac)
				frac = el / opt->time_limit;
		}
		if (s->n == 0)
			break;
		double temp = temp0 * pow(tempf / temp0, frac);
		it++;
		vrp_ruin(s, &s->work);
		vrp_recreate(s, &s->work, SISR_BLINK);
		double total = s->work.arc + s->work.pen;
		double thr = cur_total - temp * log(rng_unit(&s->rng) + 1e-300);
		if (total < thr) {
			sync_dirty(s, &s->cur, &s->work);
			cur_total = total;
			if (total < best_total - 1e-9) {
				clear_dirty(s);
				sol_copy(s, &s->best, &s->cur);
				vrp_local_search(s, &s->best);
				best_total = s->best.arc + s->best.pen;
				if (best_total < cur_total - 1e-9) {
					sol_copy(s, &s->cur, &s->best);
					sol_copy(s, &s->work, &s->best);
					cur_total = best_total;
				}
			}
		} else {
			sync_dirty(s, &s->work, &s->cur);
		}
		clear_dirty(s);
	}
	export_solution(s, &s->best, out);
	out->iterations = it;
	out->seconds = now_seconds() - t0;
	out->cpu_seconds = cpu_seconds() - c0;
	solver_free(s);
	return 0;
}

void vrp_solution_free(struct vrp_solution *s)
{
	if (!s)
		return;
	free(s->route_start);
	free(s->order);
	free(s->unserved);
	memset(s, 0, sizeof(*s));
}

int vrp_route_times(const struct vrp_problem *p, int v, const int *seq, int len, double *depart,
                    double *arrive, double *begin, double *back, double *travel_time,
                    double *travel_cost)
{
	const struct vrp_vehicle *w = &p->vehicles[v];
	double tm = w->start, ttime = 0, tcost = 0;
	int from = w->start_loc;
	int ok = 0;
	double first_wait = -1;
	for (int i = 0; i <= len; i++) {
		int l = i < len ? p->nodes[seq[i]].loc : w->end_loc;
		double tt = 0, tc = 0;
		if (l >= 0 && l != from)
			p->travel(p->travel_ctx, from, l, &tt, &tc);
		if (l >= 0)
			from = l;
		tm += tt;
		ttime += tt;
		tcost += tc;
		if (i == len) {
			if (tm > w->end + EPS)
				ok = -1;
			break;
		}
		const struct vrp_node *x = &p->nodes[seq[i]];
		if (arrive)
			arrive[i] = tm;
		double b = tm < x->ready ? x->ready : tm;
		if (first_wait < 0)
			first_wait = b - tm;
		if (b > x->due + EPS)
			ok = -1;
		if (begin)
			begin[i] = b;
		tm = b + x->service;
	}
	/* leave later by the wait at the first stop, when that stop has a place */
	double shift = 0;
	if (len > 0 && p->nodes[seq[0]].loc >= 0 && first_wait > 0)
		shift = first_wait;
	if (shift > 0 && arrive)
		arrive[0] += shift;
	if (depart)
		*depart = w->start + shift;
	if (back)
		*back = tm;
	if (travel_time)
		*travel_time = ttime;
	if (travel_cost)
		*travel_cost = tcost;
	return ok;
}
