/* potential.c — the potential axis (see potential.h): given, wallet, peer
 * estimate (Perlich et al. 2007, high-quantile wallet), unknown.
 *
 * The estimate works per peer group: every group's quantile is computed
 * once from the peers sorted by (group, value), so a million customers cost
 * a few sorts, not a million. Industries match ignoring ASCII case and
 * surrounding spaces. */
#include "core/potential.h"
#include "core/category.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int potential_size_band(int64_t employees)
{
	if (employees < 1)
		return -1;
	if (employees < 10)
		return 0;
	if (employees < 50)
		return 1;
	if (employees < 250)
		return 2;
	return 3;
}

double potential_quantile(const double *sorted, size_t n, double q)
{
	if (q <= 0)
		return sorted[0];
	if (q >= 1)
		return sorted[n - 1];
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

/* --- industries to dense ids ------------------------------------------------ */

struct intern {
	const char **key; /* normalized pointers into the customers' strings */
	size_t *len;
	int32_t *id;
	size_t cap, n;
};

static void span_trim(const char *s, const char **p, size_t *n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t k = strlen(s);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	*p = s;
	*n = k;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static uint64_t span_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)fold((unsigned char)p[i]);
		h *= 1099511628211ull;
	}
	return h;
}

static int span_eq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The id of an industry string (new ids count up from 0), or -1 for
 * NULL/blank. */
static int32_t intern_id(struct intern *t, const char *s)
{
	if (!s)
		return -1;
	const char *p;
	size_t n;
	span_trim(s, &p, &n);
	if (n == 0)
		return -1;
	if ((t->n + 1) * 2 > t->cap) {
		struct intern g = {0};
		g.cap = t->cap ? t->cap * 2 : 64;
		g.key = xcalloc(g.cap, sizeof(*g.key));
		g.len = xcalloc(g.cap, sizeof(*g.len));
		g.id = xcalloc(g.cap, sizeof(*g.id));
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->key[i])
				continue;
			size_t h = (size_t)span_hash(t->key[i], t->len[i]) & (g.cap - 1);
			while (g.key[h])
				h = (h + 1) & (g.cap - 1);
			g.key[h] = t->key[i];
			g.len[h] = t->len[i];
			g.id[h] = t->id[i];
		}
		g.n = t->n;
		free(t->key);
		free(t->len);
		free(t->id);
		*t = g;
	}
	size_t h = (size_t)span_hash(p, n) & (t->cap - 1);
	while (t->key[h]) {
		if (span_eq(t->key[h], t->len[h], p, n))
			return t->id[h];
		h = (h + 1) & (t->cap - 1);
	}
	t->key[h] = p;
	t->len[h] = n;
	t->id[h] = (int32_t)t->n++;
	return t->id[h];
}

static void intern_free(struct intern *t)
{
	free(t->key);
	free(t->len);
	free(t->id);
}

/* --- group quantiles -------------------------------------------------------- */

struct kv {
	int64_t key;
	double v;
};

static int kv_cmp(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* One peer group: its key, number of peers and quantile. */
struct group {
	int64_t key;
	size_t count;
	double q;
};

struct groups {
	struct group *g;
	size_t n;
};

/* Sorts the m (key, value) pairs and reduces each key to its count and
 * q-quantile. Consumes kv's order. */
static struct groups groups_build(struct kv *kv, size_t m, double q)
{
	struct groups gs = {0};
	if (m == 0)
		return gs;
	qsort(kv, m, sizeof(*kv), kv_cmp);
	gs.g = xreallocarray(NULL, m, sizeof(*gs.g));
	double *vals = xreallocarray(NULL, m, sizeof(*vals));
	size_t i = 0;
	while (i < m) {
		size_t j = i;
		while (j < m && kv[j].key == kv[i].key) {
			vals[j - i] = kv[j].v;
			j++;
		}
		gs.g[gs.n].key = kv[i].key;
		gs.g[gs.n].count = j - i;
		gs.g[gs.n].q = potential_quantile(vals, j - i, q);
		gs.n++;
		i = j;
	}
	free(vals);
	return gs;
}

static const struct group *groups_find(const struct groups *gs, int64_t key)
{
	size_t lo = 0, hi = gs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (gs->g[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < gs->n && gs->g[lo].key == key ? &gs->g[lo] : NULL;
}

/* The two kinds of estimate: per employee (customer's employees known) and
 * per customer (revenue, employees unknown). */
enum { MODE_EMP = 0, MODE_REV = 1 };

/* Group key of peer/customer i at a level, or -1 when i has no such key. */
static int64_t level_key(int level, int32_t ind, int band)
{
	switch (level) {
	case PEER_INDUSTRY_SIZE:
		return ind >= 0 && band >= 0 ? (int64_t)ind * 4 + band : -1;
	case PEER_INDUSTRY:
		return ind >= 0 ? ind : -1;
	case PEER_SIZE:
		return band >= 0 ? band : -1;
	case PEER_ALL:
		return 0;
	default:
		return -1;
	}
}

/* Builds the groups of one mode and level over the peers. */
static struct groups build_level(const struct customer *cs, size_t n, const int64_t *annual,
                                 const int32_t *ind, const int8_t *band, int mode, int level,
                                 double q, struct kv *scratch)
{
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		if (annual[j] <= 0)
			continue;
		if (mode == MODE_EMP && band[j] < 0)
			continue;
		int64_t key = level_key(level, ind[j], band[j]);
		if (key < 0)
			continue;
		scratch[m].key = key;
		scratch[m].v = mode == MODE_EMP ? (double)annual[j] / (double)cs[j].employees
		                                : (double)annual[j];
		m++;
	}
	return groups_build(scratch, m, q);
}

void potential_compute(const struct customer *cs, size_t n, const int64_t *annual, double q,
                       int64_t *potential, uint8_t *source, uint8_t *level)
{
	int32_t *ind = xreallocarray(NULL, n ? n : 1, sizeof(*ind));
	int8_t *band = xreallocarray(NULL, n ? n : 1, sizeof(*band));
	struct intern it = {0};
	size_t need = 0;
	for (size_t i = 0; i < n; i++) {
		const struct customer *c = &cs[i];
		ind[i] = intern_id(&it, c->industry);
		band[i] = (int8_t)potential_size_band(c->employees);
		if (level)
			level[i] = PEER_NONE;
		if (c->has_potential) {
			potential[i] = c->potential;
			source[i] = POTSRC_GIVEN;
		} else if (c->has_wallet) {
			int64_t d = c->wallet - annual[i];
			potential[i] = d > 0 ? d : 0;
			source[i] = POTSRC_WALLET;
		} else {
			potential[i] = 0;
			source[i] = POTSRC_UNKNOWN;
			if (ind[i] >= 0 || band[i] >= 0)
				need++;
		}
	}
	if (need > 0) {
		/* groups[mode][level], built for every level a customer may use */
		struct groups gs[2][PEER_LEVEL_COUNT];
		memset(gs, 0, sizeof(gs));
		struct kv *scratch = xreallocarray(NULL, n, sizeof(*scratch));
		for (int l = PEER_INDUSTRY_SIZE; l < PEER_LEVEL_COUNT; l++) {
			gs[MODE_EMP][l] =
			    build_level(cs, n, annual, ind, band, MODE_EMP, l, q, scratch);
			if (l == PEER_INDUSTRY || l == PEER_ALL)
				gs[MODE_REV][l] =
				    build_level(cs, n, annual, ind, band, MODE_REV, l, q, scratch);
		}
		free(scratch);
		for (size_t i = 0; i < n; i++) {
			if (source[i] != POTSRC_UNKNOWN || (ind[i] < 0 && band[i] < 0))
				continue;
			int mode = band[i] >= 0 ? MODE_EMP : MODE_REV;
			for (int l = PEER_INDUSTRY_SIZE; l < PEER_LEVEL_COUNT; l++) {
				int64_t key = level_key(l, ind[i], band[i]);
				if (key < 0)
					continue;
				const struct group *g = groups_find(&gs[mode][l], key);
				if (!g || g->count < POTENTIAL_MIN_PEERS)
					continue;
				double wallet =
				    mode == MODE_EMP ? g->q * (double)cs[i].employees : g->q;
				int64_t w = (int64_t)llround(wallet);
				potential[i] = w > annual[i] ? w - annual[i] : 0;
				source[i] = POTSRC_ESTIMATED;
				if (level)
					level[i] = (uint8_t)l;
				break;
			}
		}
		for (int m = 0; m < 2; m++)
			for (int l = 0; l < PEER_LEVEL_COUNT; l++)
				free(gs[m][l].g);
	}
	intern_free(&it);
	free(ind);
	free(band);
}
