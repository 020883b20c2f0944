/* alloc.c — the capacity-constrained allocation (alloc.h).
 *
 * State: every item sits with one person; each person keeps the hull
 * segments of its items (the steps from an item's cheapest level up its
 * upper concave hull of (hours, value)) sorted by value per hour. The
 * person's levels are the greedy walk down that list: take a segment when
 * it fits, else stop that item there and go on with the others. The first
 * segment that does not fit gives the person's price: the value of one more
 * hour. A move is first estimated with the prices (what the item earns at
 * the new person's price minus what it earned at the old one's) and, when
 * the estimate promises a gain, evaluated exactly by walking the two
 * persons' lists without and with the item.
 *
 * Phases: (A) every item starts with its current person when that person
 * is a candidate, the rest are placed one at a time where they earn most at
 * the current prices; (B) relocations and swaps until none improves; (C)
 * loads of a group brought within the balance band; (B) again, keeping the
 * band. Deterministic: items in index order, ties to the lower index. */
#include "core/alloc.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct seg {
	double slope, dh, dv;
	int32_t item;
	int16_t to; /* level reached at the end of the segment */
	int16_t k;  /* the segment's number in its item's hull */
};

struct pstate {
	struct seg *segs;
	int nseg, cap;
	double base_h, base_v; /* sums of the items' cheapest points */
	double value, used, price;
	int nitems;
};

struct pt {
	double h, g;
	int16_t l;
};

struct solver {
	const struct alloc_problem *p;
	struct pstate *ps;
	int32_t *person, *ci;
	int16_t *level, *base_level;
	double *base_h, *base_v;
	uint8_t *move;
	uint32_t *stamp, gen;
	struct pt *pts;
	struct seg *tmp; /* a hull being evaluated */
	int maxlev;
	double *ubar; /* per group: mean load share at the start of a pass */
	int ngroups;
	clock_t start;
	const struct alloc_opts *o;
	bool stopped;
	long evaluations;
};

void alloc_opts_default(struct alloc_opts *o)
{
	o->max_passes = 50;
	o->max_seconds = 0;
	o->swaps = true;
}

/* --- levels and hulls ------------------------------------------------------ */

static bool level_allowed(const struct alloc_problem *p, int i, int ci, int l)
{
	const struct alloc_item *it = &p->items[i];
	if (it->pin >= 0 && it->pin_level >= 0 && l != it->pin_level)
		return false;
	return p->classes[it->cls].visits[l] <= 0 || it->a[ci] >= 0;
}

double alloc_hours(const struct alloc_problem *p, int i, int ci, int l)
{
	if (!level_allowed(p, i, ci, l))
		return -1;
	const struct alloc_class *c = &p->classes[p->items[i].cls];
	return c->visits[l] > 0 ? c->visits[l] * p->items[i].a[ci] + c->fixed[l] : c->fixed[l];
}

double alloc_value(const struct alloc_problem *p, int i, int l)
{
	const struct alloc_item *it = &p->items[i];
	return it->base + it->span * p->classes[it->cls].g[l];
}

/* Allowed points of (i, ci) sorted by hours, then value descending. */
static int points(const struct solver *S, int i, int ci, struct pt *pts)
{
	const struct alloc_problem *p = S->p;
	const struct alloc_class *c = &p->classes[p->items[i].cls];
	int n = 0;
	for (int l = 0; l < c->nlev; l++) {
		if (!level_allowed(p, i, ci, l))
			continue;
		struct pt x = {alloc_hours(p, i, ci, l), c->g[l], (int16_t)l};
		int k = n++;
		while (k > 0 && (pts[k - 1].h > x.h || (pts[k - 1].h == x.h && pts[k - 1].g < x.g))) {
			pts[k] = pts[k - 1];
			k--;
		}
		pts[k] = x;
	}
	return n;
}

/* The hull segments of item i at candidate ci into out (sorted by slope,
 * which a concave hull gives); the cheapest point into *bl, *bh, *bv.
 * Returns the number of segments. */
static int hull(struct solver *S, int i, int ci, struct seg *out, int16_t *bl, double *bh,
                double *bv)
{
	const struct alloc_item *it = &S->p->items[i];
	struct pt *pts = S->pts;
	int n = points(S, i, ci, pts);
	/* Pareto: each kept point has more value than the one before. */
	int m = 0;
	for (int k = 0; k < n; k++)
		if (m == 0 || pts[k].g > pts[m - 1].g)
			pts[m++] = pts[k];
	*bl = pts[0].l;
	*bh = pts[0].h;
	*bv = it->base + it->span * pts[0].g;
	if (it->span <= 0)
		return 0;
	/* Upper hull: drop a point that lies on or below the chord of its neighbours. */
	int h = 0;
	for (int k = 0; k < m; k++) {
		while (h >= 2) {
			const struct pt *a = &pts[h - 2], *b = &pts[h - 1], *c = &pts[k];
			double cross = (b->h - a->h) * (c->g - a->g) - (b->g - a->g) * (c->h - a->h);
			if (cross < 0)
				break;
			h--;
		}
		pts[h++] = pts[k];
	}
	for (int k = 1; k < h; k++) {
		double dh = pts[k].h - pts[k - 1].h, dv = it->span * (pts[k].g - pts[k - 1].g);
		out[k - 1] = (struct seg){dv / dh, dh, dv, i, pts[k].l, (int16_t)(k - 1)};
	}
	return h - 1;
}

int alloc_pair_levels(const struct alloc_problem *p, int i, int ci, int *out, int max)
{
	const struct alloc_class *c = &p->classes[p->items[i].cls];
	struct solver S = {.p = p};
	S.pts = xmalloc((size_t)c->nlev * sizeof(struct pt));
	int n = points(&S, i, ci, S.pts), m = 0;
	double best = -INFINITY;
	for (int k = 0; k < n && m < max; k++) {
		double v = alloc_value(p, i, S.pts[k].l);
		if (v > best) {
			out[m++] = S.pts[k].l;
			best = v;
		}
	}
	free(S.pts);
	return m;
}

/* What item i earns at candidate ci when an hour costs price: the best
 * value − price × hours over its allowed levels. */
static double profit_hours(const struct solver *S, int i, int ci, double price, double *hours)
{
	const struct alloc_problem *p = S->p;
	const struct alloc_class *c = &p->classes[p->items[i].cls];
	double best = -INFINITY, bh = 0;
	for (int l = 0; l < c->nlev; l++) {
		double h = alloc_hours(p, i, ci, l);
		if (h < 0)
			continue;
		double v = alloc_value(p, i, l) - price * h;
		if (v > best || (v == best && h < bh)) {
			best = v;
			bh = h;
		}
	}
	if (hours)
		*hours = bh;
	return best;
}

static double profit(const struct solver *S, int i, int ci, double price)
{
	return profit_hours(S, i, ci, price, NULL);
}

/* An estimated gain worth checking: above rounding (and above a hundredth
 * of a unit a year). */
static double worth(double v)
{
	return 1e-9 * fabs(v) + 0.01;
}

static double move_cost(const struct alloc_problem *p, int i, int32_t q)
{
	int32_t f = p->items[i].from;
	return f >= 0 && q != f ? p->move_cost : 0;
}

/* --- a person's segment list ----------------------------------------------- */

static bool seg_before(const struct seg *a, const struct seg *b)
{
	if (a->slope != b->slope)
		return a->slope > b->slope;
	if (a->item != b->item)
		return a->item < b->item;
	return a->k < b->k;
}

static double tol(double cap)
{
	return 1e-9 * (fabs(cap) + 1);
}

/* Walks person ps's list (without item `skip`, with the sorted segments
 * add[0..nadd) of an item whose cheapest point is (add_h, add_v)) at
 * capacity cap. Returns the value; *used and *price when not NULL. With
 * commit, sets the levels of the person's items. */
static double walk(struct solver *S, int person, int32_t skip, const struct seg *add, int nadd,
                   double add_h, double add_v, double cap, bool commit, double *used_out,
                   double *price_out)
{
	const struct pstate *P = &S->ps[person];
	double used = P->base_h + add_h, val = P->base_v + add_v, price = 0;
	bool priced = false;
	if (skip >= 0) {
		used -= S->base_h[skip];
		val -= S->base_v[skip];
	}
	if (++S->gen == 0) {
		memset(S->stamp, 0, (size_t)S->p->nitems * sizeof(uint32_t));
		S->gen = 1;
	}
	uint32_t gen = S->gen;
	double eps = tol(cap);
	int a = 0, b = 0;
	while (a < P->nseg || b < nadd) {
		const struct seg *s;
		if (b >= nadd || (a < P->nseg && seg_before(&P->segs[a], &add[b])))
			s = &P->segs[a++];
		else
			s = &add[b++];
		if (s->item == skip)
			continue;
		if (commit && s->k == 0)
			S->level[s->item] = S->base_level[s->item];
		if (S->stamp[s->item] == gen)
			continue;
		if (used + s->dh <= cap + eps) {
			used += s->dh;
			val += s->dv;
			if (commit)
				S->level[s->item] = s->to;
		} else {
			S->stamp[s->item] = gen;
			if (!priced) {
				price = s->slope;
				priced = true;
			}
		}
	}
	if (used_out)
		*used_out = used;
	if (price_out)
		*price_out = price;
	return val;
}

static void refresh(struct solver *S, int person)
{
	struct pstate *P = &S->ps[person];
	P->value = walk(S, person, -1, NULL, 0, 0, 0, S->p->persons[person].cap, true, &P->used,
	                &P->price);
}

static void remove_item(struct solver *S, int person, int32_t i)
{
	struct pstate *P = &S->ps[person];
	int k = 0;
	for (int j = 0; j < P->nseg; j++)
		if (P->segs[j].item != i)
			P->segs[k++] = P->segs[j];
	P->nseg = k;
	P->base_h -= S->base_h[i];
	P->base_v -= S->base_v[i];
	P->nitems--;
}

/* Puts item i with its ci-th candidate (its hull computed here). */
static void insert_item(struct solver *S, int32_t i, int ci)
{
	int32_t person = S->p->items[i].cand[ci];
	struct pstate *P = &S->ps[person];
	int16_t bl;
	double bh, bv;
	int n = hull(S, i, ci, S->tmp, &bl, &bh, &bv);
	if (P->nseg + n > P->cap) {
		P->cap = (P->nseg + n) * 2 + 16;
		P->segs = xreallocarray(P->segs, (size_t)P->cap, sizeof(struct seg));
	}
	/* Merge from the back. */
	int a = P->nseg - 1, b = n - 1, w = P->nseg + n - 1;
	while (b >= 0) {
		if (a >= 0 && seg_before(&S->tmp[b], &P->segs[a]))
			P->segs[w--] = P->segs[a--];
		else
			P->segs[w--] = S->tmp[b--];
	}
	P->nseg += n;
	S->person[i] = person;
	S->ci[i] = ci;
	S->base_level[i] = bl;
	S->level[i] = bl;
	S->base_h[i] = bh;
	S->base_v[i] = bv;
	P->base_h += bh;
	P->base_v += bv;
	P->nitems++;
}

/* --- moves ----------------------------------------------------------------- */

static bool out_of_time(struct solver *S)
{
	if (S->o->max_seconds <= 0)
		return false;
	if ((double)(clock() - S->start) / CLOCKS_PER_SEC > S->o->max_seconds)
		S->stopped = true;
	return S->stopped;
}

/* The excess of a load share u over the band around ubar (0 inside). A
 * group using less than BALANCE_FROM of its hours has room to spare: its
 * loads are left as values and relationships put them. */
#define BALANCE_FROM 0.5

static double excess(const struct solver *S, int group, double u)
{
	double b = S->p->balance, m = S->ubar[group];
	if (b <= 0 || m < BALANCE_FROM)
		return 0;
	double dev = fabs(u - m) - b * m;
	return dev > 1e-9 ? dev : 0;
}

static double share(const struct solver *S, int person, double used)
{
	double cap = S->p->persons[person].cap;
	return cap > 0 ? used / cap : 0;
}

/* Whether loads after a move keep the band: neither person leaves it, or
 * goes further out. */
static bool band_ok(const struct solver *S, int p, double used_p, int q, double used_q)
{
	int g = S->p->persons[p].group;
	if (S->p->balance <= 0 || S->p->persons[q].group != g)
		return true;
	return excess(S, g, share(S, p, used_p)) <= excess(S, g, share(S, p, S->ps[p].used)) &&
	       excess(S, g, share(S, q, used_q)) <= excess(S, g, share(S, q, S->ps[q].used));
}

static int cand_index(const struct alloc_item *it, int32_t person)
{
	for (int k = 0; k < it->ncand; k++)
		if (it->cand[k] == person)
			return k;
	return -1;
}

/* Exact gain of moving i to its cq-th candidate; *up, *uq the hours after. */
static double gain_relocate(struct solver *S, int32_t i, int cq, double *up, double *uq)
{
	const struct alloc_problem *p = S->p;
	int32_t from = S->person[i], to = p->items[i].cand[cq];
	int16_t bl;
	double bh, bv;
	S->evaluations++;
	double vp = walk(S, from, i, NULL, 0, 0, 0, p->persons[from].cap, false, up, NULL);
	int n = hull(S, i, cq, S->tmp, &bl, &bh, &bv);
	double vq = walk(S, to, -1, S->tmp, n, bh, bv, p->persons[to].cap, false, uq, NULL);
	return vp + vq - S->ps[from].value - S->ps[to].value - move_cost(p, i, to) +
	       move_cost(p, i, from);
}

static void apply_relocate(struct solver *S, int32_t i, int cq, enum alloc_move why)
{
	int32_t from = S->person[i], to = S->p->items[i].cand[cq];
	remove_item(S, from, i);
	insert_item(S, i, cq);
	refresh(S, from);
	refresh(S, to);
	int32_t f = S->p->items[i].from;
	if (to == f)
		S->move[i] = AM_NONE;
	else if (S->move[i] != AM_PLACED)
		S->move[i] = (uint8_t)why;
}

static double min_gain(const struct solver *S, int32_t a, int32_t b)
{
	return 1e-9 * (fabs(S->ps[a].value) + fabs(S->ps[b].value)) + 1e-6;
}

/* One pass of relocations: every item, its best candidates by estimate,
 * checked exactly. Returns the number of moves made. */
static int relocate_pass(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	int moves = 0;
	for (int32_t i = 0; i < p->nitems && !out_of_time(S); i++) {
		const struct alloc_item *it = &p->items[i];
		if (it->pin >= 0 || it->ncand <= 1 || S->person[i] < 0)
			continue;
		int32_t from = S->person[i];
		double here = profit(S, i, S->ci[i], S->ps[from].price) - move_cost(p, i, from);
		int best[2] = {-1, -1};
		double est[2] = {0, 0};
		for (int k = 0; k < it->ncand; k++) {
			if (k == S->ci[i])
				continue;
			int32_t q = it->cand[k];
			double e = profit(S, i, k, S->ps[q].price) - move_cost(p, i, q) - here;
			if (e <= worth(here))
				continue;
			if (best[0] < 0 || e > est[0]) {
				best[1] = best[0];
				est[1] = est[0];
				best[0] = k;
				est[0] = e;
			} else if (best[1] < 0 || e > est[1]) {
				best[1] = k;
				est[1] = e;
			}
		}
		for (int t = 0; t < 2 && best[t] >= 0; t++) {
			double up, uq;
			int32_t q = it->cand[best[t]];
			double gain = gain_relocate(S, i, best[t], &up, &uq);
			if (gain > min_gain(S, from, q) && band_ok(S, from, up, q, uq)) {
				apply_relocate(S, i, best[t], AM_CAPACITY);
				moves++;
				break;
			}
		}
	}
	return moves;
}

/* Exact gain of swapping items i (at p) and j (at q); cj/ci the candidate
 * indexes of q for i and p for j. */
static double gain_swap(struct solver *S, int32_t i, int ciq, int32_t j, int cjp, double *up,
                        double *uq)
{
	const struct alloc_problem *p = S->p;
	int32_t pi = S->person[i], qj = S->person[j];
	struct seg *hi = S->tmp, *hj = S->tmp + S->maxlev;
	int16_t bl;
	double bhi, bvi, bhj, bvj;
	S->evaluations++;
	int ni = hull(S, i, ciq, hi, &bl, &bhi, &bvi);
	int nj = hull(S, j, cjp, hj, &bl, &bhj, &bvj);
	double vp = walk(S, pi, i, hj, nj, bhj, bvj, p->persons[pi].cap, false, up, NULL);
	double vq = walk(S, qj, j, hi, ni, bhi, bvi, p->persons[qj].cap, false, uq, NULL);
	return vp + vq - S->ps[pi].value - S->ps[qj].value - move_cost(p, i, qj) -
	       move_cost(p, j, pi) + move_cost(p, i, pi) + move_cost(p, j, qj);
}

struct want {
	double est;
	int32_t item;
	int cand; /* the other person's index in the item's candidates */
};

#define SWAP_TOP 3

static void want_add(struct want *w, int *n, struct want x)
{
	int k;
	if (*n < SWAP_TOP)
		k = (*n)++;
	else if (w[SWAP_TOP - 1].est < x.est)
		k = SWAP_TOP - 1;
	else
		return;
	w[k] = x;
	while (k > 0 && w[k - 1].est < w[k].est) {
		struct want t = w[k - 1];
		w[k - 1] = w[k];
		w[k] = t;
		k--;
	}
}

/* One pass of swaps: for every ordered pair of persons (p, q) of a group,
 * the few items of p that most want q and of q that most want p, each
 * combination checked exactly. Returns the number of swaps made. */
static int swap_pass(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	int np = p->npersons, swaps = 0;
	/* wants[p * np + q]: top items at p wanting q (estimates). */
	struct want *wants = xmalloc((size_t)np * (size_t)np * SWAP_TOP * sizeof(struct want));
	int *nw = xcalloc((size_t)np * (size_t)np, sizeof(int));
	for (int32_t i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		int32_t from = S->person[i];
		if (it->pin >= 0 || it->ncand <= 1 || from < 0)
			continue;
		double here = profit(S, i, S->ci[i], S->ps[from].price) - move_cost(p, i, from);
		for (int k = 0; k < it->ncand; k++) {
			int32_t q = it->cand[k];
			if (q == from)
				continue;
			double e = profit(S, i, k, S->ps[q].price) - move_cost(p, i, q) - here;
			size_t at = (size_t)from * (size_t)np + (size_t)q;
			want_add(&wants[at * SWAP_TOP], &nw[at], (struct want){e, i, k});
		}
	}
	for (int a = 0; a < np && !out_of_time(S); a++) {
		for (int b = a + 1; b < np; b++) {
			size_t ab = (size_t)a * (size_t)np + (size_t)b, ba = (size_t)b * (size_t)np + (size_t)a;
			bool done = false;
			for (int x = 0; x < nw[ab] && !done; x++) {
				for (int y = 0; y < nw[ba] && !done; y++) {
					struct want *wi = &wants[ab * SWAP_TOP + x], *wj = &wants[ba * SWAP_TOP + y];
					if (wi->est + wj->est <= worth(wi->est) || S->person[wi->item] != a ||
					    S->person[wj->item] != b)
						continue;
					double ua, ub;
					double gain = gain_swap(S, wi->item, wi->cand, wj->item, wj->cand, &ua, &ub);
					if (gain > min_gain(S, a, b) && band_ok(S, a, ua, b, ub)) {
						int cpi = wj->cand, cqi = wi->cand;
						int32_t i = wi->item, j = wj->item;
						remove_item(S, a, i);
						remove_item(S, b, j);
						insert_item(S, i, cqi);
						insert_item(S, j, cpi);
						refresh(S, a);
						refresh(S, b);
						for (int t = 0; t < 2; t++) {
							int32_t it = t ? j : i;
							if (S->person[it] == p->items[it].from)
								S->move[it] = AM_NONE;
							else if (S->move[it] != AM_PLACED)
								S->move[it] = AM_CAPACITY;
						}
						swaps++;
						done = true;
					}
				}
			}
		}
	}
	free(wants);
	free(nw);
	return swaps;
}

/* --- balance --------------------------------------------------------------- */

static void group_means(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	double *h = xcalloc((size_t)S->ngroups, sizeof(double));
	double *c = xcalloc((size_t)S->ngroups, sizeof(double));
	for (int q = 0; q < p->npersons; q++) {
		if (p->persons[q].cap <= 0)
			continue;
		h[p->persons[q].group] += S->ps[q].used;
		c[p->persons[q].group] += p->persons[q].cap;
	}
	for (int g = 0; g < S->ngroups; g++)
		S->ubar[g] = c[g] > 0 ? h[g] / c[g] : 0;
	free(h);
	free(c);
}

#define BALANCE_TRIES 8

/* Moves items from the person furthest outside the band: from one above it
 * to a person of the group below the mean, or into one below it from a
 * person above the mean; of the moves that bring both closer, the one that
 * costs least (the few best by estimate, checked exactly). Until every
 * person is in the band or no move brings anyone closer. */
static void balance(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	if (p->balance <= 0)
		return;
	struct want *top = xmalloc(BALANCE_TRIES * sizeof(*top));
	for (int round = 0; round < 4 * p->nitems + 16 && !out_of_time(S); round++) {
		group_means(S);
		int worst = -1;
		double wx = 0;
		for (int q = 0; q < p->npersons; q++) {
			if (p->persons[q].cap <= 0)
				continue;
			double x = excess(S, p->persons[q].group, share(S, q, S->ps[q].used));
			if (x > wx) {
				wx = x;
				worst = q;
			}
		}
		if (worst < 0)
			break;
		int g = p->persons[worst].group;
		double m = S->ubar[g];
		bool high = share(S, worst, S->ps[worst].used) > m;
		int ntop = 0;
		for (int32_t i = 0; i < p->nitems; i++) {
			const struct alloc_item *it = &p->items[i];
			int32_t at = S->person[i];
			if (it->pin >= 0 || at < 0 || (high ? at != worst : at == worst))
				continue;
			if (!high && share(S, at, S->ps[at].used) <= m)
				continue;
			double here = profit(S, i, S->ci[i], S->ps[at].price) - move_cost(p, i, at);
			for (int k = 0; k < it->ncand; k++) {
				int32_t q = it->cand[k];
				if (q == at || p->persons[q].group != g || (high ? false : q != worst))
					continue;
				if (high && share(S, q, S->ps[q].used) >= m)
					continue;
				double e = profit(S, i, k, S->ps[q].price) - move_cost(p, i, q) - here;
				struct want x = {e, i, k};
				int kk;
				if (ntop < BALANCE_TRIES)
					kk = ntop++;
				else if (top[BALANCE_TRIES - 1].est < e)
					kk = BALANCE_TRIES - 1;
				else
					continue;
				top[kk] = x;
				while (kk > 0 && top[kk - 1].est < top[kk].est) {
					struct want t = top[kk - 1];
					top[kk - 1] = top[kk];
					top[kk] = t;
					kk--;
				}
			}
		}
		double best_gain = -INFINITY;
		int best = -1;
		for (int t = 0; t < ntop; t++) {
			int32_t i = top[t].item, at = S->person[i], q = p->items[i].cand[top[t].cand];
			double up, uq;
			double gain = gain_relocate(S, i, top[t].cand, &up, &uq);
			double before = excess(S, g, share(S, at, S->ps[at].used)) +
			                excess(S, g, share(S, q, S->ps[q].used));
			double after = excess(S, g, share(S, at, up)) + excess(S, g, share(S, q, uq));
			if (after < before - 1e-12 && gain > best_gain) {
				best_gain = gain;
				best = t;
			}
		}
		if (best < 0)
			break;
		apply_relocate(S, top[best].item, top[best].cand, AM_BALANCE);
	}
	free(top);
}

/* --- the whole ------------------------------------------------------------- */

struct order_key {
	double stake;
	int32_t i;
};

static int by_stake(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	if (x->stake != y->stake)
		return x->stake > y->stake ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Phase A: current persons stay, the others go where they earn most. */
static void initial(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	struct order_key *rest = xmalloc((size_t)(p->nitems ? p->nitems : 1) * sizeof(*rest));
	int nrest = 0;
	for (int32_t i = 0; i < p->nitems; i++) {
		const struct alloc_item *it = &p->items[i];
		S->person[i] = -1;
		if (it->ncand <= 0)
			continue;
		int k = it->pin >= 0 ? cand_index(it, it->pin) : it->from >= 0 ? cand_index(it, it->from) : -1;
		if (it->pin >= 0 && k < 0)
			k = 0;
		if (k >= 0) {
			insert_item(S, i, k);
			S->move[i] = S->person[i] == it->from ? AM_NONE : AM_PLACED;
		} else {
			rest[nrest++] = (struct order_key){it->span, i};
		}
	}
	for (int q = 0; q < p->npersons; q++)
		refresh(S, q);
	qsort(rest, (size_t)nrest, sizeof(*rest), by_stake);
	for (int r = 0; r < nrest; r++) {
		int32_t i = rest[r].i;
		const struct alloc_item *it = &p->items[i];
		int best = 0;
		double bv = -INFINITY, bs = 0, bh = 0;
		for (int k = 0; k < it->ncand; k++) {
			int32_t q = it->cand[k];
			double h;
			double v = profit_hours(S, i, k, S->ps[q].price, &h) - move_cost(p, i, q);
			double sh = share(S, q, S->ps[q].used);
			double t = k == 0 ? 0 : 1e-9 * (fabs(bv) + 1);
			/* Ties to the fewer hours (less travel), then the lighter load. */
			if (k == 0 || v > bv + t ||
			    (v >= bv - t && (h < bh - 1e-9 || (h <= bh + 1e-9 && sh < bs)))) {
				bv = v;
				bs = sh;
				bh = h;
				best = k;
			}
		}
		insert_item(S, i, best);
		S->move[i] = AM_PLACED;
		refresh(S, it->cand[best]);
	}
	free(rest);
}

static void search(struct solver *S)
{
	for (int pass = 0; pass < S->o->max_passes && !out_of_time(S); pass++) {
		group_means(S);
		int moves = relocate_pass(S);
		if (moves == 0 && S->o->swaps)
			moves = swap_pass(S);
		if (moves == 0)
			return;
	}
}

static void solver_free(struct solver *S)
{
	if (S->ps)
		for (int q = 0; q < S->p->npersons; q++)
			free(S->ps[q].segs);
	free(S->ps);
	free(S->person);
	free(S->ci);
	free(S->level);
	free(S->base_level);
	free(S->base_h);
	free(S->base_v);
	free(S->move);
	free(S->stamp);
	free(S->pts);
	free(S->tmp);
	free(S->ubar);
}

int alloc_solve(const struct alloc_problem *p, const struct alloc_opts *o, struct alloc_solution *s)
{
	struct alloc_opts def;
	if (!o) {
		alloc_opts_default(&def);
		o = &def;
	}
	memset(s, 0, sizeof(*s));
	struct solver S = {.p = p, .o = o, .start = clock()};
	size_t n = (size_t)(p->nitems ? p->nitems : 1), np = (size_t)(p->npersons ? p->npersons : 1);
	S.ps = xcalloc(np, sizeof(*S.ps));
	S.person = xmalloc(n * sizeof(int32_t));
	S.ci = xmalloc(n * sizeof(int32_t));
	S.level = xcalloc(n, sizeof(int16_t));
	S.base_level = xcalloc(n, sizeof(int16_t));
	S.base_h = xcalloc(n, sizeof(double));
	S.base_v = xcalloc(n, sizeof(double));
	S.move = xcalloc(n, 1);
	S.stamp = xcalloc(n, sizeof(uint32_t));
	for (int c = 0; c < p->nclasses; c++)
		if (p->classes[c].nlev > S.maxlev)
			S.maxlev = p->classes[c].nlev;
	S.pts = xmalloc((size_t)(S.maxlev ? S.maxlev : 1) * sizeof(struct pt));
	S.tmp = xmalloc((size_t)(S.maxlev ? S.maxlev : 1) * 2 * sizeof(struct seg));
	for (int q = 0; q < p->npersons; q++)
		if (p->persons[q].group + 1 > S.ngroups)
			S.ngroups = p->persons[q].group + 1;
	S.ubar = xcalloc((size_t)(S.ngroups ? S.ngroups : 1), sizeof(double));
	initial(&S);
	search(&S);
	balance(&S);
	search(&S);
	/* The solution. */
	s->person = S.person;
	s->level = S.level;
	s->move = S.move;
	S.person = NULL;
	S.level = NULL;
	S.move = NULL;
	s->hours = xcalloc(n, sizeof(double));
	s->value = xcalloc(n, sizeof(double));
	s->load = xcalloc(np, sizeof(double));
	s->price = xcalloc(np, sizeof(double));
	for (int32_t i = 0; i < p->nitems; i++) {
		if (s->person[i] < 0) {
			s->level[i] = -1;
			continue;
		}
		s->hours[i] = alloc_hours(p, i, S.ci[i], s->level[i]);
		s->value[i] = alloc_value(p, i, s->level[i]);
		s->value_sum += s->value[i];
		double mc = move_cost(p, i, s->person[i]);
		s->objective += s->value[i] - mc;
		s->moved += p->items[i].from >= 0 && s->person[i] != p->items[i].from;
		s->load[s->person[i]] += s->hours[i];
	}
	for (int q = 0; q < p->npersons; q++)
		s->price[q] = S.ps[q].price;
	s->evaluations = S.evaluations;
	s->stopped = S.stopped;
	solver_free(&S);
	return 0;
}

void alloc_solution_free(struct alloc_solution *s)
{
	if (!s)
		return;
	free(s->person);
	free(s->level);
	free(s->move);
	free(s->hours);
	free(s->value);
	free(s->load);
	free(s->price);
	memset(s, 0, sizeof(*s));
}

static int seg_cmp(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	return seg_before(x, y) ? -1 : seg_before(y, x) ? 1 : 0;
}

void alloc_person_values(const struct alloc_problem *p, const struct alloc_solution *s, int person,
                         const double *caps, int n, double *values)
{
	struct solver S = {.p = p};
	for (int c = 0; c < p->nclasses; c++)
		if (p->classes[c].nlev > S.maxlev)
			S.maxlev = p->classes[c].nlev;
	size_t ni = (size_t)(p->nitems ? p->nitems : 1);
	S.ps = xcalloc((size_t)(p->npersons ? p->npersons : 1), sizeof(*S.ps));
	S.pts = xmalloc((size_t)(S.maxlev ? S.maxlev : 1) * sizeof(struct pt));
	S.tmp = xmalloc((size_t)(S.maxlev ? S.maxlev : 1) * 2 * sizeof(struct seg));
	S.stamp = xcalloc(ni, sizeof(uint32_t));
	S.base_h = xcalloc(ni, sizeof(double));
	S.base_v = xcalloc(ni, sizeof(double));
	struct pstate *P = &S.ps[person];
	for (int32_t i = 0; i < p->nitems; i++) {
		if (s->person[i] != person)
			continue;
		int ci = cand_index(&p->items[i], person);
		int16_t bl;
		double bh, bv;
		int k = hull(&S, i, ci, S.tmp, &bl, &bh, &bv);
		if (P->nseg + k > P->cap) {
			P->cap = (P->nseg + k) * 2 + 16;
			P->segs = xreallocarray(P->segs, (size_t)P->cap, sizeof(struct seg));
		}
		memcpy(&P->segs[P->nseg], S.tmp, (size_t)k * sizeof(struct seg));
		P->nseg += k;
		P->base_h += bh;
		P->base_v += bv;
	}
	qsort(P->segs, (size_t)P->nseg, sizeof(struct seg), seg_cmp);
	for (int k = 0; k < n; k++)
		values[k] = walk(&S, person, -1, NULL, 0, 0, 0, caps[k], false, NULL, NULL);
	free(P->segs);
	free(S.ps);
	free(S.pts);
	free(S.tmp);
	free(S.stamp);
	free(S.base_h);
	free(S.base_v);
}
