/* test-valuemap.c — covers src/store/valuemap.c (the value map of imports,
 * schema 4) and store_import_expect in src/store/import.c: entries kept,
 * replaced and forgotten; a large activities import drops the index by
 * customer and builds it again at commit, a small one keeps them, an abort leaves
 * them as they were. */
#include "testutil.h"

#include "core/dataset.h"
#include "store/db.h"
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
	assert_int_equal(db_exec(db, "INSERT INTO value_map VALUES ('type','x','x','fika')", NULL), 0);
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
	return tu_count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
			    "('activities_customer_day', 'activities_batch')");
}

static void import_n(sqlite3 *db, const char *sha, int n, int commit)
{
	struct store_import *im;
	char *cause = NULL;
	assert_int_equal(store_import_begin(db, REC_ACTIVITIES, "a.csv", sha, 0, NULL, &im, &cause),
			 0);
	assert_int_equal(store_import_expect(im, n, &cause), 0);
	char id[32];
	for (int k = 0; k < n; k++) {
		snprintf(id, sizeof(id), "C%d", k % 97);
		struct rec r = activity(id, k);
		assert_int_equal(store_import_add(im, &r, &cause), 0);
	}
	if (!commit) {
		assert_int_equal(indexes(db), n >= 4096 ? 1 : 2); /* the one by customer dropped */
		store_import_abort(im);
		return;
	}
	struct import_counts c;
	assert_int_equal(store_import_commit(im, "{}", &c, &cause), 0);
	assert_int_equal(c.rows_stored, n);
}

static void test_reindex(void **state)
{
	(void)state;
	sqlite3 *db = fresh_db();
	import_n(db, "a", 5000, 0); /* aborted: the indexes are back */
	assert_int_equal(indexes(db), 2);
	import_n(db, "b", 5000, 1); /* large: dropped and built again */
	assert_int_equal(indexes(db), 2);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities"), 5000);
	assert_int_equal(tu_count(db, "SELECT count(*) FROM activities INDEXED BY "
				      "activities_customer_day WHERE customer > 0"),
			 5000);
	import_n(db, "c", 100, 1); /* small: kept */
	assert_int_equal(indexes(db), 2);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_load),
		cmocka_unit_test(test_reindex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
