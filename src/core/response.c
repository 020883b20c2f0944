/* response.c — the ADBUDG response curve (response.h): its values, the
 * curve through CALLPLAN's four judgement points, a customer's curve
 * anchored at today, and the fit to the workspace's history.
 *
 * The fit is a Poisson pseudo-likelihood with customer and month effects.
 * Concentrating the customer effects out leaves, per customer, a
 * multinomial over its months: only customers whose contact level changed
 * say anything about the curve, and each says it through the share of its
 * order value that fell in months of each contact level. Months with the
 * same contact level are summed first, so the likelihood costs a few terms
 * per customer whatever the length of the history. Uncertainty: Poisson(1)
 * weights per customer (a bootstrap over customers), the random numbers from
 * a seeded xoshiro stream (rng.h), so a fit is repeatable. */
#include "core/response.h"
#include "core/rng.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct response_curve defaults[CAT_COUNT] = {
    [CAT_1] = {0.6, 1, 4},
    [CAT_2R] = {0.8, 1, 3},
    [CAT_2P] = {0.5, 1, 6},
    [CAT_3] = {0.9, 1, 2},
};

const char *response_source_code(enum response_source s)
{
	switch (s) {
	case RS_FIT:
		return "fit";
	case RS_JUDGEMENT:
		return "judgement";
	default:
		return "default";
	}
}

void response_default(enum category cat, struct response_curve *out)
{
	*out = cat >= 0 && cat < CAT_COUNT ? defaults[cat] : (struct response_curve){1, 1, 1};
}

double response_g(const struct response_curve *k, double f)
{
	if (f <= 0)
		return 0;
	double fc = k->c == 1 ? f : pow(f, k->c);
	return fc / (k->d + fc);
}

double response_m(const struct response_curve *k, double f)
{
	return k->rho + (1 - k->rho) * response_g(k, f);
}

/* --- judgement ------------------------------------------------------------ */

int response_from_points(const struct response_points *p, double f_ref, struct response_curve *out,
                         char **cause)
{
	if (!(f_ref > 0)) {
		*cause = xstrdup("today's contact frequency must be above 0");
		return -1;
	}
	if (p->none == 1 && p->half == 1 && p->more == 1 && p->saturation == 1) {
		*out = (struct response_curve){1, 1, 1};
		return 0;
	}
	if (!(p->none >= 0 && p->none < p->half && p->half < 1 && 1 < p->more &&
	      p->more < p->saturation)) {
		*cause = xstrdup("the four points must rise: 0 <= no visits < half today's "
		                 "visits < 100 % < 50 % more < saturation");
		return -1;
	}
	double span = p->saturation - p->none;
	double f[3] = {f_ref / 2, f_ref, 1.5 * f_ref};
	double g[3] = {(p->half - p->none) / span, (1 - p->none) / span,
	               (p->more - p->none) / span};
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	for (int i = 0; i < 3; i++) {
		double x = log(f[i]), y = log(g[i] / (1 - g[i]));
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
	}
	double c = (3 * sxy - sx * sy) / (3 * sxx - sx * sx);
	double lnd = -(sy - c * sx) / 3;
	if (!(c > 0) || !isfinite(lnd)) {
		*cause = xstrdup("the four points give no rising curve; make the steps steadier");
		return -1;
	}
	out->rho = p->none / p->saturation;
	out->c = c;
	out->d = exp(lnd);
	return 0;
}

void response_to_points(const struct response_curve *k, double f_ref, struct response_points *out)
{
	double today = response_m(k, f_ref);
	out->none = k->rho / today;
	out->half = response_m(k, f_ref / 2) / today;
	out->more = response_m(k, 1.5 * f_ref) / today;
	out->saturation = 1 / today;
}

/* --- one customer --------------------------------------------------------- */

void response_customer(const struct response_curve *k, double revenue, double potential,
                       double f_today, struct response_customer *out)
{
	if (revenue <= 0) {
		out->r0 = 0;
		out->rmax = potential > 0 ? (1 - k->rho) * potential : 0;
		return;
	}
	double m = response_m(k, f_today);
	double rmax = revenue / m;
	if (potential >= 0 && rmax > revenue + potential) {
		/* The bound holds saturation down: keep today's point on the curve. */
		double g = response_g(k, f_today);
		out->rmax = revenue + potential;
		out->r0 = (revenue - out->rmax * g) / (1 - g);
		if (out->r0 < 0)
			out->r0 = 0;
		return;
	}
	out->rmax = rmax;
	out->r0 = k->rho * rmax;
}

double response_value(const struct response_curve *k, const struct response_customer *c, double f)
{
	return c->r0 + (c->rmax - c->r0) * response_g(k, f);
}

/* --- contact today -------------------------------------------------------- */

void response_contact_today(const struct dataset *ds, int32_t to, double phone_weight, double *f)
{
	for (size_t i = 0; i < ds->ncustomers; i++)
		f[i] = 0;
	if (to == DAYS_NONE)
		return;
	int32_t from = days_add_months(to, -12) + 1;
	double scale = 365.0 / (double)(to - from + 1);
	for (size_t k = 0; k < ds->nactivities; k++) {
		const struct activity *a = &ds->activities[k];
		if (a->cust < 0 || a->day < from || a->day > to)
			continue;
		if (a->type == ACT_VISIT)
			f[a->cust] += scale;
		else if (a->type == ACT_PHONE)
			f[a->cust] += phone_weight * scale;
	}
}

/* --- the panel ------------------------------------------------------------ */

/* Month m counts from the first history month (0) to T − 1; contact is also
 * counted in the two months before (index m + 2 in the contact arrays). */
struct panel {
	size_t n;         /* customers */
	int T;            /* history months */
	int first;        /* first month with three months of contact before it */
	float *y;         /* n × T order value per month, negative as 0 */
	uint16_t *v, *q;  /* n × (T + 2) visits and calls per month */
	int16_t *t0, *t1; /* the customer's buying months (first, last), -1 none */
	double phone_weight;
};

static int month_of(int32_t day)
{
	int y, m, d;
	days_to_ymd(day, &y, &m, &d);
	return y * 12 + (m - 1);
}

static void panel_build(const struct response_fit_input *in, struct response_fit *out,
                        struct panel *p)
{
	const struct dataset *ds = in->ds;
	memset(p, 0, sizeof(*p));
	p->n = ds->ncustomers;
	p->T = in->months;
	p->phone_weight = in->phone_weight;
	int last = month_of(in->to), m0 = last - p->T + 1;
	size_t n = p->n ? p->n : 1;
	p->y = xcalloc(n * (size_t)p->T, sizeof(float));
	p->v = xcalloc(n * (size_t)(p->T + 2), sizeof(uint16_t));
	p->q = xcalloc(n * (size_t)(p->T + 2), sizeof(uint16_t));
	p->t0 = xmalloc(n * sizeof(int16_t));
	p->t1 = xmalloc(n * sizeof(int16_t));
	double *yy = xcalloc(n * (size_t)p->T, sizeof(double));
	int first_act = INT32_MAX;
	for (size_t k = 0; k < ds->nactivities; k++) {
		const struct activity *a = &ds->activities[k];
		if (a->day > in->to)
			continue;
		int mo = month_of(a->day);
		if (mo < first_act)
			first_act = mo;
		int idx = mo - m0 + 2;
		if (a->cust < 0 || idx < 0 || idx >= p->T + 2)
			continue;
		uint16_t *slot = NULL;
		if (a->type == ACT_VISIT)
			slot = &p->v[(size_t)a->cust * (size_t)(p->T + 2) + (size_t)idx];
		else if (a->type == ACT_PHONE)
			slot = &p->q[(size_t)a->cust * (size_t)(p->T + 2) + (size_t)idx];
		if (slot && *slot < UINT16_MAX)
			(*slot)++;
	}
	for (size_t k = 0; k < ds->norders; k++) {
		const struct order *o = &ds->orders[k];
		if (o->cust < 0 || (size_t)o->cust >= ds->ncustomers || o->day > in->to)
			continue;
		int t = month_of(o->day) - m0;
		if (t < 0 || t >= p->T)
			continue;
		double amt =
		    in->margin ? (o->has_margin ? (double)o->margin : 0) : (double)o->amount;
		yy[(size_t)o->cust * (size_t)p->T + (size_t)t] += amt;
	}
	for (size_t i = 0; i < p->n; i++) {
		p->t0[i] = p->t1[i] = -1;
		for (int t = 0; t < p->T; t++) {
			double y = yy[i * (size_t)p->T + (size_t)t];
			if (y > 0) {
				p->y[i * (size_t)p->T + (size_t)t] = (float)y;
				if (p->t0[i] < 0)
					p->t0[i] = (int16_t)t;
				p->t1[i] = (int16_t)t;
			}
		}
	}
	free(yy);
	/* Months whose three months of contact lie within the recorded history. */
	p->first = first_act == INT32_MAX ? p->T : first_act + 2 - m0;
	if (p->first < 0)
		p->first = 0;
	out->months = p->T - p->first < 0 ? 0 : p->T - p->first;
	int y, mo;
	y = (m0 + p->first) / 12;
	mo = (m0 + p->first) % 12 + 1;
	out->from = days_from_ymd(y, mo, 1);
	out->to = in->to;
}

static void panel_free(struct panel *p)
{
	free(p->y);
	free(p->v);
	free(p->q);
	free(p->t0);
	free(p->t1);
}

/* Contact of customer i in months t−2..t as a yearly rate. */
static double panel_x(const struct panel *p, size_t i, int t)
{
	const uint16_t *v = &p->v[i * (size_t)(p->T + 2) + (size_t)t];
	const uint16_t *q = &p->q[i * (size_t)(p->T + 2) + (size_t)t];
	double visits = (double)v[0] + v[1] + v[2], calls = (double)q[0] + q[1] + q[2];
	return 4.0 * (visits + p->phone_weight * calls);
}

/* The months of customer i that enter the fit: [lo, hi], empty when lo > hi. */
static void panel_span(const struct panel *p, size_t i, int *lo, int *hi)
{
	*lo = p->t0[i] > p->first ? p->t0[i] : p->first;
	*hi = p->t1[i];
}

/* --- the grouped likelihood ----------------------------------------------- */

/* Per informative customer, its months grouped by contact level; and the
 * prior the fit is drawn to where the data say little. */
struct groups {
	int ncust;
	int *off; /* ncust + 1 offsets into x, Y, G */
	double *x, *Y, *G;
	int *ix;    /* per group: index of its x in ux */
	double *ux; /* the distinct contact levels, ascending */
	int nux;
	double *Yw;     /* per distinct level: sum of w x Y over its groups */
	double *m, *lm; /* scratch: m and log m per distinct level */
	double *Ytot;   /* per customer */
	double *w;      /* bootstrap weight per customer */
	double disp;    /* dispersion: the log-likelihood is divided by it */
	bool prior;     /* add the prior's penalty */
	double u_prior[2];
};

static void groups_free(struct groups *g)
{
	free(g->ix);
	free(g->ux);
	free(g->Yw);
	free(g->m);
	free(g->lm);
	free(g->off);
	free(g->x);
	free(g->Y);
	free(g->G);
	free(g->Ytot);
	free(g->w);
	memset(g, 0, sizeof(*g));
}

struct cell {
	double x, y, s;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void groups_weights(struct groups *g);

static int by_x(const void *a, const void *b)
{
	const struct cell *u = a, *v = b;
	return u->x < v->x ? -1 : u->x > v->x;
}

/* Groups the customers of category k whose contact level changes. s[t] is
 * the month effect. Counts customers and informative ones into fc. */
static void groups_build(const struct panel *p, const int8_t *cat, int k, const double *s,
                         struct groups *g, struct response_fit_cat *fc)
{
	size_t cap = 256, used = 0;
	int ccap = 64;
	memset(g, 0, sizeof(*g));
	g->disp = 1;
	g->off = xmalloc((size_t)(ccap + 1) * sizeof(int));
	g->x = xmalloc(cap * sizeof(double));
	g->Y = xmalloc(cap * sizeof(double));
	g->G = xmalloc(cap * sizeof(double));
	g->Ytot = xmalloc((size_t)ccap * sizeof(double));
	g->off[0] = 0;
	struct cell *c = xmalloc((size_t)(p->T ? p->T : 1) * sizeof(*c));
	for (size_t i = 0; i < p->n; i++) {
		if (cat[i] != k)
			continue;
		int lo, hi;
		panel_span(p, i, &lo, &hi);
		if (hi - lo < 2)
			continue;
		fc->customers++;
		int nc = 0;
		double ytot = 0;
		for (int t = lo; t <= hi; t++) {
			c[nc].x = panel_x(p, i, t);
			c[nc].y = p->y[i * (size_t)p->T + (size_t)t];
			c[nc].s = s[t];
			ytot += c[nc].y;
			nc++;
		}
		qsort(c, (size_t)nc, sizeof(*c), by_x);
		if (c[0].x == c[nc - 1].x || ytot <= 0)
			continue;
		fc->informative++;
		if (g->ncust == ccap) {
			ccap *= 2;
			g->off = xreallocarray(g->off, (size_t)ccap + 1, sizeof(int));
			g->Ytot = xreallocarray(g->Ytot, (size_t)ccap, sizeof(double));
		}
		for (int j = 0; j < nc; j++) {
			if (used + 1 > cap) {
				cap *= 2;
				g->x = xreallocarray(g->x, cap, sizeof(double));
				g->Y = xreallocarray(g->Y, cap, sizeof(double));
				g->G = xreallocarray(g->G, cap, sizeof(double));
			}
			if (j > 0 && c[j].x == g->x[used - 1]) {
				g->Y[used - 1] += c[j].y;
				g->G[used - 1] += c[j].s;
				continue;
			}
			g->x[used] = c[j].x;
			g->Y[used] = c[j].y;
			g->G[used] = c[j].s;
			used++;
		}
		g->Ytot[g->ncust] = ytot;
		g->off[++g->ncust] = (int)used;
	}
	free(c);
	g->w = xmalloc((size_t)(g->ncust ? g->ncust : 1) * sizeof(double));
	for (int i = 0; i < g->ncust; i++)
		g->w[i] = 1;
	/* The distinct contact levels: the curve is evaluated once per level. */
	g->ux = xmalloc((used ? used : 1) * sizeof(double));
	memcpy(g->ux, g->x, used * sizeof(double));
	qsort(g->ux, used, sizeof(double), cmp_double);
	int nu = 0;
	for (size_t j = 0; j < used; j++)
		if (nu == 0 || g->ux[j] != g->ux[nu - 1])
			g->ux[nu++] = g->ux[j];
	g->nux = nu;
	g->ix = xmalloc((used ? used : 1) * sizeof(int));
	for (size_t j = 0; j < used; j++) {
		int lo = 0, hi = nu - 1;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (g->ux[mid] < g->x[j])
				lo = mid + 1;
			else
				hi = mid;
		}
		g->ix[j] = lo;
	}
	g->Yw = xcalloc((size_t)(nu ? nu : 1), sizeof(double));
	g->m = xmalloc((size_t)(nu ? nu : 1) * sizeof(double));
	g->lm = xmalloc((size_t)(nu ? nu : 1) * sizeof(double));
	groups_weights(g);
}

/* Yw after a change of the weights. */
static void groups_weights(struct groups *g)
{
	memset(g->Yw, 0, (size_t)(g->nux ? g->nux : 1) * sizeof(double));
	for (int i = 0; i < g->ncust; i++)
		for (int j = g->off[i]; j < g->off[i + 1]; j++)
			g->Yw[g->ix[j]] += g->w[i] * g->Y[j];
}

/* The weighted conditional log-likelihood at (rho, d), c = 1. */
static double loglik(const struct groups *g, double rho, double d)
{
	struct response_curve k = {rho, 1, d};
	double ll = 0;
	for (int u = 0; u < g->nux; u++) {
		g->m[u] = response_m(&k, g->ux[u]);
		g->lm[u] = log(g->m[u]);
		ll += g->Yw[u] * g->lm[u];
	}
	for (int i = 0; i < g->ncust; i++) {
		if (g->w[i] == 0)
			continue;
		double den = 0;
		for (int j = g->off[i]; j < g->off[i + 1]; j++)
			den += g->G[j] * g->m[g->ix[j]];
		ll -= g->w[i] * g->Ytot[i] * log(den);
	}
	return ll;
}

/* The prior: centred on the method's defaults, sd on the fitted scales
 * (logit of rho, ln d). Weak: a few hundred informative customers outweigh
 * it; it keeps thin data from running along the ridge where a lower rho and
 * a larger d explain the same months equally well. */
#define PRIOR_SD_RHO 0.75
#define PRIOR_SD_D 1.0

/* The parameters live on the real line: rho = logistic(u0) (at most 0.999),
 * d = exp(u1) within [0.05, 200]. */
static void unpack(const double u[2], double *rho, double *d)
{
	*rho = 0.999 / (1 + exp(-u[0]));
	double lu = u[1] < log(0.05) ? log(0.05) : u[1] > log(200) ? log(200) : u[1];
	*d = exp(lu);
}

static double objective(const struct groups *g, const double u[2])
{
	double rho, d;
	unpack(u, &rho, &d);
	double f = -loglik(g, rho, d) / g->disp;
	if (g->prior) {
		double a = (u[0] - g->u_prior[0]) / PRIOR_SD_RHO,
		       b = (u[1] - g->u_prior[1]) / PRIOR_SD_D;
		f += 0.5 * (a * a + b * b);
	}
	return f;
}

static void pack(const struct response_curve *k, double u[2])
{
	double r = k->rho / 0.999;
	r = r < 1e-6 ? 1e-6 : r > 1 - 1e-6 ? 1 - 1e-6 : r;
	u[0] = log(r / (1 - r));
	u[1] = log(k->d);
}

/* Nelder-Mead in two dimensions from u (updated in place), first steps of
 * `step`, until the simplex is within 1e-4 on both scales. */
static int minimize(const struct groups *g, double u[2], double step)
{
	double s[3][2] = {{u[0], u[1]}, {u[0] + step, u[1]}, {u[0], u[1] + step}};
	int evals = 3;
	double f[3];
	for (int i = 0; i < 3; i++)
		f[i] = objective(g, s[i]);
	for (int it = 0; it < 300; it++) {
		/* order: best 0, worst 2 */
		for (int a = 0; a < 2; a++)
			for (int b = a + 1; b < 3; b++)
				if (f[b] < f[a]) {
					double t = f[a];
					f[a] = f[b];
					f[b] = t;
					for (int k = 0; k < 2; k++) {
						t = s[a][k];
						s[a][k] = s[b][k];
						s[b][k] = t;
					}
				}
		if (fabs(s[2][0] - s[0][0]) + fabs(s[2][1] - s[0][1]) + fabs(s[1][0] - s[0][0]) +
		        fabs(s[1][1] - s[0][1]) <
		    1e-4)
			break;
		double c[2] = {(s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2};
		double r[2] = {2 * c[0] - s[2][0], 2 * c[1] - s[2][1]};
		double fr = objective(g, r);
		evals++;
		if (fr < f[0]) {
			double e[2] = {3 * c[0] - 2 * s[2][0], 3 * c[1] - 2 * s[2][1]};
			double fe = objective(g, e);
			evals++;
			if (fe < fr) {
				memcpy(s[2], e, sizeof(e));
				f[2] = fe;
			} else {
				memcpy(s[2], r, sizeof(r));
				f[2] = fr;
			}
			continue;
		}
		if (fr < f[1]) {
			memcpy(s[2], r, sizeof(r));
			f[2] = fr;
			continue;
		}
		double k[2] = {(c[0] + s[2][0]) / 2, (c[1] + s[2][1]) / 2};
		double fk = objective(g, k);
		evals++;
		if (fk < f[2]) {
			memcpy(s[2], k, sizeof(k));
			f[2] = fk;
			continue;
		}
		for (int i = 1; i < 3; i++) {
			s[i][0] = (s[0][0] + s[i][0]) / 2;
			s[i][1] = (s[0][1] + s[i][1]) / 2;
			f[i] = objective(g, s[i]);
			evals++;
		}
	}
	int best = 0;
	for (int i = 1; i < 3; i++)
		if (f[i] < f[best])
			best = i;
	u[0] = s[best][0];
	u[1] = s[best][1];
	return evals;
}

/* Customer i's order value over its months lo..hi into *ytot, and its
 * effect a_i = ytot / sum_t s_t m(x_it) (0 when that sum is 0). */
static double customer_effect(const struct panel *p, size_t i, int lo, int hi,
                              const struct response_curve *k, const double *s, double *ytot)
{
	double y = 0, e = 0;
	for (int t = lo; t <= hi; t++) {
		y += p->y[i * (size_t)p->T + (size_t)t];
		e += s[t] * response_m(k, panel_x(p, i, t));
	}
	*ytot = y;
	return e > 0 ? y / e : 0;
}

/* Pearson dispersion of the category's cells at curve k: sum of
 * (y - mu)^2 / mu over cells / (cells - customers - 2), mu = a_i s_t m(x). */
static double dispersion(const struct panel *p, const int8_t *cat, int kcat,
                         const struct response_curve *k, const double *s)
{
	double chi = 0;
	long cells = 0, custs = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (cat[i] != kcat)
			continue;
		int lo, hi;
		panel_span(p, i, &lo, &hi);
		if (hi - lo < 2)
			continue;
		double ytot, a = customer_effect(p, i, lo, hi, k, s, &ytot);
		if (ytot <= 0 || a <= 0)
			continue;
		for (int t = lo; t <= hi; t++) {
			double mu = a * s[t] * response_m(k, panel_x(p, i, t));
			double r = p->y[i * (size_t)p->T + (size_t)t] - mu;
			if (mu > 0)
				chi += r * r / mu;
			cells++;
		}
		custs++;
	}
	long df = cells - custs - 2;
	return df > 0 && chi > 0 ? chi / (double)df : 1;
}

/* --- month effects -------------------------------------------------------- */

/* s[t] by alternating the customer and month effects, given the curves. */
static void month_effects(const struct panel *p, const int8_t *cat, const struct response_curve *k,
                          double *s)
{
	double *num = xcalloc((size_t)p->T, sizeof(double));
	double *den = xcalloc((size_t)p->T, sizeof(double));
	for (int t = 0; t < p->T; t++)
		s[t] = 1;
	for (int it = 0; it < 8; it++) {
		memset(num, 0, (size_t)p->T * sizeof(double));
		memset(den, 0, (size_t)p->T * sizeof(double));
		for (size_t i = 0; i < p->n; i++) {
			if (cat[i] < 0 || cat[i] >= CAT_COUNT)
				continue;
			int lo, hi;
			panel_span(p, i, &lo, &hi);
			if (hi - lo < 2)
				continue;
			double ytot, alpha = customer_effect(p, i, lo, hi, &k[cat[i]], s, &ytot);
			for (int t = lo; t <= hi; t++) {
				num[t] += p->y[i * (size_t)p->T + (size_t)t];
				den[t] += alpha * response_m(&k[cat[i]], panel_x(p, i, t));
			}
		}
		for (int t = 0; t < p->T; t++)
			s[t] = den[t] > 0 ? num[t] / den[t] : 1;
	}
	free(num);
	free(den);
}

/* --- the whole fit -------------------------------------------------------- */

static double percentile(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	double pos = q * (n - 1);
	int k = (int)pos;
	if (k >= n - 1)
		return v[n - 1];
	return v[k] + (pos - k) * (v[k + 1] - v[k]);
}

static void bootstrap(struct groups *g, const double u0[2], int nboot, uint64_t seed, int k,
                      struct response_fit_cat *fc)
{
	struct rng r;
	rng_seed(&r, seed, 101 + (uint64_t)k);
	fc->boot = xcalloc((size_t)nboot, sizeof(*fc->boot));
	double *rho = xmalloc((size_t)nboot * sizeof(double));
	double *d = xmalloc((size_t)nboot * sizeof(double));
	for (int b = 0; b < nboot; b++) {
		for (int i = 0; i < g->ncust; i++)
			g->w[i] = rng_poisson(&r, 1.0);
		groups_weights(g);
		double u[2] = {u0[0], u0[1]};
		minimize(g, u, 0.15);
		unpack(u, &fc->boot[b].rho, &fc->boot[b].d);
		fc->boot[b].c = 1;
		rho[b] = fc->boot[b].rho;
		d[b] = fc->boot[b].d;
	}
	fc->nboot = nboot;
	fc->rho_lo = percentile(rho, nboot, 0.1);
	fc->rho_hi = percentile(rho, nboot, 0.9);
	fc->d_lo = percentile(d, nboot, 0.1);
	fc->d_hi = percentile(d, nboot, 0.9);
	for (int i = 0; i < g->ncust; i++)
		g->w[i] = 1;
	groups_weights(g);
	free(rho);
	free(d);
}

/* f_ref per category: today's contact per customer-year. */
static void reference_contact(const struct response_fit_input *in, struct response_fit *out)
{
	size_t n = in->ds->ncustomers;
	double *f = xmalloc((n ? n : 1) * sizeof(double));
	double sum[CAT_COUNT] = {0};
	int cnt[CAT_COUNT] = {0};
	response_contact_today(in->ds, in->to, in->phone_weight, f);
	for (size_t i = 0; i < n; i++) {
		if (in->cat[i] < 0 || in->cat[i] >= CAT_COUNT)
			continue;
		sum[in->cat[i]] += f[i];
		cnt[in->cat[i]]++;
	}
	for (int k = 0; k < CAT_COUNT; k++)
		out->cat[k].f_ref = cnt[k] ? sum[k] / cnt[k] : 0;
	free(f);
}

/* Fewer replicates for large panels, where each costs more and the range is
 * narrow anyway: boot x 10 000 / informative customers, at least
 * RESPONSE_BOOT_MIN. */
static int replicates(int boot, int informative)
{
	if (informative <= 10000)
		return boot;
	int b = (int)((double)boot * 10000.0 / informative);
	return b > RESPONSE_BOOT_MIN ? b : (boot < RESPONSE_BOOT_MIN ? boot : RESPONSE_BOOT_MIN);
}

void response_fit(const struct response_fit_input *in, struct response_fit *out)
{
	memset(out, 0, sizeof(*out));
	out->phone_weight = in->phone_weight;
	for (int k = 0; k < CAT_COUNT; k++)
		response_default((enum category)k, &out->cat[k].est);
	if (in->to == DAYS_NONE || in->months < 3)
		return;
	reference_contact(in, out);
	struct panel p;
	panel_build(in, out, &p);
	double *s = xmalloc((size_t)p.T * sizeof(double));
	struct response_curve cur[CAT_COUNT];
	for (int k = 0; k < CAT_COUNT; k++)
		cur[k] = (struct response_curve){1, 1, 1}; /* no response: seasonality alone */
	/* Two rounds: month effects, then the curves given them. */
	for (int round = 0; round < 2; round++) {
		month_effects(&p, in->cat, cur, s);
		for (int k = 0; k < CAT_COUNT; k++) {
			struct response_fit_cat *fc = &out->cat[k];
			struct groups g;
			fc->customers = fc->informative = 0;
			groups_build(&p, in->cat, k, s, &g, fc);
			if (fc->informative >= RESPONSE_MIN_INFORMATIVE) {
				struct response_curve def;
				response_default((enum category)k, &def);
				double u[2];
				/* The plain maximum first, for the dispersion; then with the prior.
				 */
				g.disp = 1;
				pack(&def, u);
				minimize(&g, u, 0.5);
				struct response_curve ml = {0, 1, 0};
				unpack(u, &ml.rho, &ml.d);
				g.disp = dispersion(&p, in->cat, k, &ml, s);
				g.prior = true;
				pack(&def, g.u_prior);
				minimize(&g, u, 0.5);
				unpack(u, &fc->est.rho, &fc->est.d);
				fc->est.c = 1;
				fc->ok = true;
				fc->lr =
				    2 *
				    (loglik(&g, fc->est.rho, fc->est.d) - loglik(&g, 0.999, 1)) /
				    g.disp;
				cur[k] = fc->est;
				if (round == 1 && in->boot > 0)
					bootstrap(&g, u, replicates(in->boot, fc->informative),
					          in->seed, k, fc);
			}
			groups_free(&g);
		}
	}
	free(s);
	panel_free(&p);
}

void response_fit_free(struct response_fit *f)
{
	if (!f)
		return;
	for (int k = 0; k < CAT_COUNT; k++) {
		free(f->cat[k].boot);
		f->cat[k].boot = NULL;
		f->cat[k].nboot = 0;
	}
}
