/* test-snapshot.c — covers src/store/snapshot.c and src/store/override.c:
 * latest/exists/categories on hand-inserted rows; a computed run saved and
 * read back field by field (params, thresholds, rows, summary counts in the
 * list), sides for the stability margin; the save's check that the
 * customers did not change (it runs without per-row foreign-key checks);
 * overrides set, replaced, listed, loaded per customer and removed; a
 * customer's history (store/webq.c) without an index by customer; keeping
 * only the newest snapshots. */
#include "testutil.h"

#include "core/category.h"
#include "core/dataset.h"
#include "store/db.h"
#include "store/override.h"
#include "store/snapshot.h"
#include "store/webq.h"
#include "util/days.h"

#include <sqlite3.h>

static sqlite3 *open_mem(void)
{
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(":memory:", &db, &cause), 0);
	return db;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *cause = NULL;
	if (db_exec(db, sql, &cause) != 0)
		fail_msg("%s: %s", sql, cause);
}

/* webq_customer_history's rows as "snapshot:category/computed" words. */
static void hist_word(void *arg, const struct webq_hist *h)
{
	char *out = arg;
	size_t n = strlen(out);
	snprintf(out + n, 128 - n, "%s%lld:%s/%s", n ? " " : "", (long long)h->snapshot_id,
	         h->category, h->computed_category);
}

static void test_latest_exists_categories(void **state)
{
	(void)state;
	sqlite3 *db = open_mem();
	char *cause = NULL;
	int64_t id = -5;
	assert_int_equal(store_snapshot_latest(db, &id, &cause), 1);
	assert_int_equal(id, 0);
	assert_int_equal(store_snapshot_exists(db, 1, &cause), 1);

	exec(db, "INSERT INTO customers(id, customer_id) VALUES (10, 'A'), (20, 'B'), (30, 'C')");
	exec(db,
	     "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) "
	     "VALUES (1, 'x', 0, 12, 'amount', 'pareto', '{}'), (2, 'y', 0, 12, 'amount', "
	     "'pareto', '{}')");
	exec(db,
	     "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, "
	     "potential_source, revenue_high, potential_high, computed_category, category) VALUES "
	     "(1, 10, 5, 'orders', 'unknown', 0, 0, '3', '3'),"
	     "(2, 10, 5, 'orders', 'unknown', 1, 0, '2R', '1'),"
	     "(2, 30, 5, 'orders', 'unknown', 0, 1, '2P', '2P')");
	assert_int_equal(store_snapshot_latest(db, &id, &cause), 0);
	assert_int_equal(id, 2);
	assert_int_equal(store_snapshot_exists(db, 1, &cause), 0);
	assert_int_equal(store_snapshot_exists(db, 3, &cause), 1);

	/* The dataset lists the customers in another order than their ids. */
	struct customer cs[3] = {{.store_id = 30}, {.store_id = 10}, {.store_id = 20}};
	struct dataset ds = {.customers = cs, .ncustomers = 3};
	int8_t cat[3];
	assert_int_equal(store_snapshot_categories(db, 2, &ds, cat, &cause), 0);
	assert_int_equal(cat[0], CAT_2P);
	assert_int_equal(cat[1], CAT_1); /* the final category, not the computed one */
	assert_int_equal(cat[2], CAT_NONE);
	assert_int_equal(store_snapshot_categories(db, 1, &ds, cat, &cause), 0);
	assert_int_equal(cat[0], CAT_NONE);
	assert_int_equal(cat[1], CAT_3);

	/* A customer's history, snapshot by snapshot (read through the primary
	 * key: schema 3 has no index by customer). */
	char h[128] = "";
	assert_int_equal(webq_customer_history(db, "A", hist_word, h, &cause), 0);
	assert_string_equal(h, "1:3/3 2:1/2R");
	h[0] = '\0';
	assert_int_equal(webq_customer_history(db, "C", hist_word, h, &cause), 0);
	assert_string_equal(h, "2:2P/2P");
	h[0] = '\0';
	assert_int_equal(webq_customer_history(db, "B", hist_word, h, &cause), 0);
	assert_string_equal(h, "");
	assert_int_equal(webq_customer_history(db, "nobody", hist_word, h, &cause), 0);
	assert_string_equal(h, "");
	assert_int_equal(tu_count(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
	                              "'snapshot_customers_customer'"),
	                 0);

	/* keeping the newest: the older go with their rows */
	long long removed = -1;
	assert_int_equal(store_snapshot_keep(db, 5, &removed, &cause), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_snapshot_keep(db, 1, &removed, &cause), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM snapshot_customers WHERE snapshot_id = 1"), 0);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM snapshot_customers WHERE snapshot_id = 2"), 2);
	h[0] = '\0';
	assert_int_equal(webq_customer_history(db, "A", hist_word, h, &cause), 0);
	assert_string_equal(h, "2:1/2R");
	db_close(db);
}

/* Three customers in the workspace and in a dataset (store ids 1..3). */
static void three(sqlite3 *db, struct dataset *ds, struct customer *cs, struct order *os)
{
	exec(db, "INSERT INTO customers(id, customer_id, name, seller_id) VALUES "
	         "(1, 'A', 'Alfa AB', 'S1'), (2, 'B', NULL, NULL), (3, 'C', 'Ceta \"x\"', 'S2')");
	memset(cs, 0, 3 * sizeof(*cs));
	for (int i = 0; i < 3; i++) {
		cs[i].store_id = i + 1;
		cs[i].employees = -1;
		cs[i].seller = -1;
		cs[i].has_potential = i != 1;
		cs[i].potential = (i + 1) * 100000;
	}
	memset(os, 0, 3 * sizeof(*os));
	for (int i = 0; i < 3; i++) {
		os[i].cust = i;
		os[i].day = days_from_ymd(2024, 5, 1 + i);
		os[i].amount = (3 - i) * 50000;
	}
	memset(ds, 0, sizeof(*ds));
	ds->customers = cs;
	ds->ncustomers = 3;
	ds->orders = os;
	ds->norders = 3;
}

static void test_save_load(void **state)
{
	(void)state;
	sqlite3 *db = open_mem();
	struct dataset ds;
	struct customer cs[3];
	struct order os[3];
	three(db, &ds, cs, os);
	char *cause = NULL;
	struct cat_params p;
	cat_params_default(&p);
	p.method = METHOD_TOP;
	p.revenue_top = 33;
	p.has_potential_min = true;
	p.potential_min = 250000;
	p.margin = 0.25;
	struct cat_override ov[3] = {{CAT_NONE, DAYS_NONE, NULL},
	                             {CAT_2P, DAYS_NONE, "fresh budget"},
	                             {CAT_NONE, DAYS_NONE, NULL}};
	struct cat_input in = {.ds = &ds, .overrides = ov};
	struct cat_run run;
	struct cat_row rows[3];
	assert_int_equal(category_compute(&in, &p, &run, rows, &cause), 0);
	assert_int_equal(store_snapshot_save(db, &run, &ds, rows, &cause), 0);
	assert_int_equal(run.id, 1);
	assert_true(strlen(run.created_at) == 20);

	struct snapshot s;
	assert_int_equal(store_snapshot_load(db, 1, &s, &cause), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.run.p.as_of, days_from_ymd(2024, 5, 3));
	assert_int_equal(s.run.window_from, days_from_ymd(2023, 5, 3));
	assert_int_equal(s.run.p.method, METHOD_TOP);
	assert_true(s.run.p.revenue_top == 33);
	assert_true(s.run.p.margin == 0.25);
	assert_true(s.run.p.has_potential_min);
	assert_int_equal(s.run.p.potential_min, 250000);
	assert_false(s.run.p.has_revenue_min);
	assert_int_equal(s.run.revenue_t.value, run.revenue_t.value);
	assert_int_equal(s.run.potential_t.value, 250000);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.rows[i].revenue, rows[i].revenue);
		assert_int_equal(s.rows[i].potential, rows[i].potential);
		assert_int_equal(s.rows[i].potential_source, rows[i].potential_source);
		assert_int_equal(s.rows[i].revenue_high, rows[i].revenue_high);
		assert_int_equal(s.rows[i].potential_high, rows[i].potential_high);
		assert_int_equal(s.rows[i].computed, rows[i].computed);
		assert_int_equal(s.rows[i].category, rows[i].category);
		assert_int_equal(s.rows[i].orders, 1);
	}
	assert_string_equal(s.customer_id[2], "C");
	assert_string_equal(s.name[2], "Ceta \"x\"");
	assert_null(s.name[1]);
	assert_null(s.seller_id[1]);
	assert_int_equal(s.rows[0].computed,
	                 CAT_2R); /* 150 000: the top 33 % = 1 of 3; potential 100 000 */
	assert_int_equal(s.rows[1].potential_source, POTSRC_UNKNOWN);
	assert_int_equal(s.rows[1].category, CAT_2P);
	assert_string_equal(s.rows[1].override_reason, "fresh budget");
	assert_null(s.rows[2].override_reason);
	assert_int_equal(s.rows[2].computed, CAT_2P); /* 50 000 low, 300 000 >= 250 000 */
	store_snapshot_free(&s);

	/* the sides come back for the stability margin */
	int8_t rh[3], ph[3];
	assert_int_equal(store_snapshot_sides(db, 1, &ds, rh, ph, &cause), 0);
	assert_int_equal(rh[0], 1);
	assert_int_equal(ph[2], 1);
	assert_int_equal(rh[1], 0);

	/* a second run; the list carries the counts per category */
	run.p.margin = 0;
	assert_int_equal(store_snapshot_save(db, &run, &ds, rows, &cause), 0);
	struct cat_runinfo *items = NULL;
	size_t n = 0;
	assert_int_equal(store_snapshot_list(db, &items, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(items[1].run.id, 2);
	assert_true(items[1].run.p.margin == 0);
	assert_int_equal(items[0].customers, 3);
	assert_int_equal(items[0].cat[CAT_2R], 1);
	assert_int_equal(items[0].cat[CAT_2P], 2);
	assert_int_equal(items[0].cat[CAT_1], 0);
	free(items);
	/* the save runs without the per-row foreign-key checks and turns them
	 * back on; instead it refuses when the customers changed meanwhile */
	assert_int_equal(tu_count(db, "PRAGMA foreign_keys"), 1);
	exec(db, "PRAGMA foreign_keys = OFF");
	exec(db, "DELETE FROM customers WHERE id = 2");
	exec(db, "PRAGMA foreign_keys = ON");
	cause = NULL;
	assert_int_equal(store_snapshot_save(db, &run, &ds, rows, &cause), -1);
	assert_non_null(strstr(cause, "customers changed"));
	free(cause);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM snapshots"), 2);
	assert_int_equal(tu_count(db, "PRAGMA foreign_keys"), 1);
	int32_t d;
	assert_int_equal(store_snapshot_default_as_of(db, &d, &cause), 0);
	assert_int_equal(d, DAYS_NONE); /* the orders table of this workspace is empty */
	assert_int_equal(store_snapshot_load(db, 9, &s, &cause), 1);
	db_close(db);
}

static void test_overrides(void **state)
{
	(void)state;
	sqlite3 *db = open_mem();
	struct dataset ds;
	struct customer cs[3];
	struct order os[3];
	three(db, &ds, cs, os);
	char *cause = NULL;
	assert_int_equal(store_override_set(db, "nobody", CAT_1, "x", DAYS_NONE, NULL, &cause), 1);
	assert_int_equal(store_override_set(db, "C", CAT_1, "first", DAYS_NONE, NULL, &cause), 0);
	assert_int_equal(store_override_set(db, "C", CAT_2R, "second", days_from_ymd(2030, 1, 2),
	                                    "anna", &cause),
	                 0);
	assert_int_equal(
	    store_override_set(db, "A", CAT_3, "closing down", DAYS_NONE, NULL, &cause), 0);
	struct override_item *it = NULL;
	size_t n = 0;
	assert_int_equal(store_override_list(db, &it, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(it[0].customer_id, "A");
	assert_string_equal(it[1].reason, "second");
	assert_int_equal(it[1].category, CAT_2R);
	assert_int_equal(it[1].until, days_from_ymd(2030, 1, 2));
	assert_string_equal(it[1].created_by, "anna");
	store_override_items_free(it, n);
	struct cat_override ov[3];
	assert_int_equal(store_override_load(db, &ds, ov, &cause), 0);
	assert_int_equal(ov[0].category, CAT_3);
	assert_int_equal(ov[1].category, CAT_NONE);
	assert_int_equal(ov[2].category, CAT_2R);
	assert_string_equal(ov[2].reason, "second");
	assert_true(category_override_active(&ov[2], days_from_ymd(2030, 1, 2)));
	assert_false(category_override_active(&ov[2], days_from_ymd(2030, 1, 3)));
	store_override_release(ov, 3);
	/* with a snapshot, a pin shows in its newest rows at once, and goes */
	exec(db,
	     "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) "
	     "VALUES (1, 'x', 0, 12, 'amount', 'pareto', '{}'), (2, 'y', 0, 12, 'amount', "
	     "'pareto', '{}')");
	exec(db,
	     "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, "
	     "potential_source, revenue_high, potential_high, computed_category, category) VALUES "
	     "(1, 3, 5, 'orders', 'unknown', 0, 0, '3', '3'),"
	     "(2, 3, 5, 'orders', 'unknown', 1, 0, '2R', '2R')");
	assert_int_equal(store_override_set(db, "C", CAT_2P, "third", DAYS_NONE, NULL, &cause), 0);
	struct snapshot s;
	assert_int_equal(store_snapshot_load(db, 2, &s, &cause), 0);
	assert_int_equal(s.rows[0].computed, CAT_2R);
	assert_int_equal(s.rows[0].category, CAT_2P);
	assert_string_equal(s.rows[0].override_reason, "third");
	store_snapshot_free(&s);
	assert_int_equal(store_snapshot_load(db, 1, &s, &cause), 0);
	assert_int_equal(s.rows[0].category, CAT_3); /* older runs stay as they were */
	store_snapshot_free(&s);
	struct cat_runinfo *runs = NULL;
	assert_int_equal(store_snapshot_list(db, &runs, &n, &cause), 0);
	assert_int_equal(runs[1].cat[CAT_2P], 1);
	free(runs);
	assert_int_equal(store_override_remove(db, "C", &cause), 0);
	assert_int_equal(store_snapshot_load(db, 2, &s, &cause), 0);
	assert_int_equal(s.rows[0].category, CAT_2R);
	assert_null(s.rows[0].override_reason);
	store_snapshot_free(&s);
	assert_int_equal(store_override_remove(db, "C", &cause), 1);
	assert_int_equal(store_override_remove(db, "nobody", &cause), 1);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_latest_exists_categories),
	    cmocka_unit_test(test_save_load),
	    cmocka_unit_test(test_overrides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
