/* user.c — the users table: adding, removing, listing dashboard users,
 * argon2id password hashes (libsodium crypto_pwhash_str) and the failed-login
 * counter behind the slowdown of password guessing. */
#include "store/user.h"
#include "store/db.h"
#include "util/xmalloc.h"

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
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
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
		return -1;
	}
	if (role < 0 || role >= USER_ROLE_COUNT) {
		*cause = xstrdup("unknown role");
		return -1;
	}
	if (role == USER_SELLER && (!seller_id || !*seller_id)) {
		*cause = xstrdup("a user with role seller needs --seller-id (their seller ID)");
		return -1;
	}
	if (!password || strlen(password) < 8) {
		*cause = xstrdup("the password must have at least 8 characters");
		return -1;
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
	int rc = -1;
	if (sqlite3_prepare_v2(
	        db,
	        "UPDATE users SET pw_hash = ?, failed_logins = 0, last_failed_at = NULL "
	        "WHERE name = ?",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = sqlite3_changes(db) > 0 ? 0 : 1;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
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

#define USER_COLS "id, name, role, seller_id, failed_logins, last_failed_at, created_at, pw_hash"

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
	if (sqlite3_prepare_v2(db, "SELECT " USER_COLS " FROM users WHERE name = ?", -1, &st,
	                       NULL) == SQLITE_OK) {
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
	if (sqlite3_prepare_v2(db, "SELECT " USER_COLS " FROM users ORDER BY name", -1, &st,
	                       NULL) != SQLITE_OK) {
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

int64_t user_login_wait(const struct user *u, int64_t now)
{
	if (u->failed_logins < 3 || u->last_failed_at <= 0)
		return 0;
	int shift = u->failed_logins - 3;
	int64_t delay = shift >= 6 ? 60 : (int64_t)1 << shift;
	if (delay > 60)
		delay = 60;
	int64_t left = u->last_failed_at + delay - now;
	return left > 0 ? left : 0;
}

static int note_login(sqlite3 *db, int64_t id, int ok, int64_t now, char **cause)
{
	sqlite3_stmt *st = NULL;
	const char *sql =
	    ok ? "UPDATE users SET failed_logins = 0, last_failed_at = NULL WHERE id = ?1"
	       : "UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ?2 "
	         "WHERE id = ?1";
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (!ok)
			sqlite3_bind_int64(st, 2, now);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

/* A valid hash of a password nobody knows, so that unknown names cost the
 * same verification time as known ones. Computed once. */
static const char *dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];
	static int done;
	if (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
		char tmp[crypto_pwhash_STRBYTES], pw[33];
		unsigned char r[16];
		randombytes_buf(r, sizeof(r));
		sodium_bin2hex(pw, sizeof(pw), r, sizeof(r));
		if (crypto_pwhash_str(tmp, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                      crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0) {
			memcpy(hash, tmp, sizeof(hash));
			__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
		}
	}
	return hash;
}

int user_check(sqlite3 *db, const char *name, const char *password, int64_t now, struct user *out,
               int64_t *wait, char **cause)
{
	char hash[crypto_pwhash_STRBYTES + 1];
	struct user u = {0};
	*wait = 0;
	memset(out, 0, sizeof(*out));
	int g = get_user(db, name ? name : "", &u, hash, sizeof(hash), cause);
	if (g < 0)
		return -1;
	if (g == 1) {
		const char *d = dummy_hash();
		if (*d && crypto_pwhash_str_verify(d, password, strlen(password)) == 0)
			return USER_CHECK_BAD; /* cannot happen: nobody knows that password */
		return USER_CHECK_BAD;
	}
	int64_t left = user_login_wait(&u, now);
	if (left > 0) {
		*wait = left;
		user_free(&u);
		return USER_CHECK_WAIT;
	}
	int ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	sodium_memzero(hash, sizeof(hash));
	if (note_login(db, u.id, ok, now, cause) != 0) {
		user_free(&u);
		return -1;
	}
	if (!ok) {
		user_free(&u);
		return USER_CHECK_BAD;
	}
	u.failed_logins = 0;
	u.last_failed_at = 0;
	*out = u;
	return USER_CHECK_OK;
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

int user_emails_of_role(sqlite3 *db, enum user_role role, char ***out, size_t *n, char **cause)
{
	sqlite3_stmt *st = NULL;
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
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof(char *));
		(*out)[(*n)++] = xstrdup(col_text(st, 0));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		*cause = db_cause(db, "workspace");
		return -1;
	}
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
