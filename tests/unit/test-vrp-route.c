/* test-vrp-route.c — covers src/core/route-plan.c (working days, the due
 * rule, priorities, the week plan on the optimizer with opening hours,
 * lunch, reasons for unplanned visits, travel sources), src/io/matrix.c
 * and the text/csv/json/ics outputs of src/render/route-render.c on
 * hand-made datasets. Every plan is re-checked here independently of the
 * optimizer: each customer at most once, opening hours, the lunch window,
 * the day's length, and legs that add up. */
#include "testutil.h"

#include <math.h>

#include "core/route-plan.h"
#include "io/matrix.h"
#include "render/route-render.h"
#include "util/days.h"
#include "util/geo.h"

#define D0 20794 /* 2026-12-07, a Monday */

/* ---- a hand-made dataset ---------------------------------------------------- */

struct world {
	struct dataset ds;
	int8_t cat[64];
	struct policy pol;
};

static void add_customer(struct world *w, const char *id, int seller, double lat, double lon,
                         enum category c)
{
	size_t i = w->ds.ncustomers++;
	w->ds.customers = realloc(w->ds.customers, w->ds.ncustomers * sizeof(struct customer));
	struct customer *x = &w->ds.customers[i];
	memset(x, 0, sizeof(*x));
	x->id = strdup(id);
	x->name = strdup(id);
	x->seller = seller;
	x->has_loc = !isnan(lat);
	x->lat = lat;
	x->lon = lon;
	x->open_min = x->close_min = -1;
	w->cat[i] = (int8_t)c;
}

static void add_visit(struct world *w, int cust, int32_t day, enum activity_type t)
{
	size_t i = w->ds.nactivities++;
	w->ds.activities = realloc(w->ds.activities, w->ds.nactivities * sizeof(struct activity));
	w->ds.activities[i] = (struct activity){.cust = cust, .seller = 0, .day = day, .type = t};
}

static void world_init(struct world *w)
{
	memset(w, 0, sizeof(*w));
	policy_default(&w->pol);
	w->ds.nsellers = 2;
	w->ds.sellers = calloc(2, sizeof(struct seller));
	w->ds.sellers[0].id = strdup("S1");
	w->ds.sellers[0].has_home = true;
	w->ds.sellers[0].home_lat = 59.33;
	w->ds.sellers[0].home_lon = 18.06;
	w->ds.sellers[1].id = strdup("S2");
}

/* ---- working days and the due rule -------------------------------------------------- */

static void test_days(void **state)
{
	(void)state;
	int32_t d[7];
	route_plan_days(D0 - 2, 7, d); /* from a Saturday */
	assert_int_equal(d[0], D0);
	assert_int_equal(d[4], D0 + 4);
	assert_int_equal(d[5], D0 + 7); /* the next Monday */
	assert_int_equal(d[6], D0 + 8);
	route_plan_days(D0 + 3, 3, d); /* Thursday, Friday, Monday */
	assert_int_equal(d[2], D0 + 7);
}

static const struct route_visit *find(const struct route_visit *v, int n, int cust)
{
	for (int i = 0; i < n; i++)
		if (v[i].cust == cust)
			return &v[i];
	return NULL;
}

static void test_due_rule(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	add_customer(&w, "A", 0, 59.4, 18.1, CAT_1);    /* 0: visited 37 days ago: due (36.5) */
	add_customer(&w, "B", 0, 59.4, 18.1, CAT_1);    /* 1: visited 36 days ago: due tomorrow */
	add_customer(&w, "C", 0, 59.4, 18.1, CAT_1);    /* 2: visited 20 days ago: due later */
	add_customer(&w, "D", 0, 59.4, 18.1, CAT_2R);   /* 3: never visited: due at once */
	add_customer(&w, "E", 0, 59.4, 18.1, CAT_3);    /* 4: category 3 has no visits */
	add_customer(&w, "F", 1, 59.4, 18.1, CAT_1);    /* 5: another seller's */
	add_customer(&w, "G", 0, 59.4, 18.1, CAT_NONE); /* 6: not categorized */
	add_customer(&w, "H", 0, 59.4, 18.1, CAT_2P);   /* 7: 2P, 6/yr = 60.8 days; 200 days ago */
	add_customer(&w, "I", 0, NAN, NAN, CAT_2P);     /* 8: never visited, no place */
	add_customer(&w, "J", 0, 59.4, 18.1, CAT_1);    /* 9: only a phone call: never visited */
	add_visit(&w, 0, D0 - 37, ACT_VISIT);
	add_visit(&w, 0, D0 - 100, ACT_VISIT);
	add_visit(&w, 1, D0 - 36, ACT_VISIT);
	add_visit(&w, 2, D0 - 20, ACT_VISIT);
	add_visit(&w, 2, D0 + 1, ACT_VISIT); /* a later one does not count */
	add_visit(&w, 5, D0 - 300, ACT_VISIT);
	add_visit(&w, 7, D0 - 200, ACT_VISIT);
	add_visit(&w, 9, D0 - 2, ACT_PHONE);
	int32_t days[1] = {D0};
	struct route_visit *v;
	int n = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 1, &v);
	/* due on the one day: A, D, H, I, J */
	assert_int_equal(n, 5);
	const struct route_visit *a = find(v, n, 0), *h = find(v, n, 7), *dd = find(v, n, 3);
	assert_non_null(a);
	assert_null(find(v, n, 1));
	assert_null(find(v, n, 2));
	assert_null(find(v, n, 4));
	assert_null(find(v, n, 5));
	assert_null(find(v, n, 6));
	assert_non_null(find(v, n, 8));
	assert_non_null(find(v, n, 9));
	assert_int_equal(a->last_visit, D0 - 37);
	assert_int_equal(a->due, D0 - 37 + 37);
	assert_int_equal(a->overdue, 0);
	assert_true(fabs(a->weight - ROUTE_WEIGHT_1) < 1e-9);
	assert_true(a->minutes == 60);
	assert_int_equal(dd->last_visit, DAYS_NONE);
	assert_int_equal(dd->due, D0);
	/* H: interval 365/6 = 60.83 -> due 61 days after, 139 days overdue: factor 2 */
	assert_int_equal(h->due, D0 - 200 + 61);
	assert_int_equal(h->overdue, 139);
	assert_true(fabs(h->weight - 2 * ROUTE_WEIGHT_2) < 1e-9);
	assert_false(find(v, n, 8)->has_place);
	/* highest weight first: the overdue 2P (20) is behind category 1 (100) */
	assert_true(v[0].cat == CAT_1);
	for (int i = 1; i < n; i++)
		assert_true(v[i - 1].weight >= v[i].weight);
	free(v);
	/* over two days B becomes due on the second */
	int32_t two[2] = {D0, D0 + 1};
	n = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, two, 2, &v);
	assert_int_equal(n, 6);
	assert_int_equal(find(v, n, 1)->due, D0 + 1);
	free(v);
	/* a policy with visits for category 3 makes E due */
	w.pol.cat[CAT_3].per_year[CH_VISIT] = 1;
	w.pol.cat[CAT_3].minutes[CH_VISIT] = 30;
	n = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 1, &v);
	assert_int_equal(n, 6);
	assert_true(find(v, n, 4)->minutes == 30);
	free(v);
	dataset_free(&w.ds);
}

/* The coverage plan's person and frequency replace the owner and the policy
 * (issue 17 §8). */
static void test_due_planned(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	add_customer(&w, "A", 0, 59.4, 18.1, CAT_1); /* 0: the plan: 2 a year */
	add_customer(&w, "B", 1, 59.4, 18.1, CAT_1); /* 1: S2's, the plan gives it to S1 */
	add_customer(&w, "C", 0, 59.4, 18.1, CAT_1); /* 2: the plan keeps it by phone */
	add_customer(&w, "D", 0, 59.4, 18.1, CAT_3); /* 3: category 3, the plan visits it */
	add_visit(&w, 0, D0 - 100, ACT_VISIT);       /* due at 36.5 days, not at 182.5 */
	add_visit(&w, 1, D0 - 100, ACT_VISIT);
	int32_t owner[4] = {0, 0, 0, 0};
	double visits[4] = {2, 10, 0, 1};
	struct route_planned planned = {owner, visits};
	int32_t days[1] = {D0};
	struct route_visit *v;
	int n = route_plan_due(&w.ds, w.cat, &w.pol, &planned, 0, days, 1, &v);
	assert_null(find(v, n, 0));     /* 100 days < 183 */
	assert_non_null(find(v, n, 1)); /* 10 a year: due after 37 days */
	assert_null(find(v, n, 2));     /* no visits planned */
	assert_non_null(find(v, n, 3)); /* never visited, 1 a year */
	assert_int_equal(n, 2);
	assert_true(fabs(find(v, n, 3)->interval - 365) < 1e-9);
	free(v);
	/* Without a plan: the owner and the policy (A due, B is S2's, C never visited). */
	n = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 1, &v);
	assert_non_null(find(v, n, 0));
	assert_null(find(v, n, 1));
	assert_non_null(find(v, n, 2));
	assert_null(find(v, n, 3));
	free(v);
	dataset_free(&w.ds);
}

/* ---- planning ------------------------------------------------------------------------ */

struct places {
	double lat[64], lon[64];
	struct route_geo geo;
};

static void places_of(struct places *p, const struct world *w, const struct route_visit *v, int n)
{
	p->lat[0] = w->ds.sellers[0].home_lat;
	p->lon[0] = w->ds.sellers[0].home_lon;
	for (int k = 0; k < n; k++) {
		const struct customer *c = &w->ds.customers[v[k].cust];
		p->lat[k + 1] = c->has_loc ? c->lat : p->lat[0];
		p->lon[k + 1] = c->has_loc ? c->lon : p->lon[0];
	}
	p->geo = (struct route_geo){p->lat, p->lon, 1.3, 70};
}

/* Plans the due visits v over days[0..ndays) with the built-in travel
 * source between their places (filled into pl). */
static void plan_geo(const struct world *w, const struct route_visit *v, int nv,
                     const int32_t *days, int ndays, const struct route_params *prm,
                     struct places *pl, struct route_plan *plan)
{
	places_of(pl, w, v, nv);
	char *cause = NULL;
	assert_int_equal(route_plan_solve(&w->ds, v, nv, days, ndays, prm, route_geo_leg, &pl->geo,
	                                  plan, &cause),
	                 0);
}

/* Re-checks a plan without the optimizer: returns the number of planned visits. */
static int recheck(const struct world *w, const struct route_visit *v, int nv,
                   const struct route_plan *plan, const struct route_params *prm, route_leg_fn leg,
                   void *ctx)
{
	int seen[64] = {0}, planned = 0;
	for (int d = 0; d < plan->ndays; d++) {
		const struct route_day *day = &plan->days[d];
		double t = day->leave, km = 0;
		int here = 0, lunches = 0;
		assert_true(day->leave >= prm->day_start - 1e-6);
		for (int i = 0; i < day->nstops; i++) {
			const struct route_stop *s = &day->stops[i];
			if (s->visit < 0) {
				lunches++;
				assert_true(s->begin >= prm->lunch_from - 1e-6 &&
				            s->begin <= prm->lunch_to + 1e-6);
				assert_true(fabs(s->end - s->begin - prm->lunch) < 1e-6);
				assert_true(s->begin >= t - 1e-6);
				t = s->end;
				continue;
			}
			assert_true(s->visit < nv);
			assert_int_equal(seen[s->visit]++, 0);
			const struct route_visit *x = &v[s->visit];
			const struct customer *c = &w->ds.customers[x->cust];
			assert_true(x->due <= day->day);
			double mins, k;
			leg(ctx, here, s->visit + 1, &mins, &k);
			assert_true(fabs(mins - s->drive) < 1e-6 && fabs(k - s->km) < 1e-6);
			km += k;
			assert_true(s->arrive >= t + mins - 1e-6);
			assert_true(s->begin >= s->arrive - 1e-6);
			if (c->open_min >= 0)
				assert_true(s->begin >= c->open_min - 1e-6);
			if (c->close_min > 0)
				assert_true(s->end <= c->close_min + 1e-6);
			assert_true(fabs(s->end - s->begin - x->minutes) < 1e-6);
			t = s->end;
			here = s->visit + 1;
			planned++;
		}
		double mins, k;
		leg(ctx, here, 0, &mins, &k);
		km += k;
		assert_true(fabs(km - day->km) < 1e-6);
		assert_true(day->back >= t + mins - 1e-6);
		assert_true(day->back <= prm->day_start + prm->day_length + prm->lunch + 1e-6);
		if (day->nstops > 0)
			assert_int_equal(lunches, prm->lunch > 0 ? 1 : 0);
	}
	for (int i = 0; i < plan->nunserved; i++)
		assert_int_equal(seen[plan->unserved[i].visit]++, 0);
	for (int k = 0; k < nv; k++)
		assert_int_equal(seen[k], 1);
	return planned;
}

/* 24 customers in a ring 20-60 km around home, categories in turn. */
static void ring_world(struct world *w)
{
	world_init(w);
	static const enum category cats[4] = {CAT_1, CAT_2R, CAT_2P, CAT_3};
	for (int i = 0; i < 24; i++) {
		double ang = i * 2 * M_PI / 24, r = 0.2 + 0.3 * ((i * 7) % 5) / 4.0;
		char id[16];
		snprintf(id, sizeof(id), "K%02d", i);
		add_customer(w, id, 0, 59.33 + r * sin(ang), 18.06 + 2 * r * cos(ang), cats[i % 4]);
		add_visit(w, i, D0 - 200 + i, ACT_VISIT);
	}
}

static void test_week_plan(void **state)
{
	(void)state;
	struct world w;
	ring_world(&w);
	w.ds.customers[5].open_min = 13 * 60; /* 13:00-15:00 */
	w.ds.customers[5].close_min = 15 * 60;
	int32_t days[5];
	route_plan_days(D0, 5, days);
	struct route_visit *v;
	int nv = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 5, &v);
	assert_int_equal(nv, 18); /* category 3 has no visits */
	struct places pl;
	struct route_params prm = {.day_start = 480,
	                           .day_length = 480,
	                           .lunch = 30,
	                           .lunch_from = 690,
	                           .lunch_to = 780,
	                           .seed = 1,
	                           .iterations = 3000};
	struct route_plan plan;
	plan_geo(&w, v, nv, days, 5, &prm, &pl, &plan);
	/* 18 one-hour visits over five days: all fit */
	assert_int_equal(plan.nunserved, 0);
	assert_int_equal(plan.served, 18);
	assert_int_equal(recheck(&w, v, nv, &plan, &prm, route_geo_leg, &pl.geo), 18);
	assert_true(fabs(plan.weight_served - plan.weight_due) < 1e-9);
	/* the same seed and iterations give the same plan */
	struct route_plan again;
	plan_geo(&w, v, nv, days, 5, &prm, &pl, &again);
	assert_true(again.km == plan.km);
	for (int d = 0; d < 5; d++) {
		assert_int_equal(again.days[d].nstops, plan.days[d].nstops);
		for (int i = 0; i < plan.days[d].nstops; i++)
			assert_int_equal(again.days[d].stops[i].visit, plan.days[d].stops[i].visit);
	}
	route_plan_free(&again);
	route_plan_free(&plan);
	free(v);
	dataset_free(&w.ds);
}

/* A policy with a visit a week (52 a year: every 8 days, rounded up) over
 * two weeks (D0 .. D0 + 11): a customer never visited is due twice, the
 * first visit made before the second is due; one visited 3 days ago once
 * (on the Saturday, so from Monday); one 22 days overdue twice, only the
 * first counted overdue. Each customer's visits land on different days, in
 * their order, within their days. */
static void test_repeat_visits(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	w.pol.cat[CAT_1].per_year[CH_VISIT] = 52;
	add_customer(&w, "N", 0, 59.40, 18.10, CAT_1); /* 0: never visited */
	add_customer(&w, "R", 0, 59.41, 18.11, CAT_1); /* 1: visited 3 days ago */
	add_customer(&w, "O", 0, 59.42, 18.12, CAT_1); /* 2: visited 30 days ago */
	add_visit(&w, 1, D0 - 3, ACT_VISIT);
	add_visit(&w, 2, D0 - 30, ACT_VISIT);
	int32_t days[10];
	route_plan_days(D0, 10, days);
	assert_int_equal(days[9], D0 + 11);
	struct route_visit *v;
	int nv = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 10, &v);
	assert_int_equal(nv, 5);
	const struct route_visit *of[3][2] = {{NULL}};
	for (int i = 0; i < nv; i++) {
		const struct route_visit **slot = of[v[i].cust];
		slot[slot[0] ? 1 : 0] = &v[i];
	}
	/* in the order of their due days (the list is by weight) */
	for (int c = 0; c < 3; c++)
		if (of[c][1] && of[c][1]->due < of[c][0]->due) {
			const struct route_visit *t = of[c][0];
			of[c][0] = of[c][1];
			of[c][1] = t;
		}
	assert_int_equal(of[0][0]->due, D0);
	assert_int_equal(of[0][0]->until, D0 + 7);
	assert_int_equal(of[0][1]->due, D0 + 8);
	assert_int_equal(of[0][1]->until, DAYS_NONE);
	assert_int_equal(of[1][0]->due, D0 + 5);
	assert_int_equal(of[1][0]->until, DAYS_NONE);
	assert_null(of[1][1]);
	assert_int_equal(of[2][0]->due, D0 - 22);
	assert_int_equal(of[2][0]->overdue, 22);
	assert_true(fabs(of[2][0]->weight - 2 * ROUTE_WEIGHT_1) < 1e-9);
	assert_int_equal(of[2][0]->until, D0 + 7);
	assert_int_equal(of[2][1]->due, D0 + 8);
	assert_int_equal(of[2][1]->overdue, 0);
	assert_true(fabs(of[2][1]->weight - ROUTE_WEIGHT_1) < 1e-9);

	struct places pl;
	struct route_params prm = {
	    .day_start = 480, .day_length = 480, .seed = 1, .iterations = 2000};
	struct route_plan plan;
	plan_geo(&w, v, nv, days, 10, &prm, &pl, &plan);
	assert_int_equal(plan.served, 5);
	assert_int_equal(recheck(&w, v, nv, &plan, &prm, route_geo_leg, &pl.geo), 5);
	int32_t on[5];
	for (int d = 0; d < plan.ndays; d++)
		for (int i = 0; i < plan.days[d].nstops; i++)
			if (plan.days[d].stops[i].visit >= 0)
				on[plan.days[d].stops[i].visit] = plan.days[d].day;
	for (int c = 0; c < 3; c++)
		for (int k = 0; k < 2 && of[c][k]; k++) {
			int32_t day = on[of[c][k] - v];
			assert_true(day >= of[c][k]->due);
			assert_true(of[c][k]->until == DAYS_NONE || day <= of[c][k]->until);
		}
	assert_true(on[of[0][0] - v] < on[of[0][1] - v]);
	assert_true(on[of[2][0] - v] < on[of[2][1] - v]);
	route_plan_free(&plan);
	free(v);
	dataset_free(&w.ds);
}

/* One short day: the category-1 visits go first, the rest are listed. */
static void test_priority_first(void **state)
{
	(void)state;
	struct world w;
	ring_world(&w);
	int32_t days[1] = {D0};
	struct route_visit *v;
	int nv = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 1, &v);
	struct places pl;
	struct route_params prm = {
	    .day_start = 480, .day_length = 330, .seed = 2, .iterations = 3000};
	struct route_plan plan;
	plan_geo(&w, v, nv, days, 1, &prm, &pl, &plan);
	recheck(&w, v, nv, &plan, &prm, route_geo_leg, &pl.geo);
	assert_true(plan.served >= 3);
	int cat1_served = 0, cat1_due = 0;
	for (int k = 0; k < nv; k++)
		cat1_due += v[k].cat == CAT_1;
	for (int i = 0; i < plan.days[0].nstops; i++)
		cat1_served += v[plan.days[0].stops[i].visit].cat == CAT_1;
	/* every category-1 visit that fits is served before any other */
	for (int i = 0; i < plan.nunserved; i++) {
		assert_int_equal(plan.unserved[i].reason, ROUTE_NO_TIME);
		if (v[plan.unserved[i].visit].cat == CAT_1)
			assert_int_equal(plan.served, cat1_served); /* only category 1 on the day */
	}
	assert_true(cat1_served == cat1_due || plan.served == cat1_served);
	/* highest priority first among the unplanned */
	for (int i = 1; i < plan.nunserved; i++)
		assert_true(v[plan.unserved[i - 1].visit].weight >=
		            v[plan.unserved[i].visit].weight);
	route_plan_free(&plan);
	free(v);
	dataset_free(&w.ds);
}

static void test_reasons(void **state)
{
	(void)state;
	struct world w;
	world_init(&w);
	add_customer(&w, "NEAR", 0, 59.40, 18.10, CAT_1);
	add_customer(&w, "NOWHERE", 0, NAN, NAN, CAT_1);
	add_customer(&w, "KIRUNA", 0, 67.85, 20.22, CAT_1); /* > 1000 km away */
	add_customer(&w, "NIGHT", 0, 59.35, 18.00, CAT_1);  /* open 20:00-22:00 */
	add_customer(&w, "SHORT", 0, 59.36, 18.01, CAT_1);  /* open 30 minutes */
	w.ds.customers[3].open_min = 20 * 60;
	w.ds.customers[3].close_min = 22 * 60;
	w.ds.customers[4].open_min = 9 * 60;
	w.ds.customers[4].close_min = 9 * 60 + 30;
	int32_t days[1] = {D0};
	struct route_visit *v;
	int nv = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 1, &v);
	assert_int_equal(nv, 5);
	struct places pl;
	struct route_params prm = {
	    .day_start = 480, .day_length = 480, .seed = 1, .iterations = 500};
	struct route_plan plan;
	plan_geo(&w, v, nv, days, 1, &prm, &pl, &plan);
	recheck(&w, v, nv, &plan, &prm, route_geo_leg, &pl.geo);
	assert_int_equal(plan.served, 1);
	assert_int_equal(plan.nunserved, 4);
	for (int i = 0; i < plan.nunserved; i++) {
		const char *id = w.ds.customers[v[plan.unserved[i].visit].cust].id;
		enum route_reason r = plan.unserved[i].reason;
		if (!strcmp(id, "NOWHERE"))
			assert_int_equal(r, ROUTE_NO_PLACE);
		else if (!strcmp(id, "KIRUNA"))
			assert_int_equal(r, ROUTE_TOO_FAR);
		else
			assert_int_equal(r, ROUTE_CLOSED);
	}
	assert_string_equal(route_reason_code(ROUTE_TOO_FAR), "too_far");
	assert_non_null(strstr(route_reason_label(ROUTE_NO_TIME, LANG_SV), "tid"));
	route_plan_free(&plan);
	/* bad parameters are refused */
	char *cause = NULL;
	prm.lunch = 30;
	prm.lunch_from = 300; /* before the day starts */
	prm.lunch_to = 400;
	assert_int_equal(
	    route_plan_solve(&w.ds, v, nv, days, 1, &prm, route_geo_leg, &pl.geo, &plan, &cause),
	    -1);
	assert_non_null(strstr(cause, "lunch"));
	free(cause);
	free(v);
	dataset_free(&w.ds);
}

/* ---- travel sources and the matrix file -------------------------------------------------- */

static void test_travel(void **state)
{
	(void)state;
	double lat[3] = {59.3293, 57.7089, 59.3300}, lon[3] = {18.0686, 11.9746, 18.0700};
	struct route_geo g = {lat, lon, 1.3, 65};
	double mins, km;
	route_geo_leg(&g, 0, 1, &mins, &km);
	/* Stockholm-Göteborg is about 398 km as the crow flies */
	assert_true(fabs(km - 1.3 * geo_km(lat[0], lon[0], lat[1], lon[1])) < 1e-9);
	assert_true(km > 500 && km < 535);
	assert_true(fabs(mins - km / 65 * 60) < 1e-9);
	double mm[9], mk[9];
	for (int i = 0; i < 9; i++)
		mm[i] = mk[i] = NAN;
	mm[1] = 123;
	mk[1] = 456; /* 0 -> 1 from the matrix, 1 -> 0 missing */
	struct route_matrix m = {.n = 3, .minutes = mm, .km = mk, .fallback = &g};
	route_matrix_leg(&m, 0, 1, &mins, &km);
	assert_true(mins == 123 && km == 456);
	assert_int_equal(m.missing, 0);
	route_matrix_leg(&m, 1, 0, &mins, &km);
	assert_true(km > 500);
	assert_int_equal(m.missing, 1);
	route_matrix_leg(&m, 2, 2, &mins, &km);
	assert_true(mins == 0 && km == 0);
}

static void test_matrix_file(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF"
	                   "from;to;seconds;metres\r\nhome;\"K;1\";600;9000\r\n"
	                   "\"K;1\";home;660;9100\r\n\r\n";
	struct matrix_row *rows;
	size_t n;
	struct ferr err = {0};
	assert_int_equal(matrix_read(tu_tmpfile(".csv", text, strlen(text)), &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].from, "home");
	assert_string_equal(rows[0].to, "K;1");
	assert_true(rows[1].seconds == 660 && rows[1].metres == 9100);
	matrix_free(rows, n);
	const char *bad = "home,K1,600,9000\nK1,home,-5,9000\n";
	assert_int_equal(matrix_read(tu_tmpfile(".csv", bad, strlen(bad)), &rows, &n, &err), -1);
	assert_int_equal(err.line, 2);
	const char *short_row = "home,K1,600\n";
	assert_int_equal(
	    matrix_read(tu_tmpfile(".csv", short_row, strlen(short_row)), &rows, &n, &err), -1);
	assert_int_equal(matrix_read("/nonexistent/m.csv", &rows, &n, &err), -1);
}

/* ---- outputs ------------------------------------------------------------------------------- */

static char *render_to_string(void (*fn)(FILE *, const struct route_doc *),
                              const struct route_doc *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fn(f, d);
	fclose(f);
	return buf;
}

static void test_outputs(void **state)
{
	(void)state;
	struct world w;
	ring_world(&w);
	add_customer(&w, "NOWHERE", 0, NAN, NAN, CAT_1);
	int32_t days[2];
	route_plan_days(D0, 2, days);
	struct route_visit *v;
	int nv = route_plan_due(&w.ds, w.cat, &w.pol, NULL, 0, days, 2, &v);
	struct places pl;
	struct route_params prm = {.day_start = 480,
	                           .day_length = 300,
	                           .lunch = 30,
	                           .lunch_from = 690,
	                           .lunch_to = 780,
	                           .seed = 1,
	                           .iterations = 1000};
	struct route_plan plan;
	plan_geo(&w, v, nv, days, 2, &prm, &pl, &plan);
	int planned = recheck(&w, v, nv, &plan, &prm, route_geo_leg, &pl.geo);
	struct route_doc doc = {.ds = &w.ds,
	                        .seller = &w.ds.sellers[0],
	                        .visits = v,
	                        .nvisits = nv,
	                        .plan = &plan,
	                        .params = &prm,
	                        .start_lat = 59.33,
	                        .start_lon = 18.06,
	                        .start_label = "home",
	                        .travel_note = "test",
	                        .lang = LANG_EN,
	                        .now = 1764000000};
	char *s = render_to_string(route_render_text, &doc);
	assert_non_null(strstr(s, "Monday 2026-12-07"));
	assert_non_null(strstr(s, "Tuesday 2026-12-08"));
	assert_non_null(strstr(s, "lunch"));
	assert_non_null(strstr(s, "no coordinates"));
	free(s);
	s = render_to_string(route_render_csv, &doc);
	assert_true(!strncmp(s, "date,stop,customer_id,", 22));
	int planned_rows = 0, unserved_rows = 0;
	for (char *p = s; (p = strstr(p, ",planned,")); p++)
		planned_rows++;
	for (char *p = s; (p = strstr(p, ",unserved,")); p++)
		unserved_rows++;
	assert_int_equal(planned_rows, planned);
	assert_int_equal(unserved_rows, plan.nunserved);
	assert_non_null(strstr(s, ",unserved,no_place"));
	free(s);
	s = render_to_string(route_render_json, &doc);
	assert_non_null(strstr(s, "\"reason\": \"no_place\""));
	assert_non_null(strstr(s, "\"visits_per_category\""));
	free(s);
	s = render_to_string(route_render_ics, &doc);
	int events = 0;
	for (char *p = s; (p = strstr(p, "BEGIN:VEVENT\r\n")); p++)
		events++;
	assert_int_equal(events, planned);
	/* every line ends in CRLF and is at most 75 octets */
	for (char *p = s; *p;) {
		char *e = strstr(p, "\r\n");
		assert_non_null(e);
		assert_true(e - p <= 75);
		assert_null(memchr(p, '\n', e - p));
		p = e + 2;
	}
	assert_non_null(strstr(s, "UID:visit-S1-"));
	assert_non_null(strstr(s, "DTSTAMP:"));
	free(s);
	s = render_to_string(route_render_html, &doc);
	assert_non_null(strstr(s, "<svg"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<link"));
	free(s);
	char b[8];
	assert_string_equal(route_render_clock(599.6, b), "10:00");
	route_plan_free(&plan);
	free(v);
	dataset_free(&w.ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days),          cmocka_unit_test(test_due_rule),
	    cmocka_unit_test(test_due_planned),   cmocka_unit_test(test_week_plan),
	    cmocka_unit_test(test_repeat_visits), cmocka_unit_test(test_priority_first),
	    cmocka_unit_test(test_reasons),       cmocka_unit_test(test_travel),
	    cmocka_unit_test(test_matrix_file),   cmocka_unit_test(test_outputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
