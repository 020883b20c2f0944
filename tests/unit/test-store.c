/* test-store.c — covers src/store: db.c (create, migrate — also a version-1
 * workspace's orders table into blocks —, refuse newer), orderblocks.c
 * (blocks per part, damage detected by the readers),
 * import.c (upsert, batches, customers created by orders, all-or-nothing,
 * duplicate detection, the connection settings put back as found, sellers
 * found when the ID map is full and counted in the import's own counters), dataset.c (loading back;
 * orders sorted by (customer, day), or in storage order with LOAD_ORDERS_UNSORTED, within the day
 * range; or the span up to the latest day, found from the blocks, with
 * only the customer columns categorization reads; activities sorted by
 * (day, id), also when a second connection reads them next to the
 * orders), status.c. */
#include "testutil.h"

#include "store/dataset.h"
#include "store/db.h"
#include "util/idmap.h"
#include "store/import.h"
#include "store/orderblocks.h"
#include "store/status.h"
#include "util/days.h"

#include <sqlite3.h>

/* A new workspace at one path per process, in the test run's TMPDIR. */
static sqlite3 *fresh_db(void)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-store-%ld.db", tu_tmp(), (long)getpid());
	db_remove(path);
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	return db;
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
	assert_int_equal(tu_count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM policy"), 4);
	assert_int_equal(tu_count(db, "PRAGMA foreign_keys"), 1);
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
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "abc", 0, NULL, &im, &cause),
	                 0);
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
	assert_int_equal(tu_count(db, "SELECT total(lines) FROM order_blocks"), 151);
	assert_int_equal(tu_count(db, "SELECT sum(amount) FROM order_blocks"), sum - 5000);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers WHERE created_by = 'orders'"),
	                 3);

	/* The same content again is found as a duplicate. */
	int64_t bid;
	char *file = NULL, *when = NULL;
	assert_int_equal(store_batch_find_sha(db, REC_ORDERS, "abc", &bid, &file, &when, &cause),
	                 1);
	assert_string_equal(file, "o.csv");
	free(file);
	free(when);

	/* An aborted import leaves nothing. */
	assert_int_equal(store_import_begin(db, REC_ORDERS, "p.csv", "def", 0, NULL, &im, &cause),
	                 0);
	struct rec r = order("K9", 2026, 2, 1, 100);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	store_import_abort(im);
	assert_int_equal(tu_count(db, "SELECT total(lines) FROM order_blocks"), 151);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers"), 3);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM batches"), 1);

	/* --replace removes the earlier orders. */
	assert_int_equal(store_import_begin(db, REC_ORDERS, "q.csv", "ghi", 1, NULL, &im, &cause),
	                 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.replaced_rows, 151);
	assert_int_equal(tu_count(db, "SELECT total(lines) FROM order_blocks"), 1);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM batches WHERE replaced = 1"), 1);

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
	assert_int_equal(store_import_begin(db, REC_CUSTOMERS, "c.csv", "x", 0, NULL, &im, &cause),
	                 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.located, 1);

	/* A newer export: name changes, empty potential keeps the old value. */
	r.u.c.name = "Åkessons Järn & Bygg AB";
	r.u.c.has_potential = false;
	r.u.c.postal_code = NULL;
	assert_int_equal(store_import_begin(db, REC_CUSTOMERS, "c2.csv", "y", 0, NULL, &im, &cause),
	                 0);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.updated, 1);

	struct rec s;
	memset(&s, 0, sizeof(s));
	s.kind = REC_SELLERS;
	s.u.s.seller_id = "S1";
	s.u.s.name = "Anna";
	s.u.s.role = ROLE_FARMER;
	assert_int_equal(store_import_begin(db, REC_SELLERS, "s.csv", "z", 0, NULL, &im, &cause),
	                 0);
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
	} o[] = {{"C", 9, 1},  {"A", 5, 2},  {"C", 2, 4},    {"B", 7, 8},  {"A", 1, 16},
	         {"B", 3, 32}, {"C", 5, 64}, {"A", 30, 128}, {"A", 3, 256}};
	size_t n = sizeof(o) / sizeof(o[0]);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "h", 0, NULL, &im, &cause), 0);
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

/* Activities come back sorted by day, those of one day in the order they
 * were stored (id order) — with the days close together (a counting sort)
 * and with one far away (the fallback sort); the type and seller codes are
 * read per row even when rows repeat them. */
static void load_activities_check(sqlite3 *db, const int *want, size_t n)
{
	/* alone, and with the orders (then read on a second connection) */
	static const int what[] = {LOAD_ACTIVITIES, LOAD_ALL};
	for (int w = 0; w < 2; w++) {
		struct dataset ds;
		char *cause = NULL;
		assert_int_equal(store_load_dataset(db, what[w], DAYS_NONE, DAYS_NONE, &ds, &cause),
		                 0);
		assert_int_equal(ds.nactivities, n);
		assert_int_equal(ds.norders, w ? 1 : 0);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal((int)ds.activities[k].duration_min, want[k]);
			if (k)
				assert_true(ds.activities[k - 1].day <= ds.activities[k].day);
		}
		dataset_free(&ds);
	}
}

static void test_load_activities_order(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	struct store_import *im;
	struct import_counts c;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "h", 0, NULL, &im, &cause), 0);
	struct rec r = order("A", 2024, 3, 1, 1);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	/* duration = the rank the row must have after loading */
	static const struct {
		int d, type, rank;
	} a[] = {{9, ACT_VISIT, 6}, {5, ACT_PHONE, 3}, {2, ACT_PHONE, 1}, {5, ACT_VISIT, 4},
	         {1, ACT_EMAIL, 0}, {9, ACT_VISIT, 7}, {5, ACT_VISIT, 5}, {3, ACT_VISIT, 2}};
	size_t n = sizeof(a) / sizeof(a[0]);
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(store_import_begin(db, REC_ACTIVITIES, "a.csv", pass ? "h2" : "h1",
		                                    0, NULL, &im, &cause),
		                 0);
		for (size_t i = 0; i < (pass ? 1 : n); i++) {
			memset(&r, 0, sizeof(r));
			r.kind = REC_ACTIVITIES;
			r.u.a.customer_id = "A";
			r.u.a.seller_id = i % 2 ? "S1" : "S2";
			r.u.a.day =
			    pass ? days_from_ymd(2099, 1, 1) : days_from_ymd(2024, 3, a[i].d);
			r.u.a.minute = -1;
			r.u.a.type = pass ? ACT_VISIT : a[i].type;
			r.u.a.has_duration = true;
			r.u.a.duration_min = pass ? (double)n : a[i].rank;
			assert_int_equal(store_import_add(im, &r, &cause), 0);
		}
		assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
		int want[9];
		for (size_t k = 0; k <= n; k++)
			want[k] = (int)k;
		load_activities_check(db, want, pass ? n + 1 : n);
	}
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ACTIVITIES, DAYS_NONE, DAYS_NONE, &ds, &cause),
	                 0);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < n; i++)
			if (a[i].rank == (int)k)
				assert_int_equal(ds.activities[k].type, a[i].type);
	assert_int_equal(ds.activities_unknown_seller, n + 1);
	dataset_free(&ds);
	db_close(db);
}

/* store_load_dataset_recent: the latest day comes from the blocks, and
 * only the orders of the span up to it are kept — also when blocks mix days
 * in and out of the span (ascending days, then shuffled ones). With
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
	assert_int_equal(
	    store_load_dataset_recent(db, LOAD_CUSTOMERS_LIGHT, 100, &latest, &ds, &cause), 0);
	assert_int_equal(latest, DAYS_NONE);
	assert_int_equal(ds.norders, 0);
	dataset_free(&ds);

	static const char *const ids[] = {"C", "A", "B"};
	int32_t base = days_from_ymd(2022, 1, 1);
	enum { N = 20000, SPAN = 100 };
	int64_t want = 0;
	size_t nwant = 0;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "h", 0, NULL, &im, &cause), 0);
	for (int i = 0; i < N; i++) {
		/* first half ascending (days 0..999), second half shuffled over 0..1999 */
		int32_t day =
		    i < N / 2 ? base + i / 10 : base + (int32_t)((i * 7919L) % 1000) + 1000;
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
			int32_t day =
			    i < N / 2 ? base + i / 10 : base + (int32_t)((i * 7919L) % 1000) + 1000;
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
	assert_int_equal(
	    store_load_dataset_recent(db, LOAD_ORDERS_NO_MARGIN, SPAN, &latest, &ds, &cause), 0);
	assert_int_equal(ds.norders, nwant);
	for (size_t k = 0; k < ds.norders; k++)
		assert_false(ds.orders[k].has_margin);
	dataset_free(&ds);
	db_close(db);
}

/* ---- version 1 -> 2: the orders table packed into blocks ---------------- */

extern const char store_schema_sql[]; /* version 1, as embedded for migration 0 -> 1 */

struct linelist {
	char **s;
	size_t n, cap;
};

static void linelist_add(struct linelist *ll, char *line)
{
	if (ll->n == ll->cap) {
		ll->cap = ll->cap ? ll->cap * 2 : 256;
		ll->s = realloc(ll->s, ll->cap * sizeof(char *));
	}
	ll->s[ll->n++] = line;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *fmt_line(int64_t batch, int64_t cust, const char *oid, size_t oidn, int32_t day,
                      int64_t amount, int has_m, int64_t m, int has_q, double q, const char *sel,
                      size_t seln)
{
	char *out = NULL;
	assert_true(asprintf(&out, "%lld|%lld|%.*s|%d|%lld|%s%lld|%s%.17g|%.*s", (long long)batch,
	                     (long long)cust, (int)oidn, oid ? oid : "", day, (long long)amount,
	                     has_m ? "" : "null", has_m ? (long long)m : 0LL, has_q ? "" : "null",
	                     has_q ? q : 0.0, (int)seln, sel ? sel : "") > 0);
	return out;
}

static struct linelist *each_target;
static int64_t each_ids[64];

static int collect_line(void *arg, int64_t batch, const char *customer_id,
                        const struct orderline *l)
{
	(void)arg;
	int64_t cust = -1;
	for (int i = 0; i < 64; i++)
		if (each_ids[i] == l->customer)
			cust = l->customer;
	assert_true(cust > 0);
	assert_true(strlen(customer_id) > 0);
	linelist_add(each_target, fmt_line(batch, l->customer, l->order_id, l->order_id_len, l->day,
	                                   l->amount, l->has_margin, l->margin, l->has_quantity,
	                                   l->quantity, l->seller_id, l->seller_id_len));
	return 0;
}

static void test_migrate_v1_orders(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-v1-%ld.db", tu_tmp(), (long)getpid());
	db_remove(path); /* with a -wal and -shm a run of the same pid may have left */
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(db_exec(db, store_schema_sql, NULL), 0);
	assert_int_equal(db_exec(db,
	                         "PRAGMA user_version = 1;"
	                         "INSERT INTO batches(id, kind, file, rows, created_at) VALUES "
	                         "(1, 'orders', 'a.csv', 0, 'x'), (2, 'orders', 'b.csv', 0, 'y');",
	                         NULL),
	                 0);
	/* 40 customers (ids 1..40, so parts 1..40), 9000 lines in two batches
	 * taking turns in runs: several blocks per part; every kind of field. */
	sqlite3_stmt *st;
	assert_int_equal(db_exec(db,
	                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	                         "WHERE i < 40) INSERT INTO customers(id, customer_id, created_by) "
	                         "SELECT i, 'K' || i, 'orders' FROM n",
	                         NULL),
	                 0);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "INSERT INTO orders(batch_id, customer, order_id, day, "
	                                    "amount, margin, quantity, seller_id) VALUES "
	                                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	for (int i = 0; i < 9000; i++) {
		sqlite3_bind_int(st, 1, (i / 500) % 2 + 1);
		sqlite3_bind_int(st, 2, 1 + (i * 7) % 40);
		char oid[32];
		snprintf(oid, sizeof(oid), i % 3 == 0 ? "%d" : "ORD-%05d", i);
		if (i % 11 == 0)
			sqlite3_bind_null(st, 3);
		else
			sqlite3_bind_text(st, 3, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, 19000 + (i * 37) % 1500);
		sqlite3_bind_int64(st, 5, i % 13 == 0 ? -(int64_t)i * 1000 : (int64_t)i * 12345);
		if (i % 4 == 0)
			sqlite3_bind_null(st, 6);
		else
			sqlite3_bind_int64(st, 6, i % 5 - 2);
		if (i % 2 == 0)
			sqlite3_bind_null(st, 7);
		else
			sqlite3_bind_double(st, 7, i % 3 ? i / 4.0 : i);
		if (i % 5 == 0)
			sqlite3_bind_null(st, 8);
		else
			sqlite3_bind_text(st, 8, i % 2 ? "S1" : "Säljare 2", -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	long long n1 = tu_count(db, "SELECT count(*) FROM orders");
	long long sum1 = tu_count(db, "SELECT sum(amount) FROM orders");
	long long dmin1 = tu_count(db, "SELECT min(day) FROM orders");
	long long dmax1 = tu_count(db, "SELECT max(day) FROM orders");
	struct linelist before = {0}, after = {0};
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT batch_id, customer, order_id, day, amount, margin, "
	                       "quantity, seller_id FROM orders",
	                       -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		linelist_add(
		    &before,
		    fmt_line(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		             (const char *)sqlite3_column_text(st, 2),
		             (size_t)sqlite3_column_bytes(st, 2), sqlite3_column_int(st, 3),
		             sqlite3_column_int64(st, 4), sqlite3_column_type(st, 5) != SQLITE_NULL,
		             sqlite3_column_int64(st, 5), sqlite3_column_type(st, 6) != SQLITE_NULL,
		             sqlite3_column_double(st, 6), (const char *)sqlite3_column_text(st, 7),
		             (size_t)sqlite3_column_bytes(st, 7)));
	sqlite3_finalize(st);
	/* the amount per customer in a window, as categorization would sum it */
	int64_t win1[41] = {0};
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT customer, sum(amount) FROM orders WHERE day >= 20000 "
	                       "GROUP BY customer",
	                       -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		win1[sqlite3_column_int(st, 0)] = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);

	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	assert_int_equal(tu_count(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'orders%'"), 0);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
	                              "'snapshot_customers_customer'"),
	                 0); /* 2 -> 3 */
	assert_true(tu_count(db, "SELECT count(*) FROM order_blocks") > 40);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM order_blocks WHERE"
	                              " part NOT BETWEEN 1 AND 40"),
	                 0);
	struct store_status ss;
	assert_int_equal(store_status(db, &ss, &cause), 0);
	assert_int_equal(ss.orders, n1);
	assert_int_equal(ss.order_amount_total, sum1);
	assert_int_equal(ss.order_date_min, dmin1);
	assert_int_equal(ss.order_date_max, dmax1);
	store_status_free(&ss);
	for (int i = 0; i < 40; i++)
		each_ids[i] = i + 1;
	each_target = &after;
	assert_int_equal(orderblocks_each(db, NULL, collect_line, NULL, &cause), 0);
	assert_int_equal(after.n, before.n);
	qsort(before.s, before.n, sizeof(char *), cmpstr);
	qsort(after.s, after.n, sizeof(char *), cmpstr);
	for (size_t i = 0; i < before.n; i++) {
		assert_string_equal(after.s[i], before.s[i]);
		free(before.s[i]);
		free(after.s[i]);
	}
	free(before.s);
	free(after.s);
	/* one customer's lines only */
	struct linelist one = {0};
	each_target = &one;
	assert_int_equal(orderblocks_each(db, "K7", collect_line, NULL, &cause), 0);
	assert_int_equal(one.n, 9000 / 40);
	for (size_t i = 0; i < one.n; i++) {
		assert_true(strncmp(strchr(one.s[i], '|'), "|7|", 3) == 0);
		free(one.s[i]);
	}
	free(one.s);
	/* the loader sums the same per customer */
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, 20000, DAYS_NONE, &ds, &cause), 0);
	int64_t win2[41] = {0};
	for (size_t k = 0; k < ds.norders; k++)
		win2[ds.customers[ds.orders[k].cust].store_id] += ds.orders[k].amount;
	for (int c = 1; c <= 40; c++)
		assert_true(win1[c] == win2[c]);
	dataset_free(&ds);
	db_close(db);
	db_remove(path);
}

/* A block cut short or with the wrong line count is reported, not read. */
static void test_damaged_block(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	char *cause = NULL;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "o.csv", "abc", 0, NULL, &im, &cause),
	                 0);
	for (int i = 0; i < 100; i++) {
		struct rec r = order(i % 2 ? "K1" : "K2", 2026, 1, 1 + i % 28, 100 * (i + 1));
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause), 0);
	assert_int_equal(ds.norders, 100);
	dataset_free(&ds);
	assert_int_equal(
	    db_exec(db, "UPDATE order_blocks SET lines = lines + 1 WHERE part = 1", NULL), 0);
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause),
	                 -1);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	cause = NULL;
	assert_int_equal(db_exec(db,
	                         "UPDATE order_blocks SET lines = lines - 1, "
	                         "data = substr(data, 1, length(data) - 1) WHERE part = 1",
	                         NULL),
	                 0);
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause),
	                 -1);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	cause = NULL;
	struct linelist ll = {0};
	each_target = &ll;
	each_ids[0] = 1;
	each_ids[1] = 2;
	assert_int_equal(orderblocks_each(db, NULL, collect_line, NULL, &cause), -1);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	for (size_t i = 0; i < ll.n; i++)
		free(ll.s[i]);
	free(ll.s);
	db_close(db);
}

/* With the map of external IDs limited to 1024 slots (768 IDs), the rest
 * are looked up in SQLite: the same customers, ids and sums as without. */
static void test_map_limit(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	struct import_counts c;
	char *cause = NULL;
	char ids[3000][16];
	int64_t want[3000] = {0};
	idmap_set_limit(1024);
	for (int pass = 0; pass < 2; pass++) {
		/* the first import names customers 0..1999, the second 1000..2999 */
		assert_int_equal(store_import_begin(db, REC_ORDERS, pass ? "b.csv" : "a.csv",
		                                    pass ? "hb" : "ha", 0, NULL, &im, &cause),
		                 0);
		for (int i = 0; i < 12000; i++) {
			int k = pass * 1000 + (i * 7919) % 2000;
			snprintf(ids[k], sizeof(ids[k]), "K%d", k);
			struct rec r = order(ids[k], 2026, 1, 1 + i % 28, i + 1);
			want[k] += i + 1;
			assert_int_equal(store_import_add(im, &r, &cause), 0);
		}
		assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
		assert_int_equal(c.customers_created, pass ? 1000 : 2000);
	}
	/* a customer file naming old and new IDs: updates counted right */
	assert_int_equal(store_import_begin(db, REC_CUSTOMERS, "c.csv", "hc", 0, NULL, &im, &cause),
	                 0);
	for (int k = 2900; k < 3100; k++) {
		struct rec r;
		memset(&r, 0, sizeof(r));
		r.kind = REC_CUSTOMERS;
		char id[16];
		snprintf(id, sizeof(id), "K%d", k);
		r.u.c.customer_id = id;
		r.u.c.name = "N";
		r.u.c.employees = -1;
		r.u.c.open_min = r.u.c.close_min = -1;
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.updated, 100);
	idmap_set_limit((size_t)1 << 21);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers"), 3100);
	assert_int_equal(tu_count(db, "SELECT count(DISTINCT customer_id) FROM customers"), 3100);
	assert_int_equal(tu_count(db, "SELECT max(id) FROM customers"), 3100);
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause), 0);
	assert_int_equal(ds.norders, 24000);
	int64_t *got = calloc(ds.ncustomers, sizeof(int64_t));
	for (size_t i = 0; i < ds.norders; i++)
		got[ds.orders[i].cust] += ds.orders[i].amount;
	for (size_t i = 0; i < ds.ncustomers; i++) {
		int k = atoi(ds.customers[i].id + 1);
		assert_true(got[i] == (k < 3000 ? want[k] : 0));
	}
	free(got);
	dataset_free(&ds);
	db_close(db);
}

/* The map of external IDs doubles in place many times (1024 slots up to
 * 2^17) with short IDs kept in the slots and long ones beside: after every
 * doubling each ID still finds its customer (a lost one would be created
 * again and break the unique index), and the ids follow first appearance. */
static void test_map_grows(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	struct import_counts c;
	char *cause = NULL;
	enum { N = 40000 };
	static int64_t want[N];
	static int first[N];
	int next = 0;
	memset(want, 0, sizeof(want));
	memset(first, 0, sizeof(first));
	assert_int_equal(store_import_begin(db, REC_ORDERS, "g.csv", "hg", 0, NULL, &im, &cause),
	                 0);
	for (int i = 0; i < 3 * N; i++) {
		int k = (int)(((int64_t)i * 7919) % N); /* every customer three times, scattered */
		char id[40];
		if (k % 3)
			snprintf(id, sizeof(id), "K%d", k);
		else
			snprintf(id, sizeof(id), "LONG-CUSTOMER-NUMBER-%08d", k);
		if (!first[k])
			first[k] = ++next;
		struct rec r = order(id, 2026, 1, 1 + i % 28, i + 1);
		want[k] += i + 1;
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.customers_created, N);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers"), N);
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause), 0);
	assert_int_equal(ds.norders, 3 * N);
	int64_t *got = calloc(ds.ncustomers, sizeof(int64_t));
	for (size_t i = 0; i < ds.norders; i++)
		got[ds.orders[i].cust] += ds.orders[i].amount;
	for (size_t i = 0; i < ds.ncustomers; i++) {
		const char *id = ds.customers[i].id;
		int k = atoi(id[0] == 'K' ? id + 1 : id + strlen("LONG-CUSTOMER-NUMBER-"));
		assert_true(got[i] == want[k]);
		assert_true(ds.customers[i].store_id == first[k]);
	}
	free(got);
	dataset_free(&ds);
	db_close(db);
}

static int64_t id_of(sqlite3 *db, const char *ext)
{
	char sql[128];
	snprintf(sql, sizeof(sql),
	         "SELECT ifnull((SELECT id FROM customers WHERE customer_id = '%s'), 0)", ext);
	return tu_count(db, sql);
}

/* Customers known before the lines (the IDs the first pass saw): the new
 * ones are created first, their ids in the order of their IDs; those in
 * the workspace keep theirs; one seen only on a rejected row (never
 * stored) is gone at commit and not counted; an ID not seen still gets its
 * customer. The lines name the right customers. A seen map that is full is
 * not used (the line-by-line way). */
static void test_seen_customers_first(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	struct import_counts c;
	char *cause = NULL;
	assert_int_equal(store_import_begin(db, REC_ORDERS, "a.csv", "ha", 0, NULL, &im, &cause),
	                 0);
	struct rec r = order("M1", 2026, 1, 2, 100);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	r = order("A0", 2026, 1, 2, 100);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(id_of(db, "M1"), 1);
	assert_int_equal(id_of(db, "A0"), 2);

	struct idmap seen = {0};
	const char *ids[] = {
	    "Z9", "M1", "B-LONG-CUSTOMER-ID-2", "REJECTED", "B-LONG-CUSTOMER-ID-10", "Ö1", "C3"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		idmap_put(&seen, ids[i], STORE_ID_SEEN);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "b.csv", "hb", 0, &seen, &im, &cause),
	                 0);
	assert_int_equal(seen.n, 0); /* taken over */
	const char *lines[] = {
	    "Z9", "M1", "C3", "B-LONG-CUSTOMER-ID-2", "Ö1", "NOT-SEEN", "B-LONG-CUSTOMER-ID-10",
	    "Z9"};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		r = order(lines[i], 2026, 2, 1 + (int)i, 1000 * ((int64_t)i + 1));
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.customers_created, 6); /* 5 seen and stored, NOT-SEEN */
	/* strcmp order: B-LONG-..-10 < B-LONG-..-2 < C3 < Z9 < Ö1 (UTF-8 above ASCII) */
	assert_int_equal(id_of(db, "B-LONG-CUSTOMER-ID-10"), 3);
	assert_int_equal(id_of(db, "B-LONG-CUSTOMER-ID-2"), 4);
	assert_int_equal(id_of(db, "C3"), 5);
	assert_int_equal(id_of(db, "Z9"), 7); /* 6 was REJECTED's, removed */
	assert_int_equal(id_of(db, "Ö1"), 8);
	assert_int_equal(id_of(db, "REJECTED"), 0);
	assert_int_equal(id_of(db, "NOT-SEEN"), 9);
	assert_int_equal(id_of(db, "M1"), 1);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers"), 8);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers WHERE created_by = 'orders' "
	                              "AND batch_id = 2"),
	                 6);
	struct dataset ds;
	assert_int_equal(store_load_dataset(db, LOAD_ORDERS, DAYS_NONE, DAYS_NONE, &ds, &cause), 0);
	assert_int_equal(ds.norders, 10);
	for (size_t i = 0; i < ds.norders; i++) {
		const char *who = ds.customers[ds.orders[i].cust].id;
		int64_t a = ds.orders[i].amount;
		if (ds.orders[i].day < days_from_ymd(2026, 2, 1)) {
			assert_int_equal(a, 100);
			continue;
		}
		size_t k = (size_t)(ds.orders[i].day - days_from_ymd(2026, 2, 1));
		assert_int_equal(a, 1000 * ((int64_t)k + 1));
		assert_string_equal(who, lines[k]);
	}
	dataset_free(&ds);

	/* full: not used, and freed */
	idmap_set_limit(1024);
	for (int i = 0; i < 900; i++) {
		char k[16];
		snprintf(k, sizeof(k), "F%d", i);
		idmap_put(&seen, k, STORE_ID_SEEN);
	}
	idmap_set_limit((size_t)1 << 21);
	assert_true(seen.full);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "c.csv", "hc", 0, &seen, &im, &cause),
	                 0);
	assert_int_equal(seen.n, 0);
	r = order("F1", 2026, 3, 1, 5);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	r = order("Z9", 2026, 3, 1, 5);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.customers_created, 1);
	assert_int_equal(id_of(db, "F1"), 10);
	assert_int_equal(id_of(db, "F0"), 0);
	db_close(db);
}

static long long pragma(sqlite3 *db, const char *sql)
{
	return tu_count(db, sql);
}

/* An import sets foreign_keys and cache_size for its own use and puts back
 * what it found, after a commit and after an abort alike. */
static void test_import_restores_pragmas(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	struct import_counts c;
	char *cause = NULL;
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -5000", NULL),
	                 0);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "a.csv", "h1", 0, NULL, &im, &cause),
	                 0);
	assert_int_equal(pragma(db, "PRAGMA cache_size"), -16384);
	struct rec r = order("K1", 2026, 1, 2, 100);
	assert_int_equal(store_import_add(im, &r, &cause), 0);
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(pragma(db, "PRAGMA foreign_keys"), 0);
	assert_int_equal(pragma(db, "PRAGMA cache_size"), -5000);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = 300", NULL), 0);
	assert_int_equal(store_import_begin(db, REC_ORDERS, "b.csv", "h2", 0, NULL, &im, &cause),
	                 0);
	assert_int_equal(pragma(db, "PRAGMA foreign_keys"), 0);
	store_import_abort(im);
	assert_int_equal(pragma(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma(db, "PRAGMA cache_size"), 300);
	db_close(db);
}

static struct rec seller(const char *id, const char *postal)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	r.kind = REC_SELLERS;
	r.u.s.seller_id = id;
	r.u.s.home_postal_code = postal;
	return r;
}

/* A sellers file: sellers already there are found (in SQLite when the ID
 * map is full) and counted as updated, homes placed by postal code counted
 * as located — in the import's counters, not as customers. */
static void test_sellers_counts(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	struct store_import *im;
	struct import_counts c;
	char *cause = NULL;
	char id[16];
	idmap_set_limit(1024); /* 768 IDs: the second file's map is full */
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(store_import_begin(db, REC_SELLERS, "s.csv", pass ? "s2" : "s1", 0,
		                                    NULL, &im, &cause),
		                 0);
		for (int k = pass * 500; k < 1000 + pass * 500; k++) {
			snprintf(id, sizeof(id), "S%d", k);
			struct rec r = seller(id, k % 2 ? "186 00" : NULL);
			assert_int_equal(store_import_add(im, &r, &cause), 0);
		}
		assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
		assert_int_equal(c.updated, pass ? 500 : 0);
		assert_int_equal(c.located, 500);
		assert_int_equal(c.customers_created, 0);
	}
	idmap_set_limit((size_t)1 << 21);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM sellers"), 1500);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM customers"), 0);
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
	    cmocka_unit_test(test_load_activities_order),
	    cmocka_unit_test(test_load_recent),
	    cmocka_unit_test(test_migrate_v1_orders),
	    cmocka_unit_test(test_damaged_block),
	    cmocka_unit_test(test_map_limit),
	    cmocka_unit_test(test_map_grows),
	    cmocka_unit_test(test_seen_customers_first),
	    cmocka_unit_test(test_import_restores_pragmas),
	    cmocka_unit_test(test_sellers_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
