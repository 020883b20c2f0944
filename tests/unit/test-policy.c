/* test-policy.c — covers src/core/policy.c (defaults, channel names) and
 * src/store/policy.c (load and save of the workspace's policy table). */
#include "testutil.h"

#include "core/policy.h"
#include "store/db.h"
#include "store/policy.h"

#include <sqlite3.h>

static void test_defaults(void **state)
{
	(void)state;
	struct policy p;
	policy_default(&p);
	assert_int_equal(p.cat[CAT_1].role, ROLE_FARMER);
	assert_true(p.cat[CAT_1].per_year[CH_VISIT] == 10 && p.cat[CAT_1].minutes[CH_VISIT] == 60);
	assert_true(p.cat[CAT_1].per_year[CH_PHONE] == 12 && p.cat[CAT_1].minutes[CH_PHONE] == 15);
	assert_int_equal(p.cat[CAT_2R].role, ROLE_FARMER);
	assert_true(p.cat[CAT_2R].per_year[CH_VISIT] == 4 && p.cat[CAT_2R].per_year[CH_PHONE] == 4);
	assert_int_equal(p.cat[CAT_2P].role, ROLE_HUNTER);
	assert_true(p.cat[CAT_2P].per_year[CH_VISIT] == 6 && p.cat[CAT_2P].minutes[CH_PHONE] == 15);
	assert_int_equal(p.cat[CAT_3].role, ROLE_SERVICE);
	assert_true(p.cat[CAT_3].per_year[CH_VISIT] == 0);
	assert_true(p.cat[CAT_3].per_year[CH_NEWSLETTER] == 4);
	assert_true(p.cat[CAT_3].per_year[CH_PHONE] == 1 && p.cat[CAT_3].minutes[CH_PHONE] == 10);
}

static void test_channels(void **state)
{
	(void)state;
	enum channel c;
	assert_string_equal(channel_code(CH_VISIT), "visit");
	assert_string_equal(channel_code(CH_PHONE), "phone");
	assert_string_equal(channel_code(CH_NEWSLETTER), "newsletter");
	assert_int_equal(channel_parse("Besök", &c), 0);
	assert_int_equal(c, CH_VISIT);
	assert_int_equal(channel_parse("telefon", &c), 0);
	assert_int_equal(c, CH_PHONE);
	assert_int_equal(channel_parse("NYHETSBREV", &c), 0);
	assert_int_equal(c, CH_NEWSLETTER);
	assert_int_equal(channel_parse("fax", &c), -1);
	assert_int_equal(channel_parse(NULL, &c), -1);
}

/* Field by field (the structs have padding). */
static void assert_row_equal(const struct policy_row *a, const struct policy_row *b)
{
	assert_int_equal(a->role, b->role);
	for (int ch = 0; ch < CH_COUNT; ch++) {
		assert_true(a->per_year[ch] == b->per_year[ch]);
		assert_true(a->minutes[ch] == b->minutes[ch]);
	}
}

static void assert_policy_equal(const struct policy *a, const struct policy *b)
{
	for (int c = 0; c < CAT_COUNT; c++)
		assert_row_equal(&a->cat[c], &b->cat[c]);
}

static sqlite3 *open_tmp(char *path)
{
	sprintf(path, "%s/fokus-unit-policy-XXXXXX", tu_tmp());
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	sqlite3 *db = NULL;
	char *cause = NULL;
	assert_int_equal(db_open(path, &db, &cause), 0);
	return db;
}

static void close_tmp(sqlite3 *db, const char *path)
{
	db_close(db);
	db_remove(path);
}

static void test_store_roundtrip(void **state)
{
	(void)state;
	char path[512];
	sqlite3 *db = open_tmp(path);
	char *cause = NULL;
	struct policy p, d, q;
	policy_default(&d);
	/* The schema seeds the table with the same defaults. */
	assert_int_equal(store_policy_load(db, &p, &cause), 0);
	assert_policy_equal(&p, &d);
	p.cat[CAT_2P].role = ROLE_FARMER;
	p.cat[CAT_2P].per_year[CH_VISIT] = 8.5;
	p.cat[CAT_3].minutes[CH_NEWSLETTER] = 2;
	assert_int_equal(store_policy_save(db, &p, &cause), 0);
	assert_int_equal(store_policy_load(db, &q, &cause), 0);
	assert_policy_equal(&p, &q);
	/* A policy without a role is refused and changes nothing. */
	q.cat[CAT_1].role = ROLE_NONE;
	assert_int_equal(store_policy_save(db, &q, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_policy_load(db, &q, &cause), 0);
	assert_policy_equal(&p, &q);
	/* A missing row falls back to the default; a bad role is an error. */
	assert_int_equal(db_exec(db, "DELETE FROM policy WHERE category = '1'", &cause), 0);
	assert_int_equal(store_policy_load(db, &q, &cause), 0);
	assert_row_equal(&q.cat[CAT_1], &d.cat[CAT_1]);
	assert_int_equal(
	    db_exec(db, "UPDATE policy SET role = 'pilot' WHERE category = '3'", &cause), 0);
	assert_int_equal(store_policy_load(db, &q, &cause), -1);
	assert_non_null(strstr(cause, "pilot"));
	free(cause);
	close_tmp(db, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_channels),
	    cmocka_unit_test(test_store_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
