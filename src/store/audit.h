/* store/audit.h — the audit log kept in the workspace: who did what, when
 * and from where (logins, imports, categorizations, overrides, plan
 * apply/undo, user changes). Bounded: entries older than the kept days
 * (setting audit_keep_days, default AUDIT_KEEP_DAYS) and beyond the newest
 * AUDIT_MAX_ROWS go when a new one is written. */
#ifndef FOKUS_STORE_AUDIT_H
#define FOKUS_STORE_AUDIT_H
#include <stdint.h>

struct sqlite3;

#define AUDIT_KEEP_DAYS 365
#define AUDIT_MAX_ROWS 1000000

/* The address recorded for the command line (not a network client). */
#define AUDIT_LOCAL "local"

struct audit_entry {
	int64_t id;
	int64_t at;          /* unix seconds */
	const char *actor;   /* a dashboard user, or the system user of a command */
	const char *address; /* the client's IP address, or AUDIT_LOCAL */
	const char *action;  /* "login", "login-failed", "import", "categorize", ... */
	const char *detail;  /* what, in a few words ("orders.csv: 1200 rows") */
};

/* Appends an entry at time `now` (NULL fields are stored as "") and drops
 * what the bounds no longer keep. Returns 0, or -1 with *cause (caller frees). */
int audit_add(struct sqlite3 *db, int64_t now, const char *actor, const char *address,
              const char *action, const char *detail, char **cause);

/* Calls fn for each entry at or after `since` (unix seconds; 0 all), oldest
 * first, at most `limit` of the newest (limit < 0: all). The entry's strings
 * live during the call only. Returns 0 or -1 with *cause. */
int audit_list(struct sqlite3 *db, int64_t since, int64_t limit,
               void (*fn)(void *arg, const struct audit_entry *e), void *arg, char **cause);

/* The details of the entries the command line and the dashboard both write,
 * so both read the same. */
#define AUDIT_IMPORT_FMT "%s %s: %lld rows stored (batch %lld)" /* kind, file, rows, batch */
#define AUDIT_CATEGORIZE_FMT "snapshot %lld, %zu customers"     /* id, customers */
#define AUDIT_OVERRIDE_FMT "%s -> %s: %s"                       /* customer, category, reason */
#define AUDIT_USER_ADD_FMT "%s (%s%s%s)" /* name, role, ", seller " or "", seller or "" */

/* The days entries are kept (the setting, or AUDIT_KEEP_DAYS). */
int audit_keep_days(struct sqlite3 *db);

/* Sets the days entries are kept (1 or more) and removes the older ones at
 * once; *removed (may be NULL) gets how many went. 0 or -1 with *cause. */
int audit_set_keep_days(struct sqlite3 *db, int days, int64_t now, int64_t *removed, char **cause);

/* The login name of the user running this process ("uid 1000" when the
 * system has no name for it), as the actor of a command. Caller frees. */
char *audit_system_user(void);

#endif
