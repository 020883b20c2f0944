/* test-auth.c — covers src/store/user.c and src/store/session.c: argon2id
 * hashes, password checks, the failed-login slowdown (per user name, known
 * or not, and per address; counted before the check, so guesses at once
 * cannot all be checked), a new password ending the sessions, sessions
 * (tokens, hashing, expiry, deletion) and constant-time token comparison. */
#include "testutil.h"

#include "store/db.h"
#include "store/session.h"
#include "store/user.h"

#include <pthread.h>
#include <sqlite3.h>

static sqlite3 *open_tmp(char *path, size_t n)
{
	snprintf(path, n, "%s/fokus-unit-auth-%ld-%d.db", tu_tmp(), (long)getpid(), rand());
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

static void test_roles(void **state)
{
	(void)state;
	enum user_role r;
	assert_int_equal(user_role_parse("Manager", &r), 0);
	assert_int_equal(r, USER_MANAGER);
	assert_string_equal(user_role_code(USER_SERVICE), "service");
	assert_int_equal(user_role_parse("boss", &r), -1);
	assert_string_equal(user_role_code((enum user_role)9), "");
}

static void test_add_check_remove(void **state)
{
	(void)state;
	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "anna", USER_MANAGER, NULL, "correct horse", &cause), 0);
	/* refusals are -2 (the sentence says why), workspace errors -1 */
	assert_int_equal(user_add(db, "anna", USER_MANAGER, NULL, "correct horse", &cause), -2);
	assert_non_null(strstr(cause, "exists"));
	free(cause);
	cause = NULL;
	assert_int_equal(user_add(db, "erik", USER_SELLER, NULL, "long enough", &cause), -2);
	free(cause);
	cause = NULL;
	assert_int_equal(user_add(db, "kort", USER_MANAGER, NULL, "short", &cause), -2);
	free(cause);
	cause = NULL;
	assert_int_equal(user_add(db, "erik", USER_SELLER, "S03", "long enough", &cause), 0);

	/* The hash is argon2id, never the password. */
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT pw_hash FROM users WHERE name='anna'", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *h = (const char *)sqlite3_column_text(st, 0);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_null(strstr(h, "correct horse"));
	sqlite3_finalize(st);

	struct user u;
	int64_t wait;
	assert_int_equal(user_check(db, "anna", "correct horse", NULL, 1000, &u, &wait, &cause),
	                 USER_CHECK_OK);
	assert_string_equal(u.name, "anna");
	assert_int_equal(u.role, USER_MANAGER);
	user_free(&u);
	assert_int_equal(user_check(db, "anna", "wrong", NULL, 1000, &u, &wait, &cause),
	                 USER_CHECK_BAD);
	assert_int_equal(user_check(db, "nobody", "x", NULL, 1000, &u, &wait, &cause),
	                 USER_CHECK_BAD);
	assert_int_equal(user_get(db, "erik", &u, &cause), 0);
	assert_string_equal(u.seller_id, "S03");
	user_free(&u);

	struct user *v;
	int n;
	assert_int_equal(user_list(db, &v, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "anna");
	for (int i = 0; i < n; i++)
		user_free(&v[i]);
	free(v);

	assert_int_equal(user_set_password(db, "anna", "new password", &cause), 0);
	assert_int_equal(user_check(db, "anna", "correct horse", NULL, 1000, &u, &wait, &cause),
	                 USER_CHECK_BAD);
	assert_int_equal(user_check(db, "anna", "new password", NULL, 1000, &u, &wait, &cause),
	                 USER_CHECK_OK);
	user_free(&u);
	assert_int_equal(user_remove(db, "anna", &cause), 0);
	assert_int_equal(user_remove(db, "anna", &cause), 1);
	assert_int_equal(user_get(db, "anna", &u, &cause), 1);
	close_tmp(db, path);
}

static void test_slowdown(void **state)
{
	(void)state;
	struct user u = {.failed_logins = 2, .last_failed_at = 100};
	assert_int_equal(user_login_wait(&u, 100), 0);
	u.failed_logins = 3;
	assert_int_equal(user_login_wait(&u, 100), 1);
	assert_int_equal(user_login_wait(&u, 101), 0);
	u.failed_logins = 5;
	assert_int_equal(user_login_wait(&u, 100), 4);
	u.failed_logins = 40;
	assert_int_equal(user_login_wait(&u, 100), 60);

	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "bo", USER_MANAGER, NULL, "right password", &cause), 0);
	struct user out;
	int64_t wait = 0;
	for (int i = 0; i < 3; i++)
		assert_int_equal(user_check(db, "bo", "wrong", NULL, 5000, &out, &wait, &cause),
		                 USER_CHECK_BAD);
	/* Now even the right password must wait; nothing is checked meanwhile. */
	assert_int_equal(user_check(db, "bo", "right password", NULL, 5000, &out, &wait, &cause),
	                 USER_CHECK_WAIT);
	assert_int_equal(wait, 1);
	assert_int_equal(user_check(db, "bo", "right password", NULL, 5001, &out, &wait, &cause),
	                 USER_CHECK_OK);
	user_free(&out);
	/* A success resets the count. */
	assert_int_equal(user_check(db, "bo", "wrong", NULL, 5002, &out, &wait, &cause),
	                 USER_CHECK_BAD);
	assert_int_equal(user_check(db, "bo", "right password", NULL, 5002, &out, &wait, &cause),
	                 USER_CHECK_OK);
	user_free(&out);
	close_tmp(db, path);
}

static void test_slowdown_unknown_and_address(void **state)
{
	(void)state;
	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "bo", USER_MANAGER, NULL, "right password", &cause), 0);
	struct user out;
	int64_t wait = 0;
	/* An unknown name is slowed down exactly like a known one. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(user_check(db, "ghost", "x", NULL, 6000, &out, &wait, &cause),
		                 USER_CHECK_BAD);
		assert_int_equal(user_check(db, "bo", "x", NULL, 6000, &out, &wait, &cause),
		                 USER_CHECK_BAD);
	}
	assert_int_equal(user_check(db, "ghost", "x", NULL, 6000, &out, &wait, &cause),
	                 USER_CHECK_WAIT);
	int64_t ghost_wait = wait;
	assert_int_equal(user_check(db, "bo", "x", NULL, 6000, &out, &wait, &cause),
	                 USER_CHECK_WAIT);
	assert_int_equal(wait, ghost_wait);
	/* One address trying many names waits after USER_ADDR_FREE_FAILURES. */
	char name[32];
	for (int i = 0; i < USER_ADDR_FREE_FAILURES; i++) {
		snprintf(name, sizeof(name), "spray%d", i);
		assert_int_equal(user_check(db, name, "x", "192.0.2.7", 7000, &out, &wait, &cause),
		                 USER_CHECK_BAD);
	}
	assert_int_equal(
	    user_check(db, "bo", "right password", "192.0.2.7", 7000, &out, &wait, &cause),
	    USER_CHECK_WAIT);
	assert_int_equal(wait, 1);
	/* ... while another address logs in. */
	assert_int_equal(
	    user_check(db, "bo", "right password", "192.0.2.8", 7000, &out, &wait, &cause),
	    USER_CHECK_OK);
	user_free(&out);
	/* Counts quiet for a day are forgotten. */
	assert_int_equal(
	    user_check(db, "ghost", "x", "192.0.2.7", 7000 + 86401, &out, &wait, &cause),
	    USER_CHECK_BAD);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT count(*), max(failures) FROM login_failures",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2); /* user:ghost and addr:192.0.2.7 */
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	close_tmp(db, path);
}

struct guess {
	const char *path;
	int result;
};

static void *guess_main(void *arg)
{
	struct guess *g = arg;
	sqlite3 *db = NULL;
	char *cause = NULL;
	struct user out;
	int64_t wait;
	if (db_open(g->path, &db, &cause) != 0) {
		g->result = -1;
		free(cause);
		return NULL;
	}
	g->result = user_check(db, "bo", "wrong guess", NULL, 9000, &out, &wait, &cause);
	free(cause);
	db_close(db);
	return NULL;
}

static void test_guesses_at_once(void **state)
{
	(void)state;
	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "bo", USER_MANAGER, NULL, "right password", &cause), 0);
	enum { N = 12 };
	pthread_t t[N];
	struct guess g[N];
	for (int i = 0; i < N; i++) {
		g[i] = (struct guess){path, -9};
		assert_int_equal(pthread_create(&t[i], NULL, guess_main, &g[i]), 0);
	}
	int checked = 0, waited = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		checked += g[i].result == USER_CHECK_BAD;
		waited += g[i].result == USER_CHECK_WAIT;
	}
	/* Each guess was counted before its check: only the free ones were checked. */
	assert_int_equal(checked, USER_FREE_FAILURES);
	assert_int_equal(waited, N - USER_FREE_FAILURES);
	close_tmp(db, path);
}

static void test_passwd_ends_sessions(void **state)
{
	(void)state;
	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "dan", USER_SELLER, "S1", "first password", &cause), 0);
	assert_int_equal(user_add(db, "eva", USER_MANAGER, NULL, "other password", &cause), 0);
	struct user dan, eva;
	assert_int_equal(user_get(db, "dan", &dan, &cause), 0);
	assert_int_equal(user_get(db, "eva", &eva, &cause), 0);
	char t1[SESSION_TOKEN_LEN + 1], c1[SESSION_TOKEN_LEN + 1], t2[SESSION_TOKEN_LEN + 1],
	    c2[SESSION_TOKEN_LEN + 1];
	assert_int_equal(session_create(db, dan.id, 1000, 600, t1, c1, &cause), 0);
	assert_int_equal(session_create(db, eva.id, 1000, 600, t2, c2, &cause), 0);
	struct user out;
	int64_t wait;
	assert_int_equal(user_check(db, "dan", "bad", NULL, 1000, &out, &wait, &cause),
	                 USER_CHECK_BAD);
	assert_int_equal(user_set_password(db, "dan", "second password", &cause), 0);
	struct session s;
	assert_int_equal(session_get(db, t1, 1001, &s, &cause), 1); /* logged out */
	assert_int_equal(session_get(db, t2, 1001, &s, &cause), 0); /* others stay */
	user_free(&s.user);
	assert_int_equal(user_get(db, "dan", &out, &cause), 0);
	assert_int_equal(out.failed_logins, 0);
	user_free(&out);
	assert_int_equal(user_set_password(db, "nobody", "second password", &cause), 1);
	user_free(&dan);
	user_free(&eva);
	close_tmp(db, path);
}

static void test_sessions(void **state)
{
	(void)state;
	char path[256], *cause = NULL;
	sqlite3 *db = open_tmp(path, sizeof(path));
	assert_int_equal(user_add(db, "cia", USER_SERVICE, NULL, "service pass", &cause), 0);
	struct user u;
	assert_int_equal(user_get(db, "cia", &u, &cause), 0);
	char tok[SESSION_TOKEN_LEN + 1], csrf[SESSION_TOKEN_LEN + 1], tok2[SESSION_TOKEN_LEN + 1],
	    csrf2[SESSION_TOKEN_LEN + 1];
	assert_int_equal(session_create(db, u.id, 1000, 60, tok, csrf, &cause), 0);
	assert_int_equal(session_create(db, u.id, 1000, 60, tok2, csrf2, &cause), 0);
	assert_int_equal((int)strlen(tok), SESSION_TOKEN_LEN);
	assert_string_not_equal(tok, tok2);
	assert_string_not_equal(csrf, csrf2);
	struct session s;
	assert_int_equal(session_get(db, tok, 1059, &s, &cause), 0);
	assert_string_equal(s.user.name, "cia");
	assert_int_equal(s.user.role, USER_SERVICE);
	assert_string_equal(s.csrf, csrf);
	user_free(&s.user);
	assert_int_equal(session_get(db, tok, 1060, &s, &cause), 1); /* expired */
	assert_int_equal(session_get(db, "not-a-token", 1000, &s, &cause), 1);
	assert_int_equal(session_get(db, NULL, 1000, &s, &cause), 1);
	/* The table holds a hash, not the token. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT count(*) FROM sessions WHERE token_hash = ?",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, tok2, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_int_equal(session_delete(db, tok2, &cause), 0);
	assert_int_equal(session_get(db, tok2, 1000, &s, &cause), 1);
	/* Removing the user ends their sessions. */
	assert_int_equal(session_create(db, u.id, 2000, 60, tok, csrf, &cause), 0);
	assert_int_equal(user_remove(db, "cia", &cause), 0);
	assert_int_equal(session_get(db, tok, 2001, &s, &cause), 1);
	user_free(&u);

	assert_true(session_token_equal("abc", "abc"));
	assert_false(session_token_equal("abc", "abd"));
	assert_false(session_token_equal("abc", "abcd"));
	assert_false(session_token_equal("", ""));
	assert_false(session_token_equal(NULL, "abc"));
	close_tmp(db, path);
}

int main(void)
{
	assert_int_equal(user_crypto_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_add_check_remove),
	    cmocka_unit_test(test_slowdown),
	    cmocka_unit_test(test_slowdown_unknown_and_address),
	    cmocka_unit_test(test_guesses_at_once),
	    cmocka_unit_test(test_passwd_ends_sessions),
	    cmocka_unit_test(test_sessions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
