/* test-valuemap.c — covers src/store/valuemap.c (the value map of imports,
 * schema 4), store_import_expect and the activities' --replace in
 * src/store/import.c: entries kept, replaced and forgotten; a large
 * activities import drops the index by customer and builds it again at
 * commit, a small one keeps it, an abort leaves it as it was (and no index by
 * batch exists since schema 8); --replace removes the activities of earlier
 * activity files only, not those the newsletter or My day logged. */
#include "testutil.h"

#include "core/dataset.h"
#include "store/db.h"
#include "store/follow.h"
#include "store/import.h"
#include "store/valuemap.h"
#include "util/days.h"

static sqlite3 *fresh_db(void)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/fokus-unit-valuemap-%ld.db", tu_tmp(), (long)getpid());
	db_remove(path);
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	return db;
}

static void test_put_load(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	char *cause = NULL;
	assert_int_equal(store_valuemap_put(db, VOCAB_TYPE, "Fysiskt möte", ACT_VISIT, &cause), 0);
	assert_int_equal(store_valuemap_put(db, VOCAB_TYPE, "Kundlunch", ACT_OTHER, &cause), 0);
	assert_int_equal(store_valuemap_put(db, VOCAB_TYPE, "KUNDLUNCH", ACT_MEETING, &cause), 0);
	assert_int_equal(store_valuemap_put(db, VOCAB_ROLE, "Regionchef", ROLE_FARMER, &cause), 0);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM value_map"), 3);
	struct vocab_map *m;
	size_t n;
	assert_int_equal(store_valuemap_load(db, &m, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(vocab_lookup(VOCAB_TYPE, "kundlunch", 9, m, n), ACT_MEETING);
	assert_int_equal(vocab_lookup(VOCAB_TYPE, "Fysiskt Möte", strlen("Fysiskt Möte"), m, n),
	                 ACT_VISIT);
	assert_int_equal(vocab_lookup(VOCAB_ROLE, "regionchef", 10, m, n), ROLE_FARMER);
	store_valuemap_free(m, n);
	assert_int_equal(store_valuemap_put(db, VOCAB_TYPE, "kund lunch", -1, &cause), 0);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM value_map"), 2);
	/* a row this fokus cannot read is left out, not an error */
	assert_int_equal(db_exec(db, "INSERT INTO value_map VALUES ('type','x','x','fika')", NULL),
	                 0);
	assert_int_equal(store_valuemap_load(db, &m, &n, &cause), 0);
	assert_int_equal(n, 2);
	store_valuemap_free(m, n);
	db_close(db);
}

static struct rec activity(const char *cust, int k)
{
	struct rec r;
	memset(&r, 0, sizeof(r));
	r.kind = REC_ACTIVITIES;
	r.u.a.customer_id = cust;
	r.u.a.seller_id = "S1";
	r.u.a.day = days_from_ymd(2026, 1, 1) + k % 300;
	r.u.a.minute = -1;
	r.u.a.type = ACT_PHONE;
	return r;
}

static long long indexes(sqlite3 *db)
{
	return tu_count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
	                    "tbl_name = 'activities'");
}

static void import_r(sqlite3 *db, const char *sha, int n, int commit, int replace)
{
	struct store_import *im;
	char *cause = NULL;
	assert_int_equal(
	    store_import_begin(db, REC_ACTIVITIES, "a.csv", sha, replace, NULL, &im, &cause), 0);
	assert_int_equal(store_import_expect(im, n, &cause), 0);
	char id[32];
	for (int k = 0; k < n; k++) {
		snprintf(id, sizeof(id), "C%d", k % 97);
		struct rec r = activity(id, k);
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	if (!commit) {
		assert_int_equal(indexes(db), n >= 4096 ? 0 : 1); /* the one by customer dropped */
		store_import_abort(im);
		return;
	}
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.rows_stored, n);
}

static void import_n(sqlite3 *db, const char *sha, int n, int commit)
{
	import_r(db, sha, n, commit, 0);
}

static void test_reindex(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	assert_int_equal(indexes(db), 1); /* by customer and day; none by batch */
	import_n(db, "a", 5000, 0);       /* aborted: the index is back */
	assert_int_equal(indexes(db), 1);
	import_n(db, "b", 5000, 1); /* large: dropped and built again */
	assert_int_equal(indexes(db), 1);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities"), 5000);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities INDEXED BY "
	                              "activities_customer_day WHERE customer > 0"),
	                 5000);
	import_n(db, "c", 100, 1); /* small: kept */
	assert_int_equal(indexes(db), 1);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	db_close(db);
}

/* A newsletter's activity (batch kind 'newsletter') and one logged on My
 * day (kind 'logged') for customer id (an existing customers.id). */
static void log_two(sqlite3 *db, int64_t customer)
{
	char *cause = NULL;
	int64_t nb, lb;
	assert_int_equal(follow_batch_new(db, "newsletter", "issue 1", &nb, &cause), 0);
	assert_int_equal(follow_batch_new(db, "logged", "My day", &lb, &cause), 0);
	struct follow_activity a = {customer, "S1",         days_from_ymd(2026, 2, 1),
	                            -1,       "newsletter", -1};
	assert_int_equal(follow_activity_add(db, nb, &a, &cause), 0);
	a.type = "visit";
	a.minute = 600;
	assert_int_equal(follow_activity_add(db, lb, &a, &cause), 0);
}

static void test_replace_keeps_logged(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	import_n(db, "a", 300, 1);
	log_two(db, tu_count(db, "SELECT min(id) FROM customers"));
	import_r(db, "b", 200, 1, 1); /* replaces file a's 300 rows, keeps the two */
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities"), 202);
	assert_int_equal(
	    tu_count(db, "SELECT count(*) FROM activities WHERE batch_id IN "
	                 "(SELECT id FROM batches WHERE kind IN ('newsletter', 'logged'))"),
	    2);
	assert_int_equal(tu_count(db, "SELECT rows FROM batches WHERE sha256 = 'b'"), 200);
	/* and with only file rows there, the whole table goes */
	assert_int_equal(db_exec(db,
	                         "DELETE FROM activities WHERE batch_id IN (SELECT id FROM "
	                         "batches WHERE kind <> 'activities')",
	                         NULL),
	                 0);
	import_r(db, "c", 50, 1, 1);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities"), 50);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_load),
	    cmocka_unit_test(test_reindex),
	    cmocka_unit_test(test_replace_keeps_logged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
