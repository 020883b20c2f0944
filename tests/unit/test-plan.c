/* test-plan.c — covers src/core/plan.c: the plan under capacity on
 * hand-made datasets whose best answers are known — owners kept, placed
 * nearest, moved by the method (role) or for capacity; nobody above
 * capacity, frequencies lowered where the hours are worth least; pins; the
 * balance of a role; value today against the plan; headcount and what more
 * capacity is worth; coverage and customers below the policy; travel and
 * compactness; stability after applying; persons without a home,
 * customers without coordinates, a role nobody has. The lists: next contact
 * due, newsletter dates and the visit calendar at each customer's planned
 * frequency. And src/render/export.c: the exported files read back (csv by
 * a small parser here, xlsx by io/xlsx.c, ics by icscheck.h). */
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
};

static void fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	policy_default(&f->in.policy);
	f->in.phone_weight = RESPONSE_PHONE_WEIGHT;
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

/* A customer with `revenue` kr a year today (the snapshot's) and no
 * potential given (saturation unbounded). */
static int32_t add_customer(struct fx *f, const char *id, int cat, const char *owner, int loc,
                            double lat, double lon, int64_t revenue)
{
	struct dataset *ds = &f->in.ds;
	size_t n = ds->ncustomers;
	ds->customers = xreallocarray(ds->customers, n + 1, sizeof(*ds->customers));
	f->in.cat = xrealloc(f->in.cat, n + 1);
	f->in.revenue = xreallocarray(f->in.revenue, n + 1, sizeof(int64_t));
	f->in.potential = xreallocarray(f->in.potential, n + 1, sizeof(int64_t));
	struct customer *c = &ds->customers[n];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(id);
	c->seller_id = owner ? xstrdup(owner) : NULL;
	c->seller = dataset_seller_index(ds, owner);
	c->has_loc = loc;
	c->lat = lat;
	c->lon = lon;
	f->in.cat[n] = (int8_t)cat;
	f->in.revenue[n] = revenue * 100;
	f->in.potential[n] = -1;
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

static void pin(struct fx *f, int32_t c, int32_t seller, double visits, double calls)
{
	size_t n = f->in.ds.ncustomers;
	if (!f->in.pin) {
		f->in.pin = xmalloc(n * sizeof(*f->in.pin));
		for (size_t i = 0; i < n; i++)
			f->in.pin[i] = (struct plan_pin){-1, -1, -1};
	}
	f->in.pin[c] = (struct plan_pin){seller, visits, calls};
}

static struct plan_result *run_with(struct fx *f, double field_share, double move_cost)
{
	struct plan_params p;
	plan_params_default(&p);
	p.field_share = field_share;
	p.move_cost = move_cost * 100;
	p.boot = 0;
	return plan_compute(&f->in, &p);
}

static struct plan_result *run(struct fx *f)
{
	return run_with(f, 0.5, 5000);
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

/* Nobody above capacity, every placed customer with a person of its role,
 * the totals add up. */
static void check_result(const struct fx *f, const struct plan_result *r)
{
	double hours[64] = {0};
	for (size_t c = 0; c < r->nassign; c++) {
		const struct plan_assign *a = &r->assign[c];
		if (a->to < 0)
			continue;
		assert_int_equal(f->in.ds.sellers[a->to].role, plan_role_of(&f->in.policy, a->cat));
		hours[a->to] += a->hours;
		close_to(a->hours, a->contact_hours + a->travel_hours, 1e-9);
	}
	for (size_t s = 0; s < r->nperson; s++) {
		close_to(r->person[s].hours, hours[s], 1e-6);
		if (!f->in.pin)
			assert_true(r->person[s].hours <= r->person[s].capacity_hours + 1e-6);
	}
}

/* dataset_customer_by_store_id: the binary search on a loaded dataset (in
 * store_id order) and the scan on a hand-made one. */
static void test_customer_by_store_id(void **state)
{
	(void)state;
	struct customer c[5] = {
	    {.store_id = 2}, {.store_id = 5}, {.store_id = 9}, {.store_id = 10}, {.store_id = 40}};
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

static void test_words(void **state)
{
	(void)state;
	struct policy p;
	policy_default(&p);
	close_to(plan_contact_minutes(&p, CAT_1), 10 * 60 + 12 * 15, 1e-9);
	close_to(plan_contact_minutes(&p, CAT_3), 1 * 10, 1e-9);
	assert_int_equal(plan_role_of(&p, CAT_2P), ROLE_HUNTER);
	assert_int_equal(plan_role_of(&p, CAT_NONE), ROLE_NONE);
	assert_true(plan_role_has_visits(&p, ROLE_FARMER));
	assert_false(plan_role_has_visits(&p, ROLE_SERVICE));
	/* Every reason and channel has a code that parses back and words in
	 * both languages that are not the code. */
	for (int k = 0; k < PR_COUNT; k++) {
		enum plan_reason back;
		assert_int_equal(plan_reason_parse(plan_reason_code((enum plan_reason)k), &back),
		                 0);
		assert_int_equal(back, k);
		assert_string_not_equal(plan_reason_text((enum plan_reason)k, 0),
		                        plan_reason_code((enum plan_reason)k));
		assert_true(strlen(plan_reason_text((enum plan_reason)k, 1)) > 3);
		assert_null(strchr(plan_reason_text((enum plan_reason)k, 0), '_'));
	}
	for (int k = 0; k < PC_COUNT; k++) {
		enum plan_channel back;
		assert_int_equal(plan_channel_parse(plan_channel_code((enum plan_channel)k), &back),
		                 0);
		assert_int_equal(back, k);
	}
	enum plan_reason r;
	assert_int_equal(plan_reason_parse("over_capacity", &r), -1);
	assert_string_equal(plan_reason_code(PR_ROLE), "role");
}

/* Two farmers (Stockholm, Göteborg), a hunter and customer service, with
 * room to spare: everyone at the most contact the policy allows. */
static void test_known_assignment(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	int32_t H = add_seller(&f, "H", ROLE_HUNTER, 1720, 1, UPPSALA);
	int32_t S = add_seller(&f, "S", ROLE_SERVICE, 1720, 0, 0, 0);
	int32_t c1 = add_customer(&f, "c1", CAT_1, "A", 1, BORAS, 100000); /* far, but A keeps it */
	int32_t c2 = add_customer(&f, "c2", CAT_2R, NULL, 1, UPPSALA, 90000); /* -> A (nearest) */
	int32_t c3 = add_customer(&f, "c3", CAT_2R, NULL, 1, BORAS, 80000);   /* -> B (nearest) */
	int32_t c4 = add_customer(&f, "c4", CAT_2P, "A", 1, STHLM, 70000);    /* farmer -> hunter */
	int32_t c5 = add_customer(&f, "c5", CAT_3, "B", 0, 0, 0, 10000);      /* -> service */
	int32_t c6 = add_customer(&f, "c6", CAT_2R, "Z9", 1, GBG, 5000);    /* unknown owner -> B */
	int32_t c7 = add_customer(&f, "c7", CAT_NONE, "A", 1, STHLM, 5000); /* not categorized */
	struct plan_result *r = run(&f);
	check_result(&f, r);
	assert_int_equal(r->assign[c1].to, A);
	assert_int_equal(r->assign[c1].reason, PR_KEPT);
	assert_int_equal(r->assign[c2].to, A);
	assert_int_equal(r->assign[c2].reason, PR_NO_OWNER);
	assert_int_equal(r->assign[c3].to, B);
	assert_int_equal(r->assign[c4].to, H);
	assert_int_equal(r->assign[c4].reason, PR_ROLE);
	assert_int_equal(r->assign[c5].to, S);
	assert_int_equal(r->assign[c5].reason, PR_ROLE);
	assert_int_equal(r->assign[c6].to, B);
	assert_int_equal(r->assign[c6].reason, PR_OWNER_UNKNOWN);
	assert_int_equal(r->assign[c7].to, -1);
	assert_int_equal(r->assign[c7].reason, PR_NO_CATEGORY);
	/* Room to spare: the most the policy allows (1: 12 and 12; 2R: 6 and 6). */
	close_to(r->assign[c1].visits, 12, 0);
	close_to(r->assign[c1].calls, 12, 0);
	assert_int_equal(r->assign[c1].channel, PC_VISIT);
	close_to(r->assign[c2].visits, 6, 0);
	/* Customer service does not visit: calls (at most 4) and the newsletters. */
	close_to(r->assign[c5].visits, 0, 0);
	close_to(r->assign[c5].calls, 4, 0);
	close_to(r->assign[c5].newsletters, 4, 0);
	assert_int_equal(r->assign[c5].channel, PC_PHONE);
	close_to(r->assign[c5].hours, 4 * 10 / 60.0, 1e-9);
	assert_false(r->assign[c5].travel_estimated);
	/* Hours: contact minutes + round trips. */
	double km1 = geo_km(STHLM, BORAS), km2 = geo_km(STHLM, UPPSALA);
	close_to(r->assign[c1].km, km1, 1e-9);
	close_to(r->assign[c1].hours, (12 * 60 + 12 * 15) / 60.0 + travel_h(12, km1), 1e-9);
	close_to(r->assign[c2].hours, (6 * 60 + 6 * 15) / 60.0 + travel_h(6, km2), 1e-9);
	close_to(r->person[A].hours, r->assign[c1].hours + r->assign[c2].hours, 1e-9);
	close_to(r->person[A].capacity_hours, 860, 1e-9);
	close_to(r->person[A].visits, 18, 1e-9);
	close_to(r->person[A].price, 0, 0); /* room left: an hour more is worth nothing */
	/* Kept / gained / lost; moves by reason. */
	assert_int_equal(r->person[A].kept, 1);
	assert_int_equal(r->person[A].gained, 1);
	assert_int_equal(r->person[A].lost, 1);
	assert_int_equal(r->person[B].gained, 2);
	assert_int_equal(r->person[B].lost, 1);
	assert_int_equal(r->person[S].gained, 1);
	assert_int_equal(r->moves[PR_ROLE], 2);
	assert_int_equal(r->moves[PR_OWNER_UNKNOWN], 1);
	assert_int_equal(r->moves[PR_CAPACITY], 0);
	assert_int_equal(r->moved, 2);
	assert_int_equal(r->kept, 1);
	assert_int_equal(r->newly, 3);
	assert_int_equal(r->unplaced, 1);
	assert_int_equal(r->unlocated, 0); /* c5 has no visits: its place does not matter */
	assert_int_equal(r->no_home, 0);   /* nor does S's home */
	/* The display order: category first, then the value at stake. */
	assert_int_equal(r->order[0], c1);
	assert_int_equal(r->order[1], c2);
	assert_int_equal(r->order[2], c3);
	assert_int_equal(r->order[3], c6);
	/* The problem the plan solved: one item per placed customer. */
	assert_int_equal(r->problem.nitems, 6);
	assert_int_equal(r->problem.npersons, 4);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* A's 20 hours hold the big customer's full contact and part of the small
 * one's: the small one gets less. With B in Göteborg free, the small one
 * moves there only when that gains more than the move cost. */
static void test_capacity(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 40, 1, STHLM); /* 40 x 0.5 = 20 h */
	int32_t big = add_customer(&f, "big", CAT_1, "A", 1, STHLM, 1000000);
	int32_t small = add_customer(&f, "small", CAT_1, "A", 1, STHLM, 10000);
	struct plan_result *r = run(&f);
	check_result(&f, r);
	close_to(r->assign[big].visits, 12, 0);
	assert_true(r->assign[small].visits < 12);
	assert_true(r->person[A].hours > 20 - 3 && r->person[A].hours <= 20 + 1e-9);
	assert_true(r->person[A].price >
	            0); /* the hours are all used: an hour is worth something */
	assert_int_equal(r->below[CAT_1].below, 1);
	assert_int_equal(r->below[CAT_1].customers, 2);
	plan_result_free(r);
	/* B appears; the gain of moving the small customer is below 5 000 kr. */
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	r = run(&f);
	check_result(&f, r);
	assert_int_equal(r->assign[small].to, A);
	assert_int_equal(r->assign[small].reason, PR_KEPT);
	plan_result_free(r);
	r = run_with(&f, 0.5, 0); /* moving is free: one of them goes where there is room */
	check_result(&f, r);
	close_to(r->assign[big].visits + r->assign[small].visits, 24, 0); /* both at the most */
	assert_true(r->assign[big].to == B || r->assign[small].to == B);
	assert_int_equal(r->moves[PR_CAPACITY], 1);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* After applying, the same plan changes nobody. */
static void test_stable(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	add_seller(&f, "A", ROLE_FARMER, 120, 1, STHLM);
	add_seller(&f, "B", ROLE_FARMER, 120, 1, GBG);
	add_seller(&f, "H", ROLE_HUNTER, 60, 1, UPPSALA);
	add_seller(&f, "S", ROLE_SERVICE, 30, 0, 0, 0);
	static const double places[4][2] = {{STHLM}, {GBG}, {UPPSALA}, {BORAS}};
	static const char *const owners[] = {"A", "B", "H", "S", NULL};
	char id[16];
	for (int i = 0; i < 60; i++) {
		snprintf(id, sizeof(id), "k%02d", i);
		add_customer(&f, id, i % 4, owners[i % 5], 1, places[i % 4][0] + 0.01 * i,
		             places[i % 4][1], 5000 + 3000 * i);
	}
	struct plan_result *r = run(&f);
	check_result(&f, r);
	assert_true(r->moved > 0);
	/* Apply: the planned person becomes the owner. */
	for (size_t c = 0; c < r->nassign; c++) {
		struct customer *cu = &f.in.ds.customers[c];
		if (r->assign[c].to < 0)
			continue;
		free(cu->seller_id);
		cu->seller = r->assign[c].to;
		cu->seller_id = xstrdup(f.in.ds.sellers[cu->seller].id);
	}
	struct plan_result *again = run(&f);
	for (size_t c = 0; c < r->nassign; c++) {
		assert_int_equal(again->assign[c].to, r->assign[c].to);
		close_to(again->assign[c].visits, r->assign[c].visits, 0);
		close_to(again->assign[c].calls, r->assign[c].calls, 0);
	}
	assert_int_equal(again->moved, 0);
	close_to(again->value.plan, r->value.plan, 1e-6);
	plan_result_free(again);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* A pin holds the person and the frequency, over capacity if need be. */
static void test_pins(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 20, 1, STHLM); /* 10 h */
	int32_t B = add_seller(&f, "B", ROLE_FARMER, 1720, 1, STHLM);
	int32_t c = add_customer(&f, "c", CAT_1, "B", 1, GBG, 100000);
	add_customer(&f, "d", CAT_1, "A", 1, STHLM, 50000);
	pin(&f, c, A, 20, 0);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[c].to, A);
	assert_int_equal(r->assign[c].reason, PR_PINNED);
	close_to(r->assign[c].visits, 20, 0);
	close_to(r->assign[c].calls, 0, 0);
	assert_true(r->person[A].over);
	assert_int_equal(r->over_persons, 1);
	assert_int_equal(r->pinned, 1);
	assert_int_equal(r->moves[PR_PINNED], 1);
	assert_false(r->person[B].over);
	plan_result_free(r);
	/* A pin without a frequency: the plan chooses it, within capacity. */
	pin(&f, c, A, -1, -1);
	r = run(&f);
	assert_int_equal(r->assign[c].to, A);
	assert_false(r->person[A].over);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Customer service, all with S1, using two thirds of their hours between
 * them: the loads end within ±10 % of each other. */
static void test_balance(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t S1 = add_seller(&f, "S1", ROLE_SERVICE, 40, 0, 0, 0); /* 20 h */
	int32_t S2 = add_seller(&f, "S2", ROLE_SERVICE, 40, 0, 0, 0);
	char id[16];
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "t%02d", i);
		add_customer(&f, id, CAT_3, "S1", 0, 0, 0, 2000 + 100 * i);
	}
	struct plan_result *r = run(&f);
	check_result(&f, r);
	double mean = (r->person[S1].load + r->person[S2].load) / 2;
	assert_true(fabs(r->person[S1].load - mean) <= 0.1 * mean + 1e-9);
	assert_true(fabs(r->person[S2].load - mean) <= 0.1 * mean + 1e-9);
	/* 40 x 4 calls x 10 min = 26.7 h; S1 holds 20 h. The calls' value is far
	 * below the move cost, so only the balance moves anyone. */
	assert_int_equal(r->moves[PR_CAPACITY], 0);
	assert_true(r->moves[PR_BALANCE] >= 8);
	plan_result_free(r);
	/* --balance 0: nobody moves. */
	struct plan_params p;
	plan_params_default(&p);
	p.balance = 0;
	p.boot = 0;
	r = plan_compute(&f.in, &p);
	assert_int_equal(r->moved, 0);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* A hunter without a home and a customer without coordinates: travel from
 * the role's average distance (borrowed from the farmers when no hunter
 * has a home). */
static void test_estimated_travel(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t H = add_seller(&f, "H", ROLE_HUNTER, 1720, 0, 0, 0);
	int32_t far = add_customer(&f, "far", CAT_1, "A", 1, UPPSALA, 100000);
	int32_t lost = add_customer(&f, "lost", CAT_1, "A", 0, 0, 0, 100000);
	int32_t p = add_customer(&f, "p", CAT_2P, NULL, 1, GBG, 1000);
	struct plan_result *r = run(&f);
	double avg = geo_km(STHLM, UPPSALA); /* the farmers' mean distance */
	close_to(r->fallback_km[ROLE_FARMER], avg, 1e-9);
	assert_true(r->assign[lost].travel_estimated);
	close_to(r->assign[lost].km, avg, 1e-9);
	assert_false(r->assign[far].travel_estimated);
	assert_int_equal(r->assign[p].to, H);
	assert_true(r->assign[p].travel_estimated);
	close_to(r->assign[p].km, avg, 1e-9); /* borrowed */
	assert_int_equal(r->unlocated, 1);
	assert_int_equal(r->no_home, 1);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Nobody has the role: those customers are not placed; the headcount says so. */
static void test_missing_role(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t p = add_customer(&f, "p", CAT_2P, "A", 1, STHLM, 1000);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[p].to, -1);
	assert_int_equal(r->assign[p].reason, PR_NO_ROLE);
	assert_int_equal(r->unplaced, 1);
	assert_int_equal(r->headcount[ROLE_HUNTER].available, 0);
	assert_true(r->headcount[ROLE_HUNTER].needed > 0);
	assert_int_equal(r->role_needed[ROLE_HUNTER], 1);
	close_to(r->assign[p].value_plan, r->assign[p].r0, 1e-9); /* no contact: r0 */
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Value today against the plan; coverage; what more capacity is worth. */
static void test_value_and_headcount(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 60, 1, STHLM); /* 30 h */
	char id[16];
	int32_t today = days_from_ymd(2026, 10, 1);
	for (int i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "v%d", i);
		int32_t c = add_customer(&f, id, CAT_1, "A", 1, STHLM, 100000 * (i + 1));
		add_activity(&f, c, A, today - 30 * i, ACT_VISIT, 60,
		             0); /* one visit a year today */
	}
	struct plan_result *r = run(&f);
	check_result(&f, r);
	/* Today's value is the revenue (the curve goes through today). */
	close_to(r->value.today, 2100000 * 100.0, 1e-3);
	assert_true(r->value.plan > r->value.today);
	assert_true(r->value.low <= r->value.plan && r->value.plan <= r->value.high);
	assert_false(r->value.has_range); /* no fit: defaults, no range */
	assert_int_equal(r->response[CAT_1].source, RS_DEFAULT);
	/* The full policy: 6 x 13 h = 78 h against 30 h. */
	close_to(r->coverage.policy_hours, 78, 1e-9);
	close_to(r->coverage.capacity_hours, 30, 1e-9);
	close_to(r->coverage.share, 30 / 78.0, 1e-9);
	const struct plan_headcount *h = &r->headcount[ROLE_FARMER];
	close_to(h->needed, 78 / 30.0, 1e-9);
	assert_int_equal(h->available, 1);
	assert_true(h->plus100 > 0);
	assert_true(h->one_more > 0);
	assert_int_equal(h->worth_adding, -1); /* no margins: the cost cannot be weighed */
	/* The whatif per category: one visit a year today each. */
	close_to(r->whatif.cat[CAT_1].visits_today, 6, 0);
	assert_true(r->whatif.cat[CAT_1].visits_plan > 6);
	close_to(r->whatif.cat[CAT_1].value_today, r->value.today, 1e-3);
	plan_result_free(r);
	/* With margins on the orders (25 %) the cost can be weighed. */
	f.in.ds.orders = xmalloc(sizeof(*f.in.ds.orders));
	f.in.ds.orders[0] = (struct order){
	    .cust = 0, .day = today, .amount = 400000, .margin = 100000, .has_margin = true};
	f.in.ds.norders = 1;
	struct plan_params p;
	plan_params_default(&p);
	p.boot = 0;
	p.person_cost = 100; /* 1 kr: anyone is worth adding */
	r = plan_compute(&f.in, &p);
	close_to(r->margin_rate, 0.25, 1e-12);
	assert_true(r->headcount[ROLE_FARMER].worth_adding >= 1);
	assert_true(r->headcount[ROLE_FARMER].worth_each > 0);
	plan_result_free(r);
	p.person_cost = 1e12;
	r = plan_compute(&f.in, &p);
	assert_int_equal(r->headcount[ROLE_FARMER].worth_adding, 0);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* The manager's judgement replaces the default curve. */
static void test_judgement(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	int32_t c = add_customer(&f, "c", CAT_1, "A", 1, STHLM, 100000);
	f.in.judged[CAT_1] = true;
	f.in.judgement[CAT_1] = (struct response_points){0.5, 0.8, 1.1, 2.0};
	struct plan_result *r = run(&f);
	assert_int_equal(r->response[CAT_1].source, RS_JUDGEMENT);
	close_to(r->response[CAT_1].curve.rho, 0.25, 1e-9);
	/* No activity: today's contact is 0, so r0 is today's revenue. */
	close_to(r->assign[c].r0, 100000 * 100.0, 1e-6);
	close_to(r->assign[c].rmax, 4 * 100000 * 100.0, 1e-3);
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

/* Compactness: A keeps a customer next to B (the move cost holds it). */
static void test_compactness(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	int32_t A = add_seller(&f, "A", ROLE_FARMER, 1720, 1, STHLM);
	add_seller(&f, "B", ROLE_FARMER, 1720, 1, GBG);
	int32_t c = add_customer(&f, "c", CAT_1, "A", 1, BORAS, 100000);
	struct plan_result *r = run(&f);
	assert_int_equal(r->assign[c].to, A);
	double mine = geo_km(STHLM, BORAS), best = geo_km(GBG, BORAS);
	close_to(r->person[A].mean_km, mine, 1e-9);
	close_to(r->person[A].compactness, best / mine, 1e-9);
	close_to(r->person[A].km_year, 12 * 2 * mine * 1.3, 1e-6);
	close_to(r->person[1].compactness, -1, 0); /* B visits nobody */
	plan_result_free(r);
	plan_inputs_free(&f.in);
}

static void test_next_due_and_newsletter(void **state)
{
	(void)state;
	int32_t t = days_from_ymd(2026, 11, 26);
	/* 10 visits and 12 calls a year: every 17 days (365/22 = 16.6). */
	assert_int_equal(plan_next_due(22, t, t + 100), t + 17);
	assert_int_equal(plan_next_due(1, t, t), t + 365);
	assert_int_equal(plan_next_due(22, DAYS_NONE, t), t);
	assert_int_equal(plan_next_due(0, t, t), DAYS_NONE);

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
	/* Room to spare: 12 visits a year each, every 30.4 days. The 7 never
	 * visited are due at start + floor(i*30.42/7) = +0 +4 +8 +13 +17 +21 +26;
	 * k7 at start - 10 + 30 = +20. All within the 28 days; weekend dues move to
	 * Monday, and at the horizon's end back to the last working day before. */
	assert_int_equal(nf, 0);
	assert_int_equal(n, 8);
	int prev_day = -1;
	for (size_t i = 0; i < n; i++) {
		assert_true(days_workday_se(v[i].day));
		assert_true(v[i].day >= start && v[i].day < start + 28);
		assert_true(v[i].day >= prev_day);
		assert_int_equal(v[i].duration_min, 60);
		assert_int_equal(v[i].travel_min, 0);
		prev_day = v[i].day;
	}
	assert_int_equal(v[0].day, start);
	assert_int_equal(v[0].start_min, 480);
	free(v);

	/* Each customer's own planned frequency: one visit a year, all overdue,
	 * spread over a year (every 45 days): only the first falls in the week. */
	for (int i = 0; i < 8; i++)
		r->assign[i].visits = 1;
	o.weeks = 1;
	for (int i = 0; i < 8; i++)
		lv[i] = start - 400;
	v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	assert_int_equal(n, 1);
	free(v);
	/* A full day (two 60-minute visits in 2 h) holds two: daily visits to 8
	 * customers for 7 days, 5 weekdays x 2 fit. */
	o.day_minutes = 120;
	for (int i = 0; i < 8; i++)
		r->assign[i].visits = 730; /* interval half a day, clamped to 1 */
	v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	assert_int_equal(n, 10);
	assert_int_equal(nf, 8 * 7 - 10);
	assert_int_equal(v[0].start_min, 480);
	assert_int_equal(v[1].day, start);
	assert_int_equal(v[1].start_min, 540);
	assert_int_equal(v[2].day, start + 1);
	free(v);
	/* Without visits in the plan, no calendar entries. */
	for (int i = 0; i < 8; i++)
		r->assign[i].visits = 0;
	v = plan_schedule_visits(&f.in, r, A, lv, &o, &n, &nf);
	assert_int_equal(n, 0);
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
	p.boot = 0;
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
	/* 12 visits and 12 calls a year: next contact round(365/24) = 15 days later. */
	assert_string_equal(c.cell[1][csv_col(&c, "next_contact_due")], days_iso(today + 5, b));
	assert_string_equal(c.cell[1][csv_col(&c, "channel")], "visits");
	assert_string_equal(c.cell[1][csv_col(&c, "visits_per_year")], "12");
	assert_string_equal(c.cell[1][csv_col(&c, "calls_per_year")], "12");
	assert_string_equal(c.cell[1][csv_col(&c, "phone")], "018-10 10 10");
	csv_free(&c);

	/* calls-A.xlsx through the io reader: same cells, the date as a date. */
	snprintf(path, sizeof(path), "%s/calls-A.xlsx", out);
	struct xlsx *x = NULL;
	struct ferr err = {0};
	struct row row;
	assert_int_equal(xlsx_open(path, NULL, &x, &err), 0);
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_true(row.nf >= 13);
	assert_string_equal(row.f[1].p, "customer");
	assert_string_equal(row.f[9].p, "next_contact_due");
	assert_string_equal(row.f[11].p, "visits_per_year");
	assert_int_equal(xlsx_next(x, &row, &err), 1);
	assert_string_equal(row.f[0].p, "K1");
	assert_string_equal(row.f[1].p, "Trä, \"Bygg\" & Co");
	assert_string_equal(row.f[9].p, days_iso(today + 5, b));
	assert_string_equal(row.f[11].p, "12");
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
	 * round(365 / 12) = 2026-12-16 (a Wednesday), inside the 28 days from
	 * tomorrow (2026-11-27 .. 2026-12-24). */
	snprintf(path, sizeof(path), "%s/visits-A.ics", out);
	size_t len;
	char *ics = slurp(path, &len);
	struct unfolded u;
	unfold(ics, len, &u);
	assert_int_equal(check_calendar(&u), 1);
	assert_non_null(strstr(ics, "DTSTART;TZID=Europe/Stockholm:20261216T"));
	assert_non_null(strstr(ics, "UID:visit-K1-2026-12-16-A@fokus\r\n"));
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
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_known_assignment),
	    cmocka_unit_test(test_capacity),
	    cmocka_unit_test(test_stable),
	    cmocka_unit_test(test_pins),
	    cmocka_unit_test(test_balance),
	    cmocka_unit_test(test_estimated_travel),
	    cmocka_unit_test(test_missing_role),
	    cmocka_unit_test(test_value_and_headcount),
	    cmocka_unit_test(test_judgement),
	    cmocka_unit_test(test_compactness),
	    cmocka_unit_test(test_next_due_and_newsletter),
	    cmocka_unit_test(test_schedule),
	    cmocka_unit_test(test_export_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
