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
 * route). Only the caller's seed feeds the random generator (core/rng.h). */
#include "core/vrp.h"
#include "core/rng.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xmalloc.h"

#define EPS 1e-7

/* SISR parameters (the paper's values where it gives them). */
#define SISR_CBAR 10.0   /* average number of removed visits */
#define SISR_LMAX 10.0   /* longest removed string */
#define SISR_SPLIT 0.5   /* probability of a split string */
#define SISR_DEPTH 0.01  /* split depth */
#ifndef SISR_DEPTH_GROW
#define SISR_DEPTH_GROW (1.0 - SISR_DEPTH)
#endif
#define SISR_BLINK 0.01  /* probability of skipping an insertion position */
#define SA_T0 10.0       /* start temperature, in average arc costs */
#define SA_TF 0.05       /* final temperature, in average arc costs */

struct rt {
	int len;      /* nodes in the route, without the two pseudo nodes */
	int *seq;     /* len + 2 node ids */
	double *E;    /* earliest service start per position */
	double *L;    /* latest service start per position */
	int *eloc;    /* effective location per position */
	int *nxt;     /* next position with a location (> p) */
	double load;  /* sum of demands */
	double cost;  /* sum of arc costs */
	int ncust;    /* nodes that are not breaks */
	int bad;      /* first position whose window is violated, 0 when none */
};

struct sol {
	struct rt *r;
	int *route_of; /* per node: route, -1 when unserved */
	int *pos_of;   /* per node: position in its route */
	double arc;    /* sum of route costs */
	double pen;    /* sum of penalties of unserved nodes */
};

struct solver {
	const struct vrp_problem *p;
	int n, nv, nall, nloc;
	double *T, *C;  /* nloc x nloc travel time and cost */
	int *loc;       /* nall entries (nodes, then two pseudo nodes per vehicle) */
	double *ready, *due, *svc, *dem, *pen;
	int *vmin, *vmax;
	double *cap;
	int *vclass;    /* vehicles with equal class are interchangeable when empty */
	int *adj;       /* per node: other nodes nearest first (adjn each) */
	int adjn;
	double bigm;    /* penalty of an unserved mandatory node */
	struct rng rng;
	struct sol cur, work, best;
	/* scratch */
	int *removed;
	int nremoved;
	int *ruined;   /* per route: ruined in this iteration */
	int *dirty;    /* list of routes changed in this iteration */
	int ndirty;
	char *isdirty;
	int *class_seen;
	double *key;
	int maxlen;    /* capacity of route arrays */
};

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
			*cause = xasprintf("break %d must be mandatory and belong to one vehicle", i);
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
			    x->start == w->start && x->end == w->end && x->capacity == w->capacity) {
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

/* ---- route data ------------------------------------------------------------ */

#define TT(s, a, b) ((s)->T[(size_t)(a) * (s)->nloc + (b)])
#define CC(s, a, b) ((s)->C[(size_t)(a) * (s)->nloc + (b)])

/* Recomputes the per-position data of route v in x after its seq changed;
 * keeps x->arc up to date. */
static void rt_update(struct solver *s, struct sol *x, int v)
{
	struct rt *t = &x->r[v];
	int m = t->len + 1;
	int *seq = t->seq;
	seq[0] = s->n + 2 * v;
	seq[m] = s->n + 2 * v + 1;
	double cost = 0, load = 0;
	int ncust = 0, bad = 0;
	t->E[0] = s->ready[seq[0]];
	t->eloc[0] = s->loc[seq[0]];
	for (int p = 1; p <= m; p++) {
		int node = seq[p], l = s->loc[node], pl = t->eloc[p - 1];
		double a = t->E[p - 1] + s->svc[seq[p - 1]];
		if (l >= 0) {
			a += TT(s, pl, l);
			cost += CC(s, pl, l);
			t->eloc[p] = l;
			ncust++;
		} else {
			t->eloc[p] = pl;
		}
		t->E[p] = a > s->ready[node] ? a : s->ready[node];
		if (!bad && t->E[p] > s->due[node] + EPS)
			bad = p;
		load += s->dem[node];
		if (p < m) {
			x->route_of[node] = v;
			x->pos_of[node] = p;
		}
	}
	t->L[m] = s->due[seq[m]];
	t->nxt[m] = m;
	for (int p = m - 1; p >= 0; p--) {
		int nx = seq[p + 1];
		double tt = s->loc[nx] >= 0 ? TT(s, t->eloc[p], s->loc[nx]) : 0;
		double l = t->L[p + 1] - tt - s->svc[seq[p]];
		t->L[p] = l < s->due[seq[p]] ? l : s->due[seq[p]];
		t->nxt[p] = s->loc[nx] >= 0 ? p + 1 : t->nxt[p + 1];
	}
	x->arc += cost - t->cost;
	t->cost = cost;
	t->load = load;
	t->ncust = ncust - 1; /* the end pseudo node has a location */
	t->bad = bad;
}

static void mark_dirty(struct solver *s, int v)
{
	if (!s->isdirty[v]) {
		s->isdirty[v] = 1;
		s->dirty[s->ndirty++] = v;
	}
}

/* Removes the node at position p of route v (data not yet updated). */
static void rt_remove_at(struct solver *s, struct sol *x, int v, int p)
{
	struct rt *t = &x->r[v];
	int node = t->seq[p];
	memmove(t->seq + p, t->seq + p + 1, (t->len + 1 - p) * sizeof(int));
	t->len--;
	x->route_of[node] = -1;
	x->pen += s->pen[node];
}

/* Inserts node after position p of route v and updates the route. */
static void rt_insert(struct solver *s, struct sol *x, int v, int p, int node)
{
	struct rt *t = &x->r[v];
	memmove(t->seq + p + 2, t->seq + p + 1, (t->len + 1 - p) * sizeof(int));
	t->seq[p + 1] = node;
	t->len++;
	x->pen -= s->pen[node];
	rt_update(s, x, v);
}

/* Makes route v feasible again after removals (only needed when travel
 * times break the triangle inequality): drops visits at violated windows. */
static void rt_repair(struct solver *s, struct sol *x, int v)
{
	struct rt *t = &x->r[v];
	while (t->bad) {
		int p = t->bad;
		while (p > 0 && (p > t->len || s->loc[t->seq[p]] < 0))
			p--;
		if (p == 0)
			return;
		s->removed[s->nremoved++] = t->seq[p];
		rt_remove_at(s, x, v, p);
		rt_update(s, x, v);
	}
}

/* Cost of inserting node u after position p of route v, or HUGE_VAL when
 * infeasible by time. Capacity and vehicle range are checked by the caller. */
static double insert_delta(const struct solver *s, const struct rt *t, int p, int u, double bound)
{
	int lu = s->loc[u], a = t->eloc[p], k = t->nxt[p];
	int lk = s->loc[t->seq[k]];
	double d;
	if (lu >= 0)
		d = CC(s, a, lu) + CC(s, lu, lk) - CC(s, a, lk);
	else
		d = 0;
	if (d >= bound)
		return HUGE_VAL;
	double tm = t->E[p] + s->svc[t->seq[p]] + (lu >= 0 ? TT(s, a, lu) : 0);
	if (tm < s->ready[u])
		tm = s->ready[u];
	if (tm > s->due[u] + EPS)
		return HUGE_VAL;
	tm += s->svc[u];
	int from = lu >= 0 ? lu : a;
	for (int q = p + 1; q < k; q++) {
		int b = t->seq[q];
		if (tm < s->ready[b])
			tm = s->ready[b];
		if (tm > s->due[b] + EPS)
			return HUGE_VAL;
		tm += s->svc[b];
	}
	tm += TT(s, from, lk);
	if (tm < s->ready[t->seq[k]])
		tm = s->ready[t->seq[k]];
	if (tm > t->L[k] + EPS)
		return HUGE_VAL;
	return d;
}

/* ---- ruin ----------------------------------------------------------------- */

/* Removes `l` visits around node c from its route (a string), or with a
 * preserved middle part of m visits (a split string). */
static void remove_string(struct solver *s, struct sol *x, int c, int l, bool split)
{
	int v = x->route_of[c];
	struct rt *t = &x->r[v];
	int pc = x->pos_of[c];
	int m = 0;
	if (split) {
		m = 1;
		while (m < t->len - l && rng_unit(&s->rng) < SISR_DEPTH_GROW)
			m++;
		if (l + m > t->len)
			m = t->len - l;
		if (m < 0)
			m = 0;
	}
	int total = l + m;
	int lo = pc - total + 1 < 1 ? 1 : pc - total + 1;
	int hi = pc < t->len - total + 1 ? pc : t->len - total + 1;
	int start = lo + (hi >= lo ? rng_index(&s->rng, hi - lo + 1) : 0);
	int keep_from = start + total, keep_to = start + total; /* none kept */
	if (m > 0) {
		int off = rng_index(&s->rng, l + 1); /* removed before the kept part */
		keep_from = start + off;
		keep_to = keep_from + m;
	}
	/* remove from the back so positions stay valid */
	for (int p = start + total - 1; p >= start; p--) {
		if (p >= keep_from && p < keep_to)
			continue;
		int node = t->seq[p];
		if (s->loc[node] < 0)
			continue;
		s->removed[s->nremoved++] = node;
		rt_remove_at(s, x, v, p);
	}
	rt_update(s, x, v);
	rt_repair(s, x, v);
	mark_dirty(s, v);
}

static void ruin(struct solver *s, struct sol *x)
{
	int served = 0, routes = 0;
	for (int v = 0; v < s->nv; v++)
		if (x->r[v].ncust > 0) {
			served += x->r[v].ncust;
			routes++;
		}
	if (served == 0)
		return;
	double avg = (double)served / routes;
	double lsmax = SISR_LMAX < avg ? SISR_LMAX : avg;
	double ksmax = 4.0 * SISR_CBAR / (1.0 + lsmax) - 1.0;
	int ks = (int)(1.0 + rng_unit(&s->rng) * ksmax);
	if (ks < 1)
		ks = 1;
	/* seed: a random served located node */
	int seed = -1;
	for (int tries = 0; tries < 4 * s->n && seed < 0; tries++) {
		int c = rng_index(&s->rng, s->n);
		if (x->route_of[c] >= 0 && s->loc[c] >= 0)
			seed = c;
	}
	if (seed < 0)
		return;
	int nruined = 0;
	const int *a = s->adj + (size_t)seed * s->adjn;
	for (int k = 0; k < s->adjn && nruined < ks; k++) {
		int c = a[k];
		int v = x->route_of[c];
		if (v < 0 || s->ruined[v])
			continue;
		struct rt *t = &x->r[v];
		int card = t->len;
		double ltmax = card < lsmax ? card : lsmax;
		int lt = (int)(1.0 + rng_unit(&s->rng) * ltmax);
		if (lt > card)
			lt = card;
		bool split = lt < card && rng_unit(&s->rng) < SISR_SPLIT;
		remove_string(s, x, c, lt, split);
		s->ruined[v] = 1;
		nruined++;
	}
	for (int v = 0; v < s->nv; v++)
		s->ruined[v] = 0;
}

/* ---- recreate ------------------------------------------------------------- */

/* Sorts removed[] by key ascending (insertion sort; lists are short). */
static void sort_removed(struct solver *s)
{
	for (int i = 1; i < s->nremoved; i++) {
		int node = s->removed[i];
		double k = s->key[i];
		int j = i - 1;
		while (j >= 0 && s->key[j] > k) {
			s->removed[j + 1] = s->removed[j];
			s->key[j + 1] = s->key[j];
			j--;
		}
		s->removed[j + 1] = node;
		s->key[j + 1] = k;
	}
}

static void order_removed(struct solver *s)
{
	int w = rng_index(&s->rng, 13);
	for (int i = 0; i < s->nremoved; i++) {
		int u = s->removed[i];
		double noise = rng_unit(&s->rng) * 1e-6;
		int l = s->loc[u] < 0 ? 0 : s->loc[u];
		int d0 = s->loc[s->n]; /* vehicle 0's start */
		double k;
		if (w < 4)
			k = rng_unit(&s->rng);
		else if (w < 8)
			k = -s->dem[u] - s->pen[u] * 1e-3;
		else if (w < 10)
			k = -CC(s, d0, l);
		else if (w < 11)
			k = CC(s, d0, l);
		else if (w < 12)
			k = s->due[u] - s->ready[u];
		else
			k = s->ready[u];
		s->key[i] = k + noise;
	}
	sort_removed(s);
}

/* Cheapest feasible insertion of u over all routes, skipping positions
 * at random (blinks). Returns true and sets *bv, *bp when found. */
static bool best_insertion(struct solver *s, struct sol *x, int u, double blink, int *bv,
			   int *bp, double *bd)
{
	double best = HUGE_VAL;
	int nseen = 0;
	for (int v = s->vmin[u]; v <= s->vmax[u]; v++) {
		struct rt *t = &x->r[v];
		if (t->load + s->dem[u] > s->cap[v] + EPS)
			continue;
		if (t->len == 0) {
			int c = s->vclass[v];
			bool seen = false;
			for (int i = 0; i < nseen; i++)
				if (s->class_seen[i] == c)
					seen = true;
			if (seen)
				continue;
			s->class_seen[nseen++] = c;
		}
		for (int p = 0; p <= t->len; p++) {
			if (blink > 0 && rng_unit(&s->rng) < blink)
				continue;
			double d = insert_delta(s, t, p, u, best);
			if (d < best) {
				best = d;
				*bv = v;
				*bp = p;
			}
		}
	}
	*bd = best;
	return best < HUGE_VAL;
}

static void recreate(struct solver *s, struct sol *x, double blink)
{
	/* the unserved nodes join the removed ones */
	for (int i = 0; i < s->n; i++)
		if (x->route_of[i] < 0) {
			bool dup = false;
			for (int k = 0; k < s->nremoved && !dup; k++)
				dup = s->removed[k] == i;
			if (!dup)
				s->removed[s->nremoved++] = i;
		}
	order_removed(s);
	for (int i = 0; i < s->nremoved; i++) {
		int u = s->removed[i], v, p;
		double d;
		if (best_insertion(s, x, u, blink, &v, &p, &d) && d < s->pen[u]) {
			rt_insert(s, x, v, p, u);
			mark_dirty(s, v);
		}
	}
	s->nremoved = 0;
}

/* ---- local search ----------------------------------------------------------- */

/* Tries to move each located node to its cheapest position elsewhere
 * (relocate, also within its route). Returns true when it improved. */
static bool ls_relocate(struct solver *s, struct sol *x)
{
	bool any = false;
	for (int u = 0; u < s->n; u++) {
		int v = x->route_of[u];
		if (v < 0 || s->loc[u] < 0)
			continue;
		struct rt *t = &x->r[v];
		int p = x->pos_of[u];
		int a = t->eloc[p - 1], b = s->loc[t->seq[t->nxt[p]]];
		double gain = CC(s, a, s->loc[u]) + CC(s, s->loc[u], b) - CC(s, a, b);
		if (gain <= EPS)
			continue;
		/* take it out, look for a better place, put it back if none */
		rt_remove_at(s, x, v, p);
		rt_update(s, x, v);
		int bv, bp;
		double d;
		if (t->bad) {
			rt_insert(s, x, v, p - 1, u);
			continue;
		}
		if (best_insertion(s, x, u, 0, &bv, &bp, &d) && d < gain - 1e-6) {
			rt_insert(s, x, bv, bp, u);
			any = true;
		} else {
			rt_insert(s, x, v, p - 1, u);
		}
	}
	return any;
}

/* 2-opt* between two routes of interchangeable vehicles: the tails after
 * positions i (route v) and j (route w) are exchanged. Evaluated by
 * simulating the new tails. Returns true when it improved. */
static bool tail_feasible(const struct solver *s, int va, const struct rt *a, int i,
			  const struct rt *b, int j, double cap)
{
	/* route a up to position i, then route b from position j+1 on */
	double load = 0;
	for (int p = 1; p <= i; p++)
		load += s->dem[a->seq[p]];
	for (int p = j + 1; p <= b->len; p++)
		load += s->dem[b->seq[p]];
	if (load > cap + EPS)
		return false;
	for (int p = j + 1; p <= b->len; p++) {
		int nd = b->seq[p];
		if (va < s->vmin[nd] || va > s->vmax[nd])
			return false;
	}
	int k = b->nxt[j];
	double tm = a->E[i] + s->svc[a->seq[i]];
	int from = a->eloc[i];
	for (int q = j + 1; q < k; q++) {
		int nd = b->seq[q];
		if (tm < s->ready[nd])
			tm = s->ready[nd];
		if (tm > s->due[nd] + EPS)
			return false;
		tm += s->svc[nd];
	}
	tm += TT(s, from, s->loc[b->seq[k]]);
	if (tm < s->ready[b->seq[k]])
		tm = s->ready[b->seq[k]];
	return tm <= b->L[k] + EPS;
}

static void splice_tails(struct solver *s, struct sol *x, int v, int i, int w, int j)
{
	struct rt *a = &x->r[v], *b = &x->r[w];
	int la = a->len - i, lb = b->len - j;
	int *tmp = xmalloc((la + 1) * sizeof(int));
	memcpy(tmp, a->seq + i + 1, la * sizeof(int));
	memcpy(a->seq + i + 1, b->seq + j + 1, lb * sizeof(int));
	memcpy(b->seq + j + 1, tmp, la * sizeof(int));
	a->len = i + lb;
	b->len = j + la;
	free(tmp);
	rt_update(s, x, v);
	rt_update(s, x, w);
}

static bool ls_two_opt_star(struct solver *s, struct sol *x)
{
	bool any = false;
	for (int v = 0; v < s->nv; v++) {
		for (int w = 0; w < s->nv; w++) {
			if (v == w || s->vclass[v] != s->vclass[w] || s->vclass[v] < 0)
				continue;
			struct rt *a = &x->r[v], *b = &x->r[w];
			if (a->len == 0 && b->len == 0)
				continue;
			for (int i = 0; i <= a->len; i++) {
				for (int j = 0; j <= b->len; j++) {
					int ai = a->eloc[i], bj = b->eloc[j];
					int an = s->loc[a->seq[a->nxt[i]]], bn = s->loc[b->seq[b->nxt[j]]];
					double delta = CC(s, ai, bn) + CC(s, bj, an) - CC(s, ai, an) -
						       CC(s, bj, bn);
					if (delta > -1e-6)
						continue;
					if (!tail_feasible(s, v, a, i, b, j, s->cap[v]) ||
					    !tail_feasible(s, w, b, j, a, i, s->cap[w]))
						continue;
					splice_tails(s, x, v, i, w, j);
					any = true;
					goto next_pair;
				}
			}
		next_pair:;
		}
	}
	return any;
}

/* Full forward check of route v with seq positions [1..len] replaced by
 * cand[0..len-1]; returns its cost or HUGE_VAL when infeasible. */
static double route_eval(const struct solver *s, int v, const int *cand, int len)
{
	int start = s->n + 2 * v, end = start + 1;
	double tm = s->ready[start], cost = 0;
	int from = s->loc[start];
	for (int i = 0; i <= len; i++) {
		int nd = i < len ? cand[i] : end;
		int l = s->loc[nd];
		if (l >= 0) {
			tm += TT(s, from, l);
			cost += CC(s, from, l);
			from = l;
		}
		if (tm < s->ready[nd])
			tm = s->ready[nd];
		if (tm > s->due[nd] + EPS)
			return HUGE_VAL;
		tm += s->svc[nd];
	}
	return cost;
}

/* 2-opt inside a route (reversing a segment). */
static bool ls_two_opt(struct solver *s, struct sol *x)
{
	bool any = false;
	int *cand = xmalloc((s->maxlen + 1) * sizeof(int));
	for (int v = 0; v < s->nv; v++) {
		struct rt *t = &x->r[v];
		bool improved = true;
		while (improved) {
			improved = false;
			for (int i = 1; i < t->len && !improved; i++) {
				for (int j = i + 1; j <= t->len && !improved; j++) {
					int a = t->eloc[i - 1], b = s->loc[t->seq[i]];
					int c = s->loc[t->seq[j]], d = s->loc[t->seq[j + 1]];
					if (b < 0 || c < 0 || d < 0)
						continue;
					double delta = CC(s, a, c) + CC(s, b, d) - CC(s, a, b) - CC(s, c, d);
					/* the reversed part's inner arcs may be asymmetric */
					for (int q = i; q < j; q++) {
						int p1 = s->loc[t->seq[q]], p2 = s->loc[t->seq[q + 1]];
						if (p1 < 0 || p2 < 0) {
							delta = HUGE_VAL;
							break;
						}
						delta += CC(s, p2, p1) - CC(s, p1, p2);
					}
					if (delta > -1e-6)
						continue;
					memcpy(cand, t->seq + 1, t->len * sizeof(int));
					for (int lo = i - 1, hi = j - 1; lo < hi; lo++, hi--) {
						int tmp = cand[lo];
						cand[lo] = cand[hi];
						cand[hi] = tmp;
					}
					if (route_eval(s, v, cand, t->len) == HUGE_VAL)
						continue;
					memcpy(t->seq + 1, cand, t->len * sizeof(int));
					rt_update(s, x, v);
					improved = any = true;
				}
			}
		}
	}
	free(cand);
	return any;
}

static void local_search(struct solver *s, struct sol *x)
{
	for (int round = 0; round < 50; round++) {
		bool a = ls_relocate(s, x);
		bool b = ls_two_opt_star(s, x);
		bool c = ls_two_opt(s, x);
		if (!a && !b && !c)
			break;
	}
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
		rt_update(s, x, v);
	}
	/* breaks first, each on its own vehicle */
	for (int i = 0; i < s->n; i++) {
		if (s->loc[i] >= 0)
			continue;
		int v, p;
		double d;
		if (best_insertion(s, x, i, 0, &v, &p, &d))
			rt_insert(s, x, v, p, i);
	}
	s->nremoved = 0;
	recreate(s, x, 0);
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
	local_search(s, &s->cur);
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
		ruin(s, &s->work);
		recreate(s, &s->work, SISR_BLINK);
		double total = s->work.arc + s->work.pen;
		double thr = cur_total - temp * log(rng_unit(&s->rng) + 1e-300);
		if (total < thr) {
			sync_dirty(s, &s->cur, &s->work);
			cur_total = total;
			if (total < best_total - 1e-9) {
				clear_dirty(s);
				sol_copy(s, &s->best, &s->cur);
				local_search(s, &s->best);
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
