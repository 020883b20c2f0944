/* store/session.h — dashboard login sessions. The browser holds a random
 * token in a cookie; the workspace keeps only a hash of it, the user, a CSRF
 * token and the expiry time. */
#ifndef FOKUS_STORE_SESSION_H
#define FOKUS_STORE_SESSION_H
#include <stdint.h>

#include "store/user.h"

struct sqlite3;

#define SESSION_TOKEN_LEN 64 /* hex characters of a cookie token or CSRF token */

struct session {
	struct user user;
	char csrf[SESSION_TOKEN_LEN + 1];
	int64_t expires_at; /* unix seconds */
};

/* Creates a session for user_id that ends at now + ttl seconds. Writes the
 * cookie token into token and the CSRF token into csrf (both hex, NUL
 * terminated). Also deletes expired sessions. Returns 0 or -1 with *cause. */
int session_create(struct sqlite3 *db, int64_t user_id, int64_t now, int64_t ttl,
                   char token[SESSION_TOKEN_LEN + 1], char csrf[SESSION_TOKEN_LEN + 1],
                   char **cause);

/* Looks up the session of a cookie token. Returns 0 and fills *out (free
 * out->user with user_free); 1 when the token is unknown, malformed or
 * expired; -1 with *cause on a workspace error. */
int session_get(struct sqlite3 *db, const char *token, int64_t now, struct session *out,
                char **cause);

/* Ends the session of token (no error when it does not exist). Returns 0 or -1 with *cause. */
int session_delete(struct sqlite3 *db, const char *token, char **cause);

/* Compares two tokens in constant time. Returns 1 when equal and both non-empty. */
int session_token_equal(const char *a, const char *b);

#endif
