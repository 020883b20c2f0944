/* test-plan.c — covers src/core/plan.c: assignment (kept owners, nearest
 * person with room, capacity overflow, persons without a home, customers
 * without coordinates, a role nobody has), workload and capacity, headcount,
 * what-if, next contact due, newsletter dates and the visit calendar; on
 * hand-made datasets whose best answers are known. And src/render/export.c:
 * the exported files read back (csv by a small parser here, xlsx by
 * io/xlsx.c, ics by icscheck.h). */
#include "testutil.h"

#include <math.h>

#include "core/plan.h"
#include "icscheck.h"
#include "io/xlsx.h"
#include "render/export.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/xmalloc.h"

/* Places (lat, lon). */
#define STHLM 59.3293, 18.0686
#define GBG 57.7089, 11.9746
#define UPPSALA 59.8586, 17.6389
#define BORAS 57.7210, 12.9401

struct fx {
	struct plan_inputs in;
	size_t cap_c, cap_s;
};

static void fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	policy_default(&f->in.policy);
}

static int32_t add_seller(struct fx *f, const char *id, enum role role, double hours, int home,
                          double lat, double lon)
{
	struct dataset *ds = &f->in.ds;
	ds->sellers = xreallocarray(ds->sellers, ds->nsellers + 1, sizeof(*ds->sellers));
	struct seller *s = &ds->sellers[ds->nsellers];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->role = role;
	s->hours_per_year = hours;
	s->has_home = home;
	s->home_lat = lat;
	s->home_lon = lon;
	return (int32_t)ds->nsellers++;
}

static int32_t add_customer(struct fx *f, const char *id, int cat, const char *owner, int loc,
                            double lat, double lon, int64_t revenue)
{
	struct dataset *ds = &f->in.ds;
	ds->customers = xreallocarray(ds->customers, ds->ncustomers + 1, sizeof(*ds->customers));
	f->in.cat = xrealloc(f->in.cat, ds->ncustomers + 1);
	struct customer *c = &ds->customers[ds->ncustomers];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(id);
	c->seller_id = owner ? xstrdup(owner) : NULL;
	c->seller = dataset_seller_index(ds, owner);
	c->has_loc = loc;
	c->lat = lat;
	c->lon = lon;
	c->has_revenue = true;
	c->revenue = revenue;
	f->in.cat[ds->ncustomers] = (int8_t)cat;
	return (int32_t)ds->ncustomers++;
}

static void add_activity(struct fx *f, int32_t cust, int32_t seller, int32_t day, int type,
                         float duration, float travel)
{
	struct dataset *ds = &f->in.ds;
	ds->activities =
	    xreallocarray(ds->activities, ds->nactivities + 1, sizeof(*ds->activities));
	ds->activities[ds->nactivities++] = (struct activity){.cust = cust,
	                                                      .seller = seller,
	                                                      .day = day,
	                                                      .minute = -1,
	                                                      .type = (uint8_t)type,
	                                                      .duration_min = duration,
	                                                      .travel_min = travel};
}

static void add_order(struct fx *f, int32_t cust, int32_t day, int64_t amount)
{
	struct dataset *ds = &f->in.ds;
	ds->orders = xreallocarray(ds->orders, ds->norders + 1, sizeof(*ds->orders));
	ds->orders[ds->norders++] = (struct order){.cust = cust, .day = day, .amount = amount};
}

static struct plan_result *run(struct fx *f)
{
	struct plan_params p;
	plan_params_default(&p);
	return plan_compute(&f->in, &p);
}

static void close_to(double got, double want, double tol)
{
	if (fabs(got - want) > tol) {
		print_error("got %.6f, want %.6f\n", got, want);
		fail();
	}
}

/* Round trip hours per year for v visits at km one-way (defaults 1.3, 70 km/h). */
static double travel_h(double v, double km)
{
	return v * 2 * km * 1.3 / 70.0;
}

/* dataset_customer_by_store_id: the binary search on a loaded dataset (in
 * store_id order) and the scan on a hand-made one. */
static void test_customer_by_store_id(void **state)
{
	(void)state;
	struct customer c[5] = {{.store_id = 2}, {.store_id = 5}, {.store_id = 9},
	                        {.store_id = 10}, {.store_id = 40}};
	struct dataset ds = {.customers = c, .ncustomers = 5};
	assert_int_equal(dataset_customer_by_store_id(&ds, 2), 0);
	assert_int_equal(dataset_customer_by_store_id(&ds, 10), 3);
	assert_int_equal(dataset_customer_by_store_id(&ds, 40), 4);
	assert_int_equal(dataset_customer_by_store_id(&ds, 1), -1);
	assert_int_equal(dataset_customer_by_store_id(&ds, 11), -1);
	assert_int_equal(dataset_customer_by_store_id(&ds, 41), -1);
	c[0].store_id = 50; /* no longer in order: found by the scan */
	assert_int_equal(dataset_customer_by_store_id(&ds, 50), 0);
	assert_int_equal(dataset_customer_by_store_id(&ds, 9), 2);
	ds.ncustomers = 0;
	assert_int_equal(dataset_customer_by_store_id(&ds, 9), -1);
}

static void test_policy_helpers(void **state)
{
	(void)state;
	struct policy p;
	policy_default(&p);
	close_to(plan_contact_minutes(&p, CAT_1), 10 * 60 + 12 * 15, 1e-9);
	close_to(plan_contact_minutes(&p, CAT_3), 1 * 10, 1e-9);
	assert_int_equal(plan_role_of(&p, CAT_2P), ROLE_HUNTER);
	assert_int_equal(plan_role_of(&p, CAT_NONE), ROLE_NONE);
	assert_string_equal(plan_reason_code(PR_OWNER_FULL), "owner_full");
	assert_string_equal(plan_reason_code(PR_NO_ROLE), "no_role");
}

/* Two farmers (Stockholm, Göteborg), a hunter and customer service. */
static void test_known_assignment(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	int32_t H = add_seller(&f, "H", ROLE_HUNTER, 1720, 1, UPPSALA);
	int32_t S = add_seller(&f, "S", ROLE_SERVICE, 1720, 0, 0, 0);
	int32_t c1 = add_customer(&f, "c1", CAT_1, "A", 1, BORAS, 100);    /* far, but A keeps it */
	int32_t c2 = add_customer(&f, "c2", CAT_2R, NULL, 1, UPPSALA, 90); /* -> A (nearest) */
	int32_t c3 = add_customer(&f, "c3", CAT_2R, NULL, 1, BORAS, 80);   /* -> B (nearest) */
	int32_t c4 = add_customer(&f, "c4", CAT_2P, "A", 1, STHLM, 70);    /* farmer -> hunter */
	int32_t c5 = add_customer(&f, "c5", CAT_3, "B", 0, 0, 0, 10);      /* -> service */
	int32_t c6 = add_customer(&f, "c6", CAT_2R, "Z9", 1, GBG, 5);      /* unknown owner -> B */
	int32_t c7 = add_customer(&f, "c7", CAT_NONE, "A", 1, STHLM, 5);   /* not categorized */
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[c1].to, A);
	assert_int_equal(r->assign[c1].reason, PR_KEPT);
	assert_int_equal(r->assign[c2].to, A);
	assert_int_equal(r->assign[c2].reason, PR_NO_OWNER);
	assert_int_equal(r->assign[c3].to, B);
	assert_int_equal(r->assign[c4].to, H);
	assert_int_equal(r->assign[c4].reason, PR_ROLE_MISMATCH);
	assert_int_equal(r->assign[c5].to, S);
	assert_int_equal(r->assign[c5].reason, PR_ROLE_MISMATCH);
	assert_int_equal(r->assign[c6].to, B);
	assert_int_equal(r->assign[c6].reason, PR_OWNER_UNKNOWN);
	assert_int_equal(r->assign[c7].to, -1);
	assert_int_equal(r->assign[c7].reason, PR_NO_CATEGORY);
	/* Kept / gained / lost. */
	assert_int_equal(r->person[A].kept, 1);
	assert_int_equal(r->person[A].gained, 1);
	assert_int_equal(r->person[A].lost, 1);
	assert_int_equal(r->person[B].gained, 2);
	assert_int_equal(r->person[B].lost, 1);
	assert_int_equal(r->person[S].gained, 1);
	assert_int_equal(r->moved, 2);
	assert_int_equal(r->kept, 1);
	assert_int_equal(r->newly, 3);
	assert_int_equal(r->unplaced, 1);
	/* Workload of A: c1 (category 1 from Stockholm to Borås) + c2 (2R to Uppsala). */
	double km1 = geo_km(STHLM, BORAS), km2 = geo_km(STHLM, UPPSALA);
	close_to(r->assign[c1].km, km1, 1e-9);
	close_to(r->assign[c1].hours, 13.0 + travel_h(10, km1), 1e-9);
	close_to(r->assign[c2].hours, (4 * 60 + 4 * 15) / 60.0 + travel_h(4, km2), 1e-9);
	close_to(r->person[A].hours, r->assign[c1].hours + r->assign[c2].hours, 1e-9);
	close_to(r->person[A].capacity_hours, 860, 1e-9);
	close_to(r->person[A].visits, 14, 1e-9);
	close_to(r->person[A].calls, 16, 1e-9);
	/* Category 3 has no visits: no travel even without a home. */
	close_to(r->assign[c5].hours, 10 / 60.0, 1e-9);
	assert_false(r->assign[c5].travel_estimated);
	assert_true(r->assign[c5].km < 0); /* unknown and not needed */
	/* C5 (category 3) has no visits: its location and S's home do not matter. */
	assert_int_equal(r->unlocated, 0);
	assert_int_equal(r->no_home, 0);
	/* Placement order: category first, then value. */
	assert_int_equal(r->order[0], c1);
	assert_int_equal(r->order[1], c2);
	assert_int_equal(r->order[2], c3);
	assert_int_equal(r->order[3], c6);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* A's room holds one category-1 customer: the bigger one stays, the other
 * moves to B; when B is full too, the owner keeps it over capacity. */
static void test_capacity(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	/* Capacity 30 h x 0.5 = 15 h; a category-1 customer next door costs 13 h. */
	/* A's capacity: 30 h x 0.5 = 15 h; a category-1 customer next door costs 13 h.
	 * B (1720 h, Göteborg) has room even with the trips to Stockholm. */
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 30, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	int32_t big = add_customer(&f, "big", CAT_1, "A", 1, STHLM, 1000);
	int32_t small = add_customer(&f, "small", CAT_1, "A", 1, STHLM, 10);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[big].to, A);
	assert_int_equal(r->assign[big].reason, PR_KEPT);
	assert_int_equal(r->assign[small].to, B);
	assert_int_equal(r->assign[small].reason, PR_OWNER_FULL);
	assert_int_equal(r->person[A].lost, 1);
	assert_false(r->person[A].over);
	assert_false(r->person[B].over);
	plan_result_free(r);
	plan_inputs_free(&f.in);

	/* Nobody has room (B's trip to Stockholm alone is 10 x 2 x 397 km x 1.3 / 70
	 * = 148 h > 15 h): the owner keeps the second one and is over capacity. */
	fx_init(&f);
	A = add_seller(&f, "A", ROLE_FARMER, 30, 1, STHLM);
	B = add_seller(&f, "B", ROLE_FARMER, 30, 1, GBG);
	big = add_customer(&f, "big", CAT_1, "A", 1, STHLM, 1000);
	small = add_customer(&f, "small", CAT_1, "A", 1, STHLM, 10);
	int32_t nobody = add_customer(&f, "new", CAT_1, NULL, 1, GBG, 5);
	r = run(&f);
	assert_int_equal(r->assign[big].reason, PR_KEPT);
	/* new (Göteborg, no owner) fits B next door: 13 h <= 15 h. */
	assert_int_equal(r->assign[nobody].to, B);
	assert_int_equal(r->assign[nobody].reason, PR_NO_OWNER);
	assert_int_equal(r->assign[small].to, A);
	assert_int_equal(r->assign[small].reason, PR_OVER_CAPACITY);
	assert_true(r->person[A].over);
	assert_false(r->person[B].over);
	assert_int_equal(r->person[A].over_capacity_customers, 1);
	assert_int_equal(r->over_capacity_customers, 1);
	/* Headcount: 3 x 13 h (+ travel 0) over 15 h per person = 2.6 needed, 2 available. */
	const struct plan_headcount *h = &r->headcount[ROLE_FARMER];
	assert_int_equal(h->available, 2);
	assert_int_equal(h->customers, 3);
	close_to(h->workload_hours, 39.0, 1e-6);
	close_to(h->capacity_per_person, 15.0, 1e-9);
	close_to(h->needed, 2.6, 1e-6);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Category 1 gets room before category 2R: a new category-1 customer takes
 * A's room, and A's own 2R customer moves to B. */
static void test_category_priority(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	/* A: 30 h x 0.5 = 15 h: room for the category-1 customer (13 h) or the
	 * 2R one (5 h), not both. */
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 30, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, UPPSALA);
	int32_t r2 = add_customer(&f, "r2", CAT_2R, "A", 1, STHLM, 1000);
	int32_t k1 = add_customer(&f, "k1", CAT_1, NULL, 1, STHLM, 1);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[k1].to, A);
	assert_int_equal(r->assign[k1].reason, PR_NO_OWNER);
	assert_int_equal(r->assign[r2].to, B);
	assert_int_equal(r->assign[r2].reason, PR_OWNER_FULL);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Nobody has room and the owner has another role: the nearest person of
 * the role takes it, even when someone farther has more room left. */
static void test_overflow_nearest(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	/* Borås customer: from A (Stockholm, 347 km) 13 + 129 = 142 h > 140 h room;
	 * from B (Göteborg, 57 km) 13 + 21 = 34 h > 10 h room. */
	add_seller(&f, "A", ROLE_FARMER, 280, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 20, 1, GBG);
	add_seller(&f, "H", ROLE_HUNTER, 1720, 1, BORAS);
	int32_t k = add_customer(&f, "k", CAT_1, "H", 1, BORAS, 1);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[k].to, B);
	assert_int_equal(r->assign[k].reason, PR_OVER_CAPACITY);
	assert_true(r->person[B].over);
	close_to(r->assign[k].hours, 13 + travel_h(10, geo_km(GBG, BORAS)), 1e-9);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* A farmer without a home: the distance is the role's average (estimated)
 * and persons with a known distance are preferred. */
static void test_no_home(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t N = add_seller(&f, "N", ROLE_FARMER, 1720, 0, 0, 0);
	int32_t c1 = add_customer(&f, "c1", CAT_2R, "N", 1, UPPSALA, 10);
	int32_t c2 = add_customer(&f, "c2", CAT_2R, NULL, 1, GBG, 10);
	struct plan_result *r = run(&f);
	/* Fallback: mean of nearest homed farmer distances: (STHLM-UPPSALA + STHLM-GBG) / 2. */
	double fb = (geo_km(STHLM, UPPSALA) + geo_km(STHLM, GBG)) / 2;
	assert_true(r->fallback_known[ROLE_FARMER]);
	close_to(r->fallback_km[ROLE_FARMER], fb, 1e-9);
	assert_int_equal(r->assign[c1].to, N); /* kept: fewest moves */
	assert_true(r->assign[c1].travel_estimated);
	close_to(r->assign[c1].travel_hours, travel_h(4, fb), 1e-9);
	assert_int_equal(r->assign[c2].to, A); /* known distance beats unknown */
	assert_false(r->assign[c2].travel_estimated);
	assert_int_equal(r->no_home, 1);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Customers without coordinates go to the person with the most room. */
static void test_unlocated(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	add_customer(&f, "near-a", CAT_1, "A", 1, STHLM, 100);
	int32_t u = add_customer(&f, "nowhere", CAT_2R, NULL, 0, 0, 0, 1);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[u].to, B);
	assert_false(r->assign[u].located);
	assert_true(r->assign[u].travel_estimated);
	assert_int_equal(r->unlocated, 1);
	(void)A;
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Category 2P needs a hunter; nobody is one. */
static void test_missing_role(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	add_customer(&f, "k1", CAT_1, "A", 1, UPPSALA, 10);
	int32_t c = add_customer(&f, "p1", CAT_2P, "A", 1, UPPSALA, 10);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[c].to, -1);
	assert_int_equal(r->assign[c].reason, PR_NO_ROLE);
	assert_int_equal(r->role_needed[ROLE_HUNTER], 1);
	const struct plan_headcount *h = &r->headcount[ROLE_HUNTER];
	assert_int_equal(h->available, 0);
	close_to(h->capacity_per_person, 860, 1e-9);
	/* Travel from the farmers' average distance (the only one known). */
	double km = geo_km(STHLM, UPPSALA);
	close_to(h->workload_hours, (6 * 60 + 6 * 15) / 60.0 + travel_h(6, km), 1e-9);
	assert_true(h->needed > 0);
	assert_int_equal(r->unplaced, 1);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

static void test_whatif(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	add_seller(&f, "S", ROLE_SERVICE, 1720, 1, STHLM);
	int32_t k1 = add_customer(&f, "k1", CAT_1, "A", 1, STHLM, 0);
	int32_t k3 = add_customer(&f, "k3", CAT_3, "A", 1, STHLM, 0);
	int32_t asof = days_from_ymd(2026, 6, 30);
	/* Inside the window: 4 visits to k1, 6 visits of 60 + 30 min to k3. */
	for (int i = 0; i < 4; i++)
		add_activity(&f, k1, A, asof - 30 * i, ACT_VISIT, 60, 0);
	for (int i = 0; i < 6; i++)
		add_activity(&f, k3, A, asof - 40 * i, ACT_VISIT, 60, 30);
	add_activity(&f, k1, A, asof - 10, ACT_PHONE, 10, 0);
	/* Outside (13 months back): not counted. */
	add_activity(&f, k1, A, days_add_months(asof, -13), ACT_VISIT, 60, 0);
	add_order(&f, k1, asof - 5, 400000); /* 4 000 kr */
	add_order(&f, k3, asof - 5, 60000);  /* 600 kr */
	add_order(&f, k1, days_add_months(asof, -13), 999999);
	struct plan_params p;
	plan_params_default(&p);
	struct plan_result *r = plan_compute(&f.in, &p);
	const struct plan_whatif *w = &r->whatif;
	assert_int_equal(w->to, asof);
	assert_int_equal(w->from, days_add_months(asof, -12) + 1);
	assert_int_equal(w->activities_in_window, 11);
	close_to(w->cat[CAT_1].visits_today, 4, 1e-9);
	close_to(w->cat[CAT_1].visits_plan, 10, 1e-9);
	close_to(w->cat[CAT_3].visits_today, 6, 1e-9);
	close_to(w->cat[CAT_3].visits_plan, 0, 1e-9);
	close_to(w->cat[CAT_3].field_hours_today, 9, 1e-9);
	close_to(w->field_hours_freed_cat3, 9, 1e-9);
	close_to(w->extra_visits_1_2, 6, 1e-9);
	assert_int_equal(w->cat[CAT_1].value_today, 400000);
	close_to(w->cat[CAT_1].value_per_visit, 100000, 1e-6);
	close_to(w->cat[CAT_1].value_effect, 600000, 1e-6);
	close_to(w->cat[CAT_3].value_effect, -60000, 1e-6);
	close_to(w->value_effect_total, 540000, 1e-6);
	assert_false(w->cat[CAT_2R].has_value_per_visit);
	/* Customer values come from the window's orders. */
	assert_int_equal(r->assign[k1].value, 400000);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* The value of a visit is what visited customers buy more than the ones not
 * visited, per visit; the effect stops at the potential and at what the
 * category buys today. */
static void test_whatif_uplift(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t S = add_seller(&f, "S", ROLE_SERVICE, 1720, 1, STHLM);
	int32_t a = add_customer(&f, "a", CAT_1, "A", 1, STHLM, 0);
	int32_t b = add_customer(&f, "b", CAT_1, "A", 1, STHLM, 0);
	int32_t c = add_customer(&f, "c", CAT_1, "A", 1, STHLM, 0);
	int32_t d = add_customer(&f, "d", CAT_3, "S", 1, STHLM, 0);
	int32_t e = add_customer(&f, "e", CAT_3, "S", 1, STHLM, 0);
	int32_t t = days_from_ymd(2026, 6, 30);
	for (int i = 0; i < 4; i++)
		add_activity(&f, a, A, t - i, ACT_VISIT, 60, 0);
	for (int i = 0; i < 2; i++)
		add_activity(&f, b, A, t - i, ACT_VISIT, 60, 0);
	for (int i = 0; i < 6; i++)
		add_activity(&f, d, S, t - i, ACT_VISIT, 60, 0);
	add_order(&f, a, t, 50000000); /* 500 000 kr */
	add_order(&f, b, t, 30000000);
	add_order(&f, c, t, 10000000);
	add_order(&f, d, t, 5000000);
	add_order(&f, e, t, 8000000);
	f.in.potential = xmalloc(5 * sizeof(int64_t));
	int64_t pot[5] = {100000000, 50000000, -1, 0, 0};
	memcpy(f.in.potential, pot, sizeof(pot));
	struct plan_result *r = run(&f);
	const struct plan_whatif_cat *k1 = &r->whatif.cat[CAT_1], *k3 = &r->whatif.cat[CAT_3];
	/* Category 1: visited a, b buy 400 000 on average, c 100 000; 3 visits per
	 * visited customer: 100 000 kr a visit. 30 planned - 6 = 24 more visits:
	 * 2 400 000 kr, capped at the known potential 1 500 000 kr. */
	assert_int_equal(k1->customers_visited, 2);
	assert_int_equal(k1->customers_unvisited, 1);
	close_to(k1->value_per_visit_avg, 90000000.0 / 6, 1e-6);
	close_to(k1->value_per_visit, 10000000, 1e-6);
	close_to(k1->value_effect_linear, 24 * 10000000.0, 1e-6);
	assert_true(k1->has_potential);
	assert_int_equal(k1->potential, 150000000);
	close_to(k1->value_effect, 150000000, 1e-6);
	/* Category 3: the visited one buys less than the other: a visit is worth 0,
	 * so dropping its 6 visits costs nothing. */
	close_to(k3->value_per_visit, 0, 1e-9);
	close_to(k3->value_effect, 0, 1e-9);
	close_to(r->whatif.value_effect_total, 150000000, 1e-6);
	(void)e;
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

static void test_next_due_and_newsletter(void **state)
{
	(void)state;
	struct policy p;
	policy_default(&p);
	int32_t t = days_from_ymd(2026, 11, 26);
	/* Category 1: 22 contacts a year -> every 17 days (365/22 = 16.6). */
	assert_int_equal(plan_next_due(&p, CAT_1, t, t + 100), t + 17);
	assert_int_equal(plan_next_due(&p, CAT_3, t, t), t + 365);
	assert_int_equal(plan_next_due(&p, CAT_1, DAYS_NONE, t), t);
	p.cat[CAT_3].per_year[CH_PHONE] = 0;
	assert_int_equal(plan_next_due(&p, CAT_3, t, t), DAYS_NONE);

	int32_t d[12];
	char b[11];
	/* From 2026-11-26: next quarters start 2027-01, -04, -07, -10. */
	assert_int_equal(plan_newsletter_dates(4, t, d, 12), 4);
	assert_string_equal(days_iso(d[0], b), "2027-01-04"); /* Jan 2 is a Saturday */
	assert_string_equal(days_iso(d[1], b), "2027-04-01"); /* a Thursday */
	assert_string_equal(days_iso(d[2], b), "2027-07-01");
	assert_string_equal(days_iso(d[3], b), "2027-10-01");
	/* From 2026-03-15: April, July, October, January. */
	assert_int_equal(plan_newsletter_dates(4, days_from_ymd(2026, 3, 15), d, 12), 4);
	assert_string_equal(days_iso(d[0], b), "2026-04-01");
	assert_string_equal(days_iso(d[3], b), "2027-01-04");
	assert_int_equal(plan_newsletter_dates(12, t, d, 12), 12);
	assert_string_equal(days_iso(d[0], b), "2026-12-01");
	assert_int_equal(plan_newsletter_dates(0, t, d, 12), 0);
	assert_int_equal(plan_newsletter_dates(4, t, d, 2), 2);
}

static void test_schedule(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	/* Eight category-1 customers at home (no travel), never visited. */
	char id[16];
	for (int i = 0; i < 8; i++) {
		snprintf(id, sizeof(id), "k%d", i);
		add_customer(&f, id, CAT_1, "A", 1, STHLM, 100 - i);
	}
	/* One visited 10 days before the start: next due 26.5 days later. */
	int32_t start = days_from_ymd(2026, 11, 30); /* a Monday */
	struct plan_result *r = run(&f);
	int32_t *lc = xmalloc(8 * sizeof(int32_t)), *lv = xmalloc(8 * sizeof(int32_t));
	plan_last_contacts(&f.in.ds, lc, lv);
	lv[7] = start - 10;
	struct plan_schedule_opts o = {
	    .start = start, .weeks = 4, .day_start_min = 480, .day_minutes = 240};
	size_t n = 0, nf = 0;
	struct plan_visit *v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	/* Interval 36.5 days: the 7 never visited are due at start + floor(i*36.5/7)
	 * = +0 +5 +10 +15 +20 +26 +31; the first six fall before start+28. k7 is due
	 * at start - 10 + 37 = +27. Weekend dues move to Monday, or, at the end of
	 * the horizon (+26 Sat, +27 Sun), back to Friday +25. */
	assert_int_equal(nf, 0);
	assert_int_equal(n, 7);
	int prev_day = -1;
	for (size_t i = 0; i < n; i++) {
		assert_true(days_weekday(v[i].day) < 5);
		assert_true(v[i].day >= start && v[i].day < start + 28);
		assert_true(v[i].day >= prev_day);
		assert_int_equal(v[i].duration_min, 60);
		assert_int_equal(v[i].travel_min, 0);
		prev_day = v[i].day;
	}
	assert_int_equal(v[0].day, start);
	assert_int_equal(v[0].start_min, 480);
	free(v);

	/* A full day (4 h field time, 60-min visits) holds four: ten due today
	 * fill Monday (4), Tuesday (4), Wednesday (2). */
	f.in.policy.cat[CAT_1].per_year[CH_VISIT] = 1; /* interval 365: all due at start */
	o.weeks = 1;
	for (int i = 0; i < 8; i++)
		lv[i] = start - 400;
	v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	/* Spread over one interval (365 d): 8 overdue at start + i*45 -> only i=0 in the week. */
	assert_int_equal(n, 1);
	free(v);
	o.day_minutes = 120;                                     /* two visits a day */
	f.in.policy.cat[CAT_1].per_year[CH_VISIT] = 365.0 / 0.5; /* interval 1 day (clamped) */
	v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	/* 8 customers x 7 days of due visits, 5 weekdays x 2 slots = 10 fit. */
	assert_int_equal(n, 10);
	assert_int_equal(nf, 8 * 7 - 10);
	assert_int_equal(v[0].start_min, 480);
	assert_int_equal(v[1].day, start);
	assert_int_equal(v[1].start_min, 540);
	assert_int_equal(v[2].day, start + 1);
	free(v);
	free(lc);
	free(lv);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* --- export: write the files and read them back -------------------------- */

struct csv {
	char *cell[16][16];
	int nrows, ncols[16];
};

/* A small RFC 4180 reader for the test (quotes, doubled quotes, commas). */
static void csv_read(const char *path, struct csv *c)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	memset(c, 0, sizeof(*c));
	char field[512];
	size_t n = 0;
	int ch, quoted = 0, row = 0, col = 0;
	while ((ch = fgetc(f)) != EOF) {
		if (quoted) {
			if (ch == '"') {
				int nx = fgetc(f);
				if (nx == '"') {
					field[n++] = '"';
					continue;
				}
				quoted = 0;
				if (nx == EOF)
					break;
				ch = nx;
			} else {
				field[n++] = (char)ch;
				continue;
			}
		}
		if (ch == '"' && n == 0) {
			quoted = 1;
		} else if (ch == ',' || ch == '\n') {
			field[n] = '\0';
			assert_true(row < 16 && col < 16);
			c->cell[row][col++] = xstrdup(field);
			n = 0;
			if (ch == '\n') {
				c->ncols[row++] = col;
				col = 0;
			}
		} else {
			assert_true(n + 1 < sizeof(field));
			field[n++] = (char)ch;
		}
	}
	fclose(f);
	c->nrows = row;
}

static void csv_free(struct csv *c)
{
	for (int r = 0; r < 16; r++)
		for (int k = 0; k < 16; k++)
			free(c->cell[r][k]);
}

static int csv_col(const struct csv *c, const char *name)
{
	for (int k = 0; k < c->ncols[0]; k++)
		if (!strcmp(c->cell[0][k], name))
			return k;
	fail_msg("no column %s", name);
	return -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = xmalloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return b;
}

static void test_export_files(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	f.in.ds.sellers[A].name = xstrdup("Anna Å");
	add_seller(&f, "S/1", ROLE_SERVICE, 1720, 0, 0, 0);
	int32_t k1 = add_customer(&f, "K1", CAT_1, "A", 1, UPPSALA, 100);
	f.in.ds.customers[k1].name = xstrdup("Trä, \"Bygg\" & Co");
	f.in.ds.customers[k1].address = xstrdup("Storgatan 1");
	f.in.ds.customers[k1].postal_code = xstrdup("753 21");
	f.in.ds.customers[k1].city = xstrdup("Uppsala");
	f.in.ds.customers[k1].phone = xstrdup("018-10 10 10");
	int32_t k3 = add_customer(&f, "K3", CAT_3, NULL, 0, 0, 0, 1);
	f.in.ds.customers[k3].name = xstrdup("Liten");
	f.in.ds.customers[k3].email = xstrdup("liten@example.se");
	int32_t today = days_from_ymd(2026, 11, 26); /* a Thursday */
	add_activity(&f, k1, A, today - 10, ACT_VISIT, 60, 0);
	struct plan_params p;
	plan_params_default(&p);
	struct plan_result *r = plan_compute(&f.in, &p);

	char dir[200];
	snprintf(dir, sizeof(dir), "%s/fokus-unit-export-XXXXXX", tu_tmp());
	assert_non_null(mkdtemp(dir));
	char out[300];
	snprintf(out, sizeof(out), "%s/lists", dir);
	struct export_opts o;
	export_opts_default(&o, &p);
	o.dir = out;
	o.today = today;
	o.dtstamp = (time_t)today * 86400;
	struct export_summary sum;
	char *cause = NULL;
	assert_int_equal(export_write(&f.in, r, &o, &sum, &cause), 0);
	assert_int_equal(sum.call_lists, 2);
	assert_int_equal(sum.calendars, 1);
	assert_int_equal(sum.newsletter_rows, 1);
	assert_int_equal(sum.newsletter_dates, 4);
	char path[400];
	char b[11];

	/* calls-A.csv: the name survives quoting; next due = last contact + 17. */
	struct csv c;
	snprintf(path, sizeof(path), "%s/calls-A.csv", out);
	csv_read(path, &c);
	assert_int_equal(c.nrows, 2);
	assert_string_equal(c.cell[1][csv_col(&c, "customer")], "Trä, \"Bygg\" & Co");
	assert_string_equal(c.cell[1][csv_col(&c, "category")], "1");
	assert_string_equal(c.cell[1][csv_col(&c, "last_contact")], days_iso(today - 10, b));
	assert_string_equal(c.cell[1][csv_col(&c, "next_contact_due")], days_iso(today + 7, b));
	assert_string_equal(c.cell[1][csv_col(&c, "phone")], "018-10 10 10");
	csv_free(&c);

	/* calls-A.xlsx through the io reader: same cells, the date as a date. */
	snprintf(path, sizeof(path), "%s/calls-A.xlsx", out);
	struct xlsx *x = NULL;
	struct ferr err = {0};
	struct row row;
	assert_int_equal(xlsx_open(path, NULL, &x, &err), 0);
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_true(row.nf >= 12);
	assert_string_equal(row.f[1].p, "customer");
	assert_string_equal(row.f[9].p, "next_contact_due");
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_string_equal(row.f[0].p, "K1");
	assert_string_equal(row.f[1].p, "Trä, \"Bygg\" & Co");
	assert_string_equal(row.f[9].p, days_iso(today + 7, b));
	assert_string_equal(row.f[10].p, "10");
	assert_int_equal(xlsx_next(x, &row, &err), 0);
	xlsx_close(x);

	/* The service person's file name is made safe; no calendar for them. */
	snprintf(path, sizeof(path), "%s/calls-S_1.csv", out);
	assert_int_equal(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/visits-S_1.ics", out);
	assert_int_not_equal(access(path, R_OK), 0);

	/* newsletter.csv: K3 with e-mail, its contact person and four dates. */
	snprintf(path, sizeof(path), "%s/newsletter.csv", out);
	csv_read(path, &c);
	assert_int_equal(c.nrows, 2);
	assert_string_equal(c.cell[1][csv_col(&c, "customer_id")], "K3");
	assert_string_equal(c.cell[1][csv_col(&c, "email")], "liten@example.se");
	assert_string_equal(c.cell[1][csv_col(&c, "contact_seller_id")], "S/1");
	assert_string_equal(c.cell[1][csv_col(&c, "send_1")], "2027-01-04");
	assert_string_equal(c.cell[1][csv_col(&c, "send_4")], "2027-10-01");
	csv_free(&c);

	/* visits-A.ics: valid structure; K1's next visit is due at today - 10 +
	 * round(365 / 10) = 2026-12-23 (a Wednesday), inside the 28 days from
	 * tomorrow (2026-11-27 .. 2026-12-24). */
	snprintf(path, sizeof(path), "%s/visits-A.ics", out);
	size_t len;
	char *ics = slurp(path, &len);
	struct unfolded u;
	unfold(ics, len, &u);
	assert_int_equal(check_calendar(&u), 1);
	assert_non_null(strstr(ics, "DTSTART;TZID=Europe/Stockholm:20261223T"));
	assert_non_null(strstr(ics, "UID:visit-K1-2026-12-23-A@fokus\r\n"));
	char *loc = unescape(find_value(&u, "LOCATION"));
	assert_string_equal(loc, "Storgatan 1, 753 21 Uppsala");
	free(loc);
	char *sumv = unescape(find_value(&u, "SUMMARY"));
	assert_string_equal(sumv, "Visit: Trä, \"Bygg\" & Co (1)");
	free(sumv);
	unfolded_free(&u);
	free(ics);

	/* --seller: only that person's files; an unknown seller is an error. */
	export_summary_free(&sum);
	o.seller = "A";
	snprintf(out, sizeof(out), "%s/one", dir);
	assert_int_equal(export_write(&f.in, r, &o, &sum, &cause), 0);
	assert_int_equal(sum.call_lists, 1);
	assert_int_equal(sum.nfiles, 3); /* csv, xlsx, ics; no newsletter rows for A */
	export_summary_free(&sum);
	o.seller = "nobody";
	assert_int_equal(export_write(&f.in, r, &o, &sum, &cause), -1);
	assert_non_null(strstr(cause, "nobody"));
	free(cause);
	export_summary_free(&sum);

	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_customer_by_store_id),
	    cmocka_unit_test(test_policy_helpers),
	    cmocka_unit_test(test_known_assignment),
	    cmocka_unit_test(test_capacity),
	    cmocka_unit_test(test_category_priority),
	    cmocka_unit_test(test_overflow_nearest),
	    cmocka_unit_test(test_no_home),
	    cmocka_unit_test(test_unlocated),
	    cmocka_unit_test(test_missing_role),
	    cmocka_unit_test(test_whatif),
	    cmocka_unit_test(test_whatif_uplift),
	    cmocka_unit_test(test_next_due_and_newsletter),
	    cmocka_unit_test(test_schedule),
	    cmocka_unit_test(test_export_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
