/* alloc.c — the capacity-constrained allocation (alloc.h).
 *
 * State: every item sits with one person; each person keeps the hull
 * segments of its items (the steps from an item's cheapest level up its
 * upper concave hull of (hours, value)) sorted by value per hour, with
 * running sums of hours and value. The person's value while searching is
 * the linear relaxation of its knapsack: segments in that order until the
 * capacity is used, the last in part — the marginal analysis. Its slope is
 * the person's price: what one more hour is worth. With the running sums a
 * person's value without one item and with another is found by binary
 * search in a few steps per segment involved, so every move considered is
 * evaluated exactly (on the relaxation); the prices only screen which
 * moves to consider (what the item earns at the new person's price minus
 * what it earns at the old one's). At the end each person's levels are the
 * whole steps of a greedy walk down the list: take a segment when it fits,
 * else stop that item there and go on with the others.
 *
 * Phases: (A) every item starts with its current person when that person
 * is a candidate; the rest are placed in rounds, each where it earns most
 * at the prices of the round; (B) relocations and swaps until none
 * improves; (C) loads of a group brought within the balance band; (B)
 * again, keeping the band. Deterministic: items in index order, ties to
 * the lower index; a move that changes nothing for the two persons since it
 * was last turned down is not looked at again. */
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
	double *H, *V; /* nseg + 1 running sums of dh and dv */
	int nseg, cap;
	double base_h, base_v; /* sums of the items' cheapest points */
	double value, used, price;
	int32_t *items; /* the person's items */
	int nitems, capitems;
	long changed; /* the move counter when the person last changed */
};

struct pt {
	double h, g;
	int16_t l;
};

struct solver {
	const struct alloc_problem *p;
	struct pstate *ps;
	int32_t *person, *ci, *slot; /* slot: the item's place in its person's items */
	int16_t *level, *base_level;
	double *base_h, *base_v;
	uint8_t *move;
	long *seen; /* the move counter when the item's moves were last turned down */
	long moves; /* moves made so far */
	uint32_t *stamp, gen;
	struct pt *pts;
	struct seg *tmp; /* hulls being evaluated (2 x maxlev) */
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
		while (k > 0 &&
		       (pts[k - 1].h > x.h || (pts[k - 1].h == x.h && pts[k - 1].g < x.g))) {
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
			double cross =
			    (b->h - a->h) * (c->g - a->g) - (b->g - a->g) * (c->h - a->h);
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
	const struct alloc_item *it = &S->p->items[i];
	const struct alloc_class *c = &S->p->classes[it->cls];
	double best = -INFINITY, bh = 0, a = it->a[ci];
	int only = it->pin >= 0 ? it->pin_level : -1;
	for (int l = 0; l < c->nlev; l++) {
		double vis = c->visits[l];
		if ((only >= 0 && l != only) || (vis > 0 && a < 0))
			continue;
		double h = vis > 0 ? vis * a + c->fixed[l] : c->fixed[l];
		double v = it->base + it->span * c->g[l] - price * h;
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

static void prefix(struct pstate *P)
{
	P->H[0] = P->V[0] = 0;
	for (int j = 0; j < P->nseg; j++) {
		P->H[j + 1] = P->H[j] + P->segs[j].dh;
		P->V[j + 1] = P->V[j] + P->segs[j].dv;
	}
}

/* The number of the person's segments before s in the list's order. */
static int lower(const struct pstate *P, const struct seg *s)
{
	int lo = 0, hi = P->nseg;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (seg_before(&P->segs[mid], s))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A change to a person's list: an item's segments out (rem, at their
 * positions rp, with its cheapest point rem_h, rem_v) and another's in
 * (add, sorted, cheapest point add_h, add_v). */
struct change {
	const struct seg *rem, *add;
	int nrem, nadd;
	int rp[512],
	    ap[512]; /* positions in the list: of the removed, and the count before each added */
	double rem_h, rem_v, add_h, add_v;
};

/* The linear relaxation of person P's knapsack at capacity cap after the
 * change ch (NULL: as it is): the value; *used hours and *price (the slope
 * at the capacity, 0 with room left) when not NULL. */
static double lp(const struct pstate *P, double cap, const struct change *ch, double *used,
                 double *price)
{
	int nr = ch ? ch->nrem : 0, na = ch ? ch->nadd : 0;
	double base_h = P->base_h + (ch ? ch->add_h - ch->rem_h : 0);
	double base_v = P->base_v + (ch ? ch->add_v - ch->rem_v : 0);
	double avail = cap - base_h;
	double totH = P->H[P->nseg], totV = P->V[P->nseg];
	for (int t = 0; t < nr; t++) {
		totH -= ch->rem[t].dh;
		totV -= ch->rem[t].dv;
	}
	for (int t = 0; t < na; t++) {
		totH += ch->add[t].dh;
		totV += ch->add[t].dv;
	}
	if (totH <= avail + tol(cap)) { /* everything fits */
		if (used)
			*used = base_h + totH;
		if (price)
			*price = 0;
		return base_v + totV;
	}
	if (used)
		*used = cap > base_h ? cap : base_h;
	if (avail <= 0) { /* not even the cheapest points fit (pins) */
		if (price) {
			double s = P->nseg ? P->segs[0].slope : 0;
			if (na && ch->add[0].slope > s)
				s = ch->add[0].slope;
			*price = s;
		}
		return base_v;
	}
	/* Added segments first: does one of them reach the capacity? */
	for (int j = 0; j < na; j++) {
		int pos = ch->ap[j];
		double hb = P->H[pos], vb = P->V[pos];
		for (int t = 0; t < nr && ch->rp[t] < pos; t++) {
			hb -= ch->rem[t].dh;
			vb -= ch->rem[t].dv;
		}
		for (int t = 0; t < j; t++) {
			hb += ch->add[t].dh;
			vb += ch->add[t].dv;
		}
		if (hb <= avail && avail < hb + ch->add[j].dh) {
			if (price)
				*price = ch->add[j].slope;
			return base_v + vb + (avail - hb) * ch->add[j].slope;
		}
	}
	/* Else the first of the list's own whose end passes the capacity. */
	if (P->nseg == 0) {
		if (price)
			*price = 0;
		return base_v + totV;
	}
	int lo = 0, hi = P->nseg - 1;
	while (lo < hi) {
		int x = lo + (hi - lo) / 2;
		double e = P->H[x + 1];
		for (int t = 0; t < nr && ch->rp[t] <= x; t++)
			e -= ch->rem[t].dh;
		for (int t = 0; t < na && ch->ap[t] <= x; t++)
			e += ch->add[t].dh;
		if (e > avail)
			hi = x;
		else
			lo = x + 1;
	}
	int x = lo;
	double hb = P->H[x], vb = P->V[x];
	for (int t = 0; t < nr && ch->rp[t] < x; t++) {
		hb -= ch->rem[t].dh;
		vb -= ch->rem[t].dv;
	}
	for (int t = 0; t < na && ch->ap[t] <= x; t++) {
		hb += ch->add[t].dh;
		vb += ch->add[t].dv;
	}
	if (price)
		*price = P->segs[x].slope;
	double part = avail - hb;
	if (part < 0)
		part = 0;
	if (part > P->segs[x].dh)
		part = P->segs[x].dh;
	return base_v + vb + part * P->segs[x].slope;
}

static void refresh(struct solver *S, int person)
{
	struct pstate *P = &S->ps[person];
	prefix(P);
	P->value = lp(P, S->p->persons[person].cap, NULL, &P->used, &P->price);
	P->changed = S->moves;
}

static void list_room(struct pstate *P, int more)
{
	if (P->nseg + more <= P->cap)
		return;
	P->cap = (P->nseg + more) * 2 + 16;
	P->segs = xreallocarray(P->segs, (size_t)P->cap, sizeof(struct seg));
	P->H = xreallocarray(P->H, (size_t)P->cap + 1, sizeof(double));
	P->V = xreallocarray(P->V, (size_t)P->cap + 1, sizeof(double));
}

static void items_add(struct solver *S, struct pstate *P, int32_t i)
{
	if (P->nitems == P->capitems) {
		P->capitems = P->capitems ? 2 * P->capitems : 16;
		P->items = xreallocarray(P->items, (size_t)P->capitems, sizeof(int32_t));
	}
	S->slot[i] = P->nitems;
	P->items[P->nitems++] = i;
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
	int32_t last = P->items[--P->nitems];
	P->items[S->slot[i]] = last;
	S->slot[last] = S->slot[i];
}

/* Records item i as placed with person (its ci-th candidate) at its base
 * level bl, whose hours and value are bh and bv. */
static void seat_item(struct solver *S, struct pstate *P, int32_t i, int ci, int32_t person,
                      int16_t bl, double bh, double bv)
{
	S->person[i] = person;
	S->ci[i] = ci;
	S->base_level[i] = bl;
	S->level[i] = bl;
	S->base_h[i] = bh;
	S->base_v[i] = bv;
	P->base_h += bh;
	P->base_v += bv;
	items_add(S, P, i);
}

/* Puts item i with its ci-th candidate: its hull is computed here and
 * merged into the person's list (the running sums are left to refresh). */
static void insert_item(struct solver *S, int32_t i, int ci)
{
	int32_t person = S->p->items[i].cand[ci];
	struct pstate *P = &S->ps[person];
	int16_t bl;
	double bh, bv;
	int n = hull(S, i, ci, S->tmp, &bl, &bh, &bv);
	list_room(P, n);
	int a = P->nseg - 1, b = n - 1, w = P->nseg + n - 1; /* merge from the back */
	while (b >= 0) {
		if (a >= 0 && seg_before(&S->tmp[b], &P->segs[a]))
			P->segs[w--] = P->segs[a--];
		else
			P->segs[w--] = S->tmp[b--];
	}
	P->nseg += n;
	seat_item(S, P, i, ci, person, bl, bh, bv);
}

static int seg_cmp(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	return seg_before(x, y) ? -1 : seg_before(y, x) ? 1 : 0;
}

/* Puts item i with its ci-th candidate like insert_item, but appends its
 * segments unsorted: settle() sorts them in. */
static void append_item(struct solver *S, int32_t i, int ci)
{
	int32_t person = S->p->items[i].cand[ci];
	struct pstate *P = &S->ps[person];
	int16_t bl;
	double bh, bv;
	list_room(P, S->maxlev);
	int n = hull(S, i, ci, &P->segs[P->nseg], &bl, &bh, &bv);
	P->nseg += n;
	seat_item(S, P, i, ci, person, bl, bh, bv);
}

/* Sorts the segments from `from` on and merges them with the sorted ones
 * before. */
static void settle(struct pstate *P, int from)
{
	int n = P->nseg;
	if (from >= n)
		return;
	qsort(&P->segs[from], (size_t)(n - from), sizeof(struct seg), seg_cmp);
	if (from == 0)
		return;
	struct seg *tmp = xmalloc((size_t)n * sizeof(struct seg));
	int a = 0, b = from, w = 0;
	while (a < from || b < n)
		tmp[w++] = b >= n || (a < from && !seg_before(&P->segs[b], &P->segs[a]))
		               ? P->segs[a++]
		               : P->segs[b++];
	memcpy(P->segs, tmp, (size_t)n * sizeof(struct seg));
	free(tmp);
}

/* Item i's hull at its ci-th candidate into buf (*n segments, cheapest point
 * *h, *v), with each segment's place in that person's list into pos. */
static int hull_placed(struct solver *S, int32_t i, int ci, struct seg *buf, int *pos, double *h,
                       double *v)
{
	const struct pstate *P = &S->ps[S->p->items[i].cand[ci]];
	int16_t bl;
	int n = hull(S, i, ci, buf, &bl, h, v);
	for (int t = 0; t < n; t++)
		pos[t] = lower(P, &buf[t]);
	return n;
}

/* The change of removing item i (at its person) into ch (rem in buf). */
static void change_remove(struct solver *S, int32_t i, struct seg *buf, struct change *ch)
{
	ch->nrem = hull_placed(S, i, S->ci[i], buf, ch->rp, &ch->rem_h, &ch->rem_v);
	ch->rem = buf;
}

/* The change of adding item i at its ci-th candidate into ch (add in buf). */
static void change_add(struct solver *S, int32_t i, int ci, struct seg *buf, struct change *ch)
{
	ch->nadd = hull_placed(S, i, ci, buf, ch->ap, &ch->add_h, &ch->add_v);
	ch->add = buf;
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

/* Gain of moving i to its cq-th candidate; *up, *uq the hours after. */
static double gain_relocate(struct solver *S, int32_t i, int cq, double *up, double *uq)
{
	const struct alloc_problem *p = S->p;
	int32_t from = S->person[i], to = p->items[i].cand[cq];
	struct change out = {0}, in = {0};
	S->evaluations++;
	change_remove(S, i, S->tmp, &out);
	change_add(S, i, cq, S->tmp + S->maxlev, &in);
	double vp = lp(&S->ps[from], p->persons[from].cap, &out, up, NULL);
	double vq = lp(&S->ps[to], p->persons[to].cap, &in, uq, NULL);
	return vp + vq - S->ps[from].value - S->ps[to].value - move_cost(p, i, to) +
	       move_cost(p, i, from);
}

static void note_move(struct solver *S, int32_t i, int32_t to, enum alloc_move why)
{
	int32_t f = S->p->items[i].from;
	if (to == f)
		S->move[i] = AM_NONE;
	else if (S->move[i] != AM_PLACED)
		S->move[i] = (uint8_t)why;
}

static void apply_relocate(struct solver *S, int32_t i, int cq, enum alloc_move why)
{
	int32_t from = S->person[i], to = S->p->items[i].cand[cq];
	S->moves++;
	remove_item(S, from, i);
	insert_item(S, i, cq);
	refresh(S, from);
	refresh(S, to);
	note_move(S, i, to, why);
}

static double min_gain(const struct solver *S, int32_t a, int32_t b)
{
	return 1e-9 * (fabs(S->ps[a].value) + fabs(S->ps[b].value)) + 1e-6;
}

/* Whether item i at its person or candidate person q changed since its
 * moves were last turned down. */
static bool fresh(const struct solver *S, int32_t i, int32_t q)
{
	return S->ps[S->person[i]].changed >= S->seen[i] || S->ps[q].changed >= S->seen[i];
}

/* One pass of relocations: every item, its best candidates by estimate,
 * evaluated. Returns the number of moves made. */
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
			int32_t q = it->cand[k];
			if (k == S->ci[i] || !fresh(S, i, q))
				continue;
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
		bool moved = false;
		for (int t = 0; t < 2 && best[t] >= 0 && !moved; t++) {
			double up, uq;
			int32_t q = it->cand[best[t]];
			double gain = gain_relocate(S, i, best[t], &up, &uq);
			if (gain > min_gain(S, from, q) && band_ok(S, from, up, q, uq)) {
				apply_relocate(S, i, best[t], AM_CAPACITY);
				moves++;
				moved = true;
			}
		}
		if (!moved)
			S->seen[i] = S->moves + 1;
	}
	return moves;
}

/* Gain of swapping items i (at p) and j (at q); ciq and cjp the candidate
 * indexes of q for i and of p for j. */
static double gain_swap(struct solver *S, int32_t i, int ciq, int32_t j, int cjp, double *up,
                        double *uq)
{
	const struct alloc_problem *p = S->p;
	int32_t pi = S->person[i], qj = S->person[j];
	int m = S->maxlev;
	struct change atp = {0}, atq = {0};
	S->evaluations++;
	change_remove(S, i, S->tmp, &atp);
	change_add(S, j, cjp, S->tmp + m, &atp);
	change_remove(S, j, S->tmp + 2 * m, &atq);
	change_add(S, i, ciq, S->tmp + 3 * m, &atq);
	double vp = lp(&S->ps[pi], p->persons[pi].cap, &atp, up, NULL);
	double vq = lp(&S->ps[qj], p->persons[qj].cap, &atq, uq, NULL);
	return vp + vq - S->ps[pi].value - S->ps[qj].value - move_cost(p, i, qj) -
	       move_cost(p, j, pi) + move_cost(p, i, pi) + move_cost(p, j, qj);
}

struct want {
	double est;
	int32_t item;
	int cand; /* the other person's index in the item's candidates */
};

#define SWAP_TOP 3

static void want_add(struct want *w, int *n, int top, struct want x)
{
	int k;
	if (*n < top)
		k = (*n)++;
	else if (w[top - 1].est < x.est)
		k = top - 1;
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

/* One pass of swaps: for every pair of persons of a group, the few items of
 * each that most want the other, each combination evaluated. Returns the
 * number of swaps made. */
static int swap_pass(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	int np = p->npersons, swaps = 0;
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
			want_add(&wants[at * SWAP_TOP], &nw[at], SWAP_TOP, (struct want){e, i, k});
		}
	}
	for (int a = 0; a < np && !out_of_time(S); a++) {
		for (int b = a + 1; b < np; b++) {
			size_t ab = (size_t)a * (size_t)np + (size_t)b,
			       ba = (size_t)b * (size_t)np + (size_t)a;
			bool done = false;
			for (int x = 0; x < nw[ab] && !done; x++) {
				for (int y = 0; y < nw[ba] && !done; y++) {
					struct want *wi = &wants[ab * SWAP_TOP + x],
					            *wj = &wants[ba * SWAP_TOP + y];
					if (wi->est + wj->est <= worth(wi->est) ||
					    S->person[wi->item] != a || S->person[wj->item] != b)
						continue;
					double ua, ub;
					double gain = gain_swap(S, wi->item, wi->cand, wj->item,
					                        wj->cand, &ua, &ub);
					if (gain > min_gain(S, a, b) && band_ok(S, a, ua, b, ub)) {
						int32_t i = wi->item, j = wj->item;
						S->moves++;
						remove_item(S, a, i);
						remove_item(S, b, j);
						insert_item(S, i, wi->cand);
						insert_item(S, j, wj->cand);
						refresh(S, a);
						refresh(S, b);
						note_move(S, i, b, AM_CAPACITY);
						note_move(S, j, a, AM_CAPACITY);
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

/* The moves of item i (at `at`) into the balance candidates top[]: to q in
 * the group (only `only` when >= 0), by estimate. */
static void balance_wants(struct solver *S, int32_t i, int g, bool high, int32_t only,
                          struct want *top, int *ntop)
{
	const struct alloc_problem *p = S->p;
	const struct alloc_item *it = &p->items[i];
	int32_t at = S->person[i];
	double here = profit(S, i, S->ci[i], S->ps[at].price) - move_cost(p, i, at);
	for (int k = 0; k < it->ncand; k++) {
		int32_t q = it->cand[k];
		if (q == at || p->persons[q].group != g || (only >= 0 && q != only))
			continue;
		if (high && share(S, q, S->ps[q].used) >= S->ubar[g])
			continue;
		double e = profit(S, i, k, S->ps[q].price) - move_cost(p, i, q) - here;
		want_add(top, ntop, BALANCE_TRIES, (struct want){e, i, k});
	}
}

/* Moves items from the person furthest outside the band: from one above it
 * to a person of the group below the mean, or into one below it from a
 * person above the mean; of the moves that bring both closer, the one that
 * costs least (the few best by estimate, evaluated). Until every person is
 * in the band or no move brings anyone closer. */
static void balance(struct solver *S)
{
	const struct alloc_problem *p = S->p;
	if (p->balance <= 0)
		return;
	struct want top[BALANCE_TRIES];
	bool *stuck = xcalloc((size_t)(p->npersons ? p->npersons : 1), sizeof(bool));
	for (int round = 0; round < 4 * p->nitems + 16 && !out_of_time(S); round++) {
		group_means(S);
		int worst = -1;
		double wx = 0;
		for (int q = 0; q < p->npersons; q++) {
			if (p->persons[q].cap <= 0 || stuck[q])
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
		bool high = share(S, worst, S->ps[worst].used) > S->ubar[g];
		int ntop = 0;
		if (high) {
			const struct pstate *W = &S->ps[worst];
			for (int k = 0; k < W->nitems; k++)
				if (p->items[W->items[k]].pin < 0)
					balance_wants(S, W->items[k], g, true, -1, top, &ntop);
		} else {
			for (int q = 0; q < p->npersons; q++) {
				if (p->persons[q].group != g || q == worst ||
				    share(S, q, S->ps[q].used) <= S->ubar[g])
					continue;
				const struct pstate *Q = &S->ps[q];
				for (int k = 0; k < Q->nitems; k++)
					if (p->items[Q->items[k]].pin < 0)
						balance_wants(S, Q->items[k], g, false, worst, top,
						              &ntop);
			}
		}
		double best_gain = -INFINITY;
		int best = -1;
		for (int t = 0; t < ntop; t++) {
			int32_t i = top[t].item, at = S->person[i],
			        q = p->items[i].cand[top[t].cand];
			double up, uq;
			double gain = gain_relocate(S, i, top[t].cand, &up, &uq);
			double before = excess(S, g, share(S, at, S->ps[at].used)) +
			                excess(S, g, share(S, q, S->ps[q].used));
			double after =
			    excess(S, g, share(S, at, up)) + excess(S, g, share(S, q, uq));
			if (after < before - 1e-12 && gain > best_gain) {
				best_gain = gain;
				best = t;
			}
		}
		if (best < 0) {
			stuck[worst] = true; /* nothing brings this one closer: see to the others */
			continue;
		}
		apply_relocate(S, top[best].item, top[best].cand, AM_BALANCE);
	}
	free(stuck);
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

/* The candidate where item i earns most at the current prices: ties to the
 * fewer hours (less travel), then the lighter load, then the first. */
static int best_candidate(struct solver *S, int32_t i)
{
	const struct alloc_problem *p = S->p;
	const struct alloc_item *it = &p->items[i];
	int best = 0;
	double bv = -INFINITY, bs = 0, bh = 0;
	for (int k = 0; k < it->ncand; k++) {
		int32_t q = it->cand[k];
		double h;
		double v = profit_hours(S, i, k, S->ps[q].price, &h) - move_cost(p, i, q);
		double sh = share(S, q, S->ps[q].used);
		double t = k == 0 ? 0 : 1e-9 * (fabs(bv) + 1);
		if (k == 0 || v > bv + t ||
		    (v >= bv - t && (h < bh - 1e-9 || (h <= bh + 1e-9 && sh < bs)))) {
			bv = v;
			bs = sh;
			bh = h;
			best = k;
		}
	}
	return best;
}

/* Phase A: current persons stay; the others are placed in rounds, each
 * where it earns most at the prices of the round (the largest at stake
 * first), the prices updated after each round. */
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
		int k = it->pin >= 0    ? cand_index(it, it->pin)
		        : it->from >= 0 ? cand_index(it, it->from)
		                        : -1;
		if (it->pin >= 0 && k < 0)
			k = 0;
		if (k >= 0) {
			append_item(S, i, k);
			S->move[i] = S->person[i] == it->from ? AM_NONE : AM_PLACED;
		} else {
			rest[nrest++] = (struct order_key){it->span, i};
		}
	}
	for (int q = 0; q < p->npersons; q++) {
		settle(&S->ps[q], 0);
		refresh(S, q);
	}
	qsort(rest, (size_t)nrest, sizeof(*rest), by_stake);
	int *choice = xmalloc((size_t)(nrest ? nrest : 1) * sizeof(int));
	int *mark = xmalloc((size_t)(p->npersons ? p->npersons : 1) * sizeof(int));
	for (int q = 0; q < p->npersons; q++)
		mark[q] = -1;
	int chunk = nrest / 64 > 32 ? nrest / 64 : 32;
	for (int r0 = 0; r0 < nrest; r0 += chunk) {
		int r1 = r0 + chunk < nrest ? r0 + chunk : nrest;
		for (int r = r0; r < r1; r++)
			choice[r] = best_candidate(S, rest[r].i);
		for (int r = r0; r < r1; r++) {
			int32_t i = rest[r].i, q = p->items[i].cand[choice[r]];
			if (mark[q] < 0)
				mark[q] = S->ps[q].nseg; /* where this round's segments begin */
			append_item(S, i, choice[r]);
			S->move[i] = AM_PLACED;
		}
		for (int q = 0; q < p->npersons; q++)
			if (mark[q] >= 0) {
				settle(&S->ps[q], mark[q]);
				refresh(S, q);
				mark[q] = -1;
			}
	}
	free(choice);
	free(mark);
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

/* The final levels: each person's greedy walk in whole steps. */
static void commit_levels(struct solver *S)
{
	for (int q = 0; q < S->p->npersons; q++) {
		struct pstate *P = &S->ps[q];
		for (int k = 0; k < P->nitems; k++)
			S->level[P->items[k]] = S->base_level[P->items[k]];
		walk(S, q, -1, NULL, 0, 0, 0, S->p->persons[q].cap, true, NULL, NULL);
	}
}

static void solver_free(struct solver *S)
{
	if (S->ps)
		for (int q = 0; q < S->p->npersons; q++) {
			free(S->ps[q].segs);
			free(S->ps[q].H);
			free(S->ps[q].V);
			free(S->ps[q].items);
		}
	free(S->ps);
	free(S->person);
	free(S->ci);
	free(S->slot);
	free(S->level);
	free(S->base_level);
	free(S->base_h);
	free(S->base_v);
	free(S->move);
	free(S->seen);
	free(S->stamp);
	free(S->pts);
	free(S->tmp);
	free(S->ubar);
}

static void solver_init(struct solver *S, const struct alloc_problem *p)
{
	size_t n = (size_t)(p->nitems ? p->nitems : 1),
	       np = (size_t)(p->npersons ? p->npersons : 1);
	S->ps = xcalloc(np, sizeof(*S->ps));
	for (size_t q = 0; q < np; q++) {
		S->ps[q].H = xcalloc(1, sizeof(double));
		S->ps[q].V = xcalloc(1, sizeof(double));
		S->ps[q].changed = -1;
	}
	S->person = xmalloc(n * sizeof(int32_t));
	for (size_t i = 0; i < n; i++)
		S->person[i] = -1;
	S->ci = xmalloc(n * sizeof(int32_t));
	S->slot = xmalloc(n * sizeof(int32_t));
	S->level = xcalloc(n, sizeof(int16_t));
	S->base_level = xcalloc(n, sizeof(int16_t));
	S->base_h = xcalloc(n, sizeof(double));
	S->base_v = xcalloc(n, sizeof(double));
	S->move = xcalloc(n, 1);
	S->seen = xcalloc(n, sizeof(long));
	S->stamp = xcalloc(n, sizeof(uint32_t));
	for (int c = 0; c < p->nclasses; c++)
		if (p->classes[c].nlev > S->maxlev)
			S->maxlev = p->classes[c].nlev;
	if (S->maxlev > 512)
		S->maxlev = 512; /* struct change holds 512 positions */
	S->pts = xmalloc((size_t)(S->maxlev ? S->maxlev : 1) * sizeof(struct pt));
	S->tmp = xmalloc((size_t)(S->maxlev ? S->maxlev : 1) * 4 * sizeof(struct seg));
	for (int q = 0; q < p->npersons; q++)
		if (p->persons[q].group + 1 > S->ngroups)
			S->ngroups = p->persons[q].group + 1;
	S->ubar = xcalloc((size_t)(S->ngroups ? S->ngroups : 1), sizeof(double));
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
	solver_init(&S, p);
	initial(&S);
	search(&S);
	balance(&S);
	search(&S);
	commit_levels(&S);
	/* The solution. */
	size_t n = (size_t)(p->nitems ? p->nitems : 1),
	       np = (size_t)(p->npersons ? p->npersons : 1);
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
		s->objective += s->value[i] - move_cost(p, i, s->person[i]);
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

void alloc_person_values(const struct alloc_problem *p, const struct alloc_solution *s, int person,
                         const double *caps, int n, double *values)
{
	struct solver S = {.p = p};
	solver_init(&S, p);
	for (int32_t i = 0; i < p->nitems; i++)
		if (s->person[i] == person)
			append_item(&S, i, cand_index(&p->items[i], person));
	settle(&S.ps[person], 0);
	for (int k = 0; k < n; k++)
		values[k] = walk(&S, person, -1, NULL, 0, 0, 0, caps[k], false, NULL, NULL);
	solver_free(&S);
}
