/* store/backup.c — backup and restore through sqlite3_backup_*, in steps of
 * 1024 pages so a serving dashboard is never blocked for long. */
#include "store/backup.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static int copy(sqlite3 *dst, sqlite3 *src, sqlite3 *errdb, const char *what, char **cause)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		*cause = db_cause(dst, what);
		return -1;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			usleep(20000);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		*cause = db_cause(errdb, what);
		return -1;
	}
	return 0;
}

int store_backup(sqlite3 *db, const char *path, char **cause)
{
	sqlite3 *out = NULL;
	if (sqlite3_open_v2(path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		*cause = db_cause(out, path);
		sqlite3_close(out);
		return -1;
	}
	sqlite3_extended_result_codes(out, 1);
	int rc = copy(out, db, out, path, cause);
	/* A backup is one self-contained file: no WAL beside it. */
	if (rc == 0)
		sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(out);
	return rc;
}

int store_restore(sqlite3 *db, const char *path, char **cause)
{
	sqlite3 *in = NULL;
	int rc = -1;
	if (access(path, R_OK) != 0) {
		*cause = xasprintf("%s: cannot read the file", path);
		return -1;
	}
	if (sqlite3_open_v2(path, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*cause = db_cause(in, path);
		goto out;
	}
	sqlite3_stmt *st = NULL;
	int version = -1, tables = 0;
	if (sqlite3_prepare_v2(in, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	/* The orders are a table of their own up to schema 1, blocks since 2. */
	if (sqlite3_prepare_v2(in,
	                       "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                       "('customers','batches','snapshots') OR name = "
	                       "(CASE WHEN ?1 >= 2 THEN 'order_blocks' ELSE 'orders' END)",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_int(st, 1, version) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 1 || tables != 4) {
		*cause = xasprintf("%s is not a fokus workspace backup", path);
		goto out;
	}
	if (version > DB_SCHEMA_VERSION) {
		*cause = xasprintf("%s was written by a newer fokus (schema %d)", path, version);
		goto out;
	}
	rc = copy(db, in, db, "restoring the workspace", cause);
out:
	sqlite3_close(in);
	return rc;
}
