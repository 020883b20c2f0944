/* user.c — the users table: adding, removing, listing dashboard users,
 * argon2id password hashes (libsodium crypto_pwhash_str), and the
 * failed-login counts (table login_failures, per user name and per client
 * address) behind the slowdown of password guessing. */
#include "store/user.h"
#include "store/db.h"
#include "util/xmalloc.h"
#include "util/isotime.h"

#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const role_codes[USER_ROLE_COUNT] = {"admin", "manager", "seller", "service"};

const char *user_role_code(enum user_role r)
{
	return r >= 0 && r < USER_ROLE_COUNT ? role_codes[r] : "";
}

int user_role_parse(const char *s, enum user_role *out)
{
	for (int i = 0; i < USER_ROLE_COUNT; i++) {
		if (s && !strcasecmp(s, role_codes[i])) {
			*out = (enum user_role)i;
			return 0;
		}
	}
	return -1;
}

void user_free(struct user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->seller_id);
	free(u->created_at);
	memset(u, 0, sizeof(*u));
}

int user_crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static char *now_iso(void)
{
	char buf[21];
	return xstrdup(isotime_utc(time(NULL), buf));
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], char **cause)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		*cause = xstrdup("not enough memory to hash the password");
		return -1;
	}
	return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int user_add(sqlite3 *db, const char *name, enum user_role role, const char *seller_id,
             const char *password, char **cause)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (!name || !*name || strlen(name) > 100) {
		*cause = xstrdup("a user name must have 1 to 100 characters");
		return -2;
	}
	if (role < 0 || role >= USER_ROLE_COUNT) {
		*cause = xstrdup("unknown role");
		return -2;
	}
	if (role == USER_SELLER && (!seller_id || !*seller_id)) {
		*cause = xstrdup("a user with role seller needs --seller-id (their seller ID)");
		return -2;
	}
	if (!password || strlen(password) < 8) {
		*cause = xstrdup("the password must have at least 8 characters");
		return -2;
	}
	if (hash_password(password, hash, cause) != 0)
		return -1;
	char *created = now_iso();
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO users(name, role, seller_id, pw_hash, created_at) "
	                       "VALUES (?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, user_role_code(role), -1, SQLITE_STATIC);
	if (seller_id && *seller_id)
		sqlite3_bind_text(st, 3, seller_id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, created, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_CONSTRAINT || (s & 0xff) == SQLITE_CONSTRAINT) {
		*cause = xasprintf("a user named '%s' exists already", name);
		rc = -2;
		goto out;
	}
	if (s != SQLITE_DONE)
		goto fail;
	rc = 0;
	goto out;
fail:
	*cause = db_cause(db, "workspace");
out:
	sqlite3_finalize(st);
	sodium_memzero(hash, sizeof(hash));
	free(created);
	return rc;
}

int user_set_password(sqlite3 *db, const char *name, const char *password, char **cause)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st = NULL;
	if (!password || strlen(password) < 8) {
		*cause = xstrdup("the password must have at least 8 characters");
		return -1;
	}
	if (hash_password(password, hash, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0) {
		sodium_memzero(hash, sizeof(hash));
		return -1;
	}
	int rc = -1;
	if (sqlite3_prepare_v2(db, "UPDATE users SET pw_hash = ? WHERE name = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) > 0 ? 0 : 1;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* A new password ends every login made with the old one, and the
	 * failed-login count starts again. */
	if (rc == 0 &&
	    (sqlite3_prepare_v2(db,
	                        "DELETE FROM sessions WHERE user_id IN "
	                        "(SELECT id FROM users WHERE name = ?1)",
	                        -1, &st, NULL) != SQLITE_OK ||
	     (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC), sqlite3_step(st)) != SQLITE_DONE))
		rc = -1;
	sqlite3_finalize(st);
	st = NULL;
	if (rc == 0 &&
	    (sqlite3_prepare_v2(db, "DELETE FROM login_failures WHERE key = 'user:' || ?1", -1, &st,
	                        NULL) != SQLITE_OK ||
	     (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC), sqlite3_step(st)) != SQLITE_DONE))
		rc = -1;
	sqlite3_finalize(st);
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	if (rc == 0 && db_commit(db, cause) != 0)
		rc = -1;
	if (rc != 0)
		db_rollback(db);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int user_remove(sqlite3 *db, const char *name, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db,
	                       "DELETE FROM sessions WHERE user_id IN "
	                       "(SELECT id FROM users WHERE name = ?1)",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "DELETE FROM users WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	rc = sqlite3_changes(db) > 0 ? 0 : 1;
out:
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

/* The failed-login count is the login_failures row of the user's name. */
#define USER_COLS                                                                                  \
	"u.id, u.name, u.role, u.seller_id, coalesce(f.failures, 0), f.last_failed_at, "           \
	"u.created_at, u.pw_hash FROM users u LEFT JOIN login_failures f ON f.key = 'user:' || "   \
	"u.name"

static void read_row(sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->name = xstrdup(col_text(st, 1) ? col_text(st, 1) : "");
	if (user_role_parse(col_text(st, 2), &u->role) != 0)
		u->role = USER_SERVICE; /* an unknown role gets the least rights */
	u->seller_id = dup_or_null(col_text(st, 3));
	u->failed_logins = sqlite3_column_int(st, 4);
	u->last_failed_at = sqlite3_column_int64(st, 5);
	u->created_at = dup_or_null(col_text(st, 6));
}

/* Reads one user and (when hash is not NULL) the password hash. 0, 1 absent, -1. */
static int get_user(sqlite3 *db, const char *name, struct user *out, char *hash, size_t hsize,
                    char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "SELECT " USER_COLS " WHERE u.name = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			read_row(st, out);
			if (hash)
				snprintf(hash, hsize, "%s", col_text(st, 7) ? col_text(st, 7) : "");
			rc = 0;
		} else if (s == SQLITE_DONE) {
			rc = 1;
		}
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

int user_get(sqlite3 *db, const char *name, struct user *out, char **cause)
{
	return get_user(db, name, out, NULL, 0, cause);
}

int user_list(sqlite3 *db, struct user **out, int *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct user *v = NULL;
	int cnt = 0, s;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT " USER_COLS " ORDER BY u.name", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		return -1;
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, (size_t)cnt + 1, sizeof(*v));
		read_row(st, &v[cnt++]);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		for (int i = 0; i < cnt; i++)
			user_free(&v[i]);
		free(v);
		*cause = db_cause(db, "workspace");
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* Seconds to wait after `failures` failures in a row, the last at `last`:
 * none for the first `free_n`, then 1, 2, 4 ... up to 60 after the last. */
static int64_t throttle_wait(int64_t failures, int64_t last, int64_t now, int free_n)
{
	if (failures < free_n || last <= 0)
		return 0;
	int64_t shift = failures - free_n;
	int64_t delay = shift >= 6 ? 60 : (int64_t)1 << shift;
	int64_t left = last + delay - now;
	return left > 0 ? left : 0;
}

int64_t user_login_wait(const struct user *u, int64_t now)
{
	return throttle_wait(u->failed_logins, u->last_failed_at, now, USER_FREE_FAILURES);
}

/* Reads the count of key into *failures, *last (0, 0 when none). */
static int failures_of(sqlite3 *db, const char *key, int64_t *failures, int64_t *last)
{
	sqlite3_stmt *st = NULL;
	*failures = *last = 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT failures, last_failed_at FROM login_failures WHERE key = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*failures = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : -1;
}

/* Runs one statement on key (?1) and now (?2, when it has one). */
static int exec_key(sqlite3 *db, const char *sql, const char *key, int64_t now)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, now);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	return rc;
}

static const char count_sql[] =
    "INSERT INTO login_failures(key, failures, last_failed_at) VALUES (?1, 1, ?2) "
    "ON CONFLICT(key) DO UPDATE SET failures = failures + 1, last_failed_at = ?2";

/* The throttle step of a login, in one write transaction so that attempts
 * running at once are counted one after the other: how long the user name
 * and the address must still wait (*wait > 0: nothing counted), else the
 * attempt counted as failed for both before the password is checked. Counts
 * quiet for a day are forgotten. 0 or -1 with *cause. */
static int count_attempt(sqlite3 *db, const char *ukey, const char *akey, int64_t now,
                         int64_t *wait, char **cause)
{
	int64_t fu, lu, fa = 0, la = 0;
	*wait = 0;
	if (db_begin(db, cause) != 0)
		return -1;
	if (exec_key(db, "DELETE FROM login_failures WHERE last_failed_at < ?2 - 86400", "", now) !=
	        0 ||
	    failures_of(db, ukey, &fu, &lu) != 0 || (akey && failures_of(db, akey, &fa, &la) != 0))
		goto fail;
	int64_t wu = throttle_wait(fu, lu, now, USER_FREE_FAILURES);
	int64_t wa = akey ? throttle_wait(fa, la, now, USER_ADDR_FREE_FAILURES) : 0;
	*wait = wu > wa ? wu : wa;
	if (*wait > 0) {
		db_rollback(db);
		return 0;
	}
	if (exec_key(db, count_sql, ukey, now) != 0 ||
	    (akey && exec_key(db, count_sql, akey, now) != 0))
		goto fail;
	return db_commit(db, cause);
fail:
	*cause = db_cause(db, "workspace");
	db_rollback(db);
	return -1;
}

/* After a right password: the user's count starts again; the address gets
 * back the failure counted for this attempt (its others stay). */
static int count_success(sqlite3 *db, const char *ukey, const char *akey, char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	if (exec_key(db, "DELETE FROM login_failures WHERE key = ?1", ukey, 0) != 0 ||
	    (akey && exec_key(db,
	                      "UPDATE login_failures SET failures = max(failures - 1, 0) "
	                      "WHERE key = ?1",
	                      akey, 0) != 0)) {
		*cause = db_cause(db, "workspace");
		db_rollback(db);
		return -1;
	}
	return db_commit(db, cause);
}

/* A valid hash of a password nobody knows, so that unknown names cost the
 * same verification time as known ones. Made once for the process. */
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[33];
	unsigned char r[16];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(pw, sizeof(pw), r, sizeof(r));
	if (crypto_pwhash_str(dummy, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0';
}

void user_check_prepare(void)
{
	pthread_once(&dummy_once, make_dummy);
}

int user_check(sqlite3 *db, const char *name, const char *password, const char *addr, int64_t now,
               struct user *out, int64_t *wait, char **cause)
{
	char hash[crypto_pwhash_STRBYTES + 1];
	struct user u = {0};
	*wait = 0;
	memset(out, 0, sizeof(*out));
	user_check_prepare();
	name = name ? name : "";
	char *ukey = xasprintf("user:%s", name), *akey = addr ? xasprintf("addr:%s", addr) : NULL;
	int rc = -1;
	if (count_attempt(db, ukey, akey, now, wait, cause) != 0)
		goto out;
	if (*wait > 0) {
		rc = USER_CHECK_WAIT;
		goto out;
	}
	int g = get_user(db, name, &u, hash, sizeof(hash), cause);
	if (g < 0)
		goto out;
	/* Unknown names verify the dummy hash: the same work, the same answer. */
	const char *h = g == 0 ? hash : dummy;
	int ok = *h && crypto_pwhash_str_verify(h, password, strlen(password)) == 0 && g == 0;
	sodium_memzero(hash, sizeof(hash));
	if (!ok) {
		rc = USER_CHECK_BAD;
		goto out;
	}
	if (count_success(db, ukey, akey, cause) != 0)
		goto out;
	u.failed_logins = 0;
	u.last_failed_at = 0;
	*out = u;
	memset(&u, 0, sizeof(u));
	rc = USER_CHECK_OK;
out:
	user_free(&u);
	free(ukey);
	free(akey);
	return rc;
}

/* --- e-mail addresses and feed tokens ---------------------------------------- */

/* Runs an UPDATE of the user `name` with text a (NULL binds NULL). Returns
 * 0, 1 when no user has that name, -1 with *cause. */
static int update_user(sqlite3 *db, const char *sql, const char *a, const char *name, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (a)
			sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 1);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) ? 0 : 1;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

int user_email_get(sqlite3 *db, const char *name, char **out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	*out = NULL;
	if (sqlite3_prepare_v2(db, "SELECT email FROM users WHERE name = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			*out = dup_or_null(col_text(st, 0));
			rc = 0;
		} else if (s == SQLITE_DONE) {
			rc = 1;
		}
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

int user_email_set(sqlite3 *db, const char *name, const char *email, char **cause)
{
	return update_user(db, "UPDATE users SET email = ?1 WHERE name = ?2", email, name, cause);
}

static void email_row(sqlite3_stmt *st, void *elem)
{
	*(char **)elem = xstrdup(col_text(st, 0));
}

static void emails_release(void *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(((char **)v)[i]);
	free(v);
}

int user_emails_of_role(sqlite3 *db, enum user_role role, char ***out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	void *v;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT email FROM users WHERE role = ?1 AND email IS NOT NULL AND "
	                       "email <> '' ORDER BY name",
	                       -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "workspace");
		return -1;
	}
	sqlite3_bind_text(st, 1, user_role_code(role), -1, SQLITE_STATIC);
	if (db_collect(db, st, sizeof(char *), email_row, &v, n, emails_release, "workspace",
	               cause) != 0)
		return -1;
	*out = v;
	return 0;
}

/* A feed token's hash: BLAKE2b keyed with a fixed context, so the same bytes
 * as a session token never hash alike. */
static void feed_hash(const char *token, char out[65])
{
	static const unsigned char ctx[16] = "fokus-feed-token";
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), ctx,
	                   sizeof(ctx));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int user_feed_token_new(sqlite3 *db, const char *name, char token[USER_FEED_TOKEN_LEN + 1],
                        char **cause)
{
	unsigned char r[USER_FEED_TOKEN_LEN / 2];
	char h[65];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(token, USER_FEED_TOKEN_LEN + 1, r, sizeof(r));
	sodium_memzero(r, sizeof(r));
	feed_hash(token, h);
	return update_user(db, "UPDATE users SET feed_token_hash = ?1 WHERE name = ?2", h, name,
	                   cause);
}

int user_feed_token_revoke(sqlite3 *db, const char *name, char **cause)
{
	return update_user(db, "UPDATE users SET feed_token_hash = ?1 WHERE name = ?2", NULL, name,
	                   cause);
}

int user_by_feed_token(sqlite3 *db, const char *token, struct user *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	char h[65], *name = NULL;
	int rc = -1;
	if (!token || strlen(token) != USER_FEED_TOKEN_LEN ||
	    strspn(token, "0123456789abcdef") != USER_FEED_TOKEN_LEN)
		return 1;
	feed_hash(token, h);
	if (sqlite3_prepare_v2(db, "SELECT name FROM users WHERE feed_token_hash = ?1", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, h, -1, SQLITE_STATIC);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			name = xstrdup(col_text(st, 0));
		rc = s == SQLITE_ROW ? 0 : s == SQLITE_DONE ? 1 : -1;
	}
	sqlite3_finalize(st);
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	if (rc == 0)
		rc = user_get(db, name, out, cause);
	free(name);
	return rc;
}
