/* test-analysis.c — covers src/core/analysis.c: visits, hours and km per
 * category, the category-3 flag, contact-time share, order value and the
 * attribution window edges, uncontacted customers, booking frequency per
 * ISO week (across a year boundary, best week, best in N weeks), findings
 * and their money at stake, the honesty counts, the default period and
 * compare. Every expected number is worked out by hand in the comments.
 * Also the renderers of the same result: src/render/analysis-json.c (field
 * names of issue 4 §3), analysis-csv.c, analysis-text.c, analysis-html.c
 * (escaping) and analysis-xlsx.c; and src/cmd-analyze.c's loading of a
 * workspace (categories, revenue and potential matched by customer) through
 * cmd_analyze_report, the entry other reports (fokus demo) call. */
#include "testutil.h"

#include "cmd-analyze.h"
#include "core/analysis.h"
#include "store/db.h"
#include "render/analysis-csv.h"
#include "render/analysis-html.h"
#include "render/analysis-json.h"
#include "render/analysis-text.h"
#include "render/analysis-xlsx.h"
#include "util/days.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <math.h>
#include <sqlite3.h>

#define KR(x) ((int64_t)(x)*100)
#define EPS 1e-9

/* The hand-made company. Period 2025-01-01 .. 2025-03-31 (90 days, exactly
 * 3 months); D = 2025-01-01.
 *   sellers: 0 Anna (1720 h/yr), 1 Bo (hours unknown -> 1720)
 *   customers (category, owner, revenue, potential):
 *     C0 1  Anna 1 000 000  300 000     C3 3  Bo      50 000  unknown
 *     C1 2R Anna   800 000   20 000     C4 3  none    50 000   10 000
 *     C2 2P Bo     100 000  500 000     C5 -  Anna       999        0 */
struct fixture {
	struct dataset ds;
	int8_t cat[6];
	int64_t rev[6], pot[6];
	size_t nact, nord;
};

static int32_t D;

static void add_act(struct fixture *f, int32_t cust, int32_t seller, int day, int type, float dur,
                    float travel, float km)
{
	struct activity *a = &f->ds.activities[f->nact++];
	*a = (struct activity){.cust = cust,
	                       .seller = seller,
	                       .day = D + day,
	                       .minute = -1,
	                       .type = (uint8_t)type,
	                       .duration_min = dur,
	                       .travel_min = travel,
	                       .km = km};
}

static void add_order(struct fixture *f, int32_t cust, int day, int64_t kr)
{
	f->ds.orders[f->nord++] = (struct order){.cust = cust, .day = D + day, .amount = KR(kr)};
}

static void make_company(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	D = days_from_ymd(2025, 1, 1);
	f->ds.nsellers = 2;
	f->ds.sellers =
	    xcalloc(3, sizeof(struct seller)); /* room for a third in test_findings_variety */
	f->ds.sellers[0] = (struct seller){
	    .id = xstrdup("S1"), .name = xstrdup("Anna Berg"), .hours_per_year = 1720};
	f->ds.sellers[1] =
	    (struct seller){.id = xstrdup("S2"), .name = xstrdup("Bo Ek"), .hours_per_year = 0};
	f->ds.ncustomers = 6;
	f->ds.customers = xcalloc(6, sizeof(struct customer));
	static const int owner[6] = {0, 0, 1, 1, -1, 0};
	static const int8_t cats[6] = {CAT_1, CAT_2R, CAT_2P, CAT_3, CAT_3, CAT_NONE};
	static const int64_t rev[6] = {1000000, 800000, 100000, 50000, 50000, 999};
	static const int64_t pot[6] = {300000, 20000, 500000, -1, 10000, 0};
	for (int i = 0; i < 6; i++) {
		f->ds.customers[i].id = xasprintf("C%d", i);
		f->ds.customers[i].seller = owner[i];
		f->ds.customers[i].seller_id =
		    owner[i] >= 0 ? xasprintf("S%d", owner[i] + 1) : NULL;
		f->cat[i] = cats[i];
		f->rev[i] = KR(rev[i]);
		f->pot[i] = pot[i] < 0 ? -1 : KR(pot[i]);
	}
	f->ds.activities = xcalloc(32, sizeof(struct activity));
	/* Anna: two visits to C0 (60 min + 30 travel, 10 km), three to C3
	 * (30 + 30, 20 km), a call to C1 (30 min), a meeting booked (10 min,
	 * not contact time). */
	add_act(f, 0, 0, 10, ACT_VISIT, 60, 30, 10);
	add_act(f, 0, 0, 60, ACT_VISIT, 60, 30, 10);
	add_act(f, 3, 0, 20, ACT_VISIT, 30, 30, 20);
	add_act(f, 3, 0, 21, ACT_VISIT, 30, 30, 20);
	add_act(f, 3, 0, 22, ACT_VISIT, 30, 30, 20);
	add_act(f, 1, 0, 5, ACT_PHONE, 30, 0, 0);
	add_act(f, 0, 0, 15, ACT_MEETING_BOOKED, 10, 0, 0);
	/* Bo: a visit to C3 (60 + 60, 50 km); a call to C2 before the period. */
	add_act(f, 3, 1, 50, ACT_VISIT, 60, 60, 50);
	add_act(f, 2, 1, -10, ACT_PHONE, 15, 0, 0);
	/* Unknown customer, unknown seller, both: counted, never used. */
	add_act(f, -1, 0, 3, ACT_VISIT, 60, 0, 0);
	add_act(f, 4, -1, 3, ACT_PHONE, 20, 0, 0);
	add_act(f, -1, -1, 4, ACT_VISIT, 60, 0, 0);
	/* After the period: C4 stays uncontacted. */
	add_act(f, 4, 0, 95, ACT_PHONE, 20, 0, 0);
	f->ds.nactivities = f->nact;
	/* Orders of C0 around its visits on D+10 and D+60 (window 30 days). */
	f->ds.orders = xcalloc(16, sizeof(struct order));
	add_order(f, 0, -5, 64000); /* before the period, no visit before it */
	add_order(f, 0, 9, 8000);   /* the day before the first visit: not attributed */
	add_order(f, 0, 10, 1000);  /* the visit's day: attributed */
	add_order(f, 0, 40, 2000);  /* 30 days after: attributed */
	add_order(f, 0, 41, 4000);  /* 31 days after: not attributed */
	add_order(f, 0, 90, 16000); /* 30 days after D+60, after the period: attributed */
	add_order(f, 3, 51, 500);   /* C3, a day after Bo's visit: attributed */
	f->ds.norders = f->nord;
}

static void run(struct fixture *f, struct analysis *a, int32_t from, int32_t to)
{
	struct analysis_params p;
	analysis_params_default(&p);
	p.from = from;
	p.to = to;
	struct analysis_input in = {
	    .ds = &f->ds, .cat = f->cat, .revenue = f->rev, .potential = f->pot};
	char *cause = NULL;
	assert_int_equal(analysis_compute(&in, &p, a, &cause), 0);
	assert_null(cause);
}

static void run_company(struct fixture *f, struct analysis *a)
{
	make_company(f);
	run(f, a, D, days_from_ymd(2025, 3, 31));
}

static void test_visits_hours_km(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	const struct an_seller *anna = &a.sellers[0], *bo = &a.sellers[1], *t = &a.team;
	/* Anna: 5 visits, 2 to category 1 (40 %), 3 to category 3 (60 %). */
	assert_int_equal(anna->total.visits, 5);
	assert_int_equal(anna->cat[CAT_1].visits, 2);
	assert_int_equal(anna->cat[CAT_3].visits, 3);
	assert_int_equal(anna->cat[CAT_2R].visits, 0);
	assert_float_equal(analysis_visit_share(anna, CAT_1), 0.4, EPS);
	assert_float_equal(analysis_visit_share(anna, CAT_3), 0.6, EPS);
	/* Hours = (duration + travel) / 60: 2 x 1.5 h and 3 x 1.0 h. */
	assert_float_equal(anna->cat[CAT_1].hours, 3.0, EPS);
	assert_float_equal(anna->cat[CAT_3].hours, 3.0, EPS);
	assert_float_equal(anna->cat[CAT_1].km, 20.0, EPS);
	assert_float_equal(anna->cat[CAT_3].km, 60.0, EPS);
	/* Bo: 1 visit to category 3, 2 h, 50 km. */
	assert_int_equal(bo->cat[CAT_3].visits, 1);
	assert_float_equal(bo->cat[CAT_3].hours, 2.0, EPS);
	/* Team: 6 visits, 8 h, 130 km; category 3 has 4 of 6. */
	assert_int_equal(t->total.visits, 6);
	assert_float_equal(t->total.hours, 8.0, EPS);
	assert_float_equal(t->total.km, 130.0, EPS);
	assert_int_equal(t->cat[CAT_3].visits, 4);
	assert_float_equal(analysis_visit_share(t, CAT_3), 4.0 / 6.0, EPS);
	/* Both over the 25 % limit; the team too. */
	assert_true(anna->cat3_flag);
	assert_true(bo->cat3_flag);
	assert_true(t->cat3_flag);
	/* Revenue and potential shares of the categorized customers:
	 * revenue 2 000 000 in all, potential 830 000 (C3 unknown = 0). */
	assert_int_equal(a.revenue_total, KR(2000000));
	assert_float_equal(a.cat[CAT_1].revenue_share, 0.5, EPS);
	assert_float_equal(a.cat[CAT_2R].revenue_share, 0.4, EPS);
	assert_float_equal(a.cat[CAT_3].revenue_share, 0.05, EPS);
	assert_int_equal(a.potential_total, KR(830000));
	assert_float_equal(a.cat[CAT_2P].potential_share, 500000.0 / 830000.0, EPS);
	assert_float_equal(a.cat[CAT_3].potential_share, 10000.0 / 830000.0, EPS);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_cat3_limit_is_strict(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	/* Anna: 60 % to category 3. With the limit at 0.6 she is not over it. */
	struct analysis_params p;
	analysis_params_default(&p);
	p.from = D;
	p.to = days_from_ymd(2025, 3, 31);
	p.cat3_limit = 0.6;
	struct analysis_input in = {
	    .ds = &f.ds, .cat = f.cat, .revenue = f.rev, .potential = f.pot};
	char *cause = NULL;
	assert_int_equal(analysis_compute(&in, &p, &a, &cause), 0);
	assert_false(a.sellers[0].cat3_flag);
	assert_true(a.sellers[1].cat3_flag);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_contact_time(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	/* Anna: visits 2 x 60 + 3 x 30 min, call 30 min = 240 min = 4 h (the
	 * booked meeting and travel do not count). Working time 1720 x 90/365. */
	double wh = 1720.0 * 90 / 365;
	assert_float_equal(a.sellers[0].contact_hours, 4.0, EPS);
	assert_float_equal(a.sellers[0].working_hours, wh, 1e-9);
	assert_float_equal(analysis_contact_share(&a.sellers[0]), 4.0 / wh, EPS);
	/* Bo: 60 min; his unknown hours take the default 1720. The call before
	 * the period does not count. */
	assert_float_equal(a.sellers[1].contact_hours, 1.0, EPS);
	assert_float_equal(a.sellers[1].working_hours, wh, 1e-9);
	/* Team: 5 h of 2 x wh. */
	assert_float_equal(a.team.contact_hours, 5.0, EPS);
	assert_float_equal(analysis_contact_share(&a.team), 5.0 / (2 * wh), EPS);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_inactive_seller_has_no_working_time(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	/* January only: Bo has no activity then, so his hours stay out of the team's. */
	run(&f, &a, D, days_from_ymd(2025, 1, 31));
	assert_false(a.sellers[1].active);
	assert_float_equal(a.sellers[1].working_hours, 0, EPS);
	assert_float_equal(a.team.working_hours, 1720.0 * 31 / 365, 1e-9);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_order_value_and_attribution(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	const struct an_category *c1 = &a.cat[CAT_1];
	/* Orders of C0 dated in the period: D+9, D+10, D+40, D+41 =
	 * 8000 + 1000 + 2000 + 4000 = 15 000 kr, average 3 750 kr. */
	assert_int_equal(c1->orders, 4);
	assert_int_equal(c1->order_value, KR(15000));
	assert_int_equal(analysis_avg_order(c1), KR(3750));
	/* Attributed: D+10 (same day), D+40 (30 days), D+90 (30 days after the
	 * second visit, after the period). Not D+9 (before) nor D+41 (31 days). */
	assert_int_equal(c1->attributed_orders, 3);
	assert_int_equal(c1->attributed_value, KR(19000));
	assert_int_equal(c1->visits, 2);
	assert_float_equal(analysis_value_per_visit(c1), (double)KR(9500), EPS);
	assert_float_equal(analysis_value_per_hour(c1), (double)KR(19000) / 3.0, 1e-6);
	/* Category 3: one order 500 kr a day after Bo's visit; 4 visits, 6 h. */
	assert_int_equal(a.cat[CAT_3].attributed_orders, 1);
	assert_float_equal(analysis_value_per_visit(&a.cat[CAT_3]), (double)KR(125), EPS);
	assert_float_equal(analysis_value_per_hour(&a.cat[CAT_3]), (double)KR(500) / 5.0, EPS);
	/* All together. */
	assert_int_equal(a.all.orders, 5);
	assert_int_equal(a.all.attributed_orders, 4);
	assert_int_equal(a.all.attributed_value, KR(19500));
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_attribution_window_option(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	struct analysis_params p;
	analysis_params_default(&p);
	p.from = D;
	p.to = days_from_ymd(2025, 3, 31);
	p.attribution_days = 31; /* now D+41 is inside the window too */
	struct analysis_input in = {
	    .ds = &f.ds, .cat = f.cat, .revenue = f.rev, .potential = f.pot};
	char *cause = NULL;
	assert_int_equal(analysis_compute(&in, &p, &a, &cause), 0);
	assert_int_equal(a.cat[CAT_1].attributed_orders, 4);
	assert_int_equal(a.cat[CAT_1].attributed_value, KR(23000));
	analysis_free(&a);
	p.attribution_days = 0; /* only orders on the visit's day */
	assert_int_equal(analysis_compute(&in, &p, &a, &cause), 0);
	assert_int_equal(a.cat[CAT_1].attributed_orders, 1);
	assert_int_equal(a.cat[CAT_1].attributed_value, KR(1000));
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_uncontacted(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	/* C0 visited, C1 called, C3 visited: contacted. C2 (only before the
	 * period), C4 (unknown seller; after the period) and C5: uncontacted. */
	assert_int_equal(a.cat[CAT_1].uncontacted, 0);
	assert_int_equal(a.cat[CAT_2R].uncontacted, 0);
	assert_int_equal(a.cat[CAT_2P].uncontacted, 1);
	assert_int_equal(a.cat[CAT_3].uncontacted, 1);
	assert_int_equal(a.cat[AN_NONE].uncontacted, 1);
	assert_int_equal(a.all.uncontacted, 3);
	assert_int_equal(a.all.contacted, 3);
	/* Per owner. */
	assert_int_equal(a.sellers[0].own[CAT_2R].customers, 1);
	assert_int_equal(a.sellers[0].own[CAT_2R].uncontacted, 0);
	assert_int_equal(a.sellers[0].own[CAT_2R].unvisited, 1);
	assert_int_equal(a.sellers[0].own[CAT_2R].unvisited_potential, KR(20000));
	assert_int_equal(a.sellers[0].own[AN_NONE].uncontacted, 1);
	assert_int_equal(a.sellers[1].own[CAT_2P].uncontacted, 1);
	assert_int_equal(a.sellers[1].own[CAT_3].uncontacted, 0);
	assert_int_equal(a.noowner[CAT_3].customers, 1);
	assert_int_equal(a.noowner[CAT_3].uncontacted, 1);
	assert_int_equal(a.team.own[CAT_3].uncontacted, 1);
	/* Last contacts: C2's call 10 days before; C4's call after `to` is not seen. */
	assert_int_equal(a.last_contact[2], D - 10);
	assert_int_equal(a.last_contact[4], DAYS_NONE);
	assert_int_equal(a.last_visit[0], D + 60);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_honesty_counts(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	/* 11 activities in the period; 3 name an unknown customer or seller or both. */
	assert_int_equal(a.act_period, 11);
	assert_int_equal(a.act_used, 8);
	assert_int_equal(a.act_unknown_customer, 2);
	assert_int_equal(a.act_unknown_seller, 2);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_default_period(void **state)
{
	(void)state;
	struct fixture f;
	make_company(&f);
	int32_t from = DAYS_NONE, to = DAYS_NONE;
	/* The latest activity is D+95 = 2025-04-06: period 2024-04-07 .. 2025-04-06. */
	assert_int_equal(analysis_default_period(&f.ds, &from, &to), 0);
	assert_int_equal(to, days_from_ymd(2025, 4, 6));
	assert_int_equal(from, days_from_ymd(2024, 4, 7));
	from = DAYS_NONE;
	to = days_from_ymd(2024, 2, 29);
	assert_int_equal(analysis_default_period(&f.ds, &from, &to), 0);
	assert_int_equal(from, days_from_ymd(2023, 3, 1));
	struct dataset empty = {0};
	from = to = DAYS_NONE;
	assert_int_equal(analysis_default_period(&empty, &from, &to), -1);
	dataset_free(&f.ds);
}

static void test_bad_params(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	struct analysis_params p;
	analysis_params_default(&p);
	p.from = D + 5;
	p.to = D;
	struct analysis_input in = {.ds = &f.ds, .cat = f.cat};
	char *cause = NULL;
	assert_int_equal(analysis_compute(&in, &p, &a, &cause), -1);
	assert_non_null(strstr(cause, "period"));
	free(cause);
	cause = NULL;
	p.from = D;
	p.cat3_limit = 25; /* a percent, not a share */
	assert_int_equal(analysis_compute(&in, &p, &a, &cause), -1);
	free(cause);
	dataset_free(&f.ds);
}

/* Booking frequency: one seller, meetings booked per week as given, the
 * period starting on Monday `first` for `weeks` weeks. */
static void run_bookings(struct analysis *a, struct fixture *f, int32_t first, int weeks,
                         const int *per_week)
{
	memset(f, 0, sizeof(*f));
	f->ds.nsellers = 1;
	f->ds.sellers = xcalloc(1, sizeof(struct seller));
	f->ds.sellers[0] = (struct seller){.id = xstrdup("S1"), .hours_per_year = 1720};
	f->ds.ncustomers = 1;
	f->ds.customers = xcalloc(1, sizeof(struct customer));
	f->ds.customers[0].id = xstrdup("C0");
	f->cat[0] = CAT_1;
	int total = 0;
	for (int w = 0; w < weeks; w++)
		total += per_week[w];
	f->ds.activities = xcalloc((size_t)total + 1, sizeof(struct activity));
	D = first;
	for (int w = 0; w < weeks; w++)
		for (int k = 0; k < per_week[w]; k++) /* spread over the week, Sunday included */
			add_act(f, 0, 0, 7 * w + (k * 3) % 7, ACT_MEETING_BOOKED, 0, 0, 0);
	f->ds.nactivities = f->nact;
	run(f, a, first, first + 7 * weeks - 1);
}

static void test_iso_weeks_across_year(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	/* 2020-12-21 is the Monday of 2020-W52; 2020 has a week 53; then 2021-W01, W02. */
	static const int per[4] = {1, 2, 3, 4};
	run_bookings(&a, &f, days_from_ymd(2020, 12, 21), 4, per);
	assert_int_equal(a.nweeks, 4);
	char b[9];
	assert_string_equal(analysis_week_label(&a, 0, b), "2020-W52");
	assert_string_equal(analysis_week_label(&a, 1, b), "2020-W53");
	assert_string_equal(analysis_week_label(&a, 2, b), "2021-W01");
	assert_string_equal(analysis_week_label(&a, 3, b), "2021-W02");
	for (int w = 0; w < 4; w++) {
		assert_int_equal(a.sellers[0].weekly[w], per[w]);
		assert_int_equal(a.team.weekly[w], per[w]);
	}
	/* The booking on day 20 (Sunday 2021-01-10) counts in 2021-W01. */
	assert_int_equal(a.sellers[0].meetings_booked, 10);
	assert_float_equal(analysis_bookings_per_week(&a, &a.team), 2.5, EPS);
	assert_int_equal(a.sellers[0].best_week, 3);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_partial_weeks(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	/* 2025-01-01 is a Wednesday (2025-W01 began on Monday 2024-12-30);
	 * 2025-03-31 is a Monday (W14): 14 weeks, the first and last partial. */
	run(&f, &a, D, days_from_ymd(2025, 3, 31));
	assert_int_equal(a.nweeks, 14);
	assert_int_equal(a.week0, days_from_ymd(2024, 12, 30));
	char b[9];
	assert_string_equal(analysis_week_label(&a, 0, b), "2025-W01");
	assert_string_equal(analysis_week_label(&a, 13, b), "2025-W14");
	/* Anna's booking on D+15 = 2025-01-16 (Thursday of W03). */
	assert_int_equal(a.sellers[0].weekly[2], 1);
	assert_int_equal(a.sellers[0].best_week, 2);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_best_week_detection(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	int32_t monday = days_from_ymd(2026, 1, 5);
	/* Latest two weeks 2+2 = 4; every earlier 2-week run is below 4: best of
	 * all 6 weeks. Best single week: week 0 (3). */
	static const int s1[6] = {3, 0, 1, 1, 2, 2};
	run_bookings(&a, &f, monday, 6, s1);
	assert_int_equal(a.sellers[0].latest2, 4);
	assert_int_equal(a.sellers[0].best_in_weeks, 6);
	assert_true(a.sellers[0].best_of_period);
	assert_int_equal(a.sellers[0].best_week, 0);
	analysis_free(&a);
	dataset_free(&f.ds);
	/* Weeks 0-1 reach 5 >= 4: the latest run is the best in the last 5 weeks. */
	static const int s2[6] = {5, 0, 1, 1, 2, 2};
	run_bookings(&a, &f, monday, 6, s2);
	assert_int_equal(a.sellers[0].best_in_weeks, 5);
	assert_false(a.sellers[0].best_of_period);
	analysis_free(&a);
	dataset_free(&f.ds);
	/* The run just before (weeks 3-4 = 4) is higher: no record. */
	static const int s3[6] = {0, 0, 0, 3, 1, 0};
	run_bookings(&a, &f, monday, 6, s3);
	assert_int_equal(a.sellers[0].best_in_weeks, 0);
	assert_int_equal(a.sellers[0].best_week, 3);
	analysis_free(&a);
	dataset_free(&f.ds);
	/* Equal weeks: the latest of them is the best week; a tie is no record. */
	static const int s4[4] = {2, 0, 2, 0};
	run_bookings(&a, &f, monday, 4, s4);
	assert_int_equal(a.sellers[0].best_week, 2);
	assert_int_equal(a.sellers[0].best_in_weeks, 0);
	analysis_free(&a);
	dataset_free(&f.ds);
	/* No bookings: no best week. */
	static const int s5[3] = {0, 0, 0};
	run_bookings(&a, &f, monday, 3, s5);
	assert_int_equal(a.sellers[0].best_week, -1);
	assert_int_equal(a.team.best_week, -1);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_findings(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	/* Value per visit: categories 1+2R+2P 19 000 / 2 = 9 500 kr, category 3
	 * 500 / 4 = 125 kr; gap 9 375 kr. Candidates and money at stake:
	 *   Bo, 2P unvisited: potential 500 000 kr
	 *   team skew: 4 - 0.05 x 6 = 3.7 excess visits x 9 375 = 34 687.50 kr
	 *   Anna, 2R unvisited: potential 20 000 kr
	 *   Anna over the limit: 3 - 0.25 x 5 = 1.75 x 9 375 = 16 406.25 kr
	 *   Bo over the limit: 1 - 0.25 x 1 = 0.75 x 9 375 = 7 031.25 kr */
	assert_int_equal(a.nfindings, 5);
	assert_int_equal(a.findings[0].type, AF_UNVISITED);
	assert_int_equal(a.findings[0].seller, 1);
	assert_int_equal(a.findings[0].cat, CAT_2P);
	assert_int_equal(a.findings[0].amount, KR(500000));
	assert_int_equal(a.findings[1].type, AF_CAT3_SKEW);
	assert_int_equal(a.findings[1].value_gap, KR(9375));
	assert_float_equal(a.findings[1].excess_visits, 3.7, 1e-9);
	assert_int_equal(a.findings[1].amount, 3468750);
	assert_int_equal(a.findings[2].type, AF_UNVISITED);
	assert_int_equal(a.findings[2].seller, 0);
	assert_int_equal(a.findings[2].amount, KR(20000));
	assert_int_equal(a.findings[3].type, AF_SELLER_CAT3);
	assert_int_equal(a.findings[3].seller, 0);
	assert_int_equal(a.findings[3].amount, 1640625);
	assert_int_equal(a.findings[4].type, AF_SELLER_CAT3);
	assert_int_equal(a.findings[4].seller, 1);
	assert_int_equal(a.findings[4].amount, 703125);

	char *t = analysis_finding_text(&a, &a.findings[1], LANG_EN);
	assert_string_equal(
	    t, "67% of the field visits went to Category 3, which holds 5% of revenue");
	free(t);
	t = analysis_finding_text(&a, &a.findings[1], LANG_SV);
	assert_string_equal(
	    t, "67 % av fältbesöken gick till Kategori 3, som står för 5 % av omsättningen");
	free(t);
	t = analysis_finding_text(&a, &a.findings[0], LANG_SV);
	assert_string_equal(t, "Bo Ek: 100 % av kunderna i Kategori 2 potential (1 av 1) hade "
	                       "inget besök på 3 månader");
	free(t);
	t = analysis_finding_text(&a, &a.findings[3], LANG_EN);
	assert_string_equal(t,
	                    "Anna Berg: 60% of the visits (3 of 5) went to Category 3 (limit 25%)");
	free(t);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_findings_variety(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	/* A third seller, Cay, visits C4 (category 3) ten times; the unvisited
	 * customers' potential is made small. Value gap: 9 500 - 500/14 kr.
	 * Ranked: skew, Cay (10 - 2.5 = 7.5 excess), Anna (1.75), Bo (0.75),
	 * Bo's 2P (200 kr), Anna's 2R (100 kr). At most two of a kind: Bo's
	 * over-the-limit finding gives way to Anna's 2R. */
	f.ds.sellers[2] =
	    (struct seller){.id = xstrdup("S3"), .name = xstrdup("Cay"), .hours_per_year = 1720};
	f.ds.nsellers = 3;
	for (int k = 0; k < 10; k++)
		add_act(&f, 4, 2, 30 + k, ACT_VISIT, 30, 30, 5);
	f.ds.nactivities = f.nact;
	f.pot[1] = KR(100);
	f.pot[2] = KR(200);
	run(&f, &a, D, days_from_ymd(2025, 3, 31));
	assert_int_equal(a.nfindings, 5);
	assert_int_equal(a.findings[0].type, AF_CAT3_SKEW);
	assert_int_equal(a.findings[1].type, AF_SELLER_CAT3);
	assert_int_equal(a.findings[1].seller, 2);
	assert_int_equal(a.findings[2].type, AF_SELLER_CAT3);
	assert_int_equal(a.findings[2].seller, 0);
	assert_int_equal(a.findings[3].type, AF_UNVISITED);
	assert_int_equal(a.findings[3].amount, KR(200));
	assert_int_equal(a.findings[4].type, AF_UNVISITED);
	assert_int_equal(a.findings[4].amount, KR(100));
	int64_t gap = llround(950000.0 - 50000.0 / 14.0);
	assert_int_equal(a.findings[1].value_gap, gap);
	assert_int_equal(a.findings[1].amount, llround(7.5 * (double)gap));
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_findings_period_in_days(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	run(&f, &a, D, D + 44); /* 45 days, not whole months */
	int k = -1;
	for (int i = 0; i < a.nfindings; i++)
		if (a.findings[i].type == AF_UNVISITED && a.findings[i].cat == CAT_2P)
			k = i;
	assert_true(k >= 0);
	char *t = analysis_finding_text(&a, &a.findings[k], LANG_EN);
	assert_string_equal(
	    t,
	    "Bo Ek: 100% of the Category 2 potential customers (1 of 1) had no visit in 45 days");
	free(t);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static const struct an_compare_row *find_row(const struct an_compare_row *r, size_t n,
                                             const char *key, int cat)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].key, key) && r[i].cat == cat)
			return &r[i];
	return NULL;
}

static void test_compare(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis b, af;
	make_company(&f);
	/* Before: January; after: February and March. */
	run(&f, &b, D, days_from_ymd(2025, 1, 31));
	run(&f, &af, days_from_ymd(2025, 2, 1), days_from_ymd(2025, 3, 31));
	size_t n = 0;
	struct an_compare_row *r = analysis_compare(&b, &af, &n);
	assert_true(n > 10);
	/* January: Anna's visits D+10 (C0), D+20..22 (C3) = 4; after: D+60 (C0), Bo D+50 (C3) = 2.
	 */
	const struct an_compare_row *x = find_row(r, n, "visits", -1);
	assert_non_null(x);
	assert_float_equal(x->before, 4, EPS);
	assert_float_equal(x->after, 2, EPS);
	x = find_row(r, n, "visit_share", CAT_3);
	assert_float_equal(x->before, 0.75, EPS);
	assert_float_equal(x->after, 0.5, EPS);
	/* Average order value: January orders 8000, 1000 -> 4 500; after: 2000,
	 * 4000 (C0) and 500 (C3) -> 2 166.67, rounded to the öre. */
	x = find_row(r, n, "avg_order_value", -1);
	assert_float_equal(x->before, (double)KR(4500), EPS);
	assert_float_equal(x->after, 216667, EPS);
	/* Value per visit hour: before 1000 + 2000 (30 days after D+10) and 500
	 * (29 days after D+22) over 1.5 + 3 h; after 16 000 + 500 over 1.5 + 2 h. */
	x = find_row(r, n, "value_per_visit_hour", -1);
	assert_float_equal(x->before, (double)KR(3500) / 4.5, 1e-6);
	assert_float_equal(x->after, (double)KR(16500) / 3.5, 1e-6);
	/* Customers contacted: January C0, C1, C3; after C0, C3. */
	x = find_row(r, n, "customers_contacted", -1);
	assert_float_equal(x->before, 3, EPS);
	assert_float_equal(x->after, 2, EPS);
	assert_string_equal(analysis_compare_label("value_per_visit_hour", LANG_SV),
	                    "Ordervärde per besökstimme");
	free(r);
	analysis_free(&b);
	analysis_free(&af);
	dataset_free(&f.ds);
}

static void test_uncontacted_list(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	size_t n = 0;
	/* C2 (2P), C4 (3), C5 (not categorized): in category order. */
	int32_t *v = analysis_uncontacted(&a, -1, NULL, &n);
	assert_int_equal(n, 3);
	assert_int_equal(v[0], 2);
	assert_int_equal(v[1], 4);
	assert_int_equal(v[2], 5);
	free(v);
	v = analysis_uncontacted(&a, CAT_3, NULL, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0], 4);
	free(v);
	v = analysis_uncontacted(&a, -1, "S1", &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0], 5);
	free(v);
	v = analysis_uncontacted(&a, CAT_1, NULL, &n);
	assert_int_equal(n, 0);
	assert_null(v);
	analysis_free(&a);
	dataset_free(&f.ds);
}

/* The element of array `key` whose fields match (NULL values skip). */
static json_t *element(json_t *root, const char *key, const char *seller, const char *cat,
                       const char *week)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(root, key), i, e)
	{
		json_t *s = json_object_get(e, "seller_id"), *c = json_object_get(e, "category"),
		       *w = json_object_get(e, "week");
		if (seller && (!json_is_string(s) || strcmp(json_string_value(s), seller)))
			continue;
		if (cat && (!json_is_string(c) || strcmp(json_string_value(c), cat)))
			continue;
		if (week && (!json_is_string(w) || strcmp(json_string_value(w), week)))
			continue;
		return e;
	}
	return NULL;
}

static double num_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	assert_non_null(v);
	return json_number_value(v);
}

static void test_json_fields(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	json_t *root = analysis_json(&a, 7, LANG_EN);
	/* Issue 4 §3: the arrays and their field names. */
	static const struct {
		const char *array;
		const char *fields[7];
	} want[] = {
	    {"visits", {"seller_id", "category", "visits", "hours", "km", NULL}},
	    {"contact_time", {"seller_id", "contact_hours", "working_hours", "share", NULL}},
	    {"order_value",
	     {"category", "orders", "avg_order_value", "visits", "attributed_orders",
	      "value_per_visit", NULL}},
	    {"uncontacted", {"category", "customers", NULL}},
	    {"bookings", {"seller_id", "week", "meetings", NULL}},
	    {"findings", {"text", "amount", NULL}},
	};
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		json_t *arr = json_object_get(root, want[k].array);
		assert_true(json_is_array(arr));
		assert_true(json_array_size(arr) > 0);
		for (int j = 0; want[k].fields[j]; j++)
			assert_non_null(json_object_get(json_array_get(arr, 0), want[k].fields[j]));
	}
	json_t *e = element(root, "visits", "S1", "3", NULL);
	assert_non_null(e);
	assert_float_equal(num_of(e, "visits"), 3, EPS);
	assert_float_equal(num_of(e, "hours"), 3, EPS);
	assert_float_equal(num_of(e, "km"), 60, EPS);
	e = element(root, "visits", "*", "3", NULL);
	assert_float_equal(num_of(e, "visits"), 4, EPS);
	e = element(root, "contact_time", "*", NULL, NULL);
	assert_float_equal(num_of(e, "contact_hours"), 5, EPS);
	assert_float_equal(num_of(e, "share"), round(5.0 / (2 * 1720.0 * 90 / 365) * 1e4) / 1e4,
	                   EPS);
	e = element(root, "order_value", NULL, "1", NULL);
	assert_float_equal(num_of(e, "avg_order_value"), 3750, EPS);
	assert_float_equal(num_of(e, "attributed_orders"), 3, EPS);
	assert_float_equal(num_of(e, "value_per_visit"), 9500, EPS);
	e = element(root, "uncontacted", NULL, "2P", NULL);
	assert_float_equal(num_of(e, "customers"), 1, EPS);
	e = element(root, "bookings", "S1", NULL, "2025-W03");
	assert_float_equal(num_of(e, "meetings"), 1, EPS);
	e = element(root, "bookings", "*", NULL, "2025-W03");
	assert_float_equal(num_of(e, "meetings"), 1, EPS);
	e = json_array_get(json_object_get(root, "findings"), 1);
	assert_float_equal(num_of(e, "amount"), 34687.5, EPS);
	assert_string_equal(
	    json_string_value(json_object_get(e, "text")),
	    "67% of the field visits went to Category 3, which holds 5% of revenue");
	json_t *act = json_object_get(root, "activities");
	assert_float_equal(num_of(act, "unknown_customer"), 2, EPS);
	assert_float_equal(num_of(act, "unknown_seller"), 2, EPS);
	assert_int_equal(json_integer_value(json_object_get(root, "snapshot_id")), 7);

	/* csv: the same figures, one a row. */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	analysis_csv_long(m, root);
	fclose(m);
	assert_non_null(strstr(buf, "section,seller_id,category,week,measure,value,text\n"));
	assert_non_null(strstr(buf, "\nvisits,S1,3,,hours,3,\n"));
	assert_non_null(strstr(buf, "\norder_value,,1,,avg_order_value,3750,\n"));
	assert_non_null(strstr(buf, "\nbookings,S1,,2025-W03,meetings,1,\n"));
	assert_non_null(strstr(buf, "\nfindings,,3,,amount,34687.5,\"67% of the field visits went "
	                            "to Category 3, which holds 5% of revenue\"\n"));
	free(buf);
	json_decref(root);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_text_swedish(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	analysis_text_print(m, &a, 7, LANG_SV);
	fclose(m);
	assert_non_null(strstr(buf, "Aktivitetsanalys 2025-01-01 – 2025-03-31"));
	assert_non_null(strstr(buf, "67 % av fältbesöken gick till Kategori 3"));
	assert_non_null(strstr(buf, "på spel 34 688 kr")); /* 34 687,50 rounded */
	assert_non_null(strstr(buf, "3 750 kr"));          /* average order, category 1 */
	assert_non_null(strstr(buf, "9 500 kr"));          /* per visit, category 1 */
	assert_non_null(strstr(buf, "11 aktiviteter under perioden, 8 används"));
	assert_non_null(strstr(buf, "FLAGGA"));
	free(buf);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_html_escapes(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	make_company(&f);
	free(f.ds.sellers[0].name);
	f.ds.sellers[0].name = xstrdup("<script>alert(1)</script>");
	run(&f, &a, D, days_from_ymd(2025, 3, 31));
	char *h = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&h, &len);
	analysis_html_page(m, &a, 7, LANG_SV);
	fclose(m);
	assert_null(strstr(h, "<script>alert"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(h, "<section id=\"analysis\">"));
	assert_non_null(strstr(h, "Kategori 2 potential"));
	assert_non_null(strstr(h, "34 688 kr"));
	assert_non_null(strstr(h, "</html>"));
	free(h);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_xlsx_written(void **state)
{
	(void)state;
	struct fixture f;
	struct analysis a;
	run_company(&f, &a);
	json_t *root = analysis_json(&a, 7, LANG_SV);
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-analysis-XXXXXX", tu_tmp());
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char *cause = NULL;
	assert_int_equal(analysis_xlsx_write(path, root, LANG_SV, &cause), 0);
	FILE *x = fopen(path, "rb");
	assert_non_null(x);
	char magic[4] = {0};
	assert_int_equal(fread(magic, 1, 4, x), 4);
	fclose(x);
	assert_memory_equal(magic, "PK\x03\x04", 4);
	unlink(path);
	assert_int_equal(analysis_xlsx_write("/nonexistent-dir/x.xlsx", root, LANG_SV, &cause), -1);
	assert_non_null(cause);
	free(cause);
	json_decref(root);
	analysis_free(&a);
	dataset_free(&f.ds);
}

static void test_report_from_workspace(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-analysis-db-XXXXXX", tu_tmp());
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct cmd_ctx ctx = {.db_path = path, .lang = LANG_EN};
	char *cause = NULL;
	assert_int_equal(db_open(path, &ctx.db, &cause), 0);
	const struct command me = {.name = "test"};
	/* No snapshot yet: a data error, nothing written. */
	assert_int_equal(cmd_analyze_report(&ctx, &me, NULL, NULL, LANG_EN), EXIT_DATA);
	/* Customers 1..3 (store ids 10, 20, 30); the snapshot has C1 (1, potential
	 * unknown) and C3 (3); C2 came later. Ann visits C1 twice and C3 three
	 * times in January 2025; her visit to C2 counts as "not categorized". */
	const char *sql =
	    "INSERT INTO batches(id, kind, file, created_at) VALUES (1, 'activities', 'a.csv', "
	    "'x');"
	    "INSERT INTO sellers(seller_id, name, hours_per_year) VALUES ('S1', 'Ann', 1720);"
	    "INSERT INTO customers(id, customer_id, name, seller_id) VALUES (10, 'C1', 'One', "
	    "'S1'),"
	    " (20, 'C2', 'Two', 'S1'), (30, 'C3', 'Three', NULL);"
	    "INSERT INTO activities(batch_id, customer, seller_id, day, type, duration_min, "
	    "travel_min, km) VALUES"
	    " (1, 10, 'S1', 20100, 'visit', 60, 0, 5), (1, 10, 'S1', 20110, 'visit', 60, 0, 5),"
	    " (1, 30, 'S1', 20105, 'visit', 30, 30, 7), (1, 30, 'S1', 20107, 'visit', 30, 30, 7),"
	    " (1, 30, 'S1', 20108, 'visit', 30, 30, 7), (1, 20, 'S1', 20106, 'visit', 30, 0, 1);"
	    "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params)"
	    " VALUES (1, 'x', 20110, 12, 'amount', 'pareto', '{}');"
	    "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, "
	    "potential,"
	    " potential_source, revenue_high, potential_high, computed_category, category) VALUES"
	    " (1, 10, 90000000, 'orders', 0, 'unknown', 1, 1, '1', '1'),"
	    " (1, 30, 10000000, 'orders', 500000, 'given', 0, 0, '3', '3');";
	assert_int_equal(sqlite3_exec(ctx.db, sql, NULL, NULL, NULL), SQLITE_OK);
	char *html = NULL, *lines = NULL;
	size_t hl = 0, ll = 0;
	FILE *h = open_memstream(&html, &hl), *l = open_memstream(&lines, &ll);
	assert_int_equal(cmd_analyze_report(&ctx, &me, h, l, LANG_EN), EXIT_OK);
	fclose(h);
	fclose(l);
	/* Category 3 (C3) holds 100 000 of 1 000 000 kr = 10 % of revenue and gets 3
	 * of 6 visits: the skew finding (no orders, so nothing at stake). */
	assert_non_null(strstr(lines, "  1. 50% of the field visits went to Category 3, which "
	                              "holds 10% of revenue — at stake 0\n"));
	assert_non_null(strstr(html, "<section id=\"analysis\">"));
	assert_non_null(strstr(html, "Not categorized"));
	assert_null(strstr(html, "<html")); /* a section, not a page */
	free(html);
	free(lines);
	db_close(ctx.db);
	db_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_visits_hours_km),
	    cmocka_unit_test(test_cat3_limit_is_strict),
	    cmocka_unit_test(test_contact_time),
	    cmocka_unit_test(test_inactive_seller_has_no_working_time),
	    cmocka_unit_test(test_order_value_and_attribution),
	    cmocka_unit_test(test_attribution_window_option),
	    cmocka_unit_test(test_uncontacted),
	    cmocka_unit_test(test_honesty_counts),
	    cmocka_unit_test(test_default_period),
	    cmocka_unit_test(test_bad_params),
	    cmocka_unit_test(test_iso_weeks_across_year),
	    cmocka_unit_test(test_partial_weeks),
	    cmocka_unit_test(test_best_week_detection),
	    cmocka_unit_test(test_findings),
	    cmocka_unit_test(test_findings_variety),
	    cmocka_unit_test(test_findings_period_in_days),
	    cmocka_unit_test(test_compare),
	    cmocka_unit_test(test_uncontacted_list),
	    cmocka_unit_test(test_json_fields),
	    cmocka_unit_test(test_text_swedish),
	    cmocka_unit_test(test_html_escapes),
	    cmocka_unit_test(test_xlsx_written),
	    cmocka_unit_test(test_report_from_workspace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
