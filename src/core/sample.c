/* sample.c — generates the sample company "Exempelgrossisten AB", a
 * wholesaler of tools, work wear and consumables, shaped like the story in
 * docs/sample.md:
 *   - field sellers (farmers, hunters) live in real Swedish towns; their
 *     customers sit at real postal codes around their homes;
 *   - customer size is heavy-tailed (lognormal employees x spend x share), so
 *     about 20 % of the customers hold about 80 % of the revenue;
 *   - orders average about 3 500 kr; activities use about 17 % of each
 *     seller's working hours on customer contact;
 *   - each field seller has old friends among small, long-standing customers
 *     and visits them often; most small customers only get the newsletter,
 *     many get nothing at all.
 * Everything comes from the parameters: own random numbers (rng.h),
 * a fixed period (ending 2026-10-31), no hash-order or clock dependence. The
 * rows go to callbacks (struct sample_sink); nothing here touches files.
 * Memory: a few dozen bytes per customer, one month of orders, and the
 * activities of the whole period (they do not grow with the customers). */
#include "core/sample.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/response.h"
#include "core/rng.h"
#include "core/sample-text.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/xmalloc.h"

/* Streams of random numbers, one per part, so parts do not disturb each other. */
enum { ST_SELLERS = 1, ST_CUSTOMERS, ST_TEXT, ST_ORDERS, ST_ACTIVITIES, ST_FRIENDS };

/* The model's constants (docs/sample.md explains each). */
#define MEAN_REVENUE 22000.0 /* kr per customer and year, over all customers */
#define AVG_ORDER 3550.0     /* kr before credit notes (which bring it to ~3 500) */
#define ORDER_SIZE_EXP 0.3   /* order value grows as revenue^0.3 */
#define CREDIT_RATE 0.015    /* credit notes per order */
#define ROAD_FACTOR 1.3      /* road km per great-circle km */
#define ROAD_KMH 65.0        /* average speed on the road */
#define JITTER_KM 2.0        /* customers lie within 2 km of their postal code's point */
#define TERRITORY_KM 60.0    /* first try of a field seller's radius */
#define TERRITORY_MIN_CODES 150
#define FRIENDS_MAX 22
#define HOURS_PER_YEAR 1720.0
#define CALL_WEIGHT RESPONSE_PHONE_WEIGHT /* a call moves orders like a fifth of a visit */

/* How orders answer to contact (the story's truth, by intended category):
 * the ADBUDG shape m(f) = rho + (1 - rho) f / (d + f), f = visits + calls x
 * CALL_WEIGHT in the month and the two before it, as a yearly rate. Key
 * accounts and prospects answer most, category 3 hardly at all. */
static const struct response_curve truth_curve[CAT_COUNT] = {
    [CAT_1] = {0.50, 1, 5},
    [CAT_2R] = {0.75, 1, 3},
    [CAT_2P] = {0.45, 1, 8},
    [CAT_3] = {0.92, 1, 2},
};

/* The first towns are the home towns of the first field sellers (the office,
 * and the customer service, is in the first). */
static const char *const home_codes[] = {
    "70225", "72220", "63302", "65231", "17081", "75315", "60234", "58273",
    "55320", "80277", "79143", "50640", "41104", "54162", "61146", "85740",
    "35233", "20941", "25452", "30237", "39247", "90422", "83184", "97328",
};
#define NHOMES ((int)(sizeof(home_codes) / sizeof(home_codes[0])))

struct pcode {
	double lat, lon;
	char code[6];
	const char *place;
};

struct sseller {
	char id[16];
	char name[64];
	char email[96];
	enum role role;
	int pc; /* postcode index of the home */
	double lat, lon;
	int vacation_week; /* first week of the summer holiday (0..2 after week 27) */
	double weight;     /* share of customers in the territory */
	int *near;         /* postcode indexes of the territory (field sellers) */
	int nnear;
};

struct scust {
	double lat, lon;    /* where it is */
	double wallet, rev; /* kr per year: what it could buy, what it buys from us */
	double order_avg;   /* kr */
	double margin_rate;
	double lambda; /* orders per year */
	int32_t pc, region, owner, friend_of;
	int32_t start, end; /* buys between these days */
	int32_t employees;
	uint8_t industry, truth, report, flags;
	int16_t open_min, close_min;
};

enum { F_EMAIL = 1, F_PHONE = 2, F_LOC = 4, F_EMPLOYEES = 8 };
enum { REPORT_POTENTIAL = 0, REPORT_BOTH, REPORT_WALLET, REPORT_NONE };

struct pick { /* a weighted list of customers */
	int32_t *idx;
	double *cum; /* cumulative weights, NULL for uniform */
	int n, cap;
};

struct field { /* what a field seller chooses from */
	struct pick friends, own3, big, prospects, own;
};

struct sact {
	int32_t day, seller, seq, cust;
	uint8_t type;
	int16_t dur, travel;
	float km;
};

struct gen {
	const struct sample_params *p;
	const struct sample_sink *sink;
	int32_t first, last, ndays;
	uint8_t *workday;
	double *cum; /* ndays + 1 cumulative order weights */
	double year_weight;
	struct pcode *pcs;
	int npcs;
	struct sseller *sel;
	int nsel, nfield, nservice, *fields, *services;
	struct scust *cust;
	int ncust;
	struct field *fl;
	struct pick service_calls;
	struct sact *acts;
	size_t nacts, capacts;
	int nmonths;       /* months of the period */
	int32_t *resp_off; /* per customer: offset into resp, -1 never contacted */
	float *resp;       /* per contacted customer and month: order-rate factor */
};

/* --- the calendar -------------------------------------------------------- */

int32_t sample_last_day(void)
{
	return days_from_ymd(2026, 10, 31);
}

int32_t sample_first_day(int months)
{
	return days_add_months(days_from_ymd(2026, 11, 1), -months);
}

/* Easter Sunday (the anonymous Gregorian algorithm). */
static void calendar(struct gen *g)
{
	/* Orders per working day relative to the year: slow July, calm December. */
	static const double month_factor[12] = {0.9,  1.0,  1.1, 1.05, 1.1,  1.0,
	                                        0.45, 0.95, 1.1, 1.1,  1.05, 0.8};
	g->workday = xcalloc((size_t)g->ndays, 1);
	g->cum = xcalloc((size_t)g->ndays + 1, sizeof(double));
	for (int32_t i = 0; i < g->ndays; i++) {
		int32_t d = g->first + i;
		int y, m, dd;
		days_to_ymd(d, &y, &m, &dd);
		g->workday[i] = days_workday_se(d);
		g->cum[i + 1] = g->cum[i] + (g->workday[i] ? month_factor[m - 1] : 0.0);
	}
	g->year_weight = g->cum[g->ndays] / ((double)g->ndays / 365.2425);
}

static int is_workday(const struct gen *g, int32_t d)
{
	return d >= g->first && d <= g->last && g->workday[d - g->first];
}

/* Weight of the days lo..hi (clamped to the period). */
static double weight(const struct gen *g, int32_t lo, int32_t hi)
{
	if (lo < g->first)
		lo = g->first;
	if (hi > g->last)
		hi = g->last;
	return hi < lo ? 0.0 : g->cum[hi - g->first + 1] - g->cum[lo - g->first];
}

/* A day in lo..hi drawn by the order weights (lo..hi must have weight). */
static int32_t draw_day(const struct gen *g, struct rng *r, int32_t lo, int32_t hi)
{
	double a = g->cum[lo - g->first], b = g->cum[hi - g->first + 1];
	double x = a + rng_unit(r) * (b - a);
	int32_t l = lo - g->first, h = hi - g->first; /* find the first i with cum[i+1] > x */
	while (l < h) {
		int32_t mid = l + (h - l) / 2;
		if (g->cum[mid + 1] > x)
			h = mid;
		else
			l = mid + 1;
	}
	return g->first + l;
}

/* Summer holiday: four weeks from early July, staggered by seller. */
static int on_vacation(const struct gen *g, const struct sseller *s, int32_t d)
{
	int y, m, dd;
	days_to_ymd(d, &y, &m, &dd);
	(void)g;
	int32_t start = days_from_ymd(y, 7, 1) + 7 * s->vacation_week;
	return d >= start && d < start + 28;
}

/* --- places -------------------------------------------------------------- */

static void load_postcodes(struct gen *g)
{
	g->npcs = geo_postcode_count();
	g->pcs = xcalloc((size_t)(g->npcs ? g->npcs : 1), sizeof(*g->pcs));
	for (int i = 0; i < g->npcs; i++)
		geo_postcode_at(i, g->pcs[i].code, &g->pcs[i].lat, &g->pcs[i].lon,
		                &g->pcs[i].place);
}

static int find_pc(const struct gen *g, const char *code)
{
	int lo = 0, hi = g->npcs - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(g->pcs[mid].code, code);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The postcodes within r km of (lat, lon), widening until there are enough. */
static int *near_codes(const struct gen *g, double lat, double lon, int *n)
{
	int *out = xreallocarray(NULL, (size_t)g->npcs, sizeof(int));
	for (double r = TERRITORY_KM;; r += 20) {
		double dlat = r / 111.0;
		*n = 0;
		for (int i = 0; i < g->npcs; i++) {
			if (fabs(g->pcs[i].lat - lat) > dlat)
				continue;
			if (geo_km(lat, lon, g->pcs[i].lat, g->pcs[i].lon) <= r)
				out[(*n)++] = i;
		}
		if (*n >= TERRITORY_MIN_CODES || *n == g->npcs || r > 1500)
			return out;
	}
}

static double road_km(double lat1, double lon1, double lat2, double lon2)
{
	return geo_km(lat1, lon1, lat2, lon2) * ROAD_FACTOR;
}

/* --- sellers ------------------------------------------------------------- */

static void make_sellers(struct gen *g)
{
	int n = g->p->sellers;
	int nservice = n >= 3 ? (n / 6 > 1 ? n / 6 : 1) : 0;
	int nhunter = n >= 2 ? (n / 4 > 1 ? n / 4 : 1) : 0;
	int nfarmer = n - nservice - nhunter;
	int width = n < 100 ? 2 : n < 1000 ? 3 : 4;
	struct rng r;
	rng_seed(&r, g->p->seed, ST_SELLERS);
	g->nsel = n;
	g->sel = xcalloc((size_t)n, sizeof(*g->sel));
	g->fields = xcalloc((size_t)n, sizeof(int));
	g->services = xcalloc((size_t)n, sizeof(int));
	for (int i = 0; i < n; i++) {
		struct sseller *s = &g->sel[i];
		snprintf(s->id, sizeof(s->id), "S%0*d", width, i + 1);
		s->role = i < nfarmer             ? ROLE_FARMER
		          : i < nfarmer + nhunter ? ROLE_HUNTER
		                                  : ROLE_SERVICE;
		for (int attempt = 0;; attempt++) { /* distinct names while there are enough */
			sample_text_person(&r, s->name, sizeof(s->name));
			int clash = 0;
			for (int k = 0; k < i && !clash; k++)
				clash = !strcmp(g->sel[k].name, s->name);
			if (!clash || attempt > 30)
				break;
		}
		int same = 1;
		for (int k = 0; k < i; k++)
			same += !strcmp(g->sel[k].name, s->name);
		sample_text_person_email(s->name, same, s->email, sizeof(s->email));
		s->vacation_week = i % 3;
		s->weight = 0.75 + 0.5 * rng_unit(&r);
		if (s->role == ROLE_SERVICE) {
			g->services[g->nservice++] = i;
			s->pc = find_pc(g, home_codes[0]);
		} else {
			int j = g->nfield;
			g->fields[g->nfield++] = i;
			s->pc = find_pc(g, home_codes[j % NHOMES]);
			if (j >= NHOMES && s->pc >= 0) { /* more sellers than towns: nearby homes */
				int nn;
				int *near =
				    near_codes(g, g->pcs[s->pc].lat, g->pcs[s->pc].lon, &nn);
				s->pc = near[rng_below(&r, (uint32_t)nn)];
				free(near);
			}
		}
		if (s->pc < 0) /* only if the table lacks the town: any code */
			s->pc = (int)rng_below(&r, (uint32_t)g->npcs);
		s->lat = g->pcs[s->pc].lat;
		s->lon = g->pcs[s->pc].lon;
		if (s->role != ROLE_SERVICE)
			s->near = near_codes(g, s->lat, s->lon, &s->nnear);
	}
}

static void emit_sellers(const struct gen *g)
{
	for (int i = 0; i < g->nsel && g->sink->seller; i++) {
		const struct sseller *s = &g->sel[i];
		char pc[7];
		snprintf(pc, sizeof(pc), "%.3s %.2s", g->pcs[s->pc].code, g->pcs[s->pc].code + 3);
		struct sample_seller out = {
		    .index = i,
		    .id = s->id,
		    .name = s->name,
		    .email = s->email,
		    .role = s->role,
		    .hours_per_year = HOURS_PER_YEAR,
		    .home_postal_code = pc,
		    .home_lat = s->lat,
		    .home_lon = s->lon,
		};
		g->sink->seller(g->sink->ctx, &out);
	}
}

/* --- customers: the numbers ---------------------------------------------- */

static int pick_industry(struct rng *r)
{
	double total = 0, x;
	for (int i = 0; i < sample_text_nindustries; i++)
		total += sample_text_industries[i].weight;
	x = rng_unit(r) * total;
	for (int i = 0; i < sample_text_nindustries; i++) {
		x -= sample_text_industries[i].weight;
		if (x < 0)
			return i;
	}
	return sample_text_nindustries - 1;
}

static int pick_field(const struct gen *g, struct rng *r)
{
	double total = 0, x;
	for (int k = 0; k < g->nfield; k++)
		total += g->sel[g->fields[k]].weight;
	x = rng_unit(r) * total;
	for (int k = 0; k < g->nfield; k++) {
		x -= g->sel[g->fields[k]].weight;
		if (x < 0)
			return g->fields[k];
	}
	return g->fields[g->nfield - 1];
}

static void opening_hours(struct rng *r, struct scust *c)
{
	static const int16_t open[4][3] = {
	    {390, 420, 480}, {540, 600, 600}, {600, 660, 660}, {480, 480, 510}};
	static const int16_t close[4][3] = {
	    {930, 960, 1020}, {1080, 1080, 1140}, {1260, 1320, 1380}, {990, 1020, 1020}};
	int h = (int)sample_text_industries[c->industry].hours;
	c->open_min = open[h][rng_below(r, 3)];
	c->close_min = close[h][rng_below(r, 3)];
}

static void customer_numbers(struct gen *g, struct rng *r, struct scust *c)
{
	c->region = pick_field(g, r);
	const struct sseller *home = &g->sel[c->region];
	c->pc = home->near[rng_below(r, (uint32_t)home->nnear)];
	const struct pcode *pc = &g->pcs[c->pc];
	double rad = JITTER_KM * sqrt(rng_unit(r)), ang = 6.283185307179586 * rng_unit(r);
	c->lat = pc->lat + rad * cos(ang) / 111.2;
	c->lon = pc->lon + rad * sin(ang) / (111.2 * cos(pc->lat * M_PI / 180));
	c->industry = (uint8_t)pick_industry(r);
	const struct sample_industry *ind = &sample_text_industries[c->industry];
	double emp = ind->emp_median * exp(1.1 * rng_normal(r));
	c->employees = emp < 1 ? 1 : emp > 20000 ? 20000 : (int32_t)(emp + 0.5);
	c->wallet = c->employees * ind->spend * rng_lognormal1(r, 0.8);
	double share = 1.0 / (1.0 + exp(-(0.1 + 1.3 * rng_normal(r))));
	c->rev = rng_chance(r, 0.06) ? 0.0 : share * c->wallet; /* 6 % buy nothing */
	c->start = g->first - 3650;
	c->end = g->last + 3650;
	double u = rng_unit(r);
	if (u < 0.08) /* new during the period */
		c->start = g->first + 30 +
		           (int32_t)rng_below(r, (uint32_t)(g->ndays > 61 ? g->ndays - 60 : 1));
	else if (u < 0.13) /* stopped buying during the period */
		c->end = g->first + 30 +
		         (int32_t)rng_below(r, (uint32_t)(g->ndays > 61 ? g->ndays - 60 : 1));
	u = rng_unit(r);
	if (u < 0.82 || (u < 0.94 && !g->nservice))
		c->owner = c->region;
	else if (u < 0.94)
		c->owner = g->services[rng_below(r, (uint32_t)g->nservice)];
	else
		c->owner = -1;
	u = rng_unit(r);
	c->report = u < 0.48   ? REPORT_POTENTIAL
	            : u < 0.52 ? REPORT_BOTH
	            : u < 0.76 ? REPORT_WALLET
	                       : REPORT_NONE;
	c->flags =
	    (uint8_t)((rng_chance(r, 0.88) ? F_EMAIL : 0) | (rng_chance(r, 0.95) ? F_PHONE : 0) |
	              (rng_chance(r, 0.90) ? F_LOC : 0) | (rng_chance(r, 0.97) ? F_EMPLOYEES : 0));
	c->open_min = c->close_min = -1;
	if (rng_chance(r, 0.35))
		opening_hours(r, c);
	c->margin_rate = 0.30 + 0.03 * rng_normal(r); /* adjusted by size in calibrate() */
	c->friend_of = -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The value below which a share q of v[0..n) lies (v is copied). */
static double quantile(const double *v, int n, double q)
{
	double *s = xreallocarray(NULL, (size_t)n, sizeof(double));
	memcpy(s, v, (size_t)n * sizeof(double));
	qsort(s, (size_t)n, sizeof(double), cmp_double);
	int k = (int)(q * (n - 1));
	double x = s[k];
	free(s);
	return x;
}

/* Scales sizes to MEAN_REVENUE, sets order sizes so the average order is
 * AVG_ORDER, margins by size, and the intended categories. */
static void calibrate(struct gen *g)
{
	int n = g->ncust;
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += g->cust[i].rev;
	double scale = sum > 0 ? MEAN_REVENUE * n / sum : 1.0;
	double *rev = xreallocarray(NULL, (size_t)n, sizeof(double));
	double *pot = xreallocarray(NULL, (size_t)n, sizeof(double));
	int npos = 0;
	for (int i = 0; i < n; i++) {
		g->cust[i].rev *= scale;
		g->cust[i].wallet *= scale;
		if (g->cust[i].rev > 0)
			rev[npos++] = g->cust[i].rev;
	}
	double med = npos ? quantile(rev, npos, 0.5) : 1.0;
	double sum_r = 0, sum_l = 0;
	for (int i = 0; i < n; i++) {
		struct scust *c = &g->cust[i];
		if (c->rev <= 0)
			continue;
		c->order_avg = pow(c->rev / med, ORDER_SIZE_EXP);
		sum_r += c->rev;
		sum_l += c->rev / c->order_avg;
	}
	double base = sum_r > 0 ? AVG_ORDER * sum_l / sum_r : AVG_ORDER;
	for (int i = 0; i < n; i++) {
		struct scust *c = &g->cust[i];
		if (c->rev > 0) {
			c->order_avg *= base;
			c->lambda = c->rev / c->order_avg;
			c->margin_rate -= 0.03 * log(c->rev / med);
		}
		c->margin_rate = c->margin_rate < 0.10   ? 0.10
		                 : c->margin_rate > 0.45 ? 0.45
		                                         : c->margin_rate;
		rev[i] = c->rev;
		pot[i] = c->wallet - c->rev;
	}
	/* Intended categories: top 15 % by revenue, top 20 % by potential. */
	double r_hi = quantile(rev, n, 0.85), p_hi = quantile(pot, n, 0.80);
	for (int i = 0; i < n; i++) {
		struct scust *c = &g->cust[i];
		int hr = c->rev > 0 && c->rev >= r_hi, hp = pot[i] >= p_hi && pot[i] > 0;
		c->truth = (uint8_t)(hr && hp ? CAT_1 : hr ? CAT_2R : hp ? CAT_2P : CAT_3);
	}
	free(rev);
	free(pot);
}

/* --- who field sellers see ----------------------------------------------- */

static void pick_add(struct pick *p, int32_t i, double w, int weighted)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->idx = xreallocarray(p->idx, (size_t)p->cap, sizeof(int32_t));
		if (weighted)
			p->cum = xreallocarray(p->cum, (size_t)p->cap, sizeof(double));
	}
	p->idx[p->n] = i;
	if (weighted)
		p->cum[p->n] = (p->n ? p->cum[p->n - 1] : 0) + w;
	p->n++;
}

static int32_t pick_one(const struct pick *p, struct rng *r)
{
	if (!p->n)
		return -1;
	if (!p->cum)
		return p->idx[rng_below(r, (uint32_t)p->n)];
	double x = rng_unit(r) * p->cum[p->n - 1];
	int lo = 0, hi = p->n - 1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (p->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return p->idx[lo];
}

static void pick_free(struct pick *p)
{
	free(p->idx);
	free(p->cum);
}

static void build_lists(struct gen *g)
{
	struct rng r;
	rng_seed(&r, g->p->seed, ST_FRIENDS);
	g->fl = xcalloc((size_t)g->nsel, sizeof(*g->fl));
	for (int i = 0; i < g->ncust; i++) {
		const struct scust *c = &g->cust[i];
		int long_standing = c->start <= g->first && c->end >= g->last && c->rev > 0;
		if (c->owner >= 0 && g->sel[c->owner].role != ROLE_SERVICE) {
			struct field *f = &g->fl[c->owner];
			pick_add(&f->own, i, 0, 0);
			if (c->truth == CAT_1 || c->truth == CAT_2R)
				pick_add(&f->big, i, c->rev, 1);
			else if (c->truth == CAT_3 && long_standing)
				pick_add(&f->friends, i, 0, 0); /* candidates; cut below */
			else if (c->truth == CAT_3)
				pick_add(&f->own3, i, 0, 0);
		}
		if (c->truth == CAT_2P)
			pick_add(&g->fl[c->region].prospects, i, 0, 0);
		if ((c->flags & F_PHONE) && c->lambda > 0)
			pick_add(&g->service_calls, i, c->lambda * sqrt(c->lambda), 1);
	}
	/* Old friends: a few of the long-standing small customers, chosen at
	 * random; the rest of the candidates are ordinary small customers. */
	for (int k = 0; k < g->nfield; k++) {
		int s = g->fields[k];
		struct field *f = &g->fl[s];
		int want = f->friends.n / 3 < FRIENDS_MAX ? f->friends.n / 3 : FRIENDS_MAX;
		for (int i = 0; i < f->friends.n; i++) { /* Fisher-Yates, first `want` */
			if (i >= want) {
				pick_add(&f->own3, f->friends.idx[i], 0, 0);
				continue;
			}
			int j = i + (int)rng_below(&r, (uint32_t)(f->friends.n - i));
			int32_t t = f->friends.idx[i];
			f->friends.idx[i] = f->friends.idx[j];
			f->friends.idx[j] = t;
			g->cust[f->friends.idx[i]].friend_of = s;
		}
		if (f->friends.n > want)
			f->friends.n = want;
	}
}

/* --- customers: the text ------------------------------------------------- */

struct nameset {
	char **slot;
	size_t cap;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Adds name; returns 0, or -1 when it is already there. */
static int nameset_add(struct nameset *ns, const char *name)
{
	size_t i = (size_t)fnv(name) & (ns->cap - 1);
	for (; ns->slot[i]; i = (i + 1) & (ns->cap - 1))
		if (!strcmp(ns->slot[i], name))
			return -1;
	ns->slot[i] = xstrdup(name);
	return 0;
}

static void emit_customers(struct gen *g)
{
	struct rng r;
	rng_seed(&r, g->p->seed, ST_TEXT);
	struct nameset ns = {0};
	for (ns.cap = 1024; ns.cap < 2 * (size_t)g->ncust; ns.cap *= 2)
		;
	ns.slot = xcalloc(ns.cap, sizeof(char *));
	long n_ab = 0, n_hb = 0;
	for (int i = 0; i < g->ncust; i++) {
		const struct scust *c = &g->cust[i];
		const struct pcode *pc = &g->pcs[c->pc];
		char id[16], name[192], org[12], addr[96], post[8], email[160], phone[32];
		int hb = 0;
		for (int attempt = 0;; attempt++) {
			sample_text_company(&r, c->industry, pc->place, attempt, name, sizeof(name),
			                    &hb);
			if (nameset_add(&ns, name) == 0 || attempt > 1000)
				break;
		}
		snprintf(id, sizeof(id), "%d", 10001 + i);
		sample_text_orgnr(hb ? n_hb++ : n_ab++, hb, org);
		sample_text_street(&r, addr, sizeof(addr));
		snprintf(post, sizeof(post), "%.3s %.2s", pc->code, pc->code + 3);
		sample_text_email(&r, name, email, sizeof(email));
		sample_text_phone(&r, pc->code, phone, sizeof(phone));
		struct sample_customer out = {
		    .index = i,
		    .id = id,
		    .name = name,
		    .org_number = org,
		    .address = addr,
		    .postal_code = post,
		    .city = pc->place,
		    .industry = sample_text_industries[c->industry].label,
		    .email = c->flags & F_EMAIL ? email : NULL,
		    .phone = c->flags & F_PHONE ? phone : NULL,
		    .seller = c->owner,
		    .seller_id = c->owner >= 0 ? g->sel[c->owner].id : NULL,
		    .has_loc = (c->flags & F_LOC) != 0,
		    .lat = c->flags & F_LOC ? round(c->lat * 1e5) / 1e5 : pc->lat,
		    .lon = c->flags & F_LOC ? round(c->lon * 1e5) / 1e5 : pc->lon,
		    .employees = c->flags & F_EMPLOYEES ? c->employees : -1,
		    .open_min = c->open_min,
		    .close_min = c->close_min,
		    .truth = (enum category)c->truth,
		    .old_friend = c->friend_of >= 0,
		};
		if (c->report == REPORT_POTENTIAL || c->report == REPORT_BOTH) {
			double pot = (c->wallet - c->rev) * rng_lognormal1(&r, 0.35);
			out.has_potential = true;
			out.potential =
			    (int64_t)llround(pot / 1000.0) * 100000; /* whole thousands of kr */
		}
		if (c->report == REPORT_WALLET || c->report == REPORT_BOTH) {
			double w = c->wallet * rng_lognormal1(&r, 0.3);
			out.has_wallet = true;
			out.wallet = (int64_t)llround(w / 1000.0) * 100000;
		}
		if (g->sink->customer)
			g->sink->customer(g->sink->ctx, &out);
	}
	for (size_t i = 0; i < ns.cap; i++)
		free(ns.slot[i]);
	free(ns.slot);
}

/* --- how orders answer to contact ---------------------------------------- */

void sample_response_truth(enum category cat, struct response_curve *out)
{
	*out = cat >= 0 && cat < CAT_COUNT ? truth_curve[cat] : (struct response_curve){1, 1, 1};
}

static int month_index(const struct gen *g, int32_t day)
{
	int y0, m0, y, m, d;
	days_to_ymd(g->first, &y0, &m0, &d);
	days_to_ymd(day, &y, &m, &d);
	return (y - y0) * 12 + (m - m0);
}

/* Per contacted customer and month, the factor on its order rate:
 * m(f_month) / mean over its buying months of m(f), so a customer buys what
 * its size says on average, more in months after more contact. Before the
 * period the customer's average contact stands in for the missing months. */
static void response_factors(struct gen *g)
{
	int M = g->nmonths;
	size_t n = (size_t)g->ncust;
	g->resp_off = xmalloc((n ? n : 1) * sizeof(int32_t));
	uint16_t *cnt = xcalloc(n ? n : 1, sizeof(uint16_t));
	for (size_t k = 0; k < g->nacts; k++)
		if (g->acts[k].type == ACT_VISIT || g->acts[k].type == ACT_PHONE)
			if (cnt[g->acts[k].cust] < UINT16_MAX)
				cnt[g->acts[k].cust]++;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		g->resp_off[i] = cnt[i] ? (int32_t)used : -1;
		used += cnt[i] ? (size_t)M : 0;
	}
	free(cnt);
	g->resp = xcalloc(used ? used : 1, sizeof(float));
	/* First the contact per month (visits + weight x calls) into resp. */
	for (size_t k = 0; k < g->nacts; k++) {
		const struct sact *a = &g->acts[k];
		if (a->type != ACT_VISIT && a->type != ACT_PHONE)
			continue;
		int mi = month_index(g, a->day);
		if (mi >= 0 && mi < M)
			g->resp[g->resp_off[a->cust] + mi] +=
			    (float)(a->type == ACT_VISIT ? 1.0 : CALL_WEIGHT);
	}
	double *c = xmalloc((size_t)(M + 2) * sizeof(double));
	for (size_t i = 0; i < n; i++) {
		if (g->resp_off[i] < 0)
			continue;
		const struct scust *cu = &g->cust[i];
		const struct response_curve *k = &truth_curve[cu->truth];
		float *f = &g->resp[g->resp_off[i]];
		double mean = 0;
		for (int m = 0; m < M; m++)
			mean += f[m];
		mean /= M;
		c[0] = c[1] = mean;
		for (int m = 0; m < M; m++)
			c[m + 2] = f[m];
		double sw = 0, sm = 0;
		int32_t ms = g->first;
		for (int m = 0; m < M; m++, ms = days_add_months(ms, 1)) {
			int32_t me = days_add_months(ms, 1) - 1;
			double rate = 4.0 * (c[m] + c[m + 1] + c[m + 2]);
			double fm = response_m(k, rate);
			int32_t lo = cu->start > ms ? cu->start : ms,
			        hi = cu->end < me ? cu->end : me;
			double w = weight(g, lo, hi);
			sw += w;
			sm += w * fm;
			f[m] = (float)fm;
		}
		double norm = sw > 0 ? sm / sw : 1;
		for (int m = 0; m < M; m++)
			f[m] = (float)(f[m] / norm);
	}
	free(c);
}

/* --- orders -------------------------------------------------------------- */

struct sorder {
	int32_t day, cust, seq, seller;
	int64_t amount, margin;
};

static int cmp_order(const void *a, const void *b)
{
	const struct sorder *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Who books an order: mostly the owner; customer service takes some by phone. */
static int32_t order_seller(const struct gen *g, struct rng *r, const struct scust *c)
{
	if (c->owner >= 0 && g->sel[c->owner].role != ROLE_SERVICE && rng_chance(r, 0.9))
		return c->owner;
	if (c->owner >= 0 && g->sel[c->owner].role == ROLE_SERVICE)
		return c->owner;
	if (g->nservice && (c->owner >= 0 || rng_chance(r, 0.5)))
		return g->services[rng_below(r, (uint32_t)g->nservice)];
	return c->owner;
}

static void add_order(struct sorder **v, size_t *n, size_t *cap, struct sorder o)
{
	if (*n == *cap)
		*v = xreallocarray(*v, *cap = *cap ? *cap * 2 : 4096, sizeof(**v));
	(*v)[(*n)++] = o;
}

static void emit_orders(struct gen *g)
{
	struct rng r;
	rng_seed(&r, g->p->seed, ST_ORDERS);
	struct sorder *v = NULL;
	size_t cap = 0;
	int64_t next_id = 100001;
	int mi = 0;
	for (int32_t ms = g->first; ms <= g->last; ms = days_add_months(ms, 1), mi++) {
		int32_t me = days_add_months(ms, 1) - 1;
		size_t n = 0;
		int32_t seq = 0;
		for (int i = 0; i < g->ncust; i++) {
			const struct scust *c = &g->cust[i];
			if (c->lambda <= 0)
				continue;
			int32_t lo = c->start > ms ? c->start : ms, hi = c->end < me ? c->end : me;
			double w = weight(g, lo, hi);
			if (w <= 0)
				continue;
			double lm = c->lambda * w / g->year_weight;
			if (g->resp_off[i] >= 0)
				lm *= g->resp[g->resp_off[i] + mi];
			int k = rng_poisson(&r, lm), kc = rng_poisson(&r, lm * CREDIT_RATE);
			for (int j = 0; j < k + kc; j++) {
				double amount = c->order_avg * rng_lognormal1(&r, 0.6);
				if (j >= k) /* a credit note: part of an order comes back */
					amount = -c->order_avg * (0.1 + 0.9 * rng_unit(&r));
				double mr = c->margin_rate * rng_lognormal1(&r, 0.15);
				int64_t am = llround(amount * 100);
				struct sorder o = {.day = draw_day(g, &r, lo, hi),
				                   .cust = i,
				                   .seq = seq++,
				                   .seller = order_seller(g, &r, c),
				                   .amount = am,
				                   .margin =
				                       llround((double)am * (mr > 0.9 ? 0.9 : mr))};
				add_order(&v, &n, &cap, o);
			}
		}
		qsort(v, n, sizeof(*v), cmp_order);
		for (size_t j = 0; j < n && g->sink->order; j++) {
			char id[16];
			snprintf(id, sizeof(id), "%d", 10001 + v[j].cust);
			struct sample_order o = {
			    .order_id = next_id + (int64_t)j,
			    .cust = v[j].cust,
			    .customer_id = id,
			    .day = v[j].day,
			    .amount = v[j].amount,
			    .margin = v[j].margin,
			    .seller = v[j].seller,
			    .seller_id = v[j].seller >= 0 ? g->sel[v[j].seller].id : NULL,
			};
			g->sink->order(g->sink->ctx, &o);
		}
		next_id += (int64_t)n;
	}
	free(v);
}

/* --- activities ---------------------------------------------------------- */

static void add_act(struct gen *g, int32_t day, int32_t seller, int32_t cust, enum activity_type t,
                    int dur, int travel, double km)
{
	if (g->nacts == g->capacts)
		g->acts = xreallocarray(g->acts, g->capacts = g->capacts ? g->capacts * 2 : 4096,
		                        sizeof(*g->acts));
	g->acts[g->nacts] = (struct sact){.day = day,
	                                  .seller = seller,
	                                  .seq = (int32_t)g->nacts,
	                                  .cust = cust,
	                                  .type = (uint8_t)t,
	                                  .dur = (int16_t)dur,
	                                  .travel = (int16_t)travel,
	                                  .km = (float)(round(km * 10) / 10)};
	g->nacts++;
}

/* A draw from a small table of probabilities (summing to 1). */
static int draw_count(struct rng *r, const double *p, int n)
{
	double x = rng_unit(r);
	for (int i = 0; i < n - 1; i++) {
		x -= p[i];
		if (x < 0)
			return i;
	}
	return n - 1;
}

/* Whom a field seller visits: old friends first, in the story's proportions. */
static int32_t visit_target(const struct gen *g, struct rng *r, int s)
{
	static const double farmer[4] = {0.50, 0.12, 0.28, 0.10}; /* friend, small, big, prospect */
	static const double hunter[4] = {0.40, 0.12, 0.08, 0.40};
	const struct field *f = &g->fl[s];
	const struct pick *lists[4] = {&f->friends, &f->own3, &f->big, &f->prospects};
	int k = draw_count(r, g->sel[s].role == ROLE_HUNTER ? hunter : farmer, 4);
	int32_t c = pick_one(lists[k], r);
	return c >= 0 ? c : pick_one(&f->own, r);
}

static int32_t call_target(const struct gen *g, struct rng *r, int s)
{
	const struct field *f = &g->fl[s];
	double u = rng_unit(r);
	int32_t c = pick_one(u < 0.40 ? &f->friends : u < 0.90 ? &f->big : &f->own, r);
	return c >= 0 ? c : pick_one(&f->own, r);
}

/* A workday 3..21 days before d, or -1 before the period. */
static int32_t booking_day(const struct gen *g, struct rng *r, int32_t d)
{
	int32_t b = d - rng_range(r, 3, 21);
	while (b >= g->first && !is_workday(g, b))
		b--;
	return b >= g->first ? b : -1;
}

static void field_day(struct gen *g, struct rng *r, int s, int32_t d)
{
	static const double nvisits[4] = {0.42, 0.35, 0.17, 0.06};
	static const double ncalls[4] = {0.25, 0.35, 0.25, 0.15};
	const struct sseller *sl = &g->sel[s];
	int32_t v[3];
	int nv = 0, want = draw_count(r, nvisits, 4);
	for (int k = 0; k < want; k++) {
		int32_t c = visit_target(g, r, s);
		int dup = c < 0;
		for (int j = 0; j < nv && !dup; j++)
			dup = v[j] == c;
		if (!dup)
			v[nv++] = c;
	}
	/* The day's route: nearest customer next, then home. */
	double lat = sl->lat, lon = sl->lon;
	for (int k = 0; k < nv; k++) {
		int best = k;
		for (int j = k + 1; j < nv; j++)
			if (geo_km(lat, lon, g->cust[v[j]].lat, g->cust[v[j]].lon) <
			    geo_km(lat, lon, g->cust[v[best]].lat, g->cust[v[best]].lon))
				best = j;
		int32_t c = v[best];
		v[best] = v[k];
		v[k] = c;
		const struct scust *cu = &g->cust[c];
		double km = road_km(lat, lon, cu->lat, cu->lon);
		if (k == nv - 1)
			km += road_km(cu->lat, cu->lon, sl->lat, sl->lon);
		lat = cu->lat;
		lon = cu->lon;
		int dur;
		if (cu->friend_of == s) {
			static const int fd[5] = {60, 75, 75, 90,
			                          120}; /* coffee with an old friend */
			dur = fd[rng_below(r, 5)];
		} else {
			static const int od[6] = {30, 45, 60, 60, 75, 90};
			dur = od[rng_below(r, 6)];
			int32_t b = booking_day(g, r, d);
			if (b >= 0)
				add_act(g, b, s, c, ACT_MEETING_BOOKED, 0, 0, 0);
		}
		add_act(g, d, s, c, ACT_VISIT, dur, (int)(km / ROAD_KMH * 60 + 0.5), km);
	}
	int nc = draw_count(r, ncalls, 4);
	for (int k = 0; k < nc; k++) {
		int32_t c = call_target(g, r, s);
		if (c >= 0)
			add_act(g, d, s, c, ACT_PHONE, rng_range(r, 4, 20), 0, 0);
	}
}

static void service_day(struct gen *g, struct rng *r, int s, int32_t d)
{
	int nc = rng_range(r, 7, 13), ne = rng_range(r, 3, 7);
	for (int k = 0; k < nc; k++) {
		int32_t c = rng_chance(r, 0.95) ? pick_one(&g->service_calls, r)
		                                : (int32_t)rng_below(r, (uint32_t)g->ncust);
		if (c >= 0)
			add_act(g, d, s, c, ACT_PHONE, rng_range(r, 2, 10), 0, 0);
	}
	for (int k = 0; k < ne; k++) {
		int32_t c = pick_one(&g->service_calls, r);
		if (c >= 0 && (g->cust[c].flags & F_EMAIL))
			add_act(g, d, s, c, ACT_EMAIL, rng_range(r, 3, 5), 0, 0);
	}
}

static int cmp_act(const void *a, const void *b)
{
	const struct sact *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->seller != y->seller)
		return x->seller < y->seller ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The newsletter goes out on the first Tuesday of the month (or the next
 * working day). */
static int newsletter_day(const struct gen *g, int32_t d)
{
	int y, m, dd;
	days_to_ymd(d, &y, &m, &dd);
	int32_t t = days_from_ymd(y, m, 1);
	while (days_weekday(t) != 1)
		t++;
	while (t <= g->last && !is_workday(g, t))
		t++;
	return d == t;
}

static void emit_act(const struct gen *g, int32_t day, int32_t seller, int32_t cust,
                     enum activity_type type, int dur, int travel, double km)
{
	char cid[16];
	snprintf(cid, sizeof(cid), "%d", 10001 + cust);
	struct sample_activity a = {
	    .day = day,
	    .seller = seller,
	    .seller_id = g->sel[seller].id,
	    .cust = cust,
	    .customer_id = cid,
	    .type = type,
	    .duration_min = dur,
	    .travel_min = travel,
	    .km = km,
	};
	g->sink->activity(g->sink->ctx, &a);
}

/* The activities of the whole period, sorted by day (emitted later, after
 * the orders that answer to them). */
static void make_activities(struct gen *g)
{
	struct rng r;
	rng_seed(&r, g->p->seed, ST_ACTIVITIES);
	for (int s = 0; s < g->nsel; s++) {
		for (int32_t d = g->first; d <= g->last; d++) {
			if (!is_workday(g, d) || on_vacation(g, &g->sel[s], d))
				continue;
			if (g->sel[s].role == ROLE_SERVICE)
				service_day(g, &r, s, d);
			else
				field_day(g, &r, s, d);
		}
	}
	qsort(g->acts, g->nacts, sizeof(*g->acts), cmp_act);
}

static void emit_activities(struct gen *g)
{
	if (!g->sink->activity)
		return;
	int sender = g->nservice ? g->services[0] : 0;
	size_t j = 0;
	for (int32_t d = g->first; d <= g->last; d++) {
		for (; j < g->nacts && g->acts[j].day == d; j++) {
			const struct sact *a = &g->acts[j];
			emit_act(g, a->day, a->seller, a->cust, (enum activity_type)a->type, a->dur,
			         a->travel, a->km);
		}
		if (!newsletter_day(g, d))
			continue;
		for (int i = 0; i < g->ncust; i++) {
			const struct scust *c = &g->cust[i];
			if (c->truth == CAT_3 && (c->flags & F_EMAIL) && c->start <= d)
				emit_act(g, d, sender, i, ACT_NEWSLETTER, 0, 0, 0);
		}
	}
}

/* --- the whole ----------------------------------------------------------- */

int sample_check(const struct sample_params *p, char **cause)
{
	if (p->customers < 1 || p->customers > SAMPLE_MAX_CUSTOMERS) {
		*cause = xasprintf("--customers must be between 1 and %d", SAMPLE_MAX_CUSTOMERS);
		return -1;
	}
	if (p->sellers < 1 || p->sellers > SAMPLE_MAX_SELLERS) {
		*cause = xasprintf("--sellers must be between 1 and %d", SAMPLE_MAX_SELLERS);
		return -1;
	}
	if (p->months < 1 || p->months > SAMPLE_MAX_MONTHS) {
		*cause = xasprintf("--months must be between 1 and %d", SAMPLE_MAX_MONTHS);
		return -1;
	}
	if (geo_postcode_count() == 0) {
		*cause = xasprintf(
		    "this fokus was built without the postal-code table (data/postcodes-se.tsv)");
		return -1;
	}
	return 0;
}

static void gen_free(struct gen *g)
{
	free(g->workday);
	free(g->cum);
	free(g->pcs);
	for (int i = 0; i < g->nsel; i++)
		free(g->sel[i].near);
	if (g->fl) {
		for (int i = 0; i < g->nsel; i++) {
			pick_free(&g->fl[i].friends);
			pick_free(&g->fl[i].own3);
			pick_free(&g->fl[i].big);
			pick_free(&g->fl[i].prospects);
			pick_free(&g->fl[i].own);
		}
	}
	pick_free(&g->service_calls);
	free(g->fl);
	free(g->sel);
	free(g->fields);
	free(g->services);
	free(g->cust);
	free(g->acts);
	free(g->resp_off);
	free(g->resp);
}

int sample_generate(const struct sample_params *p, const struct sample_sink *sink, char **cause)
{
	if (sample_check(p, cause) != 0)
		return -1;
	struct gen g = {.p = p, .sink = sink};
	g.first = sample_first_day(p->months);
	g.last = sample_last_day();
	g.ndays = g.last - g.first + 1;
	calendar(&g);
	load_postcodes(&g);
	make_sellers(&g);
	emit_sellers(&g);
	g.ncust = p->customers;
	g.cust = xcalloc((size_t)g.ncust, sizeof(*g.cust));
	struct rng r;
	rng_seed(&r, p->seed, ST_CUSTOMERS);
	for (int i = 0; i < g.ncust; i++)
		customer_numbers(&g, &r, &g.cust[i]);
	calibrate(&g);
	build_lists(&g);
	emit_customers(&g);
	g.nmonths = month_index(&g, g.last) + 1;
	make_activities(&g);
	response_factors(&g);
	emit_orders(&g);
	emit_activities(&g);
	gen_free(&g);
	return 0;
}

/* --- into a struct dataset ----------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void ds_seller(void *ctx, const struct sample_seller *s)
{
	struct dataset *ds = ctx;
	ds->sellers = xreallocarray(ds->sellers, ds->nsellers + 1, sizeof(*ds->sellers));
	ds->sellers[ds->nsellers++] = (struct seller){
	    .id = xstrdup(s->id),
	    .name = xstrdup(s->name),
	    .role = s->role,
	    .hours_per_year = s->hours_per_year,
	    .has_home = true,
	    .home_lat = s->home_lat,
	    .home_lon = s->home_lon,
	    .home_postal_code = xstrdup(s->home_postal_code),
	    .email = xstrdup(s->email),
	};
}

static void ds_customer(void *ctx, const struct sample_customer *c)
{
	struct dataset *ds = ctx;
	if ((ds->ncustomers & (ds->ncustomers - 1)) == 0) /* grow at powers of two */
		ds->customers = xreallocarray(
		    ds->customers, ds->ncustomers ? ds->ncustomers * 2 : 1, sizeof(*ds->customers));
	ds->customers[ds->ncustomers++] = (struct customer){
	    .id = xstrdup(c->id),
	    .name = xstrdup(c->name),
	    .org_number = xstrdup(c->org_number),
	    .address = xstrdup(c->address),
	    .postal_code = xstrdup(c->postal_code),
	    .city = xstrdup(c->city),
	    .industry = xstrdup(c->industry),
	    .email = dup_or_null(c->email),
	    .phone = dup_or_null(c->phone),
	    .seller_id = dup_or_null(c->seller_id),
	    .seller = c->seller,
	    .has_loc = true,
	    .lat = c->lat,
	    .lon = c->lon,
	    .employees = c->employees,
	    .has_potential = c->has_potential,
	    .has_wallet = c->has_wallet,
	    .potential = c->potential,
	    .wallet = c->wallet,
	    .open_min = c->open_min,
	    .close_min = c->close_min,
	};
}

static void ds_order(void *ctx, const struct sample_order *o)
{
	struct dataset *ds = ctx;
	if ((ds->norders & (ds->norders - 1)) == 0)
		ds->orders = xreallocarray(ds->orders, ds->norders ? ds->norders * 2 : 1,
		                           sizeof(*ds->orders));
	ds->orders[ds->norders++] = (struct order){
	    .cust = o->cust,
	    .day = o->day,
	    .amount = o->amount,
	    .margin = o->margin,
	    .has_margin = true,
	};
}

static void ds_activity(void *ctx, const struct sample_activity *a)
{
	struct dataset *ds = ctx;
	if ((ds->nactivities & (ds->nactivities - 1)) == 0)
		ds->activities =
		    xreallocarray(ds->activities, ds->nactivities ? ds->nactivities * 2 : 1,
		                  sizeof(*ds->activities));
	ds->activities[ds->nactivities++] = (struct activity){
	    .cust = a->cust,
	    .seller = a->seller,
	    .day = a->day,
	    .minute = -1,
	    .type = (uint8_t)a->type,
	    .duration_min = (float)a->duration_min,
	    .travel_min = (float)a->travel_min,
	    .km = (float)a->km,
	};
}

static int cmp_ds_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->cust != y->cust)
		return x->cust < y->cust ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount < y->amount ? -1 : 1;
	return x->margin < y->margin ? -1 : x->margin > y->margin;
}

int sample_dataset(const struct sample_params *p, struct dataset *ds, char **cause)
{
	struct sample_sink sink = {.ctx = ds,
	                           .seller = ds_seller,
	                           .customer = ds_customer,
	                           .order = ds_order,
	                           .activity = ds_activity};
	if (sample_generate(p, &sink, cause) != 0)
		return -1;
	qsort(ds->orders, ds->norders, sizeof(*ds->orders), cmp_ds_order);
	return 0;
}
