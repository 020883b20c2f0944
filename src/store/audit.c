/* audit.c — the audit table (schema 5): append, list, bounds. Every write
 * also trims the table to its bounds, so it never needs a separate job. */
#include "store/audit.h"
#include "store/db.h"
#include "store/settings.h"
#include "util/xmalloc.h"

#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int audit_keep_days(sqlite3 *db)
{
	char *v = NULL, *cause = NULL;
	if (settings_get(db, "audit_keep_days", &v, &cause) != 0)
		free(cause); /* unreadable: the default */
	int d = v ? atoi(v) : 0;
	free(v);
	return d >= 1 ? d : AUDIT_KEEP_DAYS;
}

/* Removes entries before `before` and all but the newest AUDIT_MAX_ROWS. */
static int trim(sqlite3 *db, int64_t before, int64_t *removed, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	int64_t n = 0;
	if (sqlite3_prepare_v2(db,
	                       "DELETE FROM audit WHERE at < ?1 OR "
	                       "id <= (SELECT max(id) FROM audit) - ?2",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, before);
		sqlite3_bind_int64(st, 2, AUDIT_MAX_ROWS);
		if (sqlite3_step(st) == SQLITE_DONE) {
			n = sqlite3_changes(db);
			rc = 0;
		}
	}
	if (rc < 0)
		*cause = db_cause(db, "audit log");
	sqlite3_finalize(st);
	if (removed)
		*removed = n;
	return rc;
}

int audit_add(sqlite3 *db, int64_t now, const char *actor, const char *address, const char *action,
              const char *detail, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO audit(at, actor, address, action, detail) "
	                       "VALUES (?, ?, ?, ?, ?)",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_text(st, 2, actor ? actor : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, address ? address : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, action ? action : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, detail ? detail : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc < 0)
		*cause = db_cause(db, "audit log");
	sqlite3_finalize(st);
	if (rc == 0)
		rc = trim(db, now - (int64_t)audit_keep_days(db) * 86400, NULL, cause);
	return rc;
}

int audit_set_keep_days(sqlite3 *db, int days, int64_t now, int64_t *removed, char **cause)
{
	char v[24];
	if (days < 1) {
		*cause = xstrdup("--keep-days must be 1 or more");
		return -1;
	}
	snprintf(v, sizeof(v), "%d", days);
	if (settings_set(db, "audit_keep_days", v, cause) != 0)
		return -1;
	return trim(db, now - (int64_t)days * 86400, removed, cause);
}

static const char *text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

int audit_list(sqlite3 *db, int64_t since, int64_t limit,
               void (*fn)(void *arg, const struct audit_entry *e), void *arg, char **cause)
{
	sqlite3_stmt *st = NULL;
	/* the newest `limit` of them, shown oldest first */
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, at, actor, address, action, detail FROM "
	                       "(SELECT * FROM audit WHERE at >= ?1 ORDER BY id DESC LIMIT ?2) "
	                       "ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK) {
		*cause = db_cause(db, "audit log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, limit);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry e = {
		    .id = sqlite3_column_int64(st, 0),
		    .at = sqlite3_column_int64(st, 1),
		    .actor = text(st, 2),
		    .address = text(st, 3),
		    .action = text(st, 4),
		    .detail = text(st, 5),
		};
		fn(arg, &e);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		*cause = db_cause(db, "audit log");
		return -1;
	}
	return 0;
}

char *audit_system_user(void)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	uid_t uid = geteuid();
	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &res) == 0 && res && res->pw_name &&
	    *res->pw_name)
		return xstrdup(res->pw_name);
	return xasprintf("uid %u", (unsigned)uid);
}
