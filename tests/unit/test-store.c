/* test-store.c — covers src/store: db.c (create, migrate, refuse newer),
 * import.c (upsert, batches, customers created by orders, all-or-nothing,
 * duplicate detection), dataset.c (loading back; orders sorted by (customer,
 * day), or in storage order with LOAD_ORDERS_UNSORTED, within the day
 * range; or the span up to the latest day, found in the same pass, with
 * only the customer columns categorization reads), status.c. */
#include "testutil.h"

#include "store/dataset.h"
#include "store/db.h"
#include "store/import.h"
#include "store/status.h"
#include "util/days.h"

#include <sqlite3.h>

static sqlite3 *fresh_db(void)
{
	static char path[128];
	snprintf(path, sizeof(path), "/tmp/fokus-unit-store-%ld.db", (long)getpid());
	unlink(path);
	char wal[160];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	return db;
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static struct rec order(const char *cust, int y, int m, int d, int64_t amount)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	r.kind = REC_ORDERS;
	r.u.o.customer_id = cust;
	r.u.o.order_id = "A-1";
	r.u.o.day = days_from_ymd(y, m, d);
	r.u.o.minute = -1;
	r.u.o.amount = amount;
	return r;
}

static void test_schema(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	assert_int_equal(count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM policy"), 4);
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
	db_close(db);
}

static void test_newer_schema_refused(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	const char *path = sqlite3_db_filename(db, "main");
	char p[256];
	snprintf(p, sizeof(p), "%s", path);
	assert_int_equal(db_exec(db, "PRAGMA user_version = 99", NULL), 0);
	db_close(db);
	char *cause = NULL;
	assert_int_equal(db_open(p, &db, &cause), -1);
	assert_non_null(strstr(cause, "newer fokus"));
	free(cause);
}

static void test_orders_create_customers(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	char *cause = NULL;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "abc", 0, &im, &cause), 0);
	/* 150 rows: more than one multi-row INSERT, and a tail. */
	for (int i = 0; i < 150; i++) {
		struct rec r = order(i % 3 == 0 ? "K1" : "K2", 2026, 1, 1 + i % 28, 100 * (i + 1));
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	struct rec credit = order("K3", 2025, 12, 31, -5000);
	assert_int_equal(store_import_add(im, &credit, &cause), 0);
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.rows_stored, 151);
	assert_int_equal(c.customers_created, 3);
	int64_t sum = 0;
	for (int i = 0; i < 150; i++)
		sum += 100 * (i + 1);
	assert_int_equal(c.amount_total, sum - 5000);
	char b[11];
	assert_string_equal(days_iso(c.date_min, b), "2025-12-31");
	assert_int_equal(count(db, "SELECT count(*) FROM orders"), 151);
	assert_int_equal(count(db, "SELECT sum(amount) FROM orders"), sum - 5000);
	assert_int_equal(count(db, "SELECT count(*) FROM customers WHERE created_by = 'orders'"), 3);

	/* The same content again is found as a duplicate. */
	int64_t bid;
	char *file = NULL, *when = NULL;
	assert_int_equal(store_batch_find_sha(db, REC_ORDERS, "abc", &bid, &file, &when, &cause), 1);
	assert_string_equal(file, "o.csv");
	free(file);
	free(when);

	/* An aborted import leaves nothing. */
	assert_int_equal(store_import_begin(db, REC_ORDERS, "p.csv", "def", 0, &im, &cause), 0);
	struct rec r = order("K9", 2026, 2, 1, 100);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	store_import_abort(im);
	assert_int_equal(count(db, "SELECT count(*) FROM orders"), 151);
	assert_int_equal(count(db, "SELECT count(*) FROM customers"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM batches"), 1);

	/* --replace removes the earlier orders. */
	assert_int_equal(store_import_begin(db, REC_ORDERS, "q.csv", "ghi", 1, &im, &cause), 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.replaced_rows, 151);
	assert_int_equal(count(db, "SELECT count(*) FROM orders"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM batches WHERE replaced = 1"), 1);

	struct store_status st;
	assert_int_equal(store_status(db, &st, &cause), 0);
	assert_int_equal(st.orders, 1);
	assert_int_equal(st.customers, 4);
	assert_int_equal(st.nbatches, 2);
	store_status_free(&st);
	db_close(db);
}

static void test_customer_upsert_and_load(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	char *cause = NULL;
	struct rec r;
	memset(&r, 0, sizeof(r));
	r.kind = REC_CUSTOMERS;
	r.u.c.customer_id = "K1";
	r.u.c.name = "Åkessons Järn AB";
	r.u.c.postal_code = "186 00"; /* Vallentuna: located from the table */
	r.u.c.employees = 12;
	r.u.c.seller_id = "S1";
	r.u.c.has_potential = true;
	r.u.c.potential = 5000000;
	r.u.c.open_min = r.u.c.close_min = -1;
	assert_int_equal(store_import_begin(db, REC_CUSTOMERS, "c.csv", "x", 0, &im, &cause), 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.customers_located, 1);

	/* A newer export: name changes, empty potential keeps the old value. */
	r.u.c.name = "Åkessons Järn & Bygg AB";
	r.u.c.has_potential = false;
	r.u.c.postal_code = NULL;
	assert_int_equal(store_import_begin(db, REC_CUSTOMERS, "c2.csv", "y", 0, &im, &cause), 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.customers_updated, 1);

	struct rec s;
	memset(&s, 0, sizeof(s));
	s.kind = REC_SELLERS;
	s.u.s.seller_id = "S1";
	s.u.s.name = "Anna";
	s.u.s.role = ROLE_FARMER;
	assert_int_equal(store_import_begin(db, REC_SELLERS, "s.csv", "z", 0, &im, &cause), 0);
	assert_int_equal(store_import_add(im, &s, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);

	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ALL, DAYS_NONE, DAYS_NONE, &ds, &cause), 0);
	assert_int_equal(ds.ncustomers, 1);
	assert_string_equal(ds.customers[0].name, "Åkessons Järn & Bygg AB");
	assert_true(ds.customers[0].has_potential);
	assert_int_equal(ds.customers[0].potential, 5000000);
	assert_true(ds.customers[0].has_loc);
	assert_true(ds.customers[0].lat > 59.0 && ds.customers[0].lat < 60.0);
	assert_int_equal(ds.customers[0].seller, 0);
	assert_int_equal(ds.sellers[0].role, ROLE_FARMER);
	dataset_free(&ds);
	db_close(db);
}

/* Orders stored in shuffled order come back sorted by (customer, day) by
 * default, and all of them (as a multiset) in storage order when unsorted;
 * the day range applies to both. */
static void test_load_orders_order(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	struct store_import *im;
	/* customers are created in first-seen order: C (id 1), A (2), B (3) */
	static const struct {
		const char *cust;
		int d;
		int64_t amount;
	} o[] = {{"C", 9, 1}, {"A", 5, 2}, {"C", 2, 4}, {"B", 7, 8}, {"A", 1, 16},
		 {"B", 3, 32}, {"C", 5, 64}, {"A", 30, 128}, {"A", 3, 256}};
	size_t n = sizeof(o) / sizeof(o[0]);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "h", 0, &im, &cause), 0);
	for (size_t i = 0; i < n; i++) {
		struct rec r = order(o[i].cust, 2024, 3, o[i].d, o[i].amount);
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);

	struct dataset ds;
	int32_t to = days_from_ymd(2024, 3, 29); /* leaves out A's order of the 30th */
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, to, &ds, &cause), 0);
	assert_int_equal(ds.ncustomers, 3);
	assert_string_equal(ds.customers[0].id, "C");
	assert_int_equal(ds.norders, n - 1);
	int64_t sum = 0;
	for (size_t k = 0; k < ds.norders; k++) {
		sum += ds.orders[k].amount;
		if (k == 0)
			continue;
		const struct order *a = &ds.orders[k - 1], *b = &ds.orders[k];
		assert_true(a->cust < b->cust || (a->cust == b->cust && a->day <= b->day));
	}
	assert_int_equal(sum, 511 - 128);
	/* C's orders first (customer index 0), by day: 2, 5, 9 */
	assert_int_equal(ds.orders[0].amount, 4);
	assert_int_equal(ds.orders[1].amount, 64);
	assert_int_equal(ds.orders[2].amount, 1);
	dataset_free(&ds);

	int32_t from = days_from_ymd(2024, 3, 3);
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS | LOAD_ORDERS_UNSORTED, from, DAYS_NONE,
					    &ds, &cause),
			 0);
	assert_int_equal(ds.norders, 7); /* days 1 and 2 left out */
	sum = 0;
	for (size_t k = 0; k < ds.norders; k++) {
		assert_true(ds.orders[k].day >= from);
		sum += ds.orders[k].amount;
	}
	assert_int_equal(sum, 511 - 16 - 4);
	dataset_free(&ds);
	db_close(db);
}

/* store_load_dataset_recent: the latest day comes from the same pass, and
 * only the orders of the span up to it are kept — also when the array is
 * compacted while reading (ascending days, then shuffled ones). With
 * LOAD_CUSTOMERS_LIGHT the numbers are there, the texts are not; with
 * LOAD_ORDERS_NO_MARGIN the margins are not read. */
static void test_load_recent(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	struct store_import *im;
	struct dataset ds;
	int32_t latest = 0;
	assert_int_equal(store_load_dataset_recent(db, LOAD_CUSTOMERS_LIGHT, 100, &latest, &ds, &cause),
			 0);
	assert_int_equal(latest, DAYS_NONE);
	assert_int_equal(ds.norders, 0);
	dataset_free(&ds);

	static const char *const ids[] = {"C", "A", "B"};
	int32_t base = days_from_ymd(2022, 1, 1);
	enum { N = 20000, SPAN = 100 };
	int64_t want = 0;
	size_t nwant = 0;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "h", 0, &im, &cause), 0);
	for (int i = 0; i < N; i++) {
		/* first half ascending (days 0..999), second half shuffled over 0..1999 */
		int32_t day = i < N / 2 ? base + i / 10 : base + (int32_t)((i * 7919L) % 1000) + 1000;
		if (i > N / 4 && i < N / 2 && i % 997 == 0)
			day = base + 1999 - i / 997; /* a few late ones in the ascending half */
		struct rec r = order(ids[i % 3], 2022, 1, 1, i + 1);
		r.u.o.day = day;
		r.u.o.has_margin = true;
		r.u.o.margin = 1;
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	/* recompute what must be kept, from the same formula */
	int32_t last = DAYS_NONE;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < N; i++) {
			int32_t day = i < N / 2 ? base + i / 10
						: base + (int32_t)((i * 7919L) % 1000) + 1000;
			if (i > N / 4 && i < N / 2 && i % 997 == 0)
				day = base + 1999 - i / 997;
			if (pass == 0) {
				if (last == DAYS_NONE || day > last)
					last = day;
			} else if (day >= last - SPAN) {
				want += i + 1;
				nwant++;
			}
		}
	assert_int_equal(store_load_dataset_recent(db, LOAD_CUSTOMERS_LIGHT | LOAD_ORDERS_UNSORTED,
						   SPAN, &latest, &ds, &cause),
			 0);
	assert_int_equal(latest, last);
	assert_int_equal(latest, base + 1999);
	assert_true(nwant > 1000 && nwant < 1200);
	assert_int_equal(ds.norders, nwant);
	int64_t sum = 0;
	for (size_t k = 0; k < ds.norders; k++) {
		assert_true(ds.orders[k].has_margin);
		assert_true(ds.orders[k].day >= latest - SPAN && ds.orders[k].day <= latest);
		assert_true(ds.orders[k].cust >= 0 && ds.orders[k].cust < 3);
		sum += ds.orders[k].amount;
	}
	assert_int_equal(sum, want);
	assert_int_equal(ds.ncustomers, 3);
	assert_null(ds.customers[0].id);
	assert_false(ds.customers[0].has_potential);
	assert_int_equal(ds.customers[0].employees, -1);
	dataset_free(&ds);

	/* the same without the margins */
	assert_int_equal(store_load_dataset_recent(db, LOAD_ORDERS_NO_MARGIN, SPAN, &latest, &ds,
						   &cause),
			 0);
	assert_int_equal(ds.norders, nwant);
	for (size_t k = 0; k < ds.norders; k++)
		assert_false(ds.orders[k].has_margin);
	dataset_free(&ds);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_orders_create_customers),
		cmocka_unit_test(test_customer_upsert_and_load),
		cmocka_unit_test(test_load_orders_order),
		cmocka_unit_test(test_load_recent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
