/* test-adherence.c — covers src/core/planned.c (a customer's plan from the
 * policy), src/core/adherence.c (planned and done per seller and week,
 * overdue customers, drift, the default period) and src/core/pulse.c
 * (booking frequency with "best in N weeks", ISO week names, counting
 * category moves), and the renderers src/render/adherence.c (csv, json)
 * and src/render/pulse.c (json, subject). Every expected number is worked
 * out by hand in the comments. */
#include "testutil.h"

#include "core/adherence.h"
#include "core/planned.h"
#include "core/policy.h"
#include "core/pulse.h"
#include "render/adherence.h"
#include "render/pulse.h"
#include "util/days.h"
#include "util/xmalloc.h"

#include <math.h>

#define EPS 1e-9

/* Two sellers: 0 Anna (farmer), 1 Bo (service). Customers (category,
 * owner): C0 1 Anna, C1 2R Anna, C2 3 Bo, C3 3 Anna, C4 2P nobody, C5 not
 * categorized, Anna. Default policy: 1 = 10 visits + 12 calls, 2R = 4 + 4,
 * 2P = 6 + 6, 3 = 1 call + 4 newsletters. Period: Monday 2026-11-02 to
 * Sunday 2026-11-15, two weeks. */
struct fx {
	struct dataset ds;
	int8_t cat[6];
	struct planned_contact pc[6];
	size_t nact;
};

static int32_t D; /* 2026-11-02 */

static void act(struct fx *f, int32_t cust, int32_t seller, int32_t day, int type)
{
	f->ds.activities[f->nact++] = (struct activity){
	    .cust = cust, .seller = seller, .day = day, .minute = -1, .type = (uint8_t)type};
	f->ds.nactivities = f->nact;
}

static void setup(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	D = days_from_ymd(2026, 11, 2);
	static const char *const ids[] = {"S1", "S2"}, *const names[] = {"Anna", "Bo"};
	f->ds.nsellers = 2;
	f->ds.sellers = xcalloc(2, sizeof(struct seller));
	for (int i = 0; i < 2; i++) {
		f->ds.sellers[i].id = xstrdup(ids[i]);
		f->ds.sellers[i].name = xstrdup(names[i]);
	}
	f->ds.sellers[0].role = ROLE_FARMER;
	f->ds.sellers[1].role = ROLE_SERVICE;
	static const int8_t cats[6] = {CAT_1, CAT_2R, CAT_3, CAT_3, CAT_2P, CAT_NONE};
	static const int32_t owner[6] = {0, 0, 1, 0, -1, 0};
	f->ds.ncustomers = 6;
	f->ds.customers = xcalloc(6, sizeof(struct customer));
	for (int i = 0; i < 6; i++) {
		char id[16];
		snprintf(id, sizeof(id), "C%d", i);
		f->ds.customers[i].id = xstrdup(id);
		f->ds.customers[i].seller = owner[i];
		f->cat[i] = cats[i];
	}
	f->ds.activities = xcalloc(16, sizeof(struct activity));
	act(f, 1, 0, days_from_ymd(2026, 10, 1), ACT_VISIT); /* before the period */
	act(f, 0, 0, D + 1, ACT_VISIT);                      /* week 0: Anna, category 1 */
	act(f, 3, 0, D + 2, ACT_VISIT);                      /* week 0: Anna, category 3 */
	act(f, 5, 0, D + 3, ACT_VISIT);                      /* week 0: Anna, not categorized */
	act(f, 2, 1, D + 7, ACT_NEWSLETTER);                 /* week 1: Bo */
	act(f, 3, 0, D + 8, ACT_VISIT);                      /* week 1: Anna, category 3 */
	act(f, 3, 0, D + 9, ACT_VISIT);                      /* week 1: Anna, category 3 */
	act(f, 1, 0, D + 10, ACT_PHONE);                     /* week 1: Anna calls C1 */
	act(f, 0, -1, D + 10, ACT_VISIT);                    /* unknown seller: not counted */
	struct policy pol;
	policy_default(&pol);
	planned_from_policy(&f->ds, f->cat, &pol, f->pc);
}

static void teardown(struct fx *f)
{
	dataset_free(&f->ds);
}

static void test_planned(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	assert_int_equal(f.pc[0].owner, 0);
	assert_int_equal(f.pc[0].channel, CH_VISIT);
	assert_true(fabs(f.pc[0].per_year[CH_VISIT] - 10) < EPS);
	assert_true(fabs(planned_contacts_per_year(&f.pc[0]) - 22) < EPS);
	assert_int_equal(f.pc[2].channel, CH_PHONE);
	assert_true(fabs(f.pc[2].per_year[CH_NEWSLETTER] - 4) < EPS);
	assert_int_equal(f.pc[5].channel, -1);
	assert_true(fabs(planned_contacts_per_year(&f.pc[5])) < EPS);
	teardown(&f);
}

static void test_weeks(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	struct adherence a;
	char *cause = NULL;
	assert_int_equal(adherence_compute(&f.ds, f.pc, D, D + 13, &a, &cause), 0);
	assert_int_equal(a.nweeks, 2);
	assert_int_equal(a.week0, D);
	assert_int_equal(a.drift_weeks, 1);
	const struct adh_seller *anna = &a.sellers[0], *bo = &a.sellers[1];
	/* Anna's plan in a week: visits 10 x 7/365 (cat 1) and 4 x 7/365 (2R);
	 * calls (12 + 4 + 1) x 7/365; newsletters 4 x 7/365 (C3). */
	assert_true(fabs(anna->week[0].planned[ADH_VISITS + CAT_1] - 10.0 * 7 / 365) < EPS);
	assert_true(fabs(anna->week[1].planned[ADH_VISITS + CAT_2R] - 4.0 * 7 / 365) < EPS);
	assert_true(fabs(anna->week[0].planned[ADH_CALLS] - 17.0 * 7 / 365) < EPS);
	assert_true(fabs(anna->week[0].planned[ADH_NEWSLETTERS] - 4.0 * 7 / 365) < EPS);
	assert_true(fabs(anna->week[0].planned[ADH_VISITS + CAT_3]) < EPS);
	assert_true(fabs(adh_planned_visits(&anna->total) - 14.0 * 14 / 365) < EPS);
	/* done */
	assert_int_equal(anna->week[0].done[ADH_VISITS + CAT_1], 1);
	assert_int_equal(anna->week[0].done[ADH_VISITS + CAT_3], 1);
	assert_int_equal(anna->week[0].done[ADH_VISITS_NONE], 1);
	assert_int_equal(anna->week[1].done[ADH_VISITS + CAT_3], 2);
	assert_int_equal(anna->week[1].done[ADH_CALLS], 1);
	assert_int_equal(adh_done_visits(&anna->total), 5);
	assert_int_equal(bo->total.done[ADH_NEWSLETTERS], 1);
	assert_int_equal(a.team.total.done[ADH_NEWSLETTERS], 1);
	assert_int_equal(adh_done_visits(&a.team.total), 5); /* the unknown seller's visit is not */
	assert_int_equal(a.activities_used, 7);
	/* the team's plan is the sellers' together; C4 has no owner */
	assert_true(fabs(a.team.total.planned[ADH_VISITS + CAT_2P]) < EPS);
	assert_int_equal(anna->customers[CAT_1], 1);
	assert_int_equal(anna->customers[CAT_3], 1);
	assert_int_equal(a.team.customers[CAT_3], 2);
	/* a partial week counts only its days in the period */
	struct adherence b;
	assert_int_equal(adherence_compute(&f.ds, f.pc, D + 3, D + 8, &b, &cause), 0);
	assert_int_equal(b.nweeks, 2);
	assert_true(fabs(b.sellers[0].week[0].planned[ADH_VISITS + CAT_1] - 10.0 * 4 / 365) < EPS);
	assert_true(fabs(b.sellers[0].week[1].planned[ADH_VISITS + CAT_1] - 10.0 * 2 / 365) < EPS);
	adherence_free(&b);
	assert_int_equal(adherence_compute(&f.ds, f.pc, D + 5, D, &b, &cause), -1);
	free(cause);
	adherence_free(&a);
	teardown(&f);
}

static void test_overdue_and_drift(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	struct adherence a;
	char *cause = NULL;
	assert_int_equal(adherence_compute(&f.ds, f.pc, D, D + 13, &a, &cause), 0);
	/* C0: last contact D+1, 22 a year: due D+1+17 = D+18, not before D+13.
	 * C1: called D+10, due D+10+46. C3: visited D+9, due a year later.
	 * C2 (Bo, 1 call a year) and C4 (nobody's) were never contacted: due
	 * at the period's start D, 13 days before its end. */
	assert_int_equal(a.noverdue, 2);
	assert_int_equal(a.overdue[0].cust, 2);
	assert_int_equal(a.overdue[0].days, 13);
	assert_int_equal(a.overdue[0].last, DAYS_NONE);
	assert_int_equal(a.overdue[1].cust, 4);
	assert_int_equal(a.sellers[0].overdue[CAT_1] + a.sellers[0].overdue[CAT_3], 0);
	assert_int_equal(a.sellers[1].overdue[CAT_3], 1);
	assert_int_equal(a.team.overdue[CAT_3], 1);
	assert_int_equal(a.team.overdue[CAT_2P], 1);
	assert_int_equal(a.team.overdue_visits[CAT_2P], 1);
	/* C1's last visit D-32 + 365/4 = 91 days: not due; C0 D+1 + 37 */
	assert_int_equal(a.sellers[0].overdue_visits[CAT_2R], 0);
	assert_int_equal(a.sellers[1].never_contacted, 1);
	assert_int_equal(a.team.never_contacted, 2);
	/* Drift, one week at each end: Anna 1 of 3 visits to category 3, then
	 * 2 of 2; the plan gives category 3 no visits. */
	assert_true(fabs(a.sellers[0].cat3_first - 1.0 / 3) < EPS);
	assert_true(fabs(a.sellers[0].cat3_last - 1.0) < EPS);
	assert_true(a.sellers[0].drift);
	assert_false(a.sellers[1].drift);
	assert_true(a.team.drift);
	/* the list of one owner, with another reference day */
	struct adh_overdue *o = NULL;
	size_t n = adherence_overdue(&f.ds, f.pc, D + 13, D + 13, D + 14, 1, &o);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].cust, 2);
	assert_int_equal(o[0].days, 1);
	free(o);
	adherence_free(&a);
	teardown(&f);
}

static void test_default_period(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	int32_t from = DAYS_NONE, to = DAYS_NONE;
	/* no plan applied: to = the latest activity D+10, from the Monday 11 weeks before */
	adherence_default_period(&f.ds, DAYS_NONE, D + 30, &from, &to);
	assert_int_equal(to, D + 10);
	assert_int_equal(from, D + 7 - 77);
	from = to = DAYS_NONE;
	adherence_default_period(&f.ds, D + 3, D + 30, &from, &to);
	assert_int_equal(from, D);
	assert_int_equal(to, D + 10);
	from = to = DAYS_NONE;
	adherence_default_period(&f.ds, D + 20, D + 30, &from, &to);
	assert_int_equal(to, D + 20);
	assert_int_equal(from, D + 14);
	teardown(&f);
}

static void test_render(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	struct adherence a;
	char *cause = NULL;
	assert_int_equal(adherence_compute(&f.ds, f.pc, D, D + 13, &a, &cause), 0);
	struct adherence_view v = {.a = &a, .ds = &f.ds, .pc = f.pc, .applied = D, .only = -1};
	json_t *j = adherence_json(&v, 10);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "period"), "plan_applied")),
	    "2026-11-02");
	json_t *team = json_object_get(j, "team");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(team, "done"), "visits_3")), 3);
	assert_int_equal(json_array_size(json_object_get(team, "weeks")), 2);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(team, "weeks"), 1), "week")),
	                    "2026-W46");
	assert_true(json_is_true(json_object_get(json_object_get(team, "drift"), "flag")));
	assert_int_equal(json_integer_value(json_object_get(j, "overdue_total")), 2);
	json_decref(j);
	v.only = 1; /* Bo's own view: no team, only his customer */
	j = adherence_json(&v, 10);
	assert_true(json_is_null(json_object_get(j, "team")));
	assert_int_equal(json_array_size(json_object_get(j, "sellers")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "overdue_total")), 1);
	json_decref(j);
	v.only = -1;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	adherence_csv(m, &v);
	fclose(m);
	assert_non_null(strstr(buf, "seller_id,week,measure,planned,done\n"));
	assert_non_null(strstr(buf, "S1,2026-W45,visits_3,0.00,1\n"));
	assert_non_null(strstr(buf, "S2,,overdue_3,1.00,1\n"));
	free(buf);
	adherence_free(&a);
	teardown(&f);
}

/* --- pulse ---------------------------------------------------------------- */

static void test_weeks_parse(void **state)
{
	(void)state;
	int32_t m;
	assert_int_equal(pulse_parse_week("2026-W49", &m), 0);
	assert_int_equal(m, days_from_ymd(2026, 11, 30));
	assert_int_equal(pulse_parse_week("2026w1", &m), 0);
	assert_int_equal(m, days_from_ymd(2025, 12, 29));
	assert_int_equal(pulse_parse_week("2020-W53", &m), 0);
	assert_int_equal(m, days_from_ymd(2020, 12, 28));
	assert_int_equal(pulse_parse_week("2021-W53", &m), -1);
	assert_int_equal(pulse_parse_week("2026-W0", &m), -1);
	assert_int_equal(pulse_parse_week("2026-12-01", &m), -1);
	assert_int_equal(pulse_parse_week("", &m), -1);
}

static void test_bookings(void **state)
{
	(void)state;
	struct dataset ds = {0};
	static const char *const ids[] = {"A", "B", "C"};
	ds.nsellers = 3;
	ds.sellers = xcalloc(3, sizeof(struct seller));
	for (int i = 0; i < 3; i++)
		ds.sellers[i].id = xstrdup(ids[i]);
	ds.activities = xcalloc(64, sizeof(struct activity));
	int32_t w0 = days_from_ymd(2026, 10, 26); /* a Monday: week 0 of six */
	/* A books 5, 0, 1, 1, 2, 3 in weeks 0..5; B 0, 0, 0, 0, 1, 2 (in weeks
	 * 3..5: 0, 1, 2); C 0, 0, 0, 0, 3, 3. */
	static const int a[6] = {5, 0, 1, 1, 2, 3}, b[6] = {0, 0, 0, 0, 1, 2},
	                 c[6] = {0, 0, 0, 0, 3, 3};
	for (int w = 0; w < 6; w++) {
		for (int k = 0; k < a[w]; k++)
			ds.activities[ds.nactivities++] = (struct activity){
			    -1, 0, w0 + 7 * w + k, -1, ACT_MEETING_BOOKED, 0, 0, 0};
		for (int k = 0; k < b[w]; k++)
			ds.activities[ds.nactivities++] = (struct activity){
			    -1, 1, w0 + 7 * w + 2, -1, ACT_MEETING_BOOKED, 0, 0, 0};
		for (int k = 0; k < c[w]; k++)
			ds.activities[ds.nactivities++] = (struct activity){
			    -1, 2, w0 + 7 * w + 4, -1, ACT_MEETING_BOOKED, 0, 0, 0};
	}
	ds.activities[ds.nactivities++] =
	    (struct activity){-1, -1, w0 + 36, -1, ACT_MEETING_BOOKED, 0, 0, 0};
	struct pulse_bookings out[3], team;
	int nw = pulse_bookings(&ds, w0 + 35, out, &team);
	assert_int_equal(nw, 6);
	/* A: 3 beats 2, 1, 1, 0 but not 5: the best in 5 weeks; average of the
	 * five weeks before: 9 / 5 */
	assert_int_equal(out[0].week, 3);
	assert_int_equal(out[0].best_in, 5);
	assert_false(out[0].best_of_history);
	assert_true(fabs(out[0].avg - 1.8) < EPS);
	assert_int_equal(out[0].spark[PULSE_SPARK - 1], 3);
	assert_int_equal(out[0].spark[PULSE_SPARK - 6], 5);
	assert_int_equal(out[0].spark[0], 0);
	/* B: 2 beats every week before it: the best of all 6 */
	assert_int_equal(out[1].best_in, 6);
	assert_true(out[1].best_of_history);
	/* C: 3 does not beat the 3 before it */
	assert_int_equal(out[2].best_in, 0);
	/* the team: 8 this week (the unknown seller's booking is not counted),
	 * 6 the week before, 5 at the start */
	assert_int_equal(team.week, 8);
	assert_int_equal(team.best_in, 6);
	/* no bookings this week: never a record */
	nw = pulse_bookings(&ds, w0 + 42, out, &team);
	assert_int_equal(nw, 7);
	assert_int_equal(team.week, 0);
	assert_int_equal(team.best_in, 0);
	dataset_free(&ds);
}

static void test_moves(void **state)
{
	(void)state;
	struct pulse_moves m = {0};
	m.m.moves[CAT_3][CAT_1] = 2;   /* up */
	m.m.moves[CAT_1][CAT_2R] = 1;  /* down */
	m.m.moves[CAT_2R][CAT_2P] = 4; /* lateral */
	m.m.moves[CAT_2P][CAT_3] = 1;  /* down */
	m.m.moves[CAT_1][CAT_1] = 9;   /* stayed */
	pulse_moves_count(&m);
	assert_int_equal(m.up, 2);
	assert_int_equal(m.down, 2);
	assert_int_equal(m.lateral, 4);
}

static void test_pulse_render(void **state)
{
	(void)state;
	struct fx f;
	setup(&f);
	for (int k = 0; k < 3; k++)
		act(&f, 0, 0, D + 7 + k, ACT_MEETING_BOOKED);
	struct pulse_report r = {.week = D + 7, .only = -1, .ds = &f.ds, .pc = f.pc};
	r.book = xcalloc(2, sizeof(*r.book));
	r.history_weeks = pulse_bookings(&f.ds, r.week, r.book, &r.team);
	char *cause = NULL;
	assert_int_equal(adherence_compute(&f.ds, f.pc, r.week, r.week + 6, &r.adh, &cause), 0);
	r.findings[0].text[LANG_EN] = xstrdup("Anna: <b>too many</b> visits to category 3");
	r.findings[0].text[LANG_SV] = xstrdup("Anna: för många besök i kategori 3");
	r.findings[0].amount = 123456;
	r.findings[0].seller = 0;
	r.nfindings = 1;
	char *subj = pulse_subject(&r, LANG_SV);
	/* the history starts with the first activity's week (2026-W40): 7 weeks */
	assert_string_equal(subj, "Veckopuls 2026-W46: 3 bokade möten, bästa av alla 7 veckor");
	free(subj);
	subj = pulse_subject(&r, LANG_EN);
	assert_string_equal(subj,
	                    "Weekly pulse 2026-W46: 3 meetings booked, the best of all 7 weeks");
	free(subj);
	struct strbuf h = STRBUF_INIT;
	pulse_html(&h, &r, LANG_EN);
	assert_non_null(strstr(strbuf_cstr(&h), "&lt;b&gt;too many&lt;/b&gt;"));
	assert_null(strstr(strbuf_cstr(&h), "<script"));
	strbuf_free(&h);
	json_t *j = pulse_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "week")), "2026-W46");
	json_t *b0 = json_array_get(json_object_get(j, "bookings"), 0);
	assert_string_equal(json_string_value(json_object_get(b0, "seller_id")), "*");
	assert_int_equal(json_integer_value(json_object_get(b0, "meetings")), 3);
	assert_true(json_is_null(json_object_get(j, "movements")));
	assert_true(fabs(json_real_value(json_object_get(
	                     json_array_get(json_object_get(j, "findings"), 0), "amount")) -
	                 1234.56) < 1e-9);
	json_decref(j);
	pulse_report_free(&r);
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_planned),
	    cmocka_unit_test(test_weeks),
	    cmocka_unit_test(test_overdue_and_drift),
	    cmocka_unit_test(test_default_period),
	    cmocka_unit_test(test_render),
	    cmocka_unit_test(test_weeks_parse),
	    cmocka_unit_test(test_bookings),
	    cmocka_unit_test(test_moves),
	    cmocka_unit_test(test_pulse_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
