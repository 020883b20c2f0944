/* test-snapshot.c — covers src/store/snapshot.c: latest/exists/categories on
 * an in-memory workspace with hand-inserted rows. */
#include "testutil.h"

#include "core/dataset.h"
#include "store/db.h"
#include "store/snapshot.h"

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
	exec(db, "INSERT INTO snapshots(id, created_at, as_of, window_months, axis, method, params) "
		 "VALUES (1, 'x', 0, 12, 'amount', 'pareto', '{}'), (2, 'y', 0, 12, 'amount', "
		 "'pareto', '{}')");
	exec(db, "INSERT INTO snapshot_customers(snapshot_id, customer, revenue, revenue_source, "
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
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_exists_categories),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
