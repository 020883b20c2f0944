/* vrp-ops.c — the operators of the route search (vrp.c): the route data
 * kept for constant-time insertion checks (Savelsbergh's forward/backward
 * slack), ruin by string removals (SISR), recreate by cheapest insertion with
 * blinks, and the local search (relocate, 2-opt*, 2-opt). The solver's state
 * and constants: vrp-int.h. */
#include "core/vrp-int.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* ---- route data ------------------------------------------------------------ */

/* Recomputes the per-position data of route v in x after its seq changed;
 * keeps x->arc up to date. */
void vrp_rt_update(struct solver *s, struct sol *x, int v)
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
void vrp_rt_insert(struct solver *s, struct sol *x, int v, int p, int node)
{
	struct rt *t = &x->r[v];
	memmove(t->seq + p + 2, t->seq + p + 1, (t->len + 1 - p) * sizeof(int));
	t->seq[p + 1] = node;
	t->len++;
	x->pen -= s->pen[node];
	vrp_rt_update(s, x, v);
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
		vrp_rt_update(s, x, v);
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
	vrp_rt_update(s, x, v);
	rt_repair(s, x, v);
	mark_dirty(s, v);
}

void vrp_ruin(struct solver *s, struct sol *x)
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
bool vrp_best_insertion(struct solver *s, struct sol *x, int u, double blink, int *bv, int *bp,
                        double *bd)
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

void vrp_recreate(struct solver *s, struct sol *x, double blink)
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
		if (vrp_best_insertion(s, x, u, blink, &v, &p, &d) && d < s->pen[u]) {
			vrp_rt_insert(s, x, v, p, u);
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
		vrp_rt_update(s, x, v);
		int bv, bp;
		double d;
		if (t->bad) {
			vrp_rt_insert(s, x, v, p - 1, u);
			continue;
		}
		if (vrp_best_insertion(s, x, u, 0, &bv, &bp, &d) && d < gain - 1e-6) {
			vrp_rt_insert(s, x, bv, bp, u);
			any = true;
		} else {
			vrp_rt_insert(s, x, v, p - 1, u);
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
	vrp_rt_update(s, x, v);
	vrp_rt_update(s, x, w);
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
					int an = s->loc[a->seq[a->nxt[i]]],
					    bn = s->loc[b->seq[b->nxt[j]]];
					double delta = CC(s, ai, bn) + CC(s, bj, an) -
					               CC(s, ai, an) - CC(s, bj, bn);
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
					double delta =
					    CC(s, a, c) + CC(s, b, d) - CC(s, a, b) - CC(s, c, d);
					/* the reversed part's inner arcs may be asymmetric */
					for (int q = i; q < j; q++) {
						int p1 = s->loc[t->seq[q]],
						    p2 = s->loc[t->seq[q + 1]];
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
					vrp_rt_update(s, x, v);
					improved = any = true;
				}
			}
		}
	}
	free(cand);
	return any;
}

void vrp_local_search(struct solver *s, struct sol *x)
{
	for (int round = 0; round < 50; round++) {
		bool a = ls_relocate(s, x);
		bool b = ls_two_opt_star(s, x);
		bool c = ls_two_opt(s, x);
		if (!a && !b && !c)
			break;
	}
}
