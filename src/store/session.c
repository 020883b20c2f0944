/* session.c — the sessions table. Cookie tokens and CSRF tokens are 32
 * random bytes (libsodium randombytes) in hex; the table keeps a BLAKE2b hash
 * of the cookie token, so a copy of the workspace does not hand out logins. */
#include "store/session.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void random_hex(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char r[SESSION_TOKEN_LEN / 2];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, SESSION_TOKEN_LEN + 1, r, sizeof(r));
	sodium_memzero(r, sizeof(r));
}

static int is_token(const char *t)
{
	if (!t || strlen(t) != SESSION_TOKEN_LEN)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int exec_bound(sqlite3 *db, const char *sql, const char *text, int64_t num, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (text)
			sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, 1, num);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

int session_create(sqlite3 *db, int64_t user_id, int64_t now, int64_t ttl,
                   char token[SESSION_TOKEN_LEN + 1], char csrf[SESSION_TOKEN_LEN + 1],
                   char **cause)
{
	char h[65];
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (exec_bound(db, "DELETE FROM sessions WHERE expires_at <= ?1", NULL, now, cause) != 0)
		return -1;
	random_hex(token);
	random_hex(csrf);
	token_hash(token, h);
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO sessions(token_hash, user_id, csrf, expires_at) "
	                       "VALUES (?, ?, ?, ?)",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, h, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, user_id);
		sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, now + ttl);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc < 0)
		*cause = db_cause(db, "workspace");
	sqlite3_finalize(st);
	return rc;
}

int session_get(sqlite3 *db, const char *token, int64_t now, struct session *out, char **cause)
{
	char h[65];
	sqlite3_stmt *st = NULL;
	int rc = -1;
	memset(out, 0, sizeof(*out));
	if (!is_token(token))
		return 1;
	token_hash(token, h);
	if (sqlite3_prepare_v2(db,
	                       "SELECT u.id, u.name, u.role, u.seller_id, s.csrf, s.expires_at "
	                       "FROM sessions s JOIN users u ON u.id = s.user_id "
	                       "WHERE s.token_hash = ?1 AND s.expires_at > ?2",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, h, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, now);
		int s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			const char *role = (const char *)sqlite3_column_text(st, 2);
			const char *seller = (const char *)sqlite3_column_text(st, 3);
			const char *csrf = (const char *)sqlite3_column_text(st, 4);
			out->user.id = sqlite3_column_int64(st, 0);
			out->user.name = xstrdup((const char *)sqlite3_column_text(st, 1));
			if (user_role_parse(role, &out->user.role) != 0)
				out->user.role = USER_SERVICE;
			out->user.seller_id = seller ? xstrdup(seller) : NULL;
			snprintf(out->csrf, sizeof(out->csrf), "%s", csrf ? csrf : "");
			out->expires_at = sqlite3_column_int64(st, 5);
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

int session_delete(sqlite3 *db, const char *token, char **cause)
{
	char h[65];
	if (!is_token(token))
		return 0;
	token_hash(token, h);
	return exec_bound(db, "DELETE FROM sessions WHERE token_hash = ?1", h, 0, cause);
}

int session_token_equal(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return 0;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
