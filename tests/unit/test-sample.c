/* test-sample.c — covers src/core/sample.c and src/core/sample-text.c: the
 * sample company's parameters and period, determinism (same seed, same rows;
 * another seed, other rows), and its shape: roles, the 20/80 revenue skew,
 * the average order, potential given for about half, real postal codes,
 * about 17 % of working hours on customer contact, field visits skewed to
 * small old friends, many small customers never contacted, newsletters to
 * category 3, travel consistent with the distance from the seller's home. */
#include "testutil.h"

#include <math.h>

#include "core/dataset.h"
#include "core/sample.h"
#include "util/days.h"
#include "util/geo.h"
#include "util/xmalloc.h"

/* --- a sink that hashes every field of every row, in order --------------- */

struct hsink {
	uint64_t h;
	long sellers, customers, orders, activities;
	int64_t last_order_id;
	int32_t last_order_day, last_act_day;
	int unordered;
};

static void mix(struct hsink *s, const void *p, size_t n)
{
	const unsigned char *u = p;
	for (size_t i = 0; i < n; i++)
		s->h = (s->h ^ u[i]) * 1099511628211ULL;
}

static void mixs(struct hsink *s, const char *str)
{
	mix(s, str ? str : "\1", str ? strlen(str) + 1 : 1);
}

static void h_seller(void *ctx, const struct sample_seller *x)
{
	struct hsink *s = ctx;
	mixs(s, x->id);
	mixs(s, x->name);
	mixs(s, x->email);
	mixs(s, x->home_postal_code);
	mix(s, &x->home_lat, sizeof(double));
	mix(s, &x->role, sizeof(x->role));
	s->sellers++;
}

static void h_customer(void *ctx, const struct sample_customer *x)
{
	struct hsink *s = ctx;
	const char *f[] = {x->id,   x->name,     x->org_number, x->address, x->postal_code,
	                   x->city, x->industry, x->email,      x->phone,   x->seller_id};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		mixs(s, f[i]);
	mix(s, &x->lat, sizeof(double));
	mix(s, &x->lon, sizeof(double));
	mix(s, &x->potential, sizeof(int64_t));
	mix(s, &x->wallet, sizeof(int64_t));
	mix(s, &x->employees, sizeof(int64_t));
	mix(s, &x->open_min, sizeof(int32_t));
	s->customers++;
}

static void h_order(void *ctx, const struct sample_order *x)
{
	struct hsink *s = ctx;
	mix(s, &x->order_id, sizeof(int64_t));
	mixs(s, x->customer_id);
	mix(s, &x->day, sizeof(int32_t));
	mix(s, &x->amount, sizeof(int64_t));
	mix(s, &x->margin, sizeof(int64_t));
	mixs(s, x->seller_id);
	if (x->order_id <= s->last_order_id || x->day < s->last_order_day)
		s->unordered++;
	s->last_order_id = x->order_id;
	s->last_order_day = x->day;
	s->orders++;
}

static void h_activity(void *ctx, const struct sample_activity *x)
{
	struct hsink *s = ctx;
	mix(s, &x->day, sizeof(int32_t));
	mixs(s, x->seller_id);
	mixs(s, x->customer_id);
	mix(s, &x->type, sizeof(x->type));
	mix(s, &x->duration_min, sizeof(int));
	mix(s, &x->travel_min, sizeof(int));
	mix(s, &x->km, sizeof(double));
	if (x->day < s->last_act_day)
		s->unordered++;
	s->last_act_day = x->day;
	s->activities++;
}

static struct hsink run_hash(int customers, int sellers, int months, uint64_t seed)
{
	struct hsink s = {
	    .h = 1469598103934665603ULL, .last_order_day = INT32_MIN, .last_act_day = INT32_MIN};
	struct sample_sink sink = {&s, h_seller, h_customer, h_order, h_activity};
	struct sample_params p = {customers, sellers, months, seed};
	char *cause = NULL;
	assert_int_equal(sample_generate(&p, &sink, &cause), 0);
	assert_null(cause);
	return s;
}

static void test_period_and_params(void **state)
{
	(void)state;
	char b[11];
	assert_string_equal(days_iso(sample_last_day(), b), "2026-10-31");
	assert_string_equal(days_iso(sample_first_day(24), b), "2024-11-01");
	assert_string_equal(days_iso(sample_first_day(1), b), "2026-10-01");
	static const struct sample_params bad[] = {
	    {0, 12, 24, 1},
	    {7000, 0, 24, 1},
	    {7000, 12, 0, 1},
	    {7000, 12, 121, 1},
	    {SAMPLE_MAX_CUSTOMERS + 1, 12, 24, 1},
	    {7000, SAMPLE_MAX_SELLERS + 1, 24, 1},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *cause = NULL;
		struct sample_sink sink = {0};
		assert_int_equal(sample_generate(&bad[i], &sink, &cause), -1);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "must be between"));
		free(cause);
	}
}

static void test_deterministic(void **state)
{
	(void)state;
	struct hsink a = run_hash(1500, 12, 24, 1), b = run_hash(1500, 12, 24, 1);
	assert_true(a.h == b.h);
	assert_int_equal(a.orders, b.orders);
	assert_int_equal(a.activities, b.activities);
	assert_int_equal(a.unordered, 0);
	struct hsink c = run_hash(1500, 12, 24, 2);
	assert_true(c.h != a.h);
	assert_int_equal(c.customers, 1500);
	/* Tiny and odd shapes work: one seller (a farmer), one customer, one month. */
	struct hsink d = run_hash(1, 1, 1, 7);
	assert_int_equal(d.customers, 1);
	assert_int_equal(d.sellers, 1);
	assert_int_equal(d.unordered, 0);
	struct hsink e = run_hash(300, 40, 3, 7); /* more sellers than home towns */
	assert_int_equal(e.sellers, 40);
	assert_int_equal(e.unordered, 0);
}

/* --- the shape of the default company ------------------------------------ */

static struct dataset ds;
static int32_t first_day, last_day;

static int setup_default(void **state)
{
	(void)state;
	struct sample_params p = {SAMPLE_CUSTOMERS, SAMPLE_SELLERS, SAMPLE_MONTHS, SAMPLE_SEED};
	char *cause = NULL;
	memset(&ds, 0, sizeof(ds));
	if (sample_dataset(&p, &ds, &cause) != 0)
		return -1;
	first_day = sample_first_day(SAMPLE_MONTHS);
	last_day = sample_last_day();
	return 0;
}

static int teardown_default(void **state)
{
	(void)state;
	dataset_free(&ds);
	return 0;
}

/* The intended categories and old friends, from a second pass over the
 * customers (the dataset does not carry them). */
static enum category *truth;
static bool *friend_flag, *loc_given;

static void t_customer(void *ctx, const struct sample_customer *c)
{
	(void)ctx;
	truth[c->index] = c->truth;
	friend_flag[c->index] = c->old_friend;
	loc_given[c->index] = c->has_loc;
}

static void load_truth(void)
{
	if (truth)
		return;
	truth = xcalloc(ds.ncustomers, sizeof(*truth));
	friend_flag = xcalloc(ds.ncustomers, sizeof(*friend_flag));
	loc_given = xcalloc(ds.ncustomers, sizeof(*loc_given));
	struct sample_params p = {SAMPLE_CUSTOMERS, SAMPLE_SELLERS, SAMPLE_MONTHS, SAMPLE_SEED};
	struct sample_sink sink = {.customer = t_customer};
	char *cause = NULL;
	assert_int_equal(sample_generate(&p, &sink, &cause), 0);
}

static void test_sellers(void **state)
{
	(void)state;
	assert_int_equal(ds.nsellers, 12);
	int roles[ROLE_COUNT] = {0};
	for (size_t i = 0; i < ds.nsellers; i++) {
		const struct seller *s = &ds.sellers[i];
		roles[s->role]++;
		assert_true(s->hours_per_year == 1720);
		double lat, lon;
		assert_int_equal(geo_postcode_lookup(s->home_postal_code, &lat, &lon), 0);
		assert_true(lat == s->home_lat && lon == s->home_lon);
		assert_non_null(strstr(s->email, "@exempelgrossisten.example"));
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(ds.sellers[k].id, s->id);
	}
	assert_int_equal(roles[ROLE_FARMER], 7);
	assert_int_equal(roles[ROLE_HUNTER], 3);
	assert_int_equal(roles[ROLE_SERVICE], 2);
	assert_string_equal(ds.sellers[0].id, "S01");
	assert_string_equal(ds.sellers[11].id, "S12");
}

static int cmp_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x > y ? -1 : x < y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int luhn_ok(const char *org)
{
	char d[11];
	int n = 0;
	for (; *org; org++)
		if (*org >= '0' && *org <= '9')
			d[n++] = *org;
	if (n != 10)
		return 0;
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		int v = (d[i] - '0') * (i % 2 ? 1 : 2);
		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

static void test_customers(void **state)
{
	(void)state;
	assert_int_equal(ds.ncustomers, 7000);
	int pot = 0, wal = 0, neither = 0, nodist = 0, owners = 0, hours = 0;
	for (size_t i = 0; i < ds.ncustomers; i++) {
		const struct customer *c = &ds.customers[i];
		pot += c->has_potential;
		wal += c->has_wallet && !c->has_potential;
		neither += !c->has_potential && !c->has_wallet;
		owners += c->seller >= 0;
		hours += c->open_min >= 0;
		if (c->open_min >= 0)
			assert_true(c->close_min > c->open_min);
		/* A real postal code, and the customer within 3 km of its point. */
		double lat, lon;
		if (geo_postcode_lookup(c->postal_code, &lat, &lon) != 0)
			fail_msg("customer %s: unknown postal code %s", c->id, c->postal_code);
		if (geo_km(lat, lon, c->lat, c->lon) > 3.0)
			nodist++;
		if (!luhn_ok(c->org_number))
			fail_msg("org number %s fails the check digit", c->org_number);
		assert_true(strlen(c->industry) > 2 && c->industry[1] == ' ');
		if (c->email)
			assert_non_null(strstr(c->email, ".example"));
	}
	assert_int_equal(nodist, 0);
	/* Potential for about half, a wallet only for some, nothing for some. */
	assert_true(pot > 3150 && pot < 4060);
	assert_true(wal > 1000);
	assert_true(neither > 1000);
	assert_true(owners > 6300 && owners < 7000); /* some customers have no owner */
	assert_true(hours > 1500 && hours < 3500);
	/* Names and org numbers are distinct across the register. */
	const char **v = xcalloc(ds.ncustomers, sizeof(char *));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < ds.ncustomers; i++)
			v[i] = pass ? ds.customers[i].org_number : ds.customers[i].name;
		qsort(v, ds.ncustomers, sizeof(char *), cmp_str);
		for (size_t i = 1; i < ds.ncustomers; i++)
			if (!strcmp(v[i - 1], v[i]))
				fail_msg("\"%s\" twice", v[i]);
	}
	free(v);
}

static void test_orders(void **state)
{
	(void)state;
	int64_t *rev = xcalloc(ds.ncustomers, sizeof(int64_t));
	int64_t total = 0;
	size_t credits = 0;
	for (size_t i = 0; i < ds.norders; i++) {
		const struct order *o = &ds.orders[i];
		assert_true(o->day >= first_day && o->day <= last_day);
		assert_true(days_weekday(o->day) < 5); /* no orders on weekends */
		rev[o->cust] += o->amount;
		total += o->amount;
		credits += o->amount < 0;
		if (o->amount > 0)
			assert_true(o->margin > 0 && o->margin < o->amount);
	}
	/* Average order about 3 500 kr. */
	double avg = (double)total / 100.0 / (double)ds.norders;
	if (avg < 3300 || avg > 3700)
		fail_msg("average order %.0f kr", avg);
	assert_true(credits > 0 && credits < ds.norders / 20);
	/* About 20 % of the customers hold about 80 % of the revenue. */
	qsort(rev, ds.ncustomers, sizeof(int64_t), cmp_desc);
	int64_t top = 0;
	for (size_t i = 0; i < ds.ncustomers / 5; i++)
		top += rev[i];
	double share = (double)top / (double)total;
	if (share < 0.72 || share > 0.88)
		fail_msg("top 20 %% hold %.2f of the revenue", share);
	/* Some customers buy nothing in the period. */
	assert_true(rev[ds.ncustomers - 1] <= 0);
	free(rev);
}

static void test_contact_time(void **state)
{
	(void)state;
	double years = (double)SAMPLE_MONTHS / 12.0;
	double *minutes = xcalloc(ds.nsellers, sizeof(double));
	double all = 0;
	for (size_t i = 0; i < ds.nactivities; i++) {
		const struct activity *a = &ds.activities[i];
		assert_true(a->seller >= 0 && a->cust >= 0);
		assert_true(a->day >= first_day && a->day <= last_day);
		if (i)
			assert_true(a->day >= ds.activities[i - 1].day);
		minutes[a->seller] += a->duration_min;
		all += a->duration_min;
	}
	for (size_t s = 0; s < ds.nsellers; s++) {
		double share = minutes[s] / (ds.sellers[s].hours_per_year * years * 60);
		if (share < 0.14 || share > 0.20)
			fail_msg("seller %s spends %.1f %% on customer contact", ds.sellers[s].id,
			         100 * share);
	}
	double share = all / (1720.0 * years * 60 * (double)ds.nsellers);
	if (share < 0.155 || share > 0.185)
		fail_msg("customer contact %.1f %% of working hours", 100 * share);
	free(minutes);
}

static void test_visits_skewed(void **state)
{
	(void)state;
	load_truth();
	size_t visits = 0, to3 = 0, to_friends = 0, booked = 0;
	size_t *contacts = xcalloc(ds.ncustomers, sizeof(size_t));
	size_t *friend_visits = xcalloc(ds.ncustomers, sizeof(size_t));
	for (size_t i = 0; i < ds.nactivities; i++) {
		const struct activity *a = &ds.activities[i];
		if (a->type == ACT_VISIT) {
			visits++;
			to3 += truth[a->cust] == CAT_3;
			to_friends += friend_flag[a->cust];
			friend_visits[a->cust]++;
			assert_true(a->duration_min >= 30 && a->duration_min <= 120);
			assert_true(a->km >= 0 && a->travel_min >= 0); /* 0 next door */
			assert_int_equal(ds.sellers[a->seller].role != ROLE_SERVICE, 1);
		}
		if (a->type == ACT_VISIT || a->type == ACT_PHONE || a->type == ACT_EMAIL)
			contacts[a->cust]++;
		booked += a->type == ACT_MEETING_BOOKED;
		if (a->type == ACT_NEWSLETTER) {
			assert_int_equal(truth[a->cust], CAT_3);
			assert_non_null(ds.customers[a->cust].email);
		}
	}
	/* Field sellers drive mostly to category-3-like customers, old friends first. */
	double s3 = (double)to3 / (double)visits, sf = (double)to_friends / (double)visits;
	if (s3 < 0.55 || sf < 0.35)
		fail_msg("visits: %.2f to category 3, %.2f to old friends", s3, sf);
	size_t nfriends = 0, fv = 0, n3 = 0, never3 = 0, cats[CAT_COUNT] = {0};
	for (size_t i = 0; i < ds.ncustomers; i++) {
		cats[truth[i]]++;
		if (friend_flag[i]) {
			nfriends++;
			fv += friend_visits[i];
		}
		if (truth[i] == CAT_3) {
			n3++;
			never3 += contacts[i] == 0;
		}
	}
	/* Friends get a visit about every second month or more often. */
	double per_year = (double)fv / (double)nfriends / (SAMPLE_MONTHS / 12.0);
	if (per_year < 4)
		fail_msg("old friends visited %.1f times a year", per_year);
	assert_true(nfriends >= 10 * 10 && nfriends <= 10 * 22);
	/* Many small customers are never contacted in person. */
	if ((double)never3 / (double)n3 < 0.45)
		fail_msg("only %.2f of category 3 never contacted", (double)never3 / (double)n3);
	/* All four categories are there, category 3 the largest. */
	for (int c = 0; c < CAT_COUNT; c++)
		assert_true(cats[c] > 150);
	assert_true(cats[CAT_3] > ds.ncustomers / 2);
	/* Meetings booked per field seller and week: a real, low number. */
	double per_week = (double)booked / 10.0 / (SAMPLE_MONTHS * 52.0 / 12.0);
	assert_true(per_week > 0.5 && per_week < 5);
	free(contacts);
	free(friend_visits);
}

/* On a day with one visit, km is the road there and back (great-circle x 1.3)
 * and travel minutes follow at 65 km/h. */
static void test_travel_consistent(void **state)
{
	(void)state;
	load_truth();
	size_t checked = 0;
	for (size_t i = 0; i < ds.nactivities; i++) {
		const struct activity *a = &ds.activities[i];
		if (a->type != ACT_VISIT)
			continue;
		int alone = 1;
		for (size_t k = i > 40 ? i - 40 : 0; k < ds.nactivities && k < i + 40; k++)
			if (k != i && ds.activities[k].type == ACT_VISIT &&
			    ds.activities[k].seller == a->seller && ds.activities[k].day == a->day)
				alone = 0;
		if (!alone ||
		    !loc_given[a->cust]) /* without coordinates: at the postal code's point */
			continue;
		const struct seller *s = &ds.sellers[a->seller];
		const struct customer *c = &ds.customers[a->cust];
		double km = 2 * 1.3 * geo_km(s->home_lat, s->home_lon, c->lat, c->lon);
		if (fabs(km - a->km) > 0.15)
			fail_msg("visit %zu: %.1f km recorded, %.2f expected", i, a->km, km);
		assert_true(fabs(a->travel_min - a->km / 65.0 * 60) <= 0.6);
		assert_true(km < 2 * 1.3 * 450); /* customers live around the seller */
		checked++;
	}
	assert_true(checked > 1000);
}

int main(void)
{
	const struct CMUnitTest plain[] = {
	    cmocka_unit_test(test_period_and_params),
	    cmocka_unit_test(test_deterministic),
	};
	const struct CMUnitTest shape[] = {
	    cmocka_unit_test(test_sellers),       cmocka_unit_test(test_customers),
	    cmocka_unit_test(test_orders),        cmocka_unit_test(test_contact_time),
	    cmocka_unit_test(test_visits_skewed), cmocka_unit_test(test_travel_consistent),
	};
	int rc = cmocka_run_group_tests(plain, NULL, NULL);
	rc |= cmocka_run_group_tests(shape, setup_default, teardown_default);
	free(truth);
	free(friend_flag);
	free(loc_given);
	return rc;
}
