/* settings.c — the settings table (key, value text). Prepared statements
 * only; one statement per call, so every call is its own transaction
 * unless the caller holds one. */
#include "store/settings.h"
#include "store/db.h"
#include "util/xmalloc.h"

#include <sqlite3.h>
#include <stdlib.h>

int settings_get(sqlite3 *db, const char *key, char **out, char **cause)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = db_cause(db, "reading the settings");
		return -1;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_text(st, 0))
		*out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		*cause = db_cause(db, "reading the settings");
		return -1;
	}
	return 0;
}

/* Runs sql with key (and value when not NULL) bound; 0 or -1 with *cause. */
static int write_one(sqlite3 *db, const char *sql, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (value)
			sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc != 0)
		*cause = db_cause(db, "writing the settings");
	sqlite3_finalize(st);
	return rc;
}

int settings_set(sqlite3 *db, const char *key, const char *value, char **cause)
{
	return write_one(db,
	                 "INSERT INTO settings(key, value) VALUES (?1, ?2) "
	                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                 key, value, cause);
}

int settings_set_once(sqlite3 *db, const char *key, const char *value, char **cause)
{
	return write_one(db, "INSERT OR IGNORE INTO settings(key, value) VALUES (?1, ?2)", key,
	                 value, cause);
}

int settings_unset(sqlite3 *db, const char *key, char **cause)
{
	return write_one(db, "DELETE FROM settings WHERE key = ?1", key, NULL, cause);
}

int settings_list(sqlite3 *db, struct setting **out, int *n, char **cause)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM settings ORDER BY key", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = db_cause(db, "reading the settings");
		return -1;
	}
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, (size_t)*n + 1, sizeof(**out));
		const char *v = (const char *)sqlite3_column_text(st, 1);
		(*out)[*n].key = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*out)[*n].value = xstrdup(v ? v : "");
		(*n)++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		*cause = db_cause(db, "reading the settings");
		settings_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void settings_list_free(struct setting *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}
