/* store/user.h — dashboard users: name, role, the seller they are (for the
 * seller role), an argon2id password hash (libsodium), and the count of
 * failed logins that slows down password guessing. */
#ifndef FOKUS_STORE_USER_H
#define FOKUS_STORE_USER_H
#include <stddef.h>
#include <stdint.h>

struct sqlite3;

enum user_role { USER_ADMIN = 0, USER_MANAGER, USER_SELLER, USER_SERVICE, USER_ROLE_COUNT };

/* "admin" "manager" "seller" "service"; "" for an out-of-range value. */
const char *user_role_code(enum user_role r);
/* Parses a role code (case-insensitive). Returns 0 and *out, or -1. */
int user_role_parse(const char *s, enum user_role *out);

struct user {
	int64_t id;
	char *name;
	enum user_role role;
	char *seller_id;        /* the seller this user is (seller role), else NULL */
	int failed_logins;      /* failed logins in a row for this name (login_failures) */
	int64_t last_failed_at; /* unix seconds, 0 when never */
	char *created_at;
};

/* Failed logins in a row that are checked without waiting: per user name,
 * and per client address (a team behind one address shares it). */
#define USER_FREE_FAILURES 3
#define USER_ADDR_FREE_FAILURES 20

/* Frees what u owns (not u). NULL-safe. */
void user_free(struct user *u);

/* Initializes libsodium; call once before any password function. Returns 0 or -1. */
int user_crypto_init(void);

/* Adds a user with an argon2id hash of password. A seller needs seller_id.
 * Returns 0; -2 with *cause (caller frees) when refused (the name exists, a
 * short password, no seller ID for a seller...: the sentence says which);
 * -1 with *cause when the workspace fails. */
int user_add(struct sqlite3 *db, const char *name, enum user_role role, const char *seller_id,
             const char *password, char **cause);

/* Sets a new password, ends the user's sessions and clears their
 * failed-login count, in one transaction. Returns 0, 1 when there is no
 * such user, -1 with *cause. */
int user_set_password(struct sqlite3 *db, const char *name, const char *password, char **cause);

/* Removes the user and their sessions. Returns 0, 1 when absent, -1 with *cause. */
int user_remove(struct sqlite3 *db, const char *name, char **cause);

/* Reads one user by name into *out (caller frees with user_free). Returns 0,
 * 1 when absent, -1 with *cause. */
int user_get(struct sqlite3 *db, const char *name, struct user *out, char **cause);

/* All users ordered by name in a fresh array *out of *n (free each with
 * user_free, then the array). Returns 0 or -1 with *cause. */
int user_list(struct sqlite3 *db, struct user **out, int *n, char **cause);

/* Seconds this user must still wait before the next password attempt is
 * checked: 0 for up to USER_FREE_FAILURES failures in a row, then 1, 2, 4 ...
 * seconds after the last failure, at most 60. Pure; now in unix seconds.
 * (An address waits the same way after USER_ADDR_FREE_FAILURES.) */
int64_t user_login_wait(const struct user *u, int64_t now);

enum user_check { USER_CHECK_OK = 0, USER_CHECK_BAD = 1, USER_CHECK_WAIT = 2 };

/* Checks a password for a login from addr (the client's address, or NULL).
 * First, in one write transaction, the attempt is counted as failed for the
 * name and the address — unless either must still wait (USER_CHECK_WAIT,
 * *wait set, nothing checked) — so attempts at once cannot all pass the
 * check. Then the password is verified: USER_CHECK_OK fills *out (caller
 * frees), clears the name's count and takes this attempt off the address's;
 * USER_CHECK_BAD for a wrong password or an unknown name. Unknown names are
 * counted, slowed down and verified (against a dummy hash) exactly like
 * known ones. Returns the enum, or -1 with *cause on a workspace error. */
/* Makes the dummy hash user_check verifies for unknown names (0.1 s, once
 * per process), so that the first login costs what every other does. */
void user_check_prepare(void);

int user_check(struct sqlite3 *db, const char *name, const char *password, const char *addr,
               int64_t now, struct user *out, int64_t *wait, char **cause);

/* --- the follow-up: a user's e-mail address (the weekly pulse) and feed
 * token (the pulse's Atom feed; the workspace keeps only its hash) --- */

/* The user's e-mail address into *out (NULL when none; caller frees).
 * Returns 0, 1 when there is no such user, -1 with *cause. */
int user_email_get(struct sqlite3 *db, const char *name, char **out, char **cause);
/* Sets the address (NULL clears it; the caller checks it). Returns 0, 1 when
 * there is no such user, -1 with *cause. */
int user_email_set(struct sqlite3 *db, const char *name, const char *email, char **cause);
/* The addresses of every user of the role that has one, ordered by name,
 * into *out (*n; free each, then the array). Returns 0 or -1 with *cause. */
int user_emails_of_role(struct sqlite3 *db, enum user_role role, char ***out, size_t *n,
                        char **cause);

#define USER_FEED_TOKEN_LEN 64 /* hex characters */

/* A new feed token for the user, replacing any earlier one, into token.
 * Returns 0, 1 when there is no such user, -1 with *cause. */
int user_feed_token_new(struct sqlite3 *db, const char *name, char token[USER_FEED_TOKEN_LEN + 1],
                        char **cause);
/* Removes the user's feed token. Returns 0 (also when there was none), 1
 * when there is no such user, -1 with *cause. */
int user_feed_token_revoke(struct sqlite3 *db, const char *name, char **cause);
/* The user a feed token belongs to into *out (free with user_free).
 * Returns 0, 1 when the token is unknown or malformed, -1 with *cause. */
int user_by_feed_token(struct sqlite3 *db, const char *token, struct user *out, char **cause);

#endif
