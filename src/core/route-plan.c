/* route-plan.c — due visits and week routes for a field seller (see
 * route-plan.h and docs/routes.md). The routing itself is core/vrp.c: each
 * working day is one vehicle leaving the start at the day's start and back
 * by its end; each due visit is an optional node whose penalty is its
 * priority times a constant larger than any week's driving, so the served
 * priority comes first and the driving time second; a lunch break is a
 * node without a place that each day must hold. */
#include "core/route-plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/vrp-check.h"
#include "core/vrp.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* ---- travel sources --------------------------------------------------------- */

void route_geo_leg(void *ctx, int a, int b, double *minutes, double *km)
{
	const struct route_geo *g = ctx;
	double d = a == b ? 0 : geo_km(g->lat[a], g->lon[a], g->lat[b], g->lon[b]) * g->road_factor;
	*km = d;
	*minutes = g->speed_kmh > 0 ? d / g->speed_kmh * 60.0 : 0;
}

void route_matrix_leg(void *ctx, int a, int b, double *minutes, double *km)
{
	struct route_matrix *m = ctx;
	size_t i = (size_t)a * m->n + b;
	if (a == b) {
		*minutes = *km = 0;
	} else if (a < m->n && b < m->n && !isnan(m->minutes[i]) && !isnan(m->km[i])) {
		*minutes = m->minutes[i];
		*km = m->km[i];
	} else {
		m->missing++;
		route_geo_leg((void *)m->fallback, a, b, minutes, km);
	}
}

/* ---- words ---------------------------------------------------------------------- */

static const struct {
	const char *code, *en, *sv;
} reasons[ROUTE_REASON_COUNT] = {
    [ROUTE_NO_PLACE] = {"no_place", "no coordinates (unknown address or postal code)",
                        "saknar koordinater (okänd adress eller postnummer)"},
    [ROUTE_CLOSED] = {"closed", "the opening hours leave no room for the visit in the working day",
                      "öppettiderna ger inte plats för besöket under arbetsdagen"},
    [ROUTE_TOO_FAR] = {"too_far", "too far: even alone, the trip and the visit do not fit in a day",
                       "för långt bort: resan och besöket ryms inte ens ensamma på en dag"},
    [ROUTE_NO_TIME] = {"no_time", "no time left: the days are full with visits of higher priority",
                       "ingen tid kvar: dagarna är fulla med besök med högre prioritet"},
};

const char *route_reason_code(enum route_reason r)
{
	return r >= 0 && r < ROUTE_REASON_COUNT ? reasons[r].code : "";
}

const char *route_reason_label(enum route_reason r, int lang)
{
	if (r < 0 || r >= ROUTE_REASON_COUNT)
		return "";
	return TR(lang, reasons[r].en, reasons[r].sv);
}

/* ---- due visits ----------------------------------------------------------------- */

void route_params_default(struct route_params *p)
{
	*p = (struct route_params){.day_start = 8 * 60,
	                           .day_length = 8 * 60,
	                           .lunch = 0,
	                           .lunch_from = 11 * 60 + 30,
	                           .lunch_to = 13 * 60,
	                           .seed = 1,
	                           .time_limit = 2,
	                           .iterations = 0};
}

void route_plan_days(int32_t from, int n, int32_t *out)
{
	int32_t d = from;
	for (int k = 0; k < n; d++) {
		if (days_workday_se(d))
			out[k++] = d;
	}
}

static double base_weight(enum category c)
{
	switch (c) {
	case CAT_1:
		return ROUTE_WEIGHT_1;
	case CAT_2R:
	case CAT_2P:
		return ROUTE_WEIGHT_2;
	default:
		return ROUTE_WEIGHT_3;
	}
}

static int by_weight(const void *a, const void *b)
{
	const struct route_visit *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->cust - y->cust;
}

int route_plan_due(const struct dataset *ds, const int8_t *cat, const struct policy *pol,
                   const struct route_planned *planned, int32_t seller, const int32_t *days,
                   int ndays, struct route_visit **out)
{
	size_t nc = ds->ncustomers;
	int32_t *last = xmalloc((nc + 1) * sizeof(int32_t));
	for (size_t i = 0; i < nc; i++)
		last[i] = DAYS_NONE;
	for (size_t k = 0; k < ds->nactivities; k++) {
		const struct activity *a = &ds->activities[k];
		if (a->type != ACT_VISIT || a->cust < 0 || (size_t)a->cust >= nc ||
		    a->day >= days[0])
			continue;
		if (last[a->cust] == DAYS_NONE || a->day > last[a->cust])
			last[a->cust] = a->day;
	}
	size_t cap = nc + 1;
	struct route_visit *v = xreallocarray(NULL, cap, sizeof(*v));
	int n = 0;
	for (size_t i = 0; i < nc; i++) {
		const struct customer *c = &ds->customers[i];
		int32_t owner = planned ? planned->owner[i] : c->seller;
		if (owner != seller || cat[i] < 0 || cat[i] >= CAT_COUNT)
			continue;
		enum category k = (enum category)cat[i];
		double freq = planned ? planned->visits[i] : pol->cat[k].per_year[CH_VISIT];
		if (!(freq > 0))
			continue;
		double interval = 365.0 / freq;
		double step_d = ceil(interval - 1e-9);
		int32_t step = step_d < 1 ? 1 : step_d > 366 ? 366 : (int32_t)step_d;
		struct route_visit x = {.cust = (int32_t)i,
		                        .cat = k,
		                        .last_visit = last[i],
		                        .interval = interval,
		                        .has_place = c->has_loc};
		x.minutes = pol->cat[k].minutes[CH_VISIT] >= 1 ? pol->cat[k].minutes[CH_VISIT] : 1;
		int32_t due = last[i] == DAYS_NONE ? days[0] : last[i] + step;
		while (due <= days[ndays - 1]) { /* only the first can be before days[0] */
			int32_t next = (due < days[0] ? days[0] : due) + step;
			x.due = due;
			x.until = next <= days[ndays - 1] ? next - 1 : DAYS_NONE;
			x.overdue = due < days[0] ? days[0] - due : 0;
			double f = x.overdue / interval;
			x.weight = base_weight(k) * (1.0 + (f < 1 ? f : 1));
			if ((size_t)n == cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n++] = x;
			due = next;
		}
	}
	free(last);
	qsort(v, n, sizeof(*v), by_weight);
	*out = v;
	return n;
}

/* ---- planning ----------------------------------------------------------------------- */

struct leg_adapter {
	route_leg_fn leg;
	void *ctx;
};

static void adapter_travel(void *ctx, int a, int b, double *time, double *cost)
{
	const struct leg_adapter *ad = ctx;
	double km;
	ad->leg(ad->ctx, a, b, time, &km);
	*cost = *time;
}

/* The window of service starts a visit allows within the working day:
 * [*lo, *hi]; returns false when it is empty. */
static bool visit_window(const struct dataset *ds, const struct route_visit *v,
                         const struct route_params *prm, double *lo, double *hi)
{
	const struct customer *c = &ds->customers[v->cust];
	double day_end = prm->day_start + prm->day_length + prm->lunch;
	double open = c->open_min >= 0 ? c->open_min : 0;
	double close = c->close_min > 0 ? c->close_min : 48 * 60;
	*lo = open > prm->day_start ? open : prm->day_start;
	*hi = close - v->minutes;
	if (*hi > day_end - v->minutes)
		*hi = day_end - v->minutes;
	return *lo <= *hi;
}

/* Whether the visit fits a day alone: out, wait for opening, visit, home. */
static bool fits_alone(const struct route_visit *v, int place, const struct route_params *prm,
                       double lo, double hi, route_leg_fn leg, void *ctx)
{
	double out_min, back_min, km;
	leg(ctx, 0, place, &out_min, &km);
	leg(ctx, place, 0, &back_min, &km);
	double begin = prm->day_start + out_min;
	if (begin < lo)
		begin = lo;
	return begin <= hi && begin + v->minutes + back_min <= prm->day_start + prm->day_length;
}

static int check_params(const struct route_params *p, int ndays, char **cause)
{
	if (ndays < 1) {
		*cause = xstrdup("plan at least one day");
		return -1;
	}
	if (p->day_start < 0 || p->day_length <= 0 || p->day_start + p->day_length > 24 * 60) {
		*cause = xstrdup("the working day must start and end within the same day");
		return -1;
	}
	if (p->lunch < 0 ||
	    (p->lunch > 0 && (p->lunch_from > p->lunch_to || p->lunch_from < p->day_start ||
	                      p->lunch_to + p->lunch > p->day_start + p->day_length + p->lunch))) {
		*cause = xstrdup("the lunch break must fit inside the working day");
		return -1;
	}
	if (p->time_limit <= 0 && p->iterations <= 0) {
		*cause = xstrdup("the optimizer needs a time limit or an iteration count");
		return -1;
	}
	return 0;
}

static void fill_day(const struct vrp_problem *vp, const struct vrp_solution *sol, int d,
                     const int *node_visit, const struct route_visit *visits, route_leg_fn leg,
                     void *ctx, struct route_day *day)
{
	int a = sol->route_start[d], len = sol->route_start[d + 1] - a;
	const int *seq = sol->order + a;
	double *arrive = xmalloc((len + 1) * sizeof(double));
	double *begin = xmalloc((len + 1) * sizeof(double));
	vrp_route_times(vp, d, seq, len, &day->leave, arrive, begin, &day->back, NULL, NULL);
	day->nstops = len;
	day->stops = xcalloc((size_t)len + 1, sizeof(*day->stops));
	int here = 0;
	double lunch_minutes = 0;
	for (int i = 0; i < len; i++) {
		struct route_stop *st = &day->stops[i];
		const struct vrp_node *x = &vp->nodes[seq[i]];
		st->visit = node_visit[seq[i]];
		st->arrive = arrive[i];
		st->begin = begin[i];
		st->end = begin[i] + x->service;
		if (x->loc >= 0) {
			leg(ctx, here, x->loc, &st->drive, &st->km);
			here = x->loc;
			day->visit_minutes += x->service;
			day->per_cat[visits[st->visit].cat]++;
		} else {
			lunch_minutes += x->service;
		}
		day->km += st->km;
		day->drive += st->drive;
	}
	leg(ctx, here, 0, &day->drive_home, &day->km_home);
	day->km += day->km_home;
	day->drive += day->drive_home;
	if (here == 0) {
		/* no visits: the day is free (its lunch needs no plan) */
		day->nstops = 0;
		day->back = day->leave;
		lunch_minutes = 0;
	}
	day->wait_minutes =
	    day->back - day->leave - day->drive - day->visit_minutes - lunch_minutes;
	if (day->wait_minutes < 1e-9)
		day->wait_minutes = 0;
	free(arrive);
	free(begin);
}

static int by_unserved_weight(const void *a, const void *b, void *ctx)
{
	const struct route_visit *v = ctx;
	const struct route_unserved *x = a, *y = b;
	if (v[x->visit].weight != v[y->visit].weight)
		return v[x->visit].weight > v[y->visit].weight ? -1 : 1;
	return x->visit - y->visit;
}

int route_plan_solve(const struct dataset *ds, const struct route_visit *visits, int nvisits,
                     const int32_t *days, int ndays, const struct route_params *prm,
                     route_leg_fn leg, void *ctx, struct route_plan *out, char **cause)
{
	memset(out, 0, sizeof(*out));
	if (check_params(prm, ndays, cause) != 0)
		return -1;
	int rc = -1;
	struct vrp_node *nodes = xcalloc((size_t)nvisits + ndays + 1, sizeof(*nodes));
	int *node_visit = xcalloc((size_t)nvisits + ndays + 1, sizeof(int));
	struct vrp_vehicle *veh = xcalloc((size_t)ndays, sizeof(*veh));
	struct vrp_solution sol = {0};
	out->unserved = xcalloc((size_t)nvisits + 1, sizeof(*out->unserved));
	double day_end = prm->day_start + prm->day_length + prm->lunch;
	/* larger than the driving of any plan: the priority comes first */
	double big = 10.0 * ndays * (prm->day_length + prm->lunch + 1.0);
	int nn = 0;
	for (int k = 0; k < nvisits; k++) {
		const struct route_visit *v = &visits[k];
		out->weight_due += v->weight;
		double lo, hi;
		enum route_reason why = ROUTE_NO_TIME;
		if (!v->has_place)
			why = ROUTE_NO_PLACE;
		else if (!visit_window(ds, v, prm, &lo, &hi))
			why = ROUTE_CLOSED;
		else if (!fits_alone(v, k + 1, prm, lo, hi, leg, ctx))
			why = ROUTE_TOO_FAR;
		if (why != ROUTE_NO_TIME) {
			out->unserved[out->nunserved++] = (struct route_unserved){k, why};
			continue;
		}
		int first = 0, last = ndays - 1;
		while (first < ndays && days[first] < v->due)
			first++;
		while (v->until != DAYS_NONE && last >= first && days[last] > v->until)
			last--;
		if (first > last) {
			out->unserved[out->nunserved++] = (struct route_unserved){k, ROUTE_NO_TIME};
			continue;
		}
		node_visit[nn] = k;
		nodes[nn++] = (struct vrp_node){.loc = k + 1,
		                                .ready = lo,
		                                .due = hi,
		                                .service = v->minutes,
		                                .penalty = v->weight * big,
		                                .vmin = first,
		                                .vmax = last};
	}
	for (int d = 0; d < ndays; d++) {
		veh[d] = (struct vrp_vehicle){.start_loc = 0,
		                              .end_loc = 0,
		                              .start = prm->day_start,
		                              .end = day_end,
		                              .capacity = 1};
		if (prm->lunch > 0) {
			node_visit[nn] = -1;
			nodes[nn++] = (struct vrp_node){.loc = -1,
			                                .ready = prm->lunch_from,
			                                .due = prm->lunch_to,
			                                .service = prm->lunch,
			                                .penalty = VRP_MANDATORY,
			                                .vmin = d,
			                                .vmax = d};
		}
	}
	struct leg_adapter ad = {leg, ctx};
	struct vrp_problem vp = {.nloc = nvisits + 1,
	                         .nnodes = nn,
	                         .nodes = nodes,
	                         .nvehicles = ndays,
	                         .vehicles = veh,
	                         .travel = adapter_travel,
	                         .travel_ctx = &ad};
	struct vrp_options o = {
	    .seed = prm->seed, .time_limit = prm->time_limit, .max_iterations = prm->iterations};
	if (vrp_solve(&vp, &o, &sol, cause) != 0)
		goto out;
	struct vrp_check chk;
	if (vrp_check(&vp, &sol, &chk) != 0) {
		*cause = xasprintf("the plan failed its check: %s", chk.msg);
		goto out;
	}
	out->iterations = sol.iterations;
	out->seconds = sol.seconds;
	out->ndays = ndays;
	out->days = xcalloc((size_t)ndays, sizeof(*out->days));
	for (int d = 0; d < ndays; d++) {
		struct route_day *day = &out->days[d];
		day->day = days[d];
		fill_day(&vp, &sol, d, node_visit, visits, leg, ctx, day);
		out->km += day->km;
		out->drive += day->drive;
		for (int i = 0; i < day->nstops; i++)
			if (day->stops[i].visit >= 0) {
				out->served++;
				out->weight_served += visits[day->stops[i].visit].weight;
			}
	}
	for (int i = 0; i < sol.nunserved; i++) {
		int k = node_visit[sol.unserved[i]];
		if (k >= 0)
			out->unserved[out->nunserved++] = (struct route_unserved){k, ROUTE_NO_TIME};
	}
	qsort_r(out->unserved, out->nunserved, sizeof(*out->unserved), by_unserved_weight,
	        (void *)visits);
	rc = 0;
out:
	vrp_solution_free(&sol);
	free(nodes);
	free(node_visit);
	free(veh);
	if (rc != 0)
		route_plan_free(out);
	return rc;
}

void route_plan_free(struct route_plan *p)
{
	if (!p)
		return;
	for (int d = 0; d < p->ndays; d++)
		free(p->days[d].stops);
	free(p->days);
	free(p->unserved);
	memset(p, 0, sizeof(*p));
}
